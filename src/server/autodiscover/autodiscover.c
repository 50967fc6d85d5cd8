/* MS-OXDSCLI 2.2.3 Autodiscover request (POX) parsing and 2.2.4 response documents, with libxml2. */
#include "server/autodiscover/autodiscover.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlwriter.h>
#include <nettle/md5.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/* ---- request (MS-OXDSCLI 2.2.3.1.1: Autodiscover > Request > EMailAddress, LegacyDN,
 * AcceptableResponseSchema) ---- */

static bool is_element(const xmlNode *n, const char *name, const char *ns)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0 && n->ns != NULL &&
	       strcmp((const char *)n->ns->href, ns) == 0;
}

/* The element's text with surrounding blanks removed, on mem. */
static char *element_text(TALLOC_CTX *mem, xmlNode *n)
{
	xmlChar *c = xmlNodeGetContent(n);
	if (c == NULL)
		return NULL;
	const char *s = (const char *)c;
	size_t len = strlen(s);
	while (len > 0 && strchr(" \t\r\n", s[len - 1]))
		len--;
	while (len > 0 && strchr(" \t\r\n", *s)) {
		s++;
		len--;
	}
	char *out = talloc_strndup(mem, s, len);
	xmlFree(c);
	return out;
}

static void xml_quiet(void *ctx, const char *msg, ...)
{
}

static void xml_quiet_structured(void *ctx, xmlError *error)
{
}

void autodiscover_init(void)
{
	xmlInitParser();
	/* the ThrDef variants set the defaults of threads created later (libxml2's error state is per thread)
	 */
	xmlThrDefSetGenericErrorFunc(NULL, xml_quiet);
	xmlSetGenericErrorFunc(NULL, xml_quiet);
	xmlThrDefSetStructuredErrorFunc(NULL, xml_quiet_structured);
	xmlSetStructuredErrorFunc(NULL, xml_quiet_structured);
}

int autodiscover_request_parse(TALLOC_CTX *mem, const uint8_t *body, size_t len,
                               struct autodiscover_request *out)
{
	memset(out, 0, sizeof *out);
	if (len > INT32_MAX)
		return AUTODISCOVER_E_INVALID_REQUEST;
	/* No network, no entity substitution, no DTD loading, no messages on stderr. */
	xmlDoc *doc =
	        xmlReadMemory((const char *)body, (int)len, "autodiscover.xml", NULL,
	                      XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
	if (doc == NULL)
		return AUTODISCOVER_E_INVALID_REQUEST;
	int rc = AUTODISCOVER_E_INVALID_REQUEST;
	TALLOC_CTX *tmp = talloc_new(NULL);
	xmlNode *root = xmlDocGetRootElement(doc);
	xmlNode *request = NULL;
	if (doc->intSubset != NULL || doc->extSubset != NULL || root == NULL ||
	    !is_element(root, "Autodiscover", AUTODISCOVER_REQUEST_NS))
		goto done;
	for (xmlNode *n = root->children; n != NULL; n = n->next)
		if (is_element(n, "Request", AUTODISCOVER_REQUEST_NS))
			request = n;
	if (request == NULL)
		goto done;
	for (xmlNode *n = request->children; n != NULL; n = n->next) {
		char **field = is_element(n, "EMailAddress", AUTODISCOVER_REQUEST_NS) ? &out->email
		               : is_element(n, "LegacyDN", AUTODISCOVER_REQUEST_NS)   ? &out->legacy_dn
		               : is_element(n, "AcceptableResponseSchema", AUTODISCOVER_REQUEST_NS)
		                       ? &out->schema
		                       : NULL;
		if (field == NULL)
			continue;
		if (*field != NULL || (*field = element_text(tmp, n)) == NULL)
			goto done; /* an element twice is not a request we can answer */
	}
	if ((out->email == NULL || *out->email == '\0') &&
	    (out->legacy_dn == NULL || *out->legacy_dn == '\0'))
		goto done;
	if (out->schema == NULL)
		goto done; /* required (2.2.3.1.1.1.1): its absence makes the request invalid */
	if (strcmp(out->schema, AUTODISCOVER_OUTLOOK_NS) != 0) {
		rc = AUTODISCOVER_E_SCHEMA;
		goto done;
	}
	rc = AUTODISCOVER_OK;
done:
	if (rc == AUTODISCOVER_OK) {
		talloc_steal(mem, out->email);
		talloc_steal(mem, out->legacy_dn);
		talloc_steal(mem, out->schema);
	} else {
		memset(out, 0, sizeof *out);
	}
	talloc_free(tmp);
	xmlFreeDoc(doc);
	return rc;
}

/* ---- responses (MS-OXDSCLI 2.2.4.1) ---- */

static void elem(xmlTextWriter *w, const char *name, const char *text)
{
	xmlTextWriterWriteElement(w, BAD_CAST name, BAD_CAST text);
}

/* Opens <?xml?> <Autodiscover xmlns=responseschema/2006> <Response [xmlns=outlook 2006a]>. */
static xmlTextWriter *begin(xmlBuffer **buf, bool outlook_ns)
{
	*buf = xmlBufferCreate();
	xmlTextWriter *w = *buf ? xmlNewTextWriterMemory(*buf, 0) : NULL;
	if (w == NULL) {
		xmlBufferFree(*buf);
		return NULL;
	}
	xmlTextWriterSetIndent(w, 1);
	xmlTextWriterStartDocument(w, NULL, "utf-8", NULL);
	xmlTextWriterStartElement(w, BAD_CAST "Autodiscover");
	xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST AUTODISCOVER_RESPONSE_NS);
	xmlTextWriterStartElement(w, BAD_CAST "Response");
	if (outlook_ns)
		xmlTextWriterWriteAttribute(w, BAD_CAST "xmlns", BAD_CAST AUTODISCOVER_OUTLOOK_NS);
	return w;
}

static char *end(TALLOC_CTX *mem, xmlTextWriter *w, xmlBuffer *buf)
{
	int rc = xmlTextWriterEndDocument(w); /* closes every open element */
	xmlFreeTextWriter(w);
	char *out = rc >= 0 ? talloc_strdup(mem, (const char *)xmlBufferContent(buf)) : NULL;
	xmlBufferFree(buf);
	return out;
}

/* 2.2.4.1.1.2.6 Protocol Type="mapiHttp": MailStore and AddressBook URLs with ?MailboxId=<guid>@<domain>. */
static void protocol_mapi_http(TALLOC_CTX *tmp, xmlTextWriter *w, const struct autodiscover_settings *s)
{
	const char *scheme = s->tls ? "https" : "http";
	const char *ends[2][2] = {{"MailStore", "emsmdb"}, {"AddressBook", "nspi"}};
	xmlTextWriterStartElement(w, BAD_CAST "Protocol");
	xmlTextWriterWriteAttribute(w, BAD_CAST "Type", BAD_CAST "mapiHttp");
	xmlTextWriterWriteAttribute(w, BAD_CAST "Version", BAD_CAST "1");
	for (int i = 0; i < 2; i++) {
		char *url = talloc_asprintf(tmp, "%s://%s/mapi/%s/?MailboxId=%s@%s", scheme, s->host,
		                            ends[i][1], s->mailbox_guid, s->domain);
		xmlTextWriterStartElement(w, BAD_CAST ends[i][0]);
		elem(w, "InternalUrl", url);
		elem(w, "ExternalUrl", url);
		xmlTextWriterEndElement(w);
	}
	xmlTextWriterEndElement(w);
}

/* ServerVersion as Exchange fills it: 0111, 6 bits major, 6 bits minor, a set bit, 15 bits build; warpd
 * announces Exchange Server 2019 (15.2) so clients use the 2013+ behaviour (mailbox GUID as server). */
#define SERVER_VERSION ((0x7u << 28) | (15u << 22) | (2u << 16) | 0x8000u | 1118u)

/* 2.2.4.1.1.2.2 Protocol Type EXCH (the mailbox "server" is <mailbox GUID>@<domain>, as from Exchange 2013
 * on) and EXPR (RPC over HTTP through this host). */
static void protocol_exch_expr(TALLOC_CTX *tmp, xmlTextWriter *w, const struct autodiscover_settings *s)
{
	char *server = talloc_asprintf(tmp, "%s@%s", s->mailbox_guid, s->domain);
	char *server_dn = talloc_asprintf(tmp, "%s/cn=Configuration/cn=Servers/cn=%s", s->org_dn, server);
	char version[16];
	snprintf(version, sizeof version, "%08X", SERVER_VERSION);
	/* the host without a port: AD and public folder server are host names */
	char *host = talloc_strdup(tmp, s->host);
	char *colon = host[0] == '[' ? strstr(host, "]:") : strchr(host, ':');
	if (colon != NULL)
		colon[host[0] == '[' ? 1 : 0] = '\0';

	xmlTextWriterStartElement(w, BAD_CAST "Protocol");
	elem(w, "Type", "EXCH");
	elem(w, "Server", server);
	elem(w, "ServerDN", server_dn);
	elem(w, "ServerVersion", version);
	elem(w, "MdbDN", talloc_asprintf(tmp, "%s/cn=Microsoft Private MDB", server_dn));
	elem(w, "PublicFolderServer", host);
	elem(w, "AD", host);
	elem(w, "AuthPackage", s->ntlm ? "Ntlm" : "Basic");
	xmlTextWriterEndElement(w);

	xmlTextWriterStartElement(w, BAD_CAST "Protocol");
	elem(w, "Type", "EXPR");
	elem(w, "Server", s->host);
	elem(w, "SSL", s->tls ? "On" : "Off");
	elem(w, "AuthPackage", s->ntlm ? "Ntlm" : "Basic");
	elem(w, "ServerExclusiveConnect", "On");
	xmlTextWriterEndElement(w);
}

char *autodiscover_response(TALLOC_CTX *mem, const struct autodiscover_settings *s)
{
	xmlBuffer *buf;
	xmlTextWriter *w = begin(&buf, true);
	if (w == NULL)
		return NULL;
	TALLOC_CTX *tmp = talloc_new(NULL);
	/* 2.2.4.1.1.1 User */
	xmlTextWriterStartElement(w, BAD_CAST "User");
	elem(w, "DisplayName", s->display_name);
	elem(w, "LegacyDN", s->legacy_dn);
	elem(w, "AutoDiscoverSMTPAddress", s->smtp);
	elem(w, "DeploymentId", s->deployment_id);
	xmlTextWriterEndElement(w);
	/* 2.2.4.1.1.2 Account */
	xmlTextWriterStartElement(w, BAD_CAST "Account");
	elem(w, "AccountType", "email");
	elem(w, "Action", "settings");
	elem(w, "MicrosoftOnline", "False");
	if (s->mapi_http)
		protocol_mapi_http(tmp, w, s);
	else
		protocol_exch_expr(tmp, w, s);
	char *out = end(mem, w, buf);
	talloc_free(tmp);
	return out;
}

char *autodiscover_error_response(TALLOC_CTX *mem, enum autodiscover_error code)
{
	const char *message = code == AUTODISCOVER_E_NOT_FOUND         ? "The email address can't be found."
	                      : code == AUTODISCOVER_E_INVALID_REQUEST ? "Invalid Request"
	                      : code == AUTODISCOVER_E_SCHEMA
	                              ? "The requested schema version is not supported"
	                              : "The Autodiscover server threw an internal error.";
	/* 600 and 601 cannot promise the Outlook schema: their Response is in the generic namespace. */
	xmlBuffer *buf;
	xmlTextWriter *w = begin(&buf, code == AUTODISCOVER_E_NOT_FOUND || code == AUTODISCOVER_E_INTERNAL);
	if (w == NULL)
		return NULL;
	/* 2.2.4.1.1.3 Error: Time (time of day, UTC) and Id attributes, ErrorCode, Message, DebugData. */
	char stamp[32];
	struct timespec now;
	struct tm tm;
	clock_gettime(CLOCK_REALTIME, &now);
	gmtime_r(&now.tv_sec, &tm);
	snprintf(stamp, sizeof stamp, "%02d:%02d:%02d.%07ld", tm.tm_hour, tm.tm_min, tm.tm_sec,
	         now.tv_nsec / 100);
	char codebuf[8];
	snprintf(codebuf, sizeof codebuf, "%d", (int)code);
	xmlTextWriterStartElement(w, BAD_CAST "Error");
	xmlTextWriterWriteAttribute(w, BAD_CAST "Time", BAD_CAST stamp);
	xmlTextWriterWriteAttribute(w, BAD_CAST "Id", BAD_CAST "0");
	elem(w, "ErrorCode", codebuf);
	elem(w, "Message", message);
	elem(w, "DebugData", "");
	return end(mem, w, buf);
}

void autodiscover_deployment_id(const char *org_dn, char out[37])
{
	/* A name-based GUID (RFC 4122 4.3 layout, MD5 = version 3) of the organisation's DN prefix. */
	uint8_t d[16];
	struct md5_ctx md5;
	md5_init(&md5);
	md5_update(&md5, strlen("warpcore deployment "), (const uint8_t *)"warpcore deployment ");
	md5_update(&md5, strlen(org_dn), (const uint8_t *)org_dn);
	md5_digest(&md5, 16, d);
	d[6] = (uint8_t)((d[6] & 0x0F) | 0x30);
	d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", d[0], d[1],
	         d[2], d[3], d[4], d[5], d[6], d[7], d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}
