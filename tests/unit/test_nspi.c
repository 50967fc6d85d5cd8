/* src/server/nspi: the NSPI methods (MS-OXNSPI 3.1.4.1) over a temporary directory of 20 users, 5 groups and
 * 5 contacts. Expected orders and positions are worked by hand from the rules: GAL order is the display name
 * with case and accents ignored (see GAL below), positions follow MS-OXNSPI 3.1.4.5. */
#include "testutil.h"
#include "common/mapi_errors.h"
#include "common/wc_error.h"
#include "mapi/mapi_proptags.h"
#include "server/nspi/nspi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CP_1252 1252
#define ORG_DN "/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"

static const struct {
	const char *alias, *display;
	enum dir_kind kind;
} objects[] = {
        {"ezola", "Émile Zola", DIR_USER},
        {"aadams", "Anna Adams", DIR_USER},
        {"aberg", "anton Berg", DIR_USER},
        {"amuller", "Ärni Müller", DIR_USER},
        {"bborg", "Björn Borg", DIR_USER},
        {"bbaum", "Bernd Baum", DIR_USER},
        {"cdupont", "Cécile Dupont", DIR_USER},
        {"cczerny", "Carl Czerny", DIR_USER},
        {"ddiaz", "Dora Diaz", DIR_USER},
        {"eegg", "Edgar Egg", DIR_USER},
        {"ffischer", "Frank Fischer", DIR_USER},
        {"fgross", "Fritz Groß", DIR_USER},
        {"ggarbo", "Greta Garbo", DIR_USER},
        {"hhuber", "Hans Huber", DIR_USER},
        {"iihle", "Ida Ihle", DIR_USER},
        {"jsmith", "John Smith", DIR_USER},
        {"jsmithers", "John Smithers", DIR_USER},
        {"kkrause", "Karl Krause", DIR_USER},
        {"zzimmer", "Zoë Zimmer", DIR_USER},
        {"oroi", "Œdipe Roi", DIR_USER},
        {"sales", "Sales", DIR_GROUP},
        {"marketing", "Marketing", DIR_GROUP},
        {"engineering", "Engineering", DIR_GROUP},
        {"allstaff", "All Staff", DIR_GROUP},
        {"board", "Board", DIR_GROUP},
        {"xext", "Xavier External", DIR_CONTACT},
        {"yyang", "Yvonne Yang", DIR_CONTACT},
        {"qquarry", "Quentin Quarry", DIR_CONTACT},
        {"pparker", "Peter Parker", DIR_CONTACT},
        {"wwhite", "Walter White", DIR_CONTACT},
};
#define NOBJ (sizeof objects / sizeof *objects)

/* The GAL by hand: folded display names "all staff" < "anna adams" < "anton berg" < "arni muller" <
 * "bernd baum" < "bjorn borg" < "board" < "carl czerny" < "cecile dupont" < "dora diaz" < "edgar egg" <
 * "emile zola" < "engineering" < "frank fischer" < "fritz gross" < "greta garbo" < "hans huber" <
 * "ida ihle" < "john smith" < "john smithers" < "karl krause" < "marketing" < "oedipe roi" <
 * "peter parker" < "quentin quarry" < "sales" < "walter white" < "xavier external" < "yvonne yang" <
 * "zoe zimmer". */
static const char *const gal[] = {
        "allstaff", "aadams", "aberg",  "amuller",   "bbaum",       "bborg",     "board",  "cczerny",
        "cdupont",  "ddiaz",  "eegg",   "ezola",     "engineering", "ffischer",  "fgross", "ggarbo",
        "hhuber",   "iihle",  "jsmith", "jsmithers", "kkrause",     "marketing", "oroi",   "pparker",
        "qquarry",  "sales",  "wwhite", "xext",      "yyang",       "zzimmer",
};

struct fixture {
	TALLOC_CTX *mem;
	char *dir, *path;
	struct dir_handle *h;
	struct nspi_config cfg;
	struct wc_guid server_guid; /* the directory's (dir_org.server_guid) */
	struct nspi_session *s;
	uint32_t mids[NOBJ];
};
static struct fixture *F;

static uint32_t mid_of(const char *alias)
{
	for (size_t i = 0; i < NOBJ; i++)
		if (strcmp(objects[i].alias, alias) == 0)
			return F->mids[i];
	fail_msg("no object %s", alias);
	return 0;
}

static struct mapi_nspi_stat stat_at(uint32_t container, uint32_t current, int32_t delta)
{
	struct mapi_nspi_stat st = {.sort_type = SORT_TYPE_DISPLAY_NAME,
	                            .container_id = container,
	                            .current_rec = current,
	                            .delta = delta,
	                            .code_page = CP_1252,
	                            .template_locale = NSPI_DEFAULT_LOCALE,
	                            .sort_locale = NSPI_DEFAULT_LOCALE};
	return st;
}

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	f->mem = talloc_new(f);
	f->dir = talloc_strdup(f, "/tmp/wc_nspi_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = talloc_asprintf(f, "%s/directory.db", f->dir);
	assert_int_equal(dir_open(f, f->path, DIR_OPEN_CREATE, 5000, &f->h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(f->h, "Example Org", "example.com"), DIR_OK);
	for (size_t i = 0; i < NOBJ; i++) {
		int rc;
		if (objects[i].kind == DIR_USER) {
			struct dir_user_spec spec = {.alias = objects[i].alias,
			                             .display_name = objects[i].display};
			rc = dir_user_add(f->h, &spec, &f->mids[i]);
		} else if (objects[i].kind == DIR_GROUP) {
			rc = dir_group_add(f->h, objects[i].alias, objects[i].display, NULL, &f->mids[i]);
		} else {
			char *smtp = talloc_asprintf(f, "%s@partner.org", objects[i].alias);
			rc = dir_contact_add(f->h, objects[i].alias, objects[i].display, smtp, &f->mids[i]);
		}
		if (rc != DIR_OK)
			fail_msg("adding %s: %s", objects[i].alias, dir_strerror(rc));
	}
	const char *members[] = {"jsmith", "ddiaz", "xext"};
	assert_int_equal(dir_group_change_members(f->h, "sales", members, 3, NULL, 0, NULL), DIR_OK);
	f->cfg.host = "mail.example.com";
	f->cfg.tls = true;
	struct dir_org *org;
	assert_int_equal(dir_org_get(f->h, f, &org), DIR_OK);
	f->server_guid = org->server_guid;
	struct mapi_nspi_stat st = stat_at(0, 0, 0);
	struct wc_guid g;
	assert_int_equal(nspi_bind(f, f->h, &f->cfg, "jsmith", 0, &st, &f->s, &g), ecSuccess);
	assert_true(wc_guid_equal(&g, &f->server_guid));
	F = f;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(nspi_unbind(f->s), ecUnbindSuccess);
	talloc_free(f->h);
	char *cmd = talloc_asprintf(f, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(f);
	return 0;
}

static const uint32_t account_col[] = {PidTagAccount};
static const struct mapi_u32_array account_cols = {1, (uint32_t *)account_col};

/* QueryRows of the Account column; checks the rows are gal[first..first+n). */
static void query_expect(struct mapi_nspi_stat *st, uint32_t count, size_t first, size_t n)
{
	struct mapi_abk_rowset *rs = NULL;
	assert_int_equal(nspi_query_rows(F->s, F->mem, 0, st, NULL, count, &account_cols, &rs), ecSuccess);
	assert_int_equal(rs->count, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(rs->rows[i].flags, MAPI_ROW_STANDARD);
		assert_string_equal(rs->rows[i].values[0].pv.value.str, gal[first + i]);
	}
}

static void test_gal_order_and_totals(void **state)
{
	(void)state;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
	query_expect(&st, 100, 0, 30);
	assert_int_equal(st.current_rec, MID_END_OF_TABLE);
	assert_int_equal(st.num_pos, 30);
	assert_int_equal(st.total_recs, 30);
	/* the address lists hold 20 users, 5 groups, 5 contacts */
	uint32_t lists[3][2] = {
	        {NSPI_MID_ALL_USERS, 20}, {NSPI_MID_ALL_GROUPS, 5}, {NSPI_MID_ALL_CONTACTS, 5}};
	for (int i = 0; i < 3; i++) {
		st = stat_at(lists[i][0], MID_BEGINNING_OF_TABLE, 0);
		assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
		assert_int_equal(st.total_recs, lists[i][1]);
	}
	st = stat_at(0x12345, MID_BEGINNING_OF_TABLE, 0);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecInvalidBookmark);
}

static void test_page_forward(void **state)
{
	(void)state;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
	for (size_t first = 0; first < 30; first += 7) {
		query_expect(&st, 7, first, first + 7 <= 30 ? 7 : 30 - first);
		size_t next = first + 7 <= 30 ? first + 7 : 30;
		assert_int_equal(st.num_pos, next);
		assert_int_equal(st.current_rec, next < 30 ? mid_of(gal[next]) : MID_END_OF_TABLE);
		assert_int_equal(st.delta, 0);
	}
	/* after the end: MS-OXNSPI 3.1.4.1.8 c15, Count rows of PtypErrorCode values; still at the end */
	struct mapi_abk_rowset *rs = NULL;
	assert_int_equal(nspi_query_rows(F->s, F->mem, 0, &st, NULL, 7, &account_cols, &rs), ecSuccess);
	assert_int_equal(rs->count, 7);
	for (size_t i = 0; i < 7; i++) {
		assert_int_equal(rs->rows[i].flags, MAPI_ROW_FLAGGED);
		assert_int_equal(rs->rows[i].values[0].flag, MAPI_VALUE_ERROR);
		assert_int_equal(rs->rows[i].values[0].pv.tag, CHANGE_PROP_TYPE(PidTagAccount, PT_ERROR));
		assert_int_equal(rs->rows[i].values[0].pv.value.err, ecNotFound);
	}
	assert_int_equal(st.current_rec, MID_END_OF_TABLE);
	assert_int_equal(st.num_pos, 30);
	/* a hostile Count is bounded: at most MAPI_NSPI_MAX_COUNT values */
	assert_int_equal(nspi_query_rows(F->s, F->mem, 0, &st, NULL, 0xFFFFFFFF, &account_cols, &rs),
	                 ecSuccess);
	assert_int_equal(rs->count, MAPI_NSPI_MAX_COUNT);
	/* CurrentRec "cczerny" (row 7) with Delta 2: rows 9.. */
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("cczerny"), 2);
	query_expect(&st, 3, 9, 3);
	assert_int_equal(st.current_rec, mid_of("engineering")); /* row 12 */
	assert_int_equal(st.num_pos, 12);
}

static void test_page_backward(void **state)
{
	(void)state;
	/* MID_END_OF_TABLE, Delta -5: rows 25..29, then at the end again */
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_END_OF_TABLE, -5);
	query_expect(&st, 5, 25, 5);
	assert_int_equal(st.current_rec, MID_END_OF_TABLE);
	assert_int_equal(st.num_pos, 30);
	/* a page back from row 10 ("eegg"): Delta -10 lands on row 0 */
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("eegg"), -10);
	query_expect(&st, 2, 0, 2);
	/* moving before the start stops at the first row (3.1.4.5.1 step 7) */
	st = stat_at(NSPI_GAL_CONTAINER, MID_END_OF_TABLE, -31);
	int32_t moved = 99;
	assert_int_equal(nspi_update_stat(F->s, &st, &moved), ecSuccess);
	assert_int_equal(st.current_rec, mid_of("allstaff"));
	assert_int_equal(st.num_pos, 0);
	assert_int_equal(moved, -30);
}

static void test_update_stat(void **state)
{
	(void)state;
	int32_t moved;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, mid_of("jsmith"), 3); /* row 18 + 3 */
	assert_int_equal(nspi_update_stat(F->s, &st, &moved), ecSuccess);
	assert_int_equal(st.current_rec, mid_of("marketing"));
	assert_int_equal(st.num_pos, 21);
	assert_int_equal(st.total_recs, 30);
	assert_int_equal(moved, 3);
	assert_int_equal(st.delta, 0);
	/* past the end: MID_END_OF_TABLE, one past the last row (step 8) */
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("jsmith"), 100);
	assert_int_equal(nspi_update_stat(F->s, &st, &moved), ecSuccess);
	assert_int_equal(st.current_rec, MID_END_OF_TABLE);
	assert_int_equal(st.num_pos, 30);
	assert_int_equal(moved, 12);
	/* fractional: 30 * 1 / 2 = row 15 */
	st = stat_at(NSPI_GAL_CONTAINER, MID_CURRENT, 0);
	st.num_pos = 1;
	st.total_recs = 2;
	assert_int_equal(nspi_update_stat(F->s, &st, &moved), ecSuccess);
	assert_int_equal(st.current_rec, mid_of("ggarbo"));
	assert_int_equal(st.num_pos, 15);
	assert_int_equal(moved, 0);
	/* fractional beyond the end is the end (3.1.4.5.2 step 5) */
	st = stat_at(NSPI_GAL_CONTAINER, MID_CURRENT, 0);
	st.num_pos = 5;
	st.total_recs = 2;
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
	assert_int_equal(st.current_rec, MID_END_OF_TABLE);
	/* CurrentRec not in the container: a group in All Users, an unknown MId; the STAT stays */
	st = stat_at(NSPI_MID_ALL_USERS, mid_of("sales"), 0);
	struct mapi_nspi_stat before = st;
	assert_int_equal(nspi_update_stat(F->s, &st, &moved), ecNotFound);
	assert_memory_equal(&st, &before, sizeof st);
	st = stat_at(NSPI_GAL_CONTAINER, 0x7FFFF, 0);
	assert_int_equal(nspi_query_rows(F->s, F->mem, 0, &st, NULL, 5, &account_cols,
	                                 &(struct mapi_abk_rowset *){NULL}),
	                 ecNotFound);
	/* in All Users, "jsmith" is row 15 of 20: aadams aberg amuller bbaum bborg cczerny cdupont ddiaz eegg
	 * ezola ffischer fgross ggarbo hhuber iihle jsmith ... */
	st = stat_at(NSPI_MID_ALL_USERS, mid_of("jsmith"), 0);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
	assert_int_equal(st.num_pos, 15);
	assert_int_equal(st.total_recs, 20);
}

static void test_seek_entries(void **state)
{
	(void)state;
	struct mapi_abk_value t = {.has_value = true};
	struct mapi_abk_rowset *rs = NULL;
	struct {
		uint32_t type;
		const char *text;
		size_t row;
	} cases[] = {
	        {PT_UNICODE, "fr", 13},         /* "frank fischer" */
	        {PT_UNICODE, "Ö", 22},          /* "o" -> "oedipe roi" */
	        {PT_STRING8, "\xC9", 10},       /* 1252 É -> "e" -> "edgar egg" */
	        {PT_UNICODE, "john smith", 18}, /* equal counts */
	        {PT_UNICODE, "", 0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
		t.pv.tag = CHANGE_PROP_TYPE(PidTagDisplayName, cases[i].type);
		t.pv.value.str = (char *)cases[i].text;
		assert_int_equal(nspi_seek_entries(F->s, F->mem, &st, &t, NULL, &account_cols, &rs),
		                 ecSuccess);
		assert_int_equal(st.current_rec, mid_of(gal[cases[i].row]));
		assert_int_equal(st.num_pos, cases[i].row);
		assert_int_equal(st.total_recs, 30);
		assert_true(rs->count > 0);
		assert_string_equal(rs->rows[0].values[0].pv.value.str, gal[cases[i].row]);
	}
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
	t.pv.tag = PidTagDisplayName;
	t.pv.value.str = "zz";
	assert_int_equal(nspi_seek_entries(F->s, F->mem, &st, &t, NULL, NULL, &rs), ecNotFound);
	t.pv.tag = PidTagAccount; /* 3.1.4.1.9 c11 */
	assert_int_equal(nspi_seek_entries(F->s, F->mem, &st, &t, NULL, NULL, &rs), ecError);
	/* in an Explicit Table: position and total are the table's */
	uint32_t et[] = {mid_of("aadams"), mid_of("hhuber"), mid_of("kkrause")};
	struct mapi_u32_array eta = {3, et};
	t.pv.value.str = "i";
	t.pv.tag = PidTagDisplayName;
	assert_int_equal(nspi_seek_entries(F->s, F->mem, &st, &t, &eta, &account_cols, &rs), ecSuccess);
	assert_int_equal(st.current_rec, mid_of("kkrause"));
	assert_int_equal(st.num_pos, 2);
	assert_int_equal(st.total_recs, 3);
	assert_int_equal(rs->count, 1);
}

static void test_resolve_names(void **state)
{
	(void)state;
	const char *names[] = {"jsmith",
	                       "John",
	                       "John Smith",
	                       "nobody",
	                       "",
	                       "Mül",
	                       "ezola@example.com",
	                       "Zola",
	                       "SMTP:xext@partner.org"};
	/* MS-OXNSPI 3.1.4.1.17 c6: the ANR outcomes of 2.2.1.9, not the objects' MIds */
	uint32_t want[] = {MID_RESOLVED, MID_AMBIGUOUS, MID_RESOLVED, MID_UNRESOLVED, MID_UNRESOLVED,
	                   MID_RESOLVED, MID_RESOLVED,  MID_RESOLVED, MID_RESOLVED};
	struct mapi_nspi_strings in = {9, (char **)names};
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rs;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, 0, 0);
	assert_int_equal(nspi_resolve_names(F->s, F->mem, &st, &account_cols, &in, true, &mids, &rs),
	                 ecSuccess);
	assert_int_equal(mids->count, 9);
	for (int i = 0; i < 9; i++)
		assert_int_equal(mids->values[i], want[i]);
	/* one row per resolved name, in order: which object each name resolved to */
	const char *rows_want[] = {"jsmith", "jsmith", "amuller", "ezola", "ezola", "xext"};
	assert_int_equal(rs->count, 6);
	for (int i = 0; i < 6; i++)
		assert_string_equal(rs->rows[i].values[0].pv.value.str, rows_want[i]);
	/* the 8-bit form in code page 1252: "\xC9mile" is "Émile"; only in All Contacts "John" is unknown */
	const char *names8[] = {"\xC9mile", "John"};
	struct mapi_nspi_strings in8 = {2, (char **)names8};
	assert_int_equal(nspi_resolve_names(F->s, F->mem, &st, &account_cols, &in8, false, &mids, &rs),
	                 ecSuccess);
	assert_int_equal(mids->values[0], MID_RESOLVED);
	assert_int_equal(rs->count, 1);
	assert_string_equal(rs->rows[0].values[0].pv.value.str, "ezola");
	st.container_id = NSPI_MID_ALL_CONTACTS;
	assert_int_equal(nspi_resolve_names(F->s, F->mem, &st, NULL, &in8, false, &mids, &rs), ecSuccess);
	assert_int_equal(mids->values[1], MID_UNRESOLVED);
}

/* GetProps of n tags of one object in the GAL, which must answer want. */
static struct mapi_abk_proplist *props_of(const char *alias, uint32_t *tags, uint32_t n, uint32_t want)
{
	struct mapi_u32_array ta = {n, tags};
	struct mapi_abk_proplist *pl = NULL;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, mid_of(alias), 0);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ta, &pl), want);
	return pl;
}

/* The directory's person fields as MS-OXOABK 2.2.4 properties, and ANR by given name and surname prefix. */
static void test_person_properties_and_anr(void **state)
{
	(void)state;
	struct dir_user_change ch = {.enabled = -1, .quota_bytes = -1};
	ch.person[DIR_GIVEN_NAME] = "Theodora";
	ch.person[DIR_SURNAME] = "Díaz-Ortega";
	ch.person[DIR_TITLE] = "Engineer";
	ch.person[DIR_DEPARTMENT] = "Research";
	ch.person[DIR_OFFICE] = "Building 4";
	ch.person[DIR_PHONE] = "+49 30 1234";
	assert_int_equal(dir_user_update(F->h, "ddiaz", &ch), DIR_OK);
	uint32_t tags[] = {PidTagGivenName,      CHANGE_PROP_TYPE(PidTagSurname, PT_STRING8),
	                   PidTagTitle,          PidTagDepartmentName,
	                   PidTagOfficeLocation, PidTagBusinessTelephoneNumber};
	struct mapi_abk_proplist *pl = props_of("ddiaz", tags, 6, ecSuccess);
	assert_string_equal(pl->values[0].pv.value.str, "Theodora");
	assert_int_equal(pl->values[1].pv.tag, 0x3A11001E);
	assert_string_equal(pl->values[1].pv.value.str, "D\xED"
	                                                "az-Ortega"); /* Windows-1252 */
	assert_string_equal(pl->values[2].pv.value.str, "Engineer");
	assert_string_equal(pl->values[3].pv.value.str, "Research");
	assert_string_equal(pl->values[4].pv.value.str, "Building 4");
	assert_string_equal(pl->values[5].pv.value.str, "+49 30 1234");
	/* GetPropList lists them for ddiaz, not for a user without them */
	struct mapi_u32_array *list;
	assert_int_equal(nspi_get_prop_list(F->s, F->mem, 0, mid_of("ddiaz"), CP_1252, &list), ecSuccess);
	int found = 0;
	for (uint32_t i = 0; i < list->count; i++)
		found += list->values[i] == CHANGE_PROP_TYPE(PidTagGivenName, PT_STRING8) ||
		         list->values[i] == CHANGE_PROP_TYPE(PidTagBusinessTelephoneNumber, PT_STRING8);
	assert_int_equal(found, 2);
	assert_int_equal(nspi_get_prop_list(F->s, F->mem, 0, mid_of("eegg"), CP_1252, &list), ecSuccess);
	for (uint32_t i = 0; i < list->count; i++)
		assert_int_not_equal(PROP_ID(list->values[i]), PROP_ID(PidTagGivenName));
	/* ANR: "Theo" is only ddiaz's given name, "diaz-o" only a prefix of the surname; "Dora" is still the
	 * display name's first word */
	const char *names[] = {"Theo", "diaz-o", "Dora"};
	struct mapi_nspi_strings in = {3, (char **)names};
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rs;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, 0, 0);
	assert_int_equal(nspi_resolve_names(F->s, F->mem, &st, &account_cols, &in, true, &mids, &rs),
	                 ecSuccess);
	assert_int_equal(rs->count, 3);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(mids->values[i], MID_RESOLVED);
		assert_string_equal(rs->rows[i].values[0].pv.value.str, "ddiaz");
	}
}

static void test_dn_to_mid_and_compare(void **state)
{
	(void)state;
	const char *dns[] = {ORG_DN "/cn=Recipients/cn=jsmith", ORG_DN "/CN=RECIPIENTS/CN=SALES",
	                     ORG_DN "/cn=Recipients/cn=nobody", "/"};
	struct mapi_nspi_strings in = {4, (char **)dns};
	struct mapi_u32_array *mids;
	assert_int_equal(nspi_dn_to_mid(F->s, F->mem, &in, &mids), ecSuccess);
	assert_int_equal(mids->count, 4);
	assert_int_equal(mids->values[0], mid_of("jsmith"));
	assert_int_equal(mids->values[1], mid_of("sales"));
	assert_int_equal(mids->values[2], 0);
	assert_int_equal(mids->values[3], 0); /* the GAL's DN: ContainerID 0 */
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, 0, 0);
	int32_t r = 0;
	assert_int_equal(nspi_compare_mids(F->s, &st, mid_of("aadams"), mid_of("zzimmer"), &r), ecSuccess);
	assert_true(r < 0);
	assert_int_equal(nspi_compare_mids(F->s, &st, mid_of("ezola"), mid_of("eegg"), &r), ecSuccess);
	assert_true(r > 0);
	assert_int_equal(nspi_compare_mids(F->s, &st, mid_of("oroi"), mid_of("oroi"), &r), ecSuccess);
	assert_int_equal(r, 0);
	assert_int_equal(nspi_compare_mids(F->s, &st, mid_of("oroi"), 0x7FFFF, &r), ecError);
	st.container_id = NSPI_MID_ALL_GROUPS;
	assert_int_equal(nspi_compare_mids(F->s, &st, mid_of("sales"), mid_of("jsmith"), &r), ecError);
}

/* MS-OXNSPI 2.2.9.3 PermanentEntryID of a DN: IDType 0x00, R1-R3 0, GUID_NSPI, R4 1, display type, DN. */
static void check_permanent(const struct mapi_binary *b, uint32_t dt, const char *dn)
{
	static const uint8_t head[] = {0x00, 0x00, 0x00, 0x00, 0xDC, 0xA7, 0x40, 0xC8,
	                               0xC0, 0x42, 0x10, 0x1A, 0xB4, 0xB9, 0x08, 0x00,
	                               0x2B, 0x2F, 0xE1, 0x82, 0x01, 0x00, 0x00, 0x00};
	assert_int_equal(b->len, 28 + strlen(dn) + 1);
	assert_memory_equal(b->data, head, sizeof head);
	uint8_t dtb[4] = {(uint8_t)dt, (uint8_t)(dt >> 8), (uint8_t)(dt >> 16), (uint8_t)(dt >> 24)};
	assert_memory_equal(b->data + 24, dtb, 4);
	assert_memory_equal(b->data + 28, dn, strlen(dn) + 1);
}

static void test_get_props(void **state)
{
	(void)state;
	uint32_t tags[] = {PidTagDisplayName,  CHANGE_PROP_TYPE(PidTagDisplayName, PT_STRING8),
	                   PidTagAccount,      PidTagSmtpAddress,
	                   PidTagAddressType,  PidTagDisplayType,
	                   PidTagObjectType,   PidTagDepartmentName,
	                   PidTagEntryId,      PidTagInstanceKey,
	                   PidTagEmailAddress, PidTagAddressBookProxyAddresses};
	struct mapi_abk_proplist *pl = props_of("ezola", tags, 12, ecWarnWithErrors);
	assert_int_equal(pl->count, 12);
	assert_string_equal(pl->values[0].pv.value.str, "Émile Zola");
	assert_int_equal(pl->values[1].pv.tag, 0x3001001E);
	assert_string_equal(pl->values[1].pv.value.str, "\xC9mile Zola"); /* Windows-1252 */
	assert_string_equal(pl->values[2].pv.value.str, "ezola");
	assert_string_equal(pl->values[3].pv.value.str, "ezola@example.com");
	assert_string_equal(pl->values[4].pv.value.str, "EX");
	assert_int_equal(pl->values[5].pv.value.i32, DT_MAILUSER);
	assert_int_equal(pl->values[6].pv.value.i32, 6);    /* MAPI_MAILUSER */
	assert_int_equal(pl->values[7].pv.tag, 0x3A18000A); /* no department: PtypErrorCode */
	assert_int_equal(pl->values[7].pv.value.err, ecNotFound);
	check_permanent(&pl->values[8].pv.value.bin, DT_MAILUSER, ORG_DN "/cn=Recipients/cn=ezola");
	uint32_t m = mid_of("ezola");
	uint8_t ik[4] = {(uint8_t)m, (uint8_t)(m >> 8), (uint8_t)(m >> 16), (uint8_t)(m >> 24)};
	assert_int_equal(pl->values[9].pv.value.bin.len, 4);
	assert_memory_equal(pl->values[9].pv.value.bin.data, ik, 4);
	assert_string_equal(pl->values[10].pv.value.str, ORG_DN "/cn=Recipients/cn=ezola");
	assert_int_equal(pl->values[11].pv.value.mv.count, 1);
	assert_string_equal(pl->values[11].pv.value.mv.str[0], "SMTP:ezola@example.com");

	/* fEphID: MS-OXNSPI 2.2.9.2, 87 00 00 00, the server GUID, R4 1, display type, MId */
	uint32_t eid[] = {PidTagEntryId, CHANGE_PROP_TYPE(PidTagDisplayName, PT_STRING8)};
	struct mapi_u32_array ea = {2, eid};
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, mid_of("oroi"), 0);
	st.code_page = 20127; /* US-ASCII: Œ has no byte */
	assert_int_equal(nspi_get_props(F->s, F->mem, NSPI_EPH_ID, &st, &ea, &pl), ecSuccess);
	const struct mapi_binary *b = &pl->values[0].pv.value.bin;
	assert_int_equal(b->len, 32);
	/* the ProviderUID is the directory's server GUID */
	const uint8_t flags_eph[] = {0x87, 0, 0, 0}, r4_dt[] = {1, 0, 0, 0, 0, 0, 0, 0};
	struct wc_reader gr = {b->data + 4, 16, 0};
	struct wc_guid uid;
	assert_memory_equal(b->data, flags_eph, 4);
	assert_true(wc_read_guid(&gr, &uid) && wc_guid_equal(&uid, &F->server_guid));
	assert_memory_equal(b->data + 20, r4_dt, 8);
	m = mid_of("oroi");
	uint8_t mb[4] = {(uint8_t)m, (uint8_t)(m >> 8), (uint8_t)(m >> 16), (uint8_t)(m >> 24)};
	assert_memory_equal(b->data + 28, mb, 4);
	assert_string_equal(pl->values[1].pv.value.str, "?dipe Roi");
	/* CP_WINUNICODE in the STAT is refused, an unknown object has no values */
	st.code_page = CP_WINUNICODE;
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ea, &pl), ecInvalidCodepage);
	st = stat_at(NSPI_GAL_CONTAINER, 0x7FFFF, 0);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ea, &pl), ecWarnWithErrors);
	assert_int_equal(PROP_TYPE(pl->values[0].pv.tag), PT_ERROR);
	/* GetPropList: strings as PtypString8, no object-valued properties with fSkipObjects */
	struct mapi_u32_array *list;
	assert_int_equal(nspi_get_prop_list(F->s, F->mem, 0, mid_of("sales"), CP_1252, &list), ecSuccess);
	bool has_member = false, has_name8 = false;
	for (uint32_t i = 0; i < list->count; i++) {
		has_member |= list->values[i] == PidTagAddressBookMember;
		has_name8 |= list->values[i] == 0x3001001E;
		assert_int_not_equal(PROP_TYPE(list->values[i]), PT_UNICODE);
	}
	assert_true(has_member && has_name8);
	assert_int_equal(nspi_get_prop_list(F->s, F->mem, NSPI_SKIP_OBJECTS, mid_of("sales"), CP_1252, &list),
	                 ecSuccess);
	for (uint32_t i = 0; i < list->count; i++)
		assert_int_not_equal(PROP_TYPE(list->values[i]), PT_OBJECT);
}

static void test_query_rows_default_columns(void **state)
{
	(void)state;
	/* 3.1.4.1.8 c6: ContainerId, ObjectType, DisplayType, DisplayName, telephone, department, office; the
	 * last three are not in the directory, so the row is flagged with errors there */
	struct mapi_nspi_stat st = stat_at(NSPI_MID_ALL_GROUPS, MID_BEGINNING_OF_TABLE, 0);
	struct mapi_abk_rowset *rs;
	assert_int_equal(nspi_query_rows(F->s, F->mem, 0, &st, NULL, 1, NULL, &rs), ecSuccess);
	assert_int_equal(rs->columns.count, 7);
	assert_int_equal(rs->columns.values[3], 0x3001001E);
	assert_int_equal(rs->count, 1);
	const struct mapi_abk_row *r = &rs->rows[0];
	assert_int_equal(r->flags, MAPI_ROW_FLAGGED);
	assert_int_equal(r->values[0].flag, MAPI_VALUE_PRESENT);
	assert_int_equal((uint32_t)r->values[0].pv.value.i32, mid_of("allstaff"));
	assert_int_equal(r->values[1].pv.value.i32, 8); /* MAPI_DISTLIST */
	assert_int_equal(r->values[2].pv.value.i32, DT_DISTLIST);
	assert_string_equal(r->values[3].pv.value.str, "All Staff");
	for (int c = 4; c < 7; c++) {
		assert_int_equal(r->values[c].flag, MAPI_VALUE_ERROR);
		assert_int_equal(r->values[c].pv.value.err, ecNotFound);
	}
	/* the row encodes (MS-OXCMAPIHTTP 2.2.1.7 flagged row) */
	struct wc_writer w;
	wc_writer_init(&w, F->mem, 4096);
	assert_int_equal(mapi_abk_rowset_push(&w, rs), 0);
	/* an Explicit Table: rows from its start, an unknown MId gives a row of errors, STAT untouched */
	uint32_t et[] = {mid_of("zzimmer"), 0x7FFFF, mid_of("aadams")};
	struct mapi_u32_array eta = {3, et};
	struct mapi_nspi_stat before = st;
	assert_int_equal(nspi_query_rows(F->s, F->mem, 0, &st, &eta, 10, &account_cols, &rs), ecSuccess);
	assert_int_equal(rs->count, 3);
	assert_string_equal(rs->rows[0].values[0].pv.value.str, "zzimmer");
	assert_int_equal(rs->rows[1].flags, MAPI_ROW_FLAGGED);
	assert_int_equal(rs->rows[1].values[0].flag, MAPI_VALUE_ERROR);
	assert_memory_equal(&st, &before, sizeof st);
}

static void test_groups_and_matches(void **state)
{
	(void)state;
	/* property-value table (3.1.4.1.10 c9): PidTagAddressBookMember of "sales", by display name */
	struct mapi_nspi_stat st = stat_at(PidTagAddressBookMember, mid_of("sales"), 0);
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rs;
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, NULL, NULL, 100, &account_cols, &mids, &rs),
	                 ecSuccess);
	assert_int_equal(mids->count, 3);
	assert_int_equal(mids->values[0], mid_of("ddiaz"));
	assert_int_equal(mids->values[1], mid_of("jsmith"));
	assert_int_equal(mids->values[2], mid_of("xext"));
	assert_int_equal(st.container_id, mid_of("sales")); /* c16 */
	assert_int_equal(rs->count, 3);
	assert_string_equal(rs->rows[2].values[0].pv.value.str, "xext");
	/* more than ulRequested: TableTooBig (c17); an unknown object: GeneralFailure (c11) */
	st = stat_at(PidTagAddressBookMember, mid_of("sales"), 0);
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, NULL, NULL, 2, NULL, &mids, &rs), ecTableTooBig);
	st = stat_at(PidTagAddressBookMember, 0x7FFFF, 0);
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, NULL, NULL, 10, NULL, &mids, &rs), ecError);
	st = stat_at(PidTagDisplayName, mid_of("sales"), 0);
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, NULL, NULL, 10, NULL, &mids, &rs),
	                 ecNotSupported);
	/* the members as a property: their DNs */
	uint32_t mt[] = {PT_MV_UNICODE | (PidTagAddressBookMember & 0xFFFF0000u)};
	struct mapi_u32_array ma = {1, mt};
	struct mapi_abk_proplist *pl;
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("sales"), 0);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ma, &pl), ecSuccess);
	assert_int_equal(pl->values[0].pv.value.mv.count, 3);
	assert_string_equal(pl->values[0].pv.value.mv.str[0], ORG_DN "/cn=Recipients/cn=ddiaz");

	/* restrictions over the GAL */
	struct mapi_restriction sub = {.type = RES_CONTENT};
	sub.content.fuzzy_level = FL_SUBSTRING | FL_IGNORECASE;
	sub.content.proptag = PidTagDisplayName;
	sub.content.pv.tag = PidTagDisplayName;
	sub.content.pv.value.str = "SMITH";
	st = stat_at(NSPI_GAL_CONTAINER, 0, 0);
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, &sub, NULL, 10, NULL, &mids, &rs), ecSuccess);
	assert_int_equal(mids->count, 2);
	assert_int_equal(mids->values[0], mid_of("jsmith"));
	assert_int_equal(mids->values[1], mid_of("jsmithers"));
	assert_null(rs);
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, &sub, NULL, 1, NULL, &mids, &rs), ecTableTooBig);
	/* exact content without IGNORECASE does not match the upper-case string */
	sub.content.fuzzy_level = FL_SUBSTRING;
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, &sub, NULL, 10, NULL, &mids, &rs), ecSuccess);
	assert_int_equal(mids->count, 0);
	/* PidTagAnr "gr" in All Users: "Greta Garbo", and "Fritz Groß" by its second word */
	struct mapi_restriction anr = {.type = RES_PROPERTY};
	anr.property.relop = RELOP_EQ;
	anr.property.proptag = PidTagAnr;
	anr.property.pv.tag = CHANGE_PROP_TYPE(PidTagAnr, PT_STRING8);
	anr.property.pv.value.str = "gr";
	st = stat_at(NSPI_MID_ALL_USERS, 0, 0);
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, &anr, NULL, 10, NULL, &mids, &rs), ecSuccess);
	assert_int_equal(mids->count, 2);
	assert_int_equal(mids->values[0], mid_of("fgross"));
	assert_int_equal(mids->values[1], mid_of("ggarbo"));
	/* c16: ContainerID became the input CurrentRec (MID_BEGINNING_OF_TABLE, the GAL), nothing else */
	assert_int_equal(st.container_id, 0);
	assert_int_equal(st.current_rec, 0);
	/* AND with NOT EXIST(department): all 20 users; a COUNT restriction: TooComplex */
	st = stat_at(NSPI_MID_ALL_USERS, 0, 0);
	struct mapi_restriction ex = {.type = RES_EXIST}, not_ = {.type = RES_NOT};
	ex.exist.proptag = PidTagDepartmentName;
	not_.not_.res = &ex;
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, &not_, NULL, 100, NULL, &mids, &rs), ecSuccess);
	assert_int_equal(mids->count, 20);
	struct mapi_restriction cnt = {.type = RES_COUNT};
	cnt.count.res = &ex;
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, &cnt, NULL, 100, NULL, &mids, &rs),
	                 ecTooComplex);

	/* ResortRestriction: unknown MIds dropped, sorted; CurrentRec not in it -> MID_BEGINNING_OF_TABLE */
	uint32_t in[] = {mid_of("zzimmer"), mid_of("aadams"), 0x7FFFF, mid_of("jsmith")};
	struct mapi_u32_array ina = {4, in};
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("oroi"), 0);
	st.num_pos = 7;
	assert_int_equal(nspi_resort_restriction(F->s, F->mem, &st, &ina, &mids), ecSuccess);
	assert_int_equal(mids->count, 3);
	assert_int_equal(mids->values[0], mid_of("aadams"));
	assert_int_equal(mids->values[1], mid_of("jsmith"));
	assert_int_equal(mids->values[2], mid_of("zzimmer"));
	assert_int_equal(st.total_recs, 3);
	assert_int_equal(st.current_rec, MID_BEGINNING_OF_TABLE);
	assert_int_equal(st.num_pos, 0);
}

static void test_special_table(void **state)
{
	(void)state;
	struct mapi_nspi_stat st = stat_at(0, 0, 0);
	struct mapi_abk_proplists *t;
	uint32_t version = 0;
	assert_int_equal(nspi_get_special_table(F->s, F->mem, NSPI_UNICODE_STRINGS, &st, &version, &t),
	                 ecSuccess);
	assert_int_equal(t->count, 4);
	assert_int_equal(version, NSPI_HIERARCHY_VERSION);
	const char *names[] = {"Global Address List", "All Users", "All Groups", "All Contacts"};
	uint32_t ids[] = {0, NSPI_MID_ALL_USERS, NSPI_MID_ALL_GROUPS, NSPI_MID_ALL_CONTACTS};
	for (int i = 0; i < 4; i++) {
		const struct mapi_abk_proplist *r = &t->lists[i];
		/* 3.1.4.1.3 c14: EntryId, ContainerFlags, Depth, ContainerId, DisplayName, IsMaster[, Parent]
		 */
		assert_int_equal(r->count, i == 0 ? 6 : 7);
		assert_int_equal(r->values[0].pv.tag, PidTagEntryId);
		assert_int_equal(r->values[1].pv.tag, PidTagContainerFlags);
		assert_int_equal(r->values[1].pv.value.i32, i == 0 ? 0xB : 0x9);
		assert_int_equal(r->values[2].pv.tag, PidTagDepth);
		assert_int_equal(r->values[2].pv.value.i32, i == 0 ? 0 : 1);
		assert_int_equal(r->values[3].pv.tag, PidTagAddressBookContainerId);
		assert_int_equal((uint32_t)r->values[3].pv.value.i32, ids[i]);
		assert_int_equal(r->values[4].pv.tag, PidTagDisplayName);
		assert_string_equal(r->values[4].pv.value.str, names[i]);
		assert_int_equal(r->values[5].pv.tag, PidTagAddressBookIsMaster);
		if (i > 0) {
			assert_int_equal(r->values[6].pv.tag, PidTagAddressBookParentEntryId);
			check_permanent(&r->values[6].pv.value.bin, DT_CONTAINER, "/");
			/* addresslist-dn "/guid=" + 32 hex digits */
			assert_int_equal(r->values[0].pv.value.bin.len, 28 + 6 + 32 + 1);
			assert_memory_equal(r->values[0].pv.value.bin.data + 28, "/guid=", 6);
		} else {
			check_permanent(&r->values[0].pv.value.bin, DT_CONTAINER,
			                "/"); /* gal-addrlist-dn (c16) */
		}
	}
	/* the DN of "All Users" maps back to its container ID */
	char *dn = talloc_strndup(F->mem, (char *)t->lists[1].values[0].pv.value.bin.data + 28, 38);
	struct mapi_nspi_strings in = {1, &dn};
	struct mapi_u32_array *mids;
	assert_int_equal(nspi_dn_to_mid(F->s, F->mem, &in, &mids), ecSuccess);
	assert_int_equal(mids->values[0], NSPI_MID_ALL_USERS);
	/* 8-bit strings without NspiUnicodeStrings; no rows at the client's version (c7); no address creation
	 * templates (c11) */
	assert_int_equal(nspi_get_special_table(F->s, F->mem, 0, &st, NULL, &t), ecSuccess);
	assert_int_equal(t->lists[0].values[4].pv.tag, 0x3001001E);
	assert_int_equal(nspi_get_special_table(F->s, F->mem, 0, &st, &version, &t), ecSuccess);
	assert_int_equal(t->count, 0);
	assert_int_equal(nspi_get_special_table(F->s, F->mem, NSPI_ADDRESS_CREATION_TEMPLATES, &st, NULL, &t),
	                 ecSuccess);
	assert_int_equal(t->count, 0);
	/* QueryColumns: String8 types unless NspiUnicodeProptypes */
	struct mapi_u32_array *cols;
	assert_int_equal(nspi_query_columns(F->s, F->mem, 0, &cols), ecSuccess);
	bool dn8 = false, dnw = false;
	for (uint32_t i = 0; i < cols->count; i++)
		dn8 |= cols->values[i] == 0x3001001E;
	assert_int_equal(nspi_query_columns(F->s, F->mem, NSPI_UNICODE_PROPTYPES, &cols), ecSuccess);
	for (uint32_t i = 0; i < cols->count; i++)
		dnw |= cols->values[i] == 0x3001001F;
	assert_true(dn8 && dnw);
	/* GetTemplateInfo: no templates are kept (c5: InvalidLocale); CP_WINUNICODE (c3) */
	struct mapi_abk_proplist *row;
	assert_int_equal(
	        nspi_get_template_info(F->s, F->mem, TI_TEMPLATE, DT_MAILUSER, NULL, CP_1252, 0x409, &row),
	        ecInvalidLocale);
	assert_int_equal(nspi_get_template_info(F->s, F->mem, TI_TEMPLATE, DT_MAILUSER, NULL, CP_WINUNICODE,
	                                        0x409, &row),
	                 ecInvalidCodepage);
}

static void test_modifications_refused(void **state)
{
	(void)state;
	uint32_t cert[] = {PidTagAddressBookX509Certificate};
	struct mapi_u32_array ca = {1, cert};
	struct mapi_abk_proplist none = {0, NULL};
	struct mapi_nspi_stat st = stat_at(0, mid_of("aadams"), 0); /* someone else's certificate */
	assert_int_equal(nspi_mod_props(F->s, &st, &ca, &none), ecAccessDenied);
	st.current_rec = mid_of("sales"); /* c7: not a mail user */
	assert_int_equal(nspi_mod_props(F->s, &st, &ca, &none), ecInvalidObject);
	st.current_rec = 0x7FFFF; /* c6 */
	assert_int_equal(nspi_mod_props(F->s, &st, &ca, &none), ecInvalidParam);
	st.current_rec = mid_of("jsmith"); /* c5 */
	assert_int_equal(nspi_mod_props(F->s, &st, NULL, &none), ecInvalidParam);
	uint32_t name[] = {PidTagDisplayName}; /* own object, but not a certificate */
	struct mapi_u32_array na = {1, name};
	assert_int_equal(nspi_mod_props(F->s, &st, &na, &none), ecAccessDenied);
	/* ModLinkAtt: unknown tag (c3), unknown object (c4), membership of a group (c8) */
	struct mapi_nspi_entryids ids = {0, NULL};
	assert_int_equal(nspi_mod_link_att(F->s, 0, PidTagDisplayName, mid_of("sales"), &ids), ecNotFound);
	assert_int_equal(nspi_mod_link_att(F->s, 0, PidTagAddressBookMember, 0x7FFFF, &ids), ecInvalidParam);
	assert_int_equal(nspi_mod_link_att(F->s, 0, PidTagAddressBookMember, mid_of("sales"), &ids),
	                 ecAccessDenied);
	assert_int_equal(nspi_mod_link_att(F->s, NSPI_DELETE, PidTagAddressBookPublicDelegates,
	                                   mid_of("aadams"), &ids),
	                 ecAccessDenied);
	/* nothing changed: sales still has 3 members */
	struct dir_entry **m;
	size_t n;
	assert_int_equal(dir_group_members(F->h, F->mem, "sales", &m, &n), DIR_OK);
	assert_int_equal(n, 3);
}

/* What the caller may change: their own certificates (NspiModProps) and public delegates (NspiModLinkAtt). */
static void test_own_certificate_and_delegates(void **state)
{
	(void)state;
	uint8_t der1[] = {0x30, 0x03, 0x02, 0x01, 0x01}, der2[] = {0x30, 0x03, 0x02, 0x01, 0x02};
	struct mapi_binary bins[] = {{5, der1}, {5, der2}};
	struct mapi_abk_value v = {.has_value = true};
	v.pv.tag = PidTagAddressBookX509Certificate;
	v.pv.value.mv.count = 2;
	v.pv.value.mv.bin = bins;
	struct mapi_abk_proplist row = {1, &v};
	struct mapi_u32_array none = {0, NULL};
	struct mapi_nspi_stat st = stat_at(0, mid_of("jsmith"), 0);
	assert_int_equal(nspi_mod_props(F->s, &st, &none, &row), ecSuccess);
	uint32_t tags[] = {PidTagAddressBookX509Certificate, PidTagUserX509Certificate};
	struct mapi_u32_array ta = {2, tags};
	struct mapi_abk_proplist *pl;
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ta, &pl), ecWarnWithErrors);
	assert_int_equal(pl->values[0].pv.value.mv.count, 2);
	assert_memory_equal(pl->values[0].pv.value.mv.bin[1].data, der2, 5);
	assert_int_equal(PROP_TYPE(pl->values[1].pv.tag), PT_ERROR); /* the other list is still empty */
	/* a value of the wrong type is refused and changes nothing (c2, c11) */
	v.pv.tag = CHANGE_PROP_TYPE(PidTagAddressBookX509Certificate, PT_BINARY);
	assert_int_equal(nspi_mod_props(F->s, &st, &none, &row), ecAccessDenied);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ta, &pl), ecWarnWithErrors);
	assert_int_equal(pl->values[0].pv.value.mv.count, 2);
	/* removing through pPropTags */
	struct mapi_u32_array rm = {1, tags};
	struct mapi_abk_proplist empty = {0, NULL};
	assert_int_equal(nspi_mod_props(F->s, &st, &rm, &empty), ecSuccess);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ta, &pl), ecWarnWithErrors);
	assert_int_equal(PROP_TYPE(pl->values[0].pv.tag), PT_ERROR);

	/* delegates: one by Ephemeral, one by Permanent Entry ID; adding twice leaves one */
	struct mapi_nspi_entryid ids[2] = {
	        {.id_type = NSPI_EPHEMERAL_ENTRYID, .provider_uid = F->server_guid, .mid = mid_of("ddiaz")},
	        {.id_type = NSPI_PERMANENT_ENTRYID,
	         .provider_uid = mapi_nspi_guid,
	         .dn = ORG_DN "/cn=Recipients/cn=aadams"},
	};
	struct mapi_nspi_entryids eids = {2, ids};
	uint32_t pd = PidTagAddressBookPublicDelegates;
	assert_int_equal(nspi_mod_link_att(F->s, 0, pd, mid_of("jsmith"), &eids), ecSuccess);
	assert_int_equal(nspi_mod_link_att(F->s, 0, pd, mid_of("jsmith"), &eids), ecSuccess);
	st = stat_at(pd, mid_of("jsmith"), 0);
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rs;
	assert_int_equal(nspi_get_matches(F->s, F->mem, &st, NULL, NULL, 10, NULL, &mids, &rs), ecSuccess);
	assert_int_equal(mids->count, 2);
	assert_int_equal(mids->values[0], mid_of("aadams")); /* "anna adams" < "dora diaz" */
	assert_int_equal(mids->values[1], mid_of("ddiaz"));
	/* an Entry ID of another server is nothing here: adding it is refused, deleting ignores it */
	struct mapi_nspi_entryid foreign = {.id_type = NSPI_EPHEMERAL_ENTRYID, .mid = mid_of("eegg")};
	struct mapi_nspi_entryids one = {1, &foreign};
	assert_int_equal(nspi_mod_link_att(F->s, 0, pd, mid_of("jsmith"), &one), ecAccessDenied);
	assert_int_equal(nspi_mod_link_att(F->s, NSPI_DELETE, pd, mid_of("jsmith"), &one), ecSuccess);
	struct mapi_nspi_entryids first = {1, ids};
	assert_int_equal(nspi_mod_link_att(F->s, NSPI_DELETE, pd, mid_of("jsmith"), &first), ecSuccess);
	uint32_t dt[] = {PT_MV_UNICODE | (PidTagAddressBookPublicDelegates & 0xFFFF0000u)};
	struct mapi_u32_array da = {1, dt};
	st = stat_at(0, mid_of("jsmith"), 0);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &da, &pl), ecSuccess);
	assert_int_equal(pl->values[0].pv.value.mv.count, 1);
	assert_string_equal(pl->values[0].pv.value.mv.str[0], ORG_DN "/cn=Recipients/cn=aadams");
	/* another user's delegates (c8) and a group (c5) stay closed */
	assert_int_equal(nspi_mod_link_att(F->s, 0, pd, mid_of("aadams"), &first), ecAccessDenied);
	assert_int_equal(nspi_mod_link_att(F->s, 0, pd, mid_of("sales"), &first), ecAccessDenied);
}

static void test_bind_rules(void **state)
{
	(void)state;
	struct nspi_session *s;
	struct mapi_nspi_stat st = stat_at(0, 0, 0);
	assert_int_equal(nspi_bind(F->mem, F->h, &F->cfg, NULL, NSPI_ANONYMOUS_LOGIN, &st, &s, NULL),
	                 ecLoginFailure);
	assert_int_equal(nspi_bind(F->mem, F->h, &F->cfg, NULL, 0, &st, &s, NULL), ecLoginFailure);
	assert_int_equal(nspi_bind(F->mem, F->h, &F->cfg, "nobody", 0, &st, &s, NULL), ecLoginFailure);
	assert_int_equal(nspi_bind(F->mem, F->h, &F->cfg, "sales", 0, &st, &s, NULL), ecLoginFailure);
	st.code_page = CP_WINUNICODE;
	assert_int_equal(nspi_bind(F->mem, F->h, &F->cfg, "jsmith", 0, &st, &s, NULL), ecInvalidCodepage);
	st.code_page = 932; /* Shift-JIS: not served */
	assert_int_equal(nspi_bind(F->mem, F->h, &F->cfg, "jsmith", 0, &st, &s, NULL), ecInvalidCodepage);
	st.code_page = CP_1252;
	struct nspi_config anon = F->cfg;
	anon.allow_anonymous = true;
	assert_int_equal(nspi_bind(F->mem, F->h, &anon, NULL, NSPI_ANONYMOUS_LOGIN, &st, &s, NULL),
	                 ecSuccess);
	assert_int_equal(nspi_unbind(s), ecUnbindSuccess);
}

static void test_directory_changes_seen(void **state)
{
	(void)state;
	/* warpadm writes through its own connection; the next call sees the new row */
	struct dir_handle *other;
	assert_int_equal(dir_open(F->mem, F->path, 0, 5000, &other, NULL), DIR_OK);
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 30);
	struct dir_user_spec spec = {.alias = "newbie", .display_name = "Aaron Aardvark"};
	uint32_t mid;
	assert_int_equal(dir_user_add(other, &spec, &mid), DIR_OK);
	st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 31);
	assert_int_equal(st.current_rec, mid); /* "aaron aardvark" sorts first */
	assert_int_equal(dir_set_display_name(other, "newbie", "Zz Last"), DIR_OK);
	st = stat_at(NSPI_GAL_CONTAINER, MID_END_OF_TABLE, -1);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
	assert_int_equal(st.current_rec, mid);
	assert_int_equal(dir_delete(other, DIR_USER, "newbie"), DIR_OK);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecNotFound);
	/* the session can be lent another handle: same database, same token, same answers */
	uint64_t t1, t2;
	assert_int_equal(dir_change_token(F->h, &t1), DIR_OK);
	assert_int_equal(dir_change_token(other, &t2), DIR_OK);
	assert_true(t1 == t2);
	nspi_set_dir(F->s, other);
	st = stat_at(NSPI_GAL_CONTAINER, MID_BEGINNING_OF_TABLE, 0);
	assert_int_equal(nspi_update_stat(F->s, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 30);
	assert_int_equal(st.current_rec, mid_of("allstaff"));
	nspi_set_dir(F->s, F->h);
	talloc_free(other);
}

/* Sessions of one nspi_cache share the readings; a change reaches each at its next call. */
static void test_shared_cache(void **state)
{
	(void)state;
	struct nspi_config cfg = F->cfg;
	cfg.cache = nspi_cache_create(F->mem);
	assert_non_null(cfg.cache);
	struct nspi_session *a, *b;
	struct mapi_nspi_stat st = stat_at(0, 0, 0);
	assert_int_equal(nspi_bind(F->mem, F->h, &cfg, "jsmith", 0, &st, &a, NULL), ecSuccess);
	assert_int_equal(nspi_bind(F->mem, F->h, &cfg, "aadams", 0, &st, &b, NULL), ecSuccess);
	assert_int_equal(nspi_update_stat(a, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 30);
	assert_int_equal(nspi_update_stat(b, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 30);
	struct dir_user_spec spec = {.alias = "late", .display_name = "Late Comer"};
	assert_int_equal(dir_user_add(F->h, &spec, NULL), DIR_OK);
	st = stat_at(0, 0, 0);
	assert_int_equal(nspi_update_stat(b, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 31);
	assert_int_equal(nspi_unbind(b),
	                 ecUnbindSuccess); /* b held the newest reading; a still the old one */
	st = stat_at(0, mid_of("zzimmer"), 0);
	assert_int_equal(nspi_update_stat(a, &st, NULL), ecSuccess);
	assert_int_equal(st.total_recs, 31);
	assert_int_equal(st.num_pos, 30);
	assert_int_equal(nspi_unbind(a), ecUnbindSuccess);
	talloc_free(cfg.cache);
}

static void test_urls(void **state)
{
	(void)state;
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(F->h, F->mem, "jsmith", &e), DIR_OK);
	char g[39];
	wc_guid_to_string(&e->mailbox_guid, g);
	char *lower = talloc_strndup(F->mem, g + 1, 36);
	for (char *p = lower; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'F' ? *p + 32 : *p);
	char *url;
	assert_int_equal(nspi_get_address_book_url(F->s, F->mem, ORG_DN "/cn=Recipients/cn=jsmith", &url),
	                 ecSuccess);
	assert_string_equal(
	        url, talloc_asprintf(F->mem, "https://mail.example.com/mapi/nspi/?MailboxId=%s@example.com",
	                             lower));
	char *server_dn =
	        talloc_asprintf(F->mem, ORG_DN "/cn=Configuration/cn=Servers/cn=%s@example.com", lower);
	assert_int_equal(nspi_get_mailbox_url(F->s, F->mem, server_dn, &url), ecSuccess);
	assert_string_equal(
	        url, talloc_asprintf(F->mem, "https://mail.example.com/mapi/emsmdb/?MailboxId=%s@example.com",
	                             lower));
	/* the home database DN (PidTagAddressBookHomeMessageDatabase) is the server DN and the MDB */
	uint32_t tag[] = {PidTagAddressBookHomeMessageDatabase_PtypString8};
	struct mapi_u32_array ta = {1, tag};
	struct mapi_abk_proplist *pl;
	struct mapi_nspi_stat st = stat_at(0, mid_of("jsmith"), 0);
	assert_int_equal(nspi_get_props(F->s, F->mem, 0, &st, &ta, &pl), ecSuccess);
	assert_string_equal(pl->values[0].pv.value.str,
	                    talloc_asprintf(F->mem, "%s/cn=Microsoft Private MDB", server_dn));
	assert_int_equal(nspi_get_mailbox_url(F->s, F->mem, "/o=Other/cn=x", &url), ecNotFound);
	assert_int_equal(nspi_get_address_book_url(F->s, F->mem, ORG_DN "/cn=Recipients/cn=nobody", &url),
	                 ecNotFound);
}

/* The MAPI/HTTP request types run through nspi_mapihttp_execute() and encode as response bodies that decode
 * back (MS-OXCMAPIHTTP 2.2.5.12.2, 2.2.5.17.2, 2.2.5.7.2). */
static struct mapi_http_response *roundtrip(const struct mapi_http_request *req)
{
	struct mapi_http_response rsp, *back;
	assert_int_equal(nspi_mapihttp_execute(F->s, F->mem, req, &rsp), 0);
	struct wc_writer w;
	wc_writer_init(&w, F->mem, 0);
	assert_int_equal(mapi_http_response_push(&w, &rsp), 0);
	assert_int_equal(mapi_http_response_pull(F->mem, req->type, w.data, w.len, &back), 0);
	assert_int_equal(back->status_code, 0);
	assert_int_equal(back->error_code, rsp.error_code);
	return back;
}

static void test_mapihttp_requests(void **state)
{
	(void)state;
	struct mapi_nspi_stat st = stat_at(NSPI_GAL_CONTAINER, MID_END_OF_TABLE, -2);
	struct mapi_http_request req = {.type = MAPI_HTTP_QUERY_ROWS};
	req.query_rows.state = &st;
	req.query_rows.row_count = 10;
	req.query_rows.columns = (struct mapi_u32_array *)&account_cols;
	struct mapi_http_response *rsp = roundtrip(&req);
	assert_int_equal(rsp->error_code, ecSuccess);
	assert_int_equal(rsp->query_rows.rows->count, 2);
	assert_string_equal(rsp->query_rows.rows->rows[1].values[0].pv.value.str, "zzimmer");
	assert_int_equal(rsp->query_rows.state->current_rec, MID_END_OF_TABLE);
	assert_int_equal(rsp->query_rows.state->num_pos, 30);
	assert_int_equal(st.delta, -2); /* the request's STAT is left as it came */

	req = (struct mapi_http_request){.type = MAPI_HTTP_UPDATE_STAT};
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("jsmith"), -100);
	req.update_stat.state = &st;
	req.update_stat.delta_requested = 1;
	rsp = roundtrip(&req);
	assert_int_equal(*rsp->update_stat.delta, -18);
	assert_int_equal(rsp->update_stat.state->current_rec, mid_of("allstaff"));

	/* a missing value: ErrorsReturned with the values; an unknown container: no state in the answer */
	uint32_t tags[] = {PidTagDisplayName, PidTagOfficeLocation};
	struct mapi_u32_array ta = {2, tags};
	req = (struct mapi_http_request){.type = MAPI_HTTP_GET_PROPS};
	st = stat_at(NSPI_GAL_CONTAINER, mid_of("hhuber"), 0);
	req.get_props.state = &st;
	req.get_props.prop_tags = &ta;
	rsp = roundtrip(&req);
	assert_int_equal(rsp->error_code, ecWarnWithErrors);
	assert_string_equal(rsp->get_props.values->values[0].pv.value.str, "Hans Huber");
	assert_int_equal(rsp->get_props.values->values[1].pv.value.err, ecNotFound);
	req = (struct mapi_http_request){.type = MAPI_HTTP_SEEK_ENTRIES};
	st = stat_at(0x4242, 0, 0);
	req.seek_entries.state = &st;
	rsp = roundtrip(&req);
	assert_int_equal(rsp->error_code, ecInvalidBookmark);
	assert_null(rsp->seek_entries.state);
	req.seek_entries.state = NULL;
	assert_int_equal(roundtrip(&req)->error_code, ecInvalidParam);
	/* an unknown DN: NotFound with an empty URL */
	req = (struct mapi_http_request){.type = MAPI_HTTP_GET_MAILBOX_URL};
	req.get_mailbox_url.dn = "/o=elsewhere";
	rsp = roundtrip(&req);
	assert_int_equal(rsp->error_code, ecNotFound);
	assert_string_equal(rsp->get_mailbox_url.server_url, "");
	/* Bind and endpoint-foreign types are the transport's */
	struct mapi_http_response out;
	req = (struct mapi_http_request){.type = MAPI_HTTP_BIND};
	assert_int_equal(nspi_mapihttp_execute(F->s, F->mem, &req, &out), WC_EINVAL);
	req.type = MAPI_HTTP_EXECUTE;
	assert_int_equal(nspi_mapihttp_execute(F->s, F->mem, &req, &out), WC_EINVAL);
}

static void test_collate_key(void **state)
{
	(void)state;
	TALLOC_CTX *m = talloc_new(NULL);
	assert_string_equal(nspi_collate_key(m, "Straße"), "strasse");
	assert_string_equal(nspi_collate_key(m, "ÉCOLE Élève"), "ecole eleve");
	assert_string_equal(nspi_collate_key(m, "Œuvre Æsir"), "oeuvre aesir");
	assert_string_equal(nspi_collate_key(m, "Łódź Ĳssel"), "lodz ijssel");
	assert_string_equal(nspi_collate_key(m, "a×b"), "a×b");
	assert_string_equal(nspi_collate_key(m, "日本"), "日本");
	talloc_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_gal_order_and_totals, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_page_forward, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_page_backward, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_update_stat, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_seek_entries, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_resolve_names, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_person_properties_and_anr, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_dn_to_mid_and_compare, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_get_props, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_query_rows_default_columns, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_groups_and_matches, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_special_table, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_modifications_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_own_certificate_and_delegates, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bind_rules, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_directory_changes_seen, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_shared_cache, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_urls, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mapihttp_requests, setup, teardown),
	        cmocka_unit_test(test_collate_key),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
