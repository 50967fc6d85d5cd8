/* Fuzz RPC_HEADER_EXT chains (src/mapi/mapi_rpc_ext.c): decode with decompression; whatever decodes must
 * re-encode with the same requested flags and decode to the same payloads, and a chain without compressed
 * chunks must re-encode to exactly its input bytes. */
#include "mapi/mapi_rpc_ext.h"
#include "common/wc_error.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_rpc_ext_chain *chain;
	int ret = mapi_rpc_ext_pull(mem, data, size, MAPI_RPC_EXT_MAX_BUFFER, &chain);
	if (ret != 0) {
		if (ret != WC_EFORMAT && ret != WC_ERANGE && ret != WC_ESPACE && ret != WC_ECORRUPT)
			abort();
		if (talloc_total_blocks(mem) != 1) /* nothing left behind */
			abort();
		talloc_free(mem);
		return 0;
	}
	bool any_compressed = false;
	size_t total = 0;
	for (size_t i = 0; i < chain->count; i++) {
		const struct mapi_rpc_ext_payload *p = &chain->payloads[i];
		if (p->data != chain->data + total || p->len > MAPI_RPC_EXT_MAX_PAYLOAD)
			abort();
		if (((p->flags & MAPI_RPC_EXT_LAST) != 0) != (i == chain->count - 1))
			abort();
		any_compressed |= (p->flags & MAPI_RPC_EXT_COMPRESSED) != 0;
		total += p->len;
	}
	if (chain->count == 0 || total != chain->len)
		abort();

	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_rpc_ext_push(&w, chain->payloads, chain->count) != 0)
		abort();
	if (!any_compressed && (w.len != size || memcmp(w.data, data, size) != 0))
		abort();
	struct mapi_rpc_ext_chain *again;
	if (mapi_rpc_ext_pull(mem, w.data, w.len, MAPI_RPC_EXT_MAX_BUFFER, &again) != 0 ||
	    again->count != chain->count || again->len != chain->len ||
	    memcmp(again->data, chain->data, chain->len) != 0)
		abort();
	for (size_t i = 0; i < chain->count; i++) {
		uint16_t asked = chain->payloads[i].flags, got = again->payloads[i].flags;
		if (again->payloads[i].len != chain->payloads[i].len ||
		    (asked & MAPI_RPC_EXT_XOR_MAGIC) != (got & MAPI_RPC_EXT_XOR_MAGIC) ||
		    ((got & MAPI_RPC_EXT_COMPRESSED) != 0 && (asked & MAPI_RPC_EXT_COMPRESSED) == 0))
			abort();
	}
	talloc_free(mem);
	return 0;
}
