/* Shared by fuzz_mapihttp_request.c and fuzz_mapihttp_response.c: the first input byte picks one of the 23
 * request types, the rest is the body. Whatever decodes must encode, and decoding that encoding must give a
 * structure that encodes to the same bytes (decode(encode(x)) == x as far as the wire can tell). */
#ifndef FUZZ_MAPIHTTP_BODY_H
#define FUZZ_MAPIHTTP_BODY_H

#include "common/wc_error.h"
#include "mapi/mapihttp.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

static int body_pull(TALLOC_CTX *mem, bool response, enum mapi_http_request_type type, const uint8_t *data,
                     size_t len, void **out)
{
	return response ? mapi_http_response_pull(mem, type, data, len, (struct mapi_http_response **)out)
	                : mapi_http_request_pull(mem, type, data, len, (struct mapi_http_request **)out);
}

static int body_push(struct wc_writer *w, bool response, const void *body)
{
	return response ? mapi_http_response_push(w, body) : mapi_http_request_push(w, body);
}

static void fuzz_body(const uint8_t *data, size_t size, bool response)
{
	if (size < 1)
		return;
	enum mapi_http_request_type type = (enum mapi_http_request_type)(data[0] % MAPI_HTTP_BODY_TYPES);
	TALLOC_CTX *mem = talloc_new(NULL);
	void *body, *again;
	if (body_pull(mem, response, type, data + 1, size - 1, &body) == 0) {
		struct wc_writer w1, w2;
		wc_writer_init(&w1, mem, 0);
		if (body_push(&w1, response, body) != 0)
			abort();
		if (body_pull(mem, response, type, w1.data, w1.len, &again) != 0)
			abort();
		wc_writer_init(&w2, mem, 0);
		if (body_push(&w2, response, again) != 0 || w2.len != w1.len ||
		    (w1.len > 0 && memcmp(w1.data, w2.data, w1.len) != 0))
			abort();
	}
	talloc_free(mem);
}

#endif
