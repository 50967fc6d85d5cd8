/* src/mapi/nspi_types.c: MS-OXNSPI 2.2.7-2.2.9 structures and the MS-OXCMAPIHTTP 2.2.1 AddressBook* values.
 */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/nspi_types.h"

#include <string.h>

/* Decoding fn over the whole buffer must succeed and consume it; every shorter prefix must fail with
 * WC_EFORMAT. */
#define EXPECT_PULL(fn, buf, len, ...)                                                                       \
	do {                                                                                                 \
		struct wc_reader r_;                                                                         \
		for (size_t n_ = 0; n_ < (len); n_++) {                                                      \
			wc_reader_init(&r_, (buf), n_);                                                      \
			assert_int_equal(fn(&r_, __VA_ARGS__), WC_EFORMAT);                                  \
		}                                                                                            \
		wc_reader_init(&r_, (buf), (len));                                                           \
		assert_int_equal(fn(&r_, __VA_ARGS__), 0);                                                   \
		assert_int_equal(wc_reader_left(&r_), 0);                                                    \
	} while (0)

#define EXPECT_PUSH(fn, want_, len_, ...)                                                                    \
	do {                                                                                                 \
		struct wc_writer w_;                                                                         \
		wc_writer_init(&w_, *state, 0);                                                              \
		assert_int_equal(fn(&w_, __VA_ARGS__), 0);                                                   \
		tu_assert_bytes(w_.data, w_.len, (want_), (len_));                                           \
	} while (0)

/* MS-OXNSPI 4: the STAT of the NspiQueryRows response {0, 0, 0x1928, 0, 2, 0x16, 0x4E4, 0x409, 0x409} */
static void test_stat_example_values(void **state)
{
	/* clang-format off */
	static const uint8_t b[] = {
		0x00, 0x00, 0x00, 0x00, /* SortType SortTypeDisplayName */
		0x00, 0x00, 0x00, 0x00, /* ContainerID: the GAL */
		0x28, 0x19, 0x00, 0x00, /* CurrentRec 0x1928 */
		0xFE, 0xFF, 0xFF, 0xFF, /* Delta -2 (the example has 0; a negative value checks the sign) */
		0x02, 0x00, 0x00, 0x00, /* NumPos 2 */
		0x16, 0x00, 0x00, 0x00, /* TotalRecs 0x16 */
		0xE4, 0x04, 0x00, 0x00, /* CodePage 1252 */
		0x09, 0x04, 0x00, 0x00, /* TemplateLocale 0x409 */
		0x09, 0x04, 0x00, 0x00, /* SortLocale 0x409 */
	};
	/* clang-format on */
	struct mapi_nspi_stat s;
	assert_int_equal(sizeof b, MAPI_NSPI_STAT_SIZE);
	EXPECT_PULL(mapi_nspi_stat_pull, b, sizeof b, &s);
	assert_int_equal(s.sort_type, SORT_TYPE_DISPLAY_NAME);
	assert_int_equal(s.container_id, 0);
	assert_int_equal(s.current_rec, 0x1928);
	assert_int_equal(s.delta, -2);
	assert_int_equal(s.num_pos, 2);
	assert_int_equal(s.total_recs, 0x16);
	assert_int_equal(s.code_page, 0x4E4);
	assert_int_equal(s.template_locale, NSPI_DEFAULT_LOCALE);
	assert_int_equal(s.sort_locale, NSPI_DEFAULT_LOCALE);
	EXPECT_PUSH(mapi_nspi_stat_push, b, sizeof b, &s);
}

/* MS-OXNSPI 2.2.1.7: GUID_NSPI is the byte sequence DC A7 40 C8 C0 42 10 1A B4 B9 08 00 2B 2F E1 82 */
static void test_guid_nspi_bytes(void **state)
{
	static const uint8_t want[] = {0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
	                               0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_guid(&w, &mapi_nspi_guid));
	tu_assert_bytes(w.data, w.len, want, sizeof want);
}

static void test_u32_array(void **state)
{
	/* clang-format off */
	static const uint8_t b[] = {
		0x02, 0x00, 0x00, 0x00, /* PropertyTagCount 2 */
		0x1F, 0x00, 0x01, 0x30, /* PidTagDisplayName */
		0x02, 0x01, 0xFF, 0x0F, /* PidTagEntryId */
	};
	/* clang-format on */
	struct mapi_u32_array a;
	EXPECT_PULL(mapi_u32_array_pull, b, sizeof b, *state, &a);
	assert_int_equal(a.count, 2);
	assert_int_equal(a.values[0], 0x3001001F);
	assert_int_equal(a.values[1], 0x0FFF0102);
	EXPECT_PUSH(mapi_u32_array_push, b, sizeof b, &a);
	static const uint8_t empty[] = {0, 0, 0, 0};
	EXPECT_PULL(mapi_u32_array_pull, empty, sizeof empty, *state, &a);
	assert_int_equal(a.count, 0);
}

/* 2.2.1.8: "The number is limited to 100,000"; a count the input cannot hold is refused before allocating */
static void test_u32_array_hostile_counts(void **state)
{
	static const uint8_t over_limit[] = {0xA1, 0x86, 0x01, 0x00}; /* 100001 */
	static const uint8_t huge[] = {0xFF, 0xFF, 0xFF, 0xFF};
	static const uint8_t short_of_input[] = {0x03, 0x00, 0x00, 0x00, 1, 2, 3, 4, 5, 6, 7, 8};
	struct mapi_u32_array a = {7, NULL};
	struct wc_reader r;
	wc_reader_init(&r, over_limit, sizeof over_limit);
	assert_int_equal(mapi_u32_array_pull(&r, *state, &a), WC_ERANGE);
	wc_reader_init(&r, huge, sizeof huge);
	assert_int_equal(mapi_u32_array_pull(&r, *state, &a), WC_ERANGE);
	wc_reader_init(&r, short_of_input, sizeof short_of_input);
	assert_int_equal(mapi_u32_array_pull(&r, *state, &a), WC_EFORMAT);
	assert_int_equal(a.count, 7);                     /* untouched */
	assert_int_equal(talloc_total_blocks(*state), 1); /* nothing but the context */
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	a.count = MAPI_NSPI_MAX_COUNT + 1;
	assert_int_equal(mapi_u32_array_push(&w, &a), WC_ERANGE);
}

/* DnToMinId NameCount/NameValues (8-bit) and ResolveNames NameCount/NameValues (UTF-16) */
static void test_strings_both_forms(void **state)
{
	/* clang-format off */
	static const uint8_t ascii[] = {
		0x02, 0x00, 0x00, 0x00, /* NameCount 2 */
		'/', 'o', '=', 'x', 0,  /* "/o=x" */
		0,                      /* "" */
	};
	static const uint8_t unicode[] = {
		0x01, 0x00, 0x00, 0x00,                                /* NameCount 1 */
		'b', 0, 0xF6, 0, 'b', 0, 0x3D, 0xD8, 0x00, 0xDE, 0, 0, /* "böb😀" */
	};
	/* clang-format on */
	struct mapi_nspi_strings s;
	EXPECT_PULL(mapi_nspi_strings_pull, ascii, sizeof ascii, *state, false, &s);
	assert_int_equal(s.count, 2);
	assert_string_equal(s.strings[0], "/o=x");
	assert_string_equal(s.strings[1], "");
	EXPECT_PUSH(mapi_nspi_strings_push, ascii, sizeof ascii, false, &s);
	EXPECT_PULL(mapi_nspi_strings_pull, unicode, sizeof unicode, *state, true, &s);
	assert_int_equal(s.count, 1);
	assert_string_equal(s.strings[0], "b\xc3\xb6"
	                                  "b\xf0\x9f\x98\x80");
	EXPECT_PUSH(mapi_nspi_strings_push, unicode, sizeof unicode, true, &s);
	/* an unpaired surrogate is refused; so is a count the bytes cannot hold (2 bytes per Unicode string)
	 */
	static const uint8_t lone[] = {0x01, 0x00, 0x00, 0x00, 0x00, 0xD8, 0x00, 0x00};
	static const uint8_t too_many[] = {0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	struct wc_reader r;
	wc_reader_init(&r, lone, sizeof lone);
	assert_int_equal(mapi_nspi_strings_pull(&r, *state, true, &s), WC_EFORMAT);
	wc_reader_init(&r, too_many, sizeof too_many);
	assert_int_equal(mapi_nspi_strings_pull(&r, *state, true, &s), WC_EFORMAT);
	/* 8-bit strings take one byte at least: the same bytes hold three empty strings, not five */
	wc_reader_init(&r, too_many, sizeof too_many);
	assert_int_equal(mapi_nspi_strings_pull(&r, *state, false, &s), 0);
	assert_int_equal(s.count, 3);
	static const uint8_t five[] = {0x05, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	wc_reader_init(&r, five, sizeof five);
	assert_int_equal(mapi_nspi_strings_pull(&r, *state, false, &s), WC_EFORMAT);
}

/* MS-OXNSPI 2.2.9.2 EphemeralEntryID and 2.2.9.3 PermanentEntryID */
/* clang-format off */
static const uint8_t ephemeral[] = {
	0x87,                                                                   /* ID Type */
	0x00, 0x00, 0x00,                                                       /* R1, R2, R3 */
	0xAB, 0xBC, 0x8B, 0x86, 0x79, 0x33, 0xC4, 0x48,                         /* ProviderUID: the server GUID of MS-OXNSPI 4 */
	0xA1, 0xEF, 0x1B, 0x53, 0xE6, 0x3B, 0xDC, 0x46, 0x01, 0x00, 0x00, 0x00, /* R4 */
	0x01, 0x00, 0x00, 0x00,                                                 /* Display Type DT_DISTLIST */
	0x27, 0x19, 0x00, 0x00,                                                 /* MId 0x1927 */
};
static const uint8_t permanent[] = {
	0x00,                                                                   /* ID Type */
	0x00, 0x00, 0x00,                                                       /* R1, R2, R3 */
	0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,                         /* ProviderUID: GUID_NSPI */
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82, 0x01, 0x00, 0x00, 0x00, /* R4 */
	0x00, 0x00, 0x00, 0x00,                                                 /* Display Type String DT_MAILUSER */
	'/', 'o', '=', 'x', '/', 'c', 'n', '=', 'a', 0,                         /* Distinguished Name */
};
/* clang-format on */

static void test_entryids(void **state)
{
	struct mapi_nspi_entryid e;
	EXPECT_PULL(mapi_nspi_entryid_pull, ephemeral, sizeof ephemeral, *state, &e);
	assert_int_equal(e.id_type, NSPI_EPHEMERAL_ENTRYID);
	assert_int_equal(e.display_type, DT_DISTLIST);
	assert_int_equal(e.mid, 0x1927);
	EXPECT_PUSH(mapi_nspi_entryid_push, ephemeral, sizeof ephemeral, &e);
	EXPECT_PULL(mapi_nspi_entryid_pull, permanent, sizeof permanent, *state, &e);
	assert_int_equal(e.id_type, NSPI_PERMANENT_ENTRYID);
	assert_true(wc_guid_equal(&e.provider_uid, &mapi_nspi_guid));
	assert_int_equal(e.display_type, DT_MAILUSER);
	assert_string_equal(e.dn, "/o=x/cn=a");
	EXPECT_PUSH(mapi_nspi_entryid_push, permanent, sizeof permanent, &e);

	/* ModLinkAtt EntryIdCount/EntryIds: both forms one after the other */
	uint8_t both[4 + sizeof ephemeral + sizeof permanent] = {0x02, 0x00, 0x00, 0x00};
	memcpy(both + 4, permanent, sizeof permanent);
	memcpy(both + 4 + sizeof permanent, ephemeral, sizeof ephemeral);
	struct mapi_nspi_entryids ids;
	EXPECT_PULL(mapi_nspi_entryids_pull, both, sizeof both, *state, &ids);
	assert_int_equal(ids.count, 2);
	assert_string_equal(ids.ids[0].dn, "/o=x/cn=a");
	assert_int_equal(ids.ids[1].mid, 0x1927);
	EXPECT_PUSH(mapi_nspi_entryids_push, both, sizeof both, &ids);

	/* an ID Type that is neither 0x87 nor 0x00; reserved fields are not checked on input but written as
	 * the constants */
	uint8_t b[sizeof ephemeral];
	memcpy(b, ephemeral, sizeof b);
	b[0] = 0x86;
	struct wc_reader r;
	wc_reader_init(&r, b, sizeof b);
	assert_int_equal(mapi_nspi_entryid_pull(&r, *state, &e), WC_EFORMAT);
	b[0] = 0x87;
	b[1] = 0x55;
	b[20] = 0x07;
	wc_reader_init(&r, b, sizeof b);
	assert_int_equal(mapi_nspi_entryid_pull(&r, *state, &e), 0);
	EXPECT_PUSH(mapi_nspi_entryid_push, ephemeral, sizeof ephemeral, &e);
	/* a permanent entry ID needs its DN */
	struct mapi_nspi_entryid no_dn = {.id_type = NSPI_PERMANENT_ENTRYID};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_nspi_entryid_push(&w, &no_dn), WC_EINVAL);
	/* hostile count: 29 bytes at least per entry ID */
	static const uint8_t hostile[] = {0x02, 0x00, 0x00, 0x00, 0x00};
	wc_reader_init(&r, hostile, sizeof hostile);
	assert_int_equal(mapi_nspi_entryids_pull(&r, *state, &ids), WC_EFORMAT);
}

/* 2.2.1.1: HasValue precedes values of PtypString8, PtypString, PtypBinary and every PtypMultiple type only
 */
static void test_has_value_byte_types(void **state)
{
	assert_true(mapi_abk_has_value_byte(PT_STRING8));
	assert_true(mapi_abk_has_value_byte(PT_UNICODE));
	assert_true(mapi_abk_has_value_byte(PT_BINARY));
	static const uint16_t mv[] = {PT_MV_SHORT,    PT_MV_LONG,    PT_MV_FLOAT, PT_MV_DOUBLE,
	                              PT_MV_CURRENCY, PT_MV_APPTIME, PT_MV_I8,    PT_MV_UNICODE,
	                              PT_MV_STRING8,  PT_MV_SYSTIME, PT_MV_CLSID, PT_MV_BINARY};
	for (size_t i = 0; i < sizeof mv / sizeof mv[0]; i++)
		assert_true(mapi_abk_has_value_byte(mv[i]));
	static const uint16_t plain[] = {PT_SHORT,   PT_LONG,   PT_FLOAT,   PT_DOUBLE, PT_CURRENCY,
	                                 PT_APPTIME, PT_ERROR,  PT_BOOLEAN, PT_I8,     PT_SYSTIME,
	                                 PT_CLSID,   PT_SVREID, PT_OBJECT,  PT_NULL};
	for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++)
		assert_false(mapi_abk_has_value_byte(plain[i]));
}

/* 2.2.1.2 AddressBookTaggedPropertyValue and 2.2.1.3 AddressBookPropertyValueList, 32-bit counts */
/* clang-format off */
static const uint8_t proplist[] = {
	0x06, 0x00, 0x00, 0x00,                   /* PropertyValueCount 6 */
	0x1F, 0x00, 0x01, 0x30,                   /* PropertyType PtypString, PropertyId PidTagDisplayName */
	0xFF,                                     /* HasValue TRUE */
	'A', 0, 'l', 0, 0, 0,                     /* "Al" */
	0x1E, 0x00, 0x17, 0x3A,                   /* PtypString8, PidTagTitle */
	0x00,                                     /* HasValue FALSE: no value */
	0x03, 0x00, 0x00, 0x39,                   /* PtypInteger32, PidTagDisplayType: no HasValue */
	0x06, 0x00, 0x00, 0x00,                   /* DT_REMOTE_MAILUSER */
	0x02, 0x01, 0xFF, 0x0F,                   /* PtypBinary, PidTagEntryId */
	0xFF,                                     /* HasValue TRUE */
	0x03, 0x00, 0x00, 0x00,                   /* COUNT: 32 bits in MAPI/HTTP */
	0x01, 0x02, 0x03, 0x1F, 0x10, 0x0F, 0x80, /* PtypMultipleString, PidTagAddressBookProxyAddresses */
	0xFF,                                     /* HasValue TRUE */
	0x02, 0x00, 0x00, 0x00,                   /* 2 values */
	'a', 0, 0, 0,                             /* "a" */
	'b', 0, 0, 0,                             /* "b" */
	0x0B, 0x00, 0xFB, 0xFF,                   /* PtypBoolean, PidTagAddressBookIsMaster */
	0x01,                                     /* TRUE */
};
/* clang-format on */

static void test_proplist_annotated(void **state)
{
	struct mapi_abk_proplist l;
	EXPECT_PULL(mapi_abk_proplist_pull, proplist, sizeof proplist, *state, &l);
	assert_int_equal(l.count, 6);
	assert_int_equal(l.values[0].pv.tag, 0x3001001F);
	assert_true(l.values[0].has_value);
	assert_string_equal(l.values[0].pv.value.str, "Al");
	assert_int_equal(l.values[1].pv.tag, 0x3A17001E);
	assert_false(l.values[1].has_value);
	assert_true(l.values[2].has_value);
	assert_int_equal(l.values[2].pv.value.i32, DT_REMOTE_MAILUSER);
	assert_int_equal(l.values[3].pv.value.bin.len, 3);
	assert_int_equal(l.values[3].pv.value.bin.data[2], 0x03);
	assert_int_equal(l.values[4].pv.value.mv.count, 2);
	assert_string_equal(l.values[4].pv.value.mv.str[1], "b");
	assert_true(l.values[5].pv.value.b);
	for (uint32_t i = 0; i < l.count; i++)
		assert_int_equal(l.values[i].flag, 0);
	EXPECT_PUSH(mapi_abk_proplist_push, proplist, sizeof proplist, &l);
}

static void test_has_value_must_be_ff_or_00(void **state)
{
	static const uint8_t b[] = {0x1F, 0x00, 0x01, 0x30, 0x01, 'A', 0, 0, 0};
	struct mapi_abk_value v;
	struct wc_reader r;
	wc_reader_init(&r, b, sizeof b);
	assert_int_equal(mapi_abk_tagged_pull(&r, *state, &v), WC_EFORMAT);
	/* a value without HasValue cannot be absent */
	struct mapi_abk_value absent_long = {.has_value = false, .pv = {.tag = 0x39000003}};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_abk_tagged_push(&w, &absent_long), WC_EINVAL);
	/* a type that is not a property value type */
	static const uint8_t bad_type[] = {0x99, 0x00, 0x01, 0x30, 0x00};
	wc_reader_init(&r, bad_type, sizeof bad_type);
	assert_int_equal(mapi_abk_tagged_pull(&r, *state, &v), WC_EUNSUPPORTED);
}

/* 2.2.1.7 AddressBookPropertyRow, Flags 0x0: AddressBookPropertyValue per typed column,
 * AddressBookTypedPropertyValue (2.2.1.4) for a PtypUnspecified column */
static void test_standard_row(void **state)
{
	static const uint32_t cols[] = {0x39000003, 0x3001001F, 0x3A170000, 0x39FE001F};
	static const struct mapi_u32_array columns = {4, (uint32_t *)cols};
	/* clang-format off */
	static const uint8_t b[] = {
		0x00,                   /* Flags: standard row */
		0x00, 0x00, 0x00, 0x00, /* PidTagDisplayType DT_MAILUSER */
		0xFF, 'X', 0, 0, 0,     /* HasValue, "X" */
		0x1E, 0x00,             /* PropertyType PtypString8 for the PtypUnspecified column */
		0xFF, 'e', 0,           /* HasValue, "e" */
		0x00,                   /* HasValue FALSE */
	};
	/* clang-format on */
	struct mapi_abk_row row;
	EXPECT_PULL(mapi_abk_row_pull, b, sizeof b, *state, &columns, &row);
	assert_int_equal(row.flags, MAPI_ROW_STANDARD);
	assert_int_equal(row.values[0].pv.value.i32, 0);
	assert_string_equal(row.values[1].pv.value.str, "X");
	assert_int_equal(row.values[2].pv.tag, 0x3A17001E); /* the column id with the type from the wire */
	assert_string_equal(row.values[2].pv.value.str, "e");
	assert_false(row.values[3].has_value);
	EXPECT_PUSH(mapi_abk_row_push, b, sizeof b, &columns, &row);
}

/* Flags 0x1: AddressBookFlaggedPropertyValue (2.2.1.5) per typed column, ...WithType (2.2.1.6) for a
 * PtypUnspecified column; Flag 0x0 value, 0x1 nothing, 0xA PtypErrorCode */
static void test_flagged_row(void **state)
{
	static const uint32_t cols[] = {0x39000003, 0x3001001F, 0x0FFF0102, 0x3A170000, 0x3A180000};
	static const struct mapi_u32_array columns = {5, (uint32_t *)cols};
	/* clang-format off */
	static const uint8_t b[] = {
		0x01,                   /* Flags: flagged row */
		0x00,                   /* Flag 0x0 */
		0x01, 0x00, 0x00, 0x00, /* DT_DISTLIST */
		0x01,                   /* Flag 0x1: no value */
		0x0A,                   /* Flag 0xA */
		0x0F, 0x01, 0x04, 0x80, /* PtypErrorCode 0x8004010F (NotFound) */
		0x1F, 0x00,             /* PropertyType PtypString */
		0x00,                   /* Flag 0x0 */
		0xFF, 'q', 0, 0, 0,     /* HasValue, "q" */
		0x03, 0x00,             /* PropertyType PtypInteger32 */
		0x0A,                   /* Flag 0xA */
		0x05, 0x40, 0x00, 0x80, /* PtypErrorCode 0x80004005 */
	};
	/* clang-format on */
	struct mapi_abk_row row;
	EXPECT_PULL(mapi_abk_row_pull, b, sizeof b, *state, &columns, &row);
	assert_int_equal(row.flags, MAPI_ROW_FLAGGED);
	assert_int_equal(row.values[0].flag, MAPI_VALUE_PRESENT);
	assert_int_equal(row.values[0].pv.value.i32, DT_DISTLIST);
	assert_int_equal(row.values[1].flag, MAPI_VALUE_NOT_PRESENT);
	assert_int_equal(row.values[2].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row.values[2].pv.value.err, 0x8004010F);
	assert_int_equal(row.values[3].pv.tag, 0x3A17001F);
	assert_string_equal(row.values[3].pv.value.str, "q");
	assert_int_equal(row.values[4].pv.tag, 0x3A180003);
	assert_int_equal(row.values[4].flag, MAPI_VALUE_ERROR);
	assert_int_equal(row.values[4].pv.value.err, 0x80004005);
	EXPECT_PUSH(mapi_abk_row_push, b, sizeof b, &columns, &row);

	static const uint8_t bad_flag[] = {0x01, 0x02, 0x00, 0x00, 0x00, 0x00};
	static const uint8_t bad_row_flags[] = {0x02, 0x00, 0x00, 0x00, 0x00};
	static const struct mapi_u32_array one = {1, (uint32_t *)cols};
	struct wc_reader r;
	wc_reader_init(&r, bad_flag, sizeof bad_flag);
	assert_int_equal(mapi_abk_row_pull(&r, *state, &one, &row), WC_EFORMAT);
	wc_reader_init(&r, bad_row_flags, sizeof bad_row_flags);
	assert_int_equal(mapi_abk_row_pull(&r, *state, &one, &row), WC_EFORMAT);
}

/* Columns, RowCount, RowData; hostile row counts and zero-size (PtypNull) values */
static void test_rowset(void **state)
{
	/* clang-format off */
	static const uint8_t b[] = {
		0x02, 0x00, 0x00, 0x00,                           /* Columns: PropertyTagCount 2 */
		0x03, 0x00, 0x00, 0x39,                           /* PidTagDisplayType */
		0x1F, 0x00, 0x01, 0x30,                           /* PidTagDisplayName */
		0x02, 0x00, 0x00, 0x00,                           /* RowCount 2 */
		0x00,                                             /* row 1: standard */
		0x00, 0x00, 0x00, 0x00, 0xFF, 'a', 0, 0, 0, 0x01, /* row 2: flagged */
		0x00, 0x01, 0x00, 0x00, 0x00, 0x01,
	};
	/* clang-format on */
	struct mapi_abk_rowset rs;
	EXPECT_PULL(mapi_abk_rowset_pull, b, sizeof b, *state, &rs);
	assert_int_equal(rs.columns.count, 2);
	assert_int_equal(rs.count, 2);
	assert_string_equal(rs.rows[0].values[1].pv.value.str, "a");
	assert_int_equal(rs.rows[1].values[0].pv.value.i32, 1);
	assert_int_equal(rs.rows[1].values[1].flag, MAPI_VALUE_NOT_PRESENT);
	EXPECT_PUSH(mapi_abk_rowset_push, b, sizeof b, &rs);

	/* 3 rows of one PtypNull column: one byte per row holds one zero-size value, fine */
	static const uint8_t nulls[] = {0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x30,
	                                0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	EXPECT_PULL(mapi_abk_rowset_pull, nulls, sizeof nulls, *state, &rs);
	assert_int_equal(rs.count, 3);
	/* 3 rows of 3 PtypNull columns in 3 bytes: more values than bytes, refused */
	static const uint8_t packed[] = {0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x30,
	                                 0x01, 0x00, 0x02, 0x30, 0x01, 0x00, 0x03, 0x30,
	                                 0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
	struct wc_reader r;
	wc_reader_init(&r, packed, sizeof packed);
	assert_int_equal(mapi_abk_rowset_pull(&r, *state, &rs), WC_EFORMAT);
	/* a row count far beyond the input */
	static const uint8_t many[] = {0x00, 0x00, 0x00, 0x00, 0x40, 0x42, 0x0F, 0x00, 0x00};
	wc_reader_init(&r, many, sizeof many);
	assert_int_equal(mapi_abk_rowset_pull(&r, *state, &rs), WC_ERANGE);
	static const uint8_t some[] = {0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00};
	wc_reader_init(&r, some, sizeof some);
	assert_int_equal(mapi_abk_rowset_pull(&r, *state, &rs), WC_EFORMAT);
}

/* GetSpecialTable RowsCount and Rows: AddressBookPropertyValueLists */
static void test_proplists(void **state)
{
	/* clang-format off */
	static const uint8_t b[] = {
		0x02, 0x00, 0x00, 0x00,                         /* RowsCount 2 */
		0x01, 0x00, 0x00, 0x00,                         /* row 1: PropertyValueCount 1 */
		0x03, 0x00, 0x05, 0x30, 0x00, 0x00, 0x00, 0x00, /* PidTagDepth 0 */
		0x00, 0x00, 0x00, 0x00,                         /* row 2: empty */
	};
	/* clang-format on */
	struct mapi_abk_proplists l;
	EXPECT_PULL(mapi_abk_proplists_pull, b, sizeof b, *state, &l);
	assert_int_equal(l.count, 2);
	assert_int_equal(l.lists[0].count, 1);
	assert_int_equal(l.lists[0].values[0].pv.tag, 0x30050003);
	assert_int_equal(l.lists[1].count, 0);
	EXPECT_PUSH(mapi_abk_proplists_push, b, sizeof b, &l);
}

/* Failed decodes leave nothing allocated behind */
static void test_failures_leave_no_allocations(void **state)
{
	struct wc_reader r;
	struct mapi_abk_proplist l;
	struct mapi_abk_rowset rs;
	struct mapi_nspi_entryids ids;
	for (size_t n = 0; n < sizeof proplist; n++) {
		wc_reader_init(&r, proplist, n);
		assert_int_not_equal(mapi_abk_proplist_pull(&r, *state, &l), 0);
		assert_int_equal(talloc_total_blocks(*state), 1); /* nothing but the context */
	}
	static const uint8_t rs_bad[] = {0x01, 0x00, 0x00, 0x00, 0x1F, 0x00, 0x01, 0x30,
	                                 0x01, 0x00, 0x00, 0x00, 0x00, 0xFF, 'a',  0};
	wc_reader_init(&r, rs_bad, sizeof rs_bad);
	assert_int_equal(mapi_abk_rowset_pull(&r, *state, &rs), WC_EFORMAT);
	assert_int_equal(talloc_total_blocks(*state), 1); /* nothing but the context */
	static const uint8_t ids_bad[] = {0x01, 0x00, 0x00, 0x00, 0x00, 0,  0,  0, 1, 2, 3, 4, 5, 6, 7, 8,  9,
	                                  10,   11,   12,   13,   14,   15, 16, 1, 0, 0, 0, 0, 0, 0, 0, 'x'};
	wc_reader_init(&r, ids_bad, sizeof ids_bad);
	assert_int_equal(mapi_nspi_entryids_pull(&r, *state, &ids), WC_EFORMAT);
	assert_int_equal(talloc_total_blocks(*state), 1); /* nothing but the context */
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_stat_example_values),
	        T(test_guid_nspi_bytes),
	        T(test_u32_array),
	        T(test_u32_array_hostile_counts),
	        T(test_strings_both_forms),
	        T(test_entryids),
	        T(test_has_value_byte_types),
	        T(test_proplist_annotated),
	        T(test_has_value_must_be_ff_or_00),
	        T(test_standard_row),
	        T(test_flagged_row),
	        T(test_rowset),
	        T(test_proplists),
	        T(test_failures_leave_no_allocations),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
