/* src/mapi/rop_oxcstor.c: the Store Object protocol ROPs (MS-OXCSTOR 2.2.1, MS-OXCROPS 2.2.3). The examples
 * of MS-OXCSTOR section 4 show only the fields after the common header; the tests put the header in front
 * (RopId, LogonId 0, handle index 0 for a request; RopId, handle index 0, ReturnValue 0 for a response). */
#include "rop_testutil.h"

/* MS-OXCSTOR 4.1 and 4.2 Essdn / GUIDs, as the example text reads them */
#define ESSDN_4_1                                                                                            \
	"/o=First Organization/ou=Exchange Administrative Group "                                            \
	"(FYDIBOHF23SPDLT)/cn=Recipients/cn=Administrator"

static void assert_guid(const struct wc_guid *g, const char *want)
{
	char s[39];
	wc_guid_to_string(g, s);
	assert_string_equal(s, want);
}

/* Pulls header + the vector's @name blob as one request; checks it encodes back to the same bytes. */
static void example_request(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *file, const char *header,
                            struct rop_request *req)
{
	size_t body_len, n;
	uint8_t *body = tu_vector(mem, file, "request", &body_len);
	uint8_t *b = rop_tu_cat(mem, header, body, body_len, &n);
	struct rop_ctx c = *ctx;
	rop_tu_pull_request(mem, &c, file, b, n, req);
	c = *ctx;
	rop_tu_push_request(mem, &c, file, req, b, n);
}

static void example_response(TALLOC_CTX *mem, const struct rop_ctx *ctx, const char *file, const char *header,
                             const struct rop_request *req, struct rop_response *rsp)
{
	size_t body_len, n;
	uint8_t *body = tu_vector(mem, file, "response", &body_len);
	uint8_t *b = rop_tu_cat(mem, header, body, body_len, &n);
	struct rop_ctx c = *ctx;
	rop_tu_pull_response(mem, &c, file, req, b, n, rsp);
	assert_int_equal(rsp->return_value, 0);
	c = *ctx;
	rop_tu_push_response(mem, &c, file, req, rsp, b, n);
}

/* MS-OXCSTOR 4.1 RopLogon for a Private Mailbox */
static void test_logon_private_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.1-logon-private.hex", "FE 00 00", &req);
	assert_int_equal(req.logon.logon_flags, LOGON_PRIVATE);
	assert_int_equal(req.logon.open_flags, LOGON_OPEN_HOME_LOGON | LOGON_OPEN_TAKE_OWNERSHIP |
	                                               LOGON_OPEN_NO_MAIL |
	                                               LOGON_OPEN_USE_PER_MDB_REPLID_MAPPING);
	assert_int_equal(req.logon.store_state, 0);
	assert_string_equal(req.logon.essdn, ESSDN_4_1);

	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.1-logon-private.hex", "FE 00 00 00 00 00", &req,
	                 &rsp);
	assert_int_equal(rsp.logon.logon_flags, LOGON_PRIVATE);
	assert_true(rsp.logon.folder_ids[LOGON_FID_MAILBOX_ROOT] == 0x1A27780000000001ULL);
	assert_true(rsp.logon.folder_ids[LOGON_FID_DEFERRED_ACTION] == 0x1C27780000000001ULL);
	assert_true(rsp.logon.folder_ids[LOGON_FID_SHORTCUTS] == 0x2627780000000001ULL);
	assert_int_equal(rsp.logon.response_flags,
	                 LOGON_RESPONSE_RESERVED | LOGON_RESPONSE_OWNER_RIGHT | LOGON_RESPONSE_SEND_AS_RIGHT);
	assert_guid(&rsp.logon.mailbox_guid, "{A591F8F7-341C-4116-8C48-9DB01A86F50B}");
	assert_int_equal(rsp.logon.repl_id, 1);
	assert_guid(&rsp.logon.repl_guid, "{64D4774D-4983-4F70-9B8B-46E635BB78AB}");
	/* "LogonTime - 2008/03/10 Mon 15:10:13": the minutes byte is 0x10 */
	assert_int_equal(rsp.logon.logon_time.year, 2008);
	assert_int_equal(rsp.logon.logon_time.month, 3);
	assert_int_equal(rsp.logon.logon_time.day, 10);
	assert_int_equal(rsp.logon.logon_time.day_of_week, 1);
	assert_int_equal(rsp.logon.logon_time.hour, 15);
	assert_int_equal(rsp.logon.logon_time.minutes, 0x10);
	assert_int_equal(rsp.logon.logon_time.seconds, 13);
	assert_true(rsp.logon.gwart_time == 0x01C882BEC21A5360ULL);
	assert_int_equal(rsp.logon.store_state, STORE_HAS_SEARCHES);
}

/* MS-OXCSTOR 4.2 RopLogon for Public Folders: the same response bytes would not decode against a private
 * request, since the layout follows the request's LogonFlags. */
static void test_logon_public_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.2-logon-public.hex", "FE 00 00", &req);
	assert_int_equal(req.logon.logon_flags, 0);
	assert_int_equal(req.logon.open_flags,
	                 LOGON_OPEN_HOME_LOGON | LOGON_OPEN_NO_MAIL | LOGON_OPEN_USE_PER_MDB_REPLID_MAPPING);
	assert_null(req.logon.essdn);

	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.2-logon-public.hex", "FE 00 00 00 00 00", &req,
	                 &rsp);
	assert_true(rsp.logon.folder_ids[LOGON_FID_PUBLIC_ROOT] == 0x0600000000000001ULL);
	assert_true(rsp.logon.folder_ids[LOGON_FID_PUBLIC_IPM_SUBTREE] == 0x0100000000000001ULL);
	assert_true(rsp.logon.folder_ids[10] == 0);
	assert_int_equal(rsp.logon.repl_id, 1);
	assert_guid(&rsp.logon.repl_guid, "{BFCA5B70-F91E-4198-897D-479E0945FD2F}");
	assert_guid(&rsp.logon.per_user_guid, "{74FEDA95-F7E0-4C4C-81EF-83BA850BE8E4}");

	size_t body_len, n;
	uint8_t *body = tu_vector(*state, "MS-OXCSTOR-4.2-logon-public.hex", "response", &body_len);
	uint8_t *b = rop_tu_cat(*state, "FE 00 00 00 00 00", body, body_len, &n);
	struct rop_request priv = req;
	priv.logon.logon_flags = LOGON_PRIVATE;
	struct wc_reader r;
	wc_reader_init(&r, b, n);
	struct rop_ctx c = empty_ctx;
	assert_int_not_equal(rop_response_pull(&r, *state, &c, &priv, &rsp), 0); /* 145 bytes, not 166 */
}

/* MS-OXCSTOR 4.3 RopGetReceiveFolder, 4.4 RopSetReceiveFolder */
static void test_receive_folder_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.3-getreceivefolder.hex", "27 00 00", &req);
	assert_string_equal(req.get_receive_folder.message_class, "");
	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.3-getreceivefolder.hex", "27 00 00 00 00 00", &req,
	                 &rsp);
	assert_true(rsp.get_receive_folder.folder_id == 0x1E27780000000001ULL);
	assert_string_equal(rsp.get_receive_folder.message_class, "");

	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.4-setreceivefolder.hex", "26 00 00", &req);
	assert_true(req.set_receive_folder.folder_id == 0x1A27780000000001ULL);
	assert_string_equal(req.set_receive_folder.message_class, "IPM.SomeMessageClass");
}

/* MS-OXCSTOR 4.5 RopGetReceiveFolderTable */
static void test_receive_folder_table_example(void **state)
{
	static const struct {
		uint64_t fid;
		const char *cls;
		uint64_t time;
	} want[] = {
	        {0x1E27780000000001ULL, "", 0x01C882C05F54FF5EULL},
	        {0x1A27780000000001ULL, "IPC", 0x01C882C05F56EF32ULL},
	        {0x1E27780000000001ULL, "IPM", 0x01C882C05F56EF32ULL},
	        {0x1E27780000000001ULL, "REPORT.IPM", 0x01C882C05F56EF32ULL},
	};
	struct rop_request req = {.id = ROP_GET_RECEIVE_FOLDER_TABLE};
	struct rop_response rsp;
	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.5-getreceivefoldertable.hex", "68 00 00 00 00 00",
	                 &req, &rsp);
	assert_int_equal(rsp.get_receive_folder_table.row_count, 4);
	for (int i = 0; i < 4; i++) {
		const struct mapi_property_row *row = &rsp.get_receive_folder_table.rows[i];
		assert_int_equal(row->flag, MAPI_ROW_STANDARD);
		assert_int_equal(row->count, 3);
		assert_int_equal(row->values[0].pv.tag, 0x67480014);
		assert_true((uint64_t)row->values[0].pv.value.i64 == want[i].fid);
		assert_int_equal(row->values[1].pv.tag, 0x001A001E);
		assert_string_equal(row->values[1].pv.value.str, want[i].cls);
		assert_int_equal(row->values[2].pv.tag, 0x30080040);
		assert_true(row->values[2].pv.value.time == want[i].time);
	}
}

/* MS-OXCSTOR 4.6 RopIdFromLongTermId, 4.7 RopGetPerUserLongTermIds */
static void test_long_term_id_examples(void **state)
{
	static const uint8_t ltid[24] = {0x70, 0x5B, 0xCA, 0xBF, 0x1E, 0xF9, 0x98, 0x41,
	                                 0x89, 0x7D, 0x47, 0x9E, 0x09, 0x45, 0xFD, 0x2F,
	                                 0x00, 0x00, 0x00, 0x00, 0x00, 0x12, 0x00, 0x00};
	struct rop_request req;
	struct rop_response rsp;
	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.6-idfromlongtermid.hex", "44 00 00", &req);
	tu_assert_bytes(req.id_from_long_term_id.long_term_id.bytes, 24, ltid, 24);
	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.6-idfromlongtermid.hex", "44 00 00 00 00 00", &req,
	                 &rsp);
	assert_true(rsp.id_from_long_term_id.object_id == 0x1200000000000005ULL); /* REPLID 5, counter 0x12 */

	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.7-getperuserlongtermids.hex", "60 00 00", &req);
	assert_guid(&req.get_per_user_long_term_ids.database_guid, "{64D4774D-4983-4F70-9B8B-46E635BB78AB}");
	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.7-getperuserlongtermids.hex", "60 00 00 00 00 00",
	                 &req, &rsp);
	assert_int_equal(rsp.get_per_user_long_term_ids.long_term_id_count, 0);
}

/* MS-OXCSTOR 4.8 RopReadPerUserInformation, 4.9 RopWritePerUserInformation */
static void test_per_user_information_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example_request(*state, &empty_ctx, "MS-OXCSTOR-4.8-readperuserinformation.hex", "63 00 00", &req);
	assert_int_equal(req.read_per_user_information.folder_id.bytes[0], 0x70);
	assert_int_equal(req.read_per_user_information.data_offset, 0);
	assert_int_equal(req.read_per_user_information.max_data_size, 0);
	example_response(*state, &empty_ctx, "MS-OXCSTOR-4.8-readperuserinformation.hex", "63 00 00 00 00 00",
	                 &req, &rsp);
	assert_int_equal(rsp.read_per_user_information.has_finished, 1);
	assert_int_equal(rsp.read_per_user_information.data_size, 0x18);
	assert_int_equal(rsp.read_per_user_information.data[0], 0xD8);
	assert_int_equal(rsp.read_per_user_information.data[23], 0x00);

	/* ReplGuid is there because DataOffset is 0 on a private mailbox logon */
	struct rop_ctx priv = empty_ctx;
	rop_ctx_set_logon(&priv, 0, true);
	example_request(*state, &priv, "MS-OXCSTOR-4.9-writeperuserinformation.hex", "64 00 00", &req);
	assert_int_equal(req.write_per_user_information.has_finished, 1);
	assert_int_equal(req.write_per_user_information.data_offset, 0);
	assert_int_equal(req.write_per_user_information.data_size, 0x18);
	assert_guid(&req.write_per_user_information.repl_guid, "{73AE44D8-61F9-4F5D-B3C6-9A7C31FEC123}");

	/* on a public folders logon the same bytes leave the 16 bytes of ReplGuid unread */
	size_t body_len, n;
	uint8_t *body = tu_vector(*state, "MS-OXCSTOR-4.9-writeperuserinformation.hex", "request", &body_len);
	uint8_t *b = rop_tu_cat(*state, "64 00 00", body, body_len, &n);
	struct wc_reader r;
	struct rop_ctx c = empty_ctx;
	wc_reader_init(&r, b, n);
	assert_int_equal(rop_request_pull(&r, *state, &c, &req), 0);
	assert_int_equal(wc_reader_left(&r), 16);
}

static uint8_t ltid_a[24] = {1,  2,  3,  4,  5,  6,    7,    8,    9,    10,   11,
                             12, 13, 14, 15, 16, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66};

/* Every request, hand-built from the MS-OXCROPS 2.2.3 field tables. */
static void test_requests(void **state)
{
	static uint8_t data[3] = {0xAA, 0xBB, 0xCC};
	struct rop_request logon_private = {
	        .id = ROP_LOGON,
	        .logon_id = 3,
	        .output_handle_index = 1,
	        .logon = {.logon_flags = LOGON_PRIVATE, .open_flags = 0x01000004, .essdn = "/o=a"}};
	struct rop_request logon_public = {.id = ROP_LOGON,
	                                   .logon_id = 4,
	                                   .output_handle_index = 0,
	                                   .logon = {.open_flags = LOGON_OPEN_PUBLIC}};
	struct rop_request get_rf = {.id = ROP_GET_RECEIVE_FOLDER,
	                             .logon_id = 1,
	                             .input_handle_index = 2,
	                             .get_receive_folder = {.message_class = "IPM.Note"}};
	struct rop_request set_rf = {
	        .id = ROP_SET_RECEIVE_FOLDER,
	        .logon_id = 1,
	        .input_handle_index = 0,
	        .set_receive_folder = {.folder_id = 0x0807060504030201ULL, .message_class = "IPM"}};
	struct rop_request get_rft = {
	        .id = ROP_GET_RECEIVE_FOLDER_TABLE, .logon_id = 1, .input_handle_index = 5};
	struct rop_request get_ss = {.id = ROP_GET_STORE_STATE, .logon_id = 2, .input_handle_index = 0};
	struct rop_request owning = {.id = ROP_GET_OWNING_SERVERS,
	                             .input_handle_index = 1,
	                             .get_owning_servers = {.folder_id = 0x1122334455667788ULL}};
	struct rop_request ghosted = {.id = ROP_PUBLIC_FOLDER_IS_GHOSTED,
	                              .input_handle_index = 1,
	                              .public_folder_is_ghosted = {.folder_id = 0x8877665544332211ULL}};
	struct rop_request ltid_from_id = {.id = ROP_LONG_TERM_ID_FROM_ID,
	                                   .long_term_id_from_id = {.object_id = 0x0102030405060708ULL}};
	struct rop_request id_from_ltid = {.id = ROP_ID_FROM_LONG_TERM_ID};
	struct rop_request per_user_ltids = {.id = ROP_GET_PER_USER_LONG_TERM_IDS};
	struct rop_request per_user_guid = {.id = ROP_GET_PER_USER_GUID};
	struct rop_request read_pui = {
	        .id = ROP_READ_PER_USER_INFORMATION,
	        .read_per_user_information = {.reserved = 0, .data_offset = 0x100, .max_data_size = 0x1000}};
	struct rop_request write_pui = {
	        .id = ROP_WRITE_PER_USER_INFORMATION,
	        .logon_id = 7,
	        .write_per_user_information = {
	                .has_finished = 0, .data_offset = 0, .data_size = 3, .data = data}};
	memcpy(id_from_ltid.id_from_long_term_id.long_term_id.bytes, ltid_a, 24);
	memcpy(per_user_guid.get_per_user_guid.long_term_id.bytes, ltid_a, 24);
	memcpy(read_pui.read_per_user_information.folder_id.bytes, ltid_a, 24);
	memcpy(write_pui.write_per_user_information.folder_id.bytes, ltid_a, 24);
	per_user_ltids.get_per_user_long_term_ids.database_guid =
	        tu_guid("{00020329-0000-0000-C000-000000000046}");
	write_pui.write_per_user_information.repl_guid = tu_guid("{00020329-0000-0000-C000-000000000046}");

#define LTID_A_HEX "01 02 03 04 05 06 07 08 09 0A 0B 0C 0D 0E 0F 10 11 22 33 44 55 66 00 00"
#define GUID_HEX "29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46"
	rop_tu_request_case(*state, &empty_ctx, "RopLogon private", &logon_private,
	                    "FE 03 01"               /* RopId, LogonId, OutputHandleIndex */
	                    "01 04 00 00 01"         /* LogonFlags Private, OpenFlags */
	                    "00 00 00 00"            /* StoreState */
	                    "05 00 2F 6F 3D 61 00"); /* EssdnSize, Essdn "/o=a" */
	rop_tu_request_case(*state, &empty_ctx, "RopLogon public", &logon_public,
	                    "FE 04 00 00 02 00 00 00 00 00 00 00 00 00"); /* ... EssdnSize 0, no Essdn */
	rop_tu_request_case(*state, &empty_ctx, "RopGetReceiveFolder", &get_rf,
	                    "27 01 02 49 50 4D 2E 4E 6F 74 65 00"); /* MessageClass "IPM.Note" */
	rop_tu_request_case(*state, &empty_ctx, "RopSetReceiveFolder", &set_rf,
	                    "26 01 00 01 02 03 04 05 06 07 08 49 50 4D 00"); /* FolderId, MessageClass */
	rop_tu_request_case(*state, &empty_ctx, "RopGetReceiveFolderTable", &get_rft, "68 01 05");
	rop_tu_request_case(*state, &empty_ctx, "RopGetStoreState", &get_ss, "7B 02 00");
	rop_tu_request_case(*state, &empty_ctx, "RopGetOwningServers", &owning,
	                    "42 00 01 88 77 66 55 44 33 22 11");
	rop_tu_request_case(*state, &empty_ctx, "RopPublicFolderIsGhosted", &ghosted,
	                    "45 00 01 11 22 33 44 55 66 77 88");
	rop_tu_request_case(*state, &empty_ctx, "RopLongTermIdFromId", &ltid_from_id,
	                    "43 00 00 08 07 06 05 04 03 02 01");
	rop_tu_request_case(*state, &empty_ctx, "RopIdFromLongTermId", &id_from_ltid, "44 00 00" LTID_A_HEX);
	rop_tu_request_case(*state, &empty_ctx, "RopGetPerUserLongTermIds", &per_user_ltids,
	                    "60 00 00" GUID_HEX);
	rop_tu_request_case(*state, &empty_ctx, "RopGetPerUserGuid", &per_user_guid, "61 00 00" LTID_A_HEX);
	rop_tu_request_case(*state, &empty_ctx, "RopReadPerUserInformation", &read_pui,
	                    "63 00 00" LTID_A_HEX "00" /* FolderId, Reserved */
	                    "00 01 00 00 00 10");      /* DataOffset 0x100, MaxDataSize 0x1000 */
	/* ReplGuid: only at DataOffset 0 on a private logon (MS-OXCSTOR 2.2.1.13.1) */
	rop_tu_request_case(*state, &empty_ctx, "RopWritePerUserInformation public", &write_pui,
	                    "64 07 00" LTID_A_HEX "00 00 00 00 00 03 00 AA BB CC");
	struct rop_ctx priv = empty_ctx;
	rop_ctx_set_logon(&priv, 7, true);
	rop_tu_request_case(*state, &priv, "RopWritePerUserInformation private", &write_pui,
	                    "64 07 00" LTID_A_HEX "00 00 00 00 00 03 00 AA BB CC" GUID_HEX);
	write_pui.write_per_user_information.data_offset = 9;
	rop_tu_request_case(*state, &priv, "RopWritePerUserInformation private, offset 9", &write_pui,
	                    "64 07 00" LTID_A_HEX "00 09 00 00 00 03 00 AA BB CC");
}

/* A RopLogon request makes its LogonId private or public for the ROPs after it. */
static void test_logon_tracks_logon_kind(void **state)
{
	struct rop_ctx c = empty_ctx;
	struct wc_writer w;
	struct rop_request logon = {.id = ROP_LOGON, .logon_id = 9, .logon = {.logon_flags = LOGON_PRIVATE}};
	wc_writer_init(&w, *state, 0);
	assert_false(rop_ctx_logon_private(&c, 9));
	assert_int_equal(rop_request_push(&w, &c, &logon), 0);
	assert_true(rop_ctx_logon_private(&c, 9));
	assert_false(rop_ctx_logon_private(&c, 8));
	logon.logon.logon_flags = 0;
	assert_int_equal(rop_request_push(&w, &c, &logon), 0);
	assert_false(rop_ctx_logon_private(&c, 9));
}

/* Every response in its success and failure forms, hand-built from the MS-OXCROPS 2.2.3 field tables. */
static void test_responses(void **state)
{
	struct rop_request logon_private = {
	        .id = ROP_LOGON, .output_handle_index = 1, .logon = {.logon_flags = LOGON_PRIVATE}};
	struct rop_request logon_public = {.id = ROP_LOGON, .output_handle_index = 1};
	struct rop_response rsp;
	TALLOC_CTX *mem = *state;

#define FIDS_HEX                                                                                             \
	"01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 03 00 00 00 00 00 00 00 04 00 00 00 00 00 00 00"    \
	"05 00 00 00 00 00 00 00 06 00 00 00 00 00 00 00 07 00 00 00 00 00 00 00 08 00 00 00 00 00 00 00"    \
	"09 00 00 00 00 00 00 00 0A 00 00 00 00 00 00 00 0B 00 00 00 00 00 00 00 0C 00 00 00 00 00 00 00"    \
	"0D 00 00 00 00 00 00 00"
	rop_response_init(&rsp, &logon_private, 0);
	rsp.logon.logon_flags = LOGON_PRIVATE;
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++)
		rsp.logon.folder_ids[i] = (uint64_t)i + 1;
	rsp.logon.response_flags = LOGON_RESPONSE_RESERVED | LOGON_RESPONSE_OWNER_RIGHT;
	rsp.logon.mailbox_guid = tu_guid("{00020329-0000-0000-C000-000000000046}");
	rsp.logon.repl_id = 0x0102;
	rsp.logon.repl_guid = tu_guid("{00020329-0000-0000-C000-000000000046}");
	rsp.logon.logon_time = (struct rop_logon_time){1, 2, 3, 4, 5, 6, 2024};
	rsp.logon.gwart_time = 0x1122334455667788ULL;
	rsp.logon.store_state = 0;
	rop_tu_response_case(mem, &empty_ctx, "RopLogon private", &logon_private, &rsp,
	                     "FE 01 00 00 00 00 01" FIDS_HEX /* header, LogonFlags, FolderIds */
	                     "03" GUID_HEX "02 01" GUID_HEX /* ResponseFlags, MailboxGuid, ReplId, ReplGuid */
	                     "01 02 03 04 05 06 E8 07"      /* LogonTime */
	                     "88 77 66 55 44 33 22 11 00 00 00 00", /* GwartTime, StoreState */
	                     true);

	rop_response_init(&rsp, &logon_public, 0);
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++)
		rsp.logon.folder_ids[i] = (uint64_t)i + 1;
	rsp.logon.repl_id = 0x0102;
	rsp.logon.repl_guid = tu_guid("{00020329-0000-0000-C000-000000000046}");
	rop_tu_response_case(mem, &empty_ctx, "RopLogon public", &logon_public, &rsp,
	                     "FE 01 00 00 00 00 00" FIDS_HEX "02 01" GUID_HEX   /* ReplId, ReplGuid */
	                     "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00", /* PerUserGuid */
	                     true);

	rop_response_init(&rsp, &logon_private, ecWrongServer);
	rsp.logon.logon_flags = LOGON_PRIVATE;
	rsp.logon.server_name = "/o=b";
	rop_tu_response_case(
	        mem, &empty_ctx, "RopLogon redirect", &logon_private, &rsp,
	        "FE 01 78 04 00 00 01 05 2F 6F 3D 62 00", /* LogonFlags, ServerNameSize, ServerName */
	        true);
	rop_response_init(&rsp, &logon_private, 0x80040111);
	rop_tu_response_case(mem, &empty_ctx, "RopLogon failure", &logon_private, &rsp, "FE 01 11 01 04 80",
	                     true);

	struct rop_request get_rf = {.id = ROP_GET_RECEIVE_FOLDER, .input_handle_index = 2};
	rop_response_init(&rsp, &get_rf, 0);
	rsp.get_receive_folder.folder_id = 0x0807060504030201ULL;
	rsp.get_receive_folder.message_class = "IPM";
	rop_tu_response_case(mem, &empty_ctx, "RopGetReceiveFolder", &get_rf, &rsp,
	                     "27 02 00 00 00 00 01 02 03 04 05 06 07 08 49 50 4D 00", true);
	rop_response_init(&rsp, &get_rf, 0x8004010F);
	rop_tu_response_case(mem, &empty_ctx, "RopGetReceiveFolder failure", &get_rf, &rsp,
	                     "27 02 0F 01 04 80", true);

	/* one layout for success and failure: nothing after ReturnValue */
	struct rop_request set_rf = {.id = ROP_SET_RECEIVE_FOLDER, .input_handle_index = 3};
	rop_response_init(&rsp, &set_rf, 0);
	rop_tu_response_case(mem, &empty_ctx, "RopSetReceiveFolder", &set_rf, &rsp, "26 03 00 00 00 00",
	                     true);
	rop_response_init(&rsp, &set_rf, 0x80070005);
	rop_tu_response_case(mem, &empty_ctx, "RopSetReceiveFolder failure", &set_rf, &rsp,
	                     "26 03 05 00 07 80", true);

	/* a standard row and a flagged row with the class missing */
	struct rop_request get_rft = {.id = ROP_GET_RECEIVE_FOLDER_TABLE};
	struct mapi_row_value v1[3] = {{.pv = {.tag = 0x67480014, .value.i64 = 0x0102}},
	                               {.pv = {.tag = 0x001A001E, .value.str = "IPM"}},
	                               {.pv = {.tag = 0x30080040, .value.time = 0x01C882C05F56EF32ULL}}};
	struct mapi_row_value v2[3] = {{.pv = {.tag = 0x67480014, .value.i64 = 0x0304}},
	                               {.flag = MAPI_VALUE_NOT_PRESENT, .pv = {.tag = 0x001A001E}},
	                               {.pv = {.tag = 0x30080040, .value.time = 1}}};
	struct mapi_property_row rows[2] = {{.flag = MAPI_ROW_STANDARD, .count = 3, .values = v1},
	                                    {.flag = MAPI_ROW_FLAGGED, .count = 3, .values = v2}};
	rop_response_init(&rsp, &get_rft, 0);
	rsp.get_receive_folder_table.row_count = 2;
	rsp.get_receive_folder_table.rows = rows;
	rop_tu_response_case(
	        mem, &empty_ctx, "RopGetReceiveFolderTable", &get_rft, &rsp,
	        "68 00 00 00 00 00 02 00 00 00"                                  /* header, RowCount */
	        "00 02 01 00 00 00 00 00 00 49 50 4D 00 32 EF 56 5F C0 82 C8 01" /* standard row */
	        "01 00 04 03 00 00 00 00 00 00 01 00 01 00 00 00 00 00 00 00",   /* flagged row */
	        true);
	rop_response_init(&rsp, &get_rft, 0x80040102);
	rop_tu_response_case(mem, &empty_ctx, "RopGetReceiveFolderTable failure", &get_rft, &rsp,
	                     "68 00 02 01 04 80", true);

	struct rop_request get_ss = {.id = ROP_GET_STORE_STATE};
	rop_response_init(&rsp, &get_ss, 0);
	rsp.get_store_state.store_state = STORE_HAS_SEARCHES;
	rop_tu_response_case(mem, &empty_ctx, "RopGetStoreState", &get_ss, &rsp,
	                     "7B 00 00 00 00 00 00 00 00 01", true);
	rop_response_init(&rsp, &get_ss, 0x80040102);
	rop_tu_response_case(mem, &empty_ctx, "RopGetStoreState failure", &get_ss, &rsp, "7B 00 02 01 04 80",
	                     true);

	char *servers[] = {"/o=s1", "/o=s2"};
	struct rop_request owning = {.id = ROP_GET_OWNING_SERVERS, .input_handle_index = 1};
	rop_response_init(&rsp, &owning, 0);
	rsp.get_owning_servers.servers = (struct rop_server_list){2, 1, servers};
	rop_tu_response_case(mem, &empty_ctx, "RopGetOwningServers", &owning, &rsp,
	                     "42 01 00 00 00 00 02 00 01 00 2F 6F 3D 73 31 00 2F 6F 3D 73 32 00", true);
	rop_response_init(&rsp, &owning, 0x00000468);
	rop_tu_response_case(mem, &empty_ctx, "RopGetOwningServers failure", &owning, &rsp,
	                     "42 01 68 04 00 00", true);

	struct rop_request ghosted = {.id = ROP_PUBLIC_FOLDER_IS_GHOSTED, .input_handle_index = 1};
	rop_response_init(&rsp, &ghosted, 0);
	rsp.public_folder_is_ghosted.is_ghosted = 1;
	rsp.public_folder_is_ghosted.servers = (struct rop_server_list){1, 1, servers};
	rop_tu_response_case(mem, &empty_ctx, "RopPublicFolderIsGhosted ghosted", &ghosted, &rsp,
	                     "45 01 00 00 00 00 01 01 00 01 00 2F 6F 3D 73 31 00", true);
	rop_response_init(&rsp, &ghosted, 0);
	rop_tu_response_case(mem, &empty_ctx, "RopPublicFolderIsGhosted active", &ghosted, &rsp,
	                     "45 01 00 00 00 00 00", true);
	rop_response_init(&rsp, &ghosted, 0x8004010F);
	rop_tu_response_case(mem, &empty_ctx, "RopPublicFolderIsGhosted failure", &ghosted, &rsp,
	                     "45 01 0F 01 04 80", true);

	struct rop_request ltid_from_id = {.id = ROP_LONG_TERM_ID_FROM_ID};
	rop_response_init(&rsp, &ltid_from_id, 0);
	memcpy(rsp.long_term_id_from_id.long_term_id.bytes, ltid_a, 24);
	rop_tu_response_case(mem, &empty_ctx, "RopLongTermIdFromId", &ltid_from_id, &rsp,
	                     "43 00 00 00 00 00" LTID_A_HEX, true);
	rop_response_init(&rsp, &ltid_from_id, 0x8004010F);
	rop_tu_response_case(mem, &empty_ctx, "RopLongTermIdFromId failure", &ltid_from_id, &rsp,
	                     "43 00 0F 01 04 80", true);

	struct rop_request id_from_ltid = {.id = ROP_ID_FROM_LONG_TERM_ID};
	rop_response_init(&rsp, &id_from_ltid, 0);
	rsp.id_from_long_term_id.object_id = 0x0807060504030201ULL;
	rop_tu_response_case(mem, &empty_ctx, "RopIdFromLongTermId", &id_from_ltid, &rsp,
	                     "44 00 00 00 00 00 01 02 03 04 05 06 07 08", true);
	rop_response_init(&rsp, &id_from_ltid, 0x8004010F);
	rop_tu_response_case(mem, &empty_ctx, "RopIdFromLongTermId failure", &id_from_ltid, &rsp,
	                     "44 00 0F 01 04 80", true);

	struct rop_long_term_id ltids[1];
	memcpy(ltids[0].bytes, ltid_a, 24);
	struct rop_request per_user_ltids = {.id = ROP_GET_PER_USER_LONG_TERM_IDS};
	rop_response_init(&rsp, &per_user_ltids, 0);
	rsp.get_per_user_long_term_ids.long_term_id_count = 1;
	rsp.get_per_user_long_term_ids.long_term_ids = ltids;
	rop_tu_response_case(mem, &empty_ctx, "RopGetPerUserLongTermIds", &per_user_ltids, &rsp,
	                     "60 00 00 00 00 00 01 00" LTID_A_HEX, true);
	rop_response_init(&rsp, &per_user_ltids, 0x80040102);
	rop_tu_response_case(mem, &empty_ctx, "RopGetPerUserLongTermIds failure", &per_user_ltids, &rsp,
	                     "60 00 02 01 04 80", true);

	struct rop_request per_user_guid = {.id = ROP_GET_PER_USER_GUID};
	rop_response_init(&rsp, &per_user_guid, 0);
	rsp.get_per_user_guid.database_guid = tu_guid("{00020329-0000-0000-C000-000000000046}");
	rop_tu_response_case(mem, &empty_ctx, "RopGetPerUserGuid", &per_user_guid, &rsp,
	                     "61 00 00 00 00 00" GUID_HEX, true);
	rop_response_init(&rsp, &per_user_guid, 0x8004010F);
	rop_tu_response_case(mem, &empty_ctx, "RopGetPerUserGuid failure", &per_user_guid, &rsp,
	                     "61 00 0F 01 04 80", true);

	static uint8_t data[2] = {0x55, 0x66};
	struct rop_request read_pui = {.id = ROP_READ_PER_USER_INFORMATION};
	rop_response_init(&rsp, &read_pui, 0);
	rsp.read_per_user_information.has_finished = 1;
	rsp.read_per_user_information.data_size = 2;
	rsp.read_per_user_information.data = data;
	rop_tu_response_case(mem, &empty_ctx, "RopReadPerUserInformation", &read_pui, &rsp,
	                     "63 00 00 00 00 00 01 02 00 55 66", true);
	rop_response_init(&rsp, &read_pui, 0x8004010F);
	rop_tu_response_case(mem, &empty_ctx, "RopReadPerUserInformation failure", &read_pui, &rsp,
	                     "63 00 0F 01 04 80", true);

	struct rop_request write_pui = {.id = ROP_WRITE_PER_USER_INFORMATION, .input_handle_index = 4};
	rop_response_init(&rsp, &write_pui, 0);
	rop_tu_response_case(mem, &empty_ctx, "RopWritePerUserInformation", &write_pui, &rsp,
	                     "64 04 00 00 00 00", true);
	rop_response_init(&rsp, &write_pui, 0x80070005);
	rop_tu_response_case(mem, &empty_ctx, "RopWritePerUserInformation failure", &write_pui, &rsp,
	                     "64 04 05 00 07 80", true);
}

/* Lengths the codec cannot express are refused, not truncated. */
static void test_oversized_strings_refused(void **state)
{
	char *long_name = talloc_zero_array(*state, char, 300);
	memset(long_name, 'x', 299);
	struct rop_request logon = {.id = ROP_LOGON, .logon = {.logon_flags = LOGON_PRIVATE}};
	struct rop_response rsp;
	rop_response_init(&rsp, &logon, ecWrongServer);
	rsp.logon.server_name = long_name; /* ServerNameSize is one byte */
	struct wc_writer w;
	struct rop_ctx c = empty_ctx;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &c, &logon, &rsp), WC_ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_logon_private_example),
	        TU_TEST(test_logon_public_example),
	        TU_TEST(test_receive_folder_examples),
	        TU_TEST(test_receive_folder_table_example),
	        TU_TEST(test_long_term_id_examples),
	        TU_TEST(test_per_user_information_examples),
	        TU_TEST(test_requests),
	        TU_TEST(test_logon_tracks_logon_kind),
	        TU_TEST(test_responses),
	        TU_TEST(test_oversized_strings_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
