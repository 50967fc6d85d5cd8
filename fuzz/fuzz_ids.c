/* Fuzz the identifier decoders of mapi_ids.c: the first byte picks PredecessorChangeList
 * (MS-OXCFXICS 2.2.2.3, SizedXid and XID inside) or LongTermID (MS-OXCDATA 2.2.1.3.1). Decoded values must
 * encode and decode again to the same value; a LongTermID must give back the input bytes. */
#include "common/wc_error.h"
#include "mapi/mapi_ids.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_pcl(TALLOC_CTX *mem, const uint8_t *data, size_t size)
{
	struct wc_reader r;
	struct mapi_pcl *p, *p2;
	wc_reader_init(&r, data, size);
	int ret = mapi_pcl_pull(&r, mem, &p);
	if (ret != 0) {
		if (ret != WC_EFORMAT)
			abort();
		return;
	}
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_pcl_push(&w, p) != 0 || w.len > size)
		abort();
	wc_reader_init(&r, w.data, w.len);
	if (mapi_pcl_pull(&r, mem, &p2) != 0 || p2->count != p->count)
		abort();
	for (size_t i = 0; i < p->count; i++) {
		if (!mapi_xid_equal(&p->xids[i], &p2->xids[i]))
			abort();
		if (i > 0 &&
		    mapi_guid_compare(&p->xids[i - 1].namespace_guid, &p->xids[i].namespace_guid) >= 0)
			abort();
	}
	if (!mapi_pcl_includes(p, p2) || !mapi_pcl_includes(p2, p))
		abort();
	/* every change of the input is included in the decoded list (duplicates keep the greater) */
	wc_reader_init(&r, data, size);
	while (wc_reader_left(&r) > 0) {
		struct mapi_xid x;
		if (mapi_sized_xid_pull(&r, &x) != 0 || !mapi_pcl_includes_xid(p, &x))
			abort();
	}
}

static void fuzz_long_term_id(TALLOC_CTX *mem, const uint8_t *data, size_t size)
{
	struct wc_reader r;
	struct mapi_gid g;
	wc_reader_init(&r, data, size);
	if (mapi_long_term_id_pull(&r, &g) != 0) {
		if (r.pos != 0)
			abort();
		return;
	}
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_long_term_id_push(&w, &g) != 0 || w.len != MAPI_LONG_TERM_ID_SIZE ||
	    memcmp(w.data, data, MAPI_LONG_TERM_ID_SIZE) != 0)
		abort();
	uint64_t id = mapi_fid_make((uint16_t)size, g.globcnt);
	if (mapi_fid_globcnt(id) != g.globcnt || mapi_fid_replid(id) != (uint16_t)size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	if (data[0] & 1)
		fuzz_long_term_id(mem, data + 1, size - 1);
	else
		fuzz_pcl(mem, data + 1, size - 1);
	talloc_free(mem);
	return 0;
}
