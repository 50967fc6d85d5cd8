/* SQLite backend: the database file (schema, version and upgrades), transactions, the prepared-statement
 * cache, the consistency check, and the backend's vtable. docs/store.md explains the schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/mapi_errors.h"
#include "common/wc_time.h"
#include "store/backends/sqlite/sqlite-private.h"

/* Version 1. An upgrade adds an entry to upgrades[] that turns version N into N + 1. */
static const char schema_v1[] =
        "CREATE TABLE meta(key TEXT PRIMARY KEY, value) WITHOUT ROWID;"
        "CREATE TABLE counters(kind INTEGER PRIMARY KEY, next INTEGER NOT NULL);"
        "CREATE TABLE folders(fid INTEGER PRIMARY KEY, parent_fid INTEGER, folder_type INTEGER NOT NULL,"
        " display_name TEXT NOT NULL COLLATE NOCASE, container_class TEXT, deleted INTEGER NOT NULL DEFAULT "
        "0,"
        " change_number INTEGER NOT NULL, creation_time INTEGER NOT NULL, modification_time INTEGER NOT "
        "NULL);"
        "CREATE UNIQUE INDEX folders_by_name ON folders(parent_fid, display_name) WHERE deleted = 0;"
        "CREATE TABLE messages(mid INTEGER PRIMARY KEY, fid INTEGER, parent_aid INTEGER,"
        " associated INTEGER NOT NULL DEFAULT 0, deleted INTEGER NOT NULL DEFAULT 0,"
        " read INTEGER NOT NULL DEFAULT 0, flags INTEGER NOT NULL DEFAULT 0, status INTEGER NOT NULL DEFAULT "
        "0,"
        " message_class TEXT COLLATE NOCASE, subject TEXT, sender_name TEXT, delivery_time INTEGER,"
        " creation_time INTEGER, modification_time INTEGER, size INTEGER NOT NULL DEFAULT 0,"
        " change_number INTEGER NOT NULL, pcl BLOB);"
        "CREATE INDEX messages_by_time ON messages(fid, associated, deleted, delivery_time);"
        "CREATE INDEX messages_by_read ON messages(fid, associated, deleted, read);"
        "CREATE INDEX messages_embedded ON messages(parent_aid) WHERE parent_aid IS NOT NULL;"
        "CREATE TABLE recipients(rid INTEGER PRIMARY KEY, mid INTEGER NOT NULL, row_id INTEGER NOT NULL,"
        " UNIQUE(mid, row_id));"
        "CREATE TABLE attachments(aid INTEGER PRIMARY KEY, mid INTEGER NOT NULL, attach_num INTEGER NOT NULL,"
        " UNIQUE(mid, attach_num));"
        "CREATE TABLE props(kind INTEGER NOT NULL, oid INTEGER NOT NULL, propid INTEGER NOT NULL,"
        " type INTEGER NOT NULL, value, bid INTEGER, PRIMARY KEY(kind, oid, propid)) WITHOUT ROWID;"
        "CREATE TABLE mvprops(kind INTEGER NOT NULL, oid INTEGER NOT NULL, propid INTEGER NOT NULL,"
        " idx INTEGER NOT NULL, value, PRIMARY KEY(kind, oid, propid, idx)) WITHOUT ROWID;"
        "CREATE TABLE blobs(bid INTEGER PRIMARY KEY, size INTEGER NOT NULL, refs INTEGER NOT NULL,"
        " created INTEGER NOT NULL);"
        "CREATE TABLE chunks(bid INTEGER NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL,"
        " PRIMARY KEY(bid, seq));"
        "CREATE TABLE namedprops(propid INTEGER PRIMARY KEY, guid BLOB NOT NULL, kind INTEGER NOT NULL,"
        " lid INTEGER NOT NULL, name TEXT NOT NULL, UNIQUE(guid, kind, lid, name));"
        "CREATE TABLE receive_folders(message_class TEXT PRIMARY KEY COLLATE NOCASE, fid INTEGER NOT NULL,"
        " modification_time INTEGER NOT NULL);";

static const char *const upgrades[] = {
        NULL, /* [N] upgrades version N to N + 1 */
        /* 1 -> 2: the per-user data table (MS-OXCSTOR 3.2.1): per public folder LongTermID, the REPLGUID of
         * its public store and the CNSET of read messages, as RopWritePerUserInformation gave them */
        "CREATE TABLE per_user(folder BLOB PRIMARY KEY, replguid BLOB NOT NULL, data BLOB NOT NULL,"
        " modification_time INTEGER NOT NULL) WITHOUT ROWID",
};

/* ---- statement cache ------------------------------------------------------------------------------------
 */

struct sq_stmt_entry {
	const char *sql; /* constant text: compared by address first */
	sqlite3_stmt *st;
};
struct sq_stmt_cache {
	struct sq_stmt_entry *e;
	unsigned n;
};

sqlite3_stmt *sq_prepare(struct sq_backend *b, const char *sql)
{
	struct sq_stmt_cache *c = b->stmts;
	for (unsigned i = 0; i < c->n; i++) {
		if (c->e[i].sql == sql) {
			sqlite3_reset(c->e[i].st);
			sqlite3_clear_bindings(c->e[i].st);
			return c->e[i].st;
		}
	}
	struct sq_stmt_entry *e = talloc_realloc(c, c->e, struct sq_stmt_entry, c->n + 1);
	if (e == NULL)
		return NULL;
	c->e = e;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v3(b->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
		if (getenv("WC_SQL_DEBUG"))
			fprintf(stderr, "sqlite: %s: %s\n", sqlite3_errmsg(b->db), sql);
		return NULL;
	}
	c->e[c->n++] = (struct sq_stmt_entry){sql, st};
	return st;
}

uint32_t sq_error(struct sq_backend *b, int rc)
{
	switch (rc & 0xFF) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return ecSuccess;
	case SQLITE_NOMEM:
		return ecMAPIOOM;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ecBusy;
	case SQLITE_FULL:
		return ecDiskFull;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return ecCorruptData;
	case SQLITE_CONSTRAINT:
		return ecDuplicateName;
	case SQLITE_IOERR:
		return ecWriteFault;
	default:
		return ecError;
	}
}

uint32_t sq_exec(struct sq_backend *b, const char *sql)
{
	int rc = sqlite3_exec(b->db, sql, NULL, NULL, NULL);
	if (rc != SQLITE_OK && getenv("WC_SQL_DEBUG"))
		fprintf(stderr, "sqlite: %s: %s\n", sqlite3_errmsg(b->db), sql);
	return sq_error(b, rc);
}

uint32_t sq_step_done(struct sq_backend *b, sqlite3_stmt *st)
{
	int rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc == SQLITE_DONE || rc == SQLITE_ROW ? ecSuccess : sq_error(b, rc);
}

uint32_t sq_run_steps(struct sq_backend *b, const char *const *sql, size_t nsql, const int64_t *args,
                      int nargs)
{
	uint32_t ec = ecSuccess;
	for (size_t i = 0; ec == ecSuccess && i < nsql; i++) {
		sqlite3_stmt *st = sq_prepare(b, sql[i]);
		if (st == NULL)
			return ecError;
		for (int k = 0; k < nargs; k++)
			sqlite3_bind_int64(st, k + 1, args[k]);
		ec = sq_step_done(b, st);
	}
	return ec;
}

bool sq_exists(struct sq_backend *b, const char *sql, int64_t a, int64_t c)
{
	sqlite3_stmt *st = sq_prepare(b, sql);
	if (st == NULL)
		return false;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, c);
	bool yes = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_reset(st);
	return yes;
}

uint32_t sq_collect_ids(struct sq_backend *b, sqlite3_stmt *st, TALLOC_CTX *mem, int64_t **ids, uint32_t *n)
{
	int64_t *out = talloc_array(mem, int64_t, 1);
	uint32_t count = 0;
	int rc;
	while (out != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (count > 0 && (count & (count - 1)) == 0)
			out = talloc_realloc(mem, out, int64_t, count * 2);
		if (out != NULL)
			out[count++] = sqlite3_column_int64(st, 0);
	}
	sqlite3_reset(st);
	if (out == NULL)
		return ecMAPIOOM;
	if (rc != SQLITE_DONE) {
		talloc_free(out);
		return sq_error(b, rc);
	}
	*ids = out;
	*n = count;
	return ecSuccess;
}

uint32_t sq_ids_of(struct sq_backend *b, const char *sql, int64_t arg, TALLOC_CTX *mem, int64_t **ids,
                   uint32_t *n)
{
	sqlite3_stmt *st = sq_prepare(b, sql);
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, arg);
	return sq_collect_ids(b, st, mem, ids, n);
}

/* ---- transactions ------------------------------------------------------------------------------------- */

static uint32_t set_sync(struct sq_backend *b, int full)
{
	if (b->sync_full == full)
		return ecSuccess;
	uint32_t ec = sq_exec(b, full ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
	b->sync_full = ec == ecSuccess ? full : -1;
	return ec;
}

/* DESIGN.md §4: FULL at the commit of client-visible saves, NORMAL for the rest (stream chunks written before
 * the save that makes them visible). SQLite only allows the change outside a transaction, and it only
 * matters at the commit, so it is set when a transaction begins. */
uint32_t sq_begin(struct sq_backend *b)
{
	if (b->batch > 0)
		return ecSuccess;
	uint32_t ec = set_sync(b, 1);
	/* IMMEDIATE: take the write lock now, so that the reads of this transaction see what it will change
	 */
	return ec == ecSuccess ? sq_exec(b, "BEGIN IMMEDIATE") : ec;
}

void sq_sync_normal(struct sq_backend *b)
{
	if (sqlite3_get_autocommit(b->db))
		set_sync(b, 0);
}

uint32_t sq_commit(struct sq_backend *b, bool durable)
{
	if (b->batch > 0)
		return ecSuccess;
	uint32_t ec = sq_exec(b, "COMMIT");
	if (ec != ecSuccess)
		sq_rollback(b);
	return ec;
}

void sq_rollback(struct sq_backend *b)
{
	if (b->batch > 0)
		return; /* the batch's end decides */
	if (!sqlite3_get_autocommit(b->db))
		sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
	ms_ids_forget(&b->base);
}

uint32_t sq_begin_batch(struct ms_backend *be)
{
	struct sq_backend *b = sq_be(be);
	if (b->batch == 0) {
		uint32_t ec = sq_begin(b);
		if (ec != ecSuccess)
			return ec;
	}
	b->batch++;
	return ecSuccess;
}

uint32_t sq_end_batch(struct ms_backend *be, bool commit)
{
	struct sq_backend *b = sq_be(be);
	if (b->batch == 0)
		return ecInvalidParam;
	if (--b->batch > 0)
		return ecSuccess;
	if (commit)
		return sq_commit(b, true);
	sq_rollback(b);
	return ecSuccess;
}

/* ---- open, create, upgrade ------------------------------------------------------------------------------
 */

static int sq_backend_destructor(struct sq_backend *b)
{
	if (b->db == NULL)
		return 0;
	if (b->batch > 0) {
		b->batch = 0;
		sq_rollback(b);
	}
	/* Blobs this context staged for streams that were never saved. */
	for (unsigned i = 0; i < b->nstaged; i++) {
		sqlite3_stmt *st = sq_prepare(b, "DELETE FROM blobs WHERE bid = ?1 AND refs = 0");
		sqlite3_stmt *ch = sq_prepare(b, "DELETE FROM chunks WHERE bid = ?1 AND NOT EXISTS "
		                                 "(SELECT 1 FROM blobs WHERE bid = ?1)");
		if (st == NULL || ch == NULL)
			break;
		sqlite3_bind_int64(st, 1, b->staged[i]);
		sq_step_done(b, st);
		sqlite3_bind_int64(ch, 1, b->staged[i]);
		sq_step_done(b, ch);
	}
	for (unsigned i = 0; i < b->stmts->n; i++)
		sqlite3_finalize(b->stmts->e[i].st);
	sqlite3_close(b->db);
	b->db = NULL;
	return 0;
}

static uint32_t meta_get_guid(struct sq_backend *b, const char *key, struct wc_guid *g)
{
	sqlite3_stmt *st = sq_prepare(b, "SELECT value FROM meta WHERE key = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	uint32_t ec = ecCorruptData;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 16) {
		struct wc_reader r;
		wc_reader_init(&r, sqlite3_column_blob(st, 0), 16);
		if (wc_read_guid(&r, g))
			ec = ecSuccess;
	}
	sqlite3_reset(st);
	return ec;
}

static uint32_t meta_get_int(struct sq_backend *b, const char *key, int64_t *v)
{
	sqlite3_stmt *st = sq_prepare(b, "SELECT value FROM meta WHERE key = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	uint32_t ec = ecCorruptData;
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) == SQLITE_INTEGER) {
		*v = sqlite3_column_int64(st, 0);
		ec = ecSuccess;
	}
	sqlite3_reset(st);
	return ec;
}

static uint32_t meta_put(struct sq_backend *b, const char *key, const void *blob, int64_t v)
{
	sqlite3_stmt *st = sq_prepare(b, "INSERT OR REPLACE INTO meta(key, value) VALUES (?1, ?2)");
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	if (blob != NULL) {
		struct wc_writer w;
		wc_writer_init(&w, NULL, 16);
		wc_write_guid(&w, blob);
		sqlite3_bind_blob(st, 2, w.data, 16, SQLITE_TRANSIENT);
		talloc_free(w.data);
	} else {
		sqlite3_bind_int64(st, 2, v);
	}
	return sq_step_done(b, st);
}

static uint32_t connect(struct ms_mailbox *mb, const char *uri, const char *path, bool create,
                        struct sq_backend **out)
{
	if (!create && access(path, F_OK) != 0)
		return ecNotFound;
	if (create && access(path, F_OK) == 0)
		return ecDuplicateObject;
	struct sq_backend *b = talloc_zero(mb, struct sq_backend);
	if (b == NULL)
		return ecMAPIOOM;
	b->base.ops = &ms_sqlite_backend_ops;
	b->base.mb = mb;
	b->base.uri = talloc_strdup(b, uri);
	b->path = talloc_strdup(b, path);
	b->stmts = talloc_zero(b, struct sq_stmt_cache);
	b->sync_full = -1;
	talloc_set_destructor(b, sq_backend_destructor);
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (create ? SQLITE_OPEN_CREATE : 0);
	if (b->base.uri == NULL || b->path == NULL || b->stmts == NULL ||
	    sqlite3_open_v2(path, &b->db, flags, NULL) != SQLITE_OK) {
		talloc_free(b);
		return create ? ecWriteFault : ecNotFound;
	}
	sqlite3_busy_timeout(b->db, 10000);
	sqlite3_extended_result_codes(b->db, 1);
	uint32_t ec = sq_exec(b, "PRAGMA journal_mode=WAL");
	if (ec == ecSuccess)
		ec = sq_exec(b, "PRAGMA foreign_keys=OFF; PRAGMA temp_store=FILE");
	/* The recipient and attachment tables of a message being edited read its pending state from here
	 * (sqlite-table.c); an in-memory schema of this connection, never written to disk. */
	if (ec == ecSuccess)
		ec = sq_exec(
		        b,
		        "ATTACH DATABASE ':memory:' AS pend;"
		        "CREATE TABLE pend.recipients(rid INTEGER PRIMARY KEY, mid INTEGER, row_id INTEGER);"
		        "CREATE TABLE pend.attachments(aid INTEGER PRIMARY KEY, mid INTEGER, attach_num "
		        "INTEGER);"
		        "CREATE TABLE pend.props(kind INTEGER, oid INTEGER, propid INTEGER, type INTEGER, "
		        "value,"
		        " bid INTEGER, PRIMARY KEY(kind, oid, propid)) WITHOUT ROWID;"
		        "CREATE TABLE pend.mvprops(kind INTEGER, oid INTEGER, propid INTEGER, idx INTEGER, "
		        "value,"
		        " PRIMARY KEY(kind, oid, propid, idx)) WITHOUT ROWID");
	if (ec == ecSuccess && sq_register_functions(b->db) != SQLITE_OK)
		ec = ecError;
	if (ec != ecSuccess) {
		talloc_free(b);
		return ec;
	}
	*out = b;
	return ecSuccess;
}

static uint32_t upgrade(struct sq_backend *b)
{
	int64_t version;
	uint32_t ec = meta_get_int(b, "schema_version", &version);
	if (ec != ecSuccess || version < 1 || version > SQ_SCHEMA_VERSION)
		return ec != ecSuccess ? ec : ecVersionMismatch;
	if (version == SQ_SCHEMA_VERSION)
		return ecSuccess;
	ec = sq_begin(b);
	for (; ec == ecSuccess && version < SQ_SCHEMA_VERSION; version++)
		ec = sq_exec(b, upgrades[version]);
	if (ec == ecSuccess)
		ec = meta_put(b, "schema_version", NULL, version);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

uint32_t sq_create(struct ms_mailbox *mb, const char *uri, const char *path, struct ms_backend **out)
{
	struct sq_backend *b;
	uint32_t ec = connect(mb, uri, path, true, &b);
	if (ec != ecSuccess)
		return ec;
	ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = sq_exec(b, schema_v1);
	for (int v = 1; ec == ecSuccess && v < SQ_SCHEMA_VERSION; v++)
		ec = sq_exec(b, upgrades[v]);
	if (ec == ecSuccess)
		ec = sq_exec(b, "INSERT INTO counters(kind, next) VALUES (1, 1), (2, 1)");
	if (ec == ecSuccess)
		ec = meta_put(b, "schema_version", NULL, SQ_SCHEMA_VERSION);
	if (ec == ecSuccess)
		ec = meta_put(b, "mailbox_guid", &mb->info.mailbox_guid, 0);
	if (ec == ecSuccess)
		ec = meta_put(b, "replica_guid", &mb->info.replica_guid, 0);
	uint64_t root = 0, cn = 0;
	if (ec == ecSuccess && mb->nbackends == 0) {
		/* the first backend of a mailbox holds its root folder */
		ec = sq_reserve_ids(&b->base, MS_IDS_OBJECT, 1, &root);
		if (ec == ecSuccess)
			ec = sq_reserve_ids(&b->base, MS_IDS_CHANGE, 1, &cn);
		sqlite3_stmt *st =
		        sq_prepare(b, "INSERT INTO folders(fid, parent_fid, folder_type, display_name,"
		                      " change_number, creation_time, modification_time)"
		                      " VALUES (?1, NULL, 1, '', ?2, ?3, ?3)");
		if (ec == ecSuccess && st == NULL)
			ec = ecError;
		if (ec == ecSuccess) {
			sqlite3_bind_int64(st, 1, (int64_t)root);
			sqlite3_bind_int64(st, 2, (int64_t)cn);
			sqlite3_bind_int64(st, 3, (int64_t)wc_filetime_now());
			ec = sq_step_done(b, st);
		}
		if (ec == ecSuccess)
			ec = meta_put(b, "root_fid", NULL, (int64_t)root);
		mb->info.root_fid = mapi_fid_make(mb->info.replid, root);
	}
	if (ec == ecSuccess)
		ec = sq_commit(b, true);
	else
		sq_rollback(b);
	if (ec != ecSuccess) {
		talloc_free(b);
		unlink(path);
		return ec;
	}
	*out = &b->base;
	return ecSuccess;
}

uint32_t sq_open(struct ms_mailbox *mb, const char *uri, const char *path, struct ms_backend **out)
{
	struct sq_backend *b;
	uint32_t ec = connect(mb, uri, path, false, &b);
	if (ec != ecSuccess)
		return ec;
	ec = upgrade(b);
	/* Blobs a stream wrote for a save that never came (the process died first): gone after a day, which
	 * no open stream lives through. */
	if (ec == ecSuccess)
		ec = sq_exec(b, "BEGIN IMMEDIATE; DELETE FROM chunks WHERE bid IN (SELECT bid FROM blobs "
		                "WHERE refs = 0"
		                " AND created < strftime('%s') - 86400); DELETE FROM blobs WHERE refs = 0 "
		                "AND created <"
		                " strftime('%s') - 86400; COMMIT");
	if (ec == ecSuccess && mb->nbackends == 0) {
		int64_t root = 0;
		ec = meta_get_guid(b, "mailbox_guid", &mb->info.mailbox_guid);
		if (ec == ecSuccess)
			ec = meta_get_guid(b, "replica_guid", &mb->info.replica_guid);
		if (ec == ecSuccess)
			ec = meta_get_int(b, "root_fid", &root);
		mb->info.replid = MS_REPLID_LOCAL;
		mb->info.root_fid = mapi_fid_make(MS_REPLID_LOCAL, (uint64_t)root);
	}
	if (ec != ecSuccess) {
		talloc_free(b);
		return ec;
	}
	*out = &b->base;
	return ecSuccess;
}

/* ---- consistency check -------------------------------------------------------------------------------- */

/* Each query counts rows that break one invariant. */
static const struct {
	const char *what;
	const char *sql;
	bool own_counters; /* only when the backend allocates its IDs (no dispatcher) */
} checks[] = {
        {"folders whose parent is missing",
         "SELECT count(*) FROM folders f WHERE parent_fid IS NOT NULL AND parent_fid NOT IN (SELECT fid FROM "
         "folders)"
         " AND f.fid <> (SELECT value FROM meta WHERE key = 'root_fid')",
         false},
        {"messages without folder or attachment",
         "SELECT count(*) FROM messages WHERE (fid IS NULL) = (parent_aid IS NULL) OR (fid IS NOT NULL AND "
         "fid NOT IN"
         " (SELECT fid FROM folders)) OR (parent_aid IS NOT NULL AND parent_aid NOT IN (SELECT aid FROM "
         "attachments))",
         false},
        {"recipients of missing messages",
         "SELECT count(*) FROM recipients WHERE mid NOT IN (SELECT mid FROM messages)", false},
        {"attachments of missing messages",
         "SELECT count(*) FROM attachments WHERE mid NOT IN (SELECT mid FROM messages)", false},
        {"properties of missing objects",
         "SELECT count(*) FROM props p WHERE NOT CASE kind WHEN 1 THEN EXISTS(SELECT 1 FROM folders WHERE "
         "fid = p.oid)"
         " WHEN 2 THEN EXISTS(SELECT 1 FROM messages WHERE mid = p.oid)"
         " WHEN 3 THEN EXISTS(SELECT 1 FROM recipients WHERE rid = p.oid)"
         " WHEN 4 THEN EXISTS(SELECT 1 FROM attachments WHERE aid = p.oid) ELSE 0 END",
         false},
        {"multi-valued entries without their property",
         "SELECT count(*) FROM mvprops v WHERE NOT EXISTS(SELECT 1 FROM props p WHERE p.kind = v.kind AND"
         " p.oid = v.oid AND p.propid = v.propid)",
         false},
        {"blobs whose reference count is wrong",
         "SELECT count(*) FROM blobs b WHERE b.refs <> (SELECT count(*) FROM props p WHERE p.bid = b.bid)"
         " AND NOT (b.refs = 0 AND NOT EXISTS(SELECT 1 FROM props p WHERE p.bid = b.bid))",
         false},
        {"properties pointing at missing blobs",
         "SELECT count(*) FROM props WHERE bid IS NOT NULL AND bid NOT IN (SELECT bid FROM blobs)", false},
        /* blobs may be sparse (sqlite-stream.c): what no chunk holds below the size is zeros; 131072 is
         * SQ_CHUNK_SIZE */
        {"blobs with chunks beyond their size",
         "SELECT count(*) FROM blobs b WHERE b.refs > 0 AND b.size <"
         " (SELECT coalesce(max(c.seq * 131072 + length(c.data)), 0) FROM chunks c WHERE c.bid = b.bid)",
         false},
        {"IDs at or above the ID counter",
         "SELECT count(*) FROM (SELECT fid AS id FROM folders UNION ALL SELECT mid FROM messages)"
         " WHERE id >= (SELECT next FROM counters WHERE kind = 1)",
         true},
        {"change numbers at or above the change counter",
         "SELECT count(*) FROM (SELECT change_number AS cn FROM folders UNION ALL SELECT change_number FROM "
         "messages)"
         " WHERE cn >= (SELECT next FROM counters WHERE kind = 2)",
         true},
        {"messages with a stale unread/size state",
         "SELECT count(*) FROM messages WHERE read NOT IN (0, 1) OR size < 0 OR (flags & 1) <> 0", false},
};

uint32_t sq_check(struct ms_backend *be, TALLOC_CTX *mem, char **report)
{
	struct sq_backend *b = sq_be(be);
	char *out = talloc_strdup(mem, "");
	uint32_t result = ecSuccess;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(b->db, "PRAGMA integrity_check", -1, &st, NULL) != SQLITE_OK)
		return ecError;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(st, 0);
		if (line != NULL && strcmp(line, "ok") != 0) {
			out = talloc_asprintf_append(out, "sqlite: %s\n", line);
			result = ecCorruptData;
		}
	}
	sqlite3_finalize(st);
	for (size_t i = 0; i < sizeof checks / sizeof checks[0]; i++) {
		if (checks[i].own_counters && be->mb->disp != NULL)
			continue;
		if (sqlite3_prepare_v2(b->db, checks[i].sql, -1, &st, NULL) != SQLITE_OK) {
			out = talloc_asprintf_append(out, "check failed to run: %s\n", checks[i].what);
			result = ecError;
			continue;
		}
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int64(st, 0) != 0) {
			out = talloc_asprintf_append(out, "%lld %s\n", (long long)sqlite3_column_int64(st, 0),
			                             checks[i].what);
			result = ecCorruptData;
		}
		sqlite3_finalize(st);
	}
	if (out == NULL)
		return ecMAPIOOM;
	*report = out;
	return result;
}

const struct ms_backend_ops ms_sqlite_backend_ops = {
        .scheme = "sqlite",
        .create = sq_create,
        .open = sq_open,
        .reserve_ids = sq_reserve_ids,
        .check = sq_check,
        .begin_batch = sq_begin_batch,
        .end_batch = sq_end_batch,
        .meta_get = sq_meta_get,
        .meta_put = sq_meta_put,
        .named_get_id = sq_named_get_id,
        .named_get_name = sq_named_get_name,
        .named_list = sq_named_list,
        .receive_folder_set = sq_receive_folder_set,
        .receive_folder_get = sq_receive_folder_get,
        .receive_folder_table = sq_receive_folder_table,
        .per_user_set = sq_per_user_set,
        .per_user_get = sq_per_user_get,
        .per_user_folders = sq_per_user_folders,
        .props_get = sq_props_get,
        .props_get_all = sq_props_get_all,
        .props_list = sq_props_list,
        .props_set = sq_props_set,
        .props_delete = sq_props_delete,
        .stream_open = sq_stream_open,
        .stream_read = sq_stream_read,
        .stream_write = sq_stream_write,
        .stream_seek = sq_stream_seek,
        .stream_get_size = sq_stream_get_size,
        .stream_set_size = sq_stream_set_size,
        .stream_commit = sq_stream_commit,
        .folder_open = sq_folder_open,
        .folder_mount = sq_folder_mount,
        .folder_create = sq_folder_create,
        .folder_delete = sq_folder_delete,
        .folder_move = sq_folder_move,
        .folder_copy = sq_folder_copy,
        .folder_empty = sq_folder_empty,
        .folder_get_counts = sq_folder_get_counts,
        .folder_delete_messages = sq_folder_delete_messages,
        .folder_move_copy_messages = sq_folder_move_copy_messages,
        .folder_set_message_status = sq_folder_set_message_status,
        .folder_set_read_flags = sq_folder_set_read_flags,
        .message_create = sq_message_create,
        .message_open = sq_message_open,
        .message_save = sq_message_save,
        .message_set_read_flag = sq_message_set_read_flag,
        .message_modify_recipients = sq_modify_recipients,
        .message_read_recipients = sq_read_recipients,
        .message_remove_all_recipients = sq_remove_all_recipients,
        .attachment_create = sq_attachment_create,
        .attachment_open = sq_attachment_open,
        .attachment_delete = sq_attachment_delete,
        .attachment_save = sq_attachment_save,
        .attachment_open_embedded = sq_attachment_open_embedded,
        .hierarchy_table = sq_hierarchy_table,
        .contents_table = sq_contents_table,
        .attachment_table = sq_attachment_table,
        .recipient_table = sq_recipient_table,
};
