/* libmapi high-level calls, each a few batches of the object API: the folder tree (a hierarchy table with
 * TABLE_FLAG_DEPTH, MS-OXCFOLD 2.2.1.13), message lists (a contents table, MS-OXCTABL), a whole message
 * (properties, recipients, attachments, MS-OXCMSG), and composing and submitting a message (MS-OXOMSG). */
#include <string.h>
#include <strings.h>

#include "client/libmapi_private.h"

/* Rows per RopQueryRows (MS-OXCTABL 3.2.5.5: the server returns what fits) */
#define QUERY_CHUNK 100
/* Properties larger than this are written through a stream (a RopSetProperties must fit one ROP buffer). */
#define INLINE_PROPERTY_MAX 0x4000

static const uint32_t folder_columns[] = {
        PidTagFolderId,           PidTagParentFolderId, PidTagDepth,
        PidTagDisplayName,        PidTagContainerClass, PidTagContentCount,
        PidTagContentUnreadCount, PidTagSubfolders,
};
#define FOLDER_COLUMN_COUNT (sizeof folder_columns / sizeof folder_columns[0])

/* Table, SetColumns and the first QueryRows in one Execute (the table is the output of the first ROP),
 * then more QueryRows until the table is exhausted or max rows (0: all) are in. */
static uint32_t table_rows(struct mapi_object *container, uint8_t rop, uint8_t flags, uint16_t ncols,
                           const uint32_t *cols, uint32_t max, TALLOC_CTX *mem,
                           struct mapi_property_row_set *out)
{
	uint32_t ec = mapi_object_valid(container);
	if (ec != ecSuccess)
		return ec;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_batch *b = mapi_batch_new(tmp, container->session);
	struct rop_request *r = b ? mapi_batch_add(b, rop, container) : NULL;
	if (r == NULL) {
		talloc_free(tmp);
		return ecNotEnoughMemory;
	}
	r->get_contents_table.table_flags = flags;
	r = mapi_batch_add_on(b, ROP_SET_COLUMNS, 0);
	r->set_columns.property_tag_count = ncols;
	r->set_columns.property_tags = (uint32_t *)cols;
	uint16_t first = max != 0 && max < QUERY_CHUNK ? (uint16_t)max : QUERY_CHUNK;
	r = mapi_batch_add_on(b, ROP_QUERY_ROWS, 0);
	r->query_rows.forward_read = 1;
	r->query_rows.row_count = first;
	struct mapi_object *table = NULL;
	ec = mapi_batch_execute(b);
	if (ec == ecSuccess)
		ec = mapi_batch_first_error(b, NULL);
	if (ec == ecSuccess)
		ec = mapi_batch_object(b, 0, tmp, MAPI_OBJ_TABLE, &table);
	if (ec != ecSuccess) {
		talloc_free(tmp);
		return ec;
	}
	/* rows accumulate in a writer-like array on mem; values stay on the batches, which move under it */
	const struct mapi_property_row_set *got = &mapi_batch_response(b, 2)->query_rows.rows;
	struct mapi_property_row *rows =
	        talloc_array(mem, struct mapi_property_row, got->count ? got->count : 1);
	uint32_t n = got->count;
	if (rows == NULL) {
		talloc_free(tmp);
		return ecNotEnoughMemory;
	}
	if (got->count > 0) /* memcpy from NULL is undefined even for 0 bytes */
		memcpy(rows, got->rows, got->count * sizeof *rows);
	talloc_steal(rows, b);
	bool more = got->count == first;
	while (ec == ecSuccess && more && (max == 0 || n < max) && n < UINT16_MAX) {
		uint32_t want = max != 0 && max - n < QUERY_CHUNK ? max - n : QUERY_CHUNK;
		struct mapi_property_row_set chunk;
		ec = mapi_table_query_rows(table, (uint16_t)want, rows, &chunk);
		if (ec != ecSuccess || chunk.count == 0)
			break;
		struct mapi_property_row *grown =
		        talloc_realloc(mem, rows, struct mapi_property_row, n + chunk.count);
		if (grown == NULL) {
			ec = ecNotEnoughMemory;
			break;
		}
		rows = grown;
		memcpy(rows + n, chunk.rows, chunk.count * sizeof *rows);
		n += chunk.count;
		more = chunk.count == want;
	}
	talloc_free(tmp); /* the table object: its release rides on the next Execute */
	if (ec != ecSuccess) {
		talloc_free(rows);
		return ec;
	}
	out->count = (uint16_t)(n < UINT16_MAX ? n : UINT16_MAX);
	out->rows = rows;
	return ecSuccess;
}

static const struct mapi_propval *value_of(const struct mapi_property_row *row, uint32_t tag)
{
	return mapi_row_find(row, tag);
}

/* The folder to list: a folder as is, the store's IPM subtree opened for the call. */
static uint32_t listing_folder(struct mapi_object *o, TALLOC_CTX *mem, struct mapi_object **folder)
{
	if (o->kind != MAPI_OBJ_STORE) {
		*folder = o;
		return ecSuccess;
	}
	return mapi_open_folder(o, mapi_store_folder_id(o, LOGON_FID_IPM_SUBTREE), mem, folder);
}

uint32_t mapi_list_folders(struct mapi_object *folder, bool deep, TALLOC_CTX *mem, uint32_t *count,
                           struct mapi_folder_info **folders)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_object *f;
	struct mapi_property_row_set rows;
	uint32_t ec = listing_folder(folder, tmp, &f);
	if (ec == ecSuccess)
		ec = table_rows(f, ROP_GET_HIERARCHY_TABLE,
		                (uint8_t)(TABLE_FLAG_USE_UNICODE | (deep ? TABLE_FLAG_DEPTH : 0)),
		                FOLDER_COLUMN_COUNT, folder_columns, 0, tmp, &rows);
	struct mapi_folder_info *out = NULL;
	if (ec == ecSuccess &&
	    (out = talloc_zero_array(mem, struct mapi_folder_info, rows.count ? rows.count : 1)) == NULL)
		ec = ecNotEnoughMemory;
	for (uint32_t i = 0; ec == ecSuccess && i < rows.count; i++) {
		const struct mapi_property_row *row = &rows.rows[i];
		const struct mapi_propval *v;
		struct mapi_folder_info *fi = &out[i];
		if ((v = value_of(row, PidTagFolderId)) != NULL)
			fi->fid = (uint64_t)v->value.i64;
		if ((v = value_of(row, PidTagParentFolderId)) != NULL)
			fi->parent_fid = (uint64_t)v->value.i64;
		if ((v = value_of(row, PidTagDepth)) != NULL)
			fi->depth = (uint32_t)v->value.i32;
		if ((v = value_of(row, PidTagDisplayName)) != NULL)
			fi->name = talloc_strdup(out, v->value.str);
		if ((v = value_of(row, PidTagContainerClass)) != NULL)
			fi->container_class = talloc_strdup(out, v->value.str);
		if ((v = value_of(row, PidTagContentCount)) != NULL)
			fi->content_count = (uint32_t)v->value.i32;
		if ((v = value_of(row, PidTagContentUnreadCount)) != NULL)
			fi->unread_count = (uint32_t)v->value.i32;
		if ((v = value_of(row, PidTagSubfolders)) != NULL)
			fi->has_subfolders = v->value.b;
		if (fi->name == NULL)
			fi->name = talloc_strdup(out, "");
	}
	talloc_free(tmp);
	if (ec != ecSuccess) {
		talloc_free(out);
		return ec;
	}
	*count = rows.count;
	*folders = out;
	return ecSuccess;
}

uint32_t mapi_find_folder(struct mapi_object *store, const char *path, uint64_t *fid)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_folder_info *all;
	uint32_t n;
	uint32_t ec = mapi_list_folders(store, true, tmp, &n, &all);
	uint64_t cur = mapi_store_folder_id(store, LOGON_FID_IPM_SUBTREE);
	char *copy = talloc_strdup(tmp, path);
	char *save = NULL;
	for (char *part = copy ? strtok_r(copy, "/", &save) : NULL; ec == ecSuccess && part != NULL;
	     part = strtok_r(NULL, "/", &save)) {
		uint32_t i = 0;
		while (i < n && !(all[i].parent_fid == cur && strcasecmp(all[i].name, part) == 0))
			i++;
		if (i == n)
			ec = ecNotFound;
		else
			cur = all[i].fid;
	}
	if (ec == ecSuccess && copy == NULL)
		ec = ecNotEnoughMemory;
	if (ec == ecSuccess)
		*fid = cur;
	talloc_free(tmp);
	return ec;
}

uint32_t mapi_list_messages(struct mapi_object *folder, uint16_t column_count, const uint32_t *columns,
                            uint32_t max_rows, TALLOC_CTX *mem, struct mapi_property_row_set *rows)
{
	bool has_mid = false;
	for (uint16_t i = 0; i < column_count; i++)
		has_mid |= columns[i] == PidTagMid;
	if (column_count == UINT16_MAX && !has_mid)
		return ecTooBig;
	uint32_t *cols = talloc_array(NULL, uint32_t, column_count + 1u);
	if (cols == NULL)
		return ecNotEnoughMemory;
	uint16_t n = 0;
	if (!has_mid)
		cols[n++] = PidTagMid;
	if (column_count > 0)
		memcpy(cols + n, columns, column_count * sizeof *cols);
	n = (uint16_t)(n + column_count);
	uint32_t ec = table_rows(folder, ROP_GET_CONTENTS_TABLE, TABLE_FLAG_USE_UNICODE, n, cols, max_rows,
	                         mem, rows);
	talloc_free(cols);
	return ec;
}

/* A property GetPropertiesAll could not return whole (MS-OXCPRPT 3.2.5.2: an error value such as
 * ecNotEnoughMemory for a large one) read through a stream, in place. */
static void complete_by_stream(struct mapi_object *o, TALLOC_CTX *mem, struct mapi_propval *vals,
                               uint16_t count, uint32_t tag)
{
	for (uint16_t i = 0; i < count; i++) {
		if (PROP_ID(vals[i].tag) != PROP_ID(tag) || PROP_TYPE(vals[i].tag) != PT_ERROR)
			continue;
		struct mapi_binary bin;
		if (mapi_read_property_stream(o, tag, mem, &bin) != ecSuccess)
			return;
		vals[i].tag = tag;
		if (PROP_TYPE(tag) == PT_BINARY) {
			vals[i].value.bin = bin;
		} else {
			/* a PtypString stream is UTF-16LE (MS-OXCPRPT 2.2.14): to UTF-8 like every string
			 * here */
			struct wc_reader r;
			char *s = NULL;
			wc_reader_init(&r, bin.data, bin.len);
			if (wc_read_utf16_n(&r, mem, bin.len & ~1u, &s))
				vals[i].value.str = s;
			else
				vals[i].tag = PROP_TAG(PT_ERROR, PROP_ID(tag));
		}
	}
}

static const uint32_t attachment_columns[] = {PidTagAttachNumber};

uint32_t mapi_fetch_message(struct mapi_object *store, uint64_t fid, uint64_t mid, TALLOC_CTX *mem,
                            struct mapi_message_data **out)
{
	struct mapi_message_data *m = talloc_zero(mem, struct mapi_message_data);
	struct mapi_object *msg = NULL;
	if (m == NULL)
		return ecNotEnoughMemory;
	m->fid = fid;
	m->mid = mid;
	uint32_t ec = mapi_open_message(store, fid, mid, OPEN_READ_ONLY, m, &msg, NULL);
	if (ec == ecSuccess)
		ec = mapi_get_props_all(msg, m, &m->prop_count, &m->props);
	if (ec == ecSuccess) {
		complete_by_stream(msg, m, m->props, m->prop_count, PidTagBody);
		complete_by_stream(msg, m, m->props, m->prop_count, PidTagHtml);
		ec = mapi_read_recipients(msg, m, &m->recipient_count, &m->recipients);
	}
	struct mapi_property_row_set rows = {0};
	if (ec == ecSuccess)
		ec = table_rows(msg, ROP_GET_ATTACHMENT_TABLE, TABLE_FLAG_USE_UNICODE, 1, attachment_columns,
		                0, m, &rows);
	if (ec == ecSuccess && rows.count > 0 &&
	    (m->attachments = talloc_zero_array(m, struct mapi_attachment_data, rows.count)) == NULL)
		ec = ecNotEnoughMemory;
	for (uint32_t i = 0; ec == ecSuccess && i < rows.count; i++) {
		const struct mapi_propval *num = value_of(&rows.rows[i], PidTagAttachNumber);
		struct mapi_attachment_data *a = &m->attachments[m->attachment_count];
		struct mapi_object *att;
		if (num == NULL)
			continue;
		a->attach_num = (uint32_t)num->value.i32;
		ec = mapi_open_attachment(msg, a->attach_num, ATTACH_OPEN_READ_ONLY, m, &att);
		if (ec == ecSuccess)
			ec = mapi_get_props_all(att, m->attachments, &a->prop_count, &a->props);
		if (ec == ecSuccess) {
			complete_by_stream(att, m->attachments, a->props, a->prop_count,
			                   PidTagAttachDataBinary);
			m->attachment_count++;
			talloc_free(att);
		}
	}
	talloc_free(rows.rows);
	talloc_free(msg);
	if (ec != ecSuccess) {
		talloc_free(m);
		return ec;
	}
	*out = m;
	return ecSuccess;
}

/* A string or binary property: inline when small, else through a stream (MS-OXCPRPT 3.2.5.3 lets a server
 * refuse a RopSetProperties value that does not fit). */
static uint32_t set_big(struct mapi_object *o, uint32_t tag, const void *data, size_t len)
{
	struct mapi_propval v = {.tag = tag};
	if (len <= INLINE_PROPERTY_MAX) {
		if (PROP_TYPE(tag) == PT_BINARY)
			v.value.bin = (struct mapi_binary){.len = (uint32_t)len, .data = (uint8_t *)data};
		else
			v.value.str = (char *)data;
		return mapi_set_props(o, 1, &v, NULL, NULL);
	}
	if (PROP_TYPE(tag) == PT_BINARY)
		return mapi_write_property_stream(o, tag, data, len);
	/* PtypString streams are UTF-16LE */
	struct wc_writer w;
	wc_writer_init(&w, NULL, 0);
	if (!wc_write_utf16_n(&w, data)) {
		talloc_free(w.data);
		return ecInvalidParam;
	}
	uint32_t ec = mapi_write_property_stream(o, tag, w.data, w.len);
	talloc_free(w.data);
	return ec;
}

static uint32_t add_attachment(struct mapi_object *msg, const struct mapi_attachment_in *in)
{
	struct mapi_object *att;
	uint32_t ec = mapi_create_attachment(msg, NULL, &att, NULL);
	if (ec != ecSuccess)
		return ec;
	/* MS-OXCMSG 2.2.2.9 PidTagAttachMethod afByValue (1): the data is PidTagAttachDataBinary */
	struct mapi_propval v[3] = {
	        {.tag = PidTagAttachMethod, .value.i32 = 1},
	        {.tag = PidTagAttachLongFilename, .value.str = (char *)(in->filename ? in->filename : "")},
	        {.tag = PidTagAttachMimeTag, .value.str = (char *)in->mime_type},
	};
	ec = mapi_set_props(att, in->mime_type ? 3 : 2, v, NULL, NULL);
	if (ec == ecSuccess)
		ec = set_big(att, PidTagAttachDataBinary, in->data, in->len);
	if (ec == ecSuccess)
		ec = mapi_save_attachment(att, SAVE_KEEP_OPEN_READ_WRITE);
	talloc_free(att);
	return ec;
}

uint32_t mapi_create_and_send(struct mapi_object *store, uint64_t folder_fid,
                              const struct mapi_new_message *m, bool submit, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_object *folder, *msg = NULL;
	if (folder_fid == 0)
		folder_fid = mapi_store_folder_id(store, LOGON_FID_OUTBOX);
	uint32_t ec = mapi_open_folder(store, folder_fid, tmp, &folder);
	if (ec == ecSuccess)
		ec = mapi_create_message(folder, false, tmp, &msg);
	if (ec == ecSuccess) {
		struct mapi_propval v[2] = {
		        {.tag = PidTagMessageClass, .value.str = (char *)"IPM.Note"},
		        {.tag = PidTagSubject, .value.str = (char *)(m->subject ? m->subject : "")},
		};
		ec = mapi_set_props(msg, 2, v, NULL, NULL);
	}
	if (ec == ecSuccess && m->body != NULL)
		ec = set_big(msg, PidTagBody, m->body, strlen(m->body));
	if (ec == ecSuccess && m->recipient_count > 0)
		ec = mapi_modify_recipients(msg, m->recipient_count, m->recipients);
	for (uint32_t i = 0; ec == ecSuccess && i < m->attachment_count; i++)
		ec = add_attachment(msg, &m->attachments[i]);
	if (ec == ecSuccess)
		ec = mapi_save_message(msg, SAVE_KEEP_OPEN_READ_WRITE, mid);
	if (ec == ecSuccess && submit)
		ec = mapi_submit_message(msg);
	talloc_free(tmp);
	return ec;
}
