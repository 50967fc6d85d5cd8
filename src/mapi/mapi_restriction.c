/* MS-OXCDATA 2.12 Restrictions and 2.13 SortOrder / SortOrderSet. */
#include "mapi/mapi_restriction.h"
#include "mapi/mapi_codec_private.h"
#include "common/wc_error.h"

#include <string.h>

/* The smallest restriction on the wire is 3 bytes (an And/Or with no children in a ROP, or a Comment with no
 * values and no restriction); a RestrictCount is checked against it before anything is allocated. */
#define RES_MIN_SIZE 3

/* 2.12.5.1: RelOp values (also those of CompareProperties 2.12.6.1 and Size 2.12.8.1) */
static bool relop_valid(uint8_t op)
{
	return op <= RELOP_NE || op == RELOP_MEMBER_OF_DL;
}

/* 2.12.11.1: the TaggedValues of a CommentRestriction MUST NOT include multi-valued properties (an instance
 * of one, with MVI_FLAG, is a single value). */
static bool single_valued(uint32_t tag)
{
	return (PROP_TYPE(tag) & (PT_MV_FLAG | MVI_FLAG)) != PT_MV_FLAG;
}

/* The closed value sets of 2.12 for one node (children are checked on their own): 0 or WC_ERANGE (WC_EINVAL
 * for a comment built without its value array). */
static int node_check(const struct mapi_restriction *res)
{
	switch (res->type) {
	case RES_CONTENT:
		/* 2.12.4.1: FuzzyLevelLow is one of FL_FULLSTRING, FL_SUBSTRING, FL_PREFIX; FuzzyLevelHigh
		 * any combination of FL_IGNORECASE, FL_IGNORENONSPACE, FL_LOOSE */
		return (res->content.fuzzy_level & 0xFFFF) <= FL_PREFIX &&
		                       (res->content.fuzzy_level &
		                        ~(0xFFFFu | FL_IGNORECASE | FL_IGNORENONSPACE | FL_LOOSE)) == 0
		               ? 0
		               : WC_ERANGE;
	case RES_PROPERTY:
		return relop_valid(res->property.relop) ? 0 : WC_ERANGE;
	case RES_COMPAREPROPS:
		return relop_valid(res->compare.relop) ? 0 : WC_ERANGE;
	case RES_BITMASK:
		return res->bitmask.bmr == BMR_EQZ || res->bitmask.bmr == BMR_NEZ ? 0 : WC_ERANGE;
	case RES_SIZE:
		return relop_valid(res->size.relop) ? 0 : WC_ERANGE;
	case RES_COMMENT:
		if (res->comment.count > 0 && res->comment.pvs == NULL)
			return WC_EINVAL;
		for (uint8_t i = 0; i < res->comment.count; i++)
			if (!single_valued(res->comment.pvs[i].tag))
				return WC_ERANGE;
		return 0;
	}
	return 0;
}

/* Fills *res from the wire; everything it allocates hangs off mem and is freed again when it fails. */
static int res_fill(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_restriction *res);

/* One child restriction, allocated on mem. */
static int child_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_restriction **out)
{
	struct mapi_restriction *child = talloc_zero(mem, struct mapi_restriction);
	if (child == NULL)
		return WC_ENOMEM;
	int ret = res_fill(r, child, flags_nested(flags), child);
	if (ret != 0) {
		talloc_free(child);
		return ret;
	}
	*out = child;
	return 0;
}

static int res_fill(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_restriction *res)
{
	uint8_t present;
	int ret = 0;

	if (flags_depth(flags) >= MAPI_MAX_RESTRICTION_DEPTH)
		return WC_EDEPTH;
	if (!wc_read_u8(r, &res->type))
		return WC_EFORMAT;
	switch (res->type) {
	case RES_AND: /* 2.12.1 */
	case RES_OR:  /* 2.12.2 */
		if (!count_pull(r, flags, &res->and_or.count) ||
		    res->and_or.count > wc_reader_left(r) / RES_MIN_SIZE)
			return WC_EFORMAT;
		if (res->and_or.count == 0)
			return 0;
		res->and_or.res = talloc_zero_array(mem, struct mapi_restriction, res->and_or.count);
		if (res->and_or.res == NULL)
			return WC_ENOMEM;
		for (uint32_t i = 0; i < res->and_or.count && ret == 0; i++)
			ret = res_fill(r, res->and_or.res, flags_nested(flags), &res->and_or.res[i]);
		if (ret != 0)
			talloc_free(res->and_or.res);
		return ret;
	case RES_NOT: /* 2.12.3 */
		return child_pull(r, mem, flags, &res->not_.res);
	case RES_CONTENT: { /* 2.12.4.1 */
		uint16_t low, high;
		if (!wc_read_u16(r, &low) || !wc_read_u16(r, &high) || !wc_read_u32(r, &res->content.proptag))
			return WC_EFORMAT;
		res->content.fuzzy_level = (uint32_t)high << 16 | low;
		ret = node_check(res);
		return ret ? ret : mapi_tagged_propval_pull(r, mem, flags_nested(flags), &res->content.pv);
	}
	case RES_PROPERTY: /* 2.12.5.1 */
		if (!wc_read_u8(r, &res->property.relop) || !wc_read_u32(r, &res->property.proptag))
			return WC_EFORMAT;
		ret = node_check(res);
		return ret ? ret : mapi_tagged_propval_pull(r, mem, flags_nested(flags), &res->property.pv);
	case RES_COMPAREPROPS: /* 2.12.6.1 */
		if (!wc_read_u8(r, &res->compare.relop) || !wc_read_u32(r, &res->compare.proptag1) ||
		    !wc_read_u32(r, &res->compare.proptag2))
			return WC_EFORMAT;
		return node_check(res);
	case RES_BITMASK: /* 2.12.7.1 */
		if (!wc_read_u8(r, &res->bitmask.bmr) || !wc_read_u32(r, &res->bitmask.proptag) ||
		    !wc_read_u32(r, &res->bitmask.mask))
			return WC_EFORMAT;
		return node_check(res);
	case RES_SIZE: /* 2.12.8.1 */
		if (!wc_read_u8(r, &res->size.relop) || !wc_read_u32(r, &res->size.proptag) ||
		    !wc_read_u32(r, &res->size.size))
			return WC_EFORMAT;
		return node_check(res);
	case RES_EXIST: /* 2.12.9.1 */
		return wc_read_u32(r, &res->exist.proptag) ? 0 : WC_EFORMAT;
	case RES_SUBRESTRICTION: /* 2.12.10.1 */
		if (!wc_read_u32(r, &res->sub.subobject))
			return WC_EFORMAT;
		return child_pull(r, mem, flags, &res->sub.res);
	case RES_COMMENT: /* 2.12.11.1 */
		if (!wc_read_u8(r, &res->comment.count))
			return WC_EFORMAT;
		ret = mapi_tagged_propval_array_pull(r, mem, flags_nested(flags), res->comment.count,
		                                     &res->comment.pvs);
		if (ret == 0 && (ret = node_check(res)) == 0) {
			if (!wc_read_u8(r, &present) || present > 1)
				ret = WC_EFORMAT; /* RestrictionPresent is TRUE (0x01) or FALSE (0x00) */
			else if (present)
				ret = child_pull(r, mem, flags, &res->comment.res);
		}
		if (ret != 0)
			talloc_free(res->comment.pvs);
		return ret;
	case RES_COUNT: /* 2.12.12 */
		if (!wc_read_u32(r, &res->count.count))
			return WC_EFORMAT;
		return child_pull(r, mem, flags, &res->count.res);
	}
	return WC_EFORMAT; /* unknown RestrictType */
}

/* MS-OXCDATA 2.12 Restriction */
int mapi_restriction_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_restriction **out)
{
	struct mapi_restriction *res = talloc_zero(mem, struct mapi_restriction);
	if (res == NULL)
		return WC_ENOMEM;
	int ret = res_fill(r, res, flags, res);
	if (ret != 0) {
		talloc_free(res);
		return ret;
	}
	*out = res;
	return 0;
}

static int child_push(struct wc_writer *w, unsigned flags, const struct mapi_restriction *res)
{
	if (res == NULL)
		return writer_fail(w, WC_EINVAL);
	return mapi_restriction_push(w, flags_nested(flags), res);
}

int mapi_restriction_push(struct wc_writer *w, unsigned flags, const struct mapi_restriction *res)
{
	int ret;

	if (flags_depth(flags) >= MAPI_MAX_RESTRICTION_DEPTH)
		return writer_fail(w, WC_EDEPTH);
	if ((ret = node_check(res)) != 0)
		return writer_fail(w, ret);
	wc_write_u8(w, res->type);
	switch (res->type) {
	case RES_AND:
	case RES_OR:
		if (res->and_or.count > 0 && res->and_or.res == NULL)
			return writer_fail(w, WC_EINVAL);
		count_push(w, flags, res->and_or.count);
		for (uint32_t i = 0; i < res->and_or.count && wc_writer_status(w) == 0; i++)
			child_push(w, flags, &res->and_or.res[i]);
		break;
	case RES_NOT:
		return child_push(w, flags, res->not_.res);
	case RES_CONTENT:
		wc_write_u16(w, (uint16_t)res->content.fuzzy_level);
		wc_write_u16(w, (uint16_t)(res->content.fuzzy_level >> 16));
		wc_write_u32(w, res->content.proptag);
		return mapi_tagged_propval_push(w, flags_nested(flags), &res->content.pv);
	case RES_PROPERTY:
		wc_write_u8(w, res->property.relop);
		wc_write_u32(w, res->property.proptag);
		return mapi_tagged_propval_push(w, flags_nested(flags), &res->property.pv);
	case RES_COMPAREPROPS:
		wc_write_u8(w, res->compare.relop);
		wc_write_u32(w, res->compare.proptag1);
		wc_write_u32(w, res->compare.proptag2);
		break;
	case RES_BITMASK:
		wc_write_u8(w, res->bitmask.bmr);
		wc_write_u32(w, res->bitmask.proptag);
		wc_write_u32(w, res->bitmask.mask);
		break;
	case RES_SIZE:
		wc_write_u8(w, res->size.relop);
		wc_write_u32(w, res->size.proptag);
		wc_write_u32(w, res->size.size);
		break;
	case RES_EXIST:
		wc_write_u32(w, res->exist.proptag);
		break;
	case RES_SUBRESTRICTION:
		wc_write_u32(w, res->sub.subobject);
		return child_push(w, flags, res->sub.res);
	case RES_COMMENT:
		wc_write_u8(w, res->comment.count);
		mapi_tagged_propval_array_push(w, flags_nested(flags), res->comment.count, res->comment.pvs);
		wc_write_u8(w, res->comment.res != NULL);
		if (res->comment.res != NULL)
			return child_push(w, flags, res->comment.res);
		break;
	case RES_COUNT:
		wc_write_u32(w, res->count.count);
		return child_push(w, flags, res->count.res);
	default:
		return writer_fail(w, WC_EINVAL);
	}
	return wc_writer_status(w);
}

/* ---- copy and equality ---- */

static int res_copy_fill(TALLOC_CTX *mem, const struct mapi_restriction *src, struct mapi_restriction *dst);

static int child_copy(TALLOC_CTX *mem, const struct mapi_restriction *src, struct mapi_restriction **dst)
{
	if (src == NULL) {
		*dst = NULL;
		return 0;
	}
	return mapi_restriction_copy(mem, src, dst);
}

static int res_copy_fill(TALLOC_CTX *mem, const struct mapi_restriction *src, struct mapi_restriction *dst)
{
	int ret = 0;

	*dst = *src; /* the scalar fields; pointers are replaced below */
	switch (src->type) {
	case RES_AND:
	case RES_OR:
		dst->and_or.res = NULL;
		if (src->and_or.count == 0)
			return 0;
		dst->and_or.res = talloc_zero_array(mem, struct mapi_restriction, src->and_or.count);
		if (dst->and_or.res == NULL)
			return WC_ENOMEM;
		for (uint32_t i = 0; i < src->and_or.count && ret == 0; i++)
			ret = res_copy_fill(dst->and_or.res, &src->and_or.res[i], &dst->and_or.res[i]);
		return ret;
	case RES_NOT:
		return child_copy(mem, src->not_.res, &dst->not_.res);
	case RES_CONTENT:
		return mapi_propval_copy(mem, &src->content.pv, &dst->content.pv);
	case RES_PROPERTY:
		return mapi_propval_copy(mem, &src->property.pv, &dst->property.pv);
	case RES_SUBRESTRICTION:
		return child_copy(mem, src->sub.res, &dst->sub.res);
	case RES_COMMENT:
		dst->comment.pvs = NULL;
		if (src->comment.count > 0) {
			dst->comment.pvs = talloc_zero_array(mem, struct mapi_propval, src->comment.count);
			if (dst->comment.pvs == NULL)
				return WC_ENOMEM;
		}
		for (uint8_t i = 0; i < src->comment.count && ret == 0; i++)
			ret = mapi_propval_copy(dst->comment.pvs, &src->comment.pvs[i], &dst->comment.pvs[i]);
		return ret ? ret : child_copy(mem, src->comment.res, &dst->comment.res);
	case RES_COUNT:
		return child_copy(mem, src->count.res, &dst->count.res);
	}
	return 0;
}

int mapi_restriction_copy(TALLOC_CTX *mem, const struct mapi_restriction *src, struct mapi_restriction **dst)
{
	struct mapi_restriction *res = talloc_zero(mem, struct mapi_restriction);
	if (res == NULL)
		return WC_ENOMEM;
	int ret = res_copy_fill(res, src, res);
	if (ret != 0) {
		talloc_free(res);
		return ret;
	}
	*dst = res;
	return 0;
}

static bool child_equal(const struct mapi_restriction *a, const struct mapi_restriction *b)
{
	return a == b || (a != NULL && b != NULL && mapi_restriction_equal(a, b));
}

bool mapi_restriction_equal(const struct mapi_restriction *a, const struct mapi_restriction *b)
{
	if (a->type != b->type)
		return false;
	switch (a->type) {
	case RES_AND:
	case RES_OR:
		if (a->and_or.count != b->and_or.count)
			return false;
		for (uint32_t i = 0; i < a->and_or.count; i++)
			if (!mapi_restriction_equal(&a->and_or.res[i], &b->and_or.res[i]))
				return false;
		return true;
	case RES_NOT:
		return child_equal(a->not_.res, b->not_.res);
	case RES_CONTENT:
		return a->content.fuzzy_level == b->content.fuzzy_level &&
		       a->content.proptag == b->content.proptag &&
		       mapi_propval_equal(&a->content.pv, &b->content.pv);
	case RES_PROPERTY:
		return a->property.relop == b->property.relop && a->property.proptag == b->property.proptag &&
		       mapi_propval_equal(&a->property.pv, &b->property.pv);
	case RES_COMPAREPROPS:
		return a->compare.relop == b->compare.relop && a->compare.proptag1 == b->compare.proptag1 &&
		       a->compare.proptag2 == b->compare.proptag2;
	case RES_BITMASK:
		return a->bitmask.bmr == b->bitmask.bmr && a->bitmask.proptag == b->bitmask.proptag &&
		       a->bitmask.mask == b->bitmask.mask;
	case RES_SIZE:
		return a->size.relop == b->size.relop && a->size.proptag == b->size.proptag &&
		       a->size.size == b->size.size;
	case RES_EXIST:
		return a->exist.proptag == b->exist.proptag;
	case RES_SUBRESTRICTION:
		return a->sub.subobject == b->sub.subobject && child_equal(a->sub.res, b->sub.res);
	case RES_COMMENT:
		if (a->comment.count != b->comment.count)
			return false;
		for (uint8_t i = 0; i < a->comment.count; i++)
			if (!mapi_propval_equal(&a->comment.pvs[i], &b->comment.pvs[i]))
				return false;
		return child_equal(a->comment.res, b->comment.res);
	case RES_COUNT:
		return a->count.count == b->count.count && child_equal(a->count.res, b->count.res);
	}
	return false;
}

/* ---- SortOrderSet (2.13) ---- */

/* The rules of 2.13.1 and 2.13.2 on a parsed set: 0 or WC_ERANGE. */
static int sort_order_set_check(const struct mapi_sort_order_set *s)
{
	unsigned multi = 0;

	if (s->categorized > s->count || s->expanded > s->categorized)
		return WC_ERANGE;
	for (uint16_t i = 0; i < s->count; i++) {
		const struct mapi_sort_order *o = &s->orders[i];
		bool mv = (o->type & PT_MV_FLAG) != 0, mvi = (o->type & MVI_FLAG) != 0;
		if (o->order != TABLE_SORT_ASCEND && o->order != TABLE_SORT_DESCEND &&
		    o->order != TABLE_SORT_MAXIMUM_CATEGORY)
			return WC_ERANGE;
		/* 2.13.1: MultivalueFlag and MultivalueInstance are set together or not at all */
		if (mv != mvi || !mapi_type_valid(o->type))
			return WC_ERANGE;
		multi += mv; /* 2.13.2: at most one multi-valued column */
	}
	return multi > 1 ? WC_ERANGE : 0;
}

/* MS-OXCDATA 2.13.2 SortOrderSet of 2.13.1 SortOrders */
int mapi_sort_order_set_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_sort_order_set *s)
{
	struct mapi_sort_order_set tmp = {0};

	if (!wc_read_u16(r, &tmp.count) || !wc_read_u16(r, &tmp.categorized) ||
	    !wc_read_u16(r, &tmp.expanded) || tmp.count > wc_reader_left(r) / 5)
		return WC_EFORMAT;
	if (tmp.count > 0 && (tmp.orders = talloc_zero_array(mem, struct mapi_sort_order, tmp.count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < tmp.count; i++) {
		/* cannot fail: the length was checked above */
		wc_read_u16(r, &tmp.orders[i].type);
		wc_read_u16(r, &tmp.orders[i].id);
		wc_read_u8(r, &tmp.orders[i].order);
	}
	int ret = sort_order_set_check(&tmp);
	if (ret != 0) {
		talloc_free(tmp.orders);
		return ret;
	}
	*s = tmp;
	return 0;
}

int mapi_sort_order_set_push(struct wc_writer *w, const struct mapi_sort_order_set *s)
{
	if (s->count > 0 && s->orders == NULL)
		return writer_fail(w, WC_EINVAL);
	int ret = sort_order_set_check(s);
	if (ret != 0)
		return writer_fail(w, ret);
	wc_write_u16(w, s->count);
	wc_write_u16(w, s->categorized);
	wc_write_u16(w, s->expanded);
	for (uint16_t i = 0; i < s->count; i++) {
		wc_write_u16(w, s->orders[i].type);
		wc_write_u16(w, s->orders[i].id);
		wc_write_u8(w, s->orders[i].order);
	}
	return wc_writer_status(w);
}

bool mapi_sort_order_set_equal(const struct mapi_sort_order_set *a, const struct mapi_sort_order_set *b)
{
	if (a->count != b->count || a->categorized != b->categorized || a->expanded != b->expanded)
		return false;
	for (uint16_t i = 0; i < a->count; i++)
		if (a->orders[i].type != b->orders[i].type || a->orders[i].id != b->orders[i].id ||
		    a->orders[i].order != b->orders[i].order)
			return false;
	return true;
}
