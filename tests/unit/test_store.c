/* MAPIStore over the SQLite backend: IDs, folders, messages (save, conflicts, read flags), recipients,
 * attachments, embedded messages, named properties, receive folders, streams, tables, dispatcher. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_entryid.h"
#include "mapi/mapi_proptags.h"
#include "store/dispatcher.h"
#include "store/mapistore.h"

struct fixture {
	TALLOC_CTX *mem;
	char dir[64];
	char *uri;
	struct ms_mailbox *mb;
	struct ms_folder *root;
};

static const struct wc_guid mbguid = {0x11111111, 0x2222, 0x3333, {1, 2, 3, 4, 5, 6, 7, 8}};
static const struct wc_guid replguid = {0xAAAAAAAA, 0xBBBB, 0xCCCC, {8, 7, 6, 5, 4, 3, 2, 1}};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	f->mem = f;
	strcpy(f->dir, "/tmp/wc-store-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->uri = talloc_asprintf(f, "sqlite://%s/mbox.db", f->dir);
	assert_int_equal(ms_mailbox_create(f, f->uri, &mbguid, &replguid, &f->mb), ecSuccess);
	struct ms_mailbox_info info;
	ms_mailbox_get_info(f->mb, &info);
	assert_int_equal(ms_folder_open(f->mb, info.root_fid, f, &f->root), ecSuccess);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = talloc_asprintf(NULL, "rm -rf %s", f->dir);
	talloc_free(f);
	assert_int_equal(system(cmd), 0);
	talloc_free(cmd);
	return 0;
}

static void check_clean(struct ms_mailbox *mb)
{
	char *report;
	uint32_t ec = ms_mailbox_check(mb, NULL, &report);
	if (ec != ecSuccess)
		fprintf(stderr, "check: %s\n", report);
	assert_int_equal(ec, ecSuccess);
	talloc_free(report);
}

static void set_str(struct ms_object *o, uint32_t tag, const char *s)
{
	struct mapi_propval pv = {.tag = tag, .value.str = (char *)s};
	struct mapi_propproblem *pp;
	uint32_t n;
	assert_int_equal(ms_props_set(o, &pv, 1, NULL, &pp, &n), ecSuccess);
	assert_int_equal(n, 0);
	talloc_free(pp);
}

static void set_i64(struct ms_object *o, uint32_t tag, int64_t v)
{
	struct mapi_propval pv = {.tag = tag};
	if (PROP_TYPE(tag) == PT_LONG)
		pv.value.i32 = (int32_t)v;
	else
		pv.value.i64 = v;
	struct mapi_propproblem *pp;
	uint32_t n;
	assert_int_equal(ms_props_set(o, &pv, 1, NULL, &pp, &n), ecSuccess);
	assert_int_equal(n, 0);
}

static struct mapi_propval get1(TALLOC_CTX *mem, struct ms_object *o, uint32_t tag)
{
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(o, mem, &tag, 1, &v), ecSuccess);
	return v[0];
}

static uint64_t new_message(struct ms_folder *f, const char *subject, uint64_t delivery)
{
	struct ms_message *m;
	assert_int_equal(ms_message_create(f, false, &m), ecSuccess);
	set_str(ms_message_object(m), PidTagSubject, subject);
	set_str(ms_message_object(m), PidTagMessageClass, "IPM.Note");
	set_i64(ms_message_object(m), PidTagMessageDeliveryTime, (int64_t)delivery);
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	uint64_t mid = ms_message_get_id(m);
	talloc_free(m);
	return mid;
}

static void test_ids_unique_and_increasing(void **state)
{
	struct fixture *f = *state;
	uint64_t a, b;
	assert_int_equal(ms_mailbox_allocate_ids(f->mb, MS_IDS_OBJECT, 10, &a), ecSuccess);
	assert_int_equal(ms_mailbox_allocate_ids(f->mb, MS_IDS_OBJECT, 5, &b), ecSuccess);
	assert_true(mapi_fid_globcnt(b) >= mapi_fid_globcnt(a) + 10);
	uint64_t m1 = new_message(f->root, "x", 1), m2 = new_message(f->root, "y", 2);
	assert_true(m1 != m2);
	assert_true(mapi_fid_globcnt(m1) != mapi_fid_globcnt(a) &&
	            mapi_fid_globcnt(m2) != mapi_fid_globcnt(b));
	/* reopened: never hands out an ID again */
	talloc_free(f->mb);
	assert_int_equal(ms_mailbox_open(f, f->uri, &f->mb), ecSuccess);
	uint64_t c;
	assert_int_equal(ms_mailbox_allocate_ids(f->mb, MS_IDS_OBJECT, 1, &c), ecSuccess);
	assert_true(mapi_fid_globcnt(c) > mapi_fid_globcnt(m2) &&
	            mapi_fid_globcnt(c) > mapi_fid_globcnt(b) + 4);
	f->root = NULL;
}

static void test_folders(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *inbox, *sub, *dup;
	bool existed;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "Inbox", "in", false, &inbox, &existed),
	                 ecSuccess);
	assert_false(existed);
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "inbox", NULL, false, &dup, NULL),
	                 ecDuplicateName);
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "INBOX", NULL, true, &dup, &existed),
	                 ecSuccess);
	assert_true(existed);
	assert_int_equal(ms_folder_get_id(dup), ms_folder_get_id(inbox));
	assert_int_equal(ms_folder_create(inbox, MS_FOLDER_GENERIC, "Sub", NULL, false, &sub, NULL),
	                 ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_folder_object(inbox), PidTagSubfolders);
	assert_true(v.value.b);
	v = get1(f->mem, ms_folder_object(sub), PidTagParentFolderId);
	assert_int_equal(v.value.i64, ms_folder_get_id(inbox));
	v = get1(f->mem, ms_folder_object(inbox), PidTagComment);
	assert_string_equal(v.value.str, "in");
	/* entry ID: MS-OXCDATA 2.2.4.1, 46 bytes, FolderType 0x0001, GlobalCounter big-endian */
	v = get1(f->mem, ms_folder_object(inbox), PidTagEntryId);
	assert_int_equal(v.value.bin.len, 46);
	assert_int_equal(v.value.bin.data[20], 0x01);
	assert_int_equal(v.value.bin.data[43], mapi_fid_globcnt(ms_folder_get_id(inbox)) & 0xFF);
	struct wc_reader r;
	struct mapi_entryid eid;
	wc_reader_init(&r, v.value.bin.data, v.value.bin.len);
	assert_int_equal(mapi_entryid_pull(&r, f->mem, &eid), 0);
	assert_int_equal(eid.kind, MAPI_ENTRYID_FOLDER);
	assert_true(wc_guid_equal(&eid.folder.provider_uid, &mbguid));
	assert_int_equal(eid.folder.folder.globcnt, mapi_fid_globcnt(ms_folder_get_id(inbox)));
	/* move keeps the FID, into itself is refused */
	assert_int_equal(ms_folder_move(inbox, ms_folder_get_id(sub), f->root, "Moved"), ecSuccess);
	assert_int_equal(ms_folder_move(f->root, ms_folder_get_id(inbox), inbox, NULL), ecRootFolder);
	struct ms_folder *moved;
	assert_int_equal(ms_folder_open(f->mb, ms_folder_get_id(sub), f->mem, &moved), ecSuccess);
	v = get1(f->mem, ms_folder_object(moved), PidTagDisplayName);
	assert_string_equal(v.value.str, "Moved");
	/* copy gives new IDs, messages included */
	new_message(inbox, "copied", 5);
	uint64_t copy_fid;
	assert_int_equal(ms_folder_copy(f->root, ms_folder_get_id(inbox), moved, "Copy", true, &copy_fid),
	                 ecSuccess);
	assert_true(copy_fid != ms_folder_get_id(inbox));
	struct ms_folder *copy;
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_open(f->mb, copy_fid, f->mem, &copy), ecSuccess);
	assert_int_equal(ms_folder_get_counts(copy, &c), ecSuccess);
	assert_int_equal(c.content, 1);
	/* delete: not without DEL_MESSAGES (partial), soft, then hard */
	bool partial;
	assert_int_equal(ms_folder_delete(moved, copy_fid, 0, &partial), ecSuccess);
	assert_true(partial);
	assert_int_equal(ms_folder_delete(moved, copy_fid, MS_DEL_MESSAGES | MS_DEL_FOLDERS, &partial),
	                 ecSuccess);
	assert_false(partial);
	assert_int_equal(ms_folder_get_counts(moved, &c), ecSuccess);
	assert_int_equal(c.child_folders, 0);
	assert_int_equal(ms_folder_delete(f->root, ms_folder_get_id(moved),
	                                  MS_DEL_MESSAGES | MS_DEL_FOLDERS | MS_DELETE_HARD_DELETE, &partial),
	                 ecSuccess);
	assert_int_equal(ms_folder_open(f->mb, copy_fid, f->mem, &copy), ecNotFound);
	assert_int_equal(ms_folder_delete(f->root, 0x42, 0, &partial), ecNotFound);
	check_clean(f->mb);
}

static void test_message_save_and_conflict(void **state)
{
	struct fixture *f = *state;
	uint64_t mid = new_message(f->root, "first", 100);
	struct ms_message *a, *b;
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &a), ecSuccess);
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &b), ecSuccess);
	set_str(ms_message_object(a), PidTagSubject, "by a");
	set_str(ms_message_object(b), PidTagSubject, "by b");
	/* unsaved changes are not visible to the other */
	struct mapi_propval v = get1(f->mem, ms_message_object(b), PidTagSubject);
	assert_string_equal(v.value.str, "by b");
	struct mapi_propval ck1 = get1(f->mem, ms_message_object(a), PidTagChangeKey);
	assert_int_equal(ms_message_save(a, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	struct mapi_propval ck2 = get1(f->mem, ms_message_object(a), PidTagChangeKey);
	assert_int_equal(ck2.value.bin.len, 22);
	assert_memory_not_equal(ck1.value.bin.data, ck2.value.bin.data, 22);
	/* MS-OXCMSG 3.2.5.3: b's transaction began before a's commit */
	/* the change list holds the change key (MS-OXCFXICS 2.2.1.2.8) */
	struct mapi_propval pclv = get1(f->mem, ms_message_object(a), PidTagPredecessorChangeList);
	struct wc_reader r;
	struct mapi_pcl *pcl;
	struct mapi_xid xid;
	wc_reader_init(&r, pclv.value.bin.data, pclv.value.bin.len);
	assert_int_equal(mapi_pcl_pull(&r, f->mem, &pcl), 0);
	wc_reader_init(&r, ck2.value.bin.data, ck2.value.bin.len);
	assert_int_equal(mapi_xid_pull(&r, ck2.value.bin.len, &xid), 0);
	assert_true(mapi_pcl_includes_xid(pcl, &xid));
	assert_int_equal(ms_message_save(b, MS_SAVE_KEEP_OPEN_READWRITE), ecObjectModified);
	assert_int_equal(ms_message_save(b, MS_SAVE_FORCE), ecSuccess);
	/* a saves again: now it is a that is stale */
	set_str(ms_message_object(a), PidTagSubject, "again");
	assert_int_equal(ms_message_save(a, MS_SAVE_KEEP_OPEN_READWRITE), ecObjectModified);
	struct ms_message *c;
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READONLY, &c), ecSuccess);
	v = get1(f->mem, ms_message_object(c), PidTagSubject);
	assert_string_equal(v.value.str, "by b");
	assert_int_equal(ms_message_save(c, 0), ecError); /* read-only */
	struct mapi_propproblem *pp;
	uint32_t n;
	struct mapi_propval pv = {.tag = PidTagSubject, .value.str = "x"};
	assert_int_equal(ms_props_set(ms_message_object(c), &pv, 1, f->mem, &pp, &n), ecAccessDenied);
	/* KeepOpenReadOnly: saved, then read-only */
	struct ms_message *d;
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &d), ecSuccess);
	assert_int_equal(ms_message_save(d, MS_SAVE_KEEP_OPEN_READONLY), ecSuccess);
	assert_int_equal(ms_props_set(ms_message_object(d), &pv, 1, f->mem, &pp, &n), ecAccessDenied);
	/* computed, read-only properties give PropertyProblems */
	struct mapi_propval bad[2] = {{.tag = PidTagMid, .value.i64 = 5},
	                              {.tag = PidTagBody, .value.str = "b"}};
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &d), ecSuccess);
	assert_int_equal(ms_props_set(ms_message_object(d), bad, 2, f->mem, &pp, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_int_equal(pp[0].index, 0);
	assert_int_equal(pp[0].error, ecAccessDenied);
	/* a column keeps its type: PidTagSubject as an integer is a problem, and the save still works */
	struct mapi_propval wrong = {.tag = PROP_TAG(PT_LONG, PROP_ID(PidTagSubject)), .value.i32 = 5};
	assert_int_equal(ms_props_set(ms_message_object(d), &wrong, 1, f->mem, &pp, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_int_equal(pp[0].error, ecPropType);
	v = get1(f->mem, ms_message_object(d), PidTagMid);
	assert_int_equal(v.value.i64, mid);
	v = get1(f->mem, ms_message_object(d), PidTagHtml);
	assert_int_equal(v.tag, CHANGE_PROP_TYPE(PidTagHtml, PT_ERROR));
	assert_int_equal(v.value.err, ecNotFound);
	/* delete a property, save, gone */
	uint32_t tag = PidTagBody;
	assert_int_equal(ms_message_save(d, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	assert_int_equal(ms_props_delete(ms_message_object(d), &tag, 1, f->mem, &pp, &n), ecSuccess);
	assert_int_equal(ms_message_save(d, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READONLY, &c), ecSuccess);
	v = get1(f->mem, ms_message_object(c), PidTagBody);
	assert_int_equal(PROP_TYPE(v.tag), PT_ERROR);
	/* GetPropertiesAll: stored and computed properties, each once */
	struct mapi_propval *all;
	uint32_t nall, seen = 0;
	assert_int_equal(ms_props_get_all(ms_message_object(c), f->mem, &all, &nall), ecSuccess);
	for (uint32_t i = 0; i < nall; i++) {
		for (uint32_t j = 0; j < i; j++)
			assert_int_not_equal(PROP_ID(all[i].tag), PROP_ID(all[j].tag));
		seen |= (all[i].tag == PidTagMid) | (all[i].tag == PidTagChangeKey) << 1 |
		        (all[i].tag == PidTagSubject) << 2 | (all[i].tag == PidTagMessageFlags) << 3;
		assert_int_not_equal(PROP_TYPE(all[i].tag), PT_ERROR);
	}
	assert_int_equal(seen, 0xF);
	uint32_t *list;
	assert_int_equal(ms_props_list(ms_message_object(c), f->mem, &list, &n), ecSuccess);
	assert_int_equal(n, nall);
	check_clean(f->mb);
}

/* Two contexts (two connections) on one mailbox: IDs stay unique, a save in one is a conflict for the other,
 * and each sees the other's committed changes. */
static void test_two_contexts(void **state)
{
	struct fixture *f = *state;
	struct ms_mailbox *mb2;
	struct ms_folder *root2;
	assert_int_equal(ms_mailbox_open(f->mem, f->uri, &mb2), ecSuccess);
	assert_int_equal(ms_folder_open(mb2, ms_folder_get_id(f->root), f->mem, &root2), ecSuccess);
	uint64_t ids[20];
	for (int i = 0; i < 20; i++)
		ids[i] = new_message(i % 2 ? root2 : f->root, "x", (uint64_t)i);
	for (int i = 0; i < 20; i++)
		for (int j = 0; j < i; j++)
			assert_true(ids[i] != ids[j]);
	struct ms_message *a, *b;
	assert_int_equal(ms_message_open(f->root, ids[0], MS_OPEN_READWRITE, &a), ecSuccess);
	assert_int_equal(ms_message_open(root2, ids[0], MS_OPEN_READWRITE, &b), ecSuccess);
	set_str(ms_message_object(b), PidTagSubject, "from the second context");
	assert_int_equal(ms_message_save(b, 0), ecSuccess);
	set_str(ms_message_object(a), PidTagSubject, "from the first");
	assert_int_equal(ms_message_save(a, 0), ecObjectModified);
	struct ms_message *c;
	assert_int_equal(ms_message_open(f->root, ids[0], MS_OPEN_READONLY, &c), ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_message_object(c), PidTagSubject);
	assert_string_equal(v.value.str, "from the second context");
	struct ms_folder_counts n;
	assert_int_equal(ms_folder_get_counts(root2, &n), ecSuccess);
	assert_int_equal(n.content, 20);
	check_clean(f->mb);
}

static void test_read_flags_and_counts(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *inbox;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "Inbox", NULL, false, &inbox, NULL),
	                 ecSuccess);
	uint64_t mids[3];
	for (int i = 0; i < 3; i++) {
		struct ms_message *m;
		assert_int_equal(ms_message_create(inbox, false, &m), ecSuccess);
		set_i64(ms_message_object(m), PidTagMessageFlags, 0); /* delivered unread */
		assert_int_equal(ms_message_save(m, 0), ecSuccess);
		mids[i] = ms_message_get_id(m);
	}
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	assert_int_equal(c.content, 3);
	assert_int_equal(c.unread, 3);
	bool partial;
	assert_int_equal(ms_folder_set_read_flags(inbox, mids, 2, MS_RF_DEFAULT, &partial), ecSuccess);
	assert_false(partial);
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	assert_int_equal(c.unread, 1);
	/* the read flag does not change the change number (MS-OXCMSG 3.2.5.10) */
	struct ms_message *m;
	assert_int_equal(ms_message_open(inbox, mids[0], MS_OPEN_READWRITE, &m), ecSuccess);
	struct mapi_propval cn1 = get1(f->mem, ms_message_object(m), PidTagChangeNumber);
	bool changed;
	assert_int_equal(
	        ms_message_set_read_flag(m, MS_RF_CLEAR_READ_FLAG | MS_RF_SUPPRESS_RECEIPT, &changed),
	        ecSuccess);
	assert_true(changed);
	assert_int_equal(
	        ms_message_set_read_flag(m, MS_RF_CLEAR_READ_FLAG | MS_RF_SUPPRESS_RECEIPT, &changed),
	        ecSuccess);
	assert_false(changed);
	struct mapi_propval cn2 = get1(f->mem, ms_message_object(m), PidTagChangeNumber);
	assert_int_equal(cn1.value.i64, cn2.value.i64);
	assert_int_equal(ms_message_save(m, 0), ecSuccess); /* not a conflict */
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	assert_int_equal(c.unread, 2);
	/* all of them; an unknown MID is a partial completion */
	uint64_t bogus = mapi_fid_make(1, 999999);
	assert_int_equal(ms_folder_set_read_flags(inbox, &bogus, 1, MS_RF_DEFAULT, &partial), ecSuccess);
	assert_true(partial);
	assert_int_equal(ms_folder_set_read_flags(inbox, NULL, 0, MS_RF_DEFAULT, &partial), ecSuccess);
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	assert_int_equal(c.unread, 0);
	struct mapi_propval v = get1(f->mem, ms_folder_object(inbox), PidTagContentUnreadCount);
	assert_int_equal(v.value.i32, 0);
	/* soft delete moves counts, hard delete removes */
	assert_int_equal(ms_folder_delete_messages(inbox, mids, 1, false, &partial), ecSuccess);
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	assert_int_equal(c.content, 2);
	assert_int_equal(c.deleted, 1);
	assert_int_equal(ms_folder_delete_messages(inbox, mids + 1, 1, true, &partial), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mids[1], MS_OPEN_READONLY, &m), ecNotFound);
	assert_int_equal(ms_folder_empty(inbox, false, false, &partial), ecSuccess);
	assert_int_equal(ms_folder_get_counts(inbox, &c), ecSuccess);
	assert_int_equal(c.content, 0);
	check_clean(f->mb);
}

/* RopSetMessageStatus / RopGetMessageStatus: mask selects the bits, no new change number, a later save of an
 * object opened before does not undo it */
static void test_message_status(void **state)
{
	struct fixture *f = *state;
	uint64_t mid = new_message(f->root, "s", 1);
	struct ms_message *m;
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &m), ecSuccess);
	uint32_t old, now;
	assert_int_equal(ms_folder_set_message_status(f->root, mid, 0x1000 | 0x2000, 0x1000, &old),
	                 ecSuccess);
	assert_int_equal(old, 0);
	assert_int_equal(ms_folder_set_message_status(f->root, mid, 0, 0, &now), ecSuccess);
	assert_int_equal(now, 0x1000);
	assert_int_equal(ms_folder_set_message_status(f->root, mid, 0x0, 0x1000, &old), ecSuccess);
	assert_int_equal(old, 0x1000);
	assert_int_equal(ms_folder_set_message_status(f->root, mid, 0x4, 0x4, &old), ecSuccess);
	set_str(ms_message_object(m), PidTagSubject, "changed");
	assert_int_equal(ms_message_save(m, 0), ecSuccess); /* no conflict: the status is not a save */
	assert_int_equal(ms_folder_set_message_status(f->root, mid, 0, 0, &now), ecSuccess);
	assert_int_equal(now, 0x4);
	assert_int_equal(ms_folder_set_message_status(f->root, mapi_fid_make(1, 424242), 0, 0, &now),
	                 ecNotFound);
}

/* A search folder is a placeholder for now: it exists, has no contents and takes no messages. */
static void test_search_folder(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *s;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_SEARCH, "Finder", NULL, false, &s, NULL),
	                 ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_folder_object(s), PidTagFolderType);
	assert_int_equal(v.value.i32, MS_FOLDER_SEARCH);
	struct ms_message *m;
	assert_int_equal(ms_message_create(s, false, &m), ecNotSupported);
	bool partial;
	assert_int_equal(ms_folder_empty(s, true, false, &partial), ecNotSupported);
	assert_int_equal(ms_folder_create(f->root, 7, "Bad", NULL, false, &s, NULL), ecInvalidParam);
}

/* MS-OXOSFLD special folders: the RopLogon set, names in the mailbox's language, container classes, the
 * entry-ID properties on Root and Inbox, default receive folders. */
static void test_provision(void **state)
{
	struct fixture *f = *state;
	uint64_t fids[MS_SPECIAL_COUNT];
	assert_int_equal(ms_mailbox_special_folders(f->mb, fids), ecNotFound);
	assert_int_equal(ms_mailbox_provision(f->mb, "de_DE"), ecSuccess);
	assert_int_equal(ms_mailbox_provision(f->mb, "de_DE"), ecDuplicateObject);
	assert_int_equal(ms_mailbox_special_folders(f->mb, fids), ecSuccess);
	struct ms_mailbox_info info;
	ms_mailbox_get_info(f->mb, &info);
	assert_int_equal(fids[MS_SPECIAL_ROOT], info.root_fid);
	for (int i = 0; i < MS_SPECIAL_COUNT; i++) {
		assert_true(fids[i] != 0);
		for (int j = 0; j < i; j++)
			assert_true(fids[i] != fids[j]);
	}
	struct ms_folder *inbox, *cal, *rem;
	assert_int_equal(ms_folder_open(f->mb, fids[MS_SPECIAL_INBOX], f->mem, &inbox), ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_folder_object(inbox), PidTagDisplayName);
	assert_string_equal(v.value.str, "Posteingang");
	v = get1(f->mem, ms_folder_object(inbox), PidTagParentFolderId);
	assert_int_equal(v.value.i64, fids[MS_SPECIAL_IPM_SUBTREE]);
	assert_int_equal(ms_folder_open(f->mb, fids[MS_SPECIAL_CALENDAR], f->mem, &cal), ecSuccess);
	v = get1(f->mem, ms_folder_object(cal), PidTagContainerClass);
	assert_string_equal(v.value.str, "IPF.Appointment");
	assert_int_equal(ms_folder_open(f->mb, fids[MS_SPECIAL_REMINDERS], f->mem, &rem), ecSuccess);
	v = get1(f->mem, ms_folder_object(rem), PidTagFolderType);
	assert_int_equal(v.value.i32, MS_FOLDER_SEARCH);
	/* the Calendar's entry ID on Root and Inbox is the Calendar's own */
	struct mapi_propval own = get1(f->mem, ms_folder_object(cal), PidTagEntryId);
	struct ms_folder *targets[2] = {f->root, inbox};
	for (int i = 0; i < 2; i++) {
		v = get1(f->mem, ms_folder_object(targets[i]), PidTagIpmAppointmentEntryId);
		assert_int_equal(v.value.bin.len, own.value.bin.len);
		assert_memory_equal(v.value.bin.data, own.value.bin.data, own.value.bin.len);
		v = get1(f->mem, ms_folder_object(targets[i]), PidTagAdditionalRenEntryIds);
		assert_int_equal(v.value.mv.count, 5);
	}
	struct ms_folder *junk;
	assert_int_equal(ms_folder_open(f->mb, fids[MS_SPECIAL_JUNK], f->mem, &junk), ecSuccess);
	own = get1(f->mem, ms_folder_object(junk), PidTagEntryId);
	assert_memory_equal(v.value.mv.bin[4].data, own.value.bin.data, own.value.bin.len);
	uint64_t fid;
	assert_int_equal(ms_receive_folder_get(f->mb, "IPM.Note", f->mem, &fid, NULL), ecSuccess);
	assert_int_equal(fid, fids[MS_SPECIAL_INBOX]);
	assert_int_equal(ms_receive_folder_get(f->mb, "IPC.Foo", f->mem, &fid, NULL), ecSuccess);
	assert_int_equal(fid, fids[MS_SPECIAL_ROOT]);
	check_clean(f->mb);
}

static void test_move_copy_messages(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *a, *b;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "A", NULL, false, &a, NULL), ecSuccess);
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "B", NULL, false, &b, NULL), ecSuccess);
	uint64_t mids[2] = {new_message(a, "one", 1), new_message(a, "two", 2)}, out[2];
	bool partial;
	assert_int_equal(ms_folder_move_copy_messages(a, b, mids, 1, true, out, &partial), ecSuccess);
	assert_true(out[0] != mids[0]);
	assert_int_equal(ms_folder_move_copy_messages(a, b, mids + 1, 1, false, out + 1, &partial),
	                 ecSuccess);
	assert_true(out[1] != mids[1]);
	struct ms_message *m;
	assert_int_equal(ms_message_open(a, mids[1], MS_OPEN_READONLY, &m), ecNotFound);
	assert_int_equal(ms_message_open(b, out[1], MS_OPEN_READONLY, &m), ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_message_object(m), PidTagSubject);
	assert_string_equal(v.value.str, "two");
	v = get1(f->mem, ms_message_object(m), PidTagFolderId);
	assert_int_equal(v.value.i64, ms_folder_get_id(b));
	assert_int_equal(ms_message_open(a, mids[0], MS_OPEN_READONLY, &m), ecSuccess);
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_get_counts(b, &c), ecSuccess);
	assert_int_equal(c.content, 2);
	check_clean(f->mb);
}

static void test_recipients(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	struct mapi_propval p0[2] = {{.tag = PidTagDisplayName, .value.str = "Alice"},
	                             {.tag = PidTagRecipientType, .value.i32 = 1}};
	struct mapi_propval p1[1] = {{.tag = PidTagDisplayName, .value.str = "Bob"}};
	struct ms_recipient rows[2] = {{0, 2, p0}, {1, 1, p1}};
	assert_int_equal(ms_message_modify_recipients(m, rows, 2), ecSuccess);
	/* the recipient table shows the message object's recipients, saved or not */
	struct ms_table *pending;
	uint32_t pn;
	assert_int_equal(ms_message_recipient_table(m, &pending), ecSuccess);
	assert_int_equal(ms_table_get_row_count(pending, &pn), ecSuccess);
	assert_int_equal(pn, 2);
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	struct ms_message *r;
	assert_int_equal(ms_message_open(f->root, ms_message_get_id(m), MS_OPEN_READWRITE, &r), ecSuccess);
	struct ms_recipient *out;
	uint32_t n;
	assert_int_equal(ms_message_read_recipients(r, 0, f->mem, &out, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_int_equal(out[1].row_id, 1);
	assert_string_equal(out[1].props[0].value.str, "Bob");
	assert_int_equal(ms_message_read_recipients(r, 1, f->mem, &out, &n), ecSuccess);
	assert_int_equal(n, 1);
	/* an empty row deletes */
	struct ms_recipient del = {0, 0, NULL};
	assert_int_equal(ms_message_modify_recipients(r, &del, 1), ecSuccess);
	assert_int_equal(ms_message_read_recipients(r, 0, f->mem, &out, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_int_equal(out[0].row_id, 1);
	assert_int_equal(ms_message_save(r, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	/* recipient table over the stored rows, with a restriction */
	struct ms_table *t;
	assert_int_equal(ms_message_recipient_table(r, &t), ecSuccess);
	uint32_t cols[2] = {PidTagRowid, PidTagDisplayName};
	assert_int_equal(ms_table_set_columns(t, cols, 2), ecSuccess);
	struct mapi_property_row *tr;
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &tr, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_string_equal(tr[0].values[1].pv.value.str, "Bob");
	assert_int_equal(ms_message_remove_all_recipients(r), ecSuccess);
	assert_int_equal(ms_message_read_recipients(r, 0, f->mem, &out, &n), ecNotFound);
	assert_int_equal(ms_message_save(r, 0), ecSuccess);
	check_clean(f->mb);
}

static void test_attachments_and_embedded(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	set_str(ms_message_object(m), PidTagSubject, "outer");
	struct ms_attachment *a;
	uint32_t num;
	assert_int_equal(ms_attachment_create(m, &a, &num), ecSuccess);
	struct mapi_propval data = {.tag = PidTagAttachDataBinary, .value.bin = {5, (uint8_t *)"hello"}};
	struct mapi_propproblem *pp;
	uint32_t n;
	assert_int_equal(ms_props_set(ms_attachment_object(a), &data, 1, f->mem, &pp, &n), ecSuccess);
	/* not in the message before the attachment's save */
	struct ms_attachment *x;
	assert_int_equal(ms_attachment_open(m, num, MS_OPEN_READONLY, &x), ecNotFound);
	assert_int_equal(ms_attachment_save(a), ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_message_object(m), PidTagHasAttachments);
	assert_true(v.value.b);
	/* MS-OXCMSG 3.2.5.14: saved into the message, so the message's attachment table has it before the
	 * message is saved */
	struct ms_table *pt;
	uint32_t cnt;
	assert_int_equal(ms_message_attachment_table(m, &pt), ecSuccess);
	uint32_t pcols[2] = {PidTagAttachNumber, PidTagAttachDataBinary};
	assert_int_equal(ms_table_set_columns(pt, pcols, 2), ecSuccess);
	struct mapi_property_row *prow;
	assert_int_equal(ms_table_query_rows(pt, f->mem, 10, true, false, &prow, &cnt), ecSuccess);
	assert_int_equal(cnt, 1);
	assert_int_equal(prow[0].values[1].pv.value.bin.len, 5);
	/* an embedded message in a second attachment */
	struct ms_attachment *a2;
	uint32_t num2;
	assert_int_equal(ms_attachment_create(m, &a2, &num2), ecSuccess);
	assert_int_equal(ms_attachment_get_num(a2), num2);
	assert_true(num2 != num);
	assert_true(num2 != num);
	struct ms_message *e;
	assert_int_equal(ms_attachment_open_embedded(a2, MS_OPEN_READONLY, &e), ecNotFound);
	assert_int_equal(ms_attachment_open_embedded(a2, MS_OPEN_CREATE | MS_OPEN_READWRITE, &e), ecSuccess);
	set_str(ms_message_object(e), PidTagSubject, "inner");
	assert_int_equal(ms_message_save(e, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	assert_int_equal(ms_attachment_save(a2), ecSuccess);
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	uint64_t mid = ms_message_get_id(m);
	talloc_free(m);

	struct ms_message *r;
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &r), ecSuccess);
	struct ms_attachment *ra;
	assert_int_equal(ms_attachment_open(r, num, MS_OPEN_READONLY, &ra), ecSuccess);
	v = get1(f->mem, ms_attachment_object(ra), PidTagAttachDataBinary);
	assert_int_equal(v.value.bin.len, 5);
	assert_memory_equal(v.value.bin.data, "hello", 5);
	assert_int_equal(ms_attachment_open(r, num2, MS_OPEN_READWRITE, &ra), ecSuccess);
	v = get1(f->mem, ms_attachment_object(ra), PidTagAttachMethod);
	assert_int_equal(v.value.i32, 5);
	assert_int_equal(ms_attachment_open_embedded(ra, MS_OPEN_READONLY, &e), ecSuccess);
	v = get1(f->mem, ms_message_object(e), PidTagSubject);
	assert_string_equal(v.value.str, "inner");
	/* attachment table */
	struct ms_table *t;
	assert_int_equal(ms_message_attachment_table(r, &t), ecSuccess);
	uint32_t cols[2] = {PidTagAttachNumber, PidTagAttachMethod};
	assert_int_equal(ms_table_set_columns(t, cols, 2), ecSuccess);
	struct mapi_property_row *rows;
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_int_equal(rows[1].values[1].pv.value.i32, 5);
	/* a copy of the message copies attachments and the embedded message */
	struct ms_folder *dst;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "dst", NULL, false, &dst, NULL),
	                 ecSuccess);
	uint64_t copy;
	bool partial;
	assert_int_equal(ms_folder_move_copy_messages(f->root, dst, &mid, 1, true, &copy, &partial),
	                 ecSuccess);
	check_clean(f->mb);
	/* delete an attachment */
	assert_int_equal(ms_attachment_delete(r, num), ecSuccess);
	assert_int_equal(ms_message_save(r, 0), ecSuccess);
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READONLY, &r), ecSuccess);
	assert_int_equal(ms_attachment_open(r, num, MS_OPEN_READONLY, &ra), ecNotFound);
	assert_int_equal(ms_message_open(dst, copy, MS_OPEN_READONLY, &r), ecSuccess);
	assert_int_equal(ms_attachment_open(r, num, MS_OPEN_READONLY, &ra), ecSuccess);
	bool p2;
	assert_int_equal(ms_folder_delete_messages(dst, &copy, 1, true, &p2), ecSuccess);
	check_clean(f->mb);
}

static void test_named_properties(void **state)
{
	struct fixture *f = *state;
	struct mapi_propname a = {.kind = MNID_ID, .guid = replguid, .lid = 0x8233};
	struct mapi_propname b = {.kind = MNID_STRING, .guid = replguid, .name = "Keywords"};
	uint16_t ia, ib, again;
	assert_int_equal(ms_named_get_id(f->mb, &a, false, &ia), ecNotFound);
	assert_int_equal(ms_named_get_id(f->mb, &a, true, &ia), ecSuccess);
	assert_int_equal(ms_named_get_id(f->mb, &b, true, &ib), ecSuccess);
	assert_true(ia >= 0x8000 && ib >= 0x8000 && ia != ib);
	assert_int_equal(ms_named_get_id(f->mb, &a, false, &again), ecSuccess);
	assert_int_equal(again, ia);
	struct mapi_propname back;
	assert_int_equal(ms_named_get_name(f->mb, ib, f->mem, &back), ecSuccess);
	assert_int_equal(back.kind, MNID_STRING);
	assert_string_equal(back.name, "Keywords");
	/* stable across reopen */
	talloc_free(f->mb);
	assert_int_equal(ms_mailbox_open(f, f->uri, &f->mb), ecSuccess);
	assert_int_equal(ms_named_get_id(f->mb, &b, false, &again), ecSuccess);
	assert_int_equal(again, ib);
	/* PS_MAPI names are the tagged IDs */
	struct mapi_propname mapi = {
	        .kind = MNID_ID, .guid = {0x00020328, 0, 0, {0xC0, 0, 0, 0, 0, 0, 0, 0x46}}, .lid = 0x0037};
	assert_int_equal(ms_named_get_id(f->mb, &mapi, true, &again), ecSuccess);
	assert_int_equal(again, 0x0037);
	/* the 0x7FFF limit */
	uint32_t ec = ecSuccess;
	assert_int_equal(ms_mailbox_begin_batch(f->mb), ecSuccess);
	for (uint32_t i = 0; i < 0x7FFF && ec == ecSuccess; i++) {
		struct mapi_propname x = {.kind = MNID_ID, .guid = mbguid, .lid = i};
		ec = ms_named_get_id(f->mb, &x, true, &again);
	}
	assert_int_equal(ec, ecNPQuotaExceeded);
	assert_int_equal(ms_mailbox_end_batch(f->mb, true), ecSuccess);
	f->root = NULL;
}

/* ms_named_list: every registered name by ascending ID, numeric and string ones */
static void test_named_list(void **state)
{
	struct fixture *f = *state;
	uint16_t *ids;
	struct mapi_propname *names;
	uint32_t n;
	assert_int_equal(ms_named_list(f->mb, f->mem, &ids, &names, &n), ecSuccess);
	assert_int_equal(n, 0);
	struct mapi_propname a = {.kind = MNID_STRING, .guid = replguid, .name = "Alpha"};
	struct mapi_propname b = {.kind = MNID_ID, .guid = mbguid, .lid = 0x8501};
	uint16_t ia, ib;
	assert_int_equal(ms_named_get_id(f->mb, &a, true, &ia), ecSuccess);
	assert_int_equal(ms_named_get_id(f->mb, &b, true, &ib), ecSuccess);
	assert_int_equal(ms_named_list(f->mb, f->mem, &ids, &names, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_int_equal(ids[0], ia);
	assert_int_equal(ids[1], ib);
	assert_true(ia < ib);
	assert_int_equal(names[0].kind, MNID_STRING);
	assert_string_equal(names[0].name, "Alpha");
	assert_true(wc_guid_equal(&names[0].guid, &replguid));
	assert_int_equal(names[1].kind, MNID_ID);
	assert_int_equal(names[1].lid, 0x8501);
	assert_true(wc_guid_equal(&names[1].guid, &mbguid));
}

/* The store object of a logon (MS-OXCSTOR 2.2.2.1): computed special-folder entry IDs and owner, read-only
 * ones refused as problems, read/write ones persisted at once and there after reopening. */
static void test_store_object(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(ms_mailbox_provision(f->mb, "en"), ecSuccess);
	uint64_t fids[MS_SPECIAL_COUNT];
	assert_int_equal(ms_mailbox_special_folders(f->mb, fids), ecSuccess);
	struct mapi_binary owner = {3, (uint8_t *)"\x01\x02\x03"};
	struct ms_object *so;
	assert_int_equal(ms_mailbox_object(f->mb, f->mem, "Alice", &owner, &so), ecSuccess);

	const uint32_t tags[] = {
	        PidTagIpmSubtreeEntryId, PidTagIpmWastebasketEntryId,
	        PidTagMailboxOwnerName,  PROP_TAG(PT_UNSPECIFIED, PROP_ID(PidTagUserEntryId)),
	        PidTagComment,           PidTagContentCount,
	        PidTagObjectType};
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(so, f->mem, tags, 7, &v), ecSuccess);
	struct mapi_binary want;
	assert_int_equal(ms_folder_entryid(f->mem, f->mb, fids[MS_SPECIAL_IPM_SUBTREE], &want), ecSuccess);
	assert_int_equal(v[0].tag, PidTagIpmSubtreeEntryId);
	assert_int_equal(v[0].value.bin.len, want.len);
	assert_memory_equal(v[0].value.bin.data, want.data, want.len);
	assert_int_equal(ms_folder_entryid(f->mem, f->mb, fids[MS_SPECIAL_DELETED_ITEMS], &want), ecSuccess);
	assert_memory_equal(v[1].value.bin.data, want.data, want.len);
	assert_int_equal(v[2].tag, PidTagMailboxOwnerName);
	assert_string_equal(v[2].value.str, "Alice");
	assert_int_equal(v[3].tag, PidTagUserEntryId);
	assert_int_equal(v[3].value.bin.len, 3);
	assert_int_equal(v[4].tag, CHANGE_PROP_TYPE(PidTagComment, PT_ERROR));
	assert_int_equal(v[4].value.err, ecNotFound);
	assert_int_equal(v[5].tag, PidTagContentCount);
	assert_int_equal(v[5].value.i32, 0);
	assert_int_equal(v[6].value.i32, 1); /* MAPI_STORE */

	/* a message saved anywhere counts in the mailbox-wide PidTagContentCount */
	struct ms_folder *inbox;
	struct ms_message *m;
	assert_int_equal(ms_folder_open(f->mb, fids[MS_SPECIAL_INBOX], f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_create(inbox, false, &m), ecSuccess);
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	assert_int_equal(ms_props_get(so, f->mem, &tags[5], 1, &v), ecSuccess);
	assert_int_equal(v[0].value.i32, 1);

	/* set: a read-only one is a problem (index 1), the others are kept */
	struct mapi_propval set[] = {
	        {.tag = PidTagComment, .value.str = "my mailbox"},
	        {.tag = PidTagIpmSubtreeEntryId, .value.bin = {1, (uint8_t *)"x"}},
	        {.tag = PidTagOutOfOfficeState, .value.b = true},
	        {.tag = PidTagMessageSizeExtended, .value.i64 = 5},
	};
	struct mapi_propproblem *pp;
	uint32_t np;
	assert_int_equal(ms_props_set(so, set, 4, f->mem, &pp, &np), ecSuccess);
	assert_int_equal(np, 2);
	assert_int_equal(pp[0].index, 1);
	assert_int_equal(pp[0].error, ecAccessDenied);
	assert_int_equal(pp[1].index, 3);
	assert_int_equal(pp[1].tag, PidTagMessageSizeExtended);

	/* persisted: a new store object of a reopened mailbox has them */
	talloc_free(f->mb);
	f->root = NULL;
	assert_int_equal(ms_mailbox_open(f, f->uri, &f->mb), ecSuccess);
	assert_int_equal(ms_mailbox_object(f->mb, f->mem, NULL, NULL, &so), ecSuccess);
	const uint32_t back[] = {PROP_TAG(PT_STRING8, PROP_ID(PidTagComment)), PidTagOutOfOfficeState,
	                         PidTagMailboxOwnerName};
	assert_int_equal(ms_props_get(so, f->mem, back, 3, &v), ecSuccess);
	assert_int_equal(v[0].tag, back[0]);
	assert_string_equal(v[0].value.str, "my mailbox");
	assert_int_equal(v[1].tag, PidTagOutOfOfficeState);
	assert_true(v[1].value.b);
	assert_int_equal(PROP_TYPE(v[2].tag), PT_ERROR); /* no owner given this time */

	/* all and list: computed ones and the bag */
	struct mapi_propval *all;
	uint32_t n;
	assert_int_equal(ms_props_get_all(so, f->mem, &all, &n), ecSuccess);
	bool comment = false, subtree = false;
	for (uint32_t i = 0; i < n; i++) {
		comment |= all[i].tag == PidTagComment;
		subtree |= all[i].tag == PidTagIpmSubtreeEntryId;
		assert_true(PROP_TYPE(all[i].tag) != PT_ERROR);
	}
	assert_true(comment && subtree);

	/* delete: gone at once; a computed one cannot be deleted */
	const uint32_t del[] = {PidTagComment, PidTagFinderEntryId};
	assert_int_equal(ms_props_delete(so, del, 2, f->mem, &pp, &np), ecSuccess);
	assert_int_equal(np, 1);
	assert_int_equal(pp[0].index, 1);
	assert_int_equal(ms_props_get(so, f->mem, del, 1, &v), ecSuccess);
	assert_int_equal(v[0].value.err, ecNotFound);

	/* no streams on a store object */
	struct ms_stream *st;
	assert_int_equal(ms_stream_open(so, PidTagComment, MS_STREAM_READWRITE, &st), ecNotSupported);
}

static void test_receive_folders(void **state)
{
	struct fixture *f = *state;
	uint64_t root = ms_folder_get_id(f->root), fid;
	char *cls;
	assert_int_equal(ms_receive_folder_get(f->mb, "IPM.Note", f->mem, &fid, &cls), ecNotFound);
	assert_int_equal(ms_receive_folder_set(f->mb, "", root), ecSuccess);
	assert_int_equal(ms_receive_folder_set(f->mb, "IPM.Note", 0x1234), ecSuccess);
	assert_int_equal(ms_receive_folder_get(f->mb, "IPM.Note.Custom", f->mem, &fid, &cls), ecSuccess);
	assert_int_equal(fid, 0x1234);
	assert_string_equal(cls, "IPM.Note");
	assert_int_equal(ms_receive_folder_get(f->mb, "IPM.NoteX", f->mem, &fid, &cls), ecSuccess);
	assert_int_equal(fid, root);
	assert_string_equal(cls, "");
	assert_int_equal(ms_receive_folder_set(f->mb, "", 0), ecError);
	struct ms_receive_folder *rows;
	uint32_t n;
	assert_int_equal(ms_receive_folder_table(f->mb, f->mem, &rows, &n), ecSuccess);
	assert_int_equal(n, 2);
}

/* The per-user data table (MS-OXCSTOR 3.2.1, 3.2.5.13.2): a row per public folder LongTermID, replaced by a
 * later set; folders lists the LongTermIDs of one REPLGUID; a version-1 mailbox file gets the table when it
 * is opened (schema upgrade). */
static void test_per_user(void **state)
{
	struct fixture *f = *state;
	const struct wc_guid pub1 = {
	        0x73AE44D8, 0x61F9, 0x4F5D, {0xB3, 0xC6, 0x9A, 0x7C, 0x31, 0xFE, 0xC1, 0x23}};
	const struct wc_guid pub2 = {0x01020304, 0x0506, 0x0708, {9, 10, 11, 12, 13, 14, 15, 16}};
	struct ms_per_user a = {
	        .replguid = pub1, .data = (uint8_t *)"\x06\x00\x00\x00\x78\x2B\x33\x00", .len = 8};
	memset(a.folder, 0xA1, sizeof a.folder);
	struct ms_per_user b = {.replguid = pub1, .data = (uint8_t *)"", .len = 0};
	memset(b.folder, 0xB2, sizeof b.folder);
	struct ms_per_user got, *rows;
	uint32_t n;
	assert_int_equal(ms_per_user_get(f->mb, a.folder, f->mem, &got), ecNotFound);
	assert_int_equal(ms_per_user_folders(f->mb, &pub1, f->mem, &rows, &n), ecSuccess);
	assert_int_equal(n, 0);
	assert_int_equal(ms_per_user_set(f->mb, &a), ecSuccess);
	assert_int_equal(ms_per_user_set(f->mb, &b), ecSuccess);
	assert_int_equal(ms_per_user_get(f->mb, a.folder, f->mem, &got), ecSuccess);
	assert_memory_equal(got.folder, a.folder, sizeof a.folder);
	assert_true(wc_guid_equal(&got.replguid, &pub1));
	assert_int_equal(got.len, 8);
	assert_memory_equal(got.data, a.data, 8);
	assert_true(got.modification_time > 0);
	assert_int_equal(ms_per_user_get(f->mb, b.folder, f->mem, &got), ecSuccess);
	assert_int_equal(got.len, 0);
	assert_int_equal(ms_per_user_folders(f->mb, &pub1, f->mem, &rows, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_memory_equal(rows[0].folder, a.folder, sizeof a.folder);
	assert_memory_equal(rows[1].folder, b.folder, sizeof b.folder);
	/* a later write replaces the row, REPLGUID and data */
	a.replguid = pub2;
	a.len = 3;
	assert_int_equal(ms_per_user_set(f->mb, &a), ecSuccess);
	assert_int_equal(ms_per_user_get(f->mb, a.folder, f->mem, &got), ecSuccess);
	assert_true(wc_guid_equal(&got.replguid, &pub2));
	assert_int_equal(got.len, 3);
	assert_int_equal(ms_per_user_folders(f->mb, &pub1, f->mem, &rows, &n), ecSuccess);
	assert_int_equal(n, 1);
	check_clean(f->mb);

	/* the same file as schema version 1 (no per_user table) is upgraded when opened */
	talloc_free(f->root);
	talloc_free(f->mb);
	char *cmd = talloc_asprintf(f->mem,
	                            "sqlite3 %s/mbox.db \"DROP TABLE per_user; UPDATE meta SET value = 1"
	                            " WHERE key = 'schema_version'\"",
	                            f->dir);
	if (system(cmd) != 0)
		skip(); /* no sqlite3 shell */
	assert_int_equal(ms_mailbox_open(f, f->uri, &f->mb), ecSuccess);
	struct ms_mailbox_info info;
	ms_mailbox_get_info(f->mb, &info);
	assert_int_equal(ms_folder_open(f->mb, info.root_fid, f, &f->root), ecSuccess);
	assert_int_equal(ms_per_user_get(f->mb, a.folder, f->mem, &got), ecNotFound);
	assert_int_equal(ms_per_user_set(f->mb, &b), ecSuccess);
	assert_int_equal(ms_per_user_get(f->mb, b.folder, f->mem, &got), ecSuccess);
}

/* A PtypString8 stream of a string property: its 8-bit (UTF-8) text goes back to the stored PtypString on
 * commit, also when large (a blob converted piece by piece: a 4-byte character across the UTF-16 chunk
 * border, a 2-byte one across the UTF-8 one), and reads back the same through PtypString8 and as UTF-16. */
static void test_stream_string8_large(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	enum { N = 65535 + 4 + 65532 + 2 + 1 };
	char *text = talloc_size(f->mem, N + 1);
	memset(text, 'a', 65535);
	memcpy(text + 65535, "\xF0\x9F\x98\x80", 4); /* U+1F600: UTF-16 D83D DE00 at bytes 131070..131073 */
	memset(text + 65539, 'b', 65532);
	memcpy(text + 131071, "\xC3\xA9", 2); /* U+00E9 at UTF-8 bytes 131071..131072 */
	text[131073] = 'c';
	text[N] = '\0';
	uint32_t body8 = CHANGE_PROP_TYPE(PidTagBody, PT_STRING8), n;
	struct ms_stream *s;
	assert_int_equal(ms_stream_open(ms_message_object(m), body8, MS_STREAM_CREATE, &s), ecSuccess);
	assert_int_equal(ms_stream_write(s, text, N, &n), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	talloc_free(s);
	uint64_t size;
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagBody, MS_STREAM_READ, &s), ecSuccess);
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	assert_int_equal(size, 2 * (N - 3)); /* 4 bytes -> 2 units, 2 bytes -> 1 unit */
	uint8_t *u16 = talloc_size(f->mem, size);
	assert_int_equal(ms_stream_read(s, u16, (uint32_t)size, &n), ecSuccess);
	assert_int_equal(n, size);
	assert_memory_equal(u16 + 131070, "\x3D\xD8\x00\xDE", 4);
	talloc_free(s);
	assert_int_equal(ms_stream_open(ms_message_object(m), body8, MS_STREAM_READ, &s), ecSuccess);
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	assert_int_equal(size, N);
	char *back = talloc_size(f->mem, N);
	assert_int_equal(ms_stream_read(s, back, N, &n), ecSuccess);
	assert_int_equal(n, N);
	assert_memory_equal(back, text, N);
	talloc_free(s);
	/* a PtypString8 ReadWrite stream starts from that text; a commit of it leaves the value as it was */
	assert_int_equal(ms_stream_open(ms_message_object(m), body8, MS_STREAM_READWRITE, &s), ecSuccess);
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	assert_int_equal(size, N);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_END, -1, NULL), ecSuccess);
	assert_int_equal(ms_stream_write(s, "d", 1, &n), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	talloc_free(s);
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagBody, MS_STREAM_READ, &s), ecSuccess);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_END, -2, NULL), ecSuccess);
	assert_int_equal(ms_stream_read(s, u16, 10, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_memory_equal(u16, "d\0", 2);
	talloc_free(s);
	/* bytes that are no UTF-8 do not make a string */
	assert_int_equal(ms_stream_open(ms_message_object(m), body8, MS_STREAM_CREATE, &s), ecSuccess);
	memset(text, 0xFF, 40000);
	assert_int_equal(ms_stream_write(s, text, 40000, &n), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecPropBadValue);
	talloc_set_destructor(s, NULL);
	talloc_free(s);
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	check_clean(f->mb);
}

/* Sparse streams: growing a stream (SetStreamSize, or a write beyond the end) writes no zeros, yet they read
 * back as zeros, also after commit and save; the consistency check accepts the blob; content restrictions
 * see the zeros (a needle after a gap is found at its place). */
static void test_stream_sparse(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	struct ms_stream *s;
	uint32_t n;
	uint64_t size;
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_CREATE, &s), ecSuccess);
	assert_int_equal(ms_stream_write(s, "abc", 3, &n), ecSuccess);
	assert_int_equal(ms_stream_set_size(s, 0x80000000u), ecSuccess); /* 2 GiB: no time, no space */
	assert_int_equal(ms_stream_seek(s, MS_SEEK_SET, 300000, NULL), ecSuccess);
	assert_int_equal(ms_stream_write(s, "needle", 6, &n), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	talloc_free(s);
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	check_clean(f->mb);
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_READ, &s), ecSuccess);
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	assert_int_equal(size, 0x80000000u);
	uint8_t buf[16];
	assert_int_equal(ms_stream_read(s, buf, 8, &n), ecSuccess);
	assert_memory_equal(buf, "abc\0\0\0\0\0", 8);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_SET, 299998, NULL), ecSuccess);
	assert_int_equal(ms_stream_read(s, buf, 10, &n), ecSuccess);
	assert_memory_equal(buf, "\0\0needle\0\0", 10);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_END, -4, NULL), ecSuccess);
	assert_int_equal(ms_stream_read(s, buf, 16, &n), ecSuccess);
	assert_int_equal(n, 4);
	assert_memory_equal(buf, "\0\0\0\0", 4);
	talloc_free(s);
	/* cut to 300004 ("need"): a content restriction finds "need" but not "needle" */
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_READWRITE, &s),
	                 ecSuccess);
	assert_int_equal(ms_stream_set_size(s, 300004), ecSuccess);
	talloc_free(s);
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	check_clean(f->mb);
	struct ms_table *t;
	uint32_t count;
	for (int i = 0; i < 3; i++) {
		static const char *needles[] = {"need", "needle", "\0\0\0n"};
		static const uint32_t lens[] = {4, 6, 4}, want[] = {1, 0, 1};
		struct mapi_restriction r = {.type = RES_CONTENT};
		r.content.fuzzy_level = FL_SUBSTRING;
		r.content.proptag = PidTagHtml;
		r.content.pv = (struct mapi_propval){.tag = PidTagHtml,
		                                     .value.bin = {lens[i], (uint8_t *)needles[i]}};
		assert_int_equal(ms_folder_contents_table(f->root, 0, &t), ecSuccess);
		assert_int_equal(ms_table_restrict(t, &r), ecSuccess);
		assert_int_equal(ms_table_get_row_count(t, &count), ecSuccess);
		assert_int_equal(count, want[i]);
		talloc_free(t);
	}
}

/* 50 MB through a stream: chunked both ways, intact after save and reopen. */
static void test_stream_50mb(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	struct ms_stream *s;
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_CREATE, &s), ecSuccess);
	enum { TOTAL = 50 * 1024 * 1024, PIECE = 65536 + 7 };
	uint8_t *buf = malloc(PIECE);
	uint64_t written = 0;
	while (written < TOTAL) {
		uint32_t n = TOTAL - written < PIECE ? (uint32_t)(TOTAL - written) : PIECE, w;
		for (uint32_t i = 0; i < n; i++)
			buf[i] = (uint8_t)((written + i) * 2654435761u >> 13);
		assert_int_equal(ms_stream_write(s, buf, n, &w), ecSuccess);
		assert_int_equal(w, n);
		written += n;
	}
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	talloc_free(s);
	/* too large for GetProperties: the error of MS-OXCPRPT 3.2.5.1 */
	struct mapi_propval v = get1(f->mem, ms_message_object(m), PidTagHtml);
	assert_int_equal(PROP_TYPE(v.tag), PT_ERROR);
	assert_int_equal(v.value.err, ecNotEnoughMemory);
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	uint64_t mid = ms_message_get_id(m);
	talloc_free(m);
	assert_int_equal(ms_message_open(f->root, mid, MS_OPEN_READWRITE, &m), ecSuccess);
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_READ, &s), ecSuccess);
	uint64_t size, pos;
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	assert_int_equal(size, TOTAL);
	uint64_t got = 0;
	for (;;) {
		uint32_t n;
		assert_int_equal(ms_stream_read(s, buf, PIECE, &n), ecSuccess);
		if (n == 0)
			break;
		for (uint32_t i = 0; i < n; i++)
			if (buf[i] != (uint8_t)((got + i) * 2654435761u >> 13))
				fail_msg("byte %llu differs", (unsigned long long)(got + i));
		got += n;
	}
	assert_int_equal(got, TOTAL);
	/* seek and overwrite in the middle of a chunk border, truncate */
	talloc_free(s);
	/* a property not set opens with MS_STREAM_CREATE only (MS-OXCPRPT 2.2.14.1, 3.2.5.11) */
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagRtfCompressed, MS_STREAM_READWRITE, &s),
	                 ecNotFound);
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_READWRITE, &s),
	                 ecSuccess);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_SET, 131072 - 2, &pos), ecSuccess);
	uint32_t w;
	assert_int_equal(ms_stream_write(s, "ABCD", 4, &w), ecSuccess);
	assert_int_equal(ms_stream_set_size(s, 131074), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_CUR, -1000000000, &pos), 0x80030019);
	talloc_free(s);
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_READ, &s), ecSuccess);
	assert_int_equal(ms_stream_get_size(s, &size), ecSuccess);
	assert_int_equal(size, 131074);
	assert_int_equal(ms_stream_seek(s, MS_SEEK_END, -4, &pos), ecSuccess);
	uint32_t n;
	assert_int_equal(ms_stream_read(s, buf, 10, &n), ecSuccess);
	assert_int_equal(n, 4);
	assert_memory_equal(buf, "ABCD", 4);
	talloc_free(s);
	/* cut to a small size: an ordinary value again */
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_READWRITE, &s),
	                 ecSuccess);
	assert_int_equal(ms_stream_set_size(s, 10), ecSuccess);
	talloc_free(s);
	v = get1(f->mem, ms_message_object(m), PidTagHtml);
	assert_int_equal(v.tag, PidTagHtml);
	assert_int_equal(v.value.bin.len, 10);
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	free(buf);
	check_clean(f->mb);
}

static void test_stream_string_utf16(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	set_str(ms_message_object(m), PidTagBody, "hé");
	struct ms_stream *s;
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagBody, MS_STREAM_READ, &s), ecSuccess);
	uint8_t buf[16];
	uint32_t n;
	assert_int_equal(ms_stream_read(s, buf, sizeof buf, &n), ecSuccess);
	assert_int_equal(n, 4); /* UTF-16LE, no terminator */
	assert_memory_equal(buf, "h\0\xe9\0", 4);
	assert_int_equal(ms_stream_write(s, buf, 1, &n), ecAccessDenied);
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagSubject, MS_STREAM_READ, &s), ecNotFound);
}

/* RopGetPropertiesList (MS-OXCPRPT 3.2.5.2) names a value too large for GetProperties with its own type,
 * before and after the save (GetPropertiesAll gives it as PT_ERROR). */
static void test_props_list_large_value(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	struct ms_stream *s;
	static uint8_t big[40000];
	uint32_t w;
	assert_int_equal(ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_CREATE, &s), ecSuccess);
	assert_int_equal(ms_stream_write(s, big, sizeof big, &w), ecSuccess);
	assert_int_equal(ms_stream_commit(s), ecSuccess);
	talloc_free(s);
	for (int saved = 0; saved < 2; saved++) {
		uint32_t *tags, n;
		bool found = false;
		assert_int_equal(ms_props_list(ms_message_object(m), f->mem, &tags, &n), ecSuccess);
		for (uint32_t i = 0; i < n; i++) {
			found |= tags[i] == PidTagHtml;
			assert_int_not_equal(PROP_TYPE(tags[i]), PT_ERROR);
		}
		assert_true(found);
		assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	}
}

/* MS-OXCMSG 2.2.1.46: a message whose subject is set alone gets PidTagNormalizedSubject equal to it; with a
 * PidTagSubjectPrefix the normalized subject is the rest; one set explicitly is kept. */
static void test_normalized_subject(void **state)
{
	struct fixture *f = *state;
	struct ms_message *m;
	assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
	struct ms_object *o = ms_message_object(m);
	set_str(o, PidTagSubject, "Lunch");
	struct mapi_propval v = get1(f->mem, o, PidTagNormalizedSubject);
	assert_string_equal(v.value.str, "Lunch");
	set_str(o, PidTagSubjectPrefix, "RE: ");
	set_str(o, PidTagSubject, "RE: Lunch on Friday");
	assert_int_equal(ms_message_save(m, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	v = get1(f->mem, o, PidTagNormalizedSubject);
	assert_string_equal(v.value.str, "Lunch on Friday");
	struct mapi_propval both[] = {{.tag = PidTagSubject, .value.str = "FW: x"},
	                              {.tag = PidTagNormalizedSubject, .value.str = "chosen"}};
	struct mapi_propproblem *problems;
	uint32_t nproblems;
	assert_int_equal(ms_props_set(o, both, 2, f->mem, &problems, &nproblems), ecSuccess);
	v = get1(f->mem, o, PidTagNormalizedSubject);
	assert_string_equal(v.value.str, "chosen");
}

/* Contents table: sort, restriction (inside SQL), positions, seek, bookmarks, find. */
static void test_contents_table(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *inbox;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "Inbox", NULL, false, &inbox, NULL),
	                 ecSuccess);
	const char *subjects[6] = {"apple", "Banana", "cherry", "date", "Apple pie", "elder"};
	uint64_t mids[6];
	for (int i = 0; i < 6; i++)
		mids[i] = new_message(inbox, subjects[i], 1000 + (uint64_t)i * 10);
	/* an FAI message does not appear in the normal table */
	struct ms_message *fai;
	assert_int_equal(ms_message_create(inbox, true, &fai), ecSuccess);
	assert_int_equal(ms_message_save(fai, 0), ecSuccess);
	struct ms_table *t;
	assert_int_equal(ms_folder_contents_table(inbox, 0, &t), ecSuccess);
	uint32_t cols[3] = {PidTagMid, PidTagSubject, PidTagMessageDeliveryTime};
	assert_int_equal(ms_table_set_columns(t, cols, 3), ecSuccess);
	struct mapi_sort_order so = {
	        .type = PT_SYSTIME, .id = PROP_ID(PidTagMessageDeliveryTime), .order = TABLE_SORT_DESCEND};
	struct mapi_sort_order_set sort = {.count = 1, .orders = &so};
	assert_int_equal(ms_table_sort(t, &sort), ecSuccess);
	uint32_t count;
	assert_int_equal(ms_table_get_row_count(t, &count), ecSuccess);
	assert_int_equal(count, 6);
	struct mapi_property_row *rows;
	uint32_t n;
	assert_int_equal(ms_table_query_rows(t, f->mem, 2, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].values[0].pv.value.i64, mids[5]);
	assert_string_equal(rows[1].values[1].pv.value.str, "Apple pie");
	uint32_t num, den;
	assert_int_equal(ms_table_query_position(t, &num, &den), ecSuccess);
	assert_int_equal(num, 2);
	assert_int_equal(den, 6);
	/* backward: the rows before the position, in table order */
	assert_int_equal(ms_table_query_rows(t, f->mem, 5, false, false, &rows, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_int_equal(rows[0].values[0].pv.value.i64, mids[5]);
	/* bookmark on row 2 ("date"), seek */
	struct mapi_binary bm;
	assert_int_equal(ms_table_create_bookmark(t, f->mem, &bm), ecSuccess);
	int32_t moved;
	bool less, gone;
	assert_int_equal(ms_table_seek_row(t, MS_BOOKMARK_END, -1, &moved, &less), ecSuccess);
	assert_int_equal(moved, -1);
	assert_int_equal(ms_table_seek_row(t, MS_BOOKMARK_CURRENT, 5, &moved, &less), ecSuccess);
	assert_int_equal(moved, 1);
	assert_true(less);
	assert_int_equal(ms_table_seek_bookmark(t, &bm, 0, &gone, &moved, &less), ecSuccess);
	assert_false(gone);
	assert_int_equal(ms_table_query_rows(t, f->mem, 1, true, false, &rows, &n), ecSuccess);
	assert_string_equal(rows[0].values[1].pv.value.str, "date");
	/* the bookmarked row goes (after a new row came before it): the row that followed it is there */
	bool partial;
	new_message(inbox, "newest", 2000);
	assert_int_equal(ms_folder_delete_messages(inbox, &mids[3], 1, true, &partial), ecSuccess);
	assert_int_equal(ms_table_seek_bookmark(t, &bm, 0, &gone, &moved, &less), ecSuccess);
	assert_true(gone);
	assert_int_equal(ms_table_query_rows(t, f->mem, 1, true, false, &rows, &n), ecSuccess);
	assert_string_equal(rows[0].values[1].pv.value.str, "cherry");
	assert_int_equal(ms_table_free_bookmark(t, &bm), ecSuccess);
	assert_int_equal(ms_table_free_bookmark(t, &bm), ecInvalidBookmark);
	/* content restriction, case-insensitive substring: "apple", "Apple pie" */
	struct mapi_restriction res = {.type = RES_CONTENT};
	res.content.fuzzy_level = FL_SUBSTRING | FL_IGNORECASE;
	res.content.proptag = PidTagSubject;
	res.content.pv = (struct mapi_propval){.tag = PidTagSubject, .value.str = "APPLE"};
	assert_int_equal(ms_table_restrict(t, &res), ecSuccess);
	assert_int_equal(ms_table_get_row_count(t, &count), ecSuccess);
	assert_int_equal(count, 2);
	/* NOT of a property restriction over a missing property is true (not NULL) */
	struct mapi_restriction prop = {.type = RES_PROPERTY};
	prop.property.relop = RELOP_EQ;
	prop.property.proptag = PidTagBody;
	prop.property.pv = (struct mapi_propval){.tag = PidTagBody, .value.str = "x"};
	struct mapi_restriction not = {.type = RES_NOT, .not_.res = &prop};
	assert_int_equal(ms_table_restrict(t, &not ), ecSuccess);
	assert_int_equal(ms_table_get_row_count(t, &count), ecSuccess);
	assert_int_equal(count, 6);
	/* AND of a time range and a prefix */
	struct mapi_restriction parts[2] = {{.type = RES_PROPERTY}, {.type = RES_CONTENT}};
	parts[0].property.relop = RELOP_GE;
	parts[0].property.proptag = PidTagMessageDeliveryTime;
	parts[0].property.pv = (struct mapi_propval){.tag = PidTagMessageDeliveryTime, .value.time = 1020};
	parts[1].content.fuzzy_level = FL_PREFIX;
	parts[1].content.proptag = PidTagSubject;
	parts[1].content.pv = (struct mapi_propval){.tag = PidTagSubject, .value.str = "e"};
	struct mapi_restriction and = {.type = RES_AND, .and_or = {2, parts}};
	assert_int_equal(ms_table_restrict(t, &and), ecSuccess);
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].values[1].pv.value.str, "elder");
	/* exists / bitmask / mid equality */
	struct mapi_restriction mid = {.type = RES_PROPERTY};
	mid.property.relop = RELOP_EQ;
	mid.property.proptag = PidTagMid;
	mid.property.pv = (struct mapi_propval){.tag = PidTagMid, .value.i64 = (int64_t)mids[2]};
	assert_int_equal(ms_table_restrict(t, &mid), ecSuccess);
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 1);
	assert_string_equal(rows[0].values[1].pv.value.str, "cherry");
	struct mapi_restriction cnt = {.type = RES_COUNT};
	assert_int_equal(ms_table_restrict(t, &cnt), ecTooComplex);
	/* FindRow from the beginning */
	assert_int_equal(ms_table_restrict(t, NULL), ecSuccess);
	struct mapi_property_row found;
	assert_int_equal(ms_table_find_row(t, &res, MS_BOOKMARK_BEGINNING, NULL, false, f->mem, &found),
	                 ecSuccess);
	assert_string_equal(found.values[1].pv.value.str, "Apple pie");
	assert_int_equal(ms_table_query_position(t, &num, &den), ecSuccess);
	assert_int_equal(num, 2); /* newest, elder, Apple pie */
	assert_int_equal(ms_table_seek_row(t, MS_BOOKMARK_CURRENT, 1, &moved, &less), ecSuccess);
	assert_int_equal(ms_table_find_row(t, &res, MS_BOOKMARK_CURRENT, NULL, false, f->mem, &found),
	                 ecSuccess);
	assert_string_equal(found.values[1].pv.value.str, "apple");
	assert_int_equal(ms_table_seek_row(t, MS_BOOKMARK_CURRENT, 1, &moved, &less), ecSuccess);
	assert_int_equal(ms_table_find_row(t, &res, MS_BOOKMARK_CURRENT, NULL, false, f->mem, &found),
	                 ecNotFound);
	assert_int_equal(ms_table_find_row(t, &res, MS_BOOKMARK_END, NULL, true, f->mem, &found), ecSuccess);
	assert_string_equal(found.values[1].pv.value.str, "apple");
	/* the FAI table */
	struct ms_table *ft;
	assert_int_equal(ms_folder_contents_table(inbox, MS_TABLE_ASSOCIATED, &ft), ecSuccess);
	assert_int_equal(ms_table_get_row_count(ft, &count), ecSuccess);
	assert_int_equal(count, 1);
}

/* Multi-column sort and a multi-valued column expanded with MVI_FLAG (MS-OXCTABL 2.2.2.1.1). */
static void test_sort_multi_and_mvi(void **state)
{
	struct fixture *f = *state;
	const uint32_t keywords = PROP_TAG(PT_MV_UNICODE, 0x8010);
	const char *cats[3][2] = {{"red", "blue"}, {"green", NULL}, {NULL, NULL}};
	for (int i = 0; i < 3; i++) {
		struct ms_message *m;
		assert_int_equal(ms_message_create(f->root, false, &m), ecSuccess);
		set_str(ms_message_object(m), PidTagSubject, i == 2 ? "b" : "a");
		set_i64(ms_message_object(m), PidTagMessageDeliveryTime, 10 + i);
		if (cats[i][0] != NULL) {
			char *list[2] = {(char *)cats[i][0], (char *)cats[i][1]};
			struct mapi_propval pv = {.tag = keywords};
			pv.value.mv.count = cats[i][1] ? 2 : 1;
			pv.value.mv.str = list;
			struct mapi_propproblem *pp;
			uint32_t n;
			assert_int_equal(ms_props_set(ms_message_object(m), &pv, 1, f->mem, &pp, &n),
			                 ecSuccess);
		}
		assert_int_equal(ms_message_save(m, 0), ecSuccess);
	}
	struct ms_table *t;
	assert_int_equal(ms_folder_contents_table(f->root, 0, &t), ecSuccess);
	uint32_t cols[3] = {PidTagSubject, PidTagMessageDeliveryTime, keywords};
	assert_int_equal(ms_table_set_columns(t, cols, 3), ecSuccess);
	struct mapi_sort_order so[2] = {{PT_UNICODE, PROP_ID(PidTagSubject), TABLE_SORT_DESCEND},
	                                {PT_SYSTIME, PROP_ID(PidTagMessageDeliveryTime), TABLE_SORT_ASCEND}};
	struct mapi_sort_order_set sort = {.count = 2, .orders = so};
	assert_int_equal(ms_table_sort(t, &sort), ecSuccess);
	struct mapi_property_row *rows;
	uint32_t n;
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 3);
	assert_string_equal(rows[0].values[0].pv.value.str, "b");
	assert_int_equal(rows[1].values[1].pv.value.time, 10);
	assert_int_equal(rows[1].values[2].pv.value.mv.count, 2);
	assert_string_equal(rows[1].values[2].pv.value.mv.str[1], "blue");
	assert_int_equal(rows[0].flag, MAPI_ROW_FLAGGED);
	assert_int_equal(rows[0].values[2].flag, MAPI_VALUE_NOT_PRESENT);
	/* MVI: one row per value, sorted by the value */
	const uint32_t kw_mvi = keywords | MVI_FLAG;
	uint32_t cols2[2] = {PidTagSubject, kw_mvi};
	assert_int_equal(ms_table_set_columns(t, cols2, 2), ecSuccess);
	struct mapi_sort_order mso = {PT_MV_UNICODE | MVI_FLAG, 0x8010, TABLE_SORT_ASCEND};
	struct mapi_sort_order_set msort = {.count = 1, .orders = &mso};
	assert_int_equal(ms_table_sort(t, &msort), ecSuccess);
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 4); /* red, blue, green, and the message without values */
	assert_int_equal(rows[0].values[1].flag, MAPI_VALUE_NOT_PRESENT);
	assert_string_equal(rows[1].values[1].pv.value.str, "blue");
	assert_int_equal(rows[1].values[1].pv.tag, PROP_TAG(PT_UNICODE, 0x8010));
	assert_string_equal(rows[3].values[1].pv.value.str, "red");
	/* one expanded column at a time; a refused change leaves the table as it was */
	uint32_t two[2] = {kw_mvi, PROP_TAG(PT_MV_LONG | MVI_FLAG, 0x8011)};
	assert_int_equal(ms_table_set_columns(t, two, 2), ecNotSupported);
	assert_int_equal(ms_table_seek_row(t, MS_BOOKMARK_BEGINNING, 0, NULL, NULL), ecSuccess);
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, false, &rows, &n), ecSuccess);
	assert_int_equal(n, 4);
	/* a restriction on a multi-valued property matches any value */
	struct mapi_restriction r = {.type = RES_PROPERTY};
	r.property.relop = RELOP_EQ;
	r.property.proptag = keywords;
	r.property.pv = (struct mapi_propval){.tag = PROP_TAG(PT_UNICODE, 0x8010), .value.str = "GREEN"};
	assert_int_equal(ms_table_restrict(t, &r), ecSuccess);
	uint32_t count;
	assert_int_equal(ms_table_get_row_count(t, &count), ecSuccess);
	assert_int_equal(count, 1);
}

static void test_hierarchy_table(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *a, *b, *c;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "A", NULL, false, &a, NULL), ecSuccess);
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "B", NULL, false, &b, NULL), ecSuccess);
	assert_int_equal(ms_folder_create(a, MS_FOLDER_GENERIC, "A1", NULL, false, &c, NULL), ecSuccess);
	new_message(a, "m", 1);
	struct ms_table *t;
	assert_int_equal(ms_folder_hierarchy_table(f->root, 0, &t), ecSuccess);
	uint32_t cols[4] = {PidTagDisplayName, PidTagContentCount, PidTagSubfolders, PidTagDepth};
	assert_int_equal(ms_table_set_columns(t, cols, 4), ecSuccess);
	struct mapi_sort_order so = {PT_UNICODE, PROP_ID(PidTagDisplayName), TABLE_SORT_ASCEND};
	struct mapi_sort_order_set sort = {.count = 1, .orders = &so};
	assert_int_equal(ms_table_sort(t, &sort), ecSuccess);
	struct mapi_property_row *rows;
	uint32_t n;
	assert_int_equal(ms_table_query_rows(t, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 2);
	assert_string_equal(rows[0].values[0].pv.value.str, "A");
	assert_int_equal(rows[0].values[1].pv.value.i32, 1);
	assert_true(rows[0].values[2].pv.value.b);
	assert_false(rows[1].values[2].pv.value.b);
	struct ms_table *deep;
	assert_int_equal(ms_folder_hierarchy_table(f->root, MS_TABLE_DEPTH, &deep), ecSuccess);
	assert_int_equal(ms_table_set_columns(deep, cols, 4), ecSuccess);
	assert_int_equal(ms_table_sort(deep, &sort), ecSuccess);
	assert_int_equal(ms_table_query_rows(deep, f->mem, 10, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 3);
	assert_string_equal(rows[1].values[0].pv.value.str, "A1");
	assert_int_equal(rows[1].values[3].pv.value.i32, 2);
	/* soft-deleted folders are listed only with SoftDeletes */
	bool partial;
	assert_int_equal(ms_folder_delete(f->root, ms_folder_get_id(b), 0, &partial), ecSuccess);
	uint32_t count;
	assert_int_equal(ms_table_get_row_count(t, &count), ecSuccess);
	assert_int_equal(count, 1);
	struct ms_table *soft;
	assert_int_equal(ms_folder_hierarchy_table(f->root, MS_TABLE_SOFT_DELETES, &soft), ecSuccess);
	assert_int_equal(ms_table_get_row_count(soft, &count), ecSuccess);
	assert_int_equal(count, 1);
}

/* MS-OXCTABL 3.2.5.2, 3.2.5.3, 3.2.5.13, 3.2.5.16: the kind of a table, its column set (none before a
 * successful set_columns, none after a failed one or a reset), bookmarks dropped by sort, restrict and reset,
 * and the columns a table can be queried for. */
static void test_table_columns_reset(void **state)
{
	struct fixture *f = *state;
	struct ms_folder *inbox;
	assert_int_equal(ms_folder_create(f->root, MS_FOLDER_GENERIC, "Inbox", NULL, false, &inbox, NULL),
	                 ecSuccess);
	uint64_t mids[3];
	for (int i = 0; i < 3; i++)
		mids[i] = new_message(inbox, i == 1 ? "b" : "a", 100 + (uint64_t)i);
	struct ms_message *m;
	assert_int_equal(ms_message_open(inbox, mids[2], MS_OPEN_READWRITE, &m), ecSuccess);
	set_str(ms_message_object(m), PROP_TAG(PT_UNICODE, 0x3FFA), "last modifier");
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	struct ms_table *t, *h;
	assert_int_equal(ms_folder_contents_table(inbox, 0, &t), ecSuccess);
	assert_int_equal(ms_folder_hierarchy_table(f->root, 0, &h), ecSuccess);
	assert_int_equal(ms_table_get_kind(t), MS_TABLE_CONTENTS);
	assert_int_equal(ms_table_get_kind(h), MS_TABLE_HIERARCHY);
	const uint32_t *cols;
	uint32_t ncols;
	assert_int_equal(ms_table_get_columns(t, &cols, &ncols), ecNullObject);
	uint32_t want[2] = {PidTagMid, PidTagSubject};
	assert_int_equal(ms_table_set_columns(t, want, 2), ecSuccess);
	assert_int_equal(ms_table_get_columns(t, &cols, &ncols), ecSuccess);
	assert_int_equal(ncols, 2);
	assert_int_equal(cols[1], PidTagSubject);
	/* two different expanded multi-valued columns fail: no column set afterwards */
	uint32_t two_mvi[2] = {PROP_TAG(PT_MV_UNICODE | MVI_FLAG, 0x8001),
	                       PROP_TAG(PT_MV_LONG | MVI_FLAG, 0x8002)};
	assert_int_equal(ms_table_set_columns(t, two_mvi, 2), ecNotSupported);
	assert_int_equal(ms_table_get_columns(t, &cols, &ncols), ecNullObject);
	assert_int_equal(ms_table_set_columns(t, want, 2), ecSuccess);
	uint32_t bad[3] = {PidTagMid, PROP_TAG(PT_ERROR, 0x0037), PROP_TAG(PT_UNSPECIFIED, 0x0037)};
	assert_int_equal(ms_table_set_columns(t, bad, 2), ecInvalidParam);
	assert_int_equal(ms_table_get_columns(t, &cols, &ncols), ecNullObject);
	assert_int_equal(ms_table_set_columns(t, bad + 2, 1), ecInvalidParam);
	assert_int_equal(ms_table_set_columns(t, want, 2), ecSuccess);

	/* a bookmark does not survive a sort, a restriction or a reset */
	struct mapi_sort_order so = {PT_UNICODE, PROP_ID(PidTagSubject), TABLE_SORT_DESCEND};
	struct mapi_sort_order_set sort = {.count = 1, .orders = &so};
	struct mapi_binary bm;
	bool gone, less;
	int32_t moved;
	assert_int_equal(ms_table_create_bookmark(t, f->mem, &bm), ecSuccess);
	assert_int_equal(ms_table_sort(t, &sort), ecSuccess);
	assert_int_equal(ms_table_seek_bookmark(t, &bm, 0, &gone, &moved, &less), ecInvalidBookmark);
	assert_int_equal(ms_table_create_bookmark(t, f->mem, &bm), ecSuccess);
	assert_int_equal(ms_table_restrict(t, NULL), ecSuccess);
	assert_int_equal(ms_table_free_bookmark(t, &bm), ecInvalidBookmark);
	struct mapi_restriction res = {.type = RES_EXIST, .exist.proptag = PidTagSubject};
	assert_int_equal(ms_table_restrict(t, &res), ecSuccess);
	assert_int_equal(ms_table_seek_row(t, MS_BOOKMARK_BEGINNING, 1, NULL, NULL), ecSuccess);
	assert_int_equal(ms_table_create_bookmark(t, f->mem, &bm), ecSuccess);
	struct mapi_property_row *rows;
	uint32_t n;
	assert_int_equal(ms_table_query_rows(t, f->mem, 3, true, false, &rows, &n), ecSuccess);
	assert_int_equal(n, 2); /* sorted by subject descending: "b" first, the position after it */

	/* reset: no columns, no sort (MID order), no restriction, no bookmarks, at the beginning */
	assert_int_equal(ms_table_reset(t), ecSuccess);
	assert_int_equal(ms_table_get_columns(t, &cols, &ncols), ecNullObject);
	assert_int_equal(ms_table_seek_bookmark(t, &bm, 0, &gone, &moved, &less), ecInvalidBookmark);
	uint32_t num, den;
	assert_int_equal(ms_table_query_position(t, &num, &den), ecSuccess);
	assert_int_equal(num, 0);
	assert_int_equal(den, 3);
	uint32_t mid_col = PidTagMid;
	assert_int_equal(ms_table_set_columns(t, &mid_col, 1), ecSuccess);
	assert_int_equal(ms_table_query_rows(t, f->mem, 3, true, true, &rows, &n), ecSuccess);
	assert_int_equal(n, 3);
	for (int i = 0; i < 3; i++)
		assert_int_equal(rows[i].values[0].pv.value.i64, mids[i]);

	/* every computed column of a contents table, and the stored property of one row, once each */
	uint32_t *all, nall;
	assert_int_equal(ms_table_query_columns_all(t, f->mem, &all, &nall), ecSuccess);
	bool has_mid = false, has_subject = false, has_stored = false;
	for (uint32_t i = 0; i < nall; i++) {
		has_mid |= all[i] == PidTagMid;
		has_subject |= all[i] == PidTagSubject;
		has_stored |= all[i] == PROP_TAG(PT_UNICODE, 0x3FFA);
		for (uint32_t j = 0; j < i; j++)
			assert_int_not_equal(PROP_ID(all[i]), PROP_ID(all[j]));
	}
	assert_true(has_mid && has_subject && has_stored);
	/* a hierarchy table lists folder columns, not message ones */
	assert_int_equal(ms_table_query_columns_all(h, f->mem, &all, &nall), ecSuccess);
	bool has_name = false;
	for (uint32_t i = 0; i < nall; i++) {
		has_name |= all[i] == PidTagDisplayName;
		assert_int_not_equal(all[i], PidTagMid);
	}
	assert_true(has_name);
}

/* A mailbox through the dispatcher, with one folder mounted on a second database. */
static void test_dispatcher(void **state)
{
	struct fixture *f = *state;
	char *dpath = talloc_asprintf(f->mem, "%s/dispatcher.db", f->dir);
	char *root = talloc_asprintf(f->mem, "sqlite://%s/bob.db", f->dir);
	char *other = talloc_asprintf(f->mem, "sqlite://%s/bob-archive.db", f->dir);
	struct ms_dispatcher *d;
	assert_int_equal(ms_dispatcher_open(f->mem, dpath, &d), ecSuccess);
	assert_int_equal(ms_dispatcher_create_mailbox(d, "bob", root, &mbguid, &replguid), ecSuccess);
	assert_int_equal(ms_dispatcher_create_mailbox(d, "bob", root, &mbguid, &replguid), ecDuplicateObject);
	struct ms_mailbox *mb;
	assert_int_equal(ms_dispatcher_open_mailbox(d, f->mem, "bob", &mb), ecSuccess);
	struct ms_mailbox_info info;
	ms_mailbox_get_info(mb, &info);
	struct ms_folder *r, *arch, *sub;
	assert_int_equal(ms_folder_open(mb, info.root_fid, f->mem, &r), ecSuccess);
	assert_int_equal(ms_folder_create(r, MS_FOLDER_GENERIC, "Archive", NULL, false, &arch, NULL),
	                 ecSuccess);
	uint64_t afid = ms_folder_get_id(arch);
	assert_int_equal(ms_dispatcher_mount(mb, afid, other), ecSuccess);
	assert_int_equal(ms_folder_open(mb, afid, f->mem, &arch), ecSuccess);
	assert_int_equal(ms_folder_create(arch, MS_FOLDER_GENERIC, "2024", NULL, false, &sub, NULL),
	                 ecSuccess);
	uint64_t mid = new_message(sub, "archived", 7);
	char *uri;
	assert_int_equal(ms_dispatcher_lookup(d, "bob", mid, f->mem, &uri), ecSuccess);
	assert_string_equal(uri, other);
	assert_int_equal(ms_dispatcher_lookup(d, "bob", afid, f->mem, &uri), ecSuccess);
	assert_string_equal(uri, other);
	/* reopen: routes come back from the dispatcher */
	talloc_free(mb);
	assert_int_equal(ms_dispatcher_open_mailbox(d, f->mem, "bob", &mb), ecSuccess);
	struct ms_folder *s2;
	assert_int_equal(ms_folder_open(mb, ms_folder_get_id(sub), f->mem, &s2), ecSuccess);
	struct ms_message *m;
	assert_int_equal(ms_message_open(s2, mid, MS_OPEN_READONLY, &m), ecSuccess);
	struct mapi_propval v = get1(f->mem, ms_message_object(m), PidTagSubject);
	assert_string_equal(v.value.str, "archived");
	/* IDs are global across the mailbox's backends */
	assert_int_equal(ms_folder_open(mb, info.root_fid, f->mem, &r), ecSuccess);
	uint64_t rootmsg = new_message(r, "in root", 8);
	assert_true(mapi_fid_globcnt(rootmsg) != mapi_fid_globcnt(mid));
	check_clean(mb);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_ids_unique_and_increasing, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_folders, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_message_save_and_conflict, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_two_contexts, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_read_flags_and_counts, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_message_status, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_search_folder, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_move_copy_messages, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_recipients, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_attachments_and_embedded, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_named_properties, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_named_list, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_store_object, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_receive_folders, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_per_user, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_stream_50mb, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_stream_string_utf16, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_stream_string8_large, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_stream_sparse, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_props_list_large_value, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_normalized_subject, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_contents_table, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_sort_multi_and_mvi, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_hierarchy_table, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_table_columns_reset, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_dispatcher, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_provision, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
