/* Entry IDs: folder, message, store object, one-off, address book (MS-OXCDATA 2.2.4, 2.2.5). */
#include "mapi/mapi_entryid.h"
#include "common/wc_error.h"

#include <string.h>

/* MS-OXCDATA 2.2.4.3 ProviderUID */
const uint8_t mapi_provider_uid_store[16] = {0x38, 0xA1, 0xBB, 0x10, 0x05, 0xE5, 0x10, 0x1A,
                                             0xA1, 0xBB, 0x08, 0x00, 0x2B, 0x2A, 0x56, 0xC2};
/* MS-OXCDATA 2.2.4.3 WrappedProvider UID table */
const uint8_t mapi_provider_uid_mailbox_store[16] = {0x1B, 0x55, 0xFA, 0x20, 0xAA, 0x66, 0x11, 0xCD,
                                                     0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4, 0x5A};
const uint8_t mapi_provider_uid_public_store[16] = {0x1C, 0x83, 0x02, 0x10, 0xAA, 0x66, 0x11, 0xCD,
                                                    0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4, 0x5A};
/* MS-OXCDATA 2.2.4.2 ProviderUID for a folder in the public message store */
const uint8_t mapi_provider_uid_public_folders[16] = {0x1A, 0x44, 0x73, 0x90, 0xAA, 0x66, 0x11, 0xCD,
                                                      0x9B, 0xC8, 0x00, 0xAA, 0x00, 0x2F, 0xC4, 0x5A};
/* MS-OXCDATA 2.2.5.1 ProviderUID */
const uint8_t mapi_provider_uid_one_off[16] = {0x81, 0x2B, 0x1F, 0xA4, 0xBE, 0xA3, 0x10, 0x19,
                                               0x9D, 0x6E, 0x00, 0xDD, 0x01, 0x0F, 0x54, 0x02};
/* MS-OXCDATA 2.2.5.2 ProviderUID */
const uint8_t mapi_provider_uid_address_book[16] = {0xDC, 0xA7, 0x40, 0xC8, 0xC0, 0x42, 0x10, 0x1A,
                                                    0xB4, 0xB9, 0x08, 0x00, 0x2B, 0x2F, 0xE1, 0x82};

/* Entry IDs of other providers that are recognised but not decoded here: MS-OXCDATA 2.2.5.3 Contact Address
 * EntryID and MS-OXOCNTC 2.2.2.2.4.1.1 WrappedEntryId (personal distribution list members). Their bytes after
 * the ProviderUID could otherwise pass for a folder entry ID's object type. */
static const uint8_t other_provider_uids[][16] = {
        {0xFE, 0x42, 0xAA, 0x0A, 0x18, 0xC7, 0x1A, 0x10, 0xE8, 0x85, 0x0B, 0x65, 0x1C, 0x24, 0x00, 0x00},
        {0xC0, 0x91, 0xAD, 0xD3, 0x51, 0x9D, 0xCF, 0x11, 0xA4, 0xA9, 0x00, 0xAA, 0x00, 0x47, 0xFA, 0xA4},
};

/* MS-OXCDATA 2.2.4.3 DLLFileName: "EMSMDB.DLL" padded with zeros to 14 bytes */
static const uint8_t store_dll_name[14] = {0x45, 0x4D, 0x53, 0x4D, 0x44, 0x42, 0x2E,
                                           0x44, 0x4C, 0x4C, 0x00, 0x00, 0x00, 0x00};

#define ENTRYID_HEADER_SIZE 20 /* Flags + ProviderUID */

const char *mapi_entryid_kind_name(enum mapi_entryid_kind kind)
{
	switch (kind) {
	case MAPI_ENTRYID_FOLDER:
		return "folder";
	case MAPI_ENTRYID_MESSAGE:
		return "message";
	case MAPI_ENTRYID_STORE:
		return "store";
	case MAPI_ENTRYID_ONE_OFF:
		return "one-off";
	case MAPI_ENTRYID_ADDRESS_BOOK:
		return "address book";
	}
	return "unknown";
}

static bool is_folder_type(uint16_t t)
{
	return t == MAPI_EIT_LT_PRIVATE_FOLDER || t == MAPI_EIT_LT_PUBLIC_FOLDER ||
	       t == MAPI_EIT_LT_WACKY_FOLDER;
}

static bool is_message_type(uint16_t t)
{
	return t == MAPI_EIT_LT_PRIVATE_MESSAGE || t == MAPI_EIT_LT_PUBLIC_MESSAGE ||
	       t == MAPI_EIT_LT_WACKY_MESSAGE;
}

static bool is_ab_type(uint32_t t)
{
	return t <= MAPI_AB_DT_REMOTE_MAILUSER || t == MAPI_AB_DT_CONTAINER || t == MAPI_AB_DT_TEMPLATE ||
	       t == MAPI_AB_DT_ADDRESS_TEMPLATE || t == MAPI_AB_DT_SEARCH;
}

/* A NUL-terminated string, UTF-16LE (converted to UTF-8) or 8-bit (raw). */
static bool read_string(struct wc_reader *r, TALLOC_CTX *mem, bool unicode, char **out)
{
	return unicode ? wc_read_utf16_z(r, mem, out) : wc_read_ascii_z(r, mem, out);
}

static bool write_string(struct wc_writer *w, bool unicode, const char *s)
{
	return unicode ? wc_write_utf16_z(w, s) : wc_write_ascii_z(w, s);
}

/* ---- decoders: the reader stands after Flags and ProviderUID ---- */

/* MS-OXCDATA 2.2.4.1 Folder EntryID: FolderType, then DatabaseGuid + GlobalCounter + Pad (a LongTermID). */
static int folder_pull(struct wc_reader *r, struct mapi_folder_entryid *f)
{
	if (!wc_read_u16(r, &f->folder_type) || !is_folder_type(f->folder_type))
		return WC_EFORMAT;
	return mapi_long_term_id_pull(r, &f->folder);
}

/* MS-OXCDATA 2.2.4.2 Message EntryID: MessageType, folder GID + Pad, message GID + Pad. */
static int message_pull(struct wc_reader *r, struct mapi_message_entryid *m)
{
	if (!wc_read_u16(r, &m->message_type) || !is_message_type(m->message_type))
		return WC_EFORMAT;
	int ret = mapi_long_term_id_pull(r, &m->folder);
	return ret != 0 ? ret : mapi_long_term_id_pull(r, &m->message);
}

/* MS-OXCDATA 2.2.4.3 Store Object EntryID: Version, Flag, DLLFileName, WrappedFlags, WrappedProvider UID,
 * WrappedType, ServerShortname, MailboxDN (mailbox stores only). */
static int store_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_store_entryid *s)
{
	const uint8_t *dll, *uid;
	uint8_t version, flag;
	uint32_t wrapped_flags;
	if (!wc_read_u8(r, &version) || !wc_read_u8(r, &flag) || !wc_read_ptr(r, 14, &dll) ||
	    !wc_read_u32(r, &wrapped_flags) || !wc_read_ptr(r, 16, &uid) || !wc_read_u32(r, &s->wrapped_type))
		return WC_EFORMAT;
	if (version != 0 || flag != 0 || memcmp(dll, store_dll_name, 14) != 0 || wrapped_flags != 0)
		return WC_EFORMAT;
	if (memcmp(uid, mapi_provider_uid_public_store, 16) == 0)
		s->public_store = true;
	else if (memcmp(uid, mapi_provider_uid_mailbox_store, 16) == 0)
		s->public_store = false;
	else
		return WC_EFORMAT;
	if (!wc_read_ascii_z(r, mem, &s->server_short_name))
		return WC_EFORMAT;
	s->mailbox_dn = NULL;
	if (!s->public_store && !wc_read_ascii_z(r, mem, &s->mailbox_dn))
		return WC_EFORMAT;
	return 0;
}

/* MS-OXCDATA 2.2.5.1 One-Off EntryID: Version (0x0000), flags word, DisplayName, AddressType, EmailAddress.
 */
static int one_off_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_one_off_entryid *o)
{
	uint16_t version;
	if (!wc_read_u16(r, &version) || version != 0 || !wc_read_u16(r, &o->flags))
		return WC_EFORMAT;
	bool u = (o->flags & MAPI_ONE_OFF_UNICODE) != 0;
	if (!read_string(r, mem, u, &o->display_name) || !read_string(r, mem, u, &o->address_type) ||
	    !read_string(r, mem, u, &o->email_address))
		return WC_EFORMAT;
	return 0;
}

/* MS-OXCDATA 2.2.5.2 Address Book EntryID: Version (1), Type, X500DN. */
static int ab_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_ab_entryid *a)
{
	uint32_t version;
	if (!wc_read_u32(r, &version) || version != 1 || !wc_read_u32(r, &a->type) || !is_ab_type(a->type) ||
	    !wc_read_ascii_z(r, mem, &a->x500_dn))
		return WC_EFORMAT;
	return 0;
}

/* A folder or message entry ID has its mailbox's ProviderUID: tell them apart by size and object type. */
static int store_object_pull(struct wc_reader *r, const uint8_t *uid, struct mapi_entryid *e)
{
	size_t left = wc_reader_left(r);
	uint16_t type;
	for (size_t i = 0; i < sizeof other_provider_uids / sizeof other_provider_uids[0]; i++)
		if (memcmp(uid, other_provider_uids[i], 16) == 0)
			return WC_EUNSUPPORTED;
	if (left < 2)
		return WC_EFORMAT;
	type = (uint16_t)(r->data[r->pos] | r->data[r->pos + 1] << 8);
	if (is_folder_type(type)) {
		if (left != MAPI_FOLDER_ENTRYID_SIZE - ENTRYID_HEADER_SIZE)
			return WC_EFORMAT;
		e->kind = MAPI_ENTRYID_FOLDER;
		return folder_pull(r, &e->folder);
	}
	if (is_message_type(type)) {
		if (left != MAPI_MESSAGE_ENTRYID_SIZE - ENTRYID_HEADER_SIZE)
			return WC_EFORMAT;
		e->kind = MAPI_ENTRYID_MESSAGE;
		return message_pull(r, &e->message);
	}
	return WC_EUNSUPPORTED;
}

/* Moves the decoded strings from the scratch context to mem. */
static void steal_strings(TALLOC_CTX *mem, struct mapi_entryid *e)
{
	switch (e->kind) {
	case MAPI_ENTRYID_STORE:
		talloc_steal(mem, e->store.server_short_name);
		talloc_steal(mem, e->store.mailbox_dn);
		break;
	case MAPI_ENTRYID_ONE_OFF:
		talloc_steal(mem, e->one_off.display_name);
		talloc_steal(mem, e->one_off.address_type);
		talloc_steal(mem, e->one_off.email_address);
		break;
	case MAPI_ENTRYID_ADDRESS_BOOK:
		talloc_steal(mem, e->ab.x500_dn);
		break;
	default:
		break;
	}
}

int mapi_entryid_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_entryid *out)
{
	size_t start = r->pos;
	const uint8_t *uid;
	struct mapi_entryid e;
	int ret;
	memset(&e, 0, sizeof e);
	if (!wc_read_u32(r, &e.flags) || !wc_read_ptr(r, 16, &uid)) {
		r->pos = start;
		return WC_EFORMAT;
	}
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL) {
		r->pos = start;
		return WC_ENOMEM;
	}
	if (memcmp(uid, mapi_provider_uid_store, 16) == 0) {
		e.kind = MAPI_ENTRYID_STORE;
		ret = store_pull(r, tmp, &e.store);
	} else if (memcmp(uid, mapi_provider_uid_one_off, 16) == 0) {
		e.kind = MAPI_ENTRYID_ONE_OFF;
		ret = one_off_pull(r, tmp, &e.one_off);
	} else if (memcmp(uid, mapi_provider_uid_address_book, 16) == 0) {
		e.kind = MAPI_ENTRYID_ADDRESS_BOOK;
		ret = ab_pull(r, tmp, &e.ab);
	} else {
		ret = store_object_pull(r, uid, &e);
		/* the ProviderUID of these two is the first member of both */
		if (ret == 0)
			mapi_guid_from_bytes(uid, e.kind == MAPI_ENTRYID_FOLDER ? &e.folder.provider_uid
			                                                        : &e.message.provider_uid);
	}
	if (ret == 0 && wc_reader_left(r) != 0)
		ret = WC_EFORMAT;
	if (ret != 0) {
		talloc_free(tmp);
		r->pos = start;
		return ret;
	}
	steal_strings(mem, &e);
	talloc_free(tmp);
	*out = e;
	return 0;
}

/* ---- encoders ---- */

static int store_push(struct wc_writer *w, const struct mapi_store_entryid *s)
{
	if (s->server_short_name == NULL || (!s->public_store && s->mailbox_dn == NULL))
		return WC_EINVAL;
	wc_write_u8(w, 0); /* Version */
	wc_write_u8(w, 0); /* Flag */
	wc_write_bytes(w, store_dll_name, sizeof store_dll_name);
	wc_write_u32(w, 0); /* WrappedFlags */
	wc_write_bytes(w, s->public_store ? mapi_provider_uid_public_store : mapi_provider_uid_mailbox_store,
	               16);
	wc_write_u32(w, s->wrapped_type);
	wc_write_ascii_z(w, s->server_short_name);
	if (!s->public_store)
		wc_write_ascii_z(w, s->mailbox_dn);
	return wc_writer_status(w);
}

static int one_off_push(struct wc_writer *w, const struct mapi_one_off_entryid *o)
{
	bool u = (o->flags & MAPI_ONE_OFF_UNICODE) != 0;
	if (o->display_name == NULL || o->address_type == NULL || o->email_address == NULL)
		return WC_EINVAL;
	wc_write_u16(w, 0); /* Version */
	wc_write_u16(w, o->flags);
	write_string(w, u, o->display_name);
	write_string(w, u, o->address_type);
	write_string(w, u, o->email_address);
	return wc_writer_status(w);
}

static int ab_push(struct wc_writer *w, const struct mapi_ab_entryid *a)
{
	if (a->x500_dn == NULL || !is_ab_type(a->type))
		return WC_EINVAL;
	wc_write_u32(w, 1); /* Version */
	wc_write_u32(w, a->type);
	wc_write_ascii_z(w, a->x500_dn);
	return wc_writer_status(w);
}

int mapi_entryid_push(struct wc_writer *w, const struct mapi_entryid *eid)
{
	uint8_t uid[16];
	switch (eid->kind) {
	case MAPI_ENTRYID_FOLDER:
		if (!is_folder_type(eid->folder.folder_type))
			return WC_EINVAL;
		mapi_guid_to_bytes(&eid->folder.provider_uid, uid);
		break;
	case MAPI_ENTRYID_MESSAGE:
		if (!is_message_type(eid->message.message_type))
			return WC_EINVAL;
		mapi_guid_to_bytes(&eid->message.provider_uid, uid);
		break;
	case MAPI_ENTRYID_STORE:
		memcpy(uid, mapi_provider_uid_store, 16);
		break;
	case MAPI_ENTRYID_ONE_OFF:
		memcpy(uid, mapi_provider_uid_one_off, 16);
		break;
	case MAPI_ENTRYID_ADDRESS_BOOK:
		memcpy(uid, mapi_provider_uid_address_book, 16);
		break;
	default:
		return WC_EINVAL;
	}
	wc_write_u32(w, eid->flags);
	wc_write_bytes(w, uid, 16);
	switch (eid->kind) {
	case MAPI_ENTRYID_FOLDER:
		wc_write_u16(w, eid->folder.folder_type);
		return mapi_long_term_id_push(w, &eid->folder.folder);
	case MAPI_ENTRYID_MESSAGE: {
		wc_write_u16(w, eid->message.message_type);
		int ret = mapi_long_term_id_push(w, &eid->message.folder);
		return ret != 0 ? ret : mapi_long_term_id_push(w, &eid->message.message);
	}
	case MAPI_ENTRYID_STORE:
		return store_push(w, &eid->store);
	case MAPI_ENTRYID_ONE_OFF:
		return one_off_push(w, &eid->one_off);
	default:
		return ab_push(w, &eid->ab);
	}
}
