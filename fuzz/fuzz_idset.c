/* Fuzz mapi_idset_pull (MS-OXCFXICS 2.2.2.4, GLOBSET 2.2.2.6). The first byte picks the REPLID- or
 * REPLGUID-based form. A decoded set must encode, decode again to an equal set, and encode to the same bytes;
 * its count must match its ranges. */
#include "common/wc_error.h"
#include "mapi/mapi_idset.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	bool guid_based = data[0] & 1;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct wc_reader r;
	struct mapi_idset *s, *s2;
	wc_reader_init(&r, data + 1, size - 1);
	int ret = mapi_idset_pull(&r, mem, guid_based, &s);
	if (ret == 0) {
		struct wc_writer w, w2;
		wc_writer_init(&w, mem, 0);
		if (mapi_idset_push(&w, s) != 0)
			abort();
		wc_reader_init(&r, w.data, w.len);
		if (mapi_idset_pull(&r, mem, guid_based, &s2) != 0 || !mapi_idset_equal(s, s2))
			abort();
		wc_writer_init(&w2, mem, 0);
		if (mapi_idset_push(&w2, s2) != 0 || w2.len != w.len || memcmp(w.data, w2.data, w.len) != 0)
			abort();
		/* the union with itself changes nothing; every range's ends are members */
		if (mapi_idset_union(s2, s) != 0 || !mapi_idset_equal(s, s2))
			abort();
		for (size_t i = 0; i < s->count; i++) {
			const struct mapi_idset_entry *e = &s->entries[i];
			if (e->set.count == 0)
				abort();
			for (size_t j = 0; j < e->set.count; j++)
				if (!mapi_globset_contains(&e->set, e->set.ranges[j].low) ||
				    !mapi_globset_contains(&e->set, e->set.ranges[j].high) ||
				    (j > 0 && e->set.ranges[j].low <= e->set.ranges[j - 1].high + 1))
					abort();
		}
	} else if (ret != WC_EFORMAT) {
		abort();
	}
	talloc_free(mem);
	return 0;
}
