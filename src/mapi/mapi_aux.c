/* MS-OXCRPC 2.2.2.2 AUX_HEADER and the auxiliary block structures 2.2.2.2.1 - 2.2.2.2.22.
 *
 * Each block structure is described by a table of its fixed fields in wire order. Variable fields (strings
 * and binary values) are referenced from the fixed part by an offset from the start of the AUX_HEADER; the
 * encoder places them after the fixed part, in field order. */
#include "mapi/mapi_aux.h"

#include <stddef.h>
#include <string.h>

#include "common/wc_error.h"
#include "mapi/mapi_rpc_ext.h"

enum aux_kind {
	A_U8,
	A_U16,
	A_U32,
	A_GUID,
	A_PAD, /* len reserved bytes: ignored on input, zero on output */
	A_STR, /* 2-byte offset of a null-terminated UTF-16LE string; char * */
	A_BIN, /* 2-byte size, 2-byte offset of that many bytes; struct mapi_binary */
};

struct aux_field {
	uint8_t kind;
	uint8_t len;     /* A_PAD */
	uint16_t offset; /* offsetof in the block structure */
};

#define F(kind, type, member)                                                                                \
	{                                                                                                    \
		(kind), 0, offsetof(type, member)                                                            \
	}
#define PAD(n)                                                                                               \
	{                                                                                                    \
		A_PAD, (n), 0                                                                                \
	}

/* 2.2.2.2.1 SessionID, RequestID */
static const struct aux_field perf_requestid[] = {
        F(A_U16, struct mapi_aux_perf_requestid, session_id),
        F(A_U16, struct mapi_aux_perf_requestid, request_id),
};

/* 2.2.2.2.2 SessionID, Reserved, SessionGuid */
static const struct aux_field perf_sessioninfo[] = {
        F(A_U16, struct mapi_aux_perf_sessioninfo, session_id),
        PAD(2),
        F(A_GUID, struct mapi_aux_perf_sessioninfo, session_guid),
};

/* 2.2.2.2.3 SessionID, Reserved, SessionGuid, ConnectionID */
static const struct aux_field perf_sessioninfo_v2[] = {
        F(A_U16, struct mapi_aux_perf_sessioninfo, session_id),
        PAD(2),
        F(A_GUID, struct mapi_aux_perf_sessioninfo, session_guid),
        F(A_U32, struct mapi_aux_perf_sessioninfo, connection_id),
};

/* 2.2.2.2.4 AdapterSpeed, ClientID, MachineNameOffset, UserNameOffset, ClientIPSize, ClientIPOffset,
 * ClientIPMaskSize, ClientIPMaskOffset, AdapterNameOffset, MacAddressSize, MacAddressOffset, ClientMode,
 * Reserved */
static const struct aux_field perf_clientinfo[] = {
        F(A_U32, struct mapi_aux_perf_clientinfo, adapter_speed),
        F(A_U16, struct mapi_aux_perf_clientinfo, client_id),
        F(A_STR, struct mapi_aux_perf_clientinfo, machine_name),
        F(A_STR, struct mapi_aux_perf_clientinfo, user_name),
        F(A_BIN, struct mapi_aux_perf_clientinfo, client_ip),
        F(A_BIN, struct mapi_aux_perf_clientinfo, client_ip_mask),
        F(A_STR, struct mapi_aux_perf_clientinfo, adapter_name),
        F(A_BIN, struct mapi_aux_perf_clientinfo, mac_address),
        F(A_U16, struct mapi_aux_perf_clientinfo, client_mode),
        PAD(2),
};

/* 2.2.2.2.5 ServerID, ServerType, ServerDNOffset, ServerNameOffset */
static const struct aux_field perf_serverinfo[] = {
        F(A_U16, struct mapi_aux_perf_serverinfo, server_id),
        F(A_U16, struct mapi_aux_perf_serverinfo, server_type),
        F(A_STR, struct mapi_aux_perf_serverinfo, server_dn),
        F(A_STR, struct mapi_aux_perf_serverinfo, server_name),
};

/* 2.2.2.2.6 ProcessID, Reserved_1, ProcessGuid, ProcessNameOffset, Reserved_2 */
static const struct aux_field perf_processinfo[] = {
        F(A_U16, struct mapi_aux_perf_processinfo, process_id),
        PAD(2),
        F(A_GUID, struct mapi_aux_perf_processinfo, process_guid),
        F(A_STR, struct mapi_aux_perf_processinfo, process_name),
        PAD(2),
};

/* 2.2.2.2.7 TimeSinceRequest, TimeToCompleteRequest, RequestID, Reserved */
static const struct aux_field perf_defmdb_success[] = {
        F(A_U32, struct mapi_aux_perf_defmdb_success, time_since_request),
        F(A_U32, struct mapi_aux_perf_defmdb_success, time_to_complete_request),
        F(A_U16, struct mapi_aux_perf_defmdb_success, request_id),
        PAD(2),
};

/* 2.2.2.2.8 ServerID, SessionID, TimeSinceRequest, TimeToCompleteRequest, RequestOperation, Reserved */
static const struct aux_field perf_defgc_success[] = {
        F(A_U16, struct mapi_aux_perf_defgc_success, server_id),
        F(A_U16, struct mapi_aux_perf_defgc_success, session_id),
        F(A_U32, struct mapi_aux_perf_defgc_success, time_since_request),
        F(A_U32, struct mapi_aux_perf_defgc_success, time_to_complete_request),
        F(A_U8, struct mapi_aux_perf_defgc_success, request_operation),
        PAD(3),
};

/* 2.2.2.2.9 ClientID, ServerID, SessionID, RequestID, TimeSinceRequest, TimeToCompleteRequest */
static const struct aux_field perf_mdb_success[] = {
        F(A_U16, struct mapi_aux_perf_mdb_success, client_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, server_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, session_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, request_id),
        F(A_U32, struct mapi_aux_perf_mdb_success, time_since_request),
        F(A_U32, struct mapi_aux_perf_mdb_success, time_to_complete_request),
};

/* 2.2.2.2.10 ProcessID, ClientID, ServerID, SessionID, RequestID, Reserved, TimeSinceRequest,
 * TimeToCompleteRequest */
static const struct aux_field perf_mdb_success_v2[] = {
        F(A_U16, struct mapi_aux_perf_mdb_success, process_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, client_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, server_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, session_id),
        F(A_U16, struct mapi_aux_perf_mdb_success, request_id),
        PAD(2),
        F(A_U32, struct mapi_aux_perf_mdb_success, time_since_request),
        F(A_U32, struct mapi_aux_perf_mdb_success, time_to_complete_request),
};

/* 2.2.2.2.11 ClientID, ServerID, SessionID, Reserved_1, TimeSinceRequest, TimeToCompleteRequest,
 * RequestOperation, Reserved_2 */
static const struct aux_field perf_gc_success[] = {
        F(A_U16, struct mapi_aux_perf_gc_success, client_id),
        F(A_U16, struct mapi_aux_perf_gc_success, server_id),
        F(A_U16, struct mapi_aux_perf_gc_success, session_id),
        PAD(2),
        F(A_U32, struct mapi_aux_perf_gc_success, time_since_request),
        F(A_U32, struct mapi_aux_perf_gc_success, time_to_complete_request),
        F(A_U8, struct mapi_aux_perf_gc_success, request_operation),
        PAD(3),
};

/* 2.2.2.2.12 ProcessID, ClientID, ServerID, SessionID, TimeSinceRequest, TimeToCompleteRequest,
 * RequestOperation, Reserved */
static const struct aux_field perf_gc_success_v2[] = {
        F(A_U16, struct mapi_aux_perf_gc_success, process_id),
        F(A_U16, struct mapi_aux_perf_gc_success, client_id),
        F(A_U16, struct mapi_aux_perf_gc_success, server_id),
        F(A_U16, struct mapi_aux_perf_gc_success, session_id),
        F(A_U32, struct mapi_aux_perf_gc_success, time_since_request),
        F(A_U32, struct mapi_aux_perf_gc_success, time_to_complete_request),
        F(A_U8, struct mapi_aux_perf_gc_success, request_operation),
        PAD(3),
};

/* 2.2.2.2.13 ClientID, ServerID, SessionID, RequestID, TimeSinceRequest, TimeToFailRequest, ResultCode,
 * RequestOperation, Reserved */
static const struct aux_field perf_failure[] = {
        F(A_U16, struct mapi_aux_perf_failure, client_id),
        F(A_U16, struct mapi_aux_perf_failure, server_id),
        F(A_U16, struct mapi_aux_perf_failure, session_id),
        F(A_U16, struct mapi_aux_perf_failure, request_id),
        F(A_U32, struct mapi_aux_perf_failure, time_since_request),
        F(A_U32, struct mapi_aux_perf_failure, time_to_fail_request),
        F(A_U32, struct mapi_aux_perf_failure, result_code),
        F(A_U8, struct mapi_aux_perf_failure, request_operation),
        PAD(3),
};

/* 2.2.2.2.14 ProcessID, ClientID, ServerID, SessionID, RequestID, Reserved_1, TimeSinceRequest,
 * TimeToFailRequest, ResultCode, RequestOperation, Reserved_2 */
static const struct aux_field perf_failure_v2[] = {
        F(A_U16, struct mapi_aux_perf_failure, process_id),
        F(A_U16, struct mapi_aux_perf_failure, client_id),
        F(A_U16, struct mapi_aux_perf_failure, server_id),
        F(A_U16, struct mapi_aux_perf_failure, session_id),
        F(A_U16, struct mapi_aux_perf_failure, request_id),
        PAD(2),
        F(A_U32, struct mapi_aux_perf_failure, time_since_request),
        F(A_U32, struct mapi_aux_perf_failure, time_to_fail_request),
        F(A_U32, struct mapi_aux_perf_failure, result_code),
        F(A_U8, struct mapi_aux_perf_failure, request_operation),
        PAD(3),
};

/* 2.2.2.2.15 EnableFlags, ExpiryTime */
static const struct aux_field client_control[] = {
        F(A_U32, struct mapi_aux_client_control, enable_flags),
        F(A_U32, struct mapi_aux_client_control, expiry_time),
};

/* 2.2.2.2.16 OSVersionInfoSize, MajorVersion, MinorVersion, BuildNumber, Reserved1 (132 bytes),
 * ServicePackMajor, ServicePackMinor, Reserved2 */
static const struct aux_field osversioninfo[] = {
        F(A_U32, struct mapi_aux_osversioninfo, os_version_info_size),
        F(A_U32, struct mapi_aux_osversioninfo, major_version),
        F(A_U32, struct mapi_aux_osversioninfo, minor_version),
        F(A_U32, struct mapi_aux_osversioninfo, build_number),
        PAD(132),
        F(A_U16, struct mapi_aux_osversioninfo, service_pack_major),
        F(A_U16, struct mapi_aux_osversioninfo, service_pack_minor),
        PAD(4),
};

/* 2.2.2.2.17 OrgFlags; 2.2.2.2.19 EndpointCapabilityFlags; AUX_SERVER_CAPABILITIES ServerCapabilityFlags */
static const struct aux_field one_flag[] = {
        F(A_U32, struct mapi_aux_flags, flags),
};

/* 2.2.2.2.18 ClientID, Reserved, Account */
static const struct aux_field perf_accountinfo[] = {
        F(A_U16, struct mapi_aux_perf_accountinfo, client_id),
        PAD(2),
        F(A_GUID, struct mapi_aux_perf_accountinfo, account),
};

/* 2.2.2.2.20 ConnectionGUID, OffsetConnectionContextInfo, Reserved, ConnectionAttempts, ConnectionFlags.
 * The 2015 text gives ConnectionAttempts 4 bytes (the 2022 requirement list says 2); 4 keeps ConnectionFlags
 * on the 4-byte boundary the Reserved padding is there for. */
static const struct aux_field client_connection_info[] = {
        F(A_GUID, struct mapi_aux_client_connection_info, connection_guid),
        F(A_STR, struct mapi_aux_client_connection_info, connection_context_info),
        PAD(2),
        F(A_U32, struct mapi_aux_client_connection_info, connection_attempts),
        F(A_U32, struct mapi_aux_client_connection_info, connection_flags),
};

/* 2.2.2.2.21 OffsetServerSessionContextInfo */
static const struct aux_field server_session_info[] = {
        F(A_STR, struct mapi_aux_server_session_info, server_session_context_info),
};

/* 2.2.2.2.22 DeviceManufacturerOffset, DeviceModelOffset, DeviceSerialNumberOffset, DeviceVersionOffset,
 * DeviceFirmwareVersionOffset */
static const struct aux_field protocol_device_identification[] = {
        F(A_STR, struct mapi_aux_protocol_device_identification, device_manufacturer),
        F(A_STR, struct mapi_aux_protocol_device_identification, device_model),
        F(A_STR, struct mapi_aux_protocol_device_identification, device_serial_number),
        F(A_STR, struct mapi_aux_protocol_device_identification, device_version),
        F(A_STR, struct mapi_aux_protocol_device_identification, device_firmware_version),
};

static const struct {
	const struct aux_field *fields;
	uint8_t nfields;
} layouts[MAPI_AUX_LAYOUTS] = {
#define L(layout, table) [layout] = {(table), sizeof(table) / sizeof((table)[0])}
        L(MAPI_AUX_PERF_REQUESTID, perf_requestid),
        L(MAPI_AUX_PERF_SESSIONINFO, perf_sessioninfo),
        L(MAPI_AUX_PERF_SESSIONINFO_V2, perf_sessioninfo_v2),
        L(MAPI_AUX_PERF_CLIENTINFO, perf_clientinfo),
        L(MAPI_AUX_PERF_SERVERINFO, perf_serverinfo),
        L(MAPI_AUX_PERF_PROCESSINFO, perf_processinfo),
        L(MAPI_AUX_PERF_DEFMDB_SUCCESS, perf_defmdb_success),
        L(MAPI_AUX_PERF_DEFGC_SUCCESS, perf_defgc_success),
        L(MAPI_AUX_PERF_MDB_SUCCESS, perf_mdb_success),
        L(MAPI_AUX_PERF_MDB_SUCCESS_V2, perf_mdb_success_v2),
        L(MAPI_AUX_PERF_GC_SUCCESS, perf_gc_success),
        L(MAPI_AUX_PERF_GC_SUCCESS_V2, perf_gc_success_v2),
        L(MAPI_AUX_PERF_FAILURE, perf_failure),
        L(MAPI_AUX_PERF_FAILURE_V2, perf_failure_v2),
        L(MAPI_AUX_CLIENT_CONTROL, client_control),
        L(MAPI_AUX_OSVERSIONINFO, osversioninfo),
        L(MAPI_AUX_EXORGINFO, one_flag),
        L(MAPI_AUX_PERF_ACCOUNTINFO, perf_accountinfo),
        L(MAPI_AUX_SERVER_CAPABILITIES, one_flag),
        L(MAPI_AUX_ENDPOINT_CAPABILITIES, one_flag),
        L(MAPI_AUX_CLIENT_CONNECTION_INFO, client_connection_info),
        L(MAPI_AUX_SERVER_SESSION_INFO, server_session_info),
        L(MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION, protocol_device_identification),
#undef L
};

/* The two Type tables of 2.2.2.2, for AUX_VERSION_1 and AUX_VERSION_2. */
enum mapi_aux_layout mapi_aux_layout_of(uint8_t version, uint8_t type)
{
	static const uint8_t v1[0x4F] = {
	        [AUX_TYPE_PERF_REQUESTID] = MAPI_AUX_PERF_REQUESTID,
	        [AUX_TYPE_PERF_CLIENTINFO] = MAPI_AUX_PERF_CLIENTINFO,
	        [AUX_TYPE_PERF_SERVERINFO] = MAPI_AUX_PERF_SERVERINFO,
	        [AUX_TYPE_PERF_SESSIONINFO] = MAPI_AUX_PERF_SESSIONINFO,
	        [AUX_TYPE_PERF_DEFMDB_SUCCESS] = MAPI_AUX_PERF_DEFMDB_SUCCESS,
	        [AUX_TYPE_PERF_DEFGC_SUCCESS] = MAPI_AUX_PERF_DEFGC_SUCCESS,
	        [AUX_TYPE_PERF_MDB_SUCCESS] = MAPI_AUX_PERF_MDB_SUCCESS,
	        [AUX_TYPE_PERF_GC_SUCCESS] = MAPI_AUX_PERF_GC_SUCCESS,
	        [AUX_TYPE_PERF_FAILURE] = MAPI_AUX_PERF_FAILURE,
	        [AUX_TYPE_CLIENT_CONTROL] = MAPI_AUX_CLIENT_CONTROL,
	        [AUX_TYPE_PERF_PROCESSINFO] = MAPI_AUX_PERF_PROCESSINFO,
	        [AUX_TYPE_PERF_BG_DEFMDB_SUCCESS] = MAPI_AUX_PERF_DEFMDB_SUCCESS,
	        [AUX_TYPE_PERF_BG_DEFGC_SUCCESS] = MAPI_AUX_PERF_DEFGC_SUCCESS,
	        [AUX_TYPE_PERF_BG_MDB_SUCCESS] = MAPI_AUX_PERF_MDB_SUCCESS,
	        [AUX_TYPE_PERF_BG_GC_SUCCESS] = MAPI_AUX_PERF_GC_SUCCESS,
	        [AUX_TYPE_PERF_BG_FAILURE] = MAPI_AUX_PERF_FAILURE,
	        [AUX_TYPE_PERF_FG_DEFMDB_SUCCESS] = MAPI_AUX_PERF_DEFMDB_SUCCESS,
	        [AUX_TYPE_PERF_FG_DEFGC_SUCCESS] = MAPI_AUX_PERF_DEFGC_SUCCESS,
	        [AUX_TYPE_PERF_FG_MDB_SUCCESS] = MAPI_AUX_PERF_MDB_SUCCESS,
	        [AUX_TYPE_PERF_FG_GC_SUCCESS] = MAPI_AUX_PERF_GC_SUCCESS,
	        [AUX_TYPE_PERF_FG_FAILURE] = MAPI_AUX_PERF_FAILURE,
	        [AUX_TYPE_OSVERSIONINFO] = MAPI_AUX_OSVERSIONINFO,
	        [AUX_TYPE_EXORGINFO] = MAPI_AUX_EXORGINFO,
	        [AUX_TYPE_PERF_ACCOUNTINFO] = MAPI_AUX_PERF_ACCOUNTINFO,
	        [AUX_TYPE_SERVER_CAPABILITIES] = MAPI_AUX_SERVER_CAPABILITIES,
	        [AUX_TYPE_ENDPOINT_CAPABILITIES] = MAPI_AUX_ENDPOINT_CAPABILITIES,
	        [AUX_TYPE_CLIENT_CONNECTION_INFO] = MAPI_AUX_CLIENT_CONNECTION_INFO,
	        [AUX_TYPE_SERVER_SESSION_INFO] = MAPI_AUX_SERVER_SESSION_INFO,
	        [AUX_TYPE_PROTOCOL_DEVICE_IDENTIFICATION] = MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION,
	};
	static const uint8_t v2[0x16] = {
	        [AUX_TYPE_PERF_SESSIONINFO] = MAPI_AUX_PERF_SESSIONINFO_V2,
	        [AUX_TYPE_PERF_MDB_SUCCESS] = MAPI_AUX_PERF_MDB_SUCCESS_V2,
	        [AUX_TYPE_PERF_GC_SUCCESS] = MAPI_AUX_PERF_GC_SUCCESS_V2,
	        [AUX_TYPE_PERF_FAILURE] = MAPI_AUX_PERF_FAILURE_V2,
	        [AUX_TYPE_PERF_PROCESSINFO] = MAPI_AUX_PERF_PROCESSINFO,
	        [AUX_TYPE_PERF_BG_MDB_SUCCESS] = MAPI_AUX_PERF_MDB_SUCCESS_V2,
	        [AUX_TYPE_PERF_BG_GC_SUCCESS] = MAPI_AUX_PERF_GC_SUCCESS_V2,
	        [AUX_TYPE_PERF_BG_FAILURE] = MAPI_AUX_PERF_FAILURE_V2,
	        [AUX_TYPE_PERF_FG_MDB_SUCCESS] = MAPI_AUX_PERF_MDB_SUCCESS_V2,
	        [AUX_TYPE_PERF_FG_GC_SUCCESS] = MAPI_AUX_PERF_GC_SUCCESS_V2,
	        [AUX_TYPE_PERF_FG_FAILURE] = MAPI_AUX_PERF_FAILURE_V2,
	};
	if (version == AUX_VERSION_1 && type < sizeof v1)
		return (enum mapi_aux_layout)v1[type];
	if (version == AUX_VERSION_2 && type < sizeof v2)
		return (enum mapi_aux_layout)v2[type];
	return MAPI_AUX_RAW;
}

static size_t field_size(const struct aux_field *f)
{
	static const uint8_t sizes[] = {
	        [A_U8] = 1, [A_U16] = 2, [A_U32] = 4, [A_GUID] = 16, [A_STR] = 2, [A_BIN] = 4};
	return f->kind == A_PAD ? f->len : sizes[f->kind];
}

static size_t fixed_size(enum mapi_aux_layout layout)
{
	size_t n = 0;
	for (unsigned i = 0; i < layouts[layout].nfields; i++)
		n += field_size(&layouts[layout].fields[i]);
	return n;
}

/* Where a variable field lives: at offset off from the AUX_HEADER, after the fixed fields, inside the block.
 */
static bool var_in_block(uint16_t off, size_t len, size_t fixed_end, size_t block_size)
{
	return off >= fixed_end && off <= block_size && len <= block_size - off;
}

/* Decodes the fixed fields of a known block from blk[AUX_HEADER_SIZE..] and the variable fields they point
 * to; blk is the whole block, AUX_HEADER included. Allocations hang on mem. */
static int block_pull(TALLOC_CTX *mem, const uint8_t *blk, size_t size, enum mapi_aux_layout layout,
                      void *base)
{
	size_t fixed_end = AUX_HEADER_SIZE + fixed_size(layout);
	if (size < fixed_end)
		return WC_EFORMAT;
	struct wc_reader r;
	wc_reader_init(&r, blk + AUX_HEADER_SIZE, fixed_end - AUX_HEADER_SIZE);
	for (unsigned i = 0; i < layouts[layout].nfields; i++) {
		const struct aux_field *f = &layouts[layout].fields[i];
		void *dst = (char *)base + f->offset;
		uint16_t len = 0, off = 0;
		switch (f->kind) {
		case A_U8:
			wc_read_u8(&r, dst);
			break;
		case A_U16:
			wc_read_u16(&r, dst);
			break;
		case A_U32:
			wc_read_u32(&r, dst);
			break;
		case A_GUID:
			wc_read_guid(&r, dst);
			break;
		case A_PAD:
			wc_read_skip(&r, f->len);
			break;
		case A_STR: {
			struct wc_reader s;
			wc_read_u16(&r, &off);
			if (off == 0)
				break; /* "null or empty": the pointer stays NULL */
			if (!var_in_block(off, 0, fixed_end, size))
				return WC_EFORMAT;
			wc_reader_init(&s, blk + off, size - off);
			if (!wc_read_utf16_z(&s, mem, dst))
				return WC_EFORMAT;
			break;
		}
		case A_BIN: {
			struct mapi_binary *b = dst;
			wc_read_u16(&r, &len);
			wc_read_u16(&r, &off);
			if (off == 0)
				break; /* empty, whatever the size says */
			if (!var_in_block(off, len, fixed_end, size))
				return WC_EFORMAT;
			if (len == 0)
				break; /* empty: no bytes to keep */
			b->data = talloc_memdup(mem, blk + off, len);
			if (b->data == NULL)
				return WC_ENOMEM;
			b->len = len;
			break;
		}
		}
	}
	return 0;
}

int mapi_aux_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_aux_list **out)
{
	/* first pass: count the blocks, so a hostile count is never trusted (every block is at least 4 bytes)
	 */
	uint32_t count = 0;
	for (size_t pos = r->pos; pos < r->len; count++) {
		if (r->len - pos < AUX_HEADER_SIZE)
			return WC_EFORMAT;
		uint16_t size = (uint16_t)(r->data[pos] | r->data[pos + 1] << 8);
		if (size < AUX_HEADER_SIZE || size > r->len - pos)
			return WC_EFORMAT;
		pos += size;
	}
	struct mapi_aux_list *list = talloc_zero(mem, struct mapi_aux_list);
	if (list == NULL)
		return WC_ENOMEM;
	list->blocks = talloc_zero_array(list, struct mapi_aux_block, count ? count : 1);
	if (list->blocks == NULL) {
		talloc_free(list);
		return WC_ENOMEM;
	}
	list->count = count;
	int rc = 0;
	for (uint32_t i = 0; rc == 0 && i < count; i++) {
		struct mapi_aux_block *b = &list->blocks[i];
		const uint8_t *blk;
		uint16_t size;
		wc_read_u16(r, &size);
		wc_read_u8(r, &b->version);
		wc_read_u8(r, &b->type);
		wc_read_ptr(r, size - AUX_HEADER_SIZE, &blk);
		blk -= AUX_HEADER_SIZE;
		b->layout = mapi_aux_layout_of(b->version, b->type);
		if (b->layout != MAPI_AUX_RAW) {
			rc = block_pull(list->blocks, blk, size, b->layout,
			                (char *)b + offsetof(struct mapi_aux_block, perf_requestid));
			continue;
		}
		b->raw.len = size - AUX_HEADER_SIZE;
		if (b->raw.len == 0)
			continue; /* an empty payload: data stays NULL */
		b->raw.data = talloc_memdup(list->blocks, blk + AUX_HEADER_SIZE, b->raw.len);
		if (b->raw.data == NULL)
			rc = WC_ENOMEM;
	}
	if (rc != 0) {
		talloc_free(list);
		return rc;
	}
	*out = list;
	return 0;
}

/* Encodes a known block after its AUX_HEADER (at start): the fixed fields, then the variable fields they
 * point to, patching their offsets. */
static int block_push(struct wc_writer *w, size_t start, enum mapi_aux_layout layout, const void *base)
{
	size_t patch[8];
	unsigned nvar = 0;
	for (unsigned i = 0; i < layouts[layout].nfields; i++) {
		const struct aux_field *f = &layouts[layout].fields[i];
		const void *src = (const char *)base + f->offset;
		switch (f->kind) {
		case A_U8:
			wc_write_u8(w, *(const uint8_t *)src);
			break;
		case A_U16:
			wc_write_u16(w, *(const uint16_t *)src);
			break;
		case A_U32:
			wc_write_u32(w, *(const uint32_t *)src);
			break;
		case A_GUID:
			wc_write_guid(w, src);
			break;
		case A_PAD:
			wc_write_zeros(w, f->len);
			break;
		case A_STR:
		case A_BIN:
			wc_write_reserve(w, field_size(f), &patch[nvar++]);
			break;
		}
	}
	nvar = 0;
	for (unsigned i = 0; i < layouts[layout].nfields; i++) {
		const struct aux_field *f = &layouts[layout].fields[i];
		const void *src = (const char *)base + f->offset;
		size_t at = w->len - start;
		if (f->kind == A_STR) {
			const char *s = *(char *const *)src;
			if (s != NULL && at <= UINT16_MAX) {
				wc_patch_u16(w, patch[nvar], (uint16_t)at);
				wc_write_utf16_z(w, s);
			}
			nvar++;
		} else if (f->kind == A_BIN) {
			const struct mapi_binary *b = src;
			if (b->len > UINT16_MAX)
				return WC_ERANGE;
			if (b->len > 0 && b->data == NULL)
				return WC_EINVAL;
			if (b->len > 0 && at <= UINT16_MAX) {
				wc_patch_u16(w, patch[nvar], (uint16_t)b->len);
				wc_patch_u16(w, patch[nvar] + 2, (uint16_t)at);
				wc_write_bytes(w, b->data, b->len);
			}
			nvar++;
		}
		if (at > UINT16_MAX)
			return WC_ERANGE; /* an offset that does not fit its 2 bytes */
	}
	return wc_writer_status(w);
}

int mapi_aux_push(struct wc_writer *w, const struct mapi_aux_list *aux)
{
	for (uint32_t i = 0; i < aux->count; i++) {
		const struct mapi_aux_block *b = &aux->blocks[i];
		size_t start;
		int rc = 0;
		if (!wc_write_reserve(w, AUX_HEADER_SIZE, &start))
			return wc_writer_status(w);
		if (b->layout == MAPI_AUX_RAW) {
			if (b->raw.len > 0 && b->raw.data == NULL)
				return WC_EINVAL;
			wc_write_bytes(w, b->raw.data, b->raw.len);
		} else if (b->layout != mapi_aux_layout_of(b->version, b->type)) {
			return WC_EINVAL;
		} else {
			rc = block_push(w, start, b->layout,
			                (const char *)b + offsetof(struct mapi_aux_block, perf_requestid));
		}
		if (rc == 0)
			rc = wc_writer_status(w);
		if (rc != 0)
			return rc;
		if (w->len - start > UINT16_MAX)
			return WC_ERANGE;
		wc_patch_u16(w, start, (uint16_t)(w->len - start));
		w->data[start + 2] = b->version;
		w->data[start + 3] = b->type;
	}
	return 0;
}

/* MS-OXCRPC 3.1.4.1.1.1: RPC_HEADER_EXT, payload = AUX_HEADER blocks */
int mapi_aux_buffer_pull(TALLOC_CTX *mem, const uint8_t *buf, size_t len, struct mapi_aux_list **out)
{
	struct mapi_rpc_ext_chain *chain = NULL;
	struct wc_reader r;
	if (len > 0) {
		int rc = mapi_rpc_ext_pull(mem, buf, len, MAPI_RPC_EXT_MAX_BUFFER, &chain);
		if (rc != 0)
			return rc;
		wc_reader_init(&r, chain->data, chain->len);
	} else {
		wc_reader_init(&r, NULL, 0);
	}
	int rc = mapi_aux_pull(&r, mem, out);
	talloc_free(chain);
	return rc;
}

int mapi_aux_buffer_push(struct wc_writer *w, uint16_t flags, const struct mapi_aux_list *aux)
{
	if (aux->count == 0)
		return 0;
	struct wc_writer blocks;
	wc_writer_init(&blocks, w->mem, 0);
	int rc = mapi_aux_push(&blocks, aux);
	if (rc == 0) {
		struct mapi_rpc_ext_payload payload = {flags, blocks.data, blocks.len};
		rc = mapi_rpc_ext_push(w, &payload, 1);
	}
	talloc_free(blocks.data);
	return rc;
}
