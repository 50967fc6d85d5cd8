/* Fuzz the MS-OXCMAPIHTTP response body decoders of all 23 request types: success bodies (2.2.4.x.2,
 * 2.2.5.x.2) and failure bodies (2.2.4.x.3, 2.2.5.x.3), chosen by the StatusCode. */
#include "fuzz_mapihttp_body.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_body(data, size, true);
	return 0;
}
