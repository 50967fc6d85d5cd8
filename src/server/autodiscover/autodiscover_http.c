/* The Autodiscover endpoint (MS-OXDSCLI 3.1.5): POST /autodiscover/autodiscover.xml, answered for the
 * authenticated user's own mailbox. Other mailboxes (delegates) need the folder permissions of the store,
 * which do not exist yet: for them the answer is ErrorCode 500, as for an unknown address. */
#include "common/wc_log.h"
#include "server/autodiscover/autodiscover.h"
#include "server/http/http.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static void respond_xml(struct http_request *req, const char *xml)
{
	if (xml == NULL)
		http_respond_status(req, 500);
	else
		http_respond(req, 200, "text/xml; charset=utf-8", xml, strlen(xml), NULL);
}

static void respond_error(struct http_request *req, enum autodiscover_error code)
{
	wc_info("req=%s autodiscover error %d", req->id, (int)code);
	respond_xml(req, autodiscover_error_response(req, code));
}

/* MS-OXDSCLI 2.2.2.1: X-MapiHttpCapability carries the highest MAPI/HTTP version the client supports. */
static bool wants_mapi_http(struct http_request *req)
{
	const char *v = http_header(req, "X-MapiHttpCapability");
	return v != NULL && atoi(v) >= 1;
}

static void on_autodiscover(struct http_request *req, void *arg)
{
	if (strcmp(req->method, "POST") != 0) {
		static const char *const allow[] = {"Allow", "POST", NULL};
		static const char body[] = "405 Method Not Allowed\n";
		http_respond(req, 405, "text/plain; charset=utf-8", body, sizeof body - 1, allow);
		return;
	}
	struct autodiscover_request ar;
	int rc = autodiscover_request_parse(req, req->body, req->body_len, &ar);
	if (rc != AUTODISCOVER_OK) {
		respond_error(req, rc);
		return;
	}
	struct dir_handle *dir = http_directory(req);
	if (dir == NULL) {
		http_respond_status(req, 503);
		return;
	}
	struct dir_entry *e;
	struct dir_org *org;
	int err = ar.email && *ar.email ? dir_lookup_smtp(dir, req, ar.email, &e)
	                                : dir_lookup_dn(dir, req, ar.legacy_dn, &e);
	if (err == DIR_OK && (e->kind != DIR_USER || e->mid != req->user->mid))
		err = DIR_E_NOTFOUND;
	if (err != DIR_OK) {
		respond_error(req, err == DIR_E_NOTFOUND || err == DIR_E_INVALID ? AUTODISCOVER_E_NOT_FOUND
		                                                                 : AUTODISCOVER_E_INTERNAL);
		return;
	}
	if (dir_org_get(dir, req, &org) != DIR_OK) {
		respond_error(req, AUTODISCOVER_E_INTERNAL);
		return;
	}
	char guid[39], deployment[37];
	wc_guid_to_string(&e->mailbox_guid, guid);
	for (char *p = guid; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	guid[37] = '\0'; /* drop the braces */
	autodiscover_deployment_id(org->dn_prefix, deployment);
	const char *at = strchr(e->smtp, '@');
	struct autodiscover_settings s = {
	        .display_name = e->display_name,
	        .legacy_dn = e->legacy_dn,
	        .smtp = e->smtp,
	        .deployment_id = deployment,
	        .mailbox_guid = guid + 1,
	        .domain = at ? at + 1 : org->default_domain,
	        .host = http_public_host(req),
	        .org_dn = org->dn_prefix,
	        .mapi_http = wants_mapi_http(req),
	        .tls = req->tls,
	        .ntlm = req->user->method == AUTH_NTLM,
	};
	respond_xml(req, autodiscover_response(req, &s));
}

int autodiscover_register(struct http_server *s)
{
	return http_route_add(s, AUTODISCOVER_PATH, HTTP_ROUTE_EXACT, on_autodiscover, NULL);
}
