/* warpd HTTP transport on libmicrohttpd (+ GnuTLS): listener, router, request bodies, authentication.
 *
 * A server has a table of routes; a request whose path matches one (ASCII case ignored) is authenticated
 * (Basic or NTLM, src/server/http/http_auth.c), its body collected up to server.max_request_size (413 past
 * it), and then the route's handler is called with the whole request. Paths no route matches get 404; every
 * route requires an authenticated user. Connections are HTTP/1.1 keep-alive; NTLM authenticates the
 * connection (MS-NLMP over HTTP: NEGOTIATE and AUTHENTICATE ride one connection, later requests on it carry
 * no Authorization header).
 *
 * Threads: a pool of MHD worker threads (server.threads); each connection stays on one thread, so a
 * request's handler never runs concurrently with another request of the same connection. Handlers of
 * different connections run in parallel. Connections can be suspended (MHD_ALLOW_SUSPEND_RESUME) for
 * long polls: see http_suspend(). */
#ifndef WC_HTTP_H
#define WC_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_config.h"
#include "server/auth/auth.h"
#include "server/dir_pool.h"

struct http_server;
struct MHD_Connection;

/* One request. It is a talloc context freed when the response has been sent: allocate on it. */
struct http_request {
	struct http_server *server;
	struct MHD_Connection *conn; /* for what the helpers below do not cover (streamed responses) */
	char id[24];                 /* request ID for the logs, e.g. "6f3a-000012" */
	const char *method;          /* "GET", "POST", ... */
	const char *path;            /* URL path as received, without the query */
	const uint8_t *body;         /* the whole request body (NUL-terminated for convenience) */
	size_t body_len;
	const struct auth_user *user; /* the authenticated user; never NULL in a handler */
	bool tls;                     /* the connection is HTTPS */
	unsigned calls;               /* 1 on the first call of the handler, more after http_resume() */
	/* private to http_server.c */
	struct http_req_private *priv;
};

/* A handler answers with http_respond() (or MHD_queue_response() on req->conn), or suspends the request. A
 * handler that returns without doing either gets a 500 sent for it. */
typedef void (*http_handler_fn)(struct http_request *req, void *arg);

/* Route flags. */
enum {
	HTTP_ROUTE_EXACT = 0,  /* the path must equal the pattern */
	HTTP_ROUTE_PREFIX = 1, /* the pattern ends with '/': matches it, it without the '/', and all below */
};

struct http_options {
	const char *listen; /* HOST:PORT, [IPv6]:PORT or *:PORT; port 0 picks a free port */
	bool tls;
	const char *certificate; /* PEM files, when tls */
	const char *key;
	unsigned threads;         /* 0: automatic */
	size_t max_request_size;  /* bytes */
	unsigned idle_timeout;    /* seconds */
	const char *hostname;     /* server.hostname or the system host name (NTLM names) */
	bool hostname_configured; /* server.hostname was set: URLs use it rather than the Host header */
	const char *netbios_domain;
	bool basic, ntlm, basic_over_plain_http;
};

/* Creates the server (no socket yet). The pool provides directory handles to authentication and handlers. */
int http_server_create(TALLOC_CTX *mem, const struct http_options *opt, struct dir_pool *dirs,
                       struct http_server **out, char **errmsg);

/* Registers a handler for pattern (e.g. "/mapi/emsmdb/" with HTTP_ROUTE_PREFIX, or
 * "/autodiscover/autodiscover.xml"); matching ignores ASCII case. Routes are added before http_server_bind().
 * Returns 0, WC_EINVAL (bad pattern or a duplicate), WC_ENOMEM. */
int http_route_add(struct http_server *s, const char *pattern, unsigned flags, http_handler_fn fn, void *arg);

/* Extra headers for the answers the HTTP layer gives on a route's behalf before its handler runs (401, 413,
 * 503 ...): fn(status) returns a NULL-terminated list of name, value pairs or NULL. MAPI/HTTP uses it to add
 * X-ResponseCode to a 401 (MS-OXCMAPIHTTP 2.2.3.3.3: 8 anonymous) or a 413 (9 too large). */
typedef const char *const *(*http_refusal_fn)(unsigned status);
int http_route_refusal_headers(struct http_server *s, const char *pattern, http_refusal_fn fn);

/* Binds and listens (before any fork, so errors reach the terminal). *errmsg on failure. */
int http_server_bind(struct http_server *s, char **errmsg);
/* The address actually bound, e.g. "127.0.0.1:43121" or "[::]:443", after http_server_bind(). */
const char *http_server_address(const struct http_server *s);
unsigned http_server_port(const struct http_server *s);
/* Starts the worker threads (after any fork). */
int http_server_start(struct http_server *s, char **errmsg);
/* Stops accepting, lets requests in progress finish for up to grace_ms, then closes everything. */
void http_server_stop(struct http_server *s, unsigned grace_ms);

/* Checks that the TLS certificate and key load and belong together; *errmsg on mem when not. */
int http_tls_check(TALLOC_CTX *mem, const char *certificate, const char *key, char **errmsg);

/* ---- for handlers ---- */

/* A request header or query argument (case-insensitive name), NULL when absent. */
const char *http_header(struct http_request *req, const char *name);
const char *http_query(struct http_request *req, const char *name);
/* A cookie of the request's Cookie header(s), NULL when absent. */
const char *http_cookie(struct http_request *req, const char *name);

/* Queues the response: body copied; headers is NULL or a NULL-terminated list of name, value pairs.
 * Returns 0 or WC_ENOMEM / WC_EINVAL (a response was already queued). */
int http_respond(struct http_request *req, unsigned status, const char *content_type, const void *body,
                 size_t len, const char *const *headers);
/* A streamed response of unknown length (chunked on HTTP/1.1). fn fills buf[0..max) and returns the bytes
 * written, HTTP_STREAM_END at the end or HTTP_STREAM_ERROR to abort the connection; it runs on the
 * connection's thread. It may call http_stream_suspend() and return 0 when it has nothing yet: someone then
 * calls http_stream_resume() (any thread) and fn is called again. done(arg) runs once when the response is
 * no longer needed (sent, connection gone, or this call failed). Returns 0, WC_ENOMEM, WC_EINVAL (already
 * answered). */
#define HTTP_STREAM_END (-1)
#define HTTP_STREAM_ERROR (-2)
typedef long (*http_stream_fn)(void *arg, uint64_t pos, char *buf, size_t max);
int http_respond_stream(struct http_request *req, unsigned status, const char *content_type,
                        const char *const *headers, http_stream_fn fn, void (*done)(void *arg), void *arg);
void http_stream_suspend(struct MHD_Connection *conn);
void http_stream_resume(struct MHD_Connection *conn);

/* A short text/plain response such as "404 Not Found". */
int http_respond_status(struct http_request *req, unsigned status);

/* A directory handle for the length of the request (the same one on every call). NULL when the directory
 * cannot be opened (then answer 503). */
struct dir_handle *http_directory(struct http_request *req);
/* The host clients reach this server by: server.hostname, else the Host header's host; with the Host
 * header's port when it names one (e.g. "mail.example.org" or "127.0.0.1:8443"). */
const char *http_public_host(struct http_request *req);

/* Long poll: suspend now, return from the handler, and call http_resume() later (from any thread); the
 * handler is then called again with req->calls incremented. */
void http_suspend(struct http_request *req);
void http_resume(struct http_request *req);

#endif
