/* MAPIStore: the one storage API of warpcore (DESIGN.md §4 "Store").
 *
 * Objects: a mailbox context (one per logon), its folders, messages (top-level and embedded), attachments,
 * tables and streams. Each object is a talloc child of the object it was opened from (mailbox ⊃ folder ⊃
 * message ⊃ attachment/stream/table); freeing a parent closes its children and discards their unsaved
 * changes. A folder or message may be talloc_steal()'d elsewhere (e.g. into a handle table) as long as the
 * mailbox outlives it; attachments, embedded messages and streams must stay under their parent.
 *
 * Every function returns a MAPI error code (MS-OXCDATA 2.4: ecSuccess, ecNotFound ...) because the protocol
 * layer hands them straight to ROP responses.
 *
 * Threads: a mailbox context owns one connection per backend and no global state. One thread at a time per
 * mailbox context (and everything opened from it); different contexts, even on the same mailbox, may be
 * used from different threads at once.
 *
 * Backends are chosen by URI: "sqlite:///var/lib/warpcore/mbox/alice.db". The dispatcher (dispatcher.h) maps
 * a mailbox's root and special folders to URIs and opens mailboxes that mix backends. */
#ifndef MAPISTORE_H
#define MAPISTORE_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapi_ids.h"
#include "mapi/mapi_propval.h"
#include "mapi/mapi_restriction.h"

/* ---- IDs (MS-OXCDATA 2.2.1.1 Folder ID, 2.2.1.2 Message ID)
 * ------------------------------------------------ IDs are the in-memory FIDs/MIDs/CNs of mapi/mapi_ids.h
 * (mapi_fid_make, mapi_fid_globcnt). REPLID 1 is this mailbox. Counters are allocated per mailbox in ranges
 * and never reused. */
#define MS_REPLID_LOCAL 1

enum ms_id_kind {
	MS_IDS_OBJECT = 1, /* folder and message IDs share one counter */
	MS_IDS_CHANGE = 2, /* change numbers (PidTagChangeNumber, change keys) */
};

struct ms_mailbox;

/* The byte forms of this mailbox's IDs: MS-OXCDATA 2.2.4.1 Folder EntryID (46 bytes), 2.2.4.2 Message EntryID
 * (70 bytes), MS-OXCFXICS 2.2.2.2 XID of a GlobalCounter (22 bytes: source keys, change keys). */
uint32_t ms_folder_entryid(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t fid,
                           struct mapi_binary *out);
uint32_t ms_message_entryid(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t fid, uint64_t mid,
                            struct mapi_binary *out);
uint32_t ms_xid(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t counter, struct mapi_binary *out);
/* PidTagPredecessorChangeList of an object whose last change is change number counter cn. */
uint32_t ms_pcl(TALLOC_CTX *mem, const struct ms_mailbox *mb, uint64_t cn, struct mapi_binary *out);

struct ms_object; /* what folders, messages and attachments have in common: properties and streams */
struct ms_folder;
struct ms_message;
struct ms_attachment;
struct ms_table;
struct ms_stream;
struct ms_dispatcher;

/* ---- Mailbox ------------------------------------------------------------------------------------------- */
struct ms_mailbox_info {
	struct wc_guid mailbox_guid; /* RopLogon MailboxGuid; ProviderUID of entry IDs (MS-OXCDATA 2.2.4) */
	struct wc_guid replica_guid; /* RopLogon ReplGuid: DatabaseGuid of entry IDs and XIDs of REPLID 1 */
	uint16_t replid;
	uint64_t root_fid;
};

/* Creates an empty mailbox (a root folder) at uri; fails with ecDuplicateObject when it exists. */
uint32_t ms_mailbox_create(TALLOC_CTX *mem, const char *uri, const struct wc_guid *mailbox_guid,
                           const struct wc_guid *replica_guid, struct ms_mailbox **out);
/* Opens an existing single-backend mailbox (ecNotFound when there is none at uri). */
uint32_t ms_mailbox_open(TALLOC_CTX *mem, const char *uri, struct ms_mailbox **out);
void ms_mailbox_get_info(const struct ms_mailbox *mb, struct ms_mailbox_info *info);
/* Consistency check (later `warpadm mailbox check`): the database's own check plus the store's invariants
 * (every object has its parent, blob reference counts, counters above every ID used). ecSuccess when clean,
 * ecCorruptData otherwise; *report (on mem) lists the findings one per line. */
uint32_t ms_mailbox_check(struct ms_mailbox *mb, TALLOC_CTX *mem, char **report);
/* Groups the saves between begin and end into one transaction (bulk import, LMTP bursts). Without it every
 * client-visible save is its own durable transaction. */
uint32_t ms_mailbox_begin_batch(struct ms_mailbox *mb);
uint32_t ms_mailbox_end_batch(struct ms_mailbox *mb, bool commit);
/* Allocates count consecutive IDs of a kind (RopGetLocalReplicaIds, MS-OXCSTOR 2.2.1.13). */
uint32_t ms_mailbox_allocate_ids(struct ms_mailbox *mb, enum ms_id_kind kind, uint32_t count,
                                 uint64_t *first);

/* Named properties (MS-OXCPRPT 3.2.5.11/3.2.5.12): PropertyName ⇄ property ID from 0x8000, per mailbox and
 * stable. PS_MAPI names map to their LID. ecNPQuotaExceeded once the 0x7FFF IDs are used up. With create
 * false an unknown name is ecNotFound. */
uint32_t ms_named_get_id(struct ms_mailbox *mb, const struct mapi_propname *name, bool create,
                         uint16_t *propid);
uint32_t ms_named_get_name(struct ms_mailbox *mb, uint16_t propid, TALLOC_CTX *mem,
                           struct mapi_propname *name);
/* Every registered named property (RopQueryNamedProperties, MS-OXCPRPT 3.2.5.6; RopGetPropertyIdsFromNames
 * with no names on a logon, 3.2.5.10), by ascending property ID; *propids and *names on mem. */
uint32_t ms_named_list(struct ms_mailbox *mb, TALLOC_CTX *mem, uint16_t **propids,
                       struct mapi_propname **names, uint32_t *count);

/* Receive folders (MS-OXCSTOR 3.2.5.2/3.2.5.3): message class → folder; "" is the default. get finds the
 * longest matching class prefix ("IPM.Note.X" falls back to "IPM.Note", then "IPM", then ""); explicit gets
 * the class that matched. set with fid 0 removes the entry. */
struct ms_receive_folder {
	uint64_t fid;
	char *message_class;
	uint64_t last_modification_time;
};
uint32_t ms_receive_folder_set(struct ms_mailbox *mb, const char *message_class, uint64_t fid);
uint32_t ms_receive_folder_get(struct ms_mailbox *mb, const char *message_class, TALLOC_CTX *mem,
                               uint64_t *fid, char **explicit_class);
uint32_t ms_receive_folder_table(struct ms_mailbox *mb, TALLOC_CTX *mem, struct ms_receive_folder **rows,
                                 uint32_t *count);

/* Per-user data of public folders kept in a private mailbox (MS-OXCSTOR 3.2.1 "per-user data table";
 * RopWritePerUserInformation 3.2.5.13.2, RopReadPerUserInformation 3.2.5.12.2, RopGetPerUserGuid 3.2.5.11,
 * RopGetPerUserLongTermIds 3.2.5.10): one row per public folder LongTermID (MS-OXCDATA 2.2.1.3.1) with the
 * REPLGUID of the public store the data came from and the CNSET of read messages as the client wrote it
 * (a serialized IDSET with REPLGUID, MS-OXCFXICS 2.2.2.4.2; the store keeps its bytes). set replaces a row
 * or adds it and records the time (UTC); get is ecNotFound when there is no row; folders lists the rows of
 * one REPLGUID (data not filled in). */
struct ms_per_user {
	uint8_t folder[MAPI_LONG_TERM_ID_SIZE];
	struct wc_guid replguid;
	uint8_t *data;
	uint32_t len;
	uint64_t modification_time; /* FILETIME */
};
uint32_t ms_per_user_set(struct ms_mailbox *mb, const struct ms_per_user *row);
uint32_t ms_per_user_get(struct ms_mailbox *mb, const uint8_t *folder, TALLOC_CTX *mem, struct ms_per_user *row);
uint32_t ms_per_user_folders(struct ms_mailbox *mb, const struct wc_guid *replguid, TALLOC_CTX *mem,
                             struct ms_per_user **rows, uint32_t *count);

/* ---- Special folders (MS-OXOSFLD 2.2.1; MS-OXCSTOR 2.2.1.1.3) --------------------------------------------
 * The first MS_LOGON_FOLDERS are the FolderIds of a private RopLogon response, in its order. */
enum ms_special_folder {
	MS_SPECIAL_ROOT,
	MS_SPECIAL_DEFERRED_ACTION,
	MS_SPECIAL_SPOOLER_QUEUE,
	MS_SPECIAL_IPM_SUBTREE, /* Top of Information Store */
	MS_SPECIAL_INBOX,
	MS_SPECIAL_OUTBOX,
	MS_SPECIAL_SENT_ITEMS,
	MS_SPECIAL_DELETED_ITEMS,
	MS_SPECIAL_COMMON_VIEWS,
	MS_SPECIAL_SCHEDULE,
	MS_SPECIAL_FINDER, /* "Search" of MS-OXCSTOR */
	MS_SPECIAL_VIEWS,
	MS_SPECIAL_SHORTCUTS,
	MS_LOGON_FOLDERS, /* 13 */
	MS_SPECIAL_CALENDAR = MS_LOGON_FOLDERS,
	MS_SPECIAL_CONTACTS,
	MS_SPECIAL_JOURNAL,
	MS_SPECIAL_NOTES,
	MS_SPECIAL_TASKS,
	MS_SPECIAL_DRAFTS,
	MS_SPECIAL_JUNK,
	MS_SPECIAL_SYNC_ISSUES,
	MS_SPECIAL_CONFLICTS,
	MS_SPECIAL_LOCAL_FAILURES,
	MS_SPECIAL_SERVER_FAILURES,
	MS_SPECIAL_REMINDERS,
	MS_SPECIAL_FREEBUSY_DATA,
	MS_SPECIAL_COUNT
};
/* Creates the special folders of a private mailbox below its root, with their container classes, display
 * names in locale ("en", "de" or "fr"; others get English), the special-folder entry-ID properties on the
 * Root folder and the Inbox (MS-OXOSFLD 2.2.2 - 2.2.4) and the default receive folders (""/IPM/Report.IPM →
 * Inbox, IPC → Root). ecDuplicateObject when the mailbox was provisioned already. */
uint32_t ms_mailbox_provision(struct ms_mailbox *mb, const char *locale);
/* The FIDs of the special folders (0 for any that does not exist); ecNotFound before provisioning. */
uint32_t ms_mailbox_special_folders(struct ms_mailbox *mb, uint64_t fids[MS_SPECIAL_COUNT]);

/* ---- Properties on folders, messages, attachments (MS-OXCPRPT) -------------------------------------------
 */
struct ms_object *ms_folder_object(struct ms_folder *f);
struct ms_object *ms_message_object(struct ms_message *m);
struct ms_object *ms_attachment_object(struct ms_attachment *a);
/* The store object of a logon (MS-OXCSTOR 2.2.2.1), on mem, for ms_props_*: the special-folder entry IDs
 * of the store (PidTagIpmSubtreeEntryId, PidTagIpmOutboxEntryId, PidTagIpmWastebasketEntryId,
 * PidTagIpmSentMailEntryId, PidTagViewsEntryId, PidTagCommonViewsEntryId, PidTagFinderEntryId), the
 * mailbox-wide PidTagContentCount, PidTagRecordKey/PidTagStoreRecordKey (the MailboxGuid), PidTagObjectType,
 * and PidTagMailboxOwnerName, PidTagMailboxOwnerEntryId, PidTagUserEntryId from owner_name and
 * owner_entryid (an Address Book EntryID, MS-OXCDATA 2.2.5.2; either may be NULL) are computed and read-only,
 * as are the quotas and limits of MS-OXCSTOR 2.2.2.1.1 (unset: no limit); any other property is read/write
 * and persisted at once (MS-OXCPRPT 3.2.5.4). No streams: ms_stream_open is ecNotSupported on it. */
uint32_t ms_mailbox_object(struct ms_mailbox *mb, TALLOC_CTX *mem, const char *owner_name,
                           const struct mapi_binary *owner_entryid, struct ms_object **out);

/* RopGetPropertiesSpecific: one value per tag, in order; a missing property comes back as PT_ERROR with
 * ecNotFound, a PT_UNSPECIFIED tag gets the stored type. Values over 32 KiB come back as PT_ERROR
 * ecNotEnoughMemory (MS-OXCPRPT 3.2.5.1): read them with a stream. */
uint32_t ms_props_get(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
                      struct mapi_propval **values);
/* RopGetPropertiesAll / RopGetPropertiesList (computed properties included). */
uint32_t ms_props_get_all(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values,
                          uint32_t *count);
uint32_t ms_props_list(struct ms_object *o, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count);
/* RopSetProperties / RopDeleteProperties: per-property failures are PropertyProblems (MS-OXCDATA 2.7), the
 * return code is for the whole call. On a folder changes commit at once; on a message or attachment they
 * wait for its save. */
uint32_t ms_props_set(struct ms_object *o, const struct mapi_propval *values, uint32_t count, TALLOC_CTX *mem,
                      struct mapi_propproblem **problems, uint32_t *nproblems);
uint32_t ms_props_delete(struct ms_object *o, const uint32_t *tags, uint32_t count, TALLOC_CTX *mem,
                         struct mapi_propproblem **problems, uint32_t *nproblems);

/* ---- Streams over one property (MS-OXCPRPT 2.2.14 RopOpenStream ...) -------------------------------------
 * Data is kept in chunks: no whole-value loads. A stream opened for writing works on a private copy that
 * commit (or closing the stream) hands to the object — a message or attachment still needs its own save. */
#define MS_STREAM_READ 0x00
#define MS_STREAM_READWRITE 0x01
#define MS_STREAM_CREATE 0x02 /* starts empty; the only mode for a property not set (else ecNotFound) */
#define MS_SEEK_SET 0x00      /* STREAM_SEEK_SET, MS-OXCPRPT 2.2.18.1 */
#define MS_SEEK_CUR 0x01
#define MS_SEEK_END 0x02
uint32_t ms_stream_open(struct ms_object *o, uint32_t tag, uint8_t mode, struct ms_stream **out);
uint32_t ms_stream_read(struct ms_stream *s, void *buf, uint32_t size, uint32_t *nread);
uint32_t ms_stream_write(struct ms_stream *s, const void *buf, uint32_t size, uint32_t *nwritten);
uint32_t ms_stream_seek(struct ms_stream *s, uint8_t origin, int64_t offset, uint64_t *position);
uint32_t ms_stream_get_size(struct ms_stream *s, uint64_t *size);
uint32_t ms_stream_set_size(struct ms_stream *s, uint64_t size);
uint32_t ms_stream_commit(struct ms_stream *s);

/* ---- Folders (MS-OXCFOLD) ------------------------------------------------------------------------------ */
#define MS_FOLDER_GENERIC 0x01 /* FolderType, MS-OXCFOLD 2.2.1.2.1 */
#define MS_FOLDER_SEARCH 0x02
/* DeleteFolderFlags (MS-OXCFOLD 2.2.1.3.1) */
#define MS_DEL_MESSAGES 0x01
#define MS_DEL_FOLDERS 0x04
#define MS_DELETE_HARD_DELETE 0x10
/* TableFlags (MS-OXCFOLD 2.2.1.13.1, 2.2.1.14.1) */
#define MS_TABLE_ASSOCIATED 0x02
#define MS_TABLE_DEPTH 0x04
#define MS_TABLE_SOFT_DELETES 0x20

struct ms_folder_counts {
	uint32_t content;       /* PidTagContentCount */
	uint32_t unread;        /* PidTagContentUnreadCount */
	uint32_t associated;    /* PidTagAssociatedContentCount */
	uint32_t child_folders; /* PidTagFolderChildCount; PidTagSubfolders = child_folders != 0 */
	uint32_t deleted;       /* PidTagDeletedCountTotal (soft-deleted messages) */
};

uint32_t ms_folder_open(struct ms_mailbox *mb, uint64_t fid, TALLOC_CTX *mem, struct ms_folder **out);
/* RopCreateFolder (3.2.5.2): names are unique among siblings (case-insensitive); an existing one is
 * ecDuplicateName unless open_existing, then it is opened and *existed set. */
uint32_t ms_folder_create(struct ms_folder *parent, uint8_t type, const char *name, const char *comment,
                          bool open_existing, struct ms_folder **out, bool *existed);
uint64_t ms_folder_get_id(const struct ms_folder *f);
/* RopDeleteFolder (3.2.5.3): fid is a child of parent; soft unless MS_DELETE_HARD_DELETE. A folder with
 * messages (without MS_DEL_MESSAGES) or subfolders (without MS_DEL_FOLDERS) stays, *partial set. */
uint32_t ms_folder_delete(struct ms_folder *parent, uint64_t fid, uint8_t flags, bool *partial);
/* RopMoveFolder (3.2.5.7) keeps the FID; RopCopyFolder (3.2.5.8) gives new IDs to everything it copies. */
uint32_t ms_folder_move(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name);
uint32_t ms_folder_copy(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name, bool recursive, uint64_t *new_fid);
/* RopEmptyFolder (3.2.5.9, soft) / RopHardDeleteMessagesAndSubfolders (3.2.5.10, hard). */
uint32_t ms_folder_empty(struct ms_folder *f, bool associated_too, bool hard, bool *partial);
uint32_t ms_folder_get_counts(struct ms_folder *f, struct ms_folder_counts *counts);
/* RopDeleteMessages / RopHardDeleteMessages (3.2.5.11/3.2.5.12). IDs not in the folder set *partial. */
uint32_t ms_folder_delete_messages(struct ms_folder *f, const uint64_t *mids, uint32_t count, bool hard,
                                   bool *partial);
/* RopMoveCopyMessages (3.2.5.6). Moved and copied messages get new MIDs in the target folder (their source
 * key changes, as ICS expects); new_mids (count entries, may be NULL) receives them, 0 for failures. */
uint32_t ms_folder_move_copy_messages(struct ms_folder *src, struct ms_folder *dst, const uint64_t *mids,
                                      uint32_t count, bool copy, uint64_t *new_mids, bool *partial);
/* RopSetReadFlags (MS-OXCMSG 3.2.5.10): mids NULL means every message of the folder. Committed at once,
 * without a new change number or modification time. */
uint32_t ms_folder_set_read_flags(struct ms_folder *f, const uint64_t *mids, uint32_t count,
                                  uint8_t read_flags, bool *partial);

/* RopSetMessageStatus (MS-OXCMSG 3.2.5.8): the PidTagMessageStatus bits in mask take their value from status,
 * committed at once without a new change number; *old_status (may be NULL) gets the value before. With mask
 * 0 it is RopGetMessageStatus (3.2.5.9). ecNotFound for a MID not in the folder. */
uint32_t ms_folder_set_message_status(struct ms_folder *f, uint64_t mid, uint32_t status, uint32_t mask,
                                      uint32_t *old_status);

/* ---- Messages (MS-OXCMSG) ------------------------------------------------------------------------------ */
#define MS_OPEN_READONLY 0x00 /* OpenModeFlags, MS-OXCMSG 2.2.3.1.1 */
#define MS_OPEN_READWRITE 0x01
#define MS_OPEN_BEST_ACCESS 0x03
#define MS_OPEN_CREATE 0x04 /* RopOpenEmbeddedMessage: create when there is none */
/* SaveFlags (MS-OXCMSG 2.2.3.3.1) */
#define MS_SAVE_KEEP_OPEN_READONLY 0x01
#define MS_SAVE_KEEP_OPEN_READWRITE 0x02
#define MS_SAVE_FORCE 0x04
/* ReadFlags (MS-OXCMSG 2.2.3.10.1) */
#define MS_RF_DEFAULT 0x00
#define MS_RF_SUPPRESS_RECEIPT 0x01
#define MS_RF_CLEAR_READ_FLAG 0x04
#define MS_RF_GENERATE_RECEIPT_ONLY 0x10
#define MS_RF_CLEAR_NOTIFY_READ 0x20
#define MS_RF_CLEAR_NOTIFY_UNREAD 0x40
/* PidTagMessageFlags bits (MS-OXCMSG 2.2.1.6) the store maintains */
#define MS_MSGFLAG_READ 0x0001
#define MS_MSGFLAG_UNMODIFIED 0x0002
#define MS_MSGFLAG_HASATTACH 0x0010
#define MS_MSGFLAG_ASSOCIATED 0x0040
#define MS_MSGFLAG_NOTIFYREAD 0x0100
#define MS_MSGFLAG_NOTIFYUNREAD 0x0200

/* RopCreateMessage: the MID is allocated now; the message exists once saved. */
uint32_t ms_message_create(struct ms_folder *f, bool associated, struct ms_message **out);
uint32_t ms_message_open(struct ms_folder *f, uint64_t mid, uint8_t mode, struct ms_message **out);
uint64_t ms_message_get_id(const struct ms_message *m);
/* The folder a message lives in (for an embedded message: its top-level message's folder). */
uint64_t ms_message_get_folder_id(const struct ms_message *m);
/* The mailbox an object was opened from (delivery maps named properties between two mailboxes). */
struct ms_mailbox *ms_object_mailbox(const struct ms_object *o);
/* RopSaveChangesMessage (MS-OXCMSG 3.2.5.3): one transaction. ecObjectModified when another context saved
 * this message since it was opened or last saved (unless MS_SAVE_FORCE); ecError on a read-only message. An
 * embedded message saves into its attachment (which the parent message's save makes durable). */
uint32_t ms_message_save(struct ms_message *m, uint8_t save_flags);
/* RopSetMessageReadFlag (3.2.5.11): committed at once; *changed tells whether the read bit moved. */
uint32_t ms_message_set_read_flag(struct ms_message *m, uint8_t read_flags, bool *changed);

/* Recipients (MS-OXCMSG 2.2.3.5 RopModifyRecipients, 2.2.3.6 RopReadRecipients, 2.2.3.4 remove all). A row
 * with no properties deletes the recipient with that RowId; otherwise it replaces or adds it. */
struct ms_recipient {
	uint32_t row_id;
	uint32_t count;
	struct mapi_propval *props;
};
uint32_t ms_message_modify_recipients(struct ms_message *m, const struct ms_recipient *rows, uint32_t count);
/* Rows with RowId >= first_row_id, ascending; ecNotFound when there is none. */
uint32_t ms_message_read_recipients(struct ms_message *m, uint32_t first_row_id, TALLOC_CTX *mem,
                                    struct ms_recipient **rows, uint32_t *count);
uint32_t ms_message_remove_all_recipients(struct ms_message *m);

/* Attachments (MS-OXCMSG 3.2.5.12 - 3.2.5.17). Changes to an attachment reach its message on
 * ms_attachment_save and the store on the message's save. */
uint32_t ms_attachment_create(struct ms_message *m, struct ms_attachment **out, uint32_t *attach_num);
uint32_t ms_attachment_open(struct ms_message *m, uint32_t attach_num, uint8_t mode,
                            struct ms_attachment **out);
uint32_t ms_attachment_delete(struct ms_message *m, uint32_t attach_num);
uint32_t ms_attachment_save(struct ms_attachment *a);
/* The attachment's number in its message (PidTagAttachNumber) */
uint32_t ms_attachment_get_num(const struct ms_attachment *a);
/* RopOpenEmbeddedMessage (3.2.5.16): mode MS_OPEN_CREATE creates the message when the attachment has none
 * (and sets PidTagAttachMethod to afEmbeddedMessage). */
uint32_t ms_attachment_open_embedded(struct ms_attachment *a, uint8_t mode, struct ms_message **out);

/* ---- Tables (MS-OXCTABL) ------------------------------------------------------------------------------- */
#define MS_BOOKMARK_BEGINNING 0x00 /* MS-OXCTABL 2.2.2.1.1 */
#define MS_BOOKMARK_CURRENT 0x01
#define MS_BOOKMARK_END 0x02

/* What a table lists: MS-OXCTABL 3.2.5 says which ROPs each kind supports. */
enum ms_table_kind {
	MS_TABLE_HIERARCHY = 1,
	MS_TABLE_CONTENTS,
	MS_TABLE_ATTACHMENT,
	MS_TABLE_RECIPIENT,
};

uint32_t ms_folder_hierarchy_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out);
uint32_t ms_folder_contents_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out);
uint32_t ms_message_attachment_table(struct ms_message *m, struct ms_table **out);
uint32_t ms_message_recipient_table(struct ms_message *m, struct ms_table **out);

/* RopSetColumns, RopSortTable (MS-OXCTABL 3.2.5.2/3.2.5.3: multi-column, ascending/descending, one
 * multi-valued column with MVI_FLAG expands to one row per value; categorised sorts are ecNotSupported until
 * ExpandRow/CollapseRow exist), RopRestrict (NULL removes the restriction). Each resets the position to the
 * beginning. */
uint32_t ms_table_set_columns(struct ms_table *t, const uint32_t *tags, uint32_t count);
uint32_t ms_table_sort(struct ms_table *t, const struct mapi_sort_order_set *sort);
uint32_t ms_table_restrict(struct ms_table *t, const struct mapi_restriction *res);
/* RopQueryRows: up to row_count rows from the current position, forward or backward; advance moves the
 * position past them (NoAdvance = !advance). Rows come as flagged rows against the columns. */
uint32_t ms_table_query_rows(struct ms_table *t, TALLOC_CTX *mem, uint32_t row_count, bool forward,
                             bool advance, struct mapi_property_row **rows, uint32_t *count);
/* RopQueryPosition */
uint32_t ms_table_query_position(struct ms_table *t, uint32_t *numerator, uint32_t *denominator);
/* RopSeekRow: *moved (signed) is how far the position really moved; *sought_less when fewer than asked. */
uint32_t ms_table_seek_row(struct ms_table *t, uint8_t origin, int32_t row_count, int32_t *moved,
                           bool *sought_less);
/* RopSeekRowFractional */
uint32_t ms_table_seek_fraction(struct ms_table *t, uint32_t numerator, uint32_t denominator);
/* RopCreateBookmark / RopSeekRowBookmark / RopFreeBookmark. A bookmark whose row is gone positions at the
 * row that followed it and sets *row_no_longer_visible. */
uint32_t ms_table_create_bookmark(struct ms_table *t, TALLOC_CTX *mem, struct mapi_binary *bookmark);
uint32_t ms_table_seek_bookmark(struct ms_table *t, const struct mapi_binary *bookmark, int32_t row_count,
                                bool *row_no_longer_visible, int32_t *moved, bool *sought_less);
uint32_t ms_table_free_bookmark(struct ms_table *t, const struct mapi_binary *bookmark);
/* RopFindRow (3.2.5.13): first row matching res from origin (a MS_BOOKMARK_* or a bookmark), forward or
 * backward; the position moves to it. ecNotFound when none. */
uint32_t ms_table_find_row(struct ms_table *t, const struct mapi_restriction *res, uint8_t origin,
                           const struct mapi_binary *bookmark, bool backward, TALLOC_CTX *mem,
                           struct mapi_property_row *row);
uint32_t ms_table_get_row_count(struct ms_table *t, uint32_t *count);
enum ms_table_kind ms_table_get_kind(const struct ms_table *t);
/* The columns of the last successful ms_table_set_columns (borrowed: valid until the next set_columns or
 * reset); ecNullObject when there is none — never set, or since a failed set_columns or a reset (MS-OXCTABL
 * 3.2.5.2: the server SHOULD invalidate the column set when RopSetColumns fails). */
uint32_t ms_table_get_columns(struct ms_table *t, const uint32_t **tags, uint32_t *count);
/* RopResetTable (MS-OXCTABL 3.2.5.16): no columns, no restriction, the default sort order, no bookmarks
 * (ms_table_sort and ms_table_restrict free them too, 3.2.5.3/3.2.5.4), the position at the beginning. */
uint32_t ms_table_reset(struct ms_table *t);
/* RopQueryColumnsAll (MS-OXCTABL 3.2.5.13): every property the table's rows can be queried for — the ones
 * the backend computes for this kind of table and those stored on its current rows — on mem. */
uint32_t ms_table_query_columns_all(struct ms_table *t, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count);

#endif
