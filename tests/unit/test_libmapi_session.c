/* src/client/session.c and transport.c against a scripted HTTP server in a thread of this test: the request
 * headers and bodies libmapi sends (MS-OXCMAPIHTTP 2.2.3.3 X-RequestType/X-RequestId/X-ClientInfo, 2.2.4.1.1
 * Connect and 2.2.4.2.1 Execute bodies with the MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT), the response streams of
 * the spec's examples (MS-OXCMAPIHTTP 4.1-4.3, tests/vectors/MS-OXCMAPIHTTP-4-response-streams.hex) sent in
 * HTTP chunks cut in the middle of the framing, cookies kept and replaced (3.1.5.1, 3.2.5.6), and the
 * reconnect on X-ResponseCode 10 (3.1.5.7). */
#include "libmapi_script.h"

static void test_connect_execute_reconnect_ping(void **state)
{
	TALLOC_CTX *mem = *state;
	struct server sv = {.mem = mem};
	size_t connect_len, ping_len, exec_len;
	const uint8_t *connect =
	        tu_vector(mem, "MS-OXCMAPIHTTP-4-response-streams.hex", "connect-4.1", &connect_len);
	const uint8_t *ping = tu_vector(mem, "MS-OXCMAPIHTTP-4-response-streams.hex", "ping-4.3", &ping_len);
	static const uint8_t rop_out[] = {0x02, 0x00, 0x11, 0x00, 0x00, 0x00}; /* RopSize 2, one handle */
	const uint8_t *exec = execute_stream(mem, rop_out, sizeof rop_out, &exec_len);
	static const char lost[] = "<html>Context Not Found</html>";
	add(&sv, 200,
	    "X-ResponseCode: 0\r\nSet-Cookie: MapiContext=A; path=/mapi/emsmdb/\r\n"
	    "Set-Cookie: MapiSequence=1; path=/mapi/emsmdb/\r\n",
	    connect, connect_len);
	add(&sv, 200, "X-ResponseCode: 0\r\nSet-Cookie: MapiSequence=2; path=/mapi/emsmdb/\r\n", exec,
	    exec_len);
	add(&sv, 200, "X-ResponseCode: 10\r\n", (const uint8_t *)lost, sizeof lost - 1);
	add(&sv, 200, "X-ResponseCode: 0\r\nSet-Cookie: MapiContext=B; path=/mapi/emsmdb/\r\n", connect,
	    connect_len);
	add(&sv, 200, "X-ResponseCode: 0\r\n", ping, ping_len);
	/* NotificationWait success body (2.2.4.4.2): StatusCode, ErrorCode, EventPending 1,
	 * AuxiliaryBufferSize; Disconnect success body (2.2.4.3.2): StatusCode, ErrorCode,
	 * AuxiliaryBufferSize */
	static const uint8_t wait[] = "PROCESSING\r\nPENDING\r\nDONE\r\nX-ResponseCode: 0\r\n\r\n"
	                              "\0\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0";
	static const uint8_t bye[] =
	        "PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\n\r\n\0\0\0\0\0\0\0\0\0\0\0\0";
	add(&sv, 200, "X-ResponseCode: 0\r\n", wait, sizeof wait - 1);
	add(&sv, 200, "X-ResponseCode: 0\r\n", bye, sizeof bye - 1);
	server_start(&sv);
	struct mapi_session *s = session_for(mem, &sv);

	/* 4.1: Connect; DisplayName "Alice" from the example body */
	assert_int_equal(mapi_connect(s), ecSuccess);
	assert_string_equal(mapi_session_display_name(s), "Alice");
	uint32_t gen = mapi_session_generation(s);
	struct exchange *e = &sv.ex[0];
	assert_true(has_header(e, "POST /mapi/emsmdb/ HTTP/1.1\r\n"));
	assert_true(has_header(e, "X-RequestType: Connect\r\n"));
	assert_true(has_header(e, "Content-Type: application/mapi-http\r\n"));
	assert_true(has_header(e, "X-ClientInfo: {2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1\r\n"));
	assert_non_null(strstr(e->got_headers, ":1\r\n")); /* X-RequestId {guid}:1 */
	assert_true(has_header(e, "Authorization: Basic amFuZTpwdw==\r\n"));
	assert_null(strstr(e->got_headers, "Cookie:"));
	/* the Connect body is the one of MS-OXCRPC 4.1 (tests/vectors/MS-OXCRPC-4.1-connect-as-mapihttp.hex)
	 */
	size_t want_len;
	const uint8_t *want = tu_vector(mem, "MS-OXCRPC-4.1-connect-as-mapihttp.hex", "request", &want_len);
	tu_assert_bytes(e->got_body, e->got_len, want, want_len);

	/* Execute: both cookies go back; the body is Flags, RopBufferSize, RPC_HEADER_EXT + ROPs, MaxRopOut,
	 * aux */
	static const uint8_t rop_in[] = {0x02, 0x00}; /* an empty ROP input buffer: RopSize 2 */
	struct mapi_binary *out;
	uint32_t n;
	assert_int_equal(mapi_execute_raw(s, mem, rop_in, sizeof rop_in, false, &out, &n), ecSuccess);
	assert_int_equal(n, 1);
	tu_assert_bytes(out[0].data, out[0].len, rop_out, sizeof rop_out);
	e = &sv.ex[1];
	assert_true(has_header(e, "X-RequestType: Execute\r\n"));
	assert_true(has_header(e, "Cookie: MapiContext=A; MapiSequence=1\r\n"));
	size_t body_len;
	uint8_t *body =
	        tu_hex(mem,
	               "03000000 0a000000"   /* Flags NoCompression|NoXorMagic, RopBufferSize 10 */
	               "0000 0400 0200 0200" /* RPC_HEADER_EXT: Version 0, Last, Size 2, SizeActual 2 */
	               "0200"                /* the ROP input buffer */
	               "00000100 00000000",  /* MaxRopOut 0x10000, AuxiliaryBufferSize 0 */
	               &body_len);
	tu_assert_bytes(e->got_body, e->got_len, body, body_len);

	/* X-ResponseCode 10: a new Connect with the old cookies (3.1.5.7), then ecEndOfSession */
	assert_int_equal(mapi_execute_raw(s, mem, rop_in, sizeof rop_in, false, &out, &n), ecEndOfSession);
	assert_int_equal(mapi_session_last_error(s)->response_code, 10);
	assert_int_equal(mapi_session_generation(s), gen + 1);
	assert_true(has_header(&sv.ex[2], "Cookie: MapiContext=A; MapiSequence=2\r\n"));
	assert_true(has_header(&sv.ex[3], "X-RequestType: Connect\r\n"));
	assert_true(has_header(&sv.ex[3], "Cookie: MapiContext=A; MapiSequence=2\r\n"));

	/* 4.3 PING on the new context: only its cookies (3.2.5.6: never commingled) */
	assert_int_equal(mapi_ping(s), ecSuccess);
	assert_true(has_header(&sv.ex[4], "X-RequestType: PING\r\n"));
	assert_true(has_header(&sv.ex[4], "Cookie: MapiContext=B\r\n"));
	assert_int_equal(sv.ex[4].got_len, 0);

	/* NotificationWait: request body Flags 0 and no auxiliary buffer (2.2.4.4.1); EventPending comes back
	 */
	uint32_t pending = 0;
	assert_int_equal(mapi_notification_wait(s, &pending), ecSuccess);
	assert_int_equal(pending, 1);
	assert_true(has_header(&sv.ex[5], "X-RequestType: NotificationWait\r\n"));
	static const uint8_t eight_zeros[8] = {0};
	tu_assert_bytes(sv.ex[5].got_body, sv.ex[5].got_len, eight_zeros, 8);
	/* Disconnect (2.2.4.3.1: only AuxiliaryBufferSize 0); afterwards the session is not connected */
	assert_int_equal(mapi_disconnect(s), ecSuccess);
	assert_true(has_header(&sv.ex[6], "X-RequestType: Disconnect\r\n"));
	tu_assert_bytes(sv.ex[6].got_body, sv.ex[6].got_len, eight_zeros, 4);
	assert_null(mapi_session_display_name(s));
	assert_int_equal(mapi_ping(s), ecEndOfSession);
	server_stop(&sv);
}

/* Failures: HTTP 401, another X-ResponseCode, a framing error, a StatusCode, an ErrorCode. */
static void test_failures_map_to_mapi_codes(void **state)
{
	TALLOC_CTX *mem = *state;
	struct server sv = {.mem = mem};
	static const char unauthorized[] = "no";
	static const char bad_stream[] = "PROCESSING\r\nFINISHED\r\n";
	static const uint8_t status_fail[] = "PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\n\r\n"
	                                     "\x01\x00\x00\x00\x00\x00\x00\x00"; /* StatusCode 1, aux 0 */
	/* a Connect success body (2.2.4.1.2) whose ErrorCode is ecUnknownUser: PollsMax, RetryCount,
	 * RetryDelay, empty DnPrefix and DisplayName, no auxiliary buffer */
	static const uint8_t error_code[] = "PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\n\r\n"
	                                    "\x00\x00\x00\x00\xeb\x03\x00\x00\x60\xea\x00\x00\x03\x00\x00\x00"
	                                    "\x10\x27\x00\x00\x00\x00\x00\x00\x00\x00\x00";
	add(&sv, 401, "WWW-Authenticate: Basic realm=\"x\"\r\n", (const uint8_t *)unauthorized, 2);
	add(&sv, 200, "X-ResponseCode: 4\r\n", (const uint8_t *)unauthorized, 2);
	add(&sv, 200, "X-ResponseCode: 0\r\n", (const uint8_t *)bad_stream, sizeof bad_stream - 1);
	add(&sv, 200, "X-ResponseCode: 0\r\n", status_fail, sizeof status_fail - 1);
	add(&sv, 200, "X-ResponseCode: 0\r\n", error_code, sizeof error_code - 1);
	server_start(&sv);
	struct mapi_session *s = session_for(mem, &sv);
	assert_int_equal(mapi_connect(s), ecLoginFailure);
	assert_int_equal(mapi_session_last_error(s)->http_status, 401);
	assert_int_equal(mapi_connect(s), ecRpcFailed);
	assert_int_equal(mapi_session_last_error(s)->response_code, 4); /* Invalid Header */
	assert_non_null(strstr(mapi_session_last_error(s)->message, "Invalid Header"));
	assert_int_equal(mapi_connect(s), ecRpcFormat);
	assert_int_equal(mapi_connect(s), ecRpcFailed);
	assert_int_equal(mapi_session_last_error(s)->status_code, 1);
	assert_int_equal(mapi_connect(s), ecUnknownUser);
	assert_null(mapi_session_display_name(s));
	/* nothing listens any more once the script is done */
	server_stop(&sv);
	assert_int_equal(mapi_connect(s), ecRpcFailed);
	assert_int_equal(mapi_ping(s), ecEndOfSession); /* never connected */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_connect_execute_reconnect_ping),
	        TU_TEST(test_failures_map_to_mapi_codes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
