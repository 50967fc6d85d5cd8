/* mapitest OXOMSG and OXCNOTIF: message submission (MS-OXOMSG 2.2.3, MS-OXCROPS 2.2.7) and notification
 * registration (MS-OXCNOTIF 3.2.5.1, MS-OXCMAPIHTTP 2.2.4.4 NotificationWait). */
#include "mt_server.h"

static const struct mapi_recipient recipient = {RECIPIENT_TO, (char *)"Mapitest Sink",
                                                (char *)"sink@example.org", (char *)"SMTP"};

/* MS-OXOMSG 2.2.3.1, MS-OXCROPS 2.2.7.1: a saved message with a recipient is submitted */
static void test_submit_message(struct mt *t)
{
	struct mapi_object *f = mt_folder(t, NULL), *m;
	mt_rop(t, "RopCreateMessage", mapi_create_message(f, false, t->mem, &m));
	mt_rop(t, "RopModifyRecipients", mapi_modify_recipients(m, 1, &recipient));
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, NULL));
	struct mapi_batch *b;
	mt_req(t, &b, ROP_SUBMIT_MESSAGE, m)->submit_message.submit_flags = SUBMIT_FLAG_NONE;
	mt_send(t, b, ecSuccess);
}

/* MS-OXOMSG 2.2.3.3, MS-OXCROPS 2.2.7.3: RopGetAddressTypes lists the address types the server sends to,
 * each a non-empty string */
static void test_get_address_types(struct mt *t)
{
	struct mapi_batch *b;
	mt_req(t, &b, ROP_GET_ADDRESS_TYPES, mt_store(t));
	const struct rop_get_address_types_rsp *p = &mt_send(t, b, ecSuccess)->get_address_types;
	mt_true(t, p->address_type_count >= 1, "AddressTypeCount: expected at least one, got 0");
	for (uint16_t i = 0; i < p->address_type_count; i++)
		mt_true(t, p->address_types[i][0] != '\0', "AddressTypes[%u]: expected a name, got \"\"", i);
}

/* MS-OXOMSG 3.2.4.8, MS-OXCROPS 2.2.7.8: RopGetTransportFolder names a folder that exists */
static void test_get_transport_folder(struct mt *t)
{
	struct mapi_batch *b;
	mt_req(t, &b, ROP_GET_TRANSPORT_FOLDER, mt_store(t));
	uint64_t fid = mt_send(t, b, ecSuccess)->get_transport_folder.folder_id;
	struct mapi_object *f;
	mt_rop(t, "RopOpenFolder of the transport folder", mapi_open_folder(mt_store(t), fid, t->mem, &f));
}

/* MS-OXCNOTIF 3.2.5.1: RopRegisterNotification on a folder gives a notification subscription object */
static struct mapi_object *subscribe(struct mt *t, struct mapi_object *folder, uint64_t fid)
{
	struct mapi_batch *b;
	struct rop_request *r = mt_req(t, &b, ROP_REGISTER_NOTIFICATION, mt_store(t));
	r->register_notification.notification_types = NOTIFY_OBJECT_CREATED | NOTIFY_NEW_MAIL;
	r->register_notification.folder_id = fid;
	mt_send(t, b, ecSuccess);
	struct mapi_object *sub;
	mt_rop(t, "RopRegisterNotification", mapi_batch_object(b, 0, t->mem, MAPI_OBJ_OTHER, &sub));
	return sub;
}

static void test_register_notification(struct mt *t)
{
	uint64_t fid;
	struct mapi_object *f = mt_folder(t, &fid);
	struct mapi_object *sub = subscribe(t, f, fid);
	mt_true(t, mapi_object_handle(sub) != ROP_INVALID_HANDLE, "the subscription has no server handle");
}

/* MS-OXCNOTIF 3.2.5.1 with MS-OXCMAPIHTTP 3.2.5.4: after an event on a subscribed folder, NotificationWait
 * reports EventPending */
static void test_notification_wait(struct mt *t)
{
	uint64_t fid;
	struct mapi_object *f = mt_folder(t, &fid);
	subscribe(t, f, fid);
	mt_message(t, f, "an event");
	uint32_t pending = 0;
	mt_rop(t, "NotificationWait", mapi_notification_wait(mt_session(t), &pending));
	mt_eq(t, "EventPending", pending, 1);
}

static const struct mt_test tests[] = {
        {"OXOMSG", "submit_message", "MS-OXOMSG 2.2.3.1", test_submit_message, NULL},
        {"OXOMSG", "get_address_types", "MS-OXOMSG 2.2.3.3", test_get_address_types, NULL},
        {"OXOMSG", "get_transport_folder", "MS-OXOMSG 3.2.4.8", test_get_transport_folder, NULL},
        {"OXCNOTIF", "register_notification", "MS-OXCNOTIF 3.2.5.1", test_register_notification, NULL},
        {"OXCNOTIF", "notification_wait_event_pending", "MS-OXCMAPIHTTP 3.2.5.4", test_notification_wait,
         NULL},
};

MT_TEST_LIST(mt_suite_oxomsg, tests);
