/* MS-OXOMSG: the submission and transport ROPs of the Email Object protocol, server side (3.3.5). The
 * requests and responses are the decoded structs of mapi/rop_oxomsg.h (wire layouts MS-OXCROPS 2.2.7).
 *
 * warpd is its own transport: RopSubmitMessage delivers at once (store/delivery.h, ms_submit_message):
 * local recipients get the message in their Inbox, the others are reported in a non-delivery report in the
 * sender's Inbox (outbound SMTP is a later issue), and the sender's copy moves to Sent Items. So no message
 * ever waits in a spooler queue: RopAbortSubmit and RopSpoolerLockMessage find nothing queued
 * (ecNotInQueue, 3.3.5.2 / 3.3.5.6), RopSetSpooler is accepted but changes nothing (there is nothing for a
 * client spooler to do), and RopTransportSend is a submission whose response returns no properties.
 * After a delivery the recipients' sessions are woken through emsmdb_config.new_mail (the transport's). */
#include "server/emsmdb/emsmdb_rops.h"

#include "mapi/mapi_proptags_gen.h"
#include "server/dir_pool.h"
#include "store/delivery.h"

/* MS-OXOMSG 3.3.5.2, 3.3.5.6: "The message is no longer in the spooler queue of the message store"
 * (MS-OXCDATA 2.4 NotInQueue, MAPI_E_NOT_IN_QUEUE) */
#define ecNotInQueue 0x80040601

/* The address types warpd delivers to (RopGetAddressTypes): directory users by DN and by SMTP address. */
static const char *const address_types[] = {"EX", "SMTP"};

/* MS-OXOMSG 2.2.4.1, 3.3.5.1 RopSubmitMessage on a top-level message (an embedded one is sent with the
 * message that holds it: ecNotSupported). SubmitFlags PreProcess / NeedsSpooler ask for a client spooler's
 * pre-processing, which warpd, delivering itself, does not need; they are accepted and ignored.
 * ecNoRecipients for a message without recipients (IMessage::SubmitMessage, MAPI_E_NO_RECIPIENTS). The
 * transport is told who has new mail. */
uint32_t emsmdb_rop_submit_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	const struct emsmdb_config *cfg = ctx->session->config;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_MESSAGE, &ec);
	if (o == NULL)
		return ec;
	if (o->parent == NULL || !(o->parent->type & (EMSMDB_OBJ_LOGON | EMSMDB_OBJ_FOLDER)))
		return ecNotSupported;
	if (cfg == NULL || cfg->dirs == NULL || cfg->mailbox_dir == NULL)
		return ecNotSupported; /* no directory: no recipient can be resolved */
	/* A response that does not fit becomes a RopBufferTooSmall, which hands the request back to the
	 * client to send again (MS-OXCROPS 3.2.4.3): deliver only when the answer fits (success: 6 bytes,
	 * RopTransportSend 9). */
	if (rop_out_room(ctx->out, req) < (req->id == ROP_TRANSPORT_SEND ? 9u : 6u))
		return ecBufferTooSmall;
	struct dir_handle *h = dir_pool_get(cfg->dirs);
	if (h == NULL)
		return ecError;
	struct dir_entry *sender;
	struct ms_submit_result res;
	ec = ecError;
	if (dir_lookup_dn(h, ctx->mem, ctx->session->user_dn, &sender) == DIR_OK) {
		struct ms_delivery_env env = {.mailbox_dir = cfg->mailbox_dir, .dir = h};
		ec = ms_submit_message(&env, emsmdb_logon_of(o)->mailbox, o->data, sender, ctx->mem, &res);
	}
	dir_pool_put(cfg->dirs, h);
	for (uint32_t i = 0; ec == ecSuccess && cfg->new_mail != NULL && i < res.notify_count; i++)
		cfg->new_mail(cfg->new_mail_arg, res.notify[i]);
	return ec;
}

/* MS-OXOMSG 2.2.5.4 RopTransportSend: the message is sent as by RopSubmitMessage; NoPropertiesReturned 1
 * (the server changed nothing the client must learn about). */
uint32_t emsmdb_rop_transport_send(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp)
{
	uint32_t ec = emsmdb_rop_submit_message(ctx, req, rsp);
	if (ec == ecSuccess)
		rsp->transport_send = (struct rop_transport_send_rsp){.no_properties_returned = 1};
	return ec;
}

/* MS-OXOMSG 2.2.4.2, 3.3.5.2 RopAbortSubmit on a logon: ecNotFound for a FolderId or MessageId that names
 * nothing; an existing message is never queued (submission delivers at once): ecNotInQueue. */
uint32_t emsmdb_rop_abort_submit(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON, &ec);
	if (o == NULL)
		return ec;
	struct ms_folder *f;
	struct ms_message *m;
	const struct rop_abort_submit_req *q = &req->abort_submit;
	ec = ms_folder_open(emsmdb_logon_of(o)->mailbox, q->folder_id, ctx->mem, &f);
	if (ec == ecSuccess)
		ec = ms_message_open(f, q->message_id, MS_OPEN_READONLY, &m);
	if (ec == ecSuccess)
		return ecNotInQueue;
	return ec == ecNotFound || ec == ecInvalidParam ? ecNotFound : ec;
}

/* MS-OXOMSG 2.2.4.3 RopGetAddressTypes on a logon: the recipient address types the server handles. */
uint32_t emsmdb_rop_get_address_types(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp)
{
	uint32_t ec;
	if (emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON, &ec) == NULL)
		return ec;
	rsp->get_address_types.address_type_count = sizeof address_types / sizeof address_types[0];
	rsp->get_address_types.address_types = (char **)address_types;
	return ecSuccess;
}

/* MS-OXOMSG 2.2.5.1 RopSetSpooler on a logon: the client would act as the spooler; warpd's submission does
 * not go through one, so this only succeeds. */
uint32_t emsmdb_rop_set_spooler(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON, &ec);
	return ec;
}

/* MS-OXOMSG 2.2.5.3, 3.3.5.6 RopSpoolerLockMessage on a logon: no message is ever in the spooler queue, so
 * every LockState is answered ecNotInQueue ("the message is not in the spooler queue"); an unknown
 * LockState is ecInvalidParam. */
uint32_t emsmdb_rop_spooler_lock_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	(void)rsp;
	uint32_t ec;
	if (emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON, &ec) == NULL)
		return ec;
	return req->spooler_lock_message.lock_state > LOCK_STATE_FINISHED ? ecInvalidParam : ecNotInQueue;
}

/* MS-OXOMSG 2.2.5.2 RopGetTransportFolder on a logon: the folder a client spooler takes outgoing messages
 * from, the Outbox. */
uint32_t emsmdb_rop_get_transport_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp)
{
	uint32_t ec;
	struct emsmdb_object *o = emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON, &ec);
	if (o == NULL)
		return ec;
	rsp->get_transport_folder.folder_id = emsmdb_logon_of(o)->special_fids[MS_SPECIAL_OUTBOX];
	return rsp->get_transport_folder.folder_id != 0 ? ecSuccess : ecNotFound;
}

/* MS-OXOMSG 2.2.5.5 RopOptionsData on a logon: the transport's options for an address type. warpd has no
 * per-address-type options or help file: Reserved 0x01 (MS-OXCROPS 2.2.7.9.2), empty OptionsInfo, no
 * HelpFile. */
uint32_t emsmdb_rop_options_data(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp)
{
	uint32_t ec;
	if (emsmdb_input_object(ctx, req, EMSMDB_OBJ_LOGON, &ec) == NULL)
		return ec;
	rsp->options_data = (struct rop_options_data_rsp){.reserved = 0x01};
	return ecSuccess;
}
