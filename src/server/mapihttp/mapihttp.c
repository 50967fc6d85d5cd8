/* The MAPI/HTTP endpoint layer (see mapihttp.h): request checks (MS-OXCMAPIHTTP 2.2.2.1, 2.2.3, 3.2.5.1),
 * response framing (2.2.2.2, 2.2.7, 3.2.5.2), PING (2.2.6, 3.2.5.3) and the long wait of NotificationWait
 * (3.2.5.5) on suspended connections. */
#include "server/mapihttp/mapihttp.h"

#include "common/wc_error.h"
#include "common/wc_log.h"
#include "mapi/mapihttp_framing.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <time.h>

struct mapihttp_wait;

struct mapihttp {
	struct mapihttp_options opt;
	struct mapihttp_sessions *sessions;
	pthread_mutex_t *lock; /* the session table's: one lock for sessions and waits */
	pthread_cond_t cond;   /* wakes the timer thread */
	pthread_t thread;
	bool thread_started, stop, shutting_down;
	struct mapihttp_wait *waits; /* doubly linked */
};

/* A route: the layer and one endpoint. */
struct mapihttp_route {
	struct mapihttp *m;
	const struct mapihttp_endpoint *ep;
};

/* A NotificationWait in progress: its response stream and its call. A talloc root, freed by whoever comes
 * last of the connection (stream done) and the timer thread (completing). */
struct mapihttp_wait {
	struct mapihttp_wait *prev, *next;
	struct mapihttp *m;
	struct mapihttp_call *call;
	const struct mapihttp_type_handler *handler;
	struct MHD_Connection *conn;
	struct wc_writer out; /* the inner stream so far */
	size_t sent;
	int64_t deadline_ms, next_pending_ms, start_ms;
	time_t start;
	bool done, suspended, completing, orphan;
};

/* ---- headers ---- */

/* "{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}:counter" (2.2.3.3.2 X-RequestId, 2.2.3.3.4 X-ClientInfo) */
static bool guid_counter_ok(const char *v)
{
	static const char pattern[] = "{xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx}:";
	size_t n = sizeof pattern - 1;
	if (strlen(v) <= n || strlen(v) > n + 20)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (pattern[i] == 'x' ? !strchr("0123456789abcdefABCDEF", v[i]) || v[i] == '\0'
		                      : v[i] != pattern[i])
			return false;
	}
	return strspn(v + n, "0123456789") == strlen(v + n);
}

/* application/mapi-http, optionally with parameters (2.2.3.2.2) */
static bool content_type_ok(const char *v)
{
	static const char ct[] = "application/mapi-http";
	size_t n = sizeof ct - 1;
	return strncasecmp(v, ct, n) == 0 && (v[n] == '\0' || v[n] == ';' || v[n] == ' ');
}

/* ---- responses ---- */

struct response_headers {
	const char *list[32];
	size_t n;
};

static void hdr(struct response_headers *h, const char *name, const char *value)
{
	if (value != NULL && h->n + 2 < sizeof h->list / sizeof h->list[0]) {
		h->list[h->n++] = name;
		h->list[h->n++] = value;
		h->list[h->n] = NULL;
	}
}

/* The headers of every response (2.2.2.2, 2.2.3.3): code is the X-ResponseCode of the HTTP headers. */
static void common_headers(struct mapihttp_call *c, struct response_headers *h, uint32_t code,
                           const char *type)
{
	struct http_request *req = c->req;
	struct mapihttp *m = c->layer;
	h->n = 0;
	h->list[0] = NULL;
	hdr(h, "X-RequestType", type);
	hdr(h, "X-RequestId", http_header(req, "X-RequestId"));
	hdr(h, "X-ClientInfo", http_header(req, "X-ClientInfo"));
	hdr(h, "X-ResponseCode", talloc_asprintf(req, "%u", code));
	hdr(h, "X-ServerApplication", m->opt.server_application);
	hdr(h, "X-PendingPeriod", talloc_asprintf(req, "%u", m->opt.pending_period_ms));
	hdr(h, "X-ExpirationInfo", talloc_asprintf(req, "%u", m->opt.session_timeout_ms));
	hdr(h, "Cache-Control", "private");
	if (c->session != NULL) {
		/* 2.2.3.2.3: opaque cookies; the path keeps each endpoint's cookies apart. */
		char path[128];
		snprintf(path, sizeof path, "%.*s", (int)strlen(c->endpoint->path) - 1, c->endpoint->path);
		const char *secure = req->tls ? "; Secure" : "";
		hdr(h, "Set-Cookie",
		    talloc_asprintf(req, MAPIHTTP_CONTEXT_COOKIE "=%s; path=%s; HttpOnly%s",
		                    c->session->context, path, secure));
		hdr(h, "Set-Cookie",
		    talloc_asprintf(req, MAPIHTTP_SEQUENCE_COOKIE "=%s; path=%s; HttpOnly%s",
		                    c->session->sequence, path, secure));
	}
}

/* A failure before or instead of the request type's processing: diagnostic text (2.2.2.2). */
static void respond_failure(struct mapihttp_call *c, uint32_t code, const char *type, const char *why)
{
	struct response_headers h;
	common_headers(c, &h, code, type);
	const char *name = mapi_http_response_code_name(code);
	char *body = talloc_asprintf(c->req, "<html><body><p>X-ResponseCode %u (%s): %s</p></body></html>\n",
	                             code, name ? name : "?", why);
	wc_debug("req=%s MAPI/HTTP failure %u: %s", c->req->id, code, why);
	if (body == NULL ||
	    http_respond(c->req, 200, "text/html; charset=utf-8", body, strlen(body), h.list) != 0)
		http_respond_status(c->req, 500);
}

/* The inner stream after PROCESSING (and PENDINGs): DONE, additional headers, body. */
static int push_done(struct wc_writer *w, struct mapihttp_call *c, uint32_t code, int64_t start_ms,
                     time_t start)
{
	int64_t elapsed = mapihttp_now_ms() - start_ms;
	int rc = mapi_http_done_push(w, code, (uint32_t)(elapsed < 0 ? 0 : elapsed), start);
	if (rc == 0 && code == 0 && c->type != MAPI_HTTP_PING)
		rc = mapi_http_response_push(w, c->out);
	return rc;
}

/* ---- the long wait ---- */

static void wait_unlink(struct mapihttp_wait *wt)
{
	struct mapihttp *m = wt->m;
	if (wt->prev)
		wt->prev->next = wt->next;
	else if (m->waits == wt)
		m->waits = wt->next;
	if (wt->next)
		wt->next->prev = wt->prev;
	wt->prev = wt->next = NULL;
}

/* Stream reader on the connection's thread: what is buffered, else suspend until the timer thread resumes. */
static long wait_read(void *arg, uint64_t pos, char *buf, size_t max)
{
	struct mapihttp_wait *wt = arg;
	(void)pos;
	pthread_mutex_lock(wt->m->lock);
	long n;
	if (wt->sent < wt->out.len) {
		size_t k = wt->out.len - wt->sent < max ? wt->out.len - wt->sent : max;
		memcpy(buf, wt->out.data + wt->sent, k);
		wt->sent += k;
		n = (long)k;
	} else if (wt->done) {
		n = HTTP_STREAM_END;
	} else {
		wt->suspended = true;
		http_stream_suspend(wt->conn);
		n = 0;
	}
	pthread_mutex_unlock(wt->m->lock);
	return n;
}

static void wait_resume_locked(struct mapihttp_wait *wt)
{
	if (wt->suspended) {
		wt->suspended = false;
		http_stream_resume(wt->conn);
	}
}

/* Lock held: the wait lets go of its session, whose idle timer restarts (3.2.5.5: "MUST refresh the Session
 * Context expiration upon completion"). */
static void wait_detach_locked(struct mapihttp_wait *wt)
{
	struct mapihttp_session *s = wt->call->session;
	if (s != NULL && s->waiter == wt) {
		s->waiter = NULL;
		s->expires_ms = mapihttp_now_ms() + wt->m->opt.session_timeout_ms;
	}
	wt->call->session = NULL;
}

/* The connection is done with the response (sent, or gone). */
static void wait_done(void *arg)
{
	struct mapihttp_wait *wt = arg;
	struct mapihttp *m = wt->m;
	pthread_mutex_lock(m->lock);
	wait_unlink(wt);
	wait_detach_locked(wt);
	bool free_now = !wt->completing;
	wt->orphan = !free_now;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(m->lock);
	if (free_now)
		talloc_free(wt);
}

/* Lock held: appends DONE, the additional headers and (code 0) the body, and hands it to the connection. */
static void wait_finish_locked(struct mapihttp_wait *wt, const struct wc_writer *w)
{
	if (w->failed == 0)
		wc_write_bytes(&wt->out, w->data, w->len);
	wt->done = true;
	wait_resume_locked(wt);
}

/* Timer thread, m->lock held: ends wt. The session is let go before the lock is dropped for the handler, so
 * the handler sees only call->wake and the request body, and a Disconnect may free the session meanwhile. */
static void wait_complete_locked(struct mapihttp_wait *wt, enum mapihttp_wake wake)
{
	struct mapihttp *m = wt->m;
	struct mapihttp_call *c = wt->call;
	if (wake == MAPIHTTP_WAKE_EVENT)
		c->session->event_pending = false;
	wait_detach_locked(wt);
	wt->completing = true;
	pthread_mutex_unlock(m->lock);

	c->wake = wake;
	uint32_t code =
	        wake == MAPIHTTP_WAKE_SHUTDOWN ? MAPI_HTTP_RC_ENDPOINT_SHUTTING_DOWN : wt->handler->fn(c);
	struct wc_writer w;
	wc_writer_init(&w, wt, 0);
	if (push_done(&w, c, code, wt->start_ms, wt->start) != 0) {
		wc_writer_init(&w, wt, 0);
		mapi_http_done_push(&w, MAPI_HTTP_RC_UNKNOWN_FAILURE, 0, wt->start);
	}

	pthread_mutex_lock(m->lock);
	wt->completing = false;
	if (wt->orphan) {
		pthread_mutex_unlock(m->lock);
		talloc_free(wt);
		pthread_mutex_lock(m->lock);
	} else {
		wait_finish_locked(wt, &w);
	}
}

/* Lock held: Disconnect of a session with a NotificationWait in progress: the wait ends with X-ResponseCode
 * 10 (its Session Context is gone, 3.2.5.4) without its handler. */
static void wait_end_session_locked(struct mapihttp_session *s)
{
	struct mapihttp_wait *wt = s->waiter;
	if (wt == NULL)
		return;
	wait_detach_locked(wt);
	struct wc_writer w;
	wc_writer_init(&w, wt, 0);
	mapi_http_done_push(&w, MAPI_HTTP_RC_CONTEXT_NOT_FOUND, (uint32_t)(mapihttp_now_ms() - wt->start_ms),
	                    wt->start);
	wait_finish_locked(wt, &w);
}

static void *timer_main(void *arg)
{
	struct mapihttp *m = arg;
	pthread_mutex_lock(m->lock);
	while (!m->stop) {
		int64_t now = mapihttp_now_ms(), next = now + 60000;
		bool again = false;
		for (struct mapihttp_wait *wt = m->waits; wt != NULL && !again; wt = wt->next) {
			if (wt->done || wt->completing)
				continue;
			enum mapihttp_wake wake = m->shutting_down                   ? MAPIHTTP_WAKE_SHUTDOWN
			                          : wt->call->session->event_pending ? MAPIHTTP_WAKE_EVENT
			                          : now >= wt->deadline_ms           ? MAPIHTTP_WAKE_TIMEOUT
			                                                             : MAPIHTTP_WAKE_NONE;
			if (wake != MAPIHTTP_WAKE_NONE) {
				wait_complete_locked(wt,
				                     wake); /* drops the lock: the list may have changed */
				again = true;
				break;
			}
			if (now >= wt->next_pending_ms) {
				mapi_http_meta_push(&wt->out,
				                    MAPI_HTTP_META_PENDING); /* 3.2.5.2 keep-alive */
				wt->next_pending_ms = now + m->opt.pending_period_ms;
				wait_resume_locked(wt);
			}
			if (wt->next_pending_ms < next)
				next = wt->next_pending_ms;
			if (wt->deadline_ms < next)
				next = wt->deadline_ms;
		}
		if (again)
			continue;
		struct timespec ts;
		clock_gettime(CLOCK_MONOTONIC, &ts);
		int64_t wait_ms = next - now;
		ts.tv_sec += wait_ms / 1000;
		ts.tv_nsec += (wait_ms % 1000) * 1000000;
		if (ts.tv_nsec >= 1000000000) {
			ts.tv_sec++;
			ts.tv_nsec -= 1000000000;
		}
		pthread_cond_timedwait(&m->cond, m->lock, &ts);
	}
	pthread_mutex_unlock(m->lock);
	return NULL;
}

/* Starts the wait of call: the session of its context cookie, without the sequence rules (3.1.5.5: it may run
 * beside another request; one wait per session), then a chunked response with PROCESSING now; the timer
 * thread does the rest. */
static void wait_start(struct mapihttp_call *c, const struct mapihttp_type_handler *th, int64_t start_ms,
                       time_t start)
{
	struct mapihttp *m = c->layer;
	const char *type = mapi_http_request_type_name(c->type);
	struct mapihttp_wait *wt = talloc_zero(NULL, struct mapihttp_wait);
	struct mapihttp_call *copy = wt ? talloc_zero(wt, struct mapihttp_call) : NULL;
	if (copy == NULL) {
		talloc_free(wt);
		respond_failure(c, MAPI_HTTP_RC_UNKNOWN_FAILURE, type, "out of memory");
		return;
	}
	wt->m = m;
	wt->handler = th;
	wt->conn = c->req->conn;
	wt->start_ms = start_ms;
	wt->start = start;
	wt->deadline_ms = start_ms + m->opt.wait_timeout_ms;
	wt->next_pending_ms = start_ms + m->opt.pending_period_ms;
	wc_writer_init(&wt->out, wt, 0);
	mapi_http_meta_push(&wt->out, MAPI_HTTP_META_PROCESSING);
	/* The call outlives the request: the handler gets the body and the wake reason, nothing else. */
	*copy = *c;
	copy->req = NULL;
	copy->user = NULL;
	copy->in = talloc_steal(copy, (struct mapi_http_request *)c->in);
	copy->out = talloc_steal(copy, c->out);
	wt->call = copy;

	pthread_mutex_lock(m->lock);
	struct mapihttp_session *s = NULL;
	uint32_t code =
	        mapihttp_session_lookup_locked(m->sessions, c->endpoint->bit, c->user->mid, c->user->alias,
	                                       http_cookie(c->req, MAPIHTTP_CONTEXT_COOKIE), start_ms, &s);
	if (code == 0 && s->waiter != NULL)
		code = MAPI_HTTP_RC_INVALID_SEQUENCE; /* a second wait on the session */
	if (code == 0) {
		s->waiter = wt;
		copy->session = s;
		c->session = s; /* for the Set-Cookie headers: the cookies as they are now */
		wt->next = m->waits;
		if (m->waits)
			m->waits->prev = wt;
		m->waits = wt;
	}
	struct response_headers h;
	if (code == 0)
		common_headers(c, &h, 0, type);
	pthread_mutex_unlock(m->lock);
	if (code != 0 || wt->out.failed != 0) {
		if (code == 0)
			wait_done(wt);
		else
			talloc_free(wt);
		respond_failure(c, code ? code : MAPI_HTTP_RC_UNKNOWN_FAILURE, type, "session context");
		return;
	}
	/* On failure wait_done has run: the wait is gone and the handler's caller answers 500. */
	if (http_respond_stream(c->req, 200, "application/mapi-http", h.list, wait_read, wait_done, wt) ==
	    0) {
		pthread_mutex_lock(m->lock);
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(m->lock);
	}
}

/* ---- requests ---- */

static const struct mapihttp_type_handler *find_type(const struct mapihttp_endpoint *ep,
                                                     enum mapi_http_request_type type)
{
	for (size_t i = 0; i < ep->ntypes; i++)
		if (ep->types[i].type == type)
			return &ep->types[i];
	return NULL;
}

/* The path itself, with or without its final '/': anything below it is an invalid path (2.2.3.3.3). */
static bool path_ok(const struct mapihttp_endpoint *ep, const char *path)
{
	size_t n = strlen(ep->path);
	return strcasecmp(path, ep->path) == 0 ||
	       (strlen(path) == n - 1 && strncasecmp(path, ep->path, n - 1) == 0);
}

/* Everything up to the handler; returns 0 or an X-ResponseCode with *why set. */
static uint32_t check_request(struct mapihttp_call *c, const struct mapihttp_type_handler **th,
                              const char **why)
{
	struct http_request *req = c->req;
	if (c->layer->shutting_down)
		return *why = "the server is shutting down", MAPI_HTTP_RC_ENDPOINT_SHUTTING_DOWN;
	if (strcmp(req->method, "POST") != 0)
		return *why = "only POST is accepted", MAPI_HTTP_RC_INVALID_VERB;
	if (!path_ok(c->endpoint, req->path))
		return *why = "no such path", MAPI_HTTP_RC_INVALID_PATH;
	const char *type = http_header(req, "X-RequestType");
	if (type == NULL)
		return *why = "X-RequestType missing", MAPI_HTTP_RC_MISSING_HEADER;
	if (mapi_http_request_type_parse(type, &c->type) != 0 ||
	    !(mapi_http_request_type_endpoints(c->type) & c->endpoint->bit) ||
	    (c->type != MAPI_HTTP_PING && (*th = find_type(c->endpoint, c->type)) == NULL))
		return *why = "X-RequestType not served by this endpoint", MAPI_HTTP_RC_INVALID_REQUEST_TYPE;
	static const char *const required[] = {"Content-Type", "X-RequestId", "X-ClientInfo"};
	for (size_t i = 0; i < 3; i++) {
		const char *v = http_header(req, required[i]);
		if (v == NULL)
			return *why = talloc_asprintf(req, "%s missing", required[i]),
			       MAPI_HTTP_RC_MISSING_HEADER;
		if (i == 0 ? !content_type_ok(v) : !guid_counter_ok(v))
			return *why = talloc_asprintf(req, "%s invalid", required[i]),
			       MAPI_HTTP_RC_INVALID_HEADER;
	}
	if (c->type == MAPI_HTTP_PING)
		return 0;
	struct mapi_http_request *in;
	int rc = mapi_http_request_pull(req, c->type, req->body, req->body_len, &in);
	if (rc != 0)
		return *why = wc_strerror(rc), MAPI_HTTP_RC_INVALID_REQUEST_BODY;
	c->in = in;
	return 0;
}

/* The session of the request: created, acquired, or (PING) touched. 0 or an X-ResponseCode. */
static uint32_t find_session(struct mapihttp_call *c, const struct mapihttp_type_handler *th, int64_t now)
{
	struct mapihttp *m = c->layer;
	const char *context = http_cookie(c->req, MAPIHTTP_CONTEXT_COOKIE);
	const char *sequence = http_cookie(c->req, MAPIHTTP_SEQUENCE_COOKIE);
	if (th != NULL && (th->flags & MAPIHTTP_NEW_SESSION)) {
		/* 3.2.5.6: a reconnect names its old session, which is destroyed; its sequence is ignored. */
		if (context != NULL)
			mapihttp_session_drop(m->sessions, c->endpoint->bit, c->user->mid, c->user->alias,
			                      context);
		c->session = mapihttp_session_create(m->sessions, c->endpoint->bit, c->user->mid,
		                                     c->user->alias, now);
		return c->session ? 0 : MAPI_HTTP_RC_UNKNOWN_FAILURE;
	}
	if (th != NULL && (th->flags & MAPIHTTP_WAIT))
		return 0;              /* wait_start() finds its session */
	if (c->type == MAPI_HTTP_PING) /* outside any session, a PING checks the endpoint only */
		return context == NULL
		               ? 0
		               : (uint32_t)mapihttp_session_touch(m->sessions, c->endpoint->bit, c->user->mid,
		                                                  c->user->alias, context, now);
	enum mapihttp_acquire rc =
	        mapihttp_session_acquire(m->sessions, c->endpoint->bit, c->user->mid, c->user->alias, context,
	                                 sequence, now, &c->session);
	return (uint32_t)rc;
}

static void handle(struct http_request *req, void *arg)
{
	const struct mapihttp_route *route = arg;
	int64_t start_ms = mapihttp_now_ms();
	time_t start = time(NULL);
	struct mapihttp_call *c = talloc_zero(req, struct mapihttp_call);
	if (c == NULL) {
		http_respond_status(req, 500);
		return;
	}
	*c = (struct mapihttp_call){.layer = route->m, .endpoint = route->ep, .req = req, .user = req->user};
	const struct mapihttp_type_handler *th = NULL;
	const char *why = "";
	uint32_t code = check_request(c, &th, &why);
	const char *type_name =
	        code == 0 ? mapi_http_request_type_name(c->type) : http_header(req, "X-RequestType");
	if (code == 0 && (code = find_session(c, th, start_ms)) != 0)
		why = "session context";
	if (code != 0) {
		respond_failure(c, code, type_name, why);
		return;
	}
	c->out = talloc_zero(c, struct mapi_http_response);
	if (c->out == NULL) {
		code = MAPI_HTTP_RC_UNKNOWN_FAILURE;
	} else {
		c->out->type = c->type;
	}
	if (code == 0 && th != NULL && (th->flags & MAPIHTTP_WAIT)) {
		wait_start(c, th, start_ms, start);
		return;
	}
	if (code == 0 && th != NULL)
		code = th->fn(c);
	/* The session's fate before the headers: a failed Connect/Bind and a Disconnect/Unbind leave none. */
	bool ok = code == 0 && c->out->status_code == 0 && c->out->error_code == 0;
	if (c->session != NULL && th != NULL &&
	    (((th->flags & MAPIHTTP_NEW_SESSION) && !ok) ||
	     ((th->flags & MAPIHTTP_END_SESSION) && code == 0))) {
		pthread_mutex_lock(c->layer->lock);
		wait_end_session_locked(c->session);
		pthread_mutex_unlock(c->layer->lock);
		mapihttp_session_destroy(c->session);
		c->session = NULL;
	} else if (c->session != NULL) {
		mapihttp_session_release(c->session, mapihttp_now_ms());
	}
	if (code != 0) {
		respond_failure(c, code, type_name, "request failed");
		return;
	}
	struct wc_writer w;
	wc_writer_init(&w, req, 0);
	int rc = mapi_http_meta_push(&w, MAPI_HTTP_META_PROCESSING);
	if (rc == 0)
		rc = push_done(&w, c, 0, start_ms, start);
	if (rc != 0) {
		respond_failure(c, MAPI_HTTP_RC_INVALID_RESPONSE, type_name, wc_strerror(rc));
		return;
	}
	struct response_headers h;
	common_headers(c, &h, 0, type_name);
	if (http_respond(req, 200, "application/mapi-http", w.data, w.len, h.list) != 0)
		http_respond_status(req, 500);
}

/* 401 and 413 from the HTTP layer carry their X-ResponseCode (2.2.3.3.3: 8 anonymous, 9 too large). */
static const char *const *refusal_headers(unsigned status)
{
	static const char *const anonymous[] = {"X-ResponseCode", "8", NULL};
	static const char *const too_large[] = {"X-ResponseCode", "9", NULL};
	return status == 401 ? anonymous : status == 413 ? too_large : NULL;
}

int mapihttp_endpoint_register(struct mapihttp *m, struct http_server *s, const struct mapihttp_endpoint *ep)
{
	struct mapihttp_route *r = talloc_zero(m, struct mapihttp_route);
	if (r == NULL)
		return WC_ENOMEM;
	r->m = m;
	r->ep = ep;
	int rc = http_route_add(s, ep->path, HTTP_ROUTE_PREFIX, handle, r);
	if (rc == 0)
		rc = http_route_refusal_headers(s, ep->path, refusal_headers);
	return rc;
}

/* ---- the layer ---- */

static int layer_destructor(struct mapihttp *m)
{
	if (m->thread_started) {
		pthread_mutex_lock(m->lock);
		m->stop = true;
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(m->lock);
		pthread_join(m->thread, NULL);
	}
	pthread_cond_destroy(&m->cond);
	return 0;
}

struct mapihttp *mapihttp_new(TALLOC_CTX *mem, const struct mapihttp_options *opt)
{
	struct mapihttp *m = talloc_zero(mem, struct mapihttp);
	if (m == NULL)
		return NULL;
	m->opt = *opt;
	m->opt.server_application = talloc_strdup(m, opt->server_application);
	m->sessions = mapihttp_sessions_new(m, opt->session_timeout_ms);
	if (m->sessions == NULL || m->opt.server_application == NULL) {
		talloc_free(m);
		return NULL;
	}
	m->lock = mapihttp_sessions_lock(m->sessions);
	pthread_condattr_t ca;
	pthread_condattr_init(&ca);
	pthread_condattr_setclock(&ca, CLOCK_MONOTONIC);
	pthread_cond_init(&m->cond, &ca);
	pthread_condattr_destroy(&ca);
	talloc_set_destructor(m, layer_destructor);
	return m;
}

int mapihttp_start(struct mapihttp *m)
{
	if (m->thread_started)
		return 0;
	if (pthread_create(&m->thread, NULL, timer_main, m) != 0)
		return WC_ENOMEM;
	m->thread_started = true;
	return 0;
}

struct mapihttp_sessions *mapihttp_sessions(struct mapihttp *m)
{
	return m->sessions;
}

const struct mapihttp_options *mapihttp_options(const struct mapihttp *m)
{
	return &m->opt;
}

void mapihttp_session_notify(struct mapihttp_session *s)
{
	pthread_mutex_t *lock = mapihttp_sessions_lock(s->table);
	pthread_mutex_lock(lock);
	s->event_pending = true;
	struct mapihttp_wait *wt = s->waiter;
	if (wt != NULL)
		pthread_cond_broadcast(&wt->m->cond);
	pthread_mutex_unlock(lock);
}

unsigned mapihttp_notify_user(struct mapihttp *m, unsigned endpoint, uint32_t user_mid)
{
	pthread_mutex_lock(m->lock);
	unsigned n = mapihttp_sessions_flag_user_locked(m->sessions, endpoint, user_mid);
	if (n > 0)
		pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(m->lock);
	return n;
}

void mapihttp_shutdown(struct mapihttp *m, unsigned grace_ms)
{
	pthread_mutex_lock(m->lock);
	m->shutting_down = true;
	pthread_cond_broadcast(&m->cond);
	pthread_mutex_unlock(m->lock);
	for (unsigned waited = 0; waited < grace_ms; waited += 10) {
		pthread_mutex_lock(m->lock);
		bool pending = false;
		for (struct mapihttp_wait *wt = m->waits; wt != NULL; wt = wt->next)
			pending = pending || !wt->done;
		pthread_mutex_unlock(m->lock);
		if (!pending)
			break;
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
}
