/* MS-OXCMSG: the Message and Attachment Object protocol, server side (3.2.5): the ROP handlers that open,
 * create and save messages, read and change their recipients, read flags and status, and their attachments.
 * Requests and responses are the decoded structs of mapi/rop_oxcmsg.h; the objects are the mapistore ones
 * kept in the handle table (emsmdb.h says which type holds what). */
#include "server/emsmdb/emsmdb_rops.h"

#include <string.h>

#include "mapi/mapi_proptags_gen.h"
#include "mapi/mapi_types.h"
#include "store/mapistore.h"

/* The folder fid of the mailbox below which o (a logon or folder) lives, on ctx->mem. */
static uint32_t open_folder(struct emsmdb_rop_ctx *ctx, struct emsmdb_object *o, uint64_t fid,
                            struct ms_folder **f)
{
	struct emsmdb_logon *logon = emsmdb_logon_of(o);
	if (logon == NULL)
		return ecNullObject;
	return ms_folder_open(logon->mailbox, fid, ctx->mem, f);
}

/* ---- Recipients: RecipientRow (MS-OXCDATA 2.8.3) and the recipient's properties ---- */

/* The fields of a RecipientRow carry the address type, address, names and display type; every other
 * property of a recipient travels in RecipientProperties against the recipient columns, which the server
 * chooses among the properties valid for a recipient (MS-OXCMSG 2.2.3.1.2). Ours are a fixed list, so that
 * RopReadRecipients rows on any message are coded against the columns RopOpenMessage announced. */
static const uint32_t recipient_columns[] = {
        /* those of the example in MS-OXCMSG 4.7.1 that are not RecipientRow fields, and PidTagEntryId */
        PidTagObjectType,     PidTagDisplayType,          PidTagSmtpAddress,    PidTagSendInternetEncoding,
        PidTagDisplayTypeEx,  PidTagRecipientDisplayName, PidTagRecipientFlags, PidTagRecipientTrackStatus,
        PidTagRecipientOrder, PidTagRecipientEntryId,     PidTagEntryId,        PidTagSendRichInfo,
};
#define RECIPIENT_COLUMN_COUNT (sizeof recipient_columns / sizeof recipient_columns[0])

static const struct mapi_propval *find_prop(const struct ms_recipient *r, uint32_t tag)
{
	for (uint32_t i = 0; i < r->count; i++)
		if (r->props[i].tag == tag)
			return &r->props[i];
	return NULL;
}

/* A string property of r, in UTF-8 or 8-bit, or NULL */
static char *find_string(const struct ms_recipient *r, uint32_t tag)
{
	const struct mapi_propval *v = find_prop(r, tag);
	if (v == NULL)
		v = find_prop(r, CHANGE_PROP_TYPE(tag, PT_STRING8));
	return v ? v->value.str : NULL;
}

static uint32_t find_long(const struct ms_recipient *r, uint32_t tag, uint32_t dflt)
{
	const struct mapi_propval *v = find_prop(r, tag);
	return v ? (uint32_t)v->value.i32 : dflt;
}

/* MS-OXCROPS 2.2.6.1.2.1 OpenRecipientRow / 2.2.6.6.2.1 ReadRecipientRow from a stored recipient: the type
 * bits of RecipientFlags from PidTagAddressType ("EX": X500DN with the DN in PidTagEmailAddress, "SMTP",
 * another: AddressType present), names in UTF-16 (U), RecipientProperties a FlaggedPropertyRow over
 * recipient_columns. */
static uint32_t recipient_entry_from_props(TALLOC_CTX *mem, const struct ms_recipient *r,
                                           struct rop_recipient_entry *e)
{
	struct rop_recipient_row *row = &e->row;
	e->row_id = r->row_id;
	e->recipient_type = (uint8_t)find_long(r, PidTagRecipientType, RECIPIENT_TO);
	e->code_page_id = 0x04E4; /* the names are Unicode (U): the code page does not apply to them */
	row->flags = RECIP_UNICODE;
	const char *addrtype = find_string(r, PidTagAddressType);
	char *email = find_string(r, PidTagEmailAddress);
	if (addrtype != NULL && strcmp(addrtype, "EX") == 0 && email != NULL) {
		row->flags |= RECIP_TYPE_X500DN;
		row->display_type = (uint8_t)find_long(r, PidTagDisplayType, 0);
		row->x500dn = email;
	} else {
		if (addrtype != NULL && strcmp(addrtype, "SMTP") == 0)
			row->flags |= RECIP_TYPE_SMTP;
		else if (addrtype != NULL && *addrtype != '\0') {
			row->flags |= RECIP_NON_STANDARD_ADDRESS;
			row->address_type = (char *)addrtype;
		}
		if (email != NULL) {
			row->flags |= RECIP_EMAIL_ADDRESS;
			row->email_address = email;
		}
	}
	if ((row->display_name = find_string(r, PidTagDisplayName)) != NULL)
		row->flags |= RECIP_DISPLAY_NAME;
	if ((row->simple_display_name = find_string(r, PidTagAddressBookDisplayNamePrintable)) != NULL)
		row->flags |= RECIP_SIMPLE_DISPLAY_NAME;
	char *tdn = find_string(r, PidTagTransmittableDisplayName);
	if (tdn != NULL && row->display_name != NULL && strcmp(tdn, row->display_name) == 0) {
		row->flags |= RECIP_TRANSMITTABLE_SAME;
	} else if (tdn != NULL) {
		row->flags |= RECIP_TRANSMITTABLE_NAME;
		row->transmittable_display_name = tdn;
	}
	row->column_count = RECIPIENT_COLUMN_COUNT;
	row->properties.flag = 0x01; /* FlaggedPropertyRow: a recipient need not have every column */
	row->properties.count = RECIPIENT_COLUMN_COUNT;
	row->properties.values = talloc_zero_array(mem, struct mapi_row_value, RECIPIENT_COLUMN_COUNT);
	if (row->properties.values == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < RECIPIENT_COLUMN_COUNT; i++) {
		struct mapi_row_value *v = &row->properties.values[i];
		const struct mapi_propval *p = find_prop(r, recipient_columns[i]);
		v->pv.tag = recipient_columns[i];
		if (p == NULL)
			v->flag = 0x01; /* not present */
		else
			v->pv = *p;
	}
	return ecSuccess;
}

static uint32_t add_prop(struct ms_recipient *r, uint32_t tag, union mapi_value v)
{
	r->props[r->count].tag = tag;
	r->props[r->count++].value = v;
	return ecSuccess;
}

static void add_string(struct ms_recipient *r, uint32_t tag, bool unicode, char *s)
{
	if (s != NULL)
		add_prop(r, unicode ? tag : CHANGE_PROP_TYPE(tag, PT_STRING8), (union mapi_value){.str = s});
}

/* The inverse of recipient_entry_from_props for a ModifyRecipientRow (MS-OXCROPS 2.2.6.5.1.1): the fields
 * become their properties, the present RecipientProperties join them. */
static uint32_t recipient_props_from_row(TALLOC_CTX *mem, const struct rop_modify_recipients_req *q,
                                         const struct rop_modify_recipient_row *m, struct ms_recipient *r)
{
	const struct rop_recipient_row *row = m->row;
	r->row_id = m->row_id;
	r->count = 0;
	r->props = NULL;
	if (row == NULL)
		return ecSuccess; /* RecipientRowSize 0: remove the recipient (MS-OXCMSG 3.2.5.5) */
	r->props = talloc_zero_array(mem, struct mapi_propval, 12 + row->properties.count);
	if (r->props == NULL)
		return ecServerOOM;
	bool u = (row->flags & RECIP_UNICODE) != 0;
	add_prop(r, PidTagRecipientType, (union mapi_value){.i32 = m->recipient_type});
	switch (row->flags & RECIP_TYPE_MASK) {
	case RECIP_TYPE_X500DN:
		add_string(r, PidTagAddressType, true, "EX");
		add_string(r, PidTagEmailAddress, false, row->x500dn);
		add_prop(r, PidTagDisplayType, (union mapi_value){.i32 = row->display_type});
		break;
	case RECIP_TYPE_SMTP:
		add_string(r, PidTagAddressType, true, "SMTP");
		break;
	case RECIP_TYPE_PERSONAL_DL1:
	case RECIP_TYPE_PERSONAL_DL2:
		add_prop(r, PidTagEntryId,
		         (union mapi_value){.bin = {.len = row->entry_id_size, .data = row->entry_id}});
		add_prop(r, PidTagSearchKey,
		         (union mapi_value){.bin = {.len = row->search_key_size, .data = row->search_key}});
		break;
	default:
		add_string(r, PidTagAddressType, false, row->address_type);
	}
	add_string(r, PidTagEmailAddress, u, row->email_address);
	add_string(r, PidTagDisplayName, u, row->display_name);
	add_string(r, PidTagAddressBookDisplayNamePrintable, u, row->simple_display_name);
	add_string(r, PidTagTransmittableDisplayName, u,
	           (row->flags & RECIP_TRANSMITTABLE_SAME) ? row->display_name
	                                                   : row->transmittable_display_name);
	for (uint32_t i = 0; i < row->properties.count && i < row->column_count && i < q->column_count; i++) {
		const struct mapi_row_value *v = &row->properties.values[i];
		if (row->properties.flag == 0 || v->flag == 0x00)
			r->props[r->count++] = v->pv;
	}
	return ecSuccess;
}

/* ---- RopOpenMessage response fields, shared with RopReloadCachedInformation and RopOpenEmbeddedMessage ----
 */

/* MS-OXCDATA 2.11.7 TypedString of a string property (none when absent) */
static struct rop_typed_string typed_string(const struct mapi_propval *v)
{
	if (PROP_TYPE(v->tag) != PT_UNICODE || v->value.str == NULL)
		return (struct rop_typed_string){.type = TYPED_STRING_NONE};
	if (v->value.str[0] == '\0')
		return (struct rop_typed_string){.type = TYPED_STRING_EMPTY};
	return (struct rop_typed_string){.type = TYPED_STRING_UNICODE, .str = v->value.str};
}

/* MS-OXCMSG 2.2.3.1.2 (RopOpenMessage response from HasNamedProperties on): the message's named-property
 * flag, subject prefix and normalized subject, its recipient count and the first recipients (at most 255, the
 * RowCount byte) against recipient_columns. */
static uint32_t open_message_rsp(struct emsmdb_rop_ctx *ctx, struct ms_message *m,
                                 struct rop_open_message_rsp *rsp)
{
	struct ms_object *o = ms_message_object(m);
	uint32_t *tags, ntags;
	uint32_t ec = ms_props_list(o, ctx->mem, &tags, &ntags);
	if (ec != ecSuccess)
		return ec;
	rsp->has_named_properties = 0;
	for (uint32_t i = 0; i < ntags; i++)
		if (PROP_ID(tags[i]) >= 0x8000)
			rsp->has_named_properties = 1;
	static const uint32_t subject_tags[] = {PidTagSubjectPrefix, PidTagNormalizedSubject};
	struct mapi_propval *subject;
	if ((ec = ms_props_get(o, ctx->mem, subject_tags, 2, &subject)) != ecSuccess)
		return ec;
	rsp->subject_prefix = typed_string(&subject[0]);
	rsp->normalized_subject = typed_string(&subject[1]);

	struct ms_recipient *recips = NULL;
	uint32_t count = 0;
	ec = ms_message_read_recipients(m, 0, ctx->mem, &recips, &count);
	if (ec == ecNotFound)
		count = 0;
	else if (ec != ecSuccess)
		return ec;
	if (count > UINT16_MAX)
		count = UINT16_MAX;
	rsp->recipient_count = (uint16_t)count;
	rsp->column_count = RECIPIENT_COLUMN_COUNT;
	rsp->recipient_columns = (uint32_t *)recipient_columns;
	rsp->row_count = count > UINT8_MAX ? UINT8_MAX : (uint8_t)count;
	rsp->rows =
	        talloc_zero_array(ctx->mem, struct rop_recipient_entry, rsp->row_count ? rsp->row_count : 1);
	if (rsp->rows == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < rsp->row_count; i++)
		if ((ec = recipient_entry_from_props(ctx->mem, &recips[i], &rsp->rows[i])) != ecSuccess)
			return ec;
	return ecSuccess;
}

static void set_row_count(struct rop_response *rsp, unsigned count, void *row_count)
{
	(void)rsp;
	*(uint8_t *)row_count = (uint8_t)count;
}

/* Trims *row_count (recipient rows of rsp) to as many as the response buffer holds (emsmdb_fit_count),
 * keeping at least min_rows: the rows not sent stay for RopReadRecipients (RecipientCount says how many there
 * are, MS-OXCMSG 3.2.5.1); a RopReadRecipients whose first row does not fit is answered with
 * RopBufferTooSmall. */
static uint32_t fit_rows(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                         uint8_t *row_count, uint8_t min_rows)
{
	if (emsmdb_fit_count(ctx, req, rsp, set_row_count, row_count, *row_count) < min_rows)
		*row_count = min_rows;
	return ecSuccess;
}

/* OpenModeFlags (MS-OXCMSG 2.2.3.1.1) to the store's mode: OpenSoftDeleted (0x04) is not a mode */
static uint8_t open_mode(uint8_t flags)
{
	return flags & MS_OPEN_BEST_ACCESS;
}

/* ---- Messages -------------------------------------------------------------------------------------------
 */

/* The folder fid below the logon or folder of the request's input handle (RopOpenMessage, RopCreateMessage
 * name a folder by FID under either), with that input object in *parent. */
static uint32_t input_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, uint64_t fid,
                             struct emsmdb_object **parent, struct ms_folder **f)
{
	uint32_t ec;
	*parent = emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON | EMSMDB_OBJ_FOLDER, &ec);
	return *parent != NULL ? open_folder(ctx, *parent, fid, f) : ec;
}

/* MS-OXCMSG 2.2.3.1, 3.2.5.1 RopOpenMessage: the message MessageId of folder FolderId, opened under the logon
 * or folder of InputHandleIndex; the response carries its subject and recipients. */
uint32_t emsmdb_rop_open_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp)
{
	const struct rop_open_message_req *q = &req->open_message;
	struct emsmdb_object *parent;
	struct ms_folder *f;
	struct ms_message *m;
	uint32_t ec = input_folder(ctx, req, q->folder_id, &parent, &f);
	if (ec == ecSuccess)
		ec = ms_message_open(f, q->message_id, open_mode(q->open_mode_flags), &m);
	if (ec == ecSuccess)
		ec = open_message_rsp(ctx, m, &rsp->open_message);
	if (ec == ecSuccess)
		ec = fit_rows(ctx, req, rsp, &rsp->open_message.row_count, 0);
	if (ec == ecSuccess)
		ec = emsmdb_output_object(ctx, req, parent, EMSMDB_OBJ_MESSAGE, m);
	return ec;
}

/* MS-OXCMSG 2.2.3.2, 3.2.5.2 RopCreateMessage: a new message in FolderId (it exists once saved). */
uint32_t emsmdb_rop_create_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp)
{
	const struct rop_create_message_req *q = &req->create_message;
	struct emsmdb_object *parent;
	struct ms_folder *f;
	struct ms_message *m;
	uint32_t ec = input_folder(ctx, req, q->folder_id, &parent, &f);
	if (ec == ecSuccess)
		ec = ms_message_create(f, q->associated_flag != 0, &m);
	if (ec != ecSuccess)
		return ec;
	rsp->create_message.has_message_id = 1;
	rsp->create_message.message_id = ms_message_get_id(m);
	return emsmdb_output_object(ctx, req, parent, EMSMDB_OBJ_MESSAGE, m);
}

/* MS-OXCMSG 2.2.3.3, 3.2.5.3 RopSaveChangesMessage: commits the message; ecObjectModified when another
 * client saved it since it was opened, unless ForceSave. SaveFlags as MS-OXCROPS sends them (0x08 set) keep
 * their low bits. */
uint32_t emsmdb_rop_save_changes_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	if ((ec = emsmdb_streams_commit(o)) != ecSuccess) /* MS-OXCPRPT 3.2.5.13 */
		return ec;
	ec = ms_message_save(
	        o->data, req->save_changes_message.save_flags &
	                         (MS_SAVE_KEEP_OPEN_READONLY | MS_SAVE_KEEP_OPEN_READWRITE | MS_SAVE_FORCE));
	if (ec != ecSuccess)
		return ec;
	rsp->save_changes_message.input_handle_index = req->input_handle_index;
	rsp->save_changes_message.message_id = ms_message_get_id(o->data);
	return ecSuccess;
}

/* MS-OXCMSG 2.2.3.4, 3.2.5.4 RopRemoveAllRecipients (takes effect with the message's save) */
uint32_t emsmdb_rop_remove_all_recipients(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	return o ? ms_message_remove_all_recipients(o->data) : ec;
}

/* MS-OXCMSG 2.2.3.5, 3.2.5.5 RopModifyRecipients: each row replaces or adds the recipient of its RowId, or
 * removes it when the row is empty. */
uint32_t emsmdb_rop_modify_recipients(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp)
{
	(void)rsp;
	const struct rop_modify_recipients_req *q = &req->modify_recipients;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	struct ms_recipient *rows =
	        talloc_zero_array(ctx->mem, struct ms_recipient, q->row_count ? q->row_count : 1);
	if (rows == NULL)
		return ecServerOOM;
	for (uint16_t i = 0; i < q->row_count; i++) {
		ec = recipient_props_from_row(ctx->mem, q, &q->rows[i], &rows[i]);
		if (ec != ecSuccess)
			return ec;
	}
	return ms_message_modify_recipients(o->data, rows, q->row_count);
}

/* MS-OXCMSG 2.2.3.6, 3.2.5.6 RopReadRecipients: the recipients from RowId on (ecNotFound when none), coded
 * against recipient_columns, the columns RopOpenMessage announces; as many as the response buffer holds
 * (at least one, else the ROP is answered with RopBufferTooSmall). */
uint32_t emsmdb_rop_read_recipients(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	struct ms_recipient *recips;
	uint32_t count;
	ec = ms_message_read_recipients(o->data, req->read_recipients.row_id, ctx->mem, &recips, &count);
	if (ec != ecSuccess)
		return ec;
	struct rop_read_recipients_rsp *r = &rsp->read_recipients;
	r->row_count = count > UINT8_MAX ? UINT8_MAX : (uint8_t)count;
	r->rows = talloc_zero_array(ctx->mem, struct rop_recipient_entry, r->row_count);
	if (r->rows == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < r->row_count; i++)
		if ((ec = recipient_entry_from_props(ctx->mem, &recips[i], &r->rows[i])) != ecSuccess)
			return ec;
	/* The rows are coded against the message's recipient columns: ours, whether or not this session
	 * opened the message with RopOpenMessage (a created message has none in the codec state). */
	struct rop_object_ctx *oc = &ctx->out->ctx->objects[req->input_handle_index];
	oc->recipient_column_count = RECIPIENT_COLUMN_COUNT;
	oc->recipient_columns = recipient_columns;
	return fit_rows(ctx, req, rsp, &r->row_count, 1);
}

/* MS-OXCMSG 2.2.3.7, 3.2.5.7 RopReloadCachedInformation: the RopOpenMessage fields of an open message */
uint32_t emsmdb_rop_reload_cached_information(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                              struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	ec = open_message_rsp(ctx, o->data, &rsp->reload_cached_information);
	return ec == ecSuccess ? fit_rows(ctx, req, rsp, &rsp->reload_cached_information.row_count, 0) : ec;
}

/* MS-OXCMSG 2.2.3.8/2.2.3.9, 3.2.5.8/3.2.5.9 RopSetMessageStatus / RopGetMessageStatus on a folder: the
 * PidTagMessageStatus bits of MessageStatusMask change at once; both answer the status before. */
uint32_t emsmdb_rop_set_message_status(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_FOLDER, &ec);
	if (o == NULL)
		return ec;
	const struct rop_set_message_status_req *q = &req->set_message_status;
	return ms_folder_set_message_status(o->data, q->message_id, q->message_status_flags,
	                                    q->message_status_mask,
	                                    &rsp->set_message_status.message_status_flags);
}

uint32_t emsmdb_rop_get_message_status(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_FOLDER, &ec);
	if (o == NULL)
		return ec;
	return ms_folder_set_message_status(o->data, req->get_message_status.message_id, 0, 0,
	                                    &rsp->get_message_status.message_status_flags);
}

/* MS-OXCMSG 2.2.3.10, 3.2.5.10 RopSetReadFlags on a folder: committed at once; PartialCompletion when some
 * MessageIds are not in the folder. Processed synchronously (WantAsynchronous may be ignored without
 * SUPPORT_PROGRESS; no RopProgress yet). An empty list changes nothing. */
uint32_t emsmdb_rop_set_read_flags(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_FOLDER, &ec);
	if (o == NULL)
		return ec;
	const struct rop_set_read_flags_req *q = &req->set_read_flags;
	bool partial = false;
	ec = ecSuccess;
	if (q->message_id_count > 0)
		ec = ms_folder_set_read_flags(o->data, q->message_ids, q->message_id_count, q->read_flags,
		                              &partial);
	rsp->set_read_flags.partial_completion = partial;
	return ec;
}

/* MS-OXCMSG 2.2.3.11, 3.2.5.11 RopSetMessageReadFlag on an open message: committed at once. ReadStatusChanged
 * is nonzero only in public folder mode (2.2.3.11.2), with the request's LogonId and ClientData. */
uint32_t emsmdb_rop_set_message_read_flag(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	bool changed;
	ec = ms_message_set_read_flag(o->data, req->set_message_read_flag.read_flags, &changed);
	if (ec != ecSuccess)
		return ec;
	struct rop_set_message_read_flag_rsp *r = &rsp->set_message_read_flag;
	r->read_status_changed = changed && !rop_ctx_logon_private(ctx->out->ctx, req->logon_id);
	if (r->read_status_changed) {
		r->logon_id = req->logon_id;
		r->client_data = req->set_message_read_flag.client_data;
	}
	return ecSuccess;
}

/* ---- Attachments ------------------------------------------------------------------------------------------
 */

/* MS-OXCMSG 2.2.3.17, 3.2.5.17 RopGetAttachmentTable: a table of the message's attachments */
uint32_t emsmdb_rop_get_attachment_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	struct ms_table *t;
	ec = ms_message_attachment_table(o->data, &t);
	return ec == ecSuccess ? emsmdb_output_object(ctx, req, o, EMSMDB_OBJ_TABLE, t) : ec;
}

/* MS-OXCMSG 2.2.3.12, 3.2.5.12 RopOpenAttachment: ecNotFound for an AttachmentID the message does not have */
uint32_t emsmdb_rop_open_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	const struct rop_open_attachment_req *q = &req->open_attachment;
	struct ms_attachment *a;
	ec = ms_attachment_open(o->data, q->attachment_id, q->open_attachment_flags & ATTACH_OPEN_BEST_ACCESS,
	                        &a);
	return ec == ecSuccess ? emsmdb_output_object(ctx, req, o, EMSMDB_OBJ_ATTACHMENT, a) : ec;
}

/* MS-OXCMSG 2.2.3.13, 3.2.5.13 RopCreateAttachment: a new attachment, its number in the response */
uint32_t emsmdb_rop_create_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	struct ms_attachment *a;
	ec = ms_attachment_create(o->data, &a, &rsp->create_attachment.attachment_id);
	return ec == ecSuccess ? emsmdb_output_object(ctx, req, o, EMSMDB_OBJ_ATTACHMENT, a) : ec;
}

/* MS-OXCMSG 2.2.3.14, 3.2.5.14 RopDeleteAttachment (takes effect with the message's save) */
uint32_t emsmdb_rop_delete_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	return o ? ms_attachment_delete(o->data, req->delete_attachment.attachment_id) : ec;
}

/* MS-OXCMSG 2.2.3.15, 3.2.5.15 RopSaveChangesAttachment: the attachment's changes reach its message (which
 * its own save commits). */
uint32_t emsmdb_rop_save_changes_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                            struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_ATTACHMENT, &ec);
	if (o != NULL && (ec = emsmdb_streams_commit(o)) == ecSuccess) /* MS-OXCPRPT 3.2.5.13 */
		ec = ms_attachment_save(o->data);
	return ec;
}

/* MS-OXCMSG 2.2.3.16, 3.2.5.16 RopOpenEmbeddedMessage: the message inside an attachment; OpenModeFlags Create
 * (0x02) makes one when there is none. */
uint32_t emsmdb_rop_open_embedded_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_ATTACHMENT, &ec);
	if (o == NULL)
		return ec;
	uint8_t flags = req->open_embedded_message.open_mode_flags;
	uint8_t mode = (flags & OPEN_CREATE) ? MS_OPEN_CREATE | MS_OPEN_READWRITE : (flags & OPEN_READ_WRITE);
	struct ms_message *m;
	ec = ms_attachment_open_embedded(o->data, mode, &m);
	if (ec == ecSuccess)
		ec = open_message_rsp(ctx, m, &rsp->open_embedded_message.message);
	if (ec != ecSuccess)
		return ec;
	rsp->open_embedded_message.reserved = 0;
	rsp->open_embedded_message.message_id = ms_message_get_id(m);
	if ((ec = fit_rows(ctx, req, rsp, &rsp->open_embedded_message.message.row_count, 0)) != ecSuccess)
		return ec;
	return emsmdb_output_object(ctx, req, o, EMSMDB_OBJ_MESSAGE, m);
}

/* MS-OXCMSG 2.2.3.18 RopGetValidAttachments: the numbers of the attachments saved into the message, read
 * from its attachment table. (Exchange 2010 and later do not support it, <18>; older clients send it.) */
uint32_t emsmdb_rop_get_valid_attachments(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	static const uint32_t column = PidTagAttachNumber;
	struct ms_table *t;
	struct mapi_property_row *rows = NULL;
	uint32_t n = 0, count = 0;
	ec = ms_message_attachment_table(o->data, &t);
	if (ec != ecSuccess)
		return ec;
	if ((ec = ms_table_set_columns(t, &column, 1)) == ecSuccess &&
	    (ec = ms_table_get_row_count(t, &n)) == ecSuccess && n > 0)
		ec = ms_table_query_rows(t, ctx->mem, n, true, true, &rows, &count);
	talloc_free(t);
	if (ec != ecSuccess)
		return ec;
	struct rop_get_valid_attachments_rsp *r = &rsp->get_valid_attachments;
	r->attachment_ids = talloc_zero_array(ctx->mem, uint32_t, count ? count : 1);
	if (r->attachment_ids == NULL)
		return ecServerOOM;
	r->attachment_id_count = 0;
	for (uint32_t i = 0; i < count; i++)
		if (rows[i].count == 1 && rows[i].values[0].flag == 0x00)
			r->attachment_ids[r->attachment_id_count++] =
			        (uint32_t)rows[i].values[0].pv.value.i32;
	return ecSuccess;
}
