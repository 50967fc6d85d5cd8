/* libFuzzer target: the MS-OXCMSG handlers (src/server/emsmdb/oxcmsg.c) through emsmdb_execute() on hostile
 * ROP buffers, against a provisioned mailbox with a saved message (a recipient, an attachment) in its
 * Inbox. Input: byte 0 = pulFlags (low 2 bits), bytes 1-2 = MaxRopOut (LE), rest = rgbIn; the handle table of
 * a session starts with a logon (handle 1) and the Inbox (handle 2), as RopLogon and RopOpenFolder would
 * leave them. Every input runs inside a store batch that is rolled back, so inputs do not pile up messages.
 * Checks: no crash, leak or sanitizer report; ecSuccess comes with an rgbOut that decodes within MaxRopOut;
 * failures come with no output. */
#include "common/mapi_errors.h"
#include "mapi/mapi_proptags_gen.h"
#include "fuzz_emsmdb.h"
#include "server/auth/auth.h"
#include "server/emsmdb/emsmdb.h"
#include "store/mapistore.h"

#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct ms_mailbox *mb;
static uint64_t inbox;

/* The mailbox: the Inbox holds one saved message with a recipient and an attachment. */
static void build(void)
{
	char dir[] = "/tmp/wc-fuzz-oxcmsg-XXXXXX";
	if (mkdtemp(dir) == NULL)
		abort();
	char uri[128];
	snprintf(uri, sizeof uri, "sqlite://%s/f.db", dir);
	struct wc_guid g1 = {.d1 = 1}, g2 = {.d1 = 2};
	uint64_t fids[MS_SPECIAL_COUNT];
	if (ms_mailbox_create(NULL, uri, &g1, &g2, &mb) != ecSuccess ||
	    ms_mailbox_provision(mb, "en") != ecSuccess || ms_mailbox_special_folders(mb, fids) != ecSuccess)
		abort();
	inbox = fids[MS_SPECIAL_INBOX];
	struct ms_folder *f;
	struct ms_message *m;
	struct ms_attachment *a;
	uint32_t num;
	struct mapi_propval rp[] = {{.tag = PidTagDisplayName, .value.str = "Bob"},
	                            {.tag = PidTagAddressType, .value.str = "SMTP"},
	                            {.tag = PidTagEmailAddress, .value.str = "bob@x"}};
	struct ms_recipient r = {0, 3, rp};
	if (ms_folder_open(mb, inbox, mb, &f) != ecSuccess || ms_message_create(f, false, &m) != ecSuccess ||
	    ms_message_modify_recipients(m, &r, 1) != ecSuccess ||
	    ms_attachment_create(m, &a, &num) != ecSuccess || ms_attachment_save(a) != ecSuccess ||
	    ms_message_save(m, 0) != ecSuccess)
		abort();
	talloc_free(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	if (mb == NULL)
		build();
	TALLOC_CTX *mem = talloc_new(NULL);
	struct auth_user u = {.mid = 1, .alias = "fuzz", .display_name = "Fuzz", .legacy_dn = "/o=f/cn=fuzz"};
	struct emsmdb_session *s = emsmdb_session_new(mem, &u, u.legacy_dn, 0);
	rop_ctx_set_logon(&s->codec, 0, true);
	struct emsmdb_logon *l = talloc_zero(mem, struct emsmdb_logon);
	l->mailbox = mb; /* borrowed: the mailbox outlives the session */
	struct emsmdb_object *logon = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, l);
	struct ms_folder *f;
	if (ms_mailbox_begin_batch(mb) != ecSuccess || ms_folder_open(mb, inbox, mem, &f) != ecSuccess ||
	    emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, f) == NULL)
		abort();
	fuzz_emsmdb_run(s, mem, data, size);
	talloc_free(mem); /* the session's objects first: they may hold store statements */
	ms_mailbox_end_batch(mb, false);
	return 0;
}
