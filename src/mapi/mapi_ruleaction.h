/* MS-OXORULE 2.2.5 RuleAction: the value of a PtypRuleAction property (PidTagRuleActions, MS-OXCDATA 2.11.1),
 * and the extended rule properties that carry one (2.2.4.1.9 PidTagExtendedRuleMessageActions, 2.2.4.1.10
 * PidTagExtendedRuleMessageCondition, with the NamedPropertyInformation of 2.2.4.2).
 *
 * flags: 0 for a standard rule (RopModifyRules, the rules table): NoOfActions, ActionLength, the MoveCopy EID
 * sizes, RecipientCount and NoOfProperties are 2 bytes, and PtypBinary values inside have 16-bit counts.
 * MAPI_PV_EXTENDED_RULE for an extended rule: those are 4 bytes, OP_MOVE/OP_COPY has no FolderInThisStore and
 * OP_REPLY/OP_OOF_REPLY carries a message EntryID instead of folder and message IDs. (2.2.5.1.2.4 prints
 * RecipientCount and NoOfProperties as "4 bytes" but its diagram says "2 bytes or 4 bytes"; existing servers
 * and clients use 2 in standard rules, as every other count of the standard form.)
 *
 * Errors as in mapi_propval.h. The decoder rejects an ActionLength that does not match the block's content
 * (WC_EFORMAT), an unknown ActionType (WC_EUNSUPPORTED), and with WC_ERANGE: NoOfActions, RecipientCount or
 * NoOfProperties of zero, a nonzero ActionFlavor on an action that has none (2.2.5.1.1), a BounceCode outside
 * 2.2.5.1.2.5, an extended RuleVersion other than 1, a named property ID below 0x8000. The encoder refuses
 * the same. */
#ifndef MAPI_RULEACTION_H
#define MAPI_RULEACTION_H

#include "mapi/mapi_propval.h"

struct mapi_restriction;

/* ActionType (2.2.5.1) */
#define OP_MOVE 0x01
#define OP_COPY 0x02
#define OP_REPLY 0x03
#define OP_OOF_REPLY 0x04
#define OP_DEFER_ACTION 0x05
#define OP_BOUNCE 0x06
#define OP_FORWARD 0x07
#define OP_DELEGATE 0x08
#define OP_TAG 0x09
#define OP_DELETE 0x0A
#define OP_MARK_AS_READ 0x0B

/* ActionFlavor (2.2.5.1.1): OP_FORWARD */
#define FWD_PRESERVE_SENDER 0x00000001  /* PR */
#define FWD_DO_NOT_MUNGE_MSG 0x00000002 /* NC */
#define FWD_AS_ATTACHMENT 0x00000004    /* AT */
#define FWD_AS_SMS_ALERT 0x00000008     /* TM */
/* ActionFlavor: OP_REPLY, OP_OOF_REPLY */
#define DO_NOT_SEND_TO_ORIGINATOR 0x00000001 /* NS */
#define STOCK_REPLY_TEMPLATE 0x00000002      /* ST */

/* BounceCode (2.2.5.1.2.5) */
#define BOUNCE_MESSAGE_SIZE_TOO_LARGE 0x0000000D
#define BOUNCE_MESSAGE_FORM_CANNOT_DISPLAY 0x0000001F
#define BOUNCE_MESSAGE_DENIED 0x00000026

/* RecipientBlockData (2.2.5.1.2.4.1): NoOfProperties TaggedPropertyValues */
struct mapi_recipient_block {
	uint8_t reserved;
	uint32_t count;
	struct mapi_propval *props;
};

/* ActionBlock (2.2.5.1); ActionLength is computed when encoding and checked when decoding. */
struct mapi_action_block {
	uint8_t type; /* OP_* */
	uint32_t flavor;
	uint32_t flags; /* ActionFlags: the client's, stored only */
	union {
		/* OP_MOVE, OP_COPY (2.2.5.1.2.1). Standard: FolderInThisStore, StoreEID (a Store Object
		 * EntryID, ignored when FolderInThisStore is 0x01), FolderEID (a ServerEid,
		 * mapi_server_id_pull(), when FolderInThisStore is 0x01). Extended: no FolderInThisStore (0
		 * here), FolderEID is a Folder EntryID. */
		struct {
			uint8_t folder_in_this_store;
			struct mapi_binary store_eid;
			struct mapi_binary folder_eid;
		} move_copy;
		/* OP_REPLY, OP_OOF_REPLY (2.2.5.1.2.2). Standard: template_fid, template_mid; extended:
		 * template_eid (ReplyTemplateMessageEID, a Message EntryID). The unused form is zero. */
		struct {
			uint64_t template_fid;
			uint64_t template_mid;
			struct mapi_binary template_eid;
			struct wc_guid template_guid;
		} reply;
		struct mapi_binary defer; /* OP_DEFER_ACTION (2.2.5.1.2.3): client-defined bytes */
		struct {
			uint32_t count;
			struct mapi_recipient_block *recipients;
		} forward;               /* OP_FORWARD, OP_DELEGATE (2.2.5.1.2.4) */
		uint32_t bounce_code;    /* OP_BOUNCE (2.2.5.1.2.5) */
		struct mapi_propval tag; /* OP_TAG (2.2.5.1.2.6) */
		                         /* OP_DELETE, OP_MARK_AS_READ (2.2.5.1.2.7): no ActionData */
	};
};

/* RuleAction (2.2.5) */
struct mapi_rule_actions {
	uint32_t count;
	struct mapi_action_block *blocks;
};

int mapi_rule_actions_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags,
                           struct mapi_rule_actions **out);
int mapi_rule_actions_push(struct wc_writer *w, unsigned flags, const struct mapi_rule_actions *a);
int mapi_rule_actions_copy(TALLOC_CTX *mem, const struct mapi_rule_actions *src,
                           struct mapi_rule_actions **dst);
bool mapi_rule_actions_equal(const struct mapi_rule_actions *a, const struct mapi_rule_actions *b);

/* NamedPropertyInformation (2.2.4.2): count property IDs (each 0x8000 or above) and their PropertyNames. On
 * the wire NamedPropertiesSize, the byte size of the names, follows the IDs when count > 0; it is checked. */
struct mapi_rule_named_props {
	uint16_t count;
	uint16_t *ids;
	struct mapi_propname *names;
};
int mapi_rule_named_props_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_rule_named_props *info);
int mapi_rule_named_props_push(struct wc_writer *w, const struct mapi_rule_named_props *info);

/* The PtypBinary value of PidTagExtendedRuleMessageActions (2.2.4.1.9): NamedPropertyInformation, RuleVersion
 * (MUST be 1), RuleActionsBuffer (an extended-rule RuleAction). */
#define EXTENDED_RULE_VERSION 0x00000001
struct mapi_ext_rule_actions {
	struct mapi_rule_named_props named;
	uint32_t version;
	struct mapi_rule_actions *actions;
};
int mapi_ext_rule_actions_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_ext_rule_actions *out);
int mapi_ext_rule_actions_push(struct wc_writer *w, const struct mapi_ext_rule_actions *in);

/* The PtypBinary value of PidTagExtendedRuleMessageCondition (2.2.4.1.10): NamedPropertyInformation, then a
 * Restriction in the extended-rule form (32-bit counts, MS-OXCDATA 2.11.1.1 and 2.12.1). */
struct mapi_ext_rule_condition {
	struct mapi_rule_named_props named;
	struct mapi_restriction *res;
};
int mapi_ext_rule_condition_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_ext_rule_condition *out);
int mapi_ext_rule_condition_push(struct wc_writer *w, const struct mapi_ext_rule_condition *in);

#endif
