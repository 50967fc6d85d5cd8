/* src/mapi/rop.c, rop_table.c, rop_out.c, rop_oxcrops.c: the RopId table, ROP input and output buffers
 * (MS-OXCROPS 2.2.1), their decode errors, response matching and codec state, the server's output buffer with
 * RopBufferTooSmall, and the framing ROPs RopRelease, RopBackoff, RopBufferTooSmall. */
#include "rop_testutil.h"

#include <stdio.h>
#include <stdlib.h>

/* ---- the RopId table ---- */

struct spec_rop {
	unsigned id;
	char name[64];
	char section[16];
	char req_handles[64];
	char rsp_handle[32];
	char failure[8];
	unsigned rsp_id;
};

/* The RopId table of MS-OXCROPS 2.2.2 as the layouts fact table has it ("| 0x02 | RopOpenFolder | 2.2.4.1 |"
 * rows of its section 3), or NULL when ../shared is not there. */
static int spec_ropids(struct spec_rop *out, int max)
{
	const char *dir = getenv("WC_SPECS");
	char path[1024], line[512];
	snprintf(path, sizeof path, "%s/MS-OXCROPS-layouts.md", dir ? dir : "");
	FILE *f = dir ? fopen(path, "r") : NULL;
	if (f == NULL)
		return -1;
	int n = 0;
	bool in_index = false;
	while (fgets(line, sizeof line, f) != NULL && n < max) {
		if (strncmp(line, "## 3. RopId index", 17) == 0)
			in_index = true;
		else if (in_index && strncmp(line, "## ", 3) == 0)
			break;
		else if (in_index &&
		         sscanf(line, "| 0x%x | %63s | %15s |", &out[n].id, out[n].name, out[n].section) ==
		                 3 &&
		         strncmp(out[n].name, "Rop", 3) == 0)
			n++;
	}
	fclose(f);
	return n;
}

/* tests/vectors/MS-OXCROPS-2.2.2-ropids.txt (tools/gen/rop_ids.py): the same table with each ROP's handle
 * indexes and failure layout. */
static int vector_ropids(struct spec_rop *out, int max)
{
	const char *dir = getenv("WC_VECTORS");
	char path[1024], line[512];
	snprintf(path, sizeof path, "%s/MS-OXCROPS-2.2.2-ropids.txt", dir ? dir : "tests/vectors");
	FILE *f = fopen(path, "r");
	if (f == NULL)
		fail_msg("cannot open %s", path);
	int n = 0;
	while (fgets(line, sizeof line, f) != NULL && n < max) {
		if (line[0] == '#')
			continue;
		out[n].rsp_id = 0;
		int k = sscanf(line, "0x%x %63s %15s %63s %31s %7s 0x%x", &out[n].id, out[n].name,
		               out[n].section, out[n].req_handles, out[n].rsp_handle, out[n].failure,
		               &out[n].rsp_id);
		if (k < 6)
			fail_msg("%s: bad line %s", path, line);
		n++;
	}
	fclose(f);
	return n;
}

static void check_names(const struct spec_rop *rops, int n, const char *source)
{
	bool listed[256] = {false};
	for (int i = 0; i < n; i++) {
		const struct rop_info *info = rop_info((uint8_t)rops[i].id);
		if (info->name == NULL)
			fail_msg("%s lists 0x%02X %s; the table has no name for it", source, rops[i].id,
			         rops[i].name);
		if (strcmp(info->name, rops[i].name) != 0 || strcmp(info->section, rops[i].section) != 0)
			fail_msg("0x%02X: table says %s %s, %s says %s %s", rops[i].id, info->name,
			         info->section, source, rops[i].name, rops[i].section);
		listed[rops[i].id] = true;
	}
	for (int id = 0; id < 256; id++)
		if (!listed[id] && rop_name((uint8_t)id) != NULL)
			fail_msg("0x%02X %s is in the table but reserved in %s", id, rop_name((uint8_t)id),
			         source);
}

/* MS-OXCROPS 2.2.2: every RopId has its name and section in the central table, and no other id has one. */
static void test_table_names_every_ropid(void **state)
{
	static struct spec_rop rops[256];
	int n = spec_ropids(rops, 256);
	if (n >= 0) {
		assert_int_equal(n, 132);
		check_names(rops, n, "MS-OXCROPS-layouts.md");
	}
	n = vector_ropids(rops, 256);
	assert_int_equal(n, 132);
	check_names(rops, n, "MS-OXCROPS-2.2.2-ropids.txt");
}

static uint8_t handles_of(const struct spec_rop *r)
{
	static const struct {
		const char *fields;
		uint8_t kind;
	} kinds[] = {
	        {"-", ROP_H_NONE},
	        {"InputHandleIndex", ROP_H_IN},
	        {"InputHandleIndex,OutputHandleIndex", ROP_H_IN_OUT},
	        {"SourceHandleIndex,DestHandleIndex", ROP_H_SRC_DST},
	        {"ResponseHandleIndex,InputHandleIndex", ROP_H_RSP_IN},
	        {"OutputHandleIndex", ROP_H_OUT},
	};
	for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].fields, r->req_handles) == 0)
			return kinds[i].kind;
	fail_msg("0x%02X: unknown handle fields %s", r->id, r->req_handles);
	return 0;
}

/* Each coded ROP's header shape and flags agree with the spec's field tables. */
static void test_table_layouts_match_spec(void **state)
{
	static struct spec_rop rops[256];
	int n = vector_ropids(rops, 256), coded = 0;
	for (int i = 0; i < n; i++) {
		const struct rop_info *info = rop_info((uint8_t)rops[i].id);
		assert_int_equal(info->rsp_id, rops[i].rsp_id);
		if (!info->coded) {
			print_message("# 0x%02X %s has no codec\n", rops[i].id, info->name ? info->name : "?");
			continue;
		}
		coded++;
		uint8_t h = handles_of(&rops[i]);
		if (info->handles != h)
			fail_msg("%s: handles %u, the spec says %s", info->name, info->handles,
			         rops[i].req_handles);
		bool no_request = h == ROP_H_NONE,
		     no_response = !no_request && strcmp(rops[i].rsp_handle, "-") == 0;
		if (no_request != !!(info->flags & ROP_F_NO_REQUEST) ||
		    no_response != !!(info->flags & ROP_F_NO_RESPONSE))
			fail_msg("%s: request/response flags disagree with the spec", info->name);
		if (strcmp(rops[i].failure, "one") == 0 && !(info->flags & ROP_F_BODY_ON_FAILURE))
			fail_msg("%s: one layout for success and failure, but no ROP_F_BODY_ON_FAILURE",
			         info->name);
	}
	/* Every RopId of MS-OXCROPS 2.2.2 (the list taken from the spec text) has its codec. */
	assert_int_equal(coded, n);
}

/* ---- the RopRelease example and request buffers ---- */

/* MS-OXCROPS 4.4: RopRelease example */
static void test_release_example_decodes(void **state)
{
	size_t n;
	uint8_t *bytes = tu_vector(*state, "MS-OXCROPS-4.4-release.hex", NULL, &n);
	struct rop_request_buffer *buf;
	struct rop_ctx c = empty_ctx;
	struct rop_error e;
	assert_int_equal(rop_request_buffer_pull(*state, bytes, n, &c, &buf, &e), 0);
	assert_int_equal(buf->count, 2);
	assert_int_equal(buf->rops[0].id, ROP_RELEASE);
	assert_int_equal(buf->rops[0].input_handle_index, 0);
	assert_int_equal(buf->rops[1].id, ROP_RELEASE);
	assert_int_equal(buf->rops[1].input_handle_index, 1);
	assert_int_equal(buf->rops[1].offset, 3);
	assert_int_equal(buf->rops[1].size, 3);
	assert_int_equal(buf->handle_count, 2);
	assert_int_equal(buf->handles[0], 0x6F);
	assert_int_equal(buf->handles[1], 0x6E);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	c = empty_ctx;
	assert_int_equal(rop_request_buffer_push(&w, &c, buf), 0);
	tu_assert_bytes(w.data, w.len, bytes, n);
}

/* A buffer of three ROPs chained through handle index 1 (MS-OXCROPS 3.1.4.1), built from the MS-OXCFOLD 4.7
 * request; every proper prefix of it is an error. */
#define CHAIN_HEX                                                                                            \
	"17 00"                                  /* RopSize: 2 + 21 */                                       \
	"02 00 00 01 01 00 00 00 00 00 00 00 00" /* RopOpenFolder logon 0, in 0, out 1, FID 1 */             \
	"04 00 01 02 00"                         /* RopGetHierarchyTable in 1, out 2 (MS-OXCFOLD 4.7.1) */   \
	"01 00 01"                               /* RopRelease in 1 */                                       \
	"AA 00 00 00 FF FF FF FF FF FF FF FF"    /* handle table */

static void test_request_buffer_chain(void **state)
{
	size_t n;
	uint8_t *b = tu_hex(*state, CHAIN_HEX, &n);
	struct rop_request_buffer *buf;
	struct rop_ctx c = empty_ctx;
	assert_int_equal(rop_request_buffer_pull(*state, b, n, &c, &buf, NULL), 0);
	assert_int_equal(buf->count, 3);
	assert_int_equal(buf->rops[0].output_handle_index, 1);
	assert_int_equal(buf->rops[1].input_handle_index, 1);
	assert_int_equal(buf->rops[1].offset, 13);
	assert_int_equal(buf->rops[2].offset, 18);
	assert_int_equal(buf->handle_count, 3);
	assert_int_equal(buf->handles[1], ROP_INVALID_HANDLE);
	assert_int_equal(buf->rops_list_size, 21);
	tu_assert_bytes(buf->rops_list, buf->rops_list_size, b + 2, 21);

	for (size_t k = 0; k < n; k++) {
		struct rop_request_buffer *bad = NULL;
		c = empty_ctx;
		if (rop_request_buffer_pull(*state, b, k, &c, &bad, NULL) == 0)
			fail_msg("the first %zu of %zu bytes decode", k, n);
		assert_null(bad);
	}
}

/* Decodes hex as a request buffer, expecting failure with these error fields. */
static void expect_request_error(void **state, const char *hex, int code, uint8_t kind, uint32_t index,
                                 size_t rop_offset, size_t offset)
{
	size_t n;
	uint8_t *b = tu_hex(*state, hex, &n);
	struct rop_request_buffer *buf = NULL;
	struct rop_ctx c = empty_ctx;
	struct rop_error e;
	char msg[200];
	assert_int_equal(rop_request_buffer_pull(*state, b, n, &c, &buf, &e), code);
	assert_null(buf);
	rop_error_string(&e, msg, sizeof msg);
	if (e.code != code || e.kind != kind || e.offset != offset ||
	    (kind > ROP_ERR_HANDLE_TABLE && (e.rop_index != index || e.rop_offset != rop_offset)))
		fail_msg("%s: got %s", hex, msg);
}

/* MS-OXCROPS 2.2.1, 2.2.2, 3.1.4.1, 3.2.5.1: what makes a ROP input buffer unparseable, and where. */
static void test_request_buffer_errors(void **state)
{
	expect_request_error(state, "", WC_EFORMAT, ROP_ERR_ROP_SIZE, 0, 0, 0);
	expect_request_error(state, "02", WC_EFORMAT, ROP_ERR_ROP_SIZE, 0, 0, 0);
	expect_request_error(state, "01 00", WC_EFORMAT, ROP_ERR_ROP_SIZE, 0, 0, 0);          /* below 2 */
	expect_request_error(state, "06 00 01 00 00", WC_EFORMAT, ROP_ERR_ROP_SIZE, 0, 0, 0); /* beyond */
	expect_request_error(state, "05 00 01 00 00 AA BB", WC_EFORMAT, ROP_ERR_HANDLE_TABLE, 0, 0, 5);
	/* reserved RopId 0x00 as the second ROP */
	expect_request_error(state, "08 00 01 00 00 00 00 00 AA 00 00 00", WC_EUNSUPPORTED,
	                     ROP_ERR_UNKNOWN_ROP, 1, 5, 5);
	/* RopBufferTooSmall has no request form */
	expect_request_error(state, "05 00 FF 00 00 AA 00 00 00", WC_EUNSUPPORTED, ROP_ERR_UNKNOWN_ROP, 0, 2,
	                     2);
	/* RopSize ends inside RopGetHierarchyTable's TableFlags */
	expect_request_error(state, "06 00 04 00 00 00 AA 00 00 00", WC_EFORMAT, ROP_ERR_FORMAT, 0, 2, 6);
	/* RopSize ends inside the second ROP */
	expect_request_error(state, "09 00 04 00 00 00 00 01 00 AA 00 00 00", WC_EFORMAT, ROP_ERR_FORMAT, 1,
	                     7, 9);
	/* RopSize four bytes too long: the first handle is read as a ROP with the reserved RopId 0xAA */
	expect_request_error(state, "0B 00 04 00 00 00 00 AA 00 00 00 BB 00 00 00", WC_EUNSUPPORTED,
	                     ROP_ERR_UNKNOWN_ROP, 1, 7, 7);
	/* handle indexes outside a table of one handle: InputHandleIndex, then OutputHandleIndex */
	expect_request_error(state, "07 00 04 00 01 00 00 AA 00 00 00", WC_EFORMAT, ROP_ERR_HANDLE_INDEX, 0,
	                     2, 4);
	expect_request_error(state, "07 00 04 00 00 01 00 AA 00 00 00", WC_EFORMAT, ROP_ERR_HANDLE_INDEX, 0,
	                     2, 5);
	expect_request_error(state, "05 00 01 00 00", WC_EFORMAT, ROP_ERR_HANDLE_INDEX, 0, 2,
	                     4); /* no table */
	expect_request_error(state, "08 00 01 00 00 33 00 00 AA 00 00 00", WC_EFORMAT, ROP_ERR_FORMAT, 1, 5,
	                     8);
}

static void test_error_string_says_where(void **state)
{
	struct rop_error e = {.code = WC_EFORMAT,
	                      .kind = ROP_ERR_HANDLE_INDEX,
	                      .rop_id = ROP_OPEN_FOLDER,
	                      .rop_index = 2,
	                      .rop_offset = 9,
	                      .offset = 12};
	char msg[160];
	assert_string_equal(
	        rop_error_string(&e, msg, sizeof msg),
	        "ROP 2 (RopOpenFolder 0x02) at offset 9: handle index outside the handle table at offset 12");
	e = (struct rop_error){.code = WC_EFORMAT, .kind = ROP_ERR_ROP_SIZE};
	assert_string_equal(rop_error_string(&e, msg, sizeof msg),
	                    "ROP buffer: RopSize is below 2 or beyond the buffer (offset 0)");
}

static void test_request_buffer_push_refuses_bad_buffers(void **state)
{
	struct rop_request rops[1] = {{.id = ROP_RELEASE, .input_handle_index = 1}};
	uint32_t handles[1] = {7};
	struct rop_request_buffer buf = {.count = 1, .rops = rops, .handle_count = 1, .handles = handles};
	struct wc_writer w;
	struct rop_ctx c = empty_ctx;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_request_buffer_push(&w, &c, &buf), WC_EINVAL); /* index 1 of one handle */

	struct rop_request *many = talloc_zero_array(*state, struct rop_request, 22000);
	for (int i = 0; i < 22000; i++)
		many[i].id = ROP_RELEASE;
	buf = (struct rop_request_buffer){
	        .count = 22000, .rops = many, .handle_count = 1, .handles = handles};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_request_buffer_push(&w, &c, &buf), WC_ERANGE); /* 66000 bytes > RopSize */

	rops[0].id = ROP_BUFFER_TOO_SMALL; /* not a request */
	buf = (struct rop_request_buffer){.count = 1, .rops = rops, .handle_count = 2, .handles = handles};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_request_buffer_push(&w, &c, &buf), WC_EUNSUPPORTED);
}

/* ---- codec state ---- */

/* MS-OXCSTOR 2.2.1.13.1: a RopLogon earlier in the same buffer decides whether RopWritePerUserInformation
 * carries ReplGuid. A buffer that fails leaves the state as it was. */
static void test_logon_in_buffer_shapes_later_rop(void **state)
{
	const char *hex =
	        "42 00"
	        "FE 05 00 01 00 00 00 00 00 00 00 00 00 00" /* RopLogon logon 5, private */
	        "64 05 00"                                  /* RopWritePerUserInformation */
	        "00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00" /* FolderId */
	        "01 00 00 00 00 00 00"                            /* HasFinished, DataOffset 0, DataSize 0 */
	        "29 03 02 00 00 00 00 00 C0 00 00 00 00 00 00 46" /* ReplGuid */
	        "FF FF FF FF";
	size_t n;
	uint8_t *b = tu_hex(*state, hex, &n);
	struct rop_request_buffer *buf;
	struct rop_ctx c = empty_ctx;
	assert_int_equal(rop_request_buffer_pull(*state, b, n, &c, &buf, NULL), 0);
	assert_int_equal(buf->count, 2);
	assert_int_equal(buf->rops[1].write_per_user_information.repl_guid.d1, 0x00020329);
	assert_true(rop_ctx_logon_private(&c, 5));

	/* the same logon as a public one: ReplGuid is absent, its bytes make a malformed third ROP */
	b[5] = 0x00;
	c = empty_ctx;
	struct rop_error e;
	assert_int_not_equal(rop_request_buffer_pull(*state, b, n, &c, &buf, &e), 0);
	assert_int_equal(e.rop_index, 2);
	assert_memory_equal(&c, &empty_ctx, sizeof c);
}

/* ---- responses ---- */

static struct rop_request_buffer *requests(void **state, const char *hex)
{
	size_t n;
	uint8_t *b = tu_hex(*state, hex, &n);
	struct rop_request_buffer *buf;
	struct rop_ctx c = empty_ctx;
	assert_int_equal(rop_request_buffer_pull(*state, b, n, &c, &buf, NULL), 0);
	return buf;
}

/* Responses come in request order; RopRelease has none; server-initiated ROPs answer no request. */
static void test_response_buffer_matches_requests(void **state)
{
	struct rop_request_buffer *req = requests(state, CHAIN_HEX);
	const char *hex = "22 00"
	                  "02 01 00 00 00 00 00 00"       /* RopOpenFolder out 1: HasRules 0, IsGhosted 0 */
	                  "04 02 00 00 00 00 15 00 00 00" /* RopGetHierarchyTable (MS-OXCFOLD 4.7.2) */
	                  "F9 00 E8 03 00 00 01 15 10 27 00 00 00 00" /* RopBackoff logon 0, RopQueryRows */
	                  "AA 00 00 00 BB 00 00 00 CC 00 00 00";
	size_t n;
	uint8_t *b = tu_hex(*state, hex, &n);
	struct rop_response_buffer *rsp;
	struct rop_ctx c = empty_ctx;
	struct rop_error e;
	assert_int_equal(rop_response_buffer_pull(*state, b, n, req, &c, &rsp, &e), 0);
	assert_int_equal(rsp->count, 3);
	assert_int_equal(rsp->request_index[0], 0);
	assert_int_equal(rsp->request_index[1], 1);
	assert_int_equal(rsp->request_index[2], ROP_NO_REQUEST);
	assert_int_equal(rsp->rops[1].get_hierarchy_table.row_count, 21);
	assert_int_equal(rsp->rops[2].backoff.duration, 1000);
	assert_int_equal(rsp->rops[2].backoff.backoff_rops[0].rop_id, ROP_QUERY_ROWS);
	assert_int_equal(rsp->rops[2].backoff.backoff_rops[0].duration, 10000);
	assert_int_equal(rsp->handles[2], 0xCC);

	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	c = empty_ctx;
	assert_int_equal(rop_response_buffer_push(&w, &c, req, rsp), 0);
	tu_assert_bytes(w.data, w.len, b, n);
	for (size_t k = 0; k < n; k++) {
		c = empty_ctx;
		if (rop_response_buffer_pull(*state, b, k, req, &c, &rsp, NULL) == 0)
			fail_msg("the first %zu of %zu bytes decode", k, n);
	}
}

static void expect_response_error(void **state, const struct rop_request_buffer *req, const char *hex,
                                  uint8_t kind, uint32_t index, size_t offset)
{
	size_t n;
	uint8_t *b = tu_hex(*state, hex, &n);
	struct rop_response_buffer *rsp = NULL;
	struct rop_ctx c = empty_ctx;
	struct rop_error e;
	char msg[200];
	assert_int_not_equal(rop_response_buffer_pull(*state, b, n, req, &c, &rsp, &e), 0);
	assert_null(rsp);
	rop_error_string(&e, msg, sizeof msg);
	if (e.kind != kind || e.rop_index != index || e.offset != offset)
		fail_msg("%s: got %s", hex, msg);
}

static void test_response_buffer_errors(void **state)
{
	struct rop_request_buffer *req = requests(state, CHAIN_HEX);
	/* a RopGetContentsTable response where RopOpenFolder's is due */
	expect_response_error(state, req, "08 00 05 01 00 00 00 00 AA 00 00 00", ROP_ERR_UNMATCHED, 0, 2);
	/* a response after every request has one; a response for RopRelease */
	expect_response_error(
	        state, req,
	        "1E 00 02 01 00 00 00 00 00 00 04 02 00 00 00 00 15 00 00 00 04 02 00 00 00 00 15 00 00 00"
	        "AA 00 00 00 BB 00 00 00 CC 00 00 00",
	        ROP_ERR_UNMATCHED, 2, 20);
	expect_response_error(state, req, "05 00 01 00 00 AA 00 00 00", ROP_ERR_UNMATCHED, 0, 2);
	/* OutputHandleIndex 1 echoed, but the output table has one entry */
	expect_response_error(state, req, "0A 00 02 01 00 00 00 00 00 00 AA 00 00 00", ROP_ERR_HANDLE_INDEX,
	                      0, 3);
	/* truncated RopOpenFolder body */
	expect_response_error(state, req, "09 00 02 01 00 00 00 00 00 AA 00 00 00 BB 00 00 00",
	                      ROP_ERR_FORMAT, 0, 9);
}

/* An object created into an output index starts unknown (rop_object_ctx cleared) - only when created. */
static void test_response_clears_new_object_state(void **state)
{
	static const uint32_t columns[2] = {0x0037001F, 0x0E080003};
	struct rop_request_buffer *req = requests(state, CHAIN_HEX);
	size_t n;
	uint8_t *ok = tu_hex(*state, "0A 00 02 01 00 00 00 00 00 00 AA 00 00 00 BB 00 00 00", &n);
	struct rop_response_buffer *rsp;
	struct rop_ctx c = empty_ctx;
	c.objects[1] = (struct rop_object_ctx){.column_count = 2, .columns = columns};
	assert_int_equal(rop_response_buffer_pull(*state, ok, n, req, &c, &rsp, NULL), 0);
	assert_int_equal(c.objects[1].column_count, 0);
	assert_null(c.objects[1].columns);

	uint8_t *failed = tu_hex(*state, "08 00 02 01 0F 01 04 80 AA 00 00 00 BB 00 00 00", &n);
	c = empty_ctx;
	c.objects[1] = (struct rop_object_ctx){.column_count = 2, .columns = columns};
	assert_int_equal(rop_response_buffer_pull(*state, failed, n, req, &c, &rsp, NULL), 0);
	assert_int_equal(c.objects[1].column_count, 2);
}

/* MS-OXCROPS 2.2.15.1.1, 2.2.15.2.1: the server-initiated framing responses on their own */
static void test_framing_responses(void **state)
{
	static struct rop_backoff_rop rops[1] = {{ROP_MODIFY_RECIPIENTS, 10000}};
	static uint8_t extra[2] = {0xAA, 0xBB}, rest[3] = {0x01, 0x00, 0x00};
	struct rop_response backoff = {.id = ROP_BACKOFF,
	                               .backoff = {.logon_id = 2,
	                                           .duration = 1000,
	                                           .backoff_rop_count = 1,
	                                           .backoff_rops = rops,
	                                           .additional_data_size = 2,
	                                           .additional_data = extra}};
	rop_tu_response_case(*state, &empty_ctx, "RopBackoff", NULL, &backoff,
	                     "F9 02 E8 03 00 00" /* RopId, LogonId, Duration */
	                     "01 0E 10 27 00 00" /* BackoffRopCount, BackoffRop {RopIdBackoff, Duration} */
	                     "02 00 AA BB",      /* AdditionalDataSize, AdditionalData */
	                     true);
	struct rop_response tiny = {.id = ROP_BUFFER_TOO_SMALL,
	                            .buffer_too_small = {.size_needed = 0x1000,
	                                                 .request_buffers_size = 3,
	                                                 .request_buffers = rest}};
	/* RequestBuffers fills the rest of RopsList, so shorter prefixes are themselves well formed */
	rop_tu_response_case(*state, &empty_ctx, "RopBufferTooSmall", NULL, &tiny, "FF 00 10 01 00 00",
	                     false);

	/* RopRelease has no response; GetMessageStatus' response is 0x20 (MS-OXCROPS 2.2.6.9.2) */
	struct rop_request release = {.id = ROP_RELEASE},
	                   status = {.id = ROP_GET_MESSAGE_STATUS, .input_handle_index = 4};
	struct wc_writer w;
	struct rop_ctx c = empty_ctx;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(rop_response_push(&w, &c, &release, &backoff), WC_EINVAL);
	struct rop_request logon = {.id = ROP_LOGON};
	struct rop_response other = {.id = ROP_GET_HIERARCHY_TABLE};
	assert_int_equal(rop_response_push(&w, &c, &logon, &other), WC_EINVAL); /* not a RopLogon response */
	rop_response_init(&backoff, &status, 0);
	assert_int_equal(backoff.id, ROP_SET_MESSAGE_STATUS);
	assert_int_equal(backoff.handle_index, 4);
}

/* ---- the server's output buffer ---- */

/* Requests: RopGetHierarchyTable, RopGetStoreState, RopGetReceiveFolder("IPM.Note"); 2 handles. */
#define OUT_REQUESTS                                                                                         \
	"16 00 04 00 00 01 00 7B 00 00 27 00 00 49 50 4D 2E 4E 6F 74 65 00"                                  \
	"11 00 00 00 FF FF FF FF"

/* The server side of OUT_REQUESTS: its responses and an output buffer of limit bytes. */
struct out_fixture {
	struct rop_request_buffer *in;
	struct rop_response rsp[3];
	struct rop_ctx c;
	struct rop_out o;
};

static void out_begin(void **state, struct out_fixture *f, size_t limit)
{
	f->in = requests(state, OUT_REQUESTS);
	rop_response_init(&f->rsp[0], &f->in->rops[0], 0);
	f->rsp[0].get_hierarchy_table.row_count = 5;
	rop_response_init(&f->rsp[1], &f->in->rops[1], 0);
	f->rsp[1].get_store_state.store_state = 0;
	rop_response_init(&f->rsp[2], &f->in->rops[2], 0);
	f->rsp[2].get_receive_folder.folder_id = 1;
	f->rsp[2].get_receive_folder.message_class = "IPM";
	f->c = empty_ctx;
	rop_out_init(&f->o, *state, limit, f->in, &f->c);
}

/* Finishes the output buffer with two handles; it must be want_hex. */
static void out_end(void **state, struct out_fixture *f, const char *want_hex, uint8_t **data, size_t *len)
{
	static const uint32_t handles[2] = {0x11, 0x22};
	size_t n;
	uint8_t *want = tu_hex(*state, want_hex, &n);
	assert_int_equal(rop_out_finish(&f->o, handles, 2, data, len), 0);
	tu_assert_bytes(*data, *len, want, n);
}

static void test_out_everything_fits(void **state)
{
	struct out_fixture f;
	uint8_t *data;
	size_t len;
	out_begin(state, &f, 0x8000);
	for (int i = 0; i < 3; i++)
		assert_int_equal(rop_out_push(&f.o, &f.in->rops[i], &f.rsp[i]), 0);
	out_end(state, &f,
	        "28 00"                                                 /* RopSize 2 + 38 */
	        "04 01 00 00 00 00 05 00 00 00"                         /* RopGetHierarchyTable */
	        "7B 00 00 00 00 00 00 00 00 00"                         /* RopGetStoreState */
	        "27 00 00 00 00 00 01 00 00 00 00 00 00 00 49 50 4D 00" /* RopGetReceiveFolder */
	        "11 00 00 00 22 00 00 00",
	        &data, &len);
}

/* MS-OXCROPS 3.2.4.3: when the next response does not fit, the rest of the requests go back in a
 * RopBufferTooSmall, for which room was kept. */
static void test_out_buffer_too_small(void **state)
{
	struct out_fixture f;
	uint8_t *data;
	size_t len;
	/* 44 bytes, 8 of them for the handle table. Room for a response keeps back a RopBufferTooSmall (3
	 * bytes) carrying the requests after it: 15 bytes after RopGetHierarchyTable, 12 after
	 * RopGetStoreState. The first response (10 bytes) fits in 44 - 8 - 2 - 18 = 16; the second (10) not
	 * in 44 - 8 - 12 - 15 = 9. */
	out_begin(state, &f, 44);
	assert_int_equal(rop_out_room(&f.o, &f.in->rops[0]), 16);
	assert_int_equal(rop_out_push(&f.o, &f.in->rops[0], &f.rsp[0]), 0);
	assert_int_equal(rop_out_room(&f.o, &f.in->rops[1]), 9);
	assert_int_equal(rop_out_push(&f.o, &f.in->rops[1], &f.rsp[1]), WC_ESPACE);
	assert_int_equal(f.o.needed, 2 + 10 + 3 + 12 + 8); /* that response first, then a RopBufferTooSmall */
	assert_int_equal(rop_out_buffer_too_small(&f.o, &f.in->rops[1], (uint16_t)(f.o.needed + 8)), 0);
	assert_int_equal(rop_out_push(&f.o, &f.in->rops[2], &f.rsp[2]), WC_EINVAL); /* nothing after it */
	out_end(state, &f,
	        "1E 00"                                        /* RopSize 2 + 10 + 18 */
	        "04 01 00 00 00 00 05 00 00 00"                /* RopGetHierarchyTable */
	        "FF 2B 00"                                     /* RopBufferTooSmall, SizeNeeded 43 */
	        "7B 00 00 27 00 00 49 50 4D 2E 4E 6F 74 65 00" /* the unexecuted requests */
	        "11 00 00 00 22 00 00 00",
	        &data, &len);

	/* the client side reads it against the requests */
	struct rop_response_buffer *out;
	struct rop_ctx c = empty_ctx;
	assert_int_equal(rop_response_buffer_pull(*state, data, len, f.in, &c, &out, NULL), 0);
	assert_int_equal(out->count, 2);
	assert_int_equal(out->rops[1].id, ROP_BUFFER_TOO_SMALL);
	assert_int_equal(out->rops[1].buffer_too_small.size_needed, 43);
	assert_int_equal(out->rops[1].buffer_too_small.request_buffers_size, 15);

	/* not even the RopBufferTooSmall fits: the server answers ecBufferTooSmall */
	out_begin(state, &f, 20);
	assert_int_equal(rop_out_push(&f.o, &f.in->rops[0], &f.rsp[0]), WC_ESPACE);
	assert_int_equal(rop_out_buffer_too_small(&f.o, &f.in->rops[0], 100), WC_ESPACE);
}

static void test_out_refuses_foreign_requests(void **state)
{
	struct out_fixture f;
	out_begin(state, &f, 1000);
	struct rop_request other = f.in->rops[0];
	assert_int_equal(rop_out_push(&f.o, &other, &f.rsp[0]), WC_EINVAL);
	assert_int_equal(rop_out_buffer_too_small(&f.o, &other, 1), WC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_table_names_every_ropid),
	        TU_TEST(test_table_layouts_match_spec),
	        TU_TEST(test_release_example_decodes),
	        TU_TEST(test_request_buffer_chain),
	        TU_TEST(test_request_buffer_errors),
	        TU_TEST(test_error_string_says_where),
	        TU_TEST(test_request_buffer_push_refuses_bad_buffers),
	        TU_TEST(test_logon_in_buffer_shapes_later_rop),
	        TU_TEST(test_response_buffer_matches_requests),
	        TU_TEST(test_response_buffer_errors),
	        TU_TEST(test_response_clears_new_object_state),
	        TU_TEST(test_framing_responses),
	        TU_TEST(test_out_everything_fits),
	        TU_TEST(test_out_buffer_too_small),
	        TU_TEST(test_out_refuses_foreign_requests),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
