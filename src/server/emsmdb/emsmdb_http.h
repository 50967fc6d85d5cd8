/* The MAPI/HTTP mailbox endpoint (MS-OXCMAPIHTTP 2.2.4) on the shared layer of server/mapihttp. */
#ifndef WC_EMSMDB_HTTP_H
#define WC_EMSMDB_HTTP_H

#include "server/emsmdb/emsmdb.h"
#include "server/mapihttp/mapihttp.h"

#define EMSMDB_HTTP_PATH "/mapi/emsmdb/"

/* Registers /mapi/emsmdb/ (Connect, Execute, Disconnect, NotificationWait, PING) on s. config (copied; its
 * strings and dir_pool must outlive the layer) says where mailboxes are; NULL: no store (RopLogon fails). */
int emsmdb_http_register(struct mapihttp *m, struct http_server *s, const struct emsmdb_config *config);
/* New mail (or another event) for the mailbox of user_mid: every MAPI/HTTP session of it gets an event
 * pending, NotificationWaits in progress return with EventPending 1. Returns the number of sessions. */
unsigned emsmdb_http_notify_user(struct mapihttp *m, uint32_t user_mid);

#endif
