/* src/server/emsmdb/oxomsg.c: the MS-OXOMSG submission and transport ROPs through emsmdb_execute(), with ROP
 * buffers built byte by byte from the MS-OXCROPS 2.2.7 layouts, on the handler fixture (emsmdb_fixture.h:
 * alice's provisioned mailbox, the logon at handle index 0, the Inbox at 1) with a directory of alice and
 * bob in example.org; bob's mailbox is made by the delivery. Messages are made in alice's Outbox with the
 * store and opened with RopOpenMessage (MS-OXCROPS 2.2.6.1). */
#include "emsmdb_fixture.h"
#include "mapi/mapi_proptags_gen.h"
#include "server/dir_pool.h"
#include "store/delivery.h"

/* What the submission needs beside the fixture (alice's mailbox f->mb, her session f->s): the directory,
 * the endpoint configuration and who was woken. */
struct ox {
	struct dir_entry *alice, *bob;
	struct emsmdb_config cfg;
	uint64_t fids[MS_SPECIAL_COUNT]; /* alice's special folders */
	uint32_t woken[8];               /* the user MIds new_mail was called with */
	unsigned nwoken;
};
static struct ox *ox;

static void record_new_mail(void *arg, uint32_t user_mid)
{
	struct ox *o = arg;
	if (o->nwoken < 8)
		o->woken[o->nwoken++] = user_mid;
}

/* The fixture (alice's mailbox and session, the logon at handle index 0), a directory of alice and bob in
 * example.org, the session made alice's of that directory, her logon's special folders filled in. */
static int setup(void **state)
{
	emsmdb_fx_setup(state, "/tmp/wc-oxomsg-XXXXXX");
	struct fx *f = *state;
	ox = talloc_zero(f, struct ox);
	char *path = talloc_asprintf(ox, "%s/directory.db", f->dir);
	struct dir_handle *h;
	assert_int_equal(dir_open(ox, path, DIR_OPEN_CREATE, 5000, &h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(h, "Example", "example.org"), DIR_OK);
	struct dir_user_spec a = {.alias = "alice", .display_name = "Alice A"};
	struct dir_user_spec b = {.alias = "bob", .display_name = "Bob B"};
	assert_int_equal(dir_user_add(h, &a, NULL), DIR_OK);
	assert_int_equal(dir_user_add(h, &b, NULL), DIR_OK);
	assert_int_equal(dir_lookup(h, ox, "alice", &ox->alice), DIR_OK);
	assert_int_equal(dir_lookup(h, ox, "bob", &ox->bob), DIR_OK);
	struct dir_pool *pool;
	char *err = NULL;
	assert_int_equal(dir_pool_create(ox, path, 5000, &pool, &err), DIR_OK);
	ox->cfg = (struct emsmdb_config){.mailbox_dir = talloc_asprintf(ox, "%s/mbox", f->dir),
	                                 .dirs = pool,
	                                 .new_mail = record_new_mail,
	                                 .new_mail_arg = ox};
	f->s->config = &ox->cfg;
	f->s->user_dn = talloc_strdup(f->s, ox->alice->legacy_dn);
	f->s->user_mid = ox->alice->mid;
	assert_int_equal(ms_mailbox_special_folders(f->mb, ox->fids), ecSuccess);
	struct emsmdb_logon *l = emsmdb_handle_get(f->s, f->handles[0], EMSMDB_OBJ_LOGON)->data;
	memcpy(l->special_fids, ox->fids, sizeof ox->fids);
	return 0;
}

static int teardown(void **state)
{
	return emsmdb_fx_teardown(state);
}

/* Runs the ROPs of request (hex) and checks the whole response against want (hex) */
static void expect_rops(struct fx *f, const char *request, const char *want)
{
	size_t len, n;
	const uint8_t *r = execute(f, &len, "%s", request);
	const uint8_t *w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);
}

/* A saved message in alice's Outbox (subject "Hi") with a recipient of address type addrtype at address
 * (none when address is NULL); returns its MID. */
static uint64_t outbox_message(struct fx *f, const char *addrtype, const char *address)
{
	struct ms_folder *outbox;
	struct ms_message *m;
	assert_int_equal(ms_folder_open(f->mb, ox->fids[MS_SPECIAL_OUTBOX], f->mem, &outbox), ecSuccess);
	assert_int_equal(ms_message_create(outbox, false, &m), ecSuccess);
	struct mapi_propval v[] = {{PidTagMessageClass, {.str = "IPM.Note"}}, {PidTagSubject, {.str = "Hi"}}};
	struct mapi_propproblem *pp;
	uint32_t np;
	assert_int_equal(ms_props_set(ms_message_object(m), v, 2, f->mem, &pp, &np), ecSuccess);
	if (address != NULL) {
		struct mapi_propval r[] = {{PidTagRecipientType, {.i32 = MS_RECIP_TO}},
		                           {PidTagAddressType, {.str = (char *)addrtype}},
		                           {PidTagEmailAddress, {.str = (char *)address}},
		                           {PidTagDisplayName, {.str = "Someone"}}};
		struct ms_recipient row = {.row_id = 0, .count = 4, .props = r};
		assert_int_equal(ms_message_modify_recipients(m, &row, 1), ecSuccess);
	}
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	uint64_t mid = ms_message_get_id(m);
	talloc_free(outbox);
	return mid;
}

/* RopOpenMessage (MS-OXCROPS 2.2.6.1.1) of mid in the Outbox, read/write, into output index 2 */
static void open_message(struct fx *f, uint64_t mid)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "03 00 00 02 ff0f %s 01 %s",
	                           id_hex(f->mem, ox->fids[MS_SPECIAL_OUTBOX]), id_hex(f->mem, mid));
	assert_int_equal(r[0], 0x03);
	assert_int_equal(u32_at(r + 2), ecSuccess);
}

static uint32_t inbox_count(struct fx *f, const struct dir_entry *u, uint64_t *fid_out)
{
	struct ms_mailbox *mb;
	uint64_t fids[MS_SPECIAL_COUNT];
	struct ms_folder *inbox;
	struct ms_folder_counts c;
	assert_int_equal(ms_user_mailbox_open(f->mem, ox->cfg.mailbox_dir, &u->mailbox_guid, NULL, &mb),
	                 ecSuccess);
	assert_int_equal(ms_mailbox_special_folders(mb, fids), ecSuccess);
	assert_int_equal(ms_folder_open(mb, fids[MS_SPECIAL_INBOX], f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	if (fid_out)
		*fid_out = fids[MS_SPECIAL_INBOX];
	talloc_free(mb);
	return c.content;
}

static uint32_t folder_count(struct fx *f, enum ms_special_folder which)
{
	struct ms_folder *folder;
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_open(f->mb, ox->fids[which], f->mem, &folder), ecSuccess);
	assert_int_equal(ms_folder_get_counts(folder, &c), ecSuccess);
	return c.content;
}

/* MS-OXOMSG 4.1: RopSubmitMessage "32 00 02 00" is answered "32 02 00000000"; bob (by SMTP address) has the
 * message, alice's copy is in Sent Items, bob's sessions were woken. */
static void test_submit_message(void **state)
{
	struct fx *f = *state;
	open_message(f, outbox_message(f, "SMTP", "bob@example.org"));
	size_t len;
	const uint8_t *r = execute(f, &len, "32 00 02 00");
	tu_assert_bytes(r, len, (const uint8_t *)"\x32\x02\x00\x00\x00\x00", 6);
	assert_int_equal(inbox_count(f, ox->bob, NULL), 1);
	assert_int_equal(folder_count(f, MS_SPECIAL_OUTBOX), 0);
	assert_int_equal(folder_count(f, MS_SPECIAL_SENT_ITEMS), 1);
	assert_int_equal(ox->nwoken, 1);
	assert_int_equal(ox->woken[0], ox->bob->mid);
}

/* A RopSubmitMessage whose response does not fit MaxRopOut is handed back in a RopBufferTooSmall (MS-OXCROPS
 * 2.2.15.1: RopId 0xFF, SizeNeeded, the requests from it on) without delivering, since the client sends it
 * again. The output budget: RPC_HEADER_EXT 8, RopSize 2, the first RopGetAddressTypes response 18, the
 * handle table 40, and 10 bytes: the RopBufferTooSmall for the last two requests (1 + 2 + 7), but not the
 * 6-byte answer and the RopBufferTooSmall for the last request (1 + 2 + 3) that must stay possible. */
static void test_submit_not_answered_not_done(void **state)
{
	struct fx *f = *state;
	open_message(f, outbox_message(f, "SMTP", "bob@example.org"));
	size_t len;
	f->max_out = 8 + 2 + 18 + 40 + 10;
	const uint8_t *r = execute(f, &len, "49 00 00 32 00 02 00 49 00 00");
	f->max_out = 0x8000;
	assert_int_equal(len, 18 + 10);
	assert_int_equal(r[18], 0xFF);
	tu_assert_bytes(r + 21, 7, (const uint8_t *)"\x32\x00\x02\x00\x49\x00\x00", 7);
	assert_int_equal(inbox_count(f, ox->bob, NULL), 0);
	assert_int_equal(folder_count(f, MS_SPECIAL_OUTBOX), 1);
	assert_int_equal(ox->nwoken, 0);
	r = execute(f, &len, "32 00 02 00"); /* the client's retry */
	assert_failure(r, len, 0x32, ecSuccess);
	assert_int_equal(inbox_count(f, ox->bob, NULL), 1);
}

/* An external recipient: an NDR in alice's Inbox, alice woken */
static void test_submit_external_gets_ndr(void **state)
{
	struct fx *f = *state;
	open_message(f, outbox_message(f, "SMTP", "someone@elsewhere.net"));
	size_t len;
	const uint8_t *r = execute(f, &len, "32 00 02 00");
	assert_failure(r, len, 0x32, ecSuccess);
	assert_int_equal(folder_count(f, MS_SPECIAL_INBOX), 1);
	assert_int_equal(ox->nwoken, 1);
	assert_int_equal(ox->woken[0], ox->alice->mid);
}

/* Error paths: no recipients (MAPI_E_NO_RECIPIENTS), a folder handle, an empty index */
static void test_submit_errors(void **state)
{
	struct fx *f = *state;
	open_message(f, outbox_message(f, NULL, NULL));
	size_t len;
	const uint8_t *r = execute(f, &len, "32 00 02 00");
	assert_failure(r, len, 0x32, ecNoRecipients);
	assert_int_equal(folder_count(f, MS_SPECIAL_OUTBOX), 1);
	r = execute(f, &len, "32 00 01 00");
	assert_failure(r, len, 0x32, ecNotSupported);
	r = execute(f, &len, "32 00 05 00");
	assert_failure(r, len, 0x32, ecNullObject);
	assert_int_equal(ox->nwoken, 0);
}

/* MS-OXOMSG 3.3.5.2: nothing is ever queued (submission delivers at once): an existing message is
 * ecNotInQueue, an unknown MID or FID ecNotFound, a non-logon input ecNotSupported. */
static void test_abort_submit(void **state)
{
	struct fx *f = *state;
	uint64_t mid = outbox_message(f, "SMTP", "bob@example.org");
	const char *outbox = id_hex(f->mem, ox->fids[MS_SPECIAL_OUTBOX]);
	size_t len;
	const uint8_t *r = execute(f, &len, "34 00 00 %s %s", outbox, id_hex(f->mem, mid));
	assert_failure(r, len, 0x34, 0x80040601);
	r = execute(f, &len, "34 00 00 %s %s", outbox, id_hex(f->mem, mid + (1ull << 16) * 0x1000));
	assert_failure(r, len, 0x34, ecNotFound);
	r = execute(f, &len, "34 00 00 %s %s", id_hex(f->mem, 0x7777000000000001ull), id_hex(f->mem, mid));
	assert_failure(r, len, 0x34, ecNotFound);
	r = execute(f, &len, "34 00 01 %s %s", outbox, id_hex(f->mem, mid));
	assert_failure(r, len, 0x34, ecNotSupported);
}

/* MS-OXCROPS 2.2.7.3.2: AddressTypeCount 2, AddressTypeSize 8, "EX\0SMTP\0" */
static void test_get_address_types(void **state)
{
	struct fx *f = *state;
	expect_rops(f, "49 00 00", "49 00 00000000 0200 0800 455800 534d545000");
	expect_rops(f, "49 00 01", "49 01 02010480"); /* on a folder: ecNotSupported */
}

/* MS-OXCROPS 2.2.7.4: RopSetSpooler has no body either way */
static void test_set_spooler(void **state)
{
	struct fx *f = *state;
	expect_rops(f, "47 00 00", "47 00 00000000");
	expect_rops(f, "47 00 01", "47 01 02010480");
}

/* MS-OXOMSG 3.3.5.6: the queue is empty, so every LockState is ecNotInQueue; an unknown one ecInvalidParam */
static void test_spooler_lock_message(void **state)
{
	struct fx *f = *state;
	uint64_t mid = outbox_message(f, "SMTP", "bob@example.org");
	size_t len;
	for (int lock = 0; lock <= 2; lock++) {
		const uint8_t *r = execute(f, &len, "48 00 00 %s %02x", id_hex(f->mem, mid), lock);
		assert_failure(r, len, 0x48, 0x80040601);
	}
	const uint8_t *r = execute(f, &len, "48 00 00 %s 03", id_hex(f->mem, mid));
	assert_failure(r, len, 0x48, ecInvalidParam);
}

/* MS-OXCROPS 2.2.7.8.2: the Outbox's FID */
static void test_get_transport_folder(void **state)
{
	struct fx *f = *state;
	size_t len;
	const uint8_t *r = execute(f, &len, "6d 00 00");
	assert_int_equal(len, 14);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_true(u64_at(r + 6) == ox->fids[MS_SPECIAL_OUTBOX]);
	r = execute(f, &len, "6d 00 01");
	assert_failure(r, len, 0x6d, ecNotSupported);
}

/* MS-OXCROPS 2.2.7.9: request AddressType "EX", WantWin32 1; response Reserved 1, no OptionsInfo, no help */
static void test_options_data(void **state)
{
	struct fx *f = *state;
	expect_rops(f, "6f 00 00 455800 01", "6f 00 00000000 01 0000 0000");
}

/* MS-OXCROPS 2.2.7.6.2: RopTransportSend sends like RopSubmitMessage; NoPropertiesReturned 1, no values */
static void test_transport_send(void **state)
{
	struct fx *f = *state;
	open_message(f, outbox_message(f, "EX", ox->bob->legacy_dn));
	expect_rops(f, "4a 00 02", "4a 02 00000000 01 0000");
	assert_int_equal(inbox_count(f, ox->bob, NULL), 1);
	expect_rops(f, "4a 00 00", "4a 00 02010480"); /* on the logon: ecNotSupported */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_submit_message, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_submit_not_answered_not_done, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_submit_external_gets_ndr, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_submit_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_abort_submit, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_get_address_types, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_set_spooler, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_spooler_lock_message, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_get_transport_folder, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_options_data, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_transport_send, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
