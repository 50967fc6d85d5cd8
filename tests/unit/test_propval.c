/* src/mapi/mapi_propval.c: MS-OXCDATA 2.11 property values, PropertyRow, PropertyName, PropertyProblem,
 * PropertyTagArray, PtypServerId. Vectors are hand-built from the field tables of MS-OXCDATA 2.11.1 unless
 * they come from a spec example (tests/vectors). */
#include "testutil.h"
#include "codec_check.h"
#include "common/wc_error.h"
#include "mapi/mapi_propval.h"
#include "mapi/mapi_restriction.h"

#include <math.h>
#include <string.h>

/* ---- one value of every type ---- */

struct value_vector {
	const char *what;
	uint16_t type;
	unsigned flags;
	const char *hex;
	union mapi_value want;
};

static struct wc_guid ps_public_strings = {0x00020329, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
static struct wc_guid ps_mapi = {0x00020328, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

static const struct value_vector value_vectors[] = {
        {"PtypNull: no bytes", PT_NULL, 0, "", {0}},
        {"PtypInteger16 0x1234", PT_SHORT, 0, "34 12", {.i16 = 0x1234}},
        {"PtypInteger16 -2", PT_SHORT, 0, "FE FF", {.i16 = -2}},
        {"PtypInteger32 0x12345678", PT_LONG, 0, "78 56 34 12", {.i32 = 0x12345678}},
        {"PtypFloating32 1.5 (0x3FC00000)", PT_FLOAT, 0, "00 00 C0 3F", {.f32 = 1.5f}},
        {"PtypFloating64 1.5 (0x3FF8000000000000)", PT_DOUBLE, 0, "00 00 00 00 00 00 F8 3F", {.f64 = 1.5}},
        {"PtypCurrency 12.3456 = 123456 (0x1E240) scaled by 10000",
         PT_CURRENCY,
         0,
         "40 E2 01 00 00 00 00 00",
         {.i64 = 123456}},
        /* 2.11.1: "January 4, 1900 at 6:00 A.M. would be represented as 5.25" */
        {"PtypFloatingTime 5.25 (0x4015000000000000)",
         PT_APPTIME,
         0,
         "00 00 00 00 00 00 15 40",
         {.f64 = 5.25}},
        {"PtypErrorCode 0x8004010F NotFound", PT_ERROR, 0, "0F 01 04 80", {.err = 0x8004010F}},
        {"PtypBoolean TRUE", PT_BOOLEAN, 0, "01", {.b = true}},
        {"PtypBoolean FALSE", PT_BOOLEAN, 0, "00", {.b = false}},
        /* the PidTagRuleId of MS-OXORULE 4.2.2 */
        {"PtypInteger64 0x56F83F0100000001",
         PT_I8,
         0,
         "01 00 00 00 01 3F F8 56",
         {.i64 = 0x56F83F0100000001}},
        {"PtypString8 \"Hi\" + NUL", PT_STRING8, 0, "48 69 00", {.str = "Hi"}},
        {"PtypString8 empty", PT_STRING8, 0, "00", {.str = ""}},
        {"PtypString8 is raw bytes, no code page conversion", PT_STRING8, 0, "E9 FF 00", {.str = "\xE9\xFF"}},
        /* H, E-acute, U+1F600 as the surrogate pair D83D DE00, then 0x0000 */
        {"PtypString \"H\\u00C9\\U0001F600\" UTF-16LE to UTF-8",
         PT_UNICODE,
         0,
         "48 00 C9 00 3D D8 00 DE 00 00",
         {.str = "H\xC3\x89\xF0\x9F\x98\x80"}},
        {"PtypString empty", PT_UNICODE, 0, "00 00", {.str = ""}},
        /* the PidTagMessageDeliveryTime bytes of MS-OXCTABL 4.4.2 at 0x0084 */
        {"PtypTime FILETIME 0x01C87355EA03051D",
         PT_SYSTIME,
         0,
         "1D 05 03 EA 55 73 C8 01",
         {.time = 0x01C87355EA03051DULL}},
        {"PtypGuid PS_PUBLIC_STRINGS, Data1..3 little-endian",
         PT_CLSID,
         0,
         "29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46",
         {.guid = &ps_public_strings}},
        {"PtypBinary in a ROP: 16-bit COUNT 3",
         PT_BINARY,
         0,
         "03 00 01 02 03",
         {.bin = {3, (uint8_t *)"\x01\x02\x03"}}},
        {"PtypBinary 32-bit COUNT",
         PT_BINARY,
         MAPI_PV_COUNT32,
         "03 00 00 00 01 02 03",
         {.bin = {3, (uint8_t *)"\x01\x02\x03"}}},
        {"PtypBinary empty", PT_BINARY, 0, "00 00", {.bin = {0, NULL}}},
        /* 2.11.1.4: Ours 0x01, folder ID, message ID (zero for a folder), Instance 0 */
        {"PtypServerId: 16-bit COUNT 21 then Ours, FID, MID, Instance",
         PT_SVREID,
         0,
         "15 00 01 00 01 00 00 00 00 00 2A 00 00 00 00 00 00 00 00 00 00 00 00",
         {.bin = {21, (uint8_t *)"\x01\x00\x01\x00\x00\x00\x00\x00\x2A\0\0\0\0\0\0\0\0\0\0\0\0"}}},
        {"PtypServerId with 32-bit COUNT",
         PT_SVREID,
         MAPI_PV_COUNT32,
         "02 00 00 00 00 07",
         {.bin = {2, (uint8_t *)"\x00\x07"}}},
        {"PtypObject kept as counted bytes",
         PT_OBJECT,
         0,
         "02 00 AA BB",
         {.bin = {2, (uint8_t *)"\xAA\xBB"}}},
        {"PtypMultipleInteger16: 32-bit count even in a ROP",
         PT_MV_SHORT,
         0,
         "02 00 00 00 01 00 FE FF",
         {.mv = {2, .i16 = (int16_t[]){1, -2}}}},
        {"PtypMultipleInteger32",
         PT_MV_LONG,
         0,
         "01 00 00 00 62 00 00 00",
         {.mv = {1, .i32 = (int32_t[]){0x62}}}},
        {"PtypMultipleFloating32",
         PT_MV_FLOAT,
         0,
         "01 00 00 00 00 00 C0 3F",
         {.mv = {1, .f32 = (float[]){1.5f}}}},
        {"PtypMultipleFloating64",
         PT_MV_DOUBLE,
         0,
         "01 00 00 00 00 00 00 00 00 00 F8 3F",
         {.mv = {1, .f64 = (double[]){1.5}}}},
        {"PtypMultipleCurrency",
         PT_MV_CURRENCY,
         0,
         "01 00 00 00 40 E2 01 00 00 00 00 00",
         {.mv = {1, .i64 = (int64_t[]){123456}}}},
        {"PtypMultipleFloatingTime",
         PT_MV_APPTIME,
         0,
         "01 00 00 00 00 00 00 00 00 00 15 40",
         {.mv = {1, .f64 = (double[]){5.25}}}},
        {"PtypMultipleInteger64",
         PT_MV_I8,
         0,
         "02 00 00 00 01 00 00 00 00 00 00 00 FF FF FF FF FF FF FF FF",
         {.mv = {2, .i64 = (int64_t[]){1, -1}}}},
        {"PtypMultipleString8",
         PT_MV_STRING8,
         0,
         "02 00 00 00 61 00 62 63 00",
         {.mv = {2, .str = (char *[]){"a", "bc"}}}},
        {"PtypMultipleString",
         PT_MV_UNICODE,
         0,
         "02 00 00 00 61 00 00 00 00 00",
         {.mv = {2, .str = (char *[]){"a", ""}}}},
        {"PtypMultipleTime",
         PT_MV_SYSTIME,
         0,
         "01 00 00 00 1D 05 03 EA 55 73 C8 01",
         {.mv = {1, .time = (uint64_t[]){0x01C87355EA03051DULL}}}},
        {"PtypMultipleGuid",
         PT_MV_CLSID,
         0,
         "02 00 00 00 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 28 03 02 00 00 00 00 00 C0 00 00 00 00 "
         "00 00 46",
         {.mv = {2, .guid = (struct wc_guid[]){{0x00020329, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}},
                                               {0x00020328, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}}}}}},
        {"PtypMultipleBinary in a ROP: 32-bit value count, 16-bit byte counts",
         PT_MV_BINARY,
         0,
         "02 00 00 00 01 00 AA 00 00",
         {.mv = {2, .bin = (struct mapi_binary[]){{1, (uint8_t *)"\xAA"}, {0, NULL}}}}},
        {"PtypMultipleBinary in extended rules: 32-bit byte counts",
         PT_MV_BINARY,
         MAPI_PV_COUNT32,
         "02 00 00 00 01 00 00 00 AA 00 00 00 00",
         {.mv = {2, .bin = (struct mapi_binary[]){{1, (uint8_t *)"\xAA"}, {0, NULL}}}}},
        {"PtypMultipleString, no values", PT_MV_UNICODE, 0, "00 00 00 00", {.mv = {0, .str = NULL}}},
        /* 2.11.1.3: a MultivalueInstance type (0x3000 | base) holds one value of the base type */
        {"instance of PtypMultipleString (0x301F) is one PtypString",
         PT_MV_UNICODE | MVI_FLAG,
         0,
         "61 00 00 00",
         {.str = "a"}},
        {"instance of PtypMultipleInteger32 (0x3003)", PT_MV_LONG | MVI_FLAG, 0, "05 00 00 00", {.i32 = 5}},
};

#define NVEC (sizeof value_vectors / sizeof value_vectors[0])

/* mapi_value_pull / push / equal in a value_vector's type and flags */
static int value_pull(struct wc_reader *r, TALLOC_CTX *mem, const void *ctx, void **out)
{
	const struct value_vector *vv = ctx;
	union mapi_value *v = talloc_zero(mem, union mapi_value);
	int ret = v ? mapi_value_pull(r, v, vv->type, vv->flags, v) : WC_ENOMEM;
	if (ret != 0) {
		talloc_free(v);
		return ret;
	}
	*out = v;
	return 0;
}

static int value_push(struct wc_writer *w, const void *ctx, const void *obj)
{
	const struct value_vector *vv = ctx;
	return mapi_value_push(w, vv->type, vv->flags, obj);
}

static bool value_equal(const void *ctx, const void *a, const void *b)
{
	const struct value_vector *vv = ctx;
	return mapi_value_equal(vv->type, a, b);
}

static const struct cc_codec value_codec = {value_pull, value_push, value_equal};

static void test_every_type_against_its_vector(void **state)
{
	for (size_t i = 0; i < NVEC; i++) {
		const struct value_vector *vv = &value_vectors[i];
		cc_check_hex(*state, &value_codec, vv, vv->what, vv->hex, &vv->want);
	}
}

static void test_every_type_copies_deeply_and_compares_equal(void **state)
{
	for (size_t i = 0; i < NVEC; i++) {
		const struct value_vector *vv = &value_vectors[i];
		TALLOC_CTX *mem = talloc_new(*state);
		struct mapi_propval src = {PROP_TAG(vv->type, 0x6001), vv->want}, dst;
		assert_int_equal(mapi_propval_copy(mem, &src, &dst), 0);
		if (!mapi_propval_equal(&src, &dst))
			fail_msg("%s: copy differs", vv->what);
		/* deep: the copy owns its bytes */
		if (vv->type == PT_UNICODE && src.value.str[0] != '\0')
			assert_ptr_not_equal(src.value.str, dst.value.str);
		dst.tag = PROP_TAG(vv->type, 0x6002);
		assert_false(mapi_propval_equal(&src, &dst));
		talloc_free(mem);
	}
}

static void test_equality_is_by_value_and_bits(void **state)
{
	union mapi_value a = {.f64 = NAN}, b = {.f64 = NAN}, z = {.f64 = 0.0}, nz = {.f64 = -0.0};
	assert_true(mapi_value_equal(PT_DOUBLE, &a, &b));
	assert_false(mapi_value_equal(PT_DOUBLE, &z, &nz));
	union mapi_value s1 = {.str = "abc"}, s2 = {.str = "abd"};
	assert_false(mapi_value_equal(PT_UNICODE, &s1, &s2));
	union mapi_value g1 = {.guid = &ps_public_strings}, g2 = {.guid = &ps_mapi};
	assert_false(mapi_value_equal(PT_CLSID, &g1, &g2));
	union mapi_value m1 = {.mv = {2, .i32 = (int32_t[]){1, 2}}},
	                 m2 = {.mv = {2, .i32 = (int32_t[]){1, 3}}};
	assert_false(mapi_value_equal(PT_MV_LONG, &m1, &m2));
	m2.mv.count = 1;
	assert_false(mapi_value_equal(PT_MV_LONG, &m1, &m2));
	union mapi_value b1 = {.bin = {2, (uint8_t *)"ab"}}, b2 = {.bin = {2, (uint8_t *)"ac"}};
	assert_false(mapi_value_equal(PT_BINARY, &b1, &b2));
	assert_false(mapi_value_equal(0x0008, &b1, &b1)); /* not a value type */
}

/* ---- types ---- */

static void test_type_codes_valid_and_sizes(void **state)
{
	static const uint16_t valid[] = {PT_NULL,       PT_SHORT,    PT_LONG,       PT_FLOAT,
	                                 PT_DOUBLE,     PT_CURRENCY, PT_APPTIME,    PT_ERROR,
	                                 PT_BOOLEAN,    PT_OBJECT,   PT_I8,         PT_STRING8,
	                                 PT_UNICODE,    PT_SYSTIME,  PT_CLSID,      PT_SVREID,
	                                 PT_SRESTRICT,  PT_ACTIONS,  PT_BINARY,     PT_MV_SHORT,
	                                 PT_MV_LONG,    PT_MV_FLOAT, PT_MV_DOUBLE,  PT_MV_CURRENCY,
	                                 PT_MV_APPTIME, PT_MV_I8,    PT_MV_STRING8, PT_MV_UNICODE,
	                                 PT_MV_SYSTIME, PT_MV_CLSID, PT_MV_BINARY,  PT_MV_UNICODE | MVI_FLAG};
	/* PtypUnspecified only names "any type"; no PtypMultiple form of Null, ErrorCode, Boolean, Object,
	 * ServerId, Restriction, RuleAction; MVI_FLAG needs PT_MV_FLAG; 0x0008/0x0009/0x000C are not types */
	static const uint16_t invalid[] = {PT_UNSPECIFIED,
	                                   0x0008,
	                                   0x0009,
	                                   0x000C,
	                                   0x0103,
	                                   0x1001,
	                                   0x100A,
	                                   0x100B,
	                                   0x100D,
	                                   0x10FB,
	                                   0x10FD,
	                                   0x10FE,
	                                   MVI_FLAG | PT_LONG,
	                                   0x4003,
	                                   0xFFFF};
	for (size_t i = 0; i < sizeof valid / sizeof valid[0]; i++)
		if (!mapi_type_valid(valid[i]))
			fail_msg("type 0x%04X should be valid", valid[i]);
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++)
		if (mapi_type_valid(invalid[i]))
			fail_msg("type 0x%04X should be invalid", invalid[i]);
	assert_int_equal(mapi_type_fixed_size(PT_SHORT), 2);
	assert_int_equal(mapi_type_fixed_size(PT_LONG), 4);
	assert_int_equal(mapi_type_fixed_size(PT_ERROR), 4);
	assert_int_equal(mapi_type_fixed_size(PT_BOOLEAN), 1);
	assert_int_equal(mapi_type_fixed_size(PT_FLOAT), 4);
	assert_int_equal(mapi_type_fixed_size(PT_DOUBLE), 8);
	assert_int_equal(mapi_type_fixed_size(PT_CURRENCY), 8);
	assert_int_equal(mapi_type_fixed_size(PT_APPTIME), 8);
	assert_int_equal(mapi_type_fixed_size(PT_I8), 8);
	assert_int_equal(mapi_type_fixed_size(PT_SYSTIME), 8);
	assert_int_equal(mapi_type_fixed_size(PT_CLSID), 16);
	assert_int_equal(mapi_type_fixed_size(PT_MV_LONG | MVI_FLAG), 4);
	assert_int_equal(mapi_type_fixed_size(PT_UNICODE), 0);
	assert_int_equal(mapi_type_fixed_size(PT_BINARY), 0);
	assert_int_equal(mapi_type_fixed_size(PT_MV_LONG), 0);
	assert_int_equal(mapi_type_fixed_size(PT_NULL), 0);
	assert_int_equal(mapi_type_fixed_size(0x0008), 0);
}

static void test_invalid_types_are_unsupported(void **state)
{
	static const uint16_t invalid[] = {PT_UNSPECIFIED,     0x0008, 0x100B, 0x1001,
	                                   MVI_FLAG | PT_LONG, 0xFFFF};
	static const uint8_t bytes[] = {1, 0, 0, 0, 0, 0, 0, 0};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		struct wc_reader r;
		struct wc_writer w;
		union mapi_value v = {0};
		wc_reader_init(&r, bytes, sizeof bytes);
		assert_int_equal(mapi_value_pull(&r, *state, invalid[i], 0, &v), WC_EUNSUPPORTED);
		wc_writer_init(&w, *state, 0);
		assert_int_equal(mapi_value_push(&w, invalid[i], 0, &v), WC_EINVAL);
		assert_int_equal(wc_writer_status(&w), WC_EINVAL);
	}
}

/* ---- value rules and hostile input ---- */

static int pull_hex(void **state, uint16_t type, unsigned flags, const char *hex, union mapi_value *v)
{
	size_t len;
	uint8_t *b = tu_hex(*state, hex, &len);
	struct wc_reader r;
	wc_reader_init(&r, b, len);
	return mapi_value_pull(&r, *state, type, flags, v);
}

static void test_boolean_other_than_0_or_1_is_rejected(void **state)
{
	union mapi_value v;
	/* 2.11.1: PtypBoolean is "1 byte, restricted to 1 or 0" */
	assert_int_equal(pull_hex(state, PT_BOOLEAN, 0, "02", &v), WC_ERANGE);
	assert_int_equal(pull_hex(state, PT_BOOLEAN, 0, "FF", &v), WC_ERANGE);
}

static void test_bad_utf16_and_unterminated_strings_fail(void **state)
{
	union mapi_value v;
	assert_int_equal(pull_hex(state, PT_UNICODE, 0, "00 D8 41 00 00 00", &v), WC_EFORMAT); /* lone high */
	assert_int_equal(pull_hex(state, PT_UNICODE, 0, "00 DC 00 00", &v), WC_EFORMAT);       /* lone low */
	assert_int_equal(pull_hex(state, PT_UNICODE, 0, "41 00 42", &v), WC_EFORMAT);          /* no 0x0000 */
	assert_int_equal(pull_hex(state, PT_STRING8, 0, "41 42", &v), WC_EFORMAT);             /* no NUL */
	assert_int_equal(pull_hex(state, PT_MV_UNICODE, 0, "01 00 00 00 00 D8 00 00", &v), WC_EFORMAT);
}

static void test_hostile_counts_fail_without_allocating(void **state)
{
	static const struct {
		uint16_t type;
		unsigned flags;
		const char *hex;
		int want;
	} cases[] = {
	        {PT_MV_LONG, 0, "FF FF FF FF 00 00 00 00", WC_ERANGE}, /* above MAPI_MAX_MV_COUNT */
	        {PT_MV_BINARY, 0, "A0 86 01 00 00 00", WC_EFORMAT},    /* 100000 values in 2 bytes */
	        {PT_MV_UNICODE, 0, "A0 86 01 00 00 00 00 00", WC_EFORMAT},
	        {PT_MV_CLSID, 0, "02 00 00 00 00 00 00 00", WC_EFORMAT},
	        {PT_BINARY, 0, "FF FF 01 02", WC_EFORMAT},
	        {PT_BINARY, MAPI_PV_COUNT32, "FF FF FF FF 01 02", WC_EFORMAT},
	        {PT_SVREID, MAPI_PV_COUNT32, "FF FF FF FF", WC_EFORMAT},
	        {PT_MV_BINARY, 0, "01 00 00 00 FF FF", WC_EFORMAT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TALLOC_CTX *mem = talloc_new(*state);
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		union mapi_value v;
		wc_reader_init(&r, b, len);
		assert_int_equal(mapi_value_pull(&r, mem, cases[i].type, cases[i].flags, &v), cases[i].want);
		assert_int_equal(talloc_total_size(mem), 0);
		talloc_free(mem);
	}
}

static void test_mv_count_limit(void **state)
{
	/* exactly MAPI_MAX_MV_COUNT PtypInteger16 values decode; one more is WC_ERANGE */
	size_t n = MAPI_MAX_MV_COUNT;
	uint8_t *b = talloc_zero_array(*state, uint8_t, 4 + 2 * (n + 1));
	struct wc_reader r;
	union mapi_value v;
	b[0] = (uint8_t)n;
	b[1] = (uint8_t)(n >> 8);
	b[2] = (uint8_t)(n >> 16);
	wc_reader_init(&r, b, 4 + 2 * n);
	assert_int_equal(mapi_value_pull(&r, *state, PT_MV_SHORT, 0, &v), 0);
	assert_int_equal(v.mv.count, n);
	n++;
	b[0] = (uint8_t)n;
	b[1] = (uint8_t)(n >> 8);
	b[2] = (uint8_t)(n >> 16);
	wc_reader_init(&r, b, 4 + 2 * n);
	assert_int_equal(mapi_value_pull(&r, *state, PT_MV_SHORT, 0, &v), WC_ERANGE);
}

static void test_push_errors(void **state)
{
	struct wc_writer w;
	union mapi_value v = {.bin = {0x10000, talloc_zero_size(*state, 0x10000)}};
	/* a PtypBinary longer than 0xFFFF does not fit the 16-bit COUNT of a ROP buffer */
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_value_push(&w, PT_BINARY, 0, &v), WC_ERANGE);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_value_push(&w, PT_BINARY, MAPI_PV_COUNT32, &v), 0);
	assert_int_equal(w.len, 4 + 0x10000);
	/* invalid UTF-8 cannot become UTF-16 */
	union mapi_value s = {.str = "\xC0\x80"};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_value_push(&w, PT_UNICODE, 0, &s), WC_EINVAL);
	union mapi_value n = {.str = NULL};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_value_push(&w, PT_STRING8, 0, &n), WC_EINVAL);
	union mapi_value g = {.guid = NULL};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_value_push(&w, PT_CLSID, 0, &g), WC_EINVAL);
	/* the writer's limit is reported */
	union mapi_value l = {.i64 = 1};
	wc_writer_init(&w, *state, 4);
	assert_int_equal(mapi_value_push(&w, PT_I8, 0, &l), WC_ESPACE);
}

/* ---- tagged and typed values ---- */

/* MS-OXCPRPT 4.2.1: the PropertyValues of a RopSetProperties request */
static void test_setproperties_example_values(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCPRPT-4.2.1-setproperties-propertyvalues.hex", "propertyvalues",
	                       &len);
	struct wc_reader r;
	struct mapi_propval *pvs;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_tagged_propval_array_pull(&r, *state, 0, 2, &pvs), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(pvs[0].tag, 0x003D001F); /* PidTagSubjectPrefix */
	assert_string_equal(pvs[0].value.str, "");
	assert_int_equal(pvs[1].tag, 0x0E1D001F); /* PidTagNormalizedSubject */
	assert_string_equal(pvs[1].value.str, "Hello World");

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_tagged_propval_array_push(&w, 0, 2, pvs), 0);
	tu_assert_bytes(w.data, w.len, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		wc_reader_init(&r, b, cut);
		assert_int_not_equal(mapi_tagged_propval_array_pull(&r, *state, 0, 2, &pvs), 0);
	}
}

static void test_tagged_and_typed_values(void **state)
{
	/* TaggedPropertyValue: PropertyTag 0x0E080003 (PidTagMessageSize) then 4 bytes */
	static const uint8_t tagged[] = {0x03, 0x00, 0x08, 0x0E, 0x2A, 0x00, 0x00, 0x00};
	/* TypedPropertyValue: PropertyType 0x000B then one byte */
	static const uint8_t typed[] = {0x0B, 0x00, 0x01};
	struct wc_reader r;
	struct wc_writer w;
	struct mapi_propval pv;

	wc_reader_init(&r, tagged, sizeof tagged);
	assert_int_equal(mapi_tagged_propval_pull(&r, *state, 0, &pv), 0);
	assert_int_equal(pv.tag, 0x0E080003);
	assert_int_equal(pv.value.i32, 42);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_tagged_propval_push(&w, 0, &pv), 0);
	tu_assert_bytes(w.data, w.len, tagged, sizeof tagged);

	wc_reader_init(&r, typed, sizeof typed);
	assert_int_equal(mapi_typed_propval_pull(&r, *state, 0, &pv), 0);
	assert_int_equal(pv.tag, PROP_TAG(PT_BOOLEAN, 0));
	assert_true(pv.value.b);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_typed_propval_push(&w, 0, &pv), 0);
	tu_assert_bytes(w.data, w.len, typed, sizeof typed);

	for (size_t cut = 0; cut < sizeof tagged; cut++) {
		wc_reader_init(&r, tagged, cut);
		assert_int_equal(mapi_tagged_propval_pull(&r, *state, 0, &pv), WC_EFORMAT);
	}
	for (size_t cut = 0; cut < sizeof typed; cut++) {
		wc_reader_init(&r, typed, cut);
		assert_int_equal(mapi_typed_propval_pull(&r, *state, 0, &pv), WC_EFORMAT);
	}
	/* a hostile count of tagged values (each at least 4 bytes) */
	wc_reader_init(&r, tagged, sizeof tagged);
	struct mapi_propval *pvs;
	assert_int_equal(mapi_tagged_propval_array_pull(&r, *state, 0, 0xFFFFFFFF, &pvs), WC_EFORMAT);
}

/* A PtypRestriction value is a Restriction (2.12): MS-OXORULE 4.1.1 PidTagRuleCondition */
static void test_restriction_valued_property(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXORULE-4.1.1-modifyrules-ruledata.hex", "rulecondition", &len);
	struct wc_reader r;
	union mapi_value v;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_value_pull(&r, *state, PT_SRESTRICT, 0, &v), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(v.res->type, RES_CONTENT);
	assert_int_equal(v.res->content.fuzzy_level, FL_SUBSTRING | FL_IGNORECASE);
	assert_string_equal(v.res->content.pv.value.str, "Project X");
	union mapi_value c;
	assert_int_equal(mapi_value_copy(*state, PT_SRESTRICT, &v, &c), 0);
	assert_ptr_not_equal(c.res, v.res);
	assert_true(mapi_value_equal(PT_SRESTRICT, &v, &c));
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_value_push(&w, PT_SRESTRICT, 0, &c), 0);
	tu_assert_bytes(w.data, w.len, b, len);
}

/* ---- PropertyRow (2.8.1) ---- */

/* MS-OXCPRPT 4.3: RopGetPropertiesSpecific asks for three tags and gets a FlaggedPropertyRow */
static void test_getpropertiesspecific_example_row(void **state)
{
	const char *file = "MS-OXCPRPT-4.3-getpropertiesspecific.hex";
	size_t tlen, rlen;
	uint8_t *tb = tu_vector(*state, file, "propertytags", &tlen);
	uint8_t *rb = tu_vector(*state, file, "rowdata", &rlen);
	struct wc_reader r;
	uint16_t ntags;
	uint32_t *tags;
	struct mapi_property_row row;

	wc_reader_init(&r, tb, tlen);
	assert_int_equal(mapi_proptag_array_pull(&r, *state, &ntags, &tags), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(ntags, 3);
	assert_int_equal(tags[0], 0x863E000B);
	assert_int_equal(tags[1], 0x863F0003);
	assert_int_equal(tags[2], 0x65E20102);

	wc_reader_init(&r, rb, rlen);
	assert_int_equal(mapi_property_row_pull(&r, *state, tags, ntags, 0, &row), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(row.flag, MAPI_ROW_FLAGGED);
	assert_int_equal(row.count, 3);
	assert_int_equal(row.values[0].flag, MAPI_VALUE_PRESENT);
	assert_int_equal(row.values[0].pv.tag, 0x863E000B);
	assert_false(row.values[0].pv.value.b);
	assert_int_equal(row.values[1].flag, MAPI_VALUE_PRESENT);
	assert_int_equal(row.values[1].pv.value.i32, 0x62);
	assert_int_equal(row.values[2].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row.values[2].pv.value.err, 0x8004010F);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_proptag_array_push(&w, ntags, tags), 0);
	tu_assert_bytes(w.data, w.len, tb, tlen);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, tags, ntags, 0, &row), 0);
	tu_assert_bytes(w.data, w.len, rb, rlen);
	for (size_t cut = 0; cut < rlen; cut++) {
		TALLOC_CTX *mem = talloc_new(*state);
		wc_reader_init(&r, rb, cut);
		assert_int_equal(mapi_property_row_pull(&r, mem, tags, ntags, 0, &row), WC_EFORMAT);
		assert_int_equal(talloc_total_blocks(mem), 1);
		talloc_free(mem);
	}
	for (size_t cut = 0; cut < tlen; cut++) {
		wc_reader_init(&r, tb, cut);
		assert_int_equal(mapi_proptag_array_pull(&r, *state, &ntags, &tags), WC_EFORMAT);
	}
}

/* MS-OXORULE 4.2.2: the RopQueryRows answer on the rules table is a PropertyRowSet of one standard row */
static void test_rules_table_example_rowset(void **state)
{
	static const uint32_t columns[] = {0x66740014, 0x66840102, 0x6682001F};
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXORULE-4.2.2-queryrows-rowset.hex", "rowset", &len);
	struct wc_reader r;
	struct mapi_property_row_set set;

	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_property_row_set_pull(&r, *state, columns, 3, 0, &set), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(set.count, 1);
	const struct mapi_property_row *row = &set.rows[0];
	assert_int_equal(row->flag, MAPI_ROW_STANDARD);
	assert_true(row->values[0].pv.value.i64 == 0x56F83F0100000001LL);
	assert_int_equal(row->values[1].pv.value.bin.len, 0x10);
	assert_int_equal(row->values[1].pv.value.bin.data[0], 0x01);
	assert_int_equal(row->values[1].pv.value.bin.data[15], 0x40);
	assert_string_equal(row->values[2].pv.value.str, "Project X");

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_set_push(&w, columns, 3, 0, &set), 0);
	tu_assert_bytes(w.data, w.len, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		wc_reader_init(&r, b, cut);
		assert_int_equal(mapi_property_row_set_pull(&r, *state, columns, 3, 0, &set), WC_EFORMAT);
	}
	/* a RowCount that the input cannot hold */
	static const uint8_t hostile[] = {0xFF, 0xFF, 0x00};
	wc_reader_init(&r, hostile, sizeof hostile);
	assert_int_equal(mapi_property_row_set_pull(&r, *state, columns, 3, 0, &set), WC_EFORMAT);
}

/* Hand-built rows: PtypUnspecified columns, MultivalueInstance columns, every value flag. */
static void test_rows_with_unspecified_and_instance_columns(void **state)
{
	static const uint32_t columns[] = {
	        PROP_TAG(PT_UNSPECIFIED, 0x0037),           /* typed on the wire */
	        PROP_TAG(PT_MV_UNICODE | MVI_FLAG, 0x8008), /* one instance per row */
	        PROP_TAG(PT_LONG, 0x0E08),
	        PROP_TAG(PT_UNSPECIFIED, 0x0E07),
	};
	/* StandardPropertyRow (2.8.1.1): Flag 0x00; TypedPropertyValue 0x001F "a"; PtypString "b"; 7;
	 * TypedPropertyValue 0x0003 9 */
	static const uint8_t standard[] = {0x00, 0x1F, 0x00, 0x61, 0x00, 0x00, 0x00, 0x62, 0x00, 0x00, 0x00,
	                                   0x07, 0x00, 0x00, 0x00, 0x03, 0x00, 0x09, 0x00, 0x00, 0x00};
	/* FlaggedPropertyRow (2.8.1.2): Flag 0x01; FlaggedPropertyValueWithType (2.11.6) PropertyType 0x001F
	 * Flag 0x00 "a"; FlaggedPropertyValue Flag 0x01 (absent); Flag 0x0A 0x8004010F; PropertyType 0x000A
	 * Flag 0x0A 0x80040305 */
	static const uint8_t flagged[] = {0x01, 0x1F, 0x00, 0x00, 0x61, 0x00, 0x00, 0x00, 0x01, 0x0A, 0x0F,
	                                  0x01, 0x04, 0x80, 0x0A, 0x00, 0x0A, 0x05, 0x03, 0x04, 0x80};
	struct wc_reader r;
	struct wc_writer w;
	struct mapi_property_row row;

	wc_reader_init(&r, standard, sizeof standard);
	assert_int_equal(mapi_property_row_pull(&r, *state, columns, 4, 0, &row), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(row.values[0].pv.tag, 0x0037001F);
	assert_string_equal(row.values[0].pv.value.str, "a");
	assert_int_equal(row.values[1].pv.tag, 0x8008301F);
	assert_string_equal(row.values[1].pv.value.str, "b");
	assert_int_equal(row.values[2].pv.value.i32, 7);
	assert_int_equal(row.values[3].pv.tag, 0x0E070003);
	assert_int_equal(row.values[3].pv.value.i32, 9);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, columns, 4, 0, &row), 0);
	tu_assert_bytes(w.data, w.len, standard, sizeof standard);

	wc_reader_init(&r, flagged, sizeof flagged);
	assert_int_equal(mapi_property_row_pull(&r, *state, columns, 4, 0, &row), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(row.flag, MAPI_ROW_FLAGGED);
	assert_int_equal(row.values[0].flag, MAPI_VALUE_PRESENT);
	assert_string_equal(row.values[0].pv.value.str, "a");
	assert_int_equal(row.values[1].flag, MAPI_VALUE_NOT_PRESENT);
	assert_int_equal(row.values[2].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row.values[2].pv.value.err, 0x8004010F);
	assert_int_equal(row.values[3].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row.values[3].pv.tag, 0x0E07000A);
	assert_int_equal(row.values[3].pv.value.err, 0x80040305);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, columns, 4, 0, &row), 0);
	tu_assert_bytes(w.data, w.len, flagged, sizeof flagged);

	for (size_t cut = 0; cut < sizeof flagged; cut++) {
		wc_reader_init(&r, flagged, cut);
		assert_int_equal(mapi_property_row_pull(&r, *state, columns, 4, 0, &row), WC_EFORMAT);
	}
	for (size_t cut = 0; cut < sizeof standard; cut++) {
		wc_reader_init(&r, standard, cut);
		assert_int_equal(mapi_property_row_pull(&r, *state, columns, 4, 0, &row), WC_EFORMAT);
	}
}

static void test_row_errors(void **state)
{
	static const uint32_t col[] = {PROP_TAG(PT_LONG, 0x0E08)};
	static const uint8_t bad_row_flag[] = {0x02, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t bad_value_flag[] = {0x01, 0x05, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t unspecified_on_wire[] = {0x00, 0x00, 0x00, 0x01};
	static const uint32_t ucol[] = {PROP_TAG(PT_UNSPECIFIED, 0x0E08)};
	struct wc_reader r;
	struct mapi_property_row row;

	wc_reader_init(&r, bad_row_flag, sizeof bad_row_flag);
	assert_int_equal(mapi_property_row_pull(&r, *state, col, 1, 0, &row), WC_EFORMAT);
	wc_reader_init(&r, bad_value_flag, sizeof bad_value_flag);
	assert_int_equal(mapi_property_row_pull(&r, *state, col, 1, 0, &row), WC_EFORMAT);
	/* a TypedPropertyValue cannot itself be of type PtypUnspecified */
	wc_reader_init(&r, unspecified_on_wire, sizeof unspecified_on_wire);
	assert_int_equal(mapi_property_row_pull(&r, *state, ucol, 1, 0, &row), WC_EUNSUPPORTED);

	struct wc_writer w;
	struct mapi_row_value absent = {MAPI_VALUE_NOT_PRESENT, {PROP_TAG(PT_LONG, 0x0E08), {0}}};
	struct mapi_property_row standard = {MAPI_ROW_STANDARD, 1, &absent};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, col, 1, 0, &standard), WC_EINVAL);
	struct mapi_row_value wrong = {MAPI_VALUE_PRESENT, {PROP_TAG(PT_I8, 0x0E08), {0}}};
	struct mapi_property_row mismatch = {MAPI_ROW_STANDARD, 1, &wrong};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, col, 1, 0, &mismatch), WC_EINVAL);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, col, 0, 0, &mismatch), WC_EINVAL); /* count != columns */
	struct mapi_property_row no_values = {MAPI_ROW_STANDARD, 1, NULL};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, col, 1, 0, &no_values), WC_EINVAL);
	struct mapi_property_row_set no_rows = {1, NULL};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_set_push(&w, col, 1, 0, &no_rows), WC_EINVAL);
}

/* MS-OXCDATA 2.8.1.2, 2.11.5: in a FlaggedPropertyRow an absent value is its Flag 0x1 alone and an error
 * value Flag 0xA with the error code, whatever type the value's tag has (PtypErrorCode, as stores give them);
 * a multi-value instance column (2.11.1.3: PtypMultipleString | MVI_FLAG) holds one string. */
static void test_row_flagged_values_and_instances(void **state)
{
	static const uint32_t cols[] = {PROP_TAG(PT_UNICODE, 0x0037), PROP_TAG(PT_LONG, 0x0E07),
	                                PROP_TAG(PT_MV_UNICODE | MVI_FLAG, 0x8001)};
	struct mapi_row_value v[3] = {
	        {MAPI_VALUE_NOT_PRESENT, {PROP_TAG(PT_ERROR, 0x0037), {.err = 0x8004010F}}},
	        {MAPI_VALUE_ERROR, {PROP_TAG(PT_ERROR, 0x0E07), {.err = 0x8007000E}}},
	        {MAPI_VALUE_PRESENT, {PROP_TAG(PT_UNICODE, 0x8001), {.str = "a"}}},
	};
	struct mapi_property_row row = {MAPI_ROW_FLAGGED, 3, v};
	/* Flag 0x01; 0x01 (absent); 0x0A, ecMAPIOOM 0x8007000E; 0x00, "a" as UTF-16LE with its terminator */
	static const uint8_t want[] = {0x01, 0x01, 0x0A, 0x0E, 0x00, 0x07,
	                               0x80, 0x00, 0x61, 0x00, 0x00, 0x00};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, cols, 3, 0, &row), 0);
	tu_assert_bytes(w.data, w.len, want, sizeof want);
	/* a present value of another type is still refused */
	v[2].pv.tag = PROP_TAG(PT_LONG, 0x8001);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_property_row_push(&w, cols, 3, 0, &row), WC_EINVAL);
}

/* ---- PropertyName (2.6.1), PropertyProblem (2.7), PtypServerId (2.11.1.4) ---- */

/* MS-OXCPRPT 4.1.1: two MNID_STRING names */
static void test_propertyname_example(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCPRPT-4.1.1-getpropertyidsfromnames-propertynames.hex",
	                       "propertynames", &len);
	struct wc_guid ps_common = {0x00062002, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
	struct wc_reader r;
	struct wc_writer w;
	struct mapi_propname pn[2];

	wc_reader_init(&r, b, len);
	wc_writer_init(&w, *state, 0);
	for (int i = 0; i < 2; i++) {
		assert_int_equal(mapi_propname_pull(&r, *state, &pn[i]), 0);
		assert_int_equal(pn[i].kind, MNID_STRING);
		assert_true(wc_guid_equal(&pn[i].guid, &ps_common));
		assert_int_equal(mapi_propname_push(&w, &pn[i]), 0);
	}
	assert_string_equal(pn[0].name, "TestProp1");
	assert_string_equal(pn[1].name, "TestProp2");
	assert_int_equal(wc_reader_left(&r), 0);
	tu_assert_bytes(w.data, w.len, b, len);
	for (size_t cut = 0; cut < len / 2; cut++) {
		wc_reader_init(&r, b, cut);
		assert_int_equal(mapi_propname_pull(&r, *state, &pn[0]), WC_EFORMAT);
	}
}

static void test_propertyname_forms_and_errors(void **state)
{
	static const struct {
		const char *hex;
		int want;
	} cases[] = {
	        /* Kind 0x00 MNID_ID, PS_PUBLIC_STRINGS, LID 0x00008501 */
	        {"00 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 01 85 00 00", 0},
	        /* Kind 0xFF: no name, GUID only */
	        {"FF 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46", 0},
	        /* Kind 0x02 is not in the table */
	        {"02 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 00", WC_EFORMAT},
	        /* NameSize odd, zero, or the last two bytes not 0x0000 */
	        {"01 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 03 41 00 00", WC_EFORMAT},
	        {"01 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 00", WC_EFORMAT},
	        {"01 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 04 41 00 42 00", WC_EFORMAT},
	        /* a NUL inside the name */
	        {"01 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 06 00 00 41 00 00 00", WC_EFORMAT},
	        /* NameSize 0xFE with only 2 bytes left */
	        {"01 29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46 FE 41 00", WC_EFORMAT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		struct mapi_propname pn;
		wc_reader_init(&r, b, len);
		assert_int_equal(mapi_propname_pull(&r, *state, &pn), cases[i].want);
		if (cases[i].want != 0)
			continue;
		assert_int_equal(wc_reader_left(&r), 0);
		struct wc_writer w;
		wc_writer_init(&w, *state, 0);
		assert_int_equal(mapi_propname_push(&w, &pn), 0);
		tu_assert_bytes(w.data, w.len, b, len);
		if (pn.kind == MNID_ID)
			assert_int_equal(pn.lid, 0x8501);
	}
	/* NameSize is one byte: 126 UTF-16 units plus the terminator fit (254), 127 do not */
	struct mapi_propname pn = {MNID_STRING, ps_public_strings, 0, NULL};
	struct wc_writer w;
	char name[128];
	memset(name, 'x', 127);
	name[127] = '\0';
	pn.name = name;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_propname_push(&w, &pn), WC_ERANGE);
	name[126] = '\0';
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_propname_push(&w, &pn), 0);
	assert_int_equal(w.data[17], 254);
}

static void test_propertyproblem(void **state)
{
	/* Index 0x0001, PropertyTag 0x0E1D001F, ErrorCode 0x80040102 (NotSupported) */
	static const uint8_t b[] = {0x01, 0x00, 0x1F, 0x00, 0x1D, 0x0E, 0x02, 0x01, 0x04, 0x80};
	struct wc_reader r;
	struct mapi_propproblem pp;
	wc_reader_init(&r, b, sizeof b);
	assert_int_equal(mapi_propproblem_pull(&r, &pp), 0);
	assert_int_equal(pp.index, 1);
	assert_int_equal(pp.tag, 0x0E1D001F);
	assert_int_equal(pp.error, 0x80040102);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_propproblem_push(&w, &pp), 0);
	tu_assert_bytes(w.data, w.len, b, sizeof b);
	for (size_t cut = 0; cut < sizeof b; cut++) {
		wc_reader_init(&r, b, cut);
		assert_int_equal(mapi_propproblem_pull(&r, &pp), WC_EFORMAT);
	}
}

/* MS-OXORULE 4.1.1 0x0119: the FolderEID of the OP_MOVE action is a ServerEid (FolderInThisStore is 0x01);
 * FolderEIDSize 0x0015 is at 0x0117 */
static void test_server_id(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXORULE-4.1.1-modifyrules-ruledata.hex", "rop", &len);
	struct mapi_binary eid = {21, b + 0x119};
	struct mapi_server_id sid;
	assert_int_equal(b[0x117], 0x15);
	assert_int_equal(mapi_server_id_pull(&eid, &sid), 0);
	assert_int_equal(sid.ours, 1);
	assert_true(sid.folder_id == 0x0C00720100000004ULL);
	assert_true(sid.message_id == 0);
	assert_int_equal(sid.instance, 0);
	struct mapi_binary back;
	assert_int_equal(mapi_server_id_push(*state, &sid, &back), 0);
	tu_assert_bytes(back.data, back.len, eid.data, eid.len);
	eid.len = 20;
	assert_int_equal(mapi_server_id_pull(&eid, &sid), WC_EFORMAT);
	uint8_t client[21] = {0x00};
	struct mapi_binary other = {21, client};
	assert_int_equal(mapi_server_id_pull(&other, &sid), WC_EFORMAT); /* Ours 0x00: client-defined */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_every_type_against_its_vector, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_every_type_copies_deeply_and_compares_equal, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_equality_is_by_value_and_bits, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_type_codes_valid_and_sizes, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_invalid_types_are_unsupported, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_boolean_other_than_0_or_1_is_rejected, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_bad_utf16_and_unterminated_strings_fail, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_hostile_counts_fail_without_allocating, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_mv_count_limit, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_push_errors, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_setproperties_example_values, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_tagged_and_typed_values, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_restriction_valued_property, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_getpropertiesspecific_example_row, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_rules_table_example_rowset, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_rows_with_unspecified_and_instance_columns, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_row_errors, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_row_flagged_values_and_instances, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_propertyname_example, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_propertyname_forms_and_errors, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_propertyproblem, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_server_id, cc_setup, cc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
