/* MS-OXCDATA property values and the structures built from them:
 *   2.11.1  property values of every type (PtypInteger16 ... PtypMultipleBinary, PtypServerId, PtypObject,
 *           PtypRestriction, PtypRuleAction)
 *   2.11.3  TypedPropertyValue      2.11.4 TaggedPropertyValue
 *   2.11.5  FlaggedPropertyValue    2.11.6 FlaggedPropertyValueWithType (both inside flagged PropertyRows)
 *   2.8.1   PropertyRow (StandardPropertyRow, FlaggedPropertyRow)      2.8.2 PropertyRowSet
 *   2.7     PropertyProblem         2.6.1 PropertyName         2.10.1 PropertyTagArray
 *   2.11.1.4 PtypServerId structure (also the ServerEid of MS-OXORULE 2.2.5.1.2.1.1)
 *
 * In memory every string is UTF-8 (PtypString) or the raw 8-bit bytes (PtypString8), NUL-terminated; values
 * hang off the talloc context the caller passes to *_pull.
 *
 * Decoders return 0, or: WC_EFORMAT when the bytes cannot be parsed (truncated, a count larger than the
 * input, invalid UTF-16, a string without terminator); WC_EUNSUPPORTED for a property type code that is not a
 * value type of 2.11.1; WC_ERANGE for a well-formed field whose value the spec forbids (a PtypBoolean byte
 * other than 0 or 1, a multi-valued count above MAPI_MAX_MV_COUNT, ...); WC_EDEPTH for nesting deeper than
 * MAPI_MAX_RESTRICTION_DEPTH. On failure the output is untouched and nothing allocated stays behind; the
 * reader position is then unspecified. Encoders return 0 or the writer's sticky error (WC_ERANGE when a
 * length does not fit its count field, WC_EINVAL for invalid UTF-8 or an invalid type). */
#ifndef MAPI_PROPVAL_H
#define MAPI_PROPVAL_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapi_types.h"

struct mapi_restriction;  /* mapi_restriction.h */
struct mapi_rule_actions; /* mapi_ruleaction.h (MS-OXORULE 2.2.5) */

/* Wire context. MS-OXCDATA 2.11.1.1: in ROP buffers the byte count of a PtypBinary value is 16 bits and the
 * value count of every PtypMultiple* value is 32 bits; in extended rules (MS-OXORULE 2.2.4) and MAPI/HTTP
 * (MS-OXCMAPIHTTP 2.2.5) byte counts are 32 bits too. Multi-valued counts are therefore always 32 bits.
 * MAPI_PV_COUNT32 selects: 32-bit byte count for PtypBinary / PtypServerId / PtypObject values, 32-bit
 * RestrictCount (MS-OXCDATA 2.12.1), and the extended rule form of RuleAction (MS-OXORULE 2.2.4, 2.2.5). */
#define MAPI_PV_COUNT32 0x01
#define MAPI_PV_EXTENDED_RULE MAPI_PV_COUNT32 /* the same bit, named for the MS-OXORULE context */
/* Bits 8..15 of flags carry the nesting depth from one codec to the next (a restriction inside a value inside
 * a restriction ...). Callers pass 0 there. */
#define MAPI_PV_DEPTH_SHIFT 8
#define MAPI_PV_DEPTH_MASK 0xFF00u
/* A PtypString8 value is kept as raw bytes; nothing in this codec converts code pages. */

/* Limits that keep a hostile count from exhausting memory (a decoder never allocates more than the input can
 * hold, and these cap nesting and element counts). */
#define MAPI_MAX_MV_COUNT 100000
#define MAPI_MAX_RESTRICTION_DEPTH 64

struct mapi_binary {
	uint32_t len;
	uint8_t *data;
};

/* Multi-valued value: count elements of the array matching the base type. */
struct mapi_mv {
	uint32_t count;
	union {
		int16_t *i16;            /* PT_MV_SHORT */
		int32_t *i32;            /* PT_MV_LONG */
		float *f32;              /* PT_MV_FLOAT */
		double *f64;             /* PT_MV_DOUBLE, PT_MV_APPTIME */
		int64_t *i64;            /* PT_MV_I8, PT_MV_CURRENCY */
		uint64_t *time;          /* PT_MV_SYSTIME (FILETIME) */
		char **str;              /* PT_MV_UNICODE (UTF-8), PT_MV_STRING8 (raw) */
		struct wc_guid *guid;    /* PT_MV_CLSID */
		struct mapi_binary *bin; /* PT_MV_BINARY */
		void *data;              /* any of the above, untyped */
	};
};

/* A value whose type is known from context (the tag, or the column). PT_NULL has no value. */
union mapi_value {
	int16_t i16;                       /* PT_SHORT */
	int32_t i32;                       /* PT_LONG */
	uint32_t err;                      /* PT_ERROR */
	float f32;                         /* PT_FLOAT */
	double f64;                        /* PT_DOUBLE, PT_APPTIME */
	int64_t i64;                       /* PT_I8, PT_CURRENCY */
	uint64_t time;                     /* PT_SYSTIME (FILETIME) */
	bool b;                            /* PT_BOOLEAN */
	char *str;                         /* PT_UNICODE (UTF-8), PT_STRING8 (raw) */
	struct wc_guid *guid;              /* PT_CLSID */
	struct mapi_binary bin;            /* PT_BINARY, PT_SVREID, PT_OBJECT (opaque bytes) */
	struct mapi_restriction *res;      /* PT_SRESTRICT */
	struct mapi_rule_actions *actions; /* PT_ACTIONS */
	struct mapi_mv mv;                 /* any PT_MV_* */
};

/* TaggedPropertyValue (2.11.4) in memory; also used for typed values (tag's id part then unused). */
struct mapi_propval {
	uint32_t tag;
	union mapi_value value;
};

/* PropertyName (2.6.1) */
#define MNID_ID 0x00
#define MNID_STRING 0x01
#define MNID_NONE 0xFF /* RopGetNamesFromPropertyIds: no name for this id (Kind and GUID only) */
struct mapi_propname {
	uint8_t kind;
	struct wc_guid guid;
	uint32_t lid; /* MNID_ID */
	char *name;   /* MNID_STRING, UTF-8; at most 126 UTF-16 units so that NameSize fits its byte */
};

/* PropertyProblem (2.7) */
struct mapi_propproblem {
	uint16_t index;
	uint32_t tag;
	uint32_t error;
};

/* PropertyRow (2.8.1). flag: 0x00 StandardPropertyRow, 0x01 FlaggedPropertyRow. In a flagged row each value
 * has its own flag: 0x00 value present, 0x01 not present (no value follows), 0x0A error (pv.value.err holds
 * the PtypErrorCode). pv.tag is the column's tag with the type of the value:
 *  - a column of type PT_UNSPECIFIED carries a TypedPropertyValue (standard row) or
 * FlaggedPropertyValueWithType (flagged row); pv.tag then holds the column's id with the type read from the
 * wire;
 *  - a multi-valued column with MVI_FLAG (MS-OXCDATA 2.11.1.3, MS-OXCTABL 2.2.2.2.1: one row per value)
 * carries one value of the base type; pv.tag then holds the column's id with the single-valued type. For flag
 * 0x01 the value is zero; for 0x0A only value.err is meaningful. */
#define MAPI_ROW_STANDARD 0x00
#define MAPI_ROW_FLAGGED 0x01
#define MAPI_VALUE_PRESENT 0x00
#define MAPI_VALUE_NOT_PRESENT 0x01
#define MAPI_VALUE_ERROR 0x0A
struct mapi_row_value {
	uint8_t flag;
	struct mapi_propval pv;
};
struct mapi_property_row {
	uint8_t flag;
	uint32_t count;
	struct mapi_row_value *values;
};
/* PropertyRowSet (2.8.2.1): RowCount (2 bytes) then the rows, all against the same columns. */
struct mapi_property_row_set {
	uint16_t count;
	struct mapi_property_row *rows;
};

/* PtypServerId (2.11.1.4) when Ours is 0x01: 21 bytes. With Ours 0x00 the rest is client-defined. */
struct mapi_server_id {
	uint8_t ours;
	uint64_t folder_id;  /* Folder ID (2.2.1.1), the 8 wire bytes read little-endian like every 64-bit
	                        field */
	uint64_t message_id; /* Message ID (2.2.1.2); zero when the object is a folder */
	uint32_t instance;
};

/* The value alone, of the given type (2.11.1). */
int mapi_value_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t type, unsigned flags, union mapi_value *v);
int mapi_value_push(struct wc_writer *w, uint16_t type, unsigned flags, const union mapi_value *v);

/* TaggedPropertyValue (2.11.4): PropertyTag then the value. */
int mapi_tagged_propval_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_propval *pv);
int mapi_tagged_propval_push(struct wc_writer *w, unsigned flags, const struct mapi_propval *pv);
/* count TaggedPropertyValues in a row (the count itself is the caller's: its width differs by structure). */
int mapi_tagged_propval_array_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, uint32_t count,
                                   struct mapi_propval **pvs);
int mapi_tagged_propval_array_push(struct wc_writer *w, unsigned flags, uint32_t count,
                                   const struct mapi_propval *pvs);

/* TypedPropertyValue (2.11.3): PropertyType then the value; pv->tag gets id 0 and the type. */
int mapi_typed_propval_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_propval *pv);
int mapi_typed_propval_push(struct wc_writer *w, unsigned flags, const struct mapi_propval *pv);

/* PropertyRow (2.8.1) against the columns that define it. */
int mapi_property_row_pull(struct wc_reader *r, TALLOC_CTX *mem, const uint32_t *columns, uint32_t ncolumns,
                           unsigned flags, struct mapi_property_row *row);
int mapi_property_row_push(struct wc_writer *w, const uint32_t *columns, uint32_t ncolumns, unsigned flags,
                           const struct mapi_property_row *row);
/* PropertyRowSet (2.8.2.1) */
int mapi_property_row_set_pull(struct wc_reader *r, TALLOC_CTX *mem, const uint32_t *columns,
                               uint32_t ncolumns, unsigned flags, struct mapi_property_row_set *set);
int mapi_property_row_set_push(struct wc_writer *w, const uint32_t *columns, uint32_t ncolumns,
                               unsigned flags, const struct mapi_property_row_set *set);

int mapi_propname_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_propname *pn);
int mapi_propname_push(struct wc_writer *w, const struct mapi_propname *pn);
int mapi_propproblem_pull(struct wc_reader *r, struct mapi_propproblem *pp);
int mapi_propproblem_push(struct wc_writer *w, const struct mapi_propproblem *pp);

/* PropertyTagArray as ROPs carry it: 16-bit count then 32-bit tags. */
int mapi_proptag_array_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t *count, uint32_t **tags);
int mapi_proptag_array_push(struct wc_writer *w, uint16_t count, const uint32_t *tags);

/* PtypServerId bytes (a value's bin) to and from the structure of 2.11.1.4. Pull fails with WC_EFORMAT unless
 * Ours is 0x01 and the length is 21. */
int mapi_server_id_pull(const struct mapi_binary *bin, struct mapi_server_id *sid);
int mapi_server_id_push(TALLOC_CTX *mem, const struct mapi_server_id *sid, struct mapi_binary *bin);

/* Deep copy and equality (used by tests, the store and restriction evaluation). Equality is of
 * representation: same tag and the same value, floating-point values compared bit for bit (so a NaN equals
 * itself and 0.0 differs from -0.0), strings byte for byte; it is not a collation. Copy returns WC_ENOMEM or
 * WC_EINVAL (invalid type). */
int mapi_propval_copy(TALLOC_CTX *mem, const struct mapi_propval *src, struct mapi_propval *dst);
bool mapi_propval_equal(const struct mapi_propval *a, const struct mapi_propval *b);
int mapi_value_copy(TALLOC_CTX *mem, uint16_t type, const union mapi_value *src, union mapi_value *dst);
bool mapi_value_equal(uint16_t type, const union mapi_value *a, const union mapi_value *b);

/* Fixed wire size of a type's value, or 0 when variable (strings, binary, multi-valued ...) or empty
 * (PT_NULL). */
uint32_t mapi_type_fixed_size(uint16_t type);
/* True for the type codes of MS-OXCDATA 2.11.1 that can carry a value (single- and multi-valued); false for
 * PT_UNSPECIFIED, which only ever names "any type" in a request, and for MVI_FLAG or unknown codes. */
bool mapi_type_valid(uint16_t type);

#endif
