/* mapidump mapihttp-request and mapihttp-response: MAPI/HTTP bodies (MS-OXCMAPIHTTP 2.2.4, 2.2.5), shown
 * field by field from the codec's own description of each body (mapihttp_desc.h). TYPE is the X-RequestType
 * value (Connect, Execute, Bind, QueryRows, ...). */
#include "mapidump.h"

#include <stddef.h>
#include <string.h>

#include "common/wc_error.h"
#include "dump_values.h"
#include "mapi/mapihttp_desc.h"
#include "mapi/nspi_types.h"

static void dump_abk_value(struct dump_out *o, const char *key, const struct mapi_abk_value *v)
{
	if (v->flag == MAPI_VALUE_NOT_PRESENT || !v->has_value) {
		dump_begin_object(o, key);
		dump_proptag(o, "tag", v->pv.tag);
		dump_str(o, "flag", v->flag == MAPI_VALUE_NOT_PRESENT ? "not present" : "no value");
		dump_end_object(o);
	} else if (v->flag == MAPI_VALUE_ERROR) {
		dump_begin_object(o, key);
		dump_proptag(o, "tag", v->pv.tag);
		dump_error_code(o, "error", v->pv.value.err);
		dump_end_object(o);
	} else {
		dump_propval(o, key, &v->pv);
	}
}

static void dump_proplist(struct dump_out *o, const char *key, const struct mapi_abk_proplist *l)
{
	dump_begin_array(o, key);
	for (uint32_t i = 0; i < l->count; i++)
		dump_abk_value(o, NULL, &l->values[i]);
	dump_end_array(o);
}

static void dump_u32_array(struct dump_out *o, const char *key, const struct mapi_u32_array *a, bool tags)
{
	dump_begin_array(o, key);
	for (uint32_t i = 0; i < a->count; i++) {
		if (tags)
			dump_proptag(o, NULL, a->values[i]);
		else
			dump_hex(o, NULL, a->values[i], 8);
	}
	dump_end_array(o);
}

static void dump_stat(struct dump_out *o, const char *key, const struct mapi_nspi_stat *s)
{
	dump_begin_object(o, key);
	dump_hex(o, "sort_type", s->sort_type, 8);
	dump_hex(o, "container_id", s->container_id, 8);
	dump_hex(o, "current_rec", s->current_rec, 8);
	dump_int(o, "delta", s->delta);
	dump_uint(o, "num_pos", s->num_pos);
	dump_uint(o, "total_recs", s->total_recs);
	dump_uint(o, "code_page", s->code_page);
	dump_hex(o, "template_locale", s->template_locale, 8);
	dump_hex(o, "sort_locale", s->sort_locale, 8);
	dump_end_object(o);
}

static void dump_field(struct dump_out *o, const struct mh_field *f, const void *v)
{
	const char *key = f->name;
	switch (f->kind & ~MH_OPT) {
	case MH_U8:
		dump_hex(o, key, *(const uint8_t *)v, 2);
		break;
	case MH_U32:
		dump_hex(o, key, *(const uint32_t *)v, 8);
		break;
	case MH_GUID:
		dump_guid(o, key, v);
		break;
	case MH_ASCII_Z:
	case MH_UTF16_Z:
		dump_str(o, key, *(char *const *)v);
		break;
	case MH_BLOB: {
		const struct mapi_binary *b = v;
		dump_bytes(o, key, b->data, b->len);
		break;
	}
	case MH_STAT:
		dump_stat(o, key, v);
		break;
	/* Columns and tag lists are property tags; MinimalEntryID lists (mids, explicit_table) are not. */
	case MH_U32_ARRAY:
		dump_u32_array(o, key, v, strcmp(key, "mids") != 0 && strcmp(key, "explicit_table") != 0);
		break;
	case MH_STRINGS:
	case MH_WSTRINGS: {
		const struct mapi_nspi_strings *s = v;
		dump_begin_array(o, key);
		for (uint32_t i = 0; i < s->count; i++)
			dump_str(o, NULL, s->strings[i]);
		dump_end_array(o);
		break;
	}
	case MH_RESTRICTION:
		dump_restriction(o, key, *(struct mapi_restriction *const *)v);
		break;
	case MH_PROPNAME: {
		const struct mapi_nspi_propname *pn = v;
		dump_begin_object(o, key);
		dump_guid(o, "guid", &pn->guid);
		dump_hex(o, "id", pn->id, 8);
		dump_end_object(o);
		break;
	}
	case MH_ENTRYIDS: {
		const struct mapi_nspi_entryids *e = v;
		dump_begin_array(o, key);
		for (uint32_t i = 0; i < e->count; i++) {
			dump_begin_object(o, NULL);
			dump_hex(o, "id_type", e->ids[i].id_type, 2);
			dump_hex(o, "display_type", e->ids[i].display_type, 8);
			if (e->ids[i].id_type == NSPI_EPHEMERAL_ENTRYID)
				dump_hex(o, "mid", e->ids[i].mid, 8);
			else
				dump_str(o, "dn", e->ids[i].dn ? e->ids[i].dn : "");
			dump_end_object(o);
		}
		dump_end_array(o);
		break;
	}
	case MH_PROPLIST:
		dump_proplist(o, key, v);
		break;
	case MH_PROPLISTS: {
		const struct mapi_abk_proplists *l = v;
		dump_begin_array(o, key);
		for (uint32_t i = 0; i < l->count; i++)
			dump_proplist(o, NULL, &l->lists[i]);
		dump_end_array(o);
		break;
	}
	case MH_TAGGED:
		dump_abk_value(o, key, v);
		break;
	case MH_ROWSET: {
		const struct mapi_abk_rowset *rs = v;
		dump_begin_object(o, key);
		dump_u32_array(o, "columns", &rs->columns, true);
		dump_begin_array(o, "rows");
		for (uint32_t i = 0; i < rs->count; i++) {
			dump_begin_array(o, NULL);
			for (uint32_t c = 0; c < rs->columns.count; c++)
				dump_abk_value(o, NULL, &rs->rows[i].values[c]);
			dump_end_array(o);
		}
		dump_end_array(o);
		dump_end_object(o);
		break;
	}
	}
}

/* Fields behind a Has* byte are pointers in the body structure, NULL when absent (strings and restrictions
 * are pointers either way). */
static void dump_body_fields(struct dump_out *o, const struct mh_body *desc, const unsigned char *body)
{
	for (uint8_t i = 0; desc != NULL && i < desc->nfields; i++) {
		const struct mh_field *f = &desc->fields[i];
		const void *v = body + f->offset;
		uint8_t kind = f->kind & ~MH_OPT;
		bool pointer_kind = kind == MH_ASCII_Z || kind == MH_UTF16_Z || kind == MH_RESTRICTION;
		if ((f->kind & MH_OPT) && !pointer_kind) {
			v = *(const void *const *)v;
			if (v == NULL)
				continue;
		} else if (pointer_kind && *(const void *const *)v == NULL) {
			continue;
		}
		dump_field(o, f, v);
	}
}

static bool parse_type(const struct dump_input *in, const char *kind, enum mapi_http_request_type *type)
{
	if (mapi_http_request_type_parse(in->args[0], type) != 0 || *type >= MAPI_HTTP_BODY_TYPES) {
		dump_fail(
		        kind, 0,
		        "TYPE must be an X-RequestType with a body (Connect, Execute, Bind, QueryRows ...), "
		        "not '%s'",
		        in->args[0]);
		return false;
	}
	return true;
}

static int run_request(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	enum mapi_http_request_type type;
	if (!parse_type(in, "mapihttp-request", &type))
		return 1;
	struct mapi_http_request *req;
	int err = mapi_http_request_pull(mem, type, in->data, in->len, &req);
	if (err != 0)
		return dump_fail("mapihttp-request", 0, "not a %s request body: %s",
		                 mapi_http_request_type_name(type), wc_strerror(err));
	dump_begin_object(o, NULL);
	dump_str(o, "request_type", mapi_http_request_type_name(type));
	dump_body_fields(o, mapi_http_body_desc(type, false),
	                 (const unsigned char *)req + offsetof(struct mapi_http_request, connect));
	dump_bytes(o, "auxiliary_buffer", req->aux.data, req->aux.len);
	dump_end_object(o);
	return 0;
}

static int run_response(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	enum mapi_http_request_type type;
	if (!parse_type(in, "mapihttp-response", &type))
		return 1;
	struct mapi_http_response *rsp;
	int err = mapi_http_response_pull(mem, type, in->data, in->len, &rsp);
	if (err != 0)
		return dump_fail("mapihttp-response", 0, "not a %s response body: %s",
		                 mapi_http_request_type_name(type), wc_strerror(err));
	dump_begin_object(o, NULL);
	dump_str(o, "request_type", mapi_http_request_type_name(type));
	dump_hex(o, "status_code", rsp->status_code, 8);
	if (rsp->status_code == 0) {
		dump_error_code(o, "error_code", rsp->error_code);
		dump_body_fields(o, mapi_http_body_desc(type, true),
		                 (const unsigned char *)rsp + offsetof(struct mapi_http_response, connect));
	}
	dump_bytes(o, "auxiliary_buffer", rsp->aux.data, rsp->aux.len);
	dump_end_object(o);
	return 0;
}

const struct dump_kind dump_kind_mapihttp_request = {
        .name = "mapihttp-request",
        .nargs = 1,
        .args_usage = "TYPE",
        .help = "MAPI/HTTP request body of an X-RequestType",
        .run = run_request,
};
const struct dump_kind dump_kind_mapihttp_response = {
        .name = "mapihttp-response",
        .nargs = 1,
        .args_usage = "TYPE",
        .help = "MAPI/HTTP response body of an X-RequestType",
        .run = run_response,
};
