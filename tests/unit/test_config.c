/* src/common/wc_config.c: warpcore.conf parsing, errors with FILE:LINE, template, documentation. */
#include "testutil.h"
#include "common/wc_config.h"
#include "common/wc_error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct wc_config *parse_ok(void **state, const char *text)
{
	struct wc_config *cfg;
	char *err;
	int rc = wc_config_parse_string(*state, text, "t.conf", "/etc/warpcore", &cfg, &err);
	if (rc != 0)
		fail_msg("unexpected error %d: %s", rc, err ? err : "(none)");
	return cfg;
}

static void test_defaults_and_path_resolution(void **state)
{
	struct wc_config *cfg = parse_ok(state, "");
	assert_string_equal(cfg->server.listen, "0.0.0.0:443");
	assert_string_equal(cfg->server.hostname, "");
	assert_string_equal(cfg->server.data_dir, "/var/lib/warpcore");
	assert_string_equal(cfg->server.log_level, "info");
	assert_true(cfg->tls.enabled);
	assert_string_equal(cfg->tls.certificate, "/var/lib/warpcore/tls/cert.pem");
	assert_string_equal(cfg->tls.key, "/var/lib/warpcore/tls/key.pem");
	assert_true(cfg->auth.basic);
	assert_true(cfg->auth.ntlm);
	assert_false(cfg->auth.basic_over_plain_http);
	assert_string_equal(cfg->auth.netbios_domain, "WARPCORE");
	assert_string_equal(cfg->store.backend, "sqlite");
	assert_string_equal(cfg->store.mailbox_dir, "/var/lib/warpcore/mailboxes");
	assert_string_equal(cfg->directory.backend, "sqlite");
	assert_string_equal(cfg->directory.path, "/var/lib/warpcore/directory.db");
	assert_int_equal(cfg->directory.busy_timeout_ms, 5000);
	assert_null(cfg->file);
}

static void test_every_key_set(void **state)
{
	struct wc_config *cfg = parse_ok(state, "# comment\n"
	                                        "; another comment\n"
	                                        "[server]\n"
	                                        "listen = [::1]:8443\n"
	                                        "hostname = mail.example.com\n"
	                                        "data_dir = var   ; relative to the file's directory\n"
	                                        "log_level = debug\n"
	                                        "[tls]\n"
	                                        "enabled = no\n"
	                                        "certificate = /etc/ssl/cert.pem\n"
	                                        "key = private/key.pem\n"
	                                        "[auth]\n"
	                                        "basic = FALSE\n"
	                                        "ntlm = 0\n"
	                                        "basic_over_plain_http = yes\n"
	                                        "netbios_domain = EXAMPLE\n"
	                                        "[store]\n"
	                                        "backend = sqlite\n"
	                                        "mailbox_dir = /srv/mbox\n"
	                                        "[directory]\n"
	                                        "backend = sqlite\n"
	                                        "path = dir/users.db\n"
	                                        "busy_timeout_ms = 0\n"
	                                        "[lmtp]\n[submit]\n[mapiproxy]\n");
	assert_string_equal(cfg->server.listen, "[::1]:8443");
	assert_string_equal(cfg->server.hostname, "mail.example.com");
	assert_string_equal(cfg->server.data_dir, "/etc/warpcore/var");
	assert_string_equal(cfg->server.log_level, "debug");
	assert_false(cfg->tls.enabled);
	assert_string_equal(cfg->tls.certificate, "/etc/ssl/cert.pem");
	assert_string_equal(cfg->tls.key, "/etc/warpcore/var/private/key.pem");
	assert_false(cfg->auth.basic);
	assert_false(cfg->auth.ntlm);
	assert_true(cfg->auth.basic_over_plain_http);
	assert_string_equal(cfg->auth.netbios_domain, "EXAMPLE");
	assert_string_equal(cfg->store.mailbox_dir, "/srv/mbox");
	assert_string_equal(cfg->directory.path, "/etc/warpcore/var/dir/users.db");
	assert_int_equal(cfg->directory.busy_timeout_ms, 0);
}

static void test_good_listen_forms(void **state)
{
	static const char *const good[] = {"*:25", "localhost:1", "192.0.2.1:65535", "[2001:db8::1]:443",
	                                   "mail-1.example.org:8080"};
	for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
		char *text = talloc_asprintf(*state, "[server]\nlisten = %s\n", good[i]);
		assert_string_equal(parse_ok(state, text)->server.listen, good[i]);
	}
}

/* Each bad file and the exact message it must produce. */
static const struct {
	const char *text;
	const char *message;
} bad_files[] = {
        {"listen = 1.2.3.4:1\n", "t.conf:1: key 'listen' is outside any [section]"},
        {"[server]\n[bogus]\nx = 1\n", "t.conf:3: unknown section [bogus]"},
        {"\n[server]\nlisen = 0.0.0.0:443\n", "t.conf:3: unknown key 'lisen' in section [server]"},
        {"[lmtp]\nlisten = x\n", "t.conf:2: unknown key 'listen' in section [lmtp]"},
        {"[server]\nlisten = *:1\n\nlisten = *:2\n",
         "t.conf:4: server.listen is set twice (first on line 2)"},
        {"[server]\nlisten = *:1\n  *:2\n", "t.conf:3: server.listen is set twice (first on line 2)"},
        {"[tls]\nenabled = maybe\n",
         "t.conf:2: bad value 'maybe' for tls.enabled: expected on/off, yes/no, true/false or 1/0"},
        {"[directory]\nbusy_timeout_ms = 5s\n",
         "t.conf:2: bad value '5s' for directory.busy_timeout_ms: expected a decimal integer"},
        {"[directory]\nbusy_timeout_ms = 600001\n",
         "t.conf:2: bad value '600001' for directory.busy_timeout_ms: out of range"},
        {"[directory]\nbusy_timeout_ms = -1\n",
         "t.conf:2: bad value '-1' for directory.busy_timeout_ms: out of range"},
        {"[directory]\nbusy_timeout_ms = 99999999999999999999\n",
         "t.conf:2: bad value '99999999999999999999' for directory.busy_timeout_ms: expected a decimal "
         "integer"},
        {"[store]\nbackend = mysql\n",
         "t.conf:2: bad value 'mysql' for store.backend: expected one of sqlite"},
        {"[server]\nlog_level = verbose\n",
         "t.conf:2: bad value 'verbose' for server.log_level: expected one of error|warn|info|debug"},
        {"[server]\nlog_level =\n",
         "t.conf:2: bad value '' for server.log_level: expected one of error|warn|info|debug"},
        {"[server]\nlisten = 0.0.0.0\n",
         "t.conf:2: bad value '0.0.0.0' for server.listen: expected HOST:PORT"},
        {"[server]\nlisten = 0.0.0.0:0\n",
         "t.conf:2: bad value '0.0.0.0:0' for server.listen: port must be 1..65535"},
        {"[server]\nlisten = *:65536\n",
         "t.conf:2: bad value '*:65536' for server.listen: port must be 1..65535"},
        {"[server]\nlisten = *:+80\n",
         "t.conf:2: bad value '*:+80' for server.listen: port must be 1..65535"},
        {"[server]\nlisten = :443\n", "t.conf:2: bad value ':443' for server.listen: bad host (use a host "
                                      "name, an IPv4 address, [IPv6] or *)"},
        {"[server]\nlisten = under_score:443\n", "t.conf:2: bad value 'under_score:443' for server.listen: "
                                                 "bad host (use a host name, an IPv4 address, "
                                                 "[IPv6] or *)"},
        {"[server]\nlisten = [::1:443\n",
         "t.conf:2: bad value '[::1:443' for server.listen: expected [IPv6]:PORT"},
        {"[server]\nlisten = [zz]:443\n",
         "t.conf:2: bad value '[zz]:443' for server.listen: bad IPv6 address"},
        {"[server]\nhostname = -mail.example.com\n",
         "t.conf:2: bad value '-mail.example.com' for server.hostname: not a valid host name"},
        {"[server]\nhostname = a..b\n",
         "t.conf:2: bad value 'a..b' for server.hostname: not a valid host name"},
        {"[server]\ndata_dir =\n", "t.conf:2: bad value '' for server.data_dir: must not be empty"},
        {"[auth]\nnetbios_domain = SIXTEENCHARSLONG\n",
         "t.conf:2: bad value 'SIXTEENCHARSLONG' for auth.netbios_domain: must be 1 to 15 characters"},
        {"[auth]\nnetbios_domain = A/B\n", "t.conf:2: bad value 'A/B' for auth.netbios_domain: only letters, "
                                           "digits and ! @ # $ % ^ & ( ) - ' { } . ~ _ "
                                           "are allowed"},
        {"[server]\nthis line has no equals sign\n",
         "t.conf:2: syntax error (expected [section], key = value or a # comment)"},
        {"[server\nlisten = *:1\n",
         "t.conf:1: syntax error (expected [section], key = value or a # comment)"},
        {"[server]\nhostname = caf\xc3\n", "t.conf:2: not valid UTF-8"},
        /* the first problem wins, whichever kind it is */
        {"[server]\nnonsense\nlisen = 1\n",
         "t.conf:2: syntax error (expected [section], key = value or a # comment)"},
        {"[server]\nlisen = 1\nnonsense\n", "t.conf:2: unknown key 'lisen' in section [server]"},
};

static void test_errors_name_file_line_and_key(void **state)
{
	for (size_t i = 0; i < sizeof bad_files / sizeof bad_files[0]; i++) {
		struct wc_config *cfg = (void *)1;
		char *err = NULL;
		int rc = wc_config_parse_string(*state, bad_files[i].text, "t.conf", "/", &cfg, &err);
		if (rc != WC_EFORMAT || err == NULL || strcmp(err, bad_files[i].message) != 0)
			fail_msg("case %zu: rc %d, message '%s', wanted '%s'", i, rc, err ? err : "(null)",
			         bad_files[i].message);
		assert_null(cfg);
	}
}

static void test_long_line_is_an_error(void **state)
{
	struct wc_config *cfg;
	char *err;
	/* inih's line buffer holds 197 characters besides "\r\n" and the NUL */
	char *host = talloc_asprintf(*state, "%0185d.example", 0); /* "hostname = " + 185 + 8 = 204 */
	host[60] = host[120] = host[180] = '.';
	char *text = talloc_asprintf(*state, "[server]\nhostname = %s\r\n", host + 7); /* 197 characters */
	assert_int_equal(wc_config_parse_string(*state, text, "t.conf", "/", &cfg, &err), 0);
	assert_string_equal(cfg->server.hostname, host + 7);
	text = talloc_asprintf(*state, "[server]\nhostname = %s\n", host + 6); /* 198 */
	assert_int_equal(wc_config_parse_string(*state, text, "t.conf", "/", &cfg, &err), WC_EFORMAT);
	assert_string_equal(err, "t.conf:2: line too long (more than 197 characters)");
	text = talloc_asprintf(*state, "[server]\n# %0300d", 0); /* also comments, also without a newline */
	assert_int_equal(wc_config_parse_string(*state, text, "t.conf", "/", &cfg, &err), WC_EFORMAT);
	assert_string_equal(err, "t.conf:2: line too long (more than 197 characters)");
}

static char *write_temp(void **state, const char *text, size_t len)
{
	char *path = talloc_strdup(*state, "/tmp/wc_config_XXXXXX");
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, len), (ssize_t)len);
	close(fd);
	return path;
}

static void test_load_file(void **state)
{
	static const char text[] = "[server]\ndata_dir = data\n[directory]\npath = d.db\n";
	char *path = write_temp(state, text, sizeof text - 1);
	struct wc_config *cfg;
	char *err;
	assert_int_equal(wc_config_load(*state, path, &cfg, &err), 0);
	assert_string_equal(cfg->file, path);
	assert_string_equal(cfg->server.data_dir, "/tmp/data"); /* relative to the file's directory */
	assert_string_equal(cfg->directory.path, "/tmp/data/d.db");
	unlink(path);
}

static void test_load_errors(void **state)
{
	struct wc_config *cfg;
	char *err;
	assert_int_equal(wc_config_load(*state, "/nonexistent/warpcore.conf", &cfg, &err), WC_EINVAL);
	assert_string_equal(
	        err, "/nonexistent/warpcore.conf: cannot read configuration: No such file or directory");
	assert_null(cfg);

	static const char with_nul[] = "[server]\n\0listen = *:1\n";
	char *path = write_temp(state, with_nul, sizeof with_nul - 1);
	assert_int_equal(wc_config_load(*state, path, &cfg, &err), WC_EFORMAT);
	assert_non_null(strstr(err, "configuration contains a NUL byte"));
	unlink(path);

	static const char bad[] = "[server]\nlisten = nowhere\n";
	path = write_temp(state, bad, sizeof bad - 1);
	assert_int_equal(wc_config_load(*state, path, &cfg, &err), WC_EFORMAT);
	char *want = talloc_asprintf(*state,
	                             "%s:2: bad value 'nowhere' for server.listen: expected HOST:PORT", path);
	assert_string_equal(err, want);
	unlink(path);
}

static void test_template_reads_back(void **state)
{
	const char *settings[] = {"server.data_dir",           "/srv/warp", "auth.ntlm", "off",
	                          "directory.busy_timeout_ms", "250",       NULL};
	char *text = wc_config_template(*state, settings);
	assert_non_null(text);
	struct wc_config *cfg = parse_ok(state, text);
	assert_string_equal(cfg->server.data_dir, "/srv/warp");
	assert_false(cfg->auth.ntlm);
	assert_int_equal(cfg->directory.busy_timeout_ms, 250);
	assert_string_equal(cfg->directory.path, "/srv/warp/directory.db");
	assert_string_equal(cfg->server.listen, "0.0.0.0:443");
	/* every key is documented in the template, commented out when it keeps its default */
	size_t n;
	const struct wc_config_key *keys = wc_config_keys(&n);
	for (size_t i = 0; i < n; i++) {
		char *line = talloc_asprintf(*state, "\n%s%s =",
		                             strcmp(keys[i].name, "data_dir") == 0 ||
		                                             strcmp(keys[i].name, "ntlm") == 0 ||
		                                             strcmp(keys[i].name, "busy_timeout_ms") == 0
		                                     ? ""
		                                     : "#",
		                             keys[i].name);
		if (strstr(text, line) == NULL)
			fail_msg("template lacks '%s'", line + 1);
		assert_non_null(strstr(text, keys[i].doc));
	}
}

static void test_template_refuses_bad_settings(void **state)
{
	const char *unknown[] = {"server.lisen", "*:1", NULL};
	const char *bad_value[] = {"server.listen", "nowhere", NULL};
	const char *comment[] = {"server.data_dir", "/srv/a ;b", NULL};
	const char *blank[] = {"server.data_dir", "/srv/a ", NULL};
	const char *odd[] = {"server.data_dir", NULL};
	assert_null(wc_config_template(*state, unknown));
	assert_null(wc_config_template(*state, bad_value));
	assert_null(wc_config_template(*state, comment));
	assert_null(wc_config_template(*state, blank));
	assert_null(wc_config_template(*state, odd));
	assert_non_null(wc_config_template(*state, NULL));
}

/* docs/configuration.md must list every key with its default, and no key the table lacks. */
static void test_every_key_documented(void **state)
{
	const char *src = getenv("WC_SRCDIR");
	char *path = talloc_asprintf(*state, "%s/docs/configuration.md", src ? src : ".");
	FILE *f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	char *doc = talloc_array(*state, char, 1 << 20);
	size_t len = fread(doc, 1, (1 << 20) - 1, f);
	fclose(f);
	doc[len] = '\0';

	size_t n;
	const struct wc_config_key *keys = wc_config_keys(&n);
	for (size_t i = 0; wc_config_sections[i]; i++) {
		char *heading = talloc_asprintf(*state, "## [%s]", wc_config_sections[i]);
		if (strstr(doc, heading) == NULL)
			fail_msg("%s lacks the heading '%s'", path, heading);
	}
	for (size_t i = 0; i < n; i++) {
		/* a table row: | `section.name` | type | `default` | ... */
		char *cell = talloc_asprintf(*state, "| `%s.%s` |", keys[i].section, keys[i].name);
		char *row = strstr(doc, cell);
		if (row == NULL)
			fail_msg("%s does not document %s.%s", path, keys[i].section, keys[i].name);
		char *eol = strchr(row, '\n');
		char *def = *keys[i].def ? talloc_asprintf(*state, "| `%s` |", keys[i].def) : "| (empty) |";
		char *at = strstr(row, def);
		if (at == NULL || (eol && at > eol))
			fail_msg("%s: %s.%s should show the default %s", path, keys[i].section, keys[i].name,
			         def);
	}
	/* and the other way round */
	for (char *p = strstr(doc, "| `"); p; p = strstr(p + 1, "| `")) {
		char sec[32], name[64];
		if (sscanf(p, "| `%31[a-z_].%63[a-z_]` |", sec, name) != 2 || p[-1] != '\n')
			continue;
		bool known = false;
		for (size_t i = 0; i < n; i++)
			known = known ||
			        (strcmp(keys[i].section, sec) == 0 && strcmp(keys[i].name, name) == 0);
		if (!known)
			fail_msg("%s documents %s.%s, which the parser does not know", path, sec, name);
	}
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_defaults_and_path_resolution, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_every_key_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_good_listen_forms, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_errors_name_file_line_and_key, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_long_line_is_an_error, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_load_file, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_load_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_template_reads_back, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_template_refuses_bad_settings, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_every_key_documented, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
