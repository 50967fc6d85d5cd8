/* ROPs that MS-OXCROPS defines itself (2.2.15 "Other ROPs"): RopBufferTooSmall and RopBackoff, the two
 * server-initiated responses that frame a ROP output buffer. RopRelease (2.2.15.3) has no body (RopId,
 * LogonId, InputHandleIndex) and no response, so it needs nothing here; rop_table.c marks it. */
#ifndef MAPI_ROP_OXCROPS_H
#define MAPI_ROP_OXCROPS_H

#include "mapi/rop_codec.h"

/* MS-OXCROPS 2.2.15.1.1 RopBufferTooSmall response: no handle index, no ReturnValue. RequestBuffers is the
 * unexecuted rest of the ROP input buffer's RopsList and fills the rest of the output RopsList, so this
 * response is always the last one. */
struct rop_buffer_too_small_rsp {
	uint16_t size_needed;          /* SizeNeeded: output buffer size the server wants */
	uint16_t request_buffers_size; /* bytes in request_buffers (not on the wire) */
	uint8_t *request_buffers;      /* RequestBuffers */
};

/* MS-OXCROPS 2.2.15.2.1.1 BackoffRop */
struct rop_backoff_rop {
	uint8_t rop_id;    /* RopIdBackoff */
	uint32_t duration; /* milliseconds */
};

/* MS-OXCROPS 2.2.15.2.1 RopBackoff response: no handle index, no ReturnValue. */
struct rop_backoff_rsp {
	uint8_t logon_id;
	uint32_t duration;         /* logon-wide backoff, milliseconds */
	uint8_t backoff_rop_count; /* 0: every ROP of the logon is backed off */
	struct rop_backoff_rop *backoff_rops;
	uint16_t additional_data_size;
	uint8_t *additional_data;
};

ROP_DECLARE_BODY(buffer_too_small_rsp);
ROP_DECLARE_BODY(backoff_rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXCROPS_REQUESTS
#define ROP_OXCROPS_RESPONSES                                                                                \
	struct rop_buffer_too_small_rsp buffer_too_small;                                                    \
	struct rop_backoff_rsp backoff;

#endif
