/* MAPI property names: tagged properties (MS-OXPROPS, MS-OXCFXICS meta-properties), named properties and
 * their property sets (MS-OXPROPS 1.3.2, MS-OXCDATA 2.6.1 PropertyName), data type names (MS-OXCDATA 2.11.1).
 *
 * The facts come from tools/gen/data/{proptags,property_sets,datatypes}.tsv (copies of specs/, see
 * specs/README.md for how they were merged and checked); tools/gen/gen_proptags.py turns them into
 * mapi_proptags_gen.h (macros: PidTagSubject, PtypString, the PSETID_* GUIDs) and mapi_proptags_gen.c
 * (tables). Everything here is constant data: no allocation, safe from any thread, any string may be passed
 * in. */
#ifndef MAPI_PROPTAGS_H
#define MAPI_PROPTAGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/wc_buf.h"
#include "common/wc_table.h"
#include "mapi/mapi_propval.h" /* MNID_ID, MNID_STRING */
#include "mapi/mapi_types.h"
#include "mapi/mapi_proptags_gen.h"

/* A tagged property. Several rows can share a tag (MS-OXPROPS gives some tags more than one name, e.g.
 * 0x68470003; MetaTag* and older PidTag* names of the ICS meta-properties): they are adjacent in
 * mapi_proptags, the primary one (PidTag* before MetaTag* before PR_*, then alphabetical) first. */
struct mapi_proptag_info {
	uint32_t tag;          /* property ID << 16 | data type; first member: the table's sort key */
	const char *name;      /* canonical: PidTag*, MetaTag*, or a PR_* name where none exists */
	const char *type_name; /* "PtypString"; 0x000D is PtypObject or PtypEmbeddedTable per MS-OXPROPS */
	const char *const *alt_names; /* NULL-terminated (PR_*, ptag*, WebDAV names ...); never NULL itself */
};

/* A property set: MS-OXPROPS 1.3.2 GUID and its symbolic name. */
struct mapi_propset_info {
	const char *name; /* "PSETID_Appointment", "PS_PUBLIC_STRINGS" ... */
	const struct wc_guid *guid;
};

/* A named property (MS-OXCDATA 2.6.1 PropertyName: set GUID + LID or string name). */
struct mapi_named_prop_info {
	const char *name; /* PidLid* or PidName* */
	const struct mapi_propset_info *set;
	uint8_t kind;            /* MNID_ID or MNID_STRING */
	uint16_t type;           /* data type code */
	uint32_t lid;            /* MNID_ID only */
	const char *string_name; /* MNID_STRING only, else NULL */
	const char *type_name;
	const char *const *alt_names; /* NULL-terminated, never NULL itself */
};

/* An MS-OXCDATA 2.11.1 data type. */
struct mapi_type_info {
	uint16_t code;
	const char *name;            /* "PtypString" */
	const char *const *pt_names; /* NULL-terminated MAPI names: "PT_UNICODE" ... */
};

/* Tagged properties. by_tag: the primary row for exactly this tag, or NULL. by_id: the primary row of the
 * lowest tag with this property ID (any type), or NULL. by_name: canonical names, the Name_Ptyp* macro names
 * of the two-type properties and alternate names; exact match first, then case-insensitive if unambiguous; a
 * name given to two tags (PidTagTelexNumber) gives the lower tag. */
const struct mapi_proptag_info *mapi_proptag_by_tag(uint32_t tag);
const struct mapi_proptag_info *mapi_proptag_by_id(uint16_t id);
const struct mapi_proptag_info *mapi_proptag_by_name(const char *name);
/* Canonical name of exactly this tag, or NULL. */
const char *mapi_proptag_name(uint32_t tag);

/* A readable form of any tag, for traces (mapidump):
 *   known tag:              "PidTagSubject (0x0037001F)"
 *   known ID, other type:   "PidTagSubject (0x0037001E, PtypString8)", for IDs below 0x8000 only (requests
 *                           ask for PtypString8 or PtypUnspecified, responses carry PtypErrorCode)
 *   unknown:                "0x8001001F (PtypString)" (IDs from 0x8000 are named-property mappings)
 *   unknown, unknown type:  "0x8001ABCD"
 * Writes at most size bytes (always terminated when size > 0) and returns buf. */
#define MAPI_PROPTAG_STR_SIZE 128
const char *mapi_proptag_str(uint32_t tag, char *buf, size_t size);

/* Named properties. by_lid / by_string: the row for this property set GUID and LID / string name (string
 * names compare exactly), or NULL. by_name: canonical or alternate name, as mapi_proptag_by_name. */
const struct mapi_named_prop_info *mapi_named_prop_by_name(const char *name);
const struct mapi_named_prop_info *mapi_named_prop_by_lid(const struct wc_guid *set, uint32_t lid);
const struct mapi_named_prop_info *mapi_named_prop_by_string(const struct wc_guid *set, const char *name);

/* Property sets: by name (exact, then case-insensitive) or by GUID; NULL when unknown. */
const struct mapi_propset_info *mapi_propset_by_name(const char *name);
const struct mapi_propset_info *mapi_propset_by_guid(const struct wc_guid *guid);
const char *mapi_propset_name(const struct wc_guid *guid);

/* Data types. mapi_type_name: the MS-OXCDATA name of a code ("PtypString"; 0x000D gives "PtypObject"), NULL
 * when unknown. mapi_type_from_name: accepts Ptyp* and PT_* names (exact, then case-insensitive). */
const char *mapi_type_name(uint16_t type);
bool mapi_type_from_name(const char *name, uint16_t *type);

/* The generated tables (mapi_proptags_gen.c), for iterating; prefer the functions above for lookups. */
extern const struct mapi_proptag_info mapi_proptags[];
extern const size_t mapi_proptags_count;
extern const struct wc_name_entry mapi_proptag_names[];
extern const size_t mapi_proptag_names_count;
extern const struct mapi_named_prop_info mapi_named_props[];
extern const size_t mapi_named_props_count;
extern const struct wc_name_entry mapi_named_prop_names[];
extern const size_t mapi_named_prop_names_count;
extern const struct mapi_propset_info mapi_propsets[];
extern const size_t mapi_propsets_count;
extern const struct mapi_type_info mapi_types[];
extern const size_t mapi_types_count;

#endif
