/* Bodies of the submission and transport ROPs: MS-OXOMSG 2.2.4, 2.2.5, wire layouts in MS-OXCROPS 2.2.7. */
#include "mapi/rop_oxomsg.h"

/* ---- bodies of fixed fields ---- */

/* MS-OXCROPS 2.2.7.1.1 RopSubmitMessage request */
const struct rop_fields rop_submit_message_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_submit_message_req, submit_flags, ROP_U8));

/* MS-OXCROPS 2.2.7.2.1 RopAbortSubmit request */
const struct rop_fields rop_abort_submit_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_abort_submit_req, folder_id, ROP_U64),
                   ROP_FIELD(struct rop_abort_submit_req, message_id, ROP_U64));

/* MS-OXCROPS 2.2.7.5.1 RopSpoolerLockMessage request */
const struct rop_fields rop_spooler_lock_message_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_spooler_lock_message_req, message_id, ROP_U64),
                   ROP_FIELD(struct rop_spooler_lock_message_req, lock_state, ROP_U8));

/* MS-OXCROPS 2.2.7.8.2 RopGetTransportFolder success response */
const struct rop_fields rop_get_transport_folder_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_transport_folder_rsp, folder_id, ROP_U64));

/* ---- variable bodies ---- */

/* MS-OXCROPS 2.2.7.3.2 RopGetAddressTypes success response: AddressTypeCount, AddressTypeSize, then that many
 * bytes holding exactly AddressTypeCount NUL-terminated ASCII strings */
int rop_get_address_types_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_address_types_rsp *b = body;
	uint16_t size;
	const uint8_t *bytes;
	b->address_types = NULL;
	if (!wc_read_u16(p->r, &b->address_type_count) || !wc_read_u16(p->r, &size) ||
	    !wc_read_ptr(p->r, size, &bytes) ||
	    b->address_type_count > size) /* each takes at least its NUL */
		return WC_EFORMAT;
	if (b->address_type_count == 0)
		return size == 0 ? 0 : WC_EFORMAT;
	if ((b->address_types = talloc_array(p->mem, char *, b->address_type_count)) == NULL)
		return WC_ENOMEM;
	struct wc_reader sub;
	wc_reader_init(&sub, bytes, size);
	for (uint16_t i = 0; i < b->address_type_count; i++)
		if (!wc_read_ascii_z(&sub, b->address_types, &b->address_types[i]))
			return WC_EFORMAT;
	return wc_reader_left(&sub) == 0 ? 0 : WC_EFORMAT;
}

int rop_get_address_types_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_address_types_rsp *b = body;
	size_t at;
	if (b->address_type_count > 0 && b->address_types == NULL)
		return WC_EINVAL;
	wc_write_u16(p->w, b->address_type_count);
	if (!wc_write_reserve(p->w, 2, &at))
		return wc_writer_status(p->w);
	for (uint16_t i = 0; i < b->address_type_count; i++)
		rop_string_push(p, 0, b->address_types[i]);
	return rop_patch_size16(p, at);
}

/* MS-OXCROPS 2.2.7.6.2 RopTransportSend success response: NoPropertiesReturned, PropertyValueCount,
 * PropertyValues. The current diagram marks PropertyValueCount "(optional)" without a presence rule, and its
 * field statement gives it as 2 bytes without condition; it is always coded. */
int rop_transport_send_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_transport_send_rsp *b = body;
	b->property_values = NULL;
	if (!wc_read_u8(p->r, &b->no_properties_returned) || !wc_read_u16(p->r, &b->property_value_count))
		return WC_EFORMAT;
	return mapi_tagged_propval_array_pull(p->r, p->mem, 0, b->property_value_count, &b->property_values);
}

int rop_transport_send_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_transport_send_rsp *b = body;
	wc_write_u8(p->w, b->no_properties_returned);
	wc_write_u16(p->w, b->property_value_count);
	return mapi_tagged_propval_array_push(p->w, 0, b->property_value_count, b->property_values);
}

/* MS-OXCROPS 2.2.7.7.1 RopTransportNewMail request: MessageId, FolderId, MessageClass, MessageFlags */
int rop_transport_new_mail_req_pull(struct rop_pull *p, void *body)
{
	struct rop_transport_new_mail_req *b = body;
	if (!wc_read_u64(p->r, &b->message_id) || !wc_read_u64(p->r, &b->folder_id))
		return WC_EFORMAT;
	int ret = rop_string_pull(p, 0, &b->message_class);
	if (ret == 0 && !wc_read_u32(p->r, &b->message_flags))
		ret = WC_EFORMAT;
	return ret;
}

int rop_transport_new_mail_req_push(struct rop_push *p, const void *body)
{
	const struct rop_transport_new_mail_req *b = body;
	wc_write_u64(p->w, b->message_id);
	wc_write_u64(p->w, b->folder_id);
	rop_string_push(p, 0, b->message_class);
	wc_write_u32(p->w, b->message_flags);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.7.9.1 RopOptionsData request: AddressType, WantWin32 */
int rop_options_data_req_pull(struct rop_pull *p, void *body)
{
	struct rop_options_data_req *b = body;
	int ret = rop_string_pull(p, 0, &b->address_type);
	if (ret == 0 && !wc_read_u8(p->r, &b->want_win32))
		ret = WC_EFORMAT;
	return ret;
}

int rop_options_data_req_push(struct rop_push *p, const void *body)
{
	const struct rop_options_data_req *b = body;
	rop_string_push(p, 0, b->address_type);
	wc_write_u8(p->w, b->want_win32);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.7.9.2 RopOptionsData success response: Reserved, OptionsInfoSize, OptionsInfo, HelpFileSize,
 * then HelpFile and HelpFileName only when HelpFileSize is nonzero */
int rop_options_data_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_options_data_rsp *b = body;
	b->help_file = NULL;
	b->help_file_name = NULL;
	if (!wc_read_u8(p->r, &b->reserved) || !wc_read_u16(p->r, &b->options_info_size) ||
	    !wc_read_blob(p->r, p->mem, b->options_info_size, &b->options_info) ||
	    !wc_read_u16(p->r, &b->help_file_size))
		return WC_EFORMAT;
	if (b->help_file_size == 0)
		return 0;
	if (!wc_read_blob(p->r, p->mem, b->help_file_size, &b->help_file))
		return WC_EFORMAT;
	return rop_string_pull(p, 0, &b->help_file_name);
}

int rop_options_data_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_options_data_rsp *b = body;
	wc_write_u8(p->w, b->reserved);
	wc_write_u16(p->w, b->options_info_size);
	wc_write_bytes(p->w, b->options_info, b->options_info_size);
	wc_write_u16(p->w, b->help_file_size);
	if (b->help_file_size == 0)
		return wc_writer_status(p->w);
	wc_write_bytes(p->w, b->help_file, b->help_file_size);
	return rop_string_push(p, 0, b->help_file_name);
}
