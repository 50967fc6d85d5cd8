/* libmapi ROP batches: requests collected with their inputs (objects or earlier requests), encoded as one
 * ROP input buffer with a handle table built for them (MS-OXCROPS 2.2.1, 3.1.4.1: each input index holds
 * the object's server handle, each output index 0xFFFFFFFF for the server to fill), the responses matched
 * back to the requests by the shared codec, a RopBufferTooSmall answered by sending the handed-back
 * requests again (MS-OXCROPS 3.1.4.3, 2.2.15.1), and packed responses (MS-OXCRPC 3.1.4.2.1.2) merged. */
#include <string.h>

#include "client/libmapi_private.h"

#define MAX_ROUNDS 8 /* Executes per batch: each RopBufferTooSmall costs one */
#define NO_SLOT UINT32_MAX

enum input_kind { IN_NONE, IN_OBJECT, IN_SLOT };

struct batch_slot {
	struct rop_request req;
	struct rop_response rsp;
	bool answered; /* rsp holds the response */
	bool done;     /* answered, or will not be (backoff, no response) */
	uint8_t in_kind;
	struct mapi_object *in_obj;
	struct mapi_object *dst_obj;
	uint32_t in_slot;
	uint8_t out_index;            /* in the round that sent it */
	uint32_t out_handle;          /* the server handle of its output, once answered */
	struct rop_object_ctx learnt; /* what the codec learnt about the output object */
};

struct mapi_batch {
	struct mapi_session *s;
	uint32_t count;
	struct batch_slot *slots;
	bool chain;
	bool executed;
	uint32_t max_rop_out;
	/* the round being sent: requests (queued releases first), their slots, handle table, codec state */
	struct rop_request_buffer round;
	uint32_t *round_slot;
	struct mapi_object *index_obj[ROP_MAX_HANDLES];
	struct rop_ctx *ctx_sent;
	bool saw_too_small;
	uint16_t size_needed;
	bool saw_backoff;
	uint32_t release_count; /* session releases the round carries */
	uint32_t notify_count;
	struct rop_notify_rsp *notifies;
};

struct mapi_batch *mapi_batch_new(TALLOC_CTX *mem, struct mapi_session *s)
{
	struct mapi_batch *b = talloc_zero(mem, struct mapi_batch);
	if (b == NULL)
		return NULL;
	b->s = s;
	b->max_rop_out = s->max_rop_out;
	return b;
}

void mapi_batch_set_chain(struct mapi_batch *b, bool chain)
{
	b->chain = chain;
}

void mapi_batch_reset(struct mapi_batch *b)
{
	struct mapi_session *s = b->s;
	bool chain = b->chain;
	talloc_free_children(b);
	memset(b, 0, sizeof *b);
	b->s = s;
	b->chain = chain;
	b->max_rop_out = s->max_rop_out;
}

static bool object_current(const struct mapi_batch *b, const struct mapi_object *o)
{
	return o != NULL && o->session == b->s && o->generation == b->s->generation && b->s->connected;
}

static struct rop_request *add_slot(struct mapi_batch *b, uint8_t rop_id, uint8_t logon_id)
{
	const struct rop_info *info = rop_info(rop_id);
	if (b->executed || b->count >= MAPI_BATCH_MAX_ROPS || info->name == NULL || !info->coded ||
	    info->handles == ROP_H_NONE)
		return NULL;
	struct batch_slot *n = talloc_realloc(b, b->slots, struct batch_slot, b->count + 1);
	if (n == NULL)
		return NULL;
	b->slots = n;
	struct batch_slot *sl = &n[b->count++];
	memset(sl, 0, sizeof *sl);
	sl->req.id = rop_id;
	sl->req.logon_id = logon_id;
	return &sl->req;
}

struct rop_request *mapi_batch_add(struct mapi_batch *b, uint8_t rop_id, struct mapi_object *in)
{
	if (in == NULL ? rop_info(rop_id)->handles != ROP_H_OUT : !object_current(b, in))
		return NULL;
	struct rop_request *r = add_slot(b, rop_id, in ? in->logon_id : 0);
	if (r != NULL && in != NULL) {
		b->slots[b->count - 1].in_kind = IN_OBJECT;
		b->slots[b->count - 1].in_obj = in;
	}
	return r;
}

struct rop_request *mapi_batch_add_on(struct mapi_batch *b, uint8_t rop_id, uint32_t slot)
{
	if (slot >= b->count)
		return NULL;
	uint8_t h = rop_info(b->slots[slot].req.id)->handles;
	if (h != ROP_H_IN_OUT && h != ROP_H_OUT)
		return NULL; /* that request opens nothing */
	struct rop_request *r = add_slot(b, rop_id, b->slots[slot].req.logon_id);
	if (r != NULL) {
		b->slots[b->count - 1].in_kind = IN_SLOT;
		b->slots[b->count - 1].in_slot = slot;
	}
	return r;
}

struct rop_request *mapi_batch_add2(struct mapi_batch *b, uint8_t rop_id, struct mapi_object *src,
                                    struct mapi_object *dst)
{
	if (rop_info(rop_id)->handles != ROP_H_SRC_DST || !object_current(b, dst))
		return NULL;
	struct rop_request *r = mapi_batch_add(b, rop_id, src);
	if (r != NULL)
		b->slots[b->count - 1].dst_obj = dst;
	return r;
}

uint32_t mapi_batch_release(struct mapi_batch *b, struct mapi_object *obj)
{
	return mapi_batch_add(b, ROP_RELEASE, obj) != NULL ? ecSuccess : ecInvalidParam;
}

uint32_t mapi_batch_count(const struct mapi_batch *b)
{
	return b->count;
}

uint32_t mapi_batch_last(const struct mapi_batch *b)
{
	return b->count > 0 ? b->count - 1 : 0;
}

struct rop_request *mapi_batch_request(struct mapi_batch *b, uint32_t slot)
{
	return slot < b->count ? &b->slots[slot].req : NULL;
}

/* ---- one round ---- */

/* The handle-table index holding handle (shared by every request using the same object), or a new one. */
static int index_for(struct mapi_batch *b, uint32_t handle, struct mapi_object *o)
{
	struct rop_request_buffer *rb = &b->round;
	for (uint32_t i = 0; i < rb->handle_count; i++)
		if (rb->handles[i] == handle && handle != ROP_INVALID_HANDLE)
			return (int)i;
	if (rb->handle_count >= ROP_MAX_HANDLES)
		return -1;
	b->index_obj[rb->handle_count] = o;
	rb->handles[rb->handle_count] = handle;
	return (int)rb->handle_count++;
}

/* The input index of slot i in this round. An earlier request of the same round gives its output index; one
 * answered in an earlier round gives its server handle (or, failed, an invalid handle the server answers
 * with ecNullObject). */
static int input_index(struct mapi_batch *b, uint32_t i)
{
	struct batch_slot *sl = &b->slots[i];
	if (sl->in_kind == IN_OBJECT)
		return index_for(b, sl->in_obj->handle, sl->in_obj);
	struct batch_slot *from = &b->slots[sl->in_slot];
	if (!from->done)
		return from->out_index;
	bool ok = from->answered && from->rsp.return_value == ecSuccess;
	return index_for(b, ok ? from->out_handle : ROP_INVALID_HANDLE, NULL);
}

static int place_handles(struct mapi_batch *b, uint32_t i, struct rop_request *r)
{
	struct batch_slot *sl = &b->slots[i];
	uint8_t h = rop_info(r->id)->handles;
	if (h != ROP_H_OUT) {
		int in = input_index(b, i);
		if (in < 0)
			return -1;
		r->input_handle_index = (uint8_t)in;
		if (h == ROP_H_RSP_IN)
			r->response_handle_index = (uint8_t)in; /* the response names the object it saved */
	}
	if (h == ROP_H_OUT || h == ROP_H_IN_OUT) {
		int out = index_for(b, ROP_INVALID_HANDLE, NULL);
		if (out < 0)
			return -1;
		r->output_handle_index = sl->out_index = (uint8_t)out;
	} else if (h == ROP_H_SRC_DST) {
		int dst = index_for(b, sl->dst_obj->handle, sl->dst_obj);
		if (dst < 0)
			return -1;
		r->dest_handle_index = (uint8_t)dst;
	}
	return 0;
}

/* What the codec must know of the objects in the handle table (struct rop_ctx). */
static void fill_ctx(struct mapi_batch *b, struct rop_ctx *ctx)
{
	rop_ctx_init(ctx);
	memcpy(ctx->private_logons, b->s->private_logons, sizeof ctx->private_logons);
	for (uint32_t i = 0; i < b->round.handle_count; i++) {
		const struct mapi_object *o = b->index_obj[i];
		if (o == NULL)
			continue;
		ctx->objects[i].column_count = o->column_count;
		ctx->objects[i].columns = o->columns;
		ctx->objects[i].recipient_column_count = o->recipient_column_count;
		ctx->objects[i].recipient_columns = o->recipient_columns;
	}
	/* inputs answered in an earlier round: what was learnt then */
	for (uint32_t k = b->release_count; k < b->round.count; k++) {
		struct batch_slot *sl = &b->slots[b->round_slot[k]];
		if (sl->in_kind != IN_SLOT || !b->slots[sl->in_slot].done)
			continue;
		uint8_t idx = b->round.rops[k].input_handle_index;
		if (b->index_obj[idx] == NULL && b->round.handles[idx] != ROP_INVALID_HANDLE)
			ctx->objects[idx] = b->slots[sl->in_slot].learnt;
	}
}

uint32_t mapi_batch_encode(struct mapi_batch *b, TALLOC_CTX *mem, struct mapi_binary *rop_in)
{
	struct mapi_session *s = b->s;
	struct rop_request_buffer *rb = &b->round;
	memset(rb, 0, sizeof *rb);
	memset(b->index_obj, 0, sizeof b->index_obj);
	uint32_t pending = 0;
	for (uint32_t i = 0; i < b->count; i++)
		pending += !b->slots[i].done;
	b->release_count = s->release_count < MAPI_BATCH_MAX_ROPS - pending ? s->release_count : 0;
	uint32_t n = b->release_count + pending;
	rb->rops = talloc_zero_array(b, struct rop_request, n ? n : 1);
	rb->handles = talloc_array(b, uint32_t, ROP_MAX_HANDLES);
	b->round_slot = talloc_array(b, uint32_t, n ? n : 1);
	b->ctx_sent = talloc(b, struct rop_ctx);
	if (rb->rops == NULL || rb->handles == NULL || b->round_slot == NULL || b->ctx_sent == NULL)
		return ecNotEnoughMemory;
	/* MS-OXCROPS 2.2.15.3 RopRelease: queued by talloc_free of objects, sent first */
	for (uint32_t k = 0; k < b->release_count; k++) {
		int idx = index_for(b, s->releases[k].handle, NULL);
		if (idx < 0)
			return ecTooBig;
		rb->rops[k].id = ROP_RELEASE;
		rb->rops[k].logon_id = s->releases[k].logon_id;
		rb->rops[k].input_handle_index = (uint8_t)idx;
		b->round_slot[k] = NO_SLOT;
	}
	rb->count = b->release_count;
	for (uint32_t i = 0; i < b->count; i++) {
		if (b->slots[i].done)
			continue;
		struct rop_request *r = &rb->rops[rb->count];
		*r = b->slots[i].req;
		if (place_handles(b, i, r) != 0) {
			mapi_client_set_error(s, 0, 0, "more than %d objects in one batch", ROP_MAX_HANDLES);
			return ecTooBig;
		}
		b->round_slot[rb->count++] = i;
	}
	struct rop_ctx *ctx = talloc(b, struct rop_ctx);
	if (ctx == NULL)
		return ecNotEnoughMemory;
	fill_ctx(b, ctx);
	*b->ctx_sent = *ctx; /* the state the responses are decoded against (rop.h) */
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	int rc = rop_request_buffer_push(&w, ctx, rb);
	talloc_free(ctx);
	if (rc != 0) {
		talloc_free(w.data);
		mapi_client_set_error(s, 0, 0, "cannot encode the ROP buffer (error %d)", rc);
		return rc == WC_ENOMEM ? ecNotEnoughMemory : rc == WC_ERANGE ? ecTooBig : ecInvalidParam;
	}
	rop_in->data = w.data;
	rop_in->len = (uint32_t)w.len;
	return ecSuccess;
}

/* A copy of what the codec learnt of an object (its arrays are borrowed from requests and responses). */
static void keep_learnt(TALLOC_CTX *mem, struct rop_object_ctx *dst, const struct rop_object_ctx *src)
{
	*dst = *src;
	if (src->columns != NULL)
		dst->columns = talloc_memdup(mem, src->columns, src->column_count * sizeof(uint32_t));
	if (src->recipient_columns != NULL)
		dst->recipient_columns = talloc_memdup(mem, src->recipient_columns,
		                                       src->recipient_column_count * sizeof(uint32_t));
}

/* MS-OXCRPC 3.1.4.2.1.2: a packed response continues the last request's: more rows, more stream data. */
static int merge_packed(TALLOC_CTX *mem, struct rop_response *into, const struct rop_response *more)
{
	if (into->id == ROP_QUERY_ROWS) {
		struct mapi_property_row_set *a = &into->query_rows.rows;
		const struct mapi_property_row_set *m = &more->query_rows.rows;
		if ((uint32_t)a->count + m->count > UINT16_MAX)
			return WC_ERANGE;
		struct mapi_property_row *rows =
		        talloc_realloc(mem, a->rows, struct mapi_property_row, a->count + m->count);
		if (rows == NULL && a->count + m->count > 0)
			return WC_ENOMEM;
		if (m->count > 0) /* memcpy from NULL is undefined even for 0 bytes */
			memcpy(rows + a->count, m->rows, m->count * sizeof *rows);
		a->rows = rows;
		a->count = (uint16_t)(a->count + m->count);
		into->query_rows.origin = more->query_rows.origin;
	} else if (into->id == ROP_READ_STREAM) {
		struct mapi_binary *a = &into->read_stream.data;
		const struct mapi_binary *m = &more->read_stream.data;
		uint8_t *d = talloc_realloc(mem, a->data, uint8_t, a->len + m->len + 1);
		if (d == NULL)
			return WC_ENOMEM;
		if (m->len > 0)
			memcpy(d + a->len, m->data, m->len);
		a->data = d;
		a->len += m->len;
	}
	return 0;
}

static void record(struct mapi_batch *b, const struct rop_response_buffer *out, const struct rop_ctx *ctx)
{
	for (uint32_t i = 0; i < out->count; i++) {
		const struct rop_response *rsp = &out->rops[i];
		uint32_t k = out->request_index[i];
		if (k == ROP_NO_REQUEST) {
			if (rsp->id == ROP_BUFFER_TOO_SMALL) {
				b->saw_too_small = true;
				b->size_needed = rsp->buffer_too_small.size_needed;
			} else if (rsp->id == ROP_BACKOFF) {
				b->saw_backoff = true;
			} else if (rsp->id == ROP_NOTIFY) {
				struct rop_notify_rsp *n = talloc_realloc(
				        b, b->notifies, struct rop_notify_rsp, b->notify_count + 1);
				if (n != NULL) {
					b->notifies = n;
					n[b->notify_count++] = rsp->notify;
				}
			}
			continue;
		}
		if (k >= b->round.count || b->round_slot[k] == NO_SLOT)
			continue;
		struct batch_slot *sl = &b->slots[b->round_slot[k]];
		sl->rsp = *rsp;
		sl->answered = sl->done = true;
		uint8_t h = rop_info(sl->req.id)->handles;
		if ((h == ROP_H_IN_OUT || h == ROP_H_OUT) && rsp->return_value == ecSuccess &&
		    sl->out_index < out->handle_count) {
			sl->out_handle = out->handles[sl->out_index];
			keep_learnt(b, &sl->learnt, &ctx->objects[sl->out_index]);
		}
	}
	/* objects used as inputs: a RopSetColumns or RopResetTable of this round changed their columns */
	for (uint32_t idx = 0; idx < b->round.handle_count; idx++) {
		struct mapi_object *o = b->index_obj[idx];
		if (o == NULL)
			continue;
		const struct rop_object_ctx *now = &ctx->objects[idx];
		if (now->columns != o->columns)
			mapi_client_object_set_columns(o, now->columns ? now->column_count : 0, now->columns);
		if (now->recipient_columns != o->recipient_columns)
			mapi_client_object_set_recipient_columns(
			        o, now->recipient_columns ? now->recipient_column_count : 0,
			        now->recipient_columns);
	}
}

uint32_t mapi_batch_decode(struct mapi_batch *b, const struct mapi_binary *rop_out, uint32_t count)
{
	if (count == 0 || b->ctx_sent == NULL)
		return ecInvalidParam;
	struct rop_ctx *ctx = talloc(b, struct rop_ctx);
	if (ctx == NULL)
		return ecNotEnoughMemory;
	*ctx = *b->ctx_sent;
	b->saw_too_small = b->saw_backoff = false;
	struct rop_response_buffer *out;
	struct rop_error err;
	int rc = rop_response_buffer_pull(b, rop_out[0].data, rop_out[0].len, &b->round, ctx, &out, &err);
	if (rc != 0) {
		char why[160];
		mapi_client_set_error(b->s, 200, 0, "ROP output buffer: %s",
		                      rop_error_string(&err, why, sizeof why));
		return ecRpcFormat;
	}
	record(b, out, ctx);
	/* packed buffers answer the last request sent alone, with the same handle table */
	struct rop_request_buffer last = b->round;
	if (count > 1 && b->round.count > 0) {
		last.rops = &b->round.rops[b->round.count - 1];
		last.count = 1;
		uint32_t slot = b->round_slot[b->round.count - 1];
		for (uint32_t p = 1; p < count && slot != NO_SLOT && b->slots[slot].answered; p++) {
			struct rop_response_buffer *more;
			if (rop_response_buffer_pull(b, rop_out[p].data, rop_out[p].len, &last, ctx, &more,
			                             &err) != 0 ||
			    more->count < 1 || more->request_index[0] != 0)
				return ecRpcFormat;
			if (merge_packed(b, &b->slots[slot].rsp, &more->rops[0]) != 0)
				return ecNotEnoughMemory;
		}
	}
	/* requests a RopBufferTooSmall handed back wait for the next round; the others got no answer */
	for (uint32_t k = b->release_count; k < b->round.count; k++)
		if (!b->saw_too_small || b->saw_backoff)
			b->slots[b->round_slot[k]].done = true;
	talloc_free(ctx);
	return ecSuccess;
}

/* A round needs no server handle (so it can be sent again on a new Session Context): only RopLogon. */
static bool round_replayable(const struct mapi_batch *b)
{
	for (uint32_t k = 0; k < b->round.count; k++)
		if (b->round.rops[k].id != ROP_LOGON)
			return false;
	return true;
}

uint32_t mapi_batch_execute(struct mapi_batch *b)
{
	struct mapi_session *s = b->s;
	if (b->executed)
		return ecInvalidParam;
	b->executed = true;
	for (uint32_t i = 0; i < b->count; i++)
		if (b->slots[i].in_kind == IN_OBJECT && !object_current(b, b->slots[i].in_obj)) {
			mapi_client_set_error(s, 0, 0, "an object of an earlier Session Context");
			return ecEndOfSession;
		}
	for (int round = 0; round < MAX_ROUNDS; round++) {
		uint32_t pending = 0;
		for (uint32_t i = 0; i < b->count; i++)
			pending += !b->slots[i].done;
		if (pending == 0 && (round > 0 || s->release_count == 0))
			return ecSuccess;
		TALLOC_CTX *tmp = talloc_new(b);
		struct mapi_binary in, *out = NULL;
		uint32_t n = 0;
		uint32_t gen = s->generation;
		uint32_t ec = mapi_batch_encode(b, tmp, &in);
		if (ec == ecSuccess)
			ec = mapi_client_execute(s, tmp, in.data, in.len, b->chain, round_replayable(b),
			                         b->max_rop_out, &out, &n);
		if (ec == ecSuccess && s->generation == gen && b->release_count > 0) {
			/* the releases went out */
			memmove(s->releases, s->releases + b->release_count,
			        (s->release_count - b->release_count) * sizeof *s->releases);
			s->release_count -= b->release_count;
		}
		if (ec == ecSuccess)
			ec = mapi_batch_decode(b, out, n);
		talloc_free(tmp);
		if (ec != ecSuccess)
			return ec;
		if (!b->saw_too_small || b->saw_backoff)
			return ecSuccess;
		/* MS-OXCROPS 3.1.4.3: send what was handed back with room for SizeNeeded */
		uint32_t want = b->size_needed > b->max_rop_out ? b->size_needed : b->max_rop_out * 2;
		b->max_rop_out = want < 0x40000 ? want : 0x40000;
	}
	return ecSuccess;
}

const struct rop_response *mapi_batch_response(const struct mapi_batch *b, uint32_t slot)
{
	return slot < b->count && b->slots[slot].answered ? &b->slots[slot].rsp : NULL;
}

uint32_t mapi_batch_result(const struct mapi_batch *b, uint32_t slot)
{
	if (slot >= b->count)
		return ecInvalidParam;
	return b->slots[slot].answered ? b->slots[slot].rsp.return_value : ecServerBusy;
}

uint32_t mapi_batch_first_error(const struct mapi_batch *b, uint32_t *slot)
{
	for (uint32_t i = 0; i < b->count; i++) {
		if (b->slots[i].req.id == ROP_RELEASE)
			continue;
		uint32_t ec = mapi_batch_result(b, i);
		if (ec != ecSuccess) {
			if (slot != NULL)
				*slot = i;
			return ec;
		}
	}
	return ecSuccess;
}

uint32_t mapi_batch_object(struct mapi_batch *b, uint32_t slot, TALLOC_CTX *mem, enum mapi_object_kind kind,
                           struct mapi_object **out)
{
	uint32_t ec = mapi_batch_result(b, slot);
	if (ec != ecSuccess)
		return ec;
	struct batch_slot *sl = &b->slots[slot];
	uint8_t h = rop_info(sl->req.id)->handles;
	if (h != ROP_H_IN_OUT && h != ROP_H_OUT)
		return ecInvalidParam;
	struct mapi_object *o = mapi_client_object_new(mem, b->s, kind, sl->req.logon_id, sl->out_handle);
	if (o == NULL ||
	    mapi_client_object_set_columns(o, sl->learnt.column_count, sl->learnt.columns) != 0 ||
	    mapi_client_object_set_recipient_columns(o, sl->learnt.recipient_column_count,
	                                             sl->learnt.recipient_columns) != 0) {
		talloc_free(o);
		return ecNotEnoughMemory;
	}
	*out = o;
	return ecSuccess;
}

uint32_t mapi_batch_notification_count(const struct mapi_batch *b)
{
	return b->notify_count;
}

const struct rop_notify_rsp *mapi_batch_notification(const struct mapi_batch *b, uint32_t i)
{
	return i < b->notify_count ? &b->notifies[i] : NULL;
}

const struct rop_response *mapi_client_batch_answer(struct mapi_batch *b, uint32_t slot, uint32_t *ec)
{
	*ec = mapi_batch_result(b, slot);
	return *ec == ecSuccess ? &b->slots[slot].rsp : NULL;
}
