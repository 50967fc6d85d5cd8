/* warpcore.conf: table-driven INI parsing on inih (see wc_config.h). */
#include "common/wc_config.h"
#include "common/wc_error.h"
#include "common/wc_hostname.h"
#include "common/wc_unicode.h"

#include <ini.h>
#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const wc_config_sections[] = {"server", "tls",    "auth",      "store", "directory",
                                          "lmtp",   "submit", "mapiproxy", NULL};

#define OFF(field) offsetof(struct wc_config, field)
#define KEY(sec, nm, ty, def, field, doc)                                                                    \
	{                                                                                                    \
		sec, nm, ty, def, NULL, 0, 0, OFF(field), doc                                                \
	}

static const struct wc_config_key keys[] = {
        KEY("server", "listen", WC_CFG_HOSTPORT, "0.0.0.0:443", server.listen,
            "address and port warpd accepts HTTPS (plain HTTP when tls.enabled is off) connections on"),
        KEY("server", "hostname", WC_CFG_HOSTNAME, "", server.hostname,
            "host name clients reach this server by (autodiscover, server DNs); empty means the system host "
            "name"),
        KEY("server", "data_dir", WC_CFG_PATH, "/var/lib/warpcore", server.data_dir,
            "directory for databases, mailboxes and keys; relative paths below are taken relative to it"),
        {"server", "log_level", WC_CFG_ENUM, "info", "error|warn|info|debug", 0, 0, OFF(server.log_level),
         "least important messages that are logged"},
        {"server", "threads", WC_CFG_INT, "0", NULL, 0, 1024, OFF(server.threads),
         "worker threads serving connections; 0 picks twice the number of CPUs, at least 4"},
        {"server", "max_request_size", WC_CFG_INT, "16777216", NULL, 1024, 1073741824,
         OFF(server.max_request_size), "largest request body accepted, in bytes; larger ones get 413"},
        {"server", "idle_timeout", WC_CFG_INT, "300", NULL, 1, 86400, OFF(server.idle_timeout),
         "seconds an idle keep-alive connection stays open"},
        {"server", "mapi_session_timeout", WC_CFG_INT, "900", NULL, 1, 86400,
         OFF(server.mapi_session_timeout),
         "seconds a MAPI/HTTP session context lives without a request (X-ExpirationInfo)"},
        {"server", "mapi_pending_period", WC_CFG_INT, "15000", NULL, 100, 300000,
         OFF(server.mapi_pending_period),
         "milliseconds between PENDING keep-alive lines of a long MAPI/HTTP request (X-PendingPeriod)"},
        {"server", "mapi_wait_timeout", WC_CFG_INT, "300", NULL, 1, 3600, OFF(server.mapi_wait_timeout),
         "longest NotificationWait in seconds before it returns with no event (MS-OXCMAPIHTTP: 5 minutes)"},
        KEY("tls", "enabled", WC_CFG_BOOL, "on", tls.enabled,
            "serve HTTPS; off serves plain HTTP (testing only)"),
        KEY("tls", "certificate", WC_CFG_PATH, "tls/cert.pem", tls.certificate,
            "PEM certificate chain, server certificate first"),
        KEY("tls", "key", WC_CFG_PATH, "tls/key.pem", tls.key, "PEM private key of the certificate"),
        KEY("auth", "basic", WC_CFG_BOOL, "on", auth.basic,
            "accept HTTP Basic authentication, checked against the directory's argon2id hashes"),
        KEY("auth", "ntlm", WC_CFG_BOOL, "on", auth.ntlm, "accept NTLM authentication (what Outlook uses)"),
        KEY("auth", "basic_over_plain_http", WC_CFG_BOOL, "off", auth.basic_over_plain_http,
            "also accept Basic authentication without TLS, which sends passwords in clear text"),
        KEY("auth", "netbios_domain", WC_CFG_NETBIOS, "WARPCORE", auth.netbios_domain,
            "NetBIOS domain name announced in NTLM challenges and accepted in DOMAIN\\user logins"),
        KEY("auth", "nspi_anonymous", WC_CFG_BOOL, "off", auth.nspi_anonymous,
            "honour the NSPI anonymous bind flag (fAnonymousLogin): address book reads without a user"),
        {"store", "backend", WC_CFG_ENUM, "sqlite", "sqlite", 0, 0, OFF(store.backend),
         "mailbox store backend for new mailboxes"},
        KEY("store", "mailbox_dir", WC_CFG_PATH, "mailboxes", store.mailbox_dir,
            "directory holding one database per mailbox (sqlite backend)"),
        {"directory", "backend", WC_CFG_ENUM, "sqlite", "sqlite", 0, 0, OFF(directory.backend),
         "where users, groups and contacts are kept"},
        KEY("directory", "path", WC_CFG_PATH, "directory.db", directory.path,
            "the SQLite directory database"),
        {"directory", "busy_timeout_ms", WC_CFG_INT, "5000", NULL, 0, 600000, OFF(directory.busy_timeout_ms),
         "how long a writer waits for another one to finish before failing, in milliseconds"},
};
#define NKEYS (sizeof keys / sizeof keys[0])
#define WC_CONFIG_MAX_SIZE (1u << 20)

const struct wc_config_key *wc_config_keys(size_t *count)
{
	*count = NKEYS;
	return keys;
}

/* ---- value parsers: each returns NULL when the value is fine, or a reason ---- */

static const char *parse_bool(const char *v, bool *out)
{
	static const char *const yes[] = {"on", "yes", "true", "1"}, *const no[] = {"off", "no", "false",
	                                                                            "0"};
	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(v, yes[i]) == 0) {
			*out = true;
			return NULL;
		}
		if (strcasecmp(v, no[i]) == 0) {
			*out = false;
			return NULL;
		}
	}
	return "expected on/off, yes/no, true/false or 1/0";
}

static const char *parse_int(const char *v, long min, long max, int *out)
{
	char *end;
	errno = 0;
	long n = strtol(v, &end, 10);
	if (*v == '\0' || *end != '\0' || errno != 0)
		return "expected a decimal integer";
	if (n < min || n > max)
		return "out of range";
	*out = (int)n;
	return NULL;
}

static bool in_choices(const char *v, const char *choices)
{
	size_t n = strlen(v);
	for (const char *p = choices; p != NULL; p = strchr(p, '|'), p = p ? p + 1 : NULL) {
		const char *bar = strchr(p, '|');
		size_t len = bar ? (size_t)(bar - p) : strlen(p);
		if (len == n && n > 0 && strncmp(p, v, n) == 0)
			return true;
	}
	return false;
}

static const char *parse_hostport(const char *v)
{
	const char *colon;
	if (v[0] == '[') {
		const char *close = strchr(v, ']');
		if (close == NULL || close == v + 1 || close[1] != ':')
			return "expected [IPv6]:PORT";
		for (const char *p = v + 1; p < close; p++)
			if (!isxdigit((unsigned char)*p) && *p != ':' && *p != '.')
				return "bad IPv6 address";
		colon = close + 1;
	} else {
		colon = strrchr(v, ':');
		if (colon == NULL)
			return "expected HOST:PORT";
		size_t hl = (size_t)(colon - v);
		if (!(hl == 1 && v[0] == '*') && !wc_hostname_valid(v, hl))
			return "bad host (use a host name, an IPv4 address, [IPv6] or *)";
	}
	const char *port = colon + 1;
	int n;
	if (*port == '\0' || strspn(port, "0123456789") != strlen(port) ||
	    parse_int(port, 1, 65535, &n) != NULL)
		return "port must be 1..65535";
	return NULL;
}

static const char *parse_netbios(const char *v)
{
	size_t n = strlen(v);
	if (n < 1 || n > 15)
		return "must be 1 to 15 characters";
	if (strspn(v, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789!@#$%^&()-'{}.~_") != n)
		return "only letters, digits and ! @ # $ % ^ & ( ) - ' { } . ~ _ are allowed";
	return NULL;
}

/* Checks value against k and stores it in cfg (strings are talloc children of cfg). NULL or a reason. */
static const char *set_value(struct wc_config *cfg, const struct wc_config_key *k, const char *v)
{
	void *field = (char *)cfg + k->offset;
	const char *why = NULL;
	switch (k->type) {
	case WC_CFG_BOOL:
		return parse_bool(v, field);
	case WC_CFG_INT:
		return parse_int(v, k->min, k->max, field);
	case WC_CFG_ENUM:
		if (!in_choices(v, k->choices))
			why = talloc_asprintf(cfg, "expected one of %s", k->choices);
		break;
	case WC_CFG_PATH:
		if (*v == '\0')
			why = "must not be empty";
		break;
	case WC_CFG_HOSTPORT:
		why = parse_hostport(v);
		break;
	case WC_CFG_HOSTNAME:
		if (*v != '\0' && !wc_hostname_valid(v, strlen(v)))
			why = "not a valid host name";
		break;
	case WC_CFG_NETBIOS:
		why = parse_netbios(v);
		break;
	case WC_CFG_STRING:
		break;
	}
	if (why != NULL)
		return why;
	char **s = field;
	talloc_free(*s);
	*s = talloc_strdup(cfg, v);
	return *s ? NULL : "out of memory";
}

static const struct wc_config_key *find_key(const char *section, const char *name)
{
	for (size_t i = 0; i < NKEYS; i++)
		if (strcmp(keys[i].section, section) == 0 && strcmp(keys[i].name, name) == 0)
			return &keys[i];
	return NULL;
}

static bool known_section(const char *section)
{
	for (size_t i = 0; wc_config_sections[i] != NULL; i++)
		if (strcmp(wc_config_sections[i], section) == 0)
			return true;
	return false;
}

/* ---- parsing ---- */

struct parse_state {
	struct wc_config *cfg;
	const char *name;
	const char *text;
	size_t pos;
	int line;
	int err_line; /* 0: no error yet */
	char *err;
	int set_at[NKEYS]; /* line each key was set on, 0 if not */
};

static void __attribute__((format(printf, 3, 4))) fail(struct parse_state *ps, int line, const char *fmt, ...)
{
	if (ps->err_line != 0)
		return; /* report the first problem only */
	va_list ap;
	va_start(ap, fmt);
	ps->err = talloc_vasprintf(ps->cfg, fmt, ap);
	va_end(ap);
	ps->err_line = line;
}

/* inih pulls the text line by line through this reader, so the handler knows the current line number
 * (Debian's inih is built without INI_HANDLER_LINENO). */
static char *read_line(char *str, int num, void *stream)
{
	struct parse_state *ps = stream;
	const char *start = ps->text + ps->pos;
	if (*start == '\0')
		return NULL;
	const char *nl = strchr(start, '\n');
	size_t len = nl ? (size_t)(nl - start) + 1 : strlen(start);
	size_t content = nl ? len - 1 : len; /* without the newline (and a CR before it) */
	if (content > 0 && start[content - 1] == '\r')
		content--;
	ps->pos += len;
	ps->line++;
	/* inih needs room for the text, "\r\n" and a NUL */
	if (content + 3 > (size_t)num || !wc_utf8_valid(start, content)) {
		if (content + 3 > (size_t)num)
			fail(ps, ps->line, "line too long (more than %d characters)", num - 3);
		else
			fail(ps, ps->line, "not valid UTF-8");
		str[0] = '\n';
		str[1] = '\0';
		return str;
	}
	memcpy(str, start, len);
	str[len] = '\0';
	return str;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
	struct parse_state *ps = user;
	if (*section == '\0') {
		fail(ps, ps->line, "key '%s' is outside any [section]", name);
		return 0;
	}
	if (!known_section(section)) {
		fail(ps, ps->line, "unknown section [%s]", section);
		return 0;
	}
	const struct wc_config_key *k = find_key(section, name);
	if (k == NULL) {
		fail(ps, ps->line, "unknown key '%s' in section [%s]", name, section);
		return 0;
	}
	size_t i = (size_t)(k - keys);
	if (ps->set_at[i] != 0) {
		fail(ps, ps->line, "%s.%s is set twice (first on line %d)", section, name, ps->set_at[i]);
		return 0;
	}
	ps->set_at[i] = ps->line;
	const char *why = set_value(ps->cfg, k, value);
	if (why != NULL) {
		fail(ps, ps->line, "bad value '%s' for %s.%s: %s", value, section, name, why);
		return 0;
	}
	return 1;
}

static char *join_path(TALLOC_CTX *mem, const char *base, const char *p)
{
	if (p[0] == '/' || base == NULL)
		return talloc_strdup(mem, p);
	size_t bl = strlen(base);
	return talloc_asprintf(mem, "%s%s%s", base, bl > 0 && base[bl - 1] == '/' ? "" : "/", p);
}

/* data_dir relative to the file's directory, the other paths relative to data_dir. */
static bool resolve_paths(struct wc_config *cfg, const char *base_dir)
{
	char *dd = join_path(cfg, base_dir, cfg->server.data_dir);
	if (dd == NULL)
		return false;
	talloc_free(cfg->server.data_dir);
	cfg->server.data_dir = dd;
	for (size_t i = 0; i < NKEYS; i++) {
		char **s = (char **)((char *)cfg + keys[i].offset);
		if (keys[i].type != WC_CFG_PATH || s == &cfg->server.data_dir)
			continue;
		char *p = join_path(cfg, dd, *s);
		if (p == NULL)
			return false;
		talloc_free(*s);
		*s = p;
	}
	return true;
}

static struct wc_config *config_defaults(TALLOC_CTX *mem)
{
	struct wc_config *cfg = talloc_zero(mem, struct wc_config);
	if (cfg == NULL)
		return NULL;
	for (size_t i = 0; i < NKEYS; i++) {
		if (set_value(cfg, &keys[i], keys[i].def) != NULL) {
			talloc_free(cfg); /* a broken built-in default; test_config catches it */
			return NULL;
		}
	}
	return cfg;
}

int wc_config_parse_string(TALLOC_CTX *mem, const char *text, const char *name, const char *base_dir,
                           struct wc_config **out, char **errmsg)
{
	*out = NULL;
	*errmsg = NULL;
	struct parse_state ps = {.name = name, .text = text};
	ps.cfg = config_defaults(mem);
	if (ps.cfg == NULL)
		return WC_ENOMEM;
	int rc = ini_parse_stream(read_line, &ps, on_key, &ps);
	if (rc < 0) {
		talloc_free(ps.cfg);
		return WC_ENOMEM;
	}
	if (rc > 0 && (ps.err_line == 0 || rc < ps.err_line)) {
		ps.err_line = 0;
		fail(&ps, rc, "syntax error (expected [section], key = value or a # comment)");
	}
	if (ps.err_line != 0) {
		*errmsg = talloc_asprintf(mem, "%s:%d: %s", name, ps.err_line, ps.err);
		talloc_free(ps.cfg);
		return *errmsg ? WC_EFORMAT : WC_ENOMEM;
	}
	if (!resolve_paths(ps.cfg, base_dir)) {
		talloc_free(ps.cfg);
		return WC_ENOMEM;
	}
	*out = ps.cfg;
	return 0;
}

int wc_config_load(TALLOC_CTX *mem, const char *path, struct wc_config **out, char **errmsg)
{
	*out = NULL;
	*errmsg = NULL;
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *abs = realpath(path, NULL);
	FILE *f = abs ? fopen(abs, "r") : NULL;
	if (f == NULL) {
		*errmsg = talloc_asprintf(mem, "%s: cannot read configuration: %s", path, strerror(errno));
		free(abs);
		talloc_free(tmp);
		return WC_EINVAL;
	}
	char *file = talloc_strdup(tmp, abs);
	free(abs);
	/* Read it whole: the parser counts lines itself and a NUL byte must be an error, not an end. */
	size_t len = 0, cap = 4096;
	char *text = talloc_array(tmp, char, cap);
	bool bad = false;
	while (text != NULL) {
		if (len + 1 == cap) {
			if (cap >= WC_CONFIG_MAX_SIZE) {
				bad = true;
				break;
			}
			text = talloc_realloc(tmp, text, char, cap *= 2);
			continue;
		}
		size_t n = fread(text + len, 1, cap - len - 1, f);
		if (n == 0)
			break;
		len += n;
	}
	bad = bad || ferror(f);
	fclose(f);
	if (text == NULL) {
		talloc_free(tmp);
		return WC_ENOMEM;
	}
	if (bad || memchr(text, '\0', len) != NULL) {
		*errmsg = talloc_asprintf(mem, "%s: %s", path,
		                          bad ? "cannot read configuration (I/O error or larger than 1 MiB)"
		                              : "configuration contains a NUL byte");
		talloc_free(tmp);
		return bad ? WC_EINVAL : WC_EFORMAT;
	}
	text[len] = '\0';
	char *dir = talloc_strdup(tmp, file);
	*strrchr(dir, '/') = '\0'; /* realpath() gave an absolute path */
	int rc = wc_config_parse_string(mem, text, path, *dir ? dir : "/", out, errmsg);
	if (rc == 0)
		(*out)->file = talloc_steal(*out, file);
	talloc_free(tmp);
	return rc;
}

/* ---- template ---- */

static const char *setting_for(const char *const *settings, const struct wc_config_key *k)
{
	for (size_t i = 0; settings && settings[i] && settings[i + 1]; i += 2) {
		const char *dot = strchr(settings[i], '.');
		if (dot && strncmp(settings[i], k->section, (size_t)(dot - settings[i])) == 0 &&
		    k->section[dot - settings[i]] == '\0' && strcmp(dot + 1, k->name) == 0)
			return settings[i + 1];
	}
	return NULL;
}

char *wc_config_template(TALLOC_CTX *mem, const char *const *settings)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct wc_config *scratch = config_defaults(tmp);
	size_t used = 0;
	char *t = talloc_strdup(
	        tmp, "# warpcore.conf: every key is listed with its default (commented out);\n"
	             "# docs/configuration.md describes them. Relative paths are taken relative to\n"
	             "# server.data_dir.\n");
	for (size_t s = 0; scratch && t && wc_config_sections[s]; s++) {
		t = talloc_asprintf_append(t, "\n[%s]\n", wc_config_sections[s]);
		bool any = false;
		for (size_t i = 0; t && i < NKEYS; i++) {
			const struct wc_config_key *k = &keys[i];
			if (strcmp(k->section, wc_config_sections[s]) != 0)
				continue;
			const char *v = setting_for(settings, k);
			/* inih would cut a value at " ;" and trim its blanks: refuse what would not read back
			 */
			if (v != NULL && (set_value(scratch, k, v) != NULL || strpbrk(v, ";#\r\n") != NULL ||
			                  isspace((unsigned char)v[0]) ||
			                  (*v && isspace((unsigned char)v[strlen(v) - 1]))))
				goto fail;
			used += v != NULL;
			any = true;
			v = v ? v : k->def;
			t = talloc_asprintf_append(t, "# %s\n%s%s =%s%s\n", k->doc, v == k->def ? "#" : "",
			                           k->name, *v ? " " : "", v);
		}
		if (!any && t)
			t = talloc_asprintf_append(t, "# (no keys yet)\n");
	}
	size_t given = 0;
	while (settings && settings[given])
		given++;
	if (scratch == NULL || t == NULL || given % 2 != 0 || used != given / 2)
		goto fail; /* an unknown key among the settings */
	char *r = talloc_steal(mem, t);
	talloc_free(tmp);
	return r;
fail:
	talloc_free(tmp);
	return NULL;
}
