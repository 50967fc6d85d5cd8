/* Fuzz the UTF-16LE and UTF-8 decoders: anything accepted must round-trip exactly. */
#include "common/wc_unicode.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	char *s = wc_utf16le_to_utf8(mem, data, size);
	if (s != NULL) {
		size_t n;
		uint8_t *back = wc_utf8_to_utf16le(mem, s, strlen(s), &n);
		if (back == NULL || n != size || memcmp(back, data, size) != 0)
			abort();
	}
	if (wc_utf8_valid((const char *)data, size)) {
		size_t n;
		uint8_t *u = wc_utf8_to_utf16le(mem, (const char *)data, size, &n);
		char *back = u ? wc_utf16le_to_utf8(mem, u, n) : NULL;
		if (back == NULL || strlen(back) != size || memcmp(back, data, size) != 0)
			abort();
	}
	talloc_free(mem);
	return 0;
}
