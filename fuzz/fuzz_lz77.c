/* Fuzz MS-XCA Plain LZ77 (src/mapi/mapi_lz77.c).
 * 1. The first two bytes (little-endian, like RPC_HEADER_EXT SizeActual) give the expected size; the rest is
 * a stream to decompress. It must succeed or fail with WC_ECORRUPT; what it accepts must compress and
 *    decompress back to itself.
 * 2. The whole input compressed and decompressed must come back unchanged. */
#include "mapi/mapi_lz77.h"
#include "common/wc_error.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(const uint8_t *in, size_t n)
{
	size_t cap = MAPI_LZ77_BOUND(n), clen;
	uint8_t *c = malloc(cap), *back = malloc(n + 1);
	if (mapi_lz77_compress(NULL, in, n, c, cap, &clen) != 0 || clen > cap)
		abort();
	if (mapi_lz77_decompress(c, clen, back, n) != 0 || memcmp(back, in, n) != 0)
		abort();
	/* one byte less room than that must be refused, never overrun */
	if (clen > 0 && mapi_lz77_compress(NULL, in, n, c, clen - 1, &clen) != WC_ESPACE)
		abort();
	free(c);
	free(back);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size >= 2) {
		size_t out_len = (size_t)data[0] | (size_t)data[1] << 8;
		uint8_t *out = malloc(out_len + 1);
		int ret = mapi_lz77_decompress(data + 2, size - 2, out, out_len);
		if (ret != 0 && ret != WC_ECORRUPT)
			abort();
		if (ret == 0)
			round_trip(out, out_len);
		free(out);
	}
	round_trip(data, size);
	return 0;
}
