/* warpcore mapi: the extended buffer of MS-OXCRPC 3.1.4.1.1 / 3.1.4.2.1 — a chain of RPC_HEADER_EXT
 * (2.2.2.1) + payload chunks, each payload optionally LZ77-compressed (3.1.4.1.1.2) and/or XOR-obfuscated
 * (3.1.4.1.1.3), the last chunk flagged Last. Used by rgbIn/rgbOut/rgbAuxIn/rgbAuxOut of EcDoConnectEx and
 * EcDoRpcExt2, and by the MAPI/HTTP Execute and Connect bodies that carry the same buffers
 * (MS-OXCMAPIHTTP 2.2.4.1, 2.2.4.2). */
#ifndef MAPI_RPC_EXT_H
#define MAPI_RPC_EXT_H

#include "common/wc_buf.h"

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

/* MS-OXCRPC 2.2.2.1 Flags */
#define MAPI_RPC_EXT_COMPRESSED 0x0001
#define MAPI_RPC_EXT_XOR_MAGIC 0x0002
#define MAPI_RPC_EXT_LAST 0x0004

#define MAPI_RPC_EXT_HEADER_SIZE 8 /* 2.2.2.1: four 16-bit fields */
/* 3.1.4.2.1: "A single payload MUST NOT exceed 32 KB in size." Applied to SizeActual on decode and to each
 * payload on encode. */
#define MAPI_RPC_EXT_MAX_PAYLOAD 0x8000
/* 3.1.4.2: cbIn and pcbOut larger than 0x00040000 are rejected (RPC_X_BAD_STUB_DATA); a sensible max_total
 * for a whole rgbIn/rgbOut. rgbAuxIn/rgbAuxOut are limited to 0x1008 (2.2.1.4 SMALL_RANGE_ULONG, 3.1.4.2). */
#define MAPI_RPC_EXT_MAX_BUFFER 0x40000
#define MAPI_RPC_EXT_MAX_AUX_BUFFER 0x1008

/* MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT */
struct mapi_rpc_header_ext {
	uint16_t version;     /* MUST be 0x0000 */
	uint16_t flags;       /* MAPI_RPC_EXT_* */
	uint16_t size;        /* payload bytes on the wire after this header */
	uint16_t size_actual; /* payload bytes once decompressed; == size unless Compressed */
};

/* One payload of a chain. Decoded: data is the de-obfuscated, decompressed payload and flags the chunk's
 * header flags as received. To encode: flags requests MAPI_RPC_EXT_COMPRESSED and/or MAPI_RPC_EXT_XOR_MAGIC
 * (MAPI_RPC_EXT_LAST is ignored: the encoder sets it on the final chunk). */
struct mapi_rpc_ext_payload {
	uint16_t flags;
	const uint8_t *data;
	size_t len;
};

/* A decoded chain: count payloads, whose data lie one after the other in data[0..len), so data is also the
 * concatenation of all payloads. */
struct mapi_rpc_ext_chain {
	size_t count;
	struct mapi_rpc_ext_payload *payloads;
	uint8_t *data;
	size_t len;
};

/* MS-OXCRPC 3.1.4.1.1.3: XOR every byte with 0xA5 (its own inverse). */
void mapi_rpc_ext_xor_magic(uint8_t *buf, size_t len);

/* MS-OXCRPC 2.2.2.1: reads 8 bytes and checks the structure's own rules: Version 0, no flag outside
 * Compressed|XorMagic|Last, Size == SizeActual when not Compressed, Size < SizeActual when Compressed.
 * Returns 0 or WC_EFORMAT (the reader is then left where it was). */
int mapi_rpc_header_ext_pull(struct wc_reader *r, struct mapi_rpc_header_ext *h);
/* Writes the 8 bytes as given (no checks); false when the writer failed. */
bool mapi_rpc_header_ext_push(struct wc_writer *w, const struct mapi_rpc_header_ext *h);

/* MS-OXCRPC 3.1.4.2.1.1: decodes a whole extended buffer buf[0..len): every chunk is de-obfuscated, then
 * decompressed to exactly SizeActual bytes. Errors: WC_EFORMAT for a bad header (see above), a Size larger
 * than what is left, a buffer that ends without a Last chunk, bytes after the Last chunk, or len 0; WC_ERANGE
 * for a SizeActual above MAPI_RPC_EXT_MAX_PAYLOAD; WC_ESPACE when the payloads would total more than
 * max_total bytes; WC_ECORRUPT for a compressed payload that does not decompress to SizeActual; WC_ENOMEM.
 * The limits are checked on the headers before anything is allocated or decompressed. On success *chain is
 * allocated on mem; on failure nothing is left allocated. */
int mapi_rpc_ext_pull(TALLOC_CTX *mem, const uint8_t *buf, size_t len, size_t max_total,
                      struct mapi_rpc_ext_chain **chain);

/* MS-OXCRPC 3.1.4.2.1.1: appends count (>= 1) payloads as chunks, compressing first and then obfuscating as
 * each payload's flags request; a payload that LZ77 does not shrink is sent uncompressed (3.1.4.2.1.1: the
 * sender can choose not to compress), and the chunk's flags say what was done. The last chunk gets Last.
 * Returns 0, WC_EINVAL (count 0 or a flag other than Compressed|XorMagic|Last), WC_ERANGE (a payload over
 * MAPI_RPC_EXT_MAX_PAYLOAD), or the writer's error (WC_ENOMEM, WC_ESPACE for its limit); on failure the
 * writer is cut back to the length it had on entry. */
int mapi_rpc_ext_push(struct wc_writer *w, const struct mapi_rpc_ext_payload *payloads, size_t count);

#endif
