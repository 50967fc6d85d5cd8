/* MS-OXCMAPIHTTP 2.2.5: the request and success response bodies of the address book server endpoint, without
 * the StatusCode/ErrorCode that start every response and the auxiliary buffer that ends every body
 * (mapihttp.h). Server processing of each is the matching Nspi* method of MS-OXNSPI 3.1.4.1.
 *
 * A field behind a Has* byte on the wire ("HasState", "HasColumns", ...) is a pointer here: NULL when the
 * byte is 0 (the field is absent), set when it is non-zero; the encoder writes 0xFF for present. A pointer to
 * a string is the string itself. */
#ifndef MAPIHTTP_NSPI_H
#define MAPIHTTP_NSPI_H

#include <stdint.h>

#include "mapi/mapi_restriction.h"
#include "mapi/nspi_types.h"

/* 2.2.5.1.1 Bind request */
struct mapi_http_bind_req {
	uint32_t flags;               /* NSPI_ANONYMOUS_LOGIN is the only flag the server looks at */
	struct mapi_nspi_stat *state; /* HasState, State */
};

/* 2.2.5.1.2 Bind success response */
struct mapi_http_bind_rsp {
	struct wc_guid server_guid; /* ServerGuid */
};

/* 2.2.5.2.1 Unbind request */
struct mapi_http_unbind_req {
	uint32_t reserved;
};

/* 2.2.5.3.1 CompareMinIds request */
struct mapi_http_compare_mids_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	uint32_t mid1; /* MinimalId1 */
	uint32_t mid2; /* MinimalId2 */
};

/* 2.2.5.3.2 CompareMinIds success response */
struct mapi_http_compare_mids_rsp {
	int32_t result; /* < 0: MinimalId1 first, 0: same object, > 0: MinimalId2 first */
};

/* 2.2.5.4.1 DnToMinId request */
struct mapi_http_dn_to_mid_req {
	uint32_t reserved;
	struct mapi_nspi_strings *names; /* HasNames, NameCount, NameValues: 8-bit DNs */
};

/* 2.2.5.4.2 DnToMinId success response */
struct mapi_http_mids_rsp {
	struct mapi_u32_array *mids; /* HasMinimalIds, MinimalIdCount, MinimalIds */
};

/* 2.2.5.5.1 GetMatches request */
struct mapi_http_get_matches_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *mids;          /* HasMinimalIds: an Explicit Table */
	uint32_t interface_option_flags;      /* reserved, 0 */
	struct mapi_restriction *filter;      /* HasFilter, Filter (MS-OXCDATA 2.12, 32-bit counts) */
	struct mapi_nspi_propname *prop_name; /* HasPropertyName, PropertyNameGuid, PropertyNameId */
	uint32_t row_count;
	struct mapi_u32_array *columns; /* HasColumns, Columns */
};

/* 2.2.5.5.2 GetMatches success response */
struct mapi_http_get_matches_rsp {
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rows; /* HasColsAndRows, Columns, RowCount, RowData */
};

/* 2.2.5.6.1 GetPropList request */
struct mapi_http_get_prop_list_req {
	uint32_t flags; /* NSPI_SKIP_OBJECTS */
	uint32_t mid;   /* MinimalId */
	uint32_t code_page;
};

/* 2.2.5.6.2 GetPropList success response */
struct mapi_http_get_prop_list_rsp {
	struct mapi_u32_array *prop_tags; /* HasPropertyTags, PropertyTags */
};

/* 2.2.5.7.1 GetProps request */
struct mapi_http_get_props_req {
	uint32_t flags; /* NSPI_EPH_ID, NSPI_SKIP_OBJECTS */
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *prop_tags;
};

/* 2.2.5.7.2 GetProps success response */
struct mapi_http_get_props_rsp {
	uint32_t code_page;
	struct mapi_abk_proplist *values; /* HasPropertyValues, PropertyValues */
};

/* 2.2.5.8.1 GetSpecialTable request */
struct mapi_http_get_special_table_req {
	uint32_t flags; /* NSPI_ADDRESS_CREATION_TEMPLATES, NSPI_UNICODE_STRINGS */
	struct mapi_nspi_stat *state;
	uint32_t *version; /* HasVersion, Version */
};

/* 2.2.5.8.2 GetSpecialTable success response */
struct mapi_http_get_special_table_rsp {
	uint32_t code_page;
	uint32_t *version;
	struct mapi_abk_proplists *rows; /* HasRows, RowsCount, Rows */
};

/* 2.2.5.9.1 GetTemplateInfo request */
struct mapi_http_get_template_info_req {
	uint32_t flags;        /* TI_* */
	uint32_t display_type; /* DT_* */
	char *template_dn;     /* HasTemplateDn, TemplateDn: 8-bit */
	uint32_t code_page;
	uint32_t locale_id;
};

/* 2.2.5.9.2 GetTemplateInfo success response */
struct mapi_http_get_template_info_rsp {
	uint32_t code_page;
	struct mapi_abk_proplist *row; /* HasRow, Row */
};

/* 2.2.5.10.1 ModLinkAtt request */
struct mapi_http_mod_link_att_req {
	uint32_t flags;                       /* NSPI_DELETE */
	uint32_t prop_tag;                    /* PropertyTag */
	uint32_t mid;                         /* MinimalId */
	struct mapi_nspi_entryids *entry_ids; /* HasEntryIds, EntryIdCount, EntryIds */
};

/* 2.2.5.11.1 ModProps request */
struct mapi_http_mod_props_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *props_to_remove; /* HasPropertyTags, PropertiesTags */
	struct mapi_abk_proplist *values;       /* HasPropertyValues, PropertyValues */
};

/* 2.2.5.12.1 QueryRows request */
struct mapi_http_query_rows_req {
	uint32_t flags; /* NSPI_EPH_ID, NSPI_SKIP_OBJECTS */
	struct mapi_nspi_stat *state;
	struct mapi_u32_array explicit_table; /* ExplicitTableCount, ExplicitTable: always present */
	uint32_t row_count;
	struct mapi_u32_array *columns;
};

/* 2.2.5.12.2 QueryRows and 2.2.5.16.2 SeekEntries success responses */
struct mapi_http_rows_rsp {
	struct mapi_nspi_stat *state;
	struct mapi_abk_rowset *rows; /* HasColsAndRows, Columns, RowCount, RowData */
};

/* 2.2.5.13.1 QueryColumns request */
struct mapi_http_query_columns_req {
	uint32_t reserved;
	uint32_t mapi_flags; /* NSPI_UNICODE_PROPTYPES */
};

/* 2.2.5.13.2 QueryColumns success response */
struct mapi_http_query_columns_rsp {
	struct mapi_u32_array *columns;
};

/* 2.2.5.14.1 ResolveNames request */
struct mapi_http_resolve_names_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *prop_tags;
	struct mapi_nspi_strings *names; /* HasNames, NameCount, NameValues: Unicode */
};

/* 2.2.5.14.2 ResolveNames success response */
struct mapi_http_resolve_names_rsp {
	uint32_t code_page;
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rows; /* HasRowsAndCols, PropertyTags, RowCount, RowData */
};

/* 2.2.5.15.1 ResortRestriction request */
struct mapi_http_resort_restriction_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *mids;
};

/* 2.2.5.15.2 ResortRestriction success response */
struct mapi_http_resort_restriction_rsp {
	struct mapi_nspi_stat *state;
	struct mapi_u32_array *mids;
};

/* 2.2.5.16.1 SeekEntries request */
struct mapi_http_seek_entries_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	struct mapi_abk_value *target;         /* HasTarget, Target: AddressBookTaggedPropertyValue */
	struct mapi_u32_array *explicit_table; /* HasExplicitTable, ExplicitTableCount, ExplicitTable */
	struct mapi_u32_array *columns;
};

/* 2.2.5.17.1 UpdateStat request */
struct mapi_http_update_stat_req {
	uint32_t reserved;
	struct mapi_nspi_stat *state;
	uint8_t delta_requested; /* DeltaRequested: non-zero asks for Delta in the response */
};

/* 2.2.5.17.2 UpdateStat success response */
struct mapi_http_update_stat_rsp {
	struct mapi_nspi_stat *state;
	int32_t *delta; /* HasDelta, Delta */
};

/* 2.2.5.18.1 GetMailboxUrl (ServerDn) and 2.2.5.19.1 GetAddressBookUrl (UserDn) requests */
struct mapi_http_get_url_req {
	uint32_t flags; /* not used, 0 */
	char *dn;       /* null-terminated Unicode */
};

/* 2.2.5.18.2 GetMailboxUrl and 2.2.5.19.2 GetAddressBookUrl success responses */
struct mapi_http_get_url_rsp {
	char *server_url; /* null-terminated Unicode */
};

#endif
