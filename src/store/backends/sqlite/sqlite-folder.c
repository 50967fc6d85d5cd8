/* SQLite backend: folders (MS-OXCFOLD) — open, create, delete, move, copy, empty, counts, properties. */
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_time.h"
#include "mapi/mapi_proptags.h"
#include "store/backends/sqlite/sqlite-private.h"

struct sq_folder_row {
	int64_t parent, cn, ctime, mtime;
	uint8_t type;
	bool deleted;
};

static uint32_t folder_row(struct sq_backend *b, int64_t counter, struct sq_folder_row *row, TALLOC_CTX *mem,
                           struct sq_bag **bag)
{
	sqlite3_stmt *st = sq_prepare(
	        b, "SELECT parent_fid, folder_type, deleted, change_number, creation_time,"
	           " modification_time, display_name, container_class FROM folders WHERE fid = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, counter);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc);
	}
	row->parent = sqlite3_column_int64(st, 0);
	row->type = (uint8_t)sqlite3_column_int(st, 1);
	row->deleted = sqlite3_column_int(st, 2) != 0;
	row->cn = sqlite3_column_int64(st, 3);
	row->ctime = sqlite3_column_int64(st, 4);
	row->mtime = sqlite3_column_int64(st, 5);
	uint32_t ec = ecSuccess;
	if (bag != NULL) {
		*bag = sq_bag_new(mem);
		struct mapi_propval pv = {.tag = PidTagDisplayName};
		pv.value.str = (char *)sqlite3_column_text(st, 6);
		ec = *bag ? sq_bag_put_value(*bag, &pv) : ecMAPIOOM;
		if (ec == ecSuccess && sqlite3_column_type(st, 7) != SQLITE_NULL) {
			pv = (struct mapi_propval){.tag = PidTagContainerClass};
			pv.value.str = (char *)sqlite3_column_text(st, 7);
			ec = sq_bag_put_value(*bag, &pv);
		}
	}
	sqlite3_reset(st);
	if (ec == ecSuccess && bag != NULL)
		ec = sq_props_load(b, SQ_KIND_FOLDER, counter, *bag);
	return ec;
}

struct sq_folder_obj {
	struct sq_folder f;
	struct sq_folder_row row;
};

static uint32_t folder_reload(struct sq_folder_obj *fo)
{
	struct sq_backend *b = sq_be(fo->f.base.obj.be);
	talloc_free(fo->f.bag);
	fo->f.bag = NULL;
	return folder_row(b, fo->f.counter, &fo->row, fo, &fo->f.bag);
}

static uint32_t folder_new_object(struct sq_backend *b, int64_t counter, TALLOC_CTX *mem,
                                  struct ms_folder **out)
{
	struct sq_folder_obj *fo = talloc_zero(mem, struct sq_folder_obj);
	if (fo == NULL)
		return ecMAPIOOM;
	fo->f.base.obj = (struct ms_object){.mb = b->base.mb, .be = &b->base, .kind = MS_OBJ_FOLDER};
	fo->f.base.fid = mapi_fid_make(b->base.mb->info.replid, (uint64_t)counter);
	fo->f.counter = counter;
	uint32_t ec = folder_reload(fo);
	if (ec != ecSuccess) {
		talloc_free(fo);
		return ec;
	}
	fo->f.folder_type = fo->row.type;
	*out = &fo->f.base;
	return ecSuccess;
}

uint32_t sq_folder_open(struct ms_backend *be, uint64_t fid, TALLOC_CTX *mem, struct ms_folder **out)
{
	return folder_new_object(sq_be(be), (int64_t)mapi_fid_globcnt(fid), mem, out);
}

static uint32_t folder_insert(struct sq_backend *b, int64_t counter, int64_t parent, uint8_t type,
                              const char *name)
{
	uint64_t cn;
	uint32_t ec = sq_new_id(b, MS_IDS_CHANGE, &cn);
	sqlite3_stmt *st = sq_prepare(b, "INSERT INTO folders(fid, parent_fid, folder_type, display_name,"
	                                 " change_number, creation_time, modification_time)"
	                                 " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)");
	if (ec != ecSuccess || st == NULL)
		return ec != ecSuccess ? ec : ecError;
	sqlite3_bind_int64(st, 1, counter);
	if (parent != 0)
		sqlite3_bind_int64(st, 2, parent);
	sqlite3_bind_int(st, 3, type);
	sqlite3_bind_text(st, 4, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, (int64_t)cn);
	sqlite3_bind_int64(st, 6, (int64_t)wc_filetime_now());
	return sq_step_done(b, st);
}

uint32_t sq_folder_mount(struct ms_backend *be, uint64_t fid, const char *name)
{
	struct sq_backend *b = sq_be(be);
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = folder_insert(b, (int64_t)mapi_fid_globcnt(fid), 0, MS_FOLDER_GENERIC, name);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

static uint32_t child_by_name(struct sq_backend *b, int64_t parent, const char *name, int64_t *counter)
{
	sqlite3_stmt *st = sq_prepare(b, "SELECT fid FROM folders WHERE parent_fid = ?1 AND display_name = ?2"
	                                 " AND deleted = 0");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, parent);
	sqlite3_bind_text(st, 2, name, -1, SQLITE_STATIC);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*counter = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ecSuccess : rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc);
}

uint32_t sq_folder_create(struct ms_folder *parent, uint8_t type, const char *name, const char *comment,
                          bool open_existing, struct ms_folder **out, bool *existed)
{
	struct sq_backend *b = sq_be(parent->obj.be);
	struct sq_folder_obj *p = (struct sq_folder_obj *)parent;
	if (p->row.deleted)
		return ecNotFound; /* 3.2.5.2: a soft-deleted folder */
	int64_t counter = 0;
	uint32_t ec = child_by_name(b, p->f.counter, name, &counter);
	if (existed != NULL)
		*existed = ec == ecSuccess;
	if (ec == ecSuccess)
		return open_existing ? folder_new_object(b, counter, parent, out) : ecDuplicateName;
	if (ec != ecNotFound)
		return ec;
	uint64_t c;
	ec = sq_new_id(b, MS_IDS_OBJECT, &c);
	if (ec == ecSuccess)
		ec = sq_begin(b);
	if (ec != ecSuccess)
		return ec;
	ec = folder_insert(b, (int64_t)c, p->f.counter, type, name);
	if (ec == ecSuccess && comment != NULL && *comment != '\0') {
		struct sq_bag *bag = sq_bag_new(NULL);
		struct mapi_propval pv = {.tag = PidTagComment, .value.str = (char *)comment};
		ec = bag ? sq_bag_put_value(bag, &pv) : ecMAPIOOM;
		if (ec == ecSuccess)
			ec = sq_props_store(b, SQ_KIND_FOLDER, (int64_t)c, bag, true);
		talloc_free(bag);
	}
	ec = ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
	return ec == ecSuccess ? folder_new_object(b, (int64_t)c, parent, out) : ec;
}

static int64_t count_of(struct sq_backend *b, const char *sql, int64_t counter)
{
	sqlite3_stmt *st = sq_prepare(b, sql);
	if (st == NULL)
		return -1;
	sqlite3_bind_int64(st, 1, counter);
	int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_reset(st);
	return n;
}

/* The folder and every folder below it, deepest first is not needed: rows are removed by set. */
/* Is ?1 a folder directly below ?2? */
static const char child_sql[] = "SELECT 1 FROM folders WHERE fid = ?1 AND parent_fid = ?2";

static const char subtree_sql[] = "WITH RECURSIVE t(fid) AS (SELECT ?1 UNION ALL SELECT f.fid FROM folders f"
                                  " JOIN t ON f.parent_fid = t.fid) ";

/* Removes the messages a query (one parameter, ?1 = arg; constant SQL unless cached is false) selects. */
static uint32_t remove_messages_where(struct sq_backend *b, const char *sql, bool cached, int64_t arg)
{
	sqlite3_stmt *st = NULL;
	if (cached)
		st = sq_prepare(b, sql);
	else if (sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK)
		st = NULL;
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, arg);
	int64_t *ids = NULL;
	uint32_t n = 0;
	uint32_t ec = sq_collect_ids(b, st, NULL, &ids, &n);
	if (!cached)
		sqlite3_finalize(st);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		ec = sq_message_remove(b, ids[i]);
	talloc_free(ids);
	return ec;
}

static uint32_t subtree_remove(struct sq_backend *b, int64_t counter)
{
	char *sql = talloc_asprintf(NULL, "%sSELECT mid FROM messages WHERE fid IN (SELECT fid FROM t)",
	                            subtree_sql);
	uint32_t ec = sql ? remove_messages_where(b, sql, false, counter) : ecMAPIOOM;
	talloc_free(sql);
	if (ec != ecSuccess)
		return ec;
	static const char *const steps[] = {
	        "UPDATE blobs SET refs = refs - 1 WHERE bid IN (SELECT bid FROM props WHERE kind = 1 AND oid "
	        "IN t)",
	        ("DELETE FROM chunks WHERE bid IN (SELECT bid FROM blobs WHERE refs <= 0 AND bid IN (SELECT "
	         "bid FROM "
	         "props WHERE kind = 1 AND oid IN t))"),
	        ("DELETE FROM blobs WHERE refs <= 0 AND bid IN (SELECT bid FROM props WHERE kind = 1 AND oid "
	         "IN "
	         "t)"),
	        "DELETE FROM props WHERE kind = 1 AND oid IN t",
	        "DELETE FROM mvprops WHERE kind = 1 AND oid IN t",
	        "DELETE FROM folders WHERE fid IN t",
	};
	for (size_t i = 0; ec == ecSuccess && i < sizeof steps / sizeof steps[0]; i++) {
		sql = talloc_asprintf(NULL, "%s%s", subtree_sql, steps[i]);
		sqlite3_stmt *st;
		if (sql == NULL || sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) != SQLITE_OK) {
			talloc_free(sql);
			return ecError;
		}
		sqlite3_bind_int64(st, 1, counter);
		ec = sq_step_done(b, st);
		sqlite3_finalize(st);
		talloc_free(sql);
	}
	return ec;
}

uint32_t sq_folder_delete(struct ms_folder *parent, uint64_t fid, uint8_t flags, bool *partial)
{
	struct sq_backend *b = sq_be(parent->obj.be);
	struct sq_folder_obj *p = (struct sq_folder_obj *)parent;
	int64_t counter = (int64_t)mapi_fid_globcnt(fid);
	if (!sq_exists(b, child_sql, counter, p->f.counter))
		return ecNotFound;
	int64_t msgs = count_of(b, "SELECT count(*) FROM messages WHERE fid = ?1 AND deleted = 0", counter);
	int64_t subs =
	        count_of(b, "SELECT count(*) FROM folders WHERE parent_fid = ?1 AND deleted = 0", counter);
	if (msgs < 0 || subs < 0)
		return ecError;
	if ((msgs > 0 && !(flags & MS_DEL_MESSAGES)) || (subs > 0 && !(flags & MS_DEL_FOLDERS))) {
		*partial = true; /* 3.2.5.3: nothing is deleted, success with PartialCompletion */
		return ecSuccess;
	}
	uint32_t ec = sq_begin(b);
	if (ec != ecSuccess)
		return ec;
	if (flags & MS_DELETE_HARD_DELETE) {
		ec = subtree_remove(b, counter);
	} else {
		sqlite3_stmt *st = sq_prepare(b, "UPDATE folders SET deleted = 1 WHERE fid = ?1");
		if (st == NULL)
			ec = ecError;
		else {
			sqlite3_bind_int64(st, 1, counter);
			ec = sq_step_done(b, st);
		}
	}
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

static bool is_below(struct sq_backend *b, int64_t candidate, int64_t ancestor)
{
	char *sql = talloc_asprintf(NULL, "%sSELECT 1 FROM t WHERE fid = ?2", subtree_sql);
	sqlite3_stmt *st;
	bool yes = true; /* on failure refuse the move */
	if (sql != NULL && sqlite3_prepare_v2(b->db, sql, -1, &st, NULL) == SQLITE_OK) {
		sqlite3_bind_int64(st, 1, ancestor);
		sqlite3_bind_int64(st, 2, candidate);
		yes = sqlite3_step(st) == SQLITE_ROW;
		sqlite3_finalize(st);
	}
	talloc_free(sql);
	return yes;
}

static uint32_t folder_rename_under(struct sq_backend *b, int64_t counter, int64_t parent, const char *name)
{
	uint64_t cn;
	uint32_t ec = sq_new_id(b, MS_IDS_CHANGE, &cn);
	sqlite3_stmt *st =
	        sq_prepare(b, "UPDATE folders SET parent_fid = ?2, display_name = coalesce(?3,"
	                      " display_name), change_number = ?4, modification_time = ?5 WHERE fid = ?1");
	if (ec != ecSuccess || st == NULL)
		return ec != ecSuccess ? ec : ecError;
	sqlite3_bind_int64(st, 1, counter);
	sqlite3_bind_int64(st, 2, parent);
	if (name != NULL)
		sqlite3_bind_text(st, 3, name, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, (int64_t)cn);
	sqlite3_bind_int64(st, 5, (int64_t)wc_filetime_now());
	return sq_step_done(b, st);
}

uint32_t sq_folder_move(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name)
{
	struct sq_backend *b = sq_be(src_parent->obj.be);
	int64_t counter = (int64_t)mapi_fid_globcnt(fid);
	int64_t dst = ((struct sq_folder *)dst_parent)->counter;
	if (!sq_exists(b, child_sql, counter, ((struct sq_folder *)src_parent)->counter))
		return ecNotFound;
	if (is_below(b, dst, counter))
		return ecRootFolder; /* FolderCycle: a folder cannot move into itself or below */
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = folder_rename_under(b, counter, dst, new_name);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

/* Copies folder counter (row, properties, messages, and with recursive its subfolders) below parent. */
static uint32_t copy_tree(struct sq_backend *b, int64_t counter, int64_t parent, const char *name,
                          bool recursive, int64_t *new_counter)
{
	uint64_t c;
	struct sq_folder_row row;
	struct sq_bag *bag = NULL;
	uint32_t ec = sq_new_id(b, MS_IDS_OBJECT, &c);
	if (ec == ecSuccess)
		ec = folder_row(b, counter, &row, NULL, &bag);
	if (ec == ecSuccess) {
		const struct sq_prop *dn = sq_bag_find(bag, PROP_ID(PidTagDisplayName));
		ec = folder_insert(b, (int64_t)c, parent, row.type, name ? name : dn->pv.value.str);
	}
	const struct sq_prop *cc = ec == ecSuccess ? sq_bag_find(bag, PROP_ID(PidTagContainerClass)) : NULL;
	if (cc != NULL) {
		sqlite3_stmt *st = sq_prepare(b, "UPDATE folders SET container_class = ?2 WHERE fid = ?1");
		sqlite3_bind_int64(st, 1, (int64_t)c);
		sqlite3_bind_text(st, 2, cc->pv.value.str, -1, SQLITE_STATIC);
		ec = sq_step_done(b, st);
	}
	talloc_free(bag);
	if (ec == ecSuccess)
		ec = sq_props_copy(b, SQ_KIND_FOLDER, counter, (int64_t)c);
	/* messages, then subfolders: collect IDs first since copying runs other statements */
	for (int pass = 0; pass < 2 && ec == ecSuccess; pass++) {
		if (pass == 1 && !recursive)
			break;
		int64_t *ids;
		uint32_t n;
		ec = sq_ids_of(b,
		               pass == 0 ? "SELECT mid FROM messages WHERE fid = ?1 AND deleted = 0"
		                         : "SELECT fid FROM folders WHERE parent_fid = ?1 AND deleted = 0",
		               counter, NULL, &ids, &n);
		if (ec != ecSuccess)
			break;
		for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
			int64_t dummy;
			ec = pass == 0 ? sq_message_duplicate(b, ids[i], (int64_t)c, 0, &dummy)
			               : copy_tree(b, ids[i], (int64_t)c, NULL, true, &dummy);
		}
		talloc_free(ids);
	}
	if (ec == ecSuccess)
		*new_counter = (int64_t)c;
	return ec;
}

uint32_t sq_folder_copy(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name, bool recursive, uint64_t *new_fid)
{
	struct sq_backend *b = sq_be(src_parent->obj.be);
	int64_t counter = (int64_t)mapi_fid_globcnt(fid), dst = ((struct sq_folder *)dst_parent)->counter,
	        c = 0;
	if (!sq_exists(b, child_sql, counter, ((struct sq_folder *)src_parent)->counter))
		return ecNotFound;
	if (recursive && is_below(b, dst, counter))
		return ecRootFolder;
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = copy_tree(b, counter, dst, new_name, recursive, &c);
	ec = ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
	if (ec == ecSuccess && new_fid != NULL)
		*new_fid = mapi_fid_make(b->base.mb->info.replid, (uint64_t)c);
	return ec;
}

uint32_t sq_folder_empty(struct ms_folder *f, bool associated_too, bool hard, bool *partial)
{
	struct sq_backend *b = sq_be(f->obj.be);
	struct sq_folder_obj *fo = (struct sq_folder_obj *)f;
	if (fo->row.parent == 0 || fo->row.type == MS_FOLDER_SEARCH)
		return ecNotSupported; /* 3.2.5.9: the root and search folders are not emptied */
	uint32_t ec = sq_begin(b);
	if (ec != ecSuccess)
		return ec;
	if (hard) {
		ec = remove_messages_where(
		        b,
		        associated_too ? "SELECT mid FROM messages WHERE fid = ?1"
		                       : "SELECT mid FROM messages WHERE fid = ?1 AND associated = 0",
		        true, fo->f.counter);
		int64_t *ids = NULL;
		uint32_t n = 0;
		if (ec == ecSuccess)
			ec = sq_ids_of(b, "SELECT fid FROM folders WHERE parent_fid = ?1", fo->f.counter,
			               NULL, &ids, &n);
		for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
			ec = subtree_remove(b, ids[i]);
		talloc_free(ids);
	} else {
		sqlite3_stmt *st = sq_prepare(
		        b, "UPDATE messages SET deleted = 1 WHERE fid = ?1 AND (?2 OR associated = 0)");
		sqlite3_stmt *st2 = sq_prepare(b, "UPDATE folders SET deleted = 1 WHERE parent_fid = ?1");
		if (st == NULL || st2 == NULL)
			ec = ecError;
		if (ec == ecSuccess) {
			sqlite3_bind_int64(st, 1, fo->f.counter);
			sqlite3_bind_int(st, 2, associated_too);
			ec = sq_step_done(b, st);
		}
		if (ec == ecSuccess) {
			sqlite3_bind_int64(st2, 1, fo->f.counter);
			ec = sq_step_done(b, st2);
		}
	}
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

uint32_t sq_folder_counts_of(struct sq_backend *b, int64_t counter, struct ms_folder_counts *c)
{
	sqlite3_stmt *st = sq_prepare(
	        b, "SELECT"
	           " (SELECT count(*) FROM messages WHERE fid = ?1 AND associated = 0 AND deleted = 0),"
	           " (SELECT count(*) FROM messages WHERE fid = ?1 AND associated = 0 AND deleted = 0"
	           "  AND read = 0),"
	           " (SELECT count(*) FROM messages WHERE fid = ?1 AND associated = 1 AND deleted = 0),"
	           " (SELECT count(*) FROM folders WHERE parent_fid = ?1 AND deleted = 0),"
	           " (SELECT count(*) FROM messages WHERE fid = ?1 AND deleted = 1)");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, counter);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c->content = (uint32_t)sqlite3_column_int64(st, 0);
		c->unread = (uint32_t)sqlite3_column_int64(st, 1);
		c->associated = (uint32_t)sqlite3_column_int64(st, 2);
		c->child_folders = (uint32_t)sqlite3_column_int64(st, 3);
		c->deleted = (uint32_t)sqlite3_column_int64(st, 4);
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ecSuccess : sq_error(b, rc);
}

uint32_t sq_folder_get_counts(struct ms_folder *f, struct ms_folder_counts *counts)
{
	return sq_folder_counts_of(sq_be(f->obj.be), ((struct sq_folder *)f)->counter, counts);
}

/* ---- properties --------------------------------------------------------------------------------------- */

static uint32_t folder_state(struct ms_object *o, struct sq_bag **base, struct sq_bag **changes)
{
	/* folders have no transaction of their own (MS-OXCFOLD has no save): read what is stored now, which
	 * other objects and contexts may have changed */
	struct sq_folder_obj *fo = (struct sq_folder_obj *)o;
	uint32_t ec = folder_reload(fo);
	*base = fo->f.bag;
	*changes = NULL;
	return ec;
}

static bool folder_writable(struct ms_object *o)
{
	return true;
}

static const uint16_t folder_computed_ids[] = {
        PROP_ID(PidTagCreationTime),
        PROP_ID(PidTagContentCount),
        PROP_ID(PidTagContentUnreadCount),
        PROP_ID(PidTagAssociatedContentCount),
        PROP_ID(PR_FOLDER_CHILD_COUNT),
        PROP_ID(PidTagSubfolders),
        PROP_ID(PidTagDeletedCountTotal),
        PROP_ID(PidTagFolderType),
        0,
};

static bool folder_computed(struct ms_object *o, TALLOC_CTX *mem, uint16_t propid, struct mapi_propval *out)
{
	struct sq_folder_obj *fo = (struct sq_folder_obj *)o;
	const struct ms_mailbox *mb = o->mb;
	/* MS-OXCPRPT 2.2.1.1: Modify, Read, Delete, Create Hierarchy, Create Contents, Create Associated */
	const struct sq_identity id = {
	        .id = fo->f.base.fid,
	        .parent_fid = fo->row.parent ? mapi_fid_make(mb->info.replid, (uint64_t)fo->row.parent) : 0,
	        .cn = (uint64_t)fo->row.cn,
	        .mtime = fo->row.mtime,
	        .access = 0x3F,
	        .writable = true,
	};
	if (sq_identity_prop(mb, &id, mem, propid, out))
		return true;
	struct ms_folder_counts c;
	switch (propid) {
	case PROP_ID(PidTagCreationTime):
		*out = (struct mapi_propval){.tag = PidTagCreationTime,
		                             .value.time = (uint64_t)fo->row.ctime};
		return true;
	case PROP_ID(PidTagContentCount):
	case PROP_ID(PidTagContentUnreadCount):
	case PROP_ID(PidTagAssociatedContentCount):
	case PROP_ID(PR_FOLDER_CHILD_COUNT):
	case PROP_ID(PidTagSubfolders):
	case PROP_ID(PidTagDeletedCountTotal):
		if (sq_folder_counts_of(sq_be(o->be), fo->f.counter, &c) != ecSuccess)
			return false;
		out->tag = PROP_TAG(PT_LONG, propid);
		out->value.i32 = (int32_t)(propid == PROP_ID(PidTagContentCount)             ? c.content
		                           : propid == PROP_ID(PidTagContentUnreadCount)     ? c.unread
		                           : propid == PROP_ID(PidTagAssociatedContentCount) ? c.associated
		                           : propid == PROP_ID(PidTagDeletedCountTotal)      ? c.deleted
		                                                                        : c.child_folders);
		if (propid == PROP_ID(PidTagSubfolders))
			*out = (struct mapi_propval){.tag = PidTagSubfolders,
			                             .value.b = c.child_folders != 0};
		return true;
	case PROP_ID(PidTagFolderType):
		*out = (struct mapi_propval){.tag = PidTagFolderType, .value.i32 = fo->row.type};
		return true;
	}
	return false;
}

/* Splits a folder's changes: hot columns, then the rest as property rows; a new change number. */
static uint32_t folder_write(struct ms_object *o, const struct sq_bag *changes)
{
	struct sq_folder_obj *fo = (struct sq_folder_obj *)o;
	struct sq_backend *b = sq_be(o->be);
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_bag *rest = sq_bag_copy(tmp, changes);
	uint64_t cn;
	uint32_t ec = rest ? sq_new_id(b, MS_IDS_CHANGE, &cn) : ecMAPIOOM;
	if (ec == ecSuccess)
		ec = sq_begin(b);
	if (ec != ecSuccess) {
		talloc_free(tmp);
		return ec;
	}
	static const struct {
		uint32_t tag;
		const char *sql;
	} hot[] = {
	        {PidTagDisplayName, "UPDATE folders SET display_name = ?2 WHERE fid = ?1"},
	        {PidTagContainerClass, "UPDATE folders SET container_class = ?2 WHERE fid = ?1"},
	};
	for (size_t i = 0; ec == ecSuccess && i < sizeof hot / sizeof hot[0]; i++) {
		struct sq_prop *p = sq_bag_find(rest, PROP_ID(hot[i].tag));
		if (p == NULL)
			continue;
		if (PROP_TYPE(p->pv.tag) != PT_UNICODE && !p->deleted) {
			ec = ecPropBadValue;
			break;
		}
		if (p->deleted && hot[i].tag == PidTagDisplayName) {
			ec = ecAccessDenied; /* a folder always has a name */
			break;
		}
		sqlite3_stmt *st = sq_prepare(b, hot[i].sql);
		if (st == NULL) {
			ec = ecError;
			break;
		}
		sqlite3_bind_int64(st, 1, fo->f.counter);
		if (!p->deleted)
			sqlite3_bind_text(st, 2, p->pv.value.str, -1, SQLITE_TRANSIENT);
		ec = sq_step_done(b, st);
		*p = rest->props[--rest->count];
	}
	if (ec == ecSuccess)
		ec = sq_props_store(b, SQ_KIND_FOLDER, fo->f.counter, rest, false);
	sqlite3_stmt *st =
	        sq_prepare(b, "UPDATE folders SET change_number = ?2, modification_time = ?3 WHERE fid = ?1");
	if (ec == ecSuccess && st != NULL) {
		sqlite3_bind_int64(st, 1, fo->f.counter);
		sqlite3_bind_int64(st, 2, (int64_t)cn);
		sqlite3_bind_int64(st, 3, (int64_t)wc_filetime_now());
		ec = sq_step_done(b, st);
	}
	talloc_free(tmp);
	ec = ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
	uint32_t ec2 = folder_reload(fo);
	return ec != ecSuccess ? ec : ec2;
}

static const uint32_t folder_typed_tags[] = {PidTagDisplayName, PidTagContainerClass, 0};

const struct sq_object_ops sq_folder_object_ops = {
        .state = folder_state,
        .computed = folder_computed,
        .computed_ids = folder_computed_ids,
        .identity = true,
        .typed_tags = folder_typed_tags,
        .write = folder_write,
        .writable = folder_writable,
};
