/* libmapi Autodiscover client (MS-OXDSCLI): POST the Outlook request for an e-mail address (2.2.3) and read
 * the response (2.2.4): the user's DisplayName and LegacyDN, and the mapiHttp protocol URLs (2.2.4.1.1.2.6
 * Protocol Type="mapiHttp": MailStore and AddressBook InternalUrl/ExternalUrl), or the Redirect/Error.
 * The parser is pure (no I/O) so it can be tested against spec bytes. */
#ifndef LIBMAPI_AUTODISCOVER_H
#define LIBMAPI_AUTODISCOVER_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "libmapi/session.h"

struct mapi_autodiscover_result {
	char *display_name;    /* User/DisplayName */
	char *legacy_dn;       /* User/LegacyDN */
	char *smtp;            /* User/AutoDiscoverSMTPAddress */
	char *mailstore_url;   /* mapiHttp MailStore: ExternalUrl, else InternalUrl; NULL when absent */
	char *addressbook_url; /* mapiHttp AddressBook, likewise */
	char *redirect_addr;   /* Account/RedirectAddr (Action redirectAddr), NULL otherwise */
	char *redirect_url;    /* Account/RedirectUrl (Action redirectUrl), NULL otherwise */
	uint32_t error_code;   /* Response/Error/ErrorCode (e.g. 500 "not found"), 0 when none */
	char *error_message;   /* Response/Error/Message */
};

/* The MS-OXDSCLI 2.2.3 request body for email (AcceptableResponseSchema outlook 2006a), on mem. */
char *mapi_autodiscover_request(TALLOC_CTX *mem, const char *email);
/* Parses a response body. ecSuccess, ecRpcFormat when it is not an Autodiscover response (not XML, wrong
 * root or namespace), ecNotEnoughMemory. An Error response parses fine: look at error_code. */
uint32_t mapi_autodiscover_parse(TALLOC_CTX *mem, const char *xml, size_t len,
                                 struct mapi_autodiscover_result **out);
/* POSTs the request for email to url (NULL: https://<domain>/autodiscover/autodiscover.xml, then
 * https://autodiscover.<domain>/autodiscover/autodiscover.xml, MS-OXDSCLI 3.1.5), with opts's
 * credentials, auth and insecure flag, follows up to 10 redirects (redirectAddr, redirectUrl, HTTP 302) and
 * returns the parsed result. ecNotFound when the server answered with an Error, a session error
 * (session.h) otherwise. */
uint32_t mapi_autodiscover(TALLOC_CTX *mem, const struct mapi_session_opts *opts, const char *email,
                           const char *url, struct mapi_autodiscover_result **out);

#endif
