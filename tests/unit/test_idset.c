/* src/mapi/mapi_idset.c: GLOBSET commands and IDSETs (MS-OXCFXICS 2.2.2.4, 2.2.2.6, 3.1.5.4). */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapi_idset.h"
#include "mapi/mapi_ids.h"

#include <string.h>

static int globset_decode(void *mem, const uint8_t *b, size_t len, struct mapi_globset *s)
{
	struct wc_reader r;
	wc_reader_init(&r, b, len);
	int ret = mapi_globset_pull(&r, mem, s);
	if (ret == 0)
		assert_int_equal(wc_reader_left(&r), 0);
	else
		assert_int_equal(r.pos, 0);
	return ret;
}

static void assert_ranges(const struct mapi_globset *s, const struct mapi_globcnt_range *want, size_t n)
{
	assert_int_equal(s->count, n);
	for (size_t i = 0; i < n; i++) {
		assert_true(s->ranges[i].low == want[i].low);
		assert_true(s->ranges[i].high == want[i].high);
	}
}

static void assert_globset_encodes(void *mem, const struct mapi_globset *s, const uint8_t *want, size_t len)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	assert_int_equal(mapi_globset_push(&w, s), 0);
	tu_assert_bytes(w.data, w.len, want, len);
}

/* MS-OXCFXICS 3.1.5.4.3.1.3: StartingValue 0x01, Bitmask 0xEB = {0x01-0x03, 0x05, 0x07-0x09}; our encoder
 * chooses exactly that command for those ranges. */
static void test_bitmask_example(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCFXICS-3.1.5.4.3.1.3-bitmask.hex", NULL, &len);
	struct mapi_globset s;
	assert_int_equal(globset_decode(*state, b, len, &s), 0);
	static const struct mapi_globcnt_range want[] = {{1, 3}, {5, 5}, {7, 9}};
	assert_ranges(&s, want, 3);
	assert_true(mapi_globset_count(&s) == 7);
	assert_globset_encodes(*state, &s, b, len);
}

static void test_hand_built_streams(void **state)
{
	static const char *file = "MS-OXCFXICS-2.2.2.6-globset.hex";
	size_t len;
	struct mapi_globset s;
	uint8_t *b = tu_vector(*state, file, "singleton", &len);
	assert_int_equal(globset_decode(*state, b, len, &s), 0);
	static const struct mapi_globcnt_range one[] = {{0x12, 0x12}};
	assert_ranges(&s, one, 1);
	assert_globset_encodes(*state, &s, b, len);

	b = tu_vector(*state, file, "range_no_push", &len);
	assert_int_equal(globset_decode(*state, b, len, &s), 0);
	static const struct mapi_globcnt_range wide[] = {{1, 0x010000000000ULL}};
	assert_ranges(&s, wide, 1);
	assert_globset_encodes(*state, &s, b, len);

	b = tu_vector(*state, file, "nested", &len);
	assert_int_equal(globset_decode(*state, b, len, &s), 0);
	static const struct mapi_globcnt_range nested[] = {
	        {0x020000, 0x020000}, {0x78271A, 0x782726},     {0x783000, 0x783001},
	        {0x783008, 0x783008}, {0x01000000, 0x01000010},
	};
	assert_ranges(&s, nested, 5);

	b = tu_vector(*state, file, "unordered", &len);
	assert_int_equal(globset_decode(*state, b, len, &s), 0);
	static const struct mapi_globcnt_range merged[] = {{5, 6}, {0x10, 0x30}};
	assert_ranges(&s, merged, 2);
}

/* Our encoder's choices for small sets, checked byte by byte against the command tables. */
static void test_encoder_choices(void **state)
{
	struct mapi_globset s = {0, NULL};
	/* empty: just End */
	static const uint8_t empty[] = {0x00};
	assert_globset_encodes(*state, &s, empty, sizeof empty);
	/* everything: one Range with 6-byte values */
	assert_int_equal(mapi_globset_add_range(*state, &s, 0, MAPI_GLOBCNT_MAX), 0);
	static const uint8_t all[] = {0x52, 0, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00};
	assert_globset_encodes(*state, &s, all, sizeof all);
	assert_true(mapi_globset_count(&s) == MAPI_GLOBCNT_MAX + 1);
	assert_int_equal(s.count, 1); /* one range, not 2^48 entries */
	/* a range sharing 3 bytes or more is pushed first; sharing 1 or 2 it is cheaper as a Range */
	struct mapi_globset t = {0, NULL};
	assert_int_equal(mapi_globset_add_range(*state, &t, 0x000000001000ULL, 0x000000001FFFULL), 0);
	static const uint8_t push4[] = {0x04, 0, 0, 0, 0, 0x52, 0x10, 0x00, 0x1F, 0xFF, 0x50, 0x00};
	assert_globset_encodes(*state, &t, push4, sizeof push4);
	struct mapi_globset u = {0, NULL};
	assert_int_equal(mapi_globset_add_range(*state, &u, 0x010000000000ULL, 0x01FF00000000ULL), 0);
	static const uint8_t norange[] = {0x52, 1, 0, 0, 0, 0, 0, 1, 0xFF, 0, 0, 0, 0, 0x00};
	assert_globset_encodes(*state, &u, norange, sizeof norange);
	/* lone singletons under a common prefix: 1-byte Pushes; two of them within 9 values: a Bitmask */
	struct mapi_globset v = {0, NULL};
	assert_int_equal(mapi_globset_add_range(*state, &v, 0x10, 0x10), 0);
	assert_int_equal(mapi_globset_add_range(*state, &v, 0x40, 0x40), 0);
	assert_int_equal(mapi_globset_add_range(*state, &v, 0x48, 0x48), 0);
	static const uint8_t singles[] = {0x05, 0, 0, 0, 0, 0, 0x01, 0x10, 0x42, 0x40, 0x80, 0x50, 0x00};
	assert_globset_encodes(*state, &v, singles, sizeof singles);
	/* not normalised: refused */
	struct mapi_globcnt_range bad[] = {{5, 9}, {10, 12}};
	struct mapi_globset x = {2, bad};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_globset_push(&w, &x), WC_EINVAL);
	bad[1].low = 3;
	assert_int_equal(mapi_globset_push(&w, &x), WC_EINVAL);
	bad[0].low = 10;
	x.count = 1;
	assert_int_equal(mapi_globset_push(&w, &x), WC_EINVAL);
}

static void test_malformed_streams(void **state)
{
	static const struct {
		const char *hex, *why;
	} bad[] = {
	        {"", "no End"},
	        {"01 00", "no End after a push"},
	        {"05 00 00 00 00 00 42 01", "truncated Bitmask"},
	        {"52 00 00 00 00 00 01 00 00 00 00 00", "truncated Range"},
	        {"04 00 00 00 00 04 00 00 00 00 50 50 00", "Push beyond six bytes"},
	        {"05 00 00 00 00 00 02 00 00 50 00", "Push of 2 onto 5"},
	        {"06 00 00 00 00 00 01 50 00", "a sixth byte pops itself: the Pop finds the stack empty"},
	        {"50 00", "Pop on an empty stack"},
	        {"01 00 50 50 00", "second Pop on an empty stack"},
	        {"42 01 03 00", "Bitmask with nothing on the stack"},
	        {"04 00 00 00 00 42 01 03 50 00", "Bitmask with four bytes on the stack"},
	        {"05 00 00 00 00 00 42 FA 80 50 00", "Bitmask past the low-order byte 0xFF"},
	        {"05 00 00 00 00 00 42 FF 01 50 00", "Bitmask StartingValue 0xFF with a bit set"},
	        {"52 00 00 00 00 00 02 00 00 00 00 00 01 00", "Range with low > high"},
	        {"05 00 00 00 00 00 52 02 01 50 00", "short Range with low > high"},
	        {"02 00 00 00", "End with bytes on the stack"},
	        {"07 00 00 00 00 00 00 00 00", "0x07 is not a command"},
	};
	size_t blocks = talloc_total_blocks(*state);
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t len;
		uint8_t *b = tu_hex(*state, bad[i].hex, &len);
		struct mapi_globset s = {77, NULL};
		int ret = globset_decode(*state, b, len, &s);
		if (ret != WC_EFORMAT)
			fail_msg("%s: got %d", bad[i].why, ret);
		assert_int_equal(s.count, 77);
		talloc_free(b);
		assert_int_equal(talloc_total_blocks(*state), blocks);
	}
	/* every byte that is not a command */
	for (unsigned c = 0; c < 256; c++) {
		if (c <= 0x06 || c == 0x42 || c == 0x50 || c == 0x52)
			continue;
		uint8_t b[2] = {(uint8_t)c, 0};
		struct mapi_globset s;
		assert_int_equal(globset_decode(*state, b, 2, &s), WC_EFORMAT);
	}
	/* Bitmask at the top of the low-order byte: 0xF7 + 8 = 0xFF is fine */
	size_t len;
	uint8_t *b = tu_hex(*state, "05 00 00 00 00 00 42 F7 80 50 00", &len);
	struct mapi_globset s;
	assert_int_equal(globset_decode(*state, b, len, &s), 0);
	static const struct mapi_globcnt_range top[] = {{0xF7, 0xF7}, {0xFF, 0xFF}};
	assert_ranges(&s, top, 2);
}

static void test_truncation(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCFXICS-2.2.2.6-globset.hex", "nested", &len);
	for (size_t n = 0; n < len; n++) {
		struct mapi_globset s;
		assert_int_equal(globset_decode(*state, b, n, &s), WC_EFORMAT);
	}
	/* an IDSET is valid when cut exactly after a pair, else malformed */
	b = tu_vector(*state, "MS-OXCFXICS-2.2.2.4-idset.hex", "replguid_two", &len);
	size_t blocks = talloc_total_blocks(*state);
	for (size_t n = 0; n < len; n++) {
		struct wc_reader r;
		struct mapi_idset *s = NULL;
		wc_reader_init(&r, b, n);
		int ret = mapi_idset_pull(&r, *state, true, &s);
		if (n == 0 || n == 28) {
			assert_int_equal(ret, 0);
			assert_int_equal(s->count, n == 0 ? 0 : 1);
			talloc_free(s);
		} else {
			assert_int_equal(ret, WC_EFORMAT);
			assert_int_equal(r.pos, 0);
			assert_null(s);
		}
		assert_int_equal(talloc_total_blocks(*state), blocks);
	}
}

/* MS-OXCSTOR 4.1 logon FIDs, REPLID-based: one range under REPLID 1. */
static void test_idset_replid_logon_fids(void **state)
{
	size_t len, vlen;
	uint8_t *logon = tu_vector(*state, "MS-OXCSTOR-4.1-logon-private-response.hex", NULL, &len);
	uint8_t *want = tu_vector(*state, "MS-OXCFXICS-2.2.2.4-idset.hex", "replid_logon_fids", &vlen);
	struct mapi_idset *s = mapi_idset_new(*state, false);
	struct wc_reader r;
	wc_reader_init(&r, logon + 1, 13 * 8);
	for (int i = 0; i < 13; i++) {
		uint64_t id;
		assert_true(wc_read_u64(&r, &id));
		assert_int_equal(mapi_idset_add_id(s, id), 0);
	}
	assert_int_equal(s->count, 1);
	assert_int_equal(s->entries[0].replid, 1);
	assert_true(mapi_idset_count(s) == 13);
	assert_true(mapi_idset_contains_id(s, mapi_fid_make(1, 0x78271F)));
	assert_false(mapi_idset_contains_id(s, mapi_fid_make(1, 0x782727)));
	assert_false(mapi_idset_contains_id(s, mapi_fid_make(2, 0x78271F)));
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_idset_push(&w, s), 0);
	tu_assert_bytes(w.data, w.len, want, vlen);

	struct mapi_idset *d;
	wc_reader_init(&r, want, vlen);
	assert_int_equal(mapi_idset_pull(&r, *state, false, &d), 0);
	assert_true(mapi_idset_equal(s, d));
	assert_int_equal(mapi_idset_add_guid_range(s, &s->entries[0].replguid, 1, 1), WC_EINVAL);
}

static void test_idset_replguid(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCFXICS-2.2.2.4-idset.hex", "replguid_two", &len);
	struct wc_reader r;
	struct mapi_idset *s;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_idset_pull(&r, *state, true, &s), 0);
	assert_true(s->guid_based);
	assert_int_equal(s->count, 2);
	struct wc_guid g1 = tu_guid("{64D4774D-4983-4F70-9B8B-46E635BB78AB}");
	struct wc_guid g2 = tu_guid("{BFCA5B70-F91E-4198-897D-479E0945FD2F}");
	assert_true(wc_guid_equal(&s->entries[0].replguid, &g1));
	assert_true(wc_guid_equal(&s->entries[1].replguid, &g2));
	assert_true(mapi_idset_count(s) == 1001);
	assert_true(mapi_idset_contains_guid(s, &g1, 1000));
	assert_false(mapi_idset_contains_guid(s, &g1, 1001));
	assert_true(mapi_idset_contains_guid(s, &g2, 0x12));
	assert_false(mapi_idset_contains_guid(s, &g2, 0x11));
	assert_false(mapi_idset_contains_id(s, mapi_fid_make(1, 1)));
	assert_int_equal(mapi_idset_add_id(s, 1), WC_EINVAL);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_idset_push(&w, s), 0);
	tu_assert_bytes(w.data, w.len, b, len);

	/* built in the other order, it serialises sorted by REPLGUID bytes */
	struct mapi_idset *t = mapi_idset_new(*state, true);
	assert_int_equal(mapi_idset_add_guid_range(t, &g2, 0x12, 0x12), 0);
	assert_int_equal(mapi_idset_add_guid_range(t, &g1, 500, 1000), 0);
	assert_int_equal(mapi_idset_add_guid_range(t, &g1, 1, 499), 0);
	assert_true(mapi_idset_equal(s, t));
	/* the same pairs in the wrong order and a repeated key still decode to that set */
	size_t n1 = 16 + 12, n2 = len - n1;
	uint8_t *swapped = talloc_array(*state, uint8_t, len + n1);
	memcpy(swapped, b + n1, n2);
	memcpy(swapped + n2, b, n1);
	memcpy(swapped + len, b, n1);
	struct mapi_idset *u;
	wc_reader_init(&r, swapped, len + n1);
	assert_int_equal(mapi_idset_pull(&r, *state, true, &u), 0);
	assert_true(mapi_idset_equal(s, u));
	/* an empty GLOBSET leaves no entry */
	static const uint8_t empty[] = {1, 0, 0x00};
	wc_reader_init(&r, empty, sizeof empty);
	assert_int_equal(mapi_idset_pull(&r, *state, false, &u), 0);
	assert_int_equal(u->count, 0);
}

static int map_to_guid(void *ctx, uint16_t replid, struct wc_guid *g)
{
	(void)ctx;
	if (replid == 9)
		return WC_EUNSUPPORTED;
	memset(g, 0, sizeof *g);
	g->d4[7] = (uint8_t)(replid % 3); /* replids 1 and 4 map to the same GUID */
	return 0;
}

static int map_to_replid(void *ctx, const struct wc_guid *g, uint16_t *replid)
{
	(void)ctx;
	*replid = (uint16_t)(g->d4[7] + 100);
	return 0;
}

static void test_idset_conversion_and_union(void **state)
{
	struct mapi_idset *s = mapi_idset_new(*state, false), *g, *back;
	assert_int_equal(mapi_idset_add_range(s, 1, 10, 20), 0);
	assert_int_equal(mapi_idset_add_range(s, 4, 15, 30), 0);
	assert_int_equal(mapi_idset_add_range(s, 2, 7, 7), 0);
	assert_int_equal(mapi_idset_to_guid_based(*state, s, map_to_guid, NULL, &g), 0);
	assert_true(g->guid_based);
	assert_int_equal(g->count, 2);
	assert_true(mapi_idset_count(g) == 22); /* [10,30] and {7} */
	assert_int_equal(mapi_idset_to_replid_based(*state, g, map_to_replid, NULL, &back), 0);
	assert_int_equal(back->entries[0].replid, 101);
	assert_true(mapi_idset_contains_id(back, mapi_fid_make(101, 30)));
	assert_int_equal(mapi_idset_to_replid_based(*state, s, map_to_replid, NULL, &back), WC_EINVAL);
	assert_int_equal(mapi_idset_add_range(s, 9, 1, 1), 0);
	size_t blocks = talloc_total_blocks(*state);
	assert_int_equal(mapi_idset_to_guid_based(*state, s, map_to_guid, NULL, &g), WC_EUNSUPPORTED);
	assert_int_equal(talloc_total_blocks(*state), blocks);

	struct mapi_idset *a = mapi_idset_new(*state, false), *b = mapi_idset_new(*state, false);
	assert_int_equal(mapi_idset_add_range(a, 1, 0, 5), 0);
	assert_int_equal(mapi_idset_add_range(b, 1, 6, 9), 0);
	assert_int_equal(mapi_idset_add_range(b, 7, 6, 9), 0);
	assert_false(mapi_idset_equal(a, b));
	assert_int_equal(mapi_idset_union(a, b), 0);
	assert_int_equal(a->count, 2);
	assert_int_equal(a->entries[0].set.count, 1); /* [0,5] and [6,9] touch */
	assert_true(mapi_idset_count(a) == 14);
	assert_int_equal(mapi_idset_union(a, g), WC_EINVAL);
	assert_int_equal(mapi_idset_add_range(a, 1, 5, 4), WC_EINVAL);
	assert_int_equal(mapi_idset_add_range(a, 1, 0, MAPI_GLOBCNT_MAX + 1), WC_EINVAL);
	/* the count saturates rather than wraps */
	struct mapi_idset *full = mapi_idset_new(*state, false);
	for (unsigned r = 0; r < 65536; r += 4096)
		assert_int_equal(mapi_idset_add_range(full, (uint16_t)r, 0, MAPI_GLOBCNT_MAX), 0);
	assert_true(mapi_idset_count(full) == 16ULL << 48);
	for (unsigned r = 1; r < 65536; r++)
		if (r % 4096 != 0)
			assert_int_equal(mapi_idset_add_range(full, (uint16_t)r, 0, MAPI_GLOBCNT_MAX), 0);
	assert_true(mapi_idset_count(full) == UINT64_MAX);
}

/* ---- property checks against a bitmap model ---- */

#define REGION 512
#define NREGIONS 5
#define UNIVERSE (REGION * NREGIONS)

/* Regions that straddle byte carries at different depths, and the top of the 48-bit space. */
static const uint64_t region_base[NREGIONS] = {0x000000000000ULL, 0x00000001FF00ULL, 0x0000FFFFFF80ULL,
                                               0x7F0000000000ULL, 0xFFFFFFFFFE00ULL};

static uint64_t to_globcnt(unsigned v)
{
	return region_base[v / REGION] + v % REGION;
}

static uint64_t rng_state;

static uint64_t rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

/* A random bitmap mixing long runs, dense singletons and gaps, and the matching set built by adding its runs
 * (some split into overlapping pieces) in a shuffled order. */
static void random_set(void *mem, bool *bits, struct mapi_globset *s)
{
	unsigned p_on = (unsigned)(rnd() % 100), p_off = (unsigned)(rnd() % 100);
	bool on = false;
	for (unsigned v = 0; v < UNIVERSE; v++) {
		if (v % REGION == 0 && rnd() % 4 == 0)
			on = !on;
		if (on && rnd() % 100 < p_off / 4 + 1)
			on = false;
		else if (!on && rnd() % 100 < p_on / 8)
			on = true;
		bits[v] = on;
	}
	struct mapi_globcnt_range runs[UNIVERSE];
	size_t n = 0;
	for (unsigned v = 0; v < UNIVERSE; v++) {
		if (!bits[v])
			continue;
		unsigned e = v;
		while (e + 1 < UNIVERSE && bits[e + 1] && (e + 1) % REGION != 0)
			e++;
		runs[n].low = to_globcnt(v);
		runs[n].high = to_globcnt(e);
		n++;
		v = e;
	}
	for (size_t i = n; i > 1; i--) {
		size_t j = rnd() % i;
		struct mapi_globcnt_range t = runs[i - 1];
		runs[i - 1] = runs[j];
		runs[j] = t;
	}
	s->count = 0;
	s->ranges = NULL;
	for (size_t i = 0; i < n; i++) {
		uint64_t lo = runs[i].low, hi = runs[i].high;
		if (hi - lo >= 2 && rnd() % 2) {
			uint64_t mid = lo + rnd() % (hi - lo);
			assert_int_equal(mapi_globset_add_range(mem, s, mid, hi), 0);
			assert_int_equal(mapi_globset_add_range(mem, s, lo, mid + 1), 0);
		} else {
			assert_int_equal(mapi_globset_add_range(mem, s, lo, hi), 0);
		}
	}
}

static void assert_matches_model(const struct mapi_globset *s, const bool *bits)
{
	uint64_t pop = 0;
	for (unsigned v = 0; v < UNIVERSE; v++) {
		pop += bits[v];
		if (mapi_globset_contains(s, to_globcnt(v)) != bits[v])
			fail_msg("contains(0x%012llx) disagrees with the model",
			         (unsigned long long)to_globcnt(v));
	}
	assert_true(mapi_globset_count(s) == pop);
	for (int k = 0; k < NREGIONS; k++) {
		if (region_base[k] > 0)
			assert_false(mapi_globset_contains(s, region_base[k] - 1));
		if (region_base[k] + REGION <= MAPI_GLOBCNT_MAX)
			assert_false(mapi_globset_contains(s, region_base[k] + REGION));
	}
	for (size_t i = 0; i < s->count; i++) {
		assert_true(s->ranges[i].low <= s->ranges[i].high);
		if (i > 0)
			assert_true(s->ranges[i].low > s->ranges[i - 1].high + 1);
	}
}

static void test_random_sets_round_trip(void **state)
{
	static bool a_bits[UNIVERSE], b_bits[UNIVERSE], u_bits[UNIVERSE];
	rng_state = 0x9E3779B97F4A7C15ULL;
	for (int iter = 0; iter < 300; iter++) {
		void *mem = talloc_new(*state);
		struct mapi_globset a, b, d, u = {0, NULL}, u2 = {0, NULL};
		random_set(mem, a_bits, &a);
		random_set(mem, b_bits, &b);
		assert_matches_model(&a, a_bits);

		struct wc_writer w, w2;
		wc_writer_init(&w, mem, 0);
		assert_int_equal(mapi_globset_push(&w, &a), 0);
		assert_int_equal(globset_decode(mem, w.data, w.len, &d), 0);
		assert_true(mapi_globset_equal(&a, &d));
		wc_writer_init(&w2, mem, 0);
		assert_int_equal(mapi_globset_push(&w2, &d), 0);
		tu_assert_bytes(w2.data, w2.len, w.data, w.len);
		/* never more than a Range with full values per range, plus End */
		assert_true(w.len <= 13 * a.count + 1);

		for (unsigned v = 0; v < UNIVERSE; v++)
			u_bits[v] = a_bits[v] || b_bits[v];
		assert_int_equal(mapi_globset_union(mem, &u, &a), 0);
		assert_int_equal(mapi_globset_union(mem, &u, &b), 0);
		assert_matches_model(&u, u_bits);
		assert_int_equal(mapi_globset_union(mem, &u2, &b), 0);
		assert_int_equal(mapi_globset_union(mem, &u2, &a), 0);
		assert_true(mapi_globset_equal(&u, &u2));
		assert_int_equal(mapi_globset_equal(&a, &b), memcmp(a_bits, b_bits, sizeof a_bits) == 0);

		/* the same sets as an IDSET under a few REPLIDs */
		struct mapi_idset *is = mapi_idset_new(mem, false), *id2;
		for (size_t i = 0; i < a.count; i++)
			assert_int_equal(mapi_idset_add_range(is, 3, a.ranges[i].low, a.ranges[i].high), 0);
		for (size_t i = 0; i < b.count; i++)
			assert_int_equal(mapi_idset_add_range(is, 0xFFFF, b.ranges[i].low, b.ranges[i].high),
			                 0);
		wc_writer_init(&w, mem, 0);
		assert_int_equal(mapi_idset_push(&w, is), 0);
		struct wc_reader r;
		wc_reader_init(&r, w.data, w.len);
		assert_int_equal(mapi_idset_pull(&r, mem, false, &id2), 0);
		assert_true(mapi_idset_equal(is, id2));
		unsigned v = (unsigned)(rnd() % UNIVERSE);
		assert_int_equal(mapi_idset_contains_id(id2, mapi_fid_make(3, to_globcnt(v))), a_bits[v]);
		assert_int_equal(mapi_idset_contains_id(id2, mapi_fid_make(0xFFFF, to_globcnt(v))),
		                 b_bits[v]);
		assert_false(mapi_idset_contains_id(id2, mapi_fid_make(4, to_globcnt(v))));
		talloc_free(mem);
	}
}

/* A long hostile stream decodes in one pass without per-ID memory: 20000 Bitmask commands of 9 IDs each. */
static void test_many_commands(void **state)
{
	size_t n = 20000;
	uint8_t *b = talloc_array(*state, uint8_t, 6 + 3 * n + 2);
	memcpy(b, (uint8_t[]){0x05, 0, 0, 0, 0, 0}, 6);
	for (size_t i = 0; i < n; i++) {
		b[6 + 3 * i] = 0x42;
		b[7 + 3 * i] = (uint8_t)(i % 200);
		b[8 + 3 * i] = 0xFF;
	}
	b[6 + 3 * n] = 0x50;
	b[7 + 3 * n] = 0x00;
	struct mapi_globset s;
	assert_int_equal(globset_decode(*state, b, 6 + 3 * n + 2, &s), 0);
	static const struct mapi_globcnt_range want[] = {{0, 207}};
	assert_ranges(&s, want, 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_bitmask_example),
	        TU_TEST(test_hand_built_streams),
	        TU_TEST(test_encoder_choices),
	        TU_TEST(test_malformed_streams),
	        TU_TEST(test_truncation),
	        TU_TEST(test_idset_replid_logon_fids),
	        TU_TEST(test_idset_replguid),
	        TU_TEST(test_idset_conversion_and_union),
	        TU_TEST(test_random_sets_round_trip),
	        TU_TEST(test_many_commands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
