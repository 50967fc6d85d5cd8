/* MS-OXCDATA property values (2.11) and the structures made of them: TypedPropertyValue (2.11.3),
 * TaggedPropertyValue (2.11.4), Flagged values (2.11.5, 2.11.6) inside PropertyRows (2.8.1, 2.8.2),
 * PropertyName (2.6.1), PropertyProblem (2.7), PropertyTagArray (2.10.1), PtypServerId (2.11.1.4).
 *
 * Every value type is one entry of the table below; the single-valued, multi-valued, copy and equality code
 * works element by element from it. */
#include "mapi/mapi_propval.h"
#include "mapi/mapi_codec_private.h"
#include "mapi/mapi_restriction.h"
#include "mapi/mapi_ruleaction.h"
#include "common/wc_error.h"
#include "common/wc_unicode.h"

#include <string.h>

/* The kinds of element the per-element code distinguishes. */
enum elem_kind {
	K_NONE,    /* PT_NULL: no bytes */
	K_NUMBER,  /* fixed-size little-endian number of `wire` bytes, kept in a C object of the same size */
	K_BOOL,    /* one byte, 0 or 1, kept as bool */
	K_STRING8, /* 8-bit NUL-terminated, kept raw */
	K_UNICODE, /* UTF-16LE 0x0000-terminated, kept as UTF-8 */
	K_GUID,    /* 16 bytes */
	K_BINARY,  /* COUNT then bytes */
	K_RES,     /* PtypRestriction: a Restriction (2.12) */
	K_ACTIONS, /* PtypRuleAction: a RuleAction (MS-OXORULE 2.2.5) */
};

/* MS-OXCDATA 2.11.1: one row per value type. wire: fixed wire size (0 if variable); csize: size of one
 * element in the C array of a multi-valued value; min: fewest wire bytes one element takes (a count is
 * checked against it before anything is allocated); mv: a PtypMultiple* form exists. */
struct type_info {
	uint16_t type;
	uint8_t kind;
	uint8_t wire;
	uint8_t csize;
	uint8_t min;
	bool mv;
};

static const struct type_info type_table[] = {
        {PT_NULL, K_NONE, 0, 0, 0, false},
        {PT_SHORT, K_NUMBER, 2, sizeof(int16_t), 2, true},
        {PT_LONG, K_NUMBER, 4, sizeof(int32_t), 4, true},
        {PT_FLOAT, K_NUMBER, 4, sizeof(float), 4, true},
        {PT_DOUBLE, K_NUMBER, 8, sizeof(double), 8, true},
        {PT_CURRENCY, K_NUMBER, 8, sizeof(int64_t), 8, true},
        {PT_APPTIME, K_NUMBER, 8, sizeof(double), 8, true},
        {PT_ERROR, K_NUMBER, 4, sizeof(uint32_t), 4, false},
        {PT_BOOLEAN, K_BOOL, 1, sizeof(bool), 1, false},
        /* PtypObject is not carried inline by any ROP; where it is (FastTransfer varPropType, MS-OXCFXICS
         * 2.2.4.1.1) it is counted bytes, so it is kept as opaque counted bytes like PtypBinary. */
        {PT_OBJECT, K_BINARY, 0, sizeof(struct mapi_binary), 2, false},
        {PT_I8, K_NUMBER, 8, sizeof(int64_t), 8, true},
        {PT_STRING8, K_STRING8, 0, sizeof(char *), 1, true},
        {PT_UNICODE, K_UNICODE, 0, sizeof(char *), 2, true},
        {PT_SYSTIME, K_NUMBER, 8, sizeof(uint64_t), 8, true},
        {PT_CLSID, K_GUID, 16, sizeof(struct wc_guid), 16, true},
        {PT_SVREID, K_BINARY, 0, sizeof(struct mapi_binary), 2, false},
        {PT_SRESTRICT, K_RES, 0, 0, 1, false},
        {PT_ACTIONS, K_ACTIONS, 0, 0, 2, false},
        {PT_BINARY, K_BINARY, 0, sizeof(struct mapi_binary), 2, true},
};

static const struct type_info *type_info(uint16_t type)
{
	for (size_t i = 0; i < sizeof type_table / sizeof type_table[0]; i++)
		if (type_table[i].type == type)
			return &type_table[i];
	return NULL;
}

/* MS-OXCDATA 2.11.1.3: a multi-valued type with the MultivalueInstance bit names one instance of the
 * property, so its value is a single value of the base type. */
static bool is_instance(uint16_t type)
{
	return (type & (PT_MV_FLAG | MVI_FLAG)) == (PT_MV_FLAG | MVI_FLAG);
}

/* The table entry for a value type and whether it is multi-valued; NULL for a code that is not a value type.
 */
static const struct type_info *value_type(uint16_t type, bool *multi)
{
	if (is_instance(type))
		type &= (uint16_t) ~(PT_MV_FLAG | MVI_FLAG);
	else if (type & MVI_FLAG)
		return NULL;
	*multi = (type & PT_MV_FLAG) != 0;
	const struct type_info *ti = type_info((uint16_t)(type & ~PT_MV_FLAG));
	if (ti == NULL || (*multi && !ti->mv))
		return NULL;
	return ti;
}

bool mapi_type_valid(uint16_t type)
{
	bool multi;
	return value_type(type, &multi) != NULL;
}

uint32_t mapi_type_fixed_size(uint16_t type)
{
	bool multi;
	const struct type_info *ti = value_type(type, &multi);
	return ti == NULL || multi ? 0 : ti->wire;
}

/* ---- one element ---- */

/* Reads one element of a value into the C object at elem (whose type the kind implies); allocations go on mem
 * and are gone again when it fails. */
static int elem_pull(struct wc_reader *r, TALLOC_CTX *mem, const struct type_info *ti, unsigned flags,
                     void *elem)
{
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	struct mapi_binary *bin = elem;

	switch (ti->kind) {
	case K_NONE:
		return 0;
	case K_NUMBER:
		/* The integer read little-endian has the value's bit pattern; the C object has the same size.
		 */
		if (ti->wire == 2 && wc_read_u16(r, &u16))
			memcpy(elem, &u16, 2);
		else if (ti->wire == 4 && wc_read_u32(r, &u32))
			memcpy(elem, &u32, 4);
		else if (ti->wire == 8 && wc_read_u64(r, &u64))
			memcpy(elem, &u64, 8);
		else
			return WC_EFORMAT;
		return 0;
	case K_BOOL:
		/* 2.11.1: "1 byte; restricted to 1 or 0" */
		if (!wc_read_u8(r, &u8))
			return WC_EFORMAT;
		if (u8 > 1)
			return WC_ERANGE;
		*(bool *)elem = u8 != 0;
		return 0;
	case K_STRING8:
		return wc_read_ascii_z(r, mem, elem) ? 0 : WC_EFORMAT;
	case K_UNICODE:
		return wc_read_utf16_z(r, mem, elem) ? 0 : WC_EFORMAT;
	case K_GUID:
		return wc_read_guid(r, elem) ? 0 : WC_EFORMAT;
	case K_BINARY:
		if (!count_pull(r, flags, &u32) || !wc_read_blob(r, mem, u32, &bin->data))
			return WC_EFORMAT;
		bin->len = u32;
		return 0;
	}
	return WC_EUNSUPPORTED;
}

static int elem_push(struct wc_writer *w, const struct type_info *ti, unsigned flags, const void *elem)
{
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	const struct mapi_binary *bin = elem;
	const char *s = ti->kind == K_STRING8 || ti->kind == K_UNICODE ? *(char *const *)elem : NULL;

	switch (ti->kind) {
	case K_NONE:
		break;
	case K_NUMBER:
		if (ti->wire == 2) {
			memcpy(&u16, elem, 2);
			wc_write_u16(w, u16);
		} else if (ti->wire == 4) {
			memcpy(&u32, elem, 4);
			wc_write_u32(w, u32);
		} else {
			memcpy(&u64, elem, 8);
			wc_write_u64(w, u64);
		}
		break;
	case K_BOOL:
		wc_write_u8(w, *(const bool *)elem ? 1 : 0);
		break;
	case K_STRING8:
	case K_UNICODE:
		if (s == NULL)
			return writer_fail(w, WC_EINVAL);
		if (ti->kind == K_STRING8)
			wc_write_ascii_z(w, s);
		else
			wc_write_utf16_z(w, s);
		break;
	case K_GUID:
		wc_write_guid(w, elem);
		break;
	case K_BINARY:
		if (bin->len > 0 && bin->data == NULL)
			return writer_fail(w, WC_EINVAL);
		if (count_push(w, flags, bin->len) == 0)
			wc_write_bytes(w, bin->data, bin->len);
		break;
	default:
		return writer_fail(w, WC_EINVAL);
	}
	return wc_writer_status(w);
}

static int elem_copy(TALLOC_CTX *mem, const struct type_info *ti, const void *src, void *dst)
{
	const struct mapi_binary *sb = src;
	struct mapi_binary *db = dst;

	switch (ti->kind) {
	case K_STRING8:
	case K_UNICODE:
		if (*(char *const *)src == NULL) {
			*(char **)dst = NULL;
			return 0;
		}
		*(char **)dst = talloc_strdup(mem, *(char *const *)src);
		return *(char **)dst ? 0 : WC_ENOMEM;
	case K_BINARY:
		db->len = sb->len;
		db->data = sb->data ? talloc_memdup(mem, sb->data, sb->len ? sb->len : 1) : NULL;
		return sb->data == NULL || db->data != NULL ? 0 : WC_ENOMEM;
	case K_BOOL:
		*(bool *)dst = *(const bool *)src;
		return 0;
	default: /* numbers and GUIDs are plain bytes */
		memcpy(dst, src, ti->csize);
		return 0;
	}
}

static bool elem_equal(const struct type_info *ti, const void *a, const void *b)
{
	const struct mapi_binary *ba = a, *bb = b;
	const char *sa, *sb;

	switch (ti->kind) {
	case K_NONE:
		return true;
	case K_STRING8:
	case K_UNICODE:
		sa = *(char *const *)a;
		sb = *(char *const *)b;
		return sa == sb || (sa != NULL && sb != NULL && strcmp(sa, sb) == 0);
	case K_BINARY:
		return ba->len == bb->len && (ba->len == 0 || memcmp(ba->data, bb->data, ba->len) == 0);
	case K_BOOL:
		return *(const bool *)a == *(const bool *)b;
	default: /* numbers bit for bit, GUIDs byte for byte (no padding in either) */
		return memcmp(a, b, ti->csize) == 0;
	}
}

/* ---- multi-valued values: 32-bit count (2.11.1.1) then the elements ---- */

static int mv_pull(struct wc_reader *r, TALLOC_CTX *mem, const struct type_info *ti, unsigned flags,
                   struct mapi_mv *mv)
{
	uint32_t count;
	if (!wc_read_u32(r, &count))
		return WC_EFORMAT;
	if (count > MAPI_MAX_MV_COUNT)
		return WC_ERANGE;
	if (count > wc_reader_left(r) / ti->min)
		return WC_EFORMAT; /* the input cannot hold that many: fail before allocating */
	uint8_t *arr = NULL;
	if (count > 0) {
		arr = talloc_zero_size(mem, (size_t)count * ti->csize);
		if (arr == NULL)
			return WC_ENOMEM;
		talloc_set_name_const(arr, "mapi_mv");
	}
	for (uint32_t i = 0; i < count; i++) {
		int ret = elem_pull(r, arr, ti, flags, arr + (size_t)i * ti->csize);
		if (ret != 0) {
			talloc_free(arr);
			return ret;
		}
	}
	mv->count = count;
	mv->data = arr;
	return 0;
}

static int mv_push(struct wc_writer *w, const struct type_info *ti, unsigned flags, const struct mapi_mv *mv)
{
	if (mv->count > 0 && mv->data == NULL)
		return writer_fail(w, WC_EINVAL);
	wc_write_u32(w, mv->count);
	for (uint32_t i = 0; i < mv->count && wc_writer_status(w) == 0; i++)
		elem_push(w, ti, flags, (const uint8_t *)mv->data + (size_t)i * ti->csize);
	return wc_writer_status(w);
}

static int mv_copy(TALLOC_CTX *mem, const struct type_info *ti, const struct mapi_mv *src,
                   struct mapi_mv *dst)
{
	uint8_t *arr = NULL;
	if (src->count > 0) {
		arr = talloc_zero_size(mem, (size_t)src->count * ti->csize);
		if (arr == NULL)
			return WC_ENOMEM;
		talloc_set_name_const(arr, "mapi_mv");
	}
	for (uint32_t i = 0; i < src->count; i++) {
		size_t off = (size_t)i * ti->csize;
		if (elem_copy(arr, ti, (const uint8_t *)src->data + off, arr + off) != 0) {
			talloc_free(arr);
			return WC_ENOMEM;
		}
	}
	dst->count = src->count;
	dst->data = arr;
	return 0;
}

static bool mv_equal(const struct type_info *ti, const struct mapi_mv *a, const struct mapi_mv *b)
{
	if (a->count != b->count)
		return false;
	for (uint32_t i = 0; i < a->count; i++) {
		size_t off = (size_t)i * ti->csize;
		if (!elem_equal(ti, (const uint8_t *)a->data + off, (const uint8_t *)b->data + off))
			return false;
	}
	return true;
}

/* ---- a value of any type (2.11.1) ---- */

/* All members of union mapi_value start at its first byte, so the union itself is the element of a
 * single-valued number, boolean, string or binary. */
int mapi_value_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t type, unsigned flags, union mapi_value *v)
{
	bool multi;
	const struct type_info *ti = value_type(type, &multi);
	union mapi_value tmp;
	int ret;

	if (ti == NULL)
		return WC_EUNSUPPORTED;
	memset(&tmp, 0, sizeof tmp);
	if (multi) {
		ret = mv_pull(r, mem, ti, flags, &tmp.mv);
	} else if (ti->kind == K_RES) {
		ret = mapi_restriction_pull(r, mem, flags, &tmp.res);
	} else if (ti->kind == K_ACTIONS) {
		ret = mapi_rule_actions_pull(r, mem, flags, &tmp.actions);
	} else if (ti->kind == K_GUID) {
		tmp.guid = talloc(mem, struct wc_guid);
		if (tmp.guid == NULL)
			return WC_ENOMEM;
		ret = elem_pull(r, mem, ti, flags, tmp.guid);
		if (ret != 0)
			talloc_free(tmp.guid);
	} else {
		ret = elem_pull(r, mem, ti, flags, &tmp);
	}
	if (ret == 0)
		*v = tmp;
	return ret;
}

int mapi_value_push(struct wc_writer *w, uint16_t type, unsigned flags, const union mapi_value *v)
{
	bool multi;
	const struct type_info *ti = value_type(type, &multi);

	if (ti == NULL)
		return writer_fail(w, WC_EINVAL);
	if (multi)
		return mv_push(w, ti, flags, &v->mv);
	switch (ti->kind) {
	case K_RES:
		if (v->res == NULL)
			return writer_fail(w, WC_EINVAL);
		return mapi_restriction_push(w, flags, v->res);
	case K_ACTIONS:
		if (v->actions == NULL)
			return writer_fail(w, WC_EINVAL);
		return mapi_rule_actions_push(w, flags, v->actions);
	case K_GUID:
		if (v->guid == NULL)
			return writer_fail(w, WC_EINVAL);
		return elem_push(w, ti, flags, v->guid);
	default:
		return elem_push(w, ti, flags, v);
	}
}

int mapi_value_copy(TALLOC_CTX *mem, uint16_t type, const union mapi_value *src, union mapi_value *dst)
{
	bool multi;
	const struct type_info *ti = value_type(type, &multi);
	union mapi_value tmp;
	int ret = 0;

	if (ti == NULL)
		return WC_EINVAL;
	memset(&tmp, 0, sizeof tmp);
	if (multi) {
		ret = mv_copy(mem, ti, &src->mv, &tmp.mv);
	} else if (ti->kind == K_RES) {
		ret = src->res == NULL ? 0 : mapi_restriction_copy(mem, src->res, &tmp.res);
	} else if (ti->kind == K_ACTIONS) {
		ret = src->actions == NULL ? 0 : mapi_rule_actions_copy(mem, src->actions, &tmp.actions);
	} else if (ti->kind == K_GUID) {
		if (src->guid != NULL) {
			tmp.guid = talloc_memdup(mem, src->guid, sizeof *src->guid);
			ret = tmp.guid ? 0 : WC_ENOMEM;
		}
	} else {
		ret = elem_copy(mem, ti, src, &tmp);
	}
	if (ret == 0)
		*dst = tmp;
	return ret;
}

bool mapi_value_equal(uint16_t type, const union mapi_value *a, const union mapi_value *b)
{
	bool multi;
	const struct type_info *ti = value_type(type, &multi);

	if (ti == NULL)
		return false;
	if (multi)
		return mv_equal(ti, &a->mv, &b->mv);
	switch (ti->kind) {
	case K_RES:
		return a->res == b->res || (a->res && b->res && mapi_restriction_equal(a->res, b->res));
	case K_ACTIONS:
		return a->actions == b->actions ||
		       (a->actions && b->actions && mapi_rule_actions_equal(a->actions, b->actions));
	case K_GUID:
		return a->guid == b->guid || (a->guid && b->guid && elem_equal(ti, a->guid, b->guid));
	default:
		return elem_equal(ti, a, b);
	}
}

/* ---- tagged and typed values ---- */

/* MS-OXCDATA 2.11.4 TaggedPropertyValue */
int mapi_tagged_propval_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_propval *pv)
{
	uint32_t tag;
	union mapi_value v;
	if (!wc_read_u32(r, &tag))
		return WC_EFORMAT;
	int ret = mapi_value_pull(r, mem, PROP_TYPE(tag), flags, &v);
	if (ret != 0)
		return ret;
	pv->tag = tag;
	pv->value = v;
	return 0;
}

int mapi_tagged_propval_push(struct wc_writer *w, unsigned flags, const struct mapi_propval *pv)
{
	wc_write_u32(w, pv->tag);
	return mapi_value_push(w, PROP_TYPE(pv->tag), flags, &pv->value);
}

int mapi_tagged_propval_array_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, uint32_t count,
                                   struct mapi_propval **pvs)
{
	/* each TaggedPropertyValue takes at least its 4-byte tag */
	if (count > wc_reader_left(r) / 4)
		return WC_EFORMAT;
	struct mapi_propval *arr = NULL;
	if (count > 0 && (arr = talloc_zero_array(mem, struct mapi_propval, count)) == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < count; i++) {
		int ret = mapi_tagged_propval_pull(r, arr, flags, &arr[i]);
		if (ret != 0) {
			talloc_free(arr);
			return ret;
		}
	}
	*pvs = arr;
	return 0;
}

int mapi_tagged_propval_array_push(struct wc_writer *w, unsigned flags, uint32_t count,
                                   const struct mapi_propval *pvs)
{
	if (count > 0 && pvs == NULL)
		return writer_fail(w, WC_EINVAL);
	for (uint32_t i = 0; i < count && wc_writer_status(w) == 0; i++)
		mapi_tagged_propval_push(w, flags, &pvs[i]);
	return wc_writer_status(w);
}

/* MS-OXCDATA 2.11.3 TypedPropertyValue */
int mapi_typed_propval_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_propval *pv)
{
	uint16_t type;
	union mapi_value v;
	if (!wc_read_u16(r, &type))
		return WC_EFORMAT;
	int ret = mapi_value_pull(r, mem, type, flags, &v);
	if (ret != 0)
		return ret;
	pv->tag = PROP_TAG(type, 0);
	pv->value = v;
	return 0;
}

int mapi_typed_propval_push(struct wc_writer *w, unsigned flags, const struct mapi_propval *pv)
{
	wc_write_u16(w, PROP_TYPE(pv->tag));
	return mapi_value_push(w, PROP_TYPE(pv->tag), flags, &pv->value);
}

int mapi_propval_copy(TALLOC_CTX *mem, const struct mapi_propval *src, struct mapi_propval *dst)
{
	union mapi_value v;
	int ret = mapi_value_copy(mem, PROP_TYPE(src->tag), &src->value, &v);
	if (ret != 0)
		return ret;
	dst->tag = src->tag;
	dst->value = v;
	return 0;
}

bool mapi_propval_equal(const struct mapi_propval *a, const struct mapi_propval *b)
{
	return a->tag == b->tag && mapi_value_equal(PROP_TYPE(a->tag), &a->value, &b->value);
}

/* ---- PropertyRow (2.8.1) ---- */

/* One entry of a row's ValueArray for the given column: PropertyValue or TypedPropertyValue (2.8.1.1) in a
 * standard row, FlaggedPropertyValue (2.11.5) or FlaggedPropertyValueWithType (2.11.6) in a flagged row. */
static int row_value_pull(struct wc_reader *r, TALLOC_CTX *mem, uint32_t column, bool flagged, unsigned flags,
                          struct mapi_row_value *rv)
{
	uint16_t type = PROP_TYPE(column);
	uint8_t vflag = MAPI_VALUE_PRESENT;

	if (type == PT_UNSPECIFIED && !wc_read_u16(r, &type))
		return WC_EFORMAT;
	if (flagged && !wc_read_u8(r, &vflag))
		return WC_EFORMAT;
	rv->flag = vflag;
	rv->pv.tag = CHANGE_PROP_TYPE(column, type);
	switch (vflag) {
	case MAPI_VALUE_PRESENT:
		return mapi_value_pull(r, mem, type, flags, &rv->pv.value);
	case MAPI_VALUE_NOT_PRESENT:
		return 0;
	case MAPI_VALUE_ERROR:
		return wc_read_u32(r, &rv->pv.value.err) ? 0 : WC_EFORMAT;
	}
	return WC_EFORMAT; /* 2.11.5: the flag MUST be 0x0, 0x1 or 0xA */
}

static int row_value_push(struct wc_writer *w, uint32_t column, bool flagged, unsigned flags,
                          const struct mapi_row_value *rv)
{
	uint16_t type = PROP_TYPE(rv->pv.tag), ctype = PROP_TYPE(column);

	if (ctype == PT_UNSPECIFIED) {
		wc_write_u16(w, type);
	} else if (rv->flag == MAPI_VALUE_PRESENT && type != ctype &&
	           !(is_instance(ctype) && type == (ctype & ~(PT_MV_FLAG | MVI_FLAG)))) {
		/* a value must be of the column's type, or of its base type for a multi-value instance column
		 * (2.11.1.3); an absent or error value (2.11.5) carries no value of the type, so its tag's
		 * type (often PtypErrorCode) does not matter */
		return writer_fail(w, WC_EINVAL);
	} else {
		type = ctype;
	}
	if (flagged)
		wc_write_u8(w, rv->flag);
	else if (rv->flag != MAPI_VALUE_PRESENT)
		return writer_fail(w, WC_EINVAL); /* a standard row has every value present */
	switch (rv->flag) {
	case MAPI_VALUE_PRESENT:
		return mapi_value_push(w, type, flags, &rv->pv.value);
	case MAPI_VALUE_NOT_PRESENT:
		return wc_writer_status(w);
	case MAPI_VALUE_ERROR:
		wc_write_u32(w, rv->pv.value.err);
		return wc_writer_status(w);
	}
	return writer_fail(w, WC_EINVAL);
}

/* MS-OXCDATA 2.8.1 PropertyRow */
int mapi_property_row_pull(struct wc_reader *r, TALLOC_CTX *mem, const uint32_t *columns, uint32_t ncolumns,
                           unsigned flags, struct mapi_property_row *row)
{
	uint8_t flag;
	if (!wc_read_u8(r, &flag))
		return WC_EFORMAT;
	if (flag != MAPI_ROW_STANDARD && flag != MAPI_ROW_FLAGGED)
		return WC_EFORMAT; /* 2.8.1.1 / 2.8.1.2: 0x00 or 0x01 */
	struct mapi_row_value *values = NULL;
	if (ncolumns > 0 && (values = talloc_zero_array(mem, struct mapi_row_value, ncolumns)) == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < ncolumns; i++) {
		int ret = row_value_pull(r, values, columns[i], flag == MAPI_ROW_FLAGGED, flags, &values[i]);
		if (ret != 0) {
			talloc_free(values);
			return ret;
		}
	}
	row->flag = flag;
	row->count = ncolumns;
	row->values = values;
	return 0;
}

int mapi_property_row_push(struct wc_writer *w, const uint32_t *columns, uint32_t ncolumns, unsigned flags,
                           const struct mapi_property_row *row)
{
	if (row->count != ncolumns || (row->flag != MAPI_ROW_STANDARD && row->flag != MAPI_ROW_FLAGGED) ||
	    (ncolumns > 0 && (columns == NULL || row->values == NULL)))
		return writer_fail(w, WC_EINVAL);
	wc_write_u8(w, row->flag);
	for (uint32_t i = 0; i < ncolumns && wc_writer_status(w) == 0; i++)
		row_value_push(w, columns[i], row->flag == MAPI_ROW_FLAGGED, flags, &row->values[i]);
	return wc_writer_status(w);
}

/* MS-OXCDATA 2.8.2.1 PropertyRowSet */
int mapi_property_row_set_pull(struct wc_reader *r, TALLOC_CTX *mem, const uint32_t *columns,
                               uint32_t ncolumns, unsigned flags, struct mapi_property_row_set *set)
{
	uint16_t count;
	if (!wc_read_u16(r, &count))
		return WC_EFORMAT;
	if (count > wc_reader_left(r)) /* every row takes at least its Flag byte */
		return WC_EFORMAT;
	struct mapi_property_row *rows = NULL;
	if (count > 0 && (rows = talloc_zero_array(mem, struct mapi_property_row, count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < count; i++) {
		int ret = mapi_property_row_pull(r, rows, columns, ncolumns, flags, &rows[i]);
		if (ret != 0) {
			talloc_free(rows);
			return ret;
		}
	}
	set->count = count;
	set->rows = rows;
	return 0;
}

int mapi_property_row_set_push(struct wc_writer *w, const uint32_t *columns, uint32_t ncolumns,
                               unsigned flags, const struct mapi_property_row_set *set)
{
	if (set->count > 0 && set->rows == NULL)
		return writer_fail(w, WC_EINVAL);
	wc_write_u16(w, set->count);
	for (uint16_t i = 0; i < set->count && wc_writer_status(w) == 0; i++)
		mapi_property_row_push(w, columns, ncolumns, flags, &set->rows[i]);
	return wc_writer_status(w);
}

/* ---- PropertyName (2.6.1) ---- */

int mapi_propname_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_propname *pn)
{
	struct mapi_propname tmp = {0};
	uint8_t size;
	const uint8_t *p;

	if (!wc_read_u8(r, &tmp.kind) || !wc_read_guid(r, &tmp.guid))
		return WC_EFORMAT;
	switch (tmp.kind) {
	case MNID_ID:
		if (!wc_read_u32(r, &tmp.lid))
			return WC_EFORMAT;
		break;
	case MNID_STRING:
		/* NameSize counts the bytes of Name including its two-byte terminator (MS-OXCPRPT 4.1.1: 0x14
		 * for "TestProp1"). */
		if (!wc_read_u8(r, &size) || size < 2 || size % 2 != 0 || !wc_read_ptr(r, size, &p))
			return WC_EFORMAT;
		if (p[size - 2] != 0 || p[size - 1] != 0)
			return WC_EFORMAT;
		tmp.name = wc_utf16le_to_utf8(mem, p, size - 2u); /* rejects an earlier NUL and bad UTF-16 */
		if (tmp.name == NULL)
			return WC_EFORMAT;
		break;
	case MNID_NONE:
		break;
	default:
		return WC_EFORMAT; /* R17: Kind is 0x00, 0x01 or 0xFF */
	}
	*pn = tmp;
	return 0;
}

int mapi_propname_push(struct wc_writer *w, const struct mapi_propname *pn)
{
	if (pn->kind != MNID_ID && pn->kind != MNID_STRING && pn->kind != MNID_NONE)
		return writer_fail(w, WC_EINVAL);
	wc_write_u8(w, pn->kind);
	wc_write_guid(w, &pn->guid);
	if (pn->kind == MNID_ID) {
		wc_write_u32(w, pn->lid);
	} else if (pn->kind == MNID_STRING) {
		if (pn->name == NULL)
			return writer_fail(w, WC_EINVAL);
		long units = wc_utf8_utf16_units(pn->name, strlen(pn->name));
		if (units < 0)
			return writer_fail(w, WC_EINVAL);
		if (units * 2 + 2 > UINT8_MAX)
			return writer_fail(w, WC_ERANGE);
		wc_write_u8(w, (uint8_t)(units * 2 + 2));
		wc_write_utf16_z(w, pn->name);
	}
	return wc_writer_status(w);
}

/* ---- PropertyProblem (2.7), PropertyTagArray (2.10.1), PtypServerId (2.11.1.4) ---- */

int mapi_propproblem_pull(struct wc_reader *r, struct mapi_propproblem *pp)
{
	struct mapi_propproblem tmp;
	if (!wc_read_u16(r, &tmp.index) || !wc_read_u32(r, &tmp.tag) || !wc_read_u32(r, &tmp.error))
		return WC_EFORMAT;
	*pp = tmp;
	return 0;
}

int mapi_propproblem_push(struct wc_writer *w, const struct mapi_propproblem *pp)
{
	wc_write_u16(w, pp->index);
	wc_write_u32(w, pp->tag);
	wc_write_u32(w, pp->error);
	return wc_writer_status(w);
}

int mapi_proptag_array_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t *count, uint32_t **tags)
{
	uint16_t n;
	if (!wc_read_u16(r, &n) || n > wc_reader_left(r) / 4)
		return WC_EFORMAT;
	uint32_t *arr = NULL;
	if (n > 0 && (arr = talloc_array(mem, uint32_t, n)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < n; i++)
		wc_read_u32(r, &arr[i]); /* cannot fail: checked above */
	*count = n;
	*tags = arr;
	return 0;
}

int mapi_proptag_array_push(struct wc_writer *w, uint16_t count, const uint32_t *tags)
{
	if (count > 0 && tags == NULL)
		return writer_fail(w, WC_EINVAL);
	wc_write_u16(w, count);
	for (uint16_t i = 0; i < count; i++)
		wc_write_u32(w, tags[i]);
	return wc_writer_status(w);
}

#define SERVER_ID_SIZE 21 /* Ours, folder ID, message ID, Instance */

int mapi_server_id_pull(const struct mapi_binary *bin, struct mapi_server_id *sid)
{
	struct wc_reader r;
	struct mapi_server_id tmp;
	wc_reader_init(&r, bin->data, bin->len);
	if (bin->len != SERVER_ID_SIZE || !wc_read_u8(&r, &tmp.ours) || tmp.ours != 0x01 ||
	    !wc_read_u64(&r, &tmp.folder_id) || !wc_read_u64(&r, &tmp.message_id) ||
	    !wc_read_u32(&r, &tmp.instance))
		return WC_EFORMAT;
	*sid = tmp;
	return 0;
}

int mapi_server_id_push(TALLOC_CTX *mem, const struct mapi_server_id *sid, struct mapi_binary *bin)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	wc_write_u8(&w, sid->ours);
	wc_write_u64(&w, sid->folder_id);
	wc_write_u64(&w, sid->message_id);
	wc_write_u32(&w, sid->instance);
	if (wc_writer_status(&w) != 0) {
		talloc_free(w.data);
		return wc_writer_status(&w);
	}
	bin->len = (uint32_t)w.len;
	bin->data = w.data;
	return 0;
}
