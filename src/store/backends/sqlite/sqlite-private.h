/* The SQLite backend of MAPIStore: one database file per mailbox (schema in sqlite-schema.c and
 * docs/store.md).
 *
 * Files: sqlite-schema.c (open/create/upgrade, transactions, statement cache, check), sqlite-mailbox.c (IDs,
 * named properties, receive folders), sqlite-props.c (values ⇄ SQL, property rows, property bags, computed
 * properties), sqlite-folder.c, sqlite-message.c (messages, save, read flags, move/copy), sqlite-attach.c
 * (recipients, attachments, embedded messages), sqlite-stream.c, sqlite-sql.c (properties, restrictions and
 * sort orders to SQL), sqlite-table.c (hierarchy, contents, attachment and recipient tables as queries). */
#ifndef SQLITE_PRIVATE_H
#define SQLITE_PRIVATE_H

#include <sqlite3.h>

#include "store/mapistore_private.h"

#define SQ_SCHEMA_VERSION 2
/* Values larger than this are kept as chunked blobs (written through streams). */
#define SQ_INLINE_MAX 32768
#define SQ_CHUNK_SIZE 131072
/* MS-OXCPRPT 3.2.5.1: a value too large for a ROP buffer is answered with this error in GetProperties. */
#define SQ_LARGE_ERROR ecNotEnoughMemory

/* kind column of the props, mvprops tables */
enum sq_kind {
	SQ_KIND_FOLDER = 1,
	SQ_KIND_MESSAGE = 2,
	SQ_KIND_RECIPIENT = 3,
	SQ_KIND_ATTACHMENT = 4,
};

struct sq_stmt_cache;

struct sq_backend {
	struct ms_backend base;
	sqlite3 *db;
	char *path;
	struct sq_stmt_cache *stmts;
	int batch;       /* nesting of ms_mailbox_begin_batch */
	int sync_full;   /* current PRAGMA synchronous: 1 FULL, 0 NORMAL, -1 unknown */
	int64_t *staged; /* blobs this context created and may still be unreferenced */
	unsigned nstaged;
};

static inline struct sq_backend *sq_be(struct ms_backend *be)
{
	return (struct sq_backend *)be;
}

/* ---- sqlite-schema.c ---- */
/* A cached prepared statement for a constant SQL text (reset and bindings cleared). */
sqlite3_stmt *sq_prepare(struct sq_backend *b, const char *sql);
/* Runs SQL without results. */
uint32_t sq_exec(struct sq_backend *b, const char *sql);
/* Steps a statement that must finish (SQLITE_DONE) and resets it. */
uint32_t sq_step_done(struct sq_backend *b, sqlite3_stmt *st);
/* Runs constant statements in order with the same integer arguments ?1..?nargs. */
uint32_t sq_run_steps(struct sq_backend *b, const char *const *sql, size_t nsql, const int64_t *args,
                      int nargs);
/* Whether a constant query with two integer parameters (?1, ?2) gives a row. */
bool sq_exists(struct sq_backend *b, const char *sql, int64_t a, int64_t c);
/* The first column of every row of a bound statement (IDs to work on before the rows change), on mem. */
uint32_t sq_collect_ids(struct sq_backend *b, sqlite3_stmt *st, TALLOC_CTX *mem, int64_t **ids, uint32_t *n);
/* The same for a constant one-parameter query. */
uint32_t sq_ids_of(struct sq_backend *b, const char *sql, int64_t arg, TALLOC_CTX *mem, int64_t **ids,
                   uint32_t *n);
/* SQLite result code → MAPI error code. */
uint32_t sq_error(struct sq_backend *b, int rc);
/* Transactions: durable ones end with synchronous=FULL (client-visible saves); inside a batch they join it.
 */
uint32_t sq_begin(struct sq_backend *b);
uint32_t sq_commit(struct sq_backend *b, bool durable);
/* Writes outside transactions that no client sees yet (stream chunks) do not wait for the disk. */
void sq_sync_normal(struct sq_backend *b);
void sq_rollback(struct sq_backend *b);
uint32_t sq_check(struct ms_backend *be, TALLOC_CTX *mem, char **report);
uint32_t sq_begin_batch(struct ms_backend *be);
uint32_t sq_end_batch(struct ms_backend *be, bool commit);
uint32_t sq_create(struct ms_mailbox *mb, const char *uri, const char *path, struct ms_backend **out);
uint32_t sq_open(struct ms_mailbox *mb, const char *uri, const char *path, struct ms_backend **out);

/* ---- sqlite-mailbox.c ---- */
uint32_t sq_reserve_ids(struct ms_backend *be, enum ms_id_kind kind, uint32_t count, uint64_t *first);
uint32_t sq_new_id(struct sq_backend *b, enum ms_id_kind kind, uint64_t *counter);
uint32_t sq_meta_get(struct ms_backend *be, const char *key, TALLOC_CTX *mem, struct mapi_binary *value);
uint32_t sq_meta_put(struct ms_backend *be, const char *key, const struct mapi_binary *value);
uint32_t sq_named_get_id(struct ms_backend *be, const struct mapi_propname *name, bool create,
                         uint16_t *propid);
uint32_t sq_named_get_name(struct ms_backend *be, uint16_t propid, TALLOC_CTX *mem,
                           struct mapi_propname *name);
uint32_t sq_named_list(struct ms_backend *be, TALLOC_CTX *mem, uint16_t **propids,
                       struct mapi_propname **names, uint32_t *count);
uint32_t sq_receive_folder_set(struct ms_backend *be, const char *message_class, uint64_t fid);
uint32_t sq_per_user_set(struct ms_backend *be, const struct ms_per_user *row);
uint32_t sq_per_user_get(struct ms_backend *be, const uint8_t *folder, TALLOC_CTX *mem, struct ms_per_user *row);
uint32_t sq_per_user_folders(struct ms_backend *be, const struct wc_guid *replguid, TALLOC_CTX *mem,
                             struct ms_per_user **rows, uint32_t *count);
uint32_t sq_receive_folder_get(struct ms_backend *be, const char *message_class, TALLOC_CTX *mem,
                               uint64_t *fid, char **explicit_class);
uint32_t sq_receive_folder_table(struct ms_backend *be, TALLOC_CTX *mem, struct ms_receive_folder **rows,
                                 uint32_t *count);

/* ---- sqlite-props.c ---- */

/* One property in a bag: a value, a value kept as a blob (bid > 0, size bytes: UTF-16LE for strings), or a
 * deletion (in a change bag). */
struct sq_prop {
	struct mapi_propval pv;
	int64_t bid;
	uint64_t size;
	bool deleted;
	TALLOC_CTX *mem; /* owns the value */
};
/* A set of properties keyed by property ID: an object's stored state, or its pending changes. */
struct sq_bag {
	struct sq_prop *props;
	uint32_t count;
};

struct sq_bag *sq_bag_new(TALLOC_CTX *mem);
struct sq_prop *sq_bag_find(const struct sq_bag *bag, uint16_t propid);
/* Adds or replaces (deep copy of the value). */
uint32_t sq_bag_put(struct sq_bag *bag, const struct sq_prop *p);
uint32_t sq_bag_put_value(struct sq_bag *bag, const struct mapi_propval *pv);
uint32_t sq_bag_mark_deleted(struct sq_bag *bag, uint32_t tag);
struct sq_bag *sq_bag_copy(TALLOC_CTX *mem, const struct sq_bag *src);
/* dst := changes applied over dst (deleted entries remove). */
uint32_t sq_bag_apply(struct sq_bag *dst, const struct sq_bag *changes);
/* dst := dst with every entry of changes put in (deletions stay as markers: a pending change bag). */
uint32_t sq_bag_merge(struct sq_bag *dst, const struct sq_bag *changes);
/* The effective property: changes first, then base; NULL when absent or deleted. */
const struct sq_prop *sq_bag_lookup(const struct sq_bag *base, const struct sq_bag *changes, uint16_t propid);

/* SQLite storage of single values (INTEGER, REAL, TEXT, BLOB by type). */
int sq_bind_value(sqlite3_stmt *st, int idx, uint16_t type, const union mapi_value *v);
uint32_t sq_column_value(sqlite3_stmt *st, int col, uint16_t type, TALLOC_CTX *mem, union mapi_value *v);
/* Element i of a multi-valued value as a single value of the base type. */
union mapi_value sq_mv_element(uint16_t type, const struct mapi_mv *mv, uint32_t i);
/* Loads the elements of a stored multi-valued property. */
uint32_t sq_mv_load(struct sq_backend *b, enum sq_kind kind, int64_t oid, uint16_t propid, uint16_t type,
                    TALLOC_CTX *mem, struct mapi_mv *mv);
/* Loads the props/mvprops rows of an object into bag. */
uint32_t sq_props_load(struct sq_backend *b, enum sq_kind kind, int64_t oid, struct sq_bag *bag);
/* Writes a change bag's entries for the object's props rows (hot properties must be removed before); fresh:
 * the object has no rows yet, nothing to replace. */
uint32_t sq_props_store(struct sq_backend *b, enum sq_kind kind, int64_t oid, const struct sq_bag *changes,
                        bool fresh);
/* Writes a bag as rows of the in-memory "pend" schema (no blob references are counted there). */
uint32_t sq_props_store_pending(struct sq_backend *b, enum sq_kind kind, int64_t oid,
                                const struct sq_bag *bag);
uint32_t sq_props_remove_all(struct sq_backend *b, enum sq_kind kind, int64_t oid);
uint32_t sq_props_copy(struct sq_backend *b, enum sq_kind kind, int64_t from, int64_t to);
/* Blob reference counting. */
uint32_t sq_blob_ref(struct sq_backend *b, int64_t bid, int delta);
uint32_t sq_blob_new(struct sq_backend *b, int64_t *bid);
/* The object kinds' common property code: values with problems, the ms_props_* entry points. */
uint32_t sq_props_get(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
                      struct mapi_propval **values);
uint32_t sq_props_get_all(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values,
                          uint32_t *count);
uint32_t sq_props_list(struct ms_object *o, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count);
uint32_t sq_props_set(struct ms_object *o, const struct mapi_propval *values, uint32_t count, TALLOC_CTX *mem,
                      struct mapi_propproblem **problems, uint32_t *nproblems);
uint32_t sq_props_delete(struct ms_object *o, const uint32_t *tags, uint32_t count, TALLOC_CTX *mem,
                         struct mapi_propproblem **problems, uint32_t *nproblems);
/* Properties no client sets (IDs, keys, counts ...): setting or deleting one is ecAccessDenied. */
bool sq_prop_readonly(uint32_t tag);
/* Value of a property as tables and GetProperties return it: converts PtypString ⇄ PtypString8, reports
 * blob-backed values as SQ_LARGE_ERROR. Returns false when the property does not exist. */
bool sq_prop_output(TALLOC_CTX *mem, uint32_t want, const struct sq_prop *p, struct mapi_propval *out);

/* What a folder or a message computes its IDs, keys, times and access properties from. */
struct sq_identity {
	bool is_message;
	uint64_t id;         /* FID or MID */
	uint64_t parent_fid; /* a folder's parent (0 for the root), a message's folder */
	uint64_t cn;         /* counter of the last change number, 0 before the first save */
	int64_t mtime;       /* PidTagLastModificationTime, with the change */
	int32_t access;      /* PidTagAccess (MS-OXCPRPT 2.2.1.1) */
	bool writable;       /* PidTagAccessLevel */
};
/* The identity properties both kinds share (PidTagEntryId, source/change keys, change number, ...); false
 * when propid is not one of them or the object has no such value yet. */
extern const uint16_t sq_identity_ids[]; /* zero-terminated */
bool sq_identity_prop(const struct ms_mailbox *mb, const struct sq_identity *id, TALLOC_CTX *mem,
                      uint16_t propid, struct mapi_propval *out);

/* The object's effective property (pending changes over stored state), whether it takes changes, and
 * applying a change bag to it (pending for messages and attachments, written for folders). */
const struct sq_prop *sq_object_prop(struct ms_object *o, uint16_t propid);
bool sq_object_writable(struct ms_object *o);
uint32_t sq_object_apply(struct ms_object *o, const struct sq_bag *changes);

/* Per-kind access the generic property code uses (sqlite-folder.c, sqlite-message.c, sqlite-attach.c). */
struct sq_object_ops {
	/* The stored state and pending changes (changes NULL when writes go straight to the database). */
	uint32_t (*state)(struct ms_object *o, struct sq_bag **base, struct sq_bag **changes);
	/* Computed property (tag's type may be PT_UNSPECIFIED), false when the kind does not compute it. */
	bool (*computed)(struct ms_object *o, TALLOC_CTX *mem, uint16_t propid, struct mapi_propval *out);
	const uint16_t *computed_ids; /* zero-terminated, for GetPropertiesAll */
	bool identity;                /* computes the sq_identity_ids too (folders and messages) */
	const uint32_t *typed_tags;   /* zero-terminated: kept in typed columns, only this type is accepted */
	/* Commits changes right away (folders). */
	uint32_t (*write)(struct ms_object *o, const struct sq_bag *changes);
	bool (*writable)(struct ms_object *o);
};
extern const struct sq_object_ops sq_folder_object_ops, sq_message_object_ops, sq_attachment_object_ops;

/* ---- sqlite-folder.c ---- */
struct sq_folder {
	struct ms_folder base;
	int64_t counter;
	struct sq_bag *bag; /* stored properties (hot columns included), reloaded after writes */
	uint8_t folder_type;
};
uint32_t sq_folder_open(struct ms_backend *be, uint64_t fid, TALLOC_CTX *mem, struct ms_folder **out);
uint32_t sq_folder_mount(struct ms_backend *be, uint64_t fid, const char *name);
uint32_t sq_folder_create(struct ms_folder *parent, uint8_t type, const char *name, const char *comment,
                          bool open_existing, struct ms_folder **out, bool *existed);
uint32_t sq_folder_delete(struct ms_folder *parent, uint64_t fid, uint8_t flags, bool *partial);
uint32_t sq_folder_move(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name);
uint32_t sq_folder_copy(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
                        const char *new_name, bool recursive, uint64_t *new_fid);
uint32_t sq_folder_empty(struct ms_folder *f, bool associated_too, bool hard, bool *partial);
uint32_t sq_folder_get_counts(struct ms_folder *f, struct ms_folder_counts *counts);
uint32_t sq_folder_counts_of(struct sq_backend *b, int64_t counter, struct ms_folder_counts *c);

/* ---- sqlite-message.c ---- */
struct sq_recipient {
	uint32_t row_id;
	struct sq_bag *bag;
};
struct sq_msgstate;
struct sq_attstate {
	uint32_t attach_num;
	int64_t aid; /* row in attachments, 0 when new */
	bool deleted;
	struct sq_bag *base, *changes;
	struct sq_msgstate *embedded; /* pending embedded message, NULL when untouched */
	int64_t embedded_counter;     /* MID counter of the stored embedded message, 0 when none */
};
/* A message's state over its stored row: what its save writes. */
struct sq_msgstate {
	int64_t counter; /* MID counter */
	bool stored;     /* a messages row exists */
	bool associated;
	/* stored columns that are not properties of their own */
	int64_t fid_counter, parent_aid, cn, mtime, size;
	uint32_t flags; /* PidTagMessageFlags without mfRead */
	bool read;
	bool flags_dirty; /* read/flags changed by this object: its save writes them */
	struct sq_bag *base, *changes;
	bool recipients_loaded, recipients_dirty;
	struct sq_recipient *recipients;
	uint32_t nrecipients;
	bool attachments_loaded;
	struct sq_attstate *attachments;
	uint32_t nattachments;
	uint32_t next_attach_num;
};
struct sq_message {
	struct ms_message base;
	struct sq_msgstate *st;
	int64_t fid_counter;
	int64_t change_number; /* of the stored row when opened or last saved (conflict detection) */
	bool writable;
	struct sq_attachment *parent_att; /* embedded: the attachment object it saves into */
	uint8_t read_flag_bits;           /* read and notify bits as stored */
};
struct sq_attachment {
	struct ms_attachment base;
	struct sq_attstate *st; /* private working copy; save copies it into the message's list */
	bool writable;
};
uint32_t sq_message_create(struct ms_folder *f, bool associated, struct ms_message **out);
uint32_t sq_message_open(struct ms_folder *f, uint64_t mid, uint8_t mode, struct ms_message **out);
uint32_t sq_message_save(struct ms_message *m, uint8_t save_flags);
uint32_t sq_message_set_read_flag(struct ms_message *m, uint8_t read_flags, bool *changed);
uint32_t sq_folder_delete_messages(struct ms_folder *f, const uint64_t *mids, uint32_t count, bool hard,
                                   bool *partial);
uint32_t sq_folder_move_copy_messages(struct ms_folder *src, struct ms_folder *dst, const uint64_t *mids,
                                      uint32_t count, bool copy, uint64_t *new_mids, bool *partial);
uint32_t sq_folder_set_message_status(struct ms_folder *f, uint64_t mid, uint32_t status, uint32_t mask,
                                      uint32_t *old_status);
uint32_t sq_folder_set_read_flags(struct ms_folder *f, const uint64_t *mids, uint32_t count,
                                  uint8_t read_flags, bool *partial);
/* Loads a stored message's state (row counter), for opening and for embedded messages. */
uint32_t sq_msgstate_load(struct sq_backend *b, TALLOC_CTX *mem, int64_t counter, struct sq_msgstate **out);
struct sq_msgstate *sq_msgstate_copy(TALLOC_CTX *mem, const struct sq_msgstate *src);
/* Writes a state (row, properties, recipients, attachments) as message row st->counter with change number cn,
 * inside the caller's transaction. */
uint32_t sq_msgstate_store(struct sq_backend *b, struct sq_msgstate *st, int64_t cn);
/* Removes a stored message with everything below it (recipients, attachments, embedded messages, blobs). */
uint32_t sq_message_remove(struct sq_backend *b, int64_t counter);
/* Copies a stored message to a new row (new counter) in folder fid_counter, or under attachment aid. */
uint32_t sq_message_duplicate(struct sq_backend *b, int64_t counter, int64_t fid_counter, int64_t parent_aid,
                              int64_t *new_counter);

/* ---- sqlite-attach.c ---- */
uint32_t sq_recipients_load(struct sq_backend *b, struct sq_msgstate *st);
uint32_t sq_attachments_load(struct sq_backend *b, struct sq_msgstate *st);
/* Writes recipients and attachments of a state under message row counter (inside the save transaction). */
uint32_t sq_children_store(struct sq_backend *b, struct sq_msgstate *st, int64_t counter);
uint32_t sq_children_copy(struct sq_backend *b, int64_t from, int64_t to);
/* Puts a message state's recipients and attachments as they are now (saved attachments included) into the
 * "pend" schema, where the message's recipient and attachment tables read them. */
uint32_t sq_children_pending(struct sq_backend *b, struct sq_msgstate *st);
uint32_t sq_children_remove(struct sq_backend *b, int64_t counter);
uint32_t sq_modify_recipients(struct ms_message *m, const struct ms_recipient *rows, uint32_t count);
uint32_t sq_read_recipients(struct ms_message *m, uint32_t first_row_id, TALLOC_CTX *mem,
                            struct ms_recipient **rows, uint32_t *count);
uint32_t sq_remove_all_recipients(struct ms_message *m);
uint32_t sq_attachment_create(struct ms_message *m, struct ms_attachment **out, uint32_t *attach_num);
uint32_t sq_attachment_open(struct ms_message *m, uint32_t attach_num, uint8_t mode,
                            struct ms_attachment **out);
uint32_t sq_attachment_delete(struct ms_message *m, uint32_t attach_num);
uint32_t sq_attachment_save(struct ms_attachment *a);
uint32_t sq_attachment_open_embedded(struct ms_attachment *a, uint8_t mode, struct ms_message **out);

/* ---- sqlite-stream.c ---- */
uint32_t sq_stream_open(struct ms_object *o, uint32_t tag, uint8_t mode, struct ms_stream **out);
uint32_t sq_stream_read(struct ms_stream *s, void *buf, uint32_t size, uint32_t *nread);
uint32_t sq_stream_write(struct ms_stream *s, const void *buf, uint32_t size, uint32_t *nwritten);
uint32_t sq_stream_seek(struct ms_stream *s, uint8_t origin, int64_t offset, uint64_t *position);
uint32_t sq_stream_get_size(struct ms_stream *s, uint64_t *size);
uint32_t sq_stream_set_size(struct ms_stream *s, uint64_t size);
uint32_t sq_stream_commit(struct ms_stream *s);
/* SQL function ms_blob_contains(bid, needle, fuzzy_level) for content restrictions on chunked values. */
int sq_register_functions(sqlite3 *db);

/* ---- sqlite-sql.c ---- */
/* What the C side does with a column's SQL value. */
enum sq_conv {
	SQ_CONV_NONE,            /* the value as it is */
	SQ_CONV_ID,              /* a counter → FID/MID/change number (MS-OXCDATA 2.2.1) */
	SQ_CONV_XID,             /* a counter → XID (source key, change key) */
	SQ_CONV_PCL,             /* a change number → PredecessorChangeList */
	SQ_CONV_FOLDER_ENTRYID,  /* a folder counter → Folder EntryID */
	SQ_CONV_MESSAGE_ENTRYID, /* a message counter → Message EntryID (the table's folder) */
	SQ_CONV_INSTANCE_KEY,    /* a row id and the instance → PidTagInstanceKey */
	SQ_CONV_MV,              /* a multi-valued property: its elements are loaded from mvprops */
};
/* How a property of an object kind is reached in SQL. */
struct sq_sqlgen {
	TALLOC_CTX *mem; /* owns the text and the values to bind */
	struct sq_backend *b;
	enum sq_kind kind;
	const char *alias;     /* table alias of the row */
	const char *schema;    /* "main", or "pend" for a message's pending recipients and attachments */
	const char *inst_expr; /* the row's instance number (MVI expansion), "0" without */
	uint32_t mvi_tag;      /* the expanded multi-valued column (with MVI_FLAG), 0 when none */
	char *sql;             /* text built so far (talloc) */
	sqlite3_value **binds; /* values to bind in order (copies) */
	struct mapi_propval *bind_pvs;
	uint32_t nbinds;
	bool failed;
	uint32_t error;
};
/* Appends the SQL boolean (0/1, never NULL) for a restriction. */
void sq_sql_restriction(struct sq_sqlgen *g, const struct mapi_restriction *res, int depth);
/* Appends the SQL expression of a property's value (NULL where the row has none) and says how the C side
 * turns it into the property. */
enum sq_conv sq_sql_property_conv(struct sq_sqlgen *g, uint32_t tag);
void sq_sql_property(struct sq_sqlgen *g, uint32_t tag);
const char *sq_kind_id_column(enum sq_kind kind);
/* The properties exprs_of(kind) computes or keeps in columns (RopQueryColumnsAll), on mem. */
uint32_t sq_sql_computed_tags(enum sq_kind kind, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count);
uint32_t sq_sql_bind(struct sq_sqlgen *g, sqlite3_stmt *st, int first);
void sq_sql_append(struct sq_sqlgen *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- sqlite-table.c ---- */
uint32_t sq_hierarchy_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out);
uint32_t sq_contents_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out);
uint32_t sq_attachment_table(struct ms_message *m, struct ms_table **out);
uint32_t sq_recipient_table(struct ms_message *m, struct ms_table **out);

#endif
