/* src/mapi/rop_oxcmsg.c: the Message and Attachment Object protocol ROPs (MS-OXCMSG 2.2.3, MS-OXCROPS 2.2.6),
 * against the whole-ROP examples of MS-OXCMSG section 4 and hand-built bytes for every request and response
 * form, RecipientRow (MS-OXCDATA 2.8.3) and TypedString (2.11.7) included. */
#include "rop_testutil.h"

/* MS-OXCMSG 4.1 Create Message */
static void test_create_message_example(void **state)
{
	const char *file = "MS-OXCMSG-4.1-createmessage.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.id, ROP_CREATE_MESSAGE);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.create_message.code_page_id, 0x0FFF);
	assert_true(req.create_message.folder_id == 0x9379F00000000001ULL); /* 01 00 00 00 00 f0 79 93 */
	assert_int_equal(req.create_message.associated_flag, 0);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.return_value, 0);
	assert_int_equal(rsp.create_message.has_message_id, 0);
}

/* MS-OXCMSG 4.3 Get Attachment Table */
static void test_get_attachment_table_example(void **state)
{
	const char *file = "MS-OXCMSG-4.3-getattachmenttable.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.id, ROP_GET_ATTACHMENT_TABLE);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.get_attachment_table.table_flags, 0);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.return_value, 0);
}

/* MS-OXCMSG 4.4 Insert HTML Embedded Image and 4.5 Attach Text File: RopCreateAttachment, then
 * RopSaveChangesAttachment */
static void test_attachment_examples(void **state)
{
	static const struct {
		const char *file;
		uint8_t out, save_response, save_input;
		uint32_t attachment_id;
	} ex[] = {
	        {"MS-OXCMSG-4.4-createattachment.hex", 1, 1, 0, 0},
	        {"MS-OXCMSG-4.5-createattachment.hex", 3, 2, 1, 1},
	};
	for (size_t i = 0; i < sizeof ex / sizeof ex[0]; i++) {
		struct rop_request req;
		struct rop_response rsp;
		rop_tu_example_request(*state, &empty_ctx, ex[i].file, "request", &req);
		assert_int_equal(req.id, ROP_CREATE_ATTACHMENT);
		assert_int_equal(req.input_handle_index, 0);
		assert_int_equal(req.output_handle_index, ex[i].out);
		rop_tu_example_response(*state, &empty_ctx, ex[i].file, "response", &req, &rsp);
		assert_int_equal(rsp.handle_index, ex[i].out);
		assert_int_equal(rsp.create_attachment.attachment_id, ex[i].attachment_id);

		rop_tu_example_request(*state, &empty_ctx, ex[i].file, "save-request", &req);
		assert_int_equal(req.id, ROP_SAVE_CHANGES_ATTACHMENT);
		assert_int_equal(req.response_handle_index, ex[i].save_response);
		assert_int_equal(req.input_handle_index, ex[i].save_input);
		assert_int_equal(req.save_changes_attachment.save_flags, 0x0A); /* KeepOpenReadWrite */
		rop_tu_example_response(*state, &empty_ctx, ex[i].file, "save-response", &req, &rsp);
		assert_int_equal(rsp.handle_index, ex[i].save_response);
		assert_int_equal(rsp.return_value, 0);
	}
}

/* MS-OXCMSG 4.7 Adding Recipients: a RecipientRow of type X500DN with a StandardPropertyRow of 12 columns */
static void test_modify_recipients_example(void **state)
{
	static const uint32_t columns[12] = {0x0FFE0003, 0x39000003, 0x39FF001F, 0x39FE001F,
	                                     0x3A710003, 0x39050003, 0x5FF6001F, 0x5FFD0003,
	                                     0x5FFF0003, 0x5FDE0003, 0x5FDF0003, 0x5FF70102};
	static const uint8_t entry_id_start[8] = {0x00, 0x00, 0x00, 0x00, 0xDC, 0xA7, 0x40, 0xC8};
	const char *file = "MS-OXCMSG-4.7-modifyrecipients.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	const struct rop_modify_recipients_req *m = &req.modify_recipients;
	assert_int_equal(req.input_handle_index, 8);
	assert_int_equal(m->column_count, 12);
	assert_memory_equal(m->recipient_columns, columns, sizeof columns);
	assert_int_equal(m->row_count, 1);
	assert_int_equal(m->rows[0].row_id, 0);
	assert_int_equal(m->rows[0].recipient_type, RECIPIENT_TO);
	const struct rop_recipient_row *row = m->rows[0].row;
	assert_non_null(row);
	assert_int_equal(row->flags, RECIP_TRANSMITTABLE_SAME | RECIP_DISPLAY_NAME |
	                                     RECIP_SIMPLE_DISPLAY_NAME | RECIP_UNICODE | RECIP_TYPE_X500DN);
	assert_int_equal(row->address_prefix_used, 0x5A);
	assert_int_equal(row->display_type, 0);
	assert_string_equal(row->x500dn, "User2");
	assert_null(row->email_address);
	assert_string_equal(row->display_name, "user2");
	assert_string_equal(row->simple_display_name, "user2");
	assert_null(row->transmittable_display_name);
	assert_int_equal(row->column_count, 12);
	const struct mapi_property_row *pr = &row->properties;
	assert_int_equal(pr->flag, MAPI_ROW_STANDARD);
	assert_int_equal(pr->count, 12);
	assert_int_equal(pr->values[0].pv.value.i32, 6);          /* PidTagObjectType */
	assert_string_equal(pr->values[2].pv.value.str, "user2"); /* PidTagAddressBookDisplayNamePrintable */
	assert_string_equal(pr->values[3].pv.value.str, "user2@szfkuk-dom.extest.microsoft.com");
	assert_int_equal(pr->values[5].pv.value.i32, 0x40000000); /* PidTagDisplayTypeEx */
	assert_string_equal(pr->values[6].pv.value.str, "user2"); /* PidTagRecipientDisplayName */
	assert_int_equal(pr->values[7].pv.value.i32, 1);          /* PidTagRecipientFlags */
	assert_int_equal(pr->values[11].pv.tag, 0x5FF70102);      /* PidTagRecipientEntryId */
	assert_int_equal(pr->values[11].pv.value.bin.len, 124);
	assert_memory_equal(pr->values[11].pv.value.bin.data, entry_id_start, sizeof entry_id_start);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 8);
	assert_int_equal(rsp.return_value, 0);
}

/* MS-OXCMSG 4.8 Save Message */
static void test_save_changes_message_example(void **state)
{
	const char *file = "MS-OXCMSG-4.8-savechangesmessage.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	assert_int_equal(req.response_handle_index, 0);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.save_changes_message.save_flags, 0x0A);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 0);
	assert_int_equal(rsp.save_changes_message.input_handle_index, 1);
	assert_true(rsp.save_changes_message.message_id ==
	            0x3986F00000000001ULL); /* 01 00 00 00 00 F0 86 39 */
}

/* The recipient rows of the hand-built cases: columns, values, rows */
static uint32_t two_columns[2] = {0x5FFD0003, 0x39FE001F}; /* PidTagRecipientFlags, PidTagSmtpAddress */
static uint32_t three_columns[3] = {0x0FFE0003, 0x3001001F, 0x5FF70102};
static uint8_t ab[2] = {0xAA, 0xBB}, cc[1] = {0xCC}, one_two[2] = {0x01, 0x02};
static struct mapi_row_value smtp_values[2] = {{0, {0x5FFD0003, {.i32 = 1}}},
                                               {0, {0x39FE001F, {.str = "x"}}}};
static struct mapi_row_value error_value[1] = {{MAPI_VALUE_ERROR, {0x5FFD0003, {.err = 0x8004010F}}}};
static struct mapi_row_value x500_values[2] = {{0, {0x0FFE0003, {.i32 = 6}}},
                                               {0, {0x3001001F, {.str = "Y"}}}};
static struct mapi_row_value flagged_values[3] = {
        {MAPI_VALUE_PRESENT, {0x0FFE0003, {.i32 = 6}}},
        {MAPI_VALUE_NOT_PRESENT, {0x3001001F, {.str = NULL}}},
        {MAPI_VALUE_PRESENT, {0x5FF70102, {.bin = {2, one_two}}}},
};

/* SMTP type, EmailAddress and DisplayName in 8-bit: 19 bytes */
static struct rop_recipient_row smtp_row = {.flags = RECIP_TYPE_SMTP | RECIP_EMAIL_ADDRESS |
                                                     RECIP_DISPLAY_NAME,
                                            .email_address = "a@b",
                                            .display_name = "A",
                                            .column_count = 2,
                                            .properties = {MAPI_ROW_STANDARD, 2, smtp_values}};
#define SMTP_ROW_HEX                                                                                         \
	"1B 00 61 40 62 00 41 00"          /* RecipientFlags, EmailAddress, DisplayName */                   \
	"02 00 00 01 00 00 00 78 00 00 00" /* RecipientColumnCount, StandardPropertyRow */

/* A personal distribution list: EntryID, SearchKey, a UTF-16 TransmittableDisplayName, a FlaggedPropertyRow
 * holding an error: 21 bytes */
static struct rop_recipient_row pdl_row = {.flags = RECIP_TYPE_PERSONAL_DL1 | RECIP_UNICODE |
                                                    RECIP_TRANSMITTABLE_NAME,
                                           .entry_id_size = 2,
                                           .entry_id = ab,
                                           .search_key_size = 1,
                                           .search_key = cc,
                                           .transmittable_display_name = "T",
                                           .column_count = 1,
                                           .properties = {MAPI_ROW_FLAGGED, 1, error_value}};
#define PDL_ROW_HEX                                                                                          \
	"26 02 02 00 AA BB 01 00 CC" /* RecipientFlags, EntryIdSize, EntryID, SearchKeySize, SearchKey */    \
	"54 00 00 00 01 00 01 0A 0F 01 04 80" /* TransmittableDisplayName, count, FlaggedPropertyRow */

/* No standard type: AddressType, an 8-bit SimpleDisplayName, no properties: 10 bytes */
static struct rop_recipient_row other_row = {.flags = RECIP_TYPE_NONE | RECIP_NON_STANDARD_ADDRESS |
                                                      RECIP_SIMPLE_DISPLAY_NAME,
                                             .address_type = "EX",
                                             .simple_display_name = "s",
                                             .properties = {MAPI_ROW_STANDARD, 0, NULL}};
#define OTHER_ROW_HEX "00 84 45 58 00 73 00 00 00 00"

/* Every request, hand-built from the MS-OXCROPS 2.2.6 field tables. */
static void test_requests(void **state)
{
	TALLOC_CTX *mem = *state;
	static uint64_t ids[2] = {0x0102030405060708ULL, 0x1112131415161718ULL};
	static struct rop_modify_recipient_row modify_rows[4] = {
	        {0, RECIPIENT_TO, &smtp_row},
	        {1, RECIPIENT_CC, NULL},
	        {2, RECIPIENT_BCC, &pdl_row},
	        {3, RECIPIENT_TO | RECIPIENT_RESEND_FAILED, &other_row},
	};
	const struct rop_tu_request cases[] = {
	        {"RopOpenMessage",
	         {.id = ROP_OPEN_MESSAGE,
	          .logon_id = 1,
	          .input_handle_index = 0,
	          .output_handle_index = 2,
	          .open_message = {.code_page_id = 0x0FFF,
	                           .folder_id = 0x0807060504030201ULL,
	                           .open_mode_flags = OPEN_BEST_ACCESS | 0x04, /* OpenSoftDeleted */
	                           .message_id = 0x1817161514131211ULL}},
	         "03 01 00 02 FF 0F 01 02 03 04 05 06 07 08 07 11 12 13 14 15 16 17 18"},
	        {"RopCreateMessage associated",
	         {.id = ROP_CREATE_MESSAGE,
	          .output_handle_index = 1,
	          .create_message = {.code_page_id = 0x04E4, .folder_id = 1, .associated_flag = 1}},
	         "06 00 00 01 E4 04 01 00 00 00 00 00 00 00 01"},
	        {"RopSaveChangesMessage",
	         {.id = ROP_SAVE_CHANGES_MESSAGE,
	          .response_handle_index = 2,
	          .input_handle_index = 3,
	          .save_changes_message = {0x0C}}, /* ForceSave as MS-OXCROPS gives it */
	         "0C 00 02 03 0C"},
	        {"RopRemoveAllRecipients",
	         {.id = ROP_REMOVE_ALL_RECIPIENTS, .input_handle_index = 1},
	         "0D 00 01 00 00 00 00"},
	        {"RopModifyRecipients",
	         {.id = ROP_MODIFY_RECIPIENTS,
	          .input_handle_index = 1,
	          .modify_recipients = {2, two_columns, 4, modify_rows}},
	         "0E 00 01 02 00 03 00 FD 5F 1F 00 FE 39 04 00" /* columns, RowCount */
	         "00 00 00 00 01 13 00" SMTP_ROW_HEX            /* RowId, RecipientType, RecipientRowSize */
	         "01 00 00 00 02 00 00"                         /* RecipientRowSize 0: no RecipientRow */
	         "02 00 00 00 03 15 00" PDL_ROW_HEX "03 00 00 00 11 0A 00" OTHER_ROW_HEX},
	        {"RopModifyRecipients empty", {.id = ROP_MODIFY_RECIPIENTS}, "0E 00 00 00 00 00 00"},
	        {"RopReadRecipients",
	         {.id = ROP_READ_RECIPIENTS, .input_handle_index = 1, .read_recipients = {.row_id = 5}},
	         "0F 00 01 05 00 00 00 00 00"},
	        {"RopReloadCachedInformation",
	         {.id = ROP_RELOAD_CACHED_INFORMATION, .input_handle_index = 1},
	         "10 00 01 00 00"},
	        {"RopSetMessageStatus",
	         {.id = ROP_SET_MESSAGE_STATUS,
	          .input_handle_index = 1,
	          .set_message_status = {ids[0], MS_REMOTE_DOWNLOAD, MS_REMOTE_DOWNLOAD | MS_REMOTE_DELETE}},
	         "20 00 01 08 07 06 05 04 03 02 01 00 10 00 00 00 30 00 00"},
	        {"RopGetMessageStatus",
	         {.id = ROP_GET_MESSAGE_STATUS, .input_handle_index = 1, .get_message_status = {ids[0]}},
	         "1F 00 01 08 07 06 05 04 03 02 01"},
	        {"RopSetReadFlags",
	         {.id = ROP_SET_READ_FLAGS,
	          .input_handle_index = 1,
	          .set_read_flags = {1, RF_CLEAR_READ_FLAG | RF_SUPPRESS_RECEIPT, 2, ids}},
	         "66 00 01 01 05 02 00 08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11"},
	        {"RopGetAttachmentTable",
	         {.id = ROP_GET_ATTACHMENT_TABLE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .get_attachment_table = {TABLE_FLAG_USE_UNICODE}},
	         "21 00 01 02 40"},
	        {"RopOpenAttachment",
	         {.id = ROP_OPEN_ATTACHMENT,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .open_attachment = {ATTACH_OPEN_READ_WRITE, 5}},
	         "22 00 01 02 01 05 00 00 00"},
	        {"RopCreateAttachment",
	         {.id = ROP_CREATE_ATTACHMENT, .output_handle_index = 1},
	         "23 00 00 01"},
	        {"RopDeleteAttachment",
	         {.id = ROP_DELETE_ATTACHMENT, .input_handle_index = 1, .delete_attachment = {7}},
	         "24 00 01 07 00 00 00"},
	        {"RopSaveChangesAttachment",
	         {.id = ROP_SAVE_CHANGES_ATTACHMENT,
	          .response_handle_index = 2,
	          .input_handle_index = 3,
	          .save_changes_attachment = {0x09}},
	         "25 00 02 03 09"},
	        {"RopOpenEmbeddedMessage",
	         {.id = ROP_OPEN_EMBEDDED_MESSAGE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .open_embedded_message = {0x04E4, OPEN_CREATE}},
	         "46 00 01 02 E4 04 02"},
	        {"RopGetValidAttachments",
	         {.id = ROP_GET_VALID_ATTACHMENTS, .input_handle_index = 1},
	         "52 00 01"},
	};
	rop_tu_request_cases(mem, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* MS-OXCMSG 2.2.3.11.1: ClientData follows ReadFlags only for a public-folder logon. */
static void test_set_message_read_flag_request_follows_logon(void **state)
{
	struct rop_request req = {.id = ROP_SET_MESSAGE_READ_FLAG,
	                          .response_handle_index = 1,
	                          .input_handle_index = 2,
	                          .set_message_read_flag = {.read_flags = RF_SUPPRESS_RECEIPT}};
	struct rop_ctx priv = empty_ctx;
	rop_ctx_set_logon(&priv, 0, true);
	rop_tu_request_case(*state, &priv, "RopSetMessageReadFlag private", &req, "11 00 01 02 01");
	for (int i = 0; i < 24; i++)
		req.set_message_read_flag.client_data.bytes[i] = (uint8_t)(i + 1);
	req.set_message_read_flag.read_flags = RF_CLEAR_READ_FLAG;
	rop_tu_request_case(
	        *state, &empty_ctx, "RopSetMessageReadFlag public", &req,
	        "11 00 01 02 04 01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 12 13 14 15 16 17 18");
}

/* Every response form, hand-built from the MS-OXCROPS 2.2.6 field tables. */
static void test_responses(void **state)
{
	TALLOC_CTX *mem = *state;
	static struct rop_recipient_row x500_row = {.flags = RECIP_TYPE_X500DN | RECIP_DISPLAY_NAME,
	                                            .x500dn = "/o=x",
	                                            .display_name = "X",
	                                            .column_count = 2,
	                                            .properties = {MAPI_ROW_STANDARD, 2, x500_values}};
	static struct rop_recipient_row flagged_row = {
	        .flags = RECIP_TYPE_SMTP | RECIP_UNICODE | RECIP_TRANSMITTABLE_SAME | RECIP_EMAIL_ADDRESS,
	        .email_address = "b@c",
	        .column_count = 3,
	        .properties = {MAPI_ROW_FLAGGED, 3, flagged_values}};
	static struct rop_recipient_entry open_rows[2] = {
	        {.recipient_type = RECIPIENT_TO, .code_page_id = 0x04E4},
	        {.recipient_type = RECIPIENT_CC, .code_page_id = 0x0FFF}};
	static uint32_t attachment_ids[2] = {1, 2};
	static const struct rop_request open = {.id = ROP_OPEN_MESSAGE, .output_handle_index = 2};
	static const struct rop_request create = {.id = ROP_CREATE_MESSAGE, .output_handle_index = 1};
	static const struct rop_request save = {
	        .id = ROP_SAVE_CHANGES_MESSAGE, .response_handle_index = 2, .input_handle_index = 3};
	static const struct rop_request remove = {.id = ROP_REMOVE_ALL_RECIPIENTS, .input_handle_index = 1};
	static const struct rop_request modify = {.id = ROP_MODIFY_RECIPIENTS, .input_handle_index = 1};
	static const struct rop_request reload = {.id = ROP_RELOAD_CACHED_INFORMATION,
	                                          .input_handle_index = 1};
	static const struct rop_request set_status = {.id = ROP_SET_MESSAGE_STATUS, .input_handle_index = 1};
	static const struct rop_request get_status = {.id = ROP_GET_MESSAGE_STATUS, .input_handle_index = 1};
	static const struct rop_request read_flags = {.id = ROP_SET_READ_FLAGS, .input_handle_index = 1};
	static const struct rop_request read_flag = {
	        .id = ROP_SET_MESSAGE_READ_FLAG, .response_handle_index = 2, .input_handle_index = 3};
	static const struct rop_request att_table = {.id = ROP_GET_ATTACHMENT_TABLE,
	                                             .output_handle_index = 2};
	static const struct rop_request open_att = {.id = ROP_OPEN_ATTACHMENT, .output_handle_index = 2};
	static const struct rop_request create_att = {.id = ROP_CREATE_ATTACHMENT, .output_handle_index = 1};
	static const struct rop_request delete_att = {.id = ROP_DELETE_ATTACHMENT, .input_handle_index = 1};
	static const struct rop_request save_att = {
	        .id = ROP_SAVE_CHANGES_ATTACHMENT, .response_handle_index = 2, .input_handle_index = 3};
	static const struct rop_request embedded = {.id = ROP_OPEN_EMBEDDED_MESSAGE,
	                                            .output_handle_index = 2};
	static const struct rop_request valid = {.id = ROP_GET_VALID_ATTACHMENTS, .input_handle_index = 1};
	open_rows[0].row = x500_row;
	open_rows[1].row = flagged_row;
	static struct rop_set_message_read_flag_rsp changed = {.read_status_changed = 1, .logon_id = 3};
	for (int i = 0; i < 24; i++)
		changed.client_data.bytes[i] = (uint8_t)(0x21 + i);
	const struct rop_tu_response cases[] = {
	        {"RopOpenMessage",
	         &open,
	         {.id = ROP_OPEN_MESSAGE,
	          .handle_index = 2,
	          .open_message = {.has_named_properties = 1,
	                           .subject_prefix = {TYPED_STRING_UNICODE, "RE: "},
	                           .normalized_subject = {TYPED_STRING_8BIT, "Hi"},
	                           .recipient_count = 3,
	                           .column_count = 3,
	                           .recipient_columns = three_columns,
	                           .row_count = 2,
	                           .rows = open_rows}},
	         "03 02 00 00 00 00 01"                               /* HasNamedProperties */
	         "04 52 00 45 00 3A 00 20 00 00 00 02 48 69 00"       /* SubjectPrefix, NormalizedSubject */
	         "03 00 03 00 03 00 FE 0F 1F 00 01 30 02 01 F7 5F 02" /* counts, RecipientColumns, RowCount */
	         "01 E4 04 00 00 16 00"                               /* OpenRecipientRow 1 */
	         "11 00 00 00 2F 6F 3D 78 00 58 00 02 00 00 06 00 00 00 59 00 00 00" /* X500DN row */
	         "02 FF 0F 00 00 18 00"                                              /* OpenRecipientRow 2 */
	         "4B 02 62 00 40 00 63 00 00 00 03 00 01 00 06 00 00 00 01 00 02 00 01 02"},
	        {"RopOpenMessage without recipients",
	         &open,
	         {.id = ROP_OPEN_MESSAGE,
	          .handle_index = 2,
	          .open_message = {.subject_prefix = {TYPED_STRING_REDUCED_UNICODE, "Fw"},
	                           .normalized_subject = {TYPED_STRING_EMPTY, NULL}}},
	         "03 02 00 00 00 00 00 03 46 77 00 01 00 00 00 00 00"},
	        {"RopOpenMessage no subject",
	         &open,
	         {.id = ROP_OPEN_MESSAGE, .handle_index = 2},
	         "03 02 00 00 00 00 00 00 00 00 00 00 00 00"},
	        {"RopOpenMessage failure",
	         &open,
	         {.id = ROP_OPEN_MESSAGE, .handle_index = 2, .return_value = 0x8004010F},
	         "03 02 0F 01 04 80"},
	        {"RopCreateMessage with MessageId",
	         &create,
	         {.id = ROP_CREATE_MESSAGE, .handle_index = 1, .create_message = {1, 0x0102030405060708ULL}},
	         "06 01 00 00 00 00 01 08 07 06 05 04 03 02 01"},
	        {"RopCreateMessage failure",
	         &create,
	         {.id = ROP_CREATE_MESSAGE, .handle_index = 1, .return_value = 0x80070005},
	         "06 01 05 00 07 80"},
	        {"RopSaveChangesMessage",
	         &save,
	         {.id = ROP_SAVE_CHANGES_MESSAGE,
	          .handle_index = 2,
	          .save_changes_message = {3, 0x0102030405060708ULL}},
	         "0C 02 00 00 00 00 03 08 07 06 05 04 03 02 01"},
	        {"RopSaveChangesMessage failure",
	         &save,
	         {.id = ROP_SAVE_CHANGES_MESSAGE, .handle_index = 2, .return_value = 0x80040109},
	         "0C 02 09 01 04 80"},
	        {"RopRemoveAllRecipients",
	         &remove,
	         {.id = ROP_REMOVE_ALL_RECIPIENTS, .handle_index = 1},
	         "0D 01 00 00 00 00"},
	        {"RopRemoveAllRecipients failure",
	         &remove,
	         {.id = ROP_REMOVE_ALL_RECIPIENTS, .handle_index = 1, .return_value = 0x000004B9},
	         "0D 01 B9 04 00 00"},
	        {"RopModifyRecipients",
	         &modify,
	         {.id = ROP_MODIFY_RECIPIENTS, .handle_index = 1},
	         "0E 01 00 00 00 00"},
	        {"RopModifyRecipients failure",
	         &modify,
	         {.id = ROP_MODIFY_RECIPIENTS, .handle_index = 1, .return_value = 0x000004B9},
	         "0E 01 B9 04 00 00"},
	        {"RopReloadCachedInformation",
	         &reload,
	         {.id = ROP_RELOAD_CACHED_INFORMATION,
	          .handle_index = 1,
	          .reload_cached_information = {.normalized_subject = {TYPED_STRING_EMPTY, NULL},
	                                        .recipient_count = 5,
	                                        .column_count = 1,
	                                        .recipient_columns = three_columns}},
	         "10 01 00 00 00 00 00 00 01 05 00 01 00 03 00 FE 0F 00"},
	        {"RopReloadCachedInformation failure",
	         &reload,
	         {.id = ROP_RELOAD_CACHED_INFORMATION, .handle_index = 1, .return_value = 0x000004B9},
	         "10 01 B9 04 00 00"},
	        {"RopSetMessageStatus",
	         &set_status,
	         {.id = ROP_SET_MESSAGE_STATUS, .handle_index = 1, .set_message_status = {MS_IN_CONFLICT}},
	         "20 01 00 00 00 00 00 08 00 00"},
	        {"RopSetMessageStatus failure",
	         &set_status,
	         {.id = ROP_SET_MESSAGE_STATUS, .handle_index = 1, .return_value = 0x8004010F},
	         "20 01 0F 01 04 80"},
	        /* MS-OXCROPS 2.2.6.9.2: the response to RopGetMessageStatus carries RopId 0x20 */
	        {"RopGetMessageStatus",
	         &get_status,
	         {.id = ROP_SET_MESSAGE_STATUS,
	          .handle_index = 1,
	          .get_message_status = {MS_REMOTE_DOWNLOAD}},
	         "20 01 00 00 00 00 00 10 00 00"},
	        {"RopGetMessageStatus failure",
	         &get_status,
	         {.id = ROP_SET_MESSAGE_STATUS, .handle_index = 1, .return_value = 0x8004010F},
	         "20 01 0F 01 04 80"},
	        /* one layout for success and failure: PartialCompletion is there whatever ReturnValue says */
	        {"RopSetReadFlags",
	         &read_flags,
	         {.id = ROP_SET_READ_FLAGS, .handle_index = 1},
	         "66 01 00 00 00 00 00"},
	        {"RopSetReadFlags failure",
	         &read_flags,
	         {.id = ROP_SET_READ_FLAGS,
	          .handle_index = 1,
	          .return_value = 0x80070005,
	          .set_read_flags = {1}},
	         "66 01 05 00 07 80 01"},
	        {"RopSetMessageReadFlag unchanged",
	         &read_flag,
	         {.id = ROP_SET_MESSAGE_READ_FLAG, .handle_index = 2},
	         "11 02 00 00 00 00 00"},
	        {"RopSetMessageReadFlag changed",
	         &read_flag,
	         {.id = ROP_SET_MESSAGE_READ_FLAG, .handle_index = 2, .set_message_read_flag = changed},
	         "11 02 00 00 00 00 01 03 21 22 23 24 25 26 27 28 29 2A 2B 2C 2D 2E 2F 30 31 32 33 34 35 36 "
	         "37 38"},
	        {"RopSetMessageReadFlag failure",
	         &read_flag,
	         {.id = ROP_SET_MESSAGE_READ_FLAG, .handle_index = 2, .return_value = 0x8004010F},
	         "11 02 0F 01 04 80"},
	        {"RopGetAttachmentTable",
	         &att_table,
	         {.id = ROP_GET_ATTACHMENT_TABLE, .handle_index = 2},
	         "21 02 00 00 00 00"},
	        {"RopGetAttachmentTable failure",
	         &att_table,
	         {.id = ROP_GET_ATTACHMENT_TABLE, .handle_index = 2, .return_value = 0x000004B9},
	         "21 02 B9 04 00 00"},
	        {"RopOpenAttachment",
	         &open_att,
	         {.id = ROP_OPEN_ATTACHMENT, .handle_index = 2},
	         "22 02 00 00 00 00"},
	        {"RopOpenAttachment failure",
	         &open_att,
	         {.id = ROP_OPEN_ATTACHMENT, .handle_index = 2, .return_value = 0x8004010F},
	         "22 02 0F 01 04 80"},
	        {"RopCreateAttachment",
	         &create_att,
	         {.id = ROP_CREATE_ATTACHMENT, .handle_index = 1, .create_attachment = {5}},
	         "23 01 00 00 00 00 05 00 00 00"},
	        {"RopCreateAttachment failure",
	         &create_att,
	         {.id = ROP_CREATE_ATTACHMENT, .handle_index = 1, .return_value = 0x80070005},
	         "23 01 05 00 07 80"},
	        {"RopDeleteAttachment",
	         &delete_att,
	         {.id = ROP_DELETE_ATTACHMENT, .handle_index = 1},
	         "24 01 00 00 00 00"},
	        {"RopDeleteAttachment failure",
	         &delete_att,
	         {.id = ROP_DELETE_ATTACHMENT, .handle_index = 1, .return_value = 0x8004010F},
	         "24 01 0F 01 04 80"},
	        {"RopSaveChangesAttachment",
	         &save_att,
	         {.id = ROP_SAVE_CHANGES_ATTACHMENT, .handle_index = 2},
	         "25 02 00 00 00 00"},
	        {"RopSaveChangesAttachment failure",
	         &save_att,
	         {.id = ROP_SAVE_CHANGES_ATTACHMENT, .handle_index = 2, .return_value = 0x80004005},
	         "25 02 05 40 00 80"},
	        {"RopOpenEmbeddedMessage",
	         &embedded,
	         {.id = ROP_OPEN_EMBEDDED_MESSAGE,
	          .handle_index = 2,
	          .open_embedded_message = {.message_id = 0x0102030405060708ULL,
	                                    .message = {.has_named_properties = 1,
	                                                .normalized_subject = {TYPED_STRING_8BIT, "E"}}}},
	         "46 02 00 00 00 00 00 08 07 06 05 04 03 02 01" /* Reserved, MessageId */
	         "01 00 02 45 00 00 00 00 00 00"},
	        {"RopOpenEmbeddedMessage failure",
	         &embedded,
	         {.id = ROP_OPEN_EMBEDDED_MESSAGE, .handle_index = 2, .return_value = 0x8004010F},
	         "46 02 0F 01 04 80"},
	        {"RopGetValidAttachments",
	         &valid,
	         {.id = ROP_GET_VALID_ATTACHMENTS,
	          .handle_index = 1,
	          .get_valid_attachments = {2, attachment_ids}},
	         "52 01 00 00 00 00 02 00 00 00 01 00 00 00 02 00 00 00"},
	        {"RopGetValidAttachments none",
	         &valid,
	         {.id = ROP_GET_VALID_ATTACHMENTS, .handle_index = 1},
	         "52 01 00 00 00 00 00 00 00 00"},
	        {"RopGetValidAttachments failure",
	         &valid,
	         {.id = ROP_GET_VALID_ATTACHMENTS, .handle_index = 1, .return_value = 0x80040102},
	         "52 01 02 01 04 80"},
	};
	rop_tu_response_cases(mem, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* RopReadRecipients rows follow the recipient columns the message's handle index got (MS-OXCMSG 3.1.5.6). */
static void test_read_recipients_uses_message_columns(void **state)
{
	static struct mapi_row_value value[1] = {{0, {0x0FFE0003, {.i32 = 6}}}};
	static struct rop_recipient_entry rows[1] = {
	        {.row_id = 5,
	         .recipient_type = RECIPIENT_TO,
	         .code_page_id = 0x04E4,
	         .row = {.flags = RECIP_TYPE_SMTP | RECIP_UNICODE | RECIP_DISPLAY_NAME,
	                 .display_name = "Z",
	                 .column_count = 1,
	                 .properties = {MAPI_ROW_STANDARD, 1, value}}}};
	static const struct rop_request read = {.id = ROP_READ_RECIPIENTS, .input_handle_index = 1};
	struct rop_ctx c = empty_ctx;
	c.objects[1].recipient_column_count = 3;
	c.objects[1].recipient_columns = three_columns;
	struct rop_response rsp = {
	        .id = ROP_READ_RECIPIENTS, .handle_index = 1, .read_recipients = {1, rows}};
	const char *hex =
	        "0F 01 00 00 00 00 01 05 00 00 00 01 E4 04 00 00 0D 00" /* RowCount, ReadRecipientRow */
	        "13 02 5A 00 00 00 01 00 00 06 00 00 00";
	rop_tu_response_case(*state, &c, "RopReadRecipients", &read, &rsp, hex, true);
	struct rop_response failed = {
	        .id = ROP_READ_RECIPIENTS, .handle_index = 1, .return_value = 0x8004010F};
	rop_tu_response_case(*state, &c, "RopReadRecipients failure", &read, &failed, "0F 01 0F 01 04 80",
	                     true);

	/* a message whose recipient columns are unknown: each RecipientRow stays its RecipientRowSize bytes
	 */
	static uint8_t row_bytes[13] = {0x13, 0x02, 0x5A, 0x00, 0x00, 0x00, 0x01,
	                                0x00, 0x00, 0x06, 0x00, 0x00, 0x00};
	static struct rop_recipient_entry raw[1] = {{.row_id = 5,
	                                             .recipient_type = RECIPIENT_TO,
	                                             .code_page_id = 0x04E4,
	                                             .row_size = 13,
	                                             .row_bytes = row_bytes}};
	rsp.read_recipients.rows = raw;
	rop_tu_response_case(*state, &empty_ctx, "RopReadRecipients, columns unknown", &read, &rsp, hex,
	                     true);
	/* a message known to have no recipient columns: a row with a property does not decode */
	c = empty_ctx;
	c.objects[1].recipient_columns = three_columns; /* count 0 */
	rop_tu_response_fails(*state, &c, &read, hex, WC_EFORMAT);

	/* a RopOpenMessage response without RecipientColumns makes them known: zero columns, not unknown */
	static const struct rop_request open = {.id = ROP_OPEN_MESSAGE, .output_handle_index = 1};
	size_t n;
	uint8_t *b = tu_hex(*state, "03 01 00 00 00 00 00 00 00 00 00 00 00 00", &n);
	struct wc_reader r;
	struct rop_response opened;
	c = empty_ctx;
	wc_reader_init(&r, b, n);
	assert_int_equal(rop_response_pull(&r, *state, &c, &open, &opened), 0);
	assert_non_null(c.objects[1].recipient_columns);
	assert_int_equal(c.objects[1].recipient_column_count, 0);
}

/* In one buffer: RopOpenMessage into index 1 gives its RecipientColumns, RopReadRecipients on index 1 uses
 * them; the state after the buffer keeps them for the next buffer. */
static void test_open_message_columns_reach_read_recipients(void **state)
{
	size_t n;
	uint8_t *in = tu_hex(
	        *state,
	        "22 00"                                                                /* RopSize */
	        "03 00 00 01 FF 0F 01 00 00 00 00 00 00 00 00 01 00 00 00 00 00 00 00" /* OpenMessage */
	        "0F 00 01 00 00 00 00 00 00"                                           /* ReadRecipients */
	        "AA 00 00 00 FF FF FF FF",
	        &n);
	struct rop_request_buffer *req;
	struct rop_ctx c = empty_ctx;
	assert_int_equal(rop_request_buffer_pull(*state, in, n, &c, &req, NULL), 0);
	uint8_t *out =
	        tu_hex(*state,
	               "2F 00"                                                 /* RopSize */
	               "03 01 00 00 00 00 00 00 00 00 00 01 00 03 00 FE 0F 00" /* one column, no row */
	               "0F 01 00 00 00 00 01 00 00 00 00 01 E4 04 00 00 09 00" /* one ReadRecipientRow */
	               "00 00 01 00 00 06 00 00 00"                            /* ... against it */
	               "BB 00 00 00 CC 00 00 00",
	               &n);
	struct rop_response_buffer *rsp;
	c = empty_ctx;
	assert_int_equal(rop_response_buffer_pull(*state, out, n, req, &c, &rsp, NULL), 0);
	assert_int_equal(rsp->count, 2);
	const struct rop_recipient_row *row = &rsp->rops[1].read_recipients.rows[0].row;
	assert_int_equal(row->column_count, 1);
	assert_int_equal(row->properties.values[0].pv.tag, 0x0FFE0003);
	assert_int_equal(row->properties.values[0].pv.value.i32, 6);
	assert_int_equal(c.objects[1].recipient_column_count, 1);
	assert_int_equal(c.objects[1].recipient_columns[0], 0x0FFE0003);

	struct wc_writer w;
	struct rop_ctx again = empty_ctx;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_buffer_push(&w, &again, req, rsp), 0);
	tu_assert_bytes(w.data, w.len, out, n);
}

/* Sizes and counts that do not match what follows, and values the spec rules out, do not decode. */
static void test_malformed(void **state)
{
	/* RecipientRowSize one byte more, one byte less than the RecipientRow (00 00 00 00 00) */
	rop_tu_request_fails(*state, &empty_ctx,
	                     "0E 00 01 00 00 01 00 00 00 00 00 01 06 00 00 00 00 00 00 FF", WC_EFORMAT);
	rop_tu_request_fails(*state, &empty_ctx, "0E 00 01 00 00 01 00 00 00 00 00 01 04 00 00 00 00 00 00",
	                     WC_EFORMAT);
	/* RecipientColumnCount 1 with no RecipientColumns */
	rop_tu_request_fails(*state, &empty_ctx,
	                     "0E 00 01 00 00 01 00 00 00 00 00 01 07 00 00 00 01 00 00 06 00", WC_EFORMAT);
	/* a PtypNull recipient column */
	rop_tu_request_fails(*state, &empty_ctx, "0E 00 01 01 00 01 00 00 00 00 00", WC_EFORMAT);
	/* ModifyRecipients RowCount beyond the bytes left */
	rop_tu_request_fails(*state, &empty_ctx, "0E 00 01 00 00 FF FF", WC_EFORMAT);
	/* SetReadFlags MessageIdCount beyond the bytes left */
	rop_tu_request_fails(*state, &empty_ctx, "66 00 01 00 00 02 00 08 07 06 05 04 03 02 01", WC_EFORMAT);

	static const struct rop_request open = {.id = ROP_OPEN_MESSAGE, .output_handle_index = 2};
	static const struct rop_request valid = {.id = ROP_GET_VALID_ATTACHMENTS, .input_handle_index = 1};
	rop_tu_response_fails(*state, &empty_ctx, &open, "03 02 00 00 00 00 00 05 00 00 00 00 00 00",
	                      WC_EFORMAT); /* StringType 0x05 */
	rop_tu_response_fails(*state, &empty_ctx, &open, "03 02 00 00 00 00 00 04 41 00 42",
	                      WC_EFORMAT); /* unterminated UTF-16 */
	rop_tu_response_fails(*state, &empty_ctx, &open, "03 02 00 00 00 00 00 00 00 00 00 00 00 FF",
	                      WC_EFORMAT); /* RowCount 255, no rows */
	rop_tu_response_fails(*state, &empty_ctx, &valid, "52 01 00 00 00 00 FF FF FF 3F 01 00 00 00",
	                      WC_EFORMAT); /* AttachmentIdCount too big */

	/* the encoder refuses what the decoder would: a StringType beyond 0x04, a PtypNull column */
	static uint32_t null_column[1] = {0x00010001};
	struct rop_response rsp = {
	        .id = ROP_OPEN_MESSAGE, .handle_index = 2, .open_message = {.subject_prefix = {9}}};
	struct rop_ctx c = empty_ctx;
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &c, &open, &rsp), WC_EINVAL);
	rsp.open_message = (struct rop_open_message_rsp){.column_count = 1, .recipient_columns = null_column};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &c, &open, &rsp), WC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_create_message_example),
	        TU_TEST(test_get_attachment_table_example),
	        TU_TEST(test_attachment_examples),
	        TU_TEST(test_modify_recipients_example),
	        TU_TEST(test_save_changes_message_example),
	        TU_TEST(test_requests),
	        TU_TEST(test_set_message_read_flag_request_follows_logon),
	        TU_TEST(test_responses),
	        TU_TEST(test_read_recipients_uses_message_columns),
	        TU_TEST(test_open_message_columns_reach_read_recipients),
	        TU_TEST(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
