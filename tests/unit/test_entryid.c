/* src/mapi/mapi_entryid.c: folder, message, store, one-off and address book entry IDs (MS-OXCDATA 2.2.4,
 * 2.2.5). */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapi_entryid.h"

#include <string.h>

static int pull(void *mem, const uint8_t *b, size_t len, struct mapi_entryid *e)
{
	struct wc_reader r;
	wc_reader_init(&r, b, len);
	int ret = mapi_entryid_pull(&r, mem, e);
	if (ret == 0)
		assert_int_equal(wc_reader_left(&r), 0);
	else
		assert_int_equal(r.pos, 0);
	return ret;
}

/* Encodes e and asserts the bytes are want. */
static void assert_pushes(void *mem, const struct mapi_entryid *e, const uint8_t *want, size_t len)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	assert_int_equal(mapi_entryid_push(&w, e), 0);
	tu_assert_bytes(w.data, w.len, want, len);
}

/* Every proper prefix fails with WC_EFORMAT and leaves output and memory alone; one extra byte fails too. */
static void assert_truncations_fail(void *mem, const uint8_t *b, size_t len)
{
	uint8_t *longer = talloc_array(mem, uint8_t, len + 1);
	memcpy(longer, b, len);
	longer[len] = 0;
	size_t blocks = talloc_total_blocks(mem);
	struct mapi_entryid e, keep;
	memset(&e, 0x5A, sizeof e);
	keep = e;
	for (size_t n = 0; n < len; n++) {
		assert_int_equal(pull(mem, b, n, &e), WC_EFORMAT);
		assert_memory_equal(&e, &keep, sizeof e);
		assert_int_equal(talloc_total_blocks(mem), blocks);
	}
	assert_int_equal(pull(mem, longer, len + 1, &e), WC_EFORMAT);
	assert_int_equal(talloc_total_blocks(mem), blocks);
	talloc_free(longer);
}

/* MS-OXCDATA 2.2.4.1, built from the MS-OXCSTOR 4.1 logon values. */
static void test_folder_entryid(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCDATA-2.2.4.1-folder-entryid.hex", NULL, &len);
	assert_int_equal(len, MAPI_FOLDER_ENTRYID_SIZE);
	struct mapi_entryid e;
	assert_int_equal(pull(*state, b, len, &e), 0);
	assert_int_equal(e.kind, MAPI_ENTRYID_FOLDER);
	assert_int_equal(e.flags, 0);
	struct wc_guid mailbox = tu_guid("{A591F8F7-341C-4116-8C48-9DB01A86F50B}");
	struct wc_guid repl = tu_guid("{64D4774D-4983-4F70-9B8B-46E635BB78AB}");
	assert_true(wc_guid_equal(&e.folder.provider_uid, &mailbox));
	assert_int_equal(e.folder.folder_type, MAPI_EIT_LT_PRIVATE_FOLDER);
	assert_true(wc_guid_equal(&e.folder.folder.database_guid, &repl));
	assert_true(e.folder.folder.globcnt == 0x78271A);
	assert_pushes(*state, &e, b, len);
	assert_truncations_fail(*state, b, len);

	b[44] = 1; /* Pad must be zero */
	assert_int_equal(pull(*state, b, len, &e), WC_EFORMAT);
	b[44] = 0;
	b[20] = 0x0C; /* PublicNewsgroupFolder has another layout */
	assert_int_equal(pull(*state, b, len, &e), WC_EUNSUPPORTED);
	b[20] = 0x02; /* not a Store object type */
	assert_int_equal(pull(*state, b, len, &e), WC_EUNSUPPORTED);
	b[20] = 0x07; /* a message type at folder size */
	assert_int_equal(pull(*state, b, len, &e), WC_EFORMAT);
}

static void test_message_entryid(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCDATA-2.2.4.2-message-entryid.hex", NULL, &len);
	assert_int_equal(len, MAPI_MESSAGE_ENTRYID_SIZE);
	struct mapi_entryid e;
	assert_int_equal(pull(*state, b, len, &e), 0);
	assert_int_equal(e.kind, MAPI_ENTRYID_MESSAGE);
	uint8_t uid[16];
	mapi_guid_to_bytes(&e.message.provider_uid, uid);
	assert_memory_equal(uid, mapi_provider_uid_public_folders, 16);
	assert_int_equal(e.message.message_type, MAPI_EIT_LT_PUBLIC_MESSAGE);
	struct wc_guid fdb = tu_guid("{BFCA5B70-F91E-4198-897D-479E0945FD2F}");
	struct wc_guid mdb = tu_guid("{74FEDA95-F7E0-4C4C-81EF-83BA850BE8E4}");
	assert_true(wc_guid_equal(&e.message.folder.database_guid, &fdb));
	assert_true(e.message.folder.globcnt == 6);
	assert_true(wc_guid_equal(&e.message.message.database_guid, &mdb));
	assert_true(e.message.message.globcnt == 0x0A0B0C);
	assert_pushes(*state, &e, b, len);
	assert_truncations_fail(*state, b, len);
	b[69] = 1; /* the second Pad */
	assert_int_equal(pull(*state, b, len, &e), WC_EFORMAT);
	b[69] = 0;
	b[45] = 1; /* the first Pad */
	assert_int_equal(pull(*state, b, len, &e), WC_EFORMAT);
}

/* MS-OXORULE 4.1.1: the StoreEID of the OP_MOVE action. */
static void test_store_entryid_rule_example(void **state)
{
	size_t len;
	uint8_t *rop = tu_vector(*state, "MS-OXORULE-4.1.1-RopModifyRules-request.hex", NULL, &len);
	uint8_t *b = rop + 0x6A;
	size_t n = 0xAD;
	struct mapi_entryid e;
	/* As printed, the WrappedProvider UID (0xCB at 0x99) is not the mailbox value of MS-OXCDATA 2.2.4.3.
	 */
	assert_int_equal(rop[0x99], 0xCB);
	assert_int_equal(pull(*state, b, n, &e), WC_EFORMAT);
	rop[0x99] = 0xCD; /* with the one byte corrected, it is a mailbox store entry ID */
	assert_int_equal(pull(*state, b, n, &e), 0);
	assert_int_equal(e.kind, MAPI_ENTRYID_STORE);
	assert_false(e.store.public_store);
	assert_int_equal(e.store.wrapped_type, MAPI_STORE_WRAPPED_TYPE_MAILBOX);
	assert_string_equal(e.store.server_short_name, "OLEXDOG12");
	assert_string_equal(e.store.mailbox_dn, "/o=FirstOrganization/ou=Exchange Administrative Group "
	                                        "(FYDIBOHF23SPDLT)/cn=Recipients/cn=terrymahD12-1");
	assert_ptr_equal(talloc_parent(e.store.mailbox_dn), *state);
	assert_pushes(*state, &e, b, n);
	assert_truncations_fail(*state, b, n);

	static const struct {
		size_t at;
		uint8_t v;
	} bad[] = {
	        {20, 1},   /* Version */
	        {21, 1},   /* Flag */
	        {22, 'e'}, /* DLLFileName */
	        {35, 1},   /* DLLFileName padding */
	        {36, 1},   /* WrappedFlags */
	        {40, 0x1A} /* WrappedProvider UID: the public folders object UID is not a store UID */
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		uint8_t old = b[bad[i].at];
		b[bad[i].at] = bad[i].v;
		assert_int_equal(pull(*state, b, n, &e), WC_EFORMAT);
		b[bad[i].at] = old;
	}
}

static void test_store_entryid_public(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCDATA-2.2.4.3-store-entryid-public.hex", NULL, &len);
	struct mapi_entryid e;
	assert_int_equal(pull(*state, b, len, &e), 0);
	assert_int_equal(e.kind, MAPI_ENTRYID_STORE);
	assert_true(e.store.public_store);
	assert_int_equal(e.store.wrapped_type, MAPI_STORE_WRAPPED_TYPE_PUBLIC);
	assert_string_equal(e.store.server_short_name, "EXCH01");
	assert_null(e.store.mailbox_dn);
	assert_pushes(*state, &e, b, len);
	assert_truncations_fail(*state, b, len);

	/* building one from scratch: a mailbox store needs its DN */
	struct mapi_entryid m = {.kind = MAPI_ENTRYID_STORE};
	m.store.wrapped_type = MAPI_STORE_WRAPPED_TYPE_MAILBOX;
	m.store.server_short_name = "EXCH01";
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &m), WC_EINVAL);
	m.store.mailbox_dn = "/o=Org/cn=u";
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &m), 0);
	assert_int_equal(w.len, len + strlen("/o=Org/cn=u") + 1);
	assert_memory_equal(w.data + 40, mapi_provider_uid_mailbox_store, 16);
	assert_int_equal(pull(*state, w.data, w.len, &e), 0);
	assert_string_equal(e.store.mailbox_dn, "/o=Org/cn=u");
}

/* MS-OXCPERM 4.1 (request) and 4.2 (response): the PermanentEntryID of user8. */
static void test_ab_entryid_examples(void **state)
{
	size_t len;
	uint8_t *rop = tu_vector(*state, "MS-OXCPERM-4.1-RopModifyPermissions-request.hex", NULL, &len);
	assert_int_equal(rop[0x0D] | rop[0x0E] << 8, 0x7C);
	struct mapi_entryid e;
	assert_int_equal(pull(*state, rop + 0x0F, 0x7C, &e), 0);
	assert_int_equal(e.kind, MAPI_ENTRYID_ADDRESS_BOOK);
	assert_int_equal(e.flags, 0);
	assert_int_equal(e.ab.type, MAPI_AB_DT_MAILUSER);
	assert_string_equal(e.ab.x500_dn, "/o=First Organization/ou=Exchange Administrative Group "
	                                  "(FYDIBOHF23SPDLT)/cn=Recipients/cn=user8");
	assert_pushes(*state, &e, rop + 0x0F, 0x7C);
	assert_truncations_fail(*state, rop + 0x0F, 0x7C);

	uint8_t *rsp = tu_vector(*state, "MS-OXCPERM-4.2-RopQueryRows-response.hex", NULL, &len);
	assert_int_equal(rsp[0x33] | rsp[0x34] << 8, 0x7C);
	assert_int_equal(pull(*state, rsp + 0x35, 0x7C, &e), 0);
	assert_string_equal(e.ab.x500_dn, "/O=FIRST ORGANIZATION/OU=EXCHANGE ADMINISTRATIVE GROUP "
	                                  "(FYDIBOHF23SPDLT)/CN=RECIPIENTS/CN=USER8");
	assert_pushes(*state, &e, rsp + 0x35, 0x7C);

	uint8_t *b = rop + 0x0F;
	b[20] = 2; /* Version must be 1 */
	assert_int_equal(pull(*state, b, 0x7C, &e), WC_EFORMAT);
	b[20] = 1;
	static const uint32_t types[] = {1, 2, 3, 4, 5, 6, 0x100, 0x101, 0x102, 0x200};
	for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
		b[24] = (uint8_t)types[i];
		b[25] = (uint8_t)(types[i] >> 8);
		assert_int_equal(pull(*state, b, 0x7C, &e), 0);
		assert_int_equal(e.ab.type, types[i]);
	}
	static const uint32_t bad[] = {7, 0xFF, 0x103, 0x201, 0x10000};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		b[24] = (uint8_t)bad[i];
		b[25] = (uint8_t)(bad[i] >> 8);
		b[26] = (uint8_t)(bad[i] >> 16);
		assert_int_equal(pull(*state, b, 0x7C, &e), WC_EFORMAT);
		b[26] = 0;
	}
	/* the encoder refuses what the decoder would refuse */
	struct mapi_entryid x = {.kind = MAPI_ENTRYID_ADDRESS_BOOK};
	x.ab.type = 7;
	x.ab.x500_dn = "/o=x";
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &x), WC_EINVAL);
	x.ab.type = 0;
	x.ab.x500_dn = NULL;
	assert_int_equal(mapi_entryid_push(&w, &x), WC_EINVAL);
}

/* A short-term entry ID keeps its Flags. */
static void test_flags_kept(void **state)
{
	size_t len;
	uint8_t *rop = tu_vector(*state, "MS-OXCPERM-4.1-RopModifyPermissions-request.hex", NULL, &len);
	uint8_t *b = rop + 0x0F;
	b[0] = 0x87;
	struct mapi_entryid e;
	assert_int_equal(pull(*state, b, 0x7C, &e), 0);
	assert_int_equal(e.flags, 0x87);
	assert_pushes(*state, &e, b, 0x7C);
}

static void test_one_off_unicode(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCDATA-2.2.5.1-one-off-entryid.hex", "unicode", &len);
	struct mapi_entryid e;
	assert_int_equal(pull(*state, b, len, &e), 0);
	assert_int_equal(e.kind, MAPI_ENTRYID_ONE_OFF);
	assert_int_equal(e.one_off.flags, MAPI_ONE_OFF_UNICODE | MAPI_ONE_OFF_NO_RICH_INFO);
	assert_string_equal(e.one_off.display_name, "Zo\xC3\xAB");
	assert_string_equal(e.one_off.address_type, "SMTP");
	assert_string_equal(e.one_off.email_address, "zoe@example.com");
	assert_pushes(*state, &e, b, len);
	assert_truncations_fail(*state, b, len);

	b[20] = 1; /* Version must be 0 */
	assert_int_equal(pull(*state, b, len, &e), WC_EFORMAT);
	b[20] = 0;
	b[24] = 0x00; /* a lone high surrogate in DisplayName: 'Z' -> U+D800 */
	b[25] = 0xD8;
	assert_int_equal(pull(*state, b, len, &e), WC_EFORMAT);
}

static void test_one_off_mbcs(void **state)
{
	size_t len;
	uint8_t *b = tu_vector(*state, "MS-OXCDATA-2.2.5.1-one-off-entryid.hex", "mbcs", &len);
	struct mapi_entryid e;
	assert_int_equal(pull(*state, b, len, &e), 0);
	assert_int_equal(e.one_off.flags & MAPI_ONE_OFF_FORMAT_MASK, MAPI_ONE_OFF_FORMAT_TEXT_ONLY);
	assert_int_equal(e.one_off.flags & MAPI_ONE_OFF_UNICODE, 0);
	assert_string_equal(e.one_off.display_name, "Bob");
	assert_string_equal(e.one_off.address_type, "SMTP");
	assert_string_equal(e.one_off.email_address, "bob@example.org");
	assert_pushes(*state, &e, b, len);
	assert_truncations_fail(*state, b, len);

	/* 8-bit strings are kept as bytes: a code-page byte survives the round trip */
	b[24] = 0xE9;
	assert_int_equal(pull(*state, b, len, &e), 0);
	assert_int_equal((uint8_t)e.one_off.display_name[0], 0xE9);
	assert_pushes(*state, &e, b, len);
}

static void test_one_off_build(void **state)
{
	struct mapi_entryid e = {.kind = MAPI_ENTRYID_ONE_OFF};
	e.one_off.flags = MAPI_ONE_OFF_UNICODE | MAPI_ONE_OFF_NO_LOOKUP | MAPI_ONE_OFF_MAE_APPLEDOUBLE;
	e.one_off.display_name = "";
	e.one_off.address_type = "EX";
	e.one_off.email_address = "/o=Org";
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &e), 0);
	/* Version 00 00, then the word 0x9060 little-endian, then an empty UTF-16 name */
	static const uint8_t head[] = {0x00, 0x00, 0x60, 0x90, 0x00, 0x00, 'E', 0, 'X', 0, 0, 0};
	assert_int_equal(w.len, 20 + sizeof head + 14);
	assert_memory_equal(w.data + 20, head, sizeof head);
	struct mapi_entryid d;
	assert_int_equal(pull(*state, w.data, w.len, &d), 0);
	assert_string_equal(d.one_off.display_name, "");
	assert_string_equal(d.one_off.email_address, "/o=Org");

	e.one_off.email_address = "\xFF"; /* not UTF-8: cannot be written as UTF-16 */
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &e), WC_EINVAL);
	e.one_off.email_address = NULL;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &e), WC_EINVAL);
}

static void test_unknown_provider_and_kinds(void **state)
{
	uint8_t b[46];
	struct mapi_entryid e;
	memset(b, 0, sizeof b);
	/* a well-formed header of some other provider */
	for (size_t i = 4; i < 20; i++)
		b[i] = (uint8_t)(0x30 + i);
	b[20] = 0x42;
	assert_int_equal(pull(*state, b, 21, &e), WC_EFORMAT); /* no room for an object type */
	assert_int_equal(pull(*state, b, 22, &e), WC_EUNSUPPORTED);
	assert_int_equal(pull(*state, b, 46, &e), WC_EUNSUPPORTED);
	assert_int_equal(pull(*state, b, 20, &e), WC_EFORMAT);
	/* Contact Address EntryID (2.2.5.3) provider: not decoded */
	static const uint8_t contab[16] = {0xFE, 0x42, 0xAA, 0x0A, 0x18, 0xC7, 0x1A, 0x10,
	                                   0xE8, 0x85, 0x0B, 0x65, 0x1C, 0x24, 0x00, 0x00};
	memcpy(b + 4, contab, 16);
	b[20] = 3; /* Version 3 reads like eitLTPublicFolder */
	assert_int_equal(pull(*state, b, 46, &e), WC_EUNSUPPORTED);
	/* MS-OXOCNTC WrappedEntryId provider: not decoded either */
	static const uint8_t wrapped[16] = {0xC0, 0x91, 0xAD, 0xD3, 0x51, 0x9D, 0xCF, 0x11,
	                                    0xA4, 0xA9, 0x00, 0xAA, 0x00, 0x47, 0xFA, 0xA4};
	memcpy(b + 4, wrapped, 16);
	b[20] = 0x01;
	assert_int_equal(pull(*state, b, 46, &e), WC_EUNSUPPORTED);

	struct wc_writer w;
	struct mapi_entryid bad = {.kind = (enum mapi_entryid_kind)0};
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_entryid_push(&w, &bad), WC_EINVAL);
	bad.kind = MAPI_ENTRYID_FOLDER;
	bad.folder.folder_type = MAPI_EIT_LT_PRIVATE_MESSAGE;
	assert_int_equal(mapi_entryid_push(&w, &bad), WC_EINVAL);
	bad.kind = MAPI_ENTRYID_MESSAGE;
	bad.message.message_type = MAPI_EIT_LT_PUBLIC_FOLDER;
	assert_int_equal(mapi_entryid_push(&w, &bad), WC_EINVAL);
	bad.message.message_type = MAPI_EIT_LT_WACKY_MESSAGE;
	bad.message.message.globcnt = MAPI_GLOBCNT_MAX + 1;
	assert_int_equal(mapi_entryid_push(&w, &bad), WC_ERANGE);

	assert_string_equal(mapi_entryid_kind_name(MAPI_ENTRYID_ONE_OFF), "one-off");
	assert_string_equal(mapi_entryid_kind_name(MAPI_ENTRYID_ADDRESS_BOOK), "address book");
	assert_string_equal(mapi_entryid_kind_name((enum mapi_entryid_kind)99), "unknown");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        TU_TEST(test_folder_entryid),
	        TU_TEST(test_message_entryid),
	        TU_TEST(test_store_entryid_rule_example),
	        TU_TEST(test_store_entryid_public),
	        TU_TEST(test_ab_entryid_examples),
	        TU_TEST(test_flags_kept),
	        TU_TEST(test_one_off_unicode),
	        TU_TEST(test_one_off_mbcs),
	        TU_TEST(test_one_off_build),
	        TU_TEST(test_unknown_provider_and_kinds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
