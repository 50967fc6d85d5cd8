/* List the folders and the subjects of the Inbox, then send a message. */
#include <stdio.h>
#include <libmapi/libmapi.h>

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: %s EMAIL USER PASSWORD\n", argv[0]);
		return 2;
	}
	mapi_library_init(); /* once, before any thread starts */
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_session_opts opts = {
	        .email = argv[1], /* Autodiscover finds the mailbox URL and the user's DN */
	        .user = argv[2],
	        .password = argv[3],
	        .auth = MAPI_AUTH_ANY, /* Basic or NTLM, as the server offers */
	};
	struct mapi_session *s = mapi_session_new(mem, &opts);
	struct mapi_object *store, *inbox;
	uint32_t ec = mapi_connect(s);
	if (ec == ecSuccess)
		ec = mapi_logon(s, mem, &store);
	if (ec == ecSuccess)
		ec = mapi_open_folder(store, mapi_store_folder_id(store, LOGON_FID_INBOX), mem, &inbox);
	if (ec != ecSuccess) {
		fprintf(stderr, "%s: %s\n", mapi_err_name(ec), mapi_session_last_error(s)->message);
		return 1;
	}

	struct mapi_folder_info *folders;
	uint32_t n;
	if (mapi_list_folders(store, true, mem, &n, &folders) == ecSuccess)
		for (uint32_t i = 0; i < n; i++)
			printf("%*s%s (%u)\n", (int)folders[i].depth * 2, "", folders[i].name, folders[i].content_count);

	static const uint32_t columns[] = {PidTagSubject};
	struct mapi_property_row_set rows;
	if (mapi_list_messages(inbox, 1, columns, 20, mem, &rows) == ecSuccess)
		for (uint32_t i = 0; i < rows.count; i++) {
			const struct mapi_propval *subject = mapi_row_find(&rows.rows[i], PidTagSubject);
			printf("%s\n", subject ? subject->value.str : "(no subject)");
		}

	struct mapi_recipient to = {.type = RECIPIENT_TO, .email = (char *)"bob@example.org"};
	struct mapi_new_message m = {.subject = "Hello", .body = "Sent with libmapi.", .recipient_count = 1,
	                             .recipients = &to};
	uint64_t mid;
	ec = mapi_create_and_send(store, 0, &m, true, &mid);
	printf("send: %s\n", mapi_err_name(ec));

	mapi_disconnect(s);
	talloc_free(mem);
	return 0;
}
