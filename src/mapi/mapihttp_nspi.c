/* MS-OXCMAPIHTTP 2.2.5 address book server endpoint bodies, field by field in wire order. StatusCode,
 * ErrorCode, AuxiliaryBufferSize and AuxiliaryBuffer are common to all bodies and handled in mapihttp.c.
 * MH_OPT marks a field that follows a Has* byte. */
#include "mapi/mapihttp_nspi.h"
#include "mapi/mapihttp_private.h"

#define OPT(k) ((k) | MH_OPT)

/* 2.2.5.1.1 Bind request: Flags, HasState, State */
static const struct mh_field bind_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_bind_req, flags),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_bind_req, state),
};

/* 2.2.5.1.2 Bind success response: ServerGuid */
static const struct mh_field bind_rsp[] = {
        MH_FIELD(MH_GUID, struct mapi_http_bind_rsp, server_guid),
};

/* 2.2.5.2.1 Unbind request: Reserved */
static const struct mh_field unbind_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_unbind_req, reserved),
};

/* 2.2.5.3.1 CompareMinIds request: Reserved, HasState, State, MinimalId1, MinimalId2 */
static const struct mh_field compare_mids_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_compare_mids_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_compare_mids_req, state),
        MH_FIELD(MH_U32, struct mapi_http_compare_mids_req, mid1),
        MH_FIELD(MH_U32, struct mapi_http_compare_mids_req, mid2),
};

/* 2.2.5.3.2 CompareMinIds success response: Result */
static const struct mh_field compare_mids_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_compare_mids_rsp, result),
};

/* 2.2.5.4.1 DnToMinId request: Reserved, HasNames, NameCount, NameValues */
static const struct mh_field dn_to_mid_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_dn_to_mid_req, reserved),
        MH_FIELD(OPT(MH_STRINGS), struct mapi_http_dn_to_mid_req, names),
};

/* 2.2.5.4.2 DnToMinId success response: HasMinimalIds, MinimalIdCount, MinimalIds */
static const struct mh_field mids_rsp[] = {
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_mids_rsp, mids),
};

/* 2.2.5.5.1 GetMatches request: Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds,
 * InterfaceOptionFlags, HasFilter, Filter, HasPropertyName, PropertyNameGuid, PropertyNameId, RowCount,
 * HasColumns, Columns */
static const struct mh_field get_matches_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_matches_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_get_matches_req, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_get_matches_req, mids),
        MH_FIELD(MH_U32, struct mapi_http_get_matches_req, interface_option_flags),
        MH_FIELD(OPT(MH_RESTRICTION), struct mapi_http_get_matches_req, filter),
        MH_FIELD(OPT(MH_PROPNAME), struct mapi_http_get_matches_req, prop_name),
        MH_FIELD(MH_U32, struct mapi_http_get_matches_req, row_count),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_get_matches_req, columns),
};

/* 2.2.5.5.2 GetMatches success response: HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds,
 * HasColsAndRows, Columns, RowCount, RowData */
static const struct mh_field get_matches_rsp[] = {
        MH_FIELD(OPT(MH_STAT), struct mapi_http_get_matches_rsp, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_get_matches_rsp, mids),
        MH_FIELD(OPT(MH_ROWSET), struct mapi_http_get_matches_rsp, rows),
};

/* 2.2.5.6.1 GetPropList request: Flags, MinimalId, CodePage */
static const struct mh_field get_prop_list_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_prop_list_req, flags),
        MH_FIELD(MH_U32, struct mapi_http_get_prop_list_req, mid),
        MH_FIELD(MH_U32, struct mapi_http_get_prop_list_req, code_page),
};

/* 2.2.5.6.2 GetPropList success response: HasPropertyTags, PropertyTags */
static const struct mh_field get_prop_list_rsp[] = {
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_get_prop_list_rsp, prop_tags),
};

/* 2.2.5.7.1 GetProps request: Flags, HasState, State, HasPropertyTags, PropertyTags */
static const struct mh_field get_props_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_props_req, flags),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_get_props_req, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_get_props_req, prop_tags),
};

/* 2.2.5.7.2 GetProps success response: CodePage, HasPropertyValues, PropertyValues */
static const struct mh_field get_props_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_props_rsp, code_page),
        MH_FIELD(OPT(MH_PROPLIST), struct mapi_http_get_props_rsp, values),
};

/* 2.2.5.8.1 GetSpecialTable request: Flags, HasState, State, HasVersion, Version */
static const struct mh_field get_special_table_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_special_table_req, flags),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_get_special_table_req, state),
        MH_FIELD(OPT(MH_U32), struct mapi_http_get_special_table_req, version),
};

/* 2.2.5.8.2 GetSpecialTable success response: CodePage, HasVersion, Version, HasRows, RowsCount, Rows */
static const struct mh_field get_special_table_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_special_table_rsp, code_page),
        MH_FIELD(OPT(MH_U32), struct mapi_http_get_special_table_rsp, version),
        MH_FIELD(OPT(MH_PROPLISTS), struct mapi_http_get_special_table_rsp, rows),
};

/* 2.2.5.9.1 GetTemplateInfo request: Flags, DisplayType, HasTemplateDn, TemplateDn, CodePage, LocaleId */
static const struct mh_field get_template_info_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_template_info_req, flags),
        MH_FIELD(MH_U32, struct mapi_http_get_template_info_req, display_type),
        MH_FIELD(OPT(MH_ASCII_Z), struct mapi_http_get_template_info_req, template_dn),
        MH_FIELD(MH_U32, struct mapi_http_get_template_info_req, code_page),
        MH_FIELD(MH_U32, struct mapi_http_get_template_info_req, locale_id),
};

/* 2.2.5.9.2 GetTemplateInfo success response: CodePage, HasRow, Row */
static const struct mh_field get_template_info_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_template_info_rsp, code_page),
        MH_FIELD(OPT(MH_PROPLIST), struct mapi_http_get_template_info_rsp, row),
};

/* 2.2.5.10.1 ModLinkAtt request: Flags, PropertyTag, MinimalId, HasEntryIds, EntryIdCount, EntryIds */
static const struct mh_field mod_link_att_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_mod_link_att_req, flags),
        MH_FIELD(MH_U32, struct mapi_http_mod_link_att_req, prop_tag),
        MH_FIELD(MH_U32, struct mapi_http_mod_link_att_req, mid),
        MH_FIELD(OPT(MH_ENTRYIDS), struct mapi_http_mod_link_att_req, entry_ids),
};

/* 2.2.5.11.1 ModProps request: Reserved, HasState, State, HasPropsToRemove, PropertiesToRemove,
 * HasPropertyValues, PropertyValues */
static const struct mh_field mod_props_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_mod_props_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_mod_props_req, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_mod_props_req, props_to_remove),
        MH_FIELD(OPT(MH_PROPLIST), struct mapi_http_mod_props_req, values),
};

/* 2.2.5.12.1 QueryRows request: Flags, HasState, State, ExplicitTableCount, ExplicitTable, RowCount,
 * HasColumns, Columns */
static const struct mh_field query_rows_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_query_rows_req, flags),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_query_rows_req, state),
        MH_FIELD(MH_U32_ARRAY, struct mapi_http_query_rows_req, explicit_table),
        MH_FIELD(MH_U32, struct mapi_http_query_rows_req, row_count),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_query_rows_req, columns),
};

/* 2.2.5.12.2 QueryRows and 2.2.5.16.2 SeekEntries success responses: HasState, State, HasColsAndRows,
 * Columns, RowCount, RowData */
static const struct mh_field rows_rsp[] = {
        MH_FIELD(OPT(MH_STAT), struct mapi_http_rows_rsp, state),
        MH_FIELD(OPT(MH_ROWSET), struct mapi_http_rows_rsp, rows),
};

/* 2.2.5.13.1 QueryColumns request: Reserved, MapiFlags */
static const struct mh_field query_columns_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_query_columns_req, reserved),
        MH_FIELD(MH_U32, struct mapi_http_query_columns_req, mapi_flags),
};

/* 2.2.5.13.2 QueryColumns success response: HasColumns, Columns */
static const struct mh_field query_columns_rsp[] = {
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_query_columns_rsp, columns),
};

/* 2.2.5.14.1 ResolveNames request: Reserved, HasState, State, HasPropertyTags, PropertyTags, HasNames,
 * NameCount, NameValues */
static const struct mh_field resolve_names_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_resolve_names_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_resolve_names_req, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_resolve_names_req, prop_tags),
        MH_FIELD(OPT(MH_WSTRINGS), struct mapi_http_resolve_names_req, names),
};

/* 2.2.5.14.2 ResolveNames success response: CodePage, HasMinimalIds, MinimalIdCount, MinimalIds,
 * HasRowsAndCols, PropertyTags, RowCount, RowData */
static const struct mh_field resolve_names_rsp[] = {
        MH_FIELD(MH_U32, struct mapi_http_resolve_names_rsp, code_page),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_resolve_names_rsp, mids),
        MH_FIELD(OPT(MH_ROWSET), struct mapi_http_resolve_names_rsp, rows),
};

/* 2.2.5.15.1 ResortRestriction request: Reserved, HasState, State, HasMinimalIds, MinimalIdCount,
 * MinimalIds */
static const struct mh_field resort_restriction_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_resort_restriction_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_resort_restriction_req, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_resort_restriction_req, mids),
};

/* 2.2.5.15.2 ResortRestriction success response: HasState, State, HasMinimalIds, MinimalIdCount,
 * MinimalIds */
static const struct mh_field resort_restriction_rsp[] = {
        MH_FIELD(OPT(MH_STAT), struct mapi_http_resort_restriction_rsp, state),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_resort_restriction_rsp, mids),
};

/* 2.2.5.16.1 SeekEntries request: Reserved, HasState, State, HasTarget, Target, HasExplicitTable,
 * ExplicitTableCount, ExplicitTable, HasColumns, Columns */
static const struct mh_field seek_entries_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_seek_entries_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_seek_entries_req, state),
        MH_FIELD(OPT(MH_TAGGED), struct mapi_http_seek_entries_req, target),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_seek_entries_req, explicit_table),
        MH_FIELD(OPT(MH_U32_ARRAY), struct mapi_http_seek_entries_req, columns),
};

/* 2.2.5.17.1 UpdateStat request: Reserved, HasState, State, DeltaRequested */
static const struct mh_field update_stat_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_update_stat_req, reserved),
        MH_FIELD(OPT(MH_STAT), struct mapi_http_update_stat_req, state),
        MH_FIELD(MH_U8, struct mapi_http_update_stat_req, delta_requested),
};

/* 2.2.5.17.2 UpdateStat success response: HasState, State, HasDelta, Delta */
static const struct mh_field update_stat_rsp[] = {
        MH_FIELD(OPT(MH_STAT), struct mapi_http_update_stat_rsp, state),
        MH_FIELD(OPT(MH_U32), struct mapi_http_update_stat_rsp, delta),
};

/* 2.2.5.18.1 GetMailboxUrl request: Flags, ServerDn; 2.2.5.19.1 GetAddressBookUrl request: Flags, UserDn */
static const struct mh_field get_url_req[] = {
        MH_FIELD(MH_U32, struct mapi_http_get_url_req, flags),
        MH_FIELD(MH_UTF16_Z, struct mapi_http_get_url_req, dn),
};

/* 2.2.5.18.2 / 2.2.5.19.2 success responses: ServerUrl */
static const struct mh_field get_url_rsp[] = {
        MH_FIELD(MH_UTF16_Z, struct mapi_http_get_url_rsp, server_url),
};

/* In enum mapi_http_request_type order from MAPI_HTTP_BIND. The Unbind (2.2.5.2.2), ModLinkAtt (2.2.5.10.2)
 * and ModProps (2.2.5.11.2) success responses have no fields of their own. */
const struct mh_body mapi_http_nspi_requests[19] = {
        MH_BODY(bind_req),
        MH_BODY(unbind_req),
        MH_BODY(compare_mids_req),
        MH_BODY(dn_to_mid_req),
        MH_BODY(get_matches_req),
        MH_BODY(get_prop_list_req),
        MH_BODY(get_props_req),
        MH_BODY(get_special_table_req),
        MH_BODY(get_template_info_req),
        MH_BODY(mod_link_att_req),
        MH_BODY(mod_props_req),
        MH_BODY(query_rows_req),
        MH_BODY(query_columns_req),
        MH_BODY(resolve_names_req),
        MH_BODY(resort_restriction_req),
        MH_BODY(seek_entries_req),
        MH_BODY(update_stat_req),
        MH_BODY(get_url_req),
        MH_BODY(get_url_req),
};

const struct mh_body mapi_http_nspi_responses[19] = {
        MH_BODY(bind_rsp),
        MH_EMPTY,
        MH_BODY(compare_mids_rsp),
        MH_BODY(mids_rsp),
        MH_BODY(get_matches_rsp),
        MH_BODY(get_prop_list_rsp),
        MH_BODY(get_props_rsp),
        MH_BODY(get_special_table_rsp),
        MH_BODY(get_template_info_rsp),
        MH_EMPTY,
        MH_EMPTY,
        MH_BODY(rows_rsp),
        MH_BODY(query_columns_rsp),
        MH_BODY(resolve_names_rsp),
        MH_BODY(resort_restriction_rsp),
        MH_BODY(rows_rsp),
        MH_BODY(update_stat_rsp),
        MH_BODY(get_url_rsp),
        MH_BODY(get_url_rsp),
};
