/* mapidump entryid and idset: entry IDs (MS-OXCDATA 2.2.4, 2.2.5) and IDSETs (MS-OXCFXICS 2.2.2.4). */
#include "mapidump.h"

#include <string.h>

#include "common/wc_error.h"
#include "dump_values.h"
#include "mapi/mapi_entryid.h"
#include "mapi/mapi_idset.h"
#include "mapi/mapi_ids.h"

static void dump_gid(struct dump_out *o, const char *key, const struct mapi_gid *gid)
{
	dump_begin_object(o, key);
	dump_guid(o, "database_guid", &gid->database_guid);
	dump_hex(o, "global_counter", gid->globcnt, 12);
	dump_end_object(o);
}

static int run_entryid(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	struct wc_reader r;
	struct mapi_entryid eid;
	wc_reader_init(&r, in->data, in->len);
	int err = mapi_entryid_pull(&r, mem, &eid);
	if (err != 0)
		return dump_fail("entryid", r.pos, "%s",
		                 err == WC_EUNSUPPORTED ? "not an entry ID kind this codec knows"
		                                        : wc_strerror(err));
	dump_begin_object(o, NULL);
	dump_str(o, "kind", mapi_entryid_kind_name(eid.kind));
	dump_hex(o, "flags", eid.flags, 8);
	switch (eid.kind) {
	case MAPI_ENTRYID_FOLDER:
		dump_guid(o, "provider_uid", &eid.folder.provider_uid);
		dump_hex(o, "folder_type", eid.folder.folder_type, 4);
		dump_gid(o, "folder", &eid.folder.folder);
		break;
	case MAPI_ENTRYID_MESSAGE:
		dump_guid(o, "provider_uid", &eid.message.provider_uid);
		dump_hex(o, "message_type", eid.message.message_type, 4);
		dump_gid(o, "folder", &eid.message.folder);
		dump_gid(o, "message", &eid.message.message);
		break;
	case MAPI_ENTRYID_STORE:
		dump_bool(o, "public_store", eid.store.public_store);
		dump_hex(o, "wrapped_type", eid.store.wrapped_type, 8);
		dump_str(o, "server_short_name", eid.store.server_short_name);
		if (eid.store.mailbox_dn != NULL)
			dump_str(o, "mailbox_dn", eid.store.mailbox_dn);
		break;
	case MAPI_ENTRYID_ONE_OFF:
		dump_hex(o, "one_off_flags", eid.one_off.flags, 4);
		dump_str(o, "display_name", eid.one_off.display_name);
		dump_str(o, "address_type", eid.one_off.address_type);
		dump_str(o, "email_address", eid.one_off.email_address);
		break;
	case MAPI_ENTRYID_ADDRESS_BOOK:
		dump_hex(o, "type", eid.ab.type, 8);
		dump_str(o, "x500_dn", eid.ab.x500_dn);
		break;
	}
	dump_end_object(o);
	return 0;
}

/* --replguid selects the REPLGUID-based form: the wire form does not say which (MS-OXCFXICS 3.1.5.4.2). */
static int run_idset(TALLOC_CTX *mem, struct dump_out *o, const struct dump_input *in)
{
	bool guid_based = dump_has_opt(in, "--replguid");
	struct wc_reader r;
	struct mapi_idset *s;
	wc_reader_init(&r, in->data, in->len);
	int err = mapi_idset_pull(&r, mem, guid_based, &s);
	if (err != 0)
		return dump_fail("idset", r.pos, "%s", wc_strerror(err));
	dump_begin_object(o, NULL);
	dump_str(o, "form", guid_based ? "REPLGUID" : "REPLID");
	dump_uint(o, "ids", mapi_idset_count(s));
	dump_begin_array(o, "entries");
	for (size_t i = 0; i < s->count; i++) {
		const struct mapi_idset_entry *e = &s->entries[i];
		dump_begin_object(o, NULL);
		if (guid_based)
			dump_guid(o, "replguid", &e->replguid);
		else
			dump_hex(o, "replid", e->replid, 4);
		dump_begin_array(o, "ranges");
		for (size_t k = 0; k < e->set.count; k++) {
			dump_begin_object(o, NULL);
			dump_hex(o, "low", e->set.ranges[k].low, 12);
			dump_hex(o, "high", e->set.ranges[k].high, 12);
			dump_end_object(o);
		}
		dump_end_array(o);
		dump_end_object(o);
	}
	dump_end_array(o);
	if (wc_reader_left(&r) > 0)
		dump_uint(o, "trailing_bytes", wc_reader_left(&r));
	dump_end_object(o);
	return 0;
}

const struct dump_kind dump_kind_entryid = {
        .name = "entryid",
        .args_usage = "",
        .help = "entry ID: folder, message, store, one-off or address book",
        .run = run_entryid,
};
static const char *const idset_options[] = {"--replguid", NULL};
const struct dump_kind dump_kind_idset = {
        .name = "idset",
        .options = idset_options,
        .args_usage = "[--replguid]",
        .help = "IDSET (GLOBSET-encoded ranges per REPLID or REPLGUID)",
        .run = run_idset,
};
