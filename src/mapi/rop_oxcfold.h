/* ROPs of the Folder Object protocol: MS-OXCFOLD 2.2.1 (wire layouts in MS-OXCROPS 2.2.4). FIDs and MIDs are
 * uint64_t as read little-endian from their 8 wire bytes (MS-OXCDATA 2.2.1.1, 2.2.1.2); Boolean fields keep
 * the byte they had on the wire (nonzero = TRUE). */
#ifndef MAPI_ROP_OXCFOLD_H
#define MAPI_ROP_OXCFOLD_H

#include "common/mapi_errors.h" /* ecDstNullObject */
#include "mapi/mapi_restriction.h"
#include "mapi/rop_codec.h"

/* MS-OXCFOLD 2.2.1.1.1 OpenModeFlags */
#define OPEN_SOFT_DELETED 0x04

/* MS-OXCFOLD 2.2.1.2.1 FolderType */
#define FOLDER_GENERIC 0x01
#define FOLDER_SEARCH 0x02

/* MS-OXCFOLD 2.2.1.3.1 DeleteFolderFlags */
#define DEL_MESSAGES 0x01
#define DEL_FOLDERS 0x04
#define DELETE_HARD_DELETE 0x10

/* MS-OXCFOLD 2.2.1.4.1 SearchFlags of RopSetSearchCriteria. FOREGROUND/BACKGROUND are not in that table of
 * the 2015 text but its example 4.8.1 sets 0x20 and names it BACKGROUND_SEARCH. */
#define STOP_SEARCH 0x00000001
#define RESTART_SEARCH 0x00000002
#define RECURSIVE_SEARCH 0x00000004
#define SHALLOW_SEARCH 0x00000008
#define FOREGROUND_SEARCH 0x00000010
#define BACKGROUND_SEARCH 0x00000020
#define CONTENT_INDEXED_SEARCH 0x00010000
#define NON_CONTENT_INDEXED_SEARCH 0x00020000
#define STATIC_SEARCH 0x00040000

/* MS-OXCFOLD 2.2.1.5.2 SearchFlags of RopGetSearchCriteria */
#define SEARCH_RUNNING 0x00000001
#define SEARCH_REBUILD 0x00000002
#define SEARCH_RECURSIVE 0x00000004
#define SEARCH_COMPLETE 0x00001000
#define SEARCH_PARTIAL 0x00002000
#define SEARCH_STATIC 0x00010000
#define SEARCH_MAYBE_STATIC 0x00020000
#define CI_TOTALLY 0x01000000
#define TWIR_TOTALLY 0x08000000

/* MS-OXCFOLD 2.2.1.13.1 / 2.2.1.14.1 TableFlags of RopGetHierarchyTable / RopGetContentsTable */
#define TABLE_FLAG_ASSOCIATED 0x02 /* contents table only */
#define TABLE_FLAG_DEPTH 0x04      /* hierarchy table only */
#define TABLE_FLAG_DEFERRED_ERRORS 0x08
#define TABLE_FLAG_NO_NOTIFICATIONS 0x10
#define TABLE_FLAG_SOFT_DELETES 0x20
#define TABLE_FLAG_USE_UNICODE 0x40
#define TABLE_FLAG_SUPPRESS_NOTIFICATIONS 0x80 /* hierarchy table */
#define TABLE_FLAG_CONVERSATION_MEMBERS 0x80   /* contents table */

/* MS-OXCROPS 2.2.4.1 RopOpenFolder */
struct rop_open_folder_req {
	uint64_t folder_id;
	uint8_t open_mode_flags; /* OPEN_SOFT_DELETED */
};
struct rop_open_folder_rsp {
	uint8_t has_rules;
	uint8_t is_ghosted;
	struct rop_server_list servers; /* only when is_ghosted */
};

/* MS-OXCROPS 2.2.4.2 RopCreateFolder */
struct rop_create_folder_req {
	uint8_t folder_type; /* FOLDER_GENERIC, FOLDER_SEARCH */
	uint8_t use_unicode; /* UseUnicodeStrings: the two strings are UTF-16LE on the wire, else 8-bit */
	uint8_t open_existing;
	uint8_t reserved;
	char *display_name;
	char *comment;
};
struct rop_create_folder_rsp {
	uint64_t folder_id;
	uint8_t is_existing_folder;
	uint8_t has_rules;              /* only when is_existing_folder */
	uint8_t is_ghosted;             /* only when is_existing_folder */
	struct rop_server_list servers; /* only when is_existing_folder and is_ghosted */
};

/* MS-OXCROPS 2.2.4.3.1 RopDeleteFolder request */
struct rop_delete_folder_req {
	uint8_t delete_folder_flags; /* DEL_MESSAGES, DEL_FOLDERS, DELETE_HARD_DELETE */
	uint64_t folder_id;
};

/* The response of RopDeleteFolder (2.2.4.3.2), RopDeleteMessages (2.2.4.11.2), RopHardDeleteMessages
 * (2.2.4.12.2), RopEmptyFolder (2.2.4.9.2), RopHardDeleteMessagesAndSubfolders (2.2.4.10.2): one layout for
 * success and failure. */
struct rop_partial_completion_rsp {
	uint8_t partial_completion;
};

/* MS-OXCROPS 2.2.4.4.1 RopSetSearchCriteria request (the response has no body) */
struct rop_set_search_criteria_req {
	struct mapi_restriction *restriction; /* NULL: RestrictionDataSize 0, reuse the last criteria */
	uint16_t folder_id_count;
	uint64_t *folder_ids;
	uint32_t search_flags; /* STOP_SEARCH ... STATIC_SEARCH */
};

/* MS-OXCROPS 2.2.4.5 RopGetSearchCriteria */
struct rop_get_search_criteria_req {
	uint8_t use_unicode;
	uint8_t include_restriction;
	uint8_t include_folders;
};
struct rop_get_search_criteria_rsp {
	struct mapi_restriction *restriction; /* NULL when RestrictionDataSize is 0 */
	uint8_t logon_id; /* the request's LogonId, between RestrictionData and FolderIdCount */
	uint16_t folder_id_count;
	uint64_t *folder_ids;
	uint32_t search_flags; /* SEARCH_RUNNING ... TWIR_TOTALLY */
};

/* MS-OXCROPS 2.2.4.6.1 RopMoveCopyMessages request */
struct rop_move_copy_messages_req {
	uint16_t message_id_count;
	uint64_t *message_ids;
	uint8_t want_asynchronous;
	uint8_t want_copy; /* nonzero: copy, zero: move */
};

/* MS-OXCROPS 2.2.4.7.1 RopMoveFolder and 2.2.4.8.1 RopCopyFolder requests: the same fields but for
 * WantRecursive, which only RopCopyFolder carries. */
struct rop_move_copy_folder_req {
	uint8_t want_asynchronous;
	uint8_t want_recursive; /* RopCopyFolder only */
	uint8_t use_unicode;    /* NewFolderName is UTF-16LE on the wire, else 8-bit */
	uint64_t folder_id;
	char *new_folder_name;
};

/* The response of RopMoveCopyMessages (2.2.4.6.2/.3), RopMoveFolder (2.2.4.7.2/.3) and RopCopyFolder
 * (2.2.4.8.2/.3): one layout for success and failure, except that with ReturnValue ecDstNullObject a
 * 4-byte DestHandleIndex comes before PartialCompletion. */
struct rop_move_copy_rsp {
	uint32_t dest_handle_index; /* only with ecDstNullObject */
	uint8_t partial_completion;
};

/* MS-OXCROPS 2.2.4.9.1 RopEmptyFolder and 2.2.4.10.1 RopHardDeleteMessagesAndSubfolders requests */
struct rop_empty_folder_req {
	uint8_t want_asynchronous;
	uint8_t want_delete_associated;
};

/* MS-OXCROPS 2.2.4.11.1 RopDeleteMessages and 2.2.4.12.1 RopHardDeleteMessages requests */
struct rop_delete_messages_req {
	uint8_t want_asynchronous;
	uint8_t notify_non_read;
	uint16_t message_id_count;
	uint64_t *message_ids;
};

/* MS-OXCROPS 2.2.4.13 RopGetHierarchyTable and 2.2.4.14 RopGetContentsTable */
struct rop_get_table_req {
	uint8_t table_flags; /* TABLE_FLAG_* */
};
struct rop_get_table_rsp {
	uint32_t row_count;
};

ROP_DECLARE_FIELDS(open_folder_req);
ROP_DECLARE_BODY(open_folder_rsp);
ROP_DECLARE_BODY(create_folder_req);
ROP_DECLARE_BODY(create_folder_rsp);
ROP_DECLARE_FIELDS(delete_folder_req);
ROP_DECLARE_FIELDS(partial_completion_rsp);
ROP_DECLARE_BODY(set_search_criteria_req);
ROP_DECLARE_FIELDS(get_search_criteria_req);
ROP_DECLARE_BODY(get_search_criteria_rsp);
ROP_DECLARE_BODY(move_copy_messages_req);
ROP_DECLARE_BODY(move_folder_req);
ROP_DECLARE_BODY(copy_folder_req);
ROP_DECLARE_BODY(move_copy_rsp);
ROP_DECLARE_FIELDS(empty_folder_req);
ROP_DECLARE_BODY(delete_messages_req);
ROP_DECLARE_FIELDS(get_table_req);
ROP_DECLARE_FIELDS(get_table_rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXCFOLD_REQUESTS                                                                                 \
	struct rop_open_folder_req open_folder;                                                              \
	struct rop_create_folder_req create_folder;                                                          \
	struct rop_delete_folder_req delete_folder;                                                          \
	struct rop_set_search_criteria_req set_search_criteria;                                              \
	struct rop_get_search_criteria_req get_search_criteria;                                              \
	struct rop_move_copy_messages_req move_copy_messages;                                                \
	struct rop_move_copy_folder_req move_folder;                                                         \
	struct rop_move_copy_folder_req copy_folder;                                                         \
	struct rop_empty_folder_req empty_folder;                                                            \
	struct rop_empty_folder_req hard_delete_messages_and_subfolders;                                     \
	struct rop_delete_messages_req delete_messages;                                                      \
	struct rop_delete_messages_req hard_delete_messages;                                                 \
	struct rop_get_table_req get_hierarchy_table;                                                        \
	struct rop_get_table_req get_contents_table;
#define ROP_OXCFOLD_RESPONSES                                                                                \
	struct rop_open_folder_rsp open_folder;                                                              \
	struct rop_create_folder_rsp create_folder;                                                          \
	struct rop_partial_completion_rsp delete_folder;                                                     \
	struct rop_get_search_criteria_rsp get_search_criteria;                                              \
	struct rop_move_copy_rsp move_copy_messages;                                                         \
	struct rop_move_copy_rsp move_folder;                                                                \
	struct rop_move_copy_rsp copy_folder;                                                                \
	struct rop_partial_completion_rsp empty_folder;                                                      \
	struct rop_partial_completion_rsp hard_delete_messages_and_subfolders;                               \
	struct rop_partial_completion_rsp delete_messages;                                                   \
	struct rop_partial_completion_rsp hard_delete_messages;                                              \
	struct rop_get_table_rsp get_hierarchy_table;                                                        \
	struct rop_get_table_rsp get_contents_table;

#endif
