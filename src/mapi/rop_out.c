/* The server's ROP output buffer (MS-OXCROPS 2.2.1), filled one response at a time within the size the client
 * allows, so that the responses that do not fit can be replaced by a RopBufferTooSmall handing the unexecuted
 * requests back (MS-OXCROPS 3.2.4.3, 2.2.15.1; MS-OXCRPC 3.1.4.2 pcbOut; MS-OXCMAPIHTTP 2.2.4.2.1 MaxRopOut).
 */
#include "mapi/rop.h"

#include <string.h>

void rop_out_init(struct rop_out *o, TALLOC_CTX *mem, size_t limit, const struct rop_request_buffer *in,
                  struct rop_ctx *ctx)
{
	size_t at;
	wc_writer_init(&o->w, mem, 0);
	wc_write_reserve(&o->w, 2, &at); /* RopSize, patched by rop_out_finish */
	o->limit = limit;
	o->in = in;
	o->ctx = ctx;
	o->needed = 0;
	o->closed = false;
}

/* req as an index of o->in->rops, or -1 when it is not one of them. */
static long request_index(const struct rop_out *o, const struct rop_request *req)
{
	uintptr_t at = (uintptr_t)req, start = (uintptr_t)o->in->rops;
	if (at < start || (at - start) % sizeof *req != 0 || (at - start) / sizeof *req >= o->in->count)
		return -1;
	return (long)((at - start) / sizeof *req);
}

/* What a RopBufferTooSmall handing back every request after req takes: RopId, SizeNeeded and those requests'
 * bytes; 0 when req is the last one (or NULL: a response after all requests). */
static size_t reserve_after(const struct rop_out *o, const struct rop_request *req)
{
	if (req == NULL)
		return 0;
	size_t end = (size_t)req->offset + req->size;
	return end < o->in->rops_list_size ? 3 + (o->in->rops_list_size - end) : 0;
}

/* Bytes RopsList may still grow by: the whole buffer within limit once the handle table is counted, and
 * RopSize (which counts itself) within 16 bits. */
static size_t space(const struct rop_out *o)
{
	size_t table = (size_t)o->in->handle_count * 4;
	size_t cap = o->limit > table ? o->limit - table : 0;
	if (cap > UINT16_MAX)
		cap = UINT16_MAX;
	return cap > o->w.len ? cap - o->w.len : 0;
}

size_t rop_out_room(const struct rop_out *o, const struct rop_request *req)
{
	size_t s = space(o), r = reserve_after(o, req);
	return o->closed || s < r ? 0 : s - r;
}

/* Encodes a response into w with a limit of room bytes; on failure w is as it was. */
static int push_within(struct rop_out *o, size_t room, const struct rop_request *req,
                       const struct rop_response *rsp)
{
	size_t start = o->w.len;
	o->w.limit = start + room;
	int ret = rop_response_push(&o->w, o->ctx, req, rsp);
	o->w.limit = 0;
	if (ret != 0) {
		o->w.len = start;
		o->w.failed = 0;
	}
	return ret;
}

int rop_out_push(struct rop_out *o, const struct rop_request *req, const struct rop_response *rsp)
{
	if (o->closed || (req != NULL && request_index(o, req) < 0))
		return WC_EINVAL;
	if (wc_writer_status(&o->w) != 0)
		return wc_writer_status(&o->w);
	int ret = push_within(o, rop_out_room(o, req), req, rsp);
	if (ret != WC_ESPACE)
		return ret;

	/* Measure what the response takes, on a scratch copy of the state so that nothing is tracked twice.
	 */
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct rop_ctx *scratch = talloc_memdup(tmp, o->ctx, sizeof *o->ctx);
	struct wc_writer m;
	wc_writer_init(&m, tmp, 0);
	if (scratch != NULL && rop_response_push(&m, scratch, req, rsp) == 0)
		o->needed = 2 + m.len + reserve_after(o, req) + (size_t)o->in->handle_count * 4;
	talloc_free(tmp);
	return WC_ESPACE;
}

/* MS-OXCROPS 2.2.15.1.1: RequestBuffers is the rest of the input RopsList from the first unexecuted request.
 */
int rop_out_buffer_too_small(struct rop_out *o, const struct rop_request *first, uint16_t size_needed)
{
	if (o->closed || request_index(o, first) < 0)
		return WC_EINVAL;
	if (wc_writer_status(&o->w) != 0)
		return wc_writer_status(&o->w);
	struct rop_response rsp = {.id = ROP_BUFFER_TOO_SMALL};
	rsp.buffer_too_small.size_needed = size_needed;
	rsp.buffer_too_small.request_buffers_size = (uint16_t)(o->in->rops_list_size - first->offset);
	rsp.buffer_too_small.request_buffers = o->in->rops_list + first->offset;
	int ret = push_within(o, space(o), NULL, &rsp);
	if (ret == 0)
		o->closed = true;
	return ret;
}

int rop_out_finish(struct rop_out *o, const uint32_t *handles, uint32_t handle_count, uint8_t **data,
                   size_t *len)
{
	if (o->w.len > UINT16_MAX || o->w.len + (size_t)handle_count * 4 > o->limit)
		return WC_ESPACE;
	wc_patch_u16(&o->w, 0, (uint16_t)o->w.len);
	for (uint32_t i = 0; i < handle_count; i++)
		wc_write_u32(&o->w, handles[i]);
	int ret = wc_writer_status(&o->w);
	if (ret != 0)
		return ret;
	*data = o->w.data;
	*len = o->w.len;
	return 0;
}
