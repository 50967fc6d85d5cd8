/* Crash safety of the SQLite backend (DESIGN.md §4: every client-visible save is one transaction): a child
 * process saves messages in a loop and reports each save that returned success through a pipe; the parent
 * kills it with SIGKILL at a random moment, several times. Afterwards every reported message is present and
 * intact (subject, body, recipients, an attachment, a chunked stream) and the integrity check passes.
 *
 * SIGKILL stops the process at any instruction, which covers the "process dies mid-save" half of crash
 * safety; a power cut also loses what the kernel had not written yet, which synchronous=FULL at each commit
 * is there for and which a test inside one machine cannot produce. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/mapistore.h"

static const struct wc_guid mbguid = {0x01020304, 0x0506, 0x0708, {9, 10, 11, 12, 13, 14, 15, 16}};

struct record {
	uint64_t mid;
	uint32_t seq;
};

#define BIG_SIZE (200 * 1024) /* above the inline limit: kept as chunks */

static void fill(uint8_t *buf, size_t n, uint32_t seq)
{
	for (size_t i = 0; i < n; i++)
		buf[i] = (uint8_t)((i + seq) * 31 + (i >> 9));
}

static char *body_of(TALLOC_CTX *mem, uint32_t seq)
{
	return talloc_asprintf(mem, "body of message %u: %0*u", seq, (int)(seq % 300), seq);
}

/* The child: saves messages until killed. Every fifth has a large attachment written through a stream. */
static void child(const char *uri, uint64_t fid, int fd, uint32_t first)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct ms_mailbox *mb;
	struct ms_folder *f;
	if (ms_mailbox_open(mem, uri, &mb) != ecSuccess || ms_folder_open(mb, fid, mem, &f) != ecSuccess)
		_exit(2);
	uint8_t *big = malloc(BIG_SIZE);
	for (uint32_t seq = first;; seq++) {
		TALLOC_CTX *tmp = talloc_new(mem);
		struct ms_message *m;
		if (ms_message_create(f, false, &m) != ecSuccess)
			_exit(3);
		struct mapi_propval pv[2] = {{.tag = PidTagSubject}, {.tag = PidTagBody}};
		pv[0].value.str = talloc_asprintf(tmp, "msg-%u", seq);
		pv[1].value.str = body_of(tmp, seq);
		struct mapi_propproblem *pp;
		uint32_t n;
		if (ms_props_set(ms_message_object(m), pv, 2, tmp, &pp, &n) != ecSuccess)
			_exit(4);
		struct mapi_propval rp = {.tag = PidTagDisplayName, .value.str = pv[0].value.str};
		struct ms_recipient r = {0, 1, &rp};
		if (ms_message_modify_recipients(m, &r, 1) != ecSuccess)
			_exit(5);
		if (seq % 5 == 0) {
			struct ms_attachment *a;
			struct ms_stream *s;
			uint32_t num, w;
			fill(big, BIG_SIZE, seq);
			if (ms_attachment_create(m, &a, &num) != ecSuccess ||
			    ms_stream_open(ms_attachment_object(a), PidTagAttachDataBinary, MS_STREAM_CREATE,
			                   &s) != ecSuccess ||
			    ms_stream_write(s, big, BIG_SIZE, &w) != ecSuccess ||
			    ms_stream_commit(s) != ecSuccess || ms_attachment_save(a) != ecSuccess)
				_exit(6);
		}
		if (ms_message_save(m, 0) != ecSuccess)
			_exit(7);
		struct record rec = {ms_message_get_id(m), seq};
		if (write(fd, &rec, sizeof rec) != sizeof rec)
			_exit(8);
		talloc_free(m);
		talloc_free(tmp);
	}
}

static void verify(struct ms_folder *f, const struct record *rec)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ms_message *m;
	assert_int_equal(ms_message_open(f, rec->mid, MS_OPEN_READONLY, &m), ecSuccess);
	uint32_t tags[2] = {PidTagSubject, PidTagBody};
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(ms_message_object(m), tmp, tags, 2, &v), ecSuccess);
	assert_string_equal(v[0].value.str, talloc_asprintf(tmp, "msg-%u", rec->seq));
	assert_string_equal(v[1].value.str, body_of(tmp, rec->seq));
	struct ms_recipient *r;
	uint32_t n;
	assert_int_equal(ms_message_read_recipients(m, 0, tmp, &r, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_string_equal(r[0].props[0].value.str, v[0].value.str);
	if (rec->seq % 5 == 0) {
		struct ms_attachment *a;
		struct ms_stream *s;
		uint8_t *want = talloc_size(tmp, BIG_SIZE), *got = talloc_size(tmp, BIG_SIZE);
		assert_int_equal(ms_attachment_open(m, 0, MS_OPEN_READONLY, &a), ecSuccess);
		assert_int_equal(
		        ms_stream_open(ms_attachment_object(a), PidTagAttachDataBinary, MS_STREAM_READ, &s),
		        ecSuccess);
		assert_int_equal(ms_stream_read(s, got, BIG_SIZE, &n), ecSuccess);
		assert_int_equal(n, BIG_SIZE);
		fill(want, BIG_SIZE, rec->seq);
		assert_memory_equal(got, want, BIG_SIZE);
	}
	talloc_free(m);
	talloc_free(tmp);
}

static void test_sigkill_during_saves(void **state)
{
	char dir[] = "/tmp/wc-crash-XXXXXX";
	assert_non_null(mkdtemp(dir));
	TALLOC_CTX *mem = talloc_new(NULL);
	char *uri = talloc_asprintf(mem, "sqlite://%s/crash.db", dir);
	struct ms_mailbox *mb;
	const struct wc_guid repl = mbguid;
	assert_int_equal(ms_mailbox_create(mem, uri, &mbguid, &repl, &mb), ecSuccess);
	struct ms_mailbox_info info;
	ms_mailbox_get_info(mb, &info);
	talloc_free(mb);

	struct record *recs = NULL;
	size_t nrecs = 0;
	uint32_t next_seq = 0;
	srand((unsigned)time(NULL));
	const int rounds = 12;
	for (int round = 0; round < rounds; round++) {
		int fds[2];
		assert_int_equal(pipe(fds), 0);
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			close(fds[0]);
			child(uri, info.root_fid, fds[1], next_seq);
		}
		close(fds[1]);
		/* let it run 20..220 ms, then kill it wherever it is */
		struct timespec ts = {0, (20 + rand() % 200) * 1000000L};
		nanosleep(&ts, NULL);
		kill(pid, SIGKILL);
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFSIGNALED(status)); /* it was still saving, not failing */
		struct record rec;
		ssize_t got;
		while ((got = read(fds[0], &rec, sizeof rec)) == sizeof rec) {
			recs = talloc_realloc(mem, recs, struct record, nrecs + 1);
			recs[nrecs++] = rec;
			if (rec.seq >= next_seq)
				next_seq = rec.seq + 1;
		}
		close(fds[0]);
		next_seq += 1000; /* sequence numbers of unreported saves are not reused */
	}
	assert_true(nrecs > (size_t)rounds); /* the children got work done */

	assert_int_equal(ms_mailbox_open(mem, uri, &mb), ecSuccess);
	char *report;
	uint32_t ec = ms_mailbox_check(mb, mem, &report);
	if (ec != ecSuccess)
		fprintf(stderr, "%s", report);
	assert_int_equal(ec, ecSuccess);
	struct ms_folder *f;
	assert_int_equal(ms_folder_open(mb, info.root_fid, mem, &f), ecSuccess);
	for (size_t i = 0; i < nrecs; i++)
		verify(f, &recs[i]);
	/* every message there is whole (unreported ones too: a save either happened or did not) */
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_get_counts(f, &c), ecSuccess);
	assert_true(c.content >= nrecs && c.content <= nrecs + rounds);
	struct ms_table *t;
	assert_int_equal(ms_folder_contents_table(f, 0, &t), ecSuccess);
	uint32_t cols[2] = {PidTagMid, PidTagSubject};
	assert_int_equal(ms_table_set_columns(t, cols, 2), ecSuccess);
	struct mapi_property_row *rows;
	uint32_t n;
	assert_int_equal(ms_table_query_rows(t, mem, c.content + 1, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, c.content);
	for (uint32_t i = 0; i < n; i++) {
		struct record rec = {(uint64_t)rows[i].values[0].pv.value.i64, 0};
		assert_int_equal(sscanf(rows[i].values[1].pv.value.str, "msg-%u", &rec.seq), 1);
		verify(f, &rec);
	}
	fprintf(stderr, "# %zu reported saves over %d kills, %u messages present\n", nrecs, rounds,
	        c.content);
	talloc_free(mem);
	char *cmd = talloc_asprintf(NULL, "rm -rf %s", dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(cmd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_sigkill_during_saves),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
