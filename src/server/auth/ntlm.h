/* warpcore auth: NTLM (MS-NLMP) messages and the server side of the challenge-response check.
 *
 * The three messages of MS-NLMP 2.2.1 (NEGOTIATE, CHALLENGE, AUTHENTICATE) and the AV_PAIR list of 2.2.2.1
 * are decoded from and encoded to bytes with wc_reader/wc_writer; ntlm_verify() checks an AUTHENTICATE
 * message against the NT hash the directory keeps (NTOWFv1, MS-NLMP 3.3.1) and derives the session keys.
 * Accepted: NTLMv2 (3.3.2) and NTLMv1 with extended session security (3.3.1 with
 * NTLMSSP_NEGOTIATE_EXTENDED_SESSIONSECURITY). Refused: plain NTLMv1, LM, anonymous. The crypto primitives
 * (MD4, MD5, HMAC-MD5, DES, RC4) are nettle's.
 *
 * No I/O here: the HTTP layer (src/server/http/http_auth.c) carries the messages and keeps the per-connection
 * state; DCE/RPC can use the same functions later. */
#ifndef WC_NTLM_H
#define WC_NTLM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"

/* MS-NLMP 2.2.2.5 NEGOTIATE flags (letters as in the spec's bit diagram). */
#define NTLM_NEGOTIATE_UNICODE 0x00000001u                  /* A */
#define NTLM_NEGOTIATE_OEM 0x00000002u                      /* B */
#define NTLM_REQUEST_TARGET 0x00000004u                     /* C */
#define NTLM_NEGOTIATE_SIGN 0x00000010u                     /* D */
#define NTLM_NEGOTIATE_SEAL 0x00000020u                     /* E */
#define NTLM_NEGOTIATE_DATAGRAM 0x00000040u                 /* F */
#define NTLM_NEGOTIATE_LM_KEY 0x00000080u                   /* G */
#define NTLM_NEGOTIATE_NTLM 0x00000200u                     /* H */
#define NTLM_ANONYMOUS 0x00000800u                          /* J */
#define NTLM_NEGOTIATE_OEM_DOMAIN_SUPPLIED 0x00001000u      /* K */
#define NTLM_NEGOTIATE_OEM_WORKSTATION_SUPPLIED 0x00002000u /* L */
#define NTLM_NEGOTIATE_ALWAYS_SIGN 0x00008000u              /* M */
#define NTLM_TARGET_TYPE_DOMAIN 0x00010000u                 /* N */
#define NTLM_TARGET_TYPE_SERVER 0x00020000u                 /* O */
#define NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY 0x00080000u /* P */
#define NTLM_NEGOTIATE_IDENTIFY 0x00100000u                 /* Q */
#define NTLM_REQUEST_NON_NT_SESSION_KEY 0x00400000u         /* R */
#define NTLM_NEGOTIATE_TARGET_INFO 0x00800000u              /* S */
#define NTLM_NEGOTIATE_VERSION 0x02000000u                  /* T */
#define NTLM_NEGOTIATE_128 0x20000000u                      /* U */
#define NTLM_NEGOTIATE_KEY_EXCH 0x40000000u                 /* V */
#define NTLM_NEGOTIATE_56 0x80000000u                       /* W */

/* MS-NLMP 2.2.2.1 AvId values. */
enum ntlm_av_id {
	NTLM_AV_EOL = 0,
	NTLM_AV_NB_COMPUTER_NAME = 1,
	NTLM_AV_NB_DOMAIN_NAME = 2,
	NTLM_AV_DNS_COMPUTER_NAME = 3,
	NTLM_AV_DNS_DOMAIN_NAME = 4,
	NTLM_AV_DNS_TREE_NAME = 5,
	NTLM_AV_FLAGS = 6,
	NTLM_AV_TIMESTAMP = 7,
	NTLM_AV_SINGLE_HOST = 8,
	NTLM_AV_TARGET_NAME = 9,
	NTLM_AV_CHANNEL_BINDINGS = 10,
};
#define NTLM_AV_FLAG_MIC_PRESENT 0x00000002u /* MsvAvFlags bit: the AUTHENTICATE message carries a MIC */

#define NTLM_MAX_AV_PAIRS 64 /* more is malformed: 2.2.2.1 defines 11 AvIds, each at most once */

struct ntlm_av_pair {
	uint16_t id;
	uint16_t len;
	const uint8_t *value; /* points into the decoded buffer (or the caller's data when encoding) */
};

/* MS-NLMP 2.2.2.10 VERSION, kept as its 8 bytes. */
struct ntlm_version {
	uint8_t bytes[8];
};

/* MS-NLMP 2.2.1.1 NEGOTIATE_MESSAGE. Domain and workstation are OEM strings (ASCII here), NULL if absent. */
struct ntlm_negotiate {
	uint32_t flags;
	char *domain;
	char *workstation;
	bool has_version;
	struct ntlm_version version;
};

/* MS-NLMP 2.2.1.2 CHALLENGE_MESSAGE. target_name is UTF-8 (sent as UTF-16LE when flags has
 * NTLM_NEGOTIATE_UNICODE, else as ASCII). target_info is the encoded AV_PAIR list (with its MsvAvEOL). */
struct ntlm_challenge {
	uint32_t flags;
	char *target_name;
	uint8_t server_challenge[8];
	uint8_t *target_info;
	size_t target_info_len;
	bool has_version;
	struct ntlm_version version;
};

/* MS-NLMP 2.2.1.3 AUTHENTICATE_MESSAGE. Strings are UTF-8 (decoded per NTLM_NEGOTIATE_UNICODE in flags). */
struct ntlm_authenticate {
	uint32_t flags;
	uint8_t *lm_response;
	size_t lm_len;
	uint8_t *nt_response;
	size_t nt_len;
	char *domain;
	char *user;
	char *workstation;
	uint8_t *encrypted_session_key;
	size_t encrypted_session_key_len;
	bool has_version;
	struct ntlm_version version;
	bool has_mic; /* the fixed part is 88 bytes long: a MIC field sits at offset 72 */
	uint8_t mic[16];
};

#define NTLM_MIC_OFFSET 72

/* Decoders: 0, WC_EFORMAT (malformed, wrong signature or message type), WC_ERANGE (a field past the
 * limits above) or WC_ENOMEM. Output hangs off mem; nothing is left allocated on failure. */
int ntlm_negotiate_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_negotiate *out);
int ntlm_challenge_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_challenge *out);
int ntlm_authenticate_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_authenticate *out);
/* Parses an AV_PAIR list up to MsvAvEOL; *pairs (without the EOL) points into data. */
int ntlm_av_pairs_pull(TALLOC_CTX *mem, const uint8_t *data, size_t len, struct ntlm_av_pair **pairs,
                       size_t *count);
/* The pair with this id, or NULL. */
const struct ntlm_av_pair *ntlm_av_pair_find(const struct ntlm_av_pair *pairs, size_t count, uint16_t id);

/* Encoders: *out on mem. 0, WC_EINVAL (a string that cannot be encoded, e.g. non-ASCII without Unicode),
 * WC_ERANGE (a field longer than 65535 bytes) or WC_ENOMEM. */
int ntlm_negotiate_push(TALLOC_CTX *mem, const struct ntlm_negotiate *m, uint8_t **out, size_t *len);
int ntlm_challenge_push(TALLOC_CTX *mem, const struct ntlm_challenge *m, uint8_t **out, size_t *len);
int ntlm_authenticate_push(TALLOC_CTX *mem, const struct ntlm_authenticate *m, uint8_t **out, size_t *len);
/* Appends the pairs and a terminating MsvAvEOL. */
int ntlm_av_pairs_push(struct wc_writer *w, const struct ntlm_av_pair *pairs, size_t count);

/* ---- crypto (MS-NLMP 3.3, 3.4.5.1) ---- */

/* NTOWFv1 = MD4(UNICODE(password)); WC_EINVAL on invalid UTF-8. */
int ntlm_ntowfv1(const char *password, uint8_t out[16]);
/* NTOWFv2 = HMAC_MD5(NTOWFv1, UNICODE(Uppercase(user) || domain)); user is upper-cased in ASCII only. */
int ntlm_ntowfv2(const uint8_t nt_hash[16], const char *user, const char *domain, uint8_t out[16]);
/* DESL(K, D) of MS-NLMP 6: three DES encryptions of the 8-byte D with the 16-byte K cut in 7-byte keys. */
void ntlm_desl(const uint8_t key[16], const uint8_t data[8], uint8_t out[24]);

enum ntlm_kind { NTLM_KIND_V2 = 2, NTLM_KIND_V1_ESS = 1 };

struct ntlm_keys {
	enum ntlm_kind kind;
	uint8_t session_base_key[16];
	uint8_t key_exchange_key[16];
	uint8_t exported_session_key[16]; /* RC4-decrypted EncryptedRandomSessionKey with KEY_EXCH */
	bool mic_checked;                 /* the message had a MIC and it matched */
};

/* The messages of one handshake, for the MIC (MS-NLMP 3.2.5.1.2). negotiate may be empty. */
struct ntlm_transcript {
	const uint8_t *negotiate;
	size_t negotiate_len;
	const uint8_t *challenge;
	size_t challenge_len;
	const uint8_t *authenticate;
	size_t authenticate_len;
};

/* MS-NLMP 3.2.5.1.2 Server Receives an AUTHENTICATE_MESSAGE: checks the response in m (decoded from
 * t->authenticate) against server_challenge and the user's NT hash. Returns 0 and fills *keys, or
 * WC_EUNSUPPORTED (plain NTLMv1, LM-only or anonymous: refused by policy), WC_EFORMAT (malformed NTLMv2
 * blob) or WC_EINVAL (wrong response or MIC, i.e. wrong password). */
int ntlm_verify(const struct ntlm_authenticate *m, const struct ntlm_transcript *t,
                const uint8_t server_challenge[8], const uint8_t nt_hash[16], struct ntlm_keys *keys);

#endif
