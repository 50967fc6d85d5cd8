/* libFuzzer target: emsmdb_execute() (MS-OXCRPC 3.1.4.2) on hostile rgbIn, the server's entry point for
 * Execute / EcDoRpcExt2. Input: byte 0 = pulFlags (low 2 bits), bytes 1-2 = MaxRopOut (LE), rest = rgbIn.
 * Checks: no crash or leak, ecSuccess comes with an rgbOut that decodes (MS-OXCRPC 3.1.4.2.1.1) within
 * MaxRopOut, any failure comes with no output, and the session's handle table stays usable. */
#include "common/mapi_errors.h"
#include "fuzz_emsmdb.h"
#include "server/auth/auth.h"
#include "server/emsmdb/emsmdb.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct auth_user u = {.mid = 1, .alias = "fuzz", .display_name = "Fuzz", .legacy_dn = "/o=f/cn=fuzz"};
	struct emsmdb_session *s = emsmdb_session_new(mem, &u, u.legacy_dn, 0);
	struct emsmdb_object *logon = emsmdb_handle_new(s, NULL, EMSMDB_OBJ_LOGON, NULL);
	emsmdb_handle_new(s, logon, EMSMDB_OBJ_FOLDER, NULL); /* handles 1 and 2 exist */
	fuzz_emsmdb_run(s, mem, data, size);
	if (emsmdb_handle_count(s) > 2)
		abort(); /* only RopRelease has a handler: nothing can create objects */
	talloc_free(mem);
	return 0;
}
