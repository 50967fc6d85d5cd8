/* warpcore common: UTF-8 <-> UTF-16LE conversion (RFC 3629, RFC 2781).
 *
 * Strict both ways: overlong forms, encoded surrogates, code points above U+10FFFF and unpaired surrogates
 * are rejected, because a string that cannot round-trip must not reach the store. */
#ifndef WC_UNICODE_H
#define WC_UNICODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/* Converts n bytes of UTF-8 (no NUL needed) to UTF-16LE. On success returns a talloc buffer on mem holding
 * *out_len bytes followed by two zero bytes (not counted). NULL on invalid input or allocation failure. */
uint8_t *wc_utf8_to_utf16le(TALLOC_CTX *mem, const char *s, size_t n, size_t *out_len);

/* Converts nbytes of UTF-16LE (nbytes even) to a NUL-terminated UTF-8 talloc string on mem.
 * NULL on odd length, unpaired surrogate, embedded U+0000 or allocation failure. */
char *wc_utf16le_to_utf8(TALLOC_CTX *mem, const uint8_t *p, size_t nbytes);

/* True when the n bytes are valid UTF-8 by the rules above (U+0000 is rejected: strings are NUL-terminated
 * on the wire). */
bool wc_utf8_valid(const char *s, size_t n);

/* Number of UTF-16 code units needed for valid UTF-8 input, or -1 when invalid. */
long wc_utf8_utf16_units(const char *s, size_t n);

#endif
