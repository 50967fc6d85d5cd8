/* mapibench: latency samples and error counts per operation kind, percentiles, the report. */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mapibench.h"

const char *const mb_op_names[MB_OP_COUNT] = {
        [MB_CONNECT] = "connect",           [MB_LOGON] = "logon",
        [MB_OPEN_INBOX] = "open_inbox",     [MB_CONTENTS] = "contents_table",
        [MB_OPEN_MESSAGE] = "open_message", [MB_READ_BODY] = "read_body",
        [MB_CREATE_SAVE] = "create_save",   [MB_MOVE] = "move_to_deleted",
        [MB_WAIT] = "notification_wait",
};

uint64_t mb_now_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static int stats_destructor(struct mb_stats *st)
{
	pthread_mutex_destroy(&st->lock);
	return 0;
}

/* A talloc root of its own: a session's thread grows its sample arrays without touching another tree. */
struct mb_stats *mb_stats_new(void)
{
	struct mb_stats *st = talloc_zero(NULL, struct mb_stats);
	if (st == NULL)
		return NULL;
	pthread_mutex_init(&st->lock, NULL);
	talloc_set_destructor(st, stats_destructor);
	return st;
}

void mb_stats_free(struct mb_stats *st)
{
	talloc_free(st);
}

/* Appends n samples to st's array of op (lock held). false when out of memory. */
static bool samples_append(struct mb_stats *st, enum mb_op op, const uint32_t *v, uint64_t n)
{
	uint64_t have = st->count[op];
	size_t cap = st->samples[op] ? talloc_array_length(st->samples[op]) : 0;
	if (have + n > cap) {
		size_t want = cap ? cap : 64;
		while (want < have + n)
			want *= 2;
		uint32_t *grown = talloc_realloc(st, st->samples[op], uint32_t, want);
		if (grown == NULL)
			return false;
		st->samples[op] = grown;
	}
	memcpy(st->samples[op] + have, v, n * sizeof *v);
	st->count[op] += n;
	return true;
}

static void errors_add(struct mb_stats *st, enum mb_op op, uint32_t code, uint64_t n)
{
	st->errors[op] += n;
	for (unsigned i = 0; i < st->error_kind_count; i++) {
		if (st->error_kinds[i].op == op && st->error_kinds[i].code == code) {
			st->error_kinds[i].count += n;
			return;
		}
	}
	if (st->error_kind_count == MB_MAX_ERROR_KINDS) {
		st->other_errors += n;
		return;
	}
	st->error_kinds[st->error_kind_count++] = (struct mb_error_count){.op = op, .code = code, .count = n};
}

void mb_stats_record(struct mb_stats *st, enum mb_op op, uint64_t start_us, uint32_t ec, uint64_t deadline_us)
{
	uint64_t end = mb_now_us();
	if (deadline_us != 0 && end > deadline_us)
		return;
	uint64_t d = end - start_us;
	uint32_t us = d > UINT32_MAX ? UINT32_MAX : (uint32_t)d;
	pthread_mutex_lock(&st->lock);
	if (ec != ecSuccess)
		errors_add(st, op, ec, 1);
	else if (!samples_append(st, op, &us, 1))
		errors_add(st, op, ecNotEnoughMemory, 1);
	pthread_mutex_unlock(&st->lock);
}

void mb_stats_merge(struct mb_stats *dst, struct mb_stats *src)
{
	pthread_mutex_lock(&src->lock);
	pthread_mutex_lock(&dst->lock);
	for (int op = 0; op < MB_OP_COUNT; op++) {
		if (src->count[op] > 0 && !samples_append(dst, op, src->samples[op], src->count[op]))
			errors_add(dst, op, ecNotEnoughMemory, src->count[op]);
	}
	for (unsigned i = 0; i < src->error_kind_count; i++)
		errors_add(dst, src->error_kinds[i].op, src->error_kinds[i].code, src->error_kinds[i].count);
	dst->other_errors += src->other_errors;
	pthread_mutex_unlock(&dst->lock);
	pthread_mutex_unlock(&src->lock);
}

void mb_stats_totals(struct mb_stats *st, uint64_t *ok, uint64_t *errors)
{
	*ok = *errors = 0;
	pthread_mutex_lock(&st->lock);
	for (int op = 0; op < MB_OP_COUNT; op++) {
		*ok += st->count[op];
		*errors += st->errors[op];
	}
	pthread_mutex_unlock(&st->lock);
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile p (0..100) of the sorted samples, in milliseconds. */
static double percentile_ms(const uint32_t *sorted, uint64_t n, unsigned p)
{
	if (n == 0)
		return 0;
	uint64_t rank = (n * p + 99) / 100; /* ceil(p/100 * n) */
	return sorted[rank ? rank - 1 : 0] / 1000.0;
}

struct op_line {
	uint64_t ok, errors;
	double per_s, p50, p95, p99, vs_ping; /* vs_ping: p50 / the PING baseline, 0 when either is missing */
};

/* What both report forms print: one line per kind (the samples sorted in place) and the totals without
 * NotificationWait. */
struct summary {
	struct op_line op[MB_OP_COUNT];
	uint64_t ok, errors;
	double per_s, rss_per_session_kb;
};

static void summarise(struct mb_stats *all, const struct mb_report *rep, struct summary *sum)
{
	memset(sum, 0, sizeof *sum);
	double secs = rep->seconds;
	for (int op = 0; op < MB_OP_COUNT; op++) {
		struct op_line *l = &sum->op[op];
		l->ok = all->count[op];
		l->errors = all->errors[op];
		l->per_s = secs > 0 ? l->ok / secs : 0;
		if (l->ok > 0)
			qsort(all->samples[op], l->ok, sizeof(uint32_t), cmp_u32);
		l->p50 = percentile_ms(all->samples[op], l->ok, 50);
		l->p95 = percentile_ms(all->samples[op], l->ok, 95);
		l->p99 = percentile_ms(all->samples[op], l->ok, 99);
		l->vs_ping = l->ok > 0 && rep->ping_p50_ms > 0 ? l->p50 / rep->ping_p50_ms : 0;
		if (op != MB_WAIT) {
			sum->ok += l->ok;
			sum->errors += l->errors;
		}
	}
	sum->per_s = secs > 0 ? sum->ok / secs : 0;
	if (rep->sessions)
		sum->rss_per_session_kb =
		        ((double)rep->rss.peak_kb - (double)rep->rss.before_kb) / rep->sessions;
}

static void print_json(struct mb_stats *all, const struct mb_report *rep, const struct summary *sum)
{
	printf("{\"url\":\"");
	for (const char *c = rep->url; *c; c++)
		printf((*c == '"' || *c == '\\') ? "\\%c" : "%c", *c);
	printf("\",\"sessions\":%u,\"users\":%u,\"seconds\":%.3f,\"unfinished_sessions\":%u,"
	       "\"baseline_ping_p50_ms\":%.3f,\"ops\":{",
	       rep->sessions, rep->users, rep->seconds, rep->unfinished, rep->ping_p50_ms);
	for (int op = 0; op < MB_OP_COUNT; op++) {
		const struct op_line *l = &sum->op[op];
		printf("%s\"%s\":{\"count\":%" PRIu64 ",\"per_s\":%.2f,\"p50_ms\":%.3f,\"p95_ms\":%.3f,"
		       "\"p99_ms\":%.3f,\"p50_vs_ping\":%.2f,\"errors\":%" PRIu64 ",\"error_codes\":{",
		       op ? "," : "", mb_op_names[op], l->ok, l->per_s, l->p50, l->p95, l->p99, l->vs_ping,
		       l->errors);
		bool first = true;
		for (unsigned i = 0; i < all->error_kind_count; i++) {
			if (all->error_kinds[i].op != (enum mb_op)op)
				continue;
			printf("%s\"%s\":%" PRIu64, first ? "" : ",", mapi_err_name(all->error_kinds[i].code),
			       all->error_kinds[i].count);
			first = false;
		}
		printf("}}");
	}
	printf("},\"total_without_waits\":{\"count\":%" PRIu64 ",\"per_s\":%.2f,\"errors\":%" PRIu64
	       "},\"other_errors\":%" PRIu64,
	       sum->ok, sum->per_s, sum->errors, all->other_errors);
	if (rep->rss.pid)
		printf(",\"server_rss_kb\":{\"pid\":%d,\"before\":%" PRIu64 ",\"peak\":%" PRIu64
		       ",\"after\":%" PRIu64 ",\"per_session\":%.1f}",
		       rep->rss.pid, rep->rss.before_kb, rep->rss.peak_kb, rep->rss.after_kb,
		       sum->rss_per_session_kb);
	printf("}\n");
}

static void print_table(struct mb_stats *all, const struct mb_report *rep, const struct summary *sum)
{
	printf("mapibench: %u sessions (%u users) for %.1f s against %s\n", rep->sessions, rep->users,
	       rep->seconds, rep->url);
	printf("%-18s %9s %9s %9s %9s %9s %8s %9s\n", "operation", "ops", "ops/s", "p50 ms", "p95 ms",
	       "p99 ms", "errors", "p50/ping");
	for (int op = 0; op < MB_OP_COUNT; op++) {
		const struct op_line *l = &sum->op[op];
		printf("%-18s %9" PRIu64 " %9.1f %9.2f %9.2f %9.2f %8" PRIu64, mb_op_names[op], l->ok,
		       l->per_s, l->p50, l->p95, l->p99, l->errors);
		if (l->vs_ping > 0)
			printf(" %9.1f", l->vs_ping);
		printf("\n");
	}
	printf("%-18s %9" PRIu64 " %9.1f %9s %9s %9s %8" PRIu64 "\n", "all but waits", sum->ok, sum->per_s,
	       "", "", "", sum->errors);
	if (rep->ping_p50_ms > 0)
		printf("baseline: PING round trip (one session alone, before the run) p50 %.3f ms\n",
		       rep->ping_p50_ms);
	if (all->error_kind_count > 0)
		printf("errors by kind:\n");
	for (unsigned i = 0; i < all->error_kind_count; i++)
		printf("  %-18s %-28s %9" PRIu64 "\n", mb_op_names[all->error_kinds[i].op],
		       mapi_err_name(all->error_kinds[i].code), all->error_kinds[i].count);
	if (all->other_errors)
		printf("  %-18s %-28s %9" PRIu64 "\n", "(more kinds)", "", all->other_errors);
	if (rep->unfinished)
		printf("%u sessions were still in an operation at the end (a NotificationWait the server "
		       "holds "
		       "longer: see its wait timeout)\n",
		       rep->unfinished);
	if (rep->rss.pid)
		printf("server rss (pid %d): before %" PRIu64 " kB, peak %" PRIu64 " kB, after %" PRIu64
		       " kB; (peak - before) / session %.1f kB\n",
		       rep->rss.pid, rep->rss.before_kb, rep->rss.peak_kb, rep->rss.after_kb,
		       sum->rss_per_session_kb);
}

void mb_report_print(struct mb_stats *all, const struct mb_report *rep, bool json)
{
	struct summary sum;
	summarise(all, rep, &sum);
	if (json)
		print_json(all, rep, &sum);
	else
		print_table(all, rep, &sum);
}
