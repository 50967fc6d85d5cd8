/* src/server/emsmdb/oxcmsg.c: the MS-OXCMSG ROP handlers through emsmdb_execute(), with ROP buffers built
 * byte by byte from the MS-OXCROPS 2.2.6 layouts, against a temporary provisioned sqlite mailbox. Until
 * RopLogon exists the logon and folder objects are put into the handle table directly (what RopLogon and
 * RopOpenFolder will do), and the codec state is told that LogonId 0 is a private logon. */
#include "emsmdb_fixture.h"
#include "mapi/mapi_proptags_gen.h"

EMSMDB_FX_SETUP_TEARDOWN("/tmp/wc-oxcmsg-XXXXXX")

/* RopCreateMessage (MS-OXCROPS 2.2.6.2) into output index out on the Inbox, then RopSaveChangesMessage
 * (2.2.6.3) with SaveFlags KeepOpenReadWrite (0x0A as MS-OXCROPS gives it); returns the new MID. */
static uint64_t create_saved_message(struct fx *f, int out)
{
	size_t len;
	const uint8_t *r =
	        execute(f, &len,
	                "06 00 01 %02x ff0f %s 00" /* RopCreateMessage, CodePageId 0x0FFF, not FAI */
	                "0c 00 %02x %02x 0a",      /* RopSaveChangesMessage ResponseHandleIndex out */
	                out, id_hex(f->mem, f->inbox), out, out);
	/* RopCreateMessage response: RopId, OutputHandleIndex, ReturnValue, HasMessageId 1, MessageId */
	assert_int_equal(len, 15 + 15);
	assert_int_equal(r[0], 0x06);
	assert_int_equal(r[1], out);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 1);
	uint64_t mid = u64_at(r + 7);
	/* RopSaveChangesMessage response: RopId, ResponseHandleIndex, ReturnValue, InputHandleIndex,
	 * MessageId */
	assert_int_equal(r[15], 0x0c);
	assert_int_equal(r[16], out);
	assert_int_equal(u32_at(r + 17), ecSuccess);
	assert_int_equal(r[21], out);
	assert_true(u64_at(r + 22) == mid);
	return mid;
}

/* Create and save make a message the store has; RopOpenMessage opens it with its subject (none yet) and no
 * recipients but the recipient columns. */
static void test_create_save_open(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	struct ms_folder *inbox;
	struct ms_message *m;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);

	size_t len;
	/* RopOpenMessage on the logon, output index 3, ReadOnly */
	const uint8_t *r =
	        execute(f, &len, "03 00 00 03 ff0f %s 00 %s", id_hex(f->mem, f->inbox), id_hex(f->mem, mid));
	assert_int_equal(r[0], 0x03);
	assert_int_equal(r[1], 3);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 0);              /* HasNamedProperties */
	assert_int_equal(r[7], 0x00);           /* SubjectPrefix: TypedString None */
	assert_int_equal(r[8], 0x00);           /* NormalizedSubject: None */
	assert_int_equal(r[9] | r[10] << 8, 0); /* RecipientCount */
	uint16_t ncol = r[11] | r[12] << 8;
	assert_true(ncol > 0);
	assert_int_equal(len, 13 + 4 * ncol + 1);
	assert_int_equal(r[13 + 4 * ncol], 0); /* RowCount */
	assert_true(f->handles[3] != 0xFFFFFFFF);
	assert_non_null(emsmdb_handle_get(f->s, f->handles[3], EMSMDB_OBJ_MESSAGE));
}

/* Error paths: a handle that names nothing or the wrong kind is ecNullObject; an unknown MID ecNotFound. */
static void test_errors(void **state)
{
	struct fx *f = *state;
	size_t len;
	/* RopOpenMessage on index 4 (0xFFFFFFFF): failure response RopId, OutputHandleIndex, ReturnValue */
	const uint8_t *r = execute(f, &len, "03 00 04 03 ff0f %s 00 %s", id_hex(f->mem, f->inbox),
	                           id_hex(f->mem, 0x0001000000001234ull));
	assert_failure(r, len, 0x03, ecNullObject);
	/* an unknown MID in the Inbox */
	r = execute(f, &len, "03 00 01 03 ff0f %s 00 %s", id_hex(f->mem, f->inbox),
	            id_hex(f->mem, 0x0001FFFFFF000000ull));
	assert_failure(r, len, 0x03, ecNotFound);
	assert_int_equal(f->handles[3], 0xFFFFFFFF);
	/* RopSaveChangesMessage on the folder's handle: not a message object, ecNotSupported
	 * (MS-OXCMSG 3.2.5.14 gives it for the like case of RopSaveChangesAttachment) */
	r = execute(f, &len, "0c 00 01 01 0a");
	assert_failure(r, len, 0x0c, ecNotSupported);
	/* RopGetMessageStatus (0x1F, answered as 0x20) of an unknown MID */
	r = execute(f, &len, "1f 00 01 %s", id_hex(f->mem, 0x0001FFFFFF000000ull));
	assert_failure(r, len, 0x20, ecNotFound);
}

/* Two opens of one message: the first save wins, the second is ecObjectModified, with ForceSave it saves;
 * a read-only one does not save. */
static void test_save_conflict(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	size_t len;
	const char *fid = id_hex(f->mem, f->inbox), *mh = id_hex(f->mem, mid);
	/* open twice ReadWrite into 3 and 4; RopSetProperties (MS-OXCROPS 2.2.8.6) on 3 is not ours: save
	 * both unchanged, 3 first */
	const uint8_t *r = execute(f, &len,
	                           "03 00 01 03 ff0f %s 01 %s"
	                           "03 00 01 04 ff0f %s 01 %s",
	                           fid, mh, fid, mh);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "0c 00 03 03 0a");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "0c 00 04 04 0a");
	assert_failure(r, len, 0x0c, ecObjectModified);
	r = execute(f, &len, "0c 00 04 04 0c"); /* ForceSave */
	assert_int_equal(len, 15);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_true(u64_at(r + 7) == mid);
	/* a message opened ReadOnly does not save: ecError (MS-OXCMSG 3.2.5.3) */
	r = execute(f, &len, "03 00 01 05 ff0f %s 00 %s  0c 00 05 05 0a", fid, mh);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r += len - 6;
	assert_int_equal(r[0], 0x0c);
	assert_int_equal(u32_at(r + 2), ecError);
}

/* RopModifyRecipients adds two recipients (an X500DN one and an SMTP one), RopSaveChangesMessage keeps them,
 * RopReadRecipients and RopOpenMessage return them as RecipientRows (MS-OXCDATA 2.8.3.2). */
static void test_recipients(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	size_t len;
	/* RopModifyRecipients: ColumnCount 1 (PidTagRecipientOrder 0x5FDF0003), RowCount 2;
	 *  row 0: RowId 0, To, RecipientRowSize 31, RecipientRow: Flags 0x0211 (X500DN|D|U),
	 *         AddressPrefixUsed 0, DisplayType 0, X500DN "/o=x/cn=bob", DisplayName "Bob" (UTF-16),
	 *         RecipientColumnCount 1, StandardPropertyRow: Flag 0, PidTagRecipientOrder 1;
	 *  row 1: RowId 1, Cc, RecipientRowSize 17, Flags 0x021B (SMTP|E|D|U), EmailAddress "c@x",
	 *         DisplayName "C", RecipientColumnCount 0, StandardPropertyRow: Flag 0;
	 * then RopSaveChangesMessage */
	const uint8_t *r = execute(
	        f, &len,
	        "0e 00 02 0100 0300df5f 0200"
	        "00000000 01 1f00 1102 00 00 2f6f3d782f636e3d626f6200 42006f0062000000 0100 00 01000000"
	        "01000000 02 1100 1b02 630040007800000043000000 0000 00"
	        "0c 00 02 02 0a");
	assert_int_equal(len, 6 + 15);
	assert_int_equal(r[0], 0x0e);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u32_at(r + 8), ecSuccess);

	/* RopReadRecipients from RowId 1: one ReadRecipientRow */
	r = execute(f, &len, "0f 00 02 01000000 0000");
	assert_int_equal(r[0], 0x0f);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 1);             /* RowCount */
	assert_int_equal(u32_at(r + 7), 1);    /* RowId */
	assert_int_equal(r[11], RECIPIENT_CC); /* RecipientType */
	uint16_t size = r[16] | r[17] << 8;    /* after CodePageId, Reserved */
	assert_int_equal(len, 18 + size);
	static const uint8_t smtp_row[] = {0x1b, 0x02, 'c', 0, '@', 0, 'x', 0, 0, 0, 'C', 0, 0, 0};
	assert_true(size >= sizeof smtp_row + 2);
	assert_memory_equal(r + 18, smtp_row, sizeof smtp_row); /* Flags SMTP|E|D|U, "c@x", "C" */

	/* RopOpenMessage returns both rows; the first is the X500DN one */
	r = execute(f, &len, "03 00 01 03 ff0f %s 00 %s", id_hex(f->mem, f->inbox), id_hex(f->mem, mid));
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[9] | r[10] << 8, 2);
	uint16_t ncol = r[11] | r[12] << 8;
	const uint8_t *p = r + 13 + 4 * ncol;
	assert_int_equal(p[0], 2);                      /* RowCount */
	assert_int_equal(p[1], RECIPIENT_TO);           /* RecipientType */
	assert_int_equal(p[4] | p[5] << 8, 0);          /* Reserved */
	assert_int_equal(p[8] | p[9] << 8, 0x0211);     /* Flags X500DN|D|U after RecipientRowSize */
	assert_memory_equal(p + 12, "/o=x/cn=bob", 12); /* after AddressPrefixUsed, DisplayType */
}

/* RopSetMessageReadFlag on an open message and RopSetReadFlags on the folder change PidTagMessageFlags at
 * once; on a private logon ReadStatusChanged is 0 (MS-OXCMSG 2.2.3.11.2). */
static void test_read_flags(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	size_t len;
	/* RopSetMessageReadFlag: ResponseHandleIndex 2, InputHandleIndex 2, ReadFlags 0 (mark read) */
	const uint8_t *r = execute(f, &len, "11 00 02 02 00");
	assert_int_equal(len, 7);
	assert_int_equal(r[0], 0x11);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 0);
	struct ms_folder *inbox;
	struct ms_message *m;
	struct mapi_propval *v;
	uint32_t tag = PidTagMessageFlags;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_props_get(ms_message_object(m), f->mem, &tag, 1, &v), ecSuccess);
	assert_true(v[0].value.i32 & MS_MSGFLAG_READ);

	/* RopSetReadFlags on the folder: WantAsynchronous 0, ReadFlags ClearReadFlag 0x04, two MIDs, one
	 * unknown: PartialCompletion */
	r = execute(f, &len, "66 00 01 00 04 0200 %s %s", id_hex(f->mem, mid),
	            id_hex(f->mem, 0x0001FFFFFF000000ull));
	assert_int_equal(len, 7);
	assert_int_equal(r[0], 0x66);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 1);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_props_get(ms_message_object(m), f->mem, &tag, 1, &v), ecSuccess);
	assert_false(v[0].value.i32 & MS_MSGFLAG_READ);
}

/* RopSetMessageStatus answers the old status and sets the masked bits; RopGetMessageStatus reads them. */
static void test_message_status(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	size_t len;
	const char *mh = id_hex(f->mem, mid);
	/* set MSRemoteDownload 0x1000 with mask 0x1000 */
	const uint8_t *r = execute(f, &len, "20 00 01 %s 00100000 00100000", mh);
	assert_int_equal(len, 10);
	assert_int_equal(r[0], 0x20);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u32_at(r + 6), 0);
	r = execute(f, &len, "1f 00 01 %s", mh);
	assert_int_equal(len, 10);
	assert_int_equal(r[0], 0x20); /* RopGetMessageStatus is answered with RopId 0x20 */
	assert_int_equal(u32_at(r + 6), 0x1000);
}

/* Attachments: create (number 0), save into the message, the message's save makes it durable; open it,
 * open a missing one (ecNotFound), delete it; an attachment table on the message. */
static void test_attachments(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	size_t len;
	/* RopCreateAttachment into 3, RopSaveChangesAttachment (ResponseHandleIndex 3, InputHandleIndex 3,
	 * SaveFlags KeepOpenReadWrite), RopSaveChangesMessage */
	const uint8_t *r = execute(f, &len, "23 00 02 03  25 00 03 03 0a  0c 00 02 02 0a");
	assert_int_equal(len, 10 + 6 + 15);
	assert_int_equal(r[0], 0x23);
	assert_int_equal(r[1], 3);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	uint32_t num = u32_at(r + 6);
	assert_int_equal(r[10], 0x25);
	assert_int_equal(u32_at(r + 12), ecSuccess);
	assert_int_equal(u32_at(r + 18), ecSuccess);

	struct ms_folder *inbox;
	struct ms_message *m;
	struct ms_attachment *a;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_attachment_open(m, num, MS_OPEN_READONLY, &a), ecSuccess);

	/* RopOpenAttachment (ReadOnly) into 4, a missing one into 5, RopGetAttachmentTable into 5 */
	r = execute(f, &len, "22 00 02 04 00 %02x000000  22 00 02 05 00 63000000  21 00 02 05 00", num);
	assert_int_equal(len, 18);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u32_at(r + 8), ecNotFound);
	assert_int_equal(r[12], 0x21);
	assert_int_equal(u32_at(r + 14), ecSuccess);
	assert_non_null(emsmdb_handle_get(f->s, f->handles[4], EMSMDB_OBJ_ATTACHMENT));
	assert_non_null(emsmdb_handle_get(f->s, f->handles[5], EMSMDB_OBJ_TABLE));

	/* RopDeleteAttachment, RopSaveChangesMessage: gone from the store */
	r = execute(f, &len, "24 00 02 %02x000000  0c 00 02 02 0a", num);
	assert_int_equal(r[0], 0x24);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u32_at(r + 8), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_attachment_open(m, num, MS_OPEN_READONLY, &a), ecNotFound);
	/* RopDeleteAttachment on the attachment's handle: not a message object, ecNotSupported (as MS-OXCMSG
	 * 3.2.5.14 says for the converse, a RopSaveChangesAttachment not on an Attachment object) */
	r = execute(f, &len, "24 00 04 00000000");
	assert_int_equal(u32_at(r + 2), ecNotSupported);
}

/* RopReloadCachedInformation (MS-OXCROPS 2.2.6.7) answers the RopOpenMessage fields of the open message: its
 * subject prefix and normalized subject as Unicode TypedStrings; RopRemoveAllRecipients (2.2.6.4) empties
 * the recipients. */
static void test_reload_and_remove_recipients(void **state)
{
	struct fx *f = *state;
	create_saved_message(f, 2);
	struct emsmdb_object *o = emsmdb_handle_get(f->s, f->handles[2], EMSMDB_OBJ_MESSAGE);
	assert_non_null(o);
	struct mapi_propval set[] = {{.tag = PidTagSubjectPrefix, .value.str = "RE: "},
	                             {.tag = PidTagNormalizedSubject, .value.str = "hi"}};
	struct mapi_propproblem *pp;
	uint32_t npp;
	assert_int_equal(ms_props_set(ms_message_object(o->data), set, 2, f->mem, &pp, &npp), ecSuccess);
	size_t len;
	/* one recipient (SMTP, no names), then RopReloadCachedInformation */
	const uint8_t *r = execute(f, &len,
	                           "0e 00 02 0000 0100 00000000 01 0500 0302 0000 00" /* Flags SMTP|U */
	                           "10 00 02 0000");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r += 6;
	assert_int_equal(r[0], 0x10);
	assert_int_equal(r[1], 2);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	static const uint8_t subjects[] = {0x04, 'R', 0, 'E', 0, ':', 0, ' ', 0, 0, 0, /* SubjectPrefix */
	                                   0x04, 'h', 0, 'i', 0, 0,   0};              /* NormalizedSubject */
	assert_memory_equal(r + 7, subjects, sizeof subjects);
	const uint8_t *p = r + 7 + sizeof subjects;
	assert_int_equal(p[0] | p[1] << 8, 1); /* RecipientCount */
	uint16_t ncol = p[2] | p[3] << 8;
	assert_int_equal(p[4 + 4 * ncol], 1); /* RowCount */

	/* RopRemoveAllRecipients (Reserved 0), then the reload shows none */
	r = execute(f, &len, "0d 00 02 00000000  10 00 02 0000");
	assert_int_equal(r[0], 0x0d);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	p = r + 6 + 7 + sizeof subjects;
	assert_int_equal(p[0] | p[1] << 8, 0);
	assert_int_equal(len, 6 + 7 + sizeof subjects + 4 + 4 * ncol + 1);
}

/* RopOpenEmbeddedMessage (MS-OXCROPS 2.2.6.16) with Create makes the message of a new attachment; saving
 * the embedded message, the attachment and the message stores it; RopGetValidAttachments (2.2.6.18) lists
 * the attachment. */
static void test_embedded_message(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	size_t len;
	const uint8_t *r = execute(f, &len,
	                           "23 00 02 03"         /* RopCreateAttachment into 3 */
	                           "46 00 03 04 ff0f 02" /* RopOpenEmbeddedMessage Create into 4 */
	                           "0c 00 04 04 0a"      /* RopSaveChangesMessage of the embedded one */
	                           "25 00 03 03 0a"      /* RopSaveChangesAttachment */
	                           "0c 00 02 02 0a"      /* RopSaveChangesMessage */
	                           "52 00 02");          /* RopGetValidAttachments */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	uint32_t num = u32_at(r + 6);
	r += 10;
	assert_int_equal(r[0], 0x46);
	assert_int_equal(r[1], 4);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 0); /* Reserved */
	uint64_t embedded = u64_at(r + 7);
	assert_true(embedded != 0 && embedded != mid);
	const uint8_t *p = r + 15 + 1 + 1 + 1; /* HasNamedProperties, two empty TypedStrings */
	assert_int_equal(r[16], 0x00);
	assert_int_equal(p[0] | p[1] << 8, 0); /* RecipientCount */
	uint16_t ncol = p[2] | p[3] << 8;
	r = p + 4 + 4 * ncol + 1;
	assert_int_equal(r[0], 0x0c);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r += 15;
	assert_int_equal(r[0], 0x25);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r += 6;
	assert_int_equal(r[0], 0x0c);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r += 15;
	/* RopGetValidAttachments: AttachmentIdCount, AttachmentIdArray */
	assert_int_equal(r[0], 0x52);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u32_at(r + 6), 1);
	assert_int_equal(u32_at(r + 10), num);

	struct ms_folder *inbox;
	struct ms_message *m, *e;
	struct ms_attachment *a;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_attachment_open(m, num, MS_OPEN_READONLY, &a), ecSuccess);
	assert_int_equal(ms_attachment_open_embedded(a, MS_OPEN_READONLY, &e), ecSuccess);
}

/* 100 recipients with 199-character display names do not fit one 32 KiB response: RopOpenMessage sends
 * RecipientCount 100 and the rows that fit; RopReadRecipients from the next RowId sends more. */
static void test_recipients_beyond_one_buffer(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 2);
	char name[801] = "";
	for (int i = 0; i < 199; i++)
		strcat(name, "4100"); /* 'A' in UTF-16LE */
	for (int part = 0; part < 2; part++) {
		/* RopModifyRecipients, no columns, 50 rows: RowId, To, RecipientRowSize 405, Flags 0x0213
		 * (SMTP|D|U), DisplayName, RecipientColumnCount 0, StandardPropertyRow Flag */
		char *hex = talloc_strdup(f->mem, "0e 00 02 0000 3200");
		for (int i = 0; i < 50; i++)
			hex = talloc_asprintf_append(hex, "%02x000000 01 9501 1302 %s0000 0000 00",
			                             part * 50 + i, name);
		size_t len;
		const uint8_t *r = execute(f, &len, "%s", hex);
		assert_int_equal(u32_at(r + 2), ecSuccess);
	}
	size_t len;
	const uint8_t *r = execute(f, &len, "0c 00 02 02 0a  03 00 01 03 ff0f %s 00 %s",
	                           id_hex(f->mem, f->inbox), id_hex(f->mem, mid));
	r += 15;
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[9] | r[10] << 8, 100); /* RecipientCount */
	uint16_t ncol = r[11] | r[12] << 8;
	uint8_t sent = r[13 + 4 * ncol];
	assert_true(sent > 0 && sent < 100);
	assert_true(len <= 0x8000);
	/* RopReadRecipients from the first row not sent */
	r = execute(f, &len, "0f 00 03 %02x000000 0000", sent);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_true(r[6] > 0 && sent + r[6] <= 100);
	assert_int_equal(u32_at(r + 7), sent); /* RowId of the first ReadRecipientRow */
}

/* MS-OXCMSG 4.7: the spec's RopModifyRecipients request (4.7.1) on a message at handle index 8 gets the
 * spec's response (4.7.2); the recipient keeps its column properties and reads back with the RecipientFlags
 * of the request (S, D, I, U, X500DN) and its X500DN. */
static void test_modify_recipients_spec_example(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_saved_message(f, 8);
	size_t n, want_len, len;
	uint8_t *req = tu_vector(f->mem, "MS-OXCMSG-4.7-modifyrecipients.hex", "request", &n);
	uint8_t *want = tu_vector(f->mem, "MS-OXCMSG-4.7-modifyrecipients.hex", "response", &want_len);
	char *hex = talloc_strdup(f->mem, "");
	for (size_t i = 0; i < n; i++)
		hex = talloc_asprintf_append(hex, "%02x", req[i]);
	const uint8_t *r = execute(f, &len, "%s 0c 00 08 08 0a", hex);
	assert_true(len == want_len + 15);
	tu_assert_bytes(r, want_len, want, want_len);
	assert_int_equal(u32_at(r + want_len + 2), ecSuccess);

	/* RopReadRecipients from RowId 0 */
	r = execute(f, &len, "0f 00 08 00000000 0000");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 1);
	assert_int_equal(r[11], 0x01); /* RecipientType */
	static const uint8_t row[] = {0x51, 0x06, 0x00, 0x00, 'U', 's', 'e', 'r', '2', 0, 'u',
	                              0,    's',  0,    'e',  0,   'r', 0,   '2', 0,   0, 0};
	assert_memory_equal(r + 18, row,
	                    sizeof row); /* Flags, AddressPrefixUsed, DisplayType, X500DN, names */

	struct ms_folder *inbox;
	struct ms_message *m;
	struct ms_recipient *rows;
	uint32_t count;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_message_read_recipients(m, 0, f->mem, &rows, &count), ecSuccess);
	assert_int_equal(count, 1);
	bool smtp = false, entryid = false;
	for (uint32_t i = 0; i < rows[0].count; i++) {
		if (rows[0].props[i].tag == PidTagSmtpAddress)
			smtp = strcmp(rows[0].props[i].value.str, "user2@szfkuk-dom.extest.microsoft.com") ==
			       0;
		if (rows[0].props[i].tag == PidTagRecipientEntryId)
			entryid = rows[0].props[i].value.bin.len == 0x7C;
	}
	assert_true(smtp && entryid);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_create_save_open, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_save_conflict, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_recipients, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_read_flags, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_message_status, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_attachments, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_reload_and_remove_recipients, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_embedded_message, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_recipients_beyond_one_buffer, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_modify_recipients_spec_example, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
