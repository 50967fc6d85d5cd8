/* MS-OXCMAPIHTTP 2.2.7 response meta-tags and the inner response stream framing (3.2.5.2). */
#include "mapi/mapihttp_framing.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/wc_error.h"

static const char *const meta_names[] = {
        [MAPI_HTTP_META_PROCESSING] = "PROCESSING",
        [MAPI_HTTP_META_PENDING] = "PENDING",
        [MAPI_HTTP_META_DONE] = "DONE",
};

const char *mapi_http_meta_tag_name(enum mapi_http_meta_tag tag)
{
	if ((unsigned)tag >= sizeof meta_names / sizeof meta_names[0])
		return NULL;
	return meta_names[tag];
}

/* RFC 7230 3.2.6 tchar */
static bool is_tchar(unsigned char c)
{
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))
		return true;
	return c != '\0' && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

/* RFC 7230 3.2 field-value octets: VCHAR, obs-text, SP and HTAB; no other control characters. */
static bool is_value_char(unsigned char c)
{
	return c == '\t' || (c >= 0x20 && c != 0x7F);
}

/* ---- encoder ---- */

int mapi_http_meta_push(struct wc_writer *w, enum mapi_http_meta_tag tag)
{
	const char *name = mapi_http_meta_tag_name(tag);
	if (name == NULL)
		return WC_EINVAL;
	wc_write_bytes(w, name, strlen(name));
	wc_write_bytes(w, "\r\n", 2);
	return wc_writer_status(w);
}

int mapi_http_header_push(struct wc_writer *w, const char *name, const char *value)
{
	size_t nlen = strlen(name), vlen = strlen(value);
	if (nlen == 0 || nlen + 2 + vlen > MAPI_HTTP_MAX_LINE)
		return WC_EINVAL;
	for (size_t i = 0; i < nlen; i++)
		if (!is_tchar((unsigned char)name[i]))
			return WC_EINVAL;
	for (size_t i = 0; i < vlen; i++)
		if (!is_value_char((unsigned char)value[i]))
			return WC_EINVAL;
	wc_write_bytes(w, name, nlen);
	wc_write_bytes(w, ": ", 2);
	wc_write_bytes(w, value, vlen);
	wc_write_bytes(w, "\r\n", 2);
	return wc_writer_status(w);
}

int mapi_http_headers_end_push(struct wc_writer *w)
{
	wc_write_bytes(w, "\r\n", 2);
	return wc_writer_status(w);
}

void mapi_http_date_format(time_t t, char out[30])
{
	static const char days[7][4] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
	static const char months[12][4] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
	                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
	struct tm tm;
	if (gmtime_r(&t, &tm) == NULL || tm.tm_year < -1900 || tm.tm_year > 9999 - 1900) {
		/* outside what the format can show: the Unix epoch rather than a malformed date */
		snprintf(out, 30, "Thu, 01 Jan 1970 00:00:00 GMT");
		return;
	}
	/* the remainders only tell the compiler what gmtime_r guarantees, so that 29 characters are enough */
	snprintf(out, 30, "%s, %02u %s %04u %02u:%02u:%02u GMT", days[tm.tm_wday % 7],
	         (unsigned)tm.tm_mday % 100, months[tm.tm_mon % 12], (unsigned)(tm.tm_year + 1900) % 10000,
	         (unsigned)tm.tm_hour % 100, (unsigned)tm.tm_min % 100, (unsigned)tm.tm_sec % 100);
}

int mapi_http_done_push(struct wc_writer *w, uint32_t response_code, uint32_t elapsed_ms, time_t start)
{
	char num[16], date[30];
	int rc = mapi_http_meta_push(w, MAPI_HTTP_META_DONE);
	snprintf(num, sizeof num, "%u", response_code);
	if (rc == 0)
		rc = mapi_http_header_push(w, "X-ResponseCode", num);
	snprintf(num, sizeof num, "%u", elapsed_ms);
	if (rc == 0)
		rc = mapi_http_header_push(w, "X-ElapsedTime", num);
	mapi_http_date_format(start, date);
	if (rc == 0)
		rc = mapi_http_header_push(w, "X-StartTime", date);
	if (rc == 0)
		rc = mapi_http_headers_end_push(w);
	return rc;
}

int mapi_http_response_code_parse(const char *s, uint32_t *code)
{
	uint64_t v = 0;
	if (*s == '\0')
		return WC_EFORMAT;
	for (; *s != '\0'; s++) {
		if (*s < '0' || *s > '9')
			return WC_EFORMAT;
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > UINT32_MAX)
			return WC_EFORMAT;
	}
	*code = (uint32_t)v;
	return 0;
}

/* ---- reader ---- */

enum reader_state { RD_META, RD_HEADERS, RD_BODY };

struct mapi_http_reader {
	enum reader_state state;
	int error;      /* sticky WC_E* */
	unsigned ntags; /* meta-tags seen so far */
	char *line;     /* the current line without its LF, NUL-terminated once complete */
	size_t line_len;
};

struct mapi_http_reader *mapi_http_reader_new(TALLOC_CTX *mem)
{
	struct mapi_http_reader *rd = talloc_zero(mem, struct mapi_http_reader);
	if (rd == NULL)
		return NULL;
	/* one allocation for the longest line: its CR, and the NUL the events need */
	rd->line = talloc_array(rd, char, MAPI_HTTP_MAX_LINE + 2);
	if (rd->line == NULL) {
		talloc_free(rd);
		return NULL;
	}
	return rd;
}

static int reader_fail(struct mapi_http_reader *rd, int err)
{
	rd->error = err;
	return err;
}

/* A meta-tag line (2.2.7): PROCESSING only as the first tag, any number of PENDING, then DONE. */
static int meta_line(struct mapi_http_reader *rd, const char *line, struct mapi_http_event *ev)
{
	enum mapi_http_meta_tag tag;
	if (strcmp(line, "PROCESSING") == 0 && rd->ntags == 0)
		tag = MAPI_HTTP_META_PROCESSING;
	else if (strcmp(line, "PENDING") == 0)
		tag = MAPI_HTTP_META_PENDING;
	else if (strcmp(line, "DONE") == 0)
		tag = MAPI_HTTP_META_DONE;
	else
		return WC_EFORMAT;
	rd->ntags++;
	if (tag == MAPI_HTTP_META_DONE)
		rd->state = RD_HEADERS;
	ev->kind = MAPI_HTTP_EV_META;
	ev->meta = tag;
	return 0;
}

/* An additional header after DONE (RFC 7230 3.2: token ":" OWS value OWS), or the empty line before the body.
 */
static int header_line(struct mapi_http_reader *rd, char *line, size_t len, struct mapi_http_event *ev)
{
	if (len == 0) {
		rd->state = RD_BODY;
		ev->kind = MAPI_HTTP_EV_HEADERS_END;
		return 0;
	}
	size_t n = 0;
	while (n < len && is_tchar((unsigned char)line[n]))
		n++;
	if (n == 0 || n == len || line[n] != ':')
		return WC_EFORMAT;
	line[n] = '\0';
	char *v = line + n + 1, *end = line + len;
	for (char *p = v; p < end; p++)
		if (!is_value_char((unsigned char)*p))
			return WC_EFORMAT;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*end = '\0';
	ev->kind = MAPI_HTTP_EV_HEADER;
	ev->name = line;
	ev->value = v;
	return 0;
}

int mapi_http_reader_next(struct mapi_http_reader *rd, const uint8_t *data, size_t len, size_t *used,
                          struct mapi_http_event *ev)
{
	memset(ev, 0, sizeof *ev);
	*used = 0;
	if (rd->error != 0)
		return rd->error;
	if (rd->state == RD_BODY) {
		if (len > 0) {
			ev->kind = MAPI_HTTP_EV_BODY;
			ev->data = data;
			ev->len = len;
			*used = len;
		}
		return 0;
	}
	if (len == 0)
		return 0;
	const uint8_t *nl = memchr(data, '\n', len);
	size_t take = nl != NULL ? (size_t)(nl - data) : len;
	/* the line may hold MAPI_HTTP_MAX_LINE characters plus its CR */
	if (take > MAPI_HTTP_MAX_LINE + 1 - rd->line_len)
		return reader_fail(rd, WC_ERANGE);
	memcpy(rd->line + rd->line_len, data, take);
	rd->line_len += take;
	if (nl == NULL) {
		*used = len;
		return 0;
	}
	*used = take + 1;
	size_t n = rd->line_len;
	rd->line_len = 0;
	/* CRLF ends every line; a CR or NUL anywhere else is malformed */
	if (n == 0 || rd->line[n - 1] != '\r')
		return reader_fail(rd, WC_EFORMAT);
	n--;
	if (memchr(rd->line, '\r', n) != NULL || memchr(rd->line, '\0', n) != NULL)
		return reader_fail(rd, WC_EFORMAT);
	rd->line[n] = '\0';
	int rc = rd->state == RD_META ? meta_line(rd, rd->line, ev) : header_line(rd, rd->line, n, ev);
	if (rc != 0) {
		memset(ev, 0, sizeof *ev);
		return reader_fail(rd, rc);
	}
	return 0;
}

int mapi_http_reader_finish(const struct mapi_http_reader *rd)
{
	if (rd->error != 0)
		return rd->error;
	return rd->state == RD_BODY ? 0 : WC_EFORMAT;
}
