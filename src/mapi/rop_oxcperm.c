/* Bodies of the permissions ROPs: MS-OXCPERM 2.2.2, wire layouts in MS-OXCROPS 2.2.10; the request layout is
 * RopModifyRules' too (MS-OXCROPS 2.2.11.1.1). */
#include "mapi/rop_oxcperm.h"

/* MS-OXCROPS 2.2.10.1.1 RopModifyPermissions / 2.2.11.1.1 RopModifyRules request: ModifyFlags, ModifyCount,
 * then PermissionData / RuleData entries: flags, PropertyValueCount, PropertyValues */
int rop_modify_rows_req_pull(struct rop_pull *p, void *body)
{
	struct rop_modify_rows_req *b = body;
	b->rows = NULL;
	if (!wc_read_u8(p->r, &b->flags) || !wc_read_u16(p->r, &b->count))
		return WC_EFORMAT;
	if (b->count == 0)
		return 0;
	if ((size_t)b->count * 3 > wc_reader_left(p->r)) /* each takes at least its 3 fixed bytes */
		return WC_EFORMAT;
	if ((b->rows = talloc_zero_array(p->mem, struct rop_modify_row, b->count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < b->count; i++) {
		struct rop_modify_row *row = &b->rows[i];
		if (!wc_read_u8(p->r, &row->flags) || !wc_read_u16(p->r, &row->property_value_count))
			return WC_EFORMAT;
		int ret = mapi_tagged_propval_array_pull(p->r, b->rows, 0, row->property_value_count,
		                                         &row->property_values);
		if (ret != 0)
			return ret;
	}
	return 0;
}

int rop_modify_rows_req_push(struct rop_push *p, const void *body)
{
	const struct rop_modify_rows_req *b = body;
	if (b->count > 0 && b->rows == NULL)
		return WC_EINVAL;
	wc_write_u8(p->w, b->flags);
	wc_write_u16(p->w, b->count);
	for (uint16_t i = 0; i < b->count; i++) {
		const struct rop_modify_row *row = &b->rows[i];
		wc_write_u8(p->w, row->flags);
		wc_write_u16(p->w, row->property_value_count);
		int ret = mapi_tagged_propval_array_push(p->w, 0, row->property_value_count,
		                                         row->property_values);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(p->w);
}
