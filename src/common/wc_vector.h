/* warpcore common: hex text and the spec vector files of tests/vectors (read by the unit tests and by
 * mapitest's NOSERVER suite).
 *
 * Vector format: lines starting with '#' are comments (the spec section goes there), a line "@name" starts
 * a named blob, every other line is hex digits, whitespace ignored. */
#ifndef WC_VECTOR_H
#define WC_VECTOR_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/* Hex digits of hex[0..n) (whitespace ignored) to bytes, *out allocated on mem. WC_EFORMAT for another
 * character or an odd number of digits, WC_ENOMEM; *out is untouched on failure. */
int wc_hex_parse(TALLOC_CTX *mem, const char *hex, size_t n, uint8_t **out, size_t *len);

/* The bytes of blob name of a vector file's text; name NULL: the hex before the first "@name" line (the whole
 * file when it has no blobs). WC_EINVAL when there is no "@name" line, else as wc_hex_parse. */
int wc_vector_parse(TALLOC_CTX *mem, const char *text, const char *name, uint8_t **out, size_t *len);

/* The whole text of the file at path (a vector file) on mem, NUL-terminated; NULL when it cannot be read. */
char *wc_vector_read(TALLOC_CTX *mem, const char *path);

#endif
