/* MS-OXCMAPIHTTP 2.2.7 response meta-tags and the framing of the inner response stream (2.2.2.2, 3.1.5.6,
 * 3.2.5.2, examples in 4.1-4.5):
 *
 *     PROCESSING CRLF              first, at most once (the immediate response)
 *     *( PENDING CRLF )            keep-alives, every X-PendingPeriod milliseconds
 *     DONE CRLF
 *     *( header-name ":" OWS value CRLF )   additional headers: X-ResponseCode, X-ElapsedTime, X-StartTime
 *     CRLF
 *     response body (binary, to the end of the stream)
 *
 * This is the stream inside the HTTP message body; HTTP chunked transfer coding is removed before it reaches
 * this code. The encoder writes the pieces; the reader is an incremental parser a client feeds with bytes as
 * they arrive, in chunks of any size. A response with a non-zero X-ResponseCode in its HTTP headers carries
 * diagnostic text instead (2.2.3.2.2) and is not parsed with this reader. */
#ifndef MAPIHTTP_FRAMING_H
#define MAPIHTTP_FRAMING_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include <talloc.h>

#include "common/wc_buf.h"

/* MS-OXCMAPIHTTP 2.2.7 */
enum mapi_http_meta_tag {
	MAPI_HTTP_META_PROCESSING, /* the server has queued the request */
	MAPI_HTTP_META_PENDING,    /* the server is processing the request (keep-alive) */
	MAPI_HTTP_META_DONE,       /* additional headers and the response body follow */
};

/* "PROCESSING", "PENDING", "DONE"; NULL for another value. */
const char *mapi_http_meta_tag_name(enum mapi_http_meta_tag tag);

/* Longest line (meta-tag or header, without CRLF) the reader accepts; longer is WC_ERANGE. */
#define MAPI_HTTP_MAX_LINE 8192

/* ---- encoder: each returns 0 or the writer's WC_E* error ---- */

/* "PROCESSING\r\n", "PENDING\r\n" or "DONE\r\n". */
int mapi_http_meta_push(struct wc_writer *w, enum mapi_http_meta_tag tag);
/* "name: value\r\n". WC_EINVAL when name is not an RFC 7230 token or value holds a control character (other
 * than HTAB) or would be longer than MAPI_HTTP_MAX_LINE in all. */
int mapi_http_header_push(struct wc_writer *w, const char *name, const char *value);
/* The empty line that ends the additional headers; the response body follows. */
int mapi_http_headers_end_push(struct wc_writer *w);
/* The final piece of 3.2.5.2 up to the body: DONE, X-ResponseCode, X-ElapsedTime (milliseconds),
 * X-StartTime (RFC 1123 date of start) and the empty line. */
int mapi_http_done_push(struct wc_writer *w, uint32_t response_code, uint32_t elapsed_ms, time_t start);

/* RFC 1123 date as HTTP/1.1 uses it (RFC 2616 3.3.1), "Sun, 06 Nov 1994 08:49:37 GMT": 29 chars and NUL. */
void mapi_http_date_format(time_t t, char out[30]);

/* Parses a decimal X-ResponseCode value (digits only, fits 32 bits); WC_EFORMAT otherwise. */
int mapi_http_response_code_parse(const char *s, uint32_t *code);

/* ---- incremental reader ---- */

enum mapi_http_event_kind {
	MAPI_HTTP_EV_NONE,        /* all input consumed; feed more */
	MAPI_HTTP_EV_META,        /* a meta-tag: ev.meta */
	MAPI_HTTP_EV_HEADER,      /* an additional header after DONE: ev.name, ev.value */
	MAPI_HTTP_EV_HEADERS_END, /* the empty line; everything after it is the body */
	MAPI_HTTP_EV_BODY,        /* body bytes: ev.data, ev.len point into the caller's input */
};

struct mapi_http_event {
	enum mapi_http_event_kind kind;
	enum mapi_http_meta_tag meta;
	const char *name;  /* NUL-terminated, valid until the next call on the reader */
	const char *value; /* without surrounding whitespace */
	const uint8_t *data;
	size_t len;
};

struct mapi_http_reader;

/* A new reader on mem (free it with talloc_free). NULL when out of memory. */
struct mapi_http_reader *mapi_http_reader_new(TALLOC_CTX *mem);

/* Consumes a prefix of data[0..len) and reports at most one event. *used is how many bytes were consumed;
 * call again with the rest (data + *used) until it reports MAPI_HTTP_EV_NONE. Returns 0, or WC_EFORMAT for
 * malformed framing (unknown meta-tag, meta-tag out of order, line not ended by CRLF, bad header line),
 * WC_ERANGE for a line longer than MAPI_HTTP_MAX_LINE, WC_ENOMEM. Errors are sticky. */
int mapi_http_reader_next(struct mapi_http_reader *rd, const uint8_t *data, size_t len, size_t *used,
                          struct mapi_http_event *ev);

/* At the end of the stream: 0 when the headers were complete (the body may be empty), WC_EFORMAT when the
 * stream stopped before that, or the sticky error. */
int mapi_http_reader_finish(const struct mapi_http_reader *rd);

#endif
