/* libmapi sessions: the request types of the mailbox endpoint (MS-OXCMAPIHTTP 2.2.4 Connect, Execute,
 * Disconnect, NotificationWait; 2.2.6 PING), the common request headers (2.2.3.3: X-RequestType,
 * X-RequestId, X-ClientInfo), the cookies of a Session Context (2.2.3.2.3, 3.1.5.1) and the reconnect of
 * 3.1.5.7 / 3.2.5.6 on X-ResponseCode 10. The ROP buffer travels in the extended buffer of MS-OXCRPC
 * 3.1.4.1.1 (mapi/mapi_rpc_ext.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "client/libmapi_private.h"
#include "libmapi/autodiscover.h"
#include "mapi/mapi_rpc_ext.h"

#define DEFAULT_TIMEOUT_MS 300000u
/* MS-OXCMAPIHTTP 3.1.5.5: a NotificationWait ends after at most 5 minutes without events; allow latency. */
#define NOTIFICATION_WAIT_TIMEOUT_MS 360000u
#define DEFAULT_MAX_ROP_OUT 0x10000u

uint32_t mapi_library_init(void)
{
	return curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK ? ecSuccess : ecRpcFailed;
}

void mapi_client_set_error(struct mapi_session *s, long http_status, uint32_t response_code, const char *fmt,
                           ...)
{
	s->err.http_status = http_status;
	s->err.response_code = response_code;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->err.message, sizeof s->err.message, fmt, ap);
	va_end(ap);
}

static int session_destructor(struct mapi_session *s)
{
	mapi_client_objects_detach(s);
	if (s->curl != NULL)
		curl_easy_cleanup(s->curl);
	return 0;
}

static char *dup_opt(TALLOC_CTX *mem, const char *v, bool *ok)
{
	if (v == NULL)
		return NULL;
	char *c = talloc_strdup(mem, v);
	if (c == NULL)
		*ok = false;
	return c;
}

struct mapi_session *mapi_session_new(TALLOC_CTX *mem, const struct mapi_session_opts *opts)
{
	if (opts == NULL || mapi_library_init() != ecSuccess)
		return NULL;
	struct mapi_session *s = talloc_zero(mem, struct mapi_session);
	if (s == NULL)
		return NULL;
	talloc_set_destructor(s, session_destructor);
	bool ok = true;
	s->opts = *opts;
	s->opts.mailbox_url = dup_opt(s, opts->mailbox_url, &ok);
	s->opts.email = dup_opt(s, opts->email, &ok);
	s->opts.autodiscover_url = dup_opt(s, opts->autodiscover_url, &ok);
	s->opts.user_dn = dup_opt(s, opts->user_dn, &ok);
	s->opts.user = dup_opt(s, opts->user, &ok);
	s->opts.password = dup_opt(s, opts->password, &ok);
	s->opts.client_info = dup_opt(s, opts->client_info, &ok);
	s->opts.address_book_url = dup_opt(s, opts->address_book_url, &ok);
	if (s->opts.code_page == 0)
		s->opts.code_page = 1252;
	if (s->opts.lcid == 0)
		s->opts.lcid = 0x0409;
	if (s->opts.timeout_ms == 0)
		s->opts.timeout_ms = DEFAULT_TIMEOUT_MS;
	s->max_rop_out = opts->max_rop_out != 0 ? opts->max_rop_out : DEFAULT_MAX_ROP_OUT;
	if (s->max_rop_out > MAPI_RPC_EXT_MAX_BUFFER)
		s->max_rop_out = MAPI_RPC_EXT_MAX_BUFFER;
	mapi_client_random_guid(s->request_guid);
	if (s->opts.client_info != NULL) {
		s->client_info = talloc_strdup(s, s->opts.client_info);
	} else {
		char g[39];
		mapi_client_random_guid(g);
		s->client_info = talloc_asprintf(s, "%s:1", g); /* 2.2.3.3.4: "{GUID}:counter" */
	}
	s->curl = mapi_client_curl_new(&s->opts);
	if (!ok || s->client_info == NULL || s->curl == NULL) {
		talloc_free(s);
		return NULL;
	}
	return s;
}

/* The mailbox endpoint URL: given whole, or a bare server URL completed with /mapi/emsmdb/ (2.2.1). */
static char *mailbox_endpoint(TALLOC_CTX *mem, const char *url)
{
	if (strstr(url, "/mapi/") != NULL)
		return talloc_strdup(mem, url);
	size_t n = strlen(url);
	while (n > 0 && url[n - 1] == '/')
		n--;
	return talloc_asprintf(mem, "%.*s/mapi/emsmdb/", (int)n, url);
}

/* The mailbox URL and user DN, from the options or Autodiscover. */
static uint32_t resolve(struct mapi_session *s)
{
	if (s->mailbox_url != NULL && s->user_dn != NULL)
		return ecSuccess;
	const char *url = s->opts.mailbox_url;
	const char *dn = s->opts.user_dn;
	struct mapi_autodiscover_result *ad = NULL;
	if (url == NULL || dn == NULL) {
		if (s->opts.email == NULL) {
			mapi_client_set_error(s, 0, 0,
			                      "neither a mailbox URL and user DN nor an e-mail address");
			return ecInvalidParam;
		}
		uint32_t ec = mapi_autodiscover(s, &s->opts, s->opts.email, s->opts.autodiscover_url, &ad);
		if (ec != ecSuccess) {
			mapi_client_set_error(s, 0, 0, "autodiscover for %s failed: %s", s->opts.email,
			                      mapi_err_name(ec) ? mapi_err_name(ec) : "error");
			return ec;
		}
		if (url == NULL)
			url = ad->mailstore_url;
		if (dn == NULL)
			dn = ad->legacy_dn;
		if (url == NULL || dn == NULL) {
			mapi_client_set_error(s, 0, 0,
			                      "autodiscover gave no mapiHttp MailStore URL or LegacyDN");
			talloc_free(ad);
			return ecNotFound;
		}
	}
	s->mailbox_url = mailbox_endpoint(s, url);
	s->user_dn = talloc_strdup(s, dn);
	/* the address book: given, from Autodiscover, or next to the mailbox endpoint (2.2.1) */
	const char *ab = s->opts.address_book_url ? s->opts.address_book_url
	                 : ad                     ? ad->addressbook_url
	                                          : NULL;
	char *emsmdb = s->mailbox_url ? strstr(s->mailbox_url, "/mapi/emsmdb/") : NULL;
	if (ab != NULL)
		s->ab_url = talloc_strdup(s, ab);
	else if (emsmdb != NULL)
		s->ab_url = talloc_asprintf(s, "%.*s/mapi/nspi/%s", (int)(emsmdb - s->mailbox_url),
		                            s->mailbox_url, emsmdb + strlen("/mapi/emsmdb/"));
	talloc_free(ad);
	return s->mailbox_url != NULL && s->user_dn != NULL ? ecSuccess : ecNotEnoughMemory;
}

/* 3.1.5.1: every cookie of the last response goes back with the next request; a Connect's cookies replace
 * the whole set (3.2.5.6: never commingled with an earlier context's). */
static void keep_cookies(struct mapi_session *s, struct mapi_cookie_jar *jar,
                         const struct mapi_http_result *res, bool replace)
{
	if (replace) {
		talloc_free(jar->cookies);
		jar->cookies = NULL;
		jar->count = 0;
	}
	for (uint32_t i = 0; i < res->cookie_count; i++) {
		const struct mapi_cookie *c = &res->cookies[i];
		uint32_t j = 0;
		while (j < jar->count && strcmp(jar->cookies[j].name, c->name) != 0)
			j++;
		if (j == jar->count) {
			struct mapi_cookie *n = talloc_realloc(s, jar->cookies, struct mapi_cookie, j + 1);
			if (n == NULL)
				return;
			jar->cookies = n;
			jar->count++;
			n[j].name = talloc_strdup(n, c->name);
			n[j].value = NULL;
		}
		talloc_free(jar->cookies[j].value);
		jar->cookies[j].value = talloc_strdup(jar->cookies, c->value);
	}
}

static uint32_t response_code_error(struct mapi_session *s, long http, uint32_t rc, const char *diag)
{
	const char *name = mapi_http_response_code_name(rc);
	mapi_client_set_error(s, http, rc, "X-ResponseCode %u (%s)%s%.180s", rc, name ? name : "unknown",
	                      diag ? ": " : "", diag ? diag : "");
	if (rc == MAPI_HTTP_RC_CONTEXT_NOT_FOUND)
		return ecEndOfSession;
	if (rc == MAPI_HTTP_RC_ANONYMOUS_NOT_ALLOWED)
		return ecLoginFailure;
	return ecRpcFailed;
}

uint32_t mapi_client_send(struct mapi_session *s, const char *url, struct mapi_cookie_jar *jar,
                          TALLOC_CTX *mem, const struct mapi_http_request *req,
                          struct mapi_http_response **rsp)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct wc_writer w;
	wc_writer_init(&w, tmp, 0);
	if (req->type != MAPI_HTTP_PING && mapi_http_request_push(&w, req) != 0) {
		talloc_free(tmp);
		mapi_client_set_error(s, 0, 0, "cannot encode the %s request",
		                      mapi_http_request_type_name(req->type));
		return ecInvalidParam;
	}
	char *cookie = NULL;
	for (uint32_t i = 0; i < jar->count; i++)
		cookie = talloc_asprintf_append(cookie ? cookie : talloc_strdup(tmp, "Cookie: "), "%s%s=%s",
		                                i ? "; " : "", jar->cookies[i].name, jar->cookies[i].value);
	const char *headers[] = {
	        "Content-Type: application/mapi-http",
	        talloc_asprintf(tmp, "X-RequestType: %s", mapi_http_request_type_name(req->type)),
	        talloc_asprintf(tmp, "X-RequestId: %s:%u", s->request_guid, ++s->request_counter),
	        talloc_asprintf(tmp, "X-ClientInfo: %s", s->client_info),
	        "Accept: application/mapi-http",
	        "Expect:", /* no 100-continue round trip */
	        cookie,
	        NULL,
	};
	long timeout =
	        req->type == MAPI_HTTP_NOTIFICATION_WAIT && s->opts.timeout_ms < NOTIFICATION_WAIT_TIMEOUT_MS
	                ? (long)NOTIFICATION_WAIT_TIMEOUT_MS
	                : (long)s->opts.timeout_ms;
	struct mapi_http_result res;
	uint32_t ec = mapi_client_post(s->curl, tmp, url, headers, w.data, w.len, timeout, true, &res);
	if (ec != ecSuccess) {
		mapi_client_set_error(s, res.http_status, 0, "%s: %s", mapi_http_request_type_name(req->type),
		                      res.curl_error);
	} else if (res.http_status == 401) {
		mapi_client_set_error(s, 401, res.response_code, "HTTP 401: authentication refused");
		ec = ecLoginFailure;
	} else if (res.response_code != 0) {
		ec = response_code_error(s, res.http_status, res.response_code, res.diagnostic);
	} else if (res.http_status != 200) {
		mapi_client_set_error(s, res.http_status, 0, "HTTP %ld", res.http_status);
		ec = ecRpcFailed;
	} else if (res.framing_error != 0) {
		mapi_client_set_error(s, 200, 0, "malformed response stream (MS-OXCMAPIHTTP 3.2.5.2)");
		ec = ecRpcFormat;
	} else if (res.done_response_code != 0) {
		ec = response_code_error(s, 200, res.done_response_code, NULL);
	}
	if (ec == ecSuccess)
		keep_cookies(s, jar, &res, req->type == MAPI_HTTP_CONNECT || req->type == MAPI_HTTP_BIND);
	if (ec == ecSuccess && req->type != MAPI_HTTP_PING) {
		struct mapi_http_response *r;
		if (mapi_http_response_pull(mem, req->type, res.body.data, res.body.len, &r) != 0) {
			mapi_client_set_error(s, 200, 0, "malformed %s response body",
			                      mapi_http_request_type_name(req->type));
			ec = ecRpcFormat;
		} else if (r->status_code != 0) {
			mapi_client_set_error(s, 200, 0, "%s StatusCode %u",
			                      mapi_http_request_type_name(req->type), r->status_code);
			s->err.status_code = r->status_code;
			talloc_free(r);
			ec = ecRpcFailed;
		} else if (r->error_code != 0) {
			mapi_client_set_error(
			        s, 200, 0, "%s ErrorCode %s", mapi_http_request_type_name(req->type),
			        mapi_err_name(r->error_code) ? mapi_err_name(r->error_code) : "unknown");
			s->err.error_code = r->error_code;
			ec = r->error_code;
			/* an NSPI ErrorCode such as ErrorsReturned or UnbindSuccess (MS-OXNSPI 2.2.1.2) still
			 * comes with the response's fields: address book callers get them */
			if (mapi_http_request_type_endpoints(req->type) & MAPI_HTTP_EP_ADDRESS_BOOK)
				*rsp = r;
			else
				talloc_free(r);
		} else {
			*rsp = r;
		}
	}
	if (ec == ecSuccess)
		memset(&s->err, 0, sizeof s->err);
	talloc_free(tmp);
	return ec;
}

/* A new Session Context: objects of the old one become stale, queued releases and logons are dropped. */
static uint32_t do_connect(struct mapi_session *s)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_CONNECT};
	req.connect.user_dn = s->user_dn;
	req.connect.flags = 0;
	req.connect.default_code_page = s->opts.code_page;
	req.connect.lcid_sort = s->opts.lcid;
	req.connect.lcid_string = s->opts.lcid;
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_client_send(s, s->mailbox_url, &s->jar, s, &req, &rsp);
	s->generation++;
	s->connected = false;
	memset(s->logons_used, 0, sizeof s->logons_used);
	memset(s->private_logons, 0, sizeof s->private_logons);
	s->release_count = 0;
	if (ec != ecSuccess)
		return ec;
	talloc_free(s->display_name);
	talloc_free(s->dn_prefix);
	s->display_name = talloc_steal(s, rsp->connect.display_name);
	s->dn_prefix = talloc_steal(s, rsp->connect.dn_prefix);
	talloc_free(rsp);
	s->connected = true;
	return ecSuccess;
}

uint32_t mapi_connect(struct mapi_session *s)
{
	uint32_t ec = resolve(s);
	return ec != ecSuccess ? ec : do_connect(s);
}

uint32_t mapi_client_call(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                          bool retry, struct mapi_http_response **rsp)
{
	if (!s->connected) {
		mapi_client_set_error(s, 0, 0, "not connected");
		return ecEndOfSession;
	}
	uint32_t ec = mapi_client_send(s, s->mailbox_url, &s->jar, mem, req, rsp);
	if (ec != ecEndOfSession || s->err.response_code != MAPI_HTTP_RC_CONTEXT_NOT_FOUND ||
	    req->type == MAPI_HTTP_DISCONNECT)
		return ec;
	/* 3.2.5.6: the client SHOULD reconnect and establish a new Session Context */
	struct mapi_transport_error lost = s->err;
	ec = do_connect(s);
	if (ec != ecSuccess)
		return ec;
	if (retry)
		return mapi_client_send(s, s->mailbox_url, &s->jar, mem, req, rsp);
	s->err = lost;
	snprintf(s->err.message, sizeof s->err.message,
	         "the server lost the Session Context (X-ResponseCode 10); reconnected, log on again");
	return ecEndOfSession;
}

uint32_t mapi_disconnect(struct mapi_session *s)
{
	if (s->ab_bound) {
		/* MS-OXCMAPIHTTP 2.2.5.2 Unbind of the address book context; its failure does not matter here
		 */
		struct mapi_http_request unbind = {.type = MAPI_HTTP_UNBIND};
		struct mapi_http_response *ursp = NULL;
		mapi_client_send(s, s->ab_url, &s->ab_jar, s, &unbind, &ursp);
		talloc_free(ursp);
		talloc_free(s->ab_jar.cookies);
		s->ab_jar = (struct mapi_cookie_jar){0};
		s->ab_bound = false;
	}
	struct mapi_http_request req = {.type = MAPI_HTTP_DISCONNECT};
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_client_call(s, s, &req, false, &rsp);
	talloc_free(rsp);
	if (ec == ecSuccess || ec == ecEndOfSession) {
		/* 3.1.5.4: destroyed once the Disconnect succeeded; a context already gone is as good */
		s->connected = false;
		s->generation++;
		s->release_count = 0;
		talloc_free(s->jar.cookies);
		s->jar = (struct mapi_cookie_jar){0};
		ec = ecSuccess;
	}
	return ec;
}

uint32_t mapi_ping(struct mapi_session *s)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_PING};
	struct mapi_http_response *rsp = NULL;
	return mapi_client_call(s, s, &req, true, &rsp);
}

uint32_t mapi_notification_wait(struct mapi_session *s, uint32_t *event_pending)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_NOTIFICATION_WAIT};
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_client_call(s, s, &req, true, &rsp);
	if (ec == ecSuccess && event_pending != NULL)
		*event_pending = rsp->notification_wait.event_pending;
	talloc_free(rsp);
	return ec;
}

uint32_t mapi_client_execute(struct mapi_session *s, TALLOC_CTX *mem, const uint8_t *rop_in, size_t len,
                             bool chain, bool retry, uint32_t max_rop_out, struct mapi_binary **out,
                             uint32_t *count)
{
	if (len == 0 || len > MAPI_RPC_EXT_MAX_PAYLOAD) {
		mapi_client_set_error(
		        s, 0, 0, "a ROP input buffer of %zu bytes (at most 32 KB, MS-OXCRPC 3.1.4.2.1)", len);
		return ecInvalidParam;
	}
	TALLOC_CTX *tmp = talloc_new(NULL);
	/* MS-OXCRPC 3.1.4.1.1: rgbIn is RPC_HEADER_EXT + payload, compressed and obfuscated on request */
	struct mapi_rpc_ext_payload p = {
	        .flags = (uint16_t)((s->opts.compress ? MAPI_RPC_EXT_COMPRESSED : 0) |
	                            (s->opts.obfuscate ? MAPI_RPC_EXT_XOR_MAGIC : 0)),
	        .data = rop_in,
	        .len = len,
	};
	struct wc_writer w;
	wc_writer_init(&w, tmp, 0);
	if (mapi_rpc_ext_push(&w, &p, 1) != 0) {
		talloc_free(tmp);
		return ecNotEnoughMemory;
	}
	/* MS-OXCMAPIHTTP 2.2.4.2.1 Flags = MS-OXCRPC 3.1.4.2 pulFlags: NoCompression 0x1, NoXorMagic 0x2,
	 * Chain 0x4 */
	struct mapi_http_request req = {.type = MAPI_HTTP_EXECUTE};
	req.execute.flags =
	        (s->opts.compress ? 0 : 0x1u) | (s->opts.obfuscate ? 0 : 0x2u) | (chain ? 0x4u : 0);
	req.execute.rop_buffer.data = w.data;
	req.execute.rop_buffer.len = (uint32_t)w.len;
	req.execute.max_rop_out = max_rop_out != 0 ? max_rop_out : s->max_rop_out;
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_client_call(s, tmp, &req, retry, &rsp);
	struct mapi_rpc_ext_chain *c = NULL;
	if (ec == ecSuccess &&
	    mapi_rpc_ext_pull(mem, rsp->execute.rop_buffer.data, rsp->execute.rop_buffer.len,
	                      MAPI_RPC_EXT_MAX_BUFFER, &c) != 0) {
		mapi_client_set_error(s, 200, 0, "malformed RopBuffer (MS-OXCRPC 3.1.4.2.1.1)");
		ec = ecRpcFormat;
	}
	if (ec == ecSuccess) {
		struct mapi_binary *o = talloc_array(mem, struct mapi_binary, c->count);
		if (o == NULL || talloc_steal(o, c) == NULL) {
			talloc_free(c);
			ec = ecNotEnoughMemory;
		} else {
			for (size_t i = 0; i < c->count; i++) {
				o[i].data = (uint8_t *)c->payloads[i].data;
				o[i].len = (uint32_t)c->payloads[i].len;
			}
			*out = o;
			*count = (uint32_t)c->count;
		}
	}
	talloc_free(tmp);
	return ec;
}

uint32_t mapi_execute_raw(struct mapi_session *s, TALLOC_CTX *mem, const uint8_t *rop_in, size_t rop_in_len,
                          bool chain, struct mapi_binary **out, uint32_t *count)
{
	return mapi_client_execute(s, mem, rop_in, rop_in_len, chain, false, 0, out, count);
}

const struct mapi_transport_error *mapi_session_last_error(const struct mapi_session *s)
{
	return &s->err;
}

uint32_t mapi_session_generation(const struct mapi_session *s)
{
	return s->generation;
}

const char *mapi_session_display_name(const struct mapi_session *s)
{
	return s->connected ? s->display_name : NULL;
}

const char *mapi_session_user_dn(const struct mapi_session *s)
{
	return s->user_dn;
}

const char *mapi_session_mailbox_url(const struct mapi_session *s)
{
	return s->mailbox_url;
}
