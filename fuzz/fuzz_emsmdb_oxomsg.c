/* libFuzzer target: the MS-OXOMSG handlers (src/server/emsmdb/oxomsg.c) and the delivery behind them
 * (src/store/delivery.c) through emsmdb_execute() on hostile ROP buffers: hostile recipient rows reach the
 * directory lookups, submissions deliver into bob's mailbox and write NDRs into alice's. The session is
 * alice's (directory of alice and bob in example.org, mailboxes under a temporary directory). Input: byte 0
 * = pulFlags (low 2 bits), bytes 1-2 = MaxRopOut (LE), rest = rgbIn; the handle table starts with a logon
 * (handle 1) and alice's Outbox (handle 2), as RopLogon and RopOpenFolder would leave them. Delivered
 * messages stay (a delivery commits in another mailbox), so the mailboxes grow over a run.
 * Checks: no crash, leak or sanitizer report; ecSuccess comes with an rgbOut that decodes within MaxRopOut;
 * failures come with no output. */
#include "common/mapi_errors.h"
#include "fuzz_emsmdb.h"
#include "server/auth/auth.h"
#include "server/dir_pool.h"
#include "server/emsmdb/emsmdb.h"
#include "store/delivery.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct emsmdb_config cfg;
static struct dir_entry *alice;
static struct ms_mailbox *mb;
static uint64_t fids[MS_SPECIAL_COUNT];

static void new_mail(void *arg, uint32_t user_mid)
{
	(void)arg;
	(void)user_mid;
}

static void build(void)
{
	static char dir[] = "/tmp/wc-fuzz-oxomsg-XXXXXX";
	if (mkdtemp(dir) == NULL)
		abort();
	char *path = talloc_asprintf(NULL, "%s/directory.db", dir);
	struct dir_handle *h;
	struct dir_pool *pool;
	struct dir_user_spec a = {.alias = "alice"}, b = {.alias = "bob"};
	if (path == NULL || dir_open(NULL, path, DIR_OPEN_CREATE, 5000, &h, NULL) != DIR_OK ||
	    dir_org_create(h, "Example", "example.org") != DIR_OK || dir_user_add(h, &a, NULL) != DIR_OK ||
	    dir_user_add(h, &b, NULL) != DIR_OK || dir_lookup(h, NULL, "alice", &alice) != DIR_OK ||
	    dir_pool_create(NULL, path, 5000, &pool, NULL) != DIR_OK)
		abort();
	talloc_free(h); /* the pool has its own handles */
	talloc_free(path);
	cfg = (struct emsmdb_config){
	        .mailbox_dir = talloc_asprintf(NULL, "%s/mbox", dir), .dirs = pool, .new_mail = new_mail};
	if (cfg.mailbox_dir == NULL ||
	    ms_user_mailbox_open(NULL, cfg.mailbox_dir, &alice->mailbox_guid, "en", &mb) != ecSuccess ||
	    ms_mailbox_special_folders(mb, fids) != ecSuccess)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	if (mb == NULL)
		build();
	TALLOC_CTX *mem = talloc_new(NULL);
	struct auth_user u = {.mid = alice->mid,
	                      .alias = "alice",
	                      .display_name = "alice",
	                      .legacy_dn = alice->legacy_dn,
	                      .mailbox_guid = alice->mailbox_guid};
	struct emsmdb_session *s = emsmdb_session_new(mem, &u, u.legacy_dn, 0);
	s->config = &cfg;
	rop_ctx_set_logon(&s->codec, 0, true);
	struct emsmdb_logon *l = talloc_zero(mem, struct emsmdb_logon);
	l->mailbox = mb; /* borrowed: the mailbox outlives the session */
	memcpy(l->special_fids, fids, sizeof fids);
	struct emsmdb_object *logon = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, l);
	struct ms_folder *f;
	if (ms_folder_open(mb, fids[MS_SPECIAL_OUTBOX], mem, &f) != ecSuccess ||
	    emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, f) == NULL)
		abort();
	fuzz_emsmdb_run(s, mem, data, size);
	talloc_free(mem); /* the session's objects first: they may hold store statements */
	return 0;
}
