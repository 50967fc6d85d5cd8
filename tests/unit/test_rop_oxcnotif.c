/* src/mapi/rop_oxcnotif.c: the Core Notifications protocol ROPs (MS-OXCNOTIF 2.2.1, MS-OXCROPS 2.2.14):
 * RopNotify against every NotificationData example of MS-OXCNOTIF section 4, hand-built NotificationData for
 * each field condition of 2.2.1.4.1.2, RopRegisterNotification and RopPending in every form. */
#include "rop_testutil.h"

/* The examples' table rows are a PtypString then a PtypBinary (tests/vectors/MS-OXCNOTIF-4-*.hex). */
#define EXAMPLE_HANDLE 0x11
static const uint32_t example_columns[] = {0x3001001F /* PidTagDisplayName */,
                                           0x0FFF0102 /* PidTagEntryId */};
static const struct rop_notify_table example_table = {EXAMPLE_HANDLE, 2, example_columns};

/* RopNotify header before the examples' NotificationData: RopId, NotificationHandle 0x11, LogonId 0 */
#define EXAMPLE_HEADER "2A 11 00 00 00 00"

/* Decodes NotificationData blob name of MS-OXCNOTIF 4 as the body of a RopNotify, with the example table
 * known (table true) or not, checks it re-encodes to the same bytes and returns it. */
static const struct rop_notification_data *example(TALLOC_CTX *mem, const char *name, bool table)
{
	size_t n, len;
	uint8_t *data = tu_vector(mem, "MS-OXCNOTIF-4-notificationdata.hex", name, &n);
	uint8_t *b = rop_tu_cat(mem, EXAMPLE_HEADER, data, n, &len);
	struct rop_ctx c = empty_ctx;
	if (table) {
		c.notify_table_count = 1;
		c.notify_tables = &example_table;
	}
	struct rop_ctx start = c;
	struct rop_response *rsp = talloc_zero(mem, struct rop_response);
	rop_tu_pull_response(mem, &c, name, NULL, b, len, rsp);
	assert_int_equal(rsp->id, ROP_NOTIFY);
	assert_int_equal(rsp->notify.notification_handle, EXAMPLE_HANDLE);
	assert_int_equal(rsp->notify.logon_id, 0);
	c = start;
	rop_tu_push_response(mem, &c, name, NULL, rsp, b, len);
	return &rsp->notify.data;
}

/* MS-OXCNOTIF 4: NewMailNotification */
static void test_new_mail_example(void **state)
{
	const struct rop_notification_data *d = example(*state, "newmail", false);
	assert_int_equal(d->notification_flags, NOTIFY_NEW_MAIL | NOTIFY_FLAG_M);
	assert_true(d->folder_id == 0x1F29780000000001ULL);
	assert_true(d->message_id == 0x8434780000000001ULL);
	assert_int_equal(d->message_flags, 0x22);
	assert_int_equal(d->unicode_flag, 0);
	assert_string_equal(d->message_class, "IPM.Note");
	assert_int_equal(d->tag_count, 0);
	assert_true(d->parent_folder_id == 0);
}

/* MS-OXCNOTIF 4: ObjectCreated, ObjectDeleted, ObjectModified, ObjectMoved, ObjectCopied */
static void test_object_examples(void **state)
{
	static const uint32_t created_tags[31] = {
	        0x0E1B000B, 0x0E790003, 0x300B0102, 0x66A10003, 0x3FF10003, 0x30070040, 0x30080040,
	        0x3FF90102, 0x3FF8001E, 0x40590003, 0x3FFB0102, 0x3FFA001E, 0x405A0003, 0x67BD0102,
	        0x67BE0102, 0x67090040, 0x1035001F, 0x1000001F, 0x10090102, 0x10130102, 0x0E04001E,
	        0x0E03001E, 0x0037001F, 0x003D001F, 0x0E1D001F, 0x0E1F000B, 0x3FFD0003, 0x00390040,
	        0x0E060040, 0x0E080003, 0x0E230003};
	const struct rop_notification_data *d = example(*state, "objectcreated-folder", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_CREATED);
	assert_true(d->folder_id == 0x8127780000000001ULL);
	assert_true(d->parent_folder_id == 0x8027780000000001ULL);
	assert_int_equal(d->tag_count, 0);
	assert_null(d->tags);

	d = example(*state, "objectcreated-message", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_CREATED | NOTIFY_FLAG_M);
	assert_true(d->folder_id == 0x8027780000000001ULL);
	assert_true(d->message_id == 0x7241780000000001ULL);
	assert_true(d->parent_folder_id == 0); /* M without S: not there */
	assert_int_equal(d->tag_count, 31);
	for (int i = 0; i < 31; i++)
		assert_int_equal(d->tags[i], created_tags[i]);

	d = example(*state, "objectdeleted", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_DELETED);
	assert_true(d->folder_id == 0x8027780000000001ULL);
	assert_true(d->parent_folder_id == 0x7F27780000000001ULL);

	d = example(*state, "objectmodified", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_MODIFIED);
	assert_int_equal(d->tag_count, 2);
	assert_int_equal(d->tags[0], 0x66380003);
	assert_int_equal(d->tags[1], 0x360A000B);
	d = example(*state, "objectmodified-unread", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_MODIFIED | NOTIFY_FLAG_U);
	assert_int_equal(d->tag_count, 1);
	assert_int_equal(d->tags[0], 0x36030003);
	assert_int_equal(d->unread_message_count, 0);
	d = example(*state, "objectmodified-total", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_MODIFIED | NOTIFY_FLAG_T);
	assert_int_equal(d->tag_count, 4);
	assert_int_equal(d->tags[3], 0x66B30003);
	assert_int_equal(d->total_message_count, 1);
	d = example(*state, "objectmodified-total-unread", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_MODIFIED | NOTIFY_FLAG_T | NOTIFY_FLAG_U);
	assert_true(d->folder_id == 0x1F29780000000001ULL);
	assert_int_equal(d->tag_count, 5);
	assert_int_equal(d->total_message_count, 4);
	assert_int_equal(d->unread_message_count, 3);

	d = example(*state, "objectmoved", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_MOVED | NOTIFY_FLAG_M);
	assert_true(d->folder_id == 0x8127780000000001ULL);
	assert_true(d->message_id == 0x7843780000000001ULL);
	assert_true(d->old_folder_id == 0x8027780000000001ULL);
	assert_true(d->old_message_id == 0x7241780000000001ULL);
	assert_true(d->parent_folder_id == 0 && d->old_parent_folder_id == 0);
	d = example(*state, "objectcopied", false);
	assert_int_equal(d->notification_flags, NOTIFY_OBJECT_COPIED | NOTIFY_FLAG_M);
	assert_true(d->message_id == 0x7341780000000001ULL);
	assert_true(d->old_folder_id == 0x8027780000000001ULL);
	assert_true(d->old_message_id == 0x7241780000000001ULL);
}

/* The row of the examples: "Billy D.S. Proxy" and a 126-byte address book EntryID */
static void assert_example_row(const struct mapi_property_row *row)
{
	assert_non_null(row);
	assert_int_equal(row->flag, MAPI_ROW_STANDARD);
	assert_int_equal(row->count, 2);
	assert_int_equal(row->values[0].pv.tag, 0x3001001F);
	assert_string_equal(row->values[0].pv.value.str, "Billy D.S. Proxy");
	assert_int_equal(row->values[1].pv.tag, 0x0FFF0102);
	assert_int_equal(row->values[1].pv.value.bin.len, 126);
	assert_int_equal(row->values[1].pv.value.bin.data[4], 0xDC); /* the provider UID starts */
	assert_string_equal((const char *)row->values[1].pv.value.bin.data + 28,
	                    "/O=FIRST ORGANIZATION/OU=EXCHANGE ADMINISTRATIVE GROUP (FYDIBOHF23SPDLT)"
	                    "/CN=RECIPIENTS/CN=DSPROXY");
}

/* MS-OXCNOTIF 4: TableModified, every TableEventType of the examples */
static void test_table_examples(void **state)
{
	const struct rop_notification_data *d = example(*state, "tablechanged", true);
	assert_int_equal(d->notification_flags, NOTIFY_TABLE_MODIFIED);
	assert_int_equal(d->table_event_type, TABLE_EVENT_CHANGED);
	d = example(*state, "tablerestrictionchanged", true);
	assert_int_equal(d->table_event_type, TABLE_EVENT_RESTRICTION_CHANGED);

	d = example(*state, "tablerowadded", true);
	assert_int_equal(d->table_event_type, TABLE_EVENT_ROW_ADDED);
	assert_true(d->table_row_folder_id == 0x9DEA6C8102000001ULL);
	assert_true(d->insert_after_table_row_folder_id == 0x9EEA6C8102000001ULL);
	assert_int_equal(d->table_row_data_size, 0xA3);
	assert_null(d->table_row_data);
	assert_example_row(d->table_row);
	assert_true(d->folder_id == 0); /* no FolderId for a TableModified event */

	d = example(*state, "tablerowadded-search", true);
	assert_int_equal(d->notification_flags, NOTIFY_TABLE_MODIFIED | NOTIFY_FLAG_S | NOTIFY_FLAG_M);
	assert_true(d->table_row_folder_id == 0x4560780000000001ULL);
	assert_true(d->table_row_message_id == 0x84FC6C8102000001ULL);
	assert_int_equal(d->table_row_instance, 1);
	assert_true(d->insert_after_table_row_folder_id == 0x4560780000000001ULL);
	assert_true(d->insert_after_table_row_id == 0x82FC6C8102000001ULL);
	assert_int_equal(d->insert_after_table_row_instance, 1);
	assert_example_row(d->table_row);

	d = example(*state, "tablerowmodified", true);
	assert_int_equal(d->table_event_type, TABLE_EVENT_ROW_MODIFIED);
	assert_true(d->insert_after_table_row_folder_id == 0x5060780000000001ULL);
	assert_example_row(d->table_row);
	d = example(*state, "tablerowmodified-search", true);
	assert_true(d->table_row_message_id == 0x83FC6C8102000001ULL);
	assert_true(d->insert_after_table_row_folder_id == 0x4660780000000001ULL);
	assert_true(d->insert_after_table_row_id == 0x84FC6C8102000001ULL);
	assert_example_row(d->table_row);

	d = example(*state, "tablerowdeleted", true);
	assert_int_equal(d->table_event_type, TABLE_EVENT_ROW_DELETED);
	assert_true(d->table_row_folder_id == 0x4560780000000001ULL);
	assert_int_equal(d->table_row_data_size, 0);
	d = example(*state, "tablerowdeleted-search", true);
	assert_true(d->table_row_folder_id == 0x96EA6C8102000001ULL);
	assert_true(d->table_row_message_id == 0x01096D8102000001ULL);
	assert_int_equal(d->table_row_instance, 1);

	/* without the table's columns the row stays the bytes it is, and encodes back the same */
	d = example(*state, "tablerowadded-search", false);
	assert_null(d->table_row);
	assert_int_equal(d->table_row_data_size, 0xA3);
	assert_int_equal(d->table_row_data[0], 0x00);
	assert_int_equal(d->table_row_data[0xA2], 0x00);
}

/* IDs of the hand-built cases and their wire bytes */
#define ID_A 0x0807060504030201ULL
#define ID_B 0x1817161514131211ULL
#define ID_C 0x2827262524232221ULL
#define ID_D 0x3837363534333231ULL
#define ID_E 0x4847464544434241ULL
#define ID_F 0x5857565554535251ULL
#define HA "01 02 03 04 05 06 07 08 "
#define HB "11 12 13 14 15 16 17 18 "
#define HC "21 22 23 24 25 26 27 28 "
#define HD "31 32 33 34 35 36 37 38 "
#define HE "41 42 43 44 45 46 47 48 "
#define HF "51 52 53 54 55 56 57 58 "
#define HANDLE 0x22
#define NOTIFY_HEADER "2A 22 00 00 00 05 " /* RopId, NotificationHandle 0x22, LogonId 5 */
#define NOTIFY(...)                                                                                          \
	{                                                                                                    \
		.id = ROP_NOTIFY, .notify = { HANDLE, 5, {__VA_ARGS__} }                                     \
	}

/* A NotificationData of every field combination, hand-built from the table of MS-OXCNOTIF 2.2.1.4.1.2 with
 * each field's condition applied to NotificationFlags and TableEventType. */
static void test_notification_data_conditions(void **state)
{
	static const uint32_t columns[] = {0x0E080003 /* PtypInteger32 */, 0x3001001F /* PtypString */};
	static const struct rop_notify_table table = {HANDLE, 2, columns};
	static uint32_t tags[] = {0x0E080003};
	static struct mapi_row_value flagged[] = {
	        {MAPI_VALUE_PRESENT, {0x0E080003, {.i32 = 42}}},
	        {MAPI_VALUE_ERROR, {0x3001001F, {.err = 0x8004010F}}},
	};
	static struct mapi_row_value standard[] = {
	        {MAPI_VALUE_PRESENT, {0x0E080003, {.i32 = 42}}},
	        {MAPI_VALUE_PRESENT, {0x3001001F, {.str = "A"}}},
	};
	static struct mapi_property_row flagged_row = {MAPI_ROW_FLAGGED, 2, flagged};
	static struct mapi_property_row standard_row = {MAPI_ROW_STANDARD, 2, standard};
	static uint8_t raw_row[] = {0xAA, 0xBB, 0xCC};
	struct rop_ctx c = empty_ctx;
	c.notify_table_count = 1;
	c.notify_tables = &table;
	const struct {
		const char *what;
		struct rop_response rsp;
		const char *hex;
	} cases[] = {
	        {"SearchComplete on a folder: FolderId",
	         NOTIFY(.notification_flags = NOTIFY_SEARCH_COMPLETE, .folder_id = ID_A), "80 00 " HA},
	        {"SearchComplete, M: FolderId, MessageId",
	         NOTIFY(.notification_flags = NOTIFY_SEARCH_COMPLETE | NOTIFY_FLAG_M, .folder_id = ID_A,
	                .message_id = ID_B),
	         "80 80 " HA HB},
	        {"ObjectDeleted, S and M: FolderId, MessageId, ParentFolderId",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_DELETED | NOTIFY_FLAG_S | NOTIFY_FLAG_M,
	                .folder_id = ID_A, .message_id = ID_B, .parent_folder_id = ID_C),
	         "08 C0 " HA HB HC},
	        {"ObjectDeleted, M only: no ParentFolderId",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_DELETED | NOTIFY_FLAG_M, .folder_id = ID_A,
	                .message_id = ID_B),
	         "08 80 " HA HB},
	        {"ObjectDeleted, S without M: neither MessageId nor ParentFolderId",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_DELETED | NOTIFY_FLAG_S, .folder_id = ID_A),
	         "08 40 " HA},
	        {"ObjectDeleted, T and U: the counts whatever the type",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_DELETED | NOTIFY_FLAG_T | NOTIFY_FLAG_U,
	                .folder_id = ID_A, .parent_folder_id = ID_B, .total_message_count = 7,
	                .unread_message_count = 2),
	         "08 30 " HA HB "07 00 00 00 02 00 00 00"},
	        {"ObjectMoved, a folder: FolderId, ParentFolderId, OldFolderId, OldParentFolderId",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_MOVED, .folder_id = ID_A,
	                .parent_folder_id = ID_B, .old_folder_id = ID_C, .old_parent_folder_id = ID_D),
	         "20 00 " HA HB HC HD},
	        {"ObjectMoved, S and M: FolderId, MessageId, ParentFolderId, OldFolderId, OldMessageId",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_MOVED | NOTIFY_FLAG_S | NOTIFY_FLAG_M,
	                .folder_id = ID_A, .message_id = ID_B, .parent_folder_id = ID_C,
	                .old_folder_id = ID_D, .old_message_id = ID_E),
	         "20 C0 " HA HB HC HD HE},
	        {"ObjectCopied, a folder",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_COPIED, .folder_id = ID_A,
	                .parent_folder_id = ID_B, .old_folder_id = ID_C, .old_parent_folder_id = ID_D),
	         "40 00 " HA HB HC HD},
	        {"ObjectCreated, S and M: ParentFolderId, then TagCount and Tags",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_CREATED | NOTIFY_FLAG_S | NOTIFY_FLAG_M,
	                .folder_id = ID_A, .message_id = ID_B, .parent_folder_id = ID_C, .tag_count = 1,
	                .tags = tags),
	         "04 C0 " HA HB HC "01 00 03 00 08 0E"},
	        {"ObjectModified, TagCount 0xFFFF: no Tags",
	         NOTIFY(.notification_flags = NOTIFY_OBJECT_MODIFIED, .folder_id = ID_A,
	                .tag_count = NOTIFY_TAG_COUNT_NONE),
	         "10 00 " HA "FF FF"},
	        {"NewMail, UnicodeFlag: MessageClass in UTF-16LE",
	         NOTIFY(.notification_flags = NOTIFY_NEW_MAIL | NOTIFY_FLAG_M, .folder_id = ID_A,
	                .message_id = ID_B, .message_flags = 0x01, .unicode_flag = 1,
	                .message_class = "IPM.Note"),
	         "02 80 " HA HB "01 00 00 00 01 49 00 50 00 4D 00 2E 00 4E 00 6F 00 74 00 65 00 00 00"},
	        {"the reserved type 0x0400: NotificationFlags only",
	         NOTIFY(.notification_flags = NOTIFY_EXTENDED), "00 04"},
	        {"TableRowAdded, a FlaggedPropertyRow with an error value",
	         NOTIFY(.notification_flags = NOTIFY_TABLE_MODIFIED,
	                .table_event_type = TABLE_EVENT_ROW_ADDED, .table_row_folder_id = ID_A,
	                .insert_after_table_row_folder_id = ID_B, .table_row = &flagged_row),
	         "00 01 03 00 " HA HB "0B 00 01 00 2A 00 00 00 0A 0F 01 04 80"},
	        {"TableRowModified, M: the six row fields, a StandardPropertyRow",
	         NOTIFY(.notification_flags = NOTIFY_TABLE_MODIFIED | NOTIFY_FLAG_M,
	                .table_event_type = TABLE_EVENT_ROW_MODIFIED, .table_row_folder_id = ID_A,
	                .table_row_message_id = ID_B, .table_row_instance = 3,
	                .insert_after_table_row_folder_id = ID_C, .insert_after_table_row_id = ID_D,
	                .insert_after_table_row_instance = 4, .table_row = &standard_row),
	         "00 81 05 00 " HA HB "03 00 00 00 " HC HD "04 00 00 00 09 00 00 2A 00 00 00 41 00 00 00"},
	        {"TableRowDeleted, M: TableRowFolderID, TableRowMessageID, TableRowInstance",
	         NOTIFY(.notification_flags = NOTIFY_TABLE_MODIFIED | NOTIFY_FLAG_M,
	                .table_event_type = TABLE_EVENT_ROW_DELETED, .table_row_folder_id = ID_E,
	                .table_row_message_id = ID_F, .table_row_instance = 9),
	         "00 81 04 00 " HE HF "09 00 00 00"},
	        {"a TableEventType the table does not list: nothing follows",
	         NOTIFY(.notification_flags = NOTIFY_TABLE_MODIFIED, .table_event_type = 0x0002),
	         "00 01 02 00"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *hex = talloc_asprintf(*state, NOTIFY_HEADER "%s", cases[i].hex);
		rop_tu_response_case(*state, &c, cases[i].what, NULL, &cases[i].rsp, hex, true);
	}

	/* a table the codec does not know: TableRowData stays bytes, both ways */
	struct rop_response raw =
	        NOTIFY(.notification_flags = NOTIFY_TABLE_MODIFIED,
	               .table_event_type = TABLE_EVENT_ROW_MODIFIED, .table_row_folder_id = ID_A,
	               .insert_after_table_row_folder_id = ID_B, .table_row_data_size = 3,
	               .table_row_data = raw_row);
	rop_tu_response_case(*state, &empty_ctx, "TableRowModified for an unknown table", NULL, &raw,
	                     NOTIFY_HEADER "00 01 05 00 " HA HB "03 00 AA BB CC", true);
}

/* Malformed NotificationData, and what cannot be encoded. */
static void test_notification_data_errors(void **state)
{
	static const uint32_t columns[] = {0x0E080003};
	static const struct rop_notify_table table = {HANDLE, 1, columns};
	static const char *const bad[] = {
	        /* a row of 5 bytes in a TableRowDataSize of 6, and of 4 */
	        NOTIFY_HEADER "00 01 03 00 " HA HB "06 00 00 2A 00 00 00 00",
	        NOTIFY_HEADER "00 01 03 00 " HA HB "04 00 00 2A 00 00 00",
	        /* a row flag other than 0x00 and 0x01 */
	        NOTIFY_HEADER "00 01 05 00 " HA HB "05 00 02 2A 00 00 00",
	        /* TagCount 2 with one tag */
	        NOTIFY_HEADER "04 00 " HA HB "02 00 03 00 08 0E",
	        /* MessageClass without its terminator */
	        NOTIFY_HEADER "02 00 " HA "00 00 00 00 00 49 50 4D",
	};
	struct rop_ctx c = empty_ctx;
	c.notify_table_count = 1;
	c.notify_tables = &table;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t n;
		uint8_t *b = tu_hex(*state, bad[i], &n);
		struct wc_reader r;
		struct rop_response rsp;
		struct rop_ctx work = c;
		wc_reader_init(&r, b, n);
		if (rop_response_pull(&r, *state, &work, NULL, &rsp) != WC_EFORMAT)
			fail_msg("case %zu decodes", i);
	}

	/* a decoded row cannot be written for a table the codec does not know */
	static struct mapi_row_value v[] = {{MAPI_VALUE_PRESENT, {0x0E080003, {.i32 = 1}}}};
	static struct mapi_property_row row = {MAPI_ROW_STANDARD, 1, v};
	struct rop_response rsp = NOTIFY(.notification_flags = NOTIFY_TABLE_MODIFIED,
	                                 .table_event_type = TABLE_EVENT_ROW_ADDED, .table_row = &row);
	struct wc_writer w;
	struct rop_ctx work = empty_ctx;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &work, NULL, &rsp), WC_EINVAL);
	/* nor Tags that are not there */
	rsp = (struct rop_response)NOTIFY(.notification_flags = NOTIFY_OBJECT_MODIFIED, .tag_count = 2);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &work, NULL, &rsp), WC_EINVAL);
}

/* MS-OXCROPS 2.2.14.1 RopRegisterNotification, 2.2.14.3 RopPending: every form, hand-built. */
static void test_register_notification_and_pending(void **state)
{
	TALLOC_CTX *mem = *state;
	const struct {
		const char *what;
		struct rop_request req;
		const char *hex;
	} requests[] = {
	        {"RopRegisterNotification, whole store",
	         {.id = ROP_REGISTER_NOTIFICATION,
	          .logon_id = 1,
	          .input_handle_index = 0,
	          .output_handle_index = 2,
	          .register_notification = {.notification_types = NOTIFY_NEW_MAIL | NOTIFY_TABLE_MODIFIED,
	                                    .want_whole_store = 1}},
	         "29 01 00 02 02 01 01"},
	        {"RopRegisterNotification, one folder: FolderId and MessageId",
	         {.id = ROP_REGISTER_NOTIFICATION,
	          .output_handle_index = 1,
	          .register_notification = {.notification_types =
	                                            NOTIFY_OBJECT_CREATED | NOTIFY_OBJECT_DELETED,
	                                    .folder_id = ID_A}},
	         "29 00 00 01 0C 00 00 " HA "00 00 00 00 00 00 00 00"},
	        {"RopRegisterNotification, Extended: Reserved follows NotificationTypes",
	         {.id = ROP_REGISTER_NOTIFICATION,
	          .output_handle_index = 1,
	          .register_notification = {.notification_types = NOTIFY_EXTENDED | NOTIFY_OBJECT_MODIFIED,
	                                    .want_whole_store = 1}},
	         "29 00 00 01 10 04 00 01"},
	        {"RopRegisterNotification, Extended, one message",
	         {.id = ROP_REGISTER_NOTIFICATION,
	          .output_handle_index = 1,
	          .register_notification = {.notification_types = NOTIFY_EXTENDED | NOTIFY_OBJECT_MOVED,
	                                    .folder_id = ID_A,
	                                    .message_id = ID_B}},
	         "29 00 00 01 20 04 00 00 " HA HB},
	};
	for (size_t i = 0; i < sizeof requests / sizeof requests[0]; i++)
		rop_tu_request_case(mem, &empty_ctx, requests[i].what, &requests[i].req, requests[i].hex);

	const struct rop_request *reg = &requests[0].req;
	const struct {
		const char *what;
		const struct rop_request *req;
		struct rop_response rsp;
		const char *hex;
	} responses[] = {
	        {"RopRegisterNotification",
	         reg,
	         {.id = ROP_REGISTER_NOTIFICATION, .handle_index = 2},
	         "29 02 00 00 00 00"},
	        {"RopRegisterNotification failure",
	         reg,
	         {.id = ROP_REGISTER_NOTIFICATION, .handle_index = 2, .return_value = 0x80040102},
	         "29 02 02 01 04 80"},
	        {"RopPending", NULL, {.id = ROP_PENDING, .pending = {.session_index = 0x0102}}, "6E 02 01"},
	};
	for (size_t i = 0; i < sizeof responses / sizeof responses[0]; i++)
		rop_tu_response_case(mem, &empty_ctx, responses[i].what, responses[i].req, &responses[i].rsp,
		                     responses[i].hex, true);
}

/* A ROP output buffer with a response, then the server-initiated RopNotify and RopPending (MS-OXCROPS
 * 2.2.1, 3.1.5.1.3): they answer no request, and RopNotify's row follows the table listed for its handle. */
static void test_notify_in_buffer(void **state)
{
	static const uint32_t columns[] = {0x0E080003};
	static const struct rop_notify_table table = {HANDLE, 1, columns};
	size_t n;
	uint8_t *in = tu_hex(*state, "09 00 29 00 00 01 02 00 01 10 00 00 00 FF FF FF FF", &n);
	struct rop_ctx c = empty_ctx;
	c.notify_table_count = 1;
	c.notify_tables = &table;
	struct rop_ctx start = c;
	struct rop_request_buffer *requests;
	struct rop_error err;
	assert_int_equal(rop_request_buffer_pull(*state, in, n, &c, &requests, &err), 0);

	const char *out_hex = "2C 00"
	                      "29 01 00 00 00 00"                         /* RopRegisterNotification */
	        NOTIFY_HEADER "00 01 03 00 " HA HB "05 00 00 07 00 00 00" /* RopNotify, a row */
	                      "6E 03 00"                                  /* RopPending */
	                      "00 00 00 00 33 00 00 00";                  /* handle table */
	uint8_t *out = tu_hex(*state, out_hex, &n);
	struct rop_response_buffer *responses;
	c = start;
	if (rop_response_buffer_pull(*state, out, n, requests, &c, &responses, &err) != 0) {
		char msg[160];
		fail_msg("%s", rop_error_string(&err, msg, sizeof msg));
	}
	assert_int_equal(responses->count, 3);
	assert_int_equal(responses->request_index[0], 0);
	assert_int_equal(responses->request_index[1], ROP_NO_REQUEST);
	assert_int_equal(responses->request_index[2], ROP_NO_REQUEST);
	assert_int_equal(responses->rops[1].notify.logon_id, 5);
	assert_int_equal(responses->rops[1].notify.data.table_row->values[0].pv.value.i32, 7);
	assert_int_equal(responses->rops[2].pending.session_index, 3);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	c = start;
	assert_int_equal(rop_response_buffer_push(&w, &c, requests, responses), 0);
	tu_assert_bytes(w.data, w.len, out, n);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_new_mail_example),         TU_TEST(test_object_examples),
	        TU_TEST(test_table_examples),           TU_TEST(test_notification_data_conditions),
	        TU_TEST(test_notification_data_errors), TU_TEST(test_register_notification_and_pending),
	        TU_TEST(test_notify_in_buffer),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
