/* src/mapi/rop_oxcfxics.c: the FastTransfer and ICS ROPs (MS-OXCFXICS 2.2.3, MS-OXCROPS 2.2.12 and 2.2.13).
 * MS-OXCFXICS has no example of these ROPs' bytes (its section 4 shows FastTransfer streams and ID sets), so
 * every request and response form is hand-built from the field tables, byte by byte. */
#include "rop_testutil.h"

/* A GUID in its 16 wire bytes, and a GID / XID of it (MS-OXCDATA 2.2.1.3: GUID + 6-byte GLOBCNT) */
#define G16 "00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF "
#define GID(last) G16 "00 00 00 00 00 " last " "
#define ID_A 0x0807060504030201ULL
#define ID_B 0x1817161514131211ULL
#define HA "01 02 03 04 05 06 07 08 "
#define HB "11 12 13 14 15 16 17 18 "

static uint8_t gid_bytes[22] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA,
                                0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01};
static uint8_t gid2_bytes[22] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA,
                                 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02};
/* a PredecessorChangeList of one SizedXid (MS-OXCFXICS 2.2.2.3): XidSize 22, the XID */
static uint8_t pcl_bytes[23] = {0x16, 0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88, 0x99, 0xAA,
                                0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02};

/* Every request, hand-built from the MS-OXCROPS 2.2.12 / 2.2.13 field tables. */
static void test_requests(void **state)
{
	static uint64_t mids[2] = {ID_A, ID_B};
	static uint32_t copy_to_tags[2] = {0x001A001F, 0x0FF90102};
	static uint32_t subject[1] = {0x0037001F};
	static uint8_t four[4] = {0xDE, 0xAD, 0xBE, 0xEF};
	static struct mapi_restriction exist = {.type = RES_EXIST, .exist = {.proptag = 0x0037001F}};
	static struct mapi_propval change[4] = {
	        {0x65E00102, {.bin = {22, gid_bytes}}},        /* PidTagSourceKey */
	        {0x30080040, {.time = 0x019DB1DED53E8000ULL}}, /* PidTagLastModificationTime */
	        {0x65E20102, {.bin = {22, gid2_bytes}}},       /* PidTagChangeKey */
	        {0x65E30102, {.bin = {23, pcl_bytes}}},        /* PidTagPredecessorChangeList */
	};
	static struct mapi_binary deleted_gids[1] = {{22, gid_bytes}};
	static struct mapi_propval deletes[1] = {{0x00001102, {.mv = {1, {.bin = deleted_gids}}}}};
	static struct mapi_propval hierarchy[2] = {
	        {0x65E10102, {.bin = {0, NULL}}},       /* PidTagParentSourceKey, empty */
	        {0x65E00102, {.bin = {22, gid_bytes}}}, /* PidTagSourceKey */
	};
	static struct mapi_propval folder_props[1] = {{0x3001001F, {.str = "F"}}};
	static struct rop_message_read_state read_states[2] = {{22, gid_bytes, 1}, {22, gid2_bytes, 0}};
	static struct rop_long_term_id_range ranges[1] = {
	        {{.database_guid =
	                  {0x33221100, 0x5544, 0x7766, {0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}},
	          .globcnt = 0x100},
	         {.database_guid =
	                  {0x33221100, 0x5544, 0x7766, {0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}},
	          .globcnt = 0xFFF}}};
	const struct {
		const char *what;
		struct rop_request req;
		const char *hex;
	} cases[] = {
	        {"RopFastTransferDestinationConfigure",
	         {.id = ROP_FAST_TRANSFER_DESTINATION_CONFIGURE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .fast_transfer_destination_configure = {SOURCE_OPERATION_COPY_MESSAGES,
	                                                  FAST_TRANSFER_MOVE}},
	         "53 00 01 02 03 01"},
	        {"RopFastTransferDestinationPutBuffer",
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER,
	          .input_handle_index = 1,
	          .fast_transfer_destination_put_buffer = {4, four}},
	         "54 00 01 04 00 DE AD BE EF"}, /* TransferDataSize, TransferData */
	        {"RopFastTransferDestinationPutBuffer, nothing",
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER, .input_handle_index = 1},
	         "54 00 01 00 00"},
	        {"RopFastTransferDestinationPutBufferExtended",
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED,
	          .logon_id = 3,
	          .input_handle_index = 1,
	          .fast_transfer_destination_put_buffer_extended = {2, four}},
	         "9D 03 01 02 00 DE AD"},
	        {"RopFastTransferSourceGetBuffer",
	         {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	          .input_handle_index = 1,
	          .fast_transfer_source_get_buffer = {.buffer_size = 0x3C78}},
	         "4E 00 01 78 3C"},
	        /* MS-OXCFXICS 2.2.3.1.1.5.1: MaximumBufferSize if and only if BufferSize is 0xBABE */
	        {"RopFastTransferSourceGetBuffer, the server chooses",
	         {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	          .input_handle_index = 1,
	          .fast_transfer_source_get_buffer = {FAST_TRANSFER_BUFFER_SIZE_SERVER, 0x8000}},
	         "4E 00 01 BE BA 00 80"},
	        {"RopFastTransferSourceCopyFolder",
	         {.id = ROP_FAST_TRANSFER_SOURCE_COPY_FOLDER,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .fast_transfer_source_copy_folder = {FAST_TRANSFER_COPY_FOLDER_COPY_SUBFOLDERS,
	                                               SEND_OPTIONS_UNICODE}},
	         "4C 00 01 02 10 01"},
	        {"RopFastTransferSourceCopyMessages",
	         {.id = ROP_FAST_TRANSFER_SOURCE_COPY_MESSAGES,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .fast_transfer_source_copy_messages = {2, mids,
	                                                 FAST_TRANSFER_MOVE |
	                                                         FAST_TRANSFER_COPY_MESSAGES_SEND_ENTRY_ID,
	                                                 SEND_OPTIONS_FOR_UPLOAD}},
	         "4B 00 01 02 02 00 " HA HB "21 03"}, /* MessageIdCount, MessageIds, CopyFlags, SendOptions */
	        {"RopFastTransferSourceCopyTo: CopyFlags of 4 bytes",
	         {.id = ROP_FAST_TRANSFER_SOURCE_COPY_TO,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .fast_transfer_source_copy_to = {0, FAST_TRANSFER_COPY_TO_BEST_BODY, SEND_OPTIONS_UNICODE,
	                                           2, copy_to_tags}},
	         "4D 00 01 02 00 00 20 00 00 01 02 00 1F 00 1A 00 02 01 F9 0F"},
	        {"RopFastTransferSourceCopyProperties: CopyFlags of 1 byte",
	         {.id = ROP_FAST_TRANSFER_SOURCE_COPY_PROPERTIES,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .fast_transfer_source_copy_properties = {1, FAST_TRANSFER_MOVE,
	                                                   SEND_OPTIONS_UNICODE | SEND_OPTIONS_FORCE_UNICODE,
	                                                   1, subject}},
	         "69 00 01 02 01 01 09 01 00 1F 00 37 00"},
	        {"RopTellVersion",
	         {.id = ROP_TELL_VERSION, .input_handle_index = 1, .tell_version = {{15, 1, 0x05D2}}},
	         "86 00 01 0F 00 01 00 D2 05"},
	        {"RopSynchronizationConfigure, contents with a restriction",
	         {.id = ROP_SYNCHRONIZATION_CONFIGURE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .synchronization_configure = {SYNC_TYPE_CONTENTS, SEND_OPTIONS_UNICODE,
	                                        SYNC_UNICODE | SYNC_FAI | SYNC_NORMAL | SYNC_PROGRESS, &exist,
	                                        SYNC_EXTRA_EID | SYNC_EXTRA_MESSAGE_SIZE | SYNC_EXTRA_CN |
	                                                SYNC_EXTRA_ORDER_BY_DELIVERY_TIME,
	                                        2, copy_to_tags}},
	         "70 00 01 02 01 01 31 80" /* SynchronizationType, SendOptions, SynchronizationFlags */
	         "05 00 08 1F 00 37 00"    /* RestrictionDataSize, RestrictionData (RES_EXIST) */
	         "0F 00 00 00"             /* SynchronizationExtraFlags */
	         "02 00 1F 00 1A 00 02 01 F9 0F"}, /* PropertyTagCount, PropertyTags */
	        {"RopSynchronizationConfigure, hierarchy",
	         {.id = ROP_SYNCHRONIZATION_CONFIGURE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .synchronization_configure = {.synchronization_type = SYNC_TYPE_HIERARCHY,
	                                        .synchronization_flags =
	                                                SYNC_UNICODE | SYNC_NO_FOREIGN_IDENTIFIERS}},
	         "70 00 01 02 02 00 01 01 00 00 00 00 00 00 00 00"},
	        {"RopSynchronizationImportMessageChange",
	         {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .synchronization_import_message_change = {IMPORT_ASSOCIATED, 4, change}},
	         "72 00 01 02 10 04 00"                /* ImportFlag, PropertyValueCount */
	         "02 01 E0 65 16 00 " GID("01")        /* PidTagSourceKey */
	         "40 00 08 30 00 80 3E D5 DE B1 9D 01" /* PidTagLastModificationTime */
	         "02 01 E2 65 16 00 " GID("02")        /* PidTagChangeKey */
	         "02 01 E3 65 17 00 16 " GID("02")},   /* PidTagPredecessorChangeList */
	        {"RopSynchronizationImportDeletes",
	         {.id = ROP_SYNCHRONIZATION_IMPORT_DELETES,
	          .input_handle_index = 1,
	          .synchronization_import_deletes = {IMPORT_DELETE_HIERARCHY | IMPORT_DELETE_HARD_DELETE, 1,
	                                             deletes}},
	         "74 00 01 03 01 00"                          /* ImportDeleteFlags, PropertyValueCount */
	         "02 11 00 00 01 00 00 00 16 00 " GID("01")}, /* PtypMultipleBinary of one GID */
	        {"RopSynchronizationImportHierarchyChange",
	         {.id = ROP_SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE,
	          .input_handle_index = 1,
	          .synchronization_import_hierarchy_change = {2, hierarchy, 1, folder_props}},
	         "73 00 01 02 00 02 01 E1 65 00 00 02 01 E0 65 16 00 " GID(
	                 "01") "01 00 1F 00 01 30 46 00 00 00"},
	        {"RopSynchronizationImportMessageMove",
	         {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_MOVE,
	          .input_handle_index = 1,
	          .synchronization_import_message_move = {{22, gid_bytes},
	                                                  {22, gid2_bytes},
	                                                  {23, pcl_bytes},
	                                                  {22, gid_bytes},
	                                                  {22, gid2_bytes}}},
	         "78 00 01 16 00 00 00 " GID("01") "16 00 00 00 " GID("02") "17 00 00 00 16 " GID(
	                 "02") "16 00 00 00 " GID("01") "16 00 00 00 " GID("02")},
	        {"RopSynchronizationImportReadStateChanges",
	         {.id = ROP_SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES,
	          .input_handle_index = 1,
	          .synchronization_import_read_state_changes = {2, read_states}},
	         "80 00 01 32 00"        /* MessageReadStatesSize: 2 x 25 bytes */
	         "16 00 " GID("01") "01" /* MessageIdSize, MessageId, MarkAsRead */
	                            "16 00 " GID("02") "00"},
	        {"RopSynchronizationImportReadStateChanges, none",
	         {.id = ROP_SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES, .input_handle_index = 1},
	         "80 00 01 00 00"},
	        {"RopSynchronizationOpenCollector",
	         {.id = ROP_SYNCHRONIZATION_OPEN_COLLECTOR,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .synchronization_open_collector = {1}},
	         "7E 00 01 02 01"},
	        {"RopSynchronizationUploadStateStreamBegin",
	         {.id = ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN,
	          .input_handle_index = 1,
	          .synchronization_upload_state_stream_begin = {0x67960102 /* MetaTagCnsetSeen */, 0x10}},
	         "75 00 01 02 01 96 67 10 00 00 00"},
	        {"RopSynchronizationUploadStateStreamContinue",
	         {.id = ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE,
	          .input_handle_index = 1,
	          .synchronization_upload_state_stream_continue = {4, four}},
	         "76 00 01 04 00 00 00 DE AD BE EF"},
	        {"RopSynchronizationUploadStateStreamEnd",
	         {.id = ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_END, .input_handle_index = 1},
	         "77 00 01"},
	        {"RopSynchronizationGetTransferState",
	         {.id = ROP_SYNCHRONIZATION_GET_TRANSFER_STATE,
	          .input_handle_index = 1,
	          .output_handle_index = 2},
	         "82 00 01 02"},
	        {"RopGetLocalReplicaIds",
	         {.id = ROP_GET_LOCAL_REPLICA_IDS, .get_local_replica_ids = {0x100}},
	         "7F 00 00 00 01 00 00"},
	        {"RopSetLocalReplicaMidsetDeleted",
	         {.id = ROP_SET_LOCAL_REPLICA_MIDSET_DELETED,
	          .input_handle_index = 1,
	          .set_local_replica_midset_deleted = {1, ranges}},
	         "93 00 01 34 00 01 00 00 00"    /* DataSize 4 + 48, LongTermIdRangeCount */
	         G16 "00 00 00 00 01 00 00 00"   /* MinLongTermId: GID, Pad */
	         G16 "00 00 00 00 0F FF 00 00"}, /* MaxLongTermId */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		rop_tu_request_case(*state, &empty_ctx, cases[i].what, &cases[i].req, cases[i].hex);
}

/* The ROPs whose response is the common header alone, success and failure alike (MS-OXCROPS 2.2.12.x.2,
 * 2.2.13.x.2: "one layout"): the ones that create an object echo OutputHandleIndex, the others
 * InputHandleIndex. */
static void test_header_only_responses(void **state)
{
	static const uint8_t creating[] = {
	        ROP_FAST_TRANSFER_DESTINATION_CONFIGURE,  ROP_FAST_TRANSFER_SOURCE_COPY_FOLDER,
	        ROP_FAST_TRANSFER_SOURCE_COPY_MESSAGES,   ROP_FAST_TRANSFER_SOURCE_COPY_TO,
	        ROP_FAST_TRANSFER_SOURCE_COPY_PROPERTIES, ROP_SYNCHRONIZATION_CONFIGURE,
	        ROP_SYNCHRONIZATION_OPEN_COLLECTOR,       ROP_SYNCHRONIZATION_GET_TRANSFER_STATE,
	};
	static const uint8_t in_place[] = {
	        ROP_SYNCHRONIZATION_IMPORT_DELETES,
	        ROP_SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES,
	        ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN,
	        ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE,
	        ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_END,
	        ROP_TELL_VERSION,
	        ROP_SET_LOCAL_REPLICA_MIDSET_DELETED,
	};
	for (size_t k = 0; k < 2; k++) {
		const uint8_t *ids = k == 0 ? creating : in_place;
		size_t n = k == 0 ? sizeof creating : sizeof in_place;
		for (size_t i = 0; i < n; i++) {
			struct rop_request req = {
			        .id = ids[i], .input_handle_index = 1, .output_handle_index = 2};
			struct rop_response ok, failed;
			rop_response_init(&ok, &req, 0);
			rop_response_init(&failed, &req, 0x80070005);
			assert_int_equal(ok.handle_index, k == 0 ? 2 : 1);
			char *hex = talloc_asprintf(*state, "%02X %02X 00 00 00 00", ids[i], ok.handle_index);
			rop_tu_response_case(*state, &empty_ctx, rop_name(ids[i]), &req, &ok, hex, true);
			hex = talloc_asprintf(*state, "%02X %02X 05 00 07 80", ids[i], ok.handle_index);
			rop_tu_response_case(*state, &empty_ctx, rop_name(ids[i]), &req, &failed, hex, true);
		}
	}
}

/* Every other response form, hand-built from the field tables. */
static void test_responses(void **state)
{
	static uint8_t four[4] = {0xDE, 0xAD, 0xBE, 0xEF};
	static const struct rop_request put = {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER,
	                                       .input_handle_index = 1};
	static const struct rop_request put_ext = {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED,
	                                           .input_handle_index = 1};
	static const struct rop_request get = {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	                                       .input_handle_index = 1};
	static const struct rop_request change = {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE,
	                                          .input_handle_index = 1,
	                                          .output_handle_index = 2};
	static const struct rop_request hierarchy = {.id = ROP_SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE,
	                                             .input_handle_index = 1};
	static const struct rop_request move = {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_MOVE,
	                                        .input_handle_index = 1};
	static const struct rop_request replica = {.id = ROP_GET_LOCAL_REPLICA_IDS, .input_handle_index = 0};
	const struct {
		const char *what;
		const struct rop_request *req;
		struct rop_response rsp;
		const char *hex;
	} cases[] = {
	        {"RopFastTransferDestinationPutBuffer",
	         &put,
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER,
	          .handle_index = 1,
	          .fast_transfer_destination_put_buffer = {TRANSFER_STATUS_PARTIAL, 1, 2, 0, 4}},
	         /* TransferStatus, InProgressCount, TotalStepCount, Reserved, BufferUsedSize */
	         "54 01 00 00 00 00 01 00 01 00 02 00 00 04 00"},
	        /* one layout for success and failure: the fields are there whatever ReturnValue says */
	        {"RopFastTransferDestinationPutBuffer failure",
	         &put,
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER,
	          .handle_index = 1,
	          .return_value = 0x80040102,
	          .fast_transfer_destination_put_buffer = {TRANSFER_STATUS_ERROR, 0, 0, 0, 2}},
	         "54 01 02 01 04 80 00 00 00 00 00 00 00 02 00"},
	        {"RopFastTransferDestinationPutBufferExtended: 4-byte counts",
	         &put_ext,
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED,
	          .handle_index = 1,
	          .fast_transfer_destination_put_buffer_extended = {TRANSFER_STATUS_DONE, 0x10203, 0x40506, 0,
	                                                            2}},
	         "9D 01 00 00 00 00 03 00 03 02 01 00 06 05 04 00 00 02 00"},
	        {"RopFastTransferDestinationPutBufferExtended failure",
	         &put_ext,
	         {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED,
	          .handle_index = 1,
	          .return_value = 0x80070005},
	         "9D 01 05 00 07 80 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	        {"RopFastTransferSourceGetBuffer, Partial",
	         &get,
	         {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	          .handle_index = 1,
	          .fast_transfer_source_get_buffer = {TRANSFER_STATUS_PARTIAL, 2, 5, 0, 4, four}},
	         /* TransferStatus, InProgressCount, TotalStepCount, Reserved, TransferBufferSize,
	            TransferBuffer */
	         "4E 01 00 00 00 00 01 00 02 00 05 00 00 04 00 DE AD BE EF"},
	        {"RopFastTransferSourceGetBuffer, Done and empty",
	         &get,
	         {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	          .handle_index = 1,
	          .fast_transfer_source_get_buffer = {.transfer_status = TRANSFER_STATUS_DONE,
	                                              .in_progress_count = 5,
	                                              .total_step_count = 5}},
	         "4E 01 00 00 00 00 03 00 05 00 05 00 00 00 00"},
	        {"RopFastTransferSourceGetBuffer, Error",
	         &get,
	         {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	          .handle_index = 1,
	          .return_value = 0x8004010F,
	          .fast_transfer_source_get_buffer = {.transfer_status = TRANSFER_STATUS_ERROR}},
	         "4E 01 0F 01 04 80 00 00 00 00 00 00 00 00 00"},
	        /* ecServerBusy: the same head, then BackoffTime instead of TransferBuffer */
	        {"RopFastTransferSourceGetBuffer, ecServerBusy",
	         &get,
	         {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER,
	          .handle_index = 1,
	          .return_value = ecServerBusy,
	          .fast_transfer_source_get_buffer = {.transfer_status = TRANSFER_STATUS_PARTIAL,
	                                              .in_progress_count = 2,
	                                              .total_step_count = 5,
	                                              .backoff_time = 1000}},
	         "4E 01 80 04 00 00 01 00 02 00 05 00 00 00 00 E8 03 00 00"},
	        {"RopSynchronizationImportMessageChange",
	         &change,
	         {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE, .handle_index = 2},
	         "72 02 00 00 00 00 00 00 00 00 00 00 00 00"}, /* MessageId 0 */
	        {"RopSynchronizationImportMessageChange, ecSyncConflict",
	         &change,
	         {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE,
	          .handle_index = 2,
	          .return_value = ecSyncConflict},
	         "72 02 02 08 04 80"},
	        {"RopSynchronizationImportHierarchyChange",
	         &hierarchy,
	         {.id = ROP_SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE, .handle_index = 1},
	         "73 01 00 00 00 00 00 00 00 00 00 00 00 00"},
	        {"RopSynchronizationImportHierarchyChange failure",
	         &hierarchy,
	         {.id = ROP_SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE,
	          .handle_index = 1,
	          .return_value = 0x80070005},
	         "73 01 05 00 07 80"},
	        {"RopSynchronizationImportMessageMove",
	         &move,
	         {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_MOVE, .handle_index = 1},
	         "78 01 00 00 00 00 00 00 00 00 00 00 00 00"},
	        /* MS-OXCFXICS 2.2.3.2.4.4.2: MessageId only with Success, not with the NewerClientChange
	           warning */
	        {"RopSynchronizationImportMessageMove, ecNewerClientChange",
	         &move,
	         {.id = ROP_SYNCHRONIZATION_IMPORT_MESSAGE_MOVE,
	          .handle_index = 1,
	          .return_value = ecNewerClientChange},
	         "78 01 21 08 04 00"},
	        {"RopGetLocalReplicaIds",
	         &replica,
	         {.id = ROP_GET_LOCAL_REPLICA_IDS,
	          .get_local_replica_ids =
	                  {{0x33221100, 0x5544, 0x7766, {0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF}},
	                   0x0000000A0B0CULL}},
	         "7F 00 00 00 00 00 " G16 "00 00 00 0A 0B 0C"}, /* ReplGuid, GlobalCount (high-order first) */
	        {"RopGetLocalReplicaIds failure",
	         &replica,
	         {.id = ROP_GET_LOCAL_REPLICA_IDS, .return_value = 0x80040102},
	         "7F 00 02 01 04 80"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		rop_tu_response_case(*state, &empty_ctx, cases[i].what, cases[i].req, &cases[i].rsp,
		                     cases[i].hex, true);
}

/* Malformed requests: sizes that do not match what follows, a nonzero LongTermID Pad. */
static void test_malformed_requests(void **state)
{
	static const char *const bad[] = {
	        /* DataSize 0x34 but LongTermIdRangeCount 2 */
	        "93 00 01 34 00 02 00 00 00 " G16 "00 00 00 00 01 00 00 00 " G16 "00 00 00 00 0F FF 00 00",
	        /* DataSize 0x64 holds two ranges but LongTermIdRangeCount says 1 */
	        "93 00 01 64 00 01 00 00 00 " G16 "00 00 00 00 01 00 00 00 " G16
	        "00 00 00 00 0F FF 00 00 " G16 "00 00 00 00 01 00 00 00 " G16 "00 00 00 00 0F FF 00 00",
	        /* DataSize one byte longer than the ranges */
	        "93 00 01 35 00 01 00 00 00 " G16 "00 00 00 00 01 00 00 00 " G16 "00 00 00 00 0F FF 00 00 00",
	        /* a LongTermID whose Pad is not 0 */
	        "93 00 01 34 00 01 00 00 00 " G16 "00 00 00 00 01 00 01 00 " G16 "00 00 00 00 0F FF 00 00",
	        /* DataSize below the 4 bytes of LongTermIdRangeCount */
	        "93 00 01 02 00 01 00",
	        /* a MessageReadState running past MessageReadStatesSize */
	        "80 00 01 04 00 02 00 AA BB 01",
	        /* StreamDataSize far beyond the buffer */
	        "76 00 01 FF FF FF FF DE AD",
	        /* a PropertyValueCount larger than the values */
	        "74 00 01 00 02 00 03 00 08 0E 01 00 00 00",
	        /* a restriction that does not fill RestrictionDataSize */
	        "70 00 01 02 01 00 00 00 06 00 08 1F 00 37 00 00 00 00 00 00 00 00",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t n;
		uint8_t *b = tu_hex(*state, bad[i], &n);
		struct wc_reader r;
		struct rop_request req;
		struct rop_ctx c = empty_ctx;
		wc_reader_init(&r, b, n);
		if (rop_request_pull(&r, *state, &c, &req) != WC_EFORMAT)
			fail_msg("case %zu does not fail with WC_EFORMAT", i);
	}
	/* a TransferBufferSize beyond the response */
	size_t n;
	uint8_t *b = tu_hex(*state, "4E 01 00 00 00 00 01 00 02 00 05 00 00 05 00 DE AD BE EF", &n);
	struct rop_request get = {.id = ROP_FAST_TRANSFER_SOURCE_GET_BUFFER, .input_handle_index = 1};
	struct rop_response rsp;
	struct wc_reader r;
	struct rop_ctx c = empty_ctx;
	wc_reader_init(&r, b, n);
	assert_int_equal(rop_response_pull(&r, *state, &c, &get, &rsp), WC_EFORMAT);
}

/* What cannot be encoded: values that do not fit their fields. */
static void test_unencodable(void **state)
{
	static struct rop_long_term_id_range wide[1] = {{{.globcnt = 1ULL << 48}, {.globcnt = 1}}};
	const struct rop_request cases[] = {
	        {.id = ROP_FAST_TRANSFER_SOURCE_COPY_PROPERTIES,
	         .fast_transfer_source_copy_properties = {.copy_flags = 0x100}},
	        {.id = ROP_SET_LOCAL_REPLICA_MIDSET_DELETED, .set_local_replica_midset_deleted = {1, wide}},
	        {.id = ROP_SET_LOCAL_REPLICA_MIDSET_DELETED,
	         .set_local_replica_midset_deleted = {1366, wide}},
	        {.id = ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER,
	         .fast_transfer_destination_put_buffer = {3, NULL}},
	};
	const int want[] = {WC_ERANGE, WC_ERANGE, WC_ERANGE, WC_EINVAL};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct wc_writer w;
		struct rop_ctx c = empty_ctx;
		wc_writer_init(&w, *state, 0);
		if (rop_request_push(&w, &c, &cases[i]) != want[i])
			fail_msg("case %zu: not %d", i, want[i]);
	}
	struct rop_request replica = {.id = ROP_GET_LOCAL_REPLICA_IDS};
	struct rop_response rsp;
	rop_response_init(&rsp, &replica, 0);
	rsp.get_local_replica_ids.global_count = 1ULL << 48;
	struct wc_writer w;
	struct rop_ctx c = empty_ctx;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &c, &replica, &rsp), WC_ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_requests),    TU_TEST(test_header_only_responses),
	        TU_TEST(test_responses),   TU_TEST(test_malformed_requests),
	        TU_TEST(test_unencodable),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
