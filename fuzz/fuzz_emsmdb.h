/* What the emsmdb_execute() fuzz targets share: run one input on a session and check the result. Input: byte
 * 0 = pulFlags (low 2 bits), bytes 1-2 = MaxRopOut (LE), rest = rgbIn (size >= 3). Checks: ecSuccess comes
 * with an rgbOut that decodes (MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT chain) within MaxRopOut and holds its
 * RopSize; a failure comes with no output. Aborts otherwise. */
#ifndef FUZZ_EMSMDB_H
#define FUZZ_EMSMDB_H

#include <stdlib.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_rpc_ext.h"
#include "server/emsmdb/emsmdb.h"

static inline void fuzz_emsmdb_run(struct emsmdb_session *s, TALLOC_CTX *mem, const uint8_t *data,
                                   size_t size)
{
	size_t max_out = (size_t)data[1] | (size_t)data[2] << 8;
	uint8_t *out;
	size_t out_len;
	uint32_t ec = emsmdb_execute(s, mem, data[0] & 3, data + 3, size - 3, max_out, &out, &out_len);
	if (ec == ecSuccess) {
		struct mapi_rpc_ext_chain *chain;
		if (out_len > max_out ||
		    mapi_rpc_ext_pull(mem, out, out_len, MAPI_RPC_EXT_MAX_BUFFER, &chain) != 0 ||
		    chain->len < 2 || (size_t)(chain->data[0] | chain->data[1] << 8) > chain->len)
			abort();
	} else if (out != NULL || out_len != 0) {
		abort();
	}
}

#endif
