/* SQLite backend: mailbox-wide state — ID counters, named properties, receive folders, per-user data. */
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_time.h"
#include "store/backends/sqlite/sqlite-private.h"

/* Counters of MS-OXCDATA 2.2.1.1: 48-bit GlobalCounter values, never reused. The reservation joins the
 * transaction in progress, if any (so a rollback gives it back, and ms_ids_forget() drops the cache), else
 * it commits on its own. */
uint32_t sq_reserve_ids(struct ms_backend *be, enum ms_id_kind kind, uint32_t count, uint64_t *first)
{
	struct sq_backend *b = sq_be(be);
	bool own = sqlite3_get_autocommit(b->db) != 0;
	sqlite3_stmt *st =
	        sq_prepare(b, "UPDATE counters SET next = next + ?2 WHERE kind = ?1 RETURNING next");
	if (st == NULL)
		return ecError;
	uint32_t ec = own ? sq_exec(b, "BEGIN IMMEDIATE") : ecSuccess;
	if (ec != ecSuccess)
		return ec;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, count);
	int rc = sqlite3_step(st);
	int64_t next = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	ec = rc == SQLITE_ROW ? ecSuccess : (rc == SQLITE_DONE ? ecCorruptData : sq_error(b, rc));
	if (ec == ecSuccess && (uint64_t)next - 1 > MAPI_GLOBCNT_MAX)
		ec = ecInsufficientResrc; /* 2^48 IDs used up */
	if (own)
		ec = ec == ecSuccess ? sq_exec(b, "COMMIT") : (sq_exec(b, "ROLLBACK"), ec);
	if (ec == ecSuccess)
		*first = (uint64_t)next - count;
	return ec;
}

uint32_t sq_new_id(struct sq_backend *b, enum ms_id_kind kind, uint64_t *counter)
{
	return ms_ids_next(&b->base, kind, counter);
}

/* ---- values of the front, kept in the meta table under "ms." keys -----------------------------------------
 */

uint32_t sq_meta_get(struct ms_backend *be, const char *key, TALLOC_CTX *mem, struct mapi_binary *value)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st = sq_prepare(b, "SELECT value FROM meta WHERE key = 'ms.' || ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	uint32_t ec = rc == SQLITE_ROW ? ecSuccess : rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc);
	if (ec == ecSuccess) {
		int n = sqlite3_column_bytes(st, 0);
		value->len = (uint32_t)n;
		value->data = talloc_size(mem, (size_t)n + 1);
		if (value->data == NULL)
			ec = ecMAPIOOM;
		else if (n > 0)
			memcpy(value->data, sqlite3_column_blob(st, 0), (size_t)n);
	}
	sqlite3_reset(st);
	return ec;
}

uint32_t sq_meta_put(struct ms_backend *be, const char *key, const struct mapi_binary *value)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st = sq_prepare(b, "INSERT OR REPLACE INTO meta(key, value) VALUES ('ms.' || ?1, ?2)");
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, value->len ? (const void *)value->data : "", (int)value->len, SQLITE_STATIC);
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = sq_step_done(b, st);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

/* ---- named properties (MS-OXCPRPT 3.2.5.11 RopGetPropertyIdsFromNames, 3.2.5.12) ---------------------- */

/* PS_MAPI {00020328-0000-0000-C000-000000000046}: names in this set are tagged properties; the LID is the
 * property ID (MS-OXCPRPT 3.2.5.11). */
static const struct wc_guid ps_mapi = {0x00020328, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
#define SQ_NAMED_FIRST 0x8000
#define SQ_NAMED_LAST 0xFFFE /* 0x7FFF IDs */

static void guid_bytes(const struct wc_guid *g, uint8_t out[16])
{
	struct wc_writer w;
	wc_writer_init(&w, NULL, 16);
	wc_write_guid(&w, g);
	memcpy(out, w.data, 16);
	talloc_free(w.data);
}

uint32_t sq_named_get_id(struct ms_backend *be, const struct mapi_propname *name, bool create,
                         uint16_t *propid)
{
	struct sq_backend *b = sq_be(be);
	if (name->kind != MNID_ID && name->kind != MNID_STRING)
		return ecInvalidParam;
	if (name->kind == MNID_STRING && (name->name == NULL || *name->name == '\0'))
		return ecInvalidParam;
	if (name->kind == MNID_ID && wc_guid_equal(&name->guid, &ps_mapi)) {
		if (name->lid >= SQ_NAMED_FIRST || name->lid == 0)
			return ecNotFound;
		*propid = (uint16_t)name->lid;
		return ecSuccess;
	}
	uint8_t g[16];
	guid_bytes(&name->guid, g);
	const char *str = name->kind == MNID_STRING ? name->name : "";
	int64_t lid = name->kind == MNID_ID ? name->lid : 0;
	sqlite3_stmt *st =
	        sq_prepare(b, "SELECT propid FROM namedprops WHERE guid = ?1 AND kind = ?2 AND lid = ?3"
	                      " AND name = ?4");
	if (st == NULL)
		return ecError;
	sqlite3_bind_blob(st, 1, g, 16, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, name->kind);
	sqlite3_bind_int64(st, 3, lid);
	sqlite3_bind_text(st, 4, str, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*propid = (uint16_t)sqlite3_column_int(st, 0);
		sqlite3_reset(st);
		return ecSuccess;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_error(b, rc);
	if (!create)
		return ecNotFound;
	uint32_t ec = sq_begin(b);
	if (ec != ecSuccess)
		return ec;
	st = sq_prepare(b,
	                "INSERT INTO namedprops(propid, guid, kind, lid, name) SELECT"
	                " coalesce(max(propid) + 1, 32768), ?1, ?2, ?3, ?4 FROM namedprops RETURNING propid");
	if (st == NULL) {
		sq_rollback(b);
		return ecError;
	}
	sqlite3_bind_blob(st, 1, g, 16, SQLITE_STATIC);
	sqlite3_bind_int(st, 2, name->kind);
	sqlite3_bind_int64(st, 3, lid);
	sqlite3_bind_text(st, 4, str, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	int64_t id = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_reset(st);
	if (rc != SQLITE_ROW)
		ec = sq_error(b, rc);
	else if (id > SQ_NAMED_LAST)
		ec = ecNPQuotaExceeded; /* MS-OXCDATA 2.4: the mailbox has no named property IDs left */
	if (ec != ecSuccess) {
		sq_rollback(b);
		return ec;
	}
	ec = sq_commit(b, true);
	if (ec == ecSuccess)
		*propid = (uint16_t)id;
	return ec;
}

/* A namedprops row (guid, kind, lid, name from column col on) into *name, on mem */
static uint32_t named_row(sqlite3_stmt *st, int col, TALLOC_CTX *mem, struct mapi_propname *name)
{
	struct wc_reader r;
	wc_reader_init(&r, sqlite3_column_blob(st, col), (size_t)sqlite3_column_bytes(st, col));
	name->kind = (uint8_t)sqlite3_column_int(st, col + 1);
	name->lid = (uint32_t)sqlite3_column_int64(st, col + 2);
	name->name = NULL;
	if (!wc_read_guid(&r, &name->guid))
		return ecCorruptData;
	if (name->kind == MNID_STRING &&
	    (name->name = talloc_strdup(mem, (const char *)sqlite3_column_text(st, col + 3))) == NULL)
		return ecMAPIOOM;
	return ecSuccess;
}

uint32_t sq_named_get_name(struct ms_backend *be, uint16_t propid, TALLOC_CTX *mem,
                           struct mapi_propname *name)
{
	struct sq_backend *b = sq_be(be);
	if (propid < SQ_NAMED_FIRST) {
		/* a tagged property: its PS_MAPI name (MS-OXCPRPT 3.2.5.12) */
		*name = (struct mapi_propname){.kind = MNID_ID, .guid = ps_mapi, .lid = propid};
		return ecSuccess;
	}
	sqlite3_stmt *st = sq_prepare(b, "SELECT guid, kind, lid, name FROM namedprops WHERE propid = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int(st, 1, propid);
	int rc = sqlite3_step(st);
	uint32_t ec = rc == SQLITE_ROW ? ecSuccess : (rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc));
	if (ec == ecSuccess)
		ec = named_row(st, 0, mem, name);
	sqlite3_reset(st);
	return ec;
}

uint32_t sq_named_list(struct ms_backend *be, TALLOC_CTX *mem, uint16_t **propids,
                       struct mapi_propname **names, uint32_t *count)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st =
	        sq_prepare(b, "SELECT propid, guid, kind, lid, name FROM namedprops ORDER BY propid");
	if (st == NULL)
		return ecError;
	uint16_t *ids = NULL;
	struct mapi_propname *pn = NULL;
	uint32_t n = 0, ec = ecSuccess;
	int rc;
	while (ec == ecSuccess && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		/* at most 0x7FFF rows: grow one by one is fine */
		ids = talloc_realloc(mem, ids, uint16_t, n + 1);
		pn = talloc_realloc(mem, pn, struct mapi_propname, n + 1);
		if (ids == NULL || pn == NULL) {
			ec = ecMAPIOOM;
			break;
		}
		ids[n] = (uint16_t)sqlite3_column_int(st, 0);
		ec = named_row(st, 1, pn, &pn[n]);
		n++;
	}
	if (ec == ecSuccess && rc != SQLITE_DONE)
		ec = sq_error(b, rc);
	sqlite3_reset(st);
	if (ec != ecSuccess) {
		talloc_free(ids);
		talloc_free(pn);
		return ec;
	}
	*propids = ids;
	*names = pn;
	*count = n;
	return ecSuccess;
}

/* ---- receive folders (MS-OXCSTOR 3.2.5.2 RopGetReceiveFolder, 3.2.5.3 RopSetReceiveFolder) ------------ */

uint32_t sq_receive_folder_set(struct ms_backend *be, const char *message_class, uint64_t fid)
{
	struct sq_backend *b = sq_be(be);
	if (message_class == NULL || strlen(message_class) > 255)
		return ecInvalidParam;
	sqlite3_stmt *st;
	if (fid == 0) {
		if (*message_class == '\0')
			return ecError; /* 3.2.5.3: the default receive folder cannot be removed */
		st = sq_prepare(b, "DELETE FROM receive_folders WHERE message_class = ?1");
	} else {
		st = sq_prepare(
		        b, "INSERT OR REPLACE INTO receive_folders(message_class, fid, modification_time)"
		           " VALUES (?1, ?2, ?3)");
	}
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, message_class, -1, SQLITE_STATIC);
	if (fid != 0) {
		sqlite3_bind_int64(st, 2, (int64_t)fid);
		sqlite3_bind_int64(st, 3, (int64_t)wc_filetime_now());
	}
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = sq_step_done(b, st);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

uint32_t sq_receive_folder_get(struct ms_backend *be, const char *message_class, TALLOC_CTX *mem,
                               uint64_t *fid, char **explicit_class)
{
	struct sq_backend *b = sq_be(be);
	/* the longest entry that equals the class or is a prefix of it ending at a '.' (3.2.5.2) */
	sqlite3_stmt *st =
	        sq_prepare(b, "SELECT fid, message_class FROM receive_folders WHERE message_class = ''"
	                      " OR ?1 = message_class OR ?1 LIKE replace(replace(message_class, '%', '\\%'),"
	                      " '_', '\\_') || '.%' ESCAPE '\\' ORDER BY length(message_class) DESC LIMIT 1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_text(st, 1, message_class ? message_class : "", -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	uint32_t ec = rc == SQLITE_ROW ? ecSuccess : (rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc));
	if (ec == ecSuccess) {
		*fid = (uint64_t)sqlite3_column_int64(st, 0);
		if (explicit_class != NULL &&
		    (*explicit_class = talloc_strdup(mem, (const char *)sqlite3_column_text(st, 1))) == NULL)
			ec = ecMAPIOOM;
	}
	sqlite3_reset(st);
	return ec;
}

uint32_t sq_receive_folder_table(struct ms_backend *be, TALLOC_CTX *mem, struct ms_receive_folder **rows,
                                 uint32_t *count)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st = sq_prepare(b, "SELECT fid, message_class, modification_time FROM receive_folders"
	                                 " ORDER BY message_class");
	if (st == NULL)
		return ecError;
	struct ms_receive_folder *out = talloc_array(mem, struct ms_receive_folder, 0);
	uint32_t n = 0;
	int rc;
	while (out != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		out = talloc_realloc(mem, out, struct ms_receive_folder, n + 1);
		if (out == NULL)
			break;
		out[n].fid = (uint64_t)sqlite3_column_int64(st, 0);
		out[n].message_class = talloc_strdup(out, (const char *)sqlite3_column_text(st, 1));
		out[n].last_modification_time = (uint64_t)sqlite3_column_int64(st, 2);
		n++;
	}
	sqlite3_reset(st);
	if (out == NULL)
		return ecMAPIOOM;
	*rows = out;
	*count = n;
	return ecSuccess;
}

/* ---- per-user data of public folders (MS-OXCSTOR 3.2.1, 3.2.5.10 - 3.2.5.13) --------------------------- */

uint32_t sq_per_user_set(struct ms_backend *be, const struct ms_per_user *row)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st =
	        sq_prepare(b, "INSERT OR REPLACE INTO per_user(folder, replguid, data, modification_time)"
	                      " VALUES (?1, ?2, ?3, ?4)");
	if (st == NULL)
		return ecError;
	uint8_t g[16];
	guid_bytes(&row->replguid, g);
	sqlite3_bind_blob(st, 1, row->folder, MAPI_LONG_TERM_ID_SIZE, SQLITE_STATIC);
	sqlite3_bind_blob(st, 2, g, sizeof g, SQLITE_STATIC);
	sqlite3_bind_blob(st, 3, row->len ? (const void *)row->data : "", (int)row->len, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (int64_t)wc_filetime_now());
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = sq_step_done(b, st);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

/* One per_user row from st's columns folder, replguid, modification_time and (when with_data) data. */
static uint32_t per_user_row(sqlite3_stmt *st, TALLOC_CTX *mem, bool with_data, struct ms_per_user *row)
{
	*row = (struct ms_per_user){0};
	if (sqlite3_column_bytes(st, 0) != MAPI_LONG_TERM_ID_SIZE || sqlite3_column_bytes(st, 1) != 16)
		return ecCorruptData;
	memcpy(row->folder, sqlite3_column_blob(st, 0), MAPI_LONG_TERM_ID_SIZE);
	struct wc_reader r;
	wc_reader_init(&r, sqlite3_column_blob(st, 1), 16);
	wc_read_guid(&r, &row->replguid);
	row->modification_time = (uint64_t)sqlite3_column_int64(st, 2);
	if (!with_data)
		return ecSuccess;
	row->len = (uint32_t)sqlite3_column_bytes(st, 3);
	row->data = talloc_memdup(mem, row->len ? sqlite3_column_blob(st, 3) : "", row->len ? row->len : 1);
	return row->data ? ecSuccess : ecMAPIOOM;
}

uint32_t sq_per_user_get(struct ms_backend *be, const uint8_t *folder, TALLOC_CTX *mem,
                         struct ms_per_user *row)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st = sq_prepare(
	        b, "SELECT folder, replguid, modification_time, data FROM per_user WHERE folder = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_blob(st, 1, folder, MAPI_LONG_TERM_ID_SIZE, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	uint32_t ec = rc == SQLITE_ROW ? per_user_row(st, mem, true, row)
	                               : (rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc));
	sqlite3_reset(st);
	return ec;
}

uint32_t sq_per_user_folders(struct ms_backend *be, const struct wc_guid *replguid, TALLOC_CTX *mem,
                             struct ms_per_user **rows, uint32_t *count)
{
	struct sq_backend *b = sq_be(be);
	sqlite3_stmt *st = sq_prepare(b, "SELECT folder, replguid, modification_time FROM per_user"
	                                 " WHERE replguid = ?1 ORDER BY folder");
	if (st == NULL)
		return ecError;
	uint8_t g[16];
	guid_bytes(replguid, g);
	sqlite3_bind_blob(st, 1, g, sizeof g, SQLITE_STATIC);
	struct ms_per_user *out = talloc_array(mem, struct ms_per_user, 0);
	uint32_t n = 0, ec = out ? ecSuccess : ecMAPIOOM;
	int rc = SQLITE_DONE;
	while (ec == ecSuccess && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct ms_per_user *more = talloc_realloc(mem, out, struct ms_per_user, n + 1);
		if (more == NULL)
			ec = ecMAPIOOM;
		else if ((ec = per_user_row(st, more, false, &more[n])) == ecSuccess)
			n++;
		out = more ? more : out;
	}
	if (ec == ecSuccess && rc != SQLITE_DONE)
		ec = sq_error(b, rc);
	sqlite3_reset(st);
	if (ec != ecSuccess) {
		talloc_free(out);
		return ec;
	}
	*rows = out;
	*count = n;
	return ecSuccess;
}
