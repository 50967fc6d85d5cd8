/* emsmdb_execute(): one rgbIn in, one rgbOut out (MS-OXCRPC 3.1.4.2 EcDoRpcExt2, MS-OXCMAPIHTTP 2.2.4.2
 * Execute), shared by the transports (DESIGN §4).
 *
 *   rgbIn  = RPC_HEADER_EXT chain (MS-OXCRPC 3.1.4.2.1.1.1) around a ROP request buffer (MS-OXCROPS 2.2.1)
 *   rgbOut = one RPC_HEADER_EXT with Last (3.1.4.2.1.1.2) around the ROP response buffer, compressed and
 *            obfuscated unless pulFlags says NoCompression / NoXorMagic (MS-OXCRPC 3.1.4.2)
 * The ROPs run in order (MS-OXCROPS 3.2.5.1); a response that does not fit max_out ends the buffer with a
 * RopBufferTooSmall handing back the requests not executed (MS-OXCROPS 3.2.4.3, 2.2.15.1). */
#include "server/emsmdb/emsmdb.h"

#include "common/wc_error.h"
#include "common/wc_log.h"
#include "mapi/mapi_rpc_ext.h"

#include <string.h>
#include <time.h>

/* Runs one request into o; false when the output is full (a RopBufferTooSmall has been written or could not
 * be: *ec says which). */
static bool execute_one(struct emsmdb_rop_ctx *ctx, struct rop_out *o, const struct rop_request *req,
                        uint32_t *ec)
{
	emsmdb_rop_fn fn = emsmdb_rop_handler(req->id);
	if (req->id == ROP_RELEASE) { /* no response (MS-OXCROPS 3.2.5.3) */
		fn(ctx, req, NULL);
		return true;
	}
	struct rop_response rsp;
	rop_response_init(&rsp, req, ecNotSupported);
	if (fn != NULL)
		rsp.return_value = fn(ctx, req, &rsp);
	int rc = rop_out_push(o, req, &rsp);
	if (rc == 0)
		return true;
	if (rc == WC_ESPACE) {
		size_t needed = o->needed + MAPI_RPC_EXT_HEADER_SIZE;
		rc = rop_out_buffer_too_small(o, req, needed > UINT16_MAX ? UINT16_MAX : (uint16_t)needed);
		*ec = rc == 0 ? ecSuccess : ecBufferTooSmall;
	} else {
		/* A handler's response that does not encode is a bug of that handler. */
		wc_error("emsmdb: response of %s does not encode: %s", rop_name(req->id), wc_strerror(rc));
		*ec = rc == WC_ENOMEM ? ecServerOOM : ecRpcFormat;
	}
	return false;
}

uint32_t emsmdb_execute(struct emsmdb_session *s, TALLOC_CTX *mem, uint32_t flags, const uint8_t *in,
                        size_t in_len, size_t max_out, uint8_t **out, size_t *out_len)
{
	*out = NULL;
	*out_len = 0;
	TALLOC_CTX *tmp = talloc_new(mem);
	if (tmp == NULL)
		return ecServerOOM;
	uint32_t ec = ecRpcFormat;
	__atomic_store_n(&s->last_activity, (int64_t)time(NULL), __ATOMIC_RELAXED);
	struct mapi_rpc_ext_chain *chain;
	struct rop_request_buffer *buf;
	struct rop_error err;
	int rc = mapi_rpc_ext_pull(tmp, in, in_len, MAPI_RPC_EXT_MAX_BUFFER, &chain);
	if (rc != 0) {
		wc_debug("emsmdb: rgbIn: %s", wc_strerror(rc));
		goto out;
	}
	/* The codec walks the buffer on a copy of the session's state; it is kept only when all executes. */
	struct rop_ctx *codec = talloc_memdup(tmp, &s->codec, sizeof s->codec);
	if (codec == NULL) {
		ec = ecServerOOM;
		goto out;
	}
	rc = rop_request_buffer_pull(tmp, chain->data, chain->len, codec, &buf, &err);
	if (rc != 0) {
		char why[160];
		wc_debug("emsmdb: ROP buffer: %s", rop_error_string(&err, why, sizeof why));
		ec = rc == WC_ENOMEM ? ecServerOOM : ecRpcFormat;
		goto out;
	}
	/* Responses are encoded with the state as it was before the requests were walked. */
	memcpy(codec, &s->codec, sizeof s->codec);
	size_t limit = max_out > MAPI_RPC_EXT_HEADER_SIZE ? max_out - MAPI_RPC_EXT_HEADER_SIZE : 0;
	if (limit > MAPI_RPC_EXT_MAX_PAYLOAD)
		limit = MAPI_RPC_EXT_MAX_PAYLOAD;
	struct rop_out o;
	rop_out_init(&o, tmp, limit, buf, codec);
	struct emsmdb_rop_ctx ctx = {.session = s,
	                             .mem = tmp,
	                             .handles = buf->handles,
	                             .handle_count = buf->handle_count,
	                             .out = &o};
	ec = ecSuccess;
	for (uint32_t i = 0; i < buf->count && execute_one(&ctx, &o, &buf->rops[i], &ec); i++)
		;
	if (ec != ecSuccess)
		goto out;
	uint8_t *data;
	size_t len;
	if ((rc = rop_out_finish(&o, buf->handles, buf->handle_count, &data, &len)) != 0) {
		ec = rc == WC_ENOMEM ? ecServerOOM : ecBufferTooSmall;
		goto out;
	}
	struct mapi_rpc_ext_payload p = {
	        .flags = (uint16_t)((flags & EMSMDB_NO_COMPRESSION ? 0 : MAPI_RPC_EXT_COMPRESSED) |
	                            (flags & EMSMDB_NO_XOR_MAGIC ? 0 : MAPI_RPC_EXT_XOR_MAGIC)),
	        .data = data,
	        .len = len,
	};
	struct wc_writer w;
	wc_writer_init(&w, mem, max_out);
	if ((rc = mapi_rpc_ext_push(&w, &p, 1)) != 0) {
		ec = rc == WC_ENOMEM ? ecServerOOM : ecBufferTooSmall;
		talloc_free(w.data);
		goto out;
	}
	/* Only the logon kinds outlive the buffer: the per-index object state names this buffer's handle-table
	 * slots and borrows column arrays from its requests, which are freed with tmp (handlers set the columns
	 * of a table from the store before rows are coded). */
	memset(codec->objects, 0, sizeof codec->objects);
	s->codec = *codec;
	*out = w.data;
	*out_len = w.len;
out:
	talloc_free(tmp);
	return ec;
}
