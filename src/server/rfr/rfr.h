/* warpd RFR: the Address Book Name Service Provider Interface Referral Protocol (MS-OXABREF 3.1.4) over the
 * directory. One warpd serves every mailbox and the address book, so both answers name this host; the
 * functions check that what the client names exists. Transports (NDR over ncacn_ip_tcp or RPC over HTTP)
 * call these with decoded arguments and map the return value (0 or a common/mapi_errors.h code). */
#ifndef WC_RFR_H
#define WC_RFR_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "store/directory.h"

/* The FQDN of this host: server.hostname, or the system host name (common/wc_hostname.h). */
struct rfr_config {
	const char *fqdn;
};

/* MS-OXABREF 3.1.4.1 RfrGetNewDSA: *server = the FQDN of an NSPI server (this one). user_dn is optional;
 * when given it must be a user's legacyExchangeDN (else ecNotFound). flags are ignored. */
uint32_t rfr_get_new_dsa(struct dir_handle *dir, const struct rfr_config *cfg, TALLOC_CTX *mem,
                         uint32_t flags, const char *user_dn, char **server);

/* MS-OXABREF 3.1.4.2 RfrGetFQDNFromServerDN: *fqdn = the FQDN of the mailbox server the DN names.
 * cb_server_dn is cbMailboxServerDN (the bytes including the NUL, 10..1024, else ecInvalidParam). The DN
 * is "<org DN>/cn=Configuration/cn=Servers/cn=<mailbox GUID>@<domain>", as Autodiscover's ServerDN and
 * PidTagAddressBookHomeMessageDatabase give it (a trailing "/cn=Microsoft Private MDB" is accepted too);
 * ecNotFound when it names no mailbox of this organisation. */
uint32_t rfr_get_fqdn_from_server_dn(struct dir_handle *dir, const struct rfr_config *cfg, TALLOC_CTX *mem,
                                     uint32_t flags, const char *server_dn, size_t cb_server_dn, char **fqdn);

/* The "<mailbox GUID>@<domain>" part of such a server DN, on mem; NULL when the DN is not one of ours. */
char *rfr_server_dn_mailbox(TALLOC_CTX *mem, const char *org_dn_prefix, const char *server_dn);

#endif
