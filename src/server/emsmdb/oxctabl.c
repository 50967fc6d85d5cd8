/* The ROPs of the Table Object protocol (MS-OXCTABL 3.2.5) on the store's tables (mapistore.h ms_table_*).
 *
 * A table object's data is its struct ms_table (emsmdb.h), opened by RopGetHierarchyTable,
 * RopGetContentsTable (oxcfold.c) or RopGetAttachmentTable (oxcmsg.c). One handler, emsmdb_rop_table(),
 * serves every table RopId through the table table_rops[] below, which says for each ROP what it checks, in
 * this order: the input object is a table (else ecNullObject / ecNotSupported, emsmdb_input_object), it is a
 * kind of table the ROP "MUST be supported" for (else ecNotSupported, the error tables of 3.2.5.x), and for
 * the ROPs that 3.2.5.2 lists, a RopSetColumns has succeeded on it (else ecNullObject); then the ROP's own
 * function runs on the table.
 *
 * Every table ROP completes before it is answered: TBL_ASYNC is honoured the way 3.2.5.1 allows ("MAY perform
 * the operation synchronously and return TBLSTAT_COMPLETE"), so RopGetStatus always finds TBLSTAT_COMPLETE
 * and RopAbort has nothing to abort (ecUnableToAbort). TableStatus is left as rop_response_init() zeroed it:
 * TBLSTAT_COMPLETE is 0x00.
 *
 * Rows are coded by the ROP codec against the columns in the codec state of the table's handle index
 * (rop.h struct rop_ctx); the store keeps the table's columns, so before rows are answered the handler puts
 * the store's column set into that slot (the codec's own tracking of RopSetColumns only lasts one buffer).
 *
 * Categorized views are not supported: ms_table_sort refuses a SortTable with CategoryCount > 0
 * (ecNotSupported), so no table has category rows. RopExpandRow and RopCollapseRow therefore answer
 * ecNotFound ("the row specified by the CategoryId field was not found", 3.2.5.17/3.2.5.18), and
 * RopGetCollapseState / RopSetCollapseState, whose collapse state only categories give a meaning to, answer
 * ecNotSupported (the one error 3.2.5.19/3.2.5.20 define). */
#include "server/emsmdb/emsmdb_rops.h"

/* Which kinds of tables a ROP is for, as bits of enum ms_table_kind. */
#define KIND(k) (1u << (k))
#define ANY_TABLE                                                                                            \
	(KIND(MS_TABLE_HIERARCHY) | KIND(MS_TABLE_CONTENTS) | KIND(MS_TABLE_ATTACHMENT) |                    \
	 KIND(MS_TABLE_RECIPIENT))
#define FOLDER_TABLES (KIND(MS_TABLE_HIERARCHY) | KIND(MS_TABLE_CONTENTS))
#define CONTENTS_TABLE KIND(MS_TABLE_CONTENTS)

/* What runs once the checks passed: t is the table, ctx->mem is for the response's data. */
typedef uint32_t (*table_fn)(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                             struct rop_response *rsp, struct ms_table *t);

/* ---- setting up a table ---------------------------------------------------------------------------------
 */

/* MS-OXCTABL 2.2.2.2, 3.2.5.2 RopSetColumns: a column of type PT_UNSPECIFIED, PT_ERROR or an invalid type is
 * ecInvalidParam (the store checks, and drops the column set on failure). */
static uint32_t set_columns(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_set_columns(t, req->set_columns.property_tags, req->set_columns.property_tag_count);
}

/* MS-OXCTABL 2.2.2.3, 3.2.5.3 RopSortTable: the cursor goes to the beginning and the bookmarks go (the store
 * does both). A categorized sort (CategoryCount > 0) is ecNotSupported. */
static uint32_t sort_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                           struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_sort(t, &req->sort_table.sort_orders);
}

/* MS-OXCTABL 2.2.2.4, 3.2.5.4 RopRestrict (rules tables do not exist yet); no restriction
 * (RestrictionDataSize 0) removes it. */
static uint32_t restrict_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                               struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_restrict(t, req->restrict_.restriction);
}

/* MS-OXCTABL 2.2.2.6, 3.2.5.6 RopAbort: nothing runs asynchronously, so there is never anything to abort. */
static uint32_t abort_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp, struct ms_table *t)
{
	return ecUnableToAbort;
}

/* MS-OXCTABL 2.2.2.7, 3.2.5.7 RopGetStatus: every table ROP has completed (TBLSTAT_COMPLETE). */
static uint32_t get_status(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                           struct rop_response *rsp, struct ms_table *t)
{
	return ecSuccess;
}

/* MS-OXCTABL 2.2.2.16, 3.2.5.16 RopResetTable: no columns, restriction, sort order or bookmarks, the cursor
 * at the beginning. */
static uint32_t reset_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_reset(t);
}

/* MS-OXCTABL 2.2.2.13, 3.2.5.13 RopQueryColumnsAll: what the store can give (a tag count is 16 bits on the
 * wire). */
static uint32_t query_columns_all(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp, struct ms_table *t)
{
	uint32_t *tags, count;
	uint32_t ec = ms_table_query_columns_all(t, ctx->mem, &tags, &count);
	if (ec != ecSuccess)
		return ec;
	rsp->query_columns_all.property_tag_count = count > UINT16_MAX ? UINT16_MAX : (uint16_t)count;
	rsp->query_columns_all.property_tags = tags;
	return ecSuccess;
}

/* ---- reading rows ------------------------------------------------------------------------------------- */

/* The rows of a RopQueryRows response: the k rows nearest the cursor of the n read (the last k when reading
 * backward, which end at the cursor). */
struct query_rows_fit {
	struct mapi_property_row *rows;
	uint32_t n;
	bool forward;
};

static void query_rows_set(struct rop_response *rsp, unsigned k, void *arg)
{
	const struct query_rows_fit *q = arg;
	rsp->query_rows.rows.count = (uint16_t)k;
	rsp->query_rows.rows.rows = q->forward ? q->rows : q->rows + (q->n - k);
}

/* MS-OXCTABL 2.2.2.5, 3.2.5.5 RopQueryRows: up to RowCount rows from the cursor, as many whole rows as the
 * response buffer holds (at least one while there are rows, else ecBufferTooSmall); the cursor moves past the
 * rows sent unless NoAdvance. Origin is BOOKMARK_END (forward) or BOOKMARK_BEGINNING (backward) when no row
 * is left beyond those sent in that direction, else BOOKMARK_CURRENT. EnablePackedBuffers is accepted; the
 * rows always fit in this one response. QueryRowsFlags bits beyond those two and a ForwardRead other than 0/1
 * are ecInvalidParam (2.2.2.5.1). */
static uint32_t query_rows(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                           struct rop_response *rsp, struct ms_table *t)
{
	const struct rop_query_rows_req *q = &req->query_rows;
	if ((q->query_rows_flags & ~(QUERY_ROWS_NO_ADVANCE | QUERY_ROWS_ENABLE_PACKED_BUFFERS)) ||
	    q->forward_read > 1)
		return ecInvalidParam;
	struct query_rows_fit fit = {.forward = q->forward_read != 0};
	/* every row takes at least its Flag byte: no more rows than the buffer has bytes left are read */
	size_t room = rop_out_room(ctx->out, req);
	uint32_t want = q->row_count < room ? q->row_count : (uint32_t)room;
	uint32_t ec = ms_table_query_rows(t, ctx->mem, want, fit.forward, false, &fit.rows, &fit.n);
	if (ec != ecSuccess)
		return ec;
	unsigned sent = emsmdb_fit_count(ctx, req, rsp, query_rows_set, &fit, fit.n);
	if (fit.n > 0 && sent == 0)
		return ecBufferTooSmall;
	/* where the cursor is after the rows sent, and how many rows the table has */
	uint32_t pos, total;
	if ((ec = ms_table_query_position(t, &pos, &total)) != ecSuccess)
		return ec;
	int64_t after = fit.forward ? (int64_t)pos + sent : (int64_t)pos - sent;
	if (!(q->query_rows_flags & QUERY_ROWS_NO_ADVANCE) && sent > 0)
		ec = ms_table_seek_row(t, MS_BOOKMARK_CURRENT, fit.forward ? (int32_t)sent : -(int32_t)sent,
		                       NULL, NULL);
	if (fit.forward)
		rsp->query_rows.origin = after >= total ? BOOKMARK_END : BOOKMARK_CURRENT;
	else
		rsp->query_rows.origin = after <= 0 ? BOOKMARK_BEGINNING : BOOKMARK_CURRENT;
	return ec;
}

/* MS-OXCTABL 2.2.2.8, 3.2.5.8 RopQueryPosition */
static uint32_t query_position(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                               struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_query_position(t, &rsp->query_position.numerator, &rsp->query_position.denominator);
}

/* MS-OXCTABL 2.2.2.9, 3.2.5.9 RopSeekRow: Origin must be a predefined bookmark (ecInvalidParam otherwise, as
 * the store answers). HasSoughtLess and RowsSought are always given (the client ignores them without
 * WantRowMovedCount). */
static uint32_t seek_row(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                         struct ms_table *t)
{
	bool less = false;
	uint32_t ec = ms_table_seek_row(t, req->seek_row.origin, req->seek_row.row_count,
	                                &rsp->seek_row.rows_sought, &less);
	rsp->seek_row.has_sought_less = less;
	return ec;
}

/* MS-OXCTABL 2.2.2.10, 3.2.5.10 RopSeekRowBookmark: a bookmark freed or dropped by RopSortTable, RopRestrict
 * or RopResetTable is ecInvalidBookmark; one whose row is gone seeks from the row after it with
 * RowNoLongerVisible. */
static uint32_t seek_row_bookmark(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp, struct ms_table *t)
{
	const struct rop_seek_row_bookmark_req *q = &req->seek_row_bookmark;
	bool gone = false, less = false;
	uint32_t ec = ms_table_seek_bookmark(t, &q->bookmark, q->row_count, &gone,
	                                     &rsp->seek_row_bookmark.rows_sought, &less);
	rsp->seek_row_bookmark.row_no_longer_visible = gone;
	rsp->seek_row_bookmark.has_sought_less = less;
	return ec;
}

/* MS-OXCTABL 2.2.2.11, 3.2.5.11 RopSeekRowFractional: Numerator 0 is the beginning, Numerator >= Denominator
 * the end; a Denominator of 0 names no place (ecInvalidParam, as the store answers). */
static uint32_t seek_row_fractional(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_seek_fraction(t, req->seek_row_fractional.numerator,
	                              req->seek_row_fractional.denominator);
}

/* ---- bookmarks, finding a row ----------------------------------------------------------------------------
 */

/* MS-OXCTABL 2.2.2.12, 3.2.5.12 RopCreateBookmark */
static uint32_t create_bookmark(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_create_bookmark(t, ctx->mem, &rsp->create_bookmark.bookmark);
}

/* MS-OXCTABL 2.2.2.15, 3.2.5.15 RopFreeBookmark: a bookmark already freed (or dropped by a sort, restriction
 * or reset) is ecInvalidBookmark. */
static uint32_t free_bookmark(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                              struct rop_response *rsp, struct ms_table *t)
{
	return ms_table_free_bookmark(t, &req->free_bookmark.bookmark);
}

static void find_row_set(struct rop_response *rsp, unsigned k, void *arg)
{
	rsp->find_row.has_row_data = (uint8_t)k;
}

/* MS-OXCTABL 2.2.2.14, 3.2.5.14 RopFindRow: the first row matching the restriction from Origin (a predefined
 * bookmark, or BOOKMARK_CUSTOM with a bookmark whose row, if gone, makes RowNoLongerVisible TRUE and the
 * search start at the next row), forward or backward. The cursor moves to it; its data is sent when it fits
 * the response buffer (HasRowData). No match is ecNotFound. FindRowFlags other than 0/1 and an Origin beyond
 * BOOKMARK_CUSTOM are ecInvalidParam (2.2.2.14.1). */
static uint32_t find_row(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                         struct ms_table *t)
{
	const struct rop_find_row_req *q = &req->find_row;
	if (q->find_row_flags > FIND_ROW_BACKWARD || q->origin > BOOKMARK_CUSTOM)
		return ecInvalidParam;
	const struct mapi_binary *bookmark = NULL;
	uint32_t ec;
	if (q->origin == BOOKMARK_CUSTOM) {
		bool gone = false;
		bookmark = &q->bookmark;
		if ((ec = ms_table_seek_bookmark(t, bookmark, 0, &gone, NULL, NULL)) != ecSuccess)
			return ec;
		rsp->find_row.row_no_longer_visible = gone;
	}
	ec = ms_table_find_row(t, q->restriction, q->origin, bookmark, q->find_row_flags & FIND_ROW_BACKWARD,
	                       ctx->mem, &rsp->find_row.row_data);
	if (ec == ecSuccess)
		emsmdb_fit_count(ctx, req, rsp, find_row_set, NULL, 1);
	return ec;
}

/* ---- categories (not supported: no table has category rows) --------------------------------------------
 */

/* MS-OXCTABL 3.2.5.17 RopExpandRow and 3.2.5.18 RopCollapseRow: there is no category row of any CategoryId.
 */
static uint32_t expand_collapse_row(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp, struct ms_table *t)
{
	return ecNotFound;
}

/* MS-OXCTABL 3.2.5.19 RopGetCollapseState and 3.2.5.20 RopSetCollapseState: without categorized views there
 * is no collapse state to give or take (documented in docs/emsmdb.md). */
static uint32_t collapse_state(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                               struct rop_response *rsp, struct ms_table *t)
{
	return ecNotSupported;
}

/* ---- the table of table ROPs ----------------------------------------------------------------------------
 */

struct table_rop {
	unsigned kinds; /* the tables the ROP "MUST be supported" for (3.2.5.x); others are ecNotSupported */
	bool columns;   /* 3.2.5.2: ecNullObject before a successful RopSetColumns */
	table_fn fn;
};

static const struct table_rop table_rops[256] = {
        [ROP_SET_COLUMNS] = {ANY_TABLE, false, set_columns},
        [ROP_SORT_TABLE] = {CONTENTS_TABLE, false, sort_table},
        [ROP_RESTRICT] = {FOLDER_TABLES, false, restrict_table},
        [ROP_QUERY_ROWS] = {ANY_TABLE, true, query_rows},
        [ROP_ABORT] = {FOLDER_TABLES, false, abort_table},
        [ROP_GET_STATUS] = {ANY_TABLE, false, get_status},
        [ROP_QUERY_POSITION] = {ANY_TABLE, false, query_position},
        [ROP_SEEK_ROW] = {ANY_TABLE, false, seek_row},
        [ROP_SEEK_ROW_BOOKMARK] = {FOLDER_TABLES, true, seek_row_bookmark},
        [ROP_SEEK_ROW_FRACTIONAL] = {ANY_TABLE, false, seek_row_fractional},
        [ROP_CREATE_BOOKMARK] = {FOLDER_TABLES, true, create_bookmark},
        /* 3.2.5.15: MUST for hierarchy tables, SHOULD for contents tables */
        [ROP_FREE_BOOKMARK] = {FOLDER_TABLES, true, free_bookmark},
        [ROP_QUERY_COLUMNS_ALL] = {ANY_TABLE, false, query_columns_all},
        [ROP_FIND_ROW] = {FOLDER_TABLES, true, find_row},
        [ROP_RESET_TABLE] = {CONTENTS_TABLE, false, reset_table},
        [ROP_EXPAND_ROW] = {CONTENTS_TABLE, true, expand_collapse_row},
        [ROP_COLLAPSE_ROW] = {CONTENTS_TABLE, true, expand_collapse_row},
        [ROP_GET_COLLAPSE_STATE] = {CONTENTS_TABLE, true, collapse_state},
        [ROP_SET_COLLAPSE_STATE] = {CONTENTS_TABLE, true, collapse_state},
};

/* The checks of table_rops[req->id], then its function. A ROP that needs the column set gets it into the
 * codec slot of the table's handle index, so that the rows of its response are coded with it. */
uint32_t emsmdb_rop_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp)
{
	const struct table_rop *op = &table_rops[req->id];
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_TABLE, &ec);
	if (o == NULL)
		return ec;
	struct ms_table *t = o->data;
	if (op->fn == NULL || !(op->kinds & KIND(ms_table_get_kind(t))))
		return ecNotSupported;
	if (op->columns) {
		const uint32_t *cols;
		uint32_t ncols;
		if ((ec = ms_table_get_columns(t, &cols, &ncols)) != ecSuccess)
			return ec;
		struct rop_object_ctx *slot = &ctx->out->ctx->objects[req->input_handle_index];
		slot->column_count = (uint16_t)ncols; /* RopSetColumns sends at most 65535 */
		slot->columns = cols;
	}
	return op->fn(ctx, req, rsp, t);
}
