/* mapicli: a command-line MAPI client on libmapi (docs/man/mapicli.1). One file per group of commands:
 * mapicli.c (options, connection, dispatch, errors), cli_out.c (text and JSON output, property values and
 * names, MESSAGE-IDs), cli_folder.c (folder paths, folders/mkdir/rmdir/mv/cp/rm), cli_message.c (whoami,
 * ls, show, props, send), cli_mime.c (export-mbox, import-eml with GMime). */
#ifndef MAPICLI_H
#define MAPICLI_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "libmapi/libmapi.h"

/* Exit codes (documented in docs/man/mapicli.1, EXIT STATUS). */
enum cli_exit {
	EXIT_OK = 0,
	EXIT_MAPI = 1,     /* the server refused the operation (a MAPI error code) */
	EXIT_USAGE = 2,    /* bad command line */
	EXIT_CONNECT = 3,  /* could not connect or log on (network, TLS, authentication) */
	EXIT_NOTFOUND = 4, /* the named folder or message does not exist */
	EXIT_LOCAL = 5,    /* a local file could not be read or written, or is not valid MIME */
};

struct cli {
	TALLOC_CTX *mem;
	struct mapi_session_opts opts;
	bool json;
	bool progress; /* progress bars on stderr (a TTY, not --json) */
	const char *command;
	struct mapi_session *session;
	struct mapi_object *store;
};

/* One command: its handler gets argv[0] = the command name. */
struct cli_command {
	const char *name;
	int (*run)(struct cli *c, int argc, char **argv);
	const char *usage;   /* arguments after the name */
	const char *summary; /* one line */
	const char *help;    /* options and details, may be "" */
};
extern const struct cli_command cli_commands[];

/* mapicli.c */
int cli_connect(struct cli *c); /* EXIT_OK or EXIT_CONNECT (message printed) */
/* Prints "mapicli: COMMAND: what: ecName (0x...): meaning" (and the wire detail when there is one) to stderr,
 * an {"error": ...} object on stdout under --json, and returns the exit code for ec. */
int cli_fail(struct cli *c, uint32_t ec, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A usage or local error: message to stderr, returns code. */
int cli_error(struct cli *c, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* The current command's usage on stderr; returns EXIT_USAGE. */
int cli_usage(struct cli *c);

/* cli_out.c: a streaming JSON writer on stdout */
struct jw {
	int depth;
	bool first[32];
	bool after_key;
};
void jw_open(struct jw *j, char kind); /* '{' or '[' */
void jw_close(struct jw *j, char kind);
void jw_key(struct jw *j, const char *key);
void jw_str(struct jw *j, const char *s); /* NULL: null */
void jw_u64(struct jw *j, uint64_t v);
void jw_i64(struct jw *j, int64_t v);
void jw_bool(struct jw *j, bool v);
void jw_hex(struct jw *j, const uint8_t *data, size_t len);
void jw_end(struct jw *j); /* newline after the top-level value */
void json_string(FILE *f, const char *s);
/* Property values: the JSON value, and a one-line text form on mem (binary in hex, times in ISO 8601 UTC,
 * long strings shortened to max characters when max > 0). */
void jw_value(struct jw *j, const struct mapi_propval *pv);
char *cli_value_text(TALLOC_CTX *mem, const struct mapi_propval *pv, size_t max);
/* A property tag from a name ("PidTagSubject", "Subject") or hex ("0x0037001F"); false when unknown. */
bool cli_parse_tag(const char *s, uint32_t *tag);
/* The short column name of a tag ("Subject"), or its hex. */
const char *cli_tag_short(TALLOC_CTX *mem, uint32_t tag);
/* Characters (code points) of a UTF-8 string, for column widths. */
size_t cli_text_width(const char *s);
/* ISO 8601 UTC of a FILETIME, "YYYY-MM-DDTHH:MM:SSZ" (a fraction only when there is one) */
void cli_time(uint64_t filetime, char out[40]);
/* MESSAGE-ID "FOLDER:MID" (MID: 1 to 16 hex digits; ls prints 16); the folder is what precedes the last
 * colon. false when not of that form. */
bool cli_parse_message_id(TALLOC_CTX *mem, const char *s, char **folder, uint64_t *mid);
char *cli_message_id(TALLOC_CTX *mem, const char *folder, uint64_t mid);
/* A progress bar on stderr when c->progress: done of total, label; done == total ends the line. */
void cli_progress(const struct cli *c, size_t done, size_t total, const char *label);

/* cli_folder.c */
/* A folder path: "Inbox/Sub" from the IPM subtree (Top of Information Store), "/Top of Information
 * Store/Inbox" from the mailbox root, "/" the root itself, "" or "." the IPM subtree. Names compare
 * case-insensitively. */
uint32_t cli_resolve_folder(struct cli *c, const char *path, uint64_t *fid);
uint32_t cli_open_path(struct cli *c, const char *path, TALLOC_CTX *mem, struct mapi_object **folder);
int cli_folders(struct cli *c, int argc, char **argv);
int cli_mkdir(struct cli *c, int argc, char **argv);
int cli_rmdir(struct cli *c, int argc, char **argv);
int cli_mv(struct cli *c, int argc, char **argv);
int cli_cp(struct cli *c, int argc, char **argv);
int cli_rm(struct cli *c, int argc, char **argv);

/* cli_message.c */
int cli_whoami(struct cli *c, int argc, char **argv);
int cli_ls(struct cli *c, int argc, char **argv);
int cli_show(struct cli *c, int argc, char **argv);
int cli_props(struct cli *c, int argc, char **argv);
int cli_send(struct cli *c, int argc, char **argv);
/* reads a whole file ("-": stdin) on mem; NULL with errno set on failure */
uint8_t *cli_read_file(TALLOC_CTX *mem, const char *path, size_t *len);

/* cli_mime.c */
int cli_export_mbox(struct cli *c, int argc, char **argv);
int cli_import_eml(struct cli *c, int argc, char **argv);

#endif
