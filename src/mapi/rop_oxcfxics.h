/* ROPs of the Bulk Data Transfer protocol: MS-OXCFXICS 2.2.3 (wire layouts in MS-OXCROPS 2.2.12 FastTransfer
 * and 2.2.13 Incremental Change Synchronization). FastTransfer streams (TransferBuffer, TransferData,
 * StreamData) stay opaque bytes here; MS-OXCFXICS 2.2.4 is parsed elsewhere. Where a ROP carries identifiers
 * as sized byte arrays (RopSynchronizationImportMessageMove, MessageReadState) they are kept as the bytes
 * they are, for mapi_ids.h to interpret; LongTermIdRanges are decoded with mapi_ids.h. FIDs and MIDs are
 * uint64_t as read little-endian from their 8 wire bytes. */
#ifndef MAPI_ROP_OXCFXICS_H
#define MAPI_ROP_OXCFXICS_H

#include "common/mapi_errors.h" /* ecServerBusy */
#include "mapi/mapi_ids.h"
#include "mapi/mapi_propval.h"
#include "mapi/mapi_restriction.h"
#include "mapi/rop_codec.h"
#include "mapi/rop_oxcstor.h" /* struct rop_folder_id_req */

/* MS-OXCFXICS 2.2.3.1.1.1.1 SendOptions (also of CopyProperties, CopyMessages, CopyFolder and
 * RopSynchronizationConfigure) */
#define SEND_OPTIONS_UNICODE 0x01
#define SEND_OPTIONS_USE_CPID 0x02
#define SEND_OPTIONS_FOR_UPLOAD 0x03 /* Unicode | UseCpid */
#define SEND_OPTIONS_RECOVER_MODE 0x04
#define SEND_OPTIONS_FORCE_UNICODE 0x08
#define SEND_OPTIONS_PARTIAL_ITEM 0x10

/* CopyFlags. MS-OXCFXICS 2.2.3.1.1.1.1 (RopFastTransferSourceCopyTo, 4 bytes) names BestBody 0x00002000;
 * MS-OXCROPS-layouts.md lists 0x10/0x20 there, which are the values of RopFastTransferSourceCopyMessages
 * (2.2.3.1.1.3.1). Move is 0x01 everywhere. */
#define FAST_TRANSFER_MOVE 0x01
#define FAST_TRANSFER_COPY_TO_BEST_BODY 0x00002000     /* RopFastTransferSourceCopyTo */
#define FAST_TRANSFER_COPY_MESSAGES_BEST_BODY 0x10     /* RopFastTransferSourceCopyMessages */
#define FAST_TRANSFER_COPY_MESSAGES_SEND_ENTRY_ID 0x20 /* RopFastTransferSourceCopyMessages */
#define FAST_TRANSFER_COPY_FOLDER_COPY_SUBFOLDERS 0x10 /* RopFastTransferSourceCopyFolder */

/* MS-OXCFXICS 2.2.3.1.2.1.1 SourceOperation of RopFastTransferDestinationConfigure */
#define SOURCE_OPERATION_COPY_TO 0x01
#define SOURCE_OPERATION_COPY_PROPERTIES 0x02
#define SOURCE_OPERATION_COPY_MESSAGES 0x03
#define SOURCE_OPERATION_COPY_FOLDER 0x04

/* MS-OXCFXICS 2.2.3.1.1.5.2 TransferStatus */
#define TRANSFER_STATUS_ERROR 0x0000
#define TRANSFER_STATUS_PARTIAL 0x0001
#define TRANSFER_STATUS_NO_ROOM 0x0002
#define TRANSFER_STATUS_DONE 0x0003

/* MS-OXCFXICS 2.2.3.1.1.5.1 BufferSize: the server chooses, up to MaximumBufferSize (which then follows) */
#define FAST_TRANSFER_BUFFER_SIZE_SERVER 0xBABE

/* MS-OXCFXICS 2.2.3.2.1.1.1 SynchronizationType, SynchronizationFlags, SynchronizationExtraFlags */
#define SYNC_TYPE_CONTENTS 0x01
#define SYNC_TYPE_HIERARCHY 0x02
#define SYNC_UNICODE 0x0001
#define SYNC_NO_DELETIONS 0x0002
#define SYNC_IGNORE_NO_LONGER_IN_SCOPE 0x0004
#define SYNC_READ_STATE 0x0008
#define SYNC_FAI 0x0010
#define SYNC_NORMAL 0x0020
#define SYNC_ONLY_SPECIFIED_PROPERTIES 0x0080
#define SYNC_NO_FOREIGN_IDENTIFIERS 0x0100
#define SYNC_RESERVED 0x1000
#define SYNC_BEST_BODY 0x2000
#define SYNC_IGNORE_SPECIFIED_ON_FAI 0x4000
#define SYNC_PROGRESS 0x8000
#define SYNC_EXTRA_EID 0x00000001
#define SYNC_EXTRA_MESSAGE_SIZE 0x00000002
#define SYNC_EXTRA_CN 0x00000004
#define SYNC_EXTRA_ORDER_BY_DELIVERY_TIME 0x00000008

/* MS-OXCFXICS 2.2.3.2.4.2.1 ImportFlag, 2.2.3.2.4.5.1 ImportDeleteFlags */
#define IMPORT_ASSOCIATED 0x10
#define IMPORT_FAIL_ON_CONFLICT 0x40
#define IMPORT_DELETE_HIERARCHY 0x01
#define IMPORT_DELETE_HARD_DELETE 0x02

/* ---- FastTransfer (MS-OXCROPS 2.2.12) ---- */

/* MS-OXCROPS 2.2.12.1.1 RopFastTransferDestinationConfigure request */
struct rop_fast_transfer_destination_configure_req {
	uint8_t source_operation; /* SOURCE_OPERATION_* */
	uint8_t copy_flags;       /* FAST_TRANSFER_MOVE */
};

/* MS-OXCROPS 2.2.12.2.1 RopFastTransferDestinationPutBuffer and 2.2.12.3.1
 * RopFastTransferDestinationPutBufferExtended requests: TransferDataSize, TransferData */
struct rop_fast_transfer_destination_put_buffer_req {
	uint16_t transfer_data_size;
	uint8_t *transfer_data; /* a piece of a FastTransfer stream */
};

/* MS-OXCROPS 2.2.12.2.2 RopFastTransferDestinationPutBuffer response: one layout for success and failure */
struct rop_fast_transfer_destination_put_buffer_rsp {
	uint16_t transfer_status; /* the client ignores it */
	uint16_t in_progress_count;
	uint16_t total_step_count;
	uint8_t reserved;
	uint16_t buffer_used_size;
};

/* MS-OXCROPS 2.2.12.3.2 RopFastTransferDestinationPutBufferExtended response: the same with 4-byte counts */
struct rop_fast_transfer_destination_put_buffer_extended_rsp {
	uint16_t transfer_status;
	uint32_t in_progress_count;
	uint32_t total_step_count;
	uint8_t reserved;
	uint16_t buffer_used_size;
};

/* MS-OXCROPS 2.2.12.4.1 RopFastTransferSourceGetBuffer request */
struct rop_fast_transfer_source_get_buffer_req {
	uint16_t buffer_size;         /* or FAST_TRANSFER_BUFFER_SIZE_SERVER */
	uint16_t maximum_buffer_size; /* only with FAST_TRANSFER_BUFFER_SIZE_SERVER */
};

/* MS-OXCROPS 2.2.12.4.2 RopFastTransferSourceGetBuffer response: one layout for success and failure;
 * TransferStatus to TransferBufferSize always, then TransferBuffer, or BackoffTime instead of it when
 * ReturnValue is ecServerBusy (0x00000480). */
struct rop_fast_transfer_source_get_buffer_rsp {
	uint16_t transfer_status; /* TRANSFER_STATUS_* */
	uint16_t in_progress_count;
	uint16_t total_step_count;
	uint8_t reserved;
	uint16_t transfer_buffer_size; /* with ecServerBusy as sent, no TransferBuffer following */
	uint8_t *transfer_buffer;      /* not with ecServerBusy: transfer_buffer_size bytes of the stream */
	uint32_t backoff_time;         /* only with ecServerBusy: milliseconds */
};

/* MS-OXCROPS 2.2.12.5.1 RopFastTransferSourceCopyFolder request */
struct rop_fast_transfer_source_copy_folder_req {
	uint8_t copy_flags; /* FAST_TRANSFER_MOVE, FAST_TRANSFER_COPY_FOLDER_COPY_SUBFOLDERS */
	uint8_t send_options;
};

/* MS-OXCROPS 2.2.12.6.1 RopFastTransferSourceCopyMessages request */
struct rop_fast_transfer_source_copy_messages_req {
	uint16_t message_id_count;
	uint64_t *message_ids;
	uint8_t copy_flags; /* FAST_TRANSFER_MOVE, _COPY_MESSAGES_BEST_BODY, _COPY_MESSAGES_SEND_ENTRY_ID */
	uint8_t send_options;
};

/* MS-OXCROPS 2.2.12.7.1 RopFastTransferSourceCopyTo and 2.2.12.8.1 RopFastTransferSourceCopyProperties
 * requests: the same fields but for the width of CopyFlags, 4 bytes in RopFastTransferSourceCopyTo and 1
 * byte in RopFastTransferSourceCopyProperties. PropertyTags are the properties excluded (CopyTo) or copied
 * (CopyProperties). */
struct rop_fast_transfer_source_copy_req {
	uint8_t level;
	uint32_t copy_flags;
	uint8_t send_options;
	uint16_t property_tag_count;
	uint32_t *property_tags;
};

/* MS-OXCROPS 2.2.12.9.1 RopTellVersion request; the version as in MS-OXCRPC 3.1.4.1.3.1 */
struct rop_tell_version_req {
	uint16_t version[3];
};

/* ---- Incremental Change Synchronization (MS-OXCROPS 2.2.13) ---- */

/* MS-OXCROPS 2.2.13.1.1 RopSynchronizationConfigure request */
struct rop_synchronization_configure_req {
	uint8_t synchronization_type; /* SYNC_TYPE_* */
	uint8_t send_options;
	uint16_t synchronization_flags;       /* SYNC_* */
	struct mapi_restriction *restriction; /* NULL: RestrictionDataSize 0 */
	uint32_t synchronization_extra_flags; /* SYNC_EXTRA_* */
	uint16_t property_tag_count;
	uint32_t *property_tags;
};

/* MS-OXCROPS 2.2.13.2.1 RopSynchronizationImportMessageChange and 2.2.13.5.1 RopSynchronizationImportDeletes
 * requests: a flags byte (ImportFlag, ImportDeleteFlags), PropertyValueCount, PropertyValues. */
struct rop_synchronization_import_req {
	uint8_t import_flags; /* IMPORT_* or IMPORT_DELETE_* */
	uint16_t property_value_count;
	struct mapi_propval *property_values;
};

/* The success response of RopSynchronizationImportMessageChange (2.2.13.2.2) and
 * RopSynchronizationImportMessageMove (2.2.13.6.2): MessageId, which MUST be 0. */
struct rop_synchronization_message_id_rsp {
	uint64_t message_id;
};

/* MS-OXCROPS 2.2.13.3.1.1 MessageReadState */
struct rop_message_read_state {
	uint16_t message_id_size;
	uint8_t *message_id; /* as sent (a serialized GID, MS-OXCFXICS 2.2.3.2.4.6.1) */
	uint8_t mark_as_read;
};

/* MS-OXCROPS 2.2.13.3.1 RopSynchronizationImportReadStateChanges request. MessageReadStatesSize is not kept:
 * it is the size of the entries, which must fill it exactly. */
struct rop_synchronization_import_read_state_changes_req {
	uint16_t message_read_state_count;
	struct rop_message_read_state *message_read_states;
};

/* MS-OXCROPS 2.2.13.4.1 RopSynchronizationImportHierarchyChange request. Its success response (2.2.13.4.2)
 * is one FolderId, which MUST be 0: struct rop_folder_id_req of rop_oxcstor.h. */
struct rop_synchronization_import_hierarchy_change_req {
	uint16_t hierarchy_value_count;
	struct mapi_propval *hierarchy_values;
	uint16_t property_value_count;
	struct mapi_propval *property_values;
};

/* MS-OXCROPS 2.2.13.6.1 RopSynchronizationImportMessageMove request: five sized byte arrays (a 4-byte size
 * then the bytes), kept as sent: serialized GIDs of the source folder, source message and destination message
 * (MS-OXCDATA 2.2.1.3), a PredecessorChangeList (MS-OXCFXICS 2.2.2.3) and an XID (2.2.2.2) as ChangeNumber.
 */
struct rop_synchronization_import_message_move_req {
	struct mapi_binary source_folder_id;
	struct mapi_binary source_message_id;
	struct mapi_binary predecessor_change_list;
	struct mapi_binary destination_message_id;
	struct mapi_binary change_number;
};

/* MS-OXCROPS 2.2.13.7.1 RopSynchronizationOpenCollector request */
struct rop_synchronization_open_collector_req {
	uint8_t is_contents_collector;
};

/* MS-OXCROPS 2.2.13.9.1 RopSynchronizationUploadStateStreamBegin request */
struct rop_synchronization_upload_state_stream_begin_req {
	uint32_t state_property; /* MetaTagIdsetGiven, MetaTagCnsetSeen, MetaTagCnsetSeenFAI, MetaTagCnsetRead
	                          */
	uint32_t transfer_buffer_size;
};

/* MS-OXCROPS 2.2.13.10.1 RopSynchronizationUploadStateStreamContinue request */
struct rop_synchronization_upload_state_stream_continue_req {
	uint32_t stream_data_size;
	uint8_t *stream_data;
};

/* MS-OXCROPS 2.2.13.12.1.1 LongTermIdRange: two LongTermIDs (MS-OXCDATA 2.2.1.3.1, Pad 0) */
struct rop_long_term_id_range {
	struct mapi_gid min_long_term_id;
	struct mapi_gid max_long_term_id;
};

/* MS-OXCROPS 2.2.13.12.1 RopSetLocalReplicaMidsetDeleted request. DataSize is not kept: it is 4 + 48 per
 * range and must be exactly that. */
struct rop_set_local_replica_midset_deleted_req {
	uint32_t long_term_id_range_count;
	struct rop_long_term_id_range *long_term_id_ranges;
};

/* MS-OXCROPS 2.2.13.13 RopGetLocalReplicaIds request and success response: ReplGuid and GlobalCount make the
 * first GID of the reserved range (MS-OXCFXICS 2.2.3.2.4.7.2). */
struct rop_get_local_replica_ids_req {
	uint32_t id_count;
};
struct rop_get_local_replica_ids_rsp {
	struct wc_guid repl_guid;
	uint64_t global_count; /* GLOBCNT, 48 bits (6 bytes high-order first, MS-OXCFXICS 2.2.2.5) */
};

ROP_DECLARE_FIELDS(fast_transfer_destination_configure_req);
ROP_DECLARE_BODY(fast_transfer_destination_put_buffer_req);
ROP_DECLARE_FIELDS(fast_transfer_destination_put_buffer_rsp);
ROP_DECLARE_FIELDS(fast_transfer_destination_put_buffer_extended_rsp);
ROP_DECLARE_BODY(fast_transfer_source_get_buffer_req);
ROP_DECLARE_BODY(fast_transfer_source_get_buffer_rsp);
ROP_DECLARE_FIELDS(fast_transfer_source_copy_folder_req);
ROP_DECLARE_BODY(fast_transfer_source_copy_messages_req);
ROP_DECLARE_BODY(fast_transfer_source_copy_to_req);
ROP_DECLARE_BODY(fast_transfer_source_copy_properties_req);
ROP_DECLARE_FIELDS(tell_version_req);
ROP_DECLARE_BODY(synchronization_configure_req);
ROP_DECLARE_BODY(synchronization_import_req);
ROP_DECLARE_FIELDS(synchronization_message_id_rsp);
ROP_DECLARE_BODY(synchronization_import_read_state_changes_req);
ROP_DECLARE_BODY(synchronization_import_hierarchy_change_req);
ROP_DECLARE_BODY(synchronization_import_message_move_req);
ROP_DECLARE_FIELDS(synchronization_open_collector_req);
ROP_DECLARE_FIELDS(synchronization_upload_state_stream_begin_req);
ROP_DECLARE_BODY(synchronization_upload_state_stream_continue_req);
ROP_DECLARE_BODY(set_local_replica_midset_deleted_req);
ROP_DECLARE_FIELDS(get_local_replica_ids_req);
ROP_DECLARE_BODY(get_local_replica_ids_rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXCFXICS_REQUESTS                                                                                \
	struct rop_fast_transfer_destination_configure_req fast_transfer_destination_configure;              \
	struct rop_fast_transfer_destination_put_buffer_req fast_transfer_destination_put_buffer;            \
	struct rop_fast_transfer_destination_put_buffer_req fast_transfer_destination_put_buffer_extended;   \
	struct rop_fast_transfer_source_get_buffer_req fast_transfer_source_get_buffer;                      \
	struct rop_fast_transfer_source_copy_folder_req fast_transfer_source_copy_folder;                    \
	struct rop_fast_transfer_source_copy_messages_req fast_transfer_source_copy_messages;                \
	struct rop_fast_transfer_source_copy_req fast_transfer_source_copy_to;                               \
	struct rop_fast_transfer_source_copy_req fast_transfer_source_copy_properties;                       \
	struct rop_tell_version_req tell_version;                                                            \
	struct rop_synchronization_configure_req synchronization_configure;                                  \
	struct rop_synchronization_import_req synchronization_import_message_change;                         \
	struct rop_synchronization_import_req synchronization_import_deletes;                                \
	struct rop_synchronization_import_read_state_changes_req synchronization_import_read_state_changes;  \
	struct rop_synchronization_import_hierarchy_change_req synchronization_import_hierarchy_change;      \
	struct rop_synchronization_import_message_move_req synchronization_import_message_move;              \
	struct rop_synchronization_open_collector_req synchronization_open_collector;                        \
	struct rop_synchronization_upload_state_stream_begin_req synchronization_upload_state_stream_begin;  \
	struct rop_synchronization_upload_state_stream_continue_req                                          \
	        synchronization_upload_state_stream_continue;                                                \
	struct rop_set_local_replica_midset_deleted_req set_local_replica_midset_deleted;                    \
	struct rop_get_local_replica_ids_req get_local_replica_ids;
#define ROP_OXCFXICS_RESPONSES                                                                               \
	struct rop_fast_transfer_destination_put_buffer_rsp fast_transfer_destination_put_buffer;            \
	struct rop_fast_transfer_destination_put_buffer_extended_rsp                                         \
	        fast_transfer_destination_put_buffer_extended;                                               \
	struct rop_fast_transfer_source_get_buffer_rsp fast_transfer_source_get_buffer;                      \
	struct rop_synchronization_message_id_rsp synchronization_import_message_change;                     \
	struct rop_folder_id_req synchronization_import_hierarchy_change;                                    \
	struct rop_synchronization_message_id_rsp synchronization_import_message_move;                       \
	struct rop_get_local_replica_ids_rsp get_local_replica_ids;

#endif
