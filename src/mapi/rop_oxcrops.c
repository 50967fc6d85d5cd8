/* ROPs MS-OXCROPS defines itself (2.2.15): the bodies of RopBufferTooSmall and RopBackoff. */
#include "mapi/rop_oxcrops.h"

/* MS-OXCROPS 2.2.15.1.1 RopBufferTooSmall response: SizeNeeded, then RequestBuffers filling the rest of
 * RopsList */
int rop_buffer_too_small_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_buffer_too_small_rsp *b = body;
	size_t n;
	if (!wc_read_u16(p->r, &b->size_needed))
		return WC_EFORMAT;
	n = wc_reader_left(p->r);
	if (n > UINT16_MAX)
		return WC_EFORMAT;
	b->request_buffers_size = (uint16_t)n;
	return wc_read_blob(p->r, p->mem, n, &b->request_buffers) ? 0 : WC_ENOMEM;
}

int rop_buffer_too_small_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_buffer_too_small_rsp *b = body;
	wc_write_u16(p->w, b->size_needed);
	wc_write_bytes(p->w, b->request_buffers, b->request_buffers_size);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.15.2.1 RopBackoff response, 2.2.15.2.1.1 BackoffRop */
int rop_backoff_rsp_pull(struct rop_pull *p, void *body)
{
	struct rop_backoff_rsp *b = body;
	if (!wc_read_u8(p->r, &b->logon_id) || !wc_read_u32(p->r, &b->duration) ||
	    !wc_read_u8(p->r, &b->backoff_rop_count) ||
	    (size_t)b->backoff_rop_count * 5 > wc_reader_left(p->r))
		return WC_EFORMAT;
	b->backoff_rops = talloc_array(p->mem, struct rop_backoff_rop, b->backoff_rop_count);
	if (b->backoff_rops == NULL)
		return WC_ENOMEM;
	for (uint8_t i = 0; i < b->backoff_rop_count; i++) {
		wc_read_u8(p->r, &b->backoff_rops[i].rop_id);
		wc_read_u32(p->r, &b->backoff_rops[i].duration);
	}
	if (!wc_read_u16(p->r, &b->additional_data_size))
		return WC_EFORMAT;
	return wc_read_blob(p->r, p->mem, b->additional_data_size, &b->additional_data) ? 0 : WC_EFORMAT;
}

int rop_backoff_rsp_push(struct rop_push *p, const void *body)
{
	const struct rop_backoff_rsp *b = body;
	wc_write_u8(p->w, b->logon_id);
	wc_write_u32(p->w, b->duration);
	wc_write_u8(p->w, b->backoff_rop_count);
	for (uint8_t i = 0; i < b->backoff_rop_count; i++) {
		wc_write_u8(p->w, b->backoff_rops[i].rop_id);
		wc_write_u32(p->w, b->backoff_rops[i].duration);
	}
	wc_write_u16(p->w, b->additional_data_size);
	wc_write_bytes(p->w, b->additional_data, b->additional_data_size);
	return wc_writer_status(p->w);
}
