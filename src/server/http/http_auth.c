/* HTTP authentication: the Authorization header (RFC 9110 11.6.2) with the Basic scheme (RFC 7617) and NTLM
 * over HTTP (MS-NLMP carried as "Authorization: NTLM <base64>" / "WWW-Authenticate: NTLM <base64>", the
 * handshake on one keep-alive connection, which it then authenticates). */
#include "common/wc_log.h"
#include "server/http/http_private.h"

#include <microhttpd.h>
#include <nettle/base64.h>
#include <nettle/sha2.h>
#include <string.h>
#include <strings.h>

#define AUTH_TOKEN_MAX 65536 /* bytes of base64 in one Authorization header */

static bool basic_allowed(const struct http_request *req)
{
	const struct http_options *o = &req->server->opt;
	return o->basic && (req->tls || o->basic_over_plain_http);
}

/* 401 with a WWW-Authenticate line per scheme on offer; extra is a ready "NTLM <challenge>" value or NULL. */
static bool unauthorized(struct http_request *req, const char *extra)
{
	const char *headers[7];
	int n = 0;
	if (extra != NULL) {
		headers[n++] = "WWW-Authenticate";
		headers[n++] = extra;
	} else {
		if (req->server->opt.ntlm) {
			headers[n++] = "WWW-Authenticate";
			headers[n++] = "NTLM";
		}
		if (basic_allowed(req)) {
			headers[n++] = "WWW-Authenticate";
			headers[n++] = talloc_asprintf(req, "Basic realm=\"%s\", charset=\"UTF-8\"",
			                               req->server->opt.hostname);
		}
	}
	headers[n] = NULL;
	static const char body[] = "401 Unauthorized\n";
	http_respond(req, 401, "text/plain; charset=utf-8", body, sizeof body - 1, headers);
	return false;
}

static bool unavailable(struct http_request *req)
{
	http_respond_status(req, 503);
	return false;
}

static uint8_t *base64_decode(TALLOC_CTX *mem, const char *src, size_t *len)
{
	size_t n = strlen(src);
	if (n == 0 || n > AUTH_TOKEN_MAX)
		return NULL;
	struct base64_decode_ctx ctx;
	size_t out_len = BASE64_DECODE_LENGTH(n);
	uint8_t *out = talloc_array(mem, uint8_t, out_len + 1);
	base64_decode_init(&ctx);
	if (out == NULL || !base64_decode_update(&ctx, &out_len, out, n, src) || !base64_decode_final(&ctx)) {
		talloc_free(out);
		return NULL;
	}
	out[out_len] = 0;
	*len = out_len;
	return out;
}

static char *base64_encode(TALLOC_CTX *mem, const uint8_t *src, size_t len)
{
	char *out = talloc_array(mem, char, BASE64_ENCODE_RAW_LENGTH(len) + 1);
	if (out != NULL) {
		base64_encode_raw(out, len, src);
		out[BASE64_ENCODE_RAW_LENGTH(len)] = '\0';
	}
	return out;
}

static void log_failure(struct http_request *req, const char *scheme, enum auth_result res)
{
	wc_warn("req=%s authentication failed: %s from %s (%s)", req->id, scheme, req->priv->conn->peer,
	        res == AUTH_MALFORMED ? "malformed or out of sequence" : "wrong or unknown credentials");
}

static bool ntlm(struct http_request *req, const char *token)
{
	struct http_conn *c = req->priv->conn;
	size_t len;
	uint8_t *msg = base64_decode(req, token, &len);
	int type = msg ? auth_ntlm_message_type(msg, len) : 0;
	if (type == 1) {
		/* A new handshake: whatever this connection had authenticated as is gone. */
		TALLOC_FREE(c->user);
		if (c->ntlm == NULL && (c->ntlm = auth_ntlm_state_new(c)) == NULL)
			return unavailable(req);
		uint8_t *chal;
		size_t chal_len;
		enum auth_result res =
		        auth_ntlm_negotiate(c->ntlm, &req->server->names, req, msg, len, &chal, &chal_len);
		if (res == AUTH_OK) {
			char *b64 = base64_encode(req, chal, chal_len);
			return b64 ? unauthorized(req, talloc_asprintf(req, "NTLM %s", b64))
			           : unavailable(req);
		}
		log_failure(req, "NTLM", res);
		return res == AUTH_UNAVAILABLE ? unavailable(req) : unauthorized(req, NULL);
	}
	enum auth_result res = AUTH_MALFORMED;
	if (type == 3 && c->ntlm != NULL) {
		struct dir_handle *dir = http_directory(req);
		if (dir == NULL)
			return unavailable(req);
		struct auth_user *u;
		res = auth_ntlm_authenticate(c->ntlm, dir, &req->server->names, c, msg, len, &u);
		if (res == AUTH_OK) {
			c->user = u;
			req->user = u;
			wc_debug("req=%s NTLM login %s as %s", req->id, u->login, u->alias);
			return true;
		}
	}
	log_failure(req, "NTLM", res);
	return res == AUTH_UNAVAILABLE ? unavailable(req) : unauthorized(req, NULL);
}

static bool basic(struct http_request *req, const char *token)
{
	struct http_conn *c = req->priv->conn;
	uint8_t digest[SHA256_DIGEST_SIZE];
	struct sha256_ctx sha;
	sha256_init(&sha);
	sha256_update(&sha, strlen(token), (const uint8_t *)token);
	sha256_digest(&sha, sizeof digest, digest);
	/* The same credentials again on this connection: no second argon2 run. */
	if (c->basic_user != NULL && memcmp(digest, c->basic_digest, sizeof digest) == 0) {
		req->user = c->basic_user;
		return true;
	}
	size_t len;
	uint8_t *user_pass = base64_decode(req, token, &len);
	enum auth_result res = AUTH_MALFORMED;
	if (user_pass != NULL) {
		struct dir_handle *dir = http_directory(req);
		if (dir == NULL)
			return unavailable(req);
		struct auth_user *u;
		res = auth_basic(dir, &req->server->names, c, (const char *)user_pass, len, &u);
		memset(user_pass, 0, len);
		if (res == AUTH_OK) {
			TALLOC_FREE(c->basic_user);
			c->basic_user = u;
			memcpy(c->basic_digest, digest, sizeof digest);
			req->user = u;
			return true;
		}
	}
	log_failure(req, "Basic", res);
	return res == AUTH_UNAVAILABLE ? unavailable(req) : unauthorized(req, NULL);
}

bool http_authenticate(struct http_request *req)
{
	struct http_conn *c = req->priv->conn;
	const char *h = http_header(req, MHD_HTTP_HEADER_AUTHORIZATION);
	if (h == NULL) {
		if (c->user == NULL)
			return unauthorized(req, NULL);
		req->user = c->user; /* NTLM authenticated this connection earlier */
		return true;
	}
	size_t scheme_len = strcspn(h, " ");
	const char *token = h + scheme_len + strspn(h + scheme_len, " ");
	if (scheme_len == 4 && strncasecmp(h, "NTLM", 4) == 0 && req->server->opt.ntlm)
		return ntlm(req, token);
	if (scheme_len == 5 && strncasecmp(h, "Basic", 5) == 0 && basic_allowed(req))
		return basic(req, token);
	wc_warn("req=%s authentication scheme not on offer from %s", req->id, c->peer);
	return unauthorized(req, NULL);
}
