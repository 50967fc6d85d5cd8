/* NSPI over the directory: QueryRows of a 50,000-entry GAL in pages of 100 and ResolveNames of 1,000 names,
 * each beside the raw SQLite queries that read the same data from the same directory file in the same run
 * (keyset-paged GAL order; alias / address / display-name-prefix lookups). Usage: bench_nspi [entries]. */
#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "server/nspi/nspi.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PAGE 100
#define NAMES 1000

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const first[] = {"Anna",   "Bernd",  "Céline", "Dmitri", "Émile", "Frida",
                                    "Günter", "Hélène", "Ivan",   "Jürgen", "Karin", "Lars",
                                    "Marie",  "Nils",   "Olga",   "Pierre"};
static const char *const last[] = {"Müller", "Schmidt", "Dupont",  "Smith", "Jones",
                                   "Łukasz", "Åberg",   "Øster",   "Groß",  "Zola",
                                   "Brown",  "Martin",  "Bernard", "Weber", "Fischer"};

static void die(const char *what, int rc)
{
	fprintf(stderr, "bench_nspi: %s failed (%d)\n", what, rc);
	exit(1);
}

/* The raw baseline: the GAL columns in GAL order through the objects_gal index, one statement stepped through
 * every row, handed out 100 at a time (the cheapest way SQLite can give the same rows). */
static size_t raw_gal_pages(sqlite3 *db)
{
	sqlite3_stmt *st;
	const char *sql =
	        "SELECT o.mid, o.display_name, o.alias, o.legacy_dn, a.address, o.kind FROM objects o"
	        " LEFT JOIN addresses a ON a.mid = o.mid AND a.is_primary"
	        " ORDER BY o.display_name COLLATE NOCASE, o.mid";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db), 0);
	size_t rows = 0, bytes = 0;
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 1; c < 5; c++)
			bytes += (size_t)sqlite3_column_bytes(st, c);
		rows++;
	}
	sqlite3_finalize(st);
	return bytes ? rows : 0;
}

/* The raw baseline of ANR: exact alias, exact address, display-name prefix (indexed), counted. */
static size_t raw_resolve(sqlite3 *db, char **names, size_t n)
{
	sqlite3_stmt *st;
	const char *sql = "SELECT count(*) FROM (SELECT mid FROM objects WHERE alias = ?1"
	                  " UNION SELECT mid FROM addresses WHERE address = ?1"
	                  " UNION SELECT mid FROM objects WHERE display_name >= ?1 COLLATE NOCASE"
	                  "   AND display_name < ?1 || x'F48FBFBF' COLLATE NOCASE)";
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		die(sqlite3_errmsg(db), 0);
	size_t resolved = 0;
	for (size_t i = 0; i < n; i++) {
		sqlite3_bind_text(st, 1, names[i], -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1)
			resolved++;
		sqlite3_reset(st);
	}
	sqlite3_finalize(st);
	return resolved;
}

int main(int argc, char **argv)
{
	size_t entries = argc > 1 ? (size_t)strtoul(argv[1], NULL, 10) : 50000;
	TALLOC_CTX *mem = talloc_new(NULL);
	/* on tmpfs when there is one: provisioning commits one transaction per user */
	char tmpl[] = "/dev/shm/bench_nspi_XXXXXX";
	if (access("/dev/shm", W_OK) != 0)
		memcpy(tmpl, "/tmp/bench_nspi_XXXXXX", sizeof "/tmp/bench_nspi_XXXXXX");
	if (mkdtemp(tmpl) == NULL)
		die("mkdtemp", 0);
	char *path = talloc_asprintf(mem, "%s/directory.db", tmpl);
	struct dir_handle *h;
	int rc = dir_open(mem, path, DIR_OPEN_CREATE, 5000, &h, NULL);
	if (rc != DIR_OK || (rc = dir_org_create(h, "Bench Org", "bench.example")) != DIR_OK)
		die("directory", rc);

	/* provisioning through the directory API, one transaction per user as warpadm does */
	double t0 = now();
	sqlite3 *db;
	if (sqlite3_open(path, &db) != SQLITE_OK)
		die("sqlite3_open", 0);
	sqlite3_busy_timeout(db, 5000);
	char **names = talloc_array(mem, char *, NAMES);
	for (size_t i = 0; i < entries; i++) {
		char alias[32], display[128];
		snprintf(alias, sizeof alias, "u%06zu", i);
		snprintf(display, sizeof display, "%s %s %zu", first[i % 16], last[(i / 16) % 15], i);
		struct dir_user_spec spec = {.alias = alias, .display_name = display};
		if ((rc = dir_user_add(h, &spec, NULL)) != DIR_OK)
			die("dir_user_add", rc);
		size_t k = i / (entries / NAMES ? entries / NAMES : 1);
		if (i % (entries / NAMES ? entries / NAMES : 1) == 0 && k < NAMES)
			/* alternately an alias, an address, and a unique display name prefix */
			names[k] = k % 3 == 0   ? talloc_strdup(names, alias)
			           : k % 3 == 1 ? talloc_asprintf(names, "%s@bench.example", alias)
			                        : talloc_strdup(names, display);
	}
	double t_prov = now() - t0;

	struct nspi_config cfg = {.host = "bench.example", .tls = true, .cache = nspi_cache_create(mem)};
	struct nspi_session *s;
	struct mapi_nspi_stat st = {.code_page = 1252, .sort_locale = NSPI_DEFAULT_LOCALE};
	if ((rc = (int)nspi_bind(mem, h, &cfg, "u000000", 0, &st, &s, NULL)) != ecSuccess)
		die("nspi_bind", rc);
	uint32_t cols[] = {PidTagDisplayName,  PidTagAccount,     PidTagSmtpAddress,
	                   PidTagEmailAddress, PidTagDisplayType, PidTagEntryId};
	struct mapi_u32_array ca = {6, cols};

	/* the first call builds the sorted GAL; later calls reuse it until the directory changes */
	t0 = now();
	st.current_rec = MID_BEGINNING_OF_TABLE;
	if (nspi_update_stat(s, &st, NULL) != ecSuccess)
		die("nspi_update_stat", 0);
	double t_build = now() - t0;
	/* a second session on the same cache finds the reading made */
	struct nspi_session *s2;
	if (nspi_bind(mem, h, &cfg, "u000001", 0, &st, &s2, NULL) != ecSuccess)
		die("nspi_bind", 0);
	t0 = now();
	st.current_rec = MID_BEGINNING_OF_TABLE;
	if (nspi_update_stat(s2, &st, NULL) != ecSuccess)
		die("nspi_update_stat", 0);
	double t_shared = now() - t0;
	nspi_unbind(s2);

	t0 = now();
	size_t rows = 0;
	st.current_rec = MID_BEGINNING_OF_TABLE;
	for (;;) {
		TALLOC_CTX *page = talloc_new(mem);
		struct mapi_abk_rowset *rs;
		if ((rc = (int)nspi_query_rows(s, page, NSPI_EPH_ID, &st, NULL, PAGE, &ca, &rs)) != ecSuccess)
			die("nspi_query_rows", rc);
		rows += rs->count;
		talloc_free(page);
		/* the last page leaves the position at the end (MS-OXNSPI 3.1.4.1.8 c16); a request from there
		 * would get Count rows of PtypErrorCode values (c15), not an empty page */
		if (st.current_rec == MID_END_OF_TABLE)
			break;
	}
	double t_rows = now() - t0;
	t0 = now();
	size_t raw_rows = raw_gal_pages(db);
	double t_raw_rows = now() - t0;

	struct mapi_nspi_strings in = {NAMES, names};
	t0 = now();
	struct mapi_u32_array *mids;
	struct mapi_abk_rowset *rs;
	st = (struct mapi_nspi_stat){.code_page = 1252};
	if ((rc = (int)nspi_resolve_names(s, mem, &st, &ca, &in, true, &mids, &rs)) != ecSuccess)
		die("nspi_resolve_names", rc);
	double t_anr = now() - t0;
	size_t resolved = 0;
	for (size_t i = 0; i < NAMES; i++)
		resolved += mids->values[i] == MID_RESOLVED;
	t0 = now();
	size_t raw_resolved = raw_resolve(db, names, NAMES);
	double t_raw_anr = now() - t0;

	printf("bench_nspi: %zu users (provisioned in %.2f s); GAL read and sorted on the first call %.1f "
	       "ms, "
	       "first call of a second session sharing it %.3f ms\n",
	       entries, t_prov, t_build * 1e3, t_shared * 1e3);
	printf("QueryRows   %zu rows in pages of %d: %8.1f ms  | raw SQLite GAL scan: %8.1f ms (%zu "
	       "rows) "
	       "| ratio %.2f\n",
	       rows, PAGE, t_rows * 1e3, t_raw_rows * 1e3, raw_rows, t_rows / t_raw_rows);
	printf("ResolveNames %d names (%zu resolved):  %8.1f ms  | raw SQLite lookups:      %8.1f ms (%zu "
	       "unique) "
	       "| ratio %.2f\n",
	       NAMES, resolved, t_anr * 1e3, t_raw_anr * 1e3, raw_resolved, t_anr / t_raw_anr);
	sqlite3_close(db);
	talloc_free(mem);
	char *cmd = talloc_asprintf(NULL, "rm -rf '%s'", tmpl);
	if (system(cmd) != 0)
		return 1;
	talloc_free(cmd);
	return 0;
}
