/* Private to mapihttp*.c: the field tables that describe each MS-OXCMAPIHTTP body, one entry per wire field
 * in wire order, and the interpreter in mapihttp.c that decodes and encodes a body from its table. */
#ifndef MAPIHTTP_PRIVATE_H
#define MAPIHTTP_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "mapi/mapihttp_desc.h"

#define MH_FIELD(kind, type, member)                                                                         \
	{                                                                                                    \
		(kind), offsetof(type, member), #member                                                      \
	}
#define MH_BODY(table)                                                                                       \
	{                                                                                                    \
		(table), sizeof(table) / sizeof((table)[0])                                                  \
	}
#define MH_EMPTY                                                                                             \
	{                                                                                                    \
		NULL, 0                                                                                      \
	}

/* Indexed by enum mapi_http_request_type: 4 mailbox types, then 19 address book types. */
extern const struct mh_body mapi_http_emsmdb_requests[4];
extern const struct mh_body mapi_http_emsmdb_responses[4];
extern const struct mh_body mapi_http_nspi_requests[19];
extern const struct mh_body mapi_http_nspi_responses[19];

#endif
