/* The NSPI structures as the MAPI/HTTP address book endpoint carries them (MS-OXCMAPIHTTP 2.2.1, 2.2.5), and
 * the MS-OXNSPI 2.2 constants and structures they hold:
 *
 *   MS-OXNSPI 2.2.8 STAT              MS-OXNSPI 2.2.9 MinimalEntryID, EphemeralEntryID, PermanentEntryID
 *   MS-OXNSPI 2.2.7 StringsArray_r, WStringsArray_r (count, then null-terminated strings)
 *   MS-OXCMAPIHTTP 2.2.1.8 LargePropertyTagArray (also the form of every MinimalEntryID list)
 *   MS-OXCMAPIHTTP 2.2.1.1-2.2.1.7 AddressBook*PropertyValue structures and AddressBookPropertyRow
 *
 * Property values inside these structures use the MS-OXCDATA 2.11.2.1 PropertyValue encoding with 32-bit
 * COUNT fields: MS-OXCDATA 2.11.1 says byte counts of PtypBinary and value counts of PtypMultiple* are 32
 * bits wide "in the context of the MAPI extensions for HTTP". Every count in this module is limited to
 * MAPI_NSPI_MAX_COUNT, the [range(0,100000)] of the MS-OXNSPI IDL (6) that MS-OXCMAPIHTTP 2.2.1.8 repeats. */
#ifndef NSPI_TYPES_H
#define NSPI_TYPES_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapi_propval.h"

#define MAPI_NSPI_MAX_COUNT 100000

/* MS-OXNSPI 2.2.1.3 display types */
#define DT_MAILUSER 0x00000000
#define DT_DISTLIST 0x00000001
#define DT_FORUM 0x00000002
#define DT_AGENT 0x00000003
#define DT_ORGANIZATION 0x00000004
#define DT_PRIVATE_DISTLIST 0x00000005
#define DT_REMOTE_MAILUSER 0x00000006
#define DT_CONTAINER 0x00000100
#define DT_TEMPLATE 0x00000101
#define DT_ADDRESS_TEMPLATE 0x00000102
#define DT_SEARCH 0x00000200

/* MS-OXNSPI 2.2.1.4, 2.2.1.5 */
#define NSPI_DEFAULT_LOCALE 0x00000409
#define CP_TELETEX 0x00004F25
#define CP_WINUNICODE 0x000004B0

/* MS-OXNSPI 2.2.1.8 positioning and 2.2.1.9 ANR Minimal Entry IDs */
#define MID_BEGINNING_OF_TABLE 0x00000000
#define MID_CURRENT 0x00000001
#define MID_END_OF_TABLE 0x00000002
#define MID_UNRESOLVED 0x00000000
#define MID_AMBIGUOUS 0x00000001
#define MID_RESOLVED 0x00000002

/* MS-OXNSPI 2.2.1.10 STAT SortType */
#define SORT_TYPE_DISPLAY_NAME 0x00000000
#define SORT_TYPE_PHONETIC_DISPLAY_NAME 0x00000003
#define SORT_TYPE_DISPLAY_NAME_RO 0x000003E8
#define SORT_TYPE_DISPLAY_NAME_W 0x000003E9

/* Flags: Bind (MS-OXCMAPIHTTP 2.2.5.1.1), MS-OXNSPI 2.2.1.11-2.2.1.15 */
#define NSPI_ANONYMOUS_LOGIN 0x00000020            /* fAnonymousLogin */
#define NSPI_SKIP_OBJECTS 0x00000001               /* fSkipObjects */
#define NSPI_EPH_ID 0x00000002                     /* fEphID */
#define NSPI_ADDRESS_CREATION_TEMPLATES 0x00000002 /* NspiAddressCreationTemplates */
#define NSPI_UNICODE_STRINGS 0x00000004            /* NspiUnicodeStrings */
#define NSPI_UNICODE_PROPTYPES 0x80000000          /* NspiUnicodeProptypes */
#define TI_TEMPLATE 0x00000001
#define TI_SCRIPT 0x00000004
#define TI_EMT 0x00000010
#define TI_HELPFILE_NAME 0x00000020
#define TI_HELPFILE_CONTENTS 0x00000040
#define NSPI_DELETE 0x00000001 /* fDelete (ModLinkAtt) */

/* MS-OXNSPI 2.2.1.7 GUID_NSPI, the ProviderUID of every Permanent Entry ID: the bytes
 * DC A7 40 C8 C0 42 10 1A B4 B9 08 00 2B 2F E1 82 */
extern const struct wc_guid mapi_nspi_guid;

/* MS-OXNSPI 2.2.8 STAT: 36 bytes, nine 32-bit little-endian fields. */
struct mapi_nspi_stat {
	uint32_t sort_type;
	uint32_t container_id; /* MinimalEntryID */
	uint32_t current_rec;  /* MinimalEntryID */
	int32_t delta;
	uint32_t num_pos;
	uint32_t total_recs;
	uint32_t code_page;
	uint32_t template_locale;
	uint32_t sort_locale;
};
#define MAPI_NSPI_STAT_SIZE 36
int mapi_nspi_stat_pull(struct wc_reader *r, struct mapi_nspi_stat *s);
int mapi_nspi_stat_push(struct wc_writer *w, const struct mapi_nspi_stat *s);

/* A 32-bit count and that many 32-bit values: LargePropertyTagArray (MS-OXCMAPIHTTP 2.2.1.8) and the
 * MinimalIdCount/MinimalIds, ExplicitTableCount/ExplicitTable pairs of MinimalEntryIDs (MS-OXNSPI 2.2.9.1).
 */
struct mapi_u32_array {
	uint32_t count;
	uint32_t *values;
};
int mapi_u32_array_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_u32_array *a);
int mapi_u32_array_push(struct wc_writer *w, const struct mapi_u32_array *a);

/* StringsArray_r / WStringsArray_r (MS-OXNSPI 2.2.7) as MAPI/HTTP carries them: NameCount, then that many
 * null-terminated strings, 8-bit (DnToMinId 2.2.5.4.1) or UTF-16LE (ResolveNames 2.2.5.14.1). In memory the
 * 8-bit strings are the raw bytes, the UTF-16 strings UTF-8. */
struct mapi_nspi_strings {
	uint32_t count;
	char **strings;
};
int mapi_nspi_strings_pull(struct wc_reader *r, TALLOC_CTX *mem, bool unicode, struct mapi_nspi_strings *s);
int mapi_nspi_strings_push(struct wc_writer *w, bool unicode, const struct mapi_nspi_strings *s);

/* PropertyNameGuid and PropertyNameId of GetMatches (MS-OXCMAPIHTTP 2.2.5.5.1, PropertyName_r of MS-OXNSPI
 * 2.2.6.1 without its reserved field). */
struct mapi_nspi_propname {
	struct wc_guid guid;
	uint32_t id;
};

/* MS-OXNSPI 2.2.9.2 EphemeralEntryID (ID Type 0x87, 32 bytes) and 2.2.9.3 PermanentEntryID (ID Type 0x00,
 * 28 bytes and a null-terminated DN). R1-R3 are written as 0 and R4 as 1; they are not checked on input, and
 * neither is the display type (the server ignores it on input, 2.2.9.2). */
#define NSPI_EPHEMERAL_ENTRYID 0x87
#define NSPI_PERMANENT_ENTRYID 0x00
struct mapi_nspi_entryid {
	uint8_t id_type;
	struct wc_guid provider_uid; /* the issuing server (ephemeral) or mapi_nspi_guid (permanent) */
	uint32_t display_type;       /* DT_* */
	uint32_t mid;                /* ephemeral: the Minimal Entry ID */
	char *dn;                    /* permanent: the DN, 8-bit */
};
int mapi_nspi_entryid_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_nspi_entryid *e);
int mapi_nspi_entryid_push(struct wc_writer *w, const struct mapi_nspi_entryid *e);

/* EntryIdCount and EntryIds of ModLinkAtt (MS-OXCMAPIHTTP 2.2.5.10.1): each entry ID is one of the two forms
 * above, told apart by its first byte. */
struct mapi_nspi_entryids {
	uint32_t count;
	struct mapi_nspi_entryid *ids;
};
int mapi_nspi_entryids_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_nspi_entryids *e);
int mapi_nspi_entryids_push(struct wc_writer *w, const struct mapi_nspi_entryids *e);

/* One value of the AddressBook* structures (MS-OXCMAPIHTTP 2.2.1.1-2.2.1.6).
 *
 * AddressBookPropertyValue (2.2.1.1) starts with a HasValue byte (0xFF TRUE, 0x00 FALSE) when the type is
 * PtypString8, PtypString, PtypBinary or any PtypMultiple* type; with FALSE no value follows (has_value
 * false). Other types have no HasValue byte and always carry a value (has_value true).
 *
 * flag is the Flag of an AddressBookFlaggedPropertyValue(WithType) (2.2.1.5, 2.2.1.6) in a flagged row:
 * MAPI_VALUE_PRESENT (0x0), MAPI_VALUE_NOT_PRESENT (0x1: nothing follows) or MAPI_VALUE_ERROR (0xA: a
 * PtypErrorCode follows, in pv.value.err). It is 0 everywhere else.
 *
 * pv.tag is the property tag: from the wire for tagged values, the row's column for row values; for a column
 * of type PtypUnspecified the type part comes from the wire (AddressBookTypedPropertyValue 2.2.1.4,
 * AddressBookFlaggedPropertyValueWithType 2.2.1.6). */
struct mapi_abk_value {
	uint8_t flag;
	bool has_value;
	struct mapi_propval pv;
};

/* True when an AddressBookPropertyValue of this type starts with HasValue (2.2.1.1). */
bool mapi_abk_has_value_byte(uint16_t type);

/* AddressBookPropertyValue (2.2.1.1) of the given type; sets v->has_value and v->pv.value (not v->pv.tag). */
int mapi_abk_propvalue_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t type, struct mapi_abk_value *v);
int mapi_abk_propvalue_push(struct wc_writer *w, uint16_t type, const struct mapi_abk_value *v);
/* AddressBookTaggedPropertyValue (2.2.1.2): PropertyType, PropertyId, AddressBookPropertyValue. */
int mapi_abk_tagged_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_value *v);
int mapi_abk_tagged_push(struct wc_writer *w, const struct mapi_abk_value *v);

/* AddressBookPropertyValueList (2.2.1.3): PropertyValueCount, then AddressBookTaggedPropertyValues. */
struct mapi_abk_proplist {
	uint32_t count;
	struct mapi_abk_value *values;
};
int mapi_abk_proplist_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_proplist *l);
int mapi_abk_proplist_push(struct wc_writer *w, const struct mapi_abk_proplist *l);

/* A count and that many AddressBookPropertyValueLists: RowsCount and Rows of GetSpecialTable (2.2.5.8.2). */
struct mapi_abk_proplists {
	uint32_t count;
	struct mapi_abk_proplist *lists;
};
int mapi_abk_proplists_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_proplists *l);
int mapi_abk_proplists_push(struct wc_writer *w, const struct mapi_abk_proplists *l);

/* AddressBookPropertyRow (2.2.1.7) against its columns: Flags (MAPI_ROW_STANDARD 0x0 or MAPI_ROW_FLAGGED
 * 0x1), then one value per column: AddressBookPropertyValue / AddressBookTypedPropertyValue in a standard
 * row, AddressBookFlaggedPropertyValue / ...WithType in a flagged row. values has columns->count entries. */
struct mapi_abk_row {
	uint8_t flags;
	struct mapi_abk_value *values;
};
int mapi_abk_row_pull(struct wc_reader *r, TALLOC_CTX *mem, const struct mapi_u32_array *columns,
                      struct mapi_abk_row *row);
int mapi_abk_row_push(struct wc_writer *w, const struct mapi_u32_array *columns,
                      const struct mapi_abk_row *row);

/* Columns (LargePropertyTagArray), RowCount and RowData (AddressBookPropertyRows): the HasColsAndRows part
 * of the GetMatches, QueryRows, ResolveNames and SeekEntries responses. */
struct mapi_abk_rowset {
	struct mapi_u32_array columns;
	uint32_t count;
	struct mapi_abk_row *rows;
};
int mapi_abk_rowset_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_abk_rowset *rs);
int mapi_abk_rowset_push(struct wc_writer *w, const struct mapi_abk_rowset *rs);

#endif
