/* mapitest: the checks a test makes, and the spec vectors it reads. */
#include "mapitest.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_error.h"

static _Noreturn void mt_end(struct mt *t, enum mt_result result, const char *fmt, va_list ap)
{
	vsnprintf(t->msg, sizeof t->msg, fmt, ap);
	t->result = result;
	longjmp(t->end, 1);
}

void mt_fail(struct mt *t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	mt_end(t, MT_FAIL, fmt, ap);
}

void mt_skip(struct mt *t, const char *clause, const char *fmt, ...)
{
	char why[768];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(why, sizeof why, fmt, ap);
	va_end(ap);
	snprintf(t->msg, sizeof t->msg, "%s: %s", clause, why);
	t->result = MT_SKIP;
	longjmp(t->end, 1);
}

void mt_true(struct mt *t, bool cond, const char *fmt, ...)
{
	if (cond)
		return;
	va_list ap;
	va_start(ap, fmt);
	mt_end(t, MT_FAIL, fmt, ap);
}

void mt_eq_u64(struct mt *t, const char *what, uint64_t got, uint64_t want)
{
	if (got != want)
		mt_fail(t, "%s: expected %" PRIu64 " (0x%" PRIX64 "), got %" PRIu64 " (0x%" PRIX64 ")", what,
		        want, want, got, got);
}

void mt_eq_str(struct mt *t, const char *what, const char *got, const char *want)
{
	if (got == NULL || strcmp(got, want) != 0)
		mt_fail(t, "%s: expected \"%s\", got %s%s%s", what, want, got ? "\"" : "", got ? got : "NULL",
		        got ? "\"" : "");
}

void mt_eq_bytes(struct mt *t, const char *what, const void *got, size_t got_len, const void *want,
                 size_t want_len)
{
	const uint8_t *g = got, *w = want;
	size_t n = got_len < want_len ? got_len : want_len;
	for (size_t i = 0; i < n; i++)
		if (g[i] != w[i])
			mt_fail(t, "%s: byte %zu: expected 0x%02X, got 0x%02X", what, i, w[i], g[i]);
	if (got_len != want_len)
		mt_fail(t, "%s: expected %zu bytes, got %zu", what, want_len, got_len);
}

void mt_eq_ec(struct mt *t, const char *what, uint32_t got, uint32_t want)
{
	if (got != want)
		mt_fail(t, "%s: expected %s (0x%08" PRIX32 "), got %s (0x%08" PRIX32 ")", what,
		        mapi_err_name(want), want, mapi_err_name(got), got);
}

void mt_eq_wc(struct mt *t, const char *what, int got, int want)
{
	if (got != want)
		mt_fail(t, "%s: expected %s, got %s", what, want == 0 ? "success" : wc_strerror(want),
		        got == 0 ? "success" : wc_strerror(got));
}

static int hex_digit(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = tolower(c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

uint8_t *mt_hex(struct mt *t, const char *hex, size_t *len)
{
	uint8_t *out = talloc_array(t->mem, uint8_t, strlen(hex) / 2 + 1);
	size_t n = 0;
	int hi = -1;
	for (const char *p = hex; *p != '\0'; p++) {
		if (isspace((unsigned char)*p))
			continue;
		int v = hex_digit((unsigned char)*p);
		if (v < 0)
			mt_fail(t, "bad hex digit '%c' in a test literal", *p);
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0)
		mt_fail(t, "odd number of hex digits in a test literal");
	*len = n;
	return out;
}

uint8_t *mt_vector(struct mt *t, const char *file, const char *name, size_t *len)
{
	char *path = talloc_asprintf(t->mem, "%s/%s", t->opt->vectors, file);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		mt_fail(t, "cannot open spec vector %s (--vectors DIR)", path);
	char *hex = talloc_strdup(t->mem, "");
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
		mt_fail(t, "spec vector %s has no blob @%s", path, name);
	return mt_hex(t, hex, len);
}
