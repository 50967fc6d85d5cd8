/* MS-OXCMAPIHTTP 2.2.4, 2.2.5: the description of every request and response body as a list of its fields
 * in wire order. The codec (mapihttp.c) decodes and encodes from these tables; tools (mapidump) walk them to
 * show a decoded body field by field. */
#ifndef MAPIHTTP_DESC_H
#define MAPIHTTP_DESC_H

#include <stdbool.h>
#include <stdint.h>

#include "mapi/mapihttp.h"

/* What a field is on the wire, and the C type it has in the body structure. */
enum mh_kind {
	MH_U8,          /* 1 byte; uint8_t */
	MH_U32,         /* 4 bytes little-endian; uint32_t or int32_t */
	MH_GUID,        /* 16 bytes; struct wc_guid */
	MH_ASCII_Z,     /* null-terminated 8-bit string; char * */
	MH_UTF16_Z,     /* null-terminated UTF-16LE string; char * (UTF-8) */
	MH_BLOB,        /* 32-bit size and that many bytes; struct mapi_binary */
	MH_STAT,        /* MS-OXNSPI 2.2.8 STAT; struct mapi_nspi_stat */
	MH_U32_ARRAY,   /* LargePropertyTagArray or MinimalEntryID list; struct mapi_u32_array */
	MH_STRINGS,     /* 8-bit NameCount/NameValues; struct mapi_nspi_strings */
	MH_WSTRINGS,    /* Unicode NameCount/NameValues; struct mapi_nspi_strings */
	MH_RESTRICTION, /* MS-OXCDATA 2.12 with 32-bit counts; struct mapi_restriction * */
	MH_PROPNAME,    /* PropertyNameGuid, PropertyNameId; struct mapi_nspi_propname */
	MH_ENTRYIDS,    /* EntryIdCount, EntryIds; struct mapi_nspi_entryids */
	MH_PROPLIST,    /* AddressBookPropertyValueList; struct mapi_abk_proplist */
	MH_PROPLISTS,   /* RowsCount, Rows; struct mapi_abk_proplists */
	MH_TAGGED,      /* AddressBookTaggedPropertyValue; struct mapi_abk_value */
	MH_ROWSET,      /* Columns, RowCount, RowData; struct mapi_abk_rowset */
	MH_KINDS
};

/* Or'ed into a kind: the field follows a Has* byte and the structure holds a pointer to it (NULL when the
 * byte is 0). For string and restriction kinds, which are pointers already, that pointer is NULL. */
#define MH_OPT 0x80

struct mh_field {
	uint8_t kind;
	uint16_t offset;  /* offsetof in the body structure */
	const char *name; /* the member's name, for tools that show decoded bodies (mapidump) */
};

/* The fields of one body between StatusCode/ErrorCode and the auxiliary buffer. */
struct mh_body {
	const struct mh_field *fields;
	uint8_t nfields;
};

/* The fields of the request or response body of type, between StatusCode/ErrorCode (responses) and the
 * auxiliary buffer; they describe the union member of struct mapi_http_request / mapi_http_response named
 * after type, at the start of the union. NULL for a type without a body (PING). */
const struct mh_body *mapi_http_body_desc(enum mapi_http_request_type type, bool response);

#endif
