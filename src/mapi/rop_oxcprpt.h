/* ROPs of the Property and Stream Object protocol: MS-OXCPRPT 2.2 (wire layouts in MS-OXCROPS 2.2.8
 * properties, 2.2.9 streams), and RopProgress (MS-OXCROPS 2.2.8.13, MS-OXCPRPT 2.2.22). Property values,
 * rows, names and problems are the mapi_propval.h structures with ROP widths (MS-OXCDATA 2.11.1.1). Booleans
 * keep the byte (or for WantUnicode the two bytes) they had on the wire. */
#ifndef MAPI_ROP_OXCPRPT_H
#define MAPI_ROP_OXCPRPT_H

#include "common/mapi_errors.h" /* ecDstNullObject, ecWarnWithErrors */
#include "mapi/mapi_propval.h"
#include "mapi/rop_codec.h"

/* MS-OXCPRPT 2.2.9.1 QueryFlags of RopQueryNamedProperties */
#define QUERY_NAMED_NO_STRINGS 0x01
#define QUERY_NAMED_NO_IDS 0x02

/* MS-OXCPRPT 2.2.10.1, 2.2.11.1 CopyFlags of RopCopyProperties and RopCopyTo */
#define COPY_FLAG_MOVE 0x01
#define COPY_FLAG_NO_OVERWRITE 0x02

/* MS-OXCPRPT 2.2.12.1 Flags of RopGetPropertyIdsFromNames */
#define PROPERTY_IDS_CREATE 0x02

/* MS-OXCPRPT 2.2.14.1 OpenModeFlags of RopOpenStream */
#define STREAM_OPEN_READ_ONLY 0x00
#define STREAM_OPEN_READ_WRITE 0x01
#define STREAM_OPEN_CREATE 0x02

/* MS-OXCPRPT 2.2.15.1 RopReadStream: this ByteCount says MaximumByteCount follows; a MaximumByteCount above
 * READ_STREAM_MAXIMUM fails the RPC with ecRpcFormat (MS-OXCROPS 2.2.9.2.1), so the decoder refuses it. */
#define READ_STREAM_USE_MAXIMUM 0xBABE
#define READ_STREAM_MAXIMUM 0x80000000u

/* MS-OXCPRPT 2.2.20.1 Origin of RopSeekStream */
#define STREAM_SEEK_BEGINNING 0x00
#define STREAM_SEEK_CURRENT 0x01
#define STREAM_SEEK_END 0x02

/* MS-OXCPRPT 2.2.23.1 LockFlags of RopLockRegionStream (any other value: read and write locked) */
#define LOCK_WRITE 0x00000001

/* ---- properties (MS-OXCROPS 2.2.8) ---- */

/* MS-OXCROPS 2.2.8.3 RopGetPropertiesSpecific. The response row has the request's tags as its columns. */
struct rop_get_properties_specific_req {
	uint16_t property_size_limit;
	uint16_t want_unicode;
	uint16_t property_tag_count;
	uint32_t *property_tags;
};
struct rop_get_properties_specific_rsp {
	struct mapi_property_row row_data;
};

/* MS-OXCROPS 2.2.8.4.1 RopGetPropertiesAll request */
struct rop_get_properties_all_req {
	uint16_t property_size_limit;
	uint16_t want_unicode;
};

/* PropertyValueCount, PropertyValues: the RopGetPropertiesAll response (2.2.8.4.2); preceded by
 * PropertyValueSize (their byte count, PropertyValueCount included) in the RopSetProperties and
 * RopSetPropertiesNoReplicate requests (2.2.8.6.1, 2.2.8.7.1). */
struct rop_property_values {
	uint16_t property_value_count;
	struct mapi_propval *property_values;
};

/* PropertyProblemCount, PropertyProblems: the responses of RopSetProperties, RopSetPropertiesNoReplicate,
 * RopDeleteProperties, RopDeletePropertiesNoReplicate (2.2.8.6.2 - 2.2.8.9.2). */
struct rop_property_problems {
	uint16_t property_problem_count;
	struct mapi_propproblem *property_problems;
};

/* MS-OXCROPS 2.2.8.10 RopQueryNamedProperties. Its response has the success layout with ReturnValue 0 and
 * with ecWarnWithErrors (0x00040380). */
struct rop_query_named_properties_req {
	uint8_t query_flags; /* QUERY_NAMED_* */
	uint8_t has_guid;
	struct wc_guid property_guid; /* only when has_guid */
};
struct rop_query_named_properties_rsp {
	uint16_t id_count;
	uint16_t *property_ids;               /* id_count of them */
	struct mapi_propname *property_names; /* id_count of them */
};

/* MS-OXCROPS 2.2.8.11.1 RopCopyProperties request */
struct rop_copy_properties_req {
	uint8_t want_asynchronous;
	uint8_t copy_flags; /* COPY_FLAG_* */
	uint16_t property_tag_count;
	uint32_t *property_tags;
};

/* MS-OXCROPS 2.2.8.12.1 RopCopyTo request */
struct rop_copy_to_req {
	uint8_t want_asynchronous;
	uint8_t want_sub_objects;
	uint8_t copy_flags; /* COPY_FLAG_* */
	uint16_t excluded_tag_count;
	uint32_t *excluded_tags;
};

/* The response of RopCopyProperties (2.2.8.11.2 - 2.2.8.11.4) and RopCopyTo (2.2.8.12.2 - 2.2.8.12.4): the
 * property problems on success, a 4-byte DestHandleIndex with ecDstNullObject, nothing on other failures. */
struct rop_copy_properties_rsp {
	uint32_t dest_handle_index; /* only with ecDstNullObject */
	uint16_t property_problem_count;
	struct mapi_propproblem *property_problems;
};

/* MS-OXCROPS 2.2.8.1.1 RopGetPropertyIdsFromNames request */
struct rop_get_property_ids_from_names_req {
	uint8_t flags; /* PROPERTY_IDS_CREATE */
	uint16_t property_name_count;
	struct mapi_propname *property_names;
};

/* PropertyIdCount, PropertyIds: the RopGetPropertyIdsFromNames response (2.2.8.1.2) and the
 * RopGetNamesFromPropertyIds request (2.2.8.2.1). */
struct rop_property_ids {
	uint16_t property_id_count;
	uint16_t *property_ids;
};

/* MS-OXCROPS 2.2.8.2.2 RopGetNamesFromPropertyIds response (a Kind of MNID_NONE: no name for that id) */
struct rop_property_names {
	uint16_t property_name_count;
	struct mapi_propname *property_names;
};

/* MS-OXCROPS 2.2.8.13 RopProgress. Its response also answers the ROPs a WantAsynchronous runs in the
 * background (rop.h, rop_response_info), and their responses the RopProgress that finds them done. */
struct rop_progress_req {
	uint8_t want_cancel;
};
struct rop_progress_rsp {
	uint8_t logon_id;
	uint32_t completed_task_count;
	uint32_t total_task_count;
};

/* ---- streams (MS-OXCROPS 2.2.9) ---- */

/* MS-OXCROPS 2.2.9.1.1 RopOpenStream request */
struct rop_open_stream_req {
	uint32_t property_tag;
	uint8_t open_mode_flags; /* STREAM_OPEN_* */
};

/* StreamSize (4 bytes): the RopOpenStream (2.2.9.1.2) and RopGetStreamSize (2.2.9.6.2) responses */
struct rop_stream_size_rsp {
	uint32_t stream_size;
};

/* MS-OXCROPS 2.2.9.2.1 RopReadStream request */
struct rop_read_stream_req {
	uint16_t byte_count;         /* READ_STREAM_USE_MAXIMUM: maximum_byte_count follows */
	uint32_t maximum_byte_count; /* only with READ_STREAM_USE_MAXIMUM */
};

/* DataSize, Data: the RopReadStream response (2.2.9.2.2, one layout for success and failure) and the
 * RopWriteStream, RopWriteStreamExtended and RopWriteAndCommitStream requests (2.2.9.3.1, 2.2.9.4.1,
 * 2.2.9.12.1) */
struct rop_stream_data {
	struct mapi_binary data;
};

/* WrittenSize (2 bytes): the RopWriteStream (2.2.9.3.2) and RopWriteAndCommitStream (2.2.9.12.2) responses */
struct rop_write_stream_rsp {
	uint16_t written_size;
};

/* MS-OXCROPS 2.2.9.4.2 RopWriteStreamExtended response: WrittenSize of 4 bytes */
struct rop_write_stream_extended_rsp {
	uint32_t written_size;
};

/* MS-OXCROPS 2.2.9.7.1 RopSetStreamSize request */
struct rop_set_stream_size_req {
	uint64_t stream_size;
};

/* MS-OXCROPS 2.2.9.8 RopSeekStream */
struct rop_seek_stream_req {
	uint8_t origin; /* STREAM_SEEK_* */
	int64_t offset;
};
struct rop_seek_stream_rsp {
	uint64_t new_position;
};

/* MS-OXCROPS 2.2.9.9 RopCopyToStream. The response has the counts whatever ReturnValue says, after a 4-byte
 * DestHandleIndex with ecDstNullObject (2.2.9.9.3). */
struct rop_copy_to_stream_req {
	uint64_t byte_count;
};
struct rop_copy_to_stream_rsp {
	uint32_t dest_handle_index; /* only with ecDstNullObject */
	uint64_t read_byte_count;
	uint64_t written_byte_count;
};

/* MS-OXCROPS 2.2.9.10.1 RopLockRegionStream and 2.2.9.11.1 RopUnlockRegionStream requests */
struct rop_region_stream_req {
	uint64_t region_offset;
	uint64_t region_size;
	uint32_t lock_flags; /* LOCK_WRITE or another value */
};

ROP_DECLARE_BODY(get_properties_specific_req);
ROP_DECLARE_BODY(get_properties_specific_rsp);
ROP_DECLARE_FIELDS(get_properties_all_req);
ROP_DECLARE_BODY(property_values);
ROP_DECLARE_BODY(set_properties_req);
ROP_DECLARE_BODY(property_problems);
ROP_DECLARE_BODY(query_named_properties_req);
ROP_DECLARE_BODY(query_named_properties_rsp);
ROP_DECLARE_BODY(copy_properties_req);
ROP_DECLARE_BODY(copy_to_req);
ROP_DECLARE_BODY(copy_properties_rsp);
ROP_DECLARE_BODY(get_property_ids_from_names_req);
ROP_DECLARE_BODY(property_ids);
ROP_DECLARE_BODY(property_names);
ROP_DECLARE_FIELDS(progress_req);
ROP_DECLARE_FIELDS(progress_rsp);
ROP_DECLARE_FIELDS(open_stream_req);
ROP_DECLARE_FIELDS(stream_size_rsp);
ROP_DECLARE_BODY(read_stream_req);
ROP_DECLARE_FIELDS(write_stream_rsp);
ROP_DECLARE_FIELDS(write_stream_extended_rsp);
ROP_DECLARE_FIELDS(set_stream_size_req);
ROP_DECLARE_FIELDS(seek_stream_req);
ROP_DECLARE_FIELDS(seek_stream_rsp);
ROP_DECLARE_FIELDS(copy_to_stream_req);
ROP_DECLARE_BODY(copy_to_stream_rsp);
ROP_DECLARE_FIELDS(region_stream_req);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). RopGetPropertiesList,
 * RopCommitStream, RopGetStreamSize and RopCloneStream requests have no body, nor have the RopSetStreamSize,
 * RopCommitStream, RopLockRegionStream, RopUnlockRegionStream and RopCloneStream responses. */
#define ROP_OXCPRPT_REQUESTS                                                                                 \
	struct rop_get_properties_specific_req get_properties_specific;                                      \
	struct rop_get_properties_all_req get_properties_all;                                                \
	struct rop_property_values set_properties;                                                           \
	struct rop_property_values set_properties_no_replicate;                                              \
	struct rop_property_tags delete_properties;                                                          \
	struct rop_property_tags delete_properties_no_replicate;                                             \
	struct rop_query_named_properties_req query_named_properties;                                        \
	struct rop_copy_properties_req copy_properties;                                                      \
	struct rop_copy_to_req copy_to;                                                                      \
	struct rop_get_property_ids_from_names_req get_property_ids_from_names;                              \
	struct rop_property_ids get_names_from_property_ids;                                                 \
	struct rop_progress_req progress;                                                                    \
	struct rop_open_stream_req open_stream;                                                              \
	struct rop_read_stream_req read_stream;                                                              \
	struct rop_stream_data write_stream;                                                                 \
	struct rop_stream_data write_stream_extended;                                                        \
	struct rop_stream_data write_and_commit_stream;                                                      \
	struct rop_set_stream_size_req set_stream_size;                                                      \
	struct rop_seek_stream_req seek_stream;                                                              \
	struct rop_copy_to_stream_req copy_to_stream;                                                        \
	struct rop_region_stream_req lock_region_stream;                                                     \
	struct rop_region_stream_req unlock_region_stream;
#define ROP_OXCPRPT_RESPONSES                                                                                \
	struct rop_get_properties_specific_rsp get_properties_specific;                                      \
	struct rop_property_values get_properties_all;                                                       \
	struct rop_property_tags get_properties_list;                                                        \
	struct rop_property_problems set_properties;                                                         \
	struct rop_property_problems set_properties_no_replicate;                                            \
	struct rop_property_problems delete_properties;                                                      \
	struct rop_property_problems delete_properties_no_replicate;                                         \
	struct rop_query_named_properties_rsp query_named_properties;                                        \
	struct rop_copy_properties_rsp copy_properties;                                                      \
	struct rop_copy_properties_rsp copy_to;                                                              \
	struct rop_property_ids get_property_ids_from_names;                                                 \
	struct rop_property_names get_names_from_property_ids;                                               \
	struct rop_progress_rsp progress;                                                                    \
	struct rop_stream_size_rsp open_stream;                                                              \
	struct rop_stream_data read_stream;                                                                  \
	struct rop_write_stream_rsp write_stream;                                                            \
	struct rop_write_stream_extended_rsp write_stream_extended;                                          \
	struct rop_write_stream_rsp write_and_commit_stream;                                                 \
	struct rop_stream_size_rsp get_stream_size;                                                          \
	struct rop_seek_stream_rsp seek_stream;                                                              \
	struct rop_copy_to_stream_rsp copy_to_stream;

#endif
