/* The ROPs of the Folder Object protocol (MS-OXCFOLD 3.2.5) on the store (mapistore.h).
 *
 * A folder object's data is its struct ms_folder, a table object's its struct ms_table (emsmdb.h); both hang
 * below the object they were opened from, so releasing a logon or a folder frees them. Input objects: a
 * handle that names nothing is ecNullObject, an object of the wrong kind ecNotSupported (3.2.5.1 ...).
 * WantAsynchronous is honoured by finishing the work before answering (3.2.5.6 - 3.2.5.12 allow the final
 * response instead of RopProgress). Search folders do not exist yet: creating one is ecNotSupported and the
 * search criteria ROPs answer ecNotSearchFolder for every folder. NotifyNonRead of RopDeleteMessages sends no
 * non-read receipts yet (there is no submission queue). */
#include "server/emsmdb/emsmdb_rops.h"

#include <string.h>

/* The folder of the request's input handle. */
static uint32_t folder_in(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct emsmdb_object **o,
                          struct ms_folder **f)
{
	uint32_t ec;
	*o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_FOLDER, &ec);
	*f = *o != NULL ? (*o)->data : NULL;
	return ec;
}

/* MS-OXCFOLD 2.2.1.1, 3.2.5.1 RopOpenFolder: on a logon or a folder, any folder of the mailbox by FID.
 * Rules are not kept yet (HasRules FALSE); private folders are never ghosted. */
uint32_t emsmdb_rop_open_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	struct emsmdb_object *parent;
	uint32_t ec;
	parent = emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON | EMSMDB_OBJ_FOLDER, &ec);
	struct emsmdb_logon *l = parent ? emsmdb_logon_of(parent) : NULL;
	if (ec != ecSuccess || l == NULL)
		return ec != ecSuccess ? ec : ecNullObject;
	struct ms_folder *f;
	ec = ms_folder_open(l->mailbox, req->open_folder.folder_id, ctx->mem, &f);
	if (ec != ecSuccess)
		return ec;
	rsp->open_folder.has_rules = 0;
	rsp->open_folder.is_ghosted = 0;
	return emsmdb_output_object(ctx, req, parent, EMSMDB_OBJ_FOLDER, f);
}

/* MS-OXCFOLD 2.2.1.2, 3.2.5.2 RopCreateFolder (OpenExisting opens a sibling of that name instead). */
uint32_t emsmdb_rop_create_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp)
{
	const struct rop_create_folder_req *in = &req->create_folder;
	struct emsmdb_object *parent;
	struct ms_folder *pf, *f;
	uint32_t ec = folder_in(ctx, req, &parent, &pf);
	if (ec != ecSuccess)
		return ec;
	if (in->folder_type == FOLDER_SEARCH)
		return ecNotSupported; /* search folders are not supported yet */
	if (in->folder_type != FOLDER_GENERIC)
		return ecInvalidParam;
	if (in->display_name == NULL || *in->display_name == '\0')
		return ecInvalidParam; /* "A folder name ... MUST be specified" */
	bool existed = false;
	ec = ms_folder_create(pf, in->folder_type, in->display_name, in->comment ? in->comment : "",
	                      in->open_existing != 0, &f, &existed);
	if (ec != ecSuccess)
		return ec;
	rsp->create_folder.folder_id = ms_folder_get_id(f);
	rsp->create_folder.is_existing_folder = existed;
	rsp->create_folder.has_rules = 0;
	rsp->create_folder.is_ghosted = 0;
	return emsmdb_output_object(ctx, req, parent, EMSMDB_OBJ_FOLDER, f);
}

/* MS-OXCFOLD 2.2.1.3, 3.2.5.3 RopDeleteFolder: the special folders stay (ecAccessDenied; the Root folder
 * ecNotSupported); undefined DeleteFolderFlags bits are ecInvalidParam. */
uint32_t emsmdb_rop_delete_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp)
{
	const struct rop_delete_folder_req *in = &req->delete_folder;
	struct emsmdb_object *o;
	struct ms_folder *pf;
	uint32_t ec = folder_in(ctx, req, &o, &pf);
	if (ec != ecSuccess)
		return ec;
	if (in->delete_folder_flags & ~(DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE))
		return ecInvalidParam;
	const struct emsmdb_logon *l = emsmdb_logon_of(o);
	for (int i = 0; i < MS_SPECIAL_COUNT; i++)
		if (l->special_fids[i] == in->folder_id)
			return i == MS_SPECIAL_ROOT ? ecNotSupported : ecAccessDenied;
	bool partial = false;
	ec = ms_folder_delete(pf, in->folder_id, in->delete_folder_flags, &partial);
	rsp->delete_folder.partial_completion = partial;
	return ec;
}

/* MS-OXCFOLD 2.2.1.13/2.2.1.14, 3.2.5.13/3.2.5.14 RopGetHierarchyTable and RopGetContentsTable: a table
 * object below the folder (the table ROPs of MS-OXCTABL work on it) and its row count. */
static uint32_t get_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                          uint32_t (*open)(struct ms_folder *, uint8_t, struct ms_table **))
{
	struct emsmdb_object *o;
	struct ms_folder *f;
	struct ms_table *t = NULL;
	uint32_t ec = folder_in(ctx, req, &o, &f);
	if (ec != ecSuccess)
		return ec;
	/* both ROPs have the same request and response structs (rop_oxcfold.h) */
	ec = open(f, req->get_hierarchy_table.table_flags, &t);
	if (ec == ecSuccess)
		ec = ms_table_get_row_count(t, &rsp->get_hierarchy_table.row_count);
	if (ec != ecSuccess) {
		talloc_free(t); /* NULL when the table did not open */
		return ec;
	}
	return emsmdb_output_object(ctx, req, o, EMSMDB_OBJ_TABLE, t);
}

uint32_t emsmdb_rop_get_hierarchy_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                        struct rop_response *rsp)
{
	return get_table(ctx, req, rsp, ms_folder_hierarchy_table);
}

uint32_t emsmdb_rop_get_contents_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	return get_table(ctx, req, rsp, ms_folder_contents_table);
}

/* MS-OXCFOLD 3.2.5.9 RopEmptyFolder (soft) and 3.2.5.10 RopHardDeleteMessagesAndSubfolders (hard): the
 * Root folder and the IPM subtree are "not allowed to be emptied" (ecNotSupported): they hold the special
 * folders, which ms_folder_empty() would delete with the rest. */
static uint32_t empty_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                             struct rop_response *rsp, bool hard)
{
	struct emsmdb_object *o;
	struct ms_folder *f;
	uint32_t ec = folder_in(ctx, req, &o, &f);
	if (ec != ecSuccess)
		return ec;
	/* the folders that hold special folders: emptying them would delete the Inbox, Calendar ... */
	const struct emsmdb_logon *l = emsmdb_logon_of(o);
	uint64_t fid = ms_folder_get_id(f);
	if (fid == l->special_fids[MS_SPECIAL_ROOT] || fid == l->special_fids[MS_SPECIAL_IPM_SUBTREE])
		return ecNotSupported;
	bool partial = false;
	ec = ms_folder_empty(f, req->empty_folder.want_delete_associated != 0, hard, &partial);
	rsp->empty_folder.partial_completion = partial;
	return ec;
}

uint32_t emsmdb_rop_empty_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp)
{
	return empty_folder(ctx, req, rsp, false);
}

uint32_t emsmdb_rop_hard_delete_messages_and_subfolders(struct emsmdb_rop_ctx *ctx,
                                                        const struct rop_request *req,
                                                        struct rop_response *rsp)
{
	return empty_folder(ctx, req, rsp, true);
}

/* MS-OXCFOLD 3.2.5.11 RopDeleteMessages (soft) and 3.2.5.12 RopHardDeleteMessages (hard). */
static uint32_t delete_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp, bool hard)
{
	const struct rop_delete_messages_req *in = &req->delete_messages;
	struct emsmdb_object *o;
	struct ms_folder *f;
	uint32_t ec = folder_in(ctx, req, &o, &f);
	if (ec != ecSuccess)
		return ec;
	bool partial = false;
	ec = ms_folder_delete_messages(f, in->message_ids, in->message_id_count, hard, &partial);
	rsp->delete_messages.partial_completion = partial;
	return ec;
}

uint32_t emsmdb_rop_delete_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	return delete_messages(ctx, req, rsp, false);
}

uint32_t emsmdb_rop_hard_delete_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	return delete_messages(ctx, req, rsp, true);
}

/* The source and destination folders of RopMoveCopyMessages, RopMoveFolder, RopCopyFolder (MS-OXCROPS
 * 2.2.4.6 - 2.2.4.8): a destination handle that names nothing is ecDstNullObject, answered with its
 * DestHandleIndex. */
static uint32_t folders_src_dst(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_move_copy_rsp *out, struct ms_folder **src, struct ms_folder **dst,
                                const struct emsmdb_logon **logon)
{
	uint32_t ec;
	struct emsmdb_object *s = emsmdb_object_at(ctx, req->source_handle_index, EMSMDB_OBJ_FOLDER, &ec);
	if (s == NULL)
		return ec;
	struct emsmdb_object *d = emsmdb_object_at(ctx, req->dest_handle_index, EMSMDB_OBJ_FOLDER, &ec);
	if (ec == ecNullObject) {
		out->dest_handle_index = req->dest_handle_index;
		return ecDstNullObject;
	}
	if (ec != ecSuccess)
		return ec;
	if (emsmdb_logon_of(s) != emsmdb_logon_of(d))
		return ecNotSupported; /* across mailboxes: needs a copy between stores, not done yet */
	*src = s->data;
	*dst = d->data;
	*logon = emsmdb_logon_of(s);
	return ecSuccess;
}

/* MS-OXCFOLD 2.2.1.6, 3.2.5.6 RopMoveCopyMessages */
uint32_t emsmdb_rop_move_copy_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	const struct rop_move_copy_messages_req *in = &req->move_copy_messages;
	struct rop_move_copy_rsp *out = &rsp->move_copy_messages;
	struct ms_folder *src, *dst;
	const struct emsmdb_logon *l;
	uint32_t ec = folders_src_dst(ctx, req, out, &src, &dst, &l);
	if (ec != ecSuccess)
		return ec;
	bool partial = false;
	ec = ms_folder_move_copy_messages(src, dst, in->message_ids, in->message_id_count, in->want_copy != 0,
	                                  NULL, &partial);
	out->partial_completion = partial;
	return ec;
}

/* MS-OXCFOLD 2.2.1.7, 3.2.5.7 RopMoveFolder (keeps the FID) and 2.2.1.8, 3.2.5.8 RopCopyFolder (new IDs,
 * subfolders with WantRecursive). Special folders are not moved (ecAccessDenied). */
static uint32_t move_copy_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp, bool copy)
{
	const struct rop_move_copy_folder_req *in = &req->move_folder;
	struct rop_move_copy_rsp *out = &rsp->move_folder;
	struct ms_folder *src, *dst;
	const struct emsmdb_logon *l;
	uint32_t ec = folders_src_dst(ctx, req, out, &src, &dst, &l);
	if (ec != ecSuccess)
		return ec;
	if (in->new_folder_name == NULL || *in->new_folder_name == '\0')
		return ecInvalidParam;
	uint64_t new_fid;
	if (copy)
		return ms_folder_copy(src, in->folder_id, dst, in->new_folder_name, in->want_recursive != 0,
		                      &new_fid);
	for (int i = 0; i < MS_SPECIAL_COUNT; i++)
		if (l->special_fids[i] == in->folder_id)
			return ecAccessDenied;
	return ms_folder_move(src, in->folder_id, dst, in->new_folder_name);
}

uint32_t emsmdb_rop_move_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	return move_copy_folder(ctx, req, rsp, false);
}

uint32_t emsmdb_rop_copy_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	return move_copy_folder(ctx, req, rsp, true);
}

/* MS-OXCFOLD 3.2.5.4 RopSetSearchCriteria and 3.2.5.5 RopGetSearchCriteria: no folder is a search folder. */
uint32_t emsmdb_rop_search_criteria(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	(void)rsp;
	struct emsmdb_object *o;
	struct ms_folder *f;
	uint32_t ec = folder_in(ctx, req, &o, &f);
	return ec != ecSuccess ? ec : ecNotSearchFolder;
}
