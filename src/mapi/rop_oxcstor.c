/* Bodies of the Store Object protocol ROPs: MS-OXCSTOR 2.2.1, wire layouts in MS-OXCROPS 2.2.3. */
#include "mapi/rop_oxcstor.h"

#include "mapi/mapi_types.h"
#include "mapi/rop.h"

/* ---- RopLogon ---- */

/* MS-OXCROPS 2.2.3.1.1 RopLogon request; MS-OXCSTOR 2.2.1.1.1 */
int rop_logon_req_pull(struct rop_pull *p, void *body)
{
	struct rop_logon_req *b = body;
	uint16_t essdn_size;
	if (!wc_read_u8(p->r, &b->logon_flags) || !wc_read_u32(p->r, &b->open_flags) ||
	    !wc_read_u32(p->r, &b->store_state) || !wc_read_u16(p->r, &essdn_size))
		return WC_EFORMAT;
	return rop_counted_ascii_pull(p, essdn_size, &b->essdn);
}

int rop_logon_req_push(struct rop_push *p, const void *body)
{
	const struct rop_logon_req *b = body;
	long n = rop_counted_ascii_size(b->essdn, UINT16_MAX);
	if (n < 0)
		return WC_ERANGE;
	wc_write_u8(p->w, b->logon_flags);
	wc_write_u32(p->w, b->open_flags);
	wc_write_u32(p->w, b->store_state);
	wc_write_u16(p->w, (uint16_t)n);
	wc_write_bytes(p->w, b->essdn, (size_t)n);
	return wc_writer_status(p->w);
}

#define LOGON_FIELD(member, kind) ROP_FIELD(struct rop_logon_rsp, member, kind)

/* MS-OXCROPS 2.2.3.1.2 RopLogon success response for a private mailbox, after LogonFlags and FolderIds;
 * 2.2.3.1.2.1 LogonTime */
static const struct rop_fields logon_private_fields =
        ROP_FIELDS(LOGON_FIELD(response_flags, ROP_U8), LOGON_FIELD(mailbox_guid, ROP_GUID),
                   LOGON_FIELD(repl_id, ROP_U16), LOGON_FIELD(repl_guid, ROP_GUID),
                   LOGON_FIELD(logon_time.seconds, ROP_U8), LOGON_FIELD(logon_time.minutes, ROP_U8),
                   LOGON_FIELD(logon_time.hour, ROP_U8), LOGON_FIELD(logon_time.day_of_week, ROP_U8),
                   LOGON_FIELD(logon_time.day, ROP_U8), LOGON_FIELD(logon_time.month, ROP_U8),
                   LOGON_FIELD(logon_time.year, ROP_U16), LOGON_FIELD(gwart_time, ROP_U64),
                   LOGON_FIELD(store_state, ROP_U32));

/* MS-OXCROPS 2.2.3.1.3 RopLogon success response for public folders, after LogonFlags and FolderIds */
static const struct rop_fields logon_public_fields =
        ROP_FIELDS(LOGON_FIELD(repl_id, ROP_U16), LOGON_FIELD(repl_guid, ROP_GUID),
                   LOGON_FIELD(per_user_guid, ROP_GUID));

/* The success form follows the request's LogonFlags (MS-OXCSTOR 2.2.1.1.3: "only when the Private bit is set
 * in the LogonFlags field of the RopLogon request"), not the response's. */
static const struct rop_fields *logon_success_fields(const struct rop_request *req)
{
	return (req->logon.logon_flags & LOGON_PRIVATE) ? &logon_private_fields : &logon_public_fields;
}

/* MS-OXCROPS 2.2.3.1.2 - 2.2.3.1.5 RopLogon response; MS-OXCSTOR 2.2.1.1.2 - 2.2.1.1.4 */
int rop_logon_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_logon_rsp *b = body;
	if (p->return_value != 0 && p->return_value != ecWrongServer)
		return 0; /* 2.2.3.1.5: a failure ends after ReturnValue */
	if (!wc_read_u8(p->r, &b->logon_flags))
		return WC_EFORMAT;
	if (p->return_value == ecWrongServer) { /* 2.2.3.1.4 redirect: ServerNameSize, ServerName */
		uint8_t size;
		if (!wc_read_u8(p->r, &size))
			return WC_EFORMAT;
		return rop_counted_ascii_pull(p, size, &b->server_name);
	}
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++)
		if (!wc_read_u64(p->r, &b->folder_ids[i]))
			return WC_EFORMAT;
	return rop_fields_pull(p, logon_success_fields(p->req), b);
}

int rop_logon_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_logon_rsp *b = body;
	if (p->return_value != 0 && p->return_value != ecWrongServer)
		return wc_writer_status(p->w);
	wc_write_u8(p->w, b->logon_flags);
	if (p->return_value == ecWrongServer) {
		long n = rop_counted_ascii_size(b->server_name, UINT8_MAX);
		if (n < 0)
			return WC_ERANGE;
		wc_write_u8(p->w, (uint8_t)n);
		wc_write_bytes(p->w, b->server_name, (size_t)n);
		return wc_writer_status(p->w);
	}
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++)
		wc_write_u64(p->w, b->folder_ids[i]);
	return rop_fields_push(p, logon_success_fields(p->req), b);
}

/* MS-OXCROPS 3.1.4.2: a RopLogon creates (or replaces) the logon its LogonId names; whether it is a private
 * mailbox decides the layout of RopWritePerUserInformation requests on it (MS-OXCSTOR 2.2.1.13.1). */
void rop_logon_track(struct rop_ctx *ctx, const struct rop_request *req, const struct rop_response *rsp)
{
	if (rsp == NULL)
		rop_ctx_set_logon(ctx, req->logon_id, req->logon.logon_flags & LOGON_PRIVATE);
}

/* ---- receive folders ---- */

/* MS-OXCROPS 2.2.3.2.1 RopGetReceiveFolder request */
int rop_get_receive_folder_req_pull(struct rop_pull *p, void *body)
{
	struct rop_get_receive_folder_req *b = body;
	return rop_string_pull(p, 0, &b->message_class);
}

int rop_get_receive_folder_req_push(struct rop_push *p, const void *body)
{
	const struct rop_get_receive_folder_req *b = body;
	return rop_string_push(p, 0, b->message_class);
}

/* MS-OXCROPS 2.2.3.2.2 RopGetReceiveFolder response and 2.2.3.3.1 RopSetReceiveFolder request: FolderId, then
 * ExplicitMessageClass / MessageClass */
int rop_receive_folder_pull(struct rop_pull *p, void *body)
{
	struct rop_receive_folder *b = body;
	if (!wc_read_u64(p->r, &b->folder_id))
		return WC_EFORMAT;
	return rop_string_pull(p, 0, &b->message_class);
}

int rop_receive_folder_push(struct rop_push *p, const void *body)
{
	const struct rop_receive_folder *b = body;
	wc_write_u64(p->w, b->folder_id);
	return rop_string_push(p, 0, b->message_class);
}

/* MS-OXCSTOR 2.2.1.4.2: PidTagFolderId (PtypInteger64), PidTagMessageClass (PtypString8),
 * PidTagLastModificationTime (PtypTime). */
const uint32_t rop_receive_folder_table_columns[ROP_RECEIVE_FOLDER_TABLE_COLUMNS] = {
        PROP_TAG(PT_I8, 0x6748),
        PROP_TAG(PT_STRING8, 0x001A),
        PROP_TAG(PT_SYSTIME, 0x3008),
};

/* MS-OXCROPS 2.2.3.4.2 RopGetReceiveFolderTable response: RowCount, then StandardPropertyRow or
 * FlaggedPropertyRow structures (MS-OXCDATA 2.8.1) of the three columns */
int rop_get_receive_folder_table_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_receive_folder_table_rsp *b = body;
	if (!wc_read_u32(p->r, &b->row_count))
		return WC_EFORMAT;
	/* the smallest row is a flagged row with three "not present" values: 4 bytes */
	if ((size_t)b->row_count * 4 > wc_reader_left(p->r))
		return WC_EFORMAT;
	b->rows = talloc_zero_array(p->mem, struct mapi_property_row, b->row_count);
	if (b->rows == NULL && b->row_count > 0)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < b->row_count; i++) {
		int ret = mapi_property_row_pull(p->r, b->rows, rop_receive_folder_table_columns,
		                                 ROP_RECEIVE_FOLDER_TABLE_COLUMNS, 0, &b->rows[i]);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_get_receive_folder_table_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_receive_folder_table_rsp *b = body;
	wc_write_u32(p->w, b->row_count);
	for (uint32_t i = 0; i < b->row_count; i++) {
		int ret = mapi_property_row_push(p->w, rop_receive_folder_table_columns,
		                                 ROP_RECEIVE_FOLDER_TABLE_COLUMNS, 0, &b->rows[i]);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(p->w);
}

/* ---- bodies of fixed fields ---- */

/* MS-OXCROPS 2.2.3.5.2 RopGetStoreState response */
const struct rop_fields rop_get_store_state_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_store_state_rsp, store_state, ROP_U32));

/* MS-OXCROPS 2.2.3.6.1 RopGetOwningServers and 2.2.3.7.1 RopPublicFolderIsGhosted requests */
const struct rop_fields rop_folder_id_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_folder_id_req, folder_id, ROP_U64));

/* MS-OXCROPS 2.2.3.8.1 RopLongTermIdFromId request, 2.2.3.9.2 RopIdFromLongTermId response */
const struct rop_fields rop_object_id_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_object_id, object_id, ROP_U64));

/* MS-OXCROPS 2.2.3.8.2 RopLongTermIdFromId response, 2.2.3.9.1 RopIdFromLongTermId request, 2.2.3.11.1
 * RopGetPerUserGuid request */
const struct rop_fields rop_long_term_id_body_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_long_term_id_body, long_term_id, ROP_LTID));

/* MS-OXCROPS 2.2.3.10.1 RopGetPerUserLongTermIds request, 2.2.3.11.2 RopGetPerUserGuid response */
const struct rop_fields rop_database_guid_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_database_guid, database_guid, ROP_GUID));

/* MS-OXCROPS 2.2.3.12.1 RopReadPerUserInformation request */
#define READ_PER_USER_FIELD(member, kind) ROP_FIELD(struct rop_read_per_user_information_req, member, kind)
const struct rop_fields rop_read_per_user_information_req_fields =
        ROP_FIELDS(READ_PER_USER_FIELD(folder_id, ROP_LTID), READ_PER_USER_FIELD(reserved, ROP_U8),
                   READ_PER_USER_FIELD(data_offset, ROP_U32), READ_PER_USER_FIELD(max_data_size, ROP_U16));

/* ---- public folder replicas ---- */

/* MS-OXCROPS 2.2.3.6.2 RopGetOwningServers response */
int rop_get_owning_servers_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_owning_servers_rsp *b = body;
	return rop_server_list_pull(p, &b->servers);
}

int rop_get_owning_servers_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_owning_servers_rsp *b = body;
	return rop_server_list_push(p, &b->servers);
}

/* MS-OXCROPS 2.2.3.7.2 RopPublicFolderIsGhosted response */
int rop_public_folder_is_ghosted_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_public_folder_is_ghosted_rsp *b = body;
	return rop_ghosted_pull(p, &b->is_ghosted, &b->servers);
}

int rop_public_folder_is_ghosted_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_public_folder_is_ghosted_rsp *b = body;
	return rop_ghosted_push(p, b->is_ghosted, &b->servers);
}

/* ---- per-user read state ---- */

/* MS-OXCROPS 2.2.3.10.2 RopGetPerUserLongTermIds response */
int rop_get_per_user_long_term_ids_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_per_user_long_term_ids_rsp *b = body;
	size_t size = sizeof(struct rop_long_term_id);
	if (!wc_read_u16(p->r, &b->long_term_id_count) || b->long_term_id_count * size > wc_reader_left(p->r))
		return WC_EFORMAT;
	b->long_term_ids = talloc_array(p->mem, struct rop_long_term_id, b->long_term_id_count);
	if (b->long_term_ids == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < b->long_term_id_count; i++)
		wc_read_bytes(p->r, b->long_term_ids[i].bytes, size);
	return 0;
}

int rop_get_per_user_long_term_ids_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_per_user_long_term_ids_rsp *b = body;
	wc_write_u16(p->w, b->long_term_id_count);
	for (uint16_t i = 0; i < b->long_term_id_count; i++)
		wc_write_bytes(p->w, b->long_term_ids[i].bytes, sizeof(struct rop_long_term_id));
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.3.12.2 RopReadPerUserInformation response */
int rop_read_per_user_information_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_read_per_user_information_rsp *b = body;
	if (!wc_read_u8(p->r, &b->has_finished) || !wc_read_u16(p->r, &b->data_size) ||
	    !wc_read_blob(p->r, p->mem, b->data_size, &b->data))
		return WC_EFORMAT;
	return 0;
}

int rop_read_per_user_information_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_read_per_user_information_rsp *b = body;
	wc_write_u8(p->w, b->has_finished);
	wc_write_u16(p->w, b->data_size);
	wc_write_bytes(p->w, b->data, b->data_size);
	return wc_writer_status(p->w);
}

/* MS-OXCSTOR 2.2.1.13.1: ReplGuid "MUST NOT be present for operations against public folders logons ... MUST
 * be present when the value of the DataOffset field is zero ... MUST NOT be present when DataOffset is not
 * zero". */
static bool write_per_user_has_repl_guid(const struct rop_ctx *ctx, const struct rop_request *req)
{
	return req->write_per_user_information.data_offset == 0 && rop_ctx_logon_private(ctx, req->logon_id);
}

/* MS-OXCROPS 2.2.3.13.1 RopWritePerUserInformation request */
int rop_write_per_user_information_req_pull(struct rop_pull *p, void *body)
{
	struct rop_write_per_user_information_req *b = body;
	if (!wc_read_bytes(p->r, b->folder_id.bytes, sizeof b->folder_id.bytes) ||
	    !wc_read_u8(p->r, &b->has_finished) || !wc_read_u32(p->r, &b->data_offset) ||
	    !wc_read_u16(p->r, &b->data_size) || !wc_read_blob(p->r, p->mem, b->data_size, &b->data))
		return WC_EFORMAT;
	if (write_per_user_has_repl_guid(p->ctx, p->req) && !wc_read_guid(p->r, &b->repl_guid))
		return WC_EFORMAT;
	return 0;
}

int rop_write_per_user_information_req_push(struct rop_push *p, const void *body)
{
	const struct rop_write_per_user_information_req *b = body;
	wc_write_bytes(p->w, b->folder_id.bytes, sizeof b->folder_id.bytes);
	wc_write_u8(p->w, b->has_finished);
	wc_write_u32(p->w, b->data_offset);
	wc_write_u16(p->w, b->data_size);
	wc_write_bytes(p->w, b->data, b->data_size);
	if (write_per_user_has_repl_guid(p->ctx, p->req))
		wc_write_guid(p->w, &b->repl_guid);
	return wc_writer_status(p->w);
}
