/* EMSMDB: the mailbox protocol core shared by the transports (DESIGN §4). MAPI/HTTP Execute (emsmdb_http.c)
 * and, later, DCE/RPC EcDoRpcExt2 both hand their rgbIn to emsmdb_execute() and send back what it returns.
 *
 *   struct emsmdb_session   one Session Context (MS-OXCRPC 3.1.1 / MS-OXCMAPIHTTP 3.2.1): the user, the
 *                           ROP codec state and the server object handle table; a talloc tree freed as one
 *   emsmdb_handle_*()       the handle table (MS-OXCROPS 2.2.1, 3.1.4.1): u32 handles, 0xFFFFFFFF invalid;
 *                           an object is a talloc child of its parent object, so releasing a handle frees its
 *                           subtree (a folder's messages, a message's attachments and streams) and their
 *                           handles
 *   emsmdb_execute()        one ROP request buffer in, one ROP response buffer out (MS-OXCRPC 3.1.4.2)
 *   emsmdb_rop_handler()    the ROP handlers, a table indexed by RopId (emsmdb_rops.c; docs/emsmdb.md)
 *   emsmdb_session_notify() a new event for the session (new mail ...): wakes the transport's wait
 *
 * A session is used by one request at a time (the transport serialises), so nothing here locks. */
#ifndef WC_EMSMDB_H
#define WC_EMSMDB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/rop.h"
#include "store/mapistore.h"

struct auth_user;
struct dir_pool;
struct emsmdb_handles;
struct emsmdb_per_user_write;

/* pulFlags / Execute Flags (MS-OXCRPC 3.1.4.2, MS-OXCMAPIHTTP 2.2.4.2.1) */
#define EMSMDB_NO_COMPRESSION 0x00000001
#define EMSMDB_NO_XOR_MAGIC 0x00000002
#define EMSMDB_CHAIN 0x00000004

/* Server object kinds, as bits so that a handler can accept several (emsmdb_handle_get). */
enum emsmdb_object_type {
	EMSMDB_OBJ_LOGON = 0x0001,
	EMSMDB_OBJ_FOLDER = 0x0002,
	EMSMDB_OBJ_MESSAGE = 0x0004,
	EMSMDB_OBJ_ATTACHMENT = 0x0008,
	EMSMDB_OBJ_TABLE = 0x0010,
	EMSMDB_OBJ_STREAM = 0x0020,
	EMSMDB_OBJ_FX_CONTEXT = 0x0040,   /* FastTransfer download/upload context */
	EMSMDB_OBJ_SYNC_CONTEXT = 0x0080, /* ICS synchronization download/upload context */
	EMSMDB_OBJ_NOTIFY = 0x0100,       /* RopRegisterNotification subscription */
	EMSMDB_OBJ_ANY = 0xFFFF,
};

/* A server object behind a handle. Allocate what it owns (store objects, buffers) on the object itself or
 * on data, which is stolen under it, so that releasing the handle frees it.
 *
 * What data is, by type (so that every oxc*.c handler reads objects the same way):
 *   EMSMDB_OBJ_LOGON       struct emsmdb_logon (below; parent NULL)
 *   EMSMDB_OBJ_FOLDER      struct ms_folder (mapistore.h)
 *   EMSMDB_OBJ_MESSAGE     struct ms_message (top-level or embedded)
 *   EMSMDB_OBJ_ATTACHMENT  struct ms_attachment (under its message's object: the store wants it below the
 *                          message, and a child object is freed before its parent's data)
 *   EMSMDB_OBJ_TABLE       struct ms_table
 *   EMSMDB_OBJ_STREAM      struct ms_stream
 * Every object hangs (through its parents) below a logon: emsmdb_logon_of() finds it. */
struct emsmdb_object {
	uint32_t handle;
	unsigned type;                /* one enum emsmdb_object_type */
	struct emsmdb_object *parent; /* NULL for a logon */
	struct emsmdb_session *session;
	void *data; /* the handler's state (for a logon: the opened mailbox) */
};

/* Where the store is (warpd's configuration), shared by every session of an endpoint. */
struct emsmdb_config {
	const char
	        *mailbox_dir; /* store.mailbox_dir: <dir>/<mailbox GUID>.db per user, as warpadm makes it */
	struct dir_pool
	        *dirs; /* the directory, to tell another user's Essdn from an unknown one; may be NULL */
	/* New mail in the mailbox of the directory user user_mid (a delivery of RopSubmitMessage, oxomsg.c):
	 * the transport wakes that user's sessions (emsmdb_http.c sets it to emsmdb_http_notify_user; the
	 * protocol core never calls a transport itself). NULL: nobody is told. */
	void (*new_mail)(void *arg, uint32_t user_mid);
	void *new_mail_arg;
};

/* The data of an EMSMDB_OBJ_LOGON object (RopLogon, oxcstor.c): the opened mailbox and what RopLogon
 * answered. The data of an EMSMDB_OBJ_FOLDER object is a struct ms_folder, of an EMSMDB_OBJ_TABLE object a
 * struct ms_table (mapistore.h); they live below their logon object, so the mailbox outlives them. */
struct emsmdb_logon {
	struct ms_mailbox *mailbox;
	uint8_t logon_id;
	uint16_t replid;
	struct wc_guid replica_guid;
	uint64_t special_fids[MS_SPECIAL_COUNT]; /* by enum ms_special_folder */
	/* RopWritePerUserInformation data gathered until HasFinished (oxcstor.c), or NULL */
	struct emsmdb_per_user_write *per_user_write;
};

struct emsmdb_session {
	const struct emsmdb_config *config; /* NULL: no store, RopLogon fails with ecLoginFailure */
	struct wc_guid mailbox_guid;        /* the user's, from the directory (names the mailbox file) */
	uint32_t user_mid;
	char *user_alias;
	char *user_dn; /* legacyExchangeDN the session was opened with (Connect UserDn) */
	char *display_name;
	uint16_t index;       /* session index: RopPending SessionIndex, piCxr */
	struct rop_ctx codec; /* codec state across buffers: how each LogonId was opened */
	struct emsmdb_handles *handles;
	/* How to wake a wait of this session's transport (MAPI/HTTP: mapihttp_session_notify), or NULL. */
	void (*wake)(void *arg);
	void *wake_arg;
	bool event_pending; /* set by emsmdb_session_notify(); for RopPending once notifications exist */
	/* time() of the session's last emsmdb_execute(); read by other sessions' threads (__atomic): region
	 * locks of a session idle for 30 s expire (MS-OXCPRPT 3.2.5.20) */
	int64_t last_activity;
};

/* A new session of user on mem (everything below it); NULL when out of memory. */
struct emsmdb_session *emsmdb_session_new(TALLOC_CTX *mem, const struct auth_user *user, const char *user_dn,
                                          uint16_t index);
/* An event for s: marks it pending and wakes the transport's wait (a NotificationWait in progress returns).
 * Callable from any thread while s is alive. */
void emsmdb_session_notify(struct emsmdb_session *s);

/* ---- handle table (emsmdb_handles.c) ---- */

/* A new object of type under parent (NULL: a top-level object such as a logon) with a fresh handle, data
 * stolen under it. NULL when out of memory (data is then left where it was). */
struct emsmdb_object *emsmdb_handle_new(struct emsmdb_session *s, struct emsmdb_object *parent, unsigned type,
                                        void *data);
/* The object of handle if its type is one of types, else NULL (unknown, released, or another kind). */
struct emsmdb_object *emsmdb_handle_get(struct emsmdb_session *s, uint32_t handle, unsigned types);
/* Frees the object of handle and everything below it, with their handles. WC_EINVAL when unknown. */
int emsmdb_handle_release(struct emsmdb_session *s, uint32_t handle);
/* Live handles. */
uint32_t emsmdb_handle_count(const struct emsmdb_session *s);
/* The logon an object was opened under (its top-level ancestor's data), or NULL. */
struct emsmdb_logon *emsmdb_logon_of(const struct emsmdb_object *o);

/* ---- ROP dispatch (emsmdb_execute.c, emsmdb_rops.c) ---- */

/* What a ROP handler works with while one ROP buffer is executed. */
struct emsmdb_rop_ctx {
	struct emsmdb_session *session;
	TALLOC_CTX *mem;   /* freed when the buffer has been answered: for response data */
	uint32_t *handles; /* the buffer's ServerObjectHandleTable, updated in place (output indexes) */
	uint32_t handle_count;
	const struct rop_out *out; /* rop_out_room() for responses that size themselves */
};

/* A ROP handler: fills rsp->body for req and returns ReturnValue (ecSuccess or a MAPI error, MS-OXCDATA 2.4).
 * rsp's header is already set by rop_response_init(). A handler that creates an object stores its handle in
 * ctx->handles[req->output_handle_index]. RopRelease's handler returns nothing useful: it has no response. */
typedef uint32_t (*emsmdb_rop_fn)(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp);
/* The handler of rop_id, or NULL: the ROP is then answered with ecNotSupported. */
emsmdb_rop_fn emsmdb_rop_handler(uint8_t rop_id);

/* Handler helpers shared by every oxc*.c file (emsmdb_rops.c).
 * emsmdb_object_at: the object at handle-table index if it is one of types, else NULL with *ec set:
 * ecNullObject when the index or handle names nothing (or an object without its store data or logon),
 * ecNotSupported when it names another kind of object ("the object that this ROP was called on is not a
 * Folder object", MS-OXCFOLD 3.2.5.x; MS-OXCTABL 3.2.5.x, MS-OXCPRPT 3.2.5.x say the same).
 * emsmdb_input_object: the same for the request's InputHandleIndex.
 * emsmdb_output_object: puts data (a store object) behind a new handle of type below parent at the request's
 * OutputHandleIndex; on failure data is freed and ecNullObject / ecServerOOM returned. */
struct emsmdb_object *emsmdb_object_at(struct emsmdb_rop_ctx *ctx, uint32_t index, unsigned types,
                                       uint32_t *ec);
struct emsmdb_object *emsmdb_input_object(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          unsigned types, uint32_t *ec);
uint32_t emsmdb_output_object(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                              struct emsmdb_object *parent, unsigned type, void *data);
/* For responses that size themselves (rows that must fit the response buffer, MS-OXCTABL 3.2.5.5): the
 * largest count in [0, max] for which rsp, after set(rsp, count, arg), encodes as a success within what the
 * buffer has left for req (rop_out_room), found by bisection on trial encodings; 0 when none does. rsp is
 * left set for the count returned. */
unsigned emsmdb_fit_count(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                          void (*set)(struct rop_response *rsp, unsigned count, void *arg), void *arg,
                          unsigned max);

/* MS-OXCRPC 3.1.4.2 (EcDoRpcExt2) / MS-OXCMAPIHTTP 2.2.4.2 (Execute): rgbIn is an RPC_HEADER_EXT chain around
 * a ROP request buffer (MS-OXCROPS 2.2.1); every ROP is executed in order and the responses are collected
 * into a ROP response buffer of at most max_out bytes with its RPC_HEADER_EXT (RopBufferTooSmall for the rest
 * when a response does not fit, MS-OXCROPS 3.2.4.3), compressed and XOR-obfuscated unless flags has
 * EMSMDB_NO_COMPRESSION / EMSMDB_NO_XOR_MAGIC (MS-OXCRPC 3.1.4.2.1.1). Returns ecSuccess with *out (on mem),
 * ecRpcFormat for an rgbIn that does not decode (MS-OXCRPC 3.1.4.2, MS-OXCROPS 3.2.5.1), ecBufferTooSmall
 * when max_out cannot hold even a RopBufferTooSmall, ecServerOOM. *out is empty on failure. */
uint32_t emsmdb_execute(struct emsmdb_session *s, TALLOC_CTX *mem, uint32_t flags, const uint8_t *in,
                        size_t in_len, size_t max_out, uint8_t **out, size_t *out_len);

#endif
