/* mapidump rpc-ext: an RPC_HEADER_EXT chain (MS-OXCRPC 2.2.2.1, 3.1.4.2.1), de-obfuscated and decompressed.
 */
#include "mapidump.h"

#include "common/wc_error.h"
#include "mapi/mapi_rpc_ext.h"

static void dump_flags(struct dump_out *o, uint16_t flags)
{
	dump_begin_array(o, "flags");
	if (flags & MAPI_RPC_EXT_COMPRESSED)
		dump_str(o, NULL, "Compressed");
	if (flags & MAPI_RPC_EXT_XOR_MAGIC)
		dump_str(o, NULL, "XorMagic");
	if (flags & MAPI_RPC_EXT_LAST)
		dump_str(o, NULL, "Last");
	dump_end_array(o);
}

/* Where a chain went wrong: walk the headers alone to name the chunk and its offset. */
static size_t failing_offset(const struct dump_input *in)
{
	struct wc_reader r;
	struct mapi_rpc_header_ext h;
	wc_reader_init(&r, in->data, in->len);
	while (wc_reader_left(&r) > 0) {
		size_t at = r.pos;
		if (mapi_rpc_header_ext_pull(&r, &h) != 0 || !wc_read_skip(&r, h.size))
			return at;
		if (h.flags & MAPI_RPC_EXT_LAST)
			return r.pos;
	}
	return r.pos;
}

static int run_rpc_ext(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	struct mapi_rpc_ext_chain *chain;
	int err = mapi_rpc_ext_pull(mem, in->data, in->len, MAPI_RPC_EXT_MAX_BUFFER * 4, &chain);
	if (err != 0)
		return dump_fail("rpc-ext", failing_offset(in), "%s", wc_strerror(err));

	/* Re-read the headers for their on-wire sizes: the chain keeps only the decoded payloads. */
	struct wc_reader r;
	wc_reader_init(&r, in->data, in->len);
	dump_begin_object(o, NULL);
	dump_uint(o, "chunks", chain->count);
	dump_begin_array(o, "payloads");
	for (size_t i = 0; i < chain->count; i++) {
		struct mapi_rpc_header_ext h;
		size_t at = r.pos;
		mapi_rpc_header_ext_pull(&r, &h);
		wc_read_skip(&r, h.size);
		dump_begin_object(o, NULL);
		dump_uint(o, "offset", at);
		dump_hex(o, "version", h.version, 4);
		dump_flags(o, h.flags);
		dump_uint(o, "size", h.size);
		dump_uint(o, "size_actual", h.size_actual);
		dump_bytes(o, "payload", chain->payloads[i].data, chain->payloads[i].len);
		dump_end_object(o);
	}
	dump_end_array(o);
	dump_end_object(o);
	return 0;
}

const struct dump_kind dump_kind_rpc_ext = {
        .name = "rpc-ext",
        .args_usage = "",
        .help = "RPC_HEADER_EXT chain, payloads decompressed and de-obfuscated",
        .run = run_rpc_ext,
};
