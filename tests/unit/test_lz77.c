/* src/mapi/mapi_lz77.c: MS-XCA Plain LZ77 (MS-OXCRPC 3.1.4.1.1.2). */
#include "testutil.h"
#include "mapi/mapi_lz77.h"
#include "common/wc_error.h"

#include <stdlib.h>
#include <string.h>

/* ---- an oracle: MS-XCA 2.4.4 transcribed line by line ----
 *
 * Written from the pseudocode alone, one byte at a time, with the check "if the code that follows reads or
 * writes outside the provided buffers at any time, an implementation MUST return an error" spelled out at
 * every access. It reports how many bytes it produced; the codec under test must succeed exactly when this
 * succeeds with out_size bytes, and produce the same bytes. */
/* "read N bytes at InputPosition": little-endian, as everywhere in MS-XCA */
static uint32_t read_le(const uint8_t *p, int n)
{
	uint32_t v = 0;
	for (int i = n - 1; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static int ref_decompress(const uint8_t *in, size_t in_size, uint8_t *out, size_t out_size, size_t *produced)
{
	uint32_t buffered_flags = 0, buffered_flag_count = 0;
	size_t input_position = 0, output_position = 0, last_length_half_byte = 0;
	for (;;) {
		if (buffered_flag_count == 0) {
			if (input_position + 4 > in_size)
				return -1;
			buffered_flags = read_le(in + input_position, 4);
			input_position += 4;
			buffered_flag_count = 32;
		}
		buffered_flag_count = buffered_flag_count - 1;
		if ((buffered_flags & (1u << buffered_flag_count)) == 0) {
			if (input_position >= in_size || output_position >= out_size)
				return -1;
			out[output_position++] = in[input_position++];
			continue;
		}
		if (input_position == in_size) {
			*produced = output_position;
			return 0;
		}
		if (input_position + 2 > in_size)
			return -1;
		uint64_t match_bytes = read_le(in + input_position, 2);
		input_position += 2;
		uint64_t match_length = match_bytes % 8;
		uint64_t match_offset = match_bytes / 8 + 1;
		if (match_length == 7) {
			if (last_length_half_byte == 0) {
				if (input_position + 1 > in_size)
					return -1;
				match_length = in[input_position];
				match_length = match_length % 16;
				last_length_half_byte = input_position;
				input_position += 1;
			} else {
				match_length = in[last_length_half_byte];
				match_length = match_length / 16;
				last_length_half_byte = 0;
			}
			if (match_length == 15) {
				if (input_position + 1 > in_size)
					return -1;
				match_length = in[input_position];
				input_position += 1;
				if (match_length == 255) {
					if (input_position + 2 > in_size)
						return -1;
					match_length = read_le(in + input_position, 2);
					input_position += 2;
					if (match_length == 0) {
						if (input_position + 4 > in_size)
							return -1;
						match_length = read_le(in + input_position, 4);
						input_position += 4;
					}
					if (match_length < 15 + 7)
						return -1;
					match_length -= (15 + 7);
				}
				match_length += 15;
			}
			match_length += 7;
		}
		match_length += 3;
		for (uint64_t i = 0; i < match_length; i++) {
			if (output_position >= out_size || output_position < match_offset)
				return -1;
			out[output_position] = out[output_position - match_offset];
			output_position += 1;
		}
	}
}

/* Both decoders on the same stream: they must agree on success and on the bytes. Returns our result. */
static int decompress_both(const uint8_t *in, size_t in_len, uint8_t *out, size_t out_len)
{
	uint8_t *ref = malloc(out_len + 1);
	size_t produced = 0;
	bool ref_ok = ref_decompress(in, in_len, ref, out_len, &produced) == 0 && produced == out_len;
	int ret = mapi_lz77_decompress(in, in_len, out, out_len);
	assert_int_equal(ret == 0, ref_ok);
	assert_true(ret == 0 || ret == WC_ECORRUPT);
	if (ret == 0)
		tu_assert_bytes(out, out_len, ref, out_len);
	free(ref);
	return ret;
}

/* ---- inputs ---- */

static uint32_t rng_state = 12345;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

enum kind { K_RANDOM, K_ZEROS, K_PERIODIC, K_FOUR_SYMBOLS, K_TEXT, K_KINDS };

static uint8_t *make_input(TALLOC_CTX *mem, enum kind k, size_t n)
{
	static const char *words[] = {"the ",      "server ", "MUST ", "return ",  "a ",   "ROP ",
	                              "response ", "buffer ", "with ", "RopSize ", "and ", "handles. "};
	uint8_t *b = talloc_size(mem, n + 1);
	size_t i = 0;
	while (i < n) {
		switch (k) {
		case K_RANDOM:
			b[i++] = (uint8_t)rng();
			break;
		case K_ZEROS:
			b[i++] = 0;
			break;
		case K_PERIODIC:
			b[i] = (uint8_t)("abcdefg"[i % 7]);
			i++;
			break;
		case K_FOUR_SYMBOLS:
			b[i++] = (uint8_t)("ACGT"[rng() & 3]);
			break;
		default: {
			const char *w = words[rng() % 12];
			for (; *w != '\0' && i < n; w++)
				b[i++] = (uint8_t)*w;
		}
		}
	}
	return b;
}

/* Compress with ours, check the bound, decode with both decoders, compare. Returns the compressed size. */
static size_t round_trip(TALLOC_CTX *mem, const uint8_t *in, size_t n)
{
	size_t cap = MAPI_LZ77_BOUND(n), clen = 0;
	uint8_t *c = talloc_size(mem, cap);
	assert_int_equal(mapi_lz77_compress(mem, in, n, c, cap, &clen), 0);
	assert_true(clen <= cap && clen >= 4);
	uint8_t *back = talloc_size(mem, n + 1);
	assert_int_equal(decompress_both(c, clen, back, n), 0);
	tu_assert_bytes(back, n, in, n);
	talloc_free(back);
	talloc_free(c);
	return clen;
}

static void check_vector_decodes(TALLOC_CTX *mem, const char *file, const uint8_t *plain, size_t plain_len)
{
	size_t clen;
	uint8_t *c = tu_vector(mem, file, "compressed", &clen);
	uint8_t *out = talloc_size(mem, plain_len + 1);
	assert_int_equal(decompress_both(c, clen, out, plain_len), 0);
	tu_assert_bytes(out, plain_len, plain, plain_len);
}

/* ---- the spec's examples ---- */

/* MS-XCA 3.1, first example */
static void test_spec_alphabet_decompresses(void **state)
{
	size_t plen;
	uint8_t *plain = tu_vector(*state, "MS-XCA-3.1-plain-lz77-alphabet.hex", "plain", &plen);
	assert_int_equal(plen, 26);
	assert_memory_equal(plain, "abcdefghijklmnopqrstuvwxyz", 26);
	check_vector_decodes(*state, "MS-XCA-3.1-plain-lz77-alphabet.hex", plain, plen);
}

/* MS-XCA 3.1, second example */
static void test_spec_abc300_decompresses(void **state)
{
	uint8_t plain[300];
	for (size_t i = 0; i < sizeof plain; i++)
		plain[i] = (uint8_t)("abc"[i % 3]);
	check_vector_decodes(*state, "MS-XCA-3.1-plain-lz77-abc300.hex", plain, sizeof plain);
}

/* Our encoder follows MS-XCA 2.3.4 to the byte: both examples come out exactly as the spec prints them. */
static void test_spec_examples_compress_to_spec_bytes(void **state)
{
	uint8_t out[64], abc[300];
	size_t want_len, got_len;
	for (size_t i = 0; i < sizeof abc; i++)
		abc[i] = (uint8_t)("abc"[i % 3]);

	uint8_t *want = tu_vector(*state, "MS-XCA-3.1-plain-lz77-alphabet.hex", "compressed", &want_len);
	assert_int_equal(mapi_lz77_compress(*state, (const uint8_t *)"abcdefghijklmnopqrstuvwxyz", 26, out,
	                                    sizeof out, &got_len),
	                 0);
	tu_assert_bytes(out, got_len, want, want_len);

	want = tu_vector(*state, "MS-XCA-3.1-plain-lz77-abc300.hex", "compressed", &want_len);
	assert_int_equal(mapi_lz77_compress(*state, abc, sizeof abc, out, sizeof out, &got_len), 0);
	tu_assert_bytes(out, got_len, want, want_len);
}

/* Streams from an independent encoder (see the vector headers): texts with nibble sharing in both halves,
 * 1- and 2-byte long lengths, and an offset of 8190 near the 8192 limit. */
static void test_independent_streams_decompress(void **state)
{
	static const char *files[] = {"MS-XCA-2.4-independent-text.hex", "MS-XCA-2.4-independent-rows.hex",
	                              "MS-XCA-2.4-independent-far.hex"};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t plen;
		uint8_t *plain = tu_vector(*state, files[i], "plain", &plen);
		check_vector_decodes(*state, files[i], plain, plen);
		/* and our own encoding of the same input decodes to it too */
		round_trip(*state, plain, plen);
	}
	uint8_t *run = talloc_size(*state, 70000);
	memset(run, 'x', 70000);
	check_vector_decodes(*state, "MS-XCA-2.4-independent-run70000.hex", run, 70000);
}

/* ---- hand-built streams for each length form (MS-XCA 2.4.4) ---- */

static void expect_decodes(const char *hex, const char *want)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t n, want_len = strlen(want);
	uint8_t *in = tu_hex(mem, hex, &n);
	uint8_t *out = talloc_size(mem, want_len + 1);
	assert_int_equal(decompress_both(in, n, out, want_len), 0);
	tu_assert_bytes(out, want_len, want, want_len);
	talloc_free(mem);
}

static void expect_corrupt(const char *hex, size_t out_len)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t n;
	uint8_t *in = tu_hex(mem, hex, &n);
	uint8_t *out = talloc_size(mem, out_len + 1);
	assert_int_equal(decompress_both(in, n, out, out_len), WC_ECORRUPT);
	talloc_free(mem);
}

static void test_short_and_nibble_shared_lengths(void **state)
{
	/* flags 0x0FFFFFFF: bits 31..28 are 0 = four literals "abcd"; bits 27..25 are 1 = three matches; bit
	 * 24 is 1 with the input used up = end of stream. */
	expect_decodes(
	        "ffffff0f"
	        "61626364"
	        /* token (4-1)<<3 | (5-3) = 0x001A: offset 4, length 5 -> "abcda" */
	        "1a00"
	        /* token (4-1)<<3 | 7 = 0x001F: length 7+ -> new length byte, low nibble 3: 3+7+3 = 13 */
	        "1f00 23"
	        /* token 0x001F again: takes the HIGH nibble of the byte above (2): 2+7+3 = 12 */
	        "1f00",
	        "abcd"
	        "abcda"
	        "bcdabcdabcdab"
	        "cdabcdabcdab");
}

static void test_one_byte_extra_length(void **state)
{
	/* "a", then match offset 1 length 3+7+15+200 = 225: token 0x0007, nibble 15, byte 200 (0xC8). */
	char want[227];
	memset(want, 'a', 226);
	want[226] = '\0';
	expect_decodes("ffffff7f 61 0700 0f c8", want);
	/* nibble 15 and extra byte 254 is the largest 1-byte form: 3+7+15+254 = 279 */
	char want2[281];
	memset(want2, 'a', 280);
	want2[280] = '\0';
	expect_decodes("ffffff7f 61 0700 0f fe", want2);
}

static void test_two_and_four_byte_lengths(void **state)
{
	char *want = talloc_size(*state, 70001);
	/* 2-byte form: 255 then 0x0118 = 280 -> length 283 */
	memset(want, 'a', 284);
	want[284] = '\0';
	expect_decodes("ffffff7f 61 0700 0f ff 1801", want);
	/* 4-byte form: 255, 0x0000, then 0x0001116C = 69996 -> length 69999 (what our encoder writes for a
	 * match of 69999) */
	memset(want, 'a', 70000);
	want[70000] = '\0';
	expect_decodes("ffffff7f 61 0700 0f ff 0000 6c110100", want);
	/* Lengths that a minimal encoder would write shorter are still valid streams: 2-byte 22 (the smallest
	 * allowed, length 25) and 4-byte 22. */
	memset(want, 'a', 26);
	want[26] = '\0';
	expect_decodes("ffffff7f 61 0700 0f ff 1600", want);
	expect_decodes("ffffff7f 61 0700 0f ff 0000 16000000", want);
}

static void test_end_after_full_flag_word(void **state)
{
	/* 32 literals fill the first flag word; the encoder then reserves a new one, all ones at the end. */
	expect_decodes("00000000"
	               "3031323334353637383930313233343536373839303132333435363738393031"
	               "ffffffff",
	               "01234567890123456789012345678901");
	/* Our encoder writes the same. */
	uint8_t out[64];
	size_t len;
	assert_int_equal(mapi_lz77_compress(*state, (const uint8_t *)"01234567890123456789012345678901", 32,
	                                    out, sizeof out, &len),
	                 0);
	/* "0123456789" repeats, so ours finds a match: just check it decodes. */
	uint8_t back[32];
	assert_int_equal(decompress_both(out, len, back, 32), 0);
	assert_memory_equal(back, "01234567890123456789012345678901", 32);
}

/* ---- every way a stream can be bad ---- */

static void test_errors(void **state)
{
	expect_corrupt("", 0);                            /* no flag word at all */
	expect_corrupt("ffffff", 0);                      /* truncated flag word */
	expect_corrupt("00000000", 1);                    /* literal flag but no literal byte */
	expect_corrupt("3f000000 6162", 1);               /* literal beyond out_len */
	expect_corrupt("3f000000 6162", 3);               /* stream ends with 2 of 3 bytes */
	expect_corrupt("ffffffff 0000", 3);               /* match before any output: offset before start */
	expect_corrupt("ffffff7f 61 0800", 4);            /* offset 2 with 1 byte of output */
	expect_corrupt("ffffff7f 61 00", 4);              /* truncated match token */
	expect_corrupt("ffffff7f 61 0700", 20);           /* missing length nibble byte */
	expect_corrupt("ffffff7f 61 0700 0f", 300);       /* missing 1-byte extra length */
	expect_corrupt("ffffff7f 61 0700 0f ff 18", 300); /* truncated 2-byte length */
	expect_corrupt("ffffff7f 61 0700 0f ff 0000 6c1101", 70000);  /* truncated 4-byte length */
	expect_corrupt("ffffff7f 61 0700 0f ff 1500", 25);            /* 2-byte length 21 < 22 */
	expect_corrupt("ffffff7f 61 0700 0f ff 0000 15000000", 25);   /* 4-byte length 21 < 22 */
	expect_corrupt("ffffff7f 61 0700 0f ff 0000 ffffffff", 1000); /* 4 GiB match into 1000 bytes */
	expect_corrupt("ffffff7f 61 0000", 3);                        /* match of 3 overruns out_len 3 */
	expect_corrupt("ffffff1f 616263 1700 0f ff 2601", 299);       /* spec example into one byte too few */
	expect_corrupt("ffffff1f 616263 1700 0f ff 2601", 301);       /* ... and one too many */
	/* data after the end of a valid stream */
	expect_corrupt("3f000000 6162636465666768696a6b6c6d6e6f707172737475767778797a 00", 26);
	expect_corrupt("3f000000 6162636465666768696a6b6c6d6e6f707172737475767778797a 0000", 26);
}

/* Every strict prefix of a valid stream is an error (never a crash, never a "success" with a short result).
 */
static void check_all_prefixes_fail(const uint8_t *c, size_t clen, size_t out_len)
{
	uint8_t *out = malloc(out_len + 1);
	for (size_t n = 0; n < clen; n++) {
		/* a copy of exactly n bytes so that ASan sees any read past the prefix */
		uint8_t *p = malloc(n + 1);
		memcpy(p, c, n);
		assert_int_equal(decompress_both(p, n, out, out_len), WC_ECORRUPT);
		free(p);
	}
	free(out);
}

static void test_truncation_at_every_prefix(void **state)
{
	static const char *files[] = {"MS-XCA-3.1-plain-lz77-alphabet.hex",
	                              "MS-XCA-3.1-plain-lz77-abc300.hex", "MS-XCA-2.4-independent-text.hex",
	                              "MS-XCA-2.4-independent-rows.hex",
	                              "MS-XCA-2.4-independent-run70000.hex"};
	static const size_t plain_len[] = {26, 300, 886, 2088, 70000};
	for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
		size_t clen;
		uint8_t *c = tu_vector(*state, files[i], "compressed", &clen);
		check_all_prefixes_fail(c, clen, plain_len[i]);
	}
	/* and our own output for a mixed input */
	uint8_t *in = make_input(*state, K_TEXT, 3000);
	uint8_t *c = talloc_size(*state, MAPI_LZ77_BOUND(3000));
	size_t clen;
	assert_int_equal(mapi_lz77_compress(*state, in, 3000, c, MAPI_LZ77_BOUND(3000), &clen), 0);
	check_all_prefixes_fail(c, clen, 3000);
}

/* Random damage to valid streams: our decoder and the oracle must agree on every one. */
static void test_damaged_streams_agree_with_oracle(void **state)
{
	for (int round = 0; round < 3000; round++) {
		TALLOC_CTX *mem = talloc_new(NULL);
		size_t n = rng() % 600, clen;
		uint8_t *in = make_input(mem, (enum kind)(round % K_KINDS), n);
		uint8_t *c = talloc_size(mem, MAPI_LZ77_BOUND(n));
		assert_int_equal(mapi_lz77_compress(mem, in, n, c, MAPI_LZ77_BOUND(n), &clen), 0);
		int flips = 1 + (int)(rng() % 3);
		for (int f = 0; f < flips; f++)
			c[rng() % clen] ^= (uint8_t)(1u << (rng() % 8));
		size_t out_len = rng() % 4 == 0 ? n + rng() % 8 : n;
		uint8_t *out = talloc_size(mem, out_len + 1);
		decompress_both(c, clen, out, out_len);
		talloc_free(mem);
	}
}

/* ---- compression ---- */

static void test_round_trips_of_many_sizes_and_kinds(void **state)
{
	static const size_t sizes[] = {0,    1,    2,     3,     4,     5,     31,    32,
	                               33,   63,   64,    65,    100,   1000,  8191,  8192,
	                               8193, 9000, 32768, 65535, 65536, 70000, 200000};
	for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
		for (int k = 0; k < K_KINDS; k++) {
			TALLOC_CTX *mem = talloc_new(NULL);
			uint8_t *in = make_input(mem, (enum kind)k, sizes[s]);
			round_trip(mem, in, sizes[s]);
			talloc_free(mem);
		}
	}
	/* random sizes, random kinds */
	for (int i = 0; i < 300; i++) {
		TALLOC_CTX *mem = talloc_new(NULL);
		size_t n = rng() % 20000;
		uint8_t *in = make_input(mem, (enum kind)(rng() % K_KINDS), n);
		round_trip(mem, in, n);
		talloc_free(mem);
	}
}

/* A mix of kinds in one buffer: matches cross from one regime into the next. */
static void test_round_trip_of_mixed_regimes(void **state)
{
	size_t n = 0;
	uint8_t *buf = talloc_size(*state, 1 << 20);
	while (n < (1 << 20) - 70000) {
		size_t part = 1 + rng() % 20000;
		uint8_t *p = make_input(*state, (enum kind)(rng() % K_KINDS), part);
		memcpy(buf + n, p, part);
		n += part;
	}
	round_trip(*state, buf, n);
}

/* The encoder finds what is there: long runs and repeats collapse, text shrinks well. */
static void test_compression_is_effective(void **state)
{
	uint8_t *zeros = make_input(*state, K_ZEROS, 65536);
	assert_true(round_trip(*state, zeros, 65536) <= 16);
	uint8_t *periodic = make_input(*state, K_PERIODIC, 65536);
	assert_true(round_trip(*state, periodic, 65536) <= 32);
	uint8_t *text = make_input(*state, K_TEXT, 32768);
	assert_true(round_trip(*state, text, 32768) < 32768 / 3);
	uint8_t *four = make_input(*state, K_FOUR_SYMBOLS, 32768);
	assert_true(round_trip(*state, four, 32768) < 32768 * 3 / 4);
	/* match offsets reach the 8192-byte window edge: 8192 random literals cost 8192 + 8192 / 32 * 4
	 * bytes, the 2000-byte repeat at distance 8192 a few more */
	uint8_t *far = make_input(*state, K_RANDOM, 8192 + 2000);
	memcpy(far + 8192, far, 2000);
	assert_true(round_trip(*state, far, 8192 + 2000) < 8192 + 1024 + 64);
	/* ... and no further: a repeat at 8193 cannot be used, the copy is incompressible */
	uint8_t *too_far = make_input(*state, K_RANDOM, 8193 + 2000);
	memcpy(too_far + 8193, too_far, 2000);
	assert_true(round_trip(*state, too_far, 8193 + 2000) > 8193 + 2000);
}

/* "Does not shrink": a capacity of in_len - 1 turns incompressible input into WC_ESPACE, and the encoder
 * never writes past the capacity it was given. */
static void test_output_capacity_is_respected(void **state)
{
	for (int k = 0; k < K_KINDS; k++) {
		size_t n = 700, full;
		uint8_t *in = make_input(*state, (enum kind)k, n);
		uint8_t *c = talloc_size(*state, MAPI_LZ77_BOUND(n) + 16);
		assert_int_equal(mapi_lz77_compress(*state, in, n, c, MAPI_LZ77_BOUND(n), &full), 0);
		for (size_t cap = 0; cap < full; cap++) {
			size_t got = 12345;
			memset(c, 0xEE, MAPI_LZ77_BOUND(n) + 16);
			assert_int_equal(mapi_lz77_compress(*state, in, n, c, cap, &got), WC_ESPACE);
			assert_int_equal(got, 12345);
			for (size_t i = cap; i < MAPI_LZ77_BOUND(n) + 16; i++)
				assert_int_equal(c[i], 0xEE);
		}
		size_t got;
		assert_int_equal(mapi_lz77_compress(*state, in, n, c, full, &got), 0);
		assert_int_equal(got, full);
	}
	uint8_t *random = make_input(*state, K_RANDOM, 4096);
	uint8_t *c = talloc_size(*state, 4096);
	size_t got;
	assert_int_equal(mapi_lz77_compress(*state, random, 4096, c, 4095, &got), WC_ESPACE);
	/* empty input compresses to a single all-ones flag word, which does not shrink either */
	assert_int_equal(mapi_lz77_compress(*state, NULL, 0, c, 4, &got), 0);
	assert_int_equal(got, 4);
	assert_memory_equal(c, "\xff\xff\xff\xff", 4);
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_spec_alphabet_decompresses, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_spec_abc300_decompresses, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_spec_examples_compress_to_spec_bytes, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_independent_streams_decompress, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_short_and_nibble_shared_lengths, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_one_byte_extra_length, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_two_and_four_byte_lengths, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_end_after_full_flag_word, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_truncation_at_every_prefix, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_damaged_streams_agree_with_oracle, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_round_trips_of_many_sizes_and_kinds, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_round_trip_of_mixed_regimes, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_compression_is_effective, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_output_capacity_is_respected, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
