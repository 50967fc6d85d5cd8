/* Fuzz the MS-OXCDATA 2.12 restriction and 2.13 SortOrderSet decoders. First byte: bit 0 MAPI_PV_COUNT32, bit
 * 1 SortOrderSet instead of Restriction. Whatever decodes must encode back to exactly the bytes it was read
 * from and decode again to an equal structure. */
#include "common/wc_error.h"
#include "mapi/mapi_restriction.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void restriction(TALLOC_CTX *mem, unsigned flags, const uint8_t *data, size_t size)
{
	struct wc_reader r;
	struct mapi_restriction *res, *again, *copy;
	wc_reader_init(&r, data, size);
	if (mapi_restriction_pull(&r, mem, flags, &res) != 0)
		return;
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_restriction_push(&w, flags, res) != 0 || w.len != r.pos || memcmp(w.data, data, w.len) != 0)
		abort();
	wc_reader_init(&r, w.data, w.len);
	if (mapi_restriction_pull(&r, mem, flags, &again) != 0 || !mapi_restriction_equal(res, again))
		abort();
	if (mapi_restriction_copy(mem, res, &copy) != 0 || !mapi_restriction_equal(res, copy))
		abort();
}

static void sort_order_set(TALLOC_CTX *mem, const uint8_t *data, size_t size)
{
	struct wc_reader r;
	struct mapi_sort_order_set s, again;
	wc_reader_init(&r, data, size);
	if (mapi_sort_order_set_pull(&r, mem, &s) != 0)
		return;
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_sort_order_set_push(&w, &s) != 0 || w.len != r.pos || memcmp(w.data, data, w.len) != 0)
		abort();
	wc_reader_init(&r, w.data, w.len);
	if (mapi_sort_order_set_pull(&r, mem, &again) != 0 || !mapi_sort_order_set_equal(&s, &again))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	if (data[0] & 2)
		sort_order_set(mem, data + 1, size - 1);
	else
		restriction(mem, data[0] & 1 ? MAPI_PV_COUNT32 : 0, data + 1, size - 1);
	talloc_free(mem);
	return 0;
}
