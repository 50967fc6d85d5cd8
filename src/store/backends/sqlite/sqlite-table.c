/* SQLite backend: tables (MS-OXCTABL) — hierarchy, contents (normal and FAI), attachment and recipient
 * tables, each one SQL query built from SetColumns, SortTable and Restrict. The position is a row index;
 * QueryRows reads a window of the ordered result (LIMIT/OFFSET), FindRow and bookmarks use row_number().
 *
 * Attachment and recipient tables show the message object's state — attachments saved into it (MS-OXCMSG
 * 3.2.5.14) and recipients modified in it before the message itself is saved: before each query that state
 * is copied into the connection's in-memory "pend" schema, which the query reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/backends/sqlite/sqlite-private.h"

/* Parameter numbers of the table's own values, above the restriction's ?1.. */
#define P_PARENT 30001
#define P_LIMIT 30002
#define P_OFFSET 30003
#define P_POS 30004
#define P_OID 30005
#define P_INST 30006
#define P_KEYS 31000 /* a bookmark's sort keys */

struct sq_bookmark {
	uint32_t id;
	int64_t oid, inst;
	uint32_t pos;         /* where the row was */
	sqlite3_value **keys; /* its sort keys (order_keys()), to find where it would be once gone */
	unsigned nkeys;
	uint32_t generation; /* of the sort order the keys belong to */
};

struct sq_table {
	struct ms_table base;
	struct sq_backend *b;
	enum sq_kind kind;
	const char *alias;
	int64_t parent;
	struct sq_message *msg; /* recipient and attachment tables: the message whose state they show */
	const char *schema;     /* "main", or "pend" for those */
	uint64_t folder_id;     /* messages' folder for their entry IDs */
	uint8_t flags;
	uint32_t *cols;
	uint32_t ncols;
	bool has_cols; /* a set_columns succeeded since the table opened or was reset (ms_table_get_columns)
	                */
	struct mapi_sort_order *sort;
	uint16_t nsort;
	uint32_t mvi_tag;
	struct mapi_restriction *res;
	uint32_t pos;
	struct sq_bookmark *bm;
	uint32_t nbm, next_bm;
	sqlite3_stmt *rows_st; /* the row query for the current columns/sort/restriction */
	uint32_t generation;   /* counts changes of the order (bookmark keys of another order are useless) */
	int64_t count;         /* cached row count, -1 unknown */
};

static const struct ms_table_ops sq_table_ops;

static void bookmark_clear(struct sq_bookmark *b)
{
	for (unsigned i = 0; i < b->nkeys; i++)
		sqlite3_value_free(b->keys[i]);
	talloc_free(b->keys);
	b->keys = NULL;
	b->nkeys = 0;
}

static int table_destructor(struct sq_table *t)
{
	sqlite3_finalize(t->rows_st);
	for (uint32_t i = 0; i < t->nbm; i++)
		bookmark_clear(&t->bm[i]);
	return 0;
}

static void invalidate(struct sq_table *t)
{
	sqlite3_finalize(t->rows_st);
	t->rows_st = NULL;
	t->count = -1;
}

/* FROM ... WHERE <the table's rows> [AND <restriction>] into g; extra (may be NULL) is ANDed too. */
static void from_where(struct sq_table *t, struct sq_sqlgen *g, const struct mapi_restriction *extra)
{
	bool deleted = (t->flags & MS_TABLE_SOFT_DELETES) != 0;
	switch (t->kind) {
	case SQ_KIND_MESSAGE:
		sq_sql_append(g, " FROM messages m");
		break;
	case SQ_KIND_FOLDER:
		if (t->flags & MS_TABLE_DEPTH)
			sq_sql_append(g,
			              " FROM (WITH RECURSIVE t(fid, depth) AS (SELECT fid, 1 FROM folders "
			              "WHERE parent_fid ="
			              " ?%d UNION ALL SELECT x.fid, t.depth + 1 FROM folders x JOIN t ON "
			              "x.parent_fid = t.fid"
			              " WHERE x.deleted = 0) SELECT folders.*, t.depth FROM folders JOIN t "
			              "USING(fid)) f",
			              P_PARENT);
		else
			sq_sql_append(g, " FROM (SELECT *, 1 AS depth FROM folders WHERE parent_fid = ?%d) f",
			              P_PARENT);
		break;
	case SQ_KIND_RECIPIENT:
		sq_sql_append(g, " FROM %s.recipients r", t->schema);
		break;
	case SQ_KIND_ATTACHMENT:
		sq_sql_append(g, " FROM %s.attachments a", t->schema);
		break;
	}
	if (t->mvi_tag != 0)
		sq_sql_append(
		        g,
		        " LEFT JOIN %s.mvprops mvi ON mvi.kind = %d AND mvi.oid = %s.%s AND mvi.propid = %u",
		        t->schema, t->kind, t->alias, sq_kind_id_column(t->kind), PROP_ID(t->mvi_tag));
	switch (t->kind) {
	case SQ_KIND_MESSAGE:
		sq_sql_append(g, " WHERE m.fid = ?%d AND m.associated = %d AND m.deleted = %d", P_PARENT,
		              (t->flags & MS_TABLE_ASSOCIATED) ? 1 : 0, deleted);
		break;
	case SQ_KIND_FOLDER:
		sq_sql_append(g, " WHERE f.deleted = %d", deleted);
		break;
	default:
		sq_sql_append(g, " WHERE %s.mid = ?%d", t->alias, P_PARENT);
	}
	if (t->res != NULL) {
		sq_sql_append(g, " AND ");
		sq_sql_restriction(g, t->res, 0);
	}
	if (extra != NULL) {
		sq_sql_append(g, " AND ");
		sq_sql_restriction(g, extra, 0);
	}
}

/* The keys of the table's total order: the sort columns, then the row id (in the direction of the last key,
 * so that an index on (..., key) — whose entries end with the row id — delivers the order without sorting),
 * then the instance of an expanded multi-valued column. */
struct order_key {
	char *expr;
	bool desc, nocase;
};

static struct order_key *order_keys(struct sq_table *t, struct sq_sqlgen *g, unsigned *n)
{
	struct order_key *k = talloc_zero_array(g->mem, struct order_key, t->nsort + 2u);
	if (k == NULL)
		return NULL;
	char *saved = g->sql;
	unsigned m = 0;
	for (uint16_t i = 0; i < t->nsort; i++, m++) {
		g->sql = talloc_strdup(g->mem, "");
		sq_sql_property(g, PROP_TAG(t->sort[i].type, t->sort[i].id));
		uint16_t base = t->sort[i].type & ~(PT_MV_FLAG | MVI_FLAG);
		k[m] = (struct order_key){g->sql, t->sort[i].order == TABLE_SORT_DESCEND,
		                          base == PT_UNICODE || base == PT_STRING8};
	}
	g->sql = saved;
	k[m++] = (struct order_key){talloc_asprintf(g->mem, "%s.%s", t->alias, sq_kind_id_column(t->kind)),
	                            t->nsort > 0 && t->sort[t->nsort - 1].order == TABLE_SORT_DESCEND, false};
	if (t->mvi_tag != 0)
		k[m++] = (struct order_key){talloc_strdup(g->mem, g->inst_expr), false, false};
	for (unsigned i = 0; i < m; i++)
		if (k[i].expr == NULL)
			return NULL;
	*n = m;
	return k;
}

static void order_by(struct sq_table *t, struct sq_sqlgen *g)
{
	unsigned n;
	struct order_key *k = order_keys(t, g, &n);
	if (k == NULL) {
		g->failed = true;
		g->error = ecMAPIOOM;
		return;
	}
	sq_sql_append(g, " ORDER BY ");
	for (unsigned i = 0; i < n; i++)
		sq_sql_append(g, "%s%s%s%s", i ? ", " : "", k[i].expr, k[i].nocase ? " COLLATE NOCASE" : "",
		              k[i].desc ? " DESC" : "");
}

static void gen_init(struct sq_table *t, struct sq_sqlgen *g, TALLOC_CTX *mem)
{
	memset(g, 0, sizeof *g);
	g->mem = mem;
	g->b = t->b;
	g->kind = t->kind;
	g->alias = t->alias;
	g->schema = t->schema;
	g->mvi_tag = t->mvi_tag;
	g->inst_expr = t->mvi_tag ? "coalesce(mvi.idx, 0)"
	                          : "abs(0)"; /* not a bare integer: ORDER BY reads those as column numbers */
	g->sql = talloc_strdup(mem, "");
	if (g->sql == NULL)
		g->failed = true, g->error = ecMAPIOOM;
}

/* A message's tables: its current recipients and attachments into "pend" before a query reads them. */
static uint32_t refresh(struct sq_table *t)
{
	return t->msg != NULL ? sq_children_pending(t->b, t->msg->st) : ecSuccess;
}

static uint32_t prepare(struct sq_table *t, struct sq_sqlgen *g, sqlite3_stmt **st)
{
	if (g->failed)
		return g->error;
	uint32_t ec = refresh(t);
	if (ec != ecSuccess)
		return ec;
	if (sqlite3_prepare_v3(t->b->db, g->sql, -1, SQLITE_PREPARE_PERSISTENT, st, NULL) != SQLITE_OK) {
		if (getenv("WC_SQL_DEBUG"))
			fprintf(stderr, "sqlite: %s: %s\n", sqlite3_errmsg(t->b->db), g->sql);
		return ecError;
	}
	ec = sq_sql_bind(g, *st, 1);
	if (ec == ecSuccess && sqlite3_bind_parameter_index(*st, "?30001") > 0)
		sqlite3_bind_int64(*st, P_PARENT, t->parent);
	if (ec != ecSuccess) {
		sqlite3_finalize(*st);
		*st = NULL;
	}
	return ec;
}

/* SELECT oid, inst, <columns> ... ORDER BY ... LIMIT ?L OFFSET ?O */
static uint32_t rows_statement(struct sq_table *t)
{
	if (t->rows_st != NULL) {
		sqlite3_reset(t->rows_st);
		return refresh(t);
	}
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	sq_sql_append(&g, "SELECT %s.%s, %s", t->alias, sq_kind_id_column(t->kind), g.inst_expr);
	for (uint32_t i = 0; i < t->ncols; i++) {
		sq_sql_append(&g, ", ");
		sq_sql_property(&g, t->cols[i]);
	}
	from_where(t, &g, NULL);
	order_by(t, &g);
	sq_sql_append(&g, " LIMIT ?%d OFFSET ?%d", P_LIMIT, P_OFFSET);
	uint32_t ec = prepare(t, &g, &t->rows_st);
	talloc_free(tmp);
	return ec;
}

static uint32_t row_count(struct sq_table *t, uint32_t *count)
{
	/* not cached: other contexts add and remove rows between calls */
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	sq_sql_append(&g, "SELECT count(*)");
	from_where(t, &g, NULL);
	sqlite3_stmt *st;
	uint32_t ec = prepare(t, &g, &st);
	talloc_free(tmp);
	if (ec != ecSuccess)
		return ec;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		t->count = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return sq_error(t->b, rc);
	*count = (uint32_t)t->count;
	return ecSuccess;
}

static uint32_t new_table(struct ms_object *parent, enum sq_kind kind, int64_t parent_id, uint64_t folder_id,
                          uint8_t flags, struct ms_table **out)
{
	struct sq_table *t = talloc_zero(parent, struct sq_table);
	if (t == NULL)
		return ecMAPIOOM;
	t->base.ops = &sq_table_ops;
	t->b = sq_be(parent->be);
	t->kind = kind;
	t->schema = "main";
	if (parent->kind == MS_OBJ_MESSAGE) {
		t->msg = (struct sq_message *)parent;
		t->schema = "pend";
	}
	t->alias = kind == SQ_KIND_MESSAGE     ? "m"
	           : kind == SQ_KIND_FOLDER    ? "f"
	           : kind == SQ_KIND_RECIPIENT ? "r"
	                                       : "a";
	t->parent = parent_id;
	t->folder_id = folder_id;
	t->flags = flags;
	t->count = -1;
	talloc_set_destructor(t, table_destructor);
	*out = &t->base;
	return ecSuccess;
}

uint32_t sq_hierarchy_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out)
{
	return new_table(&f->obj, SQ_KIND_FOLDER, ((struct sq_folder *)f)->counter, f->fid, table_flags, out);
}

uint32_t sq_contents_table(struct ms_folder *f, uint8_t table_flags, struct ms_table **out)
{
	return new_table(&f->obj, SQ_KIND_MESSAGE, ((struct sq_folder *)f)->counter, f->fid, table_flags,
	                 out);
}

uint32_t sq_attachment_table(struct ms_message *m, struct ms_table **out)
{
	return new_table(&m->obj, SQ_KIND_ATTACHMENT, ((struct sq_message *)m)->st->counter, m->fid, 0, out);
}

uint32_t sq_recipient_table(struct ms_message *m, struct ms_table **out)
{
	return new_table(&m->obj, SQ_KIND_RECIPIENT, ((struct sq_message *)m)->st->counter, m->fid, 0, out);
}

/* The expanded multi-valued column (MS-OXCTABL 2.2.2.1.1: a column or sort key with MVI_FLAG): columns and
 * sort order must agree on one. */
static uint32_t mvi_of(const uint32_t *cols, uint32_t ncols, const struct mapi_sort_order *sort,
                       uint16_t nsort, uint32_t *mvi)
{
	*mvi = 0;
	for (uint32_t i = 0; i < ncols + nsort; i++) {
		uint32_t tag = i < ncols ? cols[i] : PROP_TAG(sort[i - ncols].type, sort[i - ncols].id);
		if (!(PROP_TYPE(tag) & MVI_FLAG))
			continue;
		if (*mvi != 0 && *mvi != tag)
			return ecNotSupported; /* one expanded multi-valued column at a time */
		*mvi = tag;
	}
	return ecSuccess;
}

/* Installs new columns or a new sort order if the query they give prepares; otherwise the old ones stay. */
static uint32_t change_view(struct sq_table *t, uint32_t *cols, uint32_t ncols, struct mapi_sort_order *sort,
                            uint16_t nsort)
{
	uint32_t mvi;
	uint32_t ec = mvi_of(cols, ncols, sort, nsort, &mvi);
	if (ec != ecSuccess)
		return ec;
	uint32_t *old_cols = t->cols, old_ncols = t->ncols, old_mvi = t->mvi_tag;
	struct mapi_sort_order *old_sort = t->sort;
	uint16_t old_nsort = t->nsort;
	t->cols = cols;
	t->ncols = ncols;
	t->sort = sort;
	t->nsort = nsort;
	t->mvi_tag = mvi;
	invalidate(t);
	ec = rows_statement(t);
	if (ec != ecSuccess) {
		t->cols = old_cols;
		t->ncols = old_ncols;
		t->sort = old_sort;
		t->nsort = old_nsort;
		t->mvi_tag = old_mvi;
		invalidate(t);
		return ec;
	}
	if (old_cols != cols)
		talloc_free(old_cols);
	if (old_sort != sort)
		talloc_free(old_sort);
	if (mvi != old_mvi || old_sort != sort)
		t->generation++; /* bookmarks of the old order cannot be placed by their keys */
	return ecSuccess;
}

/* MS-OXCTABL 3.2.5.2: a column of type PT_UNSPECIFIED, PT_ERROR or an invalid type is ecInvalidParam; an
 * expanded column (MVI_FLAG) must be multi-valued. */
static bool column_valid(uint32_t tag)
{
	uint16_t type = PROP_TYPE(tag);
	if (type & MVI_FLAG)
		return (type & PT_MV_FLAG) && mapi_type_valid(type & ~MVI_FLAG);
	return type != PT_ERROR && mapi_type_valid(type);
}

static uint32_t set_columns(struct ms_table *tt, const uint32_t *tags, uint32_t count)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t *c = talloc_array(t, uint32_t, count ? count : 1);
	if (c == NULL)
		return ecMAPIOOM;
	memcpy(c, tags, sizeof *tags * count);
	uint32_t ec = ecSuccess;
	for (uint32_t i = 0; i < count && ec == ecSuccess; i++)
		if (!column_valid(tags[i]))
			ec = ecInvalidParam;
	if (ec == ecSuccess)
		ec = change_view(t, c, count, t->sort, t->nsort);
	if (ec != ecSuccess)
		talloc_free(c);
	t->has_cols = ec == ecSuccess; /* MS-OXCTABL 3.2.5.2: a failure invalidates the column set */
	return ec;
}

/* MS-OXCTABL 3.2.5.3, 3.2.5.4, 3.2.5.16: a new sort order, restriction or a reset invalidates every
 * bookmark of the table. */
static void free_bookmarks(struct sq_table *t)
{
	for (uint32_t i = 0; i < t->nbm; i++)
		bookmark_clear(&t->bm[i]);
	t->nbm = 0;
}

static uint32_t sort_table(struct ms_table *tt, const struct mapi_sort_order_set *sort)
{
	struct sq_table *t = (struct sq_table *)tt;
	for (uint16_t i = 0; i < sort->count; i++)
		if (sort->orders[i].order != TABLE_SORT_ASCEND && sort->orders[i].order != TABLE_SORT_DESCEND)
			return ecInvalidParam;
	struct mapi_sort_order *s = talloc_array(t, struct mapi_sort_order, sort->count ? sort->count : 1);
	if (s == NULL)
		return ecMAPIOOM;
	if (sort->count > 0) /* an empty sort order may have no array: memcpy wants a pointer all the same */
		memcpy(s, sort->orders, sizeof *sort->orders * sort->count);
	/* MS-OXCTABL 3.2.5.3: sorting on an MVI column expands it; the position goes back to the start */
	uint32_t ec = change_view(t, t->cols, t->ncols, s, sort->count);
	if (ec != ecSuccess) {
		talloc_free(s);
		return ec;
	}
	free_bookmarks(t);
	t->pos = 0;
	return ecSuccess;
}

static uint32_t restrict_table(struct ms_table *tt, const struct mapi_restriction *res)
{
	struct sq_table *t = (struct sq_table *)tt;
	struct mapi_restriction *copy = NULL;
	if (res != NULL && mapi_restriction_copy(t, res, &copy) != 0)
		return ecMAPIOOM;
	/* the new restriction must give a query that prepares and binds; otherwise the old one stays */
	struct mapi_restriction *old = t->res;
	t->res = copy;
	invalidate(t);
	uint32_t ec = rows_statement(t);
	if (ec != ecSuccess) {
		t->res = old;
		invalidate(t);
		talloc_free(copy);
		return ec;
	}
	talloc_free(old);
	free_bookmarks(t);
	t->pos = 0;
	return ecSuccess;
}

/* PidTagInstanceKey of a row: its id and instance, 12 bytes. */
static uint32_t instance_key(TALLOC_CTX *mem, int64_t oid, int64_t inst, struct mapi_binary *out)
{
	uint8_t *d = talloc_size(mem, 12);
	if (d == NULL)
		return ecMAPIOOM;
	for (int i = 0; i < 8; i++)
		d[i] = (uint8_t)((uint64_t)oid >> (8 * i));
	for (int i = 0; i < 4; i++)
		d[8 + i] = (uint8_t)((uint64_t)inst >> (8 * i));
	*out = (struct mapi_binary){12, d};
	return ecSuccess;
}

/* One column of the current result row into a row value (flag NOT_PRESENT / ERROR / PRESENT). */
static void column_value(struct sq_table *t, sqlite3_stmt *st, int col, uint32_t tag, enum sq_conv conv,
                         TALLOC_CTX *mem, struct mapi_row_value *v)
{
	const struct ms_mailbox *mb = t->b->base.mb;
	uint16_t type = PROP_TYPE(tag) & ~MVI_FLAG;
	if ((PROP_TYPE(tag) & MVI_FLAG) || tag == t->mvi_tag)
		type &= ~PT_MV_FLAG;
	v->pv.tag = PROP_TAG(type, PROP_ID(tag));
	if (sqlite3_column_type(st, col) == SQLITE_NULL || type == PT_UNSPECIFIED) {
		v->flag = MAPI_VALUE_NOT_PRESENT;
		v->pv.tag = CHANGE_PROP_TYPE(tag, PT_ERROR);
		v->pv.value.err = ecNotFound;
		return;
	}
	v->flag = MAPI_VALUE_PRESENT;
	int64_t n = sqlite3_column_int64(st, col);
	uint32_t ec = ecSuccess;
	switch (conv) {
	case SQ_CONV_NONE:
		ec = sq_column_value(st, col, type, mem, &v->pv.value);
		break;
	case SQ_CONV_ID:
		v->pv.value.i64 = (int64_t)mapi_fid_make(mb->info.replid, (uint64_t)n);
		break;
	case SQ_CONV_XID:
		ec = ms_xid(mem, mb, (uint64_t)n, &v->pv.value.bin);
		break;
	case SQ_CONV_PCL:
		ec = ms_pcl(mem, mb, (uint64_t)n, &v->pv.value.bin);
		break;
	case SQ_CONV_FOLDER_ENTRYID:
		ec = ms_folder_entryid(mem, mb, mapi_fid_make(mb->info.replid, (uint64_t)n),
		                       &v->pv.value.bin);
		break;
	case SQ_CONV_MESSAGE_ENTRYID:
		ec = ms_message_entryid(mem, mb, t->folder_id, mapi_fid_make(mb->info.replid, (uint64_t)n),
		                        &v->pv.value.bin);
		break;
	case SQ_CONV_INSTANCE_KEY:
		ec = instance_key(mem, n, sqlite3_column_int64(st, 1), &v->pv.value.bin);
		break;
	case SQ_CONV_MV:
		ec = sq_mv_load(t->b, t->kind, sqlite3_column_int64(st, 0), PROP_ID(tag), type, mem,
		                &v->pv.value.mv);
		break;
	}
	if (ec != ecSuccess) {
		v->flag = MAPI_VALUE_ERROR;
		v->pv.tag = CHANGE_PROP_TYPE(tag, PT_ERROR);
		v->pv.value.err = ec;
	}
}

/* Reads up to limit rows from offset into rows[]. */
static uint32_t read_rows(struct sq_table *t, TALLOC_CTX *mem, uint32_t offset, uint32_t limit,
                          struct mapi_property_row **rows, uint32_t *count)
{
	uint32_t ec = rows_statement(t);
	if (ec != ecSuccess)
		return ec;
	/* the conversions of the columns, as the statement was built */
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	enum sq_conv *conv = talloc_array(tmp, enum sq_conv, t->ncols + 1);
	for (uint32_t i = 0; conv != NULL && i < t->ncols; i++)
		conv[i] = sq_sql_property_conv(&g, t->cols[i]);
	struct mapi_property_row *out = talloc_zero_array(mem, struct mapi_property_row, limit ? limit : 1);
	if (conv == NULL || out == NULL) {
		talloc_free(tmp);
		talloc_free(out);
		return ecMAPIOOM;
	}
	sqlite3_stmt *st = t->rows_st;
	sqlite3_bind_int64(st, P_LIMIT, limit);
	sqlite3_bind_int64(st, P_OFFSET, offset);
	uint32_t n = 0;
	int rc;
	while (n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct mapi_property_row *row = &out[n++];
		row->flag = MAPI_ROW_STANDARD;
		row->count = t->ncols;
		row->values = talloc_zero_array(out, struct mapi_row_value, t->ncols ? t->ncols : 1);
		if (row->values == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		for (uint32_t i = 0; i < t->ncols; i++) {
			column_value(t, st, 2 + (int)i, t->cols[i], conv[i], row->values, &row->values[i]);
			if (row->values[i].flag != MAPI_VALUE_PRESENT)
				row->flag = MAPI_ROW_FLAGGED;
		}
	}
	sqlite3_reset(st);
	talloc_free(tmp);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		talloc_free(out);
		return sq_error(t->b, rc);
	}
	*rows = out;
	*count = n;
	return ecSuccess;
}

static uint32_t query_rows(struct ms_table *tt, TALLOC_CTX *mem, uint32_t row_count, bool forward,
                           bool advance, struct mapi_property_row **rows, uint32_t *count)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t start = t->pos, limit = row_count;
	if (!forward) {
		/* MS-OXCTABL 3.2.5.5: the rows between position - RowCount and the position */
		start = t->pos > row_count ? t->pos - row_count : 0;
		limit = t->pos - start;
	}
	uint32_t ec = read_rows(t, mem, start, limit, rows, count);
	if (ec == ecSuccess && advance)
		t->pos = forward ? start + *count : start;
	return ec;
}

static uint32_t query_position(struct ms_table *tt, uint32_t *numerator, uint32_t *denominator)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t ec = row_count(t, denominator);
	if (ec == ecSuccess)
		*numerator = t->pos < *denominator ? t->pos : *denominator;
	return ec;
}

static uint32_t seek_row(struct ms_table *tt, uint8_t origin, int32_t row_count_delta, int32_t *moved,
                         bool *sought_less)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t total = 0;
	if (origin == MS_BOOKMARK_BEGINNING && row_count_delta == 0) {
		t->pos = 0; /* no need to count the rows */
		if (moved != NULL)
			*moved = 0;
		if (sought_less != NULL)
			*sought_less = false;
		return ecSuccess;
	}
	uint32_t ec = row_count(t, &total);
	if (ec != ecSuccess)
		return ec;
	int64_t from = origin == MS_BOOKMARK_BEGINNING ? 0 : origin == MS_BOOKMARK_CURRENT ? t->pos : total;
	int64_t to = from + row_count_delta;
	if (to < 0)
		to = 0;
	if (to > total)
		to = total;
	t->pos = (uint32_t)to;
	if (moved != NULL)
		*moved = (int32_t)(to - from);
	if (sought_less != NULL)
		*sought_less = to - from != row_count_delta;
	return ecSuccess;
}

static uint32_t seek_fraction(struct ms_table *tt, uint32_t numerator, uint32_t denominator)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t total;
	uint32_t ec = row_count(t, &total);
	if (ec == ecSuccess)
		t->pos = numerator >= denominator ? total
		                                  : (uint32_t)((uint64_t)total * numerator / denominator);
	return ec;
}

/* Position of row (oid, inst) in the current order, or -1 when it is not in the table. With res, the first
 * row at or after (before, backward) position from that matches. */
static uint32_t locate(struct sq_table *t, const struct sq_bookmark *row, const struct mapi_restriction *res,
                       uint32_t from, bool backward, int64_t *pos)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	sq_sql_append(&g, "SELECT pos FROM (SELECT %s.%s AS oid, %s AS inst, row_number() OVER (", t->alias,
	              sq_kind_id_column(t->kind), g.inst_expr);
	order_by(t, &g);
	sq_sql_append(&g, ") - 1 AS pos, ");
	if (res != NULL)
		sq_sql_restriction(&g, res, 0);
	else
		sq_sql_append(&g, "1");
	sq_sql_append(&g, " AS hit");
	from_where(t, &g, NULL);
	if (row != NULL)
		sq_sql_append(&g, ") WHERE oid = ?%d AND inst = ?%d", P_OID, P_INST);
	else
		sq_sql_append(&g, ") WHERE hit AND pos %s ?%d ORDER BY pos %s LIMIT 1",
		              backward ? "<=" : ">=", P_POS, backward ? "DESC" : "ASC");
	sqlite3_stmt *st;
	uint32_t ec = prepare(t, &g, &st);
	talloc_free(tmp);
	if (ec != ecSuccess)
		return ec;
	if (row != NULL) {
		sqlite3_bind_int64(st, P_OID, row->oid);
		sqlite3_bind_int64(st, P_INST, row->inst);
	} else {
		sqlite3_bind_int64(st, P_POS, from);
	}
	int rc = sqlite3_step(st);
	*pos = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? ecSuccess : sq_error(t->b, rc);
}

/* Bookmarks are kept by the table; the client gets a 4-byte handle (MS-OXCTABL 2.2.2.16: opaque bytes). */
/* Bookmarks are kept by the table; the client gets a 4-byte handle (MS-OXCTABL 2.2.2.16: opaque bytes). The
 * table remembers the row and its sort keys. */
static uint32_t create_bookmark(struct ms_table *tt, TALLOC_CTX *mem, struct mapi_binary *bookmark)
{
	struct sq_table *t = (struct sq_table *)tt;
	struct sq_bookmark *a = talloc_realloc(t, t->bm, struct sq_bookmark, t->nbm + 1);
	uint8_t *d = talloc_size(mem, 4);
	if (a == NULL || d == NULL)
		return ecMAPIOOM;
	t->bm = a;
	struct sq_bookmark *b = &a[t->nbm];
	*b = (struct sq_bookmark){.id = ++t->next_bm, .pos = t->pos, .oid = -1, .generation = t->generation};
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	unsigned n = 0;
	struct order_key *k = order_keys(t, &g, &n);
	sq_sql_append(&g, "SELECT %s.%s, %s", t->alias, sq_kind_id_column(t->kind), g.inst_expr);
	for (unsigned i = 0; k != NULL && i < n; i++)
		sq_sql_append(&g, ", %s", k[i].expr);
	from_where(t, &g, NULL);
	order_by(t, &g);
	sq_sql_append(&g, " LIMIT 1 OFFSET ?%d", P_OFFSET);
	sqlite3_stmt *st;
	uint32_t ec = k == NULL ? ecMAPIOOM : prepare(t, &g, &st);
	talloc_free(tmp);
	if (ec != ecSuccess)
		return ec;
	sqlite3_bind_int64(st, P_OFFSET, t->pos);
	if (sqlite3_step(st) == SQLITE_ROW) {
		b->oid = sqlite3_column_int64(st, 0);
		b->inst = sqlite3_column_int64(st, 1);
		b->keys = talloc_zero_array(t, sqlite3_value *, n);
		for (unsigned i = 0; b->keys != NULL && i < n; i++)
			if ((b->keys[b->nkeys] = sqlite3_value_dup(sqlite3_column_value(st, 2 + (int)i))) !=
			    NULL)
				b->nkeys++;
	}
	sqlite3_finalize(st);
	if (b->oid >= 0 && b->nkeys != n) {
		bookmark_clear(b);
		return ecMAPIOOM;
	}
	t->nbm++;
	for (int i = 0; i < 4; i++)
		d[i] = (uint8_t)(b->id >> (8 * i));
	*bookmark = (struct mapi_binary){4, d};
	return ecSuccess;
}

/* Where a row with the bookmark's keys would be: the number of rows that sort before it (MS-OXCTABL
 * 3.2.5.8: a bookmark whose row is gone points at the row that followed it). Each key compares as ORDER BY
 * does, NULL first ascending and last descending. */
static uint32_t count_before(struct sq_table *t, const struct sq_bookmark *b, uint32_t *pos)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	unsigned n;
	struct order_key *k = order_keys(t, &g, &n);
	if (k == NULL || n != b->nkeys) {
		talloc_free(tmp);
		return k == NULL ? ecMAPIOOM : ecInvalidBookmark;
	}
	sq_sql_append(&g, "SELECT count(*)");
	from_where(t, &g, NULL);
	sq_sql_append(&g, " AND (0");
	for (unsigned i = 0; i < n; i++) {
		sq_sql_append(&g, " OR (1");
		for (unsigned j = 0; j < i; j++)
			sq_sql_append(&g, " AND %s IS ?%u%s", k[j].expr, P_KEYS + j,
			              k[j].nocase ? " COLLATE NOCASE" : "");
		const char *coll = k[i].nocase ? " COLLATE NOCASE" : "";
		unsigned p = P_KEYS + i;
		if (k[i].desc)
			sq_sql_append(&g, " AND ((?%u IS NULL AND %s IS NOT NULL) OR %s > ?%u%s))", p,
			              k[i].expr, k[i].expr, p, coll);
		else
			sq_sql_append(&g, " AND ((%s IS NULL AND ?%u IS NOT NULL) OR %s < ?%u%s))", k[i].expr,
			              p, k[i].expr, p, coll);
	}
	sq_sql_append(&g, ")");
	sqlite3_stmt *st;
	uint32_t ec = prepare(t, &g, &st);
	talloc_free(tmp);
	if (ec != ecSuccess)
		return ec;
	for (unsigned i = 0; i < n; i++)
		sqlite3_bind_value(st, (int)(P_KEYS + i), b->keys[i]);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*pos = (uint32_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? ecSuccess : sq_error(t->b, rc);
}

static struct sq_bookmark *find_bookmark(struct sq_table *t, const struct mapi_binary *bookmark)
{
	if (bookmark == NULL || bookmark->len != 4)
		return NULL;
	uint32_t id = bookmark->data[0] | bookmark->data[1] << 8 | bookmark->data[2] << 16 |
	              (uint32_t)bookmark->data[3] << 24;
	for (uint32_t i = 0; i < t->nbm; i++)
		if (t->bm[i].id == id)
			return &t->bm[i];
	return NULL;
}

/* Where a bookmark's row is now; for a row that is gone, where it would be. */
static uint32_t bookmark_position(struct sq_table *t, const struct sq_bookmark *b, uint32_t *pos, bool *gone)
{
	int64_t p = -1;
	uint32_t ec = b->oid >= 0 ? locate(t, b, NULL, 0, false, &p) : ecSuccess;
	if (ec != ecSuccess)
		return ec;
	*gone = b->oid >= 0 && p < 0;
	*pos = p >= 0 ? (uint32_t)p : b->pos;
	if (*gone && b->generation == t->generation)
		ec = count_before(t, b, pos);
	return ec;
}

static uint32_t seek_bookmark(struct ms_table *tt, const struct mapi_binary *bookmark,
                              int32_t row_count_delta, bool *row_no_longer_visible, int32_t *moved,
                              bool *sought_less)
{
	struct sq_table *t = (struct sq_table *)tt;
	struct sq_bookmark *b = find_bookmark(t, bookmark);
	if (b == NULL)
		return ecInvalidBookmark;
	uint32_t pos;
	uint32_t ec = bookmark_position(t, b, &pos, row_no_longer_visible);
	if (ec != ecSuccess)
		return ec;
	t->pos = pos;
	return seek_row(tt, MS_BOOKMARK_CURRENT, row_count_delta, moved, sought_less);
}

static uint32_t free_bookmark(struct ms_table *tt, const struct mapi_binary *bookmark)
{
	struct sq_table *t = (struct sq_table *)tt;
	struct sq_bookmark *b = find_bookmark(t, bookmark);
	if (b == NULL)
		return ecInvalidBookmark;
	bookmark_clear(b);
	*b = t->bm[--t->nbm];
	return ecSuccess;
}

static uint32_t find_row(struct ms_table *tt, const struct mapi_restriction *res, uint8_t origin,
                         const struct mapi_binary *bookmark, bool backward, TALLOC_CTX *mem,
                         struct mapi_property_row *row)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t total, from;
	uint32_t ec = row_count(t, &total);
	if (ec != ecSuccess)
		return ec;
	if (bookmark != NULL) {
		struct sq_bookmark *b = find_bookmark(t, bookmark);
		bool gone;
		if (b == NULL)
			return ecInvalidBookmark;
		ec = bookmark_position(t, b, &from, &gone);
		if (ec != ecSuccess)
			return ec;
	} else {
		from = origin == MS_BOOKMARK_BEGINNING ? 0 : origin == MS_BOOKMARK_CURRENT ? t->pos : total;
	}
	if (backward && from > 0 && (bookmark == NULL && origin == MS_BOOKMARK_END))
		from = total - 1;
	int64_t pos;
	ec = locate(t, NULL, res, from, backward, &pos);
	if (ec != ecSuccess)
		return ec;
	if (pos < 0)
		return ecNotFound;
	struct mapi_property_row *rows;
	uint32_t n;
	ec = read_rows(t, mem, (uint32_t)pos, 1, &rows, &n);
	if (ec != ecSuccess)
		return ec;
	if (n == 0)
		return ecNotFound;
	*row = rows[0];
	t->pos = (uint32_t)pos;
	return ecSuccess;
}

static uint32_t get_row_count(struct ms_table *tt, uint32_t *count)
{
	return row_count((struct sq_table *)tt, count);
}

static uint32_t get_columns(struct ms_table *tt, const uint32_t **tags, uint32_t *count)
{
	struct sq_table *t = (struct sq_table *)tt;
	if (!t->has_cols)
		return ecNullObject;
	*tags = t->cols;
	*count = t->ncols;
	return ecSuccess;
}

static uint32_t reset(struct ms_table *tt)
{
	struct sq_table *t = (struct sq_table *)tt;
	invalidate(t);
	talloc_free(t->cols);
	talloc_free(t->sort);
	talloc_free(t->res);
	t->cols = NULL;
	t->ncols = 0;
	t->has_cols = false;
	t->sort = NULL;
	t->nsort = 0;
	t->mvi_tag = 0;
	t->res = NULL;
	t->generation++;
	free_bookmarks(t);
	t->pos = 0;
	return ecSuccess;
}

/* The computed properties of the kind, then the (id, type) of every property stored on a row of the table
 * whose id is not a computed one; strings as PtypString (how the store keeps them). */
static uint32_t query_columns_all(struct ms_table *tt, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count)
{
	struct sq_table *t = (struct sq_table *)tt;
	uint32_t *out, n;
	uint32_t ec = sq_sql_computed_tags(t->kind, mem, &out, &n);
	if (ec != ecSuccess)
		return ec;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_sqlgen g;
	gen_init(t, &g, tmp);
	sq_sql_append(&g,
	              "SELECT DISTINCT propid, type FROM %s.props WHERE kind = %d AND oid IN (SELECT %s.%s",
	              t->schema, t->kind, t->alias, sq_kind_id_column(t->kind));
	from_where(t, &g, NULL);
	sq_sql_append(&g, ") ORDER BY propid");
	sqlite3_stmt *st;
	ec = prepare(t, &g, &st);
	talloc_free(tmp);
	if (ec != ecSuccess) {
		talloc_free(out);
		return ec;
	}
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		uint32_t tag =
		        PROP_TAG((uint16_t)sqlite3_column_int(st, 1), (uint16_t)sqlite3_column_int(st, 0));
		bool computed = false;
		for (uint32_t i = 0; i < n && !computed; i++)
			computed = PROP_ID(out[i]) == PROP_ID(tag);
		if (computed)
			continue;
		uint32_t *grown = talloc_realloc(mem, out, uint32_t, n + 1);
		if (grown == NULL) {
			rc = SQLITE_NOMEM;
			break;
		}
		out = grown;
		out[n++] = tag;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		talloc_free(out);
		return sq_error(t->b, rc);
	}
	*tags = out;
	*count = n;
	return ecSuccess;
}

static const struct ms_table_ops sq_table_ops = {
        .set_columns = set_columns,
        .sort = sort_table,
        .set_restriction = restrict_table,
        .query_rows = query_rows,
        .query_position = query_position,
        .seek_row = seek_row,
        .seek_fraction = seek_fraction,
        .create_bookmark = create_bookmark,
        .seek_bookmark = seek_bookmark,
        .free_bookmark = free_bookmark,
        .find_row = find_row,
        .get_row_count = get_row_count,
        .get_columns = get_columns,
        .reset = reset,
        .query_columns_all = query_columns_all,
};
