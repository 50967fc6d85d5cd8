/* src/mapi/mapihttp.c and mapihttp_emsmdb.c: request types, response codes, the mailbox endpoint bodies of
 * MS-OXCMAPIHTTP 2.2.4 and the failure bodies every request type shares. */
#include "mapihttp_check.h"
#include "mapi/mapi_aux.h"

#include <stddef.h>
#include <string.h>

/* 2.2.3.3.1: the X-RequestType values, spelled as in the table */
static void test_request_type_names(void **state)
{
	static const char *const names[MAPI_HTTP_REQUEST_TYPES] = {
	        "Connect",
	        "Execute",
	        "Disconnect",
	        "NotificationWait",
	        "Bind",
	        "Unbind",
	        "CompareMIds",
	        "DNToMId",
	        "GetMatches",
	        "GetPropList",
	        "GetProps",
	        "GetSpecialTable",
	        "GetTemplateInfo",
	        "ModLinkAtt",
	        "ModProps",
	        "QueryRows",
	        "QueryColumns",
	        "ResolveNames",
	        "ResortRestriction",
	        "SeekEntries",
	        "UpdateStat",
	        "GetMailboxUrl",
	        "GetAddressBookUrl",
	        "PING",
	};
	for (unsigned i = 0; i < MAPI_HTTP_REQUEST_TYPES; i++) {
		enum mapi_http_request_type t;
		assert_string_equal(mapi_http_request_type_name((enum mapi_http_request_type)i), names[i]);
		assert_int_equal(mapi_http_request_type_parse(names[i], &t), 0);
		assert_int_equal(t, i);
		unsigned ep = mapi_http_request_type_endpoints(t);
		if (i < MAPI_HTTP_BIND)
			assert_int_equal(ep, MAPI_HTTP_EP_MAILBOX);
		else if (i < MAPI_HTTP_PING)
			assert_int_equal(ep, MAPI_HTTP_EP_ADDRESS_BOOK);
		else
			assert_int_equal(ep, MAPI_HTTP_EP_MAILBOX | MAPI_HTTP_EP_ADDRESS_BOOK);
	}
	enum mapi_http_request_type t = MAPI_HTTP_BIND;
	assert_int_equal(mapi_http_request_type_parse("ping", &t), 0);
	assert_int_equal(t, MAPI_HTTP_PING);
	assert_int_equal(mapi_http_request_type_parse("DnToMid", &t), 0);
	assert_int_equal(t, MAPI_HTTP_DN_TO_MID);
	assert_int_equal(mapi_http_request_type_parse("CompareMinIds", &t),
	                 WC_EINVAL); /* not the header value */
	assert_int_equal(mapi_http_request_type_parse("", &t), WC_EINVAL);
	assert_int_equal(mapi_http_request_type_parse("Connect ", &t), WC_EINVAL);
	assert_null(mapi_http_request_type_name(MAPI_HTTP_REQUEST_TYPES));
	assert_int_equal(mapi_http_request_type_endpoints(MAPI_HTTP_REQUEST_TYPES), 0);
}

/* 2.2.3.3.3: X-ResponseCode 0-18 */
static void test_response_code_names(void **state)
{
	static const char *const names[] = {
	        "Success",
	        "Unknown Failure",
	        "Invalid Verb",
	        "Invalid Path",
	        "Invalid Header",
	        "Invalid Request Type",
	        "Invalid Context Cookie",
	        "Missing Header",
	        "Anonymous Not Allowed",
	        "Too Large",
	        "Context Not Found",
	        "No Privilege",
	        "Invalid Request Body",
	        "Missing Cookie",
	        "Reserved",
	        "Invalid Sequence",
	        "Endpoint Disabled",
	        "Invalid Response",
	        "Endpoint Shutting Down",
	};
	for (uint32_t i = 0; i < 19; i++)
		assert_string_equal(mapi_http_response_code_name(i), names[i]);
	assert_int_equal(MAPI_HTTP_RC_CONTEXT_NOT_FOUND, 10);
	assert_int_equal(MAPI_HTTP_RC_INVALID_SEQUENCE, 15);
	assert_int_equal(MAPI_HTTP_RC_ENDPOINT_SHUTTING_DOWN, 18);
	assert_null(mapi_http_response_code_name(19));
	assert_null(mapi_http_response_code_name(0xFFFFFFFF));
}

/* 2.2.4.1.1 Connect request with the EcDoConnectEx values of MS-OXCRPC 4.1 */
static void test_connect_request_example(void **state)
{
	size_t n;
	uint8_t *b = tu_vector(*state, "MS-OXCRPC-4.1-connect-as-mapihttp.hex", "request", &n);
	struct mapi_http_request *req = check_request(state, MAPI_HTTP_CONNECT, b, n);
	assert_string_equal(req->connect.user_dn,
	                    "/o=First Organization/ou=First Administrative Group/CN=recipients/CN=janedow");
	assert_int_equal(req->connect.flags, 0);
	assert_int_equal(req->connect.default_code_page, 0x4E4);
	assert_int_equal(req->connect.lcid_sort, 0x409);
	assert_int_equal(req->connect.lcid_string, 0x409);
	assert_int_equal(req->aux.len, 0);
}

/* 2.2.4.1.2 Connect success response with the EcDoConnectEx results of MS-OXCRPC 4.1, its rgbAuxOut as the
 * AuxiliaryBuffer */
static void test_connect_response_example(void **state)
{
	size_t n, auxn;
	uint8_t *b = tu_vector(*state, "MS-OXCRPC-4.1-connect-as-mapihttp.hex", "response", &n);
	uint8_t *aux = tu_vector(*state, "MS-OXCRPC-4.1-rgbAuxOut.hex", NULL, &auxn);
	struct mapi_http_response *rsp = check_response(state, MAPI_HTTP_CONNECT, b, n);
	assert_int_equal(rsp->status_code, 0);
	assert_int_equal(rsp->error_code, 0);
	assert_int_equal(rsp->connect.polls_max, 60000);
	assert_int_equal(rsp->connect.retry_count, 6);
	assert_int_equal(rsp->connect.retry_delay, 0x1770);
	assert_string_equal(
	        rsp->connect.dn_prefix,
	        "/o=First Group/ou=First Administrative Group/CN=Configuration/CN=Servers/CN=MBX-SRV-02");
	assert_string_equal(rsp->connect.display_name, "MBX-SRV-02");
	tu_assert_bytes(rsp->aux.data, rsp->aux.len, aux, auxn);
	/* the AuxiliaryBuffer is an RPC_HEADER_EXT and AUX blocks */
	struct mapi_aux_list *blocks;
	assert_int_equal(mapi_aux_buffer_pull(*state, rsp->aux.data, rsp->aux.len, &blocks), 0);
	assert_int_equal(blocks->blocks[0].layout, MAPI_AUX_EXORGINFO);
}

/* 2.2.4.1.1 Connect request, byte by byte, with an auxiliary buffer */
/* clang-format off */
static const uint8_t connect_req[] = {
	'/', 'o', '=', 'A', 0,                          /* UserDn "/o=A" */
	0x00, 0x80, 0x00, 0x00,                         /* Flags 0x00008000 */
	0xB0, 0x04, 0x00, 0x00,                         /* DefaultCodePage 1200 */
	0x07, 0x04, 0x00, 0x00,                         /* LcidSort 0x407 */
	0x09, 0x04, 0x00, 0x00,                         /* LcidString 0x409 */
	0x10, 0x00, 0x00, 0x00,                         /* AuxiliaryBufferSize 16 */
	0x00, 0x00, 0x04, 0x00, 0x08, 0x00, 0x08, 0x00, /* RPC_HEADER_EXT: Last, Size 8 */
	0x08, 0x00, 0x01, 0x01,                         /* AUX_HEADER: AUX_TYPE_PERF_REQUESTID */
	0x01, 0x00, 0x02, 0x00,                         /* SessionID 1, RequestID 2 */
};
/* clang-format on */

static void test_connect_request_annotated(void **state)
{
	struct mapi_http_request *req =
	        check_request(state, MAPI_HTTP_CONNECT, connect_req, sizeof connect_req);
	assert_string_equal(req->connect.user_dn, "/o=A");
	assert_int_equal(req->connect.flags, 0x8000);
	assert_int_equal(req->connect.default_code_page, 1200);
	assert_int_equal(req->connect.lcid_sort, 0x407);
	assert_int_equal(req->connect.lcid_string, 0x409);
	tu_assert_bytes(req->aux.data, req->aux.len, connect_req + 25, 16);
}

/* 2.2.4.2.1 Execute request: RopBuffer is the rgbIn of EcDoRpcExt2, an RPC_HEADER_EXT and its payload */
/* clang-format off */
static const uint8_t execute_req[] = {
	0x03, 0x00, 0x00, 0x00,                         /* Flags: NoCompression | NoXorMagic */
	0x11, 0x00, 0x00, 0x00,                         /* RopBufferSize 17 */
	0x00, 0x00, 0x04, 0x00, 0x09, 0x00, 0x09, 0x00, /* RPC_HEADER_EXT: Last, Size 9 */
	0x05, 0x00,                                     /* RopSize 5 */
	0x01, 0x00, 0x00,                               /* RopRelease, LogonId 0, InputHandleIndex 0 */
	0xFF, 0xFF, 0xFF, 0xFF,                         /* ServerObjectHandleTable */
	0x08, 0x80, 0x00, 0x00,                         /* MaxRopOut 0x8008 */
	0x00, 0x00, 0x00, 0x00,                         /* AuxiliaryBufferSize 0 */
};
/* clang-format on */

/* 2.2.4.2.2 Execute success response */
/* clang-format off */
static const uint8_t execute_rsp[] = {
	0x00, 0x00, 0x00, 0x00,                         /* StatusCode 0 */
	0x00, 0x00, 0x00, 0x00,                         /* ErrorCode 0 */
	0x00, 0x00, 0x00, 0x00,                         /* Flags: reserved */
	0x0E, 0x00, 0x00, 0x00,                         /* RopBufferSize 14 */
	0x00, 0x00, 0x04, 0x00, 0x06, 0x00, 0x06, 0x00, /* RPC_HEADER_EXT: Last, Size 6 */
	0x02, 0x00,                                     /* RopSize 2: no ROP responses */
	0xFF, 0xFF, 0xFF, 0xFF,                         /* ServerObjectHandleTable */
	0x00, 0x00, 0x00, 0x00,                         /* AuxiliaryBufferSize 0 */
};
/* clang-format on */

static void test_execute(void **state)
{
	struct mapi_http_request *req =
	        check_request(state, MAPI_HTTP_EXECUTE, execute_req, sizeof execute_req);
	assert_int_equal(req->execute.flags, 3);
	tu_assert_bytes(req->execute.rop_buffer.data, req->execute.rop_buffer.len, execute_req + 8, 17);
	assert_int_equal(req->execute.max_rop_out, 0x8008);
	assert_int_equal(req->aux.len, 0);
	struct mapi_http_response *rsp =
	        check_response(state, MAPI_HTTP_EXECUTE, execute_rsp, sizeof execute_rsp);
	assert_int_equal(rsp->execute.flags, 0);
	tu_assert_bytes(rsp->execute.rop_buffer.data, rsp->execute.rop_buffer.len, execute_rsp + 16, 14);
}

/* 2.2.4.3 Disconnect: the request has only the auxiliary buffer, the success response StatusCode, ErrorCode
 * and the auxiliary buffer */
static void test_disconnect(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x04, 0x00, 0x00, 0x00, /* AuxiliaryBufferSize 4 */
		0x04, 0x00, 0x01, 0x99, /* AuxiliaryBuffer: opaque here */
	};
	static const uint8_t rsp[] = {
		0x00, 0x00, 0x00, 0x00, /* StatusCode 0 */
		0x07, 0x00, 0x00, 0x00, /* ErrorCode 7 */
		0x00, 0x00, 0x00, 0x00, /* AuxiliaryBufferSize 0 */
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_DISCONNECT, req, sizeof req);
	tu_assert_bytes(r->aux.data, r->aux.len, req + 4, 4);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_DISCONNECT, rsp, sizeof rsp);
	assert_int_equal(s->status_code, 0);
	assert_int_equal(s->error_code, 7);
}

/* 2.2.4.4 NotificationWait */
static void test_notification_wait(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00, /* Flags: reserved */
		0x00, 0x00, 0x00, 0x00, /* AuxiliaryBufferSize 0 */
	};
	static const uint8_t rsp[] = {
		0x00, 0x00, 0x00, 0x00, /* StatusCode 0 */
		0x00, 0x00, 0x00, 0x00, /* ErrorCode 0 */
		0x01, 0x00, 0x00, 0x00, /* EventPending: an event is pending */
		0x00, 0x00, 0x00, 0x00, /* AuxiliaryBufferSize 0 */
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_NOTIFICATION_WAIT, req, sizeof req);
	assert_int_equal(r->notification_wait.flags, 0);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_NOTIFICATION_WAIT, rsp, sizeof rsp);
	assert_int_equal(s->notification_wait.event_pending, 1);
}

/* 2.2.4.x.3 and 2.2.5.x.3: the failure body of every request type is StatusCode (not 0), AuxiliaryBufferSize,
 * AuxiliaryBuffer, nothing else */
static void test_failure_body_of_every_type(void **state)
{
	/* clang-format off */
	static const uint8_t failure[] = {
		0x0A, 0x00, 0x00, 0x00,                         /* StatusCode 10 */
		0x08, 0x00, 0x00, 0x00,                         /* AuxiliaryBufferSize 8 */
		0x08, 0x00, 0x01, 0x17, 0x00, 0x00, 0x00, 0x00, /* an AUX_EXORGINFO block */
	};
	/* clang-format on */
	for (unsigned t = 0; t < MAPI_HTTP_BODY_TYPES; t++) {
		struct mapi_http_response *rsp =
		        check_response(state, (enum mapi_http_request_type)t, failure, sizeof failure);
		assert_int_equal(rsp->status_code, 10);
		assert_int_equal(rsp->error_code, 0);
		tu_assert_bytes(rsp->aux.data, rsp->aux.len, failure + 8, 8);
		/* no success field was read: the union is still zero */
		const uint8_t *u = (const uint8_t *)rsp + offsetof(struct mapi_http_response, connect);
		for (size_t i = 0; i < offsetof(struct mapi_http_response, aux) -
		                               offsetof(struct mapi_http_response, connect);
		     i++)
			assert_int_equal(u[i], 0);
	}
}

/* PING has no body (2.2.6); out-of-range types are refused */
static void test_ping_and_unknown_types_have_no_body(void **state)
{
	static const uint8_t b[] = {0, 0, 0, 0};
	struct mapi_http_request *req;
	struct mapi_http_response *rsp;
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_PING, b, 4, &req), WC_EINVAL);
	assert_int_equal(mapi_http_response_pull(*state, MAPI_HTTP_PING, b, 4, &rsp), WC_EINVAL);
	assert_int_equal(mapi_http_request_pull(*state, (enum mapi_http_request_type)99, b, 4, &req),
	                 WC_EINVAL);
	struct mapi_http_request ping = {.type = MAPI_HTTP_PING};
	struct mapi_http_response ping_rsp = {.type = MAPI_HTTP_PING};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, &ping), WC_EINVAL);
	assert_int_equal(mapi_http_response_push(&w, &ping_rsp), WC_EINVAL);
	assert_int_equal(w.len, 0);
}

/* Sizes that promise more bytes than the body has; strings that do not end or are not UTF-16 */
static void test_malformed_mailbox_bodies(void **state)
{
	static const uint8_t rop_size_huge[] = {0x00, 0x00, 0x00, 0x00, 0xF0, 0xFF, 0xFF, 0xFF, 0x00};
	static const uint8_t aux_size_huge[] = {0xFF, 0xFF, 0xFF, 0xFF};
	static const uint8_t user_dn_unended[] = {'/', 'o', '=', 'A'};
	/* clang-format off */
	static const uint8_t display_name_odd[] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* StatusCode .. RetryDelay */
		'x', 0,                                                     /* DnPrefix "x" */
		'M', 0, 0,                                                  /* 3 bytes: no UTF-16 terminator */
	};
	static const uint8_t display_name_surrogate[] = {
		0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, /* DnPrefix "" */
		0x00, 0xDC, 0x00, 0x00,                                        /* a lone low surrogate */
		0, 0, 0, 0,                                                    /* AuxiliaryBufferSize 0 */
	};
	/* clang-format on */
	struct mapi_http_request *req;
	struct mapi_http_response *rsp;
	assert_int_equal(
	        mapi_http_request_pull(*state, MAPI_HTTP_EXECUTE, rop_size_huge, sizeof rop_size_huge, &req),
	        WC_EFORMAT);
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_DISCONNECT, aux_size_huge, 4, &req),
	                 WC_EFORMAT);
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_CONNECT, user_dn_unended, 4, &req),
	                 WC_EFORMAT);
	assert_int_equal(mapi_http_response_pull(*state, MAPI_HTTP_CONNECT, display_name_odd,
	                                         sizeof display_name_odd, &rsp),
	                 WC_EFORMAT);
	assert_int_equal(mapi_http_response_pull(*state, MAPI_HTTP_CONNECT, display_name_surrogate,
	                                         sizeof display_name_surrogate, &rsp),
	                 WC_EFORMAT);
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_DISCONNECT, NULL, 0, &req), WC_EFORMAT);
	assert_int_equal(talloc_total_blocks(*state), 1);
}

/* What the encoder refuses: missing strings, sizes without bytes, and whatever the writer refuses */
static void test_push_refusals(void **state)
{
	struct wc_writer w;
	struct mapi_http_request req = {.type = MAPI_HTTP_CONNECT};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, &req), WC_EINVAL); /* UserDn NULL */
	req.connect.user_dn = "/o=A";
	req.aux.len = 3;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, &req), WC_EINVAL); /* aux size without bytes */
	req.aux.len = 0;
	wc_writer_init(&w, *state, 8);
	assert_int_equal(mapi_http_request_push(&w, &req), WC_ESPACE); /* the writer's limit */
	struct mapi_http_request ex = {.type = MAPI_HTTP_EXECUTE, .execute = {.rop_buffer = {5, NULL}}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, &ex), WC_EINVAL);
	struct mapi_http_response rsp = {.type = MAPI_HTTP_CONNECT, .connect = {.dn_prefix = "x"}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), WC_EINVAL); /* DisplayName NULL */
	rsp.connect.display_name = "\xff";
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), WC_EINVAL); /* not UTF-8 */
	rsp.status_code = 5; /* the failure body has no strings to miss */
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), 0);
	static const uint8_t want[] = {5, 0, 0, 0, 0, 0, 0, 0};
	tu_assert_bytes(w.data, w.len, want, sizeof want);
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_request_type_names),
	        T(test_response_code_names),
	        T(test_connect_request_example),
	        T(test_connect_response_example),
	        T(test_connect_request_annotated),
	        T(test_execute),
	        T(test_disconnect),
	        T(test_notification_wait),
	        T(test_failure_body_of_every_type),
	        T(test_ping_and_unknown_types_have_no_body),
	        T(test_malformed_mailbox_bodies),
	        T(test_push_refusals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
