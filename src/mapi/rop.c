/* MS-OXCROPS 2.2.1 ROP input and output buffers, the common headers of ROP requests and responses, and the
 * walk that matches responses to requests. Bodies are coded by the per-area files through the central table.
 */
#include "mapi/rop.h"

#include <stdio.h>
#include <string.h>

void rop_ctx_init(struct rop_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
}

bool rop_ctx_logon_private(const struct rop_ctx *ctx, uint8_t logon_id)
{
	return ctx->private_logons[logon_id / 8] & (1u << (logon_id % 8));
}

void rop_ctx_set_logon(struct rop_ctx *ctx, uint8_t logon_id, bool private_mailbox)
{
	uint8_t bit = (uint8_t)(1u << (logon_id % 8));
	if (private_mailbox)
		ctx->private_logons[logon_id / 8] |= bit;
	else
		ctx->private_logons[logon_id / 8] &= (uint8_t)~bit;
}

const struct rop_notify_table *rop_ctx_notify_table(const struct rop_ctx *ctx, uint32_t handle)
{
	for (uint32_t i = 0; i < ctx->notify_table_count; i++)
		if (ctx->notify_tables[i].handle == handle)
			return &ctx->notify_tables[i];
	return NULL;
}

/* The handle-index fields a request carries after RopId and LogonId, in wire order (MS-OXCROPS 2.2.3 -
 * 2.2.15 request buffers). The request is written through only by rop_request_pull. */
static unsigned request_handles(const struct rop_request *creq, uint8_t kind, uint8_t *f[2])
{
	struct rop_request *req = (struct rop_request *)creq;
	switch (kind) {
	case ROP_H_IN:
		f[0] = &req->input_handle_index;
		return 1;
	case ROP_H_IN_OUT:
	case ROP_H_SRC_DST:
		f[0] = &req->input_handle_index;
		f[1] = &req->output_handle_index;
		return 2;
	case ROP_H_RSP_IN:
		f[0] = &req->response_handle_index;
		f[1] = &req->input_handle_index;
		return 2;
	case ROP_H_OUT:
		f[0] = &req->output_handle_index;
		return 1;
	}
	return 0;
}

/* The index a response header echoes from its request. */
static uint8_t response_handle(const struct rop_request *req, uint8_t kind)
{
	switch (kind) {
	case ROP_H_IN_OUT:
	case ROP_H_OUT:
		return req->output_handle_index;
	case ROP_H_RSP_IN:
		return req->response_handle_index;
	default:
		return req->input_handle_index;
	}
}

static uint8_t response_id(const struct rop_request *req)
{
	const struct rop_info *info = rop_info(req->id);
	return info->rsp_id ? info->rsp_id : req->id;
}

void rop_response_init(struct rop_response *rsp, const struct rop_request *req, uint32_t return_value)
{
	memset(rsp, 0, sizeof *rsp);
	rsp->id = response_id(req);
	rsp->handle_index = response_handle(req, rop_info(req->id)->handles);
	rsp->return_value = return_value;
}

/* A body function allocates on a context of its own, freed when it fails, so that a failed pull leaves
 * nothing behind on the caller's mem; fixed fields allocate nothing. */
static int body_pull(struct rop_pull *p, const struct rop_body *b, void *body)
{
	if (b->fields)
		return rop_fields_pull(p, b->fields, body);
	if (b->pull == NULL)
		return 0;
	TALLOC_CTX *mem = p->mem;
	if ((p->mem = talloc_new(mem)) == NULL)
		return WC_ENOMEM;
	int ret = b->pull(p, body);
	if (ret != 0)
		talloc_free(p->mem);
	p->mem = mem;
	return ret;
}

static int body_push(struct rop_push *p, const struct rop_body *b, const void *body)
{
	if (b->fields)
		return rop_fields_push(p, b->fields, body);
	return b->push ? b->push(p, body) : wc_writer_status(p->w);
}

/* A request RopId this codec can decode: listed, not response-only, coded. */
static int request_known(uint8_t id)
{
	const struct rop_info *info = rop_info(id);
	if (info->name == NULL || (info->flags & ROP_F_NO_REQUEST))
		return ROP_ERR_UNKNOWN_ROP;
	return info->coded ? ROP_ERR_NONE : ROP_ERR_UNSUPPORTED_ROP;
}

/* MS-OXCROPS 2.2.3 - 2.2.15: RopId, LogonId, the handle indexes, then the body */
int rop_request_pull(struct wc_reader *r, TALLOC_CTX *mem, struct rop_ctx *ctx, struct rop_request *req)
{
	struct rop_request out = {0};
	uint8_t *h[2];
	size_t start = r->pos;
	if (!wc_read_u8(r, &out.id))
		return WC_EFORMAT;
	if (request_known(out.id) != ROP_ERR_NONE)
		return WC_EUNSUPPORTED;
	const struct rop_info *info = rop_info(out.id);
	if (!wc_read_u8(r, &out.logon_id))
		return WC_EFORMAT;
	for (unsigned i = 0, n = request_handles(&out, info->handles, h); i < n; i++)
		if (!wc_read_u8(r, h[i]))
			return WC_EFORMAT;

	struct rop_pull p = {.r = r, .mem = mem, .ctx = ctx, .req = &out};
	int ret = body_pull(&p, &info->req, out.body);
	if (ret != 0)
		return ret;
	out.offset = (uint32_t)start;
	out.size = (uint32_t)(r->pos - start);
	*req = out;
	if (info->track)
		info->track(ctx, req, NULL);
	return 0;
}

int rop_request_push(struct wc_writer *w, struct rop_ctx *ctx, const struct rop_request *req)
{
	uint8_t *h[2];
	if (request_known(req->id) != ROP_ERR_NONE)
		return WC_EUNSUPPORTED;
	const struct rop_info *info = rop_info(req->id);
	wc_write_u8(w, req->id);
	wc_write_u8(w, req->logon_id);
	for (unsigned i = 0, n = request_handles(req, info->handles, h); i < n; i++)
		wc_write_u8(w, *h[i]);
	struct rop_push p = {.w = w, .ctx = ctx, .req = req};
	int ret = body_push(&p, &info->req, req->body);
	if (ret != 0)
		return ret;
	if (info->track)
		info->track(ctx, req, NULL);
	return 0;
}

/* MS-OXCPRPT 3.1.5: the ROPs whose WantAsynchronous lets the server answer with RopProgress. */
static bool asynchronous(uint8_t id)
{
	switch (id) {
	case ROP_COPY_TO:
	case ROP_COPY_PROPERTIES:
	case ROP_SET_READ_FLAGS:
	case ROP_MOVE_COPY_MESSAGES:
	case ROP_MOVE_FOLDER:
	case ROP_COPY_FOLDER:
	case ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS:
	case ROP_EMPTY_FOLDER:
	case ROP_DELETE_MESSAGES:
	case ROP_HARD_DELETE_MESSAGES:
		return true;
	default:
		return false;
	}
}

const struct rop_info *rop_response_info(uint8_t rsp_id, const struct rop_request *req)
{
	const struct rop_info *info = rop_info(req ? req->id : rsp_id);
	if (req == NULL)
		return (info->flags & ROP_F_NO_REQUEST) ? info : NULL;
	if (info->flags & ROP_F_NO_RESPONSE)
		return NULL;
	if (rsp_id == response_id(req))
		return info;
	/* MS-OXCPRPT 3.1.5: RopProgress answers an asynchronous ROP while it runs; 3.2.5.19: "If the server
	 * has completed or aborted the operation, it MUST respond with a ROP response buffer that corresponds
	 * to the original ROP request." */
	if ((rsp_id == ROP_PROGRESS && asynchronous(req->id)) ||
	    (req->id == ROP_PROGRESS && asynchronous(rsp_id)))
		return rop_info(rsp_id);
	return NULL;
}

/* What a response does to the codec state: the request's own effect first (so that responses decode from the
 * state their requests were encoded in), then an object created into an output index is new, so nothing is
 * known about it yet, then whatever the ROP records from its response. info codes the response, which
 * answers a request of another ROP when it is a RopProgress or answers one. */
static void response_track(struct rop_ctx *ctx, const struct rop_info *info, const struct rop_request *req,
                           const struct rop_response *rsp)
{
	const struct rop_info *req_info = req ? rop_info(req->id) : NULL;
	if (req_info != NULL && req_info->track)
		req_info->track(ctx, req, NULL);
	if (req_info != NULL && rsp->return_value == 0 &&
	    (req_info->handles == ROP_H_IN_OUT || req_info->handles == ROP_H_OUT))
		ctx->objects[req->output_handle_index] = (struct rop_object_ctx){0};
	if (info->track && (req_info == NULL || req_info == info))
		info->track(ctx, req, rsp);
}

/* MS-OXCROPS 2.2.3 - 2.2.15 responses: RopId, the handle index, ReturnValue, then the body (for a failure
 * only where ROP_F_BODY_ON_FAILURE says so); the ROP_F_NO_REQUEST responses have their own layout after
 * RopId. */
int rop_response_pull(struct wc_reader *r, TALLOC_CTX *mem, struct rop_ctx *ctx,
                      const struct rop_request *req, struct rop_response *rsp)
{
	struct rop_response out = {0};
	if (!wc_read_u8(r, &out.id))
		return WC_EFORMAT;
	const struct rop_info *info = rop_response_info(out.id, req);
	if (info == NULL)
		return WC_EFORMAT;
	if (!info->coded)
		return WC_EUNSUPPORTED;
	if (!(info->flags & ROP_F_NO_REQUEST) &&
	    (!wc_read_u8(r, &out.handle_index) || !wc_read_u32(r, &out.return_value)))
		return WC_EFORMAT;
	if (out.return_value == 0 || (info->flags & ROP_F_BODY_ON_FAILURE)) {
		struct rop_pull p = {
		        .r = r, .mem = mem, .ctx = ctx, .req = req, .return_value = out.return_value};
		int ret = body_pull(&p, &info->rsp, out.body);
		if (ret != 0)
			return ret;
	}
	*rsp = out;
	response_track(ctx, info, req, rsp);
	return 0;
}

int rop_response_push(struct wc_writer *w, struct rop_ctx *ctx, const struct rop_request *req,
                      const struct rop_response *rsp)
{
	const struct rop_info *info =
	        rop_response_info(rsp->id, req); /* rsp->id must be able to answer req */
	if (info == NULL)
		return WC_EINVAL;
	if (!info->coded)
		return WC_EUNSUPPORTED;
	wc_write_u8(w, rsp->id);
	if (!(info->flags & ROP_F_NO_REQUEST)) {
		wc_write_u8(w, rsp->handle_index);
		wc_write_u32(w, rsp->return_value);
	}
	if (rsp->return_value == 0 || (info->flags & ROP_F_BODY_ON_FAILURE)) {
		struct rop_push p = {.w = w, .ctx = ctx, .req = req, .return_value = rsp->return_value};
		int ret = body_push(&p, &info->rsp, rsp->body);
		if (ret != 0)
			return ret;
	}
	if (wc_writer_status(w) != 0)
		return wc_writer_status(w);
	response_track(ctx, info, req, rsp);
	return 0;
}

/* ---- buffers ---- */

static const char *const error_kinds[] = {
        [ROP_ERR_NONE] = "no error",
        [ROP_ERR_ROP_SIZE] = "RopSize is below 2 or beyond the buffer",
        [ROP_ERR_HANDLE_TABLE] = "the handle table is not a whole number of 4-byte handles",
        [ROP_ERR_UNKNOWN_ROP] = "reserved or misplaced RopId",
        [ROP_ERR_UNSUPPORTED_ROP] = "no codec for this ROP yet",
        [ROP_ERR_FORMAT] = "truncated or malformed",
        [ROP_ERR_HANDLE_INDEX] = "handle index outside the handle table",
        [ROP_ERR_UNMATCHED] = "response answers no request here",
};

const char *rop_error_string(const struct rop_error *e, char *buf, size_t len)
{
	const char *what = e->kind < sizeof error_kinds / sizeof error_kinds[0] ? error_kinds[e->kind] : "?";
	if (e->kind == ROP_ERR_NONE) {
		snprintf(buf, len, "ROP buffer: %s", wc_strerror(e->code));
	} else if (e->kind <= ROP_ERR_HANDLE_TABLE) {
		snprintf(buf, len, "ROP buffer: %s (offset %zu)", what, e->offset);
	} else {
		const char *name = rop_name(e->rop_id);
		snprintf(buf, len, "ROP %u (%s 0x%02X) at offset %zu: %s at offset %zu", e->rop_index,
		         name ? name : "RopId", e->rop_id, e->rop_offset, what, e->offset);
	}
	return buf;
}

/* Fills *err (may be NULL) and returns code. Offsets count from the start of the buffer (RopSize at 0); list
 * is RopsList, which starts at offset 2, and at/pos are positions in it. */
static int fail(struct rop_error *err, int code, uint8_t kind, uint32_t index, const uint8_t *list, size_t at,
                size_t pos)
{
	if (err != NULL)
		*err = (struct rop_error){.code = code,
		                          .kind = kind,
		                          .rop_id = list[at],
		                          .rop_index = index,
		                          .rop_offset = 2 + at,
		                          .offset = 2 + pos};
	return code;
}

/* A failure of the buffer as a whole, before any ROP. */
static int fail_buffer(struct rop_error *err, int code, uint8_t kind, size_t offset)
{
	if (err != NULL)
		*err = (struct rop_error){.code = code, .kind = kind, .offset = offset};
	return code;
}

/* What decoding a whole buffer starts with: MS-OXCROPS 2.2.1 RopSize (2 bytes, counting itself), RopsList,
 * then the handle table filling the rest; the result (a zeroed struct of size bytes) and a working copy of
 * the codec state hanging off it. */
struct buffer_pull {
	void *buf;
	struct rop_ctx *work;
	struct wc_reader list; /* over RopsList */
	uint32_t handle_count;
	uint32_t *handles;
	uint32_t cap, cap_index; /* of the arrays the walk grows */
};

static int buffer_begin(const uint8_t *data, size_t len, size_t size, const struct rop_ctx *ctx,
                        struct rop_error *err, struct buffer_pull *b)
{
	uint16_t rop_size = len >= 2 ? (uint16_t)(data[0] | data[1] << 8) : 0;
	if (len < 2 || rop_size < 2 || rop_size > len)
		return fail_buffer(err, WC_EFORMAT, ROP_ERR_ROP_SIZE, 0);
	if ((len - rop_size) % 4 != 0)
		return fail_buffer(err, WC_EFORMAT, ROP_ERR_HANDLE_TABLE, rop_size);
	*b = (struct buffer_pull){.handle_count = (uint32_t)((len - rop_size) / 4)};
	wc_reader_init(&b->list, data + 2, rop_size - 2u);
	b->buf = talloc_zero_size(NULL, size);
	b->work = b->buf ? talloc_memdup(b->buf, ctx, sizeof *ctx) : NULL;
	b->handles = b->buf ? talloc_array(b->buf, uint32_t, b->handle_count + 1) : NULL;
	if (b->work == NULL || b->handles == NULL) {
		talloc_free(b->buf);
		return fail_buffer(err, WC_ENOMEM, ROP_ERR_NONE, 0);
	}
	const uint8_t *h = data + rop_size;
	for (uint32_t i = 0; i < b->handle_count; i++, h += 4)
		b->handles[i] =
		        (uint32_t)h[0] | (uint32_t)h[1] << 8 | (uint32_t)h[2] << 16 | (uint32_t)h[3] << 24;
	return 0;
}

/* Ends it: on success the result goes to mem and the state walked through the buffer to ctx; on failure
 * everything is freed. Returns ret. */
static int buffer_end(int ret, TALLOC_CTX *mem, struct rop_ctx *ctx, struct buffer_pull *b)
{
	if (ret != 0) {
		talloc_free(b->buf);
		return ret;
	}
	*ctx = *b->work;
	talloc_free(b->work);
	talloc_steal(mem, b->buf);
	return 0;
}

/* The first of the request's handle indexes that lies outside a table of count entries, as its byte position
 * after the ROP's start, or 0 when all are inside. */
static unsigned request_handle_outside(const struct rop_request *req, uint32_t count)
{
	uint8_t *h[2];
	unsigned n = request_handles(req, rop_info(req->id)->handles, h);
	for (unsigned i = 0; i < n; i++)
		if (*h[i] >= count)
			return 2 + i;
	return 0;
}

/* Grows an array of rop structs by doubling; NULL when out of memory. */
static void *grow(TALLOC_CTX *mem, void *array, size_t elem, uint32_t count, uint32_t *cap)
{
	if (count < *cap)
		return array;
	*cap = *cap ? *cap * 2 : 8;
	return talloc_realloc_size(mem, array, elem * *cap);
}

int rop_request_buffer_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct rop_ctx *ctx,
                            struct rop_request_buffer **out, struct rop_error *err)
{
	struct buffer_pull b;
	int ret = buffer_begin(data, len, sizeof **out, ctx, err, &b);
	if (ret != 0)
		return ret;
	struct rop_request_buffer *buf = b.buf;
	buf->handle_count = b.handle_count;
	buf->handles = b.handles;
	buf->rops_list_size = (uint16_t)b.list.len;
	buf->rops_list = talloc_size(buf, b.list.len + 1u); /* + 1: never a zero-size allocation */
	if (buf->rops_list == NULL)
		return buffer_end(fail_buffer(err, WC_ENOMEM, ROP_ERR_NONE, 0), mem, ctx, &b);
	memcpy(buf->rops_list, b.list.data, b.list.len);

	struct wc_reader r;
	wc_reader_init(&r, buf->rops_list, buf->rops_list_size);
	while (ret == 0 && wc_reader_left(&r) > 0) {
		size_t at = r.pos;
		uint8_t kind = (uint8_t)request_known(buf->rops_list[at]);
		if (kind != ROP_ERR_NONE) {
			ret = fail(err, WC_EUNSUPPORTED, kind, buf->count, buf->rops_list, at, at);
			break;
		}
		buf->rops = grow(buf, buf->rops, sizeof *buf->rops, buf->count, &b.cap);
		if (buf->rops == NULL) {
			ret = fail_buffer(err, WC_ENOMEM, ROP_ERR_NONE, 0);
			break;
		}
		struct rop_request *req = &buf->rops[buf->count];
		ret = rop_request_pull(&r, buf, b.work, req);
		if (ret != 0) {
			ret = fail(err, ret, ROP_ERR_FORMAT, buf->count, buf->rops_list, at, r.pos);
			break;
		}
		unsigned bad = request_handle_outside(req, buf->handle_count);
		if (bad != 0)
			ret = fail(err, WC_EFORMAT, ROP_ERR_HANDLE_INDEX, buf->count, buf->rops_list, at,
			           at + bad);
		else
			buf->count++;
	}
	if (ret == 0)
		*out = buf;
	return buffer_end(ret, mem, ctx, &b);
}

/* Writes RopSize and RopsList by calling one() per ROP, then the handle table; WC_ERANGE past 64 KB. */
static int buffer_push(struct wc_writer *w, uint32_t count, uint32_t handle_count, const uint32_t *handles,
                       int (*one)(struct wc_writer *w, uint32_t i, const void *arg), const void *arg)
{
	size_t at;
	if (!wc_write_reserve(w, 2, &at))
		return wc_writer_status(w);
	for (uint32_t i = 0; i < count; i++) {
		int ret = one(w, i, arg);
		if (ret != 0)
			return ret;
	}
	if (w->len - at > UINT16_MAX)
		return WC_ERANGE;
	wc_patch_u16(w, at, (uint16_t)(w->len - at));
	for (uint32_t i = 0; i < handle_count; i++)
		wc_write_u32(w, handles[i]);
	return wc_writer_status(w);
}

struct push_walk {
	struct rop_ctx *ctx;
	const struct rop_request_buffer *requests;
	const struct rop_response_buffer *responses;
};

static int push_request(struct wc_writer *w, uint32_t i, const void *arg)
{
	const struct push_walk *pw = arg;
	const struct rop_request *req = &pw->requests->rops[i];
	if (request_handle_outside(req, pw->requests->handle_count) != 0)
		return WC_EINVAL;
	return rop_request_push(w, pw->ctx, req);
}

int rop_request_buffer_push(struct wc_writer *w, struct rop_ctx *ctx, const struct rop_request_buffer *buf)
{
	struct rop_ctx work = *ctx;
	struct push_walk pw = {.ctx = &work, .requests = buf};
	int ret = buffer_push(w, buf->count, buf->handle_count, buf->handles, push_request, &pw);
	if (ret == 0)
		*ctx = work;
	return ret;
}

/* The request the next response answers: the next one after *next that has a response. NULL when none is
 * left. */
static const struct rop_request *next_request(const struct rop_request_buffer *requests, uint32_t *next)
{
	while (*next < requests->count && (rop_info(requests->rops[*next].id)->flags & ROP_F_NO_RESPONSE))
		(*next)++;
	return *next < requests->count ? &requests->rops[*next] : NULL;
}

/* The request a response with RopId id answers, or NULL for a server-initiated response; *kind is set when
 * it answers nothing. */
static const struct rop_request *match_request(const struct rop_request_buffer *requests, uint32_t *next,
                                               uint8_t id, uint32_t *index, uint8_t *kind)
{
	*kind = ROP_ERR_NONE;
	*index = ROP_NO_REQUEST;
	if (rop_info(id)->flags & ROP_F_NO_REQUEST)
		return NULL;
	const struct rop_request *req = next_request(requests, next);
	if (req == NULL || rop_response_info(id, req) == NULL) {
		*kind = ROP_ERR_UNMATCHED;
		return NULL;
	}
	*index = (*next)++;
	if (!rop_info(req->id)->coded)
		*kind = ROP_ERR_UNSUPPORTED_ROP;
	return req;
}

int rop_response_buffer_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len,
                             const struct rop_request_buffer *requests, struct rop_ctx *ctx,
                             struct rop_response_buffer **out, struct rop_error *err)
{
	struct buffer_pull b;
	uint32_t next = 0;
	int ret = buffer_begin(data, len, sizeof **out, ctx, err, &b);
	if (ret != 0)
		return ret;
	struct rop_response_buffer *buf = b.buf;
	buf->handle_count = b.handle_count;
	buf->handles = b.handles;

	const uint8_t *list = b.list.data;
	while (ret == 0 && wc_reader_left(&b.list) > 0) {
		size_t at = b.list.pos;
		uint8_t kind;
		uint32_t index;
		const struct rop_request *req = match_request(requests, &next, list[at], &index, &kind);
		if (kind != ROP_ERR_NONE) {
			ret = fail(err, kind == ROP_ERR_UNMATCHED ? WC_EFORMAT : WC_EUNSUPPORTED, kind,
			           buf->count, list, at, at);
			break;
		}
		buf->rops = grow(buf, buf->rops, sizeof *buf->rops, buf->count, &b.cap);
		buf->request_index =
		        grow(buf, buf->request_index, sizeof *buf->request_index, buf->count, &b.cap_index);
		if (buf->rops == NULL || buf->request_index == NULL) {
			ret = fail_buffer(err, WC_ENOMEM, ROP_ERR_NONE, 0);
			break;
		}
		struct rop_response *rsp = &buf->rops[buf->count];
		ret = rop_response_pull(&b.list, buf, b.work, req, rsp);
		if (ret != 0)
			ret = fail(err, ret, ROP_ERR_FORMAT, buf->count, list, at, b.list.pos);
		else if (req != NULL && rsp->handle_index >= buf->handle_count)
			ret = fail(err, WC_EFORMAT, ROP_ERR_HANDLE_INDEX, buf->count, list, at, at + 1);
		else
			buf->request_index[buf->count++] = index;
	}
	if (ret == 0)
		*out = buf;
	return buffer_end(ret, mem, ctx, &b);
}

static int push_response(struct wc_writer *w, uint32_t i, const void *arg)
{
	const struct push_walk *pw = arg;
	uint32_t ri = pw->responses->request_index[i];
	const struct rop_request *req = NULL;
	if (ri != ROP_NO_REQUEST) {
		if (ri >= pw->requests->count)
			return WC_EINVAL;
		req = &pw->requests->rops[ri];
	}
	const struct rop_response *rsp = &pw->responses->rops[i];
	if (req != NULL && rsp->handle_index >= pw->responses->handle_count)
		return WC_EINVAL;
	return rop_response_push(w, pw->ctx, req, rsp);
}

int rop_response_buffer_push(struct wc_writer *w, struct rop_ctx *ctx,
                             const struct rop_request_buffer *requests, const struct rop_response_buffer *buf)
{
	struct rop_ctx work = *ctx;
	struct push_walk pw = {.ctx = &work, .requests = requests, .responses = buf};
	int ret = buffer_push(w, buf->count, buf->handle_count, buf->handles, push_response, &pw);
	if (ret == 0)
		*ctx = work;
	return ret;
}
