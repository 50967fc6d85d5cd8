/* The fixture of the ROP handler tests (test_emsmdb_ox*.c): a temporary provisioned sqlite mailbox, a session
 * of its user, and ROP request buffers built from hex (the MS-OXCROPS layouts, byte by byte) run through
 * emsmdb_execute(). The logon and Inbox objects are put into the handle table directly (what RopLogon and
 * RopOpenFolder do), and the codec state is told that LogonId 0 is a private logon.
 *
 *	setup: emsmdb_fx_setup(state, "/tmp/wc-NAME-XXXXXX"); teardown: emsmdb_fx_teardown(state), or both
 *	       as cmocka's setup/teardown: EMSMDB_FX_SETUP_TEARDOWN("/tmp/wc-NAME-XXXXXX")
 *	r = execute(f, &len, "03 00 01 03 ...", ...);   the response RopsList (without RopSize)
 */
#ifndef EMSMDB_FIXTURE_H
#define EMSMDB_FIXTURE_H

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

#define FX_HANDLES 10

struct fx {
	TALLOC_CTX *mem;
	char dir[64];
	char *uri;
	struct emsmdb_session *s;
	struct ms_mailbox *mb;
	uint64_t inbox;
	uint64_t fids[MS_SPECIAL_COUNT]; /* the special folders */
	struct ms_folder *inbox_folder; /* the data of the Inbox object at handle index 1 */
	size_t max_out;                 /* MaxRopOut of execute(): 0x8000 unless a test changes it */
	/* the buffer's handle table: [0] logon, [1] Inbox folder, [2..] outputs (0xFFFFFFFF at first) */
	uint32_t handles[FX_HANDLES];
	/* a second session of a test that needs one (test_emsmdb_stream.c), freed by the teardown */
	struct emsmdb_session *other;
	uint32_t other_handles[FX_HANDLES];
};

static inline int emsmdb_fx_setup(void **state, const char *dir_template)
{
	struct fx *f = talloc_zero(NULL, struct fx);
	f->mem = f;
	f->max_out = 0x8000;
	snprintf(f->dir, sizeof f->dir, "%s", dir_template);
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
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f, &f->inbox_folder), ecSuccess);
	struct emsmdb_object *folder = emsmdb_handle_new(f->s, logon, EMSMDB_OBJ_FOLDER, f->inbox_folder);
	f->handles[0] = logon->handle;
	f->handles[1] = folder->handle;
	for (int i = 2; i < FX_HANDLES; i++)
		f->handles[i] = 0xFFFFFFFF;
	*state = f;
	return 0;
}

static inline int emsmdb_fx_teardown(void **state)
{
	struct fx *f = *state;
	talloc_free(f->other);
	talloc_free(f->s); /* the logon owns the mailbox */
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(f);
	return 0;
}

/* The cmocka setup and teardown of a test file that needs nothing more than the fixture */
#define EMSMDB_FX_SETUP_TEARDOWN(dir_template)                                                              \
	static int setup(void **state)                                                                      \
	{                                                                                                   \
		return emsmdb_fx_setup(state, dir_template);                                                \
	}                                                                                                   \
	static int teardown(void **state)                                                                   \
	{                                                                                                   \
		return emsmdb_fx_teardown(state);                                                           \
	}

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

/* A response of only RopId, handle index and ReturnValue (the failure layouts, MS-OXCROPS 2.2.x.x.3) */
static inline void assert_failure(const uint8_t *r, size_t len, uint8_t rop_id, uint32_t ec)
{
	assert_int_equal(len, 6);
	assert_int_equal(r[0], rop_id);
	assert_int_equal(u32_at(r + 2), ec);
}

/* The bytes of hex made from a printf format (tu_hex: spaces between bytes allowed), on f->mem. */
static inline uint8_t *fx_bytes(struct fx *f, size_t *n, const char *fmt, va_list ap)
{
	return tu_hex(f->mem, talloc_vasprintf(f->mem, fmt, ap), n);
}

/* Runs one ROP request buffer (MS-OXCROPS 2.2.1: RopSize, RopsList from the format, the fixture's handle
 * table) within f->max_out, without compression or obfuscation; returns the RopsList of the response (without
 * RopSize) and takes the response's handle table into the fixture. */
static inline const uint8_t *execute(struct fx *f, size_t *len, const char *fmt, ...)
{
	va_list ap;
	size_t n;
	va_start(ap, fmt);
	uint8_t *rops = fx_bytes(f, &n, fmt, ap);
	va_end(ap);
	size_t size = 2 + n + sizeof f->handles;
	uint8_t *in = talloc_zero_array(f->mem, uint8_t, 8 + size);
	/* RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1): Version 0, Flags Last, Size, SizeActual */
	uint8_t hdr[8] = {
	        0, 0, 4, 0, (uint8_t)size, (uint8_t)(size >> 8), (uint8_t)size, (uint8_t)(size >> 8)};
	memcpy(in, hdr, 8);
	in[8] = (uint8_t)(n + 2);
	in[9] = (uint8_t)((n + 2) >> 8);
	memcpy(in + 10, rops, n);
	for (int i = 0; i < FX_HANDLES; i++)
		for (int b = 0; b < 4; b++)
			in[10 + n + 4 * i + b] = (uint8_t)(f->handles[i] >> (8 * b));
	uint8_t *out;
	size_t out_len;
	assert_int_equal(emsmdb_execute(f->s, f->mem, EMSMDB_NO_COMPRESSION | EMSMDB_NO_XOR_MAGIC, in,
	                                8 + size, f->max_out, &out, &out_len),
	                 ecSuccess);
	assert_true(out_len >= 8 + 2 + sizeof f->handles);
	size_t rop_size = out[8] | (size_t)out[9] << 8;
	assert_int_equal(8 + rop_size + sizeof f->handles, out_len);
	for (int i = 0; i < FX_HANDLES; i++)
		f->handles[i] = u32_at(out + 8 + rop_size + 4 * i);
	*len = rop_size - 2;
	return out + 10;
}

#endif
