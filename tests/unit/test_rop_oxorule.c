/* src/mapi/rop_oxorule.c and the RopModifyRules request (rop_oxcperm.c): the rules ROPs (MS-OXORULE 2.2.1 -
 * 2.2.3, MS-OXCROPS 2.2.11), against the ROP buffers of MS-OXORULE section 4 and hand-built bytes for every
 * request and response form. */
#include "rop_testutil.h"

#include "mapi/mapi_restriction.h"
#include "mapi/mapi_ruleaction.h"

#define ROPS "MS-OXORULE-4-rules-rops.hex"

/* MS-OXORULE 4.1 Adding a New Rule: a RuleData with a PtypRestriction and a PtypRuleAction value */
static void test_add_rule_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, "MS-OXORULE-4.1.1-RopModifyRules-request.hex", NULL, &req);
	const struct rop_modify_rows_req *m = &req.modify_rules;
	assert_int_equal(req.id, ROP_MODIFY_RULES);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(m->flags, 0);
	assert_int_equal(m->count, 1);
	assert_int_equal(m->rows[0].flags, ROW_ADD);
	assert_int_equal(m->rows[0].property_value_count, 8);
	const struct mapi_propval *v = m->rows[0].property_values;
	assert_int_equal(v[0].tag, 0x6682001F); /* PidTagRuleName */
	assert_string_equal(v[0].value.str, "Project X");
	assert_int_equal(v[1].value.i32, 10);   /* PidTagRuleSequence */
	assert_int_equal(v[2].value.i32, 1);    /* PidTagRuleState ST_ENABLED */
	assert_int_equal(v[3].tag, 0x667900FD); /* PidTagRuleCondition */
	assert_int_equal(v[3].value.res->type, RES_CONTENT);
	assert_int_equal(v[3].value.res->content.fuzzy_level, FL_SUBSTRING | FL_IGNORECASE);
	assert_string_equal(v[3].value.res->content.pv.value.str, "Project X");
	assert_int_equal(v[4].tag, 0x668000FE); /* PidTagRuleActions */
	assert_int_equal(v[4].value.actions->count, 1);
	assert_int_equal(v[4].value.actions->blocks[0].type, OP_MOVE);
	assert_int_equal(v[4].value.actions->blocks[0].move_copy.folder_in_this_store, 1);
	assert_int_equal(v[4].value.actions->blocks[0].move_copy.store_eid.len, 0xAD);
	assert_int_equal(v[4].value.actions->blocks[0].move_copy.folder_eid.len, 0x15);
	assert_string_equal(v[5].value.str, "RuleOrganizer"); /* PidTagRuleProvider */
	assert_int_equal(v[6].value.i32, 0);                  /* PidTagRuleLevel */
	assert_int_equal(v[7].value.bin.len, 16);             /* PidTagRuleProviderData */
	rop_tu_example_response(*state, &empty_ctx, ROPS, "4.1.2-modify-response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.return_value, 0);
}

/* MS-OXORULE 4.2 Displaying Rules to the User (RopGetRulesTable) and 4.3 Deleting a Rule */
static void test_rules_table_and_delete_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, ROPS, "gettable-request", &req);
	assert_int_equal(req.id, ROP_GET_RULES_TABLE);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.get_rules_table.table_flags, RULES_TABLE_UNICODE);
	rop_tu_example_response(*state, &empty_ctx, ROPS, "gettable-response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);

	rop_tu_example_request(*state, &empty_ctx, ROPS, "4.3.1-modify-request", &req);
	const struct rop_modify_rows_req *m = &req.modify_rules;
	assert_int_equal(m->count, 1);
	assert_int_equal(m->rows[0].flags, ROW_REMOVE);
	assert_int_equal(m->rows[0].property_value_count, 1);
	assert_int_equal(m->rows[0].property_values[0].tag, 0x66740014); /* PidTagRuleId */
	assert_true(m->rows[0].property_values[0].value.i64 == 0x56F83F0100000001LL);
	rop_tu_example_response(*state, &empty_ctx, ROPS, "4.3.2-modify-response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 0);
}

/* Every request and response form, hand-built from the MS-OXCROPS 2.2.11 field tables. */
static void test_requests_and_responses(void **state)
{
	static struct mapi_restriction exist = {.type = RES_EXIST, .exist = {.proptag = 0x0037001F}};
	static struct mapi_action_block mark_read[1] = {{.type = OP_MARK_AS_READ}};
	static struct mapi_rule_actions actions = {1, mark_read};
	static struct mapi_propval values[3] = {
	        {0x667900FD, {.res = &exist}}, {0x668000FE, {.actions = &actions}}, {0x66770003, {.i32 = 1}}};
	static struct mapi_propval rule_id[1] = {{0x66740014, {.i64 = 7}}};
	static struct rop_modify_row rows[2] = {{ROW_ADD, 3, values}, {ROW_MODIFY, 1, rule_id}};
	static uint8_t server_eid[3] = {1, 2, 3}, client_eid[2] = {4, 5};
	static const struct rop_request modify = {.id = ROP_MODIFY_RULES,
	                                          .input_handle_index = 1,
	                                          .modify_rules = {MODIFY_RULES_REPLACE, 2, rows}};
	static const struct rop_request table = {
	        .id = ROP_GET_RULES_TABLE, .output_handle_index = 2, .get_rules_table = {0}};
	static const struct rop_request update = {
	        .id = ROP_UPDATE_DEFERRED_ACTION_MESSAGES,
	        .input_handle_index = 0,
	        .update_deferred_action_messages = {3, server_eid, 2, client_eid}};
	static const struct rop_request update_empty = {.id = ROP_UPDATE_DEFERRED_ACTION_MESSAGES};
	const struct {
		const char *what;
		const struct rop_request *req;
		const char *hex;
	} requests[] = {
	        {"RopModifyRules", &modify,
	         "41 00 01 01 02 00 01 03 00" /* ModifyRulesFlags, RulesCount, ROW_ADD, 3 values */
	         "FD 00 79 66 08 1F 00 37 00" /* PidTagRuleCondition: RES_EXIST */
	         "FE 00 80 66 01 00 09 00 0B 00 00 00 00 00 00 00 00" /* PidTagRuleActions: OP_MARK_AS_READ */
	         "03 00 77 66 01 00 00 00"                            /* PidTagRuleState */
	         "02 01 00 14 00 74 66 07 00 00 00 00 00 00 00"},     /* ROW_MODIFY, PidTagRuleId */
	        {"RopGetRulesTable", &table, "3F 00 00 02 00"},
	        {"RopUpdateDeferredActionMessages", &update, "57 00 00 03 00 01 02 03 02 00 04 05"},
	        {"RopUpdateDeferredActionMessages empty", &update_empty, "57 00 00 00 00 00 00"},
	};
	for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++)
		rop_tu_request_case(*state, &empty_ctx, requests[i].what, requests[i].req, requests[i].hex);

	const struct rop_tu_response cases[] = {
	        {"RopModifyRules", &modify, {.id = ROP_MODIFY_RULES, .handle_index = 1}, "41 01 00 00 00 00"},
	        {"RopModifyRules failure",
	         &modify,
	         {.id = ROP_MODIFY_RULES, .handle_index = 1, .return_value = 0x80070057},
	         "41 01 57 00 07 80"},
	        {"RopGetRulesTable failure",
	         &table,
	         {.id = ROP_GET_RULES_TABLE, .handle_index = 2, .return_value = 0x80040102},
	         "3F 02 02 01 04 80"},
	        {"RopUpdateDeferredActionMessages",
	         &update,
	         {.id = ROP_UPDATE_DEFERRED_ACTION_MESSAGES},
	         "57 00 00 00 00 00"},
	        {"RopUpdateDeferredActionMessages failure",
	         &update,
	         {.id = ROP_UPDATE_DEFERRED_ACTION_MESSAGES, .return_value = 0x8004010F},
	         "57 00 0F 01 04 80"},
	};
	rop_tu_response_cases(*state, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Entry ID sizes beyond the bytes do not decode. */
static void test_malformed(void **state)
{
	static const char *const bad[] = {
	        "57 00 00 05 00 01 02 03 02 00 04 05",                /* ServerEntryIdSize beyond the bytes */
	        "57 00 00 00 00 03 00 04 05",                         /* ClientEntryIdSize beyond the bytes */
	        "41 00 00 00 01 00 01 01 00 FE 00 80 66 01 00 FF 00", /* ActionLength beyond the bytes */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		rop_tu_request_fails(*state, &empty_ctx, bad[i], WC_EFORMAT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_add_rule_example),
	        TU_TEST(test_rules_table_and_delete_examples),
	        TU_TEST(test_requests_and_responses),
	        TU_TEST(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
