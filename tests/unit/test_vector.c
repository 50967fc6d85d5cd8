/* src/common/wc_vector.c: hex text and the tests/vectors file format (comments, named blobs). */
#include "testutil.h"

#include <stdlib.h>
#include <string.h>

#include "common/wc_error.h"
#include "common/wc_vector.h"

static const char text[] = "# a comment line: 00 11 is not hex of any blob\n"
                           "0A\n"
                           "@first\n"
                           "01 02\r\n"
                           "# inside the blob, still a comment\n"
                           "03\n"
                           "@second\n"
                           "fF\t00\n";

static void test_named_blobs(void **state)
{
	uint8_t *b;
	size_t n;
	assert_int_equal(wc_vector_parse(*state, text, "first", &b, &n), 0);
	tu_assert_bytes(b, n, "\x01\x02\x03", 3);
	assert_int_equal(wc_vector_parse(*state, text, "second", &b, &n), 0);
	tu_assert_bytes(b, n, "\xFF\x00", 2);
	/* name NULL: the hex before the first blob (the whole file when it has none) */
	assert_int_equal(wc_vector_parse(*state, text, NULL, &b, &n), 0);
	tu_assert_bytes(b, n, "\x0A", 1);
	/* a prefix of a blob's name is not its name */
	assert_int_equal(wc_vector_parse(*state, text, "firs", &b, &n), WC_EINVAL);
	assert_int_equal(wc_vector_parse(*state, text, "third", &b, &n), WC_EINVAL);
}

static void test_hex(void **state)
{
	uint8_t *b = NULL;
	size_t n = 99;
	assert_int_equal(wc_hex_parse(*state, " 0a B1 \n", 8, &b, &n), 0);
	tu_assert_bytes(b, n, "\x0A\xB1", 2);
	assert_int_equal(wc_hex_parse(*state, "", 0, &b, &n), 0);
	assert_int_equal(n, 0);
	b = NULL;
	assert_int_equal(wc_hex_parse(*state, "0g", 2, &b, &n), WC_EFORMAT);
	assert_int_equal(wc_hex_parse(*state, "012", 3, &b, &n), WC_EFORMAT);
	assert_null(b); /* untouched on failure */
	/* only n characters are read */
	assert_int_equal(wc_hex_parse(*state, "0102zz", 4, &b, &n), 0);
	assert_int_equal(n, 2);
}

static void test_read(void **state)
{
	const char *dir = getenv("WC_VECTORS");
	char *path = talloc_asprintf(*state, "%s/MS-OXCROPS-4.4-release.hex", dir ? dir : "tests/vectors");
	char *t = wc_vector_read(*state, path);
	assert_non_null(t);
	assert_non_null(strstr(t, "MS-OXCROPS 4.4"));
	assert_null(wc_vector_read(*state, "/nonexistent/vector.hex"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_named_blobs),
	        TU_TEST(test_hex),
	        TU_TEST(test_read),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
