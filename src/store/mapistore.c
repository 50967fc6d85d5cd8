/* MAPIStore front: backend selection by URI, mailbox contexts, ID allocation and routing, and the public
 * functions, each of which hands its call to the vtable of the backend that serves the object. */
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_error.h"
#include "mapi/mapi_entryid.h"
#include "mapi/mapi_proptags_gen.h"
#include "store/mapistore_private.h"

static const struct ms_backend_ops *const backends[] = {
        &ms_sqlite_backend_ops,
};

const struct ms_backend_ops *ms_backend_lookup(const char *uri, const char **path)
{
	const char *sep = uri ? strstr(uri, "://") : NULL;
	if (sep == NULL)
		return NULL;
	for (size_t i = 0; i < sizeof backends / sizeof backends[0]; i++) {
		size_t n = strlen(backends[i]->scheme);
		if ((size_t)(sep - uri) == n && strncmp(uri, backends[i]->scheme, n) == 0) {
			*path = sep + 3;
			return backends[i];
		}
	}
	return NULL;
}

uint32_t ms_mailbox_add_backend(struct ms_mailbox *mb, const char *uri, bool create, struct ms_backend **out)
{
	for (unsigned i = 0; i < mb->nbackends; i++) {
		if (strcmp(mb->backends[i]->uri, uri) == 0) {
			*out = mb->backends[i];
			return ecSuccess;
		}
	}
	const char *path;
	const struct ms_backend_ops *ops = ms_backend_lookup(uri, &path);
	if (ops == NULL || *path == '\0')
		return ecInvalidParam;
	struct ms_backend **list = talloc_realloc(mb, mb->backends, struct ms_backend *, mb->nbackends + 1);
	if (list == NULL)
		return ecMAPIOOM;
	mb->backends = list;
	struct ms_backend *be;
	uint32_t ec = create ? ops->create(mb, uri, path, &be) : ops->open(mb, uri, path, &be);
	if (ec != ecSuccess)
		return ec;
	mb->backends[mb->nbackends++] = be;
	*out = be;
	return ecSuccess;
}

uint32_t ms_mailbox_create(TALLOC_CTX *mem, const char *uri, const struct wc_guid *mailbox_guid,
                           const struct wc_guid *replica_guid, struct ms_mailbox **out)
{
	struct ms_mailbox *mb = talloc_zero(mem, struct ms_mailbox);
	if (mb == NULL)
		return ecMAPIOOM;
	mb->info.mailbox_guid = *mailbox_guid;
	mb->info.replica_guid = *replica_guid;
	mb->info.replid = MS_REPLID_LOCAL;
	struct ms_backend *be;
	uint32_t ec = ms_mailbox_add_backend(mb, uri, true, &be);
	if (ec != ecSuccess) {
		talloc_free(mb);
		return ec;
	}
	*out = mb;
	return ecSuccess;
}

uint32_t ms_mailbox_open(TALLOC_CTX *mem, const char *uri, struct ms_mailbox **out)
{
	struct ms_mailbox *mb = talloc_zero(mem, struct ms_mailbox);
	if (mb == NULL)
		return ecMAPIOOM;
	struct ms_backend *be;
	uint32_t ec = ms_mailbox_add_backend(mb, uri, false, &be);
	if (ec != ecSuccess) {
		talloc_free(mb);
		return ec;
	}
	*out = mb;
	return ecSuccess;
}

void ms_mailbox_get_info(const struct ms_mailbox *mb, struct ms_mailbox_info *info)
{
	*info = mb->info;
}

uint32_t ms_mailbox_check(struct ms_mailbox *mb, TALLOC_CTX *mem, char **report)
{
	char *all = talloc_strdup(mem, "");
	uint32_t result = ecSuccess;
	for (unsigned i = 0; i < mb->nbackends && all != NULL; i++) {
		char *one = NULL;
		uint32_t ec = mb->backends[i]->ops->check(mb->backends[i], all, &one);
		if (ec != ecSuccess)
			result = ec;
		if (one != NULL && *one != '\0')
			all = talloc_asprintf_append(all, "%s: %s", mb->backends[i]->uri, one);
	}
	if (all == NULL)
		return ecMAPIOOM;
	*report = all;
	return result;
}

uint32_t ms_mailbox_begin_batch(struct ms_mailbox *mb)
{
	for (unsigned i = 0; i < mb->nbackends; i++) {
		uint32_t ec = mb->backends[i]->ops->begin_batch(mb->backends[i]);
		if (ec != ecSuccess) {
			while (i-- > 0)
				mb->backends[i]->ops->end_batch(mb->backends[i], false);
			return ec;
		}
	}
	return ecSuccess;
}

uint32_t ms_mailbox_end_batch(struct ms_mailbox *mb, bool commit)
{
	uint32_t result = ecSuccess;
	for (unsigned i = 0; i < mb->nbackends; i++) {
		uint32_t ec = mb->backends[i]->ops->end_batch(mb->backends[i], commit);
		if (ec != ecSuccess)
			result = ec;
	}
	return result;
}

/* ---- IDs ---------------------------------------------------------------------------------------------- */

/* How many counters one refill reserves: large enough that a bulk import touches the counter rarely, small
 * enough that a crash wastes little of the 48-bit space. */
#define MS_ID_RANGE 64

static uint32_t ids_reserve(struct ms_backend *be, enum ms_id_kind kind, uint32_t count, uint64_t *first)
{
	struct ms_mailbox *mb = be->mb;
	if (mb->disp == NULL)
		return be->ops->reserve_ids(be, kind, count, first);
	uint32_t ec = ms_dispatcher_allocate(mb->disp, mb->name, kind, count, be->uri, first);
	if (ec == ecSuccess && kind == MS_IDS_OBJECT)
		ec = ms_mailbox_add_range(mb, *first, *first + count - 1, be);
	return ec;
}

uint32_t ms_ids_next(struct ms_backend *be, enum ms_id_kind kind, uint64_t *counter)
{
	if (be->id_next[kind] == be->id_end[kind]) {
		uint64_t first;
		uint32_t ec = ids_reserve(be, kind, MS_ID_RANGE, &first);
		if (ec != ecSuccess)
			return ec;
		be->id_next[kind] = first;
		be->id_end[kind] = first + MS_ID_RANGE;
	}
	*counter = be->id_next[kind]++;
	return ecSuccess;
}

void ms_ids_forget(struct ms_backend *be)
{
	if (be->mb->disp != NULL)
		return; /* the dispatcher committed its ranges on its own: they stay valid */
	memset(be->id_next, 0, sizeof be->id_next);
	memset(be->id_end, 0, sizeof be->id_end);
}

uint32_t ms_mailbox_allocate_ids(struct ms_mailbox *mb, enum ms_id_kind kind, uint32_t count, uint64_t *first)
{
	if (count == 0 || (kind != MS_IDS_OBJECT && kind != MS_IDS_CHANGE))
		return ecInvalidParam;
	uint64_t c;
	uint32_t ec = ids_reserve(mb->backends[0], kind, count, &c);
	if (ec == ecSuccess)
		*first = mapi_fid_make(mb->info.replid, c);
	return ec;
}

uint32_t ms_mailbox_add_range(struct ms_mailbox *mb, uint64_t first, uint64_t last, struct ms_backend *be)
{
	struct ms_id_range *r = talloc_realloc(mb, mb->ranges, struct ms_id_range, mb->nranges + 1);
	if (r == NULL)
		return ecMAPIOOM;
	mb->ranges = r;
	mb->ranges[mb->nranges++] = (struct ms_id_range){first, last, be};
	return ecSuccess;
}

struct ms_backend *ms_route(struct ms_mailbox *mb, uint64_t id)
{
	if (mb->nbackends == 1)
		return mb->backends[0];
	for (unsigned i = 0; i < mb->nmounts; i++)
		if (mb->mounts[i].fid == id)
			return mb->mounts[i].be;
	uint64_t c = mapi_fid_globcnt(id);
	for (unsigned i = 0; i < mb->nranges; i++)
		if (c >= mb->ranges[i].first && c <= mb->ranges[i].last)
			return mb->ranges[i].be;
	return NULL;
}

/* ---- IDs as bytes: XIDs, entry IDs, change lists (codecs of mapi_ids.h / mapi_entryid.h) --------------- */

static uint32_t finish(struct wc_writer *w, int rc, struct mapi_binary *out)
{
	if (rc != 0 || wc_writer_status(w) != 0) {
		talloc_free(w->data);
		return ecMAPIOOM;
	}
	out->data = w->data;
	out->len = (uint32_t)w->len;
	return ecSuccess;
}

/* A GID of this mailbox: the replica GUID of REPLID 1 and a GlobalCounter. */
static struct mapi_gid gid_of(const struct ms_mailbox *mb, uint64_t counter)
{
	return (struct mapi_gid){.database_guid = mb->info.replica_guid, .globcnt = counter};
}

/* SourceKey and ChangeKey values are XIDs with a 6-byte LocalId (MS-OXCFXICS 2.2.1.2.5, 2.2.1.2.7). */
uint32_t ms_xid(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t counter, struct mapi_binary *out)
{
	struct mapi_gid gid = gid_of(mb, counter);
	struct mapi_xid xid;
	struct wc_writer w;
	mapi_xid_from_gid(&gid, &xid);
	wc_writer_init(&w, mem, MAPI_XID_MAX_SIZE);
	return finish(&w, mapi_xid_push(&w, &xid), out);
}

/* PidTagPredecessorChangeList (MS-OXCFXICS 2.2.1.2.8) of an object whose last change is cn. */
uint32_t ms_pcl(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t cn, struct mapi_binary *out)
{
	struct mapi_gid gid = gid_of(mb, cn);
	struct mapi_xid xid;
	struct wc_writer w;
	struct mapi_pcl *pcl = mapi_pcl_new(NULL);
	mapi_xid_from_gid(&gid, &xid);
	wc_writer_init(&w, mem, 0);
	int rc = pcl == NULL ? WC_ENOMEM : mapi_pcl_add(pcl, &xid);
	if (rc == 0)
		rc = mapi_pcl_push(&w, pcl);
	talloc_free(pcl);
	return finish(&w, rc, out);
}

/* MS-OXCDATA 2.2.4.1 Folder EntryID (eitLTPrivateFolder; ProviderUID is the MailboxGuid). */
uint32_t ms_folder_entryid(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t fid,
                           struct mapi_binary *out)
{
	struct mapi_entryid eid = {.kind = MAPI_ENTRYID_FOLDER};
	eid.folder = (struct mapi_folder_entryid){.provider_uid = mb->info.mailbox_guid,
	                                          .folder_type = MAPI_EIT_LT_PRIVATE_FOLDER,
	                                          .folder = gid_of(mb, mapi_fid_globcnt(fid))};
	struct wc_writer w;
	wc_writer_init(&w, mem, MAPI_FOLDER_ENTRYID_SIZE);
	return finish(&w, mapi_entryid_push(&w, &eid), out);
}

/* MS-OXCDATA 2.2.4.2 Message EntryID (eitLTPrivateMessage). */
uint32_t ms_message_entryid(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t fid, uint64_t mid,
                            struct mapi_binary *out)
{
	struct mapi_entryid eid = {.kind = MAPI_ENTRYID_MESSAGE};
	eid.message = (struct mapi_message_entryid){.provider_uid = mb->info.mailbox_guid,
	                                            .message_type = MAPI_EIT_LT_PRIVATE_MESSAGE,
	                                            .folder = gid_of(mb, mapi_fid_globcnt(fid)),
	                                            .message = gid_of(mb, mapi_fid_globcnt(mid))};
	struct wc_writer w;
	wc_writer_init(&w, mem, MAPI_MESSAGE_ENTRYID_SIZE);
	return finish(&w, mapi_entryid_push(&w, &eid), out);
}

/* ---- Mailbox-wide lookups: served by the root backend ------------------------------------------------ */

uint32_t ms_named_get_id(struct ms_mailbox *mb, const struct mapi_propname *name, bool create,
                         uint16_t *propid)
{
	return mb->backends[0]->ops->named_get_id(mb->backends[0], name, create, propid);
}

uint32_t ms_named_get_name(struct ms_mailbox *mb, uint16_t propid, TALLOC_CTX *mem,
                           struct mapi_propname *name)
{
	return mb->backends[0]->ops->named_get_name(mb->backends[0], propid, mem, name);
}

uint32_t ms_named_list(struct ms_mailbox *mb, TALLOC_CTX *mem, uint16_t **propids,
                       struct mapi_propname **names, uint32_t *count)
{
	return mb->backends[0]->ops->named_list(mb->backends[0], mem, propids, names, count);
}

uint32_t ms_receive_folder_set(struct ms_mailbox *mb, const char *message_class, uint64_t fid)
{
	return mb->backends[0]->ops->receive_folder_set(mb->backends[0], message_class, fid);
}

uint32_t ms_receive_folder_get(struct ms_mailbox *mb, const char *message_class, TALLOC_CTX *mem,
                               uint64_t *fid, char **explicit_class)
{
	return mb->backends[0]->ops->receive_folder_get(mb->backends[0], message_class, mem, fid,
	                                                explicit_class);
}

uint32_t ms_receive_folder_table(struct ms_mailbox *mb, TALLOC_CTX *mem, struct ms_receive_folder **rows,
                                 uint32_t *count)
{
	return mb->backends[0]->ops->receive_folder_table(mb->backends[0], mem, rows, count);
}

uint32_t ms_per_user_set(struct ms_mailbox *mb, const struct ms_per_user *row)
{
	return mb->backends[0]->ops->per_user_set(mb->backends[0], row);
}

uint32_t ms_per_user_get(struct ms_mailbox *mb, const uint8_t *folder, TALLOC_CTX *mem,
                         struct ms_per_user *row)
{
	return mb->backends[0]->ops->per_user_get(mb->backends[0], folder, mem, row);
}

uint32_t ms_per_user_folders(struct ms_mailbox *mb, const struct wc_guid *replguid, TALLOC_CTX *mem,
                             struct ms_per_user **rows, uint32_t *count)
{
	return mb->backends[0]->ops->per_user_folders(mb->backends[0], replguid, mem, rows, count);
}

/* ---- Objects ------------------------------------------------------------------------------------------ */

struct ms_object *ms_folder_object(struct ms_folder *f)
{
	return &f->obj;
}

struct ms_object *ms_message_object(struct ms_message *m)
{
	return &m->obj;
}

struct ms_object *ms_attachment_object(struct ms_attachment *a)
{
	return &a->obj;
}

uint32_t ms_problem_add(TALLOC_CTX *mem, struct mapi_propproblem **problems, uint32_t *n, uint32_t index,
                        uint32_t tag, uint32_t error)
{
	struct mapi_propproblem *p = talloc_realloc(mem, *problems, struct mapi_propproblem, *n + 1);
	if (p == NULL)
		return ecMAPIOOM;
	p[*n] = (struct mapi_propproblem){.index = (uint16_t)index, .tag = tag, .error = error};
	*problems = p;
	(*n)++;
	return ecSuccess;
}

#define OPS(o) ((o)->be->ops)

uint32_t ms_props_get(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
                      struct mapi_propval **values)
{
	if (o->kind == MS_OBJ_STORE)
		return ms_store_props_get(o, mem, tags, count, values);
	return OPS(o)->props_get(o, mem, tags, count, values);
}

uint32_t ms_props_get_all(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values, uint32_t *count)
{
	if (o->kind == MS_OBJ_STORE)
		return ms_store_props_get_all(o, mem, values, count);
	return OPS(o)->props_get_all(o, mem, values, count);
}

uint32_t ms_props_list(struct ms_object *o, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count)
{
	/* a backend names values too large for GetPropertiesAll with their stored type; the store object's
	 * values are all small, so its list is its GetPropertiesAll */
	if (o->kind != MS_OBJ_STORE)
		return OPS(o)->props_list(o, mem, tags, count);
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_propval *vals;
	uint32_t n;
	uint32_t ec = ms_props_get_all(o, tmp, &vals, &n);
	if (ec == ecSuccess) {
		*tags = talloc_array(mem, uint32_t, n ? n : 1);
		if (*tags == NULL)
			ec = ecMAPIOOM;
		for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
			(*tags)[i] = vals[i].tag;
		*count = n;
	}
	talloc_free(tmp);
	return ec;
}

/* The string value of tag (PtypString or PtypString8) among values, or NULL */
static const char *find_string_value(const struct mapi_propval *values, uint32_t count, uint32_t tag)
{
	for (uint32_t i = 0; i < count; i++)
		if (PROP_ID(values[i].tag) == PROP_ID(tag) &&
		    (PROP_TYPE(values[i].tag) == PT_UNICODE || PROP_TYPE(values[i].tag) == PT_STRING8))
			return values[i].value.str;
	return NULL;
}

/* MS-OXCMSG 2.2.1.46: PidTagSubject is PidTagSubjectPrefix followed by PidTagNormalizedSubject, the two equal
 * when there is no prefix. A client that sets only the subject (MAPI clients do; Outlook reads the
 * NormalizedSubject of RopOpenMessage, 3.1.5.13) gets the normalized subject derived from it, with the prefix
 * of the same change or the stored one. */
static uint32_t derive_normalized_subject(struct ms_object *o, const struct mapi_propval *values, uint32_t count)
{
	const char *subject = find_string_value(values, count, PidTagSubject);
	if (subject == NULL || find_string_value(values, count, PidTagNormalizedSubject) != NULL)
		return ecSuccess;
	TALLOC_CTX *tmp = talloc_new(NULL);
	const char *prefix = find_string_value(values, count, PidTagSubjectPrefix);
	struct mapi_propval *stored;
	uint32_t tag = PidTagSubjectPrefix;
	if (prefix == NULL && OPS(o)->props_get(o, tmp, &tag, 1, &stored) == ecSuccess &&
	    PROP_TYPE(stored->tag) == PT_UNICODE)
		prefix = stored->value.str;
	size_t n = prefix != NULL ? strlen(prefix) : 0;
	struct mapi_propval v = {.tag = PidTagNormalizedSubject};
	v.value.str = (char *)(n > 0 && strncmp(subject, prefix, n) == 0 ? subject + n : subject);
	struct mapi_propproblem *problems;
	uint32_t nproblems;
	uint32_t ec = OPS(o)->props_set(o, &v, 1, tmp, &problems, &nproblems);
	talloc_free(tmp);
	return ec;
}

uint32_t ms_props_set(struct ms_object *o, const struct mapi_propval *values, uint32_t count, TALLOC_CTX *mem,
                      struct mapi_propproblem **problems, uint32_t *nproblems)
{
	if (o->kind == MS_OBJ_STORE)
		return ms_store_props_change(o, values, NULL, count, mem, problems, nproblems);
	uint32_t ec = OPS(o)->props_set(o, values, count, mem, problems, nproblems);
	if (ec == ecSuccess && o->kind == MS_OBJ_MESSAGE)
		ec = derive_normalized_subject(o, values, count);
	return ec;
}

uint32_t ms_props_delete(struct ms_object *o, const uint32_t *tags, uint32_t count, TALLOC_CTX *mem,
                         struct mapi_propproblem **problems, uint32_t *nproblems)
{
	if (o->kind == MS_OBJ_STORE)
		return ms_store_props_change(o, NULL, tags, count, mem, problems, nproblems);
	return OPS(o)->props_delete(o, tags, count, mem, problems, nproblems);
}

uint32_t ms_stream_open(struct ms_object *o, uint32_t tag, uint8_t mode, struct ms_stream **out)
{
	if (o->kind == MS_OBJ_STORE)
		return ecNotSupported; /* MS-OXCPRPT 3.2.5.11: streams are on folders, messages, attachments
		                        */
	/* one mode, not flags: READWRITE | CREATE would read as "open an existing value" */
	if (mode > MS_STREAM_CREATE)
		return ecInvalidParam;
	return OPS(o)->stream_open(o, tag, mode, out);
}

uint32_t ms_stream_read(struct ms_stream *s, void *buf, uint32_t size, uint32_t *nread)
{
	return OPS(s)->stream_read(s, buf, size, nread);
}

uint32_t ms_stream_write(struct ms_stream *s, const void *buf, uint32_t size, uint32_t *nwritten)
{
	return OPS(s)->stream_write(s, buf, size, nwritten);
}

uint32_t ms_stream_seek(struct ms_stream *s, uint8_t origin, int64_t offset, uint64_t *position)
{
	return OPS(s)->stream_seek(s, origin, offset, position);
}

uint32_t ms_stream_get_size(struct ms_stream *s, uint64_t *size)
{
	return OPS(s)->stream_get_size(s, size);
}

uint32_t ms_stream_set_size(struct ms_stream *s, uint64_t size)
{
	return OPS(s)->stream_set_size(s, size);
}

uint32_t ms_stream_commit(struct ms_stream *s)
{
	return OPS(s)->stream_commit(s);
}

/* ---- Folders ------------------------------------------------------------------------------------------ */

uint32_t ms_folder_open(struct ms_mailbox *mb, uint64_t fid, TALLOC_CTX *mem, struct ms_folder **out)
{
	struct ms_backend *be = ms_route(mb, fid);
	if (be == NULL || mapi_fid_replid(fid) != mb->info.replid)
		return ecNotFound;
	return be->ops->folder_open(be, fid, mem, out);
}

uint32_t ms_folder_create(struct ms_folder *parent, uint8_t type, const char *name, const char *comment,
                          bool open_existing, struct ms_folder **out, bool *existed)
{
	if (name == NULL || *name == '\0')
		return ecInvalidParam;
	if (type != MS_FOLDER_GENERIC && type != MS_FOLDER_SEARCH)
		return ecInvalidParam;
	return OPS(&parent->obj)->folder_create(parent, type, name, comment, open_existing, out, existed);
}

uint64_t ms_folder_get_id(const struct ms_folder *f)
{
	return f->fid;
}

/* Operations on two folders stay inside one backend; across backends they are not supported yet. */
static bool same_backend(const struct ms_folder *a, const struct ms_folder *b)
{
	return a->obj.be == b->obj.be && a->obj.mb == b->obj.mb;
}

uint32_t ms_folder_delete(struct ms_folder *parent, uint64_t fid, uint8_t flags, bool *partial)
{
	if (flags & ~(MS_DEL_MESSAGES | MS_DEL_FOLDERS | MS_DELETE_HARD_DELETE))
		return ecInvalidParam;
	*partial = false;
	return OPS(&parent->obj)->folder_delete(parent, fid, flags, partial);
}

uint32_t ms_folder_move(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name)
{
	if (!same_backend(src_parent, dst_parent))
		return ecNotSupported;
	return OPS(&src_parent->obj)->folder_move(src_parent, fid, dst_parent, new_name);
}

uint32_t ms_folder_copy(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name, bool recursive, uint64_t *new_fid)
{
	if (!same_backend(src_parent, dst_parent))
		return ecNotSupported;
	return OPS(&src_parent->obj)->folder_copy(src_parent, fid, dst_parent, new_name, recursive, new_fid);
}

uint32_t ms_folder_empty(struct ms_folder *f, bool associated_too, bool hard, bool *partial)
{
	*partial = false;
	return OPS(&f->obj)->folder_empty(f, associated_too, hard, partial);
}

uint32_t ms_folder_get_counts(struct ms_folder *f, struct ms_folder_counts *counts)
{
	return OPS(&f->obj)->folder_get_counts(f, counts);
}

uint32_t ms_folder_delete_messages(struct ms_folder *f, const uint64_t *mids, uint32_t count, bool hard,
                                   bool *partial)
{
	*partial = false;
	return OPS(&f->obj)->folder_delete_messages(f, mids, count, hard, partial);
}

uint32_t ms_folder_move_copy_messages(struct ms_folder *src, struct ms_folder *dst, const uint64_t *mids,
                                      uint32_t count, bool copy, uint64_t *new_mids, bool *partial)
{
	if (!same_backend(src, dst))
		return ecNotSupported;
	*partial = false;
	return OPS(&src->obj)->folder_move_copy_messages(src, dst, mids, count, copy, new_mids, partial);
}

uint32_t ms_folder_set_read_flags(struct ms_folder *f, const uint64_t *mids, uint32_t count,
                                  uint8_t read_flags, bool *partial)
{
	*partial = false;
	return OPS(&f->obj)->folder_set_read_flags(f, mids, count, read_flags, partial);
}

uint32_t ms_folder_set_message_status(struct ms_folder *f, uint64_t mid, uint32_t status, uint32_t mask,
                                      uint32_t *old_status)
{
	return OPS(&f->obj)->folder_set_message_status(f, mid, status, mask, old_status);
}

/* ---- Messages, recipients, attachments ---------------------------------------------------------------- */

uint32_t ms_message_create(struct ms_folder *f, bool associated, struct ms_message **out)
{
	return OPS(&f->obj)->message_create(f, associated, out);
}

uint32_t ms_message_open(struct ms_folder *f, uint64_t mid, uint8_t mode, struct ms_message **out)
{
	return OPS(&f->obj)->message_open(f, mid, mode, out);
}

uint64_t ms_message_get_id(const struct ms_message *m)
{
	return m->mid;
}

uint32_t ms_attachment_get_num(const struct ms_attachment *a)
{
	return a->attach_num;
}

uint64_t ms_message_get_folder_id(const struct ms_message *m)
{
	return m->fid;
}

struct ms_mailbox *ms_object_mailbox(const struct ms_object *o)
{
	return o->mb;
}

uint32_t ms_message_save(struct ms_message *m, uint8_t save_flags)
{
	return OPS(&m->obj)->message_save(m, save_flags);
}

uint32_t ms_message_set_read_flag(struct ms_message *m, uint8_t read_flags, bool *changed)
{
	return OPS(&m->obj)->message_set_read_flag(m, read_flags, changed);
}

uint32_t ms_message_modify_recipients(struct ms_message *m, const struct ms_recipient *rows, uint32_t count)
{
	return OPS(&m->obj)->message_modify_recipients(m, rows, count);
}

uint32_t ms_message_read_recipients(struct ms_message *m, uint32_t first_row_id, TALLOC_CTX *mem,
                                    struct ms_recipient **rows, uint32_t *count)
{
	return OPS(&m->obj)->message_read_recipients(m, first_row_id, mem, rows, count);
}

uint32_t ms_message_remove_all_recipients(struct ms_message *m)
{
	return OPS(&m->obj)->message_remove_all_recipients(m);
}

uint32_t ms_attachment_create(struct ms_message *m, struct ms_attachment **out, uint32_t *attach_num)
{
	return OPS(&m->obj)->attachment_create(m, out, attach_num);
}

uint32_t ms_attachment_open(struct ms_message *m, uint32_t attach_num, uint8_t mode,
                            struct ms_attachment **out)
{
	return OPS(&m->obj)->attachment_open(m, attach_num, mode, out);
}

uint32_t ms_attachment_delete(struct ms_message *m, uint32_t attach_num)
{
	return OPS(&m->obj)->attachment_delete(m, attach_num);
}

uint32_t ms_attachment_save(struct ms_attachment *a)
{
	return OPS(&a->obj)->attachment_save(a);
}

uint32_t ms_attachment_open_embedded(struct ms_attachment *a, uint8_t mode, struct ms_message **out)
{
	return OPS(&a->obj)->attachment_open_embedded(a, mode, out);
}

/* ---- Tables ------------------------------------------------------------------------------------------- */

/* Records the kind of a table that opened. */
static uint32_t table_opened(uint32_t ec, struct ms_table **out, enum ms_table_kind kind)
{
	if (ec == ecSuccess)
		(*out)->kind = (uint8_t)kind;
	return ec;
}

uint32_t ms_folder_hierarchy_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out)
{
	return table_opened(OPS(&f->obj)->hierarchy_table(f, table_flags, out), out, MS_TABLE_HIERARCHY);
}

uint32_t ms_folder_contents_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out)
{
	return table_opened(OPS(&f->obj)->contents_table(f, table_flags, out), out, MS_TABLE_CONTENTS);
}

uint32_t ms_message_attachment_table(struct ms_message *m, struct ms_table **out)
{
	return table_opened(OPS(&m->obj)->attachment_table(m, out), out, MS_TABLE_ATTACHMENT);
}

uint32_t ms_message_recipient_table(struct ms_message *m, struct ms_table **out)
{
	return table_opened(OPS(&m->obj)->recipient_table(m, out), out, MS_TABLE_RECIPIENT);
}

uint32_t ms_table_set_columns(struct ms_table *t, const uint32_t *tags, uint32_t count)
{
	return t->ops->set_columns(t, tags, count);
}

uint32_t ms_table_sort(struct ms_table *t, const struct mapi_sort_order_set *sort)
{
	if (sort->categorized != 0)
		return ecNotSupported; /* categorised views: ExpandRow/CollapseRow are not there yet */
	return t->ops->sort(t, sort);
}

uint32_t ms_table_restrict(struct ms_table *t, const struct mapi_restriction *res)
{
	return t->ops->set_restriction(t, res);
}

uint32_t ms_table_query_rows(struct ms_table *t, TALLOC_CTX *mem, uint32_t row_count, bool forward,
                             bool advance, struct mapi_property_row **rows, uint32_t *count)
{
	return t->ops->query_rows(t, mem, row_count, forward, advance, rows, count);
}

uint32_t ms_table_query_position(struct ms_table *t, uint32_t *numerator, uint32_t *denominator)
{
	return t->ops->query_position(t, numerator, denominator);
}

uint32_t ms_table_seek_row(struct ms_table *t, uint8_t origin, int32_t row_count, int32_t *moved,
                           bool *sought_less)
{
	if (origin > MS_BOOKMARK_END)
		return ecInvalidParam;
	return t->ops->seek_row(t, origin, row_count, moved, sought_less);
}

uint32_t ms_table_seek_fraction(struct ms_table *t, uint32_t numerator, uint32_t denominator)
{
	if (denominator == 0)
		return ecInvalidParam;
	return t->ops->seek_fraction(t, numerator, denominator);
}

uint32_t ms_table_create_bookmark(struct ms_table *t, TALLOC_CTX *mem, struct mapi_binary *bookmark)
{
	return t->ops->create_bookmark(t, mem, bookmark);
}

uint32_t ms_table_seek_bookmark(struct ms_table *t, const struct mapi_binary *bookmark, int32_t row_count,
                                bool *row_no_longer_visible, int32_t *moved, bool *sought_less)
{
	return t->ops->seek_bookmark(t, bookmark, row_count, row_no_longer_visible, moved, sought_less);
}

uint32_t ms_table_free_bookmark(struct ms_table *t, const struct mapi_binary *bookmark)
{
	return t->ops->free_bookmark(t, bookmark);
}

uint32_t ms_table_find_row(struct ms_table *t, const struct mapi_restriction *res, uint8_t origin,
                           const struct mapi_binary *bookmark, bool backward, TALLOC_CTX *mem,
                           struct mapi_property_row *row)
{
	return t->ops->find_row(t, res, origin, bookmark, backward, mem, row);
}

uint32_t ms_table_get_row_count(struct ms_table *t, uint32_t *count)
{
	return t->ops->get_row_count(t, count);
}

enum ms_table_kind ms_table_get_kind(const struct ms_table *t)
{
	return (enum ms_table_kind)t->kind;
}

uint32_t ms_table_get_columns(struct ms_table *t, const uint32_t **tags, uint32_t *count)
{
	return t->ops->get_columns(t, tags, count);
}

uint32_t ms_table_reset(struct ms_table *t)
{
	return t->ops->reset(t);
}

uint32_t ms_table_query_columns_all(struct ms_table *t, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count)
{
	return t->ops->query_columns_all(t, mem, tags, count);
}
