/* Entry IDs (MS-OXCDATA 2.2.4, 2.2.5):
 *   2.2.4.1 Folder EntryID        2.2.4.2 Message EntryID      2.2.4.3 Store Object EntryID (wrapped)
 *   2.2.5.1 One-Off EntryID       2.2.5.2 Address Book EntryID
 *
 * Every entry ID starts with Flags (4 bytes) and a ProviderUID (16 bytes). Flags is 0 for a long-term entry
 * ID (MS-OXCDATA requires that in every entry ID stored in a property value); the value is kept as read so a
 * dump can show it. mapi_entryid_pull() tells the kinds apart by ProviderUID: the constants below identify
 * store, one-off and address book entry IDs; a folder or message entry ID carries its mailbox's GUID (or the
 * public folders constant) and is recognised by its size and FolderType / MessageType.
 *
 * Strings are NUL-terminated talloc strings on the caller's context: 8-bit fields are kept as the raw bytes,
 * UTF-16 fields (one-off with MAPI_ONE_OFF_UNICODE) are converted to UTF-8. */
#ifndef MAPI_ENTRYID_H
#define MAPI_ENTRYID_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "mapi/mapi_ids.h"

/* ProviderUID values, as the bytes on the wire. */
extern const uint8_t mapi_provider_uid_store[16];          /* 2.2.4.3 ProviderUID (emsmdb.dll wrapper) */
extern const uint8_t mapi_provider_uid_mailbox_store[16];  /* 2.2.4.3 WrappedProvider UID, mailbox */
extern const uint8_t mapi_provider_uid_public_store[16];   /* 2.2.4.3 WrappedProvider UID, public folders */
extern const uint8_t mapi_provider_uid_public_folders[16]; /* 2.2.4.1/2.2.4.2 objects in the public store */
extern const uint8_t mapi_provider_uid_one_off[16];        /* 2.2.5.1 */
extern const uint8_t mapi_provider_uid_address_book[16];   /* 2.2.5.2 */

/* 2.2.4 Store object types: FolderType / MessageType. */
#define MAPI_EIT_LT_PRIVATE_FOLDER 0x0001
#define MAPI_EIT_LT_PUBLIC_FOLDER 0x0003
#define MAPI_EIT_LT_WACKY_FOLDER 0x0005 /* MappedPublicFolder */
#define MAPI_EIT_LT_PRIVATE_MESSAGE 0x0007
#define MAPI_EIT_LT_PUBLIC_MESSAGE 0x0009
#define MAPI_EIT_LT_WACKY_MESSAGE 0x000B         /* MappedPublicMessage */
#define MAPI_EIT_LT_PUBLIC_FOLDER_BY_NAME 0x000C /* PublicNewsgroupFolder: another layout, not decoded */

#define MAPI_FOLDER_ENTRYID_SIZE 46
#define MAPI_MESSAGE_ENTRYID_SIZE 70

/* 2.2.4.3 WrappedType */
#define MAPI_STORE_WRAPPED_TYPE_MAILBOX 0x0000000C
#define MAPI_STORE_WRAPPED_TYPE_PUBLIC 0x00000006

/* 2.2.5.1 One-Off EntryID: the 16-bit field after Version, as a little-endian word. The spec's bit diagram
 * gives masks for the two bytes read high byte first (U = 0x0080 is bit 7 of the second byte); as a word that
 * is 0x8000, the value MAPI_ONE_OFF_UNICODE has in the MAPI SDK. The Format and MAE tables' "word values"
 * (TextOnly 0x0006, UUENCODE 0x0020) are already little-endian words. Reserved bits are kept as read. */
#define MAPI_ONE_OFF_NO_RICH_INFO 0x0001 /* M: send pure MIME, not TNEF */
#define MAPI_ONE_OFF_FORMAT_MASK 0x001E
#define MAPI_ONE_OFF_FORMAT_TEXT_ONLY 0x0006
#define MAPI_ONE_OFF_FORMAT_HTML_ONLY 0x000E
#define MAPI_ONE_OFF_FORMAT_TEXT_AND_HTML 0x0016
#define MAPI_ONE_OFF_MAE_MASK                                                                                \
	0x0060 /* BinHex 0x0000, UUENCODE 0x0020, AppleSingle 0x0040, AppleDouble 0x0060 */
#define MAPI_ONE_OFF_MAE_UUENCODE 0x0020
#define MAPI_ONE_OFF_MAE_APPLESINGLE 0x0040
#define MAPI_ONE_OFF_MAE_APPLEDOUBLE 0x0060
#define MAPI_ONE_OFF_NO_LOOKUP 0x1000 /* L: the server cannot look the address up in the address book */
#define MAPI_ONE_OFF_UNICODE 0x8000   /* U: strings are UTF-16LE with 2-byte terminators, else 8-bit */

/* 2.2.5.2 Address Book EntryID Type (the PidTagDisplayType values). */
#define MAPI_AB_DT_MAILUSER 0x00000000
#define MAPI_AB_DT_DISTLIST 0x00000001
#define MAPI_AB_DT_FORUM 0x00000002 /* bulletin board or public folder */
#define MAPI_AB_DT_AGENT 0x00000003 /* automated mailbox */
#define MAPI_AB_DT_ORGANIZATION 0x00000004
#define MAPI_AB_DT_PRIVATE_DISTLIST 0x00000005
#define MAPI_AB_DT_REMOTE_MAILUSER 0x00000006
#define MAPI_AB_DT_CONTAINER 0x00000100
#define MAPI_AB_DT_TEMPLATE 0x00000101
#define MAPI_AB_DT_ADDRESS_TEMPLATE 0x00000102 /* one-off user template */
#define MAPI_AB_DT_SEARCH 0x00000200

enum mapi_entryid_kind {
	MAPI_ENTRYID_FOLDER = 1,
	MAPI_ENTRYID_MESSAGE,
	MAPI_ENTRYID_STORE,
	MAPI_ENTRYID_ONE_OFF,
	MAPI_ENTRYID_ADDRESS_BOOK,
};

/* 2.2.4.1: ProviderUID = the MailboxGuid of RopLogon (private) or mapi_provider_uid_public_folders. */
struct mapi_folder_entryid {
	struct wc_guid provider_uid;
	uint16_t folder_type;   /* MAPI_EIT_LT_*_FOLDER */
	struct mapi_gid folder; /* DatabaseGuid + GlobalCounter */
};

/* 2.2.4.2 */
struct mapi_message_entryid {
	struct wc_guid provider_uid;
	uint16_t message_type;   /* MAPI_EIT_LT_*_MESSAGE */
	struct mapi_gid folder;  /* FolderDatabaseGuid + FolderGlobalCounter */
	struct mapi_gid message; /* MessageDatabaseGuid + MessageGlobalCounter */
};

/* 2.2.4.3: ProviderUID mapi_provider_uid_store, Version 0, Flag 0, DLLFileName "EMSMDB.DLL", WrappedFlags 0.
 */
struct mapi_store_entryid {
	bool public_store;       /* WrappedProvider UID: public folder store, else mailbox store */
	uint32_t wrapped_type;   /* MAPI_STORE_WRAPPED_TYPE_*; kept as read */
	char *server_short_name; /* 8-bit */
	char *mailbox_dn;        /* 8-bit X500 DN; mailbox stores only, NULL for the public store */
};

/* 2.2.5.1 */
struct mapi_one_off_entryid {
	uint16_t flags; /* MAPI_ONE_OFF_* */
	char *display_name;
	char *address_type;
	char *email_address;
};

/* 2.2.5.2: Version is 1. */
struct mapi_ab_entryid {
	uint32_t type; /* MAPI_AB_DT_* */
	char *x500_dn; /* 8-bit */
};

struct mapi_entryid {
	enum mapi_entryid_kind kind;
	uint32_t flags; /* 0 in a long-term entry ID */
	union {
		struct mapi_folder_entryid folder;
		struct mapi_message_entryid message;
		struct mapi_store_entryid store;
		struct mapi_one_off_entryid one_off;
		struct mapi_ab_entryid ab;
	};
};

/* Decodes the entry ID that fills the rest of the reader (an entry ID is always a counted binary). Returns
 * WC_EUNSUPPORTED for a well-formed header of a provider or object type not listed above, WC_EFORMAT for a
 * malformed or truncated entry ID of a known kind or bytes left over. On failure *out, mem and the reader are
 * unchanged. */
int mapi_entryid_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_entryid *out);
/* WC_EINVAL for a type or kind the decoder would not accept, a NULL string, or a counter over 48 bits. */
int mapi_entryid_push(struct wc_writer *w, const struct mapi_entryid *eid);
/* "folder", "message", "store", "one-off", "address book" (for dumps). */
const char *mapi_entryid_kind_name(enum mapi_entryid_kind kind);

#endif
