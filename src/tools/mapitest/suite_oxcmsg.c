/* mapitest OXCMSG: the Message and Attachment Object protocol (MS-OXCMSG 3.2.5): creating, saving and
 * opening messages, recipients, attachments, read flags and message status. */
#include "mt_server.h"

#include <string.h>

#include "mapi/mapi_ids.h"

#define MSGFLAG_READ 0x00000001 /* MS-OXCMSG 2.2.1.6 mfRead */

static uint32_t contents_count(struct mt *t, struct mapi_object *folder)
{
	struct mapi_object *table;
	uint32_t n = 0;
	mt_rop(t, "RopGetContentsTable", mapi_get_contents_table(folder, 0, t->mem, &table, &n));
	talloc_free(table);
	return n;
}

static struct mapi_object *open_message(struct mt *t, struct mapi_object *folder, uint64_t mid, uint8_t mode)
{
	struct mapi_object *m;
	mt_rop(t, "RopOpenMessage",
	       mapi_open_message(folder, mapi_object_id(folder), mid, mode, t->mem, &m, NULL));
	return m;
}

/* 3.2.5.2: the server MUST NOT commit a new message before RopSaveChangesMessage; 3.2.5.3: the save gives
 * it a MID of the mailbox's REPLID */
static void test_create_save_message(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	mt_eq(t, "RowCount before RopSaveChangesMessage", contents_count(t, f), 0);
	uint64_t mid = 0;
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, &mid));
	mt_true(t, mid != 0, "MessageId: expected a MID, got 0");
	mt_eq(t, "REPLID of the MID", mid & 0xFFFF, mapi_store_logon_info(mt_store(t))->repl_id);
	mt_eq(t, "RowCount after RopSaveChangesMessage", contents_count(t, f), 1);
}

/* MS-OXCROPS 2.2.6.1.2 / MS-OXCMSG 2.2.3.1.2: the NormalizedSubject of the RopOpenMessage response holds
 * the message's PidTagNormalizedSubject (2.2.1.10, set by the client) */
static void test_open_message_subject(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	struct mapi_propval v[3] = {
	        {.tag = PidTagSubjectPrefix}, {.tag = PidTagNormalizedSubject}, {.tag = PidTagSubject}};
	v[0].value.str = (char *)"";
	v[1].value.str = v[2].value.str = (char *)"Conformance subject";
	mt_rop(t, "RopSetProperties", mapi_set_props(m, 3, v, t->mem, NULL));
	uint64_t mid;
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_ONLY, &mid));
	struct rop_open_message_rsp info;
	mt_rop(t, "RopOpenMessage",
	       mapi_open_message(f, mapi_object_id(f), mid, OPEN_READ_ONLY, t->mem, &m, &info));
	mt_true(t, info.normalized_subject.type != TYPED_STRING_NONE,
	        "NormalizedSubject: expected the string, got StringType 0 (no string)");
	mt_eq_str(t, "NormalizedSubject", info.normalized_subject.str, "Conformance subject");
	mt_eq(t, "RecipientCount", info.recipient_count, 0);
}

/* 3.2.5.1: a MID that names no message is ecNotFound */
static void test_open_message_not_found(struct mt *t)
{
	uint64_t fid;
	struct mapi_object *f = mt_folder(t, &fid), *m;
	uint64_t none = mapi_fid_make((uint16_t)(fid & 0xFFFF), 0x7FFFFFFFFF01ULL);
	mt_eq_ec(t, "RopOpenMessage of an unused MID",
	         mapi_open_message(f, fid, none, OPEN_READ_ONLY, t->mem, &m, NULL), ecNotFound);
}

/* 3.2.5.3: what was set before RopSaveChangesMessage is there when the message is opened again */
static void test_saved_properties(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	struct mapi_propval v[2] = {{.tag = PidTagSubject}, {.tag = PidTagImportance}};
	v[0].value.str = (char *)"saved \xE2\x9C\x93";
	v[1].value.i32 = 2;
	mt_rop(t, "RopSetProperties", mapi_set_props(m, 2, v, t->mem, NULL));
	uint64_t mid;
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_ONLY, &mid));
	struct mapi_object *again = open_message(t, f, mid, OPEN_READ_ONLY);
	mt_eq_str(t, "PidTagSubject", mt_get_prop(t, again, PidTagSubject).value.str, "saved \xE2\x9C\x93");
	mt_eq(t, "PidTagImportance", mt_get_prop(t, again, PidTagImportance).value.i32, 2);
}

static const struct mapi_recipient two_recipients[] = {
        {RECIPIENT_TO, (char *)"Ann Example", (char *)"ann@example.org", (char *)"SMTP"},
        {RECIPIENT_CC, (char *)"Bob Example", (char *)"bob@example.org", (char *)"SMTP"},
};

static struct mapi_object *message_with_recipients(struct mt *t, struct mapi_object *f, uint64_t *mid)
{
	struct mapi_object *m;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	mt_rop(t, "RopModifyRecipients", mapi_modify_recipients(m, 2, two_recipients));
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, mid));
	return m;
}

/* 3.2.5.5, 3.2.5.6: the rows RopModifyRecipients wrote are what RopReadRecipients reads */
static void test_recipients(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mid;
	message_with_recipients(t, f, &mid);
	struct mapi_object *m = open_message(t, f, mid, OPEN_READ_ONLY);
	uint32_t n = 0;
	struct mapi_recipient *r;
	mt_rop(t, "RopReadRecipients", mapi_read_recipients(m, t->mem, &n, &r));
	mt_eq(t, "recipients", n, 2);
	for (uint32_t i = 0; i < 2; i++) {
		mt_eq(t, "RecipientType", r[i].type, two_recipients[i].type);
		mt_eq_str(t, "DisplayName", r[i].display_name, two_recipients[i].display_name);
		mt_eq_str(t, "EmailAddress", r[i].email, two_recipients[i].email);
	}
}

/* 3.2.5.1: RopOpenMessage reports the RecipientCount */
static void test_open_message_recipient_count(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m;
	uint64_t mid;
	message_with_recipients(t, f, &mid);
	struct rop_open_message_rsp info;
	mt_rop(t, "RopOpenMessage",
	       mapi_open_message(f, mapi_object_id(f), mid, OPEN_READ_ONLY, t->mem, &m, &info));
	mt_eq(t, "RecipientCount", info.recipient_count, 2);
}

/* 3.2.5.4: RopRemoveAllRecipients leaves none; 3.2.5.6: reading a RowId that does not exist is
 * ecNotFound */
static void test_remove_all_recipients(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mid;
	struct mapi_object *m = message_with_recipients(t, f, &mid);
	mt_rop(t, "RopRemoveAllRecipients", mapi_remove_all_recipients(m));
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, NULL));
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_READ_RECIPIENTS, m);
	r->read_recipients.row_id = 0;
	mt_send(t, b, ecNotFound);
}

/* 3.2.5.13: attachments are numbered from 0 in creation order; 3.2.5.15: RopDeleteAttachment removes one,
 * which then cannot be opened (3.2.5.12) while the other can */
static void test_attachments(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m, *a;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	for (uint32_t i = 0; i < 2; i++) {
		uint32_t num = 99;
		mt_rop(t, "RopCreateAttachment", mapi_create_attachment(m, t->mem, &a, &num));
		mt_eq(t, "AttachmentID", num, i);
		mt_rop(t, "RopSaveChangesAttachment", mapi_save_attachment(a, SAVE_KEEP_OPEN_READ_WRITE));
		talloc_free(a);
	}
	uint64_t mid;
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, &mid));
	mt_rop(t, "RopDeleteAttachment", mapi_delete_attachment(m, 0));
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, NULL));
	struct mapi_object *again = open_message(t, f, mid, OPEN_READ_ONLY);
	mt_eq_ec(t, "RopOpenAttachment of the deleted attachment 0",
	         mapi_open_attachment(again, 0, ATTACH_OPEN_READ_ONLY, t->mem, &a), ecNotFound);
	mt_rop(t, "RopOpenAttachment of attachment 1",
	       mapi_open_attachment(again, 1, ATTACH_OPEN_READ_ONLY, t->mem, &a));
}

/* 3.2.5.12: an attachment number that does not exist is ecNotFound */
static void test_open_attachment_not_found(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *a;
	uint64_t mid = mt_message(t, f, NULL);
	struct mapi_object *m = open_message(t, f, mid, OPEN_READ_ONLY);
	mt_eq_ec(t, "RopOpenAttachment 7", mapi_open_attachment(m, 7, ATTACH_OPEN_READ_ONLY, t->mem, &a),
	         ecNotFound);
}

/* 3.2.5.11: RopSetMessageReadFlag sets mfRead in PidTagMessageFlags, RF_CLEAR_READ_FLAG clears it */
static void test_set_message_read_flag(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mid = mt_message(t, f, "read me");
	struct mapi_object *m = open_message(t, f, mid, OPEN_READ_WRITE);
	mt_rop(t, "RopSetMessageReadFlag", mapi_set_read_flag(m, RF_SUPPRESS_RECEIPT));
	mt_eq(t, "mfRead after marking read", mt_get_prop(t, m, PidTagMessageFlags).value.i32 & MSGFLAG_READ,
	      MSGFLAG_READ);
	mt_rop(t, "RopSetMessageReadFlag (clear)", mapi_set_read_flag(m, RF_CLEAR_READ_FLAG));
	mt_eq(t, "mfRead after clearing", mt_get_prop(t, m, PidTagMessageFlags).value.i32 & MSGFLAG_READ, 0);
}

/* 3.2.5.10: RopSetReadFlags on the folder marks the listed messages read */
static void test_set_read_flags(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mids[2] = {mt_message(t, f, "one"), mt_message(t, f, "two")};
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_SET_READ_FLAGS, f);
	r->set_read_flags.read_flags = RF_SUPPRESS_RECEIPT;
	r->set_read_flags.message_id_count = 2;
	r->set_read_flags.message_ids = mids;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_eq(t, "PartialCompletion", p->set_read_flags.partial_completion, 0);
	for (int i = 0; i < 2; i++) {
		struct mapi_object *m = open_message(t, f, mids[i], OPEN_READ_ONLY);
		mt_eq(t, "mfRead", mt_get_prop(t, m, PidTagMessageFlags).value.i32 & MSGFLAG_READ,
		      MSGFLAG_READ);
	}
}

/* 3.2.5.8: only the flags in MessageStatusMask change, to their value in MessageStatusFlags; 3.2.5.9:
 * RopGetMessageStatus reads them without the message being open */
static void test_message_status(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mid = mt_message(t, f, "status");
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_SET_MESSAGE_STATUS, f);
	r->set_message_status.message_id = mid;
	r->set_message_status.message_status_flags =
	        0x00001000 | 0x00000002; /* msRemoteDownload, msHighlighted */
	r->set_message_status.message_status_mask = 0x00001000 | 0x00000001; /* and msInConflict cleared */
	mt_send(t, b, ecSuccess);
	r = mt_req(t, &b, ROP_GET_MESSAGE_STATUS, f);
	r->get_message_status.message_id = mid;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_eq(t, "MessageStatusFlags (only the masked bit 0x1000 set)",
	      p->get_message_status.message_status_flags, 0x00001000);
}

#define T(name, clause, fn)                                                                                  \
	{                                                                                                    \
		"OXCMSG", name, clause, fn, NULL                                                             \
	}

static const struct mt_test tests[] = {
        T("create_and_save_message", "MS-OXCMSG 3.2.5.2", test_create_save_message),
        T("open_message_subject", "MS-OXCMSG 3.2.5.1", test_open_message_subject),
        T("open_message_not_found", "MS-OXCMSG 3.2.5.1", test_open_message_not_found),
        T("saved_properties_persist", "MS-OXCMSG 3.2.5.3", test_saved_properties),
        T("modify_and_read_recipients", "MS-OXCMSG 3.2.5.5", test_recipients),
        T("open_message_recipient_count", "MS-OXCMSG 3.2.5.1", test_open_message_recipient_count),
        T("remove_all_recipients", "MS-OXCMSG 3.2.5.4", test_remove_all_recipients),
        T("attachments_numbered_and_deleted", "MS-OXCMSG 3.2.5.13", test_attachments),
        T("open_attachment_not_found", "MS-OXCMSG 3.2.5.12", test_open_attachment_not_found),
        T("set_message_read_flag", "MS-OXCMSG 3.2.5.11", test_set_message_read_flag),
        T("set_read_flags", "MS-OXCMSG 3.2.5.10", test_set_read_flags),
        T("message_status_mask", "MS-OXCMSG 3.2.5.8", test_message_status),
};

MT_TEST_LIST(mt_suite_oxcmsg, tests);
