/* warpcore store: the directory (DESIGN.md sections 2 and 4).
 *
 * Users, distribution groups and mail contacts of one organisation, the accepted domains their addresses
 * live in, passwords (argon2id for Basic, the NT hash for NTLM) and the numbers NSPI needs: every
 * address-book object has a Minimal Entry ID (MS-OXNSPI 2.2.9.1) that is stable, at least 0x10 (smaller
 * values are positioning and ANR signals, MS-OXNSPI 2.2.1.8/2.2.1.9) and never reused after a delete, and a
 * legacyExchangeDN "/o=<org>/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=<alias>".
 *
 * Threads: a handle is one SQLite connection (WAL, busy timeout) and must be used by one thread at a time;
 * open one handle per thread or session. Every write runs in its own IMMEDIATE transaction, so a failed call
 * changes nothing. Names: wherever a function takes `name`, it is an alias or, when it contains '@', any of
 * the object's SMTP addresses; alias, address and DN matching ignore ASCII case.
 *
 * Errors: functions return DIR_OK (0) or a positive enum dir_error; dir_strerror() describes it. */
#ifndef WC_DIRECTORY_H
#define WC_DIRECTORY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"

#define DIR_SCHEMA_VERSION 4
#define DIR_MID_FIRST 0x10 /* MS-OXNSPI 2.2.9.1: Minimal Entry IDs below 0x10 are signals */
#define DIR_ADMIN_GROUP "Exchange Administrative Group (FYDIBOHF23SPDLT)"
#define DIR_ALIAS_MAX 64
#define DIR_NAME_MAX 256     /* display names and organisation names, in bytes of UTF-8 */
#define DIR_PASSWORD_MAX 256 /* bytes of UTF-8 */

enum dir_error {
	DIR_OK = 0,
	DIR_E_NOTFOUND,       /* no such user, group, contact, address or domain */
	DIR_E_EXISTS,         /* the alias (or domain, organisation, membership) already exists */
	DIR_E_ADDRESS_TAKEN,  /* another object already has this SMTP address */
	DIR_E_UNKNOWN_DOMAIN, /* an address's domain is not an accepted domain */
	DIR_E_WRONG_KIND,     /* the name is e.g. a contact where a user is needed */
	DIR_E_CYCLE,          /* the membership would make a group contain itself */
	DIR_E_IN_USE,         /* the domain still has addresses, or the address is the primary one */
	DIR_E_INVALID,        /* malformed alias, address, name, locale or password */
	DIR_E_BAD_PASSWORD,   /* password verification failed */
	DIR_E_DISABLED,       /* the password is right but the account is disabled */
	DIR_E_NO_PASSWORD,    /* the user has no password set */
	DIR_E_NO_ORG,         /* the database has no organisation yet (warpadm init) */
	DIR_E_SCHEMA,         /* the database schema is newer than this program or damaged */
	DIR_E_OPEN,           /* the database file cannot be opened or created */
	DIR_E_BUSY,           /* another writer held the database longer than the busy timeout */
	DIR_E_DB,             /* any other SQLite failure */
	DIR_E_NOMEM,
	DIR_E_RANDOM, /* the kernel random source failed */
};

enum dir_kind { DIR_USER = 1, DIR_GROUP = 2, DIR_CONTACT = 3 };

/* What a user's address book entry says of the person (MS-OXOABK 2.2.4: givenName, sn, title, department,
 * physicalDeliveryOfficeName, telephoneNumber). Each is free text like a display name (at most DIR_NAME_MAX
 * bytes of UTF-8, no control characters), or not set. dir_person_field_name[] gives the names warpadm's
 * options and JSON use ("given-name", "surname", "title", "department", "office", "phone"). */
enum dir_person_field {
	DIR_GIVEN_NAME,
	DIR_SURNAME,
	DIR_TITLE,
	DIR_DEPARTMENT,
	DIR_OFFICE,
	DIR_PHONE,
	DIR_PERSON_FIELDS
};
extern const char *const dir_person_field_name[DIR_PERSON_FIELDS];
#define DIR_KIND_MASK(k) (1u << (k))
#define DIR_ALL_KINDS (DIR_KIND_MASK(DIR_USER) | DIR_KIND_MASK(DIR_GROUP) | DIR_KIND_MASK(DIR_CONTACT))

struct dir_handle;

/* An address-book object. Users fill the user fields; for groups and contacts they are zero. */
struct dir_entry {
	uint32_t mid;
	enum dir_kind kind;
	char *alias;
	char *display_name;
	char *legacy_dn;
	char *smtp;             /* primary SMTP address (users, groups) or the external address (contacts) */
	char **proxy_addresses; /* the other SMTP addresses, sorted */
	size_t proxy_count;
	/* users only */
	bool enabled;
	bool has_password;
	uint64_t quota_bytes; /* 0: unlimited */
	struct wc_guid mailbox_guid;
	char *locale;                    /* BCP 47 tag, e.g. "en-US" */
	char *person[DIR_PERSON_FIELDS]; /* NULL: not set */
};

struct dir_org {
	char *name;
	char *dn_prefix; /* "/o=<name>/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)" */
	char *default_domain;
	/* The address book server's GUID (NspiBind pServerGuid, MS-OXNSPI 3.1.4.1.1): random, made once with
	 * the organisation (or by the schema 4 upgrade) and kept, so Ephemeral Entry IDs stay valid across
	 * restarts. */
	struct wc_guid server_guid;
};

/* What dir_user_add() creates. NULL display_name means the alias; NULL smtp means <alias>@<default domain>;
 * NULL password means no password (the user cannot log in until one is set); NULL locale means "en-US". */
struct dir_user_spec {
	const char *alias;
	const char *display_name;
	const char *smtp;
	const char *const *proxy_addresses;
	size_t proxy_count;
	const char *password;
	const char *locale;
	uint64_t quota_bytes;
	bool disabled;
	const char *person[DIR_PERSON_FIELDS]; /* NULL: not set */
};

/* dir_user_update(): NULL / -1 leaves a field as it is; an empty person field clears it. */
struct dir_user_change {
	const char *password;
	const char *locale;
	int enabled;         /* 0, 1, or -1 */
	int64_t quota_bytes; /* >= 0, or -1 */
	const char *person[DIR_PERSON_FIELDS];
};

enum dir_open_flags { DIR_OPEN_CREATE = 1 };

const char *dir_strerror(int err);

/* Opens (with DIR_OPEN_CREATE: creates, mode 0600, since it holds NT hashes) the database at path and
 * brings its schema up to DIR_SCHEMA_VERSION. The handle is a talloc child of mem; free it to close. On
 * failure *errmsg (when errmsg is not NULL) is a talloc string on mem with SQLite's explanation. */
int dir_open(TALLOC_CTX *mem, const char *path, unsigned flags, int busy_timeout_ms, struct dir_handle **out,
             char **errmsg);
int dir_schema_version(struct dir_handle *h);
/* SQLite's message for the last DIR_E_DB / DIR_E_SCHEMA / DIR_E_OPEN on this handle, or "". */
const char *dir_db_message(struct dir_handle *h);

/* A value that differs after any change to users, groups, contacts, addresses or memberships, by any handle
 * or process (warpadm), and is the same on every handle in between: a reader can keep derived data (the NSPI
 * GAL order) until it changes, whichever handle it reads it with. */
int dir_change_token(struct dir_handle *h, uint64_t *token);

/* Organisation and accepted domains. dir_org_create() also adds the first (default) domain. */
int dir_org_create(struct dir_handle *h, const char *name, const char *domain);
int dir_org_get(struct dir_handle *h, TALLOC_CTX *mem, struct dir_org **out);
int dir_domain_add(struct dir_handle *h, const char *domain);
int dir_domain_remove(struct dir_handle *h, const char *domain); /* DIR_E_IN_USE while addresses use it */
int dir_domain_list(struct dir_handle *h, TALLOC_CTX *mem, char ***domains, size_t *count); /* sorted */
bool dir_domain_is_accepted(struct dir_handle *h, const char *domain);

/* Objects. The created object's MId goes to *mid when mid is not NULL. */
int dir_user_add(struct dir_handle *h, const struct dir_user_spec *spec, uint32_t *mid);
int dir_user_update(struct dir_handle *h, const char *name, const struct dir_user_change *change);
int dir_group_add(struct dir_handle *h, const char *alias, const char *display_name, const char *smtp,
                  uint32_t *mid);
int dir_contact_add(struct dir_handle *h, const char *alias, const char *display_name, const char *smtp,
                    uint32_t *mid);
/* Deletes the named object, which must be of the given kind; its memberships and addresses go with it. */
int dir_delete(struct dir_handle *h, enum dir_kind kind, const char *name);
int dir_set_display_name(struct dir_handle *h, const char *name, const char *display_name);

/* SMTP addresses of users and groups (contacts have exactly one, their external address). */
int dir_address_add(struct dir_handle *h, const char *name, const char *address);
int dir_address_remove(struct dir_handle *h, const char *name, const char *address); /* not the primary */
int dir_address_set_primary(struct dir_handle *h, const char *name, const char *address);

/* Lookups. Each fills *out (on mem) or returns DIR_E_NOTFOUND. */
int dir_lookup_alias(struct dir_handle *h, TALLOC_CTX *mem, const char *alias, struct dir_entry **out);
int dir_lookup_smtp(struct dir_handle *h, TALLOC_CTX *mem, const char *address, struct dir_entry **out);
int dir_lookup_dn(struct dir_handle *h, TALLOC_CTX *mem, const char *legacy_dn, struct dir_entry **out);
int dir_lookup_mid(struct dir_handle *h, TALLOC_CTX *mem, uint32_t mid, struct dir_entry **out);
int dir_lookup(struct dir_handle *h, TALLOC_CTX *mem, const char *name, struct dir_entry **out);

/* The objects of the kinds in kind_mask in GAL order: display name (ignoring case), then MId. */
int dir_list(struct dir_handle *h, TALLOC_CTX *mem, unsigned kind_mask, struct dir_entry ***out,
             size_t *count);

/* Passwords. dir_verify_password() returns DIR_OK, DIR_E_BAD_PASSWORD (also for an unknown user, after the
 * same work, so timing does not tell), DIR_E_NO_PASSWORD or DIR_E_DISABLED (only once the password matched).
 * dir_nt_hash() gives NTOWFv1 = MD4(UTF-16LE(password)) (MS-NLMP 3.3.1) for NTLM. */
int dir_verify_password(struct dir_handle *h, const char *name, const char *password);
int dir_nt_hash(struct dir_handle *h, const char *name, uint8_t nt_hash[16]);

/* Groups. dir_group_change_members() adds and removes members (users, contacts, groups) in one transaction:
 * DIR_E_EXISTS if one to add is already a member, DIR_E_NOTFOUND if one to remove is not, DIR_E_CYCLE if a
 * group would contain itself; *culprit (when not NULL) then names the member at fault, or NULL when the group
 * itself is. Nothing changes unless all succeed. dir_group_members() lists direct members in GAL order;
 * dir_group_expand() lists the users and contacts reached through nested groups, each once, in GAL order. */
int dir_group_change_members(struct dir_handle *h, const char *group, const char *const *add, size_t nadd,
                             const char *const *remove, size_t nremove, const char **culprit);
int dir_group_members(struct dir_handle *h, TALLOC_CTX *mem, const char *group, struct dir_entry ***out,
                      size_t *count);
int dir_group_expand(struct dir_handle *h, TALLOC_CTX *mem, const char *group, struct dir_entry ***out,
                     size_t *count);
/* The groups the object is a direct member of, in GAL order. */
int dir_member_of(struct dir_handle *h, TALLOC_CTX *mem, const char *name, struct dir_entry ***out,
                  size_t *count);

/* What a user may change on their own address book entry over NSPI (MS-OXNSPI 3.1.4.1.14, 3.1.4.1.15):
 * X.509 certificates (PidTagAddressBookX509Certificate, PidTagUserX509Certificate: lists of DER blobs, kept
 * in order) and public delegates (PidTagAddressBookPublicDelegates: other objects, by MId). Only users have
 * them (DIR_E_WRONG_KIND otherwise). dir_certificates_set() replaces the whole list (count 0 clears it);
 * dir_delegates_change() adds (already present ones are left) or removes (absent ones are ignored) in one
 * transaction, DIR_E_NOTFOUND when a delegate to add does not exist. Lists are talloc arrays on mem. */
enum dir_cert_kind { DIR_CERT_ADDRESS_BOOK = 1, DIR_CERT_USER = 2 };
struct dir_blob {
	uint8_t *data;
	size_t len;
};
int dir_certificates_get(struct dir_handle *h, TALLOC_CTX *mem, uint32_t mid, enum dir_cert_kind kind,
                         struct dir_blob **out, size_t *count);
int dir_certificates_set(struct dir_handle *h, uint32_t mid, enum dir_cert_kind kind,
                         const struct dir_blob *certs, size_t count);
int dir_delegates_get(struct dir_handle *h, TALLOC_CTX *mem, uint32_t mid, uint32_t **mids, size_t *count);
int dir_delegates_change(struct dir_handle *h, uint32_t mid, bool remove, const uint32_t *mids, size_t count);

/* Syntax checks the API applies, exposed for tools that want to say "bad alias" before opening anything. */
bool dir_valid_alias(const char *alias);
bool dir_valid_smtp(const char *address);
bool dir_valid_domain(const char *domain);

#endif
