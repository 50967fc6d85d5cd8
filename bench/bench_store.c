/* MAPIStore over SQLite: bulk insert rate, and a contents-table page (50 rows x 10 columns sorted by
 * PidTagMessageDeliveryTime descending, with and without a content restriction on PidTagSubject) through
 * the API beside the same rows fetched with a hand-written SQLite query in the same run.
 *
 * Usage: bench_store [messages]   (default 100000) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/mapistore.h"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const words[] = {"meeting", "report",   "invoice", "lunch",   "project",
                                    "update",  "review",   "budget",  "travel",  "draft",
                                    "minutes", "schedule", "offer",   "question"};
#define NWORDS (sizeof words / sizeof words[0])

static void check(uint32_t ec, const char *what)
{
	if (ec != ecSuccess) {
		fprintf(stderr, "bench_store: %s failed: 0x%08X\n", what, ec);
		exit(1);
	}
}

static uint32_t add_message(struct ms_folder *f, unsigned i, TALLOC_CTX *tmp)
{
	struct ms_message *m;
	uint32_t ec = ms_message_create(f, false, &m);
	if (ec != ecSuccess)
		return ec;
	struct mapi_propval pv[6] = {
	        {.tag = PidTagSubject},    {.tag = PidTagMessageClass, .value.str = "IPM.Note"},
	        {.tag = PidTagSenderName}, {.tag = PidTagMessageDeliveryTime},
	        {.tag = PidTagBody},       {.tag = PidTagMessageFlags, .value.i32 = (int32_t)(i % 3 == 0)},
	};
	pv[0].value.str = talloc_asprintf(tmp, "%s %s %u", words[i % NWORDS], words[(i * 7 + 3) % NWORDS], i);
	pv[2].value.str = talloc_asprintf(tmp, "Sender %u", i % 500);
	/* delivery times in a shuffled order over a year */
	pv[3].value.time = 133000000000000000ull + (uint64_t)((i * 2654435761u) % 31536000u) * 10000000ull;
	pv[4].value.str = talloc_asprintf(tmp, "Hello,\r\n\r\nthis is message %u about the %s. Regards.\r\n",
	                                  i, words[(i * 5) % NWORDS]);
	struct mapi_propproblem *pp;
	uint32_t n;
	ec = ms_props_set(ms_message_object(m), pv, 6, tmp, &pp, &n);
	if (ec == ecSuccess)
		ec = ms_message_save(m, 0);
	talloc_free(m);
	return ec;
}

static const uint32_t columns[10] = {
        PidTagMid,          PidTagSubject,       PidTagSenderName,   PidTagMessageDeliveryTime,
        PidTagMessageClass, PidTagMessageSize,   PidTagMessageFlags, PidTagLastModificationTime,
        PidTagBody,         PidTagHasAttachments};

/* The same rows by hand: the query a person would write against this schema. */
static const char raw_sql[] =
        "SELECT mid, subject, sender_name, delivery_time, message_class, size, flags | read | (associated << "
        "6),"
        " modification_time, (SELECT value FROM props WHERE kind = 2 AND oid = mid AND propid = 4096 AND "
        "type = 31),"
        " (flags & 16) <> 0 FROM messages WHERE fid = ?1 AND associated = 0 AND deleted = 0 %s"
        " ORDER BY delivery_time DESC LIMIT 50";

static double raw_page(sqlite3 *db, int64_t fid, const char *needle, int iterations, size_t *bytes)
{
	char sql[1024];
	snprintf(sql, sizeof sql, raw_sql, needle ? "AND instr(lower(subject), lower(?2)) > 0" : "");
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
		fprintf(stderr, "raw: %s\n", sqlite3_errmsg(db));
		exit(1);
	}
	double t0 = now();
	for (int it = 0; it < iterations; it++) {
		sqlite3_bind_int64(st, 1, fid);
		if (needle)
			sqlite3_bind_text(st, 2, needle, -1, SQLITE_STATIC);
		*bytes = 0;
		while (sqlite3_step(st) == SQLITE_ROW) {
			/* touch every value as the API does when it builds its rows */
			for (int c = 0; c < 10; c++) {
				if (sqlite3_column_type(st, c) == SQLITE_TEXT)
					*bytes += strlen((const char *)sqlite3_column_text(st, c));
				else
					*bytes += (size_t)(sqlite3_column_int64(st, c) & 1);
			}
		}
		sqlite3_reset(st);
	}
	double t = (now() - t0) / iterations;
	sqlite3_finalize(st);
	return t;
}

static double api_page(struct ms_folder *f, const struct mapi_restriction *res, int iterations,
                       uint32_t *rows_out)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ms_table *t;
	check(ms_folder_contents_table(f, 0, &t), "contents table");
	check(ms_table_set_columns(t, columns, 10), "set columns");
	struct mapi_sort_order so = {PT_SYSTIME, PROP_ID(PidTagMessageDeliveryTime), TABLE_SORT_DESCEND};
	struct mapi_sort_order_set sort = {.count = 1, .orders = &so};
	check(ms_table_sort(t, &sort), "sort");
	check(ms_table_restrict(t, res), "restrict");
	double t0 = now();
	for (int it = 0; it < iterations; it++) {
		struct mapi_property_row *rows;
		check(ms_table_query_rows(t, tmp, 50, true, false, &rows, rows_out), "query rows");
		talloc_free(rows);
	}
	double tt = (now() - t0) / iterations;
	talloc_free(t);
	talloc_free(tmp);
	return tt;
}

static off_t file_size(const char *path)
{
	struct stat sb;
	return stat(path, &sb) == 0 ? sb.st_size : 0;
}

int main(int argc, char **argv)
{
	unsigned total = argc > 1 ? (unsigned)atoi(argv[1]) : 100000;
	char dir[] = "/tmp/wc-bench-store-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	TALLOC_CTX *mem = talloc_new(NULL);
	char *path = talloc_asprintf(mem, "%s/bench.db", dir);
	char *uri = talloc_asprintf(mem, "sqlite://%s", path);
	struct wc_guid g = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
	struct ms_mailbox *mb;
	check(ms_mailbox_create(mem, uri, &g, &g, &mb), "create");
	struct ms_mailbox_info info;
	ms_mailbox_get_info(mb, &info);
	struct ms_folder *root, *inbox;
	check(ms_folder_open(mb, info.root_fid, mem, &root), "open root");
	check(ms_folder_create(root, MS_FOLDER_GENERIC, "Inbox", NULL, false, &inbox, NULL), "create folder");

	/* 1. durable saves, one transaction with synchronous=FULL each (what a client's save costs) */
	unsigned durable = total < 1000 ? total / 10 : 1000;
	double t0 = now();
	for (unsigned i = 0; i < durable; i++) {
		TALLOC_CTX *tmp = talloc_new(NULL);
		check(add_message(inbox, i, tmp), "save");
		talloc_free(tmp);
	}
	double t_durable = now() - t0;
	/* 2. bulk insert: saves grouped into batches of 1000 (delivery bursts, imports) */
	t0 = now();
	for (unsigned i = durable; i < total;) {
		check(ms_mailbox_begin_batch(mb), "begin batch");
		for (unsigned k = 0; k < 1000 && i < total; k++, i++) {
			TALLOC_CTX *tmp = talloc_new(NULL);
			check(add_message(inbox, i, tmp), "save");
			talloc_free(tmp);
		}
		check(ms_mailbox_end_batch(mb, true), "end batch");
	}
	double t_bulk = now() - t0;
	printf("insert, durable saves:      %8.0f msgs/s  (%u messages, synchronous=FULL per save)\n",
	       durable / t_durable, durable);
	printf("insert, batches of 1000:    %8.0f msgs/s  (%u messages)\n", (total - durable) / t_bulk,
	       total - durable);

	/* 3. one page of the contents table, API beside raw SQLite */
	sqlite3 *db;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		return 1;
	int64_t fid = (int64_t)mapi_fid_globcnt(ms_folder_get_id(inbox));
	const int iterations = 200;
	uint32_t rows;
	size_t bytes;
	double api = api_page(inbox, NULL, iterations, &rows);
	double raw = raw_page(db, fid, NULL, iterations, &bytes);
	printf("QueryRows 50x10 by delivery time desc:  API %8.1f us  raw SQLite %8.1f us  ratio %.2f  (%u "
	       "rows)\n",
	       api * 1e6, raw * 1e6, api / raw, rows);
	struct mapi_restriction res = {.type = RES_CONTENT};
	res.content.fuzzy_level = FL_SUBSTRING | FL_IGNORECASE;
	res.content.proptag = PidTagSubject;
	res.content.pv = (struct mapi_propval){.tag = PidTagSubject, .value.str = "Invoice"};
	api = api_page(inbox, &res, iterations / 4, &rows);
	raw = raw_page(db, fid, "Invoice", iterations / 4, &bytes);
	printf("  + content restriction on PidTagSubject: API %8.1f us  raw SQLite %8.1f us  ratio %.2f  (%u "
	       "rows)\n",
	       api * 1e6, raw * 1e6, api / raw, rows);
	sqlite3_close(db);

	talloc_free(mb);
	char *wal = talloc_asprintf(mem, "%s-wal", path);
	off_t size = file_size(path) + file_size(wal);
	printf("database size: %.1f MiB, %.0f bytes per message\n", (double)size / 1048576.0,
	       (double)size / total);
	char *cmd = talloc_asprintf(mem, "rm -rf %s", dir);
	int rc = system(cmd);
	talloc_free(mem);
	return rc == 0 ? 0 : 1;
}
