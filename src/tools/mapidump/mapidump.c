/* mapidump — decode MAPI wire data, in the spirit of Samba's ndrdump.
 *
 *   mapidump [--json] KIND [ARGS...] [--hex HEX | FILE]
 *
 * The input is binary from FILE or standard input, or hex digits from --hex (whitespace allowed). */
#include "mapidump.h"

#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mapi/mapi_version.h"
#include "mapi/rop.h"

bool dump_has_opt(const struct dump_input *in, const char *opt)
{
	for (int i = 0; i < in->nopts; i++)
		if (strcmp(in->opts[i], opt) == 0)
			return true;
	return false;
}

int dump_fail(const char *kind, size_t offset, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "mapidump: %s: ", kind);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, " (at byte offset %zu)\n", offset);
	return 1;
}

static void usage(FILE *f)
{
	fprintf(f, "usage: mapidump [--json] [--raw] KIND [ARGS...] [KIND-OPTIONS] [--hex HEX | FILE]\n"
	           "       mapidump --list-kinds | --list-rops | --help | --version\n\n"
	           "Decodes MAPI wire data and prints it readably, or as JSON with --json.\n"
	           "Input: binary from FILE or standard input, or hex digits given with --hex.\n\nKinds:\n");
	for (size_t i = 0; i < dump_kinds_count; i++)
		fprintf(f, "  %-12s %-22s %s\n", dump_kinds[i]->name, dump_kinds[i]->args_usage,
		        dump_kinds[i]->help);
}

/* Every RopId of MS-OXCROPS 2.2.2 with its section, and whether the ROP codec covers it yet. */
static void list_rops(void)
{
	for (int id = 0; id < 256; id++) {
		const struct rop_info *info = rop_info((uint8_t)id);
		if (info->name != NULL)
			printf("0x%02X %-44s %-9s %s\n", id, info->name, info->section,
			       info->coded ? "coded" : "-");
	}
}

static uint8_t *parse_hex(TALLOC_CTX *mem, const char *hex, size_t *len)
{
	uint8_t *out = talloc_array(mem, uint8_t, strlen(hex) / 2 + 1);
	size_t n = 0;
	int hi = -1;
	for (const char *p = hex; *p; p++) {
		if (isspace((unsigned char)*p) || *p == ':' || *p == ',')
			continue;
		if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hi < 0) {
			p++;
			continue;
		}
		int v = isdigit((unsigned char)*p) ? *p - '0'
		        : (tolower((unsigned char)*p) >= 'a' && tolower((unsigned char)*p) <= 'f')
		                ? tolower((unsigned char)*p) - 'a' + 10
		                : -1;
		if (v < 0) {
			fprintf(stderr, "mapidump: --hex: '%c' is not a hex digit (at character %zu)\n", *p,
			        (size_t)(p - hex));
			return NULL;
		}
		if (hi < 0) {
			hi = v;
		} else {
			out[n++] = (uint8_t)(hi << 4 | v);
			hi = -1;
		}
	}
	if (hi >= 0) {
		fprintf(stderr, "mapidump: --hex: odd number of hex digits\n");
		return NULL;
	}
	*len = n;
	return out;
}

static uint8_t *read_all(TALLOC_CTX *mem, FILE *f, size_t *len)
{
	size_t cap = 65536, n = 0;
	uint8_t *buf = talloc_array(mem, uint8_t, cap);
	size_t got;
	while (buf != NULL && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			cap *= 2;
			buf = talloc_realloc(mem, buf, uint8_t, cap);
		}
	}
	if (buf == NULL || ferror(f))
		return NULL;
	*len = n;
	return buf;
}

/* Everything main does, on mem, so that main frees it on every path (usage errors included). */
static int mapidump_main(TALLOC_CTX *mem, int argc, char **argv)
{
	bool json = false, raw = false;
	const char *hex = NULL;
	char **pos = talloc_array(mem, char *, argc);
	char **opts = talloc_array(mem, char *, argc);
	int npos = 0, nopts = 0;

	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0) {
			json = true;
		} else if (strcmp(argv[i], "--raw") == 0) {
			raw = true;
		} else if (strcmp(argv[i], "--hex") == 0) {
			if (++i == argc) {
				fprintf(stderr, "mapidump: --hex needs an argument\n");
				return 2;
			}
			hex = argv[i];
		} else if (strncmp(argv[i], "--hex=", 6) == 0) {
			hex = argv[i] + 6;
		} else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			usage(stdout);
			return 0;
		} else if (strcmp(argv[i], "--version") == 0) {
			printf("mapidump (warpcore) %s\n", mapi_codec_version());
			return 0;
		} else if (strcmp(argv[i], "--list-rops") == 0) {
			list_rops();
			return 0;
		} else if (strcmp(argv[i], "--list-kinds") == 0) {
			for (size_t k = 0; k < dump_kinds_count; k++)
				printf("%s\n", dump_kinds[k]->name);
			return 0;
		} else if (argv[i][0] == '-' && argv[i][1] == '-') {
			opts[nopts++] = argv[i]; /* checked against the kind's own options below */
		} else {
			pos[npos++] = argv[i];
		}
	}
	if (npos == 0) {
		usage(stderr);
		return 2;
	}
	const struct dump_kind *kind = NULL;
	for (size_t k = 0; k < dump_kinds_count; k++)
		if (strcmp(dump_kinds[k]->name, pos[0]) == 0)
			kind = dump_kinds[k];
	if (kind == NULL) {
		fprintf(stderr, "mapidump: unknown kind '%s' (try --list-kinds)\n", pos[0]);
		return 2;
	}
	for (int i = 0; i < nopts; i++) {
		bool known = false;
		for (const char *const *k = kind->options; k != NULL && *k != NULL; k++) {
			size_t n = strlen(*k); /* "--name=" takes a value: match the prefix */
			known = known || ((*k)[n - 1] == '=' ? strncmp(*k, opts[i], n) == 0
			                                     : strcmp(*k, opts[i]) == 0);
		}
		if (!known) {
			fprintf(stderr, "mapidump: %s: unknown option %s\n", kind->name, opts[i]);
			return 2;
		}
	}
	struct dump_input in = {.args = pos + 1, .opts = opts, .nopts = nopts, .raw = raw};
	int nargs = kind->nargs_fn != NULL ? kind->nargs_fn(&in) : kind->nargs;
	int rest = npos - 1;
	const char *file = NULL;
	if (rest > nargs) {
		file = pos[npos - 1];
		rest--;
	}
	if (rest != nargs) {
		fprintf(stderr, "usage: mapidump %s %s [--hex HEX | FILE]\n", kind->name, kind->args_usage);
		return 2;
	}
	if (hex != NULL && file != NULL) {
		fprintf(stderr, "mapidump: give either --hex or FILE, not both\n");
		return 2;
	}

	in.nargs = rest;
	uint8_t *data;
	if (hex != NULL) {
		data = parse_hex(mem, hex, &in.len);
		if (data == NULL)
			return 2;
	} else {
		FILE *f = file ? fopen(file, "rb") : stdin;
		if (f == NULL) {
			fprintf(stderr, "mapidump: %s: %s\n", file, strerror(errno));
			return 2;
		}
		data = read_all(mem, f, &in.len);
		if (f != stdin)
			fclose(f);
		if (data == NULL) {
			fprintf(stderr, "mapidump: cannot read %s\n", file ? file : "standard input");
			return 2;
		}
	}
	in.data = data;

	struct dump_out o;
	dump_init(&o, stdout, json);
	int rc = kind->run(mem, &o, &in);
	if (rc == 0)
		dump_finish(&o);
	return rc == 0 ? 0 : 1;
}

uint8_t *dump_read_file(TALLOC_CTX *mem, const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return NULL;
	uint8_t *data = read_all(mem, f, len);
	fclose(f);
	if (data == NULL)
		return NULL;
	/* A file of nothing but hex digits and white space is hex text (as in tests/vectors). */
	bool hex = *len > 0;
	for (size_t i = 0; i < *len && hex; i++)
		hex = isxdigit(data[i]) || isspace(data[i]);
	if (!hex)
		return data;
	char *text = talloc_strndup(mem, (const char *)data, *len);
	return text ? parse_hex(mem, text, len) : NULL;
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	int rc = mapidump_main(mem, argc, argv);
	talloc_free(mem);
	return rc;
}
