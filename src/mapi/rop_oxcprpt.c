/* Bodies of the Property and Stream Object protocol ROPs: MS-OXCPRPT 2.2, wire layouts in MS-OXCROPS 2.2.8
 * (properties and RopProgress) and 2.2.9 (streams). */
#include "mapi/rop_oxcprpt.h"

#include "mapi/rop.h"

/* ---- bodies of fixed fields ---- */

/* MS-OXCROPS 2.2.8.4.1 RopGetPropertiesAll request */
const struct rop_fields rop_get_properties_all_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_get_properties_all_req, property_size_limit, ROP_U16),
                   ROP_FIELD(struct rop_get_properties_all_req, want_unicode, ROP_U16));

/* MS-OXCROPS 2.2.8.13.1 RopProgress request */
const struct rop_fields rop_progress_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_progress_req, want_cancel, ROP_U8));

/* MS-OXCROPS 2.2.8.13.2 RopProgress response */
const struct rop_fields rop_progress_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_progress_rsp, logon_id, ROP_U8),
                   ROP_FIELD(struct rop_progress_rsp, completed_task_count, ROP_U32),
                   ROP_FIELD(struct rop_progress_rsp, total_task_count, ROP_U32));

/* MS-OXCROPS 2.2.9.1.1 RopOpenStream request */
const struct rop_fields rop_open_stream_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_open_stream_req, property_tag, ROP_U32),
                   ROP_FIELD(struct rop_open_stream_req, open_mode_flags, ROP_U8));

/* MS-OXCROPS 2.2.9.1.2 RopOpenStream and 2.2.9.6.2 RopGetStreamSize responses */
const struct rop_fields rop_stream_size_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_stream_size_rsp, stream_size, ROP_U32));

/* MS-OXCROPS 2.2.9.3.2 RopWriteStream and 2.2.9.12.2 RopWriteAndCommitStream responses */
const struct rop_fields rop_write_stream_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_write_stream_rsp, written_size, ROP_U16));

/* MS-OXCROPS 2.2.9.4.2 RopWriteStreamExtended response */
const struct rop_fields rop_write_stream_extended_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_write_stream_extended_rsp, written_size, ROP_U32));

/* MS-OXCROPS 2.2.9.7.1 RopSetStreamSize request */
const struct rop_fields rop_set_stream_size_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_set_stream_size_req, stream_size, ROP_U64));

/* MS-OXCROPS 2.2.9.8.1 RopSeekStream request */
const struct rop_fields rop_seek_stream_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_seek_stream_req, origin, ROP_U8),
                   ROP_FIELD(struct rop_seek_stream_req, offset, ROP_U64));

/* MS-OXCROPS 2.2.9.8.2 RopSeekStream response */
const struct rop_fields rop_seek_stream_rsp_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_seek_stream_rsp, new_position, ROP_U64));

/* MS-OXCROPS 2.2.9.9.1 RopCopyToStream request */
const struct rop_fields rop_copy_to_stream_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_copy_to_stream_req, byte_count, ROP_U64));

/* MS-OXCROPS 2.2.9.10.1 RopLockRegionStream and 2.2.9.11.1 RopUnlockRegionStream requests */
const struct rop_fields rop_region_stream_req_fields =
        ROP_FIELDS(ROP_FIELD(struct rop_region_stream_req, region_offset, ROP_U64),
                   ROP_FIELD(struct rop_region_stream_req, region_size, ROP_U64),
                   ROP_FIELD(struct rop_region_stream_req, lock_flags, ROP_U32));

/* ---- counted arrays ---- */

/* count PropertyNames (MS-OXCDATA 2.6.1), each at least its Kind and GUID */
static int propname_array_pull(struct rop_pull *p, uint16_t count, struct mapi_propname **names)
{
	*names = NULL;
	if ((size_t)count * 17 > wc_reader_left(p->r))
		return WC_EFORMAT;
	if (count > 0 && (*names = talloc_zero_array(p->mem, struct mapi_propname, count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < count; i++) {
		int ret = mapi_propname_pull(p->r, *names, &(*names)[i]);
		if (ret != 0)
			return ret;
	}
	return 0;
}

static int propname_array_push(struct rop_push *p, uint16_t count, const struct mapi_propname *names)
{
	if (count > 0 && names == NULL)
		return WC_EINVAL;
	for (uint16_t i = 0; i < count; i++) {
		int ret = mapi_propname_push(p->w, &names[i]);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(p->w);
}

/* count 16-bit property IDs */
static int propid_array_pull(struct rop_pull *p, uint16_t count, uint16_t **ids)
{
	*ids = NULL;
	if ((size_t)count * 2 > wc_reader_left(p->r))
		return WC_EFORMAT;
	if (count > 0 && (*ids = talloc_array(p->mem, uint16_t, count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < count; i++)
		wc_read_u16(p->r, &(*ids)[i]); /* cannot fail: checked above */
	return 0;
}

static int propid_array_push(struct rop_push *p, uint16_t count, const uint16_t *ids)
{
	if (count > 0 && ids == NULL)
		return WC_EINVAL;
	for (uint16_t i = 0; i < count; i++)
		wc_write_u16(p->w, ids[i]);
	return wc_writer_status(p->w);
}

/* PropertyProblemCount, then that many PropertyProblems (MS-OXCDATA 2.7) of 10 bytes each */
static int problems_pull(struct rop_pull *p, uint16_t *count, struct mapi_propproblem **problems)
{
	*problems = NULL;
	if (!wc_read_u16(p->r, count) || (size_t)*count * 10 > wc_reader_left(p->r))
		return WC_EFORMAT;
	if (*count > 0 && (*problems = talloc_array(p->mem, struct mapi_propproblem, *count)) == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < *count; i++)
		mapi_propproblem_pull(p->r, &(*problems)[i]); /* cannot fail: checked above */
	return 0;
}

static int problems_push(struct rop_push *p, uint16_t count, const struct mapi_propproblem *problems)
{
	if (count > 0 && problems == NULL)
		return WC_EINVAL;
	wc_write_u16(p->w, count);
	for (uint16_t i = 0; i < count; i++)
		mapi_propproblem_push(p->w, &problems[i]);
	return wc_writer_status(p->w);
}

/* ---- getting properties ---- */

/* MS-OXCROPS 2.2.8.3.1 RopGetPropertiesSpecific request; MS-OXCPRPT 2.2.2.1 */
int rop_get_properties_specific_req_pull(struct rop_pull *p, void *body)
{
	struct rop_get_properties_specific_req *b = body;
	if (!wc_read_u16(p->r, &b->property_size_limit) || !wc_read_u16(p->r, &b->want_unicode))
		return WC_EFORMAT;
	return mapi_proptag_array_pull(p->r, p->mem, &b->property_tag_count, &b->property_tags);
}

int rop_get_properties_specific_req_push(struct rop_push *p, const void *body)
{
	const struct rop_get_properties_specific_req *b = body;
	wc_write_u16(p->w, b->property_size_limit);
	wc_write_u16(p->w, b->want_unicode);
	return mapi_proptag_array_push(p->w, b->property_tag_count, b->property_tags);
}

/* MS-OXCROPS 2.2.8.3.2 RopGetPropertiesSpecific response; MS-OXCPRPT 2.2.2.2: one PropertyRow whose columns
 * are the request's PropertyTags, in their order */
int rop_get_properties_specific_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_get_properties_specific_rsp *b = body;
	const struct rop_get_properties_specific_req *q = &p->req->get_properties_specific;
	return rop_property_row_pull(p, q->property_tags, q->property_tag_count, &b->row_data);
}

int rop_get_properties_specific_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_get_properties_specific_rsp *b = body;
	const struct rop_get_properties_specific_req *q = &p->req->get_properties_specific;
	return mapi_property_row_push(p->w, q->property_tags, q->property_tag_count, 0, &b->row_data);
}

/* MS-OXCROPS 2.2.8.4.2 RopGetPropertiesAll response; MS-OXCPRPT 2.2.3.2: PropertyValueCount, then that many
 * TaggedPropertyValues (MS-OXCDATA 2.11.4) */
int rop_property_values_pull(struct rop_pull *p, void *body)
{
	struct rop_property_values *b = body;
	b->property_values = NULL;
	if (!wc_read_u16(p->r, &b->property_value_count))
		return WC_EFORMAT;
	return mapi_tagged_propval_array_pull(p->r, p->mem, 0, b->property_value_count, &b->property_values);
}

int rop_property_values_push(struct rop_push *p, const void *body)
{
	const struct rop_property_values *b = body;
	wc_write_u16(p->w, b->property_value_count);
	return mapi_tagged_propval_array_push(p->w, 0, b->property_value_count, b->property_values);
}

/* ---- setting and deleting properties ---- */

/* MS-OXCROPS 2.2.8.6.1 RopSetProperties and 2.2.8.7.1 RopSetPropertiesNoReplicate requests; MS-OXCPRPT
 * 2.2.5.1: PropertyValueSize, the byte count of PropertyValueCount and PropertyValues, which must fill it */
int rop_set_properties_req_pull(struct rop_pull *p, void *body)
{
	return rop_sized_pull(p, rop_property_values_pull, body);
}

int rop_set_properties_req_push(struct rop_push *p, const void *body)
{
	return rop_sized_push(p, rop_property_values_push, body);
}

/* MS-OXCROPS 2.2.8.6.2 - 2.2.8.9.2 responses; MS-OXCPRPT 2.2.5.2, 2.2.7.2 */
int rop_property_problems_pull(struct rop_pull *p, void *body)
{
	struct rop_property_problems *b = body;
	return problems_pull(p, &b->property_problem_count, &b->property_problems);
}

int rop_property_problems_push(struct rop_push *p, const void *body)
{
	const struct rop_property_problems *b = body;
	return problems_push(p, b->property_problem_count, b->property_problems);
}

/* ---- named properties ---- */

/* MS-OXCROPS 2.2.8.10.1 RopQueryNamedProperties request; MS-OXCPRPT 2.2.9.1: PropertyGuid only when HasGuid
 * is nonzero */
int rop_query_named_properties_req_pull(struct rop_pull *p, void *body)
{
	struct rop_query_named_properties_req *b = body;
	if (!wc_read_u8(p->r, &b->query_flags) || !wc_read_u8(p->r, &b->has_guid))
		return WC_EFORMAT;
	if (b->has_guid && !wc_read_guid(p->r, &b->property_guid))
		return WC_EFORMAT;
	return 0;
}

int rop_query_named_properties_req_push(struct rop_push *p, const void *body)
{
	const struct rop_query_named_properties_req *b = body;
	wc_write_u8(p->w, b->query_flags);
	wc_write_u8(p->w, b->has_guid);
	if (b->has_guid)
		wc_write_guid(p->w, &b->property_guid);
	return wc_writer_status(p->w);
}

/* The response layouts RopQueryNamedProperties has: success with ReturnValue 0 or ecWarnWithErrors
 * (MS-OXCROPS 2.2.8.10.2), otherwise the failure ending after ReturnValue (2.2.8.10.3). */
static bool query_named_has_body(uint32_t return_value)
{
	return return_value == 0 || return_value == ecWarnWithErrors;
}

/* MS-OXCROPS 2.2.8.10.2 RopQueryNamedProperties response; MS-OXCPRPT 2.2.9.2: IdCount, PropertyIds, then as
 * many PropertyNames */
int rop_query_named_properties_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_query_named_properties_rsp *b = body;
	if (!query_named_has_body(p->return_value))
		return 0;
	if (!wc_read_u16(p->r, &b->id_count))
		return WC_EFORMAT;
	int ret = propid_array_pull(p, b->id_count, &b->property_ids);
	return ret ? ret : propname_array_pull(p, b->id_count, &b->property_names);
}

int rop_query_named_properties_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_query_named_properties_rsp *b = body;
	if (!query_named_has_body(p->return_value))
		return wc_writer_status(p->w);
	wc_write_u16(p->w, b->id_count);
	int ret = propid_array_push(p, b->id_count, b->property_ids);
	return ret ? ret : propname_array_push(p, b->id_count, b->property_names);
}

/* MS-OXCROPS 2.2.8.1.1 RopGetPropertyIdsFromNames request; MS-OXCPRPT 2.2.12.1 */
int rop_get_property_ids_from_names_req_pull(struct rop_pull *p, void *body)
{
	struct rop_get_property_ids_from_names_req *b = body;
	if (!wc_read_u8(p->r, &b->flags) || !wc_read_u16(p->r, &b->property_name_count))
		return WC_EFORMAT;
	return propname_array_pull(p, b->property_name_count, &b->property_names);
}

int rop_get_property_ids_from_names_req_push(struct rop_push *p, const void *body)
{
	const struct rop_get_property_ids_from_names_req *b = body;
	wc_write_u8(p->w, b->flags);
	wc_write_u16(p->w, b->property_name_count);
	return propname_array_push(p, b->property_name_count, b->property_names);
}

/* MS-OXCROPS 2.2.8.1.2 RopGetPropertyIdsFromNames response and 2.2.8.2.1 RopGetNamesFromPropertyIds
 * request: PropertyIdCount, PropertyIds */
int rop_property_ids_pull(struct rop_pull *p, void *body)
{
	struct rop_property_ids *b = body;
	b->property_ids = NULL;
	if (!wc_read_u16(p->r, &b->property_id_count))
		return WC_EFORMAT;
	return propid_array_pull(p, b->property_id_count, &b->property_ids);
}

int rop_property_ids_push(struct rop_push *p, const void *body)
{
	const struct rop_property_ids *b = body;
	wc_write_u16(p->w, b->property_id_count);
	return propid_array_push(p, b->property_id_count, b->property_ids);
}

/* MS-OXCROPS 2.2.8.2.2 RopGetNamesFromPropertyIds response; MS-OXCPRPT 2.2.13.2 */
int rop_property_names_pull(struct rop_pull *p, void *body)
{
	struct rop_property_names *b = body;
	b->property_names = NULL;
	if (!wc_read_u16(p->r, &b->property_name_count))
		return WC_EFORMAT;
	return propname_array_pull(p, b->property_name_count, &b->property_names);
}

int rop_property_names_push(struct rop_push *p, const void *body)
{
	const struct rop_property_names *b = body;
	wc_write_u16(p->w, b->property_name_count);
	return propname_array_push(p, b->property_name_count, b->property_names);
}

/* ---- copying properties ---- */

/* MS-OXCROPS 2.2.8.11.1 RopCopyProperties request; MS-OXCPRPT 2.2.10.1 */
int rop_copy_properties_req_pull(struct rop_pull *p, void *body)
{
	struct rop_copy_properties_req *b = body;
	if (!wc_read_u8(p->r, &b->want_asynchronous) || !wc_read_u8(p->r, &b->copy_flags))
		return WC_EFORMAT;
	return mapi_proptag_array_pull(p->r, p->mem, &b->property_tag_count, &b->property_tags);
}

int rop_copy_properties_req_push(struct rop_push *p, const void *body)
{
	const struct rop_copy_properties_req *b = body;
	wc_write_u8(p->w, b->want_asynchronous);
	wc_write_u8(p->w, b->copy_flags);
	return mapi_proptag_array_push(p->w, b->property_tag_count, b->property_tags);
}

/* MS-OXCROPS 2.2.8.12.1 RopCopyTo request; MS-OXCPRPT 2.2.11.1 */
int rop_copy_to_req_pull(struct rop_pull *p, void *body)
{
	struct rop_copy_to_req *b = body;
	if (!wc_read_u8(p->r, &b->want_asynchronous) || !wc_read_u8(p->r, &b->want_sub_objects) ||
	    !wc_read_u8(p->r, &b->copy_flags))
		return WC_EFORMAT;
	return mapi_proptag_array_pull(p->r, p->mem, &b->excluded_tag_count, &b->excluded_tags);
}

int rop_copy_to_req_push(struct rop_push *p, const void *body)
{
	const struct rop_copy_to_req *b = body;
	wc_write_u8(p->w, b->want_asynchronous);
	wc_write_u8(p->w, b->want_sub_objects);
	wc_write_u8(p->w, b->copy_flags);
	return mapi_proptag_array_push(p->w, b->excluded_tag_count, b->excluded_tags);
}

/* MS-OXCROPS 2.2.8.11.2 - 2.2.8.11.4 and 2.2.8.12.2 - 2.2.8.12.4 RopCopyProperties and RopCopyTo responses;
 * MS-OXCPRPT 2.2.10.2, 2.2.11.2: the problems on success, only DestHandleIndex with ecDstNullObject, nothing
 * after another failure */
int rop_copy_properties_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_copy_properties_rsp *b = body;
	if (p->return_value == ecDstNullObject)
		return wc_read_u32(p->r, &b->dest_handle_index) ? 0 : WC_EFORMAT;
	if (p->return_value != 0)
		return 0;
	return problems_pull(p, &b->property_problem_count, &b->property_problems);
}

int rop_copy_properties_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_copy_properties_rsp *b = body;
	if (p->return_value == ecDstNullObject)
		wc_write_u32(p->w, b->dest_handle_index);
	if (p->return_value != 0)
		return wc_writer_status(p->w);
	return problems_push(p, b->property_problem_count, b->property_problems);
}

/* ---- streams ---- */

/* MS-OXCROPS 2.2.9.2.1 RopReadStream request; MS-OXCPRPT 2.2.15.1: MaximumByteCount if and only if ByteCount
 * is 0xBABE; above 0x80000000 the RPC SHOULD fail with ecRpcFormat */
int rop_read_stream_req_pull(struct rop_pull *p, void *body)
{
	struct rop_read_stream_req *b = body;
	b->maximum_byte_count = 0;
	if (!wc_read_u16(p->r, &b->byte_count))
		return WC_EFORMAT;
	if (b->byte_count != READ_STREAM_USE_MAXIMUM)
		return 0;
	if (!wc_read_u32(p->r, &b->maximum_byte_count) || b->maximum_byte_count > READ_STREAM_MAXIMUM)
		return WC_EFORMAT;
	return 0;
}

int rop_read_stream_req_push(struct rop_push *p, const void *body)
{
	const struct rop_read_stream_req *b = body;
	bool maximum = b->byte_count == READ_STREAM_USE_MAXIMUM;
	if (maximum && b->maximum_byte_count > READ_STREAM_MAXIMUM)
		return WC_ERANGE;
	wc_write_u16(p->w, b->byte_count);
	if (maximum)
		wc_write_u32(p->w, b->maximum_byte_count);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.9.9.2, 2.2.9.9.3 RopCopyToStream response; MS-OXCPRPT 2.2.21.2: DestHandleIndex only with
 * ecDstNullObject, then ReadByteCount and WrittenByteCount whatever ReturnValue says */
int rop_copy_to_stream_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_copy_to_stream_rsp *b = body;
	if (p->return_value == ecDstNullObject && !wc_read_u32(p->r, &b->dest_handle_index))
		return WC_EFORMAT;
	if (!wc_read_u64(p->r, &b->read_byte_count) || !wc_read_u64(p->r, &b->written_byte_count))
		return WC_EFORMAT;
	return 0;
}

int rop_copy_to_stream_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_copy_to_stream_rsp *b = body;
	if (p->return_value == ecDstNullObject)
		wc_write_u32(p->w, b->dest_handle_index);
	wc_write_u64(p->w, b->read_byte_count);
	wc_write_u64(p->w, b->written_byte_count);
	return wc_writer_status(p->w);
}
