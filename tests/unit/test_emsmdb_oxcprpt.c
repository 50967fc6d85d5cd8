/* src/server/emsmdb/oxcprpt.c: the MS-OXCPRPT property ROP handlers through emsmdb_execute(), with ROP
 * buffers built byte by byte from the MS-OXCROPS 2.2.8 layouts and the request bytes of the MS-OXCPRPT 4.1 -
 * 4.3 examples (tests/vectors/MS-OXCPRPT-*), against a temporary provisioned sqlite mailbox
 * (emsmdb_fixture.h: [0] logon, [1] Inbox, [2..9] outputs). */
#include "emsmdb_fixture.h"

EMSMDB_FX_SETUP_TEARDOWN("/tmp/wc-oxcprpt-XXXXXX")

/* s as UTF-16LE hex with its terminator (ASCII only) */
static const char *utf16_hex(TALLOC_CTX *mem, const char *s)
{
	char *h = talloc_strdup(mem, "");
	for (; *s; s++)
		h = talloc_asprintf_append(h, "%02x00", (unsigned char)*s);
	return talloc_strdup_append(h, "0000");
}

/* s as 8-bit hex with its terminator */
static const char *str8_hex(TALLOC_CTX *mem, const char *s)
{
	char *h = talloc_strdup(mem, "");
	for (; *s; s++)
		h = talloc_asprintf_append(h, "%02x", (unsigned char)*s);
	return talloc_strdup_append(h, "00");
}

static const char *tag_hex(TALLOC_CTX *mem, uint32_t tag)
{
	return talloc_asprintf(mem, "%02x%02x%02x%02x", tag & 0xFF, (tag >> 8) & 0xFF, (tag >> 16) & 0xFF,
	                       tag >> 24);
}

static uint16_t u16_at(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* Runs the request (format and arguments as for execute) and checks the response is exactly want (hex) */
static void expect(struct fx *f, const char *want, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *req = talloc_vasprintf(f->mem, fmt, ap);
	va_end(ap);
	size_t len, n;
	const uint8_t *r = execute(f, &len, "%s", req);
	uint8_t *w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);
}

/* RopCreateMessage (MS-OXCROPS 2.2.6.2) on the Inbox into output index out, not saved */
static void create_message(struct fx *f, int out)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "06 00 01 %02x ff0f %s 00", out, id_hex(f->mem, f->inbox));
	assert_int_equal(r[0], 0x06);
	assert_int_equal(u32_at(r + 2), ecSuccess);
}

/* A response with PropertyProblemCount 0 (RopSetProperties ... RopCopyTo success, 8 bytes) */
static void assert_no_problems(const uint8_t *r, size_t len, uint8_t rop_id)
{
	assert_int_equal(len, 8);
	assert_int_equal(r[0], rop_id);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u16_at(r + 6), 0);
}

/* MS-OXCSTOR 2.2.2.1, MAPI's store entry-ID properties: what Outlook asks the logon for at start-up. The row
 * is a StandardPropertyRow (every value there): 7 counted binaries, then the owner's name in UTF-16. */
static void test_logon_special_entryids(void **state)
{
	struct fx *f = *state;
	static const uint32_t tags[] = {PidTagIpmSubtreeEntryId,     PidTagIpmOutboxEntryId,
	                                PidTagIpmWastebasketEntryId, PidTagIpmSentMailEntryId,
	                                PidTagViewsEntryId,          PidTagCommonViewsEntryId,
	                                PidTagFinderEntryId,         PidTagMailboxOwnerName};
	static const enum ms_special_folder folders[] = {MS_SPECIAL_IPM_SUBTREE,   MS_SPECIAL_OUTBOX,
	                                                 MS_SPECIAL_DELETED_ITEMS, MS_SPECIAL_SENT_ITEMS,
	                                                 MS_SPECIAL_VIEWS,         MS_SPECIAL_COMMON_VIEWS,
	                                                 MS_SPECIAL_FINDER};
	char *req = talloc_strdup(f->mem, "07 00 00 0000 0100 0800"); /* limit 0, WantUnicode, 8 tags */
	for (int i = 0; i < 8; i++)
		req = talloc_strdup_append(req, tag_hex(f->mem, tags[i]));
	size_t len;
	const uint8_t *r = execute(f, &len, "%s", req);
	assert_int_equal(r[0], 0x07);
	assert_int_equal(r[1], 0);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 0x00); /* StandardPropertyRow */
	size_t off = 7;
	for (int i = 0; i < 7; i++) {
		struct mapi_binary want;
		assert_int_equal(ms_folder_entryid(f->mem, f->mb, f->fids[folders[i]], &want), ecSuccess);
		assert_int_equal(u16_at(r + off), want.len);
		tu_assert_bytes(r + off + 2, want.len, want.data, want.len);
		off += 2 + want.len;
	}
	size_t n;
	uint8_t *name = tu_hex(f->mem, utf16_hex(f->mem, "Alice"), &n);
	tu_assert_bytes(r + off, len - off, name, n);
}

/* MS-OXCPRPT 3.2.5.1 on the Inbox: typed strings in UTF-16, a PtypUnspecified one in 8 bits when WantUnicode
 * is 0, a missing one NotFound in a FlaggedPropertyRow (MS-OXCDATA 2.8.1.2). */
static void test_inbox_properties(void **state)
{
	struct fx *f = *state;
	size_t len, n;
	const uint8_t *r = execute(f, &len,
	                           "07 00 01 0000 0000 0500" /* Inbox, limit 0, WantUnicode 0, 5 tags */
	                           "1f000130 03000236 1f001336 00000130 1f000430");
	const char *want = talloc_asprintf(f->mem,
	                                   "07 01 00000000 01"
	                                   "00 %s"       /* PidTagDisplayName */
	                                   "00 00000000" /* PidTagContentCount */
	                                   "00 %s"       /* PidTagContainerClass */
	                                   "1e00 00 %s"  /* PidTagDisplayName as PtypString8 */
	                                   "0a 0f010480" /* PidTagComment: NotFound */,
	                                   utf16_hex(f->mem, "Inbox"), utf16_hex(f->mem, "IPF.Note"),
	                                   str8_hex(f->mem, "Inbox"));
	uint8_t *w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);
	/* WantUnicode: the unspecified one comes as PtypString */
	r = execute(f, &len, "07 00 01 0000 0100 0100 00000130");
	want = talloc_asprintf(f->mem, "07 01 00000000 00 1f00 %s", utf16_hex(f->mem, "Inbox"));
	w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);
}

/* MS-OXCPRPT 4.1 - 4.3 on a new message: the 4.1.1 request registers TestProp1 and TestProp2 (the ids are
 * ours, above 0x8000, where the example has 0x863E/0x863F), 4.2.1 sets the subject and 4.3.1's tags (with our
 * ids) get the 4.3.2 response bytes: FALSE, 0x62 and PidTagChangeKey NotFound. */
static void test_spec_examples(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	size_t n, want_n, len;
	uint8_t *req =
	        tu_vector(f->mem, "MS-OXCPRPT-4.1.1-getpropertyidsfromnames-propertynames.hex", "rop", &n);
	uint8_t *want = tu_vector(f->mem, "MS-OXCPRPT-4.1.2-getpropertyidsfromnames-response.hex", "response",
	                          &want_n);
	req[2] = 2; /* InputHandleIndex: the message */
	char *hex = talloc_strdup(f->mem, "");
	for (size_t i = 0; i < n; i++)
		hex = talloc_asprintf_append(hex, "%02x", req[i]);
	const uint8_t *r = execute(f, &len, "%s", hex);
	assert_int_equal(len, want_n);
	assert_int_equal(r[1], 2);
	tu_assert_bytes(r + 2, 6, want + 2, 6); /* ReturnValue, PropertyIdCount 2 */
	uint16_t id1 = u16_at(r + 8), id2 = u16_at(r + 10);
	assert_true(id1 >= 0x8000 && id2 >= 0x8000 && id1 != id2);
	/* the same names again (Flags 0: no create) give the same ids */
	req[3] = 0;
	hex = talloc_strdup(f->mem, "");
	for (size_t i = 0; i < n; i++)
		hex = talloc_asprintf_append(hex, "%02x", req[i]);
	r = execute(f, &len, "%s", hex);
	assert_int_equal(u16_at(r + 8), id1);
	assert_int_equal(u16_at(r + 10), id2);

	req = tu_vector(f->mem, "MS-OXCPRPT-4.2.1-setproperties-propertyvalues.hex", "rop", &n);
	want = tu_vector(f->mem, "MS-OXCPRPT-4.2.2-setproperties-response.hex", "response", &want_n);
	req[2] = 2;
	want[1] = 2;
	hex = talloc_strdup(f->mem, "");
	for (size_t i = 0; i < n; i++)
		hex = talloc_asprintf_append(hex, "%02x", req[i]);
	r = execute(f, &len, "%s", hex);
	tu_assert_bytes(r, len, want, want_n);

	/* the example's values for its two named properties */
	r = execute(f, &len, "0a 00 02 0f00 0200 0b00%02x%02x 00 0300%02x%02x 62000000", id1 & 0xFF, id1 >> 8,
	            id2 & 0xFF, id2 >> 8);
	assert_no_problems(r, len, 0x0a);
	want = tu_vector(f->mem, "MS-OXCPRPT-4.3-getpropertiesspecific.hex", "response", &want_n);
	want[1] = 2;
	r = execute(f, &len, "07 00 02 0000 0100 0300 0b00%02x%02x 0300%02x%02x 0201e265", id1 & 0xFF,
	            id1 >> 8, id2 & 0xFF, id2 >> 8);
	tu_assert_bytes(r, len, want, want_n);
	/* and the subject 4.2.1 set, read back through the same handle */
	r = execute(f, &len, "07 00 02 0000 0100 0100 1f001d0e");
	const char *subject =
	        talloc_asprintf(f->mem, "07 02 00000000 00 %s", utf16_hex(f->mem, "Hello World"));
	uint8_t *w = tu_hex(f->mem, subject, &want_n);
	tu_assert_bytes(r, len, w, want_n);
}

/* MS-OXCPRPT 3.2.5.4, 3.2.5.5 on a folder: set persists at once (another context sees it), a read-only
 * property is a PropertyProblem (AccessDenied) and keeps its value, delete removes at once; the NoReplicate
 * forms do the same. */
static void test_folder_set_delete(void **state)
{
	struct fx *f = *state;
	size_t len;
	const uint8_t *r;
	const char *comment = utf16_hex(f->mem, "hi");
	/* PidTagComment "hi" and PidTagFolderId (read-only) 1 */
	size_t vsize = 2 + 4 + strlen(comment) / 2 + 4 + 8;
	expect(f, "0a 01 00000000 0100 0100 14004867 05000780",
	       "0a 00 01 %02x00 0200 1f000430 %s 14004867 0100000000000000", (unsigned)vsize, comment);
	struct ms_folder *again;
	struct mapi_propval *v;
	static const uint32_t tags[] = {PidTagComment, PidTagFolderId};
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &again), ecSuccess);
	assert_int_equal(ms_props_get(ms_folder_object(again), f->mem, tags, 2, &v), ecSuccess);
	assert_string_equal(v[0].value.str, "hi");
	assert_true((uint64_t)v[1].value.i64 == f->inbox);
	/* RopDeletePropertiesNoReplicate: PidTagComment and a read-only one */
	expect(f, "7a 01 00000000 0100 0100 14004867 05000780", "7a 00 01 0200 1f000430 14004867");
	assert_int_equal(ms_props_get(ms_folder_object(again), f->mem, tags, 1, &v), ecSuccess);
	assert_int_equal(v[0].value.err, ecNotFound);
	/* RopSetPropertiesNoReplicate, then RopDeleteProperties */
	r = execute(f, &len, "79 00 01 %02x00 0100 1f000430 %s", (unsigned)(2 + 4 + strlen(comment) / 2),
	            comment);
	assert_no_problems(r, len, 0x79);
	assert_int_equal(ms_props_get(ms_folder_object(again), f->mem, tags, 1, &v), ecSuccess);
	assert_string_equal(v[0].value.str, "hi");
	r = execute(f, &len, "0b 00 01 0100 1f000430");
	assert_no_problems(r, len, 0x0b);
}

/* The logon's own properties: read/write ones persist, a computed one is a problem (MS-OXCSTOR 2.2.2.1) */
static void test_logon_set(void **state)
{
	struct fx *f = *state;
	size_t len;
	const uint8_t *r;
	const char *comment = utf16_hex(f->mem, "box");
	size_t vsize = 2 + 4 + strlen(comment) / 2 + 4 + 2 + 1;
	expect(f, "0a 00 00000000 0100 0100 0201e035 05000780",
	       "0a 00 00 %02x00 0200 1f000430 %s 0201e035 0100 00", (unsigned)vsize, comment);
	struct ms_object *so;
	struct mapi_propval *v;
	static const uint32_t tag = PidTagComment;
	assert_int_equal(ms_mailbox_object(f->mb, f->mem, NULL, NULL, &so), ecSuccess);
	assert_int_equal(ms_props_get(so, f->mem, &tag, 1, &v), ecSuccess);
	assert_string_equal(v[0].value.str, "box");
	/* streams are not for the logon's properties, nor is RopCopyTo */
	r = execute(f, &len, "39 00 00 01 00 00 00 0000");
	assert_failure(r, len, 0x39, ecNotSupported);
}

/* RopGetPropertiesAll and RopGetPropertiesList on a message see what RopSetProperties set before any save */
static void test_all_and_list(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	size_t len;
	const char *subject = utf16_hex(f->mem, "Hi");
	const uint8_t *r = execute(f, &len, "0a 00 02 %02x00 0100 1f003700 %s",
	                           (unsigned)(2 + 4 + strlen(subject) / 2), subject);
	assert_no_problems(r, len, 0x0a);
	/* RopGetPropertiesAll, WantUnicode 0: PidTagSubject as PtypString8 "Hi" among them */
	r = execute(f, &len, "08 00 02 0000 0000");
	assert_int_equal(r[0], 0x08);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	uint16_t count = u16_at(r + 6);
	assert_true(count > 1);
	static const uint8_t subject8[] = {0x1e, 0x00, 0x37, 0x00, 'H', 'i', 0};
	bool found = false;
	for (size_t i = 8; i + sizeof subject8 <= len && !found; i++)
		found = memcmp(r + i, subject8, sizeof subject8) == 0;
	assert_true(found);
	/* RopGetPropertiesList: PidTagSubject among the tags */
	r = execute(f, &len, "09 00 02");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	count = u16_at(r + 6);
	assert_int_equal(len, 8 + 4u * count);
	found = false;
	for (uint16_t i = 0; i < count; i++)
		found |= u32_at(r + 8 + 4 * i) == PidTagSubject;
	assert_true(found);
}

/* MS-OXCPRPT 3.1.4.5, 3.2.5.1 <4>: a value too large for the store's inline reads (32 KiB) or for the room
 * left in the response buffer comes as NotEnoughMemory (0x8007000E) in its place. */
static void test_large_values(void **state)
{
	struct fx *f = *state;
	struct ms_folder *inbox;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	uint8_t *big = talloc_zero_size(f->mem, 40000);
	struct mapi_propval pv[] = {
	        {.tag = PROP_TAG(PT_BINARY, 0x6701), .value.bin = {40000, big}},
	        {.tag = PROP_TAG(PT_BINARY, 0x6702), .value.bin = {20000, big}},
	        {.tag = PROP_TAG(PT_BINARY, 0x6703), .value.bin = {20000, big}},
	};
	struct mapi_propproblem *pp;
	uint32_t np;
	assert_int_equal(ms_props_set(ms_folder_object(inbox), pv, 3, f->mem, &pp, &np), ecSuccess);
	size_t len;
	const uint8_t *r = execute(f, &len, "07 00 01 0000 0100 0300 02010167 02010267 02010367");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6], 0x01); /* flagged */
	assert_int_equal(r[7], 0x0a);
	assert_int_equal(u32_at(r + 8), ecNotEnoughMemory);
	/* the two 20000-byte values do not both fit a 32 KiB buffer: the first stays, the second is an error
	 */
	assert_int_equal(r[12], 0x00);
	assert_int_equal(u16_at(r + 13), 20000);
	assert_int_equal(r[15 + 20000], 0x0a);
	assert_int_equal(u32_at(r + 16 + 20000), ecNotEnoughMemory);
	assert_int_equal(len, 20 + 20000);
}

/* MS-OXCPRPT 3.2.5.9, 3.2.5.10, 3.2.5.6: PS_MAPI names are their LID and back; an unknown name is 0 without
 * Create; an ID without a name has Kind 0xFF; RopQueryNamedProperties filters by kind and GUID. */
static void test_named_properties(void **state)
{
	struct fx *f = *state;
	size_t len, n;
	uint8_t *w;
	const uint8_t *r;
	/* PSETID_Common {00062008-0000-0000-C000-000000000046} LID 0x8501 (numeric), and PS_PUBLIC_STRINGS
	 * {00020329-0000-0000-C000-000000000046} "Keywords"; PS_MAPI LID 0x0037 */
	const char *common = "08200600 0000 0000 c000000000000046";
	const char *pubstr = "29030200 0000 0000 c000000000000046";
	const char *mapi = "28030200 0000 0000 c000000000000046";
	const char *kw = utf16_hex(f->mem, "Keywords");
	const char *names = talloc_asprintf(f->mem, "00 %s 01850000 01 %s %02x %s 00 %s 37000000", common,
	                                    pubstr, (unsigned)strlen(kw) / 2, kw, mapi);
	expect(f, "56 01 00000000 0300 0000 0000 3700", "56 00 01 00 0300 %s", names);
	r = execute(f, &len, "56 00 01 02 0300 %s", names);
	assert_int_equal(len, 14);
	uint16_t id1 = u16_at(r + 8), id2 = u16_at(r + 10);
	assert_true(id1 >= 0x8000 && id2 >= 0x8000 && id1 != id2);
	assert_int_equal(u16_at(r + 12), 0x0037);
	/* PS_INTERNET_HEADERS string names are matched in lowercase */
	const char *inet = "86030200 0000 0000 c000000000000046";
	const char *upper = utf16_hex(f->mem, "X-Test"), *lower = utf16_hex(f->mem, "x-test");
	r = execute(f, &len, "56 00 01 02 0100 01 %s %02x %s", inet, (unsigned)strlen(upper) / 2, upper);
	uint16_t id3 = u16_at(r + 8);
	r = execute(f, &len, "56 00 01 00 0100 01 %s %02x %s", inet, (unsigned)strlen(lower) / 2, lower);
	assert_int_equal(u16_at(r + 8), id3);

	/* RopGetNamesFromPropertyIds: the numeric name, PS_MAPI for 0x0037, Kind 0xFF for an unused id */
	r = execute(f, &len, "55 00 00 0300 %02x%02x 3700 feff", id1 & 0xFF, id1 >> 8);
	const char *want = talloc_asprintf(f->mem, "55 00 00000000 0300 00 %s 01850000 00 %s 37000000 ff %s",
	                                   common, mapi, "00000000 0000 0000 0000000000000000");
	w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);

	/* RopQueryNamedProperties: all three; NoStrings; NoIds; PropertyGuid */
	r = execute(f, &len, "5f 00 01 00 00");
	assert_int_equal(u16_at(r + 6), 3);
	r = execute(f, &len, "5f 00 01 01 00");
	want = talloc_asprintf(f->mem, "5f 01 00000000 0100 %02x%02x 00 %s 01850000", id1 & 0xFF, id1 >> 8,
	                       common);
	w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);
	r = execute(f, &len, "5f 00 01 02 00");
	assert_int_equal(u16_at(r + 6), 2);
	r = execute(f, &len, "5f 00 01 00 01 %s", pubstr);
	want = talloc_asprintf(f->mem, "5f 01 00000000 0100 %02x%02x 01 %s %02x %s", id2 & 0xFF, id2 >> 8,
	                       pubstr, (unsigned)strlen(kw) / 2, kw);
	w = tu_hex(f->mem, want, &n);
	tu_assert_bytes(r, len, w, n);

	/* RopGetPropertyIdsFromNames with no names on the logon: every registered id */
	r = execute(f, &len, "56 00 00 00 0000");
	assert_int_equal(u16_at(r + 6), 3);
	assert_int_equal(u16_at(r + 8), id1);
	/* ... on a folder: none */
	r = execute(f, &len, "56 00 01 00 0000");
	assert_int_equal(u16_at(r + 6), 0);
}

/* MS-OXCPRPT 3.2.5.7 RopCopyProperties between two messages: a property the source lacks is a problem
 * (NotFound); NoOverwrite keeps the destination's; Move removes from the source. */
static void test_copy_properties(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	create_message(f, 3);
	size_t len;
	const char *a = utf16_hex(f->mem, "A"), *b = utf16_hex(f->mem, "B");
	/* source: subject "A", PidTagImportance 2; destination: subject "B" */
	const uint8_t *r = execute(f, &len, "0a 00 02 %02x00 0200 1f003700 %s 03001700 02000000",
	                           (unsigned)(2 + 4 + 4 + 4 + 4), a);
	assert_no_problems(r, len, 0x0a);
	r = execute(f, &len, "0a 00 03 %02x00 0100 1f003700 %s", (unsigned)(2 + 4 + 4), b);
	assert_no_problems(r, len, 0x0a);
	/* NoOverwrite: subject stays "B", importance comes, PidTagComment is a NotFound problem at index 2 */
	expect(f, "67 02 00000000 0100 0200 1f000430 0f010480",
	       "67 00 02 03 00 02 0300 1f003700 03001700 1f000430");
	expect(f, talloc_asprintf(f->mem, "07 03 00000000 00 %s 02000000", b),
	       "07 00 03 0000 0100 0200 1f003700 03001700");
	/* Move: subject "A" overwrites and leaves the source */
	r = execute(f, &len, "67 00 02 03 00 01 0100 1f003700");
	assert_no_problems(r, len, 0x67);
	expect(f, talloc_asprintf(f->mem, "07 03 00000000 00 %s", a), "07 00 03 0000 0100 0100 1f003700");
	expect(f, "07 02 00000000 01 0a 0f010480", "07 00 02 0000 0100 0100 1f003700");
}

/* The error paths of RopCopyProperties and RopCopyTo (MS-OXCROPS 2.2.8.11.3, MS-OXCPRPT 3.2.5.7, 3.2.5.8) */
static void test_copy_errors(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	size_t len, n;
	const uint8_t *r;
	/* a destination index naming nothing: NullDestinationObject with the 4-byte DestHandleIndex */
	expect(f, "67 02 03050000 09000000", "67 00 02 09 00 00 0000");
	expect(f, "39 02 03050000 09000000", "39 00 02 09 00 00 00 0000");
	/* RopCopyTo with subobjects into an embedded message of the source: MessageCycle. Attachment at 3,
	 * its embedded message (created) at 4. */
	r = execute(f, &len, "23 00 02 03"); /* RopCreateAttachment */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "46 00 03 04 ff0f 02"); /* RopOpenEmbeddedMessage, Create */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "39 00 02 04 00 01 00 0000");
	assert_failure(r, len, 0x39, ecMsgCycle);
	/* RopCopyTo with subobjects from the Inbox into its own subfolder: FolderCycle */
	const char *name = utf16_hex(f->mem, "Sub");
	r = execute(f, &len, "1c 00 01 05 01 01 0000 %s 0000", name); /* RopCreateFolder, Unicode */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "39 00 01 05 00 01 00 0000");
	assert_failure(r, len, 0x39, ecRootFolder);
	/* property ROPs on an object without properties (a contents table): NotSupported; on nothing:
	 * NullObject */
	r = execute(f, &len, "05 00 01 06 00"); /* RopGetContentsTable */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	/* failures answered with RopId, handle index and ReturnValue only: the copy ROPs from nothing (index
	 * 8), from a message to a folder, with CopyFlags other than Move and NoOverwrite, Move on a folder;
	 * the property ROPs on the table (index 6) and on nothing (index 9) */
	static const struct {
		const char *request;
		uint32_t ec;
	} objects[] = {
	        {"67 00 08 02 00 00 0000", ecNullObject},
	        {"67 00 02 01 00 00 0000", ecNotSupported},
	        {"67 00 02 02 00 04 0000", ecInvalidParam},
	        {"39 00 02 02 00 00 08 0000", ecInvalidParam},
	        {"67 00 01 01 00 01 0000", ecNotSupported},
	        {"07 00 06 0000 0100 0100 1f003700", ecNotSupported},
	        {"08 00 09 0000 0100", ecNullObject},
	        {"09 00 09", ecNullObject},
	        {"0b 00 09 0000", ecNullObject},
	        {"5f 00 06 00 00", ecNotSupported},
	        {"55 00 09 0000", ecNullObject},
	        {"56 00 06 00 0000", ecNotSupported},
	        {"0a 00 06 0200 0000", ecNotSupported},
	};
	for (size_t i = 0; i < sizeof objects / sizeof objects[0]; i++) {
		r = execute(f, &len, "%s", objects[i].request);
		uint8_t *q = tu_hex(f->mem, objects[i].request, &n);
		if (len != 6 || r[0] != q[0] || r[1] != q[2] || u32_at(r + 2) != objects[i].ec)
			fail_msg("%s: 0x%08X", objects[i].request, (unsigned)u32_at(r + 2));
	}
}

/* MS-OXCPRPT 3.2.5.8 RopCopyTo: message to message with subobjects (recipients, attachments) but not the
 * excluded tag; folder to folder with subobjects (messages, subfolders) */
static void test_copy_to(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	create_message(f, 3);
	size_t len;
	const char *a = utf16_hex(f->mem, "A");
	const uint8_t *r = execute(f, &len, "0a 00 02 %02x00 0200 1f003700 %s 03001700 02000000",
	                           (unsigned)(2 + 4 + 4 + 4 + 4), a);
	assert_no_problems(r, len, 0x0a);
	/* an attachment with PidTagAttachLongFilename "x", saved */
	const char *x = utf16_hex(f->mem, "x");
	r = execute(f, &len, "23 00 02 04");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "0a 00 04 %02x00 0100 1f000737 %s 25 00 04 04 0a", (unsigned)(2 + 4 + 4), x);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	/* RopCopyTo 2 → 3, WantSubObjects, excluding PidTagImportance */
	r = execute(f, &len, "39 00 02 03 00 01 00 0100 03001700");
	assert_no_problems(r, len, 0x39);
	struct emsmdb_object *dst = emsmdb_handle_get(f->s, f->handles[3], EMSMDB_OBJ_MESSAGE);
	assert_non_null(dst);
	struct mapi_propval *v;
	static const uint32_t tags[] = {PidTagSubject, PidTagImportance};
	assert_int_equal(ms_props_get(ms_message_object(dst->data), f->mem, tags, 2, &v), ecSuccess);
	assert_string_equal(v[0].value.str, "A");
	assert_int_equal(v[1].value.err, ecNotFound);
	struct ms_attachment *att;
	assert_int_equal(ms_attachment_open(dst->data, 0, MS_OPEN_READONLY, &att), ecSuccess);
	static const uint32_t fn = PidTagAttachLongFilename;
	assert_int_equal(ms_props_get(ms_attachment_object(att), f->mem, &fn, 1, &v), ecSuccess);
	assert_string_equal(v[0].value.str, "x");

	/* folders: save the message 3 into the Inbox, create Sub2 under the Inbox's parent ... */
	r = execute(f, &len, "0c 00 03 03 0a");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	const char *name = utf16_hex(f->mem, "Sub2");
	r = execute(f, &len, "02 00 00 05 %s 00", id_hex(f->mem, f->fids[MS_SPECIAL_IPM_SUBTREE]));
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "1c 00 05 06 01 01 0000 %s 0000", name);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	/* ... and copy the Inbox's subobjects there: Sub2 then holds a message */
	r = execute(f, &len, "39 00 01 06 00 01 00 0100 1f000130"); /* not its display name */
	assert_no_problems(r, len, 0x39);
	struct emsmdb_object *sub = emsmdb_handle_get(f->s, f->handles[6], EMSMDB_OBJ_FOLDER);
	struct ms_folder_counts c;
	assert_int_equal(ms_folder_get_counts(sub->data, &c), ecSuccess);
	assert_int_equal(c.content, 1);
	static const uint32_t class_tag = PidTagContainerClass;
	assert_int_equal(ms_props_get(ms_folder_object(sub->data), f->mem, &class_tag, 1, &v), ecSuccess);
	assert_string_equal(v[0].value.str, "IPF.Note");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_logon_special_entryids, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_inbox_properties, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_spec_examples, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_folder_set_delete, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_logon_set, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_all_and_list, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_large_values, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_named_properties, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_copy_properties, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_copy_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_copy_to, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
