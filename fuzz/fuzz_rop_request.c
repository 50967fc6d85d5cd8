/* Fuzz the ROP input buffer decoder (MS-OXCROPS 2.2.1 and every coded ROP request): whatever decodes must
 * encode back to exactly the same bytes and leave the codec state as decoding did. Input: one byte choosing
 * which logons the state calls private (LogonId n is private when bit n % 8 is set), then the ROP input
 * buffer. */
#include "fuzz_rop.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct rop_ctx start, after, again;
	fuzz_rop_ctx(&start, data[0]);

	TALLOC_CTX *mem = talloc_new(NULL);
	struct rop_request_buffer *buf;
	struct rop_error err;
	after = start;
	if (rop_request_buffer_pull(mem, data + 1, size - 1, &after, &buf, &err) == 0) {
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		again = start;
		if (rop_request_buffer_push(&w, &again, buf) != 0)
			abort();
		if (w.len != size - 1 || memcmp(w.data, data + 1, w.len) != 0)
			abort();
		if (memcmp(&again, &after, sizeof again) != 0)
			abort();
	} else if (memcmp(&after, &start, sizeof after) != 0) {
		abort(); /* a failed decode leaves the state alone */
	}
	talloc_free(mem);
	return 0;
}
