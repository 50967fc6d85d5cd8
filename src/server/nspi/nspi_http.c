/* The address book endpoint /mapi/nspi/ on the MAPI/HTTP layer (MS-OXCMAPIHTTP 2.2.5): Bind creates the
 * Session Context with nspi_bind() (MS-OXNSPI 3.1.4.1.1), Unbind ends it (3.1.4.1.2), every other request
 * type runs as its nspi_*() method through nspi_mapihttp_execute(). Headers, cookies, framing, body decoding
 * and the X-ResponseCode failures are the layer's (server/mapihttp/mapihttp.h). The session keeps no
 * directory handle between requests: each request lends it the request's own (http_directory, nspi_set_dir).
 */
#include "server/nspi/nspi_http.h"

#include "common/mapi_errors.h"
#include "common/wc_error.h"
#include "server/auth/auth.h"

/* What the endpoint's handlers share: the configuration every session starts from. */
struct nspi_http {
	struct mapihttp_endpoint ep;
	struct nspi_config cfg; /* host and tls are set per Bind from the request */
};

static const struct nspi_http *endpoint_of(const struct mapihttp_call *c)
{
	return c->endpoint->arg;
}

static struct nspi_session *session_of(const struct mapihttp_call *c)
{
	return talloc_get_type_abort(c->session->priv, struct nspi_session);
}

/* MS-OXCMAPIHTTP 2.2.5.1: Bind = NspiBind with the request's Flags and State. The session is a child of the
 * Session Context, so the layer frees it with the context (a failed Bind, Unbind, expiry). */
static uint32_t nspi_http_bind(struct mapihttp_call *c)
{
	const struct mapi_http_bind_req *in = &c->in->bind;
	struct dir_handle *dir = http_directory(c->req);
	if (dir == NULL)
		return MAPI_HTTP_RC_UNKNOWN_FAILURE;
	struct nspi_config cfg = endpoint_of(c)->cfg;
	cfg.host = http_public_host(c->req);
	cfg.tls = c->req->tls;
	struct nspi_session *s = NULL;
	c->out->error_code = nspi_bind(c->session, dir, &cfg, c->user->alias, in->flags, in->state, &s,
	                               &c->out->bind.server_guid);
	if (c->out->error_code == ecSuccess)
		c->session->priv = s;
	return MAPI_HTTP_RC_SUCCESS;
}

/* MS-OXCMAPIHTTP 2.2.5.2: Unbind = NspiUnbind; its return value (ecUnbindSuccess) is the ErrorCode, the
 * layer then frees the Session Context. */
static uint32_t nspi_http_unbind(struct mapihttp_call *c)
{
	c->out->error_code = nspi_unbind(session_of(c));
	c->session->priv = NULL;
	return MAPI_HTTP_RC_SUCCESS;
}

/* MS-OXCMAPIHTTP 2.2.5.3-2.2.5.19: the method of the request type on the session, with this request's
 * directory handle. */
static uint32_t nspi_http_request(struct mapihttp_call *c)
{
	struct dir_handle *dir = http_directory(c->req);
	if (dir == NULL)
		return MAPI_HTTP_RC_UNKNOWN_FAILURE;
	struct nspi_session *s = session_of(c);
	nspi_set_dir(s, dir);
	int rc = nspi_mapihttp_execute(s, c->out, c->in, c->out);
	return rc == 0 ? MAPI_HTTP_RC_SUCCESS : MAPI_HTTP_RC_UNKNOWN_FAILURE;
}

static const struct mapihttp_type_handler nspi_types[] = {
        {MAPI_HTTP_BIND, MAPIHTTP_NEW_SESSION, nspi_http_bind},
        {MAPI_HTTP_UNBIND, MAPIHTTP_END_SESSION, nspi_http_unbind},
        {MAPI_HTTP_COMPARE_MIDS, 0, nspi_http_request},
        {MAPI_HTTP_DN_TO_MID, 0, nspi_http_request},
        {MAPI_HTTP_GET_MATCHES, 0, nspi_http_request},
        {MAPI_HTTP_GET_PROP_LIST, 0, nspi_http_request},
        {MAPI_HTTP_GET_PROPS, 0, nspi_http_request},
        {MAPI_HTTP_GET_SPECIAL_TABLE, 0, nspi_http_request},
        {MAPI_HTTP_GET_TEMPLATE_INFO, 0, nspi_http_request},
        {MAPI_HTTP_MOD_LINK_ATT, 0, nspi_http_request},
        {MAPI_HTTP_MOD_PROPS, 0, nspi_http_request},
        {MAPI_HTTP_QUERY_ROWS, 0, nspi_http_request},
        {MAPI_HTTP_QUERY_COLUMNS, 0, nspi_http_request},
        {MAPI_HTTP_RESOLVE_NAMES, 0, nspi_http_request},
        {MAPI_HTTP_RESORT_RESTRICTION, 0, nspi_http_request},
        {MAPI_HTTP_SEEK_ENTRIES, 0, nspi_http_request},
        {MAPI_HTTP_UPDATE_STAT, 0, nspi_http_request},
        {MAPI_HTTP_GET_MAILBOX_URL, 0, nspi_http_request},
        {MAPI_HTTP_GET_ADDRESS_BOOK_URL, 0, nspi_http_request},
};

int nspi_http_register(struct mapihttp *m, struct http_server *s, bool allow_anonymous)
{
	/* On the session table, so the GAL cache outlives every session (freed before their parent's other
	 * children, being younger) when the layer goes. */
	struct nspi_http *h = talloc_zero(mapihttp_sessions(m), struct nspi_http);
	if (h == NULL || (h->cfg.cache = nspi_cache_create(h)) == NULL) {
		talloc_free(h);
		return WC_ENOMEM;
	}
	h->cfg.allow_anonymous = allow_anonymous;
	h->ep = (struct mapihttp_endpoint){
	        .path = NSPI_HTTP_PATH,
	        .bit = MAPI_HTTP_EP_ADDRESS_BOOK,
	        .types = nspi_types,
	        .ntypes = sizeof nspi_types / sizeof nspi_types[0],
	        .arg = h,
	};
	int rc = mapihttp_endpoint_register(m, s, &h->ep);
	if (rc != 0)
		talloc_free(h);
	return rc;
}
