/* Drives libmapi against a server for tests/integration/test_libmapi.py: one scenario per run, one TAP line
 * per check without numbers ("ok - ...", "not ok - ...", "ok - ... # SKIP why"); the driver numbers them.
 * A step the server answers with ecNotSupported (a ROP it has no handler for yet) is a skip that says so.
 *
 * usage: libmapi_client SCENARIO --url URL --user U --password P [--user-dn DN] [--email A]
 *                       [--autodiscover-url URL] [--auth basic|ntlm|any] [--compress yes] [--insecure yes]
 * scenarios: main (connect, logon, Inbox, hierarchy, create/save/reopen a message, properties, tables),
 *            reconnect (after the server forgot the context: waits --sleep seconds first),
 *            autodiscover (connect from the e-mail address alone), badauth (a wrong password),
 *            badtls (a certificate that does not verify). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "libmapi/libmapi.h"

static int failures;

static void check(bool ok, const char *what, uint32_t ec, struct mapi_session *s)
{
	if (ok) {
		printf("ok - %s\n", what);
	} else {
		failures++;
		printf("not ok - %s\n#   %s%s\n", what, mapi_err_name(ec) ? mapi_err_name(ec) : "?",
		       s ? "" : "");
		if (s != NULL && mapi_session_last_error(s)->message[0])
			printf("#   %s\n", mapi_session_last_error(s)->message);
	}
	fflush(stdout);
}

/* ec ecSuccess: ok; ecNotSupported: the server lacks the ROP (skip); else a failure. Returns ec == 0. */
static bool step(uint32_t ec, const char *what, struct mapi_session *s)
{
	if (ec == ecNotSupported) {
		printf("ok - %s # SKIP the server answers ecNotSupported (no handler for this ROP yet)\n",
		       what);
		return false;
	}
	check(ec == ecSuccess, what, ec, s);
	return ec == ecSuccess;
}

static struct mapi_session_opts opts;
static unsigned sleep_s;

static void parse(int argc, char **argv)
{
	for (int i = 2; i + 1 < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--url") == 0)
			opts.mailbox_url = v;
		else if (strcmp(k, "--user") == 0)
			opts.user = v;
		else if (strcmp(k, "--password") == 0)
			opts.password = v;
		else if (strcmp(k, "--user-dn") == 0)
			opts.user_dn = v;
		else if (strcmp(k, "--email") == 0)
			opts.email = v;
		else if (strcmp(k, "--autodiscover-url") == 0)
			opts.autodiscover_url = v;
		else if (strcmp(k, "--insecure") == 0)
			opts.insecure = strcmp(v, "yes") == 0;
		else if (strcmp(k, "--compress") == 0)
			opts.compress = opts.obfuscate = strcmp(v, "yes") == 0;
		else if (strcmp(k, "--sleep") == 0)
			sleep_s = (unsigned)atoi(v);
		else if (strcmp(k, "--auth") == 0)
			opts.auth = strcmp(v, "basic") == 0  ? MAPI_AUTH_BASIC
			            : strcmp(v, "ntlm") == 0 ? MAPI_AUTH_NTLM
			                                     : MAPI_AUTH_ANY;
	}
}

static void scenario_main(struct mapi_session *s)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_object *store, *inbox, *ipm, *table, *msg, *msg2;
	uint32_t ec = mapi_connect(s);
	check(ec == ecSuccess, "Connect", ec, s);
	if (ec != ecSuccess)
		goto out;
	check(mapi_session_display_name(s) != NULL, "Connect response has a DisplayName", 0, s);
	check(mapi_ping(s) == ecSuccess, "PING", 0, s);
	ec = mapi_logon(s, mem, &store);
	check(ec == ecSuccess, "RopLogon of the private mailbox", ec, s);
	if (ec != ecSuccess)
		goto out;
	/* the address book endpoint: the user's own alias resolves, a made-up name does not */
	const char *names[] = {opts.user, "no-such-user-xyz"};
	struct mapi_resolved *res;
	ec = mapi_resolve_names(s, mem, 2, names, &res);
	check(ec == ecSuccess, "ResolveNames on the address book endpoint", ec, s);
	if (ec == ecSuccess) {
		check(res[0].mid == MID_RESOLVED && res[0].display_name != NULL && res[0].dn != NULL &&
		              strcasecmp(res[0].dn, mapi_session_user_dn(s)) == 0,
		      "the user's alias resolves to an entry with the user's DN", 0, s);
		check(res[1].mid == MID_UNRESOLVED, "an unknown name is MID_UNRESOLVED", 0, s);
	}
	uint64_t inbox_fid = mapi_store_folder_id(store, LOGON_FID_INBOX);
	check(inbox_fid != 0 && inbox_fid != mapi_store_folder_id(store, LOGON_FID_OUTBOX),
	      "RopLogon gives distinct Inbox and Outbox FIDs", 0, s);
	uint64_t rf = 0;
	if (step(mapi_get_receive_folder(store, "IPM.Note", &rf), "RopGetReceiveFolder IPM.Note", s))
		check(rf == inbox_fid, "the receive folder of IPM.Note is the Inbox", 0, s);
	ec = mapi_open_folder(store, inbox_fid, mem, &inbox);
	check(ec == ecSuccess, "RopOpenFolder Inbox", ec, s);
	if (ec != ecSuccess)
		goto out;
	ec = mapi_open_folder(store, mapi_store_folder_id(store, LOGON_FID_IPM_SUBTREE), mem, &ipm);
	check(ec == ecSuccess, "RopOpenFolder IPM subtree", ec, s);
	uint32_t rows = 0;
	ec = mapi_get_hierarchy_table(ipm, 0, mem, &table, &rows);
	check(ec == ecSuccess && rows >= 5, "RopGetHierarchyTable of the IPM subtree has the special folders",
	      ec, s);
	struct mapi_folder_info *folders;
	uint32_t nfolders;
	if (step(mapi_list_folders(store, true, mem, &nfolders, &folders), "list the folder tree", s)) {
		bool found = false;
		for (uint32_t i = 0; i < nfolders; i++)
			found |= folders[i].fid == inbox_fid;
		check(found && nfolders >= rows, "the folder tree holds the Inbox", 0, s);
	}
	uint64_t sub_fid = 0;
	ec = mapi_create_folder(inbox, "libmapi test", "made by test_libmapi", false, mem, NULL, &sub_fid);
	check(ec == ecSuccess && sub_fid != 0, "RopCreateFolder under the Inbox", ec, s);
	ec = mapi_create_folder(inbox, "libmapi test", NULL, false, mem, NULL, NULL);
	check(ec == ecDuplicateName, "RopCreateFolder of the same name again is ecDuplicateName", ec, s);

	/* a message: create, set properties, recipients, save, reopen */
	ec = mapi_create_message(inbox, false, mem, &msg);
	check(ec == ecSuccess, "RopCreateMessage in the Inbox", ec, s);
	if (ec != ecSuccess)
		goto out;
	struct mapi_propval v[2] = {
	        {.tag = PidTagMessageClass, .value.str = (char *)"IPM.Note"},
	        {.tag = PidTagSubject, .value.str = (char *)"hello from libmapi"},
	};
	bool have_props = step(mapi_set_props(msg, 2, v, mem, NULL), "RopSetProperties subject and class", s);
	struct mapi_recipient to = {
	        .type = RECIPIENT_TO, .display_name = (char *)"Bob", .email = (char *)"bob@example.org"};
	bool have_recips = step(mapi_modify_recipients(msg, 1, &to), "RopModifyRecipients (one To)", s);
	uint64_t mid = 0;
	ec = mapi_save_message(msg, SAVE_KEEP_OPEN_READ_WRITE, &mid);
	check(ec == ecSuccess && mid != 0, "RopSaveChangesMessage gives a MID", ec, s);
	if (have_recips) {
		/* the created message has not announced its recipient columns: RopReloadCachedInformation
		 * first */
		struct mapi_recipient *r;
		uint32_t n;
		if (step(mapi_read_recipients(msg, mem, &n, &r),
		         "RopReadRecipients on the message just created", s))
			check(n == 1 && r[0].email && strcmp(r[0].email, "bob@example.org") == 0 &&
			              r[0].display_name && strcmp(r[0].display_name, "Bob") == 0,
			      "its recipient reads back with name and address", 0, s);
	}
	struct rop_open_message_rsp info;
	ec = mapi_open_message(store, inbox_fid, mid, OPEN_READ_ONLY, mem, &msg2, &info);
	check(ec == ecSuccess, "RopOpenMessage of the saved message", ec, s);
	/* MS-OXCMSG 2.2.1.46: without a PidTagSubjectPrefix, PidTagNormalizedSubject equals PidTagSubject */
	if (ec == ecSuccess && have_props)
		check(info.normalized_subject.str != NULL &&
		              strcmp(info.normalized_subject.str, "hello from libmapi") == 0,
		      "the RopOpenMessage NormalizedSubject is the subject", 0, s);
	if (ec == ecSuccess && have_recips) {
		struct mapi_recipient *r;
		uint32_t n;
		if (step(mapi_read_recipients(msg2, mem, &n, &r), "RopReadRecipients", s))
			check(n == 1 && r[0].type == RECIPIENT_TO && r[0].email &&
			              strcmp(r[0].email, "bob@example.org") == 0,
			      "the recipient reads back", 0, s);
	}
	if (ec == ecSuccess) {
		uint32_t tags[] = {PidTagSubject, PidTagMessageClass};
		struct mapi_property_row row;
		if (step(mapi_get_props(msg2, 2, tags, mem, &row), "RopGetPropertiesSpecific", s)) {
			const struct mapi_propval *p = mapi_row_find(&row, PidTagSubject);
			check(p != NULL && strcmp(p->value.str, "hello from libmapi") == 0,
			      "PidTagSubject reads back", 0, s);
		}
	}
	struct mapi_property_row_set list;
	uint32_t cols[] = {PidTagSubject};
	if (step(mapi_list_messages(inbox, 1, cols, 0, mem, &list), "list the Inbox messages", s)) {
		bool found = false;
		for (uint32_t i = 0; i < list.count; i++) {
			const struct mapi_propval *p = mapi_row_find(&list.rows[i], PidTagMid);
			found |= p != NULL && (uint64_t)p->value.i64 == mid;
		}
		check(found, "the saved message is in the Inbox contents table", 0, s);
	}
	/* properties and named properties, streams, attachments, submission and the whole-message calls: the
	 * steps whose ROPs the server lacks are skips until their handlers land */
	if (ec == ecSuccess) {
		struct mapi_propname pn = {.kind = MNID_STRING, .name = (char *)"libmapi-test"};
		pn.guid = (struct wc_guid){0x00020329, 0x0000, 0x0000, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}};
		uint16_t *ids;
		if (step(mapi_get_ids_from_names(msg2, true, 1, &pn, mem, &ids),
		         "RopGetPropertyIdsFromNames (create)", s))
			check(ids[0] >= 0x8000, "a named property gets an id of 0x8000 or more", 0, s);
		struct mapi_binary body;
		if (step(mapi_read_property_stream(msg2, PidTagSubject, mem, &body),
		         "read PidTagSubject by stream", s))
			check(body.len == 2 * strlen("hello from libmapi") ||
			              body.len == 2 * strlen("hello from libmapi") + 2,
			      "the stream holds the UTF-16LE subject (with or without its terminator)", 0, s);
	}
	static const uint8_t blob[] = "attachment bytes";
	struct mapi_attachment_in att = {
	        .filename = "a.txt", .mime_type = "text/plain", .data = blob, .len = sizeof blob - 1};
	struct mapi_new_message nm = {.subject = "sent by libmapi",
	                              .body = "body text",
	                              .recipient_count = 1,
	                              .recipients = &to,
	                              .attachment_count = 1,
	                              .attachments = &att};
	uint64_t sent_mid = 0;
	if (step(mapi_create_and_send(store, inbox_fid, &nm, false, &sent_mid), "create a whole message",
	         s)) {
		struct mapi_message_data *md;
		if (step(mapi_fetch_message(store, inbox_fid, sent_mid, mem, &md), "fetch the whole message",
		         s)) {
			const struct mapi_propval *subj =
			        mapi_props_find(md->props, md->prop_count, PidTagSubject);
			const struct mapi_propval *text =
			        mapi_props_find(md->props, md->prop_count, PidTagBody);
			check(subj && strcmp(subj->value.str, "sent by libmapi") == 0 && text &&
			              strcmp(text->value.str, "body text") == 0,
			      "the fetched message has its subject and body", 0, s);
			check(md->recipient_count == 1 && md->attachment_count == 1,
			      "the fetched message has its recipient and attachment", 0, s);
			const struct mapi_propval *data =
			        md->attachment_count ? mapi_props_find(md->attachments[0].props,
			                                               md->attachments[0].prop_count,
			                                               PidTagAttachDataBinary)
			                             : NULL;
			check(data && data->value.bin.len == sizeof blob - 1 &&
			              memcmp(data->value.bin.data, blob, sizeof blob - 1) == 0,
			      "the attachment data reads back", 0, s);
		}
	}
	/* a batch of several ROPs in one Execute, the second on the output of the first */
	struct mapi_batch *b = mapi_batch_new(mem, s);
	struct rop_request *r = mapi_batch_add(b, ROP_OPEN_FOLDER, store);
	r->open_folder.folder_id = sub_fid;
	uint32_t open_slot = mapi_batch_last(b);
	r = mapi_batch_add_on(b, ROP_CREATE_MESSAGE, open_slot);
	r->create_message.code_page_id = 0x0FFF;
	r->create_message.folder_id = sub_fid;
	uint32_t create_slot = mapi_batch_last(b);
	r = mapi_batch_add_on(b, ROP_SAVE_CHANGES_MESSAGE, create_slot);
	r->save_changes_message.save_flags = SAVE_KEEP_OPEN_READ_ONLY;
	ec = mapi_batch_execute(b);
	uint32_t bad = 0;
	check(ec == ecSuccess && mapi_batch_first_error(b, &bad) == ecSuccess && mapi_batch_count(b) == 3,
	      "one Execute: RopOpenFolder, RopCreateMessage on it, RopSaveChangesMessage",
	      mapi_batch_result(b, bad), s);
	const struct rop_response *saved = mapi_batch_response(b, 2);
	check(saved != NULL && saved->save_changes_message.message_id != 0, "the chained save gives a MID", 0,
	      s);
	ec = mapi_move_copy_messages(inbox, inbox, 1, &mid, true);
	step(ec, "RopMoveCopyMessages (copy within the Inbox)", s);
	ec = mapi_delete_folder(inbox, sub_fid, DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE);
	check(ec == ecSuccess, "RopDeleteFolder of the test folder", ec, s);
	talloc_free(table); /* releases ride on the next Execute */
	talloc_free(msg);
	ec = mapi_open_folder(store, inbox_fid, mem, &inbox);
	check(ec == ecSuccess, "an Execute carrying queued RopReleases", ec, s);
	check(mapi_disconnect(s) == ecSuccess, "Disconnect", 0, s);
	ec = mapi_open_folder(store, inbox_fid, mem, &inbox);
	check(ec == ecEndOfSession, "objects of a disconnected session answer ecEndOfSession", ec, s);
out:
	talloc_free(mem);
}

static void scenario_reconnect(struct mapi_session *s)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_object *store, *inbox;
	uint32_t ec = mapi_connect(s);
	check(ec == ecSuccess, "Connect", ec, s);
	if (ec == ecSuccess)
		ec = mapi_logon(s, mem, &store);
	check(ec == ecSuccess, "RopLogon", ec, s);
	if (ec != ecSuccess)
		goto out;
	uint32_t gen = mapi_session_generation(s);
	sleep(sleep_s); /* the server's session timeout passes: it forgets the context */
	uint64_t inbox_fid = mapi_store_folder_id(store, LOGON_FID_INBOX);
	ec = mapi_open_folder(store, inbox_fid, mem, &inbox);
	check(ec == ecEndOfSession && mapi_session_last_error(s)->response_code == 10,
	      "the first Execute after expiry finds X-ResponseCode 10 and answers ecEndOfSession", ec, s);
	check(mapi_session_generation(s) == gen + 1, "the session reconnected (a new Session Context)", 0, s);
	ec = mapi_open_folder(store, inbox_fid, mem, &inbox);
	check(ec == ecEndOfSession, "the old logon answers ecEndOfSession without a round trip", ec, s);
	ec = mapi_logon(s, mem, &store);
	check(ec == ecSuccess, "RopLogon again on the new context", ec, s);
	if (ec == ecSuccess) {
		ec = mapi_open_folder(store, inbox_fid, mem, &inbox);
		check(ec == ecSuccess, "RopOpenFolder Inbox on the new context", ec, s);
	}
	sleep(sleep_s);
	check(mapi_ping(s) == ecSuccess, "PING after expiry reconnects and is retried transparently", 0, s);
out:
	talloc_free(mem);
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return 2;
	parse(argc, argv);
	if (mapi_library_init() != ecSuccess)
		return 2;
	struct mapi_session *s = mapi_session_new(NULL, &opts);
	if (s == NULL)
		return 2;
	if (strcmp(argv[1], "main") == 0) {
		scenario_main(s);
	} else if (strcmp(argv[1], "reconnect") == 0) {
		scenario_reconnect(s);
	} else if (strcmp(argv[1], "autodiscover") == 0) {
		uint32_t ec = mapi_connect(s);
		check(ec == ecSuccess, "Connect with the URL and DN from Autodiscover", ec, s);
		check(mapi_session_user_dn(s) != NULL && strncmp(mapi_session_user_dn(s), "/o=", 3) == 0,
		      "Autodiscover gave the LegacyDN", 0, s);
	} else if (strcmp(argv[1], "badtls") == 0) {
		uint32_t ec = mapi_connect(s);
		check(ec == ecRpcFailed && mapi_session_last_error(s)->http_status == 0,
		      "a self-signed certificate is refused without --insecure (ecRpcFailed, no HTTP "
		      "response)",
		      ec, s);
	} else if (strcmp(argv[1], "badauth") == 0) {
		uint32_t ec = mapi_connect(s);
		check(ec == ecLoginFailure && mapi_session_last_error(s)->http_status == 401,
		      "a wrong password is ecLoginFailure (HTTP 401)", ec, s);
	} else {
		return 2;
	}
	talloc_free(s);
	printf("# end of scenario\n");
	return failures ? 1 : 0;
}
