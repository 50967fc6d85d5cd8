/* mapitest NOSERVER: the ROP codec against the ROP examples of the specs' section 4 (tests/vectors). Each
 * example is decoded, its header fields (RopId, LogonId, handle indexes, ReturnValue) and the body fields
 * the spec's annotation states are compared with the spec's values, and what was decoded must encode to the
 * same bytes. One table row per example; a row's check function holds its body fields. */
#include "mapitest.h"

#include <string.h>

#include "common/wc_error.h"
#include "mapi/rop.h"

struct rop_example {
	const char *file;
	const char *req_blob;   /* NULL: the request is req_header alone */
	const char *req_header; /* hex before the blob (the examples of MS-OXCSTOR show bodies only) */
	const char *rsp_file;   /* NULL: file */
	const char *rsp_blob;   /* NULL: the example gives no response */
	const char *rsp_header;
	bool private_logon; /* LogonId 0 was opened on a private mailbox */
	bool any_columns;   /* the table at h1 has columns the example does not show (its rows are empty) */
	uint8_t rop_id, logon_id, h1, h2; /* h1, h2: the request's handle indexes in wire order */
	uint8_t rsp_id;                   /* 0: rop_id */
	uint8_t rsp_handle;
	uint32_t return_value;
	void (*check)(struct mt *t, const struct rop_request *req, const struct rop_response *rsp);
};

static uint8_t *example_bytes(struct mt *t, const char *file, const char *blob, const char *header,
                              size_t *len)
{
	size_t hn = 0, bn = 0;
	uint8_t *h = mt_hex(t, header != NULL ? header : "", &hn);
	uint8_t *b = blob != NULL ? mt_vector(t, file, strcmp(blob, "*") == 0 ? NULL : blob, &bn) : NULL;
	uint8_t *out = talloc_array(t->mem, uint8_t, hn + bn + 1);
	memcpy(out, h, hn);
	if (bn > 0)
		memcpy(out + hn, b, bn);
	*len = hn + bn;
	return out;
}

static void request_handles(const struct rop_request *req, uint8_t *h1, uint8_t *h2)
{
	*h1 = *h2 = 0;
	switch (rop_info(req->id)->handles) {
	case ROP_H_IN:
		*h1 = req->input_handle_index;
		break;
	case ROP_H_IN_OUT:
		*h1 = req->input_handle_index, *h2 = req->output_handle_index;
		break;
	case ROP_H_SRC_DST:
		*h1 = req->source_handle_index, *h2 = req->dest_handle_index;
		break;
	case ROP_H_RSP_IN:
		*h1 = req->response_handle_index, *h2 = req->input_handle_index;
		break;
	case ROP_H_OUT:
		*h1 = req->output_handle_index;
		break;
	}
}

static void run_example(struct mt *t)
{
	const struct rop_example *ex = t->test->arg;
	struct rop_ctx pull_ctx, push_ctx;
	rop_ctx_init(&pull_ctx);
	if (ex->private_logon)
		rop_ctx_set_logon(&pull_ctx, 0, true);
	static const uint32_t subject = 0x0037001F;
	if (ex->any_columns) {
		pull_ctx.objects[ex->h1].column_count = 1;
		pull_ctx.objects[ex->h1].columns = &subject;
	}
	push_ctx = pull_ctx;

	size_t n;
	uint8_t *b = example_bytes(t, ex->file, ex->req_blob, ex->req_header, &n);
	struct rop_request req;
	struct wc_reader r;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding the request", rop_request_pull(&r, t->mem, &pull_ctx, &req), 0);
	mt_eq(t, "request bytes left over", wc_reader_left(&r), 0);
	mt_eq(t, "RopId", req.id, ex->rop_id);
	mt_eq(t, "LogonId", req.logon_id, ex->logon_id);
	uint8_t h1, h2;
	request_handles(&req, &h1, &h2);
	mt_eq(t, "first handle index", h1, ex->h1);
	mt_eq(t, "second handle index", h2, ex->h2);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding the request", rop_request_push(&w, &push_ctx, &req), 0);
	mt_eq_bytes(t, "request encoded again", w.data, w.len, b, n);

	struct rop_response rsp = {0};
	if (ex->rsp_blob != NULL) {
		b = example_bytes(t, ex->rsp_file != NULL ? ex->rsp_file : ex->file, ex->rsp_blob,
		                  ex->rsp_header, &n);
		wc_reader_init(&r, b, n);
		mt_eq_wc(t, "decoding the response", rop_response_pull(&r, t->mem, &pull_ctx, &req, &rsp), 0);
		mt_eq(t, "response bytes left over", wc_reader_left(&r), 0);
		mt_eq(t, "response RopId", rsp.id, ex->rsp_id != 0 ? ex->rsp_id : ex->rop_id);
		if (rsp.id != ROP_PROGRESS) /* RopProgress echoes no handle (MS-OXCROPS 2.2.8.13.2) */
			mt_eq(t, "response handle index", rsp.handle_index, ex->rsp_handle);
		mt_eq_ec(t, "ReturnValue", rsp.return_value, ex->return_value);
		wc_writer_init(&w, t->mem, 0);
		mt_eq_wc(t, "encoding the response", rop_response_push(&w, &push_ctx, &req, &rsp), 0);
		mt_eq_bytes(t, "response encoded again", w.data, w.len, b, n);
	}
	if (ex->check != NULL)
		ex->check(t, &req, &rsp);
}

static void eq_guid(struct mt *t, const char *what, const struct wc_guid *g, const char *want)
{
	char s[39];
	wc_guid_to_string(g, s);
	mt_eq_str(t, what, s, want);
}

/* ---- MS-OXCFOLD 4 ---- */

static void check_create_folder(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "FolderType", q->create_folder.folder_type, FOLDER_GENERIC);
	mt_eq(t, "UseUnicodeStrings", q->create_folder.use_unicode, 1);
	mt_eq(t, "OpenExisting", q->create_folder.open_existing, 0);
	mt_eq_str(t, "DisplayName", q->create_folder.display_name, "Folder1");
	mt_eq_str(t, "Comment", q->create_folder.comment, "");
	mt_eq(t, "FolderId", p->create_folder.folder_id, 0x1252910E00000001ULL); /* 0001-00000E915212 */
	mt_eq(t, "IsExistingFolder", p->create_folder.is_existing_folder, 0);
}

static void check_delete_folder(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "DeleteFolderFlags", q->delete_folder.delete_folder_flags, DEL_MESSAGES | DEL_FOLDERS);
	mt_eq(t, "FolderId", q->delete_folder.folder_id, 0x36DF8E0E00000001ULL);
	mt_eq(t, "PartialCompletion", p->delete_folder.partial_completion, 0);
}

static void check_delete_messages(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "WantAsynchronous", q->delete_messages.want_asynchronous, 0);
	mt_eq(t, "NotifyNonRead", q->delete_messages.notify_non_read, 1);
	mt_eq(t, "MessageIdCount", q->delete_messages.message_id_count, 2);
	mt_eq(t, "MessageIds[0]", q->delete_messages.message_ids[0], 0x48F18E0E00000001ULL);
	mt_eq(t, "MessageIds[1]", q->delete_messages.message_ids[1], 0x02C38E0E00000001ULL);
	mt_eq(t, "PartialCompletion", p->delete_messages.partial_completion, 0);
}

static void check_move_copy_messages(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "MessageIdCount", q->move_copy_messages.message_id_count, 1);
	mt_eq(t, "MessageIds[0]", q->move_copy_messages.message_ids[0], 0x5DEC8E0E00000001ULL);
	mt_eq(t, "WantCopy", q->move_copy_messages.want_copy, 0);
	mt_eq(t, "PartialCompletion", p->move_copy_messages.partial_completion, 0);
}

static void check_move_folder(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "WantAsynchronous", q->move_folder.want_asynchronous, 1);
	mt_eq(t, "UseUnicode", q->move_folder.use_unicode, 1);
	mt_eq(t, "FolderId", q->move_folder.folder_id, 0x36DF8E0E00000001ULL);
	mt_eq_str(t, "NewFolderName", q->move_folder.new_folder_name, "Folder1");
	mt_eq(t, "PartialCompletion", p->move_folder.partial_completion, 0);
}

static void check_copy_folder(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "UseUnicode", q->copy_folder.use_unicode, 1);
	mt_eq(t, "WantRecursive", q->copy_folder.want_recursive, 1);
	mt_eq(t, "FolderId", q->copy_folder.folder_id, 0x36DF8E0E00000001ULL);
	mt_eq_str(t, "NewFolderName", q->copy_folder.new_folder_name, "Folder1");
	mt_eq(t, "PartialCompletion", p->copy_folder.partial_completion, 0);
}

static void check_hierarchy_table(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "TableFlags", q->get_hierarchy_table.table_flags, 0);
	mt_eq(t, "RowCount", p->get_hierarchy_table.row_count, 0x15);
}

static void check_search_criteria(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_true(t, q->set_search_criteria.restriction != NULL, "RestrictionData: expected a restriction");
	mt_eq(t, "FolderIdCount", q->set_search_criteria.folder_id_count, 1);
	mt_eq(t, "SearchFlags", q->set_search_criteria.search_flags, 0x0002002A);
}

static void check_get_search_criteria(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_true(t, p->get_search_criteria.restriction != NULL, "RestrictionData: expected a restriction");
	mt_eq(t, "LogonId in the response", p->get_search_criteria.logon_id, 0);
	mt_eq(t, "FolderIdCount", p->get_search_criteria.folder_id_count, 0);
	mt_eq(t, "SearchFlags", p->get_search_criteria.search_flags & SEARCH_RUNNING, SEARCH_RUNNING);
}

/* ---- MS-OXCMSG 4 ---- */

static void check_create_message(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "CodePageId", q->create_message.code_page_id, 0x0FFF);
	mt_eq(t, "FolderId", q->create_message.folder_id, 0x9379F00000000001ULL);
	mt_eq(t, "AssociatedFlag", q->create_message.associated_flag, 0);
	mt_eq(t, "HasMessageId", p->create_message.has_message_id, 0);
}

static void check_attachment_0(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "AttachmentID", p->create_attachment.attachment_id, 0);
}

static void check_attachment_1(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "AttachmentID", p->create_attachment.attachment_id, 1);
}

static void check_save_flags(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "SaveFlags", q->save_changes_message.save_flags, 0x0A);
}

static void check_save_message(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	check_save_flags(t, q, p);
	mt_eq(t, "InputHandleIndex in the response", p->save_changes_message.input_handle_index, 1);
	mt_eq(t, "MessageId", p->save_changes_message.message_id, 0x3986F00000000001ULL);
}

static void check_modify_recipients(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "ColumnCount", q->modify_recipients.column_count, 12);
	mt_eq(t, "RecipientColumns[0]", q->modify_recipients.recipient_columns[0], 0x0FFE0003);
	mt_eq(t, "RecipientColumns[11]", q->modify_recipients.recipient_columns[11], 0x5FF70102);
	mt_eq(t, "RowCount", q->modify_recipients.row_count, 1);
}

/* ---- MS-OXCSTOR 4 ---- */

#define ESSDN_4_1                                                                                            \
	"/o=First Organization/ou=Exchange Administrative Group "                                            \
	"(FYDIBOHF23SPDLT)/cn=Recipients/cn=Administrator"

static void check_logon_private(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "LogonFlags", q->logon.logon_flags, LOGON_PRIVATE);
	mt_eq(t, "OpenFlags", q->logon.open_flags,
	      LOGON_OPEN_HOME_LOGON | LOGON_OPEN_TAKE_OWNERSHIP | LOGON_OPEN_NO_MAIL |
	              LOGON_OPEN_USE_PER_MDB_REPLID_MAPPING);
	mt_eq_str(t, "Essdn", q->logon.essdn, ESSDN_4_1);
	mt_eq(t, "response LogonFlags", p->logon.logon_flags, LOGON_PRIVATE);
	mt_eq(t, "Mailbox Root FID", p->logon.folder_ids[LOGON_FID_MAILBOX_ROOT], 0x1A27780000000001ULL);
	mt_eq(t, "Inbox FID", p->logon.folder_ids[LOGON_FID_INBOX], 0x1E27780000000001ULL);
	mt_eq(t, "Shortcuts FID", p->logon.folder_ids[LOGON_FID_SHORTCUTS], 0x2627780000000001ULL);
	mt_eq(t, "ReplId", p->logon.repl_id, 1);
	mt_eq(t, "LogonTime.Year", p->logon.logon_time.year, 2008);
}

static void check_logon_public(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "LogonFlags", q->logon.logon_flags & LOGON_PRIVATE, 0);
	mt_true(t, q->logon.essdn == NULL, "Essdn: expected none (EssdnSize 0), got \"%s\"",
	        q->logon.essdn ? q->logon.essdn : "");
	mt_eq(t, "Public Folders FID", p->logon.folder_ids[LOGON_FID_PUBLIC_ROOT], 0x0600000000000001ULL);
	mt_eq(t, "response LogonFlags", p->logon.logon_flags & LOGON_PRIVATE, 0);
}

static void check_get_receive_folder(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq_str(t, "MessageClass", q->get_receive_folder.message_class, "");
	mt_eq(t, "FolderId", p->get_receive_folder.folder_id, 0x1E27780000000001ULL);
	mt_eq_str(t, "ExplicitMessageClass", p->get_receive_folder.message_class, "");
}

static void check_set_receive_folder(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "FolderId", q->set_receive_folder.folder_id, 0x1A27780000000001ULL);
	mt_eq_str(t, "MessageClass", q->set_receive_folder.message_class, "IPM.SomeMessageClass");
}

static void check_id_from_long_term_id(struct mt *t, const struct rop_request *q,
                                       const struct rop_response *p)
{
	/* the LongTermID's counter (bytes 16-21) is the ObjectId's counter (bytes 2-7, MS-OXCDATA 2.2.1) */
	uint64_t counter = 0;
	for (int i = 0; i < 6; i++)
		counter |= (uint64_t)q->id_from_long_term_id.long_term_id.bytes[16 + i] << (8 * (i + 2));
	mt_eq(t, "ObjectId GlobalCounter", p->id_from_long_term_id.object_id & ~0xFFFFULL, counter);
}

static void check_per_user_long_term_ids(struct mt *t, const struct rop_request *q,
                                         const struct rop_response *p)
{
	mt_eq(t, "LongTermIdCount", p->get_per_user_long_term_ids.long_term_id_count, 0);
}

static void check_read_per_user(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "DataOffset", q->read_per_user_information.data_offset, 0);
	mt_eq(t, "MaxDataSize", q->read_per_user_information.max_data_size, 0);
	mt_eq(t, "HasFinished", p->read_per_user_information.has_finished, 1);
	mt_eq(t, "DataSize", p->read_per_user_information.data_size, 0x18);
}

static void check_write_per_user(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "DataOffset", q->write_per_user_information.data_offset, 0);
	mt_eq(t, "HasFinished", q->write_per_user_information.has_finished, 1);
}

/* ---- MS-OXCTABL 4 ---- */

static void check_contents_table(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "TableFlags", q->get_contents_table.table_flags, 0);
	mt_eq(t, "RowCount", p->get_contents_table.row_count, 4);
}

static void check_set_columns(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	static const uint32_t want[] = {0x67480014, 0x674A0014, 0x674D0014,
	                                0x674E0003, 0x0037001F, 0x0E060040};
	mt_eq(t, "PropertyTagCount", q->set_columns.property_tag_count, 6);
	for (int i = 0; i < 6; i++)
		mt_eq(t, "PropertyTags[i]", q->set_columns.property_tags[i], want[i]);
	mt_eq(t, "TableStatus", p->set_columns.table_status, TBLSTAT_COMPLETE);
}

static void check_sort_table(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	const struct mapi_sort_order_set *s = &q->sort_table.sort_orders;
	mt_eq(t, "SortOrderCount", s->count, 1);
	mt_eq(t, "SortOrder PropertyId", s->orders[0].id, 0x0E06);
	mt_eq(t, "SortOrder PropertyType", s->orders[0].type, 0x0040);
	mt_eq(t, "SortOrder Order", s->orders[0].order, TABLE_SORT_DESCEND);
	mt_eq(t, "TableStatus", p->sort_table.table_status, TBLSTAT_COMPLETE);
}

static void check_sort_category(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	const struct mapi_sort_order_set *s = &q->sort_table.sort_orders;
	mt_eq(t, "SortOrderCount", s->count, 2);
	mt_eq(t, "CategorizedCount", s->categorized, 1);
	mt_eq(t, "ExpandedCount", s->expanded, 1);
	mt_eq(t, "SortOrder[0] PropertyType", s->orders[0].type, 0x301F);
	mt_eq(t, "SortOrder[0] PropertyId", s->orders[0].id, 0x8008);
}

static void check_query_rows(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "QueryRowsFlags", q->query_rows.query_rows_flags, 0);
	mt_eq(t, "ForwardRead", q->query_rows.forward_read, 1);
	mt_eq(t, "RowCount", q->query_rows.row_count, 0x32);
}

static void check_expand_row(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "MaxRowCount", q->expand_row.max_row_count, 0);
	mt_eq(t, "CategoryId", q->expand_row.category_id, 0xBD88F10000000001ULL);
	mt_eq(t, "ExpandedRowCount", p->expand_row.expanded_row_count, 3);
	mt_eq(t, "RowCount", p->expand_row.rows.count, 0);
}

/* ---- MS-OXCPRPT 4 ---- */

static void check_property_ids(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	const struct rop_get_property_ids_from_names_req *n = &q->get_property_ids_from_names;
	mt_eq(t, "PropertyNameCount", n->property_name_count, 2);
	mt_eq(t, "PropertyNames[0].Kind", n->property_names[0].kind, MNID_STRING);
	eq_guid(t, "PropertyNames[0].GUID", &n->property_names[0].guid,
	        "{00062002-0000-0000-C000-000000000046}");
	mt_eq_str(t, "PropertyNames[0].Name", n->property_names[0].name, "TestProp1");
	mt_eq_str(t, "PropertyNames[1].Name", n->property_names[1].name, "TestProp2");
	mt_eq(t, "PropertyIdCount", p->get_property_ids_from_names.property_id_count, 2);
	mt_eq(t, "PropertyIds[0]", p->get_property_ids_from_names.property_ids[0], 0x863E);
	mt_eq(t, "PropertyIds[1]", p->get_property_ids_from_names.property_ids[1], 0x863F);
}

static void check_set_properties(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	const struct rop_property_values *v = &q->set_properties;
	mt_eq(t, "PropertyValueCount", v->property_value_count, 2);
	mt_eq(t, "PropertyValues[0].PropertyTag", v->property_values[0].tag, 0x003D001F);
	mt_eq_str(t, "PidTagSubjectPrefix", v->property_values[0].value.str, "");
	mt_eq(t, "PropertyValues[1].PropertyTag", v->property_values[1].tag, 0x0E1D001F);
	mt_eq_str(t, "PidTagNormalizedSubject", v->property_values[1].value.str, "Hello World");
	mt_eq(t, "PropertyProblemCount", p->set_properties.property_problem_count, 0);
}

static void check_get_properties(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	const struct rop_get_properties_specific_req *g = &q->get_properties_specific;
	mt_eq(t, "WantUnicode", g->want_unicode, 1);
	mt_eq(t, "PropertyTagCount", g->property_tag_count, 3);
	const struct mapi_property_row *row = &p->get_properties_specific.row_data;
	mt_eq(t, "RowData flag (FlaggedPropertyRow: one value is an error)", row->flag, MAPI_ROW_FLAGGED);
	mt_eq(t, "0x863E000B value", row->values[0].pv.value.b, 0);
	mt_eq(t, "0x863F0003 value", row->values[1].pv.value.i32, 0x62);
	mt_eq(t, "0x65E20102 flag", row->values[2].flag, MAPI_VALUE_ERROR);
	mt_eq_ec(t, "0x65E20102 error", row->values[2].pv.value.err, ecNotFound);
}

static void check_open_stream(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "PropertyTag", q->open_stream.property_tag, 0x0E9A0102);
	mt_eq(t, "OpenModeFlags", q->open_stream.open_mode_flags, STREAM_OPEN_READ_WRITE);
	mt_eq(t, "StreamSize", p->open_stream.stream_size, 0x2E15);
}

static void check_progress(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "CompletedTaskCount", p->progress.completed_task_count, 29);
	mt_eq(t, "TotalTaskCount", p->progress.total_task_count, 729);
}

static void check_progress_2(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "WantCancel", q->progress.want_cancel, 0);
	mt_eq(t, "CompletedTaskCount", p->progress.completed_task_count, 59);
	mt_eq(t, "TotalTaskCount", p->progress.total_task_count, 729);
}

static void check_progress_done(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "PartialCompletion", p->empty_folder.partial_completion, 0);
}

/* ---- MS-OXOMSG 4, MS-OXCPERM 4, MS-OXORULE 4 ---- */

static void check_abort_submit(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	mt_eq(t, "FolderId", q->abort_submit.folder_id, 0x47CA79B403000001ULL);
	mt_eq(t, "MessageId", q->abort_submit.message_id, 0xA75FE6B703000001ULL);
}

static void check_modify_permissions(struct mt *t, const struct rop_request *q, const struct rop_response *p)
{
	const struct rop_modify_rows_req *m = &q->modify_permissions;
	mt_eq(t, "ModifyFlags", m->flags, PERMISSIONS_INCLUDE_FREE_BUSY);
	mt_eq(t, "ModifyCount", m->count, 1);
	mt_eq(t, "PermissionData flags", m->rows[0].flags, q->size == 29 ? ROW_MODIFY : ROW_REMOVE);
	mt_eq(t, "PidTagMemberId tag", m->rows[0].property_values[0].tag, 0x66710014);
	mt_eq(t, "PidTagMemberId", m->rows[0].property_values[0].value.i64, 0x0000001500000002ULL);
}

#define R(f, rq, rqh, rsf, rs, rsh, priv, id, logon, h1, h2, rsp_id, rh, ret, check)                         \
	{                                                                                                    \
		f, rq, rqh, rsf, rs, rsh, priv, false, id, logon, h1, h2, rsp_id, rh, ret, check             \
	}

/* MS-OXCSTOR examples give the fields after the common header: request RopId, LogonId 0, handle index 0;
 * response RopId, handle index 0, ReturnValue 0. */
static const struct rop_example ex_logon_private =
        R("MS-OXCSTOR-4.1-logon-private.hex", "request", "FE 00 00", NULL, "response", "FE 00 00 00 00 00",
          false, ROP_LOGON, 0, 0, 0, 0, 0, 0, check_logon_private);
static const struct rop_example ex_logon_public =
        R("MS-OXCSTOR-4.2-logon-public.hex", "request", "FE 00 00", NULL, "response", "FE 00 00 00 00 00",
          false, ROP_LOGON, 0, 0, 0, 0, 0, 0, check_logon_public);
static const struct rop_example ex_get_receive_folder =
        R("MS-OXCSTOR-4.3-getreceivefolder.hex", "request", "27 00 00", NULL, "response", "27 00 00 00 00 00",
          true, ROP_GET_RECEIVE_FOLDER, 0, 0, 0, 0, 0, 0, check_get_receive_folder);
static const struct rop_example ex_set_receive_folder =
        R("MS-OXCSTOR-4.4-setreceivefolder.hex", "request", "26 00 00", NULL, NULL, NULL, true,
          ROP_SET_RECEIVE_FOLDER, 0, 0, 0, 0, 0, 0, check_set_receive_folder);
static const struct rop_example ex_receive_folder_table =
        R("MS-OXCSTOR-4.5-getreceivefoldertable.hex", NULL, "68 00 00", NULL, "response", "68 00 00 00 00 00",
          true, ROP_GET_RECEIVE_FOLDER_TABLE, 0, 0, 0, 0, 0, 0, NULL);
static const struct rop_example ex_id_from_ltid =
        R("MS-OXCSTOR-4.6-idfromlongtermid.hex", "request", "44 00 00", NULL, "response", "44 00 00 00 00 00",
          true, ROP_ID_FROM_LONG_TERM_ID, 0, 0, 0, 0, 0, 0, check_id_from_long_term_id);
static const struct rop_example ex_per_user_ltids =
        R("MS-OXCSTOR-4.7-getperuserlongtermids.hex", "request", "60 00 00", NULL, "response",
          "60 00 00 00 00 00", true, ROP_GET_PER_USER_LONG_TERM_IDS, 0, 0, 0, 0, 0, 0,
          check_per_user_long_term_ids);
static const struct rop_example ex_read_per_user =
        R("MS-OXCSTOR-4.8-readperuserinformation.hex", "request", "63 00 00", NULL, "response",
          "63 00 00 00 00 00", true, ROP_READ_PER_USER_INFORMATION, 0, 0, 0, 0, 0, 0, check_read_per_user);
static const struct rop_example ex_write_per_user =
        R("MS-OXCSTOR-4.9-writeperuserinformation.hex", "request", "64 00 00", NULL, NULL, NULL, true,
          ROP_WRITE_PER_USER_INFORMATION, 0, 0, 0, 0, 0, 0, check_write_per_user);

#define WHOLE(f, id, logon, h1, h2, rh, check)                                                               \
	R(f, "request", NULL, NULL, "response", NULL, false, id, logon, h1, h2, 0, rh, 0, check)

static const struct rop_example ex_create_folder =
        WHOLE("MS-OXCFOLD-4.1-createfolder.hex", ROP_CREATE_FOLDER, 0, 0, 1, 1, check_create_folder);
static const struct rop_example ex_delete_folder =
        WHOLE("MS-OXCFOLD-4.2-deletefolder.hex", ROP_DELETE_FOLDER, 0, 1, 0, 1, check_delete_folder);
static const struct rop_example ex_delete_messages =
        WHOLE("MS-OXCFOLD-4.3-deletemessages.hex", ROP_DELETE_MESSAGES, 0, 0, 0, 0, check_delete_messages);
static const struct rop_example ex_move_copy_messages = WHOLE(
        "MS-OXCFOLD-4.4-movecopymessages.hex", ROP_MOVE_COPY_MESSAGES, 0, 0, 1, 0, check_move_copy_messages);
static const struct rop_example ex_move_folder =
        WHOLE("MS-OXCFOLD-4.5-movefolder.hex", ROP_MOVE_FOLDER, 0, 1, 2, 1, check_move_folder);
static const struct rop_example ex_copy_folder =
        WHOLE("MS-OXCFOLD-4.6-copyfolder.hex", ROP_COPY_FOLDER, 0, 0, 1, 0, check_copy_folder);
static const struct rop_example ex_hierarchy_table = WHOLE(
        "MS-OXCFOLD-4.7-gethierarchytable.hex", ROP_GET_HIERARCHY_TABLE, 0, 1, 2, 2, check_hierarchy_table);
static const struct rop_example ex_set_search = WHOLE(
        "MS-OXCFOLD-4.8-setsearchcriteria.hex", ROP_SET_SEARCH_CRITERIA, 0, 1, 0, 1, check_search_criteria);
static const struct rop_example ex_get_search =
        WHOLE("MS-OXCFOLD-4.9-getsearchcriteria.hex", ROP_GET_SEARCH_CRITERIA, 0, 0, 0, 0,
              check_get_search_criteria);
static const struct rop_example ex_create_message =
        WHOLE("MS-OXCMSG-4.1-createmessage.hex", ROP_CREATE_MESSAGE, 0, 0, 1, 1, check_create_message);
static const struct rop_example ex_attachment_table =
        WHOLE("MS-OXCMSG-4.3-getattachmenttable.hex", ROP_GET_ATTACHMENT_TABLE, 0, 0, 1, 1, NULL);
static const struct rop_example ex_create_attachment_4_4 =
        WHOLE("MS-OXCMSG-4.4-createattachment.hex", ROP_CREATE_ATTACHMENT, 0, 0, 1, 1, check_attachment_0);
static const struct rop_example ex_create_attachment_4_5 =
        WHOLE("MS-OXCMSG-4.5-createattachment.hex", ROP_CREATE_ATTACHMENT, 0, 0, 3, 3, check_attachment_1);
static const struct rop_example ex_save_attachment_4_4 =
        R("MS-OXCMSG-4.4-createattachment.hex", "save-request", NULL, NULL, "save-response", NULL, false,
          ROP_SAVE_CHANGES_ATTACHMENT, 0, 1, 0, 0, 1, 0, check_save_flags);
static const struct rop_example ex_save_attachment_4_5 =
        R("MS-OXCMSG-4.5-createattachment.hex", "save-request", NULL, NULL, "save-response", NULL, false,
          ROP_SAVE_CHANGES_ATTACHMENT, 0, 2, 1, 0, 2, 0, check_save_flags);
static const struct rop_example ex_modify_recipients = WHOLE(
        "MS-OXCMSG-4.7-modifyrecipients.hex", ROP_MODIFY_RECIPIENTS, 0, 8, 0, 8, check_modify_recipients);
static const struct rop_example ex_save_message = WHOLE(
        "MS-OXCMSG-4.8-savechangesmessage.hex", ROP_SAVE_CHANGES_MESSAGE, 0, 0, 1, 0, check_save_message);
static const struct rop_example ex_contents_table = WHOLE(
        "MS-OXCTABL-4.1-getcontentstable.hex", ROP_GET_CONTENTS_TABLE, 0, 0, 1, 1, check_contents_table);
static const struct rop_example ex_set_columns =
        WHOLE("MS-OXCTABL-4.2-setcolumns.hex", ROP_SET_COLUMNS, 0, 1, 0, 1, check_set_columns);
static const struct rop_example ex_sort_table = R("MS-OXCTABL-4.3.1-sorttable-sortorderset.hex", "rop", NULL,
                                                  "MS-OXCTABL-4.3.2-sorttable-response.hex", "response", NULL,
                                                  false, ROP_SORT_TABLE, 0, 1, 0, 0, 1, 0, check_sort_table);
static const struct rop_example ex_query_rows =
        R("MS-OXCTABL-4.4-queryrows.hex", "request", NULL, NULL, NULL, NULL, false, ROP_QUERY_ROWS, 0, 1, 0,
          0, 0, 0, check_query_rows);
static const struct rop_example ex_sort_category =
        R("MS-OXCTABL-4.5.1.1-sorttable-category-sortorderset.hex", "rop", NULL,
          "MS-OXCTABL-4.5.1.2-sorttable-category-response.hex", "response", NULL, false, ROP_SORT_TABLE, 0, 0,
          0, 0, 0, 0, check_sort_category);
static const struct rop_example ex_expand_row = {"MS-OXCTABL-4.5.2-expandrow.hex",
                                                 "request",
                                                 NULL,
                                                 NULL,
                                                 "response",
                                                 NULL,
                                                 false,
                                                 true,
                                                 ROP_EXPAND_ROW,
                                                 0,
                                                 1,
                                                 0,
                                                 0,
                                                 1,
                                                 0,
                                                 check_expand_row};
static const struct rop_example ex_query_rows_category =
        R("MS-OXCTABL-4.5.3-queryrows-category.hex", "request", NULL, NULL, NULL, NULL, false, ROP_QUERY_ROWS,
          0, 0, 0, 0, 0, 0, check_query_rows);
static const struct rop_example ex_property_ids =
        R("MS-OXCPRPT-4.1.1-getpropertyidsfromnames-propertynames.hex", "rop", NULL,
          "MS-OXCPRPT-4.1.2-getpropertyidsfromnames-response.hex", "response", NULL, false,
          ROP_GET_PROPERTY_IDS_FROM_NAMES, 0, 0, 0, 0, 0, 0, check_property_ids);
static const struct rop_example ex_set_properties =
        R("MS-OXCPRPT-4.2.1-setproperties-propertyvalues.hex", "rop", NULL,
          "MS-OXCPRPT-4.2.2-setproperties-response.hex", "response", NULL, false, ROP_SET_PROPERTIES, 0, 0, 0,
          0, 0, 0, check_set_properties);
static const struct rop_example ex_get_properties =
        WHOLE("MS-OXCPRPT-4.3-getpropertiesspecific.hex", ROP_GET_PROPERTIES_SPECIFIC, 0, 0, 0, 0,
              check_get_properties);
static const struct rop_example ex_open_stream =
        WHOLE("MS-OXCPRPT-4.4.1-openstream.hex", ROP_OPEN_STREAM, 1, 0, 1, 1, check_open_stream);
static const struct rop_example ex_commit_stream =
        WHOLE("MS-OXCPRPT-4.4.3-commitstream.hex", ROP_COMMIT_STREAM, 1, 1, 0, 1, NULL);
static const struct rop_example ex_progress_1 =
        R("MS-OXCPRPT-4.5-progress.hex", "emptyfolder-request", NULL, NULL, "progress-response-1", NULL,
          false, ROP_EMPTY_FOLDER, 0, 0, 0, ROP_PROGRESS, 0, 0, check_progress);
static const struct rop_example ex_progress_2 =
        R("MS-OXCPRPT-4.5-progress.hex", "progress-request", NULL, NULL, "progress-response-2", NULL, false,
          ROP_PROGRESS, 0, 0, 0, 0, 0, 0, check_progress_2);
static const struct rop_example ex_progress_done =
        R("MS-OXCPRPT-4.5-progress.hex", "progress-request", NULL, NULL, "emptyfolder-response", NULL, false,
          ROP_PROGRESS, 0, 0, 0, ROP_EMPTY_FOLDER, 0, 0, check_progress_done);
static const struct rop_example ex_submit =
        R("MS-OXOMSG-4-submit-spooler.hex", "submit-request", NULL, NULL, "submit-response", NULL, false,
          ROP_SUBMIT_MESSAGE, 0, 2, 0, 0, 2, 0, NULL);
static const struct rop_example ex_abort_submit =
        R("MS-OXOMSG-4-submit-spooler.hex", "abort-request", NULL, NULL, "abort-response", NULL, false,
          ROP_ABORT_SUBMIT, 0, 0, 0, 0, 0, 0, check_abort_submit);
static const struct rop_example ex_set_spooler =
        R("MS-OXOMSG-4-submit-spooler.hex", NULL, "47 00 00", NULL, "setspooler-response", NULL, false,
          ROP_SET_SPOOLER, 0, 0, 0, 0, 0, 0, NULL);
static const struct rop_example ex_permissions_table =
        R("MS-OXCPERM-4-permissions-rops.hex", "gettable-request", NULL, NULL, "gettable-response", NULL,
          false, ROP_GET_PERMISSIONS_TABLE, 0, 0, 1, 0, 1, 0, NULL);
static const struct rop_example ex_modify_permissions_4_2 =
        R("MS-OXCPERM-4-permissions-rops.hex", "4.2-modify-request", NULL, NULL, "4.2-modify-response", NULL,
          false, ROP_MODIFY_PERMISSIONS, 0, 0, 0, 0, 0, 0, check_modify_permissions);
static const struct rop_example ex_modify_permissions_4_3 =
        R("MS-OXCPERM-4-permissions-rops.hex", "4.3-modify-request", NULL, NULL, "4.3-modify-response", NULL,
          false, ROP_MODIFY_PERMISSIONS, 0, 0, 0, 0, 0, 0, check_modify_permissions);
static const struct rop_example ex_rules_table =
        R("MS-OXORULE-4-rules-rops.hex", "gettable-request", NULL, NULL, "gettable-response", NULL, false,
          ROP_GET_RULES_TABLE, 0, 0, 1, 0, 1, 0, NULL);
static const struct rop_example ex_modify_rules =
        R("MS-OXORULE-4.1.1-RopModifyRules-request.hex", "*", NULL, "MS-OXORULE-4-rules-rops.hex",
          "4.1.2-modify-response", NULL, false, ROP_MODIFY_RULES, 0, 1, 0, 0, 1, 0, NULL);

#define T(name, clause, ex)                                                                                  \
	{                                                                                                    \
		"NOSERVER", name, clause, run_example, &ex                                                   \
	}

static const struct mt_test tests[] = {
        T("rop_logon_private_example", "MS-OXCSTOR 4.1", ex_logon_private),
        T("rop_logon_public_example", "MS-OXCSTOR 4.2", ex_logon_public),
        T("rop_get_receive_folder_example", "MS-OXCSTOR 4.3", ex_get_receive_folder),
        T("rop_set_receive_folder_example", "MS-OXCSTOR 4.4", ex_set_receive_folder),
        T("rop_get_receive_folder_table_example", "MS-OXCSTOR 4.5", ex_receive_folder_table),
        T("rop_id_from_long_term_id_example", "MS-OXCSTOR 4.6", ex_id_from_ltid),
        T("rop_get_per_user_long_term_ids_example", "MS-OXCSTOR 4.7", ex_per_user_ltids),
        T("rop_read_per_user_information_example", "MS-OXCSTOR 4.8", ex_read_per_user),
        T("rop_write_per_user_information_example", "MS-OXCSTOR 4.9", ex_write_per_user),
        T("rop_create_folder_example", "MS-OXCFOLD 4.1", ex_create_folder),
        T("rop_delete_folder_example", "MS-OXCFOLD 4.2", ex_delete_folder),
        T("rop_delete_messages_example", "MS-OXCFOLD 4.3", ex_delete_messages),
        T("rop_move_copy_messages_example", "MS-OXCFOLD 4.4", ex_move_copy_messages),
        T("rop_move_folder_example", "MS-OXCFOLD 4.5", ex_move_folder),
        T("rop_copy_folder_example", "MS-OXCFOLD 4.6", ex_copy_folder),
        T("rop_get_hierarchy_table_example", "MS-OXCFOLD 4.7", ex_hierarchy_table),
        T("rop_set_search_criteria_example", "MS-OXCFOLD 4.8", ex_set_search),
        T("rop_get_search_criteria_example", "MS-OXCFOLD 4.9", ex_get_search),
        T("rop_create_message_example", "MS-OXCMSG 4.1", ex_create_message),
        T("rop_get_attachment_table_example", "MS-OXCMSG 4.3", ex_attachment_table),
        T("rop_create_attachment_example_4_4", "MS-OXCMSG 4.4", ex_create_attachment_4_4),
        T("rop_save_changes_attachment_example_4_4", "MS-OXCMSG 4.4", ex_save_attachment_4_4),
        T("rop_create_attachment_example_4_5", "MS-OXCMSG 4.5", ex_create_attachment_4_5),
        T("rop_save_changes_attachment_example_4_5", "MS-OXCMSG 4.5", ex_save_attachment_4_5),
        T("rop_modify_recipients_example", "MS-OXCMSG 4.7", ex_modify_recipients),
        T("rop_save_changes_message_example", "MS-OXCMSG 4.8", ex_save_message),
        T("rop_get_contents_table_example", "MS-OXCTABL 4.1", ex_contents_table),
        T("rop_set_columns_example", "MS-OXCTABL 4.2", ex_set_columns),
        T("rop_sort_table_example", "MS-OXCTABL 4.3", ex_sort_table),
        T("rop_query_rows_request_example", "MS-OXCTABL 4.4.1", ex_query_rows),
        T("rop_sort_table_category_example", "MS-OXCTABL 4.5.1", ex_sort_category),
        T("rop_expand_row_example", "MS-OXCTABL 4.5.2", ex_expand_row),
        T("rop_query_rows_category_request_example", "MS-OXCTABL 4.5.3.1", ex_query_rows_category),
        T("rop_get_property_ids_from_names_example", "MS-OXCPRPT 4.1", ex_property_ids),
        T("rop_set_properties_example", "MS-OXCPRPT 4.2", ex_set_properties),
        T("rop_get_properties_specific_example", "MS-OXCPRPT 4.3", ex_get_properties),
        T("rop_open_stream_example", "MS-OXCPRPT 4.4.1", ex_open_stream),
        T("rop_commit_stream_example", "MS-OXCPRPT 4.4.3", ex_commit_stream),
        T("rop_progress_answers_empty_folder", "MS-OXCPRPT 4.5", ex_progress_1),
        T("rop_progress_answers_progress", "MS-OXCPRPT 4.5", ex_progress_2),
        T("rop_empty_folder_answers_progress", "MS-OXCPRPT 4.5", ex_progress_done),
        T("rop_submit_message_example", "MS-OXOMSG 4.1", ex_submit),
        T("rop_abort_submit_example", "MS-OXOMSG 4.3", ex_abort_submit),
        T("rop_set_spooler_response_example", "MS-OXOMSG 4.6.1.2", ex_set_spooler),
        T("rop_get_permissions_table_example", "MS-OXCPERM 4.1", ex_permissions_table),
        T("rop_modify_permissions_example_4_2", "MS-OXCPERM 4.2", ex_modify_permissions_4_2),
        T("rop_modify_permissions_example_4_3", "MS-OXCPERM 4.3", ex_modify_permissions_4_3),
        T("rop_get_rules_table_example", "MS-OXORULE 4.2", ex_rules_table),
        T("rop_modify_rules_example", "MS-OXORULE 4.1", ex_modify_rules),
};

MT_TEST_LIST(mt_noserver_rops, tests);
