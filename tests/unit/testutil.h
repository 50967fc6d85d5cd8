/* Helpers shared by the unit tests: hex literals and spec vectors from tests/vectors/. */
#ifndef TESTUTIL_H
#define TESTUTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <talloc.h>

#include "common/wc_buf.h"

/* Hex digits to bytes; whitespace ignored; fails the test on a bad digit. */
uint8_t *tu_hex(TALLOC_CTX *mem, const char *hex, size_t *len);

/* Loads a vector file from $WC_VECTORS (tests/vectors). Format: '#' lines are comments (the spec section goes
 * there), "@name" starts a named blob, everything else is hex. name NULL takes the whole file's hex. Fails the
 * test when the file or the blob is missing. */
uint8_t *tu_vector(TALLOC_CTX *mem, const char *file, const char *name, size_t *len);

/* Asserts two byte ranges are equal, printing the first differing offset. */
void tu_assert_bytes(const void *got, size_t got_len, const void *want, size_t want_len);

/* cmocka setup/teardown that give each test a fresh talloc context in *state, freed after it. */
int tu_mem_setup(void **state);
int tu_mem_teardown(void **state);
#define TU_TEST(fn) cmocka_unit_test_setup_teardown(fn, tu_mem_setup, tu_mem_teardown)

/* A GUID from its registry form "{...}"; fails the test when malformed. */
struct wc_guid tu_guid(const char *s);

#endif
