/* mapitest OXCTABL: the Table Object protocol (MS-OXCTABL 3.2.5) on contents and hierarchy tables of a
 * folder holding the messages "b", "c", "a" (saved in that order): columns, rows, sorting, restrictions,
 * cursor positions, bookmarks, FindRow. */
#include "mt_server.h"

#include <string.h>

static const uint32_t columns[] = {PidTagMid, PidTagSubject};

struct fixture {
	struct mapi_object *folder, *table;
	uint64_t mids[3]; /* of "b", "c", "a" */
};

/* A folder with the three messages and its contents table with columns PidTagMid, PidTagSubject. */
static void fixture(struct mt *t, struct fixture *x)
{
	static const char *const subjects[] = {"b", "c", "a"};
	x->folder = mt_folder(t, NULL);
	for (int i = 0; i < 3; i++)
		x->mids[i] = mt_message(t, x->folder, subjects[i]);
	mt_rop(t, "RopGetContentsTable", mapi_get_contents_table(x->folder, 0, t->mem, &x->table, NULL));
	mt_rop(t, "RopSetColumns", mapi_table_set_columns(x->table, 2, columns));
}

static struct mapi_property_row_set rows(struct mt *t, struct mapi_object *table, uint16_t max)
{
	struct mapi_property_row_set set;
	mt_rop(t, "RopQueryRows", mapi_table_query_rows(table, max, t->mem, &set));
	return set;
}

/* The subjects of the rows, concatenated ("abc"). */
static char *subjects(struct mt *t, const struct mapi_property_row_set *set)
{
	char *s = talloc_strdup(t->mem, "");
	for (uint16_t i = 0; i < set->count; i++)
		s = talloc_strdup_append(s, mt_row_value(t, &set->rows[i], PidTagSubject)->value.str);
	return s;
}

/* RopSortTable on PidTagSubject */
static void sort_by_subject(struct mt *t, struct mapi_object *table, uint8_t order)
{
	struct mapi_sort_order o = {PT_UNICODE, PROP_ID(PidTagSubject), order};
	struct mapi_sort_order_set s = {1, 0, 0, &o};
	mt_rop(t, "RopSortTable", mapi_table_sort(table, &s));
}

/* MS-OXCDATA 2.12.5 RestrictionType 0x04 on PidTagSubject */
static struct mapi_restriction subject_is(uint8_t relop, const char *value)
{
	struct mapi_restriction res = {.type = RES_PROPERTY};
	res.property.relop = relop;
	res.property.proptag = PidTagSubject;
	res.property.pv.tag = PidTagSubject;
	res.property.pv.value.str = (char *)value;
	return res;
}

/* 3.2.5.2: a synchronous RopSetColumns answers TableStatus TBLSTAT_COMPLETE */
static void test_set_columns(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *table;
	mt_rop(t, "RopGetContentsTable", mapi_get_contents_table(f, 0, t->mem, &table, NULL));
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_SET_COLUMNS, table);
	r->set_columns.property_tag_count = 2;
	r->set_columns.property_tags = (uint32_t *)columns;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_eq(t, "TableStatus", p->set_columns.table_status, TBLSTAT_COMPLETE);
}

/* 3.2.5.2: RopQueryRows before any RopSetColumns fails with ecNullObject */
static void test_query_rows_without_columns(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *table;
	mt_message(t, f, "x");
	mt_rop(t, "RopGetContentsTable", mapi_get_contents_table(f, 0, t->mem, &table, NULL));
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_QUERY_ROWS, table);
	r->query_rows.forward_read = 1;
	r->query_rows.row_count = 10;
	mt_send(t, b, ecNullObject);
}

/* 3.2.5.5: RopQueryRows returns every row once, over the columns set, with the rows' MIDs */
static void test_query_rows(struct mt *t)
{
	struct fixture x;
	fixture(t, &x);
	struct mapi_property_row_set set = rows(t, x.table, 50);
	mt_eq(t, "RowCount", set.count, 3);
	for (uint16_t i = 0; i < set.count; i++) {
		mt_eq(t, "values per row", set.rows[i].count, 2);
		uint64_t mid = (uint64_t)mt_row_value(t, &set.rows[i], PidTagMid)->value.i64;
		mt_true(t, mid == x.mids[0] || mid == x.mids[1] || mid == x.mids[2],
		        "row %u: PidTagMid 0x%016llX is none of the saved messages", i,
		        (unsigned long long)mid);
	}
	set = rows(t, x.table, 50);
	mt_eq(t, "RowCount of a second RopQueryRows at the end", set.count, 0);
}

/* 3.2.5.3: after RopSortTable the rows come in the order of the sort keys */
struct sort_case {
	uint8_t order;
	const char *want;
};

static void run_sort(struct mt *t)
{
	const struct sort_case *c = t->test->arg;
	struct fixture x;
	fixture(t, &x);
	sort_by_subject(t, x.table, c->order);
	struct mapi_property_row_set set = rows(t, x.table, 50);
	mt_eq_str(t, "subjects in row order", subjects(t, &set), c->want);
}

static const struct sort_case sort_ascending = {TABLE_SORT_ASCEND, "abc"};
static const struct sort_case sort_descending = {TABLE_SORT_DESCEND, "cba"};

/* 3.2.5.4 (RopRestrict) with MS-OXCDATA 2.12.5 property restrictions: only the rows that match remain */
struct restrict_case {
	uint8_t relop;
	const char *value, *want;
};

static void run_restrict(struct mt *t)
{
	const struct restrict_case *c = t->test->arg;
	struct fixture x;
	fixture(t, &x);
	sort_by_subject(t, x.table, TABLE_SORT_ASCEND);
	struct mapi_restriction res = subject_is(c->relop, c->value);
	mt_rop(t, "RopRestrict", mapi_table_restrict(x.table, &res));
	struct mapi_property_row_set set = rows(t, x.table, 50);
	mt_eq_str(t, "subjects of the rows left", subjects(t, &set), c->want);
}

static const struct restrict_case restrict_eq = {RELOP_EQ, "b", "b"};
static const struct restrict_case restrict_ne = {RELOP_NE, "b", "ac"};
static const struct restrict_case restrict_gt = {RELOP_GT, "a", "bc"};

/* 3.2.5.9: seeking from the end by -1 leaves one row to read; seeking past the end stops there with
 * HasSoughtLess and the rows actually sought */
static void test_seek_row(struct mt *t)
{
	struct fixture x;
	fixture(t, &x);
	int32_t sought = 0;
	mt_rop(t, "RopSeekRow (END, -1)", mapi_table_seek(x.table, BOOKMARK_END, -1, &sought));
	mt_eq(t, "RowsSought from the end", (uint32_t)sought, (uint32_t)-1);
	struct mapi_property_row_set set = rows(t, x.table, 50);
	mt_eq(t, "rows after seeking to the last", set.count, 1);
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_SEEK_ROW, x.table);
	r->seek_row.origin = BOOKMARK_BEGINNING;
	r->seek_row.row_count = 10;
	r->seek_row.want_row_moved_count = 1;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_true(t, p->seek_row.has_sought_less != 0, "HasSoughtLess: expected TRUE seeking 10 rows of 3");
	mt_eq(t, "RowsSought", p->seek_row.rows_sought, 3);
}

/* 3.2.5.8: RopQueryPosition: Numerator is the cursor's row, Denominator the row count */
static void test_query_position(struct mt *t)
{
	struct fixture x;
	fixture(t, &x);
	rows(t, x.table, 2);
	uint32_t num = 0, den = 0;
	mt_rop(t, "RopQueryPosition", mapi_table_position(x.table, &num, &den));
	mt_eq(t, "Numerator after reading 2 rows", num, 2);
	mt_eq(t, "Denominator", den, 3);
}

/* 3.2.5.5: QueryRowsFlags NoAdvance reads rows without moving the cursor */
static void test_query_rows_no_advance(struct mt *t)
{
	struct fixture x;
	fixture(t, &x);
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_QUERY_ROWS, x.table);
	r->query_rows.query_rows_flags = QUERY_ROWS_NO_ADVANCE;
	r->query_rows.forward_read = 1;
	r->query_rows.row_count = 2;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_eq(t, "RowCount", p->query_rows.rows.count, 2);
	uint32_t num = 9, den = 0;
	mt_rop(t, "RopQueryPosition", mapi_table_position(x.table, &num, &den));
	mt_eq(t, "Numerator after a NoAdvance read", num, 0);
}

/* 3.2.5.14: RopFindRow from the beginning returns the first row matching the restriction */
static void test_find_row(struct mt *t)
{
	struct fixture x;
	fixture(t, &x);
	struct mapi_restriction res = subject_is(RELOP_EQ, "c");
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_FIND_ROW, x.table);
	r->find_row.restriction = &res;
	r->find_row.origin = BOOKMARK_BEGINNING;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_true(t, p->find_row.has_row_data != 0, "HasRowData: expected a row");
	mt_eq_str(t, "PidTagSubject of the row found",
	          mt_row_value(t, &p->find_row.row_data, PidTagSubject)->value.str, "c");
	mt_eq(t, "PidTagMid of the row found", mt_row_value(t, &p->find_row.row_data, PidTagMid)->value.i64,
	      x.mids[1]);
}

/* 3.2.5.12, 3.2.5.10: a bookmark made at a row brings the cursor back to it */
static void test_bookmark(struct mt *t)
{
	struct fixture x;
	fixture(t, &x);
	sort_by_subject(t, x.table, TABLE_SORT_ASCEND);
	rows(t, x.table, 1); /* the cursor is now on "b" */
	struct mapi_batch *b;
	mt_req(t, &b, ROP_CREATE_BOOKMARK, x.table);
	struct mapi_binary mark = mt_send(t, b, ecSuccess)->create_bookmark.bookmark;
	rows(t, x.table, 50);
	struct rop_request *r = mt_req(t, &b, ROP_SEEK_ROW_BOOKMARK, x.table);
	r->seek_row_bookmark.bookmark = mark;
	r->seek_row_bookmark.row_count = 0;
	const struct rop_response *p = mt_send(t, b, ecSuccess);
	mt_eq(t, "RowNoLongerVisible", p->seek_row_bookmark.row_no_longer_visible, 0);
	struct mapi_property_row_set set = rows(t, x.table, 50);
	mt_eq_str(t, "rows from the bookmark", subjects(t, &set), "bc");
}

/* MS-OXCFOLD 3.2.5.13 with 3.2.5.5: the hierarchy table's rows are the subfolders, with their names */
static void test_hierarchy_rows(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *sub, *table;
	mt_rop(t, "RopCreateFolder", mapi_create_folder(f, "only child", "", false, t->mem, &sub, NULL));
	mt_rop(t, "RopGetHierarchyTable", mapi_get_hierarchy_table(f, 0, t->mem, &table, NULL));
	static const uint32_t cols[] = {PidTagDisplayName, PidTagFolderId};
	mt_rop(t, "RopSetColumns", mapi_table_set_columns(table, 2, cols));
	struct mapi_property_row_set set = rows(t, table, 10);
	mt_eq(t, "RowCount", set.count, 1);
	mt_eq_str(t, "PidTagDisplayName", mt_row_value(t, &set.rows[0], PidTagDisplayName)->value.str,
	          "only child");
	mt_eq(t, "PidTagFolderId", mt_row_value(t, &set.rows[0], PidTagFolderId)->value.i64,
	      mapi_object_id(sub));
}

#define T(name, clause, fn)                                                                                  \
	{                                                                                                    \
		"OXCTABL", name, clause, fn, NULL                                                            \
	}
#define A(name, clause, fn, arg)                                                                             \
	{                                                                                                    \
		"OXCTABL", name, clause, fn, &arg                                                            \
	}

static const struct mt_test tests[] = {
        T("set_columns_complete", "MS-OXCTABL 3.2.5.2", test_set_columns),
        T("query_rows_without_set_columns", "MS-OXCTABL 3.2.5.2", test_query_rows_without_columns),
        T("query_rows_all_rows_once", "MS-OXCTABL 3.2.5.5", test_query_rows),
        T("query_rows_no_advance", "MS-OXCTABL 3.2.5.5", test_query_rows_no_advance),
        A("sort_table_ascending", "MS-OXCTABL 3.2.5.3", run_sort, sort_ascending),
        A("sort_table_descending", "MS-OXCTABL 3.2.5.3", run_sort, sort_descending),
        A("restrict_equal", "MS-OXCTABL 3.2.5.4", run_restrict, restrict_eq),
        A("restrict_not_equal", "MS-OXCTABL 3.2.5.4", run_restrict, restrict_ne),
        A("restrict_greater", "MS-OXCTABL 3.2.5.4", run_restrict, restrict_gt),
        T("seek_row", "MS-OXCTABL 3.2.5.9", test_seek_row),
        T("query_position", "MS-OXCTABL 3.2.5.8", test_query_position),
        T("find_row", "MS-OXCTABL 3.2.5.14", test_find_row),
        T("bookmark", "MS-OXCTABL 3.2.5.12", test_bookmark),
        T("hierarchy_table_rows", "MS-OXCTABL 3.2.5.5", test_hierarchy_rows),
};

MT_TEST_LIST(mt_suite_oxctabl, tests);
