/* src/common/mapi_errors.c and the table generated from tools/gen/data/mapi_errors.tsv (MS-OXCDATA 2.4). */
#include "testutil.h"
#include "common/mapi_errors.h"

#include <string.h>
#include <strings.h>

/* Values stated in the specs: MS-OXCDATA 2.4 (MS-OXCDATA_R898, R900, R904, R908, R928, R950, R954), 2.4.3
 * (R2071); MS-OXCROPS / MS-OXCRPC for ecRpcFormat, ecNullObject, ecBufferTooSmall; MS-OXCSTOR 3.2.5.1.3 for
 * the RopLogon codes (ecUnknownUser, ecWrongServer, ecProfileNotConfigured); MS-OXCTABL 3.2.5.4. */
static void test_codes_match_the_spec(void **state)
{
	assert_int_equal(ecSuccess, 0x00000000);
	assert_int_equal(ecNone, ecSuccess);
	assert_int_equal(ecError, 0x80004005);
	assert_int_equal(ecInvalidParam, 0x80070057);
	assert_int_equal(ecInvalidParameter, 0x80070057);
	assert_int_equal(ecAccessDenied, 0x80070005);
	assert_int_equal(ecNotSupported, 0x80040102);
	assert_int_equal(ecNotImplemented, 0x80040102);
	assert_int_equal(ecNotFound, 0x8004010F);
	assert_int_equal(ecAttachNotFound, 0x8004010F);
	assert_int_equal(ecLoginFailure, 0x80040111);
	assert_int_equal(ecTooComplex, 0x80040117);
	assert_int_equal(ecInvalidBookmark, 0x80040405);
	assert_int_equal(ecWarnWithErrors, 0x00040380);
	assert_int_equal(ecRpcFormat, 0x000004B6);
	assert_int_equal(ecNullObject, 0x000004B9);
	assert_int_equal(ecBufferTooSmall, 0x0000047D);
	assert_int_equal(ecUnknownUser, 0x000003EB);
	assert_int_equal(ecServerOOM, 0x000003F0);
	assert_int_equal(ecWrongServer, 0x00000478);
	assert_int_equal(ecProfileNotConfigured, 0x0000011C);
	assert_int_equal(ecConversationNotFound, 0x00000496);
	assert_int_equal(ecBusy,
	                 0x8004010B); /* MS-OXCDATA ServerBusy; MS-OXCMSG 3.2.5.17 prints 0x80040108 */
	assert_int_equal(ecRpcAuthentication, 0x000004BC);
	assert_int_equal(MAPI_E_NOT_IMPLEMENTED, 0x80040FFF);
}

static void test_name_of_code(void **state)
{
	assert_string_equal(mapi_err_name(0x8004010F), "ecNotFound");
	assert_string_equal(mapi_err_name(0), "ecSuccess");
	assert_string_equal(mapi_err_name(0x80040115), "ecRpcFailed");
	assert_null(mapi_err_name(0x12345678));
	assert_null(mapi_err_name(0xFFFFFFFF));
	const struct mapi_err_info *e = mapi_err_info(ecNullObject);
	assert_non_null(e);
	assert_string_equal(e->spec_name, "NullObject");
	assert_string_equal(e->section, "2.4.1");
	assert_null(mapi_err_info(0x00000003));
}

static void test_code_of_name(void **state)
{
	static const struct {
		const char *name;
		uint32_t code;
	} known[] = {
	        {"ecNotFound", 0x8004010F},
	        {"MAPI_E_NOT_FOUND", 0x8004010F},
	        {"ecUnknownRecip", 0x8004010F},
	        {"E_FAIL", 0x80004005},
	        {"MAPI_W_ERRORS_RETURNED", 0x00040380},
	        {"ecaccessdenied", 0x80070005}, /* MS-OXCDATA writes some alternate names in lower case */
	        {"ecinterfacenotsupported", 0x80004002},
	        {"ecMAPIOOM", 0x8007000E}, /* several names for one value */
	        {"E_NOMEMORY", 0x8007000E},
	        {"ecNotEnoughMemory", 0x8007000E},
	};
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++) {
		uint32_t code = 0x4242;
		assert_true(mapi_err_from_name(known[i].name, &code));
		assert_int_equal(code, known[i].code);
	}
	/* unknown: false, code untouched */
	static const char *const unknown[] = {"ecNoSuchError", "", "ecNotFoundX", "\x80\xff", NULL};
	for (size_t i = 0; i < sizeof unknown / sizeof unknown[0]; i++) {
		uint32_t code = 0x4242;
		assert_false(mapi_err_from_name(unknown[i], &code));
		assert_int_equal(code, 0x4242);
	}
}

static void test_table_sorted_and_every_row_round_trips(void **state)
{
	for (size_t i = 0; i < mapi_errors_count; i++) {
		const struct mapi_err_info *e = &mapi_errors[i];
		uint32_t code;
		if (i > 0)
			assert_true(mapi_errors[i - 1].code < e->code);
		assert_ptr_equal(mapi_err_info(e->code), e);
		assert_string_equal(mapi_err_name(e->code), e->name);
		assert_true(mapi_err_from_name(e->name, &code));
		assert_int_equal(code, e->code);
		for (const char *const *a = e->alt_names; *a != NULL; a++) {
			assert_true(mapi_err_from_name(*a, &code));
			assert_int_equal(code, e->code);
		}
		assert_true(strlen(e->meaning) > 0);
	}
	for (size_t i = 0; i < mapi_error_names_count; i++) {
		assert_true(mapi_error_names[i].row < mapi_errors_count);
		if (i == 0)
			continue;
		int c = strcasecmp(mapi_error_names[i - 1].name, mapi_error_names[i].name);
		assert_true(c < 0 ||
		            (c == 0 && strcmp(mapi_error_names[i - 1].name, mapi_error_names[i].name) < 0));
	}
}

static void test_str_formats(void **state)
{
	char buf[MAPI_ERR_STR_SIZE];
	assert_string_equal(mapi_err_str(ecNotFound, buf, sizeof buf), "ecNotFound (0x8004010F)");
	assert_string_equal(mapi_err_str(0x12345678, buf, sizeof buf), "0x12345678");
	char small[6];
	assert_string_equal(mapi_err_str(ecNotFound, small, sizeof small), "ecNot");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_codes_match_the_spec),
	        cmocka_unit_test(test_name_of_code),
	        cmocka_unit_test(test_code_of_name),
	        cmocka_unit_test(test_table_sorted_and_every_row_round_trips),
	        cmocka_unit_test(test_str_formats),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
