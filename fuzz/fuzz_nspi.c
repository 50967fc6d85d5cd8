/* Fuzz the NSPI methods (src/server/nspi) over a small directory made once in a temporary folder. Two input
 * forms, told apart by bit 7 of the first byte:
 *  - set: a MAPI/HTTP request body (MS-OXCMAPIHTTP 2.2.5) of type (byte & 0x7F) % 23, decoded and run by
 *    nspi_mapihttp_execute(); the response must encode;
 *  - clear: a method selector, flags and a count (u32), a STAT (MS-OXNSPI 2.2.8) and the method's decoded
 *    arguments, calling the nspi_*() functions directly; what a method returns with success must encode
 *    (MS-OXCMAPIHTTP 2.2.1 structures), which checks that every value matches its column's type. */
#include "common/mapi_errors.h"
#include "server/nspi/nspi.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct nspi_session *session;
static struct dir_handle *dir;
static char folder[] = "/tmp/fuzz_nspi_XXXXXX";

/* The temporary directory database goes when the fuzzer exits. */
static void cleanup(void)
{
	char cmd[64];
	talloc_free(session);
	talloc_free(dir);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", folder);
	if (system(cmd) != 0)
		return;
}

static void setup(void)
{
	static const char *const users[][2] = {{"jsmith", "John Smith"}, {"ezola", "Émile Zola"},
	                                       {"fgross", "Fritz Groß"}, {"aberg", "anton Berg"},
	                                       {"oroi", "Œdipe Roi"},    {"jsmithers", "John Smithers"}};
	if (mkdtemp(folder) == NULL)
		abort();
	atexit(cleanup);
	char path[64];
	snprintf(path, sizeof path, "%s/directory.db", folder);
	if (dir_open(NULL, path, DIR_OPEN_CREATE, 5000, &dir, NULL) != DIR_OK ||
	    dir_org_create(dir, "Fuzz Org", "fuzz.example") != DIR_OK)
		abort();
	for (size_t i = 0; i < sizeof users / sizeof *users; i++) {
		struct dir_user_spec spec = {.alias = users[i][0], .display_name = users[i][1]};
		if (dir_user_add(dir, &spec, NULL) != DIR_OK)
			abort();
	}
	const char *members[] = {"jsmith", "ezola", "partner"};
	if (dir_group_add(dir, "sales", "Sales", NULL, NULL) != DIR_OK ||
	    dir_contact_add(dir, "partner", "Peter Partner", "peter@partner.org", NULL) != DIR_OK ||
	    dir_group_change_members(dir, "sales", members, 3, NULL, 0, NULL) != DIR_OK)
		abort();
	struct nspi_config cfg = {.host = "fuzz.example", .tls = true};
	struct mapi_nspi_stat st = {.code_page = 1252};
	if (nspi_bind(NULL, dir, &cfg, "jsmith", 0, &st, &session, NULL) != ecSuccess)
		abort();
}

static void must_encode_rowset(TALLOC_CTX *mem, const struct mapi_abk_rowset *rs)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (rs != NULL && mapi_abk_rowset_push(&w, rs) != 0)
		abort();
}

static void must_encode_proplist(TALLOC_CTX *mem, const struct mapi_abk_proplist *pl)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (pl != NULL && mapi_abk_proplist_push(&w, pl) != 0)
		abort();
}

/* An optional MId or tag array: a presence byte, then LargePropertyTagArray. */
static struct mapi_u32_array *opt_array(struct wc_reader *r, TALLOC_CTX *mem)
{
	uint8_t has;
	struct mapi_u32_array *a = talloc_zero(mem, struct mapi_u32_array);
	if (!wc_read_u8(r, &has) || !has || mapi_u32_array_pull(r, mem, a) != 0)
		return NULL;
	return a;
}

static void request(const uint8_t *data, size_t size)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_http_request *req;
	struct mapi_http_response rsp;
	enum mapi_http_request_type type =
	        (enum mapi_http_request_type)((data[0] & 0x7F) % MAPI_HTTP_BODY_TYPES);
	if (mapi_http_request_pull(mem, type, data + 1, size - 1, &req) == 0 &&
	    nspi_mapihttp_execute(session, mem, req, &rsp) == 0) {
		struct wc_writer w;
		wc_writer_init(&w, mem, 0);
		if (mapi_http_response_push(&w, &rsp) != 0)
			abort();
	}
	talloc_free(mem);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (session == NULL)
		setup();
	if (size > 0 && (data[0] & 0x80)) {
		request(data, size);
		return 0;
	}
	struct wc_reader r;
	wc_reader_init(&r, data, size);
	uint8_t method;
	uint32_t flags, count;
	struct mapi_nspi_stat st;
	if (!wc_read_u8(&r, &method) || !wc_read_u32(&r, &flags) || !wc_read_u32(&r, &count) ||
	    mapi_nspi_stat_pull(&r, &st) != 0)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapi_u32_array *mids = NULL, *cols = NULL;
	struct mapi_abk_rowset *rs = NULL;
	struct mapi_abk_proplist *pl = NULL;
	struct mapi_restriction *res = NULL;
	struct mapi_nspi_strings names;
	struct mapi_abk_value target;
	struct mapi_nspi_entryids ids;
	int32_t delta;
	uint32_t version = count;
	switch (method % 12) {
	case 0:
		nspi_update_stat(session, &st, &delta);
		break;
	case 1:
		mids = opt_array(&r, mem);
		cols = opt_array(&r, mem);
		if (nspi_query_rows(session, mem, flags, &st, mids, count % 2000, cols, &rs) == ecSuccess)
			must_encode_rowset(mem, rs);
		break;
	case 2:
		if (mapi_abk_tagged_pull(&r, mem, &target) == 0) {
			mids = opt_array(&r, mem);
			cols = opt_array(&r, mem);
			if (nspi_seek_entries(session, mem, &st, &target, mids, cols, &rs) == ecSuccess)
				must_encode_rowset(mem, rs);
		}
		break;
	case 3:
		if ((flags & 1) == 0 && mapi_restriction_pull(&r, mem, MAPI_PV_COUNT32, &res) != 0)
			break;
		cols = opt_array(&r, mem);
		if (nspi_get_matches(session, mem, &st, res, NULL, count, cols, &mids, &rs) == ecSuccess)
			must_encode_rowset(mem, rs);
		break;
	case 4:
		if (mapi_nspi_strings_pull(&r, mem, flags & 1, &names) == 0) {
			cols = opt_array(&r, mem);
			if (nspi_resolve_names(session, mem, &st, cols, &names, flags & 1, &mids, &rs) ==
			    ecSuccess)
				must_encode_rowset(mem, rs);
		}
		break;
	case 5:
		cols = opt_array(&r, mem);
		if (nspi_get_props(session, mem, flags, &st, cols, &pl) != ecNotEnoughMemory)
			must_encode_proplist(mem, pl);
		break;
	case 6:
		if (mapi_nspi_strings_pull(&r, mem, false, &names) == 0)
			nspi_dn_to_mid(session, mem, &names, &mids);
		break;
	case 7:
		if ((mids = opt_array(&r, mem)) != NULL)
			nspi_resort_restriction(session, mem, &st, mids, &mids);
		break;
	case 8: {
		int32_t result;
		nspi_compare_mids(session, &st, flags, count, &result);
		nspi_get_prop_list(session, mem, flags, count, st.code_page, &mids);
		break;
	}
	case 9: {
		struct mapi_abk_proplists *t;
		if (nspi_get_special_table(session, mem, flags, &st, (count & 1) ? &version : NULL, &t) ==
		    ecSuccess)
			for (uint32_t i = 0; i < t->count; i++)
				must_encode_proplist(mem, &t->lists[i]);
		break;
	}
	case 10:
		if (mapi_nspi_entryids_pull(&r, mem, &ids) == 0)
			nspi_mod_link_att(session, flags, count, st.current_rec, &ids);
		break;
	case 11:
		mids = opt_array(&r, mem);
		pl = talloc_zero(mem, struct mapi_abk_proplist);
		if (mapi_abk_proplist_pull(&r, mem, pl) == 0)
			nspi_mod_props(session, &st, mids, pl);
		break;
	}
	talloc_free(mem);
	return 0;
}
