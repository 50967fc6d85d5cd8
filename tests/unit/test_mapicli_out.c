/* src/tools/mapicli/cli_out.c: property values as text, property names for --columns, MESSAGE-IDs, JSON
 * string escaping (RFC 8259 7), UTF-8 widths. */
#include "testutil.h"
#include "tools/mapicli/mapicli.h"

#include <stdio.h>
#include <string.h>

static void test_value_text_of_each_type(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_propval v = {.tag = PidTagMessageSize, .value.i32 = -7};
	assert_string_equal(cli_value_text(mem, &v, 0), "-7");
	v = (struct mapi_propval){.tag = PidTagHasAttachments, .value.b = true};
	assert_string_equal(cli_value_text(mem, &v, 0), "true");
	/* 2026-03-04T12:30:45Z = (1772627445 + 11644473600) * 10^7 (MS-DTYP 2.3.3 FILETIME) */
	v = (struct mapi_propval){.tag = PidTagClientSubmitTime, .value.time = 134171010450000000ULL};
	assert_string_equal(cli_value_text(mem, &v, 0), "2026-03-04T12:30:45Z");
	v.value.time += 1234567; /* 0.1234567 s: the fraction is kept */
	assert_string_equal(cli_value_text(mem, &v, 0), "2026-03-04T12:30:45.1234567Z");
	uint8_t bytes[] = {0x00, 0xAB, 0x10};
	v = (struct mapi_propval){.tag = PidTagEntryId, .value.bin = {.len = 3, .data = bytes}};
	assert_string_equal(cli_value_text(mem, &v, 0), "00ab10");
	v = (struct mapi_propval){.tag = PROP_TAG(PT_ERROR, 0x0037), .value.err = ecNotFound};
	assert_string_equal(cli_value_text(mem, &v, 0), "ecNotFound (0x8004010F)");
	char *strs[] = {(char *)"a", (char *)"b c"};
	v = (struct mapi_propval){.tag = PROP_TAG(PT_MV_UNICODE, 0x8001)};
	v.value.mv.count = 2;
	v.value.mv.str = strs;
	assert_string_equal(cli_value_text(mem, &v, 0), "[a, b c]");
	int64_t i64s[] = {1, -2};
	v = (struct mapi_propval){.tag = PROP_TAG(PT_MV_I8, 0x8002)};
	v.value.mv.count = 2;
	v.value.mv.i64 = i64s;
	assert_string_equal(cli_value_text(mem, &v, 0), "[1, -2]");
	/* one line, shortened with "..." to max characters */
	v = (struct mapi_propval){.tag = PidTagBody, .value.str = (char *)"line one\nline two\tend"};
	assert_string_equal(cli_value_text(mem, &v, 0), "line one line two end");
	assert_string_equal(cli_value_text(mem, &v, 10), "line on...");
	talloc_free(mem);
}

static void test_tags_by_name_alias_and_hex(void **state)
{
	uint32_t tag = 0;
	assert_true(cli_parse_tag("PidTagSubject", &tag));
	assert_int_equal(tag, 0x0037001F);
	assert_true(cli_parse_tag("Subject", &tag));
	assert_int_equal(tag, 0x0037001F);
	assert_true(cli_parse_tag("Date", &tag));
	assert_int_equal(tag, PidTagMessageDeliveryTime);
	assert_true(cli_parse_tag("from", &tag));
	assert_int_equal(tag, PidTagSenderName);
	assert_true(cli_parse_tag("0x0E080003", &tag));
	assert_int_equal(tag, 0x0E080003);
	assert_false(cli_parse_tag("0x", &tag));
	assert_false(cli_parse_tag("0x1G", &tag));
	assert_false(cli_parse_tag("0x100000000", &tag));
	assert_false(cli_parse_tag("NoSuchProperty", &tag));
	TALLOC_CTX *mem = talloc_new(NULL);
	assert_string_equal(cli_tag_short(mem, PidTagSubject), "Subject");
	assert_string_equal(cli_tag_short(mem, PidTagMessageSize), "Size");
	assert_string_equal(cli_tag_short(mem, 0x8001001F), "0x8001001F");
	talloc_free(mem);
}

static void test_message_ids(void **state)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	char *folder;
	uint64_t mid;
	assert_true(cli_parse_message_id(mem, "Inbox:1b00000000000001", &folder, &mid));
	assert_string_equal(folder, "Inbox");
	assert_int_equal(mid, 0x1b00000000000001ULL);
	/* the folder part is what precedes the last colon */
	assert_true(cli_parse_message_id(mem, "/Top of Information Store/a:b:ff", &folder, &mid));
	assert_string_equal(folder, "/Top of Information Store/a:b");
	assert_int_equal(mid, 0xff);
	assert_false(cli_parse_message_id(mem, "Inbox", &folder, &mid));
	assert_false(cli_parse_message_id(mem, ":12", &folder, &mid));
	assert_false(cli_parse_message_id(mem, "Inbox:", &folder, &mid));
	assert_false(cli_parse_message_id(mem, "Inbox:12x", &folder, &mid));
	assert_false(cli_parse_message_id(mem, "Inbox:11111111111111111", &folder, &mid)); /* 17 digits */
	assert_string_equal(cli_message_id(mem, "Sent Items", 0x0201000000000001ULL),
	                    "Sent Items:0201000000000001");
	talloc_free(mem);
}

static void test_json_string_escapes(void **state)
{
	char *out = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&out, &len);
	json_string(f, "a\"b\\c\nd\te\x01 \xc3\xbc");
	fclose(f);
	assert_string_equal(out, "\"a\\\"b\\\\c\\nd\\te\\u0001 \xc3\xbc\"");
	free(out);
}

static void test_text_width_counts_code_points(void **state)
{
	assert_int_equal(cli_text_width(""), 0);
	assert_int_equal(cli_text_width("abc"), 3);
	assert_int_equal(cli_text_width("Gr\xc3\xbc\xc3\x9f"
	                                "e"),
	                 5);                                 /* Grüße */
	assert_int_equal(cli_text_width("\xe2\x80\x94"), 1); /* em dash */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_value_text_of_each_type),
	        cmocka_unit_test(test_tags_by_name_alias_and_hex),
	        cmocka_unit_test(test_message_ids),
	        cmocka_unit_test(test_json_string_escapes),
	        cmocka_unit_test(test_text_width_counts_code_points),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
