/* src/mapi/rop_oxomsg.c: the submission and transport ROPs (MS-OXOMSG 2.2.4, 2.2.5, MS-OXCROPS 2.2.7),
 * against the ROP bytes of MS-OXOMSG section 4 and hand-built bytes for every request and response form. */
#include "rop_testutil.h"

#define EXAMPLES "MS-OXOMSG-4-submit-spooler.hex"

/* MS-OXOMSG 4.1 Submitting a message, 4.3 aborting a submission, 4.6.1.2 and 4.6.6.2 spooler responses */
static void test_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, EXAMPLES, "submit-request", &req);
	assert_int_equal(req.id, ROP_SUBMIT_MESSAGE);
	assert_int_equal(req.input_handle_index, 2);
	assert_int_equal(req.submit_message.submit_flags, SUBMIT_FLAG_NONE);
	rop_tu_example_response(*state, &empty_ctx, EXAMPLES, "submit-response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 2);
	assert_int_equal(rsp.return_value, 0);

	rop_tu_example_request(*state, &empty_ctx, EXAMPLES, "abort-request", &req);
	assert_int_equal(req.id, ROP_ABORT_SUBMIT);
	assert_int_equal(req.input_handle_index, 0);
	assert_true(req.abort_submit.folder_id == 0x47CA79B403000001ULL);  /* 0001-0003b479ca47 */
	assert_true(req.abort_submit.message_id == 0xA75FE6B703000001ULL); /* 0001-0003b7e65fa7 */
	rop_tu_example_response(*state, &empty_ctx, EXAMPLES, "abort-response", &req, &rsp);
	assert_int_equal(rsp.return_value, 0);

	static const struct rop_request spooler = {.id = ROP_SET_SPOOLER, .input_handle_index = 0};
	rop_tu_example_response(*state, &empty_ctx, EXAMPLES, "setspooler-response", &spooler, &rsp);
	assert_int_equal(rsp.id, ROP_SET_SPOOLER);
	static const struct rop_request lock = {.id = ROP_SPOOLER_LOCK_MESSAGE, .input_handle_index = 0};
	rop_tu_example_response(*state, &empty_ctx, EXAMPLES, "spoolerlock-response", &lock, &rsp);
	assert_int_equal(rsp.id, ROP_SPOOLER_LOCK_MESSAGE);
}

/* Every request, hand-built from the MS-OXCROPS 2.2.7 field tables. */
static void test_requests(void **state)
{
	const struct rop_tu_request cases[] = {
	        {"RopSubmitMessage",
	         {.id = ROP_SUBMIT_MESSAGE,
	          .input_handle_index = 1,
	          .submit_message = {SUBMIT_FLAG_PRE_PROCESS}},
	         "32 00 01 01"},
	        {"RopAbortSubmit",
	         {.id = ROP_ABORT_SUBMIT, .abort_submit = {0x0807060504030201ULL, 0x1817161514131211ULL}},
	         "34 00 00 01 02 03 04 05 06 07 08 11 12 13 14 15 16 17 18"},
	        {"RopGetAddressTypes", {.id = ROP_GET_ADDRESS_TYPES, .logon_id = 1}, "49 01 00"},
	        {"RopSetSpooler", {.id = ROP_SET_SPOOLER, .input_handle_index = 2}, "47 00 02"},
	        {"RopSpoolerLockMessage",
	         {.id = ROP_SPOOLER_LOCK_MESSAGE,
	          .spooler_lock_message = {0x0102030405060708ULL, LOCK_STATE_FINISHED}},
	         "48 00 00 08 07 06 05 04 03 02 01 02"},
	        {"RopTransportSend", {.id = ROP_TRANSPORT_SEND, .input_handle_index = 1}, "4A 00 01"},
	        {"RopTransportNewMail",
	         {.id = ROP_TRANSPORT_NEW_MAIL,
	          .transport_new_mail = {0x0102030405060708ULL, 0x1112131415161718ULL, "IPM.Note",
	                                 0x00000001}},
	         "51 00 00 08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11" /* MessageId, FolderId */
	         "49 50 4D 2E 4E 6F 74 65 00 01 00 00 00"},                 /* MessageClass, MessageFlags */
	        {"RopGetTransportFolder", {.id = ROP_GET_TRANSPORT_FOLDER}, "6D 00 00"},
	        {"RopOptionsData",
	         {.id = ROP_OPTIONS_DATA, .options_data = {"SMTP", 1}},
	         "6F 00 00 53 4D 54 50 00 01"},
	};
	rop_tu_request_cases(*state, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Every response form, hand-built from the MS-OXCROPS 2.2.7 field tables. */
static void test_responses(void **state)
{
	static char *types[2] = {"SMTP", "EX"};
	static uint8_t aa[1] = {0xAA}, help[3] = {1, 2, 3};
	static struct mapi_propval props[2] = {{0x0E080003, {.i32 = 0x100}}, {0x0037001F, {.str = "s"}}};
	static const struct rop_request submit = {.id = ROP_SUBMIT_MESSAGE, .input_handle_index = 1};
	static const struct rop_request abort = {.id = ROP_ABORT_SUBMIT};
	static const struct rop_request types_req = {.id = ROP_GET_ADDRESS_TYPES};
	static const struct rop_request spooler = {.id = ROP_SET_SPOOLER};
	static const struct rop_request lock = {.id = ROP_SPOOLER_LOCK_MESSAGE};
	static const struct rop_request send = {.id = ROP_TRANSPORT_SEND, .input_handle_index = 1};
	static const struct rop_request new_mail = {.id = ROP_TRANSPORT_NEW_MAIL};
	static const struct rop_request folder = {.id = ROP_GET_TRANSPORT_FOLDER};
	static const struct rop_request options = {.id = ROP_OPTIONS_DATA};
	const struct rop_tu_response cases[] = {
	        {"RopSubmitMessage failure",
	         &submit,
	         {.id = ROP_SUBMIT_MESSAGE, .handle_index = 1, .return_value = 0x80070005},
	         "32 01 05 00 07 80"},
	        {"RopAbortSubmit failure",
	         &abort,
	         {.id = ROP_ABORT_SUBMIT, .return_value = 0x80040601}, /* ecNotInQueue */
	         "34 00 01 06 04 80"},
	        {"RopGetAddressTypes",
	         &types_req,
	         {.id = ROP_GET_ADDRESS_TYPES, .get_address_types = {2, types}},
	         "49 00 00 00 00 00 02 00 08 00 53 4D 54 50 00 45 58 00"},
	        {"RopGetAddressTypes none",
	         &types_req,
	         {.id = ROP_GET_ADDRESS_TYPES},
	         "49 00 00 00 00 00 00 00 00 00"},
	        {"RopGetAddressTypes failure",
	         &types_req,
	         {.id = ROP_GET_ADDRESS_TYPES, .return_value = 0x80040102},
	         "49 00 02 01 04 80"},
	        {"RopSetSpooler failure",
	         &spooler,
	         {.id = ROP_SET_SPOOLER, .return_value = 0x80040102},
	         "47 00 02 01 04 80"},
	        {"RopSpoolerLockMessage failure",
	         &lock,
	         {.id = ROP_SPOOLER_LOCK_MESSAGE, .return_value = 0x80040601},
	         "48 00 01 06 04 80"},
	        {"RopTransportSend",
	         &send,
	         {.id = ROP_TRANSPORT_SEND, .handle_index = 1, .transport_send = {0, 2, props}},
	         "4A 01 00 00 00 00 00 02 00" /* NoPropertiesReturned, PropertyValueCount */
	         "03 00 08 0E 00 01 00 00 1F 00 37 00 73 00 00 00"}, /* PidTagMessageSize, PidTagSubject */
	        {"RopTransportSend no properties",
	         &send,
	         {.id = ROP_TRANSPORT_SEND, .handle_index = 1, .transport_send = {1, 0, NULL}},
	         "4A 01 00 00 00 00 01 00 00"},
	        {"RopTransportSend failure",
	         &send,
	         {.id = ROP_TRANSPORT_SEND, .handle_index = 1, .return_value = 0x80070005},
	         "4A 01 05 00 07 80"},
	        {"RopTransportNewMail", &new_mail, {.id = ROP_TRANSPORT_NEW_MAIL}, "51 00 00 00 00 00"},
	        {"RopTransportNewMail failure",
	         &new_mail,
	         {.id = ROP_TRANSPORT_NEW_MAIL, .return_value = 0x80004005},
	         "51 00 05 40 00 80"},
	        {"RopGetTransportFolder",
	         &folder,
	         {.id = ROP_GET_TRANSPORT_FOLDER, .get_transport_folder = {0x0102030405060708ULL}},
	         "6D 00 00 00 00 00 08 07 06 05 04 03 02 01"},
	        {"RopGetTransportFolder failure",
	         &folder,
	         {.id = ROP_GET_TRANSPORT_FOLDER, .return_value = 0x80040102},
	         "6D 00 02 01 04 80"},
	        {"RopOptionsData",
	         &options,
	         {.id = ROP_OPTIONS_DATA, .options_data = {.reserved = 1}},
	         "6F 00 00 00 00 00 01 00 00 00 00"},
	        {"RopOptionsData with help file",
	         &options,
	         {.id = ROP_OPTIONS_DATA, .options_data = {1, 1, aa, 3, help, "h.hlp"}},
	         "6F 00 00 00 00 00 01 01 00 AA"      /* Reserved, OptionsInfoSize, OptionsInfo */
	         "03 00 01 02 03 68 2E 68 6C 70 00"}, /* HelpFileSize, HelpFile, HelpFileName */
	        {"RopOptionsData failure",
	         &options,
	         {.id = ROP_OPTIONS_DATA, .return_value = 0x80040102},
	         "6F 00 02 01 04 80"},
	};
	rop_tu_response_cases(*state, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Sizes and counts that disagree with what follows do not decode. */
static void test_malformed(void **state)
{
	static const struct rop_request types_req = {.id = ROP_GET_ADDRESS_TYPES};
	static const struct rop_request send = {.id = ROP_TRANSPORT_SEND};
	static const struct rop_request options = {.id = ROP_OPTIONS_DATA};
	static const char *const bad_types[] = {
	        "49 00 00 00 00 00 01 00 04 00 41 00 42 00", /* AddressTypeSize beyond the strings */
	        "49 00 00 00 00 00 02 00 02 00 41 00",       /* fewer strings than AddressTypeCount */
	        "49 00 00 00 00 00 03 00 02 00 41 00",       /* more strings than bytes */
	        "49 00 00 00 00 00 01 00 01 00 41",          /* no terminating NUL */
	        "49 00 00 00 00 00 00 00 01 00 00",          /* bytes without strings */
	};
	for (size_t i = 0; i < sizeof bad_types / sizeof bad_types[0]; i++)
		rop_tu_response_fails(*state, &empty_ctx, &types_req, bad_types[i], WC_EFORMAT);
	/* PropertyValueCount beyond the bytes, HelpFile without HelpFileName */
	rop_tu_response_fails(*state, &empty_ctx, &send, "4A 00 00 00 00 00 00 05 00 03 00", WC_EFORMAT);
	rop_tu_response_fails(*state, &empty_ctx, &options, "6F 00 00 00 00 00 01 00 00 01 00 AA",
	                      WC_EFORMAT);
	/* MessageClass without its NUL */
	rop_tu_request_fails(*state, &empty_ctx,
	                     "51 00 00 08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11 49 50 4D", WC_EFORMAT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_examples),
	        TU_TEST(test_requests),
	        TU_TEST(test_responses),
	        TU_TEST(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
