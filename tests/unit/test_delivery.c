/* src/store/delivery.c: local delivery and submission (MS-OXOMSG 3.3.5.1) against a temporary directory
 * (alice, bob, carol in example.org; an external contact) and their sqlite mailboxes. */
#include "testutil.h"
#include "common/mapi_errors.h"
#include "mapi/mapi_proptags_gen.h"
#include "mapi/mapi_types.h"
#include "store/delivery.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BIG_BODY 100000 /* over the 32 KiB a property call returns: copied through streams */

struct fx {
	char dir[64];
	struct dir_handle *dir_h;
	struct ms_delivery_env env;
	struct dir_entry *alice, *bob, *carol, *contact;
	struct ms_mailbox *mb; /* alice's */
	uint64_t fids[MS_SPECIAL_COUNT];
};

static int setup(void **state)
{
	struct fx *f = talloc_zero(NULL, struct fx);
	strcpy(f->dir, "/tmp/wc-delivery-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	char *path = talloc_asprintf(f, "%s/directory.db", f->dir);
	assert_int_equal(dir_open(f, path, DIR_OPEN_CREATE, 5000, &f->dir_h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(f->dir_h, "Example", "example.org"), DIR_OK);
	const char *users[3][2] = {{"alice", "Alice A"}, {"bob", "Bob B"}, {"carol", "Carol C"}};
	for (int i = 0; i < 3; i++) {
		struct dir_user_spec spec = {.alias = users[i][0], .display_name = users[i][1]};
		assert_int_equal(dir_user_add(f->dir_h, &spec, NULL), DIR_OK);
	}
	assert_int_equal(dir_contact_add(f->dir_h, "ext", "Ext Ernal", "ext@elsewhere.net", NULL), DIR_OK);
	assert_int_equal(dir_lookup(f->dir_h, f, "alice", &f->alice), DIR_OK);
	assert_int_equal(dir_lookup(f->dir_h, f, "bob", &f->bob), DIR_OK);
	assert_int_equal(dir_lookup(f->dir_h, f, "carol", &f->carol), DIR_OK);
	assert_int_equal(dir_lookup(f->dir_h, f, "ext", &f->contact), DIR_OK);
	f->env = (struct ms_delivery_env){.mailbox_dir = talloc_asprintf(f, "%s/mbox", f->dir),
	                                  .dir = f->dir_h};
	assert_int_equal(ms_user_mailbox_open(f, f->env.mailbox_dir, &f->alice->mailbox_guid, "en", &f->mb),
	                 ecSuccess);
	assert_int_equal(ms_mailbox_special_folders(f->mb, f->fids), ecSuccess);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[96];
	snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
	talloc_free(f);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* ---- building alice's message ---- */

static void set_props(struct ms_object *o, const struct mapi_propval *v, uint32_t n)
{
	struct mapi_propproblem *pp;
	uint32_t np;
	assert_int_equal(ms_props_set(o, v, n, NULL, &pp, &np), ecSuccess);
	assert_int_equal(np, 0);
}

static struct mapi_propval str(uint32_t tag, const char *s)
{
	return (struct mapi_propval){tag, {.str = (char *)s}};
}

/* A recipient row: type, address type, address, display name (MS-OXCMSG 2.2.3.5 as the store keeps it) */
static struct ms_recipient recipient(TALLOC_CTX *mem, uint32_t row, uint32_t type, const char *addrtype,
                                     const char *address, const char *name)
{
	struct mapi_propval *p = talloc_array(mem, struct mapi_propval, 4);
	p[0] = (struct mapi_propval){PidTagRecipientType, {.i32 = (int32_t)type}};
	p[1] = str(PidTagAddressType, addrtype);
	p[2] = str(PidTagEmailAddress, address);
	p[3] = str(PidTagDisplayName, name);
	return (struct ms_recipient){.row_id = row, .count = 4, .props = p};
}

/* A new message in alice's Outbox with subject, a 100000-byte body (streamed), a named property, one file
 * attachment and rows recipients; saved, left open read-write. */
static struct ms_message *outbox_message(struct fx *f, TALLOC_CTX *mem, const struct ms_recipient *rows,
                                         uint32_t nrows)
{
	struct ms_folder *outbox;
	struct ms_message *m;
	assert_int_equal(ms_folder_open(f->mb, f->fids[MS_SPECIAL_OUTBOX], mem, &outbox), ecSuccess);
	assert_int_equal(ms_message_create(outbox, false, &m), ecSuccess);
	struct mapi_propname name = {.kind = MNID_STRING, .guid = {.d1 = 0x00020329}, .name = "Keywords-x"};
	uint16_t named;
	assert_int_equal(ms_named_get_id(f->mb, &name, true, &named), ecSuccess);
	struct mapi_propval v[] = {
	        str(PidTagMessageClass, "IPM.Note"),
	        str(PidTagSubject, "Lunch"),
	        str(PROP_TAG(PT_UNICODE, named), "tagged"),
	        {PidTagMessageFlags, {.i32 = MS_MSGFLAG_UNSENT}},
	};
	set_props(ms_message_object(m), v, 4);
	struct ms_stream *s;
	char *body = talloc_size(mem, BIG_BODY);
	for (int i = 0; i < BIG_BODY; i++)
		body[i] = (char)('a' + i % 26);
	uint32_t w;
	assert_int_equal(
	        ms_stream_open(ms_message_object(m), PidTagBody, MS_STREAM_CREATE, &s),
	        ecSuccess);
	assert_int_equal(ms_stream_write(s, body, BIG_BODY, &w), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	talloc_free(s);
	struct ms_attachment *a;
	uint32_t num;
	assert_int_equal(ms_attachment_create(m, &a, &num), ecSuccess);
	struct mapi_propval av[] = {{PidTagAttachMethod, {.i32 = 1}},
	                            str(PidTagAttachLongFilename, "menu.txt"),
	                            {PidTagAttachDataBinary, {.bin = {5, (uint8_t *)"soup!"}}}};
	set_props(ms_attachment_object(a), av, 3);
	assert_int_equal(ms_attachment_save(a), ecSuccess);
	if (nrows > 0)
		assert_int_equal(ms_message_modify_recipients(m, rows, nrows), ecSuccess);
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	return m;
}

/* ---- reading results ---- */

static uint32_t content_count(struct ms_mailbox *mb, uint64_t fid)
{
	struct ms_folder *f;
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_open(mb, fid, NULL, &f), ecSuccess);
	assert_int_equal(ms_folder_get_counts(f, &c), ecSuccess);
	talloc_free(f);
	return c.content;
}

/* The only message of folder fid of mb, opened on mem */
static struct ms_message *only_message(struct ms_mailbox *mb, uint64_t fid, TALLOC_CTX *mem)
{
	struct ms_folder *f;
	struct ms_table *t;
	struct mapi_property_row *rows;
	uint32_t count;
	static const uint32_t col = PidTagMid;
	assert_int_equal(ms_folder_open(mb, fid, mem, &f), ecSuccess);
	assert_int_equal(ms_folder_contents_table(f, 0, &t), ecSuccess);
	assert_int_equal(ms_table_set_columns(t, &col, 1), ecSuccess);
	assert_int_equal(ms_table_query_rows(t, mem, 10, true, true, &rows, &count), ecSuccess);
	assert_int_equal(count, 1);
	struct ms_message *m;
	assert_int_equal(ms_message_open(f, (uint64_t)rows[0].values[0].pv.value.i64, MS_OPEN_READONLY, &m),
	                 ecSuccess);
	return m;
}

static struct mapi_propval get(struct ms_message *m, TALLOC_CTX *mem, uint32_t tag)
{
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(ms_message_object(m), mem, &tag, 1, &v), ecSuccess);
	return v[0];
}

static void assert_str(struct ms_message *m, TALLOC_CTX *mem, uint32_t tag, const char *want)
{
	struct mapi_propval v = get(m, mem, tag);
	assert_int_equal(v.tag, tag);
	assert_string_equal(v.value.str, want);
}

static void assert_absent(struct ms_message *m, TALLOC_CTX *mem, uint32_t tag)
{
	assert_int_equal(get(m, mem, tag).tag, CHANGE_PROP_TYPE(tag, PT_ERROR));
}

static struct ms_mailbox *mailbox_of(struct fx *f, const struct dir_entry *u, uint64_t fids[MS_SPECIAL_COUNT])
{
	struct ms_mailbox *mb;
	assert_int_equal(ms_user_mailbox_open(f, f->env.mailbox_dir, &u->mailbox_guid, NULL, &mb), ecSuccess);
	assert_int_equal(ms_mailbox_special_folders(mb, fids), ecSuccess);
	return mb;
}

static uint64_t stream_size(struct ms_message *m, uint32_t tag)
{
	struct ms_stream *s;
	uint64_t size;
	assert_int_equal(ms_stream_open(ms_message_object(m), tag, MS_STREAM_READ, &s), ecSuccess);
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	talloc_free(s);
	return size;
}

/* ---- tests ---- */

/* bob named twice (SMTP address and EX DN), carol as Bcc, an external address and an unknown local one:
 * bob and carol get one copy each with the delivered properties, alice's copy moves to Sent Items, and an
 * NDR for the two others lands in alice's Inbox. */
static void test_submit_delivers_files_and_reports(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_recipient rows[] = {
	        recipient(mem, 0, MS_RECIP_TO, "SMTP", "BOB@example.org", "Bob by SMTP"),
	        recipient(mem, 1, MS_RECIP_CC, "EX", f->bob->legacy_dn, "Bob by DN"),
	        recipient(mem, 2, MS_RECIP_TO, "SMTP", "someone@elsewhere.net", "Someone"),
	        recipient(mem, 3, MS_RECIP_TO, "SMTP", "nobody@example.org", "Nobody"),
	        recipient(mem, 4, MS_RECIP_BCC, "SMTP", "carol@example.org", "Carol"),
	};
	struct ms_message *m = outbox_message(f, mem, rows, 5);
	struct ms_submit_result res;
	assert_int_equal(ms_submit_message(&f->env, f->mb, m, f->alice, mem, &res), ecSuccess);
	assert_int_equal(res.delivered, 2);
	assert_int_equal(res.undeliverable, 2);
	assert_int_equal(res.notify_count, 3); /* bob, carol, alice (the NDR) */
	assert_int_equal(res.notify[0], f->bob->mid);
	assert_int_equal(res.notify[1], f->carol->mid);
	assert_int_equal(res.notify[2], f->alice->mid);

	/* bob's Inbox */
	uint64_t bfids[MS_SPECIAL_COUNT];
	struct ms_mailbox *bmb = mailbox_of(f, f->bob, bfids);
	struct ms_message *d = only_message(bmb, bfids[MS_SPECIAL_INBOX], mem);
	assert_str(d, mem, PidTagSubject, "Lunch");
	assert_str(d, mem, PidTagMessageClass, "IPM.Note");
	assert_int_equal(get(d, mem, PidTagMessageFlags).value.i32 & (MS_MSGFLAG_READ | MS_MSGFLAG_UNSENT),
	                 0);
	assert_int_equal(get(d, mem, PidTagMessageDeliveryTime).tag, PidTagMessageDeliveryTime);
	assert_int_equal(get(d, mem, PidTagClientSubmitTime).tag, PidTagClientSubmitTime);
	assert_str(d, mem, PidTagSenderName, "Alice A");
	assert_str(d, mem, PidTagSenderEmailAddress, f->alice->legacy_dn);
	assert_str(d, mem, PidTagSenderAddressType, "EX");
	assert_str(d, mem, PidTagSenderSmtpAddress, "alice@example.org");
	assert_str(d, mem, PidTagSentRepresentingName, "Alice A");
	assert_str(d, mem, PidTagSentRepresentingSmtpAddress, "alice@example.org");
	assert_str(d, mem, PidTagReceivedByName, "Bob B");
	assert_str(d, mem, PidTagReceivedByEmailAddress, f->bob->legacy_dn);
	assert_str(d, mem, PidTagReceivedRepresentingSmtpAddress, "bob@example.org");
	assert_str(d, mem, PidTagDisplayTo, "Bob by SMTP; Someone; Nobody");
	assert_str(d, mem, PidTagDisplayCc, "Bob by DN");
	assert_absent(d, mem, PidTagDisplayBcc);
	assert_int_equal(get(d, mem, PidTagContentFilterSpamConfidenceLevel).value.i32, -1);
	struct mapi_propval eid = get(d, mem, PidTagSenderEntryId);
	assert_int_equal(eid.tag, PidTagSenderEntryId);
	/* MS-OXCDATA 2.2.5.2: Flags 0, the address book ProviderUID, Version 1, Type 0, the DN */
	assert_int_equal(eid.value.bin.len, 28 + strlen(f->alice->legacy_dn) + 1);
	assert_int_equal(eid.value.bin.data[20], 1);
	struct mapi_propval mid = get(d, mem, PidTagInternetMessageId);
	assert_int_equal(mid.tag, PidTagInternetMessageId);
	assert_non_null(strstr(mid.value.str, "@example.org>"));
	assert_int_equal(stream_size(d, PidTagBody), BIG_BODY);
	struct mapi_propname name = {.kind = MNID_STRING, .guid = {.d1 = 0x00020329}, .name = "Keywords-x"};
	uint16_t named;
	assert_int_equal(ms_named_get_id(bmb, &name, false, &named), ecSuccess);
	assert_str(d, mem, PROP_TAG(PT_UNICODE, named), "tagged");
	struct ms_recipient *r;
	uint32_t nr;
	assert_int_equal(ms_message_read_recipients(d, 0, mem, &r, &nr), ecSuccess);
	assert_int_equal(nr, 4); /* not the Bcc one */
	struct ms_attachment *a;
	assert_int_equal(ms_attachment_open(d, 0, MS_OPEN_READONLY, &a), ecSuccess);
	static const uint32_t data_tag = PidTagAttachDataBinary;
	struct mapi_propval *av;
	assert_int_equal(ms_props_get(ms_attachment_object(a), mem, &data_tag, 1, &av), ecSuccess);
	tu_assert_bytes(av[0].value.bin.data, av[0].value.bin.len, "soup!", 5);

	/* carol got the Bcc copy */
	uint64_t cfids[MS_SPECIAL_COUNT];
	struct ms_mailbox *cmb = mailbox_of(f, f->carol, cfids);
	assert_str(only_message(cmb, cfids[MS_SPECIAL_INBOX], mem), mem, PidTagReceivedByName, "Carol C");

	/* alice: Outbox empty, Sent Items has the copy (read, no longer unsent) */
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_OUTBOX]), 0);
	struct ms_message *sent = only_message(f->mb, f->fids[MS_SPECIAL_SENT_ITEMS], mem);
	assert_int_equal(ms_message_get_id(sent), res.moved_mid);
	assert_int_equal(res.moved_fid, f->fids[MS_SPECIAL_SENT_ITEMS]);
	uint32_t flags = (uint32_t)get(sent, mem, PidTagMessageFlags).value.i32;
	assert_int_equal(flags & (MS_MSGFLAG_READ | MS_MSGFLAG_UNSENT), MS_MSGFLAG_READ);
	assert_str(sent, mem, PidTagDisplayBcc, "Carol");

	/* alice's Inbox: the NDR (MS-OXOMSG 2.2.2.x) */
	struct ms_message *ndr = only_message(f->mb, f->fids[MS_SPECIAL_INBOX], mem);
	assert_str(ndr, mem, PidTagMessageClass, "REPORT.IPM.Note.NDR");
	assert_str(ndr, mem, PidTagSubject, "Undeliverable: Lunch");
	assert_str(ndr, mem, PidTagOriginalSubject, "Lunch");
	assert_str(ndr, mem, PidTagOriginalSenderName, "Alice A");
	assert_str(ndr, mem, PidTagReceivedByName, "Alice A");
	assert_str(ndr, mem, PidTagSenderEmailAddress, "postmaster@example.org");
	assert_int_equal(get(ndr, mem, PidTagReportTime).tag, PidTagReportTime);
	assert_int_equal(get(ndr, mem, PidTagMessageFlags).value.i32 & MS_MSGFLAG_READ, 0);
	assert_int_equal(ms_message_read_recipients(ndr, 0, mem, &r, &nr), ecSuccess);
	assert_int_equal(nr, 2);
	for (uint32_t i = 0; i < nr; i++) {
		bool reason = false;
		for (uint32_t k = 0; k < r[i].count; k++)
			reason |= r[i].props[k].tag == PidTagNonDeliveryReportReasonCode;
		assert_true(reason);
	}
	struct ms_message *orig;
	assert_int_equal(ms_attachment_open(ndr, 0, MS_OPEN_READONLY, &a), ecSuccess);
	assert_int_equal(ms_attachment_open_embedded(a, MS_OPEN_READONLY, &orig), ecSuccess);
	assert_str(orig, mem, PidTagSubject, "Lunch");
	talloc_free(mem);
}

static void test_submit_without_recipients(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_message *m = outbox_message(f, mem, NULL, 0);
	struct ms_submit_result res;
	assert_int_equal(ms_submit_message(&f->env, f->mb, m, f->alice, mem, &res), ecNoRecipients);
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_OUTBOX]), 1);
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_SENT_ITEMS]), 0);
	talloc_free(mem);
}

/* MS-OXOMSG 2.2.3.8 PidTagDeleteAfterSubmit: delivered, then gone from the sender's mailbox */
static void test_delete_after_submit(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_recipient row = recipient(mem, 0, MS_RECIP_TO, "SMTP", "bob@example.org", "Bob");
	struct ms_message *m = outbox_message(f, mem, &row, 1);
	struct mapi_propval v = {PidTagDeleteAfterSubmit, {.b = true}};
	set_props(ms_message_object(m), &v, 1);
	struct ms_submit_result res;
	assert_int_equal(ms_submit_message(&f->env, f->mb, m, f->alice, mem, &res), ecSuccess);
	assert_int_equal(res.delivered, 1);
	assert_int_equal(res.moved_mid, 0);
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_OUTBOX]), 0);
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_SENT_ITEMS]), 0);
	uint64_t bfids[MS_SPECIAL_COUNT];
	struct ms_mailbox *bmb = mailbox_of(f, f->bob, bfids);
	struct ms_message *d = only_message(bmb, bfids[MS_SPECIAL_INBOX], mem);
	assert_absent(d, mem, PidTagDeleteAfterSubmit);
	talloc_free(mem);
}

/* MS-OXOMSG 2.2.3.10 PidTagSentMailSvrEID (a ServerEntryId: 0x01, FID, MID 0, instance 0): the copy goes
 * there instead of Sent Items */
static void test_sent_mail_svr_eid(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_recipient row = recipient(mem, 0, MS_RECIP_TO, "EX", f->bob->legacy_dn, "Bob");
	struct ms_message *m = outbox_message(f, mem, &row, 1);
	uint8_t eid[21] = {0x01};
	uint64_t drafts = f->fids[MS_SPECIAL_DRAFTS];
	for (int i = 0; i < 8; i++)
		eid[1 + i] = (uint8_t)(drafts >> (8 * i));
	struct mapi_propval v = {PidTagSentMailSvrEID, {.bin = {sizeof eid, eid}}};
	set_props(ms_message_object(m), &v, 1);
	struct ms_submit_result res;
	assert_int_equal(ms_submit_message(&f->env, f->mb, m, f->alice, mem, &res), ecSuccess);
	assert_int_equal(res.moved_fid, drafts);
	assert_int_equal(content_count(f->mb, drafts), 1);
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_SENT_ITEMS]), 0);
	assert_int_equal(content_count(f->mb, f->fids[MS_SPECIAL_INBOX]), 0); /* no NDR */
	talloc_free(mem);
}

/* A message nested deeper than delivery copies fails as a whole: nothing reaches bob's Inbox. */
static void test_delivery_is_all_or_nothing(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_message *m = outbox_message(f, mem, NULL, 0), *level = m;
	for (int depth = 0; depth < 10; depth++) {
		struct ms_attachment *a;
		uint32_t num;
		assert_int_equal(ms_attachment_create(level, &a, &num), ecSuccess);
		assert_int_equal(ms_attachment_open_embedded(a, MS_OPEN_CREATE | MS_OPEN_READWRITE, &level),
		                 ecSuccess);
		struct mapi_propval v = str(PidTagSubject, "inner");
		set_props(ms_message_object(level), &v, 1);
	}
	/* save from the innermost out: each embedded message into its attachment */
	for (struct ms_message *x = level; x != m;) {
		struct ms_attachment *a = talloc_parent(x);
		assert_int_equal(ms_message_save(x, 0), ecSuccess);
		assert_int_equal(ms_attachment_save(a), ecSuccess);
		x = talloc_parent(a);
	}
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	assert_int_equal(ms_deliver_message(&f->env, m, f->bob, NULL), ecMaxAttachmentExceeded);
	uint64_t bfids[MS_SPECIAL_COUNT];
	struct ms_mailbox *bmb = mailbox_of(f, f->bob, bfids);
	assert_int_equal(content_count(bmb, bfids[MS_SPECIAL_INBOX]), 0);
	talloc_free(mem);
}

/* Only users have mailboxes */
static void test_deliver_to_contact(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_message *m = outbox_message(f, mem, NULL, 0);
	assert_int_equal(ms_deliver_message(&f->env, m, f->contact, NULL), ecNotSupported);
	talloc_free(mem);
}

struct holder {
	struct ms_mailbox *mb;
};

static void *release_later(void *arg)
{
	struct holder *h = arg;
	usleep(300 * 1000);
	ms_mailbox_end_batch(h->mb, true);
	return NULL;
}

/* bob's own session holds his mailbox's write lock for 0.3 s: the delivery waits (busy timeout) and then
 * lands. */
static void test_delivery_waits_for_recipient_writer(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	struct ms_message *m = outbox_message(f, mem, NULL, 0);
	uint64_t bfids[MS_SPECIAL_COUNT];
	struct holder h = {.mb = mailbox_of(f, f->bob, bfids)};
	assert_int_equal(ms_mailbox_begin_batch(h.mb), ecSuccess);
	pthread_t t;
	assert_int_equal(pthread_create(&t, NULL, release_later, &h), 0);
	uint64_t mid = 0;
	assert_int_equal(ms_deliver_message(&f->env, m, f->bob, &mid), ecSuccess);
	pthread_join(t, NULL);
	assert_int_not_equal(mid, 0);
	assert_int_equal(content_count(h.mb, bfids[MS_SPECIAL_INBOX]), 1);
	talloc_free(mem);
}

/* A recipient mailbox that does not exist yet is created and provisioned by the delivery. */
static void test_delivery_creates_mailbox(void **state)
{
	struct fx *f = *state;
	TALLOC_CTX *mem = talloc_new(f);
	char *uri = ms_user_mailbox_uri(mem, f->env.mailbox_dir, &f->carol->mailbox_guid);
	struct ms_mailbox *none;
	assert_int_equal(ms_mailbox_open(mem, uri, &none), ecNotFound);
	struct ms_message *m = outbox_message(f, mem, NULL, 0);
	assert_int_equal(ms_deliver_message(&f->env, m, f->carol, NULL), ecSuccess);
	uint64_t cfids[MS_SPECIAL_COUNT];
	struct ms_mailbox *cmb = mailbox_of(f, f->carol, cfids);
	assert_int_equal(content_count(cmb, cfids[MS_SPECIAL_INBOX]), 1);
	assert_int_equal(ms_message_get_folder_id(m), f->fids[MS_SPECIAL_OUTBOX]);
	talloc_free(mem);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_submit_delivers_files_and_reports, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_submit_without_recipients, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_delete_after_submit, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_sent_mail_svr_eid, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_delivery_is_all_or_nothing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_deliver_to_contact, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_delivery_waits_for_recipient_writer, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_delivery_creates_mailbox, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
