/* mapitest OXCPRPT: the Property and Stream Object protocol (MS-OXCPRPT 3.2.5): values of each property
 * type set and read back, missing and deleted properties, property lists, named properties, streams. */
#include "mt_server.h"

#include <string.h>

/* A new unsaved message of the test's folder: the object the property tests work on. */
static struct mapi_object *message(struct mt *t)
{
	struct mapi_object *m;
	mt_rop(t, "RopCreateMessage", mapi_create_message(mt_folder(t, NULL), false, t->mem, &m));
	return m;
}

/* 3.2.5.4, 3.2.5.1: a value of each type comes back from RopGetPropertiesSpecific as it was set; the ids
 * of 0x6000 - 0x65FF are free for a client's own message properties (MS-OXPROPS 1.3.3). */
static struct wc_guid guid_value = {0x12345678, 0x9ABC, 0xDEF0, {1, 2, 3, 4, 5, 6, 7, 8}};
static uint8_t bin_bytes[] = {0x00, 0xFF, 0x10, 0x80, 0x00};
static char *mv_strings[] = {(char *)"one", (char *)"", (char *)"tr\xC3\xA8s"};

static const struct mapi_propval type_values[] = {
        {PROP_TAG(PT_SHORT, 0x6001), {.i16 = -2}},
        {PROP_TAG(PT_LONG, 0x6002), {.i32 = 0x7FFFFFF0}},
        {PROP_TAG(PT_DOUBLE, 0x6003), {.f64 = 3.25}},
        {PROP_TAG(PT_BOOLEAN, 0x6004), {.b = true}},
        {PROP_TAG(PT_I8, 0x6005), {.i64 = -0x123456789ALL}},
        {PROP_TAG(PT_UNICODE, 0x6006), {.str = (char *)"\xE2\x82\xAC uro"}},
        {PROP_TAG(PT_SYSTIME, 0x6007), {.time = 0x01D9A0B1C2D3E4F0ULL}},
        {PROP_TAG(PT_CLSID, 0x6008), {.guid = &guid_value}},
        {PROP_TAG(PT_BINARY, 0x6009), {.bin = {sizeof bin_bytes, bin_bytes}}},
        {PROP_TAG(PT_MV_UNICODE, 0x600A), {.mv = {3, {.str = mv_strings}}}},
};

static void run_type(struct mt *t)
{
	const struct mapi_propval *want = t->test->arg;
	struct mapi_object *m = message(t);
	struct rop_property_problems problems = {0};
	mt_rop(t, "RopSetProperties", mapi_set_props(m, 1, want, t->mem, &problems));
	mt_eq(t, "PropertyProblemCount", problems.property_problem_count, 0);
	struct mapi_propval got = mt_get_prop(t, m, want->tag);
	mt_eq(t, "PropertyTag", got.tag, want->tag);
	mt_true(t, mapi_propval_equal(&got, want),
	        "property 0x%08X: the value read back differs from the one set", want->tag);
}

/* 3.2.5.1: a property the object does not have comes back as an error value, ecNotFound */
static void test_missing_property(struct mt *t)
{
	struct mapi_object *m = message(t);
	uint32_t tag = PROP_TAG(PT_LONG, 0x6010);
	struct mapi_property_row row;
	mt_rop(t, "RopGetPropertiesSpecific", mapi_get_props(m, 1, &tag, t->mem, &row));
	mt_eq(t, "values in the row", row.count, 1);
	mt_eq(t, "PropertyRow flag (FlaggedPropertyRow)", row.flag, MAPI_ROW_FLAGGED);
	mt_eq(t, "value flag (error)", row.values[0].flag, MAPI_VALUE_ERROR);
	mt_eq_ec(t, "error value", row.values[0].pv.value.err, ecNotFound);
}

/* 3.2.5.5: after RopDeleteProperties the property is gone */
static void test_delete_properties(struct mt *t)
{
	struct mapi_object *m = message(t);
	mt_rop(t, "RopSetProperties", mapi_set_props(m, 1, &type_values[1], t->mem, NULL));
	mt_rop(t, "RopDeleteProperties", mapi_delete_props(m, 1, &type_values[1].tag, t->mem, NULL));
	struct mapi_property_row row;
	mt_rop(t, "RopGetPropertiesSpecific", mapi_get_props(m, 1, &type_values[1].tag, t->mem, &row));
	mt_eq(t, "value flag after deleting (error)", row.values[0].flag, MAPI_VALUE_ERROR);
	mt_eq_ec(t, "error value", row.values[0].pv.value.err, ecNotFound);
}

/* 3.2.5.3: RopGetPropertiesList lists a property that was set */
static void test_properties_list(struct mt *t)
{
	struct mapi_object *m = message(t);
	mt_rop(t, "RopSetProperties", mapi_set_props(m, 1, &type_values[5], t->mem, NULL));
	uint16_t n = 0;
	uint32_t *tags;
	mt_rop(t, "RopGetPropertiesList", mapi_get_prop_list(m, t->mem, &n, &tags));
	for (uint16_t i = 0; i < n; i++)
		if (tags[i] == type_values[5].tag)
			return;
	mt_fail(t, "PropertyTags: expected 0x%08X among the %u tags, it is not there", type_values[5].tag, n);
}

/* 3.2.5.2: RopGetPropertiesAll returns a property that was set, with its value */
static void test_properties_all(struct mt *t)
{
	struct mapi_object *m = message(t);
	mt_rop(t, "RopSetProperties", mapi_set_props(m, 1, &type_values[2], t->mem, NULL));
	uint16_t n = 0;
	struct mapi_propval *vals;
	mt_rop(t, "RopGetPropertiesAll", mapi_get_props_all(m, t->mem, &n, &vals));
	const struct mapi_propval *v = mapi_props_find(vals, n, type_values[2].tag);
	mt_true(t, v != NULL, "PropertyValues: expected 0x%08X among the %u values", type_values[2].tag, n);
	mt_true(t, mapi_propval_equal(v, &type_values[2]), "the value of 0x%08X differs from the one set",
	        type_values[2].tag);
}

#define PS_PUBLIC_STRINGS                                                                                    \
	{                                                                                                    \
		0x00020329, 0x0000, 0x0000,                                                                  \
		{                                                                                            \
			0xC0, 0, 0, 0, 0, 0, 0, 0x46                                                         \
		}                                                                                            \
	}
#define PS_MAPI                                                                                              \
	{                                                                                                    \
		0x00020328, 0x0000, 0x0000,                                                                  \
		{                                                                                            \
			0xC0, 0, 0, 0, 0, 0, 0, 0x46                                                         \
		}                                                                                            \
	}

/* 3.2.5.10: a new name gets a named-property ID (not 0xFFFF), unique, the same ID every time; 3.2.5.9 gives
 * the name back for it. 3.2.5.10 says "greater than 0x8000" but the glossary of the same spec (1.1
 * "tagged property") reserves 0x8000 - 0x8FFF for named properties and MS-OXCPRPT 2.2 calls an ID named
 * when its most significant bit is set, so 0x8000 itself is accepted. */
static void test_named_property(struct mt *t)
{
	struct mapi_object *store = mt_store(t);
	struct mapi_propname names[2] = {{MNID_STRING, PS_PUBLIC_STRINGS, 0, (char *)"mapitest-name"},
	                                 {MNID_ID, PS_PUBLIC_STRINGS, 0x7A11, NULL}};
	uint16_t *ids, *again;
	mt_rop(t, "RopGetPropertyIdsFromNames (create)",
	       mapi_get_ids_from_names(store, true, 2, names, t->mem, &ids));
	for (int i = 0; i < 2; i++)
		mt_true(t, ids[i] >= 0x8000 && ids[i] != 0xFFFF,
		        "PropertyIds[%d]: expected a named-property ID (0x8000 - 0xFFFE), got 0x%04X", i,
		        ids[i]);
	mt_true(t, ids[0] != ids[1], "two names got the same ID 0x%04X", ids[0]);
	mt_rop(t, "RopGetPropertyIdsFromNames (again)",
	       mapi_get_ids_from_names(store, false, 2, names, t->mem, &again));
	mt_eq(t, "PropertyIds[0] the second time", again[0], ids[0]);
	mt_eq(t, "PropertyIds[1] the second time", again[1], ids[1]);
	struct mapi_propname *back;
	mt_rop(t, "RopGetNamesFromPropertyIds", mapi_get_names_from_ids(store, 2, ids, t->mem, &back));
	mt_eq(t, "Kind of PropertyNames[0]", back[0].kind, MNID_STRING);
	mt_eq_str(t, "Name of PropertyNames[0]", back[0].name, "mapitest-name");
	mt_eq(t, "Kind of PropertyNames[1]", back[1].kind, MNID_ID);
	mt_eq(t, "LID of PropertyNames[1]", back[1].lid, 0x7A11);
}

/* 3.2.5.10 step 1: in the PS_MAPI set the ID is the LID; step 3: an unknown name without the create flag
 * is 0x0000 */
static void test_named_property_ps_mapi_and_unknown(struct mt *t)
{
	struct mapi_propname names[2] = {
	        {MNID_ID, PS_MAPI, 0x0037, NULL},
	        {MNID_STRING, PS_PUBLIC_STRINGS, 0, (char *)"mapitest-never-created"}};
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_GET_PROPERTY_IDS_FROM_NAMES, mt_store(t));
	r->get_property_ids_from_names.property_name_count = 2;
	r->get_property_ids_from_names.property_names = names;
	if (mapi_batch_execute(b) != ecSuccess)
		mt_fail(t, "Execute: %s", mapi_session_last_error(mt_session(t))->message);
	uint32_t ec = mapi_batch_result(b, 0);
	if (ec != ecWarnWithErrors)
		mt_rop(t, "RopGetPropertyIdsFromNames", ec);
	const struct rop_response *p = mapi_batch_response(b, 0);
	mt_eq(t, "PropertyIdCount", p->get_property_ids_from_names.property_id_count, 2);
	mt_eq(t, "PS_MAPI LID 0x0037", p->get_property_ids_from_names.property_ids[0], 0x0037);
	mt_eq(t, "unknown name", p->get_property_ids_from_names.property_ids[1], 0x0000);
}

static const uint8_t stream_data[] = "The spec is the oracle; a stream holds what was written.";
/* a PtypBinary property: its stream holds the bytes as they are (a PtypString stream would be UTF-16LE) */
#define STREAM_TAG PROP_TAG(PT_BINARY, 0x600B)

static struct mapi_object *written_stream(struct mt *t, struct mapi_object **m)
{
	struct mapi_object *s;
	*m = message(t);
	mt_rop(t, "RopOpenStream (create)",
	       mapi_open_stream(*m, STREAM_TAG, STREAM_OPEN_CREATE, t->mem, &s, NULL));
	mt_rop(t, "RopWriteStream", mapi_write_stream(s, stream_data, sizeof stream_data - 1));
	return s;
}

/* 3.2.5.13, 3.2.5.17, 3.2.5.12: what RopWriteStream wrote reads back from the start */
static void test_stream_write_read(struct mt *t)
{
	struct mapi_object *m, *s = written_stream(t, &m);
	uint64_t pos = 99;
	mt_rop(t, "RopSeekStream", mapi_seek_stream(s, STREAM_SEEK_BEGINNING, 0, &pos));
	mt_eq(t, "NewPosition", pos, 0);
	uint8_t buf[128];
	uint16_t got = 0;
	mt_rop(t, "RopReadStream", mapi_read_stream(s, buf, sizeof buf, &got));
	mt_eq_bytes(t, "bytes read", buf, got, stream_data, sizeof stream_data - 1);
}

/* 3.2.5.15: RopGetStreamSize is the size written; 3.2.5.16: RopSetStreamSize changes it */
static void test_stream_size(struct mt *t)
{
	struct mapi_object *m, *s = written_stream(t, &m);
	uint32_t size = 0;
	mt_rop(t, "RopGetStreamSize", mapi_get_stream_size(s, &size));
	mt_eq(t, "StreamSize", size, sizeof stream_data - 1);
	mt_rop(t, "RopSetStreamSize", mapi_set_stream_size(s, 10));
	mt_rop(t, "RopGetStreamSize", mapi_get_stream_size(s, &size));
	mt_eq(t, "StreamSize after RopSetStreamSize 10", size, 10);
}

/* 3.2.5.14: after RopCommitStream the property holds the stream's bytes */
static void test_stream_commit(struct mt *t)
{
	struct mapi_object *m, *s = written_stream(t, &m);
	mt_rop(t, "RopCommitStream", mapi_commit_stream(s));
	talloc_free(s);
	struct mapi_binary v = mt_get_prop(t, m, STREAM_TAG).value.bin;
	mt_eq_bytes(t, "the property's value", v.data, v.len, stream_data, sizeof stream_data - 1);
}

/* 3.2.5.11: opening a stream read-only on a property the object does not have is ecNotFound */
static void test_stream_open_missing(struct mt *t)
{
	struct mapi_object *m = message(t), *s;
	mt_rop_ec(t, "RopOpenStream (read-only) of a missing property",
	          mapi_open_stream(m, PROP_TAG(PT_BINARY, 0x6011), STREAM_OPEN_READ_ONLY, t->mem, &s, NULL),
	          ecNotFound);
}

#define T(name, clause, fn)                                                                                  \
	{                                                                                                    \
		"OXCPRPT", name, clause, fn, NULL                                                            \
	}
#define V(name, i)                                                                                           \
	{                                                                                                    \
		"OXCPRPT", name, "MS-OXCPRPT 3.2.5.4", run_type, &type_values[i]                             \
	}

static const struct mt_test tests[] = {
        V("value_integer16", 0),
        V("value_integer32", 1),
        V("value_floating64", 2),
        V("value_boolean", 3),
        V("value_integer64", 4),
        V("value_string", 5),
        V("value_time", 6),
        V("value_guid", 7),
        V("value_binary", 8),
        V("value_multiple_string", 9),
        T("missing_property_is_not_found", "MS-OXCPRPT 3.2.5.1", test_missing_property),
        T("delete_properties", "MS-OXCPRPT 3.2.5.5", test_delete_properties),
        T("properties_list", "MS-OXCPRPT 3.2.5.3", test_properties_list),
        T("properties_all", "MS-OXCPRPT 3.2.5.2", test_properties_all),
        T("named_property_ids", "MS-OXCPRPT 3.2.5.10", test_named_property),
        T("named_property_ps_mapi_and_unknown", "MS-OXCPRPT 3.2.5.10",
          test_named_property_ps_mapi_and_unknown),
        T("stream_write_read", "MS-OXCPRPT 3.2.5.13", test_stream_write_read),
        T("stream_size", "MS-OXCPRPT 3.2.5.15", test_stream_size),
        T("stream_commit", "MS-OXCPRPT 3.2.5.14", test_stream_commit),
        T("stream_open_missing_property", "MS-OXCPRPT 3.2.5.11", test_stream_open_missing),
};

MT_TEST_LIST(mt_suite_oxcprpt, tests);
