/* ROP buffer codec throughput (MS-OXCROPS 2.2.1): a ROP input buffer of folder operations and its output
 * buffer, each filling most of the 32 KB a payload may take (MS-OXCRPC 3.1.4.2.1), decoded and encoded whole.
 * Each figure is printed beside a memcpy of the same bytes in the same run, and as ROPs per second. Times are
 * the process's CPU time. */
#include "mapi/rop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define SECONDS_PER_FIGURE 0.4
#define GROUPS 300 /* 6 ROPs each, 101 bytes: about 30 KB of requests */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs op until SECONDS_PER_FIGURE have passed; sets calls per second. */
#define MEASURE(result, op)                                                                                  \
	do {                                                                                                 \
		size_t iters_ = 0;                                                                           \
		double start_ = now(), t_;                                                                   \
		do {                                                                                         \
			for (int k_ = 0; k_ < 8; k_++) {                                                     \
				op;                                                                          \
				__asm__ volatile("" : : : "memory");                                         \
			}                                                                                    \
			iters_ += 8;                                                                         \
		} while ((t_ = now() - start_) < SECONDS_PER_FIGURE);                                        \
		(result) = (double)iters_ / t_;                                                              \
	} while (0)

/* Per group: RopOpenFolder into index 1, RopGetContentsTable from it into 2, RopCreateFolder (UTF-16 name)
 * into 3, RopDeleteMessages of 4 messages, RopRelease of 1 and 2. */
static void build(TALLOC_CTX *mem, struct rop_request_buffer *in, struct rop_response_buffer *out)
{
	static uint64_t mids[4] = {0x0001000000100000ULL, 0x0001000000110000ULL, 0x0001000000120000ULL,
	                           0x0001000000130000ULL};
	static uint32_t handles[4] = {0x10, ROP_INVALID_HANDLE, ROP_INVALID_HANDLE, ROP_INVALID_HANDLE};
	uint32_t n = GROUPS * 6;
	*in = (struct rop_request_buffer){.count = n, .handle_count = 4, .handles = handles};
	*out = (struct rop_response_buffer){.count = GROUPS * 4, .handle_count = 4, .handles = handles};
	in->rops = talloc_zero_array(mem, struct rop_request, n);
	out->rops = talloc_zero_array(mem, struct rop_response, out->count);
	out->request_index = talloc_array(mem, uint32_t, out->count);
	for (uint32_t g = 0, i = 0, o = 0; g < GROUPS; g++) {
		struct rop_request *r = &in->rops[i];
		r[0] = (struct rop_request){.id = ROP_OPEN_FOLDER,
		                            .input_handle_index = 0,
		                            .output_handle_index = 1,
		                            .open_folder = {.folder_id = 0x0001000000000A00ULL + g}};
		r[1] = (struct rop_request){.id = ROP_GET_CONTENTS_TABLE,
		                            .input_handle_index = 1,
		                            .output_handle_index = 2,
		                            .get_contents_table = {TABLE_FLAG_USE_UNICODE}};
		r[2] = (struct rop_request){.id = ROP_CREATE_FOLDER,
		                            .input_handle_index = 1,
		                            .output_handle_index = 3,
		                            .create_folder = {.folder_type = FOLDER_GENERIC,
		                                              .use_unicode = 1,
		                                              .display_name = "Projects 2024",
		                                              .comment = ""}};
		r[3] = (struct rop_request){.id = ROP_DELETE_MESSAGES,
		                            .input_handle_index = 1,
		                            .delete_messages = {.message_id_count = 4, .message_ids = mids}};
		r[4] = (struct rop_request){.id = ROP_RELEASE, .input_handle_index = 1};
		r[5] = (struct rop_request){.id = ROP_RELEASE, .input_handle_index = 2};
		for (int k = 0; k < 4; k++) {
			out->request_index[o] = i + (uint32_t)k;
			rop_response_init(&out->rops[o], &r[k], 0);
			o++;
		}
		out->rops[o - 4].open_folder.has_rules = 1;
		out->rops[o - 3].get_contents_table.row_count = 120;
		out->rops[o - 2].create_folder.folder_id = 0x0001000000000B00ULL + g;
		i += 6;
	}
}

static void report(const char *what, double calls, size_t bytes, uint32_t rops, double copy)
{
	printf("  %-16s %8.1f MB/s %9.0f ROPs/s   memcpy %8.1f MB/s   ratio %.4f\n", what,
	       calls * bytes / 1e6, calls * rops, copy * bytes / 1e6, calls / copy);
}

int main(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct rop_request_buffer in, *in_back;
	struct rop_response_buffer out, *out_back;
	struct rop_ctx ctx, c;
	struct wc_writer wq, wr;
	int failed = 0;
	rop_ctx_init(&ctx);
	build(mem, &in, &out);
	c = ctx;
	wc_writer_init(&wq, mem, 0);
	wc_writer_init(&wr, mem, 0);
	if (rop_request_buffer_push(&wq, &c, &in) != 0 ||
	    (c = ctx, rop_response_buffer_push(&wr, &c, &in, &out)) != 0) {
		fprintf(stderr, "bench_rop: cannot encode the buffers\n");
		return 1;
	}
	uint8_t *scratch = malloc(wq.len > wr.len ? wq.len : wr.len);
	double copy_q, copy_r, pull_q, push_q, pull_r, push_r;

	MEASURE(copy_q, memcpy(scratch, wq.data, wq.len));
	MEASURE(copy_r, memcpy(scratch, wr.data, wr.len));
	MEASURE(pull_q, {
		TALLOC_CTX *t = talloc_new(mem);
		c = ctx;
		failed |= rop_request_buffer_pull(t, wq.data, wq.len, &c, &in_back, NULL);
		talloc_free(t);
	});
	MEASURE(push_q, {
		struct wc_writer w;
		TALLOC_CTX *t = talloc_new(mem);
		wc_writer_init(&w, t, 0);
		c = ctx;
		failed |= rop_request_buffer_push(&w, &c, &in);
		talloc_free(t);
	});
	c = ctx;
	failed |= rop_request_buffer_pull(mem, wq.data, wq.len, &c, &in_back, NULL);
	MEASURE(pull_r, {
		TALLOC_CTX *t = talloc_new(mem);
		c = ctx;
		failed |= rop_response_buffer_pull(t, wr.data, wr.len, in_back, &c, &out_back, NULL);
		talloc_free(t);
	});
	MEASURE(push_r, {
		struct wc_writer w;
		TALLOC_CTX *t = talloc_new(mem);
		wc_writer_init(&w, t, 0);
		c = ctx;
		failed |= rop_response_buffer_push(&w, &c, in_back, &out);
		talloc_free(t);
	});
	printf("ROP buffers (MS-OXCROPS 2.2.1): %u requests in %zu bytes, %u responses in %zu bytes\n",
	       in.count, wq.len, out.count, wr.len);
	report("request pull", pull_q, wq.len, in.count, copy_q);
	report("request push", push_q, wq.len, in.count, copy_q);
	report("response pull", pull_r, wr.len, out.count, copy_r);
	report("response push", push_r, wr.len, out.count, copy_r);
	free(scratch);
	talloc_free(mem);
	return failed != 0;
}
