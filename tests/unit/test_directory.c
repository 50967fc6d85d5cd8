/* src/store/directory_sqlite.c: the directory — schema, organisation, domains, objects, lookups, uniqueness,
 * MIds, passwords, groups, transactions and concurrent handles. */
#include "testutil.h"
#include "store/directory.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define DN_PREFIX "/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"

struct fixture {
	TALLOC_CTX *mem;
	char *dir;  /* temporary directory */
	char *path; /* database inside it */
	struct dir_handle *h;
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	f->mem = talloc_new(f);
	f->dir = talloc_strdup(f, "/tmp/wc_dir_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	f->path = talloc_asprintf(f, "%s/directory.db", f->dir);
	assert_int_equal(dir_open(f, f->path, DIR_OPEN_CREATE, 5000, &f->h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(f->h, "Example Org", "example.com"), DIR_OK);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	talloc_free(f->h);
	char *cmd = talloc_asprintf(f, "rm -rf '%s'", f->dir);
	assert_int_equal(system(cmd), 0);
	talloc_free(f);
	return 0;
}

static void add_user(struct fixture *f, const char *alias, const char *display, const char *password,
                     uint32_t *mid)
{
	struct dir_user_spec spec = {.alias = alias, .display_name = display, .password = password};
	int rc = dir_user_add(f->h, &spec, mid);
	if (rc != DIR_OK)
		fail_msg("adding %s: %s", alias, dir_strerror(rc));
}

static void sql(const char *path, const char *stmt)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	char *err = NULL;
	if (sqlite3_exec(db, stmt, NULL, NULL, &err) != SQLITE_OK)
		fail_msg("%s: %s", stmt, err);
	sqlite3_close(db);
}

/* ---- schema and opening ---- */

static void test_open_missing_without_create_fails(void **state)
{
	struct fixture *f = *state;
	struct dir_handle *h;
	char *err;
	char *path = talloc_asprintf(f->mem, "%s/absent.db", f->dir);
	assert_int_equal(dir_open(f->mem, path, 0, 100, &h, &err), DIR_E_OPEN);
	assert_null(h);
	assert_non_null(strstr(err, "absent.db"));
	assert_int_equal(access(path, F_OK), -1); /* and nothing was created */
}

static void test_new_database_is_private_and_current(void **state)
{
	struct fixture *f = *state;
	struct stat st;
	assert_int_equal(stat(f->path, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(dir_schema_version(f->h), DIR_SCHEMA_VERSION);
}

static void test_reopen_keeps_data(void **state)
{
	struct fixture *f = *state;
	add_user(f, "alice", NULL, NULL, NULL);
	talloc_free(f->h);
	assert_int_equal(dir_open(f, f->path, 0, 100, &f->h, NULL), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_int_equal(dir_schema_version(f->h), DIR_SCHEMA_VERSION);
}

static void test_empty_file_is_upgraded_from_version_zero(void **state)
{
	struct fixture *f = *state;
	char *path = talloc_asprintf(f->mem, "%s/empty.db", f->dir);
	FILE *fp = fopen(path, "w");
	fclose(fp);
	struct dir_handle *h;
	assert_int_equal(dir_open(f->mem, path, 0, 100, &h, NULL), DIR_OK);
	assert_int_equal(dir_schema_version(h), DIR_SCHEMA_VERSION);
	struct dir_org *org;
	assert_int_equal(dir_org_get(h, f->mem, &org), DIR_E_NO_ORG);
	struct dir_user_spec spec = {.alias = "bob"};
	assert_int_equal(dir_user_add(h, &spec, NULL), DIR_E_NO_ORG);
	assert_int_equal(dir_domain_add(h, "example.com"), DIR_E_NO_ORG);
	talloc_free(h);
}

static void test_newer_or_foreign_schema_is_refused(void **state)
{
	struct fixture *f = *state;
	struct dir_handle *h;
	char *err;
	talloc_free(f->h);
	f->h = NULL;
	sql(f->path, "UPDATE schema_version SET version = 99");
	assert_int_equal(dir_open(f->mem, f->path, 0, 100, &h, &err), DIR_E_SCHEMA);

	char *foreign = talloc_asprintf(f->mem, "%s/foreign.db", f->dir);
	sql(foreign, "CREATE TABLE objects (x INTEGER)");
	assert_int_equal(dir_open(f->mem, foreign, 0, 100, &h, &err), DIR_E_SCHEMA);

	char *text = talloc_asprintf(f->mem, "%s/text.db", f->dir);
	FILE *fp = fopen(text, "w");
	fputs("this is not an SQLite database, just some text that is long enough to have a header...", fp);
	fclose(fp);
	assert_int_equal(dir_open(f->mem, text, 0, 100, &h, &err), DIR_E_OPEN);
	assert_non_null(strstr(err, "not a database"));
}

static void test_strerror_covers_every_code(void **state)
{
	for (int e = DIR_OK; e <= DIR_E_RANDOM; e++) {
		assert_non_null(dir_strerror(e));
		assert_string_not_equal(dir_strerror(e), "unknown directory error");
		for (int o = DIR_OK; o < e; o++)
			assert_string_not_equal(dir_strerror(e), dir_strerror(o));
	}
	assert_string_equal(dir_strerror(DIR_E_RANDOM + 1), "unknown directory error");
	assert_string_equal(dir_strerror(-1), "unknown directory error");
}

/* ---- organisation and domains ---- */

static void test_organisation(void **state)
{
	struct fixture *f = *state;
	struct dir_org *org;
	assert_int_equal(dir_org_get(f->h, f->mem, &org), DIR_OK);
	assert_string_equal(org->name, "Example Org");
	assert_string_equal(org->dn_prefix, DN_PREFIX);
	assert_string_equal(org->default_domain, "example.com");
	assert_int_equal(dir_org_create(f->h, "Other", "other.org"), DIR_E_EXISTS);
	assert_false(dir_domain_is_accepted(f->h, "other.org")); /* the failed create left nothing */
}

static void test_organisation_name_rules(void **state)
{
	struct fixture *f = *state;
	char *path = talloc_asprintf(f->mem, "%s/o.db", f->dir);
	struct dir_handle *h;
	assert_int_equal(dir_open(f->mem, path, DIR_OPEN_CREATE, 100, &h, NULL), DIR_OK);
	static const char *const bad[] = {
	        "",       "a/b",         " lead",
	        "trail ", "caf\xc3\xa9", "12345678901234567890123456789012345678901234567890123456789012345"};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(dir_org_create(h, bad[i], "example.com"), DIR_E_INVALID);
	assert_int_equal(dir_org_create(h, "Org", "bad_domain"), DIR_E_INVALID);
	assert_int_equal(dir_org_create(h, "First Organization", "Example.COM"), DIR_OK);
	assert_true(dir_domain_is_accepted(h, "example.com"));
	talloc_free(h);
}

static void test_domains(void **state)
{
	struct fixture *f = *state;
	assert_int_equal(dir_domain_add(f->h, "b.example.org"), DIR_OK);
	assert_int_equal(dir_domain_add(f->h, "A.example.org"), DIR_OK);
	assert_int_equal(dir_domain_add(f->h, "a.EXAMPLE.org"), DIR_E_EXISTS);
	assert_int_equal(dir_domain_add(f->h, "-bad.org"), DIR_E_INVALID);
	assert_int_equal(dir_domain_add(f->h, "bad..org"), DIR_E_INVALID);
	assert_int_equal(dir_domain_add(f->h, "bad.org."), DIR_E_INVALID);
	char **list;
	size_t n;
	assert_int_equal(dir_domain_list(f->h, f->mem, &list, &n), DIR_OK);
	assert_int_equal(n, 3);
	assert_string_equal(list[0], "a.example.org"); /* stored lower case, sorted */
	assert_string_equal(list[1], "b.example.org");
	assert_string_equal(list[2], "example.com");

	struct dir_user_spec spec = {.alias = "u", .smtp = "u@b.example.org"};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_OK);
	assert_int_equal(dir_domain_remove(f->h, "b.example.org"), DIR_E_IN_USE);
	assert_int_equal(dir_domain_remove(f->h, "example.com"), DIR_E_IN_USE); /* the default */
	assert_int_equal(dir_domain_remove(f->h, "nowhere.org"), DIR_E_NOTFOUND);
	assert_int_equal(dir_domain_remove(f->h, "A.Example.org"), DIR_OK);
	assert_false(dir_domain_is_accepted(f->h, "a.example.org"));
	assert_int_equal(dir_delete(f->h, DIR_USER, "u"), DIR_OK);
	assert_int_equal(dir_domain_remove(f->h, "b.example.org"), DIR_OK);
}

/* ---- users and lookups ---- */

static void check_alice(const struct dir_entry *e, uint32_t mid)
{
	assert_int_equal(e->mid, mid);
	assert_int_equal(e->kind, DIR_USER);
	assert_string_equal(e->alias, "alice");
	assert_string_equal(e->display_name, "Alice Liddell");
	assert_string_equal(e->legacy_dn, DN_PREFIX "/cn=Recipients/cn=alice");
	assert_string_equal(e->smtp, "Alice.Liddell@example.com");
	assert_int_equal(e->proxy_count, 2);
	assert_string_equal(e->proxy_addresses[0], "al@example.com");
	assert_string_equal(e->proxy_addresses[1], "alice@example.com");
	assert_true(e->enabled);
	assert_true(e->has_password);
	assert_int_equal(e->quota_bytes, 1 << 30);
	assert_string_equal(e->locale, "de-DE");
}

static void test_user_lookups(void **state)
{
	struct fixture *f = *state;
	const char *proxies[] = {"alice@example.com", "al@example.com"};
	struct dir_user_spec spec = {.alias = "alice",
	                             .display_name = "Alice Liddell",
	                             .smtp = "Alice.Liddell@example.com",
	                             .proxy_addresses = proxies,
	                             .proxy_count = 2,
	                             .password = "pw",
	                             .locale = "de-DE",
	                             .quota_bytes = 1 << 30};
	uint32_t mid;
	assert_int_equal(dir_user_add(f->h, &spec, &mid), DIR_OK);
	assert_int_equal(mid, DIR_MID_FIRST); /* the first object of a new directory */
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "ALICE", &e), DIR_OK);
	check_alice(e, mid);
	/* a random version 4 mailbox GUID */
	assert_int_equal(e->mailbox_guid.d3 >> 12, 4);
	assert_int_equal(e->mailbox_guid.d4[0] >> 6, 2);
	struct wc_guid guid = e->mailbox_guid;
	static const char *const smtp_forms[] = {"alice.liddell@EXAMPLE.COM", "AL@example.com",
	                                         "alice@example.com"};
	for (size_t i = 0; i < 3; i++) {
		assert_int_equal(dir_lookup_smtp(f->h, f->mem, smtp_forms[i], &e), DIR_OK);
		check_alice(e, mid);
		assert_true(wc_guid_equal(&e->mailbox_guid, &guid));
	}
	assert_int_equal(dir_lookup_dn(f->h, f->mem,
	                               "/O=example org/OU=Exchange Administrative Group "
	                               "(FYDIBOHF23SPDLT)/cn=recipients/CN=Alice",
	                               &e),
	                 DIR_OK);
	check_alice(e, mid);
	assert_int_equal(dir_lookup_mid(f->h, f->mem, mid, &e), DIR_OK);
	check_alice(e, mid);
	assert_int_equal(dir_lookup(f->h, f->mem, "al@example.com", &e), DIR_OK);
	check_alice(e, mid);
	assert_int_equal(dir_lookup(f->h, f->mem, "Alice", &e), DIR_OK);
	check_alice(e, mid);

	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alic", &e), DIR_E_NOTFOUND);
	assert_null(e);
	assert_int_equal(dir_lookup_smtp(f->h, f->mem, "alice@example.org", &e), DIR_E_NOTFOUND);
	assert_int_equal(dir_lookup_dn(f->h, f->mem, DN_PREFIX "/cn=Recipients/cn=alic", &e), DIR_E_NOTFOUND);
	assert_int_equal(dir_lookup_mid(f->h, f->mem, mid + 1, &e), DIR_E_NOTFOUND);
	assert_int_equal(dir_lookup_mid(f->h, f->mem, 0, &e), DIR_E_NOTFOUND);
}

static void test_user_defaults(void **state)
{
	struct fixture *f = *state;
	uint32_t mid;
	add_user(f, "bob", NULL, NULL, &mid);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_mid(f->h, f->mem, mid, &e), DIR_OK);
	assert_string_equal(e->display_name, "bob");
	assert_string_equal(e->smtp, "bob@example.com");
	assert_int_equal(e->proxy_count, 0);
	assert_string_equal(e->locale, "en-US");
	assert_int_equal(e->quota_bytes, 0);
	assert_true(e->enabled);
	assert_false(e->has_password);
	struct dir_user_spec spec = {.alias = "carol", .disabled = true};
	assert_int_equal(dir_user_add(f->h, &spec, &mid), DIR_OK);
	assert_int_equal(dir_lookup_mid(f->h, f->mem, mid, &e), DIR_OK);
	assert_false(e->enabled);
}

static void test_invalid_values_are_refused(void **state)
{
	struct fixture *f = *state;
	static const char *const bad_aliases[] = {
	        "",     ".a",          "a.",
	        "a..b", "a b",         "a@b",
	        "a/b",  "caf\xc3\xa9", "0123456789012345678901234567890123456789012345678901234567890123x"};
	for (size_t i = 0; i < sizeof bad_aliases / sizeof bad_aliases[0]; i++) {
		struct dir_user_spec spec = {.alias = bad_aliases[i]};
		assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
		assert_int_equal(dir_group_add(f->h, bad_aliases[i], NULL, NULL, NULL), DIR_E_INVALID);
	}
	static const char *const bad_smtp[] = {"a",
	                                       "@example.com",
	                                       "a@",
	                                       "a..b@example.com",
	                                       ".a@example.com",
	                                       "a.@example.com",
	                                       "a b@example.com",
	                                       "a@exa_mple.com",
	                                       "a@b@example.com",
	                                       "\"q\"@example.com"};
	for (size_t i = 0; i < sizeof bad_smtp / sizeof bad_smtp[0]; i++) {
		struct dir_user_spec spec = {.alias = "x", .smtp = bad_smtp[i]};
		if (dir_user_add(f->h, &spec, NULL) != DIR_E_INVALID)
			fail_msg("accepted %s", bad_smtp[i]);
		assert_int_equal(dir_contact_add(f->h, "x", NULL, bad_smtp[i], NULL), DIR_E_INVALID);
	}
	static const char *const bad_locales[] = {"e",   "english",          "en_US",
	                                          "en-", "en-toolongsubtag", "12-US"};
	for (size_t i = 0; i < sizeof bad_locales / sizeof bad_locales[0]; i++) {
		struct dir_user_spec spec = {.alias = "x", .locale = bad_locales[i]};
		assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	}
	struct dir_user_spec spec = {.alias = "x", .password = ""};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	spec.password = "bad\xff";
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	spec = (struct dir_user_spec){.alias = "x", .display_name = "tab\there"};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	spec = (struct dir_user_spec){.alias = "x", .display_name = ""};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	/* an alias that is fine but makes no valid default address */
	spec = (struct dir_user_spec){.alias = "x."};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	assert_int_equal(dir_contact_add(f->h, "c", NULL, NULL, NULL), DIR_E_INVALID); /* contacts need one */
	struct dir_entry **list;
	size_t n;
	assert_int_equal(dir_list(f->h, f->mem, DIR_ALL_KINDS, &list, &n), DIR_OK);
	assert_int_equal(n, 0);
	/* non-ASCII display names are fine */
	spec = (struct dir_user_spec){.alias = "jose", .display_name = "Jos\xc3\xa9 M\xc3\xbcller"};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_OK);
}

static void test_uniqueness_rules(void **state)
{
	struct fixture *f = *state;
	const char *proxy[] = {"al@example.com"};
	struct dir_user_spec alice = {.alias = "alice", .proxy_addresses = proxy, .proxy_count = 1};
	assert_int_equal(dir_user_add(f->h, &alice, NULL), DIR_OK);
	assert_int_equal(dir_domain_add(f->h, "example.org"), DIR_OK);

	struct dir_user_spec s = {.alias = "ALICE", .smtp = "other@example.com"};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_EXISTS); /* aliases ignore case */
	assert_int_equal(dir_group_add(f->h, "Alice", NULL, "g@example.com", NULL), DIR_E_EXISTS);
	assert_int_equal(dir_contact_add(f->h, "alice", NULL, "x@other.net", NULL), DIR_E_EXISTS);
	s = (struct dir_user_spec){.alias = "a2", .smtp = "Alice@Example.com"};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_ADDRESS_TAKEN); /* someone's primary */
	s = (struct dir_user_spec){.alias = "a2", .smtp = "AL@example.com"};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_ADDRESS_TAKEN); /* someone's proxy */
	const char *dup[] = {"a2@example.org", "A2@EXAMPLE.ORG"};
	s = (struct dir_user_spec){.alias = "a2", .proxy_addresses = dup, .proxy_count = 2};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_ADDRESS_TAKEN); /* twice in one request */
	const char *own[] = {"a2@example.com"};
	s = (struct dir_user_spec){.alias = "a2", .proxy_addresses = own, .proxy_count = 1};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_ADDRESS_TAKEN); /* its own primary again */
	s = (struct dir_user_spec){.alias = "a2", .smtp = "a2@unknown.net"};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_UNKNOWN_DOMAIN);
	const char *foreign[] = {"a2@example.org", "a2@unknown.net"};
	s = (struct dir_user_spec){.alias = "a2", .proxy_addresses = foreign, .proxy_count = 2};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_E_UNKNOWN_DOMAIN);
	assert_int_equal(dir_group_add(f->h, "g", NULL, "g@unknown.net", NULL), DIR_E_UNKNOWN_DOMAIN);
	assert_int_equal(dir_contact_add(f->h, "ext", NULL, "al@example.com", NULL), DIR_E_ADDRESS_TAKEN);

	/* none of the failures left anything behind: no object, no address, no consumed alias */
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "a2", &e), DIR_E_NOTFOUND);
	assert_int_equal(dir_lookup_smtp(f->h, f->mem, "a2@example.org", &e), DIR_E_NOTFOUND);
	s = (struct dir_user_spec){.alias = "a2", .proxy_addresses = foreign, .proxy_count = 1};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_OK);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "a2", &e), DIR_OK);
	assert_string_equal(e->legacy_dn, DN_PREFIX "/cn=Recipients/cn=a2");
	/* contacts may use any external domain */
	assert_int_equal(dir_contact_add(f->h, "ext", "External", "Someone@Unknown.net", NULL), DIR_OK);
	assert_int_equal(dir_lookup_smtp(f->h, f->mem, "someone@unknown.net", &e), DIR_OK);
	assert_int_equal(e->kind, DIR_CONTACT);
	assert_string_equal(e->legacy_dn, DN_PREFIX "/cn=Recipients/cn=ext");
}

static void test_mids_are_stable_and_never_reused(void **state)
{
	struct fixture *f = *state;
	uint32_t a, b, c, d, b2;
	add_user(f, "a", NULL, NULL, &a);
	assert_int_equal(dir_group_add(f->h, "b", NULL, NULL, &b), DIR_OK);
	assert_int_equal(dir_contact_add(f->h, "c", NULL, "c@elsewhere.org", &c), DIR_OK);
	assert_true(a >= DIR_MID_FIRST && b > a && c > b);
	assert_int_equal(dir_delete(f->h, DIR_GROUP, "b"), DIR_OK);
	assert_int_equal(dir_delete(f->h, DIR_CONTACT, "c"), DIR_OK); /* the highest one too */
	add_user(f, "d", NULL, NULL, &d);
	assert_true(d > c);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_mid(f->h, f->mem, b, &e), DIR_E_NOTFOUND);
	/* the same alias again: a new MId and a DN the old object never had */
	assert_int_equal(dir_group_add(f->h, "b", NULL, NULL, &b2), DIR_OK);
	assert_true(b2 > d);
	assert_int_equal(dir_lookup_mid(f->h, f->mem, b2, &e), DIR_OK);
	const char *want = DN_PREFIX "/cn=Recipients/cn=";
	assert_memory_equal(e->legacy_dn, want, strlen(want));
	const char *cn = e->legacy_dn + strlen(want);
	assert_int_equal(strlen(cn), 32 + 2);
	assert_int_equal(strspn(cn, "0123456789abcdef"), 32);
	assert_string_equal(cn + 32, "-b");
	/* MIds survive reopening: the counter lives in the database */
	talloc_free(f->h);
	assert_int_equal(dir_open(f, f->path, 0, 100, &f->h, NULL), DIR_OK);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "a", &e), DIR_OK);
	assert_int_equal(e->mid, a);
	add_user(f, "e", NULL, NULL, &a);
	assert_true(a > b2);
}

static void test_delete_checks_kind(void **state)
{
	struct fixture *f = *state;
	add_user(f, "alice", NULL, NULL, NULL);
	assert_int_equal(dir_delete(f->h, DIR_GROUP, "alice"), DIR_E_WRONG_KIND);
	assert_int_equal(dir_delete(f->h, DIR_USER, "nobody"), DIR_E_NOTFOUND);
	assert_int_equal(dir_delete(f->h, DIR_USER, "ALICE@example.com"), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_smtp(f->h, f->mem, "alice@example.com", &e), DIR_E_NOTFOUND);
	/* its address is free again */
	struct dir_user_spec s = {.alias = "alice2", .smtp = "alice@example.com"};
	assert_int_equal(dir_user_add(f->h, &s, NULL), DIR_OK);
}

static void test_update_and_display_name(void **state)
{
	struct fixture *f = *state;
	add_user(f, "alice", NULL, NULL, NULL);
	struct dir_user_change ch = {.locale = "fr-CA", .enabled = 0, .quota_bytes = 5000};
	assert_int_equal(dir_user_update(f->h, "alice", &ch), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_string_equal(e->locale, "fr-CA");
	assert_false(e->enabled);
	assert_int_equal(e->quota_bytes, 5000);
	ch = (struct dir_user_change){.enabled = -1, .quota_bytes = -1};
	assert_int_equal(dir_user_update(f->h, "alice", &ch), DIR_OK); /* changes nothing */
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_false(e->enabled);
	assert_int_equal(e->quota_bytes, 5000);
	ch.enabled = 2;
	assert_int_equal(dir_user_update(f->h, "alice", &ch), DIR_E_INVALID);
	ch = (struct dir_user_change){.enabled = 1, .quota_bytes = -1};
	assert_int_equal(dir_user_update(f->h, "nobody", &ch), DIR_E_NOTFOUND);
	assert_int_equal(dir_group_add(f->h, "g", NULL, NULL, NULL), DIR_OK);
	assert_int_equal(dir_user_update(f->h, "g", &ch), DIR_E_WRONG_KIND);
	assert_int_equal(dir_set_display_name(f->h, "g", "The G Team"), DIR_OK);
	assert_int_equal(dir_set_display_name(f->h, "alice", "Alice"), DIR_OK);
	assert_int_equal(dir_set_display_name(f->h, "alice", "bad\n"), DIR_E_INVALID);
	assert_int_equal(dir_set_display_name(f->h, "nobody", "x"), DIR_E_NOTFOUND);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "g", &e), DIR_OK);
	assert_string_equal(e->display_name, "The G Team");
}

static void test_addresses(void **state)
{
	struct fixture *f = *state;
	add_user(f, "alice", NULL, NULL, NULL);
	add_user(f, "bob", NULL, NULL, NULL);
	assert_int_equal(dir_contact_add(f->h, "ext", NULL, "ext@other.org", NULL), DIR_OK);
	assert_int_equal(dir_address_add(f->h, "alice", "a@example.com"), DIR_OK);
	assert_int_equal(dir_address_add(f->h, "alice", "A@example.com"), DIR_E_ADDRESS_TAKEN);
	assert_int_equal(dir_address_add(f->h, "alice", "bob@example.com"), DIR_E_ADDRESS_TAKEN);
	assert_int_equal(dir_address_add(f->h, "alice", "a@other.org"), DIR_E_UNKNOWN_DOMAIN);
	assert_int_equal(dir_address_add(f->h, "alice", "not an address"), DIR_E_INVALID);
	assert_int_equal(dir_address_add(f->h, "ext", "e2@other.org"), DIR_E_WRONG_KIND);
	assert_int_equal(dir_address_remove(f->h, "alice", "alice@example.com"), DIR_E_IN_USE);
	assert_int_equal(dir_address_remove(f->h, "alice", "bob@example.com"), DIR_E_NOTFOUND);
	assert_int_equal(dir_address_remove(f->h, "alice", "zz@example.com"), DIR_E_NOTFOUND);

	/* an existing proxy becomes primary; the old primary stays as a proxy */
	assert_int_equal(dir_address_set_primary(f->h, "alice", "A@Example.com"), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_string_equal(e->smtp, "a@example.com");
	assert_int_equal(e->proxy_count, 1);
	assert_string_equal(e->proxy_addresses[0], "alice@example.com");
	/* a new address can be made primary at once */
	assert_int_equal(dir_address_set_primary(f->h, "a@example.com", "liddell@example.com"), DIR_OK);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_string_equal(e->smtp, "liddell@example.com");
	assert_int_equal(e->proxy_count, 2);
	assert_int_equal(dir_address_set_primary(f->h, "alice", "bob@example.com"), DIR_E_ADDRESS_TAKEN);
	assert_int_equal(dir_address_set_primary(f->h, "alice", "x@nowhere.org"), DIR_E_UNKNOWN_DOMAIN);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_string_equal(e->smtp, "liddell@example.com"); /* the failures changed nothing */
	assert_int_equal(dir_address_remove(f->h, "alice", "a@example.com"), DIR_OK);
	assert_int_equal(dir_lookup_smtp(f->h, f->mem, "a@example.com", &e), DIR_E_NOTFOUND);
}

static void test_gal_order(void **state)
{
	struct fixture *f = *state;
	add_user(f, "u1", "bob", NULL, NULL);
	add_user(f, "u2", "Alice", NULL, NULL);
	assert_int_equal(dir_group_add(f->h, "g1", "carol's group", NULL, NULL), DIR_OK);
	assert_int_equal(dir_contact_add(f->h, "c1", "Bob", "bob@else.org", NULL), DIR_OK);
	add_user(f, "u3", "alice", NULL, NULL);
	struct dir_entry **l;
	size_t n;
	assert_int_equal(dir_list(f->h, f->mem, DIR_ALL_KINDS, &l, &n), DIR_OK);
	assert_int_equal(n, 5);
	static const char *const order[] = {"u2", "u3", "u1", "c1", "g1"}; /* case-insensitive, then MId */
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l[i]->alias, order[i]);
	assert_int_equal(dir_list(f->h, f->mem, DIR_KIND_MASK(DIR_USER), &l, &n), DIR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(
	        dir_list(f->h, f->mem, DIR_KIND_MASK(DIR_GROUP) | DIR_KIND_MASK(DIR_CONTACT), &l, &n),
	        DIR_OK);
	assert_int_equal(n, 2);
	assert_string_equal(l[0]->alias, "c1");
	assert_int_equal(l[0]->kind, DIR_CONTACT);
	assert_string_equal(l[1]->alias, "g1");
	assert_int_equal(l[1]->kind, DIR_GROUP);
}

/* ---- passwords ---- */

static void test_password_verification(void **state)
{
	struct fixture *f = *state;
	add_user(f, "alice", NULL, "correct horse", NULL);
	add_user(f, "nopw", NULL, NULL, NULL);
	assert_int_equal(dir_contact_add(f->h, "ext", NULL, "ext@other.org", NULL), DIR_OK);
	assert_int_equal(dir_verify_password(f->h, "alice", "correct horse"), DIR_OK);
	assert_int_equal(dir_verify_password(f->h, "Alice@Example.com", "correct horse"), DIR_OK);
	assert_int_equal(dir_verify_password(f->h, "alice", "correct horsE"), DIR_E_BAD_PASSWORD);
	assert_int_equal(dir_verify_password(f->h, "alice", ""), DIR_E_BAD_PASSWORD);
	assert_int_equal(dir_verify_password(f->h, "nobody", "correct horse"), DIR_E_BAD_PASSWORD);
	assert_int_equal(dir_verify_password(f->h, "ext", "x"), DIR_E_BAD_PASSWORD);
	assert_int_equal(dir_verify_password(f->h, "nopw", "x"), DIR_E_NO_PASSWORD);

	struct dir_user_change off = {.enabled = 0, .quota_bytes = -1};
	assert_int_equal(dir_user_update(f->h, "alice", &off), DIR_OK);
	assert_int_equal(dir_verify_password(f->h, "alice", "correct horse"), DIR_E_DISABLED);
	assert_int_equal(dir_verify_password(f->h, "alice", "wrong"), DIR_E_BAD_PASSWORD);

	struct dir_user_change pw = {.password = "battery staple", .enabled = 1, .quota_bytes = -1};
	assert_int_equal(dir_user_update(f->h, "alice", &pw), DIR_OK);
	assert_int_equal(dir_verify_password(f->h, "alice", "correct horse"), DIR_E_BAD_PASSWORD);
	assert_int_equal(dir_verify_password(f->h, "alice", "battery staple"), DIR_OK);
	pw.password = "";
	assert_int_equal(dir_user_update(f->h, "alice", &pw), DIR_E_INVALID);

	/* stored as an argon2id encoded string with a random salt: two users, same password, different hashes
	 */
	add_user(f, "bob", NULL, "battery staple", NULL);
	sqlite3 *db;
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(db,
	                                    "SELECT password_hash FROM users WHERE password_hash IS NOT NULL",
	                                    -1, &st, NULL),
	                 SQLITE_OK);
	char *h[2];
	for (int i = 0; i < 2; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		h[i] = talloc_strdup(f->mem, (const char *)sqlite3_column_text(st, 0));
		assert_memory_equal(h[i], "$argon2id$v=19$m=19456,t=2,p=1$", 31);
	}
	assert_string_not_equal(h[0], h[1]);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static void test_nt_hash_of_known_password(void **state)
{
	struct fixture *f = *state;
	/* MS-NLMP 4.2.2.1.2: NTOWFv1("Password") = a4f49c406510bdcab6824ee7c30fd852 */
	add_user(f, "user", NULL, "Password", NULL);
	uint8_t nt[16];
	assert_int_equal(dir_nt_hash(f->h, "user", nt), DIR_OK);
	size_t len;
	uint8_t *want = tu_hex(f->mem, "a4f49c406510bdcab6824ee7c30fd852", &len);
	tu_assert_bytes(nt, sizeof nt, want, len);
	add_user(f, "nopw", NULL, NULL, NULL);
	assert_int_equal(dir_nt_hash(f->h, "nopw", nt), DIR_E_NO_PASSWORD);
	assert_int_equal(dir_nt_hash(f->h, "nobody", nt), DIR_E_NOTFOUND);
	assert_int_equal(dir_group_add(f->h, "g", NULL, NULL, NULL), DIR_OK);
	assert_int_equal(dir_nt_hash(f->h, "g", nt), DIR_E_WRONG_KIND);
	/* a password change changes the NT hash too */
	struct dir_user_change ch = {.password = "password", .enabled = -1, .quota_bytes = -1};
	assert_int_equal(dir_user_update(f->h, "user", &ch), DIR_OK);
	assert_int_equal(dir_nt_hash(f->h, "user", nt), DIR_OK);
	assert_memory_not_equal(nt, want, 16);
}

/* ---- groups ---- */

static void assert_aliases(struct dir_entry **l, size_t n, const char *const *want, size_t nwant)
{
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(l[i]->alias, want[i]);
}

static void test_group_nesting(void **state)
{
	struct fixture *f = *state;
	add_user(f, "a", "Anna", NULL, NULL);
	add_user(f, "b", "Bert", NULL, NULL);
	assert_int_equal(dir_contact_add(f->h, "c", "Carl", "carl@else.org", NULL), DIR_OK);
	assert_int_equal(dir_group_add(f->h, "g1", "Group One", NULL, NULL), DIR_OK);
	assert_int_equal(dir_group_add(f->h, "g2", "Group Two", NULL, NULL), DIR_OK);
	assert_int_equal(dir_group_add(f->h, "g3", "Group Three", NULL, NULL), DIR_OK);
	const char *g1[] = {"a", "carl@else.org"}, *g2[] = {"g1", "b", "A@example.com"}, *g3[] = {"g2"};
	const char *culprit;
	assert_int_equal(dir_group_change_members(f->h, "g1", g1, 2, NULL, 0, &culprit), DIR_OK);
	assert_int_equal(dir_group_change_members(f->h, "g2", g2, 3, NULL, 0, &culprit), DIR_OK);
	assert_int_equal(dir_group_change_members(f->h, "g3", g3, 1, NULL, 0, &culprit), DIR_OK);

	struct dir_entry **l;
	size_t n;
	assert_int_equal(dir_group_members(f->h, f->mem, "g2", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"a", "b", "g1"}, 3);
	/* a reached twice (directly and through g1) is listed once */
	assert_int_equal(dir_group_expand(f->h, f->mem, "g3", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"a", "b", "c"}, 3);
	assert_int_equal(dir_member_of(f->h, f->mem, "a", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"g1", "g2"}, 2);

	/* cycles, direct and through nesting */
	const char *self[] = {"g1"}, *up[] = {"g3"};
	assert_int_equal(dir_group_change_members(f->h, "g1", self, 1, NULL, 0, &culprit), DIR_E_CYCLE);
	assert_string_equal(culprit, "g1");
	assert_int_equal(dir_group_change_members(f->h, "g1", up, 1, NULL, 0, &culprit), DIR_E_CYCLE);
	assert_string_equal(culprit, "g3");
	/* duplicates, strangers, wrong kinds */
	const char *again[] = {"a"}, *nobody[] = {"nobody"}, *b[] = {"b"};
	assert_int_equal(dir_group_change_members(f->h, "g1", again, 1, NULL, 0, &culprit), DIR_E_EXISTS);
	assert_string_equal(culprit, "a");
	assert_int_equal(dir_group_change_members(f->h, "g1", nobody, 1, NULL, 0, &culprit), DIR_E_NOTFOUND);
	assert_int_equal(dir_group_change_members(f->h, "g1", NULL, 0, b, 1, &culprit), DIR_E_NOTFOUND);
	assert_string_equal(culprit, "b");
	assert_int_equal(dir_group_change_members(f->h, "a", b, 1, NULL, 0, &culprit), DIR_E_WRONG_KIND);
	assert_null(culprit);
	assert_int_equal(dir_group_members(f->h, f->mem, "a", &l, &n), DIR_E_WRONG_KIND);
	assert_int_equal(dir_group_expand(f->h, f->mem, "nobody", &l, &n), DIR_E_NOTFOUND);

	/* all or nothing: b is added and a removed only if every change succeeds */
	const char *add[] = {"b", "nobody"}, *rm[] = {"a"};
	assert_int_equal(dir_group_change_members(f->h, "g1", add, 2, rm, 1, &culprit), DIR_E_NOTFOUND);
	assert_string_equal(culprit, "nobody");
	assert_int_equal(dir_group_members(f->h, f->mem, "g1", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"a", "c"}, 2);
	assert_int_equal(dir_group_change_members(f->h, "g1", add, 1, rm, 1, NULL), DIR_OK);
	assert_int_equal(dir_group_members(f->h, f->mem, "g1", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"b", "c"}, 2);

	/* deleting objects removes their memberships */
	assert_int_equal(dir_delete(f->h, DIR_CONTACT, "c"), DIR_OK);
	assert_int_equal(dir_delete(f->h, DIR_GROUP, "g1"), DIR_OK);
	assert_int_equal(dir_group_members(f->h, f->mem, "g2", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"a", "b"}, 2);
	assert_int_equal(dir_group_expand(f->h, f->mem, "g3", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"a", "b"}, 2);
}

static void test_expand_terminates_on_a_cycle_made_by_hand(void **state)
{
	struct fixture *f = *state;
	uint32_t g1, g2;
	add_user(f, "a", NULL, NULL, NULL);
	assert_int_equal(dir_group_add(f->h, "g1", NULL, NULL, &g1), DIR_OK);
	assert_int_equal(dir_group_add(f->h, "g2", NULL, NULL, &g2), DIR_OK);
	const char *m1[] = {"g2", "a"};
	assert_int_equal(dir_group_change_members(f->h, "g1", m1, 2, NULL, 0, NULL), DIR_OK);
	char *stmt = talloc_asprintf(f->mem, "PRAGMA foreign_keys = ON; INSERT INTO members VALUES (%u, %u)",
	                             g2, g1);
	sql(f->path, stmt);
	struct dir_entry **l;
	size_t n;
	assert_int_equal(dir_group_expand(f->h, f->mem, "g2", &l, &n), DIR_OK);
	assert_aliases(l, n, (const char *[]){"a"}, 1);
}

/* ---- concurrency ---- */

struct writer {
	const char *path;
	int id;
	int failures;
};

static void *write_users(void *arg)
{
	struct writer *w = arg;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct dir_handle *h;
	if (dir_open(mem, w->path, 0, 10000, &h, NULL) != DIR_OK) {
		w->failures++;
	} else {
		for (int i = 0; i < 25; i++) {
			char alias[32];
			snprintf(alias, sizeof alias, "t%d-%d", w->id, i);
			struct dir_user_spec spec = {.alias = alias};
			w->failures += dir_user_add(h, &spec, NULL) != DIR_OK;
		}
	}
	talloc_free(mem);
	return NULL;
}

static void test_concurrent_writers_on_separate_handles(void **state)
{
	struct fixture *f = *state;
	pthread_t t[4];
	struct writer w[4];
	for (int i = 0; i < 4; i++) {
		w[i] = (struct writer){.path = f->path, .id = i};
		assert_int_equal(pthread_create(&t[i], NULL, write_users, &w[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].failures, 0);
	}
	struct dir_entry **l;
	size_t n;
	assert_int_equal(dir_list(f->h, f->mem, DIR_ALL_KINDS, &l, &n), DIR_OK);
	assert_int_equal(n, 100);
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < i; j++)
			assert_int_not_equal(l[i]->mid, l[j]->mid);
}

static void test_busy_timeout_reports_busy(void **state)
{
	struct fixture *f = *state;
	sqlite3 *db;
	assert_int_equal(sqlite3_open(f->path, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	struct dir_handle *h;
	assert_int_equal(dir_open(f->mem, f->path, 0, 50, &h, NULL), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_group_add(h, "g", NULL, NULL, NULL), DIR_E_BUSY);  /* another writer holds it */
	assert_int_equal(dir_lookup_alias(h, f->mem, "g", &e), DIR_E_NOTFOUND); /* WAL: readers still read */
	assert_int_equal(sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(dir_group_add(h, "g", NULL, NULL, NULL), DIR_OK);
	sqlite3_close(db);
	talloc_free(h);
}

static void test_certificates_and_delegates(void **state)
{
	struct fixture *f = *state;
	uint32_t alice, bob, group;
	add_user(f, "alice", NULL, NULL, &alice);
	add_user(f, "bob", NULL, NULL, &bob);
	assert_int_equal(dir_group_add(f->h, "team", NULL, NULL, &group), DIR_OK);
	uint8_t c1[] = {1, 2, 3}, c2[] = {4};
	struct dir_blob certs[] = {{c1, 3}, {c2, 1}};
	assert_int_equal(dir_certificates_set(f->h, alice, DIR_CERT_USER, certs, 2), DIR_OK);
	assert_int_equal(dir_certificates_set(f->h, group, DIR_CERT_USER, certs, 2), DIR_E_WRONG_KIND);
	assert_int_equal(dir_certificates_set(f->h, 0x7FFFF, DIR_CERT_USER, certs, 2), DIR_E_NOTFOUND);
	struct dir_blob *got;
	size_t n;
	assert_int_equal(dir_certificates_get(f->h, f->mem, alice, DIR_CERT_USER, &got, &n), DIR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(got[0].len, 3);
	assert_memory_equal(got[0].data, c1, 3);
	assert_int_equal(got[1].data[0], 4);
	assert_int_equal(dir_certificates_get(f->h, f->mem, alice, DIR_CERT_ADDRESS_BOOK, &got, &n), DIR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dir_certificates_set(f->h, alice, DIR_CERT_USER, NULL, 0), DIR_OK);
	assert_int_equal(dir_certificates_get(f->h, f->mem, alice, DIR_CERT_USER, &got, &n), DIR_OK);
	assert_int_equal(n, 0);

	uint32_t add[] = {bob, group, bob};
	assert_int_equal(dir_delegates_change(f->h, alice, false, add, 3), DIR_OK);
	uint32_t *mids;
	assert_int_equal(dir_delegates_get(f->h, f->mem, alice, &mids, &n), DIR_OK);
	assert_int_equal(n, 2);
	uint32_t unknown[] = {bob, 0x7FFFF};
	assert_int_equal(dir_delegates_change(f->h, alice, false, unknown, 2), DIR_E_NOTFOUND);
	assert_int_equal(dir_delegates_change(f->h, alice, true, unknown, 2), DIR_OK); /* removes bob */
	assert_int_equal(dir_delegates_get(f->h, f->mem, alice, &mids, &n), DIR_OK);
	assert_int_equal(n, 1);
	assert_int_equal(mids[0], group);
	/* deleting the delegate takes the link with it */
	assert_int_equal(dir_delete(f->h, DIR_GROUP, "team"), DIR_OK);
	assert_int_equal(dir_delegates_get(f->h, f->mem, alice, &mids, &n), DIR_OK);
	assert_int_equal(n, 0);
	assert_int_equal(dir_delegates_change(f->h, group, false, add, 1), DIR_E_NOTFOUND);
}

static void test_change_token(void **state)
{
	struct fixture *f = *state;
	struct dir_handle *other;
	assert_int_equal(dir_open(f, f->path, 0, 5000, &other, NULL), DIR_OK);
	uint64_t a, b, prev;
	assert_int_equal(dir_change_token(f->h, &prev), DIR_OK);
	uint32_t mid;
	add_user(f, "alice", NULL, NULL, &mid);
	assert_int_equal(dir_group_add(other, "team", NULL, NULL, NULL), DIR_OK);
	const char *alice[] = {"alice"};
	/* each kind of change moves the token, and both handles read the same value */
	for (int i = 0; i < 4; i++) {
		switch (i) {
		case 0:
			assert_int_equal(dir_set_display_name(f->h, "alice", "Alice A."), DIR_OK);
			break;
		case 1:
			assert_int_equal(dir_address_add(other, "alice", "a2@example.com"), DIR_OK);
			break;
		case 2:
			assert_int_equal(dir_group_change_members(f->h, "team", alice, 1, NULL, 0, NULL),
			                 DIR_OK);
			break;
		case 3: {
			struct dir_user_change ch = {.enabled = 0, .quota_bytes = -1};
			assert_int_equal(dir_user_update(other, "alice", &ch), DIR_OK);
			break;
		}
		}
		assert_int_equal(dir_change_token(f->h, &a), DIR_OK);
		assert_int_equal(dir_change_token(other, &b), DIR_OK);
		assert_true(a == b);
		assert_true(a != prev);
		prev = a;
	}
	/* reading does not move it */
	struct dir_entry **all;
	size_t n;
	assert_int_equal(dir_list(f->h, f->mem, DIR_ALL_KINDS, &all, &n), DIR_OK);
	assert_int_equal(dir_change_token(other, &b), DIR_OK);
	assert_true(b == prev);
	talloc_free(other);
}

static void test_person_fields(void **state)
{
	struct fixture *f = *state;
	struct dir_user_spec spec = {.alias = "alice", .display_name = "Alice Liddell"};
	spec.person[DIR_GIVEN_NAME] = "Alice";
	spec.person[DIR_SURNAME] = "Liddell";
	spec.person[DIR_PHONE] = "+44 1865 000000";
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_string_equal(e->person[DIR_GIVEN_NAME], "Alice");
	assert_string_equal(e->person[DIR_SURNAME], "Liddell");
	assert_string_equal(e->person[DIR_PHONE], "+44 1865 000000");
	assert_null(e->person[DIR_TITLE]);
	assert_null(e->person[DIR_DEPARTMENT]);
	assert_null(e->person[DIR_OFFICE]);
	/* update: NULL keeps, "" clears, text sets; the change moves the token */
	uint64_t before, after;
	assert_int_equal(dir_change_token(f->h, &before), DIR_OK);
	struct dir_user_change ch = {.enabled = -1, .quota_bytes = -1};
	ch.person[DIR_PHONE] = "";
	ch.person[DIR_TITLE] = "Explorer";
	ch.person[DIR_DEPARTMENT] = "Wonderland";
	ch.person[DIR_OFFICE] = "Rabbit Hole 1";
	assert_int_equal(dir_user_update(f->h, "alice", &ch), DIR_OK);
	assert_int_equal(dir_change_token(f->h, &after), DIR_OK);
	assert_true(after != before);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_string_equal(e->person[DIR_GIVEN_NAME], "Alice");
	assert_null(e->person[DIR_PHONE]);
	assert_string_equal(e->person[DIR_TITLE], "Explorer");
	assert_string_equal(e->person[DIR_DEPARTMENT], "Wonderland");
	assert_string_equal(e->person[DIR_OFFICE], "Rabbit Hole 1");
	/* the same rules as display names: control characters and bad UTF-8 are refused */
	ch = (struct dir_user_change){.enabled = -1, .quota_bytes = -1};
	ch.person[DIR_SURNAME] = "a\nb";
	assert_int_equal(dir_user_update(f->h, "alice", &ch), DIR_E_INVALID);
	spec.alias = "bob";
	spec.person[DIR_GIVEN_NAME] = "\xC3";
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_E_INVALID);
	/* groups and contacts have none */
	assert_int_equal(dir_group_add(f->h, "team", NULL, NULL, NULL), DIR_OK);
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "team", &e), DIR_OK);
	for (int i = 0; i < DIR_PERSON_FIELDS; i++)
		assert_null(e->person[i]);
}

/* Schema 3 -> 4 keeps every object and gives the organisation a server GUID; the person fields start unset.
 * The version 3 database is made from a current one by taking schema 4's additions away again. */
static void test_upgrade_from_schema_3_keeps_data(void **state)
{
	struct fixture *f = *state;
	uint32_t mid;
	add_user(f, "alice", "Alice Liddell", "pw one", &mid);
	talloc_free(f->h);
	f->h = NULL;
	sql(f->path,
	    "ALTER TABLE users DROP COLUMN given_name; ALTER TABLE users DROP COLUMN surname;"
	    "ALTER TABLE users DROP COLUMN title; ALTER TABLE users DROP COLUMN department;"
	    "ALTER TABLE users DROP COLUMN office; ALTER TABLE users DROP COLUMN phone;"
	    "ALTER TABLE organisation DROP COLUMN server_guid; UPDATE schema_version SET version = 3");
	assert_int_equal(dir_open(f, f->path, 0, 100, &f->h, NULL), DIR_OK);
	assert_int_equal(dir_schema_version(f->h), 4);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f->mem, "alice", &e), DIR_OK);
	assert_int_equal(e->mid, mid);
	assert_string_equal(e->display_name, "Alice Liddell");
	assert_int_equal(dir_verify_password(f->h, "alice", "pw one"), DIR_OK);
	for (int i = 0; i < DIR_PERSON_FIELDS; i++)
		assert_null(e->person[i]);
	struct dir_org *org;
	assert_int_equal(dir_org_get(f->h, f->mem, &org), DIR_OK);
	struct wc_guid zero = {0};
	assert_false(wc_guid_equal(&org->server_guid, &zero));
	assert_int_equal(org->server_guid.d3 >> 12, 4); /* a version 4 GUID */
}

static void test_server_guid_is_kept(void **state)
{
	struct fixture *f = *state;
	struct dir_org *a, *b;
	assert_int_equal(dir_org_get(f->h, f->mem, &a), DIR_OK);
	assert_int_equal(a->server_guid.d3 >> 12, 4);
	talloc_free(f->h);
	assert_int_equal(dir_open(f, f->path, 0, 100, &f->h, NULL), DIR_OK);
	assert_int_equal(dir_org_get(f->h, f->mem, &b), DIR_OK);
	assert_true(wc_guid_equal(&a->server_guid, &b->server_guid));
	/* another organisation (another database) has another one */
	char *path = talloc_asprintf(f->mem, "%s/other.db", f->dir);
	struct dir_handle *h;
	assert_int_equal(dir_open(f->mem, path, DIR_OPEN_CREATE, 100, &h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(h, "Other Org", "other.org"), DIR_OK);
	assert_int_equal(dir_org_get(h, f->mem, &b), DIR_OK);
	assert_false(wc_guid_equal(&a->server_guid, &b->server_guid));
	talloc_free(h);
}

int main(void)
{
#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
	const struct CMUnitTest tests[] = {
	        T(test_open_missing_without_create_fails),
	        T(test_new_database_is_private_and_current),
	        T(test_reopen_keeps_data),
	        T(test_empty_file_is_upgraded_from_version_zero),
	        T(test_newer_or_foreign_schema_is_refused),
	        T(test_strerror_covers_every_code),
	        T(test_organisation),
	        T(test_organisation_name_rules),
	        T(test_domains),
	        T(test_user_lookups),
	        T(test_user_defaults),
	        T(test_invalid_values_are_refused),
	        T(test_uniqueness_rules),
	        T(test_mids_are_stable_and_never_reused),
	        T(test_delete_checks_kind),
	        T(test_update_and_display_name),
	        T(test_addresses),
	        T(test_gal_order),
	        T(test_password_verification),
	        T(test_nt_hash_of_known_password),
	        T(test_group_nesting),
	        T(test_expand_terminates_on_a_cycle_made_by_hand),
	        T(test_concurrent_writers_on_separate_handles),
	        T(test_busy_timeout_reports_busy),
	        T(test_certificates_and_delegates),
	        T(test_change_token),
	        T(test_person_fields),
	        T(test_upgrade_from_schema_3_keeps_data),
	        T(test_server_guid_is_kept),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
