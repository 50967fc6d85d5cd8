/* src/server/autodiscover/autodiscover.c: POX requests (MS-OXDSCLI 2.2.3, shaped like the 4.x examples) and
 * responses checked against the values of the MS-OXDSCLI 4.4 MapiHttp response example. */
#include "testutil.h"
#include "server/autodiscover/autodiscover.h"

#include <string.h>

#define REQ_HEAD                                                                                             \
	"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"                                                       \
	"<Autodiscover "                                                                                     \
	"xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\">"           \
	"<Request>"
#define REQ_TAIL "</Request></Autodiscover>"
#define SCHEMA_2006A                                                                                         \
	"<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/"              \
	"responseschema/"                                                                                    \
	"2006a</AcceptableResponseSchema>"

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

static int parse(void *mem, const char *xml, struct autodiscover_request *r)
{
	return autodiscover_request_parse(mem, (const uint8_t *)xml, strlen(xml), r);
}

static void test_request_with_email_parses(void **state)
{
	struct autodiscover_request r;
	assert_int_equal(
	        parse(*state,
	              REQ_HEAD "<EMailAddress> user@Contoso.com\n</EMailAddress>" SCHEMA_2006A REQ_TAIL, &r),
	        AUTODISCOVER_OK);
	assert_string_equal(r.email, "user@Contoso.com");
	assert_null(r.legacy_dn);
	assert_string_equal(r.schema, AUTODISCOVER_OUTLOOK_NS);
}

static void test_request_with_legacy_dn_parses(void **state)
{
	struct autodiscover_request r;
	assert_int_equal(
	        parse(*state,
	              REQ_HEAD
	              "<LegacyDN>/o=microsoft/ou=Contoso/cn=Recipients/cn=486021</LegacyDN>" SCHEMA_2006A
	                      REQ_TAIL,
	              &r),
	        AUTODISCOVER_OK);
	assert_null(r.email);
	assert_string_equal(r.legacy_dn, "/o=microsoft/ou=Contoso/cn=Recipients/cn=486021");
}

static void test_bad_requests_give_600_or_601(void **state)
{
	struct autodiscover_request r;
	const char *invalid[] = {
	        "",
	        "not xml",
	        REQ_HEAD "<EMailAddress>a@b.c</EMailAddress>" SCHEMA_2006A, /* not closed */
	        REQ_HEAD SCHEMA_2006A REQ_TAIL,                             /* no address */
	        REQ_HEAD "<EMailAddress>a@b.c</EMailAddress>" REQ_TAIL,     /* no schema */
	        REQ_HEAD
	        "<EMailAddress>a@b.c</EMailAddress><EMailAddress>d@e.f</EMailAddress>" SCHEMA_2006A REQ_TAIL,
	        "<Autodiscover xmlns=\"urn:other\"><Request><EMailAddress>a@b.c</EMailAddress>" SCHEMA_2006A
	                REQ_TAIL,
	        "<Autodiscover><Request><EMailAddress>a@b.c</EMailAddress>" SCHEMA_2006A REQ_TAIL,
	        "<!DOCTYPE Autodiscover [<!ENTITY e \"a@b.c\">]>" REQ_HEAD
	        "<EMailAddress>&e;</EMailAddress>" SCHEMA_2006A REQ_TAIL,
	};
	for (size_t i = 0; i < sizeof invalid / sizeof invalid[0]; i++) {
		assert_int_equal(parse(*state, invalid[i], &r), AUTODISCOVER_E_INVALID_REQUEST);
		assert_null(r.email);
	}
	assert_int_equal(parse(*state,
	                       REQ_HEAD
	                       "<EMailAddress>a@b.c</EMailAddress><AcceptableResponseSchema>http://schemas."
	                       "microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006"
	                       "</AcceptableResponseSchema>" REQ_TAIL,
	                       &r),
	                 AUTODISCOVER_E_SCHEMA);
}

/* The 4.4 example's values go in; its element texts must come out. */
static const struct autodiscover_settings example = {
        .display_name = "User Display Name",
        .legacy_dn = "/o=microsoft/ou=Contoso/cn=Recipients/cn=486021",
        .smtp = "user@Contoso.com",
        .deployment_id = "30c3a927-42aa-5de8-91e3-8e5b4655ed00",
        .mailbox_guid = "416c6368-656d-794a-6f45-57615272456e",
        .domain = "Contoso.com",
        .host = "mail.Contoso.com",
        .org_dn = "/o=microsoft/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)",
        .mapi_http = true,
        .tls = true,
        .ntlm = true,
};

static void test_mapi_http_response_has_the_example_values(void **state)
{
	char *xml = autodiscover_response(*state, &example);
	assert_non_null(xml);
	const char *want[] = {
	        "<Autodiscover "
	        "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">",
	        "<Response "
	        "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">",
	        "<DisplayName>User Display Name</DisplayName>",
	        "<LegacyDN>/o=microsoft/ou=Contoso/cn=Recipients/cn=486021</LegacyDN>",
	        "<AutoDiscoverSMTPAddress>user@Contoso.com</AutoDiscoverSMTPAddress>",
	        "<DeploymentId>30c3a927-42aa-5de8-91e3-8e5b4655ed00</DeploymentId>",
	        "<AccountType>email</AccountType>",
	        "<Action>settings</Action>",
	        "<Protocol Type=\"mapiHttp\" Version=\"1\">",
	        "<InternalUrl>https://mail.Contoso.com/mapi/emsmdb/"
	        "?MailboxId=416c6368-656d-794a-6f45-57615272456e@"
	        "Contoso.com</InternalUrl>",
	        "<InternalUrl>https://mail.Contoso.com/mapi/nspi/"
	        "?MailboxId=416c6368-656d-794a-6f45-57615272456e@"
	        "Contoso.com</InternalUrl>",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(xml, want[i]) == NULL)
			fail_msg("missing %s in\n%s", want[i], xml);
	assert_null(strstr(xml, "<Type>EXCH</Type>"));
}

static void test_exch_response_and_escaping(void **state)
{
	struct autodiscover_settings s = example;
	s.mapi_http = false;
	s.display_name = "A <&> \"B\"";
	s.host = "mail.Contoso.com:8443";
	char *xml = autodiscover_response(*state, &s);
	assert_non_null(xml);
	const char *want[] = {
	        "<DisplayName>A &lt;&amp;&gt; &quot;B&quot;</DisplayName>",
	        "<Type>EXCH</Type>",
	        "<Server>416c6368-656d-794a-6f45-57615272456e@Contoso.com</Server>",
	        "<ServerDN>/o=microsoft/ou=Exchange Administrative Group "
	        "(FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/"
	        "cn=416c6368-656d-794a-6f45-57615272456e@Contoso.com</ServerDN>",
	        "<MdbDN>/o=microsoft/ou=Exchange Administrative Group "
	        "(FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/"
	        "cn=416c6368-656d-794a-6f45-57615272456e@Contoso.com/cn=Microsoft Private MDB</MdbDN>",
	        "<AD>mail.Contoso.com</AD>",
	        "<Type>EXPR</Type>",
	        "<Server>mail.Contoso.com:8443</Server>",
	        "<SSL>On</SSL>",
	        "<AuthPackage>Ntlm</AuthPackage>",
	        "<ServerVersion>73C2845E</ServerVersion>",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		if (strstr(xml, want[i]) == NULL)
			fail_msg("missing %s in\n%s", want[i], xml);
}

static void test_error_responses(void **state)
{
	char *e500 = autodiscover_error_response(*state, AUTODISCOVER_E_NOT_FOUND);
	assert_non_null(strstr(e500, "<ErrorCode>500</ErrorCode>"));
	assert_non_null(strstr(e500, "<Message>The email address can't be found.</Message>"));
	assert_non_null(strstr(e500, AUTODISCOVER_OUTLOOK_NS));
	char *e600 = autodiscover_error_response(*state, AUTODISCOVER_E_INVALID_REQUEST);
	assert_non_null(strstr(e600, "<ErrorCode>600</ErrorCode>"));
	assert_non_null(strstr(e600, "<Message>Invalid Request</Message>"));
	assert_null(strstr(e600, AUTODISCOVER_OUTLOOK_NS));
	char *e601 = autodiscover_error_response(*state, AUTODISCOVER_E_SCHEMA);
	assert_non_null(strstr(e601, "<ErrorCode>601</ErrorCode>"));
	assert_non_null(strstr(e601, "<Error Time=\""));
}

static void test_deployment_id_is_a_stable_name_based_guid(void **state)
{
	char a[37], b[37], c[37];
	autodiscover_deployment_id("/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)", a);
	autodiscover_deployment_id("/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)", b);
	autodiscover_deployment_id("/o=Other/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)", c);
	assert_string_equal(a, b);
	assert_string_not_equal(a, c);
	assert_int_equal(strlen(a), 36);
	assert_int_equal(a[14], '3'); /* version 3 */
	assert_non_null(strchr("89ab", a[19]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_request_with_email_parses, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_request_with_legacy_dn_parses, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_bad_requests_give_600_or_601, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mapi_http_response_has_the_example_values, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_exch_response_and_escaping, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_error_responses, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_deployment_id_is_a_stable_name_based_guid, setup,
	                                        teardown),
	};
	autodiscover_init();
	return cmocka_run_group_tests(tests, NULL, NULL);
}
