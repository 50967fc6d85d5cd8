/* Fuzz mapi_entryid_pull (MS-OXCDATA 2.2.4, 2.2.5): whatever decodes must encode back to the same bytes
 * (every field, the Flags and the reserved one-off bits are kept) and decode again to the same entry ID. */
#include "common/wc_error.h"
#include "mapi/mapi_entryid.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool str_equal(const char *a, const char *b)
{
	return (a == NULL && b == NULL) || (a != NULL && b != NULL && strcmp(a, b) == 0);
}

static bool gid_equal(const struct mapi_gid *a, const struct mapi_gid *b)
{
	return wc_guid_equal(&a->database_guid, &b->database_guid) && a->globcnt == b->globcnt;
}

static bool entryid_equal(const struct mapi_entryid *a, const struct mapi_entryid *b)
{
	if (a->kind != b->kind || a->flags != b->flags)
		return false;
	switch (a->kind) {
	case MAPI_ENTRYID_FOLDER:
		return wc_guid_equal(&a->folder.provider_uid, &b->folder.provider_uid) &&
		       a->folder.folder_type == b->folder.folder_type &&
		       gid_equal(&a->folder.folder, &b->folder.folder);
	case MAPI_ENTRYID_MESSAGE:
		return wc_guid_equal(&a->message.provider_uid, &b->message.provider_uid) &&
		       a->message.message_type == b->message.message_type &&
		       gid_equal(&a->message.folder, &b->message.folder) &&
		       gid_equal(&a->message.message, &b->message.message);
	case MAPI_ENTRYID_STORE:
		return a->store.public_store == b->store.public_store &&
		       a->store.wrapped_type == b->store.wrapped_type &&
		       str_equal(a->store.server_short_name, b->store.server_short_name) &&
		       str_equal(a->store.mailbox_dn, b->store.mailbox_dn);
	case MAPI_ENTRYID_ONE_OFF:
		return a->one_off.flags == b->one_off.flags &&
		       str_equal(a->one_off.display_name, b->one_off.display_name) &&
		       str_equal(a->one_off.address_type, b->one_off.address_type) &&
		       str_equal(a->one_off.email_address, b->one_off.email_address);
	case MAPI_ENTRYID_ADDRESS_BOOK:
		return a->ab.type == b->ab.type && str_equal(a->ab.x500_dn, b->ab.x500_dn);
	}
	return false;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct wc_reader r;
	struct mapi_entryid e, e2;
	wc_reader_init(&r, data, size);
	int ret = mapi_entryid_pull(&r, mem, &e);
	if (ret == 0) {
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		if (mapi_entryid_push(&w, &e) != 0 || w.len != size || memcmp(w.data, data, size) != 0)
			abort();
		wc_reader_init(&r, w.data, w.len);
		if (mapi_entryid_pull(&r, mem, &e2) != 0 || !entryid_equal(&e, &e2))
			abort();
	} else if (ret != WC_EFORMAT && ret != WC_EUNSUPPORTED) {
		abort();
	}
	talloc_free(mem);
	return 0;
}
