/* src/server/mapihttp/mapihttp_session.c: Session Contexts, their cookies, sequencing and expiry
 * (MS-OXCMAPIHTTP 3.2.1, 3.2.5.1, 3.2.5.6, 3.2.6). Time is passed in explicitly. */
#include "testutil.h"
#include "mapi/mapihttp.h"
#include "server/mapihttp/mapihttp_session.h"

#include <string.h>

#define EP MAPI_HTTP_EP_MAILBOX
#define TIMEOUT 1000

static struct mapihttp_session *create(struct mapihttp_sessions *t, int64_t now)
{
	struct mapihttp_session *s = mapihttp_session_create(t, EP, 16, "alice", now);
	assert_non_null(s);
	return s;
}

/* Cookies: 32 and 16 lowercase hex digits, different for every session; a new session is busy until the
 * Connect that made it is over. */
static void test_create_gives_fresh_cookies(void **state)
{
	struct mapihttp_sessions *t = mapihttp_sessions_new(*state, TIMEOUT);
	struct mapihttp_session *a = create(t, 0), *b = create(t, 0);
	assert_int_equal(strlen(a->context), 32);
	assert_int_equal(strspn(a->context, "0123456789abcdef"), 32);
	assert_int_equal(strlen(a->sequence), 16);
	assert_string_not_equal(a->context, b->context);
	assert_int_not_equal(a->index, b->index);
	assert_true(a->busy);
	struct mapihttp_session *got;
	char seq[17];
	strcpy(seq, a->sequence);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", a->context, seq, 0, &got),
	                 MAPIHTTP_BAD_SEQUENCE);
	mapihttp_session_release(a, 0);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", a->context, seq, 0, &got),
	                 MAPIHTTP_ACQUIRED);
	assert_ptr_equal(got, a);
	assert_int_equal(mapihttp_sessions_count(t), 2);
}

/* Every acquire replaces the sequence cookie: the old one replayed, a missing one, or a second request while
 * one is in progress fail with 15. */
static void test_sequence(void **state)
{
	struct mapihttp_sessions *t = mapihttp_sessions_new(*state, TIMEOUT);
	struct mapihttp_session *s = create(t, 0), *got = NULL;
	mapihttp_session_release(s, 0);
	char first[17], second[17];
	strcpy(first, s->sequence);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", s->context, first, 1, &got), 0);
	strcpy(second, s->sequence);
	assert_string_not_equal(first, second);
	/* busy: even the right sequence is refused */
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", s->context, second, 1, &got), 15);
	mapihttp_session_release(s, 1);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", s->context, first, 2, &got), 15);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", s->context, NULL, 2, &got), 15);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", s->context, second, 2, &got), 0);
}

/* Cookie problems map to their X-ResponseCode: none 13, malformed 6, unknown 10; another user or another
 * endpoint's session is 10 (3.2.5.1). */
static void test_context_errors(void **state)
{
	struct mapihttp_sessions *t = mapihttp_sessions_new(*state, TIMEOUT);
	struct mapihttp_session *s = create(t, 0), *got = NULL;
	mapihttp_session_release(s, 0);
	const char *seq = s->sequence;
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", NULL, seq, 0, &got),
	                 MAPIHTTP_NO_COOKIE);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", "xyz", seq, 0, &got),
	                 MAPIHTTP_BAD_COOKIE);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", "0123456789ABCDEF0123456789abcdef", seq,
	                                          0, &got),
	                 MAPIHTTP_BAD_COOKIE);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", "00000000000000000000000000000000", seq,
	                                          0, &got),
	                 MAPIHTTP_NOT_FOUND);
	assert_int_equal(mapihttp_session_acquire(t, EP, 17, "bob", s->context, seq, 0, &got),
	                 MAPIHTTP_NOT_FOUND);
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "mallory", s->context, seq, 0, &got),
	                 MAPIHTTP_NOT_FOUND);
	assert_int_equal(
	        mapihttp_session_acquire(t, MAPI_HTTP_EP_ADDRESS_BOOK, 16, "alice", s->context, seq, 0, &got),
	        MAPIHTTP_NOT_FOUND);
	assert_null(got);
	/* none of that disturbed the owner's session; the alias compares without regard to case */
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "ALICE", s->context, seq, 0, &got),
	                 MAPIHTTP_ACQUIRED);
}

/* An idle session expires timeout ms after its last request and is purged; a busy one never expires; touch
 * (PING) restarts the idle timer. */
static void test_expiry(void **state)
{
	struct mapihttp_sessions *t = mapihttp_sessions_new(*state, TIMEOUT);
	struct mapihttp_session *idle = create(t, 0), *busy = create(t, 0);
	char ctx[33], seq[17];
	mapihttp_session_release(idle, 100);
	strcpy(ctx, idle->context);
	strcpy(seq, idle->sequence);
	assert_int_equal(mapihttp_session_expiration(idle), TIMEOUT);
	assert_int_equal(mapihttp_sessions_purge(t, 100 + TIMEOUT - 1), 0);
	assert_int_equal(mapihttp_session_touch(t, EP, 16, "alice", ctx, 600), MAPIHTTP_ACQUIRED);
	assert_int_equal(mapihttp_sessions_purge(t, 100 + TIMEOUT), 0); /* touched at 600 */
	assert_int_equal(mapihttp_sessions_purge(t, 600 + TIMEOUT), 1);
	assert_int_equal(mapihttp_sessions_count(t), 1); /* the busy one stays */
	struct mapihttp_session *got;
	assert_int_equal(mapihttp_session_acquire(t, EP, 16, "alice", ctx, seq, 5000, &got),
	                 MAPIHTTP_NOT_FOUND);
	assert_int_equal(mapihttp_session_touch(t, EP, 16, "alice", ctx, 5000), MAPIHTTP_NOT_FOUND);
	mapihttp_session_release(busy, 5000);
	/* a NotificationWait in progress keeps its session (3.2.5.5) and stops a reconnect from dropping it
	 */
	int wait;
	busy->waiter = &wait;
	assert_int_equal(mapihttp_sessions_purge(t, 9000 + TIMEOUT), 0);
	mapihttp_session_drop(t, EP, 16, "alice", busy->context);
	assert_int_equal(mapihttp_sessions_count(t), 1);
	busy->waiter = NULL;
	assert_int_equal(mapihttp_sessions_purge(t, 9000 + TIMEOUT), 1);
	assert_int_equal(mapihttp_sessions_count(t), 0);
}

static int destroyed;
static int count_destructor(int *p)
{
	(void)p;
	destroyed++;
	return 0;
}

/* Destroy (Disconnect) and drop (reconnect, 3.2.5.6) free the session and what hangs below priv. */
static void test_destroy_and_drop(void **state)
{
	struct mapihttp_sessions *t = mapihttp_sessions_new(*state, TIMEOUT);
	struct mapihttp_session *a = create(t, 0), *b = create(t, 0);
	destroyed = 0;
	int *pa = talloc(a, int), *pb = talloc(b, int);
	talloc_set_destructor(pa, count_destructor);
	talloc_set_destructor(pb, count_destructor);
	a->priv = pa;
	b->priv = pb;
	mapihttp_session_destroy(a);
	assert_int_equal(destroyed, 1);
	char ctx[33];
	strcpy(ctx, b->context);
	mapihttp_session_drop(t, EP, 16, "alice", ctx); /* busy: kept */
	assert_int_equal(mapihttp_sessions_count(t), 1);
	mapihttp_session_release(b, 0);
	mapihttp_session_drop(t, EP, 17, "bob", ctx); /* not bob's */
	assert_int_equal(mapihttp_sessions_count(t), 1);
	mapihttp_session_drop(t, EP, 16, "alice", ctx);
	assert_int_equal(mapihttp_sessions_count(t), 0);
	assert_int_equal(destroyed, 2);
	/* freeing the table frees what is left */
	create(t, 0);
	talloc_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_create_gives_fresh_cookies),
	        TU_TEST(test_sequence),
	        TU_TEST(test_context_errors),
	        TU_TEST(test_expiry),
	        TU_TEST(test_destroy_and_drop),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
