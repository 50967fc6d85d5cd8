/* warpcore common: the configuration file warpcore.conf (DESIGN.md section 4).
 *
 * One INI file read with inih. A table of known keys (section, name, type, default, one-line doc) drives the
 * parser, the defaults, the template `warpadm init` writes and the test that docs/configuration.md lists
 * every key. Unknown sections and keys, duplicates, syntax errors and bad values are errors that name
 * FILE:LINE and the key; nothing is silently ignored, because a mistyped key that falls back to a default is
 * how a server ends up serving Basic auth over plain HTTP.
 *
 * Paths: server.data_dir, when relative, is taken relative to the directory holding the configuration file;
 * every other path key, when relative, is taken relative to server.data_dir. The loaded struct holds the
 * resolved absolute paths. */
#ifndef WC_CONFIG_H
#define WC_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <talloc.h>

#define WC_CONFIG_FILE_NAME "warpcore.conf"

enum wc_config_type {
	WC_CFG_STRING, /* any text, may be empty */
	WC_CFG_BOOL,   /* on/off, yes/no, true/false, 1/0 */
	WC_CFG_INT,    /* decimal integer within [min, max] */
	WC_CFG_ENUM,   /* one of the '|'-separated choices */
	WC_CFG_PATH, /* file system path, resolved as described above; may be empty only if the default is */
	WC_CFG_HOSTPORT, /* HOST:PORT, [IPv6]:PORT or *:PORT with PORT 1..65535 */
	WC_CFG_HOSTNAME, /* empty or an RFC 1123 host name */
	WC_CFG_NETBIOS,  /* NetBIOS name: 1..15 of A-Z a-z 0-9 ! @ # $ % ^ & ( ) - ' { } . ~ _ */
};

struct wc_config {
	const char *file; /* absolute path of the file read, NULL when only defaults were used */
	struct {
		char *listen;
		char *hostname; /* empty: the system host name */
		char *data_dir;
		char *log_level;          /* error|warn|info|debug, see wc_log_level_from_name() */
		int threads;              /* 0: automatic */
		int max_request_size;     /* bytes of a request body */
		int idle_timeout;         /* seconds */
		int mapi_session_timeout; /* seconds */
		int mapi_pending_period;  /* milliseconds */
		int mapi_wait_timeout;    /* seconds */
	} server;
	struct {
		bool enabled;
		char *certificate;
		char *key;
	} tls;
	struct {
		bool basic;
		bool ntlm;
		bool basic_over_plain_http;
		char *netbios_domain;
		bool nspi_anonymous;
	} auth;
	struct {
		char *backend;
		char *mailbox_dir;
	} store;
	struct {
		char *backend;
		char *path;
		int busy_timeout_ms;
	} directory;
};

struct wc_config_key {
	const char *section;
	const char *name;
	enum wc_config_type type;
	const char *def;     /* the default, in the file's syntax */
	const char *choices; /* WC_CFG_ENUM: "a|b|c" */
	long min, max;       /* WC_CFG_INT */
	size_t offset;       /* of the field in struct wc_config */
	const char *doc;     /* one line */
};

/* The sections the file may contain, in the documented order; NULL-terminated. */
extern const char *const wc_config_sections[];
/* The table of known keys, in the documented order. */
const struct wc_config_key *wc_config_keys(size_t *count);

/* Reads and validates the file at path. On success *out is a talloc child of mem. On failure returns
 * WC_EINVAL (cannot read the file) or WC_EFORMAT (bad content) with *errmsg (on mem) such as
 * "/etc/warpcore/warpcore.conf:12: unknown key 'lisen' in section [server]"; WC_ENOMEM when out of memory. */
int wc_config_load(TALLOC_CTX *mem, const char *path, struct wc_config **out, char **errmsg);

/* Same for text in memory; name is used in error messages and base_dir resolves a relative data_dir. */
int wc_config_parse_string(TALLOC_CTX *mem, const char *text, const char *name, const char *base_dir,
                           struct wc_config **out, char **errmsg);

/* A configuration file text documenting every key with its default (commented out) and setting the given
 * keys: settings is a NULL-terminated list of "section.name", "value" pairs. NULL when a setting names an
 * unknown key or its value is invalid. */
char *wc_config_template(TALLOC_CTX *mem, const char *const *settings);

#endif
