/* ROPs of the Email Rules protocol: MS-OXORULE 2.2.1 - 2.2.3 (wire layouts in MS-OXCROPS 2.2.11).
 * RopModifyRules shares RopModifyPermissions' request layout (struct rop_modify_rows_req, rop_oxcperm.h),
 * RopGetRulesTable takes a TableFlags byte (struct rop_get_table_req); standard rule properties carry
 * PtypRestriction and PtypRuleAction values (mapi_restriction.h, mapi_ruleaction.h) in their ROP form. */
#ifndef MAPI_ROP_OXORULE_H
#define MAPI_ROP_OXORULE_H

#include "mapi/rop_codec.h"
#include "mapi/rop_oxcperm.h"

/* MS-OXORULE 2.2.1.1 ModifyRulesFlags: replace the folder's rules (every RuleData then has ROW_ADD) */
#define MODIFY_RULES_REPLACE 0x01

/* MS-OXORULE 2.2.2.1 TableFlags of RopGetRulesTable */
#define RULES_TABLE_UNICODE 0x40

/* MS-OXCROPS 2.2.11.3.1 RopUpdateDeferredActionMessages request */
struct rop_update_deferred_action_messages_req {
	uint16_t server_entry_id_size;
	uint8_t *server_entry_id; /* EntryID of the deferred action message on the server */
	uint16_t client_entry_id_size;
	uint8_t *client_entry_id; /* EntryID of the message the client downloaded */
};

ROP_DECLARE_BODY(update_deferred_action_messages_req);

/* Members of the union in struct rop_request (rop.h); the responses have no body. */
#define ROP_OXORULE_REQUESTS                                                                                 \
	struct rop_get_table_req get_rules_table;                                                            \
	struct rop_modify_rows_req modify_rules;                                                             \
	struct rop_update_deferred_action_messages_req update_deferred_action_messages;

#endif
