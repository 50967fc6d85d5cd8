/* MAPI/HTTP Session Contexts: cookies, sequencing, ownership, expiry (see mapihttp_session.h).
 * MS-OXCMAPIHTTP 3.2.1 (abstract data model), 3.2.5.1 (session context and sequence), 3.2.6 (idle timer). */
#include "server/mapihttp/mapihttp_session.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <time.h>

#define MAX_SESSIONS 65535 /* session indexes are 16-bit (piCxr) */

struct mapihttp_sessions {
	pthread_mutex_t lock;
	unsigned timeout_ms;
	struct mapihttp_session **items; /* unordered; a session's slot moves when another is removed */
	size_t count, cap;
	uint16_t next_index;
};

int64_t mapihttp_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static int table_destructor(struct mapihttp_sessions *t)
{
	for (size_t i = 0; i < t->count; i++)
		talloc_free(t->items[i]);
	pthread_mutex_destroy(&t->lock);
	return 0;
}

struct mapihttp_sessions *mapihttp_sessions_new(TALLOC_CTX *mem, unsigned timeout_ms)
{
	struct mapihttp_sessions *t = talloc_zero(mem, struct mapihttp_sessions);
	if (t == NULL)
		return NULL;
	pthread_mutex_init(&t->lock, NULL);
	t->timeout_ms = timeout_ms;
	talloc_set_destructor(t, table_destructor);
	return t;
}

unsigned mapihttp_sessions_timeout(const struct mapihttp_sessions *t)
{
	return t->timeout_ms;
}

pthread_mutex_t *mapihttp_sessions_lock(struct mapihttp_sessions *t)
{
	return &t->lock;
}

/* n random bytes as 2n lowercase hex digits. getrandom() cannot fail for n <= 256 once the pool is
 * initialised; should it, the clock keeps cookies distinct (they are then guessable: logged). */
static void random_hex(char *out, size_t n)
{
	uint8_t b[16];
	if (getrandom(b, n, 0) != (ssize_t)n) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		for (size_t i = 0; i < n; i++)
			b[i] = (uint8_t)((ts.tv_nsec >> (i % 4 * 8)) ^ (ts.tv_sec >> (i % 8)) ^ i);
	}
	for (size_t i = 0; i < n; i++)
		snprintf(out + 2 * i, 3, "%02x", b[i]);
}

static bool index_used(const struct mapihttp_sessions *t, uint16_t index)
{
	for (size_t i = 0; i < t->count; i++)
		if (t->items[i]->index == index)
			return true;
	return false;
}

static void remove_at(struct mapihttp_sessions *t, size_t i)
{
	talloc_free(t->items[i]);
	t->items[i] = t->items[--t->count];
}

static unsigned purge_locked(struct mapihttp_sessions *t, int64_t now_ms)
{
	unsigned n = 0;
	for (size_t i = 0; i < t->count;) {
		if (!t->items[i]->busy && t->items[i]->waiter == NULL && t->items[i]->expires_ms <= now_ms) {
			remove_at(t, i);
			n++;
		} else {
			i++;
		}
	}
	return n;
}

unsigned mapihttp_sessions_purge(struct mapihttp_sessions *t, int64_t now_ms)
{
	pthread_mutex_lock(&t->lock);
	unsigned n = purge_locked(t, now_ms);
	pthread_mutex_unlock(&t->lock);
	return n;
}

unsigned mapihttp_sessions_flag_user_locked(struct mapihttp_sessions *t, unsigned endpoint, uint32_t user_mid)
{
	unsigned n = 0;
	for (size_t i = 0; i < t->count; i++) {
		if (t->items[i]->endpoint == endpoint && t->items[i]->user_mid == user_mid) {
			t->items[i]->event_pending = true;
			n++;
		}
	}
	return n;
}

unsigned mapihttp_sessions_count(struct mapihttp_sessions *t)
{
	pthread_mutex_lock(&t->lock);
	unsigned n = (unsigned)t->count;
	pthread_mutex_unlock(&t->lock);
	return n;
}

struct mapihttp_session *mapihttp_session_create(struct mapihttp_sessions *t, unsigned endpoint,
                                                 uint32_t user_mid, const char *user_alias, int64_t now_ms)
{
	pthread_mutex_lock(&t->lock);
	purge_locked(t, now_ms);
	struct mapihttp_session *s = NULL;
	if (t->count >= MAX_SESSIONS)
		goto out;
	if (t->count == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		struct mapihttp_session **items = talloc_realloc(t, t->items, struct mapihttp_session *, cap);
		if (items == NULL)
			goto out;
		t->items = items;
		t->cap = cap;
	}
	s = talloc_zero(NULL, struct mapihttp_session);
	if (s == NULL || (s->user_alias = talloc_strdup(s, user_alias)) == NULL) {
		talloc_free(s);
		s = NULL;
		goto out;
	}
	s->table = t;
	s->endpoint = endpoint;
	s->user_mid = user_mid;
	s->busy = true;
	s->expires_ms = now_ms + t->timeout_ms;
	random_hex(s->context, MAPIHTTP_COOKIE_LEN / 2);
	random_hex(s->sequence, 8);
	while (index_used(t, t->next_index))
		t->next_index++;
	s->index = t->next_index++;
	t->items[t->count++] = s;
out:
	pthread_mutex_unlock(&t->lock);
	return s;
}

static bool cookie_well_formed(const char *c)
{
	return strlen(c) == MAPIHTTP_COOKIE_LEN && strspn(c, "0123456789abcdef") == MAPIHTTP_COOKIE_LEN;
}

/* The slot of the session named context that belongs to (endpoint, user), or -1 (lock held). */
static long find_locked(struct mapihttp_sessions *t, unsigned endpoint, uint32_t user_mid,
                        const char *user_alias, const char *context)
{
	for (size_t i = 0; i < t->count; i++) {
		struct mapihttp_session *s = t->items[i];
		if (strcmp(s->context, context) != 0)
			continue;
		/* 3.2.5.1: another authentication context fails with 10, as does another endpoint's session.
		 */
		if (s->endpoint != endpoint || s->user_mid != user_mid ||
		    strcasecmp(s->user_alias, user_alias) != 0)
			return -1;
		return (long)i;
	}
	return -1;
}

enum mapihttp_acquire mapihttp_session_lookup_locked(struct mapihttp_sessions *t, unsigned endpoint,
                                                     uint32_t user_mid, const char *user_alias,
                                                     const char *context, int64_t now_ms,
                                                     struct mapihttp_session **out)
{
	if (context == NULL)
		return MAPIHTTP_NO_COOKIE;
	if (!cookie_well_formed(context))
		return MAPIHTTP_BAD_COOKIE;
	purge_locked(t, now_ms);
	long i = find_locked(t, endpoint, user_mid, user_alias, context);
	if (i < 0)
		return MAPIHTTP_NOT_FOUND;
	*out = t->items[i];
	return MAPIHTTP_ACQUIRED;
}

enum mapihttp_acquire mapihttp_session_acquire(struct mapihttp_sessions *t, unsigned endpoint,
                                               uint32_t user_mid, const char *user_alias, const char *context,
                                               const char *sequence, int64_t now_ms,
                                               struct mapihttp_session **out)
{
	struct mapihttp_session *s;
	pthread_mutex_lock(&t->lock);
	enum mapihttp_acquire rc =
	        mapihttp_session_lookup_locked(t, endpoint, user_mid, user_alias, context, now_ms, &s);
	if (rc == MAPIHTTP_ACQUIRED && (s->busy || sequence == NULL || strcmp(s->sequence, sequence) != 0))
		rc = MAPIHTTP_BAD_SEQUENCE;
	if (rc == MAPIHTTP_ACQUIRED) {
		s->busy = true;
		random_hex(s->sequence, 8);
		*out = s;
	}
	pthread_mutex_unlock(&t->lock);
	return rc;
}

enum mapihttp_acquire mapihttp_session_touch(struct mapihttp_sessions *t, unsigned endpoint,
                                             uint32_t user_mid, const char *user_alias, const char *context,
                                             int64_t now_ms)
{
	struct mapihttp_session *s;
	pthread_mutex_lock(&t->lock);
	enum mapihttp_acquire rc =
	        mapihttp_session_lookup_locked(t, endpoint, user_mid, user_alias, context, now_ms, &s);
	if (rc == MAPIHTTP_ACQUIRED && !s->busy)
		s->expires_ms = now_ms + t->timeout_ms;
	pthread_mutex_unlock(&t->lock);
	return rc;
}

void mapihttp_session_drop(struct mapihttp_sessions *t, unsigned endpoint, uint32_t user_mid,
                           const char *user_alias, const char *context)
{
	if (!cookie_well_formed(context))
		return;
	pthread_mutex_lock(&t->lock);
	long i = find_locked(t, endpoint, user_mid, user_alias, context);
	if (i >= 0 && !t->items[i]->busy && t->items[i]->waiter == NULL)
		remove_at(t, (size_t)i);
	pthread_mutex_unlock(&t->lock);
}

void mapihttp_session_release(struct mapihttp_session *s, int64_t now_ms)
{
	struct mapihttp_sessions *t = s->table;
	pthread_mutex_lock(&t->lock);
	s->busy = false;
	s->expires_ms = now_ms + t->timeout_ms;
	pthread_mutex_unlock(&t->lock);
}

void mapihttp_session_destroy(struct mapihttp_session *s)
{
	struct mapihttp_sessions *t = s->table;
	pthread_mutex_lock(&t->lock);
	for (size_t i = 0; i < t->count; i++) {
		if (t->items[i] == s) {
			remove_at(t, i);
			break;
		}
	}
	pthread_mutex_unlock(&t->lock);
}

unsigned mapihttp_session_expiration(const struct mapihttp_session *s)
{
	return s->table->timeout_ms;
}
