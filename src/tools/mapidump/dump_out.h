/* mapidump output: one tree of named values printed either as indented text or as JSON.
 *
 * Decoders walk their decoded structures and call these; the same walk yields both forms, so the readable and
 * the --json outputs cannot drift apart. */
#ifndef DUMP_OUT_H
#define DUMP_OUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define DUMP_MAX_DEPTH 64

struct dump_out {
	FILE *f;
	bool json;
	int depth;
	bool need_comma[DUMP_MAX_DEPTH + 1];
	bool in_array[DUMP_MAX_DEPTH + 1];
};

void dump_init(struct dump_out *o, FILE *f, bool json);
/* Ends the document (a final newline in JSON). */
void dump_finish(struct dump_out *o);

/* key is ignored inside arrays; at top level it may be NULL. */
void dump_begin_object(struct dump_out *o, const char *key);
void dump_end_object(struct dump_out *o);
void dump_begin_array(struct dump_out *o, const char *key);
void dump_end_array(struct dump_out *o);

void dump_uint(struct dump_out *o, const char *key, uint64_t v);
void dump_int(struct dump_out *o, const char *key, int64_t v);
/* Text: 0x%0*X; JSON: a number (hex is for people, numbers for programs). */
void dump_hex(struct dump_out *o, const char *key, uint64_t v, int width);
void dump_double(struct dump_out *o, const char *key, double v);
void dump_bool(struct dump_out *o, const char *key, bool v);
void dump_str(struct dump_out *o, const char *key, const char *s);
/* Raw bytes. Text: hex dump with printable characters; JSON: a lower-case hex string. */
void dump_bytes(struct dump_out *o, const char *key, const uint8_t *p, size_t n);
/* A number with its symbolic name, e.g. "0x8004010F (ecNotFound)"; JSON: {"value":..,"name":..}. name may be
 * NULL when unknown. */
void dump_named(struct dump_out *o, const char *key, uint64_t v, int width, const char *name);

#endif
