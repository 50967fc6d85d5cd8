/* Helpers shared by the ROP handler tests (test_emsmdb_ox*.c): one ROP request buffer through
 * emsmdb_execute() with a handle table of EMSMDB_TU_HANDLES entries, IDs as wire hex, little-endian reads. */
#ifndef EMSMDB_TESTUTIL_H
#define EMSMDB_TESTUTIL_H

#include "testutil.h"
#include "common/mapi_errors.h"
#include "server/emsmdb/emsmdb.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EMSMDB_TU_HANDLES 10

/* A FID/MID as its 8 wire bytes (MS-OXCDATA 2.2.1.1: the value read little-endian), as hex */
static inline const char *id_hex(TALLOC_CTX *mem, uint64_t id)
{
	char *s = talloc_strdup(mem, "");
	for (int i = 0; i < 8; i++)
		s = talloc_asprintf_append(s, "%02x", (unsigned)(id >> (8 * i)) & 0xFF);
	return s;
}

static inline uint32_t u32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t u64_at(const uint8_t *p)
{
	return (uint64_t)u32_at(p) | (uint64_t)u32_at(p + 4) << 32;
}

/* Runs one ROP request buffer (MS-OXCROPS 2.2.1: RopSize, the RopsList hex, the handle table handles)
 * without compression or obfuscation within max_out bytes of output; returns the RopsList of the response
 * (without RopSize) and takes the response's handle table into handles. */
static inline const uint8_t *emsmdb_tu_execute_max(struct emsmdb_session *s, TALLOC_CTX *mem,
                                                   uint32_t handles[EMSMDB_TU_HANDLES], size_t max_out,
                                                   size_t *len, const char *hex)
{
	size_t n;
	uint8_t *rops = tu_hex(mem, hex, &n);
	size_t table = 4 * EMSMDB_TU_HANDLES;
	size_t in_len = 8 + 2 + n + table;
	uint8_t *in = talloc_zero_array(mem, uint8_t, in_len);
	size_t size = 2 + n + table;
	/* RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1): Version 0, Flags Last, Size, SizeActual */
	uint8_t hdr[8] = {
	        0, 0, 4, 0, (uint8_t)size, (uint8_t)(size >> 8), (uint8_t)size, (uint8_t)(size >> 8)};
	memcpy(in, hdr, 8);
	in[8] = (uint8_t)(n + 2);
	in[9] = (uint8_t)((n + 2) >> 8);
	memcpy(in + 10, rops, n);
	for (int i = 0; i < EMSMDB_TU_HANDLES; i++)
		for (int b = 0; b < 4; b++)
			in[10 + n + 4 * i + b] = (uint8_t)(handles[i] >> (8 * b));
	uint8_t *out;
	size_t out_len;
	assert_int_equal(emsmdb_execute(s, mem, EMSMDB_NO_COMPRESSION | EMSMDB_NO_XOR_MAGIC, in, in_len,
	                                max_out, &out, &out_len),
	                 ecSuccess);
	assert_true(out_len >= 8 + 2 + table);
	size_t rop_size = out[8] | (size_t)out[9] << 8;
	assert_int_equal(8 + rop_size + table, out_len);
	for (int i = 0; i < EMSMDB_TU_HANDLES; i++)
		handles[i] = u32_at(out + 8 + rop_size + 4 * i);
	*len = rop_size - 2;
	return out + 10;
}

/* emsmdb_tu_execute_max() with room to spare (32 KiB), the RopsList given as printf-style hex */
static inline const uint8_t *emsmdb_tu_execute(struct emsmdb_session *s, TALLOC_CTX *mem,
                                               uint32_t handles[EMSMDB_TU_HANDLES], size_t *len,
                                               const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *hex = talloc_vasprintf(mem, fmt, ap);
	va_end(ap);
	return emsmdb_tu_execute_max(s, mem, handles, 0x8000, len, hex);
}

/* What RopLogon and RopOpenFolder would do: the logon l (its mailbox stolen below it) at handle index 0,
 * folder fid of its mailbox at index 1, the other indexes empty; the codec told LogonId 0 is private. */
static inline void emsmdb_tu_logon(struct emsmdb_session *s, struct emsmdb_logon *l, struct ms_mailbox *mb,
                                   uint64_t fid, uint32_t handles[EMSMDB_TU_HANDLES])
{
	rop_ctx_set_logon(&s->codec, 0, true);
	l->mailbox = talloc_steal(l, mb);
	struct emsmdb_object *logon = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, l);
	struct ms_folder *folder;
	assert_int_equal(ms_folder_open(mb, fid, l, &folder), ecSuccess);
	handles[0] = logon->handle;
	handles[1] = emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, folder)->handle;
	for (int i = 2; i < EMSMDB_TU_HANDLES; i++)
		handles[i] = 0xFFFFFFFF;
}

/* The ROPs of fmt on the fixture f (a struct with session s, talloc context mem and handle table handles) */
#define execute(f, len, ...) emsmdb_tu_execute((f)->s, (f)->mem, (f)->handles, len, __VA_ARGS__)

/* Frees a test's session (its logon owns the mailbox) and removes its temporary directory. */
static inline void emsmdb_tu_cleanup(struct emsmdb_session *s, const char *dir)
{
	talloc_free(s);
	char *cmd = talloc_asprintf(NULL, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(cmd);
}

/* Runs the ROPs of request (hex) and checks the whole response against want (hex) */
#define expect_rops(f, request, want)                                                                        \
	do {                                                                                                 \
		size_t len_, n_;                                                                             \
		const uint8_t *r_ = execute(f, &len_, "%s", request);                                        \
		const uint8_t *w_ = tu_hex((f)->mem, want, &n_);                                             \
		tu_assert_bytes(r_, len_, w_, n_);                                                           \
	} while (0)

/* A response of only RopId, handle index and ReturnValue (the failure layouts of MS-OXCROPS 2.2.x) */
static inline void assert_failure(const uint8_t *r, size_t len, uint8_t rop_id, uint32_t ec)
{
	assert_int_equal(len, 6);
	assert_int_equal(r[0], rop_id);
	assert_int_equal(u32_at(r + 2), ec);
}

#endif
