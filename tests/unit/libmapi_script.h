/* A scripted HTTP/1.1 server in a thread of a libmapi unit test (test_libmapi_session.c,
 * test_libmapi_object.c): it answers each request with the next response of its script, given as an inner
 * response stream (MS-OXCMAPIHTTP 3.2.5.2) sent in two HTTP chunks, and keeps what the client sent. */
#ifndef LIBMAPI_SCRIPT_H
#define LIBMAPI_SCRIPT_H

#include "testutil.h"
#include "client/libmapi_private.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define MAX_EXCHANGES 16

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

static inline bool read_request(struct server *sv, int c, struct exchange *e)
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

static inline void write_all(int c, const void *p, size_t len)
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
static inline void write_response(int c, const struct exchange *e)
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

static inline void *serve(void *arg)
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

static inline void server_start(struct server *sv)
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

static inline void server_stop(struct server *sv)
{
	shutdown(sv->fd, SHUT_RDWR);
	pthread_join(sv->thread, NULL);
	close(sv->fd);
}

static inline void add(struct server *sv, int status, const char *headers, const uint8_t *body, size_t len)
{
	sv->ex[sv->count++] = (struct exchange){
	        .http_status = status, .extra_headers = headers, .body = body, .body_len = len};
}

static inline struct mapi_session *session_for(TALLOC_CTX *mem, struct server *sv)
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

static inline bool has_header(const struct exchange *e, const char *line)
{
	return strstr(e->got_headers, line) != NULL;
}

/* An Execute stream: DONE headers, then the success body of 2.2.4.2.2 with RopBuffer = one RPC_HEADER_EXT
 * (Version 0, Flags Last, Size, SizeActual) and the ROP output bytes. */
static inline uint8_t *execute_stream(TALLOC_CTX *mem, const uint8_t *rops, uint16_t n, size_t *len)
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

/* The ROP input buffer of an Execute request body the client sent uncompressed (2.2.4.2.1: Flags,
 * RopBufferSize, then RPC_HEADER_EXT and the buffer). */
static inline const uint8_t *sent_rops(const struct exchange *e, size_t *len)
{
	assert_true(e->got_len >= 16 + 8);
	uint32_t size = (uint32_t)e->got_body[4] | (uint32_t)e->got_body[5] << 8;
	assert_true(size >= 8 && 8u + size + 8 <= e->got_len);
	*len = size - 8;
	return e->got_body + 16;
}

#endif
