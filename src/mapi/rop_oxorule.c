/* Bodies of the rules ROPs: MS-OXORULE 2.2.3, wire layouts in MS-OXCROPS 2.2.11 (RopModifyRules:
 * rop_oxcperm.c). */
#include "mapi/rop_oxorule.h"

/* MS-OXCROPS 2.2.11.3.1 RopUpdateDeferredActionMessages request: ServerEntryIdSize, ServerEntryId,
 * ClientEntryIdSize, ClientEntryId */
int rop_update_deferred_action_messages_req_pull(struct rop_pull *p, void *body)
{
	struct rop_update_deferred_action_messages_req *b = body;
	if (!wc_read_u16(p->r, &b->server_entry_id_size) ||
	    !wc_read_blob(p->r, p->mem, b->server_entry_id_size, &b->server_entry_id) ||
	    !wc_read_u16(p->r, &b->client_entry_id_size) ||
	    !wc_read_blob(p->r, p->mem, b->client_entry_id_size, &b->client_entry_id))
		return WC_EFORMAT;
	return 0;
}

int rop_update_deferred_action_messages_req_push(struct rop_push *p, const void *body)
{
	const struct rop_update_deferred_action_messages_req *b = body;
	wc_write_u16(p->w, b->server_entry_id_size);
	wc_write_bytes(p->w, b->server_entry_id, b->server_entry_id_size);
	wc_write_u16(p->w, b->client_entry_id_size);
	wc_write_bytes(p->w, b->client_entry_id, b->client_entry_id_size);
	return wc_writer_status(p->w);
}
