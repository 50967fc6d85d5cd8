/* Fuzz the ROP output buffer decoder (MS-OXCROPS 2.2.1 and every coded ROP response), which needs the
 * requests the responses answer and the codec state: both come from the input. Whatever decodes must encode
 * back to exactly the same bytes. Input: one byte choosing which logons the state calls private (LogonId n is
 * private when bit n % 8 is set), two bytes (little-endian) giving the length of the ROP input buffer that
 * follows, then the ROP output buffer. */
#include "fuzz_rop.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	size_t in_len = (size_t)data[1] | (size_t)data[2] << 8;
	if (in_len > size - 3)
		return 0;
	const uint8_t *in = data + 3, *out = in + in_len;
	size_t out_len = size - 3 - in_len;
	struct rop_ctx start, c, after;
	fuzz_rop_ctx(&start, data[0]);

	TALLOC_CTX *mem = talloc_new(NULL);
	struct rop_request_buffer *requests;
	struct rop_response_buffer *responses;
	c = start;
	if (rop_request_buffer_pull(mem, in, in_len, &c, &requests, NULL) != 0)
		goto done;
	after = start; /* responses decode from the state the requests were encoded in */
	if (rop_response_buffer_pull(mem, out, out_len, requests, &after, &responses, NULL) == 0) {
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		c = start;
		if (rop_response_buffer_push(&w, &c, requests, responses) != 0)
			abort();
		if (w.len != out_len || memcmp(w.data, out, w.len) != 0)
			abort();
		if (memcmp(&c, &after, sizeof c) != 0)
			abort();
	} else if (memcmp(&after, &start, sizeof after) != 0) {
		abort();
	}
done:
	talloc_free(mem);
	return 0;
}
