/* ROPs of the Message and Attachment Object protocol: MS-OXCMSG 2.2.3 (wire layouts in MS-OXCROPS 2.2.6),
 * with the structures they carry from MS-OXCDATA: RecipientRow (2.8.3) and TypedString (2.11.7). MIDs and
 * FIDs are uint64_t as read little-endian from their 8 wire bytes; Boolean fields keep their wire byte.
 *
 * RecipientRows are coded against recipient columns (MS-OXCDATA 2.8.3.2 RecipientColumnCount): those of the
 * same ROP (RopOpenMessage, RopReloadCachedInformation, RopOpenEmbeddedMessage responses, RopModifyRecipients
 * request), or for RopReadRecipients those the last of those three responses gave for the message's handle
 * index, kept in struct rop_ctx (rop_object_ctx.recipient_columns); while those are unknown RopReadRecipients
 * rows stay bytes (struct rop_recipient_entry row_bytes). */
#ifndef MAPI_ROP_OXCMSG_H
#define MAPI_ROP_OXCMSG_H

#include "mapi/mapi_propval.h"
#include "mapi/rop_codec.h"
#include "mapi/rop_oxcfold.h" /* struct rop_get_table_req, rop_partial_completion_rsp */

/* MS-OXCMSG 2.2.3.1.1 OpenModeFlags of RopOpenMessage (OPEN_SOFT_DELETED 0x04 is in rop_oxcfold.h), and
 * 2.2.3.16.1 of RopOpenEmbeddedMessage (OPEN_CREATE) */
#define OPEN_READ_ONLY 0x00
#define OPEN_READ_WRITE 0x01
#define OPEN_CREATE 0x02
#define OPEN_BEST_ACCESS 0x03

/* MS-OXCMSG 2.2.3.3.1 SaveFlags. MS-OXCROPS 2.2.6.3.1 gives them as 0x09, 0x0A, 0x0C (with 0x08 set), which
 * is what the examples of MS-OXCMSG 4.4.4 and 4.8.1 send. */
#define SAVE_KEEP_OPEN_READ_ONLY 0x01
#define SAVE_KEEP_OPEN_READ_WRITE 0x02
#define SAVE_FORCE_SAVE 0x04

/* MS-OXCMSG 2.2.3.1.2 RecipientType: one type, possibly with a flag */
#define RECIPIENT_TO 0x01
#define RECIPIENT_CC 0x02
#define RECIPIENT_BCC 0x03
#define RECIPIENT_RESEND_FAILED 0x10
#define RECIPIENT_RESEND_SUCCEEDED 0x80

/* MS-OXCMSG 2.2.1.8 PidTagMessageStatus flags (MessageStatusFlags, MessageStatusMask) */
#define MS_IN_CONFLICT 0x00000800
#define MS_REMOTE_DOWNLOAD 0x00001000
#define MS_REMOTE_DELETE 0x00002000

/* MS-OXCMSG 2.2.3.10.1 ReadFlags (RopSetReadFlags, RopSetMessageReadFlag) */
#define RF_DEFAULT 0x00
#define RF_SUPPRESS_RECEIPT 0x01
#define RF_CLEAR_READ_FLAG 0x04
#define RF_RESERVED 0x0A
#define RF_GENERATE_RECEIPT_ONLY 0x10
#define RF_CLEAR_NOTIFY_READ 0x20
#define RF_CLEAR_NOTIFY_UNREAD 0x40

/* MS-OXCMSG 2.2.3.12.1 OpenAttachmentFlags */
#define ATTACH_OPEN_READ_ONLY 0x00
#define ATTACH_OPEN_READ_WRITE 0x01
#define ATTACH_OPEN_BEST_ACCESS 0x03

/* MS-OXCDATA 2.11.7 TypedString StringType (REDUCED_UNICODE: characters below U+0100, one byte each) */
#define TYPED_STRING_NONE 0x00            /* no string */
#define TYPED_STRING_EMPTY 0x01           /* the empty string, no String field */
#define TYPED_STRING_8BIT 0x02            /* 8-bit characters, NUL-terminated */
#define TYPED_STRING_REDUCED_UNICODE 0x03 /* one byte per character, NUL-terminated */
#define TYPED_STRING_UNICODE 0x04         /* UTF-16LE, NUL-terminated */
struct rop_typed_string {
	uint8_t type;
	char *str; /* TYPED_STRING_UNICODE: UTF-8; 8BIT, REDUCED_UNICODE: the raw bytes; otherwise unused */
};

/* MS-OXCDATA 2.8.3.1 RecipientFlags */
#define RECIP_TYPE_MASK 0x0007
#define RECIP_TYPE_NONE 0x0
#define RECIP_TYPE_X500DN 0x1
#define RECIP_TYPE_MS_MAIL 0x2
#define RECIP_TYPE_SMTP 0x3
#define RECIP_TYPE_FAX 0x4
#define RECIP_TYPE_PROFESSIONAL_OFFICE_SYSTEM 0x5
#define RECIP_TYPE_PERSONAL_DL1 0x6
#define RECIP_TYPE_PERSONAL_DL2 0x7
#define RECIP_EMAIL_ADDRESS 0x0008        /* E: EmailAddress present */
#define RECIP_DISPLAY_NAME 0x0010         /* D: DisplayName present */
#define RECIP_TRANSMITTABLE_NAME 0x0020   /* T: TransmittableDisplayName present */
#define RECIP_TRANSMITTABLE_SAME 0x0040   /* S: TransmittableDisplayName equals DisplayName */
#define RECIP_OTHER_TRANSPORT 0x0080      /* R: another transport delivers to this recipient */
#define RECIP_NO_RICH_TEXT 0x0100         /* N: no rich text messages */
#define RECIP_UNICODE 0x0200              /* U: the strings above are UTF-16LE, else 8-bit */
#define RECIP_SIMPLE_DISPLAY_NAME 0x0400  /* I: SimpleDisplayName present */
#define RECIP_NON_STANDARD_ADDRESS 0x8000 /* O: AddressType present (with RECIP_TYPE_NONE) */

/* MS-OXCDATA 2.8.3.2 RecipientRow. Which optional fields are on the wire follows flags alone: X500DN
 * (AddressPrefixUsed, DisplayType, X500DN) for RECIP_TYPE_X500DN; EntryID and SearchKey for the personal
 * distribution list types; AddressType for RECIP_TYPE_NONE with RECIP_NON_STANDARD_ADDRESS; the four names by
 * their flags. X500DN and AddressType are 8-bit strings; the names are UTF-16LE (UTF-8 here) with
 * RECIP_UNICODE, else 8-bit (raw bytes here). */
struct rop_recipient_row {
	uint16_t flags;
	uint8_t address_prefix_used;
	uint8_t display_type;
	char *x500dn;
	uint16_t entry_id_size;
	uint8_t *entry_id;
	uint16_t search_key_size;
	uint8_t *search_key;
	char *address_type;
	char *email_address;
	char *display_name;
	char *simple_display_name;
	char *transmittable_display_name;
	/* RecipientColumnCount: RecipientProperties holds the first column_count recipient columns */
	uint16_t column_count;
	struct mapi_property_row properties; /* a StandardPropertyRow or FlaggedPropertyRow (2.8.1) */
};

/* MS-OXCROPS 2.2.6.1.2.1 OpenRecipientRow and 2.2.6.6.2.1 ReadRecipientRow: the same but for RowId, which
 * only ReadRecipientRow has. RecipientRowSize is computed when encoding; the row must fill it exactly. */
struct rop_recipient_entry {
	uint32_t row_id; /* ReadRecipientRow only */
	uint8_t recipient_type;
	uint16_t code_page_id;
	uint16_t reserved;
	struct rop_recipient_row row;
	/* RopReadRecipients on a message whose recipient columns the codec state does not know
	 * (rop_object_ctx.recipient_columns NULL): the RecipientRow stays its bytes here, row is unused */
	uint16_t row_size;
	uint8_t *row_bytes;
};

/* MS-OXCROPS 2.2.6.1.1 RopOpenMessage request */
struct rop_open_message_req {
	uint16_t code_page_id; /* 0x0FFF: the logon's code page */
	uint64_t folder_id;
	uint8_t open_mode_flags; /* OPEN_* */
	uint64_t message_id;
};

/* MS-OXCROPS 2.2.6.1.2 RopOpenMessage response, from HasNamedProperties on; also the
 * RopReloadCachedInformation response (2.2.6.7.2) and the end of the RopOpenEmbeddedMessage response
 * (2.2.6.16.2). */
struct rop_open_message_rsp {
	uint8_t has_named_properties;
	struct rop_typed_string subject_prefix;
	struct rop_typed_string normalized_subject;
	uint16_t recipient_count; /* recipients on the message, may exceed row_count */
	uint16_t column_count;
	uint32_t *recipient_columns;
	uint8_t row_count;
	struct rop_recipient_entry *rows; /* OpenRecipientRows (row_id unused) */
};

/* MS-OXCROPS 2.2.6.2 RopCreateMessage */
struct rop_create_message_req {
	uint16_t code_page_id;
	uint64_t folder_id;
	uint8_t associated_flag; /* nonzero: a folder associated information (FAI) message */
};
struct rop_create_message_rsp {
	uint8_t has_message_id;
	uint64_t message_id; /* only when has_message_id */
};

/* MS-OXCROPS 2.2.6.3 RopSaveChangesMessage (ResponseHandleIndex, InputHandleIndex) and 2.2.6.15
 * RopSaveChangesAttachment request */
struct rop_save_changes_req {
	uint8_t save_flags; /* SAVE_* */
};
struct rop_save_changes_message_rsp {
	uint8_t input_handle_index; /* the request's InputHandleIndex */
	uint64_t message_id;
};

/* MS-OXCROPS 2.2.6.4.1 RopRemoveAllRecipients request */
struct rop_remove_all_recipients_req {
	uint32_t reserved;
};

/* MS-OXCROPS 2.2.6.5.1.1 ModifyRecipientRow: RecipientRowSize 0 (row NULL) removes the recipient */
struct rop_modify_recipient_row {
	uint32_t row_id;
	uint8_t recipient_type;
	struct rop_recipient_row *row;
};
/* MS-OXCROPS 2.2.6.5.1 RopModifyRecipients request */
struct rop_modify_recipients_req {
	uint16_t column_count;
	uint32_t *recipient_columns;
	uint16_t row_count;
	struct rop_modify_recipient_row *rows;
};

/* MS-OXCROPS 2.2.6.6 RopReadRecipients */
struct rop_read_recipients_req {
	uint32_t row_id;
	uint16_t reserved;
};
struct rop_read_recipients_rsp {
	uint8_t row_count;
	struct rop_recipient_entry *rows; /* ReadRecipientRows, against the message's recipient columns */
};

/* MS-OXCROPS 2.2.6.7.1 RopReloadCachedInformation request */
struct rop_reload_cached_information_req {
	uint16_t reserved;
};

/* MS-OXCROPS 2.2.6.8 RopSetMessageStatus and 2.2.6.9 RopGetMessageStatus (whose response is RopId 0x20 with
 * the same MessageStatusFlags) */
struct rop_set_message_status_req {
	uint64_t message_id;
	uint32_t message_status_flags; /* MS_* */
	uint32_t message_status_mask;
};
struct rop_get_message_status_req {
	uint64_t message_id;
};
struct rop_message_status_rsp {
	uint32_t message_status_flags; /* SetMessageStatus: the flags before the change */
};

/* MS-OXCROPS 2.2.6.10.1 RopSetReadFlags request (the response is struct rop_partial_completion_rsp) */
struct rop_set_read_flags_req {
	uint8_t want_asynchronous;
	uint8_t read_flags; /* RF_* */
	uint16_t message_id_count;
	uint64_t *message_ids;
};

/* MS-OXCROPS 2.2.6.11 RopSetMessageReadFlag (ResponseHandleIndex, InputHandleIndex). ClientData is in the
 * request only when its LogonId is a public-folder logon (MS-OXCMSG 2.2.3.11.1), which struct rop_ctx says.
 */
struct rop_set_message_read_flag_req {
	uint8_t read_flags;
	struct rop_long_term_id client_data; /* public-folder logons only */
};
struct rop_set_message_read_flag_rsp {
	uint8_t read_status_changed;
	uint8_t logon_id;                    /* only when read_status_changed */
	struct rop_long_term_id client_data; /* only when read_status_changed */
};

/* MS-OXCROPS 2.2.6.12.1 RopOpenAttachment request */
struct rop_open_attachment_req {
	uint8_t open_attachment_flags; /* ATTACH_OPEN_* */
	uint32_t attachment_id;        /* PidTagAttachNumber */
};

/* MS-OXCROPS 2.2.6.13.2 RopCreateAttachment response and 2.2.6.14.1 RopDeleteAttachment request */
struct rop_attachment_id {
	uint32_t attachment_id;
};

/* MS-OXCROPS 2.2.6.16 RopOpenEmbeddedMessage */
struct rop_open_embedded_message_req {
	uint16_t code_page_id;
	uint8_t open_mode_flags; /* OPEN_READ_ONLY, OPEN_READ_WRITE, OPEN_CREATE */
};
struct rop_open_embedded_message_rsp {
	uint8_t reserved;
	uint64_t message_id;
	struct rop_open_message_rsp message; /* HasNamedProperties ... RecipientRows */
};

/* MS-OXCROPS 2.2.6.18.2 RopGetValidAttachments response */
struct rop_get_valid_attachments_rsp {
	uint32_t attachment_id_count;
	uint32_t *attachment_ids;
};

ROP_DECLARE_FIELDS(open_message_req);
ROP_DECLARE_BODY(open_message_rsp);
ROP_DECLARE_FIELDS(create_message_req);
ROP_DECLARE_BODY(create_message_rsp);
ROP_DECLARE_FIELDS(save_changes_req);
ROP_DECLARE_FIELDS(save_changes_message_rsp);
ROP_DECLARE_FIELDS(remove_all_recipients_req);
ROP_DECLARE_BODY(modify_recipients_req);
ROP_DECLARE_FIELDS(read_recipients_req);
ROP_DECLARE_BODY(read_recipients_rsp);
ROP_DECLARE_FIELDS(reload_cached_information_req);
ROP_DECLARE_FIELDS(set_message_status_req);
ROP_DECLARE_FIELDS(get_message_status_req);
ROP_DECLARE_FIELDS(message_status_rsp);
ROP_DECLARE_BODY(set_read_flags_req);
ROP_DECLARE_BODY(set_message_read_flag_req);
ROP_DECLARE_BODY(set_message_read_flag_rsp);
ROP_DECLARE_FIELDS(open_attachment_req);
ROP_DECLARE_FIELDS(attachment_id);
ROP_DECLARE_FIELDS(open_embedded_message_req);
ROP_DECLARE_BODY(open_embedded_message_rsp);
ROP_DECLARE_BODY(get_valid_attachments_rsp);

struct rop_ctx;
struct rop_request;
struct rop_response;
/* The .track of RopOpenMessage, RopReloadCachedInformation and RopOpenEmbeddedMessage: a successful response
 * records its RecipientColumns for the message's handle index (borrowed from the response). */
void rop_recipient_columns_track(struct rop_ctx *ctx, const struct rop_request *req,
                                 const struct rop_response *rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXCMSG_REQUESTS                                                                                  \
	struct rop_open_message_req open_message;                                                            \
	struct rop_create_message_req create_message;                                                        \
	struct rop_save_changes_req save_changes_message;                                                    \
	struct rop_remove_all_recipients_req remove_all_recipients;                                          \
	struct rop_modify_recipients_req modify_recipients;                                                  \
	struct rop_read_recipients_req read_recipients;                                                      \
	struct rop_reload_cached_information_req reload_cached_information;                                  \
	struct rop_set_message_status_req set_message_status;                                                \
	struct rop_get_message_status_req get_message_status;                                                \
	struct rop_set_read_flags_req set_read_flags;                                                        \
	struct rop_set_message_read_flag_req set_message_read_flag;                                          \
	struct rop_get_table_req get_attachment_table;                                                       \
	struct rop_open_attachment_req open_attachment;                                                      \
	struct rop_attachment_id delete_attachment;                                                          \
	struct rop_save_changes_req save_changes_attachment;                                                 \
	struct rop_open_embedded_message_req open_embedded_message;
#define ROP_OXCMSG_RESPONSES                                                                                 \
	struct rop_open_message_rsp open_message;                                                            \
	struct rop_create_message_rsp create_message;                                                        \
	struct rop_save_changes_message_rsp save_changes_message;                                            \
	struct rop_read_recipients_rsp read_recipients;                                                      \
	struct rop_open_message_rsp reload_cached_information;                                               \
	struct rop_message_status_rsp set_message_status;                                                    \
	struct rop_message_status_rsp get_message_status;                                                    \
	struct rop_partial_completion_rsp set_read_flags;                                                    \
	struct rop_set_message_read_flag_rsp set_message_read_flag;                                          \
	struct rop_attachment_id create_attachment;                                                          \
	struct rop_open_embedded_message_rsp open_embedded_message;                                          \
	struct rop_get_valid_attachments_rsp get_valid_attachments;

#endif
