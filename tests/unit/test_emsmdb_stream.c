/* src/server/emsmdb/oxcprpt_stream.c: the MS-OXCPRPT Stream object ROPs through emsmdb_execute(), with ROP
 * buffers built byte by byte from the MS-OXCROPS 2.2.9 layouts (and the MS-OXCPRPT 4.4 examples), against a
 * temporary provisioned sqlite mailbox; and, on the same fixture, the per-user ROPs and RopGetStoreState of
 * oxcstor.c (MS-OXCSTOR 4.8, 4.9 examples). The fixture is emsmdb_fixture.h's. */
#include "emsmdb_fixture.h"
#include "mapi/mapi_proptags_gen.h"

#define NO_HANDLE 0xFFFFFFFF

/* the fixture of emsmdb_fixture.h, with LogonId 1 private too (the MS-OXCPRPT 4.4 examples use it) */
static int setup(void **state)
{
	int rc = emsmdb_fx_setup(state, "/tmp/wc-stream-XXXXXX");
	rop_ctx_set_logon(&((struct fx *)*state)->s->codec, 1, true);
	return rc;
}

static int teardown(void **state)
{
	return emsmdb_fx_teardown(state);
}

/* A second session of the user with its own mailbox context: a logon at index 0, the Inbox at 1 (what
 * emsmdb_fx_setup does for the first); fx_swap_session makes it the one execute() runs in. */
static void fx_other_session(struct fx *f)
{
	struct auth_user u = {
	        .mid = 16, .alias = "alice", .display_name = "Alice", .legacy_dn = "/o=x/cn=alice"};
	f->other = emsmdb_session_new(f, &u, u.legacy_dn, 2);
	assert_non_null(f->other);
	rop_ctx_set_logon(&f->other->codec, 0, true);
	struct emsmdb_logon *l = talloc_zero(f, struct emsmdb_logon);
	assert_int_equal(ms_mailbox_open(l, f->uri, &l->mailbox), ecSuccess);
	struct emsmdb_object *logon = emsmdb_handle_new(f->other, NULL, EMSMDB_OBJ_LOGON, l);
	struct ms_folder *inbox;
	assert_int_equal(ms_folder_open(l->mailbox, f->inbox, f, &inbox), ecSuccess);
	struct emsmdb_object *folder = emsmdb_handle_new(f->other, logon, EMSMDB_OBJ_FOLDER, inbox);
	f->other_handles[0] = logon->handle;
	f->other_handles[1] = folder->handle;
	for (int i = 2; i < FX_HANDLES; i++)
		f->other_handles[i] = NO_HANDLE;
}

static void fx_swap_session(struct fx *f)
{
	struct emsmdb_session *s = f->s;
	uint32_t h[FX_HANDLES];
	f->s = f->other;
	f->other = s;
	memcpy(h, f->handles, sizeof h);
	memcpy(f->handles, f->other_handles, sizeof h);
	memcpy(f->other_handles, h, sizeof h);
}

static const char *hex_of(TALLOC_CTX *mem, const uint8_t *p, size_t n)
{
	char *s = talloc_array(mem, char, 2 * n + 1);
	for (size_t i = 0; i < n; i++)
		snprintf(s + 2 * i, 3, "%02x", p[i]);
	s[2 * n] = '\0';
	return s;
}

/* v as its first `bytes` little-endian bytes, in hex */
static const char *le_hex(TALLOC_CTX *mem, uint64_t v, int bytes)
{
	uint8_t b[8];
	for (int i = 0; i < bytes; i++)
		b[i] = (uint8_t)(v >> (8 * i));
	return hex_of(mem, b, (size_t)bytes);
}

#define EXTENDED_RULE_CONDITION 0x0E9A0102 /* the property of the MS-OXCPRPT 4.4 examples */
#define EXTENDED_FOLDER_FLAGS 0x36DA0102   /* PidTagExtendedFolderFlags, a binary folder property */

/* RopCreateMessage (MS-OXCROPS 2.2.6.2) in the Inbox into output index out, not saved; its MID. */
static uint64_t create_message(struct fx *f, int out)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "06 00 01 %02x ff0f %s 00", out, le_hex(f->mem, f->inbox, 8));
	assert_int_equal(len, 15);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	return u64_at(r + 7);
}

/* RopOpenStream (2.2.9.1) on input index in into output index out; the StreamSize, or the failure code as
 * a negative number. */
static int64_t open_stream(struct fx *f, int in, int out, uint32_t tag, uint8_t mode)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "2b 00 %02x %02x %s %02x", in, out, le_hex(f->mem, tag, 4), mode);
	assert_int_equal(r[0], 0x2b);
	assert_int_equal(r[1], out);
	if (u32_at(r + 2) != ecSuccess) {
		assert_int_equal(len, 6);
		return -(int64_t)u32_at(r + 2);
	}
	assert_int_equal(len, 10);
	return u32_at(r + 6);
}

/* RopWriteStream (2.2.9.3) of n bytes; checks WrittenSize and returns ReturnValue */
static uint32_t write_stream(struct fx *f, int h, const uint8_t *data, size_t n, uint16_t want_written)
{
	size_t len;
	const uint8_t *r =
	        execute(f, &len, "2d 00 %02x %s %s", h, le_hex(f->mem, n, 2), hex_of(f->mem, data, n));
	assert_int_equal(len, 8);
	assert_int_equal(r[0], 0x2d);
	assert_int_equal(r[1], h);
	assert_int_equal(r[6] | r[7] << 8, want_written);
	return u32_at(r + 2);
}

/* RopReadStream (2.2.9.2) with ByteCount count (0xBABE: MaximumByteCount max); the data on f->mem. */
static const uint8_t *read_stream(struct fx *f, int h, uint16_t count, uint32_t max, size_t *n)
{
	size_t len;
	const uint8_t *r = count == 0xBABE ? execute(f, &len, "2c 00 %02x beba %s", h, le_hex(f->mem, max, 4))
	                                   : execute(f, &len, "2c 00 %02x %s", h, le_hex(f->mem, count, 2));
	assert_int_equal(r[0], 0x2c);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	*n = r[6] | (size_t)r[7] << 8;
	assert_int_equal(len, 8 + *n);
	return r + 8;
}

/* RopSeekStream (2.2.9.8): the NewPosition, or the failure code as a negative number */
static int64_t seek_stream(struct fx *f, int h, uint8_t origin, int64_t offset)
{
	size_t len;
	const uint8_t *r =
	        execute(f, &len, "2e 00 %02x %02x %s", h, origin, le_hex(f->mem, (uint64_t)offset, 8));
	assert_int_equal(r[0], 0x2e);
	if (u32_at(r + 2) != ecSuccess) {
		assert_int_equal(len, 6);
		return -(int64_t)u32_at(r + 2);
	}
	assert_int_equal(len, 14);
	return (int64_t)u64_at(r + 6);
}

/* RopGetStreamSize (2.2.9.6) */
static uint32_t stream_size(struct fx *f, int h)
{
	size_t len;
	const uint8_t *r = execute(f, &len, "5e 00 %02x", h);
	assert_int_equal(len, 10);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	return u32_at(r + 6);
}

/* A ROP whose response is RopId, InputHandleIndex, ReturnValue: its ReturnValue */
static uint32_t simple_rop(struct fx *f, uint8_t rop_id, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *body = talloc_vasprintf(f->mem, fmt, ap);
	va_end(ap);
	size_t len;
	const uint8_t *r = execute(f, &len, "%02x 00 %s", rop_id, body);
	assert_int_equal(len, 6);
	assert_int_equal(r[0], rop_id);
	return u32_at(r + 2);
}

static uint8_t *pattern(TALLOC_CTX *mem, size_t n, unsigned seed)
{
	uint8_t *p = talloc_array(mem, uint8_t, n);
	for (size_t i = 0; i < n; i++)
		p[i] = (uint8_t)(i * 7 + seed + (i >> 8));
	return p;
}

/* The value of tag on a store object, as bytes (PT_BINARY); NULL when it has none. */
static const struct mapi_binary *stored_binary(struct fx *f, struct ms_object *o, uint32_t tag)
{
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(o, f->mem, &tag, 1, &v), ecSuccess);
	return PROP_TYPE(v->tag) == PT_ERROR ? NULL : &v->value.bin;
}

/* MS-OXCPRPT 4.4: the spec's RopOpenStream (ReadWrite on a message property of 11797 bytes), RopWriteStream
 * of 11797 bytes (the printed 43 bytes, the rest ours: the spec truncates it) and RopCommitStream, byte for
 * byte; the message's save keeps the written value. */
static void test_spec_example(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	/* a value of 11797 bytes first */
	uint8_t *old = pattern(f->mem, 0x2E15, 1);
	assert_int_equal(open_stream(f, 2, 3, EXTENDED_RULE_CONDITION, 0x02), 0);
	assert_int_equal(write_stream(f, 3, old, 0x2E15, 0x2E15), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecSuccess);
	execute(f, &(size_t){0}, "01 00 03"); /* RopRelease */

	uint32_t saved[10];
	memcpy(saved, f->handles, sizeof saved);
	f->handles[0] = saved[2]; /* the example's InputHandleIndex 0 is the message */
	f->handles[1] = NO_HANDLE;
	size_t n, len;
	uint8_t *req = tu_vector(f->mem, "MS-OXCPRPT-4.4.1-openstream.hex", "request", &n);
	uint8_t *want = tu_vector(f->mem, "MS-OXCPRPT-4.4.1-openstream.hex", "response", &len);
	const uint8_t *r = execute(f, &n, "%s", hex_of(f->mem, req, 9));
	tu_assert_bytes(r, n, want, len);

	uint8_t *shown = tu_vector(f->mem, "MS-OXCPRPT-4.4.2-writestream.hex", "request", &len);
	uint8_t *data = pattern(f->mem, 0x2E15, 2);
	memcpy(data, shown + 5, len - 5);
	r = execute(f, &n, "%s %s", hex_of(f->mem, shown, 5), hex_of(f->mem, data, 0x2E15));
	want = tu_vector(f->mem, "MS-OXCPRPT-4.4.2-writestream.hex", "response", &len);
	tu_assert_bytes(r, n, want, len);

	req = tu_vector(f->mem, "MS-OXCPRPT-4.4.3-commitstream.hex", "request", &len);
	r = execute(f, &n, "%s", hex_of(f->mem, req, len));
	want = tu_vector(f->mem, "MS-OXCPRPT-4.4.3-commitstream.hex", "response", &len);
	tu_assert_bytes(r, n, want, len);

	struct emsmdb_object *m = emsmdb_handle_get(f->s, f->handles[0], EMSMDB_OBJ_MESSAGE);
	assert_int_equal(ms_message_save(m->data, MS_SAVE_KEEP_OPEN_READWRITE), ecSuccess);
	const struct mapi_binary *v = stored_binary(f, ms_message_object(m->data), EXTENDED_RULE_CONDITION);
	assert_non_null(v);
	tu_assert_bytes(v->data, v->len, data, 0x2E15);
}

/* 3.2.5.11: ReadOnly on a missing property is NotFound; types other than binary/object/strings (only binary
 * on a folder) and objects other than folders, messages and attachments are NotSupported; the stream ROPs
 * on something else than a stream are NotSupported, on nothing NullObject. */
static void test_open_errors(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagBody, 0x00), -(int64_t)ecNotFound);
	assert_int_equal(open_stream(f, 2, 3, PidTagBody, 0x01), -(int64_t)ecNotFound);
	assert_int_equal(open_stream(f, 2, 3, PidTagImportance, 0x02), -(int64_t)ecNotSupported);
	assert_int_equal(open_stream(f, 1, 3, PidTagComment, 0x02), -(int64_t)ecNotSupported);
	assert_int_equal(open_stream(f, 2, 3, PidTagBody, 0x04), -(int64_t)ecInvalidParam);
	assert_int_equal(open_stream(f, 0, 3, PidTagBody, 0x02), -(int64_t)ecNotSupported); /* a logon */
	assert_int_equal(open_stream(f, 9, 3, PidTagBody, 0x02), -(int64_t)ecNullObject);
	assert_int_equal(f->handles[3], NO_HANDLE);
	/* RopReadStream on the message: one layout for every ReturnValue, DataSize 0 */
	size_t len;
	const uint8_t *r = execute(f, &len, "2c 00 02 1000");
	assert_int_equal(len, 8);
	assert_int_equal(u32_at(r + 2), ecNotSupported);
	assert_int_equal(r[6] | r[7] << 8, 0);
	r = execute(f, &len, "2d 00 09 0100 41");
	assert_int_equal(len, 8);
	assert_int_equal(u32_at(r + 2), ecNullObject);
	assert_int_equal(simple_rop(f, 0x5d, "02"), ecNotSupported);
	r = execute(f, &len, "5e 00 02");
	assert_failure(r, len, 0x5e, ecNotSupported);
}

/* 3.2.5.12 - 3.2.5.17 on a PidTagBody stream: writes move the seek pointer, reads return what is asked up to
 * the end, seeks from each origin, GetStreamSize, SetStreamSize cuts and extends with zeros, a seek beyond
 * the end extends too; bad origins and positions fail. */
static void test_write_read_seek(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagBody, 0x02), 0);
	static const uint8_t hello[] = {'h', 0, 'e', 0, 'l', 0, 'l', 0, 'o', 0}; /* UTF-16LE */
	assert_int_equal(write_stream(f, 3, hello, sizeof hello, 10), ecSuccess);
	assert_int_equal(seek_stream(f, 3, 0x01, 0), 10);
	assert_int_equal(stream_size(f, 3), 10);
	assert_int_equal(seek_stream(f, 3, 0x00, 2), 2);
	size_t n;
	const uint8_t *d = read_stream(f, 3, 4, 0, &n);
	tu_assert_bytes(d, n, hello + 2, 4);
	d = read_stream(f, 3, 0xBABE, 100, &n); /* the rest */
	tu_assert_bytes(d, n, hello + 6, 4);
	d = read_stream(f, 3, 100, 0, &n); /* at the end: nothing */
	assert_int_equal(n, 0);
	assert_int_equal(seek_stream(f, 3, 0x02, -4), 6);
	assert_int_equal(seek_stream(f, 3, 0x01, -6), 0);
	/* errors: a bad origin, before the start, beyond 2^31 */
	assert_int_equal(seek_stream(f, 3, 0x03, 0), -(int64_t)ecStorageInvalidParameter);
	assert_int_equal(seek_stream(f, 3, 0x00, -1), -(int64_t)0x80030019);
	assert_int_equal(seek_stream(f, 3, 0x02, -11), -(int64_t)0x80030019);
	assert_int_equal(seek_stream(f, 3, 0x00, 0x80000001), -(int64_t)0x80030019);
	assert_int_equal(seek_stream(f, 3, 0x01, INT64_MIN), -(int64_t)0x80030019);
	assert_int_equal(seek_stream(f, 3, 0x01, 0), 0); /* unchanged by the failures */
	/* SetStreamSize: cut to 4, then 8 (zeros after), then too big */
	assert_int_equal(simple_rop(f, 0x2f, "03 %s", le_hex(f->mem, 4, 8)), ecSuccess);
	assert_int_equal(stream_size(f, 3), 4);
	assert_int_equal(simple_rop(f, 0x2f, "03 %s", le_hex(f->mem, 8, 8)), ecSuccess);
	d = read_stream(f, 3, 100, 0, &n);
	tu_assert_bytes(d, n, (const uint8_t[]){'h', 0, 'e', 0, 0, 0, 0, 0}, 8);
	assert_int_equal(simple_rop(f, 0x2f, "03 %s", le_hex(f->mem, 0x80000001, 8)), ecStreamSizeError);
	/* a seek 4 beyond the end extends the stream with zeros */
	assert_int_equal(seek_stream(f, 3, 0x02, 4), 12);
	assert_int_equal(stream_size(f, 3), 12);
	assert_int_equal(seek_stream(f, 3, 0x00, 8), 8);
	d = read_stream(f, 3, 100, 0, &n);
	tu_assert_bytes(d, n, (const uint8_t[]){0, 0, 0, 0}, 4);
	/* a commit gives the message the text "he" and four U+0000: committed strings are what was written */
	assert_int_equal(simple_rop(f, 0x2f, "03 %s", le_hex(f->mem, 4, 8)), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecSuccess);
	struct emsmdb_object *m = emsmdb_handle_get(f->s, f->handles[2], EMSMDB_OBJ_MESSAGE);
	uint32_t tag = PidTagBody;
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(ms_message_object(m->data), f->mem, &tag, 1, &v), ecSuccess);
	assert_int_equal(v->tag, PidTagBody);
	assert_string_equal(v->value.str, "he");
}

/* 3.2.5.12: a read bigger than the response buffer returns what fits (the rest follows with the next read);
 * ByteCount and MaximumByteCount limit it otherwise. */
static void test_read_beyond_buffer(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	uint8_t *data = pattern(f->mem, 40000, 3);
	assert_int_equal(write_stream(f, 3, data, 20000, 20000), ecSuccess);
	assert_int_equal(write_stream(f, 3, data + 20000, 20000, 20000), ecSuccess);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	size_t n, got = 0;
	const uint8_t *d = read_stream(f, 3, 0xBABE, 40000, &n);
	assert_true(n > 30000 && n < 0x8000);
	tu_assert_bytes(d, n, data, n);
	got = n;
	d = read_stream(f, 3, 0xBABE, 40000, &n);
	tu_assert_bytes(d, n, data + got, 40000 - got);
	/* ByteCount 0xFFFF asks for more than fits as well */
	assert_int_equal(seek_stream(f, 3, 0x00, 100), 100);
	d = read_stream(f, 3, 0xFFFF, 0, &n);
	assert_true(n > 30000 && n < 0x8000);
	tu_assert_bytes(d, n, data + 100, n);
	/* and a small MaximumByteCount is kept */
	assert_int_equal(seek_stream(f, 3, 0x00, 5), 5);
	d = read_stream(f, 3, 0xBABE, 3, &n);
	tu_assert_bytes(d, n, data + 5, 3);
}

/* 3.2.5.13: a read-only stream refuses writes and size changes with StreamAccessDenied (WrittenSize 0). */
static void test_read_only(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"abc", 3, 3), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecSuccess);
	assert_int_equal(open_stream(f, 2, 4, PidTagHtml, 0x00), 3);
	assert_int_equal(write_stream(f, 4, (const uint8_t *)"x", 1, 0), ecStorageAccessDenied);
	assert_int_equal(simple_rop(f, 0x2f, "04 %s", le_hex(f->mem, 1, 8)), ecStorageAccessDenied);
	size_t len;
	const uint8_t *r = execute(f, &len, "90 00 04 0100 78"); /* RopWriteAndCommitStream */
	assert_int_equal(len, 8);
	assert_int_equal(u32_at(r + 2), ecStorageAccessDenied);
	assert_int_equal(r[6] | r[7] << 8, 0);
	/* a seek beyond the end of a read-only stream only moves the pointer */
	assert_int_equal(seek_stream(f, 4, 0x00, 10), 10);
	assert_int_equal(stream_size(f, 4), 3);
	/* ReadWrite is prefilled with the value, Create starts empty */
	assert_int_equal(open_stream(f, 2, 5, PidTagHtml, 0x01), 3);
	assert_int_equal(open_stream(f, 2, 6, PidTagHtml, 0x02), 0);
	assert_int_equal(open_stream(f, 2, 7, PidTagHtml, 0x03), 3); /* best access: read/write here */
	assert_int_equal(write_stream(f, 7, (const uint8_t *)"x", 1, 1), ecSuccess);
}

/* 3.2.5.13 / 3.2.5.14: a message stream's commit or release reaches the message, whose save keeps it; a
 * folder stream's commit or release keeps it at once; RopWriteAndCommitStream writes and commits and is
 * refused on a folder stream (2.2.25). */
static void test_commit_semantics(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"<p>", 3, 3), ecSuccess);
	execute(f, &(size_t){0}, "01 00 03"); /* released: committed to the message */
	struct emsmdb_object *m = emsmdb_handle_get(f->s, f->handles[2], EMSMDB_OBJ_MESSAGE);
	const struct mapi_binary *v = stored_binary(f, ms_message_object(m->data), PidTagHtml);
	assert_non_null(v);
	tu_assert_bytes(v->data, v->len, "<p>", 3);
	/* not saved yet: another open of the folder has no such message */
	struct ms_folder *inbox;
	struct ms_message *other;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &other), ecNotFound);
	/* RopWriteAndCommitStream appends and commits */
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x01), 3);
	assert_int_equal(seek_stream(f, 3, 0x02, 0), 3);
	size_t len;
	const uint8_t *r = execute(f, &len, "90 00 03 0400 3c2f703e");
	assert_int_equal(len, 8);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(r[6] | r[7] << 8, 4);
	v = stored_binary(f, ms_message_object(m->data), PidTagHtml);
	tu_assert_bytes(v->data, v->len, "<p></p>", 7);
	r = execute(f, &len, "0c 00 02 02 0a"); /* RopSaveChangesMessage */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &other), ecSuccess);
	v = stored_binary(f, ms_message_object(other), PidTagHtml);
	tu_assert_bytes(v->data, v->len, "<p></p>", 7);

	/* a folder's binary property: committed at once */
	assert_int_equal(open_stream(f, 1, 4, EXTENDED_FOLDER_FLAGS, 0x02), 0);
	assert_int_equal(write_stream(f, 4, (const uint8_t *)"\x01\x02", 2, 2), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "04"), ecSuccess);
	struct ms_folder *again;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &again), ecSuccess);
	v = stored_binary(f, ms_folder_object(again), EXTENDED_FOLDER_FLAGS);
	tu_assert_bytes(v->data, v->len, "\x01\x02", 2);
	r = execute(f, &len, "90 00 04 0100 03");
	assert_int_equal(u32_at(r + 2), ecNotSupported);
	assert_int_equal(r[6] | r[7] << 8, 0);
	assert_int_equal(write_stream(f, 4, (const uint8_t *)"\x03", 1, 1), ecSuccess);
	execute(f, &len, "01 00 04"); /* released: kept */
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &again), ecSuccess);
	v = stored_binary(f, ms_folder_object(again), EXTENDED_FOLDER_FLAGS);
	tu_assert_bytes(v->data, v->len, "\x01\x02\x03", 3);
}

/* 3.2.5.18 RopCopyToStream: ByteCount bytes or up to the source's end, both pointers move; a destination
 * index naming nothing is NullDestinationObject with DestHandleIndex (MS-OXCROPS 2.2.9.9.3). */
static void test_copy_to_stream(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	uint8_t *data = pattern(f->mem, 100, 4);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	assert_int_equal(write_stream(f, 3, data, 100, 100), ecSuccess);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	assert_int_equal(open_stream(f, 2, 4, PidTagRtfCompressed, 0x02), 0);
	size_t len;
	const uint8_t *r = execute(f, &len, "3a 00 03 04 %s", le_hex(f->mem, 60, 8));
	assert_int_equal(len, 22);
	assert_int_equal(r[0], 0x3a);
	assert_int_equal(r[1], 3);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u64_at(r + 6), 60);
	assert_int_equal(u64_at(r + 14), 60);
	r = execute(f, &len, "3a 00 03 04 %s", le_hex(f->mem, 1000, 8));
	assert_int_equal(u64_at(r + 6), 40);
	assert_int_equal(u64_at(r + 14), 40);
	assert_int_equal(seek_stream(f, 3, 0x01, 0), 100);
	assert_int_equal(seek_stream(f, 4, 0x01, 0), 100);
	assert_int_equal(seek_stream(f, 4, 0x00, 0), 0);
	size_t n;
	const uint8_t *d = read_stream(f, 4, 200, 0, &n);
	tu_assert_bytes(d, n, data, 100);
	/* DestHandleIndex 5 names nothing */
	r = execute(f, &len, "3a 00 03 05 %s", le_hex(f->mem, 1, 8));
	assert_int_equal(len, 26);
	assert_int_equal(u32_at(r + 2), ecDstNullObject);
	assert_int_equal(u32_at(r + 6), 5);
	/* a destination that is not a stream */
	r = execute(f, &len, "3a 00 03 02 %s", le_hex(f->mem, 1, 8));
	assert_int_equal(len, 22);
	assert_int_equal(u32_at(r + 2), ecNotSupported);
	/* to a read-only destination: nothing read, nothing written */
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecSuccess);
	assert_int_equal(open_stream(f, 2, 5, PidTagHtml, 0x00), 100);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	r = execute(f, &len, "3a 00 03 05 %s", le_hex(f->mem, 10, 8));
	assert_int_equal(u32_at(r + 2), ecStorageAccessDenied);
	assert_int_equal(u64_at(r + 6), 0);
	assert_int_equal(u64_at(r + 14), 0);
	assert_int_equal(seek_stream(f, 3, 0x01, 0), 0);
	/* 1 GiB of zeros after the data copies as a size increase: at once */
	assert_int_equal(simple_rop(f, 0x2f, "03 %s", le_hex(f->mem, 0x40000000, 8)), ecSuccess);
	assert_int_equal(open_stream(f, 2, 6, PidTagBody, 0x02), 0);
	r = execute(f, &len, "3a 00 03 06 %s", le_hex(f->mem, 0x80000000u, 8));
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u64_at(r + 6), 0x40000000);
	assert_int_equal(u64_at(r + 14), 0x40000000);
	assert_int_equal(stream_size(f, 6), 0x40000000);
	assert_int_equal(seek_stream(f, 6, 0x01, 0), 0x40000000);
	assert_int_equal(seek_stream(f, 6, 0x00, 98), 98);
	d = read_stream(f, 6, 4, 0, &n);
	tu_assert_bytes(d, n, (const uint8_t[]){data[98], data[99], 0, 0}, 4);
}

/* 3.2.5.20 / 3.2.5.21: a lock is granted unless a lock still held overlaps it; unlocking takes the lock of
 * that region and flags away; releasing the stream drops its locks. */
static void test_lock_regions(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	assert_int_equal(open_stream(f, 2, 4, PidTagBody, 0x02), 0);
	const char *r0_10 = talloc_asprintf(f->mem, "%s %s", le_hex(f->mem, 0, 8), le_hex(f->mem, 10, 8));
	const char *r5_10 = talloc_asprintf(f->mem, "%s %s", le_hex(f->mem, 5, 8), le_hex(f->mem, 10, 8));
	const char *r10_5 = talloc_asprintf(f->mem, "%s %s", le_hex(f->mem, 10, 8), le_hex(f->mem, 5, 8));
	assert_int_equal(simple_rop(f, 0x5b, "03 %s 01000000", r0_10), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5b, "03 %s 00000000", r5_10), ecAccessDenied);
	assert_int_equal(simple_rop(f, 0x5b, "03 %s 00000000", r10_5), ecSuccess); /* adjacent */
	assert_int_equal(simple_rop(f, 0x5b, "04 %s 01000000", r5_10), ecSuccess); /* another stream */
	/* unlock with other flags leaves it; with the same flags takes it */
	assert_int_equal(simple_rop(f, 0x5c, "03 %s 00000000", r0_10), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5b, "03 %s 00000000", r5_10), ecAccessDenied);
	assert_int_equal(simple_rop(f, 0x5c, "03 %s 01000000", r0_10), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5b, "03 %s 00000000", r5_10), ecAccessDenied); /* [10,15) held */
	assert_int_equal(simple_rop(f, 0x5c, "03 %s 00000000", r10_5), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5b, "03 %s 00000000", r5_10), ecSuccess);
	/* a released stream's locks go with it: a new stream locks freely */
	execute(f, &(size_t){0}, "01 00 04");
	assert_int_equal(open_stream(f, 2, 4, PidTagBody, 0x01), 0);
	assert_int_equal(simple_rop(f, 0x5b, "04 %s 01000000", r5_10), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5b, "02 %s 01000000", r5_10), ecNotSupported); /* not a stream */
}

/* Streams of an attachment: PidTagAttachDataBinary reaches the attachment with the commit, the message with
 * RopSaveChangesAttachment, the store with RopSaveChangesMessage. */
static void test_attachment_stream(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_message(f, 2);
	size_t len;
	const uint8_t *r = execute(f, &len, "23 00 02 03"); /* RopCreateAttachment */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	uint32_t num = u32_at(r + 6);
	uint8_t *data = pattern(f->mem, 5000, 5);
	assert_int_equal(open_stream(f, 3, 4, PidTagAttachDataBinary, 0x02), 0);
	assert_int_equal(write_stream(f, 4, data, 5000, 5000), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "04"), ecSuccess);
	r = execute(f, &len, "25 00 03 03 0a"); /* RopSaveChangesAttachment */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &len, "0c 00 02 02 0a");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	struct ms_folder *inbox;
	struct ms_message *m;
	struct ms_attachment *a;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	assert_int_equal(ms_attachment_open(m, num, MS_OPEN_READONLY, &a), ecSuccess);
	const struct mapi_binary *v = stored_binary(f, ms_attachment_object(a), PidTagAttachDataBinary);
	tu_assert_bytes(v->data, v->len, data, 5000);
}

/* 3.2.5.13: RopSaveChangesMessage (RopSaveChangesAttachment) persists what streams still open on the message
 * (attachment) have written, without RopCommitStream or RopRelease first. */
static void test_save_with_open_streams(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_message(f, 2);
	size_t len;
	const uint8_t *r = execute(f, &len, "23 00 02 03"); /* RopCreateAttachment */
	uint32_t num = u32_at(r + 6);
	assert_int_equal(open_stream(f, 2, 4, PidTagHtml, 0x02), 0);
	assert_int_equal(write_stream(f, 4, (const uint8_t *)"<b>", 3, 3), ecSuccess);
	assert_int_equal(open_stream(f, 3, 5, PidTagAttachDataBinary, 0x02), 0);
	assert_int_equal(write_stream(f, 5, (const uint8_t *)"data", 4, 4), ecSuccess);
	r = execute(f, &len,
	            "25 00 03 03 0a" /* RopSaveChangesAttachment */
	            "0c 00 02 02 0a" /* RopSaveChangesMessage */);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(u32_at(r + 8), ecSuccess);
	struct ms_folder *inbox;
	struct ms_message *m;
	struct ms_attachment *a;
	assert_int_equal(ms_folder_open(f->mb, f->inbox, f->mem, &inbox), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	const struct mapi_binary *v = stored_binary(f, ms_message_object(m), PidTagHtml);
	assert_non_null(v);
	tu_assert_bytes(v->data, v->len, "<b>", 3);
	assert_int_equal(ms_attachment_open(m, num, MS_OPEN_READONLY, &a), ecSuccess);
	v = stored_binary(f, ms_attachment_object(a), PidTagAttachDataBinary);
	assert_non_null(v);
	tu_assert_bytes(v->data, v->len, "data", 4);
	/* the streams stay usable: more writes reach the next save */
	assert_int_equal(write_stream(f, 4, (const uint8_t *)"!", 1, 1), ecSuccess);
	r = execute(f, &len, "0c 00 02 02 0a");
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(ms_message_open(inbox, mid, MS_OPEN_READONLY, &m), ecSuccess);
	v = stored_binary(f, ms_message_object(m), PidTagHtml);
	tu_assert_bytes(v->data, v->len, "<b>!", 4);
}

/* MS-OXCPRPT 2.2.14: a PtypString8 stream carries the 8-bit text (here ASCII) of a string property, which
 * reads back as the same text through PtypString8 and PtypString. */
static void test_string8_stream(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	uint32_t body8 = CHANGE_PROP_TYPE(PidTagBody, PT_STRING8);
	assert_int_equal(open_stream(f, 2, 3, body8, 0x02), 0);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"plain text", 10, 10), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecSuccess);
	struct emsmdb_object *m = emsmdb_handle_get(f->s, f->handles[2], EMSMDB_OBJ_MESSAGE);
	uint32_t tag = PidTagBody;
	struct mapi_propval *v;
	assert_int_equal(ms_props_get(ms_message_object(m->data), f->mem, &tag, 1, &v), ecSuccess);
	assert_int_equal(v->tag, PidTagBody);
	assert_string_equal(v->value.str, "plain text");
	assert_int_equal(open_stream(f, 2, 4, body8, 0x00), 10);
	size_t n;
	const uint8_t *d = read_stream(f, 4, 100, 0, &n);
	tu_assert_bytes(d, n, "plain text", 10);
	assert_int_equal(open_stream(f, 2, 5, PidTagBody, 0x00), 20);
}

/* 3.2.5.13 / <12>: a write that would take the stream beyond 2^31 bytes writes what fits and answers TooBig
 * with that WrittenSize (the store's streams are sparse, so reaching 2^31 costs nothing); a seek to exactly
 * 2^31 is allowed, one byte more StreamSeekError. */
static void test_write_too_big(void **state)
{
	struct fx *f = *state;
	create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	assert_int_equal(seek_stream(f, 3, 0x00, 0x7FFFFFFE), 0x7FFFFFFE);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"abcde", 5, 2), ecTooBig);
	assert_int_equal(stream_size(f, 3), 0x80000000u);
	assert_int_equal(seek_stream(f, 3, 0x01, 0), 0x80000000u);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"x", 1, 0), ecTooBig);
	size_t len;
	const uint8_t *r =
	        execute(f, &len, "a3 00 03 0100 78"); /* RopWriteStreamExtended: 4-byte WrittenSize */
	assert_int_equal(len, 10);
	assert_int_equal(u32_at(r + 2), ecTooBig);
	assert_int_equal(u32_at(r + 6), 0);
	assert_int_equal(seek_stream(f, 3, 0x02, 1), -(int64_t)0x80030019);
	assert_int_equal(seek_stream(f, 3, 0x00, 0x7FFFFFFE), 0x7FFFFFFE);
	size_t n;
	const uint8_t *d = read_stream(f, 3, 10, 0, &n);
	tu_assert_bytes(d, n, "ab", 2);
}

/* 3.2.5.20 across sessions: another session's stream on the same property may read but not write a region
 * under a LockFlags 0x00000001 lock, neither read nor write one under another lock, nor lock over it
 * (AccessDenied); once the owner has been idle for more than 30 s its locks expire: the other session locks
 * the region, and the owner's ROPs on it fail with NetworkError. */
static void test_locks_across_sessions(void **state)
{
	struct fx *f = *state;
	uint64_t mid = create_message(f, 2);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x02), 0);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"0123456789", 10, 10), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecSuccess);
	size_t len;
	assert_int_equal(u32_at(execute(f, &len, "0c 00 02 02 0a") + 2), ecSuccess); /* saved */
	const char *w0_5 =
	        talloc_asprintf(f->mem, "%s %s 01000000", le_hex(f->mem, 0, 8), le_hex(f->mem, 5, 8));
	const char *x5_5 =
	        talloc_asprintf(f->mem, "%s %s 00000000", le_hex(f->mem, 5, 8), le_hex(f->mem, 5, 8));
	assert_int_equal(simple_rop(f, 0x5b, "03 %s", w0_5), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5b, "03 %s", x5_5), ecSuccess);

	fx_other_session(f);
	fx_swap_session(f);
	const uint8_t *r = execute(f, &len, "03 00 01 02 ff0f %s 01 %s", le_hex(f->mem, f->inbox, 8),
	                           le_hex(f->mem, mid, 8)); /* RopOpenMessage ReadWrite */
	assert_int_equal(u32_at(r + 2), ecSuccess);
	assert_int_equal(open_stream(f, 2, 3, PidTagHtml, 0x01), 10);
	assert_int_equal(open_stream(f, 2, 4, PidTagBody, 0x02), 0); /* another property: not locked */
	assert_int_equal(write_stream(f, 4, (const uint8_t *)"a\0", 2, 2), ecSuccess);
	size_t n;
	const uint8_t *d = read_stream(f, 3, 5, 0, &n); /* [0, 5) under the write lock: readable */
	tu_assert_bytes(d, n, "01234", 5);
	r = execute(f, &len, "2c 00 03 0100"); /* [5, 6) under the exclusive lock */
	assert_int_equal(len, 8);
	assert_int_equal(u32_at(r + 2), ecStorageLockViolation);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"x", 1, 0), ecStorageLockViolation);
	assert_int_equal(simple_rop(f, 0x5d, "03"), ecStorageLockViolation); /* a commit writes it all */
	assert_int_equal(simple_rop(f, 0x2f, "03 %s", le_hex(f->mem, 8, 8)), ecStorageLockViolation);
	assert_int_equal(seek_stream(f, 3, 0x00, 12), 12);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"y", 1, 1), ecSuccess); /* beyond the locks */
	assert_int_equal(simple_rop(f, 0x5b, "03 %s", x5_5), ecAccessDenied);

	/* the owner idle for 31 s: its locks expire when met */
	f->other->last_activity -= 31;
	const char *w0_10 =
	        talloc_asprintf(f->mem, "%s %s 01000000", le_hex(f->mem, 0, 8), le_hex(f->mem, 10, 8));
	assert_int_equal(simple_rop(f, 0x5b, "03 %s", w0_10), ecSuccess);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"z", 1, 1), ecSuccess);
	fx_swap_session(f);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	r = execute(f, &len, "2c 00 03 0100");
	assert_int_equal(u32_at(r + 2), ecRpcFailed); /* NetworkError */
	assert_int_equal(seek_stream(f, 3, 0x00, 11), 11);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"!", 1, 1), ecSuccess); /* past every lock */
	/* unlocking its expired locks, the owner meets the other session's lock */
	assert_int_equal(simple_rop(f, 0x5c, "03 %s", w0_5), ecSuccess);
	assert_int_equal(simple_rop(f, 0x5c, "03 %s", x5_5), ecSuccess);
	assert_int_equal(seek_stream(f, 3, 0x00, 0), 0);
	d = read_stream(f, 3, 3, 0, &n);
	tu_assert_bytes(d, n, "012", 3);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"q", 1, 0), ecStorageLockViolation);
	/* the other session's release ends its locks */
	fx_swap_session(f);
	execute(f, &len, "01 00 03");
	fx_swap_session(f);
	assert_int_equal(write_stream(f, 3, (const uint8_t *)"q", 1, 1), ecSuccess);
}

/* ---- MS-OXCSTOR per-user information and RopGetStoreState (oxcstor.c), on the same fixture ---- */

/* MS-OXCSTOR 4.9 then 4.8: the spec's RopWritePerUserInformation (one block, HasFinished, ReplGuid) is
 * answered with success, and its RopReadPerUserInformation then returns the data written, byte for byte;
 * RopGetPerUserGuid gives the ReplGuid, RopGetPerUserLongTermIds the folder. */
static void test_per_user_spec_example(void **state)
{
	struct fx *f = *state;
	size_t n, len;
	uint8_t *w = tu_vector(f->mem, "MS-OXCSTOR-4.9-writeperuserinformation.hex", "request", &n);
	const uint8_t *r = execute(f, &len, "64 00 00 %s", hex_of(f->mem, w, n));
	tu_assert_bytes(r, len, (const uint8_t[]){0x64, 0, 0, 0, 0, 0}, 6);
	uint8_t *q = tu_vector(f->mem, "MS-OXCSTOR-4.8-readperuserinformation.hex", "request", &n);
	uint8_t *want = tu_vector(f->mem, "MS-OXCSTOR-4.8-readperuserinformation.hex", "response", &len);
	r = execute(f, &n, "63 00 00 %s", hex_of(f->mem, q, 31));
	assert_int_equal(n, 6 + len);
	assert_int_equal(r[0], 0x63);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	tu_assert_bytes(r + 6, n - 6, want, len);
	/* RopGetPerUserGuid (MS-OXCROPS 2.2.3.11) of that LongTermID: the ReplGuid of the write */
	r = execute(f, &n, "61 00 00 %s", hex_of(f->mem, w, 24));
	assert_int_equal(n, 22);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	tu_assert_bytes(r + 6, 16, w + 24 + 1 + 4 + 2 + 24, 16);
	/* RopGetPerUserLongTermIds (2.2.3.10) of that REPLGUID: the folder; of another: none */
	r = execute(f, &n, "60 00 00 %s", hex_of(f->mem, w + 55, 16));
	assert_int_equal(n, 8 + 24);
	assert_int_equal(r[6] | r[7] << 8, 1);
	tu_assert_bytes(r + 8, 24, w, 24);
	r = execute(f, &n, "60 00 00 %s", hex_of(f->mem, w + 7, 16));
	assert_int_equal(n, 8);
	assert_int_equal(r[6] | r[7] << 8, 0);
}

/* RopWritePerUserInformation in blocks (3.2.5.13.1): blocks gather until HasFinished; a DataOffset that
 * does not continue drops them and is ecError; a new DataOffset 0 starts over; data that is no IDSET with
 * REPLGUID is ecFmtError and changes nothing. RopReadPerUserInformation reads in MaxDataSize pieces. */
static void test_per_user_blocks(void **state)
{
	struct fx *f = *state;
	const char *ltid = "0102030405060708090a0b0c0d0e0f10 aabbccddeeff 0000";
	const char *guid = "d844ae73f9615d4fb3c69a7c31fec123";
	/* IDSET with REPLGUID: the REPLGUID, then a GLOBSET: Push 6 bytes (one GLOBCNT), End */
	const char *idset = "d844ae73f9615d4fb3c69a7c31fec123 06 000000782b33 00";
	size_t n;
	/* FolderId, HasFinished, DataOffset, DataSize, Data (, ReplGuid when DataOffset is 0) */
	const uint8_t *r = execute(f, &n, "64 00 00 %s 00 00000000 0a00 d844ae73f9615d4fb3c6 %s", ltid, guid);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &n, "64 00 00 %s 00 0b000000 0200 9a7c", ltid); /* offset 11, not 10 */
	assert_int_equal(u32_at(r + 2), ecError);
	r = execute(f, &n, "64 00 00 %s 00 0a000000 0200 9a7c", ltid); /* gone: ecError too */
	assert_int_equal(u32_at(r + 2), ecError);
	r = execute(f, &n, "64 00 00 %s 00 00000000 0a00 d844ae73f9615d4fb3c6 %s", ltid, guid);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	r = execute(f, &n, "64 00 00 %s 01 0a000000 0e00 9a7c31fec123 06000000782b3300", ltid);
	assert_int_equal(u32_at(r + 2), ecSuccess);
	/* read back in pieces of 10 bytes */
	r = execute(f, &n, "63 00 00 %s 00 00000000 0a00", ltid);
	assert_int_equal(n, 9 + 10);
	assert_int_equal(r[6], 0); /* HasFinished FALSE */
	assert_int_equal(r[7] | r[8] << 8, 10);
	uint8_t *all = tu_hex(f->mem, idset, &(size_t){0});
	tu_assert_bytes(r + 9, 10, all, 10);
	r = execute(f, &n, "63 00 00 %s 00 14000000 0a00", ltid);
	assert_int_equal(n, 9 + 4);
	assert_int_equal(r[6], 1);
	tu_assert_bytes(r + 9, 4, all + 20, 4);
	r = execute(f, &n, "63 00 00 %s 00 18000000 0000", ltid); /* at the end */
	assert_int_equal(n, 9);
	assert_int_equal(r[6], 1);
	r = execute(f, &n, "63 00 00 %s 00 19000000 0000", ltid); /* beyond */
	assert_failure(r, n, 0x63, ecError);
	/* malformed (a GLOBSET without End): ecFmtError, the row stays */
	r = execute(f, &n, "64 00 00 %s 01 00000000 1700 %s %s %s", ltid, guid, "06000000782b33", guid);
	assert_int_equal(u32_at(r + 2), ecFmtError);
	r = execute(f, &n, "63 00 00 %s 00 00000000 0000", ltid);
	assert_int_equal(r[7] | r[8] << 8, 24);
	/* another folder has no row: an empty BLOB */
	r = execute(f, &n, "63 00 00 %s 00 00000000 0000",
	            "11111111111111111111111111111111 222222222222 0000");
	tu_assert_bytes(r + 6, n - 6, (const uint8_t[]){1, 0, 0}, 3);
	/* not on a logon */
	r = execute(f, &n, "64 00 01 %s 01 00000000 0000 %s", ltid, guid);
	assert_int_equal(u32_at(r + 2), ecNullObject);
}

/* MS-OXCSTOR 3.2.5.5: RopGetStoreState is answered NotImplemented (0x80040FFF), as servers SHOULD. */
static void test_get_store_state(void **state)
{
	struct fx *f = *state;
	size_t n;
	const uint8_t *r = execute(f, &n, "7b 00 00");
	assert_failure(r, n, 0x7b, 0x80040FFF);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_spec_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_open_errors, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_write_read_seek, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_read_beyond_buffer, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_read_only, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_commit_semantics, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_copy_to_stream, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_lock_regions, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_attachment_stream, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_locks_across_sessions, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_save_with_open_streams, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_string8_stream, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_write_too_big, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_per_user_spec_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_per_user_blocks, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_get_store_state, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
