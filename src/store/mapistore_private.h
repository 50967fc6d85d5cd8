/* MAPIStore internals shared by the front (mapistore.c), the dispatcher and the backends: the backend vtable
 * and the headers every backend object starts with. A backend allocates its own structures with these as
 * first member (struct sq_folder { struct ms_folder base; ... }). */
#ifndef MAPISTORE_PRIVATE_H
#define MAPISTORE_PRIVATE_H

#include "store/mapistore.h"

enum ms_object_kind {
	MS_OBJ_FOLDER = 1,
	MS_OBJ_MESSAGE = 2,
	MS_OBJ_ATTACHMENT = 3,
	MS_OBJ_STORE = 4, /* the mailbox itself: the store object of a logon (mapistore_logon.c) */
};

struct ms_backend;

struct ms_object {
	struct ms_mailbox *mb;
	struct ms_backend *be;
	uint8_t kind; /* enum ms_object_kind */
};
struct ms_folder {
	struct ms_object obj;
	uint64_t fid; /* full ID (REPLID + counter) */
};
struct ms_message {
	struct ms_object obj;
	uint64_t fid; /* the folder it lives in (of the top-level message for an embedded one) */
	uint64_t mid;
};
struct ms_attachment {
	struct ms_object obj;
	struct ms_message *msg;
	uint32_t attach_num;
};
struct ms_table_ops;
struct ms_table {
	const struct ms_table_ops *ops; /* a backend may have several kinds of tables */
	uint8_t kind;                   /* enum ms_table_kind, set by mapistore.c when the table opens */
};
struct ms_stream {
	struct ms_backend *be;
};

/* An ID range the dispatcher handed to one backend: routes FIDs/MIDs (counters first..last) to it. */
struct ms_id_range {
	uint64_t first, last;
	struct ms_backend *be;
};

struct ms_mailbox {
	struct ms_mailbox_info info;
	struct ms_backend **backends; /* [0] serves the root, named properties and receive folders */
	unsigned nbackends;
	struct ms_dispatcher *disp; /* NULL for a mailbox opened from one URI */
	char *name;                 /* the dispatcher's name for it */
	struct ms_id_range *ranges;
	unsigned nranges;
	struct ms_mount *mounts; /* folders served by another backend than their parent */
	unsigned nmounts;
};

struct ms_mount {
	uint64_t fid;
	struct ms_backend *be;
};

/* Table operations (MS-OXCTABL), see mapistore.h for the semantics of each. */
struct ms_table_ops {
	uint32_t (*set_columns)(struct ms_table *t, const uint32_t *tags, uint32_t count);
	uint32_t (*sort)(struct ms_table *t, const struct mapi_sort_order_set *sort);
	uint32_t (*set_restriction)(struct ms_table *t, const struct mapi_restriction *res);
	uint32_t (*query_rows)(struct ms_table *t, TALLOC_CTX *mem, uint32_t row_count, bool forward,
	                       bool advance, struct mapi_property_row **rows, uint32_t *count);
	uint32_t (*query_position)(struct ms_table *t, uint32_t *numerator, uint32_t *denominator);
	uint32_t (*seek_row)(struct ms_table *t, uint8_t origin, int32_t row_count, int32_t *moved,
	                     bool *sought_less);
	uint32_t (*seek_fraction)(struct ms_table *t, uint32_t numerator, uint32_t denominator);
	uint32_t (*create_bookmark)(struct ms_table *t, TALLOC_CTX *mem, struct mapi_binary *bookmark);
	uint32_t (*seek_bookmark)(struct ms_table *t, const struct mapi_binary *bookmark, int32_t row_count,
	                          bool *row_no_longer_visible, int32_t *moved, bool *sought_less);
	uint32_t (*free_bookmark)(struct ms_table *t, const struct mapi_binary *bookmark);
	uint32_t (*find_row)(struct ms_table *t, const struct mapi_restriction *res, uint8_t origin,
	                     const struct mapi_binary *bookmark, bool backward, TALLOC_CTX *mem,
	                     struct mapi_property_row *row);
	uint32_t (*get_row_count)(struct ms_table *t, uint32_t *count);
	uint32_t (*get_columns)(struct ms_table *t, const uint32_t **tags, uint32_t *count);
	uint32_t (*reset)(struct ms_table *t);
	uint32_t (*query_columns_all)(struct ms_table *t, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count);
};

struct ms_backend_ops;

struct ms_backend {
	const struct ms_backend_ops *ops;
	struct ms_mailbox *mb;
	char *uri;
	/* ID cache per enum ms_id_kind: counters [next, end) reserved and not handed out yet. */
	uint64_t id_next[3], id_end[3];
};

/* The vtable. Object arguments always belong to the backend whose ops are called. */
struct ms_backend_ops {
	const char *scheme; /* "sqlite" */
	uint32_t (*create)(struct ms_mailbox *mb, const char *uri, const char *path, struct ms_backend **out);
	uint32_t (*open)(struct ms_mailbox *mb, const char *uri, const char *path, struct ms_backend **out);
	/* Reserves count counters of a kind from the backend's own counter (a mailbox without dispatcher). */
	uint32_t (*reserve_ids)(struct ms_backend *be, enum ms_id_kind kind, uint32_t count, uint64_t *first);
	uint32_t (*check)(struct ms_backend *be, TALLOC_CTX *mem, char **report);
	uint32_t (*begin_batch)(struct ms_backend *be);
	uint32_t (*end_batch)(struct ms_backend *be, bool commit);

	/* Small mailbox-wide values of the front (the special folders), by key. */
	uint32_t (*meta_get)(struct ms_backend *be, const char *key, TALLOC_CTX *mem,
	                     struct mapi_binary *value);
	uint32_t (*meta_put)(struct ms_backend *be, const char *key, const struct mapi_binary *value);
	uint32_t (*named_get_id)(struct ms_backend *be, const struct mapi_propname *name, bool create,
	                         uint16_t *propid);
	uint32_t (*named_get_name)(struct ms_backend *be, uint16_t propid, TALLOC_CTX *mem,
	                           struct mapi_propname *name);
	uint32_t (*named_list)(struct ms_backend *be, TALLOC_CTX *mem, uint16_t **propids,
	                       struct mapi_propname **names, uint32_t *count);
	uint32_t (*receive_folder_set)(struct ms_backend *be, const char *message_class, uint64_t fid);
	uint32_t (*receive_folder_get)(struct ms_backend *be, const char *message_class, TALLOC_CTX *mem,
	                               uint64_t *fid, char **explicit_class);
	uint32_t (*receive_folder_table)(struct ms_backend *be, TALLOC_CTX *mem,
	                                 struct ms_receive_folder **rows, uint32_t *count);
	uint32_t (*per_user_set)(struct ms_backend *be, const struct ms_per_user *row);
	uint32_t (*per_user_get)(struct ms_backend *be, const uint8_t *folder, TALLOC_CTX *mem,
	                         struct ms_per_user *row);
	uint32_t (*per_user_folders)(struct ms_backend *be, const struct wc_guid *replguid, TALLOC_CTX *mem,
	                             struct ms_per_user **rows, uint32_t *count);

	uint32_t (*props_get)(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
	                      struct mapi_propval **values);
	uint32_t (*props_get_all)(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values,
	                          uint32_t *count);
	/* the tags of props_get_all with the stored type of the values it gives as PT_ERROR (too large) */
	uint32_t (*props_list)(struct ms_object *o, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count);
	uint32_t (*props_set)(struct ms_object *o, const struct mapi_propval *values, uint32_t count,
	                      TALLOC_CTX *mem, struct mapi_propproblem **problems, uint32_t *nproblems);
	uint32_t (*props_delete)(struct ms_object *o, const uint32_t *tags, uint32_t count, TALLOC_CTX *mem,
	                         struct mapi_propproblem **problems, uint32_t *nproblems);

	uint32_t (*stream_open)(struct ms_object *o, uint32_t tag, uint8_t mode, struct ms_stream **out);
	uint32_t (*stream_read)(struct ms_stream *s, void *buf, uint32_t size, uint32_t *nread);
	uint32_t (*stream_write)(struct ms_stream *s, const void *buf, uint32_t size, uint32_t *nwritten);
	uint32_t (*stream_seek)(struct ms_stream *s, uint8_t origin, int64_t offset, uint64_t *position);
	uint32_t (*stream_get_size)(struct ms_stream *s, uint64_t *size);
	uint32_t (*stream_set_size)(struct ms_stream *s, uint64_t size);
	uint32_t (*stream_commit)(struct ms_stream *s);

	uint32_t (*folder_open)(struct ms_backend *be, uint64_t fid, TALLOC_CTX *mem, struct ms_folder **out);
	/* Makes fid (a folder of another backend) a top folder of this backend, named name (dispatcher
	 * mounts). */
	uint32_t (*folder_mount)(struct ms_backend *be, uint64_t fid, const char *name);
	uint32_t (*folder_create)(struct ms_folder *parent, uint8_t type, const char *name,
	                          const char *comment, bool open_existing, struct ms_folder **out,
	                          bool *existed);
	uint32_t (*folder_delete)(struct ms_folder *parent, uint64_t fid, uint8_t flags, bool *partial);
	uint32_t (*folder_move)(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
	                        const char *new_name);
	uint32_t (*folder_copy)(struct ms_folder *src_parent, uint64_t fid, struct ms_folder *dst_parent,
	                        const char *new_name, bool recursive, uint64_t *new_fid);
	uint32_t (*folder_empty)(struct ms_folder *f, bool associated_too, bool hard, bool *partial);
	uint32_t (*folder_get_counts)(struct ms_folder *f, struct ms_folder_counts *counts);
	uint32_t (*folder_delete_messages)(struct ms_folder *f, const uint64_t *mids, uint32_t count,
	                                   bool hard, bool *partial);
	uint32_t (*folder_move_copy_messages)(struct ms_folder *src, struct ms_folder *dst,
	                                      const uint64_t *mids, uint32_t count, bool copy,
	                                      uint64_t *new_mids, bool *partial);
	uint32_t (*folder_set_message_status)(struct ms_folder *f, uint64_t mid, uint32_t status,
	                                      uint32_t mask, uint32_t *old_status);
	uint32_t (*folder_set_read_flags)(struct ms_folder *f, const uint64_t *mids, uint32_t count,
	                                  uint8_t read_flags, bool *partial);

	uint32_t (*message_create)(struct ms_folder *f, bool associated, struct ms_message **out);
	uint32_t (*message_open)(struct ms_folder *f, uint64_t mid, uint8_t mode, struct ms_message **out);
	uint32_t (*message_save)(struct ms_message *m, uint8_t save_flags);
	uint32_t (*message_set_read_flag)(struct ms_message *m, uint8_t read_flags, bool *changed);
	uint32_t (*message_modify_recipients)(struct ms_message *m, const struct ms_recipient *rows,
	                                      uint32_t count);
	uint32_t (*message_read_recipients)(struct ms_message *m, uint32_t first_row_id, TALLOC_CTX *mem,
	                                    struct ms_recipient **rows, uint32_t *count);
	uint32_t (*message_remove_all_recipients)(struct ms_message *m);

	uint32_t (*attachment_create)(struct ms_message *m, struct ms_attachment **out, uint32_t *attach_num);
	uint32_t (*attachment_open)(struct ms_message *m, uint32_t attach_num, uint8_t mode,
	                            struct ms_attachment **out);
	uint32_t (*attachment_delete)(struct ms_message *m, uint32_t attach_num);
	uint32_t (*attachment_save)(struct ms_attachment *a);
	uint32_t (*attachment_open_embedded)(struct ms_attachment *a, uint8_t mode, struct ms_message **out);

	uint32_t (*hierarchy_table)(struct ms_folder *f, uint8_t table_flags, struct ms_table **out);
	uint32_t (*contents_table)(struct ms_folder *f, uint8_t table_flags, struct ms_table **out);
	uint32_t (*attachment_table)(struct ms_message *m, struct ms_table **out);
	uint32_t (*recipient_table)(struct ms_message *m, struct ms_table **out);
};

extern const struct ms_backend_ops ms_sqlite_backend_ops;

/* Appends a PropertyProblem (MS-OXCDATA 2.7) to *problems (count *n) on mem: ecMAPIOOM when out of memory. */
uint32_t ms_problem_add(TALLOC_CTX *mem, struct mapi_propproblem **problems, uint32_t *n, uint32_t index,
                        uint32_t tag, uint32_t error);

/* The properties of a store object (MS_OBJ_STORE, mapistore_logon.c): what ms_props_* do for one. */
uint32_t ms_store_props_get(struct ms_object *o, TALLOC_CTX *mem, const uint32_t *tags, uint32_t count,
                            struct mapi_propval **values);
uint32_t ms_store_props_get_all(struct ms_object *o, TALLOC_CTX *mem, struct mapi_propval **values,
                                uint32_t *count);
uint32_t ms_store_props_change(struct ms_object *o, const struct mapi_propval *values, const uint32_t *tags,
                               uint32_t count, TALLOC_CTX *mem, struct mapi_propproblem **problems,
                               uint32_t *nproblems);

/* Next counter of a kind for a backend (from its cache, refilled from the dispatcher or the backend). */
uint32_t ms_ids_next(struct ms_backend *be, enum ms_id_kind kind, uint64_t *counter);
/* Drops cached counters that a rolled-back transaction of the backend's own counter took back. */
void ms_ids_forget(struct ms_backend *be);
/* Records that counters first..last belong to be (routing of IDs in a mailbox that mixes backends). */
uint32_t ms_mailbox_add_range(struct ms_mailbox *mb, uint64_t first, uint64_t last, struct ms_backend *be);
/* Dispatcher side of ID allocation: count counters of a kind for the mailbox, recorded as given to uri. */
uint32_t ms_dispatcher_allocate(struct ms_dispatcher *d, const char *name, enum ms_id_kind kind,
                                uint32_t count, const char *uri, uint64_t *first);
/* The backend that serves a FID or MID of the mailbox (NULL when none). */
struct ms_backend *ms_route(struct ms_mailbox *mb, uint64_t id);

/* Splits "scheme://path" ("sqlite:///x.db" → "sqlite", "/x.db"); NULL when not a URI of a known backend. */
const struct ms_backend_ops *ms_backend_lookup(const char *uri, const char **path);
/* Opens (or, with create, creates) the backend for uri and adds it to the mailbox. */
uint32_t ms_mailbox_add_backend(struct ms_mailbox *mb, const char *uri, bool create, struct ms_backend **out);

#endif
