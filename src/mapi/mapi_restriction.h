/* MS-OXCDATA 2.12 restrictions and 2.13 sort orders. Errors as in mapi_propval.h. */
#ifndef MAPI_RESTRICTION_H
#define MAPI_RESTRICTION_H

#include "mapi/mapi_propval.h"

/* MS-OXCDATA 2.12 RestrictType values */
enum mapi_res_type {
	RES_AND = 0x00,
	RES_OR = 0x01,
	RES_NOT = 0x02,
	RES_CONTENT = 0x03,
	RES_PROPERTY = 0x04,
	RES_COMPAREPROPS = 0x05,
	RES_BITMASK = 0x06,
	RES_SIZE = 0x07,
	RES_EXIST = 0x08,
	RES_SUBRESTRICTION = 0x09,
	RES_COMMENT = 0x0A,
	RES_COUNT = 0x0B,
};

/* RelOp (2.12.5.1; the same values in 2.12.6.1 and 2.12.8.1). RELOP_RE is MAPI's regular-expression operator;
 * it is not among the wire values of MS-OXCDATA, so the decoder rejects it (WC_ERANGE) like any other value.
 */
enum mapi_relop {
	RELOP_LT = 0,
	RELOP_LE = 1,
	RELOP_GT = 2,
	RELOP_GE = 3,
	RELOP_EQ = 4,
	RELOP_NE = 5,
	RELOP_RE = 6,
	RELOP_MEMBER_OF_DL = 0x64
};

/* FuzzyLevelLow / FuzzyLevelHigh (2.12.4.1), kept as one 32-bit value: low | high << 16 */
#define FL_FULLSTRING 0x0000
#define FL_SUBSTRING 0x0001
#define FL_PREFIX 0x0002
#define FL_IGNORECASE 0x00010000
#define FL_IGNORENONSPACE 0x00020000
#define FL_LOOSE 0x00040000

/* BitmapRelOp (2.12.7.1) */
#define BMR_EQZ 0x00
#define BMR_NEZ 0x01

/* Field layouts, RestrictType (1 byte) first in all of them:
 * - And, Or (2.12.1, 2.12.2): RestrictCount (2 bytes in ROPs, 4 with MAPI_PV_COUNT32), Restricts
 * - Not (2.12.3): Restriction
 * - Content (2.12.4): FuzzyLevelLow, FuzzyLevelHigh, PropertyTag, TaggedValue
 * - Property (2.12.5): RelOp, PropTag, TaggedValue
 * - CompareProperties (2.12.6): RelOp, PropTag1, PropTag2
 * - BitMask (2.12.7): BitmapRelOp, PropTag, Mask
 * - Size (2.12.8): RelOp, PropTag, Size (4 bytes)
 * - Exist (2.12.9): PropTag
 * - SubObject (2.12.10): Subobject (4 bytes), Restriction
 * - Comment (2.12.11): TaggedValuesCount (1 byte), TaggedValues, RestrictionPresent, Restriction
 * - Count (2.12.12): Count (4 bytes), SubRestriction */
struct mapi_restriction {
	uint8_t type; /* enum mapi_res_type */
	union {
		struct {
			uint32_t count;
			struct mapi_restriction *res;
		} and_or; /* RES_AND, RES_OR: array of count */
		struct {
			struct mapi_restriction *res;
		} not_; /* RES_NOT */
		struct {
			uint32_t fuzzy_level;
			uint32_t proptag;
			struct mapi_propval pv;
		} content;
		struct {
			uint8_t relop;
			uint32_t proptag;
			struct mapi_propval pv;
		} property;
		struct {
			uint8_t relop;
			uint32_t proptag1;
			uint32_t proptag2;
		} compare;
		struct {
			uint8_t bmr;
			uint32_t proptag;
			uint32_t mask;
		} bitmask;
		struct {
			uint8_t relop;
			uint32_t proptag;
			uint32_t size;
		} size;
		struct {
			uint32_t proptag;
		} exist;
		struct {
			uint32_t subobject;
			struct mapi_restriction *res;
		} sub; /* RES_SUBRESTRICTION */
		struct {
			uint8_t count;
			struct mapi_propval *pvs;
			struct mapi_restriction *res; /* NULL if absent */
		} comment;
		struct {
			uint32_t count;
			struct mapi_restriction *res;
		} count; /* RES_COUNT */
	};
};

/* Restriction (2.12). flags: MAPI_PV_COUNT32 selects the 32-bit RestrictCount of extended rules (and of the
 * values inside, MS-OXCDATA 2.11.1.1). Nesting deeper than MAPI_MAX_RESTRICTION_DEPTH levels (counting
 * restrictions inside PtypRestriction values too) is WC_EDEPTH. The decoder checks the closed value sets of
 * the spec (RelOp, BitmapRelOp, FuzzyLevelLow/High, RestrictionPresent, no multi-valued comment values);
 * comparing a TaggedValue's type with the PropTag is left to whoever evaluates the restriction. */
int mapi_restriction_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags,
                          struct mapi_restriction **out);
int mapi_restriction_push(struct wc_writer *w, unsigned flags, const struct mapi_restriction *res);
/* Deep copy (WC_ENOMEM) and structural equality (values compared as mapi_value_equal does). */
int mapi_restriction_copy(TALLOC_CTX *mem, const struct mapi_restriction *src, struct mapi_restriction **dst);
bool mapi_restriction_equal(const struct mapi_restriction *a, const struct mapi_restriction *b);

/* SortOrder (2.13.1) and SortOrderSet (2.13.2) */
#define TABLE_SORT_ASCEND 0x00
#define TABLE_SORT_DESCEND 0x01
#define TABLE_SORT_MAXIMUM_CATEGORY 0x04
struct mapi_sort_order {
	uint16_t type; /* PropertyType (may carry MVI_FLAG) */
	uint16_t id;   /* PropertyId */
	uint8_t order;
};
struct mapi_sort_order_set {
	uint16_t count;
	uint16_t categorized;
	uint16_t expanded;
	struct mapi_sort_order *orders;
};
/* A SortOrderSet that parses but breaks a rule of 2.13 (CategorizedCount > SortOrderCount, ExpandedCount >
 * CategorizedCount, an Order value outside the table, PT_MV_FLAG without MVI_FLAG or the reverse, more than
 * one multi-valued column, a type that is not a value type) is WC_ERANGE with the reader after the structure,
 * so a ROP handler can answer that ROP with ecInvalidParam and go on; anything unparsable is WC_EFORMAT. */
int mapi_sort_order_set_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_sort_order_set *s);
int mapi_sort_order_set_push(struct wc_writer *w, const struct mapi_sort_order_set *s);
bool mapi_sort_order_set_equal(const struct mapi_sort_order_set *a, const struct mapi_sort_order_set *b);

#endif
