/* warpd HTTP transport: state shared by http_server.c and http_auth.c; nothing outside src/server/http. */
#ifndef WC_HTTP_PRIVATE_H
#define WC_HTTP_PRIVATE_H

#include "server/http/http.h"

#include <stdatomic.h>
#include <time.h>

struct MHD_Daemon;

/* Per connection (MHD_OPTION_NOTIFY_CONNECTION): the NTLM handshake and who authenticated on it. */
struct http_conn {
	struct auth_ntlm_state *ntlm;
	struct auth_user *user;   /* set by a completed NTLM handshake: the connection is authenticated */
	uint8_t basic_digest[32]; /* SHA-256 of the last Basic credentials that verified on this connection */
	struct auth_user *basic_user;
	char peer[64];
};

struct http_req_private {
	struct http_conn *conn;
	const struct http_route *route;
	uint8_t *buf;
	size_t cap;
	bool too_large, responded, suspended;
	bool handled; /* the route's handler has been called: no refusal headers from then on */
	bool broken;  /* out of memory or no connection state when the request began: answer 500 */
	unsigned status;
	size_t resp_len;
	struct timespec start;
	struct dir_handle *dir;
	const char *public_host;
};

struct http_route {
	char *pattern;
	size_t len;
	unsigned flags;
	http_handler_fn fn;
	void *arg;
	http_refusal_fn refusal;
};

struct http_server {
	struct http_options opt; /* strings owned by the server */
	struct dir_pool *dirs;
	struct auth_names names;
	struct http_route *routes;
	size_t nroutes;
	int listen_fd;
	int family;
	char address[80];
	unsigned port;
	struct MHD_Daemon *daemon;
	char *cert_pem, *key_pem;
	atomic_long inflight;
	atomic_ulong next_id;
	unsigned id_prefix;
};

/* Authenticates req (http_auth.c): true with req->user set, or false after queuing the answer (401 with
 * WWW-Authenticate, or 503 when the directory is unavailable). */
bool http_authenticate(struct http_request *req);

#endif
