/* Every kind mapidump knows, in the order --help lists them. */
#include "mapidump.h"

extern const struct dump_kind dump_kind_rpc_ext;
extern const struct dump_kind dump_kind_rop_request;
extern const struct dump_kind dump_kind_rop_response;
extern const struct dump_kind dump_kind_mapihttp_request;
extern const struct dump_kind dump_kind_mapihttp_response;
extern const struct dump_kind dump_kind_propval;
extern const struct dump_kind dump_kind_restriction;
extern const struct dump_kind dump_kind_entryid;
extern const struct dump_kind dump_kind_idset;

/* clang-format off */
const struct dump_kind *const dump_kinds[] = {
	&dump_kind_rpc_ext,
	&dump_kind_rop_request,
	&dump_kind_rop_response,
	&dump_kind_mapihttp_request,
	&dump_kind_mapihttp_response,
	&dump_kind_propval,
	&dump_kind_restriction,
	&dump_kind_entryid,
	&dump_kind_idset,
};
/* clang-format on */
const size_t dump_kinds_count = sizeof dump_kinds / sizeof dump_kinds[0];
