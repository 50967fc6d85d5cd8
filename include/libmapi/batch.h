/* libmapi ROP batches: several ROP requests (struct rop_request of the shared ROP codec, mapi/rop.h) sent in
 * one Execute, with the handle-table indexes (MS-OXCROPS 2.2.1, 3.1.4.1) managed for the caller.
 *
 *	struct mapi_batch *b = mapi_batch_new(mem, session);
 *	struct rop_request *r = mapi_batch_add(b, ROP_OPEN_FOLDER, store);    // input: an open object
 *	r->open_folder.folder_id = fid;                                        // the body is the caller's
 *	uint32_t open = mapi_batch_last(b);
 *	r = mapi_batch_add_on(b, ROP_GET_HIERARCHY_TABLE, open);               // input: output of an earlier
 *ROP uint32_t ec = mapi_batch_execute(b);                                   // one Execute (or more, below)
 *	ec = mapi_batch_result(b, open);                                       // that ROP's ReturnValue
 *	mapi_batch_object(b, open, mem, MAPI_OBJ_FOLDER, &folder);             // its output handle as an
 *object
 *
 * Each request gets its LogonId from its input object (a RopLogon from the caller: set req->logon_id), its
 * input index from the object or the earlier request, and a fresh output index when the ROP has one
 * (rop_info()->handles). Requests pointing at memory must keep it alive until mapi_batch_execute returns.
 *
 * What the codec needs beyond the bytes (struct rop_ctx: which logons are private, a table's columns, a
 * message's recipient columns) is filled from the objects and the session.
 *
 * mapi_batch_execute handles, per MS-OXCROPS 3.1.4.3 / 2.2.15.1, a RopBufferTooSmall by sending the
 * requests it hands back again in a new Execute with MaxRopOut raised to its SizeNeeded (within 0x40000);
 * a RopBackoff (2.2.15.2) ends the batch: the backed-off requests stay unanswered (mapi_batch_response
 * NULL, mapi_batch_result ecServerBusy). Packed (chained) responses (MS-OXCRPC 3.1.4.2.1.2, with
 * mapi_batch_set_chain) are merged into the response of the last request: the rows of every packed
 * RopQueryRows are appended to its rows, the data of every packed RopReadStream to its data.
 *
 * A batch can be executed once; mapi_batch_reset() empties it for reuse. */
#ifndef LIBMAPI_BATCH_H
#define LIBMAPI_BATCH_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "libmapi/session.h"
#include "mapi/rop.h"

struct mapi_batch;
struct mapi_object;
enum mapi_object_kind;

#define MAPI_BATCH_MAX_ROPS 255 /* requests of one batch (and handle-table entries, MS-OXCROPS 2.2.1) */

struct mapi_batch *mapi_batch_new(TALLOC_CTX *mem, struct mapi_session *s);
/* Let the server pack responses (the Execute Chain flag); off by default. */
void mapi_batch_set_chain(struct mapi_batch *b, bool chain);

/* Appends a request whose input is the open object in (NULL only for RopLogon, which has no input) and
 * returns it, zeroed but for its header, for the caller to fill its body; NULL when the batch is full, the
 * RopId has no request codec, or in is stale (of an earlier Session Context). */
struct rop_request *mapi_batch_add(struct mapi_batch *b, uint8_t rop_id, struct mapi_object *in);
/* The same with the output handle of request slot of this batch as input (a chain of opens in one
 * Execute). */
struct rop_request *mapi_batch_add_on(struct mapi_batch *b, uint8_t rop_id, uint32_t slot);
/* ROPs with a source and a destination object (ROP_H_SRC_DST: RopMoveCopyMessages, RopMoveFolder,
 * RopCopyFolder, RopCopyTo, RopCopyProperties, RopCopyToStream). */
struct rop_request *mapi_batch_add2(struct mapi_batch *b, uint8_t rop_id, struct mapi_object *src,
                                    struct mapi_object *dst);
/* RopRelease of obj's server handle, sent with this batch. */
uint32_t mapi_batch_release(struct mapi_batch *b, struct mapi_object *obj);

/* Number of requests so far; the slot of the last one added. */
uint32_t mapi_batch_count(const struct mapi_batch *b);
uint32_t mapi_batch_last(const struct mapi_batch *b);
/* The request in slot, to inspect or amend before mapi_batch_execute; NULL when out of range. */
struct rop_request *mapi_batch_request(struct mapi_batch *b, uint32_t slot);

/* Sends the batch (one Execute, more after RopBufferTooSmall). ecSuccess when the Execute exchange worked
 * (each ROP has its own ReturnValue), a session error otherwise (session.h). */
uint32_t mapi_batch_execute(struct mapi_batch *b);

/* After execute: the response to request slot, or NULL when it got none (RopRelease, backed off, the server
 * stopped). Owned by the batch. */
const struct rop_response *mapi_batch_response(const struct mapi_batch *b, uint32_t slot);
/* Its ReturnValue, or ecServerBusy for a request without response, ecInvalidParam out of range. */
uint32_t mapi_batch_result(const struct mapi_batch *b, uint32_t slot);
/* The first failing ReturnValue of the batch in slot order (ecSuccess when all succeeded), and its slot. */
uint32_t mapi_batch_first_error(const struct mapi_batch *b, uint32_t *slot);
/* The server object created by request slot (its output handle) as a new object of kind on mem; fails
 * with that ROP's ReturnValue when it did not succeed. The object keeps what the codec learnt about it (a
 * table's columns from a RopSetColumns of this batch, a message's recipient columns). */
uint32_t mapi_batch_object(struct mapi_batch *b, uint32_t slot, TALLOC_CTX *mem, enum mapi_object_kind kind,
                           struct mapi_object **out);

/* The RopNotify responses (MS-OXCNOTIF 2.2.1.4.1) the server sent with this batch's Execute. */
uint32_t mapi_batch_notification_count(const struct mapi_batch *b);
const struct rop_notify_rsp *mapi_batch_notification(const struct mapi_batch *b, uint32_t i);

/* Forget requests and responses (keeps the session and the chain setting). */
void mapi_batch_reset(struct mapi_batch *b);

/* Low level, for tests and tools: one round of mapi_batch_execute without the network. encode gives the ROP
 * input buffer of the requests not answered yet (MS-OXCROPS 2.2.1; queued RopReleases first); decode reads
 * the count ROP output buffers of its Execute (the first, then packed ones). After a RopBufferTooSmall the
 * requests it handed back stay unanswered, and the next encode sends them again. */
uint32_t mapi_batch_encode(struct mapi_batch *b, TALLOC_CTX *mem, struct mapi_binary *rop_in);
uint32_t mapi_batch_decode(struct mapi_batch *b, const struct mapi_binary *rop_out, uint32_t count);

#endif
