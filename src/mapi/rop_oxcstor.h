/* ROPs of the Store Object protocol: MS-OXCSTOR 2.2.1 (wire layouts in MS-OXCROPS 2.2.3). FIDs and MIDs are
 * uint64_t as read little-endian from their 8 wire bytes (MS-OXCDATA 2.2.1.1); LongTermIDs are the 24 wire
 * bytes (struct rop_long_term_id). */
#ifndef MAPI_ROP_OXCSTOR_H
#define MAPI_ROP_OXCSTOR_H

#include "common/mapi_errors.h" /* ecWrongServer */
#include "mapi/mapi_propval.h"
#include "mapi/rop_codec.h"

/* MS-OXCSTOR 2.2.1.1.1 LogonFlags */
#define LOGON_PRIVATE 0x01 /* private mailbox; clear: public folders */
#define LOGON_UNDERCOVER 0x02
#define LOGON_GHOSTED 0x04
#define LOGON_SPOOLER_PROCESS 0x08

/* MS-OXCSTOR 2.2.1.1.1 OpenFlags */
#define LOGON_OPEN_USE_ADMIN_PRIVILEGE 0x00000001
#define LOGON_OPEN_PUBLIC 0x00000002
#define LOGON_OPEN_HOME_LOGON 0x00000004
#define LOGON_OPEN_TAKE_OWNERSHIP 0x00000008
#define LOGON_OPEN_ALTERNATE_SERVER 0x00000100
#define LOGON_OPEN_IGNORE_HOME_MDB 0x00000200
#define LOGON_OPEN_NO_MAIL 0x00000400
#define LOGON_OPEN_USE_PER_MDB_REPLID_MAPPING 0x01000000
#define LOGON_OPEN_SUPPORT_PROGRESS 0x20000000

/* MS-OXCSTOR 2.2.1.1.3 ResponseFlags */
#define LOGON_RESPONSE_RESERVED 0x01 /* always set */
#define LOGON_RESPONSE_OWNER_RIGHT 0x02
#define LOGON_RESPONSE_SEND_AS_RIGHT 0x04
#define LOGON_RESPONSE_OOF 0x10

/* MS-OXCSTOR 2.2.1.5.2 StoreState */
#define STORE_HAS_SEARCHES 0x01000000

/* MS-OXCROPS 2.2.3.1.1 RopLogon request */
struct rop_logon_req {
	uint8_t logon_flags;  /* LOGON_* */
	uint32_t open_flags;  /* LOGON_OPEN_* */
	uint32_t store_state; /* unused, 0 */
	char *essdn;          /* Essdn, ASCII; NULL when EssdnSize is 0 (public folders logon) */
};

/* MS-OXCROPS 2.2.3.1.2.1 LogonTime */
struct rop_logon_time {
	uint8_t seconds;
	uint8_t minutes;
	uint8_t hour;
	uint8_t day_of_week; /* Sunday = 0 */
	uint8_t day;
	uint8_t month; /* January = 1 */
	uint16_t year;
};

/* The 13 FolderIds of a RopLogon success response, in wire order (MS-OXCSTOR 2.2.1.1.3 / 2.2.1.1.4). */
#define LOGON_FOLDER_COUNT 13
enum rop_logon_private_folder {
	LOGON_FID_MAILBOX_ROOT,
	LOGON_FID_DEFERRED_ACTION,
	LOGON_FID_SPOOLER_QUEUE,
	LOGON_FID_IPM_SUBTREE,
	LOGON_FID_INBOX,
	LOGON_FID_OUTBOX,
	LOGON_FID_SENT_ITEMS,
	LOGON_FID_DELETED_ITEMS,
	LOGON_FID_COMMON_VIEWS,
	LOGON_FID_SCHEDULE,
	LOGON_FID_SEARCH,
	LOGON_FID_VIEWS,
	LOGON_FID_SHORTCUTS,
};
enum rop_logon_public_folder {
	LOGON_FID_PUBLIC_ROOT,
	LOGON_FID_PUBLIC_IPM_SUBTREE,
	LOGON_FID_NON_IPM_SUBTREE,
	LOGON_FID_EFORMS_REGISTRY,
	LOGON_FID_FREE_BUSY,
	LOGON_FID_OFFLINE_ADDRESS_BOOK,
	LOGON_FID_LOCAL_EFORMS_REGISTRY,
	LOGON_FID_LOCAL_FREE_BUSY,
	LOGON_FID_LOCAL_OFFLINE_ADDRESS_BOOK,
	LOGON_FID_NNTP_ARTICLE_INDEX, /* the last 3 are empty */
};

/* MS-OXCROPS 2.2.3.1.2-2.2.3.1.5 RopLogon response. Which fields are on the wire depends on ReturnValue and
 * on the request: 0 with request LogonFlags Private set = private mailbox form (2.2.3.1.2), 0 with Private
 * clear = public folders form (2.2.3.1.3), ecWrongServer = redirect form (2.2.3.1.4: logon_flags and
 * server_name only), anything else = no body. */
struct rop_logon_rsp {
	uint8_t logon_flags;
	uint64_t folder_ids[LOGON_FOLDER_COUNT];
	uint8_t response_flags;      /* private: LOGON_RESPONSE_* */
	struct wc_guid mailbox_guid; /* private */
	uint16_t repl_id;
	struct wc_guid repl_guid;
	struct rop_logon_time logon_time; /* private */
	uint64_t gwart_time;              /* private */
	uint32_t store_state;             /* private */
	struct wc_guid per_user_guid;     /* public: all zero */
	char *server_name;                /* redirect: ServerName, ASCII */
};

/* MS-OXCROPS 2.2.3.2.1 RopGetReceiveFolder request */
struct rop_get_receive_folder_req {
	char *message_class; /* ASCII */
};

/* A FolderId and a message class: the RopGetReceiveFolder response (2.2.3.2.2, where the class is
 * ExplicitMessageClass) and the RopSetReceiveFolder request (2.2.3.3.1; its response has no body). */
struct rop_receive_folder {
	uint64_t folder_id;
	char *message_class; /* ASCII */
};

/* MS-OXCROPS 2.2.3.4.2 RopGetReceiveFolderTable response (the request has no body). Each row has exactly the
 * columns rop_receive_folder_table_columns[] (MS-OXCSTOR 2.2.1.4.2): PidTagFolderId, PidTagMessageClass as
 * PtypString8, PidTagLastModificationTime. */
struct rop_get_receive_folder_table_rsp {
	uint32_t row_count;
	struct mapi_property_row *rows;
};
#define ROP_RECEIVE_FOLDER_TABLE_COLUMNS 3
extern const uint32_t rop_receive_folder_table_columns[ROP_RECEIVE_FOLDER_TABLE_COLUMNS];

/* MS-OXCROPS 2.2.3.5.2 RopGetStoreState response (the request has no body) */
struct rop_get_store_state_rsp {
	uint32_t store_state; /* STORE_HAS_SEARCHES or 0 */
};

/* A request whose body is one FID: RopGetOwningServers (2.2.3.6.1), RopPublicFolderIsGhosted (2.2.3.7.1). */
struct rop_folder_id_req {
	uint64_t folder_id;
};

/* MS-OXCROPS 2.2.3.6.2 RopGetOwningServers response */
struct rop_get_owning_servers_rsp {
	struct rop_server_list servers; /* OwningServersCount, CheapServersCount, OwningServers */
};

/* MS-OXCROPS 2.2.3.7.2 RopPublicFolderIsGhosted response */
struct rop_public_folder_is_ghosted_rsp {
	uint8_t is_ghosted;
	struct rop_server_list servers; /* only when is_ghosted */
};

/* A body that is one FID or MID: RopLongTermIdFromId request (2.2.3.8.1), RopIdFromLongTermId response
 * (2.2.3.9.2). */
struct rop_object_id {
	uint64_t object_id;
};

/* A body that is one LongTermID: RopLongTermIdFromId response (2.2.3.8.2), RopIdFromLongTermId request
 * (2.2.3.9.1), RopGetPerUserGuid request (2.2.3.11.1). */
struct rop_long_term_id_body {
	struct rop_long_term_id long_term_id;
};

/* A body that is one database GUID: RopGetPerUserLongTermIds request (2.2.3.10.1), RopGetPerUserGuid response
 * (2.2.3.11.2). */
struct rop_database_guid {
	struct wc_guid database_guid;
};

/* MS-OXCROPS 2.2.3.10.2 RopGetPerUserLongTermIds response */
struct rop_get_per_user_long_term_ids_rsp {
	uint16_t long_term_id_count;
	struct rop_long_term_id *long_term_ids;
};

/* MS-OXCROPS 2.2.3.12 RopReadPerUserInformation */
struct rop_read_per_user_information_req {
	struct rop_long_term_id folder_id;
	uint8_t reserved;
	uint32_t data_offset;
	uint16_t max_data_size;
};
struct rop_read_per_user_information_rsp {
	uint8_t has_finished;
	uint16_t data_size;
	uint8_t *data;
};

/* MS-OXCROPS 2.2.3.13.1 RopWritePerUserInformation request (the response has no body). ReplGuid is on the
 * wire only when DataOffset is 0 and the logon was made with LOGON_PRIVATE (MS-OXCSTOR 2.2.1.13.1); the codec
 * asks the struct rop_ctx which logons are private. */
struct rop_write_per_user_information_req {
	struct rop_long_term_id folder_id;
	uint8_t has_finished;
	uint32_t data_offset;
	uint16_t data_size;
	uint8_t *data;
	struct wc_guid repl_guid;
};

ROP_DECLARE_BODY(logon_req);
ROP_DECLARE_BODY(logon_rsp);
ROP_DECLARE_BODY(get_receive_folder_req);
ROP_DECLARE_BODY(receive_folder);
ROP_DECLARE_BODY(get_receive_folder_table_rsp);
ROP_DECLARE_FIELDS(get_store_state_rsp);
ROP_DECLARE_FIELDS(folder_id_req);
ROP_DECLARE_BODY(get_owning_servers_rsp);
ROP_DECLARE_BODY(public_folder_is_ghosted_rsp);
ROP_DECLARE_FIELDS(object_id);
ROP_DECLARE_FIELDS(long_term_id_body);
ROP_DECLARE_FIELDS(database_guid);
ROP_DECLARE_BODY(get_per_user_long_term_ids_rsp);
ROP_DECLARE_FIELDS(read_per_user_information_req);
ROP_DECLARE_BODY(read_per_user_information_rsp);
ROP_DECLARE_BODY(write_per_user_information_req);

struct rop_ctx;
struct rop_response;
/* RopLogon's effect on the codec state: a RopLogon makes its LogonId private or public (rop_ctx). */
void rop_logon_track(struct rop_ctx *ctx, const struct rop_request *req, const struct rop_response *rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXCSTOR_REQUESTS                                                                                 \
	struct rop_logon_req logon;                                                                          \
	struct rop_get_receive_folder_req get_receive_folder;                                                \
	struct rop_receive_folder set_receive_folder;                                                        \
	struct rop_folder_id_req get_owning_servers;                                                         \
	struct rop_folder_id_req public_folder_is_ghosted;                                                   \
	struct rop_object_id long_term_id_from_id;                                                           \
	struct rop_long_term_id_body id_from_long_term_id;                                                   \
	struct rop_database_guid get_per_user_long_term_ids;                                                 \
	struct rop_long_term_id_body get_per_user_guid;                                                      \
	struct rop_read_per_user_information_req read_per_user_information;                                  \
	struct rop_write_per_user_information_req write_per_user_information;
#define ROP_OXCSTOR_RESPONSES                                                                                \
	struct rop_logon_rsp logon;                                                                          \
	struct rop_receive_folder get_receive_folder;                                                        \
	struct rop_get_receive_folder_table_rsp get_receive_folder_table;                                    \
	struct rop_get_store_state_rsp get_store_state;                                                      \
	struct rop_get_owning_servers_rsp get_owning_servers;                                                \
	struct rop_public_folder_is_ghosted_rsp public_folder_is_ghosted;                                    \
	struct rop_long_term_id_body long_term_id_from_id;                                                   \
	struct rop_object_id id_from_long_term_id;                                                           \
	struct rop_get_per_user_long_term_ids_rsp get_per_user_long_term_ids;                                \
	struct rop_database_guid get_per_user_guid;                                                          \
	struct rop_read_per_user_information_rsp read_per_user_information;

#endif
