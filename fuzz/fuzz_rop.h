/* Shared by the ROP fuzz targets. */
#ifndef FUZZ_ROP_H
#define FUZZ_ROP_H

#include "mapi/rop.h"

/* Tables RopNotify rows decode against: server handle 1 has the columns of the MS-OXCNOTIF 4 examples
 * (PtypString, PtypBinary), handle 2 a mix of fixed, typed (PtypUnspecified) and multi-valued columns; rows
 * for any other handle stay bytes. */
static const uint32_t fuzz_notify_columns_1[] = {0x3001001F, 0x0FFF0102};
static const uint32_t fuzz_notify_columns_2[] = {0x0E080003, 0x0E170000, 0x8001101F, 0x0E1B000B};
static const struct rop_notify_table fuzz_notify_tables[] = {
        {1, 2, fuzz_notify_columns_1},
        {2, 4, fuzz_notify_columns_2},
};

/* The codec state a fuzz input starts from: LogonId n is a private mailbox logon when bit n % 8 of seed is
 * set; the notification tables above. */
static inline void fuzz_rop_ctx(struct rop_ctx *ctx, uint8_t seed)
{
	rop_ctx_init(ctx);
	for (int n = 0; n < ROP_MAX_HANDLES; n++)
		rop_ctx_set_logon(ctx, (uint8_t)n, seed & (1u << (n % 8)));
	ctx->notify_table_count = sizeof fuzz_notify_tables / sizeof fuzz_notify_tables[0];
	ctx->notify_tables = fuzz_notify_tables;
}

#endif
