/* warpcore common: host and domain name syntax (RFC 1123 section 2.1, RFC 1035 section 2.3.4). */
#ifndef WC_HOSTNAME_H
#define WC_HOSTNAME_H

#include <stdbool.h>
#include <stddef.h>

/* True when the n bytes are dot-separated labels of 1..63 letters, digits and inner hyphens, 253 bytes at
 * most, without a trailing dot. Used for server.hostname/listen and for mail domains. */
bool wc_hostname_valid(const char *s, size_t n);

#endif
