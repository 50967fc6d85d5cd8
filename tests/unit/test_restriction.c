/* src/mapi/mapi_restriction.c: MS-OXCDATA 2.12 restrictions and 2.13 sort orders. Vectors are hand-built from
 * the field tables of 2.12.x / 2.13.x unless they come from a spec example (tests/vectors). */
#include "testutil.h"
#include "codec_check.h"
#include "common/wc_error.h"
#include "mapi/mapi_restriction.h"

#include <string.h>

#define EXIST(tag)                                                                                           \
	{                                                                                                    \
		.type = RES_EXIST, .exist = { tag }                                                          \
	}
#define SUBJECT 0x0037001F      /* PidTagSubject */
#define MESSAGE_SIZE 0x0E080003 /* PidTagMessageSize */
#define ENTRY_ID 0x0FFF0102     /* PidTagEntryId */

/* the children of the "nested" vector, innermost first */
static struct mapi_restriction nested_bitmask = {.type = RES_BITMASK, .bitmask = {BMR_EQZ, 0x0E070003, 1}};
static struct mapi_restriction nested_sub = {.type = RES_SUBRESTRICTION,
                                             .sub = {0x0E12000D, &nested_bitmask}};
static struct mapi_restriction nested_count = {.type = RES_COUNT, .count = {5, &nested_sub}};
static struct mapi_restriction nested_exist = EXIST(SUBJECT);
static struct mapi_restriction nested_or[] = {
        {.type = RES_NOT, .not_ = {&nested_exist}},
        {.type = RES_SIZE, .size = {RELOP_LT, SUBJECT, 256}},
};
static struct mapi_restriction nested_and[] = {
        {.type = RES_OR, .and_or = {2, nested_or}},
        {.type = RES_COMMENT, .comment = {0, NULL, &nested_count}},
};

struct res_vector {
	const char *what;
	unsigned flags;
	const char *hex;
	struct mapi_restriction want;
};

static const struct res_vector res_vectors[] = {
        {"AndRestriction (2.12.1), RestrictCount 2 bytes in a ROP",
         0,
         "00 02 00  08 1F 00 37 00  08 03 00 08 0E",
         {.type = RES_AND, .and_or = {2, (struct mapi_restriction[]){EXIST(SUBJECT), EXIST(MESSAGE_SIZE)}}}},
        {"AndRestriction, RestrictCount 4 bytes in extended rules",
         MAPI_PV_COUNT32,
         "00 02 00 00 00  08 1F 00 37 00  08 03 00 08 0E",
         {.type = RES_AND, .and_or = {2, (struct mapi_restriction[]){EXIST(SUBJECT), EXIST(MESSAGE_SIZE)}}}},
        {"OrRestriction (2.12.2)",
         0,
         "01 01 00  08 1F 00 37 00",
         {.type = RES_OR, .and_or = {1, (struct mapi_restriction[]){EXIST(SUBJECT)}}}},
        {"OrRestriction with no children", 0, "01 00 00", {.type = RES_OR, .and_or = {0, NULL}}},
        {"NotRestriction (2.12.3)",
         0,
         "02  08 1F 00 37 00",
         {.type = RES_NOT, .not_ = {&(struct mapi_restriction)EXIST(SUBJECT)}}},
        /* FuzzyLevelLow 0x0002 FL_PREFIX, FuzzyLevelHigh 0x0005 FL_IGNORECASE|FL_LOOSE, PropertyTag
         * PidTagEntryId, TaggedValue PidTagEntryId, 2 bytes AB CD */
        {"ContentRestriction (2.12.4.1) on a binary property",
         0,
         "03 02 00 05 00 02 01 FF 0F  02 01 FF 0F 02 00 AB CD",
         {.type = RES_CONTENT,
          .content = {FL_PREFIX | FL_IGNORECASE | FL_LOOSE,
                      ENTRY_ID,
                      {ENTRY_ID, {.bin = {2, (uint8_t *)"\xAB\xCD"}}}}}},
        /* RelOp 0x04 RELOP_EQ, PropTag PidTagMessageSize, TaggedValue PidTagMessageSize 42 */
        {"PropertyRestriction (2.12.5.1)",
         0,
         "04 04 03 00 08 0E  03 00 08 0E 2A 00 00 00",
         {.type = RES_PROPERTY, .property = {RELOP_EQ, MESSAGE_SIZE, {MESSAGE_SIZE, {.i32 = 42}}}}},
        {"PropertyRestriction RELOP_MEMBER_OF_DL 0x64",
         0,
         "04 64 02 01 FF 0F  02 01 FF 0F 01 00 AA",
         {.type = RES_PROPERTY,
          .property = {RELOP_MEMBER_OF_DL, ENTRY_ID, {ENTRY_ID, {.bin = {1, (uint8_t *)"\xAA"}}}}}},
        /* RelOp 0x02 RELOP_GT, PropTag1 0x0E060040 PidTagMessageDeliveryTime, PropTag2 0x00390040 */
        {"ComparePropertiesRestriction (2.12.6.1)",
         0,
         "05 02 40 00 06 0E 40 00 39 00",
         {.type = RES_COMPAREPROPS, .compare = {RELOP_GT, 0x0E060040, 0x00390040}}},
        /* BitmapRelOp 0x01 BMR_NEZ, PropTag 0x0E070003 PidTagMessageFlags, Mask 0x00000001 */
        {"BitMaskRestriction (2.12.7.1)",
         0,
         "06 01 03 00 07 0E 01 00 00 00",
         {.type = RES_BITMASK, .bitmask = {BMR_NEZ, 0x0E070003, 1}}},
        /* RelOp 0x00 RELOP_LT, PropTag PidTagSubject, Size 0x00000100 */
        {"SizeRestriction (2.12.8.1)",
         0,
         "07 00 1F 00 37 00 00 01 00 00",
         {.type = RES_SIZE, .size = {RELOP_LT, SUBJECT, 256}}},
        {"ExistRestriction (2.12.9.1)", 0, "08 1F 00 37 00", EXIST(SUBJECT)},
        /* Subobject 0x0E12000D PidTagMessageRecipients, Restriction: Exist PidTagDisplayName 0x3001001F */
        {"SubObjectRestriction (2.12.10.1)",
         0,
         "09 0D 00 12 0E  08 1F 00 01 30",
         {.type = RES_SUBRESTRICTION, .sub = {0x0E12000D, &(struct mapi_restriction)EXIST(0x3001001F)}}},
        /* TaggedValuesCount 1, TaggedValue 0x3001001F "a", RestrictionPresent 0x01, Restriction Exist */
        {"CommentRestriction (2.12.11.1) with a restriction",
         0,
         "0A 01 1F 00 01 30 61 00 00 00 01  08 1F 00 37 00",
         {.type = RES_COMMENT,
          .comment = {1, (struct mapi_propval[]){{0x3001001F, {.str = "a"}}},
                      &(struct mapi_restriction)EXIST(SUBJECT)}}},
        {"CommentRestriction without values or restriction",
         0,
         "0A 00 00",
         {.type = RES_COMMENT, .comment = {0, NULL, NULL}}},
        /* Count 0x0000000A, SubRestriction Exist */
        {"CountRestriction (2.12.12)",
         0,
         "0B 0A 00 00 00  08 1F 00 37 00",
         {.type = RES_COUNT, .count = {10, &(struct mapi_restriction)EXIST(SUBJECT)}}},
        /* A restriction inside a PtypRestriction value inside a restriction */
        {"PropertyRestriction whose value is a PtypRestriction",
         0,
         "04 04 FD 00 79 66  FD 00 79 66 08 1F 00 37 00",
         {.type = RES_PROPERTY,
          .property = {RELOP_EQ,
                       0x667900FD,
                       {0x667900FD, {.res = &(struct mapi_restriction)EXIST(SUBJECT)}}}}},
        /* every kind nested: And(Or(Not(Exist), Size), Comment(Count(SubObject(BitMask)))) */
        {"nested",
         0,
         "00 02 00"
         "  01 02 00  02 08 1F 00 37 00  07 00 1F 00 37 00 00 01 00 00"
         "  0A 00 01  0B 05 00 00 00  09 0D 00 12 0E  06 00 03 00 07 0E 01 00 00 00",
         {.type = RES_AND, .and_or = {2, nested_and}}},
};

#define NVEC (sizeof res_vectors / sizeof res_vectors[0])

/* mapi_restriction_pull / push / equal in a res_vector's flags */
static int res_pull(struct wc_reader *r, TALLOC_CTX *mem, const void *ctx, void **out)
{
	const struct res_vector *rv = ctx;
	struct mapi_restriction *res;
	int ret = mapi_restriction_pull(r, mem, rv->flags, &res);
	if (ret == 0)
		*out = res;
	return ret;
}

static int res_push(struct wc_writer *w, const void *ctx, const void *obj)
{
	const struct res_vector *rv = ctx;
	return mapi_restriction_push(w, rv->flags, obj);
}

static bool res_equal(const void *ctx, const void *a, const void *b)
{
	return mapi_restriction_equal(a, b);
}

static const struct cc_codec res_codec = {res_pull, res_push, res_equal};

static void test_every_restriction_against_its_vector(void **state)
{
	for (size_t i = 0; i < NVEC; i++) {
		const struct res_vector *rv = &res_vectors[i];
		cc_check_hex(*state, &res_codec, rv, rv->what, rv->hex, &rv->want);
	}
}

static void test_copy_is_deep_and_equal(void **state)
{
	for (size_t i = 0; i < NVEC; i++) {
		const struct res_vector *rv = &res_vectors[i];
		struct mapi_restriction *copy;
		assert_int_equal(mapi_restriction_copy(*state, &rv->want, &copy), 0);
		if (!mapi_restriction_equal(copy, &rv->want))
			fail_msg("%s: copy differs", rv->what);
		struct wc_writer w;
		wc_writer_init(&w, *state, 0);
		assert_int_equal(mapi_restriction_push(&w, rv->flags, copy), 0);
	}
	/* a change deep inside makes them differ */
	struct mapi_restriction *copy;
	const struct mapi_restriction *nested = &res_vectors[NVEC - 1].want;
	assert_int_equal(mapi_restriction_copy(*state, nested, &copy), 0);
	copy->and_or.res[1].comment.res->count.res->sub.res->bitmask.mask = 2;
	assert_false(mapi_restriction_equal(copy, nested));
	assert_int_equal(nested->and_or.res[1].comment.res->count.res->sub.res->bitmask.mask, 1);
	copy->and_or.res[1].comment.res->count.res->sub.res->bitmask.mask = 1;
	assert_true(mapi_restriction_equal(copy, nested));
	copy->and_or.res[0].and_or.count = 1;
	assert_false(mapi_restriction_equal(copy, nested));
}

/* MS-OXORULE 4.1.1: PidTagRuleCondition is RES_CONTENT, FL_SUBSTRING | FL_IGNORECASE, PidTagSubject contains
 * "Project X" */
static void test_rule_condition_example(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXORULE-4.1.1-modifyrules-ruledata.hex", "rulecondition", &len);
	struct wc_reader r;
	struct mapi_restriction *res;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_restriction_pull(&r, *state, 0, &res), 0);
	assert_int_equal(res->type, RES_CONTENT);
	assert_int_equal(res->content.fuzzy_level, 0x00010001);
	assert_int_equal(res->content.proptag, SUBJECT);
	assert_int_equal(res->content.pv.tag, SUBJECT);
	assert_string_equal(res->content.pv.value.str, "Project X");
	const struct res_vector rop = {"MS-OXORULE 4.1.1 PidTagRuleCondition", 0, NULL, {0}};
	cc_check(*state, &res_codec, &rop, rop.what, b, len, res);
}

static void test_invalid_field_values(void **state)
{
	static const struct {
		const char *hex;
		int want;
	} cases[] = {
	        {"0C 00", WC_EFORMAT}, /* RestrictType 0x0C does not exist */
	        {"FF", WC_EFORMAT},
	        {"04 06 03 00 08 0E 03 00 08 0E 2A 00 00 00", WC_ERANGE}, /* RELOP_RE is not a wire RelOp */
	        {"04 63 03 00 08 0E 03 00 08 0E 2A 00 00 00", WC_ERANGE},
	        {"05 07 40 00 06 0E 40 00 39 00", WC_ERANGE},
	        {"07 65 1F 00 37 00 00 01 00 00", WC_ERANGE},
	        {"06 02 03 00 07 0E 01 00 00 00", WC_ERANGE},                /* BitmapRelOp 2 */
	        {"03 03 00 00 00 1F 00 37 00 1F 00 37 00 00 00", WC_ERANGE}, /* FuzzyLevelLow 3 */
	        {"03 00 00 08 00 1F 00 37 00 1F 00 37 00 00 00", WC_ERANGE}, /* FuzzyLevelHigh 0x0008 */
	        {"0A 00 02 08 1F 00 37 00", WC_EFORMAT},                     /* RestrictionPresent 2 */
	        /* a multi-valued TaggedValue in a CommentRestriction */
	        {"0A 01 03 10 01 30 01 00 00 00 07 00 00 00 00", WC_ERANGE},
	        /* an instance of a multi-valued property is one value and allowed */
	        {"0A 01 03 30 01 30 07 00 00 00 00", 0},
	        /* a TaggedValue of a type that does not exist */
	        {"04 04 03 00 08 0E 08 00 08 0E 2A 00 00 00", WC_EUNSUPPORTED},
	        /* invalid UTF-16 in a TaggedValue */
	        {"04 04 1F 00 37 00 1F 00 37 00 00 D8 00 00", WC_EFORMAT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TALLOC_CTX *mem = talloc_new(*state);
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		struct mapi_restriction *res;
		wc_reader_init(&r, b, len);
		int ret = mapi_restriction_pull(&r, mem, 0, &res);
		if (ret != cases[i].want)
			fail_msg("case %zu (%s): got %d, want %d", i, cases[i].hex, ret, cases[i].want);
		if (ret != 0)
			assert_int_equal(talloc_total_blocks(mem), 1);
		talloc_free(mem);
	}
	/* the encoder refuses what the decoder would */
	struct mapi_restriction bad = {.type = RES_SIZE, .size = {RELOP_RE, SUBJECT, 1}};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &bad), WC_ERANGE);
	struct mapi_restriction bad_type = {.type = 0x0C};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &bad_type), WC_EINVAL);
	struct mapi_restriction no_child = {.type = RES_NOT, .not_ = {NULL}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &no_child), WC_EINVAL);
	struct mapi_restriction no_values = {.type = RES_COMMENT, .comment = {1, NULL, NULL}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &no_values), WC_EINVAL);
	struct mapi_restriction big_and = {.type = RES_AND, .and_or = {0x10000, NULL}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &big_and), WC_EINVAL);
}

static void test_hostile_counts(void **state)
{
	static const struct {
		unsigned flags;
		const char *hex;
	} cases[] = {
	        {0, "00 FF FF 08 1F 00 37 00"},                     /* 65535 children in 5 bytes */
	        {MAPI_PV_COUNT32, "01 FF FF FF FF 08 1F 00 37 00"}, /* 4 billion children */
	        {0, "0A FF 03 00 08 0E 2A 00 00 00"},               /* 255 comment values, 1 present */
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TALLOC_CTX *mem = talloc_new(*state);
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		struct mapi_restriction *res;
		wc_reader_init(&r, b, len);
		assert_int_equal(mapi_restriction_pull(&r, mem, cases[i].flags, &res), WC_EFORMAT);
		assert_int_equal(talloc_total_size(mem), 0);
		talloc_free(mem);
	}
}

/* n NotRestrictions around an ExistRestriction: n + 1 levels */
static uint8_t *nots(TALLOC_CTX *mem, size_t n, size_t *len)
{
	uint8_t *b = talloc_array(mem, uint8_t, n + 5);
	memset(b, RES_NOT, n);
	memcpy(b + n, "\x08\x1F\x00\x37\x00", 5);
	*len = n + 5;
	return b;
}

static void test_depth_limit(void **state)
{
	struct wc_reader r;
	struct wc_writer w;
	struct mapi_restriction *res;
	size_t len;
	uint8_t *b;

	/* MAPI_MAX_RESTRICTION_DEPTH levels decode and encode back; one more is WC_EDEPTH */
	b = nots(*state, MAPI_MAX_RESTRICTION_DEPTH - 1, &len);
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_restriction_pull(&r, *state, 0, &res), 0);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, res), 0);
	tu_assert_bytes(w.data, w.len, b, len);

	b = nots(*state, MAPI_MAX_RESTRICTION_DEPTH, &len);
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_restriction_pull(&r, *state, 0, &res), WC_EDEPTH);
	/* far deeper input stops at the limit (no stack exhaustion) */
	b = nots(*state, 1000000, &len);
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_restriction_pull(&r, *state, 0, &res), WC_EDEPTH);

	/* a structure built too deep is refused by the encoder too */
	struct mapi_restriction chain[MAPI_MAX_RESTRICTION_DEPTH + 1];
	for (int i = 0; i < MAPI_MAX_RESTRICTION_DEPTH; i++)
		chain[i] = (struct mapi_restriction){.type = RES_NOT, .not_ = {&chain[i + 1]}};
	chain[MAPI_MAX_RESTRICTION_DEPTH] = (struct mapi_restriction)EXIST(SUBJECT);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &chain[0]), WC_EDEPTH);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_restriction_push(&w, 0, &chain[1]), 0);
}

/* Restrictions inside PtypRestriction values count towards the same limit. */
static void test_depth_limit_through_values(void **state)
{
	/* PropertyRestriction RELOP_EQ, PropTag 0x667900FD, TaggedValue 0x667900FD whose value is the next
	 * one */
	static const uint8_t level[] = {0x04, 0x04, 0xFD, 0x00, 0x79, 0x66, 0xFD, 0x00, 0x79, 0x66};
	for (size_t n = MAPI_MAX_RESTRICTION_DEPTH - 1; n <= MAPI_MAX_RESTRICTION_DEPTH; n++) {
		uint8_t *b = talloc_array(*state, uint8_t, n * sizeof level + 5);
		for (size_t i = 0; i < n; i++)
			memcpy(b + i * sizeof level, level, sizeof level);
		memcpy(b + n * sizeof level, "\x08\x1F\x00\x37\x00", 5);
		struct wc_reader r;
		struct mapi_restriction *res;
		wc_reader_init(&r, b, n * sizeof level + 5);
		assert_int_equal(mapi_restriction_pull(&r, *state, 0, &res),
		                 n < MAPI_MAX_RESTRICTION_DEPTH ? 0 : WC_EDEPTH);
	}
}

/* ---- SortOrderSet (2.13) ---- */

static int sort_pull(struct wc_reader *r, TALLOC_CTX *mem, const void *ctx, void **out)
{
	struct mapi_sort_order_set *s = talloc_zero(mem, struct mapi_sort_order_set);
	int ret = s ? mapi_sort_order_set_pull(r, s, s) : WC_ENOMEM;
	if (ret != 0) {
		talloc_free(s);
		return ret;
	}
	*out = s;
	return 0;
}

static int sort_push(struct wc_writer *w, const void *ctx, const void *obj)
{
	return mapi_sort_order_set_push(w, obj);
}

static bool sort_equal(const void *ctx, const void *a, const void *b)
{
	return mapi_sort_order_set_equal(a, b);
}

static const struct cc_codec sort_codec = {sort_pull, sort_push, sort_equal};

/* MS-OXCTABL 4.3.1: one SortOrder, PidTagMessageDeliveryTime descending; 4.5.1.1: a category on a
 * multi-valued instance column (expanded), then delivery time descending */
static void test_sort_order_set_examples(void **state)
{
	struct mapi_sort_order by_time[] = {{PT_SYSTIME, 0x0E06, TABLE_SORT_DESCEND}};
	struct mapi_sort_order by_category[] = {{PT_MV_UNICODE | MVI_FLAG, 0x8008, TABLE_SORT_ASCEND},
	                                        {PT_SYSTIME, 0x0E06, TABLE_SORT_DESCEND}};
	struct mapi_sort_order_set want_time = {1, 0, 0, by_time}, want_category = {2, 1, 1, by_category};
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCTABL-4.3.1-sorttable-sortorderset.hex", "sortorderset", &len);
	cc_check(*state, &sort_codec, NULL, "MS-OXCTABL 4.3.1", b, len, &want_time);
	b = tu_vector(*state, "MS-OXCTABL-4.5.1.1-sorttable-category-sortorderset.hex", "sortorderset", &len);
	cc_check(*state, &sort_codec, NULL, "MS-OXCTABL 4.5.1.1", b, len, &want_category);
}

static void test_sort_order_set_rules(void **state)
{
	static const struct {
		const char *what;
		const char *hex;
		int want;
	} cases[] = {
	        {"CategorizedCount > SortOrderCount", "01 00 02 00 00 00  40 00 06 0E 00", WC_ERANGE},
	        {"ExpandedCount > CategorizedCount", "01 00 01 00 02 00  40 00 06 0E 00", WC_ERANGE},
	        {"Order 0x02 is not in the table", "01 00 00 00 00 00  40 00 06 0E 02", WC_ERANGE},
	        {"Order 0x04 TABLE_SORT_MAXIMUM_CATEGORY",
	         "02 00 01 00 00 00  1F 00 37 00 00  40 00 06 0E 04", 0},
	        {"PT_MV_FLAG without MVI_FLAG", "01 00 00 00 00 00  1F 10 08 80 00", WC_ERANGE},
	        {"MVI_FLAG without PT_MV_FLAG", "01 00 00 00 00 00  1F 20 08 80 00", WC_ERANGE},
	        {"two multi-valued columns", "02 00 00 00 00 00  1F 30 08 80 00  03 30 09 80 00", WC_ERANGE},
	        {"not a value type", "01 00 00 00 00 00  08 00 06 0E 00", WC_ERANGE},
	        {"PtypUnspecified", "01 00 00 00 00 00  00 00 06 0E 00", WC_ERANGE},
	        {"no sort orders", "00 00 00 00 00 00", 0},
	        {"SortOrderCount the input cannot hold", "FF FF 00 00 00 00  40 00 06 0E 00", WC_EFORMAT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TALLOC_CTX *mem = talloc_new(*state);
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		struct mapi_sort_order_set s;
		wc_reader_init(&r, b, len);
		int ret = mapi_sort_order_set_pull(&r, mem, &s);
		if (ret != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].what, ret, cases[i].want);
		if (ret !=
		    WC_EFORMAT) /* parsed: the reader is after the structure, even when it breaks a rule */
			assert_int_equal(wc_reader_left(&r), 0);
		if (ret != 0)
			assert_int_equal(talloc_total_blocks(mem), 1);
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		if (ret == WC_ERANGE) {
			struct mapi_sort_order o[2];
			struct mapi_sort_order_set bad = {0, 0, 0, o};
			wc_reader_init(&r, b, len);
			wc_read_u16(&r, &bad.count);
			wc_read_u16(&r, &bad.categorized);
			wc_read_u16(&r, &bad.expanded);
			for (uint16_t k = 0; k < bad.count; k++) {
				wc_read_u16(&r, &o[k].type);
				wc_read_u16(&r, &o[k].id);
				wc_read_u8(&r, &o[k].order);
			}
			assert_int_equal(mapi_sort_order_set_push(&w, &bad), WC_ERANGE);
		} else if (ret == 0) {
			assert_int_equal(mapi_sort_order_set_push(&w, &s), 0);
			tu_assert_bytes(w.data, w.len, b, len);
		}
		talloc_free(mem);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_every_restriction_against_its_vector, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_copy_is_deep_and_equal, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_rule_condition_example, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_invalid_field_values, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_hostile_counts, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_depth_limit, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_depth_limit_through_values, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_sort_order_set_examples, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_sort_order_set_rules, cc_setup, cc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
