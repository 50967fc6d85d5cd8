/* mapidump printers for MAPI values (MS-OXCDATA 2.11), restrictions (2.12) and rule actions (MS-OXORULE
 * 2.2.5), shared by every kind that meets them (propval, restriction, ROPs, MAPI/HTTP bodies). */
#ifndef DUMP_VALUES_H
#define DUMP_VALUES_H

#include "dump_out.h"
#include "mapi/mapi_propval.h"
#include "mapi/mapi_restriction.h"

void dump_guid(struct dump_out *o, const char *key, const struct wc_guid *g);
void dump_proptag(struct dump_out *o, const char *key, uint32_t tag);
void dump_error_code(struct dump_out *o, const char *key, uint32_t code);
void dump_value(struct dump_out *o, const char *key, uint16_t type, const union mapi_value *v);
/* {"tag": ..., "value": ...} */
void dump_propval(struct dump_out *o, const char *key, const struct mapi_propval *pv);
void dump_property_row(struct dump_out *o, const char *key, const struct mapi_property_row *row);
void dump_restriction(struct dump_out *o, const char *key, const struct mapi_restriction *res);
void dump_sort_order_set(struct dump_out *o, const char *key, const struct mapi_sort_order_set *s);

#endif
