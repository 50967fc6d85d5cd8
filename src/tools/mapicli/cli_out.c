/* mapicli output: a small streaming JSON writer (RFC 8259) on stdout, property values as text and JSON,
 * property names from the generated tables (mapi/mapi_proptags.h), progress bars. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "common/wc_time.h"
#include "tools/mapicli/mapicli.h"

void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p == '\n')
			fputs("\\n", f);
		else if (*p == '\r')
			fputs("\\r", f);
		else if (*p == '\t')
			fputs("\\t", f);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

/* The separator before a value or a key: none after a key or first in its container. */
static void jw_sep(struct jw *j)
{
	if (j->after_key) {
		j->after_key = false;
		return;
	}
	if (j->depth == 0) /* the top-level value */
		return;
	if (!j->first[j->depth])
		fputc(',', stdout);
	j->first[j->depth] = false;
}

void jw_open(struct jw *j, char kind)
{
	jw_sep(j);
	fputc(kind, stdout);
	if (j->depth + 1 < (int)(sizeof j->first / sizeof j->first[0]))
		j->depth++;
	j->first[j->depth] = true;
}

void jw_close(struct jw *j, char kind)
{
	fputc(kind, stdout);
	if (j->depth > 0)
		j->depth--;
}

void jw_key(struct jw *j, const char *key)
{
	jw_sep(j);
	json_string(stdout, key);
	fputc(':', stdout);
	j->after_key = true;
}

void jw_str(struct jw *j, const char *s)
{
	jw_sep(j);
	if (s == NULL)
		fputs("null", stdout);
	else
		json_string(stdout, s);
}

void jw_u64(struct jw *j, uint64_t v)
{
	jw_sep(j);
	printf("%" PRIu64, v);
}

void jw_i64(struct jw *j, int64_t v)
{
	jw_sep(j);
	printf("%" PRId64, v);
}

void jw_bool(struct jw *j, bool v)
{
	jw_sep(j);
	fputs(v ? "true" : "false", stdout);
}

void jw_hex(struct jw *j, const uint8_t *data, size_t len)
{
	jw_sep(j);
	fputc('"', stdout);
	for (size_t i = 0; i < len; i++)
		printf("%02x", data[i]);
	fputc('"', stdout);
}

void jw_end(struct jw *j)
{
	(void)j;
	fputc('\n', stdout);
	fflush(stdout);
}

void cli_time(uint64_t filetime, char out[40])
{
	wc_filetime_format(filetime, out);
	char *frac = strstr(out, ".0000000Z"); /* whole seconds, as mail dates are: no fraction */
	if (frac != NULL)
		strcpy(frac, "Z");
}

/* One element of a value (the base type of a multi-valued one) as text; strings are returned as is. */
static char *element_text(TALLOC_CTX *mem, uint16_t type, const union mapi_value *v)
{
	char buf[MAPI_ERR_STR_SIZE > 40 ? MAPI_ERR_STR_SIZE : 40];
	switch (type) {
	case PT_SHORT:
		return talloc_asprintf(mem, "%d", v->i16);
	case PT_LONG:
		return talloc_asprintf(mem, "%" PRId32, v->i32);
	case PT_ERROR:
		return talloc_strdup(mem, mapi_err_str(v->err, buf, sizeof buf));
	case PT_FLOAT:
		return talloc_asprintf(mem, "%g", (double)v->f32);
	case PT_DOUBLE:
	case PT_APPTIME:
		return talloc_asprintf(mem, "%g", v->f64);
	case PT_I8:
	case PT_CURRENCY:
		return talloc_asprintf(mem, "%" PRId64, v->i64);
	case PT_SYSTIME:
		cli_time(v->time, buf);
		return talloc_strdup(mem, buf);
	case PT_BOOLEAN:
		return talloc_strdup(mem, v->b ? "true" : "false");
	case PT_UNICODE:
	case PT_STRING8:
		return talloc_strdup(mem, v->str ? v->str : "");
	case PT_CLSID:
		if (v->guid == NULL)
			return talloc_strdup(mem, "");
		wc_guid_to_string(v->guid, buf);
		return talloc_strdup(mem, buf);
	case PT_BINARY:
	case PT_SVREID:
	case PT_OBJECT: {
		char *s = talloc_array(mem, char, v->bin.len * 2 + 1);
		if (s == NULL)
			return NULL;
		for (uint32_t i = 0; i < v->bin.len; i++)
			snprintf(s + 2 * i, 3, "%02x", v->bin.data[i]);
		s[v->bin.len * 2] = '\0';
		return s;
	}
	default:
		return talloc_asprintf(mem, "(type 0x%04x)", type);
	}
}

/* The i-th element of a multi-valued value as a single value of its base type. */
static union mapi_value mv_element(uint16_t type, const struct mapi_mv *mv, uint32_t i)
{
	union mapi_value v = {0};
	switch (type) {
	case PT_SHORT:
		v.i16 = mv->i16[i];
		break;
	case PT_LONG:
		v.i32 = mv->i32[i];
		break;
	case PT_FLOAT:
		v.f32 = mv->f32[i];
		break;
	case PT_DOUBLE:
	case PT_APPTIME:
		v.f64 = mv->f64[i];
		break;
	case PT_I8:
	case PT_CURRENCY:
		v.i64 = mv->i64[i];
		break;
	case PT_SYSTIME:
		v.time = mv->time[i];
		break;
	case PT_UNICODE:
	case PT_STRING8:
		v.str = mv->str[i];
		break;
	case PT_CLSID:
		v.guid = &mv->guid[i];
		break;
	case PT_BINARY:
		v.bin = mv->bin[i];
		break;
	}
	return v;
}

char *cli_value_text(TALLOC_CTX *mem, const struct mapi_propval *pv, size_t max)
{
	uint16_t type = PROP_TYPE(pv->tag);
	char *s;
	if (type & PT_MV_FLAG) {
		uint16_t base = type & (uint16_t)~PT_MV_FLAG;
		s = talloc_strdup(mem, "[");
		for (uint32_t i = 0; s && i < pv->value.mv.count; i++) {
			union mapi_value v = mv_element(base, &pv->value.mv, i);
			char *e = element_text(s, base, &v);
			s = talloc_asprintf_append(s, "%s%s", i ? ", " : "", e ? e : "");
		}
		s = s ? talloc_strdup_append(s, "]") : NULL;
	} else {
		s = element_text(mem, type, &pv->value);
	}
	if (s == NULL)
		return NULL;
	for (char *p = s; *p; p++) /* one line */
		if (*p == '\n' || *p == '\r' || *p == '\t')
			*p = ' ';
	if (max > 3 && strlen(s) > max)
		strcpy(s + max - 3, "...");
	return s;
}

static void jw_element(struct jw *j, uint16_t type, const union mapi_value *v)
{
	switch (type) {
	case PT_SHORT:
		jw_i64(j, v->i16);
		break;
	case PT_LONG:
		jw_i64(j, v->i32);
		break;
	case PT_I8:
	case PT_CURRENCY:
		jw_i64(j, v->i64);
		break;
	case PT_BOOLEAN:
		jw_bool(j, v->b);
		break;
	case PT_BINARY:
	case PT_SVREID:
	case PT_OBJECT:
		jw_hex(j, v->bin.data, v->bin.len);
		break;
	default: {
		char *s = element_text(NULL, type, v);
		jw_str(j, s ? s : "");
		talloc_free(s);
	}
	}
}

void jw_value(struct jw *j, const struct mapi_propval *pv)
{
	uint16_t type = PROP_TYPE(pv->tag);
	if (!(type & PT_MV_FLAG)) {
		jw_element(j, type, &pv->value);
		return;
	}
	uint16_t base = type & (uint16_t)~PT_MV_FLAG;
	jw_open(j, '[');
	for (uint32_t i = 0; i < pv->value.mv.count; i++) {
		union mapi_value v = mv_element(base, &pv->value.mv, i);
		jw_element(j, base, &v);
	}
	jw_close(j, ']');
}

/* Short column names of ls (its default columns and a few more) */
static const struct {
	const char *name;
	uint32_t tag;
} aliases[] = {
        {"Date", PidTagMessageDeliveryTime},
        {"From", PidTagSenderName},
        {"Size", PidTagMessageSize},
        {"To", PidTagDisplayTo},
        {"Cc", PidTagDisplayCc},
};
#define ALIAS_COUNT (sizeof aliases / sizeof aliases[0])

bool cli_parse_tag(const char *s, uint32_t *tag)
{
	char *end;
	for (size_t i = 0; i < ALIAS_COUNT; i++)
		if (strcasecmp(s, aliases[i].name) == 0) {
			*tag = aliases[i].tag;
			return true;
		}
	if (strncasecmp(s, "0x", 2) == 0) {
		unsigned long v = strtoul(s + 2, &end, 16);
		if (*end != '\0' || end == s + 2 || v > UINT32_MAX)
			return false;
		*tag = (uint32_t)v;
		return true;
	}
	const struct mapi_proptag_info *info = mapi_proptag_by_name(s);
	if (info == NULL) {
		char full[128];
		snprintf(full, sizeof full, "PidTag%s", s);
		info = mapi_proptag_by_name(full);
	}
	if (info == NULL)
		return false;
	/* strings in Unicode (the tables are opened with TABLE_FLAG_USE_UNICODE) */
	*tag = PROP_TYPE(info->tag) == PT_STRING8 ? PROP_TAG(PT_UNICODE, PROP_ID(info->tag)) : info->tag;
	return true;
}

const char *cli_tag_short(TALLOC_CTX *mem, uint32_t tag)
{
	for (size_t i = 0; i < ALIAS_COUNT; i++)
		if (aliases[i].tag == tag)
			return aliases[i].name;
	const char *name = mapi_proptag_name(tag);
	if (name == NULL)
		return talloc_asprintf(mem, "0x%08" PRIX32, tag);
	return strncmp(name, "PidTag", 6) == 0 ? name + 6 : name;
}

size_t cli_text_width(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80; /* UTF-8: count all but continuation bytes */
	return n;
}

bool cli_parse_message_id(TALLOC_CTX *mem, const char *s, char **folder, uint64_t *mid)
{
	const char *colon = strrchr(s, ':');
	if (colon == NULL || colon == s)
		return false;
	const char *hex = colon + 1;
	size_t n = strspn(hex, "0123456789abcdefABCDEF");
	if (n == 0 || n > 16 || hex[n] != '\0')
		return false;
	*mid = strtoull(hex, NULL, 16);
	*folder = talloc_strndup(mem, s, (size_t)(colon - s));
	return *folder != NULL;
}

char *cli_message_id(TALLOC_CTX *mem, const char *folder, uint64_t mid)
{
	return talloc_asprintf(mem, "%s:%016" PRIx64, folder, mid);
}

void cli_progress(const struct cli *c, size_t done, size_t total, const char *label)
{
	if (!c->progress || total == 0)
		return;
	enum { WIDTH = 30 };
	size_t fill = done * WIDTH / total;
	fprintf(stderr, "\r[%.*s%*s] %zu/%zu %-30.30s", (int)fill, "##############################",
	        (int)(WIDTH - fill), "", done, total, label ? label : "");
	if (done >= total)
		fputc('\n', stderr);
	fflush(stderr);
}
