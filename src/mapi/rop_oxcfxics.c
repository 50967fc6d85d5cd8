/* Bodies of the Bulk Data Transfer protocol ROPs: MS-OXCFXICS 2.2.3, wire layouts in MS-OXCROPS 2.2.12
 * (FastTransfer) and 2.2.13 (Incremental Change Synchronization). */
#include "mapi/rop_oxcfxics.h"

#include "mapi/rop.h"

/* ---- field shapes of this area ---- */

/* A byte count of width bytes (2 or 4) then that many bytes: TransferDataSize/TransferData,
 * StreamDataSize/StreamData, the sized arrays of RopSynchronizationImportMessageMove. */
static int sized_bytes_pull(struct rop_pull *p, int width, uint32_t *size, uint8_t **data)
{
	uint16_t n16 = 0;
	bool ok = width == 2 ? wc_read_u16(p->r, &n16) : wc_read_u32(p->r, size);
	if (width == 2)
		*size = n16;
	if (!ok || *size > wc_reader_left(p->r))
		return WC_EFORMAT;
	return wc_read_blob(p->r, p->mem, *size, data) ? 0 : WC_ENOMEM;
}

static int sized_bytes_push(struct rop_push *p, int width, uint32_t size, const uint8_t *data)
{
	if (width == 2 && size > UINT16_MAX)
		return WC_ERANGE;
	if (size > 0 && data == NULL)
		return WC_EINVAL;
	if (width == 2)
		wc_write_u16(p->w, (uint16_t)size);
	else
		wc_write_u32(p->w, size);
	wc_write_bytes(p->w, data, size);
	return wc_writer_status(p->w);
}

/* PropertyValueCount (2 bytes) then that many TaggedPropertyValues (MS-OXCDATA 2.11.4, ROP widths) */
static int propvals_pull(struct rop_pull *p, uint16_t *count, struct mapi_propval **pvs)
{
	*pvs = NULL;
	if (!wc_read_u16(p->r, count))
		return WC_EFORMAT;
	return mapi_tagged_propval_array_pull(p->r, p->mem, 0, *count, pvs);
}

static int propvals_push(struct rop_push *p, uint16_t count, const struct mapi_propval *pvs)
{
	wc_write_u16(p->w, count);
	return mapi_tagged_propval_array_push(p->w, 0, count, pvs);
}

/* ---- FastTransfer: configuring (MS-OXCFXICS 2.2.3.1) ---- */

/* MS-OXCROPS 2.2.12.1.1 RopFastTransferDestinationConfigure request */
const struct rop_fields rop_fast_transfer_destination_configure_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_fast_transfer_destination_configure_req, source_operation, ROP_U8),
                   ROP_FIELD(struct rop_fast_transfer_destination_configure_req, copy_flags, ROP_U8));

/* MS-OXCROPS 2.2.12.5.1 RopFastTransferSourceCopyFolder request */
const struct rop_fields rop_fast_transfer_source_copy_folder_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_fast_transfer_source_copy_folder_req, copy_flags, ROP_U8),
                   ROP_FIELD(struct rop_fast_transfer_source_copy_folder_req, send_options, ROP_U8));

/* MS-OXCROPS 2.2.12.9.1 RopTellVersion request */
const struct rop_fields rop_tell_version_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_tell_version_req, version[0], ROP_U16),
                   ROP_FIELD(struct rop_tell_version_req, version[1], ROP_U16),
                   ROP_FIELD(struct rop_tell_version_req, version[2], ROP_U16));

/* MS-OXCROPS 2.2.12.6.1 RopFastTransferSourceCopyMessages request: MessageIdCount, MessageIds, CopyFlags,
 * SendOptions */
int rop_fast_transfer_source_copy_messages_req_pull(struct rop_pull *p, void *body)
{
	struct rop_fast_transfer_source_copy_messages_req *b = body;
	int ret = rop_id_array_pull(p, &b->message_id_count, &b->message_ids);
	if (ret == 0 && (!wc_read_u8(p->r, &b->copy_flags) || !wc_read_u8(p->r, &b->send_options)))
		ret = WC_EFORMAT;
	return ret;
}

int rop_fast_transfer_source_copy_messages_req_push(struct rop_push *p, const void *body)
{
	const struct rop_fast_transfer_source_copy_messages_req *b = body;
	int ret = rop_id_array_push(p, b->message_id_count, b->message_ids);
	wc_write_u8(p->w, b->copy_flags);
	wc_write_u8(p->w, b->send_options);
	return ret ? ret : wc_writer_status(p->w);
}

/* Level, CopyFlags of width bytes (4 or 1), SendOptions, PropertyTagCount, PropertyTags: the
 * RopFastTransferSourceCopyTo (2.2.12.7.1) and RopFastTransferSourceCopyProperties (2.2.12.8.1) requests */
static int source_copy_pull(struct rop_pull *p, int width, struct rop_fast_transfer_source_copy_req *b)
{
	uint8_t flags8 = 0;
	if (!wc_read_u8(p->r, &b->level) ||
	    !(width == 4 ? wc_read_u32(p->r, &b->copy_flags) : wc_read_u8(p->r, &flags8)) ||
	    !wc_read_u8(p->r, &b->send_options))
		return WC_EFORMAT;
	if (width == 1)
		b->copy_flags = flags8;
	return mapi_proptag_array_pull(p->r, p->mem, &b->property_tag_count, &b->property_tags);
}

static int source_copy_push(struct rop_push *p, int width, const struct rop_fast_transfer_source_copy_req *b)
{
	wc_write_u8(p->w, b->level);
	if (width == 4)
		wc_write_u32(p->w, b->copy_flags);
	else if (b->copy_flags > UINT8_MAX)
		return WC_ERANGE;
	else
		wc_write_u8(p->w, (uint8_t)b->copy_flags);
	wc_write_u8(p->w, b->send_options);
	return mapi_proptag_array_push(p->w, b->property_tag_count, b->property_tags);
}

/* MS-OXCROPS 2.2.12.7.1 RopFastTransferSourceCopyTo request: CopyFlags is 4 bytes */
int rop_fast_transfer_source_copy_to_req_pull(struct rop_pull *p, void *body)
{
	return source_copy_pull(p, 4, body);
}

int rop_fast_transfer_source_copy_to_req_push(struct rop_push *p, const void *body)
{
	return source_copy_push(p, 4, body);
}

/* MS-OXCROPS 2.2.12.8.1 RopFastTransferSourceCopyProperties request: CopyFlags is 1 byte */
int rop_fast_transfer_source_copy_properties_req_pull(struct rop_pull *p, void *body)
{
	return source_copy_pull(p, 1, body);
}

int rop_fast_transfer_source_copy_properties_req_push(struct rop_push *p, const void *body)
{
	return source_copy_push(p, 1, body);
}

/* ---- FastTransfer: moving the stream ---- */

/* MS-OXCROPS 2.2.12.2.1 RopFastTransferDestinationPutBuffer and 2.2.12.3.1
 * RopFastTransferDestinationPutBufferExtended requests: TransferDataSize (2 bytes), TransferData */
int rop_fast_transfer_destination_put_buffer_req_pull(struct rop_pull *p, void *body)
{
	struct rop_fast_transfer_destination_put_buffer_req *b = body;
	uint32_t size;
	int ret = sized_bytes_pull(p, 2, &size, &b->transfer_data);
	b->transfer_data_size = (uint16_t)size;
	return ret;
}

int rop_fast_transfer_destination_put_buffer_req_push(struct rop_push *p, const void *body)
{
	const struct rop_fast_transfer_destination_put_buffer_req *b = body;
	return sized_bytes_push(p, 2, b->transfer_data_size, b->transfer_data);
}

/* MS-OXCROPS 2.2.12.2.2 RopFastTransferDestinationPutBuffer response */
const struct rop_fields rop_fast_transfer_destination_put_buffer_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_rsp, transfer_status, ROP_U16),
                   ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_rsp, in_progress_count, ROP_U16),
                   ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_rsp, total_step_count, ROP_U16),
                   ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_rsp, reserved, ROP_U8),
                   ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_rsp, buffer_used_size, ROP_U16));

/* MS-OXCROPS 2.2.12.3.2 RopFastTransferDestinationPutBufferExtended response: InProgressCount and
 * TotalStepCount are 4 bytes */
const struct rop_fields rop_fast_transfer_destination_put_buffer_extended_rsp_fields = ROP_FIELDS(
        ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_extended_rsp, transfer_status, ROP_U16),
        ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_extended_rsp, in_progress_count, ROP_U32),
        ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_extended_rsp, total_step_count, ROP_U32),
        ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_extended_rsp, reserved, ROP_U8),
        ROP_FIELD(struct rop_fast_transfer_destination_put_buffer_extended_rsp, buffer_used_size, ROP_U16));

/* MS-OXCROPS 2.2.12.4.1 RopFastTransferSourceGetBuffer request; MS-OXCFXICS 2.2.3.1.1.5.1: MaximumBufferSize
 * if and only if BufferSize is 0xBABE */
int rop_fast_transfer_source_get_buffer_req_pull(struct rop_pull *p, void *body)
{
	struct rop_fast_transfer_source_get_buffer_req *b = body;
	if (!wc_read_u16(p->r, &b->buffer_size) || (b->buffer_size == FAST_TRANSFER_BUFFER_SIZE_SERVER &&
	                                            !wc_read_u16(p->r, &b->maximum_buffer_size)))
		return WC_EFORMAT;
	return 0;
}

int rop_fast_transfer_source_get_buffer_req_push(struct rop_push *p, const void *body)
{
	const struct rop_fast_transfer_source_get_buffer_req *b = body;
	wc_write_u16(p->w, b->buffer_size);
	if (b->buffer_size == FAST_TRANSFER_BUFFER_SIZE_SERVER)
		wc_write_u16(p->w, b->maximum_buffer_size);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.12.4.2 TransferStatus, InProgressCount, TotalStepCount, Reserved, TransferBufferSize */
static const struct rop_fields get_buffer_head =
        ROP_FIELDS(ROP_FIELD(struct rop_fast_transfer_source_get_buffer_rsp, transfer_status, ROP_U16),
                   ROP_FIELD(struct rop_fast_transfer_source_get_buffer_rsp, in_progress_count, ROP_U16),
                   ROP_FIELD(struct rop_fast_transfer_source_get_buffer_rsp, total_step_count, ROP_U16),
                   ROP_FIELD(struct rop_fast_transfer_source_get_buffer_rsp, reserved, ROP_U8),
                   ROP_FIELD(struct rop_fast_transfer_source_get_buffer_rsp, transfer_buffer_size, ROP_U16));

/* MS-OXCROPS 2.2.12.4.2 RopFastTransferSourceGetBuffer response, one layout for success and failure: the
 * head above, then TransferBuffer (TransferBufferSize bytes) if ReturnValue is not 0x00000480, or
 * BackoffTime if it is (MS-OXCFXICS 2.2.3.1.1.5.2) */
int rop_fast_transfer_source_get_buffer_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_fast_transfer_source_get_buffer_rsp *b = body;
	int ret = rop_fields_pull(p, &get_buffer_head, b);
	if (ret != 0)
		return ret;
	if (p->return_value == ecServerBusy)
		return wc_read_u32(p->r, &b->backoff_time) ? 0 : WC_EFORMAT;
	if (b->transfer_buffer_size > wc_reader_left(p->r))
		return WC_EFORMAT;
	return wc_read_blob(p->r, p->mem, b->transfer_buffer_size, &b->transfer_buffer) ? 0 : WC_ENOMEM;
}

int rop_fast_transfer_source_get_buffer_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_fast_transfer_source_get_buffer_rsp *b = body;
	int ret = rop_fields_push(p, &get_buffer_head, b);
	if (ret != 0)
		return ret;
	if (p->return_value == ecServerBusy) {
		wc_write_u32(p->w, b->backoff_time);
		return wc_writer_status(p->w);
	}
	if (b->transfer_buffer_size > 0 && b->transfer_buffer == NULL)
		return WC_EINVAL;
	wc_write_bytes(p->w, b->transfer_buffer, b->transfer_buffer_size);
	return wc_writer_status(p->w);
}

/* ---- ICS: download and state upload (MS-OXCFXICS 2.2.3.2.1 - 2.2.3.2.3) ---- */

/* MS-OXCROPS 2.2.13.1.1 RopSynchronizationConfigure request; MS-OXCFXICS 2.2.3.2.1.1.1 */
int rop_synchronization_configure_req_pull(struct rop_pull *p, void *body)
{
	struct rop_synchronization_configure_req *b = body;
	if (!wc_read_u8(p->r, &b->synchronization_type) || !wc_read_u8(p->r, &b->send_options) ||
	    !wc_read_u16(p->r, &b->synchronization_flags))
		return WC_EFORMAT;
	int ret = rop_sized_restriction_pull(p, &b->restriction);
	if (ret == 0 && !wc_read_u32(p->r, &b->synchronization_extra_flags))
		ret = WC_EFORMAT;
	if (ret == 0)
		ret = mapi_proptag_array_pull(p->r, p->mem, &b->property_tag_count, &b->property_tags);
	return ret;
}

int rop_synchronization_configure_req_push(struct rop_push *p, const void *body)
{
	const struct rop_synchronization_configure_req *b = body;
	wc_write_u8(p->w, b->synchronization_type);
	wc_write_u8(p->w, b->send_options);
	wc_write_u16(p->w, b->synchronization_flags);
	int ret = rop_sized_restriction_push(p, b->restriction);
	if (ret != 0)
		return ret;
	wc_write_u32(p->w, b->synchronization_extra_flags);
	return mapi_proptag_array_push(p->w, b->property_tag_count, b->property_tags);
}

/* MS-OXCROPS 2.2.13.9.1 RopSynchronizationUploadStateStreamBegin request */
const struct rop_fields rop_synchronization_upload_state_stream_begin_req_fields = ROP_FIELDS(
        ROP_FIELD(struct rop_synchronization_upload_state_stream_begin_req, state_property, ROP_U32),
        ROP_FIELD(struct rop_synchronization_upload_state_stream_begin_req, transfer_buffer_size, ROP_U32));

/* MS-OXCROPS 2.2.13.10.1 RopSynchronizationUploadStateStreamContinue request: StreamDataSize (4 bytes),
 * StreamData */
int rop_synchronization_upload_state_stream_continue_req_pull(struct rop_pull *p, void *body)
{
	struct rop_synchronization_upload_state_stream_continue_req *b = body;
	return sized_bytes_pull(p, 4, &b->stream_data_size, &b->stream_data);
}

int rop_synchronization_upload_state_stream_continue_req_push(struct rop_push *p, const void *body)
{
	const struct rop_synchronization_upload_state_stream_continue_req *b = body;
	return sized_bytes_push(p, 4, b->stream_data_size, b->stream_data);
}

/* ---- ICS: upload (MS-OXCFXICS 2.2.3.2.4) ---- */

/* MS-OXCROPS 2.2.13.7.1 RopSynchronizationOpenCollector request */
const struct rop_fields rop_synchronization_open_collector_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_synchronization_open_collector_req, is_contents_collector, ROP_U8));

/* MS-OXCROPS 2.2.13.2.2 / 2.2.13.6.2 success responses: MessageId */
const struct rop_fields rop_synchronization_message_id_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_synchronization_message_id_rsp, message_id, ROP_U64));

/* MS-OXCROPS 2.2.13.2.1 RopSynchronizationImportMessageChange and 2.2.13.5.1
 * RopSynchronizationImportDeletes requests: ImportFlag / ImportDeleteFlags, PropertyValueCount,
 * PropertyValues */
int rop_synchronization_import_req_pull(struct rop_pull *p, void *body)
{
	struct rop_synchronization_import_req *b = body;
	if (!wc_read_u8(p->r, &b->import_flags))
		return WC_EFORMAT;
	return propvals_pull(p, &b->property_value_count, &b->property_values);
}

int rop_synchronization_import_req_push(struct rop_push *p, const void *body)
{
	const struct rop_synchronization_import_req *b = body;
	wc_write_u8(p->w, b->import_flags);
	return propvals_push(p, b->property_value_count, b->property_values);
}

/* MS-OXCROPS 2.2.13.4.1 RopSynchronizationImportHierarchyChange request: HierarchyValueCount,
 * HierarchyValues, PropertyValueCount, PropertyValues */
int rop_synchronization_import_hierarchy_change_req_pull(struct rop_pull *p, void *body)
{
	struct rop_synchronization_import_hierarchy_change_req *b = body;
	int ret = propvals_pull(p, &b->hierarchy_value_count, &b->hierarchy_values);
	return ret ? ret : propvals_pull(p, &b->property_value_count, &b->property_values);
}

int rop_synchronization_import_hierarchy_change_req_push(struct rop_push *p, const void *body)
{
	const struct rop_synchronization_import_hierarchy_change_req *b = body;
	int ret = propvals_push(p, b->hierarchy_value_count, b->hierarchy_values);
	return ret ? ret : propvals_push(p, b->property_value_count, b->property_values);
}

/* The five sized arrays of RopSynchronizationImportMessageMove, in wire order */
static const size_t message_move_fields[] = {
        offsetof(struct rop_synchronization_import_message_move_req, source_folder_id),
        offsetof(struct rop_synchronization_import_message_move_req, source_message_id),
        offsetof(struct rop_synchronization_import_message_move_req, predecessor_change_list),
        offsetof(struct rop_synchronization_import_message_move_req, destination_message_id),
        offsetof(struct rop_synchronization_import_message_move_req, change_number),
};
#define MESSAGE_MOVE_FIELDS (sizeof message_move_fields / sizeof message_move_fields[0])

/* MS-OXCROPS 2.2.13.6.1 RopSynchronizationImportMessageMove request: SourceFolderIdSize, SourceFolderId,
 * SourceMessageIdSize, SourceMessageId, PredecessorChangeListSize, PredecessorChangeList,
 * DestinationMessageIdSize, DestinationMessageId, ChangeNumberSize, ChangeNumber */
int rop_synchronization_import_message_move_req_pull(struct rop_pull *p, void *body)
{
	for (size_t i = 0; i < MESSAGE_MOVE_FIELDS; i++) {
		struct mapi_binary *f = (struct mapi_binary *)((uint8_t *)body + message_move_fields[i]);
		int ret = sized_bytes_pull(p, 4, &f->len, &f->data);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_synchronization_import_message_move_req_push(struct rop_push *p, const void *body)
{
	for (size_t i = 0; i < MESSAGE_MOVE_FIELDS; i++) {
		const struct mapi_binary *f =
		        (const struct mapi_binary *)((const uint8_t *)body + message_move_fields[i]);
		int ret = sized_bytes_push(p, 4, f->len, f->data);
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* MS-OXCROPS 2.2.13.3.1.1 MessageReadState: MessageIdSize, MessageId, MarkAsRead */
static int message_read_state_pull(struct rop_pull *p, struct rop_message_read_state *s)
{
	uint32_t size;
	int ret = sized_bytes_pull(p, 2, &size, &s->message_id);
	s->message_id_size = (uint16_t)size;
	if (ret == 0 && !wc_read_u8(p->r, &s->mark_as_read))
		ret = WC_EFORMAT;
	return ret;
}

/* MS-OXCROPS 2.2.13.3.1 RopSynchronizationImportReadStateChanges request: MessageReadStatesSize, then
 * MessageReadState entries filling exactly that many bytes. A first pass counts them, so that nothing is
 * allocated for entries that are not there. */
int rop_synchronization_import_read_state_changes_req_pull(struct rop_pull *p, void *body)
{
	struct rop_synchronization_import_read_state_changes_req *b = body;
	uint16_t size, n = 0;
	const uint8_t *data;
	struct wc_reader sub;
	if (!wc_read_u16(p->r, &size) || !wc_read_ptr(p->r, size, &data))
		return WC_EFORMAT;
	wc_reader_init(&sub, data, size);
	while (wc_reader_left(&sub) > 0) {
		uint16_t id_size;
		if (!wc_read_u16(&sub, &id_size) || !wc_read_skip(&sub, id_size + 1u))
			return WC_EFORMAT;
		n++; /* at most size / 3 */
	}
	b->message_read_state_count = n;
	b->message_read_states = NULL;
	if (n == 0)
		return 0;
	if ((b->message_read_states = talloc_array(p->mem, struct rop_message_read_state, n)) == NULL)
		return WC_ENOMEM;
	struct rop_pull sp = *p;
	wc_reader_init(&sub, data, size);
	sp.r = &sub;
	for (uint16_t i = 0; i < n; i++) {
		int ret = message_read_state_pull(&sp, &b->message_read_states[i]);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_synchronization_import_read_state_changes_req_push(struct rop_push *p, const void *body)
{
	const struct rop_synchronization_import_read_state_changes_req *b = body;
	size_t at;
	if (b->message_read_state_count > 0 && b->message_read_states == NULL)
		return WC_EINVAL;
	if (!wc_write_reserve(p->w, 2, &at))
		return wc_writer_status(p->w);
	for (uint16_t i = 0; i < b->message_read_state_count; i++) {
		const struct rop_message_read_state *s = &b->message_read_states[i];
		int ret = sized_bytes_push(p, 2, s->message_id_size, s->message_id);
		if (ret != 0)
			return ret;
		wc_write_u8(p->w, s->mark_as_read);
	}
	if (p->w->len - at - 2 > UINT16_MAX)
		return WC_ERANGE;
	wc_patch_u16(p->w, at, (uint16_t)(p->w->len - at - 2));
	return wc_writer_status(p->w);
}

/* ---- ICS: identifiers (MS-OXCFXICS 2.2.3.2.4.7, 2.2.3.2.4.8) ---- */

/* MS-OXCROPS 2.2.13.13.1 RopGetLocalReplicaIds request */
const struct rop_fields rop_get_local_replica_ids_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_local_replica_ids_req, id_count, ROP_U32));

/* MS-OXCROPS 2.2.13.13.2 RopGetLocalReplicaIds success response: ReplGuid, GlobalCount (a GLOBCNT,
 * MS-OXCFXICS 2.2.2.5) */
int rop_get_local_replica_ids_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_local_replica_ids_rsp *b = body;
	return wc_read_guid(p->r, &b->repl_guid) && mapi_globcnt_pull(p->r, &b->global_count) ? 0
	                                                                                      : WC_EFORMAT;
}

int rop_get_local_replica_ids_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_local_replica_ids_rsp *b = body;
	if (b->global_count > MAPI_GLOBCNT_MAX)
		return WC_ERANGE;
	wc_write_guid(p->w, &b->repl_guid);
	mapi_globcnt_push(p->w, b->global_count);
	return wc_writer_status(p->w);
}

#define LONG_TERM_ID_RANGE_SIZE (2 * MAPI_LONG_TERM_ID_SIZE)

/* MS-OXCROPS 2.2.13.12.1 RopSetLocalReplicaMidsetDeleted request: DataSize, then LongTermIdRangeCount and
 * the LongTermIdRanges (2.2.13.12.1.1), which fill exactly DataSize bytes */
int rop_set_local_replica_midset_deleted_req_pull(struct rop_pull *p, void *body)
{
	struct rop_set_local_replica_midset_deleted_req *b = body;
	uint16_t size;
	const uint8_t *data;
	struct wc_reader sub;
	if (!wc_read_u16(p->r, &size) || !wc_read_ptr(p->r, size, &data))
		return WC_EFORMAT;
	wc_reader_init(&sub, data, size);
	if (!wc_read_u32(&sub, &b->long_term_id_range_count) ||
	    b->long_term_id_range_count != wc_reader_left(&sub) / LONG_TERM_ID_RANGE_SIZE ||
	    wc_reader_left(&sub) % LONG_TERM_ID_RANGE_SIZE != 0)
		return WC_EFORMAT;
	b->long_term_id_ranges = NULL;
	if (b->long_term_id_range_count == 0)
		return 0;
	b->long_term_id_ranges =
	        talloc_array(p->mem, struct rop_long_term_id_range, b->long_term_id_range_count);
	if (b->long_term_id_ranges == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < b->long_term_id_range_count; i++) {
		struct rop_long_term_id_range *range = &b->long_term_id_ranges[i];
		int ret = mapi_long_term_id_pull(&sub, &range->min_long_term_id);
		if (ret == 0)
			ret = mapi_long_term_id_pull(&sub, &range->max_long_term_id);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_set_local_replica_midset_deleted_req_push(struct rop_push *p, const void *body)
{
	const struct rop_set_local_replica_midset_deleted_req *b = body;
	if (b->long_term_id_range_count > (UINT16_MAX - 4) / LONG_TERM_ID_RANGE_SIZE)
		return WC_ERANGE;
	if (b->long_term_id_range_count > 0 && b->long_term_id_ranges == NULL)
		return WC_EINVAL;
	wc_write_u16(p->w, (uint16_t)(4 + b->long_term_id_range_count * LONG_TERM_ID_RANGE_SIZE));
	wc_write_u32(p->w, b->long_term_id_range_count);
	for (uint32_t i = 0; i < b->long_term_id_range_count; i++) {
		const struct rop_long_term_id_range *range = &b->long_term_id_ranges[i];
		int ret = mapi_long_term_id_push(p->w, &range->min_long_term_id);
		if (ret == 0)
			ret = mapi_long_term_id_push(p->w, &range->max_long_term_id);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(p->w);
}
