/* Bodies of the Table Object protocol ROPs: MS-OXCTABL 2.2.2, wire layouts in MS-OXCROPS 2.2.5. */
#include "mapi/rop_oxctabl.h"

#include "mapi/mapi_types.h"
#include "mapi/rop.h"

/* ---- bodies of fixed fields ---- */

/* MS-OXCROPS 2.2.5.1.2, 2.2.5.2.2, 2.2.5.3.2, 2.2.5.5.2, 2.2.5.6.2 responses: TableStatus */
const struct rop_fields rop_table_status_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_table_status_rsp, table_status, ROP_U8));

/* MS-OXCROPS 2.2.5.4.1 RopQueryRows request */
const struct rop_fields rop_query_rows_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_query_rows_req, query_rows_flags, ROP_U8),
                   ROP_FIELD(struct rop_query_rows_req, forward_read, ROP_U8),
                   ROP_FIELD(struct rop_query_rows_req, row_count, ROP_U16));

/* MS-OXCROPS 2.2.5.7.2 RopQueryPosition response and 2.2.5.10.1 RopSeekRowFractional request */
const struct rop_fields rop_fraction_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_fraction, numerator, ROP_U32),
                   ROP_FIELD(struct rop_fraction, denominator, ROP_U32));

/* MS-OXCROPS 2.2.5.8.1 RopSeekRow request */
const struct rop_fields rop_seek_row_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_seek_row_req, origin, ROP_U8),
                   ROP_FIELD(struct rop_seek_row_req, row_count, ROP_U32),
                   ROP_FIELD(struct rop_seek_row_req, want_row_moved_count, ROP_U8));

/* MS-OXCROPS 2.2.5.8.2 RopSeekRow response */
const struct rop_fields rop_seek_row_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_seek_row_rsp, has_sought_less, ROP_U8),
                   ROP_FIELD(struct rop_seek_row_rsp, rows_sought, ROP_U32));

/* MS-OXCROPS 2.2.5.9.2 RopSeekRowBookmark response */
const struct rop_fields rop_seek_row_bookmark_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_seek_row_bookmark_rsp, row_no_longer_visible, ROP_U8),
                   ROP_FIELD(struct rop_seek_row_bookmark_rsp, has_sought_less, ROP_U8),
                   ROP_FIELD(struct rop_seek_row_bookmark_rsp, rows_sought, ROP_U32));

/* MS-OXCROPS 2.2.5.16.1 RopExpandRow request */
const struct rop_fields rop_expand_row_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_expand_row_req, max_row_count, ROP_U16),
                   ROP_FIELD(struct rop_expand_row_req, category_id, ROP_U64));

/* MS-OXCROPS 2.2.5.17.1 RopCollapseRow request */
const struct rop_fields rop_collapse_row_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_collapse_row_req, category_id, ROP_U64));

/* MS-OXCROPS 2.2.5.17.2 RopCollapseRow response */
const struct rop_fields rop_collapse_row_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_collapse_row_rsp, collapsed_row_count, ROP_U32));

/* MS-OXCROPS 2.2.5.18.1 RopGetCollapseState request */
const struct rop_fields rop_get_collapse_state_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_collapse_state_req, row_id, ROP_U64),
                   ROP_FIELD(struct rop_get_collapse_state_req, row_instance_number, ROP_U32));

/* ---- columns and rows ---- */

/* The columns of a table with no column: an empty but known set, told apart from NULL (unknown). */
static const uint32_t no_columns[1];

/* MS-OXCTABL 2.2.2.2.1, 3.2.5.2: the columns of a successful RopSetColumns are those of the rows of later
 * RopQueryRows, RopFindRow and RopExpandRow on the table; after a failed one the server SHOULD invalidate the
 * column set (and fail those ROPs with ecNullObject until the next successful RopSetColumns). The pointer
 * borrows the request's tags. */
void rop_set_columns_track(struct rop_ctx *ctx, const struct rop_request *req, const struct rop_response *rsp)
{
	if (rsp == NULL)
		return;
	struct rop_object_ctx *o = &ctx->objects[req->input_handle_index];
	bool ok = rsp->return_value == 0;
	o->column_count = ok ? req->set_columns.property_tag_count : 0;
	o->columns = !ok ? NULL : o->column_count ? req->set_columns.property_tags : no_columns;
}

/* MS-OXCTABL 3.2.5.16: "The columns on the table MUST be treated as if a RopSetColumns ROP request had never
 * been sent on the table." */
void rop_reset_table_track(struct rop_ctx *ctx, const struct rop_request *req, const struct rop_response *rsp)
{
	if (rsp != NULL && rsp->return_value == 0) {
		ctx->objects[req->input_handle_index].column_count = 0;
		ctx->objects[req->input_handle_index].columns = NULL;
	}
}

/* The column set the rows of a response to req follow, or NULL when none is known (no RopSetColumns on that
 * table in this buffer and none filled in by the caller): such rows cannot be coded (WC_EINVAL). */
static const struct rop_object_ctx *table_columns(const struct rop_ctx *ctx, const struct rop_request *req)
{
	const struct rop_object_ctx *o = &ctx->objects[req->input_handle_index];
	return o->columns != NULL ? o : NULL;
}

/* At most this many values in the rows of one response. Every value except a PtypNull one takes at least a
 * byte, so a ROP buffer (64 KB at most) holds far fewer; the cap is for columns of PtypNull, whose values
 * take no byte in a StandardPropertyRow: without it, 16 K such columns would cost 16 K values per row byte.
 */
#define ROP_MAX_ROW_VALUES (1u << 20)

/* Whether count PropertyRows of these columns can be in what r has left: each takes its Flag byte and at
 * least a byte for every value but a PtypNull one (MS-OXCDATA 2.8.1, 2.11.5). */
static bool rows_fit(const struct wc_reader *r, uint32_t count, const uint32_t *columns,
                     uint16_t column_count)
{
	uint64_t min = 1;
	for (uint16_t i = 0; i < column_count; i++)
		min += PROP_TYPE(columns[i]) != PT_NULL;
	return count * min <= wc_reader_left(r) && (uint64_t)count * column_count <= ROP_MAX_ROW_VALUES;
}

/* MS-OXCDATA 2.8.1 PropertyRow */
int rop_property_row_pull(struct rop_pull *p, const uint32_t *columns, uint16_t column_count,
                          struct mapi_property_row *row)
{
	if (!rows_fit(p->r, 1, columns, column_count))
		return WC_EFORMAT;
	return mapi_property_row_pull(p->r, p->mem, columns, column_count, 0, row);
}

/* MS-OXCDATA 2.8.2.1 PropertyRowSet: RowCount, then the rows */
int rop_property_row_set_pull(struct rop_pull *p, const uint32_t *columns, uint16_t column_count,
                              struct mapi_property_row_set *set)
{
	struct wc_reader peek = *p->r;
	uint16_t count;
	if (!wc_read_u16(&peek, &count) || !rows_fit(&peek, count, columns, column_count))
		return WC_EFORMAT;
	return mapi_property_row_set_pull(p->r, p->mem, columns, column_count, 0, set);
}

/* RowCount and RowData of a RopQueryRows or RopExpandRow response, in the table's columns */
static int table_rows_pull(struct rop_pull *p, struct mapi_property_row_set *rows)
{
	const struct rop_object_ctx *t = table_columns(p->ctx, p->req);
	return t ? rop_property_row_set_pull(p, t->columns, t->column_count, rows) : WC_EINVAL;
}

static int table_rows_push(struct rop_push *p, const struct mapi_property_row_set *rows)
{
	const struct rop_object_ctx *t = table_columns(p->ctx, p->req);
	return t ? mapi_property_row_set_push(p->w, t->columns, t->column_count, 0, rows) : WC_EINVAL;
}

/* ---- setting up a table ---- */

/* MS-OXCROPS 2.2.5.1.1 RopSetColumns request; MS-OXCTABL 2.2.2.2.1 */
int rop_set_columns_req_pull(struct rop_pull *p, void *body)
{
	struct rop_set_columns_req *b = body;
	if (!wc_read_u8(p->r, &b->set_columns_flags))
		return WC_EFORMAT;
	return mapi_proptag_array_pull(p->r, p->mem, &b->property_tag_count, &b->property_tags);
}

int rop_set_columns_req_push(struct rop_push *p, const void *body)
{
	const struct rop_set_columns_req *b = body;
	wc_write_u8(p->w, b->set_columns_flags);
	return mapi_proptag_array_push(p->w, b->property_tag_count, b->property_tags);
}

/* MS-OXCROPS 2.2.5.2.1 RopSortTable request; MS-OXCTABL 2.2.2.3.1 */
int rop_sort_table_req_pull(struct rop_pull *p, void *body)
{
	struct rop_sort_table_req *b = body;
	if (!wc_read_u8(p->r, &b->sort_table_flags))
		return WC_EFORMAT;
	return mapi_sort_order_set_pull(p->r, p->mem, &b->sort_orders);
}

int rop_sort_table_req_push(struct rop_push *p, const void *body)
{
	const struct rop_sort_table_req *b = body;
	wc_write_u8(p->w, b->sort_table_flags);
	return mapi_sort_order_set_push(p->w, &b->sort_orders);
}

/* MS-OXCROPS 2.2.5.3.1 RopRestrict request; MS-OXCTABL 2.2.2.4.1 */
int rop_restrict_req_pull(struct rop_pull *p, void *body)
{
	struct rop_restrict_req *b = body;
	if (!wc_read_u8(p->r, &b->restrict_flags))
		return WC_EFORMAT;
	return rop_sized_restriction_pull(p, &b->restriction);
}

int rop_restrict_req_push(struct rop_push *p, const void *body)
{
	const struct rop_restrict_req *b = body;
	wc_write_u8(p->w, b->restrict_flags);
	return rop_sized_restriction_push(p, b->restriction);
}

/* ---- reading rows ---- */

/* MS-OXCROPS 2.2.5.4.2 RopQueryRows response; MS-OXCTABL 2.2.2.5.2: Origin, RowCount, RowData in the columns
 * of the last RopSetColumns */
int rop_query_rows_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_query_rows_rsp *b = body;
	if (!wc_read_u8(p->r, &b->origin))
		return WC_EFORMAT;
	return table_rows_pull(p, &b->rows);
}

int rop_query_rows_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_query_rows_rsp *b = body;
	wc_write_u8(p->w, b->origin);
	return table_rows_push(p, &b->rows);
}

/* MS-OXCROPS 2.2.5.9.1 RopSeekRowBookmark request */
int rop_seek_row_bookmark_req_pull(struct rop_pull *p, void *body)
{
	struct rop_seek_row_bookmark_req *b = body;
	int ret = rop_sized_bytes_pull(p, &b->bookmark);
	if (ret == 0 &&
	    (!wc_read_u32(p->r, (uint32_t *)&b->row_count) || !wc_read_u8(p->r, &b->want_row_moved_count)))
		ret = WC_EFORMAT;
	return ret;
}

int rop_seek_row_bookmark_req_push(struct rop_push *p, const void *body)
{
	const struct rop_seek_row_bookmark_req *b = body;
	int ret = rop_sized_bytes_push(p, &b->bookmark);
	wc_write_u32(p->w, (uint32_t)b->row_count);
	wc_write_u8(p->w, b->want_row_moved_count);
	return ret ? ret : wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.5.13.1 RopFindRow request; MS-OXCTABL 2.2.2.14.1 */
int rop_find_row_req_pull(struct rop_pull *p, void *body)
{
	struct rop_find_row_req *b = body;
	if (!wc_read_u8(p->r, &b->find_row_flags))
		return WC_EFORMAT;
	int ret = rop_sized_restriction_pull(p, &b->restriction);
	if (ret == 0 && !wc_read_u8(p->r, &b->origin))
		ret = WC_EFORMAT;
	return ret ? ret : rop_sized_bytes_pull(p, &b->bookmark);
}

int rop_find_row_req_push(struct rop_push *p, const void *body)
{
	const struct rop_find_row_req *b = body;
	wc_write_u8(p->w, b->find_row_flags);
	int ret = rop_sized_restriction_push(p, b->restriction);
	wc_write_u8(p->w, b->origin);
	return ret ? ret : rop_sized_bytes_push(p, &b->bookmark);
}

/* MS-OXCROPS 2.2.5.13.2 RopFindRow response; MS-OXCTABL 2.2.2.14.2: RowData only when HasRowData */
int rop_find_row_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_find_row_rsp *b = body;
	const struct rop_object_ctx *t = table_columns(p->ctx, p->req);
	if (t == NULL)
		return WC_EINVAL;
	if (!wc_read_u8(p->r, &b->row_no_longer_visible) || !wc_read_u8(p->r, &b->has_row_data))
		return WC_EFORMAT;
	return b->has_row_data ? rop_property_row_pull(p, t->columns, t->column_count, &b->row_data) : 0;
}

int rop_find_row_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_find_row_rsp *b = body;
	const struct rop_object_ctx *t = table_columns(p->ctx, p->req);
	if (t == NULL)
		return WC_EINVAL;
	wc_write_u8(p->w, b->row_no_longer_visible);
	wc_write_u8(p->w, b->has_row_data);
	if (!b->has_row_data)
		return wc_writer_status(p->w);
	return mapi_property_row_push(p->w, t->columns, t->column_count, 0, &b->row_data);
}

/* ---- categories ---- */

/* MS-OXCROPS 2.2.5.16.2 RopExpandRow response; MS-OXCTABL 2.2.2.17.2: ExpandedRowCount, RowCount, RowData */
int rop_expand_row_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_expand_row_rsp *b = body;
	if (!wc_read_u32(p->r, &b->expanded_row_count))
		return WC_EFORMAT;
	return table_rows_pull(p, &b->rows);
}

int rop_expand_row_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_expand_row_rsp *b = body;
	wc_write_u32(p->w, b->expanded_row_count);
	return table_rows_push(p, &b->rows);
}
