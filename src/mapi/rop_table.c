/* The central ROP table: every RopId of MS-OXCROPS 2.2.2 with its name and section, and for each ROP that has
 * a codec the shape of its header (which handle indexes), its flags and how its request and response bodies
 * are coded. Adding a ROP's codec is changing its ROP_NAMED line into a ROP_CODED line (docs/rop-codec.md).
 * test_rop_buffer checks this table against the RopId table of the spec. */
#include "mapi/rop.h"

#define ROP_NAMED(name_, section_)                                                                           \
	{                                                                                                    \
		.name = #name_, .section = section_                                                          \
	}
#define ROP_CODED(name_, section_, handles_, ...)                                                            \
	{                                                                                                    \
		.name = #name_, .section = section_, .handles = handles_, .coded = true, __VA_ARGS__         \
	}
#define REQ_FIELDS(x) .req = {.fields = &rop_##x##_fields}
#define REQ_BODY(x) .req = {.pull = rop_##x##_pull, .push = rop_##x##_push}
#define RSP_FIELDS(x) .rsp = {.fields = &rop_##x##_fields}
#define RSP_BODY(x) .rsp = {.pull = rop_##x##_pull, .push = rop_##x##_push}

static const struct rop_info rop_table[256] = {
        [ROP_RELEASE] = ROP_CODED(RopRelease, "2.2.15.3", ROP_H_IN, .flags = ROP_F_NO_RESPONSE),
        [ROP_OPEN_FOLDER] = ROP_CODED(RopOpenFolder, "2.2.4.1", ROP_H_IN_OUT, REQ_FIELDS(open_folder_req),
                                      RSP_BODY(open_folder_rsp)),
        [ROP_OPEN_MESSAGE] = ROP_CODED(RopOpenMessage, "2.2.6.1", ROP_H_IN_OUT, REQ_FIELDS(open_message_req),
                                       RSP_BODY(open_message_rsp), .track = rop_recipient_columns_track),
        [ROP_GET_HIERARCHY_TABLE] = ROP_CODED(RopGetHierarchyTable, "2.2.4.13", ROP_H_IN_OUT,
                                              REQ_FIELDS(get_table_req), RSP_FIELDS(get_table_rsp)),
        [ROP_GET_CONTENTS_TABLE] = ROP_CODED(RopGetContentsTable, "2.2.4.14", ROP_H_IN_OUT,
                                             REQ_FIELDS(get_table_req), RSP_FIELDS(get_table_rsp)),
        [ROP_CREATE_MESSAGE] = ROP_CODED(RopCreateMessage, "2.2.6.2", ROP_H_IN_OUT,
                                         REQ_FIELDS(create_message_req), RSP_BODY(create_message_rsp)),
        [ROP_GET_PROPERTIES_SPECIFIC] =
                ROP_CODED(RopGetPropertiesSpecific, "2.2.8.3", ROP_H_IN,
                          REQ_BODY(get_properties_specific_req), RSP_BODY(get_properties_specific_rsp)),
        [ROP_GET_PROPERTIES_ALL] = ROP_CODED(RopGetPropertiesAll, "2.2.8.4", ROP_H_IN,
                                             REQ_FIELDS(get_properties_all_req), RSP_BODY(property_values)),
        [ROP_GET_PROPERTIES_LIST] =
                ROP_CODED(RopGetPropertiesList, "2.2.8.5", ROP_H_IN, RSP_BODY(property_tags)),
        [ROP_SET_PROPERTIES] = ROP_CODED(RopSetProperties, "2.2.8.6", ROP_H_IN, REQ_BODY(set_properties_req),
                                         RSP_BODY(property_problems)),
        [ROP_DELETE_PROPERTIES] = ROP_CODED(RopDeleteProperties, "2.2.8.8", ROP_H_IN, REQ_BODY(property_tags),
                                            RSP_BODY(property_problems)),
        [ROP_SAVE_CHANGES_MESSAGE] =
                ROP_CODED(RopSaveChangesMessage, "2.2.6.3", ROP_H_RSP_IN, REQ_FIELDS(save_changes_req),
                          RSP_FIELDS(save_changes_message_rsp)),
        [ROP_REMOVE_ALL_RECIPIENTS] =
                ROP_CODED(RopRemoveAllRecipients, "2.2.6.4", ROP_H_IN, REQ_FIELDS(remove_all_recipients_req),
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_MODIFY_RECIPIENTS] = ROP_CODED(RopModifyRecipients, "2.2.6.5", ROP_H_IN,
                                            REQ_BODY(modify_recipients_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_READ_RECIPIENTS] = ROP_CODED(RopReadRecipients, "2.2.6.6", ROP_H_IN,
                                          REQ_FIELDS(read_recipients_req), RSP_BODY(read_recipients_rsp)),
        [ROP_RELOAD_CACHED_INFORMATION] = ROP_CODED(
                RopReloadCachedInformation, "2.2.6.7", ROP_H_IN, REQ_FIELDS(reload_cached_information_req),
                RSP_BODY(open_message_rsp), .track = rop_recipient_columns_track),
        [ROP_SET_MESSAGE_READ_FLAG] =
                ROP_CODED(RopSetMessageReadFlag, "2.2.6.11", ROP_H_RSP_IN,
                          REQ_BODY(set_message_read_flag_req), RSP_BODY(set_message_read_flag_rsp)),
        [ROP_SET_COLUMNS] = ROP_CODED(RopSetColumns, "2.2.5.1", ROP_H_IN, REQ_BODY(set_columns_req),
                                      RSP_FIELDS(table_status_rsp), .track = rop_set_columns_track),
        [ROP_SORT_TABLE] = ROP_CODED(RopSortTable, "2.2.5.2", ROP_H_IN, REQ_BODY(sort_table_req),
                                     RSP_FIELDS(table_status_rsp)),
        [ROP_RESTRICT] = ROP_CODED(RopRestrict, "2.2.5.3", ROP_H_IN, REQ_BODY(restrict_req),
                                   RSP_FIELDS(table_status_rsp)),
        [ROP_QUERY_ROWS] = ROP_CODED(RopQueryRows, "2.2.5.4", ROP_H_IN, REQ_FIELDS(query_rows_req),
                                     RSP_BODY(query_rows_rsp)),
        [ROP_GET_STATUS] = ROP_CODED(RopGetStatus, "2.2.5.6", ROP_H_IN, RSP_FIELDS(table_status_rsp)),
        [ROP_QUERY_POSITION] = ROP_CODED(RopQueryPosition, "2.2.5.7", ROP_H_IN, RSP_FIELDS(fraction)),
        [ROP_SEEK_ROW] = ROP_CODED(RopSeekRow, "2.2.5.8", ROP_H_IN, REQ_FIELDS(seek_row_req),
                                   RSP_FIELDS(seek_row_rsp)),
        [ROP_SEEK_ROW_BOOKMARK] =
                ROP_CODED(RopSeekRowBookmark, "2.2.5.9", ROP_H_IN, REQ_BODY(seek_row_bookmark_req),
                          RSP_FIELDS(seek_row_bookmark_rsp)),
        [ROP_SEEK_ROW_FRACTIONAL] = ROP_CODED(RopSeekRowFractional, "2.2.5.10", ROP_H_IN,
                                              REQ_FIELDS(fraction), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_CREATE_BOOKMARK] = ROP_CODED(RopCreateBookmark, "2.2.5.11", ROP_H_IN, RSP_BODY(bytes)),
        [ROP_CREATE_FOLDER] = ROP_CODED(RopCreateFolder, "2.2.4.2", ROP_H_IN_OUT, REQ_BODY(create_folder_req),
                                        RSP_BODY(create_folder_rsp)),
        [ROP_DELETE_FOLDER] = ROP_CODED(RopDeleteFolder, "2.2.4.3", ROP_H_IN, REQ_FIELDS(delete_folder_req),
                                        RSP_FIELDS(partial_completion_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_DELETE_MESSAGES] =
                ROP_CODED(RopDeleteMessages, "2.2.4.11", ROP_H_IN, REQ_BODY(delete_messages_req),
                          RSP_FIELDS(partial_completion_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        /* its response carries RopId 0x20 (MS-OXCROPS 2.2.6.9.2) */
        [ROP_GET_MESSAGE_STATUS] =
                ROP_CODED(RopGetMessageStatus, "2.2.6.9", ROP_H_IN, REQ_FIELDS(get_message_status_req),
                          RSP_FIELDS(message_status_rsp), .rsp_id = ROP_SET_MESSAGE_STATUS),
        [ROP_SET_MESSAGE_STATUS] =
                ROP_CODED(RopSetMessageStatus, "2.2.6.8", ROP_H_IN, REQ_FIELDS(set_message_status_req),
                          RSP_FIELDS(message_status_rsp)),
        [ROP_GET_ATTACHMENT_TABLE] = ROP_CODED(RopGetAttachmentTable, "2.2.6.17", ROP_H_IN_OUT,
                                               REQ_FIELDS(get_table_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_OPEN_ATTACHMENT] = ROP_CODED(RopOpenAttachment, "2.2.6.12", ROP_H_IN_OUT,
                                          REQ_FIELDS(open_attachment_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_CREATE_ATTACHMENT] =
                ROP_CODED(RopCreateAttachment, "2.2.6.13", ROP_H_IN_OUT, RSP_FIELDS(attachment_id)),
        [ROP_DELETE_ATTACHMENT] = ROP_CODED(RopDeleteAttachment, "2.2.6.14", ROP_H_IN,
                                            REQ_FIELDS(attachment_id), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SAVE_CHANGES_ATTACHMENT] =
                ROP_CODED(RopSaveChangesAttachment, "2.2.6.15", ROP_H_RSP_IN, REQ_FIELDS(save_changes_req),
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SET_RECEIVE_FOLDER] = ROP_CODED(RopSetReceiveFolder, "2.2.3.3", ROP_H_IN,
                                             REQ_BODY(receive_folder), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_RECEIVE_FOLDER] = ROP_CODED(RopGetReceiveFolder, "2.2.3.2", ROP_H_IN,
                                             REQ_BODY(get_receive_folder_req), RSP_BODY(receive_folder)),
        [ROP_REGISTER_NOTIFICATION] =
                ROP_CODED(RopRegisterNotification, "2.2.14.1", ROP_H_IN_OUT,
                          REQ_BODY(register_notification_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_NOTIFY] =
                ROP_CODED(RopNotify, "2.2.14.2", ROP_H_NONE, RSP_BODY(notify_rsp), .flags = ROP_F_NO_REQUEST),
        [ROP_OPEN_STREAM] = ROP_CODED(RopOpenStream, "2.2.9.1", ROP_H_IN_OUT, REQ_FIELDS(open_stream_req),
                                      RSP_FIELDS(stream_size_rsp)),
        [ROP_READ_STREAM] = ROP_CODED(RopReadStream, "2.2.9.2", ROP_H_IN, REQ_BODY(read_stream_req),
                                      RSP_BODY(bytes), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_WRITE_STREAM] = ROP_CODED(RopWriteStream, "2.2.9.3", ROP_H_IN, REQ_BODY(bytes),
                                       RSP_FIELDS(write_stream_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SEEK_STREAM] = ROP_CODED(RopSeekStream, "2.2.9.8", ROP_H_IN, REQ_FIELDS(seek_stream_req),
                                      RSP_FIELDS(seek_stream_rsp)),
        [ROP_SET_STREAM_SIZE] = ROP_CODED(RopSetStreamSize, "2.2.9.7", ROP_H_IN,
                                          REQ_FIELDS(set_stream_size_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SET_SEARCH_CRITERIA] =
                ROP_CODED(RopSetSearchCriteria, "2.2.4.4", ROP_H_IN, REQ_BODY(set_search_criteria_req),
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_SEARCH_CRITERIA] =
                ROP_CODED(RopGetSearchCriteria, "2.2.4.5", ROP_H_IN, REQ_FIELDS(get_search_criteria_req),
                          RSP_BODY(get_search_criteria_rsp)),
        [ROP_SUBMIT_MESSAGE] = ROP_CODED(RopSubmitMessage, "2.2.7.1", ROP_H_IN,
                                         REQ_FIELDS(submit_message_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_MOVE_COPY_MESSAGES] =
                ROP_CODED(RopMoveCopyMessages, "2.2.4.6", ROP_H_SRC_DST, REQ_BODY(move_copy_messages_req),
                          RSP_BODY(move_copy_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_ABORT_SUBMIT] = ROP_CODED(RopAbortSubmit, "2.2.7.2", ROP_H_IN, REQ_FIELDS(abort_submit_req),
                                       .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_MOVE_FOLDER] = ROP_CODED(RopMoveFolder, "2.2.4.7", ROP_H_SRC_DST, REQ_BODY(move_folder_req),
                                      RSP_BODY(move_copy_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_COPY_FOLDER] = ROP_CODED(RopCopyFolder, "2.2.4.8", ROP_H_SRC_DST, REQ_BODY(copy_folder_req),
                                      RSP_BODY(move_copy_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_QUERY_COLUMNS_ALL] =
                ROP_CODED(RopQueryColumnsAll, "2.2.5.12", ROP_H_IN, RSP_BODY(property_tags)),
        [ROP_ABORT] = ROP_CODED(RopAbort, "2.2.5.5", ROP_H_IN, RSP_FIELDS(table_status_rsp)),
        [ROP_COPY_TO] = ROP_CODED(RopCopyTo, "2.2.8.12", ROP_H_SRC_DST, REQ_BODY(copy_to_req),
                                  RSP_BODY(copy_properties_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_COPY_TO_STREAM] =
                ROP_CODED(RopCopyToStream, "2.2.9.9", ROP_H_SRC_DST, REQ_FIELDS(copy_to_stream_req),
                          RSP_BODY(copy_to_stream_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_CLONE_STREAM] =
                ROP_CODED(RopCloneStream, "2.2.9.13", ROP_H_IN_OUT, .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_PERMISSIONS_TABLE] = ROP_CODED(RopGetPermissionsTable, "2.2.10.2", ROP_H_IN_OUT,
                                                REQ_FIELDS(get_table_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_RULES_TABLE] = ROP_CODED(RopGetRulesTable, "2.2.11.2", ROP_H_IN_OUT,
                                          REQ_FIELDS(get_table_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_MODIFY_PERMISSIONS] = ROP_CODED(RopModifyPermissions, "2.2.10.1", ROP_H_IN,
                                             REQ_BODY(modify_rows_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_MODIFY_RULES] = ROP_CODED(RopModifyRules, "2.2.11.1", ROP_H_IN, REQ_BODY(modify_rows_req),
                                       .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_OWNING_SERVERS] = ROP_CODED(RopGetOwningServers, "2.2.3.6", ROP_H_IN,
                                             REQ_FIELDS(folder_id_req), RSP_BODY(get_owning_servers_rsp)),
        [ROP_LONG_TERM_ID_FROM_ID] = ROP_CODED(RopLongTermIdFromId, "2.2.3.8", ROP_H_IN,
                                               REQ_FIELDS(object_id), RSP_FIELDS(long_term_id_body)),
        [ROP_ID_FROM_LONG_TERM_ID] = ROP_CODED(RopIdFromLongTermId, "2.2.3.9", ROP_H_IN,
                                               REQ_FIELDS(long_term_id_body), RSP_FIELDS(object_id)),
        [ROP_PUBLIC_FOLDER_IS_GHOSTED] =
                ROP_CODED(RopPublicFolderIsGhosted, "2.2.3.7", ROP_H_IN, REQ_FIELDS(folder_id_req),
                          RSP_BODY(public_folder_is_ghosted_rsp)),
        [ROP_OPEN_EMBEDDED_MESSAGE] = ROP_CODED(
                RopOpenEmbeddedMessage, "2.2.6.16", ROP_H_IN_OUT, REQ_FIELDS(open_embedded_message_req),
                RSP_BODY(open_embedded_message_rsp), .track = rop_recipient_columns_track),
        [ROP_SET_SPOOLER] = ROP_CODED(RopSetSpooler, "2.2.7.4", ROP_H_IN, .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SPOOLER_LOCK_MESSAGE] =
                ROP_CODED(RopSpoolerLockMessage, "2.2.7.5", ROP_H_IN, REQ_FIELDS(spooler_lock_message_req),
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_ADDRESS_TYPES] =
                ROP_CODED(RopGetAddressTypes, "2.2.7.3", ROP_H_IN, RSP_BODY(get_address_types_rsp)),
        [ROP_TRANSPORT_SEND] = ROP_CODED(RopTransportSend, "2.2.7.6", ROP_H_IN, RSP_BODY(transport_send_rsp)),
        [ROP_FAST_TRANSFER_SOURCE_COPY_MESSAGES] =
                ROP_CODED(RopFastTransferSourceCopyMessages, "2.2.12.6", ROP_H_IN_OUT,
                          REQ_BODY(fast_transfer_source_copy_messages_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FAST_TRANSFER_SOURCE_COPY_FOLDER] =
                ROP_CODED(RopFastTransferSourceCopyFolder, "2.2.12.5", ROP_H_IN_OUT,
                          REQ_FIELDS(fast_transfer_source_copy_folder_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FAST_TRANSFER_SOURCE_COPY_TO] =
                ROP_CODED(RopFastTransferSourceCopyTo, "2.2.12.7", ROP_H_IN_OUT,
                          REQ_BODY(fast_transfer_source_copy_to_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FAST_TRANSFER_SOURCE_GET_BUFFER] =
                ROP_CODED(RopFastTransferSourceGetBuffer, "2.2.12.4", ROP_H_IN,
                          REQ_BODY(fast_transfer_source_get_buffer_req),
                          RSP_BODY(fast_transfer_source_get_buffer_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FIND_ROW] =
                ROP_CODED(RopFindRow, "2.2.5.13", ROP_H_IN, REQ_BODY(find_row_req), RSP_BODY(find_row_rsp)),
        [ROP_PROGRESS] = ROP_CODED(RopProgress, "2.2.8.13", ROP_H_IN, REQ_FIELDS(progress_req),
                                   RSP_FIELDS(progress_rsp)),
        [ROP_TRANSPORT_NEW_MAIL] =
                ROP_CODED(RopTransportNewMail, "2.2.7.7", ROP_H_IN, REQ_BODY(transport_new_mail_req),
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_VALID_ATTACHMENTS] =
                ROP_CODED(RopGetValidAttachments, "2.2.6.18", ROP_H_IN, RSP_BODY(get_valid_attachments_rsp)),
        [ROP_FAST_TRANSFER_DESTINATION_CONFIGURE] = ROP_CODED(
                RopFastTransferDestinationConfigure, "2.2.12.1", ROP_H_IN_OUT,
                REQ_FIELDS(fast_transfer_destination_configure_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER] = ROP_CODED(
                RopFastTransferDestinationPutBuffer, "2.2.12.2", ROP_H_IN,
                REQ_BODY(fast_transfer_destination_put_buffer_req),
                RSP_FIELDS(fast_transfer_destination_put_buffer_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_NAMES_FROM_PROPERTY_IDS] = ROP_CODED(RopGetNamesFromPropertyIds, "2.2.8.2", ROP_H_IN,
                                                      REQ_BODY(property_ids), RSP_BODY(property_names)),
        [ROP_GET_PROPERTY_IDS_FROM_NAMES] =
                ROP_CODED(RopGetPropertyIdsFromNames, "2.2.8.1", ROP_H_IN,
                          REQ_BODY(get_property_ids_from_names_req), RSP_BODY(property_ids)),
        [ROP_UPDATE_DEFERRED_ACTION_MESSAGES] =
                ROP_CODED(RopUpdateDeferredActionMessages, "2.2.11.3", ROP_H_IN,
                          REQ_BODY(update_deferred_action_messages_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_EMPTY_FOLDER] = ROP_CODED(RopEmptyFolder, "2.2.4.9", ROP_H_IN, REQ_FIELDS(empty_folder_req),
                                       RSP_FIELDS(partial_completion_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_EXPAND_ROW] = ROP_CODED(RopExpandRow, "2.2.5.16", ROP_H_IN, REQ_FIELDS(expand_row_req),
                                     RSP_BODY(expand_row_rsp)),
        [ROP_COLLAPSE_ROW] = ROP_CODED(RopCollapseRow, "2.2.5.17", ROP_H_IN, REQ_FIELDS(collapse_row_req),
                                       RSP_FIELDS(collapse_row_rsp)),
        [ROP_LOCK_REGION_STREAM] = ROP_CODED(RopLockRegionStream, "2.2.9.10", ROP_H_IN,
                                             REQ_FIELDS(region_stream_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_UNLOCK_REGION_STREAM] = ROP_CODED(RopUnlockRegionStream, "2.2.9.11", ROP_H_IN,
                                               REQ_FIELDS(region_stream_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_COMMIT_STREAM] = ROP_CODED(RopCommitStream, "2.2.9.5", ROP_H_IN, .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_STREAM_SIZE] = ROP_CODED(RopGetStreamSize, "2.2.9.6", ROP_H_IN, RSP_FIELDS(stream_size_rsp)),
        /* its success layout also comes with ecWarnWithErrors (MS-OXCROPS 2.2.8.10.2): the body looks at
           ReturnValue */
        [ROP_QUERY_NAMED_PROPERTIES] =
                ROP_CODED(RopQueryNamedProperties, "2.2.8.10", ROP_H_IN, REQ_BODY(query_named_properties_req),
                          RSP_BODY(query_named_properties_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_PER_USER_LONG_TERM_IDS] =
                ROP_CODED(RopGetPerUserLongTermIds, "2.2.3.10", ROP_H_IN, REQ_FIELDS(database_guid),
                          RSP_BODY(get_per_user_long_term_ids_rsp)),
        [ROP_GET_PER_USER_GUID] = ROP_CODED(RopGetPerUserGuid, "2.2.3.11", ROP_H_IN,
                                            REQ_FIELDS(long_term_id_body), RSP_FIELDS(database_guid)),
        [ROP_READ_PER_USER_INFORMATION] =
                ROP_CODED(RopReadPerUserInformation, "2.2.3.12", ROP_H_IN,
                          REQ_FIELDS(read_per_user_information_req), RSP_BODY(read_per_user_information_rsp)),
        [ROP_WRITE_PER_USER_INFORMATION] =
                ROP_CODED(RopWritePerUserInformation, "2.2.3.13", ROP_H_IN,
                          REQ_BODY(write_per_user_information_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SET_READ_FLAGS] = ROP_CODED(RopSetReadFlags, "2.2.6.10", ROP_H_IN, REQ_BODY(set_read_flags_req),
                                         RSP_FIELDS(partial_completion_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_COPY_PROPERTIES] =
                ROP_CODED(RopCopyProperties, "2.2.8.11", ROP_H_SRC_DST, REQ_BODY(copy_properties_req),
                          RSP_BODY(copy_properties_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_RECEIVE_FOLDER_TABLE] = ROP_CODED(RopGetReceiveFolderTable, "2.2.3.4", ROP_H_IN,
                                                   RSP_BODY(get_receive_folder_table_rsp)),
        [ROP_FAST_TRANSFER_SOURCE_COPY_PROPERTIES] =
                ROP_CODED(RopFastTransferSourceCopyProperties, "2.2.12.8", ROP_H_IN_OUT,
                          REQ_BODY(fast_transfer_source_copy_properties_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_COLLAPSE_STATE] = ROP_CODED(RopGetCollapseState, "2.2.5.18", ROP_H_IN,
                                             REQ_FIELDS(get_collapse_state_req), RSP_BODY(bytes)),
        [ROP_SET_COLLAPSE_STATE] =
                ROP_CODED(RopSetCollapseState, "2.2.5.19", ROP_H_IN, REQ_BODY(bytes), RSP_BODY(bytes)),
        [ROP_GET_TRANSPORT_FOLDER] =
                ROP_CODED(RopGetTransportFolder, "2.2.7.8", ROP_H_IN, RSP_FIELDS(get_transport_folder_rsp)),
        [ROP_PENDING] = ROP_CODED(RopPending, "2.2.14.3", ROP_H_NONE, RSP_FIELDS(pending_rsp),
                                  .flags = ROP_F_NO_REQUEST),
        [ROP_OPTIONS_DATA] = ROP_CODED(RopOptionsData, "2.2.7.9", ROP_H_IN, REQ_BODY(options_data_req),
                                       RSP_BODY(options_data_rsp)),
        [ROP_SYNCHRONIZATION_CONFIGURE] =
                ROP_CODED(RopSynchronizationConfigure, "2.2.13.1", ROP_H_IN_OUT,
                          REQ_BODY(synchronization_configure_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE] =
                ROP_CODED(RopSynchronizationImportMessageChange, "2.2.13.2", ROP_H_IN_OUT,
                          REQ_BODY(synchronization_import_req), RSP_FIELDS(synchronization_message_id_rsp)),
        [ROP_SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE] =
                ROP_CODED(RopSynchronizationImportHierarchyChange, "2.2.13.4", ROP_H_IN,
                          REQ_BODY(synchronization_import_hierarchy_change_req), RSP_FIELDS(folder_id_req)),
        [ROP_SYNCHRONIZATION_IMPORT_DELETES] =
                ROP_CODED(RopSynchronizationImportDeletes, "2.2.13.5", ROP_H_IN,
                          REQ_BODY(synchronization_import_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN] = ROP_CODED(
                RopSynchronizationUploadStateStreamBegin, "2.2.13.9", ROP_H_IN,
                REQ_FIELDS(synchronization_upload_state_stream_begin_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE] = ROP_CODED(
                RopSynchronizationUploadStateStreamContinue, "2.2.13.10", ROP_H_IN,
                REQ_BODY(synchronization_upload_state_stream_continue_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_END] =
                ROP_CODED(RopSynchronizationUploadStateStreamEnd, "2.2.13.11", ROP_H_IN,
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SYNCHRONIZATION_IMPORT_MESSAGE_MOVE] =
                ROP_CODED(RopSynchronizationImportMessageMove, "2.2.13.6", ROP_H_IN,
                          REQ_BODY(synchronization_import_message_move_req),
                          RSP_FIELDS(synchronization_message_id_rsp)),
        [ROP_SET_PROPERTIES_NO_REPLICATE] =
                ROP_CODED(RopSetPropertiesNoReplicate, "2.2.8.7", ROP_H_IN, REQ_BODY(set_properties_req),
                          RSP_BODY(property_problems)),
        [ROP_DELETE_PROPERTIES_NO_REPLICATE] =
                ROP_CODED(RopDeletePropertiesNoReplicate, "2.2.8.9", ROP_H_IN, REQ_BODY(property_tags),
                          RSP_BODY(property_problems)),
        [ROP_GET_STORE_STATE] =
                ROP_CODED(RopGetStoreState, "2.2.3.5", ROP_H_IN, RSP_FIELDS(get_store_state_rsp)),
        [ROP_SYNCHRONIZATION_OPEN_COLLECTOR] =
                ROP_CODED(RopSynchronizationOpenCollector, "2.2.13.7", ROP_H_IN_OUT,
                          REQ_FIELDS(synchronization_open_collector_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_GET_LOCAL_REPLICA_IDS] =
                ROP_CODED(RopGetLocalReplicaIds, "2.2.13.13", ROP_H_IN, REQ_FIELDS(get_local_replica_ids_req),
                          RSP_BODY(get_local_replica_ids_rsp)),
        [ROP_SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES] = ROP_CODED(
                RopSynchronizationImportReadStateChanges, "2.2.13.3", ROP_H_IN,
                REQ_BODY(synchronization_import_read_state_changes_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_RESET_TABLE] = ROP_CODED(RopResetTable, "2.2.5.15", ROP_H_IN, .flags = ROP_F_BODY_ON_FAILURE,
                                      .track = rop_reset_table_track),
        [ROP_SYNCHRONIZATION_GET_TRANSFER_STATE] = ROP_CODED(RopSynchronizationGetTransferState, "2.2.13.8",
                                                             ROP_H_IN_OUT, .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_TELL_VERSION] = ROP_CODED(RopTellVersion, "2.2.12.9", ROP_H_IN, REQ_FIELDS(tell_version_req),
                                       .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FREE_BOOKMARK] = ROP_CODED(RopFreeBookmark, "2.2.5.14", ROP_H_IN, REQ_BODY(bytes),
                                        .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_WRITE_AND_COMMIT_STREAM] =
                ROP_CODED(RopWriteAndCommitStream, "2.2.9.12", ROP_H_IN, REQ_BODY(bytes),
                          RSP_FIELDS(write_stream_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_HARD_DELETE_MESSAGES] =
                ROP_CODED(RopHardDeleteMessages, "2.2.4.12", ROP_H_IN, REQ_BODY(delete_messages_req),
                          RSP_FIELDS(partial_completion_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS] = ROP_CODED(
                RopHardDeleteMessagesAndSubfolders, "2.2.4.10", ROP_H_IN, REQ_FIELDS(empty_folder_req),
                RSP_FIELDS(partial_completion_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_SET_LOCAL_REPLICA_MIDSET_DELETED] =
                ROP_CODED(RopSetLocalReplicaMidsetDeleted, "2.2.13.12", ROP_H_IN,
                          REQ_BODY(set_local_replica_midset_deleted_req), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED] =
                ROP_CODED(RopFastTransferDestinationPutBufferExtended, "2.2.12.3", ROP_H_IN,
                          REQ_BODY(fast_transfer_destination_put_buffer_req),
                          RSP_FIELDS(fast_transfer_destination_put_buffer_extended_rsp),
                          .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_WRITE_STREAM_EXTENDED] =
                ROP_CODED(RopWriteStreamExtended, "2.2.9.4", ROP_H_IN, REQ_BODY(bytes),
                          RSP_FIELDS(write_stream_extended_rsp), .flags = ROP_F_BODY_ON_FAILURE),
        [ROP_BACKOFF] = ROP_CODED(RopBackoff, "2.2.15.2", ROP_H_NONE, RSP_BODY(backoff_rsp),
                                  .flags = ROP_F_NO_REQUEST),
        [ROP_LOGON] = ROP_CODED(RopLogon, "2.2.3.1", ROP_H_OUT, REQ_BODY(logon_req), RSP_BODY(logon_rsp),
                                .flags = ROP_F_BODY_ON_FAILURE, .track = rop_logon_track),
        [ROP_BUFFER_TOO_SMALL] = ROP_CODED(RopBufferTooSmall, "2.2.15.1", ROP_H_NONE,
                                           RSP_BODY(buffer_too_small_rsp), .flags = ROP_F_NO_REQUEST),
};

const struct rop_info *rop_info(uint8_t rop_id)
{
	return &rop_table[rop_id];
}

const char *rop_name(uint8_t rop_id)
{
	return rop_table[rop_id].name;
}
