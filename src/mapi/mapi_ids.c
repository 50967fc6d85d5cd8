/* MAPI identifiers: FID/MID/CN, GLOBCNT, GID, LongTermID, XID, SizedXid, PredecessorChangeList.
 * See mapi_ids.h for the in-memory forms. */
#include "mapi/mapi_ids.h"
#include "common/wc_error.h"

#include <string.h>

/* ---- FID / MID / CN ---- */

/* MS-OXCDATA 2.2.1.1 Folder ID, 2.2.1.2 Message ID: ReplicaId (2 bytes) then GlobalCounter (6 bytes). */
uint64_t mapi_fid_make(uint16_t replid, uint64_t globcnt)
{
	uint64_t id = replid;
	/* GLOBCNT byte i (i = 0 the high-order byte) is wire byte 2 + i, i.e. bits 16 + 8i of the LE u64. */
	for (int i = 0; i < 6; i++)
		id |= ((globcnt >> (8 * (5 - i))) & 0xFF) << (16 + 8 * i);
	return id;
}

uint16_t mapi_fid_replid(uint64_t id)
{
	return (uint16_t)(id & 0xFFFF);
}

uint64_t mapi_fid_globcnt(uint64_t id)
{
	uint64_t v = 0;
	for (int i = 0; i < 6; i++)
		v = v << 8 | ((id >> (16 + 8 * i)) & 0xFF);
	return v;
}

/* ---- GLOBCNT ---- */

void mapi_globcnt_to_bytes(uint64_t globcnt, uint8_t out[6])
{
	for (int i = 0; i < 6; i++)
		out[i] = (uint8_t)(globcnt >> (8 * (5 - i)));
}

uint64_t mapi_globcnt_from_bytes(const uint8_t in[6])
{
	uint64_t v = 0;
	for (int i = 0; i < 6; i++)
		v = v << 8 | in[i];
	return v;
}

/* MS-OXCFXICS 2.2.2.5 GLOBCNT */
bool mapi_globcnt_pull(struct wc_reader *r, uint64_t *globcnt)
{
	const uint8_t *p;
	if (!wc_read_ptr(r, 6, &p))
		return false;
	*globcnt = mapi_globcnt_from_bytes(p);
	return true;
}

bool mapi_globcnt_push(struct wc_writer *w, uint64_t globcnt)
{
	uint8_t b[6];
	mapi_globcnt_to_bytes(globcnt, b);
	return wc_write_bytes(w, b, 6);
}

/* ---- GUID byte form ---- */

void mapi_guid_from_bytes(const uint8_t in[16], struct wc_guid *g)
{
	struct wc_reader r;
	wc_reader_init(&r, in, 16);
	wc_read_guid(&r, g);
}

void mapi_guid_to_bytes(const struct wc_guid *g, uint8_t out[16])
{
	out[0] = (uint8_t)g->d1;
	out[1] = (uint8_t)(g->d1 >> 8);
	out[2] = (uint8_t)(g->d1 >> 16);
	out[3] = (uint8_t)(g->d1 >> 24);
	out[4] = (uint8_t)g->d2;
	out[5] = (uint8_t)(g->d2 >> 8);
	out[6] = (uint8_t)g->d3;
	out[7] = (uint8_t)(g->d3 >> 8);
	memcpy(out + 8, g->d4, 8);
}

int mapi_guid_compare(const struct wc_guid *a, const struct wc_guid *b)
{
	uint8_t x[16], y[16];
	mapi_guid_to_bytes(a, x);
	mapi_guid_to_bytes(b, y);
	return memcmp(x, y, 16);
}

/* ---- GID / LongTermID ---- */

/* MS-OXCDATA 2.2.1.3 Global Identifier: DatabaseGuid (16 bytes), GlobalCounter (6 bytes). */
int mapi_gid_pull(struct wc_reader *r, struct mapi_gid *gid)
{
	struct mapi_gid g;
	if (wc_reader_left(r) < MAPI_GID_SIZE)
		return WC_EFORMAT;
	wc_read_guid(r, &g.database_guid);
	mapi_globcnt_pull(r, &g.globcnt);
	*gid = g;
	return 0;
}

int mapi_gid_push(struct wc_writer *w, const struct mapi_gid *gid)
{
	if (gid->globcnt > MAPI_GLOBCNT_MAX)
		return WC_ERANGE;
	wc_write_guid(w, &gid->database_guid);
	mapi_globcnt_push(w, gid->globcnt);
	return wc_writer_status(w);
}

/* MS-OXCDATA 2.2.1.3.1 LongTermID: a GID plus a 2-byte Pad that has the value 0x0000. */
int mapi_long_term_id_pull(struct wc_reader *r, struct mapi_gid *ltid)
{
	size_t start = r->pos;
	struct mapi_gid g;
	uint16_t pad;
	if (wc_reader_left(r) < MAPI_LONG_TERM_ID_SIZE)
		return WC_EFORMAT;
	mapi_gid_pull(r, &g);
	wc_read_u16(r, &pad);
	if (pad != 0) {
		r->pos = start;
		return WC_EFORMAT;
	}
	*ltid = g;
	return 0;
}

int mapi_long_term_id_push(struct wc_writer *w, const struct mapi_gid *ltid)
{
	int ret = mapi_gid_push(w, ltid);
	if (ret != 0)
		return ret;
	wc_write_u16(w, 0);
	return wc_writer_status(w);
}

/* ---- XID ---- */

/* MS-OXCFXICS 2.2.2.2 XID: NamespaceGuid (16 bytes), LocalId (1 to 8 bytes; the size comes from outside). */
int mapi_xid_pull(struct wc_reader *r, size_t size, struct mapi_xid *xid)
{
	struct mapi_xid x;
	if (size < MAPI_XID_MIN_SIZE || size > MAPI_XID_MAX_SIZE || wc_reader_left(r) < size)
		return WC_EFORMAT;
	memset(&x, 0, sizeof x);
	wc_read_guid(r, &x.namespace_guid);
	x.local_id_len = (uint8_t)(size - 16);
	wc_read_bytes(r, x.local_id, x.local_id_len);
	*xid = x;
	return 0;
}

int mapi_xid_push(struct wc_writer *w, const struct mapi_xid *xid)
{
	if (xid->local_id_len < 1 || xid->local_id_len > 8)
		return WC_EINVAL;
	wc_write_guid(w, &xid->namespace_guid);
	wc_write_bytes(w, xid->local_id, xid->local_id_len);
	return wc_writer_status(w);
}

void mapi_xid_from_gid(const struct mapi_gid *gid, struct mapi_xid *xid)
{
	memset(xid, 0, sizeof *xid);
	xid->namespace_guid = gid->database_guid;
	xid->local_id_len = 6;
	mapi_globcnt_to_bytes(gid->globcnt, xid->local_id);
}

int mapi_xid_to_gid(const struct mapi_xid *xid, struct mapi_gid *gid)
{
	if (xid->local_id_len != 6)
		return WC_EUNSUPPORTED;
	gid->database_guid = xid->namespace_guid;
	gid->globcnt = mapi_globcnt_from_bytes(xid->local_id);
	return 0;
}

bool mapi_xid_equal(const struct mapi_xid *a, const struct mapi_xid *b)
{
	return wc_guid_equal(&a->namespace_guid, &b->namespace_guid) && a->local_id_len == b->local_id_len &&
	       memcmp(a->local_id, b->local_id, a->local_id_len) == 0;
}

/* MS-OXCFXICS 2.2.2.3.1 SizedXid: XidSize (1 byte), XID (XidSize bytes). */
int mapi_sized_xid_pull(struct wc_reader *r, struct mapi_xid *xid)
{
	size_t start = r->pos;
	uint8_t size;
	if (!wc_read_u8(r, &size))
		return WC_EFORMAT;
	int ret = mapi_xid_pull(r, size, xid);
	if (ret != 0)
		r->pos = start;
	return ret;
}

int mapi_sized_xid_push(struct wc_writer *w, const struct mapi_xid *xid)
{
	if (xid->local_id_len < 1 || xid->local_id_len > 8)
		return WC_EINVAL;
	wc_write_u8(w, (uint8_t)(16 + xid->local_id_len));
	return mapi_xid_push(w, xid);
}

/* ---- PredecessorChangeList ---- */

struct mapi_pcl *mapi_pcl_new(TALLOC_CTX *mem)
{
	return talloc_zero(mem, struct mapi_pcl);
}

/* Index of the XID with this namespace, or where it would be inserted (*found false). */
static size_t pcl_find(const struct mapi_pcl *pcl, const struct wc_guid *g, bool *found)
{
	size_t lo = 0, hi = pcl->count;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = mapi_guid_compare(&pcl->xids[mid].namespace_guid, g);
		if (c == 0) {
			*found = true;
			return mid;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	*found = false;
	return lo;
}

int mapi_pcl_add(struct mapi_pcl *pcl, const struct mapi_xid *xid)
{
	bool found;
	if (xid->local_id_len < 1 || xid->local_id_len > 8)
		return WC_EINVAL;
	size_t i = pcl_find(pcl, &xid->namespace_guid, &found);
	if (found) {
		struct mapi_xid *have = &pcl->xids[i];
		if (have->local_id_len != xid->local_id_len)
			return WC_EINVAL;
		if (memcmp(xid->local_id, have->local_id, xid->local_id_len) > 0)
			*have = *xid;
		return 0;
	}
	size_t cap = pcl->xids ? talloc_array_length(pcl->xids) : 0;
	if (pcl->count == cap) {
		struct mapi_xid *n = talloc_realloc(pcl, pcl->xids, struct mapi_xid, cap ? cap * 2 : 4);
		if (n == NULL)
			return WC_ENOMEM;
		pcl->xids = n;
	}
	memmove(&pcl->xids[i + 1], &pcl->xids[i], (pcl->count - i) * sizeof *pcl->xids);
	pcl->xids[i] = *xid;
	pcl->count++;
	return 0;
}

bool mapi_pcl_includes_xid(const struct mapi_pcl *pcl, const struct mapi_xid *xid)
{
	bool found;
	size_t i = pcl_find(pcl, &xid->namespace_guid, &found);
	if (!found || pcl->xids[i].local_id_len != xid->local_id_len)
		return false;
	return memcmp(pcl->xids[i].local_id, xid->local_id, xid->local_id_len) >= 0;
}

bool mapi_pcl_includes(const struct mapi_pcl *a, const struct mapi_pcl *b)
{
	for (size_t i = 0; i < b->count; i++)
		if (!mapi_pcl_includes_xid(a, &b->xids[i]))
			return false;
	return true;
}

int mapi_pcl_merge(struct mapi_pcl *dst, const struct mapi_pcl *src)
{
	for (size_t i = 0; i < src->count; i++) {
		int ret = mapi_pcl_add(dst, &src->xids[i]);
		if (ret != 0)
			return ret;
	}
	return 0;
}

/* MS-OXCFXICS 2.2.2.3 PredecessorChangeList: SizedXid structures without padding, sorted by NamespaceGuid. */
int mapi_pcl_pull(struct wc_reader *r, TALLOC_CTX *mem, struct mapi_pcl **out)
{
	size_t start = r->pos;
	struct mapi_pcl *pcl = mapi_pcl_new(mem);
	if (pcl == NULL)
		return WC_ENOMEM;
	while (wc_reader_left(r) > 0) {
		struct mapi_xid xid;
		int ret = mapi_sized_xid_pull(r, &xid);
		if (ret == 0) {
			ret = mapi_pcl_add(pcl, &xid);
			if (ret == WC_EINVAL)
				ret = WC_EFORMAT;
		}
		if (ret != 0) {
			talloc_free(pcl);
			r->pos = start;
			return ret;
		}
	}
	*out = pcl;
	return 0;
}

int mapi_pcl_push(struct wc_writer *w, const struct mapi_pcl *pcl)
{
	for (size_t i = 0; i < pcl->count; i++) {
		int ret = mapi_sized_xid_push(w, &pcl->xids[i]);
		if (ret != 0)
			return ret;
	}
	return wc_writer_status(w);
}
