/* MS-NLMP 2.2.1 NTLM messages, 2.2.2.1 AV_PAIR, 3.2.5.1.2 server verification, 3.3 NTLMv1/v2 responses. */
#include "server/auth/ntlm.h"
#include "common/wc_error.h"
#include "common/wc_unicode.h"

#include <nettle/arcfour.h>
#include <nettle/des.h>
#include <nettle/hmac.h>
#include <nettle/md4.h>
#include <nettle/md5.h>
#include <nettle/memops.h>
#include <string.h>

static const uint8_t ntlm_signature[8] = {'N', 'T', 'L', 'M', 'S', 'S', 'P', 0};

/* ---- decoding helpers ---- */

/* MS-NLMP 2.2.1.1 "*Fields": Len (2), MaxLen (2), BufferOffset (4), pointing into the message. */
struct ntlm_field {
	uint16_t len;
	uint32_t offset;
};

static bool pull_field(struct wc_reader *r, struct ntlm_field *f)
{
	uint16_t max_len;
	return wc_read_u16(r, &f->len) && wc_read_u16(r, &max_len) && wc_read_u32(r, &f->offset) &&
	       (uint64_t)f->offset + f->len <= r->len;
}

static bool pull_header(struct wc_reader *r, uint32_t type)
{
	const uint8_t *sig;
	uint32_t t;
	return wc_read_ptr(r, 8, &sig) && memcmp(sig, ntlm_signature, 8) == 0 && wc_read_u32(r, &t) &&
	       t == type;
}

/* The bytes of a field, copied on mem. */
static bool field_blob(TALLOC_CTX *mem, const uint8_t *data, const struct ntlm_field *f, uint8_t **out)
{
	/* an empty field may point just past the message: copy nothing then */
	*out = f->len ? talloc_memdup(mem, data + f->offset, f->len) : talloc_zero_size(mem, 1);
	return *out != NULL;
}

/* OEM strings are accepted as printable ASCII only: the OEM code page is not known to the server. */
static bool ascii_ok(const uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] < 0x20 || p[i] > 0x7e)
			return false;
	return true;
}

static int field_string(TALLOC_CTX *mem, const uint8_t *data, const struct ntlm_field *f, bool unicode,
                        char **out)
{
	const uint8_t *p = data + f->offset;
	if (f->len == 0)
		*out = talloc_strdup(mem, "");
	else if (unicode)
		return (*out = wc_utf16le_to_utf8(mem, p, f->len)) ? 0 : WC_EFORMAT;
	else if (!ascii_ok(p, f->len))
		return WC_EFORMAT;
	else
		*out = talloc_strndup(mem, (const char *)p, f->len);
	return *out ? 0 : WC_ENOMEM;
}

/* Start of the payload: the lowest offset of a non-empty field (the fixed part ends there), or len. */
static size_t payload_start(const struct ntlm_field *fields, size_t n, size_t len)
{
	size_t start = len;
	for (size_t i = 0; i < n; i++)
		if (fields[i].len > 0 && fields[i].offset < start)
			start = fields[i].offset;
	return start;
}

/* Ends a decoder: on success the strings and blobs in ptrs move from tmp to mem; tmp goes in any case. */
static int keep_on_success(TALLOC_CTX *mem, TALLOC_CTX *tmp, int rc, void *const *ptrs, size_t n)
{
	for (size_t i = 0; rc == 0 && i < n; i++)
		talloc_steal(mem, ptrs[i]);
	talloc_free(tmp);
	return rc;
}

/* ---- AV_PAIR (MS-NLMP 2.2.2.1) ---- */

int ntlm_av_pairs_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_av_pair **pairs,
                       size_t *count)
{
	struct wc_reader r;
	wc_reader_init(&r, data, len);
	struct ntlm_av_pair tmp[NTLM_MAX_AV_PAIRS];
	size_t n = 0;
	for (;;) {
		uint16_t id, vlen;
		const uint8_t *v;
		if (!wc_read_u16(&r, &id) || !wc_read_u16(&r, &vlen) || !wc_read_ptr(&r, vlen, &v))
			return WC_EFORMAT; /* the list must end with MsvAvEOL */
		if (id == NTLM_AV_EOL)
			break;
		if (n == NTLM_MAX_AV_PAIRS)
			return WC_ERANGE;
		tmp[n++] = (struct ntlm_av_pair){.id = id, .len = vlen, .value = v};
	}
	*pairs = talloc_memdup(mem, tmp, (n ? n : 1) * sizeof tmp[0]);
	if (*pairs == NULL)
		return WC_ENOMEM;
	*count = n;
	return 0;
}

const struct ntlm_av_pair *ntlm_av_pair_find(const struct ntlm_av_pair *pairs, size_t count, uint16_t id)
{
	for (size_t i = 0; i < count; i++)
		if (pairs[i].id == id)
			return &pairs[i];
	return NULL;
}

int ntlm_av_pairs_push(struct wc_writer *w, const struct ntlm_av_pair *pairs, size_t count)
{
	for (size_t i = 0; i < count; i++) {
		if (pairs[i].id == NTLM_AV_EOL)
			return WC_EINVAL;
		wc_write_u16(w, pairs[i].id);
		wc_write_u16(w, pairs[i].len);
		wc_write_bytes(w, pairs[i].value, pairs[i].len);
	}
	wc_write_u32(w, 0); /* MsvAvEOL, length 0 */
	return wc_writer_status(w);
}

/* ---- MS-NLMP 2.2.1.1 NEGOTIATE_MESSAGE ---- */

int ntlm_negotiate_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_negotiate *out)
{
	struct wc_reader r;
	wc_reader_init(&r, data, len);
	struct ntlm_negotiate m = {0};
	struct ntlm_field f[2] = {{0}};
	if (!pull_header(&r, 1) || !wc_read_u32(&r, &m.flags))
		return WC_EFORMAT;
	/* Early clients end the message after the flags (MS-NLMP 2.2.1.1: the fields are optional). */
	if (wc_reader_left(&r) > 0 && (!pull_field(&r, &f[0]) || !pull_field(&r, &f[1])))
		return WC_EFORMAT;
	m.has_version = payload_start(f, 2, len) >= 40 && r.pos == 32;
	if (m.has_version && !wc_read_bytes(&r, m.version.bytes, 8))
		return WC_EFORMAT;
	TALLOC_CTX *tmp = talloc_new(mem);
	int rc = 0;
	if (tmp == NULL)
		return WC_ENOMEM;
	if (f[0].len > 0)
		rc = field_string(tmp, data, &f[0], false, &m.domain);
	if (rc == 0 && f[1].len > 0)
		rc = field_string(tmp, data, &f[1], false, &m.workstation);
	void *keep[] = {m.domain, m.workstation};
	if ((rc = keep_on_success(mem, tmp, rc, keep, 2)) == 0)
		*out = m;
	return rc;
}

/* ---- encoding helpers: fixed part with placeholder fields, then the payload, then offsets patched ---- */

struct ntlm_out_field {
	const void *data;
	size_t len;
	size_t at;          /* offset of the field in the fixed part */
	bool zero_if_empty; /* an empty field gets offset 0 (as TargetInfoFields in MS-NLMP 4.2.2.3) */
};

/* Encodes a string for a message: UTF-16LE when unicode, else printable ASCII. */
static int string_bytes(TALLOC_CTX *mem, const char *s, bool unicode, const void **data, size_t *len)
{
	if (s == NULL || *s == '\0') {
		*data = "";
		*len = 0;
		return 0;
	}
	if (!unicode) {
		if (!ascii_ok((const uint8_t *)s, strlen(s)))
			return WC_EINVAL;
		*data = s;
		*len = strlen(s);
		return 0;
	}
	uint8_t *u = wc_utf8_to_utf16le(mem, s, strlen(s), len);
	*data = u;
	return u ? 0 : WC_EINVAL;
}

/* Writes the payload of fields after the fixed part already in w and patches each field's Len/MaxLen/Offset.
 */
static int push_payload(struct wc_writer *w, struct ntlm_out_field *fields, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fields[i].len > UINT16_MAX)
			return WC_ERANGE;
		size_t offset = w->len;
		wc_write_bytes(w, fields[i].data, fields[i].len);
		if (wc_writer_status(w) != 0)
			return wc_writer_status(w);
		wc_patch_u16(w, fields[i].at, (uint16_t)fields[i].len);
		wc_patch_u16(w, fields[i].at + 2, (uint16_t)fields[i].len);
		wc_patch_u32(w, fields[i].at + 4,
		             fields[i].len == 0 && fields[i].zero_if_empty ? 0 : (uint32_t)offset);
	}
	return 0;
}

static int finish(struct wc_writer *w, TALLOC_CTX *tmp, TALLOC_CTX *mem, int rc, uint8_t **out, size_t *len)
{
	if (rc == 0)
		rc = wc_writer_status(w);
	if (rc == 0) {
		*out = talloc_steal(mem, w->data);
		*len = w->len;
	}
	talloc_free(tmp);
	return rc;
}

int ntlm_negotiate_push(TALLOC_CTX *mem, const struct ntlm_negotiate *m, uint8_t **out, size_t *len)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct wc_writer w;
	wc_writer_init(&w, tmp, 0);
	struct ntlm_out_field f[2] = {{.at = 16}, {.at = 24}};
	int rc = string_bytes(tmp, m->domain, false, &f[0].data, &f[0].len);
	if (rc == 0)
		rc = string_bytes(tmp, m->workstation, false, &f[1].data, &f[1].len);
	wc_write_bytes(&w, ntlm_signature, 8);
	wc_write_u32(&w, 1);
	wc_write_u32(&w, m->flags);
	wc_write_zeros(&w, 16);
	if (m->has_version)
		wc_write_bytes(&w, m->version.bytes, 8);
	if (rc == 0)
		rc = push_payload(&w, f, 2);
	return finish(&w, tmp, mem, rc, out, len);
}

/* ---- MS-NLMP 2.2.1.2 CHALLENGE_MESSAGE ---- */

int ntlm_challenge_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_challenge *out)
{
	struct wc_reader r;
	wc_reader_init(&r, data, len);
	struct ntlm_challenge m = {0};
	struct ntlm_field f[2]; /* TargetName, TargetInfo */
	if (!pull_header(&r, 2) || !pull_field(&r, &f[0]) || !wc_read_u32(&r, &m.flags) ||
	    !wc_read_bytes(&r, m.server_challenge, 8) || !wc_read_skip(&r, 8) || !pull_field(&r, &f[1]))
		return WC_EFORMAT;
	m.has_version = payload_start(f, 2, len) >= 56;
	if (m.has_version && !wc_read_bytes(&r, m.version.bytes, 8))
		return WC_EFORMAT;
	TALLOC_CTX *tmp = talloc_new(mem);
	if (tmp == NULL)
		return WC_ENOMEM;
	struct ntlm_av_pair *pairs;
	size_t npairs;
	int rc = field_string(tmp, data, &f[0], m.flags & NTLM_NEGOTIATE_UNICODE, &m.target_name);
	if (rc == 0 && f[1].len > 0) {
		rc = ntlm_av_pairs_pull(tmp, data + f[1].offset, f[1].len, &pairs, &npairs);
		if (rc == 0)
			rc = field_blob(tmp, data, &f[1], &m.target_info) ? 0 : WC_ENOMEM;
		m.target_info_len = f[1].len;
	}
	void *keep[] = {m.target_name, m.target_info};
	if ((rc = keep_on_success(mem, tmp, rc, keep, 2)) == 0)
		*out = m;
	return rc;
}

int ntlm_challenge_push(TALLOC_CTX *mem, const struct ntlm_challenge *m, uint8_t **out, size_t *len)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct wc_writer w;
	wc_writer_init(&w, tmp, 0);
	struct ntlm_out_field f[2] = {
	        {.at = 12},
	        {.data = m->target_info, .len = m->target_info_len, .at = 40, .zero_if_empty = true}};
	int rc = string_bytes(tmp, m->target_name, m->flags & NTLM_NEGOTIATE_UNICODE, &f[0].data, &f[0].len);
	if (f[1].data == NULL)
		f[1].data = "";
	wc_write_bytes(&w, ntlm_signature, 8);
	wc_write_u32(&w, 2);
	wc_write_zeros(&w, 8);
	wc_write_u32(&w, m->flags);
	wc_write_bytes(&w, m->server_challenge, 8);
	wc_write_zeros(&w, 8 + 8); /* Reserved, TargetInfoFields */
	if (m->has_version)
		wc_write_bytes(&w, m->version.bytes, 8);
	if (rc == 0)
		rc = push_payload(&w, f, 2);
	return finish(&w, tmp, mem, rc, out, len);
}

/* ---- MS-NLMP 2.2.1.3 AUTHENTICATE_MESSAGE ---- */

enum { AF_LM, AF_NT, AF_DOMAIN, AF_USER, AF_WORKSTATION, AF_KEY, AF_COUNT };

int ntlm_authenticate_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_authenticate *out)
{
	struct wc_reader r;
	wc_reader_init(&r, data, len);
	struct ntlm_authenticate m = {0};
	struct ntlm_field f[AF_COUNT];
	if (!pull_header(&r, 3))
		return WC_EFORMAT;
	for (int i = 0; i < AF_COUNT; i++)
		if (!pull_field(&r, &f[i]))
			return WC_EFORMAT;
	if (!wc_read_u32(&r, &m.flags))
		return WC_EFORMAT;
	/* Version and MIC are there when the payload leaves room for them (2.2.1.3: the MIC is present when
	 * the client says so in MsvAvFlags; its place in the fixed part is known only from the offsets). */
	size_t start = payload_start(f, AF_COUNT, len);
	m.has_version = start >= 72;
	m.has_mic = start >= NTLM_MIC_OFFSET + 16;
	if ((m.has_version && !wc_read_bytes(&r, m.version.bytes, 8)) ||
	    (m.has_mic && !wc_read_bytes(&r, m.mic, 16)))
		return WC_EFORMAT;
	TALLOC_CTX *tmp = talloc_new(mem);
	if (tmp == NULL)
		return WC_ENOMEM;
	bool unicode = m.flags & NTLM_NEGOTIATE_UNICODE;
	int rc = field_string(tmp, data, &f[AF_DOMAIN], unicode, &m.domain);
	if (rc == 0)
		rc = field_string(tmp, data, &f[AF_USER], unicode, &m.user);
	if (rc == 0)
		rc = field_string(tmp, data, &f[AF_WORKSTATION], unicode, &m.workstation);
	if (rc == 0 && !(field_blob(tmp, data, &f[AF_LM], &m.lm_response) &&
	                 field_blob(tmp, data, &f[AF_NT], &m.nt_response) &&
	                 field_blob(tmp, data, &f[AF_KEY], &m.encrypted_session_key)))
		rc = WC_ENOMEM;
	m.lm_len = f[AF_LM].len;
	m.nt_len = f[AF_NT].len;
	m.encrypted_session_key_len = f[AF_KEY].len;
	void *keep[] = {m.domain,      m.user,        m.workstation,
	                m.lm_response, m.nt_response, m.encrypted_session_key};
	if ((rc = keep_on_success(mem, tmp, rc, keep, 6)) == 0)
		*out = m;
	return rc;
}

int ntlm_authenticate_push(TALLOC_CTX *mem, const struct ntlm_authenticate *m, uint8_t **out, size_t *len)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct wc_writer w;
	wc_writer_init(&w, tmp, 0);
	bool unicode = m->flags & NTLM_NEGOTIATE_UNICODE;
	/* Payload in the order of the MS-NLMP 4.2 examples: domain, user, workstation, LM, NT, session key.
	 */
	struct ntlm_out_field f[AF_COUNT] = {
	        {.at = 28},
	        {.at = 36},
	        {.at = 44},
	        {.data = m->lm_response, .len = m->lm_len, .at = 12},
	        {.data = m->nt_response, .len = m->nt_len, .at = 20},
	        {.data = m->encrypted_session_key, .len = m->encrypted_session_key_len, .at = 52},
	};
	int rc = string_bytes(tmp, m->domain, unicode, &f[0].data, &f[0].len);
	if (rc == 0)
		rc = string_bytes(tmp, m->user, unicode, &f[1].data, &f[1].len);
	if (rc == 0)
		rc = string_bytes(tmp, m->workstation, unicode, &f[2].data, &f[2].len);
	for (int i = 3; i < AF_COUNT; i++)
		if (f[i].data == NULL)
			f[i].data = "";
	wc_write_bytes(&w, ntlm_signature, 8);
	wc_write_u32(&w, 3);
	wc_write_zeros(&w, 6 * 8);
	wc_write_u32(&w, m->flags);
	if (m->has_version || m->has_mic)
		wc_write_bytes(&w, m->version.bytes, 8);
	if (m->has_mic)
		wc_write_bytes(&w, m->mic, 16);
	if (rc == 0)
		rc = push_payload(&w, f, AF_COUNT);
	return finish(&w, tmp, mem, rc, out, len);
}

/* ---- crypto: MS-NLMP 3.3.1, 3.3.2, 3.4.5.1 and 6 (DESL) ---- */

static void hmac_md5(const uint8_t key[16], const void *a, size_t alen, const void *b, size_t blen,
                     uint8_t out[16])
{
	struct hmac_md5_ctx h;
	hmac_md5_set_key(&h, 16, key);
	hmac_md5_update(&h, alen, a);
	hmac_md5_update(&h, blen, b);
	hmac_md5_digest(&h, 16, out);
}

int ntlm_ntowfv1(const char *password, uint8_t out[16])
{
	size_t n;
	uint8_t *u = wc_utf8_to_utf16le(NULL, password, strlen(password), &n);
	if (u == NULL)
		return WC_EINVAL;
	struct md4_ctx md4;
	md4_init(&md4);
	md4_update(&md4, n, u);
	md4_digest(&md4, 16, out);
	memset(u, 0, n);
	talloc_free(u);
	return 0;
}

int ntlm_ntowfv2(const uint8_t nt_hash[16], const char *user, const char *domain, uint8_t out[16])
{
	char *s = talloc_asprintf(NULL, "%s%s", user, domain);
	if (s == NULL)
		return WC_ENOMEM;
	for (size_t i = 0; i < strlen(user); i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			s[i] = (char)(s[i] - 'a' + 'A');
	size_t n;
	uint8_t *u = wc_utf8_to_utf16le(s, s, strlen(s), &n);
	if (u != NULL)
		hmac_md5(nt_hash, u, n, "", 0, out);
	talloc_free(s);
	return u ? 0 : WC_EINVAL;
}

/* A 7-byte DES key spread over 8 bytes, 7 bits each (MS-NLMP 6, DES); nettle ignores the parity bits. */
static void des_encrypt_7(const uint8_t k7[7], const uint8_t data[8], uint8_t out[8])
{
	uint8_t k[8];
	k[0] = k7[0];
	for (int i = 1; i < 7; i++)
		k[i] = (uint8_t)((k7[i - 1] << (8 - i)) | (k7[i] >> i));
	k[7] = (uint8_t)(k7[6] << 1);
	struct des_ctx des;
	des_set_key(&des, k); /* a weak key still sets the schedule; DESL does not care */
	des_encrypt(&des, 8, out, data);
}

void ntlm_desl(const uint8_t key[16], const uint8_t data[8], uint8_t out[24])
{
	uint8_t k3[7] = {key[14], key[15], 0, 0, 0, 0, 0};
	des_encrypt_7(key, data, out);
	des_encrypt_7(key + 7, data, out + 8);
	des_encrypt_7(k3, data, out + 16);
}

/* NTLMv2 (3.3.2): NtChallengeResponse = NTProofStr || temp, temp = RespType HiRespType Z(6) Time
 * ClientChallenge Z(4) AvPairs Z(4) (2.2.2.7). Fills keys and reports whether the client announced a MIC. */
static int verify_v2(const struct ntlm_authenticate *m, const uint8_t server_challenge[8],
                     const uint8_t nt_hash[16], struct ntlm_keys *keys, bool *wants_mic)
{
	const uint8_t *temp = m->nt_response + 16;
	size_t temp_len = m->nt_len - 16;
	if (temp_len < 28 || temp[0] != 1 || temp[1] != 1)
		return WC_EFORMAT;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ntlm_av_pair *pairs;
	size_t npairs;
	int rc = tmp ? ntlm_av_pairs_pull(tmp, temp + 28, temp_len - 28, &pairs, &npairs) : WC_ENOMEM;
	if (rc == 0) {
		const struct ntlm_av_pair *fl = ntlm_av_pair_find(pairs, npairs, NTLM_AV_FLAGS);
		*wants_mic = fl && fl->len == 4 && (fl->value[0] & NTLM_AV_FLAG_MIC_PRESENT);
	}
	talloc_free(tmp);
	if (rc != 0)
		return rc;
	uint8_t key[16], proof[16];
	if ((rc = ntlm_ntowfv2(nt_hash, m->user, m->domain, key)) != 0)
		return rc;
	hmac_md5(key, server_challenge, 8, temp, temp_len, proof);
	if (!memeql_sec(proof, m->nt_response, 16))
		return WC_EINVAL;
	hmac_md5(key, proof, 16, "", 0, keys->session_base_key);
	memcpy(keys->key_exchange_key, keys->session_base_key, 16); /* 3.4.5.1 KXKEY for NTLMv2 */
	keys->kind = NTLM_KIND_V2;
	return 0;
}

/* NTLMv1 with extended session security (3.3.1): the client challenge is the first 8 bytes of the LM
 * response, NtChallengeResponse = DESL(NTOWFv1, MD5(ServerChallenge || ClientChallenge)[0..7]). */
static int verify_v1_ess(const struct ntlm_authenticate *m, const uint8_t server_challenge[8],
                         const uint8_t nt_hash[16], struct ntlm_keys *keys)
{
	if (m->lm_len != 24)
		return WC_EFORMAT;
	uint8_t digest[16], expect[24];
	struct md5_ctx md5;
	md5_init(&md5);
	md5_update(&md5, 8, server_challenge);
	md5_update(&md5, 8, m->lm_response);
	md5_digest(&md5, 16, digest);
	ntlm_desl(nt_hash, digest, expect);
	if (!memeql_sec(expect, m->nt_response, 24))
		return WC_EINVAL;
	struct md4_ctx md4;
	md4_init(&md4);
	md4_update(&md4, 16, nt_hash);
	md4_digest(&md4, 16, keys->session_base_key);
	/* 3.4.5.1 KXKEY with extended session security */
	hmac_md5(keys->session_base_key, server_challenge, 8, m->lm_response, 8, keys->key_exchange_key);
	keys->kind = NTLM_KIND_V1_ESS;
	return 0;
}

/* MIC = HMAC_MD5(ExportedSessionKey, NEGOTIATE || CHALLENGE || AUTHENTICATE with the MIC zeroed). */
static bool mic_matches(const struct ntlm_transcript *t, const uint8_t key[16], const uint8_t mic[16])
{
	static const uint8_t zeros[16];
	if (t->authenticate_len < NTLM_MIC_OFFSET + 16)
		return false;
	struct hmac_md5_ctx h;
	uint8_t out[16];
	hmac_md5_set_key(&h, 16, key);
	hmac_md5_update(&h, t->negotiate_len, t->negotiate);
	hmac_md5_update(&h, t->challenge_len, t->challenge);
	hmac_md5_update(&h, NTLM_MIC_OFFSET, t->authenticate);
	hmac_md5_update(&h, 16, zeros);
	hmac_md5_update(&h, t->authenticate_len - NTLM_MIC_OFFSET - 16,
	                t->authenticate + NTLM_MIC_OFFSET + 16);
	hmac_md5_digest(&h, 16, out);
	return memeql_sec(out, mic, 16);
}

int ntlm_verify(const struct ntlm_authenticate *m, const struct ntlm_transcript *t,
                const uint8_t server_challenge[8], const uint8_t nt_hash[16], struct ntlm_keys *keys)
{
	struct ntlm_keys k = {0};
	bool wants_mic = false;
	int rc;
	if (m->nt_len > 24)
		rc = verify_v2(m, server_challenge, nt_hash, &k, &wants_mic);
	else if (m->nt_len == 24 && (m->flags & NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY))
		rc = verify_v1_ess(m, server_challenge, nt_hash, &k);
	else
		return WC_EUNSUPPORTED; /* anonymous, LM or plain NTLMv1 */
	if (rc != 0)
		return rc;
	memcpy(k.exported_session_key, k.key_exchange_key, 16);
	if (m->flags & NTLM_NEGOTIATE_KEY_EXCH) {
		if (m->encrypted_session_key_len != 16)
			return WC_EFORMAT;
		struct arcfour_ctx rc4;
		arcfour_set_key(&rc4, 16, k.key_exchange_key);
		arcfour_crypt(&rc4, 16, k.exported_session_key, m->encrypted_session_key);
	}
	if (wants_mic) {
		if (!m->has_mic || !mic_matches(t, k.exported_session_key, m->mic))
			return WC_EINVAL;
		k.mic_checked = true;
	}
	*keys = k;
	return 0;
}
