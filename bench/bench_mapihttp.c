/* MS-OXCMAPIHTTP body codec and meta-tag reader throughput. The body is a QueryRows success response
 * (2.2.5.12.2) of 500 address book rows with six columns, as an Outlook address book view asks for: entry ID,
 * display name, SMTP address, title, display type and department. Each figure is printed beside a memcpy of
 * the same bytes measured in the same run, and as a ratio to it. Times are process CPU time. */
#include "mapi/mapihttp.h"
#include "mapi/mapihttp_framing.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define ROWS 500
#define SECONDS_PER_FIGURE 0.4

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const uint32_t columns[] = {0x0FFF0102, 0x3001001F, 0x39FE001F, 0x3A17001F, 0x39000003, 0x3A18001E};

static struct mapi_http_response *make_response(TALLOC_CTX *mem)
{
	static const char *names[] = {"Alice Jones", "Bob Smith", "Carol White", "Dave Brown", "Erin Green"};
	static const char *titles[] = {"Engineer", "Manager", "Director", "Accountant"};
	struct mapi_http_response *rsp = talloc_zero(mem, struct mapi_http_response);
	struct mapi_abk_rowset *rows = talloc_zero(rsp, struct mapi_abk_rowset);
	rsp->type = MAPI_HTTP_QUERY_ROWS;
	rsp->query_rows.rows = rows;
	rsp->query_rows.state = talloc_zero(rsp, struct mapi_nspi_stat);
	rows->columns.count = 6;
	rows->columns.values = (uint32_t *)columns;
	rows->count = ROWS;
	rows->rows = talloc_zero_array(rows, struct mapi_abk_row, ROWS);
	for (uint32_t i = 0; i < ROWS; i++) {
		struct mapi_abk_value *v = talloc_zero_array(rows->rows, struct mapi_abk_value, 6);
		struct mapi_nspi_entryid eid = {.id_type = NSPI_EPHEMERAL_ENTRYID, .mid = 0x1000 + i};
		struct wc_writer w;
		wc_writer_init(&w, v, 0);
		mapi_nspi_entryid_push(&w, &eid);
		for (int c = 0; c < 6; c++) {
			v[c].has_value = true;
			v[c].pv.tag = columns[c];
		}
		v[0].pv.value.bin.len = (uint32_t)w.len;
		v[0].pv.value.bin.data = w.data;
		v[1].pv.value.str = talloc_asprintf(v, "%s %u", names[i % 5], i);
		v[2].pv.value.str = talloc_asprintf(v, "user%u@example.com", i);
		v[3].pv.value.str = (char *)titles[i % 4];
		v[4].pv.value.i32 = 0;
		v[5].pv.value.str = (char *)"Research and Development";
		rows->rows[i].values = v;
	}
	return rsp;
}

/* Runs fn for about SECONDS_PER_FIGURE and returns MB/s over n bytes per call. */
static double measure(void (*fn)(void *), void *arg, size_t n)
{
	unsigned calls = 0;
	double start = now(), t;
	do {
		for (int i = 0; i < 10; i++)
			fn(arg);
		calls += 10;
		t = now() - start;
	} while (t < SECONDS_PER_FIGURE);
	return (double)n * calls / t / 1e6;
}

struct job {
	const uint8_t *data;
	size_t len;
	uint8_t *copy;
	const struct mapi_http_response *rsp;
};

static void run_memcpy(void *arg)
{
	struct job *j = arg;
	memcpy(j->copy, j->data, j->len);
	__asm__ volatile("" : : "r"(j->copy) : "memory");
}

static void run_pull(void *arg)
{
	struct job *j = arg;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_http_response *rsp;
	if (mapi_http_response_pull(mem, MAPI_HTTP_QUERY_ROWS, j->data, j->len, &rsp) != 0)
		abort();
	talloc_free(mem);
}

static void run_push(void *arg)
{
	struct job *j = arg;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_http_response_push(&w, j->rsp) != 0)
		abort();
	talloc_free(mem);
}

/* The whole framed stream in 4 KiB pieces, as a client reads it from the socket. */
static void run_reader(void *arg)
{
	struct job *j = arg;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_http_reader *rd = mapi_http_reader_new(mem);
	for (size_t pos = 0; pos < j->len;) {
		size_t n = j->len - pos < 4096 ? j->len - pos : 4096;
		const uint8_t *p = j->data + pos;
		pos += n;
		for (;;) {
			struct mapi_http_event ev;
			size_t used;
			if (mapi_http_reader_next(rd, p, n, &used, &ev) != 0)
				abort();
			if (ev.kind == MAPI_HTTP_EV_NONE)
				break;
			p += used;
			n -= used;
		}
	}
	if (mapi_http_reader_finish(rd) != 0)
		abort();
	talloc_free(mem);
}

static void figure(const char *what, double mbs, double base)
{
	printf("%-44s %9.1f MB/s   memcpy %9.1f MB/s   ratio %.4f\n", what, mbs, base, mbs / base);
}

int main(void)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_http_response *rsp = make_response(mem);
	struct wc_writer body, stream;
	wc_writer_init(&body, mem, 0);
	if (mapi_http_response_push(&body, rsp) != 0)
		return 1;
	wc_writer_init(&stream, mem, 0);
	mapi_http_meta_push(&stream, MAPI_HTTP_META_PROCESSING);
	for (int i = 0; i < 3; i++)
		mapi_http_meta_push(&stream, MAPI_HTTP_META_PENDING);
	mapi_http_done_push(&stream, 0, 1234, 784111777);
	wc_write_bytes(&stream, body.data, body.len);

	struct job j = {body.data, body.len, talloc_size(mem, stream.len), rsp};
	printf("QueryRows response: %d rows x 6 columns, %zu bytes; framed stream %zu bytes\n", ROWS,
	       body.len, stream.len);
	double base = measure(run_memcpy, &j, j.len);
	figure("mapi_http_response_pull (decode)", measure(run_pull, &j, j.len), base);
	figure("mapi_http_response_push (encode)", measure(run_push, &j, j.len), base);
	struct job s = {stream.data, stream.len, j.copy, rsp};
	base = measure(run_memcpy, &s, s.len);
	figure("mapi_http_reader (meta-tags, 4 KiB pieces)", measure(run_reader, &s, s.len), base);
	talloc_free(mem);
	return 0;
}
