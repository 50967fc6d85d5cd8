/* SQLite backend: recipients (MS-OXCMSG 2.2.3.4 - 2.2.3.6), attachments and embedded messages
 * (MS-OXCMSG 3.2.5.12 - 3.2.5.17): their pending state inside a message, and how a save writes them. */
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/backends/sqlite/sqlite-private.h"

#define ATTACH_EMBEDDED_MSG 5 /* PidTagAttachMethod afEmbeddedMessage, MS-OXCMSG 2.2.2.9 */

/* ---- loading ------------------------------------------------------------------------------------------ */

uint32_t sq_recipients_load(struct sq_backend *b, struct sq_msgstate *st)
{
	if (st->recipients_loaded)
		return ecSuccess;
	sqlite3_stmt *q = sq_prepare(b, "SELECT rid, row_id FROM recipients WHERE mid = ?1 ORDER BY row_id");
	if (q == NULL)
		return ecError;
	sqlite3_bind_int64(q, 1, st->counter);
	int64_t *rids = NULL;
	uint32_t n = 0, ec = ecSuccess;
	struct sq_recipient *r = talloc_array(st, struct sq_recipient, 0);
	while (r != NULL && sqlite3_step(q) == SQLITE_ROW) {
		r = talloc_realloc(st, r, struct sq_recipient, n + 1);
		int64_t *a = talloc_realloc(NULL, rids, int64_t, n + 1);
		if (r == NULL || a == NULL) {
			rids = a ? a : rids;
			break;
		}
		rids = a;
		rids[n] = sqlite3_column_int64(q, 0);
		r[n].row_id = (uint32_t)sqlite3_column_int64(q, 1);
		r[n].bag = sq_bag_new(r);
		n++;
	}
	sqlite3_reset(q);
	if (r == NULL)
		ec = ecMAPIOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		ec = r[i].bag ? sq_props_load(b, SQ_KIND_RECIPIENT, rids[i], r[i].bag) : ecMAPIOOM;
	talloc_free(rids);
	if (ec != ecSuccess) {
		talloc_free(r);
		return ec;
	}
	st->recipients = r;
	st->nrecipients = n;
	st->recipients_loaded = true;
	return ecSuccess;
}

uint32_t sq_attachments_load(struct sq_backend *b, struct sq_msgstate *st)
{
	if (st->attachments_loaded)
		return ecSuccess;
	sqlite3_stmt *q = sq_prepare(
	        b, "SELECT a.aid, a.attach_num, (SELECT mid FROM messages WHERE parent_aid = a.aid)"
	           " FROM attachments a WHERE a.mid = ?1 ORDER BY a.attach_num");
	if (q == NULL)
		return ecError;
	sqlite3_bind_int64(q, 1, st->counter);
	uint32_t n = 0, ec = ecSuccess;
	struct sq_attstate *a = talloc_array(st, struct sq_attstate, 0);
	while (a != NULL && sqlite3_step(q) == SQLITE_ROW) {
		a = talloc_realloc(st, a, struct sq_attstate, n + 1);
		if (a == NULL)
			break;
		memset(&a[n], 0, sizeof a[n]);
		a[n].aid = sqlite3_column_int64(q, 0);
		a[n].attach_num = (uint32_t)sqlite3_column_int64(q, 1);
		a[n].embedded_counter = sqlite3_column_int64(q, 2);
		n++;
	}
	sqlite3_reset(q);
	if (a == NULL)
		ec = ecMAPIOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		a[i].base = sq_bag_new(a);
		a[i].changes = sq_bag_new(a);
		ec = a[i].base && a[i].changes ? sq_props_load(b, SQ_KIND_ATTACHMENT, a[i].aid, a[i].base)
		                               : ecMAPIOOM;
		if (a[i].attach_num >= st->next_attach_num)
			st->next_attach_num = a[i].attach_num + 1;
	}
	if (ec != ecSuccess) {
		talloc_free(a);
		return ec;
	}
	st->attachments = a;
	st->nattachments = n;
	st->attachments_loaded = true;
	return ecSuccess;
}

/* ---- copies of pending state (a child's save copies its state into its parent) --------------------------
 */

static bool attstate_copy_into(TALLOC_CTX *mem, struct sq_attstate *dst, const struct sq_attstate *src)
{
	*dst = *src;
	dst->base = sq_bag_copy(mem, src->base);
	dst->changes = sq_bag_copy(mem, src->changes);
	dst->embedded = src->embedded ? sq_msgstate_copy(mem, src->embedded) : NULL;
	return dst->base && dst->changes && (src->embedded == NULL || dst->embedded != NULL);
}

struct sq_msgstate *sq_msgstate_copy(TALLOC_CTX *mem, const struct sq_msgstate *src)
{
	struct sq_msgstate *s = talloc_zero(mem, struct sq_msgstate);
	if (s == NULL)
		return NULL;
	*s = *src;
	s->base = sq_bag_copy(s, src->base);
	s->changes = sq_bag_copy(s, src->changes);
	s->recipients = talloc_array(s, struct sq_recipient, src->nrecipients ? src->nrecipients : 1);
	s->attachments = talloc_array(s, struct sq_attstate, src->nattachments ? src->nattachments : 1);
	bool ok = s->base && s->changes && s->recipients && s->attachments;
	for (uint32_t i = 0; ok && i < src->nrecipients; i++) {
		s->recipients[i].row_id = src->recipients[i].row_id;
		ok = (s->recipients[i].bag = sq_bag_copy(s->recipients, src->recipients[i].bag)) != NULL;
	}
	for (uint32_t i = 0; ok && i < src->nattachments; i++)
		ok = attstate_copy_into(s->attachments, &s->attachments[i], &src->attachments[i]);
	if (!ok) {
		talloc_free(s);
		return NULL;
	}
	return s;
}

/* ---- writing (inside the top-level message's save transaction) ----------------------------------------- */

static uint32_t attachment_remove(struct sq_backend *b, int64_t aid)
{
	int64_t *ids;
	uint32_t n;
	uint32_t ec = sq_ids_of(b, "SELECT mid FROM messages WHERE parent_aid = ?1", aid, NULL, &ids, &n);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		ec = sq_message_remove(b, ids[i]);
	talloc_free(ids);
	if (ec == ecSuccess)
		ec = sq_props_remove_all(b, SQ_KIND_ATTACHMENT, aid);
	static const char *const del[] = {"DELETE FROM attachments WHERE aid = ?1"};
	return ec == ecSuccess ? sq_run_steps(b, del, 1, &aid, 1) : ec;
}

static uint32_t recipients_remove(struct sq_backend *b, int64_t counter)
{
	int64_t *ids;
	uint32_t n;
	uint32_t ec = sq_ids_of(b, "SELECT rid FROM recipients WHERE mid = ?1", counter, NULL, &ids, &n);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		ec = sq_props_remove_all(b, SQ_KIND_RECIPIENT, ids[i]);
	talloc_free(ids);
	static const char *const del[] = {"DELETE FROM recipients WHERE mid = ?1"};
	return ec == ecSuccess ? sq_run_steps(b, del, 1, &counter, 1) : ec;
}

uint32_t sq_children_remove(struct sq_backend *b, int64_t counter)
{
	int64_t *ids = NULL;
	uint32_t n = 0;
	uint32_t ec = recipients_remove(b, counter);
	if (ec == ecSuccess)
		ec = sq_ids_of(b, "SELECT aid FROM attachments WHERE mid = ?1", counter, NULL, &ids, &n);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		ec = attachment_remove(b, ids[i]);
	talloc_free(ids);
	return ec;
}

/* Inserts a row ("INSERT ... VALUES (?1, ?2) RETURNING <id>") and gives its new id. */
static uint32_t insert_row(struct sq_backend *b, const char *sql, int64_t a, int64_t c, int64_t *id)
{
	sqlite3_stmt *st = sq_prepare(b, sql);
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, c);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(st, 0);
	sqlite3_reset(st);
	return rc == SQLITE_ROW ? ecSuccess : sq_error(b, rc);
}

uint32_t sq_children_store(struct sq_backend *b, struct sq_msgstate *st, int64_t counter)
{
	uint32_t ec = ecSuccess;
	if (st->recipients_dirty) {
		ec = recipients_remove(b, counter);
		for (uint32_t i = 0; ec == ecSuccess && i < st->nrecipients; i++) {
			int64_t rid;
			ec = insert_row(b,
			                "INSERT INTO recipients(mid, row_id) VALUES (?1, ?2) RETURNING rid",
			                counter, st->recipients[i].row_id, &rid);
			if (ec == ecSuccess)
				ec = sq_props_store(b, SQ_KIND_RECIPIENT, rid, st->recipients[i].bag, true);
		}
	}
	for (uint32_t i = 0; ec == ecSuccess && st->attachments_loaded && i < st->nattachments; i++) {
		struct sq_attstate *a = &st->attachments[i];
		if (a->deleted) {
			if (a->aid != 0)
				ec = attachment_remove(b, a->aid);
			continue;
		}
		if (a->aid == 0) {
			ec = insert_row(
			        b, "INSERT INTO attachments(mid, attach_num) VALUES (?1, ?2) RETURNING aid",
			        counter, a->attach_num, &a->aid);
			if (ec == ecSuccess)
				ec = sq_props_store(b, SQ_KIND_ATTACHMENT, a->aid, a->base, true);
			if (ec == ecSuccess)
				ec = sq_props_store(b, SQ_KIND_ATTACHMENT, a->aid, a->changes,
				                    a->base->count == 0);
		} else {
			ec = sq_props_store(b, SQ_KIND_ATTACHMENT, a->aid, a->changes, false);
		}
		if (ec == ecSuccess && a->embedded != NULL) {
			uint64_t cn;
			a->embedded->parent_aid = a->aid;
			a->embedded->fid_counter = 0;
			ec = sq_new_id(b, MS_IDS_CHANGE, &cn);
			if (ec == ecSuccess)
				ec = sq_msgstate_store(b, a->embedded, (int64_t)cn);
		}
	}
	return ec;
}

uint32_t sq_children_copy(struct sq_backend *b, int64_t from, int64_t to)
{
	int64_t *ids;
	uint32_t n;
	uint32_t ec = sq_ids_of(b, "SELECT rid FROM recipients WHERE mid = ?1", from, NULL, &ids, &n);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		int64_t rid;
		ec = insert_row(
		        b,
		        "INSERT INTO recipients(mid, row_id) SELECT ?1, row_id FROM recipients WHERE rid = ?2"
		        " RETURNING rid",
		        to, ids[i], &rid);
		if (ec == ecSuccess)
			ec = sq_props_copy(b, SQ_KIND_RECIPIENT, ids[i], rid);
	}
	talloc_free(ids);
	if (ec == ecSuccess)
		ec = sq_ids_of(b, "SELECT aid FROM attachments WHERE mid = ?1", from, NULL, &ids, &n);
	else
		return ec;
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		int64_t aid, *emb, dummy;
		uint32_t ne;
		ec = insert_row(
		        b,
		        "INSERT INTO attachments(mid, attach_num) SELECT ?1, attach_num FROM attachments"
		        " WHERE aid = ?2 RETURNING aid",
		        to, ids[i], &aid);
		if (ec == ecSuccess)
			ec = sq_props_copy(b, SQ_KIND_ATTACHMENT, ids[i], aid);
		if (ec == ecSuccess)
			ec = sq_ids_of(b, "SELECT mid FROM messages WHERE parent_aid = ?1", ids[i], ids, &emb,
			               &ne);
		for (uint32_t j = 0; ec == ecSuccess && j < ne; j++)
			ec = sq_message_duplicate(b, emb[j], 0, aid, &dummy);
	}
	talloc_free(ids);
	return ec;
}

uint32_t sq_children_pending(struct sq_backend *b, struct sq_msgstate *st)
{
	static const char *const clear[] = {
	        "DELETE FROM pend.recipients",
	        "DELETE FROM pend.attachments",
	        "DELETE FROM pend.props",
	        "DELETE FROM pend.mvprops",
	};
	uint32_t ec = sq_recipients_load(b, st);
	if (ec == ecSuccess)
		ec = sq_attachments_load(b, st);
	if (ec == ecSuccess)
		ec = sq_run_steps(b, clear, sizeof clear / sizeof clear[0], NULL, 0);
	for (uint32_t i = 0; ec == ecSuccess && i < st->nrecipients; i++) {
		int64_t rid;
		ec = insert_row(b, "INSERT INTO pend.recipients(mid, row_id) VALUES (?1, ?2) RETURNING rid",
		                st->counter, st->recipients[i].row_id, &rid);
		if (ec == ecSuccess)
			ec = sq_props_store_pending(b, SQ_KIND_RECIPIENT, rid, st->recipients[i].bag);
	}
	for (uint32_t i = 0; ec == ecSuccess && i < st->nattachments; i++) {
		const struct sq_attstate *a = &st->attachments[i];
		if (a->deleted)
			continue;
		int64_t aid;
		struct sq_bag *merged = sq_bag_copy(NULL, a->base);
		ec = merged ? sq_bag_apply(merged, a->changes) : ecMAPIOOM;
		if (ec == ecSuccess)
			ec = insert_row(
			        b,
			        "INSERT INTO pend.attachments(mid, attach_num) VALUES (?1, ?2) RETURNING aid",
			        st->counter, a->attach_num, &aid);
		if (ec == ecSuccess)
			ec = sq_props_store_pending(b, SQ_KIND_ATTACHMENT, aid, merged);
		talloc_free(merged);
	}
	return ec;
}

/* ---- recipients -----------------------------------------------------------------------------------------
 */

uint32_t sq_modify_recipients(struct ms_message *mm, const struct ms_recipient *rows, uint32_t count)
{
	struct sq_message *m = (struct sq_message *)mm;
	if (!m->writable)
		return ecAccessDenied;
	struct sq_msgstate *st = m->st;
	uint32_t ec = sq_recipients_load(sq_be(mm->obj.be), st);
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++) {
		uint32_t j = 0;
		while (j < st->nrecipients && st->recipients[j].row_id != rows[i].row_id)
			j++;
		if (rows[i].count == 0) { /* an empty row deletes the recipient (MS-OXCMSG 3.2.5.5) */
			if (j < st->nrecipients) {
				talloc_free(st->recipients[j].bag);
				memmove(&st->recipients[j], &st->recipients[j + 1],
				        (st->nrecipients - j - 1) * sizeof st->recipients[0]);
				st->nrecipients--;
			}
			continue;
		}
		struct sq_bag *bag = sq_bag_new(st);
		for (uint32_t k = 0; bag != NULL && ec == ecSuccess && k < rows[i].count; k++) {
			struct mapi_propval pv = rows[i].props[k];
			if (PROP_TYPE(pv.tag) == PT_STRING8)
				pv.tag = CHANGE_PROP_TYPE(pv.tag, PT_UNICODE);
			ec = sq_prop_readonly(pv.tag) && PROP_ID(pv.tag) != PROP_ID(PidTagRowid)
			             ? ecSuccess
			             : sq_bag_put_value(bag, &pv);
		}
		if (bag == NULL)
			ec = ecMAPIOOM;
		if (ec != ecSuccess)
			break;
		if (j == st->nrecipients) {
			struct sq_recipient *r =
			        talloc_realloc(st, st->recipients, struct sq_recipient, j + 1);
			if (r == NULL)
				return ecMAPIOOM;
			st->recipients = r;
			st->nrecipients++;
			/* keep RowId order */
			while (j > 0 && r[j - 1].row_id > rows[i].row_id) {
				r[j] = r[j - 1];
				j--;
			}
		} else {
			talloc_free(st->recipients[j].bag);
		}
		st->recipients[j].row_id = rows[i].row_id;
		st->recipients[j].bag = bag;
	}
	if (ec == ecSuccess)
		st->recipients_dirty = true;
	return ec;
}

uint32_t sq_read_recipients(struct ms_message *mm, uint32_t first_row_id, TALLOC_CTX *mem,
                            struct ms_recipient **rows, uint32_t *count)
{
	struct sq_message *m = (struct sq_message *)mm;
	struct sq_msgstate *st = m->st;
	uint32_t ec = sq_recipients_load(sq_be(mm->obj.be), st);
	if (ec != ecSuccess)
		return ec;
	struct ms_recipient *out =
	        talloc_zero_array(mem, struct ms_recipient, st->nrecipients ? st->nrecipients : 1);
	uint32_t n = 0;
	for (uint32_t i = 0; out != NULL && i < st->nrecipients; i++) {
		const struct sq_recipient *r = &st->recipients[i];
		if (r->row_id < first_row_id)
			continue;
		out[n].row_id = r->row_id;
		out[n].props = talloc_zero_array(out, struct mapi_propval, r->bag->count + 1);
		if (out[n].props == NULL)
			return ecMAPIOOM;
		for (uint32_t k = 0; k < r->bag->count; k++)
			if (sq_prop_output(out[n].props,
			                   PROP_TAG(PT_UNSPECIFIED, PROP_ID(r->bag->props[k].pv.tag)),
			                   &r->bag->props[k], &out[n].props[out[n].count]))
				out[n].count++;
		n++;
	}
	if (out == NULL)
		return ecMAPIOOM;
	if (n == 0) {
		talloc_free(out);
		return ecNotFound;
	}
	*rows = out;
	*count = n;
	return ecSuccess;
}

uint32_t sq_remove_all_recipients(struct ms_message *mm)
{
	struct sq_message *m = (struct sq_message *)mm;
	if (!m->writable)
		return ecAccessDenied;
	talloc_free(m->st->recipients);
	m->st->recipients = NULL;
	m->st->nrecipients = 0;
	m->st->recipients_loaded = m->st->recipients_dirty = true;
	return ecSuccess;
}

/* ---- attachments -----------------------------------------------------------------------------------------
 */

static struct sq_attstate *find_att(struct sq_msgstate *st, uint32_t num)
{
	for (uint32_t i = 0; i < st->nattachments; i++)
		if (st->attachments[i].attach_num == num && !st->attachments[i].deleted)
			return &st->attachments[i];
	return NULL;
}

static uint32_t attachment_object(struct sq_message *m, const struct sq_attstate *src, bool writable,
                                  struct ms_attachment **out)
{
	struct sq_attachment *a = talloc_zero(m, struct sq_attachment);
	if (a == NULL)
		return ecMAPIOOM;
	a->base.obj =
	        (struct ms_object){.mb = m->base.obj.mb, .be = m->base.obj.be, .kind = MS_OBJ_ATTACHMENT};
	a->base.msg = &m->base;
	a->base.attach_num = src->attach_num;
	a->writable = writable;
	a->st = talloc_zero(a, struct sq_attstate);
	if (a->st == NULL || !attstate_copy_into(a->st, a->st, src)) {
		talloc_free(a);
		return ecMAPIOOM;
	}
	*out = &a->base;
	return ecSuccess;
}

uint32_t sq_attachment_create(struct ms_message *mm, struct ms_attachment **out, uint32_t *attach_num)
{
	struct sq_message *m = (struct sq_message *)mm;
	if (!m->writable)
		return ecAccessDenied;
	uint32_t ec = sq_attachments_load(sq_be(mm->obj.be), m->st);
	if (ec != ecSuccess)
		return ec;
	/* the attachment exists (in the message) once saved; until then it is only the object's */
	struct sq_attstate fresh = {.attach_num = m->st->next_attach_num++};
	TALLOC_CTX *tmp = talloc_new(NULL);
	fresh.base = sq_bag_new(tmp);
	fresh.changes = sq_bag_new(tmp);
	ec = fresh.base && fresh.changes ? attachment_object(m, &fresh, true, out) : ecMAPIOOM;
	talloc_free(tmp);
	if (ec == ecSuccess)
		*attach_num = fresh.attach_num;
	return ec;
}

uint32_t sq_attachment_open(struct ms_message *mm, uint32_t attach_num, uint8_t mode,
                            struct ms_attachment **out)
{
	struct sq_message *m = (struct sq_message *)mm;
	uint32_t ec = sq_attachments_load(sq_be(mm->obj.be), m->st);
	if (ec != ecSuccess)
		return ec;
	const struct sq_attstate *a = find_att(m->st, attach_num);
	if (a == NULL)
		return ecNotFound;
	return attachment_object(m, a, m->writable && (mode & MS_OPEN_READWRITE), out);
}

uint32_t sq_attachment_delete(struct ms_message *mm, uint32_t attach_num)
{
	struct sq_message *m = (struct sq_message *)mm;
	if (!m->writable)
		return ecAccessDenied;
	uint32_t ec = sq_attachments_load(sq_be(mm->obj.be), m->st);
	if (ec != ecSuccess)
		return ec;
	struct sq_attstate *a = find_att(m->st, attach_num);
	if (a == NULL)
		return ecNotFound;
	a->deleted = true; /* 3.2.5.15: takes effect with the message's save */
	return ecSuccess;
}

uint32_t sq_attachment_save(struct ms_attachment *aa)
{
	struct sq_attachment *a = (struct sq_attachment *)aa;
	struct sq_message *m = (struct sq_message *)aa->msg;
	if (!a->writable)
		return ecAccessDenied;
	struct sq_msgstate *st = m->st;
	uint32_t ec = sq_attachments_load(sq_be(aa->obj.be), st);
	if (ec != ecSuccess)
		return ec;
	struct sq_attstate *slot = find_att(st, a->st->attach_num);
	if (slot == NULL) {
		struct sq_attstate *list =
		        talloc_realloc(st, st->attachments, struct sq_attstate, st->nattachments + 1);
		if (list == NULL)
			return ecMAPIOOM;
		st->attachments = list;
		slot = &list[st->nattachments++];
	}
	/* 3.2.5.14: the attachment's changes become part of the message (saved with it) */
	return attstate_copy_into(st->attachments, slot, a->st) ? ecSuccess : ecMAPIOOM;
}

uint32_t sq_attachment_open_embedded(struct ms_attachment *aa, uint8_t mode, struct ms_message **out)
{
	struct sq_attachment *a = (struct sq_attachment *)aa;
	struct sq_message *parent = (struct sq_message *)aa->msg;
	struct sq_backend *b = sq_be(aa->obj.be);
	struct sq_msgstate *st = NULL;
	uint32_t ec = ecSuccess;
	if (a->st->embedded != NULL) {
		st = sq_msgstate_copy(NULL, a->st->embedded);
	} else if (a->st->embedded_counter != 0) {
		ec = sq_msgstate_load(b, NULL, a->st->embedded_counter, &st);
	} else {
		if (!(mode & MS_OPEN_CREATE))
			return ecNotFound;
		if (!a->writable)
			return ecAccessDenied;
		uint64_t c;
		ec = sq_new_id(b, MS_IDS_OBJECT, &c);
		if (ec != ecSuccess)
			return ec;
		st = talloc_zero(NULL, struct sq_msgstate);
		if (st != NULL) {
			st->counter = (int64_t)c;
			st->base = sq_bag_new(st);
			st->changes = sq_bag_new(st);
			st->recipients_loaded = st->attachments_loaded = true;
			st->read = true;
		}
		struct mapi_propval pv = {.tag = PidTagAttachMethod, .value.i32 = ATTACH_EMBEDDED_MSG};
		if (st != NULL)
			ec = sq_bag_put_value(a->st->changes, &pv);
	}
	if (ec != ecSuccess)
		return ec;
	if (st == NULL || (st->recipients_loaded == false && (ec = sq_recipients_load(b, st)) != ecSuccess) ||
	    (st->attachments_loaded == false && (ec = sq_attachments_load(b, st)) != ecSuccess)) {
		talloc_free(st);
		return st == NULL ? ecMAPIOOM : ec;
	}
	struct sq_message *m = talloc_zero(a, struct sq_message);
	if (m == NULL) {
		talloc_free(st);
		return ecMAPIOOM;
	}
	m->base.obj = (struct ms_object){.mb = aa->obj.mb, .be = aa->obj.be, .kind = MS_OBJ_MESSAGE};
	m->base.fid = parent->base.fid;
	m->base.mid = mapi_fid_make(aa->obj.mb->info.replid, (uint64_t)st->counter);
	m->st = talloc_steal(m, st);
	m->change_number = st->cn;
	m->writable = a->writable && (mode & (MS_OPEN_READWRITE | MS_OPEN_CREATE));
	m->parent_att = a;
	*out = &m->base;
	return ecSuccess;
}

/* ---- attachment properties --------------------------------------------------------------------------------
 */

static uint32_t attachment_state(struct ms_object *o, struct sq_bag **base, struct sq_bag **changes)
{
	struct sq_attachment *a = (struct sq_attachment *)o;
	*base = a->st->base;
	*changes = a->st->changes;
	return ecSuccess;
}

static bool attachment_writable(struct ms_object *o)
{
	return ((struct sq_attachment *)o)->writable;
}

static const uint16_t attachment_computed_ids[] = {
        PROP_ID(PidTagAttachNumber),
        PROP_ID(PidTagRecordKey),
        PROP_ID(PidTagInstanceKey),
        PROP_ID(PidTagAttachSize),
        PROP_ID(PidTagAccessLevel),
        PROP_ID(PidTagObjectType),
        0,
};

static bool attachment_computed(struct ms_object *o, TALLOC_CTX *mem, uint16_t propid,
                                struct mapi_propval *out)
{
	struct sq_attachment *a = (struct sq_attachment *)o;
	switch (propid) {
	case PROP_ID(PidTagAttachNumber):
		*out = (struct mapi_propval){.tag = PidTagAttachNumber,
		                             .value.i32 = (int32_t)a->st->attach_num};
		return true;
	case PROP_ID(PidTagRecordKey):
	case PROP_ID(PidTagInstanceKey): {
		/* unique within the mailbox: the message's counter and the attachment number */
		uint8_t *d = talloc_size(mem, 12);
		if (d == NULL)
			return false;
		uint64_t c = mapi_fid_globcnt(a->base.msg->mid);
		for (int i = 0; i < 8; i++)
			d[i] = (uint8_t)(c >> (8 * i));
		for (int i = 0; i < 4; i++)
			d[8 + i] = (uint8_t)(a->st->attach_num >> (8 * i));
		*out = (struct mapi_propval){.tag = PROP_TAG(PT_BINARY, propid), .value.bin = {12, d}};
		return true;
	}
	case PROP_ID(PidTagAttachSize): {
		uint64_t size = 0;
		const struct sq_bag *bags[2] = {a->st->changes, a->st->base};
		for (int k = 0; k < 2; k++)
			for (uint32_t i = 0; i < bags[k]->count; i++) {
				const struct sq_prop *p = &bags[k]->props[i];
				if (p->deleted || (k == 1 && sq_bag_find(a->st->changes, PROP_ID(p->pv.tag))))
					continue;
				size += p->bid                               ? p->size
				        : PROP_TYPE(p->pv.tag) == PT_BINARY  ? p->pv.value.bin.len
				        : PROP_TYPE(p->pv.tag) == PT_UNICODE ? strlen(p->pv.value.str)
				                                             : 8;
			}
		*out = (struct mapi_propval){.tag = PidTagAttachSize, .value.i32 = (int32_t)size};
		return true;
	}
	case PROP_ID(PidTagAccessLevel):
		*out = (struct mapi_propval){.tag = PidTagAccessLevel, .value.i32 = a->writable ? 1 : 0};
		return true;
	case PROP_ID(PidTagObjectType):
		*out = (struct mapi_propval){.tag = PidTagObjectType, .value.i32 = 7 /* MAPI_ATTACH */};
		return true;
	}
	return false;
}

static uint32_t attachment_no_write(struct ms_object *o, const struct sq_bag *changes)
{
	return ecNotSupported;
}

static const uint32_t attachment_typed_tags[] = {0};

const struct sq_object_ops sq_attachment_object_ops = {
        .state = attachment_state,
        .computed = attachment_computed,
        .computed_ids = attachment_computed_ids,
        .typed_tags = attachment_typed_tags,
        .write = attachment_no_write,
        .writable = attachment_writable,
};
