/* mapitest NSPI: the address book endpoint (MS-OXCMAPIHTTP 2.2.5 request bodies) against the constraints of
 * MS-OXNSPI 3.1.4.1 (one test per constraint, cited as "3.1.4.1.8 c15" = section 3.1.4.1.8 constraint 15)
 * and the ANR rules of 3.1.4.3, through libmapi's address book calls (libmapi/addressbook.h).
 *
 * The tests know nothing of the directory: they read the GAL first (gal(), paging QueryRows) and take their
 * objects from it; a test that needs an object the address book does not hold (a group, a second user)
 * skips, saying so. A call the server answers NotSupported skips too. */
#include "mt_server.h"

#include <string.h>

#include "common/wc_buf.h"
#include "mapi/mapi_restriction.h"

#define NO_SUCH_NAME "zz-mapitest-no-such-recipient-7f3a"
#define NO_SUCH_DN "/o=mapitest/ou=no such site/cn=Recipients/cn=zz-mapitest-no-such-7f3a"
#define NO_SUCH_CONTAINER 0x00F1E2D3
#define NO_SUCH_MID 0x007FFFF1
#define PidTagDisplayName_A CHANGE_PROP_TYPE(PidTagDisplayName, PT_STRING8)

static struct mapi_u32_array *tags_of(struct mt *t, uint32_t count, const uint32_t *tags)
{
	struct mapi_u32_array *a = talloc_zero(t->mem, struct mapi_u32_array);
	a->count = count;
	a->values = talloc_memdup(a, tags, count * sizeof *tags);
	return a;
}
#define TAGS(t, ...) tags_of(t, sizeof((uint32_t[]){__VA_ARGS__}) / 4, (uint32_t[]){__VA_ARGS__})

/* One NSPI request; its ErrorCode must be want. A NotSupported answer (the server lacks the call) skips. */
static struct mapi_http_response *call(struct mt *t, const char *what, const struct mapi_http_request *req,
                                       uint32_t want)
{
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(mt_session(t), t->mem, req, &rsp);
	if (ec == ecNotSupported && want != ecNotSupported)
		mt_skip(t, "MS-OXNSPI 3.1.4.1", "the server answers %s with NotSupported", what);
	if (ec != want)
		mt_fail(t, "%s: expected %s, got %s (%s)", what, mapi_err_name(want), mapi_err_name(ec),
		        mapi_session_last_error(mt_session(t))->message);
	return rsp;
}

static struct mapi_nspi_stat *stat_new(struct mt *t)
{
	return mapi_nspi_stat_new(mt_session(t), t->mem);
}

/* The value of tag in row (NULL when the row has no such column or the value is not there). */
static const struct mapi_abk_value *row_value(const struct mapi_abk_row *row,
                                              const struct mapi_u32_array *cols, uint32_t tag)
{
	for (uint32_t i = 0; i < cols->count; i++)
		if (cols->values[i] == tag)
			return &row->values[i];
	return NULL;
}

static const struct mapi_abk_value *list_value(const struct mapi_abk_proplist *l, uint32_t tag)
{
	for (uint32_t i = 0; l != NULL && i < l->count; i++)
		if (l->values[i].pv.tag == tag)
			return &l->values[i];
	return NULL;
}

static bool is_error(const struct mapi_abk_value *v)
{
	return v == NULL || v->flag != MAPI_VALUE_PRESENT || PROP_TYPE(v->pv.tag) == PT_ERROR;
}

/* An Ephemeral or Permanent Entry ID (MS-OXNSPI 2.2.9.2, 2.2.9.3) of a PidTagEntryId value. */
static struct mapi_nspi_entryid *entryid(struct mt *t, const struct mapi_abk_value *v)
{
	mt_true(t, !is_error(v) && PROP_TYPE(v->pv.tag) == PT_BINARY,
	        "PidTagEntryId: expected a binary value");
	struct mapi_nspi_entryid *e = talloc_zero(t->mem, struct mapi_nspi_entryid);
	struct wc_reader r;
	wc_reader_init(&r, v->pv.value.bin.data, v->pv.value.bin.len);
	mt_eq_wc(t, "PidTagEntryId as an MS-OXNSPI 2.2.9 Entry ID", mapi_nspi_entryid_pull(&r, t->mem, e), 0);
	return e;
}

/* The GAL as the server pages it (3.1.4.1.8): MIds (from Ephemeral Entry IDs, fEphID), display names
 * (Unicode) and display types, read 4 rows at a time until CurrentRec is MID_END_OF_TABLE (c15, c16). */
struct gal {
	uint32_t n, total;
	uint32_t *mids, *types;
	char **names;
};

static const struct gal *gal(struct mt *t)
{
	struct gal *g = talloc_zero(t->mem, struct gal);
	struct mapi_u32_array *cols = TAGS(t, PidTagEntryId, PidTagDisplayName, PidTagDisplayType);
	struct mapi_nspi_stat *st = stat_new(t);
	for (int guard = 0; st->current_rec != MID_END_OF_TABLE; guard++) {
		mt_true(t, guard < 10000, "QueryRows: no MID_END_OF_TABLE after 40000 rows");
		struct mapi_abk_rowset *rows = NULL;
		uint32_t ec =
		        mapi_nspi_query_rows(mt_session(t), t->mem, st, NSPI_EPH_ID, NULL, 4, cols, &rows);
		mt_eq_ec(t, "QueryRows of the GAL", ec, ecSuccess);
		mt_true(t, rows != NULL, "QueryRows of the GAL: expected rows");
		for (uint32_t i = 0; i < rows->count && !is_error(&rows->rows[i].values[0]); i++) {
			g->mids = talloc_realloc(g, g->mids, uint32_t, g->n + 1);
			g->types = talloc_realloc(g, g->types, uint32_t, g->n + 1);
			g->names = talloc_realloc(g, g->names, char *, g->n + 1);
			g->mids[g->n] = entryid(t, &rows->rows[i].values[0])->mid;
			const struct mapi_abk_value *name = &rows->rows[i].values[1];
			g->names[g->n] = is_error(name) ? NULL : talloc_strdup(g, name->pv.value.str);
			const struct mapi_abk_value *dt = &rows->rows[i].values[2];
			g->types[g->n] = is_error(dt) ? 0xFFFFFFFF : (uint32_t)dt->pv.value.i32;
			g->n++;
		}
		g->total = st->total_recs;
	}
	if (g->n < 2)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.8", "the GAL has %u objects, the test needs 2", g->n);
	return g;
}

/* The session user's MId (DNToMId of the user's DN, 3.1.4.1.13). */
static uint32_t own_mid(struct mt *t)
{
	const char *dn = mapi_session_user_dn(mt_session(t));
	struct mapi_u32_array *mids = NULL;
	mt_eq_ec(t, "DNToMId of the user's DN", mapi_nspi_dn_to_mid(mt_session(t), t->mem, 1, &dn, &mids),
	         ecSuccess);
	mt_true(t, mids != NULL && mids->count == 1 && mids->values[0] != 0,
	        "DNToMId of the user's DN \"%s\": expected a Minimal Entry ID", dn);
	return mids->values[0];
}

/* GetProps of the object mid (3.1.4.1.7) with flags; the answer must be want. */
static struct mapi_abk_proplist *props(struct mt *t, uint32_t mid, uint32_t flags,
                                       struct mapi_u32_array *tags, uint32_t want)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = mid;
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_PROPS};
	req.get_props = (struct mapi_http_get_props_req){.flags = flags, .state = st, .prop_tags = tags};
	struct mapi_http_response *rsp = call(t, "GetProps", &req, want);
	return rsp != NULL ? rsp->get_props.values : NULL;
}

/* GetProps of one property the object may lack: Success or ErrorsReturned (3.1.4.1.7). */
static struct mapi_abk_proplist *props_maybe(struct mt *t, uint32_t mid, uint32_t tag)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = mid;
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_PROPS};
	req.get_props = (struct mapi_http_get_props_req){.state = st, .prop_tags = TAGS(t, tag)};
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(mt_session(t), t->mem, &req, &rsp);
	mt_true(t, ec == ecSuccess || ec == ecWarnWithErrors,
	        "GetProps of 0x%08X: expected Success or ErrorsReturned, got %s", tag, mapi_err_name(ec));
	return rsp->get_props.values;
}

static int find(const struct gal *g, uint32_t mid)
{
	for (uint32_t i = 0; i < g->n; i++)
		if (g->mids[i] == mid)
			return (int)i;
	return -1;
}

/* ---- Bind, Unbind ---- */

/* 3.1.4.1.1: Bind succeeds and (MS-OXCMAPIHTTP 2.2.5.1.2) names the server with a GUID, the ProviderUID of
 * its Ephemeral Entry IDs (MS-OXNSPI 2.2.9.2) */
static void test_bind_guid(struct mt *t)
{
	struct wc_guid g = {0}, zero = {0};
	mt_eq_ec(t, "Bind", mapi_nspi_bind(mt_session(t), &g), ecSuccess);
	mt_true(t, !wc_guid_equal(&g, &zero), "ServerGuid: expected a GUID, got zeros");
	struct mapi_abk_proplist *l = props(t, own_mid(t), NSPI_EPH_ID, TAGS(t, PidTagEntryId), ecSuccess);
	struct mapi_nspi_entryid *e = entryid(t, list_value(l, PidTagEntryId));
	mt_eq(t, "Entry ID type", e->id_type, NSPI_EPHEMERAL_ENTRYID);
	mt_true(t, wc_guid_equal(&e->provider_uid, &g),
	        "Ephemeral Entry ID ProviderUID: expected the ServerGuid");
}

/* 3.1.4.1.2 c1: Unbind returns UnbindSuccess; a new Bind then gives a working context */
static void test_unbind(struct mt *t)
{
	own_mid(t); /* bound */
	mt_eq_ec(t, "Unbind", mapi_nspi_unbind(mt_session(t)), 0x00000001);
	mt_true(t, own_mid(t) != 0, "DNToMId after a new Bind");
}

/* ---- UpdateStat ---- */

static struct mapi_http_update_stat_rsp *update_stat(struct mt *t, struct mapi_nspi_stat *st, uint32_t want)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_UPDATE_STAT};
	req.update_stat = (struct mapi_http_update_stat_req){.state = st, .delta_requested = 1};
	struct mapi_http_response *rsp = call(t, "UpdateStat", &req, want);
	return rsp != NULL ? &rsp->update_stat : NULL;
}

/* 3.1.4.1.4: TotalRecs is the number of rows of the table, NumPos the position reached; Delta moves forward
 * and is 0 afterwards; the returned delta is the rows moved */
static void test_update_stat_forward(struct mt *t)
{
	const struct gal *g = gal(t);
	struct mapi_nspi_stat *st = stat_new(t);
	st->delta = 1;
	struct mapi_http_update_stat_rsp *r = update_stat(t, st, ecSuccess);
	mt_true(t, r->state != NULL, "UpdateStat: expected a State");
	mt_eq(t, "TotalRecs", r->state->total_recs, g->n);
	mt_eq(t, "NumPos after Delta 1", r->state->num_pos, 1);
	mt_eq(t, "CurrentRec after Delta 1", r->state->current_rec, g->mids[1]);
	mt_eq(t, "Delta of the returned State", r->state->delta, 0);
	mt_true(t, r->delta != NULL && *r->delta == 1, "plDelta: expected 1");
}

/* 3.1.4.1.4: moving backwards from MID_END_OF_TABLE lands on the rows from the end */
static void test_update_stat_backward(struct mt *t)
{
	const struct gal *g = gal(t);
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = MID_END_OF_TABLE;
	st->delta = -2;
	struct mapi_http_update_stat_rsp *r = update_stat(t, st, ecSuccess);
	mt_eq(t, "NumPos", r->state->num_pos, g->n - 2);
	mt_eq(t, "CurrentRec", r->state->current_rec, g->mids[g->n - 2]);
	mt_true(t, r->delta != NULL && *r->delta == -2, "plDelta: expected -2");
}

/* 3.1.4.1.4 c4 (and 3.1.4.1.8 c5 for the same STAT): an unknown container is InvalidBookmark */
static void test_update_stat_bad_container(struct mt *t)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->container_id = NO_SUCH_CONTAINER;
	update_stat(t, st, ecInvalidBookmark);
}

/* ---- QueryRows ---- */

static struct mapi_abk_rowset *query(struct mt *t, struct mapi_nspi_stat *st, uint32_t flags,
                                     const struct mapi_u32_array *et, uint32_t count,
                                     const struct mapi_u32_array *cols, uint32_t want)
{
	struct mapi_abk_rowset *rows = NULL;
	uint32_t ec = mapi_nspi_query_rows(mt_session(t), t->mem, st, flags, et, count, cols, &rows);
	if (ec == ecNotSupported && want != ecNotSupported)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.8", "the server answers QueryRows with NotSupported");
	mt_eq_ec(t, "QueryRows", ec, want);
	mt_true(t, want != ecSuccess || rows != NULL, "QueryRows: expected rows");
	return rows;
}

static uint32_t row_mid(struct mt *t, const struct mapi_abk_rowset *rows, uint32_t i)
{
	return entryid(t, row_value(&rows->rows[i], &rows->columns, PidTagEntryId))->mid;
}

/* 3.1.4.1.8 c6: without columns the server uses exactly its seven default proptags, in order */
static void test_query_rows_default_columns(struct mt *t)
{
	struct mapi_abk_rowset *rows = query(t, stat_new(t), 0, NULL, 1, NULL, ecSuccess);
	static const uint32_t want[] = {PidTagAddressBookContainerId,
	                                PidTagObjectType,
	                                PidTagDisplayType,
	                                CHANGE_PROP_TYPE(PidTagDisplayName, PT_STRING8),
	                                CHANGE_PROP_TYPE(PidTagPrimaryTelephoneNumber, PT_STRING8),
	                                CHANGE_PROP_TYPE(PidTagDepartmentName, PT_STRING8),
	                                CHANGE_PROP_TYPE(PidTagOfficeLocation, PT_STRING8)};
	mt_eq(t, "column count", rows->columns.count, 7);
	for (int i = 0; i < 7; i++)
		mt_true(t, rows->columns.values[i] == want[i], "column %d: expected 0x%08X, got 0x%08X", i,
		        want[i], rows->columns.values[i]);
}

/* 3.1.4.1.8 c11, c12, c16: paging forwards gives every row once in table order, NumPos follows the rows
 * read and the last page leaves CurrentRec at MID_END_OF_TABLE with NumPos = TotalRecs */
static void test_query_rows_forward(struct mt *t)
{
	const struct gal *g = gal(t);
	struct mapi_u32_array *cols = TAGS(t, PidTagEntryId);
	struct mapi_nspi_stat *st = stat_new(t);
	uint32_t seen = 0;
	while (st->current_rec != MID_END_OF_TABLE && seen <= g->n) {
		struct mapi_abk_rowset *rows = query(t, st, NSPI_EPH_ID, NULL, 2, cols, ecSuccess);
		for (uint32_t i = 0; i < rows->count && seen < g->n; i++, seen++)
			mt_true(t, row_mid(t, rows, i) == g->mids[seen], "row %u: expected MId 0x%X", seen,
			        g->mids[seen]);
		if (st->current_rec != MID_END_OF_TABLE)
			mt_eq(t, "NumPos after a page", st->num_pos, seen);
	}
	mt_eq(t, "rows read", seen, g->n);
	mt_eq(t, "NumPos at MID_END_OF_TABLE", st->num_pos, st->total_recs);
}

/* 3.1.4.1.8 c12: the rows start at CurrentRec moved by Delta: reading backwards in pages of 2 from
 * MID_END_OF_TABLE with Delta -2 (then -4: back over the page just read) gives the table from its end */
static void test_query_rows_backward(struct mt *t)
{
	const struct gal *g = gal(t);
	struct mapi_u32_array *cols = TAGS(t, PidTagEntryId);
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = MID_END_OF_TABLE;
	st->delta = -2;
	uint32_t end = g->n; /* rows [end-2, end) are read next */
	while (end >= 2) {
		struct mapi_abk_rowset *rows = query(t, st, NSPI_EPH_ID, NULL, 2, cols, ecSuccess);
		mt_eq(t, "rows of a backward page", rows->count, 2);
		for (uint32_t i = 0; i < 2; i++)
			mt_true(t, row_mid(t, rows, i) == g->mids[end - 2 + i], "row %u: expected MId 0x%X",
			        end - 2 + i, g->mids[end - 2 + i]);
		end -= 2;
		st->delta = -4;
	}
}

/* 3.1.4.1.8 c12 with 3.1.4.1.4: CurrentRec MID_CURRENT positions by NumPos/TotalRecs (fractional) */
static void test_query_rows_position(struct mt *t)
{
	const struct gal *g = gal(t);
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = MID_CURRENT;
	st->num_pos = g->n / 2;
	st->total_recs = g->n;
	struct mapi_abk_rowset *rows = query(t, st, NSPI_EPH_ID, NULL, 1, TAGS(t, PidTagEntryId), ecSuccess);
	mt_eq(t, "rows", rows->count, 1);
	mt_true(t, row_mid(t, rows, 0) == g->mids[g->n / 2], "row at NumPos %u: expected MId 0x%X", g->n / 2,
	        g->mids[g->n / 2]);
}

/* 3.1.4.1.8 c12: the rows start at the object CurrentRec names, and c16 moves NumPos past them */
static void test_query_rows_from_mid(struct mt *t)
{
	const struct gal *g = gal(t);
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = g->mids[1];
	struct mapi_abk_rowset *rows = query(t, st, NSPI_EPH_ID, NULL, 1, TAGS(t, PidTagEntryId), ecSuccess);
	mt_true(t, row_mid(t, rows, 0) == g->mids[1], "first row: expected MId 0x%X", g->mids[1]);
	mt_eq(t, "NumPos after one row", st->num_pos, 2);
}

/* 3.1.4.1.8 c15: past the end the server returns Success and Count rows whose values are all PtypErrorCode */
static void test_query_rows_past_end(struct mt *t)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = MID_END_OF_TABLE;
	struct mapi_abk_rowset *rows =
	        query(t, st, 0, NULL, 3, TAGS(t, PidTagDisplayName, PidTagEntryId), ecSuccess);
	mt_eq(t, "rows past the end", rows->count, 3);
	for (uint32_t i = 0; i < rows->count; i++)
		for (uint32_t c = 0; c < rows->columns.count; c++)
			mt_true(t, is_error(&rows->rows[i].values[c]),
			        "row %u column %u: expected PtypErrorCode", i, c);
}

/* 3.1.4.1.8 c8, c11, c13: an Explicit Table's rows come back in its order, not the GAL's */
static void test_query_rows_explicit(struct mt *t)
{
	const struct gal *g = gal(t);
	uint32_t et_mids[] = {g->mids[g->n - 1], g->mids[0]};
	struct mapi_u32_array et = {2, et_mids};
	struct mapi_abk_rowset *rows =
	        query(t, stat_new(t), NSPI_EPH_ID, &et, 2, TAGS(t, PidTagEntryId), ecSuccess);
	mt_eq(t, "rows", rows->count, 2);
	for (uint32_t i = 0; i < 2; i++)
		mt_true(t, row_mid(t, rows, i) == et_mids[i], "row %u: expected MId 0x%X", i, et_mids[i]);
}

/* 3.1.4.1.8 c5: an unknown container is InvalidBookmark */
static void test_query_rows_bad_container(struct mt *t)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->container_id = NO_SUCH_CONTAINER;
	query(t, st, 0, NULL, 1, NULL, ecInvalidBookmark);
}

/* 3.1.4.1.8 c14 with 3.1.4.1.7 / 3.1.4.3: a PtypString8 column carries 8-bit strings, a PtypString column
 * Unicode ones, of the same name */
static void test_query_rows_string8(struct mt *t)
{
	struct mapi_abk_rowset *rows =
	        query(t, stat_new(t), 0, NULL, 1, TAGS(t, PidTagDisplayName_A, PidTagDisplayName), ecSuccess);
	const struct mapi_abk_value *a = &rows->rows[0].values[0], *w = &rows->rows[0].values[1];
	if (is_error(a) || is_error(w))
		mt_skip(t, "MS-OXNSPI 3.1.4.1.8", "the first GAL row has no display name");
	bool ascii = true;
	for (const char *p = w->pv.value.str; *p; p++)
		ascii &= (unsigned char)*p < 0x80;
	if (!ascii)
		mt_skip(t, "MS-OXNSPI 3.1.4.3",
		        "the first display name is not ASCII: its 8-bit form depends on the code page");
	mt_eq_str(t, "PtypString8 display name", a->pv.value.str, w->pv.value.str);
}

/* ---- SeekEntries ---- */

static struct mapi_http_rows_rsp *seek(struct mt *t, struct mapi_nspi_stat *st, const char *name,
                                       struct mapi_u32_array *cols, uint32_t want)
{
	struct mapi_abk_value target = {.has_value = true};
	target.pv.tag = PidTagDisplayName;
	target.pv.value.str = (char *)name;
	struct mapi_http_request req = {.type = MAPI_HTTP_SEEK_ENTRIES};
	req.seek_entries =
	        (struct mapi_http_seek_entries_req){.state = st, .target = &target, .columns = cols};
	struct mapi_http_response *rsp = call(t, "SeekEntries", &req, want);
	return rsp != NULL ? &rsp->seek_entries : NULL;
}

static bool prefix_of(const char *p, const char *s)
{
	return s != NULL && strncasecmp(p, s, strlen(p)) == 0;
}

/* 3.1.4.1.9: the position becomes the first row whose display name is >= the target: for a prefix of a
 * display name, a row starting with it, with no earlier row starting with it */
static void test_seek_prefix(struct mt *t)
{
	const struct gal *g = gal(t);
	uint32_t k = g->n / 2;
	if (g->names[k] == NULL || strlen(g->names[k]) < 2)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.9", "the middle GAL row has no display name of 2 letters");
	char *prefix = talloc_strndup(t->mem, g->names[k], 2);
	struct mapi_http_rows_rsp *r = seek(t, stat_new(t), prefix, NULL, ecSuccess);
	mt_true(t, r->state != NULL, "SeekEntries: expected a State");
	int at = find(g, r->state->current_rec);
	mt_true(t, at >= 0 && prefix_of(prefix, g->names[at]),
	        "CurrentRec: expected a row whose name starts with \"%s\", got MId 0x%X", prefix,
	        r->state->current_rec);
	for (int i = 0; i < at; i++)
		mt_true(t, !prefix_of(prefix, g->names[i]),
		        "row %d \"%s\" starts with \"%s\" but comes first", i, g->names[i], prefix);
	mt_eq(t, "NumPos", r->state->num_pos, at);
}

/* 3.1.4.1.9: with columns, the rows returned start at the row found */
static void test_seek_rows(struct mt *t)
{
	const struct gal *g = gal(t);
	if (g->names[1] == NULL)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.9", "the second GAL row has no display name");
	struct mapi_http_rows_rsp *r =
	        seek(t, stat_new(t), g->names[1], TAGS(t, PidTagDisplayName), ecSuccess);
	mt_true(t, r->rows != NULL && r->rows->count >= 1, "SeekEntries with columns: expected rows");
	const struct mapi_abk_value *v = &r->rows->rows[0].values[0];
	mt_true(t, !is_error(v) && strcasecmp(v->pv.value.str, g->names[1]) == 0,
	        "first row's display name: expected \"%s\"", g->names[1]);
}

/* 3.1.4.1.9: a target after every row is NotFound */
static void test_seek_past_all(struct mt *t)
{
	seek(t, stat_new(t), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd zzzz", NULL, ecNotFound);
}

/* 3.1.4.1.9: an unknown container is InvalidBookmark */
static void test_seek_bad_container(struct mt *t)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->container_id = NO_SUCH_CONTAINER;
	seek(t, st, "a", NULL, ecInvalidBookmark);
}

/* ---- DNToMId, CompareMIds, ResortRestriction ---- */

/* 3.1.4.1.13 c3, c4: one MId per DN in order, 0 for a DN nothing has; the user's DN names the same object
 * as the user's Ephemeral Entry ID */
static void test_dn_to_mid(struct mt *t)
{
	const char *dns[] = {NO_SUCH_DN, mapi_session_user_dn(mt_session(t))};
	struct mapi_u32_array *mids = NULL;
	mt_eq_ec(t, "DNToMId", mapi_nspi_dn_to_mid(mt_session(t), t->mem, 2, dns, &mids), ecSuccess);
	mt_true(t, mids != NULL && mids->count == 2, "DNToMId: expected 2 MIds");
	mt_eq(t, "MId of an unknown DN", mids->values[0], 0);
	struct mapi_abk_proplist *l =
	        props(t, mids->values[1], NSPI_EPH_ID, TAGS(t, PidTagEntryId), ecSuccess);
	mt_eq(t, "MId in the Ephemeral Entry ID", entryid(t, list_value(l, PidTagEntryId))->mid,
	      mids->values[1]);
}

static int32_t compare(struct mt *t, uint32_t a, uint32_t b, uint32_t want)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_COMPARE_MIDS};
	req.compare_mids = (struct mapi_http_compare_mids_req){.state = stat_new(t), .mid1 = a, .mid2 = b};
	struct mapi_http_response *rsp = call(t, "CompareMIds", &req, want);
	return rsp != NULL ? rsp->compare_mids.result : 0;
}

/* 3.1.4.1.12 c6, c7, c8: the sign of the result follows the positions in the table */
static void test_compare_mids(struct mt *t)
{
	const struct gal *g = gal(t);
	uint32_t a = g->mids[0], b = g->mids[g->n - 1];
	mt_true(t, compare(t, a, b, ecSuccess) < 0, "first row vs last row: expected < 0");
	mt_true(t, compare(t, b, a, ecSuccess) > 0, "last row vs first row: expected > 0");
	mt_eq(t, "a row vs itself", compare(t, a, a, ecSuccess), 0);
}

/* 3.1.4.1.12 c5: an MId not in the table is GeneralFailure */
static void test_compare_mids_unknown(struct mt *t)
{
	compare(t, own_mid(t), NO_SUCH_MID, ecError);
}

/* 3.1.4.1.11: ResortRestriction sorts the MIds in the order of the STAT's sort, TotalRecs is their count */
static void test_resort_restriction(struct mt *t)
{
	const struct gal *g = gal(t);
	uint32_t in[] = {g->mids[g->n - 1], g->mids[0]};
	struct mapi_u32_array mids = {2, in};
	struct mapi_http_request req = {.type = MAPI_HTTP_RESORT_RESTRICTION};
	req.resort_restriction =
	        (struct mapi_http_resort_restriction_req){.state = stat_new(t), .mids = &mids};
	struct mapi_http_response *rsp = call(t, "ResortRestriction", &req, ecSuccess);
	struct mapi_u32_array *out = rsp->resort_restriction.mids;
	mt_true(t, out != NULL && out->count == 2, "ResortRestriction: expected 2 MIds");
	mt_eq(t, "first MId", out->values[0], g->mids[0]);
	mt_eq(t, "second MId", out->values[1], g->mids[g->n - 1]);
	mt_true(t, rsp->resort_restriction.state != NULL, "ResortRestriction: expected a State");
	mt_eq(t, "TotalRecs", rsp->resort_restriction.state->total_recs, 2);
}

/* ---- GetProps, GetPropList, QueryColumns ---- */

/* 3.1.4.1.7: the user's own object has the display name ResolveNames found and the user's DN as
 * PidTagEmailAddress */
static void test_get_props_own(struct mt *t)
{
	struct mapi_abk_proplist *l =
	        props(t, own_mid(t), 0, TAGS(t, PidTagDisplayName, PidTagEmailAddress), ecSuccess);
	const char *name = t->opt->user;
	struct mapi_resolved *r = NULL;
	mt_eq_ec(t, "ResolveNames", mapi_resolve_names(mt_session(t), t->mem, 1, &name, &r), ecSuccess);
	const struct mapi_abk_value *dn = list_value(l, PidTagEmailAddress);
	mt_true(t, !is_error(dn) && strcasecmp(dn->pv.value.str, mapi_session_user_dn(mt_session(t))) == 0,
	        "PidTagEmailAddress: expected the user's DN");
	const struct mapi_abk_value *dname = list_value(l, PidTagDisplayName);
	mt_true(t, !is_error(dname) && r[0].display_name != NULL, "PidTagDisplayName: expected a value");
	mt_eq_str(t, "PidTagDisplayName", dname->pv.value.str, r[0].display_name);
}

/* 3.1.4.1.7: a property the object lacks comes back as PtypErrorCode with ErrorsReturned */
static void test_get_props_missing(struct mt *t)
{
	uint32_t missing = PROP_TAG(PT_UNICODE, 0x6FF3);
	struct mapi_abk_proplist *l =
	        props(t, own_mid(t), 0, TAGS(t, PidTagDisplayName, missing), ecWarnWithErrors);
	mt_true(t, l != NULL, "ErrorsReturned: expected the values");
	const struct mapi_abk_value *v = list_value(l, CHANGE_PROP_TYPE(missing, PT_ERROR));
	mt_true(t, v != NULL, "the missing property: expected it as PtypErrorCode");
	mt_eq_ec(t, "its error", v->pv.value.err, ecNotFound);
	mt_true(t, !is_error(list_value(l, PidTagDisplayName)), "PidTagDisplayName: expected a value");
}

/* 2.2.9.3 with 3.1.4.1.7: without fEphID PidTagEntryId is a Permanent Entry ID: GUID_NSPI and the DN */
static void test_get_props_permanent_entryid(struct mt *t)
{
	struct mapi_abk_proplist *l = props(t, own_mid(t), 0, TAGS(t, PidTagEntryId), ecSuccess);
	struct mapi_nspi_entryid *e = entryid(t, list_value(l, PidTagEntryId));
	mt_eq(t, "ID type", e->id_type, NSPI_PERMANENT_ENTRYID);
	mt_true(t, wc_guid_equal(&e->provider_uid, &mapi_nspi_guid), "ProviderUID: expected GUID_NSPI");
	mt_true(t, e->dn != NULL && strcasecmp(e->dn, mapi_session_user_dn(mt_session(t))) == 0,
	        "DN: expected the user's DN, got \"%s\"", e->dn ? e->dn : "(none)");
}

/* 3.1.4.1.7 c4: an unknown container is InvalidBookmark */
static void test_get_props_bad_container(struct mt *t)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->container_id = NO_SUCH_CONTAINER;
	st->current_rec = own_mid(t);
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_PROPS};
	req.get_props =
	        (struct mapi_http_get_props_req){.state = st, .prop_tags = TAGS(t, PidTagDisplayName)};
	call(t, "GetProps", &req, ecInvalidBookmark);
}

static struct mapi_u32_array *prop_list(struct mt *t, uint32_t mid)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_PROP_LIST};
	req.get_prop_list =
	        (struct mapi_http_get_prop_list_req){.mid = mid, .code_page = stat_new(t)->code_page};
	struct mapi_http_response *rsp = call(t, "GetPropList", &req, ecSuccess);
	return rsp->get_prop_list.prop_tags;
}

/* 3.1.4.1.6: the user's object lists PidTagDisplayName and PidTagEntryId, and each listed property can be
 * read with GetProps (3.1.4.1.7) */
static void test_get_prop_list(struct mt *t)
{
	uint32_t mid = own_mid(t);
	struct mapi_u32_array *tags = prop_list(t, mid);
	mt_true(t, tags != NULL && tags->count > 0, "GetPropList: expected properties");
	bool name = false, eid = false;
	for (uint32_t i = 0; i < tags->count; i++) {
		name |= PROP_ID(tags->values[i]) == PROP_ID(PidTagDisplayName);
		eid |= tags->values[i] == PidTagEntryId;
	}
	mt_true(t, name && eid, "GetPropList: expected PidTagDisplayName and PidTagEntryId");
	struct mapi_abk_proplist *l = props(t, mid, 0, tags, ecSuccess);
	mt_eq(t, "GetProps of the listed properties: values", l->count, tags->count);
}

static struct mapi_u32_array *query_columns(struct mt *t, uint32_t flags)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_QUERY_COLUMNS};
	req.query_columns.mapi_flags = flags;
	struct mapi_http_response *rsp = call(t, "QueryColumns", &req, ecSuccess);
	mt_true(t, rsp->query_columns.columns != NULL, "QueryColumns: expected columns");
	return rsp->query_columns.columns;
}

static bool has_tag(const struct mapi_u32_array *a, uint32_t tag)
{
	for (uint32_t i = 0; i < a->count; i++)
		if (a->values[i] == tag)
			return true;
	return false;
}

/* 3.1.4.1.5: with NspiUnicodeProptypes string columns are PtypString, without it PtypString8 */
static void test_query_columns(struct mt *t)
{
	struct mapi_u32_array *w = query_columns(t, NSPI_UNICODE_PROPTYPES);
	struct mapi_u32_array *a = query_columns(t, 0);
	mt_true(t, has_tag(w, PidTagDisplayName) && !has_tag(w, PidTagDisplayName_A),
	        "NspiUnicodeProptypes: expected PidTagDisplayName as PtypString only");
	mt_true(t, has_tag(a, PidTagDisplayName_A) && !has_tag(a, PidTagDisplayName),
	        "no flags: expected PidTagDisplayName as PtypString8 only");
}

/* ---- GetSpecialTable ---- */

static struct mapi_http_get_special_table_rsp *special(struct mt *t, uint32_t flags, uint32_t *version)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_SPECIAL_TABLE};
	req.get_special_table = (struct mapi_http_get_special_table_req){flags, stat_new(t), version};
	struct mapi_http_response *rsp = call(t, "GetSpecialTable", &req, ecSuccess);
	return &rsp->get_special_table;
}

/* 3.1.4.1.3 c14, c15: each hierarchy row has PidTagEntryId, PidTagContainerFlags, PidTagDepth,
 * PidTagAddressBookContainerId, PidTagDisplayName, PidTagAddressBookIsMaster in this order, all present;
 * c8: a version comes back */
static void test_special_table_shape(struct mt *t)
{
	uint32_t unknown = 0xFFFFFFF0; /* a version the server does not hold (c7) */
	struct mapi_http_get_special_table_rsp *r = special(t, NSPI_UNICODE_STRINGS, &unknown);
	mt_true(t, r->rows != NULL && r->rows->count > 0, "the hierarchy table: expected rows");
	mt_true(t, r->version != NULL, "lpVersion: expected the table's version (c8)");
	static const uint32_t want[] = {PidTagEntryId,     PidTagContainerFlags,
	                                PidTagDepth,       PidTagAddressBookContainerId,
	                                PidTagDisplayName, PidTagAddressBookIsMaster};
	for (uint32_t i = 0; i < r->rows->count; i++) {
		const struct mapi_abk_proplist *l = &r->rows->lists[i];
		mt_true(t, l->count >= 6, "row %u: expected at least 6 properties, got %u", i, l->count);
		for (int c = 0; c < 6; c++)
			mt_true(t, l->values[c].pv.tag == want[c],
			        "row %u property %d: expected 0x%08X, got 0x%08X", i, c, want[c],
			        l->values[c].pv.tag);
	}
}

/* 3.1.4.1.3 c7, c8: passing the version the server holds (as c8 returned it) gives no rows */
static void test_special_table_version(struct mt *t)
{
	uint32_t unknown = 0xFFFFFFF0;
	struct mapi_http_get_special_table_rsp *r = special(t, NSPI_UNICODE_STRINGS, &unknown);
	mt_true(t, r->version != NULL, "lpVersion: expected the table's version");
	uint32_t v = *r->version;
	r = special(t, NSPI_UNICODE_STRINGS, &v);
	mt_true(t, r->rows == NULL || r->rows->count == 0,
	        "with the current version: expected no rows, got %u", r->rows ? r->rows->count : 0);
}

/* 3.1.4.1.3 c12, c13: NspiUnicodeStrings gives PtypString names, its absence PtypString8 */
static void test_special_table_strings(struct mt *t)
{
	struct mapi_http_get_special_table_rsp *w = special(t, NSPI_UNICODE_STRINGS, NULL);
	struct mapi_http_get_special_table_rsp *a = special(t, 0, NULL);
	mt_true(t, w->rows && a->rows && w->rows->count > 0 && w->rows->count == a->rows->count,
	        "expected the same rows in both forms");
	mt_true(t, list_value(&w->rows->lists[0], PidTagDisplayName) != NULL, "Unicode: expected PtypString");
	mt_true(t, list_value(&a->rows->lists[0], PidTagDisplayName_A) != NULL,
	        "8-bit: expected PtypString8");
}

/* 3.1.4.1.3 c11: an address creation table the server lacks is an empty table, not an error */
static void test_special_table_templates(struct mt *t)
{
	special(t, NSPI_ADDRESS_CREATION_TEMPLATES, NULL);
}

/* ---- ResolveNames (3.1.4.1.17, ANR 3.1.4.3) ---- */

static struct mapi_resolved *resolve(struct mt *t, uint32_t count, const char *const *names)
{
	struct mapi_resolved *out = NULL;
	uint32_t ec = mapi_resolve_names(mt_session(t), t->mem, count, names, &out);
	if (ec != ecSuccess)
		mt_fail(t, "ResolveNames: expected success, got %s (%s)", mapi_err_name(ec),
		        mapi_session_last_error(mt_session(t))->message);
	return out;
}

/* 3.1.4.3: the user's own account name maps to exactly one object, whose PidTagEmailAddress is the user's
 * legacyExchangeDN */
static void test_resolve_self(struct mt *t)
{
	const char *names[] = {t->opt->user};
	struct mapi_resolved *r = resolve(t, 1, names);
	/* 3.1.4.1.17 c6: a name that matches one object is MID_RESOLVED; the object is its row */
	mt_eq(t, "Minimal Entry ID of the account name", r[0].mid, MID_RESOLVED);
	mt_true(t, r[0].dn != NULL && strcasecmp(r[0].dn, mapi_session_user_dn(mt_session(t))) == 0,
	        "PidTagEmailAddress: expected \"%s\", got \"%s\"", mapi_session_user_dn(mt_session(t)),
	        r[0].dn ? r[0].dn : "(none)");
}

/* 3.1.4.3: a zero-length string MUST map to MID_UNRESOLVED, and so does a name nothing matches */
static void test_resolve_unresolved(struct mt *t)
{
	const char *names[] = {"", NO_SUCH_NAME};
	struct mapi_resolved *r = resolve(t, 2, names);
	mt_eq(t, "Minimal Entry ID of \"\"", r[0].mid, MID_UNRESOLVED);
	mt_eq(t, "Minimal Entry ID of a name nothing matches", r[1].mid, MID_UNRESOLVED);
}

/* 3.1.4.1.17: the list of Minimal Entry IDs answers the strings in their order (MID_RESOLVED, c6) and the
 * rows are those of the resolved names in order: the display name found for the user names the same entry */
static void test_resolve_order(struct mt *t)
{
	const char *self[] = {t->opt->user};
	struct mapi_resolved *me = resolve(t, 1, self);
	mt_true(t, me[0].display_name != NULL, "PidTagDisplayName of \"%s\": expected a name", self[0]);
	const char *names[] = {NO_SUCH_NAME, me[0].display_name, t->opt->user};
	struct mapi_resolved *r = resolve(t, 3, names);
	mt_eq(t, "entry 0 (unknown)", r[0].mid, MID_UNRESOLVED);
	if (r[1].mid == MID_AMBIGUOUS)
		mt_skip(t, "MS-OXNSPI 3.1.4.3", "the display name \"%s\" is ambiguous in this address book",
		        me[0].display_name);
	mt_eq(t, "entry 1 (the display name)", r[1].mid, MID_RESOLVED);
	mt_eq(t, "entry 2 (the account name)", r[2].mid, MID_RESOLVED);
	for (int i = 1; i < 3; i++)
		mt_true(t, r[i].dn != NULL && me[0].dn != NULL && strcasecmp(r[i].dn, me[0].dn) == 0,
		        "PidTagEmailAddress of entry %d: expected \"%s\", got \"%s\"", i,
		        me[0].dn ? me[0].dn : "(none)", r[i].dn ? r[i].dn : "(none)");
}

/* 3.1.4.3 / 2.2.1.9: a word that begins the display names of two objects (and is no object's exact name)
 * matches more than one object: MID_AMBIGUOUS */
static void test_resolve_ambiguous(struct mt *t)
{
	const struct gal *g = gal(t);
	for (uint32_t i = 0; i + 1 < g->n; i++) {
		if (g->names[i] == NULL || g->names[i + 1] == NULL)
			continue;
		size_t n = strcspn(g->names[i], " ");
		if (n < 2 || g->names[i][n] != ' ' || strncasecmp(g->names[i], g->names[i + 1], n) != 0 ||
		    (g->names[i + 1][n] != ' ' && g->names[i + 1][n] != '\0'))
			continue;
		const char *word = talloc_strndup(t->mem, g->names[i], n);
		struct mapi_resolved *r = resolve(t, 1, &word);
		mt_true(t, r[0].mid == MID_AMBIGUOUS,
		        "\"%s\" (begins \"%s\" and \"%s\"): expected MID_AMBIGUOUS (1), got %u", word,
		        g->names[i], g->names[i + 1], r[0].mid);
		return;
	}
	mt_skip(t, "MS-OXNSPI 3.1.4.3", "no two adjacent GAL names begin with the same word");
}

/* ---- GetMatches, groups ---- */

static int first_of_type(const struct gal *g, uint32_t dt, uint32_t not_mid)
{
	for (uint32_t i = 0; i < g->n; i++)
		if (g->types[i] == dt && g->mids[i] != not_mid)
			return (int)i;
	return -1;
}

/* 3.1.4.1.10: a PidTagAnr restriction for the user's account name matches the user's object */
static void test_get_matches_anr(struct mt *t)
{
	uint32_t me = own_mid(t);
	struct mapi_restriction res = {.type = RES_PROPERTY};
	res.property.relop = RELOP_EQ;
	res.property.proptag = PidTagAnr;
	res.property.pv.tag = PidTagAnr;
	res.property.pv.value.str = (char *)t->opt->user;
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_MATCHES};
	req.get_matches = (struct mapi_http_get_matches_req){
	        .state = stat_new(t), .filter = &res, .row_count = 50, .columns = TAGS(t, PidTagDisplayName)};
	struct mapi_http_response *rsp = call(t, "GetMatches", &req, ecSuccess);
	struct mapi_u32_array *mids = rsp->get_matches.mids;
	mt_true(t, mids != NULL && has_tag(mids, me), "GetMatches of PidTagAnr \"%s\": expected MId 0x%X",
	        t->opt->user, me);
	mt_true(t, rsp->get_matches.rows != NULL && rsp->get_matches.rows->count == mids->count,
	        "rows: expected one per MId");
}

/* The members of the group gal row i (GetMatches property form, 3.1.4.1.10 c9: ContainerID holds
 * PidTagAddressBookMember, CurrentRec the group). */
static struct mapi_http_get_matches_rsp *members(struct mt *t, uint32_t group, uint32_t want)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->container_id = PidTagAddressBookMember;
	st->current_rec = group;
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_MATCHES};
	req.get_matches = (struct mapi_http_get_matches_req){
	        .state = st, .row_count = 1000, .columns = TAGS(t, PidTagDisplayName, PidTagDisplayType)};
	struct mapi_http_response *rsp = call(t, "GetMatches (property form)", &req, want);
	return rsp != NULL ? &rsp->get_matches : NULL;
}

/* 3.1.4.1.10 c9, c16: a group's PidTagAddressBookMember lists objects of the address book; the returned
 * State's ContainerID is the input CurrentRec */
static void test_group_members(struct mt *t)
{
	const struct gal *g = gal(t);
	int gi = first_of_type(g, DT_DISTLIST, 0);
	if (gi < 0)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.10", "the GAL has no group (DT_DISTLIST)");
	struct mapi_http_get_matches_rsp *r = members(t, g->mids[gi], ecSuccess);
	mt_true(t, r->mids != NULL && r->mids->count > 0, "members of \"%s\": expected some", g->names[gi]);
	for (uint32_t i = 0; i < r->mids->count; i++)
		mt_true(t, find(g, r->mids->values[i]) >= 0, "member MId 0x%X: expected an object of the GAL",
		        r->mids->values[i]);
	mt_true(t, r->state != NULL && r->state->container_id == g->mids[gi],
	        "State ContainerID: expected the group's MId 0x%X", g->mids[gi]);
}

/* 3.1.4.1.10 c11: the property form on an object that does not exist is GeneralFailure */
static void test_group_members_unknown(struct mt *t)
{
	members(t, NO_SUCH_MID, ecError);
}

/* 3.1.4.1.7 with 2.2.9: a group's display type is DT_DISTLIST also in its Ephemeral Entry ID */
static void test_group_entryid(struct mt *t)
{
	const struct gal *g = gal(t);
	int gi = first_of_type(g, DT_DISTLIST, 0);
	if (gi < 0)
		mt_skip(t, "MS-OXNSPI 2.2.9.2", "the GAL has no group (DT_DISTLIST)");
	struct mapi_abk_proplist *l = props(t, g->mids[gi], NSPI_EPH_ID, TAGS(t, PidTagEntryId), ecSuccess);
	mt_eq(t, "Display Type of the group's Ephemeral Entry ID",
	      entryid(t, list_value(l, PidTagEntryId))->display_type, DT_DISTLIST);
}

/* ---- ModProps, ModLinkAtt: permission failures ---- */

static uint32_t mod_props(struct mt *t, uint32_t mid, struct mapi_u32_array *remove, uint32_t tag)
{
	struct mapi_nspi_stat *st = stat_new(t);
	st->current_rec = mid;
	static uint8_t cert_bytes[] = {0x30, 0x03, 0x02, 0x01, 0x00};
	struct mapi_binary cert = {sizeof cert_bytes, cert_bytes};
	struct mapi_abk_value v = {.has_value = true};
	v.pv.tag = tag;
	if (PROP_TYPE(tag) == PT_MV_BINARY) {
		v.pv.value.mv.count = 1;
		v.pv.value.mv.bin = &cert;
	} else {
		v.pv.value.str = "mapitest";
	}
	struct mapi_abk_proplist values = {tag != 0, &v}; /* tag 0: no values, only the removal */
	struct mapi_http_request req = {.type = MAPI_HTTP_MOD_PROPS};
	req.mod_props =
	        (struct mapi_http_mod_props_req){.state = st, .props_to_remove = remove, .values = &values};
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(mt_session(t), t->mem, &req, &rsp);
	if (ec == ecNotSupported)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.14", "the server answers ModProps with NotSupported");
	return ec;
}

/* The number of certificates (PidTagUserX509Certificate values) of the object mid: 0 when it has none. */
static uint32_t cert_count(struct mt *t, uint32_t mid)
{
	const struct mapi_abk_value *v =
	        list_value(props_maybe(t, mid, PidTagUserX509Certificate), PidTagUserX509Certificate);
	return is_error(v) ? 0 : v->pv.value.mv.count;
}

/* 3.1.4.1.14 c5: without pPropTags the server MUST return InvalidParameter */
static void test_mod_props_no_tags(struct mt *t)
{
	mt_eq_ec(t, "ModProps without pPropTags", mod_props(t, own_mid(t), NULL, PidTagUserX509Certificate),
	         ecInvalidParam);
}

/* 3.1.4.1.14 c6: an object that does not exist is InvalidParameter */
static void test_mod_props_unknown(struct mt *t)
{
	mt_eq_ec(t, "ModProps of an unknown MId",
	         mod_props(t, NO_SUCH_MID, TAGS(t, PidTagUserX509Certificate), PidTagUserX509Certificate),
	         ecInvalidParam);
}

/* 3.1.4.1.14 c2, c11 with section 5: another user's certificate is not the caller's to change:
 * AccessDenied (a user's display type allows changes: not InvalidObject, c7), and nothing changes */
static void test_mod_props_other_user(struct mt *t)
{
	const struct gal *g = gal(t);
	int other = first_of_type(g, DT_MAILUSER, own_mid(t));
	if (other < 0)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.14", "the GAL has no second user");
	uint32_t before = cert_count(t, g->mids[other]);
	uint32_t ec =
	        mod_props(t, g->mids[other], TAGS(t, PidTagUserX509Certificate), PidTagUserX509Certificate);
	mt_eq_ec(t, "ModProps of another user's certificate", ec, ecAccessDenied);
	mt_eq(t, "the other user's certificates afterwards (c2)", cert_count(t, g->mids[other]), before);
}

/* 3.1.4.1.14 c10, c8 (section 5: a user may change the user's own certificate): the certificate set is the
 * one GetProps reads, and removing it again (pPropTags only) leaves none */
static void test_mod_props_own_certificate(struct mt *t)
{
	uint32_t me = own_mid(t);
	uint32_t ec = mod_props(t, me, TAGS(t, PidTagUserX509Certificate), PidTagUserX509Certificate);
	if (ec == ecAccessDenied)
		mt_skip(t, "MS-OXNSPI 5", "the server lets no user change the user's own certificate");
	mt_eq_ec(t, "ModProps of the own certificate", ec, ecSuccess);
	struct mapi_abk_proplist *l = props(t, me, 0, TAGS(t, PidTagUserX509Certificate), ecSuccess);
	const struct mapi_abk_value *v = list_value(l, PidTagUserX509Certificate);
	mt_true(t, !is_error(v) && v->pv.value.mv.count == 1 && v->pv.value.mv.bin[0].len == 5,
	        "PidTagUserX509Certificate: expected the one 5-byte certificate set");
	mt_eq_ec(t, "ModProps removing the own certificate",
	         mod_props(t, me, TAGS(t, PidTagUserX509Certificate), 0), ecSuccess);
	mt_eq(t, "certificates after the removal (c8)", cert_count(t, me), 0);
}

/* 3.1.4.1.14 c11 with section 5: the display name of the own object is not the user's to change */
static void test_mod_props_own_name(struct mt *t)
{
	uint32_t ec = mod_props(t, own_mid(t), TAGS(t, PidTagDisplayName), PidTagDisplayName);
	if (ec == ecSuccess)
		mt_skip(t, "MS-OXNSPI 5", "the server lets users rename themselves");
	mt_eq_ec(t, "ModProps of the own display name", ec, ecAccessDenied);
}

static uint32_t mod_link_att(struct mt *t, uint32_t flags, uint32_t tag, uint32_t mid, const char *dn)
{
	struct mapi_nspi_entryid e = {.id_type = NSPI_PERMANENT_ENTRYID,
	                              .provider_uid = mapi_nspi_guid,
	                              .display_type = DT_MAILUSER,
	                              .dn = (char *)dn};
	struct mapi_nspi_entryids ids = {1, &e};
	struct mapi_http_request req = {.type = MAPI_HTTP_MOD_LINK_ATT};
	req.mod_link_att = (struct mapi_http_mod_link_att_req){flags, tag, mid, &ids};
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(mt_session(t), t->mem, &req, &rsp);
	if (ec == ecNotSupported)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.15", "the server answers ModLinkAtt with NotSupported");
	return ec;
}

/* 3.1.4.1.15 c3: a proptag the server does not recognise (as a link) is NotFound */
static void test_mod_link_att_bad_tag(struct mt *t)
{
	mt_eq_ec(t, "ModLinkAtt of PidTagDisplayName",
	         mod_link_att(t, 0, PidTagDisplayName, own_mid(t), mapi_session_user_dn(mt_session(t))),
	         ecNotFound);
}

/* 3.1.4.1.15 c1, c8 with section 5: adding members to a group is not a user's to do: AccessDenied, and the
 * members are those of before */
static void test_mod_link_att_group(struct mt *t)
{
	const struct gal *g = gal(t);
	int gi = first_of_type(g, DT_DISTLIST, 0);
	if (gi < 0)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.15", "the GAL has no group (DT_DISTLIST)");
	uint32_t before = members(t, g->mids[gi], ecSuccess)->mids->count;
	mt_eq_ec(
	        t, "ModLinkAtt adding the user to a group's members",
	        mod_link_att(t, 0, PidTagAddressBookMember, g->mids[gi], mapi_session_user_dn(mt_session(t))),
	        ecAccessDenied);
	mt_eq(t, "members afterwards", members(t, g->mids[gi], ecSuccess)->mids->count, before);
}

/* 3.1.4.1.15 c8 with section 5: another user's delegates are not the caller's to change */
static void test_mod_link_att_other_user(struct mt *t)
{
	const struct gal *g = gal(t);
	uint32_t me = own_mid(t);
	int other = first_of_type(g, DT_MAILUSER, me);
	if (other < 0)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.15", "the GAL has no second user");
	mt_eq_ec(t, "ModLinkAtt of another user's delegates",
	         mod_link_att(t, 0, PidTagAddressBookPublicDelegates, g->mids[other],
	                      mapi_session_user_dn(mt_session(t))),
	         ecAccessDenied);
}

/* The DNs in the object mid's PidTagAddressBookPublicDelegates (as PtypMultipleString); how many are dn. */
static uint32_t delegates_with(struct mt *t, uint32_t mid, const char *dn)
{
	uint32_t tag = CHANGE_PROP_TYPE(PidTagAddressBookPublicDelegates, PT_MV_UNICODE);
	const struct mapi_abk_value *v = list_value(props_maybe(t, mid, tag), tag);
	uint32_t n = 0;
	for (uint32_t i = 0; !is_error(v) && i < v->pv.value.mv.count; i++)
		n += strcasecmp(v->pv.value.mv.str[i], dn) == 0;
	return n;
}

/* 3.1.4.1.15 c7, c6 (section 5: a user may change the user's own public delegates): adding another user
 * makes the DN a value, adding it again changes nothing, fDelete removes it */
static void test_mod_link_att_own_delegates(struct mt *t)
{
	const struct gal *g = gal(t);
	uint32_t me = own_mid(t);
	int other = first_of_type(g, DT_MAILUSER, me);
	if (other < 0)
		mt_skip(t, "MS-OXNSPI 3.1.4.1.15", "the GAL has no second user");
	struct mapi_abk_proplist *l = props(t, g->mids[other], 0, TAGS(t, PidTagEmailAddress), ecSuccess);
	const struct mapi_abk_value *dnv = list_value(l, PidTagEmailAddress);
	mt_true(t, !is_error(dnv), "PidTagEmailAddress of the second user: expected a DN");
	const char *dn = dnv->pv.value.str;
	uint32_t ec = mod_link_att(t, 0, PidTagAddressBookPublicDelegates, me, dn);
	if (ec == ecAccessDenied)
		mt_skip(t, "MS-OXNSPI 5", "the server lets no user change the user's own delegates");
	mt_eq_ec(t, "ModLinkAtt adding a delegate", ec, ecSuccess);
	mt_eq_ec(t, "ModLinkAtt adding it again",
	         mod_link_att(t, 0, PidTagAddressBookPublicDelegates, me, dn), ecSuccess);
	mt_eq(t, "the delegate's DN among the values (c7: once)", delegates_with(t, me, dn), 1);
	mt_eq_ec(t, "ModLinkAtt with fDelete",
	         mod_link_att(t, NSPI_DELETE, PidTagAddressBookPublicDelegates, me, dn), ecSuccess);
	mt_eq(t, "the delegate's DN after fDelete (c6)", delegates_with(t, me, dn), 0);
}

static const struct mt_test tests[] = {
        {"NSPI", "bind_server_guid", "MS-OXNSPI 3.1.4.1.1", test_bind_guid, NULL},
        {"NSPI", "unbind_success", "MS-OXNSPI 3.1.4.1.2 c1", test_unbind, NULL},
        {"NSPI", "update_stat_forward", "MS-OXNSPI 3.1.4.1.4", test_update_stat_forward, NULL},
        {"NSPI", "update_stat_backward", "MS-OXNSPI 3.1.4.1.4", test_update_stat_backward, NULL},
        {"NSPI", "update_stat_bad_container", "MS-OXNSPI 3.1.4.1.4 c4", test_update_stat_bad_container, NULL},
        {"NSPI", "query_rows_default_columns", "MS-OXNSPI 3.1.4.1.8 c6", test_query_rows_default_columns,
         NULL},
        {"NSPI", "query_rows_forward", "MS-OXNSPI 3.1.4.1.8 c11 c16", test_query_rows_forward, NULL},
        {"NSPI", "query_rows_backward_delta", "MS-OXNSPI 3.1.4.1.8 c12", test_query_rows_backward, NULL},
        {"NSPI", "query_rows_position", "MS-OXNSPI 3.1.4.1.8 c12", test_query_rows_position, NULL},
        {"NSPI", "query_rows_from_mid", "MS-OXNSPI 3.1.4.1.8 c12 c16", test_query_rows_from_mid, NULL},
        {"NSPI", "query_rows_past_end", "MS-OXNSPI 3.1.4.1.8 c15", test_query_rows_past_end, NULL},
        {"NSPI", "query_rows_explicit_table", "MS-OXNSPI 3.1.4.1.8 c8 c13", test_query_rows_explicit, NULL},
        {"NSPI", "query_rows_bad_container", "MS-OXNSPI 3.1.4.1.8 c5", test_query_rows_bad_container, NULL},
        {"NSPI", "query_rows_string8", "MS-OXNSPI 3.1.4.1.8 c14", test_query_rows_string8, NULL},
        {"NSPI", "seek_prefix", "MS-OXNSPI 3.1.4.1.9", test_seek_prefix, NULL},
        {"NSPI", "seek_rows", "MS-OXNSPI 3.1.4.1.9", test_seek_rows, NULL},
        {"NSPI", "seek_past_all", "MS-OXNSPI 3.1.4.1.9", test_seek_past_all, NULL},
        {"NSPI", "seek_bad_container", "MS-OXNSPI 3.1.4.1.9", test_seek_bad_container, NULL},
        {"NSPI", "dn_to_mid", "MS-OXNSPI 3.1.4.1.13 c3 c4", test_dn_to_mid, NULL},
        {"NSPI", "compare_mids", "MS-OXNSPI 3.1.4.1.12 c6 c8", test_compare_mids, NULL},
        {"NSPI", "compare_mids_unknown", "MS-OXNSPI 3.1.4.1.12 c5", test_compare_mids_unknown, NULL},
        {"NSPI", "resort_restriction", "MS-OXNSPI 3.1.4.1.11", test_resort_restriction, NULL},
        {"NSPI", "get_props_own", "MS-OXNSPI 3.1.4.1.7", test_get_props_own, NULL},
        {"NSPI", "get_props_missing", "MS-OXNSPI 3.1.4.1.7", test_get_props_missing, NULL},
        {"NSPI", "get_props_permanent_entryid", "MS-OXNSPI 2.2.9.3", test_get_props_permanent_entryid, NULL},
        {"NSPI", "get_props_bad_container", "MS-OXNSPI 3.1.4.1.7 c4", test_get_props_bad_container, NULL},
        {"NSPI", "get_prop_list", "MS-OXNSPI 3.1.4.1.6", test_get_prop_list, NULL},
        {"NSPI", "query_columns", "MS-OXNSPI 3.1.4.1.5", test_query_columns, NULL},
        {"NSPI", "special_table_shape", "MS-OXNSPI 3.1.4.1.3 c14 c15", test_special_table_shape, NULL},
        {"NSPI", "special_table_version", "MS-OXNSPI 3.1.4.1.3 c7", test_special_table_version, NULL},
        {"NSPI", "special_table_strings", "MS-OXNSPI 3.1.4.1.3 c12 c13", test_special_table_strings, NULL},
        {"NSPI", "special_table_templates", "MS-OXNSPI 3.1.4.1.3 c11", test_special_table_templates, NULL},
        {"NSPI", "resolve_own_name", "MS-OXNSPI 3.1.4.3", test_resolve_self, NULL},
        {"NSPI", "resolve_unresolved", "MS-OXNSPI 3.1.4.3", test_resolve_unresolved, NULL},
        {"NSPI", "resolve_names_in_order", "MS-OXNSPI 3.1.4.1.17", test_resolve_order, NULL},
        {"NSPI", "resolve_ambiguous", "MS-OXNSPI 3.1.4.3", test_resolve_ambiguous, NULL},
        {"NSPI", "get_matches_anr", "MS-OXNSPI 3.1.4.1.10", test_get_matches_anr, NULL},
        {"NSPI", "group_members", "MS-OXNSPI 3.1.4.1.10 c9 c16", test_group_members, NULL},
        {"NSPI", "group_members_unknown", "MS-OXNSPI 3.1.4.1.10 c11", test_group_members_unknown, NULL},
        {"NSPI", "group_entryid", "MS-OXNSPI 2.2.9.2", test_group_entryid, NULL},
        {"NSPI", "mod_props_no_tags", "MS-OXNSPI 3.1.4.1.14 c5", test_mod_props_no_tags, NULL},
        {"NSPI", "mod_props_unknown", "MS-OXNSPI 3.1.4.1.14 c6", test_mod_props_unknown, NULL},
        {"NSPI", "mod_props_other_user", "MS-OXNSPI 3.1.4.1.14 c2 c11", test_mod_props_other_user, NULL},
        {"NSPI", "mod_props_own_certificate", "MS-OXNSPI 3.1.4.1.14 c8 c10", test_mod_props_own_certificate,
         NULL},
        {"NSPI", "mod_props_own_name", "MS-OXNSPI 3.1.4.1.14 c11", test_mod_props_own_name, NULL},
        {"NSPI", "mod_link_att_bad_tag", "MS-OXNSPI 3.1.4.1.15 c3", test_mod_link_att_bad_tag, NULL},
        {"NSPI", "mod_link_att_group", "MS-OXNSPI 3.1.4.1.15 c1 c8", test_mod_link_att_group, NULL},
        {"NSPI", "mod_link_att_own_delegates", "MS-OXNSPI 3.1.4.1.15 c6 c7", test_mod_link_att_own_delegates,
         NULL},
        {"NSPI", "mod_link_att_other_user", "MS-OXNSPI 3.1.4.1.15 c8", test_mod_link_att_other_user, NULL},
};

MT_TEST_LIST(mt_suite_nspi, tests);
