/* mapibench: one simulated Outlook-like session, and the Inbox fill before a run. Only libmapi's public API.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mapibench.h"

/* The columns of the contents table, as Outlook's message list shows them. */
static const uint32_t list_columns[] = {
        PidTagMid,         PidTagSubject,      PidTagSenderName, PidTagMessageDeliveryTime,
        PidTagMessageSize, PidTagMessageFlags,
};
#define LIST_ROWS 50

/* A body of a few KB, like a short mail. */
static char body_text[4096];
static pthread_once_t body_once = PTHREAD_ONCE_INIT;

static void body_init(void)
{
	static const char line[] = "The quick brown fox jumps over the lazy dog; mapibench line of text.\r\n";
	size_t n = 0;
	while (n + sizeof line < sizeof body_text) {
		memcpy(body_text + n, line, sizeof line - 1);
		n += sizeof line - 1;
	}
	body_text[n] = '\0';
}

void mb_session_opts(const struct mb_run *run, const struct mb_user *user, struct mapi_session_opts *o)
{
	memset(o, 0, sizeof *o);
	o->mailbox_url = run->url;
	o->user = user->user;
	o->password = user->password;
	o->user_dn = user->user_dn;
	if (user->user_dn == NULL) {
		o->email = user->user;
		o->autodiscover_url = run->autodiscover_url;
	}
	o->auth = run->auth;
	o->insecure = run->insecure;
}

/* Creates and saves one message in folder: subject, plain-text body, class IPM.Note. */
static uint32_t create_and_save(struct mapi_object *folder, TALLOC_CTX *mem, unsigned serial, uint64_t *mid)
{
	pthread_once(&body_once, body_init);
	struct mapi_object *msg;
	uint32_t ec = mapi_create_message(folder, false, mem, &msg);
	if (ec != ecSuccess)
		return ec;
	char subject[64];
	snprintf(subject, sizeof subject, "mapibench message %u", serial);
	struct mapi_propval vals[] = {
	        {.tag = PidTagMessageClass, .value.str = (char *)"IPM.Note"},
	        {.tag = PidTagSubject, .value.str = subject},
	        {.tag = PidTagBody, .value.str = body_text},
	};
	ec = mapi_set_props(msg, 3, vals, mem, NULL);
	if (ec == ecSuccess)
		ec = mapi_save_message(msg, SAVE_KEEP_OPEN_READ_ONLY, mid);
	talloc_free(msg);
	return ec;
}

uint32_t mb_fill_inbox(struct mb_run *run, const struct mb_user *user, unsigned count)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_session_opts o;
	mb_session_opts(run, user, &o);
	struct mapi_session *s = mapi_session_new(mem, &o);
	struct mapi_object *store, *inbox, *table;
	uint32_t rows = 0;
	const char *step = "connect";
	uint32_t ec = s ? mapi_connect(s) : ecNotEnoughMemory;
	if (ec == ecSuccess && (step = "logon", ec = mapi_logon(s, mem, &store)) == ecSuccess &&
	    (step = "open Inbox", ec = mapi_open_folder(store, mapi_store_folder_id(store, LOGON_FID_INBOX),
	                                                mem, &inbox)) == ecSuccess &&
	    (step = "contents table", ec = mapi_get_contents_table(inbox, 0, mem, &table, &rows)) ==
	            ecSuccess) {
		step = "create message";
		for (unsigned i = rows; i < count && ec == ecSuccess; i++)
			ec = create_and_save(inbox, mem, i, NULL);
	}
	if (ec != ecSuccess)
		fprintf(stderr, "mapibench: filling %s's Inbox: %s: %s (%s)\n", user->user, step,
		        mapi_err_name(ec), s ? mapi_session_last_error(s)->message : "");
	else
		mapi_disconnect(s);
	talloc_free(mem);
	return ec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return (x > y) - (x < y);
}

uint32_t mb_ping_baseline(struct mb_run *run, const struct mb_user *user, unsigned count, double *p50_ms)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_session_opts o;
	mb_session_opts(run, user, &o);
	struct mapi_session *s = mapi_session_new(mem, &o);
	uint64_t *us = talloc_array(mem, uint64_t, count);
	uint32_t ec = s && us ? mapi_connect(s) : ecNotEnoughMemory;
	for (unsigned i = 0; i < count && ec == ecSuccess; i++) {
		uint64_t t = mb_now_us();
		ec = mapi_ping(s);
		us[i] = mb_now_us() - t;
	}
	if (ec == ecSuccess) {
		qsort(us, count, sizeof *us, cmp_u64);
		*p50_ms = us[(count - 1) / 2] / 1000.0;
		mapi_disconnect(s);
	}
	talloc_free(mem);
	return ec;
}

/* What one pass of the loop keeps from step to step. */
struct pass {
	struct mb_session *ms;
	struct mapi_session *s;
	TALLOC_CTX *mem; /* freed at the end of the pass: its objects' RopReleases ride on the next Execute */
	struct mapi_object *store, *inbox;
	uint64_t inbox_fid;
	unsigned serial;
};

static bool stopping(const struct pass *p)
{
	return atomic_load(&p->ms->run->stop);
}

static uint32_t record(struct pass *p, enum mb_op op, uint64_t start, uint32_t ec)
{
	mb_stats_record(p->ms->stats, op, start, ec, p->ms->run->deadline_us);
	return ec;
}

/* Open one message of the rows and read its body through a stream. */
static void read_one(struct pass *p, const struct mapi_property_row_set *rows)
{
	if (rows->count == 0 || stopping(p))
		return;
	const struct mapi_propval *mid =
	        mapi_row_find(&rows->rows[(p->serial + p->ms->index) % rows->count], PidTagMid);
	if (mid == NULL)
		return;
	struct mapi_object *msg;
	uint64_t t = mb_now_us();
	if (record(p, MB_OPEN_MESSAGE, t,
	           mapi_open_message(p->inbox, p->inbox_fid, (uint64_t)mid->value.i64, OPEN_READ_ONLY, p->mem,
	                             &msg, NULL)) != ecSuccess ||
	    stopping(p))
		return;
	struct mapi_binary body;
	t = mb_now_us();
	record(p, MB_READ_BODY, t, mapi_read_property_stream(msg, PidTagBody, p->mem, &body));
	talloc_free(msg);
}

/* Create a message in the Inbox, then move it to Deleted Items (the Inbox keeps its size). */
static void create_and_move(struct pass *p)
{
	uint64_t mid = 0;
	uint64_t t = mb_now_us();
	if (record(p, MB_CREATE_SAVE, t, create_and_save(p->inbox, p->mem, p->serial, &mid)) != ecSuccess ||
	    stopping(p))
		return;
	struct mapi_object *deleted;
	t = mb_now_us();
	uint32_t ec = mapi_open_folder(p->store, mapi_store_folder_id(p->store, LOGON_FID_DELETED_ITEMS),
	                               p->mem, &deleted);
	if (ec == ecSuccess)
		ec = mapi_move_copy_messages(p->inbox, deleted, 1, &mid, false);
	record(p, MB_MOVE, t, ec);
}

/* One pass of the mix; each step needs the one before it. */
static void one_pass(struct pass *p)
{
	uint64_t t = mb_now_us();
	if (record(p, MB_LOGON, t, mapi_logon(p->s, p->mem, &p->store)) != ecSuccess || stopping(p))
		return;
	p->inbox_fid = mapi_store_folder_id(p->store, LOGON_FID_INBOX);
	t = mb_now_us();
	if (record(p, MB_OPEN_INBOX, t, mapi_open_folder(p->store, p->inbox_fid, p->mem, &p->inbox)) !=
	            ecSuccess ||
	    stopping(p))
		return;
	struct mapi_property_row_set rows = {0};
	t = mb_now_us();
	uint32_t ec = mapi_list_messages(p->inbox, sizeof list_columns / sizeof list_columns[0], list_columns,
	                                 LIST_ROWS, p->mem, &rows);
	if (record(p, MB_CONTENTS, t, ec) != ecSuccess || stopping(p))
		return;
	read_one(p, &rows);
	if (!stopping(p))
		create_and_move(p);
}

static void session_finished(struct mb_run *run)
{
	pthread_mutex_lock(&run->lock);
	atomic_fetch_add(&run->finished, 1);
	pthread_cond_broadcast(&run->cond);
	pthread_mutex_unlock(&run->lock);
}

/* The first Connect (recorded without deadline), then wait for the start of the measured time. */
static bool first_connect(struct pass *p)
{
	struct mb_run *run = p->ms->run;
	uint64_t t = mb_now_us();
	uint32_t ec = mapi_connect(p->s);
	mb_stats_record(p->ms->stats, MB_CONNECT, t, ec, 0);
	pthread_mutex_lock(&run->lock);
	run->ready++;
	pthread_cond_broadcast(&run->cond);
	while (!run->go)
		pthread_cond_wait(&run->cond, &run->lock);
	pthread_mutex_unlock(&run->lock);
	return ec == ecSuccess;
}

void *mb_session_main(void *arg)
{
	struct mb_session *ms = arg;
	struct mb_run *run = ms->run;
	TALLOC_CTX *root = talloc_new(NULL);
	struct mapi_session_opts o;
	mb_session_opts(run, ms->user, &o);
	struct mapi_session *s = root ? mapi_session_new(root, &o) : NULL;
	struct pass p = {.ms = ms, .s = s};
	bool connected = s != NULL && first_connect(&p);
	while (s != NULL && !atomic_load(&run->stop)) {
		if (!connected) {
			uint64_t t = mb_now_us();
			connected = record(&p, MB_CONNECT, t, mapi_connect(s)) == ecSuccess;
			if (!connected) {
				/* do not hammer a server that refuses: a tenth of a second between tries */
				nanosleep(&(struct timespec){.tv_nsec = 100000000}, NULL);
				continue;
			}
		}
		p.mem = talloc_new(root);
		p.serial++;
		one_pass(&p);
		talloc_free(p.mem);
		p.store = p.inbox = NULL;
		if (atomic_load(&run->stop))
			break;
		/* idle: Outlook keeps a NotificationWait pending between its requests */
		uint32_t pending = 0;
		uint64_t t = mb_now_us();
		record(&p, MB_WAIT, t, mapi_notification_wait(s, &pending));
	}
	if (connected)
		mapi_disconnect(s);
	talloc_free(root);
	session_finished(run);
	return NULL;
}
