/* The ROP handlers of the mailbox endpoint, one entry per RopId (MS-OXCROPS 2.2.2). A RopId without an entry
 * is answered with ecNotSupported by emsmdb_execute().
 *
 * Registration point: a handler lives in the file of its spec (oxcstor.c for MS-OXCSTOR: RopLogon,
 * RopGetReceiveFolder ...; oxcfold.c for MS-OXCFOLD; oxcmsg.c, oxctabl.c, oxcprpt.c, oxcnotif.c, oxcfxics.c
 * ...), is declared in emsmdb_rops.h and gets one line in the table below, e.g.
 *	[ROP_LOGON] = emsmdb_rop_logon,
 * docs/emsmdb.md describes what a handler receives and must do. */
#include "server/emsmdb/emsmdb_rops.h"

struct emsmdb_object *emsmdb_object_at(struct emsmdb_rop_ctx *ctx, uint32_t index, unsigned types,
                                       uint32_t *ec)
{
	struct emsmdb_object *o = NULL;
	if (index < ctx->handle_count)
		o = emsmdb_handle_get(ctx->session, ctx->handles[index], EMSMDB_OBJ_ANY);
	/* an object without its store object or logon (only a test harness makes those) counts as none */
	if (o == NULL || o->data == NULL || emsmdb_logon_of(o) == NULL) {
		*ec = ecNullObject;
		return NULL;
	}
	if (!(o->type & types)) {
		*ec = ecNotSupported;
		return NULL;
	}
	*ec = ecSuccess;
	return o;
}

struct emsmdb_object *emsmdb_input_object(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          unsigned types, uint32_t *ec)
{
	return emsmdb_object_at(ctx, req->input_handle_index, types, ec);
}

uint32_t emsmdb_output_object(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                              struct emsmdb_object *parent, unsigned type, void *data)
{
	struct emsmdb_object *o = NULL;
	if (req->output_handle_index < ctx->handle_count)
		o = emsmdb_handle_new(ctx->session, parent, type, data);
	if (o == NULL) {
		talloc_free(data);
		return req->output_handle_index < ctx->handle_count ? ecServerOOM : ecNullObject;
	}
	ctx->handles[req->output_handle_index] = o->handle;
	return ecSuccess;
}

unsigned emsmdb_fit_count(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                          void (*set)(struct rop_response *rsp, unsigned count, void *arg), void *arg,
                          unsigned max)
{
	size_t room = rop_out_room(ctx->out, req);
	struct rop_ctx *codec = talloc(ctx->mem, struct rop_ctx);
	unsigned lo = 0, hi = codec != NULL ? max : 0; /* the answer is in [lo, hi] */
	uint32_t ret = rsp->return_value;
	rsp->return_value = ecSuccess; /* the layout to measure is the success one */
	while (lo < hi) {
		unsigned mid = lo + (hi - lo + 1) / 2;
		set(rsp, mid, arg);
		struct wc_writer w;
		wc_writer_init(&w, codec, room);
		*codec = *ctx->out->ctx; /* the push records what it encodes: on a copy */
		if (rop_response_push(&w, codec, req, rsp) == 0)
			lo = mid;
		else
			hi = mid - 1;
		talloc_free(w.data);
	}
	set(rsp, lo, arg);
	rsp->return_value = ret;
	talloc_free(codec);
	return lo;
}

/* MS-OXCROPS 2.2.15.3 RopRelease, 3.2.5.3: releases the object of InputHandleIndex and everything it owns;
 * there is no response. A handle that names nothing is ignored (the request cannot report an error). */
uint32_t emsmdb_rop_release(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp)
{
	(void)rsp;
	emsmdb_handle_release(ctx->session, ctx->handles[req->input_handle_index]);
	return ecSuccess;
}

static const emsmdb_rop_fn handlers[256] = {
        [ROP_RELEASE] = emsmdb_rop_release,
        /* oxcstor.c */
        [ROP_LOGON] = emsmdb_rop_logon,
        [ROP_GET_RECEIVE_FOLDER] = emsmdb_rop_get_receive_folder,
        [ROP_SET_RECEIVE_FOLDER] = emsmdb_rop_set_receive_folder,
        [ROP_GET_RECEIVE_FOLDER_TABLE] = emsmdb_rop_get_receive_folder_table,
        [ROP_LONG_TERM_ID_FROM_ID] = emsmdb_rop_long_term_id_from_id,
        [ROP_ID_FROM_LONG_TERM_ID] = emsmdb_rop_id_from_long_term_id,
        [ROP_GET_PER_USER_LONG_TERM_IDS] = emsmdb_rop_get_per_user_long_term_ids,
        [ROP_GET_PER_USER_GUID] = emsmdb_rop_get_per_user_guid,
        [ROP_READ_PER_USER_INFORMATION] = emsmdb_rop_read_per_user_information,
        [ROP_WRITE_PER_USER_INFORMATION] = emsmdb_rop_write_per_user_information,
        [ROP_GET_STORE_STATE] = emsmdb_rop_get_store_state,
        /* oxcfold.c */
        [ROP_OPEN_FOLDER] = emsmdb_rop_open_folder,
        [ROP_CREATE_FOLDER] = emsmdb_rop_create_folder,
        [ROP_DELETE_FOLDER] = emsmdb_rop_delete_folder,
        [ROP_GET_HIERARCHY_TABLE] = emsmdb_rop_get_hierarchy_table,
        [ROP_GET_CONTENTS_TABLE] = emsmdb_rop_get_contents_table,
        [ROP_EMPTY_FOLDER] = emsmdb_rop_empty_folder,
        [ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS] = emsmdb_rop_hard_delete_messages_and_subfolders,
        [ROP_DELETE_MESSAGES] = emsmdb_rop_delete_messages,
        [ROP_HARD_DELETE_MESSAGES] = emsmdb_rop_hard_delete_messages,
        [ROP_MOVE_COPY_MESSAGES] = emsmdb_rop_move_copy_messages,
        [ROP_MOVE_FOLDER] = emsmdb_rop_move_folder,
        [ROP_COPY_FOLDER] = emsmdb_rop_copy_folder,
        [ROP_SET_SEARCH_CRITERIA] = emsmdb_rop_search_criteria,
        [ROP_GET_SEARCH_CRITERIA] = emsmdb_rop_search_criteria,
        /* oxcmsg.c */
        [ROP_OPEN_MESSAGE] = emsmdb_rop_open_message,
        [ROP_CREATE_MESSAGE] = emsmdb_rop_create_message,
        [ROP_SAVE_CHANGES_MESSAGE] = emsmdb_rop_save_changes_message,
        [ROP_REMOVE_ALL_RECIPIENTS] = emsmdb_rop_remove_all_recipients,
        [ROP_MODIFY_RECIPIENTS] = emsmdb_rop_modify_recipients,
        [ROP_READ_RECIPIENTS] = emsmdb_rop_read_recipients,
        [ROP_RELOAD_CACHED_INFORMATION] = emsmdb_rop_reload_cached_information,
        [ROP_SET_MESSAGE_STATUS] = emsmdb_rop_set_message_status,
        [ROP_GET_MESSAGE_STATUS] = emsmdb_rop_get_message_status,
        [ROP_SET_READ_FLAGS] = emsmdb_rop_set_read_flags,
        [ROP_SET_MESSAGE_READ_FLAG] = emsmdb_rop_set_message_read_flag,
        [ROP_GET_ATTACHMENT_TABLE] = emsmdb_rop_get_attachment_table,
        [ROP_OPEN_ATTACHMENT] = emsmdb_rop_open_attachment,
        [ROP_CREATE_ATTACHMENT] = emsmdb_rop_create_attachment,
        [ROP_DELETE_ATTACHMENT] = emsmdb_rop_delete_attachment,
        [ROP_SAVE_CHANGES_ATTACHMENT] = emsmdb_rop_save_changes_attachment,
        [ROP_OPEN_EMBEDDED_MESSAGE] = emsmdb_rop_open_embedded_message,
        [ROP_GET_VALID_ATTACHMENTS] = emsmdb_rop_get_valid_attachments,
        /* oxctabl.c */
        [ROP_SET_COLUMNS] = emsmdb_rop_table,
        [ROP_SORT_TABLE] = emsmdb_rop_table,
        [ROP_RESTRICT] = emsmdb_rop_table,
        [ROP_QUERY_ROWS] = emsmdb_rop_table,
        [ROP_ABORT] = emsmdb_rop_table,
        [ROP_GET_STATUS] = emsmdb_rop_table,
        [ROP_QUERY_POSITION] = emsmdb_rop_table,
        [ROP_SEEK_ROW] = emsmdb_rop_table,
        [ROP_SEEK_ROW_BOOKMARK] = emsmdb_rop_table,
        [ROP_SEEK_ROW_FRACTIONAL] = emsmdb_rop_table,
        [ROP_CREATE_BOOKMARK] = emsmdb_rop_table,
        [ROP_FREE_BOOKMARK] = emsmdb_rop_table,
        [ROP_QUERY_COLUMNS_ALL] = emsmdb_rop_table,
        [ROP_FIND_ROW] = emsmdb_rop_table,
        [ROP_RESET_TABLE] = emsmdb_rop_table,
        [ROP_EXPAND_ROW] = emsmdb_rop_table,
        [ROP_COLLAPSE_ROW] = emsmdb_rop_table,
        [ROP_GET_COLLAPSE_STATE] = emsmdb_rop_table,
        [ROP_SET_COLLAPSE_STATE] = emsmdb_rop_table,
        /* oxcprpt.c */
        [ROP_GET_PROPERTIES_SPECIFIC] = emsmdb_rop_get_properties_specific,
        [ROP_GET_PROPERTIES_ALL] = emsmdb_rop_get_properties_all,
        [ROP_GET_PROPERTIES_LIST] = emsmdb_rop_get_properties_list,
        [ROP_SET_PROPERTIES] = emsmdb_rop_change_properties,
        [ROP_SET_PROPERTIES_NO_REPLICATE] = emsmdb_rop_change_properties,
        [ROP_DELETE_PROPERTIES] = emsmdb_rop_change_properties,
        [ROP_DELETE_PROPERTIES_NO_REPLICATE] = emsmdb_rop_change_properties,
        [ROP_QUERY_NAMED_PROPERTIES] = emsmdb_rop_query_named_properties,
        [ROP_COPY_PROPERTIES] = emsmdb_rop_copy_properties,
        [ROP_COPY_TO] = emsmdb_rop_copy_to,
        [ROP_GET_PROPERTY_IDS_FROM_NAMES] = emsmdb_rop_get_property_ids_from_names,
        [ROP_GET_NAMES_FROM_PROPERTY_IDS] = emsmdb_rop_get_names_from_property_ids,
        /* oxcprpt_stream.c */
        [ROP_OPEN_STREAM] = emsmdb_rop_open_stream,
        [ROP_READ_STREAM] = emsmdb_rop_read_stream,
        [ROP_WRITE_STREAM] = emsmdb_rop_write_stream,
        [ROP_WRITE_STREAM_EXTENDED] = emsmdb_rop_write_stream_extended,
        [ROP_COMMIT_STREAM] = emsmdb_rop_commit_stream,
        [ROP_WRITE_AND_COMMIT_STREAM] = emsmdb_rop_write_and_commit_stream,
        [ROP_GET_STREAM_SIZE] = emsmdb_rop_get_stream_size,
        [ROP_SET_STREAM_SIZE] = emsmdb_rop_set_stream_size,
        [ROP_SEEK_STREAM] = emsmdb_rop_seek_stream,
        [ROP_COPY_TO_STREAM] = emsmdb_rop_copy_to_stream,
        [ROP_LOCK_REGION_STREAM] = emsmdb_rop_lock_region_stream,
        [ROP_UNLOCK_REGION_STREAM] = emsmdb_rop_unlock_region_stream,
        /* oxomsg.c */
        [ROP_SUBMIT_MESSAGE] = emsmdb_rop_submit_message,
        [ROP_ABORT_SUBMIT] = emsmdb_rop_abort_submit,
        [ROP_GET_ADDRESS_TYPES] = emsmdb_rop_get_address_types,
        [ROP_SET_SPOOLER] = emsmdb_rop_set_spooler,
        [ROP_SPOOLER_LOCK_MESSAGE] = emsmdb_rop_spooler_lock_message,
        [ROP_TRANSPORT_SEND] = emsmdb_rop_transport_send,
        [ROP_GET_TRANSPORT_FOLDER] = emsmdb_rop_get_transport_folder,
        [ROP_OPTIONS_DATA] = emsmdb_rop_options_data,
};

emsmdb_rop_fn emsmdb_rop_handler(uint8_t rop_id)
{
	return handlers[rop_id];
}
