/* libmapi objects: the server objects of a session (MS-OXCROPS 1.3.1: logon/store, folder, message, table,
 * attachment, stream), each a talloc object holding its server handle.
 *
 *	session --mapi_logon--> store --mapi_open_folder--> folder --mapi_get_contents_table--> table
 *	                                                    folder --mapi_open_message--> message
 *	                                      message --mapi_open_attachment--> attachment
 *--mapi_open_stream--> stream
 *
 * Every call is one Execute (a batch of one or a few ROPs, libmapi/batch.h) and returns the MAPI code of the
 * ROP that failed, or a session error (libmapi/session.h). talloc_free(object) releases the server handle:
 * a RopRelease is queued and rides on the session's next Execute (no round trip of its own); objects of an
 * earlier Session Context (after a reconnect) release nothing and answer ecEndOfSession.
 *
 * Property values are the codec's struct mapi_propval (mapi/mapi_propval.h; strings UTF-8); tags are
 * PROP_TAG(type, id) from mapi/mapi_types.h and the PidTag* names of mapi/mapi_proptags.h. */
#ifndef LIBMAPI_OBJECT_H
#define LIBMAPI_OBJECT_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "libmapi/session.h"
#include "mapi/mapi_propval.h"
#include "mapi/mapi_restriction.h"
#include "mapi/rop.h"

enum mapi_object_kind {
	MAPI_OBJ_STORE = 1, /* a RopLogon (MS-OXCSTOR) */
	MAPI_OBJ_FOLDER,
	MAPI_OBJ_MESSAGE,
	MAPI_OBJ_TABLE,
	MAPI_OBJ_ATTACHMENT,
	MAPI_OBJ_STREAM,
	MAPI_OBJ_OTHER, /* anything else a raw batch opens (FastTransfer, ICS contexts ...) */
};

struct mapi_object;

enum mapi_object_kind mapi_object_kind(const struct mapi_object *o);
struct mapi_session *mapi_object_session(const struct mapi_object *o);
uint8_t mapi_object_logon_id(const struct mapi_object *o);
uint32_t mapi_object_handle(const struct mapi_object *o); /* the server handle value */
/* FID of a folder, MID of a message (0 when not known, e.g. an unsaved message), attachment number. */
uint64_t mapi_object_id(const struct mapi_object *o);
/* ecSuccess, or ecEndOfSession when o belongs to an earlier Session Context. */
uint32_t mapi_object_valid(const struct mapi_object *o);

/* ---- store (MS-OXCSTOR) ---- */

/* RopLogon to the user's private mailbox (LogonFlags Private, Essdn = the session's user DN). */
uint32_t mapi_logon(struct mapi_session *s, TALLOC_CTX *mem, struct mapi_object **store);
/* The RopLogon response's FolderIds (MS-OXCSTOR 2.2.1.1.3): which = LOGON_FID_INBOX ... (mapi/rop_oxcstor.h);
 * 0 when out of range or not a store. */
uint64_t mapi_store_folder_id(const struct mapi_object *store, unsigned which);
/* The whole RopLogon response. */
const struct rop_logon_rsp *mapi_store_logon_info(const struct mapi_object *store);
/* RopGetReceiveFolder (MS-OXCSTOR 2.2.1.2): the folder receiving message_class ("" or "IPM": the Inbox). */
uint32_t mapi_get_receive_folder(struct mapi_object *store, const char *message_class, uint64_t *fid);

/* ---- folders (MS-OXCFOLD) ---- */

/* RopOpenFolder; parent is the store or a folder. */
uint32_t mapi_open_folder(struct mapi_object *parent, uint64_t fid, TALLOC_CTX *mem,
                          struct mapi_object **folder);
/* RopCreateFolder (generic folder, Unicode names) under parent; open_existing: an existing folder of that
 * name is opened instead of failing with ecDuplicateName. folder may be NULL (the handle is then released);
 * fid may be NULL. */
uint32_t mapi_create_folder(struct mapi_object *parent, const char *name, const char *comment,
                            bool open_existing, TALLOC_CTX *mem, struct mapi_object **folder, uint64_t *fid);
/* RopDeleteFolder of the subfolder fid of parent; flags DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE. */
uint32_t mapi_delete_folder(struct mapi_object *parent, uint64_t fid, uint8_t flags);
/* RopEmptyFolder: deletes the folder's messages and subfolders (not its associated messages). */
uint32_t mapi_empty_folder(struct mapi_object *folder);
/* RopDeleteMessages (hard: RopHardDeleteMessages). */
uint32_t mapi_delete_messages(struct mapi_object *folder, uint16_t count, const uint64_t *mids, bool hard);
/* RopMoveCopyMessages from src to dst folder. */
uint32_t mapi_move_copy_messages(struct mapi_object *src, struct mapi_object *dst, uint16_t count,
                                 const uint64_t *mids, bool copy);
/* RopMoveFolder / RopCopyFolder of subfolder fid of src_parent into dst_parent as new_name. */
uint32_t mapi_move_folder(struct mapi_object *src_parent, struct mapi_object *dst_parent, uint64_t fid,
                          const char *new_name);
uint32_t mapi_copy_folder(struct mapi_object *src_parent, struct mapi_object *dst_parent, uint64_t fid,
                          const char *new_name, bool recursive);

/* ---- tables (MS-OXCTABL) ---- */

/* RopGetHierarchyTable / RopGetContentsTable (flags TABLE_FLAG_*, mapi/rop_oxcfold.h); row_count may be NULL.
 */
uint32_t mapi_get_hierarchy_table(struct mapi_object *folder, uint8_t flags, TALLOC_CTX *mem,
                                  struct mapi_object **table, uint32_t *row_count);
uint32_t mapi_get_contents_table(struct mapi_object *folder, uint8_t flags, TALLOC_CTX *mem,
                                 struct mapi_object **table, uint32_t *row_count);
/* RopGetAttachmentTable of a message. */
uint32_t mapi_get_attachment_table(struct mapi_object *message, TALLOC_CTX *mem, struct mapi_object **table);
/* RopSetColumns; the table keeps a copy of the columns to decode rows against. */
uint32_t mapi_table_set_columns(struct mapi_object *table, uint16_t count, const uint32_t *tags);
/* RopSortTable / RopRestrict (restriction NULL: remove it). */
uint32_t mapi_table_sort(struct mapi_object *table, const struct mapi_sort_order_set *order);
uint32_t mapi_table_restrict(struct mapi_object *table, const struct mapi_restriction *restriction);
/* RopQueryRows forward from the cursor, up to max_rows (rows on mem, over the columns set last). */
uint32_t mapi_table_query_rows(struct mapi_object *table, uint16_t max_rows, TALLOC_CTX *mem,
                               struct mapi_property_row_set *rows);
/* RopSeekRow from origin (BOOKMARK_BEGINNING, _CURRENT, _END); rows_sought may be NULL. */
uint32_t mapi_table_seek(struct mapi_object *table, uint8_t origin, int32_t offset, int32_t *rows_sought);
/* RopQueryPosition */
uint32_t mapi_table_position(struct mapi_object *table, uint32_t *numerator, uint32_t *denominator);
/* The columns the table's rows are decoded against (count 0 before mapi_table_set_columns). */
const uint32_t *mapi_table_columns(const struct mapi_object *table, uint16_t *count);

/* ---- messages (MS-OXCMSG) ---- */

/* RopOpenMessage (open_mode OPEN_READ_ONLY, OPEN_READ_WRITE, OPEN_BEST_ACCESS); parent is the store or a
 * folder; info (may be NULL) gets the response (subject, recipient columns and first rows). */
uint32_t mapi_open_message(struct mapi_object *parent, uint64_t fid, uint64_t mid, uint8_t open_mode,
                           TALLOC_CTX *mem, struct mapi_object **message, struct rop_open_message_rsp *info);
/* RopCreateMessage in folder (associated: an FAI message). */
uint32_t mapi_create_message(struct mapi_object *folder, bool associated, TALLOC_CTX *mem,
                             struct mapi_object **message);
/* RopSaveChangesMessage (flags SAVE_KEEP_OPEN_READ_WRITE ...); mid may be NULL. */
uint32_t mapi_save_message(struct mapi_object *message, uint8_t flags, uint64_t *mid);
/* RopSubmitMessage (MS-OXOMSG 2.2.3.1). */
uint32_t mapi_submit_message(struct mapi_object *message);
/* RopSetMessageReadFlag (flags RF_*). */
uint32_t mapi_set_read_flag(struct mapi_object *message, uint8_t flags);

/* A recipient as the high-level calls see it (MS-OXCDATA 2.8.3.2 RecipientRow, with the SMTP or EX address
 * type). */
struct mapi_recipient {
	uint8_t type;       /* RECIPIENT_TO, RECIPIENT_CC, RECIPIENT_BCC (mapi/rop_oxcmsg.h) */
	char *display_name; /* UTF-8; may be NULL */
	char *email;        /* SMTP address, or the X500 DN for EX */
	char *address_type; /* "SMTP" (NULL means SMTP) or "EX" */
};
/* RopModifyRecipients: rows 0..count-1 become these recipients (RowIds from 0). */
uint32_t mapi_modify_recipients(struct mapi_object *message, uint32_t count, const struct mapi_recipient *r);
/* RopReadRecipients from RowId 0 until the server has no more rows. */
uint32_t mapi_read_recipients(struct mapi_object *message, TALLOC_CTX *mem, uint32_t *count,
                              struct mapi_recipient **r);
uint32_t mapi_remove_all_recipients(struct mapi_object *message);

/* ---- attachments (MS-OXCMSG) ---- */

uint32_t mapi_open_attachment(struct mapi_object *message, uint32_t attach_num, uint8_t flags,
                              TALLOC_CTX *mem, struct mapi_object **attachment);
/* RopCreateAttachment; attach_num may be NULL. */
uint32_t mapi_create_attachment(struct mapi_object *message, TALLOC_CTX *mem, struct mapi_object **attachment,
                                uint32_t *attach_num);
uint32_t mapi_save_attachment(struct mapi_object *attachment, uint8_t flags);
uint32_t mapi_delete_attachment(struct mapi_object *message, uint32_t attach_num);

/* ---- properties (MS-OXCPRPT) ---- */

/* RopGetPropertiesSpecific: row->values[i] answers tags[i] (flag MAPI_VALUE_ERROR with value.err for a
 * missing property, e.g. ecNotFound). */
uint32_t mapi_get_props(struct mapi_object *o, uint16_t count, const uint32_t *tags, TALLOC_CTX *mem,
                        struct mapi_property_row *row);
/* RopGetPropertiesAll. */
uint32_t mapi_get_props_all(struct mapi_object *o, TALLOC_CTX *mem, uint16_t *count,
                            struct mapi_propval **vals);
/* RopGetPropertiesList. */
uint32_t mapi_get_prop_list(struct mapi_object *o, TALLOC_CTX *mem, uint16_t *count, uint32_t **tags);
/* RopSetProperties / RopDeleteProperties; problems (may be NULL) gets the PropertyProblems on mem. */
uint32_t mapi_set_props(struct mapi_object *o, uint16_t count, const struct mapi_propval *vals,
                        TALLOC_CTX *mem, struct rop_property_problems *problems);
uint32_t mapi_delete_props(struct mapi_object *o, uint16_t count, const uint32_t *tags, TALLOC_CTX *mem,
                           struct rop_property_problems *problems);
/* RopGetPropertyIdsFromNames (create: PROPERTY_IDS_CREATE) and RopGetNamesFromPropertyIds. */
uint32_t mapi_get_ids_from_names(struct mapi_object *o, bool create, uint16_t count,
                                 const struct mapi_propname *names, TALLOC_CTX *mem, uint16_t **ids);
uint32_t mapi_get_names_from_ids(struct mapi_object *o, uint16_t count, const uint16_t *ids, TALLOC_CTX *mem,
                                 struct mapi_propname **names);
/* The value for tag in a row or a value array (tag compared whole, type included), or NULL when absent or
 * an error value. */
const struct mapi_propval *mapi_row_find(const struct mapi_property_row *row, uint32_t tag);
const struct mapi_propval *mapi_props_find(const struct mapi_propval *vals, uint32_t count, uint32_t tag);

/* ---- streams (MS-OXCPRPT 2.2.13+) ---- */

/* RopOpenStream on a property of o (mode STREAM_OPEN_*); size may be NULL. */
uint32_t mapi_open_stream(struct mapi_object *o, uint32_t tag, uint8_t mode, TALLOC_CTX *mem,
                          struct mapi_object **stream, uint32_t *size);
/* RopReadStream of up to max bytes into buf (*got may be less at the end of the stream). */
uint32_t mapi_read_stream(struct mapi_object *stream, uint8_t *buf, uint16_t max, uint16_t *got);
/* RopWriteStream of len bytes (several ROPs when len is above what one carries); RopCommitStream. */
uint32_t mapi_write_stream(struct mapi_object *stream, const uint8_t *data, size_t len);
uint32_t mapi_commit_stream(struct mapi_object *stream);
/* RopSeekStream / RopSetStreamSize / RopGetStreamSize */
uint32_t mapi_seek_stream(struct mapi_object *stream, uint8_t origin, int64_t offset, uint64_t *position);
uint32_t mapi_set_stream_size(struct mapi_object *stream, uint64_t size);
uint32_t mapi_get_stream_size(struct mapi_object *stream, uint32_t *size);
/* Whole property through a stream: opens, reads to the end, releases (for values too big for
 * RopGetPropertiesSpecific). */
uint32_t mapi_read_property_stream(struct mapi_object *o, uint32_t tag, TALLOC_CTX *mem,
                                   struct mapi_binary *out);
uint32_t mapi_write_property_stream(struct mapi_object *o, uint32_t tag, const uint8_t *data, size_t len);

/* ---- high level ---- */

/* One folder of a tree listing. */
struct mapi_folder_info {
	uint64_t fid;
	uint64_t parent_fid;
	uint32_t depth;        /* PidTagDepth: 0 for the children of the listed folder */
	char *name;            /* PidTagDisplayName */
	char *container_class; /* PidTagContainerClass, NULL when absent */
	uint32_t content_count;
	uint32_t unread_count;
	bool has_subfolders;
};
/* The folders under folder (the store: its IPM subtree, "Top of Information Store"), recursively when deep
 * (RopGetHierarchyTable with TABLE_FLAG_DEPTH), in the table's order. */
uint32_t mapi_list_folders(struct mapi_object *folder, bool deep, TALLOC_CTX *mem, uint32_t *count,
                           struct mapi_folder_info **folders);
/* Find a folder by path below the store's IPM subtree ("Inbox/Projects", names compared case-insensitively).
 */
uint32_t mapi_find_folder(struct mapi_object *store, const char *path, uint64_t *fid);
/* The messages of folder over the given columns (PidTagMid is added first when absent), at most max_rows
 * (0: all), in rows. */
uint32_t mapi_list_messages(struct mapi_object *folder, uint16_t column_count, const uint32_t *columns,
                            uint32_t max_rows, TALLOC_CTX *mem, struct mapi_property_row_set *rows);

/* A whole message. */
struct mapi_attachment_data {
	uint32_t attach_num;
	uint16_t prop_count;
	struct mapi_propval *props; /* PidTagAttachDataBinary read through a stream when large */
};
struct mapi_message_data {
	uint64_t fid, mid;
	uint16_t prop_count;
	struct mapi_propval
	        *props; /* RopGetPropertiesAll, with PidTagBody / PidTagHtml completed by stream */
	uint32_t recipient_count;
	struct mapi_recipient *recipients;
	uint32_t attachment_count;
	struct mapi_attachment_data *attachments;
};
uint32_t mapi_fetch_message(struct mapi_object *store, uint64_t fid, uint64_t mid, TALLOC_CTX *mem,
                            struct mapi_message_data **out);

/* A message to send. */
struct mapi_attachment_in {
	const char *filename;  /* PidTagAttachLongFilename */
	const char *mime_type; /* PidTagAttachMimeTag, may be NULL */
	const uint8_t *data;
	size_t len;
};
struct mapi_new_message {
	const char *subject;
	const char *body; /* plain text, UTF-8 */
	uint32_t recipient_count;
	const struct mapi_recipient *recipients;
	uint32_t attachment_count;
	const struct mapi_attachment_in *attachments;
};
/* Creates the message in folder_fid (0: the Outbox), sets subject, body, PidTagMessageClass "IPM.Note",
 * recipients and attachments, saves it (*mid) and, when submit, RopSubmitMessage. */
uint32_t mapi_create_and_send(struct mapi_object *store, uint64_t folder_fid,
                              const struct mapi_new_message *m, bool submit, uint64_t *mid);

#endif
