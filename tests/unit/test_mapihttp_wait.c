/* src/server/mapihttp/mapihttp.c on a real HTTP server (loopback socket): a NotificationWait (MS-OXCMAPIHTTP
 * 2.2.4.4, 3.2.5.5) stays open with PENDING keep-alives and returns at once with EventPending 1 when an event
 * is posted for its user (emsmdb_http_notify_user); an event posted with no wait in progress makes the next
 * NotificationWait return at once; emsmdb_session_notify() on the session does the same. Request bodies are
 * built here from the 2.2.4 layouts. */
#include "testutil.h"
#include "common/wc_error.h"
#include "server/dir_pool.h"
#include "server/emsmdb/emsmdb_http.h"
#include "store/directory.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

struct fixture {
	char dir[64];
	struct http_server *server;
	struct mapihttp *mapi;
	uint32_t mid;
	char *dn;
	char context[64], sequence[64];
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	strcpy(f->dir, "/tmp/wc_mapihttp_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	char *path = talloc_asprintf(f, "%s/directory.db", f->dir);
	struct dir_handle *h;
	assert_int_equal(dir_open(f, path, DIR_OPEN_CREATE, 5000, &h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(h, "Example Org", "example.org"), DIR_OK);
	struct dir_user_spec spec = {.alias = "alice", .display_name = "Alice", .password = "pw"};
	assert_int_equal(dir_user_add(h, &spec, &f->mid), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(h, f, "alice", &e), DIR_OK);
	f->dn = talloc_strdup(f, e->legacy_dn);
	talloc_free(h);

	struct dir_pool *pool;
	char *err = NULL;
	assert_int_equal(dir_pool_create(f, path, 5000, &pool, &err), 0);
	struct http_options opt = {.listen = "127.0.0.1:0",
	                           .threads = 2,
	                           .max_request_size = 65536,
	                           .idle_timeout = 30,
	                           .hostname = "localhost",
	                           .netbios_domain = "WARPCORE",
	                           .basic = true,
	                           .basic_over_plain_http = true};
	assert_int_equal(http_server_create(f, &opt, pool, &f->server, &err), 0);
	struct mapihttp_options mopt = {.session_timeout_ms = 60000,
	                                .pending_period_ms = 100,
	                                .wait_timeout_ms = 10000,
	                                .server_application = "Exchange/15.02.1118.000"};
	assert_non_null(f->mapi = mapihttp_new(f, &mopt));
	assert_int_equal(emsmdb_http_register(f->mapi, f->server, NULL), 0);
	assert_int_equal(http_server_bind(f->server, &err), 0);
	assert_int_equal(mapihttp_start(f->mapi), 0);
	assert_int_equal(http_server_start(f->server, &err), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	mapihttp_shutdown(f->mapi, 2000);
	http_server_stop(f->server, 2000);
	char *cmd = talloc_asprintf(f, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(f);
	return 0;
}

/* Sends one POST (Connection: close) and returns the socket. */
static int send_request(struct fixture *f, const char *type, const uint8_t *body, size_t len)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET,
	                        .sin_port = htons((uint16_t)http_server_port(f->server))};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	struct timeval tv = {8, 0};
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
	char head[1024];
	int n = snprintf(head, sizeof head,
	                 "POST /mapi/emsmdb/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
	                 "Authorization: Basic YWxpY2U6cHc=\r\n" /* alice:pw */
	                 "Content-Type: application/mapi-http\r\nX-RequestType: %s\r\n"
	                 "X-RequestId: {E2EA6C1C-E61B-49E9-9CFB-38184F907552}:1\r\n"
	                 "X-ClientInfo: {2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1\r\n"
	                 "Cookie: MapiContext=%s; MapiSequence=%s\r\nContent-Length: %zu\r\n\r\n",
	                 type, f->context, f->sequence, len);
	assert_int_equal(write(fd, head, (size_t)n), n);
	assert_int_equal(write(fd, body, len), (ssize_t)len);
	return fd;
}

/* Reads the whole response; keeps the new cookies; returns the de-chunked body (the inner stream). */
static char *read_response(struct fixture *f, int fd, size_t *body_len)
{
	char *buf = talloc_zero_array(f, char, 65536);
	size_t len = 0;
	ssize_t k;
	while (len < 65535 && (k = read(fd, buf + len, 65535 - len)) > 0)
		len += (size_t)k;
	close(fd);
	char *end = strstr(buf, "\r\n\r\n");
	assert_non_null(end);
	for (char *c = strstr(buf, "Set-Cookie: "); c && c < end; c = strstr(c + 1, "Set-Cookie: ")) {
		char name[32], value[64];
		if (sscanf(c, "Set-Cookie: %31[^=]=%63[^;]", name, value) == 2)
			strcpy(strcmp(name, "MapiContext") == 0 ? f->context : f->sequence, value);
	}
	char *p = end + 4, *out = talloc_zero_array(f, char, 65536);
	*body_len = 0;
	if (strstr(buf, "Transfer-Encoding: chunked") == NULL ||
	    strstr(buf, "Transfer-Encoding: chunked") > end) {
		*body_len = len - (size_t)(p - buf);
		memcpy(out, p, *body_len);
		return out;
	}
	for (;;) { /* RFC 7230 4.1 */
		unsigned long size = strtoul(p, &p, 16);
		p = strstr(p, "\r\n") + 2;
		if (size == 0)
			break;
		memcpy(out + *body_len, p, size);
		*body_len += size;
		p += size + 2;
	}
	return out;
}

static void do_connect(struct fixture *f)
{
	uint8_t body[512];
	size_t n = strlen(f->dn) +
	           1; /* 2.2.4.1.1: UserDn, Flags, DefaultCodePage, LcidSort, LcidString, aux size */
	memcpy(body, f->dn, n);
	static const uint8_t tail[20] = {0, 0, 0,    0,    0xE4, 0x04, 0, 0, 0x09, 0x04,
	                                 0, 0, 0x09, 0x04, 0,    0,    0, 0, 0,    0};
	memcpy(body + n, tail, sizeof tail);
	size_t len;
	char *rsp = read_response(f, send_request(f, "Connect", body, n + sizeof tail), &len);
	assert_non_null(strstr(rsp, "DONE\r\nX-ResponseCode: 0\r\n"));
	assert_int_equal(strlen(f->context), 32);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* The body of a NotificationWait response: StatusCode, ErrorCode, EventPending, AuxiliaryBufferSize. */
static void expect_event_pending(const char *stream, size_t len, uint32_t want)
{
	const char *body = strstr(stream, "\r\n\r\n");
	assert_non_null(body);
	body += 4;
	assert_int_equal(len - (size_t)(body - stream), 16);
	uint8_t expect[16] = {0};
	expect[8] = (uint8_t)want;
	tu_assert_bytes(body, 16, expect, 16);
}

static void test_wait_returns_on_event(void **state)
{
	struct fixture *f = *state;
	do_connect(f);
	static const uint8_t wait_body[8] = {0}; /* 2.2.4.4.1: Flags, AuxiliaryBufferSize */
	double t0 = now_s();
	int fd = send_request(f, "NotificationWait", wait_body, sizeof wait_body);
	struct timespec ts = {0, 350 * 1000 * 1000};
	nanosleep(&ts, NULL);
	assert_int_equal(emsmdb_http_notify_user(f->mapi, f->mid), 1);
	size_t len;
	char *stream = read_response(f, fd, &len);
	double took = now_s() - t0;
	assert_true(took < 3.0);                                      /* not the 10 s wait */
	assert_memory_equal(stream, "PROCESSING\r\nPENDING\r\n", 21); /* keep-alives every 100 ms */
	assert_non_null(strstr(stream, "DONE\r\nX-ResponseCode: 0\r\n"));
	expect_event_pending(stream, len, 1);

	/* an event with no wait in progress: the next wait returns at once */
	assert_int_equal(emsmdb_http_notify_user(f->mapi, f->mid), 1);
	t0 = now_s();
	stream = read_response(f, send_request(f, "NotificationWait", wait_body, sizeof wait_body), &len);
	assert_true(now_s() - t0 < 1.0);
	expect_event_pending(stream, len, 1);
	assert_int_equal(emsmdb_http_notify_user(f->mapi, f->mid + 1), 0); /* nobody else's session */

	/* emsmdb_session_notify() on the session itself (the path a ROP handler or the store takes) */
	struct mapihttp_sessions *t = mapihttp_sessions(f->mapi);
	struct mapihttp_session *hs = NULL;
	pthread_mutex_lock(mapihttp_sessions_lock(t));
	assert_int_equal(mapihttp_session_lookup_locked(t, MAPI_HTTP_EP_MAILBOX, f->mid, "alice", f->context,
	                                                mapihttp_now_ms(), &hs),
	                 MAPIHTTP_ACQUIRED);
	pthread_mutex_unlock(mapihttp_sessions_lock(t));
	struct emsmdb_session *es = hs->priv;
	t0 = now_s();
	fd = send_request(f, "NotificationWait", wait_body, sizeof wait_body);
	nanosleep(&ts, NULL);
	emsmdb_session_notify(es);
	stream = read_response(f, fd, &len);
	assert_true(now_s() - t0 < 3.0);
	expect_event_pending(stream, len, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_wait_returns_on_event, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
