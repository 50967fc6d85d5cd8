/* UTF-8 <-> UTF-16LE, strict (RFC 3629 section 3, RFC 2781 section 2). */
#include "common/wc_unicode.h"

#include <string.h>

/* Decodes one code point from s[*i..n); returns it, or -1 on any invalid form. */
static long utf8_next(const unsigned char *s, size_t n, size_t *i)
{
	unsigned char c = s[*i];
	long cp;
	size_t extra;
	long min;

	if (c < 0x80) {
		(*i)++;
		return c;
	} else if (c >= 0xC2 && c <= 0xDF) {
		cp = c & 0x1F, extra = 1, min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		cp = c & 0x0F, extra = 2, min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		cp = c & 0x07, extra = 3, min = 0x10000;
	} else {
		return -1; /* continuation byte, C0/C1 overlong lead, or F5..FF */
	}
	if (n - *i <= extra)
		return -1;
	for (size_t k = 1; k <= extra; k++) {
		unsigned char cc = s[*i + k];
		if ((cc & 0xC0) != 0x80)
			return -1;
		cp = (cp << 6) | (cc & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return -1;
	*i += extra + 1;
	return cp;
}

long wc_utf8_utf16_units(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	long units = 0;

	while (i < n) {
		long cp = utf8_next(u, n, &i);
		if (cp <= 0)
			return -1; /* invalid, or an embedded NUL */
		units += cp >= 0x10000 ? 2 : 1;
	}
	return units;
}

bool wc_utf8_valid(const char *s, size_t n)
{
	return wc_utf8_utf16_units(s, n) >= 0;
}

uint8_t *wc_utf8_to_utf16le(TALLOC_CTX *mem, const char *s, size_t n, size_t *out_len)
{
	const unsigned char *u = (const unsigned char *)s;
	long units = wc_utf8_utf16_units(s, n);
	if (units < 0)
		return NULL;

	uint8_t *out = talloc_array(mem, uint8_t, (size_t)units * 2 + 2);
	if (out == NULL)
		return NULL;
	size_t i = 0, o = 0;
	while (i < n) {
		long cp = utf8_next(u, n, &i);
		if (cp >= 0x10000) {
			cp -= 0x10000;
			uint16_t hi = 0xD800 | (uint16_t)(cp >> 10), lo = 0xDC00 | (uint16_t)(cp & 0x3FF);
			out[o++] = hi & 0xFF, out[o++] = hi >> 8;
			out[o++] = lo & 0xFF, out[o++] = lo >> 8;
		} else {
			out[o++] = cp & 0xFF, out[o++] = (uint8_t)(cp >> 8);
		}
	}
	out[o] = 0, out[o + 1] = 0;
	*out_len = o;
	return out;
}

char *wc_utf16le_to_utf8(TALLOC_CTX *mem, const uint8_t *p, size_t nbytes)
{
	if (nbytes % 2 != 0)
		return NULL;
	size_t units = nbytes / 2, need = 0;

	/* First pass validates and sizes, so the second cannot fail half-way. */
	for (size_t k = 0; k < units; k++) {
		uint16_t c = (uint16_t)(p[2 * k] | p[2 * k + 1] << 8);
		if (c == 0)
			return NULL;
		if (c >= 0xD800 && c <= 0xDBFF) {
			if (k + 1 >= units)
				return NULL;
			uint16_t d = (uint16_t)(p[2 * k + 2] | p[2 * k + 3] << 8);
			if (d < 0xDC00 || d > 0xDFFF)
				return NULL;
			need += 4, k++;
		} else if (c >= 0xDC00 && c <= 0xDFFF) {
			return NULL;
		} else {
			need += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
		}
	}
	char *out = talloc_array(mem, char, need + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (size_t k = 0; k < units; k++) {
		uint32_t cp = (uint32_t)(p[2 * k] | p[2 * k + 1] << 8);
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			uint32_t d = (uint32_t)(p[2 * k + 2] | p[2 * k + 3] << 8);
			cp = 0x10000 + ((cp - 0xD800) << 10) + (d - 0xDC00);
			k++;
		}
		if (cp < 0x80) {
			out[o++] = (char)cp;
		} else if (cp < 0x800) {
			out[o++] = (char)(0xC0 | cp >> 6);
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else if (cp < 0x10000) {
			out[o++] = (char)(0xE0 | cp >> 12);
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		} else {
			out[o++] = (char)(0xF0 | cp >> 18);
			out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
			out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (cp & 0x3F));
		}
	}
	out[o] = '\0';
	return out;
}
