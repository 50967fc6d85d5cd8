/* src/common/wc_unicode.c: strict UTF-8 <-> UTF-16LE. */
#include "testutil.h"
#include "common/wc_unicode.h"

#include <string.h>

static void test_round_trip_bmp_and_supplementary(void **state)
{
	const char *s = "A\xC3\xA9\xE2\x82\xAC\xF0\x9F\x98\x80"; /* A é € 😀 */
	size_t n;
	uint8_t *u = wc_utf8_to_utf16le(*state, s, strlen(s), &n);
	static const uint8_t want[] = {0x41, 0, 0xE9, 0, 0xAC, 0x20, 0x3D, 0xD8, 0x00, 0xDE};
	assert_non_null(u);
	tu_assert_bytes(u, n, want, sizeof want);
	assert_int_equal(u[n], 0);
	assert_int_equal(u[n + 1], 0);
	char *back = wc_utf16le_to_utf8(*state, u, n);
	assert_string_equal(back, s);
	assert_int_equal(wc_utf8_utf16_units(s, strlen(s)), 5);
}

static void test_invalid_utf8_rejected(void **state)
{
	static const char *const bad[] = {
		"\x80",             /* lone continuation */
		"\xC0\xAF",         /* overlong '/' */
		"\xE0\x80\xAF",     /* overlong, 3 bytes */
		"\xED\xA0\x80",     /* encoded surrogate U+D800 */
		"\xF4\x90\x80\x80", /* above U+10FFFF */
		"\xF5\x80\x80\x80", /* invalid lead */
		"\xE2\x82",         /* truncated */
		"\xC3\x28",         /* bad continuation */
	};
	size_t n;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_false(wc_utf8_valid(bad[i], strlen(bad[i])));
		assert_null(wc_utf8_to_utf16le(*state, bad[i], strlen(bad[i]), &n));
	}
	assert_false(wc_utf8_valid("a\0b", 3)); /* embedded NUL */
	assert_true(wc_utf8_valid("", 0));
	assert_true(wc_utf8_valid("\xF4\x8F\xBF\xBF", 4)); /* U+10FFFF */
}

static void test_invalid_utf16_rejected(void **state)
{
	static const uint8_t lone_high[] = {0x3D, 0xD8, 0x41, 0x00};
	static const uint8_t lone_low[] = {0x00, 0xDE};
	static const uint8_t high_at_end[] = {0x41, 0x00, 0x3D, 0xD8};
	static const uint8_t odd[] = {0x41, 0x00, 0x42};
	static const uint8_t nul[] = {0x41, 0x00, 0x00, 0x00};
	assert_null(wc_utf16le_to_utf8(*state, lone_high, sizeof lone_high));
	assert_null(wc_utf16le_to_utf8(*state, lone_low, sizeof lone_low));
	assert_null(wc_utf16le_to_utf8(*state, high_at_end, sizeof high_at_end));
	assert_null(wc_utf16le_to_utf8(*state, odd, sizeof odd));
	assert_null(wc_utf16le_to_utf8(*state, nul, sizeof nul));
	char *empty = wc_utf16le_to_utf8(*state, odd, 0);
	assert_string_equal(empty, "");
}

static void test_every_bmp_code_point_round_trips(void **state)
{
	/* Exhaustive over the BMP (minus surrogates and NUL): encode UTF-16 -> UTF-8 -> UTF-16. */
	for (uint32_t cp = 1; cp < 0x10000; cp++) {
		if (cp >= 0xD800 && cp <= 0xDFFF)
			continue;
		uint8_t u[2] = {cp & 0xFF, cp >> 8};
		char *s = wc_utf16le_to_utf8(*state, u, 2);
		assert_non_null(s);
		size_t n;
		uint8_t *back = wc_utf8_to_utf16le(*state, s, strlen(s), &n);
		assert_non_null(back);
		assert_int_equal(n, 2);
		assert_memory_equal(back, u, 2);
		talloc_free(s);
		talloc_free(back);
	}
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip_bmp_and_supplementary, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf8_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_invalid_utf16_rejected, setup, teardown),
		cmocka_unit_test_setup_teardown(test_every_bmp_code_point_round_trips, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
