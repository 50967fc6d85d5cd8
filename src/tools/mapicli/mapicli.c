/* mapicli: global options, the connection (libmapi session + RopLogon), command dispatch, error reporting
 * and exit codes. */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tools/mapicli/mapicli.h"

const struct cli_command cli_commands[] = {
        {"whoami", cli_whoami, "", "who the session is logged on as, and the mailbox", ""},
        {"folders", cli_folders, "[FOLDER]", "the folder tree below FOLDER (default: the IPM subtree)",
         "  FOLDER   \"/\" lists the whole mailbox from its root\n"},
        {"ls", cli_ls, "FOLDER [--columns LIST] [--limit N]", "the messages of a folder",
         "  --columns LIST  comma-separated property names (PidTagSubject or Subject) or hex tags\n"
         "                  (0x0037001F); default Date,From,Subject,Size\n"
         "  --limit N       at most N messages\n"},
        {"show", cli_show, "MESSAGE-ID", "a message: headers, recipients, attachments and body", ""},
        {"props", cli_props, "OBJECT", "every property of a folder or a message, named where known",
         "  OBJECT   a FOLDER path or a MESSAGE-ID\n"},
        {"send", cli_send, "--to ADDR... [--cc ADDR...] --subject S --body TEXT [--attach FILE]...",
         "compose a message in the Outbox and submit it",
         "  --to, --cc ADDR   recipients (repeat the option or separate with commas)\n"
         "  --body TEXT       the plain-text body; --body-file FILE reads it from FILE (\"-\": stdin)\n"
         "  --attach FILE     attach a file (repeatable)\n"},
        {"mkdir", cli_mkdir, "[-p] FOLDER", "create a folder",
         "  -p, --parents  create missing parents, and succeed if the folder exists\n"},
        {"rmdir", cli_rmdir, "[-r] FOLDER", "delete a folder",
         "  -r, --recursive  delete its messages and subfolders too (else it must be empty)\n"
         "  --hard           hard-delete (no recovery)\n"},
        {"mv", cli_mv, "SOURCE DEST", "move a message into a folder, or move/rename a folder",
         "  SOURCE   a MESSAGE-ID or a FOLDER\n"
         "  DEST     an existing folder (the source goes inside it) or, for a folder, a new path\n"},
        {"cp", cli_cp, "SOURCE DEST", "copy a message into a folder, or a folder with its contents",
         "  SOURCE   a MESSAGE-ID or a FOLDER\n"
         "  DEST     an existing folder (the copy goes inside it) or, for a folder, a new path\n"},
        {"rm", cli_rm, "[--hard] MESSAGE-ID...", "delete messages",
         "  --hard   hard-delete (RopHardDeleteMessages)\n"},
        {"export-mbox", cli_export_mbox, "FOLDER FILE", "write a folder's messages as MIME to an mbox file",
         "  FILE     mboxrd format; \"-\" writes to stdout\n"},
        {"import-eml", cli_import_eml, "FOLDER FILE...", "store RFC 5322 messages (.eml files) in a folder",
         ""},
        {NULL, NULL, NULL, NULL, NULL},
};

static void global_usage(FILE *f)
{
	fprintf(f,
	        "usage: mapicli [--autodiscover ADDR [--autodiscover-url URL] | --url URL --dn DN]\n"
	        "               --user USER [--password-file FILE] [--auth basic|ntlm|any] [--insecure]\n"
	        "               [--json] [--verbose] COMMAND [ARGS]\n"
	        "\n"
	        "  --autodiscover ADDR     find the mailbox by Autodiscover for the e-mail address ADDR\n"
	        "  --autodiscover-url URL  ask this Autodiscover URL instead of those derived from ADDR\n"
	        "  --url URL               the mailbox's MAPI/HTTP URL (https://host/mapi/emsmdb/...)\n"
	        "  --dn DN                 the user's legacyExchangeDN (with --url; else from Autodiscover)\n"
	        "  --user USER             the HTTP user name\n"
	        "  --password-file FILE    the password is the first line of FILE; else $MAPICLI_PASSWORD,\n"
	        "                          else it is asked for on the terminal\n"
	        "  --insecure              do not verify the server's TLS certificate\n"
	        "  --json                  print JSON instead of text\n"
	        "\n"
	        "commands (mapicli COMMAND --help for each):\n");
	for (const struct cli_command *k = cli_commands; k->name; k++)
		fprintf(f, "  %-12s %s\n", k->name, k->summary);
	fprintf(f, "\nFOLDER: \"Inbox/Sub\" (below Top of Information Store) or \"/Top of Information "
	           "Store/Inbox\"\n"
	           "MESSAGE-ID: FOLDER:MID, the MID as 16 hex digits, as ls prints it "
	           "(\"Inbox:0001000000000a2f\")\n"
	           "exit status: 0 ok, 1 MAPI error, 2 usage, 3 connection or logon failed, 4 not found, 5 "
	           "local "
	           "file\n");
}

static void command_help(FILE *f, const struct cli_command *k)
{
	fprintf(f, "usage: mapicli [GLOBAL OPTIONS] %s %s\n\n%s.\n", k->name, k->usage, k->summary);
	if (*k->help)
		fprintf(f, "\n%s", k->help);
}

int cli_usage(struct cli *c)
{
	for (const struct cli_command *k = cli_commands; k->name; k++)
		if (c->command && strcmp(k->name, c->command) == 0)
			command_help(stderr, k);
	return EXIT_USAGE;
}

/* {"error":{"code":..,"name":..,"message":..,"detail":..,"exit":..}} on stdout; code, name and detail only
 * for a MAPI error (ec not NULL). */
static void json_error(int code, const char *msg, const uint32_t *ec, const char *detail)
{
	struct jw j = {0};
	jw_open(&j, '{');
	jw_key(&j, "error");
	jw_open(&j, '{');
	if (ec != NULL) {
		jw_key(&j, "code");
		jw_u64(&j, *ec);
		jw_key(&j, "name");
		jw_str(&j, mapi_err_name(*ec));
	}
	jw_key(&j, "message");
	jw_str(&j, msg);
	if (ec != NULL) {
		jw_key(&j, "detail");
		jw_str(&j, detail);
	}
	jw_key(&j, "exit");
	jw_u64(&j, (uint64_t)code);
	jw_close(&j, '}');
	jw_close(&j, '}');
	jw_end(&j);
}

int cli_error(struct cli *c, int code, const char *fmt, ...)
{
	va_list ap;
	char msg[1024];
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	fprintf(stderr, "mapicli: %s%s%s\n", c->command ? c->command : "", c->command ? ": " : "", msg);
	if (c->json)
		json_error(code, msg, NULL, NULL);
	return code;
}

static int exit_code_of(uint32_t ec)
{
	switch (ec) {
	case ecNotFound:
	case ecObjectDeleted:
		return EXIT_NOTFOUND;
	case ecRpcFailed:
	case ecLoginFailure:
	case ecEndOfSession:
	case ecUnknownUser:
		return EXIT_CONNECT;
	default:
		return EXIT_MAPI;
	}
}

int cli_fail(struct cli *c, uint32_t ec, const char *fmt, ...)
{
	va_list ap;
	char what[512], name[MAPI_ERR_STR_SIZE];
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	const struct mapi_err_info *info = mapi_err_info(ec);
	const char *wire = c->session ? mapi_session_last_error(c->session)->message : "";
	int code = exit_code_of(ec);
	mapi_err_str(ec, name, sizeof name);
	fprintf(stderr, "mapicli: %s: %s: %s%s%s%s%s\n", c->command ? c->command : "connect", what, name,
	        info && info->meaning ? ": " : "", info && info->meaning ? info->meaning : "",
	        *wire ? " — " : "", wire);
	if (c->json)
		json_error(code, what, &ec, wire);
	return code;
}

int cli_connect(struct cli *c)
{
	if (c->store != NULL)
		return EXIT_OK;
	c->session = mapi_session_new(c->mem, &c->opts);
	if (c->session == NULL)
		return cli_error(c, EXIT_CONNECT, "out of memory");
	uint32_t ec = mapi_connect(c->session);
	if (ec != ecSuccess) {
		cli_fail(c, ec, "connecting to %s as %s",
		         c->opts.mailbox_url ? c->opts.mailbox_url : c->opts.email, c->opts.user);
		return EXIT_CONNECT;
	}
	ec = mapi_logon(c->session, c->mem, &c->store);
	if (ec != ecSuccess) {
		cli_fail(c, ec, "logging on to the mailbox of %s", mapi_session_user_dn(c->session));
		return EXIT_CONNECT;
	}
	return EXIT_OK;
}

static char *read_password(struct cli *c, const char *file)
{
	if (file != NULL) {
		size_t len;
		char *text = (char *)cli_read_file(c->mem, file, &len);
		if (text == NULL)
			return NULL;
		text[strcspn(text, "\r\n")] = '\0';
		return text;
	}
	const char *env = getenv("MAPICLI_PASSWORD");
	if (env != NULL)
		return talloc_strdup(c->mem, env);
	if (!isatty(0))
		return NULL;
	char *p = getpass("Password: ");
	return p ? talloc_strdup(c->mem, p) : NULL;
}

enum {
	G_AUTODISCOVER = 1,
	G_AD_URL,
	G_URL,
	G_DN,
	G_USER,
	G_PWFILE,
	G_AUTH,
	G_INSECURE,
	G_JSON,
	G_VERBOSE,
	G_HELP,
	G_VERSION
};

/* Everything but the memory: every return path of main goes through talloc_free. */
static int run(struct cli *cp, int argc, char **argv)
{
	static const struct option opts[] = {
	        {"autodiscover", required_argument, NULL, G_AUTODISCOVER},
	        {"autodiscover-url", required_argument, NULL, G_AD_URL},
	        {"url", required_argument, NULL, G_URL},
	        {"dn", required_argument, NULL, G_DN},
	        {"user", required_argument, NULL, G_USER},
	        {"password-file", required_argument, NULL, G_PWFILE},
	        {"auth", required_argument, NULL, G_AUTH},
	        {"insecure", no_argument, NULL, G_INSECURE},
	        {"json", no_argument, NULL, G_JSON},
	        {"verbose", no_argument, NULL, G_VERBOSE},
	        {"help", no_argument, NULL, G_HELP},
	        {"version", no_argument, NULL, G_VERSION},
	        {NULL, 0, NULL, 0},
	};
	struct cli c = *cp; /* main frees c.mem */
	const char *pwfile = NULL;
	/* the options taking a string, G_AUTODISCOVER .. G_PWFILE in this order */
	const char **target[] = {&c.opts.email,       &c.opts.autodiscover_url,
	                         &c.opts.mailbox_url, &c.opts.user_dn,
	                         &c.opts.user,        &pwfile};
	int o;
	while ((o = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		if (o >= G_AUTODISCOVER && o <= G_PWFILE) {
			*target[o - G_AUTODISCOVER] = optarg;
			continue;
		}
		switch (o) {
		case G_AUTH:
			if (strcmp(optarg, "basic") == 0)
				c.opts.auth = MAPI_AUTH_BASIC;
			else if (strcmp(optarg, "ntlm") == 0)
				c.opts.auth = MAPI_AUTH_NTLM;
			else if (strcmp(optarg, "any") == 0)
				c.opts.auth = MAPI_AUTH_ANY;
			else
				return cli_error(&c, EXIT_USAGE, "--auth: basic, ntlm or any, not \"%s\"",
				                 optarg);
			break;
		case G_INSECURE:
			c.opts.insecure = true;
			break;
		case G_JSON:
			c.json = true;
			break;
		case G_VERBOSE:
			c.opts.verbose = true;
			break;
		case 'h':
		case G_HELP:
			global_usage(stdout);
			return EXIT_OK;
		case G_VERSION:
			printf("mapicli %s\n", WC_VERSION);
			return EXIT_OK;
		default:
			global_usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		global_usage(stderr);
		return EXIT_USAGE;
	}
	c.command = argv[optind];
	const struct cli_command *k = cli_commands;
	while (k->name && strcmp(k->name, c.command) != 0)
		k++;
	if (k->name == NULL) {
		c.command = NULL;
		cli_error(&c, EXIT_USAGE, "unknown command \"%s\" (mapicli --help lists them)", argv[optind]);
		return EXIT_USAGE;
	}
	for (int i = optind + 1; i < argc && strcmp(argv[i], "--") != 0; i++)
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			command_help(stdout, k);
			return EXIT_OK;
		}
	if (c.opts.mailbox_url == NULL && c.opts.email == NULL)
		return cli_error(&c, EXIT_USAGE, "--autodiscover ADDR or --url URL is needed");
	if (c.opts.mailbox_url != NULL && c.opts.user_dn == NULL && c.opts.email == NULL)
		return cli_error(&c, EXIT_USAGE,
		                 "--url needs --dn DN (or --autodiscover ADDR to find the DN)");
	if (c.opts.user == NULL)
		return cli_error(&c, EXIT_USAGE, "--user USER is needed");
	c.opts.password = read_password(&c, pwfile);
	if (c.opts.password == NULL)
		return cli_error(&c, pwfile ? EXIT_LOCAL : EXIT_USAGE, "no password: %s",
		                 pwfile ? strerror(errno) : "give --password-file or set MAPICLI_PASSWORD");
	c.progress = !c.json && isatty(2);
	if (mapi_library_init() != ecSuccess)
		return cli_error(&c, EXIT_CONNECT, "libcurl did not initialise");
	int first = optind;
	optind = 0; /* the command parses its own options (GNU getopt: 0 reinitialises) */
	int rc = k->run(&c, argc - first, argv + first);
	if (c.session != NULL)
		mapi_disconnect(c.session);
	return rc;
}

int main(int argc, char **argv)
{
	struct cli c = {.mem = talloc_new(NULL)};
	if (c.mem == NULL)
		return EXIT_LOCAL;
	int rc = run(&c, argc, argv);
	talloc_free(c.mem);
	return rc;
}
