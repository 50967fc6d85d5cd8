/* The MAPI/HTTP endpoint layer shared by the mailbox (/mapi/emsmdb/) and the address book (/mapi/nspi/)
 * endpoints: MS-OXCMAPIHTTP 2.2.2 (request and response format), 2.2.3 (headers), 2.2.6 (PING), 2.2.7
 * (meta-tags) and 3.2.5 (server processing).
 *
 * An endpoint is a path and a table of request types it serves (struct mapihttp_endpoint). For every request
 * the layer checks, in this order, and answers a failure with the X-ResponseCode of 2.2.3.3.3:
 *   endpoint shutting down 18, verb not POST 2, path not the endpoint's 3, X-RequestType missing 7 / unknown
 * or not served here 5, Content-Type missing 7 / not application/mapi-http 4, X-RequestId and X-ClientInfo
 *   missing 7 / not "{GUID}:counter" 4, body that does not decode 12, then the session: context cookie
 *   missing 13 / malformed 6 / unknown, expired, other endpoint or other user 10 / sequence cookie missing,
 *   stale or the session busy 15 (a NotificationWait is not sequenced; a second one on a session is 15). A
 *   Disconnect/Unbind ends a NotificationWait of its session with X-ResponseCode 10.
 * 401 (anonymous) and 413 (too large) come from the HTTP layer before the handler; they carry X-ResponseCode
 * 8 and 9 (http_route_refusal_headers). Then it calls the request type's handler with the decoded body and
 * the session, and frames the answer: HTTP 200 with the response headers of 2.2.2.2 (X-RequestType,
 * X-RequestId, X-ClientInfo, X-ResponseCode, X-ServerApplication, X-PendingPeriod, X-ExpirationInfo,
 * Set-Cookie) and the inner stream PROCESSING, DONE, X-ResponseCode, X-ElapsedTime, X-StartTime, body
 * (3.2.5.2).
 *
 * Long requests (MAPIHTTP_WAIT, NotificationWait): the response is chunked; PROCESSING goes out at once, then
 * a PENDING line every pending period while the connection is suspended (no thread is held), and when an
 * event is posted for the session (mapihttp_session_notify), the wait time ends, or the layer shuts down, the
 * handler is called to fill the response and DONE follows. One timer thread per layer does the waking. */
#ifndef WC_MAPIHTTP_LAYER_H
#define WC_MAPIHTTP_LAYER_H

#include <stdint.h>
#include <talloc.h>

#include "mapi/mapihttp.h"
#include "server/http/http.h"
#include "server/mapihttp/mapihttp_session.h"

struct mapihttp;

struct mapihttp_options {
	unsigned session_timeout_ms;    /* idle time before a Session Context expires (X-ExpirationInfo) */
	unsigned pending_period_ms;     /* keep-alive PENDING interval (X-PendingPeriod, default 15000) */
	unsigned wait_timeout_ms;       /* longest NotificationWait (3.2.5.5: 5 minutes) */
	const char *server_application; /* X-ServerApplication, "Exchange/15.xx.xxxx.xxx" (2.2.3.3.7) */
};

/* Why a MAPIHTTP_WAIT handler is being called. */
enum mapihttp_wake {
	MAPIHTTP_WAKE_NONE,
	MAPIHTTP_WAKE_EVENT,    /* mapihttp_session_notify() was called for the session */
	MAPIHTTP_WAKE_TIMEOUT,  /* wait_timeout_ms passed */
	MAPIHTTP_WAKE_SHUTDOWN, /* mapihttp_shutdown() */
};

/* One request handed to a request type's handler. */
struct mapihttp_call {
	struct mapihttp *layer;
	const struct mapihttp_endpoint *endpoint;
	struct http_request *req; /* NULL when a MAPIHTTP_WAIT handler runs on the timer thread */
	const struct auth_user *user;
	enum mapi_http_request_type type;
	const struct mapi_http_request *in; /* decoded body */
	struct mapi_http_response *out;     /* type set, status_code 0: the handler fills the rest */
	struct mapihttp_session *session;   /* created (MAPIHTTP_NEW_SESSION) or acquired; NULL in a
	                                       MAPIHTTP_WAIT handler, which runs without the session */
	enum mapihttp_wake wake;
};

/* A handler returns the X-ResponseCode: 0 with call->out filled, or a failure code (the body is then
 * diagnostic text). A MAPIHTTP_NEW_SESSION handler that does not succeed (non-zero return, StatusCode or
 * ErrorCode) leaves no session behind; it sets call->session->priv on success. */
typedef uint32_t (*mapihttp_type_fn)(struct mapihttp_call *call);

enum {
	MAPIHTTP_NEW_SESSION = 0x1, /* Connect, Bind: creates the Session Context, needs no cookie */
	MAPIHTTP_END_SESSION = 0x2, /* Disconnect, Unbind: the session is freed after a successful handler */
	MAPIHTTP_WAIT =
	        0x4, /* NotificationWait: no sequencing (3.1.5.5: it may run beside another request of
	                the session), one per session; the handler runs when the wait ends (call->wake) */
};

struct mapihttp_type_handler {
	enum mapi_http_request_type type;
	unsigned flags;
	mapihttp_type_fn fn;
};

/* An endpoint: PING is served by the layer itself and need not be listed. */
struct mapihttp_endpoint {
	const char *path; /* "/mapi/emsmdb/": registered as a prefix route; only the path itself is valid */
	unsigned bit;     /* MAPI_HTTP_EP_MAILBOX or MAPI_HTTP_EP_ADDRESS_BOOK */
	const struct mapihttp_type_handler *types;
	size_t ntypes;
	void *arg; /* for the handlers: call->endpoint->arg (emsmdb: struct emsmdb_config) */
};

/* The layer: session table and timer thread. Freeing it (after http_server_stop) stops the thread. */
struct mapihttp *mapihttp_new(TALLOC_CTX *mem, const struct mapihttp_options *opt);
/* Starts the timer thread (after any fork, with the signal mask the server threads get). 0 or WC_ENOMEM. */
int mapihttp_start(struct mapihttp *m);
/* Registers ep (which must outlive the server) on s. 0, WC_EINVAL, WC_ENOMEM. */
int mapihttp_endpoint_register(struct mapihttp *m, struct http_server *s, const struct mapihttp_endpoint *ep);
struct mapihttp_sessions *mapihttp_sessions(struct mapihttp *m);
const struct mapihttp_options *mapihttp_options(const struct mapihttp *m);

/* An event for s (new mail ...): a NotificationWait in progress on it completes, or the next one returns at
 * once. Callable from any thread while s is alive. */
void mapihttp_session_notify(struct mapihttp_session *s);
/* The same for every session of user on the endpoint (new mail for a mailbox: all its sessions). Returns
 * how many sessions were marked. */
unsigned mapihttp_notify_user(struct mapihttp *m, unsigned endpoint, uint32_t user_mid);
/* Graceful shutdown, before http_server_stop(): new requests get X-ResponseCode 18, waits in progress are
 * completed (their handler runs with MAPIHTTP_WAKE_SHUTDOWN) and resumed. Waits up to grace_ms for them to
 * be handed to their connections. */
void mapihttp_shutdown(struct mapihttp *m, unsigned grace_ms);

#endif
