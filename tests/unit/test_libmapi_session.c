/* src/client/session.c and transport.c against a scripted HTTP server in a thread of this test: the request
 * headers and bodies libmapi sends (MS-OXCMAPIHTTP 2.2.3.3 X-RequestType/X-RequestId/X-ClientInfo, 2.2.4.1.1
 * Connect and 2.2.4.2.1 Execute bodies with the MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT), the response streams of
 * the spec's examples (MS-OXCMAPIHTTP 4.1-4.3, tests/vectors/MS-OXCMAPIHTTP-4-response-streams.hex) sent in
 * HTTP chunks cut in the middle of the framing, cookies kept and replaced (3.1.5.1, 3.2.5.6), and the
 * reconnect on X-ResponseCode 10 (3.1.5.7). */
#include "testutil.h"
#include "client/libmapi_private.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EXCHANGES 8

/* One scripted answer and what the client sent for it. */
struct exchange {
	int http_status;
	const char *extra_headers; /* "Name: value\r\n"... */
	const uint8_t *body;       /* the inner response stream */
	size_t body_len;
	char *got_headers; /* filled by the server */
	uint8_t *got_body;
	size_t got_len;
};

struct server {
	TALLOC_CTX *mem;
	int fd;
	int port;
	int count;
	struct exchange ex[MAX_EXCHANGES];
	pthread_t thread;
};

static bool read_request(struct server *sv, int c, struct exchange *e)
{
	char buf[16384];
	size_t n = 0;
	char *end = NULL;
	while (end == NULL) {
		ssize_t r = read(c, buf + n, sizeof buf - 1 - n);
		if (r <= 0)
			return false;
		n += (size_t)r;
		buf[n] = '\0';
		end = strstr(buf, "\r\n\r\n");
	}
	size_t head = (size_t)(end + 4 - buf);
	e->got_headers = talloc_strndup(sv->mem, buf, head);
	const char *cl = strcasestr(e->got_headers, "Content-Length:");
	size_t want = cl ? strtoul(cl + 15, NULL, 10) : 0;
	e->got_body = talloc_size(sv->mem, want + 1);
	size_t have = n - head < want ? n - head : want;
	memcpy(e->got_body, buf + head, have);
	while (have < want) {
		ssize_t r = read(c, e->got_body + have, want - have);
		if (r <= 0)
			return false;
		have += (size_t)r;
	}
	e->got_len = want;
	return true;
}

static void write_all(int c, const void *p, size_t len)
{
	while (len > 0) {
		ssize_t w = write(c, p, len);
		if (w <= 0)
			return;
		p = (const uint8_t *)p + w;
		len -= (size_t)w;
	}
}

/* The stream in two HTTP chunks (RFC 9112 7.1), cut 7 bytes in: inside "PROCESSING". */
static void write_response(int c, const struct exchange *e)
{
	char head[1024];
	snprintf(head, sizeof head,
	         "HTTP/1.1 %d X\r\nContent-Type: application/mapi-http\r\nTransfer-Encoding: "
	         "chunked\r\n%s\r\n",
	         e->http_status, e->extra_headers ? e->extra_headers : "");
	write_all(c, head, strlen(head));
	size_t cut = e->body_len > 7 ? 7 : e->body_len;
	const size_t parts[2][2] = {{0, cut}, {cut, e->body_len}};
	for (int i = 0; i < 2; i++) {
		size_t len = parts[i][1] - parts[i][0];
		if (len == 0)
			continue;
		snprintf(head, sizeof head, "%zx\r\n", len);
		write_all(c, head, strlen(head));
		write_all(c, e->body + parts[i][0], len);
		write_all(c, "\r\n", 2);
	}
	write_all(c, "0\r\n\r\n", 5);
}

static void *serve(void *arg)
{
	struct server *sv = arg;
	int done = 0;
	while (done < sv->count) {
		int c = accept(sv->fd, NULL, NULL);
		if (c < 0)
			break;
		while (done < sv->count && read_request(sv, c, &sv->ex[done])) /* keep-alive */
			write_response(c, &sv->ex[done++]);
		close(c);
	}
	return NULL;
}

static void server_start(struct server *sv)
{
	sv->fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t l = sizeof a;
	assert_int_equal(bind(sv->fd, (struct sockaddr *)&a, sizeof a), 0);
	assert_int_equal(listen(sv->fd, 4), 0);
	assert_int_equal(getsockname(sv->fd, (struct sockaddr *)&a, &l), 0);
	sv->port = ntohs(a.sin_port);
	assert_int_equal(pthread_create(&sv->thread, NULL, serve, sv), 0);
}

static void server_stop(struct server *sv)
{
	shutdown(sv->fd, SHUT_RDWR);
	pthread_join(sv->thread, NULL);
	close(sv->fd);
}

static void add(struct server *sv, int status, const char *headers, const uint8_t *body, size_t len)
{
	sv->ex[sv->count++] = (struct exchange){
	        .http_status = status, .extra_headers = headers, .body = body, .body_len = len};
}

static struct mapi_session *session_for(TALLOC_CTX *mem, struct server *sv)
{
	struct mapi_session_opts o = {
	        .mailbox_url = talloc_asprintf(mem, "http://127.0.0.1:%d/mapi/emsmdb/", sv->port),
	        .user_dn = "/o=First Organization/ou=First Administrative Group/CN=recipients/CN=janedow",
	        .user = "jane",
	        .password = "pw",
	        .auth = MAPI_AUTH_BASIC,
	        .client_info = "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1",
	};
	struct mapi_session *s = mapi_session_new(mem, &o);
	assert_non_null(s);
	return s;
}

static bool has_header(const struct exchange *e, const char *line)
{
	return strstr(e->got_headers, line) != NULL;
}

/* An Execute stream: DONE headers, then the success body of 2.2.4.2.2 with RopBuffer = one RPC_HEADER_EXT
 * (Version 0, Flags Last, Size, SizeActual) and the ROP output bytes. */
static uint8_t *execute_stream(TALLOC_CTX *mem, const uint8_t *rops, uint16_t n, size_t *len)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	static const char head[] = "PROCESSING\r\nDONE\r\nX-ResponseCode: 0\r\n\r\n";
	wc_write_bytes(&w, head, sizeof head - 1);
	wc_write_u32(&w, 0);      /* StatusCode */
	wc_write_u32(&w, 0);      /* ErrorCode */
	wc_write_u32(&w, 0);      /* Flags */
	wc_write_u32(&w, 8u + n); /* RopBufferSize */
	wc_write_u16(&w, 0);      /* RPC_HEADER_EXT Version */
	wc_write_u16(&w, 0x0004); /* Flags: Last */
	wc_write_u16(&w, n);      /* Size */
	wc_write_u16(&w, n);      /* SizeActual */
	wc_write_bytes(&w, rops, n);
	wc_write_u32(&w, 0); /* AuxiliaryBufferSize */
	assert_int_equal(wc_writer_status(&w), 0);
	*len = w.len;
	return w.data;
}

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
