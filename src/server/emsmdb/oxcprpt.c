/* MS-OXCPRPT: the Property and Stream Object protocol, server side (3.2.5), property ROPs: get, set, delete
 * and copy properties of logon (store), folder, message and attachment objects, and map named properties to
 * property IDs. The stream ROPs are in oxcprpt_stream.c. Requests and responses are the decoded structs of
 * mapi/rop_oxcprpt.h; the objects are the mapistore ones kept in the handle table (emsmdb.h), a logon's
 * properties those of ms_mailbox_object().
 *
 * RopCopyProperties and RopCopyTo with WantAsynchronous run synchronously and answer with their own response,
 * which MS-OXCPRPT 3.2.5.7 / 3.2.5.8 allow ("the server can process this ROP asynchronously"). */
#include "server/emsmdb/emsmdb_rops.h"

#include <ctype.h>
#include <string.h>

#include "mapi/mapi_entryid.h"
#include "mapi/mapi_proptags_gen.h"
#include "mapi/mapi_types.h"
#include "store/mapistore.h"

/* The objects properties live on ("valid on Message, Folder, Attachment and Logon objects", MS-OXCPRPT 2.2.2
 * - 2.2.13); the copy ROPs take the first three, both ends of one kind (2.2.10, 3.2.5.8 error table:
 * NotSupported). */
#define PROPERTY_OBJECTS (EMSMDB_OBJ_LOGON | EMSMDB_OBJ_FOLDER | EMSMDB_OBJ_MESSAGE | EMSMDB_OBJ_ATTACHMENT)
#define COPY_OBJECTS (EMSMDB_OBJ_FOLDER | EMSMDB_OBJ_MESSAGE | EMSMDB_OBJ_ATTACHMENT)
/* How deep RopCopyTo follows embedded messages (each level is an attachment and its message) */
#define COPY_MAX_DEPTH 8

/* PS_INTERNET_HEADERS (MS-OXPROPS 1.3.2): its string names are matched in lowercase (3.2.5.10) */
static const struct wc_guid ps_internet_headers = {
        0x00020386, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};

/* The owner's Address Book EntryID (MS-OXCDATA 2.2.5.2): a mail user by its legacyExchangeDN. */
static uint32_t owner_entryid(TALLOC_CTX *mem, const char *dn, struct mapi_binary *out)
{
	*out = (struct mapi_binary){0, NULL};
	if (dn == NULL)
		return ecSuccess;
	struct mapi_entryid eid = {.kind = MAPI_ENTRYID_ADDRESS_BOOK,
	                           .ab = {.type = MAPI_AB_DT_MAILUSER, .x500_dn = (char *)dn}};
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (mapi_entryid_push(&w, &eid) != 0)
		return ecServerOOM;
	*out = (struct mapi_binary){(uint32_t)w.len, w.data};
	return ecSuccess;
}

/* The store object behind a server object of PROPERTY_OBJECTS */
static uint32_t property_object(struct emsmdb_rop_ctx *ctx, struct emsmdb_object *o, struct ms_object **out)
{
	switch (o->type) {
	case EMSMDB_OBJ_LOGON: {
		struct emsmdb_logon *l = o->data;
		struct mapi_binary eid;
		uint32_t ec = owner_entryid(ctx->mem, ctx->session->user_dn, &eid);
		if (ec != ecSuccess)
			return ec;
		return ms_mailbox_object(l->mailbox, ctx->mem, ctx->session->display_name, &eid, out);
	}
	case EMSMDB_OBJ_FOLDER:
		*out = ms_folder_object(o->data);
		return ecSuccess;
	case EMSMDB_OBJ_MESSAGE:
		*out = ms_message_object(o->data);
		return ecSuccess;
	case EMSMDB_OBJ_ATTACHMENT:
		*out = ms_attachment_object(o->data);
		return ecSuccess;
	}
	return ecNotSupported;
}

/* The request's input object, one of types, and its store object */
static struct emsmdb_object *input_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                              unsigned types, struct ms_object **mo, uint32_t *ec)
{
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, types, ec);
	if (o != NULL && (*ec = property_object(ctx, o, mo)) != ecSuccess)
		return NULL;
	return o;
}

/* ---- getting properties ---- */

static bool error_value(const struct mapi_propval *v)
{
	return PROP_TYPE(v->tag) == PT_ERROR;
}

/* MS-OXCPRPT 3.2.5.1: a string asked for without a type (PtypUnspecified) comes as Unicode when WantUnicode
 * is nonzero, else in MBCS (PtypString8). The store keeps strings as UTF-8, which is what the 8-bit form
 * carries too (no code page conversion). */
static void want_unicode(struct mapi_propval *v, uint16_t want)
{
	if (want != 0)
		return;
	if (PROP_TYPE(v->tag) == PT_UNICODE)
		v->tag = CHANGE_PROP_TYPE(v->tag, PT_STRING8);
	else if (PROP_TYPE(v->tag) == PT_MV_UNICODE)
		v->tag = CHANGE_PROP_TYPE(v->tag, PT_MV_STRING8);
}

/* The wire size of one value, or 0 when it does not encode */
static size_t value_size(const struct mapi_propval *v)
{
	struct wc_writer w;
	wc_writer_init(&w, NULL, 0);
	size_t n = mapi_value_push(&w, PROP_TYPE(v->tag), 0, &v->value) == 0 ? w.len : 0;
	talloc_free(w.data);
	return n;
}

/* MS-OXCPRPT 3.2.5.1 <4>, 3.1.4.5: a value that does not fit the response buffer is answered with
 * NotEnoughMemory in its place and read by the client as a stream. The server SHOULD ignore PropertySizeLimit
 * (3.2.5.1) and does; what limits the values is the room the ROP output buffer has left. build() turns the
 * values into the response; the largest values become errors until it encodes within the room. */
static uint32_t fit_values(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                           struct rop_response *rsp, struct mapi_propval *v, uint32_t n,
                           uint32_t (*build)(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                             struct rop_response *rsp, struct mapi_propval *v, uint32_t n))
{
	size_t room = rop_out_room(ctx->out, req);
	size_t *sizes = talloc_zero_array(ctx->mem, size_t, n ? n : 1);
	struct rop_ctx *codec = talloc(ctx->mem, struct rop_ctx);
	if (sizes == NULL || codec == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < n; i++)
		sizes[i] = error_value(&v[i]) ? 0 : value_size(&v[i]);
	for (;;) {
		uint32_t ec = build(ctx, req, rsp, v, n);
		if (ec != ecSuccess)
			return ec;
		struct wc_writer w;
		wc_writer_init(&w, codec, room);
		*codec = *ctx->out->ctx; /* the push records what it encodes: on a copy */
		rsp->return_value = ecSuccess;
		int rc = rop_response_push(&w, codec, req, rsp);
		talloc_free(w.data);
		uint32_t big = n;
		for (uint32_t i = 0; i < n; i++)
			if (sizes[i] > 4 && (big == n || sizes[i] >= sizes[big]))
				big = i;
		if (rc != WC_ESPACE || big == n)
			return ecSuccess; /* fits, or nothing left to shrink: RopBufferTooSmall follows */
		v[big] = (struct mapi_propval){.tag = CHANGE_PROP_TYPE(v[big].tag, PT_ERROR),
		                               .value.err = ecNotEnoughMemory};
		sizes[big] = 0;
	}
}

/* The PropertyRow of RopGetPropertiesSpecific (MS-OXCDATA 2.8.1): the values against the request's tags,
 * flagged when any is an error (the example of MS-OXCPRPT 4.3.2). */
static uint32_t build_row(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, struct rop_response *rsp,
                          struct mapi_propval *v, uint32_t n)
{
	const uint32_t *tags = req->get_properties_specific.property_tags;
	struct mapi_property_row *row = &rsp->get_properties_specific.row_data;
	if (row->values == NULL &&
	    (row->values = talloc_zero_array(ctx->mem, struct mapi_row_value, n ? n : 1)) == NULL)
		return ecServerOOM;
	row->count = n;
	row->flag = MAPI_ROW_STANDARD;
	for (uint32_t i = 0; i < n; i++) {
		struct mapi_row_value *rv = &row->values[i];
		rv->pv = v[i];
		rv->flag = MAPI_VALUE_PRESENT;
		if (error_value(&v[i])) {
			row->flag = MAPI_ROW_FLAGGED;
			rv->flag = MAPI_VALUE_ERROR;
			/* the column's own type, or PtypErrorCode for a column of PtypUnspecified */
			rv->pv.tag = PROP_TYPE(tags[i]) == PT_UNSPECIFIED ? v[i].tag : tags[i];
		}
	}
	return ecSuccess;
}

/* MS-OXCROPS 2.2.8.3, MS-OXCPRPT 3.2.5.1 RopGetPropertiesSpecific: one value per tag, in order; a property
 * the object lacks is an error value NotFound (0x8004010F). */
uint32_t emsmdb_rop_get_properties_specific(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                            struct rop_response *rsp)
{
	const struct rop_get_properties_specific_req *q = &req->get_properties_specific;
	struct ms_object *mo;
	uint32_t ec;
	if (input_properties(ctx, req, PROPERTY_OBJECTS, &mo, &ec) == NULL)
		return ec;
	struct mapi_propval *v;
	if ((ec = ms_props_get(mo, ctx->mem, q->property_tags, q->property_tag_count, &v)) != ecSuccess)
		return ec;
	for (uint32_t i = 0; i < q->property_tag_count; i++) {
		uint16_t type = PROP_TYPE(q->property_tags[i]);
		if (type != PT_UNSPECIFIED &&
		    !mapi_type_valid(type)) /* no value can have it: none is there */
			v[i] = (struct mapi_propval){.tag = CHANGE_PROP_TYPE(q->property_tags[i], PT_ERROR),
			                             .value.err = ecNotFound};
		else if (type == PT_UNSPECIFIED)
			want_unicode(&v[i], q->want_unicode);
	}
	return fit_values(ctx, req, rsp, v, q->property_tag_count, build_row);
}

static uint32_t build_values(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                             struct rop_response *rsp, struct mapi_propval *v, uint32_t n)
{
	rsp->get_properties_all = (struct rop_property_values){(uint16_t)n, v};
	return ecSuccess;
}

/* MS-OXCROPS 2.2.8.4, MS-OXCPRPT 3.2.5.2 RopGetPropertiesAll: every property of the object, computed ones
 * included, as RopGetPropertiesSpecific would answer them asked for without a type. */
uint32_t emsmdb_rop_get_properties_all(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp)
{
	struct ms_object *mo;
	uint32_t ec, n;
	struct mapi_propval *v;
	if (input_properties(ctx, req, PROPERTY_OBJECTS, &mo, &ec) == NULL)
		return ec;
	if ((ec = ms_props_get_all(mo, ctx->mem, &v, &n)) != ecSuccess)
		return ec;
	if (n > UINT16_MAX)
		n = UINT16_MAX; /* PropertyValueCount has 16 bits */
	for (uint32_t i = 0; i < n; i++)
		want_unicode(&v[i], req->get_properties_all.want_unicode);
	return fit_values(ctx, req, rsp, v, n, build_values);
}

/* MS-OXCROPS 2.2.8.5, MS-OXCPRPT 3.2.5.3 RopGetPropertiesList: the tags of every property set on the object
 */
uint32_t emsmdb_rop_get_properties_list(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                        struct rop_response *rsp)
{
	struct ms_object *mo;
	uint32_t ec, n;
	uint32_t *tags;
	if (input_properties(ctx, req, PROPERTY_OBJECTS, &mo, &ec) == NULL)
		return ec;
	if ((ec = ms_props_list(mo, ctx->mem, &tags, &n)) != ecSuccess)
		return ec;
	/* a value too large to read inline is still a property of the object, with its type unknown here */
	for (uint32_t i = 0; i < n; i++)
		if (PROP_TYPE(tags[i]) == PT_ERROR)
			tags[i] = CHANGE_PROP_TYPE(tags[i], PT_UNSPECIFIED);
	rsp->get_properties_list =
	        (struct rop_property_tags){(uint16_t)(n > UINT16_MAX ? UINT16_MAX : n), tags};
	return ecSuccess;
}

/* ---- setting and deleting properties ---- */

/* MS-OXCROPS 2.2.8.6 - 2.2.8.9; MS-OXCPRPT 3.2.5.4, 3.2.5.5: RopSetProperties, RopSetPropertiesNoReplicate,
 * RopDeleteProperties, RopDeletePropertiesNoReplicate. Each value the object takes is set, each tag deleted
 * (a folder's and a logon's at once, a message's or attachment's until its save); a read-only or bad one
 * comes back as a PropertyProblem. This server replicates nothing, so the NoReplicate forms do the same. */
uint32_t emsmdb_rop_change_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp)
{
	const struct rop_property_values *set = NULL;
	const struct rop_property_tags *del = NULL;
	struct rop_property_problems *out;
	switch (req->id) {
	case ROP_SET_PROPERTIES:
		set = &req->set_properties;
		out = &rsp->set_properties;
		break;
	case ROP_SET_PROPERTIES_NO_REPLICATE:
		set = &req->set_properties_no_replicate;
		out = &rsp->set_properties_no_replicate;
		break;
	case ROP_DELETE_PROPERTIES:
		del = &req->delete_properties;
		out = &rsp->delete_properties;
		break;
	default:
		del = &req->delete_properties_no_replicate;
		out = &rsp->delete_properties_no_replicate;
	}
	struct ms_object *mo;
	uint32_t ec, n = 0;
	if (input_properties(ctx, req, PROPERTY_OBJECTS, &mo, &ec) == NULL)
		return ec;
	if (set != NULL)
		ec = ms_props_set(mo, set->property_values, set->property_value_count, ctx->mem,
		                  &out->property_problems, &n);
	else
		ec = ms_props_delete(mo, del->property_tags, del->property_tag_count, ctx->mem,
		                     &out->property_problems, &n);
	out->property_problem_count = (uint16_t)n;
	return ec;
}

/* ---- named properties ---- */

/* MS-OXCROPS 2.2.8.10, MS-OXCPRPT 3.2.5.6 RopQueryNamedProperties: every named property of the mailbox,
 * without the string names (NoStrings), the numeric ones (NoIds) or those of another property set
 * (PropertyGuid); other QueryFlags bits are ignored. */
uint32_t emsmdb_rop_query_named_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                           struct rop_response *rsp)
{
	const struct rop_query_named_properties_req *q = &req->query_named_properties;
	struct rop_query_named_properties_rsp *out = &rsp->query_named_properties;
	uint32_t ec, n;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, PROPERTY_OBJECTS, &ec);
	if (o == NULL)
		return ec;
	uint16_t *ids;
	struct mapi_propname *names;
	if ((ec = ms_named_list(emsmdb_logon_of(o)->mailbox, ctx->mem, &ids, &names, &n)) != ecSuccess)
		return ec;
	uint16_t k = 0;
	for (uint32_t i = 0; i < n && k < UINT16_MAX; i++) {
		if ((q->query_flags & QUERY_NAMED_NO_STRINGS && names[i].kind == MNID_STRING) ||
		    (q->query_flags & QUERY_NAMED_NO_IDS && names[i].kind == MNID_ID) ||
		    (q->has_guid && !wc_guid_equal(&names[i].guid, &q->property_guid)))
			continue;
		ids[k] = ids[i];
		names[k++] = names[i];
	}
	*out = (struct rop_query_named_properties_rsp){k, ids, names};
	return ecSuccess;
}

/* MS-OXCROPS 2.2.8.1, MS-OXCPRPT 3.2.5.10 RopGetPropertyIdsFromNames: the ID of each name (PS_MAPI names are
 * their LID; PS_INTERNET_HEADERS string names match in lowercase), registered when Flags has Create; an
 * unknown name is 0x0000. No names on a logon lists every registered ID. Out of IDs: OutOfMemory. */
uint32_t emsmdb_rop_get_property_ids_from_names(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                                struct rop_response *rsp)
{
	const struct rop_get_property_ids_from_names_req *q = &req->get_property_ids_from_names;
	struct rop_property_ids *out = &rsp->get_property_ids_from_names;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, PROPERTY_OBJECTS, &ec);
	if (o == NULL)
		return ec;
	struct ms_mailbox *mb = emsmdb_logon_of(o)->mailbox;
	if (q->property_name_count == 0 && o->type == EMSMDB_OBJ_LOGON) {
		struct mapi_propname *names;
		uint32_t n;
		if ((ec = ms_named_list(mb, ctx->mem, &out->property_ids, &names, &n)) != ecSuccess)
			return ec;
		out->property_id_count = (uint16_t)(n > UINT16_MAX ? UINT16_MAX : n);
		return ecSuccess;
	}
	uint16_t *ids =
	        talloc_zero_array(ctx->mem, uint16_t, q->property_name_count ? q->property_name_count : 1);
	if (ids == NULL)
		return ecServerOOM;
	for (uint16_t i = 0; i < q->property_name_count; i++) {
		struct mapi_propname name = q->property_names[i];
		if (name.kind == MNID_STRING && wc_guid_equal(&name.guid, &ps_internet_headers)) {
			if ((name.name = talloc_strdup(ctx->mem, name.name)) == NULL)
				return ecServerOOM;
			for (char *c = name.name; *c != '\0'; c++)
				*c = (char)tolower((unsigned char)*c);
		}
		ec = ms_named_get_id(mb, &name, (q->flags & PROPERTY_IDS_CREATE) != 0, &ids[i]);
		if (ec == ecNPQuotaExceeded)
			return ecNotEnoughMemory; /* 3.2.5.10: the 32,767 IDs are used up */
		if (ec == ecNotFound || ec == ecInvalidParam)
			ids[i] = 0; /* 3.2.5.10 step 3 */
		else if (ec != ecSuccess)
			return ec;
	}
	*out = (struct rop_property_ids){q->property_name_count, ids};
	return ecSuccess;
}

/* MS-OXCROPS 2.2.8.2, MS-OXCPRPT 3.2.5.9 RopGetNamesFromPropertyIds: the PropertyName of each ID (below
 * 0x8000: PS_MAPI with the ID as LID); an ID without a name gets Kind 0xFF. */
uint32_t emsmdb_rop_get_names_from_property_ids(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                                struct rop_response *rsp)
{
	const struct rop_property_ids *q = &req->get_names_from_property_ids;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, PROPERTY_OBJECTS, &ec);
	if (o == NULL)
		return ec;
	struct ms_mailbox *mb = emsmdb_logon_of(o)->mailbox;
	struct mapi_propname *names = talloc_zero_array(ctx->mem, struct mapi_propname,
	                                                q->property_id_count ? q->property_id_count : 1);
	if (names == NULL)
		return ecServerOOM;
	for (uint16_t i = 0; i < q->property_id_count; i++) {
		ec = ms_named_get_name(mb, q->property_ids[i], names, &names[i]);
		if (ec == ecNotFound)
			names[i] = (struct mapi_propname){.kind = MNID_NONE};
		else if (ec != ecSuccess)
			return ec;
	}
	rsp->get_names_from_property_ids = (struct rop_property_names){q->property_id_count, names};
	return ecSuccess;
}

/* ---- copying properties ---- */

/* A value too large to read inline (NotEnoughMemory from the store) goes through streams: its type is the
 * first of the streamable ones the source opens it with. */
static uint32_t copy_large(struct ms_object *src, struct ms_object *dst, uint16_t propid)
{
	static const uint16_t types[] = {PT_BINARY, PT_UNICODE, PT_OBJECT};
	struct ms_stream *in = NULL, *out = NULL;
	uint32_t tag = 0, ec = ecNotFound;
	for (size_t i = 0; ec != ecSuccess && i < sizeof types / sizeof types[0]; i++)
		ec = ms_stream_open(src, tag = PROP_TAG(types[i], propid), MS_STREAM_READ, &in);
	if (ec == ecSuccess)
		ec = ms_stream_open(dst, tag, MS_STREAM_CREATE, &out);
	uint8_t *buf = ec == ecSuccess ? talloc_size(NULL, 65536) : NULL;
	if (ec == ecSuccess && buf == NULL)
		ec = ecServerOOM;
	for (uint32_t nread = 1; ec == ecSuccess && nread > 0;) {
		uint32_t nwritten;
		ec = ms_stream_read(in, buf, 65536, &nread);
		if (ec == ecSuccess && nread > 0)
			ec = ms_stream_write(out, buf, nread, &nwritten);
	}
	if (ec == ecSuccess)
		ec = ms_stream_commit(out);
	talloc_free(buf);
	talloc_free(in);
	talloc_free(out);
	return ec;
}

static uint32_t add_problem(TALLOC_CTX *mem, struct rop_copy_properties_rsp *out, uint16_t index,
                            uint32_t tag, uint32_t error)
{
	struct mapi_propproblem *p = talloc_realloc(mem, out->property_problems, struct mapi_propproblem,
	                                            out->property_problem_count + 1u);
	if (p == NULL)
		return ecServerOOM;
	p[out->property_problem_count++] = (struct mapi_propproblem){index, tag, error};
	out->property_problems = p;
	return ecSuccess;
}

/* MS-OXCPRPT 3.2.5.7 / 3.2.5.8: copies (with COPY_FLAG_MOVE: moves) the properties tags of src to dst;
 * with COPY_FLAG_NO_OVERWRITE a property dst has stays. A property that cannot be copied is a problem at its
 * index in tags, unless only_writable (RopCopyTo: "only the writable properties"), which skips the
 * read-only ones. */
static uint32_t copy_properties(TALLOC_CTX *mem, struct ms_object *src, struct ms_object *dst,
                                const uint32_t *tags, uint16_t count, uint8_t flags, bool only_writable,
                                struct rop_copy_properties_rsp *out)
{
	struct mapi_propval *v, *have = NULL;
	uint32_t ec = ms_props_get(src, mem, tags, count, &v);
	if (ec == ecSuccess && flags & COPY_FLAG_NO_OVERWRITE)
		ec = ms_props_get(dst, mem, tags, count, &have);
	struct mapi_propval *set = talloc_array(mem, struct mapi_propval, count ? count : 1);
	uint16_t *index = talloc_array(mem, uint16_t, count ? count : 1);
	uint32_t *moved = talloc_array(mem, uint32_t, count ? count : 1);
	if (ec == ecSuccess && (set == NULL || index == NULL || moved == NULL))
		ec = ecServerOOM;
	uint32_t nset = 0, nmoved = 0;
	for (uint16_t i = 0; ec == ecSuccess && i < count; i++) {
		if (have != NULL && !(error_value(&have[i]) && have[i].value.err == ecNotFound))
			continue; /* NoOverwrite: dst has it */
		if (error_value(&v[i]) && v[i].value.err == ecNotEnoughMemory) {
			uint32_t err = copy_large(src, dst, PROP_ID(tags[i]));
			if (err == ecSuccess)
				moved[nmoved++] = tags[i];
			else if (!(only_writable && err == ecAccessDenied))
				ec = add_problem(mem, out, i, tags[i], err);
		} else if (error_value(&v[i])) {
			ec = add_problem(mem, out, i, tags[i], v[i].value.err);
		} else {
			index[nset] = i;
			set[nset++] = v[i];
		}
	}
	struct mapi_propproblem *pp = NULL;
	uint32_t np = 0;
	if (ec == ecSuccess)
		ec = ms_props_set(dst, set, nset, mem, &pp, &np);
	for (uint32_t i = 0, p = 0; ec == ecSuccess && i < nset; i++) {
		if (p < np && pp[p].index == i) {
			if (!(only_writable && pp[p].error == ecAccessDenied))
				ec = add_problem(mem, out, index[i], tags[index[i]], pp[p].error);
			p++;
		} else {
			moved[nmoved++] = set[i].tag;
		}
	}
	/* Move: what was copied leaves the source (<6>, <8>: as Exchange does) */
	if (ec == ecSuccess && flags & COPY_FLAG_MOVE && nmoved > 0)
		ec = ms_props_delete(src, moved, nmoved, mem, &pp, &np);
	return ec;
}

/* The one 64-bit or 32-bit column of every row of t (IDs, attachment numbers) */
static uint32_t table_column(struct ms_table *t, uint32_t tag, TALLOC_CTX *mem, uint64_t **values,
                             uint32_t *n)
{
	struct mapi_property_row *rows = NULL;
	uint32_t total = 0;
	*n = 0;
	uint32_t ec = ms_table_set_columns(t, &tag, 1);
	if (ec == ecSuccess)
		ec = ms_table_get_row_count(t, &total);
	if (ec == ecSuccess && total > 0)
		ec = ms_table_query_rows(t, mem, total, true, true, &rows, n);
	if (ec == ecSuccess && (*values = talloc_array(mem, uint64_t, *n ? *n : 1)) == NULL)
		ec = ecServerOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < *n; i++) {
		const struct mapi_propval *pv = &rows[i].values[0].pv;
		(*values)[i] = PROP_TYPE(tag) == PT_I8 ? (uint64_t)pv->value.i64 : (uint32_t)pv->value.i32;
	}
	return ec;
}

static uint32_t copy_to_object(TALLOC_CTX *mem, struct ms_object *src, struct ms_object *dst, uint8_t flags,
                               const uint32_t *excluded, uint16_t nexcluded,
                               struct rop_copy_properties_rsp *out);

static uint32_t copy_message_subobjects(TALLOC_CTX *mem, struct ms_message *src, struct ms_message *dst,
                                        int depth);

/* RopCopyTo's subobject of an attachment: its embedded message, if it has one, with that message's own
 * subobjects */
static uint32_t copy_embedded(TALLOC_CTX *mem, struct ms_attachment *src, struct ms_attachment *dst,
                              int depth)
{
	struct ms_message *ea, *eb;
	struct rop_copy_properties_rsp ignored = {0};
	if (ms_attachment_open_embedded(src, MS_OPEN_READONLY, &ea) != ecSuccess)
		return ecSuccess;
	if (depth >= COPY_MAX_DEPTH)
		return ecTooComplex;
	uint32_t ec = ms_attachment_open_embedded(dst, MS_OPEN_CREATE, &eb);
	if (ec == ecSuccess)
		ec = copy_to_object(mem, ms_message_object(ea), ms_message_object(eb), 0, NULL, 0, &ignored);
	if (ec == ecSuccess)
		ec = copy_message_subobjects(mem, ea, eb, depth + 1);
	if (ec == ecSuccess)
		ec = ms_message_save(eb, 0);
	return ec;
}

/* RopCopyTo's subobjects of a message (MS-OXCPRPT 2.2.11.1 WantSubObjects): its recipients and attachments,
 * embedded messages with them. */
static uint32_t copy_message_subobjects(TALLOC_CTX *mem, struct ms_message *src, struct ms_message *dst,
                                        int depth)
{
	struct ms_recipient *rows;
	uint32_t n = 0;
	uint32_t ec = ms_message_read_recipients(src, 0, mem, &rows, &n);
	if (ec == ecSuccess)
		ec = ms_message_modify_recipients(dst, rows, n);
	else if (ec == ecNotFound)
		ec = ecSuccess; /* no recipients */
	struct ms_table *t = NULL;
	uint64_t *nums = NULL;
	if (ec == ecSuccess)
		ec = ms_message_attachment_table(src, &t);
	if (ec == ecSuccess)
		ec = table_column(t, PidTagAttachNumber, mem, &nums, &n);
	talloc_free(t);
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		struct ms_attachment *a = NULL, *b = NULL;
		uint32_t num;
		struct rop_copy_properties_rsp ignored = {0};
		ec = ms_attachment_open(src, (uint32_t)nums[i], MS_OPEN_READONLY, &a);
		if (ec == ecSuccess)
			ec = ms_attachment_create(dst, &b, &num);
		if (ec == ecSuccess)
			ec = copy_to_object(mem, ms_attachment_object(a), ms_attachment_object(b), 0, NULL, 0,
			                    &ignored);
		if (ec == ecSuccess)
			ec = copy_embedded(mem, a, b, depth);
		if (ec == ecSuccess)
			ec = ms_attachment_save(b);
		talloc_free(a);
		talloc_free(b);
	}
	return ec;
}

/* The properties of src not in excluded, copied to dst (RopCopyTo without subobjects) */
static uint32_t copy_to_object(TALLOC_CTX *mem, struct ms_object *src, struct ms_object *dst, uint8_t flags,
                               const uint32_t *excluded, uint16_t nexcluded,
                               struct rop_copy_properties_rsp *out)
{
	uint32_t *tags, n;
	uint32_t ec = ms_props_list(src, mem, &tags, &n);
	if (ec != ecSuccess)
		return ec;
	uint16_t k = 0;
	for (uint32_t i = 0; i < n && k < UINT16_MAX; i++) {
		bool skip = false;
		for (uint16_t j = 0; j < nexcluded && !skip; j++)
			skip = PROP_ID(excluded[j]) == PROP_ID(tags[i]);
		if (!skip) /* large values are listed as errors: ask for them by ID alone */
			tags[k++] = PROP_TYPE(tags[i]) == PT_ERROR ? CHANGE_PROP_TYPE(tags[i], PT_UNSPECIFIED)
			                                           : tags[i];
	}
	return copy_properties(mem, src, dst, tags, k, flags, true, out);
}

/* Whether the folder fid is folder top or below it (MS-OXCPRPT 3.2.5.8 FolderCycle) */
static uint32_t folder_within(struct ms_mailbox *mb, TALLOC_CTX *mem, uint64_t fid, uint64_t top,
                              bool *within)
{
	static const uint32_t parent_tag = PidTagParentFolderId;
	*within = false;
	for (int depth = 0; fid != 0 && depth < 1000; depth++) {
		if (fid == top) {
			*within = true;
			return ecSuccess;
		}
		struct ms_folder *f;
		struct mapi_propval *v;
		uint32_t ec = ms_folder_open(mb, fid, mem, &f);
		if (ec == ecSuccess)
			ec = ms_props_get(ms_folder_object(f), mem, &parent_tag, 1, &v);
		if (ec != ecSuccess)
			return ec;
		fid = error_value(v) ? 0 : (uint64_t)v->value.i64;
	}
	return ecSuccess;
}

/* RopCopyTo's subobjects of a folder: its subfolders (CollidingNames when dst has one of the same name) and
 * its messages, normal and associated; dst is not src nor below it. */
static uint32_t copy_folder_subobjects(TALLOC_CTX *mem, struct ms_mailbox *mb, struct ms_folder *src,
                                       struct ms_folder *dst)
{
	struct ms_table *t = NULL;
	uint64_t *ids;
	uint32_t n = 0;
	uint32_t ec = ms_folder_hierarchy_table(src, 0, &t);
	if (ec == ecSuccess)
		ec = table_column(t, PidTagFolderId, mem, &ids, &n);
	talloc_free(t); /* below src: gone with it otherwise, long after this ROP */
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		static const uint32_t name_tag = PidTagDisplayName;
		struct ms_folder *child;
		struct mapi_propval *name;
		uint64_t new_fid;
		ec = ms_folder_open(mb, ids[i], mem, &child);
		if (ec == ecSuccess)
			ec = ms_props_get(ms_folder_object(child), mem, &name_tag, 1, &name);
		if (ec == ecSuccess)
			ec = ms_folder_copy(src, ids[i], dst, error_value(name) ? NULL : name->value.str,
			                    true, &new_fid);
	}
	for (int assoc = 0; ec == ecSuccess && assoc < 2; assoc++) {
		bool partial;
		t = NULL;
		ec = ms_folder_contents_table(src, assoc ? MS_TABLE_ASSOCIATED : 0, &t);
		if (ec == ecSuccess)
			ec = table_column(t, PidTagMid, mem, &ids, &n);
		talloc_free(t);
		if (ec == ecSuccess && n > 0)
			ec = ms_folder_move_copy_messages(src, dst, ids, n, true, NULL, &partial);
	}
	return ec;
}

/* Whether o is anc or lies below it in the handle tree (an embedded message of a message, MessageCycle) */
static bool object_below(const struct emsmdb_object *o, const struct emsmdb_object *anc)
{
	for (; o != NULL; o = o->parent)
		if (o == anc)
			return true;
	return false;
}

/* The source and destination of RopCopyProperties / RopCopyTo: objects of one kind (MS-OXCPRPT 3.2.5.8
 * NotSupported); a destination index naming nothing is NullDestinationObject with DestHandleIndex
 * (MS-OXCROPS 2.2.8.11.3); CopyFlags other than Move and NoOverwrite are InvalidParameter, Move on a folder
 * NotSupported (3.2.5.7, 3.2.5.8). */
static uint32_t copy_ends(struct emsmdb_rop_ctx *ctx, const struct rop_request *req, uint8_t flags,
                          struct rop_copy_properties_rsp *out, struct emsmdb_object **src,
                          struct emsmdb_object **dst, struct ms_object **msrc, struct ms_object **mdst)
{
	uint32_t ec;
	if ((*src = input_properties(ctx, req, COPY_OBJECTS, msrc, &ec)) == NULL)
		return ec;
	if ((*dst = emsmdb_object_at(ctx, req->dest_handle_index, COPY_OBJECTS, &ec)) == NULL) {
		if (ec == ecNullObject)
			out->dest_handle_index = req->dest_handle_index;
		return ec == ecNullObject ? ecDstNullObject : ec;
	}
	if ((*dst)->type != (*src)->type)
		return ecNotSupported;
	if (flags & ~(COPY_FLAG_MOVE | COPY_FLAG_NO_OVERWRITE))
		return ecInvalidParam;
	if ((*src)->type == EMSMDB_OBJ_FOLDER && flags & COPY_FLAG_MOVE)
		return ecNotSupported;
	return property_object(ctx, *dst, mdst);
}

/* MS-OXCROPS 2.2.8.11, MS-OXCPRPT 3.2.5.7 RopCopyProperties: the listed properties from the source to the
 * destination object; one the source lacks is a problem (NotFound). */
uint32_t emsmdb_rop_copy_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp)
{
	const struct rop_copy_properties_req *q = &req->copy_properties;
	struct emsmdb_object *src, *dst;
	struct ms_object *msrc, *mdst;
	uint32_t ec = copy_ends(ctx, req, q->copy_flags, &rsp->copy_properties, &src, &dst, &msrc, &mdst);
	if (ec != ecSuccess)
		return ec;
	return copy_properties(ctx->mem, msrc, mdst, q->property_tags, q->property_tag_count, q->copy_flags,
	                       false, &rsp->copy_properties);
}

/* MS-OXCROPS 2.2.8.12, MS-OXCPRPT 3.2.5.8 RopCopyTo: every writable property of the source but the excluded
 * ones, and with WantSubObjects its subobjects: a message's recipients and attachments, an attachment's
 * embedded message, a folder's subfolders and messages. */
uint32_t emsmdb_rop_copy_to(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp)
{
	const struct rop_copy_to_req *q = &req->copy_to;
	struct emsmdb_object *src, *dst;
	struct ms_object *msrc, *mdst;
	uint32_t ec = copy_ends(ctx, req, q->copy_flags, &rsp->copy_to, &src, &dst, &msrc, &mdst);
	if (ec != ecSuccess)
		return ec;
	if (q->want_sub_objects && src->type != EMSMDB_OBJ_FOLDER && src != dst && object_below(dst, src))
		return ecMsgCycle; /* the destination is inside the source */
	bool within = false;
	if (q->want_sub_objects && src->type == EMSMDB_OBJ_FOLDER &&
	    (ec = folder_within(emsmdb_logon_of(src)->mailbox, ctx->mem, ms_folder_get_id(dst->data),
	                        ms_folder_get_id(src->data), &within)) != ecSuccess)
		return ec;
	if (within)
		return ecRootFolder; /* FolderCycle: the destination is the source or below it */
	ec = copy_to_object(ctx->mem, msrc, mdst, q->copy_flags, q->excluded_tags, q->excluded_tag_count,
	                    &rsp->copy_to);
	if (ec != ecSuccess || !q->want_sub_objects)
		return ec;
	switch (src->type) {
	case EMSMDB_OBJ_FOLDER:
		return copy_folder_subobjects(ctx->mem, emsmdb_logon_of(src)->mailbox, src->data, dst->data);
	case EMSMDB_OBJ_MESSAGE:
		return copy_message_subobjects(ctx->mem, src->data, dst->data, 0);
	}
	return copy_embedded(ctx->mem, src->data, dst->data, 0);
}
