/* Bodies of the Message and Attachment Object protocol ROPs: MS-OXCMSG 2.2.3, wire layouts in
 * MS-OXCROPS 2.2.6, with MS-OXCDATA 2.8.3 RecipientRow and 2.11.7 TypedString. */
#include "mapi/rop_oxcmsg.h"

#include "mapi/mapi_types.h"
#include "mapi/rop.h"

/* ---- bodies of fixed fields ---- */

/* MS-OXCROPS 2.2.6.1.1 RopOpenMessage request */
const struct rop_fields rop_open_message_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_open_message_req, code_page_id, ROP_U16),
                   ROP_FIELD(struct rop_open_message_req, folder_id, ROP_U64),
                   ROP_FIELD(struct rop_open_message_req, open_mode_flags, ROP_U8),
                   ROP_FIELD(struct rop_open_message_req, message_id, ROP_U64));

/* MS-OXCROPS 2.2.6.2.1 RopCreateMessage request */
const struct rop_fields rop_create_message_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_create_message_req, code_page_id, ROP_U16),
                   ROP_FIELD(struct rop_create_message_req, folder_id, ROP_U64),
                   ROP_FIELD(struct rop_create_message_req, associated_flag, ROP_U8));

/* MS-OXCROPS 2.2.6.3.1 RopSaveChangesMessage and 2.2.6.15.1 RopSaveChangesAttachment requests */
const struct rop_fields rop_save_changes_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_save_changes_req, save_flags, ROP_U8));

/* MS-OXCROPS 2.2.6.3.2 RopSaveChangesMessage success response */
const struct rop_fields rop_save_changes_message_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_save_changes_message_rsp, input_handle_index, ROP_U8),
                   ROP_FIELD(struct rop_save_changes_message_rsp, message_id, ROP_U64));

/* MS-OXCROPS 2.2.6.4.1 RopRemoveAllRecipients request */
const struct rop_fields rop_remove_all_recipients_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_remove_all_recipients_req, reserved, ROP_U32));

/* MS-OXCROPS 2.2.6.6.1 RopReadRecipients request */
const struct rop_fields rop_read_recipients_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_read_recipients_req, row_id, ROP_U32),
                   ROP_FIELD(struct rop_read_recipients_req, reserved, ROP_U16));

/* MS-OXCROPS 2.2.6.7.1 RopReloadCachedInformation request */
const struct rop_fields rop_reload_cached_information_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_reload_cached_information_req, reserved, ROP_U16));

/* MS-OXCROPS 2.2.6.8.1 RopSetMessageStatus request */
const struct rop_fields rop_set_message_status_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_set_message_status_req, message_id, ROP_U64),
                   ROP_FIELD(struct rop_set_message_status_req, message_status_flags, ROP_U32),
                   ROP_FIELD(struct rop_set_message_status_req, message_status_mask, ROP_U32));

/* MS-OXCROPS 2.2.6.9.1 RopGetMessageStatus request */
const struct rop_fields rop_get_message_status_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_message_status_req, message_id, ROP_U64));

/* MS-OXCROPS 2.2.6.8.2 RopSetMessageStatus and 2.2.6.9.2 RopGetMessageStatus success responses */
const struct rop_fields rop_message_status_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_message_status_rsp, message_status_flags, ROP_U32));

/* MS-OXCROPS 2.2.6.12.1 RopOpenAttachment request */
const struct rop_fields rop_open_attachment_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_open_attachment_req, open_attachment_flags, ROP_U8),
                   ROP_FIELD(struct rop_open_attachment_req, attachment_id, ROP_U32));

/* MS-OXCROPS 2.2.6.13.2 RopCreateAttachment success response and 2.2.6.14.1 RopDeleteAttachment request */
const struct rop_fields rop_attachment_id_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_attachment_id, attachment_id, ROP_U32));

/* MS-OXCROPS 2.2.6.16.1 RopOpenEmbeddedMessage request */
const struct rop_fields rop_open_embedded_message_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_open_embedded_message_req, code_page_id, ROP_U16),
                   ROP_FIELD(struct rop_open_embedded_message_req, open_mode_flags, ROP_U8));

/* ---- MS-OXCDATA 2.11.7 TypedString ---- */

static int typed_string_pull(struct rop_pull *p, struct rop_typed_string *t)
{
	t->str = NULL;
	if (!wc_read_u8(p->r, &t->type))
		return WC_EFORMAT;
	switch (t->type) {
	case TYPED_STRING_NONE:
	case TYPED_STRING_EMPTY:
		return 0;
	case TYPED_STRING_8BIT:
	case TYPED_STRING_REDUCED_UNICODE:
		return rop_string_pull(p, 0, &t->str);
	case TYPED_STRING_UNICODE:
		return rop_string_pull(p, 1, &t->str);
	}
	return WC_EFORMAT; /* "StringType ... MUST be one of" 0x00 - 0x04 */
}

static int typed_string_push(struct rop_push *p, const struct rop_typed_string *t)
{
	if (t->type > TYPED_STRING_UNICODE)
		return WC_EINVAL;
	wc_write_u8(p->w, t->type);
	if (t->type <= TYPED_STRING_EMPTY)
		return wc_writer_status(p->w);
	return rop_string_push(p, t->type == TYPED_STRING_UNICODE, t->str);
}

/* ---- MS-OXCDATA 2.8.3 RecipientRow ---- */

/* Recipient columns name properties of a value type (MS-OXCMSG 2.2.3.1.2 "Each PropertyTag value is valid for
 * a recipient"); PtypNull, which has no value bytes, is refused, so that every recipient property takes at
 * least one byte on the wire and RecipientColumnCount is bounded by the bytes left. */
static bool recipient_columns_valid(uint16_t count, const uint32_t *columns)
{
	for (uint16_t i = 0; i < count; i++) {
		uint16_t type = PROP_TYPE(columns[i]);
		if (type == PT_NULL || (type != PT_UNSPECIFIED && !mapi_type_valid(type)))
			return false;
	}
	return true;
}

/* ColumnCount, RecipientColumns (MS-OXCROPS 2.2.6.1.2, 2.2.6.5.1) */
static int recipient_columns_pull(struct rop_pull *p, uint16_t *count, uint32_t **columns)
{
	int ret = mapi_proptag_array_pull(p->r, p->mem, count, columns);
	if (ret == 0 && !recipient_columns_valid(*count, *columns))
		ret = WC_EFORMAT;
	return ret;
}

static int recipient_columns_push(struct rop_push *p, uint16_t count, const uint32_t *columns)
{
	if (count > 0 && (columns == NULL || !recipient_columns_valid(count, columns)))
		return WC_EINVAL;
	return mapi_proptag_array_push(p->w, count, columns);
}

/* The optional names of a RecipientRow in wire order (2.8.3.2), with the flag that puts each on the wire. */
static const uint16_t recipient_name_flags[4] = {RECIP_EMAIL_ADDRESS, RECIP_DISPLAY_NAME,
                                                 RECIP_SIMPLE_DISPLAY_NAME, RECIP_TRANSMITTABLE_NAME};
#define RECIPIENT_NAMES(row)                                                                                 \
	{                                                                                                    \
		&(row)->email_address, &(row)->display_name, &(row)->simple_display_name,                    \
		        &(row)->transmittable_display_name                                                   \
	}

static bool is_personal_dl(uint16_t flags)
{
	uint16_t type = flags & RECIP_TYPE_MASK;
	return type == RECIP_TYPE_PERSONAL_DL1 || type == RECIP_TYPE_PERSONAL_DL2;
}

static bool has_address_type(uint16_t flags)
{
	return (flags & RECIP_TYPE_MASK) == RECIP_TYPE_NONE && (flags & RECIP_NON_STANDARD_ADDRESS);
}

/* MS-OXCDATA 2.8.3.2 RecipientRow, against the recipient columns of its ROP (2.8.3.2 RecipientColumnCount:
 * the properties are those of the first RecipientColumnCount columns) */
static int recipient_row_pull(struct rop_pull *p, const uint32_t *columns, uint16_t ncolumns,
                              struct rop_recipient_row *row)
{
	struct wc_reader *r = p->r;
	int ret = 0;
	*row = (struct rop_recipient_row){0};
	if (!wc_read_u16(r, &row->flags))
		return WC_EFORMAT;
	if ((row->flags & RECIP_TYPE_MASK) == RECIP_TYPE_X500DN) {
		if (!wc_read_u8(r, &row->address_prefix_used) || !wc_read_u8(r, &row->display_type))
			return WC_EFORMAT;
		ret = rop_string_pull(p, 0, &row->x500dn);
	} else if (is_personal_dl(row->flags)) {
		if (!wc_read_u16(r, &row->entry_id_size) ||
		    !wc_read_blob(r, p->mem, row->entry_id_size, &row->entry_id) ||
		    !wc_read_u16(r, &row->search_key_size) ||
		    !wc_read_blob(r, p->mem, row->search_key_size, &row->search_key))
			return WC_EFORMAT;
	} else if (has_address_type(row->flags)) {
		ret = rop_string_pull(p, 0, &row->address_type);
	}
	char **names[4] = RECIPIENT_NAMES(row);
	for (int i = 0; i < 4 && ret == 0; i++)
		if (row->flags & recipient_name_flags[i])
			ret = rop_string_pull(p, (row->flags & RECIP_UNICODE) != 0, names[i]);
	if (ret != 0)
		return ret;
	if (!wc_read_u16(r, &row->column_count) || row->column_count > ncolumns ||
	    row->column_count > wc_reader_left(r))
		return WC_EFORMAT;
	return mapi_property_row_pull(r, p->mem, columns, row->column_count, 0, &row->properties);
}

static int recipient_row_push(struct rop_push *p, const uint32_t *columns, uint16_t ncolumns,
                              const struct rop_recipient_row *row)
{
	struct wc_writer *w = p->w;
	wc_write_u16(w, row->flags);
	if ((row->flags & RECIP_TYPE_MASK) == RECIP_TYPE_X500DN) {
		wc_write_u8(w, row->address_prefix_used);
		wc_write_u8(w, row->display_type);
		rop_string_push(p, 0, row->x500dn);
	} else if (is_personal_dl(row->flags)) {
		wc_write_u16(w, row->entry_id_size);
		wc_write_bytes(w, row->entry_id, row->entry_id_size);
		wc_write_u16(w, row->search_key_size);
		wc_write_bytes(w, row->search_key, row->search_key_size);
	} else if (has_address_type(row->flags)) {
		rop_string_push(p, 0, row->address_type);
	}
	char *const *names[4] = RECIPIENT_NAMES(row);
	for (int i = 0; i < 4; i++)
		if (row->flags & recipient_name_flags[i])
			rop_string_push(p, (row->flags & RECIP_UNICODE) != 0, *names[i]);
	if (row->column_count > ncolumns)
		return WC_EINVAL;
	wc_write_u16(w, row->column_count);
	return mapi_property_row_push(w, columns, row->column_count, 0, &row->properties);
}

/* A RecipientRow of exactly size bytes (the RecipientRowSize before it, MS-OXCROPS 2.2.6.1.2.1, 2.2.6.5.1.1,
 * 2.2.6.6.2.1) */
static int sized_recipient_row_pull(struct rop_pull *p, uint16_t size, const uint32_t *columns,
                                    uint16_t ncolumns, struct rop_recipient_row *row)
{
	const uint8_t *b;
	if (!wc_read_ptr(p->r, size, &b))
		return WC_EFORMAT;
	struct wc_reader sub;
	wc_reader_init(&sub, b, size);
	struct rop_pull sp = *p;
	sp.r = &sub;
	int ret = recipient_row_pull(&sp, columns, ncolumns, row);
	if (ret == 0 && wc_reader_left(&sub) != 0)
		ret = WC_EFORMAT;
	return ret;
}

/* RecipientRowSize, then the RecipientRow */
static int sized_recipient_row_push(struct rop_push *p, const uint32_t *columns, uint16_t ncolumns,
                                    const struct rop_recipient_row *row)
{
	size_t at;
	if (!wc_write_reserve(p->w, 2, &at))
		return wc_writer_status(p->w);
	int ret = recipient_row_push(p, columns, ncolumns, row);
	return ret ? ret : rop_patch_size16(p, at);
}

/* What the RecipientRows of a response are coded against: recipient columns, or, for a RopReadRecipients on a
 * message whose recipient columns the codec state does not know, nothing: each RecipientRow then stays the
 * RecipientRowSize bytes it takes. */
struct recipient_columns {
	bool known;
	uint16_t count;
	const uint32_t *tags;
};

/* One RecipientRow of RecipientRowSize bytes, decoded when the columns are known */
static int entry_row_pull(struct rop_pull *p, uint16_t size, const struct recipient_columns *c,
                          struct rop_recipient_entry *e)
{
	if (c->known)
		return sized_recipient_row_pull(p, size, c->tags, c->count, &e->row);
	e->row_size = size;
	return wc_read_blob(p->r, p->mem, size, &e->row_bytes) ? 0 : WC_EFORMAT;
}

static int entry_row_push(struct rop_push *p, const struct recipient_columns *c,
                          const struct rop_recipient_entry *e)
{
	if (c->known)
		return sized_recipient_row_push(p, c->tags, c->count, &e->row);
	wc_write_u16(p->w, e->row_size);
	wc_write_bytes(p->w, e->row_bytes, e->row_size);
	return wc_writer_status(p->w);
}

/* count OpenRecipientRows (MS-OXCROPS 2.2.6.1.2.1) or, with row_ids, ReadRecipientRows (2.2.6.6.2.1) */
static int recipient_entries_pull(struct rop_pull *p, bool row_ids, const struct recipient_columns *c,
                                  uint8_t count, struct rop_recipient_entry **out)
{
	*out = NULL;
	if (count == 0)
		return 0;
	if ((size_t)count * 7 > wc_reader_left(p->r)) /* each takes at least its 7 fixed bytes */
		return WC_EFORMAT;
	struct rop_recipient_entry *e = talloc_zero_array(p->mem, struct rop_recipient_entry, count);
	if (e == NULL)
		return WC_ENOMEM;
	for (uint8_t i = 0; i < count; i++) {
		uint16_t size;
		if ((row_ids && !wc_read_u32(p->r, &e[i].row_id)) ||
		    !wc_read_u8(p->r, &e[i].recipient_type) || !wc_read_u16(p->r, &e[i].code_page_id) ||
		    !wc_read_u16(p->r, &e[i].reserved) || !wc_read_u16(p->r, &size))
			return WC_EFORMAT;
		int ret = entry_row_pull(p, size, c, &e[i]);
		if (ret != 0)
			return ret;
	}
	*out = e;
	return 0;
}

static int recipient_entries_push(struct rop_push *p, bool row_ids, const struct recipient_columns *c,
                                  uint8_t count, const struct rop_recipient_entry *e)
{
	if (count > 0 && e == NULL)
		return WC_EINVAL;
	for (uint8_t i = 0; i < count; i++) {
		if (row_ids)
			wc_write_u32(p->w, e[i].row_id);
		wc_write_u8(p->w, e[i].recipient_type);
		wc_write_u16(p->w, e[i].code_page_id);
		wc_write_u16(p->w, e[i].reserved);
		int ret = entry_row_push(p, c, &e[i]);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(p->w);
}

/* ---- opening messages ---- */

/* MS-OXCROPS 2.2.6.1.2 RopOpenMessage success response (and 2.2.6.7.2 RopReloadCachedInformation):
 * HasNamedProperties, SubjectPrefix, NormalizedSubject, RecipientCount, ColumnCount, RecipientColumns,
 * RowCount, RecipientRows */
int rop_open_message_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_open_message_rsp *b = body;
	int ret;
	if (!wc_read_u8(p->r, &b->has_named_properties))
		return WC_EFORMAT;
	if ((ret = typed_string_pull(p, &b->subject_prefix)) != 0 ||
	    (ret = typed_string_pull(p, &b->normalized_subject)) != 0)
		return ret;
	if (!wc_read_u16(p->r, &b->recipient_count))
		return WC_EFORMAT;
	if ((ret = recipient_columns_pull(p, &b->column_count, &b->recipient_columns)) != 0)
		return ret;
	if (!wc_read_u8(p->r, &b->row_count))
		return WC_EFORMAT;
	const struct recipient_columns c = {true, b->column_count, b->recipient_columns};
	return recipient_entries_pull(p, false, &c, b->row_count, &b->rows);
}

int rop_open_message_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_open_message_rsp *b = body;
	int ret;
	wc_write_u8(p->w, b->has_named_properties);
	if ((ret = typed_string_push(p, &b->subject_prefix)) != 0 ||
	    (ret = typed_string_push(p, &b->normalized_subject)) != 0)
		return ret;
	wc_write_u16(p->w, b->recipient_count);
	if ((ret = recipient_columns_push(p, b->column_count, b->recipient_columns)) != 0)
		return ret;
	wc_write_u8(p->w, b->row_count);
	const struct recipient_columns c = {true, b->column_count, b->recipient_columns};
	return recipient_entries_push(p, false, &c, b->row_count, b->rows);
}

/* MS-OXCROPS 2.2.6.16.2 RopOpenEmbeddedMessage success response: Reserved, MessageId, then the fields of the
 * RopOpenMessage response */
int rop_open_embedded_message_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_open_embedded_message_rsp *b = body;
	if (!wc_read_u8(p->r, &b->reserved) || !wc_read_u64(p->r, &b->message_id))
		return WC_EFORMAT;
	return rop_open_message_rsp_pull(p, &b->message);
}

int rop_open_embedded_message_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_open_embedded_message_rsp *b = body;
	wc_write_u8(p->w, b->reserved);
	wc_write_u64(p->w, b->message_id);
	return rop_open_message_rsp_push(p, &b->message);
}

/* The RecipientColumns a successful response gives a message handle, for the RopReadRecipients after it;
 * never NULL, which means unknown. */
void rop_recipient_columns_track(struct rop_ctx *ctx, const struct rop_request *req,
                                 const struct rop_response *rsp)
{
	if (req == NULL || rsp == NULL || rsp->return_value != 0)
		return;
	const struct rop_open_message_rsp *m;
	uint8_t index = req->output_handle_index;
	switch (req->id) {
	case ROP_OPEN_MESSAGE:
		m = &rsp->open_message;
		break;
	case ROP_OPEN_EMBEDDED_MESSAGE:
		m = &rsp->open_embedded_message.message;
		break;
	case ROP_RELOAD_CACHED_INFORMATION:
		m = &rsp->reload_cached_information;
		index = req->input_handle_index;
		break;
	default:
		return;
	}
	static const uint32_t no_columns[1];
	ctx->objects[index].recipient_column_count = m->column_count;
	ctx->objects[index].recipient_columns = m->column_count ? m->recipient_columns : no_columns;
}

/* MS-OXCROPS 2.2.6.2.2 RopCreateMessage success response: HasMessageId, then MessageId when it is nonzero */
int rop_create_message_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_create_message_rsp *b = body;
	if (!wc_read_u8(p->r, &b->has_message_id) ||
	    (b->has_message_id && !wc_read_u64(p->r, &b->message_id)))
		return WC_EFORMAT;
	return 0;
}

int rop_create_message_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_create_message_rsp *b = body;
	wc_write_u8(p->w, b->has_message_id);
	if (b->has_message_id)
		wc_write_u64(p->w, b->message_id);
	return wc_writer_status(p->w);
}

/* ---- recipients ---- */

/* MS-OXCROPS 2.2.6.5.1 RopModifyRecipients request: ColumnCount, RecipientColumns, RowCount (2 bytes), then
 * ModifyRecipientRows (2.2.6.5.1.1): RowId, RecipientType, RecipientRowSize, RecipientRow when the size is
 * nonzero */
int rop_modify_recipients_req_pull(struct rop_pull *p, void *body)
{
	struct rop_modify_recipients_req *b = body;
	int ret = recipient_columns_pull(p, &b->column_count, &b->recipient_columns);
	if (ret != 0)
		return ret;
	b->rows = NULL;
	if (!wc_read_u16(p->r, &b->row_count))
		return WC_EFORMAT;
	if (b->row_count == 0)
		return 0;
	if ((size_t)b->row_count * 7 > wc_reader_left(p->r)) /* each takes at least its 7 fixed bytes */
		return WC_EFORMAT;
	if ((b->rows = talloc_zero_array(p->mem, struct rop_modify_recipient_row, b->row_count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < b->row_count; i++) {
		struct rop_modify_recipient_row *m = &b->rows[i];
		uint16_t size;
		if (!wc_read_u32(p->r, &m->row_id) || !wc_read_u8(p->r, &m->recipient_type) ||
		    !wc_read_u16(p->r, &size))
			return WC_EFORMAT;
		if (size == 0)
			continue; /* MS-OXCMSG 3.2.5.5: the recipient is deleted */
		if ((m->row = talloc_zero(b->rows, struct rop_recipient_row)) == NULL)
			return WC_ENOMEM;
		ret = sized_recipient_row_pull(p, size, b->recipient_columns, b->column_count, m->row);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_modify_recipients_req_push(struct rop_push *p, const void *body)
{
	const struct rop_modify_recipients_req *b = body;
	int ret = recipient_columns_push(p, b->column_count, b->recipient_columns);
	if (ret != 0)
		return ret;
	if (b->row_count > 0 && b->rows == NULL)
		return WC_EINVAL;
	wc_write_u16(p->w, b->row_count);
	for (uint16_t i = 0; i < b->row_count; i++) {
		const struct rop_modify_recipient_row *m = &b->rows[i];
		wc_write_u32(p->w, m->row_id);
		wc_write_u8(p->w, m->recipient_type);
		if (m->row == NULL)
			wc_write_u16(p->w, 0);
		else if ((ret = sized_recipient_row_push(p, b->recipient_columns, b->column_count, m->row)) !=
		         0)
			return ret;
	}
	return wc_writer_status(p->w);
}

/* The recipient columns RopReadRecipients rows are coded against: those the message's handle index got from
 * its last RopOpenMessage / RopOpenEmbeddedMessage / RopReloadCachedInformation (MS-OXCMSG 3.1.5.6: the
 * ReadRecipients rows carry the same information as the RopOpenMessage RecipientRows), when known. */
static struct recipient_columns message_columns(const struct rop_ctx *ctx, const struct rop_request *req)
{
	const struct rop_object_ctx *o = &ctx->objects[req->input_handle_index];
	return (struct recipient_columns){o->recipient_columns != NULL, o->recipient_column_count,
	                                  o->recipient_columns};
}

/* MS-OXCROPS 2.2.6.6.2 RopReadRecipients success response: RowCount (1 byte), ReadRecipientRows */
int rop_read_recipients_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_read_recipients_rsp *b = body;
	const struct recipient_columns c = message_columns(p->ctx, p->req);
	if (!wc_read_u8(p->r, &b->row_count))
		return WC_EFORMAT;
	return recipient_entries_pull(p, true, &c, b->row_count, &b->rows);
}

int rop_read_recipients_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_read_recipients_rsp *b = body;
	const struct recipient_columns c = message_columns(p->ctx, p->req);
	wc_write_u8(p->w, b->row_count);
	return recipient_entries_push(p, true, &c, b->row_count, b->rows);
}

/* ---- read state ---- */

/* MS-OXCROPS 2.2.6.10.1 RopSetReadFlags request: WantAsynchronous, ReadFlags, MessageIdCount, MessageIds */
int rop_set_read_flags_req_pull(struct rop_pull *p, void *body)
{
	struct rop_set_read_flags_req *b = body;
	if (!wc_read_u8(p->r, &b->want_asynchronous) || !wc_read_u8(p->r, &b->read_flags))
		return WC_EFORMAT;
	return rop_id_array_pull(p, &b->message_id_count, &b->message_ids);
}

int rop_set_read_flags_req_push(struct rop_push *p, const void *body)
{
	const struct rop_set_read_flags_req *b = body;
	wc_write_u8(p->w, b->want_asynchronous);
	wc_write_u8(p->w, b->read_flags);
	return rop_id_array_push(p, b->message_id_count, b->message_ids);
}

/* MS-OXCMSG 2.2.3.11.1: ClientData is "a 24 byte LongTermID ... when in public folder mode; 0 bytes
 * otherwise", public folder mode meaning the logon of LogonId was created without the Private flag. */
static bool read_flag_has_client_data(const struct rop_ctx *ctx, const struct rop_request *req)
{
	return !rop_ctx_logon_private(ctx, req->logon_id);
}

/* MS-OXCROPS 2.2.6.11.1 RopSetMessageReadFlag request: ReadFlags, ClientData (public-folder logons) */
int rop_set_message_read_flag_req_pull(struct rop_pull *p, void *body)
{
	struct rop_set_message_read_flag_req *b = body;
	if (!wc_read_u8(p->r, &b->read_flags))
		return WC_EFORMAT;
	if (read_flag_has_client_data(p->ctx, p->req) &&
	    !wc_read_bytes(p->r, b->client_data.bytes, sizeof b->client_data.bytes))
		return WC_EFORMAT;
	return 0;
}

int rop_set_message_read_flag_req_push(struct rop_push *p, const void *body)
{
	const struct rop_set_message_read_flag_req *b = body;
	wc_write_u8(p->w, b->read_flags);
	if (read_flag_has_client_data(p->ctx, p->req))
		wc_write_bytes(p->w, b->client_data.bytes, sizeof b->client_data.bytes);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.6.11.2 RopSetMessageReadFlag success response: ReadStatusChanged, then LogonId and
 * ClientData when it is nonzero (MS-OXCMSG 2.2.3.11.2: nonzero only in public folder mode) */
int rop_set_message_read_flag_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_set_message_read_flag_rsp *b = body;
	if (!wc_read_u8(p->r, &b->read_status_changed))
		return WC_EFORMAT;
	if (b->read_status_changed &&
	    (!wc_read_u8(p->r, &b->logon_id) ||
	     !wc_read_bytes(p->r, b->client_data.bytes, sizeof b->client_data.bytes)))
		return WC_EFORMAT;
	return 0;
}

int rop_set_message_read_flag_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_set_message_read_flag_rsp *b = body;
	wc_write_u8(p->w, b->read_status_changed);
	if (b->read_status_changed) {
		wc_write_u8(p->w, b->logon_id);
		wc_write_bytes(p->w, b->client_data.bytes, sizeof b->client_data.bytes);
	}
	return wc_writer_status(p->w);
}

/* ---- attachments ---- */

/* MS-OXCROPS 2.2.6.18.2 RopGetValidAttachments success response: AttachmentIdCount (4 bytes in the MS-OXCROPS
 * 2.2.6.18.2 field statements), AttachmentIdArray of 32-bit IDs */
int rop_get_valid_attachments_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_valid_attachments_rsp *b = body;
	b->attachment_ids = NULL;
	if (!wc_read_u32(p->r, &b->attachment_id_count) || b->attachment_id_count > wc_reader_left(p->r) / 4)
		return WC_EFORMAT;
	if (b->attachment_id_count == 0)
		return 0;
	if ((b->attachment_ids = talloc_array(p->mem, uint32_t, b->attachment_id_count)) == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < b->attachment_id_count; i++)
		wc_read_u32(p->r, &b->attachment_ids[i]); /* cannot fail: checked above */
	return 0;
}

int rop_get_valid_attachments_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_valid_attachments_rsp *b = body;
	if (b->attachment_id_count > 0 && b->attachment_ids == NULL)
		return WC_EINVAL;
	wc_write_u32(p->w, b->attachment_id_count);
	for (uint32_t i = 0; i < b->attachment_id_count; i++)
		wc_write_u32(p->w, b->attachment_ids[i]);
	return wc_writer_status(p->w);
}
