/* MS-OXCROPS: the ROP input and output buffers (2.2.1), the Table of RopIds (2.2.2) and the request and
 * response of every ROP, in both directions: the server decodes requests and encodes responses, libmapi and
 * mapiproxy encode requests and decode responses. No I/O, no state of its own: what a layout depends on
 * beyond its own bytes (the matching request, how a logon was opened, the columns of a table) comes in
 * explicitly, as the request and a struct rop_ctx the caller fills.
 *
 * Layout of the API:
 *   rop_info()               the central table: name, section and codec of each RopId (rop_table.c)
 *   rop_request_pull/push    one ROP request          rop_response_pull/push   one ROP response
 *   rop_request_buffer_*     a whole ROP input buffer rop_response_buffer_*    a whole ROP output buffer
 *   rop_out_*                the server's output buffer, filled response by response within MaxRopOut
 * Per-ROP structs live in one header per spec area (rop_oxcstor.h, rop_oxcfold.h, ...); docs/rop-codec.md
 * says how to add a ROP. */
#ifndef MAPI_ROP_H
#define MAPI_ROP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/mapi_errors.h" /* ecRpcFormat, ecBufferTooSmall ... */
#include "common/wc_buf.h"
#include "mapi/rop_codec.h"
#include "mapi/rop_oxcfold.h"
#include "mapi/rop_oxcfxics.h"
#include "mapi/rop_oxcmsg.h"
#include "mapi/rop_oxcnotif.h"
#include "mapi/rop_oxcperm.h"
#include "mapi/rop_oxcprpt.h"
#include "mapi/rop_oxcrops.h"
#include "mapi/rop_oxcstor.h"
#include "mapi/rop_oxctabl.h"
#include "mapi/rop_oxomsg.h"
#include "mapi/rop_oxorule.h"

/* MS-OXCROPS 2.2.2 The Table of RopIds. Ids not listed are reserved. */
enum rop_id {
	ROP_RELEASE = 0x01,
	ROP_OPEN_FOLDER = 0x02,
	ROP_OPEN_MESSAGE = 0x03,
	ROP_GET_HIERARCHY_TABLE = 0x04,
	ROP_GET_CONTENTS_TABLE = 0x05,
	ROP_CREATE_MESSAGE = 0x06,
	ROP_GET_PROPERTIES_SPECIFIC = 0x07,
	ROP_GET_PROPERTIES_ALL = 0x08,
	ROP_GET_PROPERTIES_LIST = 0x09,
	ROP_SET_PROPERTIES = 0x0A,
	ROP_DELETE_PROPERTIES = 0x0B,
	ROP_SAVE_CHANGES_MESSAGE = 0x0C,
	ROP_REMOVE_ALL_RECIPIENTS = 0x0D,
	ROP_MODIFY_RECIPIENTS = 0x0E,
	ROP_READ_RECIPIENTS = 0x0F,
	ROP_RELOAD_CACHED_INFORMATION = 0x10,
	ROP_SET_MESSAGE_READ_FLAG = 0x11,
	ROP_SET_COLUMNS = 0x12,
	ROP_SORT_TABLE = 0x13,
	ROP_RESTRICT = 0x14,
	ROP_QUERY_ROWS = 0x15,
	ROP_GET_STATUS = 0x16,
	ROP_QUERY_POSITION = 0x17,
	ROP_SEEK_ROW = 0x18,
	ROP_SEEK_ROW_BOOKMARK = 0x19,
	ROP_SEEK_ROW_FRACTIONAL = 0x1A,
	ROP_CREATE_BOOKMARK = 0x1B,
	ROP_CREATE_FOLDER = 0x1C,
	ROP_DELETE_FOLDER = 0x1D,
	ROP_DELETE_MESSAGES = 0x1E,
	ROP_GET_MESSAGE_STATUS = 0x1F,
	ROP_SET_MESSAGE_STATUS = 0x20,
	ROP_GET_ATTACHMENT_TABLE = 0x21,
	ROP_OPEN_ATTACHMENT = 0x22,
	ROP_CREATE_ATTACHMENT = 0x23,
	ROP_DELETE_ATTACHMENT = 0x24,
	ROP_SAVE_CHANGES_ATTACHMENT = 0x25,
	ROP_SET_RECEIVE_FOLDER = 0x26,
	ROP_GET_RECEIVE_FOLDER = 0x27,
	ROP_REGISTER_NOTIFICATION = 0x29,
	ROP_NOTIFY = 0x2A,
	ROP_OPEN_STREAM = 0x2B,
	ROP_READ_STREAM = 0x2C,
	ROP_WRITE_STREAM = 0x2D,
	ROP_SEEK_STREAM = 0x2E,
	ROP_SET_STREAM_SIZE = 0x2F,
	ROP_SET_SEARCH_CRITERIA = 0x30,
	ROP_GET_SEARCH_CRITERIA = 0x31,
	ROP_SUBMIT_MESSAGE = 0x32,
	ROP_MOVE_COPY_MESSAGES = 0x33,
	ROP_ABORT_SUBMIT = 0x34,
	ROP_MOVE_FOLDER = 0x35,
	ROP_COPY_FOLDER = 0x36,
	ROP_QUERY_COLUMNS_ALL = 0x37,
	ROP_ABORT = 0x38,
	ROP_COPY_TO = 0x39,
	ROP_COPY_TO_STREAM = 0x3A,
	ROP_CLONE_STREAM = 0x3B,
	ROP_GET_PERMISSIONS_TABLE = 0x3E,
	ROP_GET_RULES_TABLE = 0x3F,
	ROP_MODIFY_PERMISSIONS = 0x40,
	ROP_MODIFY_RULES = 0x41,
	ROP_GET_OWNING_SERVERS = 0x42,
	ROP_LONG_TERM_ID_FROM_ID = 0x43,
	ROP_ID_FROM_LONG_TERM_ID = 0x44,
	ROP_PUBLIC_FOLDER_IS_GHOSTED = 0x45,
	ROP_OPEN_EMBEDDED_MESSAGE = 0x46,
	ROP_SET_SPOOLER = 0x47,
	ROP_SPOOLER_LOCK_MESSAGE = 0x48,
	ROP_GET_ADDRESS_TYPES = 0x49,
	ROP_TRANSPORT_SEND = 0x4A,
	ROP_FAST_TRANSFER_SOURCE_COPY_MESSAGES = 0x4B,
	ROP_FAST_TRANSFER_SOURCE_COPY_FOLDER = 0x4C,
	ROP_FAST_TRANSFER_SOURCE_COPY_TO = 0x4D,
	ROP_FAST_TRANSFER_SOURCE_GET_BUFFER = 0x4E,
	ROP_FIND_ROW = 0x4F,
	ROP_PROGRESS = 0x50,
	ROP_TRANSPORT_NEW_MAIL = 0x51,
	ROP_GET_VALID_ATTACHMENTS = 0x52,
	ROP_FAST_TRANSFER_DESTINATION_CONFIGURE = 0x53,
	ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER = 0x54,
	ROP_GET_NAMES_FROM_PROPERTY_IDS = 0x55,
	ROP_GET_PROPERTY_IDS_FROM_NAMES = 0x56,
	ROP_UPDATE_DEFERRED_ACTION_MESSAGES = 0x57,
	ROP_EMPTY_FOLDER = 0x58,
	ROP_EXPAND_ROW = 0x59,
	ROP_COLLAPSE_ROW = 0x5A,
	ROP_LOCK_REGION_STREAM = 0x5B,
	ROP_UNLOCK_REGION_STREAM = 0x5C,
	ROP_COMMIT_STREAM = 0x5D,
	ROP_GET_STREAM_SIZE = 0x5E,
	ROP_QUERY_NAMED_PROPERTIES = 0x5F,
	ROP_GET_PER_USER_LONG_TERM_IDS = 0x60,
	ROP_GET_PER_USER_GUID = 0x61,
	ROP_READ_PER_USER_INFORMATION = 0x63,
	ROP_WRITE_PER_USER_INFORMATION = 0x64,
	ROP_SET_READ_FLAGS = 0x66,
	ROP_COPY_PROPERTIES = 0x67,
	ROP_GET_RECEIVE_FOLDER_TABLE = 0x68,
	ROP_FAST_TRANSFER_SOURCE_COPY_PROPERTIES = 0x69,
	ROP_GET_COLLAPSE_STATE = 0x6B,
	ROP_SET_COLLAPSE_STATE = 0x6C,
	ROP_GET_TRANSPORT_FOLDER = 0x6D,
	ROP_PENDING = 0x6E,
	ROP_OPTIONS_DATA = 0x6F,
	ROP_SYNCHRONIZATION_CONFIGURE = 0x70,
	ROP_SYNCHRONIZATION_IMPORT_MESSAGE_CHANGE = 0x72,
	ROP_SYNCHRONIZATION_IMPORT_HIERARCHY_CHANGE = 0x73,
	ROP_SYNCHRONIZATION_IMPORT_DELETES = 0x74,
	ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_BEGIN = 0x75,
	ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_CONTINUE = 0x76,
	ROP_SYNCHRONIZATION_UPLOAD_STATE_STREAM_END = 0x77,
	ROP_SYNCHRONIZATION_IMPORT_MESSAGE_MOVE = 0x78,
	ROP_SET_PROPERTIES_NO_REPLICATE = 0x79,
	ROP_DELETE_PROPERTIES_NO_REPLICATE = 0x7A,
	ROP_GET_STORE_STATE = 0x7B,
	ROP_SYNCHRONIZATION_OPEN_COLLECTOR = 0x7E,
	ROP_GET_LOCAL_REPLICA_IDS = 0x7F,
	ROP_SYNCHRONIZATION_IMPORT_READ_STATE_CHANGES = 0x80,
	ROP_RESET_TABLE = 0x81,
	ROP_SYNCHRONIZATION_GET_TRANSFER_STATE = 0x82,
	ROP_TELL_VERSION = 0x86,
	ROP_FREE_BOOKMARK = 0x89,
	ROP_WRITE_AND_COMMIT_STREAM = 0x90,
	ROP_HARD_DELETE_MESSAGES = 0x91,
	ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS = 0x92,
	ROP_SET_LOCAL_REPLICA_MIDSET_DELETED = 0x93,
	ROP_FAST_TRANSFER_DESTINATION_PUT_BUFFER_EXTENDED = 0x9D,
	ROP_WRITE_STREAM_EXTENDED = 0xA3,
	ROP_BACKOFF = 0xF9,
	ROP_LOGON = 0xFE,
	ROP_BUFFER_TOO_SMALL = 0xFF,
};

/* Handle indexes are one byte (MS-OXCROPS 2.2.1), so a handle table needs at most 256 entries. */
#define ROP_MAX_HANDLES 256
#define ROP_INVALID_HANDLE 0xFFFFFFFFu /* an unused handle-table entry (MS-OXCROPS 3.1.4.1) */

/* Which handle indexes follow RopId and LogonId in a request, and which one its response echoes. */
enum rop_handles {
	ROP_H_NONE,    /* no request (response-only ROPs) */
	ROP_H_IN,      /* InputHandleIndex; response: InputHandleIndex */
	ROP_H_IN_OUT,  /* InputHandleIndex, OutputHandleIndex; response: OutputHandleIndex */
	ROP_H_SRC_DST, /* SourceHandleIndex, DestHandleIndex; response: SourceHandleIndex */
	ROP_H_RSP_IN,  /* ResponseHandleIndex, InputHandleIndex; response: ResponseHandleIndex */
	ROP_H_OUT,     /* OutputHandleIndex (RopLogon); response: OutputHandleIndex */
};

/* rop_info flags */
#define ROP_F_NO_RESPONSE 0x01 /* request only: RopRelease (MS-OXCROPS 3.2.5.3) */
#define ROP_F_NO_REQUEST                                                                                     \
	0x02 /* server-initiated response without the RopId/handle/ReturnValue header:                       \
	        RopNotify, RopPending, RopBackoff, RopBufferTooSmall */
#define ROP_F_BODY_ON_FAILURE                                                                                \
	0x04 /* the response body is there whatever ReturnValue says (the spec gives one                     \
	        layout for success and failure, or a failure form of its own: the body                       \
	        codec then looks at rop_pull.return_value); otherwise a response with                        \
	        ReturnValue != 0 ends after ReturnValue */

struct rop_ctx;
struct rop_request;
struct rop_response;

/* One entry of the central table (rop_table.c), indexed by RopId. Reserved ids have name NULL. A ROP whose
 * codec is not written yet has its name and section but coded false. */
struct rop_info {
	const char *name;    /* "RopOpenFolder" */
	const char *section; /* MS-OXCROPS section, "2.2.4.1" */
	uint8_t handles;     /* enum rop_handles */
	uint8_t flags;       /* ROP_F_* */
	uint8_t rsp_id; /* RopId of the response when it is not the request's (RopGetMessageStatus: 0x20) */
	bool coded;
	struct rop_body req; /* nothing set: the request has no body after its handle indexes */
	struct rop_body rsp; /* nothing set: the response has no body after ReturnValue */
	/* The ROP's effect on the codec state, or NULL: called after a request is pulled or pushed (rsp NULL)
	 * and after its response is (rsp set), e.g. RopLogon records how its LogonId was opened. */
	void (*track)(struct rop_ctx *ctx, const struct rop_request *req, const struct rop_response *rsp);
};

/* Never NULL; for a reserved RopId the entry has name NULL. */
const struct rop_info *rop_info(uint8_t rop_id);
/* "RopOpenFolder", or NULL for a reserved RopId. */
const char *rop_name(uint8_t rop_id);

/* What decoding and encoding need to know beyond the bytes, kept by the caller: how each logon of the session
 * was opened and what is known about the object behind each handle-table index of the buffer being coded. The
 * codec reads it and, as it walks a buffer, updates it the way the ROPs of that buffer do (a RopLogon records
 * its logon; an object created into an output index starts with a cleared rop_object_ctx; a successful
 * RopSetColumns records a table's columns, a failed one or a RopResetTable removes them), so a later ROP of
 * the same buffer sees the change. Pass a copy to keep the original. */
struct rop_object_ctx {
	/* Table objects: the columns of the last RopSetColumns (MS-OXCTABL 2.2.2.2), which define the rows of
	 * RopQueryRows, RopFindRow, RopExpandRow: without them (NULL, unknown) those responses fail with
	 * WC_EINVAL. The pointer is borrowed, not owned (from the RopSetColumns request when the codec set
	 * it). */
	uint16_t column_count;
	const uint32_t *columns;
	/* Message objects: the RecipientColumns of the last RopOpenMessage, RopOpenEmbeddedMessage or
	 * RopReloadCachedInformation response (MS-OXCROPS 2.2.6.1.2), against which RopReadRecipients rows
	 * are coded (MS-OXCMSG 3.1.5.6). NULL when unknown (the rows then stay bytes); borrowed like columns
	 * (rop_recipient_columns_track). */
	uint16_t recipient_column_count;
	const uint32_t *recipient_columns;
};
/* A table a RopNotify can be for: the TableRowData of its TableRowAdded and TableRowModified notifications
 * (MS-OXCNOTIF 2.2.1.4.1.2) is a row over the table's columns (its last RopSetColumns). A notification names
 * its table by server handle value (NotificationHandle), not by an index of the buffer it comes in, so
 * rop_object_ctx cannot say; the session that knows its handles (libmapi, mapiproxy, warpd encoding its own
 * notifications) lists its tables here. */
struct rop_notify_table {
	uint32_t handle;
	uint16_t column_count;
	const uint32_t *columns;
};
struct rop_ctx {
	uint8_t private_logons[ROP_MAX_HANDLES / 8]; /* bit n set: LogonId n was opened with LOGON_PRIVATE */
	struct rop_object_ctx objects[ROP_MAX_HANDLES]; /* by handle-table index */
	/* Tables RopNotify rows are decoded against, filled by the caller; borrowed, not owned. A
	 * notification for a handle not listed keeps its TableRowData as bytes. */
	uint32_t notify_table_count;
	const struct rop_notify_table *notify_tables;
};
void rop_ctx_init(struct rop_ctx *ctx);
bool rop_ctx_logon_private(const struct rop_ctx *ctx, uint8_t logon_id);
void rop_ctx_set_logon(struct rop_ctx *ctx, uint8_t logon_id, bool private_mailbox);
/* The entry of ctx->notify_tables for a server handle, or NULL. */
const struct rop_notify_table *rop_ctx_notify_table(const struct rop_ctx *ctx, uint32_t handle);

/* One ROP request. Which handle-index fields are meaningful follows rop_info(id)->handles; the others are 0.
 */
struct rop_request {
	uint8_t id; /* RopId */
	uint8_t logon_id;
	union {
		uint8_t input_handle_index;
		uint8_t source_handle_index;
	};
	union {
		uint8_t output_handle_index;
		uint8_t dest_handle_index;
	};
	uint8_t response_handle_index;
	uint32_t offset; /* set by pull: where the ROP starts in what was read (RopsList for a buffer) ... */
	uint32_t size;   /* ... and how many bytes it takes */
	union {
		unsigned char body[1]; /* where the body starts, for the codec */
		ROP_OXCROPS_REQUESTS
		ROP_OXCSTOR_REQUESTS
		ROP_OXCFOLD_REQUESTS
		ROP_OXCFXICS_REQUESTS
		ROP_OXCMSG_REQUESTS
		ROP_OXCNOTIF_REQUESTS
		ROP_OXCPERM_REQUESTS
		ROP_OXOMSG_REQUESTS
		ROP_OXORULE_REQUESTS
		ROP_OXCTABL_REQUESTS
		ROP_OXCPRPT_REQUESTS
	};
};

/* One ROP response. For the ROP_F_NO_REQUEST ROPs handle_index and return_value are unused. */
struct rop_response {
	uint8_t id;           /* RopId as on the wire (rop_info(request id)->rsp_id when that is set) */
	uint8_t handle_index; /* the index rop_info(request id)->handles says the response echoes */
	uint32_t return_value;
	union {
		unsigned char body[1]; /* where the body starts, for the codec */
		ROP_OXCROPS_RESPONSES
		ROP_OXCSTOR_RESPONSES
		ROP_OXCFOLD_RESPONSES
		ROP_OXCFXICS_RESPONSES
		ROP_OXCMSG_RESPONSES
		ROP_OXCNOTIF_RESPONSES
		ROP_OXOMSG_RESPONSES
		ROP_OXCTABL_RESPONSES
		ROP_OXCPRPT_RESPONSES
	};
};

/* Zeroes *rsp and sets its header to answer req: RopId (rop_info()->rsp_id where set), the handle index the
 * response echoes, return_value. To answer an asynchronous request with RopProgress (below), set id to
 * ROP_PROGRESS afterwards. */
void rop_response_init(struct rop_response *rsp, const struct rop_request *req, uint32_t return_value);

/* The table entry that codes a response with RopId rsp_id to req (req NULL: a server-initiated response), or
 * NULL when such a response cannot answer req. Usually rop_info(req->id), but MS-OXCPRPT 3.1.5 and 3.2.5.19
 * let a RopProgress response answer a request of the ROPs that can run asynchronously (RopCopyTo,
 * RopCopyProperties, RopSetReadFlags, RopMoveCopyMessages, RopMoveFolder, RopCopyFolder,
 * RopHardDeleteMessagesAndSubfolders, RopEmptyFolder, RopDeleteMessages, RopHardDeleteMessages) while it is
 * running, and the response of one of those ROPs answer the RopProgress request that finds it finished. The
 * codec does not check WantAsynchronous, nor which ROP a RopProgress follows. */
const struct rop_info *rop_response_info(uint8_t rsp_id, const struct rop_request *req);

/* One request from r (reading exactly its bytes) into *req, allocating on mem. WC_EUNSUPPORTED for a reserved
 * or response-only RopId or one without a codec yet, WC_EFORMAT for truncated or malformed bytes. Nothing
 * stays allocated on failure. ctx: see struct rop_ctx (RopWritePerUserInformation needs the logon kind). */
int rop_request_pull(struct wc_reader *r, TALLOC_CTX *mem, struct rop_ctx *ctx, struct rop_request *req);
int rop_request_push(struct wc_writer *w, struct rop_ctx *ctx, const struct rop_request *req);

/* One response, decoded against its request: req is the request it answers (NULL only for the
 * ROP_F_NO_REQUEST ROPs). Pull fails with WC_EFORMAT when the response's RopId cannot answer req
 * (rop_response_info), push with WC_EINVAL (rop_response_init sets it right). */
int rop_response_pull(struct wc_reader *r, TALLOC_CTX *mem, struct rop_ctx *ctx,
                      const struct rop_request *req, struct rop_response *rsp);
int rop_response_push(struct wc_writer *w, struct rop_ctx *ctx, const struct rop_request *req,
                      const struct rop_response *rsp);

/* Why a buffer did not decode: the server answers any of these with ecRpcFormat (MS-OXCROPS 3.2.5.1).
 */
enum rop_error_kind {
	ROP_ERR_NONE,
	ROP_ERR_ROP_SIZE,        /* RopSize below 2 or beyond the buffer */
	ROP_ERR_HANDLE_TABLE,    /* the bytes after RopsList are not a whole number of 4-byte handles */
	ROP_ERR_UNKNOWN_ROP,     /* a reserved RopId, or one that cannot appear in this direction */
	ROP_ERR_UNSUPPORTED_ROP, /* a RopId whose codec is not written yet */
	ROP_ERR_FORMAT,          /* a ROP runs past the end of RopsList, or a field is malformed */
	ROP_ERR_HANDLE_INDEX,    /* a handle index outside the handle table (MS-OXCROPS 3.1.4.1, 3.2.5.2) */
	ROP_ERR_UNMATCHED,       /* a response that answers no request at that place */
};
struct rop_error {
	int code;           /* the WC_E* the function returned */
	uint8_t kind;       /* enum rop_error_kind */
	uint8_t rop_id;     /* RopId of the ROP that failed (when kind is past ROP_ERR_HANDLE_TABLE) */
	uint32_t rop_index; /* its position in RopsList, from 0 */
	size_t rop_offset;  /* byte offset of that ROP in the buffer (RopSize is at 0) */
	size_t offset;      /* byte offset where decoding stopped */
};
/* "ROP 2 (RopOpenFolder) at offset 9: ... at offset 15" into buf; returns buf. */
const char *rop_error_string(const struct rop_error *e, char *buf, size_t len);

/* A ROP input buffer (MS-OXCROPS 2.2.1): RopSize, RopsList, ServerObjectHandleTable. */
struct rop_request_buffer {
	uint32_t count;
	struct rop_request *rops;
	uint32_t handle_count;
	uint32_t *handles;
	uint8_t *rops_list; /* set by pull: a copy of RopsList (RopBufferTooSmall hands back part of it) */
	uint16_t rops_list_size;
};

/* Decodes a whole ROP input buffer into *out (allocated on mem). Every handle index of every ROP must lie
 * inside the handle table. On failure returns WC_E*, fills *err (may be NULL) and leaves nothing allocated.
 */
int rop_request_buffer_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct rop_ctx *ctx,
                            struct rop_request_buffer **out, struct rop_error *err);
/* Encodes buf->rops and buf->handles as a ROP input buffer. WC_EINVAL for a handle index outside the handle
 * table, WC_ERANGE when RopsList does not fit RopSize. */
int rop_request_buffer_push(struct wc_writer *w, struct rop_ctx *ctx, const struct rop_request_buffer *buf);

/* A ROP output buffer. request_index[i] is the index in the request buffer of the request rops[i] answers, or
 * ROP_NO_REQUEST for RopNotify, RopPending, RopBackoff, RopBufferTooSmall. */
#define ROP_NO_REQUEST UINT32_MAX
struct rop_response_buffer {
	uint32_t count;
	struct rop_response *rops;
	uint32_t *request_index;
	uint32_t handle_count;
	uint32_t *handles;
};

/* Decodes a ROP output buffer against the request buffer it answers: responses come in request order, one per
 * request except RopRelease, possibly fewer (after RopBackoff or RopBufferTooSmall), with the
 * server-initiated ROPs among them. ctx must be what it was when requests was encoded. */
int rop_response_buffer_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len,
                             const struct rop_request_buffer *requests, struct rop_ctx *ctx,
                             struct rop_response_buffer **out, struct rop_error *err);
int rop_response_buffer_push(struct wc_writer *w, struct rop_ctx *ctx,
                             const struct rop_request_buffer *requests,
                             const struct rop_response_buffer *buf);

/* The server's ROP output buffer, built response by response within a size limit (MaxRopOut / pcbOut less the
 * RPC_HEADER_EXT, MS-OXCRPC 3.1.4.2, MS-OXCMAPIHTTP 2.2.4.2.1) so that when a response does not fit, the
 * unexecuted requests can still be handed back in a RopBufferTooSmall (MS-OXCROPS 3.2.4.3, 2.2.15.1):
 *
 *	rop_out_init(&o, mem, limit, in, &ctx);
 *	for each request req of in (RopRelease gives no response):
 *		execute it, using rop_out_room(&o, req) as the size a response that sizes itself may take;
 *		if (rop_out_push(&o, req, &rsp) == WC_ESPACE) {
 *			rop_out_buffer_too_small(&o, req, o.needed + RPC_HEADER_EXT size);
 *			break;
 *		}
 *	rop_out_finish(&o, handles, handle_count, &data, &len);
 *
 * rop_out_push keeps back room for a RopBufferTooSmall carrying every request after req, so that one always
 * fits; a RopBufferTooSmall that does not fit even then is WC_ESPACE: answer ecBufferTooSmall. */
struct rop_out {
	struct wc_writer w; /* RopSize, then RopsList so far */
	size_t limit;       /* bytes the whole ROP output buffer may take */
	const struct rop_request_buffer *in;
	struct rop_ctx *ctx;
	size_t needed; /* after rop_out_push failed with WC_ESPACE: the output buffer size that response needs
	                */
	bool closed;   /* a RopBufferTooSmall was written: nothing may follow */
};
void rop_out_init(struct rop_out *o, TALLOC_CTX *mem, size_t limit, const struct rop_request_buffer *in,
                  struct rop_ctx *ctx);
/* Bytes the response to req may take now (req NULL: a server-initiated response after the last request). */
size_t rop_out_room(const struct rop_out *o, const struct rop_request *req);
/* Appends the response to req (a member of o->in->rops; NULL for RopNotify/RopPending/RopBackoff). WC_ESPACE
 * when it does not fit: nothing is written and o->needed says what would have been enough. */
int rop_out_push(struct rop_out *o, const struct rop_request *req, const struct rop_response *rsp);
/* Appends a RopBufferTooSmall handing back every request from first on. */
int rop_out_buffer_too_small(struct rop_out *o, const struct rop_request *first, uint16_t size_needed);
/* Patches RopSize, appends the handle table and hands the buffer over (allocated on the mem of rop_out_init).
 */
int rop_out_finish(struct rop_out *o, const uint32_t *handles, uint32_t handle_count, uint8_t **data,
                   size_t *len);

#endif
