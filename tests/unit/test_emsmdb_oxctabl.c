/* src/server/emsmdb/oxctabl.c: the MS-OXCTABL ROP handlers through emsmdb_execute(), with ROP buffers built
 * byte by byte from the MS-OXCROPS 2.2.5 layouts and responses checked field by field, against a temporary
 * provisioned sqlite mailbox whose Inbox has five messages "m0" ... "m4" (delivery times 1000, 1010, ...),
 * saved through the store. The logon and Inbox objects are put into the handle table directly (what RopLogon
 * and RopOpenFolder do); tables are opened with RopGetContentsTable / RopGetHierarchyTable. */
#include "emsmdb_fixture.h"
#include "mapi/mapi_proptags_gen.h"

#define NMSG 5

/* A saved message in f with this subject and PidTagMessageDeliveryTime. */
static uint64_t new_message(struct ms_folder *f, const char *subject, uint64_t delivery)
{
	struct ms_message *m;
	assert_int_equal(ms_message_create(f, false, &m), ecSuccess);
	struct mapi_propval pv[2] = {{.tag = PidTagSubject, .value.str = (char *)subject},
	                             {.tag = PidTagMessageDeliveryTime, .value.i64 = (int64_t)delivery}};
	struct mapi_propproblem *pp;
	uint32_t np;
	assert_int_equal(ms_props_set(ms_message_object(m), pv, 2, NULL, &pp, &np), ecSuccess);
	assert_int_equal(np, 0);
	assert_int_equal(ms_message_save(m, 0), ecSuccess);
	uint64_t mid = ms_message_get_id(m);
	talloc_free(m);
	return mid;
}

/* The MIDs of m0 ... m4, by test (cmocka runs one at a time). */
static uint64_t mids[NMSG];

static int setup(void **state)
{
	emsmdb_fx_setup(state, "/tmp/wc-oxctabl-XXXXXX");
	struct fx *f = *state;
	for (int i = 0; i < NMSG; i++) {
		char subject[8];
		snprintf(subject, sizeof subject, "m%d", i);
		mids[i] = new_message(f->inbox_folder, subject, 1000 + 10 * (uint64_t)i);
	}
	return 0;
}

static int teardown(void **state)
{
	return emsmdb_fx_teardown(state);
}

/* n bytes of v, little-endian, as hex */
static const char *le_hex(TALLOC_CTX *mem, uint64_t v, int n)
{
	return talloc_strndup(mem, id_hex(mem, v), 2 * (size_t)n);
}

/* The response bytes must be exactly these (hex, from the MS-OXCROPS layouts). */
static void expect(struct fx *f, const uint8_t *r, size_t len, const char *fmt, ...)
{
	va_list ap;
	size_t n;
	va_start(ap, fmt);
	uint8_t *want = fx_bytes(f, &n, fmt, ap);
	va_end(ap);
	tu_assert_bytes(r, len, want, n);
}

/* Runs one ROP and expects exactly this response. */
static void rop(struct fx *f, const char *request, const char *response)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "%s", request);
	expect(f, r, len, "%s", response);
}

/* A StandardPropertyRow (MS-OXCDATA 2.8.1.1) of message i over the columns PidTagMid (PtypInteger64),
 * PidTagSubject (PtypString: UTF-16LE with its terminator) and PidTagMessageDeliveryTime (PtypTime). */
static const char *row_hex(struct fx *f, int i)
{
	return talloc_asprintf(f->mem, "00 %s 6d00 %02x00 0000 %s", le_hex(f->mem, mids[i], 8), '0' + i,
	                       le_hex(f->mem, 1000 + 10 * (uint64_t)i, 8));
}

/* RopGetContentsTable (MS-OXCROPS 2.2.4.14.1) on the Inbox into index 2: RowCount NMSG */
static void open_contents(struct fx *f)
{
	rop(f, "05 00 01 02 00", "05 02 00000000 05000000");
	assert_non_null(emsmdb_handle_get(f->s, f->handles[2], EMSMDB_OBJ_TABLE));
}

/* RopSetColumns (2.2.5.1.1) on index 2: SetColumnsFlags 0, PropertyTagCount 3, PidTagMid 0x674A0014,
 * PidTagSubject 0x0037001F, PidTagMessageDeliveryTime 0x0E060040; response TableStatus TBLSTAT_COMPLETE */
#define SET_COLUMNS "12 00 02 00 0300 1400 4a67 1f00 3700 4000 060e"
/* RopSortTable (2.2.5.2.1): SortTableFlags 0, SortOrderCount 1, CategoryCount 0, ExpandedCount 0, SortOrder
 * (MS-OXCDATA 2.13.1) PropertyType PtypTime, PropertyId 0x0E06, Order TABLE_SORT_DESCEND */
#define SORT_BY_DELIVERY_DESC "13 00 02 00 0100 0000 0000 4000 060e 01"

/* RopQueryPosition (2.2.5.7) on index 2 must answer Numerator, Denominator */
static void expect_position(struct fx *f, uint32_t num, uint32_t den)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "17 00 02");
	expect(f, r, len, "17 02 00000000 %s %s", le_hex(f->mem, num, 4), le_hex(f->mem, den, 4));
}

/* Columns, sort by delivery time descending, paging forward and backward with and without NoAdvance. */
static void test_query_rows(void **state)
{
	struct fx *f = *state;
	open_contents(f);
	size_t len;
	const uint8_t *r =
	        execute(f, &len,
	                SET_COLUMNS SORT_BY_DELIVERY_DESC
	                "15 00 02 00 01 0200"); /* RopQueryRows: Advance, ForwardRead, RowCount 2 */
	/* RopSetColumns, RopSortTable: TableStatus 0; RopQueryRows: Origin BOOKMARK_CURRENT, RowCount 2 */
	expect(f, r, len, "12 02 00000000 00  13 02 00000000 00  15 02 00000000 01 0200 %s %s", row_hex(f, 4),
	       row_hex(f, 3));
	expect_position(f, 2, NMSG);
	/* backward, RowCount 1: the row before the cursor (m3), which moves back to it */
	r = execute(f, &len, "15 00 02 00 00 0100");
	expect(f, r, len, "15 02 00000000 01 0100 %s", row_hex(f, 3));
	expect_position(f, 1, NMSG);
	/* NoAdvance, forward, RowCount 10: the four rows left, Origin BOOKMARK_END, the cursor stays */
	r = execute(f, &len, "15 00 02 01 01 0a00");
	expect(f, r, len, "15 02 00000000 02 0400 %s %s %s %s", row_hex(f, 3), row_hex(f, 2), row_hex(f, 1),
	       row_hex(f, 0));
	expect_position(f, 1, NMSG);
	/* backward from 1, RowCount 5: only m4, Origin BOOKMARK_BEGINNING, the cursor at 0 */
	r = execute(f, &len, "15 00 02 00 00 0500");
	expect(f, r, len, "15 02 00000000 00 0100 %s", row_hex(f, 4));
	expect_position(f, 0, NMSG);
	/* at the end: no row, Origin BOOKMARK_END */
	rop(f, "18 00 02 02 00000000 01", "18 02 00000000 00 00000000");
	rop(f, "15 00 02 00 01 0500", "15 02 00000000 02 0000");
	/* the columns hold across buffers and other handle indexes' ROPs: the same table through index 2 */
	rop(f, "18 00 02 00 00000000 00", "18 02 00000000 00 00000000");
	r = execute(f, &len, "17 00 02  15 00 02 00 01 0100");
	expect(f, r, len, "17 02 00000000 00000000 05000000  15 02 00000000 01 0100 %s", row_hex(f, 4));
	/* TBL_ASYNC is done synchronously: TBLSTAT_COMPLETE, and RopGetStatus finds nothing running */
	rop(f, "12 00 02 01 0100 1400 4a67", "12 02 00000000 00");
	rop(f, "16 00 02", "16 02 00000000 00");
	/* a restriction (MS-OXCDATA 2.12.5 PropertyRestriction, RelOp RELOP_GT, PidTagMessageDeliveryTime,
	 * TaggedValue 1015) keeps m2 .. m4; the cursor goes back to the beginning */
	rop(f, "14 00 02 01 1200 04 02 4000 060e 4000 060e f703000000000000", "14 02 00000000 00");
	expect_position(f, 0, 3);
	/* RopResetTable: all five rows, and no columns until the next RopSetColumns */
	rop(f, "81 00 02", "81 02 00000000");
	expect_position(f, 0, NMSG);
	rop(f, "15 00 02 00 01 0100", "15 02 b9040000");
}

/* RopSeekRow from each origin, with RowsSought and HasSoughtLess beyond either end; RopSeekRowFractional. */
static void test_seek(void **state)
{
	struct fx *f = *state;
	open_contents(f);
	/* RopSeekRow (2.2.5.8.1): Origin, RowCount (signed), WantRowMovedCount;
	 * response HasSoughtLess, RowsSought */
	rop(f, "18 00 02 00 02000000 01", "18 02 00000000 00 02000000");
	expect_position(f, 2, NMSG);
	rop(f, "18 00 02 01 02000000 01", "18 02 00000000 00 02000000");
	expect_position(f, 4, NMSG);
	rop(f, "18 00 02 01 0a000000 01", "18 02 00000000 01 01000000"); /* only one row left */
	expect_position(f, 5, NMSG);
	rop(f, "18 00 02 02 feffffff 01", "18 02 00000000 00 feffffff"); /* END - 2 */
	expect_position(f, 3, NMSG);
	rop(f, "18 00 02 01 f6ffffff 01", "18 02 00000000 01 fdffffff"); /* back 10: only 3 */
	expect_position(f, 0, NMSG);
	rop(f, "18 00 02 00 ffffffff 01", "18 02 00000000 01 00000000"); /* before the beginning */
	rop(f, "18 00 02 02 07000000 00", "18 02 00000000 01 00000000"); /* beyond the end */
	expect_position(f, NMSG, NMSG);
	rop(f, "18 00 02 03 00000000 01", "18 02 57000780"); /* Origin not a predefined bookmark */
	/* RopSeekRowFractional (2.2.5.10.1): Numerator, Denominator; response only ReturnValue */
	rop(f, "1a 00 02 01000000 02000000", "1a 02 00000000");
	expect_position(f, 2, NMSG); /* closest to 5 / 2 */
	rop(f, "1a 00 02 00000000 07000000", "1a 02 00000000");
	expect_position(f, 0, NMSG);
	rop(f, "1a 00 02 09000000 03000000", "1a 02 00000000");
	expect_position(f, NMSG, NMSG);
	rop(f, "1a 00 02 01000000 00000000", "1a 02 57000780");
}

/* RopCreateBookmark (2.2.5.11) on index 2: the response is BookmarkSize and Bookmark; returns
 * "BookmarkSize Bookmark" as hex for the requests that carry one. */
static const char *create_bookmark(struct fx *f)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "1b 00 02");
	assert_true(len > 8);
	assert_int_equal(r[0], 0x1b);
	assert_int_equal(r[1], 2);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	size_t bsize = r[6] | r[7] << 8;
	assert_int_equal(len, 8 + bsize);
	char *bm = talloc_strdup(f->mem, le_hex(f->mem, bsize, 2));
	for (size_t i = 0; i < bsize; i++)
		bm = talloc_asprintf_append(bm, "%02x", r[8 + i]);
	return bm;
}

/* RopCreateBookmark, RopSeekRowBookmark, RopFreeBookmark; a freed bookmark and one a sort dropped are
 * ecInvalidBookmark. */
static void test_bookmarks(void **state)
{
	struct fx *f = *state;
	open_contents(f);
	rop(f, SET_COLUMNS, "12 02 00000000 00");
	rop(f, "18 00 02 00 02000000 00", "18 02 00000000 00 02000000");
	const char *bm = create_bookmark(f);
	rop(f, "18 00 02 00 00000000 00", "18 02 00000000 00 00000000");
	/* RopSeekRowBookmark (2.2.5.9.1): BookmarkSize, Bookmark, RowCount, WantRowMovedCount;
	 * response RowNoLongerVisible, HasSoughtLess, RowsSought */
	size_t len;
	const uint8_t *r = execute(f, &len, "19 00 02 %s 01000000 01", bm);
	expect(f, r, len, "19 02 00000000 00 00 01000000");
	expect_position(f, 3, NMSG);
	r = execute(f, &len, "19 00 02 %s 0a000000 01", bm);
	expect(f, r, len, "19 02 00000000 00 01 03000000");
	/* RopFreeBookmark (2.2.5.14.1): response only ReturnValue; again: ecInvalidBookmark 0x80040405 */
	r = execute(f, &len, "89 00 02 %s", bm);
	expect(f, r, len, "89 02 00000000");
	r = execute(f, &len, "89 00 02 %s", bm);
	expect(f, r, len, "89 02 05040480");
	r = execute(f, &len, "19 00 02 %s 00000000 01", bm);
	expect(f, r, len, "19 02 05040480");
	/* a new bookmark, then RopSortTable: it is gone (MS-OXCTABL 3.2.5.3) */
	bm = create_bookmark(f);
	rop(f, SORT_BY_DELIVERY_DESC, "13 02 00000000 00");
	r = execute(f, &len, "19 00 02 %s 00000000 01", bm);
	expect(f, r, len, "19 02 05040480");
	/* a bookmark of a row that is deleted afterwards: RowNoLongerVisible, the cursor on the next row */
	rop(f, "18 00 02 00 01000000 00", "18 02 00000000 00 01000000"); /* on m3 */
	bm = create_bookmark(f);
	/* RopHardDeleteMessages (MS-OXCROPS 2.2.4.11) of m3 on the Inbox: PartialCompletion 0 */
	rop(f, talloc_asprintf(f->mem, "91 00 01 00 00 0100 %s", id_hex(f->mem, mids[3])),
	    "91 01 00000000 00");
	r = execute(f, &len, "19 00 02 %s 00000000 01", bm);
	expect(f, r, len, "19 02 00000000 01 00 00000000");
	r = execute(f, &len, "15 00 02 01 01 0100");
	expect(f, r, len, "15 02 00000000 01 0100 %s", row_hex(f, 2));
}

/* RopFindRow (2.2.5.13.1): FindRowFlags, RestrictionDataSize, RestrictionData, Origin, BookmarkSize,
 * Bookmark; response RowNoLongerVisible, HasRowData, RowData. The restriction is a PropertyRestriction
 * (MS-OXCDATA 2.12.5): RestrictType 0x04, RelOp RELOP_EQ 0x04, PidTagSubject, TaggedValue PidTagSubject. */
#define SUBJECT_IS(c) "1000 04 04 1f003700 1f003700 6d00" c "000000"
static void test_find_row(void **state)
{
	struct fx *f = *state;
	open_contents(f);
	size_t len;
	const uint8_t *r = execute(f, &len, SET_COLUMNS "4f 00 02 00 " SUBJECT_IS("32") " 00 0000");
	expect(f, r, len, "12 02 00000000 00  4f 02 00000000 00 01 %s", row_hex(f, 2));
	expect_position(f, 2, NMSG);
	/* from the current row, forward: m2 is the current row itself */
	r = execute(f, &len, "4f 00 02 00 " SUBJECT_IS("32") " 01 0000");
	expect(f, r, len, "4f 02 00000000 00 01 %s", row_hex(f, 2));
	/* forward from the current row after m2: none, ecNotFound */
	rop(f, "18 00 02 01 01000000 00", "18 02 00000000 00 01000000");
	r = execute(f, &len, "4f 00 02 00 " SUBJECT_IS("32") " 01 0000");
	expect(f, r, len, "4f 02 0f010480");
	/* backward from the end finds m2 again */
	r = execute(f, &len, "4f 00 02 01 " SUBJECT_IS("32") " 02 0000");
	expect(f, r, len, "4f 02 00000000 00 01 %s", row_hex(f, 2));
	/* from a custom bookmark on m0 (the first row) forward for m4 */
	rop(f, "18 00 02 00 00000000 00", "18 02 00000000 00 00000000");
	r = execute(f, &len, "4f 00 02 00 " SUBJECT_IS("34") " 03 %s", create_bookmark(f));
	expect(f, r, len, "4f 02 00000000 00 01 %s", row_hex(f, 4));
	expect_position(f, 4, NMSG);
	/* FindRowFlags beyond BACKWARD: ecInvalidParam */
	r = execute(f, &len, "4f 00 02 02 " SUBJECT_IS("34") " 00 0000");
	expect(f, r, len, "4f 02 57000780");
}

/* RopQueryColumnsAll (2.2.5.12): PropertyTagCount, PropertyTags; the contents table lists PidTagMid,
 * PidTagSubject and PidTagMessageDeliveryTime among them. */
static void test_query_columns_all(void **state)
{
	struct fx *f = *state;
	open_contents(f);
	size_t len;
	const uint8_t *r = execute(f, &len, "37 00 02");
	assert_int_equal(r[0], 0x37);
	assert_int_equal(r[1], 2);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	size_t count = r[6] | r[7] << 8;
	assert_int_equal(len, 8 + 4 * count);
	int found = 0;
	for (size_t i = 0; i < count; i++) {
		const uint8_t *p = r + 8 + 4 * i;
		uint32_t tag =
		        (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
		found += tag == PidTagMid || tag == PidTagSubject || tag == PidTagMessageDeliveryTime;
	}
	assert_int_equal(found, 3);
}

/* MS-OXCTABL 3.2.5.x error tables: ecNotSupported (0x80040102) on another object or kind of table,
 * ecNullObject (0x000004B9) before RopSetColumns or on nothing, ecInvalidParam (0x80070057) for bad columns,
 * ecUnableToAbort (0x80040114), categories not supported. */
static void test_errors(void **state)
{
	struct fx *f = *state;
	/* on the folder's index 1: every table ROP is ecNotSupported */
	static const char *const on_folder[] = {"12 00 01 00 0100 1400 4a67",
	                                        "13 00 01 00 0000 0000 0000",
	                                        "14 00 01 00 0000",
	                                        "15 00 01 00 01 0100",
	                                        "38 00 01",
	                                        "16 00 01",
	                                        "17 00 01",
	                                        "18 00 01 00 00000000 00",
	                                        "19 00 01 0000 00000000 00",
	                                        "1a 00 01 00000000 01000000",
	                                        "1b 00 01",
	                                        "37 00 01",
	                                        "4f 00 01 00 0000 00 0000",
	                                        "89 00 01 0000",
	                                        "81 00 01",
	                                        "59 00 01 0100 0000000000000000",
	                                        "5a 00 01 0000000000000000",
	                                        "6b 00 01 0000000000000000 00000000",
	                                        "6c 00 01 0000"};
	for (size_t i = 0; i < sizeof on_folder / sizeof *on_folder; i++) {
		size_t len;
		const uint8_t *r = execute(f, &len, "%s", on_folder[i]);
		expect(f, r, len, "%s 01 02010480", talloc_strndup(f->mem, on_folder[i], 2));
		/* on index 3, which holds no object: ecNullObject */
		char *req = talloc_strdup(f->mem, on_folder[i]);
		req[7] = '3';
		r = execute(f, &len, "%s", req);
		expect(f, r, len, "%s 03 b9040000", talloc_strndup(f->mem, on_folder[i], 2));
	}
	open_contents(f);
	/* before RopSetColumns: ecNullObject for the ROPs MS-OXCTABL 3.2.5.2 lists */
	rop(f, "15 00 02 00 01 0100", "15 02 b9040000");
	rop(f, "1b 00 02", "1b 02 b9040000");
	rop(f, "89 00 02 0400 01000000", "89 02 b9040000");
	rop(f, "19 00 02 0400 01000000 00000000 00", "19 02 b9040000");
	rop(f, "4f 00 02 00 0000 00 0000", "4f 02 b9040000");
	rop(f, "59 00 02 0100 0000000000000000", "59 02 b9040000");
	rop(f, "5a 00 02 0000000000000000", "5a 02 b9040000");
	rop(f, "6b 00 02 0000000000000000 00000000", "6b 02 b9040000");
	rop(f, "6c 00 02 0000", "6c 02 b9040000");
	/* a PtypErrorCode column: ecInvalidParam, and no column set afterwards */
	rop(f, SET_COLUMNS, "12 02 00000000 00");
	rop(f, "12 00 02 00 0100 0a00 3700", "12 02 57000780");
	rop(f, "15 00 02 00 01 0100", "15 02 b9040000");
	rop(f, SET_COLUMNS, "12 02 00000000 00");
	/* QueryRowsFlags with an undefined bit, ForwardRead 2: ecInvalidParam */
	rop(f, "15 00 02 04 01 0100", "15 02 57000780");
	rop(f, "15 00 02 00 02 0100", "15 02 57000780");
	/* nothing to abort */
	rop(f, "38 00 02", "38 02 14010480");
	/* categories: a categorized sort is not supported, so no category row exists: RopExpandRow and
	 * RopCollapseRow ecNotFound (0x8004010F), the collapse-state ROPs ecNotSupported */
	rop(f, "13 00 02 00 0100 0100 0100 1f00 3700 00", "13 02 02010480");
	rop(f, "59 00 02 0100 0000000000000000", "59 02 0f010480");
	rop(f, "5a 00 02 0000000000000000", "5a 02 0f010480");
	rop(f, "6b 00 02 0000000000000000 00000000", "6b 02 02010480");
	rop(f, "6c 00 02 0000", "6c 02 02010480");
	/* a bookmark that never was */
	rop(f, "89 00 02 0400 ffffffff", "89 02 05040480");
	/* the hierarchy table of the Inbox (RopGetHierarchyTable 2.2.4.13, into index 3): RopSortTable and
	 * RopResetTable are for contents tables, RopAbort has nothing to abort, RopRestrict works */
	rop(f, "04 00 01 03 00", "04 03 00000000 00000000");
	rop(f, "13 00 03 00 0000 0000 0000", "13 03 02010480");
	rop(f, "81 00 03", "81 03 02010480");
	rop(f, "59 00 03 0100 0000000000000000", "59 03 02010480");
	rop(f, "38 00 03", "38 03 14010480");
	rop(f, "14 00 03 00 0000", "14 03 00000000 00");
	rop(f, "12 00 03 00 0100 1f00 0130", "12 03 00000000 00");
	rop(f, "15 00 03 00 01 0a00", "15 03 00000000 02 0000");
}

/* MS-OXCTABL 3.2.5.5: as many whole rows as the response buffer holds; the cursor moves past only those. Rows
 * of 4 KB subjects in a 10 KB response buffer: two rows, then the next two. A buffer that cannot hold one
 * row: ecBufferTooSmall. */
static void test_rows_fit_buffer(void **state)
{
	struct fx *f = *state;
	char *big = talloc_zero_array(f->mem, char, 2001);
	memset(big, 'x', 2000);
	for (int i = 0; i < 4; i++)
		new_message(f->inbox_folder, big, 5000 + (uint64_t)i);
	size_t len;
	const uint8_t *r = execute(f, &len, "05 00 01 02 00");
	expect(f, r, len, "05 02 00000000 09000000");
	/* columns PidTagSubject; restricted to the big ones (PidTagMessageDeliveryTime >= 5000) */
	rop(f, "12 00 02 00 0100 1f00 3700", "12 02 00000000 00");
	rop(f, "14 00 02 00 1200 04 03 4000 060e 4000 060e 8813000000000000", "14 02 00000000 00");
	f->max_out = 10000;
	r = execute(f, &len, "15 00 02 00 01 0a00");
	assert_int_equal(r[0], 0x15);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], BOOKMARK_CURRENT);
	assert_int_equal(r[7] | r[8] << 8, 2);
	assert_int_equal(len, 9 + 2 * (1 + 2001 * 2)); /* Flag, 2000 UTF-16 units and a terminator */
	expect_position(f, 2, 4);
	r = execute(f, &len, "15 00 02 00 01 0a00");
	assert_int_equal(r[6], BOOKMARK_END);
	assert_int_equal(r[7] | r[8] << 8, 2);
	expect_position(f, 4, 4);
	/* backward, 10 rows asked: the two nearest the cursor */
	r = execute(f, &len, "15 00 02 00 00 0a00");
	assert_int_equal(r[6], BOOKMARK_CURRENT);
	assert_int_equal(r[7] | r[8] << 8, 2);
	expect_position(f, 2, 4);
	/* 3 KB: not one row */
	f->max_out = 3000;
	rop(f, "15 00 02 00 01 0a00", "15 02 7d040000");
	expect_position(f, 2, 4);
	/* RopFindRow: the row found does not fit, HasRowData 0, the cursor on it */
	r = execute(f, &len, "4f 00 02 00 0000 00 0000");
	expect(f, r, len, "4f 02 00000000 00 00");
	expect_position(f, 0, 4);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_query_rows, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_seek, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bookmarks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_find_row, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_query_columns_all, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_rows_fit_buffer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
