/* MAPI/HTTP Session Contexts (MS-OXCMAPIHTTP 3.2.1, 3.2.5.1, 3.2.6): the table of sessions shared by the
 * mailbox and the address book endpoints, with their two cookies:
 *   - the session context cookie (MapiContext): 128 random bits, names the session;
 *   - the request sequence cookie (MapiSequence): 64 random bits, replaced on every request, so a replayed
 *     or out-of-order request (an old sequence) and a second request while one is running both fail with
 *     X-ResponseCode 15 (3.2.5.1 "one request at a time per Session Context").
 * A session belongs to the user who created it (3.2.5.1: another authentication context gets 10) and expires
 * after session_timeout_ms without a request (3.2.2 idle-time timer, 3.2.6); a session with a request or a
 * NotificationWait in progress never expires. A NotificationWait does not take part in the sequencing: it
 * may run beside another request (3.1.5.5), so it neither makes the session busy nor changes its cookies.
 * Expired sessions are purged on every create and acquire.
 *
 * No HTTP here: the functions take the time explicitly so that unit tests can drive expiry. Thread-safe: one
 * mutex per table. Each session is a talloc root of its own (requests of different sessions run on
 * different threads); endpoint state hangs below session->priv. */
#ifndef WC_MAPIHTTP_SESSION_H
#define WC_MAPIHTTP_SESSION_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#define MAPIHTTP_CONTEXT_COOKIE "MapiContext"
#define MAPIHTTP_SEQUENCE_COOKIE "MapiSequence"
#define MAPIHTTP_COOKIE_LEN 32 /* hex digits of a context cookie; a sequence cookie has 16 */

struct mapihttp_sessions;

struct mapihttp_session {
	struct mapihttp_sessions *table;
	char context[MAPIHTTP_COOKIE_LEN + 1]; /* MapiContext value */
	char sequence[17];                     /* MapiSequence value the next request must carry */
	unsigned endpoint;                     /* MAPI_HTTP_EP_* bit of the endpoint that created it */
	uint32_t user_mid;                     /* the authenticated user (auth_user.mid) ... */
	char *user_alias;                      /* ... and alias: both must match on every request */
	uint16_t index;     /* session index (piCxr, MS-OXCRPC 3.1.4.1): unique among live */
	int64_t expires_ms; /* when idle past this (monotonic ms), it is purged */
	bool busy;          /* a request of the session is in progress */
	bool event_pending; /* set by mapihttp_session_notify(), cleared by the waiter */
	void *waiter;       /* the NotificationWait in progress (mapihttp.c), or NULL */
	void *priv;         /* endpoint state, a talloc child of the session */
};

/* Outcomes of acquire, as MS-OXCMAPIHTTP 2.2.3.3.3 X-ResponseCode values. */
enum mapihttp_acquire {
	MAPIHTTP_ACQUIRED = 0,
	MAPIHTTP_BAD_COOKIE = 6,    /* Invalid Context Cookie: not a cookie this server makes */
	MAPIHTTP_NOT_FOUND = 10,    /* Context Not Found: unknown, expired, other endpoint, other user */
	MAPIHTTP_NO_COOKIE = 13,    /* Missing Cookie */
	MAPIHTTP_BAD_SEQUENCE = 15, /* Invalid Sequence: busy, missing or stale sequence cookie */
};

/* A table; timeout_ms is the idle time after which a session expires. Freeing it frees every session. */
struct mapihttp_sessions *mapihttp_sessions_new(TALLOC_CTX *mem, unsigned timeout_ms);
unsigned mapihttp_sessions_timeout(const struct mapihttp_sessions *t);

/* Creates a session for (endpoint, user), busy (the Connect/Bind that creates it is in progress), with fresh
 * cookies. NULL when out of memory or when 65535 sessions are live. */
struct mapihttp_session *mapihttp_session_create(struct mapihttp_sessions *t, unsigned endpoint,
                                                 uint32_t user_mid, const char *user_alias, int64_t now_ms);
/* Finds the session of context for a request of (endpoint, user) carrying sequence, marks it busy and gives
 * it a new sequence cookie (to be sent back with Set-Cookie). context or sequence NULL: not sent. */
enum mapihttp_acquire mapihttp_session_acquire(struct mapihttp_sessions *t, unsigned endpoint,
                                               uint32_t user_mid, const char *user_alias, const char *context,
                                               const char *sequence, int64_t now_ms,
                                               struct mapihttp_session **out);
/* The session of context for (endpoint, user) without the sequence rules, with the table's lock held
 * (mapihttp_sessions_lock): NotificationWait. MAPIHTTP_ACQUIRED (*out set), or the failure of acquire. */
enum mapihttp_acquire mapihttp_session_lookup_locked(struct mapihttp_sessions *t, unsigned endpoint,
                                                     uint32_t user_mid, const char *user_alias,
                                                     const char *context, int64_t now_ms,
                                                     struct mapihttp_session **out);
/* PING (MS-OXCMAPIHTTP 3.2.5.3): refreshes the idle timer of the session of context without the sequence
 * rules (a PING may run beside a NotificationWait). MAPIHTTP_ACQUIRED or the failure of acquire. */
enum mapihttp_acquire mapihttp_session_touch(struct mapihttp_sessions *t, unsigned endpoint,
                                             uint32_t user_mid, const char *user_alias, const char *context,
                                             int64_t now_ms);
/* Reconnect (3.2.5.6): destroys the session of context if it is the user's and idle (no request, no wait);
 * the sequence is ignored. */
void mapihttp_session_drop(struct mapihttp_sessions *t, unsigned endpoint, uint32_t user_mid,
                           const char *user_alias, const char *context);
/* The request is over: not busy, idle timer restarted. */
void mapihttp_session_release(struct mapihttp_session *s, int64_t now_ms);
/* Disconnect/Unbind or a failed Connect: removes and frees the session (acquired, with no waiter: the layer
 * ends a NotificationWait first). */
void mapihttp_session_destroy(struct mapihttp_session *s);
/* Marks an event pending on every session of (endpoint, user); returns how many (lock held by the caller:
 * mapihttp_notify_user() wakes the waits). */
unsigned mapihttp_sessions_flag_user_locked(struct mapihttp_sessions *t, unsigned endpoint,
                                            uint32_t user_mid);
/* Frees the sessions idle past their expiry; returns how many. */
unsigned mapihttp_sessions_purge(struct mapihttp_sessions *t, int64_t now_ms);
unsigned mapihttp_sessions_count(struct mapihttp_sessions *t);
/* Milliseconds until s expires if idle from now on (X-ExpirationInfo, 2.2.3.3.8). */
unsigned mapihttp_session_expiration(const struct mapihttp_session *s);

/* The table's mutex, for code that must look at waiter/event_pending consistently (mapihttp.c). */
pthread_mutex_t *mapihttp_sessions_lock(struct mapihttp_sessions *t);

/* Monotonic clock in milliseconds. */
int64_t mapihttp_now_ms(void);

#endif
