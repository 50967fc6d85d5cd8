/* mapidump rop-request and rop-response: ROP input and output buffers (MS-OXCROPS 2.2.1) as they travel in
 * rgbIn/rgbOut and the MAPI/HTTP Execute bodies: one or more RPC_HEADER_EXT chunks (MS-OXCRPC 3.1.4.2.1),
 * each holding one ROP buffer; --raw takes one bare ROP buffer.
 *
 * Each ROP is shown with its name, place and handle indexes. Bodies coded as a list of fixed fields are shown
 * field by field; other bodies (those with strings, property values, rows ...) as their bytes. */
#include "mapidump.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "common/wc_error.h"
#include "dump_values.h"
#include "mapi/mapi_rpc_ext.h"
#include "mapi/rop.h"

/* The ROP buffers of an input: the payloads of an RPC_HEADER_EXT chain, or the whole input with --raw. */
struct rop_buffers {
	size_t count;
	const uint8_t **data;
	size_t *len;
};

static int split_buffers(TALLOC_CTX *mem, const char *kind, const uint8_t *data, size_t len, bool raw,
                         struct rop_buffers *out)
{
	if (raw) {
		out->count = 1;
		out->data = talloc_array(mem, const uint8_t *, 1);
		out->len = talloc_array(mem, size_t, 1);
		out->data[0] = data;
		out->len[0] = len;
		return 0;
	}
	struct mapi_rpc_ext_chain *chain;
	int err = mapi_rpc_ext_pull(mem, data, len, MAPI_RPC_EXT_MAX_BUFFER * 4, &chain);
	if (err != 0)
		return dump_fail(kind, 0, "not an RPC_HEADER_EXT chain (%s); use --raw for a bare ROP buffer",
		                 wc_strerror(err));
	out->count = chain->count;
	out->data = talloc_array(mem, const uint8_t *, chain->count);
	out->len = talloc_array(mem, size_t, chain->count);
	for (size_t i = 0; i < chain->count; i++) {
		out->data[i] = chain->payloads[i].data;
		out->len[i] = chain->payloads[i].len;
	}
	return 0;
}

static void dump_fields(struct dump_out *o, const struct rop_fields *f, const unsigned char *body)
{
	for (uint8_t i = 0; i < f->count; i++) {
		const void *v = body + f->fields[i].offset;
		const char *name = f->fields[i].name;
		uint64_t u;
		switch (f->fields[i].kind) {
		case ROP_U8:
			dump_hex(o, name, *(const uint8_t *)v, 2);
			break;
		case ROP_U16:
			dump_hex(o, name, *(const uint16_t *)v, 4);
			break;
		case ROP_U32:
			dump_hex(o, name, *(const uint32_t *)v, 8);
			break;
		case ROP_U64:
			memcpy(&u, v, sizeof u);
			dump_hex(o, name, u, 16);
			break;
		case ROP_GUID:
			dump_guid(o, name, v);
			break;
		case ROP_LTID:
			dump_bytes(o, name, v, sizeof(struct rop_long_term_id));
			break;
		}
	}
}

/* The body: fields by name when the codec is a field list, else the bytes the ROP took after its header. */
static void dump_body(struct dump_out *o, const struct rop_body *codec, const unsigned char *body,
                      const uint8_t *rop_bytes, size_t rop_size, size_t header_size)
{
	if (codec->fields != NULL)
		dump_fields(o, codec->fields, body);
	else if (codec->pull != NULL && rop_size > header_size)
		dump_bytes(o, "body", rop_bytes + header_size, rop_size - header_size);
}

static size_t request_header_size(const struct rop_info *info)
{
	switch (info->handles) {
	case ROP_H_IN:
	case ROP_H_OUT:
		return 3;
	case ROP_H_IN_OUT:
	case ROP_H_SRC_DST:
	case ROP_H_RSP_IN:
		return 4;
	}
	return 2;
}

static void dump_request(struct dump_out *o, const struct rop_request *req, const uint8_t *rops_list)
{
	const struct rop_info *info = rop_info(req->id);
	dump_begin_object(o, NULL);
	dump_named(o, "rop_id", req->id, 2, info->name);
	dump_uint(o, "offset", req->offset);
	dump_uint(o, "size", req->size);
	dump_uint(o, "logon_id", req->logon_id);
	switch (info->handles) {
	case ROP_H_IN:
		dump_uint(o, "input_handle_index", req->input_handle_index);
		break;
	case ROP_H_OUT:
		dump_uint(o, "output_handle_index", req->output_handle_index);
		break;
	case ROP_H_IN_OUT:
		dump_uint(o, "input_handle_index", req->input_handle_index);
		dump_uint(o, "output_handle_index", req->output_handle_index);
		break;
	case ROP_H_SRC_DST:
		dump_uint(o, "source_handle_index", req->source_handle_index);
		dump_uint(o, "dest_handle_index", req->dest_handle_index);
		break;
	case ROP_H_RSP_IN:
		dump_uint(o, "response_handle_index", req->response_handle_index);
		dump_uint(o, "input_handle_index", req->input_handle_index);
		break;
	}
	/* offset is relative to RopsList, which starts after the 2-byte RopSize; the header is RopId, LogonId
	 * and the handle indexes */
	dump_body(o, &info->req, req->body, rops_list + req->offset, req->size, request_header_size(info));
	dump_end_object(o);
}

static void dump_handles(struct dump_out *o, const uint32_t *handles, uint32_t count)
{
	dump_begin_array(o, "handles");
	for (uint32_t i = 0; i < count; i++)
		dump_hex(o, NULL, handles[i], 8);
	dump_end_array(o);
}

static int pull_requests(TALLOC_CTX *mem, const char *kind, const uint8_t *data, size_t len,
                         struct rop_ctx *ctx, struct rop_request_buffer **buf)
{
	struct rop_error e;
	char msg[256];
	if (rop_request_buffer_pull(mem, data, len, ctx, buf, &e) != 0)
		return dump_fail(kind, e.offset, "%s", rop_error_string(&e, msg, sizeof msg));
	return 0;
}

static int run_rop_request(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	struct rop_buffers bufs;
	if (split_buffers(mem, "rop-request", in->data, in->len, in->raw, &bufs) != 0)
		return 1;
	struct rop_ctx *ctx = talloc_zero(mem, struct rop_ctx);
	rop_ctx_init(ctx);
	dump_begin_array(o, NULL);
	for (size_t b = 0; b < bufs.count; b++) {
		struct rop_request_buffer *buf;
		if (pull_requests(mem, "rop-request", bufs.data[b], bufs.len[b], ctx, &buf) != 0)
			return 1;
		dump_begin_object(o, NULL);
		dump_uint(o, "rop_size", buf->rops_list_size + 2u);
		dump_begin_array(o, "rops");
		for (uint32_t i = 0; i < buf->count; i++)
			dump_request(o, &buf->rops[i], bufs.data[b] + 2);
		dump_end_array(o);
		dump_handles(o, buf->handles, buf->handle_count);
		dump_end_object(o);
	}
	dump_end_array(o);
	return 0;
}

/* --requests=FILE: the request buffers the responses answer, framed like the input (RPC_HEADER_EXT unless
 * --raw); binary, or hex text when the file holds only hex digits and white space. */
static const char *opt_value(const struct dump_input *in, const char *prefix)
{
	size_t n = strlen(prefix);
	for (int i = 0; i < in->nopts; i++)
		if (strncmp(in->opts[i], prefix, n) == 0)
			return in->opts[i] + n;
	return NULL;
}

static int run_rop_response(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	const char *req_file = opt_value(in, "--requests=");
	if (req_file == NULL)
		return dump_fail("rop-response", 0,
		                 "a response decodes only against its requests: give --requests=FILE");
	size_t req_len;
	uint8_t *req_data = dump_read_file(mem, req_file, &req_len);
	if (req_data == NULL)
		return dump_fail("rop-response", 0, "cannot read %s: %s", req_file, strerror(errno));
	struct rop_buffers reqs, rsps;
	if (split_buffers(mem, "rop-response (requests)", req_data, req_len, in->raw, &reqs) != 0 ||
	    split_buffers(mem, "rop-response", in->data, in->len, in->raw, &rsps) != 0)
		return 1;
	if (reqs.count != 1) {
		/* MS-OXCRPC 3.1.4.2.1: one request buffer per call; the response may be packed in several. */
		return dump_fail("rop-response", 0, "the requests hold %zu ROP buffers; expected one",
		                 reqs.count);
	}
	struct rop_ctx *ctx = talloc_zero(mem, struct rop_ctx);
	rop_ctx_init(ctx);
	struct rop_request_buffer *rb;
	if (pull_requests(mem, "rop-response (requests)", reqs.data[0], reqs.len[0], ctx, &rb) != 0)
		return 1;
	/* Decode the responses against the state as it was before the requests. */
	rop_ctx_init(ctx);
	dump_begin_array(o, NULL);
	for (size_t b = 0; b < rsps.count; b++) {
		struct rop_response_buffer *buf;
		struct rop_error e;
		char msg[256];
		if (rop_response_buffer_pull(mem, rsps.data[b], rsps.len[b], rb, ctx, &buf, &e) != 0)
			return dump_fail("rop-response", e.offset, "%s",
			                 rop_error_string(&e, msg, sizeof msg));
		dump_begin_object(o, NULL);
		dump_begin_array(o, "rops");
		for (uint32_t i = 0; i < buf->count; i++) {
			const struct rop_response *rsp = &buf->rops[i];
			bool has_req = buf->request_index[i] != ROP_NO_REQUEST;
			const struct rop_request *req = has_req ? &rb->rops[buf->request_index[i]] : NULL;
			const struct rop_info *info = rop_response_info(rsp->id, req);
			dump_begin_object(o, NULL);
			dump_named(o, "rop_id", rsp->id, 2, rop_name(rsp->id));
			if (has_req) {
				dump_uint(o, "request_index", buf->request_index[i]);
				dump_uint(o, "handle_index", rsp->handle_index);
				dump_error_code(o, "return_value", rsp->return_value);
			}
			if (info->rsp.fields != NULL &&
			    (rsp->return_value == 0 || (info->flags & ROP_F_BODY_ON_FAILURE)))
				dump_fields(o, info->rsp.fields, rsp->body);
			dump_end_object(o);
		}
		dump_end_array(o);
		dump_handles(o, buf->handles, buf->handle_count);
		dump_end_object(o);
	}
	dump_end_array(o);
	return 0;
}

static const char *const rop_request_options[] = {NULL};
static const char *const rop_response_options[] = {"--requests=", NULL};

const struct dump_kind dump_kind_rop_request = {
        .name = "rop-request",
        .options = rop_request_options,
        .args_usage = "[--raw]",
        .help = "ROP input buffer(s) of rgbIn / an Execute request",
        .run = run_rop_request,
};
const struct dump_kind dump_kind_rop_response = {
        .name = "rop-response",
        .options = rop_response_options,
        .args_usage = "--requests=FILE [--raw]",
        .help = "ROP output buffer(s), decoded against their requests",
        .run = run_rop_response,
};
