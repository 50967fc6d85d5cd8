#include "testutil.h"

#include "common/wc_error.h"
#include "common/wc_vector.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

uint8_t *tu_hex(TALLOC_CTX *mem, const char *hex, size_t *len)
{
	uint8_t *out;
	if (wc_hex_parse(mem, hex, strlen(hex), &out, len) != 0)
		fail_msg("bad hex literal \"%s\"", hex);
	return out;
}

uint8_t *tu_vector(TALLOC_CTX *mem, const char *file, const char *name, size_t *len)
{
	const char *dir = getenv("WC_VECTORS");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/vectors", file);
	char *text = wc_vector_read(mem, path);
	if (text == NULL)
		fail_msg("cannot open vector %s", path);
	uint8_t *out;
	int ret = wc_vector_parse(mem, text, name, &out, len);
	if (ret != 0)
		fail_msg("vector %s: %s", path, ret == WC_EINVAL ? "no such blob" : wc_strerror(ret));
	return out;
}

void tu_assert_bytes(const void *got, size_t got_len, const void *want, size_t want_len)
{
	const uint8_t *g = got, *w = want;
	size_t n = got_len < want_len ? got_len : want_len;
	for (size_t i = 0; i < n; i++)
		if (g[i] != w[i])
			fail_msg("bytes differ at offset %zu: got 0x%02X, want 0x%02X", i, g[i], w[i]);
	if (got_len != want_len)
		fail_msg("length differs: got %zu, want %zu", got_len, want_len);
}

int tu_mem_setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL;
}

int tu_mem_teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

struct wc_guid tu_guid(const char *s)
{
	struct wc_guid g;
	if (!wc_guid_from_string(s, &g))
		fail_msg("bad GUID %s", s);
	return g;
}
