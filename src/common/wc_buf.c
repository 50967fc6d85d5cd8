/* Bounds-checked little-endian reader and growable writer. */
#include "common/wc_buf.h"
#include "common/wc_error.h"
#include "common/wc_unicode.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

const char *wc_strerror(int err)
{
	switch (err) {
	case WC_OK: return "success";
	case WC_EFORMAT: return "malformed or truncated input";
	case WC_ENOMEM: return "out of memory";
	case WC_ERANGE: return "value out of range";
	case WC_EINVAL: return "invalid argument";
	case WC_EUNSUPPORTED: return "unsupported";
	case WC_EDEPTH: return "nested too deeply";
	case WC_ESPACE: return "output does not fit";
	case WC_ECORRUPT: return "corrupt data";
	}
	return "unknown error";
}

/* ---- GUID ---- */

bool wc_guid_equal(const struct wc_guid *a, const struct wc_guid *b)
{
	return a->d1 == b->d1 && a->d2 == b->d2 && a->d3 == b->d3 && memcmp(a->d4, b->d4, 8) == 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

bool wc_guid_from_string(const char *s, struct wc_guid *g)
{
	/* 8-4-4-4-12 hex digits, optionally in braces. */
	size_t n = strlen(s);
	if (n == 38 && s[0] == '{' && s[37] == '}')
		s++, n = 36;
	if (n != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
		return false;
	uint8_t b[16];
	int bi = 0;
	for (size_t i = 0; i < 36; i++) {
		if (i == 8 || i == 13 || i == 18 || i == 23)
			continue;
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0)
			return false;
		b[bi++] = (uint8_t)(hi << 4 | lo);
		i++;
	}
	g->d1 = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	g->d2 = (uint16_t)(b[4] << 8 | b[5]);
	g->d3 = (uint16_t)(b[6] << 8 | b[7]);
	memcpy(g->d4, b + 8, 8);
	return true;
}

void wc_guid_to_string(const struct wc_guid *g, char out[39])
{
	snprintf(out, 39, "{%08X-%04X-%04X-%02X%02X-%02X%02X%02X%02X%02X%02X}", g->d1, g->d2, g->d3, g->d4[0],
		 g->d4[1], g->d4[2], g->d4[3], g->d4[4], g->d4[5], g->d4[6], g->d4[7]);
}

/* ---- reader ---- */

void wc_reader_init(struct wc_reader *r, const void *data, size_t len)
{
	r->data = data;
	r->len = data == NULL ? 0 : len;
	r->pos = 0;
}

bool wc_read_ptr(struct wc_reader *r, size_t n, const uint8_t **p)
{
	if (n > wc_reader_left(r))
		return false;
	*p = r->data + r->pos;
	r->pos += n;
	return true;
}

bool wc_read_u8(struct wc_reader *r, uint8_t *v)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, 1, &p))
		return false;
	*v = p[0];
	return true;
}

bool wc_read_u16(struct wc_reader *r, uint16_t *v)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, 2, &p))
		return false;
	*v = (uint16_t)(p[0] | p[1] << 8);
	return true;
}

bool wc_read_u32(struct wc_reader *r, uint32_t *v)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, 4, &p))
		return false;
	*v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return true;
}

bool wc_read_u64(struct wc_reader *r, uint64_t *v)
{
	uint32_t lo, hi;
	if (wc_reader_left(r) < 8)
		return false;
	wc_read_u32(r, &lo);
	wc_read_u32(r, &hi);
	*v = (uint64_t)hi << 32 | lo;
	return true;
}

bool wc_read_u16_be(struct wc_reader *r, uint16_t *v)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, 2, &p))
		return false;
	*v = (uint16_t)(p[0] << 8 | p[1]);
	return true;
}

bool wc_read_u32_be(struct wc_reader *r, uint32_t *v)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, 4, &p))
		return false;
	*v = (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return true;
}

bool wc_read_guid(struct wc_reader *r, struct wc_guid *g)
{
	if (wc_reader_left(r) < 16)
		return false;
	wc_read_u32(r, &g->d1);
	wc_read_u16(r, &g->d2);
	wc_read_u16(r, &g->d3);
	return wc_read_bytes(r, g->d4, 8);
}

bool wc_read_bytes(struct wc_reader *r, void *dst, size_t n)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, n, &p))
		return false;
	if (n > 0)
		memcpy(dst, p, n);
	return true;
}

bool wc_read_skip(struct wc_reader *r, size_t n)
{
	const uint8_t *p;
	return wc_read_ptr(r, n, &p);
}

bool wc_read_blob(struct wc_reader *r, TALLOC_CTX *mem, size_t n, uint8_t **out)
{
	if (n > wc_reader_left(r))
		return false;
	uint8_t *b = talloc_array(mem, uint8_t, n ? n : 1);
	if (b == NULL)
		return false;
	wc_read_bytes(r, b, n);
	*out = b;
	return true;
}

bool wc_read_ascii_n(struct wc_reader *r, TALLOC_CTX *mem, size_t n, char **out)
{
	const uint8_t *p;
	if (n > wc_reader_left(r))
		return false;
	if (memchr(r->data + r->pos, 0, n) != NULL)
		return false;
	char *s = talloc_strndup(mem, (const char *)r->data + r->pos, n);
	if (s == NULL)
		return false;
	wc_read_ptr(r, n, &p);
	*out = s;
	return true;
}

bool wc_read_ascii_z(struct wc_reader *r, TALLOC_CTX *mem, char **out)
{
	const uint8_t *start = r->data + r->pos;
	const uint8_t *nul = memchr(start, 0, wc_reader_left(r));
	if (nul == NULL)
		return false;
	size_t n = (size_t)(nul - start);
	char *s = talloc_strndup(mem, (const char *)start, n);
	if (s == NULL)
		return false;
	r->pos += n + 1;
	*out = s;
	return true;
}

bool wc_read_utf16_n(struct wc_reader *r, TALLOC_CTX *mem, size_t nbytes, char **out)
{
	if (nbytes > wc_reader_left(r))
		return false;
	char *s = wc_utf16le_to_utf8(mem, r->data + r->pos, nbytes);
	if (s == NULL)
		return false;
	r->pos += nbytes;
	*out = s;
	return true;
}

bool wc_read_utf16_z(struct wc_reader *r, TALLOC_CTX *mem, char **out)
{
	size_t left = wc_reader_left(r);
	const uint8_t *p = r->data + r->pos;
	for (size_t i = 0; i + 1 < left; i += 2) {
		if (p[i] == 0 && p[i + 1] == 0) {
			char *s = wc_utf16le_to_utf8(mem, p, i);
			if (s == NULL)
				return false;
			r->pos += i + 2;
			*out = s;
			return true;
		}
	}
	return false;
}

/* ---- writer ---- */

void wc_writer_init(struct wc_writer *w, TALLOC_CTX *mem, size_t limit)
{
	w->mem = mem;
	w->data = NULL;
	w->len = 0;
	w->cap = 0;
	w->limit = limit;
	w->failed = 0;
}

/* Makes room for n more bytes; false (and the sticky error set) when it cannot. */
static bool writer_grow(struct wc_writer *w, size_t n)
{
	if (w->failed)
		return false;
	if (n > SIZE_MAX - w->len || (w->limit != 0 && w->len + n > w->limit)) {
		w->failed = WC_ESPACE;
		return false;
	}
	if (w->len + n <= w->cap)
		return true;
	size_t cap = w->cap ? w->cap : 256;
	while (cap < w->len + n)
		cap = cap > SIZE_MAX / 2 ? w->len + n : cap * 2;
	uint8_t *d = talloc_realloc(w->mem, w->data, uint8_t, cap);
	if (d == NULL) {
		w->failed = WC_ENOMEM;
		return false;
	}
	w->data = d;
	w->cap = cap;
	return true;
}

bool wc_write_bytes(struct wc_writer *w, const void *src, size_t n)
{
	if (!writer_grow(w, n))
		return false;
	if (n > 0)
		memcpy(w->data + w->len, src, n);
	w->len += n;
	return true;
}

bool wc_write_zeros(struct wc_writer *w, size_t n)
{
	if (!writer_grow(w, n))
		return false;
	memset(w->data + w->len, 0, n);
	w->len += n;
	return true;
}

bool wc_write_reserve(struct wc_writer *w, size_t n, size_t *offset)
{
	*offset = w->len;
	return wc_write_zeros(w, n);
}

bool wc_write_u8(struct wc_writer *w, uint8_t v)
{
	return wc_write_bytes(w, &v, 1);
}

bool wc_write_u16(struct wc_writer *w, uint16_t v)
{
	uint8_t b[2] = {v & 0xFF, v >> 8};
	return wc_write_bytes(w, b, 2);
}

bool wc_write_u32(struct wc_writer *w, uint32_t v)
{
	uint8_t b[4] = {v & 0xFF, (v >> 8) & 0xFF, (v >> 16) & 0xFF, v >> 24};
	return wc_write_bytes(w, b, 4);
}

bool wc_write_u64(struct wc_writer *w, uint64_t v)
{
	return wc_write_u32(w, (uint32_t)v) && wc_write_u32(w, (uint32_t)(v >> 32));
}

bool wc_write_u16_be(struct wc_writer *w, uint16_t v)
{
	uint8_t b[2] = {v >> 8, v & 0xFF};
	return wc_write_bytes(w, b, 2);
}

bool wc_write_u32_be(struct wc_writer *w, uint32_t v)
{
	uint8_t b[4] = {v >> 24, (v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF};
	return wc_write_bytes(w, b, 4);
}

bool wc_write_guid(struct wc_writer *w, const struct wc_guid *g)
{
	return wc_write_u32(w, g->d1) && wc_write_u16(w, g->d2) && wc_write_u16(w, g->d3) &&
	       wc_write_bytes(w, g->d4, 8);
}

void wc_patch_u16(struct wc_writer *w, size_t offset, uint16_t v)
{
	if (w->failed || offset + 2 > w->len)
		return;
	w->data[offset] = v & 0xFF;
	w->data[offset + 1] = v >> 8;
}

void wc_patch_u32(struct wc_writer *w, size_t offset, uint32_t v)
{
	if (w->failed || offset + 4 > w->len)
		return;
	for (int i = 0; i < 4; i++)
		w->data[offset + i] = (v >> (8 * i)) & 0xFF;
}

bool wc_write_ascii_z(struct wc_writer *w, const char *s)
{
	return wc_write_bytes(w, s, strlen(s) + 1);
}

static bool write_utf16(struct wc_writer *w, const char *utf8, bool terminate)
{
	if (w->failed)
		return false;
	size_t n;
	uint8_t *u = wc_utf8_to_utf16le(w->mem, utf8, strlen(utf8), &n);
	if (u == NULL) {
		w->failed = WC_EINVAL;
		return false;
	}
	bool ok = wc_write_bytes(w, u, n + (terminate ? 2 : 0));
	talloc_free(u);
	return ok;
}

bool wc_write_utf16_z(struct wc_writer *w, const char *utf8)
{
	return write_utf16(w, utf8, true);
}

bool wc_write_utf16_n(struct wc_writer *w, const char *utf8)
{
	return write_utf16(w, utf8, false);
}
