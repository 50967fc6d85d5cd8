/* src/mapi/mapihttp_nspi.c and mapihttp.c: the address book endpoint bodies of MS-OXCMAPIHTTP 2.2.5, every
 * request and success response byte by byte from the field tables, and the MS-OXNSPI 4 session. */
#include "mapihttp_check.h"

#include <string.h>

/* STAT (MS-OXNSPI 2.2.8): SortType 0, ContainerID 0, CurrentRec 0, Delta 0, NumPos 0, TotalRecs 0,
 * CodePage 1252, TemplateLocale 0x409, SortLocale 0x409 */
/* clang-format off */
#define STAT_1252                                                                                            \
	0x00, 0x00, 0x00, 0x00, /* SortType */                                                               \
	0x00, 0x00, 0x00, 0x00, /* ContainerID */                                                            \
	0x00, 0x00, 0x00, 0x00, /* CurrentRec */                                                             \
	0x00, 0x00, 0x00, 0x00, /* Delta */                                                                  \
	0x00, 0x00, 0x00, 0x00, /* NumPos */                                                                 \
	0x00, 0x00, 0x00, 0x00, /* TotalRecs */                                                              \
	0xE4, 0x04, 0x00, 0x00, /* CodePage */                                                               \
	0x09, 0x04, 0x00, 0x00, /* TemplateLocale */                                                         \
	0x09, 0x04, 0x00, 0x00  /* SortLocale */
/* clang-format on */

static void assert_stat_1252(const struct mapi_nspi_stat *s)
{
	assert_non_null(s);
	assert_int_equal(s->sort_type, 0);
	assert_int_equal(s->container_id, 0);
	assert_int_equal(s->current_rec, 0);
	assert_int_equal(s->delta, 0);
	assert_int_equal(s->num_pos, 0);
	assert_int_equal(s->total_recs, 0);
	assert_int_equal(s->code_page, 1252);
	assert_int_equal(s->template_locale, 0x409);
	assert_int_equal(s->sort_locale, 0x409);
}

#define NO_AUX 0x00, 0x00, 0x00, 0x00                          /* AuxiliaryBufferSize 0 */
#define SUCCESS 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 /* StatusCode 0, ErrorCode Success */

/* ---- MS-OXNSPI 4: NspiBind, NspiGetSpecialTable, NspiQueryRows, NspiUnbind as MAPI/HTTP bodies ---- */

static void test_example_session(void **state)
{
	const char *f = "MS-OXNSPI-4-session-as-mapihttp.hex";
	size_t n;
	uint8_t *b = tu_vector(*state, f, "bind-request", &n);
	struct mapi_http_request *req = check_request(state, MAPI_HTTP_BIND, b, n);
	assert_int_equal(req->bind.flags, 0);
	assert_stat_1252(req->bind.state);

	b = tu_vector(*state, f, "bind-response", &n);
	struct mapi_http_response *rsp = check_response(state, MAPI_HTTP_BIND, b, n);
	char g[39];
	wc_guid_to_string(&rsp->bind.server_guid, g);
	assert_string_equal(g, "{868BBCAB-3379-48C4-A1EF-1B53E63BDC46}");

	b = tu_vector(*state, f, "getspecialtable-request", &n);
	req = check_request(state, MAPI_HTTP_GET_SPECIAL_TABLE, b, n);
	assert_int_equal(req->get_special_table.flags, NSPI_UNICODE_STRINGS);
	assert_stat_1252(req->get_special_table.state);
	assert_null(req->get_special_table.version);

	b = tu_vector(*state, f, "queryrows-request", &n);
	req = check_request(state, MAPI_HTTP_QUERY_ROWS, b, n);
	const struct mapi_http_query_rows_req *q = &req->query_rows;
	assert_int_equal(q->state->total_recs, 0xFFFFFFFF);
	assert_int_equal(q->explicit_table.count, 0);
	assert_int_equal(q->row_count, 2);
	assert_int_equal(q->columns->count, 4);
	assert_int_equal(q->columns->values[0], 0x0FFF0102);
	assert_int_equal(q->columns->values[3], 0x3A17001F);

	b = tu_vector(*state, f, "queryrows-response", &n);
	rsp = check_response(state, MAPI_HTTP_QUERY_ROWS, b, n);
	const struct mapi_http_rows_rsp *qr = &rsp->query_rows;
	assert_int_equal(qr->state->current_rec, 0x1928);
	assert_int_equal(qr->state->num_pos, 2);
	assert_int_equal(qr->state->total_recs, 0x16);
	assert_int_equal(qr->rows->columns.count, 4);
	assert_int_equal(qr->rows->count, 2);
	const struct mapi_abk_value *v = qr->rows->rows[0].values;
	assert_int_equal(v[0].pv.value.bin.len, 32);
	assert_int_equal(v[0].pv.value.bin.data[0], NSPI_EPHEMERAL_ENTRYID);
	assert_string_equal(v[1].pv.value.str, "A");
	assert_false(v[2].has_value);
	assert_string_equal(v[3].pv.value.str, "T");
	v = qr->rows->rows[1].values;
	assert_string_equal(v[1].pv.value.str, "B");
	assert_false(v[3].has_value);

	b = tu_vector(*state, f, "unbind-request", &n);
	req = check_request(state, MAPI_HTTP_UNBIND, b, n);
	assert_int_equal(req->unbind.reserved, 0);
	b = tu_vector(*state, f, "unbind-response", &n);
	rsp = check_response(state, MAPI_HTTP_UNBIND, b, n);
	assert_int_equal(rsp->error_code, 1); /* UnbindSuccess */
}

/* ---- 2.2.5.1 Bind, 2.2.5.3 CompareMinIds, 2.2.5.4 DnToMinId ---- */

static void test_bind_anonymous_without_state(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x20, 0x00, 0x00, 0x00, /* Flags fAnonymousLogin */
		0x00,                   /* HasState 0: no State */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_BIND, req, sizeof req);
	assert_int_equal(r->bind.flags, NSPI_ANONYMOUS_LOGIN);
	assert_null(r->bind.state);
}

static void test_compare_mids(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00, /* Reserved */
		0xFF, STAT_1252,        /* HasState, State */
		0x27, 0x19, 0x00, 0x00, /* MinimalId1 0x1927 */
		0x28, 0x19, 0x00, 0x00, /* MinimalId2 0x1928 */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF, 0xFF, 0xFF, 0xFF, /* Result -1: MinimalId1 comes first */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_COMPARE_MIDS, req, sizeof req);
	assert_stat_1252(r->compare_mids.state);
	assert_int_equal(r->compare_mids.mid1, 0x1927);
	assert_int_equal(r->compare_mids.mid2, 0x1928);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_COMPARE_MIDS, rsp, sizeof rsp);
	assert_int_equal(s->compare_mids.result, -1);
}

static void test_dn_to_mid(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00,                         /* Reserved */
		0xFF,                                           /* HasNames */
		0x02, 0x00, 0x00, 0x00,                         /* NameCount 2 */
		'/', 'o', '=', 'x', '/', 'c', 'n', '=', 'a', 0, /* NameValues: null-terminated 8-bit DNs */
		'/', 'o', '=', 'x', '/', 'c', 'n', '=', 'b', 0,
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF,                   /* HasMinimalIds */
		0x02, 0x00, 0x00, 0x00, /* MinimalIdCount 2 */
		0x27, 0x19, 0x00, 0x00, /* 0x1927 */
		0x00, 0x00, 0x00, 0x00, /* 0: not found */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_DN_TO_MID, req, sizeof req);
	assert_int_equal(r->dn_to_mid.names->count, 2);
	assert_string_equal(r->dn_to_mid.names->strings[1], "/o=x/cn=b");
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_DN_TO_MID, rsp, sizeof rsp);
	assert_int_equal(s->dn_to_mid.mids->count, 2);
	assert_int_equal(s->dn_to_mid.mids->values[0], 0x1927);
	static const uint8_t none[] = {SUCCESS, 0x00 /* HasMinimalIds 0 */, NO_AUX};
	s = check_response(state, MAPI_HTTP_DN_TO_MID, none, sizeof none);
	assert_null(s->dn_to_mid.mids);
}

/* ---- 2.2.5.5 GetMatches: the request with a restriction (MS-OXCDATA 2.12, 32-bit RestrictCount) ---- */

/* clang-format off */
static const uint8_t get_matches_req[] = {
	0x00, 0x00, 0x00, 0x00,                         /* Reserved */
	0xFF, STAT_1252,                                /* HasState, State */
	0x00,                                           /* HasMinimalIds 0 */
	0x00, 0x00, 0x00, 0x00,                         /* InterfaceOptionFlags */
	0xFF,                                           /* HasFilter */
	0x00,                                           /* AndRestriction */
	0x02, 0x00, 0x00, 0x00,                         /* RestrictCount 2: 32 bits outside ROP buffers */
	0x04,                                           /* PropertyRestriction */
	0x04,                                           /* RelOp RELOP_EQ */
	0x1F, 0x00, 0x01, 0x30,                         /* PropTag PidTagDisplayName */
	0x1F, 0x00, 0x01, 0x30, 'A', 0x00, 0x00, 0x00,  /* TaggedValue "A" (no HasValue inside restrictions) */
	0x08,                                           /* ExistRestriction */
	0x1F, 0x00, 0xFE, 0x39,                         /* PropTag PidTagSmtpAddress */
	0xFF,                                           /* HasPropertyName */
	0x98, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A, /* PropertyNameGuid */
	0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82, 0x09,
	0x80, 0x00, 0x00,                               /* PropertyNameId 0x8009 */
	0x32, 0x00, 0x00, 0x00,                         /* RowCount 50 */
	0xFF,                                           /* HasColumns */
	0x02, 0x00, 0x00, 0x00,                         /* PropertyTagCount 2 */
	0x1F, 0x00, 0x01, 0x30,                         /* PidTagDisplayName */
	0x02, 0x01, 0xFF, 0x0F,                         /* PidTagEntryId */
	NO_AUX,
};
/* clang-format on */

/* clang-format off */
static const uint8_t get_matches_rsp[] = {
	SUCCESS,
	0xFF, STAT_1252,             /* HasState, State */
	0xFF,                        /* HasMinimalIds */
	0x01, 0x00, 0x00, 0x00,      /* MinimalIdCount 1 */
	0x27, 0x19, 0x00, 0x00,      /* 0x1927 */
	0xFF,                        /* HasColsAndRows */
	0x01, 0x00, 0x00, 0x00,      /* Columns: 1 */
	0x1F, 0x00, 0x01, 0x30,      /* PidTagDisplayName */
	0x01, 0x00, 0x00, 0x00,      /* RowCount 1 */
	0x00,                        /* Flags: standard row */
	0xFF, 'A', 0x00, 0x00, 0x00, /* HasValue, "A" */
	NO_AUX,
};
/* clang-format on */

static void test_get_matches(void **state)
{
	struct mapi_http_request *r =
	        check_request(state, MAPI_HTTP_GET_MATCHES, get_matches_req, sizeof get_matches_req);
	const struct mapi_http_get_matches_req *g = &r->get_matches;
	assert_stat_1252(g->state);
	assert_null(g->mids);
	assert_int_equal(g->filter->type, RES_AND);
	assert_int_equal(g->filter->and_or.count, 2);
	assert_int_equal(g->filter->and_or.res[0].type, RES_PROPERTY);
	assert_int_equal(g->filter->and_or.res[0].property.relop, RELOP_EQ);
	assert_string_equal(g->filter->and_or.res[0].property.pv.value.str, "A");
	assert_int_equal(g->filter->and_or.res[1].exist.proptag, 0x39FE001F);
	assert_int_equal(g->prop_name->guid.d1, 0xC840A798);
	assert_int_equal(g->prop_name->id, 0x8009);
	assert_int_equal(g->row_count, 50);
	assert_int_equal(g->columns->count, 2);
	struct mapi_http_response *s =
	        check_response(state, MAPI_HTTP_GET_MATCHES, get_matches_rsp, sizeof get_matches_rsp);
	assert_stat_1252(s->get_matches.state);
	assert_int_equal(s->get_matches.mids->values[0], 0x1927);
	assert_int_equal(s->get_matches.rows->count, 1);
	assert_string_equal(s->get_matches.rows->rows[0].values[0].pv.value.str, "A");
}

/* A filter nested deeper than MAPI_MAX_RESTRICTION_DEPTH is refused, not recursed into */
static void test_get_matches_deep_filter(void **state)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	wc_write_u32(&w, 0);   /* Reserved */
	wc_write_u8(&w, 0);    /* HasState */
	wc_write_u8(&w, 0);    /* HasMinimalIds */
	wc_write_u32(&w, 0);   /* InterfaceOptionFlags */
	wc_write_u8(&w, 0xFF); /* HasFilter */
	for (int i = 0; i < MAPI_MAX_RESTRICTION_DEPTH + 10; i++)
		wc_write_u8(&w, RES_NOT);
	wc_write_u8(&w, RES_EXIST);
	wc_write_u32(&w, 0x3001001F);
	wc_write_u8(&w, 0);  /* HasPropertyName */
	wc_write_u32(&w, 1); /* RowCount */
	wc_write_u8(&w, 0);  /* HasColumns */
	wc_write_u32(&w, 0); /* AuxiliaryBufferSize */
	struct mapi_http_request *r;
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_GET_MATCHES, w.data, w.len, &r), WC_EDEPTH);
}

/* ---- 2.2.5.6 GetPropList, 2.2.5.7 GetProps ---- */

static void test_get_prop_list(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x01, 0x00, 0x00, 0x00, /* Flags fSkipObjects */
		0x27, 0x19, 0x00, 0x00, /* MinimalId 0x1927 */
		0xE4, 0x04, 0x00, 0x00, /* CodePage 1252 */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF,                   /* HasPropertyTags */
		0x02, 0x00, 0x00, 0x00, /* PropertyTagCount 2 */
		0x1E, 0x00, 0x01, 0x30, /* PidTagDisplayName as PtypString8 (MS-OXNSPI 3.1.4.1.6) */
		0x03, 0x00, 0x00, 0x39, /* PidTagDisplayType */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_GET_PROP_LIST, req, sizeof req);
	assert_int_equal(r->get_prop_list.flags, NSPI_SKIP_OBJECTS);
	assert_int_equal(r->get_prop_list.mid, 0x1927);
	assert_int_equal(r->get_prop_list.code_page, 1252);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_GET_PROP_LIST, rsp, sizeof rsp);
	assert_int_equal(s->get_prop_list.prop_tags->values[0], 0x3001001E);
}

static void test_get_props(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x02, 0x00, 0x00, 0x00, /* Flags fEphID */
		0xFF, STAT_1252,        /* HasState, State */
		0xFF,                   /* HasPropertyTags */
		0x02, 0x00, 0x00, 0x00, /* PropertyTagCount 2 */
		0x1E, 0x00, 0x01, 0x30, /* PidTagDisplayName (8-bit) */
		0x1F, 0x00, 0x17, 0x3A, /* PidTagTitle */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xE4, 0x04, 0x00, 0x00, /* CodePage 1252 */
		0xFF,                   /* HasPropertyValues */
		0x02, 0x00, 0x00, 0x00, /* PropertyValueCount 2 */
		0x1E, 0x00, 0x01, 0x30, /* PtypString8, PidTagDisplayName */
		0xFF, 'A', 'l', 0x00,   /* HasValue, "Al" */
		0x0A, 0x00, 0x17, 0x3A, /* PtypErrorCode, PidTagTitle: no HasValue for this type */
		0x0F, 0x01, 0x04, 0x80, /* NotFound 0x8004010F */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_GET_PROPS, req, sizeof req);
	assert_int_equal(r->get_props.flags, NSPI_EPH_ID);
	assert_stat_1252(r->get_props.state);
	assert_int_equal(r->get_props.prop_tags->count, 2);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_GET_PROPS, rsp, sizeof rsp);
	assert_int_equal(s->get_props.code_page, 1252);
	assert_string_equal(s->get_props.values->values[0].pv.value.str, "Al");
	assert_int_equal(s->get_props.values->values[1].pv.value.err, 0x8004010F);
	static const uint8_t no_values[] = {SUCCESS, 0xB0, 0x04, 0x00, 0x00, 0x00 /* HasPropertyValues 0 */,
	                                    NO_AUX};
	s = check_response(state, MAPI_HTTP_GET_PROPS, no_values, sizeof no_values);
	assert_null(s->get_props.values);
}

/* ---- 2.2.5.8 GetSpecialTable, 2.2.5.9 GetTemplateInfo ---- */

static void test_get_special_table(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x06, 0x00, 0x00, 0x00, /* Flags NspiAddressCreationTemplates | NspiUnicodeStrings */
		0x00,                   /* HasState 0 */
		0xFF,                   /* HasVersion */
		0x03, 0x00, 0x00, 0x00, /* Version 3 */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xB0, 0x04, 0x00, 0x00,      /* CodePage CP_WINUNICODE */
		0xFF,                        /* HasVersion */
		0x05, 0x00, 0x00, 0x00,      /* Version 5 */
		0xFF,                        /* HasRows */
		0x02, 0x00, 0x00, 0x00,      /* RowsCount 2 */
		0x02, 0x00, 0x00, 0x00,      /* row 1: PropertyValueCount 2 */
		0x03, 0x00, 0x05, 0x30,      /* PidTagDepth */
		0x00, 0x00, 0x00, 0x00,      /* 0 */
		0x1F, 0x00, 0x01, 0x30,      /* PidTagDisplayName */
		0xFF, 'G', 0x00, 0x00, 0x00, /* HasValue, "G" */
		0x01, 0x00, 0x00, 0x00,      /* row 2: PropertyValueCount 1 */
		0x0B, 0x00, 0xFB, 0xFF,      /* PidTagAddressBookIsMaster */
		0x00,                        /* FALSE */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_GET_SPECIAL_TABLE, req, sizeof req);
	assert_int_equal(r->get_special_table.flags, NSPI_ADDRESS_CREATION_TEMPLATES | NSPI_UNICODE_STRINGS);
	assert_null(r->get_special_table.state);
	assert_int_equal(*r->get_special_table.version, 3);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_GET_SPECIAL_TABLE, rsp, sizeof rsp);
	assert_int_equal(s->get_special_table.code_page, CP_WINUNICODE);
	assert_int_equal(*s->get_special_table.version, 5);
	assert_int_equal(s->get_special_table.rows->count, 2);
	assert_string_equal(s->get_special_table.rows->lists[0].values[1].pv.value.str, "G");
	assert_false(s->get_special_table.rows->lists[1].values[0].pv.value.b);
}

static void test_get_template_info(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x01, 0x00, 0x00, 0x00,                         /* Flags TI_TEMPLATE */
		0x00, 0x00, 0x00, 0x00,                         /* DisplayType DT_MAILUSER */
		0xFF,                                           /* HasTemplateDn */
		'/', 'o', '=', 'x', '/', 'c', 'n', '=', 't', 0, /* TemplateDn */
		0xE4, 0x04, 0x00, 0x00,                         /* CodePage 1252 */
		0x09, 0x04, 0x00, 0x00,                         /* LocaleId 0x409 */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xE4, 0x04, 0x00, 0x00, /* CodePage 1252 */
		0xFF,                   /* HasRow */
		0x01, 0x00, 0x00, 0x00, /* PropertyValueCount 1 */
		0x02, 0x01, 0x01, 0x00, /* PtypBinary, PidTagTemplateData */
		0xFF,                   /* HasValue */
		0x02, 0x00, 0x00, 0x00, /* COUNT 2 */
		0xAA, 0xBB,
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_GET_TEMPLATE_INFO, req, sizeof req);
	assert_int_equal(r->get_template_info.flags, TI_TEMPLATE);
	assert_int_equal(r->get_template_info.display_type, DT_MAILUSER);
	assert_string_equal(r->get_template_info.template_dn, "/o=x/cn=t");
	assert_int_equal(r->get_template_info.code_page, 1252);
	assert_int_equal(r->get_template_info.locale_id, 0x409);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_GET_TEMPLATE_INFO, rsp, sizeof rsp);
	assert_int_equal(s->get_template_info.row->values[0].pv.value.bin.len, 2);
	/* clang-format off */
	static const uint8_t no_dn[] = {
		0x00, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00, /* Flags, DisplayType DT_ADDRESS_TEMPLATE */
		0x00,                                           /* HasTemplateDn 0 */
		0xE4, 0x04, 0x00, 0x00, 0x09, 0x04, 0x00, 0x00,
		NO_AUX,
	};
	/* clang-format on */
	r = check_request(state, MAPI_HTTP_GET_TEMPLATE_INFO, no_dn, sizeof no_dn);
	assert_null(r->get_template_info.template_dn);
}

/* ---- 2.2.5.10 ModLinkAtt, 2.2.5.11 ModProps: success responses without fields of their own ---- */

static void test_mod_link_att(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x01, 0x00, 0x00, 0x00,                                                 /* Flags fDelete */
		0x0D, 0x00, 0x09, 0x80,                                                 /* PropertyTag PidTagAddressBookMember */
		0x27, 0x19, 0x00, 0x00,                                                 /* MinimalId 0x1927 */
		0xFF,                                                                   /* HasEntryIds */
		0x01, 0x00, 0x00, 0x00,                                                 /* EntryIdCount 1 */
		0x87, 0x00, 0x00, 0x00,                                                 /* EphemeralEntryID: ID Type, R1-R3 */
		0xAB, 0xBC, 0x8B, 0x86, 0x79, 0x33, 0xC4, 0x48,                         /* ProviderUID */
		0xA1, 0xEF, 0x1B, 0x53, 0xE6, 0x3B, 0xDC, 0x46, 0x01, 0x00, 0x00, 0x00, /* R4 */
		0x00, 0x00, 0x00, 0x00,                                                 /* Display Type DT_MAILUSER */
		0x30, 0x19, 0x00, 0x00,                                                 /* MId 0x1930 */
		NO_AUX,
	};
	/* clang-format on */
	static const uint8_t rsp[] = {SUCCESS, NO_AUX};
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_MOD_LINK_ATT, req, sizeof req);
	assert_int_equal(r->mod_link_att.flags, NSPI_DELETE);
	assert_int_equal(r->mod_link_att.prop_tag, 0x8009000D);
	assert_int_equal(r->mod_link_att.mid, 0x1927);
	assert_int_equal(r->mod_link_att.entry_ids->count, 1);
	assert_int_equal(r->mod_link_att.entry_ids->ids[0].mid, 0x1930);
	check_response(state, MAPI_HTTP_MOD_LINK_ATT, rsp, sizeof rsp);
}

static void test_mod_props(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00,      /* Reserved */
		0xFF, STAT_1252,             /* HasState, State */
		0xFF,                        /* HasPropsToRemove */
		0x01, 0x00, 0x00, 0x00,      /* PropertyTagCount 1 */
		0x1F, 0x00, 0x17, 0x3A,      /* PidTagTitle */
		0xFF,                        /* HasPropertyValues */
		0x01, 0x00, 0x00, 0x00,      /* PropertyValueCount 1 */
		0x1F, 0x00, 0x01, 0x30,      /* PtypString, PidTagDisplayName */
		0xFF, 'Z', 0x00, 0x00, 0x00, /* HasValue, "Z" */
		NO_AUX,
	};
	/* clang-format on */
	static const uint8_t rsp[] = {SUCCESS, NO_AUX};
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_MOD_PROPS, req, sizeof req);
	assert_stat_1252(r->mod_props.state);
	assert_int_equal(r->mod_props.props_to_remove->values[0], 0x3A17001F);
	assert_string_equal(r->mod_props.values->values[0].pv.value.str, "Z");
	check_response(state, MAPI_HTTP_MOD_PROPS, rsp, sizeof rsp);
}

/* ---- 2.2.5.12 QueryRows (the rest is in the example session), 2.2.5.13 QueryColumns ---- */

static void test_query_rows_explicit_table(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00, /* Flags */
		0x00,                   /* HasState 0 */
		0x02, 0x00, 0x00, 0x00, /* ExplicitTableCount 2: always present */
		0x27, 0x19, 0x00, 0x00, /* 0x1927 */
		0x28, 0x19, 0x00, 0x00, /* 0x1928 */
		0x02, 0x00, 0x00, 0x00, /* RowCount 2 */
		0x00,                   /* HasColumns 0 */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0x00, /* HasState 0 */
		0x00, /* HasColsAndRows 0 */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_QUERY_ROWS, req, sizeof req);
	assert_null(r->query_rows.state);
	assert_int_equal(r->query_rows.explicit_table.count, 2);
	assert_int_equal(r->query_rows.explicit_table.values[1], 0x1928);
	assert_null(r->query_rows.columns);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_QUERY_ROWS, rsp, sizeof rsp);
	assert_null(s->query_rows.state);
	assert_null(s->query_rows.rows);
}

static void test_query_columns(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00, /* Reserved */
		0x00, 0x00, 0x00, 0x80, /* MapiFlags NspiUnicodeProptypes */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF,                   /* HasColumns */
		0x03, 0x00, 0x00, 0x00, /* PropertyTagCount 3 */
		0x1F, 0x00, 0x01, 0x30, 0x1F, 0x00, 0x17, 0x3A, 0x1F, 0x00, 0xFE, 0x39,
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_QUERY_COLUMNS, req, sizeof req);
	assert_int_equal(r->query_columns.mapi_flags, NSPI_UNICODE_PROPTYPES);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_QUERY_COLUMNS, rsp, sizeof rsp);
	assert_int_equal(s->query_columns.columns->count, 3);
	assert_int_equal(s->query_columns.columns->values[2], 0x39FE001F);
}

/* ---- 2.2.5.14 ResolveNames, 2.2.5.15 ResortRestriction, 2.2.5.16 SeekEntries ---- */

static void test_resolve_names(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00,                      /* Reserved */
		0xFF, STAT_1252,                             /* HasState, State */
		0xFF,                                        /* HasPropertyTags */
		0x01, 0x00, 0x00, 0x00,                      /* PropertyTagCount 1 */
		0x1F, 0x00, 0x01, 0x30,                      /* PidTagDisplayName */
		0xFF,                                        /* HasNames */
		0x01, 0x00, 0x00, 0x00,                      /* NameCount 1 */
		'b', 0x00, 'o', 0x00, 'b', 0x00, 0x00, 0x00, /* "bob", null-terminated Unicode */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xB0, 0x04, 0x00, 0x00, /* CodePage CP_WINUNICODE */
		0xFF,                   /* HasMinimalIds */
		0x01, 0x00, 0x00, 0x00, /* MinimalIdCount 1 */
		0x01, 0x00, 0x00, 0x00, /* MID_AMBIGUOUS */
		0xFF,                   /* HasRowsAndCols */
		0x01, 0x00, 0x00, 0x00, /* PropertyTags: 1 */
		0x1F, 0x00, 0x01, 0x30, /* PidTagDisplayName */
		0x01, 0x00, 0x00, 0x00, /* RowCount 1 */
		0x01,                   /* Flags: flagged row */
		0x01,                   /* Flag 0x1: not present */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_RESOLVE_NAMES, req, sizeof req);
	assert_stat_1252(r->resolve_names.state);
	assert_int_equal(r->resolve_names.prop_tags->count, 1);
	assert_string_equal(r->resolve_names.names->strings[0], "bob");
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_RESOLVE_NAMES, rsp, sizeof rsp);
	assert_int_equal(s->resolve_names.code_page, CP_WINUNICODE);
	assert_int_equal(s->resolve_names.mids->values[0], MID_AMBIGUOUS);
	assert_int_equal(s->resolve_names.rows->rows[0].flags, MAPI_ROW_FLAGGED);
	assert_int_equal(s->resolve_names.rows->rows[0].values[0].flag, MAPI_VALUE_NOT_PRESENT);
}

static void test_resort_restriction(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00, /* Reserved */
		0xFF, STAT_1252,        /* HasState, State */
		0xFF,                   /* HasMinimalIds */
		0x02, 0x00, 0x00, 0x00, /* MinimalIdCount 2 */
		0x11, 0x00, 0x00, 0x00, 0x10, 0x00, 0x00, 0x00,
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF, STAT_1252,        /* HasState, State */
		0xFF,                   /* HasMinimalIds */
		0x02, 0x00, 0x00, 0x00, /* MinimalIdCount 2: sorted */
		0x10, 0x00, 0x00, 0x00, 0x11, 0x00, 0x00, 0x00,
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_RESORT_RESTRICTION, req, sizeof req);
	assert_int_equal(r->resort_restriction.mids->values[0], 0x11);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_RESORT_RESTRICTION, rsp, sizeof rsp);
	assert_stat_1252(s->resort_restriction.state);
	assert_int_equal(s->resort_restriction.mids->values[0], 0x10);
}

static void test_seek_entries(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00,      /* Reserved */
		0xFF, STAT_1252,             /* HasState, State */
		0xFF,                        /* HasTarget */
		0x1F, 0x00, 0x01, 0x30,      /* AddressBookTaggedPropertyValue: PtypString, PidTagDisplayName */
		0xFF, 'M', 0x00, 0x00, 0x00, /* HasValue, "M" */
		0x00,                        /* HasExplicitTable 0 */
		0xFF,                        /* HasColumns */
		0x01, 0x00, 0x00, 0x00, 0x1F, 0x00, 0x01, 0x30,
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF, STAT_1252, /* HasState, State */
		0x00,            /* HasColsAndRows 0 */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_SEEK_ENTRIES, req, sizeof req);
	assert_int_equal(r->seek_entries.target->pv.tag, 0x3001001F);
	assert_string_equal(r->seek_entries.target->pv.value.str, "M");
	assert_null(r->seek_entries.explicit_table);
	assert_int_equal(r->seek_entries.columns->count, 1);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_SEEK_ENTRIES, rsp, sizeof rsp);
	assert_stat_1252(s->seek_entries.state);
	assert_null(s->seek_entries.rows);
	/* clang-format off */
	static const uint8_t with_table[] = {
		0x00, 0x00, 0x00, 0x00, 0x00,                         /* Reserved, HasState 0 */
		0x00,                                                 /* HasTarget 0 */
		0xFF, 0x01, 0x00, 0x00, 0x00, 0x27, 0x19, 0x00, 0x00, /* HasExplicitTable, 1 MId */
		0x00,                                                 /* HasColumns 0 */
		NO_AUX,
	};
	/* clang-format on */
	r = check_request(state, MAPI_HTTP_SEEK_ENTRIES, with_table, sizeof with_table);
	assert_null(r->seek_entries.target);
	assert_int_equal(r->seek_entries.explicit_table->values[0], 0x1927);
}

/* ---- 2.2.5.17 UpdateStat, 2.2.5.18 GetMailboxUrl, 2.2.5.19 GetAddressBookUrl ---- */

static void test_update_stat(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00, /* Reserved */
		0xFF, STAT_1252,        /* HasState, State */
		0x01,                   /* DeltaRequested */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		0xFF, STAT_1252,        /* HasState, State */
		0xFF,                   /* HasDelta */
		0xFD, 0xFF, 0xFF, 0xFF, /* Delta -3 */
		NO_AUX,
	};
	/* clang-format on */
	struct mapi_http_request *r = check_request(state, MAPI_HTTP_UPDATE_STAT, req, sizeof req);
	assert_stat_1252(r->update_stat.state);
	assert_int_equal(r->update_stat.delta_requested, 1);
	struct mapi_http_response *s = check_response(state, MAPI_HTTP_UPDATE_STAT, rsp, sizeof rsp);
	assert_int_equal(*s->update_stat.delta, -3);
}

static void test_get_urls(void **state)
{
	/* clang-format off */
	static const uint8_t req[] = {
		0x00, 0x00, 0x00, 0x00,      /* Flags: not used */
		'/', 0x00, 'o', 0x00, '=',
		0x00, 's', 0x00, 0x00, 0x00, /* ServerDn / UserDn "/o=s" (Unicode) */
		NO_AUX,
	};
	static const uint8_t rsp[] = {
		SUCCESS,
		'h', 0x00, 't', 0x00, 't', 0x00, 'p', 0x00, 's', 0x00, ':', 0x00,
		'/', 0x00, '/', 0x00, 'm', 0x00, '/', 0x00, 'n', 0x00, 0x00, 0x00, /* ServerUrl "https://m/n" */
		NO_AUX,
	};
	/* clang-format on */
	static const enum mapi_http_request_type types[] = {MAPI_HTTP_GET_MAILBOX_URL,
	                                                    MAPI_HTTP_GET_ADDRESS_BOOK_URL};
	for (int i = 0; i < 2; i++) {
		struct mapi_http_request *r = check_request(state, types[i], req, sizeof req);
		assert_string_equal(r->get_mailbox_url.dn, "/o=s");
		struct mapi_http_response *s = check_response(state, types[i], rsp, sizeof rsp);
		assert_string_equal(s->get_address_book_url.server_url, "https://m/n");
	}
}

/* ---- malformed bodies and refused encodings ---- */

static void test_has_bytes_are_any_non_zero(void **state)
{
	/* "present when nonzero": 0x01 is as good as 0xFF; the encoder writes 0xFF */
	static const uint8_t b[] = {0x00, 0x00, 0x00, 0x00, 0x01, STAT_1252, NO_AUX};
	struct mapi_http_request *r;
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_BIND, b, sizeof b, &r), 0);
	assert_stat_1252(r->bind.state);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, r), 0);
	assert_int_equal(w.data[4], 0xFF);
}

static void test_counts_above_the_limit(void **state)
{
	struct mapi_http_request *r;
	/* QueryRows ExplicitTableCount 100,001: "This value is limited to 100,000" */
	static const uint8_t explicit_table[] = {0x00, 0x00, 0x00, 0x00, 0x00, 0xA1, 0x86, 0x01, 0x00};
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_QUERY_ROWS, explicit_table,
	                                        sizeof explicit_table, &r),
	                 WC_ERANGE);
	/* QueryColumns response PropertyTagCount 0xFFFFFFFF */
	static const uint8_t columns[] = {SUCCESS, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	struct mapi_http_response *s;
	assert_int_equal(
	        mapi_http_response_pull(*state, MAPI_HTTP_QUERY_COLUMNS, columns, sizeof columns, &s),
	        WC_ERANGE);
	/* DnToMinId NameCount 100,000 with 4 bytes left: refused before allocating */
	static const uint8_t names[] = {0x00, 0x00, 0x00, 0x00, 0xFF, 0xA0, 0x86, 0x01, 0x00, 0, 0, 0, 0};
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_DN_TO_MID, names, sizeof names, &r),
	                 WC_EFORMAT);
	/* ModLinkAtt: an entry ID whose ID Type is neither 0x87 nor 0x00 */
	uint8_t bad_id[13 + 4 + 32 + 4] = {0};
	bad_id[12] = 0xFF; /* HasEntryIds */
	bad_id[13] = 0x01; /* EntryIdCount 1 */
	bad_id[17] = 0x42; /* ID Type */
	assert_int_equal(mapi_http_request_pull(*state, MAPI_HTTP_MOD_LINK_ATT, bad_id, sizeof bad_id, &r),
	                 WC_EFORMAT);
	assert_int_equal(talloc_total_blocks(*state), 1);
}

static void test_push_refuses_inconsistent_rows(void **state)
{
	uint32_t col = 0x3001001F;
	struct mapi_abk_value value = {.has_value = true, .pv = {.tag = col, .value = {.str = "x"}}};
	struct mapi_abk_row row = {.flags = 7, .values = &value};
	struct mapi_abk_rowset rows = {.columns = {1, &col}, .count = 1, .rows = &row};
	struct mapi_http_response rsp = {.type = MAPI_HTTP_QUERY_ROWS, .query_rows = {.rows = &rows}};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), WC_EINVAL); /* row Flags 7 */
	row.flags = MAPI_ROW_FLAGGED;
	value.flag = 3;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), WC_EINVAL); /* value Flag 3 */
	value.flag = MAPI_VALUE_PRESENT;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), 0);
	/* a request string that is required */
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_MAILBOX_URL};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, &req), WC_EINVAL);
	/* a string array with a NULL entry */
	char *names[1] = {NULL};
	struct mapi_nspi_strings s = {1, names};
	struct mapi_http_request dn = {.type = MAPI_HTTP_DN_TO_MID, .dn_to_mid = {.names = &s}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_http_request_push(&w, &dn), WC_EINVAL);
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
	        T(test_example_session),
	        T(test_bind_anonymous_without_state),
	        T(test_compare_mids),
	        T(test_dn_to_mid),
	        T(test_get_matches),
	        T(test_get_matches_deep_filter),
	        T(test_get_prop_list),
	        T(test_get_props),
	        T(test_get_special_table),
	        T(test_get_template_info),
	        T(test_mod_link_att),
	        T(test_mod_props),
	        T(test_query_rows_explicit_table),
	        T(test_query_columns),
	        T(test_resolve_names),
	        T(test_resort_restriction),
	        T(test_seek_entries),
	        T(test_update_stat),
	        T(test_get_urls),
	        T(test_has_bytes_are_any_non_zero),
	        T(test_counts_above_the_limit),
	        T(test_push_refuses_inconsistent_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
