/* mapidump: decode MAPI wire data (captures, spec examples) into readable text or JSON. */
#ifndef MAPIDUMP_H
#define MAPIDUMP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "dump_out.h"

struct dump_input {
	const uint8_t *data;
	size_t len;
	char **args; /* the kind's own positional arguments (e.g. the TYPE of `propval TYPE`) */
	int nargs;
	char **opts; /* options mapidump itself does not know (e.g. --replguid), for the kind to check */
	int nopts;
	bool raw; /* --raw: a bare buffer without RPC_HEADER_EXT framing */
};

/* A kind returns 0, or non-zero after calling dump_fail() to say what went wrong and where. */
struct dump_kind {
	const char *name;
	int nargs;                  /* exact number of positional arguments before the optional FILE */
	const char *const *options; /* NULL-terminated list of the kind's own --options, or NULL */
	const char *args_usage;
	const char *help;
	int (*run)(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in);
	/* When set, the number of positional arguments depends on the options given (overrides nargs). */
	int (*nargs_fn)(const struct dump_input *in);
};

/* dump_kinds.c lists every kind; each lives in the dump_<area>.c file of the codec it shows. */
extern const struct dump_kind *const dump_kinds[];
extern const size_t dump_kinds_count;

/* Reads a whole file: binary, or hex text when it holds only hex digits and white space. NULL with errno set
 * when it cannot be read. */
uint8_t *dump_read_file(TALLOC_CTX *mem, const char *path, size_t *len);

/* True when the kind's option was given. */
bool dump_has_opt(const struct dump_input *in, const char *opt);

/* Prints "mapidump: KIND: MESSAGE at byte offset N" to stderr; returns 1 for the caller to return. */
int dump_fail(const char *kind, size_t offset, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

#endif
