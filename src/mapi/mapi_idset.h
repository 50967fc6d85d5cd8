/* IDSET / CNSET and GLOBSET (MS-OXCFXICS 2.2.2.4, 2.2.2.6, 3.1.5.4).
 *
 * In memory an IDSET is, per REPLID (REPLID-based form, 2.2.2.4.1) or per REPLGUID (REPLGUID-based form,
 * 2.2.2.4.2), a GLOBSET: a sorted list of closed [low, high] GLOBCNT ranges (48-bit counters as numbers) that
 * neither overlap nor touch. Nothing is stored per ID, so a range of 2^48 IDs costs one entry. Entries are
 * kept sorted (REPLID ascending; REPLGUID by byte-to-byte comparison of its wire form) and never empty —
 * the order the wire format requires.
 *
 * The wire form carries no marker of which of the two forms it is (3.1.5.4.2): the caller says. */
#ifndef MAPI_IDSET_H
#define MAPI_IDSET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"

/* GLOBSET command bytes (MS-OXCFXICS 2.2.2.6.1 - 2.2.2.6.5). Push is 0x01..0x06 (the number of bytes). */
#define MAPI_GLOBSET_END 0x00
#define MAPI_GLOBSET_PUSH_MAX 0x06
#define MAPI_GLOBSET_BITMASK 0x42
#define MAPI_GLOBSET_POP 0x50
#define MAPI_GLOBSET_RANGE 0x52

struct mapi_globcnt_range {
	uint64_t low, high; /* low <= high <= MAPI_GLOBCNT_MAX */
};

struct mapi_globset {
	size_t count;
	struct mapi_globcnt_range *ranges; /* talloc; array length is the capacity */
};

struct mapi_idset_entry {
	uint16_t replid;         /* REPLID-based form */
	struct wc_guid replguid; /* REPLGUID-based form */
	struct mapi_globset set;
};

struct mapi_idset {
	bool guid_based; /* true: REPLGUID-based form */
	size_t count;
	struct mapi_idset_entry *entries; /* talloc child of the struct */
};

/* ---- GLOBSET ---- */

/* All of these return 0, WC_EINVAL (low > high or beyond 48 bits) or WC_ENOMEM; mem owns the range array. */
int mapi_globset_add_range(TALLOC_CTX *mem, struct mapi_globset *s, uint64_t low, uint64_t high);
int mapi_globset_union(TALLOC_CTX *mem, struct mapi_globset *dst, const struct mapi_globset *src);
bool mapi_globset_contains(const struct mapi_globset *s, uint64_t globcnt);
uint64_t mapi_globset_count(const struct mapi_globset *s); /* number of GLOBCNTs */
bool mapi_globset_equal(const struct mapi_globset *a, const struct mapi_globset *b);

/* MS-OXCFXICS 2.2.2.6 / 3.1.5.4.3.2: decodes one command stream up to and including its End command.
 * Ranges may come in any order and overlap; the result is normalised. WC_EFORMAT for: an unknown command,
 * a Push beyond 6 stack bytes, Pop on an empty stack, Bitmask without exactly 5 stack bytes or running past
 * the low-order byte 0xFF, Range with low > high, End with bytes on the stack, or no End. On failure *s and
 * the reader are unchanged. */
int mapi_globset_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_globset *s);
/* 3.1.5.4.3.1: compact encoding (common high-order bytes pushed once, Bitmask for ranges packed within 9
 * values sharing 5 bytes, Push 6 for singletons, Range otherwise), always ending with End. */
int mapi_globset_push(struct wc_writer *w, const struct mapi_globset *s);

/* ---- IDSET ---- */

struct mapi_idset *mapi_idset_new(TALLOC_CTX *mem, bool guid_based);

/* REPLID-based sets; WC_EINVAL on a REPLGUID-based set. id is a FID/MID/CN as mapi_fid_make() builds it. */
int mapi_idset_add_id(struct mapi_idset *s, uint64_t id);
int mapi_idset_add_range(struct mapi_idset *s, uint16_t replid, uint64_t low, uint64_t high);
bool mapi_idset_contains_id(const struct mapi_idset *s, uint64_t id);

/* REPLGUID-based sets; WC_EINVAL on a REPLID-based set. */
int mapi_idset_add_guid_range(struct mapi_idset *s, const struct wc_guid *replguid, uint64_t low,
                              uint64_t high);
bool mapi_idset_contains_guid(const struct mapi_idset *s, const struct wc_guid *replguid, uint64_t globcnt);

/* dst |= src; both of the same form, else WC_EINVAL. */
int mapi_idset_union(struct mapi_idset *dst, const struct mapi_idset *src);
uint64_t mapi_idset_count(const struct mapi_idset *s); /* saturates at UINT64_MAX */
bool mapi_idset_equal(const struct mapi_idset *a, const struct mapi_idset *b);

/* Converts between the forms with a caller's REPLID <-> REPLGUID mapping (MS-OXCSTOR RopGetReplicaIdFromGuid
 * / RopLongTermIdFromId). map returns 0 or an error, which is passed on. The new set is allocated on mem. */
typedef int (*mapi_replid_to_guid_fn)(void *ctx, uint16_t replid, struct wc_guid *replguid);
typedef int (*mapi_guid_to_replid_fn)(void *ctx, const struct wc_guid *replguid, uint16_t *replid);
int mapi_idset_to_guid_based(TALLOC_CTX *mem, const struct mapi_idset *s, mapi_replid_to_guid_fn map,
                             void *ctx, struct mapi_idset **out);
int mapi_idset_to_replid_based(TALLOC_CTX *mem, const struct mapi_idset *s, mapi_guid_to_replid_fn map,
                               void *ctx, struct mapi_idset **out);

/* MS-OXCFXICS 2.2.2.4.1 / 2.2.2.4.2: reads (REPLID or REPLGUID, GLOBSET) pairs up to the end of the reader
 * (an IDSET is a counted binary value). Pairs in any order are accepted; a repeated key is merged; a key
 * whose GLOBSET is empty is dropped. On failure nothing is allocated on mem and the reader is unchanged. */
int mapi_idset_pull(struct wc_reader *r, TALLOC_CTX *mem, bool guid_based, struct mapi_idset **out);
int mapi_idset_push(struct wc_writer *w, const struct mapi_idset *s);

#endif
