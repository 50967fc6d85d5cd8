/* src/client/object.c, highlevel.c, stream.c against the scripted server (libmapi_script.h): the ROP input
 * buffers the object calls send, checked against bytes built from the MS-OXCROPS field tables (2.2.3.1.1
 * RopLogon, 2.2.4.1.1 RopOpenFolder, 2.2.4.13.1 RopGetHierarchyTable, 2.2.5.1.1 RopSetColumns, 2.2.5.4.1
 * RopQueryRows, 2.2.8.6.1 RopSetProperties, 2.2.15.3 RopRelease), and the results they make of hand-built
 * responses (2.2.3.1.2 private-mailbox RopLogon response, rows of 2.2.5.4.2 over the columns set). */
#include "libmapi_script.h"

#define USER_DN "/o=First Organization/ou=First Administrative Group/CN=recipients/CN=janedow"

/* The response stream of an Execute whose ROP output buffer w holds. */
static void add_execute(struct server *sv, TALLOC_CTX *mem, const struct wc_writer *w)
{
	size_t len;
	assert_int_equal(wc_writer_status(w), 0);
	uint8_t *stream = execute_stream(mem, w->data, (uint16_t)w->len, &len);
	add(sv, 200, "X-ResponseCode: 0\r\n", stream, len);
}

/* RopSize, then the ROPs of w, then the handle table: a whole ROP output buffer (MS-OXCROPS 2.2.1). */
static void rop_buffer(struct wc_writer *out, TALLOC_CTX *mem, const struct wc_writer *rops,
                       const uint32_t *handles, size_t n)
{
	wc_writer_init(out, mem, 0);
	wc_write_u16(out, (uint16_t)(2 + rops->len));
	wc_write_bytes(out, rops->data, rops->len);
	for (size_t i = 0; i < n; i++)
		wc_write_u32(out, handles[i]);
}

static void test_logon_list_folders_and_release(void **state)
{
	TALLOC_CTX *mem = *state;
	struct server sv = {.mem = mem};
	size_t connect_len;
	const uint8_t *connect =
	        tu_vector(mem, "MS-OXCMAPIHTTP-4-response-streams.hex", "connect-4.1", &connect_len);
	add(&sv, 200, "X-ResponseCode: 0\r\n", connect, connect_len);

	/* 1. MS-OXCROPS 2.2.3.1.2 RopLogon private mailbox response */
	struct wc_writer r, b;
	wc_writer_init(&r, mem, 0);
	wc_write_u8(&r, 0xFE); /* RopId */
	wc_write_u8(&r, 0);    /* OutputHandleIndex */
	wc_write_u32(&r, 0);   /* ReturnValue */
	wc_write_u8(&r, 0x01); /* LogonFlags: Private */
	for (uint64_t i = 1; i <= 13; i++)
		wc_write_u64(&r, i << 56 | 1); /* FolderIds: REPLID 1, GlobalCounter i (MS-OXCDATA 2.2.1.1) */
	wc_write_u8(&r, 0x01);                 /* ResponseFlags: Reserved */
	wc_write_zeros(&r, 16);                /* MailboxGuid */
	wc_write_u16(&r, 1);                   /* ReplId */
	wc_write_zeros(&r, 16);                /* ReplGuid */
	wc_write_bytes(&r, "\x05\x04\x03\x02\x01\x0b\xea\x07", 8); /* LogonTime */
	wc_write_u64(&r, 0);                                       /* GwartTime */
	wc_write_u32(&r, 0);                                       /* StoreState */
	rop_buffer(&b, mem, &r, (const uint32_t[]){0x44}, 1);
	add_execute(&sv, mem, &b);

	/* 2. RopOpenFolder response (2.2.4.1.2): the IPM subtree */
	wc_writer_init(&r, mem, 0);
	wc_write_bytes(&r, "\x02\x01\0\0\0\0\0\0",
	               8); /* RopId, OutputHandleIndex 1, success, HasRules, IsGhosted */
	rop_buffer(&b, mem, &r, (const uint32_t[]){0x44, 0x55}, 2);
	add_execute(&sv, mem, &b);

	/* 3. RopGetHierarchyTable (RowCount 1), RopSetColumns, RopQueryRows with one row over the columns */
	wc_writer_init(&r, mem, 0);
	wc_write_bytes(&r, "\x04\x01\0\0\0\0\x01\0\0\0", 10);
	wc_write_bytes(&r, "\x12\x01\0\0\0\0\x00", 7);
	wc_write_bytes(&r, "\x15\x01\0\0\0\0\x02\x01\x00", 9); /* Origin END, RowCount 1 */
	wc_write_u8(&r, 0x00);                                 /* StandardPropertyRow */
	wc_write_u64(&r, 5ull << 56 | 1);                      /* PidTagFolderId: the Inbox */
	wc_write_u64(&r, 4ull << 56 | 1);                      /* PidTagParentFolderId */
	wc_write_u32(&r, 0);                                   /* PidTagDepth */
	wc_write_utf16_z(&r, "Inbox");                         /* PidTagDisplayName */
	wc_write_utf16_z(&r, "IPF.Note");                      /* PidTagContainerClass */
	wc_write_u32(&r, 3);                                   /* PidTagContentCount */
	wc_write_u32(&r, 2);                                   /* PidTagContentUnreadCount */
	wc_write_u8(&r, 1);                                    /* PidTagSubfolders */
	rop_buffer(&b, mem, &r, (const uint32_t[]){0x55, 0x66}, 2);
	add_execute(&sv, mem, &b);

	/* 4. after the two RopReleases, RopSetProperties (2.2.8.6.2): no PropertyProblems */
	wc_writer_init(&r, mem, 0);
	wc_write_bytes(&r, "\x0a\x02\0\0\0\0\0\0", 8);
	rop_buffer(&b, mem, &r, (const uint32_t[]){0x55, 0x66, 0x44}, 3);
	add_execute(&sv, mem, &b);
	server_start(&sv);

	struct mapi_session *s = session_for(mem, &sv);
	assert_int_equal(mapi_connect(s), ecSuccess);
	struct mapi_object *store;
	assert_int_equal(mapi_logon(s, mem, &store), ecSuccess);
	assert_int_equal(mapi_object_handle(store), 0x44);
	assert_int_equal(mapi_store_folder_id(store, LOGON_FID_INBOX), 5ull << 56 | 1);
	assert_int_equal(mapi_store_folder_id(store, LOGON_FID_IPM_SUBTREE), 4ull << 56 | 1);
	/* MS-OXCROPS 2.2.3.1.1: RopId, LogonId, OutputHandleIndex, LogonFlags Private, OpenFlags, StoreState,
	 * EssdnSize, Essdn; one handle-table entry for the output */
	struct wc_writer want;
	wc_writer_init(&want, mem, 0);
	wc_write_u16(&want, 2 + 14 + sizeof USER_DN);
	wc_write_bytes(&want, "\xfe\x00\x00\x01", 4);
	wc_write_u32(&want, 0x01000C04);
	wc_write_u32(&want, 0);
	wc_write_u16(&want, sizeof USER_DN);
	wc_write_bytes(&want, USER_DN, sizeof USER_DN);
	wc_write_u32(&want, 0xFFFFFFFF);
	size_t n;
	const uint8_t *sent = sent_rops(&sv.ex[1], &n);
	tu_assert_bytes(sent, n, want.data, want.len);

	struct mapi_folder_info *folders;
	uint32_t count;
	assert_int_equal(mapi_list_folders(store, false, mem, &count, &folders), ecSuccess);
	/* RopOpenFolder of the IPM subtree on the store (In 0 = 0x44, Out 1) */
	size_t open_len;
	uint8_t *open = tu_hex(mem, "0f00 02 00 00 01 0100000000000004 00 44000000 ffffffff", &open_len);
	sent = sent_rops(&sv.ex[2], &n);
	tu_assert_bytes(sent, n, open, open_len);
	/* the table, its columns and the first rows in one Execute, chained on output index 1 */
	size_t list_len;
	uint8_t *list = tu_hex(mem,
	                       "3400"
	                       "04 00 00 01 40"   /* RopGetHierarchyTable, TableFlags UseUnicode */
	                       "12 00 01 00 0800" /* RopSetColumns, 8 columns: */
	                       "14004867 14004967 03000530 1f000130 1f001336 03000236 03000336 0b000a36"
	                       "15 00 01 00 01 6400" /* RopQueryRows: ForwardRead, RowCount 100 */
	                       "55000000 ffffffff",
	                       &list_len);
	sent = sent_rops(&sv.ex[3], &n);
	tu_assert_bytes(sent, n, list, list_len);
	assert_int_equal(count, 1);
	assert_int_equal(folders[0].fid, 5ull << 56 | 1);
	assert_int_equal(folders[0].parent_fid, 4ull << 56 | 1);
	assert_string_equal(folders[0].name, "Inbox");
	assert_string_equal(folders[0].container_class, "IPF.Note");
	assert_int_equal(folders[0].content_count, 3);
	assert_int_equal(folders[0].unread_count, 2);
	assert_true(folders[0].has_subfolders);

	/* the folder and the table were freed: their RopReleases open the next Execute */
	assert_int_equal(s->release_count, 2);
	uint32_t h0 = s->releases[0].handle, h1 = s->releases[1].handle;
	assert_true((h0 == 0x55 && h1 == 0x66) || (h0 == 0x66 && h1 == 0x55));
	struct mapi_propval v = {.tag = PidTagSubject, .value.str = (char *)"Hi"};
	assert_int_equal(mapi_set_props(store, 1, &v, mem, NULL), ecSuccess);
	char *hex = talloc_asprintf(
	        mem,
	        "1900"
	        "01 00 00 01 00 01"                        /* RopRelease In 0, RopRelease In 1 */
	        "0a 00 02 0c00 0100 1f003700 480069000000" /* RopSetProperties In 2: Size 12 */
	        "%02x000000 %02x000000 44000000",
	        h0, h1);
	size_t set_len;
	uint8_t *set = tu_hex(mem, hex, &set_len);
	sent = sent_rops(&sv.ex[4], &n);
	tu_assert_bytes(sent, n, set, set_len);
	assert_int_equal(s->release_count, 0);
	server_stop(&sv);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_logon_list_folders_and_release),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
