/* src/mapi/rop_oxctabl.c: the Table Object protocol ROPs (MS-OXCTABL 2.2.2, MS-OXCROPS 2.2.5), against the
 * examples of MS-OXCTABL section 4 (and the complete table exchanges of MS-OXORULE 4.2, MS-OXCPERM 4.1) and
 * hand-built bytes for every request and response form, and the column set that RopSetColumns leaves in the
 * codec state for the rows of later ROPs. */
#include "rop_testutil.h"

/* MS-OXCTABL 4.2.1: the columns of the examples */
#define PID_TAG_FOLDER_ID 0x67480014
#define PID_TAG_MID 0x674A0014
#define PID_TAG_INST_ID 0x674D0014
#define PID_TAG_INSTANCE_NUM 0x674E0003
#define PID_TAG_SUBJECT 0x0037001F
#define PID_TAG_MESSAGE_DELIVERY_TIME 0x0E060040
static const uint32_t example_columns[6] = {PID_TAG_FOLDER_ID, PID_TAG_MID,
                                            PID_TAG_INST_ID,   PID_TAG_INSTANCE_NUM,
                                            PID_TAG_SUBJECT,   PID_TAG_MESSAGE_DELIVERY_TIME};

/* The codec state with columns known for the table in handle-table slot index. */
static struct rop_ctx with_columns(uint8_t index, const uint32_t *columns, uint16_t count)
{
	struct rop_ctx c = empty_ctx;
	c.objects[index] = (struct rop_object_ctx){.column_count = count, .columns = columns};
	return c;
}

/* MS-OXCTABL 4.1 Obtaining a Message List (the contents table the other examples work on) */
static void test_contents_table_example(void **state)
{
	const char *file = "MS-OXCTABL-4.1-getcontentstable.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.id, ROP_GET_CONTENTS_TABLE);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.get_contents_table.table_flags, 0);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.get_contents_table.row_count, 4);
}

/* MS-OXCTABL 4.2 Setting the Columns on a Table; the response leaves those columns in the state */
static void test_set_columns_example(void **state)
{
	const char *file = "MS-OXCTABL-4.2-setcolumns.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.id, ROP_SET_COLUMNS);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.set_columns.set_columns_flags, 0);
	assert_int_equal(req.set_columns.property_tag_count, 6);
	for (int i = 0; i < 6; i++)
		assert_int_equal(req.set_columns.property_tags[i], example_columns[i]);

	size_t n;
	uint8_t *b = tu_vector(*state, file, "response", &n);
	struct rop_ctx c = empty_ctx;
	rop_tu_pull_response(*state, &c, file, &req, b, n, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.set_columns.table_status, TBLSTAT_COMPLETE);
	assert_int_equal(c.objects[1].column_count, 6);
	assert_ptr_equal(c.objects[1].columns, req.set_columns.property_tags);
	assert_null(c.objects[0].columns);
}

/* MS-OXCTABL 4.3 Sorting a Table by Time Delivered, 4.5.1 Sorting a Table by Category */
static void test_sort_table_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, "MS-OXCTABL-4.3.1-sorttable-sortorderset.hex", "rop",
	                       &req);
	assert_int_equal(req.id, ROP_SORT_TABLE);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.sort_table.sort_table_flags, 0);
	assert_int_equal(req.sort_table.sort_orders.count, 1);
	assert_int_equal(req.sort_table.sort_orders.categorized, 0);
	assert_int_equal(req.sort_table.sort_orders.expanded, 0);
	assert_int_equal(req.sort_table.sort_orders.orders[0].type, 0x0040);
	assert_int_equal(req.sort_table.sort_orders.orders[0].id, 0x0E06);
	assert_int_equal(req.sort_table.sort_orders.orders[0].order, TABLE_SORT_DESCEND);
	rop_tu_example_response(*state, &empty_ctx, "MS-OXCTABL-4.3.2-sorttable-response.hex", "response",
	                        &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.sort_table.table_status, TBLSTAT_COMPLETE);

	rop_tu_example_request(*state, &empty_ctx, "MS-OXCTABL-4.5.1.1-sorttable-category-sortorderset.hex",
	                       "rop", &req);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.sort_table.sort_orders.count, 2);
	assert_int_equal(req.sort_table.sort_orders.categorized, 1);
	assert_int_equal(req.sort_table.sort_orders.expanded, 1);
	assert_int_equal(req.sort_table.sort_orders.orders[0].type, 0x301F); /* PtypMultipleString | MVI */
	assert_int_equal(req.sort_table.sort_orders.orders[0].id, 0x8008);
	assert_int_equal(req.sort_table.sort_orders.orders[0].order, TABLE_SORT_ASCEND);
	assert_int_equal(req.sort_table.sort_orders.orders[1].order, TABLE_SORT_DESCEND);
	rop_tu_example_response(*state, &empty_ctx, "MS-OXCTABL-4.5.1.2-sorttable-category-response.hex",
	                        "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 0);
	assert_int_equal(rsp.sort_table.table_status, TBLSTAT_COMPLETE);
}

/* Decodes the first row of a RopQueryRows response (at offset 9) against the first count columns. */
static void first_row(TALLOC_CTX *mem, const uint8_t *b, size_t n, const uint32_t *columns, uint16_t count,
                      struct mapi_property_row *row)
{
	struct wc_reader r;
	wc_reader_init(&r, b + 9, n - 9);
	struct rop_pull p = {.r = &r, .mem = mem};
	assert_int_equal(rop_property_row_pull(&p, columns, count, row), 0);
}

/* MS-OXCTABL 4.4 Querying Rows. The request decodes; the response as printed cannot be decoded whole (see the
 * vector: the spec shows 256 bytes of it, and they follow the 4.2 columns only up to the fourth value), but
 * the values the spec annotates do decode as annotated, and without a column set nothing decodes at all. */
static void test_query_rows_example(void **state)
{
	const char *file = "MS-OXCTABL-4.4-queryrows.hex";
	struct rop_request req;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.id, ROP_QUERY_ROWS);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.query_rows.query_rows_flags, 0);
	assert_int_equal(req.query_rows.forward_read, 1);
	assert_int_equal(req.query_rows.row_count, 50);

	size_t n;
	uint8_t *b = tu_vector(*state, file, "response", &n);
	struct rop_ctx c = with_columns(1, example_columns, 6);
	rop_tu_response_bytes_fail(*state, &empty_ctx, &req, b, n, WC_EINVAL);
	rop_tu_response_bytes_fail(*state, &c, &req, b, n, WC_EFORMAT);
	assert_int_equal(b[6], BOOKMARK_END);
	assert_int_equal(b[7] | b[8] << 8, 4);

	struct mapi_property_row row;
	first_row(*state, b, n, example_columns, 4, &row);
	assert_int_equal(row.flag, MAPI_ROW_FLAGGED);
	assert_int_equal(row.values[0].flag, MAPI_VALUE_PRESENT);
	assert_true(row.values[0].pv.value.i64 == (int64_t)0x8814000000000001ULL);
	assert_int_equal(row.values[1].pv.tag, PID_TAG_MID);
	assert_true(row.values[1].pv.value.i64 == 0x47873F0B00000001LL);
}

/* MS-OXCTABL 4.5.2 Expanding a Category Row. Its RopSetColumns is not shown; with no row returned any column
 * set decodes the response, but one is needed. */
static void test_expand_row_example(void **state)
{
	const char *file = "MS-OXCTABL-4.5.2-expandrow.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.id, ROP_EXPAND_ROW);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.expand_row.max_row_count, 0);
	assert_true(req.expand_row.category_id == 0xBD88F10000000001ULL);

	struct rop_ctx c = with_columns(1, example_columns, 6);
	rop_tu_example_response(*state, &c, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.expand_row.expanded_row_count, 3);
	assert_int_equal(rsp.expand_row.rows.count, 0);

	size_t n;
	uint8_t *b = tu_vector(*state, file, "response", &n);
	rop_tu_response_bytes_fail(*state, &empty_ctx, &req, b, n, WC_EINVAL);
}

/* MS-OXCTABL 4.5.3 Querying Rows with Category View: the spec cuts the response off and does not show its
 * column set. Without one it does not decode; the first row's third value is the category 4.5.2 expanded. */
static void test_category_query_rows_example(void **state)
{
	const char *file = "MS-OXCTABL-4.5.3-queryrows-category.hex";
	struct rop_request req;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.query_rows.forward_read, 1);
	assert_int_equal(req.query_rows.row_count, 50);

	size_t n;
	uint8_t *b = tu_vector(*state, file, "response", &n);
	struct rop_ctx c = with_columns(0, example_columns, 6);
	rop_tu_response_bytes_fail(*state, &empty_ctx, &req, b, n, WC_EINVAL);
	rop_tu_response_bytes_fail(*state, &c, &req, b, n, WC_EFORMAT); /* nine rows do not fit 55 bytes */
	assert_int_equal(b[6], BOOKMARK_END);
	assert_int_equal(b[7], 9);

	struct mapi_property_row row;
	first_row(*state, b, n, example_columns, 3, &row);
	assert_int_equal(row.values[1].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row.values[1].pv.value.err, 0x8004010F);
	assert_true(row.values[2].pv.value.i64 == (int64_t)0xBD88F10000000001ULL);
}

/* ROP buffers of RopSize, the ROPs, then the handle table (MS-OXCROPS 2.2.1). */
static uint8_t *rop_buffer(TALLOC_CTX *mem, const uint8_t *const *rops, const size_t *lens, int count,
                           uint32_t handle_count, size_t *len)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	size_t size = 2;
	for (int i = 0; i < count; i++)
		size += lens[i];
	wc_write_u16(&w, (uint16_t)size);
	for (int i = 0; i < count; i++)
		wc_write_bytes(&w, rops[i], lens[i]);
	for (uint32_t i = 0; i < handle_count; i++)
		wc_write_u32(&w, i == 0 ? 0x1234 : ROP_INVALID_HANDLE);
	*len = w.len;
	return w.data;
}

/* The requests of MS-OXCTABL 4.1.1, 4.2.1, 4.3.1 and 4.4.1 in one ROP buffer, and their responses 4.1.2,
 * 4.2.2, 4.3.2 with a RopQueryRows response of one row in the 4.2 columns (the example's first row, with a
 * subject and an error for the delivery time): the rows decode with the columns the RopSetColumns of the same
 * buffer set, and cannot when that RopSetColumns failed. */
static void test_example_sequence_in_buffers(void **state)
{
	TALLOC_CTX *mem = *state;
	const uint8_t *rops[4];
	size_t lens[4], n;
	rops[0] = tu_vector(mem, "MS-OXCTABL-4.1-getcontentstable.hex", "request", &lens[0]);
	rops[1] = tu_vector(mem, "MS-OXCTABL-4.2-setcolumns.hex", "request", &lens[1]);
	rops[2] = tu_vector(mem, "MS-OXCTABL-4.3.1-sorttable-sortorderset.hex", "rop", &lens[2]);
	rops[3] = tu_vector(mem, "MS-OXCTABL-4.4-queryrows.hex", "request", &lens[3]);
	size_t in_len;
	uint8_t *in = rop_buffer(mem, rops, lens, 4, 2, &in_len);

	rops[0] = tu_vector(mem, "MS-OXCTABL-4.1-getcontentstable.hex", "response", &lens[0]);
	rops[1] = tu_vector(mem, "MS-OXCTABL-4.2-setcolumns.hex", "response", &lens[1]);
	rops[2] = tu_vector(mem, "MS-OXCTABL-4.3.2-sorttable-response.hex", "response", &lens[2]);
	rops[3] = tu_hex(mem,
	                 "15 01 00 00 00 00 02 01 00" /* RopQueryRows, BOOKMARK_END, RowCount 1 */
	                 "01"                         /* FlaggedPropertyRow */
	                 "00 01 00 00 00 00 00 14 88" /* PidTagFolderId */
	                 "00 01 00 00 00 0b 3f 87 47" /* PidTagMid */
	                 "00 01 00 00 00 0b 3f 87 47" /* PidTagInstID */
	                 "00 00 00 00 00"             /* PidTagInstanceNum */
	                 "00 48 00 69 00 00 00"       /* PidTagSubject "Hi" */
	                 "0a 0f 01 04 80",            /* PidTagMessageDeliveryTime: NotFound */
	                 &lens[3]);
	uint8_t *out = rop_buffer(mem, rops, lens, 4, 2, &n);
	struct rop_request_buffer *reqs;
	struct rop_response_buffer *rsps;
	rop_tu_exchange(mem, in, in_len, out, n, &reqs, &rsps);
	assert_int_equal(rsps->count, 4);
	const struct rop_query_rows_rsp *q = &rsps->rops[3].query_rows;
	assert_int_equal(q->origin, BOOKMARK_END);
	assert_int_equal(q->rows.count, 1);
	assert_int_equal(q->rows.rows[0].count, 6);
	assert_true(q->rows.rows[0].values[0].pv.value.i64 == (int64_t)0x8814000000000001ULL);
	assert_string_equal(q->rows.rows[0].values[4].pv.value.str, "Hi");
	assert_int_equal(q->rows.rows[0].values[5].pv.value.err, 0x8004010F);

	rops[1] = tu_hex(mem, "12 01 57 00 07 80", &lens[1]); /* RopSetColumns fails: ecInvalidParam */
	out = rop_buffer(mem, rops, lens, 4, 2, &n);
	struct rop_error e;
	struct rop_ctx c = empty_ctx;
	assert_int_equal(rop_response_buffer_pull(mem, out, n, reqs, &c, &rsps, &e), WC_EINVAL);
	assert_int_equal(e.rop_index, 3);
}

/* MS-OXORULE 4.2: a rules table opened, given columns and read in one RPC. The row decodes as the spec reads
 * it only through the RopSetColumns of the same buffer ("It is not possible to interpret this response
 * without the context of the earlier RopSetColumns ROP request"). */
static void test_rules_table_example_buffers(void **state)
{
	TALLOC_CTX *mem = *state;
	const char *file = "MS-OXORULE-4.2-rules-table-buffers.hex";
	size_t in_len, n;
	uint8_t *in = tu_vector(mem, file, "request-buffer", &in_len);
	uint8_t *out = tu_vector(mem, file, "response-buffer", &n);
	struct rop_request_buffer *reqs;
	struct rop_response_buffer *rsps;
	rop_tu_exchange(mem, in, in_len, out, n, &reqs, &rsps);
	assert_int_equal(rsps->count, 3);
	assert_int_equal(rsps->handles[1], 0x221);
	const struct rop_query_rows_rsp *q = &rsps->rops[2].query_rows;
	assert_int_equal(q->origin, BOOKMARK_END);
	assert_int_equal(q->rows.count, 1);
	const struct mapi_property_row *row = &q->rows.rows[0];
	assert_int_equal(row->flag, MAPI_ROW_STANDARD);
	assert_true(row->values[0].pv.value.i64 == 0x56F83F0100000001LL);
	assert_int_equal(row->values[1].pv.value.bin.len, 16);
	static const uint8_t provider_data[16] = {1,    0,    0,    0,    1,    0,    0,    0,
	                                          0x55, 0x55, 0x55, 0x55, 0xD1, 0x44, 0xE3, 0x40};
	assert_memory_equal(row->values[1].pv.value.bin.data, provider_data, 16);
	assert_string_equal(row->values[2].pv.value.str, "Project X");
}

/* MS-OXCPERM 4.1 and 4.2: the permissions list read with RopSetColumns and RopQueryRows in one RPC (4.1),
 * and the list of 4.2, read with the same requests, against the columns of the 4.1 RopSetColumns. */
static void test_permissions_table_example_buffers(void **state)
{
	TALLOC_CTX *mem = *state;
	const char *file = "MS-OXCPERM-4.1-permissions-table-buffers.hex";
	size_t in_len, n;
	uint8_t *in = tu_vector(mem, file, "request-buffer", &in_len);
	uint8_t *out = tu_vector(mem, file, "response-buffer", &n);
	struct rop_request_buffer *reqs;
	struct rop_response_buffer *rsps;
	rop_tu_exchange(mem, in, in_len, out, n, &reqs, &rsps);
	const struct mapi_property_row_set *rows = &rsps->rops[2].query_rows.rows;
	assert_int_equal(rows->count, 2);
	assert_true(rows->rows[0].values[0].pv.value.i64 == 0);
	assert_string_equal(rows->rows[0].values[1].pv.value.str, "");
	assert_int_equal(rows->rows[0].values[2].pv.value.i32, 0x800); /* FreeBusySimple */
	assert_int_equal(rows->rows[0].values[3].pv.value.bin.len, 0);
	assert_true(rows->rows[1].values[0].pv.value.i64 == -1);
	assert_string_equal(rows->rows[1].values[1].pv.value.str, "Anonymous");
	struct rop_ctx columns = with_columns(1, reqs->rops[1].set_columns.property_tags, 4);
	struct rop_response rsp;
	rop_tu_example_response(mem, &columns, "MS-OXCPERM-4.2-RopQueryRows-response.hex", NULL,
	                        &reqs->rops[2], &rsp);
	rows = &rsp.query_rows.rows;
	assert_int_equal(rows->count, 3);
	assert_true(rows->rows[1].values[0].pv.value.i64 == 0x0000001500000002LL);
	assert_string_equal(rows->rows[1].values[1].pv.value.str, "user8");
	assert_int_equal(rows->rows[1].values[2].pv.value.i32, 0x1FFB);
	assert_int_equal(rows->rows[1].values[3].pv.value.bin.len, 0x7C); /* the PermanentEntryID of user8 */
	assert_string_equal(rows->rows[2].values[1].pv.value.str, "Anonymous");
}

/* MS-OXCTABL 3.2.5.2, 3.2.5.16: what RopSetColumns, RopResetTable and a new object do to a slot's columns. */
static void test_columns_follow_the_table(void **state)
{
	static uint32_t tags[2] = {PID_TAG_INST_ID, PID_TAG_SUBJECT};
	struct rop_request set = {.id = ROP_SET_COLUMNS,
	                          .input_handle_index = 2,
	                          .set_columns = {.property_tag_count = 2, .property_tags = tags}};
	struct rop_request reset = {.id = ROP_RESET_TABLE, .input_handle_index = 2};
	struct rop_request open = {.id = ROP_GET_CONTENTS_TABLE, .output_handle_index = 2};
	struct rop_request none = {.id = ROP_SET_COLUMNS, .input_handle_index = 2};
	struct rop_response rsp;
	struct wc_writer w;
	struct rop_ctx c = empty_ctx;
	wc_writer_init(&w, *state, 0);

	assert_int_equal(rop_request_push(&w, &c, &set), 0);
	assert_null(c.objects[2].columns); /* the request alone changes nothing */
	rop_response_init(&rsp, &set, 0);
	assert_int_equal(rop_response_push(&w, &c, &set, &rsp), 0);
	assert_ptr_equal(c.objects[2].columns, tags);
	assert_int_equal(c.objects[2].column_count, 2);

	rop_response_init(&rsp, &reset, 0x80040500); /* ecBusy: the columns stay */
	assert_int_equal(rop_response_push(&w, &c, &reset, &rsp), 0);
	assert_ptr_equal(c.objects[2].columns, tags);
	rop_response_init(&rsp, &reset, 0);
	assert_int_equal(rop_response_push(&w, &c, &reset, &rsp), 0);
	assert_null(c.objects[2].columns);

	rop_response_init(&rsp, &set, 0);
	assert_int_equal(rop_response_push(&w, &c, &set, &rsp), 0);
	rop_response_init(&rsp, &set, 0x80070057); /* a failed RopSetColumns invalidates the column set */
	assert_int_equal(rop_response_push(&w, &c, &set, &rsp), 0);
	assert_null(c.objects[2].columns);

	rop_response_init(&rsp, &set, 0);
	assert_int_equal(rop_response_push(&w, &c, &set, &rsp), 0);
	rop_response_init(&rsp, &open, 0); /* a new table in the slot has no columns yet */
	assert_int_equal(rop_response_push(&w, &c, &open, &rsp), 0);
	assert_null(c.objects[2].columns);

	rop_response_init(&rsp, &none, 0); /* no column at all is a known (empty) column set */
	assert_int_equal(rop_response_push(&w, &c, &none, &rsp), 0);
	assert_non_null(c.objects[2].columns);
	assert_int_equal(c.objects[2].column_count, 0);
}

/* Every request, hand-built from the MS-OXCROPS 2.2.5 field tables. */
static void test_requests(void **state)
{
	TALLOC_CTX *mem = *state;
	static uint32_t tags[2] = {PID_TAG_INST_ID, PID_TAG_SUBJECT};
	static struct mapi_restriction exist = {.type = RES_EXIST, .exist = {.proptag = PID_TAG_SUBJECT}};
	static struct mapi_sort_order orders[1] = {
	        {.type = 0x0040, .id = 0x0E06, .order = TABLE_SORT_DESCEND}};
	static uint8_t mark[3] = {0xB1, 0xB2, 0xB3};
	const struct rop_tu_request cases[] = {
	        {"RopSetColumns",
	         {.id = ROP_SET_COLUMNS,
	          .logon_id = 1,
	          .input_handle_index = 2,
	          .set_columns = {.set_columns_flags = TBL_ASYNC,
	                          .property_tag_count = 2,
	                          .property_tags = tags}},
	         "12 01 02 01 02 00 14 00 4D 67 1F 00 37 00"},
	        {"RopSortTable",
	         {.id = ROP_SORT_TABLE,
	          .input_handle_index = 1,
	          .sort_table = {.sort_orders = {.count = 1, .orders = orders}}},
	         "13 00 01 00 01 00 00 00 00 00 40 00 06 0E 01"},
	        {"RopRestrict",
	         {.id = ROP_RESTRICT,
	          .input_handle_index = 1,
	          .restrict_ = {.restrict_flags = TBL_ASYNC, .restriction = &exist}},
	         "14 00 01 01 05 00 08 1F 00 37 00"},
	        {"RopRestrict without restriction", {.id = ROP_RESTRICT}, "14 00 00 00 00 00"},
	        {"RopQueryRows",
	         {.id = ROP_QUERY_ROWS,
	          .input_handle_index = 1,
	          .query_rows = {.query_rows_flags = QUERY_ROWS_NO_ADVANCE | QUERY_ROWS_ENABLE_PACKED_BUFFERS,
	                         .forward_read = 0,
	                         .row_count = 0x1234}},
	         "15 00 01 03 00 34 12"},
	        {"RopAbort", {.id = ROP_ABORT, .input_handle_index = 3}, "38 00 03"},
	        {"RopGetStatus", {.id = ROP_GET_STATUS, .input_handle_index = 3}, "16 00 03"},
	        {"RopQueryPosition", {.id = ROP_QUERY_POSITION, .input_handle_index = 3}, "17 00 03"},
	        {"RopSeekRow",
	         {.id = ROP_SEEK_ROW,
	          .input_handle_index = 1,
	          .seek_row = {.origin = BOOKMARK_END, .row_count = -2, .want_row_moved_count = 1}},
	         "18 00 01 02 FE FF FF FF 01"},
	        {"RopSeekRowBookmark",
	         {.id = ROP_SEEK_ROW_BOOKMARK,
	          .input_handle_index = 1,
	          .seek_row_bookmark = {.bookmark = {3, mark}, .row_count = 5, .want_row_moved_count = 0}},
	         "19 00 01 03 00 B1 B2 B3 05 00 00 00 00"},
	        {"RopSeekRowFractional",
	         {.id = ROP_SEEK_ROW_FRACTIONAL,
	          .input_handle_index = 1,
	          .seek_row_fractional = {.numerator = 1, .denominator = 3}},
	         "1A 00 01 01 00 00 00 03 00 00 00"},
	        {"RopCreateBookmark", {.id = ROP_CREATE_BOOKMARK, .input_handle_index = 1}, "1B 00 01"},
	        {"RopQueryColumnsAll", {.id = ROP_QUERY_COLUMNS_ALL, .input_handle_index = 1}, "37 00 01"},
	        {"RopFindRow",
	         {.id = ROP_FIND_ROW,
	          .input_handle_index = 1,
	          .find_row = {.find_row_flags = FIND_ROW_BACKWARD,
	                       .restriction = &exist,
	                       .origin = BOOKMARK_CUSTOM,
	                       .bookmark = {3, mark}}},
	         "4F 00 01 01 05 00 08 1F 00 37 00 03 03 00 B1 B2 B3"},
	        {"RopFindRow from the start",
	         {.id = ROP_FIND_ROW, .find_row = {.restriction = &exist, .origin = BOOKMARK_BEGINNING}},
	         "4F 00 00 00 05 00 08 1F 00 37 00 00 00 00"},
	        {"RopFreeBookmark",
	         {.id = ROP_FREE_BOOKMARK, .input_handle_index = 1, .free_bookmark = {{3, mark}}},
	         "89 00 01 03 00 B1 B2 B3"},
	        {"RopResetTable", {.id = ROP_RESET_TABLE, .input_handle_index = 1}, "81 00 01"},
	        {"RopExpandRow",
	         {.id = ROP_EXPAND_ROW,
	          .input_handle_index = 1,
	          .expand_row = {.max_row_count = 10, .category_id = 0x0102030405060708ULL}},
	         "59 00 01 0A 00 08 07 06 05 04 03 02 01"},
	        {"RopCollapseRow",
	         {.id = ROP_COLLAPSE_ROW,
	          .input_handle_index = 1,
	          .collapse_row = {.category_id = 0x0102030405060708ULL}},
	         "5A 00 01 08 07 06 05 04 03 02 01"},
	        {"RopGetCollapseState",
	         {.id = ROP_GET_COLLAPSE_STATE,
	          .input_handle_index = 1,
	          .get_collapse_state = {.row_id = 0x0102030405060708ULL, .row_instance_number = 2}},
	         "6B 00 01 08 07 06 05 04 03 02 01 02 00 00 00"},
	        {"RopSetCollapseState",
	         {.id = ROP_SET_COLLAPSE_STATE, .input_handle_index = 1, .set_collapse_state = {{3, mark}}},
	         "6C 00 01 03 00 B1 B2 B3"},
	        {"RopSetCollapseState empty", {.id = ROP_SET_COLLAPSE_STATE}, "6C 00 00 00 00"},
	};
	rop_tu_request_cases(mem, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Columns of the hand-built rows: a PtypInteger64, a PtypString and a PtypTime. */
static const uint32_t row_columns[3] = {PID_TAG_INST_ID, PID_TAG_SUBJECT, PID_TAG_MESSAGE_DELIVERY_TIME};
static struct mapi_row_value standard_values[3] = {
        {MAPI_VALUE_PRESENT, {PID_TAG_INST_ID, {.i64 = 0x0102030405060708LL}}},
        {MAPI_VALUE_PRESENT, {PID_TAG_SUBJECT, {.str = "Hi"}}},
        {MAPI_VALUE_PRESENT, {PID_TAG_MESSAGE_DELIVERY_TIME, {.time = 0x01D0000000000000ULL}}},
};
static struct mapi_row_value flagged_values[3] = {
        {MAPI_VALUE_PRESENT, {PID_TAG_INST_ID, {.i64 = 1}}},
        {MAPI_VALUE_NOT_PRESENT, {PID_TAG_SUBJECT, {.i64 = 0}}},
        {MAPI_VALUE_ERROR, {PID_TAG_MESSAGE_DELIVERY_TIME, {.err = 0x8004010F}}},
};
#define STANDARD_ROW_HEX "00 08 07 06 05 04 03 02 01 48 00 69 00 00 00 00 00 00 00 00 00 D0 01"
#define FLAGGED_ROW_HEX "01 00 01 00 00 00 00 00 00 00 01 0A 0F 01 04 80"

/* Every response form, hand-built from the MS-OXCROPS 2.2.5 field tables; the rows follow the columns the
 * state has for the table in slot 1. */
static void test_responses(void **state)
{
	TALLOC_CTX *mem = *state;
	static struct mapi_property_row rows[2] = {{MAPI_ROW_STANDARD, 3, standard_values},
	                                           {MAPI_ROW_FLAGGED, 3, flagged_values}};
	static uint32_t tags[2] = {PID_TAG_INST_ID, PID_TAG_SUBJECT};
	static uint8_t mark[2] = {0xB1, 0xB2};
	static const struct rop_request set = {.id = ROP_SET_COLUMNS, .input_handle_index = 1};
	static const struct rop_request sort = {.id = ROP_SORT_TABLE, .input_handle_index = 1};
	static const struct rop_request restrict_ = {.id = ROP_RESTRICT, .input_handle_index = 1};
	static const struct rop_request query = {.id = ROP_QUERY_ROWS, .input_handle_index = 1};
	static const struct rop_request abort_ = {.id = ROP_ABORT, .input_handle_index = 1};
	static const struct rop_request status = {.id = ROP_GET_STATUS, .input_handle_index = 1};
	static const struct rop_request position = {.id = ROP_QUERY_POSITION, .input_handle_index = 1};
	static const struct rop_request seek = {.id = ROP_SEEK_ROW, .input_handle_index = 1};
	static const struct rop_request seek_bm = {.id = ROP_SEEK_ROW_BOOKMARK, .input_handle_index = 1};
	static const struct rop_request seek_fr = {.id = ROP_SEEK_ROW_FRACTIONAL, .input_handle_index = 1};
	static const struct rop_request create_bm = {.id = ROP_CREATE_BOOKMARK, .input_handle_index = 1};
	static const struct rop_request columns_all = {.id = ROP_QUERY_COLUMNS_ALL, .input_handle_index = 1};
	static const struct rop_request find = {.id = ROP_FIND_ROW, .input_handle_index = 1};
	static const struct rop_request free_bm = {.id = ROP_FREE_BOOKMARK, .input_handle_index = 1};
	static const struct rop_request reset = {.id = ROP_RESET_TABLE, .input_handle_index = 1};
	static const struct rop_request expand = {.id = ROP_EXPAND_ROW, .input_handle_index = 1};
	static const struct rop_request collapse = {.id = ROP_COLLAPSE_ROW, .input_handle_index = 1};
	static const struct rop_request get_cs = {.id = ROP_GET_COLLAPSE_STATE, .input_handle_index = 1};
	static const struct rop_request set_cs = {.id = ROP_SET_COLLAPSE_STATE, .input_handle_index = 1};
	const struct rop_tu_response cases[] = {
	        {"RopSetColumns",
	         &set,
	         {.id = ROP_SET_COLUMNS, .handle_index = 1, .set_columns = {TBLSTAT_SETTING_COLS}},
	         "12 01 00 00 00 00 0B"},
	        {"RopSetColumns failure",
	         &set,
	         {.id = ROP_SET_COLUMNS, .handle_index = 1, .return_value = 0x80070057},
	         "12 01 57 00 07 80"},
	        {"RopSortTable",
	         &sort,
	         {.id = ROP_SORT_TABLE, .handle_index = 1, .sort_table = {TBLSTAT_SORTING}},
	         "13 01 00 00 00 00 09"},
	        {"RopSortTable failure",
	         &sort,
	         {.id = ROP_SORT_TABLE, .handle_index = 1, .return_value = 0x80040102},
	         "13 01 02 01 04 80"},
	        {"RopRestrict",
	         &restrict_,
	         {.id = ROP_RESTRICT, .handle_index = 1, .restrict_ = {TBLSTAT_RESTRICT_ERROR}},
	         "14 01 00 00 00 00 0F"},
	        {"RopRestrict failure",
	         &restrict_,
	         {.id = ROP_RESTRICT, .handle_index = 1, .return_value = 0x00000496},
	         "14 01 96 04 00 00"},
	        {"RopQueryRows",
	         &query,
	         {.id = ROP_QUERY_ROWS,
	          .handle_index = 1,
	          .query_rows = {.origin = BOOKMARK_CURRENT, .rows = {2, rows}}},
	         "15 01 00 00 00 00 01 02 00 " STANDARD_ROW_HEX " " FLAGGED_ROW_HEX},
	        {"RopQueryRows no rows",
	         &query,
	         {.id = ROP_QUERY_ROWS, .handle_index = 1, .query_rows = {.origin = BOOKMARK_END}},
	         "15 01 00 00 00 00 02 00 00"},
	        {"RopQueryRows failure",
	         &query,
	         {.id = ROP_QUERY_ROWS, .handle_index = 1, .return_value = ecNullObject},
	         "15 01 B9 04 00 00"},
	        {"RopAbort",
	         &abort_,
	         {.id = ROP_ABORT, .handle_index = 1, .abort = {TBLSTAT_SORTING}},
	         "38 01 00 00 00 00 09"},
	        {"RopAbort failure",
	         &abort_,
	         {.id = ROP_ABORT, .handle_index = 1, .return_value = 0x80040114},
	         "38 01 14 01 04 80"},
	        {"RopGetStatus",
	         &status,
	         {.id = ROP_GET_STATUS, .handle_index = 1, .get_status = {TBLSTAT_SETCOL_ERROR}},
	         "16 01 00 00 00 00 0D"},
	        {"RopGetStatus failure",
	         &status,
	         {.id = ROP_GET_STATUS, .handle_index = 1, .return_value = 0x80040102},
	         "16 01 02 01 04 80"},
	        {"RopQueryPosition",
	         &position,
	         {.id = ROP_QUERY_POSITION, .handle_index = 1, .query_position = {7, 0x00010000}},
	         "17 01 00 00 00 00 07 00 00 00 00 00 01 00"},
	        {"RopQueryPosition failure",
	         &position,
	         {.id = ROP_QUERY_POSITION, .handle_index = 1, .return_value = 0x80040102},
	         "17 01 02 01 04 80"},
	        {"RopSeekRow",
	         &seek,
	         {.id = ROP_SEEK_ROW,
	          .handle_index = 1,
	          .seek_row = {.has_sought_less = 1, .rows_sought = -1}},
	         "18 01 00 00 00 00 01 FF FF FF FF"},
	        {"RopSeekRow failure",
	         &seek,
	         {.id = ROP_SEEK_ROW, .handle_index = 1, .return_value = 0x80040102},
	         "18 01 02 01 04 80"},
	        {"RopSeekRowBookmark",
	         &seek_bm,
	         {.id = ROP_SEEK_ROW_BOOKMARK,
	          .handle_index = 1,
	          .seek_row_bookmark = {.row_no_longer_visible = 1, .has_sought_less = 0, .rows_sought = 3}},
	         "19 01 00 00 00 00 01 00 03 00 00 00"},
	        {"RopSeekRowBookmark failure",
	         &seek_bm,
	         {.id = ROP_SEEK_ROW_BOOKMARK, .handle_index = 1, .return_value = 0x80040405},
	         "19 01 05 04 04 80"},
	        /* one layout for success and failure, with nothing after ReturnValue */
	        {"RopSeekRowFractional",
	         &seek_fr,
	         {.id = ROP_SEEK_ROW_FRACTIONAL, .handle_index = 1},
	         "1A 01 00 00 00 00"},
	        {"RopSeekRowFractional failure",
	         &seek_fr,
	         {.id = ROP_SEEK_ROW_FRACTIONAL, .handle_index = 1, .return_value = 0x80070057},
	         "1A 01 57 00 07 80"},
	        {"RopCreateBookmark",
	         &create_bm,
	         {.id = ROP_CREATE_BOOKMARK, .handle_index = 1, .create_bookmark = {{2, mark}}},
	         "1B 01 00 00 00 00 02 00 B1 B2"},
	        {"RopCreateBookmark failure",
	         &create_bm,
	         {.id = ROP_CREATE_BOOKMARK, .handle_index = 1, .return_value = ecNullObject},
	         "1B 01 B9 04 00 00"},
	        {"RopQueryColumnsAll",
	         &columns_all,
	         {.id = ROP_QUERY_COLUMNS_ALL, .handle_index = 1, .query_columns_all = {2, tags}},
	         "37 01 00 00 00 00 02 00 14 00 4D 67 1F 00 37 00"},
	        {"RopQueryColumnsAll failure",
	         &columns_all,
	         {.id = ROP_QUERY_COLUMNS_ALL, .handle_index = 1, .return_value = 0x80040102},
	         "37 01 02 01 04 80"},
	        {"RopFindRow",
	         &find,
	         {.id = ROP_FIND_ROW,
	          .handle_index = 1,
	          .find_row = {0, 1, {MAPI_ROW_FLAGGED, 3, flagged_values}}},
	         "4F 01 00 00 00 00 00 01 " FLAGGED_ROW_HEX},
	        {"RopFindRow not found",
	         &find,
	         {.id = ROP_FIND_ROW, .handle_index = 1, .find_row = {.row_no_longer_visible = 1}},
	         "4F 01 00 00 00 00 01 00"},
	        {"RopFindRow failure",
	         &find,
	         {.id = ROP_FIND_ROW, .handle_index = 1, .return_value = 0x8004010F},
	         "4F 01 0F 01 04 80"},
	        {"RopFreeBookmark",
	         &free_bm,
	         {.id = ROP_FREE_BOOKMARK, .handle_index = 1},
	         "89 01 00 00 00 00"},
	        {"RopFreeBookmark failure",
	         &free_bm,
	         {.id = ROP_FREE_BOOKMARK, .handle_index = 1, .return_value = 0x80040405},
	         "89 01 05 04 04 80"},
	        {"RopResetTable", &reset, {.id = ROP_RESET_TABLE, .handle_index = 1}, "81 01 00 00 00 00"},
	        {"RopResetTable failure",
	         &reset,
	         {.id = ROP_RESET_TABLE, .handle_index = 1, .return_value = 0x80040500},
	         "81 01 00 05 04 80"},
	        {"RopExpandRow",
	         &expand,
	         {.id = ROP_EXPAND_ROW,
	          .handle_index = 1,
	          .expand_row = {.expanded_row_count = 5, .rows = {1, rows}}},
	         "59 01 00 00 00 00 05 00 00 00 01 00 " STANDARD_ROW_HEX},
	        {"RopExpandRow failure",
	         &expand,
	         {.id = ROP_EXPAND_ROW, .handle_index = 1, .return_value = 0x8004010F},
	         "59 01 0F 01 04 80"},
	        {"RopCollapseRow",
	         &collapse,
	         {.id = ROP_COLLAPSE_ROW, .handle_index = 1, .collapse_row = {4}},
	         "5A 01 00 00 00 00 04 00 00 00"},
	        {"RopCollapseRow failure",
	         &collapse,
	         {.id = ROP_COLLAPSE_ROW, .handle_index = 1, .return_value = 0x8004010F},
	         "5A 01 0F 01 04 80"},
	        {"RopGetCollapseState",
	         &get_cs,
	         {.id = ROP_GET_COLLAPSE_STATE, .handle_index = 1, .get_collapse_state = {{2, mark}}},
	         "6B 01 00 00 00 00 02 00 B1 B2"},
	        {"RopGetCollapseState failure",
	         &get_cs,
	         {.id = ROP_GET_COLLAPSE_STATE, .handle_index = 1, .return_value = ecNullObject},
	         "6B 01 B9 04 00 00"},
	        {"RopSetCollapseState",
	         &set_cs,
	         {.id = ROP_SET_COLLAPSE_STATE, .handle_index = 1, .set_collapse_state = {{2, mark}}},
	         "6C 01 00 00 00 00 02 00 B1 B2"},
	        {"RopSetCollapseState failure",
	         &set_cs,
	         {.id = ROP_SET_COLLAPSE_STATE, .handle_index = 1, .return_value = 0x80070057},
	         "6C 01 57 00 07 80"},
	};
	struct rop_ctx c = with_columns(1, row_columns, 3);
	rop_tu_response_cases(mem, &c, cases, sizeof cases / sizeof cases[0]);
}

/* Rows cannot be coded without the table's columns, in either direction; failures can. */
static void test_rows_need_columns(void **state)
{
	static const struct rop_request reqs[3] = {{.id = ROP_QUERY_ROWS, .input_handle_index = 1},
	                                           {.id = ROP_FIND_ROW, .input_handle_index = 1},
	                                           {.id = ROP_EXPAND_ROW, .input_handle_index = 1}};
	static const char *const hex[3] = {"15 01 00 00 00 00 02 00 00", "4F 01 00 00 00 00 00 00",
	                                   "59 01 00 00 00 00 00 00 00 00 00 00"};
	struct rop_ctx other = with_columns(2, row_columns, 3); /* another table's columns do not count */
	for (int i = 0; i < 3; i++) {
		size_t n;
		uint8_t *b = tu_hex(*state, hex[i], &n);
		rop_tu_response_bytes_fail(*state, &empty_ctx, &reqs[i], b, n, WC_EINVAL);
		rop_tu_response_bytes_fail(*state, &other, &reqs[i], b, n, WC_EINVAL);

		struct rop_response rsp;
		struct rop_ctx c = empty_ctx;
		struct wc_writer w;
		wc_writer_init(&w, *state, 0);
		rop_response_init(&rsp, &reqs[i], 0);
		assert_int_equal(rop_response_push(&w, &c, &reqs[i], &rsp), WC_EINVAL);

		rop_response_init(&rsp, &reqs[i], ecNullObject);
		rop_tu_response_case(*state, &empty_ctx, "failure without columns", &reqs[i], &rsp,
		                     i == 0   ? "15 01 B9 04 00 00"
		                     : i == 1 ? "4F 01 B9 04 00 00"
		                              : "59 01 B9 04 00 00",
		                     true);
	}
}

/* A hostile RowCount is refused before anything is allocated for it, even against columns whose values take
 * no byte (PtypNull); rows of such columns still decode. */
static void test_row_counts_are_bounded(void **state)
{
	enum { MANY = 16000 };
	uint32_t *nulls = talloc_array(*state, uint32_t, MANY);
	for (int i = 0; i < MANY; i++)
		nulls[i] = 0x00010001; /* PtypNull */
	static const struct rop_request query = {.id = ROP_QUERY_ROWS, .input_handle_index = 1};
	struct rop_ctx c = with_columns(1, nulls, MANY);

	size_t n = 9 + 0xFFFF;
	uint8_t *b = talloc_zero_array(*state, uint8_t, n);
	memcpy(b, (const uint8_t[]){0x15, 0x01, 0, 0, 0, 0, BOOKMARK_END, 0xFF, 0xFF}, 9);
	rop_tu_response_bytes_fail(*state, &c, &query, b, n, WC_EFORMAT); /* 65535 rows of 16000 values */

	b = tu_hex(*state, "15 01 00 00 00 00 02 02 00 00 00", &n); /* two standard rows of PtypNull */
	struct rop_response rsp;
	rop_tu_pull_response(*state, &c, "PtypNull rows", &query, b, n, &rsp);
	assert_int_equal(rsp.query_rows.rows.count, 2);
	assert_int_equal(rsp.query_rows.rows.rows[1].count, MANY);

	c = with_columns(1, row_columns, 3); /* five rows claimed, room for four at most */
	b = tu_hex(*state, "15 01 00 00 00 00 02 05 00 " FLAGGED_ROW_HEX, &n);
	rop_tu_response_bytes_fail(*state, &c, &query, b, n, WC_EFORMAT);
}

/* MS-OXCDATA 2.13.2 rules the SortOrderSet of RopSortTable breaks are refused, and bookmarks must fit. */
static void test_malformed_requests(void **state)
{
	static const struct {
		const char *hex;
		int code;
	} bad[] = {
	        {"13 00 01 00 01 00 02 00 00 00 40 00 06 0E 01",
	         WC_ERANGE}, /* CategoryCount > SortOrderCount */
	        {"13 00 01 00 01 00 00 00 00 00 40 00 06 0E 07", WC_ERANGE}, /* Order 7 */
	        {"19 00 01 04 00 B1 B2 B3 05 00 00 00 00", WC_EFORMAT},      /* BookmarkSize past the end */
	        {"14 00 01 00 06 00 08 1F 00 37 00 00", WC_EFORMAT},         /* RestrictionDataSize too big */
	        {"12 00 01 00 02 00 14 00 4D 67", WC_EFORMAT},               /* two tags, one there */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		rop_tu_request_fails(*state, &empty_ctx, bad[i].hex, bad[i].code);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_contents_table_example),
	        TU_TEST(test_set_columns_example),
	        TU_TEST(test_sort_table_examples),
	        TU_TEST(test_query_rows_example),
	        TU_TEST(test_expand_row_example),
	        TU_TEST(test_category_query_rows_example),
	        TU_TEST(test_example_sequence_in_buffers),
	        TU_TEST(test_rules_table_example_buffers),
	        TU_TEST(test_permissions_table_example_buffers),
	        TU_TEST(test_columns_follow_the_table),
	        TU_TEST(test_requests),
	        TU_TEST(test_responses),
	        TU_TEST(test_rows_need_columns),
	        TU_TEST(test_row_counts_are_bounded),
	        TU_TEST(test_malformed_requests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
