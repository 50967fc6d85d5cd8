/* mapitest NOSERVER: the data codecs against the specs' example bytes and structures hand-built from their
 * field tables (tests/vectors): entry IDs (MS-OXCDATA 2.2.4, 2.2.5), IDSET / GLOBSET / PredecessorChangeList
 * (MS-OXCFXICS 2.2.2), Plain LZ77 (MS-XCA), RPC_HEADER_EXT chains with compression and obfuscation
 * (MS-OXCRPC 2.2.2.1, 3.1.4.1.1), MAPI/HTTP bodies and framing (MS-OXCMAPIHTTP 2.2.4, 2.2.5, 4), property
 * values and names (MS-OXCDATA 2.6, 2.11), sort orders (2.13), notifications (MS-OXCNOTIF 4), ROP buffers
 * (MS-OXCROPS 2.2.1, 4.4) and the RopId table (MS-OXCROPS 2.2.2). Decoded values are compared with the
 * values the spec states; where the codec also encodes, the bytes must come back unchanged. */
#include "mapitest.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/wc_error.h"
#include "mapi/mapi_entryid.h"
#include "mapi/mapi_ids.h"
#include "mapi/mapi_idset.h"
#include "mapi/mapi_lz77.h"
#include "mapi/mapi_restriction.h"
#include "mapi/mapi_rpc_ext.h"
#include "mapi/mapihttp.h"
#include "mapi/mapihttp_framing.h"
#include "mapi/rop.h"

static void eq_guid(struct mt *t, const char *what, const struct wc_guid *g, const char *want)
{
	char s[39];
	wc_guid_to_string(g, s);
	mt_eq_str(t, what, s, want);
}

#define MAILBOX_GUID_4_1 "{A591F8F7-341C-4116-8C48-9DB01A86F50B}" /* MS-OXCSTOR 4.1 MailboxGuid */
#define REPL_GUID_4_1 "{64D4774D-4983-4F70-9B8B-46E635BB78AB}"    /* MS-OXCSTOR 4.1 ReplGuid */

/* ---- entry IDs (MS-OXCDATA 2.2.4, 2.2.5) ---- */

struct entryid_case {
	const char *file, *blob;
	enum mapi_entryid_kind kind;
	void (*check)(struct mt *t, const struct mapi_entryid *e);
};

static void check_folder_eid(struct mt *t, const struct mapi_entryid *e)
{
	eq_guid(t, "ProviderUID", &e->folder.provider_uid, MAILBOX_GUID_4_1);
	mt_eq(t, "FolderType", e->folder.folder_type, MAPI_EIT_LT_PRIVATE_FOLDER);
	eq_guid(t, "DatabaseGuid", &e->folder.folder.database_guid, REPL_GUID_4_1);
	mt_eq(t, "GlobalCounter", e->folder.folder.globcnt, 0x78271A);
}

static void check_message_eid(struct mt *t, const struct mapi_entryid *e)
{
	mt_eq_bytes(t, "ProviderUID", &e->message.provider_uid, 16, mapi_provider_uid_public_folders, 16);
	mt_eq(t, "MessageType", e->message.message_type, MAPI_EIT_LT_PUBLIC_MESSAGE);
	mt_eq(t, "FolderGlobalCounter", e->message.folder.globcnt, 6);
	mt_eq(t, "MessageGlobalCounter", e->message.message.globcnt, 0x0A0B0C);
}

static void check_store_eid(struct mt *t, const struct mapi_entryid *e)
{
	mt_true(t, e->store.public_store, "WrappedProvider UID: expected the public store, got a mailbox");
	mt_eq(t, "WrappedType", e->store.wrapped_type, MAPI_STORE_WRAPPED_TYPE_PUBLIC);
	mt_eq_str(t, "ServerShortname", e->store.server_short_name, "EXCH01");
	mt_true(t, e->store.mailbox_dn == NULL, "MailboxDN: expected none for a public store");
}

static void check_one_off_unicode(struct mt *t, const struct mapi_entryid *e)
{
	mt_eq(t, "flags", e->one_off.flags, MAPI_ONE_OFF_UNICODE | MAPI_ONE_OFF_NO_RICH_INFO);
	mt_eq_str(t, "DisplayName", e->one_off.display_name, "Zo\xC3\xAB");
	mt_eq_str(t, "AddressType", e->one_off.address_type, "SMTP");
	mt_eq_str(t, "EmailAddress", e->one_off.email_address, "zoe@example.com");
}

static void check_one_off_mbcs(struct mt *t, const struct mapi_entryid *e)
{
	mt_eq(t, "flags", e->one_off.flags, MAPI_ONE_OFF_FORMAT_TEXT_ONLY);
	mt_eq_str(t, "DisplayName", e->one_off.display_name, "Bob");
	mt_eq_str(t, "EmailAddress", e->one_off.email_address, "bob@example.org");
}

static void run_entryid(struct mt *t)
{
	const struct entryid_case *c = t->test->arg;
	size_t n;
	uint8_t *b = mt_vector(t, c->file, c->blob, &n);
	struct wc_reader r;
	struct mapi_entryid e;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_entryid_pull(&r, t->mem, &e), 0);
	mt_eq(t, "entry ID kind", e.kind, c->kind);
	mt_eq(t, "Flags (long-term)", e.flags, 0);
	c->check(t, &e);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_entryid_push(&w, &e), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
}

static const struct entryid_case eid_folder = {"MS-OXCDATA-2.2.4.1-folder-entryid.hex", NULL,
                                               MAPI_ENTRYID_FOLDER, check_folder_eid};
static const struct entryid_case eid_message = {"MS-OXCDATA-2.2.4.2-message-entryid.hex", NULL,
                                                MAPI_ENTRYID_MESSAGE, check_message_eid};
static const struct entryid_case eid_store = {"MS-OXCDATA-2.2.4.3-store-entryid-public.hex", NULL,
                                              MAPI_ENTRYID_STORE, check_store_eid};
static const struct entryid_case eid_one_off_unicode = {"MS-OXCDATA-2.2.5.1-one-off-entryid.hex", "unicode",
                                                        MAPI_ENTRYID_ONE_OFF, check_one_off_unicode};
static const struct entryid_case eid_one_off_mbcs = {"MS-OXCDATA-2.2.5.1-one-off-entryid.hex", "mbcs",
                                                     MAPI_ENTRYID_ONE_OFF, check_one_off_mbcs};

/* ---- GLOBSET, IDSET, PredecessorChangeList (MS-OXCFXICS 2.2.2) ---- */

struct globset_case {
	const char *file, *blob;
	uint64_t count;         /* GLOBCNTs in the set */
	uint64_t in[3], out[2]; /* values that must be in it and values that must not */
	bool reencodes;         /* the example is already in the compact form of 3.1.5.4.3.1 */
};

static void run_globset(struct mt *t)
{
	const struct globset_case *c = t->test->arg;
	size_t n;
	uint8_t *b = mt_vector(t, c->file, c->blob, &n);
	struct wc_reader r;
	struct mapi_globset s = {0};
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_globset_pull(&r, t->mem, &s), 0);
	mt_eq(t, "bytes after End", wc_reader_left(&r), 0);
	mt_eq(t, "GLOBCNT count", mapi_globset_count(&s), c->count);
	for (int i = 0; i < 3 && c->in[i] != 0; i++)
		mt_true(t, mapi_globset_contains(&s, c->in[i]), "expected 0x%llX in the set, it is not",
		        (unsigned long long)c->in[i]);
	for (int i = 0; i < 2 && c->out[i] != 0; i++)
		mt_true(t, !mapi_globset_contains(&s, c->out[i]), "expected 0x%llX not in the set, it is",
		        (unsigned long long)c->out[i]);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_globset_push(&w, &s), 0);
	if (c->reencodes)
		mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
	struct mapi_globset back = {0};
	wc_reader_init(&r, w.data, w.len);
	mt_eq_wc(t, "decoding what was encoded", mapi_globset_pull(&r, t->mem, &back), 0);
	mt_true(t, mapi_globset_equal(&s, &back), "the encoded set decodes to another set");
}

static const struct globset_case gs_singleton = {
        "MS-OXCFXICS-2.2.2.6-globset.hex", "singleton", 1, {0x12}, {0x11, 0x13}, true};
static const struct globset_case gs_range = {"MS-OXCFXICS-2.2.2.6-globset.hex",
                                             "range_no_push",
                                             0x010000000000ULL,
                                             {1, 0x010000000000ULL},
                                             {0x010000000001ULL},
                                             false};
static const struct globset_case gs_nested = {"MS-OXCFXICS-2.2.2.6-globset.hex",
                                              "nested",
                                              13 + 3 + 17 + 1,
                                              {0x78271A, 0x783008, 0x20000},
                                              {0x783002, 0x1000011},
                                              false};
static const struct globset_case gs_bitmask = {
        "MS-OXCFXICS-3.1.5.4.3.1.3-bitmask.hex", NULL, 7, {1, 5, 9}, {4, 6}, true};

static void test_idset_replid(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCFXICS-2.2.2.4-idset.hex", "replid_logon_fids", &n);
	struct wc_reader r;
	struct mapi_idset *s;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_idset_pull(&r, t->mem, false, &s), 0);
	mt_eq(t, "REPLID entries", s->count, 1);
	mt_eq(t, "REPLID", s->entries[0].replid, 1);
	mt_eq(t, "IDs (the 13 Folder IDs of MS-OXCSTOR 4.1)", mapi_idset_count(s), 13);
	mt_true(t, mapi_idset_contains_id(s, 0x1A27780000000001ULL), "Mailbox Root FID not in the IDSET");
	mt_true(t, mapi_idset_contains_id(s, 0x2627780000000001ULL), "Shortcuts FID not in the IDSET");
	mt_true(t, !mapi_idset_contains_id(s, 0x2727780000000001ULL), "FID 0x782727 in the IDSET");
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_idset_push(&w, s), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
}

static void test_idset_replguid(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCFXICS-2.2.2.4-idset.hex", "replguid_two", &n);
	struct wc_reader r;
	struct mapi_idset *s;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_idset_pull(&r, t->mem, true, &s), 0);
	mt_eq(t, "REPLGUID entries", s->count, 2);
	eq_guid(t, "first REPLGUID (byte order)", &s->entries[0].replguid, REPL_GUID_4_1);
	mt_eq(t, "first GLOBSET count", mapi_globset_count(&s->entries[0].set), 1000);
	mt_eq(t, "second GLOBSET count", mapi_globset_count(&s->entries[1].set), 1);
	mt_true(t, mapi_globset_contains(&s->entries[1].set, 0x12), "0x12 not in the second GLOBSET");
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_idset_push(&w, s), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
}

static void test_pcl(struct mt *t)
{
	size_t n, n2;
	uint8_t *b = mt_vector(t, "MS-OXCFXICS-2.2.2.3-predecessor-change-list.hex", "sorted", &n);
	uint8_t *b2 = mt_vector(t, "MS-OXCFXICS-2.2.2.3-predecessor-change-list.hex", "unsorted_dup", &n2);
	struct wc_reader r;
	struct mapi_pcl *pcl, *pcl2;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding the sorted list", mapi_pcl_pull(&r, t->mem, &pcl), 0);
	mt_eq(t, "XIDs", pcl->count, 3);
	mt_eq(t, "third XID LocalId size", pcl->xids[2].local_id_len, 4);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_pcl_push(&w, pcl), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
	/* 2.2.2.3: one XID per namespace (the greater), sorted by NamespaceGuid */
	wc_reader_init(&r, b2, n2);
	mt_eq_wc(t, "decoding the unsorted list", mapi_pcl_pull(&r, t->mem, &pcl2), 0);
	mt_eq(t, "XIDs after merging the repeated namespace", pcl2->count, 3);
	eq_guid(t, "first namespace", &pcl2->xids[0].namespace_guid, REPL_GUID_4_1);
	mt_eq(t, "705BCABF... LocalId (the greater)", pcl2->xids[1].local_id[5], 0x09);
}

/* ---- Plain LZ77 (MS-XCA 2.3, 2.4, 3.1) ---- */

struct lz77_case {
	const char *file;
	const char *repeat; /* no @plain blob: the plain text is this string repeated ... */
	size_t repeat_len;  /* ... up to this length */
	bool compress_same; /* our encoder must give the example's bytes (a unique encoding) */
};

static void run_lz77(struct mt *t)
{
	const struct lz77_case *c = t->test->arg;
	size_t clen, plen;
	uint8_t *comp = mt_vector(t, c->file, "compressed", &clen);
	uint8_t *plain;
	if (c->repeat != NULL) {
		plen = c->repeat_len;
		plain = talloc_array(t->mem, uint8_t, plen);
		for (size_t i = 0; i < plen; i++)
			plain[i] = (uint8_t)c->repeat[i % strlen(c->repeat)];
	} else {
		plain = mt_vector(t, c->file, "plain", &plen);
	}
	uint8_t *out = talloc_array(t->mem, uint8_t, plen + 1);
	mt_eq_wc(t, "decompressing", mapi_lz77_decompress(comp, clen, out, plen), 0);
	mt_eq_bytes(t, "decompressed", out, plen, plain, plen);
	mt_eq_wc(t, "decompressing to one byte more", mapi_lz77_decompress(comp, clen, out, plen + 1),
	         WC_ECORRUPT);
	size_t cap = MAPI_LZ77_BOUND(plen), got;
	uint8_t *re = talloc_array(t->mem, uint8_t, cap);
	mt_eq_wc(t, "compressing", mapi_lz77_compress(t->mem, plain, plen, re, cap, &got), 0);
	if (c->compress_same)
		mt_eq_bytes(t, "compressed", re, got, comp, clen);
	mt_eq_wc(t, "decompressing our encoding", mapi_lz77_decompress(re, got, out, plen), 0);
	mt_eq_bytes(t, "round trip", out, plen, plain, plen);
}

static const struct lz77_case lz_alphabet = {"MS-XCA-3.1-plain-lz77-alphabet.hex", NULL, 0, true};
static const struct lz77_case lz_abc = {"MS-XCA-3.1-plain-lz77-abc300.hex", "abc", 300, false};
static const struct lz77_case lz_run = {"MS-XCA-2.4-independent-run70000.hex", "x", 70000, false};
static const struct lz77_case lz_far = {"MS-XCA-2.4-independent-far.hex", NULL, 0, false};
static const struct lz77_case lz_rows = {"MS-XCA-2.4-independent-rows.hex", NULL, 0, false};
static const struct lz77_case lz_text = {"MS-XCA-2.4-independent-text.hex", NULL, 0, false};

/* ---- RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1, 3.1.4.1.1, 4.x) ---- */

struct rpc_header_case {
	const char *file, *blob;
	uint16_t flags, size;
};

static void run_rpc_header(struct mt *t)
{
	const struct rpc_header_case *c = t->test->arg;
	size_t n;
	uint8_t *b = mt_vector(t, c->file, c->blob, &n);
	struct wc_reader r;
	struct mapi_rpc_header_ext h;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_rpc_header_ext_pull(&r, &h), 0);
	mt_eq(t, "Version", h.version, 0);
	mt_eq(t, "Flags", h.flags, c->flags);
	mt_eq(t, "Size", h.size, c->size);
	mt_eq(t, "SizeActual", h.size_actual, c->size);
	/* the payload starts with RopSize, which counts itself and the ROPs but not the 16-byte handle table
	 * of the example (4.2, 4.3) */
	uint16_t rop_size;
	mt_true(t, wc_read_u16(&r, &rop_size), "no RopSize after the header");
	mt_eq(t, "RopSize + handle table", rop_size + 16u, c->size);
}

static const struct rpc_header_case rh_rgbin = {"MS-OXCRPC-4.2-rgbin-header.hex", "rgbin", MAPI_RPC_EXT_LAST,
                                                0x152};
static const struct rpc_header_case rh_rgbout = {"MS-OXCRPC-4.2-rgbin-header.hex", "rgbout",
                                                 MAPI_RPC_EXT_LAST, 0x52};
static const struct rpc_header_case rh_first = {"MS-OXCRPC-4.3-rgbout-packed.hex", "first", 0, 0x7FFE};
static const struct rpc_header_case rh_second = {"MS-OXCRPC-4.3-rgbout-packed.hex", "second",
                                                 MAPI_RPC_EXT_LAST, 0x2008};

static const uint8_t exorginfo[] = {0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00};

static void test_rgbauxout(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCRPC-4.1-rgbauxout-exorginfo.hex", NULL, &n);
	struct mapi_rpc_ext_chain *chain;
	mt_eq_wc(t, "decoding", mapi_rpc_ext_pull(t->mem, b, n, MAPI_RPC_EXT_MAX_AUX_BUFFER, &chain), 0);
	mt_eq(t, "payloads", chain->count, 1);
	mt_eq(t, "payload flags", chain->payloads[0].flags, MAPI_RPC_EXT_LAST);
	mt_eq_bytes(t, "AUX_HEADER + AUX_EXORGINFO", chain->data, chain->len, exorginfo, sizeof exorginfo);
	struct mapi_rpc_ext_payload p = {0, exorginfo, sizeof exorginfo};
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_rpc_ext_push(&w, &p, 1), 0);
	mt_eq_bytes(t, "encoded", w.data, w.len, b, n);
}

/* 3.1.4.1.1.3: XorMagic payload bytes are XORed with 0xA5; hand-built from the 4.1 rgbAuxOut payload. */
static void test_xor_magic(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_hex(t, "0000 0600 0800 0800  AD A5 A4 B2 A4 A5 A5 A5", &n);
	struct mapi_rpc_ext_chain *chain;
	mt_eq_wc(t, "decoding", mapi_rpc_ext_pull(t->mem, b, n, MAPI_RPC_EXT_MAX_BUFFER, &chain), 0);
	mt_eq_bytes(t, "de-obfuscated payload", chain->data, chain->len, exorginfo, sizeof exorginfo);
	struct mapi_rpc_ext_payload p = {MAPI_RPC_EXT_XOR_MAGIC, exorginfo, sizeof exorginfo};
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_rpc_ext_push(&w, &p, 1), 0);
	mt_eq_bytes(t, "obfuscated chunk", w.data, w.len, b, n);
}

/* 3.1.4.1.1.2: a Compressed chunk's payload is Plain LZ77 of SizeActual bytes; the MS-XCA 3.1 example
 * 2 stream (13 bytes for 300) in a chunk built from the 2.2.2.1 field table. */
static void test_compressed_chunk(struct mt *t)
{
	size_t clen, hn;
	uint8_t *comp = mt_vector(t, "MS-XCA-3.1-plain-lz77-abc300.hex", "compressed", &clen);
	uint8_t *h = mt_hex(t, "0000 0500", &hn);
	uint8_t *b = talloc_array(t->mem, uint8_t, 8 + clen);
	memcpy(b, h, 4);
	b[4] = (uint8_t)clen, b[5] = 0, b[6] = 300 & 0xFF, b[7] = 300 >> 8;
	memcpy(b + 8, comp, clen);
	struct mapi_rpc_ext_chain *chain;
	mt_eq_wc(t, "decoding", mapi_rpc_ext_pull(t->mem, b, 8 + clen, MAPI_RPC_EXT_MAX_BUFFER, &chain), 0);
	mt_eq(t, "decompressed size", chain->len, 300);
	for (size_t i = 0; i < 300; i++)
		mt_eq(t, "decompressed byte", chain->data[i], "abc"[i % 3]);
	/* Size must be less than SizeActual when Compressed (2.2.2.1) */
	b[6] = (uint8_t)clen, b[7] = 0;
	mt_eq_wc(t, "Compressed with Size == SizeActual",
	         mapi_rpc_ext_pull(t->mem, b, 8 + clen, MAPI_RPC_EXT_MAX_BUFFER, &chain), WC_EFORMAT);
}

/* ---- MAPI/HTTP (MS-OXCMAPIHTTP 2.2.4, 2.2.5, 4) ---- */

static struct mapi_http_request *http_request(struct mt *t, const char *file, const char *blob,
                                              enum mapi_http_request_type type)
{
	size_t n;
	uint8_t *b = mt_vector(t, file, blob, &n);
	struct mapi_http_request *req;
	mt_eq_wc(t, "decoding the request body", mapi_http_request_pull(t->mem, type, b, n, &req), 0);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding the request body", mapi_http_request_push(&w, req), 0);
	mt_eq_bytes(t, "request body encoded again", w.data, w.len, b, n);
	return req;
}

static struct mapi_http_response *http_response_bytes(struct mt *t, const uint8_t *b, size_t n,
                                                      enum mapi_http_request_type type)
{
	struct mapi_http_response *rsp;
	mt_eq_wc(t, "decoding the response body", mapi_http_response_pull(t->mem, type, b, n, &rsp), 0);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding the response body", mapi_http_response_push(&w, rsp), 0);
	mt_eq_bytes(t, "response body encoded again", w.data, w.len, b, n);
	return rsp;
}

static struct mapi_http_response *http_response(struct mt *t, const char *file, const char *blob,
                                                enum mapi_http_request_type type)
{
	size_t n;
	uint8_t *b = mt_vector(t, file, blob, &n);
	return http_response_bytes(t, b, n, type);
}

#define CONNECT_4_1 "MS-OXCRPC-4.1-connect-as-mapihttp.hex"
#define NSPI_4 "MS-OXNSPI-4-session-as-mapihttp.hex"

static void test_connect_request(struct mt *t)
{
	struct mapi_http_request *q = http_request(t, CONNECT_4_1, "request", MAPI_HTTP_CONNECT);
	mt_eq_str(t, "UserDn", q->connect.user_dn,
	          "/o=First Organization/ou=First Administrative Group/CN=recipients/CN=janedow");
	mt_eq(t, "Flags", q->connect.flags, 0);
	mt_eq(t, "DefaultCodePage", q->connect.default_code_page, 0x4E4);
	mt_eq(t, "LcidSort", q->connect.lcid_sort, 0x409);
	mt_eq(t, "LcidString", q->connect.lcid_string, 0x409);
	mt_eq(t, "AuxiliaryBufferSize", q->aux.len, 0);
}

static void test_connect_response(struct mt *t)
{
	struct mapi_http_response *p = http_response(t, CONNECT_4_1, "response", MAPI_HTTP_CONNECT);
	mt_eq(t, "StatusCode", p->status_code, 0);
	mt_eq(t, "ErrorCode", p->error_code, 0);
	mt_eq(t, "PollsMax", p->connect.polls_max, 0xEA60);
	mt_eq(t, "RetryCount", p->connect.retry_count, 6);
	mt_eq(t, "RetryDelay", p->connect.retry_delay, 0x1770);
	mt_eq_str(t, "DisplayName", p->connect.display_name, "MBX-SRV-02");
	mt_eq(t, "AuxiliaryBufferSize", p->aux.len, 16);
}

/* 3.1.5.6 / 3.2.5.2: the inner response stream of the 4.x examples, parsed event by event. */
struct stream_case {
	const char *blob;
	int pendings;
	const char *elapsed;
	enum mapi_http_request_type type; /* of the body; MAPI_HTTP_PING: none */
};

static void run_stream(struct mt *t)
{
	const struct stream_case *c = t->test->arg;
	size_t n, used;
	uint8_t *b = mt_vector(t, "MS-OXCMAPIHTTP-4-response-streams.hex", c->blob, &n);
	struct mapi_http_reader *rd = mapi_http_reader_new(t->mem);
	struct mapi_http_event ev;
	int metas = 0, pendings = 0, headers = 0;
	bool end = false, have_code = false;
	size_t body_at = n;
	for (size_t pos = 0; pos < n && !end;) {
		mt_eq_wc(t, "reading the stream", mapi_http_reader_next(rd, b + pos, n - pos, &used, &ev), 0);
		pos += used;
		if (ev.kind == MAPI_HTTP_EV_META) {
			if (metas == 0)
				mt_eq(t, "first meta-tag", ev.meta, MAPI_HTTP_META_PROCESSING);
			metas++;
			pendings += ev.meta == MAPI_HTTP_META_PENDING;
		} else if (ev.kind == MAPI_HTTP_EV_HEADER) {
			headers++;
			if (strcasecmp(ev.name, "X-ResponseCode") == 0)
				mt_eq_str(t, "X-ResponseCode", ev.value, "0"), have_code = true;
			if (c->elapsed != NULL && strcasecmp(ev.name, "X-ElapsedTime") == 0)
				mt_eq_str(t, "X-ElapsedTime", ev.value, c->elapsed);
			if (strcasecmp(ev.name, "X-StartTime") == 0)
				mt_eq_str(t, "X-StartTime", ev.value, "Sun, 06 Nov 1994 08:49:37 GMT");
		} else if (ev.kind == MAPI_HTTP_EV_HEADERS_END) {
			end = true;
			body_at = pos;
		}
	}
	mt_true(t, end, "the stream has no end of headers");
	mt_eq(t, "PENDING keep-alives", pendings, c->pendings);
	mt_eq(t, "meta-tags (PROCESSING, PENDING..., DONE)", metas, 2 + c->pendings);
	mt_eq(t, "additional headers", headers, 3);
	mt_true(t, have_code, "no X-ResponseCode header");
	if (c->type == MAPI_HTTP_PING) {
		mt_eq(t, "PING response body bytes", n - body_at, 0);
		return;
	}
	struct mapi_http_response *p = http_response_bytes(t, b + body_at, n - body_at, c->type);
	mt_eq(t, "StatusCode", p->status_code, 0);
	if (c->type == MAPI_HTTP_CONNECT) {
		mt_eq(t, "PollsMax", p->connect.polls_max, 60000);
		mt_eq(t, "RetryCount", p->connect.retry_count, 3);
		mt_eq(t, "RetryDelay", p->connect.retry_delay, 10000);
		mt_eq_str(t, "DisplayName", p->connect.display_name, "Alice");
	} else {
		mt_eq(t, "RopBufferSize", p->execute.rop_buffer.len, 0);
	}
}

static const struct stream_case st_connect = {"connect-4.1", 0, "12", MAPI_HTTP_CONNECT};
static const struct stream_case st_execute = {"execute-4.2", 2, "30017", MAPI_HTTP_EXECUTE};
static const struct stream_case st_ping = {"ping-4.3", 0, NULL, MAPI_HTTP_PING};

static void test_nspi_bind(struct mt *t)
{
	struct mapi_http_request *q = http_request(t, NSPI_4, "bind-request", MAPI_HTTP_BIND);
	mt_eq(t, "Flags", q->bind.flags, 0);
	mt_true(t, q->bind.state != NULL, "HasState: expected a STAT");
	mt_eq(t, "STAT CodePage", q->bind.state->code_page, 0x4E4);
	mt_eq(t, "STAT TemplateLocale", q->bind.state->template_locale, 0x409);
	struct mapi_http_response *p = http_response(t, NSPI_4, "bind-response", MAPI_HTTP_BIND);
	mt_eq(t, "ErrorCode", p->error_code, 0);
	eq_guid(t, "ServerGuid", &p->bind.server_guid, "{868BBCAB-3379-48C4-A1EF-1B53E63BDC46}");
}

static void test_nspi_get_special_table(struct mt *t)
{
	struct mapi_http_request *q =
	        http_request(t, NSPI_4, "getspecialtable-request", MAPI_HTTP_GET_SPECIAL_TABLE);
	mt_eq(t, "Flags (NspiUnicodeStrings)", q->get_special_table.flags, 0x4);
	mt_true(t, q->get_special_table.state != NULL, "HasState: expected a STAT");
	mt_true(t, q->get_special_table.version == NULL, "HasVersion: expected 0");
}

static void test_nspi_query_rows(struct mt *t)
{
	struct mapi_http_request *q = http_request(t, NSPI_4, "queryrows-request", MAPI_HTTP_QUERY_ROWS);
	mt_eq(t, "RowCount", q->query_rows.row_count, 2);
	mt_eq(t, "ExplicitTableCount", q->query_rows.explicit_table.count, 0);
	mt_true(t, q->query_rows.columns != NULL, "HasColumns: expected columns");
	mt_eq(t, "Columns count", q->query_rows.columns->count, 4);
	mt_eq(t, "Columns[1]", q->query_rows.columns->values[1], 0x3001001F);
	struct mapi_http_response *p = http_response(t, NSPI_4, "queryrows-response", MAPI_HTTP_QUERY_ROWS);
	mt_eq(t, "STAT CurrentRec", p->query_rows.state->current_rec, 0x1928);
	mt_eq(t, "STAT NumPos", p->query_rows.state->num_pos, 2);
	mt_eq(t, "STAT TotalRecs", p->query_rows.state->total_recs, 0x16);
	mt_true(t, p->query_rows.rows != NULL, "HasColsAndRows: expected rows");
	mt_eq(t, "RowCount", p->query_rows.rows->count, 2);
	mt_eq(t, "Columns count", p->query_rows.rows->columns.count, 4);
}

static void test_nspi_unbind(struct mt *t)
{
	struct mapi_http_request *q = http_request(t, NSPI_4, "unbind-request", MAPI_HTTP_UNBIND);
	mt_eq(t, "Reserved", q->unbind.reserved, 0);
	struct mapi_http_response *p = http_response(t, NSPI_4, "unbind-response", MAPI_HTTP_UNBIND);
	mt_eq(t, "StatusCode", p->status_code, 0);
	mt_eq(t, "ErrorCode (UnbindSuccess)", p->error_code, 1);
}

/* ---- notifications (MS-OXCNOTIF 2.2.1.4.1.2, 4) ---- */

static const uint32_t notify_columns[] = {0x3001001F, 0x0FFF0102};
static const struct rop_notify_table notify_table = {0x11, 2, notify_columns};

struct notify_case {
	const char *blob;
	uint16_t flags;
	uint64_t folder_id, message_id;
	void (*check)(struct mt *t, const struct rop_notification_data *d);
};

static void check_new_mail(struct mt *t, const struct rop_notification_data *d)
{
	mt_eq(t, "UnicodeFlag", d->unicode_flag, 0);
	mt_eq_str(t, "MessageClass", d->message_class, "IPM.Note");
}

static void check_counts(struct mt *t, const struct rop_notification_data *d)
{
	mt_eq(t, "TagCount", d->tag_count, 5);
	mt_eq(t, "TotalMessageCount", d->total_message_count, 4);
	mt_eq(t, "UnreadMessageCount", d->unread_message_count, 3);
}

static void check_moved(struct mt *t, const struct rop_notification_data *d)
{
	mt_eq(t, "OldFolderId", d->old_folder_id, 0x8027780000000001ULL);
	mt_eq(t, "OldMessageId", d->old_message_id, 0x7241780000000001ULL);
}

static void check_row_added(struct mt *t, const struct rop_notification_data *d)
{
	mt_eq(t, "TableEventType", d->table_event_type, TABLE_EVENT_ROW_ADDED);
	mt_eq(t, "TableRowFolderID", d->table_row_folder_id, 0x9DEA6C8102000001ULL);
	mt_true(t, d->table_row != NULL, "TableRowData: expected a row over the table's columns");
	mt_eq_str(t, "PidTagDisplayName", d->table_row->values[0].pv.value.str, "Billy D.S. Proxy");
	mt_eq(t, "PidTagEntryId size", d->table_row->values[1].pv.value.bin.len, 0x7E);
}

static void run_notify(struct mt *t)
{
	const struct notify_case *c = t->test->arg;
	size_t n, hn;
	uint8_t *data = mt_vector(t, "MS-OXCNOTIF-4-notificationdata.hex", c->blob, &n);
	uint8_t *h = mt_hex(t, "2A 11 00 00 00 00", &hn); /* RopNotify, NotificationHandle 0x11, LogonId 0 */
	uint8_t *b = talloc_array(t->mem, uint8_t, hn + n);
	memcpy(b, h, hn);
	memcpy(b + hn, data, n);
	struct rop_ctx ctx;
	rop_ctx_init(&ctx);
	ctx.notify_table_count = 1;
	ctx.notify_tables = &notify_table;
	struct rop_ctx push_ctx = ctx;
	struct rop_response rsp;
	struct wc_reader r;
	wc_reader_init(&r, b, hn + n);
	mt_eq_wc(t, "decoding", rop_response_pull(&r, t->mem, &ctx, NULL, &rsp), 0);
	mt_eq(t, "bytes left over", wc_reader_left(&r), 0);
	mt_eq(t, "NotificationHandle", rsp.notify.notification_handle, 0x11);
	const struct rop_notification_data *d = &rsp.notify.data;
	mt_eq(t, "NotificationFlags", d->notification_flags, c->flags);
	if (c->folder_id != 0)
		mt_eq(t, "FolderId", d->folder_id, c->folder_id);
	if (c->message_id != 0)
		mt_eq(t, "MessageId", d->message_id, c->message_id);
	if (c->check != NULL)
		c->check(t, d);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", rop_response_push(&w, &push_ctx, NULL, &rsp), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, hn + n);
}

static const struct notify_case nt_new_mail = {"newmail", NOTIFY_NEW_MAIL | NOTIFY_FLAG_M, 0, 0,
                                               check_new_mail};
static const struct notify_case nt_modified = {"objectmodified-total-unread",
                                               NOTIFY_OBJECT_MODIFIED | NOTIFY_FLAG_T | NOTIFY_FLAG_U,
                                               0x1F29780000000001ULL, 0, check_counts};
static const struct notify_case nt_moved = {"objectmoved", NOTIFY_OBJECT_MOVED | NOTIFY_FLAG_M,
                                            0x8127780000000001ULL, 0x7843780000000001ULL, check_moved};
static const struct notify_case nt_row_added = {"tablerowadded", NOTIFY_TABLE_MODIFIED, 0, 0,
                                                check_row_added};

/* ---- property values, names, sort orders (MS-OXCDATA 2.6.1, 2.11.4, 2.13) ---- */

static void test_tagged_values(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCPRPT-4.2.1-setproperties-propertyvalues.hex", "propertyvalues", &n);
	struct wc_reader r;
	uint16_t count = 2; /* the blob starts after PropertyValueCount 0x0002 */
	struct mapi_propval *pvs;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_tagged_propval_array_pull(&r, t->mem, 0, count, &pvs), 0);
	mt_eq(t, "bytes left over", wc_reader_left(&r), 0);
	mt_eq(t, "PidTagSubjectPrefix tag", pvs[0].tag, 0x003D001F);
	mt_eq_str(t, "PidTagSubjectPrefix", pvs[0].value.str, "");
	mt_eq(t, "PidTagNormalizedSubject tag", pvs[1].tag, 0x0E1D001F);
	mt_eq_str(t, "PidTagNormalizedSubject", pvs[1].value.str, "Hello World");
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_tagged_propval_array_push(&w, 0, count, pvs), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
}

static void test_property_names(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCPRPT-4.1.1-getpropertyidsfromnames-propertynames.hex",
	                       "propertynames", &n);
	struct wc_reader r;
	uint16_t count = 2; /* the blob starts after PropertyNameCount 0x0002 */
	wc_reader_init(&r, b, n);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	for (int i = 0; i < count; i++) {
		struct mapi_propname pn;
		mt_eq_wc(t, "decoding a PropertyName", mapi_propname_pull(&r, t->mem, &pn), 0);
		mt_eq(t, "Kind", pn.kind, MNID_STRING);
		eq_guid(t, "GUID (PS_PUBLIC_STRINGS)", &pn.guid, "{00062002-0000-0000-C000-000000000046}");
		mt_eq_str(t, "Name", pn.name, i == 0 ? "TestProp1" : "TestProp2");
		mt_eq_wc(t, "encoding a PropertyName", mapi_propname_push(&w, &pn), 0);
	}
	mt_eq(t, "bytes after the two PropertyNames", wc_reader_left(&r), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
}

static void test_proptag_array(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCPRPT-4.3-getpropertiesspecific.hex", "propertytags", &n);
	struct wc_reader r;
	uint16_t count;
	uint32_t *tags;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_proptag_array_pull(&r, t->mem, &count, &tags), 0);
	mt_eq(t, "PropertyTagCount", count, 3);
	mt_eq(t, "PropertyTags[0] (PtypBoolean)", tags[0], 0x863E000B);
	mt_eq(t, "PropertyTags[1] (PtypInteger32)", tags[1], 0x863F0003);
	mt_eq(t, "PropertyTags[2] (PtypBinary)", tags[2], 0x65E20102);
}

static void test_sort_order_sets(struct mt *t)
{
	static const char *const files[] = {"MS-OXCTABL-4.3.1-sorttable-sortorderset.hex",
	                                    "MS-OXCTABL-4.5.1.1-sorttable-category-sortorderset.hex"};
	for (int i = 0; i < 2; i++) {
		size_t n;
		uint8_t *b = mt_vector(t, files[i], "sortorderset", &n);
		struct wc_reader r;
		struct mapi_sort_order_set s;
		wc_reader_init(&r, b, n);
		mt_eq_wc(t, "decoding", mapi_sort_order_set_pull(&r, t->mem, &s), 0);
		mt_eq(t, "SortOrderCount", s.count, i + 1);
		mt_eq(t, "CategorizedCount", s.categorized, i);
		mt_eq(t, "last SortOrder PropertyId (PidTagMessageDeliveryTime)", s.orders[s.count - 1].id,
		      0x0E06);
		mt_eq(t, "last SortOrder Order", s.orders[s.count - 1].order, TABLE_SORT_DESCEND);
		struct wc_writer w;
		wc_writer_init(&w, t->mem, 0);
		mt_eq_wc(t, "encoding", mapi_sort_order_set_push(&w, &s), 0);
		mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
	}
	/* 2.13.2: CategorizedCount above SortOrderCount is invalid */
	size_t n;
	uint8_t *bad = mt_hex(t, "0100 0200 0000 4000 060E 01", &n);
	struct wc_reader r;
	struct mapi_sort_order_set s;
	wc_reader_init(&r, bad, n);
	mt_eq_wc(t, "CategorizedCount 2 > SortOrderCount 1", mapi_sort_order_set_pull(&r, t->mem, &s),
	         WC_ERANGE);
}

/* MS-OXCDATA 2.12.5: a property restriction hand-built from the field table: RestrictType 0x04, RelOp
 * RELOP_EQ, PropTag PidTagSubject, TaggedValue PidTagSubject "Hi". */
static void test_property_restriction(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_hex(t, "04 04 1F003700 1F003700 4800 6900 0000", &n);
	struct wc_reader r;
	struct mapi_restriction *res;
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "decoding", mapi_restriction_pull(&r, t->mem, 0, &res), 0);
	mt_eq(t, "RestrictType", res->type, RES_PROPERTY);
	mt_eq(t, "RelOp", res->property.relop, RELOP_EQ);
	mt_eq(t, "PropTag", res->property.proptag, 0x0037001F);
	mt_eq_str(t, "TaggedValue", res->property.pv.value.str, "Hi");
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	mt_eq_wc(t, "encoding", mapi_restriction_push(&w, 0, res), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
	b[1] = 0x07; /* 2.12.5.1: RelOp values stop at 0x05 (and 0x64) */
	wc_reader_init(&r, b, n);
	mt_eq_wc(t, "RelOp 0x07", mapi_restriction_pull(&r, t->mem, 0, &res), WC_ERANGE);
}

/* MS-OXCFOLD 4.8: the 297-byte restriction of the RopSetSearchCriteria example, an And at the top */
static void test_search_restriction(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCFOLD-4.8-setsearchcriteria.hex", "request", &n);
	struct wc_reader r;
	uint16_t size;
	struct mapi_restriction *res;
	wc_reader_init(&r, b + 3, n - 3); /* after RopId, LogonId, InputHandleIndex */
	mt_true(t, wc_read_u16(&r, &size), "no RestrictionDataSize");
	mt_eq(t, "RestrictionDataSize", size, 297);
	struct wc_reader rr;
	wc_reader_init(&rr, b + 5, size);
	mt_eq_wc(t, "decoding the restriction", mapi_restriction_pull(&rr, t->mem, 0, &res), 0);
	mt_eq(t, "restriction bytes left over", wc_reader_left(&rr), 0);
	mt_true(t, res->type == RES_AND || res->type == RES_OR,
	        "RestrictType: expected And or Or, got 0x%02X", res->type);
}

/* ---- ROP buffers and the RopId table (MS-OXCROPS 2.2.1, 2.2.2, 4.4) ---- */

static void test_release_buffer(struct mt *t)
{
	size_t n;
	uint8_t *b = mt_vector(t, "MS-OXCROPS-4.4-release.hex", NULL, &n);
	struct rop_ctx ctx;
	rop_ctx_init(&ctx);
	struct rop_request_buffer *buf;
	struct rop_error err;
	mt_eq_wc(t, "decoding", rop_request_buffer_pull(t->mem, b, n, &ctx, &buf, &err), 0);
	mt_eq(t, "ROPs", buf->count, 2);
	mt_eq(t, "ROP 0 RopId", buf->rops[0].id, ROP_RELEASE);
	mt_eq(t, "ROP 1 InputHandleIndex", buf->rops[1].input_handle_index, 1);
	mt_eq(t, "handles", buf->handle_count, 2);
	mt_eq(t, "ServerObjectHandleTable[0]", buf->handles[0], 0x6F);
	mt_eq(t, "ServerObjectHandleTable[1]", buf->handles[1], 0x6E);
	struct wc_writer w;
	wc_writer_init(&w, t->mem, 0);
	rop_ctx_init(&ctx);
	mt_eq_wc(t, "encoding", rop_request_buffer_push(&w, &ctx, buf), 0);
	mt_eq_bytes(t, "encoded again", w.data, w.len, b, n);
	/* 2.2.1: the bytes after RopsList are 4-byte handles; a 3-byte tail is malformed */
	mt_true(t, rop_request_buffer_pull(t->mem, b, n - 1, &ctx, &buf, &err) != 0,
	        "a handle table of 7 bytes decoded");
}

static void test_ropid_table(struct mt *t)
{
	char *path = talloc_asprintf(t->mem, "%s/MS-OXCROPS-2.2.2-ropids.txt", t->opt->vectors);
	FILE *f = fopen(path, "r");
	if (f == NULL)
		mt_fail(t, "cannot open %s", path);
	char line[512];
	int rows = 0;
	bool seen[256] = {false};
	while (fgets(line, sizeof line, f) != NULL) {
		unsigned id;
		char name[128], section[32];
		if (line[0] == '#' || sscanf(line, "0x%x %127s %31s", &id, name, section) != 3 || id > 0xFF)
			continue;
		rows++;
		seen[id] = true;
		const struct rop_info *info = rop_info((uint8_t)id);
		if (info->name == NULL || strcmp(info->name, name) != 0 ||
		    strcmp(info->section, section) != 0) {
			fclose(f);
			mt_fail(t, "RopId 0x%02X: expected %s (%s), got %s (%s)", id, name, section,
			        info->name ? info->name : "reserved", info->section ? info->section : "-");
		}
	}
	fclose(f);
	mt_true(t, rows > 100, "%s: expected the table of RopIds, got %d rows", path, rows);
	for (unsigned id = 0; id < 256; id++)
		if (!seen[id] && rop_info((uint8_t)id)->name != NULL)
			mt_fail(t, "RopId 0x%02X (%s) is not in the spec's table", id,
			        rop_info((uint8_t)id)->name);
}

#define A(name, clause, fn, arg)                                                                             \
	{                                                                                                    \
		"NOSERVER", name, clause, fn, &arg                                                           \
	}
#define F(name, clause, fn)                                                                                  \
	{                                                                                                    \
		"NOSERVER", name, clause, fn, NULL                                                           \
	}

static const struct mt_test tests[] = {
        A("folder_entryid", "MS-OXCDATA 2.2.4.1", run_entryid, eid_folder),
        A("message_entryid", "MS-OXCDATA 2.2.4.2", run_entryid, eid_message),
        A("store_entryid_public", "MS-OXCDATA 2.2.4.3", run_entryid, eid_store),
        A("one_off_entryid_unicode", "MS-OXCDATA 2.2.5.1", run_entryid, eid_one_off_unicode),
        A("one_off_entryid_8bit", "MS-OXCDATA 2.2.5.1", run_entryid, eid_one_off_mbcs),
        A("globset_singleton", "MS-OXCFXICS 2.2.2.6.1", run_globset, gs_singleton),
        A("globset_range", "MS-OXCFXICS 2.2.2.6.4", run_globset, gs_range),
        A("globset_push_pop_bitmask_range", "MS-OXCFXICS 2.2.2.6", run_globset, gs_nested),
        A("globset_bitmask_example", "MS-OXCFXICS 3.1.5.4.3.1.3", run_globset, gs_bitmask),
        F("idset_replid_based", "MS-OXCFXICS 2.2.2.4.1", test_idset_replid),
        F("idset_replguid_based", "MS-OXCFXICS 2.2.2.4.2", test_idset_replguid),
        F("predecessor_change_list", "MS-OXCFXICS 2.2.2.3", test_pcl),
        A("lz77_alphabet_example", "MS-XCA 3.1", run_lz77, lz_alphabet),
        A("lz77_abc_repeated_example", "MS-XCA 3.1", run_lz77, lz_abc),
        A("lz77_long_run_independent", "MS-XCA 2.4", run_lz77, lz_run),
        A("lz77_far_matches_independent", "MS-XCA 2.4", run_lz77, lz_far),
        A("lz77_rows_independent", "MS-XCA 2.4", run_lz77, lz_rows),
        A("lz77_text_independent", "MS-XCA 2.4", run_lz77, lz_text),
        A("rpc_header_ext_rgbin", "MS-OXCRPC 4.2", run_rpc_header, rh_rgbin),
        A("rpc_header_ext_rgbout", "MS-OXCRPC 4.2", run_rpc_header, rh_rgbout),
        A("rpc_header_ext_packed_first", "MS-OXCRPC 4.3", run_rpc_header, rh_first),
        A("rpc_header_ext_packed_last", "MS-OXCRPC 4.3", run_rpc_header, rh_second),
        F("rgbauxout_exorginfo", "MS-OXCRPC 4.1", test_rgbauxout),
        F("rpc_ext_xor_magic", "MS-OXCRPC 3.1.4.1.1.3", test_xor_magic),
        F("rpc_ext_compressed_chunk", "MS-OXCRPC 3.1.4.1.1.2", test_compressed_chunk),
        F("mapihttp_connect_request", "MS-OXCMAPIHTTP 2.2.4.1.1", test_connect_request),
        F("mapihttp_connect_response", "MS-OXCMAPIHTTP 2.2.4.1.2", test_connect_response),
        A("mapihttp_stream_connect", "MS-OXCMAPIHTTP 4.1", run_stream, st_connect),
        A("mapihttp_stream_execute_pending", "MS-OXCMAPIHTTP 4.2", run_stream, st_execute),
        A("mapihttp_stream_ping", "MS-OXCMAPIHTTP 4.3", run_stream, st_ping),
        F("mapihttp_nspi_bind", "MS-OXCMAPIHTTP 2.2.5.1", test_nspi_bind),
        F("mapihttp_nspi_get_special_table", "MS-OXCMAPIHTTP 2.2.5.8", test_nspi_get_special_table),
        F("mapihttp_nspi_query_rows", "MS-OXCMAPIHTTP 2.2.5.12", test_nspi_query_rows),
        F("mapihttp_nspi_unbind", "MS-OXCMAPIHTTP 2.2.5.2", test_nspi_unbind),
        A("notify_new_mail", "MS-OXCNOTIF 4", run_notify, nt_new_mail),
        A("notify_object_modified_counts", "MS-OXCNOTIF 4", run_notify, nt_modified),
        A("notify_object_moved", "MS-OXCNOTIF 4", run_notify, nt_moved),
        A("notify_table_row_added", "MS-OXCNOTIF 4", run_notify, nt_row_added),
        F("tagged_property_values", "MS-OXCDATA 2.11.4", test_tagged_values),
        F("property_names", "MS-OXCDATA 2.6.1", test_property_names),
        F("property_tag_array", "MS-OXCDATA 2.10.1", test_proptag_array),
        F("sort_order_sets", "MS-OXCDATA 2.13.2", test_sort_order_sets),
        F("property_restriction", "MS-OXCDATA 2.12.5", test_property_restriction),
        F("search_criteria_restriction", "MS-OXCFOLD 4.8", test_search_restriction),
        F("rop_release_buffer", "MS-OXCROPS 4.4", test_release_buffer),
        F("ropid_table", "MS-OXCROPS 2.2.2", test_ropid_table),
};

MT_TEST_LIST(mt_noserver_data, tests);
