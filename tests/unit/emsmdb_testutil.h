/* Fixture shared by the ROP handler tests (test_emsmdb_*.c): a temporary provisioned sqlite mailbox, a
 * session whose handle table holds a logon (index 0) and the Inbox folder (index 1), and execute(), which
 * runs a ROP request buffer built byte by byte from the MS-OXCROPS layouts through emsmdb_execute(). The
 * logon and folder objects are put into the handle table directly (what RopLogon and RopOpenFolder do), and
 * the codec state is told that LogonId 0 is a private logon. */
#ifndef EMSMDB_TESTUTIL_H
#define EMSMDB_TESTUTIL_H

#include "testutil.h"
#include "common/mapi_errors.h"
#include "mapi/mapi_proptags_gen.h"
#include "server/auth/auth.h"
#include "server/emsmdb/emsmdb.h"
#include "store/mapistore.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fx {
	TALLOC_CTX *mem;
	char dir[64];
	char *uri;
	struct emsmdb_session *s;
	struct ms_mailbox *mb;
	uint64_t inbox;
	uint64_t fids[MS_SPECIAL_COUNT]; /* the special folders */
	/* the buffer's handle table: [0] logon, [1] Inbox folder, [2..9] outputs */
	uint32_t handles[10];
};

static inline int setup(void **state)
{
	struct fx *f = talloc_zero(NULL, struct fx);
	f->mem = f;
	strcpy(f->dir, "/tmp/wc-emsmdb-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->uri = talloc_asprintf(f, "sqlite://%s/mbox.db", f->dir);
	struct wc_guid g1 = {.d1 = 1}, g2 = {.d1 = 2};
	assert_int_equal(ms_mailbox_create(f, f->uri, &g1, &g2, &f->mb), ecSuccess);
	assert_int_equal(ms_mailbox_provision(f->mb, "en"), ecSuccess);
	assert_int_equal(ms_mailbox_special_folders(f->mb, f->fids), ecSuccess);
	f->inbox = f->fids[MS_SPECIAL_INBOX];
	struct auth_user u = {
	        .mid = 16, .alias = "alice", .display_name = "Alice", .legacy_dn = "/o=x/cn=alice"};
	f->s = emsmdb_session_new(f, &u, u.legacy_dn, 1);
	assert_non_null(f->s);
	rop_ctx_set_logon(&f->s->codec, 0, true);
	struct emsmdb_logon *l = talloc_zero(f, struct emsmdb_logon);
	l->mailbox = talloc_steal(l, f->mb);
	struct ms_mailbox_info info;
	ms_mailbox_get_info(f->mb, &info);
	l->replid = info.replid;
	l->replica_guid = info.replica_guid;
	memcpy(l->special_fids, f->fids, sizeof l->special_fids);
	struct emsmdb_object *logon = emsmdb_handle_new(f->s, NULL, EMSMDB_OBJ_LOGON, l);
	struct ms_folder *inbox;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f, &inbox), ecSuccess);
	struct emsmdb_object *folder = emsmdb_handle_new(f->s, logon, EMSMDB_OBJ_FOLDER, inbox);
	f->handles[0] = logon->handle;
	f->handles[1] = folder->handle;
	for (int i = 2; i < 10; i++)
		f->handles[i] = 0xFFFFFFFF;
	*state = f;
	return 0;
}

static inline int teardown(void **state)
{
	struct fx *f = *state;
	talloc_free(f->s); /* the logon owns the mailbox */
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(f);
	return 0;
}

/* A FID/MID as its 8 wire bytes (MS-OXCDATA 2.2.1.1: the value read little-endian), as hex */
static inline const char *id_hex(TALLOC_CTX *mem, uint64_t id)
{
	char *s = talloc_strdup(mem, "");
	for (int i = 0; i < 8; i++)
		s = talloc_asprintf_append(s, "%02x", (unsigned)(id >> (8 * i)) & 0xFF);
	return s;
}

/* Runs one ROP request buffer (MS-OXCROPS 2.2.1: RopSize, RopsList from the format, the fixture's handle
 * table) without compression or obfuscation; returns the RopsList of the response (without RopSize) and
 * takes the response's handle table into the fixture. */
static inline const uint8_t *execute(struct fx *f, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *hex = talloc_vasprintf(f->mem, fmt, ap);
	va_end(ap);
	size_t n;
	uint8_t *rops = tu_hex(f->mem, hex, &n);
	size_t in_len = 8 + 2 + n + sizeof f->handles;
	uint8_t *in = talloc_zero_array(f->mem, uint8_t, in_len);
	size_t size = 2 + n + sizeof f->handles;
	/* RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1): Version 0, Flags Last, Size, SizeActual */
	uint8_t hdr[8] = {
	        0, 0, 4, 0, (uint8_t)size, (uint8_t)(size >> 8), (uint8_t)size, (uint8_t)(size >> 8)};
	memcpy(in, hdr, 8);
	in[8] = (uint8_t)(n + 2);
	in[9] = (uint8_t)((n + 2) >> 8);
	memcpy(in + 10, rops, n);
	for (int i = 0; i < 10; i++)
		for (int b = 0; b < 4; b++)
			in[10 + n + 4 * i + b] = (uint8_t)(f->handles[i] >> (8 * b));
	uint8_t *out;
	size_t out_len;
	assert_int_equal(emsmdb_execute(f->s, f->mem, EMSMDB_NO_COMPRESSION | EMSMDB_NO_XOR_MAGIC, in, in_len,
	                                0x8000, &out, &out_len),
	                 ecSuccess);
	assert_true(out_len >= 8 + 2 + sizeof f->handles);
	size_t rop_size = out[8] | (size_t)out[9] << 8;
	assert_int_equal(8 + rop_size + sizeof f->handles, out_len);
	for (int i = 0; i < 10; i++)
		f->handles[i] = (uint32_t)out[8 + rop_size + 4 * i] |
		                (uint32_t)out[8 + rop_size + 4 * i + 1] << 8 |
		                (uint32_t)out[8 + rop_size + 4 * i + 2] << 16 |
		                (uint32_t)out[8 + rop_size + 4 * i + 3] << 24;
	*len = rop_size - 2;
	return out + 10;
}

static inline uint32_t u32_at(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline uint64_t u64_at(const uint8_t *p)
{
	return (uint64_t)u32_at(p) | (uint64_t)u32_at(p + 4) << 32;
}

/* A response of only RopId, handle index and ReturnValue (the failure layouts, MS-OXCROPS 2.2.6.x.3) */
static inline void assert_failure(const uint8_t *r, size_t len, uint8_t rop_id, uint32_t ec)
{
	assert_int_equal(len, 6);
	assert_int_equal(r[0], rop_id);
	assert_int_equal(u32_at(r + 2), ec);
}

#endif
