/* warpd NSPI: the properties of address book objects (MS-OXOABK 2.2) computed from directory entries, string
 * values in the client's code page (MS-OXNSPI 3.1.4.3), and Entry IDs (MS-OXNSPI 2.2.9).
 *
 * Only what the directory holds is returned: a person field a user has not set (given name, surname, title,
 * department, office, business telephone), a certificate nobody stored, members of an empty group have no
 * value (the rows carry PtypErrorCode ecNotFound, MS-OXNSPI 3.1.4.1.7 constraint 12). */
#include <nettle/md5.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "server/nspi/nspi_private.h"

/* ---- code pages (MS-OXNSPI 3.1.4.3.2) ---- */

#define CP_ASCII 20127
#define CP_LATIN1 28591
#define CP_WINDOWS_1252 1252
#define CP_UTF8 65001

/* Windows-1252 bytes 0x80..0x9F (0: unassigned). */
static const uint16_t cp1252_high[32] = {
        0x20AC, 0,      0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
        0x2039, 0x0152, 0,      0x017D, 0,      0,      0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
        0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0,      0x017E, 0x0178,
};

/* The 8-bit code pages served; CP_TELETEX is used for DNs, which are ASCII (MS-OXOABK 2.2.1.1). */
bool nspi_codepage_supported(uint32_t cp)
{
	return cp == CP_WINDOWS_1252 || cp == CP_LATIN1 || cp == CP_ASCII || cp == CP_UTF8 ||
	       cp == CP_TELETEX;
}

/* The code point of byte b in cp, or 0 when it has none. */
static uint32_t byte_to_cp(uint8_t b, uint32_t cp)
{
	if (b < 0x80)
		return b;
	if (cp == CP_LATIN1)
		return b;
	if (cp == CP_WINDOWS_1252)
		return b < 0xA0 ? cp1252_high[b - 0x80] : b;
	return 0;
}

static int cp_to_byte(uint32_t c, uint32_t cp)
{
	if (c < 0x80)
		return (int)c;
	if (cp == CP_LATIN1 && c <= 0xFF)
		return (int)c;
	if (cp == CP_WINDOWS_1252) {
		if (c >= 0xA0 && c <= 0xFF)
			return (int)c;
		for (int i = 0; i < 32; i++)
			if (cp1252_high[i] == c)
				return 0x80 + i;
	}
	return -1;
}

/* 3.1.4.3.3: characters the code page lacks become '?'. */
char *nspi_to_codepage(TALLOC_CTX *mem, const char *utf8, uint32_t cp)
{
	if (cp == CP_UTF8)
		return talloc_strdup(mem, utf8);
	size_t n = strlen(utf8);
	char *out = talloc_array(mem, char, n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)utf8;
	while (*p) {
		uint32_t c;
		size_t len = 1;
		if (p[0] < 0x80)
			c = p[0];
		else if ((p[0] & 0xE0) == 0xC0 && p[1])
			c = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F), len = 2;
		else if ((p[0] & 0xF0) == 0xE0 && p[1] && p[2])
			c = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F),
			len = 3;
		else if ((p[0] & 0xF8) == 0xF0 && p[1] && p[2] && p[3])
			c = 0x10000, len = 4;
		else
			c = 0xFFFD;
		int b = cp_to_byte(c, cp);
		out[o++] = b < 0 ? '?' : (char)b;
		p += len;
	}
	out[o] = '\0';
	return out;
}

/* 3.1.4.3.4: bytes without a character become U+FFFD. */
char *nspi_from_codepage(TALLOC_CTX *mem, const char *bytes, uint32_t cp)
{
	if (cp == CP_UTF8)
		return talloc_strdup(mem, bytes);
	size_t n = strlen(bytes);
	char *out = talloc_array(mem, char, 3 * n + 1);
	if (out == NULL)
		return NULL;
	size_t o = 0;
	for (const unsigned char *p = (const unsigned char *)bytes; *p; p++) {
		uint32_t c = byte_to_cp(*p, cp);
		if (c == 0)
			c = 0xFFFD;
		if (c < 0x80) {
			out[o++] = (char)c;
		} else if (c < 0x800) {
			out[o++] = (char)(0xC0 | c >> 6);
			out[o++] = (char)(0x80 | (c & 0x3F));
		} else {
			out[o++] = (char)(0xE0 | c >> 12);
			out[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
			out[o++] = (char)(0x80 | (c & 0x3F));
		}
	}
	out[o] = '\0';
	return out;
}

/* ---- entry IDs (MS-OXNSPI 2.2.9) ---- */

static int entryid_bytes(TALLOC_CTX *mem, const struct mapi_nspi_entryid *id, struct mapi_binary *out)
{
	struct wc_writer w;
	wc_writer_init(&w, mem, 4096);
	int err = mapi_nspi_entryid_push(&w, id);
	if (err == 0)
		err = wc_writer_status(&w);
	if (err != 0) {
		talloc_free(w.data);
		return err;
	}
	out->data = w.data;
	out->len = (uint32_t)w.len;
	return 0;
}

int nspi_permanent_entryid(TALLOC_CTX *mem, const char *dn, uint32_t dt, struct mapi_binary *out)
{
	struct mapi_nspi_entryid id = {.id_type = NSPI_PERMANENT_ENTRYID,
	                               .provider_uid = mapi_nspi_guid,
	                               .display_type = dt,
	                               .dn = (char *)dn};
	return entryid_bytes(mem, &id, out);
}

/* MS-OXNSPI 2.2.1.3: users are mail users, groups distribution lists, mail contacts remote mail users. */
uint32_t nspi_display_type(const struct dir_entry *e)
{
	return e->kind == DIR_GROUP ? DT_DISTLIST : e->kind == DIR_CONTACT ? DT_REMOTE_MAILUSER : DT_MAILUSER;
}

char *nspi_server_dn(TALLOC_CTX *mem, struct nspi_session *s, const struct dir_entry *user)
{
	char guid[39];
	wc_guid_to_string(&user->mailbox_guid, guid);
	/* without braces, lower case, as Autodiscover writes the mailbox GUID */
	guid[37] = '\0';
	for (char *p = guid + 1; *p; p++)
		*p = (char)(*p >= 'A' && *p <= 'F' ? *p - 'A' + 'a' : *p);
	const char *at = strchr(user->smtp, '@');
	return talloc_asprintf(mem, "%s/cn=Configuration/cn=Servers/cn=%s@%s", s->org->dn_prefix, guid + 1,
	                       at ? at + 1 : s->org->default_domain);
}

/* ---- property values ---- */

/* The value's native type: strings are PT_UNICODE, string lists PT_MV_UNICODE. */
struct prop_def {
	uint32_t tag;
	unsigned kinds;
};
#define USERS DIR_KIND_MASK(DIR_USER)
#define GROUPS DIR_KIND_MASK(DIR_GROUP)
static const struct prop_def props[] = {
        {PidTagEntryId, DIR_ALL_KINDS},
        {PidTagRecordKey, DIR_ALL_KINDS},
        {PidTagSearchKey, DIR_ALL_KINDS},
        {PidTagInstanceKey, DIR_ALL_KINDS},
        {PidTagMappingSignature, DIR_ALL_KINDS},
        {PidTagTemplateid, DIR_ALL_KINDS},
        {PidTagObjectType, DIR_ALL_KINDS},
        {PidTagDisplayType, DIR_ALL_KINDS},
        {PidTagAddressBookContainerId, DIR_ALL_KINDS},
        {PidTagDisplayName, DIR_ALL_KINDS},
        {PidTagTransmittableDisplayName, DIR_ALL_KINDS},
        {PidTagAccount, DIR_ALL_KINDS},
        {PidTagSmtpAddress, DIR_ALL_KINDS},
        {PidTagEmailAddress, DIR_ALL_KINDS},
        {PidTagAddressType, DIR_ALL_KINDS},
        {PidTagAddressBookObjectDistinguishedName, DIR_ALL_KINDS},
        {PidTagAddressBookObjectGuid, DIR_ALL_KINDS},
        {PidTagAddressBookProxyAddresses, DIR_ALL_KINDS},
        {PidTagAddressBookHomeMessageDatabase_PtypString8 | PT_UNICODE, USERS},
        {PidTagAddressBookMember, GROUPS},
        {PidTagAddressBookPublicDelegates, USERS},
        {PidTagAddressBookX509Certificate, USERS},
        {PidTagUserX509Certificate, USERS},
        {PidTagGivenName, USERS},
        {PidTagSurname, USERS},
        {PidTagTitle, USERS},
        {PidTagDepartmentName, USERS},
        {PidTagOfficeLocation, USERS},
        {PidTagBusinessTelephoneNumber, USERS},
};

/* MS-OXOABK 2.2.4: the person properties of a mail user, from the directory's person fields. */
static const struct {
	uint32_t tag;
	enum dir_person_field field;
} person_props[] = {
        {PidTagGivenName, DIR_GIVEN_NAME},  {PidTagSurname, DIR_SURNAME},
        {PidTagTitle, DIR_TITLE},           {PidTagDepartmentName, DIR_DEPARTMENT},
        {PidTagOfficeLocation, DIR_OFFICE}, {PidTagBusinessTelephoneNumber, DIR_PHONE},
};

static bool is_string(uint16_t t)
{
	return t == PT_UNICODE || t == PT_STRING8;
}

/* The string type to answer with: the requested one, or for PtypUnspecified Unicode when the client's code
 * page is CP_WINUNICODE. */
static uint16_t string_type(uint16_t requested, uint32_t code_page)
{
	if (is_string(requested))
		return requested;
	return code_page == CP_WINUNICODE ? PT_UNICODE : PT_STRING8;
}

static uint32_t set_string(TALLOC_CTX *mem, uint32_t tag, const char *utf8, uint32_t code_page,
                           struct mapi_propval *pv)
{
	uint16_t t = string_type(PROP_TYPE(tag), code_page);
	pv->tag = CHANGE_PROP_TYPE(tag, t);
	pv->value.str = t == PT_UNICODE ? talloc_strdup(mem, utf8) : nspi_to_codepage(mem, utf8, code_page);
	return pv->value.str ? ecSuccess : ecNotEnoughMemory;
}

static uint32_t set_strings(TALLOC_CTX *mem, uint32_t tag, char **utf8, uint32_t n, uint32_t code_page,
                            struct mapi_propval *pv)
{
	uint16_t t = string_type(PROP_TYPE(tag) & (uint16_t)~PT_MV_FLAG, code_page);
	pv->tag = CHANGE_PROP_TYPE(tag, PT_MV_FLAG | t);
	pv->value.mv.count = n;
	pv->value.mv.str = talloc_array(mem, char *, n ? n : 1);
	if (pv->value.mv.str == NULL)
		return ecNotEnoughMemory;
	for (uint32_t i = 0; i < n; i++) {
		pv->value.mv.str[i] = t == PT_UNICODE
		                              ? talloc_strdup(pv->value.mv.str, utf8[i])
		                              : nspi_to_codepage(pv->value.mv.str, utf8[i], code_page);
		if (pv->value.mv.str[i] == NULL)
			return ecNotEnoughMemory;
	}
	return ecSuccess;
}

static uint32_t set_binary(uint32_t tag, struct mapi_binary bin, struct mapi_propval *pv)
{
	pv->tag = CHANGE_PROP_TYPE(tag, PT_BINARY);
	pv->value.bin = bin;
	return bin.data ? ecSuccess : ecNotEnoughMemory;
}

static struct mapi_binary blob(TALLOC_CTX *mem, const void *data, size_t len)
{
	struct mapi_binary b = {(uint32_t)len, talloc_memdup(mem, data, len)};
	return b;
}

/* MS-OXOABK 2.2.3.5 PidTagSearchKey: "EX:" and the DN in upper case, with its terminating NUL. */
static struct mapi_binary search_key(TALLOC_CTX *mem, const char *dn)
{
	char *k = talloc_asprintf(mem, "EX:%s", dn);
	for (char *p = k; p && *p; p++)
		*p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
	struct mapi_binary b = {k ? (uint32_t)strlen(k) + 1 : 0, (uint8_t *)k};
	return b;
}

void nspi_name_guid(const char *space, const char *name, uint8_t d[16])
{
	struct md5_ctx md5;
	md5_init(&md5);
	md5_update(&md5, strlen(space), (const uint8_t *)space);
	md5_update(&md5, strlen(name), (const uint8_t *)name);
	md5_digest(&md5, 16, d);
	d[6] = (uint8_t)((d[6] & 0x0F) | 0x30);
	d[8] = (uint8_t)((d[8] & 0x3F) | 0x80);
}

/* PidTagAddressBookObjectGuid: name-based on the object's DN, stable as long as the DN is, which the
 * directory never reuses. */
static struct mapi_binary object_guid(TALLOC_CTX *mem, const char *dn)
{
	uint8_t d[16];
	nspi_name_guid("warpcore object ", dn, d);
	return blob(mem, d, 16);
}

/* The DNs of objects (members, delegates) as a multi-valued string; ecNotFound when there are none. */
static uint32_t dn_list(TALLOC_CTX *mem, struct dir_entry **objs, size_t n, uint32_t tag, uint32_t code_page,
                        struct mapi_propval *pv)
{
	if (n == 0)
		return ecNotFound;
	char **dns = talloc_array(mem, char *, n);
	if (dns == NULL)
		return ecNotEnoughMemory;
	for (size_t i = 0; i < n; i++)
		dns[i] = objs[i]->legacy_dn;
	uint32_t ec = set_strings(mem, tag, dns, (uint32_t)n, code_page, pv);
	talloc_free(dns);
	return ec;
}

/* Objects linked to e through a property: members of a group, public delegates of a user. */
uint32_t nspi_linked(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e, uint16_t id,
                     struct dir_entry ***out, size_t *n)
{
	*n = 0;
	*out = NULL;
	if (id == PROP_ID(PidTagAddressBookMember)) {
		if (e->kind == DIR_GROUP && dir_group_members(s->dir, mem, e->alias, out, n) != DIR_OK)
			return ecError;
	} else if (id == PROP_ID(PidTagAddressBookIsMemberOfDistributionList_PtypEmbeddedTable)) {
		if (dir_member_of(s->dir, mem, e->alias, out, n) != DIR_OK)
			return ecError;
	} else if (id == PROP_ID(PidTagAddressBookPublicDelegates)) {
		uint32_t *mids;
		size_t count;
		if (e->kind != DIR_USER)
			return ecSuccess;
		if (dir_delegates_get(s->dir, mem, e->mid, &mids, &count) != DIR_OK ||
		    (*out = talloc_array(mem, struct dir_entry *, count ? count : 1)) == NULL)
			return ecError;
		for (size_t i = 0; i < count; i++) {
			struct nspi_obj *o = nspi_find_mid(s, mids[i]);
			if (o != NULL)
				(*out)[(*n)++] = o->e;
		}
	} else {
		return ecNotSupported;
	}
	return ecSuccess;
}

static uint32_t linked_dns(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e, uint32_t tag,
                           uint32_t code_page, struct mapi_propval *pv)
{
	TALLOC_CTX *tmp = talloc_new(mem);
	struct dir_entry **objs;
	size_t n;
	uint32_t ec = tmp ? nspi_linked(s, tmp, e, PROP_ID(tag), &objs, &n) : ecNotEnoughMemory;
	if (ec == ecSuccess)
		ec = dn_list(mem, objs, n, tag, code_page, pv);
	talloc_free(tmp);
	return ec;
}

static uint32_t certificates(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e, uint32_t tag,
                             struct mapi_propval *pv)
{
	struct dir_blob *certs;
	size_t n;
	enum dir_cert_kind kind =
	        PROP_ID(tag) == PROP_ID(PidTagUserX509Certificate) ? DIR_CERT_USER : DIR_CERT_ADDRESS_BOOK;
	if (dir_certificates_get(s->dir, mem, e->mid, kind, &certs, &n) != DIR_OK)
		return ecError;
	if (n == 0) {
		talloc_free(certs);
		return ecNotFound;
	}
	pv->tag = CHANGE_PROP_TYPE(tag, PT_MV_BINARY);
	pv->value.mv.count = (uint32_t)n;
	pv->value.mv.bin = talloc_array(mem, struct mapi_binary, n);
	if (pv->value.mv.bin == NULL)
		return ecNotEnoughMemory;
	for (size_t i = 0; i < n; i++) {
		pv->value.mv.bin[i].len = (uint32_t)certs[i].len;
		pv->value.mv.bin[i].data = talloc_steal(pv->value.mv.bin, certs[i].data);
	}
	talloc_free(certs);
	return ecSuccess;
}

uint32_t nspi_prop_get(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e, uint32_t tag,
                       uint32_t flags, uint32_t code_page, struct mapi_propval *pv)
{
	uint16_t t = PROP_TYPE(tag), id = PROP_ID(tag);
	bool str = is_string(t) || t == PT_UNSPECIFIED;
	bool mvstr = t == PT_MV_UNICODE || t == PT_MV_STRING8 || t == PT_UNSPECIFIED;
	uint32_t dt = nspi_display_type(e);
	struct mapi_nspi_entryid eph = {.id_type = NSPI_EPHEMERAL_ENTRYID,
	                                .provider_uid = s->org->server_guid,
	                                .display_type = dt,
	                                .mid = e->mid};
	struct mapi_binary bin = {0, NULL};
	bool bin_ok = t == PT_BINARY || t == PT_UNSPECIFIED, long_ok = t == PT_LONG || t == PT_UNSPECIFIED;
	memset(pv, 0, sizeof *pv);

	if (id == PROP_ID(PidTagEntryId) && bin_ok) {
		/* MS-OXNSPI 3.1.4.1.7 constraints 7, 8 */
		if (flags & NSPI_EPH_ID) {
			if (entryid_bytes(mem, &eph, &bin) != 0)
				return ecNotEnoughMemory;
		} else if (nspi_permanent_entryid(mem, e->legacy_dn, dt, &bin) != 0) {
			return ecNotEnoughMemory;
		}
		return set_binary(tag, bin, pv);
	}
	if ((id == PROP_ID(PidTagRecordKey) || id == PROP_ID(PidTagTemplateid)) && bin_ok) {
		/* MS-OXOABK 2.2.3.2, 2.2.3.3: the object's Permanent Entry ID */
		if (nspi_permanent_entryid(mem, e->legacy_dn, dt, &bin) != 0)
			return ecNotEnoughMemory;
		return set_binary(tag, bin, pv);
	}
	if (id == PROP_ID(PidTagSearchKey) && bin_ok)
		return set_binary(tag, search_key(mem, e->legacy_dn), pv);
	if (id == PROP_ID(PidTagInstanceKey) && bin_ok) {
		uint8_t b[4] = {(uint8_t)e->mid, (uint8_t)(e->mid >> 8), (uint8_t)(e->mid >> 16),
		                (uint8_t)(e->mid >> 24)};
		return set_binary(tag, blob(mem, b, 4), pv); /* MS-OXOABK 2.2.3.6: the Minimal Entry ID */
	}
	if (id == PROP_ID(PidTagMappingSignature) && bin_ok)
		return set_binary(tag, blob(mem, &mapi_nspi_guid, 16), pv);
	if (id == PROP_ID(PidTagAddressBookObjectGuid) && bin_ok)
		return set_binary(tag, object_guid(mem, e->legacy_dn), pv);
	if ((id == PROP_ID(PidTagObjectType) || id == PROP_ID(PidTagDisplayType) ||
	     id == PROP_ID(PidTagAddressBookContainerId)) &&
	    long_ok) {
		pv->tag = CHANGE_PROP_TYPE(tag, PT_LONG);
		pv->value.i32 = id == PROP_ID(PidTagDisplayType)              ? (int32_t)dt
		                : id == PROP_ID(PidTagAddressBookContainerId) ? (int32_t)e->mid
		                : e->kind == DIR_GROUP                        ? NSPI_MAPI_DISTLIST
		                                                              : NSPI_MAPI_MAILUSER;
		return ecSuccess;
	}
	const char *s1 = NULL;
	if (id == PROP_ID(PidTagDisplayName) || id == PROP_ID(PidTagTransmittableDisplayName))
		s1 = e->display_name;
	else if (id == PROP_ID(PidTagAccount))
		s1 = e->alias;
	else if (id == PROP_ID(PidTagSmtpAddress))
		s1 = e->smtp;
	else if (id == PROP_ID(PidTagEmailAddress) || id == PROP_ID(PidTagAddressBookObjectDistinguishedName))
		s1 = e->legacy_dn;
	else if (id == PROP_ID(PidTagAddressType))
		s1 = "EX";
	for (size_t i = 0; e->kind == DIR_USER && i < sizeof person_props / sizeof *person_props; i++)
		if (id == PROP_ID(person_props[i].tag))
			s1 = e->person[person_props[i].field]; /* NULL when not set: no value */
	if (s1 != NULL)
		return str ? set_string(mem, tag, s1, code_page, pv) : ecNotFound;

	if (id == PROP_ID(PidTagAddressBookHomeMessageDatabase_PtypString8) && e->kind == DIR_USER && str) {
		char *dn = nspi_server_dn(mem, s, e);
		char *mdb = dn ? talloc_asprintf(mem, "%s/cn=Microsoft Private MDB", dn) : NULL;
		talloc_free(dn);
		return mdb ? set_string(mem, tag, mdb, code_page, pv) : ecNotEnoughMemory;
	}
	if (id == PROP_ID(PidTagAddressBookProxyAddresses) && mvstr) {
		/* MS-OXOABK 2.2.3.23: "SMTP:" marks the primary address, "smtp:" the others */
		char **list = talloc_array(mem, char *, e->proxy_count + 1);
		if (list == NULL)
			return ecNotEnoughMemory;
		list[0] = talloc_asprintf(list, "SMTP:%s", e->smtp);
		for (size_t i = 0; i < e->proxy_count; i++)
			list[i + 1] = talloc_asprintf(list, "smtp:%s", e->proxy_addresses[i]);
		uint32_t ec = set_strings(mem, tag, list, (uint32_t)e->proxy_count + 1, code_page, pv);
		talloc_free(list);
		return ec;
	}
	if ((id == PROP_ID(PidTagAddressBookMember) || id == PROP_ID(PidTagAddressBookPublicDelegates)) &&
	    mvstr)
		return linked_dns(s, mem, e, tag, code_page, pv);
	if ((id == PROP_ID(PidTagAddressBookX509Certificate) || id == PROP_ID(PidTagUserX509Certificate)) &&
	    e->kind == DIR_USER && (t == PT_MV_BINARY || t == PT_UNSPECIFIED))
		return certificates(s, mem, e, tag, pv);
	return ecNotFound;
}

uint32_t *nspi_prop_tags(struct nspi_session *s, TALLOC_CTX *mem, const struct dir_entry *e,
                         uint16_t string_type, bool skip_objects, uint32_t *count)
{
	uint32_t *tags = talloc_array(mem, uint32_t, sizeof props / sizeof *props);
	uint32_t n = 0;
	TALLOC_CTX *tmp = talloc_new(mem);
	for (size_t i = 0; tags && i < sizeof props / sizeof *props; i++) {
		uint32_t tag = props[i].tag;
		uint16_t t = PROP_TYPE(tag);
		struct mapi_propval pv;
		if (!(props[i].kinds & DIR_KIND_MASK(e->kind)))
			continue;
		if (t == PT_OBJECT) {
			/* an embedded table is listed as such, unless fSkipObjects (3.1.4.1.6 constraint 3)
			 */
			if (skip_objects || nspi_prop_get(s, tmp, e, CHANGE_PROP_TYPE(tag, PT_MV_UNICODE), 0,
			                                  CP_WINUNICODE, &pv) != ecSuccess)
				continue;
		} else if (nspi_prop_get(s, tmp, e, tag, 0, CP_WINUNICODE, &pv) != ecSuccess) {
			continue;
		}
		if (t == PT_UNICODE)
			tag = CHANGE_PROP_TYPE(tag, string_type);
		else if (t == PT_MV_UNICODE)
			tag = CHANGE_PROP_TYPE(tag, PT_MV_FLAG | string_type);
		tags[n++] = tag;
	}
	talloc_free(tmp);
	*count = n;
	return tags;
}

uint32_t *nspi_known_tags(TALLOC_CTX *mem, uint16_t string_type, uint32_t *count)
{
	/* the object properties, and the one default QueryRows column (MS-OXNSPI 3.1.4.1.8 constraint 6) the
	 * directory has no value for: its telephone number is the business one */
	static const uint32_t more[] = {PidTagPrimaryTelephoneNumber};
	size_t n = sizeof props / sizeof *props, m = sizeof more / sizeof *more;
	uint32_t *tags = talloc_array(mem, uint32_t, n + m);
	if (tags == NULL)
		return NULL;
	for (size_t i = 0; i < n + m; i++) {
		uint32_t tag = i < n ? props[i].tag : more[i - n];
		if (PROP_TYPE(tag) == PT_UNICODE)
			tag = CHANGE_PROP_TYPE(tag, string_type);
		else if (PROP_TYPE(tag) == PT_MV_UNICODE)
			tag = CHANGE_PROP_TYPE(tag, PT_MV_FLAG | string_type);
		tags[i] = tag;
	}
	*count = (uint32_t)(n + m);
	return tags;
}
