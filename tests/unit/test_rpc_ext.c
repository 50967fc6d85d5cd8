/* src/mapi/mapi_rpc_ext.c: RPC_HEADER_EXT chains, MS-OXCRPC 2.2.2.1 and 3.1.4.1.1 / 3.1.4.2.1. */
#include "testutil.h"
#include "mapi/mapi_rpc_ext.h"
#include "mapi/mapi_lz77.h"
#include "common/wc_error.h"

#include <stdlib.h>
#include <string.h>

static int pull(TALLOC_CTX *mem, const uint8_t *buf, size_t len, struct mapi_rpc_ext_chain **chain)
{
	return mapi_rpc_ext_pull(mem, buf, len, MAPI_RPC_EXT_MAX_BUFFER, chain);
}

/* Decoding fails with want, allocates nothing and leaves *chain alone. */
static void expect_pull_error(const uint8_t *buf, size_t len, int want)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_rpc_ext_chain *chain = (struct mapi_rpc_ext_chain *)&mem;
	/* an exact-size copy so that ASan sees any read past the end */
	uint8_t *copy = malloc(len + 1);
	if (len > 0)
		memcpy(copy, buf, len);
	assert_int_equal(pull(mem, copy, len, &chain), want);
	assert_ptr_equal(chain, (struct mapi_rpc_ext_chain *)&mem);
	assert_int_equal(talloc_total_blocks(mem), 1);
	free(copy);
	talloc_free(mem);
}

static void expect_pull_error_hex(const char *hex, int want)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	size_t n;
	uint8_t *b = tu_hex(mem, hex, &n);
	expect_pull_error(b, n, want);
	talloc_free(mem);
}

static uint8_t *push(TALLOC_CTX *mem, const struct mapi_rpc_ext_payload *p, size_t count, size_t *len)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	assert_int_equal(mapi_rpc_ext_push(&w, p, count), 0);
	*len = w.len;
	return w.data;
}

/* ---- the spec's examples (MS-OXCRPC 4.x) ---- */

/* MS-OXCRPC 4.1: the rgbAuxOut of EcDoConnectEx, one chunk with Last, not compressed, not obfuscated. */
static void test_spec_rgbauxout_example(void **state)
{
	size_t n;
	uint8_t *buf = tu_vector(*state, "MS-OXCRPC-4.1-rgbauxout-exorginfo.hex", NULL, &n);
	assert_int_equal(n, 0x10); /* pcbAuxOut */
	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, buf, n, &chain), 0);
	assert_int_equal(chain->count, 1);
	assert_int_equal(chain->payloads[0].flags, MAPI_RPC_EXT_LAST);
	/* AUX_HEADER Size 8, Version 1, Type 0x17 AUX_EXORGINFO, OrgFlags 1 */
	static const uint8_t payload[] = {0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00};
	tu_assert_bytes(chain->payloads[0].data, chain->payloads[0].len, payload, sizeof payload);
	tu_assert_bytes(chain->data, chain->len, payload, sizeof payload);

	/* Encoding the payload without compression or obfuscation gives the example's bytes back. */
	struct mapi_rpc_ext_payload p = {.flags = 0, .data = payload, .len = sizeof payload};
	size_t len;
	uint8_t *out = push(*state, &p, 1, &len);
	tu_assert_bytes(out, len, buf, n);
}

/* MS-OXCRPC 4.2: the headers are given, the payloads only by their sizes (RopSize, then 320 / 64 bytes of
 * ROPs and a 16-byte handle table), so the payload bytes after RopSize are ours. */
static void check_single_chunk_example(TALLOC_CTX *mem, const char *blob, size_t rops, size_t cb)
{
	size_t hn;
	uint8_t *head = tu_vector(mem, "MS-OXCRPC-4.2-rgbin-header.hex", blob, &hn);
	struct wc_reader r;
	struct mapi_rpc_header_ext h;
	wc_reader_init(&r, head, hn);
	assert_int_equal(mapi_rpc_header_ext_pull(&r, &h), 0);
	assert_int_equal(h.version, 0);
	assert_int_equal(h.flags, MAPI_RPC_EXT_LAST);
	assert_int_equal(h.size, 2 + rops + 16);
	assert_int_equal(h.size_actual, h.size);
	assert_int_equal(MAPI_RPC_EXT_HEADER_SIZE + h.size, cb); /* cbIn / pcbOut */

	uint8_t *buf = talloc_size(mem, cb);
	memcpy(buf, head, hn); /* header and RopSize from the spec */
	for (size_t i = hn; i < cb; i++)
		buf[i] = (uint8_t)(i * 7);
	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(mem, buf, cb, &chain), 0);
	assert_int_equal(chain->count, 1);
	assert_int_equal(chain->payloads[0].len, h.size);
	/* RopSize counts itself and the ROPs, not the handle table (MS-OXCROPS 2.2.1) */
	assert_int_equal(chain->payloads[0].data[0] | chain->payloads[0].data[1] << 8, 2 + rops);
	tu_assert_bytes(chain->data, chain->len, buf + 8, cb - 8);
}

static void test_spec_ecdorpcext2_example(void **state)
{
	check_single_chunk_example(*state, "rgbin", 320, 0x15A);
	check_single_chunk_example(*state, "rgbout", 64, 0x5A);
}

/* MS-OXCRPC 4.3: a packed rgbOut of two chunks, the first without Last, 0xA016 bytes in all. */
static void test_spec_packed_rgbout_example(void **state)
{
	size_t n1, n2;
	uint8_t *first = tu_vector(*state, "MS-OXCRPC-4.3-rgbout-packed.hex", "first", &n1);
	uint8_t *second = tu_vector(*state, "MS-OXCRPC-4.3-rgbout-packed.hex", "second", &n2);
	size_t size1 = 0x7FFE, size2 = 0x2008, total = 8 + size1 + 8 + size2;
	assert_int_equal(total, 0xA016); /* pcbOut */
	uint8_t *buf = talloc_size(*state, total);
	for (size_t i = 0; i < total; i++)
		buf[i] = (uint8_t)(i % 251);
	memcpy(buf, first, n1);
	memcpy(buf + 8 + size1, second, n2);

	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, buf, total, &chain), 0);
	assert_int_equal(chain->count, 2);
	assert_int_equal(chain->payloads[0].flags, 0);
	assert_int_equal(chain->payloads[0].len, size1);
	assert_int_equal(chain->payloads[0].data[0] | chain->payloads[0].data[1] << 8, 0x7FEE);
	assert_int_equal(chain->payloads[1].flags, MAPI_RPC_EXT_LAST);
	assert_int_equal(chain->payloads[1].len, size2);
	assert_int_equal(chain->payloads[1].data[0] | chain->payloads[1].data[1] << 8, 0x1FF8);
	assert_int_equal(chain->len, size1 + size2);
	tu_assert_bytes(chain->data, size1, buf + 8, size1);
	tu_assert_bytes(chain->data + size1, size2, buf + 16 + size1, size2);

	/* RopSize + 16 bytes of handle table fill each payload */
	assert_int_equal(0x7FEE + 16, size1);
	assert_int_equal(0x1FF8 + 16, size2);
	/* re-encoded with the same (no) flags: the same bytes */
	size_t len;
	uint8_t *out = push(*state, chain->payloads, chain->count, &len);
	tu_assert_bytes(out, len, buf, total);
}

/* ---- hand-built chains ---- */

/* One chunk, Compressed|XorMagic|Last, holding MS-XCA 3.1's "abc" x 100 stream XORed with 0xA5. */
static const char abc300_xor_chunk[] =
        "0000 0700 0d00 2c01" /* Version 0, Flags 0x0007, Size 13, SizeActual 300 */
        "5a5a5aba"            /* ff ff ff 1f ^ a5 */
        "c4c7c6"              /* 61 62 63 ^ a5 */
        "b2a5 aa 5a 83a4";    /* 17 00 0f ff 26 01 ^ a5 */

static void test_compressed_and_obfuscated_chunk(void **state)
{
	size_t n;
	uint8_t *buf = tu_hex(*state, abc300_xor_chunk, &n);
	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, buf, n, &chain), 0);
	assert_int_equal(chain->count, 1);
	assert_int_equal(chain->payloads[0].flags,
	                 MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_XOR_MAGIC | MAPI_RPC_EXT_LAST);
	assert_int_equal(chain->len, 300);
	for (size_t i = 0; i < 300; i++)
		assert_int_equal(chain->data[i], "abc"[i % 3]);

	/* Our encoder, asked for both, compresses then obfuscates to exactly these bytes. */
	struct mapi_rpc_ext_payload p = {
	        .flags = MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_XOR_MAGIC, .data = chain->data, .len = 300};
	size_t len;
	uint8_t *out = push(*state, &p, 1, &len);
	tu_assert_bytes(out, len, buf, n);
}

/* Three chunks with different treatments (3.1.4.2.1.1.2: "Compression or obfuscation can be done differently
 * for each RPC_HEADER_EXT structure"). */
static const char mixed_chain[] = "0000 0100 0d00 2c01"             /* Compressed, Size 13, SizeActual 300 */
                                  "ffffff1f 616263 1700 0f ff 2601" /* MS-XCA 3.1 "abc" x 100 */
                                  "0000 0200 0500 0500"             /* XorMagic, Size 5 */
                                  "edc0c9c9ca"                      /* "Hello" ^ a5 */
                                  "0000 0400 0300 0300"             /* Last, Size 3 */
                                  "2a2b2c";

static void test_mixed_chain(void **state)
{
	size_t n;
	uint8_t *buf = tu_hex(*state, mixed_chain, &n);
	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, buf, n, &chain), 0);
	assert_int_equal(chain->count, 3);
	assert_int_equal(chain->payloads[0].flags, MAPI_RPC_EXT_COMPRESSED);
	assert_int_equal(chain->payloads[0].len, 300);
	assert_memory_equal(chain->payloads[0].data, "abcabc", 6);
	assert_int_equal(chain->payloads[1].flags, MAPI_RPC_EXT_XOR_MAGIC);
	tu_assert_bytes(chain->payloads[1].data, chain->payloads[1].len, "Hello", 5);
	assert_int_equal(chain->payloads[2].flags, MAPI_RPC_EXT_LAST);
	tu_assert_bytes(chain->payloads[2].data, chain->payloads[2].len, "*+,", 3);
	/* the concatenated view */
	assert_int_equal(chain->len, 308);
	assert_memory_equal(chain->data + 300, "Hello*+,", 8);

	/* re-encoded with the received flags: the same bytes (our compressor gives the spec's stream) */
	size_t len;
	uint8_t *out = push(*state, chain->payloads, chain->count, &len);
	tu_assert_bytes(out, len, buf, n);
}

static void test_empty_payloads(void **state)
{
	/* A chunk may carry nothing: Size 0, SizeActual 0. */
	static const uint8_t two_empty[] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 0, 0};
	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, two_empty, sizeof two_empty, &chain), 0);
	assert_int_equal(chain->count, 2);
	assert_int_equal(chain->len, 0);
	assert_int_equal(chain->payloads[1].len, 0);

	/* An empty payload asked to be compressed goes uncompressed (0 bytes cannot shrink). */
	struct mapi_rpc_ext_payload p[2] = {{.flags = MAPI_RPC_EXT_COMPRESSED},
	                                    {.flags = MAPI_RPC_EXT_COMPRESSED}};
	size_t len;
	uint8_t *out = push(*state, p, 2, &len);
	tu_assert_bytes(out, len, two_empty, sizeof two_empty);
}

/* ---- encoding choices ---- */

static void test_encoder_compresses_only_what_shrinks(void **state)
{
	uint8_t text[4000], noise[4000];
	uint32_t x = 99;
	for (size_t i = 0; i < sizeof text; i++) {
		text[i] = (uint8_t)("RopQueryRows returns rows "[i % 26]);
		x = x * 1103515245u + 12345u;
		noise[i] = (uint8_t)(x >> 16);
	}
	struct mapi_rpc_ext_payload p[2] = {
	        {.flags = MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_XOR_MAGIC, .data = text, .len = sizeof text},
	        {.flags = MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_XOR_MAGIC,
	         .data = noise,
	         .len = sizeof noise},
	};
	size_t len;
	uint8_t *out = push(*state, p, 2, &len);

	struct wc_reader r;
	struct mapi_rpc_header_ext h;
	wc_reader_init(&r, out, len);
	assert_int_equal(mapi_rpc_header_ext_pull(&r, &h), 0);
	assert_int_equal(h.flags, MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_XOR_MAGIC);
	assert_int_equal(h.size_actual, sizeof text);
	assert_true(h.size < 100);
	assert_true(wc_read_skip(&r, h.size));
	assert_int_equal(mapi_rpc_header_ext_pull(&r, &h), 0);
	/* noise does not shrink: sent as is, still obfuscated, and Last */
	assert_int_equal(h.flags, MAPI_RPC_EXT_XOR_MAGIC | MAPI_RPC_EXT_LAST);
	assert_int_equal(h.size, sizeof noise);
	assert_int_equal(r.data[r.pos], noise[0] ^ 0xA5);
	assert_true(wc_read_skip(&r, h.size));
	assert_int_equal(wc_reader_left(&r), 0);

	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, out, len, &chain), 0);
	assert_int_equal(chain->count, 2);
	tu_assert_bytes(chain->payloads[0].data, chain->payloads[0].len, text, sizeof text);
	tu_assert_bytes(chain->payloads[1].data, chain->payloads[1].len, noise, sizeof noise);
}

static void test_encoder_errors_leave_writer_as_it_was(void **state)
{
	uint8_t big[MAPI_RPC_EXT_MAX_PAYLOAD + 1] = {0};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_u32(&w, 0xDEADBEEF));

	struct mapi_rpc_ext_payload ok = {.flags = 0, .data = big, .len = 10};
	assert_int_equal(mapi_rpc_ext_push(&w, &ok, 0), WC_EINVAL);
	struct mapi_rpc_ext_payload bad_flag = {.flags = 0x0008, .data = big, .len = 10};
	assert_int_equal(mapi_rpc_ext_push(&w, &bad_flag, 1), WC_EINVAL);
	struct mapi_rpc_ext_payload too_big[2] = {ok, {.flags = 0, .data = big, .len = sizeof big}};
	assert_int_equal(mapi_rpc_ext_push(&w, too_big, 2), WC_ERANGE);
	assert_int_equal(w.len, 4);

	/* the largest payload is fine; Last is set on the final chunk even if the caller did not ask */
	struct mapi_rpc_ext_payload max = {
	        .flags = MAPI_RPC_EXT_LAST, .data = big, .len = MAPI_RPC_EXT_MAX_PAYLOAD};
	assert_int_equal(mapi_rpc_ext_push(&w, &max, 1), 0);
	assert_int_equal(w.len, 4 + 8 + MAPI_RPC_EXT_MAX_PAYLOAD);

	/* a writer limit hit half-way: the writer is cut back */
	struct wc_writer lim;
	wc_writer_init(&lim, *state, 30);
	struct mapi_rpc_ext_payload two[2] = {ok, ok};
	assert_int_equal(mapi_rpc_ext_push(&lim, two, 2), WC_ESPACE);
	assert_int_equal(lim.len, 0);
}

/* ---- decoding errors ---- */

static void test_header_rules(void **state)
{
	expect_pull_error_hex("", WC_EFORMAT);                       /* no header at all */
	expect_pull_error_hex("0000 0400 0000", WC_EFORMAT);         /* 6 of 8 header bytes */
	expect_pull_error_hex("0100 0400 0100 0100 00", WC_EFORMAT); /* Version 1 */
	expect_pull_error_hex("0000 0c00 0100 0100 00", WC_EFORMAT); /* flag 0x0008 */
	expect_pull_error_hex("0000 0480 0100 0100 00", WC_EFORMAT); /* flag 0x8000 */
	expect_pull_error_hex("0000 0400 0100 0200 00", WC_EFORMAT); /* not Compressed, Size != SizeActual */
	expect_pull_error_hex("0000 0500 0500 0500 ffffff7f61",
	                      WC_EFORMAT); /* Compressed, Size == SizeActual */
	expect_pull_error_hex("0000 0500 0500 0400 ffffff7f61",
	                      WC_EFORMAT); /* Compressed, Size > SizeActual */

	/* header pull on its own: fields, and the reader does not move on failure */
	static const uint8_t hdr[] = {0x00, 0x00, 0x05, 0x00, 0x0d, 0x00, 0x2c, 0x01,
	                              0x01, 0x00, 0x04, 0x00, 0x01, 0x00, 0x01, 0x00};
	struct wc_reader r;
	struct mapi_rpc_header_ext h;
	wc_reader_init(&r, hdr, sizeof hdr);
	assert_int_equal(mapi_rpc_header_ext_pull(&r, &h), 0);
	assert_int_equal(h.version, 0);
	assert_int_equal(h.flags, MAPI_RPC_EXT_COMPRESSED | MAPI_RPC_EXT_LAST);
	assert_int_equal(h.size, 13);
	assert_int_equal(h.size_actual, 300);
	assert_int_equal(mapi_rpc_header_ext_pull(&r, &h), WC_EFORMAT);
	assert_int_equal(r.pos, 8);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	struct mapi_rpc_header_ext out = {.version = 0, .flags = 5, .size = 13, .size_actual = 300};
	assert_true(mapi_rpc_header_ext_push(&w, &out));
	tu_assert_bytes(w.data, w.len, hdr, 8);
}

static void test_chain_rules(void **state)
{
	/* Size larger than what is left */
	expect_pull_error_hex("0000 0400 0400 0400 616263", WC_EFORMAT);
	/* the only chunk lacks Last; then two chunks, neither with Last */
	expect_pull_error_hex("0000 0000 0300 0300 616263", WC_EFORMAT);
	expect_pull_error_hex("0000 0000 0100 0100 61 0000 0000 0100 0100 62", WC_EFORMAT);
	/* data after the Last chunk: one byte, or a whole chunk */
	expect_pull_error_hex("0000 0400 0100 0100 61 00", WC_EFORMAT);
	expect_pull_error_hex("0000 0400 0100 0100 61 0000 0400 0100 0100 62", WC_EFORMAT);
	/* a compressed stream that does not produce SizeActual bytes, or is damaged */
	expect_pull_error_hex("0000 0500 0d00 2d01 ffffff1f 616263 1700 0f ff 2601", WC_ECORRUPT);
	expect_pull_error_hex("0000 0500 0d00 2b01 ffffff1f 616263 1700 0f ff 2601", WC_ECORRUPT);
	expect_pull_error_hex("0000 0500 0c00 2c01 ffffff1f 616263 1700 0f ff 26", WC_ECORRUPT);
	/* the Compressed chunk is fine but it is not obfuscated, and the flags say it is */
	expect_pull_error_hex("0000 0700 0d00 2c01 ffffff1f 616263 1700 0f ff 2601", WC_ECORRUPT);
	/* a corrupt chunk after good ones: nothing is kept */
	expect_pull_error_hex("0000 0000 0100 0100 61 0000 0500 0600 2c01 ffffffff0000", WC_ECORRUPT);
}

static void test_size_limits(void **state)
{
	/* 3.1.4.2.1: a payload over 32 KB is refused from its header, before anything is decompressed:
	 * SizeActual 0x8001 with a 13-byte compressed body. */
	expect_pull_error_hex("0000 0500 0d00 0180 ffffff1f 616263 1700 0f ff 2601", WC_ERANGE);
	/* the same for an uncompressed payload of 0x8001 bytes */
	size_t n = 8 + 0x8001;
	uint8_t *buf = talloc_zero_size(*state, n);
	static const uint8_t hdr[] = {0x00, 0x00, 0x04, 0x00, 0x01, 0x80, 0x01, 0x80};
	memcpy(buf, hdr, 8);
	expect_pull_error(buf, n, WC_ERANGE);
	/* 0x8000 is allowed */
	buf[4] = buf[6] = 0x00;
	struct mapi_rpc_ext_chain *chain;
	assert_int_equal(pull(*state, buf, n - 1, &chain), 0);
	assert_int_equal(chain->len, 0x8000);

	/* The caller's total: 2 x 300 decompressed bytes against a limit of 599 and 600. */
	size_t cn;
	uint8_t *one = tu_hex(*state, "0000 0100 0d00 2c01 ffffff1f 616263 1700 0f ff 2601", &cn);
	uint8_t *two = talloc_size(*state, 2 * cn);
	memcpy(two, one, cn);
	memcpy(two + cn, one, cn);
	two[cn + 2] = 0x05; /* Last on the second */
	TALLOC_CTX *mem = talloc_new(NULL);
	assert_int_equal(mapi_rpc_ext_pull(mem, two, 2 * cn, 599, &chain), WC_ESPACE);
	assert_int_equal(talloc_total_blocks(mem), 1);
	assert_int_equal(mapi_rpc_ext_pull(mem, two, 2 * cn, 600, &chain), 0);
	assert_int_equal(chain->len, 600);
	talloc_free(mem);
}

/* Every strict prefix of a good chain is an error, never a crash. */
static void test_truncation_at_every_prefix(void **state)
{
	const char *chains[] = {mixed_chain, abc300_xor_chunk};
	for (size_t c = 0; c < 2; c++) {
		size_t n;
		uint8_t *buf = tu_hex(*state, chains[c], &n);
		struct mapi_rpc_ext_chain *chain;
		assert_int_equal(pull(*state, buf, n, &chain), 0);
		for (size_t k = 0; k < n; k++) {
			int ret;
			TALLOC_CTX *mem = talloc_new(NULL);
			uint8_t *copy = malloc(k + 1);
			memcpy(copy, buf, k);
			ret = pull(mem, copy, k, &chain);
			assert_true(ret == WC_EFORMAT || ret == WC_ECORRUPT);
			assert_int_equal(talloc_total_blocks(mem), 1);
			free(copy);
			talloc_free(mem);
		}
	}
}

/* ---- randomised round trips ---- */

static uint32_t rng_state = 4242;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static void fill(uint8_t *b, size_t n, int kind)
{
	for (size_t i = 0; i < n; i++) {
		switch (kind) {
		case 0:
			b[i] = (uint8_t)rng();
			break; /* random */
		case 1:
			b[i] = 0;
			break; /* a run */
		case 2:
			b[i] = (uint8_t)("PR_SUBJECT\0"[i % 11]);
			break; /* repetitive */
		default:
			b[i] = (uint8_t)(rng() % 4 == 0 ? rng()
			                                : 'a' + i % 5); /* mostly repetitive, some noise */
		}
	}
}

static void test_random_chains_round_trip(void **state)
{
	static const size_t edge_sizes[] = {0, 1, 2, 3, 4, 5, 8, 100, 8192, 32767, MAPI_RPC_EXT_MAX_PAYLOAD};
	for (int round = 0; round < 200; round++) {
		TALLOC_CTX *mem = talloc_new(NULL);
		size_t count = 1 + rng() % 6;
		struct mapi_rpc_ext_payload *p = talloc_array(mem, struct mapi_rpc_ext_payload, count);
		for (size_t i = 0; i < count; i++) {
			size_t len = rng() % 3 == 0 ? edge_sizes[rng() % 11]
			                            : rng() % (MAPI_RPC_EXT_MAX_PAYLOAD + 1);
			uint8_t *d = talloc_size(mem, len + 1);
			fill(d, len, (int)(rng() % 4));
			p[i] = (struct mapi_rpc_ext_payload){
			        .flags = (uint16_t)(rng() % 4), .data = d, .len = len};
		}
		size_t len;
		uint8_t *wire = push(mem, p, count, &len);
		struct mapi_rpc_ext_chain *chain;
		assert_int_equal(mapi_rpc_ext_pull(mem, wire, len, count * MAPI_RPC_EXT_MAX_PAYLOAD, &chain),
		                 0);
		assert_int_equal(chain->count, count);
		size_t off = 0;
		for (size_t i = 0; i < count; i++) {
			tu_assert_bytes(chain->payloads[i].data, chain->payloads[i].len, p[i].data, p[i].len);
			tu_assert_bytes(chain->data + off, p[i].len, p[i].data, p[i].len);
			off += p[i].len;
			/* XorMagic as asked; Compressed only if asked; Last only on the final chunk */
			uint16_t f = chain->payloads[i].flags;
			assert_int_equal(f & MAPI_RPC_EXT_XOR_MAGIC, p[i].flags & MAPI_RPC_EXT_XOR_MAGIC);
			assert_true((f & MAPI_RPC_EXT_COMPRESSED) == 0 ||
			            (p[i].flags & MAPI_RPC_EXT_COMPRESSED) != 0);
			assert_int_equal((f & MAPI_RPC_EXT_LAST) != 0, i == count - 1);
		}
		assert_int_equal(chain->len, off);
		/* the encoder is deterministic: decoded payloads with their received flags encode identically
		 */
		size_t len2;
		uint8_t *wire2 = push(mem, chain->payloads, chain->count, &len2);
		tu_assert_bytes(wire2, len2, wire, len);
		talloc_free(mem);
	}
}

static void test_xor_magic_is_its_own_inverse(void **state)
{
	uint8_t b[256], orig[256];
	for (int i = 0; i < 256; i++)
		b[i] = orig[i] = (uint8_t)i;
	mapi_rpc_ext_xor_magic(b, sizeof b);
	assert_int_equal(b[0x00], 0xA5);
	assert_int_equal(b[0xA5], 0x00);
	assert_int_equal(b[0xFF], 0x5A);
	mapi_rpc_ext_xor_magic(b, sizeof b);
	assert_memory_equal(b, orig, sizeof b);
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
	        cmocka_unit_test_setup_teardown(test_spec_rgbauxout_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_spec_ecdorpcext2_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_spec_packed_rgbout_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_compressed_and_obfuscated_chunk, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mixed_chain, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_empty_payloads, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_encoder_compresses_only_what_shrinks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_encoder_errors_leave_writer_as_it_was, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_header_rules, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_chain_rules, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_size_limits, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_truncation_at_every_prefix, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_random_chains_round_trip, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_xor_magic_is_its_own_inverse, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
