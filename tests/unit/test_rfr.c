/* src/server/rfr/rfr.c: MS-OXABREF 3.1.4 RfrGetNewDSA and RfrGetFQDNFromServerDN over a temporary directory.
 */
#include "testutil.h"
#include "common/mapi_errors.h"
#include "server/rfr/rfr.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ORG_DN "/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"

struct fixture {
	char *dir;
	struct dir_handle *h;
	char *server_dn; /* alice's server, as Autodiscover announces it */
};

static int setup(void **state)
{
	struct fixture *f = talloc_zero(NULL, struct fixture);
	f->dir = talloc_strdup(f, "/tmp/wc_rfr_XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	char *path = talloc_asprintf(f, "%s/directory.db", f->dir);
	assert_int_equal(dir_open(f, path, DIR_OPEN_CREATE, 5000, &f->h, NULL), DIR_OK);
	assert_int_equal(dir_org_create(f->h, "Example Org", "example.com"), DIR_OK);
	struct dir_user_spec spec = {.alias = "alice"};
	assert_int_equal(dir_user_add(f->h, &spec, NULL), DIR_OK);
	struct dir_entry *e;
	assert_int_equal(dir_lookup_alias(f->h, f, "alice", &e), DIR_OK);
	char g[39];
	wc_guid_to_string(&e->mailbox_guid, g);
	g[37] = '\0';
	f->server_dn = talloc_asprintf(f, ORG_DN "/cn=Configuration/cn=Servers/cn=%s@example.com", g + 1);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;
	char *cmd = talloc_asprintf(f, "rm -rf '%s'", f->dir);
	talloc_free(f->h);
	assert_int_equal(system(cmd), 0);
	talloc_free(f);
	return 0;
}

static const struct rfr_config cfg = {"mail.example.com"};

static void test_get_new_dsa(void **state)
{
	struct fixture *f = *state;
	char *server = NULL;
	assert_int_equal(rfr_get_new_dsa(f->h, &cfg, f, 0, NULL, &server), ecSuccess);
	assert_string_equal(server, "mail.example.com");
	assert_int_equal(rfr_get_new_dsa(f->h, &cfg, f, 0x55, ORG_DN "/cn=Recipients/cn=alice", &server),
	                 ecSuccess);
	assert_string_equal(server, "mail.example.com");
	assert_int_equal(rfr_get_new_dsa(f->h, &cfg, f, 0, ORG_DN "/cn=Recipients/cn=bob", &server),
	                 ecNotFound);
}

static void test_fqdn_from_server_dn(void **state)
{
	struct fixture *f = *state;
	char *fqdn = NULL;
	const char *dn = f->server_dn;
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, dn, strlen(dn) + 1, &fqdn), ecSuccess);
	assert_string_equal(fqdn, "mail.example.com");
	/* the database DN, and any case of the fixed parts */
	char *mdb = talloc_asprintf(f, "%s/cn=Microsoft Private MDB", dn);
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, mdb, strlen(mdb) + 1, &fqdn),
	                 ecSuccess);
	char *upper = talloc_strdup(f, dn);
	memcpy(strstr(upper, "/cn=Configuration"), "/CN=CONFIGURATION/CN=SERVERS/CN=", 32);
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, upper, strlen(upper) + 1, &fqdn),
	                 ecSuccess);
	/* another mailbox GUID, another organisation, a wrong length (cbMailboxServerDN 10..1024 with NUL) */
	char *other = talloc_strdup(f, dn);
	char *g = strstr(other, "cn=Servers/cn=") + 14;
	g[0] = g[0] == '0' ? '1' : '0';
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, other, strlen(other) + 1, &fqdn),
	                 ecNotFound);
	const char *foreign = "/o=Other/ou=x/cn=Configuration/cn=Servers/cn=srv";
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, foreign, strlen(foreign) + 1, &fqdn),
	                 ecNotFound);
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, dn, strlen(dn), &fqdn),
	                 ecInvalidParam);
	assert_int_equal(rfr_get_fqdn_from_server_dn(f->h, &cfg, f, 0, "/o=a", 5, &fqdn), ecInvalidParam);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_get_new_dsa, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_fqdn_from_server_dn, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
