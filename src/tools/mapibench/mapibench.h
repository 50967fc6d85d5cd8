/* mapibench — N concurrent simulated Outlook-like sessions over MAPI/HTTP (libmapi) for T seconds.
 *
 * mapibench.c    command line, users, the run (threads, deadline, progress), the server's RSS sampler
 * mb_session.c   one session's loop: the operation mix (logon, open Inbox, contents table, open message and
 *                read its body, create and save, move to Deleted Items, NotificationWait) and the Inbox fill
 * mb_stats.c     per-session latency samples and error counts, their merge, percentiles, the report (text
 *                and JSON)
 *
 * Threading (libmapi's rule, libmapi/session.h): one thread per session; a session's stats are written by
 * its thread and read by the main thread (progress, the report) under the stats' own mutex. */
#ifndef MAPIBENCH_H
#define MAPIBENCH_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "libmapi/libmapi.h"

/* The operation kinds of the loop, in the loop's order; the report has one line per kind. */
enum mb_op {
	MB_CONNECT,      /* MAPI/HTTP Connect (once per session, again after a lost context) */
	MB_LOGON,        /* RopLogon of the private mailbox */
	MB_OPEN_INBOX,   /* RopOpenFolder of the Inbox */
	MB_CONTENTS,     /* contents table: RopGetContentsTable, RopSetColumns, RopQueryRows of 50 rows */
	MB_OPEN_MESSAGE, /* RopOpenMessage of one of those rows */
	MB_READ_BODY,    /* its PidTagBody through RopOpenStream / RopReadStream */
	MB_CREATE_SAVE,  /* RopCreateMessage, RopSetProperties, RopSaveChangesMessage in the Inbox */
	MB_MOVE,         /* RopOpenFolder of Deleted Items, RopMoveCopyMessages of the new message there */
	MB_WAIT,         /* NotificationWait (idle; its length is the server's wait timeout) */
	MB_OP_COUNT
};
extern const char *const mb_op_names[MB_OP_COUNT];

#define MB_MAX_ERROR_KINDS 32 /* distinct (operation, MAPI code) pairs kept per session */

struct mb_error_count {
	enum mb_op op;
	uint32_t code;
	uint64_t count;
};

/* Latency samples (microseconds) and counts of one session, or the merge of all of them. */
struct mb_stats {
	pthread_mutex_t lock;
	uint32_t *samples[MB_OP_COUNT];
	uint64_t count[MB_OP_COUNT]; /* successful operations */
	uint64_t errors[MB_OP_COUNT];
	struct mb_error_count error_kinds[MB_MAX_ERROR_KINDS];
	unsigned error_kind_count;
	uint64_t other_errors; /* errors of pairs beyond MB_MAX_ERROR_KINDS */
};

/* Who a session logs on as. */
struct mb_user {
	char *user;
	char *password;
	char *user_dn; /* legacyExchangeDN; NULL: Autodiscover with user as the address */
};

/* What every session shares (read only while sessions run, except stop). */
struct mb_run {
	const char *url;              /* the mailbox (/mapi/emsmdb/) URL */
	const char *autodiscover_url; /* derived from url, for users without a DN */
	enum mapi_auth auth;
	bool insecure;
	atomic_bool stop;     /* set at the deadline: no new operation starts */
	uint64_t deadline_us; /* operations ending later are not counted; set at go */
	/* The measured time starts once every session has made its first Connect (a connect storm is not the
	 * steady state): sessions count themselves ready and wait for go; the main thread then sets the
	 * deadline and go. */
	unsigned ready;
	bool go;
	atomic_uint finished; /* sessions whose thread has ended */
	pthread_mutex_t lock; /* with cond: ready, go, finished */
	pthread_cond_t cond;
};

struct mb_session {
	unsigned index;
	const struct mb_user *user;
	struct mb_run *run;
	struct mb_stats *stats; /* its own talloc root: written by the session's thread only */
	pthread_t thread;
};

/* Monotonic clock in microseconds. */
uint64_t mb_now_us(void);

/* mb_session.c */
void *mb_session_main(void *arg); /* the thread of one struct mb_session */
/* Before the run, serially: tops each user's Inbox up to count messages. ecSuccess or the first failure
 * (named on stderr). */
uint32_t mb_fill_inbox(struct mb_run *run, const struct mb_user *user, unsigned count);
/* Before the run, alone: count PINGs (MS-OXCMAPIHTTP 2.2.6) of one session, the same-run baseline of a
 * request that does no work in the server; their median in *p50_ms. */
uint32_t mb_ping_baseline(struct mb_run *run, const struct mb_user *user, unsigned count, double *p50_ms);
/* The libmapi session options for user. */
void mb_session_opts(const struct mb_run *run, const struct mb_user *user, struct mapi_session_opts *o);

/* mb_stats.c */
struct mb_stats *mb_stats_new(void);
void mb_stats_free(struct mb_stats *st);
/* Records one operation of op that began at start_us with result ec; not counted when it ended after the
 * deadline (deadline_us 0: no deadline). */
void mb_stats_record(struct mb_stats *st, enum mb_op op, uint64_t start_us, uint32_t ec,
                     uint64_t deadline_us);
/* Adds src into dst (both locked in turn). */
void mb_stats_merge(struct mb_stats *dst, struct mb_stats *src);
/* Successful and failed operations of st so far (for the progress line). */
void mb_stats_totals(struct mb_stats *st, uint64_t *ok, uint64_t *errors);

/* The server's resident set size, sampled from /proc/PID/status (VmRSS). */
struct mb_rss {
	int pid; /* 0: not measured */
	uint64_t before_kb, peak_kb, after_kb;
};

struct mb_report {
	const char *url;
	unsigned sessions, users;
	double seconds;
	unsigned unfinished; /* sessions still in an operation (a long NotificationWait) at the end */
	double ping_p50_ms;  /* the baseline (mb_ping_baseline), 0 when it failed */
	struct mb_rss rss;
};
/* The report of the merged stats, as a table or as one JSON object. */
void mb_report_print(struct mb_stats *all, const struct mb_report *rep, bool json);

#endif
