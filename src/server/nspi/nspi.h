/* warpd NSPI: the address book server of MS-OXNSPI 3.1.4 over the directory (store/directory.h).
 *
 * Both transports (MAPI/HTTP /mapi/nspi/, MS-OXCMAPIHTTP 2.2.5, and NDR, MS-OXNSPI 3.1.4.1) call these
 * functions with decoded structures (mapi/mapihttp_nspi.h, mapi/nspi_types.h) and encode what they give back;
 * a transport only frames, authenticates and maps errors (DESIGN.md section 4). Every function returns an
 * NSPI return value (MS-OXNSPI 2.2.1.2, common/mapi_errors.h names). On anything but ecSuccess (and
 * ecWarnWithErrors for nspi_get_props) the output pointers are NULL and *stat is left as it was, as the
 * methods' constraints require.
 *
 * Address lists: the GAL (ContainerID 0, DN "/"), and below it "All Users", "All Groups", "All Contacts"
 * with the Minimal Entry IDs NSPI_MID_ALL_USERS... (above every directory MId, which counts up from 0x10).
 * Rows are sorted by display name with the collation of nspi_collate_key(); ties by MId. The sorted list is
 * rebuilt when dir_change_token() says the directory changed (a warpadm edit is seen by the next call).
 *
 * Threads and handles: a session uses one dir_handle at a time from one thread (requests of one session are
 * serialised, DESIGN.md section 4): the one given to nspi_bind(), or the one nspi_set_dir() gave it last, so
 * a transport can lend it a pooled handle per request (server/dir_pool.h). The GAL order is kept across
 * handles, since dir_change_token() is the same on every one.
 *
 * Sort locale: one collation serves every SortLocale (MS-OXNSPI 3.1.4.5.1 step 1 lets the server choose the
 * closest LCID it supports in any way). */
#ifndef WC_NSPI_H
#define WC_NSPI_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi/mapi_restriction.h"
#include "mapi/mapihttp.h"
#include "mapi/nspi_types.h"
#include "store/directory.h"

#define NSPI_MID_ALL_USERS 0xFFFFFF01u
#define NSPI_MID_ALL_GROUPS 0xFFFFFF02u
#define NSPI_MID_ALL_CONTACTS 0xFFFFFF03u
#define NSPI_GAL_CONTAINER 0x00000000u
/* GetSpecialTable hierarchy version (MS-OXNSPI 3.1.4.1.3 constraint 7); the address lists are fixed. */
#define NSPI_HIERARCHY_VERSION 1u

/* The readings of the directory that sessions share (one per server; see nspi_config.cache). */
struct nspi_cache;
struct nspi_cache *nspi_cache_create(TALLOC_CTX *mem);

struct nspi_config {
	bool allow_anonymous; /* auth.nspi_anonymous: honour fAnonymousLogin, else such a bind is
	                         ecLoginFailure */
	const char *host;     /* host[:port] clients reach warpd by, as Autodiscover announces it */
	bool tls;             /* https URLs */
	struct nspi_cache
	        *cache; /* shared GAL readings (must outlive the sessions); NULL: the session's own */
};

struct nspi_session;

/* MS-OXNSPI 3.1.4.1.1. user is the authenticated account (alias or SMTP address), NULL for an anonymous
 * bind. The session is a talloc child of mem and uses dir (which must outlive it). *server_guid (pServerGuid,
 * also the ProviderUID of the Ephemeral Entry IDs the session gives) is the directory's dir_org.server_guid,
 * the same after a restart, so Ephemeral Entry IDs a client kept still name their objects. */
uint32_t nspi_bind(TALLOC_CTX *mem, struct dir_handle *dir, const struct nspi_config *cfg, const char *user,
                   uint32_t flags, const struct mapi_nspi_stat *stat, struct nspi_session **out,
                   struct wc_guid *server_guid);
/* The directory handle the next calls use (see "Threads and handles"). */
void nspi_set_dir(struct nspi_session *s, struct dir_handle *dir);
/* 3.1.4.1.2: frees the session; returns ecUnbindSuccess. */
uint32_t nspi_unbind(struct nspi_session *s);

/* 3.1.4.1.4. delta (NULL: not requested) gets the rows moved. */
uint32_t nspi_update_stat(struct nspi_session *s, struct mapi_nspi_stat *stat, int32_t *delta);
/* 3.1.4.1.12 */
uint32_t nspi_compare_mids(struct nspi_session *s, const struct mapi_nspi_stat *stat, uint32_t mid1,
                           uint32_t mid2, int32_t *result);
/* 3.1.4.1.13: one MId per DN, 0 when unknown. */
uint32_t nspi_dn_to_mid(struct nspi_session *s, TALLOC_CTX *mem, const struct mapi_nspi_strings *names,
                        struct mapi_u32_array **mids);
/* 3.1.4.1.8. explicit_table NULL (or count 0) reads the table of stat. columns NULL: the default columns.
 * At the end of the table: row_count rows of PtypErrorCode values (c15), bounded in size. */
uint32_t nspi_query_rows(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, struct mapi_nspi_stat *stat,
                         const struct mapi_u32_array *explicit_table, uint32_t row_count,
                         const struct mapi_u32_array *columns, struct mapi_abk_rowset **rows);
/* 3.1.4.1.9. rows is set only when columns is not NULL. */
uint32_t nspi_seek_entries(struct nspi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                           const struct mapi_abk_value *target, const struct mapi_u32_array *explicit_table,
                           const struct mapi_u32_array *columns, struct mapi_abk_rowset **rows);
/* 3.1.4.1.10. filter NULL: the property-value form (CurrentRec names the object, prop_name or ContainerID
 * the property; PidTagAddressBookMember and PidTagAddressBookHomeMessageDatabase's reverse are supported). */
uint32_t nspi_get_matches(struct nspi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                          const struct mapi_restriction *filter, const struct mapi_nspi_propname *prop_name,
                          uint32_t row_count, const struct mapi_u32_array *columns,
                          struct mapi_u32_array **mids, struct mapi_abk_rowset **rows);
/* 3.1.4.1.11 */
uint32_t nspi_resort_restriction(struct nspi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                                 const struct mapi_u32_array *in, struct mapi_u32_array **out);
/* 3.1.4.1.6 */
uint32_t nspi_get_prop_list(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, uint32_t mid,
                            uint32_t code_page, struct mapi_u32_array **tags);
/* 3.1.4.1.7: ecSuccess, or ecWarnWithErrors with *values set when a property has no value. */
uint32_t nspi_get_props(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags,
                        const struct mapi_nspi_stat *stat, const struct mapi_u32_array *tags,
                        struct mapi_abk_proplist **values);
/* 3.1.4.1.5 */
uint32_t nspi_query_columns(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags,
                            struct mapi_u32_array **columns);
/* 3.1.4.1.3. version is in/out (NULL allowed). */
uint32_t nspi_get_special_table(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags,
                                const struct mapi_nspi_stat *stat, uint32_t *version,
                                struct mapi_abk_proplists **rows);
/* 3.1.4.1.18 */
uint32_t nspi_get_template_info(struct nspi_session *s, TALLOC_CTX *mem, uint32_t flags, uint32_t type,
                                const char *dn, uint32_t code_page, uint32_t locale,
                                struct mapi_abk_proplist **row);
/* 3.1.4.1.14 */
uint32_t nspi_mod_props(struct nspi_session *s, const struct mapi_nspi_stat *stat,
                        const struct mapi_u32_array *remove, const struct mapi_abk_proplist *values);
/* 3.1.4.1.15 */
uint32_t nspi_mod_link_att(struct nspi_session *s, uint32_t flags, uint32_t prop_tag, uint32_t mid,
                           const struct mapi_nspi_entryids *entry_ids);
/* 3.1.4.1.16 (unicode false: names are 8-bit in stat->code_page) and 3.1.4.1.17 (unicode true: UTF-8).
 * *mids gets one ANR outcome per name (MID_RESOLVED, MID_UNRESOLVED, MID_AMBIGUOUS), *rows one row per
 * resolved name, in the names' order. */
uint32_t nspi_resolve_names(struct nspi_session *s, TALLOC_CTX *mem, const struct mapi_nspi_stat *stat,
                            const struct mapi_u32_array *tags, const struct mapi_nspi_strings *names,
                            bool unicode, struct mapi_u32_array **mids, struct mapi_abk_rowset **rows);
/* MS-OXCMAPIHTTP 2.2.5.18 GetMailboxUrl (server DN) and 2.2.5.19 GetAddressBookUrl (user DN): the URLs
 * Autodiscover gives (MS-OXDSCLI mapiHttp MailStore / AddressBook). */
uint32_t nspi_get_mailbox_url(struct nspi_session *s, TALLOC_CTX *mem, const char *server_dn, char **url);
uint32_t nspi_get_address_book_url(struct nspi_session *s, TALLOC_CTX *mem, const char *user_dn, char **url);

/* A decoded MAPI/HTTP address book request (MS-OXCMAPIHTTP 2.2.5.2-2.2.5.19, everything but Bind and Unbind,
 * which create and end the session) run as its nspi_*() call: rsp gets StatusCode 0, ErrorCode = the
 * method's return value and the fields of the success body (absent where the method gave nothing), all on
 * mem, ready for mapi_http_response_push(). A request without the STAT its method needs is answered
 * ecInvalidParam. Returns WC_EINVAL (rsp untouched but for its type) for Bind, Unbind and request types of
 * other endpoints. */
int nspi_mapihttp_execute(struct nspi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                          struct mapi_http_response *rsp);

/* The sort key of a display name (UTF-8 in, NUL-terminated bytes out, on mem), compared with strcmp: the
 * primary strength of the Unicode collation for en, de and fr (DIN 5007-1 dictionary order): case and
 * accents ignored (Latin-1 Supplement and Latin Extended-A folded to their base letters), ß as "ss", æ as
 * "ae", œ as "oe"; other characters keep their code point order. NULL when out of memory. */
char *nspi_collate_key(TALLOC_CTX *mem, const char *utf8);

#endif
