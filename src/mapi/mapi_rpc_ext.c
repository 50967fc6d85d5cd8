/* MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT and the extended buffer chain of 3.1.4.1.1 / 3.1.4.2.1. */
#include "mapi/mapi_rpc_ext.h"
#include "mapi/mapi_lz77.h"
#include "common/wc_error.h"

#include <string.h>

#define RPC_EXT_KNOWN_FLAGS (MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_XOR_MAGIC | MAPI_RPC_EXT_LAST)

/* MS-OXCRPC 3.1.4.1.1.3 Obfuscation Algorithm */
void mapi_rpc_ext_xor_magic(uint8_t *buf, size_t len)
{
	for (size_t i = 0; i < len; i++)
		buf[i] ^= 0xA5;
}

/* MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT */
int mapi_rpc_header_ext_pull(struct wc_reader *r, struct mapi_rpc_header_ext *h)
{
	size_t start = r->pos;
	if (!wc_read_u16(r, &h->version) || !wc_read_u16(r, &h->flags) || !wc_read_u16(r, &h->size) ||
	    !wc_read_u16(r, &h->size_actual))
		goto bad;
	if (h->version != 0x0000 || (h->flags & ~RPC_EXT_KNOWN_FLAGS) != 0)
		goto bad;
	/* Compressed: "the value of the Size field MUST be less than the value of the SizeActual field";
	 * otherwise "the Size and SizeActual fields MUST be the same". */
	if ((h->flags & MAPI_RPC_EXT_COMPRESSED) ? h->size >= h->size_actual : h->size != h->size_actual)
		goto bad;
	return 0;
bad:
	r->pos = start;
	return WC_EFORMAT;
}

/* MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT */
bool mapi_rpc_header_ext_push(struct wc_writer *w, const struct mapi_rpc_header_ext *h)
{
	return wc_write_u16(w, h->version) && wc_write_u16(w, h->flags) && wc_write_u16(w, h->size) &&
	       wc_write_u16(w, h->size_actual);
}

/* Walks the chain's headers only (3.1.4.2.1.1.2: every header but the last without Last, the last with it),
 * so that all limits are known before anything is allocated. */
static int rpc_ext_scan(const uint8_t *buf, size_t len, size_t max_total, size_t *count, size_t *total)
{
	struct wc_reader r;
	struct mapi_rpc_header_ext h;
	size_t n = 0, sum = 0;
	wc_reader_init(&r, buf, len);
	do {
		int ret = mapi_rpc_header_ext_pull(&r, &h);
		if (ret != 0)
			return ret; /* also a chain that ends without Last */
		if (h.size_actual > MAPI_RPC_EXT_MAX_PAYLOAD)
			return WC_ERANGE;
		if (!wc_read_skip(&r, h.size))
			return WC_EFORMAT;
		if (h.size_actual > max_total - sum)
			return WC_ESPACE;
		sum += h.size_actual;
		n++;
	} while ((h.flags & MAPI_RPC_EXT_LAST) == 0);
	if (wc_reader_left(&r) != 0)
		return WC_EFORMAT; /* "No other RPC_HEADER_EXT structure follows" the Last one */
	*count = n;
	*total = sum;
	return 0;
}

/* One chunk's payload into dst (size_actual bytes): 3.1.4.2.1.1.1 "MUST first be reverted and then
 * uncompressed". */
static int rpc_ext_unpack(TALLOC_CTX *tmp, const struct mapi_rpc_header_ext *h, const uint8_t *src,
                          uint8_t *dst)
{
	bool obfuscated = (h->flags & MAPI_RPC_EXT_XOR_MAGIC) != 0;
	if ((h->flags & MAPI_RPC_EXT_COMPRESSED) == 0) {
		if (h->size > 0)
			memcpy(dst, src, h->size);
		if (obfuscated)
			mapi_rpc_ext_xor_magic(dst, h->size);
		return 0;
	}
	uint8_t *plain = NULL;
	if (obfuscated) {
		plain = talloc_memdup(tmp, src, h->size);
		if (plain == NULL)
			return WC_ENOMEM;
		mapi_rpc_ext_xor_magic(plain, h->size);
		src = plain;
	}
	int ret = mapi_lz77_decompress(src, h->size, dst, h->size_actual);
	talloc_free(plain);
	return ret;
}

/* MS-OXCRPC 3.1.4.2.1.1 Extended Buffer Format (decode) */
int mapi_rpc_ext_pull(TALLOC_CTX *mem, const uint8_t *buf, size_t len, size_t max_total,
                      struct mapi_rpc_ext_chain **chain)
{
	size_t count, total;
	int ret = rpc_ext_scan(buf, len, max_total, &count, &total);
	if (ret != 0)
		return ret;

	struct mapi_rpc_ext_chain *c = talloc_zero(mem, struct mapi_rpc_ext_chain);
	if (c == NULL)
		return WC_ENOMEM;
	c->count = count;
	c->len = total;
	c->payloads = talloc_zero_array(c, struct mapi_rpc_ext_payload, count);
	c->data = talloc_size(c, total);
	if (c->payloads == NULL || c->data == NULL) {
		talloc_free(c);
		return WC_ENOMEM;
	}

	struct wc_reader r;
	size_t off = 0;
	wc_reader_init(&r, buf, len);
	for (size_t i = 0; i < count; i++) {
		struct mapi_rpc_header_ext h;
		const uint8_t *src;
		/* Cannot fail: rpc_ext_scan() has checked the same bytes. */
		if (mapi_rpc_header_ext_pull(&r, &h) != 0 || !wc_read_ptr(&r, h.size, &src)) {
			ret = WC_EFORMAT;
			break;
		}
		ret = rpc_ext_unpack(c, &h, src, c->data + off);
		if (ret != 0)
			break;
		c->payloads[i] = (struct mapi_rpc_ext_payload){
		        .flags = h.flags, .data = c->data + off, .len = h.size_actual};
		off += h.size_actual;
	}
	if (ret != 0) {
		talloc_free(c);
		return ret;
	}
	*chain = c;
	return 0;
}

/* One payload as a chunk: 3.1.4.2.1.1.1 "MUST first be compressed and then obfuscated". cbuf has room for
 * MAPI_RPC_EXT_MAX_PAYLOAD bytes (NULL when no payload asks for compression). */
static int rpc_ext_pack(struct wc_writer *w, TALLOC_CTX *tmp, uint8_t *cbuf,
                        const struct mapi_rpc_ext_payload *p, bool last)
{
	uint16_t flags = (p->flags & MAPI_RPC_EXT_XOR_MAGIC) | (last ? MAPI_RPC_EXT_LAST : 0);
	const uint8_t *body = p->data;
	size_t size = p->len;
	if ((p->flags & MAPI_RPC_EXT_COMPRESSED) != 0 && p->len > 0) {
		/* 2.2.2.1 wants Size < SizeActual, so anything that does not shrink goes uncompressed. */
		size_t clen;
		int ret = mapi_lz77_compress(tmp, p->data, p->len, cbuf, p->len - 1, &clen);
		if (ret == 0) {
			body = cbuf;
			size = clen;
			flags |= MAPI_RPC_EXT_COMPRESSED;
		} else if (ret != WC_ESPACE) {
			return ret;
		}
	}
	struct mapi_rpc_header_ext h = {
	        .version = 0, .flags = flags, .size = (uint16_t)size, .size_actual = (uint16_t)p->len};
	size_t body_off = w->len + MAPI_RPC_EXT_HEADER_SIZE;
	if (!mapi_rpc_header_ext_push(w, &h) || !wc_write_bytes(w, body, size))
		return wc_writer_status(w);
	if (flags & MAPI_RPC_EXT_XOR_MAGIC)
		mapi_rpc_ext_xor_magic(w->data + body_off, size);
	return 0;
}

/* MS-OXCRPC 3.1.4.2.1.1 Extended Buffer Format (encode) */
int mapi_rpc_ext_push(struct wc_writer *w, const struct mapi_rpc_ext_payload *payloads, size_t count)
{
	bool compress = false;
	if (count == 0)
		return WC_EINVAL;
	for (size_t i = 0; i < count; i++) {
		if ((payloads[i].flags & ~RPC_EXT_KNOWN_FLAGS) != 0)
			return WC_EINVAL;
		if (payloads[i].len > MAPI_RPC_EXT_MAX_PAYLOAD)
			return WC_ERANGE;
		compress |= (payloads[i].flags & MAPI_RPC_EXT_COMPRESSED) != 0;
	}
	TALLOC_CTX *tmp = talloc_new(w->mem);
	uint8_t *cbuf = compress && tmp != NULL ? talloc_size(tmp, MAPI_RPC_EXT_MAX_PAYLOAD) : NULL;
	if (tmp == NULL || (compress && cbuf == NULL)) {
		talloc_free(tmp);
		return WC_ENOMEM;
	}
	size_t start = w->len;
	int ret = 0;
	for (size_t i = 0; i < count && ret == 0; i++)
		ret = rpc_ext_pack(w, tmp, cbuf, &payloads[i], i == count - 1);
	talloc_free(tmp);
	if (ret != 0)
		w->len = start;
	return ret;
}
