/* src/mapi/mapi_ruleaction.c: MS-OXORULE 2.2.5 RuleAction and the extended rule properties of 2.2.4. Vectors
 * are hand-built from the field tables of 2.2.5.x unless they come from the example of 4.1.1 (tests/vectors).
 */
#include "testutil.h"
#include "codec_check.h"
#include "common/wc_error.h"
#include "mapi/mapi_restriction.h"
#include "mapi/mapi_ruleaction.h"

#include <string.h>

#define STD 0
#define EXT MAPI_PV_EXTENDED_RULE

static struct wc_guid template_guid = {
        0x11223344, 0x5566, 0x7788, {0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x00}};
#define TEMPLATE_GUID_HEX "44 33 22 11 66 55 88 77 99 AA BB CC DD EE FF 00"

static struct mapi_propval fwd_props[] = {
        {0x3001001F, {.str = "a"}}, /* PidTagDisplayName */
        {0x0C150003, {.i32 = 1}},   /* PidTagRecipientType: MAPI_TO */
};
static struct mapi_recipient_block fwd_recipient = {0x01, 2, fwd_props};
static struct mapi_propval delegate_props[] = {{0x0FFF0102, {.bin = {2, (uint8_t *)"\xAB\xCD"}}}};
static struct mapi_recipient_block delegate_recipient = {0x00, 1, delegate_props};

struct action_vector {
	const char *what;
	unsigned flags;
	const char *hex;
	struct mapi_action_block want;
};

/* Each hex is a whole RuleAction with NoOfActions 1: NoOfActions, ActionLength, ActionType, ActionFlavor,
 * ActionFlags, ActionData. */
static const struct action_vector action_vectors[] = {
        {"OP_COPY standard: FolderInThisStore, 16-bit StoreEIDSize and FolderEIDSize",
         STD,
         "01 00  11 00  02  00 00 00 00  00 00 00 00  00  01 00 AA  02 00 BB CC",
         {.type = OP_COPY, .move_copy = {0, {1, (uint8_t *)"\xAA"}, {2, (uint8_t *)"\xBB\xCC"}}}},
        {"OP_MOVE extended: no FolderInThisStore, 32-bit sizes",
         EXT,
         "01 00 00 00  14 00 00 00  01  00 00 00 00  00 00 00 00  01 00 00 00 AA  02 00 00 00 BB CC",
         {.type = OP_MOVE, .move_copy = {0, {1, (uint8_t *)"\xAA"}, {2, (uint8_t *)"\xBB\xCC"}}}},
        {"OP_REPLY standard, flavor NS: ReplyTemplateFID, ReplyTemplateMID, ReplyTemplateGUID",
         STD,
         "01 00  29 00  03  01 00 00 00  00 00 00 00"
         "  01 00 00 00 00 00 00 07  02 00 00 00 00 00 00 09  " TEMPLATE_GUID_HEX,
         {.type = OP_REPLY,
          .flavor = DO_NOT_SEND_TO_ORIGINATOR,
          .reply = {0x0700000000000001, 0x0900000000000002, {0, NULL}, {0}}}},
        {"OP_OOF_REPLY extended, flavor ST: MessageEIDSize, ReplyTemplateMessageEID, ReplyTemplateGUID",
         EXT,
         "01 00 00 00  21 00 00 00  04  02 00 00 00  00 00 00 00  04 00 00 00 E1 E2 E3 E4 "
         " " TEMPLATE_GUID_HEX,
         {.type = OP_OOF_REPLY,
          .flavor = STOCK_REPLY_TEMPLATE,
          .reply = {0, 0, {4, (uint8_t *)"\xE1\xE2\xE3\xE4"}, {0}}}},
        {"OP_DEFER_ACTION: client bytes, as long as ActionLength says",
         STD,
         "01 00  0C 00  05  00 00 00 00  78 56 34 12  DE AD BE",
         {.type = OP_DEFER_ACTION, .flags = 0x12345678, .defer = {3, (uint8_t *)"\xDE\xAD\xBE"}}},
        {"OP_DEFER_ACTION with no bytes",
         STD,
         "01 00  09 00  05  00 00 00 00  00 00 00 00",
         {.type = OP_DEFER_ACTION, .defer = {0, NULL}}},
        {"OP_BOUNCE 0x26 (denied)",
         STD,
         "01 00  0D 00  06  00 00 00 00  00 00 00 00  26 00 00 00",
         {.type = OP_BOUNCE, .bounce_code = BOUNCE_MESSAGE_DENIED}},
        /* RecipientCount 1; Reserved 0x01, NoOfProperties 2, PidTagDisplayName "a", PidTagRecipientType 1 */
        {"OP_FORWARD standard, flavor PR|NC: 16-bit RecipientCount and NoOfProperties",
         STD,
         "01 00  1E 00  07  03 00 00 00  00 00 00 00  01 00  01 02 00  1F 00 01 30 61 00 00 00  03 00 15 0C "
         "01 00 00 00",
         {.type = OP_FORWARD,
          .flavor = FWD_PRESERVE_SENDER | FWD_DO_NOT_MUNGE_MSG,
          .forward = {1, &fwd_recipient}}},
        /* RecipientCount 1; Reserved 0, NoOfProperties 1, PidTagEntryId with a 32-bit byte count */
        {"OP_DELEGATE extended: 32-bit counts, binary values with 32-bit COUNT",
         EXT,
         "01 00 00 00  1C 00 00 00  08  00 00 00 00  00 00 00 00  01 00 00 00  00 01 00 00 00  02 01 FF 0F "
         "02 00 00 00 AB CD",
         {.type = OP_DELEGATE, .forward = {1, &delegate_recipient}}},
        /* PidTagImportance (0x00170003) = 2 */
        {"OP_TAG: a TaggedPropertyValue",
         STD,
         "01 00  11 00  09  00 00 00 00  00 00 00 00  03 00 17 00 02 00 00 00",
         {.type = OP_TAG, .tag = {0x00170003, {.i32 = 2}}}},
        {"OP_DELETE: no ActionData", STD, "01 00  09 00  0A  00 00 00 00  00 00 00 00", {.type = OP_DELETE}},
        {"OP_MARK_AS_READ: no ActionData",
         EXT,
         "01 00 00 00  09 00 00 00  0B  00 00 00 00  00 00 00 00",
         {.type = OP_MARK_AS_READ}},
};

#define NVEC (sizeof action_vectors / sizeof action_vectors[0])

static const struct mapi_action_block *want_block(size_t i)
{
	static struct mapi_action_block blocks[NVEC];
	blocks[i] = action_vectors[i].want;
	if (blocks[i].type == OP_REPLY || blocks[i].type == OP_OOF_REPLY)
		blocks[i].reply.template_guid = template_guid;
	return &blocks[i];
}

/* mapi_rule_actions_pull / push / equal in an action_vector's flags */
static int actions_pull(struct wc_reader *r, TALLOC_CTX *mem, const void *ctx, void **out)
{
	const struct action_vector *av = ctx;
	struct mapi_rule_actions *a;
	int ret = mapi_rule_actions_pull(r, mem, av->flags, &a);
	if (ret == 0)
		*out = a;
	return ret;
}

static int actions_push(struct wc_writer *w, const void *ctx, const void *obj)
{
	const struct action_vector *av = ctx;
	return mapi_rule_actions_push(w, av->flags, obj);
}

static bool actions_equal(const void *ctx, const void *a, const void *b)
{
	return mapi_rule_actions_equal(a, b);
}

static const struct cc_codec actions_codec = {actions_pull, actions_push, actions_equal};

static void test_every_action_against_its_vector(void **state)
{
	for (size_t i = 0; i < NVEC; i++) {
		const struct action_vector *av = &action_vectors[i];
		struct mapi_rule_actions want = {1, (struct mapi_action_block *)want_block(i)};
		cc_check_hex(*state, &actions_codec, av, av->what, av->hex, &want);
	}
}

static void test_several_actions_copy_and_compare(void **state)
{
	struct mapi_action_block blocks[NVEC];
	for (size_t i = 0; i < NVEC; i++)
		blocks[i] = *want_block(i);
	struct mapi_rule_actions all = {NVEC, blocks}, *copy;
	assert_int_equal(mapi_rule_actions_copy(*state, &all, &copy), 0);
	assert_true(mapi_rule_actions_equal(copy, &all));
	assert_ptr_not_equal(copy->blocks[0].move_copy.store_eid.data, blocks[0].move_copy.store_eid.data);
	/* the mixed standard vectors encode and decode as one RuleAction */
	struct wc_writer w;
	struct mapi_action_block std[NVEC];
	uint32_t n = 0;
	for (size_t i = 0; i < NVEC; i++)
		if (action_vectors[i].flags == STD)
			std[n++] = blocks[i];
	struct mapi_rule_actions some = {n, std}, *back;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &some), 0);
	struct wc_reader r;
	wc_reader_init(&r, w.data, w.len);
	assert_int_equal(mapi_rule_actions_pull(&r, *state, STD, &back), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_true(mapi_rule_actions_equal(back, &some));
	/* differences are seen */
	copy->blocks[7].forward.recipients[0].props[1].value.i32 = 2;
	assert_false(mapi_rule_actions_equal(copy, &all));
	copy->blocks[7].forward.recipients[0].props[1].value.i32 = 1;
	copy->blocks[2].reply.template_guid.d4[7] = 1;
	assert_false(mapi_rule_actions_equal(copy, &all));
	copy->blocks[2].reply.template_guid.d4[7] = 0;
	copy->blocks[4].flags = 0;
	assert_false(mapi_rule_actions_equal(copy, &all));
}

/* MS-OXORULE 4.1.1: PidTagRuleActions is one OP_MOVE with FolderInThisStore 0x01, a 0xAD-byte StoreEID and a
 * 21-byte ServerEid */
static void test_modifyrules_example_actions(void **state)
{
	const char *file = "MS-OXORULE-4.1.1-modifyrules-ruledata.hex";
	size_t len;
	uint8_t *b = tu_vector(*state, file, "ruleactions", &len);
	struct wc_reader r;
	struct mapi_rule_actions *a;

	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_rule_actions_pull(&r, *state, STD, &a), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(a->count, 1);
	const struct mapi_action_block *blk = &a->blocks[0];
	assert_int_equal(blk->type, OP_MOVE);
	assert_int_equal(blk->flavor, 0);
	assert_int_equal(blk->flags, 0);
	assert_int_equal(blk->move_copy.folder_in_this_store, 1);
	assert_int_equal(blk->move_copy.store_eid.len, 0xAD);
	/* the Store Object EntryID starts with Flags 0 and the ProviderUID 38A1BB1005E5101AA1BB08002B2A56C2
	 */
	assert_memory_equal(blk->move_copy.store_eid.data, "\x00\x00\x00\x00\x38\xA1\xBB\x10", 8);
	assert_int_equal(blk->move_copy.folder_eid.len, 0x15);
	struct mapi_server_id sid;
	assert_int_equal(mapi_server_id_pull(&blk->move_copy.folder_eid, &sid), 0);
	assert_true(sid.folder_id == 0x0C00720100000004ULL);

	const struct action_vector std = {"MS-OXORULE 4.1.1 PidTagRuleActions", STD, NULL, {0}};
	cc_check(*state, &actions_codec, &std, std.what, b, len, a);
}

/* MS-OXORULE 4.1.1: the eight TaggedPropertyValues of the RuleData, PtypRuleAction and PtypRestriction ones
 * included */
static void test_modifyrules_example_ruledata(void **state)
{
	static const uint32_t tags[] = {0x6682001F, 0x66760003, 0x66770003, 0x667900FD,
	                                0x668000FE, 0x6681001F, 0x66830003, 0x66840102};
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXORULE-4.1.1-modifyrules-ruledata.hex", "propertyvalues", &len);
	struct wc_reader r;
	struct mapi_propval *pvs;

	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_tagged_propval_array_pull(&r, *state, STD, 8, &pvs), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	for (int i = 0; i < 8; i++)
		assert_int_equal(pvs[i].tag, tags[i]);
	assert_string_equal(pvs[0].value.str, "Project X");
	assert_int_equal(pvs[1].value.i32, 10);
	assert_int_equal(pvs[2].value.i32, 1); /* ST_ENABLED */
	assert_int_equal(pvs[3].value.res->type, RES_CONTENT);
	assert_int_equal(pvs[4].value.actions->blocks[0].type, OP_MOVE);
	assert_string_equal(pvs[5].value.str, "RuleOrganizer");
	assert_int_equal(pvs[6].value.i32, 0);
	assert_int_equal(pvs[7].value.bin.len, 0x10);

	struct mapi_propval *copy = talloc_array(*state, struct mapi_propval, 8);
	for (int i = 0; i < 8; i++) {
		assert_int_equal(mapi_propval_copy(copy, &pvs[i], &copy[i]), 0);
		assert_true(mapi_propval_equal(&pvs[i], &copy[i]));
	}
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_tagged_propval_array_push(&w, STD, 8, copy), 0);
	tu_assert_bytes(w.data, w.len, b, len);
}

static void test_invalid_actions(void **state)
{
	static const struct {
		const char *what;
		unsigned flags;
		const char *hex;
		int want;
	} cases[] = {
	        {"NoOfActions 0", STD, "00 00", WC_ERANGE},
	        {"NoOfActions 0 extended", EXT, "00 00 00 00", WC_ERANGE},
	        {"NoOfActions the input cannot hold", STD, "FF FF  09 00  0A  00 00 00 00  00 00 00 00",
	         WC_EFORMAT},
	        {"NoOfActions 2^32-1 extended", EXT, "FF FF FF FF  09 00 00 00  0A  00 00 00 00  00 00 00 00",
	         WC_EFORMAT},
	        {"ActionLength longer than the ActionData", STD,
	         "01 00  0A 00  0A  00 00 00 00  00 00 00 00  00", WC_EFORMAT},
	        {"ActionLength shorter than the ActionData", STD,
	         "01 00  0C 00  06  00 00 00 00  00 00 00 00  26 00 00 00", WC_EFORMAT},
	        {"ActionLength past the end", STD, "01 00  FF 00  0A  00 00 00 00  00 00 00 00", WC_EFORMAT},
	        {"ActionLength too short for the header", STD, "01 00  04 00  0A 00 00 00", WC_EFORMAT},
	        {"ActionType 0x0C", STD, "01 00  09 00  0C  00 00 00 00  00 00 00 00", WC_EUNSUPPORTED},
	        {"ActionType 0x00", STD, "01 00  09 00  00  00 00 00 00  00 00 00 00", WC_EUNSUPPORTED},
	        {"ActionFlavor on OP_DELETE", STD, "01 00  09 00  0A  01 00 00 00  00 00 00 00", WC_ERANGE},
	        {"ActionFlavor on OP_MOVE", STD, "01 00  0E 00  01  04 00 00 00  00 00 00 00  01 00 00 00 00",
	         WC_ERANGE},
	        {"BounceCode 0x01", STD, "01 00  0D 00  06  00 00 00 00  00 00 00 00  01 00 00 00",
	         WC_ERANGE},
	        {"RecipientCount 0", STD, "01 00  0B 00  07  00 00 00 00  00 00 00 00  00 00", WC_ERANGE},
	        {"NoOfProperties 0", STD, "01 00  0E 00  08  00 00 00 00  00 00 00 00  01 00  00 00 00",
	         WC_ERANGE},
	        {"RecipientCount the input cannot hold", STD,
	         "01 00  0E 00  07  00 00 00 00  00 00 00 00  FF FF  00 00 00", WC_EFORMAT},
	        {"NoOfProperties the input cannot hold", STD,
	         "01 00  12 00  07  00 00 00 00  00 00 00 00  01 00  00 FF FF  03 00 17 00", WC_EFORMAT},
	        {"OP_TAG value of a type that does not exist", STD,
	         "01 00  11 00  09  00 00 00 00  00 00 00 00  08 00 17 00 02 00 00 00", WC_EUNSUPPORTED},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TALLOC_CTX *mem = talloc_new(*state);
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		struct mapi_rule_actions *a;
		wc_reader_init(&r, b, len);
		int ret = mapi_rule_actions_pull(&r, mem, cases[i].flags, &a);
		if (ret != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].what, ret, cases[i].want);
		assert_int_equal(talloc_total_size(mem), 0);
		talloc_free(mem);
	}
}

static void test_encoder_refuses_what_the_decoder_would(void **state)
{
	struct wc_writer w;
	struct mapi_action_block b = {.type = OP_DELETE, .flavor = 1};
	struct mapi_rule_actions a = {1, &b};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &a), WC_ERANGE);
	b = (struct mapi_action_block){.type = OP_BOUNCE, .bounce_code = 7};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &a), WC_ERANGE);
	b = (struct mapi_action_block){.type = OP_FORWARD, .forward = {0, NULL}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &a), WC_ERANGE);
	b = (struct mapi_action_block){.type = OP_FORWARD, .forward = {1, NULL}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &a), WC_EINVAL);
	b = (struct mapi_action_block){.type = 0x42};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &a), WC_EINVAL);
	struct mapi_rule_actions none = {0, NULL};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &none), WC_ERANGE);
	/* an ActionLength above 0xFFFF fits only the extended form */
	b = (struct mapi_action_block){.type = OP_DEFER_ACTION,
	                               .defer = {0x10000, talloc_zero_size(*state, 0x10000)}};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, STD, &a), WC_ERANGE);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_actions_push(&w, EXT, &a), 0);
	assert_int_equal(w.len, 4 + 4 + 9 + 0x10000);
}

/* OP_TAG values can hold rule actions, which can hold OP_TAG ...: the restriction depth limit applies */
static void test_depth_limit(void **state)
{
	/* NoOfActions 1, ActionLength (patched), OP_TAG, flavor 0, flags 0, tag 0x668000FE, then the next
	 * level */
	for (size_t n = MAPI_MAX_RESTRICTION_DEPTH - 1; n <= MAPI_MAX_RESTRICTION_DEPTH; n++) {
		size_t level = 2 + 2 + 9 + 4, last = 2 + 2 + 9;
		size_t len = n * level + last;
		uint8_t *b = talloc_zero_array(*state, uint8_t, len);
		for (size_t i = 0; i <= n; i++) {
			uint8_t *p = b + i * level;
			size_t action_len = len - i * level - 4;
			p[0] = 1;
			p[2] = (uint8_t)action_len;
			p[3] = (uint8_t)(action_len >> 8);
			p[4] = i < n ? OP_TAG : OP_DELETE;
			if (i < n)
				memcpy(p + 13, "\xFE\x00\x80\x66", 4);
		}
		struct wc_reader r;
		struct mapi_rule_actions *a;
		wc_reader_init(&r, b, len);
		assert_int_equal(mapi_rule_actions_pull(&r, *state, STD, &a),
		                 n < MAPI_MAX_RESTRICTION_DEPTH ? 0 : WC_EDEPTH);
		if (n < MAPI_MAX_RESTRICTION_DEPTH) {
			struct wc_writer w;
			wc_writer_init(&w, *state, 0);
			assert_int_equal(mapi_rule_actions_push(&w, STD, a), 0);
			tu_assert_bytes(w.data, w.len, b, len);
		}
	}
}

/* ---- extended rules (2.2.4) ---- */

/* NamedPropertyInformation with property ID 0x8001 for {00062008-0000-0000-C000-000000000046} LID 0x8501 */
#define NAMED_ONE "01 00  01 80  15 00 00 00  00 08 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46 01 85 00 00"

static void test_ext_rule_actions(void **state)
{
	/* NamedPropertyInformation, RuleVersion 1, RuleActionsBuffer: OP_TAG 0x80010003 = 5 (extended: 4-byte
	 * NoOfActions and ActionLength) */
	size_t len;
	uint8_t *b = tu_hex(
	        *state,
	        NAMED_ONE "  01 00 00 00"
	                  "  01 00 00 00  11 00 00 00  09  00 00 00 00  00 00 00 00  03 00 01 80 05 00 00 00",
	        &len);
	struct wc_reader r;
	struct mapi_ext_rule_actions x;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_ext_rule_actions_pull(&r, *state, &x), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(x.named.count, 1);
	assert_int_equal(x.named.ids[0], 0x8001);
	assert_int_equal(x.named.names[0].kind, MNID_ID);
	assert_int_equal(x.named.names[0].lid, 0x8501);
	assert_int_equal(x.version, 1);
	assert_int_equal(x.actions->blocks[0].tag.tag, 0x80010003);
	assert_int_equal(x.actions->blocks[0].tag.value.i32, 5);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_ext_rule_actions_push(&w, &x), 0);
	tu_assert_bytes(w.data, w.len, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		TALLOC_CTX *mem = talloc_new(*state);
		wc_reader_init(&r, b, cut);
		assert_int_equal(mapi_ext_rule_actions_pull(&r, mem, &x), WC_EFORMAT);
		assert_int_equal(talloc_total_blocks(mem), 1);
		talloc_free(mem);
	}
	/* RuleVersion 2 */
	b[len - 29] = 2;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_ext_rule_actions_pull(&r, *state, &x), WC_ERANGE);
}

static void test_ext_rule_condition(void **state)
{
	/* no named properties ("reduces to a 2-byte value of 0x0000"); And with a 4-byte RestrictCount of one
	 * PropertyRestriction whose PtypBinary value has a 4-byte COUNT */
	size_t len;
	uint8_t *b = tu_hex(*state, "00 00  00 01 00 00 00  04 04 02 01 FF 0F  02 01 FF 0F 02 00 00 00 AB CD",
	                    &len);
	struct wc_reader r;
	struct mapi_ext_rule_condition c;
	wc_reader_init(&r, b, len);
	assert_int_equal(mapi_ext_rule_condition_pull(&r, *state, &c), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	assert_int_equal(c.named.count, 0);
	assert_int_equal(c.res->type, RES_AND);
	assert_int_equal(c.res->and_or.count, 1);
	assert_int_equal(c.res->and_or.res[0].property.pv.value.bin.len, 2);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_ext_rule_condition_push(&w, &c), 0);
	tu_assert_bytes(w.data, w.len, b, len);
	for (size_t cut = 0; cut < len; cut++) {
		wc_reader_init(&r, b, cut);
		assert_int_equal(mapi_ext_rule_condition_pull(&r, *state, &c), WC_EFORMAT);
	}
}

static void test_named_property_information_rules(void **state)
{
	static const struct {
		const char *what;
		const char *hex;
		int want;
	} cases[] = {
	        {"one MNID_ID name", NAMED_ONE, 0},
	        {"property ID below 0x8000",
	         "01 00  FF 7F  15 00 00 00  00 08 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46 01 85 00 00",
	         WC_ERANGE},
	        {"NamedPropertiesSize too big",
	         "01 00  01 80  16 00 00 00  00 08 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46 01 85 00 00",
	         WC_EFORMAT},
	        {"NamedPropertiesSize too small",
	         "01 00  01 80  14 00 00 00  00 08 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46 01 85 00 00",
	         WC_EFORMAT},
	        {"NoOfNamedProps the input cannot hold", "FF FF  01 80  15 00 00 00", WC_EFORMAT},
	        /* MNID_STRING "A": NameSize 4 */
	        {"one MNID_STRING name",
	         "01 00  02 80  16 00 00 00  01 08 20 06 00 00 00 00 00 C0 00 00 00 00 00 00 46 04 41 00 00 "
	         "00",
	         0},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		TALLOC_CTX *mem = talloc_new(*state);
		size_t len;
		uint8_t *b = tu_hex(*state, cases[i].hex, &len);
		struct wc_reader r;
		struct mapi_rule_named_props info;
		wc_reader_init(&r, b, len);
		int ret = mapi_rule_named_props_pull(&r, mem, &info);
		if (ret != cases[i].want)
			fail_msg("%s: got %d, want %d", cases[i].what, ret, cases[i].want);
		if (ret != 0) {
			assert_int_equal(talloc_total_blocks(mem), 1);
		} else {
			assert_int_equal(wc_reader_left(&r), 0);
			struct wc_writer w;
			wc_writer_init(&w, mem, 0);
			assert_int_equal(mapi_rule_named_props_push(&w, &info), 0);
			tu_assert_bytes(w.data, w.len, b, len);
		}
		talloc_free(mem);
	}
	uint16_t low = 0x7FFF;
	struct mapi_propname pn = {MNID_NONE, {0}, 0, NULL};
	struct mapi_rule_named_props bad = {1, &low, &pn};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_rule_named_props_push(&w, &bad), WC_ERANGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_every_action_against_its_vector, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_several_actions_copy_and_compare, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_modifyrules_example_actions, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_modifyrules_example_ruledata, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_invalid_actions, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_encoder_refuses_what_the_decoder_would, cc_setup,
	                                        cc_teardown),
	        cmocka_unit_test_setup_teardown(test_depth_limit, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_ext_rule_actions, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_ext_rule_condition, cc_setup, cc_teardown),
	        cmocka_unit_test_setup_teardown(test_named_property_information_rules, cc_setup, cc_teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
