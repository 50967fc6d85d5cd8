/* IDSET / CNSET and GLOBSET: in-memory range sets and their serialization (MS-OXCFXICS 2.2.2.4, 2.2.2.6,
 * 3.1.5.4). See mapi_idset.h. */
#include "mapi/mapi_idset.h"
#include "common/wc_error.h"
#include "mapi/mapi_ids.h"

#include <stdlib.h>
#include <string.h>

/* ---- GLOBSET in memory ---- */

static bool valid_range(uint64_t low, uint64_t high)
{
	return low <= high && high <= MAPI_GLOBCNT_MAX;
}

/* Makes room for n ranges in total. */
static int globset_reserve(TALLOC_CTX *mem, struct mapi_globset *s, size_t n)
{
	size_t cap = s->ranges ? talloc_array_length(s->ranges) : 0;
	if (n <= cap)
		return 0;
	size_t ncap = cap ? cap : 4;
	while (ncap < n)
		ncap *= 2;
	struct mapi_globcnt_range *r = talloc_realloc(mem, s->ranges, struct mapi_globcnt_range, ncap);
	if (r == NULL)
		return WC_ENOMEM;
	s->ranges = r;
	return 0;
}

/* First index whose range ends at or after v (ranges are sorted and disjoint). */
static size_t globset_lower_bound(const struct mapi_globset *s, uint64_t v)
{
	size_t lo = 0, hi = s->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (s->ranges[mid].high < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int mapi_globset_add_range(TALLOC_CTX *mem, struct mapi_globset *s, uint64_t low, uint64_t high)
{
	if (!valid_range(low, high))
		return WC_EINVAL;
	/* Ranges i..j-1 overlap or touch [low, high] and are replaced by their union. */
	size_t i = globset_lower_bound(s, low == 0 ? 0 : low - 1);
	size_t j = i;
	while (j < s->count && s->ranges[j].low <= high + 1)
		j++;
	if (i == j) {
		if (globset_reserve(mem, s, s->count + 1) != 0)
			return WC_ENOMEM;
		memmove(&s->ranges[i + 1], &s->ranges[i], (s->count - i) * sizeof *s->ranges);
		s->ranges[i].low = low;
		s->ranges[i].high = high;
		s->count++;
		return 0;
	}
	if (s->ranges[i].low < low)
		low = s->ranges[i].low;
	if (s->ranges[j - 1].high > high)
		high = s->ranges[j - 1].high;
	s->ranges[i].low = low;
	s->ranges[i].high = high;
	memmove(&s->ranges[i + 1], &s->ranges[j], (s->count - j) * sizeof *s->ranges);
	s->count -= j - i - 1;
	return 0;
}

/* Appends [low, high] to a sorted run being built, merging with the last range when they overlap or touch. */
static void append_merged(struct mapi_globcnt_range *out, size_t *n, uint64_t low, uint64_t high)
{
	if (*n > 0 && low <= out[*n - 1].high + 1) {
		if (high > out[*n - 1].high)
			out[*n - 1].high = high;
		return;
	}
	out[*n].low = low;
	out[*n].high = high;
	(*n)++;
}

int mapi_globset_union(TALLOC_CTX *mem, struct mapi_globset *dst, const struct mapi_globset *src)
{
	if (src->count == 0)
		return 0;
	struct mapi_globcnt_range *out =
	        talloc_array(mem, struct mapi_globcnt_range, dst->count + src->count);
	if (out == NULL)
		return WC_ENOMEM;
	size_t n = 0, a = 0, b = 0;
	while (a < dst->count || b < src->count) {
		const struct mapi_globcnt_range *next;
		if (b == src->count || (a < dst->count && dst->ranges[a].low <= src->ranges[b].low))
			next = &dst->ranges[a++];
		else
			next = &src->ranges[b++];
		append_merged(out, &n, next->low, next->high);
	}
	talloc_free(dst->ranges);
	dst->ranges = out;
	dst->count = n;
	return 0;
}

bool mapi_globset_contains(const struct mapi_globset *s, uint64_t globcnt)
{
	size_t i = globset_lower_bound(s, globcnt);
	return i < s->count && s->ranges[i].low <= globcnt;
}

uint64_t mapi_globset_count(const struct mapi_globset *s)
{
	uint64_t n = 0; /* at most 2^48 GLOBCNTs: no overflow */
	for (size_t i = 0; i < s->count; i++)
		n += s->ranges[i].high - s->ranges[i].low + 1;
	return n;
}

bool mapi_globset_equal(const struct mapi_globset *a, const struct mapi_globset *b)
{
	if (a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++)
		if (a->ranges[i].low != b->ranges[i].low || a->ranges[i].high != b->ranges[i].high)
			return false;
	return true;
}

/* ---- GLOBSET decoding (MS-OXCFXICS 3.1.5.4.3.2) ---- */

struct globset_decoder {
	uint8_t stack[6];  /* the common byte stack, high-order byte first */
	int depth;         /* bytes on the stack */
	uint8_t pushed[6]; /* sizes of the Push commands still on the stack, for Pop */
	int npushed;
	struct mapi_globset raw; /* ranges as decoded: any order, may overlap */
};

static int decoder_add(TALLOC_CTX *mem, struct globset_decoder *d, uint64_t low, uint64_t high)
{
	if (globset_reserve(mem, &d->raw, d->raw.count + 1) != 0)
		return WC_ENOMEM;
	d->raw.ranges[d->raw.count].low = low;
	d->raw.ranges[d->raw.count].high = high;
	d->raw.count++;
	return 0;
}

/* The stack bytes completed by n low-order bytes read from the stream. */
static bool read_globcnt_tail(struct wc_reader *r, const struct globset_decoder *d, uint64_t *v)
{
	uint8_t b[6];
	memcpy(b, d->stack, (size_t)d->depth);
	if (!wc_read_bytes(r, b + d->depth, (size_t)(6 - d->depth)))
		return false;
	*v = mapi_globcnt_from_bytes(b);
	return true;
}

/* MS-OXCFXICS 2.2.2.6.1 Push: 1..6 high-order bytes; a sixth byte on the stack makes a singleton range and
 * is removed again at once (3.1.5.4.3.1.1). */
static int decode_push(struct wc_reader *r, TALLOC_CTX *mem, struct globset_decoder *d, int n)
{
	if (d->depth + n > 6 || !wc_read_bytes(r, d->stack + d->depth, (size_t)n))
		return WC_EFORMAT;
	if (d->depth + n == 6) {
		uint64_t v = mapi_globcnt_from_bytes(d->stack);
		return decoder_add(mem, d, v, v);
	}
	d->pushed[d->npushed++] = (uint8_t)n;
	d->depth += n;
	return 0;
}

/* MS-OXCFXICS 2.2.2.6.3 Bitmask: StartingValue and a bit for each of the 8 following low-order values; needs
 * exactly five bytes on the stack (3.1.5.4.3.2.3). */
static int decode_bitmask(struct wc_reader *r, TALLOC_CTX *mem, struct globset_decoder *d)
{
	uint8_t start, mask;
	if (d->depth != 5 || !wc_read_u8(r, &start) || !wc_read_u8(r, &mask))
		return WC_EFORMAT;
	uint8_t b[6];
	memcpy(b, d->stack, 5);
	b[5] = 0;
	uint64_t base = mapi_globcnt_from_bytes(b);
	/* Value start + k is in the set for k = 0 and for each k whose bit k - 1 is set. */
	unsigned run_start = start;
	for (unsigned k = 1; k <= 9; k++) {
		bool in = k < 9 && (mask >> (k - 1) & 1);
		bool prev_in = k == 1 || (mask >> (k - 2) & 1);
		if (in && start + k > 0xFF)
			return WC_EFORMAT; /* would carry into the five common bytes */
		if (in && !prev_in)
			run_start = start + k;
		if (!in && prev_in) {
			int ret = decoder_add(mem, d, base + run_start, base + start + k - 1);
			if (ret != 0)
				return ret;
		}
	}
	return 0;
}

static int range_cmp(const void *a, const void *b)
{
	const struct mapi_globcnt_range *x = a, *y = b;
	return x->low < y->low ? -1 : x->low > y->low;
}

/* Sorts and merges the decoded ranges into a new array on mem. */
static int decoder_finish(TALLOC_CTX *mem, struct globset_decoder *d, struct mapi_globset *s)
{
	struct mapi_globset out = {0, NULL};
	if (d->raw.count > 0) {
		qsort(d->raw.ranges, d->raw.count, sizeof *d->raw.ranges, range_cmp);
		out.ranges = talloc_array(mem, struct mapi_globcnt_range, d->raw.count);
		if (out.ranges == NULL)
			return WC_ENOMEM;
		for (size_t i = 0; i < d->raw.count; i++)
			append_merged(out.ranges, &out.count, d->raw.ranges[i].low, d->raw.ranges[i].high);
	}
	*s = out;
	return 0;
}

/* MS-OXCFXICS 2.2.2.6 GLOBSET, decoded per 3.1.5.4.3.2 */
int mapi_globset_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_globset *s)
{
	size_t start = r->pos;
	struct globset_decoder d;
	memset(&d, 0, sizeof d);
	TALLOC_CTX *tmp = talloc_new(mem);
	if (tmp == NULL)
		return WC_ENOMEM;
	int ret = 0;
	for (;;) {
		uint8_t cmd;
		uint64_t low, high;
		if (!wc_read_u8(r, &cmd)) {
			ret = WC_EFORMAT; /* no End command */
			break;
		}
		if (cmd >= 0x01 && cmd <= MAPI_GLOBSET_PUSH_MAX) {
			ret = decode_push(r, tmp, &d, cmd);
		} else if (cmd == MAPI_GLOBSET_POP) {
			/* 2.2.2.6.2: removes the bytes of the last Push; never on an empty stack
			 * (3.1.5.4.3.1.2) */
			if (d.npushed == 0)
				ret = WC_EFORMAT;
			else
				d.depth -= d.pushed[--d.npushed];
		} else if (cmd == MAPI_GLOBSET_BITMASK) {
			ret = decode_bitmask(r, tmp, &d);
		} else if (cmd == MAPI_GLOBSET_RANGE) {
			/* 2.2.2.6.4: LowValue and HighValue, 6 minus the stack depth bytes each; low <= high
			 */
			if (!read_globcnt_tail(r, &d, &low) || !read_globcnt_tail(r, &d, &high) || low > high)
				ret = WC_EFORMAT;
			else
				ret = decoder_add(tmp, &d, low, high);
		} else if (cmd == MAPI_GLOBSET_END) {
			/* 2.2.2.6.5: End only with an empty stack (3.1.5.4.3.1.5) */
			ret = d.depth == 0 ? decoder_finish(mem, &d, s) : WC_EFORMAT;
			break;
		} else {
			ret = WC_EFORMAT;
		}
		if (ret != 0)
			break;
	}
	talloc_free(tmp);
	if (ret != 0)
		r->pos = start;
	return ret;
}

/* ---- GLOBSET encoding (MS-OXCFXICS 3.1.5.4.3.1) ---- */

static uint8_t byte_at(uint64_t v, int i)
{
	return (uint8_t)(v >> (8 * (5 - i)));
}

static int common_prefix(uint64_t a, uint64_t b)
{
	int p = 0;
	while (p < 6 && byte_at(a, p) == byte_at(b, p))
		p++;
	return p;
}

/* Push command with bytes from..to-1 of v. */
static void emit_push(struct wc_writer *w, uint64_t v, int from, int to)
{
	wc_write_u8(w, (uint8_t)(to - from));
	for (int i = from; i < to; i++)
		wc_write_u8(w, byte_at(v, i));
}

static void emit_range(struct wc_writer *w, const struct mapi_globcnt_range *r, int depth)
{
	wc_write_u8(w, MAPI_GLOBSET_RANGE);
	for (int i = depth; i < 6; i++)
		wc_write_u8(w, byte_at(r->low, i));
	for (int i = depth; i < 6; i++)
		wc_write_u8(w, byte_at(r->high, i));
}

/* All ranges share five high-order bytes (on the stack): only low-order bytes remain. Ranges that fit in
 * the nine values after a StartingValue go into one Bitmask command when there are at least two of them
 * (3 bytes instead of 4 or more); a lone singleton is a 1-byte Push (2 bytes), anything else a Range. */
static void encode_low_bytes(struct wc_writer *w, const struct mapi_globcnt_range *r, size_t n)
{
	size_t i = 0;
	while (i < n) {
		unsigned s = byte_at(r[i].low, 5);
		size_t j = i;
		while (j < n && byte_at(r[j].high, 5) <= s + 8)
			j++;
		if (j - i >= 2) {
			uint8_t mask = 0;
			for (size_t k = i; k < j; k++)
				for (unsigned v = byte_at(r[k].low, 5); v <= byte_at(r[k].high, 5); v++)
					if (v != s)
						mask |= (uint8_t)(1u << (v - s - 1));
			wc_write_u8(w, MAPI_GLOBSET_BITMASK);
			wc_write_u8(w, (uint8_t)s);
			wc_write_u8(w, mask);
			i = j;
		} else if (r[i].low == r[i].high) {
			emit_push(w, r[i].low, 5, 6);
			i++;
		} else {
			emit_range(w, &r[i], 5);
			i++;
		}
	}
}

static void encode_group(struct wc_writer *w, const struct mapi_globcnt_range *r, size_t n, int depth);

/* The ranges share depth high-order bytes (already on the stack) and no more than that as a whole. A range
 * whose own low and high differ at byte depth is a Range command; runs of ranges that agree on byte depth
 * share a longer prefix and are encoded as a group. */
static void encode_body(struct wc_writer *w, const struct mapi_globcnt_range *r, size_t n, int depth)
{
	if (depth == 5) {
		encode_low_bytes(w, r, n);
		return;
	}
	size_t i = 0;
	while (i < n) {
		if (common_prefix(r[i].low, r[i].high) <= depth) {
			emit_range(w, &r[i], depth);
			i++;
			continue;
		}
		uint8_t b = byte_at(r[i].low, depth);
		size_t j = i + 1;
		while (j < n && common_prefix(r[j].low, r[j].high) > depth && byte_at(r[j].low, depth) == b)
			j++;
		encode_group(w, r + i, j - i, depth);
		i = j;
	}
}

/* Pushes the bytes the group shares beyond depth, encodes it, and pops them again. A single GLOBCNT is a Push
 * that completes all six bytes (3.1.5.4.3.1.1): it needs no Pop. Recursion depth is at most 6. */
static void encode_group(struct wc_writer *w, const struct mapi_globcnt_range *r, size_t n, int depth)
{
	int p = common_prefix(r[0].low, r[n - 1].high);
	if (p == 6) {
		emit_push(w, r[0].low, depth, 6);
		return;
	}
	if (n == 1 && p - depth <= 2) {
		/* Push + Range + Pop costs 15 - p - depth bytes, a Range here 13 - 2 * depth. */
		emit_range(w, r, depth);
		return;
	}
	if (p > depth)
		emit_push(w, r[0].low, depth, p);
	encode_body(w, r, n, p);
	if (p > depth)
		wc_write_u8(w, MAPI_GLOBSET_POP);
}

int mapi_globset_push(struct wc_writer *w, const struct mapi_globset *s)
{
	for (size_t i = 0; i < s->count; i++)
		if (!valid_range(s->ranges[i].low, s->ranges[i].high) ||
		    (i > 0 && s->ranges[i].low <= s->ranges[i - 1].high + 1))
			return WC_EINVAL; /* not a normalised set */
	if (s->count > 0)
		encode_group(w, s->ranges, s->count, 0);
	wc_write_u8(w, MAPI_GLOBSET_END);
	return wc_writer_status(w);
}

/* ---- IDSET ---- */

struct mapi_idset *mapi_idset_new(TALLOC_CTX *mem, bool guid_based)
{
	struct mapi_idset *s = talloc_zero(mem, struct mapi_idset);
	if (s != NULL)
		s->guid_based = guid_based;
	return s;
}

static int entry_cmp(const struct mapi_idset *s, const struct mapi_idset_entry *e, uint16_t replid,
                     const struct wc_guid *guid)
{
	if (s->guid_based)
		return mapi_guid_compare(&e->replguid, guid);
	return e->replid < replid ? -1 : e->replid > replid;
}

/* Index of the entry with this key, or where it belongs (*found false). */
static size_t idset_find(const struct mapi_idset *s, uint16_t replid, const struct wc_guid *guid, bool *found)
{
	size_t lo = 0, hi = s->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = entry_cmp(s, &s->entries[mid], replid, guid);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

/* Adds set (whose ranges are on s, and which the entry takes over or frees) under a key. */
static int idset_merge_set(struct mapi_idset *s, uint16_t replid, const struct wc_guid *guid,
                           struct mapi_globset *set)
{
	bool found;
	if (set->count == 0) {
		talloc_free(set->ranges);
		return 0;
	}
	size_t i = idset_find(s, replid, guid, &found);
	if (found) {
		int ret = mapi_globset_union(s, &s->entries[i].set, set);
		talloc_free(set->ranges);
		return ret;
	}
	size_t cap = s->entries ? talloc_array_length(s->entries) : 0;
	if (s->count == cap) {
		struct mapi_idset_entry *e =
		        talloc_realloc(s, s->entries, struct mapi_idset_entry, cap ? cap * 2 : 4);
		if (e == NULL) {
			talloc_free(set->ranges);
			return WC_ENOMEM;
		}
		s->entries = e;
	}
	memmove(&s->entries[i + 1], &s->entries[i], (s->count - i) * sizeof *s->entries);
	memset(&s->entries[i], 0, sizeof s->entries[i]);
	s->entries[i].replid = replid;
	if (guid != NULL)
		s->entries[i].replguid = *guid;
	s->entries[i].set = *set;
	s->count++;
	return 0;
}

static int idset_add(struct mapi_idset *s, uint16_t replid, const struct wc_guid *guid, uint64_t low,
                     uint64_t high)
{
	struct mapi_globset one = {0, NULL};
	if (!valid_range(low, high))
		return WC_EINVAL;
	int ret = mapi_globset_add_range(s, &one, low, high);
	return ret != 0 ? ret : idset_merge_set(s, replid, guid, &one);
}

int mapi_idset_add_range(struct mapi_idset *s, uint16_t replid, uint64_t low, uint64_t high)
{
	if (s->guid_based)
		return WC_EINVAL;
	return idset_add(s, replid, NULL, low, high);
}

int mapi_idset_add_id(struct mapi_idset *s, uint64_t id)
{
	uint64_t g = mapi_fid_globcnt(id);
	return mapi_idset_add_range(s, mapi_fid_replid(id), g, g);
}

int mapi_idset_add_guid_range(struct mapi_idset *s, const struct wc_guid *replguid, uint64_t low,
                              uint64_t high)
{
	if (!s->guid_based)
		return WC_EINVAL;
	return idset_add(s, 0, replguid, low, high);
}

bool mapi_idset_contains_id(const struct mapi_idset *s, uint64_t id)
{
	bool found;
	if (s->guid_based)
		return false;
	size_t i = idset_find(s, mapi_fid_replid(id), NULL, &found);
	return found && mapi_globset_contains(&s->entries[i].set, mapi_fid_globcnt(id));
}

bool mapi_idset_contains_guid(const struct mapi_idset *s, const struct wc_guid *replguid, uint64_t globcnt)
{
	bool found;
	if (!s->guid_based)
		return false;
	size_t i = idset_find(s, 0, replguid, &found);
	return found && mapi_globset_contains(&s->entries[i].set, globcnt);
}

/* Copies a set's ranges onto mem. */
static int globset_copy(TALLOC_CTX *mem, const struct mapi_globset *src, struct mapi_globset *dst)
{
	dst->count = 0;
	dst->ranges = NULL;
	return mapi_globset_union(mem, dst, src);
}

int mapi_idset_union(struct mapi_idset *dst, const struct mapi_idset *src)
{
	if (dst->guid_based != src->guid_based)
		return WC_EINVAL;
	for (size_t i = 0; i < src->count; i++) {
		const struct mapi_idset_entry *e = &src->entries[i];
		struct mapi_globset copy;
		int ret = globset_copy(dst, &e->set, &copy);
		if (ret == 0)
			ret = idset_merge_set(dst, e->replid, src->guid_based ? &e->replguid : NULL, &copy);
		if (ret != 0)
			return ret;
	}
	return 0;
}

uint64_t mapi_idset_count(const struct mapi_idset *s)
{
	uint64_t n = 0;
	for (size_t i = 0; i < s->count; i++) {
		uint64_t c = mapi_globset_count(&s->entries[i].set);
		if (n > UINT64_MAX - c)
			return UINT64_MAX;
		n += c;
	}
	return n;
}

bool mapi_idset_equal(const struct mapi_idset *a, const struct mapi_idset *b)
{
	if (a->guid_based != b->guid_based || a->count != b->count)
		return false;
	for (size_t i = 0; i < a->count; i++) {
		const struct mapi_idset_entry *x = &a->entries[i], *y = &b->entries[i];
		if (entry_cmp(a, x, y->replid, &y->replguid) != 0 || !mapi_globset_equal(&x->set, &y->set))
			return false;
	}
	return true;
}

/* The conversions share everything but the key mapping. */
static int idset_convert(TALLOC_CTX *mem, const struct mapi_idset *s, bool to_guid,
                         mapi_replid_to_guid_fn to_g, mapi_guid_to_replid_fn to_r, void *ctx,
                         struct mapi_idset **out)
{
	if (s->guid_based == to_guid)
		return WC_EINVAL;
	struct mapi_idset *n = mapi_idset_new(mem, to_guid);
	if (n == NULL)
		return WC_ENOMEM;
	for (size_t i = 0; i < s->count; i++) {
		const struct mapi_idset_entry *e = &s->entries[i];
		struct wc_guid guid = {0, 0, 0, {0}};
		uint16_t replid = 0;
		struct mapi_globset copy;
		int ret = to_guid ? to_g(ctx, e->replid, &guid) : to_r(ctx, &e->replguid, &replid);
		if (ret == 0)
			ret = globset_copy(n, &e->set, &copy);
		if (ret == 0)
			ret = idset_merge_set(n, replid, to_guid ? &guid : NULL, &copy);
		if (ret != 0) {
			talloc_free(n);
			return ret;
		}
	}
	*out = n;
	return 0;
}

int mapi_idset_to_guid_based(TALLOC_CTX *mem, const struct mapi_idset *s, mapi_replid_to_guid_fn map,
                             void *ctx, struct mapi_idset **out)
{
	return idset_convert(mem, s, true, map, NULL, ctx, out);
}

int mapi_idset_to_replid_based(TALLOC_CTX *mem, const struct mapi_idset *s, mapi_guid_to_replid_fn map,
                               void *ctx, struct mapi_idset **out)
{
	return idset_convert(mem, s, false, NULL, map, ctx, out);
}

/* MS-OXCFXICS 2.2.2.4.1 (REPLID, GLOBSET) pairs / 2.2.2.4.2 (REPLGUID, GLOBSET) pairs */
int mapi_idset_pull(struct wc_reader *r, TALLOC_CTX *mem, bool guid_based, struct mapi_idset **out)
{
	size_t start = r->pos;
	struct mapi_idset *s = mapi_idset_new(mem, guid_based);
	if (s == NULL)
		return WC_ENOMEM;
	while (wc_reader_left(r) > 0) {
		uint16_t replid = 0;
		struct wc_guid guid = {0, 0, 0, {0}};
		struct mapi_globset set;
		int ret = WC_EFORMAT;
		bool key = guid_based ? wc_read_guid(r, &guid) : wc_read_u16(r, &replid);
		if (key)
			ret = mapi_globset_pull(r, s, &set);
		if (ret == 0)
			ret = idset_merge_set(s, replid, guid_based ? &guid : NULL, &set);
		if (ret != 0) {
			talloc_free(s);
			r->pos = start;
			return ret;
		}
	}
	*out = s;
	return 0;
}

int mapi_idset_push(struct wc_writer *w, const struct mapi_idset *s)
{
	for (size_t i = 0; i < s->count; i++) {
		const struct mapi_idset_entry *e = &s->entries[i];
		if (s->guid_based)
			wc_write_guid(w, &e->replguid);
		else
			wc_write_u16(w, e->replid);
		int ret = mapi_globset_push(w, &e->set);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(w);
}
