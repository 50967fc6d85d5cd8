/* SQLite backend: property values in SQL, property rows, property bags (stored state and pending changes),
 * the generic GetProperties/SetProperties/DeleteProperties of MS-OXCPRPT, entry IDs and change keys. */
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/backends/sqlite/sqlite-private.h"

/* ---- bags -----------------------------------------------------------------------------------------------
 */

struct sq_bag *sq_bag_new(TALLOC_CTX *mem)
{
	return talloc_zero(mem, struct sq_bag);
}

struct sq_prop *sq_bag_find(const struct sq_bag *bag, uint16_t propid)
{
	for (uint32_t i = 0; bag != NULL && i < bag->count; i++)
		if (PROP_ID(bag->props[i].pv.tag) == propid)
			return &bag->props[i];
	return NULL;
}

uint32_t sq_bag_put(struct sq_bag *bag, const struct sq_prop *p)
{
	struct sq_prop *slot = sq_bag_find(bag, PROP_ID(p->pv.tag));
	if (slot == NULL) {
		struct sq_prop *a = talloc_realloc(bag, bag->props, struct sq_prop, bag->count + 1);
		if (a == NULL)
			return ecMAPIOOM;
		bag->props = a;
		slot = &a[bag->count++];
	} else {
		talloc_free(slot->mem);
	}
	*slot = *p;
	if (p->deleted || p->bid != 0)
		memset(&slot->pv.value, 0, sizeof slot->pv.value); /* nothing of the source's value is kept */
	slot->mem = talloc_new(bag);
	if (slot->mem == NULL ||
	    (!p->deleted && p->bid == 0 && mapi_propval_copy(slot->mem, &p->pv, &slot->pv) != 0)) {
		slot->deleted = true;
		return ecMAPIOOM;
	}
	return ecSuccess;
}

uint32_t sq_bag_put_value(struct sq_bag *bag, const struct mapi_propval *pv)
{
	struct sq_prop p = {.pv = *pv};
	return sq_bag_put(bag, &p);
}

uint32_t sq_bag_mark_deleted(struct sq_bag *bag, uint32_t tag)
{
	struct sq_prop p = {.pv = {.tag = tag}, .deleted = true};
	return sq_bag_put(bag, &p);
}

struct sq_bag *sq_bag_copy(TALLOC_CTX *mem, const struct sq_bag *src)
{
	struct sq_bag *bag = sq_bag_new(mem);
	for (uint32_t i = 0; bag != NULL && src != NULL && i < src->count; i++) {
		if (sq_bag_put(bag, &src->props[i]) != ecSuccess) {
			talloc_free(bag);
			return NULL;
		}
	}
	return bag;
}

uint32_t sq_bag_apply(struct sq_bag *dst, const struct sq_bag *changes)
{
	for (uint32_t i = 0; changes != NULL && i < changes->count; i++) {
		const struct sq_prop *c = &changes->props[i];
		if (!c->deleted) {
			uint32_t ec = sq_bag_put(dst, c);
			if (ec != ecSuccess)
				return ec;
			continue;
		}
		struct sq_prop *old = sq_bag_find(dst, PROP_ID(c->pv.tag));
		if (old != NULL) {
			talloc_free(old->mem);
			*old = dst->props[--dst->count];
		}
	}
	return ecSuccess;
}

uint32_t sq_bag_merge(struct sq_bag *dst, const struct sq_bag *changes)
{
	for (uint32_t i = 0; changes != NULL && i < changes->count; i++) {
		uint32_t ec = sq_bag_put(dst, &changes->props[i]);
		if (ec != ecSuccess)
			return ec;
	}
	return ecSuccess;
}

const struct sq_prop *sq_bag_lookup(const struct sq_bag *base, const struct sq_bag *changes, uint16_t propid)
{
	const struct sq_prop *p = sq_bag_find(changes, propid);
	if (p == NULL)
		p = sq_bag_find(base, propid);
	return p == NULL || p->deleted ? NULL : p;
}

/* ---- values in SQL --------------------------------------------------------------------------------------
 */

enum sq_storage { SQ_INT, SQ_REAL, SQ_TEXT, SQ_BLOB, SQ_WIRE };

static enum sq_storage storage_of(uint16_t type)
{
	switch (type & ~PT_MV_FLAG) {
	case PT_SHORT:
	case PT_LONG:
	case PT_ERROR:
	case PT_BOOLEAN:
	case PT_I8:
	case PT_CURRENCY:
	case PT_SYSTIME:
		return SQ_INT;
	case PT_FLOAT:
	case PT_DOUBLE:
	case PT_APPTIME:
		return SQ_REAL;
	case PT_UNICODE:
	case PT_STRING8:
		return SQ_TEXT;
	case PT_BINARY:
	case PT_SVREID:
	case PT_OBJECT:
		return SQ_BLOB;
	default:
		return SQ_WIRE; /* PtypGuid, PtypRestriction, PtypRuleAction: their MS-OXCDATA encoding */
	}
}

int sq_bind_value(sqlite3_stmt *st, int idx, uint16_t type, const union mapi_value *v)
{
	switch (type) {
	case PT_SHORT:
		return sqlite3_bind_int(st, idx, v->i16);
	case PT_LONG:
		return sqlite3_bind_int(st, idx, v->i32);
	case PT_ERROR:
		return sqlite3_bind_int64(st, idx, v->err);
	case PT_BOOLEAN:
		return sqlite3_bind_int(st, idx, v->b ? 1 : 0);
	case PT_I8:
	case PT_CURRENCY:
	case PT_SYSTIME:
		return sqlite3_bind_int64(st, idx, v->i64);
	case PT_FLOAT:
		return sqlite3_bind_double(st, idx, v->f32);
	case PT_DOUBLE:
	case PT_APPTIME:
		return sqlite3_bind_double(st, idx, v->f64);
	case PT_UNICODE:
	case PT_STRING8:
		return sqlite3_bind_text(st, idx, v->str ? v->str : "", -1, SQLITE_TRANSIENT);
	case PT_BINARY:
	case PT_SVREID:
	case PT_OBJECT:
		return sqlite3_bind_blob(st, idx, v->bin.len ? (const void *)v->bin.data : "",
		                         (int)v->bin.len, SQLITE_TRANSIENT);
	default: {
		struct wc_writer w;
		wc_writer_init(&w, NULL, 0);
		int rc = mapi_value_push(&w, type, MAPI_PV_COUNT32, v) == 0
		                 ? sqlite3_bind_blob(st, idx, w.data, (int)w.len, SQLITE_TRANSIENT)
		                 : SQLITE_MISMATCH;
		talloc_free(w.data);
		return rc;
	}
	}
}

uint32_t sq_column_value(sqlite3_stmt *st, int col, uint16_t type, TALLOC_CTX *mem, union mapi_value *v)
{
	memset(v, 0, sizeof *v);
	switch (storage_of(type)) {
	case SQ_INT: {
		int64_t i = sqlite3_column_int64(st, col);
		if (type == PT_SHORT)
			v->i16 = (int16_t)i;
		else if (type == PT_LONG)
			v->i32 = (int32_t)i;
		else if (type == PT_ERROR)
			v->err = (uint32_t)i;
		else if (type == PT_BOOLEAN)
			v->b = i != 0;
		else
			v->i64 = i;
		return ecSuccess;
	}
	case SQ_REAL:
		if (type == PT_FLOAT)
			v->f32 = (float)sqlite3_column_double(st, col);
		else
			v->f64 = sqlite3_column_double(st, col);
		return ecSuccess;
	case SQ_TEXT: {
		const char *s = (const char *)sqlite3_column_text(st, col);
		v->str = talloc_strdup(mem, s ? s : "");
		return v->str ? ecSuccess : ecMAPIOOM;
	}
	case SQ_BLOB: {
		int n = sqlite3_column_bytes(st, col);
		v->bin.len = (uint32_t)n;
		v->bin.data = talloc_memdup(mem, n ? sqlite3_column_blob(st, col) : "", n ? (size_t)n : 1);
		return v->bin.data ? ecSuccess : ecMAPIOOM;
	}
	default: {
		struct wc_reader r;
		wc_reader_init(&r, sqlite3_column_blob(st, col), (size_t)sqlite3_column_bytes(st, col));
		return mapi_value_pull(&r, mem, type, MAPI_PV_COUNT32, v) == 0 ? ecSuccess : ecCorruptData;
	}
	}
}

/* Element i of a multi-valued value as the single value of the base type. */
union mapi_value sq_mv_element(uint16_t type, const struct mapi_mv *mv, uint32_t i)
{
	union mapi_value e;
	memset(&e, 0, sizeof e);
	switch (type & ~PT_MV_FLAG) {
	case PT_SHORT:
		e.i16 = mv->i16[i];
		break;
	case PT_LONG:
		e.i32 = mv->i32[i];
		break;
	case PT_FLOAT:
		e.f32 = mv->f32[i];
		break;
	case PT_DOUBLE:
	case PT_APPTIME:
		e.f64 = mv->f64[i];
		break;
	case PT_I8:
	case PT_CURRENCY:
		e.i64 = mv->i64[i];
		break;
	case PT_SYSTIME:
		e.time = mv->time[i];
		break;
	case PT_UNICODE:
	case PT_STRING8:
		e.str = mv->str[i];
		break;
	case PT_CLSID:
		e.guid = &mv->guid[i];
		break;
	case PT_BINARY:
		e.bin = mv->bin[i];
		break;
	}
	return e;
}

uint32_t sq_mv_load(struct sq_backend *b, enum sq_kind kind, int64_t oid, uint16_t propid, uint16_t type,
                    TALLOC_CTX *mem, struct mapi_mv *mv)
{
	sqlite3_stmt *st =
	        sq_prepare(b, "SELECT value FROM mvprops WHERE kind = ?1 AND oid = ?2 AND propid = ?3"
	                      " ORDER BY idx");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, oid);
	sqlite3_bind_int(st, 3, propid);
	uint16_t base = type & ~PT_MV_FLAG;
	uint32_t size = mapi_type_fixed_size(base);
	size_t elem = base == PT_UNICODE || base == PT_STRING8 ? sizeof(char *)
	              : base == PT_BINARY                      ? sizeof(struct mapi_binary)
	              : base == PT_CLSID                       ? sizeof(struct wc_guid)
	                                                       : size;
	uint32_t ec = ecSuccess;
	mv->count = 0;
	mv->data = talloc_size(mem, elem);
	while (ec == ecSuccess && mv->data != NULL && sqlite3_step(st) == SQLITE_ROW) {
		union mapi_value e;
		uint8_t *grown = talloc_realloc_size(mem, mv->data, elem * (mv->count + 1));
		if (grown == NULL)
			break;
		mv->data = grown;
		ec = sq_column_value(st, 0, base, grown, &e);
		if (ec != ecSuccess)
			break;
		void *dst = grown + elem * mv->count;
		if (base == PT_CLSID)
			memcpy(dst, e.guid, elem);
		else
			memcpy(dst, &e, elem); /* the union's first bytes are the member of that type */
		mv->count++;
	}
	sqlite3_reset(st);
	return mv->data == NULL ? ecMAPIOOM : ec;
}

uint32_t sq_props_load(struct sq_backend *b, enum sq_kind kind, int64_t oid, struct sq_bag *bag)
{
	sqlite3_stmt *st =
	        sq_prepare(b, "SELECT p.propid, p.type, p.value, p.bid, bl.size FROM props p"
	                      " LEFT JOIN blobs bl ON bl.bid = p.bid WHERE p.kind = ?1 AND p.oid = ?2");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, oid);
	struct sq_prop *loaded = NULL;
	uint32_t n = 0, ec = ecSuccess;
	int rc;
	/* collect first: loading multi-valued elements uses other statements */
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct sq_prop *a = talloc_realloc(bag, loaded, struct sq_prop, n + 1);
		if (a == NULL) {
			ec = ecMAPIOOM;
			break;
		}
		loaded = a;
		struct sq_prop *p = &loaded[n++];
		memset(p, 0, sizeof *p);
		uint16_t type = (uint16_t)sqlite3_column_int(st, 1);
		p->pv.tag = PROP_TAG(type, sqlite3_column_int(st, 0));
		p->bid = sqlite3_column_int64(st, 3);
		p->size = (uint64_t)sqlite3_column_int64(st, 4);
		if (p->bid == 0 && !(type & PT_MV_FLAG))
			ec = sq_column_value(st, 2, type, bag, &p->pv.value);
		if (ec != ecSuccess)
			break;
	}
	sqlite3_reset(st);
	if (ec == ecSuccess && rc != SQLITE_DONE && rc != SQLITE_ROW)
		ec = sq_error(b, rc);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		uint16_t type = PROP_TYPE(loaded[i].pv.tag);
		if (type & PT_MV_FLAG)
			ec = sq_mv_load(b, kind, oid, PROP_ID(loaded[i].pv.tag), type, bag,
			                &loaded[i].pv.value.mv);
		if (ec == ecSuccess)
			ec = sq_bag_put(bag, &loaded[i]);
	}
	talloc_free(loaded);
	return ec;
}

uint32_t sq_blob_ref(struct sq_backend *b, int64_t bid, int delta)
{
	sqlite3_stmt *st = sq_prepare(b, "UPDATE blobs SET refs = refs + ?2 WHERE bid = ?1");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, bid);
	sqlite3_bind_int(st, 2, delta);
	uint32_t ec = sq_step_done(b, st);
	if (ec != ecSuccess || delta > 0)
		return ec;
	/* Dropped to zero: the blob goes. A context still reading it (an older snapshot) gets ecNotFound. */
	st = sq_prepare(b,
	                "DELETE FROM chunks WHERE bid = ?1 AND (SELECT refs FROM blobs WHERE bid = ?1) <= 0");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, bid);
	ec = sq_step_done(b, st);
	st = sq_prepare(b, "DELETE FROM blobs WHERE bid = ?1 AND refs <= 0");
	if (ec != ecSuccess || st == NULL)
		return ec != ecSuccess ? ec : ecError;
	sqlite3_bind_int64(st, 1, bid);
	return sq_step_done(b, st);
}

uint32_t sq_blob_new(struct sq_backend *b, int64_t *bid)
{
	sqlite3_stmt *st =
	        sq_prepare(b, "INSERT INTO blobs(size, refs, created) VALUES (0, 0, strftime('%s'))");
	if (st == NULL)
		return ecError;
	uint32_t ec = sq_step_done(b, st);
	if (ec != ecSuccess)
		return ec;
	int64_t *a = talloc_realloc(b, b->staged, int64_t, b->nstaged + 1);
	if (a == NULL)
		return ecMAPIOOM;
	b->staged = a;
	*bid = a[b->nstaged++] = sqlite3_last_insert_rowid(b->db);
	return ecSuccess;
}

static uint32_t prop_remove(struct sq_backend *b, enum sq_kind kind, int64_t oid, uint16_t propid)
{
	sqlite3_stmt *st = sq_prepare(b, "DELETE FROM props WHERE kind = ?1 AND oid = ?2 AND propid = ?3"
	                                 " RETURNING bid");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, oid);
	sqlite3_bind_int(st, 3, propid);
	int64_t bid = 0;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		bid = sqlite3_column_int64(st, 0);
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_reset(st);
	if (rc != SQLITE_DONE)
		return sq_error(b, rc);
	st = sq_prepare(b, "DELETE FROM mvprops WHERE kind = ?1 AND oid = ?2 AND propid = ?3");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, oid);
	sqlite3_bind_int(st, 3, propid);
	uint32_t ec = sq_step_done(b, st);
	return ec == ecSuccess && bid != 0 ? sq_blob_ref(b, bid, -1) : ec;
}

/* pending: into the in-memory "pend" schema, whose rows hold no blob references */
static uint32_t prop_insert(struct sq_backend *b, enum sq_kind kind, int64_t oid, const struct sq_prop *p,
                            bool pending)
{
	static const char *const insert[2] = {
	        "INSERT INTO main.props(kind, oid, propid, type, value, bid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	        "INSERT INTO pend.props(kind, oid, propid, type, value, bid) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	};
	static const char *const insert_mv[2] = {
	        "INSERT INTO main.mvprops(kind, oid, propid, idx, value) VALUES (?1, ?2, ?3, ?4, ?5)",
	        "INSERT INTO pend.mvprops(kind, oid, propid, idx, value) VALUES (?1, ?2, ?3, ?4, ?5)",
	};
	uint16_t type = PROP_TYPE(p->pv.tag), propid = PROP_ID(p->pv.tag);
	sqlite3_stmt *st = sq_prepare(b, insert[pending]);
	if (st == NULL)
		return ecError;
	sqlite3_bind_int(st, 1, kind);
	sqlite3_bind_int64(st, 2, oid);
	sqlite3_bind_int(st, 3, propid);
	sqlite3_bind_int(st, 4, type);
	if (p->bid != 0)
		sqlite3_bind_int64(st, 6, p->bid);
	else if (type & PT_MV_FLAG)
		sqlite3_bind_int64(st, 5, p->pv.value.mv.count);
	else if (sq_bind_value(st, 5, type, &p->pv.value) != SQLITE_OK)
		return ecPropBadValue;
	uint32_t ec = sq_step_done(b, st);
	if (ec == ecSuccess && p->bid != 0 && !pending)
		ec = sq_blob_ref(b, p->bid, +1);
	if (ec != ecSuccess || p->bid != 0 || !(type & PT_MV_FLAG))
		return ec;
	st = sq_prepare(b, insert_mv[pending]);
	if (st == NULL)
		return ecError;
	for (uint32_t i = 0; ec == ecSuccess && i < p->pv.value.mv.count; i++) {
		union mapi_value e = sq_mv_element(type, &p->pv.value.mv, i);
		sqlite3_bind_int(st, 1, kind);
		sqlite3_bind_int64(st, 2, oid);
		sqlite3_bind_int(st, 3, propid);
		sqlite3_bind_int64(st, 4, i);
		if (sq_bind_value(st, 5, type & ~PT_MV_FLAG, &e) != SQLITE_OK)
			return ecPropBadValue;
		ec = sq_step_done(b, st);
	}
	return ec;
}

uint32_t sq_props_store(struct sq_backend *b, enum sq_kind kind, int64_t oid, const struct sq_bag *changes,
                        bool fresh)
{
	uint32_t ec = ecSuccess;
	for (uint32_t i = 0; ec == ecSuccess && changes != NULL && i < changes->count; i++) {
		const struct sq_prop *p = &changes->props[i];
		if (!fresh)
			ec = prop_remove(b, kind, oid, PROP_ID(p->pv.tag));
		if (ec == ecSuccess && !p->deleted)
			ec = prop_insert(b, kind, oid, p, false);
	}
	return ec;
}

uint32_t sq_props_store_pending(struct sq_backend *b, enum sq_kind kind, int64_t oid,
                                const struct sq_bag *bag)
{
	uint32_t ec = ecSuccess;
	for (uint32_t i = 0; ec == ecSuccess && bag != NULL && i < bag->count; i++)
		if (!bag->props[i].deleted)
			ec = prop_insert(b, kind, oid, &bag->props[i], true);
	return ec;
}

uint32_t sq_props_remove_all(struct sq_backend *b, enum sq_kind kind, int64_t oid)
{
	static const char *const sql[] = {
	        ("UPDATE blobs SET refs = refs - 1 WHERE bid IN (SELECT bid FROM props WHERE kind = ?1 AND "
	         "oid = ?2 AND bid IS NOT NULL)"),
	        ("DELETE FROM chunks WHERE bid IN (SELECT bid FROM blobs WHERE refs <= 0 AND bid IN "
	         "(SELECT bid FROM props WHERE kind = ?1 AND oid = ?2))"),
	        ("DELETE FROM blobs WHERE refs <= 0 AND bid IN (SELECT bid FROM props WHERE kind = ?1 AND "
	         "oid = ?2)"),
	        "DELETE FROM props WHERE kind = ?1 AND oid = ?2",
	        "DELETE FROM mvprops WHERE kind = ?1 AND oid = ?2",
	};
	const int64_t args[2] = {kind, oid};
	return sq_run_steps(b, sql, sizeof sql / sizeof sql[0], args, 2);
}

uint32_t sq_props_copy(struct sq_backend *b, enum sq_kind kind, int64_t from, int64_t to)
{
	static const char *const sql[] = {
	        ("INSERT INTO props(kind, oid, propid, type, value, bid) SELECT kind, ?3, propid, type, "
	         "value, bid FROM props WHERE kind = ?1 AND oid = ?2"),
	        ("INSERT INTO mvprops(kind, oid, propid, idx, value) SELECT kind, ?3, propid, idx, value "
	         "FROM mvprops WHERE kind = ?1 AND oid = ?2"),
	        /* a copy shares the blobs of large values */
	        ("UPDATE blobs SET refs = refs + 1 WHERE bid IN (SELECT bid FROM props WHERE kind = ?1 AND "
	         "oid = ?2)"),
	};
	const int64_t args[3] = {kind, from, to};
	return sq_run_steps(b, sql, sizeof sql / sizeof sql[0], args, 3);
}

/* ---- GetProperties / SetProperties / DeleteProperties (MS-OXCPRPT 3.2.5.1 - 3.2.5.5) --------------------
 */

static const uint32_t readonly_tags[] = {
        PidTagFolderId,
        PidTagParentFolderId,
        PidTagMid,
        PidTagEntryId,
        PidTagParentEntryId,
        PidTagRecordKey,
        PidTagSourceKey,
        PidTagParentSourceKey,
        PidTagChangeKey,
        PidTagPredecessorChangeList,
        PidTagChangeNumber,
        PidTagLastModificationTime,
        PidTagMessageSize,
        PidTagContentCount,
        PidTagContentUnreadCount,
        PidTagAssociatedContentCount,
        PR_FOLDER_CHILD_COUNT,
        PidTagSubfolders,
        PidTagHasAttachments,
        PidTagAccess,
        PidTagAccessLevel,
        PidTagInstanceKey,
        PidTagObjectType,
        PidTagAttachNumber,
        PidTagDeletedCountTotal,
        PidTagAttachSize,
        PidTagRead,
        PidTagAssociated,
        PidTagFolderType,
        PidTagInstID,
        PidTagInstanceNum,
        PidTagRowType,
        PidTagDepth,
        PidTagMessageRecipients,
        PidTagMessageAttachments,
        PidTagStoreEntryId,
        PidTagRowid,
};

bool sq_prop_readonly(uint32_t tag)
{
	for (size_t i = 0; i < sizeof readonly_tags / sizeof readonly_tags[0]; i++)
		if (PROP_ID(readonly_tags[i]) == PROP_ID(tag))
			return true;
	return false;
}

static bool string_types(uint16_t a, uint16_t b)
{
	a &= ~PT_MV_FLAG;
	b &= ~PT_MV_FLAG;
	return (a == PT_UNICODE || a == PT_STRING8) && (b == PT_UNICODE || b == PT_STRING8);
}

bool sq_prop_output(TALLOC_CTX *mem, uint32_t want, const struct sq_prop *p, struct mapi_propval *out)
{
	uint16_t st = PROP_TYPE(p->pv.tag), wt = PROP_TYPE(want);
	if (wt != PT_UNSPECIFIED && wt != st &&
	    !(string_types(st, wt) && (st & PT_MV_FLAG) == (wt & PT_MV_FLAG)))
		return false;
	uint32_t tag = wt == PT_UNSPECIFIED ? p->pv.tag : want;
	if (p->bid != 0) {
		out->tag = CHANGE_PROP_TYPE(want, PT_ERROR);
		out->value.err = SQ_LARGE_ERROR;
		return true;
	}
	struct mapi_propval src = {.tag = p->pv.tag, .value = p->pv.value};
	if (mapi_propval_copy(mem, &src, out) != 0) {
		out->tag = CHANGE_PROP_TYPE(want, PT_ERROR);
		out->value.err = ecMAPIOOM;
		return true;
	}
	out->tag = tag;
	return true;
}

static const struct sq_object_ops *object_ops(const struct ms_object *o)
{
	return o->kind == MS_OBJ_FOLDER    ? &sq_folder_object_ops
	       : o->kind == MS_OBJ_MESSAGE ? &sq_message_object_ops
	                                   : &sq_attachment_object_ops;
}

static void get_one(struct ms_object *o, const struct sq_object_ops *ops, const struct sq_bag *base,
                    const struct sq_bag *changes, TALLOC_CTX *mem, uint32_t tag, struct mapi_propval *out)
{
	if (ops->computed(o, mem, PROP_ID(tag), out)) {
		uint16_t wt = PROP_TYPE(tag), ct = PROP_TYPE(out->tag);
		if (ct == PT_ERROR || wt == PT_UNSPECIFIED || wt == ct)
			return;
		if (string_types(wt, ct)) {
			out->tag = tag;
			return;
		}
	} else {
		const struct sq_prop *p = sq_bag_lookup(base, changes, PROP_ID(tag));
		if (p != NULL && sq_prop_output(mem, tag, p, out))
			return;
	}
	out->tag = CHANGE_PROP_TYPE(tag, PT_ERROR);
	out->value.err = ecNotFound;
}

uint32_t sq_props_get(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
                      struct mapi_propval **values)
{
	const struct sq_object_ops *ops = object_ops(o);
	struct sq_bag *base, *changes;
	uint32_t ec = ops->state(o, &base, &changes);
	if (ec != ecSuccess)
		return ec;
	struct mapi_propval *v = talloc_zero_array(mem, struct mapi_propval, count ? count : 1);
	if (v == NULL)
		return ecMAPIOOM;
	for (uint32_t i = 0; i < count; i++)
		get_one(o, ops, base, changes, v, tags[i], &v[i]);
	*values = v;
	return ecSuccess;
}

uint32_t sq_props_get_all(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values, uint32_t *count)
{
	const struct sq_object_ops *ops = object_ops(o);
	struct sq_bag *base, *changes;
	uint32_t ec = ops->state(o, &base, &changes);
	if (ec != ecSuccess)
		return ec;
	uint32_t ncomputed = 0, nidentity = 0;
	while (ops->computed_ids[ncomputed] != 0)
		ncomputed++;
	while (ops->identity && sq_identity_ids[nidentity] != 0)
		nidentity++;
	uint32_t max = ncomputed + nidentity + (base ? base->count : 0) + (changes ? changes->count : 0);
	struct mapi_propval *v = talloc_zero_array(mem, struct mapi_propval, max ? max : 1);
	if (v == NULL)
		return ecMAPIOOM;
	uint32_t n = 0;
	for (uint32_t i = 0; i < ncomputed + nidentity; i++) {
		uint16_t id = i < ncomputed ? ops->computed_ids[i] : sq_identity_ids[i - ncomputed];
		if (ops->computed(o, v, id, &v[n]) && PROP_TYPE(v[n].tag) != PT_ERROR)
			n++;
	}
	const struct sq_bag *bags[2] = {changes, base};
	for (int k = 0; k < 2; k++) {
		for (uint32_t i = 0; bags[k] != NULL && i < bags[k]->count; i++) {
			const struct sq_prop *p = &bags[k]->props[i];
			uint16_t id = PROP_ID(p->pv.tag);
			if (p->deleted || (k == 1 && sq_bag_find(changes, id) != NULL))
				continue;
			bool dup = false;
			for (uint32_t j = 0; j < n && !dup; j++)
				dup = PROP_ID(v[j].tag) == id;
			if (!dup && sq_prop_output(v, PROP_TAG(PT_UNSPECIFIED, id), p, &v[n]))
				n++;
		}
	}
	*values = v;
	*count = n;
	return ecSuccess;
}

/* RopGetPropertiesList (MS-OXCPRPT 3.2.5.2): the tags of sq_props_get_all, a value too large for it (there
 * PT_ERROR) with its stored type. */
uint32_t sq_props_list(struct ms_object *o, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count)
{
	const struct sq_object_ops *ops = object_ops(o);
	struct sq_bag *base, *changes;
	struct mapi_propval *v;
	uint32_t n = 0;
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t ec = tmp ? sq_props_get_all(o, tmp, &v, &n) : ecMAPIOOM;
	if (ec == ecSuccess)
		ec = ops->state(o, &base, &changes);
	if (ec == ecSuccess && (*tags = talloc_array(mem, uint32_t, n ? n : 1)) == NULL)
		ec = ecMAPIOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		const struct sq_prop *p = NULL;
		if (PROP_TYPE(v[i].tag) == PT_ERROR && (p = sq_bag_find(changes, PROP_ID(v[i].tag))) == NULL)
			p = sq_bag_find(base, PROP_ID(v[i].tag));
		(*tags)[i] = p != NULL ? p->pv.tag : v[i].tag;
	}
	if (ec == ecSuccess)
		*count = n;
	talloc_free(tmp);
	return ec;
}

/* What a property change must satisfy before it is accepted (MS-OXCPRPT 3.2.5.3). */
static uint32_t check_settable(const struct sq_object_ops *ops, uint32_t tag)
{
	uint16_t type = PROP_TYPE(tag);
	if (sq_prop_readonly(tag))
		return ecAccessDenied;
	for (const uint32_t *t = ops->typed_tags; *t != 0; t++) {
		uint16_t want = PROP_TYPE(*t);
		if (PROP_ID(*t) == PROP_ID(tag) && type != want &&
		    !(want == PT_UNICODE && type == PT_STRING8))
			return ecPropType; /* MS-OXCDATA 2.4.2 UnexpectedType: the column holds one type */
	}
	if (!mapi_type_valid(type) || type == PT_ERROR || type == PT_NULL || type == PT_OBJECT ||
	    type == PT_UNSPECIFIED)
		return ecPropBadValue;
	return ecSuccess;
}

/* Both set and delete: collect the accepted changes into a bag, then either keep them pending (messages,
 * attachments) or write them now (folders). */
static uint32_t change_props(struct ms_object *o, const struct mapi_propval *values, const uint32_t *tags,
                             uint32_t count, TALLOC_CTX *mem, struct mapi_propproblem **problems,
                             uint32_t *nproblems)
{
	const struct sq_object_ops *ops = object_ops(o);
	if (!ops->writable(o))
		return ecAccessDenied;
	struct sq_bag *base, *pending;
	uint32_t ec = ops->state(o, &base, &pending);
	if (ec != ecSuccess)
		return ec;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_bag *changes = sq_bag_new(tmp);
	*problems = NULL;
	*nproblems = 0;
	for (uint32_t i = 0; ec == ecSuccess && changes != NULL && i < count; i++) {
		uint32_t tag = values ? values[i].tag : tags[i];
		uint32_t problem = check_settable(ops, tag);
		if (problem == ecSuccess && values != NULL) {
			struct mapi_propval pv = values[i];
			if (PROP_TYPE(pv.tag) ==
			    PT_STRING8) /* one type per ID: strings are kept as PtypString */
				pv.tag = CHANGE_PROP_TYPE(pv.tag, PT_UNICODE);
			else if (PROP_TYPE(pv.tag) == PT_MV_STRING8)
				pv.tag = CHANGE_PROP_TYPE(pv.tag, PT_MV_UNICODE);
			ec = sq_bag_put_value(changes, &pv);
		} else if (problem == ecSuccess) {
			ec = sq_bag_mark_deleted(changes, tag);
		}
		if (problem != ecSuccess)
			ec = ms_problem_add(mem, problems, nproblems, i, tag, problem);
	}
	if (changes == NULL)
		ec = ecMAPIOOM;
	if (ec == ecSuccess)
		ec = pending != NULL ? sq_bag_merge(pending, changes) : ops->write(o, changes);
	talloc_free(tmp);
	return ec;
}

uint32_t sq_props_set(struct ms_object *o, const struct mapi_propval *values, uint32_t count, TALLOC_CTX *mem,
                      struct mapi_propproblem **problems, uint32_t *nproblems)
{
	return change_props(o, values, NULL, count, mem, problems, nproblems);
}

uint32_t sq_props_delete(struct ms_object *o, const uint32_t *tags, uint32_t count, TALLOC_CTX *mem,
                         struct mapi_propproblem **problems, uint32_t *nproblems)
{
	return change_props(o, NULL, tags, count, mem, problems, nproblems);
}

/* ---- identity properties of folders and messages ------------------------------------------------------ */

const uint16_t sq_identity_ids[] = {
        PROP_ID(PidTagMid),
        PROP_ID(PidTagFolderId),
        PROP_ID(PidTagParentFolderId),
        PROP_ID(PidTagEntryId),
        PROP_ID(PidTagParentEntryId),
        PROP_ID(PidTagRecordKey),
        PROP_ID(PidTagSourceKey),
        PROP_ID(PidTagInstanceKey),
        PROP_ID(PidTagParentSourceKey),
        PROP_ID(PidTagChangeKey),
        PROP_ID(PidTagPredecessorChangeList),
        PROP_ID(PidTagChangeNumber),
        PROP_ID(PidTagLastModificationTime),
        PROP_ID(PidTagAccess),
        PROP_ID(PidTagAccessLevel),
        PROP_ID(PidTagObjectType),
        0,
};

bool sq_identity_prop(const struct ms_mailbox *mb, const struct sq_identity *id, TALLOC_CTX *mem,
                      uint16_t propid, struct mapi_propval *out)
{
	uint16_t replid = mb->info.replid;
	struct mapi_binary *bin = &out->value.bin;
	out->tag = PROP_TAG(PT_BINARY, propid);
	switch (propid) {
	case PROP_ID(PidTagMid):
		*out = (struct mapi_propval){.tag = PidTagMid, .value.i64 = (int64_t)id->id};
		return id->is_message;
	case PROP_ID(PidTagFolderId): /* a message's is its folder's */
		*out = (struct mapi_propval){.tag = PidTagFolderId,
		                             .value.i64 =
		                                     (int64_t)(id->is_message ? id->parent_fid : id->id)};
		return true;
	case PROP_ID(PidTagParentFolderId):
		*out = (struct mapi_propval){.tag = PidTagParentFolderId,
		                             .value.i64 = (int64_t)id->parent_fid};
		return id->parent_fid != 0;
	case PROP_ID(PidTagEntryId):
		if (id->is_message)
			return id->cn != 0 &&
			       ms_message_entryid(mem, mb, id->parent_fid, id->id, bin) == ecSuccess;
		return ms_folder_entryid(mem, mb, id->id, bin) == ecSuccess;
	case PROP_ID(PidTagParentEntryId):
		return id->parent_fid != 0 && ms_folder_entryid(mem, mb, id->parent_fid, bin) == ecSuccess;
	case PROP_ID(PidTagRecordKey):
	case PROP_ID(PidTagSourceKey):
	case PROP_ID(PidTagInstanceKey):
		return ms_xid(mem, mb, mapi_fid_globcnt(id->id), bin) == ecSuccess;
	case PROP_ID(PidTagParentSourceKey):
		if (id->parent_fid == 0) { /* the root: an empty key */
			*bin = (struct mapi_binary){0, talloc_size(mem, 1)};
			return bin->data != NULL;
		}
		return ms_xid(mem, mb, mapi_fid_globcnt(id->parent_fid), bin) == ecSuccess;
	case PROP_ID(PidTagChangeKey):
		return id->cn != 0 && ms_xid(mem, mb, id->cn, bin) == ecSuccess;
	case PROP_ID(PidTagPredecessorChangeList):
		return id->cn != 0 && ms_pcl(mem, mb, id->cn, bin) == ecSuccess;
	case PROP_ID(PidTagChangeNumber):
		*out = (struct mapi_propval){.tag = PidTagChangeNumber,
		                             .value.i64 = (int64_t)mapi_fid_make(replid, id->cn)};
		return id->cn != 0;
	case PROP_ID(PidTagLastModificationTime):
		*out = (struct mapi_propval){.tag = PidTagLastModificationTime,
		                             .value.time = (uint64_t)id->mtime};
		return id->cn != 0;
	case PROP_ID(PidTagAccess):
		*out = (struct mapi_propval){.tag = PidTagAccess, .value.i32 = id->access};
		return true;
	case PROP_ID(PidTagAccessLevel):
		*out = (struct mapi_propval){.tag = PidTagAccessLevel, .value.i32 = id->writable ? 1 : 0};
		return true;
	case PROP_ID(PidTagObjectType):
		/* MAPI_FOLDER 3, MAPI_MESSAGE 5 */
		*out = (struct mapi_propval){.tag = PidTagObjectType, .value.i32 = id->is_message ? 5 : 3};
		return true;
	}
	return false;
}

/* ---- the object's effective state, for streams ----------------------------------------------------------
 */

const struct sq_prop *sq_object_prop(struct ms_object *o, uint16_t propid)
{
	struct sq_bag *base, *changes;
	if (object_ops(o)->state(o, &base, &changes) != ecSuccess)
		return NULL;
	return sq_bag_lookup(base, changes, propid);
}

bool sq_object_writable(struct ms_object *o)
{
	return object_ops(o)->writable(o);
}

uint32_t sq_object_apply(struct ms_object *o, const struct sq_bag *changes)
{
	const struct sq_object_ops *ops = object_ops(o);
	struct sq_bag *base, *pending;
	uint32_t ec = ops->state(o, &base, &pending);
	if (ec != ecSuccess)
		return ec;
	return pending != NULL ? sq_bag_merge(pending, changes) : ops->write(o, changes);
}
