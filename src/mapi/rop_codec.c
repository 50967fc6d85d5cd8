/* The toolkit of the per-area ROP codecs: fixed-field bodies and field shapes several ROPs share
 * (rop_codec.h). Pulls allocate on p->mem only; the caller (rop.c) frees that context when a ROP fails, so a
 * helper needs no cleanup of its own. */
#include "mapi/rop_codec.h"

#include <string.h>

#include "mapi/mapi_restriction.h"

int rop_fields_pull(struct rop_pull *p, const struct rop_fields *f, void *body)
{
	for (uint8_t i = 0; i < f->count; i++) {
		void *v = (uint8_t *)body + f->fields[i].offset;
		bool ok = false;
		switch (f->fields[i].kind) {
		case ROP_U8:
			ok = wc_read_u8(p->r, v);
			break;
		case ROP_U16:
			ok = wc_read_u16(p->r, v);
			break;
		case ROP_U32:
			ok = wc_read_u32(p->r, v);
			break;
		case ROP_U64:
			ok = wc_read_u64(p->r, v);
			break;
		case ROP_GUID:
			ok = wc_read_guid(p->r, v);
			break;
		case ROP_LTID:
			ok = wc_read_bytes(p->r, v, sizeof(struct rop_long_term_id));
			break;
		}
		if (!ok)
			return WC_EFORMAT;
	}
	return 0;
}

int rop_fields_push(struct rop_push *p, const struct rop_fields *f, const void *body)
{
	for (uint8_t i = 0; i < f->count; i++) {
		const void *v = (const uint8_t *)body + f->fields[i].offset;
		switch (f->fields[i].kind) {
		case ROP_U8:
			wc_write_u8(p->w, *(const uint8_t *)v);
			break;
		case ROP_U16:
			wc_write_u16(p->w, *(const uint16_t *)v);
			break;
		case ROP_U32:
			wc_write_u32(p->w, *(const uint32_t *)v);
			break;
		case ROP_U64:
			wc_write_u64(p->w, *(const uint64_t *)v);
			break;
		case ROP_GUID:
			wc_write_guid(p->w, v);
			break;
		case ROP_LTID:
			wc_write_bytes(p->w, v, sizeof(struct rop_long_term_id));
			break;
		}
	}
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.4.1.2 ServerCount, CheapServerCount, Servers (and the same fields of 2.2.4.2.2, 2.2.3.6.2,
 * 2.2.3.7.2) */
int rop_server_list_pull(struct rop_pull *p, struct rop_server_list *s)
{
	if (!wc_read_u16(p->r, &s->count) || !wc_read_u16(p->r, &s->cheap_count))
		return WC_EFORMAT;
	s->servers = NULL;
	if (s->count == 0)
		return 0;
	if (s->count > wc_reader_left(p->r)) /* each string takes at least its NUL */
		return WC_EFORMAT;
	s->servers = talloc_array(p->mem, char *, s->count);
	if (s->servers == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < s->count; i++)
		if (!wc_read_ascii_z(p->r, s->servers, &s->servers[i]))
			return WC_EFORMAT;
	return 0;
}

int rop_server_list_push(struct rop_push *p, const struct rop_server_list *s)
{
	wc_write_u16(p->w, s->count);
	wc_write_u16(p->w, s->cheap_count);
	for (uint16_t i = 0; i < s->count; i++)
		wc_write_ascii_z(p->w, s->servers[i]);
	return wc_writer_status(p->w);
}

/* MS-OXCROPS 2.2.4.1.2 IsGhosted, then ServerCount/CheapServerCount/Servers only when it is nonzero */
int rop_ghosted_pull(struct rop_pull *p, uint8_t *is_ghosted, struct rop_server_list *s)
{
	*s = (struct rop_server_list){0};
	if (!wc_read_u8(p->r, is_ghosted))
		return WC_EFORMAT;
	return *is_ghosted ? rop_server_list_pull(p, s) : 0;
}

int rop_ghosted_push(struct rop_push *p, uint8_t is_ghosted, const struct rop_server_list *s)
{
	wc_write_u8(p->w, is_ghosted);
	return is_ghosted ? rop_server_list_push(p, s) : wc_writer_status(p->w);
}

/* e.g. MS-OXCROPS 2.2.4.11.1 MessageIdCount, MessageIds */
int rop_id_array_pull(struct rop_pull *p, uint16_t *count, uint64_t **ids)
{
	*ids = NULL;
	if (!wc_read_u16(p->r, count))
		return WC_EFORMAT;
	if (*count == 0)
		return 0;
	if ((size_t)*count * 8 > wc_reader_left(p->r))
		return WC_EFORMAT;
	*ids = talloc_array(p->mem, uint64_t, *count);
	if (*ids == NULL)
		return WC_ENOMEM;
	for (uint16_t i = 0; i < *count; i++)
		wc_read_u64(p->r, &(*ids)[i]);
	return 0;
}

int rop_id_array_push(struct rop_push *p, uint16_t count, const uint64_t *ids)
{
	wc_write_u16(p->w, count);
	for (uint16_t i = 0; i < count; i++)
		wc_write_u64(p->w, ids[i]);
	return wc_writer_status(p->w);
}

int rop_string_pull(struct rop_pull *p, uint8_t unicode, char **s)
{
	bool ok = unicode ? wc_read_utf16_z(p->r, p->mem, s) : wc_read_ascii_z(p->r, p->mem, s);
	return ok ? 0 : WC_EFORMAT;
}

/* NULL is written as the empty string. */
int rop_string_push(struct rop_push *p, uint8_t unicode, const char *s)
{
	if (s == NULL)
		s = "";
	if (unicode)
		wc_write_utf16_z(p->w, s);
	else
		wc_write_ascii_z(p->w, s);
	return wc_writer_status(p->w);
}

/* e.g. MS-OXCSTOR 2.2.1.1.1 Essdn: "The string length (including the terminating NULL character) MUST be
 * equal to the value specified by the EssdnSize field." */
int rop_counted_ascii_pull(struct rop_pull *p, size_t size, char **s)
{
	const uint8_t *b;
	*s = NULL;
	if (size == 0)
		return 0;
	if (!wc_read_ptr(p->r, size, &b) || b[size - 1] != 0 || memchr(b, 0, size - 1) != NULL)
		return WC_EFORMAT;
	*s = talloc_strndup(p->mem, (const char *)b, size - 1);
	return *s ? 0 : WC_ENOMEM;
}

long rop_counted_ascii_size(const char *s, size_t max)
{
	if (s == NULL)
		return 0;
	size_t n = strlen(s) + 1;
	return n > max ? -1 : (long)n;
}

/* e.g. MS-OXCROPS 2.2.5.9.1 BookmarkSize, Bookmark; 2.2.9.3.1 DataSize, Data */
int rop_sized_bytes_pull(struct rop_pull *p, struct mapi_binary *b)
{
	uint16_t size;
	const uint8_t *data;
	*b = (struct mapi_binary){0};
	if (!wc_read_u16(p->r, &size) || !wc_read_ptr(p->r, size, &data))
		return WC_EFORMAT;
	if (size == 0)
		return 0;
	if ((b->data = talloc_memdup(p->mem, data, size)) == NULL)
		return WC_ENOMEM;
	b->len = size;
	return 0;
}

int rop_sized_bytes_push(struct rop_push *p, const struct mapi_binary *b)
{
	if (b->len > UINT16_MAX)
		return WC_ERANGE;
	if (b->len > 0 && b->data == NULL)
		return WC_EINVAL;
	wc_write_u16(p->w, (uint16_t)b->len);
	wc_write_bytes(p->w, b->data, b->len);
	return wc_writer_status(p->w);
}

int rop_bytes_pull(struct rop_pull *p, void *body)
{
	return rop_sized_bytes_pull(p, body);
}

int rop_bytes_push(struct rop_push *p, const void *body)
{
	return rop_sized_bytes_push(p, body);
}

/* e.g. MS-OXCROPS 2.2.8.5.2 PropertyTagCount, PropertyTags */
int rop_property_tags_pull(struct rop_pull *p, void *body)
{
	struct rop_property_tags *b = body;
	return mapi_proptag_array_pull(p->r, p->mem, &b->property_tag_count, &b->property_tags);
}

int rop_property_tags_push(struct rop_push *p, const void *body)
{
	const struct rop_property_tags *b = body;
	return mapi_proptag_array_push(p->w, b->property_tag_count, b->property_tags);
}

/* e.g. MS-OXCROPS 2.2.4.4.1 RestrictionDataSize, 2.2.8.6.1 PropertyValueSize */
int rop_sized_pull(struct rop_pull *p, int (*pull)(struct rop_pull *p, void *body), void *body)
{
	uint16_t size;
	const uint8_t *b;
	if (!wc_read_u16(p->r, &size) || !wc_read_ptr(p->r, size, &b))
		return WC_EFORMAT;
	struct wc_reader sub;
	wc_reader_init(&sub, b, size);
	struct rop_pull in = *p;
	in.r = &sub;
	int ret = pull(&in, body);
	if (ret == 0 && wc_reader_left(&sub) != 0) /* what is sized must fill its size exactly */
		ret = WC_EFORMAT;
	return ret;
}

int rop_sized_push(struct rop_push *p, int (*push)(struct rop_push *p, const void *body), const void *body)
{
	size_t at;
	if (!wc_write_reserve(p->w, 2, &at))
		return wc_writer_status(p->w);
	int ret = push(p, body);
	return ret ? ret : rop_patch_size16(p, at);
}

/* A Restriction (MS-OXCDATA 2.12, 16-bit counts in ROPs) filling the bytes it is given; none is NULL. */
static int restriction_pull(struct rop_pull *p, void *body)
{
	struct mapi_restriction **res = body;
	*res = NULL;
	return wc_reader_left(p->r) == 0 ? 0 : mapi_restriction_pull(p->r, p->mem, 0, res);
}

static int restriction_push(struct rop_push *p, const void *body)
{
	const struct mapi_restriction *res = body;
	return res == NULL ? wc_writer_status(p->w) : mapi_restriction_push(p->w, 0, res);
}

/* e.g. MS-OXCROPS 2.2.4.4.1 RestrictionDataSize, RestrictionData */
int rop_sized_restriction_pull(struct rop_pull *p, struct mapi_restriction **res)
{
	return rop_sized_pull(p, restriction_pull, res);
}

int rop_sized_restriction_push(struct rop_push *p, const struct mapi_restriction *res)
{
	return rop_sized_push(p, restriction_push, res);
}

int rop_patch_size16(struct rop_push *p, size_t at)
{
	size_t size = p->w->len - at - 2;
	if (size > UINT16_MAX)
		return WC_ERANGE;
	wc_patch_u16(p->w, at, (uint16_t)size);
	return wc_writer_status(p->w);
}
