/* warpcore auth: who is the client? Basic (argon2id in the directory) and NTLM (MS-NLMP, NT hash in the
 * directory), independent of the transport: the HTTP layer (src/server/http/http_auth.c) feeds it header
 * values, DCE/RPC can feed it NTLMSSP tokens later.
 *
 * User names are accepted as Exchange accepts them: the alias ("alice"), any SMTP address of the user
 * ("alice@example.org"), "DOMAIN\alias" where DOMAIN is auth.netbios_domain or an accepted domain, and the
 * UPN form "alias@domain" for an accepted domain. A wrong password, a disabled account, an unknown user and a
 * domain that is not ours all give the same answer (AUTH_DENIED). */
#ifndef WC_AUTH_H
#define WC_AUTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "store/directory.h"

enum auth_method { AUTH_BASIC = 1, AUTH_NTLM = 2 };

/* The authenticated user, as handlers see it. */
struct auth_user {
	enum auth_method method;
	uint32_t mid;
	char *alias;
	char *smtp; /* primary SMTP address */
	char *display_name;
	char *legacy_dn;
	struct wc_guid mailbox_guid;
	char *login;                  /* the name the client gave, e.g. "EXAMPLE\alice" */
	uint8_t ntlm_session_key[16]; /* NTLM ExportedSessionKey (MS-NLMP 3.2.5.1.2); zero for Basic */
};

/* Results. */
enum auth_result {
	AUTH_OK = 0,
	AUTH_DENIED = 1,      /* wrong or unknown credentials: answer 401 */
	AUTH_MALFORMED = 2,   /* a token that does not decode, or NTLM out of sequence: answer 401 too */
	AUTH_UNAVAILABLE = 3, /* the directory failed: answer 500/503 */
};

/* Names the server announces in NTLM challenges (MS-NLMP 2.2.1.2 TargetInfo). */
struct auth_names {
	const char *netbios_domain;   /* auth.netbios_domain */
	const char *netbios_computer; /* first label of the host name, upper case, at most 15 characters */
	const char *dns_domain;   /* the host name without its first label (the host name if it has one) */
	const char *dns_computer; /* server.hostname or the system host name */
};

/* Fills names from the NetBIOS domain and the host name; strings hang off mem. */
int auth_names_init(TALLOC_CTX *mem, const char *netbios_domain, const char *hostname,
                    struct auth_names *names);

/* Resolves a login name (with domain, which may be NULL or empty) to an enabled user. AUTH_OK with *out on
 * mem, AUTH_DENIED, or AUTH_UNAVAILABLE. */
enum auth_result auth_resolve_user(struct dir_handle *dir, const struct auth_names *names, TALLOC_CTX *mem,
                                   const char *name, const char *domain, struct dir_entry **out);

/* Basic (RFC 7617): user_pass is the decoded "user:password". */
enum auth_result auth_basic(struct dir_handle *dir, const struct auth_names *names, TALLOC_CTX *mem,
                            const char *user_pass, size_t len, struct auth_user **out);

/* NTLM over one connection: NEGOTIATE -> CHALLENGE, then AUTHENTICATE. The state lives as long as the
 * connection; each challenge answers one AUTHENTICATE only. */
struct auth_ntlm_state;
struct auth_ntlm_state *auth_ntlm_state_new(TALLOC_CTX *mem);

/* Decodes a NEGOTIATE_MESSAGE and produces the CHALLENGE_MESSAGE (*challenge on mem). */
enum auth_result auth_ntlm_negotiate(struct auth_ntlm_state *st, const struct auth_names *names,
                                     TALLOC_CTX *mem, const uint8_t *msg, size_t len, uint8_t **challenge,
                                     size_t *challenge_len);
/* Verifies an AUTHENTICATE_MESSAGE against the last challenge of st. */
enum auth_result auth_ntlm_authenticate(struct auth_ntlm_state *st, struct dir_handle *dir,
                                        const struct auth_names *names, TALLOC_CTX *mem, const uint8_t *msg,
                                        size_t len, struct auth_user **out);
/* The NTLM message type (1, 2, 3) of a token, or 0 when it is not one. */
int auth_ntlm_message_type(const uint8_t *msg, size_t len);

#endif
