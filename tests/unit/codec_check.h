/* The checks every codec vector gets, shared by test_propval.c, test_restriction.c and test_ruleaction.c. */
#ifndef CODEC_CHECK_H
#define CODEC_CHECK_H

#include "testutil.h"
#include "common/wc_buf.h"
#include "common/wc_error.h"

/* A codec under test, through void pointers; ctx is the vector (its type, its flags ...). */
struct cc_codec {
	/* decodes into a new object on mem; on failure *out is untouched and nothing stays on mem */
	int (*pull)(struct wc_reader *r, TALLOC_CTX *mem, const void *ctx, void **out);
	int (*push)(struct wc_writer *w, const void *ctx, const void *obj);
	bool (*equal)(const void *ctx, const void *a, const void *b);
};

/* Every proper prefix of the len bytes at b is truncated input: pull must fail with WC_EFORMAT, leave its
 * output alone and keep nothing allocated. */
static inline void cc_every_prefix_fails(TALLOC_CTX *parent, const struct cc_codec *c, const void *ctx,
                                         const char *what, const uint8_t *b, size_t len)
{
	for (size_t cut = 0; cut < len; cut++) {
		TALLOC_CTX *mem = talloc_new(parent);
		struct wc_reader r;
		void *out = &r;
		wc_reader_init(&r, b, cut);
		int ret = c->pull(&r, mem, ctx, &out);
		if (ret != WC_EFORMAT)
			fail_msg("%s: prefix of %zu bytes gave %d, want WC_EFORMAT", what, cut, ret);
		if (out != &r)
			fail_msg("%s: prefix of %zu bytes changed the output", what, cut);
		if (talloc_total_blocks(mem) != 1)
			fail_msg("%s: prefix of %zu bytes left memory behind", what, cut);
		talloc_free(mem);
	}
}

/* The bytes decode, all of them, to want; want encodes to exactly the bytes; every prefix fails cleanly. */
static inline void cc_check(TALLOC_CTX *mem, const struct cc_codec *c, const void *ctx, const char *what,
                            const uint8_t *b, size_t len, const void *want)
{
	struct wc_reader r;
	struct wc_writer w;
	void *got = NULL;

	print_message("# %s\n", what);
	wc_reader_init(&r, b, len);
	int ret = c->pull(&r, mem, ctx, &got);
	if (ret != 0)
		fail_msg("%s: decoding gave %d", what, ret);
	if (wc_reader_left(&r) != 0)
		fail_msg("%s: %zu bytes left over", what, wc_reader_left(&r));
	if (!c->equal(ctx, got, want))
		fail_msg("%s: decoded value differs", what);
	wc_writer_init(&w, mem, 0);
	if ((ret = c->push(&w, ctx, want)) != 0)
		fail_msg("%s: encoding gave %d", what, ret);
	tu_assert_bytes(w.data, w.len, b, len);
	cc_every_prefix_fails(mem, c, ctx, what, b, len);
}

static inline void cc_check_hex(TALLOC_CTX *mem, const struct cc_codec *c, const void *ctx, const char *what,
                                const char *hex, const void *want)
{
	size_t len;
	uint8_t *b = tu_hex(mem, hex, &len);
	cc_check(mem, c, ctx, what, b, len, want);
}

/* cmocka setup and teardown: each test gets a fresh talloc context in *state */
static inline int cc_setup(void **state)
{
	*state = talloc_new(NULL);
	return *state ? 0 : -1;
}

static inline int cc_teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

#endif
