/* The mailbox endpoint /mapi/emsmdb/ on the MAPI/HTTP layer (MS-OXCMAPIHTTP 2.2.4): Connect, Execute,
 * Disconnect, NotificationWait. The request types map onto MS-OXCRPC's EcDoConnectEx (3.1.4.1), EcDoRpcExt2
 * (3.1.4.2), EcDoDisconnect (3.1.4.3) and EcDoAsyncWaitEx (3.3.4.1); Execute hands rgbIn to emsmdb_execute().
 */
#include "server/emsmdb/emsmdb_http.h"

#include "common/wc_error.h"
#include "mapi/mapi_aux.h"
#include "mapi/mapi_rpc_ext.h"
#include "server/auth/auth.h"

#include <string.h>
#include <strings.h>

/* EcDoConnectEx outputs that are implementation-dependent (MS-OXCRPC 3.1.4.1): how often a client in
 * classic mode polls for events (pcmsPollsMax), and how it retries when the server is too busy (pcRetry,
 * pcmsRetryDelay). The values Exchange uses. */
#define POLLS_MAX_MS 60000
#define RETRY_COUNT 6
#define RETRY_DELAY_MS 10000

static struct emsmdb_session *session_of(const struct mapihttp_call *c)
{
	return talloc_get_type_abort(c->session->priv, struct emsmdb_session);
}

static void wake(void *arg)
{
	mapihttp_session_notify(arg);
}

/* szDNPrefix (MS-OXCRPC 3.1.4.1): the organisation part of the user's DN, everything before its first
 * "/cn=" ("/o=Example/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"). */
static char *dn_prefix(TALLOC_CTX *mem, const char *dn)
{
	for (const char *p = dn; *p; p++)
		if (strncasecmp(p, "/cn=", 4) == 0)
			return talloc_strndup(mem, dn, (size_t)(p - dn));
	return talloc_strdup(mem, "");
}

/* rgbAuxOut of Connect (MS-OXCRPC 3.1.4.1.2, 2.2.2.2.17, 2.2.2.2.21): AUX_EXORGINFO without
 * PUBLIC_FOLDERS_ENABLED (warpd has no public folders, so the client does not try to open them) and
 * AUX_SERVER_SESSION_INFO with a context string for the client's logs. */
static int connect_aux(struct mapihttp_call *c, struct emsmdb_session *es)
{
	struct mapi_aux_block blocks[2] = {
	        {.version = AUX_VERSION_1, .type = AUX_TYPE_EXORGINFO, .layout = MAPI_AUX_EXORGINFO},
	        {.version = AUX_VERSION_1,
	         .type = AUX_TYPE_SERVER_SESSION_INFO,
	         .layout = MAPI_AUX_SERVER_SESSION_INFO},
	};
	blocks[0].flags.flags = 0;
	blocks[1].server_session_info.server_session_context_info =
	        talloc_asprintf(c->out, "warpd %s session %u", WC_VERSION, es->index);
	struct mapi_aux_list list = {2, blocks};
	struct wc_writer w;
	wc_writer_init(&w, c->out, MAPI_RPC_EXT_MAX_AUX_BUFFER);
	int rc = mapi_aux_buffer_push(&w, 0, &list);
	c->out->aux = (struct mapi_binary){(uint32_t)w.len, w.data};
	return rc;
}

/* MS-OXCMAPIHTTP 2.2.4.1, MS-OXCRPC 3.1.4.1: the UserDn must be the authenticated user's legacyExchangeDN
 * (DNs compare without regard to case); an empty or another DN is ecAccessDenied ("the authentication
 * context ... does not have enough privilege or the szUserDN parameter is empty"). */
static uint32_t emsmdb_connect(struct mapihttp_call *c)
{
	const struct mapi_http_connect_req *in = &c->in->connect;
	struct mapi_http_connect_rsp *rsp = &c->out->connect;
	/* With StatusCode 0 the body has every field whatever ErrorCode says (2.2.4.1.2): empty strings. */
	rsp->dn_prefix = rsp->display_name = "";
	if (in->user_dn == NULL || *in->user_dn == '\0' || c->user->legacy_dn == NULL ||
	    strcasecmp(in->user_dn, c->user->legacy_dn) != 0) {
		c->out->error_code = ecAccessDenied;
		return MAPI_HTTP_RC_SUCCESS;
	}
	struct emsmdb_session *es =
	        emsmdb_session_new(c->session, c->user, c->user->legacy_dn, c->session->index);
	if (es == NULL)
		return MAPI_HTTP_RC_UNKNOWN_FAILURE;
	es->config = c->endpoint->arg;
	es->wake = wake;
	es->wake_arg = c->session;
	c->session->priv = es;
	rsp->polls_max = POLLS_MAX_MS;
	rsp->retry_count = RETRY_COUNT;
	rsp->retry_delay = RETRY_DELAY_MS;
	rsp->dn_prefix = dn_prefix(c->out, es->user_dn);
	rsp->display_name = talloc_strdup(c->out, es->display_name);
	if (rsp->dn_prefix == NULL || rsp->display_name == NULL || connect_aux(c, es) != 0)
		return MAPI_HTTP_RC_UNKNOWN_FAILURE;
	return MAPI_HTTP_RC_SUCCESS;
}

/* MS-OXCMAPIHTTP 2.2.4.2: Execute = EcDoRpcExt2 with RopBuffer as rgbIn and MaxRopOut as pcbOut. */
static uint32_t emsmdb_execute_request(struct mapihttp_call *c)
{
	const struct mapi_http_execute_req *in = &c->in->execute;
	size_t max_out =
	        in->max_rop_out < MAPI_RPC_EXT_MAX_BUFFER ? in->max_rop_out : MAPI_RPC_EXT_MAX_BUFFER;
	uint8_t *out;
	size_t len;
	c->out->error_code = emsmdb_execute(session_of(c), c->out, in->flags, in->rop_buffer.data,
	                                    in->rop_buffer.len, max_out, &out, &len);
	c->out->execute.flags = 0; /* reserved */
	c->out->execute.rop_buffer = (struct mapi_binary){(uint32_t)len, out};
	return MAPI_HTTP_RC_SUCCESS;
}

/* MS-OXCMAPIHTTP 2.2.4.3, 3.2.5.4: the layer frees the session (and so every object of its handle table). */
static uint32_t emsmdb_disconnect(struct mapihttp_call *c)
{
	(void)c;
	return MAPI_HTTP_RC_SUCCESS;
}

/* MS-OXCMAPIHTTP 2.2.4.4, 3.2.5.5: runs when the wait ends, on the layer's timer thread and without the
 * session (an Execute of the session may be running meanwhile, 3.1.5.5). EventPending says whether an event
 * is waiting for the client (which then sends an Execute to fetch it). */
static uint32_t emsmdb_notification_wait(struct mapihttp_call *c)
{
	c->out->notification_wait.event_pending = c->wake == MAPIHTTP_WAKE_EVENT;
	return MAPI_HTTP_RC_SUCCESS;
}

static const struct mapihttp_type_handler emsmdb_types[] = {
        {MAPI_HTTP_CONNECT, MAPIHTTP_NEW_SESSION, emsmdb_connect},
        {MAPI_HTTP_EXECUTE, 0, emsmdb_execute_request},
        {MAPI_HTTP_DISCONNECT, MAPIHTTP_END_SESSION, emsmdb_disconnect},
        {MAPI_HTTP_NOTIFICATION_WAIT, MAPIHTTP_WAIT, emsmdb_notification_wait},
};

static const struct mapihttp_endpoint emsmdb_endpoint = {
        .path = EMSMDB_HTTP_PATH,
        .bit = MAPI_HTTP_EP_MAILBOX,
        .types = emsmdb_types,
        .ntypes = sizeof emsmdb_types / sizeof emsmdb_types[0],
};

/* emsmdb_config.new_mail: a delivery wakes the recipient's MAPI/HTTP sessions */
static void new_mail(void *arg, uint32_t user_mid)
{
	emsmdb_http_notify_user(arg, user_mid);
}

int emsmdb_http_register(struct mapihttp *m, struct http_server *s, const struct emsmdb_config *config)
{
	/* a copy that carries config to the handlers, living as long as the layer */
	struct mapihttp_endpoint *ep = talloc_memdup(m, &emsmdb_endpoint, sizeof emsmdb_endpoint);
	struct emsmdb_config *cfg = config ? talloc_memdup(ep, config, sizeof *config) : NULL;
	if (ep == NULL || (config != NULL && cfg == NULL))
		return WC_ENOMEM;
	if (cfg != NULL) {
		cfg->new_mail = new_mail;
		cfg->new_mail_arg = m;
	}
	ep->arg = cfg;
	return mapihttp_endpoint_register(m, s, ep);
}

unsigned emsmdb_http_notify_user(struct mapihttp *m, uint32_t user_mid)
{
	return mapihttp_notify_user(m, MAPI_HTTP_EP_MAILBOX, user_mid);
}
