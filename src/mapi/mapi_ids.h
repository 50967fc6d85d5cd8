/* MAPI identifiers (no I/O):
 *   MS-OXCDATA 2.2.1.1 Folder ID, 2.2.1.2 Message ID (and MS-OXCFXICS 2.2.2.1 CN, same layout)
 *   MS-OXCDATA 2.2.1.3 Global Identifier (GID), 2.2.1.3.1 LongTermID
 *   MS-OXCFXICS 2.2.2.5 GLOBCNT, 2.2.2.2 XID, 2.2.2.3 PredecessorChangeList, 2.2.2.3.1 SizedXid
 *
 * A FID, MID or CN is 8 bytes on the wire: a 2-byte ReplicaId (REPLID, little-endian like every ROP integer)
 * followed by the 6-byte GlobalCounter (GLOBCNT), whose bytes are in high-to-low order (big-endian; the
 * GLOBSET encoding of MS-OXCFXICS 2.2.2.6 depends on that order, and MS-OXCSTOR 4.6 shows counter 0x12 as
 * "00 00 00 00 00 12"). In memory an ID is the uint64_t that wc_read_u64() makes of those 8 bytes, exactly as
 * it travels in ROP buffers: bits 0-15 are the REPLID, bits 16-63 hold the GLOBCNT bytes in wire order, so
 * the counter as a number is NOT id >> 16 — use mapi_fid_globcnt(). A GLOBCNT as a number is 48 bits. */
#ifndef MAPI_IDS_H
#define MAPI_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"

#define MAPI_GLOBCNT_MAX 0xFFFFFFFFFFFFULL /* GLOBCNT is an unsigned 48-bit integer */

/* ---- FID / MID / CN (MS-OXCDATA 2.2.1.1, 2.2.1.2; MS-OXCFXICS 2.2.2.1) ---- */

/* Builds the in-memory ID from a REPLID and a counter (only its low 48 bits are used). */
uint64_t mapi_fid_make(uint16_t replid, uint64_t globcnt);
uint16_t mapi_fid_replid(uint64_t id);
/* The GlobalCounter as a number (0 .. MAPI_GLOBCNT_MAX). */
uint64_t mapi_fid_globcnt(uint64_t id);

/* ---- GLOBCNT, 6 bytes high-order first (MS-OXCFXICS 2.2.2.5) ---- */

bool mapi_globcnt_pull(struct wc_reader *r, uint64_t *globcnt);
bool mapi_globcnt_push(struct wc_writer *w, uint64_t globcnt);
void mapi_globcnt_to_bytes(uint64_t globcnt, uint8_t out[6]);
uint64_t mapi_globcnt_from_bytes(const uint8_t in[6]);

/* ---- GUIDs as the 16 bytes they are on the wire ---- */

/* Protocol constants are given as byte strings (e.g. %x38.A1.BB.10...); these convert between that form and
 * struct wc_guid (whose first three fields are little-endian on the wire, MS-DTYP 2.3.4). */
void mapi_guid_from_bytes(const uint8_t in[16], struct wc_guid *g);
void mapi_guid_to_bytes(const struct wc_guid *g, uint8_t out[16]);
/* Byte-to-byte comparison of the wire forms (the order MS-OXCFXICS 2.2.2.3 and 2.2.2.4.2 sort by). */
int mapi_guid_compare(const struct wc_guid *a, const struct wc_guid *b);

/* ---- GID and LongTermID (MS-OXCDATA 2.2.1.3, 2.2.1.3.1) ---- */

struct mapi_gid {
	struct wc_guid database_guid;
	uint64_t globcnt; /* 48-bit */
};

#define MAPI_GID_SIZE 22
#define MAPI_LONG_TERM_ID_SIZE 24

int mapi_gid_pull(struct wc_reader *r, struct mapi_gid *gid);
int mapi_gid_push(struct wc_writer *w, const struct mapi_gid *gid);
/* LongTermID = GID + Pad (2 bytes, 0x0000). A non-zero Pad is WC_EFORMAT. */
int mapi_long_term_id_pull(struct wc_reader *r, struct mapi_gid *ltid);
int mapi_long_term_id_push(struct wc_writer *w, const struct mapi_gid *ltid);

/* ---- XID, SizedXid, PredecessorChangeList (MS-OXCFXICS 2.2.2.2, 2.2.2.3, 2.2.2.3.1) ---- */

#define MAPI_XID_MIN_SIZE 17 /* 16-byte NamespaceGuid + LocalId of 1 to 8 bytes */
#define MAPI_XID_MAX_SIZE 24

/* An XID; also the value of PidTagChangeKey and PidTagSourceKey (a GID is an XID with a 6-byte LocalId). */
struct mapi_xid {
	struct wc_guid namespace_guid;
	uint8_t local_id_len; /* 1 .. 8 */
	uint8_t local_id[8];  /* high-order first, like a GLOBCNT */
};

/* The XID's size is not in the XID itself (2.2.2.2): size is its total length, 17..24, else WC_EFORMAT. */
int mapi_xid_pull(struct wc_reader *r, size_t size, struct mapi_xid *xid);
int mapi_xid_push(struct wc_writer *w, const struct mapi_xid *xid);
void mapi_xid_from_gid(const struct mapi_gid *gid, struct mapi_xid *xid);
/* WC_EUNSUPPORTED unless the LocalId is 6 bytes (a GLOBCNT). */
int mapi_xid_to_gid(const struct mapi_xid *xid, struct mapi_gid *gid);
bool mapi_xid_equal(const struct mapi_xid *a, const struct mapi_xid *b);

/* SizedXid: XidSize (1 byte) + XID. */
int mapi_sized_xid_pull(struct wc_reader *r, struct mapi_xid *xid);
int mapi_sized_xid_push(struct wc_writer *w, const struct mapi_xid *xid);

/* A PredecessorChangeList (PidTagPredecessorChangeList): at most one XID per namespace, kept sorted by
 * NamespaceGuid (byte-to-byte), which is also the order 2.2.2.3 requires on the wire. */
struct mapi_pcl {
	size_t count;
	struct mapi_xid *xids; /* talloc child of the struct */
};

/* Reads SizedXid structures up to the end of the reader (the PCL is a counted binary value). A decoded list
 * in any order is accepted and sorted; two XIDs of one namespace keep the greater, but of different LocalId
 * sizes are WC_EFORMAT (2.2.2.2: same namespace, same size). */
int mapi_pcl_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_pcl **out);
int mapi_pcl_push(struct wc_writer *w, const struct mapi_pcl *pcl);
struct mapi_pcl *mapi_pcl_new(TALLOC_CTX *mem);
/* Adds a change: a new namespace is inserted, a known one keeps the greater LocalId. WC_EINVAL when the
 * LocalId size differs from the one already held for that namespace; WC_ENOMEM. */
int mapi_pcl_add(struct mapi_pcl *pcl, const struct mapi_xid *xid);
/* True when the list holds the change xid or a later one of the same namespace (same-size LocalIds compare
 * as big-endian numbers) — the test of MS-OXCFXICS 3.1.5.6.1 conflict detection. */
bool mapi_pcl_includes_xid(const struct mapi_pcl *pcl, const struct mapi_xid *xid);
/* True when a includes b (3.1.5.6.1: for every XID of b, a has one of the same namespace, same or greater).
 */
bool mapi_pcl_includes(const struct mapi_pcl *a, const struct mapi_pcl *b);
/* Adds every change of src to dst (the merge of two versions' histories). */
int mapi_pcl_merge(struct mapi_pcl *dst, const struct mapi_pcl *src);

#endif
