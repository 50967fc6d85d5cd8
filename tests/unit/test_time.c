/* src/common/wc_time.c: FILETIME (MS-DTYP 2.3.3) <-> Unix time, logging levels. */
#include "testutil.h"
#include "common/wc_time.h"
#include "common/wc_log.h"

static void test_unix_epoch_is_filetime_116444736000000000(void **state)
{
	assert_true(wc_filetime_from_unix(0, 0) == 116444736000000000ULL);
	int64_t s;
	uint32_t ns;
	wc_filetime_to_unix(116444736000000000ULL, &s, &ns);
	assert_int_equal(s, 0);
	assert_int_equal(ns, 0);
}

static void test_known_date_and_sub_second_ticks(void **state)
{
	/* 2009-02-13T23:31:30Z = Unix 1234567890; plus 1234567 ticks (0.1234567 s) */
	uint64_t ft = wc_filetime_from_unix(1234567890, 123456700);
	assert_true(ft == 128790414900000000ULL + 1234567ULL);
	char out[40];
	wc_filetime_format(ft, out);
	assert_string_equal(out, "2009-02-13T23:31:30.1234567Z");
	int64_t s;
	uint32_t ns;
	wc_filetime_to_unix(ft, &s, &ns);
	assert_int_equal(s, 1234567890);
	assert_int_equal(ns, 123456700);
}

static void test_before_1970_and_before_1601(void **state)
{
	int64_t s;
	uint32_t ns;
	wc_filetime_to_unix(0, &s, &ns); /* 1601-01-01 */
	assert_true(s == -(int64_t)WC_FILETIME_UNIX_EPOCH_SECS);
	assert_true(wc_filetime_from_unix(-(int64_t)WC_FILETIME_UNIX_EPOCH_SECS - 1, 0) == 0);
	char out[40];
	wc_filetime_format(0, out);
	assert_string_equal(out, "1601-01-01T00:00:00.0000000Z");
}

static void test_now_is_after_2020(void **state)
{
	assert_true(wc_filetime_now() > wc_filetime_from_unix(1577836800, 0));
}

static void test_log_levels_by_name(void **state)
{
	assert_int_equal(wc_log_level_from_name("debug"), WC_LOG_DEBUG);
	assert_int_equal(wc_log_level_from_name("error"), WC_LOG_ERROR);
	assert_int_equal(wc_log_level_from_name("loud"), -1);
	wc_log_set_level(WC_LOG_WARN);
	assert_int_equal(wc_log_get_level(), WC_LOG_WARN);
	wc_info("suppressed at warn level");
	wc_log_set_level(WC_LOG_INFO);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_unix_epoch_is_filetime_116444736000000000),
		cmocka_unit_test(test_known_date_and_sub_second_ticks),
		cmocka_unit_test(test_before_1970_and_before_1601),
		cmocka_unit_test(test_now_is_after_2020),
		cmocka_unit_test(test_log_levels_by_name),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
