/* MS-OXCDATA property values and the structures built from them:
 *   2.11.1  property values of every type (PtypInteger16 ... PtypMultipleBinary, PtypServerId, PtypObject,
 *           PtypRestriction, PtypRuleAction)
 *   2.11.2  TypedPropertyValue      2.11.3 TaggedPropertyValue     2.11.4/2.11.5 Flagged/ TypedFlagged values
 *   2.8     PropertyRow (StandardPropertyRow, FlaggedPropertyRow), PropertyRowSet
 *   2.7     PropertyProblem         2.6.1 PropertyName              2.9 PropertyTag arrays
 *
 * In memory every string is UTF-8 (PtypString) or the raw 8-bit bytes (PtypString8), NUL-terminated; values hang
 * off the talloc context the caller passes to *_pull. */
#ifndef MAPI_PROPVAL_H
#define MAPI_PROPVAL_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapi_types.h"

struct mapi_restriction;  /* mapi_restriction.h */
struct mapi_rule_actions; /* mapi_ruleaction.h (MS-OXORULE 2.2.5) */

/* Wire context. MS-OXCDATA 2.11.1.1: COUNT fields are 16 bits in ROP buffers and 32 bits elsewhere (e.g.
 * FastTransfer streams, MS-OXCFXICS 2.2.4.1; and the extended rule forms of MS-OXORULE 2.2.4/2.2.5). */
#define MAPI_PV_COUNT32 0x01 /* 32-bit COUNT for PtypBinary / PtypServerId / restriction & action counts */
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
		int16_t *i16;           /* PT_MV_SHORT */
		int32_t *i32;           /* PT_MV_LONG */
		float *f32;             /* PT_MV_FLOAT */
		double *f64;            /* PT_MV_DOUBLE, PT_MV_APPTIME */
		int64_t *i64;           /* PT_MV_I8, PT_MV_CURRENCY */
		uint64_t *time;         /* PT_MV_SYSTIME (FILETIME) */
		char **str;             /* PT_MV_UNICODE (UTF-8), PT_MV_STRING8 (raw) */
		struct wc_guid *guid;   /* PT_MV_CLSID */
		struct mapi_binary *bin; /* PT_MV_BINARY */
	};
};

/* A value whose type is known from context (the tag, or the column). */
union mapi_value {
	int16_t i16;                        /* PT_SHORT */
	int32_t i32;                        /* PT_LONG */
	uint32_t err;                       /* PT_ERROR */
	float f32;                          /* PT_FLOAT */
	double f64;                         /* PT_DOUBLE, PT_APPTIME */
	int64_t i64;                        /* PT_I8, PT_CURRENCY */
	uint64_t time;                      /* PT_SYSTIME (FILETIME) */
	bool b;                             /* PT_BOOLEAN */
	char *str;                          /* PT_UNICODE (UTF-8), PT_STRING8 (raw) */
	struct wc_guid *guid;               /* PT_CLSID */
	struct mapi_binary bin;             /* PT_BINARY, PT_SVREID, PT_OBJECT (opaque bytes) */
	struct mapi_restriction *res;       /* PT_SRESTRICT */
	struct mapi_rule_actions *actions;  /* PT_ACTIONS */
	struct mapi_mv mv;                  /* any PT_MV_* */
};

/* TaggedPropertyValue (2.11.4) in memory; also used for typed values (tag's id part then unused). */
struct mapi_propval {
	uint32_t tag;
	union mapi_value value;
};

/* PropertyName (2.6.1) */
#define MNID_ID 0x00
#define MNID_STRING 0x01
#define MNID_NONE 0xFF /* RopGetNamesFromPropertyIds: no name for this id */
struct mapi_propname {
	uint8_t kind;
	struct wc_guid guid;
	uint32_t lid;   /* MNID_ID */
	char *name;     /* MNID_STRING, UTF-8 */
};

/* PropertyProblem (2.7) */
struct mapi_propproblem {
	uint16_t index;
	uint32_t tag;
	uint32_t error;
};

/* PropertyRow (2.8.1). flag: 0x00 StandardPropertyRow, 0x01 FlaggedPropertyRow. In a flagged row each value
 * has its own flag: 0x00 value present, 0x01 not present (no value follows), 0x0A error (PtypErrorCode value).
 * A column of type PT_UNSPECIFIED carries a TypedPropertyValue; value.tag then holds the column's id with the
 * type read from the wire. */
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

/* The value alone, of the given type (2.11.1). */
int mapi_value_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t type, unsigned flags, union mapi_value *v);
int mapi_value_push(struct wc_writer *w, uint16_t type, unsigned flags, const union mapi_value *v);

/* TaggedPropertyValue (2.11.4): PropertyTag then the value. */
int mapi_tagged_propval_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_propval *pv);
int mapi_tagged_propval_push(struct wc_writer *w, unsigned flags, const struct mapi_propval *pv);

/* TypedPropertyValue (2.11.3): PropertyType then the value; pv->tag gets id 0 and the type. */
int mapi_typed_propval_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_propval *pv);
int mapi_typed_propval_push(struct wc_writer *w, unsigned flags, const struct mapi_propval *pv);

/* PropertyRow (2.8.1) against the columns that define it. */
int mapi_property_row_pull(struct wc_reader *r, TALLOC_CTX *mem, const uint32_t *columns, uint32_t ncolumns,
			   unsigned flags, struct mapi_property_row *row);
int mapi_property_row_push(struct wc_writer *w, const uint32_t *columns, uint32_t ncolumns, unsigned flags,
			   const struct mapi_property_row *row);

int mapi_propname_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_propname *pn);
int mapi_propname_push(struct wc_writer *w, const struct mapi_propname *pn);
int mapi_propproblem_pull(struct wc_reader *r, struct mapi_propproblem *pp);
int mapi_propproblem_push(struct wc_writer *w, const struct mapi_propproblem *pp);

/* PropertyTagArray as ROPs carry it: 16-bit count then 32-bit tags. */
int mapi_proptag_array_pull(struct wc_reader *r, TALLOC_CTX *mem, uint16_t *count, uint32_t **tags);
int mapi_proptag_array_push(struct wc_writer *w, uint16_t count, const uint32_t *tags);

/* Deep copy and equality (used by tests, the store and restriction evaluation). */
int mapi_propval_copy(TALLOC_CTX *mem, const struct mapi_propval *src, struct mapi_propval *dst);
bool mapi_propval_equal(const struct mapi_propval *a, const struct mapi_propval *b);

/* Fixed wire size of a type's value, or 0 when variable (strings, binary, multi-valued ...). */
uint32_t mapi_type_fixed_size(uint16_t type);
/* True for the type codes of MS-OXCDATA 2.11.1 (single- and multi-valued). */
bool mapi_type_valid(uint16_t type);

#endif
