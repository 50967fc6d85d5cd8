/* Local mail delivery (delivery.h): copying a stored message into another mailbox with the properties of a
 * delivered message, and what a submission does around it (MS-OXOMSG 3.3.5.1). Everything goes through the
 * mapistore API, so any backend can be the source or the target. */
#include "store/delivery.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/stat.h>

#include "common/mapi_errors.h"
#include "common/wc_time.h"
#include "mapi/mapi_entryid.h"
#include "mapi/mapi_proptags_gen.h"
#include "mapi/mapi_types.h"

#define COPY_MAX_DEPTH 8          /* embedded messages within embedded messages */
#define STREAM_CHUNK 65536        /* large values are copied through streams in pieces of this size */
#define ATTACH_EMBEDDED_MESSAGE 5 /* PidTagAttachMethod afEmbeddedMessage, MS-OXCMSG 2.2.2.9 */

/* PidTagNonDeliveryReportReasonCode / PidTagNonDeliveryReportDiagCode values (MAPI's NDR_REASON and
 * MAPI_DIAG codes, MS-OXOMSG 2.2.2.31/2.2.2.32): the transfer was impossible, the recipient unknown. */
#define NDR_REASON_TRANSFER_IMPOSSIBLE 1
#define NDR_DIAG_OR_NAME_UNRECOGNIZED 0

/* ---- mailboxes ---- */

char *ms_user_mailbox_uri(TALLOC_CTX *mem, const char *mailbox_dir, const struct wc_guid *mailbox_guid)
{
	char g[39];
	wc_guid_to_string(mailbox_guid, g);
	g[37] = '\0';
	for (char *p = g + 1; *p; p++)
		*p = (char)((*p >= 'A' && *p <= 'F') ? *p + 32 : *p);
	return talloc_asprintf(mem, "sqlite://%s/%s.db", mailbox_dir, g + 1);
}

/* A random (version 4) GUID: the replica GUID of a new mailbox. */
static bool random_guid(struct wc_guid *g)
{
	uint8_t b[16];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return false;
	b[7] = (uint8_t)((b[7] & 0x0F) | 0x40);
	b[8] = (uint8_t)((b[8] & 0x3F) | 0x80);
	mapi_guid_from_bytes(b, g);
	return true;
}

uint32_t ms_user_mailbox_open(TALLOC_CTX *mem, const char *mailbox_dir, const struct wc_guid *mailbox_guid,
                              const char *locale, struct ms_mailbox **out)
{
	char *uri = ms_user_mailbox_uri(mem, mailbox_dir, mailbox_guid);
	if (uri == NULL)
		return ecServerOOM;
	uint32_t ec = ms_mailbox_open(mem, uri, out);
	if (ec == ecNotFound) {
		struct wc_guid replica;
		if (!random_guid(&replica) || (mkdir(mailbox_dir, 0750) != 0 && errno != EEXIST))
			ec = ecLoginFailure;
		else if ((ec = ms_mailbox_create(mem, uri, mailbox_guid, &replica, out)) == ecDuplicateObject)
			ec = ms_mailbox_open(mem, uri, out); /* another session created it meanwhile */
		else if (ec == ecSuccess &&
		         (ec = ms_mailbox_provision(*out, locale ? locale : "en")) != ecSuccess)
			talloc_free(*out);
	}
	talloc_free(uri);
	return ec == ecSuccess ? ecSuccess : ecLoginFailure;
}

/* ---- property lists ---- */

/* A list of values to set, on mem. A later put of the same property ID replaces the earlier one. */
struct props {
	TALLOC_CTX *mem;
	struct mapi_propval *v;
	uint32_t n;
	bool oom;
};

static void put(struct props *p, uint32_t tag, union mapi_value value)
{
	for (uint32_t i = 0; i < p->n; i++)
		if (PROP_ID(p->v[i].tag) == PROP_ID(tag)) {
			p->v[i] = (struct mapi_propval){tag, value};
			return;
		}
	struct mapi_propval *v = talloc_realloc(p->mem, p->v, struct mapi_propval, p->n + 1);
	if (v == NULL) {
		p->oom = true;
		return;
	}
	p->v = v;
	p->v[p->n++] = (struct mapi_propval){tag, value};
}

static void put_str(struct props *p, uint32_t tag, const char *s)
{
	char *c = s ? talloc_strdup(p->mem, s) : NULL;
	if (s != NULL && c == NULL)
		p->oom = true;
	else if (c != NULL)
		put(p, tag, (union mapi_value){.str = c});
}

static void put_long(struct props *p, uint32_t tag, uint32_t v)
{
	put(p, tag, (union mapi_value){.i32 = (int32_t)v});
}

static void put_time(struct props *p, uint32_t tag, uint64_t t)
{
	put(p, tag, (union mapi_value){.time = t});
}

static void put_bin(struct props *p, uint32_t tag, uint8_t *data, uint32_t len)
{
	if (data == NULL)
		p->oom = true;
	else
		put(p, tag, (union mapi_value){.bin = {.len = len, .data = data}});
}

static uint32_t props_set(struct ms_object *o, struct props *p)
{
	if (p->oom)
		return ecServerOOM;
	struct mapi_propproblem *problems = NULL;
	uint32_t nproblems = 0;
	return p->n ? ms_props_set(o, p->v, p->n, p->mem, &problems, &nproblems) : ecSuccess;
}

/* The value of tag in vals (n values as ms_props_get returns them), or NULL when absent */
static const struct mapi_propval *find(const struct mapi_propval *vals, uint32_t n, uint32_t tag)
{
	for (uint32_t i = 0; i < n; i++)
		if (vals[i].tag == tag)
			return &vals[i];
	return NULL;
}

static const char *find_str(const struct mapi_propval *vals, uint32_t n, uint32_t tag)
{
	const struct mapi_propval *v = find(vals, n, tag);
	if (v == NULL)
		v = find(vals, n, CHANGE_PROP_TYPE(tag, PT_STRING8));
	return v ? v->value.str : NULL;
}

/* ---- addresses: the property groups that name a mailbox user (MS-OXOMSG 2.2.1.x) ---- */

struct address_tags {
	uint32_t name, email, addrtype, entryid, searchkey, smtp; /* 0: the group has no such property */
};

static const struct address_tags sender_tags = {PidTagSenderName,        PidTagSenderEmailAddress,
                                                PidTagSenderAddressType, PidTagSenderEntryId,
                                                PidTagSenderSearchKey,   PidTagSenderSmtpAddress};
static const struct address_tags sent_representing_tags = {
        PidTagSentRepresentingName,    PidTagSentRepresentingEmailAddress, PidTagSentRepresentingAddressType,
        PidTagSentRepresentingEntryId, PidTagSentRepresentingSearchKey,    PidTagSentRepresentingSmtpAddress};
static const struct address_tags received_by_tags = {
        PidTagReceivedByName,    PidTagReceivedByEmailAddress, PidTagReceivedByAddressType,
        PidTagReceivedByEntryId, PidTagReceivedBySearchKey,    PidTagReceivedBySmtpAddress};
static const struct address_tags received_representing_tags = {
        PidTagReceivedRepresentingName,        PidTagReceivedRepresentingEmailAddress,
        PidTagReceivedRepresentingAddressType, PidTagReceivedRepresentingEntryId,
        PidTagReceivedRepresentingSearchKey,   PidTagReceivedRepresentingSmtpAddress};
static const struct address_tags original_sender_tags = {
        PidTagOriginalSenderName,    PidTagOriginalSenderEmailAddress, PidTagOriginalSenderAddressType,
        PidTagOriginalSenderEntryId, PidTagOriginalSenderSearchKey,    0};

/* MS-OXCDATA 2.2.5.2 Address Book EntryID of a directory user: Version 1, Type DT_MAILUSER, X500DN */
static uint8_t *ab_entryid(TALLOC_CTX *mem, const struct dir_entry *e, uint32_t *len)
{
	struct mapi_entryid eid = {.kind = MAPI_ENTRYID_ADDRESS_BOOK,
	                           .ab = {.type = MAPI_AB_DT_MAILUSER, .x500_dn = e->legacy_dn}};
	struct wc_writer w;
	wc_writer_init(&w, mem, 4096);
	if (mapi_entryid_push(&w, &eid) != 0)
		return NULL;
	*len = (uint32_t)w.len;
	return w.data;
}

/* PidTagSearchKey of an address (MS-OXCPRPT 2.2.1.9 / MS-OXOABK): "EX:" and the DN in upper case, with its
 * terminating NUL */
static uint8_t *search_key(TALLOC_CTX *mem, const char *dn, uint32_t *len)
{
	char *k = talloc_asprintf(mem, "EX:%s", dn);
	if (k == NULL)
		return NULL;
	for (char *c = k; *c; c++)
		*c = (char)((*c >= 'a' && *c <= 'z') ? *c - 32 : *c);
	*len = (uint32_t)strlen(k) + 1;
	return (uint8_t *)k;
}

/* The group of t for the directory user e: display name, "EX" address (the legacyExchangeDN), entry ID,
 * search key and primary SMTP address. */
static void put_address(struct props *p, const struct address_tags *t, const struct dir_entry *e)
{
	uint32_t eid_len = 0, key_len = 0;
	uint8_t *eid = ab_entryid(p->mem, e, &eid_len), *key = search_key(p->mem, e->legacy_dn, &key_len);
	put_str(p, t->name, e->display_name);
	put_str(p, t->email, e->legacy_dn);
	put_str(p, t->addrtype, "EX");
	put_bin(p, t->entryid, eid, eid_len);
	put_bin(p, t->searchkey, key, key_len);
	if (t->smtp != 0)
		put_str(p, t->smtp, e->smtp);
}

/* ---- copying a message between mailboxes ---- */

/* tag of a property of smb as a tag of dmb: named properties (IDs from 0x8000) go by their name
 * (MS-OXCPRPT 3.2.5.11/3.2.5.12), the others keep their ID. */
static uint32_t map_tag(struct ms_mailbox *smb, struct ms_mailbox *dmb, TALLOC_CTX *mem, uint32_t tag,
                        uint32_t *out)
{
	*out = tag;
	if (PROP_ID(tag) < 0x8000 || smb == dmb)
		return ecSuccess;
	struct mapi_propname name;
	uint16_t id;
	uint32_t ec = ms_named_get_name(smb, PROP_ID(tag), mem, &name);
	if (ec == ecSuccess)
		ec = ms_named_get_id(dmb, &name, true, &id);
	if (ec == ecSuccess)
		*out = PROP_TAG(PROP_TYPE(tag), id);
	return ec;
}

/* A value too large for a property call (MS-OXCPRPT 3.2.5.1: ecNotEnoughMemory) goes through streams. */
static uint32_t copy_stream(struct ms_object *src, uint32_t stag, struct ms_object *dst, uint32_t dtag,
                            TALLOC_CTX *mem)
{
	struct ms_stream *in = NULL, *out = NULL;
	uint8_t *buf = talloc_size(mem, STREAM_CHUNK);
	uint32_t ec = buf ? ms_stream_open(src, stag, MS_STREAM_READ, &in) : ecServerOOM;
	if (ec == ecSuccess)
		ec = ms_stream_open(dst, dtag, MS_STREAM_CREATE, &out);
	for (uint32_t n = 1, w; ec == ecSuccess && n > 0;) {
		ec = ms_stream_read(in, buf, STREAM_CHUNK, &n);
		if (ec == ecSuccess && n > 0)
			ec = ms_stream_write(out, buf, n, &w);
	}
	if (ec == ecSuccess)
		ec = ms_stream_commit(out);
	talloc_free(out);
	talloc_free(in);
	talloc_free(buf);
	return ec;
}

/* Every property of src onto dst (another mailbox's object), except those skip lists (0-terminated) and
 * PtypObject ones (attachments and embedded messages are copied as objects). Computed and read-only
 * properties come back as problems of ms_props_set and are left to the target store. */
static uint32_t copy_props(struct ms_object *src, struct ms_object *dst, const uint32_t *skip,
                           TALLOC_CTX *mem)
{
	struct ms_mailbox *smb = ms_object_mailbox(src), *dmb = ms_object_mailbox(dst);
	uint32_t *tags, ntags;
	struct mapi_propval *vals;
	uint32_t ec = ms_props_list(src, mem, &tags, &ntags);
	if (ec == ecSuccess)
		ec = ms_props_get(src, mem, tags, ntags, &vals);
	struct props p = {.mem = mem};
	for (uint32_t i = 0; ec == ecSuccess && i < ntags; i++) {
		bool skipped = PROP_TYPE(tags[i]) == PT_OBJECT;
		for (const uint32_t *s = skip; s && *s && !skipped; s++)
			skipped = PROP_ID(*s) == PROP_ID(tags[i]);
		uint32_t dtag;
		if (skipped || (ec = map_tag(smb, dmb, mem, tags[i], &dtag)) != ecSuccess)
			continue;
		if (PROP_TYPE(vals[i].tag) != PT_ERROR)
			put(&p, CHANGE_PROP_TYPE(dtag, PROP_TYPE(vals[i].tag)), vals[i].value);
		else if (vals[i].value.err == ecNotEnoughMemory)
			ec = copy_stream(src, tags[i], dst, dtag, mem);
	}
	return ec == ecSuccess ? props_set(dst, &p) : ec;
}

/* src's recipients onto dst, without the Bcc ones when drop_bcc (MS-OXOMSG 2.2.3.1: a recipient of the
 * delivered message does not learn who got a blind copy). Named properties of recipients are mapped. */
static uint32_t copy_recipients(struct ms_message *src, struct ms_message *dst, bool drop_bcc,
                                TALLOC_CTX *mem)
{
	struct ms_recipient *rows;
	uint32_t n, kept = 0;
	uint32_t ec = ms_message_read_recipients(src, 0, mem, &rows, &n);
	if (ec == ecNotFound)
		return ecSuccess;
	struct ms_mailbox *smb = ms_object_mailbox(ms_message_object(src));
	struct ms_mailbox *dmb = ms_object_mailbox(ms_message_object(dst));
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		const struct mapi_propval *t = find(rows[i].props, rows[i].count, PidTagRecipientType);
		if (drop_bcc && t != NULL && (t->value.i32 & 0x0F) == MS_RECIP_BCC)
			continue;
		for (uint32_t k = 0; ec == ecSuccess && k < rows[i].count; k++)
			ec = map_tag(smb, dmb, mem, rows[i].props[k].tag, &rows[i].props[k].tag);
		rows[i].row_id = kept;
		rows[kept++] = rows[i];
	}
	return ec == ecSuccess && kept ? ms_message_modify_recipients(dst, rows, kept) : ec;
}

static uint32_t copy_message(struct ms_message *src, struct ms_message *dst, const uint32_t *skip,
                             bool drop_bcc, unsigned depth, TALLOC_CTX *mem);

/* The attachment number attach_num of src as a new attachment of dst, an embedded message with it. */
static uint32_t copy_attachment(struct ms_message *src, uint32_t attach_num, struct ms_message *dst,
                                unsigned depth, TALLOC_CTX *mem)
{
	struct ms_attachment *sa, *da;
	uint32_t dnum;
	uint32_t ec = ms_attachment_open(src, attach_num, MS_OPEN_READONLY, &sa);
	if (ec != ecSuccess)
		return ec;
	if ((ec = ms_attachment_create(dst, &da, &dnum)) == ecSuccess)
		ec = copy_props(ms_attachment_object(sa), ms_attachment_object(da), NULL, mem);
	static const uint32_t method_tag = PidTagAttachMethod;
	struct mapi_propval *method;
	if (ec == ecSuccess)
		ec = ms_props_get(ms_attachment_object(sa), mem, &method_tag, 1, &method);
	if (ec == ecSuccess && method->tag == PidTagAttachMethod &&
	    method->value.i32 == ATTACH_EMBEDDED_MESSAGE) {
		struct ms_message *se, *de;
		ec = ms_attachment_open_embedded(sa, MS_OPEN_READONLY, &se);
		if (ec == ecSuccess)
			ec = ms_attachment_open_embedded(da, MS_OPEN_CREATE | MS_OPEN_READWRITE, &de);
		if (ec == ecSuccess)
			ec = copy_message(se, de, NULL, false, depth + 1, mem);
		if (ec == ecSuccess)
			ec = ms_message_save(de, 0);
	}
	if (ec == ecSuccess)
		ec = ms_attachment_save(da);
	talloc_free(sa);
	return ec;
}

/* Properties, recipients and attachments of src onto dst (not saved). */
static uint32_t copy_message(struct ms_message *src, struct ms_message *dst, const uint32_t *skip,
                             bool drop_bcc, unsigned depth, TALLOC_CTX *mem)
{
	if (depth > COPY_MAX_DEPTH)
		return ecMaxAttachmentExceeded;
	uint32_t ec = copy_props(ms_message_object(src), ms_message_object(dst), skip, mem);
	if (ec == ecSuccess)
		ec = copy_recipients(src, dst, drop_bcc, mem);
	struct ms_table *t = NULL;
	struct mapi_property_row *rows = NULL;
	uint32_t n = 0, count = 0;
	static const uint32_t column = PidTagAttachNumber;
	if (ec == ecSuccess)
		ec = ms_message_attachment_table(src, &t);
	if (ec == ecSuccess && (ec = ms_table_set_columns(t, &column, 1)) == ecSuccess &&
	    (ec = ms_table_get_row_count(t, &n)) == ecSuccess && n > 0)
		ec = ms_table_query_rows(t, mem, n, true, true, &rows, &count);
	talloc_free(t);
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++)
		if (rows[i].count == 1 && rows[i].values[0].flag == MAPI_VALUE_PRESENT)
			ec = copy_attachment(src, (uint32_t)rows[i].values[0].pv.value.i32, dst, depth, mem);
	return ec;
}

/* ---- delivery ---- */

/* What the sender's copy has that a delivered one must not (MS-OXOMSG 2.2.3.8, 2.2.3.10; PidTagDisplayBcc
 * names the blind recipients), and the creation time, which for a delivered message is its delivery's. */
static const uint32_t not_delivered[] = {PidTagDeleteAfterSubmit, PidTagSentMailSvrEID, PidTagSentMailEntryId,
                                         PidTagDisplayBcc,        PidTagCreationTime,   0};

/* Creates a message in the receive folder of class in mb, fills it with fill(arg) and saves it, in one
 * transaction. */
typedef uint32_t (*fill_fn)(void *arg, struct ms_message *m, TALLOC_CTX *mem);
static uint32_t deliver_into(struct ms_mailbox *mb, const char *message_class, fill_fn fill, void *arg,
                             TALLOC_CTX *mem, uint64_t *mid)
{
	uint64_t fid;
	char *explicit_class;
	struct ms_folder *f;
	struct ms_message *m;
	uint32_t ec =
	        ms_receive_folder_get(mb, message_class ? message_class : "", mem, &fid, &explicit_class);
	if (ec != ecSuccess)
		return ec;
	if ((ec = ms_mailbox_begin_batch(mb)) != ecSuccess)
		return ec;
	if ((ec = ms_folder_open(mb, fid, mem, &f)) == ecSuccess &&
	    (ec = ms_message_create(f, false, &m)) == ecSuccess && (ec = fill(arg, m, mem)) == ecSuccess)
		ec = ms_message_save(m, 0);
	if (ec == ecSuccess && mid != NULL)
		*mid = ms_message_get_id(m);
	uint32_t end = ms_mailbox_end_batch(mb, ec == ecSuccess);
	return ec == ecSuccess ? end : ec;
}

struct delivered_copy {
	struct ms_message *src;
	const struct dir_entry *user;
	uint32_t src_flags;
};

/* MS-OXOMSG 3.3.5.1 / 2.2.1.x: the recipient's copy; MS-OXCMSG 2.2.1.6: unread, no longer unsent. */
static uint32_t fill_delivered(void *arg, struct ms_message *m, TALLOC_CTX *mem)
{
	struct delivered_copy *d = arg;
	uint32_t ec = copy_message(d->src, m, not_delivered, true, 0, mem);
	if (ec != ecSuccess)
		return ec;
	struct props p = {.mem = mem};
	put_time(&p, PidTagMessageDeliveryTime, wc_filetime_now());
	put_long(&p, PidTagMessageFlags,
	         d->src_flags & ~(uint32_t)(MS_MSGFLAG_READ | MS_MSGFLAG_UNSENT | MS_MSGFLAG_SUBMITTED |
	                                    MS_MSGFLAG_FROMME | MS_MSGFLAG_RESEND | MS_MSGFLAG_UNMODIFIED));
	put_address(&p, &received_by_tags, d->user);
	put_address(&p, &received_representing_tags, d->user);
	return props_set(ms_message_object(m), &p);
}

static const char *message_class_of(struct ms_message *msg, TALLOC_CTX *mem, uint32_t *flags)
{
	static const uint32_t tags[] = {PidTagMessageClass, PidTagMessageFlags};
	struct mapi_propval *v;
	if (ms_props_get(ms_message_object(msg), mem, tags, 2, &v) != ecSuccess)
		return NULL;
	*flags = v[1].tag == PidTagMessageFlags ? (uint32_t)v[1].value.i32 : 0;
	return v[0].tag == PidTagMessageClass ? v[0].value.str : NULL;
}

uint32_t ms_deliver_message(const struct ms_delivery_env *env, struct ms_message *msg,
                            const struct dir_entry *user, uint64_t *mid)
{
	if (user->kind != DIR_USER)
		return ecNotSupported;
	TALLOC_CTX *mem = talloc_new(NULL);
	struct ms_mailbox *mb;
	struct delivered_copy d = {.src = msg, .user = user};
	const char *cls = message_class_of(msg, mem, &d.src_flags);
	uint32_t ec =
	        mem ? ms_user_mailbox_open(mem, env->mailbox_dir, &user->mailbox_guid, user->locale, &mb)
	            : ecServerOOM;
	if (ec == ecSuccess)
		ec = deliver_into(mb, cls, fill_delivered, &d, mem, mid);
	talloc_free(mem);
	return ec;
}

/* ---- submission (MS-OXOMSG 3.3.5.1) ---- */

/* A recipient of the submitted message and what became of it */
struct rcpt {
	const struct ms_recipient *row;
	const char *display_name, *address;
	struct dir_entry **users; /* the local users it names (a group: its members) */
	size_t nusers;
	bool undeliverable;
};

/* The directory entry a recipient row names: "EX" by DN, "SMTP" or PidTagSmtpAddress by address, else by
 * the address as an alias or SMTP address (dir_lookup). */
static int lookup_recipient(struct dir_handle *dir, TALLOC_CTX *mem, const struct ms_recipient *r,
                            struct dir_entry **e, const char **address)
{
	const char *type = find_str(r->props, r->count, PidTagAddressType);
	const char *email = find_str(r->props, r->count, PidTagEmailAddress);
	const char *smtp = find_str(r->props, r->count, PidTagSmtpAddress);
	*address = email ? email : smtp;
	if (type != NULL && strcasecmp(type, "EX") == 0 && email != NULL)
		return dir_lookup_dn(dir, mem, email, e);
	if (type != NULL && strcasecmp(type, "SMTP") == 0 && email != NULL)
		return dir_lookup_smtp(dir, mem, email, e);
	if (smtp != NULL) {
		*address = smtp;
		return dir_lookup_smtp(dir, mem, smtp, e);
	}
	return email != NULL && (type == NULL || *type == '\0') ? dir_lookup(dir, mem, email, e)
	                                                        : DIR_E_NOTFOUND;
}

static uint32_t resolve(struct ms_delivery_env const *env, TALLOC_CTX *mem, struct rcpt *rc)
{
	struct dir_entry *e = NULL;
	rc->display_name = find_str(rc->row->props, rc->row->count, PidTagDisplayName);
	int err = lookup_recipient(env->dir, mem, rc->row, &e, &rc->address);
	if (rc->display_name == NULL)
		rc->display_name = rc->address ? rc->address : "";
	if (err == DIR_E_NOTFOUND || (err == DIR_OK && e->kind == DIR_CONTACT)) {
		rc->undeliverable = true; /* external (outbound SMTP is not there yet) or unknown */
		return ecSuccess;
	}
	if (err != DIR_OK)
		return err == DIR_E_NOMEM ? ecServerOOM : ecError;
	if (e->kind == DIR_USER) {
		rc->users = talloc_array(mem, struct dir_entry *, 1);
		if (rc->users == NULL)
			return ecServerOOM;
		rc->users[0] = e;
		rc->nusers = 1;
		return ecSuccess;
	}
	err = dir_group_expand(env->dir, mem, e->alias, &rc->users, &rc->nusers);
	if (err != DIR_OK)
		return err == DIR_E_NOMEM ? ecServerOOM : ecError;
	return ecSuccess;
}

/* PidTagDisplayTo / Cc / Bcc: the display names of the recipients of each type joined by "; " */
static void put_display_lists(struct props *p, const struct rcpt *rc, uint32_t n)
{
	static const uint32_t tags[3] = {PidTagDisplayTo, PidTagDisplayCc, PidTagDisplayBcc};
	for (uint32_t type = MS_RECIP_TO; type <= MS_RECIP_BCC; type++) {
		char *list = talloc_strdup(p->mem, "");
		for (uint32_t i = 0; i < n && list; i++) {
			const struct mapi_propval *t =
			        find(rc[i].row->props, rc[i].row->count, PidTagRecipientType);
			if (((t ? (uint32_t)t->value.i32 : MS_RECIP_TO) & 0x0F) == type)
				list = talloc_asprintf_append(list, "%s%s", *list ? "; " : "",
				                              rc[i].display_name);
		}
		put_str(p, tags[type - 1], list);
		if (list == NULL)
			p->oom = true;
	}
}

/* RFC 5322 3.6.4 msg-id for PidTagInternetMessageId: random hex @ the sender's domain */
static char *new_message_id(TALLOC_CTX *mem, const struct dir_entry *sender)
{
	uint8_t b[16];
	if (getrandom(b, sizeof b, 0) != (ssize_t)sizeof b)
		return NULL;
	const char *at = sender->smtp ? strchr(sender->smtp, '@') : NULL;
	char *id = talloc_strdup(mem, "<");
	for (size_t i = 0; i < sizeof b && id; i++)
		id = talloc_asprintf_append(id, "%02x", b[i]);
	return id ? talloc_asprintf_append(id, "@%s>", at ? at + 1 : "localhost") : NULL;
}

/* The stamps of MS-OXOMSG 3.3.5.1 on the sender's message, saved: it is what every copy starts from. */
static uint32_t stamp(struct ms_message *msg, const struct dir_entry *sender, const struct rcpt *rc,
                      uint32_t n, uint64_t now, TALLOC_CTX *mem)
{
	static const uint32_t tags[] = {PidTagMessageFlags, PidTagInternetMessageId};
	struct mapi_propval *v;
	uint32_t ec = ms_props_get(ms_message_object(msg), mem, tags, 2, &v);
	if (ec != ecSuccess)
		return ec;
	uint32_t flags = v[0].tag == PidTagMessageFlags ? (uint32_t)v[0].value.i32 : 0;
	struct props p = {.mem = mem};
	put_time(&p, PidTagClientSubmitTime, now);
	put_time(&p, PidTagMessageDeliveryTime, now);
	put_long(&p, PidTagMessageFlags,
	         (flags | MS_MSGFLAG_READ | MS_MSGFLAG_FROMME) &
	                 ~(uint32_t)(MS_MSGFLAG_UNSENT | MS_MSGFLAG_SUBMITTED | MS_MSGFLAG_RESEND));
	put_address(&p, &sender_tags, sender);
	put_address(&p, &sent_representing_tags, sender);
	put_display_lists(&p, rc, n);
	/* MS-OXOMSG 3.3.5.1: "The server SHOULD set this property to 0xFFFFFFFF (-1)" */
	put_long(&p, PidTagContentFilterSpamConfidenceLevel, 0xFFFFFFFF);
	if (v[1].tag != PidTagInternetMessageId)
		put_str(&p, PidTagInternetMessageId, new_message_id(mem, sender));
	if ((ec = props_set(ms_message_object(msg), &p)) != ecSuccess)
		return ec;
	return ms_message_save(msg, MS_SAVE_KEEP_OPEN_READWRITE);
}

struct ndr {
	struct ms_message *original;
	const struct dir_entry *sender;
	struct rcpt *rc;
	uint32_t n;
	const char *postmaster;
};

/* A report recipient: the undeliverable recipient's properties with the NDR ones (MS-OXOMSG 2.2.2.x) */
static uint32_t ndr_recipients(struct ndr *d, struct ms_message *m, TALLOC_CTX *mem)
{
	struct ms_recipient *rows = talloc_zero_array(mem, struct ms_recipient, d->n ? d->n : 1);
	uint32_t k = 0;
	if (rows == NULL)
		return ecServerOOM;
	for (uint32_t i = 0; i < d->n; i++) {
		if (!d->rc[i].undeliverable)
			continue;
		const struct ms_recipient *r = d->rc[i].row;
		struct props p = {.mem = mem};
		for (uint32_t j = 0; j < r->count; j++)
			if (PROP_ID(r->props[j].tag) < 0x8000)
				put(&p, r->props[j].tag, r->props[j].value);
		put_long(&p, PidTagNonDeliveryReportReasonCode, NDR_REASON_TRANSFER_IMPOSSIBLE);
		put_long(&p, PidTagNonDeliveryReportDiagCode, NDR_DIAG_OR_NAME_UNRECOGNIZED);
		put_time(&p, PidTagReportTime, wc_filetime_now());
		put_str(&p, PidTagSupplementaryInfo,
		        "The recipient is not a mailbox of this server, and this "
		        "server does not relay mail to other servers yet.");
		if (p.oom)
			return ecServerOOM;
		rows[k] = (struct ms_recipient){.row_id = k, .count = p.n, .props = p.v};
		k++;
	}
	return ms_message_modify_recipients(m, rows, k);
}

/* MS-OXOMSG 2.2.2.x report properties: the NDR to the sender, its recipients the undeliverable ones, the
 * original message attached as an embedded message. */
static uint32_t fill_ndr(void *arg, struct ms_message *m, TALLOC_CTX *mem)
{
	struct ndr *d = arg;
	static const uint32_t tags[] = {PidTagSubject, PidTagClientSubmitTime, PidTagDisplayTo,
	                                PidTagDisplayCc, PidTagMessageClass};
	struct mapi_propval *v;
	uint32_t ec = ms_props_get(ms_message_object(d->original), mem, tags, 5, &v);
	if (ec != ecSuccess)
		return ec;
	const char *subject = v[0].tag == PidTagSubject ? v[0].value.str : "";
	uint64_t now = wc_filetime_now();
	struct props p = {.mem = mem};
	put_str(&p, PidTagMessageClass, "REPORT.IPM.Note.NDR");
	put_str(&p, PidTagSubjectPrefix, "Undeliverable: ");
	put_str(&p, PidTagNormalizedSubject, subject);
	put_str(&p, PidTagSubject, talloc_asprintf(mem, "Undeliverable: %s", subject));
	put_time(&p, PidTagReportTime, now);
	put_time(&p, PidTagMessageDeliveryTime, now);
	put_time(&p, PidTagClientSubmitTime, now);
	put_long(&p, PidTagMessageFlags, 0);
	put_str(&p, PidTagReportName, "warpd");
	put_str(&p, PidTagReportText,
	        "Delivery has failed to these recipients: this server has no mailbox "
	        "for them and cannot send mail to other servers yet.");
	put_str(&p, PidTagSenderName, "Mail Delivery System");
	put_str(&p, PidTagSenderAddressType, "SMTP");
	put_str(&p, PidTagSenderEmailAddress, d->postmaster);
	put_str(&p, PidTagSenderSmtpAddress, d->postmaster);
	put_str(&p, PidTagSentRepresentingName, "Mail Delivery System");
	put_str(&p, PidTagSentRepresentingAddressType, "SMTP");
	put_str(&p, PidTagSentRepresentingEmailAddress, d->postmaster);
	put_str(&p, PidTagOriginalSubject, subject);
	if (v[1].tag == PidTagClientSubmitTime)
		put_time(&p, PidTagOriginalSubmitTime, v[1].value.time);
	if (v[2].tag == PidTagDisplayTo)
		put_str(&p, PidTagOriginalDisplayTo, v[2].value.str);
	if (v[3].tag == PidTagDisplayCc)
		put_str(&p, PidTagOriginalDisplayCc, v[3].value.str);
	if (v[4].tag == PidTagMessageClass)
		put_str(&p, PidTagOriginalMessageClass, v[4].value.str);
	put_address(&p, &original_sender_tags, d->sender);
	put_address(&p, &received_by_tags, d->sender);
	put_address(&p, &received_representing_tags, d->sender);
	if ((ec = props_set(ms_message_object(m), &p)) == ecSuccess)
		ec = ndr_recipients(d, m, mem);
	/* the original, as Exchange's reports carry it */
	struct ms_attachment *a;
	struct ms_message *e;
	uint32_t num;
	struct props ap = {.mem = mem};
	put_long(&ap, PidTagAttachMethod, ATTACH_EMBEDDED_MESSAGE);
	put_str(&ap, PidTagDisplayName, subject);
	if (ec == ecSuccess && (ec = ms_attachment_create(m, &a, &num)) == ecSuccess &&
	    (ec = props_set(ms_attachment_object(a), &ap)) == ecSuccess &&
	    (ec = ms_attachment_open_embedded(a, MS_OPEN_CREATE | MS_OPEN_READWRITE, &e)) == ecSuccess &&
	    (ec = copy_message(d->original, e, not_delivered, false, 0, mem)) == ecSuccess &&
	    (ec = ms_message_save(e, 0)) == ecSuccess)
		ec = ms_attachment_save(a);
	return ec;
}

static bool add_notify(struct ms_submit_result *res, TALLOC_CTX *mem, uint32_t mid)
{
	for (uint32_t i = 0; i < res->notify_count; i++)
		if (res->notify[i] == mid)
			return true;
	uint32_t *n = talloc_realloc(mem, res->notify, uint32_t, res->notify_count + 1);
	if (n == NULL)
		return false;
	n[res->notify_count++] = mid;
	res->notify = n;
	return true;
}

/* MS-OXOMSG 3.3.5.1: after sending, the message goes to PidTagSentMailSvrEID's folder (a ServerEntryId,
 * MS-OXCDATA 2.11.1: Ours 0x01, then the FID), else Sent Items, or is deleted with PidTagDeleteAfterSubmit.
 */
static uint32_t file_sent_copy(struct ms_mailbox *mb, struct ms_message *msg, TALLOC_CTX *mem,
                               struct ms_submit_result *res)
{
	static const uint32_t tags[] = {PidTagDeleteAfterSubmit, PidTagSentMailSvrEID};
	struct mapi_propval *v;
	uint64_t fids[MS_SPECIAL_COUNT];
	uint32_t ec = ms_props_get(ms_message_object(msg), mem, tags, 2, &v);
	if (ec == ecSuccess)
		ec = ms_mailbox_special_folders(mb, fids);
	if (ec != ecSuccess)
		return ec;
	uint64_t mid = ms_message_get_id(msg), target = fids[MS_SPECIAL_SENT_ITEMS];
	struct ms_folder *src, *dst;
	bool partial = false;
	if ((ec = ms_folder_open(mb, ms_message_get_folder_id(msg), mem, &src)) != ecSuccess)
		return ec;
	if (v[0].tag == PidTagDeleteAfterSubmit && v[0].value.b)
		return ms_folder_delete_messages(src, &mid, 1, true, &partial);
	if (v[1].tag == PidTagSentMailSvrEID && v[1].value.bin.len >= 9 && v[1].value.bin.data[0] == 0x01) {
		struct wc_reader r;
		wc_reader_init(&r, v[1].value.bin.data + 1, 8);
		wc_read_u64(&r, &target);
	}
	if (target == ms_folder_get_id(src)) {
		res->moved_fid = target;
		res->moved_mid = mid;
		return ecSuccess;
	}
	if ((ec = ms_folder_open(mb, target, mem, &dst)) != ecSuccess)
		return ec;
	ec = ms_folder_move_copy_messages(src, dst, &mid, 1, false, &res->moved_mid, &partial);
	res->moved_fid = target;
	return ec == ecSuccess && partial ? ecError : ec;
}

uint32_t ms_submit_message(const struct ms_delivery_env *env, struct ms_mailbox *mb, struct ms_message *msg,
                           const struct dir_entry *sender, TALLOC_CTX *mem, struct ms_submit_result *res)
{
	*res = (struct ms_submit_result){0};
	TALLOC_CTX *tmp = talloc_new(mem);
	struct ms_recipient *rows;
	uint32_t n = 0;
	uint32_t ec = tmp ? ms_message_read_recipients(msg, 0, tmp, &rows, &n) : ecServerOOM;
	if (ec == ecNotFound || (ec == ecSuccess && n == 0))
		ec = ecNoRecipients;
	struct rcpt *rc = ec == ecSuccess ? talloc_zero_array(tmp, struct rcpt, n) : NULL;
	if (ec == ecSuccess && rc == NULL)
		ec = ecServerOOM;
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++) {
		rc[i].row = &rows[i];
		ec = resolve(env, tmp, &rc[i]);
	}
	if (ec == ecSuccess)
		ec = stamp(msg, sender, rc, n, wc_filetime_now(), tmp);
	/* every local user once, in the order they are named */
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		for (size_t u = 0; ec == ecSuccess && u < rc[i].nusers; u++) {
			bool seen = false;
			for (uint32_t k = 0; k < res->notify_count && !seen; k++)
				seen = res->notify[k] == rc[i].users[u]->mid;
			if (seen)
				continue;
			if (ms_deliver_message(env, msg, rc[i].users[u], NULL) != ecSuccess) {
				rc[i].undeliverable = true; /* reported, as a remote server would */
				continue;
			}
			res->delivered++;
			if (!add_notify(res, mem, rc[i].users[u]->mid))
				ec = ecServerOOM;
		}
	for (uint32_t i = 0; ec == ecSuccess && i < n; i++)
		res->undeliverable += rc[i].undeliverable;
	if (ec == ecSuccess && res->undeliverable > 0) {
		struct dir_org *org = NULL;
		struct ndr d = {.original = msg, .sender = sender, .rc = rc, .n = n};
		d.postmaster = dir_org_get(env->dir, tmp, &org) == DIR_OK
		                       ? talloc_asprintf(tmp, "postmaster@%s", org->default_domain)
		                       : "postmaster";
		ec = deliver_into(mb, "REPORT.IPM.Note.NDR", fill_ndr, &d, tmp, NULL);
		if (ec == ecSuccess && !add_notify(res, mem, sender->mid))
			ec = ecServerOOM;
	}
	if (ec == ecSuccess)
		ec = file_sent_copy(mb, msg, tmp, res);
	talloc_free(tmp);
	return ec;
}
