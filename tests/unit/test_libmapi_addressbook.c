/* src/client/addressbook.c against a scripted HTTP server (libmapi_script.h): the request bodies the typed
 * NSPI calls send, compared with bytes hand-built from the MS-OXCMAPIHTTP 2.2.5 field tables (Bind 2.2.5.1.1,
 * DnToMinId 2.2.5.4.1, QueryRows 2.2.5.12.1, Unbind 2.2.5.2.1), and the response fields they hand back. */
#include "libmapi_script.h"

#include "libmapi/addressbook.h"

/* A response stream (MS-OXCMAPIHTTP 3.2.5.2) around a success body given as hex. */
static const uint8_t *stream(TALLOC_CTX *mem, const char *body_hex, size_t *len)
{
	static const char head[] = "PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\n\r\n";
	size_t n;
	uint8_t *body = tu_hex(mem, body_hex, &n);
	uint8_t *out = talloc_size(mem, sizeof head - 1 + n);
	memcpy(out, head, sizeof head - 1);
	memcpy(out + sizeof head - 1, body, n);
	*len = sizeof head - 1 + n;
	return out;
}

static void expect_body(TALLOC_CTX *mem, const struct exchange *e, const char *type, const char *hex)
{
	char line[64];
	snprintf(line, sizeof line, "X-RequestType: %s\r\n", type);
	assert_true(has_header(e, line));
	assert_true(has_header(e, "POST /mapi/nspi/ HTTP/1.1\r\n"));
	size_t len;
	uint8_t *want = tu_hex(mem, hex, &len);
	tu_assert_bytes(e->got_body, e->got_len, want, len);
}

/* MS-OXNSPI 2.2.8 STAT of a new session: SortTypeDisplayName, ContainerID 0 (GAL), CurrentRec
 * MID_BEGINNING_OF_TABLE, Delta 0, NumPos 0, TotalRecs 0, CodePage 1252, TemplateLocale and SortLocale
 * 0x0409 */
#define STAT_HEX "00000000 00000000 00000000 00000000 00000000 00000000 e4040000 09040000 09040000"

static void test_nspi_requests(void **state)
{
	TALLOC_CTX *mem = *state;
	struct server sv = {.mem = mem};
	size_t len;
	/* mapi_connect first: it learns the address book URL (MS-OXCMAPIHTTP 4.1 Connect response) */
	const uint8_t *connect = tu_vector(mem, "MS-OXCMAPIHTTP-4-response-streams.hex", "connect-4.1", &len);
	add(&sv, 200, "X-ResponseCode: 0\r\nSet-Cookie: MapiContext=A; path=/mapi/emsmdb/\r\n", connect, len);
	/* 2.2.5.1.2 Bind: StatusCode, ErrorCode, ServerGuid, AuxiliaryBufferSize */
	const uint8_t *bind =
	        stream(mem, "00000000 00000000 00112233445566778899aabbccddeeff 00000000", &len);
	add(&sv, 200, "X-ResponseCode: 0\r\nSet-Cookie: MapiContext=N; path=/mapi/nspi/\r\n", bind, len);
	/* 2.2.5.4.2 DnToMinId: StatusCode, ErrorCode, HasMinimalIds, MinimalIdCount 2, MinimalIds, aux size
	 */
	const uint8_t *dn = stream(mem, "00000000 00000000 ff 02000000 10000000 00000000 00000000", &len);
	add(&sv, 200, "X-ResponseCode: 0\r\n", dn, len);
	/* 2.2.5.12.2 QueryRows: StatusCode, ErrorCode, HasState, State (CurrentRec MID_END_OF_TABLE, NumPos
	 * 1, TotalRecs 1), HasColsAndRows, Columns (1: PidTagDisplayName as PtypString8), RowCount 1, one
	 * standard row (Flags 0) whose AddressBookPropertyValue is HasValue 0xFF and "Al", aux size */
	const uint8_t *rows =
	        stream(mem,
	               "00000000 00000000 ff"
	               "00000000 00000000 02000000 00000000 01000000 01000000 e4040000 09040000 "
	               "09040000"
	               "ff 01000000 1e000130 01000000 00 ff 416c00 00000000",
	               &len);
	add(&sv, 200, "X-ResponseCode: 0\r\n", rows, len);
	/* 2.2.5.2.2 Unbind: StatusCode, ErrorCode UnbindSuccess (MS-OXNSPI 3.1.4.1.2 c1), aux size */
	const uint8_t *unbind = stream(mem, "00000000 01000000 00000000", &len);
	add(&sv, 200, "X-ResponseCode: 0\r\n", unbind, len);
	server_start(&sv);
	struct mapi_session_opts o = {
	        .mailbox_url = talloc_asprintf(mem, "http://127.0.0.1:%d/mapi/emsmdb/", sv.port),
	        .address_book_url = talloc_asprintf(mem, "http://127.0.0.1:%d/mapi/nspi/", sv.port),
	        .user_dn = "/o=First Organization/ou=First Administrative Group/CN=recipients/CN=janedow",
	        .user = "jane",
	        .password = "pw",
	        .auth = MAPI_AUTH_BASIC,
	};
	struct mapi_session *s = mapi_session_new(mem, &o);
	assert_non_null(s);
	assert_int_equal(mapi_connect(s), ecSuccess);

	/* 2.2.5.1.1 Bind: Flags 0, HasState 0xFF, State, AuxiliaryBufferSize 0; the ServerGuid comes back */
	struct wc_guid g;
	assert_int_equal(mapi_nspi_bind(s, &g), ecSuccess);
	expect_body(mem, &sv.ex[1], "Bind", "00000000 ff " STAT_HEX " 00000000");
	assert_int_equal(g.d1, 0x33221100);
	assert_int_equal(g.d4[7], 0xff);

	/* 2.2.5.4.1 DnToMinId: Reserved 0, HasNames 0xFF, NameCount 2, two null-terminated ASCII strings,
	 * AuxiliaryBufferSize 0 */
	const char *dns[] = {"/o=x", "b"};
	struct mapi_u32_array *mids = NULL;
	assert_int_equal(mapi_nspi_dn_to_mid(s, mem, 2, dns, &mids), ecSuccess);
	expect_body(mem, &sv.ex[2], "DNToMId", "00000000 ff 02000000 2f6f3d7800 6200 00000000");
	assert_true(has_header(&sv.ex[2], "Cookie: MapiContext=N\r\n"));
	assert_int_equal(mids->count, 2);
	assert_int_equal(mids->values[0], 0x10);
	assert_int_equal(mids->values[1], 0);

	/* 2.2.5.12.1 QueryRows: Flags 0, HasState, State, ExplicitTableCount 1, ExplicitTable {0x10},
	 * RowCount 1, HasColumns, Columns (count 1, 0x3001001E), AuxiliaryBufferSize 0; the State comes back
	 * in stat */
	struct mapi_nspi_stat *st = mapi_nspi_stat_new(s, mem);
	uint32_t et_mids[] = {0x10};
	struct mapi_u32_array et = {1, et_mids};
	uint32_t tag = 0x3001001E;
	struct mapi_u32_array cols = {1, &tag};
	struct mapi_abk_rowset *rs = NULL;
	assert_int_equal(mapi_nspi_query_rows(s, mem, st, 0, &et, 1, &cols, &rs), ecSuccess);
	expect_body(mem, &sv.ex[3], "QueryRows",
	            "00000000 ff " STAT_HEX " 01000000 10000000 01000000 ff 01000000 1e000130 00000000");
	assert_int_equal(st->current_rec, MID_END_OF_TABLE);
	assert_int_equal(st->num_pos, 1);
	assert_int_equal(rs->count, 1);
	assert_string_equal(rs->rows[0].values[0].pv.value.str, "Al");

	/* 2.2.5.2.1 Unbind: Reserved 0, AuxiliaryBufferSize 0; UnbindSuccess is what the server said */
	assert_int_equal(mapi_nspi_unbind(s), 0x00000001);
	expect_body(mem, &sv.ex[4], "Unbind", "00000000 00000000");
	server_stop(&sv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_nspi_requests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
