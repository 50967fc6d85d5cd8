/* src/mapi/mapi_ids.c: FID/MID, GLOBCNT, GID, LongTermID, XID, SizedXid, PredecessorChangeList. */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapi_ids.h"

#include <string.h>

/* MS-OXCSTOR 4.1: the 13 Folder IDs of the RopLogon response, read as ROP buffers carry them. */
static void test_fid_split_logon_example(void **state)
{
	static const uint64_t want[13] = {0x78271A, 0x78271C, 0x78271D, 0x78271B, 0x78271E,
	                                  0x78271F, 0x782720, 0x782721, 0x782724, 0x782725,
	                                  0x782722, 0x782723, 0x782726};
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCSTOR-4.1-logon-private-response.hex", NULL, &len);
	assert_int_equal(len, 160);
	struct wc_reader r;
	wc_reader_init(&r, b + 1, 13 * 8);
	for (int i = 0; i < 13; i++) {
		uint64_t id;
		assert_true(wc_read_u64(&r, &id));
		assert_int_equal(mapi_fid_replid(id), 1);
		assert_true(mapi_fid_globcnt(id) == want[i]);
		assert_true(mapi_fid_make(1, want[i]) == id);
	}
	/* The first one as a number: low 2 bytes REPLID, then the counter bytes in wire order. */
	assert_true(mapi_fid_make(1, 0x78271A) == 0x1A27780000000001ULL);
}

/* MS-OXCSTOR 4.2: public logon FIDs, including ones of REPLID 3. */
static void test_fid_split_public_logon_example(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCSTOR-4.2-logon-public-response.hex", NULL, &len);
	assert_int_equal(len, 139);
	struct wc_reader r;
	uint64_t id;
	wc_reader_init(&r, b + 1, 10 * 8);
	assert_true(wc_read_u64(&r, &id)); /* Public Folders FID */
	assert_int_equal(mapi_fid_replid(id), 1);
	assert_true(mapi_fid_globcnt(id) == 6);
	assert_true(wc_read_u64(&r, &id)); /* IPM Subtree FID */
	assert_true(mapi_fid_globcnt(id) == 1);
	r.pos = 7 * 8; /* the eighth FID: 03 00 00 00 00 00 00 07 */
	assert_true(wc_read_u64(&r, &id));
	assert_int_equal(mapi_fid_replid(id), 3);
	assert_true(mapi_fid_globcnt(id) == 7);
	/* ReplId then ReplGuid after the FIDs and the unused bytes */
	wc_reader_init(&r, b + 0x69, len - 0x69);
	uint16_t replid;
	struct wc_guid g = tu_guid("{BFCA5B70-F91E-4198-897D-479E0945FD2F}"), got;
	assert_true(wc_read_u16(&r, &replid) && wc_read_guid(&r, &got));
	assert_int_equal(replid, 1);
	assert_true(wc_guid_equal(&got, &g));
}

/* MS-OXORULE 4.1.1: the FolderId inside the ServerEid of the OP_MOVE action. */
static void test_fid_split_rule_action_example(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXORULE-4.1.1-RopModifyRules-request.hex", NULL, &len);
	struct wc_reader r;
	uint64_t id;
	wc_reader_init(&r, b + 0x11A, 8);
	assert_true(wc_read_u64(&r, &id));
	assert_int_equal(mapi_fid_replid(id), 4);
	assert_true(mapi_fid_globcnt(id) == 0x0172000CULL);
}

static void test_fid_make_extremes(void **state)
{
	assert_true(mapi_fid_make(0, 0) == 0);
	assert_true(mapi_fid_make(0xFFFF, MAPI_GLOBCNT_MAX) == UINT64_MAX);
	/* counter bits above 48 are ignored */
	assert_true(mapi_fid_make(2, 0xABCD000000000001ULL) == mapi_fid_make(2, 1));
	uint64_t id = mapi_fid_make(0x1234, 0x010203040506ULL);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_u64(&w, id));
	static const uint8_t want[] = {0x34, 0x12, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06};
	tu_assert_bytes(w.data, w.len, want, sizeof want);
	assert_int_equal(mapi_fid_replid(id), 0x1234);
	assert_true(mapi_fid_globcnt(id) == 0x010203040506ULL);
}

static void test_globcnt_bytes(void **state)
{
	uint8_t b[6];
	mapi_globcnt_to_bytes(0x0000000000012ULL, b);
	static const uint8_t want[] = {0, 0, 0, 0, 0, 0x12};
	assert_memory_equal(b, want, 6);
	assert_true(mapi_globcnt_from_bytes(b) == 0x12);
	struct wc_reader r;
	uint64_t v;
	wc_reader_init(&r, want, 5);
	assert_false(mapi_globcnt_pull(&r, &v));
	assert_int_equal(r.pos, 0);
	wc_reader_init(&r, want, 6);
	assert_true(mapi_globcnt_pull(&r, &v));
	assert_true(v == 0x12);
}

static void test_guid_bytes(void **state)
{
	/* MS-OXCSTOR 4.1 MailboxGuid bytes F7 F8 91 A5 1C 34 16 41 8C 48 ... */
	static const uint8_t b[16] = {0xF7, 0xF8, 0x91, 0xA5, 0x1C, 0x34, 0x16, 0x41,
	                              0x8C, 0x48, 0x9D, 0xB0, 0x1A, 0x86, 0xF5, 0x0B};
	struct wc_guid g, want = tu_guid("{A591F8F7-341C-4116-8C48-9DB01A86F50B}");
	uint8_t back[16];
	mapi_guid_from_bytes(b, &g);
	assert_true(wc_guid_equal(&g, &want));
	mapi_guid_to_bytes(&g, back);
	assert_memory_equal(back, b, 16);
	/* byte-wise order, not field-wise: 4D77D464... < 705BCABF... although Data1 0x64D4774D < 0xBFCA5B70
	 * too, and 01000000-... (first byte 00) < 00000001-... (first byte 01) although Data1 is larger */
	struct wc_guid a = tu_guid("{01000000-0000-0000-0000-000000000000}");
	struct wc_guid c = tu_guid("{00000001-0000-0000-0000-000000000000}");
	assert_true(mapi_guid_compare(&a, &c) < 0);
	assert_true(mapi_guid_compare(&c, &a) > 0);
	assert_int_equal(mapi_guid_compare(&a, &a), 0);
}

/* MS-OXCSTOR 4.6: the LongTermID maps to the ID 05 00 00 00 00 00 00 12. */
static void test_long_term_id_example(void **state)
{
	size_t len, rlen;
	uint8_t *req = tu_vector(*state, "MS-OXCSTOR-4.6-RopIdFromLongTermId.hex", "request", &len);
	uint8_t *rsp = tu_vector(*state, "MS-OXCSTOR-4.6-RopIdFromLongTermId.hex", "response", &rlen);
	struct wc_reader r;
	struct mapi_gid ltid;
	wc_reader_init(&r, req, len);
	assert_int_equal(mapi_long_term_id_pull(&r, &ltid), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	struct wc_guid g = tu_guid("{BFCA5B70-F91E-4198-897D-479E0945FD2F}");
	assert_true(wc_guid_equal(&ltid.database_guid, &g));
	assert_true(ltid.globcnt == 0x12);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_true(wc_write_u64(&w, mapi_fid_make(5, ltid.globcnt)));
	tu_assert_bytes(w.data, w.len, rsp, rlen);

	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_long_term_id_push(&w, &ltid), 0);
	tu_assert_bytes(w.data, w.len, req, len);
	/* the GID alone is the first 22 bytes */
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_gid_push(&w, &ltid), 0);
	tu_assert_bytes(w.data, w.len, req, MAPI_GID_SIZE);
}

static void test_long_term_id_errors(void **state)
{
	size_t len;
	uint8_t *req = tu_vector(*state, "MS-OXCSTOR-4.6-RopIdFromLongTermId.hex", "request", &len);
	struct wc_reader r;
	struct mapi_gid ltid = {{1, 2, 3, {4}}, 5}, keep = ltid;
	for (size_t n = 0; n < len; n++) {
		wc_reader_init(&r, req, n);
		assert_int_equal(mapi_long_term_id_pull(&r, &ltid), WC_EFORMAT);
		assert_int_equal(r.pos, 0);
		assert_memory_equal(&ltid, &keep, sizeof ltid);
		wc_reader_init(&r, req, n);
		if (n < MAPI_GID_SIZE)
			assert_int_equal(mapi_gid_pull(&r, &ltid), WC_EFORMAT);
	}
	req[23] = 1; /* Pad must be 0x0000 */
	wc_reader_init(&r, req, len);
	assert_int_equal(mapi_long_term_id_pull(&r, &ltid), WC_EFORMAT);
	assert_int_equal(r.pos, 0);

	struct wc_writer w;
	struct mapi_gid big = {{0, 0, 0, {0}}, MAPI_GLOBCNT_MAX + 1};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_gid_push(&w, &big), WC_ERANGE);
	assert_int_equal(mapi_long_term_id_push(&w, &big), WC_ERANGE);
}

static void test_xid_sizes_and_gid(void **state)
{
	uint8_t b[25];
	for (int i = 0; i < 25; i++)
		b[i] = (uint8_t)(i + 1);
	struct wc_reader r;
	struct mapi_xid x;
	for (size_t size = 0; size <= 25; size++) {
		wc_reader_init(&r, b, sizeof b);
		int ret = mapi_xid_pull(&r, size, &x);
		if (size < 17 || size > 24) {
			assert_int_equal(ret, WC_EFORMAT);
			assert_int_equal(r.pos, 0);
			continue;
		}
		assert_int_equal(ret, 0);
		assert_int_equal(x.local_id_len, size - 16);
		assert_memory_equal(x.local_id, b + 16, size - 16);
		struct wc_writer w;
		wc_writer_init(&w, *state, 0);
		assert_int_equal(mapi_xid_push(&w, &x), 0);
		tu_assert_bytes(w.data, w.len, b, size);
	}
	/* not enough input for the size given */
	wc_reader_init(&r, b, 20);
	assert_int_equal(mapi_xid_pull(&r, 22, &x), WC_EFORMAT);

	/* a GID is an XID with a 6-byte LocalId (PidTagSourceKey) */
	struct mapi_gid gid = {tu_guid("{64D4774D-4983-4F70-9B8B-46E635BB78AB}"), 0x78271A}, back;
	mapi_xid_from_gid(&gid, &x);
	assert_int_equal(x.local_id_len, 6);
	static const uint8_t lid[6] = {0, 0, 0, 0x78, 0x27, 0x1A};
	assert_memory_equal(x.local_id, lid, 6);
	assert_int_equal(mapi_xid_to_gid(&x, &back), 0);
	assert_true(wc_guid_equal(&back.database_guid, &gid.database_guid) && back.globcnt == gid.globcnt);
	x.local_id_len = 4;
	assert_int_equal(mapi_xid_to_gid(&x, &back), WC_EUNSUPPORTED);
	x.local_id_len = 0;
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_xid_push(&w, &x), WC_EINVAL);
	assert_int_equal(mapi_sized_xid_push(&w, &x), WC_EINVAL);
	x.local_id_len = 9;
	assert_int_equal(mapi_xid_push(&w, &x), WC_EINVAL);
}

static void test_sized_xid(void **state)
{
	static const uint8_t b[] = {0x11, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 0xAA};
	struct wc_reader r;
	struct mapi_xid x;
	wc_reader_init(&r, b, sizeof b);
	assert_int_equal(mapi_sized_xid_pull(&r, &x), 0);
	assert_int_equal(x.local_id_len, 1);
	assert_int_equal(x.local_id[0], 0xAA);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_sized_xid_push(&w, &x), 0);
	tu_assert_bytes(w.data, w.len, b, sizeof b);
	for (size_t n = 0; n < sizeof b; n++) {
		wc_reader_init(&r, b, n);
		assert_int_equal(mapi_sized_xid_pull(&r, &x), WC_EFORMAT);
		assert_int_equal(r.pos, 0);
	}
	static const uint8_t bad[] = {0x10, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
	wc_reader_init(&r, bad, sizeof bad);
	assert_int_equal(mapi_sized_xid_pull(&r, &x), WC_EFORMAT); /* XidSize 16: no LocalId */
}

static void test_pcl_vector_decodes_and_reencodes(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCFXICS-2.2.2.3-predecessor-change-list.hex", "sorted", &len);
	struct wc_reader r;
	struct mapi_pcl *pcl;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_pcl_pull(&r, *state, &pcl), 0);
	assert_int_equal(pcl->count, 3);
	struct wc_guid g0 = tu_guid("{64D4774D-4983-4F70-9B8B-46E635BB78AB}");
	struct wc_guid g2 = tu_guid("{74FEDA95-F7E0-4C4C-81EF-83BA850BE8E4}");
	assert_true(wc_guid_equal(&pcl->xids[0].namespace_guid, &g0));
	assert_int_equal(pcl->xids[0].local_id_len, 6);
	assert_int_equal(pcl->xids[0].local_id[5], 0x34);
	assert_true(wc_guid_equal(&pcl->xids[2].namespace_guid, &g2));
	assert_int_equal(pcl->xids[2].local_id_len, 4);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_pcl_push(&w, pcl), 0);
	tu_assert_bytes(w.data, w.len, b, len);

	/* Out of order with a namespace twice: sorted, the greater change kept, same bytes as @sorted but
	 * with LocalId ...09 for 705BCABF. */
	size_t ulen;
	uint8_t *u =
	        tu_vector(*state, "MS-OXCFXICS-2.2.2.3-predecessor-change-list.hex", "unsorted_dup", &ulen);
	struct mapi_pcl *p2;
	wc_reader_init(&r, u, ulen);
	assert_int_equal(mapi_pcl_pull(&r, *state, &p2), 0);
	assert_int_equal(p2->count, 3);
	b[1 + 22 + 1 + 16 + 5] = 0x09;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_pcl_push(&w, p2), 0);
	tu_assert_bytes(w.data, w.len, b, len);
	assert_true(mapi_pcl_includes(p2, pcl));
	assert_false(mapi_pcl_includes(pcl, p2));
}

static void test_pcl_errors(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCFXICS-2.2.2.3-predecessor-change-list.hex", "sorted", &len);
	struct wc_reader r;
	struct mapi_pcl *pcl = NULL;
	size_t blocks = talloc_total_blocks(*state);
	/* every cut that is not at an XID boundary fails and allocates nothing */
	for (size_t n = 0; n < len; n++) {
		wc_reader_init(&r, b, n);
		int ret = mapi_pcl_pull(&r, *state, &pcl);
		if (n == 0 || n == 23 || n == 46) {
			assert_int_equal(ret, 0);
			assert_int_equal(pcl->count, n / 23);
			talloc_free(pcl);
		} else {
			assert_int_equal(ret, WC_EFORMAT);
			assert_int_equal(r.pos, 0);
		}
		assert_int_equal(talloc_total_blocks(*state), blocks);
	}
	/* the same namespace with LocalIds of different sizes (2.2.2.2) */
	static const uint8_t two[] = {0x11, 1,  2,  3,  4,    5,    6,  7,  8,  9,    10,  11, 12,
	                              13,   14, 15, 16, 0xAA, 0x12, 1,  2,  3,  4,    5,   6,  7,
	                              8,    9,  10, 11, 12,   13,   14, 15, 16, 0xAA, 0xBB};
	wc_reader_init(&r, two, sizeof two);
	assert_int_equal(mapi_pcl_pull(&r, *state, &pcl), WC_EFORMAT);
	assert_int_equal(talloc_total_blocks(*state), blocks);
}

/* MS-OXCFXICS 3.1.5.6.1: PCLA includes PCLB iff every XID of B has one in A of the same namespace with the
 * same or a greater LocalId. */
static void test_pcl_includes_and_merge(void **state)
{
	struct mapi_pcl *a = mapi_pcl_new(*state), *b = mapi_pcl_new(*state);
	struct mapi_gid g1 = {tu_guid("{00000001-0000-0000-0000-000000000000}"), 10};
	struct mapi_gid g2 = {tu_guid("{00000002-0000-0000-0000-000000000000}"), 20};
	struct mapi_xid x;
	assert_true(mapi_pcl_includes(a, b)); /* empty includes empty */
	mapi_xid_from_gid(&g1, &x);
	assert_int_equal(mapi_pcl_add(a, &x), 0);
	assert_true(mapi_pcl_includes_xid(a, &x));
	assert_true(mapi_pcl_includes(a, b));
	g1.globcnt = 9;
	mapi_xid_from_gid(&g1, &x);
	assert_int_equal(mapi_pcl_add(b, &x), 0);
	assert_true(mapi_pcl_includes(a, b)); /* 10 >= 9 */
	assert_false(mapi_pcl_includes(b, a));
	mapi_xid_from_gid(&g2, &x);
	assert_int_equal(mapi_pcl_add(b, &x), 0);
	assert_false(mapi_pcl_includes(a, b)); /* a knows nothing of namespace 2: a conflict either way */
	assert_false(mapi_pcl_includes(b, a));
	assert_int_equal(mapi_pcl_merge(a, b), 0);
	assert_int_equal(a->count, 2);
	assert_true(mapi_pcl_includes(a, b));
	assert_true(a->xids[0].local_id[5] == 10); /* the merge kept the greater change */
	/* adding an older change changes nothing; a different LocalId size is refused */
	g2.globcnt = 1;
	mapi_xid_from_gid(&g2, &x);
	assert_int_equal(mapi_pcl_add(a, &x), 0);
	assert_int_equal(a->xids[1].local_id[5], 20);
	x.local_id_len = 5;
	assert_int_equal(mapi_pcl_add(a, &x), WC_EINVAL);
	assert_false(mapi_pcl_includes_xid(a, &x));
	x.local_id_len = 0;
	assert_int_equal(mapi_pcl_add(a, &x), WC_EINVAL);
	/* many namespaces inserted in reverse order stay sorted */
	struct mapi_pcl *c = mapi_pcl_new(*state);
	for (int i = 40; i > 0; i--) {
		struct mapi_gid g = {{(uint32_t)i << 24, 0, 0, {0}}, (uint64_t)i};
		mapi_xid_from_gid(&g, &x);
		assert_int_equal(mapi_pcl_add(c, &x), 0);
	}
	assert_int_equal(c->count, 40);
	for (size_t i = 1; i < c->count; i++)
		assert_true(mapi_guid_compare(&c->xids[i - 1].namespace_guid, &c->xids[i].namespace_guid) <
		            0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_fid_split_logon_example),
	        TU_TEST(test_fid_split_public_logon_example),
	        TU_TEST(test_fid_split_rule_action_example),
	        TU_TEST(test_fid_make_extremes),
	        TU_TEST(test_globcnt_bytes),
	        TU_TEST(test_guid_bytes),
	        TU_TEST(test_long_term_id_example),
	        TU_TEST(test_long_term_id_errors),
	        TU_TEST(test_xid_sizes_and_gid),
	        TU_TEST(test_sized_xid),
	        TU_TEST(test_pcl_vector_decodes_and_reencodes),
	        TU_TEST(test_pcl_errors),
	        TU_TEST(test_pcl_includes_and_merge),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
