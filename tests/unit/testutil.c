#include "testutil.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int hexdigit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

static uint8_t *hex_range(TALLOC_CTX *mem, const char *p, const char *end, size_t *len)
{
	uint8_t *out = talloc_array(mem, uint8_t, (size_t)(end - p) / 2 + 1);
	size_t n = 0;
	int hi = -1;
	for (; p < end; p++) {
		if (isspace((unsigned char)*p))
			continue;
		int v = hexdigit((unsigned char)*p);
		if (v < 0)
			fail_msg("bad hex digit '%c'", *p);
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0)
		fail_msg("odd number of hex digits");
	*len = n;
	return out;
}

uint8_t *tu_hex(TALLOC_CTX *mem, const char *hex, size_t *len)
{
	return hex_range(mem, hex, hex + strlen(hex), len);
}

uint8_t *tu_vector(TALLOC_CTX *mem, const char *file, const char *name, size_t *len)
{
	const char *dir = getenv("WC_VECTORS");
	char path[1024];
	snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/vectors", file);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open vector %s", path);
	char *hex = talloc_strdup(mem, "");
	char line[4096];
	bool in_blob = name == NULL, found = name == NULL;
	while (fgets(line, sizeof line, f) != NULL) {
		if (line[0] == '#')
			continue;
		if (line[0] == '@') {
			line[strcspn(line, "\r\n")] = '\0';
			in_blob = name != NULL && strcmp(line + 1, name) == 0;
			found = found || in_blob;
			continue;
		}
		if (in_blob)
			hex = talloc_strdup_append(hex, line);
	}
	fclose(f);
	if (!found)
		fail_msg("vector %s has no blob @%s", path, name);
	return hex_range(mem, hex, hex + strlen(hex), len);
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
