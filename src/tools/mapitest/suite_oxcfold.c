/* mapitest OXCFOLD: the Folder Object protocol (MS-OXCFOLD 3.2.5): opening, creating, deleting, moving and
 * copying folders, emptying them, moving, copying and deleting messages, and the row counts of the
 * hierarchy and contents tables that show the result. Every test works in its own folder. */
#include "mt_server.h"

#include "mapi/mapi_ids.h"

static uint32_t hierarchy_count(struct mt *t, struct mapi_object *folder)
{
	struct mapi_object *table;
	uint32_t n = 0;
	mt_rop(t, "RopGetHierarchyTable", mapi_get_hierarchy_table(folder, 0, t->mem, &table, &n));
	talloc_free(table);
	return n;
}

static uint32_t contents_count(struct mt *t, struct mapi_object *folder, uint8_t flags)
{
	struct mapi_object *table;
	uint32_t n = 0;
	mt_rop(t, "RopGetContentsTable", mapi_get_contents_table(folder, flags, t->mem, &table, &n));
	talloc_free(table);
	return n;
}

static struct mapi_object *subfolder(struct mt *t, struct mapi_object *parent, const char *name,
                                     uint64_t *fid)
{
	struct mapi_object *f;
	mt_rop(t, "RopCreateFolder", mapi_create_folder(parent, name, "", false, t->mem, &f, fid));
	return f;
}

/* 3.2.5.1: every special folder of the logon opens */
static void test_open_special_folders(struct mt *t)
{
	struct mapi_object *store = mt_store(t);
	for (unsigned i = 0; i < LOGON_FOLDER_COUNT; i++) {
		struct mapi_object *f;
		uint32_t ec = mapi_open_folder(store, mapi_store_folder_id(store, i), t->mem, &f);
		if (ec != ecSuccess)
			mt_fail(t, "RopOpenFolder of FolderIds[%u]: expected ecSuccess, got %s", i,
			        mapi_err_name(ec));
		talloc_free(f);
	}
}

/* 3.2.5.1: a FID that names no folder is ecNotFound */
static void test_open_folder_not_found(struct mt *t)
{
	struct mapi_object *store = mt_store(t), *f;
	uint64_t inbox = mapi_store_folder_id(store, LOGON_FID_INBOX);
	uint64_t none = mapi_fid_make((uint16_t)(inbox & 0xFFFF), 0x7FFFFFFFFF00ULL);
	mt_eq_ec(t, "RopOpenFolder of an unused FID", mapi_open_folder(store, none, t->mem, &f), ecNotFound);
}

/* 3.2.5.2: a new folder gets a FID of the mailbox's REPLID and opens */
static void test_create_folder(struct mt *t)
{
	uint64_t fid = 0;
	mt_folder(t, &fid);
	struct mapi_object *store = mt_store(t), *f;
	mt_true(t, fid != 0, "FolderId: expected a FID, got 0");
	mt_eq(t, "REPLID of the new FID", fid & 0xFFFF, mapi_store_logon_info(store)->repl_id);
	mt_rop(t, "RopOpenFolder of the new folder", mapi_open_folder(store, fid, t->mem, &f));
}

/* 3.2.5.2: a second folder of the same name fails with ecDuplicateName unless OpenExisting is set; with it
 * the existing folder is opened (IsExistingFolder nonzero, the same FID) */
static void test_create_folder_duplicate(struct mt *t)
{
	uint64_t parent_fid, fid;
	struct mapi_object *parent = mt_folder(t, &parent_fid);
	subfolder(t, parent, "twin", &fid);
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_CREATE_FOLDER, parent);
	r->create_folder.folder_type = FOLDER_GENERIC;
	r->create_folder.use_unicode = 1;
	r->create_folder.display_name = (char *)"twin";
	r->create_folder.comment = (char *)"";
	mt_send(t, b, ecDuplicateName);
	r = mt_req(t, &b, ROP_CREATE_FOLDER, parent);
	r->create_folder.folder_type = FOLDER_GENERIC;
	r->create_folder.use_unicode = 1;
	r->create_folder.open_existing = 1;
	r->create_folder.display_name = (char *)"TWIN";
	r->create_folder.comment = (char *)"";
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_true(t, p->create_folder.is_existing_folder != 0, "IsExistingFolder: expected nonzero, got 0");
	mt_eq(t, "FolderId of the existing folder", p->create_folder.folder_id, fid);
}

/* MS-OXCFOLD 3.2.5.13: the hierarchy table of a folder has one row per subfolder */
static void test_hierarchy_table_count(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	mt_eq(t, "RowCount of a new folder's hierarchy table", hierarchy_count(t, f), 0);
	subfolder(t, f, "one", NULL);
	subfolder(t, f, "two", NULL);
	mt_eq(t, "RowCount after two RopCreateFolder", hierarchy_count(t, f), 2);
}

/* 3.2.5.14: the contents table has one row per (normal) message; associated messages are in the
 * associated contents table only */
static void test_contents_table_count(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *fai;
	mt_eq(t, "RowCount of an empty folder", contents_count(t, f, 0), 0);
	mt_message(t, f, NULL);
	mt_message(t, f, NULL);
	mt_message(t, f, NULL);
	mt_rop(t, "RopCreateMessage (associated)", mapi_create_message(f, true, t->mem, &fai));
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(fai, SAVE_KEEP_OPEN_READ_WRITE, NULL));
	mt_eq(t, "RowCount after three messages", contents_count(t, f, 0), 3);
	mt_eq(t, "RowCount of the associated contents table", contents_count(t, f, TABLE_FLAG_ASSOCIATED), 1);
}

/* 3.2.5.3: a hard-deleted folder can no longer be opened */
static void test_delete_folder(struct mt *t)
{
	uint64_t fid;
	struct mapi_object *f = mt_folder(t, NULL);
	subfolder(t, f, "doomed", &fid);
	mt_rop(t, "RopDeleteFolder",
	       mapi_delete_folder(f, fid, DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE));
	struct mapi_object *gone;
	mt_eq_ec(t, "RopOpenFolder of the deleted folder", mapi_open_folder(mt_store(t), fid, t->mem, &gone),
	         ecNotFound);
	mt_eq(t, "RowCount of the parent's hierarchy table", hierarchy_count(t, f), 0);
}

/* 3.2.5.3: without DEL_MESSAGES a folder holding messages is not deleted: ReturnValue 0, PartialCompletion
 * TRUE; likewise without DEL_FOLDERS for a folder holding subfolders */
static void test_delete_folder_partial(struct mt *t)
{
	uint64_t fid;
	struct mapi_object *f = mt_folder(t, NULL);
	struct mapi_object *full = subfolder(t, f, "full", &fid);
	mt_message(t, full, NULL);
	subfolder(t, full, "child", NULL);
	static const uint8_t flags[] = {DEL_FOLDERS | DELETE_HARD_DELETE, DEL_MESSAGES | DELETE_HARD_DELETE};
	for (int i = 0; i < 2; i++) {
		struct mapi_batch *b;
		struct rop_request *r = mt_req(t, &b, ROP_DELETE_FOLDER, f);
		r->delete_folder.delete_folder_flags = flags[i];
		r->delete_folder.folder_id = fid;
		const struct rop_response *p = mt_send(t, b, ecSuccess);
		mt_true(t, p->delete_folder.partial_completion != 0,
		        "PartialCompletion (flags 0x%02X): expected TRUE", flags[i]);
		mt_eq(t, "folders left in the parent", hierarchy_count(t, f), 1);
	}
	mt_eq(t, "messages left in the folder", contents_count(t, full, 0), 1);
}

/* 3.2.5.11: RopDeleteMessages removes exactly the listed messages */
static void test_delete_messages(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mids[2] = {mt_message(t, f, NULL), mt_message(t, f, NULL)};
	mt_message(t, f, NULL);
	mt_rop(t, "RopDeleteMessages", mapi_delete_messages(f, 2, mids, false));
	mt_eq(t, "RowCount after deleting two of three", contents_count(t, f, 0), 1);
	struct mapi_object *m;
	mt_eq_ec(t, "RopOpenMessage of a deleted message",
	         mapi_open_message(f, mapi_object_id(f), mids[0], OPEN_READ_ONLY, t->mem, &m, NULL),
	         ecNotFound);
}

/* 3.2.5.12: RopHardDeleteMessages likewise */
static void test_hard_delete_messages(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	uint64_t mid = mt_message(t, f, NULL);
	mt_rop(t, "RopHardDeleteMessages", mapi_delete_messages(f, 1, &mid, true));
	mt_eq(t, "RowCount after RopHardDeleteMessages", contents_count(t, f, 0), 0);
}

/* 3.2.5.6: WantCopy nonzero copies (the source keeps the message), zero moves */
static void test_move_copy_messages(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	struct mapi_object *src = subfolder(t, f, "src", NULL), *dst = subfolder(t, f, "dst", NULL);
	uint64_t mid = mt_message(t, src, NULL);
	mt_rop(t, "RopMoveCopyMessages (copy)", mapi_move_copy_messages(src, dst, 1, &mid, true));
	mt_eq(t, "source RowCount after the copy", contents_count(t, src, 0), 1);
	mt_eq(t, "destination RowCount after the copy", contents_count(t, dst, 0), 1);
	mt_rop(t, "RopMoveCopyMessages (move)", mapi_move_copy_messages(src, dst, 1, &mid, false));
	mt_eq(t, "source RowCount after the move", contents_count(t, src, 0), 0);
	mt_eq(t, "destination RowCount after the move", contents_count(t, dst, 0), 2);
}

/* 3.2.5.7: RopMoveFolder takes the folder, with its messages and FID, from one parent to the other;
 * 3.2.5.8: RopCopyFolder leaves it where it is and makes a new folder under the destination */
static void run_move_copy_folder(struct mt *t)
{
	bool copy = t->test->arg != NULL;
	uint64_t fid;
	struct mapi_object *f = mt_folder(t, NULL);
	struct mapi_object *a = subfolder(t, f, "a", NULL), *b = subfolder(t, f, "b", NULL);
	mt_message(t, subfolder(t, a, "travelling", &fid), NULL);
	if (copy)
		mt_rop(t, "RopCopyFolder", mapi_copy_folder(a, b, fid, "copy", true));
	else
		mt_rop(t, "RopMoveFolder", mapi_move_folder(a, b, fid, "moved"));
	mt_eq(t, "subfolders of the source parent", hierarchy_count(t, a), copy ? 1 : 0);
	mt_eq(t, "subfolders of the destination parent", hierarchy_count(t, b), 1);
	struct mapi_object *same;
	mt_rop(t, "RopOpenFolder of the FID", mapi_open_folder(mt_store(t), fid, t->mem, &same));
	mt_eq(t, "messages of the folder of that FID", contents_count(t, same, 0), 1);
}

/* 3.2.5.9: RopEmptyFolder removes the messages and subfolders, not the folder */
static void test_empty_folder(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL);
	mt_message(t, f, NULL);
	mt_message(t, f, NULL);
	subfolder(t, f, "sub", NULL);
	mt_rop(t, "RopEmptyFolder", mapi_empty_folder(f));
	mt_eq(t, "messages after RopEmptyFolder", contents_count(t, f, 0), 0);
	mt_eq(t, "subfolders after RopEmptyFolder", hierarchy_count(t, f), 0);
}

/* 3.2.5.1: RopOpenFolder on a Message object is ecNotSupported (here the code the spec names, not a skip) */
static void test_open_folder_on_message(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m, *g;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	mt_eq_ec(t, "RopOpenFolder on a message",
	         mapi_open_folder(m, mapi_store_folder_id(mt_store(t), LOGON_FID_INBOX), t->mem, &g),
	         ecNotSupported);
}

#define T(name, clause, fn)                                                                                  \
	{                                                                                                    \
		"OXCFOLD", name, clause, fn, NULL                                                            \
	}

static const struct mt_test tests[] = {
        T("open_special_folders", "MS-OXCFOLD 3.2.5.1", test_open_special_folders),
        T("open_folder_not_found", "MS-OXCFOLD 3.2.5.1", test_open_folder_not_found),
        T("open_folder_on_message", "MS-OXCFOLD 3.2.5.1", test_open_folder_on_message),
        T("create_folder", "MS-OXCFOLD 3.2.5.2", test_create_folder),
        T("create_folder_duplicate_name", "MS-OXCFOLD 3.2.5.2", test_create_folder_duplicate),
        T("hierarchy_table_row_count", "MS-OXCFOLD 3.2.5.13", test_hierarchy_table_count),
        T("contents_table_row_count", "MS-OXCFOLD 3.2.5.14", test_contents_table_count),
        T("delete_folder", "MS-OXCFOLD 3.2.5.3", test_delete_folder),
        T("delete_folder_partial_completion", "MS-OXCFOLD 3.2.5.3", test_delete_folder_partial),
        T("delete_messages", "MS-OXCFOLD 3.2.5.11", test_delete_messages),
        T("hard_delete_messages", "MS-OXCFOLD 3.2.5.12", test_hard_delete_messages),
        T("move_copy_messages", "MS-OXCFOLD 3.2.5.6", test_move_copy_messages),
        {"OXCFOLD", "move_folder", "MS-OXCFOLD 3.2.5.7", run_move_copy_folder, NULL},
        {"OXCFOLD", "copy_folder", "MS-OXCFOLD 3.2.5.8", run_move_copy_folder, "copy"},
        T("empty_folder", "MS-OXCFOLD 3.2.5.9", test_empty_folder),
};

MT_TEST_LIST(mt_suite_oxcfold, tests);
