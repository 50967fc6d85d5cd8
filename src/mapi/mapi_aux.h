/* MS-OXCRPC 2.2.2.2 auxiliary buffers: a sequence of AUX_HEADER blocks (Size, Version, Type) each followed by
 * its auxiliary block structure (2.2.2.2.1 - 2.2.2.2.22; AUX_SERVER_CAPABILITIES from the 2022 revision).
 *
 * This is the payload of rgbAuxIn / rgbAuxOut (MS-OXCRPC 3.1.4.1.1.1) and of the MAPI/HTTP AuxiliaryBuffer,
 * after its RPC_HEADER_EXT has been removed (and the payload decompressed / de-obfuscated): the caller
 * unwraps the RPC_HEADER_EXT, this module reads and writes the blocks. Blocks of a version and type this
 * module does not know are kept as raw bytes, as 3.1.4.1.2 requires a server to skip them without an error.
 */
#ifndef MAPI_AUX_H
#define MAPI_AUX_H

#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapi_propval.h"

/* AUX_HEADER Version */
#define AUX_VERSION_1 0x01
#define AUX_VERSION_2 0x02

/* AUX_HEADER Type (with AUX_VERSION_1 unless marked) */
#define AUX_TYPE_PERF_REQUESTID 0x01
#define AUX_TYPE_PERF_CLIENTINFO 0x02
#define AUX_TYPE_PERF_SERVERINFO 0x03
#define AUX_TYPE_PERF_SESSIONINFO 0x04 /* V1 and V2 */
#define AUX_TYPE_PERF_DEFMDB_SUCCESS 0x05
#define AUX_TYPE_PERF_DEFGC_SUCCESS 0x06
#define AUX_TYPE_PERF_MDB_SUCCESS 0x07 /* V1 and V2 */
#define AUX_TYPE_PERF_GC_SUCCESS 0x08  /* V1 and V2 */
#define AUX_TYPE_PERF_FAILURE 0x09     /* V1 and V2 */
#define AUX_TYPE_CLIENT_CONTROL 0x0A
#define AUX_TYPE_PERF_PROCESSINFO 0x0B /* V1 and V2 */
#define AUX_TYPE_PERF_BG_DEFMDB_SUCCESS 0x0C
#define AUX_TYPE_PERF_BG_DEFGC_SUCCESS 0x0D
#define AUX_TYPE_PERF_BG_MDB_SUCCESS 0x0E /* V1 and V2 */
#define AUX_TYPE_PERF_BG_GC_SUCCESS 0x0F  /* V1 and V2 */
#define AUX_TYPE_PERF_BG_FAILURE 0x10     /* V1 and V2 */
#define AUX_TYPE_PERF_FG_DEFMDB_SUCCESS 0x11
#define AUX_TYPE_PERF_FG_DEFGC_SUCCESS 0x12
#define AUX_TYPE_PERF_FG_MDB_SUCCESS 0x13 /* V1 and V2 */
#define AUX_TYPE_PERF_FG_GC_SUCCESS 0x14  /* V1 and V2 */
#define AUX_TYPE_PERF_FG_FAILURE 0x15     /* V1 and V2 */
#define AUX_TYPE_OSVERSIONINFO 0x16
#define AUX_TYPE_EXORGINFO 0x17
#define AUX_TYPE_PERF_ACCOUNTINFO 0x18
#define AUX_TYPE_SERVER_CAPABILITIES 0x46
#define AUX_TYPE_ENDPOINT_CAPABILITIES 0x48
#define AUX_TYPE_CLIENT_CONNECTION_INFO 0x4A
#define AUX_TYPE_SERVER_SESSION_INFO 0x4B
#define AUX_TYPE_PROTOCOL_DEVICE_IDENTIFICATION 0x4E

/* Flag values */
#define CLIENTMODE_UNKNOWN 0x00 /* AUX_PERF_CLIENTINFO ClientMode */
#define CLIENTMODE_CLASSIC 0x01
#define CLIENTMODE_CACHED 0x02
#define SERVERTYPE_UNKNOWN 0x00 /* AUX_PERF_SERVERINFO ServerType */
#define SERVERTYPE_PRIVATE 0x01
#define SERVERTYPE_PUBLIC 0x02
#define SERVERTYPE_DIRECTORY 0x03
#define SERVERTYPE_REFERRAL 0x04
#define ENABLE_PERF_SENDTOSERVER 0x00000001 /* AUX_CLIENT_CONTROL EnableFlags */
#define ENABLE_COMPRESSION 0x00000004
#define ENABLE_HTTP_TUNNELING 0x00000008
#define ENABLE_PERF_SENDGCDATA 0x00000010
#define PUBLIC_FOLDERS_ENABLED 0x00000001 /* AUX_EXORGINFO OrgFlags */
#define USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION 0x00000002
#define PACKED_FAST_TRANSFER_UPLOAD_BUFFERS 0x00000001 /* AUX_SERVER_CAPABILITIES */
#define PACKED_WRITE_STREAM_UPLOAD_BUFFERS 0x00000002
#define ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS 0x00000008
#define ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT 0x00000001 /* AUX_ENDPOINT_CAPABILITIES */

#define AUX_HEADER_SIZE 4

/* The block structures. Reserved padding is not kept: it is ignored on input (3.1.4.1.2.2) and written as 0.
 * Strings are UTF-8 in memory; a NULL string is an offset of 0 on the wire ("null or empty"). Binary fields
 * with a length of 0 have an offset of 0. */

/* 2.2.2.2.1 */
struct mapi_aux_perf_requestid {
	uint16_t session_id;
	uint16_t request_id;
};

/* 2.2.2.2.2 AUX_PERF_SESSIONINFO and 2.2.2.2.3 AUX_PERF_SESSIONINFO_V2 (connection_id: V2 only) */
struct mapi_aux_perf_sessioninfo {
	uint16_t session_id;
	struct wc_guid session_guid;
	uint32_t connection_id;
};

/* 2.2.2.2.4 */
struct mapi_aux_perf_clientinfo {
	uint32_t adapter_speed; /* kbit/s */
	uint16_t client_id;
	char *machine_name;
	char *user_name;
	struct mapi_binary client_ip;
	struct mapi_binary client_ip_mask;
	char *adapter_name;
	struct mapi_binary mac_address;
	uint16_t client_mode; /* CLIENTMODE_* */
};

/* 2.2.2.2.5 */
struct mapi_aux_perf_serverinfo {
	uint16_t server_id;
	uint16_t server_type; /* SERVERTYPE_* */
	char *server_dn;
	char *server_name;
};

/* 2.2.2.2.6 */
struct mapi_aux_perf_processinfo {
	uint16_t process_id;
	struct wc_guid process_guid;
	char *process_name;
};

/* 2.2.2.2.7 */
struct mapi_aux_perf_defmdb_success {
	uint32_t time_since_request;
	uint32_t time_to_complete_request;
	uint16_t request_id;
};

/* 2.2.2.2.8 */
struct mapi_aux_perf_defgc_success {
	uint16_t server_id;
	uint16_t session_id;
	uint32_t time_since_request;
	uint32_t time_to_complete_request;
	uint8_t request_operation;
};

/* 2.2.2.2.9 AUX_PERF_MDB_SUCCESS and 2.2.2.2.10 AUX_PERF_MDB_SUCCESS_V2 (process_id: V2 only) */
struct mapi_aux_perf_mdb_success {
	uint16_t process_id;
	uint16_t client_id;
	uint16_t server_id;
	uint16_t session_id;
	uint16_t request_id;
	uint32_t time_since_request;
	uint32_t time_to_complete_request;
};

/* 2.2.2.2.11 AUX_PERF_GC_SUCCESS and 2.2.2.2.12 AUX_PERF_GC_SUCCESS_V2 (process_id: V2 only) */
struct mapi_aux_perf_gc_success {
	uint16_t process_id;
	uint16_t client_id;
	uint16_t server_id;
	uint16_t session_id;
	uint32_t time_since_request;
	uint32_t time_to_complete_request;
	uint8_t request_operation;
};

/* 2.2.2.2.13 AUX_PERF_FAILURE and 2.2.2.2.14 AUX_PERF_FAILURE_V2 (process_id: V2 only) */
struct mapi_aux_perf_failure {
	uint16_t process_id;
	uint16_t client_id;
	uint16_t server_id;
	uint16_t session_id;
	uint16_t request_id;
	uint32_t time_since_request;
	uint32_t time_to_fail_request;
	uint32_t result_code;
	uint8_t request_operation;
};

/* 2.2.2.2.15 */
struct mapi_aux_client_control {
	uint32_t enable_flags; /* ENABLE_* */
	uint32_t expiry_time;  /* milliseconds */
};

/* 2.2.2.2.16 */
struct mapi_aux_osversioninfo {
	uint32_t os_version_info_size;
	uint32_t major_version;
	uint32_t minor_version;
	uint32_t build_number;
	uint16_t service_pack_major;
	uint16_t service_pack_minor;
};

/* 2.2.2.2.17 AUX_EXORGINFO, 2.2.2.2.19 AUX_ENDPOINT_CAPABILITIES, AUX_SERVER_CAPABILITIES: one 32-bit flag
 * field */
struct mapi_aux_flags {
	uint32_t flags;
};

/* 2.2.2.2.18 */
struct mapi_aux_perf_accountinfo {
	uint16_t client_id;
	struct wc_guid account;
};

/* 2.2.2.2.20 */
struct mapi_aux_client_connection_info {
	struct wc_guid connection_guid;
	uint32_t connection_attempts;
	uint32_t connection_flags; /* 0x1: cached mode */
	char *connection_context_info;
};

/* 2.2.2.2.21 */
struct mapi_aux_server_session_info {
	char *server_session_context_info;
};

/* 2.2.2.2.22 */
struct mapi_aux_protocol_device_identification {
	char *device_manufacturer;
	char *device_model;
	char *device_serial_number;
	char *device_version;
	char *device_firmware_version;
};

/* Which member of the union a block holds; decided by (Version, Type). */
enum mapi_aux_layout {
	MAPI_AUX_RAW, /* not known: raw holds the bytes after the AUX_HEADER */
	MAPI_AUX_PERF_REQUESTID,
	MAPI_AUX_PERF_SESSIONINFO,
	MAPI_AUX_PERF_SESSIONINFO_V2,
	MAPI_AUX_PERF_CLIENTINFO,
	MAPI_AUX_PERF_SERVERINFO,
	MAPI_AUX_PERF_PROCESSINFO,
	MAPI_AUX_PERF_DEFMDB_SUCCESS,
	MAPI_AUX_PERF_DEFGC_SUCCESS,
	MAPI_AUX_PERF_MDB_SUCCESS,
	MAPI_AUX_PERF_MDB_SUCCESS_V2,
	MAPI_AUX_PERF_GC_SUCCESS,
	MAPI_AUX_PERF_GC_SUCCESS_V2,
	MAPI_AUX_PERF_FAILURE,
	MAPI_AUX_PERF_FAILURE_V2,
	MAPI_AUX_CLIENT_CONTROL,
	MAPI_AUX_OSVERSIONINFO,
	MAPI_AUX_EXORGINFO,
	MAPI_AUX_PERF_ACCOUNTINFO,
	MAPI_AUX_SERVER_CAPABILITIES,
	MAPI_AUX_ENDPOINT_CAPABILITIES,
	MAPI_AUX_CLIENT_CONNECTION_INFO,
	MAPI_AUX_SERVER_SESSION_INFO,
	MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION,
	MAPI_AUX_LAYOUTS
};

/* The layout of (version, type) per the 2.2.2.2 tables; MAPI_AUX_RAW when not defined. */
enum mapi_aux_layout mapi_aux_layout_of(uint8_t version, uint8_t type);

struct mapi_aux_block {
	uint8_t version; /* AUX_HEADER Version */
	uint8_t type;    /* AUX_HEADER Type */
	enum mapi_aux_layout layout;
	union {
		struct mapi_aux_perf_requestid perf_requestid;
		struct mapi_aux_perf_sessioninfo perf_sessioninfo;
		struct mapi_aux_perf_clientinfo perf_clientinfo;
		struct mapi_aux_perf_serverinfo perf_serverinfo;
		struct mapi_aux_perf_processinfo perf_processinfo;
		struct mapi_aux_perf_defmdb_success perf_defmdb_success;
		struct mapi_aux_perf_defgc_success perf_defgc_success;
		struct mapi_aux_perf_mdb_success perf_mdb_success;
		struct mapi_aux_perf_gc_success perf_gc_success;
		struct mapi_aux_perf_failure perf_failure;
		struct mapi_aux_client_control client_control;
		struct mapi_aux_osversioninfo osversioninfo;
		struct mapi_aux_flags flags; /* EXORGINFO, SERVER_CAPABILITIES, ENDPOINT_CAPABILITIES */
		struct mapi_aux_perf_accountinfo perf_accountinfo;
		struct mapi_aux_client_connection_info client_connection_info;
		struct mapi_aux_server_session_info server_session_info;
		struct mapi_aux_protocol_device_identification protocol_device_identification;
	};
	struct mapi_binary raw; /* MAPI_AUX_RAW only */
};

struct mapi_aux_list {
	uint32_t count;
	struct mapi_aux_block *blocks;
};

/* Decodes all the rest of r as AUX_HEADER blocks into a new talloc object on mem (*out untouched on failure).
 * WC_EFORMAT when a Size is below 4 or runs past the end, a known block is shorter than its fixed fields, a
 * string or binary offset points outside its block or into its fixed fields, or a string is not
 * null-terminated valid UTF-16 inside its block; WC_ENOMEM. Bytes after a known block's fixed fields that no
 * offset points at are ignored. */
int mapi_aux_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_aux_list **out);
/* Appends the blocks; the variable parts of a block follow its fixed fields in field order. WC_ERANGE when a
 * block does not fit the 16-bit Size, WC_EINVAL for a layout that does not match (version, type). */
int mapi_aux_push(struct wc_writer *w, const struct mapi_aux_list *aux);

/* The whole auxiliary buffer (MS-OXCRPC 3.1.4.1.1.1.1 / 3.1.4.1.1.1.2; the MAPI/HTTP AuxiliaryBuffer): the
 * RPC_HEADER_EXT chain of mapi_rpc_ext.h, de-obfuscated and decompressed, then the blocks of its payload. An
 * empty buffer (AuxiliaryBufferSize 0) has no blocks. Errors of either layer; *out untouched on failure. */
int mapi_aux_buffer_pull(TALLOC_CTX *mem, const uint8_t *buf, size_t len, struct mapi_aux_list **out);
/* Appends the blocks as one payload behind an RPC_HEADER_EXT with Last and the MAPI_RPC_EXT_COMPRESSED /
 * MAPI_RPC_EXT_XOR_MAGIC flags asked for; no blocks write nothing. */
int mapi_aux_buffer_push(struct wc_writer *w, uint16_t flags, const struct mapi_aux_list *aux);

#endif
