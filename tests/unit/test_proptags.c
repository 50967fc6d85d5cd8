/* src/mapi/mapi_proptags.c and the tables generated from
 * tools/gen/data/{proptags,property_sets,datatypes}.tsv. */
#include "testutil.h"
#include "mapi/mapi_proptags.h"

#include <string.h>
#include <strings.h>

static void assert_guid_is(const struct wc_guid *g, const char *text)
{
	struct wc_guid want;
	assert_true(wc_guid_from_string(text, &want));
	assert_true(wc_guid_equal(g, &want));
}

/* MS-OXPROPS: PidTagSubject 0x0037 PtypString (checked against the published page, see specs/README.md);
 * PidTagEntryId 0x0FFF PtypBinary (MS-OXPROPS_R6100/R6101); PidTagFolderId 0x6748 PtypInteger64
 * (R6212/R6213); PidTagContentCount 0x3602 PtypInteger32 (R5820/R5821); PidTagDisplayName 0x3001 PtypString
 * (R6014/R6015). MS-OXCFXICS 2.2.4.1.5.1: MetaTagFXDelProp 0x4016 PtypInteger32. */
static void test_tag_macros_match_the_spec(void **state)
{
	assert_int_equal(PidTagSubject, 0x0037001F);
	assert_int_equal(PidTagEntryId, 0x0FFF0102);
	assert_int_equal(PidTagFolderId, 0x67480014);
	assert_int_equal(PidTagContentCount, 0x36020003);
	assert_int_equal(PidTagDisplayName, 0x3001001F);
	assert_int_equal(MetaTagFXDelProp, 0x40160003);
	assert_int_equal(PidTagSubject, PROP_TAG(PtypString, 0x0037));
	/* the two-type properties only have suffixed macros */
	assert_int_equal(PidTagTelexNumber_PtypString, 0x3A2C001F);
	assert_int_equal(PidTagTelexNumber_PtypMultipleBinary, 0x3A2C1102);
	assert_int_equal(PidTagAddressBookHomeMessageDatabase_PtypString8, 0x8006001E);
	assert_int_equal(PidTagAddressBookHomeMessageDatabase_PtypEmbeddedTable, 0x8006000D);
	assert_int_equal(PidTagAddressBookIsMemberOfDistributionList_PtypString8, 0x8008001E);
}

static void test_lookup_by_tag_name_and_id(void **state)
{
	const struct mapi_proptag_info *p = mapi_proptag_by_tag(0x0037001F);
	assert_non_null(p);
	assert_string_equal(p->name, "PidTagSubject");
	assert_string_equal(p->type_name, "PtypString");
	assert_string_equal(mapi_proptag_name(PidTagEntryId), "PidTagEntryId");
	assert_ptr_equal(mapi_proptag_by_name("PidTagSubject"), p);
	assert_ptr_equal(mapi_proptag_by_name("PR_SUBJECT"), p); /* alternate name */
	assert_ptr_equal(mapi_proptag_by_name("PR_SUBJECT_W"), p);
	assert_ptr_equal(mapi_proptag_by_name("pidtagsubject"), p); /* case-insensitive fallback */
	assert_ptr_equal(mapi_proptag_by_id(0x0037), p);
	assert_ptr_equal(mapi_proptag_by_id(0x0FFF), mapi_proptag_by_tag(PidTagEntryId));
}

/* 0x40160003 has an MS-OXPROPS name (PidTagFXDelProp) and an MS-OXCFXICS name (MetaTagFXDelProp). */
static void test_shared_tag_lists_primary_first(void **state)
{
	const struct mapi_proptag_info *p = mapi_proptag_by_tag(MetaTagFXDelProp);
	assert_non_null(p);
	assert_string_equal(p->name, "PidTagFXDelProp");
	assert_int_equal(p[1].tag, MetaTagFXDelProp);
	assert_string_equal(p[1].name, "MetaTagFXDelProp");
	/* a canonical name wins over the same string given as another row's alternate name */
	assert_ptr_equal(mapi_proptag_by_name("MetaTagFXDelProp"), &p[1]);
	assert_ptr_equal(mapi_proptag_by_name("PidTagFXDelProp"), p);
}

static void test_two_type_property_names(void **state)
{
	const struct mapi_proptag_info *p = mapi_proptag_by_name("PidTagTelexNumber");
	assert_non_null(p);
	assert_int_equal(p->tag, 0x3A2C001F); /* the bare name gives the lower tag */
	p = mapi_proptag_by_name("PidTagTelexNumber_PtypMultipleBinary");
	assert_non_null(p);
	assert_int_equal(p->tag, 0x3A2C1102);
	assert_string_equal(p->name, "PidTagTelexNumber");
	assert_string_equal(p->type_name, "PtypMultipleBinary");
	p = mapi_proptag_by_tag(PidTagAddressBookHomeMessageDatabase_PtypEmbeddedTable);
	assert_non_null(p);
	assert_string_equal(p->type_name, "PtypEmbeddedTable");
}

static void test_unknown_lookups_return_null(void **state)
{
	static const char long_name[] = "PidTagSubjectPidTagSubjectPidTagSubjectPidTagSubjectPidTagSubject";
	assert_null(mapi_proptag_by_tag(0x00370003));
	assert_null(mapi_proptag_by_tag(0xFFFFFFFF));
	assert_null(mapi_proptag_by_tag(0));
	assert_null(mapi_proptag_name(0x7FF0001F));
	assert_null(mapi_proptag_by_name("PidTagNoSuchThing"));
	assert_null(mapi_proptag_by_name(""));
	assert_null(mapi_proptag_by_name(NULL));
	assert_null(mapi_proptag_by_name(long_name));
	assert_null(mapi_proptag_by_name("PidTagSubjec"));
	assert_null(mapi_proptag_by_name("PidTagSubject "));
	assert_null(mapi_proptag_by_name("\xff\xfe"));
	assert_null(mapi_named_prop_by_name("PidLidNoSuchThing"));
	assert_null(mapi_named_prop_by_name(NULL));
	assert_null(mapi_named_prop_by_lid(&PSETID_Appointment, 0x7FFFFFFF));
	assert_null(mapi_named_prop_by_lid(NULL, 0x820D));
	assert_null(mapi_named_prop_by_string(&PS_PUBLIC_STRINGS, "no such name"));
	assert_null(mapi_named_prop_by_string(&PS_PUBLIC_STRINGS, NULL));
	assert_null(mapi_named_prop_by_string(NULL, "Keywords"));
	struct wc_guid unknown = {0x12345678, 0x1234, 0x5678, {1, 2, 3, 4, 5, 6, 7, 8}};
	assert_null(mapi_named_prop_by_lid(&unknown, 0x820D));
	assert_null(mapi_propset_by_guid(&unknown));
	assert_null(mapi_propset_name(&unknown));
	assert_null(mapi_propset_name(NULL));
	assert_null(mapi_propset_by_name("PSETID_Nothing"));
	assert_null(mapi_propset_by_name(NULL));
	assert_null(mapi_type_name(0x0099));
	uint16_t t = 0x4242;
	assert_false(mapi_type_from_name("PtypNothing", &t));
	assert_false(mapi_type_from_name(NULL, &t));
	assert_false(mapi_type_from_name("", &t));
	assert_int_equal(t, 0x4242);
}

static bool name_index_sorted(const struct wc_name_entry *idx, size_t n, size_t rows)
{
	for (size_t i = 0; i < n; i++) {
		if (idx[i].row >= rows)
			return false;
		if (i == 0)
			continue;
		int c = strcasecmp(idx[i - 1].name, idx[i].name);
		if (c > 0 || (c == 0 && strcmp(idx[i - 1].name, idx[i].name) >= 0))
			return false;
	}
	return true;
}

static void test_tagged_table_sorted_and_every_row_round_trips(void **state)
{
	assert_int_equal(mapi_proptags_count, 1855); /* proptags.tsv: 882 + 15 + 958 tagged rows */
	for (size_t i = 0; i < mapi_proptags_count; i++) {
		const struct mapi_proptag_info *p = &mapi_proptags[i];
		if (i > 0)
			assert_true(mapi_proptags[i - 1].tag <= p->tag);
		/* by_tag gives the first row of its tag */
		const struct mapi_proptag_info *first = mapi_proptag_by_tag(p->tag);
		assert_non_null(first);
		assert_true(first <= p && first->tag == p->tag &&
		            (first == mapi_proptags || first[-1].tag != p->tag));
		/* by_name gives a row of that name (the lowest tag for the two-type properties) */
		const struct mapi_proptag_info *byname = mapi_proptag_by_name(p->name);
		assert_non_null(byname);
		assert_string_equal(byname->name, p->name);
		assert_true(byname->tag <= p->tag);
		for (const char *const *a = p->alt_names; *a != NULL; a++)
			assert_non_null(mapi_proptag_by_name(*a));
		uint16_t type;
		assert_true(mapi_type_from_name(p->type_name, &type));
		assert_int_equal(type, PROP_TYPE(p->tag));
	}
	assert_true(name_index_sorted(mapi_proptag_names, mapi_proptag_names_count, mapi_proptags_count));
}

static void test_str_formats_any_tag(void **state)
{
	char buf[MAPI_PROPTAG_STR_SIZE];
	assert_string_equal(mapi_proptag_str(PidTagSubject, buf, sizeof buf), "PidTagSubject (0x0037001F)");
	assert_string_equal(mapi_proptag_str(0x0037001E, buf, sizeof buf),
	                    "PidTagSubject (0x0037001E, PtypString8)");
	assert_string_equal(mapi_proptag_str(0x0037000A, buf, sizeof buf),
	                    "PidTagSubject (0x0037000A, PtypErrorCode)");
	assert_string_equal(mapi_proptag_str(0x00370099, buf, sizeof buf),
	                    "PidTagSubject (0x00370099, type 0x0099)");
	assert_string_equal(mapi_proptag_str(0x8001001F, buf, sizeof buf), "0x8001001F (PtypString)");
	assert_string_equal(mapi_proptag_str(0x8001ABCD, buf, sizeof buf), "0x8001ABCD");
	assert_string_equal(mapi_proptag_str(0x8001301F, buf, sizeof buf),
	                    "0x8001301F (PtypMultipleString|MVI_FLAG)");
	/* truncation keeps the terminator; size 0 writes nothing */
	char small[8];
	memset(small, 'x', sizeof small);
	assert_string_equal(mapi_proptag_str(PidTagSubject, small, sizeof small), "PidTagS");
	buf[0] = 'q';
	mapi_proptag_str(PidTagSubject, buf, 0);
	assert_int_equal(buf[0], 'q');
}

/* MS-OXPROPS PidLidAppointmentStartWhole: PSETID_Appointment, LID 0x0000820D, PtypTime (checked against
 * the published page, specs/README.md); MS-OXPROPS PidNameKeywords: PS_PUBLIC_STRINGS "Keywords",
 * PtypMultipleString. */
static void test_named_properties(void **state)
{
	const struct mapi_named_prop_info *n = mapi_named_prop_by_name("PidLidAppointmentStartWhole");
	assert_non_null(n);
	assert_string_equal(n->set->name, "PSETID_Appointment");
	assert_ptr_equal(n->set->guid, &PSETID_Appointment);
	assert_int_equal(n->kind, MNID_ID);
	assert_int_equal(n->lid, 0x820D);
	assert_int_equal(n->type, PtypTime);
	assert_string_equal(n->type_name, "PtypTime");
	assert_null(n->string_name);
	assert_ptr_equal(mapi_named_prop_by_lid(&PSETID_Appointment, 0x820D), n);
	assert_ptr_equal(mapi_named_prop_by_name("dispidApptStartWhole"), n);
	assert_null(mapi_named_prop_by_lid(&PSETID_Common, 0x820D));

	n = mapi_named_prop_by_string(&PS_PUBLIC_STRINGS, "Keywords");
	assert_non_null(n);
	assert_string_equal(n->name, "PidNameKeywords");
	assert_int_equal(n->kind, MNID_STRING);
	assert_int_equal(n->type, PtypMultipleString);
	assert_null(
	        mapi_named_prop_by_string(&PS_PUBLIC_STRINGS, "keywords")); /* string names compare exactly */
	n = mapi_named_prop_by_string(&PS_INTERNET_HEADERS, "Accept-Language");
	assert_non_null(n);
	assert_string_equal(n->name, "PidNameAcceptLanguage");
}

static int named_key_cmp(const struct mapi_named_prop_info *a, const struct mapi_named_prop_info *b)
{
	if (a->set != b->set)
		return a->set < b->set ? -1 : 1;
	if (a->kind != b->kind)
		return a->kind < b->kind ? -1 : 1;
	if (a->kind == MNID_ID)
		return a->lid < b->lid ? -1 : a->lid > b->lid;
	return strcmp(a->string_name, b->string_name);
}

static void test_named_table_sorted_and_every_row_round_trips(void **state)
{
	assert_int_equal(mapi_named_props_count, 578); /* proptags.tsv: 412 PidLid + 166 PidName */
	for (size_t i = 0; i < mapi_named_props_count; i++) {
		const struct mapi_named_prop_info *n = &mapi_named_props[i];
		if (i > 0)
			assert_true(named_key_cmp(&mapi_named_props[i - 1], n) <= 0);
		assert_true(n->set >= mapi_propsets && n->set < mapi_propsets + mapi_propsets_count);
		const struct mapi_named_prop_info *k =
		        n->kind == MNID_ID ? mapi_named_prop_by_lid(n->set->guid, n->lid)
		                           : mapi_named_prop_by_string(n->set->guid, n->string_name);
		assert_non_null(k);
		assert_int_equal(named_key_cmp(k, n), 0); /* first row of that key (two names share one) */
		assert_true(k <= n);
		const struct mapi_named_prop_info *byname = mapi_named_prop_by_name(n->name);
		assert_non_null(byname);
		assert_string_equal(byname->name, n->name);
		for (const char *const *a = n->alt_names; *a != NULL; a++)
			assert_non_null(mapi_named_prop_by_name(*a));
		uint16_t type;
		assert_true(mapi_type_from_name(n->type_name, &type));
		assert_int_equal(type, n->type);
	}
	assert_true(name_index_sorted(mapi_named_prop_names, mapi_named_prop_names_count,
	                              mapi_named_props_count));
}

/* MS-OXPROPS 1.3.2 Commonly Used Property Sets */
static void test_property_sets(void **state)
{
	assert_int_equal(mapi_propsets_count, 20);
	assert_guid_is(&PS_PUBLIC_STRINGS, "{00020329-0000-0000-C000-000000000046}");
	assert_guid_is(&PS_MAPI, "{00020328-0000-0000-C000-000000000046}");
	assert_guid_is(&PS_INTERNET_HEADERS, "{00020386-0000-0000-C000-000000000046}");
	assert_guid_is(&PSETID_Appointment, "{00062002-0000-0000-C000-000000000046}");
	assert_guid_is(&PSETID_Address, "{00062004-0000-0000-C000-000000000046}");
	assert_guid_is(&PSETID_Common, "{00062008-0000-0000-C000-000000000046}");
	assert_guid_is(&PSETID_Meeting, "{6ED8DA90-450B-101B-98DA-00AA003F1305}");
	assert_ptr_equal(mapi_propset_by_name("PSETID_Common")->guid, &PSETID_Common);
	assert_ptr_equal(mapi_propset_by_name("psetid_common")->guid, &PSETID_Common);
	struct wc_guid g;
	assert_true(wc_guid_from_string("{00020329-0000-0000-C000-000000000046}", &g));
	assert_string_equal(mapi_propset_name(&g), "PS_PUBLIC_STRINGS");
	for (size_t i = 0; i < mapi_propsets_count; i++) {
		const struct mapi_propset_info *ps = &mapi_propsets[i];
		assert_ptr_equal(mapi_propset_by_name(ps->name), ps);
		assert_ptr_equal(mapi_propset_by_guid(ps->guid), ps);
		assert_string_equal(mapi_propset_name(ps->guid), ps->name);
	}
}

/* MS-OXCDATA 2.11.1 (MS-OXCDATA_R2691, R2700 ...): PtypInteger32 0x0003 PT_LONG, PtypString 0x001F
 * PT_UNICODE. */
static void test_data_types(void **state)
{
	uint16_t t;
	assert_int_equal(mapi_types_count, 33);
	assert_int_equal(PtypString8, 0x001E);
	assert_int_equal(PtypString, PT_UNICODE);
	assert_int_equal(PtypMultipleBinary, PT_MV_BINARY);
	assert_int_equal(PtypServerId, PT_SVREID);
	assert_string_equal(mapi_type_name(0x001F), "PtypString");
	assert_string_equal(mapi_type_name(0x000D), "PtypObject");
	assert_string_equal(mapi_type_name(0x1102), "PtypMultipleBinary");
	static const struct {
		const char *name;
		uint16_t code;
	} names[] = {
	        {"PtypString", 0x001F}, {"PT_UNICODE", 0x001F},        {"PT_I8", 0x0014},
	        {"pt_long", 0x0003},    {"PtypEmbeddedTable", 0x000D}, {"PtypMultipleTime", 0x1040},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		assert_true(mapi_type_from_name(names[i].name, &t));
		assert_int_equal(t, names[i].code);
	}
	for (size_t i = 0; i < mapi_types_count; i++) {
		const struct mapi_type_info *ti = &mapi_types[i];
		assert_true(mapi_type_from_name(ti->name, &t));
		assert_int_equal(t, ti->code);
		assert_non_null(mapi_type_name(ti->code));
		for (const char *const *pt = ti->pt_names; *pt != NULL; pt++) {
			assert_true(mapi_type_from_name(*pt, &t));
			assert_int_equal(t, ti->code);
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_tag_macros_match_the_spec),
	        cmocka_unit_test(test_lookup_by_tag_name_and_id),
	        cmocka_unit_test(test_shared_tag_lists_primary_first),
	        cmocka_unit_test(test_two_type_property_names),
	        cmocka_unit_test(test_unknown_lookups_return_null),
	        cmocka_unit_test(test_tagged_table_sorted_and_every_row_round_trips),
	        cmocka_unit_test(test_str_formats_any_tag),
	        cmocka_unit_test(test_named_properties),
	        cmocka_unit_test(test_named_table_sorted_and_every_row_round_trips),
	        cmocka_unit_test(test_property_sets),
	        cmocka_unit_test(test_data_types),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
