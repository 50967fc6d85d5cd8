/* Fuzz the NTLM message decoders (MS-NLMP 2.2.1): the first byte picks NEGOTIATE, CHALLENGE, AUTHENTICATE or
 * an AV_PAIR list; whatever decodes is encoded again and must decode to the same fields. AUTHENTICATE
 * messages also go through ntlm_verify() with a fixed challenge and hash, which must not crash. */
#include "common/wc_buf.h"
#include "server/auth/ntlm.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool same_str(const char *a, const char *b)
{
	return (a == NULL || *a == '\0') ? (b == NULL || *b == '\0') : (b != NULL && strcmp(a, b) == 0);
}

static bool same_blob(const uint8_t *a, size_t an, const uint8_t *b, size_t bn)
{
	return an == bn && (an == 0 || memcmp(a, b, an) == 0);
}

static void negotiate(TALLOC_CTX *mem, const uint8_t *d, size_t n)
{
	struct ntlm_negotiate m, m2;
	uint8_t *out;
	size_t len;
	if (ntlm_negotiate_pull(mem, d, n, &m) != 0)
		return;
	if (ntlm_negotiate_push(mem, &m, &out, &len) != 0 || ntlm_negotiate_pull(mem, out, len, &m2) != 0 ||
	    m.flags != m2.flags || !same_str(m.domain, m2.domain) ||
	    !same_str(m.workstation, m2.workstation) ||
	    (m.has_version && memcmp(m.version.bytes, m2.version.bytes, 8) != 0))
		abort();
}

static void challenge(TALLOC_CTX *mem, const uint8_t *d, size_t n)
{
	struct ntlm_challenge m, m2;
	uint8_t *out;
	size_t len;
	if (ntlm_challenge_pull(mem, d, n, &m) != 0)
		return;
	int rc = ntlm_challenge_push(mem, &m, &out, &len);
	if (rc != 0 || ntlm_challenge_pull(mem, out, len, &m2) != 0 || m.flags != m2.flags ||
	    !same_str(m.target_name, m2.target_name) || memcmp(m.server_challenge, m2.server_challenge, 8) ||
	    !same_blob(m.target_info, m.target_info_len, m2.target_info, m2.target_info_len))
		abort();
}

static void authenticate(TALLOC_CTX *mem, const uint8_t *d, size_t n)
{
	struct ntlm_authenticate m, m2;
	uint8_t *out;
	size_t len;
	if (ntlm_authenticate_pull(mem, d, n, &m) != 0)
		return;
	static const uint8_t sc[8] = {1, 2, 3, 4, 5, 6, 7, 8}, hash[16] = {9};
	struct ntlm_transcript t = {.authenticate = d, .authenticate_len = n};
	struct ntlm_keys k;
	(void)ntlm_verify(&m, &t, sc, hash, &k);
	int rc = ntlm_authenticate_push(mem, &m, &out, &len);
	if (rc != 0 || ntlm_authenticate_pull(mem, out, len, &m2) != 0 || m.flags != m2.flags ||
	    !same_str(m.user, m2.user) || !same_str(m.domain, m2.domain) ||
	    !same_str(m.workstation, m2.workstation) ||
	    !same_blob(m.lm_response, m.lm_len, m2.lm_response, m2.lm_len) ||
	    !same_blob(m.nt_response, m.nt_len, m2.nt_response, m2.nt_len) ||
	    !same_blob(m.encrypted_session_key, m.encrypted_session_key_len, m2.encrypted_session_key,
	               m2.encrypted_session_key_len) ||
	    m.has_mic != m2.has_mic || (m.has_mic && memcmp(m.mic, m2.mic, 16) != 0))
		abort();
}

static void av_pairs(TALLOC_CTX *mem, const uint8_t *d, size_t n)
{
	struct ntlm_av_pair *p, *p2;
	size_t count, count2;
	if (ntlm_av_pairs_pull(mem, d, n, &p, &count) != 0)
		return;
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	if (ntlm_av_pairs_push(&w, p, count) != 0 ||
	    ntlm_av_pairs_pull(mem, w.data, w.len, &p2, &count2) != 0 || count != count2)
		abort();
	for (size_t i = 0; i < count; i++)
		if (p[i].id != p2[i].id || !same_blob(p[i].value, p[i].len, p2[i].value, p2[i].len))
			abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	switch (data[0] % 4) {
	case 0:
		negotiate(mem, data + 1, size - 1);
		break;
	case 1:
		challenge(mem, data + 1, size - 1);
		break;
	case 2:
		authenticate(mem, data + 1, size - 1);
		break;
	default:
		av_pairs(mem, data + 1, size - 1);
		break;
	}
	talloc_free(mem);
	return 0;
}
