/* src/common/wc_buf.c: bounds-checked reader, growable writer, GUIDs. */
#include "testutil.h"
#include "common/wc_buf.h"
#include "common/wc_error.h"

#include <string.h>

static void test_read_integers_little_endian(void **state)
{
	static const uint8_t b[] = {0x01, 0x34, 0x12, 0x78, 0x56, 0x34, 0x12, 0x08, 0x07, 0x06,
				    0x05, 0x04, 0x03, 0x02, 0x01, 0xAB, 0xCD};
	struct wc_reader r;
	uint8_t u8;
	uint16_t u16;
	uint32_t u32;
	uint64_t u64;
	wc_reader_init(&r, b, sizeof b);
	assert_true(wc_read_u8(&r, &u8));
	assert_int_equal(u8, 0x01);
	assert_true(wc_read_u16(&r, &u16));
	assert_int_equal(u16, 0x1234);
	assert_true(wc_read_u32(&r, &u32));
	assert_int_equal(u32, 0x12345678);
	assert_true(wc_read_u64(&r, &u64));
	assert_true(u64 == 0x0102030405060708ULL);
	assert_true(wc_read_u16_be(&r, &u16));
	assert_int_equal(u16, 0xABCD);
	assert_int_equal(wc_reader_left(&r), 0);
}

static void test_read_past_end_fails_and_keeps_position(void **state)
{
	static const uint8_t b[] = {1, 2, 3};
	struct wc_reader r;
	uint32_t u32;
	uint64_t u64;
	uint16_t u16;
	struct wc_guid g;
	wc_reader_init(&r, b, sizeof b);
	assert_false(wc_read_u32(&r, &u32));
	assert_false(wc_read_u64(&r, &u64));
	assert_false(wc_read_guid(&r, &g));
	assert_false(wc_read_skip(&r, 4));
	assert_int_equal(r.pos, 0);
	assert_true(wc_read_u16(&r, &u16));
	assert_false(wc_read_u16(&r, &u16));
	assert_int_equal(r.pos, 2);
}

static void test_read_empty_and_null_input(void **state)
{
	struct wc_reader r;
	uint8_t v;
	wc_reader_init(&r, NULL, 100); /* a NULL buffer is empty whatever the length says */
	assert_int_equal(wc_reader_left(&r), 0);
	assert_false(wc_read_u8(&r, &v));
}

static void test_guid_wire_and_string_forms(void **state)
{
	/* PS_PUBLIC_STRINGS {00020329-0000-0000-C000-000000000046}: Data1..3 little-endian on the wire. */
	static const uint8_t wire[] = {0x29, 0x03, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00,
				       0xC0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x46};
	struct wc_guid g, p;
	struct wc_reader r;
	char s[39];
	wc_reader_init(&r, wire, sizeof wire);
	assert_true(wc_read_guid(&r, &g));
	assert_true(wc_guid_from_string("{00020329-0000-0000-C000-000000000046}", &p));
	assert_true(wc_guid_equal(&g, &p));
	wc_guid_to_string(&g, s);
	assert_string_equal(s, "{00020329-0000-0000-C000-000000000046}");
	assert_true(wc_guid_from_string("00020329-0000-0000-c000-000000000046", &p));
	assert_true(wc_guid_equal(&g, &p));
	assert_false(wc_guid_from_string("{00020329-0000-0000-C000-00000000004}", &p));
	assert_false(wc_guid_from_string("00020329x0000-0000-C000-000000000046", &p));
	assert_false(wc_guid_from_string("0002032G-0000-0000-C000-000000000046", &p));

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_guid(&w, &g));
	tu_assert_bytes(w.data, w.len, wire, sizeof wire);
}

static void test_strings_ascii_and_utf16(void **state)
{
	/* "Hi" NUL, then UTF-16LE "Hé" 0x0000, then counted UTF-16 "A" */
	static const uint8_t b[] = {'H', 'i', 0, 'H', 0, 0xE9, 0, 0, 0, 'A', 0};
	struct wc_reader r;
	char *s;
	wc_reader_init(&r, b, sizeof b);
	assert_true(wc_read_ascii_z(&r, *state, &s));
	assert_string_equal(s, "Hi");
	assert_true(wc_read_utf16_z(&r, *state, &s));
	assert_string_equal(s, "H\xC3\xA9");
	assert_true(wc_read_utf16_n(&r, *state, 2, &s));
	assert_string_equal(s, "A");
	assert_int_equal(wc_reader_left(&r), 0);
}

static void test_strings_unterminated_fail(void **state)
{
	static const uint8_t ascii[] = {'a', 'b'};
	static const uint8_t utf16[] = {'a', 0, 'b'}; /* odd tail, no 0x0000 */
	static const uint8_t lone[] = {0x00, 0xD8, 0, 0}; /* unpaired high surrogate */
	struct wc_reader r;
	char *s;
	wc_reader_init(&r, ascii, sizeof ascii);
	assert_false(wc_read_ascii_z(&r, *state, &s));
	wc_reader_init(&r, utf16, sizeof utf16);
	assert_false(wc_read_utf16_z(&r, *state, &s));
	assert_int_equal(r.pos, 0);
	wc_reader_init(&r, lone, sizeof lone);
	assert_false(wc_read_utf16_z(&r, *state, &s));
	wc_reader_init(&r, utf16, sizeof utf16);
	assert_false(wc_read_utf16_n(&r, *state, 3, &s));
	assert_false(wc_read_ascii_n(&r, *state, 4, &s));
	wc_reader_init(&r, lone, sizeof lone);
	assert_false(wc_read_ascii_n(&r, *state, 2, &s)); /* embedded NUL */
}

static void test_blob_copies_and_checks(void **state)
{
	static const uint8_t b[] = {9, 8, 7};
	struct wc_reader r;
	uint8_t *blob;
	wc_reader_init(&r, b, sizeof b);
	assert_false(wc_read_blob(&r, *state, 4, &blob));
	assert_true(wc_read_blob(&r, *state, 0, &blob));
	assert_true(wc_read_blob(&r, *state, 3, &blob));
	assert_memory_equal(blob, b, 3);
}

static void test_writer_grows_and_patches(void **state)
{
	struct wc_writer w;
	size_t off;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_reserve(&w, 2, &off));
	for (int i = 0; i < 1000; i++)
		assert_true(wc_write_u32(&w, (uint32_t)i));
	wc_patch_u16(&w, off, 0xBEEF);
	assert_int_equal(w.len, 4002);
	assert_int_equal(w.data[0], 0xEF);
	assert_int_equal(w.data[1], 0xBE);
	assert_int_equal(w.data[2 + 4 * 999], 999 & 0xFF);
	assert_int_equal(w.data[3 + 4 * 999], 999 >> 8);
	assert_int_equal(wc_writer_status(&w), 0);
	wc_patch_u32(&w, w.len - 2, 1); /* out of range: ignored */
	assert_int_equal(w.data[w.len - 1], 0);
}

static void test_writer_limit_is_sticky(void **state)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 5);
	assert_true(wc_write_u32(&w, 1));
	assert_false(wc_write_u16(&w, 2));
	assert_int_equal(wc_writer_status(&w), WC_ESPACE);
	assert_false(wc_write_u8(&w, 3)); /* would fit, but the writer has failed */
	assert_int_equal(w.len, 4);
}

static void test_writer_strings(void **state)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_ascii_z(&w, "ab"));
	assert_true(wc_write_utf16_z(&w, "\xF0\x9F\x98\x80")); /* U+1F600 -> D83D DE00 */
	assert_true(wc_write_utf16_n(&w, "c"));
	static const uint8_t want[] = {'a', 'b', 0, 0x3D, 0xD8, 0x00, 0xDE, 0, 0, 'c', 0};
	tu_assert_bytes(w.data, w.len, want, sizeof want);
	assert_false(wc_write_utf16_z(&w, "\xC0\x80")); /* overlong NUL */
	assert_int_equal(wc_writer_status(&w), WC_EINVAL);
}

static void test_big_endian_round_trip(void **state)
{
	struct wc_writer w;
	struct wc_reader r;
	uint32_t v;
	uint16_t h;
	wc_writer_init(&w, *state, 0);
	wc_write_u32_be(&w, 0x01020304);
	wc_write_u16_be(&w, 0x0506);
	assert_int_equal(w.data[0], 1);
	wc_reader_init(&r, w.data, w.len);
	assert_true(wc_read_u32_be(&r, &v));
	assert_int_equal(v, 0x01020304);
	assert_true(wc_read_u16_be(&r, &h));
	assert_int_equal(h, 0x0506);
	assert_string_equal(wc_strerror(WC_EFORMAT), "malformed or truncated input");
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
		cmocka_unit_test_setup_teardown(test_read_integers_little_endian, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_past_end_fails_and_keeps_position, setup, teardown),
		cmocka_unit_test_setup_teardown(test_read_empty_and_null_input, setup, teardown),
		cmocka_unit_test_setup_teardown(test_guid_wire_and_string_forms, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_ascii_and_utf16, setup, teardown),
		cmocka_unit_test_setup_teardown(test_strings_unterminated_fail, setup, teardown),
		cmocka_unit_test_setup_teardown(test_blob_copies_and_checks, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_grows_and_patches, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_limit_is_sticky, setup, teardown),
		cmocka_unit_test_setup_teardown(test_writer_strings, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_endian_round_trip, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
