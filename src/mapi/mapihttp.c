/* MS-OXCMAPIHTTP 2.2.3.3.1 request types, 2.2.3.3.3 response codes, and the interpreter that decodes and
 * encodes the 2.2.4 / 2.2.5 bodies from the field tables of mapihttp_emsmdb.c and mapihttp_nspi.c. */
#include "mapi/mapihttp.h"

#include <stdbool.h>
#include <string.h>
#include <strings.h>

#include "common/wc_error.h"
#include "mapi/mapihttp_private.h"

/* ---- 2.2.3.3.1 X-RequestType ---- */

static const struct {
	const char *name;
	unsigned endpoints;
} request_types[MAPI_HTTP_REQUEST_TYPES] = {
        [MAPI_HTTP_CONNECT] = {"Connect", MAPI_HTTP_EP_MAILBOX},
        [MAPI_HTTP_EXECUTE] = {"Execute", MAPI_HTTP_EP_MAILBOX},
        [MAPI_HTTP_DISCONNECT] = {"Disconnect", MAPI_HTTP_EP_MAILBOX},
        [MAPI_HTTP_NOTIFICATION_WAIT] = {"NotificationWait", MAPI_HTTP_EP_MAILBOX},
        [MAPI_HTTP_BIND] = {"Bind", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_UNBIND] = {"Unbind", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_COMPARE_MIDS] = {"CompareMIds", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_DN_TO_MID] = {"DNToMId", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_MATCHES] = {"GetMatches", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_PROP_LIST] = {"GetPropList", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_PROPS] = {"GetProps", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_SPECIAL_TABLE] = {"GetSpecialTable", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_TEMPLATE_INFO] = {"GetTemplateInfo", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_MOD_LINK_ATT] = {"ModLinkAtt", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_MOD_PROPS] = {"ModProps", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_QUERY_ROWS] = {"QueryRows", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_QUERY_COLUMNS] = {"QueryColumns", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_RESOLVE_NAMES] = {"ResolveNames", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_RESORT_RESTRICTION] = {"ResortRestriction", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_SEEK_ENTRIES] = {"SeekEntries", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_UPDATE_STAT] = {"UpdateStat", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_MAILBOX_URL] = {"GetMailboxUrl", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_GET_ADDRESS_BOOK_URL] = {"GetAddressBookUrl", MAPI_HTTP_EP_ADDRESS_BOOK},
        [MAPI_HTTP_PING] = {"PING", MAPI_HTTP_EP_MAILBOX | MAPI_HTTP_EP_ADDRESS_BOOK},
};

const char *mapi_http_request_type_name(enum mapi_http_request_type type)
{
	return (unsigned)type < MAPI_HTTP_REQUEST_TYPES ? request_types[type].name : NULL;
}

unsigned mapi_http_request_type_endpoints(enum mapi_http_request_type type)
{
	return (unsigned)type < MAPI_HTTP_REQUEST_TYPES ? request_types[type].endpoints : 0;
}

int mapi_http_request_type_parse(const char *name, enum mapi_http_request_type *type)
{
	for (unsigned i = 0; i < MAPI_HTTP_REQUEST_TYPES; i++) {
		if (strcasecmp(name, request_types[i].name) == 0) {
			*type = (enum mapi_http_request_type)i;
			return 0;
		}
	}
	return WC_EINVAL;
}

/* ---- 2.2.3.3.3 X-ResponseCode ---- */

static const char *const response_codes[] = {
        "Success",
        "Unknown Failure",
        "Invalid Verb",
        "Invalid Path",
        "Invalid Header",
        "Invalid Request Type",
        "Invalid Context Cookie",
        "Missing Header",
        "Anonymous Not Allowed",
        "Too Large",
        "Context Not Found",
        "No Privilege",
        "Invalid Request Body",
        "Missing Cookie",
        "Reserved",
        "Invalid Sequence",
        "Endpoint Disabled",
        "Invalid Response",
        "Endpoint Shutting Down",
};

const char *mapi_http_response_code_name(uint32_t code)
{
	return code < sizeof response_codes / sizeof response_codes[0] ? response_codes[code] : NULL;
}

/* ---- field kinds ---- */

static int u8_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return wc_read_u8(r, dst) ? 0 : WC_EFORMAT;
}

static int u8_push(struct wc_writer *w, const void *src)
{
	wc_write_u8(w, *(const uint8_t *)src);
	return wc_writer_status(w);
}

/* also int32_t fields: C lets a signed integer be accessed through its unsigned type */
static int u32_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return wc_read_u32(r, dst) ? 0 : WC_EFORMAT;
}

static int u32_push(struct wc_writer *w, const void *src)
{
	wc_write_u32(w, *(const uint32_t *)src);
	return wc_writer_status(w);
}

static int guid_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return wc_read_guid(r, dst) ? 0 : WC_EFORMAT;
}

static int guid_push(struct wc_writer *w, const void *src)
{
	wc_write_guid(w, src);
	return wc_writer_status(w);
}

static int ascii_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return wc_read_ascii_z(r, mem, dst) ? 0 : WC_EFORMAT;
}

static int ascii_push(struct wc_writer *w, const void *src)
{
	wc_write_ascii_z(w, *(char *const *)src);
	return wc_writer_status(w);
}

static int utf16_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return wc_read_utf16_z(r, mem, dst) ? 0 : WC_EFORMAT;
}

static int utf16_push(struct wc_writer *w, const void *src)
{
	wc_write_utf16_z(w, *(char *const *)src);
	return wc_writer_status(w);
}

/* A 32-bit size and that many bytes: RopBufferSize/RopBuffer, AuxiliaryBufferSize/AuxiliaryBuffer */
static int blob_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	struct mapi_binary *b = dst;
	uint32_t len;
	uint8_t *data;
	if (!wc_read_u32(r, &len) || len > wc_reader_left(r))
		return WC_EFORMAT;
	if (!wc_read_blob(r, mem, len, &data))
		return WC_ENOMEM;
	b->len = len;
	b->data = data;
	return 0;
}

static int blob_push(struct wc_writer *w, const void *src)
{
	const struct mapi_binary *b = src;
	if (b->len > 0 && b->data == NULL)
		return WC_EINVAL;
	wc_write_u32(w, b->len);
	wc_write_bytes(w, b->data, b->len);
	return wc_writer_status(w);
}

static int stat_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_nspi_stat_pull(r, dst);
}

static int stat_push(struct wc_writer *w, const void *src)
{
	return mapi_nspi_stat_push(w, src);
}

static int u32_array_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_u32_array_pull(r, mem, dst);
}

static int u32_array_push(struct wc_writer *w, const void *src)
{
	return mapi_u32_array_push(w, src);
}

static int strings_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_nspi_strings_pull(r, mem, false, dst);
}

static int strings_push(struct wc_writer *w, const void *src)
{
	return mapi_nspi_strings_push(w, false, src);
}

static int wstrings_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_nspi_strings_pull(r, mem, true, dst);
}

static int wstrings_push(struct wc_writer *w, const void *src)
{
	return mapi_nspi_strings_push(w, true, src);
}

/* MS-OXCDATA 2.12 restrictions count their members in 16 bits in ROP buffers and 32 bits elsewhere; like the
 * property values of this protocol (MS-OXCDATA 2.11.1) the Filter of GetMatches uses the 32-bit form. */
static int restriction_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_restriction_pull(r, mem, MAPI_PV_COUNT32, dst);
}

static int restriction_push(struct wc_writer *w, const void *src)
{
	return mapi_restriction_push(w, MAPI_PV_COUNT32, *(struct mapi_restriction *const *)src);
}

static int propname_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	struct mapi_nspi_propname *p = dst;
	return wc_read_guid(r, &p->guid) && wc_read_u32(r, &p->id) ? 0 : WC_EFORMAT;
}

static int propname_push(struct wc_writer *w, const void *src)
{
	const struct mapi_nspi_propname *p = src;
	wc_write_guid(w, &p->guid);
	wc_write_u32(w, p->id);
	return wc_writer_status(w);
}

static int entryids_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_nspi_entryids_pull(r, mem, dst);
}

static int entryids_push(struct wc_writer *w, const void *src)
{
	return mapi_nspi_entryids_push(w, src);
}

static int proplist_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_abk_proplist_pull(r, mem, dst);
}

static int proplist_push(struct wc_writer *w, const void *src)
{
	return mapi_abk_proplist_push(w, src);
}

static int proplists_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_abk_proplists_pull(r, mem, dst);
}

static int proplists_push(struct wc_writer *w, const void *src)
{
	return mapi_abk_proplists_push(w, src);
}

static int tagged_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_abk_tagged_pull(r, mem, dst);
}

static int tagged_push(struct wc_writer *w, const void *src)
{
	return mapi_abk_tagged_push(w, src);
}

static int rowset_pull(struct wc_reader *r, TALLOC_CTX *mem, void *dst)
{
	return mapi_abk_rowset_pull(r, mem, dst);
}

static int rowset_push(struct wc_writer *w, const void *src)
{
	return mapi_abk_rowset_push(w, src);
}

static const struct {
	size_t size;  /* of the C type, for MH_OPT fields that are not pointers already */
	bool pointer; /* the C type is a pointer (strings, restriction) */
	int (*pull)(struct wc_reader *r, TALLOC_CTX *mem, void *dst);
	int (*push)(struct wc_writer *w, const void *src);
} kinds[MH_KINDS] = {
        [MH_U8] = {sizeof(uint8_t), false, u8_pull, u8_push},
        [MH_U32] = {sizeof(uint32_t), false, u32_pull, u32_push},
        [MH_GUID] = {sizeof(struct wc_guid), false, guid_pull, guid_push},
        [MH_ASCII_Z] = {sizeof(char *), true, ascii_pull, ascii_push},
        [MH_UTF16_Z] = {sizeof(char *), true, utf16_pull, utf16_push},
        [MH_BLOB] = {sizeof(struct mapi_binary), false, blob_pull, blob_push},
        [MH_STAT] = {sizeof(struct mapi_nspi_stat), false, stat_pull, stat_push},
        [MH_U32_ARRAY] = {sizeof(struct mapi_u32_array), false, u32_array_pull, u32_array_push},
        [MH_STRINGS] = {sizeof(struct mapi_nspi_strings), false, strings_pull, strings_push},
        [MH_WSTRINGS] = {sizeof(struct mapi_nspi_strings), false, wstrings_pull, wstrings_push},
        [MH_RESTRICTION] = {sizeof(struct mapi_restriction *), true, restriction_pull, restriction_push},
        [MH_PROPNAME] = {sizeof(struct mapi_nspi_propname), false, propname_pull, propname_push},
        [MH_ENTRYIDS] = {sizeof(struct mapi_nspi_entryids), false, entryids_pull, entryids_push},
        [MH_PROPLIST] = {sizeof(struct mapi_abk_proplist), false, proplist_pull, proplist_push},
        [MH_PROPLISTS] = {sizeof(struct mapi_abk_proplists), false, proplists_pull, proplists_push},
        [MH_TAGGED] = {sizeof(struct mapi_abk_value), false, tagged_pull, tagged_push},
        [MH_ROWSET] = {sizeof(struct mapi_abk_rowset), false, rowset_pull, rowset_push},
};

/* ---- the interpreter ---- */

/* A Has* byte (e.g. HasState): "A Boolean value ... present when nonzero". TRUE is written as 0xFF, the value
 * 2.2.1.1 gives TRUE. */
#define HAS_TRUE 0xFF

static int body_pull(struct wc_reader *r, TALLOC_CTX *mem, const struct mh_body *body, void *base)
{
	for (unsigned i = 0; i < body->nfields; i++) {
		const struct mh_field *f = &body->fields[i];
		unsigned kind = f->kind & ~MH_OPT;
		void *dst = (char *)base + f->offset;
		if (f->kind & MH_OPT) {
			uint8_t has;
			if (!wc_read_u8(r, &has))
				return WC_EFORMAT;
			if (has == 0)
				continue; /* the pointer stays NULL */
			if (!kinds[kind].pointer) {
				void *obj = talloc_zero_size(mem, kinds[kind].size);
				if (obj == NULL)
					return WC_ENOMEM;
				memcpy(dst, &obj, sizeof obj); /* the field is a pointer to the kind's type */
				dst = obj;
			}
		}
		int rc = kinds[kind].pull(r, mem, dst);
		if (rc != 0)
			return rc;
	}
	return 0;
}

static int body_push(struct wc_writer *w, const struct mh_body *body, const void *base)
{
	for (unsigned i = 0; i < body->nfields; i++) {
		const struct mh_field *f = &body->fields[i];
		unsigned kind = f->kind & ~MH_OPT;
		const void *src = (const char *)base + f->offset;
		const void *ptr = NULL;
		if ((f->kind & MH_OPT) || kinds[kind].pointer)
			memcpy(&ptr, src, sizeof ptr);
		if (f->kind & MH_OPT) {
			wc_write_u8(w, ptr != NULL ? HAS_TRUE : 0);
			if (ptr == NULL)
				continue;
			if (!kinds[kind].pointer)
				src = ptr;
		} else if (kinds[kind].pointer && ptr == NULL) {
			return WC_EINVAL; /* a required string */
		}
		int rc = kinds[kind].push(w, src);
		if (rc != 0)
			return rc;
	}
	return wc_writer_status(w);
}

static const struct mh_body *request_body(enum mapi_http_request_type type)
{
	return type < MAPI_HTTP_BIND ? &mapi_http_emsmdb_requests[type]
	                             : &mapi_http_nspi_requests[type - MAPI_HTTP_BIND];
}

static const struct mh_body *response_body(enum mapi_http_request_type type)
{
	return type < MAPI_HTTP_BIND ? &mapi_http_emsmdb_responses[type]
	                             : &mapi_http_nspi_responses[type - MAPI_HTTP_BIND];
}

const struct mh_body *mapi_http_body_desc(enum mapi_http_request_type type, bool response)
{
	if ((unsigned)type >= MAPI_HTTP_BODY_TYPES)
		return NULL;
	return response ? response_body(type) : request_body(type);
}

/* 2.2.4.x.1, 2.2.5.x.1: the fields of the type, then AuxiliaryBufferSize and AuxiliaryBuffer */
int mapi_http_request_pull(TALLOC_CTX *mem, enum mapi_http_request_type type, const uint8_t *data, size_t len,
                           struct mapi_http_request **out)
{
	if ((unsigned)type >= MAPI_HTTP_BODY_TYPES)
		return WC_EINVAL;
	struct mapi_http_request *req = talloc_zero(mem, struct mapi_http_request);
	if (req == NULL)
		return WC_ENOMEM;
	req->type = type;
	struct wc_reader r;
	wc_reader_init(&r, data, len);
	int rc = body_pull(&r, req, request_body(type),
	                   (char *)req + offsetof(struct mapi_http_request, connect));
	if (rc == 0)
		rc = blob_pull(&r, req, &req->aux);
	if (rc == 0 && wc_reader_left(&r) != 0)
		rc = WC_EFORMAT; /* nothing follows the auxiliary buffer */
	if (rc != 0) {
		talloc_free(req);
		return rc;
	}
	*out = req;
	return 0;
}

int mapi_http_request_push(struct wc_writer *w, const struct mapi_http_request *req)
{
	if ((unsigned)req->type >= MAPI_HTTP_BODY_TYPES)
		return WC_EINVAL;
	int rc = body_push(w, request_body(req->type),
	                   (const char *)req + offsetof(struct mapi_http_request, connect));
	return rc != 0 ? rc : blob_push(w, &req->aux);
}

/* Success body (2.2.4.x.2, 2.2.5.x.2): StatusCode 0, ErrorCode, the fields of the type, the auxiliary buffer.
 * Failure body (2.2.4.x.3, 2.2.5.x.3): StatusCode, the auxiliary buffer. */
int mapi_http_response_pull(TALLOC_CTX *mem, enum mapi_http_request_type type, const uint8_t *data,
                            size_t len, struct mapi_http_response **out)
{
	if ((unsigned)type >= MAPI_HTTP_BODY_TYPES)
		return WC_EINVAL;
	struct mapi_http_response *rsp = talloc_zero(mem, struct mapi_http_response);
	if (rsp == NULL)
		return WC_ENOMEM;
	rsp->type = type;
	struct wc_reader r;
	wc_reader_init(&r, data, len);
	int rc = 0;
	if (!wc_read_u32(&r, &rsp->status_code))
		rc = WC_EFORMAT;
	else if (rsp->status_code == 0 && !wc_read_u32(&r, &rsp->error_code))
		rc = WC_EFORMAT;
	else if (rsp->status_code == 0)
		rc = body_pull(&r, rsp, response_body(type),
		               (char *)rsp + offsetof(struct mapi_http_response, connect));
	if (rc == 0)
		rc = blob_pull(&r, rsp, &rsp->aux);
	if (rc == 0 && wc_reader_left(&r) != 0)
		rc = WC_EFORMAT;
	if (rc != 0) {
		talloc_free(rsp);
		return rc;
	}
	*out = rsp;
	return 0;
}

int mapi_http_response_push(struct wc_writer *w, const struct mapi_http_response *rsp)
{
	if ((unsigned)rsp->type >= MAPI_HTTP_BODY_TYPES)
		return WC_EINVAL;
	wc_write_u32(w, rsp->status_code);
	int rc = wc_writer_status(w);
	if (rc == 0 && rsp->status_code == 0) {
		wc_write_u32(w, rsp->error_code);
		rc = body_push(w, response_body(rsp->type),
		               (const char *)rsp + offsetof(struct mapi_http_response, connect));
	}
	return rc != 0 ? rc : blob_push(w, &rsp->aux);
}
