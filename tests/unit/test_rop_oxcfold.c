/* src/mapi/rop_oxcfold.c: the Folder Object protocol ROPs (MS-OXCFOLD 2.2.1, MS-OXCROPS 2.2.4), against the
 * whole-ROP examples of MS-OXCFOLD section 4 and hand-built bytes for every request and response form. */
#include "rop_testutil.h"

/* Decodes the @request and @response blobs of a MS-OXCFOLD 4.x vector and checks both encode back. */
static void example(TALLOC_CTX *mem, const char *file, struct rop_request *req, struct rop_response *rsp)
{
	size_t n;
	uint8_t *b = tu_vector(mem, file, "request", &n);
	struct rop_ctx c = empty_ctx;
	rop_tu_pull_request(mem, &c, file, b, n, req);
	c = empty_ctx;
	rop_tu_push_request(mem, &c, file, req, b, n);
	b = tu_vector(mem, file, "response", &n);
	c = empty_ctx;
	rop_tu_pull_response(mem, &c, file, req, b, n, rsp);
	assert_int_equal(rsp->return_value, 0);
	c = empty_ctx;
	rop_tu_push_response(mem, &c, file, req, rsp, b, n);
}

/* MS-OXCFOLD 4.1 Creating a New Folder */
static void test_create_folder_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example(*state, "MS-OXCFOLD-4.1-createfolder.hex", &req, &rsp);
	assert_int_equal(req.id, ROP_CREATE_FOLDER);
	assert_int_equal(req.logon_id, 0);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.create_folder.folder_type, FOLDER_GENERIC);
	assert_int_equal(req.create_folder.use_unicode, 1);
	assert_int_equal(req.create_folder.open_existing, 0);
	assert_string_equal(req.create_folder.display_name, "Folder1");
	assert_string_equal(req.create_folder.comment, "");
	assert_int_equal(rsp.handle_index, 1);
	assert_true(rsp.create_folder.folder_id == 0x1252910E00000001ULL); /* 0001-00000E915212 */
	assert_int_equal(rsp.create_folder.is_existing_folder, 0);
}

/* MS-OXCFOLD 4.2 Deleting an Existing Folder, 4.3 Deleting Messages Within a Folder */
static void test_delete_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example(*state, "MS-OXCFOLD-4.2-deletefolder.hex", &req, &rsp);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.delete_folder.delete_folder_flags, DEL_MESSAGES | DEL_FOLDERS);
	assert_true(req.delete_folder.folder_id == 0x36DF8E0E00000001ULL); /* 0001-00000E8EDF36 */
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.delete_folder.partial_completion, 0);

	example(*state, "MS-OXCFOLD-4.3-deletemessages.hex", &req, &rsp);
	assert_int_equal(req.delete_messages.want_asynchronous, 0);
	assert_int_equal(req.delete_messages.notify_non_read, 1);
	assert_int_equal(req.delete_messages.message_id_count, 2);
	assert_true(req.delete_messages.message_ids[0] == 0x48F18E0E00000001ULL);
	assert_true(req.delete_messages.message_ids[1] == 0x02C38E0E00000001ULL);
	assert_int_equal(rsp.delete_messages.partial_completion, 0);
}

/* MS-OXCFOLD 4.4 Moving Messages, 4.5 Moving a Folder, 4.6 Copying a Folder */
static void test_move_copy_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example(*state, "MS-OXCFOLD-4.4-movecopymessages.hex", &req, &rsp);
	assert_int_equal(req.source_handle_index, 0);
	assert_int_equal(req.dest_handle_index, 1);
	assert_int_equal(req.move_copy_messages.message_id_count, 1);
	assert_true(req.move_copy_messages.message_ids[0] == 0x5DEC8E0E00000001ULL);
	assert_int_equal(req.move_copy_messages.want_asynchronous, 0);
	assert_int_equal(req.move_copy_messages.want_copy, 0);
	assert_int_equal(rsp.move_copy_messages.partial_completion, 0);

	example(*state, "MS-OXCFOLD-4.5-movefolder.hex", &req, &rsp);
	assert_int_equal(req.source_handle_index, 1);
	assert_int_equal(req.dest_handle_index, 2);
	assert_int_equal(req.move_folder.want_asynchronous, 1);
	assert_int_equal(req.move_folder.use_unicode, 1);
	assert_true(req.move_folder.folder_id == 0x36DF8E0E00000001ULL);
	assert_string_equal(req.move_folder.new_folder_name, "Folder1");
	assert_int_equal(rsp.handle_index, 1);

	example(*state, "MS-OXCFOLD-4.6-copyfolder.hex", &req, &rsp);
	assert_int_equal(req.copy_folder.want_asynchronous, 1);
	assert_int_equal(req.copy_folder.want_recursive, 1);
	assert_int_equal(req.copy_folder.use_unicode, 1);
	assert_true(req.copy_folder.folder_id == 0x36DF8E0E00000001ULL);
	assert_string_equal(req.copy_folder.new_folder_name, "Folder1");
	assert_int_equal(rsp.copy_folder.partial_completion, 0);
}

/* MS-OXCFOLD 4.7 Getting the List of Subfolders */
static void test_hierarchy_table_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example(*state, "MS-OXCFOLD-4.7-gethierarchytable.hex", &req, &rsp);
	assert_int_equal(req.input_handle_index, 1);
	assert_int_equal(req.output_handle_index, 2);
	assert_int_equal(req.get_hierarchy_table.table_flags, 0);
	assert_int_equal(rsp.handle_index, 2);
	assert_int_equal(rsp.get_hierarchy_table.row_count, 21);
}

/* The restriction of MS-OXCFOLD 4.8.1 / 4.9.2: (class not one of seven) AND (PidTagImportance = 2). */
static void assert_example_restriction(const struct mapi_restriction *res)
{
	static const char *const classes[7] = {"IPM.Appointment", "IPM.Contact",    "IPM.DistList",
	                                       "IPM.Activity",    "IPM.StickyNote", "IPM.Task",
	                                       "IPM.Task."};
	assert_non_null(res);
	assert_int_equal(res->type, RES_AND);
	assert_int_equal(res->and_or.count, 2);
	const struct mapi_restriction *nots = &res->and_or.res[0];
	assert_int_equal(nots->type, RES_AND);
	assert_int_equal(nots->and_or.count, 7);
	for (int i = 0; i < 7; i++) {
		const struct mapi_restriction *not_ = &nots->and_or.res[i];
		assert_int_equal(not_->type, RES_NOT);
		const struct mapi_restriction *c = not_->not_.res;
		assert_int_equal(c->type, RES_CONTENT);
		assert_int_equal(c->content.fuzzy_level,
		                 i == 5 ? FL_FULLSTRING | FL_IGNORECASE : FL_PREFIX | FL_IGNORECASE);
		assert_int_equal(c->content.proptag, 0x001A001F);
		assert_int_equal(c->content.pv.tag, 0x001A001F);
		assert_string_equal(c->content.pv.value.str, classes[i]);
	}
	const struct mapi_restriction *imp = &res->and_or.res[1];
	assert_int_equal(imp->type, RES_AND);
	assert_int_equal(imp->and_or.count, 1);
	assert_int_equal(imp->and_or.res[0].type, RES_PROPERTY);
	assert_int_equal(imp->and_or.res[0].property.relop, RELOP_EQ);
	assert_int_equal(imp->and_or.res[0].property.proptag, 0x00170003);
	assert_int_equal(imp->and_or.res[0].property.pv.value.i32, 2);
}

/* MS-OXCFOLD 4.8 Setting and 4.9 Getting the Search Criteria */
static void test_search_criteria_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	example(*state, "MS-OXCFOLD-4.8-setsearchcriteria.hex", &req, &rsp);
	assert_int_equal(req.input_handle_index, 1);
	assert_example_restriction(req.set_search_criteria.restriction);
	assert_int_equal(req.set_search_criteria.folder_id_count, 1);
	assert_true(req.set_search_criteria.folder_ids[0] == 0x8814000000000001ULL); /* 0001-000000001488 */
	assert_int_equal(req.set_search_criteria.search_flags,
	                 RESTART_SEARCH | SHALLOW_SEARCH | BACKGROUND_SEARCH | NON_CONTENT_INDEXED_SEARCH);
	assert_int_equal(rsp.handle_index, 1);

	example(*state, "MS-OXCFOLD-4.9-getsearchcriteria.hex", &req, &rsp);
	assert_int_equal(req.get_search_criteria.use_unicode, 1);
	assert_int_equal(req.get_search_criteria.include_restriction, 1);
	assert_int_equal(req.get_search_criteria.include_folders, 0);
	assert_example_restriction(rsp.get_search_criteria.restriction);
	assert_int_equal(rsp.get_search_criteria.logon_id, 0);
	assert_int_equal(rsp.get_search_criteria.folder_id_count, 0);
	assert_int_equal(rsp.get_search_criteria.search_flags, SEARCH_RUNNING);
}

/* A RestrictionDataSize that does not match the restriction in it is malformed, both ways. */
static void test_restriction_size_must_match(void **state)
{
	static const char *const bad[] = {
	        "30 00 00 06 00 08 1F 00 37 00 00 00 00 00 00 00 00", /* size 6, RES_EXIST takes 5 */
	        "30 00 00 04 00 08 1F 00 37 00 00 00 00 00 00 00 00", /* size 4 */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		size_t n;
		uint8_t *b = tu_hex(*state, bad[i], &n);
		struct wc_reader r;
		struct rop_request req;
		struct rop_ctx c = empty_ctx;
		wc_reader_init(&r, b, n);
		assert_int_equal(rop_request_pull(&r, *state, &c, &req), WC_EFORMAT);
	}
}

/* Every request, hand-built from the MS-OXCROPS 2.2.4 field tables. */
static void test_requests(void **state)
{
	TALLOC_CTX *mem = *state;
	static uint64_t ids[2] = {0x0102030405060708ULL, 0x1112131415161718ULL};
	static struct mapi_restriction exist = {.type = RES_EXIST, .exist = {.proptag = 0x0037001F}};
	const struct {
		const char *what;
		struct rop_request req;
		const char *hex;
	} cases[] = {
	        {"RopOpenFolder",
	         {.id = ROP_OPEN_FOLDER,
	          .logon_id = 1,
	          .input_handle_index = 2,
	          .output_handle_index = 3,
	          .open_folder = {.folder_id = 0x0807060504030201ULL, .open_mode_flags = OPEN_SOFT_DELETED}},
	         "02 01 02 03 01 02 03 04 05 06 07 08 04"},
	        {"RopCreateFolder 8-bit",
	         {.id = ROP_CREATE_FOLDER,
	          .input_handle_index = 0,
	          .output_handle_index = 1,
	          .create_folder = {.folder_type = FOLDER_SEARCH,
	                            .use_unicode = 0,
	                            .open_existing = 1,
	                            .display_name = "S",
	                            .comment = "c"}},
	         "1C 00 00 01 02 00 01 00 53 00 63 00"},
	        {"RopDeleteFolder",
	         {.id = ROP_DELETE_FOLDER,
	          .input_handle_index = 4,
	          .delete_folder = {.delete_folder_flags = DELETE_HARD_DELETE,
	                            .folder_id = 0x0807060504030201ULL}},
	         "1D 00 04 10 01 02 03 04 05 06 07 08"},
	        {"RopSetSearchCriteria",
	         {.id = ROP_SET_SEARCH_CRITERIA,
	          .input_handle_index = 1,
	          .set_search_criteria = {.restriction = &exist,
	                                  .folder_id_count = 2,
	                                  .folder_ids = ids,
	                                  .search_flags = RECURSIVE_SEARCH}},
	         "30 00 01 05 00 08 1F 00 37 00"                         /* RestrictionDataSize, RES_EXIST */
	         "02 00 08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11" /* FolderIdCount, FolderIds */
	         "04 00 00 00"},                                         /* SearchFlags */
	        {"RopSetSearchCriteria reusing the last criteria",
	         {.id = ROP_SET_SEARCH_CRITERIA, .set_search_criteria = {.search_flags = STOP_SEARCH}},
	         "30 00 00 00 00 00 00 01 00 00 00"},
	        {"RopGetSearchCriteria",
	         {.id = ROP_GET_SEARCH_CRITERIA,
	          .get_search_criteria = {.use_unicode = 0, .include_restriction = 1, .include_folders = 1}},
	         "31 00 00 00 01 01"},
	        {"RopMoveCopyMessages",
	         {.id = ROP_MOVE_COPY_MESSAGES,
	          .source_handle_index = 1,
	          .dest_handle_index = 2,
	          .move_copy_messages = {.message_id_count = 2,
	                                 .message_ids = ids,
	                                 .want_asynchronous = 1,
	                                 .want_copy = 1}},
	         "33 00 01 02 02 00 08 07 06 05 04 03 02 01 18 17 16 15 14 13 12 11 01 01"},
	        {"RopMoveFolder 8-bit",
	         {.id = ROP_MOVE_FOLDER,
	          .source_handle_index = 0,
	          .dest_handle_index = 1,
	          .move_folder =
	                  {.want_asynchronous = 0, .use_unicode = 0, .folder_id = 1, .new_folder_name = "F"}},
	         "35 00 00 01 00 00 01 00 00 00 00 00 00 00 46 00"},
	        {"RopCopyFolder",
	         {.id = ROP_COPY_FOLDER,
	          .source_handle_index = 0,
	          .dest_handle_index = 1,
	          .copy_folder = {.want_asynchronous = 0,
	                          .want_recursive = 1,
	                          .use_unicode = 1,
	                          .folder_id = 2,
	                          .new_folder_name = "\xC3\xA9"}},
	         "36 00 00 01 00 01 01 02 00 00 00 00 00 00 00 E9 00 00 00"}, /* "é" in UTF-16LE */
	        {"RopEmptyFolder",
	         {.id = ROP_EMPTY_FOLDER,
	          .input_handle_index = 3,
	          .empty_folder = {.want_asynchronous = 0, .want_delete_associated = 1}},
	         "58 00 03 00 01"},
	        {"RopHardDeleteMessagesAndSubfolders",
	         {.id = ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS,
	          .hard_delete_messages_and_subfolders = {.want_asynchronous = 1,
	                                                  .want_delete_associated = 0}},
	         "92 00 00 01 00"},
	        {"RopDeleteMessages none",
	         {.id = ROP_DELETE_MESSAGES, .delete_messages = {.want_asynchronous = 1}},
	         "1E 00 00 01 00 00 00"},
	        {"RopHardDeleteMessages",
	         {.id = ROP_HARD_DELETE_MESSAGES,
	          .hard_delete_messages = {.notify_non_read = 1, .message_id_count = 1, .message_ids = ids}},
	         "91 00 00 00 01 01 00 08 07 06 05 04 03 02 01"},
	        {"RopGetHierarchyTable",
	         {.id = ROP_GET_HIERARCHY_TABLE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .get_hierarchy_table = {.table_flags = TABLE_FLAG_DEPTH | TABLE_FLAG_USE_UNICODE}},
	         "04 00 01 02 44"},
	        {"RopGetContentsTable",
	         {.id = ROP_GET_CONTENTS_TABLE,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .get_contents_table = {.table_flags = TABLE_FLAG_ASSOCIATED}},
	         "05 00 01 02 02"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		rop_tu_request_case(mem, &empty_ctx, cases[i].what, &cases[i].req, cases[i].hex);
}

/* Every response form, hand-built from the MS-OXCROPS 2.2.4 field tables. */
static void test_responses(void **state)
{
	TALLOC_CTX *mem = *state;
	static char *servers[] = {"s1", "s2"};
	static uint64_t ids[1] = {0x0102030405060708ULL};
	static struct mapi_restriction exist = {.type = RES_EXIST, .exist = {.proptag = 0x0037001F}};
	static const struct rop_request open = {
	        .id = ROP_OPEN_FOLDER, .input_handle_index = 0, .output_handle_index = 1};
	static const struct rop_request create = {.id = ROP_CREATE_FOLDER, .output_handle_index = 2};
	static const struct rop_request del = {.id = ROP_DELETE_FOLDER, .input_handle_index = 3};
	static const struct rop_request set_sc = {.id = ROP_SET_SEARCH_CRITERIA, .input_handle_index = 1};
	static const struct rop_request get_sc = {.id = ROP_GET_SEARCH_CRITERIA, .input_handle_index = 1};
	static const struct rop_request mcm = {
	        .id = ROP_MOVE_COPY_MESSAGES, .source_handle_index = 1, .dest_handle_index = 2};
	static const struct rop_request mf = {
	        .id = ROP_MOVE_FOLDER, .source_handle_index = 0, .dest_handle_index = 3};
	static const struct rop_request cf = {
	        .id = ROP_COPY_FOLDER, .source_handle_index = 4, .dest_handle_index = 5};
	static const struct rop_request empty = {.id = ROP_EMPTY_FOLDER, .input_handle_index = 1};
	static const struct rop_request hdms = {.id = ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS};
	static const struct rop_request dm = {.id = ROP_DELETE_MESSAGES, .input_handle_index = 2};
	static const struct rop_request hdm = {.id = ROP_HARD_DELETE_MESSAGES, .input_handle_index = 2};
	static const struct rop_request ght = {.id = ROP_GET_HIERARCHY_TABLE, .output_handle_index = 6};
	static const struct rop_request gct = {.id = ROP_GET_CONTENTS_TABLE, .output_handle_index = 7};
	const struct {
		const char *what;
		const struct rop_request *req;
		struct rop_response rsp;
		const char *hex;
	} cases[] = {
	        {"RopOpenFolder",
	         &open,
	         {.id = ROP_OPEN_FOLDER, .handle_index = 1, .open_folder = {.has_rules = 1}},
	         "02 01 00 00 00 00 01 00"},
	        {"RopOpenFolder ghosted",
	         &open,
	         {.id = ROP_OPEN_FOLDER,
	          .handle_index = 1,
	          .open_folder = {.is_ghosted = 1, .servers = {2, 1, servers}}},
	         "02 01 00 00 00 00 00 01 02 00 01 00 73 31 00 73 32 00"},
	        {"RopOpenFolder failure",
	         &open,
	         {.id = ROP_OPEN_FOLDER, .handle_index = 1, .return_value = 0x8004010F},
	         "02 01 0F 01 04 80"},
	        {"RopCreateFolder new",
	         &create,
	         {.id = ROP_CREATE_FOLDER,
	          .handle_index = 2,
	          .create_folder = {.folder_id = 0x0807060504030201ULL}},
	         "1C 02 00 00 00 00 01 02 03 04 05 06 07 08 00"},
	        {"RopCreateFolder existing",
	         &create,
	         {.id = ROP_CREATE_FOLDER,
	          .handle_index = 2,
	          .create_folder =
	                  {.folder_id = 1, .is_existing_folder = 1, .has_rules = 0, .is_ghosted = 0}},
	         "1C 02 00 00 00 00 01 00 00 00 00 00 00 00 01 00 00"},
	        {"RopCreateFolder existing ghosted",
	         &create,
	         {.id = ROP_CREATE_FOLDER,
	          .handle_index = 2,
	          .create_folder = {.folder_id = 1,
	                            .is_existing_folder = 1,
	                            .has_rules = 1,
	                            .is_ghosted = 1,
	                            .servers = {1, 1, servers}}},
	         "1C 02 00 00 00 00 01 00 00 00 00 00 00 00 01 01 01 01 00 01 00 73 31 00"},
	        {"RopCreateFolder failure",
	         &create,
	         {.id = ROP_CREATE_FOLDER, .handle_index = 2, .return_value = 0x00000502},
	         "1C 02 02 05 00 00"},
	        /* one layout for success and failure: PartialCompletion is there whatever ReturnValue says */
	        {"RopDeleteFolder partial",
	         &del,
	         {.id = ROP_DELETE_FOLDER, .handle_index = 3, .delete_folder = {.partial_completion = 1}},
	         "1D 03 00 00 00 00 01"},
	        {"RopDeleteFolder failure",
	         &del,
	         {.id = ROP_DELETE_FOLDER, .handle_index = 3, .return_value = 0x80040604},
	         "1D 03 04 06 04 80 00"},
	        {"RopSetSearchCriteria",
	         &set_sc,
	         {.id = ROP_SET_SEARCH_CRITERIA, .handle_index = 1},
	         "30 01 00 00 00 00"},
	        {"RopSetSearchCriteria failure",
	         &set_sc,
	         {.id = ROP_SET_SEARCH_CRITERIA, .handle_index = 1, .return_value = 0x00000461},
	         "30 01 61 04 00 00"},
	        {"RopGetSearchCriteria",
	         &get_sc,
	         {.id = ROP_GET_SEARCH_CRITERIA,
	          .handle_index = 1,
	          .get_search_criteria = {.restriction = &exist,
	                                  .logon_id = 5,
	                                  .folder_id_count = 1,
	                                  .folder_ids = ids,
	                                  .search_flags = SEARCH_COMPLETE}},
	         "31 01 00 00 00 00 05 00 08 1F 00 37 00" /* RestrictionDataSize, RestrictionData */
	         "05 01 00 08 07 06 05 04 03 02 01"       /* LogonId, FolderIdCount, FolderIds */
	         "00 10 00 00"},                          /* SearchFlags */
	        {"RopGetSearchCriteria without restriction",
	         &get_sc,
	         {.id = ROP_GET_SEARCH_CRITERIA, .handle_index = 1, .get_search_criteria = {.logon_id = 5}},
	         "31 01 00 00 00 00 00 00 05 00 00 00 00 00 00"},
	        {"RopGetSearchCriteria failure",
	         &get_sc,
	         {.id = ROP_GET_SEARCH_CRITERIA, .handle_index = 1, .return_value = 0x00000461},
	         "31 01 61 04 00 00"},
	        {"RopMoveCopyMessages",
	         &mcm,
	         {.id = ROP_MOVE_COPY_MESSAGES,
	          .handle_index = 1,
	          .move_copy_messages = {.partial_completion = 1}},
	         "33 01 00 00 00 00 01"},
	        {"RopMoveCopyMessages failure",
	         &mcm,
	         {.id = ROP_MOVE_COPY_MESSAGES, .handle_index = 1, .return_value = 0x80070005},
	         "33 01 05 00 07 80 00"},
	        /* MS-OXCROPS 2.2.4.6.3: ecDstNullObject carries a 4-byte DestHandleIndex */
	        {"RopMoveCopyMessages null destination",
	         &mcm,
	         {.id = ROP_MOVE_COPY_MESSAGES,
	          .handle_index = 1,
	          .return_value = ecDstNullObject,
	          .move_copy_messages = {.dest_handle_index = 2}},
	         "33 01 03 05 00 00 02 00 00 00 00"},
	        {"RopMoveFolder null destination",
	         &mf,
	         {.id = ROP_MOVE_FOLDER,
	          .handle_index = 0,
	          .return_value = ecDstNullObject,
	          .move_folder = {.dest_handle_index = 3, .partial_completion = 0}},
	         "35 00 03 05 00 00 03 00 00 00 00"},
	        {"RopMoveFolder", &mf, {.id = ROP_MOVE_FOLDER, .handle_index = 0}, "35 00 00 00 00 00 00"},
	        {"RopCopyFolder null destination",
	         &cf,
	         {.id = ROP_COPY_FOLDER,
	          .handle_index = 4,
	          .return_value = ecDstNullObject,
	          .copy_folder = {.dest_handle_index = 5, .partial_completion = 1}},
	         "36 04 03 05 00 00 05 00 00 00 01"},
	        {"RopCopyFolder failure",
	         &cf,
	         {.id = ROP_COPY_FOLDER, .handle_index = 4, .return_value = 0x80040604},
	         "36 04 04 06 04 80 00"},
	        {"RopEmptyFolder",
	         &empty,
	         {.id = ROP_EMPTY_FOLDER, .handle_index = 1},
	         "58 01 00 00 00 00 00"},
	        {"RopEmptyFolder failure",
	         &empty,
	         {.id = ROP_EMPTY_FOLDER,
	          .handle_index = 1,
	          .return_value = 0x80070005,
	          .empty_folder = {.partial_completion = 1}},
	         "58 01 05 00 07 80 01"},
	        {"RopHardDeleteMessagesAndSubfolders",
	         &hdms,
	         {.id = ROP_HARD_DELETE_MESSAGES_AND_SUBFOLDERS, .hard_delete_messages_and_subfolders = {1}},
	         "92 00 00 00 00 00 01"},
	        {"RopDeleteMessages failure",
	         &dm,
	         {.id = ROP_DELETE_MESSAGES, .handle_index = 2, .return_value = 0x80070005},
	         "1E 02 05 00 07 80 00"},
	        {"RopHardDeleteMessages",
	         &hdm,
	         {.id = ROP_HARD_DELETE_MESSAGES, .handle_index = 2},
	         "91 02 00 00 00 00 00"},
	        {"RopGetHierarchyTable",
	         &ght,
	         {.id = ROP_GET_HIERARCHY_TABLE, .handle_index = 6, .get_hierarchy_table = {0x01020304}},
	         "04 06 00 00 00 00 04 03 02 01"},
	        {"RopGetHierarchyTable failure",
	         &ght,
	         {.id = ROP_GET_HIERARCHY_TABLE, .handle_index = 6, .return_value = 0x80040102},
	         "04 06 02 01 04 80"},
	        {"RopGetContentsTable",
	         &gct,
	         {.id = ROP_GET_CONTENTS_TABLE, .handle_index = 7},
	         "05 07 00 00 00 00 00 00 00 00"},
	        {"RopGetContentsTable failure",
	         &gct,
	         {.id = ROP_GET_CONTENTS_TABLE, .handle_index = 7, .return_value = 0x80040102},
	         "05 07 02 01 04 80"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		rop_tu_response_case(mem, &empty_ctx, cases[i].what, cases[i].req, &cases[i].rsp,
		                     cases[i].hex, true);
}

/* A response must carry the RopId its request expects. */
static void test_response_to_other_request_fails(void **state)
{
	size_t n;
	uint8_t *b = tu_vector(*state, "MS-OXCFOLD-4.7-gethierarchytable.hex", "response", &n);
	struct rop_request contents = {.id = ROP_GET_CONTENTS_TABLE, .output_handle_index = 2};
	struct rop_response rsp;
	struct rop_ctx c = empty_ctx;
	struct wc_reader r;
	wc_reader_init(&r, b, n);
	assert_int_equal(rop_response_pull(&r, *state, &c, &contents, &rsp), WC_EFORMAT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_create_folder_example),
	        TU_TEST(test_delete_examples),
	        TU_TEST(test_move_copy_examples),
	        TU_TEST(test_hierarchy_table_example),
	        TU_TEST(test_search_criteria_examples),
	        TU_TEST(test_restriction_size_must_match),
	        TU_TEST(test_requests),
	        TU_TEST(test_responses),
	        TU_TEST(test_response_to_other_request_fails),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
