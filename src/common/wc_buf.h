/* warpcore common: bounds-checked little-endian reader and growable writer over byte buffers.
 *
 * Every read checks the remaining length first; a read past the end returns false and leaves the reader where
 * it was, so a decoder can simply `return WC_EFORMAT`. Writers grow on a talloc parent and carry a sticky
 * failure flag (allocation failure or the optional size limit), so a long encoder can check once at the end. */
#ifndef WC_BUF_H
#define WC_BUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/* MS-DTYP 2.3.4 GUID; on the wire Data1..Data3 are little-endian, Data4 is bytes in order. */
struct wc_guid {
	uint32_t d1;
	uint16_t d2;
	uint16_t d3;
	uint8_t d4[8];
};

bool wc_guid_equal(const struct wc_guid *a, const struct wc_guid *b);
/* Parses "{00062008-0000-0000-C000-000000000046}" (braces optional); false when malformed. */
bool wc_guid_from_string(const char *s, struct wc_guid *g);
/* Writes the registry form with braces, upper case, into out (at least 39 bytes). */
void wc_guid_to_string(const struct wc_guid *g, char out[39]);

struct wc_reader {
	const uint8_t *data;
	size_t len;
	size_t pos;
};

void wc_reader_init(struct wc_reader *r, const void *data, size_t len);
static inline size_t wc_reader_left(const struct wc_reader *r)
{
	return r->len - r->pos;
}

bool wc_read_u8(struct wc_reader *r, uint8_t *v);
bool wc_read_u16(struct wc_reader *r, uint16_t *v);
bool wc_read_u32(struct wc_reader *r, uint32_t *v);
bool wc_read_u64(struct wc_reader *r, uint64_t *v);
bool wc_read_u16_be(struct wc_reader *r, uint16_t *v);
bool wc_read_u32_be(struct wc_reader *r, uint32_t *v);
bool wc_read_guid(struct wc_reader *r, struct wc_guid *g);
bool wc_read_bytes(struct wc_reader *r, void *dst, size_t n);
bool wc_read_skip(struct wc_reader *r, size_t n);
/* Zero-copy: points *p at the next n bytes of the input and advances. */
bool wc_read_ptr(struct wc_reader *r, size_t n, const uint8_t **p);
/* n bytes copied into a new talloc buffer on mem (n may be 0; *out is then a valid empty allocation). */
bool wc_read_blob(struct wc_reader *r, TALLOC_CTX *mem, size_t n, uint8_t **out);

/* Strings. All return a NUL-terminated talloc string on mem; UTF-16LE input is returned converted to UTF-8.
 * A missing terminator, an odd UTF-16 length or invalid UTF-16 (unpaired surrogate) is a failure. */
bool wc_read_ascii_z(struct wc_reader *r, TALLOC_CTX *mem, char **out);      /* 8-bit, NUL-terminated */
bool wc_read_ascii_n(struct wc_reader *r, TALLOC_CTX *mem, size_t n, char **out); /* n bytes, no NUL */
bool wc_read_utf16_z(struct wc_reader *r, TALLOC_CTX *mem, char **out);      /* UTF-16LE, 0x0000-terminated */
bool wc_read_utf16_n(struct wc_reader *r, TALLOC_CTX *mem, size_t nbytes, char **out); /* counted bytes */

struct wc_writer {
	TALLOC_CTX *mem;
	uint8_t *data;
	size_t len;
	size_t cap;
	size_t limit;  /* 0 = no limit; otherwise a write past limit bytes fails with failed = WC_ESPACE */
	int failed;    /* 0 or the first WC_E* error; sticky */
};

/* data is allocated on mem as the writer grows; the writer struct itself may live on the stack. */
void wc_writer_init(struct wc_writer *w, TALLOC_CTX *mem, size_t limit);
/* Returns 0 or the sticky error. */
static inline int wc_writer_status(const struct wc_writer *w)
{
	return w->failed;
}

bool wc_write_u8(struct wc_writer *w, uint8_t v);
bool wc_write_u16(struct wc_writer *w, uint16_t v);
bool wc_write_u32(struct wc_writer *w, uint32_t v);
bool wc_write_u64(struct wc_writer *w, uint64_t v);
bool wc_write_u16_be(struct wc_writer *w, uint16_t v);
bool wc_write_u32_be(struct wc_writer *w, uint32_t v);
bool wc_write_guid(struct wc_writer *w, const struct wc_guid *g);
bool wc_write_bytes(struct wc_writer *w, const void *src, size_t n);
bool wc_write_zeros(struct wc_writer *w, size_t n);
/* Reserve n bytes and return their offset, for sizes patched in later with wc_patch_*. */
bool wc_write_reserve(struct wc_writer *w, size_t n, size_t *offset);
void wc_patch_u16(struct wc_writer *w, size_t offset, uint16_t v);
void wc_patch_u32(struct wc_writer *w, size_t offset, uint32_t v);

/* UTF-8 in, written as 8-bit with NUL (ascii_z) or as UTF-16LE with 0x0000 (utf16_z). Invalid UTF-8 fails
 * with WC_EINVAL. utf16_n writes no terminator. */
bool wc_write_ascii_z(struct wc_writer *w, const char *s);
bool wc_write_utf16_z(struct wc_writer *w, const char *utf8);
bool wc_write_utf16_n(struct wc_writer *w, const char *utf8);

#endif
