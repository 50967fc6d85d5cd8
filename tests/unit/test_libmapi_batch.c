/* src/client/batch.c: ROP batches encoded with their handle tables and decoded back per request, against
 * ROP buffers built by hand from the MS-OXCROPS field tables (2.2.1 buffers, 2.2.4.1 RopOpenFolder, 2.2.4.13
 * RopGetHierarchyTable, 2.2.4.14 RopGetContentsTable, 2.2.5.1 RopSetColumns, 2.2.5.4 RopQueryRows, 2.2.15.1
 * RopBufferTooSmall, 2.2.15.3 RopRelease) and MS-OXCRPC 3.1.4.2.1.2 packed responses. No network: the session
 * is never connected to a server, only marked connected. */
#include "testutil.h"
#include "client/libmapi_private.h"

#include <string.h>

static struct mapi_session *session(TALLOC_CTX *mem)
{
	struct mapi_session_opts o = {.mailbox_url = "http://127.0.0.1:9/mapi/emsmdb/", .user_dn = "/o=x"};
	struct mapi_session *s = mapi_session_new(mem, &o);
	assert_non_null(s);
	s->connected = true; /* as after a Connect */
	return s;
}

static struct mapi_object *object(struct mapi_session *s, enum mapi_object_kind kind, uint32_t handle)
{
	struct mapi_object *o = mapi_client_object_new(s, s, kind, 0, handle);
	assert_non_null(o);
	return o;
}

static void encode_is(struct mapi_batch *b, const char *hex)
{
	struct mapi_binary in;
	size_t len;
	uint8_t *want = tu_hex(b, hex, &len);
	assert_int_equal(mapi_batch_encode(b, b, &in), ecSuccess);
	tu_assert_bytes(in.data, in.len, want, len);
}

static void decode(struct mapi_batch *b, const char *hex)
{
	size_t len;
	struct mapi_binary out = {.data = tu_hex(b, hex, &len)};
	out.len = (uint32_t)len;
	assert_int_equal(mapi_batch_decode(b, &out, 1), ecSuccess);
}

/* RopOpenFolder on the store, RopGetHierarchyTable on the folder it opens: one handle table, the second
 * ROP's input index the first one's output index. */
static void test_chained_open_and_table(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *store = object(s, MAPI_OBJ_STORE, 0x11);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	struct rop_request *r = mapi_batch_add(b, ROP_OPEN_FOLDER, store);
	assert_non_null(r);
	r->open_folder.folder_id = 0x1234000000000001ull;
	r = mapi_batch_add_on(b, ROP_GET_HIERARCHY_TABLE, 0);
	assert_non_null(r);
	r->get_hierarchy_table.table_flags = TABLE_FLAG_USE_UNICODE;
	encode_is(
	        b,
	        "1400"                            /* RopSize: 2 + 13 + 5 */
	        "02 00 00 01 0100000000003412 00" /* RopOpenFolder: LogonId 0, In 0, Out 1, FolderId, flags */
	        "04 00 01 02 40"                  /* RopGetHierarchyTable: In 1, Out 2, TableFlags */
	        "11000000 ffffffff ffffffff");    /* handle table: the store, two outputs */
	decode(b, "1400"
	          "02 01 00000000 00 00" /* RopOpenFolder response: Out 1, success, HasRules 0, IsGhosted 0 */
	          "04 02 00000000 07000000" /* RopGetHierarchyTable response: Out 2, RowCount 7 */
	          "11000000 22000000 33000000");
	assert_int_equal(mapi_batch_first_error(b, NULL), ecSuccess);
	assert_int_equal(mapi_batch_response(b, 1)->get_hierarchy_table.row_count, 7);
	struct mapi_object *folder, *table;
	assert_int_equal(mapi_batch_object(b, 0, *state, MAPI_OBJ_FOLDER, &folder), ecSuccess);
	assert_int_equal(mapi_batch_object(b, 1, *state, MAPI_OBJ_TABLE, &table), ecSuccess);
	assert_int_equal(mapi_object_handle(folder), 0x22);
	assert_int_equal(mapi_object_handle(table), 0x33);
	assert_int_equal(mapi_object_kind(table), MAPI_OBJ_TABLE);
}

/* A failed open: its ReturnValue comes back, no object, and the request chained on it is not answered. */
static void test_failed_open_has_no_object(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *store = object(s, MAPI_OBJ_STORE, 0x11);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	mapi_batch_add(b, ROP_OPEN_FOLDER, store)->open_folder.folder_id = 5;
	mapi_batch_add_on(b, ROP_GET_HIERARCHY_TABLE, 0);
	encode_is(b, "1400 02 00 00 01 0500000000000000 00 04 00 01 02 00 11000000 ffffffff ffffffff");
	/* RopOpenFolder fails with ecNotFound (a failure response ends after ReturnValue); the table ROP on
	 * the failed output index gets ecNullObject (MS-OXCROPS 3.2.5.2) */
	decode(b, "0e00 02 01 0f010480 04 02 b9040000 11000000 ffffffff ffffffff");
	uint32_t slot = 99;
	assert_int_equal(mapi_batch_first_error(b, &slot), ecNotFound);
	assert_int_equal(slot, 0);
	assert_int_equal(mapi_batch_result(b, 1), ecNullObject);
	struct mapi_object *folder = NULL;
	assert_int_equal(mapi_batch_object(b, 0, *state, MAPI_OBJ_FOLDER, &folder), ecNotFound);
	assert_null(folder);
	assert_int_equal(mapi_batch_result(b, 7), ecInvalidParam);
}

/* MS-OXCROPS 3.1.4.3: after a RopBufferTooSmall the handed-back requests go again, now with the server
 * handle of what the first round opened as input. */
static void test_buffer_too_small_resends_the_rest(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *store = object(s, MAPI_OBJ_STORE, 0x11);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	mapi_batch_add(b, ROP_OPEN_FOLDER, store)->open_folder.folder_id = 0x1234000000000001ull;
	mapi_batch_add_on(b, ROP_GET_HIERARCHY_TABLE, 0)->get_hierarchy_table.table_flags = 0x40;
	encode_is(b, "1400 02 00 00 01 0100000000003412 00 04 00 01 02 40 11000000 ffffffff ffffffff");
	decode(b, "1200"
	          "02 01 00000000 00 00"
	          "ff 0080 04 00 01 02 40" /* RopBufferTooSmall: SizeNeeded 0x8000, RequestBuffers */
	          "11000000 22000000 ffffffff");
	assert_non_null(mapi_batch_response(b, 0));
	assert_null(mapi_batch_response(b, 1));
	assert_int_equal(mapi_batch_result(b, 1), ecServerBusy);
	/* the second round: only the table request, on the folder's server handle */
	encode_is(b, "0700 04 00 00 01 40 22000000 ffffffff");
	decode(b, "0c00 04 01 00000000 03000000 22000000 44000000");
	assert_int_equal(mapi_batch_first_error(b, NULL), ecSuccess);
	struct mapi_object *table;
	assert_int_equal(mapi_batch_object(b, 1, *state, MAPI_OBJ_TABLE, &table), ecSuccess);
	assert_int_equal(mapi_object_handle(table), 0x44);
}

/* talloc_free of an object queues a RopRelease; the next batch sends it first and needs no response. */
static void test_release_rides_on_the_next_batch(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *store = object(s, MAPI_OBJ_STORE, 0x11);
	talloc_free(object(s, MAPI_OBJ_FOLDER, 0x55));
	assert_int_equal(s->release_count, 1);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	mapi_batch_add(b, ROP_OPEN_FOLDER, store)->open_folder.folder_id = 0x1234000000000001ull;
	encode_is(b, "1200"
	             "01 00 00"                        /* RopRelease: LogonId 0, InputHandleIndex 0 */
	             "02 00 01 02 0100000000003412 00" /* RopOpenFolder: In 1 (the store), Out 2 */
	             "55000000 11000000 ffffffff");
	decode(b, "0a00 02 02 00000000 00 00 55000000 11000000 66000000");
	assert_int_equal(mapi_batch_result(b, 0), ecSuccess);
	/* an object of an earlier Session Context releases nothing and cannot be used */
	s->generation++;
	talloc_free(object(s, MAPI_OBJ_FOLDER, 0x77));
	assert_int_equal(s->release_count, 2);
	struct mapi_batch *b2 = mapi_batch_new(*state, s);
	assert_null(mapi_batch_add(b2, ROP_OPEN_FOLDER, store));
	assert_int_equal(mapi_object_valid(store), ecEndOfSession);
}

/* RopSetColumns in the same batch as the table it sets: the rows of RopQueryRows decode against it, and the
 * table object keeps the columns for later queries. */
static void test_set_columns_in_batch_defines_rows(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *folder = object(s, MAPI_OBJ_FOLDER, 0x22);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	static const uint32_t cols[] = {PidTagMessageSize};
	mapi_batch_add(b, ROP_GET_CONTENTS_TABLE, folder)->get_contents_table.table_flags = 0x40;
	struct rop_request *r = mapi_batch_add_on(b, ROP_SET_COLUMNS, 0);
	r->set_columns.property_tag_count = 1;
	r->set_columns.property_tags = (uint32_t *)cols;
	r = mapi_batch_add_on(b, ROP_QUERY_ROWS, 0);
	r->query_rows.forward_read = 1;
	r->query_rows.row_count = 10;
	encode_is(b, "1800"
	             "05 00 00 01 40"            /* RopGetContentsTable */
	             "12 00 01 00 0100 0300080e" /* RopSetColumns: flags 0, count 1, PidTagMessageSize */
	             "15 00 01 00 01 0a00"       /* RopQueryRows: flags 0, ForwardRead 1, RowCount 10 */
	             "22000000 ffffffff");
	decode(b, "2100"
	          "05 01 00000000 01000000"            /* RowCount 1 */
	          "12 01 00000000 00"                  /* TableStatus complete */
	          "15 01 00000000 01 0100 00 2a000000" /* Origin current, one StandardPropertyRow: 42 */
	          "22000000 33000000");
	const struct rop_response *q = mapi_batch_response(b, 2);
	assert_non_null(q);
	assert_int_equal(q->query_rows.rows.count, 1);
	assert_int_equal(q->query_rows.rows.rows[0].values[0].pv.value.i32, 42);
	struct mapi_object *table;
	assert_int_equal(mapi_batch_object(b, 0, *state, MAPI_OBJ_TABLE, &table), ecSuccess);
	uint16_t n;
	const uint32_t *c = mapi_table_columns(table, &n);
	assert_int_equal(n, 1);
	assert_int_equal(c[0], PidTagMessageSize);
}

/* MS-OXCRPC 3.1.4.2.1.2: a packed RopQueryRows response continues the last request; its rows are appended. */
static void test_packed_query_rows_are_merged(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *table = object(s, MAPI_OBJ_TABLE, 0x33);
	static const uint32_t cols[] = {PidTagMessageSize};
	assert_int_equal(mapi_client_object_set_columns(table, 1, cols), 0);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	mapi_batch_set_chain(b, true);
	struct rop_request *r = mapi_batch_add(b, ROP_QUERY_ROWS, table);
	r->query_rows.forward_read = 1;
	r->query_rows.row_count = 10;
	encode_is(b, "0900 15 00 00 00 01 0a00 33000000");
	size_t l1, l2;
	struct mapi_binary out[2];
	out[0].data = tu_hex(b, "1000 15 00 00000000 01 0100 00 2a000000 33000000", &l1);
	out[1].data = tu_hex(b, "1000 15 00 00000000 02 0100 00 2b000000 33000000", &l2);
	out[0].len = (uint32_t)l1;
	out[1].len = (uint32_t)l2;
	assert_int_equal(mapi_batch_decode(b, out, 2), ecSuccess);
	const struct rop_response *q = mapi_batch_response(b, 0);
	assert_int_equal(q->query_rows.rows.count, 2);
	assert_int_equal(q->query_rows.rows.rows[0].values[0].pv.value.i32, 42);
	assert_int_equal(q->query_rows.rows.rows[1].values[0].pv.value.i32, 43);
	assert_int_equal(q->query_rows.origin, BOOKMARK_END);
}

/* What a batch refuses: a chain on a request that opens nothing, a response-only RopId, a slot out of range,
 * a RopLogon-less request without input; and a malformed output buffer is ecRpcFormat. */
static void test_refusals_and_malformed_output(void **state)
{
	struct mapi_session *s = session(*state);
	struct mapi_object *table = object(s, MAPI_OBJ_TABLE, 0x33);
	struct mapi_batch *b = mapi_batch_new(*state, s);
	assert_non_null(mapi_batch_add(b, ROP_SET_COLUMNS, table));
	assert_null(mapi_batch_add_on(b, ROP_QUERY_ROWS, 0)); /* RopSetColumns has no output */
	assert_null(mapi_batch_add_on(b, ROP_QUERY_ROWS, 5));
	assert_null(mapi_batch_add(b, ROP_NOTIFY, table));
	assert_null(mapi_batch_add(b, ROP_QUERY_ROWS, NULL));
	assert_non_null(mapi_batch_add(b, ROP_LOGON, NULL));
	assert_int_equal(mapi_batch_count(b), 2);
	struct mapi_binary in;
	assert_int_equal(mapi_batch_encode(b, b, &in), ecSuccess);
	size_t len;
	struct mapi_binary out = {.data = tu_hex(b, "0900 12 00 00000000", &len)}; /* RopSize past the end */
	out.len = (uint32_t)len;
	assert_int_equal(mapi_batch_decode(b, &out, 1), ecRpcFormat);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_chained_open_and_table),
	        TU_TEST(test_failed_open_has_no_object),
	        TU_TEST(test_buffer_too_small_resends_the_rest),
	        TU_TEST(test_release_rides_on_the_next_batch),
	        TU_TEST(test_set_columns_in_batch_defines_rows),
	        TU_TEST(test_packed_query_rows_are_merged),
	        TU_TEST(test_refusals_and_malformed_output),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
