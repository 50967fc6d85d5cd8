/* src/server/emsmdb: the server object handle table (MS-OXCROPS 2.2.1, 3.1.4.1) and emsmdb_execute() on ROP
 * buffers built byte by byte from MS-OXCROPS 2.2.1 / MS-OXCRPC 2.2.2.1. */
#include "testutil.h"
#include "common/mapi_errors.h"
#include "server/auth/auth.h"
#include "server/emsmdb/emsmdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static struct emsmdb_session *session(TALLOC_CTX *mem)
{
	struct auth_user u = {
	        .mid = 16, .alias = "alice", .display_name = "Alice", .legacy_dn = "/o=x/cn=alice"};
	struct emsmdb_session *s = emsmdb_session_new(mem, &u, u.legacy_dn, 3);
	assert_non_null(s);
	return s;
}

static int freed;
static int count_free(int *p)
{
	(void)p;
	freed++;
	return 0;
}

static int *tracked(TALLOC_CTX *mem)
{
	int *p = talloc(mem, int);
	talloc_set_destructor(p, count_free);
	return p;
}

/* Handles are distinct, never 0xFFFFFFFF; get checks the type; release frees the subtree and its handles. */
static void test_handles(void **state)
{
	struct emsmdb_session *s = session(*state);
	freed = 0;
	struct emsmdb_object *logon = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, tracked(*state));
	struct emsmdb_object *folder = emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, tracked(*state));
	struct emsmdb_object *msg = emsmdb_handle_new(s, folder, EMSMDB_OBJ_MESSAGE, tracked(*state));
	struct emsmdb_object *other = emsmdb_handle_new(s, logon, EMSMDB_OBJ_TABLE, NULL);
	assert_non_null(logon);
	assert_non_null(msg);
	uint32_t hl = logon->handle, hf = folder->handle, hm = msg->handle, ho = other->handle;
	assert_true(hl != hf && hf != hm && hm != ho && hl != ROP_INVALID_HANDLE);
	assert_int_equal(emsmdb_handle_count(s), 4);
	assert_ptr_equal(emsmdb_handle_get(s, hf, EMSMDB_OBJ_FOLDER | EMSMDB_OBJ_LOGON), folder);
	assert_null(emsmdb_handle_get(s, hf, EMSMDB_OBJ_MESSAGE));
	assert_null(emsmdb_handle_get(s, ROP_INVALID_HANDLE, EMSMDB_OBJ_ANY));
	assert_ptr_equal(msg->parent, folder);

	assert_int_equal(emsmdb_handle_release(s, hf), 0); /* the folder and its message */
	assert_int_equal(freed, 2);
	assert_null(emsmdb_handle_get(s, hf, EMSMDB_OBJ_ANY));
	assert_null(emsmdb_handle_get(s, hm, EMSMDB_OBJ_ANY));
	assert_ptr_equal(emsmdb_handle_get(s, ho, EMSMDB_OBJ_TABLE), other);
	assert_int_equal(emsmdb_handle_count(s), 2);
	assert_int_equal(emsmdb_handle_release(s, hf), WC_EINVAL);
	/* new handles do not reuse released ones */
	struct emsmdb_object *again = emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, NULL);
	assert_true(again->handle != hf && again->handle != hm);
	/* freeing the session frees the rest */
	talloc_free(s);
	assert_int_equal(freed, 3);
}

/* rgbIn/rgbOut helpers: RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1) with Last, no compression or obfuscation. */
static uint8_t *rgb_in(TALLOC_CTX *mem, const char *rop_buffer_hex, size_t *len)
{
	size_t n;
	uint8_t *rops = tu_hex(mem, rop_buffer_hex, &n);
	uint8_t *b = talloc_array(mem, uint8_t, n + 8);
	uint8_t hdr[8] = {0, 0, 4, 0, (uint8_t)n, (uint8_t)(n >> 8), (uint8_t)n, (uint8_t)(n >> 8)};
	memcpy(b, hdr, 8);
	memcpy(b + 8, rops, n);
	*len = n + 8;
	return b;
}

static void expect_execute(struct emsmdb_session *s, const char *in_hex, size_t max_out, uint32_t want_ec,
                           const char *want_out_hex)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t in_len, out_len, want_len;
	uint8_t *in = rgb_in(mem, in_hex, &in_len), *out;
	assert_int_equal(emsmdb_execute(s, mem, EMSMDB_NO_COMPRESSION | EMSMDB_NO_XOR_MAGIC, in, in_len,
	                                max_out, &out, &out_len),
	                 want_ec);
	if (want_out_hex == NULL) {
		assert_int_equal(out_len, 0);
	} else {
		uint8_t *want = tu_hex(mem, want_out_hex, &want_len);
		assert_true(out_len >= 8);
		assert_int_equal(out[2], 0x04); /* Flags: Last only */
		tu_assert_bytes(out + 8, out_len - 8, want, want_len);
	}
	talloc_free(mem);
}

/* RopRelease (MS-OXCROPS 2.2.15.3): no response; frees the object of the handle at InputHandleIndex. */
static void test_execute_release(void **state)
{
	struct emsmdb_session *s = session(*state);
	freed = 0;
	struct emsmdb_object *logon = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, NULL);
	struct emsmdb_object *folder = emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, tracked(*state));
	assert_int_equal(folder->handle, 2);
	/* RopSize 5 | RopRelease LogonId 0 InputHandleIndex 1 | handles [1, 2] */
	expect_execute(s, "0500 01 00 01 01000000 02000000", 0x1000, ecSuccess,
	               "0200 01000000 02000000"); /* RopSize 2, no responses, the handle table back */
	assert_int_equal(freed, 1);
	assert_null(emsmdb_handle_get(s, 2, EMSMDB_OBJ_ANY));
	assert_non_null(emsmdb_handle_get(s, 1, EMSMDB_OBJ_LOGON));
	/* releasing an unknown handle is no error (RopRelease has no response) */
	expect_execute(s, "0500 01 00 00 77000000", 0x1000, ecSuccess, "0200 77000000");
}

/* A ROP with a codec but no handler: ecNotSupported (0x80040102) in its response; the next ROP still runs.
 * RopSynchronizationUploadStateStreamEnd (MS-OXCROPS 2.2.13.11, an ICS ROP without a handler yet): RopId
 * 0x77, LogonId, InputHandleIndex; its response RopId, InputHandleIndex, ReturnValue. */
static void test_execute_not_supported(void **state)
{
	struct emsmdb_session *s = session(*state);
	emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, NULL);
	expect_execute(s, "0800 77 00 00 01 00 00 01000000", 0x1000, ecSuccess,
	               "0800 77 00 02010480 01000000");
	assert_null(emsmdb_handle_get(s, 1, EMSMDB_OBJ_ANY)); /* the release after it ran */
}

/* What does not decode is ecRpcFormat (MS-OXCRPC 3.1.4.2, MS-OXCROPS 3.2.5.1) with no output: RopSize past
 * the end, a handle index outside the handle table, a reserved RopId, a bad RPC_HEADER_EXT. */
static void test_execute_format_errors(void **state)
{
	struct emsmdb_session *s = session(*state);
	expect_execute(s, "0900 01 00 00", 0x1000, ecRpcFormat, NULL);
	expect_execute(s, "0500 01 00 05 01000000", 0x1000, ecRpcFormat, NULL);
	expect_execute(s, "0500 28 00 00 01000000", 0x1000, ecRpcFormat, NULL);
	expect_execute(s, "", 0x1000, ecRpcFormat, NULL);
	size_t out_len;
	uint8_t *out;
	static const uint8_t bad_version[] = {1, 0, 4, 0, 0, 0, 0, 0};
	assert_int_equal(
	        emsmdb_execute(s, *state, 0, bad_version, sizeof bad_version, 0x1000, &out, &out_len),
	        ecRpcFormat);
	assert_null(out);
}

/* MaxRopOut: a response that does not fit ends the buffer with RopBufferTooSmall (MS-OXCROPS 2.2.15.1.1:
 * RopId 0xFF, SizeNeeded, RequestBuffers = the requests not executed); too small even for that is
 * ecBufferTooSmall. */
static void test_execute_buffer_too_small(void **state)
{
	struct emsmdb_session *s = session(*state);
	/* three RopSynchronizationUploadStateStreamEnd, 29 bytes out: the first response fits, the other two
	 * are handed back */
	expect_execute(s, "0B00 770000 770000 770000 FFFFFFFF", 29, ecSuccess,
	               "1100 77 00 02010480  FF 1A00 770000 770000  FFFFFFFF");
	expect_execute(s, "0B00 770000 770000 770000 FFFFFFFF", 8, ecBufferTooSmall, NULL);
}

/* docs/emsmdb.md lists, under "## ROPs without a handler", exactly the client ROPs (MS-OXCROPS 2.2.2,
 * neither reserved nor server-initiated) that emsmdb_rop_handler() does not serve: they answer
 * ecNotSupported, and a user must be able to read which they are. One "- RopName" line each. */
static void test_unhandled_rops_documented(void **state)
{
	(void)state;
	const char *src = getenv("WC_SRCDIR");
	TALLOC_CTX *mem = talloc_new(NULL);
	char *path = talloc_asprintf(mem, "%s/docs/emsmdb.md", src ? src : ".");
	FILE *fp = fopen(path, "r");
	assert_non_null(fp);
	bool in_list = false;
	bool listed[256] = {false};
	char line[512];
	while (fgets(line, sizeof line, fp) != NULL) {
		if (strncmp(line, "## ", 3) == 0)
			in_list = strncmp(line, "## ROPs without a handler", 25) == 0;
		if (!in_list || strncmp(line, "- Rop", 5) != 0)
			continue;
		size_t n = strcspn(line + 2, " \n:(");
		bool found = false;
		for (unsigned id = 0; id < 256; id++) {
			const char *name = rop_name((uint8_t)id);
			if (name != NULL && strlen(name) == n && strncmp(name, line + 2, n) == 0)
				found = listed[id] = true;
		}
		if (!found)
			fail_msg("docs/emsmdb.md lists an unknown ROP: %s", line);
	}
	fclose(fp);
	int wrong = 0;
	for (unsigned id = 0; id < 256; id++) {
		const struct rop_info *info = rop_info((uint8_t)id);
		if (info->name == NULL || (info->flags & ROP_F_NO_REQUEST))
			continue;
		bool handled = emsmdb_rop_handler((uint8_t)id) != NULL;
		if (handled == listed[id]) {
			print_message("%s (0x%02X): %s\n", info->name, id,
			              handled ? "has a handler but is listed"
			                      : "has no handler and is not listed");
			wrong++;
		}
	}
	talloc_free(mem);
	assert_int_equal(wrong, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_handles),
	        TU_TEST(test_execute_release),
	        TU_TEST(test_execute_not_supported),
	        TU_TEST(test_execute_format_errors),
	        TU_TEST(test_execute_buffer_too_small),
	        TU_TEST(test_unhandled_rops_documented),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
