/* mapidump printers for property values, rows, restrictions and rule actions. */
#include "dump_values.h"

#include "common/mapi_errors.h"
#include "common/wc_time.h"
#include "mapi/mapi_proptags.h"
#include "mapi/mapi_ruleaction.h"

void dump_guid(struct dump_out *o, const char *key, const struct wc_guid *g)
{
	char s[39];
	wc_guid_to_string(g, s);
	dump_str(o, key, s);
}

void dump_proptag(struct dump_out *o, const char *key, uint32_t tag)
{
	const char *name = mapi_proptag_name(tag);
	if (name == NULL)
		name = mapi_type_name(PROP_TYPE(tag)); /* at least say the type of an unnamed tag */
	dump_named(o, key, tag, 8, name);
}

void dump_error_code(struct dump_out *o, const char *key, uint32_t code)
{
	dump_named(o, key, code, 8, mapi_err_name(code));
}

static void dump_time(struct dump_out *o, const char *key, uint64_t ft)
{
	char s[40];
	wc_filetime_format(ft, s);
	if (o->json) {
		dump_begin_object(o, key);
		dump_uint(o, "filetime", ft);
		dump_str(o, "utc", s);
		dump_end_object(o);
	} else {
		dump_str(o, key, s);
	}
}

static void dump_single(struct dump_out *o, const char *key, uint16_t type, const union mapi_value *v)
{
	switch (type) {
	case PT_NULL:
		dump_str(o, key, "(null)");
		break;
	case PT_SHORT:
		dump_int(o, key, v->i16);
		break;
	case PT_LONG:
		dump_int(o, key, v->i32);
		break;
	case PT_FLOAT:
		dump_double(o, key, v->f32);
		break;
	case PT_DOUBLE:
	case PT_APPTIME:
		dump_double(o, key, v->f64);
		break;
	case PT_CURRENCY:
	case PT_I8:
		dump_int(o, key, v->i64);
		break;
	case PT_ERROR:
		dump_error_code(o, key, v->err);
		break;
	case PT_BOOLEAN:
		dump_bool(o, key, v->b);
		break;
	case PT_SYSTIME:
		dump_time(o, key, v->time);
		break;
	case PT_STRING8:
	case PT_UNICODE:
		dump_str(o, key, v->str);
		break;
	case PT_CLSID:
		dump_guid(o, key, v->guid);
		break;
	case PT_SRESTRICT:
		dump_restriction(o, key, v->res);
		break;
	case PT_ACTIONS: {
		dump_begin_array(o, key);
		for (uint32_t i = 0; v->actions != NULL && i < v->actions->count; i++) {
			const struct mapi_action_block *b = &v->actions->blocks[i];
			dump_begin_object(o, NULL);
			dump_hex(o, "action_type", b->type, 2);
			dump_hex(o, "action_flavor", b->flavor, 8);
			dump_hex(o, "action_flags", b->flags, 8);
			if (b->type == OP_MOVE || b->type == OP_COPY) {
				dump_uint(o, "folder_in_this_store", b->move_copy.folder_in_this_store);
				dump_bytes(o, "store_eid", b->move_copy.store_eid.data,
				           b->move_copy.store_eid.len);
				dump_bytes(o, "folder_eid", b->move_copy.folder_eid.data,
				           b->move_copy.folder_eid.len);
			} else if (b->type == OP_TAG)
				dump_propval(o, "tag", &b->tag);
			else if (b->type == OP_BOUNCE)
				dump_hex(o, "bounce_code", b->bounce_code, 8);
			else if (b->type == OP_FORWARD || b->type == OP_DELEGATE)
				dump_uint(o, "recipients", b->forward.count);
			dump_end_object(o);
		}
		dump_end_array(o);
		break;
	}
	default: /* PT_BINARY, PT_SVREID, PT_OBJECT */
		dump_bytes(o, key, v->bin.data, v->bin.len);
		break;
	}
}

void dump_value(struct dump_out *o, const char *key, uint16_t type, const union mapi_value *v)
{
	if (!(type & PT_MV_FLAG)) {
		dump_single(o, key, type, v);
		return;
	}
	uint16_t base = type & ~PT_MV_FLAG;
	dump_begin_array(o, key);
	for (uint32_t i = 0; i < v->mv.count; i++) {
		union mapi_value one;
		switch (base) {
		case PT_SHORT:
			one.i16 = v->mv.i16[i];
			break;
		case PT_LONG:
			one.i32 = v->mv.i32[i];
			break;
		case PT_FLOAT:
			one.f32 = v->mv.f32[i];
			break;
		case PT_DOUBLE:
		case PT_APPTIME:
			one.f64 = v->mv.f64[i];
			break;
		case PT_CURRENCY:
		case PT_I8:
			one.i64 = v->mv.i64[i];
			break;
		case PT_SYSTIME:
			one.time = v->mv.time[i];
			break;
		case PT_STRING8:
		case PT_UNICODE:
			one.str = v->mv.str[i];
			break;
		case PT_CLSID:
			one.guid = &v->mv.guid[i];
			break;
		default:
			one.bin = v->mv.bin[i];
			break;
		}
		dump_single(o, NULL, base, &one);
	}
	dump_end_array(o);
}

void dump_propval(struct dump_out *o, const char *key, const struct mapi_propval *pv)
{
	dump_begin_object(o, key);
	dump_proptag(o, "tag", pv->tag);
	dump_value(o, "value", PROP_TYPE(pv->tag), &pv->value);
	dump_end_object(o);
}

void dump_property_row(struct dump_out *o, const char *key, const struct mapi_property_row *row)
{
	dump_begin_object(o, key);
	dump_str(o, "form", row->flag == MAPI_ROW_FLAGGED ? "flagged" : "standard");
	dump_begin_array(o, "values");
	for (uint32_t i = 0; i < row->count; i++) {
		const struct mapi_row_value *rv = &row->values[i];
		if (rv->flag == MAPI_VALUE_NOT_PRESENT) {
			dump_begin_object(o, NULL);
			dump_proptag(o, "tag", rv->pv.tag);
			dump_str(o, "flag", "not present");
			dump_end_object(o);
		} else if (rv->flag == MAPI_VALUE_ERROR) {
			dump_begin_object(o, NULL);
			dump_proptag(o, "tag", rv->pv.tag);
			dump_error_code(o, "error", rv->pv.value.err);
			dump_end_object(o);
		} else {
			dump_propval(o, NULL, &rv->pv);
		}
	}
	dump_end_array(o);
	dump_end_object(o);
}

static const char *const res_names[] = {
        "AndRestriction",       "OrRestriction",       "NotRestriction",
        "ContentRestriction",   "PropertyRestriction", "ComparePropertiesRestriction",
        "BitMaskRestriction",   "SizeRestriction",     "ExistRestriction",
        "SubObjectRestriction", "CommentRestriction",  "CountRestriction",
};
static const char *const relop_names[] = {"RELOP_LT", "RELOP_LE", "RELOP_GT", "RELOP_GE",
                                          "RELOP_EQ", "RELOP_NE", "RELOP_RE"};

static void dump_relop(struct dump_out *o, uint8_t relop)
{
	const char *name = relop < 7                     ? relop_names[relop]
	                   : relop == RELOP_MEMBER_OF_DL ? "RELOP_MEMBER_OF_DL"
	                                                 : NULL;
	dump_named(o, "relop", relop, 2, name);
}

void dump_restriction(struct dump_out *o, const char *key, const struct mapi_restriction *res)
{
	dump_begin_object(o, key);
	if (res == NULL) {
		dump_str(o, "type", "(none)");
		dump_end_object(o);
		return;
	}
	dump_str(o, "type", res->type < 12 ? res_names[res->type] : "unknown");
	switch (res->type) {
	case RES_AND:
	case RES_OR:
		dump_begin_array(o, "restrictions");
		for (uint32_t i = 0; i < res->and_or.count; i++)
			dump_restriction(o, NULL, &res->and_or.res[i]);
		dump_end_array(o);
		break;
	case RES_NOT:
		dump_restriction(o, "restriction", res->not_.res);
		break;
	case RES_CONTENT:
		dump_hex(o, "fuzzy_level", res->content.fuzzy_level, 8);
		dump_proptag(o, "proptag", res->content.proptag);
		dump_propval(o, "value", &res->content.pv);
		break;
	case RES_PROPERTY:
		dump_relop(o, res->property.relop);
		dump_proptag(o, "proptag", res->property.proptag);
		dump_propval(o, "value", &res->property.pv);
		break;
	case RES_COMPAREPROPS:
		dump_relop(o, res->compare.relop);
		dump_proptag(o, "proptag1", res->compare.proptag1);
		dump_proptag(o, "proptag2", res->compare.proptag2);
		break;
	case RES_BITMASK:
		dump_named(o, "bitmap_relop", res->bitmask.bmr, 2,
		           res->bitmask.bmr == BMR_EQZ ? "BMR_EQZ" : "BMR_NEZ");
		dump_proptag(o, "proptag", res->bitmask.proptag);
		dump_hex(o, "mask", res->bitmask.mask, 8);
		break;
	case RES_SIZE:
		dump_relop(o, res->size.relop);
		dump_proptag(o, "proptag", res->size.proptag);
		dump_uint(o, "size", res->size.size);
		break;
	case RES_EXIST:
		dump_proptag(o, "proptag", res->exist.proptag);
		break;
	case RES_SUBRESTRICTION:
		dump_proptag(o, "subobject", res->sub.subobject);
		dump_restriction(o, "restriction", res->sub.res);
		break;
	case RES_COMMENT:
		dump_begin_array(o, "values");
		for (uint8_t i = 0; i < res->comment.count; i++)
			dump_propval(o, NULL, &res->comment.pvs[i]);
		dump_end_array(o);
		if (res->comment.res != NULL)
			dump_restriction(o, "restriction", res->comment.res);
		break;
	case RES_COUNT:
		dump_uint(o, "count", res->count.count);
		dump_restriction(o, "restriction", res->count.res);
		break;
	}
	dump_end_object(o);
}

void dump_sort_order_set(struct dump_out *o, const char *key, const struct mapi_sort_order_set *s)
{
	dump_begin_object(o, key);
	dump_uint(o, "categorized", s->categorized);
	dump_uint(o, "expanded", s->expanded);
	dump_begin_array(o, "sort_orders");
	for (uint16_t i = 0; i < s->count; i++) {
		dump_begin_object(o, NULL);
		dump_proptag(o, "proptag", PROP_TAG(s->orders[i].type, s->orders[i].id));
		dump_str(o, "order",
		         s->orders[i].order == TABLE_SORT_DESCEND            ? "descend"
		         : s->orders[i].order == TABLE_SORT_MAXIMUM_CATEGORY ? "maximum category"
		                                                             : "ascend");
		dump_end_object(o);
	}
	dump_end_array(o);
	dump_end_object(o);
}
