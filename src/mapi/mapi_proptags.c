/* MAPI property names: lookups over the tables generated from MS-OXPROPS facts (see mapi_proptags.h). */
#include "mapi/mapi_proptags.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

_Static_assert(offsetof(struct mapi_proptag_info, tag) == 0, "wc_table_lower_bound keys on the first member");

/* Index of the first row whose tag is not below tag (mapi_proptags is sorted by tag). */
static size_t proptag_lower_bound(uint32_t tag)
{
	return wc_table_lower_bound(mapi_proptags, mapi_proptags_count, sizeof mapi_proptags[0], tag);
}

const struct mapi_proptag_info *mapi_proptag_by_tag(uint32_t tag)
{
	size_t i = proptag_lower_bound(tag);

	return i < mapi_proptags_count && mapi_proptags[i].tag == tag ? &mapi_proptags[i] : NULL;
}

const struct mapi_proptag_info *mapi_proptag_by_id(uint16_t id)
{
	size_t i = proptag_lower_bound(PROP_TAG(0, id));

	return i < mapi_proptags_count && PROP_ID(mapi_proptags[i].tag) == id ? &mapi_proptags[i] : NULL;
}

const struct mapi_proptag_info *mapi_proptag_by_name(const char *name)
{
	const struct wc_name_entry *e =
	        wc_name_index_find(mapi_proptag_names, mapi_proptag_names_count, name);

	return e != NULL ? &mapi_proptags[e->row] : NULL;
}

const char *mapi_proptag_name(uint32_t tag)
{
	const struct mapi_proptag_info *p = mapi_proptag_by_tag(tag);

	return p != NULL ? p->name : NULL;
}

/* The type part of a tag as text: "PtypString", "PtypMultipleString|MVI_FLAG" (MS-OXCTABL 2.2.1.3.1), or
 * NULL. */
static const char *type_text(uint16_t type, char *buf, size_t size)
{
	const char *name = mapi_type_name(type);

	if (name != NULL)
		return name;
	if ((type & MVI_FLAG) && (name = mapi_type_name(type & ~MVI_FLAG)) != NULL) {
		snprintf(buf, size, "%s|MVI_FLAG", name);
		return buf;
	}
	return NULL;
}

const char *mapi_proptag_str(uint32_t tag, char *buf, size_t size)
{
	const struct mapi_proptag_info *p = mapi_proptag_by_tag(tag);
	char tbuf[48];
	const char *type = type_text(PROP_TYPE(tag), tbuf, sizeof tbuf);

	if (size == 0)
		return buf;
	/* IDs from 0x8000 on are mapped to named properties per mailbox, so another type of a known ID there
	 * says nothing about the name. */
	if (p == NULL && PROP_ID(tag) < 0x8000)
		p = mapi_proptag_by_id(PROP_ID(tag));
	if (p != NULL && p->tag == tag)
		snprintf(buf, size, "%s (0x%08X)", p->name, (unsigned)tag);
	else if (p != NULL && type != NULL)
		snprintf(buf, size, "%s (0x%08X, %s)", p->name, (unsigned)tag, type);
	else if (p != NULL)
		snprintf(buf, size, "%s (0x%08X, type 0x%04X)", p->name, (unsigned)tag,
		         (unsigned)PROP_TYPE(tag));
	else if (type != NULL)
		snprintf(buf, size, "0x%08X (%s)", (unsigned)tag, type);
	else
		snprintf(buf, size, "0x%08X", (unsigned)tag);
	return buf;
}

/* Order of mapi_named_props: property set (its index in mapi_propsets), kind, LID, string name. */
static int named_prop_cmp(const struct mapi_named_prop_info *row, size_t set, uint8_t kind, uint32_t lid,
                          const char *string_name)
{
	size_t row_set = (size_t)(row->set - mapi_propsets);

	if (row_set != set)
		return row_set < set ? -1 : 1;
	if (row->kind != kind)
		return row->kind < kind ? -1 : 1;
	if (kind == MNID_ID)
		return row->lid < lid ? -1 : row->lid > lid;
	return strcmp(row->string_name, string_name);
}

static const struct mapi_named_prop_info *named_prop_find(const struct wc_guid *guid, uint8_t kind,
                                                          uint32_t lid, const char *string_name)
{
	const struct mapi_propset_info *ps = mapi_propset_by_guid(guid);
	size_t lo = 0, hi = mapi_named_props_count;

	if (ps == NULL)
		return NULL;
	size_t set = (size_t)(ps - mapi_propsets);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (named_prop_cmp(&mapi_named_props[mid], set, kind, lid, string_name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < mapi_named_props_count &&
	    named_prop_cmp(&mapi_named_props[lo], set, kind, lid, string_name) == 0)
		return &mapi_named_props[lo];
	return NULL;
}

const struct mapi_named_prop_info *mapi_named_prop_by_lid(const struct wc_guid *set, uint32_t lid)
{
	return named_prop_find(set, MNID_ID, lid, NULL);
}

const struct mapi_named_prop_info *mapi_named_prop_by_string(const struct wc_guid *set, const char *name)
{
	if (name == NULL)
		return NULL;
	return named_prop_find(set, MNID_STRING, 0, name);
}

const struct mapi_named_prop_info *mapi_named_prop_by_name(const char *name)
{
	const struct wc_name_entry *e =
	        wc_name_index_find(mapi_named_prop_names, mapi_named_prop_names_count, name);

	return e != NULL ? &mapi_named_props[e->row] : NULL;
}

/* The 20 property sets and 33 types are small enough for a linear scan. */
const struct mapi_propset_info *mapi_propset_by_name(const char *name)
{
	if (name == NULL)
		return NULL;
	for (size_t i = 0; i < mapi_propsets_count; i++)
		if (strcmp(mapi_propsets[i].name, name) == 0)
			return &mapi_propsets[i];
	for (size_t i = 0; i < mapi_propsets_count; i++)
		if (strcasecmp(mapi_propsets[i].name, name) == 0)
			return &mapi_propsets[i];
	return NULL;
}

const struct mapi_propset_info *mapi_propset_by_guid(const struct wc_guid *guid)
{
	if (guid == NULL)
		return NULL;
	for (size_t i = 0; i < mapi_propsets_count; i++)
		if (wc_guid_equal(mapi_propsets[i].guid, guid))
			return &mapi_propsets[i];
	return NULL;
}

const char *mapi_propset_name(const struct wc_guid *guid)
{
	const struct mapi_propset_info *ps = mapi_propset_by_guid(guid);

	return ps != NULL ? ps->name : NULL;
}

const char *mapi_type_name(uint16_t type)
{
	for (size_t i = 0; i < mapi_types_count; i++)
		if (mapi_types[i].code == type)
			return mapi_types[i].name;
	return NULL;
}

/* Exact match when icase is false, ASCII case-insensitive when true. */
static const struct mapi_type_info *type_find(const char *name, bool icase)
{
	for (size_t i = 0; i < mapi_types_count; i++) {
		const struct mapi_type_info *t = &mapi_types[i];
		if ((icase ? strcasecmp : strcmp)(t->name, name) == 0)
			return t;
		for (const char *const *pt = t->pt_names; *pt != NULL; pt++)
			if ((icase ? strcasecmp : strcmp)(*pt, name) == 0)
				return t;
	}
	return NULL;
}

bool mapi_type_from_name(const char *name, uint16_t *type)
{
	const struct mapi_type_info *t;

	if (name == NULL)
		return false;
	if ((t = type_find(name, false)) == NULL && (t = type_find(name, true)) == NULL)
		return false;
	*type = t->code;
	return true;
}
