/* Fuzz the MS-OXCRPC 2.2.2.2 auxiliary buffer decoders: the input as AUX_HEADER blocks, and as a whole buffer
 * (RPC_HEADER_EXT chain, possibly compressed or obfuscated, around the blocks). Whatever decodes must encode,
 * and the encoding must decode to blocks that encode to the same bytes. The one allowed encoder refusal is
 * WC_ERANGE: strings or binary values that several offsets of one block share are written once per field,
 * which can overflow the 16-bit block Size (or a 32 KB payload). */
#include "common/wc_error.h"
#include "mapi/mapi_aux.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void round_trip(TALLOC_CTX *mem, const struct mapi_aux_list *aux)
{
	struct wc_writer w1, w2, w3;
	struct mapi_aux_list *again;
	wc_writer_init(&w1, mem, 0);
	int rc = mapi_aux_push(&w1, aux);
	if (rc == WC_ERANGE)
		return;
	struct wc_reader r;
	wc_reader_init(&r, w1.data, w1.len);
	if (rc != 0 || mapi_aux_pull(&r, mem, &again) != 0 || again->count != aux->count)
		abort();
	wc_writer_init(&w2, mem, 0);
	if (mapi_aux_push(&w2, again) != 0 || w2.len != w1.len ||
	    (w1.len > 0 && memcmp(w1.data, w2.data, w1.len)))
		abort();
	/* and through the buffer layer, obfuscated */
	wc_writer_init(&w3, mem, 0);
	rc = mapi_aux_buffer_push(&w3, 0x0002, aux);
	if (rc == WC_ERANGE)
		return;
	if (rc != 0 || mapi_aux_buffer_pull(mem, w3.data, w3.len, &again) != 0 || again->count != aux->count)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct wc_reader r;
	struct mapi_aux_list *aux;
	wc_reader_init(&r, data, size);
	if (mapi_aux_pull(&r, mem, &aux) == 0)
		round_trip(mem, aux);
	if (mapi_aux_buffer_pull(mem, data, size, &aux) == 0)
		round_trip(mem, aux);
	talloc_free(mem);
	return 0;
}
