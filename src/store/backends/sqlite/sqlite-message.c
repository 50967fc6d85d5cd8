/* SQLite backend: messages (MS-OXCMSG) — create, open, save with conflict detection, read flags, delete,
 * move and copy, and their computed properties. */
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_time.h"
#include "mapi/mapi_proptags.h"
#include "store/backends/sqlite/sqlite-private.h"

/* Properties kept as indexed columns of the messages table (DESIGN.md §4: hot properties). */
static const struct {
	uint32_t tag;
	const char *column;
} hot[] = {
        {PidTagMessageClass, "message_class"}, {PidTagSubject, "subject"},
        {PidTagSenderName, "sender_name"},     {PidTagMessageDeliveryTime, "delivery_time"},
        {PidTagCreationTime, "creation_time"}, {PidTagMessageStatus, "status"},
};
#define NHOT (sizeof hot / sizeof hot[0])

uint32_t sq_msgstate_load(struct sq_backend *b, TALLOC_CTX *mem, int64_t counter, struct sq_msgstate **out)
{
	sqlite3_stmt *st =
	        sq_prepare(b, "SELECT fid, parent_aid, associated, read, flags, change_number,"
	                      " modification_time, size, message_class, subject, sender_name, delivery_time,"
	                      " creation_time, status, deleted FROM messages WHERE mid = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, counter);
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_reset(st);
		return rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc);
	}
	struct sq_msgstate *s = talloc_zero(mem, struct sq_msgstate);
	uint32_t ec = s ? ecSuccess : ecMAPIOOM;
	if (s != NULL) {
		s->counter = counter;
		s->stored = true;
		s->fid_counter = sqlite3_column_int64(st, 0);
		s->parent_aid = sqlite3_column_int64(st, 1);
		s->associated = sqlite3_column_int(st, 2) != 0;
		s->read = sqlite3_column_int(st, 3) != 0;
		s->flags = (uint32_t)sqlite3_column_int64(st, 4);
		s->cn = sqlite3_column_int64(st, 5);
		s->mtime = sqlite3_column_int64(st, 6);
		s->size = sqlite3_column_int64(st, 7);
		s->base = sq_bag_new(s);
		s->changes = sq_bag_new(s);
		if (s->base == NULL || s->changes == NULL)
			ec = ecMAPIOOM;
	}
	for (size_t i = 0; ec == ecSuccess && i < NHOT; i++) {
		if (sqlite3_column_type(st, 8 + (int)i) == SQLITE_NULL)
			continue;
		struct mapi_propval pv = {.tag = hot[i].tag};
		ec = sq_column_value(st, 8 + (int)i, PROP_TYPE(hot[i].tag), s, &pv.value);
		if (ec == ecSuccess)
			ec = sq_bag_put_value(s->base, &pv);
	}
	bool deleted = rc == SQLITE_ROW && sqlite3_column_int(st, 14) != 0;
	sqlite3_reset(st);
	if (ec == ecSuccess)
		ec = sq_props_load(b, SQ_KIND_MESSAGE, counter, s->base);
	if (ec == ecSuccess && deleted)
		ec = ecNotFound; /* soft-deleted messages are not opened */
	if (ec != ecSuccess) {
		talloc_free(s);
		return ec;
	}
	*out = s;
	return ecSuccess;
}

static struct sq_message *message_object(struct sq_backend *b, TALLOC_CTX *mem, struct sq_msgstate *st,
                                         uint64_t fid)
{
	struct sq_message *m = talloc_zero(mem, struct sq_message);
	if (m == NULL)
		return NULL;
	m->base.obj = (struct ms_object){.mb = b->base.mb, .be = &b->base, .kind = MS_OBJ_MESSAGE};
	m->base.fid = fid;
	m->base.mid = mapi_fid_make(b->base.mb->info.replid, (uint64_t)st->counter);
	m->st = talloc_steal(m, st);
	m->change_number = st->cn;
	m->fid_counter = (int64_t)mapi_fid_globcnt(fid);
	return m;
}

uint32_t sq_message_create(struct ms_folder *f, bool associated, struct ms_message **out)
{
	struct sq_backend *b = sq_be(f->obj.be);
	struct sq_folder *sf = (struct sq_folder *)f;
	if (sf->folder_type == MS_FOLDER_SEARCH)
		return ecNotSupported;
	uint64_t c;
	uint32_t ec = sq_new_id(b, MS_IDS_OBJECT, &c);
	if (ec != ecSuccess)
		return ec;
	struct sq_msgstate *st = talloc_zero(NULL, struct sq_msgstate);
	if (st == NULL || (st->base = sq_bag_new(st)) == NULL || (st->changes = sq_bag_new(st)) == NULL) {
		talloc_free(st);
		return ecMAPIOOM;
	}
	st->counter = (int64_t)c;
	st->associated = associated;
	st->fid_counter = sf->counter;
	st->recipients_loaded = st->attachments_loaded = true;
	st->flags = MS_MSGFLAG_UNMODIFIED; /* MS-OXCMSG 2.2.1.6: mfUnmodified until the client changes it */
	st->read = true;                   /* a message the user creates is read (mfRead) */
	struct sq_message *m = message_object(b, f, st, f->fid);
	if (m == NULL) {
		talloc_free(st);
		return ecMAPIOOM;
	}
	m->writable = true;
	*out = &m->base;
	return ecSuccess;
}

uint32_t sq_message_open(struct ms_folder *f, uint64_t mid, uint8_t mode, struct ms_message **out)
{
	struct sq_backend *b = sq_be(f->obj.be);
	struct sq_msgstate *st;
	if (mapi_fid_replid(mid) != f->obj.mb->info.replid)
		return ecNotFound;
	uint32_t ec = sq_msgstate_load(b, NULL, (int64_t)mapi_fid_globcnt(mid), &st);
	if (ec != ecSuccess)
		return ec;
	if (st->fid_counter != ((struct sq_folder *)f)->counter) {
		talloc_free(st);
		return ecNotFound;
	}
	struct sq_message *m = message_object(b, f, st, f->fid);
	if (m == NULL) {
		talloc_free(st);
		return ecMAPIOOM;
	}
	m->writable =
	        (mode & MS_OPEN_READWRITE) != 0; /* BestAccess (0x03) includes read/write for the owner */
	*out = &m->base;
	return ecSuccess;
}

/* The hot columns of the effective state, bound as ?first.. in hot[] order. */
static uint32_t bind_hot(sqlite3_stmt *stmt, int first, const struct sq_msgstate *st)
{
	for (size_t i = 0; i < NHOT; i++) {
		const struct sq_prop *p = sq_bag_lookup(st->base, st->changes, PROP_ID(hot[i].tag));
		if (p == NULL)
			continue;
		if (PROP_TYPE(p->pv.tag) != PROP_TYPE(hot[i].tag) || p->bid != 0)
			return ecPropBadValue;
		if (sq_bind_value(stmt, first + (int)i, PROP_TYPE(hot[i].tag), &p->pv.value) != SQLITE_OK)
			return ecPropBadValue;
	}
	return ecSuccess;
}

/* PidTagMessageFlags a client may set (MS-OXCMSG 2.2.1.6) go to the columns: read apart, the rest as flags.
 */
static void take_flags(struct sq_msgstate *st)
{
	const struct sq_prop *p = sq_bag_find(st->changes, PROP_ID(PidTagMessageFlags));
	if (p == NULL || p->deleted || PROP_TYPE(p->pv.tag) != PT_LONG)
		return;
	uint32_t v = (uint32_t)p->pv.value.i32;
	st->read = (v & MS_MSGFLAG_READ) != 0;
	st->flags = v & ~(uint32_t)(MS_MSGFLAG_READ | MS_MSGFLAG_HASATTACH | MS_MSGFLAG_ASSOCIATED);
	st->flags_dirty = true;
}

uint32_t sq_msgstate_store(struct sq_backend *b, struct sq_msgstate *st, int64_t cn)
{
	bool fresh = !st->stored; /* no property rows to replace */
	take_flags(st);
	st->flags &= ~(uint32_t)MS_MSGFLAG_UNMODIFIED;
	int64_t now = (int64_t)wc_filetime_now();
	sqlite3_stmt *s = sq_prepare(
	        b, "INSERT INTO messages(mid, fid, parent_aid, associated, read, flags,"
	           " change_number, modification_time, message_class, subject, sender_name,"
	           " delivery_time, creation_time, status) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8,"
	           " ?9, ?10, ?11, ?12, coalesce(?13, ?8), coalesce(?14, 0))"
	           /* read state and status change apart from saves (RopSetReadFlags,
	            * RopSetMessageStatus): a save only writes them when this object changed them */
	           " ON CONFLICT(mid) DO UPDATE SET read = CASE WHEN ?15 THEN ?5 ELSE read END,"
	           " flags = CASE WHEN ?15 THEN ?6 ELSE flags END, change_number = ?7,"
	           " modification_time = ?8, message_class = ?9, subject = ?10, sender_name = ?11,"
	           " delivery_time = ?12, creation_time = coalesce(?13, creation_time),"
	           " status = CASE WHEN ?16 THEN coalesce(?14, 0) ELSE status END");
	if (s == NULL)
		return ecError;
	sqlite3_bind_int64(s, 1, st->counter);
	if (st->fid_counter != 0)
		sqlite3_bind_int64(s, 2, st->fid_counter);
	if (st->parent_aid != 0)
		sqlite3_bind_int64(s, 3, st->parent_aid);
	sqlite3_bind_int(s, 4, st->associated);
	sqlite3_bind_int(s, 5, st->read);
	sqlite3_bind_int64(s, 6, st->flags);
	sqlite3_bind_int64(s, 7, cn);
	sqlite3_bind_int64(s, 8, now);
	sqlite3_bind_int(s, 15, st->flags_dirty);
	sqlite3_bind_int(s, 16, sq_bag_find(st->changes, PROP_ID(PidTagMessageStatus)) != NULL);
	uint32_t ec = bind_hot(s, 9, st);
	if (ec == ecSuccess)
		ec = sq_step_done(b, s);
	/* the rest of the changes are property rows */
	struct sq_bag *rest = ec == ecSuccess ? sq_bag_copy(NULL, st->changes) : NULL;
	if (ec == ecSuccess && rest == NULL)
		ec = ecMAPIOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < rest->count;) {
		uint16_t id = PROP_ID(rest->props[i].pv.tag);
		bool skip = id == PROP_ID(PidTagMessageFlags);
		for (size_t h = 0; h < NHOT && !skip; h++)
			skip = id == PROP_ID(hot[h].tag);
		if (skip)
			rest->props[i] = rest->props[--rest->count];
		else
			i++;
	}
	if (ec == ecSuccess)
		ec = sq_props_store(b, SQ_KIND_MESSAGE, st->counter, rest, fresh);
	talloc_free(rest);
	if (ec == ecSuccess)
		ec = sq_children_store(b, st, st->counter);
	s = sq_prepare(
	        b,
	        "UPDATE messages SET flags = CASE WHEN EXISTS(SELECT 1 FROM attachments WHERE mid = ?1)"
	        " THEN flags | 16 ELSE flags & ~16 END, size = coalesce(length(subject), 0) +"
	        " coalesce(length(message_class), 0) + coalesce(length(sender_name), 0) + 40 + (SELECT"
	        " coalesce(sum(coalesce(length(p.value), 8) + coalesce(bl.size, 0)), 0) FROM props p LEFT "
	        "JOIN"
	        " blobs bl ON bl.bid = p.bid WHERE (p.kind = 2 AND p.oid = ?1) OR (p.kind = 3 AND p.oid IN"
	        " (SELECT rid FROM recipients WHERE mid = ?1)) OR (p.kind = 4 AND p.oid IN (SELECT aid FROM"
	        " attachments WHERE mid = ?1))) WHERE mid = ?1 RETURNING flags, size, read");
	if (ec == ecSuccess && s == NULL)
		ec = ecError;
	if (ec == ecSuccess) {
		sqlite3_bind_int64(s, 1, st->counter);
		if (sqlite3_step(s) == SQLITE_ROW) {
			st->flags = (uint32_t)sqlite3_column_int64(s, 0);
			st->size = sqlite3_column_int64(s, 1);
			st->read = sqlite3_column_int(s, 2) != 0;
		}
		ec = sq_step_done(b, s);
	}
	if (ec == ecSuccess) {
		st->cn = cn;
		st->mtime = now;
		st->flags_dirty = false;
	}
	return ec;
}

/* After the commit: the changes are the new stored state. */
static uint32_t committed(struct sq_msgstate *st)
{
	uint32_t ec = sq_bag_apply(st->base, st->changes);
	talloc_free(st->changes);
	st->changes = sq_bag_new(st);
	st->stored = true;
	st->recipients_dirty = false;
	/* attachments are reloaded from the database when next needed */
	talloc_free(st->attachments);
	st->attachments = NULL;
	st->nattachments = 0;
	st->attachments_loaded = false;
	return st->changes ? ec : ecMAPIOOM;
}

uint32_t sq_message_save(struct ms_message *mm, uint8_t save_flags)
{
	struct sq_message *m = (struct sq_message *)mm;
	struct sq_backend *b = sq_be(mm->obj.be);
	if (!m->writable)
		return ecError; /* 3.2.5.3: opened or saved read-only */
	if (m->parent_att != NULL) {
		/* an embedded message saves into its attachment (MS-OXCMSG 3.2.5.16) */
		struct sq_attstate *as = m->parent_att->st;
		talloc_free(as->embedded);
		as->embedded = sq_msgstate_copy(as, m->st);
		if (as->embedded == NULL)
			return ecMAPIOOM;
	} else {
		uint64_t cn;
		uint32_t ec = sq_new_id(b, MS_IDS_CHANGE, &cn);
		if (ec == ecSuccess)
			ec = sq_begin(b);
		if (ec != ecSuccess)
			return ec;
		if (m->st->stored) {
			/* 3.2.5.3: another transaction committed since this one began → ecObjectModified */
			sqlite3_stmt *st = sq_prepare(b, "SELECT change_number FROM messages WHERE mid = ?1");
			if (st == NULL)
				ec = ecError;
			else {
				sqlite3_bind_int64(st, 1, m->st->counter);
				int rc = sqlite3_step(st);
				if (rc != SQLITE_ROW)
					ec = rc == SQLITE_DONE ? ecObjectDeleted : sq_error(b, rc);
				else if (sqlite3_column_int64(st, 0) != m->change_number &&
				         !(save_flags & MS_SAVE_FORCE))
					ec = ecObjectModified;
				sqlite3_reset(st);
			}
		}
		if (ec == ecSuccess)
			ec = sq_msgstate_store(b, m->st, (int64_t)cn);
		ec = ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
		if (ec != ecSuccess)
			return ec;
		m->change_number = (int64_t)cn;
		ec = committed(m->st);
		if (ec != ecSuccess)
			return ec;
	}
	if ((save_flags & (MS_SAVE_KEEP_OPEN_READONLY | MS_SAVE_KEEP_OPEN_READWRITE | MS_SAVE_FORCE)) ==
	    MS_SAVE_KEEP_OPEN_READONLY)
		m->writable = false;
	return ecSuccess;
}

/* MS-OXCMSG 2.2.3.10.1 ReadFlags applied to one message's read bit and notify flags; false when nothing
 * changes. */
static bool read_transition(uint8_t rf, bool *read, uint32_t *flags)
{
	bool r = *read;
	uint32_t f = *flags;
	if (rf & MS_RF_GENERATE_RECEIPT_ONLY) {
		f &= ~(uint32_t)MS_MSGFLAG_NOTIFYREAD; /* the receipt goes; mfRead stays */
	} else if (rf & (MS_RF_CLEAR_NOTIFY_READ | MS_RF_CLEAR_NOTIFY_UNREAD)) {
		if (rf & MS_RF_CLEAR_NOTIFY_READ)
			f &= ~(uint32_t)MS_MSGFLAG_NOTIFYREAD;
		if (rf & MS_RF_CLEAR_NOTIFY_UNREAD)
			f &= ~(uint32_t)MS_MSGFLAG_NOTIFYUNREAD;
	} else if (rf & MS_RF_CLEAR_READ_FLAG) {
		r = false;
		if (rf & MS_RF_SUPPRESS_RECEIPT)
			f &= ~(uint32_t)MS_MSGFLAG_NOTIFYUNREAD;
	} else {
		r = true; /* rfDefault sends the read receipt, rfSuppressReceipt cancels it: either way it is
		             done */
		f &= ~(uint32_t)MS_MSGFLAG_NOTIFYREAD;
	}
	bool changed = r != *read || f != *flags;
	*read = r;
	*flags = f;
	return changed;
}

static uint32_t read_update(struct sq_backend *b, int64_t counter, bool read, uint32_t flags)
{
	sqlite3_stmt *st = sq_prepare(b, "UPDATE messages SET read = ?2, flags = ?3 WHERE mid = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, counter);
	sqlite3_bind_int(st, 2, read);
	sqlite3_bind_int64(st, 3, flags);
	return sq_step_done(b, st);
}

uint32_t sq_message_set_read_flag(struct ms_message *mm, uint8_t read_flags, bool *changed)
{
	struct sq_message *m = (struct sq_message *)mm;
	struct sq_backend *b = sq_be(mm->obj.be);
	take_flags(m->st);
	bool was = m->st->read;
	bool any = read_transition(read_flags, &m->st->read, &m->st->flags);
	*changed = was != m->st->read;
	if (!m->st->stored || !any || m->parent_att != NULL) {
		m->st->flags_dirty |= any; /* written by the save (or the parent's) */
		return ecSuccess;
	}
	/* 3.2.5.11: committed at once, without a new change number or modification time */
	uint32_t ec = sq_begin(b);
	if (ec == ecSuccess)
		ec = read_update(b, m->st->counter, m->st->read, m->st->flags);
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

uint32_t sq_folder_set_read_flags(struct ms_folder *f, const uint64_t *mids, uint32_t count,
                                  uint8_t read_flags, bool *partial)
{
	struct sq_backend *b = sq_be(f->obj.be);
	int64_t fid = ((struct sq_folder *)f)->counter;
	sqlite3_stmt *one =
	        sq_prepare(b, "SELECT read, flags FROM messages WHERE mid = ?1 AND fid = ?2 AND deleted = 0");
	sqlite3_stmt *all =
	        sq_prepare(b, "SELECT mid, read, flags FROM messages WHERE fid = ?1 AND deleted = 0");
	if (one == NULL || all == NULL)
		return ecError;
	uint32_t ec = sq_begin(b);
	if (ec != ecSuccess)
		return ec;
	if (mids == NULL) {
		struct {
			int64_t mid;
			bool read;
			uint32_t flags;
		} *rows = NULL;
		size_t n = 0;
		sqlite3_bind_int64(all, 1, fid);
		while (sqlite3_step(all) == SQLITE_ROW) {
			void *a = talloc_realloc_size(NULL, rows, sizeof *rows * (n + 1));
			if (a == NULL)
				break;
			rows = a;
			rows[n].mid = sqlite3_column_int64(all, 0);
			rows[n].read = sqlite3_column_int(all, 1) != 0;
			rows[n].flags = (uint32_t)sqlite3_column_int64(all, 2);
			n++;
		}
		sqlite3_reset(all);
		for (size_t i = 0; ec == ecSuccess && i < n; i++)
			if (read_transition(read_flags, &rows[i].read, &rows[i].flags))
				ec = read_update(b, rows[i].mid, rows[i].read, rows[i].flags);
		talloc_free(rows);
	}
	for (uint32_t i = 0; ec == ecSuccess && mids != NULL && i < count; i++) {
		int64_t c = (int64_t)mapi_fid_globcnt(mids[i]);
		sqlite3_bind_int64(one, 1, c);
		sqlite3_bind_int64(one, 2, fid);
		if (sqlite3_step(one) != SQLITE_ROW) {
			sqlite3_reset(one);
			*partial = true;
			continue;
		}
		bool read = sqlite3_column_int(one, 0) != 0;
		uint32_t flags = (uint32_t)sqlite3_column_int64(one, 1);
		sqlite3_reset(one);
		if (read_transition(read_flags, &read, &flags))
			ec = read_update(b, c, read, flags);
	}
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

uint32_t sq_folder_set_message_status(struct ms_folder *f, uint64_t mid, uint32_t status, uint32_t mask,
                                      uint32_t *old_status)
{
	struct sq_backend *b = sq_be(f->obj.be);
	sqlite3_stmt *get =
	        sq_prepare(b, "SELECT status FROM messages WHERE mid = ?1 AND fid = ?2 AND deleted = 0");
	sqlite3_stmt *set =
	        sq_prepare(b, "UPDATE messages SET status = (status & ~?2) | (?3 & ?2) WHERE mid = ?1");
	if (get == NULL || set == NULL)
		return ecError;
	int64_t c = (int64_t)mapi_fid_globcnt(mid);
	uint32_t ec = mask != 0 ? sq_begin(b) : ecSuccess;
	if (ec != ecSuccess)
		return ec;
	sqlite3_bind_int64(get, 1, c);
	sqlite3_bind_int64(get, 2, ((struct sq_folder *)f)->counter);
	int rc = sqlite3_step(get);
	if (rc == SQLITE_ROW && old_status != NULL)
		*old_status = (uint32_t)sqlite3_column_int64(get, 0);
	sqlite3_reset(get);
	ec = rc == SQLITE_ROW ? ecSuccess : rc == SQLITE_DONE ? ecNotFound : sq_error(b, rc);
	if (mask == 0)
		return ec;
	if (ec == ecSuccess) {
		/* 3.2.5.8: only PidTagMessageStatus changes, no change number or modification time */
		sqlite3_bind_int64(set, 1, c);
		sqlite3_bind_int64(set, 2, mask);
		sqlite3_bind_int64(set, 3, status);
		ec = sq_step_done(b, set);
	}
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

uint32_t sq_message_remove(struct sq_backend *b, int64_t counter)
{
	uint32_t ec = sq_children_remove(b, counter);
	if (ec == ecSuccess)
		ec = sq_props_remove_all(b, SQ_KIND_MESSAGE, counter);
	sqlite3_stmt *st = sq_prepare(b, "DELETE FROM messages WHERE mid = ?1");
	if (ec != ecSuccess || st == NULL)
		return ec != ecSuccess ? ec : ecError;
	sqlite3_bind_int64(st, 1, counter);
	return sq_step_done(b, st);
}

uint32_t sq_message_duplicate(struct sq_backend *b, int64_t counter, int64_t fid_counter, int64_t parent_aid,
                              int64_t *new_counter)
{
	uint64_t c, cn;
	uint32_t ec = sq_new_id(b, MS_IDS_OBJECT, &c);
	if (ec == ecSuccess)
		ec = sq_new_id(b, MS_IDS_CHANGE, &cn);
	sqlite3_stmt *st =
	        sq_prepare(b, "INSERT INTO messages(mid, fid, parent_aid, associated, deleted, read, flags,"
	                      " status, message_class, subject, sender_name, delivery_time, creation_time,"
	                      " modification_time, size, change_number) SELECT ?2, ?3, ?4, associated, 0,"
	                      " read, flags, status, message_class, subject, sender_name, delivery_time,"
	                      " creation_time, modification_time, size, ?5 FROM messages WHERE mid = ?1");
	if (ec != ecSuccess || st == NULL)
		return ec != ecSuccess ? ec : ecError;
	sqlite3_bind_int64(st, 1, counter);
	sqlite3_bind_int64(st, 2, (int64_t)c);
	if (fid_counter != 0)
		sqlite3_bind_int64(st, 3, fid_counter);
	if (parent_aid != 0)
		sqlite3_bind_int64(st, 4, parent_aid);
	sqlite3_bind_int64(st, 5, (int64_t)cn);
	ec = sq_step_done(b, st);
	if (ec == ecSuccess)
		ec = sq_props_copy(b, SQ_KIND_MESSAGE, counter, (int64_t)c);
	if (ec == ecSuccess)
		ec = sq_children_copy(b, counter, (int64_t)c);
	if (ec == ecSuccess)
		*new_counter = (int64_t)c;
	return ec;
}

/* Is message ?1 in folder ?2? */
static const char in_folder_sql[] = "SELECT 1 FROM messages WHERE mid = ?1 AND fid = ?2";

uint32_t sq_folder_delete_messages(struct ms_folder *f, const uint64_t *mids, uint32_t count, bool hard,
                                   bool *partial)
{
	struct sq_backend *b = sq_be(f->obj.be);
	int64_t fid = ((struct sq_folder *)f)->counter;
	sqlite3_stmt *soft = sq_prepare(b, "UPDATE messages SET deleted = 1 WHERE mid = ?1");
	uint32_t ec = soft ? sq_begin(b) : ecError;
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++) {
		int64_t c = (int64_t)mapi_fid_globcnt(mids[i]);
		if (!sq_exists(b, in_folder_sql, c, fid)) {
			*partial = true;
			continue;
		}
		if (hard) {
			ec = sq_message_remove(b, c);
		} else {
			sqlite3_bind_int64(soft, 1, c);
			ec = sq_step_done(b, soft);
		}
	}
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

/* A move renumbers the message (rows that refer to it by counter follow). */
static uint32_t renumber(struct sq_backend *b, int64_t from, int64_t to, int64_t fid, int64_t cn)
{
	static const char *const sql[] = {
	        "UPDATE messages SET mid = ?2, fid = ?3, change_number = ?4 WHERE mid = ?1",
	        "UPDATE props SET oid = ?2 WHERE kind = 2 AND oid = ?1",
	        "UPDATE mvprops SET oid = ?2 WHERE kind = 2 AND oid = ?1",
	        "UPDATE recipients SET mid = ?2 WHERE mid = ?1",
	        "UPDATE attachments SET mid = ?2 WHERE mid = ?1",
	};
	const int64_t args[4] = {from, to, fid, cn};
	return sq_run_steps(b, sql, sizeof sql / sizeof sql[0], args, 4);
}

uint32_t sq_folder_move_copy_messages(struct ms_folder *src, struct ms_folder *dst, const uint64_t *mids,
                                      uint32_t count, bool copy, uint64_t *new_mids, bool *partial)
{
	struct sq_backend *b = sq_be(src->obj.be);
	int64_t sfid = ((struct sq_folder *)src)->counter, dfid = ((struct sq_folder *)dst)->counter;
	if (((struct sq_folder *)dst)->folder_type == MS_FOLDER_SEARCH)
		return ecSearchFolder;
	uint32_t ec = sq_begin(b);
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++) {
		int64_t c = (int64_t)mapi_fid_globcnt(mids[i]), nc = 0;
		if (new_mids != NULL)
			new_mids[i] = 0;
		if (!sq_exists(b, in_folder_sql, c, sfid)) {
			*partial = true;
			continue;
		}
		if (copy) {
			ec = sq_message_duplicate(b, c, dfid, 0, &nc);
		} else {
			uint64_t id, cn;
			ec = sq_new_id(b, MS_IDS_OBJECT, &id);
			if (ec == ecSuccess)
				ec = sq_new_id(b, MS_IDS_CHANGE, &cn);
			if (ec == ecSuccess)
				ec = renumber(b, c, (int64_t)id, dfid, (int64_t)cn);
			nc = (int64_t)id;
		}
		if (ec == ecSuccess && new_mids != NULL)
			new_mids[i] = mapi_fid_make(b->base.mb->info.replid, (uint64_t)nc);
	}
	return ec == ecSuccess ? sq_commit(b, true) : (sq_rollback(b), ec);
}

/* ---- properties --------------------------------------------------------------------------------------- */

static uint32_t message_state(struct ms_object *o, struct sq_bag **base, struct sq_bag **changes)
{
	struct sq_message *m = (struct sq_message *)o;
	*base = m->st->base;
	*changes = m->st->changes;
	return ecSuccess;
}

static bool message_writable(struct ms_object *o)
{
	return ((struct sq_message *)o)->writable;
}

static const uint16_t message_computed_ids[] = {
        PROP_ID(PidTagMessageSize),    PROP_ID(PidTagMessageFlags), PROP_ID(PidTagRead),
        PROP_ID(PidTagHasAttachments), PROP_ID(PidTagAssociated),   0,
};

static uint32_t effective_flags(struct sq_message *m)
{
	struct sq_msgstate st = *m->st;
	take_flags(&st);
	bool has_att = (st.flags & MS_MSGFLAG_HASATTACH) != 0;
	if (m->st->attachments_loaded) {
		has_att = false;
		for (uint32_t i = 0; i < m->st->nattachments; i++)
			has_att |= !m->st->attachments[i].deleted;
	}
	uint32_t f = st.flags & ~(uint32_t)MS_MSGFLAG_HASATTACH;
	return f | (st.read ? MS_MSGFLAG_READ : 0) | (has_att ? MS_MSGFLAG_HASATTACH : 0) |
	       (st.associated ? MS_MSGFLAG_ASSOCIATED : 0);
}

static bool message_computed(struct ms_object *o, TALLOC_CTX *mem, uint16_t propid, struct mapi_propval *out)
{
	struct sq_message *m = (struct sq_message *)o;
	/* MS-OXCPRPT 2.2.1.1: Modify, Read, Delete */
	const struct sq_identity id = {
	        .is_message = true,
	        .id = m->base.mid,
	        .parent_fid = m->base.fid,
	        .cn = (uint64_t)m->st->cn,
	        .mtime = m->st->mtime,
	        .access = 0x07,
	        .writable = m->writable,
	};
	if (sq_identity_prop(o->mb, &id, mem, propid, out))
		return true;
	uint32_t flags = effective_flags(m);
	switch (propid) {
	case PROP_ID(PidTagMessageSize):
		*out = (struct mapi_propval){.tag = PidTagMessageSize, .value.i32 = (int32_t)m->st->size};
		return true;
	case PROP_ID(PidTagMessageFlags):
		*out = (struct mapi_propval){.tag = PidTagMessageFlags, .value.i32 = (int32_t)flags};
		return true;
	case PROP_ID(PidTagRead):
		*out = (struct mapi_propval){.tag = PidTagRead, .value.b = (flags & MS_MSGFLAG_READ) != 0};
		return true;
	case PROP_ID(PidTagHasAttachments):
		*out = (struct mapi_propval){.tag = PidTagHasAttachments,
		                             .value.b = (flags & MS_MSGFLAG_HASATTACH) != 0};
		return true;
	case PROP_ID(PidTagAssociated):
		*out = (struct mapi_propval){.tag = PidTagAssociated, .value.b = m->st->associated};
		return true;
	}
	return false;
}

/* the hot columns and PidTagMessageFlags */
static const uint32_t message_typed_tags[] = {
        PidTagMessageClass, PidTagSubject,       PidTagSenderName,   PidTagMessageDeliveryTime,
        PidTagCreationTime, PidTagMessageStatus, PidTagMessageFlags, 0,
};

static uint32_t no_write(struct ms_object *o, const struct sq_bag *changes)
{
	return ecNotSupported; /* message and attachment changes stay pending until saved */
}

const struct sq_object_ops sq_message_object_ops = {
        .state = message_state,
        .computed = message_computed,
        .computed_ids = message_computed_ids,
        .identity = true,
        .typed_tags = message_typed_tags,
        .write = no_write,
        .writable = message_writable,
};
