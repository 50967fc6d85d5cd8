/* mapitest: the checks a test makes, and the spec vectors it reads. */
#include "mapitest.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_error.h"
#include "common/wc_vector.h"

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

uint8_t *mt_hex(struct mt *t, const char *hex, size_t *len)
{
	uint8_t *out;
	if (wc_hex_parse(t->mem, hex, strlen(hex), &out, len) != 0)
		mt_fail(t, "bad hex literal in the test: \"%s\"", hex);
	return out;
}

uint8_t *mt_vector(struct mt *t, const char *file, const char *name, size_t *len)
{
	char *path = talloc_asprintf(t->mem, "%s/%s", t->opt->vectors, file);
	char *text = wc_vector_read(t->mem, path);
	if (text == NULL)
		mt_fail(t, "cannot open spec vector %s (--vectors DIR)", path);
	uint8_t *out;
	int ret = wc_vector_parse(t->mem, text, name, &out, len);
	if (ret != 0)
		mt_fail(t, "spec vector %s: %s%s", path, ret == WC_EINVAL ? "no blob @" : wc_strerror(ret),
		        ret == WC_EINVAL ? name : "");
	return out;
}
