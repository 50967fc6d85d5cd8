/* warpadm: provisioning of warpcore — the configuration file, the organisation, domains, users, groups and
 * contacts in the directory. One job, like a Postfix program; docs/man/warpadm.8 is its manual.
 *
 * Commands are a table: each names the options it accepts, so option parsing, --help and the checks are one
 * piece of code. Exit codes (documented in the man page) tell a script what went wrong. */
#include "common/wc_config.h"
#include "common/wc_error.h"
#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/directory.h"
#include "store/mapistore.h"

#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef WC_SYSCONFDIR
#define WC_SYSCONFDIR "/etc"
#endif
#define DEFAULT_CONFIG WC_SYSCONFDIR "/warpcore/" WC_CONFIG_FILE_NAME
#define DEFAULT_DATA_DIR "/var/lib/warpcore"

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 1,    /* bad command line or invalid value */
	EXIT_NOTFOUND = 2, /* unknown user, group, contact, address or domain */
	EXIT_CONFLICT = 3, /* already exists, address taken, still in use, would loop, config exists */
	EXIT_CONFIG = 4,   /* configuration, database or file cannot be read or written */
	EXIT_PASSWORD = 5, /* user verify: wrong password, or the account is disabled */
	EXIT_INTERNAL = 6, /* database error, out of memory */
	EXIT_HELP = -1,    /* internal: --help was shown, exit 0 */
};

/* Options; each command says which it accepts. */
enum opt_id {
	O_DISPLAY_NAME,
	O_EMAIL,
	O_PROXY,
	O_PASSWORD_FILE,
	O_LOCALE,
	O_QUOTA,
	O_GIVEN_NAME, /* the person fields, in enum dir_person_field order */
	O_SURNAME,
	O_TITLE,
	O_DEPARTMENT,
	O_OFFICE,
	O_PHONE,
	O_DISABLED,
	O_JSON,
	O_ADD,
	O_REMOVE,
	O_EXPAND,
	O_ORG,
	O_DOMAIN,
	O_DATA_DIR,
	O_FORCE,
	O_HELP,
	O_COUNT
};
#define OPT(o) (1u << (o))
#define PERSON_OPTS                                                                                          \
	(OPT(O_GIVEN_NAME) | OPT(O_SURNAME) | OPT(O_TITLE) | OPT(O_DEPARTMENT) | OPT(O_OFFICE) | OPT(O_PHONE))
_Static_assert(O_PHONE - O_GIVEN_NAME == DIR_PHONE - DIR_GIVEN_NAME && DIR_GIVEN_NAME == 0,
               "the person options follow enum dir_person_field");
_Static_assert(O_COUNT <= 32, "options are bits of an unsigned");

static const struct {
	const char *name;
	const char *arg; /* NULL: a flag */
	const char *doc;
} opt_table[O_COUNT] = {
        [O_DISPLAY_NAME] = {"display-name", "TEXT", "name shown in the address book (default: the alias)"},
        [O_EMAIL] = {"email", "ADDRESS", "primary SMTP address (default: NAME@<default domain>)"},
        [O_PROXY] = {"proxy", "ADDRESS", "an additional SMTP address; may be repeated"},
        [O_PASSWORD_FILE] = {"password-file", "FILE",
                             "read the password from FILE (- is standard input); "
                             "one trailing newline is removed"},
        [O_LOCALE] = {"locale", "TAG", "language tag such as en-US or de-DE (default en-US)"},
        [O_QUOTA] = {"quota", "SIZE",
                     "mailbox quota in bytes, with optional K, M, G or T suffix; 0 = unlimited"},
        [O_GIVEN_NAME] = {"given-name", "TEXT", "first name (PidTagGivenName); found by name resolution"},
        [O_SURNAME] = {"surname", "TEXT", "last name (PidTagSurname); found by name resolution"},
        [O_TITLE] = {"title", "TEXT", "job title (PidTagTitle)"},
        [O_DEPARTMENT] = {"department", "TEXT", "department (PidTagDepartmentName)"},
        [O_OFFICE] = {"office", "TEXT", "office location (PidTagOfficeLocation)"},
        [O_PHONE] = {"phone", "TEXT", "business telephone number (PidTagBusinessTelephoneNumber)"},
        [O_DISABLED] = {"disabled", NULL, "create the account disabled"},
        [O_JSON] = {"json", NULL, "print JSON instead of text"},
        [O_ADD] = {"add", "NAME", "add this user, contact or group; may be repeated"},
        [O_REMOVE] = {"remove", "NAME", "remove this member; may be repeated"},
        [O_EXPAND] = {"expand", NULL, "list the users and contacts reached through nested groups"},
        [O_ORG] = {"org", "NAME", "organisation name, the /o= part of every legacyExchangeDN"},
        [O_DOMAIN] = {"domain", "DOMAIN", "first accepted domain, the default for new addresses"},
        [O_DATA_DIR] = {"data-dir", "DIR", "where databases and mailboxes go (default " DEFAULT_DATA_DIR ")"},
        [O_FORCE] = {"force", NULL, "overwrite an existing configuration file"},
        [O_HELP] = {"help", NULL, "show this help"},
};

struct opts {
	unsigned seen;
	const char *display_name, *email, *password_file, *locale, *quota, *org, *domain, *data_dir;
	const char *person[DIR_PERSON_FIELDS]; /* --given-name ... --phone */
	const char **proxies, **add, **remove;
	size_t nproxies, nadd, nremove;
};

struct ctx {
	TALLOC_CTX *mem;
	const char *config_path;
	struct wc_config *cfg;
	struct dir_handle *dir;
	struct opts o;
	char **args;
	const struct command *cmd;
};

struct command {
	const char *group; /* "user"; NULL for top-level commands */
	const char *verb;
	const char *args; /* positional arguments, for the synopsis */
	int nargs;
	unsigned opts;     /* OPT() bits besides --help */
	unsigned required; /* OPT() bits that must be given */
	int (*run)(struct ctx *c);
	const char *doc;
};

/* ---- messages ---- */

static void __attribute__((format(printf, 1, 2))) say_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("warpadm: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
}

static int dir_exit_code(int err)
{
	switch (err) {
	case DIR_OK:
		return EXIT_OK;
	case DIR_E_INVALID:
		return EXIT_USAGE;
	case DIR_E_NOTFOUND:
	case DIR_E_UNKNOWN_DOMAIN:
	case DIR_E_WRONG_KIND:
		return EXIT_NOTFOUND;
	case DIR_E_EXISTS:
	case DIR_E_ADDRESS_TAKEN:
	case DIR_E_CYCLE:
	case DIR_E_IN_USE:
		return EXIT_CONFLICT;
	case DIR_E_NO_ORG:
	case DIR_E_SCHEMA:
	case DIR_E_OPEN:
		return EXIT_CONFIG;
	case DIR_E_BAD_PASSWORD:
	case DIR_E_DISABLED:
	case DIR_E_NO_PASSWORD:
		return EXIT_PASSWORD;
	default:
		return EXIT_INTERNAL;
	}
}

static const char *kind_name(enum dir_kind k)
{
	return k == DIR_USER ? "user" : k == DIR_GROUP ? "group" : k == DIR_CONTACT ? "contact" : "object";
}

/* Reports a directory error about `what` (e.g. "user 'alice'") and returns the exit code. */
static int dir_fail(struct ctx *c, int err, const char *what)
{
	const char *detail = err == DIR_E_DB || err == DIR_E_SCHEMA ? dir_db_message(c->dir) : "";
	if (err == DIR_E_NOTFOUND || err == DIR_E_WRONG_KIND)
		say_error("%s: not found", what);
	else
		say_error("%s: %s%s%s", what, dir_strerror(err), *detail ? ": " : "", detail);
	return dir_exit_code(err);
}

/* ---- JSON and text output ---- */

static void json_str(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void json_entry(struct ctx *c, const struct dir_entry *e, struct dir_entry **groups, size_t ngroups)
{
	printf("{\"mid\":%" PRIu32 ",\"kind\":\"%s\",\"alias\":", e->mid, kind_name(e->kind));
	json_str(e->alias);
	printf(",\"display_name\":");
	json_str(e->display_name);
	printf(",\"smtp\":");
	json_str(e->smtp);
	printf(",\"proxy_addresses\":[");
	for (size_t i = 0; i < e->proxy_count; i++) {
		printf(i ? "," : "");
		json_str(e->proxy_addresses[i]);
	}
	printf("],\"legacy_dn\":");
	json_str(e->legacy_dn);
	if (e->kind == DIR_USER) {
		char guid[39];
		wc_guid_to_string(&e->mailbox_guid, guid);
		printf(",\"enabled\":%s,\"has_password\":%s,\"quota_bytes\":%" PRIu64
		       ",\"mailbox_guid\":\"%s\","
		       "\"locale\":",
		       e->enabled ? "true" : "false", e->has_password ? "true" : "false", e->quota_bytes,
		       guid);
		json_str(e->locale);
		/* the person fields that are set, named as their options with '_' for '-' */
		for (int i = 0; i < DIR_PERSON_FIELDS; i++) {
			if (e->person[i] == NULL)
				continue;
			printf(",\"");
			for (const char *p = dir_person_field_name[i]; *p; p++)
				putchar(*p == '-' ? '_' : *p);
			printf("\":");
			json_str(e->person[i]);
		}
	}
	if (groups != NULL) {
		printf(",\"member_of\":[");
		for (size_t i = 0; i < ngroups; i++) {
			printf(i ? "," : "");
			json_str(groups[i]->alias);
		}
		printf("]");
	}
	printf("}");
}

static void print_entries(struct ctx *c, struct dir_entry **list, size_t n, bool with_kind)
{
	if (c->o.seen & OPT(O_JSON)) {
		printf("[");
		for (size_t i = 0; i < n; i++) {
			printf(i ? ",\n" : "");
			json_entry(c, list[i], NULL, 0);
		}
		printf("]\n");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct dir_entry *e = list[i];
		if (with_kind)
			printf("%-8s", kind_name(e->kind));
		printf("%-24s %-36s %s", e->alias, e->smtp, e->display_name);
		if (e->kind == DIR_USER && !e->enabled)
			printf(" (disabled)");
		printf("\n");
	}
}

static int show_entry(struct ctx *c, enum dir_kind kind)
{
	struct dir_entry *e, **groups;
	size_t ngroups;
	int err = dir_lookup(c->dir, c->mem, c->args[0], &e);
	if (err == DIR_OK && e->kind != kind)
		err = DIR_E_WRONG_KIND;
	if (err == DIR_OK)
		err = dir_member_of(c->dir, c->mem, c->args[0], &groups, &ngroups);
	if (err != DIR_OK)
		return dir_fail(c, err, talloc_asprintf(c->mem, "%s '%s'", kind_name(kind), c->args[0]));
	if (c->o.seen & OPT(O_JSON)) {
		json_entry(c, e, groups, ngroups);
		printf("\n");
		return EXIT_OK;
	}
	printf("alias:            %s\nkind:             %s\ndisplay name:     %s\nsmtp address:     %s\n",
	       e->alias, kind_name(e->kind), e->display_name, e->smtp);
	for (size_t i = 0; i < e->proxy_count; i++)
		printf("proxy address:    %s\n", e->proxy_addresses[i]);
	printf("legacyExchangeDN: %s\nmid:              %" PRIu32 "\n", e->legacy_dn, e->mid);
	if (e->kind == DIR_USER) {
		char guid[39];
		wc_guid_to_string(&e->mailbox_guid, guid);
		printf("mailbox guid:     %s\nenabled:          %s\npassword:         %s\nlocale:           "
		       "%s\n",
		       guid, e->enabled ? "yes" : "no", e->has_password ? "set" : "not set", e->locale);
		if (e->quota_bytes)
			printf("quota:            %" PRIu64 " bytes\n", e->quota_bytes);
		else
			printf("quota:            unlimited\n");
		for (int i = 0; i < DIR_PERSON_FIELDS; i++)
			if (e->person[i] != NULL)
				printf("%s:%*s%s\n", dir_person_field_name[i],
				       (int)(17 - strlen(dir_person_field_name[i])), "", e->person[i]);
	}
	for (size_t i = 0; i < ngroups; i++)
		printf("member of:        %s\n", groups[i]->alias);
	return EXIT_OK;
}

/* ---- input ---- */

/* Reads the password from path ("-": standard input), without its trailing newline. */
static int read_password(struct ctx *c, char **out)
{
	const char *path = c->o.password_file;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	if (f == NULL) {
		say_error("%s: cannot read password file: %s", path, strerror(errno));
		return EXIT_CONFIG;
	}
	char *buf = talloc_zero_array(c->mem, char, DIR_PASSWORD_MAX + 4);
	size_t n = fread(buf, 1, DIR_PASSWORD_MAX + 3, f);
	bool bad = ferror(f);
	if (f != stdin)
		fclose(f);
	if (bad) {
		say_error("%s: cannot read password file", path);
		return EXIT_CONFIG;
	}
	if (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '\r')
		buf[--n] = '\0';
	if (n == 0 || n > DIR_PASSWORD_MAX || memchr(buf, '\n', n) || memchr(buf, '\0', n)) {
		say_error("%s: the password must be one line of 1 to %d bytes", path, DIR_PASSWORD_MAX);
		return EXIT_USAGE;
	}
	*out = buf;
	return EXIT_OK;
}

/* "10G" -> bytes. */
static bool parse_size(const char *s, uint64_t *out)
{
	char *end;
	errno = 0;
	if (*s < '0' || *s > '9')
		return false;
	unsigned long long v = strtoull(s, &end, 10);
	const char *units = "KMGT";
	const char *u = *end ? strchr(units, *end) : NULL;
	if (errno || (*end && (u == NULL || end[1] != '\0')))
		return false;
	for (int i = u ? (int)(u - units) + 1 : 0; i > 0; i--) {
		if (v > (unsigned long long)INT64_MAX / 1024)
			return false;
		v *= 1024;
	}
	*out = v;
	return v <= INT64_MAX;
}

/* ---- init ---- */

static int mkdir_p(const char *path, mode_t mode)
{
	char buf[PATH_MAX];
	if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf)
		return -1;
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0755) != 0 && errno != EEXIST)
			return -1;
		*p = '/';
	}
	return mkdir(buf, mode) != 0 && errno != EEXIST ? -1 : 0;
}

static int write_file_atomic(const char *path, const char *text, mode_t mode)
{
	char tmp[PATH_MAX];
	if (snprintf(tmp, sizeof tmp, "%s.tmp%ld", path, (long)getpid()) >= (int)sizeof tmp)
		return -1;
	FILE *f = fopen(tmp, "w");
	if (f == NULL)
		return -1;
	bool ok = fputs(text, f) >= 0 && fchmod(fileno(f), mode) == 0 && fflush(f) == 0 &&
	          fsync(fileno(f)) == 0;
	ok = fclose(f) == 0 && ok;
	if (!ok || rename(tmp, path) != 0) {
		unlink(tmp);
		return -1;
	}
	return 0;
}

static int cmd_init(struct ctx *c)
{
	const char *dd = c->o.data_dir ? c->o.data_dir : DEFAULT_DATA_DIR;
	if (!(c->o.seen & OPT(O_FORCE)) && access(c->config_path, F_OK) == 0) {
		say_error("%s already exists; use --force to overwrite it", c->config_path);
		return EXIT_CONFLICT;
	}
	if (!dir_valid_domain(c->o.domain)) {
		say_error("'%s' is not a valid domain name", c->o.domain);
		return EXIT_USAGE;
	}
	char *slash = strrchr(c->config_path, '/');
	char *conf_dir =
	        slash ? talloc_strndup(c->mem, c->config_path, (size_t)(slash - c->config_path)) : ".";
	const char *dirs[] = {conf_dir, dd};
	for (size_t i = 0; i < 2; i++) {
		if (*dirs[i] && mkdir_p(dirs[i], i ? 0750 : 0755) != 0) {
			say_error("cannot create %s: %s", dirs[i], strerror(errno));
			return EXIT_CONFIG;
		}
	}
	char *abs_dd = realpath(dd, NULL);
	if (abs_dd == NULL) {
		say_error("%s: %s", dd, strerror(errno));
		return EXIT_CONFIG;
	}
	const char *settings[] = {"server.data_dir", talloc_strdup(c->mem, abs_dd), NULL};
	free(abs_dd);
	char *text = wc_config_template(c->mem, settings);
	char *err;
	if (text == NULL || wc_config_parse_string(c->mem, text, c->config_path, "/", &c->cfg, &err) != 0) {
		say_error("%s: the data directory path cannot be written to a configuration file", dd);
		return EXIT_USAGE;
	}
	if (mkdir_p(c->cfg->store.mailbox_dir, 0750) != 0) {
		say_error("cannot create %s: %s", c->cfg->store.mailbox_dir, strerror(errno));
		return EXIT_CONFIG;
	}
	int rc = dir_open(c->mem, c->cfg->directory.path, DIR_OPEN_CREATE, c->cfg->directory.busy_timeout_ms,
	                  &c->dir, &err);
	if (rc != DIR_OK) {
		say_error("%s", err ? err : dir_strerror(rc));
		return dir_exit_code(rc);
	}
	struct dir_org *org;
	rc = dir_org_create(c->dir, c->o.org, c->o.domain);
	if (rc == DIR_E_EXISTS && dir_org_get(c->dir, c->mem, &org) == DIR_OK) {
		/* Re-running init over the same directory keeps it; another organisation's is refused. */
		if (strcmp(org->name, c->o.org) != 0) {
			say_error("%s already belongs to organisation '%s'", c->cfg->directory.path,
			          org->name);
			return EXIT_CONFLICT;
		}
		rc = dir_domain_is_accepted(c->dir, c->o.domain) ? DIR_OK
		                                                 : dir_domain_add(c->dir, c->o.domain);
	}
	if (rc != DIR_OK)
		return dir_fail(c, rc, talloc_asprintf(c->mem, "organisation '%s'", c->o.org));
	if (write_file_atomic(c->config_path, text, 0640) != 0) {
		say_error("cannot write %s: %s", c->config_path, strerror(errno));
		return EXIT_CONFIG;
	}
	printf("organisation:  %s\ndomain:        %s\nconfiguration: %s\ndirectory:     %s\n", c->o.org,
	       c->o.domain, c->config_path, c->cfg->directory.path);
	return EXIT_OK;
}

/* ---- users ---- */

static const char *what(struct ctx *c, const char *kind)
{
	return talloc_asprintf(c->mem, "%s '%s'", kind, c->args[0]);
}

static int cmd_user_add(struct ctx *c)
{
	char *password;
	int rc = read_password(c, &password);
	if (rc != EXIT_OK)
		return rc;
	struct dir_user_spec spec = {
	        .alias = c->args[0],
	        .display_name = c->o.display_name,
	        .smtp = c->o.email,
	        .proxy_addresses = c->o.proxies,
	        .proxy_count = c->o.nproxies,
	        .password = password,
	        .locale = c->o.locale,
	        .disabled = c->o.seen & OPT(O_DISABLED),
	};
	memcpy(spec.person, c->o.person, sizeof spec.person);
	if (c->o.quota && !parse_size(c->o.quota, &spec.quota_bytes)) {
		say_error("bad --quota '%s'", c->o.quota);
		return EXIT_USAGE;
	}
	uint32_t mid;
	int err = dir_user_add(c->dir, &spec, &mid);
	memset(password, 0, strlen(password));
	if (err != DIR_OK)
		return dir_fail(c, err, what(c, "user"));
	struct dir_entry *e;
	if (dir_lookup_mid(c->dir, c->mem, mid, &e) == DIR_OK)
		printf("added user %s <%s>\n", e->alias, e->smtp);
	return EXIT_OK;
}

static int cmd_user_set(struct ctx *c)
{
	struct dir_user_change ch = {.locale = c->o.locale, .enabled = -1, .quota_bytes = -1};
	memcpy(ch.person, c->o.person, sizeof ch.person);
	uint64_t q;
	if (c->o.quota) {
		if (!parse_size(c->o.quota, &q)) {
			say_error("bad --quota '%s'", c->o.quota);
			return EXIT_USAGE;
		}
		ch.quota_bytes = (int64_t)q;
	}
	if (!(c->o.seen & (OPT(O_DISPLAY_NAME) | OPT(O_LOCALE) | OPT(O_QUOTA) | PERSON_OPTS))) {
		say_error("user set: nothing to change (give --display-name, --locale, --quota or a person "
		          "field such as --surname)");
		return EXIT_USAGE;
	}
	int err = dir_user_update(c->dir, c->args[0], &ch);
	if (err == DIR_OK && c->o.display_name)
		err = dir_set_display_name(c->dir, c->args[0], c->o.display_name);
	return err ? dir_fail(c, err, what(c, "user")) : EXIT_OK;
}

static int cmd_user_passwd(struct ctx *c)
{
	char *password;
	int rc = read_password(c, &password);
	if (rc != EXIT_OK)
		return rc;
	struct dir_user_change ch = {.password = password, .enabled = -1, .quota_bytes = -1};
	int err = dir_user_update(c->dir, c->args[0], &ch);
	memset(password, 0, strlen(password));
	return err ? dir_fail(c, err, what(c, "user")) : EXIT_OK;
}

static int set_enabled(struct ctx *c, int enabled)
{
	struct dir_user_change ch = {.enabled = enabled, .quota_bytes = -1};
	int err = dir_user_update(c->dir, c->args[0], &ch);
	return err ? dir_fail(c, err, what(c, "user")) : EXIT_OK;
}

static int cmd_user_enable(struct ctx *c)
{
	return set_enabled(c, 1);
}

static int cmd_user_disable(struct ctx *c)
{
	return set_enabled(c, 0);
}

static int cmd_user_verify(struct ctx *c)
{
	char *password;
	int rc = read_password(c, &password);
	if (rc != EXIT_OK)
		return rc;
	int err = dir_verify_password(c->dir, c->args[0], password);
	memset(password, 0, strlen(password));
	if (err == DIR_OK)
		printf("password ok\n");
	return err ? dir_fail(c, err, what(c, "user")) : EXIT_OK;
}

/* ---- per-kind commands shared by users, groups and contacts ---- */

static enum dir_kind cmd_kind(struct ctx *c)
{
	return strcmp(c->cmd->group, "user") == 0    ? DIR_USER
	       : strcmp(c->cmd->group, "group") == 0 ? DIR_GROUP
	                                             : DIR_CONTACT;
}

static int cmd_del(struct ctx *c)
{
	enum dir_kind k = cmd_kind(c);
	int err = dir_delete(c->dir, k, c->args[0]);
	return err ? dir_fail(c, err, what(c, kind_name(k))) : EXIT_OK;
}

static int cmd_list(struct ctx *c)
{
	struct dir_entry **list;
	size_t n;
	int err = dir_list(c->dir, c->mem, DIR_KIND_MASK(cmd_kind(c)), &list, &n);
	if (err != DIR_OK)
		return dir_fail(c, err, "list");
	print_entries(c, list, n, false);
	return EXIT_OK;
}

static int cmd_show(struct ctx *c)
{
	return show_entry(c, cmd_kind(c));
}

static int cmd_add_simple(struct ctx *c)
{
	enum dir_kind k = cmd_kind(c);
	uint32_t mid;
	int err = k == DIR_GROUP ? dir_group_add(c->dir, c->args[0], c->o.display_name, c->o.email, &mid)
	                         : dir_contact_add(c->dir, c->args[0], c->o.display_name, c->o.email, &mid);
	struct dir_entry *e;
	if (err == DIR_OK && dir_lookup_mid(c->dir, c->mem, mid, &e) == DIR_OK)
		printf("added %s %s <%s>\n", kind_name(k), e->alias, e->smtp);
	return err ? dir_fail(c, err, what(c, kind_name(k))) : EXIT_OK;
}

static int cmd_group_members(struct ctx *c)
{
	const char *culprit = NULL;
	int err = DIR_OK;
	if (c->o.nadd || c->o.nremove)
		err = dir_group_change_members(c->dir, c->args[0], c->o.add, c->o.nadd, c->o.remove,
		                               c->o.nremove, &culprit);
	if (err != DIR_OK && culprit != NULL) {
		if (err == DIR_E_NOTFOUND &&
		    !dir_lookup(c->dir, c->mem, culprit, &(struct dir_entry *){NULL}))
			say_error("group '%s': '%s' is not a member", c->args[0], culprit);
		else if (err == DIR_E_EXISTS)
			say_error("group '%s': '%s' is already a member", c->args[0], culprit);
		else if (err == DIR_E_CYCLE)
			say_error("group '%s': adding '%s' would make the group contain itself", c->args[0],
			          culprit);
		else
			return dir_fail(c, err, talloc_asprintf(c->mem, "member '%s'", culprit));
		return dir_exit_code(err);
	}
	if (err != DIR_OK)
		return dir_fail(c, err, what(c, "group"));
	if (c->o.nadd || c->o.nremove)
		return EXIT_OK;
	struct dir_entry **list;
	size_t n;
	err = c->o.seen & OPT(O_EXPAND) ? dir_group_expand(c->dir, c->mem, c->args[0], &list, &n)
	                                : dir_group_members(c->dir, c->mem, c->args[0], &list, &n);
	if (err != DIR_OK)
		return dir_fail(c, err, what(c, "group"));
	print_entries(c, list, n, true);
	return EXIT_OK;
}

/* ---- addresses and domains ---- */

static int cmd_address(struct ctx *c)
{
	const char *v = c->cmd->verb;
	int err = strcmp(v, "add") == 0   ? dir_address_add(c->dir, c->args[0], c->args[1])
	          : strcmp(v, "del") == 0 ? dir_address_remove(c->dir, c->args[0], c->args[1])
	                                  : dir_address_set_primary(c->dir, c->args[0], c->args[1]);
	if (err == DIR_E_IN_USE) {
		say_error("%s is the primary address of '%s'; make another one primary first", c->args[1],
		          c->args[0]);
		return EXIT_CONFLICT;
	}
	return err ? dir_fail(c, err, talloc_asprintf(c->mem, "address '%s' of '%s'", c->args[1], c->args[0]))
	           : EXIT_OK;
}

static int cmd_domain(struct ctx *c)
{
	int err = strcmp(c->cmd->verb, "add") == 0 ? dir_domain_add(c->dir, c->args[0])
	                                           : dir_domain_remove(c->dir, c->args[0]);
	if (err == DIR_E_IN_USE) {
		say_error("domain '%s' is the default domain or still has addresses", c->args[0]);
		return EXIT_CONFLICT;
	}
	return err ? dir_fail(c, err, what(c, "domain")) : EXIT_OK;
}

static int cmd_domain_list(struct ctx *c)
{
	char **domains;
	size_t n;
	struct dir_org *org;
	int err = dir_domain_list(c->dir, c->mem, &domains, &n);
	if (err == DIR_OK)
		err = dir_org_get(c->dir, c->mem, &org);
	if (err != DIR_OK)
		return dir_fail(c, err, "domain list");
	bool json = c->o.seen & OPT(O_JSON);
	printf(json ? "[" : "");
	for (size_t i = 0; i < n; i++) {
		bool def = strcmp(domains[i], org->default_domain) == 0;
		if (json) {
			printf("%s{\"domain\":", i ? "," : "");
			json_str(domains[i]);
			printf(",\"default\":%s}", def ? "true" : "false");
		} else {
			printf("%s%s\n", domains[i], def ? " (default)" : "");
		}
	}
	printf(json ? "]\n" : "");
	return EXIT_OK;
}

/* ---- the command table ---- */

#define OBJ_OPTS (OPT(O_DISPLAY_NAME) | OPT(O_EMAIL))
/* ---- mailboxes (docs/store.md) ---- */

/* A user's mailbox database: <store.mailbox_dir>/<mailbox GUID>.db, named by the GUID so that renaming the
 * user does not move it. */
static int mailbox_of(struct ctx *c, struct dir_entry **user, char **uri)
{
	int err = dir_lookup(c->dir, c->mem, c->args[0], user);
	if (err == DIR_OK && (*user)->kind != DIR_USER)
		err = DIR_E_WRONG_KIND;
	if (err != DIR_OK)
		return dir_fail(c, err, what(c, "user"));
	char g[39];
	wc_guid_to_string(&(*user)->mailbox_guid, g);
	g[37] = '\0';
	for (char *p = g + 1; *p; p++)
		*p = (char)((*p >= 'A' && *p <= 'F') ? *p + 32 : *p);
	*uri = talloc_asprintf(c->mem, "sqlite://%s/%s.db", c->cfg->store.mailbox_dir, g + 1);
	return EXIT_OK;
}

static int store_fail(struct ctx *c, uint32_t ec, const char *doing)
{
	say_error("%s: %s: 0x%08" PRIX32, c->args[0], doing, ec);
	return ec == ecNotFound ? EXIT_NOTFOUND : ec == ecDuplicateObject ? EXIT_CONFLICT : EXIT_CONFIG;
}

/* The user's existing mailbox, opened. */
static int open_mailbox(struct ctx *c, struct dir_entry **u, char **uri, struct ms_mailbox **mb)
{
	int rc = mailbox_of(c, u, uri);
	if (rc != EXIT_OK)
		return rc;
	uint32_t ec = ms_mailbox_open(c->mem, *uri, mb);
	return ec == ecSuccess
	               ? EXIT_OK
	               : store_fail(c, ec,
	                            ec == ecNotFound ? "no mailbox (warpadm mailbox create)" : "cannot open");
}

static int cmd_mailbox_create(struct ctx *c)
{
	struct dir_entry *u;
	char *uri;
	int rc = mailbox_of(c, &u, &uri);
	if (rc != EXIT_OK)
		return rc;
	if (mkdir_p(c->cfg->store.mailbox_dir, 0750) != 0) {
		say_error("cannot create %s: %s", c->cfg->store.mailbox_dir, strerror(errno));
		return EXIT_CONFIG;
	}
	/* the replica GUID names this mailbox's IDs in entry IDs and change keys (RopLogon ReplGuid): random,
	 * v4 */
	uint8_t b[16];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b) {
		say_error("no random bytes: %s", strerror(errno));
		return EXIT_INTERNAL;
	}
	b[7] = (uint8_t)((b[7] & 0x0F) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3F) | 0x80);
	struct wc_guid repl = {(uint32_t)b[0] | (uint32_t)b[1] << 8 | (uint32_t)b[2] << 16 |
	                               (uint32_t)b[3] << 24,
	                       (uint16_t)(b[4] | b[5] << 8),
	                       (uint16_t)(b[6] | b[7] << 8),
	                       {0}};
	memcpy(repl.d4, b + 8, 8);
	struct ms_mailbox *mb;
	uint32_t ec = ms_mailbox_create(c->mem, uri, &u->mailbox_guid, &repl, &mb);
	if (ec != ecSuccess)
		return store_fail(c, ec,
		                  ec == ecDuplicateObject ? "the mailbox exists already" : "cannot create");
	ec = ms_mailbox_provision(mb, u->locale);
	if (ec != ecSuccess)
		return store_fail(c, ec, "cannot create the special folders");
	printf("created mailbox of %s: %s\n", u->alias, uri + strlen("sqlite://"));
	return EXIT_OK;
}

static const char *const special_names[MS_SPECIAL_COUNT] = {
        "root",       "deferred action", "spooler queue", "ipm subtree", "inbox",          "outbox",
        "sent items", "deleted items",   "common views",  "schedule",    "finder",         "views",
        "shortcuts",  "calendar",        "contacts",      "journal",     "notes",          "tasks",
        "drafts",     "junk e-mail",     "sync issues",   "conflicts",   "local failures", "server failures",
        "reminders",  "freebusy data",
};

static int cmd_mailbox_show(struct ctx *c)
{
	struct dir_entry *u;
	char *uri;
	struct ms_mailbox *mb;
	int rc = open_mailbox(c, &u, &uri, &mb);
	if (rc != EXIT_OK)
		return rc;
	struct ms_mailbox_info info;
	char g1[39], g2[39];
	ms_mailbox_get_info(mb, &info);
	wc_guid_to_string(&info.mailbox_guid, g1);
	wc_guid_to_string(&info.replica_guid, g2);
	printf("file:          %s\nmailbox guid:  %s\nreplica guid:  %s\n", uri + strlen("sqlite://"), g1,
	       g2);
	uint64_t fids[MS_SPECIAL_COUNT];
	if (ms_mailbox_special_folders(mb, fids) != ecSuccess) {
		printf("special folders: none (not provisioned)\n");
		return EXIT_OK;
	}
	printf("%-16s %-15s %8s %8s  %s\n", "folder", "fid", "messages", "unread", "display name");
	for (int i = 0; i < MS_SPECIAL_COUNT; i++) {
		struct ms_folder *f;
		struct ms_folder_counts n = {0};
		struct mapi_propval *v = NULL;
		uint32_t tag = PidTagDisplayName;
		if (fids[i] == 0 || ms_folder_open(mb, fids[i], c->mem, &f) != ecSuccess ||
		    ms_folder_get_counts(f, &n) != ecSuccess ||
		    ms_props_get(ms_folder_object(f), c->mem, &tag, 1, &v) != ecSuccess) {
			printf("%-16s missing\n", special_names[i]);
			continue;
		}
		/* REPLID-GLOBCNT, the way MS-OXCDATA 2.2.1.1 splits an ID */
		printf("%-16s %" PRIu16 "-%012" PRIX64 " %8" PRIu32 " %8" PRIu32 "  %s\n", special_names[i],
		       mapi_fid_replid(fids[i]), mapi_fid_globcnt(fids[i]), n.content, n.unread,
		       PROP_TYPE(v->tag) == PT_UNICODE ? v->value.str : "");
	}
	return EXIT_OK;
}

static int cmd_mailbox_check(struct ctx *c)
{
	struct dir_entry *u;
	char *uri, *report;
	struct ms_mailbox *mb;
	int rc = open_mailbox(c, &u, &uri, &mb);
	if (rc != EXIT_OK)
		return rc;
	uint32_t ec = ms_mailbox_check(mb, c->mem, &report);
	if (ec == ecSuccess) {
		printf("mailbox of %s: ok\n", u->alias);
		return EXIT_OK;
	}
	fputs(report, stdout);
	say_error("%s: the mailbox has problems (listed above)", c->args[0]);
	return EXIT_CONFIG;
}

static const struct command commands[] = {
        {NULL, "init", "", 0, OPT(O_ORG) | OPT(O_DOMAIN) | OPT(O_DATA_DIR) | OPT(O_FORCE),
         OPT(O_ORG) | OPT(O_DOMAIN), cmd_init,
         "write the configuration file and create the directory, organisation and first domain"},
        {"user", "add", "NAME", 1,
         OBJ_OPTS | OPT(O_PROXY) | OPT(O_PASSWORD_FILE) | OPT(O_LOCALE) | OPT(O_QUOTA) | OPT(O_DISABLED) |
                 PERSON_OPTS,
         OPT(O_PASSWORD_FILE), cmd_user_add, "add a user with a mailbox identity"},
        {"user", "del", "NAME", 1, 0, 0, cmd_del,
         "delete a user (its MId and legacyExchangeDN are not reused)"},
        {"user", "list", "", 0, OPT(O_JSON), 0, cmd_list, "list users in address-book order"},
        {"user", "show", "NAME", 1, OPT(O_JSON), 0, cmd_show, "show a user (never its password hashes)"},
        {"user", "passwd", "NAME", 1, OPT(O_PASSWORD_FILE), OPT(O_PASSWORD_FILE), cmd_user_passwd,
         "set a user's password"},
        {"user", "verify", "NAME", 1, OPT(O_PASSWORD_FILE), OPT(O_PASSWORD_FILE), cmd_user_verify,
         "check a password the way Basic authentication does"},
        {"user", "enable", "NAME", 1, 0, 0, cmd_user_enable, "allow a user to log in"},
        {"user", "disable", "NAME", 1, 0, 0, cmd_user_disable, "stop a user from logging in"},
        {"user", "set", "NAME", 1, OPT(O_DISPLAY_NAME) | OPT(O_LOCALE) | OPT(O_QUOTA) | PERSON_OPTS, 0,
         cmd_user_set, "change a user's display name, locale, quota or person fields (\"\" clears one)"},
        {"group", "add", "NAME", 1, OBJ_OPTS, 0, cmd_add_simple, "add a distribution group"},
        {"group", "del", "NAME", 1, 0, 0, cmd_del, "delete a group (its members stay)"},
        {"group", "list", "", 0, OPT(O_JSON), 0, cmd_list, "list groups"},
        {"group", "show", "NAME", 1, OPT(O_JSON), 0, cmd_show, "show a group"},
        {"group", "members", "NAME", 1, OPT(O_ADD) | OPT(O_REMOVE) | OPT(O_EXPAND) | OPT(O_JSON), 0,
         cmd_group_members, "list members, or add and remove them all at once"},
        {"contact", "add", "NAME", 1, OBJ_OPTS, OPT(O_EMAIL), cmd_add_simple,
         "add a mail contact with an external address"},
        {"contact", "del", "NAME", 1, 0, 0, cmd_del, "delete a contact"},
        {"contact", "list", "", 0, OPT(O_JSON), 0, cmd_list, "list contacts"},
        {"contact", "show", "NAME", 1, OPT(O_JSON), 0, cmd_show, "show a contact"},
        {"domain", "add", "DOMAIN", 1, 0, 0, cmd_domain, "accept mail for another domain"},
        {"domain", "del", "DOMAIN", 1, 0, 0, cmd_domain, "stop accepting a domain that no address uses"},
        {"domain", "list", "", 0, OPT(O_JSON), 0, cmd_domain_list, "list accepted domains"},
        {"address", "add", "NAME ADDRESS", 2, 0, 0, cmd_address, "give a user or group another SMTP address"},
        {"address", "del", "NAME ADDRESS", 2, 0, 0, cmd_address,
         "remove an SMTP address that is not the primary"},
        {"address", "primary", "NAME ADDRESS", 2, 0, 0, cmd_address,
         "make ADDRESS the primary address (the old one stays as a proxy)"},
        {"mailbox", "create", "NAME", 1, 0, 0, cmd_mailbox_create,
         "create a user's mailbox with its special folders (named in the user's language)"},
        {"mailbox", "show", "NAME", 1, 0, 0, cmd_mailbox_show,
         "show a user's mailbox: file, GUIDs, special folders and their counts"},
        {"mailbox", "check", "NAME", 1, 0, 0, cmd_mailbox_check,
         "check a user's mailbox database and the store's invariants"},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void usage_line(FILE *out, const struct command *cmd)
{
	fprintf(out, "  warpadm %s%s%s%s%s", cmd->group ? cmd->group : "", cmd->group ? " " : "", cmd->verb,
	        *cmd->args ? " " : "", cmd->args);
	for (int o = 0; o < O_COUNT; o++)
		if (cmd->opts & OPT(o))
			fprintf(out, " %s--%s%s%s%s", cmd->required & OPT(o) ? "" : "[", opt_table[o].name,
			        opt_table[o].arg ? " " : "", opt_table[o].arg ? opt_table[o].arg : "",
			        cmd->required & OPT(o) ? "" : "]");
	fprintf(out, "\n      %s\n", cmd->doc);
}

/* Help for everything (group NULL), for one group, or for one command. */
static void help(FILE *out, const char *group, const struct command *cmd)
{
	fprintf(out,
	        "usage: warpadm [--config FILE] COMMAND [ARGS] [OPTIONS]\n"
	        "Provisions warpcore: configuration, organisation, domains, users, groups, contacts.\n"
	        "NAME is an alias or any SMTP address of the object. --config defaults to " DEFAULT_CONFIG
	        ".\n\n");
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *k = &commands[i];
		if ((cmd && k != cmd) || (group && (!k->group || strcmp(k->group, group) != 0)))
			continue;
		usage_line(out, k);
	}
	if (cmd != NULL) {
		fprintf(out, "\noptions:\n");
		for (int o = 0; o < O_COUNT; o++)
			if ((cmd->opts | OPT(O_HELP)) & OPT(o))
				fprintf(out, "  --%-15s %s\n", opt_table[o].name, opt_table[o].doc);
	}
	fprintf(out, "\nexit codes: 0 ok, 1 usage, 2 not found, 3 conflict, 4 configuration or I/O,\n"
	             "5 wrong password or disabled (user verify), 6 internal error. See warpadm(8).\n");
}

static const struct command *find_command(const char *group, const char *verb)
{
	for (size_t i = 0; i < NCOMMANDS; i++) {
		const struct command *k = &commands[i];
		if (k->group == NULL ? group == NULL && strcmp(k->verb, verb) == 0
		                     : group != NULL && strcmp(k->group, group) == 0 && verb &&
		                               strcmp(k->verb, verb) == 0)
			return k;
	}
	return NULL;
}

static bool is_group(const char *word)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (commands[i].group && strcmp(commands[i].group, word) == 0)
			return true;
	return false;
}

static void push(struct ctx *c, const char ***list, size_t *n, const char *v)
{
	*list = talloc_realloc(c->mem, *list, const char *, *n + 1);
	(*list)[(*n)++] = v;
}

/* Parses the command's options and arguments from argv (argv[0] is the verb). */
static int parse_command(struct ctx *c, int argc, char **argv)
{
	struct option longopts[O_COUNT + 1] = {{0}};
	for (int o = 0; o < O_COUNT; o++)
		longopts[o] = (struct option){opt_table[o].name,
		                              opt_table[o].arg ? required_argument : no_argument, NULL, o};
	const struct command *cmd = c->cmd;
	const char *name = cmd->group ? talloc_asprintf(c->mem, "%s %s", cmd->group, cmd->verb) : cmd->verb;
	optind = 1;
	opterr = 0;
	int o;
	while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (o == '?' || o == ':') {
			say_error("%s: unknown option or missing argument: %s (see --help)", name,
			          argv[optind - 1]);
			return EXIT_USAGE;
		}
		if (o == O_HELP) {
			help(stdout, NULL, cmd);
			return EXIT_HELP;
		}
		if (!(cmd->opts & OPT(o))) {
			say_error("%s: option --%s does not apply here (see --help)", name,
			          opt_table[o].name);
			return EXIT_USAGE;
		}
		bool repeatable = o == O_PROXY || o == O_ADD || o == O_REMOVE;
		if ((c->o.seen & OPT(o)) && !repeatable) {
			say_error("%s: --%s given twice", name, opt_table[o].name);
			return EXIT_USAGE;
		}
		c->o.seen |= OPT(o);
		const char **slot[O_COUNT] = {
		        [O_DISPLAY_NAME] = &c->o.display_name,
		        [O_EMAIL] = &c->o.email,
		        [O_PASSWORD_FILE] = &c->o.password_file,
		        [O_LOCALE] = &c->o.locale,
		        [O_QUOTA] = &c->o.quota,
		        [O_ORG] = &c->o.org,
		        [O_DOMAIN] = &c->o.domain,
		        [O_DATA_DIR] = &c->o.data_dir,
		};
		if (o == O_PROXY)
			push(c, &c->o.proxies, &c->o.nproxies, optarg);
		else if (o == O_ADD)
			push(c, &c->o.add, &c->o.nadd, optarg);
		else if (o == O_REMOVE)
			push(c, &c->o.remove, &c->o.nremove, optarg);
		else if (o >= O_GIVEN_NAME && o < O_GIVEN_NAME + DIR_PERSON_FIELDS)
			c->o.person[o - O_GIVEN_NAME] = optarg;
		else if (slot[o])
			*slot[o] = optarg;
	}
	for (int r = 0; r < O_COUNT; r++) {
		if ((cmd->required & OPT(r)) && !(c->o.seen & OPT(r))) {
			say_error("%s: --%s is required (see --help)", name, opt_table[r].name);
			return EXIT_USAGE;
		}
	}
	if (argc - optind != cmd->nargs) {
		say_error("%s: expected %s%s (see --help)", name, cmd->nargs ? cmd->args : "no arguments",
		          argc - optind > cmd->nargs ? " and nothing more" : "");
		return EXIT_USAGE;
	}
	c->args = argv + optind;
	return EXIT_OK;
}

static int open_directory(struct ctx *c)
{
	char *err;
	int rc = wc_config_load(c->mem, c->config_path, &c->cfg, &err);
	if (rc != 0) {
		say_error("%s%s", err ? err : wc_strerror(rc),
		          rc == WC_EINVAL ? " (create one with warpadm init, or give --config FILE)" : "");
		return EXIT_CONFIG;
	}
	if (strcmp(c->cfg->directory.backend, "sqlite") != 0) {
		say_error("directory.backend '%s' is not supported by warpadm", c->cfg->directory.backend);
		return EXIT_CONFIG;
	}
	rc = dir_open(c->mem, c->cfg->directory.path, 0, c->cfg->directory.busy_timeout_ms, &c->dir, &err);
	if (rc != DIR_OK) {
		say_error("%s (%s)", err ? err : c->cfg->directory.path, dir_strerror(rc));
		return dir_exit_code(rc);
	}
	return EXIT_OK;
}

/* Sorts out global options, the command and its options, then runs it. */
static int dispatch(struct ctx *c, int argc, char **argv)
{
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--config") == 0 && i + 1 < argc) {
			c->config_path = argv[++i];
		} else if (strncmp(argv[i], "--config=", 9) == 0) {
			c->config_path = argv[i] + 9;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			help(stdout, NULL, NULL);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("warpadm " WC_VERSION "\n");
			return EXIT_OK;
		} else {
			say_error("unknown option %s (see warpadm --help)", argv[i]);
			return EXIT_USAGE;
		}
	}
	if (i >= argc) {
		help(stderr, NULL, NULL);
		return EXIT_USAGE;
	}
	const char *group = is_group(argv[i]) ? argv[i++] : NULL;
	const char *verb = i < argc ? argv[i] : NULL;
	if (group && (verb == NULL || strcmp(verb, "--help") == 0 || strcmp(verb, "-h") == 0)) {
		help(verb ? stdout : stderr, group, NULL);
		return verb ? EXIT_OK : EXIT_USAGE;
	}
	c->cmd = verb ? find_command(group, verb) : NULL;
	if (c->cmd == NULL) {
		say_error("unknown command '%s%s%s' (see warpadm --help)", group ? group : "",
		          group ? " " : "", verb ? verb : "");
		return EXIT_USAGE;
	}
	int rc = parse_command(c, argc - i, argv + i);
	if (rc == EXIT_HELP)
		return EXIT_OK;
	if (rc == EXIT_OK && c->cmd->run != cmd_init)
		rc = open_directory(c);
	return rc == EXIT_OK ? c->cmd->run(c) : rc;
}

int main(int argc, char **argv)
{
	struct ctx c = {.mem = talloc_new(NULL), .config_path = DEFAULT_CONFIG};
	int rc = dispatch(&c, argc, argv);
	talloc_free(c.mem);
	return rc;
}
