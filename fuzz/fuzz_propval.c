/* Fuzz the MS-OXCDATA value codecs: the first byte picks what to decode and the wire context (bit 0:
 * MAPI_PV_COUNT32). Whatever decodes must encode back to exactly the bytes it was read from, and decode again
 * to an equal value. */
#include "common/wc_error.h"
#include "mapi/mapi_propval.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* every value type, the MultivalueInstance form and an invalid code */
static const uint16_t types[] = {
        PT_NULL,       PT_SHORT,    PT_LONG,       PT_FLOAT,
        PT_DOUBLE,     PT_CURRENCY, PT_APPTIME,    PT_ERROR,
        PT_BOOLEAN,    PT_OBJECT,   PT_I8,         PT_STRING8,
        PT_UNICODE,    PT_SYSTIME,  PT_CLSID,      PT_SVREID,
        PT_SRESTRICT,  PT_ACTIONS,  PT_BINARY,     PT_MV_SHORT,
        PT_MV_LONG,    PT_MV_FLOAT, PT_MV_DOUBLE,  PT_MV_CURRENCY,
        PT_MV_APPTIME, PT_MV_I8,    PT_MV_STRING8, PT_MV_UNICODE,
        PT_MV_SYSTIME, PT_MV_CLSID, PT_MV_BINARY,  PT_MV_UNICODE | MVI_FLAG,
        0x0008,
};
#define NTYPES (sizeof types / sizeof types[0])

enum { M_VALUE, M_TAGGED, M_TYPED, M_ROW, M_ROWSET, M_NAME, M_TAGS, M_PROBLEM, M_COUNT };

static bool rows_equal(const struct mapi_property_row *a, const struct mapi_property_row *b)
{
	if (a->flag != b->flag || a->count != b->count)
		return false;
	for (uint32_t i = 0; i < a->count; i++) {
		const struct mapi_row_value *x = &a->values[i], *y = &b->values[i];
		if (x->flag != y->flag || x->pv.tag != y->pv.tag)
			return false;
		if (x->flag == MAPI_VALUE_PRESENT && !mapi_propval_equal(&x->pv, &y->pv))
			return false;
		if (x->flag == MAPI_VALUE_ERROR && x->pv.value.err != y->pv.value.err)
			return false;
	}
	return true;
}

/* One decode (or encode, with w) of the structure picked by mode; out is where the decoded thing lives. */
struct thing {
	union mapi_value v;
	struct mapi_propval pv;
	struct mapi_property_row row;
	struct mapi_property_row_set set;
	struct mapi_propname name;
	uint16_t ntags;
	uint32_t *tags;
	struct mapi_propproblem problem;
};

static int pull(struct wc_reader *r, TALLOC_CTX *mem, int mode, uint16_t type, unsigned flags,
                const uint32_t *cols, uint32_t ncols, struct thing *t)
{
	switch (mode) {
	case M_VALUE:
		return mapi_value_pull(r, mem, type, flags, &t->v);
	case M_TAGGED:
		return mapi_tagged_propval_pull(r, mem, flags, &t->pv);
	case M_TYPED:
		return mapi_typed_propval_pull(r, mem, flags, &t->pv);
	case M_ROW:
		return mapi_property_row_pull(r, mem, cols, ncols, flags, &t->row);
	case M_ROWSET:
		return mapi_property_row_set_pull(r, mem, cols, ncols, flags, &t->set);
	case M_NAME:
		return mapi_propname_pull(r, mem, &t->name);
	case M_TAGS:
		return mapi_proptag_array_pull(r, mem, &t->ntags, &t->tags);
	default:
		return mapi_propproblem_pull(r, &t->problem);
	}
}

static int push(struct wc_writer *w, int mode, uint16_t type, unsigned flags, const uint32_t *cols,
                uint32_t ncols, const struct thing *t)
{
	switch (mode) {
	case M_VALUE:
		return mapi_value_push(w, type, flags, &t->v);
	case M_TAGGED:
		return mapi_tagged_propval_push(w, flags, &t->pv);
	case M_TYPED:
		return mapi_typed_propval_push(w, flags, &t->pv);
	case M_ROW:
		return mapi_property_row_push(w, cols, ncols, flags, &t->row);
	case M_ROWSET:
		return mapi_property_row_set_push(w, cols, ncols, flags, &t->set);
	case M_NAME:
		return mapi_propname_push(w, &t->name);
	case M_TAGS:
		return mapi_proptag_array_push(w, t->ntags, t->tags);
	default:
		return mapi_propproblem_push(w, &t->problem);
	}
}

static bool same(int mode, uint16_t type, const struct thing *a, const struct thing *b)
{
	switch (mode) {
	case M_VALUE:
		return mapi_value_equal(type, &a->v, &b->v);
	case M_TAGGED:
	case M_TYPED:
		return mapi_propval_equal(&a->pv, &b->pv);
	case M_ROW:
		return rows_equal(&a->row, &b->row);
	case M_ROWSET:
		if (a->set.count != b->set.count)
			return false;
		for (uint16_t i = 0; i < a->set.count; i++)
			if (!rows_equal(&a->set.rows[i], &b->set.rows[i]))
				return false;
		return true;
	case M_NAME:
		return a->name.kind == b->name.kind && wc_guid_equal(&a->name.guid, &b->name.guid) &&
		       a->name.lid == b->name.lid &&
		       (a->name.name == b->name.name || strcmp(a->name.name, b->name.name) == 0);
	case M_TAGS:
		return a->ntags == b->ntags &&
		       (a->ntags == 0 || memcmp(a->tags, b->tags, a->ntags * 4u) == 0);
	default:
		return a->problem.index == b->problem.index && a->problem.tag == b->problem.tag &&
		       a->problem.error == b->problem.error;
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 2)
		return 0;
	unsigned flags = data[0] & 1 ? MAPI_PV_COUNT32 : 0;
	int mode = (data[0] >> 1) % M_COUNT;
	uint16_t type = types[data[1] % NTYPES];
	data += 2;
	size -= 2;
	/* rows: a column count (at most 7) and the column tags come first */
	uint32_t cols[7], ncols = 0;
	if (mode == M_ROW || mode == M_ROWSET) {
		if (size < 1)
			return 0;
		ncols = data[0] % 8;
		data++;
		size--;
		if (size < ncols * 4)
			return 0;
		for (uint32_t i = 0; i < ncols; i++)
			memcpy(&cols[i], data + 4 * i, 4); /* byte order does not matter for fuzzing */
		data += ncols * 4;
		size -= ncols * 4;
	}

	TALLOC_CTX *mem = talloc_new(NULL);
	struct thing first, second;
	struct wc_reader r;
	memset(&first, 0, sizeof first);
	memset(&second, 0, sizeof second);
	wc_reader_init(&r, data, size);
	if (pull(&r, mem, mode, type, flags, cols, ncols, &first) == 0) {
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		if (push(&w, mode, type, flags, cols, ncols, &first) != 0)
			abort(); /* what decodes must encode */
		if (w.len != r.pos || (w.len > 0 && memcmp(w.data, data, w.len) != 0))
			abort(); /* and give back the very bytes */
		struct wc_reader again;
		wc_reader_init(&again, w.data, w.len);
		if (pull(&again, mem, mode, type, flags, cols, ncols, &second) != 0 ||
		    wc_reader_left(&again) != 0 || !same(mode, type, &first, &second))
			abort();
	}
	talloc_free(mem);
	return 0;
}
