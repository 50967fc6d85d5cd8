/* warpd Autodiscover (MS-OXDSCLI): POST /autodiscover/autodiscover.xml with a "POX" request (schema
 * http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006) answered with the Outlook
 * response schema 2006a: the MAPI/HTTP endpoints (Protocol Type="mapiHttp") when the client sends
 * X-MapiHttpCapability, else the EXCH/EXPR protocol sections (RPC over HTTP), or an Error.
 *
 * The XML is parsed with libxml2 without network access, without entity substitution and without any
 * DOCTYPE (a request that has one is refused), so external entities (XXE) and entity expansion cannot
 * happen. */
#ifndef WC_AUTODISCOVER_H
#define WC_AUTODISCOVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#define AUTODISCOVER_PATH "/autodiscover/autodiscover.xml"
#define AUTODISCOVER_REQUEST_NS                                                                              \
	"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"
#define AUTODISCOVER_RESPONSE_NS "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006"
#define AUTODISCOVER_OUTLOOK_NS                                                                              \
	"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"

/* MS-OXDSCLI 2.2.4.1.1.3.1 ErrorCode values warpd answers with. */
enum autodiscover_error {
	AUTODISCOVER_OK = 0,
	AUTODISCOVER_E_NOT_FOUND = 500,       /* "The email address can't be found." */
	AUTODISCOVER_E_INVALID_REQUEST = 600, /* "Invalid Request" */
	AUTODISCOVER_E_SCHEMA = 601,          /* "The requested schema version is not supported" */
	AUTODISCOVER_E_INTERNAL = 603,        /* "The Autodiscover server threw an internal error." */
};

/* MS-OXDSCLI 2.2.4.1.1 the Request element's children (strings on mem; NULL when absent). */
struct autodiscover_request {
	char *email;     /* EMailAddress */
	char *legacy_dn; /* LegacyDN */
	char *schema;    /* AcceptableResponseSchema */
};

/* Initialises libxml2 once, before threads start: its parser globals, and silence for its error messages
 * (a client's bad XML is answered, not printed on the server's standard error). */
void autodiscover_init(void);

/* Parses a request body. Returns AUTODISCOVER_OK, AUTODISCOVER_E_INVALID_REQUEST (not well-formed, a DOCTYPE,
 * wrong root or namespace, no Request, neither EMailAddress nor LegacyDN, no AcceptableResponseSchema, an
 * element twice) or AUTODISCOVER_E_SCHEMA (an AcceptableResponseSchema other than the Outlook 2006a
 * schema). */
int autodiscover_request_parse(TALLOC_CTX *mem, const uint8_t *body, size_t len,
                               struct autodiscover_request *out);

/* What the response describes. */
struct autodiscover_settings {
	const char *display_name;
	const char *legacy_dn;
	const char *smtp;          /* AutoDiscoverSMTPAddress: the user's primary address */
	const char *deployment_id; /* GUID string without braces */
	const char *mailbox_guid;  /* lower case, without braces */
	const char *domain;        /* the domain of the primary address */
	const char *host;          /* host[:port] clients reach warpd by */
	const char *org_dn;        /* "/o=<org>/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)" */
	bool mapi_http;            /* the client sent X-MapiHttpCapability */
	bool tls;
	bool ntlm; /* NTLM on offer (else Basic): EXPR AuthPackage */
};

/* The response documents (UTF-8 XML text on mem), NULL when out of memory. */
char *autodiscover_response(TALLOC_CTX *mem, const struct autodiscover_settings *s);
char *autodiscover_error_response(TALLOC_CTX *mem, enum autodiscover_error code);

/* A deployment GUID derived from the organisation's DN prefix, stable across restarts; out >= 37 bytes. */
void autodiscover_deployment_id(const char *org_dn, char out[37]);

struct http_server;
/* Registers the handler for AUTODISCOVER_PATH. */
int autodiscover_register(struct http_server *s);

#endif
