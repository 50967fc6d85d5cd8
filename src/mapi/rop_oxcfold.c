/* Bodies of the Folder Object protocol ROPs: MS-OXCFOLD 2.2.1, wire layouts in MS-OXCROPS 2.2.4. */
#include "mapi/rop_oxcfold.h"

/* ---- bodies of fixed fields ---- */

/* MS-OXCROPS 2.2.4.1.1 RopOpenFolder request */
const struct rop_fields rop_open_folder_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_open_folder_req, folder_id, ROP_U64),
                   ROP_FIELD(struct rop_open_folder_req, open_mode_flags, ROP_U8));

/* MS-OXCROPS 2.2.4.3.1 RopDeleteFolder request */
const struct rop_fields rop_delete_folder_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_delete_folder_req, delete_folder_flags, ROP_U8),
                   ROP_FIELD(struct rop_delete_folder_req, folder_id, ROP_U64));

/* MS-OXCROPS 2.2.4.3.2, 2.2.4.9.2, 2.2.4.10.2, 2.2.4.11.2, 2.2.4.12.2 responses: PartialCompletion */
const struct rop_fields rop_partial_completion_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_partial_completion_rsp, partial_completion, ROP_U8));

/* MS-OXCROPS 2.2.4.5.1 RopGetSearchCriteria request */
const struct rop_fields rop_get_search_criteria_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_search_criteria_req, use_unicode, ROP_U8),
                   ROP_FIELD(struct rop_get_search_criteria_req, include_restriction, ROP_U8),
                   ROP_FIELD(struct rop_get_search_criteria_req, include_folders, ROP_U8));

/* MS-OXCROPS 2.2.4.9.1 RopEmptyFolder and 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders requests */
const struct rop_fields rop_empty_folder_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_empty_folder_req, want_asynchronous, ROP_U8),
                   ROP_FIELD(struct rop_empty_folder_req, want_delete_associated, ROP_U8));

/* MS-OXCROPS 2.2.4.13.1 RopGetHierarchyTable and 2.2.4.14.1 RopGetContentsTable requests, and their responses
 * 2.2.4.13.2, 2.2.4.14.2 */
const struct rop_fields rop_get_table_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_table_req, table_flags, ROP_U8));
const struct rop_fields rop_get_table_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_table_rsp, row_count, ROP_U32));

/* ---- opening and creating ---- */

/* MS-OXCROPS 2.2.4.1.2 RopOpenFolder response: HasRules, IsGhosted, then the servers when ghosted */
int rop_open_folder_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_open_folder_rsp *b = body;
	if (!wc_read_u8(p->r, &b->has_rules))
		return WC_EFORMAT;
	return rop_ghosted_pull(p, &b->is_ghosted, &b->servers);
}

int rop_open_folder_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_open_folder_rsp *b = body;
	wc_write_u8(p->w, b->has_rules);
	return rop_ghosted_push(p, b->is_ghosted, &b->servers);
}

/* MS-OXCROPS 2.2.4.2.1 RopCreateFolder request; MS-OXCFOLD 2.2.1.2.1 */
int rop_create_folder_req_pull(struct rop_pull *p, void *body)
{
	struct rop_create_folder_req *b = body;
	if (!wc_read_u8(p->r, &b->folder_type) || !wc_read_u8(p->r, &b->use_unicode) ||
	    !wc_read_u8(p->r, &b->open_existing) || !wc_read_u8(p->r, &b->reserved))
		return WC_EFORMAT;
	int ret = rop_string_pull(p, b->use_unicode, &b->display_name);
	return ret ? ret : rop_string_pull(p, b->use_unicode, &b->comment);
}

int rop_create_folder_req_push(struct rop_push *p, const void *body)
{
	const struct rop_create_folder_req *b = body;
	wc_write_u8(p->w, b->folder_type);
	wc_write_u8(p->w, b->use_unicode);
	wc_write_u8(p->w, b->open_existing);
	wc_write_u8(p->w, b->reserved);
	int ret = rop_string_push(p, b->use_unicode, b->display_name);
	return ret ? ret : rop_string_push(p, b->use_unicode, b->comment);
}

/* MS-OXCROPS 2.2.4.2.2 RopCreateFolder response: FolderId, IsExistingFolder, and only for an existing folder
 * HasRules, IsGhosted and the servers when ghosted */
int rop_create_folder_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_create_folder_rsp *b = body;
	if (!wc_read_u64(p->r, &b->folder_id) || !wc_read_u8(p->r, &b->is_existing_folder))
		return WC_EFORMAT;
	if (!b->is_existing_folder)
		return 0;
	if (!wc_read_u8(p->r, &b->has_rules))
		return WC_EFORMAT;
	return rop_ghosted_pull(p, &b->is_ghosted, &b->servers);
}

int rop_create_folder_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_create_folder_rsp *b = body;
	wc_write_u64(p->w, b->folder_id);
	wc_write_u8(p->w, b->is_existing_folder);
	if (!b->is_existing_folder)
		return wc_writer_status(p->w);
	wc_write_u8(p->w, b->has_rules);
	return rop_ghosted_push(p, b->is_ghosted, &b->servers);
}

/* ---- search folders ---- */

/* MS-OXCROPS 2.2.4.4.1 RopSetSearchCriteria request; MS-OXCFOLD 2.2.1.4.1 */
int rop_set_search_criteria_req_pull(struct rop_pull *p, void *body)
{
	struct rop_set_search_criteria_req *b = body;
	int ret = rop_sized_restriction_pull(p, &b->restriction);
	if (ret == 0)
		ret = rop_id_array_pull(p, &b->folder_id_count, &b->folder_ids);
	if (ret == 0 && !wc_read_u32(p->r, &b->search_flags))
		ret = WC_EFORMAT;
	return ret;
}

int rop_set_search_criteria_req_push(struct rop_push *p, const void *body)
{
	const struct rop_set_search_criteria_req *b = body;
	int ret = rop_sized_restriction_push(p, b->restriction);
	if (ret == 0)
		ret = rop_id_array_push(p, b->folder_id_count, b->folder_ids);
	wc_write_u32(p->w, b->search_flags);
	return ret ? ret : wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.4.5.2 RopGetSearchCriteria response; MS-OXCFOLD 2.2.1.5.2. LogonId sits between
 * RestrictionData and FolderIdCount. */
int rop_get_search_criteria_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_search_criteria_rsp *b = body;
	int ret = rop_sized_restriction_pull(p, &b->restriction);
	if (ret == 0 && !wc_read_u8(p->r, &b->logon_id))
		ret = WC_EFORMAT;
	if (ret == 0)
		ret = rop_id_array_pull(p, &b->folder_id_count, &b->folder_ids);
	if (ret == 0 && !wc_read_u32(p->r, &b->search_flags))
		ret = WC_EFORMAT;
	return ret;
}

int rop_get_search_criteria_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_search_criteria_rsp *b = body;
	int ret = rop_sized_restriction_push(p, b->restriction);
	wc_write_u8(p->w, b->logon_id);
	if (ret == 0)
		ret = rop_id_array_push(p, b->folder_id_count, b->folder_ids);
	wc_write_u32(p->w, b->search_flags);
	return ret ? ret : wc_writer_status(p->w);
}

/* ---- moving, copying, deleting ---- */

/* MS-OXCROPS 2.2.4.6.1 RopMoveCopyMessages request */
int rop_move_copy_messages_req_pull(struct rop_pull *p, void *body)
{
	struct rop_move_copy_messages_req *b = body;
	int ret = rop_id_array_pull(p, &b->message_id_count, &b->message_ids);
	if (ret == 0 && (!wc_read_u8(p->r, &b->want_asynchronous) || !wc_read_u8(p->r, &b->want_copy)))
		ret = WC_EFORMAT;
	return ret;
}

int rop_move_copy_messages_req_push(struct rop_push *p, const void *body)
{
	const struct rop_move_copy_messages_req *b = body;
	int ret = rop_id_array_push(p, b->message_id_count, b->message_ids);
	wc_write_u8(p->w, b->want_asynchronous);
	wc_write_u8(p->w, b->want_copy);
	return ret ? ret : wc_writer_status(p->w);
}

/* UseUnicode, FolderId, NewFolderName: how the RopMoveFolder (2.2.4.7.1) and RopCopyFolder (2.2.4.8.1)
 * requests end. */
static int folder_name_pull(struct rop_pull *p, struct rop_move_copy_folder_req *b)
{
	if (!wc_read_u8(p->r, &b->use_unicode) || !wc_read_u64(p->r, &b->folder_id))
		return WC_EFORMAT;
	return rop_string_pull(p, b->use_unicode, &b->new_folder_name);
}

static int folder_name_push(struct rop_push *p, const struct rop_move_copy_folder_req *b)
{
	wc_write_u8(p->w, b->use_unicode);
	wc_write_u64(p->w, b->folder_id);
	return rop_string_push(p, b->use_unicode, b->new_folder_name);
}

/* MS-OXCROPS 2.2.4.7.1 RopMoveFolder request: WantAsynchronous, then the folder and its name */
int rop_move_folder_req_pull(struct rop_pull *p, void *body)
{
	struct rop_move_copy_folder_req *b = body;
	if (!wc_read_u8(p->r, &b->want_asynchronous))
		return WC_EFORMAT;
	return folder_name_pull(p, b);
}

int rop_move_folder_req_push(struct rop_push *p, const void *body)
{
	const struct rop_move_copy_folder_req *b = body;
	wc_write_u8(p->w, b->want_asynchronous);
	return folder_name_push(p, b);
}

/* MS-OXCROPS 2.2.4.8.1 RopCopyFolder request: WantAsynchronous, WantRecursive, then the folder and its name
 */
int rop_copy_folder_req_pull(struct rop_pull *p, void *body)
{
	struct rop_move_copy_folder_req *b = body;
	if (!wc_read_u8(p->r, &b->want_asynchronous) || !wc_read_u8(p->r, &b->want_recursive))
		return WC_EFORMAT;
	return folder_name_pull(p, b);
}

int rop_copy_folder_req_push(struct rop_push *p, const void *body)
{
	const struct rop_move_copy_folder_req *b = body;
	wc_write_u8(p->w, b->want_asynchronous);
	wc_write_u8(p->w, b->want_recursive);
	return folder_name_push(p, b);
}

/* MS-OXCROPS 2.2.4.6.2/2.2.4.6.3 (and 2.2.4.7.x, 2.2.4.8.x): PartialCompletion, preceded by a 4-byte
 * DestHandleIndex when ReturnValue is ecDstNullObject */
int rop_move_copy_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_move_copy_rsp *b = body;
	if (p->return_value == ecDstNullObject && !wc_read_u32(p->r, &b->dest_handle_index))
		return WC_EFORMAT;
	return wc_read_u8(p->r, &b->partial_completion) ? 0 : WC_EFORMAT;
}

int rop_move_copy_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_move_copy_rsp *b = body;
	if (p->return_value == ecDstNullObject)
		wc_write_u32(p->w, b->dest_handle_index);
	wc_write_u8(p->w, b->partial_completion);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.4.11.1 RopDeleteMessages and 2.2.4.12.1 RopHardDeleteMessages requests */
int rop_delete_messages_req_pull(struct rop_pull *p, void *body)
{
	struct rop_delete_messages_req *b = body;
	if (!wc_read_u8(p->r, &b->want_asynchronous) || !wc_read_u8(p->r, &b->notify_non_read))
		return WC_EFORMAT;
	return rop_id_array_pull(p, &b->message_id_count, &b->message_ids);
}

int rop_delete_messages_req_push(struct rop_push *p, const void *body)
{
	const struct rop_delete_messages_req *b = body;
	wc_write_u8(p->w, b->want_asynchronous);
	wc_write_u8(p->w, b->notify_non_read);
	return rop_id_array_push(p, b->message_id_count, b->message_ids);
}
