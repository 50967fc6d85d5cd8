/* MS-OXCDATA 2.12 restrictions and 2.13 sort orders. */
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

/* RelOp (2.12.5.2) */
enum mapi_relop { RELOP_LT = 0, RELOP_LE = 1, RELOP_GT = 2, RELOP_GE = 3, RELOP_EQ = 4, RELOP_NE = 5, RELOP_RE = 6,
		  RELOP_MEMBER_OF_DL = 0x64 };

/* FuzzyLevelLow / FuzzyLevelHigh (2.12.4.1) */
#define FL_FULLSTRING 0x0000
#define FL_SUBSTRING 0x0001
#define FL_PREFIX 0x0002
#define FL_IGNORECASE 0x00010000
#define FL_IGNORENONSPACE 0x00020000
#define FL_LOOSE 0x00040000

/* BitmapRelOp (2.12.6.1) */
#define BMR_EQZ 0x00
#define BMR_NEZ 0x01

struct mapi_restriction {
	uint8_t type; /* enum mapi_res_type */
	union {
		struct { uint32_t count; struct mapi_restriction *res; } and_or; /* RES_AND, RES_OR */
		struct { struct mapi_restriction *res; } not_;                    /* RES_NOT */
		struct { uint32_t fuzzy_level; uint32_t proptag; struct mapi_propval pv; } content;
		struct { uint8_t relop; uint32_t proptag; struct mapi_propval pv; } property;
		struct { uint8_t relop; uint32_t proptag1; uint32_t proptag2; } compare;
		struct { uint8_t bmr; uint32_t proptag; uint32_t mask; } bitmask;
		struct { uint8_t relop; uint32_t proptag; uint32_t size; } size;
		struct { uint32_t proptag; } exist;
		struct { uint32_t subobject; struct mapi_restriction *res; } sub;  /* RES_SUBRESTRICTION */
		struct { uint8_t count; struct mapi_propval *pvs; struct mapi_restriction *res; /* NULL if absent */ } comment;
		struct { uint32_t count; struct mapi_restriction *res; } count;    /* RES_COUNT */
	};
};

/* Restriction (2.12). flags: MAPI_PV_COUNT32 selects the 32-bit RestrictCount/TaggedValuesCount forms used
 * outside ROP buffers. Nesting deeper than MAPI_MAX_RESTRICTION_DEPTH is WC_EDEPTH. */
int mapi_restriction_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_restriction **out);
int mapi_restriction_push(struct wc_writer *w, unsigned flags, const struct mapi_restriction *res);

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
int mapi_sort_order_set_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_sort_order_set *s);
int mapi_sort_order_set_push(struct wc_writer *w, const struct mapi_sort_order_set *s);

#endif
