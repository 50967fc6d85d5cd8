/* mapitest OXCSTOR: the Store Object protocol (MS-OXCSTOR) on the user's private mailbox: RopLogon
 * (2.2.1.1.3), the Receive folder table (3.2.3, 3.2.5.2 - 3.2.5.4) and the REPLID / REPLGUID mapping
 * (3.2.5.8, 3.2.5.9). */
#include "mt_server.h"

#include <string.h>

#include "mapi/mapi_ids.h"

static const struct rop_logon_rsp *logon_info(struct mt *t)
{
	const struct rop_logon_rsp *info = mapi_store_logon_info(mt_store(t));
	mt_true(t, info != NULL, "libmapi kept no RopLogon response");
	return info;
}

/* 2.2.1.1.3: LogonFlags echoes Private; ResponseFlags Reserved (0x01) "MUST be set" */
static void test_logon_private(struct mt *t)
{
	const struct rop_logon_rsp *info = logon_info(t);
	mt_eq(t, "LogonFlags Private", info->logon_flags & LOGON_PRIVATE, LOGON_PRIVATE);
	mt_eq(t, "ResponseFlags Reserved bit", info->response_flags & 0x01, 0x01);
	mt_eq(t, "ResponseFlags OwnerRight (the user's own mailbox)", info->response_flags & 0x02, 0x02);
}

/* 2.2.1.1.3: 13 Folder IDs of distinct special folders, none zero */
static void test_logon_folder_ids(struct mt *t)
{
	const struct rop_logon_rsp *info = logon_info(t);
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++) {
		mt_true(t, info->folder_ids[i] != 0, "FolderIds[%d]: expected a Folder ID, got 0", i);
		for (int j = 0; j < i; j++)
			mt_true(t, info->folder_ids[i] != info->folder_ids[j],
			        "FolderIds[%d] and [%d]: expected distinct folders, both 0x%016llX", j, i,
			        (unsigned long long)info->folder_ids[i]);
	}
}

/* MS-OXCDATA 2.2.1.1: a Folder ID is REPLID + GLOBCNT; the mailbox's folders carry the logon's ReplId, which
 * MS-OXCSTOR 3.2.5.8 forbids to be zero */
static void test_logon_replid(struct mt *t)
{
	const struct rop_logon_rsp *info = logon_info(t);
	mt_true(t, info->repl_id != 0, "ReplId: a REPLID MUST NOT be zero, got 0");
	for (int i = 0; i < LOGON_FOLDER_COUNT; i++)
		mt_eq(t, "REPLID of a special folder's FID", info->folder_ids[i] & 0xFFFF, info->repl_id);
}

/* 3.2.3: the Receive folder table of a new mailbox maps "", "IPM", "Report.IPM" to the Inbox, "IPC" to the
 * root; 3.2.5.2: the longest case-insensitive prefix wins, no match is the Inbox */
struct receive_case {
	const char *message_class;
	unsigned want; /* LOGON_FID_* */
};

static void run_receive_folder(struct mt *t)
{
	const struct receive_case *c = t->test->arg;
	uint64_t fid = 0;
	mt_rop(t, "RopGetReceiveFolder", mapi_get_receive_folder(mt_store(t), c->message_class, &fid));
	mt_eq(t, "FolderId", fid, logon_info(t)->folder_ids[c->want]);
}

static const struct receive_case rc_default = {"", LOGON_FID_INBOX};
static const struct receive_case rc_ipm = {"IPM", LOGON_FID_INBOX};
static const struct receive_case rc_note = {"IPM.Note.Mapitest", LOGON_FID_INBOX};
static const struct receive_case rc_report = {"report.ipm.note.ndr", LOGON_FID_INBOX};
static const struct receive_case rc_ipc = {"IPC", LOGON_FID_MAILBOX_ROOT};

/* 2.2.1.2.1, 3.2.5.2: a MessageClass beginning or ending with a period or with adjacent periods fails with
 * 0x80070057 */
static void test_receive_folder_bad_class(struct mt *t)
{
	static const char *const bad[] = {".IPM", "IPM.", "IPM..Note"};
	for (int i = 0; i < 3; i++) {
		struct mapi_batch *b;
		mt_req(t, &b, ROP_GET_RECEIVE_FOLDER, mt_store(t))->get_receive_folder.message_class =
		        (char *)bad[i];
		mt_send(t, b, ecInvalidParam);
	}
}

static uint32_t set_receive_folder(struct mt *t, const char *message_class, uint64_t fid, uint32_t want)
{
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_SET_RECEIVE_FOLDER, mt_store(t));
	r->set_receive_folder.message_class = (char *)message_class;
	r->set_receive_folder.folder_id = fid;
	mt_send(t, b, want);
	return mapi_batch_result(b, mapi_batch_last(b));
}

/* 3.2.5.3: a new row answers its class and the classes below it (ExplicitMessageClass names the row);
 * FolderId 0 deletes the row */
static void test_set_receive_folder(struct mt *t)
{
	uint64_t fid;
	mt_folder(t, &fid);
	set_receive_folder(t, "IPM.Mapitest", fid, ecSuccess);
	struct mapi_batch *b;
	mt_req(t, &b, ROP_GET_RECEIVE_FOLDER, mt_store(t))->get_receive_folder.message_class =
	        (char *)"IPM.Mapitest.Sub";
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_eq(t, "FolderId", p->get_receive_folder.folder_id, fid);
	mt_true(t, strcasecmp(p->get_receive_folder.message_class, "IPM.Mapitest") == 0,
	        "ExplicitMessageClass: expected \"IPM.Mapitest\" (any case), got \"%s\"",
	        p->get_receive_folder.message_class);
	set_receive_folder(t, "IPM.Mapitest", 0, ecSuccess);
	uint64_t now = 0;
	mt_rop(t, "RopGetReceiveFolder", mapi_get_receive_folder(mt_store(t), "IPM.Mapitest.Sub", &now));
	mt_eq(t, "FolderId after deleting the row (the Inbox)", now,
	      logon_info(t)->folder_ids[LOGON_FID_INBOX]);
}

/* 3.2.5.3: "IPM" and "Report.IPM" cannot be changed (0x80070005); "" with FolderId 0 is 0x80004005; an
 * invalid class is 0x80070057 */
static void test_set_receive_folder_refused(struct mt *t)
{
	uint64_t inbox = logon_info(t)->folder_ids[LOGON_FID_INBOX];
	set_receive_folder(t, "IPM", inbox, ecAccessDenied);
	set_receive_folder(t, "report.ipm", inbox, ecAccessDenied);
	set_receive_folder(t, "", 0, ecError);
	set_receive_folder(t, "IPM..Bad", inbox, ecInvalidParam);
}

/* 3.2.5.4: the table lists the class "" with the Inbox */
static void test_receive_folder_table(struct mt *t)
{
	struct mapi_batch *b;
	mt_req(t, &b, ROP_GET_RECEIVE_FOLDER_TABLE, mt_store(t));
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	const struct rop_get_receive_folder_table_rsp *tab = &p->get_receive_folder_table;
	mt_true(t, tab->row_count >= 4, "RowCount: expected the 4 rows of 3.2.3 at least, got %u",
	        tab->row_count);
	bool found = false;
	for (uint32_t i = 0; i < tab->row_count && !found; i++) {
		const struct mapi_property_row *row = &tab->rows[i];
		const struct mapi_propval *cls =
		        mt_row_value(t, row, PROP_TAG(PT_STRING8, PROP_ID(PidTagMessageClass)));
		if (cls->value.str[0] == '\0') {
			found = true;
			mt_eq(t, "FolderId of class \"\"", mt_row_value(t, row, PidTagFolderId)->value.i64,
			      logon_info(t)->folder_ids[LOGON_FID_INBOX]);
		}
	}
	mt_true(t, found, "no row for the class \"\" (3.2.3)");
}

static void long_term_id_from_id(struct mt *t, uint64_t id, struct rop_long_term_id *out)
{
	struct mapi_batch *b;
	mt_req(t, &b, ROP_LONG_TERM_ID_FROM_ID, mt_store(t))->long_term_id_from_id.object_id = id;
	*out = mt_send(t, b, ecSuccess)->long_term_id_from_id.long_term_id;
}

static uint64_t id_from_long_term_id(struct mt *t, const struct rop_long_term_id *ltid)
{
	struct mapi_batch *b;
	mt_req(t, &b, ROP_ID_FROM_LONG_TERM_ID, mt_store(t))->id_from_long_term_id.long_term_id = *ltid;
	uint32_t ec = mapi_batch_execute(b);
	if (ec != ecSuccess)
		mt_fail(t, "Execute of RopIdFromLongTermId: %s", mapi_err_name(ec));
	/* 3.2.5.9: ecParameterOverflow is the answer of a server whose REPLID table is full */
	if (mapi_batch_result(b, 0) == ecParameterOverflow)
		mt_skip(t, "MS-OXCSTOR 3.2.5.9",
		        "RopIdFromLongTermId answers ecParameterOverflow: the server registers no more "
		        "REPLIDs, so "
		        "the mapping of a new REPLGUID cannot be tested");
	mt_rop(t, "RopIdFromLongTermId", mapi_batch_result(b, 0));
	return mapi_batch_response(b, 0)->id_from_long_term_id.object_id;
}

/* 3.2.5.8: LongTermID = REPLGUID of the ID's REPLID, its 48-bit global counter, 16 bits of zero */
static void test_long_term_id_from_id(struct mt *t)
{
	const struct rop_logon_rsp *info = logon_info(t);
	uint64_t inbox = info->folder_ids[LOGON_FID_INBOX];
	struct rop_long_term_id ltid;
	long_term_id_from_id(t, inbox, &ltid);
	struct wc_guid g;
	struct wc_reader r;
	wc_reader_init(&r, ltid.bytes, 16);
	wc_read_guid(&r, &g);
	mt_true(t, wc_guid_equal(&g, &info->repl_guid), "REPLGUID: expected the logon's ReplGuid");
	mt_eq(t, "GlobalCounter", mapi_globcnt_from_bytes(ltid.bytes + 16), mapi_fid_globcnt(inbox));
	mt_eq(t, "Pad", ltid.bytes[22] | ltid.bytes[23] << 8, 0);
}

/* 3.2.5.9: IdFromLongTermId gives back the ID the LongTermID was made from */
static void test_id_from_long_term_id(struct mt *t)
{
	uint64_t fid = logon_info(t)->folder_ids[LOGON_FID_SENT_ITEMS];
	struct rop_long_term_id ltid;
	long_term_id_from_id(t, fid, &ltid);
	mt_eq(t, "ObjectId", id_from_long_term_id(t, &ltid), fid);
}

/* 3.2.5.9: an unknown REPLGUID gets a new REPLID, the same every time, not the mailbox's; 3.2.5.8 maps it
 * back */
static void test_new_replguid_mapping(struct mt *t)
{
	struct rop_long_term_id ltid = {{0x4D, 0x61, 0x70, 0x69, 0x74, 0x65, 0x73, 0x74,
	                                 0x52, 0x65, 0x70, 0x6C, 0x47, 0x75, 0x69, 0x64,
	                                 0x00, 0x00, 0x00, 0x00, 0x00, 0x2A, 0,    0}};
	uint64_t a = id_from_long_term_id(t, &ltid), b = id_from_long_term_id(t, &ltid);
	mt_eq(t, "REPLID the second time", b & 0xFFFF, a & 0xFFFF);
	mt_true(t, (a & 0xFFFF) != logon_info(t)->repl_id && (a & 0xFFFF) != 0,
	        "REPLID: expected a new non-zero REPLID, got 0x%04X", (unsigned)(a & 0xFFFF));
	struct rop_long_term_id back;
	long_term_id_from_id(t, a, &back);
	mt_eq_bytes(t, "LongTermID of the new ID", back.bytes, 24, ltid.bytes, 24);
}

/* 3.2.5.9: a LongTermID whose global counter is zero MUST be answered with ReturnValue 0 */
static void test_zero_counter_long_term_id(struct mt *t)
{
	struct rop_long_term_id ltid;
	long_term_id_from_id(t, logon_info(t)->folder_ids[LOGON_FID_INBOX], &ltid);
	memset(ltid.bytes + 16, 0, 8);
	struct mapi_batch *b;
	mt_req(t, &b, ROP_ID_FROM_LONG_TERM_ID, mt_store(t))->id_from_long_term_id.long_term_id = ltid;
	mt_send(t, b, ecSuccess);
}

#define T(name, clause, fn)                                                                                  \
	{                                                                                                    \
		"OXCSTOR", name, clause, fn, NULL                                                            \
	}
#define A(name, clause, fn, arg)                                                                             \
	{                                                                                                    \
		"OXCSTOR", name, clause, fn, &arg                                                            \
	}

static const struct mt_test tests[] = {
        T("logon_private_flags", "MS-OXCSTOR 2.2.1.1.3", test_logon_private),
        T("logon_folder_ids_distinct", "MS-OXCSTOR 2.2.1.1.3", test_logon_folder_ids),
        T("logon_folder_ids_replid", "MS-OXCDATA 2.2.1.1", test_logon_replid),
        A("receive_folder_default_is_inbox", "MS-OXCSTOR 3.2.5.2", run_receive_folder, rc_default),
        A("receive_folder_ipm_is_inbox", "MS-OXCSTOR 3.2.3", run_receive_folder, rc_ipm),
        A("receive_folder_longest_prefix", "MS-OXCSTOR 3.2.5.2", run_receive_folder, rc_note),
        A("receive_folder_report_ipm_is_inbox", "MS-OXCSTOR 3.2.3", run_receive_folder, rc_report),
        A("receive_folder_ipc_is_root", "MS-OXCSTOR 3.2.3", run_receive_folder, rc_ipc),
        T("receive_folder_invalid_class", "MS-OXCSTOR 2.2.1.2.1", test_receive_folder_bad_class),
        T("set_receive_folder_and_delete", "MS-OXCSTOR 3.2.5.3", test_set_receive_folder),
        T("set_receive_folder_refused", "MS-OXCSTOR 3.2.5.3", test_set_receive_folder_refused),
        T("receive_folder_table", "MS-OXCSTOR 3.2.5.4", test_receive_folder_table),
        T("long_term_id_from_id", "MS-OXCSTOR 3.2.5.8", test_long_term_id_from_id),
        T("id_from_long_term_id", "MS-OXCSTOR 3.2.5.9", test_id_from_long_term_id),
        T("new_replguid_gets_stable_replid", "MS-OXCSTOR 3.2.5.9", test_new_replguid_mapping),
        T("zero_counter_long_term_id", "MS-OXCSTOR 3.2.5.9", test_zero_counter_long_term_id),
};

MT_TEST_LIST(mt_suite_oxcstor, tests);
