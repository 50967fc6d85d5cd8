/* src/common/wc_table.c: name index (exact lookup, case-insensitive fallback only when unambiguous) and the
 * lower bound over rows keyed by a leading uint32_t. */
#include "testutil.h"
#include "common/wc_table.h"

/* Sorted as the generators sort: strcasecmp order, then strcmp order. */
static const struct wc_name_entry idx[] = {
        {"ALPHA", 0}, {"Alpha", 1}, {"Beta", 2}, {"beta", 2}, {"delta", 3}, {"delta_x", 4}, {"Gamma", 5},
};
#define N (sizeof idx / sizeof idx[0])

static void test_exact_match_wins(void **state)
{
	assert_ptr_equal(wc_name_index_find(idx, N, "ALPHA"), &idx[0]);
	assert_ptr_equal(wc_name_index_find(idx, N, "Alpha"), &idx[1]);
	assert_ptr_equal(wc_name_index_find(idx, N, "beta"), &idx[3]);
	assert_ptr_equal(wc_name_index_find(idx, N, "delta_x"), &idx[5]);
	assert_ptr_equal(wc_name_index_find(idx, N, "Gamma"), &idx[6]);
}

static void test_case_insensitive_fallback(void **state)
{
	assert_ptr_equal(wc_name_index_find(idx, N, "gamma"), &idx[6]);
	assert_ptr_equal(wc_name_index_find(idx, N, "DELTA"), &idx[4]);
	assert_int_equal(wc_name_index_find(idx, N, "BETA")->row, 2); /* two spellings, one row */
	assert_null(wc_name_index_find(idx, N, "alpha"));             /* two rows: ambiguous */
}

static void test_missing_names(void **state)
{
	assert_null(wc_name_index_find(idx, N, "epsilon"));
	assert_null(wc_name_index_find(idx, N, "del"));
	assert_null(wc_name_index_find(idx, N, ""));
	assert_null(wc_name_index_find(idx, N, "zzz"));
	assert_null(wc_name_index_find(idx, N, "AAA"));
	assert_null(wc_name_index_find(idx, N, NULL));
	assert_null(wc_name_index_find(idx, 0, "Alpha"));
}

struct keyed_row {
	uint32_t key;
	const char *what;
};

static void test_lower_bound_over_keyed_rows(void **state)
{
	static const struct keyed_row rows[] = {
	        {2, "a"}, {5, "b"}, {5, "c"}, {0x80000000u, "d"}, {0xFFFFFFFFu, "e"}};
	const size_t n = sizeof rows / sizeof rows[0];
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 0), 0);
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 2), 0);
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 3), 1);
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 5), 1); /* first of equal keys */
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 6), 3);
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 0x80000000u), 3);
	assert_int_equal(wc_table_lower_bound(rows, n, sizeof rows[0], 0xFFFFFFFFu), 4);
	assert_int_equal(wc_table_lower_bound(rows, 4, sizeof rows[0], 0xFFFFFFFFu), 4); /* past the end */
	assert_int_equal(wc_table_lower_bound(rows, 0, sizeof rows[0], 5), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_exact_match_wins),
	        cmocka_unit_test(test_case_insensitive_fallback),
	        cmocka_unit_test(test_missing_names),
	        cmocka_unit_test(test_lower_bound_over_keyed_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
