/* MS-OXORULE 2.2.5 RuleAction / ActionBlock / ActionData, 2.2.4.2 NamedPropertyInformation and the extended
 * rule properties of 2.2.4.1.9 and 2.2.4.1.10. Which counts are 2 or 4 bytes: see mapi_ruleaction.h. */
#include "mapi/mapi_ruleaction.h"
#include "mapi/mapi_codec_private.h"
#include "mapi/mapi_restriction.h"
#include "common/wc_error.h"

#include <string.h>

/* The fewest bytes an ActionBlock takes: ActionLength, ActionType, ActionFlavor, ActionFlags. */
static size_t block_min_size(unsigned flags)
{
	return (flags & MAPI_PV_EXTENDED_RULE ? 4 : 2) + 1 + 4 + 4;
}

/* The value rules of 2.2.5 on one block (its recipients included): 0 or WC_ERANGE (WC_EINVAL for a block
 * built without its recipient array). */
static int block_check(const struct mapi_action_block *b)
{
	switch (b->type) {
	case OP_REPLY:
	case OP_OOF_REPLY:
	case OP_FORWARD:
		/* 2.2.5.1.1: unknown flavor bits "MUST be set to 0 by the client and ignored by the server"
		 */
		break;
	default:
		/* 2.2.5.1.1: "MUST be 0x00000000 if the value of the ActionType field is not one of these" */
		if (b->flavor != 0)
			return WC_ERANGE;
	}
	switch (b->type) {
	case OP_BOUNCE:
		if (b->bounce_code != BOUNCE_MESSAGE_SIZE_TOO_LARGE &&
		    b->bounce_code != BOUNCE_MESSAGE_FORM_CANNOT_DISPLAY &&
		    b->bounce_code != BOUNCE_MESSAGE_DENIED)
			return WC_ERANGE;
		break;
	case OP_FORWARD:
	case OP_DELEGATE:
		/* 2.2.5.1.2.4, 2.2.5.1.2.4.1: "This number MUST be greater than zero" */
		if (b->forward.count == 0)
			return WC_ERANGE;
		if (b->forward.recipients == NULL)
			return WC_EINVAL;
		for (uint32_t i = 0; i < b->forward.count; i++)
			if (b->forward.recipients[i].count == 0)
				return WC_ERANGE;
		break;
	}
	return 0;
}

static int binary_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_binary *bin)
{
	if (!count_pull(r, flags, &bin->len) || !wc_read_blob(r, mem, bin->len, &bin->data))
		return WC_EFORMAT;
	return 0;
}

static int binary_push(struct wc_writer *w, unsigned flags, const struct mapi_binary *bin)
{
	if (bin->len > 0 && bin->data == NULL)
		return writer_fail(w, WC_EINVAL);
	if (count_push(w, flags, bin->len) == 0)
		wc_write_bytes(w, bin->data, bin->len);
	return wc_writer_status(w);
}

/* OP_FORWARD / OP_DELEGATE ActionData (2.2.5.1.2.4): RecipientCount RecipientBlockData structures. */
static int forward_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_action_block *b)
{
	uint32_t n;
	/* a RecipientBlockData takes at least Reserved and NoOfProperties */
	if (!count_pull(r, flags, &n) || n > wc_reader_left(r) / (flags & MAPI_PV_EXTENDED_RULE ? 5 : 3))
		return WC_EFORMAT;
	if (n == 0)
		return WC_ERANGE;
	struct mapi_recipient_block *rb = talloc_zero_array(mem, struct mapi_recipient_block, n);
	if (rb == NULL)
		return WC_ENOMEM;
	b->forward.count = n;
	b->forward.recipients = rb;
	for (uint32_t i = 0; i < n; i++) {
		int ret;
		if (!wc_read_u8(r, &rb[i].reserved) || !count_pull(r, flags, &rb[i].count))
			return WC_EFORMAT;
		if ((ret = mapi_tagged_propval_array_pull(r, rb, flags_nested(flags), rb[i].count,
		                                          &rb[i].props)) != 0)
			return ret;
	}
	return 0;
}

/* ActionData (2.2.5.1.2) of the block's type, from a reader holding exactly the rest of the block. Everything
 * hangs off mem, which the caller frees on failure. */
static int data_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_action_block *b)
{
	bool ext = (flags & MAPI_PV_EXTENDED_RULE) != 0;
	int ret;

	switch (b->type) {
	case OP_MOVE:
	case OP_COPY:
		if (!ext && !wc_read_u8(r, &b->move_copy.folder_in_this_store))
			return WC_EFORMAT;
		if ((ret = binary_pull(r, mem, flags, &b->move_copy.store_eid)) != 0)
			return ret;
		return binary_pull(r, mem, flags, &b->move_copy.folder_eid);
	case OP_REPLY:
	case OP_OOF_REPLY:
		if (ext) {
			if ((ret = binary_pull(r, mem, flags, &b->reply.template_eid)) != 0)
				return ret;
		} else if (!wc_read_u64(r, &b->reply.template_fid) ||
		           !wc_read_u64(r, &b->reply.template_mid)) {
			return WC_EFORMAT;
		}
		return wc_read_guid(r, &b->reply.template_guid) ? 0 : WC_EFORMAT;
	case OP_DEFER_ACTION:
		/* 2.2.5.1.2.3: opaque; its size is what ActionLength leaves */
		b->defer.len = (uint32_t)wc_reader_left(r);
		return wc_read_blob(r, mem, b->defer.len, &b->defer.data) ? 0 : WC_ENOMEM;
	case OP_FORWARD:
	case OP_DELEGATE:
		return forward_pull(r, mem, flags, b);
	case OP_BOUNCE:
		return wc_read_u32(r, &b->bounce_code) ? 0 : WC_EFORMAT;
	case OP_TAG:
		return mapi_tagged_propval_pull(r, mem, flags_nested(flags), &b->tag);
	case OP_DELETE:
	case OP_MARK_AS_READ:
		return 0;
	}
	return WC_EUNSUPPORTED;
}

/* ActionBlock (2.2.5.1): ActionLength covers ActionType, ActionFlavor, ActionFlags and ActionData exactly. */
static int block_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags, struct mapi_action_block *b)
{
	uint32_t len;
	const uint8_t *p;
	struct wc_reader sub;

	if (!count_pull(r, flags, &len) || !wc_read_ptr(r, len, &p))
		return WC_EFORMAT;
	wc_reader_init(&sub, p, len);
	if (!wc_read_u8(&sub, &b->type) || !wc_read_u32(&sub, &b->flavor) || !wc_read_u32(&sub, &b->flags))
		return WC_EFORMAT;
	int ret = data_pull(&sub, mem, flags, b);
	if (ret == 0 && wc_reader_left(&sub) != 0)
		ret = WC_EFORMAT; /* ActionLength claims more than the ActionData holds */
	return ret ? ret : block_check(b);
}

/* MS-OXORULE 2.2.5 RuleAction */
int mapi_rule_actions_pull(struct wc_reader *r, TALLOC_CTX *mem, unsigned flags,
                           struct mapi_rule_actions **out)
{
	uint32_t n;
	int ret = 0;

	if (flags_depth(flags) >= MAPI_MAX_RESTRICTION_DEPTH)
		return WC_EDEPTH;
	if (!count_pull(r, flags, &n) || n > wc_reader_left(r) / block_min_size(flags))
		return WC_EFORMAT;
	if (n == 0)
		return WC_ERANGE; /* 2.2.5: NoOfActions "MUST be greater than zero" */
	struct mapi_rule_actions *a = talloc_zero(mem, struct mapi_rule_actions);
	if (a == NULL || (a->blocks = talloc_zero_array(a, struct mapi_action_block, n)) == NULL) {
		talloc_free(a);
		return WC_ENOMEM;
	}
	a->count = n;
	for (uint32_t i = 0; i < n && ret == 0; i++)
		ret = block_pull(r, a->blocks, flags, &a->blocks[i]);
	if (ret != 0) {
		talloc_free(a);
		return ret;
	}
	*out = a;
	return 0;
}

static int data_push(struct wc_writer *w, unsigned flags, const struct mapi_action_block *b)
{
	bool ext = (flags & MAPI_PV_EXTENDED_RULE) != 0;

	switch (b->type) {
	case OP_MOVE:
	case OP_COPY:
		if (!ext)
			wc_write_u8(w, b->move_copy.folder_in_this_store);
		binary_push(w, flags, &b->move_copy.store_eid);
		return binary_push(w, flags, &b->move_copy.folder_eid);
	case OP_REPLY:
	case OP_OOF_REPLY:
		if (ext) {
			binary_push(w, flags, &b->reply.template_eid);
		} else {
			wc_write_u64(w, b->reply.template_fid);
			wc_write_u64(w, b->reply.template_mid);
		}
		wc_write_guid(w, &b->reply.template_guid);
		break;
	case OP_DEFER_ACTION:
		if (b->defer.len > 0 && b->defer.data == NULL)
			return writer_fail(w, WC_EINVAL);
		wc_write_bytes(w, b->defer.data, b->defer.len); /* no count: ActionLength says how long */
		break;
	case OP_FORWARD:
	case OP_DELEGATE:
		count_push(w, flags, b->forward.count);
		for (uint32_t i = 0; i < b->forward.count && wc_writer_status(w) == 0; i++) {
			const struct mapi_recipient_block *rb = &b->forward.recipients[i];
			wc_write_u8(w, rb->reserved);
			count_push(w, flags, rb->count);
			mapi_tagged_propval_array_push(w, flags_nested(flags), rb->count, rb->props);
		}
		break;
	case OP_BOUNCE:
		wc_write_u32(w, b->bounce_code);
		break;
	case OP_TAG:
		return mapi_tagged_propval_push(w, flags_nested(flags), &b->tag);
	case OP_DELETE:
	case OP_MARK_AS_READ:
		break;
	default:
		return writer_fail(w, WC_EINVAL);
	}
	return wc_writer_status(w);
}

int mapi_rule_actions_push(struct wc_writer *w, unsigned flags, const struct mapi_rule_actions *a)
{
	size_t width = flags & MAPI_PV_EXTENDED_RULE ? 4 : 2;

	if (flags_depth(flags) >= MAPI_MAX_RESTRICTION_DEPTH)
		return writer_fail(w, WC_EDEPTH);
	if (a->count == 0)
		return writer_fail(w, WC_ERANGE);
	if (a->blocks == NULL)
		return writer_fail(w, WC_EINVAL);
	count_push(w, flags, a->count);
	for (uint32_t i = 0; i < a->count && wc_writer_status(w) == 0; i++) {
		const struct mapi_action_block *b = &a->blocks[i];
		size_t at;
		int ret = block_check(b);
		if (ret != 0)
			return writer_fail(w, ret);
		if (!wc_write_reserve(w, width, &at))
			break;
		wc_write_u8(w, b->type);
		wc_write_u32(w, b->flavor);
		wc_write_u32(w, b->flags);
		if (data_push(w, flags, b) != 0)
			break;
		size_t len = w->len - at - width;
		if (width == 2 && len > UINT16_MAX)
			return writer_fail(w, WC_ERANGE);
		if (width == 2)
			wc_patch_u16(w, at, (uint16_t)len);
		else
			wc_patch_u32(w, at, (uint32_t)len);
	}
	return wc_writer_status(w);
}

/* ---- copy and equality ---- */

static int binary_copy(TALLOC_CTX *mem, const struct mapi_binary *src, struct mapi_binary *dst)
{
	dst->len = src->len;
	dst->data = NULL;
	if (src->data != NULL && (dst->data = talloc_memdup(mem, src->data, src->len ? src->len : 1)) == NULL)
		return WC_ENOMEM;
	return 0;
}

static bool binary_equal(const struct mapi_binary *a, const struct mapi_binary *b)
{
	return a->len == b->len && (a->len == 0 || memcmp(a->data, b->data, a->len) == 0);
}

static int propvals_copy(TALLOC_CTX *mem, uint32_t n, const struct mapi_propval *src,
                         struct mapi_propval **dst)
{
	*dst = NULL;
	if (n == 0)
		return 0;
	if ((*dst = talloc_zero_array(mem, struct mapi_propval, n)) == NULL)
		return WC_ENOMEM;
	for (uint32_t i = 0; i < n; i++)
		if (mapi_propval_copy(*dst, &src[i], &(*dst)[i]) != 0)
			return WC_ENOMEM;
	return 0;
}

static int block_copy(TALLOC_CTX *mem, const struct mapi_action_block *src, struct mapi_action_block *dst)
{
	*dst = *src; /* scalars; the pointers are replaced below */
	switch (src->type) {
	case OP_MOVE:
	case OP_COPY:
		if (binary_copy(mem, &src->move_copy.store_eid, &dst->move_copy.store_eid) != 0)
			return WC_ENOMEM;
		return binary_copy(mem, &src->move_copy.folder_eid, &dst->move_copy.folder_eid);
	case OP_REPLY:
	case OP_OOF_REPLY:
		return binary_copy(mem, &src->reply.template_eid, &dst->reply.template_eid);
	case OP_DEFER_ACTION:
		return binary_copy(mem, &src->defer, &dst->defer);
	case OP_FORWARD:
	case OP_DELEGATE:
		dst->forward.recipients = NULL;
		if (src->forward.count == 0)
			return 0;
		dst->forward.recipients =
		        talloc_zero_array(mem, struct mapi_recipient_block, src->forward.count);
		if (dst->forward.recipients == NULL)
			return WC_ENOMEM;
		for (uint32_t i = 0; i < src->forward.count; i++) {
			const struct mapi_recipient_block *s = &src->forward.recipients[i];
			struct mapi_recipient_block *d = &dst->forward.recipients[i];
			*d = *s;
			if (propvals_copy(dst->forward.recipients, s->count, s->props, &d->props) != 0)
				return WC_ENOMEM;
		}
		return 0;
	case OP_TAG:
		return mapi_propval_copy(mem, &src->tag, &dst->tag);
	}
	return 0;
}

int mapi_rule_actions_copy(TALLOC_CTX *mem, const struct mapi_rule_actions *src,
                           struct mapi_rule_actions **dst)
{
	struct mapi_rule_actions *a = talloc_zero(mem, struct mapi_rule_actions);
	int ret = a == NULL ? WC_ENOMEM : 0;
	if (ret == 0 && src->count > 0 &&
	    (a->blocks = talloc_zero_array(a, struct mapi_action_block, src->count)) == NULL)
		ret = WC_ENOMEM;
	for (uint32_t i = 0; i < src->count && ret == 0; i++)
		ret = block_copy(a->blocks, &src->blocks[i], &a->blocks[i]);
	if (ret != 0) {
		talloc_free(a);
		return ret;
	}
	a->count = src->count;
	*dst = a;
	return 0;
}

static bool recipients_equal(const struct mapi_action_block *a, const struct mapi_action_block *b)
{
	if (a->forward.count != b->forward.count)
		return false;
	for (uint32_t i = 0; i < a->forward.count; i++) {
		const struct mapi_recipient_block *ra = &a->forward.recipients[i],
		                                  *rb = &b->forward.recipients[i];
		if (ra->reserved != rb->reserved || ra->count != rb->count)
			return false;
		for (uint32_t k = 0; k < ra->count; k++)
			if (!mapi_propval_equal(&ra->props[k], &rb->props[k]))
				return false;
	}
	return true;
}

static bool block_equal(const struct mapi_action_block *a, const struct mapi_action_block *b)
{
	if (a->type != b->type || a->flavor != b->flavor || a->flags != b->flags)
		return false;
	switch (a->type) {
	case OP_MOVE:
	case OP_COPY:
		return a->move_copy.folder_in_this_store == b->move_copy.folder_in_this_store &&
		       binary_equal(&a->move_copy.store_eid, &b->move_copy.store_eid) &&
		       binary_equal(&a->move_copy.folder_eid, &b->move_copy.folder_eid);
	case OP_REPLY:
	case OP_OOF_REPLY:
		return a->reply.template_fid == b->reply.template_fid &&
		       a->reply.template_mid == b->reply.template_mid &&
		       binary_equal(&a->reply.template_eid, &b->reply.template_eid) &&
		       wc_guid_equal(&a->reply.template_guid, &b->reply.template_guid);
	case OP_DEFER_ACTION:
		return binary_equal(&a->defer, &b->defer);
	case OP_FORWARD:
	case OP_DELEGATE:
		return recipients_equal(a, b);
	case OP_BOUNCE:
		return a->bounce_code == b->bounce_code;
	case OP_TAG:
		return mapi_propval_equal(&a->tag, &b->tag);
	}
	return true;
}

bool mapi_rule_actions_equal(const struct mapi_rule_actions *a, const struct mapi_rule_actions *b)
{
	if (a->count != b->count)
		return false;
	for (uint32_t i = 0; i < a->count; i++)
		if (!block_equal(&a->blocks[i], &b->blocks[i]))
			return false;
	return true;
}

/* ---- extended rules (2.2.4) ---- */

/* MS-OXORULE 2.2.4.2 NamedPropertyInformation; allocations go on mem (the caller frees it on failure). */
static int named_fill(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_rule_named_props *info)
{
	uint32_t size;
	int ret;

	/* each name takes at least its Kind and GUID (17 bytes), besides the 2-byte ID */
	if (!wc_read_u16(r, &info->count) || info->count > wc_reader_left(r) / 19)
		return WC_EFORMAT;
	if (info->count == 0)
		return 0; /* "reduces to a 2-byte value of 0x0000" */
	info->ids = talloc_array(mem, uint16_t, info->count);
	info->names = talloc_zero_array(mem, struct mapi_propname, info->count);
	if (info->ids == NULL || info->names == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < info->count; i++) {
		wc_read_u16(r, &info->ids[i]); /* cannot fail: checked above */
		if (info->ids[i] < 0x8000)
			return WC_ERANGE;
	}
	if (!wc_read_u32(r, &size))
		return WC_EFORMAT;
	size_t start = r->pos;
	for (uint16_t i = 0; i < info->count; i++)
		if ((ret = mapi_propname_pull(r, info->names, &info->names[i])) != 0)
			return ret;
	/* NamedPropertiesSize: "the total size, in bytes, of the following fields" */
	return r->pos - start == size ? 0 : WC_EFORMAT;
}

int mapi_rule_named_props_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_rule_named_props *info)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct mapi_rule_named_props got = {0};
	int ret = tmp ? named_fill(r, tmp, &got) : WC_ENOMEM;
	if (ret == 0) {
		talloc_steal(mem, got.ids);
		talloc_steal(mem, got.names);
		*info = got;
	}
	talloc_free(tmp);
	return ret;
}

int mapi_rule_named_props_push(struct wc_writer *w, const struct mapi_rule_named_props *info)
{
	wc_write_u16(w, info->count);
	if (info->count == 0)
		return wc_writer_status(w);
	if (info->ids == NULL || info->names == NULL)
		return writer_fail(w, WC_EINVAL);
	for (uint16_t i = 0; i < info->count; i++) {
		if (info->ids[i] < 0x8000)
			return writer_fail(w, WC_ERANGE);
		wc_write_u16(w, info->ids[i]);
	}
	size_t at;
	wc_write_reserve(w, 4, &at);
	for (uint16_t i = 0; i < info->count && wc_writer_status(w) == 0; i++)
		mapi_propname_push(w, &info->names[i]);
	wc_patch_u32(w, at, (uint32_t)(w->len - at - 4));
	return wc_writer_status(w);
}

static void named_free(struct mapi_rule_named_props *info)
{
	talloc_free(info->ids);
	talloc_free(info->names);
}

/* MS-OXORULE 2.2.4.1.9 PidTagExtendedRuleMessageActions */
int mapi_ext_rule_actions_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_ext_rule_actions *out)
{
	struct mapi_ext_rule_actions got = {0};
	int ret = mapi_rule_named_props_pull(r, mem, &got.named);
	if (ret != 0)
		return ret;
	if (!wc_read_u32(r, &got.version))
		ret = WC_EFORMAT;
	else if (got.version != EXTENDED_RULE_VERSION)
		ret = WC_ERANGE;
	else
		ret = mapi_rule_actions_pull(r, mem, MAPI_PV_EXTENDED_RULE, &got.actions);
	if (ret != 0) {
		named_free(&got.named);
		return ret;
	}
	*out = got;
	return 0;
}

int mapi_ext_rule_actions_push(struct wc_writer *w, const struct mapi_ext_rule_actions *in)
{
	if (in->version != EXTENDED_RULE_VERSION)
		return writer_fail(w, WC_ERANGE);
	if (in->actions == NULL)
		return writer_fail(w, WC_EINVAL);
	mapi_rule_named_props_push(w, &in->named);
	wc_write_u32(w, in->version);
	return mapi_rule_actions_push(w, MAPI_PV_EXTENDED_RULE, in->actions);
}

/* MS-OXORULE 2.2.4.1.10 PidTagExtendedRuleMessageCondition */
int mapi_ext_rule_condition_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_ext_rule_condition *out)
{
	struct mapi_ext_rule_condition got = {0};
	int ret = mapi_rule_named_props_pull(r, mem, &got.named);
	if (ret != 0)
		return ret;
	ret = mapi_restriction_pull(r, mem, MAPI_PV_EXTENDED_RULE, &got.res);
	if (ret != 0) {
		named_free(&got.named);
		return ret;
	}
	*out = got;
	return 0;
}

int mapi_ext_rule_condition_push(struct wc_writer *w, const struct mapi_ext_rule_condition *in)
{
	if (in->res == NULL)
		return writer_fail(w, WC_EINVAL);
	mapi_rule_named_props_push(w, &in->named);
	return mapi_restriction_push(w, MAPI_PV_EXTENDED_RULE, in->res);
}
