/* mapidump output in two forms: indented "key: value" text, or JSON. */
#include "dump_out.h"

#include <ctype.h>
#include <inttypes.h>
#include <math.h>

void dump_init(struct dump_out *o, FILE *f, bool json)
{
	o->f = f;
	o->json = json;
	o->depth = 0;
	o->need_comma[0] = false;
	o->in_array[0] = false;
}

void dump_finish(struct dump_out *o)
{
	if (o->json)
		fputc('\n', o->f);
}

/* The top-level object's members start at column 0. */
static void indent(struct dump_out *o)
{
	for (int i = 1; i < o->depth; i++)
		fputs("  ", o->f);
}

static void json_string(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			if (*p < 0x20 || *p == 0x7F)
				fprintf(f, "\\u%04x", *p);
			else
				fputc(*p, f); /* UTF-8 passes through: strings here are valid UTF-8 or
				                 PtypString8 bytes */
		}
	}
	fputc('"', f);
}

/* Writes what comes before a value: the comma and key in JSON, the indent and "key: " in text. */
static void key_prefix(struct dump_out *o, const char *key)
{
	if (o->json) {
		if (o->need_comma[o->depth])
			fputc(',', o->f);
		o->need_comma[o->depth] = true;
		if (!o->in_array[o->depth] && o->depth > 0) {
			json_string(o->f, key ? key : "");
			fputc(':', o->f);
		}
		return;
	}
	indent(o);
	if (o->in_array[o->depth])
		fputs("- ", o->f);
	else if (key != NULL)
		fprintf(o->f, "%s: ", key);
}

static void open_container(struct dump_out *o, const char *key, bool array)
{
	if (o->json) {
		key_prefix(o, key);
		fputc(array ? '[' : '{', o->f);
	} else if (o->depth > 0 || key != NULL) {
		/* Text: "key:" or "-" alone on its line, the members indented below. */
		indent(o);
		if (o->in_array[o->depth])
			fputs("-\n", o->f);
		else
			fprintf(o->f, "%s:\n", key ? key : "");
	}
	if (o->depth < DUMP_MAX_DEPTH)
		o->depth++;
	o->need_comma[o->depth] = false;
	o->in_array[o->depth] = array;
}

static void close_container(struct dump_out *o, bool array)
{
	if (o->depth > 0)
		o->depth--;
	if (o->json)
		fputc(array ? ']' : '}', o->f);
}

void dump_begin_object(struct dump_out *o, const char *key)
{
	open_container(o, key, false);
}

void dump_end_object(struct dump_out *o)
{
	close_container(o, false);
}

void dump_begin_array(struct dump_out *o, const char *key)
{
	open_container(o, key, true);
}

void dump_end_array(struct dump_out *o)
{
	close_container(o, true);
}

void dump_uint(struct dump_out *o, const char *key, uint64_t v)
{
	key_prefix(o, key);
	fprintf(o->f, o->json ? "%" PRIu64 : "%" PRIu64 "\n", v);
}

void dump_int(struct dump_out *o, const char *key, int64_t v)
{
	key_prefix(o, key);
	fprintf(o->f, o->json ? "%" PRId64 : "%" PRId64 "\n", v);
}

void dump_hex(struct dump_out *o, const char *key, uint64_t v, int width)
{
	key_prefix(o, key);
	if (o->json)
		fprintf(o->f, "%" PRIu64, v);
	else
		fprintf(o->f, "0x%0*" PRIX64 "\n", width, v);
}

void dump_double(struct dump_out *o, const char *key, double v)
{
	key_prefix(o, key);
	if (o->json && !isfinite(v))
		fputs("null", o->f); /* JSON has no NaN or infinity */
	else
		fprintf(o->f, o->json ? "%.17g" : "%.17g\n", v);
}

void dump_bool(struct dump_out *o, const char *key, bool v)
{
	key_prefix(o, key);
	fprintf(o->f, o->json ? "%s" : "%s\n", v ? "true" : "false");
}

void dump_str(struct dump_out *o, const char *key, const char *s)
{
	key_prefix(o, key);
	if (o->json) {
		json_string(o->f, s);
	} else {
		json_string(o->f, s); /* quoted and escaped in text too: control characters stay visible */
		fputc('\n', o->f);
	}
}

void dump_bytes(struct dump_out *o, const char *key, const uint8_t *p, size_t n)
{
	key_prefix(o, key);
	if (o->json) {
		fputc('"', o->f);
		for (size_t i = 0; i < n; i++)
			fprintf(o->f, "%02x", p[i]);
		fputc('"', o->f);
		return;
	}
	fprintf(o->f, "%zu bytes\n", n);
	for (size_t off = 0; off < n; off += 16) {
		indent(o);
		fprintf(o->f, "  %04zx  ", off);
		for (size_t i = 0; i < 16; i++) {
			if (off + i < n)
				fprintf(o->f, "%02x ", p[off + i]);
			else
				fputs("   ", o->f);
		}
		fputc(' ', o->f);
		for (size_t i = 0; i < 16 && off + i < n; i++)
			fputc(isprint(p[off + i]) ? p[off + i] : '.', o->f);
		fputc('\n', o->f);
	}
}

void dump_named(struct dump_out *o, const char *key, uint64_t v, int width, const char *name)
{
	if (o->json) {
		key_prefix(o, key);
		fprintf(o->f, "{\"value\":%" PRIu64 ",\"name\":", v);
		if (name)
			json_string(o->f, name);
		else
			fputs("null", o->f);
		fputc('}', o->f);
		return;
	}
	key_prefix(o, key);
	if (name)
		fprintf(o->f, "0x%0*" PRIX64 " (%s)\n", width, v, name);
	else
		fprintf(o->f, "0x%0*" PRIX64 "\n", width, v);
}
