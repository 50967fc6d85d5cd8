/* The directory on SQLite (see directory.h).
 *
 * Every address-book object is one row of `objects`, keyed by its MId. MIds come from a counter that only
 * grows, so a deleted object's MId is never handed out again, and every legacyExchangeDN ever issued is kept
 * in `issued_dns`, so a re-created alias cannot inherit the old object's DN (Outlook caches DNs in its
 * nickname cache and would address the new object as the old one). */
#include "store/directory.h"
#include "common/wc_hostname.h"
#include "common/wc_unicode.h"

#include <argon2.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <nettle/md4.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

/* argon2id with the OWASP-recommended minimum (19 MiB, 2 passes, 1 lane); the encoded string carries the
 * parameters, so raising them later keeps old hashes verifiable. */
#define ARGON2_T_COST 2
#define ARGON2_M_COST 19456
#define ARGON2_LANES 1
#define ARGON2_SALT_LEN 16
#define ARGON2_HASH_LEN 32
#define DEFAULT_LOCALE "en-US"

struct dir_handle {
	sqlite3 *db;
	char *msg;
};

static const char *const error_text[] = {
        [DIR_OK] = "success",
        [DIR_E_NOTFOUND] = "no such object",
        [DIR_E_EXISTS] = "already exists",
        [DIR_E_ADDRESS_TAKEN] = "the address is already in use",
        [DIR_E_UNKNOWN_DOMAIN] = "the address's domain is not an accepted domain",
        [DIR_E_WRONG_KIND] = "the object is of another kind",
        [DIR_E_CYCLE] = "a group cannot contain itself",
        [DIR_E_IN_USE] = "still in use",
        [DIR_E_INVALID] = "invalid value",
        [DIR_E_BAD_PASSWORD] = "wrong user name or password",
        [DIR_E_DISABLED] = "the account is disabled",
        [DIR_E_NO_PASSWORD] = "the user has no password",
        [DIR_E_NO_ORG] = "the directory has no organisation (run warpadm init)",
        [DIR_E_SCHEMA] = "the directory database has an unknown or damaged schema",
        [DIR_E_OPEN] = "cannot open the directory database",
        [DIR_E_BUSY] = "the directory database is busy",
        [DIR_E_DB] = "directory database error",
        [DIR_E_NOMEM] = "out of memory",
        [DIR_E_RANDOM] = "the system random source failed",
};

const char *dir_strerror(int err)
{
	if (err < 0 || (size_t)err >= sizeof error_text / sizeof error_text[0] || error_text[err] == NULL)
		return "unknown directory error";
	return error_text[err];
}

const char *dir_db_message(struct dir_handle *h)
{
	return h->msg ? h->msg : "";
}

/* ---- schema ---- */

/* migrations[i] brings the schema from version i to i + 1; never edit a shipped entry, append one. */
/* clang-format off */
static const char *const migrations[] = {
        /* 1: initial schema */
        "CREATE TABLE schema_version (version INTEGER NOT NULL);"
        "INSERT INTO schema_version VALUES (0);"
        "CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);"
        "INSERT INTO counters VALUES ('next_mid', 16);"
        "CREATE TABLE organisation (id INTEGER PRIMARY KEY CHECK (id = 1), name TEXT NOT NULL,"
        "  dn_prefix TEXT NOT NULL);"
        "CREATE TABLE domains (name TEXT PRIMARY KEY COLLATE NOCASE, is_default INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE objects (mid INTEGER PRIMARY KEY, kind INTEGER NOT NULL CHECK (kind IN (1, 2, 3)),"
        "  alias TEXT NOT NULL UNIQUE COLLATE NOCASE, display_name TEXT NOT NULL,"
        "  legacy_dn TEXT NOT NULL UNIQUE COLLATE NOCASE);"
        "CREATE INDEX objects_gal ON objects (display_name COLLATE NOCASE, mid);"
        "CREATE TABLE users (mid INTEGER PRIMARY KEY REFERENCES objects (mid) ON DELETE CASCADE,"
        "  password_hash TEXT, nt_hash BLOB CHECK (nt_hash IS NULL OR length(nt_hash) = 16),"
        "  enabled INTEGER NOT NULL, quota INTEGER NOT NULL CHECK (quota >= 0),"
        "  mailbox_guid TEXT NOT NULL UNIQUE, locale TEXT NOT NULL);"
        "CREATE TABLE addresses (address TEXT PRIMARY KEY COLLATE NOCASE,"
        "  mid INTEGER NOT NULL REFERENCES objects (mid) ON DELETE CASCADE,"
        "  is_primary INTEGER NOT NULL, domain TEXT NOT NULL COLLATE NOCASE);"
        "CREATE UNIQUE INDEX addresses_primary ON addresses (mid) WHERE is_primary;"
        "CREATE INDEX addresses_mid ON addresses (mid);"
        "CREATE INDEX addresses_domain ON addresses (domain);"
        "CREATE TABLE members (group_mid INTEGER NOT NULL REFERENCES objects (mid) ON DELETE CASCADE,"
        "  member_mid INTEGER NOT NULL REFERENCES objects (mid) ON DELETE CASCADE,"
        "  PRIMARY KEY (group_mid, member_mid)) WITHOUT ROWID;"
        "CREATE INDEX members_member ON members (member_mid);"
        "CREATE TABLE issued_dns (dn TEXT PRIMARY KEY COLLATE NOCASE) WITHOUT ROWID;",
        /* 2: what a user may set on their own address book entry over NSPI (MS-OXNSPI 3.1.4.1.14, 3.1.4.1.15) */
        "CREATE TABLE certificates (mid INTEGER NOT NULL REFERENCES objects (mid) ON DELETE CASCADE,"
        "  kind INTEGER NOT NULL, seq INTEGER NOT NULL, value BLOB NOT NULL,"
        "  PRIMARY KEY (mid, kind, seq)) WITHOUT ROWID;"
        "CREATE TABLE delegates (mid INTEGER NOT NULL REFERENCES objects (mid) ON DELETE CASCADE,"
        "  delegate_mid INTEGER NOT NULL REFERENCES objects (mid) ON DELETE CASCADE,"
        "  PRIMARY KEY (mid, delegate_mid)) WITHOUT ROWID;"
        "CREATE INDEX delegates_delegate ON delegates (delegate_mid);",
        /* 3: a change counter every connection reads the same (dir_change_token) */
        "CREATE TABLE change_counter (n INTEGER NOT NULL);"
        "INSERT INTO change_counter VALUES (0);"
        "CREATE TRIGGER objects_insert AFTER INSERT ON objects BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER objects_update AFTER UPDATE ON objects BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER objects_delete AFTER DELETE ON objects BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER users_insert AFTER INSERT ON users BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER users_update AFTER UPDATE ON users BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER users_delete AFTER DELETE ON users BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER addresses_insert AFTER INSERT ON addresses BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER addresses_update AFTER UPDATE ON addresses BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER addresses_delete AFTER DELETE ON addresses BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER members_insert AFTER INSERT ON members BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER members_update AFTER UPDATE ON members BEGIN UPDATE change_counter SET n = n + 1; END;"
        "CREATE TRIGGER members_delete AFTER DELETE ON members BEGIN UPDATE change_counter SET n = n + 1; END;",
        /* 4: what the address book says of a person (ANR by given name and surname, MS-OXOABK 2.2.4), and the
         * NSPI server GUID, kept (a version 4 GUID in the registry form, as dir_org_create() makes it) */
        "ALTER TABLE users ADD COLUMN given_name TEXT;"
        "ALTER TABLE users ADD COLUMN surname TEXT;"
        "ALTER TABLE users ADD COLUMN title TEXT;"
        "ALTER TABLE users ADD COLUMN department TEXT;"
        "ALTER TABLE users ADD COLUMN office TEXT;"
        "ALTER TABLE users ADD COLUMN phone TEXT;"
        "ALTER TABLE organisation ADD COLUMN server_guid TEXT;"
        "UPDATE organisation SET server_guid = (SELECT '{' || substr(h, 1, 8) || '-' || substr(h, 9, 4) ||"
        "  '-4' || substr(h, 14, 3) || '-' || substr('89AB', 1 + abs(random() % 4), 1) || substr(h, 18, 3) ||"
        "  '-' || substr(h, 21, 12) || '}' FROM (SELECT hex(randomblob(16)) AS h));",
};
/* clang-format on */

const char *const dir_person_field_name[DIR_PERSON_FIELDS] = {
        [DIR_GIVEN_NAME] = "given-name", [DIR_SURNAME] = "surname", [DIR_TITLE] = "title",
        [DIR_DEPARTMENT] = "department", [DIR_OFFICE] = "office",   [DIR_PHONE] = "phone",
};
#define NMIGRATIONS (int)(sizeof migrations / sizeof migrations[0])
_Static_assert(NMIGRATIONS == DIR_SCHEMA_VERSION, "one migration per schema version");

static int random_guid(struct wc_guid *g);

/* ---- SQLite helpers ---- */

static int db_error(struct dir_handle *h, int rc)
{
	talloc_free(h->msg);
	h->msg = talloc_strdup(h, sqlite3_errmsg(h->db));
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DIR_E_BUSY;
	case SQLITE_NOMEM:
		return DIR_E_NOMEM;
	default:
		return DIR_E_DB;
	}
}

/* Prepares sql and binds the arguments described by types: 't' text (NULL binds NULL), 'i' int64,
 * 'b' 16-byte blob (NULL binds NULL). */
static int prep(struct dir_handle *h, sqlite3_stmt **st, const char *sql, const char *types, ...)
{
	int rc = sqlite3_prepare_v2(h->db, sql, -1, st, NULL);
	if (rc != SQLITE_OK)
		return db_error(h, rc);
	va_list ap;
	va_start(ap, types);
	for (int i = 0; rc == SQLITE_OK && types[i]; i++) {
		if (types[i] == 't') {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(*st, i + 1, s, -1, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(*st, i + 1);
		} else if (types[i] == 'i') {
			rc = sqlite3_bind_int64(*st, i + 1, va_arg(ap, int64_t));
		} else {
			const uint8_t *b = va_arg(ap, const uint8_t *);
			rc = b ? sqlite3_bind_blob(*st, i + 1, b, 16, SQLITE_TRANSIENT)
			       : sqlite3_bind_null(*st, i + 1);
		}
	}
	va_end(ap);
	if (rc != SQLITE_OK) {
		int err = db_error(h, rc);
		sqlite3_finalize(*st);
		*st = NULL;
		return err;
	}
	return DIR_OK;
}

/* Runs a statement that returns no rows; on_constraint is what a UNIQUE/PRIMARY KEY violation means. */
static int run(struct dir_handle *h, sqlite3_stmt *st, int on_constraint)
{
	int rc = sqlite3_step(st);
	int err = DIR_OK;
	if (rc == SQLITE_CONSTRAINT && on_constraint != DIR_OK)
		err = on_constraint;
	else if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		err = db_error(h, rc);
	sqlite3_finalize(st);
	return err;
}

static int exec(struct dir_handle *h, const char *sql)
{
	int rc = sqlite3_exec(h->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? DIR_OK : db_error(h, rc);
}

/* IMMEDIATE takes the write lock at BEGIN, so the busy timeout applies there and a read-then-write
 * transaction cannot deadlock against another writer. */
static int tx_begin(struct dir_handle *h)
{
	return exec(h, "BEGIN IMMEDIATE");
}

static int tx_end(struct dir_handle *h, int err)
{
	if (err != DIR_OK) {
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
		return err;
	}
	err = exec(h, "COMMIT");
	if (err != DIR_OK)
		sqlite3_exec(h->db, "ROLLBACK", NULL, NULL, NULL);
	return err;
}

/* One integer from a one-row query; DIR_E_NOTFOUND when there is no row. */
static int query_int(struct dir_handle *h, int64_t *out, const char *sql, const char *types, const char *t,
                     int64_t i)
{
	sqlite3_stmt *st;
	int err = types[0] == 't' ? prep(h, &st, sql, types, t) : prep(h, &st, sql, types, i);
	if (err != DIR_OK)
		return err;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	else
		err = rc == SQLITE_DONE ? DIR_E_NOTFOUND : db_error(h, rc);
	sqlite3_finalize(st);
	return err;
}

/* Steps st to the end, making one talloc object per row with from_row; finalizes st. All or nothing. */
static int collect_rows(struct dir_handle *h, sqlite3_stmt *st, TALLOC_CTX *mem,
                        void *(*from_row)(TALLOC_CTX *, sqlite3_stmt *), void ***out, size_t *count)
{
	void **list = talloc_array(mem, void *, 0);
	size_t n = 0;
	int rc = SQLITE_NOMEM, err = DIR_OK;
	while (list != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		list = talloc_realloc(mem, list, void *, n + 1);
		if (list == NULL || (list[n] = from_row(list, st)) == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		n++;
	}
	if (list == NULL || rc == SQLITE_NOMEM)
		err = DIR_E_NOMEM;
	else if (rc != SQLITE_DONE)
		err = db_error(h, rc);
	sqlite3_finalize(st);
	if (err != DIR_OK) {
		talloc_free(list);
		return err;
	}
	*out = list;
	*count = n;
	return DIR_OK;
}

/* ---- syntax ---- */

bool dir_valid_alias(const char *a)
{
	size_t n = strlen(a);
	if (n == 0 || n > DIR_ALIAS_MAX || a[0] == '.' || a[n - 1] == '.' || strstr(a, "..") != NULL)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)a[i]) && a[i] != '.' && a[i] != '-' && a[i] != '_')
			return false;
	return true;
}

bool dir_valid_domain(const char *d)
{
	return wc_hostname_valid(d, strlen(d));
}

/* RFC 5321 Mailbox in dot-atom form (no quoted local parts, no address literals, ASCII only). */
bool dir_valid_smtp(const char *a)
{
	const char *at = strrchr(a, '@');
	size_t local = at ? (size_t)(at - a) : 0;
	if (at == NULL || local == 0 || local > 64 || strlen(a) > 254 || a[0] == '.' || at[-1] == '.')
		return false;
	for (size_t i = 0; i < local; i++) {
		if (a[i] == '.'
		            ? a[i + 1] == '.'
		            : !isalnum((unsigned char)a[i]) && strchr("!#$%&'*+-/=?^_`{|}~", a[i]) == NULL)
			return false;
	}
	return dir_valid_domain(at + 1);
}

static bool valid_display_name(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > DIR_NAME_MAX || !wc_utf8_valid(s, n))
		return false;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
			return false;
	return true;
}

/* An organisation name becomes the "/o=" part of every DN: no '/' and nothing a DN parser trips over. */
static bool valid_org(const char *s)
{
	size_t n = strlen(s);
	if (n == 0 || n > 64 || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isalnum((unsigned char)s[i]) && strchr(" -._", s[i]) == NULL)
			return false;
	return true;
}

/* BCP 47 shape: a 2-3 letter language, then subtags of 1-8 letters or digits. */
static bool valid_locale(const char *s)
{
	size_t n = strlen(s), i = 0;
	while (i < n && isalpha((unsigned char)s[i]))
		i++;
	if (i < 2 || i > 3 || n > 35)
		return false;
	while (i < n) {
		size_t j = ++i;
		if (s[j - 1] != '-')
			return false;
		while (i < n && isalnum((unsigned char)s[i]))
			i++;
		if (i == j || i - j > 8)
			return false;
	}
	return true;
}

static bool valid_password(const char *p)
{
	size_t n = strlen(p);
	return n > 0 && n <= DIR_PASSWORD_MAX && wc_utf8_valid(p, n);
}

/* ---- open ---- */

static int handle_destructor(struct dir_handle *h)
{
	sqlite3_close_v2(h->db);
	return 0;
}

int dir_schema_version(struct dir_handle *h)
{
	int64_t v = 0;
	if (query_int(h, &v, "SELECT version FROM schema_version", "", NULL, 0) != DIR_OK)
		return -1;
	return (int)v;
}

/* Triggers count every change to the objects, users, addresses and members tables (schema 3), so the token
 * is the same for every connection and process reading the same database. */
int dir_change_token(struct dir_handle *h, uint64_t *token)
{
	int64_t v;
	int err = query_int(h, &v, "SELECT n FROM change_counter", "", NULL, 0);
	if (err == DIR_OK)
		*token = (uint64_t)v;
	return err;
}

static int upgrade_schema(struct dir_handle *h)
{
	/* The common case reads only, so opening never waits for another writer. */
	int64_t current;
	if (query_int(h, &current, "SELECT version FROM schema_version", "", NULL, 0) == DIR_OK &&
	    current == DIR_SCHEMA_VERSION)
		return DIR_OK;
	int err = tx_begin(h);
	if (err != DIR_OK)
		return err;
	int64_t has = 0, version = 0;
	err = query_int(h, &has,
	                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'",
	                "", NULL, 0);
	if (err == DIR_OK && has)
		err = query_int(h, &version, "SELECT version FROM schema_version", "", NULL, 0);
	if (err == DIR_E_NOTFOUND || (err == DIR_OK && (version < 0 || version > DIR_SCHEMA_VERSION)))
		err = DIR_E_SCHEMA; /* a newer program's database, or a damaged one */
	for (int64_t v = version; err == DIR_OK && v < NMIGRATIONS; v++) {
		err = exec(h, migrations[v]);
		if (err == DIR_E_DB)
			err = DIR_E_SCHEMA; /* e.g. somebody else's tables in the way */
		sqlite3_stmt *st;
		if (err == DIR_OK &&
		    (err = prep(h, &st, "UPDATE schema_version SET version = ?", "i", v + 1)) == 0)
			err = run(h, st, DIR_OK);
	}
	return tx_end(h, err);
}

int dir_open(TALLOC_CTX *mem, const char *path, unsigned flags, int busy_timeout_ms, struct dir_handle **out,
             char **errmsg)
{
	*out = NULL;
	if (errmsg)
		*errmsg = NULL;
	struct dir_handle *h = talloc_zero(mem, struct dir_handle);
	if (h == NULL)
		return DIR_E_NOMEM;
	if (flags & DIR_OPEN_CREATE) {
		/* Create the file ourselves so it is 0600 whatever the umask: it holds NT hashes, which are
		 * password equivalents. SQLite gives its -wal and -shm files the database file's mode. */
		int fd = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0600);
		if (fd < 0) {
			if (errmsg)
				*errmsg = talloc_asprintf(mem, "%s: %s", path, strerror(errno));
			talloc_free(h);
			return DIR_E_OPEN;
		}
		close(fd);
	}
	int rc = sqlite3_open_v2(path, &h->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_FULLMUTEX, NULL);
	talloc_set_destructor(h, handle_destructor);
	int err = DIR_OK;
	if (rc != SQLITE_OK) {
		db_error(h, rc);
		err = rc == SQLITE_NOMEM ? DIR_E_NOMEM : DIR_E_OPEN;
	}
	if (err == DIR_OK) {
		sqlite3_busy_timeout(h->db, busy_timeout_ms);
		sqlite3_extended_result_codes(h->db, 0);
		err = exec(h, "PRAGMA foreign_keys = ON");
		if (err == DIR_OK)
			err = exec(h, "PRAGMA journal_mode = WAL");
		if (err == DIR_E_DB)
			err = DIR_E_OPEN; /* e.g. "file is not a database" */
	}
	if (err == DIR_OK)
		err = upgrade_schema(h);
	if (err != DIR_OK) {
		if (errmsg)
			*errmsg = talloc_asprintf(mem, "%s: %s", path, h->msg ? h->msg : dir_strerror(err));
		talloc_free(h);
		return err;
	}
	*out = h;
	return DIR_OK;
}

/* ---- organisation and domains ---- */

static char *lower(TALLOC_CTX *mem, const char *s)
{
	char *r = talloc_strdup(mem, s);
	for (char *p = r; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return r;
}

static int insert_domain(struct dir_handle *h, const char *domain, bool is_default)
{
	char *d = lower(h, domain);
	sqlite3_stmt *st;
	int err = d ? prep(h, &st, "INSERT INTO domains (name, is_default) VALUES (?, ?)", "ti", d,
	                   (int64_t)is_default)
	            : DIR_E_NOMEM;
	talloc_free(d);
	return err ? err : run(h, st, DIR_E_EXISTS);
}

int dir_org_create(struct dir_handle *h, const char *name, const char *domain)
{
	if (!valid_org(name) || !dir_valid_domain(domain))
		return DIR_E_INVALID;
	struct wc_guid guid;
	char guid_str[39];
	int err = random_guid(&guid);
	if (err != DIR_OK)
		return err;
	wc_guid_to_string(&guid, guid_str);
	char *prefix = talloc_asprintf(h, "/o=%s/ou=" DIR_ADMIN_GROUP, name);
	if (prefix == NULL)
		return DIR_E_NOMEM;
	err = tx_begin(h);
	if (err == DIR_OK) {
		sqlite3_stmt *st;
		err = prep(h, &st,
		           "INSERT INTO organisation (id, name, dn_prefix, server_guid) VALUES (1, ?, ?, ?)",
		           "ttt", name, prefix, guid_str);
		if (err == DIR_OK)
			err = run(h, st, DIR_E_EXISTS);
		if (err == DIR_OK)
			err = insert_domain(h, domain, true);
		err = tx_end(h, err);
	}
	talloc_free(prefix);
	return err;
}

int dir_org_get(struct dir_handle *h, TALLOC_CTX *mem, struct dir_org **out)
{
	sqlite3_stmt *st;
	*out = NULL;
	int err = prep(h, &st,
	               "SELECT o.name, o.dn_prefix, d.name, o.server_guid FROM organisation o "
	               "LEFT JOIN domains d ON d.is_default",
	               "");
	if (err != DIR_OK)
		return err;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		struct dir_org *o = talloc_zero(mem, struct dir_org);
		if (o != NULL) {
			o->name = talloc_strdup(o, (const char *)sqlite3_column_text(st, 0));
			o->dn_prefix = talloc_strdup(o, (const char *)sqlite3_column_text(st, 1));
			o->default_domain = talloc_strdup(o, (const char *)sqlite3_column_text(st, 2));
		}
		const char *guid = (const char *)sqlite3_column_text(st, 3);
		if (o == NULL || !o->name || !o->dn_prefix || !o->default_domain) {
			talloc_free(o);
			o = NULL;
			err = DIR_E_NOMEM;
		} else if (guid == NULL || !wc_guid_from_string(guid, &o->server_guid)) {
			talloc_free(o);
			o = NULL;
			err = DIR_E_SCHEMA;
		}
		*out = o;
	} else {
		err = rc == SQLITE_DONE ? DIR_E_NO_ORG : db_error(h, rc);
	}
	sqlite3_finalize(st);
	return err;
}

int dir_domain_add(struct dir_handle *h, const char *domain)
{
	if (!dir_valid_domain(domain))
		return DIR_E_INVALID;
	int64_t n;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = query_int(h, &n, "SELECT 1 FROM organisation", "", NULL, 0);
	if (err == DIR_E_NOTFOUND)
		err = DIR_E_NO_ORG;
	if (err == DIR_OK)
		err = insert_domain(h, domain, false);
	return tx_end(h, err);
}

int dir_domain_remove(struct dir_handle *h, const char *domain)
{
	int64_t n;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = query_int(h, &n, "SELECT is_default FROM domains WHERE name = ?", "t", domain, 0);
	if (err == DIR_OK && n)
		err = DIR_E_IN_USE; /* new objects get addresses in the default domain */
	if (err == DIR_OK)
		err = query_int(h, &n,
		                "SELECT count(*) FROM addresses a JOIN objects o ON o.mid = a.mid "
		                "WHERE a.domain = ? AND o.kind IN (1, 2)",
		                "t", domain, 0);
	if (err == DIR_OK && n)
		err = DIR_E_IN_USE;
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(h, &st, "DELETE FROM domains WHERE name = ?", "t", domain)) == DIR_OK)
		err = run(h, st, DIR_OK);
	return tx_end(h, err);
}

static void *domain_from_row(TALLOC_CTX *mem, sqlite3_stmt *st)
{
	return talloc_strdup(mem, (const char *)sqlite3_column_text(st, 0));
}

int dir_domain_list(struct dir_handle *h, TALLOC_CTX *mem, char ***domains, size_t *count)
{
	sqlite3_stmt *st;
	*domains = NULL;
	*count = 0;
	int err = prep(h, &st, "SELECT name FROM domains ORDER BY name", "");
	return err ? err : collect_rows(h, st, mem, domain_from_row, (void ***)domains, count);
}

bool dir_domain_is_accepted(struct dir_handle *h, const char *domain)
{
	int64_t n;
	return query_int(h, &n, "SELECT 1 FROM domains WHERE name = ?", "t", domain, 0) == DIR_OK;
}

/* ---- reading entries ---- */

#define ENTRY_SELECT                                                                                         \
	"SELECT o.mid, o.kind, o.alias, o.display_name, o.legacy_dn,"                                        \
	" (SELECT address FROM addresses a WHERE a.mid = o.mid AND a.is_primary),"                           \
	" (SELECT group_concat(address, ' ') FROM (SELECT address FROM addresses a"                          \
	"   WHERE a.mid = o.mid AND NOT a.is_primary ORDER BY address)),"                                    \
	" u.enabled, u.password_hash IS NOT NULL, u.quota, u.mailbox_guid, u.locale,"                        \
	" u.given_name, u.surname, u.title, u.department, u.office, u.phone "                                \
	"FROM objects o LEFT JOIN users u ON u.mid = o.mid WHERE "
#define ENTRY_PERSON_COLUMN 12 /* the first of the person fields, in enum dir_person_field order */
#define ENTRY_ORDER " ORDER BY o.display_name COLLATE NOCASE, o.mid"

static char *column_str(TALLOC_CTX *mem, sqlite3_stmt *st, int col)
{
	const char *s = (const char *)sqlite3_column_text(st, col);
	return talloc_strdup(mem, s ? s : "");
}

static struct dir_entry *entry_from_row(TALLOC_CTX *mem, sqlite3_stmt *st)
{
	struct dir_entry *e = talloc_zero(mem, struct dir_entry);
	if (e == NULL)
		return NULL;
	e->mid = (uint32_t)sqlite3_column_int64(st, 0);
	e->kind = (enum dir_kind)sqlite3_column_int(st, 1);
	e->alias = column_str(e, st, 2);
	e->display_name = column_str(e, st, 3);
	e->legacy_dn = column_str(e, st, 4);
	e->smtp = column_str(e, st, 5);
	/* Addresses never contain a space (dir_valid_smtp), so it separates them. */
	char *proxies = column_str(e, st, 6);
	e->proxy_addresses = talloc_array(e, char *, 0);
	for (char *save = NULL, *a = proxies ? strtok_r(proxies, " ", &save) : NULL; a && e->proxy_addresses;
	     a = strtok_r(NULL, " ", &save)) {
		e->proxy_addresses = talloc_realloc(e, e->proxy_addresses, char *, e->proxy_count + 1);
		if (e->proxy_addresses)
			e->proxy_addresses[e->proxy_count++] = a;
	}
	if (e->kind == DIR_USER) {
		e->enabled = sqlite3_column_int(st, 7) != 0;
		e->has_password = sqlite3_column_int(st, 8) != 0;
		e->quota_bytes = (uint64_t)sqlite3_column_int64(st, 9);
		wc_guid_from_string((const char *)sqlite3_column_text(st, 10), &e->mailbox_guid);
		e->locale = column_str(e, st, 11);
	}
	bool person_ok = true;
	for (int i = 0; e->kind == DIR_USER && i < DIR_PERSON_FIELDS; i++)
		if (sqlite3_column_type(st, ENTRY_PERSON_COLUMN + i) != SQLITE_NULL)
			person_ok &= (e->person[i] = column_str(e, st, ENTRY_PERSON_COLUMN + i)) != NULL;
	if (!e->alias || !e->display_name || !e->legacy_dn || !e->smtp || !proxies || !e->proxy_addresses ||
	    (e->kind == DIR_USER && !e->locale) || !person_ok) {
		talloc_free(e);
		return NULL;
	}
	return e;
}

static void *entry_row(TALLOC_CTX *mem, sqlite3_stmt *st)
{
	return entry_from_row(mem, st);
}

/* Runs ENTRY_SELECT + where + ENTRY_ORDER with ?1 bound to text (when not NULL) or num. */
static int load_entries(struct dir_handle *h, TALLOC_CTX *mem, const char *where, const char *text,
                        int64_t num, struct dir_entry ***out, size_t *count)
{
	*out = NULL;
	*count = 0;
	char *sql = talloc_asprintf(h, ENTRY_SELECT "%s" ENTRY_ORDER, where);
	if (sql == NULL)
		return DIR_E_NOMEM;
	sqlite3_stmt *st;
	int err = text ? prep(h, &st, sql, "t", text) : prep(h, &st, sql, "i", num);
	talloc_free(sql);
	return err ? err : collect_rows(h, st, mem, entry_row, (void ***)out, count);
}

static int load_one(struct dir_handle *h, TALLOC_CTX *mem, const char *where, const char *text, int64_t num,
                    struct dir_entry **out)
{
	struct dir_entry **list;
	size_t n;
	*out = NULL;
	int err = load_entries(h, mem, where, text, num, &list, &n);
	if (err != DIR_OK)
		return err;
	if (n == 0) {
		talloc_free(list);
		return DIR_E_NOTFOUND;
	}
	*out = talloc_steal(mem, list[0]);
	talloc_free(list);
	return DIR_OK;
}

int dir_lookup_alias(struct dir_handle *h, TALLOC_CTX *mem, const char *alias, struct dir_entry **out)
{
	return load_one(h, mem, "o.alias = ?1", alias, 0, out);
}

int dir_lookup_smtp(struct dir_handle *h, TALLOC_CTX *mem, const char *address, struct dir_entry **out)
{
	return load_one(h, mem, "o.mid = (SELECT mid FROM addresses WHERE address = ?1)", address, 0, out);
}

int dir_lookup_dn(struct dir_handle *h, TALLOC_CTX *mem, const char *legacy_dn, struct dir_entry **out)
{
	return load_one(h, mem, "o.legacy_dn = ?1", legacy_dn, 0, out);
}

int dir_lookup_mid(struct dir_handle *h, TALLOC_CTX *mem, uint32_t mid, struct dir_entry **out)
{
	return load_one(h, mem, "o.mid = ?1", NULL, mid, out);
}

int dir_lookup(struct dir_handle *h, TALLOC_CTX *mem, const char *name, struct dir_entry **out)
{
	return strchr(name, '@') ? dir_lookup_smtp(h, mem, name, out) : dir_lookup_alias(h, mem, name, out);
}

int dir_list(struct dir_handle *h, TALLOC_CTX *mem, unsigned kind_mask, struct dir_entry ***out,
             size_t *count)
{
	return load_entries(h, mem, "(1 << o.kind) & ?1", NULL, kind_mask, out, count);
}

/* ---- creating objects ---- */

static int random_bytes(void *buf, size_t n)
{
	for (size_t got = 0; got < n;) {
		ssize_t r = getrandom((char *)buf + got, n - got, 0);
		if (r < 0 && errno != EINTR)
			return DIR_E_RANDOM;
		if (r > 0)
			got += (size_t)r;
	}
	return DIR_OK;
}

/* A random (version 4, RFC 4122) GUID for a new mailbox. */
static int random_guid(struct wc_guid *g)
{
	int err = random_bytes(g, sizeof *g);
	g->d3 = (uint16_t)((g->d3 & 0x0FFF) | 0x4000);
	g->d4[0] = (uint8_t)((g->d4[0] & 0x3F) | 0x80);
	return err;
}

/* Resolves name (alias, or an SMTP address when it has '@') to its MId and kind. */
static int resolve(struct dir_handle *h, const char *name, int64_t *mid, enum dir_kind *kind)
{
	int64_t k;
	int err = strchr(name, '@')
	                  ? query_int(h, mid, "SELECT mid FROM addresses WHERE address = ?", "t", name, 0)
	                  : query_int(h, mid, "SELECT mid FROM objects WHERE alias = ?", "t", name, 0);
	if (err == DIR_OK)
		err = query_int(h, &k, "SELECT kind FROM objects WHERE mid = ?", "i", NULL, *mid);
	if (err == DIR_OK)
		*kind = (enum dir_kind)k;
	return err;
}

static int resolve_kind(struct dir_handle *h, const char *name, enum dir_kind want, int64_t *mid)
{
	enum dir_kind kind;
	int err = resolve(h, name, mid, &kind);
	return err == DIR_OK && kind != want ? DIR_E_WRONG_KIND : err;
}

/* MS-OXNSPI 2.2.9.1 leaves the MId algorithm to the server: a counter that never goes back. */
static int next_mid(struct dir_handle *h, int64_t *mid)
{
	int err = query_int(
	        h, mid, "UPDATE counters SET value = value + 1 WHERE name = 'next_mid' RETURNING value - 1",
	        "", NULL, 0);
	if (err == DIR_OK && *mid > UINT32_MAX)
		err = DIR_E_DB;
	return err;
}

/* Exchange 2007/2010 form "/cn=Recipients/cn=<alias>"; when that DN was ever issued before, the Exchange
 * 2013 form "cn=<32 hex digits>-<alias>" keeps it unique. */
static int issue_dn(struct dir_handle *h, const char *prefix, const char *alias, char **dn)
{
	int64_t n;
	*dn = talloc_asprintf(h, "%s/cn=Recipients/cn=%s", prefix, alias);
	int err = *dn ? query_int(h, &n, "SELECT 1 FROM issued_dns WHERE dn = ?", "t", *dn, 0) : DIR_E_NOMEM;
	while (err == DIR_OK) {
		uint8_t r[16];
		if ((err = random_bytes(r, sizeof r)) != DIR_OK)
			break;
		talloc_free(*dn);
		*dn = talloc_asprintf(h, "%s/cn=Recipients/cn=", prefix);
		for (size_t i = 0; *dn && i < sizeof r; i++)
			*dn = talloc_asprintf_append(*dn, "%02x", r[i]);
		*dn = *dn ? talloc_asprintf_append(*dn, "-%s", alias) : NULL;
		err = *dn ? query_int(h, &n, "SELECT 1 FROM issued_dns WHERE dn = ?", "t", *dn, 0)
		          : DIR_E_NOMEM;
	}
	sqlite3_stmt *st;
	if (err == DIR_E_NOTFOUND &&
	    (err = prep(h, &st, "INSERT INTO issued_dns VALUES (?)", "t", *dn)) == DIR_OK)
		err = run(h, st, DIR_OK);
	return err;
}

static int insert_address(struct dir_handle *h, int64_t mid, const char *address, bool primary, bool local)
{
	const char *domain = strrchr(address, '@') + 1;
	if (local && !dir_domain_is_accepted(h, domain))
		return DIR_E_UNKNOWN_DOMAIN;
	sqlite3_stmt *st;
	int err = prep(h, &st, "INSERT INTO addresses (address, mid, is_primary, domain) VALUES (?, ?, ?, ?)",
	               "tiit", address, mid, (int64_t)primary, domain);
	return err ? err : run(h, st, DIR_E_ADDRESS_TAKEN);
}

/* Inserts the objects row with a new MId and DN, and its primary address (default <alias>@<default domain>);
 * local addresses must be in an accepted domain. Runs inside the caller's transaction. */
static int insert_object(struct dir_handle *h, enum dir_kind kind, const char *alias,
                         const char *display_name, const char *smtp, int64_t *mid)
{
	struct dir_org *org;
	int err = dir_org_get(h, h, &org);
	if (err != DIR_OK)
		return err;
	char *dn = NULL;
	char *addr =
	        smtp ? talloc_strdup(org, smtp) : talloc_asprintf(org, "%s@%s", alias, org->default_domain);
	if (addr == NULL)
		err = DIR_E_NOMEM;
	else if (!dir_valid_smtp(addr))
		err = DIR_E_INVALID; /* an alias like "a-" can make a bad default address */
	if (err == DIR_OK)
		err = next_mid(h, mid);
	if (err == DIR_OK)
		err = issue_dn(h, org->dn_prefix, alias, &dn);
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(
	             h, &st,
	             "INSERT INTO objects (mid, kind, alias, display_name, legacy_dn) VALUES (?, ?, ?, ?, ?)",
	             "iittt", *mid, (int64_t)kind, alias, display_name ? display_name : alias, dn)) == DIR_OK)
		err = run(h, st, DIR_E_EXISTS);
	if (err == DIR_OK)
		err = insert_address(h, *mid, addr, true, kind != DIR_CONTACT);
	talloc_free(dn);
	talloc_free(org);
	return err;
}

static bool valid_object_args(const char *alias, const char *display_name, const char *smtp)
{
	return alias && dir_valid_alias(alias) && (!display_name || valid_display_name(display_name)) &&
	       (!smtp || dir_valid_smtp(smtp));
}

/* Computes both password forms before any transaction starts (argon2 is slow on purpose). */
static int hash_password(const char *password, char encoded[128], uint8_t nt[16])
{
	uint8_t salt[ARGON2_SALT_LEN];
	int err = random_bytes(salt, sizeof salt);
	if (err != DIR_OK)
		return err;
	if (argon2id_hash_encoded(ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES, password, strlen(password),
	                          salt, sizeof salt, ARGON2_HASH_LEN, encoded, 128) != ARGON2_OK)
		return DIR_E_NOMEM;
	/* MS-NLMP 3.3.1 NTOWFv1: MD4 of the UTF-16LE password. */
	size_t ulen;
	uint8_t *u = wc_utf8_to_utf16le(NULL, password, strlen(password), &ulen);
	if (u == NULL)
		return DIR_E_INVALID;
	struct md4_ctx md4;
	md4_init(&md4);
	md4_update(&md4, ulen, u);
	md4_digest(&md4, 16, nt);
	memset(u, 0, ulen);
	talloc_free(u);
	return DIR_OK;
}

int dir_user_add(struct dir_handle *h, const struct dir_user_spec *spec, uint32_t *mid_out)
{
	const char *locale = spec->locale ? spec->locale : DEFAULT_LOCALE;
	if (!valid_object_args(spec->alias, spec->display_name, spec->smtp) || !valid_locale(locale) ||
	    (spec->password && !valid_password(spec->password)) || spec->quota_bytes > INT64_MAX)
		return DIR_E_INVALID;
	for (size_t i = 0; i < spec->proxy_count; i++)
		if (!dir_valid_smtp(spec->proxy_addresses[i]))
			return DIR_E_INVALID;
	for (int i = 0; i < DIR_PERSON_FIELDS; i++)
		if (spec->person[i] && !valid_display_name(spec->person[i]))
			return DIR_E_INVALID;
	char encoded[128];
	uint8_t nt[16];
	struct wc_guid guid;
	char guid_str[39];
	int err = spec->password ? hash_password(spec->password, encoded, nt) : DIR_OK;
	if (err == DIR_OK)
		err = random_guid(&guid);
	if (err != DIR_OK)
		return err;
	wc_guid_to_string(&guid, guid_str);

	int64_t mid = 0;
	if ((err = tx_begin(h)) != DIR_OK)
		return err;
	err = insert_object(h, DIR_USER, spec->alias, spec->display_name, spec->smtp, &mid);
	for (size_t i = 0; err == DIR_OK && i < spec->proxy_count; i++)
		err = insert_address(h, mid, spec->proxy_addresses[i], false, true);
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(
	             h, &st,
	             "INSERT INTO users (mid, password_hash, nt_hash, enabled, quota, mailbox_guid, locale,"
	             " given_name, surname, title, department, office, phone) "
	             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
	             "itbiitttttttt", mid, spec->password ? encoded : NULL, spec->password ? nt : NULL,
	             (int64_t)!spec->disabled, (int64_t)spec->quota_bytes, guid_str, locale,
	             spec->person[DIR_GIVEN_NAME], spec->person[DIR_SURNAME], spec->person[DIR_TITLE],
	             spec->person[DIR_DEPARTMENT], spec->person[DIR_OFFICE], spec->person[DIR_PHONE])) ==
	            DIR_OK)
		err = run(h, st, DIR_E_EXISTS);
	memset(nt, 0, sizeof nt);
	err = tx_end(h, err);
	if (err == DIR_OK && mid_out)
		*mid_out = (uint32_t)mid;
	return err;
}

static int add_simple(struct dir_handle *h, enum dir_kind kind, const char *alias, const char *display_name,
                      const char *smtp, uint32_t *mid_out)
{
	if (!valid_object_args(alias, display_name, smtp) || (kind == DIR_CONTACT && smtp == NULL))
		return DIR_E_INVALID;
	int64_t mid = 0;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = tx_end(h, insert_object(h, kind, alias, display_name, smtp, &mid));
	if (err == DIR_OK && mid_out)
		*mid_out = (uint32_t)mid;
	return err;
}

int dir_group_add(struct dir_handle *h, const char *alias, const char *display_name, const char *smtp,
                  uint32_t *mid)
{
	return add_simple(h, DIR_GROUP, alias, display_name, smtp, mid);
}

int dir_contact_add(struct dir_handle *h, const char *alias, const char *display_name, const char *smtp,
                    uint32_t *mid)
{
	return add_simple(h, DIR_CONTACT, alias, display_name, smtp, mid);
}

/* ---- changing objects ---- */

int dir_delete(struct dir_handle *h, enum dir_kind kind, const char *name)
{
	int64_t mid;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = resolve_kind(h, name, kind, &mid);
	sqlite3_stmt *st;
	/* ON DELETE CASCADE removes the users row, addresses and memberships; the MId counter and
	 * issued_dns keep the MId and DN from being reused. */
	if (err == DIR_OK && (err = prep(h, &st, "DELETE FROM objects WHERE mid = ?", "i", mid)) == DIR_OK)
		err = run(h, st, DIR_OK);
	return tx_end(h, err);
}

int dir_set_display_name(struct dir_handle *h, const char *name, const char *display_name)
{
	if (!valid_display_name(display_name))
		return DIR_E_INVALID;
	enum dir_kind kind;
	int64_t mid;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = resolve(h, name, &mid, &kind);
	sqlite3_stmt *st;
	if (err == DIR_OK && (err = prep(h, &st, "UPDATE objects SET display_name = ? WHERE mid = ?", "ti",
	                                 display_name, mid)) == 0)
		err = run(h, st, DIR_OK);
	return tx_end(h, err);
}

/* A person field (?7 ... ?12) NULL keeps its value, '' clears it. */
static const char user_update_sql[] =
        "UPDATE users SET password_hash = coalesce(?1, password_hash), nt_hash = coalesce(?2, nt_hash),"
        " locale = coalesce(?3, locale), enabled = CASE WHEN ?4 < 0 THEN enabled ELSE ?4 END,"
        " quota = CASE WHEN ?5 < 0 THEN quota ELSE ?5 END,"
        " given_name = CASE WHEN ?7 IS NULL THEN given_name ELSE nullif(?7, '') END,"
        " surname = CASE WHEN ?8 IS NULL THEN surname ELSE nullif(?8, '') END,"
        " title = CASE WHEN ?9 IS NULL THEN title ELSE nullif(?9, '') END,"
        " department = CASE WHEN ?10 IS NULL THEN department ELSE nullif(?10, '') END,"
        " office = CASE WHEN ?11 IS NULL THEN office ELSE nullif(?11, '') END,"
        " phone = CASE WHEN ?12 IS NULL THEN phone ELSE nullif(?12, '') END WHERE mid = ?6";

int dir_user_update(struct dir_handle *h, const char *name, const struct dir_user_change *c)
{
	if ((c->password && !valid_password(c->password)) || (c->locale && !valid_locale(c->locale)) ||
	    c->enabled < -1 || c->enabled > 1 || c->quota_bytes < -1)
		return DIR_E_INVALID;
	for (int i = 0; i < DIR_PERSON_FIELDS; i++)
		if (c->person[i] && c->person[i][0] && !valid_display_name(c->person[i]))
			return DIR_E_INVALID;
	char encoded[128];
	uint8_t nt[16];
	int err = c->password ? hash_password(c->password, encoded, nt) : DIR_OK;
	int64_t mid;
	if (err == DIR_OK)
		err = tx_begin(h);
	if (err != DIR_OK)
		return err;
	err = resolve_kind(h, name, DIR_USER, &mid);
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(h, &st, user_update_sql, "tbtiiitttttt", c->password ? encoded : NULL,
	                c->password ? nt : NULL, c->locale, (int64_t)c->enabled, c->quota_bytes, mid,
	                c->person[DIR_GIVEN_NAME], c->person[DIR_SURNAME], c->person[DIR_TITLE],
	                c->person[DIR_DEPARTMENT], c->person[DIR_OFFICE], c->person[DIR_PHONE])) == DIR_OK)
		err = run(h, st, DIR_OK);
	memset(nt, 0, sizeof nt);
	return tx_end(h, err);
}

/* Resolves name to a user or group: the kinds whose addresses live in accepted domains. */
static int resolve_addressable(struct dir_handle *h, const char *name, int64_t *mid)
{
	enum dir_kind kind;
	int err = resolve(h, name, mid, &kind);
	return err == DIR_OK && kind == DIR_CONTACT ? DIR_E_WRONG_KIND : err;
}

int dir_address_add(struct dir_handle *h, const char *name, const char *address)
{
	if (!dir_valid_smtp(address))
		return DIR_E_INVALID;
	int64_t mid;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = resolve_addressable(h, name, &mid);
	if (err == DIR_OK)
		err = insert_address(h, mid, address, false, true);
	return tx_end(h, err);
}

int dir_address_remove(struct dir_handle *h, const char *name, const char *address)
{
	int64_t mid, owner, primary;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = resolve_addressable(h, name, &mid);
	if (err == DIR_OK)
		err = query_int(h, &owner, "SELECT mid FROM addresses WHERE address = ?", "t", address, 0);
	if (err == DIR_OK && owner != mid)
		err = DIR_E_NOTFOUND;
	if (err == DIR_OK)
		err = query_int(h, &primary, "SELECT is_primary FROM addresses WHERE address = ?", "t",
		                address, 0);
	if (err == DIR_OK && primary)
		err = DIR_E_IN_USE;
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(h, &st, "DELETE FROM addresses WHERE address = ?", "t", address)) == 0)
		err = run(h, st, DIR_OK);
	return tx_end(h, err);
}

int dir_address_set_primary(struct dir_handle *h, const char *name, const char *address)
{
	if (!dir_valid_smtp(address))
		return DIR_E_INVALID;
	int64_t mid, owner = -1;
	int err = tx_begin(h);
	if (err == DIR_OK)
		err = resolve_addressable(h, name, &mid);
	if (err == DIR_OK) {
		err = query_int(h, &owner, "SELECT mid FROM addresses WHERE address = ?", "t", address, 0);
		if (err == DIR_E_NOTFOUND)
			err = DIR_OK; /* a new address: added below */
		else if (err == DIR_OK && owner != mid)
			err = DIR_E_ADDRESS_TAKEN;
	}
	/* The old primary becomes a proxy address first: at most one primary per object (addresses_primary).
	 */
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(h, &st, "UPDATE addresses SET is_primary = 0 WHERE mid = ?", "i", mid)) == 0)
		err = run(h, st, DIR_OK);
	if (err == DIR_OK && owner < 0)
		err = insert_address(h, mid, address, true, true);
	else if (err == DIR_OK && (err = prep(h, &st, "UPDATE addresses SET is_primary = 1 WHERE address = ?",
	                                      "t", address)) == 0)
		err = run(h, st, DIR_OK);
	return tx_end(h, err);
}

/* ---- passwords ---- */

int dir_verify_password(struct dir_handle *h, const char *name, const char *password)
{
	sqlite3_stmt *st;
	int64_t mid;
	enum dir_kind kind;
	int err = resolve(h, name, &mid, &kind);
	if (err == DIR_OK && kind != DIR_USER)
		err = DIR_E_NOTFOUND;
	if (err == DIR_OK)
		err = prep(h, &st, "SELECT password_hash, enabled FROM users WHERE mid = ?", "i", mid);
	if (err != DIR_OK && err != DIR_E_NOTFOUND)
		return err;
	char *encoded = NULL;
	bool enabled = false;
	if (err == DIR_OK) {
		int rc = sqlite3_step(st);
		if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL)
			encoded = talloc_strdup(h, (const char *)sqlite3_column_text(st, 0));
		enabled = rc == SQLITE_ROW && sqlite3_column_int(st, 1);
		err = rc == SQLITE_ROW ? (encoded ? DIR_OK : DIR_E_NO_PASSWORD) : db_error(h, rc);
		sqlite3_finalize(st);
	}
	if (err == DIR_E_NOTFOUND) {
		/* Same work for an unknown user, so the response time does not say which names exist. */
		uint8_t out[ARGON2_HASH_LEN], salt[ARGON2_SALT_LEN] = {0};
		argon2id_hash_raw(ARGON2_T_COST, ARGON2_M_COST, ARGON2_LANES, password, strlen(password),
		                  salt, sizeof salt, out, sizeof out);
		return DIR_E_BAD_PASSWORD;
	}
	if (err != DIR_OK)
		return err;
	int rc = argon2id_verify(encoded, password, strlen(password));
	talloc_free(encoded);
	if (rc != ARGON2_OK)
		return DIR_E_BAD_PASSWORD;
	return enabled ? DIR_OK : DIR_E_DISABLED;
}

int dir_nt_hash(struct dir_handle *h, const char *name, uint8_t nt_hash[16])
{
	int64_t mid;
	int err = resolve_kind(h, name, DIR_USER, &mid);
	sqlite3_stmt *st;
	if (err != DIR_OK ||
	    (err = prep(h, &st, "SELECT nt_hash FROM users WHERE mid = ?", "i", mid)) != DIR_OK)
		return err;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_bytes(st, 0) == 16)
		memcpy(nt_hash, sqlite3_column_blob(st, 0), 16);
	else
		err = rc == SQLITE_ROW ? DIR_E_NO_PASSWORD : db_error(h, rc);
	sqlite3_finalize(st);
	return err;
}

/* ---- groups ---- */

/* True (DIR_E_CYCLE) when group is member itself or reachable from member through nested groups. */
static int would_cycle(struct dir_handle *h, int64_t group, int64_t member)
{
	int64_t n;
	if (group == member)
		return DIR_E_CYCLE;
	sqlite3_stmt *st;
	int err = prep(h, &st,
	               "WITH RECURSIVE r(m) AS (SELECT ?1 UNION SELECT member_mid FROM members JOIN r"
	               " ON group_mid = r.m) SELECT count(*) FROM r WHERE m = ?2",
	               "ii", member, group);
	if (err != DIR_OK)
		return err;
	int rc = sqlite3_step(st);
	n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	err = rc == SQLITE_ROW ? (n ? DIR_E_CYCLE : DIR_OK) : db_error(h, rc);
	sqlite3_finalize(st);
	return err;
}

static int change_member(struct dir_handle *h, int64_t group, const char *name, bool add)
{
	int64_t mid;
	enum dir_kind kind;
	int err = resolve(h, name, &mid, &kind);
	if (err == DIR_OK && add && kind == DIR_GROUP)
		err = would_cycle(h, group, mid);
	sqlite3_stmt *st;
	if (err == DIR_OK)
		err = add ? prep(h, &st, "INSERT INTO members (group_mid, member_mid) VALUES (?, ?)", "ii",
		                 group, mid)
		          : prep(h, &st, "DELETE FROM members WHERE group_mid = ? AND member_mid = ?", "ii",
		                 group, mid);
	if (err == DIR_OK)
		err = run(h, st, DIR_E_EXISTS);
	if (err == DIR_OK && !add && sqlite3_changes(h->db) == 0)
		err = DIR_E_NOTFOUND;
	return err;
}

int dir_group_change_members(struct dir_handle *h, const char *group, const char *const *add, size_t nadd,
                             const char *const *remove, size_t nremove, const char **culprit)
{
	int64_t gmid;
	if (culprit)
		*culprit = NULL;
	int err = tx_begin(h);
	if (err != DIR_OK)
		return err;
	err = resolve_kind(h, group, DIR_GROUP, &gmid);
	for (size_t i = 0; err == DIR_OK && i < nremove + nadd; i++) {
		bool adding = i >= nremove;
		const char *name = adding ? add[i - nremove] : remove[i];
		err = change_member(h, gmid, name, adding);
		if (err != DIR_OK && culprit)
			*culprit = name;
	}
	return tx_end(h, err);
}

static int group_query(struct dir_handle *h, TALLOC_CTX *mem, const char *group, const char *where,
                       enum dir_kind kind, struct dir_entry ***out, size_t *count)
{
	int64_t mid;
	*out = NULL;
	*count = 0;
	int err = kind ? resolve_kind(h, group, kind, &mid) : resolve(h, group, &mid, &(enum dir_kind){0});
	return err ? err : load_entries(h, mem, where, NULL, mid, out, count);
}

int dir_group_members(struct dir_handle *h, TALLOC_CTX *mem, const char *group, struct dir_entry ***out,
                      size_t *count)
{
	return group_query(h, mem, group, "o.mid IN (SELECT member_mid FROM members WHERE group_mid = ?1)",
	                   DIR_GROUP, out, count);
}

int dir_group_expand(struct dir_handle *h, TALLOC_CTX *mem, const char *group, struct dir_entry ***out,
                     size_t *count)
{
	/* UNION (not UNION ALL) visits each group once, so even a cycle put in by hand terminates. */
	return group_query(
	        h, mem, group,
	        "o.kind IN (1, 3) AND o.mid IN (WITH RECURSIVE r(m) AS (SELECT member_mid FROM members"
	        " WHERE group_mid = ?1 UNION SELECT member_mid FROM members JOIN r ON group_mid = r.m)"
	        " SELECT m FROM r)",
	        DIR_GROUP, out, count);
}

int dir_member_of(struct dir_handle *h, TALLOC_CTX *mem, const char *name, struct dir_entry ***out,
                  size_t *count)
{
	return group_query(h, mem, name, "o.mid IN (SELECT group_mid FROM members WHERE member_mid = ?1)", 0,
	                   out, count);
}

/* ---- certificates and public delegates ---- */

static int user_kind_check(struct dir_handle *h, uint32_t mid)
{
	int64_t kind;
	int err = query_int(h, &kind, "SELECT kind FROM objects WHERE mid = ?", "i", NULL, (int64_t)mid);
	return err != DIR_OK ? err : kind == DIR_USER ? DIR_OK : DIR_E_WRONG_KIND;
}

int dir_certificates_get(struct dir_handle *h, TALLOC_CTX *mem, uint32_t mid, enum dir_cert_kind kind,
                         struct dir_blob **out, size_t *count)
{
	sqlite3_stmt *st;
	int err = prep(h, &st, "SELECT value FROM certificates WHERE mid = ?1 AND kind = ?2 ORDER BY seq", "ii",
	               (int64_t)mid, (int64_t)kind);
	if (err != DIR_OK)
		return err;
	struct dir_blob *v = talloc_array(mem, struct dir_blob, 0);
	size_t n = 0;
	int rc = SQLITE_NOMEM;
	while (v != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		size_t len = (size_t)sqlite3_column_bytes(st, 0);
		const void *data = sqlite3_column_blob(st, 0);
		v = talloc_realloc(mem, v, struct dir_blob, n + 1);
		if (v == NULL || (v[n].data = talloc_memdup(v, data ? data : "", len ? len : 1)) == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		v[n++].len = len;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		talloc_free(v);
		return rc == SQLITE_NOMEM ? DIR_E_NOMEM : db_error(h, rc);
	}
	*out = v;
	*count = n;
	return DIR_OK;
}

int dir_certificates_set(struct dir_handle *h, uint32_t mid, enum dir_cert_kind kind, const struct dir_blob *certs,
                         size_t count)
{
	if (kind != DIR_CERT_ADDRESS_BOOK && kind != DIR_CERT_USER)
		return DIR_E_INVALID;
	int err = tx_begin(h);
	if (err != DIR_OK)
		return err;
	err = user_kind_check(h, mid);
	sqlite3_stmt *st;
	if (err == DIR_OK &&
	    (err = prep(h, &st, "DELETE FROM certificates WHERE mid = ?1 AND kind = ?2", "ii", (int64_t)mid,
	                (int64_t)kind)) == DIR_OK)
		err = run(h, st, DIR_OK);
	for (size_t i = 0; err == DIR_OK && i < count; i++) {
		err = prep(h, &st, "INSERT INTO certificates VALUES (?1, ?2, ?3, ?4)", "iii", (int64_t)mid,
		           (int64_t)kind, (int64_t)i);
		if (err == DIR_OK) {
			int rc = sqlite3_bind_blob64(st, 4, certs[i].data, certs[i].len, SQLITE_TRANSIENT);
			if (rc != SQLITE_OK) {
				sqlite3_finalize(st);
				err = db_error(h, rc);
			} else {
				err = run(h, st, DIR_OK);
			}
		}
	}
	return tx_end(h, err);
}

int dir_delegates_get(struct dir_handle *h, TALLOC_CTX *mem, uint32_t mid, uint32_t **mids, size_t *count)
{
	sqlite3_stmt *st;
	int err = prep(h, &st, "SELECT delegate_mid FROM delegates WHERE mid = ?1 ORDER BY delegate_mid", "i",
	               (int64_t)mid);
	if (err != DIR_OK)
		return err;
	uint32_t *v = talloc_array(mem, uint32_t, 0);
	size_t n = 0;
	int rc = SQLITE_NOMEM;
	while (v != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		v = talloc_realloc(mem, v, uint32_t, n + 1);
		if (v == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		v[n++] = (uint32_t)sqlite3_column_int64(st, 0);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		talloc_free(v);
		return rc == SQLITE_NOMEM ? DIR_E_NOMEM : db_error(h, rc);
	}
	*mids = v;
	*count = n;
	return DIR_OK;
}

int dir_delegates_change(struct dir_handle *h, uint32_t mid, bool remove, const uint32_t *mids, size_t count)
{
	int err = tx_begin(h);
	if (err != DIR_OK)
		return err;
	err = user_kind_check(h, mid);
	for (size_t i = 0; err == DIR_OK && i < count; i++) {
		int64_t exists;
		sqlite3_stmt *st;
		err = query_int(h, &exists, "SELECT mid FROM objects WHERE mid = ?", "i", NULL, (int64_t)mids[i]);
		if (err == DIR_E_NOTFOUND && remove) {
			err = DIR_OK; /* an unknown delegate is not on the list either */
			continue;
		}
		if (err == DIR_OK)
			err = prep(h, &st,
			           remove ? "DELETE FROM delegates WHERE mid = ?1 AND delegate_mid = ?2"
			                  : "INSERT OR IGNORE INTO delegates VALUES (?1, ?2)",
			           "ii", (int64_t)mid, (int64_t)mids[i]);
		if (err == DIR_OK)
			err = run(h, st, DIR_OK);
	}
	return tx_end(h, err);
}
