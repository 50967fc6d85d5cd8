/* mapitest — the conformance suite: tests grouped in suites named after the specs (OXCSTOR, OXCFOLD, ...,
 * NOSERVER for codec self-checks on the specs' example bytes). Each test states the spec clause it checks
 * and asserts what that clause mandates; a failure says what was expected and what came back, a skip says
 * which clause the server's answer made untestable and why.
 *
 * A test is a function void fn(struct mt *t). The mt_* checks below end the test on the first failure
 * (longjmp back to the runner), so a test reads as a straight list of requirements. Everything a test
 * allocates hangs off t->mem, freed after it. */
#ifndef MAPITEST_H
#define MAPITEST_H

#include <setjmp.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

struct mt;

struct mt_test {
	const char *suite;  /* "OXCFOLD" */
	const char *name;   /* "create_folder_example" */
	const char *clause; /* the spec section the test checks, "MS-OXCFOLD 4.1" */
	void (*fn)(struct mt *t);
	const void *arg; /* for table-driven tests: the row this test runs */
};

/* A file's tests: each suite file defines one of these (mt_suites.c lists them all). */
struct mt_test_list {
	const struct mt_test *tests;
	size_t count;
};
#define MT_TEST_LIST(name, array) const struct mt_test_list name = {array, sizeof array / sizeof array[0]}

/* What the command line gave. */
struct mt_options {
	const char *url; /* the server's base URL, NULL: no server */
	const char *user;
	const char *email;   /* for Autodiscover of the user's DN when user_dn is not given */
	const char *user_dn; /* legacyExchangeDN: the Connect UserDn and RopLogon Essdn */
	const char *password;
	bool insecure;
	const char *vectors; /* directory of the spec vectors (tests/vectors) */
};

enum mt_result { MT_PASS, MT_FAIL, MT_SKIP };

/* Shared by the tests of one run: the server suites keep their connection here (mt_server.c), made on first
 * use and closed at the end of the run. */
struct mt_run {
	TALLOC_CTX *mem;
	const struct mt_options *opt;
	void *server;
};

struct mt {
	TALLOC_CTX *mem;
	const struct mt_test *test;
	const struct mt_options *opt;
	struct mt_run *run; /* what the tests of one run share */
	jmp_buf end;
	enum mt_result result;
	char msg[1024];
};

/* Ends the test as failed / skipped. fmt says what was expected and what came back (fail) or why the
 * clause cannot be tested (skip; clause names the spec statement). */
_Noreturn void mt_fail(struct mt *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
_Noreturn void mt_skip(struct mt *t, const char *clause, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* Checks: each fails the test with "what: expected X, got Y". */
void mt_eq_u64(struct mt *t, const char *what, uint64_t got, uint64_t want);
#define mt_eq(t, what, got, want) mt_eq_u64(t, what, (uint64_t)(got), (uint64_t)(want))
void mt_eq_str(struct mt *t, const char *what, const char *got, const char *want);
void mt_eq_bytes(struct mt *t, const char *what, const void *got, size_t got_len, const void *want,
                 size_t want_len);
/* A MAPI return code (MS-OXCDATA 2.4), printed by name. */
void mt_eq_ec(struct mt *t, const char *what, uint32_t got, uint32_t want);
/* A codec call's WC_E* result, printed by name. */
void mt_eq_wc(struct mt *t, const char *what, int got, int want);
void mt_true(struct mt *t, bool cond, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Hex digits (whitespace ignored) to bytes on t->mem; a malformed literal fails the test. */
uint8_t *mt_hex(struct mt *t, const char *hex, size_t *len);
/* A blob of a spec vector file (tests/vectors format: '#' comment lines, "@name" starts a named blob, the
 * rest is hex; name NULL takes the whole file). A missing file or blob fails the test. */
uint8_t *mt_vector(struct mt *t, const char *file, const char *name, size_t *len);

/* The suites' test lists (one per source file). */
extern const struct mt_test_list mt_noserver_rops;
extern const struct mt_test_list mt_noserver_data;

#endif
