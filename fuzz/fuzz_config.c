/* Fuzz the warpcore.conf parser: any text either parses or yields one "NAME:LINE: ..." message, and a parsed
 * configuration written back through wc_config_template() parses to the same values. */
#include "common/wc_config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The value of key k in cfg in the file's syntax. */
static const char *value_of(TALLOC_CTX *mem, const struct wc_config *cfg, const struct wc_config_key *k)
{
	const void *field = (const char *)cfg + k->offset;
	if (k->type == WC_CFG_BOOL)
		return *(const bool *)field ? "on" : "off";
	if (k->type == WC_CFG_INT)
		return talloc_asprintf(mem, "%d", *(const int *)field);
	return *(char *const *)field;
}

static bool same(const struct wc_config *a, const struct wc_config *b, const struct wc_config_key *keys,
                 size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const char *x = value_of((void *)a, a, &keys[i]), *y = value_of((void *)b, b, &keys[i]);
		if (strcmp(x, y) != 0)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	char *text = talloc_strndup(mem, (const char *)data, size); /* stops at a NUL, like the file loader */
	struct wc_config *cfg;
	char *err;
	int rc = wc_config_parse_string(mem, text, "f.conf", "/base", &cfg, &err);
	if (rc != 0 && (cfg != NULL || err == NULL || strncmp(err, "f.conf:", 7) != 0))
		abort();
	if (rc == 0) {
		size_t n;
		const struct wc_config_key *keys = wc_config_keys(&n);
		const char **settings = talloc_array(mem, const char *, 2 * n + 1);
		for (size_t i = 0; i < n; i++) {
			settings[2 * i] = talloc_asprintf(mem, "%s.%s", keys[i].section, keys[i].name);
			settings[2 * i + 1] = value_of(mem, cfg, &keys[i]);
		}
		settings[2 * n] = NULL;
		/* NULL when a value cannot be written back (e.g. it holds '#'); otherwise it must read back.
		 */
		char *again = wc_config_template(mem, settings);
		struct wc_config *cfg2;
		if (again != NULL &&
		    (wc_config_parse_string(mem, again, "g.conf", "/other", &cfg2, &err) != 0 ||
		     !same(cfg, cfg2, keys, n)))
			abort();
	}
	talloc_free(mem);
	return 0;
}
