/* Fuzz the MS-OXCRPC 2.2.2.2 auxiliary block decoder: whatever decodes must encode, and the encoding must
 * decode to blocks that encode to the same bytes. The one allowed encoder refusal is WC_ERANGE: strings or
 * binary values that several offsets of one block share are written once per field, which can overflow the
 * 16-bit block Size. */
#include "common/wc_error.h"
#include "mapi/mapi_aux.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct wc_reader r;
	struct mapi_aux_list *aux, *again;
	wc_reader_init(&r, data, size);
	if (mapi_aux_pull(&r, mem, &aux) == 0) {
		struct wc_writer w1, w2;
		wc_writer_init(&w1, mem, 0);
		int rc = mapi_aux_push(&w1, aux);
		if (rc != 0 && rc != WC_ERANGE)
			abort();
		if (rc == 0) {
			wc_reader_init(&r, w1.data, w1.len);
			if (mapi_aux_pull(&r, mem, &again) != 0 || again->count != aux->count)
				abort();
			wc_writer_init(&w2, mem, 0);
			if (mapi_aux_push(&w2, again) != 0 || w2.len != w1.len ||
			    (w1.len > 0 && memcmp(w1.data, w2.data, w1.len) != 0))
				abort();
		}
	}
	talloc_free(mem);
	return 0;
}
