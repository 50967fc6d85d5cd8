/* libmapi objects and the calls of one ROP each (or a few): store (MS-OXCSTOR 2.2.1), folders
 * (MS-OXCFOLD 2.2.1), tables (MS-OXCTABL 2.2.2), messages, recipients and attachments (MS-OXCMSG 2.2.3),
 * properties and streams (MS-OXCPRPT 2.2), submission (MS-OXOMSG 2.2.3). The request layouts are the ROP
 * codec's (mapi/rop_*.h, MS-OXCROPS 2.2); every call here is a batch (batch.c). Results that point into a
 * response keep the batch alive as their talloc child, so freeing the result frees everything. */
#include <string.h>

#include "client/libmapi_private.h"

/* ---- objects ---- */

static int object_destructor(struct mapi_object *o)
{
	struct mapi_session *s = o->session;
	if (s == NULL)
		return 0;
	if (o->prev != NULL)
		o->prev->next = o->next;
	else
		s->objects = o->next;
	if (o->next != NULL)
		o->next->prev = o->prev;
	if (o->generation != s->generation || !s->connected || o->handle == ROP_INVALID_HANDLE)
		return 0;
	/* MS-OXCROPS 2.2.15.3 RopRelease, sent with the next Execute */
	struct mapi_release *n = talloc_realloc(s, s->releases, struct mapi_release, s->release_count + 1);
	if (n != NULL) {
		s->releases = n;
		n[s->release_count++] = (struct mapi_release){.logon_id = o->logon_id, .handle = o->handle};
	}
	if (o->kind == MAPI_OBJ_STORE) {
		s->logons_used[o->logon_id / 8] &= (uint8_t) ~(1u << (o->logon_id % 8));
		s->private_logons[o->logon_id / 8] &= (uint8_t) ~(1u << (o->logon_id % 8));
	}
	return 0;
}

struct mapi_object *mapi_client_object_new(TALLOC_CTX *mem, struct mapi_session *s,
                                           enum mapi_object_kind kind, uint8_t logon_id, uint32_t handle)
{
	struct mapi_object *o = talloc_zero(mem, struct mapi_object);
	if (o == NULL)
		return NULL;
	o->session = s;
	o->kind = kind;
	o->generation = s->generation;
	o->logon_id = logon_id;
	o->handle = handle;
	o->next = s->objects;
	if (s->objects != NULL)
		s->objects->prev = o;
	s->objects = o;
	talloc_set_destructor(o, object_destructor);
	return o;
}

void mapi_client_objects_detach(struct mapi_session *s)
{
	for (struct mapi_object *o = s->objects, *next; o != NULL; o = next) {
		next = o->next;
		o->session = NULL;
		o->prev = o->next = NULL;
	}
	s->objects = NULL;
}

static int copy_tags(struct mapi_object *o, uint32_t **dst, uint16_t *dst_count, uint16_t count,
                     const uint32_t *tags)
{
	if (*dst == tags)
		return 0;
	uint32_t *c = NULL;
	if (count > 0 && tags != NULL) {
		c = talloc_memdup(o, tags, count * sizeof *tags);
		if (c == NULL)
			return WC_ENOMEM;
	}
	talloc_free(*dst);
	*dst = c;
	*dst_count = c != NULL ? count : 0;
	return 0;
}

int mapi_client_object_set_columns(struct mapi_object *o, uint16_t count, const uint32_t *tags)
{
	return copy_tags(o, &o->columns, &o->column_count, count, tags);
}

int mapi_client_object_set_recipient_columns(struct mapi_object *o, uint16_t count, const uint32_t *tags)
{
	return copy_tags(o, &o->recipient_columns, &o->recipient_column_count, count, tags);
}

enum mapi_object_kind mapi_object_kind(const struct mapi_object *o)
{
	return o->kind;
}

struct mapi_session *mapi_object_session(const struct mapi_object *o)
{
	return o->session;
}

uint8_t mapi_object_logon_id(const struct mapi_object *o)
{
	return o->logon_id;
}

uint32_t mapi_object_handle(const struct mapi_object *o)
{
	return o->handle;
}

uint64_t mapi_object_id(const struct mapi_object *o)
{
	return o->id;
}

uint32_t mapi_object_valid(const struct mapi_object *o)
{
	if (o == NULL)
		return ecInvalidParam;
	if (o->session == NULL || o->generation != o->session->generation || !o->session->connected)
		return ecEndOfSession;
	return ecSuccess;
}

/* ---- one ROP on an object ---- */

uint32_t mapi_client_do(struct mapi_object *o, const struct rop_request *q, struct mapi_batch **out,
                        const struct rop_response **rsp)
{
	uint32_t ec = mapi_object_valid(o);
	if (ec != ecSuccess)
		return ec;
	struct mapi_batch *b = mapi_batch_new(NULL, o->session);
	struct rop_request *r = b ? mapi_batch_add(b, q->id, o) : NULL;
	if (r == NULL) {
		talloc_free(b);
		return b ? ecInvalidParam : ecNotEnoughMemory;
	}
	uint8_t logon_id = r->logon_id;
	*r = *q; /* the body; handle indexes are placed when the batch is encoded */
	r->logon_id = logon_id;
	ec = mapi_batch_execute(b);
	const struct rop_response *answer = ec == ecSuccess ? mapi_client_batch_answer(b, 0, &ec) : NULL;
	/* MS-OXCPRPT 3.2.5.8: ecWarnWithErrors still carries a whole response */
	if (answer == NULL && ec == ecWarnWithErrors)
		answer = mapi_batch_response(b, 0);
	if (out == NULL || answer == NULL) {
		talloc_free(b);
		return ec;
	}
	*out = b;
	*rsp = answer;
	return ec;
}

uint32_t mapi_client_open(struct mapi_object *o, const struct rop_request *q, TALLOC_CTX *mem,
                          enum mapi_object_kind kind, struct mapi_object **obj, struct mapi_batch **b,
                          const struct rop_response **rsp)
{
	uint32_t ec = mapi_client_do(o, q, b, rsp);
	if (ec == ecSuccess)
		ec = mapi_batch_object(*b, 0, mem, kind, obj);
	if (ec != ecSuccess && *b != NULL) {
		talloc_free(*b);
		*b = NULL;
	}
	return ec;
}

void mapi_client_keep_with(TALLOC_CTX *mem, const void *ptr, struct mapi_batch *b)
{
	if (ptr == NULL) {
		talloc_free(b);
		return;
	}
	talloc_steal(mem, ptr);
	talloc_steal(ptr, b);
}

/* ---- store ---- */

uint32_t mapi_logon(struct mapi_session *s, TALLOC_CTX *mem, struct mapi_object **store)
{
	if (!s->connected)
		return ecEndOfSession;
	unsigned id = 0;
	while (id < ROP_MAX_HANDLES && (s->logons_used[id / 8] & (1u << (id % 8))))
		id++;
	if (id == ROP_MAX_HANDLES)
		return ecTooBig;
	struct mapi_batch *b = mapi_batch_new(NULL, s);
	struct rop_request *r = b ? mapi_batch_add(b, ROP_LOGON, NULL) : NULL;
	if (r == NULL) {
		talloc_free(b);
		return ecNotEnoughMemory;
	}
	/* MS-OXCSTOR 2.2.1.1.1: the private mailbox of the Essdn; OpenFlags as Outlook sends them */
	r->logon_id = (uint8_t)id;
	r->logon.logon_flags = LOGON_PRIVATE;
	r->logon.open_flags =
	        LOGON_OPEN_USE_PER_MDB_REPLID_MAPPING | LOGON_OPEN_NO_MAIL | 0x800 | LOGON_OPEN_HOME_LOGON;
	r->logon.essdn = s->user_dn;
	struct mapi_object *o = NULL;
	uint32_t ec = mapi_batch_execute(b);
	const struct rop_response *rsp = ec == ecSuccess ? mapi_client_batch_answer(b, 0, &ec) : NULL;
	if (rsp != NULL)
		ec = mapi_batch_object(b, 0, mem, MAPI_OBJ_STORE, &o);
	if (ec == ecSuccess) {
		o->logon = talloc_memdup(o, &rsp->logon, sizeof rsp->logon);
		if (o->logon == NULL) {
			talloc_free(o);
			ec = ecNotEnoughMemory;
		} else {
			o->logon->server_name = NULL;
			o->id = o->logon->folder_ids[LOGON_FID_MAILBOX_ROOT];
			s->logons_used[id / 8] |= (uint8_t)(1u << (id % 8));
			s->private_logons[id / 8] |= (uint8_t)(1u << (id % 8));
			*store = o;
		}
	}
	talloc_free(b);
	return ec;
}

uint64_t mapi_store_folder_id(const struct mapi_object *store, unsigned which)
{
	if (store == NULL || store->kind != MAPI_OBJ_STORE || store->logon == NULL ||
	    which >= LOGON_FOLDER_COUNT)
		return 0;
	return store->logon->folder_ids[which];
}

const struct rop_logon_rsp *mapi_store_logon_info(const struct mapi_object *store)
{
	return store != NULL && store->kind == MAPI_OBJ_STORE ? store->logon : NULL;
}

uint32_t mapi_get_receive_folder(struct mapi_object *store, const char *message_class, uint64_t *fid)
{
	struct rop_request q = {.id = ROP_GET_RECEIVE_FOLDER};
	q.get_receive_folder.message_class = (char *)(message_class ? message_class : "");
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(store, &q, &b, &rsp);
	if (ec == ecSuccess && fid != NULL)
		*fid = rsp->get_receive_folder.folder_id;
	talloc_free(b);
	return ec;
}

/* ---- folders ---- */

/* An open: the new object gets id; the response is not needed. */
static uint32_t open_simple(struct mapi_object *o, const struct rop_request *q, TALLOC_CTX *mem,
                            enum mapi_object_kind kind, struct mapi_object **obj, uint64_t id)
{
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(o, q, mem, kind, obj, &b, &rsp);
	if (ec == ecSuccess)
		(*obj)->id = id;
	talloc_free(b);
	return ec;
}

uint32_t mapi_open_folder(struct mapi_object *parent, uint64_t fid, TALLOC_CTX *mem,
                          struct mapi_object **folder)
{
	struct rop_request q = {.id = ROP_OPEN_FOLDER, .open_folder.folder_id = fid};
	return open_simple(parent, &q, mem, MAPI_OBJ_FOLDER, folder, fid);
}

uint32_t mapi_create_folder(struct mapi_object *parent, const char *name, const char *comment,
                            bool open_existing, TALLOC_CTX *mem, struct mapi_object **folder, uint64_t *fid)
{
	struct rop_request q = {.id = ROP_CREATE_FOLDER};
	q.create_folder.folder_type = FOLDER_GENERIC;
	q.create_folder.use_unicode = 1;
	q.create_folder.open_existing = open_existing;
	q.create_folder.display_name = (char *)name;
	q.create_folder.comment = (char *)(comment ? comment : "");
	struct mapi_object *o = NULL;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(parent, &q, mem, MAPI_OBJ_FOLDER, &o, &b, &rsp);
	if (ec == ecSuccess) {
		o->id = rsp->create_folder.folder_id;
		if (fid != NULL)
			*fid = o->id;
		if (folder != NULL)
			*folder = o;
		else
			talloc_free(o);
	}
	talloc_free(b);
	return ec;
}

/* A request whose response is a PartialCompletion byte (MS-OXCFOLD 2.2.1.3.2 ...): set means something could
 * not be done, reported as ecWarnWithErrors. RopDeleteFolder, RopEmptyFolder, RopDeleteMessages and
 * RopHardDeleteMessages share struct rop_partial_completion_rsp at the start of the response union, and
 * RopMoveCopyMessages, RopMoveFolder, RopCopyFolder struct rop_move_copy_rsp. */
static uint32_t run_partial(struct mapi_object *o, const struct rop_request *q)
{
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(o, q, &b, &rsp);
	bool move_copy =
	        q->id == ROP_MOVE_COPY_MESSAGES || q->id == ROP_MOVE_FOLDER || q->id == ROP_COPY_FOLDER;
	if (ec == ecSuccess &&
	    (move_copy ? rsp->move_copy_messages.partial_completion : rsp->delete_folder.partial_completion))
		ec = ecWarnWithErrors;
	talloc_free(b);
	return ec;
}

uint32_t mapi_delete_folder(struct mapi_object *parent, uint64_t fid, uint8_t flags)
{
	struct rop_request q = {.id = ROP_DELETE_FOLDER};
	q.delete_folder.delete_folder_flags = flags;
	q.delete_folder.folder_id = fid;
	return run_partial(parent, &q);
}

uint32_t mapi_empty_folder(struct mapi_object *folder)
{
	struct rop_request q = {.id = ROP_EMPTY_FOLDER};
	return run_partial(folder, &q);
}

uint32_t mapi_delete_messages(struct mapi_object *folder, uint16_t count, const uint64_t *mids, bool hard)
{
	/* the two requests share struct rop_delete_messages_req at the start of the body union */
	struct rop_request q = {.id = hard ? ROP_HARD_DELETE_MESSAGES : ROP_DELETE_MESSAGES};
	q.delete_messages.message_id_count = count;
	q.delete_messages.message_ids = (uint64_t *)mids;
	return run_partial(folder, &q);
}

/* ROPs on a source and a destination object (MS-OXCROPS 2.2.4.6 - 2.2.4.8). */
static uint32_t run_src_dst(struct mapi_object *src, struct mapi_object *dst, const struct rop_request *q)
{
	uint32_t ec = mapi_object_valid(dst);
	if (ec != ecSuccess)
		return ec;
	/* mapi_client_do with the destination as the second handle */
	ec = mapi_object_valid(src);
	if (ec != ecSuccess)
		return ec;
	struct mapi_batch *b = mapi_batch_new(NULL, src->session);
	struct rop_request *r = b ? mapi_batch_add2(b, q->id, src, dst) : NULL;
	if (r == NULL) {
		talloc_free(b);
		return ecInvalidParam;
	}
	uint8_t logon_id = r->logon_id;
	*r = *q;
	r->logon_id = logon_id;
	ec = mapi_batch_execute(b);
	const struct rop_response *rsp = ec == ecSuccess ? mapi_client_batch_answer(b, 0, &ec) : NULL;
	if (rsp != NULL && rsp->move_copy_messages.partial_completion)
		ec = ecWarnWithErrors;
	talloc_free(b);
	return ec;
}

uint32_t mapi_move_copy_messages(struct mapi_object *src, struct mapi_object *dst, uint16_t count,
                                 const uint64_t *mids, bool copy)
{
	struct rop_request q = {.id = ROP_MOVE_COPY_MESSAGES};
	q.move_copy_messages.message_id_count = count;
	q.move_copy_messages.message_ids = (uint64_t *)mids;
	q.move_copy_messages.want_copy = copy;
	return run_src_dst(src, dst, &q);
}

/* RopMoveFolder and RopCopyFolder share struct rop_move_copy_folder_req at the start of the body union. */
static uint32_t move_copy_folder(struct mapi_object *src_parent, struct mapi_object *dst_parent, uint8_t rop,
                                 uint64_t fid, const char *new_name, bool recursive)
{
	struct rop_request q = {.id = rop};
	q.move_folder.want_recursive = recursive;
	q.move_folder.use_unicode = 1;
	q.move_folder.folder_id = fid;
	q.move_folder.new_folder_name = (char *)new_name;
	return run_src_dst(src_parent, dst_parent, &q);
}

uint32_t mapi_move_folder(struct mapi_object *src_parent, struct mapi_object *dst_parent, uint64_t fid,
                          const char *new_name)
{
	return move_copy_folder(src_parent, dst_parent, ROP_MOVE_FOLDER, fid, new_name, false);
}

uint32_t mapi_copy_folder(struct mapi_object *src_parent, struct mapi_object *dst_parent, uint64_t fid,
                          const char *new_name, bool recursive)
{
	return move_copy_folder(src_parent, dst_parent, ROP_COPY_FOLDER, fid, new_name, recursive);
}

/* ---- tables ---- */

/* RopGetHierarchyTable, RopGetContentsTable, RopGetAttachmentTable share struct rop_get_table_req, and the
 * first two struct rop_get_table_rsp. */
static uint32_t get_table(struct mapi_object *o, uint8_t rop, uint8_t flags, TALLOC_CTX *mem,
                          struct mapi_object **table, uint32_t *row_count)
{
	struct rop_request q = {.id = rop, .get_hierarchy_table.table_flags = flags};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(o, &q, mem, MAPI_OBJ_TABLE, table, &b, &rsp);
	if (ec == ecSuccess && row_count != NULL)
		*row_count = rop == ROP_GET_ATTACHMENT_TABLE ? 0 : rsp->get_hierarchy_table.row_count;
	talloc_free(b);
	return ec;
}

uint32_t mapi_get_hierarchy_table(struct mapi_object *folder, uint8_t flags, TALLOC_CTX *mem,
                                  struct mapi_object **table, uint32_t *row_count)
{
	return get_table(folder, ROP_GET_HIERARCHY_TABLE, flags, mem, table, row_count);
}

uint32_t mapi_get_contents_table(struct mapi_object *folder, uint8_t flags, TALLOC_CTX *mem,
                                 struct mapi_object **table, uint32_t *row_count)
{
	return get_table(folder, ROP_GET_CONTENTS_TABLE, flags, mem, table, row_count);
}

uint32_t mapi_get_attachment_table(struct mapi_object *message, TALLOC_CTX *mem, struct mapi_object **table)
{
	return get_table(message, ROP_GET_ATTACHMENT_TABLE, TABLE_FLAG_USE_UNICODE, mem, table, NULL);
}

uint32_t mapi_table_set_columns(struct mapi_object *table, uint16_t count, const uint32_t *tags)
{
	struct rop_request q = {.id = ROP_SET_COLUMNS};
	q.set_columns.property_tag_count = count;
	q.set_columns.property_tags = (uint32_t *)tags;
	return mapi_client_do(table, &q, NULL, NULL); /* batch.c copies the columns into the table object */
}

uint32_t mapi_table_sort(struct mapi_object *table, const struct mapi_sort_order_set *order)
{
	struct rop_request q = {.id = ROP_SORT_TABLE, .sort_table.sort_orders = *order};
	return mapi_client_do(table, &q, NULL, NULL);
}

uint32_t mapi_table_restrict(struct mapi_object *table, const struct mapi_restriction *restriction)
{
	struct rop_request q = {.id = ROP_RESTRICT,
	                        .restrict_.restriction = (struct mapi_restriction *)restriction};
	return mapi_client_do(table, &q, NULL, NULL);
}

uint32_t mapi_table_query_rows(struct mapi_object *table, uint16_t max_rows, TALLOC_CTX *mem,
                               struct mapi_property_row_set *rows)
{
	struct rop_request q = {.id = ROP_QUERY_ROWS};
	q.query_rows.forward_read = 1;
	q.query_rows.row_count = max_rows;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(table, &q, &b, &rsp);
	if (ec == ecSuccess)
		*rows = rsp->query_rows.rows;
	mapi_client_keep_with(mem, ec == ecSuccess ? rows->rows : NULL, b);
	return ec;
}

uint32_t mapi_table_seek(struct mapi_object *table, uint8_t origin, int32_t offset, int32_t *rows_sought)
{
	struct rop_request q = {.id = ROP_SEEK_ROW};
	q.seek_row.origin = origin;
	q.seek_row.row_count = offset;
	q.seek_row.want_row_moved_count = 1;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(table, &q, &b, &rsp);
	if (ec == ecSuccess && rows_sought != NULL)
		*rows_sought = rsp->seek_row.rows_sought;
	talloc_free(b);
	return ec;
}

uint32_t mapi_table_position(struct mapi_object *table, uint32_t *numerator, uint32_t *denominator)
{
	struct rop_request q = {.id = ROP_QUERY_POSITION};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(table, &q, &b, &rsp);
	if (ec == ecSuccess) {
		*numerator = rsp->query_position.numerator;
		*denominator = rsp->query_position.denominator;
	}
	talloc_free(b);
	return ec;
}

const uint32_t *mapi_table_columns(const struct mapi_object *table, uint16_t *count)
{
	*count = table->column_count;
	return table->columns;
}

/* ---- messages ---- */

uint32_t mapi_open_message(struct mapi_object *parent, uint64_t fid, uint64_t mid, uint8_t open_mode,
                           TALLOC_CTX *mem, struct mapi_object **message, struct rop_open_message_rsp *info)
{
	struct rop_request q = {.id = ROP_OPEN_MESSAGE};
	q.open_message.code_page_id = 0x0FFF; /* MS-OXCROPS 2.2.6.1.1: the logon's code page */
	q.open_message.folder_id = fid;
	q.open_message.open_mode_flags = open_mode;
	q.open_message.message_id = mid;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(parent, &q, mem, MAPI_OBJ_MESSAGE, message, &b, &rsp);
	if (ec != ecSuccess)
		return ec;
	(*message)->id = mid;
	(*message)->fid = fid;
	if (info != NULL) {
		*info = rsp->open_message; /* its pointers live as long as the message */
		talloc_steal(*message, b);
	} else {
		talloc_free(b);
	}
	return ec;
}

uint32_t mapi_create_message(struct mapi_object *folder, bool associated, TALLOC_CTX *mem,
                             struct mapi_object **message)
{
	struct rop_request q = {.id = ROP_CREATE_MESSAGE};
	q.create_message.code_page_id = 0x0FFF;
	q.create_message.folder_id = folder->id;
	q.create_message.associated_flag = associated;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(folder, &q, mem, MAPI_OBJ_MESSAGE, message, &b, &rsp);
	if (ec == ecSuccess) {
		(*message)->fid = folder->id;
		(*message)->id = rsp->create_message.has_message_id ? rsp->create_message.message_id : 0;
	}
	talloc_free(b);
	return ec;
}

uint32_t mapi_save_message(struct mapi_object *message, uint8_t flags, uint64_t *mid)
{
	struct rop_request q = {.id = ROP_SAVE_CHANGES_MESSAGE, .save_changes_message.save_flags = flags};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(message, &q, &b, &rsp);
	if (ec == ecSuccess) {
		message->id = rsp->save_changes_message.message_id;
		if (mid != NULL)
			*mid = message->id;
	}
	talloc_free(b);
	return ec;
}

uint32_t mapi_submit_message(struct mapi_object *message)
{
	struct rop_request q = {.id = ROP_SUBMIT_MESSAGE, .submit_message.submit_flags = SUBMIT_FLAG_NONE};
	return mapi_client_do(message, &q, NULL, NULL);
}

uint32_t mapi_set_read_flag(struct mapi_object *message, uint8_t flags)
{
	struct rop_request q = {.id = ROP_SET_MESSAGE_READ_FLAG, .set_message_read_flag.read_flags = flags};
	return mapi_client_do(message, &q, NULL, NULL);
}

/* ---- attachments ---- */

uint32_t mapi_open_attachment(struct mapi_object *message, uint32_t attach_num, uint8_t flags,
                              TALLOC_CTX *mem, struct mapi_object **attachment)
{
	struct rop_request q = {.id = ROP_OPEN_ATTACHMENT};
	q.open_attachment.open_attachment_flags = flags;
	q.open_attachment.attachment_id = attach_num;
	return open_simple(message, &q, mem, MAPI_OBJ_ATTACHMENT, attachment, attach_num);
}

uint32_t mapi_create_attachment(struct mapi_object *message, TALLOC_CTX *mem, struct mapi_object **attachment,
                                uint32_t *attach_num)
{
	struct rop_request q = {.id = ROP_CREATE_ATTACHMENT};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(message, &q, mem, MAPI_OBJ_ATTACHMENT, attachment, &b, &rsp);
	if (ec == ecSuccess) {
		(*attachment)->id = rsp->create_attachment.attachment_id;
		if (attach_num != NULL)
			*attach_num = rsp->create_attachment.attachment_id;
	}
	talloc_free(b);
	return ec;
}

uint32_t mapi_save_attachment(struct mapi_object *attachment, uint8_t flags)
{
	struct rop_request q = {.id = ROP_SAVE_CHANGES_ATTACHMENT,
	                        .save_changes_attachment.save_flags = flags};
	return mapi_client_do(attachment, &q, NULL, NULL);
}

uint32_t mapi_delete_attachment(struct mapi_object *message, uint32_t attach_num)
{
	struct rop_request q = {.id = ROP_DELETE_ATTACHMENT, .delete_attachment.attachment_id = attach_num};
	return mapi_client_do(message, &q, NULL, NULL);
}

/* ---- properties ---- */

uint32_t mapi_get_props(struct mapi_object *o, uint16_t count, const uint32_t *tags, TALLOC_CTX *mem,
                        struct mapi_property_row *row)
{
	struct rop_request q = {.id = ROP_GET_PROPERTIES_SPECIFIC};
	q.get_properties_specific.want_unicode = 1;
	q.get_properties_specific.property_tag_count = count;
	q.get_properties_specific.property_tags = (uint32_t *)tags;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(o, &q, &b, &rsp);
	if (ec == ecSuccess)
		*row = rsp->get_properties_specific.row_data;
	mapi_client_keep_with(mem, ec == ecSuccess ? row->values : NULL, b);
	return ec;
}

uint32_t mapi_get_props_all(struct mapi_object *o, TALLOC_CTX *mem, uint16_t *count,
                            struct mapi_propval **vals)
{
	struct rop_request q = {.id = ROP_GET_PROPERTIES_ALL, .get_properties_all.want_unicode = 1};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(o, &q, &b, &rsp);
	if (ec == ecSuccess) {
		*count = rsp->get_properties_all.property_value_count;
		*vals = rsp->get_properties_all.property_values;
	}
	mapi_client_keep_with(mem, ec == ecSuccess ? *vals : NULL, b);
	return ec;
}

uint32_t mapi_get_prop_list(struct mapi_object *o, TALLOC_CTX *mem, uint16_t *count, uint32_t **tags)
{
	struct rop_request q = {.id = ROP_GET_PROPERTIES_LIST};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(o, &q, &b, &rsp);
	if (ec == ecSuccess) {
		*count = rsp->get_properties_list.property_tag_count;
		*tags = rsp->get_properties_list.property_tags;
	}
	mapi_client_keep_with(mem, ec == ecSuccess ? *tags : NULL, b);
	return ec;
}

/* RopSetProperties and RopDeleteProperties: the PropertyProblems of the response to the caller (both
 * responses are struct rop_property_problems at the start of the response union). */
static uint32_t run_problems(struct mapi_object *o, const struct rop_request *q, TALLOC_CTX *mem,
                             struct rop_property_problems *problems)
{
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(o, q, problems ? &b : NULL, &rsp);
	if (ec == ecSuccess && problems != NULL)
		*problems = rsp->set_properties;
	mapi_client_keep_with(mem, ec == ecSuccess && problems ? problems->property_problems : NULL, b);
	return ec;
}

uint32_t mapi_set_props(struct mapi_object *o, uint16_t count, const struct mapi_propval *vals,
                        TALLOC_CTX *mem, struct rop_property_problems *problems)
{
	struct rop_request q = {.id = ROP_SET_PROPERTIES};
	q.set_properties.property_value_count = count;
	q.set_properties.property_values = (struct mapi_propval *)vals;
	return run_problems(o, &q, mem, problems);
}

uint32_t mapi_delete_props(struct mapi_object *o, uint16_t count, const uint32_t *tags, TALLOC_CTX *mem,
                           struct rop_property_problems *problems)
{
	struct rop_request q = {.id = ROP_DELETE_PROPERTIES};
	q.delete_properties.property_tag_count = count;
	q.delete_properties.property_tags = (uint32_t *)tags;
	return run_problems(o, &q, mem, problems);
}

uint32_t mapi_get_ids_from_names(struct mapi_object *o, bool create, uint16_t count,
                                 const struct mapi_propname *names, TALLOC_CTX *mem, uint16_t **ids)
{
	struct rop_request q = {.id = ROP_GET_PROPERTY_IDS_FROM_NAMES};
	q.get_property_ids_from_names.flags = create ? PROPERTY_IDS_CREATE : 0;
	q.get_property_ids_from_names.property_name_count = count;
	q.get_property_ids_from_names.property_names = (struct mapi_propname *)names;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp = NULL;
	/* MS-OXCPRPT 3.2.5.8: with ecWarnWithErrors the ids are there too, 0 for names without one */
	uint32_t ec = mapi_client_do(o, &q, &b, &rsp);
	if (b != NULL)
		*ids = rsp->get_property_ids_from_names.property_ids;
	mapi_client_keep_with(mem, b != NULL ? *ids : NULL, b);
	return ec;
}

uint32_t mapi_get_names_from_ids(struct mapi_object *o, uint16_t count, const uint16_t *ids, TALLOC_CTX *mem,
                                 struct mapi_propname **names)
{
	struct rop_request q = {.id = ROP_GET_NAMES_FROM_PROPERTY_IDS};
	q.get_names_from_property_ids.property_id_count = count;
	q.get_names_from_property_ids.property_ids = (uint16_t *)ids;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(o, &q, &b, &rsp);
	if (ec == ecSuccess)
		*names = rsp->get_names_from_property_ids.property_names;
	mapi_client_keep_with(mem, ec == ecSuccess ? *names : NULL, b);
	return ec;
}

const struct mapi_propval *mapi_row_find(const struct mapi_property_row *row, uint32_t tag)
{
	for (uint32_t i = 0; row != NULL && i < row->count; i++)
		if (row->values[i].flag == MAPI_VALUE_PRESENT && row->values[i].pv.tag == tag)
			return &row->values[i].pv;
	return NULL;
}

const struct mapi_propval *mapi_props_find(const struct mapi_propval *vals, uint32_t count, uint32_t tag)
{
	for (uint32_t i = 0; vals != NULL && i < count; i++)
		if (vals[i].tag == tag)
			return &vals[i];
	return NULL;
}
