/* Authentication against the directory: login name forms, Basic, and the server side of the NTLM handshake
 * (MS-NLMP 3.2.5: CHALLENGE_MESSAGE construction 3.2.5.1.1, AUTHENTICATE_MESSAGE checks 3.2.5.1.2). */
#include "server/auth/auth.h"
#include "common/wc_error.h"
#include "common/wc_time.h"
#include "common/wc_unicode.h"
#include "server/auth/ntlm.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>

int auth_names_init(TALLOC_CTX *mem, const char *netbios_domain, const char *hostname,
                    struct auth_names *names)
{
	const char *dot = strchr(hostname, '.');
	size_t first = dot ? (size_t)(dot - hostname) : strlen(hostname);
	char *nb = talloc_strndup(mem, hostname, first > 15 ? 15 : first);
	if (nb == NULL)
		return WC_ENOMEM;
	for (char *p = nb; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	names->netbios_domain = netbios_domain;
	names->netbios_computer = nb;
	names->dns_computer = talloc_strdup(mem, hostname);
	names->dns_domain = talloc_strdup(mem, dot ? dot + 1 : hostname);
	return names->dns_computer && names->dns_domain ? 0 : WC_ENOMEM;
}

/* ---- login names ---- */

static bool domain_is_ours(struct dir_handle *dir, const struct auth_names *names, const char *domain)
{
	return strcasecmp(domain, names->netbios_domain) == 0 || dir_domain_is_accepted(dir, domain);
}

static enum auth_result from_dir(int err)
{
	return err == DIR_E_NOTFOUND || err == DIR_E_WRONG_KIND || err == DIR_E_INVALID ? AUTH_DENIED
	                                                                                : AUTH_UNAVAILABLE;
}

enum auth_result auth_resolve_user(struct dir_handle *dir, const struct auth_names *names, TALLOC_CTX *mem,
                                   const char *name, const char *domain, struct dir_entry **out)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	const char *bs = strchr(name, '\\');
	if (bs != NULL && (domain == NULL || *domain == '\0')) {
		domain = talloc_strndup(tmp, name, (size_t)(bs - name));
		name = bs + 1;
	}
	enum auth_result res = AUTH_DENIED;
	struct dir_entry *e = NULL;
	int err = DIR_E_NOTFOUND;
	if (domain != NULL && *domain != '\0' && !domain_is_ours(dir, names, domain))
		goto done;
	const char *at = strchr(name, '@');
	if (at != NULL) {
		err = dir_lookup_smtp(dir, tmp, name, &e);
		/* the UPN form alias@domain of a user whose addresses differ */
		if (err == DIR_E_NOTFOUND && at[1] != '\0' && domain_is_ours(dir, names, at + 1))
			err = dir_lookup_alias(dir, tmp, talloc_strndup(tmp, name, (size_t)(at - name)), &e);
	} else if (*name != '\0') {
		err = dir_lookup_alias(dir, tmp, name, &e);
	}
	if (err != DIR_OK) {
		res = from_dir(err);
		goto done;
	}
	if (e->kind != DIR_USER || !e->enabled)
		goto done;
	*out = talloc_steal(mem, e);
	res = AUTH_OK;
done:
	talloc_free(tmp);
	return res;
}

static struct auth_user *user_from_entry(TALLOC_CTX *mem, const struct dir_entry *e, enum auth_method method,
                                         const char *login)
{
	struct auth_user *u = talloc_zero(mem, struct auth_user);
	if (u == NULL)
		return NULL;
	u->method = method;
	u->mid = e->mid;
	u->alias = talloc_strdup(u, e->alias);
	u->smtp = talloc_strdup(u, e->smtp);
	u->display_name = talloc_strdup(u, e->display_name);
	u->legacy_dn = talloc_strdup(u, e->legacy_dn);
	u->mailbox_guid = e->mailbox_guid;
	u->login = talloc_strdup(u, login);
	if (!u->alias || !u->smtp || !u->display_name || !u->legacy_dn || !u->login) {
		talloc_free(u);
		return NULL;
	}
	return u;
}

/* ---- Basic (RFC 7617) ---- */

enum auth_result auth_basic(struct dir_handle *dir, const struct auth_names *names, TALLOC_CTX *mem,
                            const char *user_pass, size_t len, struct auth_user **out)
{
	const char *colon = memchr(user_pass, ':', len);
	if (colon == NULL || memchr(user_pass, '\0', len) != NULL || !wc_utf8_valid(user_pass, len))
		return AUTH_MALFORMED;
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *login = talloc_strndup(tmp, user_pass, (size_t)(colon - user_pass));
	char *password = talloc_strndup(tmp, colon + 1, len - (size_t)(colon - user_pass) - 1);
	struct dir_entry *e = NULL;
	enum auth_result res =
	        login && password ? auth_resolve_user(dir, names, tmp, login, NULL, &e) : AUTH_UNAVAILABLE;
	/* An unknown name costs the same argon2 work as a known one (dir_verify_password on "" does that). */
	int err = dir_verify_password(dir, res == AUTH_OK ? e->alias : "", password ? password : "");
	if (res == AUTH_OK && err != DIR_OK)
		res = err == DIR_E_BAD_PASSWORD || err == DIR_E_DISABLED || err == DIR_E_NO_PASSWORD
		              ? AUTH_DENIED
		              : AUTH_UNAVAILABLE;
	if (res == AUTH_OK && (*out = user_from_entry(mem, e, AUTH_BASIC, login)) == NULL)
		res = AUTH_UNAVAILABLE;
	if (password != NULL)
		memset(password, 0, strlen(password));
	talloc_free(tmp);
	return res;
}

/* ---- NTLM ---- */

struct auth_ntlm_state {
	bool pending; /* a challenge was sent and not used yet */
	uint8_t server_challenge[8];
	uint8_t *negotiate;
	size_t negotiate_len;
	uint8_t *challenge;
	size_t challenge_len;
};

struct auth_ntlm_state *auth_ntlm_state_new(TALLOC_CTX *mem)
{
	return talloc_zero(mem, struct auth_ntlm_state);
}

int auth_ntlm_message_type(const uint8_t *msg, size_t len)
{
	if (len < 12 || memcmp(msg, "NTLMSSP", 8) != 0)
		return 0;
	uint32_t t =
	        (uint32_t)msg[8] | (uint32_t)msg[9] << 8 | (uint32_t)msg[10] << 16 | (uint32_t)msg[11] << 24;
	return t >= 1 && t <= 3 ? (int)t : 0;
}

/* MS-NLMP 2.2.2.10 VERSION: what Windows Server 2019 announces (10.0.17763), NTLMSSP_REVISION_W2K3. */
static const struct ntlm_version server_version = {{10, 0, 0x63, 0x45, 0, 0, 0, 0x0F}};

/* The flags of the CHALLENGE_MESSAGE (3.2.5.1.1): what we support, intersected with what the client asked
 * for where the choice is the client's. */
static uint32_t challenge_flags(uint32_t client)
{
	uint32_t f = NTLM_NEGOTIATE_NTLM | NTLM_REQUEST_TARGET | NTLM_TARGET_TYPE_DOMAIN |
	             NTLM_NEGOTIATE_TARGET_INFO;
	f |= (client & NTLM_NEGOTIATE_UNICODE) || !(client & NTLM_NEGOTIATE_OEM) ? NTLM_NEGOTIATE_UNICODE
	                                                                         : NTLM_NEGOTIATE_OEM;
	f |= client & (NTLM_NEGOTIATE_EXTENDED_SESSIONSECURITY | NTLM_NEGOTIATE_SIGN | NTLM_NEGOTIATE_SEAL |
	               NTLM_NEGOTIATE_ALWAYS_SIGN | NTLM_NEGOTIATE_KEY_EXCH | NTLM_NEGOTIATE_128 |
	               NTLM_NEGOTIATE_56 | NTLM_NEGOTIATE_VERSION);
	return f;
}

/* TargetInfo (2.2.1.2): NetBIOS and DNS names of domain and computer, and the time (MsvAvTimestamp). */
static int target_info(TALLOC_CTX *mem, const struct auth_names *names, uint8_t **out, size_t *len)
{
	const struct {
		uint16_t id;
		const char *s;
	} strs[] = {
	        {NTLM_AV_NB_DOMAIN_NAME, names->netbios_domain},
	        {NTLM_AV_NB_COMPUTER_NAME, names->netbios_computer},
	        {NTLM_AV_DNS_DOMAIN_NAME, names->dns_domain},
	        {NTLM_AV_DNS_COMPUTER_NAME, names->dns_computer},
	};
	struct ntlm_av_pair pairs[5];
	uint8_t stamp[8];
	uint64_t now = wc_filetime_now();
	for (int i = 0; i < 8; i++)
		stamp[i] = (uint8_t)(now >> (8 * i));
	for (int i = 0; i < 4; i++) {
		size_t n;
		uint8_t *u = wc_utf8_to_utf16le(mem, strs[i].s, strlen(strs[i].s), &n);
		if (u == NULL || n > UINT16_MAX)
			return WC_EINVAL;
		pairs[i] = (struct ntlm_av_pair){strs[i].id, (uint16_t)n, u};
	}
	pairs[4] = (struct ntlm_av_pair){NTLM_AV_TIMESTAMP, 8, stamp};
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	int rc = ntlm_av_pairs_push(&w, pairs, 5);
	*out = w.data;
	*len = w.len;
	return rc;
}

enum auth_result auth_ntlm_negotiate(struct auth_ntlm_state *st, const struct auth_names *names,
                                     TALLOC_CTX *mem, const uint8_t *msg, size_t len, uint8_t **challenge,
                                     size_t *challenge_len)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ntlm_negotiate neg;
	struct ntlm_challenge c = {0};
	enum auth_result res = AUTH_MALFORMED;
	st->pending = false;
	if (ntlm_negotiate_pull(tmp, msg, len, &neg) != 0)
		goto done;
	res = AUTH_UNAVAILABLE;
	c.flags = challenge_flags(neg.flags);
	c.target_name = (char *)names->netbios_domain;
	c.has_version = c.flags & NTLM_NEGOTIATE_VERSION;
	c.version = server_version;
	if (getrandom(c.server_challenge, 8, 0) != 8 ||
	    target_info(tmp, names, &c.target_info, &c.target_info_len) != 0 ||
	    ntlm_challenge_push(tmp, &c, challenge, challenge_len) != 0)
		goto done;
	/* The MIC covers the NEGOTIATE and CHALLENGE messages as sent (3.1.5.2.1). */
	talloc_free(st->negotiate);
	talloc_free(st->challenge);
	st->negotiate = talloc_memdup(st, msg, len);
	st->challenge = talloc_memdup(st, *challenge, *challenge_len);
	if (st->negotiate == NULL || st->challenge == NULL)
		goto done;
	st->negotiate_len = len;
	st->challenge_len = *challenge_len;
	memcpy(st->server_challenge, c.server_challenge, 8);
	st->pending = true;
	talloc_steal(mem, *challenge);
	res = AUTH_OK;
done:
	talloc_free(tmp);
	return res;
}

enum auth_result auth_ntlm_authenticate(struct auth_ntlm_state *st, struct dir_handle *dir,
                                        const struct auth_names *names, TALLOC_CTX *mem, const uint8_t *msg,
                                        size_t len, struct auth_user **out)
{
	if (!st->pending)
		return AUTH_MALFORMED; /* an AUTHENTICATE without a challenge on this connection */
	st->pending = false;           /* one answer per challenge: no replay on the same connection */
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ntlm_authenticate m;
	struct dir_entry *e = NULL;
	uint8_t nt_hash[16];
	struct ntlm_keys keys;
	enum auth_result res = AUTH_MALFORMED;
	if (ntlm_authenticate_pull(tmp, msg, len, &m) != 0)
		goto done;
	res = auth_resolve_user(dir, names, tmp, m.user, m.domain, &e);
	if (res != AUTH_OK)
		goto done;
	int err = dir_nt_hash(dir, e->alias, nt_hash);
	if (err != DIR_OK) {
		res = err == DIR_E_NO_PASSWORD ? AUTH_DENIED : AUTH_UNAVAILABLE;
		goto done;
	}
	struct ntlm_transcript t = {
	        st->negotiate, st->negotiate_len, st->challenge, st->challenge_len, msg, len};
	if (ntlm_verify(&m, &t, st->server_challenge, nt_hash, &keys) != 0) {
		res = AUTH_DENIED;
		goto done;
	}
	const char *login = *m.domain ? talloc_asprintf(tmp, "%s\\%s", m.domain, m.user) : m.user;
	if ((*out = user_from_entry(mem, e, AUTH_NTLM, login)) == NULL) {
		res = AUTH_UNAVAILABLE;
		goto done;
	}
	memcpy((*out)->ntlm_session_key, keys.exported_session_key, 16);
	res = AUTH_OK;
done:
	memset(nt_hash, 0, sizeof nt_hash);
	talloc_free(tmp);
	return res;
}
