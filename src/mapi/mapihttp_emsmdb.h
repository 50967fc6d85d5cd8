/* MS-OXCMAPIHTTP 2.2.4: the request and success response bodies of the mailbox server endpoint, without the
 * StatusCode/ErrorCode that start every response and the auxiliary buffer that ends every body (mapihttp.h).
 * The fields are the EcDoConnectEx / EcDoRpcExt2 / EcDoAsyncWaitEx parameters of MS-OXCRPC 3.1.4.1, 3.1.4.2
 * and 3.3.4.1. Strings are UTF-8 in memory. */
#ifndef MAPIHTTP_EMSMDB_H
#define MAPIHTTP_EMSMDB_H

#include <stdint.h>

#include "mapi/mapi_propval.h"

/* 2.2.4.1.1 Connect request */
struct mapi_http_connect_req {
	char *user_dn;              /* UserDn: null-terminated ASCII (szUserDN) */
	uint32_t flags;             /* Flags (ulFlags) */
	uint32_t default_code_page; /* DefaultCodePage (ulCpid) */
	uint32_t lcid_sort;         /* LcidSort */
	uint32_t lcid_string;       /* LcidString */
};

/* 2.2.4.1.2 Connect success response */
struct mapi_http_connect_rsp {
	uint32_t polls_max;   /* PollsMax (milliseconds) */
	uint32_t retry_count; /* RetryCount */
	uint32_t retry_delay; /* RetryDelay (milliseconds) */
	char *dn_prefix;      /* DnPrefix: null-terminated ASCII */
	char *display_name;   /* DisplayName: null-terminated Unicode */
};

/* 2.2.4.2.1 Execute request */
struct mapi_http_execute_req {
	uint32_t flags;                /* Flags (pulFlags) */
	struct mapi_binary rop_buffer; /* RopBufferSize, RopBuffer: RPC_HEADER_EXT + ROPs (rgbIn) */
	uint32_t max_rop_out;          /* MaxRopOut (pcbOut) */
};

/* 2.2.4.2.2 Execute success response */
struct mapi_http_execute_rsp {
	uint32_t flags;                /* Flags: reserved, 0 */
	struct mapi_binary rop_buffer; /* RopBufferSize, RopBuffer (rgbOut) */
};

/* 2.2.4.4.1 NotificationWait request */
struct mapi_http_notification_wait_req {
	uint32_t flags; /* Flags: reserved, 0 */
};

/* 2.2.4.4.2 NotificationWait success response */
struct mapi_http_notification_wait_rsp {
	uint32_t event_pending; /* EventPending: 1 when an event is pending */
};

#endif
