/* Plain LZ77 (MS-XCA 2.3/2.4) throughput on ~32 KiB buffers like the payloads of MS-OXCRPC 3.1.4.2.1 (a
 * single payload is at most 32 KB): a ROP-like buffer of property rows with UTF-16 strings, text, and random
 * bytes. Each figure is printed beside a memcpy of the same bytes measured in the same run. Times are the
 * process's CPU time, which other work on a shared machine disturbs less than wall time. */
#include "mapi/mapi_lz77.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define BUF_SIZE 32768
#define SECONDS_PER_FIGURE 0.4

static uint32_t rng_state = 2024;

static uint32_t rng(void)
{
	rng_state = rng_state * 1103515245u + 12345u;
	return rng_state >> 8;
}

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static size_t put(uint8_t *b, size_t pos, const void *src, size_t n)
{
	if (pos + n > BUF_SIZE)
		n = BUF_SIZE - pos;
	memcpy(b + pos, src, n);
	return pos + n;
}

static size_t put_utf16(uint8_t *b, size_t pos, const char *s)
{
	for (; *s != '\0' && pos + 2 <= BUF_SIZE; s++) {
		b[pos++] = (uint8_t)*s;
		b[pos++] = 0;
	}
	return put(b, pos, "\0\0", 2);
}

/* Rows as RopQueryRows returns them (MS-OXCROPS 2.2.5.4, PropertyRow with a flag byte): a folder ID, a
 * message ID, a subject and a sender in UTF-16, a delivery time, a size and flags. */
static void make_rop_like(uint8_t *b)
{
	static const char *subjects[] = {"Quarterly report",         "Re: lunch on Friday?",
	                                 "Build failed: main #4411", "Meeting notes",
	                                 "FW: contract draft v3",    "Your order has shipped"};
	static const char *senders[] = {"Alice Jones", "Bob Smith", "build-bot", "Carol White"};
	size_t pos = 0;
	for (uint64_t row = 0; pos < BUF_SIZE; row++) {
		uint64_t fid = 0x0001000000000A12ULL, mid = 0x0001000000100000ULL + row * 0x10000;
		uint64_t time = 0x01D9F00000000000ULL + row * 600000000ULL + rng() % 1000;
		uint32_t size = 1000 + rng() % 60000, flags = rng() % 4;
		char subject[64];
		snprintf(subject, sizeof subject, "%s %u", subjects[rng() % 6], (unsigned)(row % 17));
		pos = put(b, pos, "\0", 1);
		pos = put(b, pos, &fid, 8);
		pos = put(b, pos, &mid, 8);
		pos = put_utf16(b, pos, subject);
		pos = put_utf16(b, pos, senders[rng() % 4]);
		pos = put(b, pos, &time, 8);
		pos = put(b, pos, &size, 4);
		pos = put(b, pos, &flags, 4);
	}
}

static void make_text(uint8_t *b)
{
	static const char *words[] = {"the",    "server",  "processes", "request",    "client",  "message",
	                              "folder", "returns", "property",  "table",      "with",    "and",
	                              "a",      "of",      "to",        "MUST",       "session", "context",
	                              "handle", "buffer",  "response",  "compressed", "data",    "is"};
	size_t pos = 0;
	while (pos < BUF_SIZE) {
		const char *w = words[rng() % 24];
		pos = put(b, pos, w, strlen(w));
		pos = put(b, pos, rng() % 12 == 0 ? ".\n" : " ", rng() % 12 == 0 ? 2 : 1);
	}
}

static void make_random(uint8_t *b)
{
	for (size_t i = 0; i < BUF_SIZE; i++)
		b[i] = (uint8_t)rng();
}

/* Runs op until SECONDS_PER_FIGURE have passed; returns MB/s of BUF_SIZE input bytes per call. */
#define MEASURE(result, op)                                                                                  \
	do {                                                                                                 \
		size_t iters_ = 0;                                                                           \
		double start_ = now(), t_;                                                                   \
		do {                                                                                         \
			for (int k_ = 0; k_ < 16; k_++) {                                                    \
				op;                                                                          \
				__asm__ volatile("" : : : "memory");                                         \
			}                                                                                    \
			iters_ += 16;                                                                        \
		} while ((t_ = now() - start_) < SECONDS_PER_FIGURE);                                        \
		(result) = (double)iters_ * BUF_SIZE / t_ / 1e6;                                             \
	} while (0)

static int bench(const char *name, const uint8_t *in)
{
	uint8_t *c = malloc(MAPI_LZ77_BOUND(BUF_SIZE)), *out = malloc(BUF_SIZE);
	size_t clen = 0;
	double comp, decomp, copy;
	int ret = 0;
	if (mapi_lz77_compress(NULL, in, BUF_SIZE, c, MAPI_LZ77_BOUND(BUF_SIZE), &clen) != 0 ||
	    mapi_lz77_decompress(c, clen, out, BUF_SIZE) != 0 || memcmp(out, in, BUF_SIZE) != 0) {
		fprintf(stderr, "%s: round trip failed\n", name);
		free(c);
		free(out);
		return 1;
	}
	MEASURE(copy, memcpy(out, in, BUF_SIZE));
	MEASURE(comp, ret |= mapi_lz77_compress(NULL, in, BUF_SIZE, c, MAPI_LZ77_BOUND(BUF_SIZE), &clen));
	MEASURE(decomp, ret |= mapi_lz77_decompress(c, clen, out, BUF_SIZE));
	printf("%-9s %6d B -> %6zu B  compressed size %5.1f%% of input\n", name, BUF_SIZE, clen,
	       100.0 * (double)clen / BUF_SIZE);
	printf("  compress   %8.1f MB/s   memcpy %8.1f MB/s   ratio %.4f\n", comp, copy, comp / copy);
	printf("  decompress %8.1f MB/s   memcpy %8.1f MB/s   ratio %.4f\n", decomp, copy, decomp / copy);
	free(c);
	free(out);
	return ret != 0;
}

int main(void)
{
	uint8_t *rop = malloc(BUF_SIZE), *text = malloc(BUF_SIZE), *random = malloc(BUF_SIZE);
	make_rop_like(rop);
	make_text(text);
	make_random(random);
	printf("Plain LZ77 (MS-XCA 2.3/2.4), %d-byte buffers; MB/s of uncompressed bytes\n", BUF_SIZE);
	int failed = bench("rop-like", rop);
	failed |= bench("text", text);
	failed |= bench("random", random);
	free(rop);
	free(text);
	free(random);
	return failed;
}
