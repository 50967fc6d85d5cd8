/* warpd NSPI methods, MS-OXNSPI 3.1.4.1 (and MS-OXCMAPIHTTP 2.2.5.18/2.2.5.19 GetMailboxUrl,
 * GetAddressBookUrl). Each function follows its method's numbered server processing constraints; comments
 * cite them as "cN". */
#include <stdlib.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "server/nspi/nspi_private.h"
#include "server/rfr/rfr.h"

/* Rows SeekEntries returns with the table of the STAT (3.1.4.1.9 c15: any count above 0). */
#define NSPI_SEEK_ROWS 50

/* 3.1.4.1.8 c6: the columns of QueryRows without pPropTags. */
static const uint32_t default_columns[] = {
        PidTagAddressBookContainerId,
        PidTagObjectType,
        PidTagDisplayType,
        CHANGE_PROP_TYPE(PidTagDisplayName, PT_STRING8),
        CHANGE_PROP_TYPE(PidTagPrimaryTelephoneNumber, PT_STRING8),
        CHANGE_PROP_TYPE(PidTagDepartmentName, PT_STRING8),
        CHANGE_PROP_TYPE(PidTagOfficeLocation, PT_STRING8),
};
static const struct mapi_u32_array default_cols = {sizeof default_columns / sizeof *default_columns,
                                                   (uint32_t *)default_columns};

static int session_destroy(struct nspi_session *s)
{
	nspi_release(s);
	return 0;
}

uint32_t nspi_bind(TALLOC_CTX *mem, struct dir_handle *dir, const struct nspi_config *cfg, const char *user,
                   uint32_t flags, const struct mapi_nspi_stat *stat, struct nspi_session **out,
                   struct wc_guid *server_guid)
{
	/* c1, c5: CP_WINUNICODE (undefined: answered InvalidCodepage) and 8-bit code pages we do not convert
	 */
	if (stat == NULL || !nspi_codepage_supported(stat->code_page))
		return ecInvalidCodepage;
	/* c2-c4: fAnonymousLogin is honoured only when the configuration allows anonymous address book
	 * access; an authenticated bind needs a known, enabled user. */
	bool anonymous = (flags & NSPI_ANONYMOUS_LOGIN) != 0;
	if (anonymous ? !cfg->allow_anonymous : user == NULL)
		return ecLoginFailure;
	struct nspi_session *s = talloc_zero(mem, struct nspi_session);
	if (s == NULL)
		return ecNotEnoughMemory;
	s->dir = dir;
	s->cfg = *cfg;
	s->cache = cfg->cache ? cfg->cache : nspi_cache_create(s);
	if (s->cache == NULL) {
		talloc_free(s);
		return ecNotEnoughMemory;
	}
	talloc_set_destructor(s, session_destroy);
	s->cfg.host = talloc_strdup(s, cfg->host ? cfg->host : "localhost");
	if (s->cfg.host == NULL || dir_org_get(dir, s, &s->org) != DIR_OK) {
		talloc_free(s);
		return ecLoginFailure;
	}
	if (!anonymous) {
		struct dir_entry *e;
		if (dir_lookup(dir, s, user, &e) != DIR_OK || e->kind != DIR_USER || !e->enabled) {
			talloc_free(s);
			return ecLoginFailure;
		}
		s->user_mid = e->mid;
		talloc_free(e);
	}
	if (server_guid != NULL)
		*server_guid = s->org->server_guid; /* c6 */
	*out = s;
	return ecSuccess;
}

void nspi_set_dir(struct nspi_session *s, struct dir_handle *dir)
{
	s->dir = dir;
}

/* c1: "UnbindSuccess" (0x00000001, MS-OXCDATA 2.4), not Success: MS-OXCMAPIHTTP 2.2.5.2.2 takes the
 * ErrorCode from these rules unchanged. c2 (UnbindFailure) cannot happen: freeing the session always
 * succeeds. c3 is the transport's (the Session Context goes with the session). */
uint32_t nspi_unbind(struct nspi_session *s)
{
	talloc_free(s);
	return ecUnbindSuccess;
}

/* The list the STAT names, after reading directory changes (c: "unable to locate the container"). */
static uint32_t stat_list(struct nspi_session *s, const struct mapi_nspi_stat *stat,
                          const struct nspi_list **l)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	if (stat == NULL || stat->code_page == CP_WINUNICODE)
		return ecInvalidCodepage; /* c1 of every method: undefined, answered with a permitted value */
	*l = nspi_find_list(s, stat->container_id);
	return *l ? ecSuccess : ecInvalidBookmark;
}

uint32_t nspi_update_stat(struct nspi_session *s, struct mapi_nspi_stat *stat, int32_t *delta)
{
	const struct nspi_list *l;
	size_t from, to;
	uint32_t ec = stat_list(s, stat, &l); /* c4 */
	if (ec != ecSuccess)
		return ec;
	struct mapi_nspi_stat start = *stat;
	start.delta = 0;
	if ((ec = nspi_position(s, l, &start, &from)) != ecSuccess || /* c5 */
	    (ec = nspi_position(s, l, stat, &to)) != ecSuccess)       /* c6 */
		return ec;
	if (delta != NULL)
		*delta = (int32_t)((int64_t)to - (int64_t)from); /* c7 */
	nspi_stat_set(l, stat, to);                              /* c8-c10 */
	return ecSuccess;
}

uint32_t nspi_compare_mids(struct nspi_session *s, const struct mapi_nspi_stat *stat, uint32_t mid1,
                           uint32_t mid2, int32_t *result)
{
	const struct nspi_list *l;
	uint32_t ec = stat_list(s, stat, &l); /* c3 */
	if (ec != ecSuccess)
		return ec;
	long a = nspi_list_index(s, l, mid1), b = nspi_list_index(s, l, mid2);
	if (a < 0 || b < 0)
		return ecError;       /* c5 */
	*result = a < b ? -1 : a > b; /* c6-c8 */
	return ecSuccess;
}

/* The address lists' DNs: "/" for the GAL, "/guid=" and 32 hex digits for the others (MS-OXOABK 2.2.1.1
 * addresslist-dn); the GUID is name-based (RFC 4122 version 3) on the list's name. */
static char *list_dn(TALLOC_CTX *mem, const struct nspi_list *l)
{
	if (l->container_id == NSPI_GAL_CONTAINER)
		return talloc_strdup(mem, "/");
	uint8_t d[16];
	nspi_name_guid("warpcore address list ", l->name, d);
	char *dn = talloc_strdup(mem, "/guid=");
	for (int i = 0; dn && i < 16; i++)
		dn = talloc_asprintf_append(dn, "%02X", d[i]);
	return dn;
}

uint32_t nspi_dn_to_mid(struct nspi_session *s, TALLOC_CTX *mem, const struct mapi_nspi_strings *names,
                        struct mapi_u32_array **mids)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	uint32_t n = names ? names->count : 0;
	struct mapi_u32_array *a = talloc_zero(mem, struct mapi_u32_array);
	if (a == NULL || (a->values = talloc_zero_array(a, uint32_t, n ? n : 1)) == NULL) {
		talloc_free(a);
		return ecNotEnoughMemory;
	}
	a->count = n;
	for (uint32_t i = 0; i < n; i++) {
		const struct nspi_obj *o = names->strings[i] ? nspi_find_dn(s, names->strings[i]) : NULL;
		a->values[i] = o ? o->e->mid : 0; /* c3: 0 when there is no mapping */
		for (int l = 0; o == NULL && names->strings[i] && l < NSPI_LIST_COUNT; l++) {
			char *dn = list_dn(a, &s->snap->lists[l]);
			if (dn && strcasecmp(dn, names->strings[i]) == 0)
				a->values[i] = s->snap->lists[l].container_id;
			talloc_free(dn);
		}
	}
	*mids = a;
	return ecSuccess;
}

/* One row of QueryRows (3.1.4.1.8 c14): what GetProps gives for the object, as an AddressBookPropertyRow. A
 * row with a missing value is a flagged row (MS-OXCMAPIHTTP 2.2.1.7) carrying the error ecNotFound there. */
static uint32_t make_row(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, uint32_t code_page,
                         uint32_t mid, const struct mapi_u32_array *cols, struct mapi_abk_row *row)
{
	const struct nspi_obj *o = nspi_find_mid(s, mid);
	row->values = talloc_zero_array(mem, struct mapi_abk_value, cols->count ? cols->count : 1);
	if (row->values == NULL)
		return ecNotEnoughMemory;
	row->flags = MAPI_ROW_STANDARD;
	for (uint32_t c = 0; c < cols->count; c++) {
		struct mapi_abk_value *v = &row->values[c];
		uint32_t ec =
		        o ? nspi_prop_get(s, row->values, o->e, cols->values[c], flags, code_page, &v->pv)
		          : ecNotFound;
		if (ec == ecNotEnoughMemory)
			return ec;
		if (ec != ecSuccess) {
			row->flags = MAPI_ROW_FLAGGED;
			v->flag = MAPI_VALUE_ERROR;
			v->pv.tag = CHANGE_PROP_TYPE(cols->values[c], PT_ERROR);
			v->pv.value.err = ecNotFound;
		}
		v->has_value = true;
	}
	for (uint32_t c = 0; row->flags == MAPI_ROW_FLAGGED && c < cols->count; c++)
		if (row->values[c].flag != MAPI_VALUE_ERROR)
			row->values[c].flag = MAPI_VALUE_PRESENT;
	return ecSuccess;
}

static uint32_t make_rowset(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, uint32_t code_page,
                            const uint32_t *mids, size_t n, const struct mapi_u32_array *cols,
                            struct mapi_abk_rowset **out)
{
	if (cols->count > MAPI_NSPI_MAX_COUNT)
		return ecTableTooBig;
	struct mapi_abk_rowset *rs = talloc_zero(mem, struct mapi_abk_rowset);
	if (rs == NULL)
		return ecNotEnoughMemory;
	rs->columns.count = cols->count;
	rs->columns.values =
	        talloc_memdup(rs, cols->values, sizeof(uint32_t) * (cols->count ? cols->count : 1));
	rs->rows = talloc_zero_array(rs, struct mapi_abk_row, n ? n : 1);
	if (rs->columns.values == NULL || rs->rows == NULL) {
		talloc_free(rs);
		return ecNotEnoughMemory;
	}
	for (size_t i = 0; i < n; i++) {
		uint32_t ec = make_row(s, rs->rows, flags, code_page, mids[i], cols, &rs->rows[i]);
		if (ec != ecSuccess) {
			talloc_free(rs);
			return ec;
		}
	}
	rs->count = (uint32_t)n;
	*out = rs;
	return ecSuccess;
}

/* The MIds of rows [from, from + n) of a list. */
static uint32_t *list_mids(TALLOC_CTX *mem, const struct nspi_list *l, size_t from, size_t n)
{
	uint32_t *m = talloc_array(mem, uint32_t, n ? n : 1);
	for (size_t i = 0; m && i < n; i++)
		m[i] = l->rows[from + i]->e->mid;
	return m;
}

/* 3.1.4.1.8 c15: no row of the table is left from the position (its end, or an empty table): Success with
 * Count rows whose values are all PtypErrorCode (ecNotFound, as for a missing value); c16 then moves the
 * position by Count, which stays at the end. The spec sets no bound on Count here; the rows are bounded to
 * MAPI_NSPI_MAX_COUNT values in all, so a hostile Count cannot make a huge response. */
static uint32_t no_rows(struct nspi_session *s, TALLOC_CTX *mem, const struct nspi_list *l,
                        struct mapi_nspi_stat *stat, uint32_t row_count, const struct mapi_u32_array *cols,
                        struct mapi_abk_rowset **rows)
{
	uint32_t per_row = cols->count ? cols->count : 1;
	size_t n = row_count < MAPI_NSPI_MAX_COUNT / per_row ? row_count : MAPI_NSPI_MAX_COUNT / per_row;
	uint32_t *none = talloc_zero_array(mem, uint32_t, n ? n : 1); /* MId 0 names no object */
	if (none == NULL)
		return ecNotEnoughMemory;
	uint32_t ec = make_rowset(s, mem, 0, stat->code_page, none, n, cols, rows);
	talloc_free(none);
	if (ec == ecSuccess)
		nspi_stat_set(l, stat, l->count);
	return ec;
}

uint32_t nspi_query_rows(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, struct mapi_nspi_stat *stat,
                         const struct mapi_u32_array *explicit_table, uint32_t row_count,
                         const struct mapi_u32_array *columns, struct mapi_abk_rowset **rows)
{
	const struct nspi_list *l;
	uint32_t ec = stat_list(s, stat, &l);
	bool etable = explicit_table != NULL && explicit_table->count > 0;
	if (ec == ecInvalidBookmark && etable)
		ec = ecSuccess; /* c5 asks for the container only without an Explicit Table */
	if (ec != ecSuccess)
		return ec;
	const struct mapi_u32_array *cols = columns ? columns : &default_cols; /* c6 */
	if (etable) {
		/* c8, c13: from the start of the Explicit Table; the STAT is not a position here */
		size_t n = explicit_table->count < row_count ? explicit_table->count : row_count;
		return make_rowset(s, mem, flags, stat->code_page, explicit_table->values, n, cols, rows);
	}
	size_t pos;
	if ((ec = nspi_position(s, l, stat, &pos)) != ecSuccess) /* c12: from the position, Delta included */
		return ec;
	/* c10, c11, c14 */
	size_t n = l->count - pos < row_count ? l->count - pos : row_count;
	if (n == 0 && row_count > 0) /* c2: Count 0 is undefined; answered with no rows */
		return no_rows(s, mem, l, stat, row_count, cols, rows);
	uint32_t *mids = list_mids(mem, l, pos, n);
	if (mids == NULL)
		return ecNotEnoughMemory;
	ec = make_rowset(s, mem, flags, stat->code_page, mids, n, cols, rows);
	talloc_free(mids);
	if (ec == ecSuccess)
		nspi_stat_set(l, stat, pos + n); /* c16: UpdateStat with Delta = rows returned */
	return ec;
}

/* The string of a PidTagDisplayName target (String8 in the client's code page, or Unicode) as UTF-8. */
static char *target_string(TALLOC_CTX *mem, const struct mapi_abk_value *t, uint32_t code_page)
{
	if (t == NULL || PROP_ID(t->pv.tag) != PROP_ID(PidTagDisplayName) || !t->has_value ||
	    t->pv.value.str == NULL)
		return NULL;
	if (PROP_TYPE(t->pv.tag) == PT_UNICODE)
		return talloc_strdup(mem, t->pv.value.str);
	if (PROP_TYPE(t->pv.tag) == PT_STRING8)
		return nspi_from_codepage(mem, t->pv.value.str, code_page);
	return NULL;
}

uint32_t nspi_seek_entries(struct nspi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                           const struct mapi_abk_value *target, const struct mapi_u32_array *explicit_table,
                           const struct mapi_u32_array *columns, struct mapi_abk_rowset **rows)
{
	const struct nspi_list *l;
	uint32_t ec = stat_list(s, stat, &l); /* c6 */
	if (ec != ecSuccess)
		return ec;
	if (stat->sort_type != SORT_TYPE_DISPLAY_NAME) /* c9, c10: no phonetic names in the directory */
		return ecError;
	TALLOC_CTX *tmp = talloc_new(mem);
	char *want = target_string(tmp, target, stat->code_page); /* c11 */
	char *key = want ? nspi_collate_key(tmp, want) : NULL;
	if (key == NULL) {
		talloc_free(tmp);
		return want ? ecNotEnoughMemory : ecError;
	}
	/* c7, c8, c13: the first row whose display name sorts at or after the target */
	size_t n = explicit_table ? explicit_table->count : l->count, i;
	for (i = 0; i < n; i++) {
		const struct nspi_obj *o =
		        explicit_table ? nspi_find_mid(s, explicit_table->values[i]) : l->rows[i];
		if (o != NULL && strcmp(o->key, key) >= 0)
			break;
	}
	talloc_free(tmp);
	if (i == n)
		return ecNotFound;
	const uint32_t *table = explicit_table ? explicit_table->values : NULL;
	uint32_t *mids = table ? NULL : list_mids(mem, l, i, n - i < NSPI_SEEK_ROWS ? n - i : NSPI_SEEK_ROWS);
	if (!table && mids == NULL)
		return ecNotEnoughMemory;
	struct mapi_abk_rowset *rs = NULL;
	if (columns != NULL) { /* c15: QueryRows with fEphID from the qualifying row */
		size_t count = table ? n - i : (n - i < NSPI_SEEK_ROWS ? n - i : NSPI_SEEK_ROWS);
		ec = make_rowset(s, mem, NSPI_EPH_ID, stat->code_page, table ? table + i : mids, count,
		                 columns, &rs);
	}
	uint32_t mid = table ? table[i] : mids[0];
	talloc_free(mids);
	if (ec != ecSuccess)
		return ec;
	/* c14 (Delta is set to 0 as 2.2.8 asks of every successful method) */
	stat->current_rec = mid;
	stat->num_pos = (uint32_t)i;
	stat->total_recs = (uint32_t)n;
	stat->delta = 0;
	*rows = rs;
	return ecSuccess;
}

static int mid_order_cmp(const void *a, const void *b)
{
	return nspi_obj_cmp(*(struct nspi_obj *const *)a, *(struct nspi_obj *const *)b);
}

/* The objects' MIds sorted by display name (3.1.4.1.10 c15, 3.1.4.1.11 c6). */
static struct mapi_u32_array *sorted_mids(TALLOC_CTX *mem, struct nspi_obj **objs, size_t n)
{
	qsort(objs, n, sizeof *objs, mid_order_cmp);
	struct mapi_u32_array *a = talloc_zero(mem, struct mapi_u32_array);
	if (a == NULL || (a->values = talloc_array(a, uint32_t, n ? n : 1)) == NULL) {
		talloc_free(a);
		return NULL;
	}
	for (size_t i = 0; i < n; i++)
		a->values[i] = objs[i]->e->mid;
	a->count = (uint32_t)n;
	return a;
}

/* 3.1.4.1.10 c9-c14: the objects a property of one object refers to: PidTagAddressBookMember (a group's
 * direct members), PidTagAddressBookIsMemberOfDistributionList (the groups it is in) and
 * PidTagAddressBookPublicDelegates (a user's delegates). */
static uint32_t property_table(struct nspi_session *s, TALLOC_CTX *tmp, const struct mapi_nspi_stat *stat,
                               const struct mapi_nspi_propname *prop_name, struct nspi_obj ***out, size_t *n)
{
	const struct nspi_obj *o = nspi_find_mid(s, stat->current_rec);
	if (o == NULL)
		return ecError; /* c11 */
	uint16_t id = PROP_ID(stat->container_id);
	if (prop_name != NULL)
		return ecNotSupported; /* c13: named properties refer to nothing here */
	/* c12: of these only the delegates can be written through NSPI (nspi_mod_link_att), by their owner */
	if (stat->sort_type == SORT_TYPE_DISPLAY_NAME_W &&
	    (id != PROP_ID(PidTagAddressBookPublicDelegates) || o->e->mid != s->user_mid))
		return ecNotSupported;
	struct dir_entry **list;
	size_t count;
	uint32_t ec = nspi_linked(s, tmp, o->e, id, &list, &count); /* c13, c14 */
	if (ec != ecSuccess)
		return ec;
	*out = talloc_array(tmp, struct nspi_obj *, count ? count : 1);
	if (*out == NULL)
		return ecNotEnoughMemory;
	*n = 0;
	for (size_t i = 0; i < count; i++) {
		struct nspi_obj *m = nspi_find_mid(s, list[i]->mid);
		if (m != NULL)
			(*out)[(*n)++] = m;
	}
	return ecSuccess;
}

uint32_t nspi_get_matches(struct nspi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                          const struct mapi_restriction *filter, const struct mapi_nspi_propname *prop_name,
                          uint32_t row_count, const struct mapi_u32_array *columns,
                          struct mapi_u32_array **mids, struct mapi_abk_rowset **rows)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	if (stat == NULL || stat->code_page == CP_WINUNICODE)
		return ecInvalidCodepage; /* c1 */
	TALLOC_CTX *tmp = talloc_new(mem);
	struct nspi_obj **objs = NULL;
	size_t n = 0;
	if (tmp == NULL)
		return ecNotEnoughMemory;
	if (filter != NULL) {
		/* c2 (undefined: answered GeneralFailure), c6 (phonetic sorts by display name), c7, c8 */
		const struct nspi_list *l = nspi_find_list(s, stat->container_id);
		if (stat->sort_type != SORT_TYPE_DISPLAY_NAME &&
		    stat->sort_type != SORT_TYPE_PHONETIC_DISPLAY_NAME)
			ec = ecError;
		else if (l == NULL)
			ec = ecInvalidBookmark;
		else if ((objs = talloc_array(tmp, struct nspi_obj *, l->count ? l->count : 1)) == NULL)
			ec = ecNotEnoughMemory;
		for (size_t i = 0; ec == ecSuccess && i < l->count; i++) {
			bool match = false;
			ec = nspi_restriction_eval(s, filter, l->rows[i], stat->code_page, &match);
			if (match)
				objs[n++] = l->rows[i];
		}
	} else {
		/* c7 is for the restriction form only: here c9 makes ContainerID a proptag, so there is no
		 * container to locate (applied literally, every property table read with SortTypeDisplayName
		 * would be InvalidBookmark) */
		ec = property_table(s, tmp, stat, prop_name, &objs, &n);
	}
	if (ec == ecSuccess && (n > row_count || n > MAPI_NSPI_MAX_COUNT))
		ec = ecTableTooBig; /* c17, c18 */
	struct mapi_u32_array *out = ec == ecSuccess ? sorted_mids(mem, objs, n) : NULL;
	if (ec == ecSuccess && out == NULL)
		ec = ecNotEnoughMemory;
	struct mapi_abk_rowset *rs = NULL;
	if (ec == ecSuccess && columns != NULL) /* c19 */
		ec = make_rowset(s, mem, NSPI_EPH_ID, stat->code_page, out->values, out->count, columns, &rs);
	talloc_free(tmp);
	if (ec != ecSuccess) {
		talloc_free(out);
		return ec;
	}
	/* c16: on Success ContainerID = the input CurrentRec, whichever table was built (for a restriction
	 * too: the constraint makes no exception, and the Explicit Table it returns is no container of the
	 * STAT anyway); no other field changes. */
	stat->container_id = stat->current_rec;
	*mids = out;
	*rows = rs;
	return ecSuccess;
}

uint32_t nspi_resort_restriction(struct nspi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                                 const struct mapi_u32_array *in, struct mapi_u32_array **out)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	if (stat == NULL || stat->code_page == CP_WINUNICODE || stat->sort_type != SORT_TYPE_DISPLAY_NAME)
		return stat && stat->code_page == CP_WINUNICODE ? ecInvalidCodepage
		                                                : ecError; /* c1, c2, c5 */
	uint32_t n = in ? in->count : 0;
	struct nspi_obj **objs = talloc_array(mem, struct nspi_obj *, n ? n : 1);
	if (objs == NULL)
		return ecNotEnoughMemory;
	size_t k = 0;
	bool current_found = false;
	for (uint32_t i = 0; i < n; i++) {
		struct nspi_obj *o = nspi_find_mid(s, in->values[i]); /* c6: unknown MIds are left out */
		bool dup = false;
		for (size_t j = 0; o && j < k && !dup; j++)
			dup = objs[j] == o;
		if (o != NULL && !dup)
			objs[k++] = o;
		current_found |= o != NULL && o->e->mid == stat->current_rec;
	}
	struct mapi_u32_array *a = sorted_mids(mem, objs, k);
	talloc_free(objs);
	if (a == NULL)
		return ecNotEnoughMemory;
	stat->total_recs = (uint32_t)k; /* c8 */
	if (!current_found) {
		stat->current_rec = MID_BEGINNING_OF_TABLE;
		stat->num_pos = 0;
	}
	*out = a;
	return ecSuccess;
}

uint32_t nspi_get_prop_list(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, uint32_t mid,
                            uint32_t code_page, struct mapi_u32_array **tags)
{
	(void)code_page; /* c4: strings are listed as PtypString8 whatever the code page */
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	const struct nspi_obj *o = nspi_find_mid(s, mid);
	struct mapi_u32_array *a = talloc_zero(mem, struct mapi_u32_array);
	if (a == NULL)
		return ecNotEnoughMemory;
	a->values = o ? nspi_prop_tags(s, a, o->e, PT_STRING8, flags & NSPI_SKIP_OBJECTS, &a->count)
	              : talloc_array(a, uint32_t, 1); /* an unknown object has no properties */
	if (a->values == NULL) {
		talloc_free(a);
		return ecNotEnoughMemory;
	}
	*tags = a;
	return ecSuccess;
}

uint32_t nspi_get_props(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags,
                        const struct mapi_nspi_stat *stat, const struct mapi_u32_array *tags,
                        struct mapi_abk_proplist **values)
{
	const struct nspi_list *l;
	uint32_t ec = stat_list(s, stat, &l); /* c4 */
	if (ec != ecSuccess)
		return ec;
	const struct nspi_obj *o = nspi_find_mid(s, stat->current_rec); /* c10, c11 */
	struct mapi_u32_array *list = NULL;
	if (tags == NULL) { /* c5: the GetPropList of the object */
		if ((ec = nspi_get_prop_list(s, mem, flags, stat->current_rec, stat->code_page, &list)) !=
		    ecSuccess)
			return ec;
		tags = list;
	}
	if (tags->count > MAPI_NSPI_MAX_COUNT) /* c6 */
		return ecTableTooBig;
	struct mapi_abk_proplist *pl = talloc_zero(mem, struct mapi_abk_proplist);
	if (pl == NULL || (pl->values = talloc_zero_array(pl, struct mapi_abk_value,
	                                                  tags->count ? tags->count : 1)) == NULL) {
		talloc_free(pl);
		return ecNotEnoughMemory;
	}
	pl->count = tags->count;
	bool errors = false;
	for (uint32_t i = 0; i < tags->count; i++) {
		struct mapi_abk_value *v = &pl->values[i];
		ec = o ? nspi_prop_get(s, pl, o->e, tags->values[i], flags, stat->code_page, &v->pv)
		       : ecNotFound;
		if (ec == ecNotEnoughMemory) {
			talloc_free(pl);
			return ec;
		}
		if (ec != ecSuccess) { /* c12 */
			errors = true;
			v->pv.tag = CHANGE_PROP_TYPE(tags->values[i], PT_ERROR);
			v->pv.value.err = ecNotFound;
		}
		v->has_value = true;
	}
	talloc_free(list);
	*values = pl;
	return errors ? ecWarnWithErrors : ecSuccess;
}

uint32_t nspi_query_columns(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags,
                            struct mapi_u32_array **columns)
{
	(void)s;
	struct mapi_u32_array *a = talloc_zero(mem, struct mapi_u32_array);
	if (a == NULL)
		return ecNotEnoughMemory;
	/* c3, c4: Unicode string types only with NspiUnicodeProptypes */
	a->values = nspi_known_tags(a, (flags & NSPI_UNICODE_PROPTYPES) ? PT_UNICODE : PT_STRING8, &a->count);
	if (a->values == NULL) {
		talloc_free(a);
		return ecNotEnoughMemory;
	}
	*columns = a;
	return ecSuccess;
}

/* One row of the address book hierarchy table (3.1.4.1.3 c14-c16). */
static uint32_t hierarchy_row(struct nspi_session *s, TALLOC_CTX *mem, const struct nspi_list *l,
                              bool unicode, uint32_t code_page, struct mapi_abk_proplist *row)
{
	bool gal = l->container_id == NSPI_GAL_CONTAINER;
	uint32_t n = gal ? 6 : 7;
	struct mapi_abk_value *v = talloc_zero_array(mem, struct mapi_abk_value, n);
	char *dn = list_dn(v, l), *gal_dn = list_dn(v, &s->snap->lists[0]);
	if (v == NULL || dn == NULL || gal_dn == NULL)
		return ecNotEnoughMemory;
	for (uint32_t i = 0; i < n; i++)
		v[i].has_value = true;
	v[0].pv.tag = PidTagEntryId;
	v[1].pv.tag = PidTagContainerFlags;
	v[1].pv.value.i32 = NSPI_AB_RECIPIENTS | NSPI_AB_UNMODIFIABLE | (gal ? NSPI_AB_SUBCONTAINERS : 0);
	v[2].pv.tag = PidTagDepth;
	v[2].pv.value.i32 = gal ? 0 : 1;
	v[3].pv.tag = PidTagAddressBookContainerId;
	v[3].pv.value.i32 = (int32_t)l->container_id;
	v[4].pv.tag = CHANGE_PROP_TYPE(PidTagDisplayName, unicode ? PT_UNICODE : PT_STRING8);
	v[4].pv.value.str = unicode ? talloc_strdup(v, l->name) : nspi_to_codepage(v, l->name, code_page);
	v[5].pv.tag = PidTagAddressBookIsMaster;
	v[5].pv.value.b = false;
	if (v[4].pv.value.str == NULL ||
	    nspi_permanent_entryid(v, dn, DT_CONTAINER, &v[0].pv.value.bin) != 0 ||
	    (!gal && nspi_permanent_entryid(v, gal_dn, DT_CONTAINER, &v[6].pv.value.bin) != 0))
		return ecNotEnoughMemory;
	if (!gal)
		v[6].pv.tag = PidTagAddressBookParentEntryId;
	row->count = n;
	row->values = v;
	return ecSuccess;
}

uint32_t nspi_get_special_table(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags,
                                const struct mapi_nspi_stat *stat, uint32_t *version,
                                struct mapi_abk_proplists **rows)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	bool templates = (flags & NSPI_ADDRESS_CREATION_TEMPLATES) != 0;
	bool unicode = !templates && (flags & NSPI_UNICODE_STRINGS); /* c4 */
	if (stat == NULL || (!unicode && !templates && stat->code_page == CP_WINUNICODE))
		return ecInvalidCodepage; /* c1 */
	struct mapi_abk_proplists *t = talloc_zero(mem, struct mapi_abk_proplists);
	if (t == NULL ||
	    (t->lists = talloc_zero_array(t, struct mapi_abk_proplist, NSPI_LIST_COUNT)) == NULL) {
		talloc_free(t);
		return ecNotEnoughMemory;
	}
	/* c9-c11: no address creation templates are kept, so that table has no rows for any locale. c7: a
	 * client holding the current hierarchy version gets no rows. */
	bool rows_wanted = !templates && (version == NULL || *version != NSPI_HIERARCHY_VERSION);
	for (int l = 0; rows_wanted && l < NSPI_LIST_COUNT; l++) {
		if ((ec = hierarchy_row(s, t->lists, &s->snap->lists[l], unicode, stat->code_page,
		                        &t->lists[l])) != ecSuccess) {
			talloc_free(t);
			return ec;
		}
		t->count++;
	}
	if (version != NULL && !templates)
		*version = NSPI_HIERARCHY_VERSION; /* c8 */
	*rows = t;
	return ecSuccess;
}

uint32_t nspi_get_template_info(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, uint32_t type,
                                const char *dn, uint32_t code_page, uint32_t locale,
                                struct mapi_abk_proplist **row)
{
	(void)s, (void)mem, (void)flags, (void)type, (void)dn, (void)locale, (void)row;
	if (code_page == CP_WINUNICODE || !nspi_codepage_supported(code_page))
		return ecInvalidCodepage; /* c3, c4 */
	/* c5: the server keeps no display or address creation templates (MS-OXOABKT), so no template object
	 * can be located for any DN, display type or locale; clients then use their built-in templates. */
	return ecInvalidLocale;
}

/* The certificate list a property of NspiModProps names, or 0 for any other property. */
static enum dir_cert_kind cert_kind(uint32_t tag)
{
	uint16_t id = PROP_ID(tag);
	return id == PROP_ID(PidTagAddressBookX509Certificate) ? DIR_CERT_ADDRESS_BOOK
	       : id == PROP_ID(PidTagUserX509Certificate)      ? DIR_CERT_USER
	                                                       : 0;
}

uint32_t nspi_mod_props(struct nspi_session *s, const struct mapi_nspi_stat *stat,
                        const struct mapi_u32_array *remove, const struct mapi_abk_proplist *values)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	if (stat == NULL || stat->code_page == CP_WINUNICODE)
		return ecInvalidCodepage; /* c1 */
	if (remove == NULL)
		return ecInvalidParam; /* c5 */
	const struct nspi_obj *o = nspi_find_mid(s, stat->current_rec);
	if (o == NULL)
		return ecInvalidParam; /* c6 */
	if (o->e->kind != DIR_USER)
		return ecInvalidObject; /* c7 */
	/* c11: a user changes only their own certificates (PtypMultipleBinary); everything is checked before
	 * anything changes (c2) */
	if (s->user_mid == 0 || o->e->mid != s->user_mid)
		return ecAccessDenied;
	uint32_t nvalues = values ? values->count : 0;
	for (uint32_t i = 0; i < remove->count; i++)
		if (cert_kind(remove->values[i]) == 0)
			return ecAccessDenied;
	for (uint32_t i = 0; i < nvalues; i++)
		if (cert_kind(values->values[i].pv.tag) == 0 ||
		    PROP_TYPE(values->values[i].pv.tag) != PT_MV_BINARY)
			return ecAccessDenied;
	/* c8, c9: clear what pPropTags and pRow name; c10: then set pRow's values */
	for (uint32_t i = 0; i < remove->count; i++)
		if (dir_certificates_set(s->dir, o->e->mid, cert_kind(remove->values[i]), NULL, 0) != DIR_OK)
			return ecAccessDenied;
	for (uint32_t i = 0; i < nvalues; i++) {
		const struct mapi_mv *mv = &values->values[i].pv.value.mv;
		struct dir_blob *b = talloc_array(s, struct dir_blob, mv->count ? mv->count : 1);
		if (b == NULL)
			return ecNotEnoughMemory;
		for (uint32_t k = 0; k < mv->count; k++) {
			b[k].data = mv->bin[k].data;
			b[k].len = mv->bin[k].len;
		}
		int err = dir_certificates_set(s->dir, o->e->mid, cert_kind(values->values[i].pv.tag), b,
		                               mv->count);
		talloc_free(b);
		if (err != DIR_OK)
			return ecAccessDenied;
	}
	return ecSuccess;
}

/* The MId an Entry ID names: an Ephemeral Entry ID of this server carries it, a Permanent Entry ID its DN
 * (MS-OXNSPI 2.2.9.2, 2.2.9.3); 0 when it names nothing here. */
static uint32_t entryid_mid(struct nspi_session *s, const struct mapi_nspi_entryid *id)
{
	const struct nspi_obj *o = NULL;
	if (id->id_type == NSPI_EPHEMERAL_ENTRYID && wc_guid_equal(&id->provider_uid, &s->org->server_guid))
		o = nspi_find_mid(s, id->mid);
	else if (id->id_type == NSPI_PERMANENT_ENTRYID && id->dn != NULL)
		o = nspi_find_dn(s, id->dn);
	return o ? o->e->mid : 0;
}

uint32_t nspi_mod_link_att(struct nspi_session *s, uint32_t flags, uint32_t prop_tag, uint32_t mid,
                           const struct mapi_nspi_entryids *entry_ids)
{
	uint32_t ec = nspi_refresh(s);
	if (ec != ecSuccess)
		return ec;
	uint16_t id = PROP_ID(prop_tag);
	if (id != PROP_ID(PidTagAddressBookMember) && id != PROP_ID(PidTagAddressBookPublicDelegates))
		return ecNotFound; /* c3 */
	const struct nspi_obj *o = nspi_find_mid(s, mid);
	if (o == NULL)
		return ecInvalidParam; /* c4 */
	/* c5: members belong to distribution lists, delegates to mail users. c8: the directory records no
	 * group owners, so memberships are changed with warpadm, not through the address book; a user changes
	 * only their own delegates. */
	if (id == PROP_ID(PidTagAddressBookMember) || o->e->kind != DIR_USER || s->user_mid == 0 ||
	    o->e->mid != s->user_mid)
		return ecAccessDenied;
	bool del = (flags & NSPI_DELETE) != 0;
	uint32_t n = entry_ids ? entry_ids->count : 0, k = 0;
	uint32_t *mids = talloc_array(s, uint32_t, n ? n : 1);
	if (mids == NULL)
		return ecNotEnoughMemory;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t m = entryid_mid(s, &entry_ids->ids[i]);
		if (m != 0)
			mids[k++] = m;
		else if (!del) { /* c8: an object that is not here cannot be added; c6: nor is it present */
			talloc_free(mids);
			return ecAccessDenied;
		}
	}
	int err = dir_delegates_change(s->dir, o->e->mid, del, mids, k); /* c6, c7 */
	talloc_free(mids);
	return err == DIR_OK ? ecSuccess : ecAccessDenied;
}

uint32_t nspi_resolve_names(struct nspi_session *s, TALLOC_CTX *mem, const struct mapi_nspi_stat *stat,
                            const struct mapi_u32_array *tags, const struct mapi_nspi_strings *names,
                            bool unicode, struct mapi_u32_array **mids, struct mapi_abk_rowset **rows)
{
	const struct nspi_list *l;
	uint32_t ec = stat_list(s, stat, &l); /* c5 */
	if (ec != ecSuccess)
		return ec;
	uint32_t n = names ? names->count : 0;
	struct mapi_u32_array *a = talloc_zero(mem, struct mapi_u32_array);
	uint32_t *resolved = talloc_array(mem, uint32_t, n ? n : 1);
	if (a == NULL || resolved == NULL || (a->values = talloc_array(a, uint32_t, n ? n : 1)) == NULL) {
		talloc_free(a);
		talloc_free(resolved);
		return ecNotEnoughMemory;
	}
	a->count = n;
	size_t k = 0;
	for (uint32_t i = 0; i < n; i++) {
		/* 3.1.4.7: NULL and empty strings are MID_UNRESOLVED */
		const char *name = names->strings[i];
		char *utf8 = name == NULL ? NULL
		             : unicode    ? talloc_strdup(a, name)
		                          : nspi_from_codepage(a, name, stat->code_page);
		/* c6: "the Minimal Entry IDs specified in section 2.2.1.9", the outcomes of ANR (3.1.4.7):
		 * MID_UNRESOLVED, MID_AMBIGUOUS or MID_RESOLVED, never the object's own MId. MS-OXCMAPIHTTP
		 * 2.2.5.14.2 carries the same list in MinimalIds; the client learns which object a name
		 * resolved to from its row (PidTagEntryId, PidTagInstanceKey ...). */
		uint32_t mid = nspi_anr(s, l, utf8);
		a->values[i] = mid >= DIR_MID_FIRST ? MID_RESOLVED : mid;
		if (mid >= DIR_MID_FIRST)
			resolved[k++] = mid;
		talloc_free(utf8);
	}
	/* c7: one row per MID_RESOLVED name, in the order of the names (the properties "returned for any
	 * valid Minimal Entry IDs identified by the ANR process", 3.1.4.1.17) */
	ec = make_rowset(s, mem, 0, stat->code_page, resolved, k, tags ? tags : &default_cols, rows);
	talloc_free(resolved);
	if (ec != ecSuccess) {
		talloc_free(a);
		return ec;
	}
	*mids = a;
	return ecSuccess;
}

static char *endpoint_url(TALLOC_CTX *mem, struct nspi_session *s, const char *endpoint, const char *mailbox)
{
	return talloc_asprintf(mem, "%s://%s/mapi/%s/?MailboxId=%s", s->cfg.tls ? "https" : "http",
	                       s->cfg.host, endpoint, mailbox);
}

uint32_t nspi_get_mailbox_url(struct nspi_session *s, TALLOC_CTX *mem, const char *server_dn, char **url)
{
	/* the ServerDN (or MdbDN) of Autodiscover: "<org DN>/cn=Configuration/cn=Servers/cn=<GUID>@<domain>"
	 */
	char *mailbox = rfr_server_dn_mailbox(mem, s->org->dn_prefix, server_dn);
	if (mailbox == NULL)
		return ecNotFound;
	*url = endpoint_url(mem, s, "emsmdb", mailbox);
	talloc_free(mailbox);
	return *url ? ecSuccess : ecNotEnoughMemory;
}

uint32_t nspi_get_address_book_url(struct nspi_session *s, TALLOC_CTX *mem, const char *user_dn, char **url)
{
	struct dir_entry *e;
	if (user_dn == NULL || dir_lookup_dn(s->dir, mem, user_dn, &e) != DIR_OK)
		return ecNotFound;
	if (e->kind != DIR_USER) {
		talloc_free(e);
		return ecNotFound;
	}
	char *server_dn = nspi_server_dn(mem, s, e);
	const char *server = server_dn ? strrchr(server_dn, '=') : NULL;
	*url = server ? endpoint_url(mem, s, "nspi", server + 1) : NULL;
	talloc_free(server_dn);
	talloc_free(e);
	return *url ? ecSuccess : ecNotEnoughMemory;
}
