/* Fuzz the Autodiscover request parser (MS-OXDSCLI 2.2.3): any bytes either parse or give ErrorCode 600/601;
 * a parsed address written into a response (2.2.4) must read back the same from the response document. */
#include "server/autodiscover/autodiscover.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The text of the first element named name anywhere below n, or NULL. */
static xmlChar *find_text(xmlNode *n, const char *name)
{
	for (; n != NULL; n = n->next) {
		if (n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0)
			return xmlNodeGetContent(n);
		xmlChar *t = find_text(n->children, name);
		if (t != NULL)
			return t;
	}
	return NULL;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	autodiscover_init();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct autodiscover_request r;
	int rc = autodiscover_request_parse(mem, data, size, &r);
	if (rc != AUTODISCOVER_OK && rc != AUTODISCOVER_E_INVALID_REQUEST && rc != AUTODISCOVER_E_SCHEMA)
		abort();
	if (rc == AUTODISCOVER_OK && r.email != NULL) {
		struct autodiscover_settings s = {
		        .display_name = r.email,
		        .legacy_dn = r.legacy_dn ? r.legacy_dn : "",
		        .smtp = r.email,
		        .deployment_id = "0",
		        .mailbox_guid = "g",
		        .domain = "d",
		        .host = "h",
		        .org_dn = "/o=x",
		        .mapi_http = size % 2 == 0,
		};
		char *xml = autodiscover_response(mem, &s);
		xmlDoc *doc =
		        xml ? xmlReadMemory(xml, (int)strlen(xml), "r.xml", NULL, XML_PARSE_NONET) : NULL;
		xmlChar *back = doc ? find_text(xmlDocGetRootElement(doc), "AutoDiscoverSMTPAddress") : NULL;
		if (back == NULL || strcmp((const char *)back, r.email) != 0)
			abort();
		xmlFree(back);
		xmlFreeDoc(doc);
	}
	talloc_free(mem);
	return 0;
}
