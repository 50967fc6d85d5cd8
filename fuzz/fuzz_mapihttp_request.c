/* Fuzz the MS-OXCMAPIHTTP request body decoders (2.2.4.x.1, 2.2.5.x.1) of all 23 request types. */
#include "fuzz_mapihttp_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_body(data, size, false);
	return 0;
}
