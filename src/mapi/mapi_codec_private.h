/* Helpers shared by the MS-OXCDATA / MS-OXORULE value codecs (mapi_propval.c, mapi_restriction.c,
 * mapi_ruleaction.c); not part of the public API. */
#ifndef MAPI_CODEC_PRIVATE_H
#define MAPI_CODEC_PRIVATE_H

#include "common/wc_buf.h"
#include "common/wc_error.h"
#include "mapi/mapi_propval.h"

/* Records err as the writer's sticky error (unless one is already there) and returns the sticky error, so an
 * encoder can `return writer_fail(w, WC_ERANGE);` and a caller checking only the writer sees it too. */
static inline int writer_fail(struct wc_writer *w, int err)
{
	if (w->failed == 0)
		w->failed = err;
	return w->failed;
}

/* Nesting depth carried in bits 8..15 of flags (mapi_propval.h); a nested structure is decoded or encoded
 * with flags_nested(flags). */
static inline unsigned flags_depth(unsigned flags)
{
	return (flags & MAPI_PV_DEPTH_MASK) >> MAPI_PV_DEPTH_SHIFT;
}

static inline unsigned flags_nested(unsigned flags)
{
	return (flags & ~MAPI_PV_DEPTH_MASK) | ((flags_depth(flags) + 1) << MAPI_PV_DEPTH_SHIFT);
}

/* COUNT (MS-OXCDATA 2.11.1.1): 2 bytes, or 4 with MAPI_PV_COUNT32. */
static inline bool count_pull(struct wc_reader *r, unsigned flags, uint32_t *n)
{
	uint16_t n16;
	if (flags & MAPI_PV_COUNT32)
		return wc_read_u32(r, n);
	if (!wc_read_u16(r, &n16))
		return false;
	*n = n16;
	return true;
}

static inline int count_push(struct wc_writer *w, unsigned flags, uint32_t n)
{
	if (flags & MAPI_PV_COUNT32)
		wc_write_u32(w, n);
	else if (n > UINT16_MAX)
		return writer_fail(w, WC_ERANGE);
	else
		wc_write_u16(w, (uint16_t)n);
	return wc_writer_status(w);
}

#endif
