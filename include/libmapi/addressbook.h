/* libmapi address book: name resolution on the session's address book endpoint (/mapi/nspi/, MS-OXCMAPIHTTP
 * 2.2.5 Bind and ResolveNames, the NSPI calls of MS-OXNSPI 3.1.4.1.17). The endpoint has a Session Context of
 * its own, bound on first use with the session's credentials and ended by mapi_disconnect(); the same
 * threading rule holds (one thread at a time per session). */
#ifndef LIBMAPI_ADDRESSBOOK_H
#define LIBMAPI_ADDRESSBOOK_H

#include <stdint.h>
#include <talloc.h>

#include "libmapi/session.h"
#include "mapi/nspi_types.h" /* MID_UNRESOLVED, MID_AMBIGUOUS, MID_RESOLVED */

/* One name as the server resolved it. */
struct mapi_resolved {
	uint32_t
	        mid; /* MID_UNRESOLVED (0), MID_AMBIGUOUS (1) or MID_RESOLVED (2) (MS-OXNSPI 3.1.4.1.17 c6) */
	char *display_name; /* PidTagDisplayName, NULL unless resolved */
	char *smtp;         /* PidTagSmtpAddress */
	char *dn;           /* PidTagEmailAddress: the legacyExchangeDN */
};

/* ResolveNames (2.2.5.14) of count names (aliases, display names or addresses, UTF-8) against the address
 * book; (*out)[i] answers names[i]. mapi_connect() first (it finds the address book URL). ecSuccess, or
 * a session error (libmapi/session.h), or the NSPI ErrorCode. */
uint32_t mapi_resolve_names(struct mapi_session *s, TALLOC_CTX *mem, uint32_t count, const char *const *names,
                            struct mapi_resolved **out);

#endif
