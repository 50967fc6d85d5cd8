/* libmapi HTTP transport on libcurl: one easy handle per session (keep-alive, so an NTLM handshake
 * authenticates the connection once, MS-OXCMAPIHTTP 2.2.3.2), the response headers a client needs
 * (X-ResponseCode MS-OXCMAPIHTTP 2.2.3.3.3, Set-Cookie 2.2.3.2.3) and the inner response stream of
 * 3.2.5.2 (PROCESSING, PENDING..., DONE, additional headers, body), parsed with the shared framing reader
 * (mapi/mapihttp_framing.h) as chunks arrive. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

#include "client/libmapi_private.h"
#include "mapi/mapihttp_framing.h"

/* A failed response's body is kept as text for the error message, up to this much. */
#define DIAGNOSTIC_MAX 2048
/* A response body larger than this is refused (an Execute response is at most 0x40000 of ROP output plus
 * headers, MS-OXCRPC 3.1.4.2). */
#define BODY_MAX (4u << 20)

struct post_state {
	TALLOC_CTX *mem;
	struct mapi_http_result *res;
	bool framed;
	struct mapi_http_reader *reader;
	struct wc_writer body;
	struct wc_writer diag;
	uint32_t cookie_count;
	struct mapi_cookie *cookies;
};

void mapi_client_random_guid(char out[39])
{
	struct wc_guid g;
	uint8_t b[16];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
		for (size_t i = 0; i < sizeof b;
		     i++) /* no entropy source: still unique enough for a request id */
			b[i] = (uint8_t)random();
	}
	struct wc_reader r;
	wc_reader_init(&r, b, sizeof b);
	wc_read_guid(&r, &g);
	g.d3 = (uint16_t)((g.d3 & 0x0FFF) | 0x4000); /* RFC 4122 version 4 */
	g.d4[0] = (uint8_t)((g.d4[0] & 0x3F) | 0x80);
	wc_guid_to_string(&g, out);
}

CURL *mapi_client_curl_new(const struct mapi_session_opts *opts)
{
	CURL *c = curl_easy_init();
	if (c == NULL)
		return NULL;
	long auth = opts->auth == MAPI_AUTH_BASIC  ? (long)CURLAUTH_BASIC
	            : opts->auth == MAPI_AUTH_NTLM ? (long)CURLAUTH_NTLM
	                                           : (long)(CURLAUTH_BASIC | CURLAUTH_NTLM);
	curl_easy_setopt(c, CURLOPT_HTTPAUTH, auth);
	if (opts->user != NULL)
		curl_easy_setopt(c, CURLOPT_USERNAME, opts->user);
	if (opts->password != NULL)
		curl_easy_setopt(c, CURLOPT_PASSWORD, opts->password);
	curl_easy_setopt(c, CURLOPT_TCP_KEEPALIVE, 1L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L); /* threads: no SIGALRM for DNS timeouts */
	curl_easy_setopt(c, CURLOPT_USERAGENT, "libmapi/" WC_VERSION " (warpcore)");
	if (opts->insecure) {
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 0L);
		curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 0L);
	}
	if (opts->verbose)
		curl_easy_setopt(c, CURLOPT_VERBOSE, 1L);
	return c;
}

/* "Name: value" header lines. RFC 9110 5.1: names are case-insensitive. */
static bool header_is(const char *line, size_t len, const char *name, const char **value, size_t *vlen)
{
	size_t n = strlen(name);
	if (len <= n || strncasecmp(line, name, n) != 0 || line[n] != ':')
		return false;
	const char *v = line + n + 1;
	const char *end = line + len;
	while (v < end && (*v == ' ' || *v == '\t'))
		v++;
	while (end > v && (end[-1] == '\r' || end[-1] == '\n' || end[-1] == ' ' || end[-1] == '\t'))
		end--;
	*value = v;
	*vlen = (size_t)(end - v);
	return true;
}

/* Set-Cookie (RFC 6265 4.1): name=value up to the first ';'; attributes are not needed, the cookies of a
 * session go back to the one endpoint they came from. */
static void add_cookie(struct post_state *st, const char *v, size_t vlen)
{
	const char *semi = memchr(v, ';', vlen);
	size_t pair = semi != NULL ? (size_t)(semi - v) : vlen;
	const char *eq = memchr(v, '=', pair);
	if (eq == NULL || eq == v)
		return;
	struct mapi_cookie *n =
	        talloc_realloc(st->mem, st->cookies, struct mapi_cookie, st->cookie_count + 1);
	if (n == NULL)
		return;
	st->cookies = n;
	n[st->cookie_count].name = talloc_strndup(n, v, (size_t)(eq - v));
	n[st->cookie_count].value = talloc_strndup(n, eq + 1, pair - (size_t)(eq - v) - 1);
	st->cookie_count++;
}

static size_t on_header(char *line, size_t size, size_t nitems, void *arg)
{
	struct post_state *st = arg;
	size_t len = size * nitems;
	const char *v;
	size_t vlen;
	if (len >= 5 && strncmp(line, "HTTP/", 5) == 0) {
		/* a new response (after a 401 of an NTLM handshake, or a 100 Continue): forget the last one's
		 */
		st->res->response_code = 0;
		st->cookie_count = 0;
		return len;
	}
	if (header_is(line, len, "X-ResponseCode", &v, &vlen)) {
		char tmp[16];
		uint32_t code;
		if (vlen < sizeof tmp) {
			memcpy(tmp, v, vlen);
			tmp[vlen] = '\0';
			if (mapi_http_response_code_parse(tmp, &code) == 0)
				st->res->response_code = code;
			else
				st->res->response_code = MAPI_HTTP_RC_INVALID_RESPONSE;
		}
	} else if (header_is(line, len, "Set-Cookie", &v, &vlen)) {
		add_cookie(st, v, vlen);
	}
	return len;
}

/* Feeds the framing reader; keeps the body bytes and the additional headers. */
static int feed(struct post_state *st, const uint8_t *data, size_t len)
{
	while (len > 0) {
		struct mapi_http_event ev;
		size_t used = 0;
		int rc = mapi_http_reader_next(st->reader, data, len, &used, &ev);
		if (rc != 0)
			return rc;
		if (ev.kind == MAPI_HTTP_EV_BODY) {
			if (st->body.len + ev.len > BODY_MAX)
				return WC_ERANGE;
			wc_write_bytes(&st->body, ev.data, ev.len);
		} else if (ev.kind == MAPI_HTTP_EV_HEADER && strcasecmp(ev.name, "X-ResponseCode") == 0) {
			if (mapi_http_response_code_parse(ev.value, &st->res->done_response_code) != 0)
				return WC_EFORMAT;
		}
		data += used;
		len -= used;
		if (ev.kind == MAPI_HTTP_EV_NONE)
			break;
	}
	return 0;
}

static size_t on_body(char *ptr, size_t size, size_t nmemb, void *arg)
{
	struct post_state *st = arg;
	size_t len = size * nmemb;
	/* the status of the response being received (set by on_header_status) decides what its body is */
	if (st->res->framing_error != 0)
		return len;
	if (st->res->http_status != 200 || st->res->response_code != 0 || !st->framed) {
		struct wc_writer *w =
		        st->res->http_status == 200 && st->res->response_code == 0 ? &st->body : &st->diag;
		size_t room = (w == &st->diag ? DIAGNOSTIC_MAX : BODY_MAX) - w->len;
		wc_write_bytes(w, ptr, len < room ? len : room);
		return len;
	}
	int rc = feed(st, (const uint8_t *)ptr, len);
	if (rc != 0)
		st->res->framing_error = rc;
	return len;
}

/* curl reports the status per response; the header callback sees it first. */
static size_t on_header_status(char *line, size_t size, size_t nitems, void *arg)
{
	struct post_state *st = arg;
	size_t len = size * nitems;
	if (len >= 12 && strncmp(line, "HTTP/", 5) == 0) {
		const char *sp = memchr(line, ' ', len);
		st->res->http_status = sp != NULL ? strtol(sp + 1, NULL, 10) : 0;
	}
	return on_header(line, size, nitems, arg);
}

uint32_t mapi_client_post(CURL *curl, TALLOC_CTX *mem, const char *url, const char *const *headers,
                          const uint8_t *body, size_t len, long timeout_ms, bool framed,
                          struct mapi_http_result *res)
{
	memset(res, 0, sizeof *res);
	struct post_state st = {.mem = mem, .res = res, .framed = framed};
	st.reader = mapi_http_reader_new(mem);
	wc_writer_init(&st.body, mem, 0);
	wc_writer_init(&st.diag, mem, 0);
	struct curl_slist *list = NULL;
	for (size_t i = 0; headers != NULL && headers[i] != NULL; i++) {
		struct curl_slist *n = curl_slist_append(list, headers[i]);
		if (n == NULL) {
			curl_slist_free_all(list);
			return ecNotEnoughMemory;
		}
		list = n;
	}
	if (st.reader == NULL)
		return ecNotEnoughMemory;
	curl_easy_setopt(curl, CURLOPT_URL, url);
	curl_easy_setopt(curl, CURLOPT_POST, 1L);
	/* never NULL: curl would then read the body from its read callback (stdin) */
	curl_easy_setopt(curl, CURLOPT_POSTFIELDS, body != NULL ? (const char *)body : "");
	curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, list);
	curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, timeout_ms);
	curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, on_header_status);
	curl_easy_setopt(curl, CURLOPT_HEADERDATA, &st);
	curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(curl, CURLOPT_WRITEDATA, &st);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, res->curl_error);
	res->curl_error[0] = '\0';
	res->curl_code = curl_easy_perform(curl);
	curl_easy_setopt(curl, CURLOPT_HTTPHEADER, NULL);
	curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, NULL);
	curl_slist_free_all(list);
	long status = 0;
	curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &status);
	if (status != 0)
		res->http_status = status;
	res->cookies = st.cookies;
	res->cookie_count = st.cookie_count;
	if (st.diag.len > 0 && wc_write_u8(&st.diag, 0))
		res->diagnostic = (char *)st.diag.data;
	if (res->curl_code != CURLE_OK) {
		if (res->curl_error[0] == '\0')
			snprintf(res->curl_error, sizeof res->curl_error, "%s",
			         curl_easy_strerror(res->curl_code));
		return ecRpcFailed;
	}
	if (wc_writer_status(&st.body) != 0)
		return ecNotEnoughMemory;
	if (res->http_status == 200 && res->response_code == 0 && framed && res->framing_error == 0)
		res->framing_error = mapi_http_reader_finish(st.reader);
	res->body.data = st.body.data;
	res->body.len = (uint32_t)st.body.len;
	talloc_free(st.reader);
	return ecSuccess;
}
