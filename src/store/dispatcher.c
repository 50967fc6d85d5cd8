/* MAPIStore dispatcher database (dispatcher.h): mailboxes, mounts and ID ranges in one SQLite file. */
#include <sqlite3.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "store/dispatcher.h"
#include "store/mapistore_private.h"

struct ms_dispatcher {
	sqlite3 *db;
};

static const char schema[] =
        "CREATE TABLE IF NOT EXISTS mailboxes(name TEXT PRIMARY KEY, root_uri TEXT NOT NULL);"
        "CREATE TABLE IF NOT EXISTS mounts(mailbox TEXT NOT NULL, fid INTEGER NOT NULL, uri TEXT NOT NULL,"
        " PRIMARY KEY(mailbox, fid));"
        "CREATE TABLE IF NOT EXISTS counters(mailbox TEXT NOT NULL, kind INTEGER NOT NULL, next INTEGER NOT "
        "NULL,"
        " PRIMARY KEY(mailbox, kind));"
        "CREATE TABLE IF NOT EXISTS ranges(mailbox TEXT NOT NULL, kind INTEGER NOT NULL, first INTEGER NOT "
        "NULL,"
        " last INTEGER NOT NULL, uri TEXT NOT NULL, PRIMARY KEY(mailbox, kind, first));";

static int disp_destructor(struct ms_dispatcher *d)
{
	sqlite3_close(d->db);
	return 0;
}

uint32_t ms_dispatcher_open(TALLOC_CTX *mem, const char *path, struct ms_dispatcher **out)
{
	struct ms_dispatcher *d = talloc_zero(mem, struct ms_dispatcher);
	if (d == NULL)
		return ecMAPIOOM;
	if (sqlite3_open_v2(path, &d->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
	                    NULL) != SQLITE_OK) {
		sqlite3_close(d->db);
		talloc_free(d);
		return ecNotFound;
	}
	talloc_set_destructor(d, disp_destructor);
	sqlite3_busy_timeout(d->db, 10000);
	if (sqlite3_exec(d->db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;", NULL, NULL, NULL) !=
	            SQLITE_OK ||
	    sqlite3_exec(d->db, schema, NULL, NULL, NULL) != SQLITE_OK) {
		talloc_free(d);
		return ecError;
	}
	*out = d;
	return ecSuccess;
}

/* Runs one statement with text/integer arguments ("t" / "i" per character of types); a SELECT's first
 * column (integer or text) is returned. */
static uint32_t run(struct ms_dispatcher *d, const char *sql, const char *types, const void *const *args,
                    TALLOC_CTX *mem, int64_t *ival, char **tval)
{
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(d->db, sql, -1, &st, NULL) != SQLITE_OK)
		return ecError;
	for (int i = 0; types[i]; i++) {
		if (types[i] == 't')
			sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
		else
			sqlite3_bind_int64(st, i + 1, *(const int64_t *)args[i]);
	}
	int rc = sqlite3_step(st);
	uint32_t ec = rc == SQLITE_ROW || rc == SQLITE_DONE ? ecSuccess
	              : (rc & 0xFF) == SQLITE_CONSTRAINT    ? ecDuplicateObject
	                                                    : ecError;
	if (rc == SQLITE_DONE && (ival != NULL || tval != NULL))
		ec = ecNotFound;
	if (rc == SQLITE_ROW && ival != NULL)
		*ival = sqlite3_column_int64(st, 0);
	if (rc == SQLITE_ROW && tval != NULL &&
	    (*tval = talloc_strdup(mem, (const char *)sqlite3_column_text(st, 0))) == NULL)
		ec = ecMAPIOOM;
	sqlite3_finalize(st);
	return ec;
}

uint32_t ms_dispatcher_allocate(struct ms_dispatcher *d, const char *name, enum ms_id_kind kind,
                                uint32_t count, const char *uri, uint64_t *first)
{
	int64_t k = kind, n = count, next = 0;
	if (sqlite3_exec(d->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
		return ecBusy;
	const void *a[] = {name, &k, &n};
	uint32_t ec =
	        run(d,
	            "INSERT INTO counters(mailbox, kind, next) VALUES (?1, ?2, 1 + ?3) ON CONFLICT DO UPDATE"
	            " SET next = next + ?3 RETURNING next",
	            "tii", a, NULL, &next, NULL);
	int64_t f = next - n, l = next - 1;
	const void *b[] = {name, &k, &f, &l, uri};
	if (ec == ecSuccess && (uint64_t)l > MAPI_GLOBCNT_MAX)
		ec = ecInsufficientResrc;
	if (ec == ecSuccess)
		ec = run(d, "INSERT INTO ranges(mailbox, kind, first, last, uri) VALUES (?1, ?2, ?3, ?4, ?5)",
		         "tiiit", b, NULL, NULL, NULL);
	sqlite3_exec(d->db, ec == ecSuccess ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
	if (ec == ecSuccess)
		*first = (uint64_t)f;
	return ec;
}

uint32_t ms_dispatcher_create_mailbox(struct ms_dispatcher *d, const char *name, const char *root_uri,
                                      const struct wc_guid *mailbox_guid, const struct wc_guid *replica_guid)
{
	const void *a[] = {name, root_uri};
	uint32_t ec =
	        run(d, "INSERT INTO mailboxes(name, root_uri) VALUES (?1, ?2)", "tt", a, NULL, NULL, NULL);
	if (ec != ecSuccess)
		return ec;
	/* the root backend is created like a single-backend mailbox, then its IDs come from here */
	struct ms_mailbox *mb;
	ec = ms_mailbox_create(NULL, root_uri, mailbox_guid, replica_guid, &mb);
	if (ec == ecSuccess) {
		/* the root's FID came from the backend's own counter: give the dispatcher's counter a start
		 * above it */
		int64_t next = (int64_t)mapi_fid_globcnt(mb->info.root_fid) + 1, k = MS_IDS_OBJECT;
		const void *b[] = {name, &k, &next};
		ec = run(d, "INSERT OR REPLACE INTO counters(mailbox, kind, next) VALUES (?1, ?2, ?3)", "tii",
		         b, NULL, NULL, NULL);
		int64_t root = next - 1;
		const void *c[] = {name, &k, &root, &root, root_uri};
		if (ec == ecSuccess)
			ec = run(d,
			         "INSERT INTO ranges(mailbox, kind, first, last, uri) VALUES (?1, ?2, ?3, "
			         "?4, ?5)",
			         "tiiit", c, NULL, NULL, NULL);
		int64_t cnk = MS_IDS_CHANGE, cnnext = 2;
		const void *e[] = {name, &cnk, &cnnext};
		if (ec == ecSuccess)
			ec = run(d,
			         "INSERT OR REPLACE INTO counters(mailbox, kind, next) VALUES (?1, ?2, ?3)",
			         "tii", e, NULL, NULL, NULL);
		talloc_free(mb);
	}
	if (ec != ecSuccess) {
		const void *x[] = {name};
		run(d, "DELETE FROM mailboxes WHERE name = ?1", "t", x, NULL, NULL, NULL);
	}
	return ec;
}

static uint32_t load_routes(struct ms_dispatcher *d, struct ms_mailbox *mb)
{
	sqlite3_stmt *st;
	const char *sql[2] = {"SELECT first, last, uri FROM ranges WHERE mailbox = ?1 AND kind = 1",
	                      "SELECT fid, 0, uri FROM mounts WHERE mailbox = ?1"};
	uint32_t ec = ecSuccess;
	for (int k = 0; k < 2 && ec == ecSuccess; k++) {
		if (sqlite3_prepare_v2(d->db, sql[k], -1, &st, NULL) != SQLITE_OK)
			return ecError;
		sqlite3_bind_text(st, 1, mb->name, -1, SQLITE_STATIC);
		while (ec == ecSuccess && sqlite3_step(st) == SQLITE_ROW) {
			struct ms_backend *be;
			ec = ms_mailbox_add_backend(mb, (const char *)sqlite3_column_text(st, 2), false, &be);
			if (ec != ecSuccess)
				break;
			uint64_t a = (uint64_t)sqlite3_column_int64(st, 0),
			         b = (uint64_t)sqlite3_column_int64(st, 1);
			if (k == 0) {
				ec = ms_mailbox_add_range(mb, a, b, be);
				continue;
			}
			struct ms_mount *m = talloc_realloc(mb, mb->mounts, struct ms_mount, mb->nmounts + 1);
			if (m == NULL)
				ec = ecMAPIOOM;
			else {
				mb->mounts = m;
				m[mb->nmounts++] = (struct ms_mount){mapi_fid_make(mb->info.replid, a), be};
			}
		}
		sqlite3_finalize(st);
	}
	return ec;
}

uint32_t ms_dispatcher_open_mailbox(struct ms_dispatcher *d, TALLOC_CTX *mem, const char *name,
                                    struct ms_mailbox **out)
{
	char *root;
	const void *a[] = {name};
	uint32_t ec = run(d, "SELECT root_uri FROM mailboxes WHERE name = ?1", "t", a, NULL, NULL, &root);
	if (ec != ecSuccess)
		return ec;
	struct ms_mailbox *mb;
	ec = ms_mailbox_open(mem, root, &mb);
	talloc_free(root);
	if (ec != ecSuccess)
		return ec;
	mb->disp = d;
	mb->name = talloc_strdup(mb, name);
	ec = mb->name ? load_routes(d, mb) : ecMAPIOOM;
	if (ec != ecSuccess) {
		talloc_free(mb);
		return ec;
	}
	*out = mb;
	return ecSuccess;
}

uint32_t ms_dispatcher_mount(struct ms_mailbox *mb, uint64_t fid, const char *uri)
{
	if (mb->disp == NULL)
		return ecNotSupported;
	struct ms_folder *f;
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t ec = ms_folder_open(mb, fid, tmp, &f);
	struct ms_folder_counts c;
	if (ec == ecSuccess)
		ec = ms_folder_get_counts(f, &c);
	if (ec == ecSuccess && (c.content || c.associated || c.child_folders))
		ec = ecFolderHasContents;
	uint32_t tag = 0x3001001F; /* PidTagDisplayName */
	struct mapi_propval *name = NULL;
	if (ec == ecSuccess)
		ec = ms_props_get(ms_folder_object(f), tmp, &tag, 1, &name);
	struct ms_backend *be = NULL;
	if (ec == ecSuccess) {
		const char *path;
		const struct ms_backend_ops *ops = ms_backend_lookup(uri, &path);
		ec = ops == NULL ? ecInvalidParam : ms_mailbox_add_backend(mb, uri, ops->open == NULL, &be);
		if (ec == ecNotFound)
			ec = ms_mailbox_add_backend(mb, uri, true, &be);
	}
	if (ec == ecSuccess)
		ec = be->ops->folder_mount(be, fid, PROP_TYPE(name->tag) == 0x001F ? name->value.str : "");
	int64_t c64 = (int64_t)mapi_fid_globcnt(fid);
	const void *a[] = {mb->name, &c64, uri};
	if (ec == ecSuccess)
		ec = run(mb->disp, "INSERT INTO mounts(mailbox, fid, uri) VALUES (?1, ?2, ?3)", "tit", a,
		         NULL, NULL, NULL);
	if (ec == ecSuccess) {
		struct ms_mount *m = talloc_realloc(mb, mb->mounts, struct ms_mount, mb->nmounts + 1);
		if (m == NULL)
			ec = ecMAPIOOM;
		else {
			mb->mounts = m;
			m[mb->nmounts++] = (struct ms_mount){fid, be};
		}
	}
	talloc_free(tmp);
	return ec;
}

uint32_t ms_dispatcher_lookup(struct ms_dispatcher *d, const char *name, uint64_t id, TALLOC_CTX *mem,
                              char **uri)
{
	int64_t c = (int64_t)mapi_fid_globcnt(id);
	const void *a[] = {name, &c};
	uint32_t ec =
	        run(d, "SELECT uri FROM mounts WHERE mailbox = ?1 AND fid = ?2", "ti", a, mem, NULL, uri);
	if (ec == ecNotFound)
		ec = run(d,
		         "SELECT uri FROM ranges WHERE mailbox = ?1 AND kind = 1 AND ?2 BETWEEN first AND "
		         "last",
		         "ti", a, mem, NULL, uri);
	return ec;
}
