/* mapitest — conformance tests of a MAPI server against the Microsoft Open Specifications.
 *
 *   mapitest [--url URL --user U [--password-file F] [--email E | --user-dn DN] [--insecure]]
 *            [--suite S]... [--list] [--tap] [--vectors DIR]
 *
 * Runs every test of the chosen suites (all of them by default; NOSERVER only when no --url is given) and
 * prints one line per test, then "N passed, N failed, N skipped". --tap prints TAP instead. Exit status 0
 * when nothing failed, 1 when a test failed, 2 on a usage error. */
#include "mapitest.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mapi/mapi_version.h"
#include "mt_server.h"

#ifndef MT_VECTORS_DIR
#define MT_VECTORS_DIR "/usr/share/warpcore/vectors"
#endif
#ifndef MT_SOURCE_VECTORS_DIR
#define MT_SOURCE_VECTORS_DIR "tests/vectors"
#endif

static const struct mt_test_list *const all_lists[] = {
        &mt_suite_oxcstor, &mt_suite_oxcfold, &mt_suite_oxcmsg,  &mt_suite_oxctabl, &mt_suite_oxcprpt,
        &mt_suite_oxomsg,  &mt_suite_nspi,    &mt_noserver_rops, &mt_noserver_data,
};
#define N_LISTS (sizeof all_lists / sizeof all_lists[0])

static void usage(FILE *f)
{
	fputs("usage: mapitest [--url URL --user USER [--password-file FILE] [--email ADDR | --user-dn DN]\n"
	      "                [--insecure]]\n"
	      "                [--suite SUITE]... [--list] [--tap] [--vectors DIR]\n"
	      "Runs the conformance suites (OXCSTOR OXCFOLD OXCMSG OXCTABL OXCPRPT OXOMSG OXCNOTIF NSPI\n"
	      "NOSERVER) and prints \"N passed, N failed, N skipped\". Without --url only NOSERVER runs.\n",
	      f);
}

static bool suite_is_noserver(const char *suite)
{
	return strcmp(suite, "NOSERVER") == 0;
}

static bool suite_known(const char *suite)
{
	for (size_t l = 0; l < N_LISTS; l++)
		for (size_t i = 0; i < all_lists[l]->count; i++)
			if (strcasecmp(all_lists[l]->tests[i].suite, suite) == 0)
				return true;
	return false;
}

static bool selected(const struct mt_test *test, char **suites, int nsuites, bool have_server)
{
	if (nsuites == 0)
		return have_server || suite_is_noserver(test->suite);
	for (int i = 0; i < nsuites; i++)
		if (strcasecmp(suites[i], test->suite) == 0)
			return true;
	return false;
}

static char *read_password(TALLOC_CTX *mem, const char *file)
{
	FILE *f = fopen(file, "r");
	if (f == NULL)
		return NULL;
	char line[1024];
	char *pw = NULL;
	if (fgets(line, sizeof line, f) != NULL) {
		line[strcspn(line, "\r\n")] = '\0';
		pw = talloc_strdup(mem, line);
	}
	fclose(f);
	return pw != NULL ? pw : talloc_strdup(mem, "");
}

static const char *vectors_dir(const char *given)
{
	if (given != NULL)
		return given;
	const char *env = getenv("WC_VECTORS");
	if (env != NULL)
		return env;
	if (access(MT_SOURCE_VECTORS_DIR, R_OK) == 0)
		return MT_SOURCE_VECTORS_DIR;
	return MT_VECTORS_DIR;
}

static enum mt_result run_one(struct mt_run *run, const struct mt_test *test, char *msg, size_t msg_len)
{
	struct mt t = {.test = test, .opt = run->opt, .run = run, .result = MT_PASS};
	t.mem = talloc_new(run->mem);
	if (setjmp(t.end) == 0)
		test->fn(&t);
	snprintf(msg, msg_len, "%s", t.result == MT_PASS ? "" : t.msg);
	talloc_free(t.mem);
	return t.result;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"url", required_argument, NULL, 'u'},
	        {"user", required_argument, NULL, 'U'},
	        {"password-file", required_argument, NULL, 'p'},
	        {"insecure", no_argument, NULL, 'k'},
	        {"suite", required_argument, NULL, 's'},
	        {"list", no_argument, NULL, 'l'},
	        {"tap", no_argument, NULL, 't'},
	        {"vectors", required_argument, NULL, 'v'},
	        {"email", required_argument, NULL, 'e'},
	        {"user-dn", required_argument, NULL, 'd'},
	        {"help", no_argument, NULL, 'h'},
	        {"version", no_argument, NULL, 'V'},
	        {NULL, 0, NULL, 0},
	};
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mt_options opt = {0};
	const char *password_file = NULL, *vectors = NULL;
	char **suites = talloc_array(mem, char *, argc);
	int nsuites = 0, c;
	bool list = false, tap = false;
	while ((c = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		switch (c) {
		case 'u':
			opt.url = optarg;
			break;
		case 'U':
			opt.user = optarg;
			break;
		case 'p':
			password_file = optarg;
			break;
		case 'k':
			opt.insecure = true;
			break;
		case 's':
			suites[nsuites++] = optarg;
			break;
		case 'l':
			list = true;
			break;
		case 't':
			tap = true;
			break;
		case 'v':
			vectors = optarg;
			break;
		case 'e':
			opt.email = optarg;
			break;
		case 'd':
			opt.user_dn = optarg;
			break;
		case 'h':
			usage(stdout);
			return 0;
		case 'V':
			printf("mapitest %s\n", WC_VERSION);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		usage(stderr);
		return 2;
	}
	for (int i = 0; i < nsuites; i++) {
		if (!suite_known(suites[i])) {
			fprintf(stderr, "mapitest: no suite %s (--list shows them)\n", suites[i]);
			return 2;
		}
		if (!list && opt.url == NULL && !suite_is_noserver(suites[i])) {
			fprintf(stderr, "mapitest: suite %s needs a server: give --url and --user\n",
			        suites[i]);
			return 2;
		}
	}
	if (!list && opt.url != NULL && opt.user == NULL) {
		fprintf(stderr, "mapitest: --url needs --user\n");
		return 2;
	}
	if (password_file != NULL && (opt.password = read_password(mem, password_file)) == NULL) {
		fprintf(stderr, "mapitest: cannot read %s\n", password_file);
		return 2;
	}
	opt.vectors = vectors_dir(vectors);
	if (opt.email == NULL && opt.user != NULL && strchr(opt.user, '@') != NULL)
		opt.email = opt.user;
	if (!list && opt.url != NULL && opt.user_dn == NULL && opt.email == NULL) {
		fprintf(stderr,
		        "mapitest: give --user-dn, or --email (or a --user with @) for Autodiscover\n");
		return 2;
	}

	size_t total = 0;
	for (size_t l = 0; l < N_LISTS; l++)
		for (size_t i = 0; i < all_lists[l]->count; i++)
			total += selected(&all_lists[l]->tests[i], suites, nsuites, list || opt.url != NULL);
	if (list) {
		for (size_t l = 0; l < N_LISTS; l++)
			for (size_t i = 0; i < all_lists[l]->count; i++) {
				const struct mt_test *test = &all_lists[l]->tests[i];
				if (selected(test, suites, nsuites, true))
					printf("%-9s %-44s %s\n", test->suite, test->name, test->clause);
			}
		printf("%zu tests\n", total);
		talloc_free(mem);
		return 0;
	}

	struct mt_run run = {.mem = mem, .opt = &opt};
	size_t n = 0, passed = 0, failed = 0, skipped = 0;
	char msg[1024];
	if (tap)
		printf("1..%zu\n", total);
	for (size_t l = 0; l < N_LISTS; l++) {
		for (size_t i = 0; i < all_lists[l]->count; i++) {
			const struct mt_test *test = &all_lists[l]->tests[i];
			if (!selected(test, suites, nsuites, opt.url != NULL))
				continue;
			enum mt_result r = run_one(&run, test, msg, sizeof msg);
			n++;
			passed += r == MT_PASS;
			failed += r == MT_FAIL;
			skipped += r == MT_SKIP;
			if (tap)
				printf("%s %zu - %s %s [%s]%s%s\n", r == MT_FAIL ? "not ok" : "ok", n,
				       test->suite, test->name, test->clause,
				       r == MT_SKIP   ? " # SKIP "
				       : r == MT_FAIL ? " # "
				                      : "",
				       msg);
			else
				printf("%s %s.%s [%s]%s%s\n",
				       r == MT_PASS   ? "PASS"
				       : r == MT_FAIL ? "FAIL"
				                      : "SKIP",
				       test->suite, test->name, test->clause, r == MT_PASS ? "" : ": ", msg);
			fflush(stdout);
		}
	}
	mt_server_close(&run);
	printf("%s%zu passed, %zu failed, %zu skipped\n", tap ? "# " : "", passed, failed, skipped);
	talloc_free(mem);
	return failed == 0 ? 0 : 1;
}
