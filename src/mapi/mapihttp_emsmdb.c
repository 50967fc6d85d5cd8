/* MS-OXCMAPIHTTP 2.2.4 mailbox server endpoint bodies, field by field in wire order. StatusCode, ErrorCode,
 * AuxiliaryBufferSize and AuxiliaryBuffer are common to all bodies and handled in mapihttp.c. */
#include "mapi/mapihttp_emsmdb.h"
#include "mapi/mapihttp_private.h"

/* 2.2.4.1.1 Connect request: UserDn, Flags, DefaultCodePage, LcidSort, LcidString */
static const struct mh_field connect_req[] = {
        MH_FIELD(MH_ASCII_Z, struct mapi_http_connect_req, user_dn),
        MH_FIELD(MH_U32, struct mapi_http_connect_req, flags),
        MH_FIELD(MH_U32, struct mapi_http_connect_req, default_code_page),
        MH_FIELD(MH_U32, struct mapi_http_connect_req, lcid_sort),
        MH_FIELD(MH_U32, struct mapi_http_connect_req, lcid_string),
};

/* 2.2.4.1.2 Connect success response: PollsMax, RetryCount, RetryDelay, DnPrefix, DisplayName */
static const struct mh_field connect_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_connect_rsp, polls_max),
        MH_FIELD(MH_U32, struct mapi_http_connect_rsp, retry_count),
        MH_FIELD(MH_U32, struct mapi_http_connect_rsp, retry_delay),
        MH_FIELD(MH_ASCII_Z, struct mapi_http_connect_rsp, dn_prefix),
        MH_FIELD(MH_UTF16_Z, struct mapi_http_connect_rsp, display_name),
};

/* 2.2.4.2.1 Execute request: Flags, RopBufferSize, RopBuffer, MaxRopOut */
static const struct mh_field execute_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_execute_req, flags),
        MH_FIELD(MH_BLOB, struct mapi_http_execute_req, rop_buffer),
        MH_FIELD(MH_U32, struct mapi_http_execute_req, max_rop_out),
};

/* 2.2.4.2.2 Execute success response: Flags, RopBufferSize, RopBuffer */
static const struct mh_field execute_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_execute_rsp, flags),
        MH_FIELD(MH_BLOB, struct mapi_http_execute_rsp, rop_buffer),
};

/* 2.2.4.4.1 NotificationWait request: Flags */
static const struct mh_field notification_wait_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_notification_wait_req, flags),
};

/* 2.2.4.4.2 NotificationWait success response: EventPending */
static const struct mh_field notification_wait_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_notification_wait_rsp, event_pending),
};

/* 2.2.4.3.1 / 2.2.4.3.2: the Disconnect bodies have no fields of their own */
const struct mh_body mapi_http_emsmdb_requests[4] = {
        MH_BODY(connect_req),
        MH_BODY(execute_req),
        MH_EMPTY,
        MH_BODY(notification_wait_req),
};

const struct mh_body mapi_http_emsmdb_responses[4] = {
        MH_BODY(connect_rsp),
        MH_BODY(execute_rsp),
        MH_EMPTY,
        MH_BODY(notification_wait_rsp),
};
