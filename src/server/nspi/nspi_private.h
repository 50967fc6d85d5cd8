/* warpd NSPI internals shared by nspi.c (methods), nspi_table.c (address lists, order, positioning, ANR,
 * restrictions) and nspi_props.c (property values). */
#ifndef WC_NSPI_PRIVATE_H
#define WC_NSPI_PRIVATE_H

#include "server/nspi/nspi.h"

/* MS-OXOABK 2.2.3.10 PidTagObjectType */
#define NSPI_MAPI_ABCONT 4
#define NSPI_MAPI_MAILUSER 6
#define NSPI_MAPI_DISTLIST 8
/* MS-OXOABK 2.2.2.1 PidTagContainerFlags */
#define NSPI_AB_RECIPIENTS 0x1
#define NSPI_AB_SUBCONTAINERS 0x2
#define NSPI_AB_UNMODIFIABLE 0x8

/* A directory object, its display name's collation key and those of its given name and surname (NULL when
 * the directory has none), which ANR matches by prefix. */
struct nspi_obj {
	struct dir_entry *e;
	char *key;
	char *given_key, *surname_key;
};

struct nspi_anr_entry {
	const char *key;
	struct nspi_obj *o;
};

/* One address list: the directory objects of the kinds in kinds, in GAL order. */
struct nspi_list {
	uint32_t container_id;
	const char *name;
	unsigned kinds;
	struct nspi_obj **rows;
	size_t count;
};
#define NSPI_LIST_COUNT 4

/* One reading of the directory: the objects in MId order, the address lists in GAL order and the ANR index.
 * Immutable once built; shared by the sessions whose directory token matches, freed with its last user. */
struct nspi_snapshot {
	int refs; /* under nspi_cache.lock */
	uint64_t token;
	struct nspi_obj **by_mid;
	size_t count;
	struct nspi_list lists[NSPI_LIST_COUNT]; /* GAL first */
	struct nspi_anr_entry *anr;              /* every folded name an object can be found by, sorted */
	size_t anr_count;
};

struct nspi_session {
	struct dir_handle *dir;
	struct nspi_config cfg;
	struct dir_org *org;
	uint32_t user_mid;          /* 0 for an anonymous session */
	struct nspi_cache *cache;   /* cfg.cache, or the session's own */
	struct nspi_snapshot *snap; /* the reading the current call uses (nspi_refresh) */
};

/* nspi_table.c */
uint32_t nspi_refresh(struct nspi_session *s);
/* Gives the session's reading back (unbind). */
void nspi_release(struct nspi_session *s);
const struct nspi_list *nspi_find_list(struct nspi_session *s, uint32_t container_id);
struct nspi_obj *nspi_find_mid(struct nspi_session *s, uint32_t mid);
struct nspi_obj *nspi_find_dn(struct nspi_session *s, const char *dn);
/* Index of mid in the list, or -1. */
long nspi_list_index(struct nspi_session *s, const struct nspi_list *l, uint32_t mid);
int nspi_obj_cmp(const struct nspi_obj *a, const struct nspi_obj *b);
/* MS-OXNSPI 3.1.4.5: the position the STAT names (CurrentRec, or NumPos/TotalRecs for MID_CURRENT), moved by
 * Delta and clamped to [0, count]. ecNotFound when CurrentRec is not in the list. */
uint32_t nspi_position(struct nspi_session *s, const struct nspi_list *l, const struct mapi_nspi_stat *st,
                       size_t *pos);
/* Sets CurrentRec, NumPos, TotalRecs and Delta for position pos. */
void nspi_stat_set(const struct nspi_list *l, struct mapi_nspi_stat *st, size_t pos);
/* MS-OXNSPI 3.1.4.7 over list: MID_UNRESOLVED, MID_AMBIGUOUS, or the MId of the one object. */
uint32_t nspi_anr(struct nspi_session *s, const struct nspi_list *l, const char *utf8);
/* MS-OXCDATA 2.12 restriction over one object; ecSuccess with *match, or ecTooComplex. */
uint32_t nspi_restriction_eval(struct nspi_session *s, const struct mapi_restriction *r,
                               const struct nspi_obj *o, uint32_t code_page, bool *match);

/* nspi_props.c */
bool nspi_codepage_supported(uint32_t cp);
char *nspi_to_codepage(TALLOC_CTX *mem, const char *utf8, uint32_t cp);
char *nspi_from_codepage(TALLOC_CTX *mem, const char *bytes, uint32_t cp);
/* The value of tag (its type chooses String8 or Unicode) on e; ecNotFound when e has none. */
uint32_t nspi_prop_get(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e, uint32_t tag,
                       uint32_t flags, uint32_t code_page, struct mapi_propval *pv);
/* The tags that have values on e (strings as string_type). */
uint32_t *nspi_prop_tags(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e,
                         uint16_t string_type, bool skip_objects, uint32_t *count);
/* The objects a link property of e refers to (PidTagAddressBookMember, ...IsMemberOfDistributionList,
 * ...PublicDelegates), on mem; ecNotSupported for any other property. */
uint32_t nspi_linked(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e, uint16_t id,
                     struct dir_entry ***out, size_t *n);
/* Every tag the server knows (QueryColumns). */
uint32_t *nspi_known_tags(TALLOC_CTX *mem, uint16_t string_type, uint32_t *count);
/* A Permanent Entry ID (MS-OXNSPI 2.2.9.3) of dn with display type dt, as bytes. */
int nspi_permanent_entryid(TALLOC_CTX *mem, const char *dn, uint32_t dt, struct mapi_binary *out);
uint32_t nspi_display_type(const struct dir_entry *e);
/* A name-based GUID (RFC 4122 4.3, MD5 = version 3) of space + name. */
void nspi_name_guid(const char *space, const char *name, uint8_t d[16]);
/* The DN of the user's server and home database (as Autodiscover's EXCH ServerDN and MdbDN). */
char *nspi_server_dn(TALLOC_CTX *mem, struct nspi_session *s, const struct dir_entry *user);

#endif
