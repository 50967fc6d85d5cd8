/* Bodies of the Core Notifications protocol ROPs: MS-OXCNOTIF 2.2.1, wire layouts in MS-OXCROPS 2.2.14. */
#include "mapi/rop_oxcnotif.h"

#include "mapi/rop.h"

/* MS-OXCROPS 2.2.14.3.1 RopPending response */
const struct rop_fields rop_pending_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_pending_rsp, session_index, ROP_U16));

/* MS-OXCROPS 2.2.14.1.1 RopRegisterNotification request; MS-OXCNOTIF 2.2.1.2.1.1: Reserved only with the
 * Extended flag, FolderId and MessageId only when WantWholeStore is zero */
int rop_register_notification_req_pull(struct rop_pull *p, void *body)
{
	struct rop_register_notification_req *b = body;
	if (!wc_read_u16(p->r, &b->notification_types) ||
	    ((b->notification_types & NOTIFY_EXTENDED) && !wc_read_u8(p->r, &b->reserved)) ||
	    !wc_read_u8(p->r, &b->want_whole_store))
		return WC_EFORMAT;
	if (b->want_whole_store == 0 &&
	    (!wc_read_u64(p->r, &b->folder_id) || !wc_read_u64(p->r, &b->message_id)))
		return WC_EFORMAT;
	return 0;
}

int rop_register_notification_req_push(struct rop_push *p, const void *body)
{
	const struct rop_register_notification_req *b = body;
	wc_write_u16(p->w, b->notification_types);
	if (b->notification_types & NOTIFY_EXTENDED)
		wc_write_u8(p->w, b->reserved);
	wc_write_u8(p->w, b->want_whole_store);
	if (b->want_whole_store == 0) {
		wc_write_u64(p->w, b->folder_id);
		wc_write_u64(p->w, b->message_id);
	}
	return wc_writer_status(p->w);
}

/* ---- NotificationData (MS-OXCNOTIF 2.2.1.4.1.2) ---- */

/* The fields after NotificationFlags and TableEventType, in wire order. */
enum notify_field {
	NF_TABLE_ROW_FOLDER_ID,
	NF_TABLE_ROW_MESSAGE_ID,
	NF_TABLE_ROW_INSTANCE,
	NF_INSERT_AFTER_TABLE_ROW_FOLDER_ID,
	NF_INSERT_AFTER_TABLE_ROW_ID,
	NF_INSERT_AFTER_TABLE_ROW_INSTANCE,
	NF_TABLE_ROW, /* TableRowDataSize, TableRowData */
	NF_FOLDER_ID,
	NF_MESSAGE_ID,
	NF_PARENT_FOLDER_ID,
	NF_OLD_FOLDER_ID,
	NF_OLD_MESSAGE_ID,
	NF_OLD_PARENT_FOLDER_ID,
	NF_TAGS, /* TagCount, Tags */
	NF_TOTAL_MESSAGE_COUNT,
	NF_UNREAD_MESSAGE_COUNT,
	NF_MESSAGE_FLAGS,
	NF_UNICODE_FLAG,
	NF_MESSAGE_CLASS,
	NF_COUNT
};

/* Field kinds beyond the fixed ones of rop_codec.h */
enum { NF_KIND_ROW = 0x80, NF_KIND_TAGS, NF_KIND_CLASS };

#define NF(member, kind) ROP_FIELD(struct rop_notification_data, member, kind)
static const struct rop_field notify_fields[NF_COUNT] = {
        [NF_TABLE_ROW_FOLDER_ID] = NF(table_row_folder_id, ROP_U64),
        [NF_TABLE_ROW_MESSAGE_ID] = NF(table_row_message_id, ROP_U64),
        [NF_TABLE_ROW_INSTANCE] = NF(table_row_instance, ROP_U32),
        [NF_INSERT_AFTER_TABLE_ROW_FOLDER_ID] = NF(insert_after_table_row_folder_id, ROP_U64),
        [NF_INSERT_AFTER_TABLE_ROW_ID] = NF(insert_after_table_row_id, ROP_U64),
        [NF_INSERT_AFTER_TABLE_ROW_INSTANCE] = NF(insert_after_table_row_instance, ROP_U32),
        [NF_TABLE_ROW] = NF(table_row_data_size, NF_KIND_ROW),
        [NF_FOLDER_ID] = NF(folder_id, ROP_U64),
        [NF_MESSAGE_ID] = NF(message_id, ROP_U64),
        [NF_PARENT_FOLDER_ID] = NF(parent_folder_id, ROP_U64),
        [NF_OLD_FOLDER_ID] = NF(old_folder_id, ROP_U64),
        [NF_OLD_MESSAGE_ID] = NF(old_message_id, ROP_U64),
        [NF_OLD_PARENT_FOLDER_ID] = NF(old_parent_folder_id, ROP_U64),
        [NF_TAGS] = NF(tag_count, NF_KIND_TAGS),
        [NF_TOTAL_MESSAGE_COUNT] = NF(total_message_count, ROP_U32),
        [NF_UNREAD_MESSAGE_COUNT] = NF(unread_message_count, ROP_U32),
        [NF_MESSAGE_FLAGS] = NF(message_flags, ROP_U32),
        [NF_UNICODE_FLAG] = NF(unicode_flag, ROP_U8),
        [NF_MESSAGE_CLASS] = NF(message_class, NF_KIND_CLASS),
};
#undef NF

/* Which fields are on the wire: each field's condition in MS-OXCNOTIF 2.2.1.4.1.2, applied as written
 * whatever the NotificationType (a value the table does not list, or a flag a MUST forbids, changes only
 * what those conditions say). */
static void notify_present(uint16_t flags, uint16_t event, bool on[NF_COUNT])
{
	uint16_t type = flags & NOTIFY_TYPE_MASK;
	bool m = flags & NOTIFY_FLAG_M, s = flags & NOTIFY_FLAG_S;
	bool table = type == NOTIFY_TABLE_MODIFIED;
	/* TableEventType 0x0003, 0x0004, 0x0005; the insert position and the row only for 0x0003, 0x0005 */
	bool row = table && (event == TABLE_EVENT_ROW_ADDED || event == TABLE_EVENT_ROW_DELETED ||
	                     event == TABLE_EVENT_ROW_MODIFIED);
	bool insert = table && (event == TABLE_EVENT_ROW_ADDED || event == TABLE_EVENT_ROW_MODIFIED);
	bool object = type != NOTIFY_TABLE_MODIFIED && type != NOTIFY_EXTENDED;
	bool moved = type == NOTIFY_OBJECT_MOVED || type == NOTIFY_OBJECT_COPIED;
	bool parent = moved || type == NOTIFY_OBJECT_CREATED || type == NOTIFY_OBJECT_DELETED;
	bool new_mail = type == NOTIFY_NEW_MAIL;

	on[NF_TABLE_ROW_FOLDER_ID] = row;
	on[NF_TABLE_ROW_MESSAGE_ID] = on[NF_TABLE_ROW_INSTANCE] = row && m;
	on[NF_INSERT_AFTER_TABLE_ROW_FOLDER_ID] = insert;
	on[NF_INSERT_AFTER_TABLE_ROW_ID] = on[NF_INSERT_AFTER_TABLE_ROW_INSTANCE] = insert && m;
	on[NF_TABLE_ROW] = insert;
	on[NF_FOLDER_ID] = object;
	on[NF_MESSAGE_ID] = object && m;
	/* a message in a search folder (S and M) or a folder (neither) */
	on[NF_PARENT_FOLDER_ID] = parent && s == m;
	on[NF_OLD_FOLDER_ID] = moved;
	on[NF_OLD_MESSAGE_ID] = moved && m;
	on[NF_OLD_PARENT_FOLDER_ID] = moved && !m;
	on[NF_TAGS] = type == NOTIFY_OBJECT_CREATED || type == NOTIFY_OBJECT_MODIFIED;
	on[NF_TOTAL_MESSAGE_COUNT] = flags & NOTIFY_FLAG_T;
	on[NF_UNREAD_MESSAGE_COUNT] = flags & NOTIFY_FLAG_U;
	on[NF_MESSAGE_FLAGS] = on[NF_UNICODE_FLAG] = on[NF_MESSAGE_CLASS] = new_mail;
}

/* TableRowDataSize, then TableRowData: a PropertyRow (MS-OXCDATA 2.8.1, ROP widths) over the table's columns
 * that fills exactly TableRowDataSize bytes, or those bytes as they are when the table is not known. */
static int table_row_pull(struct rop_pull *p, const struct rop_notify_table *t,
                          struct rop_notification_data *d)
{
	const uint8_t *b;
	if (!wc_read_u16(p->r, &d->table_row_data_size))
		return WC_EFORMAT;
	if (t == NULL)
		return wc_read_blob(p->r, p->mem, d->table_row_data_size, &d->table_row_data) ? 0
		                                                                              : WC_EFORMAT;
	if (!wc_read_ptr(p->r, d->table_row_data_size, &b))
		return WC_EFORMAT;
	struct wc_reader sub;
	wc_reader_init(&sub, b, d->table_row_data_size);
	if ((d->table_row = talloc_zero(p->mem, struct mapi_property_row)) == NULL)
		return WC_ENOMEM;
	int ret = mapi_property_row_pull(&sub, d->table_row, t->columns, t->column_count, 0, d->table_row);
	if (ret == 0 && wc_reader_left(&sub) != 0)
		ret = WC_EFORMAT;
	return ret;
}

static int table_row_push(struct rop_push *p, const struct rop_notify_table *t,
                          const struct rop_notification_data *d)
{
	if (d->table_row == NULL) {
		if (d->table_row_data_size > 0 && d->table_row_data == NULL)
			return WC_EINVAL;
		wc_write_u16(p->w, d->table_row_data_size);
		wc_write_bytes(p->w, d->table_row_data, d->table_row_data_size);
		return wc_writer_status(p->w);
	}
	size_t at;
	if (t == NULL)
		return WC_EINVAL; /* a row needs the columns it was built for */
	if (!wc_write_reserve(p->w, 2, &at))
		return wc_writer_status(p->w);
	int ret = mapi_property_row_push(p->w, t->columns, t->column_count, 0, d->table_row);
	if (ret != 0)
		return ret;
	if (p->w->len - at - 2 > UINT16_MAX)
		return WC_ERANGE;
	wc_patch_u16(p->w, at, (uint16_t)(p->w->len - at - 2));
	return wc_writer_status(p->w);
}

/* TagCount, then Tags unless TagCount is 0x0000 or 0xFFFF */
static int tags_pull(struct rop_pull *p, struct rop_notification_data *d)
{
	if (!wc_read_u16(p->r, &d->tag_count))
		return WC_EFORMAT;
	if (d->tag_count == 0 || d->tag_count == NOTIFY_TAG_COUNT_NONE)
		return 0;
	if ((size_t)d->tag_count * 4 > wc_reader_left(p->r))
		return WC_EFORMAT;
	if ((d->tags = talloc_array(p->mem, uint32_t, d->tag_count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < d->tag_count; i++)
		wc_read_u32(p->r, &d->tags[i]);
	return 0;
}

static int tags_push(struct rop_push *p, const struct rop_notification_data *d)
{
	wc_write_u16(p->w, d->tag_count);
	if (d->tag_count == 0 || d->tag_count == NOTIFY_TAG_COUNT_NONE)
		return wc_writer_status(p->w);
	if (d->tags == NULL)
		return WC_EINVAL;
	for (uint16_t i = 0; i < d->tag_count; i++)
		wc_write_u32(p->w, d->tags[i]);
	return wc_writer_status(p->w);
}

/* MS-OXCNOTIF 2.2.1.4.1.2 NotificationData: NotificationFlags, TableEventType for a TableModified event, then
 * the fields notify_present() says are there */
int rop_notification_data_pull(struct rop_pull *p, const struct rop_notify_table *t,
                               struct rop_notification_data *d)
{
	bool on[NF_COUNT];
	*d = (struct rop_notification_data){0};
	if (!wc_read_u16(p->r, &d->notification_flags))
		return WC_EFORMAT;
	if ((d->notification_flags & NOTIFY_TYPE_MASK) == NOTIFY_TABLE_MODIFIED &&
	    !wc_read_u16(p->r, &d->table_event_type))
		return WC_EFORMAT;
	notify_present(d->notification_flags, d->table_event_type, on);
	for (int i = 0; i < NF_COUNT; i++) {
		const struct rop_fields one = {1, &notify_fields[i]};
		int ret = 0;
		if (!on[i])
			continue;
		switch (notify_fields[i].kind) {
		case NF_KIND_ROW:
			ret = table_row_pull(p, t, d);
			break;
		case NF_KIND_TAGS:
			ret = tags_pull(p, d);
			break;
		case NF_KIND_CLASS:
			ret = rop_string_pull(p, d->unicode_flag, &d->message_class);
			break;
		default:
			ret = rop_fields_pull(p, &one, d);
		}
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_notification_data_push(struct rop_push *p, const struct rop_notify_table *t,
                               const struct rop_notification_data *d)
{
	bool on[NF_COUNT];
	wc_write_u16(p->w, d->notification_flags);
	if ((d->notification_flags & NOTIFY_TYPE_MASK) == NOTIFY_TABLE_MODIFIED)
		wc_write_u16(p->w, d->table_event_type);
	notify_present(d->notification_flags, d->table_event_type, on);
	for (int i = 0; i < NF_COUNT; i++) {
		const struct rop_fields one = {1, &notify_fields[i]};
		int ret = 0;
		if (!on[i])
			continue;
		switch (notify_fields[i].kind) {
		case NF_KIND_ROW:
			ret = table_row_push(p, t, d);
			break;
		case NF_KIND_TAGS:
			ret = tags_push(p, d);
			break;
		case NF_KIND_CLASS:
			ret = rop_string_push(p, d->unicode_flag, d->message_class);
			break;
		default:
			ret = rop_fields_push(p, &one, d);
		}
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.14.2.1 RopNotify response: NotificationHandle, LogonId, NotificationData (decoded against
 * the table ctx->notify_tables lists for NotificationHandle, if any) */
int rop_notify_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_notify_rsp *b = body;
	if (!wc_read_u32(p->r, &b->notification_handle) || !wc_read_u8(p->r, &b->logon_id))
		return WC_EFORMAT;
	return rop_notification_data_pull(p, rop_ctx_notify_table(p->ctx, b->notification_handle), &b->data);
}

int rop_notify_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_notify_rsp *b = body;
	wc_write_u32(p->w, b->notification_handle);
	wc_write_u8(p->w, b->logon_id);
	return rop_notification_data_push(p, rop_ctx_notify_table(p->ctx, b->notification_handle), &b->data);
}
