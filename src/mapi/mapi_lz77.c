/* MS-XCA 2.3 / 2.4 Plain LZ77, the compression of MS-OXCRPC 3.1.4.1.1.2. */
#include "mapi/mapi_lz77.h"
#include "common/wc_error.h"

#include <stdbool.h>
#include <string.h>

#define LZ77_WINDOW 8192 /* MS-XCA 2.3.4: "MatchOffset <= 2^13" */
#define LZ77_MIN_MATCH 3 /* MS-XCA 2.3.4: "a match with a length of at least 3" */

static inline uint16_t get_le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static inline uint32_t get_le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static inline void put_le16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static inline void put_le32(uint8_t *p, uint32_t v)
{
	put_le16(p, v);
	put_le16(p + 2, v >> 16);
}

/* ---- decompression ---- */

/* MS-XCA 2.4.4: the length that follows a match token whose 3-bit length is 7. half_pos is the input position
 * of a length byte whose high nibble is still unused (0 = none: position 0 always holds a flag word). */
static int lz77_long_length(const uint8_t *in, size_t in_len, size_t *ip, size_t *half_pos, uint64_t *len)
{
	uint64_t l;
	if (*half_pos == 0) {
		if (*ip == in_len)
			return WC_ECORRUPT;
		l = in[*ip] & 15;
		*half_pos = (*ip)++;
	} else {
		l = in[*half_pos] >> 4;
		*half_pos = 0;
	}
	if (l == 15) {
		if (*ip == in_len)
			return WC_ECORRUPT;
		l = in[(*ip)++];
		if (l == 255) {
			/* The 2-byte (or, when that is 0, 4-byte) form carries the whole length minus 3. */
			if (in_len - *ip < 2)
				return WC_ECORRUPT;
			l = get_le16(in + *ip);
			*ip += 2;
			if (l == 0) {
				if (in_len - *ip < 4)
					return WC_ECORRUPT;
				l = get_le32(in + *ip);
				*ip += 4;
			}
			if (l < 15 + 7)
				return WC_ECORRUPT;
			l -= 15 + 7;
		}
		l += 15;
	}
	*len = l + 7;
	return 0;
}

/* MS-XCA 2.4.4 Plain LZ77 decompression */
int mapi_lz77_decompress(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
	size_t ip = 0, op = 0, half_pos = 0;
	uint32_t flags = 0;
	unsigned nflags = 0;

	for (;;) {
		if (nflags == 0) {
			if (in_len - ip < 4)
				return WC_ECORRUPT;
			flags = get_le32(in + ip);
			ip += 4;
			nflags = 32;
		}
		nflags--;
		if ((flags >> nflags & 1) == 0) {
			/* This flag and the zero flags after it in the word: a run of literals. */
			uint32_t rest = (uint32_t)(flags & (((uint64_t)2 << nflags) - 1));
			size_t run = rest == 0 ? nflags + 1 : nflags - 31 + (unsigned)__builtin_clz(rest);
			if (run > in_len - ip || run > out_len - op)
				return WC_ECORRUPT;
			memcpy(out + op, in + ip, run);
			op += run;
			ip += run;
			nflags -= (unsigned)run - 1;
			continue;
		}
		/* A match flag with the input used up is the end of the stream (the encoder pads the last
		 * flag word with ones). */
		if (ip == in_len)
			return op == out_len ? 0 : WC_ECORRUPT;
		if (in_len - ip < 2)
			return WC_ECORRUPT;
		uint16_t token = get_le16(in + ip);
		ip += 2;
		size_t offset = (size_t)(token >> 3) + 1;
		uint64_t len = token & 7;
		if (len == 7) {
			int ret = lz77_long_length(in, in_len, &ip, &half_pos, &len);
			if (ret != 0)
				return ret;
		}
		len += LZ77_MIN_MATCH;
		if (offset > op || len > out_len - op)
			return WC_ECORRUPT;
		uint8_t *dst = out + op;
		const uint8_t *src = dst - offset;
		op += (size_t)len;
		if (offset >= 8 && out_len - op >= 8) {
			/* 8 bytes at a time, each chunk wholly before the bytes it writes; the last one may
			 * run up to 7 bytes past the match into output that later items overwrite. */
			for (size_t i = 0; i < len; i += 8)
				memcpy(dst + i, src + i, 8);
		} else if (offset >= len) {
			memcpy(dst, src, (size_t)len);
		} else if (offset == 1) {
			memset(dst, *src, (size_t)len);
		} else {
			/* Overlapping copy: the match repeats bytes it has just produced, so go one byte at a
			 * time as 2.4.4 requires. */
			for (size_t i = 0; i < len; i++)
				dst[i] = src[i];
		}
	}
}

/* ---- compression ---- */

#define HASH_BITS 13
#define NO_POS UINT32_MAX
/* Tuned with bench/bench_lz77.c on 32 KiB ROP-like, text and random buffers. */
#define HASH_LEN 4   /* bytes hashed: 3-byte matches save only one byte, 4 keeps the chains selective */
#define MAX_CHAIN 32 /* candidates tried per position */
#define NICE_LEN 64  /* a match this long ends the search */
#define SKIP_SHIFT 5 /* after 2^5 positions without a match, search every 2nd position, and so on */

/* Hash chains over the window: head[] holds the latest position of each hash, prev[] the distance from a
 * position back to the previous one with the same hash (0 = none within the window). */
struct lz77_matcher {
	const uint8_t *in;
	size_t len;
	uint32_t head[1 << HASH_BITS];
	uint16_t prev[LZ77_WINDOW];
};

static inline uint32_t hash_at(const uint8_t *p)
{
	uint32_t v = (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
	return (v * 2654435761u) >> (32 - HASH_BITS);
}

/* Records position pos under its hash h. Must follow the search at pos: the slot it overwrites belongs to
 * pos - 8192, which that search may still use. */
static inline void matcher_insert(struct lz77_matcher *m, size_t pos, uint32_t h)
{
	uint32_t cand = m->head[h];
	m->prev[pos & (LZ77_WINDOW - 1)] =
	        cand != NO_POS && pos - cand <= LZ77_WINDOW ? (uint16_t)(pos - cand) : 0;
	m->head[h] = (uint32_t)pos;
}

static inline size_t common_length(const uint8_t *a, const uint8_t *b, size_t limit)
{
	size_t n = 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	while (limit - n >= 8) {
		uint64_t x, y;
		memcpy(&x, a + n, 8);
		memcpy(&y, b + n, 8);
		if (x != y)
			return n + (size_t)__builtin_ctzll(x ^ y) / 8;
		n += 8;
	}
#endif
	while (n < limit && a[n] == b[n])
		n++;
	return n;
}

/* The longest match for pos (hash h) within the window; 0 if none of 3 bytes or more. */
static inline size_t matcher_find(const struct lz77_matcher *m, size_t pos, uint32_t h, size_t *offset)
{
	const uint8_t *cur = m->in + pos;
	size_t limit = m->len - pos, best = 0;
	uint32_t cand = m->head[h];
	if (cand == NO_POS)
		return 0;
	size_t dist = pos - cand;
	for (int depth = 0; depth < MAX_CHAIN && dist <= LZ77_WINDOW; depth++) {
		const uint8_t *c = cur - dist;
		if (c[best] == cur[best]) {
			size_t l = common_length(c, cur, limit);
			if (l > best) {
				best = l;
				*offset = dist;
				if (l >= NICE_LEN || l == limit)
					break;
			}
		}
		uint16_t step = m->prev[(pos - dist) & (LZ77_WINDOW - 1)];
		if (step == 0)
			break;
		dist += step;
	}
	return best >= LZ77_MIN_MATCH ? best : 0;
}

/* The output side of MS-XCA 2.3.4: items are written in order, their flags gathered into the 32-bit word
 * reserved at flag_pos; half_pos is a length byte whose high nibble the next long match may use. */
struct lz77_out {
	uint8_t *buf;
	size_t cap;
	size_t pos;
	size_t flag_pos;
	uint32_t flags;
	unsigned nflags;
	size_t half_pos;
};

static inline bool out_room(const struct lz77_out *o, size_t n)
{
	return o->cap - o->pos >= n;
}

static inline bool out_flag(struct lz77_out *o, uint32_t bit)
{
	o->flags = o->flags << 1 | bit;
	if (++o->nflags < 32)
		return true;
	put_le32(o->buf + o->flag_pos, o->flags);
	o->nflags = 0;
	if (!out_room(o, 4))
		return false;
	o->flag_pos = o->pos;
	o->pos += 4;
	return true;
}

static inline bool out_literal(struct lz77_out *o, uint8_t b)
{
	if (!out_room(o, 1))
		return false;
	o->buf[o->pos++] = b;
	return out_flag(o, 0);
}

/* MS-XCA 2.3.4 "a valid match was found" */
static bool out_match(struct lz77_out *o, size_t len, size_t offset)
{
	uint32_t l = (uint32_t)(len - LZ77_MIN_MATCH);
	uint32_t token = (uint32_t)(offset - 1) << 3;
	if (!out_room(o, 2))
		return false;
	if (l < 7) {
		put_le16(o->buf + o->pos, token | l);
		o->pos += 2;
		return out_flag(o, 1);
	}
	put_le16(o->buf + o->pos, token | 7);
	o->pos += 2;
	l -= 7;
	uint8_t nibble = l < 15 ? (uint8_t)l : 15;
	if (o->half_pos == 0) {
		if (!out_room(o, 1))
			return false;
		o->half_pos = o->pos;
		o->buf[o->pos++] = nibble;
	} else {
		o->buf[o->half_pos] |= (uint8_t)(nibble << 4);
		o->half_pos = 0;
	}
	if (l >= 15) {
		l -= 15;
		if (l < 255) {
			if (!out_room(o, 1))
				return false;
			o->buf[o->pos++] = (uint8_t)l;
		} else {
			l += 15 + 7; /* the 2- and 4-byte forms hold the whole length minus 3 */
			if (!out_room(o, l < (1u << 16) ? 3 : 7))
				return false;
			o->buf[o->pos++] = 255;
			if (l < (1u << 16)) {
				put_le16(o->buf + o->pos, l);
				o->pos += 2;
			} else {
				put_le16(o->buf + o->pos, 0);
				put_le32(o->buf + o->pos + 2, l);
				o->pos += 6;
			}
		}
	}
	return out_flag(o, 1);
}

/* Greedy parsing: at each position take the longest match the chains offer. Incompressible stretches are
 * crossed with a growing stride (their bytes still go out as literals) so random data costs little. */
static bool lz77_compress_into(struct lz77_matcher *m, struct lz77_out *o)
{
	const uint8_t *in = m->in;
	size_t n = m->len, pos = 0, misses = 0;

	while (pos < n) {
		size_t len = 0, offset = 0;
		if (n - pos >= HASH_LEN) {
			uint32_t h = hash_at(in + pos);
			len = matcher_find(m, pos, h, &offset);
			matcher_insert(m, pos, h);
		}
		if (len == 0) {
			for (size_t step = 1 + (misses++ >> SKIP_SHIFT); step > 0 && pos < n; step--)
				if (!out_literal(o, in[pos++]))
					return false;
			continue;
		}
		misses = 0;
		if (!out_match(o, len, offset))
			return false;
		size_t end = pos + len;
		for (pos++; pos < end && n - pos >= HASH_LEN; pos++)
			matcher_insert(m, pos, hash_at(in + pos));
		pos = end;
	}
	/* MS-XCA 2.3.4: the unused flag bits of the last word are ones. With nflags == 0 the word was
	 * reserved after a full one and is all ones. */
	uint32_t flags =
	        o->nflags == 0 ? UINT32_MAX : o->flags << (32 - o->nflags) | ((1u << (32 - o->nflags)) - 1);
	put_le32(o->buf + o->flag_pos, flags);
	return true;
}

/* MS-XCA 2.3.4 Plain LZ77 compression */
int mapi_lz77_compress(TALLOC_CTX *mem, const uint8_t *in, size_t in_len, uint8_t *out, size_t out_cap,
                       size_t *out_len)
{
	if (in_len > UINT32_MAX)
		return WC_ERANGE;
	if (out_cap < 4)
		return WC_ESPACE;
	struct lz77_matcher *m = talloc(mem, struct lz77_matcher);
	if (m == NULL)
		return WC_ENOMEM;
	m->in = in;
	m->len = in_len;
	memset(m->head, 0xFF, sizeof m->head);
	struct lz77_out o = {.buf = out, .cap = out_cap, .pos = 4, .flag_pos = 0};
	bool ok = lz77_compress_into(m, &o);
	talloc_free(m);
	if (!ok)
		return WC_ESPACE;
	*out_len = o.pos;
	return 0;
}
