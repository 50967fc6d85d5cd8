/* mapibench — load a MAPI/HTTP server with N concurrent simulated Outlook-like sessions for T seconds and
 * print throughput, latency percentiles and errors per operation kind, and the server's memory.
 *
 *   mapibench --url URL (--users FILE | --user U --password-file F [--user-dn DN]) [--auth basic|ntlm|any]
 *             [--insecure] --sessions N --seconds T [--fill M] [--server-pid PID] [--json]
 *
 * See docs/man/mapibench.1. */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mapibench.h"

#define RSS_SAMPLE_NS 50000000 /* 50 ms between samples of the server's RSS */
#define BASELINE_PINGS 100     /* PINGs of the same-run baseline */
#define GRACE_SECONDS 15       /* how long the end waits for sessions still in a NotificationWait */

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: mapibench --url URL (--users FILE | --user U --password-file F [--user-dn DN])\n"
	        "                 [--auth basic|ntlm|any] [--insecure] --sessions N --seconds T [--fill M]\n"
	        "                 [--server-pid PID] [--json]\n\n"
	        "Runs N concurrent Outlook-like MAPI/HTTP sessions against URL (the /mapi/emsmdb/ endpoint) "
	        "for\n"
	        "T seconds: logon, open Inbox, contents table of 50 rows, open a message and read its body,\n"
	        "create and save a message, move it to Deleted Items, an idle NotificationWait. Prints "
	        "ops/s,\n"
	        "p50/p95/p99 latency and errors per operation, and with --server-pid the server's RSS.\n"
	        "--users FILE: one session user per line, USER<TAB>PASSWORD[<TAB>LEGACY-DN]; without a DN\n"
	        "the user is an e-mail address found by Autodiscover on URL's host. --fill M first tops "
	        "every\n"
	        "user's Inbox up to M messages. Exit: 0 ran, 1 usage, 2 no session could connect.\n");
}

/* The first line of path without its line end, on mem; NULL on error. */
static char *read_first_line(TALLOC_CTX *mem, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	char buf[1024];
	char *line = fgets(buf, sizeof buf, f) ? talloc_strndup(mem, buf, strcspn(buf, "\r\n")) : NULL;
	fclose(f);
	return line;
}

/* USER<TAB>PASSWORD[<TAB>DN] lines ('#' comments and blank lines skipped). Number of users, 0 on error. */
static unsigned read_users(TALLOC_CTX *mem, const char *path, struct mb_user **out)
{
	FILE *f = fopen(path, "r");
	if (f == NULL) {
		fprintf(stderr, "mapibench: %s: %s\n", path, strerror(errno));
		return 0;
	}
	unsigned n = 0, lineno = 0;
	struct mb_user *users = NULL;
	char buf[2048];
	while (fgets(buf, sizeof buf, f)) {
		lineno++;
		buf[strcspn(buf, "\r\n")] = '\0';
		if (buf[0] == '\0' || buf[0] == '#')
			continue;
		char *save = NULL;
		char *user = strtok_r(buf, "\t", &save), *pw = strtok_r(NULL, "\t", &save);
		char *dn = strtok_r(NULL, "\t", &save);
		if (user == NULL || pw == NULL) {
			fprintf(stderr, "mapibench: %s:%u: expected USER<TAB>PASSWORD[<TAB>DN]\n", path,
			        lineno);
			n = 0;
			break;
		}
		users = talloc_realloc(mem, users, struct mb_user, n + 1);
		users[n].user = talloc_strdup(users, user);
		users[n].password = talloc_strdup(users, pw);
		users[n].user_dn = dn ? talloc_strdup(users, dn) : NULL;
		n++;
	}
	fclose(f);
	*out = users;
	return n;
}

/* scheme://host[:port]/autodiscover/autodiscover.xml of the mailbox URL. */
static char *autodiscover_url(TALLOC_CTX *mem, const char *url)
{
	const char *host = strstr(url, "://");
	host = host ? host + 3 : url;
	size_t end = (size_t)(host - url) + strcspn(host, "/?");
	return talloc_asprintf(mem, "%.*s/autodiscover/autodiscover.xml", (int)end, url);
}

/* VmRSS of /proc/pid/status in kB, 0 when unreadable (the process is gone). */
static uint64_t read_rss_kb(int pid)
{
	char path[64], line[256];
	snprintf(path, sizeof path, "/proc/%d/status", pid);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return 0;
	uint64_t kb = 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmRSS: %" SCNu64, &kb) == 1)
			break;
	fclose(f);
	return kb;
}

struct sampler {
	struct mb_rss *rss;
	atomic_bool stop;
	pthread_t thread;
};

static void *sampler_main(void *arg)
{
	struct sampler *sm = arg;
	while (!atomic_load(&sm->stop)) {
		uint64_t kb = read_rss_kb(sm->rss->pid);
		if (kb > sm->rss->peak_kb)
			sm->rss->peak_kb = kb;
		nanosleep(&(struct timespec){.tv_nsec = RSS_SAMPLE_NS}, NULL);
	}
	return NULL;
}

/* Progress on a terminal: one line rewritten every second. */
static void progress(struct mb_session *ss, unsigned n, double elapsed, unsigned total_s,
                     const struct mb_rss *rss)
{
	uint64_t ok = 0, errors = 0;
	for (unsigned i = 0; i < n; i++) {
		uint64_t o, e;
		mb_stats_totals(ss[i].stats, &o, &e);
		ok += o;
		errors += e;
	}
	fprintf(stderr, "\rmapibench: %4.0f/%u s  %" PRIu64 " ops  %" PRIu64 " errors", elapsed, total_s, ok,
	        errors);
	if (rss->pid)
		fprintf(stderr, "  server rss %" PRIu64 " kB", rss->peak_kb);
	fflush(stderr);
}

struct options {
	const char *url, *users_file, *user, *password_file, *user_dn, *auth;
	bool insecure, json;
	unsigned sessions, seconds, fill;
	int server_pid;
};

static bool parse_uint(const char *s, unsigned max, unsigned *out)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > max)
		return false;
	*out = (unsigned)v;
	return true;
}

/* 0 ok, 1 usage error, -1 --help. */
static int parse_args(int argc, char **argv, struct options *o)
{
	unsigned pid = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		bool ok = true;
		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0)
			return -1;
		else if (strcmp(a, "--insecure") == 0)
			o->insecure = true;
		else if (strcmp(a, "--json") == 0)
			o->json = true;
		else if (v == NULL)
			ok = false;
		else if (strcmp(a, "--url") == 0)
			o->url = v;
		else if (strcmp(a, "--users") == 0)
			o->users_file = v;
		else if (strcmp(a, "--user") == 0)
			o->user = v;
		else if (strcmp(a, "--password-file") == 0)
			o->password_file = v;
		else if (strcmp(a, "--user-dn") == 0)
			o->user_dn = v;
		else if (strcmp(a, "--auth") == 0)
			o->auth = v;
		else if (strcmp(a, "--sessions") == 0)
			ok = parse_uint(v, 10000, &o->sessions) && o->sessions > 0;
		else if (strcmp(a, "--seconds") == 0)
			ok = parse_uint(v, 86400, &o->seconds) && o->seconds > 0;
		else if (strcmp(a, "--fill") == 0)
			ok = parse_uint(v, 100000, &o->fill);
		else if (strcmp(a, "--server-pid") == 0)
			ok = parse_uint(v, 0x7FFFFFFF, &pid) && pid > 0;
		else
			ok = false;
		if (!ok) {
			fprintf(stderr, "mapibench: bad or unknown argument %s%s%s\n", a, v ? " " : "",
			        v ? v : "");
			return 1;
		}
		if (strncmp(a, "--", 2) == 0 && strcmp(a, "--insecure") != 0 && strcmp(a, "--json") != 0)
			i++;
	}
	o->server_pid = (int)pid;
	if (o->url == NULL || o->sessions == 0 || o->seconds == 0 ||
	    (o->users_file == NULL) == (o->user == NULL || o->password_file == NULL)) {
		fprintf(stderr, "mapibench: --url, --sessions, --seconds and either --users or --user with "
		                "--password-file are needed\n");
		return 1;
	}
	if (o->auth && strcmp(o->auth, "basic") != 0 && strcmp(o->auth, "ntlm") != 0 &&
	    strcmp(o->auth, "any") != 0) {
		fprintf(stderr, "mapibench: --auth is basic, ntlm or any\n");
		return 1;
	}
	return 0;
}

/* Waits until every session thread has ended or the grace time is over; the number still running. */
static unsigned wait_sessions(struct mb_run *run, unsigned n)
{
	struct timespec until;
	clock_gettime(CLOCK_REALTIME, &until);
	until.tv_sec += GRACE_SECONDS;
	pthread_mutex_lock(&run->lock);
	while (atomic_load(&run->finished) < n)
		if (pthread_cond_timedwait(&run->cond, &run->lock, &until) != 0)
			break;
	unsigned left = n - atomic_load(&run->finished);
	pthread_mutex_unlock(&run->lock);
	return left;
}

int main(int argc, char **argv)
{
	struct options o = {0};
	int rc = parse_args(argc, argv, &o);
	if (rc != 0) {
		usage(rc < 0 ? stdout : stderr);
		return rc < 0 ? 0 : 1;
	}
	signal(SIGPIPE, SIG_IGN);
	if (mapi_library_init() != ecSuccess) {
		fprintf(stderr, "mapibench: libcurl did not initialise\n");
		return 1;
	}
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mb_user *users = NULL;
	unsigned nusers = 0;
	if (o.users_file) {
		nusers = read_users(mem, o.users_file, &users);
	} else {
		users = talloc_zero(mem, struct mb_user);
		users->user = talloc_strdup(users, o.user);
		users->password = read_first_line(users, o.password_file);
		users->user_dn = o.user_dn ? talloc_strdup(users, o.user_dn) : NULL;
		nusers = users->password ? 1 : 0;
		if (!users->password)
			fprintf(stderr, "mapibench: %s: cannot read a password\n", o.password_file);
	}
	if (nusers == 0) {
		talloc_free(mem);
		return 1;
	}

	struct mb_run *run = talloc_zero(mem, struct mb_run);
	run->url = o.url;
	run->autodiscover_url = autodiscover_url(run, o.url);
	run->auth = !o.auth || strcmp(o.auth, "any") == 0 ? MAPI_AUTH_ANY
	            : strcmp(o.auth, "basic") == 0        ? MAPI_AUTH_BASIC
	                                                  : MAPI_AUTH_NTLM;
	run->insecure = o.insecure;
	pthread_mutex_init(&run->lock, NULL);
	pthread_cond_init(&run->cond, NULL);

	if (o.fill > 0) {
		for (unsigned i = 0; i < nusers; i++) {
			if (mb_fill_inbox(run, &users[i], o.fill) != ecSuccess) {
				talloc_free(mem);
				return 2;
			}
		}
	}

	double ping_p50_ms = 0;
	uint32_t ping_ec = mb_ping_baseline(run, &users[0], BASELINE_PINGS, &ping_p50_ms);
	if (ping_ec != ecSuccess) {
		fprintf(stderr, "mapibench: no PING baseline: %s\n", mapi_err_name(ping_ec));
		ping_p50_ms = 0;
	}

	struct mb_rss rss = {.pid = o.server_pid};
	struct sampler sm = {.rss = &rss};
	if (rss.pid) {
		rss.before_kb = rss.peak_kb = read_rss_kb(rss.pid);
		if (rss.before_kb == 0) {
			fprintf(stderr, "mapibench: cannot read /proc/%d/status\n", rss.pid);
			rss.pid = 0;
		} else if (pthread_create(&sm.thread, NULL, sampler_main, &sm) != 0) {
			rss.pid = 0;
		}
	}

	struct mb_session *ss = talloc_zero_array(mem, struct mb_session, o.sessions);
	unsigned started = 0;
	for (unsigned i = 0; i < o.sessions; i++) {
		ss[i] = (struct mb_session){
		        .index = i, .user = &users[i % nusers], .run = run, .stats = mb_stats_new()};
		if (ss[i].stats == NULL ||
		    pthread_create(&ss[i].thread, NULL, mb_session_main, &ss[i]) != 0) {
			fprintf(stderr, "mapibench: cannot start session %u\n", i);
			mb_stats_free(ss[i].stats);
			break;
		}
		started++;
	}
	bool tty = isatty(STDERR_FILENO);
	if (tty)
		fprintf(stderr, "mapibench: connecting %u sessions ...", started);
	pthread_mutex_lock(&run->lock);
	while (run->ready + atomic_load(&run->finished) < started)
		pthread_cond_wait(&run->cond, &run->lock);
	uint64_t start = mb_now_us();
	run->deadline_us = start + (uint64_t)o.seconds * 1000000u;
	run->go = true;
	pthread_cond_broadcast(&run->cond);
	pthread_mutex_unlock(&run->lock);
	for (;;) {
		uint64_t now = mb_now_us();
		if (now >= run->deadline_us)
			break;
		uint64_t left = run->deadline_us - now;
		uint64_t nap = tty ? (left < 1000000 ? left : 1000000) : left;
		nanosleep(&(struct timespec){.tv_sec = (time_t)(nap / 1000000),
		                             .tv_nsec = (long)(nap % 1000000) * 1000},
		          NULL);
		if (tty)
			progress(ss, started, (mb_now_us() - start) / 1e6, o.seconds, &rss);
	}
	atomic_store(&run->stop, true);
	unsigned unfinished = wait_sessions(run, started);
	if (tty)
		fprintf(stderr, "\r\033[K");
	if (rss.pid) {
		atomic_store(&sm.stop, true);
		pthread_join(sm.thread, NULL);
		/* after: once the sessions have disconnected and the server has had a moment to free them */
		nanosleep(&(struct timespec){.tv_nsec = 500000000}, NULL);
		rss.after_kb = read_rss_kb(rss.pid);
	}

	struct mb_stats *all = mb_stats_new();
	uint64_t connected = 0;
	for (unsigned i = 0; i < started; i++) {
		mb_stats_merge(all, ss[i].stats);
		pthread_mutex_lock(&ss[i].stats->lock);
		connected += ss[i].stats->count[MB_CONNECT] > 0;
		pthread_mutex_unlock(&ss[i].stats->lock);
	}
	struct mb_report rep = {.url = o.url,
	                        .sessions = started,
	                        .users = nusers,
	                        .seconds = o.seconds,
	                        .unfinished = unfinished,
	                        .ping_p50_ms = ping_p50_ms,
	                        .rss = rss};
	mb_report_print(all, &rep, o.json);
	fflush(stdout);
	rc = connected == 0 ? 2 : 0;
	if (connected == 0)
		fprintf(stderr, "mapibench: no session could connect\n");
	if (unfinished > 0)
		_exit(rc); /* threads still blocked in the server's wait: leave them, the report is out */
	for (unsigned i = 0; i < started; i++) {
		pthread_join(ss[i].thread, NULL);
		mb_stats_free(ss[i].stats);
	}
	mb_stats_free(all);
	pthread_cond_destroy(&run->cond);
	pthread_mutex_destroy(&run->lock);
	talloc_free(mem);
	return rc;
}
