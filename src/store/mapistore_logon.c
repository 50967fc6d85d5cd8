/* The store object: the properties a Logon object answers (MS-OXCSTOR 2.2.2.1 private mailbox logon).
 *
 * Read-only, computed on every read: the entry IDs of the special folders a client finds through the store
 * (PidTagIpmSubtreeEntryId ... PidTagFinderEntryId, MAPI's "opening a message store folder"; the others are
 * on the Root folder and the Inbox, MS-OXOSFLD 2.2.2 - 2.2.4, set by ms_mailbox_provision), the owner and
 * logged-on user the caller names (MS-OXCSTOR 2.2.2.1.1.7, .8, .11), the mailbox-wide PidTagContentCount
 * (2.2.2.1.1.6) and the record keys. The quotas and size limits of 2.2.2.1.1.1 - .4 are unset: "no limit".
 * Every other property (the read/write ones of 2.2.2.1.2: PidTagComment, PidTagDisplayName,
 * PidTagOutOfOfficeState ...) is kept in a property bag persisted at once (MS-OXCPRPT 3.2.5.4: "for Logon
 * objects, the new value ... MUST be persisted immediately"), as TaggedPropertyValues (MS-OXCDATA 2.11.4,
 * 32-bit counts) under the backend's meta key "store_props". */
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags_gen.h"
#include "mapi/mapi_types.h"
#include "store/mapistore_private.h"

#define STORE_PROPS_KEY "store_props"
/* the largest value a property read returns inline, as for folders and messages (mapistore.h) */
#define STORE_INLINE_MAX 32768

struct ms_store_object {
	struct ms_object obj;
	char *owner_name;
	struct mapi_binary owner_entryid;
};

/* The store properties computed from the special folders: tag → folder */
static const struct {
	uint32_t tag;
	enum ms_special_folder folder;
} special_entryids[] = {
        {PidTagIpmSubtreeEntryId, MS_SPECIAL_IPM_SUBTREE},
        {PidTagIpmOutboxEntryId, MS_SPECIAL_OUTBOX},
        {PidTagIpmWastebasketEntryId, MS_SPECIAL_DELETED_ITEMS},
        {PidTagIpmSentMailEntryId, MS_SPECIAL_SENT_ITEMS},
        {PidTagViewsEntryId, MS_SPECIAL_VIEWS},
        {PidTagCommonViewsEntryId, MS_SPECIAL_COMMON_VIEWS},
        {PidTagFinderEntryId, MS_SPECIAL_FINDER},
};
#define SPECIAL_COUNT (sizeof special_entryids / sizeof special_entryids[0])

/* Every computed property, in the order RopGetPropertiesAll lists them */
static const uint32_t computed_tags[] = {
        PidTagIpmSubtreeEntryId,  PidTagIpmOutboxEntryId, PidTagIpmWastebasketEntryId,
        PidTagIpmSentMailEntryId, PidTagViewsEntryId,     PidTagCommonViewsEntryId,
        PidTagFinderEntryId,      PidTagMailboxOwnerName, PidTagMailboxOwnerEntryId,
        PidTagUserEntryId,        PidTagContentCount,     PidTagRecordKey,
        PidTagStoreRecordKey,     PidTagObjectType,
};
#define COMPUTED_COUNT (sizeof computed_tags / sizeof computed_tags[0])

/* MS-OXCSTOR 2.2.2.1.1: read-only besides the computed ones (unset here: no quota, no limit) */
static const uint32_t readonly_tags[] = {
        PidTagExtendedRuleSizeLimit,
        PidTagMaximumSubmitMessageSize,
        PidTagProhibitReceiveQuota,
        PidTagProhibitSendQuota,
        PidTagStoreState,
        PidTagMessageSize,
        PidTagMessageSizeExtended,
        PidTagLocaleId,
        PidTagSortLocaleId,
        PidTagCodePageId,
        PidTagStoreEntryId,
};

static bool tag_listed(const uint32_t *tags, size_t n, uint32_t tag)
{
	for (size_t i = 0; i < n; i++)
		if (PROP_ID(tags[i]) == PROP_ID(tag))
			return true;
	return false;
}

uint32_t ms_mailbox_object(struct ms_mailbox *mb, TALLOC_CTX *mem, const char *owner_name,
                           const struct mapi_binary *owner_entryid, struct ms_object **out)
{
	struct ms_store_object *so = talloc_zero(mem, struct ms_store_object);
	if (so == NULL)
		return ecMAPIOOM;
	so->obj = (struct ms_object){.mb = mb, .be = mb->backends[0], .kind = MS_OBJ_STORE};
	if (owner_name != NULL && (so->owner_name = talloc_strdup(so, owner_name)) == NULL)
		goto oom;
	if (owner_entryid != NULL && owner_entryid->len > 0) {
		so->owner_entryid.data = talloc_memdup(so, owner_entryid->data, owner_entryid->len);
		if (so->owner_entryid.data == NULL)
			goto oom;
		so->owner_entryid.len = owner_entryid->len;
	}
	*out = &so->obj;
	return ecSuccess;
oom:
	talloc_free(so);
	return ecMAPIOOM;
}

/* MS-OXCSTOR 2.2.2.1.1.6: the non-FAI messages of every folder (the root and its whole subtree) */
static uint32_t content_count(struct ms_mailbox *mb, TALLOC_CTX *tmp, int32_t *total)
{
	struct ms_folder *root;
	struct ms_folder_counts c;
	struct ms_table *t;
	uint32_t ec = ms_folder_open(mb, mb->info.root_fid, tmp, &root);
	if (ec == ecSuccess)
		ec = ms_folder_get_counts(root, &c);
	if (ec == ecSuccess)
		ec = ms_folder_hierarchy_table(root, MS_TABLE_DEPTH, &t);
	static const uint32_t column = PidTagContentCount;
	if (ec == ecSuccess)
		ec = ms_table_set_columns(t, &column, 1);
	struct mapi_property_row *rows = NULL;
	uint32_t n = 0, rows_total;
	if (ec == ecSuccess)
		ec = ms_table_get_row_count(t, &rows_total);
	if (ec == ecSuccess)
		ec = ms_table_query_rows(t, tmp, rows_total, true, true, &rows, &n);
	if (ec != ecSuccess)
		return ec;
	int64_t sum = c.content;
	for (uint32_t i = 0; i < n; i++)
		if (rows[i].count == 1 && rows[i].values[0].flag == MAPI_VALUE_PRESENT)
			sum += rows[i].values[0].pv.value.i32;
	*total = sum > INT32_MAX ? INT32_MAX : (int32_t)sum;
	return ecSuccess;
}

/* A computed property of the store object into *out (on mem): false when propid is none of them or has no
 * value (a special folder that does not exist, no owner given). */
static bool store_computed(struct ms_store_object *so, TALLOC_CTX *mem, uint16_t propid,
                           struct mapi_propval *out)
{
	struct ms_mailbox *mb = so->obj.mb;
	for (size_t i = 0; i < SPECIAL_COUNT; i++) {
		if (PROP_ID(special_entryids[i].tag) != propid)
			continue;
		uint64_t fids[MS_SPECIAL_COUNT];
		uint64_t fid = ms_mailbox_special_folders(mb, fids) == ecSuccess
		                       ? fids[special_entryids[i].folder]
		                       : 0;
		out->tag = special_entryids[i].tag;
		return fid != 0 && ms_folder_entryid(mem, mb, fid, &out->value.bin) == ecSuccess;
	}
	switch (propid) {
	case PROP_ID(PidTagMailboxOwnerName):
		out->tag = PidTagMailboxOwnerName;
		return so->owner_name != NULL &&
		       (out->value.str = talloc_strdup(mem, so->owner_name)) != NULL;
	case PROP_ID(PidTagMailboxOwnerEntryId):
	case PROP_ID(
	        PidTagUserEntryId): /* only the owner logs on to a private mailbox (DESIGN §4 Security) */
		out->tag = PROP_TAG(PT_BINARY, propid);
		out->value.bin.len = so->owner_entryid.len;
		return so->owner_entryid.len > 0 &&
		       (out->value.bin.data =
		                talloc_memdup(mem, so->owner_entryid.data, so->owner_entryid.len)) != NULL;
	case PROP_ID(PidTagContentCount): {
		TALLOC_CTX *tmp = talloc_new(NULL);
		out->tag = PidTagContentCount;
		bool ok = tmp != NULL && content_count(mb, tmp, &out->value.i32) == ecSuccess;
		talloc_free(tmp);
		return ok;
	}
	case PROP_ID(PidTagRecordKey):
	case PROP_ID(PidTagStoreRecordKey): {
		/* the MailboxGuid, which is the ProviderUID of the mailbox's entry IDs (MS-OXCDATA 2.2.4.1)
		 */
		struct wc_writer w;
		wc_writer_init(&w, mem, 16);
		wc_write_guid(&w, &mb->info.mailbox_guid);
		out->tag = PROP_TAG(PT_BINARY, propid);
		out->value.bin = (struct mapi_binary){(uint32_t)w.len, w.data};
		return wc_writer_status(&w) == 0;
	}
	case PROP_ID(PidTagObjectType):
		*out = (struct mapi_propval){.tag = PidTagObjectType, .value.i32 = 1}; /* MAPI_STORE */
		return true;
	}
	return false;
}

/* The persisted bag: count (u32) TaggedPropertyValues with 32-bit byte counts */
static uint32_t bag_load(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values, uint32_t *count)
{
	struct mapi_binary v;
	*values = NULL;
	*count = 0;
	uint32_t ec = o->be->ops->meta_get(o->be, STORE_PROPS_KEY, mem, &v);
	if (ec == ecNotFound)
		return ecSuccess;
	if (ec != ecSuccess)
		return ec;
	struct wc_reader r;
	wc_reader_init(&r, v.data, v.len);
	uint32_t n;
	if (!wc_read_u32(&r, &n) || (size_t)n * 4 > wc_reader_left(&r) ||
	    mapi_tagged_propval_array_pull(&r, mem, MAPI_PV_COUNT32, n, values) != 0)
		return ecCorruptData;
	*count = n;
	return ecSuccess;
}

static uint32_t bag_store(struct ms_object *o, const struct mapi_propval *values, uint32_t count)
{
	struct wc_writer w;
	wc_writer_init(&w, NULL, 0);
	wc_write_u32(&w, count);
	mapi_tagged_propval_array_push(&w, MAPI_PV_COUNT32, count, values);
	uint32_t ec = ecMAPIOOM;
	if (wc_writer_status(&w) == 0) {
		struct mapi_binary v = {(uint32_t)w.len, w.data};
		ec = o->be->ops->meta_put(o->be, STORE_PROPS_KEY, &v);
	}
	talloc_free(w.data);
	return ec;
}

static bool string_type(uint16_t t)
{
	return t == PT_UNICODE || t == PT_STRING8;
}

/* The stored value for tag (type PT_UNSPECIFIED: any), converted the way folders and messages do it */
static void stored_value(TALLOC_CTX *mem, const struct mapi_propval *bag, uint32_t n, uint32_t tag,
                         struct mapi_propval *out)
{
	uint16_t want = PROP_TYPE(tag);
	for (uint32_t i = 0; i < n; i++) {
		uint16_t have = PROP_TYPE(bag[i].tag);
		if (PROP_ID(bag[i].tag) != PROP_ID(tag))
			continue;
		if (want != PT_UNSPECIFIED && want != have &&
		    !(string_type(want & ~PT_MV_FLAG) && string_type(have & ~PT_MV_FLAG) &&
		      (want & PT_MV_FLAG) == (have & PT_MV_FLAG)))
			break;
		if ((have == PT_BINARY && bag[i].value.bin.len > STORE_INLINE_MAX) ||
		    (string_type(have) && strlen(bag[i].value.str) > STORE_INLINE_MAX)) {
			*out = (struct mapi_propval){.tag = CHANGE_PROP_TYPE(tag, PT_ERROR),
			                             .value.err = ecNotEnoughMemory}; /* MS-OXCPRPT 3.1.4.5 */
			return;
		}
		if (mapi_propval_copy(mem, &bag[i], out) != 0)
			*out = (struct mapi_propval){.tag = CHANGE_PROP_TYPE(tag, PT_ERROR),
			                             .value.err = ecMAPIOOM};
		else if (want != PT_UNSPECIFIED)
			out->tag = tag;
		return;
	}
	*out = (struct mapi_propval){.tag = CHANGE_PROP_TYPE(tag, PT_ERROR), .value.err = ecNotFound};
}

uint32_t ms_store_props_get(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
                            struct mapi_propval **values)
{
	struct ms_store_object *so = (struct ms_store_object *)o;
	struct mapi_propval *v = talloc_zero_array(mem, struct mapi_propval, count ? count : 1);
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_propval *bag = NULL;
	uint32_t n = 0;
	uint32_t ec = v != NULL && tmp != NULL ? bag_load(o, tmp, &bag, &n) : ecMAPIOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++) {
		uint16_t want = PROP_TYPE(tags[i]);
		if (tag_listed(computed_tags, COMPUTED_COUNT, tags[i])) {
			if (!store_computed(so, v, PROP_ID(tags[i]), &v[i]) ||
			    (want != PT_UNSPECIFIED && want != PROP_TYPE(v[i].tag) &&
			     !(string_type(want) && string_type(PROP_TYPE(v[i].tag)))))
				v[i] = (struct mapi_propval){.tag = CHANGE_PROP_TYPE(tags[i], PT_ERROR),
				                             .value.err = ecNotFound};
			else if (want != PT_UNSPECIFIED)
				v[i].tag = tags[i];
		} else {
			stored_value(v, bag, n, tags[i], &v[i]);
		}
	}
	talloc_free(tmp);
	if (ec != ecSuccess) {
		talloc_free(v);
		return ec;
	}
	*values = v;
	return ecSuccess;
}

uint32_t ms_store_props_get_all(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values,
                                uint32_t *count)
{
	struct ms_store_object *so = (struct ms_store_object *)o;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_propval *bag = NULL;
	uint32_t n = 0;
	uint32_t ec = tmp != NULL ? bag_load(o, tmp, &bag, &n) : ecMAPIOOM;
	struct mapi_propval *v = NULL;
	if (ec == ecSuccess && (v = talloc_zero_array(mem, struct mapi_propval, COMPUTED_COUNT + n)) == NULL)
		ec = ecMAPIOOM;
	uint32_t k = 0;
	for (uint32_t i = 0; ec == ecSuccess && i < COMPUTED_COUNT; i++)
		if (store_computed(so, v, PROP_ID(computed_tags[i]), &v[k]))
			k++;
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		stored_value(v, bag, n, CHANGE_PROP_TYPE(bag[i].tag, PT_UNSPECIFIED), &v[k++]);
	talloc_free(tmp);
	if (ec != ecSuccess)
		return ec;
	*values = v;
	*count = k;
	return ecSuccess;
}

/* MS-OXCPRPT 3.2.5.4: a read-only property is a PropertyProblem (ecAccessDenied) and is not set; a value
 * that cannot be a property value is ecPropBadValue. */
static uint32_t settable(uint32_t tag)
{
	uint16_t type = PROP_TYPE(tag);
	if (tag_listed(computed_tags, COMPUTED_COUNT, tag) ||
	    tag_listed(readonly_tags, sizeof readonly_tags / sizeof readonly_tags[0], tag))
		return ecAccessDenied;
	if (!mapi_type_valid(type) || type == PT_ERROR || type == PT_NULL || type == PT_OBJECT ||
	    type == PT_UNSPECIFIED)
		return ecPropBadValue;
	return ecSuccess;
}

/* Removes the entry of propid from the bag (order kept). */
static void bag_remove(struct mapi_propval *bag, uint32_t *n, uint16_t propid)
{
	for (uint32_t i = 0; i < *n; i++)
		if (PROP_ID(bag[i].tag) == propid) {
			memmove(&bag[i], &bag[i + 1], (*n - i - 1) * sizeof bag[0]);
			(*n)--;
			return;
		}
}

/* Set (values) or delete (tags) into the bag, then persist it at once. */
uint32_t ms_store_props_change(struct ms_object *o, const struct mapi_propval *values, const uint32_t *tags,
                               uint32_t count, TALLOC_CTX *mem, struct mapi_propproblem **problems,
                               uint32_t *nproblems)
{
	*problems = NULL;
	*nproblems = 0;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_propval *bag = NULL;
	uint32_t n = 0;
	uint32_t ec = tmp != NULL ? bag_load(o, tmp, &bag, &n) : ecMAPIOOM;
	if (ec == ecSuccess && (bag = talloc_realloc(tmp, bag, struct mapi_propval, n + count + 1)) == NULL)
		ec = ecMAPIOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++) {
		uint32_t tag = values ? values[i].tag : tags[i];
		uint32_t problem =
		        values ? settable(tag) : (settable(tag) == ecAccessDenied ? ecAccessDenied : 0);
		if (problem != ecSuccess) {
			ec = ms_problem_add(mem, problems, nproblems, i, tag, problem);
			continue;
		}
		bag_remove(bag, &n, PROP_ID(tag));
		if (values == NULL)
			continue;
		/* one type per ID, strings kept as PtypString, as for folders and messages */
		if (mapi_propval_copy(bag, &values[i], &bag[n]) != 0)
			ec = ecMAPIOOM;
		else if ((PROP_TYPE(tag) & ~PT_MV_FLAG) == PT_STRING8)
			bag[n].tag = CHANGE_PROP_TYPE(tag, PROP_TYPE(tag) == PT_STRING8 ? PT_UNICODE
			                                                                : PT_MV_UNICODE);
		n++;
	}
	if (ec == ecSuccess)
		ec = bag_store(o, bag, n);
	talloc_free(tmp);
	return ec;
}
