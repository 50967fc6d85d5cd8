/* MS-OXCPRPT: the Stream object ROPs, server side (3.2.5.11 - 3.2.5.22): RopOpenStream on a folder, message
 * or attachment property, then RopReadStream, RopWriteStream (and RopWriteStreamExtended), RopCommitStream,
 * RopWriteAndCommitStream, RopGetStreamSize, RopSetStreamSize, RopSeekStream, RopCopyToStream,
 * RopLockRegionStream and RopUnlockRegionStream on the Stream object. Wire layouts: MS-OXCROPS 2.2.9.
 *
 * A stream is the store's struct ms_stream (mapistore.h) behind an EMSMDB_OBJ_STREAM handle below the object
 * it was opened on. The store works on a private copy of the value: RopCommitStream or RopRelease of the
 * stream hands it to the object, where a folder keeps it at once and a message or attachment keeps it with
 * its RopSaveChangesMessage / RopSaveChangesAttachment (3.2.5.13).
 *
 * Region locks (3.2.5.20, 3.2.5.21) are kept here, across sessions (see "region locks" below). */
#include "server/emsmdb/emsmdb_rops.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include "mapi/mapi_types.h"
#include "store/mapistore.h"

/* MS-OXCPRPT 3.2.5.17 StreamSeekError (STG_E_INVALIDPOINTER's storage twin; not in MS-OXCDATA 2.4's table) */
#define ecStreamSeekError 0x80030019
/* MS-OXCPRPT 2.2.19.2, 2.2.20.1: the maximum stream size and seek position, 2^31 bytes */
#define STREAM_MAX_SIZE 0x80000000u
/* MS-OXCROPS 2.2.9.2.2: RopId, InputHandleIndex, ReturnValue, DataSize before the data of RopReadStream */
#define READ_STREAM_HEADER 8
/* MS-OXCPRPT 2.2.14.1 as MS-OXCPRPT_R261 lists it: 0x03 asks for read/write where allowed, else read-only */
#define STREAM_OPEN_BEST_ACCESS 0x03
/* RopCopyToStream copies in pieces of this size */
#define COPY_PIECE 0x10000

/* The store object a folder, message or attachment handle holds. */
static struct ms_object *store_object(struct emsmdb_object *o)
{
	switch (o->type) {
	case EMSMDB_OBJ_FOLDER:
		return ms_folder_object(o->data);
	case EMSMDB_OBJ_MESSAGE:
		return ms_message_object(o->data);
	default:
		return ms_attachment_object(o->data);
	}
}

static struct emsmdb_object *stream_in(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       uint32_t *ec)
{
	return emsmdb_input_object(ctx, req, EMSMDB_OBJ_STREAM, ec);
}

/* ---- region locks (MS-OXCPRPT 3.2.5.20, 3.2.5.21)
 * ---------------------------------------------------------- The store cannot lock, so the server keeps the
 * locks, per session as the spec has them: every open Stream object of the process is registered (a talloc
 * child of its handle object, so that releasing the stream or ending the session takes it out) with what
 * names its bytes across sessions: mailbox, object, property. A lock belongs to the Stream object (and so the
 * session) that took it. Another session's stream on the same property may not write a locked region
 * (LockFlags 0x00000001) or neither read nor write it (any other LockFlags); a lock of a session idle for
 * more than 30 seconds is expired when met: it limits no one, and its own stream's ROPs on that region fail
 * with NetworkError. Sessions run on several threads: one mutex guards the registry. */

#define LOCK_EXPIRY_SECONDS 30

struct stream_key {
	struct wc_guid mailbox;
	unsigned kind;       /* EMSMDB_OBJ_FOLDER, _MESSAGE or _ATTACHMENT */
	uint64_t id;         /* FID, MID (an attachment's message's) */
	uint32_t attach_num; /* attachments */
	uint16_t propid;     /* PtypString8 and PtypString views of a property share their bytes */
};

struct region_lock {
	uint64_t offset, size;
	uint32_t flags;
	bool expired;
};

struct stream_entry {
	struct stream_entry *next;
	const struct emsmdb_object *stream;
	struct emsmdb_session *session;
	struct stream_key key;
	struct region_lock *locks; /* talloc array on the entry */
	uint32_t nlocks;
};

static pthread_mutex_t streams_mutex = PTHREAD_MUTEX_INITIALIZER;
static struct stream_entry *streams;

static int stream_entry_destructor(struct stream_entry *e)
{
	pthread_mutex_lock(&streams_mutex);
	for (struct stream_entry **p = &streams; *p != NULL; p = &(*p)->next)
		if (*p == e) {
			*p = e->next;
			break;
		}
	pthread_mutex_unlock(&streams_mutex);
	return 0;
}

/* Registers the Stream object o, opened on tag of the object on, with its session. */
static uint32_t stream_register(struct emsmdb_object *o, struct emsmdb_object *on, uint32_t tag)
{
	struct stream_entry *e = talloc_zero(o, struct stream_entry);
	if (e == NULL)
		return ecServerOOM;
	struct ms_mailbox_info info;
	ms_mailbox_get_info(emsmdb_logon_of(on)->mailbox, &info);
	e->stream = o;
	e->session = o->session;
	e->key = (struct stream_key){.mailbox = info.mailbox_guid, .kind = on->type, .propid = PROP_ID(tag)};
	if (on->type == EMSMDB_OBJ_FOLDER) {
		e->key.id = ms_folder_get_id(on->data);
	} else if (on->type == EMSMDB_OBJ_MESSAGE) {
		e->key.id = ms_message_get_id(on->data);
	} else {
		e->key.id = ms_message_get_id(on->parent->data);
		e->key.attach_num = ms_attachment_get_num(on->data);
	}
	pthread_mutex_lock(&streams_mutex);
	e->next = streams;
	streams = e;
	pthread_mutex_unlock(&streams_mutex);
	talloc_set_destructor(e, stream_entry_destructor);
	return ecSuccess;
}

/* Under the mutex: the entry of Stream object o. */
static struct stream_entry *stream_entry_of(const struct emsmdb_object *o)
{
	struct stream_entry *e = streams;
	while (e != NULL && e->stream != o)
		e = e->next;
	return e;
}

static bool same_key(const struct stream_key *a, const struct stream_key *b)
{
	return a->kind == b->kind && a->id == b->id && a->attach_num == b->attach_num &&
	       a->propid == b->propid && wc_guid_equal(&a->mailbox, &b->mailbox);
}

/* Whether [a, a + an) and [b, b + bn) share a byte; a size that runs past 2^64 reaches the end. */
static bool regions_overlap(uint64_t a, uint64_t an, uint64_t b, uint64_t bn)
{
	uint64_t a_end = an > UINT64_MAX - a ? UINT64_MAX : a + an;
	uint64_t b_end = bn > UINT64_MAX - b ? UINT64_MAX : b + bn;
	return an > 0 && bn > 0 && a < b_end && b < a_end;
}

/* Under the mutex: whether lock l of entry x still holds for a request of session s at time now; a lock of
 * another session idle for more than 30 s is marked expired (3.2.5.20). */
static bool lock_holds(const struct stream_entry *x, struct region_lock *l, const struct emsmdb_session *s,
                       int64_t now)
{
	if (!l->expired && x->session != s &&
	    now - __atomic_load_n(&x->session->last_activity, __ATOMIC_RELAXED) > LOCK_EXPIRY_SECONDS)
		l->expired = true;
	return !l->expired;
}

/* What a lock is checked for: a read or a write by a stream (limited by the locks of other sessions' streams
 * on the property; a LockFlags 0x00000001 lock lets reads through), or a new lock (any lock there). */
enum lock_use { LOCK_FOR_READ, LOCK_FOR_WRITE, LOCK_FOR_LOCK };

/* Under the mutex: whether a lock that still holds on e's property overlaps [offset, offset + size) and
 * forbids that use. */
static bool locked(const struct stream_entry *e, uint64_t offset, uint64_t size, enum lock_use use)
{
	int64_t now = (int64_t)time(NULL);
	for (struct stream_entry *x = streams; x != NULL; x = x->next) {
		if (!same_key(&x->key, &e->key) || (use != LOCK_FOR_LOCK && x->session == e->session))
			continue;
		for (uint32_t i = 0; i < x->nlocks; i++) {
			struct region_lock *l = &x->locks[i];
			if (regions_overlap(l->offset, l->size, offset, size) &&
			    (use != LOCK_FOR_READ || l->flags != LOCK_WRITE) &&
			    lock_holds(x, l, e->session, now))
				return true;
		}
	}
	return false;
}

/* 3.2.5.20: may the Stream object o read (or write) [offset, offset + size)? NetworkError when its own lock
 * there has expired; StorageLockViolation (MS-OXCDATA 2.4; MS-OXCPRPT names no code) when another session's
 * stream on the same property holds a lock that forbids it. */
static uint32_t region_access(const struct emsmdb_object *o, uint64_t offset, uint64_t size, bool write)
{
	uint32_t ec = ecSuccess;
	pthread_mutex_lock(&streams_mutex);
	const struct stream_entry *e = stream_entry_of(o);
	for (uint32_t i = 0; e != NULL && i < e->nlocks && ec == ecSuccess; i++)
		if (e->locks[i].expired &&
		    regions_overlap(e->locks[i].offset, e->locks[i].size, offset, size))
			ec = ecRpcFailed; /* NetworkError */
	if (ec == ecSuccess && e != NULL && locked(e, offset, size, write ? LOCK_FOR_WRITE : LOCK_FOR_READ))
		ec = ecStorageLockViolation;
	pthread_mutex_unlock(&streams_mutex);
	return ec;
}

/* RopLockRegionStream (lock) and RopUnlockRegionStream on the stream of the request's input handle. */
static uint32_t lock_region(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, bool lock)
{
	uint32_t ec;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o == NULL)
		return ec;
	const struct rop_region_stream_req *q = lock ? &req->lock_region_stream : &req->unlock_region_stream;
	struct region_lock want = {q->region_offset, q->region_size, q->lock_flags, false};
	pthread_mutex_lock(&streams_mutex);
	struct stream_entry *e = stream_entry_of(o);
	ec = e != NULL ? ecSuccess : ecNullObject;
	if (ec == ecSuccess && lock) {
		struct region_lock *locks = NULL;
		if (locked(e, want.offset, want.size, LOCK_FOR_LOCK))
			ec = ecAccessDenied;
		else if ((locks = talloc_realloc(e, e->locks, struct region_lock, e->nlocks + 1)) == NULL)
			ec = ecServerOOM;
		else
			(e->locks = locks)[e->nlocks++] = want;
	}
	for (uint32_t i = 0; ec == ecSuccess && !lock && i < e->nlocks;) {
		const struct region_lock *l = &e->locks[i];
		if (l->offset == want.offset && l->size == want.size && l->flags == want.flags)
			e->locks[i] = e->locks[--e->nlocks];
		else
			i++;
	}
	pthread_mutex_unlock(&streams_mutex);
	return ec;
}

/* MS-OXCPRPT 2.2.24, 3.2.5.20 RopLockRegionStream: granted unless a lock on the same property that still
 * holds overlaps the region (AccessDenied). */
uint32_t emsmdb_rop_lock_region_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	(void)rsp;
	return lock_region(ctx, req, true);
}

/* MS-OXCPRPT 2.2.25, 3.2.5.21 RopUnlockRegionStream: removes this stream's locks of exactly that region and
 * LockFlags (2.2.25.1: "the same value that was used in the RopLockRegionStream"), expired or not; locks of
 * other sessions stay. */
uint32_t emsmdb_rop_unlock_region_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	(void)rsp;
	return lock_region(ctx, req, false);
}

/* MS-OXCPRPT 2.2.14, 3.2.5.11 RopOpenStream: binary, object and string properties of messages and
 * attachments, binary ones of folders; ReadOnly or ReadWrite on a missing property is ecNotFound, Create
 * starts empty. */
uint32_t emsmdb_rop_open_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(
	        ctx, req, EMSMDB_OBJ_FOLDER | EMSMDB_OBJ_MESSAGE | EMSMDB_OBJ_ATTACHMENT, &ec);
	if (o == NULL)
		return ec;
	const struct rop_open_stream_req *q = &req->open_stream;
	uint16_t type = PROP_TYPE(q->property_tag);
	bool folder = o->type == EMSMDB_OBJ_FOLDER;
	if (type != PT_BINARY && (folder || (type != PT_OBJECT && type != PT_STRING8 && type != PT_UNICODE)))
		return ecNotSupported; /* "A stream cannot be opened on the specified object" */
	if (q->open_mode_flags > STREAM_OPEN_BEST_ACCESS)
		return ecInvalidParam;
	struct ms_object *obj = store_object(o);
	struct ms_stream *s = NULL;
	if (q->open_mode_flags == STREAM_OPEN_BEST_ACCESS) {
		ec = ms_stream_open(obj, q->property_tag, MS_STREAM_READWRITE, &s);
		if (ec == ecAccessDenied)
			ec = ms_stream_open(obj, q->property_tag, MS_STREAM_READ, &s);
	} else {
		ec = ms_stream_open(obj, q->property_tag, q->open_mode_flags, &s);
	}
	if (ec != ecSuccess)
		return ec;
	uint64_t size = 0;
	ms_stream_get_size(s, &size);
	/* the Stream object hangs below the object it was opened on, as the store keeps it below that one */
	ec = emsmdb_output_object(ctx, req, o, EMSMDB_OBJ_STREAM, s);
	struct emsmdb_object *so =
	        ec == ecSuccess ? emsmdb_handle_get(ctx->session, ctx->handles[req->output_handle_index],
	                                            EMSMDB_OBJ_STREAM)
	                        : NULL;
	if (so != NULL && (ec = stream_register(so, o, q->property_tag)) != ecSuccess) {
		emsmdb_handle_release(ctx->session, so->handle);
		ctx->handles[req->output_handle_index] = ROP_INVALID_HANDLE;
	}
	if (ec == ecSuccess)
		rsp->open_stream.stream_size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	return ec;
}

/* The seek pointer of stream s */
static uint64_t position(struct ms_stream *s)
{
	uint64_t pos = 0;
	ms_stream_seek(s, MS_SEEK_CUR, 0, &pos);
	return pos;
}

/* ---- reading and writing ------------------------------------------------------------------------------- */

/* MS-OXCPRPT 2.2.15, 3.2.5.12 RopReadStream: at most ByteCount (or MaximumByteCount after 0xBABE) bytes from
 * the seek pointer, and no more than the response buffer holds (DataSize is 16 bits; what is left is read by
 * the next RopReadStream). On failure DataSize is 0. */
uint32_t emsmdb_rop_read_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o == NULL)
		return ec;
	const struct rop_read_stream_req *q = &req->read_stream;
	uint32_t want = q->byte_count == READ_STREAM_USE_MAXIMUM ? q->maximum_byte_count : q->byte_count;
	size_t room = rop_out_room(ctx->out, req);
	room = room > READ_STREAM_HEADER ? room - READ_STREAM_HEADER : 0;
	if (want > room)
		want = (uint32_t)room;
	if (want > UINT16_MAX)
		want = UINT16_MAX;
	if ((ec = region_access(o, position(o->data), want, false)) != ecSuccess)
		return ec;
	uint8_t *data = talloc_size(ctx->mem, want ? want : 1);
	if (data == NULL)
		return ecServerOOM;
	uint32_t got = 0;
	ec = ms_stream_read(o->data, data, want, &got);
	if (ec != ecSuccess)
		return ec;
	rsp->read_stream.data = (struct mapi_binary){got, got ? data : NULL};
	return ecSuccess;
}

/* The store's answer for a write refused on a read-only stream is the protocol's StreamAccessDenied. */
static uint32_t stream_error(uint32_t ec)
{
	return ec == ecAccessDenied ? ecStorageAccessDenied : ec;
}

/* MS-OXCPRPT 3.2.5.13: data at the seek pointer of Stream object o, which moves past it; what would take the
 * stream beyond its maximum size is not written and the write answers TooBig with the count written. */
static uint32_t write_stream(struct emsmdb_object *o, const struct mapi_binary *data, uint32_t *written)
{
	struct ms_stream *s = o->data;
	uint64_t pos = position(s);
	*written = 0;
	uint32_t ec = region_access(o, pos, data->len, true);
	if (ec != ecSuccess)
		return ec;
	uint32_t n = data->len;
	if (pos >= STREAM_MAX_SIZE)
		n = 0;
	else if (n > STREAM_MAX_SIZE - pos)
		n = (uint32_t)(STREAM_MAX_SIZE - pos);
	if (n > 0 && (ec = ms_stream_write(s, data->data, n, written)) != ecSuccess)
		return stream_error(ec);
	if (n == 0 && data->len > 0) {
		/* a read-only stream says so even when nothing would fit */
		uint32_t none;
		ec = stream_error(ms_stream_write(s, data->data, 0, &none));
		if (ec != ecSuccess)
			return ec;
	}
	return *written < data->len ? ecTooBig : ecSuccess;
}

/* MS-OXCPRPT 2.2.16, 3.2.5.13 RopWriteStream */
uint32_t emsmdb_rop_write_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp)
{
	uint32_t ec, written = 0;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o != NULL)
		ec = write_stream(o, &req->write_stream.data, &written);
	rsp->write_stream.written_size = (uint16_t)written;
	return ec;
}

/* MS-OXCPRPT 2.2.17, 3.2.5.14 (MS-OXCPRPT_R900001) RopWriteStreamExtended: RopWriteStream with a 4-byte
 * WrittenSize */
uint32_t emsmdb_rop_write_stream_extended(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp)
{
	uint32_t ec, written = 0;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o != NULL)
		ec = write_stream(o, &req->write_stream_extended.data, &written);
	rsp->write_stream_extended.written_size = written;
	return ec;
}

/* The commit of Stream object o: it writes the whole property. */
static uint32_t commit_stream(struct emsmdb_object *o)
{
	uint32_t ec = region_access(o, 0, UINT64_MAX, true);
	return ec == ecSuccess ? ms_stream_commit(o->data) : ec;
}

/* MS-OXCPRPT 3.2.5.13: "For a Message object, the new value is persisted to the database when a successful
 * RopSaveChangesMessage ROP is issued" (for an Attachment object with RopSaveChangesAttachment): the streams
 * still open on object o are committed to it first (oxcmsg.c calls this before the save). */
uint32_t emsmdb_streams_commit(struct emsmdb_object *o)
{
	/* found under the mutex, committed outside it (a commit takes it too) */
	struct emsmdb_object **open = talloc_array(NULL, struct emsmdb_object *, 0);
	uint32_t n = 0, ec = open ? ecSuccess : ecServerOOM;
	pthread_mutex_lock(&streams_mutex);
	for (const struct stream_entry *e = streams; e != NULL && ec == ecSuccess; e = e->next) {
		if (e->stream->parent != o)
			continue;
		struct emsmdb_object **more = talloc_realloc(NULL, open, struct emsmdb_object *, n + 1);
		if (more == NULL)
			ec = ecServerOOM;
		else
			(open = more)[n++] = (struct emsmdb_object *)e->stream;
	}
	pthread_mutex_unlock(&streams_mutex);
	for (uint32_t i = 0; i < n && ec == ecSuccess; i++)
		ec = commit_stream(open[i]);
	talloc_free(open);
	return ec;
}

/* MS-OXCPRPT 2.2.17, 3.2.5.14 RopCommitStream: the property takes the stream's data (a folder's at once, a
 * message's or attachment's with its save). */
uint32_t emsmdb_rop_commit_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	return o ? commit_stream(o) : ec;
}

/* MS-OXCPRPT 2.2.25, 3.2.5.22 RopWriteAndCommitStream: RopWriteStream, then RopCommitStream when the write
 * succeeded. 2.2.25: it "MUST NOT be used on a Stream object that is opened on a property of a Folder
 * object": refused with NotSupported. */
uint32_t emsmdb_rop_write_and_commit_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                            struct rop_response *rsp)
{
	uint32_t ec, written = 0;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o != NULL && o->parent != NULL && o->parent->type == EMSMDB_OBJ_FOLDER)
		ec = ecNotSupported;
	else if (o != NULL &&
	         (ec = write_stream(o, &req->write_and_commit_stream.data, &written)) == ecSuccess)
		ec = commit_stream(o);
	rsp->write_and_commit_stream.written_size = (uint16_t)written;
	return ec;
}

/* ---- size and position --------------------------------------------------------------------------------- */

/* MS-OXCPRPT 2.2.18, 3.2.5.15 RopGetStreamSize */
uint32_t emsmdb_rop_get_stream_size(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o == NULL)
		return ec;
	uint64_t size;
	if ((ec = ms_stream_get_size(o->data, &size)) == ecSuccess)
		rsp->get_stream_size.stream_size = size > UINT32_MAX ? UINT32_MAX : (uint32_t)size;
	return ec;
}

/* MS-OXCPRPT 2.2.19, 3.2.5.16 RopSetStreamSize: grows with zeros or cuts; at most 2^31 bytes (StreamSizeError
 * beyond, MS-OXCDATA 2.4). */
uint32_t emsmdb_rop_set_stream_size(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o == NULL)
		return ec;
	uint64_t size = req->set_stream_size.stream_size, old = 0;
	if (size > STREAM_MAX_SIZE)
		return ecStreamSizeError;
	ms_stream_get_size(o->data, &old);
	if ((ec = region_access(o, size < old ? size : old, UINT64_MAX, true)) != ecSuccess)
		return ec;
	return stream_error(ms_stream_set_size(o->data, size));
}

/* MS-OXCPRPT 2.2.20, 3.2.5.17 RopSeekStream: from the beginning, the seek pointer or the end; before the
 * start or beyond 2^31 is StreamSeekError, another Origin StreamInvalidParam. Beyond the end a writable
 * stream is extended with zeros to the new position; a read-only one reads nothing there. */
uint32_t emsmdb_rop_seek_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = stream_in(ctx, req, &ec);
	if (o == NULL)
		return ec;
	const struct rop_seek_stream_req *q = &req->seek_stream;
	if (q->origin > STREAM_SEEK_END)
		return ecStorageInvalidParameter;
	uint64_t from = 0, size = 0;
	if ((ec = ms_stream_get_size(o->data, &size)) != ecSuccess)
		return ec;
	if (q->origin == STREAM_SEEK_CURRENT &&
	    (ec = ms_stream_seek(o->data, MS_SEEK_CUR, 0, &from)) != ecSuccess)
		return ec;
	if (q->origin == STREAM_SEEK_END)
		from = size;
	/* from <= 2^31 + 2^32 (a size is at most 2^31, a position at most 2^31 + a read's 16 bits) */
	if ((q->offset < 0 && (uint64_t)(-(q->offset + 1)) + 1 > from) ||
	    (q->offset > 0 && (uint64_t)q->offset > STREAM_MAX_SIZE))
		return ecStreamSeekError;
	uint64_t to = (uint64_t)((int64_t)from + q->offset);
	if (to > STREAM_MAX_SIZE)
		return ecStreamSeekError;
	if (to > size) {
		ec = region_access(o, size, UINT64_MAX, true);
		if (ec == ecSuccess)
			ec = ms_stream_set_size(o->data, to);
		if (ec != ecSuccess && ec != ecAccessDenied)
			return ec;
	}
	if ((ec = ms_stream_seek(o->data, MS_SEEK_SET, (int64_t)to, &rsp->seek_stream.new_position)) !=
	    ecSuccess)
		return ec;
	return ecSuccess;
}

/* Whether piece is all zeros to be written at the end of Stream object o: a size increase writes them
 * without taking room (the store's streams are sparse), so copying a large sparse stream stays cheap. */
static bool zeros_at_end(struct emsmdb_object *o, const struct mapi_binary *piece)
{
	uint64_t size = 0;
	ms_stream_get_size(o->data, &size);
	if (position(o->data) != size)
		return false;
	static const uint8_t zeros[COPY_PIECE];
	return piece->len <= sizeof zeros && memcmp(piece->data, zeros, piece->len) == 0;
}

/* n zero bytes appended to Stream object o as a size increase, the seek pointer moved past them; as
 * write_stream: the maximum size (TooBig), a read-only stream, locks */
static uint32_t grow_stream(struct emsmdb_object *o, uint32_t n, uint32_t *written)
{
	uint64_t pos = position(o->data);
	*written = 0;
	uint32_t ec = region_access(o, pos, n, true);
	uint32_t fit = pos >= STREAM_MAX_SIZE      ? 0
	               : n > STREAM_MAX_SIZE - pos ? (uint32_t)(STREAM_MAX_SIZE - pos)
	                                           : n;
	if (ec == ecSuccess)
		ec = stream_error(ms_stream_set_size(o->data, pos + fit));
	if (ec == ecSuccess)
		ec = ms_stream_seek(o->data, MS_SEEK_SET, (int64_t)(pos + fit), NULL);
	if (ec != ecSuccess)
		return ec;
	*written = fit;
	return fit < n ? ecTooBig : ecSuccess;
}

/* MS-OXCPRPT 2.2.21, 3.2.5.18 RopCopyToStream: ByteCount bytes (or up to the end) from the source's seek
 * pointer to the destination's, both moving by what was copied. A destination that names nothing is
 * NullDestinationObject with DestHandleIndex. The counts are in the response whatever ReturnValue is. */
uint32_t emsmdb_rop_copy_to_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp)
{
	struct rop_copy_to_stream_rsp *out = &rsp->copy_to_stream;
	uint32_t ec;
	struct emsmdb_object *src = emsmdb_object_at(ctx, req->source_handle_index, EMSMDB_OBJ_STREAM, &ec);
	if (src == NULL)
		return ec;
	struct emsmdb_object *dst = emsmdb_object_at(ctx, req->dest_handle_index, EMSMDB_OBJ_STREAM, &ec);
	if (ec == ecNullObject) {
		out->dest_handle_index = req->dest_handle_index;
		return ecDstNullObject;
	}
	if (dst == NULL)
		return ec;
	uint8_t *buf = talloc_size(ctx->mem, COPY_PIECE);
	if (buf == NULL)
		return ecServerOOM;
	uint64_t left = req->copy_to_stream.byte_count;
	while (left > 0) {
		uint32_t want = left > COPY_PIECE ? COPY_PIECE : (uint32_t)left, got, put;
		if ((ec = region_access(src, position(src->data), want, false)) != ecSuccess ||
		    (ec = ms_stream_read(src->data, buf, want, &got)) != ecSuccess || got == 0)
			break;
		out->read_byte_count += got;
		struct mapi_binary piece = {got, buf};
		ec = zeros_at_end(dst, &piece) ? grow_stream(dst, got, &put)
		                               : write_stream(dst, &piece, &put);
		out->written_byte_count += put;
		if (ec != ecSuccess || put < got) {
			/* the source gives back what the destination did not take */
			ms_stream_seek(src->data, MS_SEEK_CUR, -(int64_t)(got - put), NULL);
			out->read_byte_count -= got - put;
			break;
		}
		left -= got;
	}
	talloc_free(buf);
	return ec;
}
