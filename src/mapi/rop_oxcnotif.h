/* ROPs of the Core Notifications protocol: MS-OXCNOTIF 2.2.1 (wire layouts in MS-OXCROPS 2.2.14):
 * RopRegisterNotification, and the two server-initiated responses RopNotify (with its NotificationData,
 * MS-OXCNOTIF 2.2.1.4.1.2) and RopPending. FIDs and MIDs are uint64_t as read little-endian from their 8 wire
 * bytes (MS-OXCDATA 2.2.1.1, 2.2.1.2). */
#ifndef MAPI_ROP_OXCNOTIF_H
#define MAPI_ROP_OXCNOTIF_H

#include "mapi/mapi_propval.h"
#include "mapi/rop_codec.h"

/* MS-OXCNOTIF 2.2.1.2.1.1 NotificationTypes of RopRegisterNotification, and 2.2.1.4.1.2 the NotificationType
 * in the low 12 bits of NotificationFlags (NOTIFY_TYPE_MASK). */
#define NOTIFY_NEW_MAIL 0x0002
#define NOTIFY_OBJECT_CREATED 0x0004
#define NOTIFY_OBJECT_DELETED 0x0008
#define NOTIFY_OBJECT_MODIFIED 0x0010
#define NOTIFY_OBJECT_MOVED 0x0020
#define NOTIFY_OBJECT_COPIED 0x0040
#define NOTIFY_SEARCH_COMPLETE 0x0080
#define NOTIFY_TABLE_MODIFIED 0x0100
#define NOTIFY_EXTENDED 0x0400 /* request: Reserved follows; NotificationData: reserved, no fields */
#define NOTIFY_TYPE_MASK 0x0FFF

/* MS-OXCNOTIF 2.2.1.4.1.2 the flags in the high four bits of NotificationFlags */
#define NOTIFY_FLAG_T 0x1000 /* TotalMessageCount present */
#define NOTIFY_FLAG_U 0x2000 /* UnreadMessageCount present */
#define NOTIFY_FLAG_S 0x4000 /* event in a search folder */
#define NOTIFY_FLAG_M 0x8000 /* event on a message */

/* MS-OXCNOTIF 2.2.1.1.1, 2.2.1.4.1.2 TableEventType */
#define TABLE_EVENT_CHANGED 0x0001
#define TABLE_EVENT_ROW_ADDED 0x0003
#define TABLE_EVENT_ROW_DELETED 0x0004
#define TABLE_EVENT_ROW_MODIFIED 0x0005
#define TABLE_EVENT_RESTRICTION_CHANGED 0x0007

/* MS-OXCNOTIF 2.2.1.4.1.2 TagCount 0xFFFF: no Tags follow */
#define NOTIFY_TAG_COUNT_NONE 0xFFFF

/* MS-OXCROPS 2.2.14.1.1 RopRegisterNotification request (the response has no body); MS-OXCNOTIF
 * 2.2.1.2.1.1 */
struct rop_register_notification_req {
	uint16_t notification_types; /* NOTIFY_NEW_MAIL ... NOTIFY_EXTENDED */
	uint8_t reserved;            /* only with NOTIFY_EXTENDED; MUST be 0 */
	uint8_t want_whole_store;
	uint64_t folder_id;  /* only when want_whole_store is zero */
	uint64_t message_id; /* only when want_whole_store is zero; 0 for a folder */
};

/* MS-OXCNOTIF 2.2.1.4.1.2 NotificationData. Which fields are on the wire follows NotificationFlags (and
 * TableEventType) exactly as that section's conditions say; the others stay zero. TableRowData is a
 * PropertyRow (MS-OXCDATA 2.8.1) over the columns of the table the notification is for, which its bytes do
 * not tell: when struct rop_ctx lists the NotificationHandle's columns (rop.h, notify_tables) the row is
 * decoded into table_row, otherwise its bytes are kept in table_row_data. */
struct rop_notification_data {
	uint16_t notification_flags; /* NOTIFY_* type | NOTIFY_FLAG_* */
	uint16_t table_event_type;   /* type NOTIFY_TABLE_MODIFIED */
	uint64_t table_row_folder_id;
	uint64_t table_row_message_id;
	uint32_t table_row_instance;
	uint64_t insert_after_table_row_folder_id;
	uint64_t insert_after_table_row_id;
	uint32_t insert_after_table_row_instance;
	uint16_t table_row_data_size;        /* set by pull; push computes it from table_row */
	uint8_t *table_row_data;             /* columns unknown: the TableRowDataSize bytes */
	struct mapi_property_row *table_row; /* columns known: the row (push prefers it when set) */
	uint64_t folder_id;
	uint64_t message_id;
	uint64_t parent_folder_id;
	uint64_t old_folder_id;
	uint64_t old_message_id;
	uint64_t old_parent_folder_id;
	uint16_t tag_count; /* 0 and NOTIFY_TAG_COUNT_NONE: no tags */
	uint32_t *tags;
	uint32_t total_message_count;
	uint32_t unread_message_count;
	uint32_t message_flags;
	uint8_t unicode_flag; /* MessageClass is UTF-16LE on the wire when nonzero, else 8-bit */
	char *message_class;
};

/* MS-OXCROPS 2.2.14.2.1 RopNotify response: no handle index, no ReturnValue. */
struct rop_notify_rsp {
	uint32_t notification_handle; /* a server object handle value, not a handle-table index */
	uint8_t logon_id;
	struct rop_notification_data data;
};

/* MS-OXCROPS 2.2.14.3.1 RopPending response: no handle index, no ReturnValue. */
struct rop_pending_rsp {
	uint16_t session_index;
};

/* NotificationData alone, against the table it is for (rop.h; NULL when unknown: TableRowData stays bytes,
 * and pushing a table_row is then WC_EINVAL). */
struct rop_notify_table;
int rop_notification_data_pull(struct rop_pull *p, const struct rop_notify_table *t,
                               struct rop_notification_data *d);
int rop_notification_data_push(struct rop_push *p, const struct rop_notify_table *t,
                               const struct rop_notification_data *d);

ROP_DECLARE_BODY(register_notification_req);
ROP_DECLARE_BODY(notify_rsp);
ROP_DECLARE_FIELDS(pending_rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXCNOTIF_REQUESTS struct rop_register_notification_req register_notification;
#define ROP_OXCNOTIF_RESPONSES                                                                               \
	struct rop_notify_rsp notify;                                                                        \
	struct rop_pending_rsp pending;

#endif
