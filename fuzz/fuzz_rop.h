/* Shared by the ROP fuzz targets. */
#ifndef FUZZ_ROP_H
#define FUZZ_ROP_H

#include "mapi/rop.h"

/* The codec state a fuzz input starts from: LogonId n is a private mailbox logon when bit n % 8 of seed is
 * set. */
static inline void fuzz_rop_ctx(struct rop_ctx *ctx, uint8_t seed)
{
	rop_ctx_init(ctx);
	for (int n = 0; n < ROP_MAX_HANDLES; n++)
		rop_ctx_set_logon(ctx, (uint8_t)n, seed & (1u << (n % 8)));
}

#endif
