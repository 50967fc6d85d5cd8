/* warpd: the warpcore server. One job, like a Postfix program: serve Exchange's protocols over HTTPS
 * (Autodiscover and the MAPI/HTTP mailbox endpoint). docs/man/warpd.8 is its manual.
 *
 * Start-up order: configuration, directory, TLS credentials and the listening socket are all checked while
 * the terminal is still attached, then warpd forks into the background (unless --foreground), starts the
 * worker threads and waits for SIGTERM/SIGINT in the main thread; on either it answers the MAPI/HTTP
 * NotificationWaits in progress (X-ResponseCode 18, endpoint shutting down), stops accepting, lets the
 * requests in progress finish (up to SHUTDOWN_GRACE_MS) and exits 0. */
#include "common/wc_config.h"
#include "common/wc_error.h"
#include "common/wc_log.h"
#include "server/autodiscover/autodiscover.h"
#include "server/dir_pool.h"
#include "server/emsmdb/emsmdb_http.h"
#include "server/nspi/nspi_http.h"
#include "server/http/http.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <libxml/parser.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef WC_SYSCONFDIR
#define WC_SYSCONFDIR "/etc"
#endif
#define DEFAULT_CONFIG WC_SYSCONFDIR "/warpcore/" WC_CONFIG_FILE_NAME
#define SHUTDOWN_GRACE_MS 30000

enum exit_code {
	EXIT_OK = 0,
	EXIT_USAGE = 1,   /* bad command line */
	EXIT_CONFIG = 2,  /* the configuration, the directory or the TLS files are not usable */
	EXIT_RUNTIME = 3, /* cannot listen, fork or start */
};

struct args {
	const char *config;
	const char *listen;
	const char *port_file;
	bool foreground, check, no_tls;
};

static void usage(FILE *f)
{
	fprintf(f,
	        "usage: warpd [--config FILE] [--foreground] [--check] [--listen HOST:PORT] [--no-tls]\n"
	        "             [--port-file FILE]\n"
	        "Serve Autodiscover and MAPI over HTTP (mailbox endpoint) for the warpcore directory.\n\n"
	        "  --config FILE      configuration file (default " DEFAULT_CONFIG ")\n"
	        "  --foreground       stay in the foreground (logs go to standard error)\n"
	        "  --check            check the configuration, the directory and the TLS files, then exit\n"
	        "  --listen HOST:PORT listen here instead of server.listen; port 0 picks a free port\n"
	        "  --no-tls           serve plain HTTP for this run (tls.enabled = off)\n"
	        "  --port-file FILE   write the port actually listened on to FILE\n"
	        "  --help, --version  this text, the version\n\n"
	        "Exit: 0 ok (also after SIGTERM/SIGINT), 1 usage, 2 configuration, 3 cannot start.\n");
}

static int parse_args(int argc, char **argv, struct args *a)
{
	static const struct option opts[] = {
	        {"config", required_argument, NULL, 'c'},
	        {"foreground", no_argument, NULL, 'f'},
	        {"check", no_argument, NULL, 'k'},
	        {"listen", required_argument, NULL, 'l'},
	        {"no-tls", no_argument, NULL, 'n'},
	        {"port-file", required_argument, NULL, 'p'},
	        {"help", no_argument, NULL, 'h'},
	        {"version", no_argument, NULL, 'V'},
	        {NULL, 0, NULL, 0},
	};
	*a = (struct args){.config = DEFAULT_CONFIG};
	int c;
	opterr = 0;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'c':
			a->config = optarg;
			break;
		case 'f':
			a->foreground = true;
			break;
		case 'k':
			a->check = true;
			break;
		case 'l':
			a->listen = optarg;
			break;
		case 'n':
			a->no_tls = true;
			break;
		case 'p':
			a->port_file = optarg;
			break;
		case 'h':
			usage(stdout);
			return -1;
		case 'V':
			printf("warpd %s\n", WC_VERSION);
			return -1;
		default:
			fprintf(stderr, "warpd: unknown or incomplete option '%s'\n", argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind < argc) {
		fprintf(stderr, "warpd: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int write_port_file(const char *path, unsigned port)
{
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	FILE *f = fopen(tmp, "w");
	if (f == NULL || fprintf(f, "%u\n", port) < 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		fprintf(stderr, "warpd: cannot write %s: %s\n", path, strerror(errno));
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

/* Detaches from the terminal: the parent exits once the child runs in a new session. */
static int daemonize(void)
{
	pid_t pid = fork();
	if (pid < 0)
		return EXIT_RUNTIME;
	if (pid > 0)
		_exit(EXIT_OK);
	if (setsid() < 0)
		return EXIT_RUNTIME;
	int fd = open("/dev/null", O_RDWR);
	if (fd >= 0) {
		dup2(fd, STDIN_FILENO);
		dup2(fd, STDOUT_FILENO);
		if (fd > STDERR_FILENO)
			close(fd);
	}
	return chdir("/") == 0 ? EXIT_OK : EXIT_RUNTIME;
}

/* Everything that can be checked before listening; *server is ready for http_server_bind(). */
static int prepare(TALLOC_CTX *mem, const struct args *a, struct http_server **server, struct mapihttp **mapi)
{
	struct wc_config *cfg;
	char *err = NULL;
	if (wc_config_load(mem, a->config, &cfg, &err) != 0) {
		fprintf(stderr, "warpd: %s\n", err ? err : "out of memory");
		return EXIT_CONFIG;
	}
	wc_log_set_level((enum wc_log_level)wc_log_level_from_name(cfg->server.log_level));
	if (!cfg->auth.basic && !cfg->auth.ntlm) {
		fprintf(stderr, "warpd: %s: auth.basic and auth.ntlm are both off: nobody could log in\n",
		        cfg->file);
		return EXIT_CONFIG;
	}
	char host[256] = "";
	if (*cfg->server.hostname)
		snprintf(host, sizeof host, "%s", cfg->server.hostname);
	else if (gethostname(host, sizeof host - 1) != 0 || host[0] == '\0')
		snprintf(host, sizeof host, "localhost");
	struct dir_pool *dirs;
	if (dir_pool_create(mem, cfg->directory.path, cfg->directory.busy_timeout_ms, &dirs, &err) !=
	    DIR_OK) {
		fprintf(stderr, "warpd: %s\n", err ? err : "out of memory");
		return EXIT_CONFIG;
	}
	struct http_options opt = {
	        .listen = a->listen ? a->listen : cfg->server.listen,
	        .tls = cfg->tls.enabled && !a->no_tls,
	        .certificate = cfg->tls.certificate,
	        .key = cfg->tls.key,
	        .threads = (unsigned)cfg->server.threads,
	        .max_request_size = (size_t)cfg->server.max_request_size,
	        .idle_timeout = (unsigned)cfg->server.idle_timeout,
	        .hostname = host,
	        .hostname_configured = *cfg->server.hostname != '\0',
	        .netbios_domain = cfg->auth.netbios_domain,
	        .basic = cfg->auth.basic,
	        .ntlm = cfg->auth.ntlm,
	        .basic_over_plain_http = cfg->auth.basic_over_plain_http,
	};
	if (!opt.tls && opt.basic && !opt.basic_over_plain_http && !opt.ntlm)
		wc_warn("plain HTTP with only Basic enabled and auth.basic_over_plain_http off: nobody can "
		        "log in");
	int rc = http_server_create(mem, &opt, dirs, server, &err);
	if (rc != 0) {
		fprintf(stderr, "warpd: %s\n", rc == WC_EINVAL && err ? err : "out of memory");
		return EXIT_CONFIG;
	}
	/* X-ServerApplication: the version Autodiscover announces (Exchange 2019, 15.2.1118). */
	struct mapihttp_options mopt = {
	        .session_timeout_ms = (unsigned)cfg->server.mapi_session_timeout * 1000u,
	        .pending_period_ms = (unsigned)cfg->server.mapi_pending_period,
	        .wait_timeout_ms = (unsigned)cfg->server.mapi_wait_timeout * 1000u,
	        .server_application = "Exchange/15.02.1118.000",
	};
	/* mailboxes: <store.mailbox_dir>/<mailbox GUID>.db, created on a user's first RopLogon (MS-OXCSTOR
	 * 3.2.5.1.1) when warpadm has not made it */
	struct emsmdb_config ecfg = {.mailbox_dir = cfg->store.mailbox_dir, .dirs = dirs};
	if (!a->check &&
	    ((*mapi = mapihttp_new(mem, &mopt)) == NULL || emsmdb_http_register(*mapi, *server, &ecfg) != 0 ||
	     nspi_http_register(*mapi, *server, cfg->auth.nspi_anonymous) != 0)) {
		fprintf(stderr, "warpd: out of memory\n");
		return EXIT_RUNTIME;
	}
	if (autodiscover_register(*server) != 0) {
		fprintf(stderr, "warpd: out of memory\n");
		return EXIT_RUNTIME;
	}
	return EXIT_OK;
}

static int serve(struct http_server *server, struct mapihttp *mapi, const struct args *a)
{
	char *err = NULL;
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	/* Blocked before any thread exists, so every thread inherits the mask and sigwait() below gets them.
	 */
	pthread_sigmask(SIG_BLOCK, &stop, NULL);
	signal(SIGPIPE, SIG_IGN);
	if (http_server_bind(server, &err) != 0) {
		fprintf(stderr, "warpd: %s\n", err);
		return EXIT_RUNTIME;
	}
	fprintf(stderr, "warpd: listening on %s\n", http_server_address(server));
	if (a->port_file && write_port_file(a->port_file, http_server_port(server)) != EXIT_OK)
		return EXIT_RUNTIME;
	if (!a->foreground && daemonize() != EXIT_OK) {
		fprintf(stderr, "warpd: cannot detach: %s\n", strerror(errno));
		return EXIT_RUNTIME;
	}
	if (mapihttp_start(mapi) != 0 || http_server_start(server, &err) != 0) {
		err = err ? err : "cannot start the MAPI/HTTP timer thread";
		wc_error("%s", err);
		http_server_stop(server, 0);
		return EXIT_RUNTIME;
	}
	wc_info("warpd %s started on %s", WC_VERSION, http_server_address(server));
	int sig = 0;
	while (sigwait(&stop, &sig) != 0)
		;
	wc_info("%s received: finishing requests in progress, then stopping",
	        sig == SIGTERM ? "SIGTERM" : "SIGINT");
	mapihttp_shutdown(mapi, SHUTDOWN_GRACE_MS);
	http_server_stop(server, SHUTDOWN_GRACE_MS);
	wc_info("stopped");
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct args a;
	int rc = parse_args(argc, argv, &a);
	if (rc != EXIT_OK)
		return rc < 0 ? EXIT_OK : rc;
	wc_log_set_ident("warpd");
	autodiscover_init(); /* libxml2, before any thread */
	TALLOC_CTX *mem = talloc_new(NULL);
	struct http_server *server = NULL;
	struct mapihttp *mapi = NULL;
	rc = prepare(mem, &a, &server, &mapi);
	if (rc == EXIT_OK && a.check)
		printf("warpd: %s is valid\n", a.config);
	else if (rc == EXIT_OK)
		rc = serve(server, mapi, &a);
	talloc_free(mem);
	xmlCleanupParser();
	return rc;
}
