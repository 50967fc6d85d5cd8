/* Declarations of the ROP handlers registered in emsmdb_rops.c, grouped by the spec file that implements
 * them (see docs/emsmdb.md). Each has the emsmdb_rop_fn signature of emsmdb.h. */
#ifndef WC_EMSMDB_ROPS_H
#define WC_EMSMDB_ROPS_H

#include "server/emsmdb/emsmdb.h"

/* emsmdb_rops.c: MS-OXCROPS 2.2.15 */
uint32_t emsmdb_rop_release(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp);

/* oxcstor.c (MS-OXCSTOR), oxcfold.c (MS-OXCFOLD), ...: to come */

#endif
