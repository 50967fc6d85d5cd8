/* Fuzz the MS-OXORULE rule action decoders. First byte (mod 5): 0 standard RuleAction, 1 extended RuleAction,
 * 2 PidTagExtendedRuleMessageActions, 3 PidTagExtendedRuleMessageCondition, 4 NamedPropertyInformation.
 * Whatever decodes must encode back to exactly the bytes it was read from and decode again to an equal value.
 */
#include "common/wc_error.h"
#include "mapi/mapi_restriction.h"
#include "mapi/mapi_ruleaction.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool named_equal(const struct mapi_rule_named_props *a, const struct mapi_rule_named_props *b)
{
	if (a->count != b->count)
		return false;
	for (uint16_t i = 0; i < a->count; i++) {
		const struct mapi_propname *x = &a->names[i], *y = &b->names[i];
		if (a->ids[i] != b->ids[i] || x->kind != y->kind || !wc_guid_equal(&x->guid, &y->guid) ||
		    x->lid != y->lid || (x->name != y->name && strcmp(x->name, y->name) != 0))
			return false;
	}
	return true;
}

struct thing {
	struct mapi_rule_actions *actions;
	struct mapi_ext_rule_actions ext;
	struct mapi_ext_rule_condition cond;
	struct mapi_rule_named_props named;
};

static int pull(struct wc_reader *r, TALLOC_CTX *mem, int mode, struct thing *t)
{
	switch (mode) {
	case 0:
	case 1:
		return mapi_rule_actions_pull(r, mem, mode ? MAPI_PV_EXTENDED_RULE : 0, &t->actions);
	case 2:
		return mapi_ext_rule_actions_pull(r, mem, &t->ext);
	case 3:
		return mapi_ext_rule_condition_pull(r, mem, &t->cond);
	default:
		return mapi_rule_named_props_pull(r, mem, &t->named);
	}
}

static int push(struct wc_writer *w, int mode, const struct thing *t)
{
	switch (mode) {
	case 0:
	case 1:
		return mapi_rule_actions_push(w, mode ? MAPI_PV_EXTENDED_RULE : 0, t->actions);
	case 2:
		return mapi_ext_rule_actions_push(w, &t->ext);
	case 3:
		return mapi_ext_rule_condition_push(w, &t->cond);
	default:
		return mapi_rule_named_props_push(w, &t->named);
	}
}

static bool same(TALLOC_CTX *mem, int mode, const struct thing *a, const struct thing *b)
{
	struct mapi_rule_actions *copy;
	switch (mode) {
	case 0:
	case 1:
		return mapi_rule_actions_equal(a->actions, b->actions) &&
		       mapi_rule_actions_copy(mem, a->actions, &copy) == 0 &&
		       mapi_rule_actions_equal(copy, a->actions);
	case 2:
		return named_equal(&a->ext.named, &b->ext.named) && a->ext.version == b->ext.version &&
		       mapi_rule_actions_equal(a->ext.actions, b->ext.actions);
	case 3:
		return named_equal(&a->cond.named, &b->cond.named) &&
		       mapi_restriction_equal(a->cond.res, b->cond.res);
	default:
		return named_equal(&a->named, &b->named);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	int mode = data[0] % 5;
	data++;
	size--;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct thing first = {0}, second = {0};
	struct wc_reader r;
	wc_reader_init(&r, data, size);
	if (pull(&r, mem, mode, &first) == 0) {
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		if (push(&w, mode, &first) != 0 || w.len != r.pos || memcmp(w.data, data, w.len) != 0)
			abort();
		struct wc_reader again;
		wc_reader_init(&again, w.data, w.len);
		if (pull(&again, mem, mode, &second) != 0 || wc_reader_left(&again) != 0 ||
		    !same(mem, mode, &first, &second))
			abort();
	}
	talloc_free(mem);
	return 0;
}
