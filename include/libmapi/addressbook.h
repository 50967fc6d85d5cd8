/* libmapi address book: name resolution on the session's address book endpoint (/mapi/nspi/, MS-OXCMAPIHTTP
 * 2.2.5 Bind and ResolveNames, the NSPI calls of MS-OXNSPI 3.1.4.1.17). The endpoint has a Session Context of
 * its own, bound on first use with the session's credentials and ended by mapi_disconnect(); the same
 * threading rule holds (one thread at a time per session). */
#ifndef LIBMAPI_ADDRESSBOOK_H
#define LIBMAPI_ADDRESSBOOK_H

#include <stdint.h>
#include <talloc.h>

#include "libmapi/session.h"
#include "mapi/mapihttp.h"   /* struct mapi_http_request / mapi_http_response: the NSPI bodies */
#include "mapi/nspi_types.h" /* MID_UNRESOLVED, MID_AMBIGUOUS, MID_RESOLVED */

/* One name as the server resolved it. */
struct mapi_resolved {
	uint32_t
	        mid; /* MID_UNRESOLVED (0), MID_AMBIGUOUS (1) or MID_RESOLVED (2) (MS-OXNSPI 3.1.4.1.17 c6) */
	char *display_name; /* PidTagDisplayName, NULL unless resolved */
	char *smtp;         /* PidTagSmtpAddress */
	char *dn;           /* PidTagEmailAddress: the legacyExchangeDN */
};

/* ResolveNames (2.2.5.14) of count names (aliases, display names or addresses, UTF-8) against the address
 * book; (*out)[i] answers names[i]. mapi_connect() first (it finds the address book URL). ecSuccess, or
 * a session error (libmapi/session.h), or the NSPI ErrorCode. */
uint32_t mapi_resolve_names(struct mapi_session *s, TALLOC_CTX *mem, uint32_t count, const char *const *names,
                            struct mapi_resolved **out);

/* ---- any NSPI request (MS-OXCMAPIHTTP 2.2.5.3-2.2.5.17, the calls of MS-OXNSPI 3.1.4.1) ----
 *
 * mapi_nspi_call sends one request body the caller filled (req->type MAPI_HTTP_QUERY_ROWS, ...) on the
 * address book endpoint, Bind first when the session is not bound, and returns the response's ErrorCode or a
 * session error. *rsp (on mem) is set whenever a response body came back, also when its ErrorCode is not
 * Success: ErrorsReturned (GetProps) and UnbindSuccess still carry fields. */
uint32_t mapi_nspi_call(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                        struct mapi_http_response **rsp);
/* A MS-OXNSPI 2.2.8 STAT for this session: display-name order, GAL (ContainerID 0), at the beginning of the
 * table, the session's code page and locale. */
struct mapi_nspi_stat *mapi_nspi_stat_new(struct mapi_session *s, TALLOC_CTX *mem);
/* Bind (2.2.5.1) now, a new NSPI context (the other calls bind on first use); the response's ServerGuid. */
uint32_t mapi_nspi_bind(struct mapi_session *s, struct wc_guid *server_guid);
/* Unbind (2.2.5.2): the server's ErrorCode, UnbindSuccess (1) from a server that follows MS-OXNSPI
 * 3.1.4.1.2; ecSuccess when not bound. The next call binds again. */
uint32_t mapi_nspi_unbind(struct mapi_session *s);
/* QueryRows (2.2.5.12): row_count rows of the table stat names (or of explicit_table when not NULL and
 * non-empty) with columns (NULL: the server's default); *stat becomes the response's State. */
uint32_t mapi_nspi_query_rows(struct mapi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                              uint32_t flags, const struct mapi_u32_array *explicit_table, uint32_t row_count,
                              const struct mapi_u32_array *columns, struct mapi_abk_rowset **rows);
/* DnToMinId (2.2.5.4): one MId per DN, 0 for a DN not found (MS-OXNSPI 3.1.4.1.13). */
uint32_t mapi_nspi_dn_to_mid(struct mapi_session *s, TALLOC_CTX *mem, uint32_t count, const char *const *dns,
                             struct mapi_u32_array **mids);
/* GetProps (2.2.5.7) of the object stat->CurrentRec names; *values also on ErrorsReturned. */
uint32_t mapi_nspi_get_props(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_nspi_stat *stat,
                             uint32_t flags, const struct mapi_u32_array *tags,
                             struct mapi_abk_proplist **values);

#endif
