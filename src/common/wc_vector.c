/* warpcore common: hex text and spec vector files (wc_vector.h). */
#include "common/wc_vector.h"

#include <ctype.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "common/wc_error.h"

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int wc_hex_parse(TALLOC_CTX *mem, const char *hex, size_t n, uint8_t **out, size_t *len)
{
	uint8_t *b = talloc_array(mem, uint8_t, n / 2 + 1);
	if (b == NULL)
		return WC_ENOMEM;
	size_t k = 0;
	int hi = -1;
	for (size_t i = 0; i < n; i++) {
		if (isspace((unsigned char)hex[i]))
			continue;
		int v = hex_digit((unsigned char)hex[i]);
		if (v < 0) {
			talloc_free(b);
			return WC_EFORMAT;
		}
		if (hi < 0) {
			hi = v;
		} else {
			b[k++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) { /* an odd number of digits */
		talloc_free(b);
		return WC_EFORMAT;
	}
	*out = b;
	*len = k;
	return 0;
}

int wc_vector_parse(TALLOC_CTX *mem, const char *text, const char *name, uint8_t **out, size_t *len)
{
	char *hex = talloc_strdup(mem, "");
	bool in_blob = name == NULL, found = name == NULL;
	for (const char *line = text; hex != NULL && *line != '\0';) {
		size_t n = strcspn(line, "\n");
		if (line[0] == '@') {
			size_t m = strcspn(line + 1, "\r\n");
			in_blob = name != NULL && strlen(name) == m && strncmp(line + 1, name, m) == 0;
			found = found || in_blob;
		} else if (line[0] != '#' && in_blob) {
			hex = talloc_strndup_append(hex, line, n);
		}
		line += n + (line[n] == '\n');
	}
	if (hex == NULL)
		return WC_ENOMEM;
	int ret = found ? wc_hex_parse(mem, hex, strlen(hex), out, len) : WC_EINVAL;
	talloc_free(hex);
	return ret;
}

char *wc_vector_read(TALLOC_CTX *mem, const char *path)
{
	FILE *f = fopen(path, "r");
	if (f == NULL)
		return NULL;
	char *text = talloc_strdup(mem, "");
	char buf[4096];
	size_t n;
	while (text != NULL && (n = fread(buf, 1, sizeof buf, f)) > 0)
		text = talloc_strndup_append(text, buf, n);
	if (ferror(f))
		TALLOC_FREE(text);
	fclose(f);
	return text;
}
