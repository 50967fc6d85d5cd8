/* Checks shared by the MS-OXCMAPIHTTP body tests (test_mapihttp_emsmdb.c, test_mapihttp_nspi.c). */
#ifndef MAPIHTTP_CHECK_H
#define MAPIHTTP_CHECK_H

#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapihttp.h"

#include <string.h>

/* Decodes a body that must be valid, then checks around it: every shorter prefix fails with WC_EFORMAT
 * leaving *out untouched and nothing allocated; one byte more fails; encoding the result gives the same
 * bytes (the vectors are in the form the encoder writes). */
static inline void *check_body(void **state, bool response, enum mapi_http_request_type type,
                               const uint8_t *b, size_t n)
{
	TALLOC_CTX *mem = *state;
	size_t blocks = talloc_total_blocks(mem);
	for (size_t i = 0; i < n; i++) {
		void *out = (void *)0x1;
		int rc =
		        response
		                ? mapi_http_response_pull(mem, type, b, i, (struct mapi_http_response **)&out)
		                : mapi_http_request_pull(mem, type, b, i, (struct mapi_http_request **)&out);
		if (rc != WC_EFORMAT)
			fail_msg("%s %s: prefix of %zu of %zu bytes gave %d",
			         mapi_http_request_type_name(type), response ? "response" : "request", i, n,
			         rc);
		assert_ptr_equal(out, (void *)0x1);
		assert_int_equal(talloc_total_blocks(mem), blocks);
	}
	uint8_t *longer = talloc_array(mem, uint8_t, n + 1);
	memcpy(longer, b, n);
	longer[n] = 0;
	void *out;
	int rc = response ? mapi_http_response_pull(mem, type, longer, n + 1,
	                                            (struct mapi_http_response **)&out)
	                  : mapi_http_request_pull(mem, type, longer, n + 1,
	                                           (struct mapi_http_request **)&out);
	assert_int_equal(rc, WC_EFORMAT);
	rc = response ? mapi_http_response_pull(mem, type, b, n, (struct mapi_http_response **)&out)
	              : mapi_http_request_pull(mem, type, b, n, (struct mapi_http_request **)&out);
	if (rc != 0)
		fail_msg("%s %s: decoding gave %d", mapi_http_request_type_name(type),
		         response ? "response" : "request", rc);
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	rc = response ? mapi_http_response_push(&w, out) : mapi_http_request_push(&w, out);
	assert_int_equal(rc, 0);
	tu_assert_bytes(w.data, w.len, b, n);
	return out;
}

static inline struct mapi_http_request *check_request(void **state, enum mapi_http_request_type type,
                                                      const uint8_t *b, size_t n)
{
	struct mapi_http_request *req = check_body(state, false, type, b, n);
	assert_int_equal(req->type, type);
	return req;
}

static inline struct mapi_http_response *check_response(void **state, enum mapi_http_request_type type,
                                                        const uint8_t *b, size_t n)
{
	struct mapi_http_response *rsp = check_body(state, true, type, b, n);
	assert_int_equal(rsp->type, type);
	return rsp;
}

#endif
