/* src/mapi/rop_oxcperm.c: the permissions ROPs (MS-OXCPERM 2.2.1, 2.2.2, MS-OXCROPS 2.2.10), against the ROP
 * buffers of MS-OXCPERM section 4 and hand-built bytes for every request and response form. */
#include "rop_testutil.h"

#define ROPS "MS-OXCPERM-4-permissions-rops.hex"

/* MS-OXCPERM 4.1 Adding an Entry to the Permissions List */
static void test_add_entry_example(void **state)
{
	static const uint8_t entry_id_start[8] = {0x00, 0x00, 0x00, 0x00, 0xDC, 0xA7, 0x40, 0xC8};
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, ROPS, "gettable-request", &req);
	assert_int_equal(req.id, ROP_GET_PERMISSIONS_TABLE);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.get_permissions_table.table_flags, PERMISSIONS_INCLUDE_FREE_BUSY);
	rop_tu_example_response(*state, &empty_ctx, ROPS, "gettable-response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.return_value, 0);

	rop_tu_example_request(*state, &empty_ctx, "MS-OXCPERM-4.1-RopModifyPermissions-request.hex", NULL,
	                       &req);
	const struct rop_modify_rows_req *m = &req.modify_permissions;
	assert_int_equal(req.input_handle_index, 2);
	assert_int_equal(m->flags, PERMISSIONS_INCLUDE_FREE_BUSY);
	assert_int_equal(m->count, 1);
	assert_int_equal(m->rows[0].flags, ROW_ADD);
	assert_int_equal(m->rows[0].property_value_count, 2);
	assert_int_equal(m->rows[0].property_values[0].tag, 0x0FFF0102); /* PidTagEntryId */
	assert_int_equal(m->rows[0].property_values[0].value.bin.len, 124);
	assert_memory_equal(m->rows[0].property_values[0].value.bin.data, entry_id_start,
	                    sizeof entry_id_start);
	assert_int_equal(m->rows[0].property_values[1].tag, 0x66730003); /* PidTagMemberRights */
	assert_int_equal(m->rows[0].property_values[1].value.i32, 0x00001FFB);
	rop_tu_example_response(*state, &empty_ctx, ROPS, "4.1-modify-response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 2);
	assert_int_equal(rsp.return_value, 0);
}

/* MS-OXCPERM 4.2 Modifying and 4.3 Removing an Entry */
static void test_modify_remove_examples(void **state)
{
	static const struct {
		const char *request, *response;
		uint8_t flags;
		uint16_t values;
	} ex[] = {
	        {"4.2-modify-request", "4.2-modify-response", ROW_MODIFY, 2},
	        {"4.3-modify-request", "4.3-modify-response", ROW_REMOVE, 1},
	};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		struct rop_request req;
		struct rop_response rsp;
		rop_tu_example_request(*state, &empty_ctx, ROPS, ex[i].request, &req);
		const struct rop_modify_rows_req *m = &req.modify_permissions;
		assert_int_equal(req.input_handle_index, 0);
		assert_int_equal(m->flags, PERMISSIONS_INCLUDE_FREE_BUSY);
		assert_int_equal(m->count, 1);
		assert_int_equal(m->rows[0].flags, ex[i].flags);
		assert_int_equal(m->rows[0].property_value_count, ex[i].values);
		assert_int_equal(m->rows[0].property_values[0].tag, 0x66710014); /* PidTagMemberId */
		assert_true(m->rows[0].property_values[0].value.i64 == 0x0000001500000002LL);
		if (ex[i].values == 2)
			assert_int_equal(m->rows[0].property_values[1].value.i32, 0x00001800);
		rop_tu_example_response(*state, &empty_ctx, ROPS, ex[i].response, &req, &rsp);
		assert_int_equal(rsp.handle_index, 0);
	}
}

/* Every request and response form, hand-built from the MS-OXCROPS 2.2.10 field tables. */
static void test_requests_and_responses(void **state)
{
	static struct mapi_propval add_values[2] = {{0x0FFF0102, {.bin = {0, NULL}}},
	                                            {0x66730003, {.i32 = 0x400}}};
	static struct mapi_propval remove_value[1] = {{0x66710014, {.i64 = -1}}};
	static struct rop_modify_row rows[3] = {
	        {ROW_ADD, 2, add_values}, {ROW_REMOVE, 1, remove_value}, {0, 0, NULL}};
	static const struct rop_request modify = {
	        .id = ROP_MODIFY_PERMISSIONS, .input_handle_index = 1, .modify_permissions = {0, 3, rows}};
	rop_tu_request_case(
	        *state, &empty_ctx, "RopModifyPermissions", &modify,
	        "40 00 01 00 03 00"                                  /* ModifyFlags, ModifyCount */
	        "01 02 00 02 01 FF 0F 00 00 03 00 73 66 00 04 00 00" /* AddRow: empty EntryId, rights */
	        "04 01 00 14 00 71 66 FF FF FF FF FF FF FF FF"       /* RemoveRow: MemberId -1 */
	        "00 00 00");                                         /* no values */
	static const struct rop_request replace = {.id = ROP_MODIFY_PERMISSIONS,
	                                           .modify_permissions = {PERMISSIONS_REPLACE_ROWS, 0, NULL}};
	rop_tu_request_case(*state, &empty_ctx, "RopModifyPermissions ReplaceRows", &replace,
	                    "40 00 00 01 00 00");
	static const struct rop_request table = {.id = ROP_GET_PERMISSIONS_TABLE,
	                                         .input_handle_index = 2,
	                                         .output_handle_index = 3,
	                                         .get_permissions_table = {0}};
	rop_tu_request_case(*state, &empty_ctx, "RopGetPermissionsTable", &table, "3E 00 02 03 00");

	const struct rop_tu_response cases[] = {
	        {"RopModifyPermissions",
	         &modify,
	         {.id = ROP_MODIFY_PERMISSIONS, .handle_index = 1},
	         "40 01 00 00 00 00"},
	        {"RopModifyPermissions failure",
	         &modify,
	         {.id = ROP_MODIFY_PERMISSIONS, .handle_index = 1, .return_value = 0x8004010F},
	         "40 01 0F 01 04 80"},
	        {"RopGetPermissionsTable",
	         &table,
	         {.id = ROP_GET_PERMISSIONS_TABLE, .handle_index = 3},
	         "3E 03 00 00 00 00"},
	        {"RopGetPermissionsTable failure",
	         &table,
	         {.id = ROP_GET_PERMISSIONS_TABLE, .handle_index = 3, .return_value = 0x80070005},
	         "3E 03 05 00 07 80"},
	};
	rop_tu_response_cases(*state, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Counts beyond the bytes, and a property value of an unknown type, do not decode. */
static void test_malformed(void **state)
{
	static const char *const bad[] = {
	        "40 00 00 00 FF FF 01 00 00",             /* ModifyCount beyond the bytes */
	        "40 00 00 00 01 00 01 05 00 03 00 73 66", /* PropertyValueCount beyond the bytes */
	        "40 00 00 00 01 00 01 01 00 03 00 73",    /* a truncated PropertyTag */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		rop_tu_request_fails(*state, &empty_ctx, bad[i], WC_EFORMAT);
	rop_tu_request_fails(*state, &empty_ctx, "40 00 00 00 01 00 01 01 00 99 99 73 66 00",
	                     WC_EUNSUPPORTED); /* property type 0x9999 */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_add_entry_example),
	        TU_TEST(test_modify_remove_examples),
	        TU_TEST(test_requests_and_responses),
	        TU_TEST(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
