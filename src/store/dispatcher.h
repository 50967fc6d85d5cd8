/* MAPIStore dispatcher (DESIGN.md §4 "Dispatcher"): one small SQLite database that says which backend serves
 * which part of which mailbox, and hands out the mailbox's IDs.
 *
 *  - mailboxes: name → root backend URI, mailbox GUID, replica GUID
 *  - mounts:    (mailbox, FID) → backend URI: that folder, its messages and every folder created below it
 *               are served by the URI (subfolders inherit). The parent's backend keeps a row for the folder
 *               so that the parent's hierarchy table lists it.
 *  - ranges:    (mailbox, kind, first..last) → backend URI: every folder and message ID is allocated here in
 *               ranges, so an ID routes to its backend without a per-message index; change numbers too.
 *
 * A dispatcher handle is used by one thread at a time; several processes may share the file (WAL). */
#ifndef MS_DISPATCHER_H
#define MS_DISPATCHER_H

#include "store/mapistore.h"

/* Opens the dispatcher database at path, creating it when missing. */
uint32_t ms_dispatcher_open(TALLOC_CTX *mem, const char *path, struct ms_dispatcher **out);
/* Creates the mailbox: its root backend at root_uri (which must not exist yet) and its dispatcher row. */
uint32_t ms_dispatcher_create_mailbox(struct ms_dispatcher *d, const char *name, const char *root_uri,
                                      const struct wc_guid *mailbox_guid, const struct wc_guid *replica_guid);
/* Opens a mailbox with every backend it uses (ecNotFound for an unknown name). The mailbox must not outlive
 * the dispatcher. */
uint32_t ms_dispatcher_open_mailbox(struct ms_dispatcher *d, TALLOC_CTX *mem, const char *name,
                                    struct ms_mailbox **out);
/* Serves folder fid of an open dispatcher mailbox, and everything later created below it, from uri (created
 * when missing). The folder must be empty. */
uint32_t ms_dispatcher_mount(struct ms_mailbox *mb, uint64_t fid, const char *uri);
/* The URI that serves a folder or message ID of a mailbox (on mem); ecNotFound when none. */
uint32_t ms_dispatcher_lookup(struct ms_dispatcher *d, const char *name, uint64_t id, TALLOC_CTX *mem,
                              char **uri);

#endif
