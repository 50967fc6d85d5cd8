/* The ROPs of the Store Object protocol (MS-OXCSTOR 3.2.5) on warpd's private mailboxes.
 *
 * RopLogon opens the session user's mailbox (<store.mailbox_dir>/<mailbox GUID>.db, the file warpadm makes)
 * and creates it with its special folders and receive folders when it does not exist yet, as 3.2.5.1.1 asks
 * ("If the mailbox is not present in the table and the user has owner permission on the mailbox, the server
 * creates the mailbox"). There are no public folders: a public logon fails with ecLoginFailure.
 *
 * The per-user ROPs (3.2.5.10 - 3.2.5.13) work on the mailbox's per-user data table (ms_per_user_*): per
 * public folder LongTermID the REPLGUID of its public store and the CNSET of messages read there, as
 * RopWritePerUserInformation stored it (gathered over several calls, checked as an IDSET with REPLGUID).
 * RopGetStoreState answers NotImplemented (0x80040FFF), as 3.2.5.5 says servers SHOULD. */
#include "server/emsmdb/emsmdb_rops.h"

#include "common/wc_time.h"
#include "mapi/mapi_idset.h"
#include "mapi/mapi_proptags_gen.h"
#include "server/dir_pool.h"
#include "store/delivery.h"

#include <string.h>
#include <strings.h>
#include <time.h>

/* The logon object of the request's input handle, or NULL. */
static struct emsmdb_logon *logon_in(struct emsmdb_rop_ctx *ctx, const struct rop_request *req)
{
	struct emsmdb_object *o =
	        emsmdb_handle_get(ctx->session, ctx->handles[req->input_handle_index], EMSMDB_OBJ_LOGON);
	return o != NULL ? o->data : NULL;
}

/* MS-OXCSTOR 3.2.5.1.1: an Essdn that is not the session user's. Unknown to the directory: ecUnknownUser;
 * another user's mailbox without USE_ADMIN_PRIVILEGE: ecProfileNotConfigured; with it: ecAccessDenied (warpd
 * has no administrators or delegates yet); a directory failure: ecLoginFailure. */
static uint32_t other_mailbox(struct emsmdb_rop_ctx *ctx, const struct rop_logon_req *in)
{
	struct dir_pool *dirs = ctx->session->config->dirs;
	if (in->essdn == NULL || *in->essdn == '\0' || dirs == NULL)
		return ecUnknownUser;
	struct dir_handle *h = dir_pool_get(dirs);
	if (h == NULL)
		return ecLoginFailure;
	struct dir_entry *e = NULL;
	int rc = dir_lookup_dn(h, ctx->mem, in->essdn, &e);
	dir_pool_put(dirs, h);
	if (rc == DIR_E_NOTFOUND || (rc == DIR_OK && e->kind != DIR_USER))
		return ecUnknownUser;
	if (rc != DIR_OK)
		return ecLoginFailure;
	return in->open_flags & LOGON_OPEN_USE_ADMIN_PRIVILEGE ? ecAccessDenied : ecProfileNotConfigured;
}

/* The locale the user's special folders are named in (the directory's, else English). */
static const char *user_locale(struct emsmdb_rop_ctx *ctx)
{
	struct dir_pool *dirs = ctx->session->config->dirs;
	struct dir_handle *h = dirs ? dir_pool_get(dirs) : NULL;
	struct dir_entry *e = NULL;
	const char *locale = "en";
	if (h != NULL && dir_lookup_dn(h, ctx->mem, ctx->session->user_dn, &e) == DIR_OK && e->locale != NULL)
		locale = e->locale;
	dir_pool_put(dirs, h);
	return locale;
}

/* MS-OXCSTOR 3.2.5.1.1 and 3.2.3: opens the user's mailbox on mem, creating and provisioning it when it does
 * not exist. */
static uint32_t open_own_mailbox(struct emsmdb_rop_ctx *ctx, TALLOC_CTX *mem, struct ms_mailbox **mb)
{
	return ms_user_mailbox_open(mem, ctx->session->config->mailbox_dir, &ctx->session->mailbox_guid,
	                            user_locale(ctx), mb);
}

/* MS-OXCSTOR 2.2.1.1.3 LogonTime: the server's time of the logon (UTC), MS-OXCROPS 2.2.3.1.2.1 fields. */
static void logon_time(struct rop_logon_time *t)
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	*t = (struct rop_logon_time){(uint8_t)tm.tm_sec,           (uint8_t)tm.tm_min,
	                             (uint8_t)tm.tm_hour,          (uint8_t)tm.tm_wday,
	                             (uint8_t)tm.tm_mday,          (uint8_t)(tm.tm_mon + 1),
	                             (uint16_t)(tm.tm_year + 1900)};
}

/* MS-OXCSTOR 2.2.1.1, 3.2.5.1 RopLogon */
uint32_t emsmdb_rop_logon(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp)
{
	const struct rop_logon_req *in = &req->logon;
	struct rop_logon_rsp *out = &rsp->logon;
	struct emsmdb_session *s = ctx->session;
	if (!(in->logon_flags & LOGON_PRIVATE)) /* 3.2.5.1.2: there is no public folder container */
		return ecLoginFailure;
	if (s->config == NULL || s->config->mailbox_dir == NULL)
		return ecLoginFailure;
	if (in->essdn == NULL || strcasecmp(in->essdn, s->user_dn) != 0)
		return other_mailbox(ctx, in);
	struct emsmdb_logon *logon = talloc_zero(ctx->mem, struct emsmdb_logon);
	if (logon == NULL)
		return ecServerOOM;
	uint32_t ec = open_own_mailbox(ctx, logon, &logon->mailbox);
	if (ec == ecSuccess && ms_mailbox_special_folders(logon->mailbox, logon->special_fids) != ecSuccess)
		ec = ecLoginFailure; /* a mailbox warpadm created without special folders */
	struct emsmdb_object *o = NULL;
	if (ec == ecSuccess && (o = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, logon)) == NULL)
		ec = ecServerOOM;
	if (ec != ecSuccess) {
		talloc_free(logon);
		return ec;
	}
	struct ms_mailbox_info info;
	ms_mailbox_get_info(logon->mailbox, &info);
	logon->logon_id = req->logon_id;
	logon->replid = info.replid;
	logon->replica_guid = info.replica_guid;
	ctx->handles[req->output_handle_index] = o->handle;

	/* 2.2.1.1.3: LogonFlags as requested; the 13 FolderIds in the order of MS_SPECIAL_ROOT ..
	 * MS_SPECIAL_SHORTCUTS; the owner of the mailbox has owner and send-as rights. */
	out->logon_flags = in->logon_flags;
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++)
		out->folder_ids[i] = logon->special_fids[i];
	out->response_flags =
	        LOGON_RESPONSE_RESERVED | LOGON_RESPONSE_OWNER_RIGHT | LOGON_RESPONSE_SEND_AS_RIGHT;
	out->mailbox_guid = info.mailbox_guid;
	out->repl_id = info.replid;
	out->repl_guid = info.replica_guid;
	logon_time(&out->logon_time);
	out->gwart_time = 0;  /* no gateway address routing table (GWART) */
	out->store_state = 0; /* no search folders: never STORE_HAS_SEARCHES */
	return ecSuccess;
}

/* MS-OXCSTOR 2.2.1.2.1 / 2.2.1.3.1 MessageClass: ASCII 32..126, fewer than 255 characters, no leading or
 * trailing '.', no "..". The empty string is valid (the default receive folder). */
static bool message_class_valid(const char *mc)
{
	size_t n = mc ? strlen(mc) : 0;
	if (mc == NULL || n >= 255)
		return false;
	if (n > 0 && (mc[0] == '.' || mc[n - 1] == '.' || strstr(mc, "..") != NULL))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)mc[i] < 32 || (unsigned char)mc[i] > 126)
			return false;
	return true;
}

/* MS-OXCSTOR 2.2.1.2, 3.2.5.2 RopGetReceiveFolder: the longest matching prefix; none: "" and the Inbox. */
uint32_t emsmdb_rop_get_receive_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	if (!message_class_valid(req->get_receive_folder.message_class))
		return ecInvalidParam;
	struct rop_receive_folder *out = &rsp->get_receive_folder;
	uint32_t ec = ms_receive_folder_get(l->mailbox, req->get_receive_folder.message_class, ctx->mem,
	                                    &out->folder_id, &out->message_class);
	if (ec == ecNotFound) {
		out->folder_id = l->special_fids[MS_SPECIAL_INBOX];
		out->message_class = "";
		return ecSuccess;
	}
	return ec;
}

/* MS-OXCSTOR 2.2.1.3, 3.2.5.3 RopSetReceiveFolder */
uint32_t emsmdb_rop_set_receive_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	(void)rsp;
	struct emsmdb_logon *l = logon_in(ctx, req);
	const struct rop_receive_folder *in = &req->set_receive_folder;
	if (l == NULL)
		return ecNullObject;
	if (!message_class_valid(in->message_class))
		return ecInvalidParam;
	if (strcasecmp(in->message_class, "IPM") == 0 || strcasecmp(in->message_class, "Report.IPM") == 0)
		return ecAccessDenied;
	if (*in->message_class == '\0' && in->folder_id == 0)
		return ecError;
	if (in->folder_id != 0) { /* the Receive folder MUST be a folder within the user's mailbox */
		struct ms_folder *f;
		uint32_t ec = ms_folder_open(l->mailbox, in->folder_id, ctx->mem, &f);
		if (ec != ecSuccess)
			return ec;
	}
	return ms_receive_folder_set(l->mailbox, in->message_class, in->folder_id);
}

/* MS-OXCSTOR 2.2.1.4, 3.2.5.4 RopGetReceiveFolderTable: every row as a StandardPropertyRow over
 * PidTagFolderId, PidTagMessageClass (PtypString8), PidTagLastModificationTime. */
uint32_t emsmdb_rop_get_receive_folder_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                             struct rop_response *rsp)
{
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	struct ms_receive_folder *rf;
	uint32_t n;
	uint32_t ec = ms_receive_folder_table(l->mailbox, ctx->mem, &rf, &n);
	if (ec != ecSuccess)
		return ec;
	if (n == 0)
		return ecNoReceiveFolder;
	struct mapi_property_row *rows = talloc_zero_array(ctx->mem, struct mapi_property_row, n);
	struct mapi_row_value *v = talloc_zero_array(ctx->mem, struct mapi_row_value, 3 * (size_t)n);
	if (rows == NULL || v == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < n; i++, v += 3) {
		v[0].pv = (struct mapi_propval){rop_receive_folder_table_columns[0],
		                                {.i64 = (int64_t)rf[i].fid}};
		v[1].pv = (struct mapi_propval){rop_receive_folder_table_columns[1],
		                                {.str = rf[i].message_class}};
		v[2].pv = (struct mapi_propval){rop_receive_folder_table_columns[2],
		                                {.time = rf[i].last_modification_time}};
		rows[i] = (struct mapi_property_row){0, ROP_RECEIVE_FOLDER_TABLE_COLUMNS, v};
	}
	rsp->get_receive_folder_table = (struct rop_get_receive_folder_table_rsp){n, rows};
	return ecSuccess;
}

/* MS-OXCSTOR 3.2.5.8 RopLongTermIdFromId: REPLGUID + 48-bit GlobalCounter + 2 zero bytes (MS-OXCDATA
 * 2.2.1.3.1). The only REPLID of the mapping table is the mailbox's own (1). */
uint32_t emsmdb_rop_long_term_id_from_id(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	uint64_t id = req->long_term_id_from_id.object_id;
	if (mapi_fid_replid(id) != l->replid)
		return ecNotFound;
	uint8_t *b = rsp->long_term_id_from_id.long_term_id.bytes;
	mapi_guid_to_bytes(&l->replica_guid, b);
	mapi_globcnt_to_bytes(mapi_fid_globcnt(id), b + 16);
	b[22] = b[23] = 0;
	return ecSuccess;
}

/* MS-OXCSTOR 3.2.5.9 RopIdFromLongTermId. A REPLGUID other than the mailbox's would need a new entry in the
 * REPLID/REPLGUID mapping table, which the store does not have: answered as a full table
 * (ecParameterOverflow, "the server cannot register a new REPLID"). */
uint32_t emsmdb_rop_id_from_long_term_id(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	static const uint8_t zero[16];
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	const uint8_t *b = req->id_from_long_term_id.long_term_id.bytes;
	if (memcmp(b, zero, 16) == 0)
		return ecInvalidParam;
	uint64_t globcnt = mapi_globcnt_from_bytes(b + 16);
	if (globcnt == 0) { /* "MUST fail the operation with 0 in the ReturnValue field" */
		rsp->id_from_long_term_id.object_id = 0;
		return ecSuccess;
	}
	struct wc_guid g;
	mapi_guid_from_bytes(b, &g);
	if (mapi_guid_compare(&g, &l->replica_guid) != 0)
		return ecParameterOverflow;
	rsp->id_from_long_term_id.object_id = mapi_fid_make(l->replid, globcnt);
	return ecSuccess;
}

/* MS-OXCSTOR 2.2.1.5, 3.2.5.5 RopGetStoreState: "Servers SHOULD NOT implement this ROP and SHOULD return a
 * value of 0x80040FFF (NotImplemented)" (Exchange 2010 and later do so, <10>). */
uint32_t emsmdb_rop_get_store_state(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	(void)ctx;
	(void)req;
	(void)rsp;
	return MAPI_E_NOT_IMPLEMENTED;
}

/* MS-OXCSTOR 3.2.5.10 RopGetPerUserLongTermIds: the LongTermIDs of the per-user rows of DatabaseGuid. */
uint32_t emsmdb_rop_get_per_user_long_term_ids(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                               struct rop_response *rsp)
{
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	struct ms_per_user *rows;
	uint32_t n;
	uint32_t ec = ms_per_user_folders(l->mailbox, &req->get_per_user_long_term_ids.database_guid,
	                                  ctx->mem, &rows, &n);
	if (ec != ecSuccess)
		return ec;
	if (n > UINT16_MAX)
		n = UINT16_MAX; /* LongTermIdCount is 16 bits */
	struct rop_long_term_id *ids = talloc_array(ctx->mem, struct rop_long_term_id, n ? n : 1);
	if (ids == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < n; i++)
		memcpy(ids[i].bytes, rows[i].folder, sizeof ids[i].bytes);
	rsp->get_per_user_long_term_ids = (struct rop_get_per_user_long_term_ids_rsp){(uint16_t)n, ids};
	return ecSuccess;
}

/* MS-OXCSTOR 3.2.5.11 RopGetPerUserGuid: the REPLGUID of the folder's per-user row; none is ecNotFound. */
uint32_t emsmdb_rop_get_per_user_guid(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp)
{
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	struct ms_per_user row;
	uint32_t ec = ms_per_user_get(l->mailbox, req->get_per_user_guid.long_term_id.bytes, ctx->mem, &row);
	if (ec == ecSuccess)
		rsp->get_per_user_guid.database_guid = row.replguid;
	return ec;
}

/* MS-OXCSTOR 3.2.5.12.1 <47>, <48>: the default and the largest MaxDataSize (Exchange's 4096) */
#define PER_USER_MAX_DATA 4096
/* MS-OXCROPS 2.2.3.12.2: RopId, InputHandleIndex, ReturnValue, HasFinished, DataSize before Data */
#define READ_PER_USER_HEADER 9

/* MS-OXCSTOR 3.2.5.12 RopReadPerUserInformation: the segment of the folder's CNSET BLOB at DataOffset (an
 * empty BLOB when there is no row, 3.2.5.12.2), at most the adjusted MaxDataSize and what the response
 * buffer holds; HasFinished when it reaches the end. A DataOffset beyond the BLOB is ecError. */
uint32_t emsmdb_rop_read_per_user_information(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                              struct rop_response *rsp)
{
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	const struct rop_read_per_user_information_req *q = &req->read_per_user_information;
	struct ms_per_user row = {0};
	uint32_t ec = ms_per_user_get(l->mailbox, q->folder_id.bytes, ctx->mem, &row);
	if (ec != ecSuccess && ec != ecNotFound)
		return ec;
	if (q->data_offset > row.len)
		return ecError;
	size_t max = q->max_data_size == 0 || q->max_data_size > PER_USER_MAX_DATA ? PER_USER_MAX_DATA
	                                                                           : q->max_data_size;
	size_t room = rop_out_room(ctx->out, req);
	room = room > READ_PER_USER_HEADER ? room - READ_PER_USER_HEADER : 0;
	if (max > room)
		max = room;
	uint32_t left = row.len - q->data_offset;
	uint16_t size = (uint16_t)(left < max ? left : max);
	rsp->read_per_user_information = (struct rop_read_per_user_information_rsp){
	        size == left, size, size ? row.data + q->data_offset : NULL};
	return ecSuccess;
}

/* RopWritePerUserInformation data of a logon not yet finished (3.2.5.13.1) */
struct emsmdb_per_user_write {
	uint8_t folder[MAPI_LONG_TERM_ID_SIZE];
	struct wc_guid replguid;
	uint8_t *data;
	uint32_t len;
};
/* What one folder's writes may gather: a CNSET far beyond any real one (guards the server's memory) */
#define PER_USER_WRITE_MAX (4u << 20)

/* MS-OXCSTOR 2.2.1.13, 3.2.5.13 RopWritePerUserInformation on a private mailbox logon: the blocks of one
 * folder gather from DataOffset 0 (whose request carries the REPLGUID) until HasFinished; another folder or
 * a DataOffset other than the size gathered drops what was gathered, and then a DataOffset other than 0 is
 * ecError. The whole must be an IDSET with REPLGUID (MS-OXCFXICS 2.2.2.4.2), else ecFmtError (the SHOULD of
 * 3.2.5.13.1); it then replaces the folder's per-user row (3.2.5.13.2). */
uint32_t emsmdb_rop_write_per_user_information(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                               struct rop_response *rsp)
{
	(void)rsp;
	struct emsmdb_logon *l = logon_in(ctx, req);
	if (l == NULL)
		return ecNullObject;
	const struct rop_write_per_user_information_req *q = &req->write_per_user_information;
	struct emsmdb_per_user_write *w = l->per_user_write;
	if (w != NULL &&
	    (memcmp(w->folder, q->folder_id.bytes, sizeof w->folder) != 0 || q->data_offset != w->len))
		TALLOC_FREE(l->per_user_write);
	if (l->per_user_write == NULL && q->data_offset != 0)
		return ecError;
	if (l->per_user_write == NULL) {
		if ((w = l->per_user_write = talloc_zero(l, struct emsmdb_per_user_write)) == NULL)
			return ecServerOOM;
		memcpy(w->folder, q->folder_id.bytes, sizeof w->folder);
		w->replguid = q->repl_guid;
	}
	w = l->per_user_write;
	if (q->data_size > PER_USER_WRITE_MAX - w->len) {
		TALLOC_FREE(l->per_user_write);
		return ecTooBig;
	}
	uint8_t *data = talloc_realloc(w, w->data, uint8_t, w->len + q->data_size + 1);
	if (data == NULL) {
		TALLOC_FREE(l->per_user_write);
		return ecServerOOM;
	}
	memcpy(data + w->len, q->data, q->data_size);
	w->data = data;
	w->len += q->data_size;
	if (!q->has_finished)
		return ecSuccess;
	struct wc_reader r;
	wc_reader_init(&r, w->data, w->len);
	struct mapi_idset *set;
	uint32_t ec = mapi_idset_pull(&r, ctx->mem, true, &set) == 0 && wc_reader_left(&r) == 0 ? ecSuccess
	                                                                                        : ecFmtError;
	if (ec == ecSuccess) {
		struct ms_per_user row = {.replguid = w->replguid, .data = w->data, .len = w->len};
		memcpy(row.folder, w->folder, sizeof row.folder);
		ec = ms_per_user_set(l->mailbox, &row);
	}
	TALLOC_FREE(l->per_user_write);
	return ec;
}
