/* warpd RFR, MS-OXABREF 3.1.4.1 RfrGetNewDSA and 3.1.4.2 RfrGetFQDNFromServerDN. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "common/mapi_errors.h"
#include "server/rfr/rfr.h"

char *rfr_server_dn_mailbox(TALLOC_CTX *mem, const char *org_dn_prefix, const char *server_dn)
{
	static const char servers[] = "/cn=Configuration/cn=Servers/cn=";
	size_t ol = strlen(org_dn_prefix), sl = strlen(servers);
	if (server_dn == NULL || strncasecmp(server_dn, org_dn_prefix, ol) != 0 ||
	    strncasecmp(server_dn + ol, servers, sl) != 0)
		return NULL;
	const char *name = server_dn + ol + sl, *end = strchr(name, '/');
	if (end != NULL && strcasecmp(end, "/cn=Microsoft Private MDB") != 0)
		return NULL;
	size_t n = end ? (size_t)(end - name) : strlen(name);
	const char *at = memchr(name, '@', n);
	struct wc_guid g;
	char braced[40];
	if (at == NULL || at - name != 36 || at + 1 == name + n)
		return NULL;
	snprintf(braced, sizeof braced, "{%.36s}", name);
	return wc_guid_from_string(braced, &g) ? talloc_strndup(mem, name, n) : NULL;
}

uint32_t rfr_get_new_dsa(struct dir_handle *dir, const struct rfr_config *cfg, TALLOC_CTX *mem,
                         uint32_t flags, const char *user_dn, char **server)
{
	(void)flags; /* "MUST be ignored" */
	if (user_dn != NULL && *user_dn != '\0') {
		struct dir_entry *e;
		if (dir_lookup_dn(dir, mem, user_dn, &e) != DIR_OK)
			return ecNotFound;
		talloc_free(e);
	}
	*server = talloc_strdup(mem, cfg->fqdn);
	return *server ? ecSuccess : ecNotEnoughMemory;
}

uint32_t rfr_get_fqdn_from_server_dn(struct dir_handle *dir, const struct rfr_config *cfg, TALLOC_CTX *mem,
                                     uint32_t flags, const char *server_dn, size_t cb_server_dn, char **fqdn)
{
	(void)flags;
	/* cbMailboxServerDN: [range(10,1024)], the bytes of szMailboxServerDN with its NUL */
	if (server_dn == NULL || cb_server_dn < 10 || cb_server_dn > 1024 ||
	    strlen(server_dn) + 1 != cb_server_dn)
		return ecInvalidParam;
	TALLOC_CTX *tmp = talloc_new(mem);
	struct dir_org *org;
	struct dir_entry **users;
	size_t n;
	if (tmp == NULL || dir_org_get(dir, tmp, &org) != DIR_OK ||
	    dir_list(dir, tmp, DIR_KIND_MASK(DIR_USER), &users, &n) != DIR_OK) {
		talloc_free(tmp);
		return ecError;
	}
	char *mailbox = rfr_server_dn_mailbox(tmp, org->dn_prefix, server_dn);
	uint32_t ec = ecNotFound;
	for (size_t i = 0; mailbox && i < n && ec == ecNotFound; i++) {
		/* the server of a user is "<mailbox GUID>@<domain of the primary address>" */
		char g[39];
		wc_guid_to_string(&users[i]->mailbox_guid, g);
		const char *at = strchr(users[i]->smtp, '@');
		if (strncasecmp(mailbox, g + 1, 36) == 0 && at && strcasecmp(mailbox + 37, at + 1) == 0)
			ec = ecSuccess;
	}
	talloc_free(tmp);
	if (ec == ecSuccess && (*fqdn = talloc_strdup(mem, cfg->fqdn)) == NULL)
		ec = ecNotEnoughMemory;
	return ec;
}
