/* warpcore mapi: the Plain LZ77 codec that MS-OXCRPC 3.1.4.1.1.2 uses for compressed RPC_HEADER_EXT
 * payloads. MS-OXCRPC describes it as "LZ77 + DIRECT2"; its bit-exact definition is MS-XCA 2.3 (compression)
 * and 2.4 (decompression): 32-bit flag words (1 = match), 2-byte match tokens with a 13-bit offset and a
 * 3-bit length, longer lengths in a shared nibble, then 1, 2 or 4 more bytes. No Huffman stage. */
#ifndef MAPI_LZ77_H
#define MAPI_LZ77_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/* The largest output mapi_lz77_compress() can produce for n input bytes: every byte a literal, plus one
 * 32-bit flag word per 32 items and the final flag word (MS-XCA 2.3.4). A match is never longer than the
 * literals it replaces, so this holds for any input. */
#define MAPI_LZ77_BOUND(n) ((n) + 4 * ((n) / 32 + 1))

/* MS-XCA 2.4 Plain LZ77 decompression of in[0..in_len) into exactly out_len bytes at out (the size the
 * sender announced, e.g. RPC_HEADER_EXT SizeActual). Returns 0, or WC_ECORRUPT when the stream is truncated,
 * a match reaches before the start of the output, the output would overrun out_len, a long length is
 * malformed, or the stream ends with fewer than out_len bytes produced. Never reads or writes out of bounds;
 * on failure out holds garbage. */
int mapi_lz77_decompress(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len);

/* MS-XCA 2.3 Plain LZ77 compression (greedy parsing over hash chains) of in[0..in_len) into out,
 * which has room for out_cap bytes. Returns 0 with *out_len set; WC_ESPACE when the result does not fit
 * out_cap (pass out_cap = in_len - 1 to ask "does it shrink?"; MAPI_LZ77_BOUND(in_len) always fits);
 * WC_ERANGE when in_len exceeds UINT32_MAX; WC_ENOMEM. The match tables (about 48 KiB) are allocated on a
 * temporary child of mem and freed before returning. */
int mapi_lz77_compress(TALLOC_CTX *mem, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                       size_t *out_len);

#endif
