/* Helpers shared by the ROP codec tests (test_rop_*.c): check one ROP against its expected bytes in both
 * directions, and check that every shorter prefix of those bytes fails to decode. */
#ifndef ROP_TESTUTIL_H
#define ROP_TESTUTIL_H

#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/rop.h"

#include <string.h>

/* The codec state with no logon and nothing known about any object (what rop_ctx_init makes). */
static const struct rop_ctx empty_ctx;

static inline void rop_tu_same(const char *what, const uint8_t *got, size_t got_len, const uint8_t *want,
                               size_t want_len)
{
	size_t n = got_len < want_len ? got_len : want_len;
	for (size_t i = 0; i < n; i++)
		if (got[i] != want[i])
			fail_msg("%s: byte %zu is 0x%02X, want 0x%02X", what, i, got[i], want[i]);
	if (got_len != want_len)
		fail_msg("%s: %zu bytes, want %zu", what, got_len, want_len);
}

/* Decodes exactly these bytes as one request. */
static inline void rop_tu_pull_request(TALLOC_CTX *mem, struct rop_ctx *ctx, const char *what,
                                       const uint8_t *b, size_t n, struct rop_request *req)
{
	struct wc_reader r;
	wc_reader_init(&r, b, n);
	int ret = rop_request_pull(&r, mem, ctx, req);
	if (ret != 0)
		fail_msg("%s: rop_request_pull: %s", what, wc_strerror(ret));
	if (wc_reader_left(&r) != 0)
		fail_msg("%s: %zu bytes left after the request", what, wc_reader_left(&r));
	assert_int_equal(req->size, n);
}

static inline void rop_tu_pull_response(TALLOC_CTX *mem, struct rop_ctx *ctx, const char *what,
                                        const struct rop_request *req, const uint8_t *b, size_t n,
                                        struct rop_response *rsp)
{
	struct wc_reader r;
	wc_reader_init(&r, b, n);
	int ret = rop_response_pull(&r, mem, ctx, req, rsp);
	if (ret != 0)
		fail_msg("%s: rop_response_pull: %s", what, wc_strerror(ret));
	if (wc_reader_left(&r) != 0)
		fail_msg("%s: %zu bytes left after the response", what, wc_reader_left(&r));
}

static inline void rop_tu_push_request(TALLOC_CTX *mem, struct rop_ctx *ctx, const char *what,
                                       const struct rop_request *req, const uint8_t *want, size_t n)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	int ret = rop_request_push(&w, ctx, req);
	if (ret != 0)
		fail_msg("%s: rop_request_push: %s", what, wc_strerror(ret));
	rop_tu_same(what, w.data, w.len, want, n);
}

static inline void rop_tu_push_response(TALLOC_CTX *mem, struct rop_ctx *ctx, const char *what,
                                        const struct rop_request *req, const struct rop_response *rsp,
                                        const uint8_t *want, size_t n)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	int ret = rop_response_push(&w, ctx, req, rsp);
	if (ret != 0)
		fail_msg("%s: rop_response_push: %s", what, wc_strerror(ret));
	rop_tu_same(what, w.data, w.len, want, n);
}

/* A request: req encodes to hex; hex decodes, and what it decodes to encodes to hex again; every shorter
 * prefix of hex fails to decode. ctx is copied for each step, so each starts from the same state. */
static inline void rop_tu_request_case(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *what,
                                       const struct rop_request *req, const char *hex)
{
	size_t n;
	uint8_t *want = tu_hex(mem, hex, &n);
	struct rop_ctx c = *ctx;
	struct rop_request back;
	rop_tu_push_request(mem, &c, what, req, want, n);
	c = *ctx;
	rop_tu_pull_request(mem, &c, what, want, n, &back);
	assert_int_equal(back.id, req->id);
	c = *ctx;
	rop_tu_push_request(mem, &c, what, &back, want, n);
	for (size_t k = 0; k < n; k++) {
		struct wc_reader r;
		wc_reader_init(&r, want, k);
		c = *ctx;
		if (rop_request_pull(&r, mem, &c, &back) == 0)
			fail_msg("%s: the first %zu of %zu bytes decode", what, k, n);
	}
}

/* The same for a response to req. prefixes false: the layout has no fixed end (RopBufferTooSmall), so shorter
 * prefixes may decode. */
static inline void rop_tu_response_case(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *what,
                                        const struct rop_request *req, const struct rop_response *rsp,
                                        const char *hex, bool prefixes)
{
	size_t n;
	uint8_t *want = tu_hex(mem, hex, &n);
	struct rop_ctx c = *ctx;
	struct rop_response back;
	rop_tu_push_response(mem, &c, what, req, rsp, want, n);
	c = *ctx;
	rop_tu_pull_response(mem, &c, what, req, want, n, &back);
	assert_int_equal(back.return_value, rsp->return_value);
	c = *ctx;
	rop_tu_push_response(mem, &c, what, req, &back, want, n);
	for (size_t k = 0; prefixes && k < n; k++) {
		struct wc_reader r;
		wc_reader_init(&r, want, k);
		c = *ctx;
		if (rop_response_pull(&r, mem, &c, req, &back) == 0)
			fail_msg("%s: the first %zu of %zu bytes decode", what, k, n);
	}
}

/* A spec example: the blob name of a vector file (NULL: the whole file) decodes as one request to exactly its
 * bytes, and that encodes back to them. ctx is copied for each direction. */
static inline void rop_tu_example_request(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *file,
                                          const char *name, struct rop_request *req)
{
	size_t n;
	uint8_t *b = tu_vector(mem, file, name, &n);
	struct rop_ctx c = *ctx;
	rop_tu_pull_request(mem, &c, file, b, n, req);
	c = *ctx;
	rop_tu_push_request(mem, &c, file, req, b, n);
}

/* The same for a response blob, decoded against the request it answers. */
static inline void rop_tu_example_response(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *file,
                                           const char *name, const struct rop_request *req,
                                           struct rop_response *rsp)
{
	size_t n;
	uint8_t *b = tu_vector(mem, file, name, &n);
	struct rop_ctx c = *ctx;
	rop_tu_pull_response(mem, &c, file, req, b, n, rsp);
	c = *ctx;
	rop_tu_push_response(mem, &c, file, req, rsp, b, n);
}

/* Tables of cases for rop_tu_request_case / rop_tu_response_case. */
struct rop_tu_request {
	const char *what;
	struct rop_request req;
	const char *hex;
};
static inline void rop_tu_request_cases(TALLOC_CTX *mem, const struct rop_ctx *ctx,
                                        const struct rop_tu_request *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rop_tu_request_case(mem, ctx, cases[i].what, &cases[i].req, cases[i].hex);
}

struct rop_tu_response {
	const char *what;
	const struct rop_request *req; /* the request it answers */
	struct rop_response rsp;
	const char *hex;
};
static inline void rop_tu_response_cases(TALLOC_CTX *mem, const struct rop_ctx *ctx,
                                         const struct rop_tu_response *cases, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rop_tu_response_case(mem, ctx, cases[i].what, cases[i].req, &cases[i].rsp, cases[i].hex,
		                     true);
}

/* hex does not decode as one request (from ctx, copied): the pull returns code. */
static inline void rop_tu_request_fails(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *hex, int code)
{
	size_t n;
	uint8_t *b = tu_hex(mem, hex, &n);
	struct wc_reader r;
	struct rop_request req;
	struct rop_ctx c = *ctx;
	wc_reader_init(&r, b, n);
	int ret = rop_request_pull(&r, mem, &c, &req);
	if (ret != code)
		fail_msg("request %s: %s, want %s", hex, wc_strerror(ret), wc_strerror(code));
}

/* The n bytes b do not decode as the response to req: the pull returns code. */
static inline void rop_tu_response_bytes_fail(TALLOC_CTX *mem, const struct rop_ctx *ctx,
                                              const struct rop_request *req, const uint8_t *b, size_t n,
                                              int code)
{
	struct wc_reader r;
	struct rop_response rsp;
	struct rop_ctx c = *ctx;
	wc_reader_init(&r, b, n);
	int ret = rop_response_pull(&r, mem, &c, req, &rsp);
	if (ret != code)
		fail_msg("response to %s (%zu bytes): %s, want %s", rop_name(req->id), n, wc_strerror(ret),
		         wc_strerror(code));
}

/* hex does not decode as the response to req: the pull returns code. */
static inline void rop_tu_response_fails(TALLOC_CTX *mem, const struct rop_ctx *ctx,
                                         const struct rop_request *req, const char *hex, int code)
{
	size_t n;
	uint8_t *b = tu_hex(mem, hex, &n);
	rop_tu_response_bytes_fail(mem, ctx, req, b, n, code);
}

/* A ROP input buffer and the output buffer answering it, both decoded from the empty state; the responses
 * encode back to the same bytes. */
static inline void rop_tu_exchange(TALLOC_CTX *mem, const uint8_t *in, size_t in_len, const uint8_t *out,
                                   size_t out_len, struct rop_request_buffer **reqs,
                                   struct rop_response_buffer **rsps)
{
	struct rop_error e;
	char msg[200];
	struct rop_ctx c = empty_ctx;
	if (rop_request_buffer_pull(mem, in, in_len, &c, reqs, &e) != 0)
		fail_msg("requests: %s", rop_error_string(&e, msg, sizeof msg));
	c = empty_ctx;
	if (rop_response_buffer_pull(mem, out, out_len, *reqs, &c, rsps, &e) != 0)
		fail_msg("responses: %s", rop_error_string(&e, msg, sizeof msg));
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	c = empty_ctx;
	assert_int_equal(rop_response_buffer_push(&w, &c, *reqs, *rsps), 0);
	tu_assert_bytes(w.data, w.len, out, out_len);
}

/* header followed by the body bytes of a vector (the spec examples of MS-OXCSTOR show bodies only). */
static inline uint8_t *rop_tu_cat(TALLOC_CTX *mem, const char *header_hex, const uint8_t *body,
                                  size_t body_len, size_t *len)
{
	size_t hn;
	uint8_t *h = tu_hex(mem, header_hex, &hn);
	uint8_t *out = talloc_array(mem, uint8_t, hn + body_len);
	memcpy(out, h, hn);
	memcpy(out + hn, body, body_len);
	*len = hn + body_len;
	return out;
}

#endif
