/* ROPs of the Exchange Access and Operation Permissions protocol: MS-OXCPERM 2.2.1, 2.2.2 (wire layouts in
 * MS-OXCROPS 2.2.10). RopModifyPermissions' request has the same layout as RopModifyRules' (MS-OXCROPS
 * 2.2.11.1.1, MS-OXORULE 2.2.1): a flags byte, then counted rows of a flags byte and TaggedPropertyValues
 * (PermissionData 2.2.10.1.1.1, RuleData 2.2.11.1.1.1); both use struct rop_modify_rows_req.
 * RopGetPermissionsTable takes a TableFlags byte like the folder table ROPs (struct rop_get_table_req). */
#ifndef MAPI_ROP_OXCPERM_H
#define MAPI_ROP_OXCPERM_H

#include "mapi/mapi_propval.h"
#include "mapi/rop_codec.h"
#include "mapi/rop_oxcfold.h" /* struct rop_get_table_req */

/* MS-OXCPERM 2.2.1.1 TableFlags of RopGetPermissionsTable, 2.2.2.1 ModifyFlags of RopModifyPermissions */
#define PERMISSIONS_INCLUDE_FREE_BUSY 0x02
#define PERMISSIONS_REPLACE_ROWS 0x01 /* ModifyFlags only */

/* MS-OXCPERM 2.2.2.1.1 PermissionDataFlags; MS-OXORULE 2.2.1.3 RuleDataFlags has the same values (ROW_ADD,
 * ROW_MODIFY, ROW_REMOVE) */
#define ROW_ADD 0x01
#define ROW_MODIFY 0x02
#define ROW_REMOVE 0x04

/* MS-OXCROPS 2.2.10.1.1.1 PermissionData and 2.2.11.1.1.1 RuleData */
struct rop_modify_row {
	uint8_t flags; /* ROW_ADD, ROW_MODIFY, ROW_REMOVE */
	uint16_t property_value_count;
	struct mapi_propval *property_values; /* TaggedPropertyValues, ROP widths */
};

/* MS-OXCROPS 2.2.10.1.1 RopModifyPermissions and 2.2.11.1.1 RopModifyRules requests */
struct rop_modify_rows_req {
	uint8_t flags;  /* ModifyFlags (PERMISSIONS_*) or ModifyRulesFlags (MODIFY_RULES_REPLACE) */
	uint16_t count; /* ModifyCount / RulesCount */
	struct rop_modify_row *rows;
};

ROP_DECLARE_BODY(modify_rows_req);

/* Members of the union in struct rop_request (rop.h); the responses have no body. */
#define ROP_OXCPERM_REQUESTS                                                                                 \
	struct rop_get_table_req get_permissions_table;                                                      \
	struct rop_modify_rows_req modify_permissions;

#endif
