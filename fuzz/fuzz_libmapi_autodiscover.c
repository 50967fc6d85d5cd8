/* Fuzz libmapi's Autodiscover response parser (MS-OXDSCLI 2.2.4): any bytes parse or give ecRpcFormat; a
 * parsed response keeps only strings it owns (each is read to its end here), and parsing is deterministic. */
#include "libmapi/autodiscover.h"

#include <libxml/parser.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	xmlInitParser();
	return 0;
}

static size_t touch(const char *s)
{
	return s != NULL ? strlen(s) : 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_autodiscover_result *a = NULL, *b = NULL;
	uint32_t ec = mapi_autodiscover_parse(mem, (const char *)data, size, &a);
	if (ec == ecSuccess) {
		size_t n = touch(a->display_name) + touch(a->legacy_dn) + touch(a->smtp) +
		           touch(a->mailstore_url) + touch(a->addressbook_url) + touch(a->redirect_addr) +
		           touch(a->redirect_url) + touch(a->error_message);
		if (mapi_autodiscover_parse(mem, (const char *)data, size, &b) != ecSuccess ||
		    n != touch(b->display_name) + touch(b->legacy_dn) + touch(b->smtp) +
		                    touch(b->mailstore_url) + touch(b->addressbook_url) +
		                    touch(b->redirect_addr) + touch(b->redirect_url) +
		                    touch(b->error_message) ||
		    a->error_code != b->error_code)
			abort();
	} else if (ec != ecRpcFormat && ec != ecNotEnoughMemory) {
		abort();
	}
	talloc_free(mem);
	return 0;
}
