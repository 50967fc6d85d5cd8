/* src/server/auth/ntlm.c against the MS-NLMP 4.2 examples (tests/vectors/MS-NLMP-4.2.*). */
#include "testutil.h"
#include "common/wc_error.h"
#include "server/auth/ntlm.h"

#include <string.h>

#define COMMON "MS-NLMP-4.2.1-common-values.hex"
#define V1 "MS-NLMP-4.2.2-ntlmv1.hex"
#define ESS "MS-NLMP-4.2.3-ntlmv1-ess.hex"
#define V2 "MS-NLMP-4.2.4-ntlmv2.hex"

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

static const uint8_t *vec(void *mem, const char *file, const char *name, size_t want_len)
{
	size_t n;
	uint8_t *v = tu_vector(mem, file, name, &n);
	if (want_len)
		assert_int_equal(n, want_len);
	return v;
}

/* Loads and decodes an AUTHENTICATE_MESSAGE vector; the transcript holds it alone (no MIC in these). */
static uint8_t *load_authenticate(void *mem, const char *file, struct ntlm_authenticate *m,
                                  struct ntlm_transcript *t)
{
	size_t n;
	uint8_t *auth = tu_vector(mem, file, "authenticate", &n);
	assert_int_equal(ntlm_authenticate_pull(mem, auth, n, m), 0);
	*t = (struct ntlm_transcript){.authenticate = auth, .authenticate_len = n};
	return auth;
}

/* ntlm_verify() with the 4.2.1 ServerChallenge and NTOWFv1("Password"). */
static int verify_example(void *mem, const struct ntlm_authenticate *m, const struct ntlm_transcript *t,
                          struct ntlm_keys *k)
{
	return ntlm_verify(m, t, vec(mem, COMMON, "server_challenge", 8), vec(mem, COMMON, "ntowfv1", 16), k);
}

/* 4.2.2.1.2 NTOWFv1 and 4.2.4.1.1 NTOWFv2 */
static void test_ntowf_examples(void **state)
{
	uint8_t nt[16], v2[16];
	assert_int_equal(ntlm_ntowfv1("Password", nt), 0);
	tu_assert_bytes(nt, 16, vec(*state, COMMON, "ntowfv1", 16), 16);
	assert_int_equal(ntlm_ntowfv2(nt, "User", "Domain", v2), 0);
	tu_assert_bytes(v2, 16, vec(*state, V2, "ntowfv2", 16), 16);
	/* Uppercase(User): the user name's case does not matter, the domain's does (3.3.2) */
	uint8_t lower[16], dom[16];
	assert_int_equal(ntlm_ntowfv2(nt, "user", "Domain", lower), 0);
	tu_assert_bytes(lower, 16, v2, 16);
	assert_int_equal(ntlm_ntowfv2(nt, "User", "DOMAIN", dom), 0);
	assert_memory_not_equal(dom, v2, 16);
}

/* MS-NLMP 6 DESL: the plain NTLMv1 response of 4.2.2.2.2 is DESL(NTOWFv1, ServerChallenge). */
static void test_desl_gives_the_ntlmv1_response(void **state)
{
	struct ntlm_authenticate m;
	struct ntlm_transcript t;
	load_authenticate(*state, V1, &m, &t);
	uint8_t out[24];
	ntlm_desl(vec(*state, COMMON, "ntowfv1", 16), vec(*state, COMMON, "server_challenge", 8), out);
	tu_assert_bytes(out, 24, m.nt_response, m.nt_len);
}

static void test_authenticate_v2_example_decodes(void **state)
{
	struct ntlm_authenticate m;
	struct ntlm_transcript t;
	uint8_t *auth = load_authenticate(*state, V2, &m, &t);
	size_t n = t.authenticate_len;
	assert_int_equal(m.flags, 0xe2888235);
	assert_string_equal(m.domain, "Domain");
	assert_string_equal(m.user, "User");
	assert_string_equal(m.workstation, "COMPUTER");
	assert_true(m.has_version);
	assert_false(m.has_mic); /* the payload starts at 0x48: no room for a MIC */
	tu_assert_bytes(m.lm_response, m.lm_len, vec(*state, V2, "lm_response", 24), 24);
	tu_assert_bytes(m.nt_response, 16, vec(*state, V2, "nt_proof_str", 16), 16);
	assert_int_equal(m.nt_len, 0x54);
	tu_assert_bytes(m.encrypted_session_key, m.encrypted_session_key_len,
	                vec(*state, V2, "encrypted_session_key", 16), 16);
	/* re-encoding gives the example's bytes: same payload order, same offsets */
	uint8_t *again;
	size_t again_len;
	assert_int_equal(ntlm_authenticate_push(*state, &m, &again, &again_len), 0);
	tu_assert_bytes(again, again_len, auth, n);
}

static void test_authenticate_v2_example_verifies(void **state)
{
	struct ntlm_authenticate m;
	struct ntlm_transcript t;
	struct ntlm_keys k;
	load_authenticate(*state, V2, &m, &t);
	assert_int_equal(verify_example(*state, &m, &t, &k), 0);
	assert_int_equal(k.kind, NTLM_KIND_V2);
	tu_assert_bytes(k.session_base_key, 16, vec(*state, V2, "session_base_key", 16), 16);
	/* KEY_EXCH: the exported key is the example's RandomSessionKey, RC4-decrypted (4.2.4.2.3) */
	tu_assert_bytes(k.exported_session_key, 16, vec(*state, COMMON, "random_session_key", 16), 16);
	assert_false(k.mic_checked);
}

static void test_authenticate_v2_wrong_password_or_challenge_fails(void **state)
{
	struct ntlm_authenticate m;
	struct ntlm_transcript t;
	struct ntlm_keys k;
	uint8_t nt[16], sc[8];
	load_authenticate(*state, V2, &m, &t);
	assert_int_equal(ntlm_ntowfv1("password", nt), 0);
	assert_int_equal(ntlm_verify(&m, &t, vec(*state, COMMON, "server_challenge", 8), nt, &k), WC_EINVAL);
	memcpy(sc, vec(*state, COMMON, "server_challenge", 8), 8);
	sc[7] ^= 1;
	assert_int_equal(ntlm_verify(&m, &t, sc, vec(*state, COMMON, "ntowfv1", 16), &k), WC_EINVAL);
	/* the domain is part of NTOWFv2: another domain name in the message no longer matches */
	m.domain = "DOMAIN";
	assert_int_equal(verify_example(*state, &m, &t, &k), WC_EINVAL);
}

static void test_authenticate_ess_example_verifies(void **state)
{
	struct ntlm_authenticate m;
	struct ntlm_transcript t;
	struct ntlm_keys k;
	load_authenticate(*state, ESS, &m, &t);
	assert_int_equal(m.flags, 0x82088235);
	assert_false(m.has_mic);
	tu_assert_bytes(m.lm_response, m.lm_len, vec(*state, ESS, "lm_response", 24), 24);
	tu_assert_bytes(m.nt_response, m.nt_len, vec(*state, ESS, "nt_response", 24), 24);
	assert_int_equal(verify_example(*state, &m, &t, &k), 0);
	assert_int_equal(k.kind, NTLM_KIND_V1_ESS);
	tu_assert_bytes(k.session_base_key, 16, vec(*state, ESS, "session_base_key", 16), 16);
	tu_assert_bytes(k.key_exchange_key, 16, vec(*state, ESS, "key_exchange_key", 16), 16);
	/* no KEY_EXCH in the example: the exported key is the key exchange key */
	tu_assert_bytes(k.exported_session_key, 16, k.key_exchange_key, 16);
	uint8_t nt[16];
	assert_int_equal(ntlm_ntowfv1("Passw0rd", nt), 0);
	assert_int_equal(ntlm_verify(&m, &t, vec(*state, COMMON, "server_challenge", 8), nt, &k), WC_EINVAL);
}

/* Plain NTLMv1 (4.2.2.3) is refused even with the right password; so is an anonymous message. */
static void test_plain_ntlmv1_and_anonymous_are_refused(void **state)
{
	struct ntlm_authenticate m;
	struct ntlm_transcript t;
	struct ntlm_keys k;
	load_authenticate(*state, V1, &m, &t);
	assert_int_equal(verify_example(*state, &m, &t, &k), WC_EUNSUPPORTED);
	m.nt_len = 0;
	m.lm_len = 0;
	m.user = "";
	assert_int_equal(verify_example(*state, &m, &t, &k), WC_EUNSUPPORTED);
}

static void test_challenge_examples_decode_and_reencode(void **state)
{
	const char *files[] = {V2, ESS};
	for (int i = 0; i < 2; i++) {
		size_t n;
		uint8_t *bytes = tu_vector(*state, files[i], "challenge", &n);
		struct ntlm_challenge c;
		assert_int_equal(ntlm_challenge_pull(*state, bytes, n, &c), 0);
		assert_string_equal(c.target_name, "Server");
		tu_assert_bytes(c.server_challenge, 8, vec(*state, COMMON, "server_challenge", 8), 8);
		assert_true(c.has_version);
		uint8_t *again;
		size_t again_len;
		assert_int_equal(ntlm_challenge_push(*state, &c, &again, &again_len), 0);
		tu_assert_bytes(again, again_len, bytes, n);
	}
	size_t n;
	uint8_t *bytes = tu_vector(*state, V2, "challenge", &n);
	struct ntlm_challenge c;
	assert_int_equal(ntlm_challenge_pull(*state, bytes, n, &c), 0);
	assert_int_equal(c.flags, 0xe28a8233);
	struct ntlm_av_pair *pairs;
	size_t count;
	assert_int_equal(ntlm_av_pairs_pull(*state, c.target_info, c.target_info_len, &pairs, &count), 0);
	assert_int_equal(count, 2);
	assert_int_equal(pairs[0].id, NTLM_AV_NB_DOMAIN_NAME);
	tu_assert_bytes(pairs[0].value, pairs[0].len, "D\0o\0m\0a\0i\0n\0", 12);
	assert_int_equal(pairs[1].id, NTLM_AV_NB_COMPUTER_NAME);
	tu_assert_bytes(pairs[1].value, pairs[1].len, "S\0e\0r\0v\0e\0r\0", 12);
	assert_non_null(ntlm_av_pair_find(pairs, count, NTLM_AV_NB_COMPUTER_NAME));
	assert_null(ntlm_av_pair_find(pairs, count, NTLM_AV_TIMESTAMP));
}

/* The AV_PAIR list of 4.2.4.3's TargetInfo built from its parts. */
static void test_av_pairs_encode_like_the_example(void **state)
{
	struct ntlm_av_pair pairs[] = {
	        {NTLM_AV_NB_DOMAIN_NAME, 12, (const uint8_t *)"D\0o\0m\0a\0i\0n\0"},
	        {NTLM_AV_NB_COMPUTER_NAME, 12, (const uint8_t *)"S\0e\0r\0v\0e\0r\0"},
	};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(ntlm_av_pairs_push(&w, pairs, 2), 0);
	size_t n;
	uint8_t *bytes = tu_vector(*state, V2, "challenge", &n);
	struct ntlm_challenge c;
	assert_int_equal(ntlm_challenge_pull(*state, bytes, n, &c), 0);
	tu_assert_bytes(w.data, w.len, c.target_info, c.target_info_len);
}

/* Hand-built from the 2.2.1.1 field table: signature, type 1, flags, empty domain and workstation. */
static void test_negotiate_decodes_short_and_full_forms(void **state)
{
	uint8_t *full;
	size_t n;
	full = tu_hex(*state,
	              "4e544c4d53535000 01000000 07b208a2" /* signature, MessageType 1, flags 0xa208b207 */
	              "0600060028000000 0800080020000000"  /* DomainNameFields "DOMAIN"@40, Workstation@32 */
	              "434f4d5055544552 444f4d41494e",     /* "COMPUTER" "DOMAIN" */
	              &n);
	struct ntlm_negotiate m;
	assert_int_equal(ntlm_negotiate_pull(*state, full, n, &m), 0);
	assert_int_equal(m.flags, 0xa208b207);
	assert_string_equal(m.domain, "DOMAIN");
	assert_string_equal(m.workstation, "COMPUTER");
	assert_false(m.has_version);
	/* 16-byte form of early clients */
	assert_int_equal(ntlm_negotiate_pull(*state, full, 16, &m), 0);
	assert_null(m.domain);
	/* a truncated field table, a field past the end, the wrong type or signature */
	assert_int_equal(ntlm_negotiate_pull(*state, full, 20, &m), WC_EFORMAT);
	assert_int_equal(ntlm_negotiate_pull(*state, full, n - 1, &m), WC_EFORMAT);
	full[8] = 2;
	assert_int_equal(ntlm_negotiate_pull(*state, full, n, &m), WC_EFORMAT);
	full[8] = 1;
	full[0] = 'n';
	assert_int_equal(ntlm_negotiate_pull(*state, full, n, &m), WC_EFORMAT);
}

static void test_malformed_messages_are_refused(void **state)
{
	size_t n;
	uint8_t *auth = tu_vector(*state, V2, "authenticate", &n);
	struct ntlm_authenticate m;
	for (size_t cut = 0; cut < n; cut += 7)
		assert_int_not_equal(ntlm_authenticate_pull(*state, auth, cut, &m), 0);
	/* an NT response that points past the end */
	uint8_t *bad = talloc_memdup(*state, auth, n);
	bad[24] = 0xd0;
	assert_int_equal(ntlm_authenticate_pull(*state, bad, n, &m), WC_EFORMAT);
	/* a user name with an odd number of UTF-16 bytes */
	bad = talloc_memdup(*state, auth, n);
	bad[36] = 7;
	assert_int_equal(ntlm_authenticate_pull(*state, bad, n, &m), WC_EFORMAT);
	/* an NTLMv2 blob whose AV_PAIR list runs off its end */
	bad = talloc_memdup(*state, auth, n);
	assert_int_equal(ntlm_authenticate_pull(*state, bad, n, &m), 0);
	m.nt_len -= 8; /* cut the MsvAvEOL and the padding */
	struct ntlm_transcript t = {.authenticate = bad, .authenticate_len = n};
	struct ntlm_keys k;
	assert_int_equal(ntlm_verify(&m, &t, vec(*state, COMMON, "server_challenge", 8),
	                             vec(*state, COMMON, "ntowfv1", 16), &k),
	                 WC_EFORMAT);
	/* AV pairs: no EOL, too many */
	uint8_t noeol[] = {2, 0, 2, 0, 'A', 0};
	struct ntlm_av_pair *pairs;
	size_t count;
	assert_int_equal(ntlm_av_pairs_pull(*state, noeol, sizeof noeol, &pairs, &count), WC_EFORMAT);
	uint8_t many[4 * (NTLM_MAX_AV_PAIRS + 2)] = {0};
	for (int i = 0; i <= NTLM_MAX_AV_PAIRS; i++)
		many[4 * i] = 1;
	assert_int_equal(ntlm_av_pairs_pull(*state, many, sizeof many, &pairs, &count), WC_ERANGE);
}

/* A MIC (3.1.5.2.1, 3.2.5.1.2): when the client's MsvAvFlags announce one, HMAC_MD5(ExportedSessionKey,
 * NEGOTIATE || CHALLENGE || AUTHENTICATE with the MIC zeroed) must match (hand-built vector, see its header).
 */
#define MIC "MS-NLMP-3.1.5.2.1-mic-handbuilt.hex"
static void test_mic_is_checked_when_announced(void **state)
{
	size_t nn, cn, an;
	uint8_t *neg = tu_vector(*state, MIC, "negotiate", &nn),
	        *chal = tu_vector(*state, MIC, "challenge", &cn),
	        *auth = tu_vector(*state, MIC, "authenticate", &an);
	struct ntlm_authenticate m;
	assert_int_equal(ntlm_authenticate_pull(*state, auth, an, &m), 0);
	assert_true(m.has_mic);
	tu_assert_bytes(m.mic, 16, vec(*state, MIC, "mic", 16), 16);
	struct ntlm_transcript t = {neg, nn, chal, cn, auth, an};
	struct ntlm_keys k;
	const uint8_t *sc = vec(*state, COMMON, "server_challenge", 8),
	              *nt = vec(*state, COMMON, "ntowfv1", 16);
	assert_int_equal(ntlm_verify(&m, &t, sc, nt, &k), 0);
	assert_true(k.mic_checked);
	tu_assert_bytes(k.exported_session_key, 16, vec(*state, COMMON, "random_session_key", 16), 16);
	/* a MIC over another NEGOTIATE (a downgraded flag), or a changed MIC, fails */
	neg[12] ^= 0x01;
	assert_int_equal(ntlm_verify(&m, &t, sc, nt, &k), WC_EINVAL);
	neg[12] ^= 0x01;
	m.mic[0] ^= 0x80;
	assert_int_equal(ntlm_verify(&m, &t, sc, nt, &k), WC_EINVAL);
	/* announced but without room for it in the message */
	m.mic[0] ^= 0x80;
	m.has_mic = false;
	assert_int_equal(ntlm_verify(&m, &t, sc, nt, &k), WC_EINVAL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test_setup_teardown(test_ntowf_examples, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_desl_gives_the_ntlmv1_response, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_authenticate_v2_example_decodes, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_authenticate_v2_example_verifies, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_authenticate_v2_wrong_password_or_challenge_fails, setup,
	                                        teardown),
	        cmocka_unit_test_setup_teardown(test_authenticate_ess_example_verifies, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_plain_ntlmv1_and_anonymous_are_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_challenge_examples_decode_and_reencode, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_av_pairs_encode_like_the_example, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_negotiate_decodes_short_and_full_forms, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_malformed_messages_are_refused, setup, teardown),
	        cmocka_unit_test_setup_teardown(test_mic_is_checked_when_announced, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
