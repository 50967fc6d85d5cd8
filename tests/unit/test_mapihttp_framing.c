/* src/mapi/mapihttp_framing.c: MS-OXCMAPIHTTP 2.2.7 meta-tags and the inner response stream of 3.2.5.2. */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapihttp_framing.h"

#include <string.h>

/* Feeds stream to a new reader in pieces cut at the given offsets (sorted, within the stream) and returns a
 * log of the events: "M:<tag>" per meta-tag, "H:<name>=<value>" per header, "E" for the end of the headers,
 * then one "B:<hex>" for all body bytes together, so that the log does not depend on the cuts. *rc gets the
 * first error, or mapi_http_reader_finish() at the end. */
static char *run(TALLOC_CTX *mem, const uint8_t *stream, size_t len, const size_t *cuts, size_t ncuts,
                 int *rc)
{
	struct mapi_http_reader *rd = mapi_http_reader_new(mem);
	assert_non_null(rd);
	char *log = talloc_strdup(mem, "");
	char *body = talloc_strdup(mem, "");
	size_t start = 0;
	*rc = 0;
	for (size_t c = 0; c <= ncuts && *rc == 0; c++) {
		size_t end = c < ncuts ? cuts[c] : len;
		const uint8_t *p = stream + start;
		size_t left = end - start;
		for (;;) {
			struct mapi_http_event ev;
			size_t used;
			*rc = mapi_http_reader_next(rd, p, left, &used, &ev);
			if (*rc != 0)
				break;
			assert_true(used <= left);
			p += used;
			left -= used;
			if (ev.kind == MAPI_HTTP_EV_NONE) {
				assert_int_equal(left, 0);
				break;
			}
			if (ev.kind == MAPI_HTTP_EV_META)
				log = talloc_asprintf_append(log, "M:%s|", mapi_http_meta_tag_name(ev.meta));
			else if (ev.kind == MAPI_HTTP_EV_HEADER)
				log = talloc_asprintf_append(log, "H:%s=%s|", ev.name, ev.value);
			else if (ev.kind == MAPI_HTTP_EV_HEADERS_END)
				log = talloc_strdup_append(log, "E|");
			for (size_t i = 0; ev.kind == MAPI_HTTP_EV_BODY && i < ev.len; i++)
				body = talloc_asprintf_append(body, "%02x", ev.data[i]);
		}
		start = end;
	}
	if (*rc == 0)
		*rc = mapi_http_reader_finish(rd);
	return talloc_asprintf_append(log, "B:%s", body);
}

static char *run_whole(TALLOC_CTX *mem, const char *text, int *rc)
{
	return run(mem, (const uint8_t *)text, strlen(text), NULL, 0, rc);
}

static void test_meta_tag_names(void **state)
{
	assert_string_equal(mapi_http_meta_tag_name(MAPI_HTTP_META_PROCESSING), "PROCESSING");
	assert_string_equal(mapi_http_meta_tag_name(MAPI_HTTP_META_PENDING), "PENDING");
	assert_string_equal(mapi_http_meta_tag_name(MAPI_HTTP_META_DONE), "DONE");
	assert_null(mapi_http_meta_tag_name((enum mapi_http_meta_tag)3));
}

/* 4.2: the immediate chunk is "C<CRLF>PROCESSING<CRLF><CRLF>" and each keep-alive "9<CRLF>PENDING<CRLF>
 * <CRLF>": chunk sizes 0xC and 0x9 are exactly a meta-tag line with its CRLF. */
static void test_meta_tag_lines_match_example_chunk_sizes(void **state)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_meta_push(&w, MAPI_HTTP_META_PROCESSING), 0);
	tu_assert_bytes(w.data, w.len, "PROCESSING\r\n", 0xC);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_meta_push(&w, MAPI_HTTP_META_PENDING), 0);
	tu_assert_bytes(w.data, w.len, "PENDING\r\n", 0x9);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_meta_push(&w, (enum mapi_http_meta_tag)7), WC_EINVAL);
}

/* RFC 2616 3.3.1 gives "Sun, 06 Nov 1994 08:49:37 GMT" as the RFC 1123 form; that instant is 784111777. */
static void test_date_format_rfc1123(void **state)
{
	char d[30];
	mapi_http_date_format(784111777, d);
	assert_string_equal(d, "Sun, 06 Nov 1994 08:49:37 GMT");
	mapi_http_date_format(0, d);
	assert_string_equal(d, "Thu, 01 Jan 1970 00:00:00 GMT");
	mapi_http_date_format(951782400, d); /* leap day */
	assert_string_equal(d, "Tue, 29 Feb 2000 00:00:00 GMT");
}

/* 3.2.5.2: DONE, then X-ResponseCode, X-ElapsedTime and X-StartTime, then the empty line before the body */
static void test_done_push_writes_final_headers(void **state)
{
	static const char want[] = "DONE\r\nX-ResponseCode: 0\r\nX-ElapsedTime: 12\r\n"
	                           "X-StartTime: Sun, 06 Nov 1994 08:49:37 GMT\r\n\r\n";
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_done_push(&w, 0, 12, 784111777), 0);
	tu_assert_bytes(w.data, w.len, want, sizeof want - 1);
}

static void test_header_push_rejects_bad_names_and_values(void **state)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_header_push(&w, "X-ResponseCode", "10"), 0);
	tu_assert_bytes(w.data, w.len, "X-ResponseCode: 10\r\n", 20);
	assert_int_equal(mapi_http_header_push(&w, "", "x"), WC_EINVAL);
	assert_int_equal(mapi_http_header_push(&w, "Bad Name", "x"), WC_EINVAL);
	assert_int_equal(mapi_http_header_push(&w, "Bad:Name", "x"), WC_EINVAL);
	assert_int_equal(mapi_http_header_push(&w, "X-A", "line\r\nX-Injected: 1"), WC_EINVAL);
	assert_int_equal(mapi_http_header_push(&w, "X-A", "nul\001"), WC_EINVAL);
	char *big = talloc_zero_array(*state, char, MAPI_HTTP_MAX_LINE + 1);
	memset(big, 'a', MAPI_HTTP_MAX_LINE);
	assert_int_equal(mapi_http_header_push(&w, "X-A", big), WC_EINVAL);
	assert_int_equal(w.len, 20); /* nothing written by the refused calls */
}

static void test_response_code_parse(void **state)
{
	uint32_t c;
	assert_int_equal(mapi_http_response_code_parse("0", &c), 0);
	assert_int_equal(c, 0);
	assert_int_equal(mapi_http_response_code_parse("18", &c), 0);
	assert_int_equal(c, 18);
	assert_int_equal(mapi_http_response_code_parse("4294967295", &c), 0);
	assert_true(c == 4294967295u);
	assert_int_equal(mapi_http_response_code_parse("4294967296", &c), WC_EFORMAT);
	assert_int_equal(mapi_http_response_code_parse("", &c), WC_EFORMAT);
	assert_int_equal(mapi_http_response_code_parse("-1", &c), WC_EFORMAT);
	assert_int_equal(mapi_http_response_code_parse(" 1", &c), WC_EFORMAT);
}

static const char *const connect_log =
        "M:PROCESSING|M:DONE|H:X-ResponseCode=0|H:X-ElapsedTime=12|H:X-StartTime=Sun, 06 Nov 1994 08:49:37 "
        "GMT|E|"
        "B:0000000000000000"       /* StatusCode, ErrorCode */
        "60ea00000300000010270000" /* PollsMax 60000, RetryCount 3, RetryDelay 10000 */
        "2f6f3d4f72672f6f753d45786368616e67652041646d696e6973747261746976652047726f7570" /* DnPrefix */
        "202846594449424f484632335350444c542900" /* " (FYDIBOHF23SPDLT)" and NUL */
        "41006c0069006300650000000000"           /* "Alice", AuxiliaryBufferSize 0 */
        "0000";

/* 4.1: the Connect response stream, in one piece */
static void test_example_4_1_connect_stream(void **state)
{
	size_t len;
	uint8_t *s = tu_vector(*state, "MS-OXCMAPIHTTP-4-response-streams.hex", "connect-4.1", &len);
	int rc;
	char *log = run(*state, s, len, NULL, 0, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(log, connect_log);
}

/* 4.2: the Execute stream with keep-alives, cut at every possible place, and fed one byte at a time */
static void test_example_4_2_execute_stream_any_cut(void **state)
{
	size_t len;
	uint8_t *s = tu_vector(*state, "MS-OXCMAPIHTTP-4-response-streams.hex", "execute-4.2", &len);
	static const char want[] =
	        "M:PROCESSING|M:PENDING|M:PENDING|M:DONE|H:X-ResponseCode=0|H:X-ElapsedTime=30017|"
	        "H:X-StartTime=Sun, 06 Nov 1994 08:49:37 GMT|E|"
	        "B:0000000000000000000000000000000000000000";
	int rc;
	for (size_t cut = 0; cut <= len; cut++) {
		char *log = run(*state, s, len, &cut, 1, &rc);
		assert_int_equal(rc, 0);
		assert_string_equal(log, want);
	}
	for (size_t a = 0; a <= len; a += 7) /* two cuts: a sample of pairs */
		for (size_t b = a; b <= len; b++) {
			size_t cuts[2] = {a, b};
			char *log = run(*state, s, len, cuts, 2, &rc);
			assert_int_equal(rc, 0);
			assert_string_equal(log, want);
		}
	size_t *every = talloc_array(*state, size_t, len);
	for (size_t i = 0; i < len; i++)
		every[i] = i;
	char *log = run(*state, s, len, every, len, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(log, want);
}

/* 4.3: PING has no response body; the stream ends right after the empty line */
static void test_example_4_3_ping_stream_has_no_body(void **state)
{
	size_t len;
	uint8_t *s = tu_vector(*state, "MS-OXCMAPIHTTP-4-response-streams.hex", "ping-4.3", &len);
	int rc;
	char *log = run(*state, s, len, NULL, 0, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(log, "M:PROCESSING|M:DONE|H:X-ResponseCode=0|H:X-ElapsedTime=0|"
	                         "H:X-StartTime=Sun, 06 Nov 1994 08:49:37 GMT|E|B:");
}

/* The encoder's pieces read back by the reader */
static void test_encoder_output_reads_back(void **state)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_meta_push(&w, MAPI_HTTP_META_PROCESSING), 0);
	assert_int_equal(mapi_http_meta_push(&w, MAPI_HTTP_META_PENDING), 0);
	assert_int_equal(mapi_http_meta_push(&w, MAPI_HTTP_META_DONE), 0);
	assert_int_equal(mapi_http_header_push(&w, "X-ResponseCode", "6"), 0);
	assert_int_equal(mapi_http_header_push(&w, "Content-Type", "text/html"), 0);
	assert_int_equal(mapi_http_headers_end_push(&w), 0);
	wc_write_bytes(&w, "\r\n\xff", 3);
	int rc;
	char *log = run(*state, w.data, w.len, NULL, 0, &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(log,
	                    "M:PROCESSING|M:PENDING|M:DONE|H:X-ResponseCode=6|H:Content-Type=text/html|E|"
	                    "B:0d0aff");
}

/* Header values lose surrounding whitespace; the name keeps its case; a value may be empty */
static void test_header_whitespace_and_empty_value(void **state)
{
	int rc;
	char *log =
	        run_whole(*state, "DONE\r\nx-elapsedtime:\t 5 \t\r\nX-Empty:\r\nX-B:  a b  \r\n\r\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(log, "M:DONE|H:x-elapsedtime=5|H:X-Empty=|H:X-B=a b|E|B:");
}

static void expect_error(void **state, const char *text, int want)
{
	int rc;
	run_whole(*state, text, &rc);
	assert_int_equal(rc, want);
}

static void test_malformed_framing_is_an_error(void **state)
{
	expect_error(state, "", WC_EFORMAT);                                 /* nothing at all */
	expect_error(state, "PROCESSING\r\n", WC_EFORMAT);                   /* ends before DONE */
	expect_error(state, "PROCESSING\r\nDONE\r\nX-A: 1\r\n", WC_EFORMAT); /* no empty line */
	expect_error(state, "WAITING\r\nDONE\r\n\r\n", WC_EFORMAT);          /* unknown meta-tag */
	expect_error(state, "processing\r\nDONE\r\n\r\n", WC_EFORMAT);       /* meta-tags are upper case */
	expect_error(state, "PENDING\r\nPROCESSING\r\nDONE\r\n\r\n", WC_EFORMAT); /* PROCESSING only first */
	expect_error(state, "PROCESSING\r\nPROCESSING\r\nDONE\r\n\r\n", WC_EFORMAT);
	expect_error(state, "\r\nDONE\r\n\r\n", WC_EFORMAT);             /* empty line among meta-tags */
	expect_error(state, "PROCESSING\nDONE\r\n\r\n", WC_EFORMAT);     /* bare LF */
	expect_error(state, "PROC\rESSING\r\nDONE\r\n\r\n", WC_EFORMAT); /* CR inside a line */
	expect_error(state, "DONE \r\n\r\n", WC_EFORMAT);                /* trailing space */
	expect_error(state, "DONE\r\nX-A 1\r\n\r\n", WC_EFORMAT);        /* header without colon */
	expect_error(state, "DONE\r\nX-A : 1\r\n\r\n", WC_EFORMAT);      /* space before the colon */
	expect_error(state, "DONE\r\n: 1\r\n\r\n", WC_EFORMAT);          /* empty name */
	expect_error(state, "DONE\r\nX-A: 1\r\n continued\r\n\r\n", WC_EFORMAT); /* obs-fold */
	expect_error(state, "DONE\r\nX-A: \x01\r\n\r\n", WC_EFORMAT);            /* control character */
	expect_error(state, "DONE\r\nX-A: 1\n\r\n", WC_EFORMAT);                 /* header ended by bare LF */
	static const uint8_t nul[] = "DONE\r\nX-A: \0\r\n\r\n";
	int rc;
	run(*state, nul, sizeof nul - 1, NULL, 0, &rc);
	assert_int_equal(rc, WC_EFORMAT);
}

static void test_long_line_is_refused_at_any_cut(void **state)
{
	size_t n = MAPI_HTTP_MAX_LINE + 64;
	uint8_t *s = talloc_array(*state, uint8_t, n);
	memcpy(s, "DONE\r\nX-A: ", 11);
	memset(s + 11, 'v', n - 11);
	int rc;
	run(*state, s, n, NULL, 0, &rc);
	assert_int_equal(rc, WC_ERANGE);
	size_t cut = 5000;
	run(*state, s, n, &cut, 1, &rc);
	assert_int_equal(rc, WC_ERANGE);
	/* exactly MAPI_HTTP_MAX_LINE characters is still accepted */
	char *ok = talloc_asprintf(*state, "DONE\r\nX-A: %*s\r\n\r\n", MAPI_HTTP_MAX_LINE - 5, "v");
	run_whole(*state, ok, &rc);
	assert_int_equal(rc, 0);
	char *bad = talloc_asprintf(*state, "DONE\r\nX-A: %*s\r\n\r\n", MAPI_HTTP_MAX_LINE - 4, "v");
	run_whole(*state, bad, &rc);
	assert_int_equal(rc, WC_ERANGE);
}

static void test_errors_are_sticky(void **state)
{
	struct mapi_http_reader *rd = mapi_http_reader_new(*state);
	struct mapi_http_event ev;
	size_t used;
	assert_int_equal(mapi_http_reader_next(rd, (const uint8_t *)"BOGUS\r\n", 7, &used, &ev), WC_EFORMAT);
	assert_int_equal(ev.kind, MAPI_HTTP_EV_NONE);
	assert_int_equal(mapi_http_reader_next(rd, (const uint8_t *)"DONE\r\n", 6, &used, &ev), WC_EFORMAT);
	assert_int_equal(used, 0);
	assert_int_equal(mapi_http_reader_finish(rd), WC_EFORMAT);
}

/* Body bytes are passed through untouched, CRLF and meta-tag look-alikes included */
static void test_body_is_opaque(void **state)
{
	int rc;
	char *log = run_whole(*state, "DONE\r\n\r\nPENDING\r\nDONE\r\n\r\n", &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(log, "M:DONE|E|B:50454e44494e470d0a444f4e450d0a0d0a");
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_meta_tag_names),
	        T(test_meta_tag_lines_match_example_chunk_sizes),
	        T(test_date_format_rfc1123),
	        T(test_done_push_writes_final_headers),
	        T(test_header_push_rejects_bad_names_and_values),
	        T(test_response_code_parse),
	        T(test_example_4_1_connect_stream),
	        T(test_example_4_2_execute_stream_any_cut),
	        T(test_example_4_3_ping_stream_has_no_body),
	        T(test_encoder_output_reads_back),
	        T(test_header_whitespace_and_empty_value),
	        T(test_malformed_framing_is_an_error),
	        T(test_long_line_is_refused_at_any_cut),
	        T(test_errors_are_sticky),
	        T(test_body_is_opaque),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
