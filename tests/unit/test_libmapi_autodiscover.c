/* src/client/autodiscover.c: the MS-OXDSCLI request (2.2.3) and the response parser (2.2.4) against the
 * spec's examples (tests/vectors/MS-OXDSCLI-4.4-mapihttp-response.xml, -4.2-redirect-response.xml), an
 * Error response built from the 2.2.4.1.1.3 field list, and input that is not an Autodiscover response. */
#include "testutil.h"
#include "client/libmapi_private.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *load(TALLOC_CTX *mem, const char *name, size_t *len)
{
	const char *dir = getenv("WC_VECTORS");
	assert_non_null(dir);
	char *path = talloc_asprintf(mem, "%s/%s", dir, name);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	char *buf = talloc_size(mem, 65536);
	*len = fread(buf, 1, 65535, f);
	buf[*len] = '\0';
	fclose(f);
	return buf;
}

/* MS-OXDSCLI 4.4: the user and the mapiHttp MailStore and AddressBook URLs (InternalUrl only there) */
static void test_mapihttp_response_example(void **state)
{
	size_t len;
	char *xml = load(*state, "MS-OXDSCLI-4.4-mapihttp-response.xml", &len);
	struct mapi_autodiscover_result *r;
	assert_int_equal(mapi_autodiscover_parse(*state, xml, len, &r), ecSuccess);
	assert_string_equal(r->display_name, "User Display Name");
	assert_string_equal(r->legacy_dn, "/o=microsoft/ou=Contoso/cn=Recipients/cn=486021");
	assert_string_equal(r->smtp, "user@Contoso.com");
	assert_string_equal(r->mailstore_url, "https://mail.Contoso.com/mapi/emsmdb/"
	                                      "?MailboxId=416c6368-656d-794a-6f45-57615272456e@Contoso.com");
	assert_string_equal(r->addressbook_url,
	                    "https://mail.Contoso.com/mapi/nspi/"
	                    "?MailboxId=416c6368-656d-794a-6f45-57615272456e@Contoso.com");
	assert_null(r->redirect_addr);
	assert_null(r->redirect_url);
	assert_int_equal(r->error_code, 0);
}

/* MS-OXDSCLI 4.2: Action redirectAddr */
static void test_redirect_response_example(void **state)
{
	size_t len;
	char *xml = load(*state, "MS-OXDSCLI-4.2-redirect-response.xml", &len);
	struct mapi_autodiscover_result *r;
	assert_int_equal(mapi_autodiscover_parse(*state, xml, len, &r), ecSuccess);
	assert_string_equal(r->redirect_addr, "user@subdomain.contoso.com");
	assert_null(r->mailstore_url);
	assert_null(r->legacy_dn);
}

/* 2.2.4.1.1.3 Error: Time and Id attributes, ErrorCode, Message, DebugData (in the generic response
 * namespace, as a server answers when it cannot promise the Outlook schema) */
static void test_error_response(void **state)
{
	static const char xml[] =
	        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
	        "<Autodiscover "
	        "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
	        "<Response><Error Time=\"16:42:44.2727651\" Id=\"2477273736\"><ErrorCode>500</ErrorCode>"
	        "<Message>The email address can't be found.</Message><DebugData /></Error></Response>"
	        "</Autodiscover>";
	struct mapi_autodiscover_result *r;
	assert_int_equal(mapi_autodiscover_parse(*state, xml, sizeof xml - 1, &r), ecSuccess);
	assert_int_equal(r->error_code, 500);
	assert_string_equal(r->error_message, "The email address can't be found.");
	assert_null(r->mailstore_url);
}

/* ExternalUrl wins over InternalUrl; a Protocol of another type is ignored */
static void test_external_url_preferred(void **state)
{
	static const char xml[] =
	        "<Autodiscover "
	        "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\">"
	        "<Response "
	        "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a\">"
	        "<Account><Action>settings</Action>"
	        "<Protocol><Type>EXCH</Type><Server>x@example.org</Server></Protocol>"
	        "<Protocol Type=\"mapiHttp\" "
	        "Version=\"1\"><MailStore><InternalUrl>https://in/mapi/emsmdb/</InternalUrl>"
	        "<ExternalUrl> https://out/mapi/emsmdb/ </ExternalUrl></MailStore></Protocol>"
	        "</Account></Response></Autodiscover>";
	struct mapi_autodiscover_result *r;
	assert_int_equal(mapi_autodiscover_parse(*state, xml, sizeof xml - 1, &r), ecSuccess);
	assert_string_equal(r->mailstore_url, "https://out/mapi/emsmdb/");
	assert_null(r->addressbook_url);
}

static void test_not_an_autodiscover_response(void **state)
{
	struct mapi_autodiscover_result *r = NULL;
	static const char *bad[] = {
	        "",
	        "not xml at all",
	        "<html><body>404</body></html>",
	        "<Autodiscover><Response/></Autodiscover>", /* no namespace */
	        "<Autodiscover "
	        "xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006\"/>",
	        "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(mapi_autodiscover_parse(*state, bad[i], strlen(bad[i]), &r), ecRpcFormat);
	assert_null(r);
}

/* 2.2.3: the request names the address (escaped) and the Outlook response schema */
static void test_request_body(void **state)
{
	char *x = mapi_autodiscover_request(*state, "a<b>&c@example.org");
	assert_non_null(x);
	assert_non_null(
	        strstr(x, "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/"
	                  "requestschema/2006\">"));
	assert_non_null(strstr(x, "<EMailAddress>a&lt;b&gt;&amp;c@example.org</EMailAddress>"));
	assert_non_null(strstr(x,
	                       "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/"
	                       "outlook/responseschema/2006a</AcceptableResponseSchema>"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_mapihttp_response_example),
	        TU_TEST(test_redirect_response_example),
	        TU_TEST(test_error_response),
	        TU_TEST(test_external_url_preferred),
	        TU_TEST(test_not_an_autodiscover_response),
	        TU_TEST(test_request_body),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
