/* Fuzz the path from wire bytes to SQL: byte 0 selects the codec flags and the table, then a Restriction
 * (MS-OXCDATA 2.12) and, if bytes remain, a SortOrderSet (2.13.2). Whatever decodes is applied to a table of
 * a small mailbox (hot and stored properties, multi-valued values, recipients, attachments, a chunked value)
 * and read: restrict, sort, query, count, find. Nothing may crash, leak or run SQL that is not ours; a
 * restriction that does not translate must be refused with ecTooComplex and leave the table usable. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/mapistore.h"

static struct ms_mailbox *mb;
static struct ms_folder *folder;

static void put(struct ms_object *o, const struct mapi_propval *pv, uint32_t n)
{
	struct mapi_propproblem *pp;
	uint32_t np;
	if (ms_props_set(o, pv, n, NULL, &pp, &np) != ecSuccess)
		abort();
	talloc_free(pp);
}

static void build(void)
{
	char dir[] = "/tmp/wc-fuzz-store-XXXXXX";
	if (mkdtemp(dir) == NULL)
		abort();
	char uri[128];
	snprintf(uri, sizeof uri, "sqlite://%s/f.db", dir);
	struct wc_guid g = {1, 2, 3, {4, 5, 6, 7, 8, 9, 10, 11}};
	if (ms_mailbox_create(NULL, uri, &g, &g, &mb) != ecSuccess)
		abort();
	struct ms_mailbox_info info;
	ms_mailbox_get_info(mb, &info);
	struct ms_folder *root;
	if (ms_folder_open(mb, info.root_fid, mb, &root) != ecSuccess ||
	    ms_folder_create(root, MS_FOLDER_GENERIC, "Inbox", NULL, false, &folder, NULL) != ecSuccess)
		abort();
	static const char *const subjects[] = {"hello", "Hello World", "invoice 7", "", "re: hello"};
	for (int i = 0; i < 12; i++) {
		struct ms_message *m;
		if (ms_message_create(folder, i == 11, &m) != ecSuccess)
			abort();
		char *kw[2] = {"red", i % 2 ? "blue" : "green"};
		struct mapi_propval pv[5] = {
		        {.tag = PidTagSubject, .value.str = (char *)subjects[i % 5]},
		        {.tag = PidTagMessageDeliveryTime, .value.time = (uint64_t)(1000 - i * 7)},
		        {.tag = PidTagMessageFlags, .value.i32 = i % 3},
		        {.tag = PROP_TAG(PT_MV_UNICODE, 0x8001), .value.mv = {.count = 1 + i % 2, .str = kw}},
		        {.tag = PidTagBody, .value.str = "body text"},
		};
		put(ms_message_object(m), pv, i % 4 == 0 ? 5 : 3);
		struct mapi_propval rp = {.tag = PidTagDisplayName, .value.str = "Alice"};
		struct ms_recipient r = {0, 1, &rp};
		if (ms_message_modify_recipients(m, &r, 1) != ecSuccess)
			abort();
		if (i == 3) {
			struct ms_attachment *a;
			struct ms_stream *s;
			uint32_t num, w;
			static uint8_t big[70000];
			memset(big, 'h', sizeof big);
			if (ms_attachment_create(m, &a, &num) != ecSuccess ||
			    ms_attachment_save(a) != ecSuccess ||
			    ms_stream_open(ms_message_object(m), PidTagHtml, MS_STREAM_CREATE, &s) !=
			            ecSuccess ||
			    ms_stream_write(s, big, sizeof big, &w) != ecSuccess ||
			    ms_stream_commit(s) != ecSuccess)
				abort();
		}
		if (ms_message_save(m, 0) != ecSuccess)
			abort();
		talloc_free(m);
	}
}

static const uint32_t columns[] = {PidTagMid,
                                   PidTagSubject,
                                   PidTagMessageDeliveryTime,
                                   PidTagBody,
                                   PROP_TAG(PT_MV_UNICODE, 0x8001),
                                   PidTagEntryId,
                                   PidTagInstanceKey};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (mb == NULL)
		build();
	if (size < 1)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct wc_reader r;
	wc_reader_init(&r, data + 1, size - 1);
	struct mapi_restriction *res;
	if (mapi_restriction_pull(&r, mem, data[0] & MAPI_PV_COUNT32, &res) == 0) {
		struct ms_table *t;
		uint8_t flags = (data[0] & 0x02) ? MS_TABLE_ASSOCIATED : 0;
		if (ms_folder_contents_table(folder, flags, &t) != ecSuccess)
			abort();
		if (ms_table_set_columns(t, columns, sizeof columns / sizeof columns[0]) != ecSuccess)
			abort();
		struct mapi_sort_order_set sort;
		if (wc_reader_left(&r) > 0 && mapi_sort_order_set_pull(&r, mem, &sort) == 0)
			ms_table_sort(t, &sort);
		uint32_t ec = ms_table_restrict(t, res);
		if (getenv("FUZZ_DEBUG"))
			fprintf(stderr, "restrict %08x\n", ec);
		if (ec != ecSuccess && ec != ecTooComplex && ec != ecNotSupported && ec != ecPropBadValue)
			abort();
		struct mapi_property_row *rows, found;
		uint32_t n, count;
		if (ms_table_query_rows(t, mem, 20, true, true, &rows, &n) != ecSuccess ||
		    ms_table_get_row_count(t, &count) != ecSuccess || n > count)
			abort();
		ec = ms_table_find_row(t, res, MS_BOOKMARK_BEGINNING, NULL, false, mem, &found);
		if (ec != ecSuccess && ec != ecNotFound && ec != ecTooComplex)
			abort();
		talloc_free(t);
	}
	talloc_free(mem);
	return 0;
}
