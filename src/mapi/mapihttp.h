/* MS-OXCMAPIHTTP request and response bodies: the request types (2.2.3.3.1), the X-ResponseCode values
 * (2.2.3.3.3) and one codec for the body of every request type of the mailbox endpoint (2.2.4) and the
 * address book endpoint (2.2.5). The structures of each body are in mapihttp_emsmdb.h and mapihttp_nspi.h.
 *
 * Every request body ends with AuxiliaryBufferSize and AuxiliaryBuffer; every response body starts with
 * StatusCode. A StatusCode of 0 is followed by ErrorCode, the fields of the request type's success body and
 * the auxiliary buffer; any other StatusCode is the failure body of the request type, which is the same for
 * all 23 types: StatusCode, AuxiliaryBufferSize, AuxiliaryBuffer (2.2.4.x.3, 2.2.5.x.3).
 *
 * AuxiliaryBuffer is kept as the bytes on the wire. It is the rgbAuxIn/rgbAuxOut of MS-OXCRPC 3.1.4.1.1.1
 * (an RPC_HEADER_EXT followed by AUX_HEADER blocks); mapi_aux.h decodes the blocks once the RPC_HEADER_EXT is
 * removed. */
#ifndef MAPIHTTP_H
#define MAPIHTTP_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapihttp_emsmdb.h"
#include "mapi/mapihttp_nspi.h"

/* The X-RequestType values of 2.2.3.3.1. The 23 types with a body come first, in the order of sections 2.2.4
 * and 2.2.5; PING (2.2.6) has no request or response body. */
enum mapi_http_request_type {
	MAPI_HTTP_CONNECT,              /* 2.2.4.1, mailbox endpoint */
	MAPI_HTTP_EXECUTE,              /* 2.2.4.2 */
	MAPI_HTTP_DISCONNECT,           /* 2.2.4.3 */
	MAPI_HTTP_NOTIFICATION_WAIT,    /* 2.2.4.4 */
	MAPI_HTTP_BIND,                 /* 2.2.5.1, address book endpoint */
	MAPI_HTTP_UNBIND,               /* 2.2.5.2 */
	MAPI_HTTP_COMPARE_MIDS,         /* 2.2.5.3 */
	MAPI_HTTP_DN_TO_MID,            /* 2.2.5.4 */
	MAPI_HTTP_GET_MATCHES,          /* 2.2.5.5 */
	MAPI_HTTP_GET_PROP_LIST,        /* 2.2.5.6 */
	MAPI_HTTP_GET_PROPS,            /* 2.2.5.7 */
	MAPI_HTTP_GET_SPECIAL_TABLE,    /* 2.2.5.8 */
	MAPI_HTTP_GET_TEMPLATE_INFO,    /* 2.2.5.9 */
	MAPI_HTTP_MOD_LINK_ATT,         /* 2.2.5.10 */
	MAPI_HTTP_MOD_PROPS,            /* 2.2.5.11 */
	MAPI_HTTP_QUERY_ROWS,           /* 2.2.5.12 */
	MAPI_HTTP_QUERY_COLUMNS,        /* 2.2.5.13 */
	MAPI_HTTP_RESOLVE_NAMES,        /* 2.2.5.14 */
	MAPI_HTTP_RESORT_RESTRICTION,   /* 2.2.5.15 */
	MAPI_HTTP_SEEK_ENTRIES,         /* 2.2.5.16 */
	MAPI_HTTP_UPDATE_STAT,          /* 2.2.5.17 */
	MAPI_HTTP_GET_MAILBOX_URL,      /* 2.2.5.18 */
	MAPI_HTTP_GET_ADDRESS_BOOK_URL, /* 2.2.5.19 */
	MAPI_HTTP_PING,                 /* 2.2.6, both endpoints, no body */
};
#define MAPI_HTTP_BODY_TYPES 23 /* the types before MAPI_HTTP_PING */
#define MAPI_HTTP_REQUEST_TYPES 24

/* Endpoints a request type is sent to (2.2.4, 2.2.5, 2.2.6). */
#define MAPI_HTTP_EP_MAILBOX 0x1      /* /mapi/emsmdb */
#define MAPI_HTTP_EP_ADDRESS_BOOK 0x2 /* /mapi/nspi */

/* The X-RequestType header value, e.g. "Connect", "CompareMIds", "DNToMId", "PING"; NULL if out of range. */
const char *mapi_http_request_type_name(enum mapi_http_request_type type);
/* The type for an X-RequestType value, compared without regard to case; WC_EINVAL when unknown. */
int mapi_http_request_type_parse(const char *name, enum mapi_http_request_type *type);
/* MAPI_HTTP_EP_* bits; 0 if out of range. */
unsigned mapi_http_request_type_endpoints(enum mapi_http_request_type type);

/* X-ResponseCode values (2.2.3.3.3) */
enum mapi_http_response_code {
	MAPI_HTTP_RC_SUCCESS = 0,
	MAPI_HTTP_RC_UNKNOWN_FAILURE = 1,
	MAPI_HTTP_RC_INVALID_VERB = 2,
	MAPI_HTTP_RC_INVALID_PATH = 3,
	MAPI_HTTP_RC_INVALID_HEADER = 4,
	MAPI_HTTP_RC_INVALID_REQUEST_TYPE = 5,
	MAPI_HTTP_RC_INVALID_CONTEXT_COOKIE = 6,
	MAPI_HTTP_RC_MISSING_HEADER = 7,
	MAPI_HTTP_RC_ANONYMOUS_NOT_ALLOWED = 8,
	MAPI_HTTP_RC_TOO_LARGE = 9,
	MAPI_HTTP_RC_CONTEXT_NOT_FOUND = 10,
	MAPI_HTTP_RC_NO_PRIVILEGE = 11,
	MAPI_HTTP_RC_INVALID_REQUEST_BODY = 12,
	MAPI_HTTP_RC_MISSING_COOKIE = 13,
	MAPI_HTTP_RC_RESERVED = 14, /* clients ignore it */
	MAPI_HTTP_RC_INVALID_SEQUENCE = 15,
	MAPI_HTTP_RC_ENDPOINT_DISABLED = 16,
	MAPI_HTTP_RC_INVALID_RESPONSE = 17,
	MAPI_HTTP_RC_ENDPOINT_SHUTTING_DOWN = 18,
};

/* The table's "Error" column, e.g. "Invalid Context Cookie"; NULL for codes the spec does not define. */
const char *mapi_http_response_code_name(uint32_t code);

/* A request body. The member of the union is the one named after type. */
struct mapi_http_request {
	enum mapi_http_request_type type;
	union {
		struct mapi_http_connect_req connect;
		struct mapi_http_execute_req execute;
		struct mapi_http_notification_wait_req notification_wait;
		struct mapi_http_bind_req bind;
		struct mapi_http_unbind_req unbind;
		struct mapi_http_compare_mids_req compare_mids;
		struct mapi_http_dn_to_mid_req dn_to_mid;
		struct mapi_http_get_matches_req get_matches;
		struct mapi_http_get_prop_list_req get_prop_list;
		struct mapi_http_get_props_req get_props;
		struct mapi_http_get_special_table_req get_special_table;
		struct mapi_http_get_template_info_req get_template_info;
		struct mapi_http_mod_link_att_req mod_link_att;
		struct mapi_http_mod_props_req mod_props;
		struct mapi_http_query_rows_req query_rows;
		struct mapi_http_query_columns_req query_columns;
		struct mapi_http_resolve_names_req resolve_names;
		struct mapi_http_resort_restriction_req resort_restriction;
		struct mapi_http_seek_entries_req seek_entries;
		struct mapi_http_update_stat_req update_stat;
		struct mapi_http_get_url_req get_mailbox_url;      /* ServerDn */
		struct mapi_http_get_url_req get_address_book_url; /* UserDn */
		/* the Disconnect request body has only the auxiliary buffer */
	};
	struct mapi_binary aux; /* AuxiliaryBufferSize, AuxiliaryBuffer */
};

/* A response body: the success body when status_code is 0, otherwise the failure body (no error_code, no
 * union member). */
struct mapi_http_response {
	enum mapi_http_request_type type;
	uint32_t status_code; /* StatusCode */
	uint32_t error_code;  /* ErrorCode: MS-OXCRPC 3.1.4.x return values / MS-OXNSPI 2.2.1.2 error codes */
	union {
		struct mapi_http_connect_rsp connect;
		struct mapi_http_execute_rsp execute;
		struct mapi_http_notification_wait_rsp notification_wait;
		struct mapi_http_bind_rsp bind;
		struct mapi_http_compare_mids_rsp compare_mids;
		struct mapi_http_mids_rsp dn_to_mid;
		struct mapi_http_get_matches_rsp get_matches;
		struct mapi_http_get_prop_list_rsp get_prop_list;
		struct mapi_http_get_props_rsp get_props;
		struct mapi_http_get_special_table_rsp get_special_table;
		struct mapi_http_get_template_info_rsp get_template_info;
		struct mapi_http_rows_rsp query_rows;
		struct mapi_http_query_columns_rsp query_columns;
		struct mapi_http_resolve_names_rsp resolve_names;
		struct mapi_http_resort_restriction_rsp resort_restriction;
		struct mapi_http_rows_rsp seek_entries;
		struct mapi_http_update_stat_rsp update_stat;
		struct mapi_http_get_url_rsp get_mailbox_url;
		struct mapi_http_get_url_rsp get_address_book_url;
		/* Disconnect, Unbind, ModLinkAtt and ModProps success bodies have no fields of their own */
	};
	struct mapi_binary aux;
};

/* Decodes the whole of data[0..len) as the request body of type. On success *out is a new talloc object on
 * mem that owns everything it points to. Returns WC_EFORMAT for a truncated or malformed body or bytes after
 * the auxiliary buffer, WC_ERANGE for a count above what the spec allows (100,000 for tag lists, Minimal
 * Entry ID lists, string lists and rows), WC_EUNSUPPORTED for an unknown property type, WC_EDEPTH for a
 * restriction nested too deep, WC_EINVAL for a type without a body (PING), WC_ENOMEM. *out is untouched on
 * failure. */
int mapi_http_request_pull(TALLOC_CTX *mem, enum mapi_http_request_type type, const uint8_t *data, size_t len,
                           struct mapi_http_request **out);
/* Appends req as a request body of req->type. WC_EINVAL for inconsistent input (e.g. a row whose value count
 * differs from its columns), the writer's error otherwise. On failure the writer holds a partial body. */
int mapi_http_request_push(struct wc_writer *w, const struct mapi_http_request *req);

/* Decodes a response body of type; the StatusCode decides between the success and the failure body. */
int mapi_http_response_pull(TALLOC_CTX *mem, enum mapi_http_request_type type, const uint8_t *data,
                            size_t len, struct mapi_http_response **out);
/* Appends rsp: the failure body when rsp->status_code is not 0. */
int mapi_http_response_push(struct wc_writer *w, const struct mapi_http_response *rsp);

#endif
