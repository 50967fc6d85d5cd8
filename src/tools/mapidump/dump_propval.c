/* mapidump propval and restriction kinds (MS-OXCDATA 2.11, 2.12). */
#include "mapidump.h"

#include <stdlib.h>

#include "common/wc_error.h"
#include "dump_values.h"
#include "mapi/mapi_proptags.h"

/* TYPE is a name (PtypString, PT_UNICODE) or a number (0x001F). */
static bool parse_type(const char *s, uint16_t *type)
{
	if (mapi_type_from_name(s, type))
		return true;
	char *end;
	unsigned long v = strtoul(s, &end, 0);
	if (*s == '\0' || *end != '\0' || v > 0xFFFF || !mapi_type_valid((uint16_t)v))
		return false;
	*type = (uint16_t)v;
	return true;
}

static int run_propval(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	unsigned flags = dump_has_opt(in, "--count32") ? MAPI_PV_COUNT32 : 0;
	bool tagged = dump_has_opt(in, "--tagged"), typed = dump_has_opt(in, "--typed");
	uint16_t type = 0;
	if (tagged || typed) {
		if (tagged && typed)
			return dump_fail("propval", 0, "give --tagged or --typed, not both");
	} else if (!parse_type(in->args[0], &type)) {
		return dump_fail("propval", 0,
		                 "TYPE must be a property type such as PtypString, PT_LONG or 0x0003");
	}
	struct wc_reader r;
	struct mapi_propval pv = {0};
	wc_reader_init(&r, in->data, in->len);
	int err;
	if (tagged)
		err = mapi_tagged_propval_pull(&r, mem, flags, &pv);
	else if (typed)
		err = mapi_typed_propval_pull(&r, mem, flags, &pv);
	else
		err = mapi_value_pull(&r, mem, type, flags, &pv.value), pv.tag = PROP_TAG(type, 0);
	if (err != 0)
		return dump_fail("propval", r.pos, "%s", wc_strerror(err));
	if (tagged || typed) {
		dump_propval(o, NULL, &pv);
	} else {
		dump_begin_object(o, NULL);
		dump_named(o, "type", type, 4, mapi_type_name(type));
		dump_value(o, "value", type, &pv.value);
		dump_end_object(o);
	}
	if (wc_reader_left(&r) > 0)
		fprintf(stderr, "mapidump: propval: %zu bytes left after the value\n", wc_reader_left(&r));
	return 0;
}

static int run_restriction(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	unsigned flags = dump_has_opt(in, "--count32") ? MAPI_PV_COUNT32 : 0;
	struct wc_reader r;
	struct mapi_restriction *res;
	wc_reader_init(&r, in->data, in->len);
	int err = mapi_restriction_pull(&r, mem, flags, &res);
	if (err != 0)
		return dump_fail("restriction", r.pos, "%s", wc_strerror(err));
	dump_restriction(o, NULL, res);
	if (wc_reader_left(&r) > 0)
		fprintf(stderr, "mapidump: restriction: %zu bytes left after it\n", wc_reader_left(&r));
	return 0;
}

static const char *const propval_options[] = {"--count32", "--tagged", "--typed", NULL};
static const char *const restriction_options[] = {"--count32", NULL};

/* propval takes TYPE unless --tagged or --typed says the input carries it. */
static int propval_nargs(const struct dump_input *in)
{
	return dump_has_opt(in, "--tagged") || dump_has_opt(in, "--typed") ? 0 : 1;
}

const struct dump_kind dump_kind_propval = {
        .name = "propval",
        .nargs = 1,
        .options = propval_options,
        .args_usage = "TYPE | --tagged | --typed [--count32]",
        .help = "property value (MS-OXCDATA 2.11.1)",
        .run = run_propval,
        .nargs_fn = propval_nargs,
};
const struct dump_kind dump_kind_restriction = {
        .name = "restriction",
        .options = restriction_options,
        .args_usage = "[--count32]",
        .help = "restriction (MS-OXCDATA 2.12)",
        .run = run_restriction,
};
