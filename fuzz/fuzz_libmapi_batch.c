/* Fuzz libmapi's batch decoding (src/client/batch.c): a fixed batch of ROPs — RopOpenFolder, a chained
 * RopGetContentsTable, RopSetColumns and RopQueryRows on it, RopGetPropertiesSpecific on the store — is
 * encoded, and the input, cut into one or two ROP output buffers (the second a packed RopQueryRows, MS-OXCRPC
 * 3.1.4.2.1.2), is decoded against it. Any bytes decode or give ecRpcFormat; every answered request has a
 * response of its own RopId (or RopProgress), and an object is made only from a successful open. */
#include "client/libmapi_private.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

static struct mapi_session *session;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	struct mapi_session_opts o = {.mailbox_url = "http://127.0.0.1:9/", .user_dn = "/o=x"};
	session = mapi_session_new(NULL, &o);
	if (session == NULL)
		abort();
	session->connected = true; /* never sends: the batch is only encoded and decoded */
	return 0;
}

static const uint32_t columns[] = {PidTagMid, PidTagSubject, PidTagMessageSize};
static const uint32_t tags[] = {PidTagDisplayName, PidTagEntryId};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	session->release_count = 0; /* the objects freed by the last run queued RopReleases */
	struct mapi_object *store = mapi_client_object_new(mem, session, MAPI_OBJ_STORE, 0, 0x11);
	struct mapi_batch *b = mapi_batch_new(mem, session);
	mapi_batch_add(b, ROP_OPEN_FOLDER, store)->open_folder.folder_id = 0x0100000000000001ull;
	mapi_batch_add_on(b, ROP_GET_CONTENTS_TABLE, 0)->get_contents_table.table_flags =
	        TABLE_FLAG_USE_UNICODE;
	struct rop_request *r = mapi_batch_add_on(b, ROP_SET_COLUMNS, 1);
	r->set_columns.property_tag_count = 3;
	r->set_columns.property_tags = (uint32_t *)columns;
	r = mapi_batch_add(b, ROP_GET_PROPERTIES_SPECIFIC, store);
	r->get_properties_specific.property_tag_count = 2;
	r->get_properties_specific.property_tags = (uint32_t *)tags;
	r = mapi_batch_add_on(b, ROP_QUERY_ROWS, 1);
	r->query_rows.forward_read = 1;
	r->query_rows.row_count = 50;
	struct mapi_binary in;
	if (mapi_batch_encode(b, mem, &in) != ecSuccess)
		abort();
	/* first byte: where the second (packed) buffer starts, 0 for none */
	size_t cut = data[0] ? (size - 1) * data[0] / 256 : size - 1;
	struct mapi_binary out[2] = {{.data = (uint8_t *)data + 1, .len = (uint32_t)cut},
	                             {.data = (uint8_t *)data + 1 + cut, .len = (uint32_t)(size - 1 - cut)}};
	uint32_t ec = mapi_batch_decode(b, out, data[0] && out[1].len ? 2 : 1);
	if (ec == ecSuccess) {
		for (uint32_t i = 0; i < mapi_batch_count(b); i++) {
			const struct rop_response *rsp = mapi_batch_response(b, i);
			const struct rop_request *q = mapi_batch_request(b, i);
			if (rsp != NULL && rsp->id != q->id && rsp->id != ROP_PROGRESS)
				abort();
			struct mapi_object *o = NULL;
			uint32_t oc = mapi_batch_object(b, i, mem, MAPI_OBJ_OTHER, &o);
			if ((oc == ecSuccess) != (o != NULL) || (oc == ecSuccess && rsp == NULL))
				abort();
		}
	} else if (ec != ecRpcFormat && ec != ecNotEnoughMemory) {
		abort();
	}
	talloc_free(mem);
	return 0;
}
