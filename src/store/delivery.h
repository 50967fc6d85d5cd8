/* warpcore store: local mail delivery, below every protocol (RopSubmitMessage today, LMTP later).
 *
 *   ms_user_mailbox_open()  a user's mailbox <mailbox_dir>/<mailbox GUID>.db, created and provisioned when
 *                           it does not exist yet (as RopLogon does, MS-OXCSTOR 3.2.5.1.1)
 *   ms_deliver_message()    "deliver this stored message to this mailbox": a copy of every property,
 *                           recipient and attachment lands in the receive folder of its message class
 *                           (MS-OXCSTOR 3.2.5.2), with the properties of a delivered message
 *   ms_submit_message()     what a submission does (MS-OXOMSG 3.3.5.1): stamps the sender's message,
 *                           resolves its recipients through the directory, delivers to the local ones,
 *                           reports the others in a non-delivery report (MS-OXOMSG 2.2.2.x report
 *                           properties) in the sender's Inbox, then moves the sender's copy to Sent Items
 *                           (or PidTagSentMailSvrEID's folder) or deletes it (PidTagDeleteAfterSubmit)
 *
 * Delivery into a mailbox is one transaction on a connection of its own (ms_mailbox_begin_batch ...
 * ms_mailbox_end_batch): a message is either completely in the folder or not there, and the recipient's own
 * sessions (other connections to the same database) wait for it through SQLite's busy timeout.
 * Nothing here wakes anyone: the caller gets the directory MIds of the users with new mail. */
#ifndef WC_DELIVERY_H
#define WC_DELIVERY_H

#include <stdint.h>
#include <talloc.h>

#include "store/directory.h"
#include "store/mapistore.h"

/* PidTagMessageFlags bits of MS-OXCMSG 2.2.1.6 that submission and delivery change */
#define MS_MSGFLAG_SUBMITTED 0x0004
#define MS_MSGFLAG_UNSENT 0x0008
#define MS_MSGFLAG_FROMME 0x0020
#define MS_MSGFLAG_RESEND 0x0080

/* PidTagRecipientType (MS-OXOMSG 2.2.3.1) */
#define MS_RECIP_TO 0x01
#define MS_RECIP_CC 0x02
#define MS_RECIP_BCC 0x03

/* Where the users' mailboxes are and how to find users. dir is used by one thread at a time. */
struct ms_delivery_env {
	const char *mailbox_dir;
	struct dir_handle *dir;
};

/* "sqlite://<mailbox_dir>/<mailbox GUID in lower case>.db", the name warpadm and RopLogon use; on mem. */
char *ms_user_mailbox_uri(TALLOC_CTX *mem, const char *mailbox_dir, const struct wc_guid *mailbox_guid);
/* Opens the mailbox of mailbox_guid on mem; when there is none, creates it (with a random replica GUID)
 * and its special folders named in locale (NULL: English). ecLoginFailure when it cannot be opened. */
uint32_t ms_user_mailbox_open(TALLOC_CTX *mem, const char *mailbox_dir, const struct wc_guid *mailbox_guid,
                              const char *locale, struct ms_mailbox **out);

/* Delivers a copy of msg (a saved message of any mailbox; it is only read) into user's mailbox, in the
 * receive folder of its PidTagMessageClass, in one transaction. The copy has msg's properties (named
 * properties mapped to the target mailbox's IDs, large values streamed), its recipients except Bcc ones,
 * its attachments (embedded messages too), and: PidTagMessageDeliveryTime = now, PidTagReceivedBy* and
 * PidTagReceivedRepresenting* of user, PidTagMessageFlags without mfRead/mfUnsent/mfSubmitted/mfFromMe/
 * mfResend, no PidTagDisplayBcc, PidTagDeleteAfterSubmit or PidTagSentMailSvrEID. *mid (may be NULL) gets
 * the new message's ID. ecNotSupported for a user that is not a DIR_USER. */
uint32_t ms_deliver_message(const struct ms_delivery_env *env, struct ms_message *msg,
                            const struct dir_entry *user, uint64_t *mid);

/* What ms_submit_message() did. */
struct ms_submit_result {
	uint32_t
	        *notify; /* directory MIds of the users whose mailbox got a message (the sender for an NDR) */
	uint32_t notify_count;
	uint32_t delivered;     /* local mailboxes that got the message */
	uint32_t undeliverable; /* recipients listed in the non-delivery report */
	uint64_t moved_mid;     /* the sender's copy's new MID in its sent-mail folder; 0 when deleted */
	uint64_t moved_fid;
};

/* MS-OXOMSG 3.3.5.1: submits msg, a saved message of mb (the sender's mailbox, whose user is sender).
 * ecNoRecipients when it has none. The message is stamped first (PidTagClientSubmitTime,
 * PidTagMessageDeliveryTime, PidTagSender*, PidTagSentRepresenting* from the directory entry of sender,
 * PidTagDisplayTo/Cc/Bcc, a PidTagInternetMessageId when it has none, mfRead set and mfUnsent cleared) and
 * saved. Each recipient is resolved by its address: "EX" by legacyExchangeDN, "SMTP" (or any recipient with
 * PidTagSmtpAddress) by SMTP address, anything else by alias; a group is expanded to its members. Every
 * local user gets one copy (ms_deliver_message), however often they are named. Recipients that are not
 * local users (external addresses, unknown local addresses, contacts, delivery failures) are listed in one
 * non-delivery report in the sender's Inbox. Then msg moves to the folder of PidTagSentMailSvrEID or Sent
 * Items, or is deleted when PidTagDeleteAfterSubmit is true. msg must not be used afterwards except to free
 * it. res (on mem) says who has new mail. */
uint32_t ms_submit_message(const struct ms_delivery_env *env, struct ms_mailbox *mb, struct ms_message *msg,
                           const struct dir_entry *sender, TALLOC_CTX *mem, struct ms_submit_result *res);

#endif
