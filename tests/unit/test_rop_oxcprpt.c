/* src/mapi/rop_oxcprpt.c: the Property and Stream Object protocol ROPs and RopProgress (MS-OXCPRPT 2.2,
 * MS-OXCROPS 2.2.8 and 2.2.9), against the examples of MS-OXCPRPT section 4 and hand-built bytes for every
 * request and response form. */
#include "rop_testutil.h"

#define PS_TEST_GUID "00062002-0000-0000-C000-000000000046" /* the property set of MS-OXCPRPT 4.1.1 */
#define GUID_HEX "02 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46"

#define PID_TAG_SUBJECT 0x0037001F
#define PID_TAG_MESSAGE_SIZE 0x0E080003
#define PID_TAG_NORMALIZED_SUBJECT 0x0E1D001F

/* MS-OXCPRPT 4.1 Getting Property IDs */
static void test_property_ids_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx,
	                       "MS-OXCPRPT-4.1.1-getpropertyidsfromnames-propertynames.hex", "rop", &req);
	assert_int_equal(req.id, ROP_GET_PROPERTY_IDS_FROM_NAMES);
	assert_int_equal(req.get_property_ids_from_names.flags, PROPERTY_IDS_CREATE);
	assert_int_equal(req.get_property_ids_from_names.property_name_count, 2);
	struct wc_guid g = tu_guid(PS_TEST_GUID);
	for (int i = 0; i < 2; i++) {
		const struct mapi_propname *pn = &req.get_property_ids_from_names.property_names[i];
		assert_int_equal(pn->kind, MNID_STRING);
		assert_memory_equal(&pn->guid, &g, sizeof g);
		assert_string_equal(pn->name, i == 0 ? "TestProp1" : "TestProp2");
	}
	rop_tu_example_response(*state, &empty_ctx, "MS-OXCPRPT-4.1.2-getpropertyidsfromnames-response.hex",
	                        "response", &req, &rsp);
	assert_int_equal(rsp.get_property_ids_from_names.property_id_count, 2);
	assert_int_equal(rsp.get_property_ids_from_names.property_ids[0], 0x863E);
	assert_int_equal(rsp.get_property_ids_from_names.property_ids[1], 0x863F);
}

/* MS-OXCPRPT 4.2 Setting Properties */
static void test_set_properties_example(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, "MS-OXCPRPT-4.2.1-setproperties-propertyvalues.hex", "rop",
	                       &req);
	assert_int_equal(req.id, ROP_SET_PROPERTIES);
	assert_int_equal(req.set_properties.property_value_count, 2);
	assert_int_equal(req.set_properties.property_values[0].tag, 0x003D001F);
	assert_string_equal(req.set_properties.property_values[0].value.str, "");
	assert_int_equal(req.set_properties.property_values[1].tag, PID_TAG_NORMALIZED_SUBJECT);
	assert_string_equal(req.set_properties.property_values[1].value.str, "Hello World");
	rop_tu_example_response(*state, &empty_ctx, "MS-OXCPRPT-4.2.2-setproperties-response.hex", "response",
	                        &req, &rsp);
	assert_int_equal(rsp.set_properties.property_problem_count, 0);
}

/* MS-OXCPRPT 4.3 Getting Properties: the response row follows the request's tags */
static void test_get_properties_specific_example(void **state)
{
	const char *file = "MS-OXCPRPT-4.3-getpropertiesspecific.hex";
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "request", &req);
	const struct rop_get_properties_specific_req *q = &req.get_properties_specific;
	assert_int_equal(q->property_size_limit, 0);
	assert_int_equal(q->want_unicode, 1);
	assert_int_equal(q->property_tag_count, 3);
	assert_int_equal(q->property_tags[0], 0x863E000B);
	assert_int_equal(q->property_tags[1], 0x863F0003);
	assert_int_equal(q->property_tags[2], 0x65E20102);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	const struct mapi_property_row *row = &rsp.get_properties_specific.row_data;
	assert_int_equal(row->flag, MAPI_ROW_FLAGGED);
	assert_int_equal(row->count, 3);
	assert_false(row->values[0].pv.value.b);
	assert_int_equal(row->values[1].pv.value.i32, 0x62);
	assert_int_equal(row->values[2].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row->values[2].pv.value.err, 0x8004010F);

	/* the same row against two tags is a different, shorter response */
	req.get_properties_specific.property_tag_count = 2;
	size_t n;
	uint8_t *b = tu_vector(*state, file, "response", &n);
	struct wc_reader r;
	struct rop_ctx c = empty_ctx;
	wc_reader_init(&r, b, n);
	assert_int_equal(rop_response_pull(&r, *state, &c, &req, &rsp), 0);
	assert_int_equal(wc_reader_left(&r), 5);
}

/* MS-OXCPRPT 4.4 Working with Streams: opening, writing (the spec truncates the request), committing */
static void test_stream_examples(void **state)
{
	struct rop_request req;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, "MS-OXCPRPT-4.4.1-openstream.hex", "request", &req);
	assert_int_equal(req.id, ROP_OPEN_STREAM);
	assert_int_equal(req.logon_id, 1);
	assert_int_equal(req.input_handle_index, 0);
	assert_int_equal(req.output_handle_index, 1);
	assert_int_equal(req.open_stream.property_tag, 0x0E9A0102);
	assert_int_equal(req.open_stream.open_mode_flags, STREAM_OPEN_READ_WRITE);
	rop_tu_example_response(*state, &empty_ctx, "MS-OXCPRPT-4.4.1-openstream.hex", "response", &req,
	                        &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.open_stream.stream_size, 0x2E15);

	/* 4.4.2.1 shows 43 of the 11797 bytes DataSize announces: as printed it is truncated, and with
	 * DataSize set to what is shown it decodes to the text shown */
	const char *file = "MS-OXCPRPT-4.4.2-writestream.hex";
	size_t n;
	uint8_t *b = tu_vector(*state, file, "request", &n);
	struct wc_reader r;
	struct rop_ctx c = empty_ctx;
	wc_reader_init(&r, b, n);
	assert_int_equal(rop_request_pull(&r, *state, &c, &req), WC_EFORMAT);
	assert_int_equal(b[3] | b[4] << 8, 0x2E15);
	b[3] = (uint8_t)(n - 5);
	b[4] = 0;
	rop_tu_pull_request(*state, &c, file, b, n, &req);
	assert_int_equal(req.write_stream.data.len, 43);
	assert_memory_equal(req.write_stream.data.data, "\0\0an always restore the look of your docume", 43);
	rop_tu_example_response(*state, &empty_ctx, file, "response", &req, &rsp);
	assert_int_equal(rsp.handle_index, 1);
	assert_int_equal(rsp.write_stream.written_size, 0x2E15);

	rop_tu_example_request(*state, &empty_ctx, "MS-OXCPRPT-4.4.3-commitstream.hex", "request", &req);
	assert_int_equal(req.id, ROP_COMMIT_STREAM);
	assert_int_equal(req.input_handle_index, 1);
	rop_tu_example_response(*state, &empty_ctx, "MS-OXCPRPT-4.4.3-commitstream.hex", "response", &req,
	                        &rsp);
	assert_int_equal(rsp.return_value, 0);
}

/* MS-OXCPRPT 4.5 Asynchronous Progress: an asynchronous RopEmptyFolder answered by RopProgress, a
 * RopProgress request answered by RopProgress, and the last one by the RopEmptyFolder response. */
static void test_progress_example(void **state)
{
	const char *file = "MS-OXCPRPT-4.5-progress.hex";
	struct rop_request empty, progress;
	struct rop_response rsp;
	rop_tu_example_request(*state, &empty_ctx, file, "emptyfolder-request", &empty);
	assert_int_equal(empty.id, ROP_EMPTY_FOLDER);
	assert_int_equal(empty.empty_folder.want_asynchronous, 1);
	rop_tu_example_response(*state, &empty_ctx, file, "progress-response-1", &empty, &rsp);
	assert_int_equal(rsp.id, ROP_PROGRESS);
	assert_int_equal(rsp.progress.logon_id, 0);
	assert_int_equal(rsp.progress.completed_task_count, 29);
	assert_int_equal(rsp.progress.total_task_count, 729);

	rop_tu_example_request(*state, &empty_ctx, file, "progress-request", &progress);
	assert_int_equal(progress.id, ROP_PROGRESS);
	assert_int_equal(progress.progress.want_cancel, 0);
	rop_tu_example_response(*state, &empty_ctx, file, "progress-response-2", &progress, &rsp);
	assert_int_equal(rsp.progress.completed_task_count, 59);
	assert_int_equal(rsp.progress.total_task_count, 729);
	rop_tu_example_response(*state, &empty_ctx, file, "emptyfolder-response", &progress, &rsp);
	assert_int_equal(rsp.id, ROP_EMPTY_FOLDER);
	assert_int_equal(rsp.empty_folder.partial_completion, 0);

	/* the same through whole buffers, with the answer's own RopId in the output */
	size_t in_len, n;
	uint8_t *in = tu_hex(*state, "07 00 58 00 00 01 00 01 00 00 00", &in_len);
	uint8_t *out = tu_hex(*state, "11 00 50 00 00 00 00 00 00 1D 00 00 00 D9 02 00 00 01 00 00 00", &n);
	struct rop_request_buffer *reqs;
	struct rop_response_buffer *rsps;
	rop_tu_exchange(*state, in, in_len, out, n, &reqs, &rsps);
	assert_int_equal(rsps->rops[0].id, ROP_PROGRESS);
	assert_int_equal(rsps->request_index[0], 0);
}

/* Only the ROPs MS-OXCPRPT 3.1.5 lists trade responses with RopProgress. */
static void test_progress_answers_only_asynchronous_rops(void **state)
{
	static const struct rop_request progress = {.id = ROP_PROGRESS};
	static const struct rop_request all = {.id = ROP_GET_PROPERTIES_ALL};
	static const struct rop_request copy_to = {.id = ROP_COPY_TO};
	static const struct {
		const struct rop_request *req;
		const char *hex;
		bool ok;
	} cases[] = {
	        {&all, "50 00 00 00 00 00 00 01 00 00 00 02 00 00 00",
	         false},                                       /* RopProgress for another ROP */
	        {&progress, "08 00 00 00 00 00 00 00", false}, /* another ROP for RopProgress */
	        {&copy_to, "50 00 00 00 00 00 00 01 00 00 00 02 00 00 00", true}, /* RopCopyTo is running */
	        {&progress, "39 00 00 00 00 00 00 00", true},                     /* RopCopyTo is done */
	        {&progress, "33 00 03 05 00 00 01 00 00 00 00",
	         true}, /* RopMoveCopyMessages: ecDstNullObject */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n;
		uint8_t *b = tu_hex(*state, cases[i].hex, &n);
		struct wc_reader r;
		struct rop_response rsp;
		struct rop_ctx c = empty_ctx;
		wc_reader_init(&r, b, n);
		int ret = rop_response_pull(&r, *state, &c, cases[i].req, &rsp);
		if ((ret == 0) != cases[i].ok || (ret == 0 && wc_reader_left(&r) != 0))
			fail_msg("%s: %s", cases[i].hex, wc_strerror(ret));
		assert_true(rop_response_info(b[0], cases[i].req) == (cases[i].ok ? rop_info(b[0]) : NULL));
	}
}

/* Every request, hand-built from the MS-OXCROPS 2.2.8 and 2.2.9 field tables. */
static void test_requests(void **state)
{
	TALLOC_CTX *mem = *state;
	static uint32_t tags[2] = {PID_TAG_SUBJECT, PID_TAG_MESSAGE_SIZE};
	static struct mapi_propval values[2] = {{PID_TAG_MESSAGE_SIZE, {.i32 = 5}},
	                                        {PID_TAG_NORMALIZED_SUBJECT, {.str = "Hi"}}};
	static struct mapi_propval flag[1] = {{0x0E1B000B, {.b = true}}};
	static struct mapi_propname names[2] = {{.kind = MNID_ID, .lid = 0x8501},
	                                        {.kind = MNID_STRING, .name = "A"}};
	static uint16_t ids[2] = {0x863E, 0x0001};
	static uint8_t abc[3] = {'a', 'b', 'c'};
	names[0].guid = names[1].guid = tu_guid(PS_TEST_GUID);
	const struct rop_tu_request cases[] = {
	        {"RopGetPropertiesSpecific",
	         {.id = ROP_GET_PROPERTIES_SPECIFIC,
	          .input_handle_index = 1,
	          .get_properties_specific = {.property_size_limit = 0x0100,
	                                      .want_unicode = 1,
	                                      .property_tag_count = 2,
	                                      .property_tags = tags}},
	         "07 00 01 00 01 01 00 02 00 1F 00 37 00 03 00 08 0E"},
	        {"RopGetPropertiesAll",
	         {.id = ROP_GET_PROPERTIES_ALL,
	          .input_handle_index = 1,
	          .get_properties_all = {.property_size_limit = 0x1000, .want_unicode = 0}},
	         "08 00 01 00 10 00 00"},
	        {"RopGetPropertiesList",
	         {.id = ROP_GET_PROPERTIES_LIST, .input_handle_index = 1},
	         "09 00 01"},
	        {"RopSetProperties",
	         {.id = ROP_SET_PROPERTIES, .input_handle_index = 1, .set_properties = {2, values}},
	         "0A 00 01 14 00 02 00"            /* PropertyValueSize 20, PropertyValueCount 2 */
	         "03 00 08 0E 05 00 00 00"         /* PidTagMessageSize 5 */
	         "1F 00 1D 0E 48 00 69 00 00 00"}, /* PidTagNormalizedSubject "Hi" */
	        {"RopSetProperties none", {.id = ROP_SET_PROPERTIES}, "0A 00 00 02 00 00 00"},
	        {"RopSetPropertiesNoReplicate",
	         {.id = ROP_SET_PROPERTIES_NO_REPLICATE,
	          .input_handle_index = 1,
	          .set_properties_no_replicate = {1, flag}},
	         "79 00 01 07 00 01 00 0B 00 1B 0E 01"},
	        {"RopDeleteProperties",
	         {.id = ROP_DELETE_PROPERTIES, .input_handle_index = 1, .delete_properties = {2, tags}},
	         "0B 00 01 02 00 1F 00 37 00 03 00 08 0E"},
	        {"RopDeletePropertiesNoReplicate",
	         {.id = ROP_DELETE_PROPERTIES_NO_REPLICATE,
	          .input_handle_index = 1,
	          .delete_properties_no_replicate = {1, tags}},
	         "7A 00 01 01 00 1F 00 37 00"},
	        {"RopQueryNamedProperties with a GUID",
	         {.id = ROP_QUERY_NAMED_PROPERTIES,
	          .input_handle_index = 1,
	          .query_named_properties = {.query_flags = QUERY_NAMED_NO_STRINGS,
	                                     .has_guid = 1,
	                                     .property_guid = names[0].guid}},
	         "5F 00 01 01 01 " GUID_HEX},
	        {"RopQueryNamedProperties",
	         {.id = ROP_QUERY_NAMED_PROPERTIES,
	          .input_handle_index = 1,
	          .query_named_properties = {.query_flags = QUERY_NAMED_NO_IDS}},
	         "5F 00 01 02 00"},
	        {"RopCopyProperties",
	         {.id = ROP_COPY_PROPERTIES,
	          .source_handle_index = 1,
	          .dest_handle_index = 2,
	          .copy_properties = {.want_asynchronous = 1,
	                              .copy_flags = COPY_FLAG_MOVE,
	                              .property_tag_count = 1,
	                              .property_tags = tags}},
	         "67 00 01 02 01 01 01 00 1F 00 37 00"},
	        {"RopCopyTo",
	         {.id = ROP_COPY_TO,
	          .source_handle_index = 1,
	          .dest_handle_index = 2,
	          .copy_to = {.want_sub_objects = 1,
	                      .copy_flags = COPY_FLAG_NO_OVERWRITE,
	                      .excluded_tag_count = 1,
	                      .excluded_tags = tags}},
	         "39 00 01 02 00 01 02 01 00 1F 00 37 00"},
	        {"RopGetPropertyIdsFromNames",
	         {.id = ROP_GET_PROPERTY_IDS_FROM_NAMES,
	          .input_handle_index = 1,
	          .get_property_ids_from_names = {.property_name_count = 2, .property_names = names}},
	         "56 00 01 00 02 00"
	         "00 " GUID_HEX " 01 85 00 00"      /* MNID_ID, LID 0x8501 */
	         "01 " GUID_HEX " 04 41 00 00 00"}, /* MNID_STRING, NameSize 4, "A" */
	        {"RopGetPropertyIdsFromNames all",
	         {.id = ROP_GET_PROPERTY_IDS_FROM_NAMES, .get_property_ids_from_names = {.flags = 0}},
	         "56 00 00 00 00 00"},
	        {"RopGetNamesFromPropertyIds",
	         {.id = ROP_GET_NAMES_FROM_PROPERTY_IDS,
	          .input_handle_index = 1,
	          .get_names_from_property_ids = {2, ids}},
	         "55 00 01 02 00 3E 86 01 00"},
	        {"RopProgress",
	         {.id = ROP_PROGRESS, .input_handle_index = 1, .progress = {1}},
	         "50 00 01 01"},
	        {"RopOpenStream",
	         {.id = ROP_OPEN_STREAM,
	          .input_handle_index = 1,
	          .output_handle_index = 2,
	          .open_stream = {.property_tag = PID_TAG_SUBJECT, .open_mode_flags = STREAM_OPEN_CREATE}},
	         "2B 00 01 02 1F 00 37 00 02"},
	        {"RopReadStream",
	         {.id = ROP_READ_STREAM, .input_handle_index = 1, .read_stream = {.byte_count = 0x1000}},
	         "2C 00 01 00 10"},
	        {"RopReadStream with MaximumByteCount",
	         {.id = ROP_READ_STREAM,
	          .input_handle_index = 1,
	          .read_stream = {.byte_count = READ_STREAM_USE_MAXIMUM, .maximum_byte_count = 0x10000}},
	         "2C 00 01 BE BA 00 00 01 00"},
	        {"RopReadStream with the largest MaximumByteCount",
	         {.id = ROP_READ_STREAM,
	          .read_stream = {.byte_count = READ_STREAM_USE_MAXIMUM,
	                          .maximum_byte_count = READ_STREAM_MAXIMUM}},
	         "2C 00 00 BE BA 00 00 00 80"},
	        {"RopWriteStream",
	         {.id = ROP_WRITE_STREAM, .input_handle_index = 1, .write_stream = {{3, abc}}},
	         "2D 00 01 03 00 61 62 63"},
	        {"RopWriteStream empty", {.id = ROP_WRITE_STREAM}, "2D 00 00 00 00"},
	        {"RopWriteStreamExtended",
	         {.id = ROP_WRITE_STREAM_EXTENDED,
	          .input_handle_index = 1,
	          .write_stream_extended = {{3, abc}}},
	         "A3 00 01 03 00 61 62 63"},
	        {"RopWriteAndCommitStream",
	         {.id = ROP_WRITE_AND_COMMIT_STREAM,
	          .input_handle_index = 1,
	          .write_and_commit_stream = {{3, abc}}},
	         "90 00 01 03 00 61 62 63"},
	        {"RopCommitStream", {.id = ROP_COMMIT_STREAM, .input_handle_index = 1}, "5D 00 01"},
	        {"RopGetStreamSize", {.id = ROP_GET_STREAM_SIZE, .input_handle_index = 1}, "5E 00 01"},
	        {"RopSetStreamSize",
	         {.id = ROP_SET_STREAM_SIZE, .input_handle_index = 1, .set_stream_size = {0x10000}},
	         "2F 00 01 00 00 01 00 00 00 00 00"},
	        {"RopSeekStream",
	         {.id = ROP_SEEK_STREAM,
	          .input_handle_index = 1,
	          .seek_stream = {.origin = STREAM_SEEK_CURRENT, .offset = -10}},
	         "2E 00 01 01 F6 FF FF FF FF FF FF FF"},
	        {"RopCopyToStream",
	         {.id = ROP_COPY_TO_STREAM,
	          .source_handle_index = 1,
	          .dest_handle_index = 2,
	          .copy_to_stream = {16}},
	         "3A 00 01 02 10 00 00 00 00 00 00 00"},
	        {"RopLockRegionStream",
	         {.id = ROP_LOCK_REGION_STREAM,
	          .input_handle_index = 1,
	          .lock_region_stream = {.region_offset = 16, .region_size = 32, .lock_flags = LOCK_WRITE}},
	         "5B 00 01 10 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00 01 00 00 00"},
	        {"RopUnlockRegionStream",
	         {.id = ROP_UNLOCK_REGION_STREAM,
	          .input_handle_index = 1,
	          .unlock_region_stream = {.region_offset = 16, .region_size = 32, .lock_flags = 0}},
	         "5C 00 01 10 00 00 00 00 00 00 00 20 00 00 00 00 00 00 00 00 00 00 00"},
	        {"RopCloneStream",
	         {.id = ROP_CLONE_STREAM, .input_handle_index = 1, .output_handle_index = 2},
	         "3B 00 01 02"},
	};
	rop_tu_request_cases(mem, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Every response form of the property ROPs, hand-built from the MS-OXCROPS 2.2.8 field tables. */
static void test_property_responses(void **state)
{
	TALLOC_CTX *mem = *state;
	static uint32_t tags[2] = {PID_TAG_SUBJECT, PID_TAG_MESSAGE_SIZE};
	static uint32_t unspecified[1] = {0x00370000}; /* PidTagSubject with PtypUnspecified */
	static struct mapi_propval values[2] = {{PID_TAG_MESSAGE_SIZE, {.i32 = 5}},
	                                        {PID_TAG_NORMALIZED_SUBJECT, {.str = "Hi"}}};
	static struct mapi_row_value standard[2] = {{0, {PID_TAG_SUBJECT, {.str = "Hi"}}},
	                                            {0, {PID_TAG_MESSAGE_SIZE, {.i32 = 5}}}};
	static struct mapi_row_value flagged[2] = {
	        {0, {PID_TAG_SUBJECT, {.str = "Hi"}}},
	        {MAPI_VALUE_ERROR, {PID_TAG_MESSAGE_SIZE, {.err = 0x8004010F}}}};
	static struct mapi_row_value typed[1] = {{0, {PID_TAG_SUBJECT, {.str = "Hi"}}}};
	static struct mapi_propproblem problem[1] = {{1, PID_TAG_NORMALIZED_SUBJECT, 0x80070005}};
	static struct mapi_propname names[2] = {{.kind = MNID_ID, .lid = 0x8501},
	                                        {.kind = MNID_STRING, .name = "A"}};
	static struct mapi_propname unnamed[2] = {{.kind = MNID_STRING, .name = "A"}, {.kind = MNID_NONE}};
	static uint16_t ids[2] = {0x8001, 0x8002};
	names[0].guid = names[1].guid = unnamed[0].guid = unnamed[1].guid = tu_guid(PS_TEST_GUID);
	static const struct rop_request specific = {
	        .id = ROP_GET_PROPERTIES_SPECIFIC,
	        .input_handle_index = 1,
	        .get_properties_specific = {.property_tag_count = 2, .property_tags = tags}};
	static const struct rop_request specific_typed = {
	        .id = ROP_GET_PROPERTIES_SPECIFIC,
	        .input_handle_index = 1,
	        .get_properties_specific = {.property_tag_count = 1, .property_tags = unspecified}};
	static const struct rop_request all = {.id = ROP_GET_PROPERTIES_ALL, .input_handle_index = 1};
	static const struct rop_request list = {.id = ROP_GET_PROPERTIES_LIST, .input_handle_index = 1};
	static const struct rop_request set = {.id = ROP_SET_PROPERTIES, .input_handle_index = 1};
	static const struct rop_request set_nr = {.id = ROP_SET_PROPERTIES_NO_REPLICATE,
	                                          .input_handle_index = 1};
	static const struct rop_request del = {.id = ROP_DELETE_PROPERTIES, .input_handle_index = 1};
	static const struct rop_request del_nr = {.id = ROP_DELETE_PROPERTIES_NO_REPLICATE,
	                                          .input_handle_index = 1};
	static const struct rop_request named = {.id = ROP_QUERY_NAMED_PROPERTIES, .input_handle_index = 1};
	static const struct rop_request copy = {
	        .id = ROP_COPY_PROPERTIES, .source_handle_index = 1, .dest_handle_index = 2};
	static const struct rop_request copy_to = {
	        .id = ROP_COPY_TO, .source_handle_index = 1, .dest_handle_index = 2};
	static const struct rop_request to_ids = {.id = ROP_GET_PROPERTY_IDS_FROM_NAMES,
	                                          .input_handle_index = 1};
	static const struct rop_request to_names = {.id = ROP_GET_NAMES_FROM_PROPERTY_IDS,
	                                            .input_handle_index = 1};
	static const struct rop_request progress = {.id = ROP_PROGRESS, .input_handle_index = 1};
	const struct rop_tu_response cases[] = {
	        {"RopGetPropertiesSpecific",
	         &specific,
	         {.id = ROP_GET_PROPERTIES_SPECIFIC,
	          .handle_index = 1,
	          .get_properties_specific = {{0, 2, standard}}},
	         "07 01 00 00 00 00 00 48 00 69 00 00 00 05 00 00 00"},
	        {"RopGetPropertiesSpecific flagged",
	         &specific,
	         {.id = ROP_GET_PROPERTIES_SPECIFIC,
	          .handle_index = 1,
	          .get_properties_specific = {{1, 2, flagged}}},
	         "07 01 00 00 00 00 01 00 48 00 69 00 00 00 0A 0F 01 04 80"},
	        {"RopGetPropertiesSpecific PtypUnspecified",
	         &specific_typed,
	         {.id = ROP_GET_PROPERTIES_SPECIFIC,
	          .handle_index = 1,
	          .get_properties_specific = {{0, 1, typed}}},
	         "07 01 00 00 00 00 00 1F 00 48 00 69 00 00 00"},
	        {"RopGetPropertiesSpecific failure",
	         &specific,
	         {.id = ROP_GET_PROPERTIES_SPECIFIC, .handle_index = 1, .return_value = 0x80040108},
	         "07 01 08 01 04 80"},
	        {"RopGetPropertiesAll",
	         &all,
	         {.id = ROP_GET_PROPERTIES_ALL, .handle_index = 1, .get_properties_all = {2, values}},
	         "08 01 00 00 00 00 02 00 03 00 08 0E 05 00 00 00 1F 00 1D 0E 48 00 69 00 00 00"},
	        {"RopGetPropertiesAll failure",
	         &all,
	         {.id = ROP_GET_PROPERTIES_ALL, .handle_index = 1, .return_value = 0x8007000E},
	         "08 01 0E 00 07 80"},
	        {"RopGetPropertiesList",
	         &list,
	         {.id = ROP_GET_PROPERTIES_LIST, .handle_index = 1, .get_properties_list = {2, tags}},
	         "09 01 00 00 00 00 02 00 1F 00 37 00 03 00 08 0E"},
	        {"RopGetPropertiesList failure",
	         &list,
	         {.id = ROP_GET_PROPERTIES_LIST, .handle_index = 1, .return_value = 0x80040108},
	         "09 01 08 01 04 80"},
	        {"RopSetProperties with a problem",
	         &set,
	         {.id = ROP_SET_PROPERTIES, .handle_index = 1, .set_properties = {1, problem}},
	         "0A 01 00 00 00 00 01 00 01 00 1F 00 1D 0E 05 00 07 80"},
	        {"RopSetProperties failure",
	         &set,
	         {.id = ROP_SET_PROPERTIES, .handle_index = 1, .return_value = 0x80070005},
	         "0A 01 05 00 07 80"},
	        {"RopSetPropertiesNoReplicate",
	         &set_nr,
	         {.id = ROP_SET_PROPERTIES_NO_REPLICATE, .handle_index = 1},
	         "79 01 00 00 00 00 00 00"},
	        {"RopSetPropertiesNoReplicate failure",
	         &set_nr,
	         {.id = ROP_SET_PROPERTIES_NO_REPLICATE, .handle_index = 1, .return_value = 0x80070005},
	         "79 01 05 00 07 80"},
	        {"RopDeleteProperties",
	         &del,
	         {.id = ROP_DELETE_PROPERTIES, .handle_index = 1, .delete_properties = {1, problem}},
	         "0B 01 00 00 00 00 01 00 01 00 1F 00 1D 0E 05 00 07 80"},
	        {"RopDeleteProperties failure",
	         &del,
	         {.id = ROP_DELETE_PROPERTIES, .handle_index = 1, .return_value = 0x80070005},
	         "0B 01 05 00 07 80"},
	        {"RopDeletePropertiesNoReplicate",
	         &del_nr,
	         {.id = ROP_DELETE_PROPERTIES_NO_REPLICATE, .handle_index = 1},
	         "7A 01 00 00 00 00 00 00"},
	        {"RopDeletePropertiesNoReplicate failure",
	         &del_nr,
	         {.id = ROP_DELETE_PROPERTIES_NO_REPLICATE, .handle_index = 1, .return_value = 0x80070005},
	         "7A 01 05 00 07 80"},
	        {"RopQueryNamedProperties",
	         &named,
	         {.id = ROP_QUERY_NAMED_PROPERTIES,
	          .handle_index = 1,
	          .query_named_properties = {2, ids, names}},
	         "5F 01 00 00 00 00 02 00 01 80 02 80" /* IdCount, PropertyIds */
	         "00 " GUID_HEX " 01 85 00 00"         /* MNID_ID, LID 0x8501 */
	         "01 " GUID_HEX " 04 41 00 00 00"},    /* MNID_STRING "A" */
	        /* MS-OXCROPS 2.2.8.10.2: the success layout with ecWarnWithErrors too */
	        {"RopQueryNamedProperties with errors",
	         &named,
	         {.id = ROP_QUERY_NAMED_PROPERTIES,
	          .handle_index = 1,
	          .return_value = ecWarnWithErrors,
	          .query_named_properties = {1, ids, names}},
	         "5F 01 80 03 04 00 01 00 01 80 00 " GUID_HEX " 01 85 00 00"},
	        {"RopQueryNamedProperties none",
	         &named,
	         {.id = ROP_QUERY_NAMED_PROPERTIES, .handle_index = 1},
	         "5F 01 00 00 00 00 00 00"},
	        {"RopQueryNamedProperties failure",
	         &named,
	         {.id = ROP_QUERY_NAMED_PROPERTIES, .handle_index = 1, .return_value = 0x80040102},
	         "5F 01 02 01 04 80"},
	        {"RopCopyProperties",
	         &copy,
	         {.id = ROP_COPY_PROPERTIES,
	          .handle_index = 1,
	          .copy_properties = {.property_problem_count = 1, .property_problems = problem}},
	         "67 01 00 00 00 00 01 00 01 00 1F 00 1D 0E 05 00 07 80"},
	        {"RopCopyProperties null destination",
	         &copy,
	         {.id = ROP_COPY_PROPERTIES,
	          .handle_index = 1,
	          .return_value = ecDstNullObject,
	          .copy_properties = {.dest_handle_index = 2}},
	         "67 01 03 05 00 00 02 00 00 00"},
	        {"RopCopyProperties failure",
	         &copy,
	         {.id = ROP_COPY_PROPERTIES, .handle_index = 1, .return_value = 0x80070005},
	         "67 01 05 00 07 80"},
	        {"RopCopyTo", &copy_to, {.id = ROP_COPY_TO, .handle_index = 1}, "39 01 00 00 00 00 00 00"},
	        {"RopCopyTo null destination",
	         &copy_to,
	         {.id = ROP_COPY_TO,
	          .handle_index = 1,
	          .return_value = ecDstNullObject,
	          .copy_to = {.dest_handle_index = 2}},
	         "39 01 03 05 00 00 02 00 00 00"},
	        {"RopCopyTo failure",
	         &copy_to,
	         {.id = ROP_COPY_TO, .handle_index = 1, .return_value = 0x80040102},
	         "39 01 02 01 04 80"},
	        {"RopGetPropertyIdsFromNames",
	         &to_ids,
	         {.id = ROP_GET_PROPERTY_IDS_FROM_NAMES,
	          .handle_index = 1,
	          .get_property_ids_from_names = {2, ids}},
	         "56 01 00 00 00 00 02 00 01 80 02 80"},
	        {"RopGetPropertyIdsFromNames failure",
	         &to_ids,
	         {.id = ROP_GET_PROPERTY_IDS_FROM_NAMES, .handle_index = 1, .return_value = 0x80040102},
	         "56 01 02 01 04 80"},
	        {"RopGetNamesFromPropertyIds",
	         &to_names,
	         {.id = ROP_GET_NAMES_FROM_PROPERTY_IDS,
	          .handle_index = 1,
	          .get_names_from_property_ids = {2, unnamed}},
	         "55 01 00 00 00 00 02 00 01 " GUID_HEX " 04 41 00 00 00 FF " GUID_HEX},
	        {"RopGetNamesFromPropertyIds failure",
	         &to_names,
	         {.id = ROP_GET_NAMES_FROM_PROPERTY_IDS, .handle_index = 1, .return_value = 0x80040102},
	         "55 01 02 01 04 80"},
	        {"RopProgress",
	         &progress,
	         {.id = ROP_PROGRESS, .handle_index = 1, .progress = {2, 5, 10}},
	         "50 01 00 00 00 00 02 05 00 00 00 0A 00 00 00"},
	        {"RopProgress failure",
	         &progress,
	         {.id = ROP_PROGRESS, .handle_index = 1, .return_value = 0x80040102},
	         "50 01 02 01 04 80"},
	};
	rop_tu_response_cases(mem, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* Every response form of the stream ROPs, hand-built from the MS-OXCROPS 2.2.9 field tables. */
static void test_stream_responses(void **state)
{
	TALLOC_CTX *mem = *state;
	static uint8_t abc[3] = {'a', 'b', 'c'};
	static const struct rop_request open = {
	        .id = ROP_OPEN_STREAM, .input_handle_index = 1, .output_handle_index = 2};
	static const struct rop_request read = {.id = ROP_READ_STREAM, .input_handle_index = 1};
	static const struct rop_request write = {.id = ROP_WRITE_STREAM, .input_handle_index = 1};
	static const struct rop_request write_ext = {.id = ROP_WRITE_STREAM_EXTENDED,
	                                             .input_handle_index = 1};
	static const struct rop_request write_commit = {.id = ROP_WRITE_AND_COMMIT_STREAM,
	                                                .input_handle_index = 1};
	static const struct rop_request commit = {.id = ROP_COMMIT_STREAM, .input_handle_index = 1};
	static const struct rop_request get_size = {.id = ROP_GET_STREAM_SIZE, .input_handle_index = 1};
	static const struct rop_request set_size = {.id = ROP_SET_STREAM_SIZE, .input_handle_index = 1};
	static const struct rop_request seek = {.id = ROP_SEEK_STREAM, .input_handle_index = 1};
	static const struct rop_request copy = {
	        .id = ROP_COPY_TO_STREAM, .source_handle_index = 1, .dest_handle_index = 2};
	static const struct rop_request lock = {.id = ROP_LOCK_REGION_STREAM, .input_handle_index = 1};
	static const struct rop_request unlock = {.id = ROP_UNLOCK_REGION_STREAM, .input_handle_index = 1};
	static const struct rop_request clone = {
	        .id = ROP_CLONE_STREAM, .input_handle_index = 1, .output_handle_index = 2};
	const struct rop_tu_response cases[] = {
	        {"RopOpenStream",
	         &open,
	         {.id = ROP_OPEN_STREAM, .handle_index = 2, .open_stream = {0x1000}},
	         "2B 02 00 00 00 00 00 10 00 00"},
	        {"RopOpenStream failure",
	         &open,
	         {.id = ROP_OPEN_STREAM, .handle_index = 2, .return_value = 0x8004010F},
	         "2B 02 0F 01 04 80"},
	        /* one layout for success and failure: DataSize and Data are there whatever ReturnValue says
	         */
	        {"RopReadStream",
	         &read,
	         {.id = ROP_READ_STREAM, .handle_index = 1, .read_stream = {{3, abc}}},
	         "2C 01 00 00 00 00 03 00 61 62 63"},
	        {"RopReadStream failure",
	         &read,
	         {.id = ROP_READ_STREAM, .handle_index = 1, .return_value = 0x80030005},
	         "2C 01 05 00 03 80 00 00"},
	        {"RopWriteStream",
	         &write,
	         {.id = ROP_WRITE_STREAM, .handle_index = 1, .write_stream = {3}},
	         "2D 01 00 00 00 00 03 00"},
	        {"RopWriteStream failure",
	         &write,
	         {.id = ROP_WRITE_STREAM, .handle_index = 1, .return_value = 0x80030005, .write_stream = {1}},
	         "2D 01 05 00 03 80 01 00"},
	        {"RopWriteStreamExtended",
	         &write_ext,
	         {.id = ROP_WRITE_STREAM_EXTENDED, .handle_index = 1, .write_stream_extended = {0x10003}},
	         "A3 01 00 00 00 00 03 00 01 00"},
	        {"RopWriteStreamExtended failure",
	         &write_ext,
	         {.id = ROP_WRITE_STREAM_EXTENDED, .handle_index = 1, .return_value = 0x80030005},
	         "A3 01 05 00 03 80 00 00 00 00"},
	        {"RopWriteAndCommitStream",
	         &write_commit,
	         {.id = ROP_WRITE_AND_COMMIT_STREAM, .handle_index = 1, .write_and_commit_stream = {3}},
	         "90 01 00 00 00 00 03 00"},
	        {"RopWriteAndCommitStream failure",
	         &write_commit,
	         {.id = ROP_WRITE_AND_COMMIT_STREAM, .handle_index = 1, .return_value = 0x80030005},
	         "90 01 05 00 03 80 00 00"},
	        {"RopCommitStream",
	         &commit,
	         {.id = ROP_COMMIT_STREAM, .handle_index = 1},
	         "5D 01 00 00 00 00"},
	        {"RopCommitStream failure",
	         &commit,
	         {.id = ROP_COMMIT_STREAM, .handle_index = 1, .return_value = 0x80030005},
	         "5D 01 05 00 03 80"},
	        {"RopGetStreamSize",
	         &get_size,
	         {.id = ROP_GET_STREAM_SIZE, .handle_index = 1, .get_stream_size = {0x1000}},
	         "5E 01 00 00 00 00 00 10 00 00"},
	        {"RopGetStreamSize failure",
	         &get_size,
	         {.id = ROP_GET_STREAM_SIZE, .handle_index = 1, .return_value = 0x80040102},
	         "5E 01 02 01 04 80"},
	        {"RopSetStreamSize",
	         &set_size,
	         {.id = ROP_SET_STREAM_SIZE, .handle_index = 1},
	         "2F 01 00 00 00 00"},
	        {"RopSetStreamSize failure",
	         &set_size,
	         {.id = ROP_SET_STREAM_SIZE, .handle_index = 1, .return_value = 0x80030070},
	         "2F 01 70 00 03 80"},
	        {"RopSeekStream",
	         &seek,
	         {.id = ROP_SEEK_STREAM, .handle_index = 1, .seek_stream = {0x10}},
	         "2E 01 00 00 00 00 10 00 00 00 00 00 00 00"},
	        {"RopSeekStream failure",
	         &seek,
	         {.id = ROP_SEEK_STREAM, .handle_index = 1, .return_value = 0x80030019},
	         "2E 01 19 00 03 80"},
	        {"RopCopyToStream",
	         &copy,
	         {.id = ROP_COPY_TO_STREAM, .handle_index = 1, .copy_to_stream = {0, 16, 15}},
	         "3A 01 00 00 00 00 10 00 00 00 00 00 00 00 0F 00 00 00 00 00 00 00"},
	        {"RopCopyToStream failure",
	         &copy,
	         {.id = ROP_COPY_TO_STREAM, .handle_index = 1, .return_value = 0x80030005},
	         "3A 01 05 00 03 80 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	        {"RopCopyToStream null destination",
	         &copy,
	         {.id = ROP_COPY_TO_STREAM,
	          .handle_index = 1,
	          .return_value = ecDstNullObject,
	          .copy_to_stream = {2}},
	         "3A 01 03 05 00 00 02 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00"},
	        {"RopLockRegionStream",
	         &lock,
	         {.id = ROP_LOCK_REGION_STREAM, .handle_index = 1},
	         "5B 01 00 00 00 00"},
	        {"RopLockRegionStream failure",
	         &lock,
	         {.id = ROP_LOCK_REGION_STREAM, .handle_index = 1, .return_value = 0x80030021},
	         "5B 01 21 00 03 80"},
	        {"RopUnlockRegionStream",
	         &unlock,
	         {.id = ROP_UNLOCK_REGION_STREAM, .handle_index = 1},
	         "5C 01 00 00 00 00"},
	        {"RopUnlockRegionStream failure",
	         &unlock,
	         {.id = ROP_UNLOCK_REGION_STREAM, .handle_index = 1, .return_value = 0x80030021},
	         "5C 01 21 00 03 80"},
	        {"RopCloneStream", &clone, {.id = ROP_CLONE_STREAM, .handle_index = 2}, "3B 02 00 00 00 00"},
	        {"RopCloneStream failure",
	         &clone,
	         {.id = ROP_CLONE_STREAM, .handle_index = 2, .return_value = 0x80040102},
	         "3B 02 02 01 04 80"},
	};
	rop_tu_response_cases(mem, &empty_ctx, cases, sizeof cases / sizeof cases[0]);
}

/* What the decoders refuse, and what the encoders will not write. */
static void test_malformed(void **state)
{
	static const struct {
		const char *hex;
		int code;
	} bad[] = {
	        {"2C 00 01 BE BA 01 00 00 80", WC_EFORMAT}, /* MaximumByteCount above 0x80000000 */
	        {"0A 00 01 09 00 01 00 03 00 08 0E 05 00 00 00",
	         WC_EFORMAT}, /* PropertyValueSize one short */
	        {"0A 00 01 0B 00 01 00 03 00 08 0E 05 00 00 00 00", WC_EFORMAT}, /* one byte too many */
	        {"0A 00 01 01 00 00", WC_EFORMAT},              /* no room for PropertyValueCount */
	        {"56 00 01 00 FF FF 00", WC_EFORMAT},           /* 65535 names in one byte */
	        {"56 00 01 00 01 00 02 " GUID_HEX, WC_EFORMAT}, /* PropertyName Kind 0x02 */
	        {"55 00 01 FF FF 00 00", WC_EFORMAT},           /* 65535 ids in two bytes */
	        {"5F 00 01 00 01 02 20 06 00", WC_EFORMAT},     /* HasGuid without the GUID */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		rop_tu_request_fails(*state, &empty_ctx, bad[i].hex, bad[i].code);

	static const struct rop_request named = {.id = ROP_QUERY_NAMED_PROPERTIES};
	static const struct rop_request problems = {.id = ROP_SET_PROPERTIES};
	static const char *const bad_rsp[] = {
	        "5F 00 00 00 00 00 FF FF 00 00",                         /* IdCount 65535 */
	        "0A 00 00 00 00 00 02 00 01 00 1F 00 1D 0E 05 00 07 80", /* two problems, one there */
	};
	for (int i = 0; i < 2; i++) {
		size_t n;
		uint8_t *b = tu_hex(*state, bad_rsp[i], &n);
		rop_tu_response_bytes_fail(*state, &empty_ctx, i ? &problems : &named, b, n, WC_EFORMAT);
	}

	struct wc_writer w;
	struct rop_ctx c = empty_ctx;
	struct rop_request req = {.id = ROP_READ_STREAM,
	                          .read_stream = {.byte_count = READ_STREAM_USE_MAXIMUM,
	                                          .maximum_byte_count = READ_STREAM_MAXIMUM + 1}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_request_push(&w, &c, &req), WC_ERANGE);
	req = (struct rop_request){.id = ROP_WRITE_STREAM, .write_stream = {{0x10000, NULL}}};
	assert_int_equal(rop_request_push(&w, &c, &req), WC_ERANGE);
	req = (struct rop_request){.id = ROP_WRITE_STREAM, .write_stream = {{1, NULL}}};
	assert_int_equal(rop_request_push(&w, &c, &req), WC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_property_ids_example),
	        TU_TEST(test_set_properties_example),
	        TU_TEST(test_get_properties_specific_example),
	        TU_TEST(test_stream_examples),
	        TU_TEST(test_progress_example),
	        TU_TEST(test_progress_answers_only_asynchronous_rops),
	        TU_TEST(test_requests),
	        TU_TEST(test_property_responses),
	        TU_TEST(test_stream_responses),
	        TU_TEST(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
