/* NSPI structures in their MAPI/HTTP form: MS-OXNSPI 2.2.7-2.2.9, MS-OXCMAPIHTTP 2.2.1.
 *
 * Decoders allocate on the mem they are given, write their output only on success and free what they
 * allocated on failure. Counts are checked against MAPI_NSPI_MAX_COUNT and against the bytes left before
 * anything is allocated. */
#include "mapi/nspi_types.h"

#include <string.h>

#include "common/wc_error.h"

/* MS-OXNSPI 2.2.1.7 GUID_NSPI {0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A, 0xB4, 0xB9, 0x08, 0x00, 0x2B,
 * 0x2F, 0xE1, 0x82} read as a little-endian GUID */
const struct wc_guid mapi_nspi_guid = {
        0xC840A7DC, 0x42C0, 0x1A10, {0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82}};

/* A count read from the wire: at most MAPI_NSPI_MAX_COUNT, and count elements of at least min_size bytes
 * each have to fit in what is left, so a hostile count cannot cause a large allocation. */
static int read_count(struct wc_reader *r, size_t min_size, uint32_t *count)
{
	if (!wc_read_u32(r, count))
		return WC_EFORMAT;
	if (*count > MAPI_NSPI_MAX_COUNT)
		return WC_ERANGE;
	if ((uint64_t)*count * min_size > wc_reader_left(r))
		return WC_EFORMAT;
	return 0;
}

static int write_count(struct wc_writer *w, uint32_t count)
{
	if (count > MAPI_NSPI_MAX_COUNT)
		return WC_ERANGE;
	wc_write_u32(w, count);
	return wc_writer_status(w);
}

/* MS-OXNSPI 2.2.8 STAT */
int mapi_nspi_stat_pull(struct wc_reader *r, struct mapi_nspi_stat *s)
{
	uint32_t v[9];
	if (wc_reader_left(r) < MAPI_NSPI_STAT_SIZE)
		return WC_EFORMAT;
	for (int i = 0; i < 9; i++)
		wc_read_u32(r, &v[i]);
	s->sort_type = v[0];
	s->container_id = v[1];
	s->current_rec = v[2];
	s->delta = (int32_t)v[3];
	s->num_pos = v[4];
	s->total_recs = v[5];
	s->code_page = v[6];
	s->template_locale = v[7];
	s->sort_locale = v[8];
	return 0;
}

int mapi_nspi_stat_push(struct wc_writer *w, const struct mapi_nspi_stat *s)
{
	const uint32_t v[9] = {s->sort_type,       s->container_id,    s->current_rec,
	                       (uint32_t)s->delta, s->num_pos,         s->total_recs,
	                       s->code_page,       s->template_locale, s->sort_locale};
	for (int i = 0; i < 9; i++)
		wc_write_u32(w, v[i]);
	return wc_writer_status(w);
}

/* MS-OXCMAPIHTTP 2.2.1.8 LargePropertyTagArray; MinimalEntryID lists have the same form */
int mapi_u32_array_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_u32_array *a)
{
	uint32_t count;
	int rc = read_count(r, 4, &count);
	if (rc != 0)
		return rc;
	uint32_t *v = talloc_array(mem, uint32_t, count ? count : 1);
	if (v == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < count; i++)
		wc_read_u32(r, &v[i]);
	a->count = count;
	a->values = v;
	return 0;
}

int mapi_u32_array_push(struct wc_writer *w, const struct mapi_u32_array *a)
{
	int rc = write_count(w, a->count);
	for (uint32_t i = 0; rc == 0 && i < a->count; i++)
		wc_write_u32(w, a->values[i]);
	return rc != 0 ? rc : wc_writer_status(w);
}

/* MS-OXNSPI 2.2.7 StringsArray_r / WStringsArray_r in the MAPI/HTTP form (MS-OXCMAPIHTTP 2.2.5.4.1 and
 * 2.2.5.14.1: NameCount, NameValues) */
int mapi_nspi_strings_pull(struct wc_reader *r, TALLOC_CTX *mem, bool unicode, struct mapi_nspi_strings *s)
{
	uint32_t count;
	int rc = read_count(r, unicode ? 2 : 1, &count);
	if (rc != 0)
		return rc;
	char **v = talloc_zero_array(mem, char *, count ? count : 1);
	if (v == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < count; i++) {
		bool ok = unicode ? wc_read_utf16_z(r, v, &v[i]) : wc_read_ascii_z(r, v, &v[i]);
		if (!ok) {
			talloc_free(v);
			return WC_EFORMAT;
		}
	}
	s->count = count;
	s->strings = v;
	return 0;
}

int mapi_nspi_strings_push(struct wc_writer *w, bool unicode, const struct mapi_nspi_strings *s)
{
	int rc = write_count(w, s->count);
	for (uint32_t i = 0; rc == 0 && i < s->count; i++) {
		if (s->strings[i] == NULL)
			return WC_EINVAL;
		if (unicode)
			wc_write_utf16_z(w, s->strings[i]);
		else
			wc_write_ascii_z(w, s->strings[i]);
		rc = wc_writer_status(w);
	}
	return rc;
}

/* MS-OXNSPI 2.2.9.2 EphemeralEntryID, 2.2.9.3 PermanentEntryID */
int mapi_nspi_entryid_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_nspi_entryid *e)
{
	struct mapi_nspi_entryid v = {0};
	uint32_t r4;
	if (!wc_read_u8(r, &v.id_type))
		return WC_EFORMAT;
	if (v.id_type != NSPI_EPHEMERAL_ENTRYID && v.id_type != NSPI_PERMANENT_ENTRYID)
		return WC_EFORMAT;
	if (!wc_read_skip(r, 3) || !wc_read_guid(r, &v.provider_uid) || !wc_read_u32(r, &r4) ||
	    !wc_read_u32(r, &v.display_type))
		return WC_EFORMAT;
	bool ok =
	        v.id_type == NSPI_EPHEMERAL_ENTRYID ? wc_read_u32(r, &v.mid) : wc_read_ascii_z(r, mem, &v.dn);
	if (!ok)
		return WC_EFORMAT;
	*e = v;
	return 0;
}

int mapi_nspi_entryid_push(struct wc_writer *w, const struct mapi_nspi_entryid *e)
{
	if (e->id_type != NSPI_EPHEMERAL_ENTRYID && (e->id_type != NSPI_PERMANENT_ENTRYID || e->dn == NULL))
		return WC_EINVAL;
	wc_write_u8(w, e->id_type);
	wc_write_zeros(w, 3); /* R1, R2, R3 */
	wc_write_guid(w, &e->provider_uid);
	wc_write_u32(w, 1); /* R4 */
	wc_write_u32(w, e->display_type);
	if (e->id_type == NSPI_EPHEMERAL_ENTRYID)
		wc_write_u32(w, e->mid);
	else
		wc_write_ascii_z(w, e->dn);
	return wc_writer_status(w);
}

/* MS-OXCMAPIHTTP 2.2.5.10.1 EntryIdCount, EntryIds */
int mapi_nspi_entryids_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_nspi_entryids *e)
{
	uint32_t count;
	/* the shorter form: a permanent entry ID with an empty DN, 29 bytes */
	int rc = read_count(r, 29, &count);
	if (rc != 0)
		return rc;
	struct mapi_nspi_entryid *v = talloc_zero_array(mem, struct mapi_nspi_entryid, count ? count : 1);
	if (v == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; rc == 0 && i < count; i++)
		rc = mapi_nspi_entryid_pull(r, v, &v[i]);
	if (rc != 0) {
		talloc_free(v);
		return rc;
	}
	e->count = count;
	e->ids = v;
	return 0;
}

int mapi_nspi_entryids_push(struct wc_writer *w, const struct mapi_nspi_entryids *e)
{
	int rc = write_count(w, e->count);
	for (uint32_t i = 0; rc == 0 && i < e->count; i++)
		rc = mapi_nspi_entryid_push(w, &e->ids[i]);
	return rc;
}

/* ---- MS-OXCMAPIHTTP 2.2.1 AddressBook* property values ---- */

/* 2.2.1.1: "HasValue ... when the PropertyType is known to be either PtypString, PtypString8, PtypBinary or
 * PtypMultiple" (every multi-valued type, R2250-R2261). */
bool mapi_abk_has_value_byte(uint16_t type)
{
	return type == PT_STRING8 || type == PT_UNICODE || type == PT_BINARY || (type & PT_MV_FLAG) != 0;
}

/* Fewest bytes an AddressBookPropertyValue of this type can take, for the hostile-count checks. */
static size_t abk_value_min_size(uint16_t type)
{
	if (mapi_abk_has_value_byte(type))
		return 1; /* HasValue FALSE */
	return mapi_type_fixed_size(type);
}

/* 2.2.1.1 AddressBookPropertyValue */
int mapi_abk_propvalue_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t type, struct mapi_abk_value *v)
{
	union mapi_value value;
	memset(&value, 0, sizeof value);
	if (mapi_abk_has_value_byte(type)) {
		uint8_t has;
		if (!wc_read_u8(r, &has))
			return WC_EFORMAT;
		if (has == 0x00) {
			v->has_value = false;
			v->pv.value = value;
			return 0;
		}
		if (has != 0xFF) /* "MUST contain either TRUE (0xFF) or FALSE (0x00)" */
			return WC_EFORMAT;
	}
	int rc = mapi_value_pull(r, mem, type, MAPI_PV_COUNT32, &value);
	if (rc != 0)
		return rc;
	v->has_value = true;
	v->pv.value = value;
	return 0;
}

int mapi_abk_propvalue_push(struct wc_writer *w, uint16_t type, const struct mapi_abk_value *v)
{
	if (mapi_abk_has_value_byte(type)) {
		wc_write_u8(w, v->has_value ? 0xFF : 0x00);
		if (!v->has_value)
			return wc_writer_status(w);
	} else if (!v->has_value) {
		return WC_EINVAL; /* only the types above can go without a value */
	}
	int rc = mapi_value_push(w, type, MAPI_PV_COUNT32, &v->pv.value);
	return rc != 0 ? rc : wc_writer_status(w);
}

/* 2.2.1.2 AddressBookTaggedPropertyValue: PropertyType and PropertyId are the little-endian property tag */
int mapi_abk_tagged_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_value *v)
{
	struct mapi_abk_value t = {0};
	if (!wc_read_u32(r, &t.pv.tag))
		return WC_EFORMAT;
	int rc = mapi_abk_propvalue_pull(r, mem, PROP_TYPE(t.pv.tag), &t);
	if (rc != 0)
		return rc;
	*v = t;
	return 0;
}

int mapi_abk_tagged_push(struct wc_writer *w, const struct mapi_abk_value *v)
{
	wc_write_u32(w, v->pv.tag);
	return mapi_abk_propvalue_push(w, PROP_TYPE(v->pv.tag), v);
}

/* 2.2.1.3 AddressBookPropertyValueList */
int mapi_abk_proplist_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_proplist *l)
{
	uint32_t count;
	int rc = read_count(r, 4, &count); /* a tag and no value at the least (PtypNull) */
	if (rc != 0)
		return rc;
	struct mapi_abk_value *v = talloc_zero_array(mem, struct mapi_abk_value, count ? count : 1);
	if (v == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; rc == 0 && i < count; i++)
		rc = mapi_abk_tagged_pull(r, v, &v[i]);
	if (rc != 0) {
		talloc_free(v);
		return rc;
	}
	l->count = count;
	l->values = v;
	return 0;
}

int mapi_abk_proplist_push(struct wc_writer *w, const struct mapi_abk_proplist *l)
{
	int rc = write_count(w, l->count);
	for (uint32_t i = 0; rc == 0 && i < l->count; i++)
		rc = mapi_abk_tagged_push(w, &l->values[i]);
	return rc;
}

/* MS-OXCMAPIHTTP 2.2.5.8.2 RowsCount, Rows */
int mapi_abk_proplists_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_proplists *l)
{
	uint32_t count;
	int rc = read_count(r, 4, &count); /* an empty list is its 4-byte count */
	if (rc != 0)
		return rc;
	struct mapi_abk_proplist *v = talloc_zero_array(mem, struct mapi_abk_proplist, count ? count : 1);
	if (v == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; rc == 0 && i < count; i++)
		rc = mapi_abk_proplist_pull(r, v, &v[i]);
	if (rc != 0) {
		talloc_free(v);
		return rc;
	}
	l->count = count;
	l->lists = v;
	return 0;
}

int mapi_abk_proplists_push(struct wc_writer *w, const struct mapi_abk_proplists *l)
{
	int rc = write_count(w, l->count);
	for (uint32_t i = 0; rc == 0 && i < l->count; i++)
		rc = mapi_abk_proplist_push(w, &l->lists[i]);
	return rc;
}

/* One value of an AddressBookPropertyRow for a column (2.2.1.7): AddressBookPropertyValue (2.2.1.1) or
 * AddressBookTypedPropertyValue (2.2.1.4) in a standard row, AddressBookFlaggedPropertyValue (2.2.1.5) or
 * AddressBookFlaggedPropertyValueWithType (2.2.1.6) in a flagged row. */
static int row_value_pull(struct wc_reader *r, TALLOC_CTX *mem, uint8_t row_flags, uint32_t column,
                          struct mapi_abk_value *v)
{
	uint16_t type = PROP_TYPE(column);
	v->pv.tag = column;
	if (type == PT_UNSPECIFIED) {
		if (!wc_read_u16(r, &type))
			return WC_EFORMAT;
		v->pv.tag = CHANGE_PROP_TYPE(column, type);
	}
	if (row_flags == MAPI_ROW_FLAGGED) {
		if (!wc_read_u8(r, &v->flag))
			return WC_EFORMAT;
		if (v->flag == MAPI_VALUE_NOT_PRESENT) {
			v->has_value = false;
			return 0;
		}
		if (v->flag == MAPI_VALUE_ERROR)
			type = PT_ERROR;
		else if (v->flag != MAPI_VALUE_PRESENT)
			return WC_EFORMAT; /* "MUST be set to one of" 0x0, 0x1, 0xA */
	}
	return mapi_abk_propvalue_pull(r, mem, type, v);
}

static int row_value_push(struct wc_writer *w, uint8_t row_flags, uint32_t column,
                          const struct mapi_abk_value *v)
{
	uint16_t type = PROP_TYPE(column);
	if (type == PT_UNSPECIFIED) {
		type = PROP_TYPE(v->pv.tag);
		wc_write_u16(w, type);
	}
	if (row_flags == MAPI_ROW_FLAGGED) {
		wc_write_u8(w, v->flag);
		if (v->flag == MAPI_VALUE_NOT_PRESENT)
			return wc_writer_status(w);
		if (v->flag == MAPI_VALUE_ERROR)
			type = PT_ERROR;
		else if (v->flag != MAPI_VALUE_PRESENT)
			return WC_EINVAL;
	}
	return mapi_abk_propvalue_push(w, type, v);
}

/* Fewest bytes a row over these columns can take. */
static size_t row_min_size(uint8_t row_flags, const struct mapi_u32_array *columns)
{
	size_t n = 1; /* Flags */
	for (uint32_t i = 0; i < columns->count; i++) {
		uint16_t type = PROP_TYPE(columns->values[i]);
		if (type == PT_UNSPECIFIED)
			n += 2 +
			     (row_flags == MAPI_ROW_FLAGGED); /* PropertyType [Flag] and a zero-size value */
		else if (row_flags == MAPI_ROW_FLAGGED)
			n += 1; /* Flag 0x1, nothing follows */
		else
			n += abk_value_min_size(type);
	}
	return n;
}

/* 2.2.1.7 AddressBookPropertyRow */
int mapi_abk_row_pull(struct wc_reader *r, TALLOC_CTX *mem, const struct mapi_u32_array *columns,
                      struct mapi_abk_row *row)
{
	uint8_t flags;
	if (!wc_read_u8(r, &flags))
		return WC_EFORMAT;
	if (flags != MAPI_ROW_STANDARD && flags != MAPI_ROW_FLAGGED)
		return WC_EFORMAT;
	if (row_min_size(flags, columns) - 1 > wc_reader_left(r))
		return WC_EFORMAT;
	struct mapi_abk_value *v =
	        talloc_zero_array(mem, struct mapi_abk_value, columns->count ? columns->count : 1);
	if (v == NULL)
		return WC_ENOMEM;
	int rc = 0;
	for (uint32_t i = 0; rc == 0 && i < columns->count; i++)
		rc = row_value_pull(r, v, flags, columns->values[i], &v[i]);
	if (rc != 0) {
		talloc_free(v);
		return rc;
	}
	row->flags = flags;
	row->values = v;
	return 0;
}

int mapi_abk_row_push(struct wc_writer *w, const struct mapi_u32_array *columns,
                      const struct mapi_abk_row *row)
{
	if (row->flags != MAPI_ROW_STANDARD && row->flags != MAPI_ROW_FLAGGED)
		return WC_EINVAL;
	wc_write_u8(w, row->flags);
	int rc = wc_writer_status(w);
	for (uint32_t i = 0; rc == 0 && i < columns->count; i++)
		rc = row_value_push(w, row->flags, columns->values[i], &row->values[i]);
	return rc;
}

/* Columns, RowCount, RowData (e.g. 2.2.5.12.2) */
int mapi_abk_rowset_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_rowset *rs)
{
	struct mapi_abk_rowset v = {0};
	TALLOC_CTX *tmp = talloc_new(mem);
	if (tmp == NULL)
		return WC_ENOMEM;
	int rc = mapi_u32_array_pull(r, tmp, &v.columns);
	if (rc == 0)
		rc = read_count(r, 1, &v.count); /* Flags */
	/* Every value takes at least one byte on the wire, except a PtypNull column in a standard row.
	 * Zero-size values would let a short input ask for count x columns entries, so values may not
	 * outnumber the bytes left. */
	if (rc == 0 && (uint64_t)v.count * v.columns.count > wc_reader_left(r))
		rc = WC_EFORMAT;
	if (rc == 0) {
		v.rows = talloc_zero_array(tmp, struct mapi_abk_row, v.count ? v.count : 1);
		if (v.rows == NULL)
			rc = WC_ENOMEM;
	}
	for (uint32_t i = 0; rc == 0 && i < v.count; i++)
		rc = mapi_abk_row_pull(r, v.rows, &v.columns, &v.rows[i]);
	if (rc != 0) {
		talloc_free(tmp);
		return rc;
	}
	*rs = v;
	return 0;
}

int mapi_abk_rowset_push(struct wc_writer *w, const struct mapi_abk_rowset *rs)
{
	int rc = mapi_u32_array_push(w, &rs->columns);
	if (rc == 0)
		rc = write_count(w, rs->count);
	for (uint32_t i = 0; rc == 0 && i < rs->count; i++)
		rc = mapi_abk_row_push(w, &rs->columns, &rs->rows[i]);
	return rc;
}
