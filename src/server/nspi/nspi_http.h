/* The MAPI/HTTP address book endpoint (MS-OXCMAPIHTTP 2.2.5) on the shared layer of server/mapihttp. */
#ifndef WC_NSPI_HTTP_H
#define WC_NSPI_HTTP_H

#include <stdbool.h>

#include "server/mapihttp/mapihttp.h"
#include "server/nspi/nspi.h"

#define NSPI_HTTP_PATH "/mapi/nspi/"

/* Registers /mapi/nspi/ (Bind, Unbind, the other address book request types, PING) on s. allow_anonymous
 * is auth.nspi_anonymous. The endpoint's state (server GUID, shared GAL cache) lives on m. 0, WC_ENOMEM,
 * WC_EINVAL. */
int nspi_http_register(struct mapihttp *m, struct http_server *s, bool allow_anonymous);

#endif
