/* libmapi Autodiscover client, MS-OXDSCLI: the request of 2.2.3 (Autodiscover/Request/EMailAddress and
 * AcceptableResponseSchema in the outlook/requestschema/2006 namespace), the candidate URLs of 3.1.5 and the
 * response of 2.2.4 (User, Account with Action settings/redirectAddr/redirectUrl, Protocol Type="mapiHttp"
 * 2.2.4.1.1.2.6, Error 2.2.4.1.1.3), read with libxml2. */
#include <string.h>

#include <libxml/parser.h>
#include <libxml/tree.h>

#include "client/libmapi_private.h"

#define REQUEST_NS "http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
#define OUTLOOK_NS "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"
#define AUTODISCOVER_NS_PREFIX "http://schemas.microsoft.com/exchange/autodiscover/"
#define MAX_REDIRECTS 10
#define MAX_RESPONSE (1u << 20)

/* XML text escaping for the one value we put into the request. */
static char *xml_escape(TALLOC_CTX *mem, const char *s)
{
	char *out = talloc_strdup(mem, "");
	for (; out != NULL && *s; s++) {
		switch (*s) {
		case '<':
			out = talloc_strdup_append(out, "&lt;");
			break;
		case '>':
			out = talloc_strdup_append(out, "&gt;");
			break;
		case '&':
			out = talloc_strdup_append(out, "&amp;");
			break;
		case '"':
			out = talloc_strdup_append(out, "&quot;");
			break;
		case '\'':
			out = talloc_strdup_append(out, "&apos;");
			break;
		default:
			out = talloc_strndup_append(out, s, 1);
		}
	}
	return out;
}

char *mapi_autodiscover_request(TALLOC_CTX *mem, const char *email)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *e = xml_escape(tmp, email);
	char *out = e == NULL ? NULL
	                      : talloc_asprintf(mem,
	                                        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
	                                        "<Autodiscover xmlns=\"" REQUEST_NS "\">\n"
	                                        "  <Request>\n"
	                                        "    <EMailAddress>%s</EMailAddress>\n"
	                                        "    <AcceptableResponseSchema>" OUTLOOK_NS
	                                        "</AcceptableResponseSchema>\n"
	                                        "  </Request>\n"
	                                        "</Autodiscover>\n",
	                                        e);
	talloc_free(tmp);
	return out;
}

/* Elements are matched by local name; the namespaces of 2.2.4 differ between the Autodiscover root
 * (responseschema/2006) and the Response (outlook responseschema/2006a, or the generic one for errors). */
static bool is(const xmlNode *n, const char *name)
{
	return n != NULL && n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static xmlNode *child(const xmlNode *parent, const char *name)
{
	for (xmlNode *c = parent ? parent->children : NULL; c != NULL; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* The trimmed text of a child element, on mem; NULL when absent or empty. */
static char *text(TALLOC_CTX *mem, const xmlNode *parent, const char *name)
{
	xmlNode *c = child(parent, name);
	if (c == NULL)
		return NULL;
	xmlChar *t = xmlNodeGetContent(c);
	if (t == NULL)
		return NULL;
	const char *s = (const char *)t;
	while (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n')
		s++;
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
		n--;
	char *out = n > 0 ? talloc_strndup(mem, s, n) : NULL;
	xmlFree(t);
	return out;
}

/* 2.2.4.1.1.2.6: MailStore / AddressBook with ExternalUrl (preferred outside) or InternalUrl. */
static char *protocol_url(TALLOC_CTX *mem, const xmlNode *protocol, const char *which)
{
	xmlNode *w = child(protocol, which);
	char *u = text(mem, w, "ExternalUrl");
	return u != NULL ? u : text(mem, w, "InternalUrl");
}

static void read_account(TALLOC_CTX *mem, const xmlNode *account, struct mapi_autodiscover_result *r)
{
	char *action = text(mem, account, "Action");
	if (action != NULL && strcmp(action, "redirectAddr") == 0)
		r->redirect_addr = text(mem, account, "RedirectAddr");
	else if (action != NULL && strcmp(action, "redirectUrl") == 0)
		r->redirect_url = text(mem, account, "RedirectUrl");
	for (xmlNode *p = account->children; p != NULL; p = p->next) {
		if (!is(p, "Protocol"))
			continue;
		xmlChar *type = xmlGetProp(p, BAD_CAST "Type");
		bool mapi_http = type != NULL && strcmp((const char *)type, "mapiHttp") == 0;
		xmlFree(type);
		if (mapi_http && r->mailstore_url == NULL) {
			r->mailstore_url = protocol_url(mem, p, "MailStore");
			r->addressbook_url = protocol_url(mem, p, "AddressBook");
		}
	}
	talloc_free(action);
}

uint32_t mapi_autodiscover_parse(TALLOC_CTX *mem, const char *xml, size_t len,
                                 struct mapi_autodiscover_result **out)
{
	if (len > MAX_RESPONSE || len > INT32_MAX)
		return ecRpcFormat;
	/* no network, no entities, no DTD: the response is data */
	xmlDoc *doc = xmlReadMemory(xml, (int)len, "autodiscover.xml", NULL,
	                            XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
	xmlNode *root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (!is(root, "Autodiscover") || root->ns == NULL ||
	    strncmp((const char *)root->ns->href, AUTODISCOVER_NS_PREFIX, strlen(AUTODISCOVER_NS_PREFIX)) !=
	            0 ||
	    child(root, "Response") == NULL) {
		xmlFreeDoc(doc);
		return ecRpcFormat;
	}
	struct mapi_autodiscover_result *r = talloc_zero(mem, struct mapi_autodiscover_result);
	if (r == NULL) {
		xmlFreeDoc(doc);
		return ecNotEnoughMemory;
	}
	xmlNode *rsp = child(root, "Response");
	xmlNode *err = child(rsp, "Error");
	if (err != NULL) {
		/* 2.2.4.1.1.3 Error: ErrorCode (500 "not found", 501, 502, 600, 601 ...) and Message */
		char *code = text(r, err, "ErrorCode");
		r->error_code = code != NULL ? (uint32_t)strtoul(code, NULL, 10) : 0;
		if (r->error_code == 0)
			r->error_code = 1;
		r->error_message = text(r, err, "Message");
	}
	xmlNode *user = child(rsp, "User");
	r->display_name = text(r, user, "DisplayName");
	r->legacy_dn = text(r, user, "LegacyDN");
	r->smtp = text(r, user, "AutoDiscoverSMTPAddress");
	xmlNode *account = child(rsp, "Account");
	if (account != NULL)
		read_account(r, account, r);
	xmlFreeDoc(doc);
	*out = r;
	return ecSuccess;
}

/* 3.1.5: https://<domain>/autodiscover/autodiscover.xml, then https://autodiscover.<domain>/... */
static uint32_t candidates(TALLOC_CTX *mem, const char *email, const char *url, const char **list, int *n)
{
	*n = 0;
	if (url != NULL) {
		list[(*n)++] = url;
		return ecSuccess;
	}
	const char *at = strrchr(email, '@');
	if (at == NULL || at[1] == '\0')
		return ecInvalidParam;
	list[(*n)++] = talloc_asprintf(mem, "https://%s/autodiscover/autodiscover.xml", at + 1);
	list[(*n)++] = talloc_asprintf(mem, "https://autodiscover.%s/autodiscover/autodiscover.xml", at + 1);
	return list[0] && list[1] ? ecSuccess : ecNotEnoughMemory;
}

/* One POST of the request for email to url. */
static uint32_t post_one(CURL *curl, TALLOC_CTX *mem, const char *url, const char *email, long timeout,
                         struct mapi_autodiscover_result **out)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *body = mapi_autodiscover_request(tmp, email);
	/* MS-OXDSCLI 2.2.2.1 X-MapiHttpCapability: the client can use MAPI/HTTP (version 1) */
	static const char *const headers[] = {"Content-Type: text/xml; charset=utf-8",
	                                      "X-MapiHttpCapability: 1", "Expect:", NULL};
	struct mapi_http_result res;
	uint32_t ec = body ? mapi_client_post(curl, tmp, url, headers, (const uint8_t *)body, strlen(body),
	                                      timeout, false, &res)
	                   : ecNotEnoughMemory;
	if (ec == ecSuccess && res.http_status == 401)
		ec = ecLoginFailure;
	else if (ec == ecSuccess && res.http_status != 200)
		ec = ecRpcFailed;
	if (ec == ecSuccess)
		ec = mapi_autodiscover_parse(mem, (const char *)res.body.data, res.body.len, out);
	talloc_free(tmp);
	return ec;
}

uint32_t mapi_autodiscover(TALLOC_CTX *mem, const struct mapi_session_opts *opts, const char *email,
                           const char *url, struct mapi_autodiscover_result **out)
{
	if (opts == NULL || email == NULL)
		return ecInvalidParam;
	TALLOC_CTX *tmp = talloc_new(NULL);
	CURL *curl = mapi_client_curl_new(opts);
	if (tmp == NULL || curl == NULL) {
		talloc_free(tmp);
		if (curl != NULL)
			curl_easy_cleanup(curl);
		return ecNotEnoughMemory;
	}
	curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L); /* 3.1.5.2: HTTP 302 redirects */
	curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
	curl_easy_setopt(curl, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
	long timeout = opts->timeout_ms != 0 ? (long)opts->timeout_ms : 60000L;
	const char *list[2];
	int n;
	const char *addr = email;
	uint32_t ec = candidates(tmp, addr, url, list, &n);
	struct mapi_autodiscover_result *r = NULL;
	for (int hops = 0; ec == ecSuccess && hops < MAX_REDIRECTS; hops++) {
		ec = ecRpcFailed;
		for (int i = 0; i < n && ec != ecSuccess && ec != ecLoginFailure; i++)
			ec = post_one(curl, tmp, list[i], addr, timeout, &r);
		if (ec != ecSuccess)
			break;
		if (r->error_code != 0) {
			ec = ecNotFound;
		} else if (r->redirect_addr != NULL) {
			/* 3.1.5.3: start again for the new address */
			addr = r->redirect_addr;
			ec = candidates(tmp, addr, NULL, list, &n);
			continue;
		} else if (r->redirect_url != NULL) {
			list[0] = r->redirect_url;
			n = 1;
			continue;
		}
		break;
	}
	curl_easy_cleanup(curl);
	if (ec == ecSuccess && (r == NULL || r->redirect_addr != NULL || r->redirect_url != NULL))
		ec = ecNotFound; /* too many redirects */
	if (ec == ecSuccess)
		*out = talloc_steal(mem, r);
	talloc_free(tmp);
	return ec;
}
