/* SQLite backend: properties, restrictions (MS-OXCDATA 2.12) and sort orders (2.13) translated to SQL over
 * the hot columns and the property rows, so that tables are one query (DESIGN.md §4). */
#include <stdarg.h>
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_unicode.h"
#include "mapi/mapi_proptags.h"
#include "store/backends/sqlite/sqlite-private.h"

void sq_sql_append(struct sq_sqlgen *g, const char *fmt, ...)
{
	if (g->failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	char *s = talloc_vasprintf_append(g->sql, fmt, ap);
	va_end(ap);
	if (s == NULL) {
		g->failed = true;
		g->error = ecMAPIOOM;
		return;
	}
	g->sql = s;
}

static void fail(struct sq_sqlgen *g, uint32_t error)
{
	if (!g->failed) {
		g->failed = true;
		g->error = error;
	}
}

/* Adds a value to bind and returns its parameter number. */
static unsigned add_bind(struct sq_sqlgen *g, uint16_t type, const union mapi_value *v)
{
	struct mapi_propval *a = talloc_realloc(g->mem, g->bind_pvs, struct mapi_propval, g->nbinds + 1);
	if (a == NULL) {
		fail(g, ecMAPIOOM);
		return 1;
	}
	g->bind_pvs = a;
	a[g->nbinds] = (struct mapi_propval){.tag = PROP_TAG(type, 0), .value = *v};
	return ++g->nbinds;
}

uint32_t sq_sql_bind(struct sq_sqlgen *g, sqlite3_stmt *st, int first)
{
	for (uint32_t i = 0; i < g->nbinds; i++)
		if (sq_bind_value(st, first + (int)i, PROP_TYPE(g->bind_pvs[i].tag), &g->bind_pvs[i].value) !=
		    SQLITE_OK)
			return ecPropBadValue;
	return ecSuccess;
}

/* ---- property expressions ---------------------------------------------------------------------------------
 */

struct sq_expr {
	uint32_t tag;
	const char *expr; /* %1$s is the row alias */
	enum sq_conv conv;
};

/* Per object kind: properties that are columns or computed in SQL. */
static const struct sq_expr message_exprs[] = {
        {PidTagMessageClass, "%1$s.message_class", SQ_CONV_NONE},
        {PidTagSubject, "%1$s.subject", SQ_CONV_NONE},
        {PidTagSenderName, "%1$s.sender_name", SQ_CONV_NONE},
        {PidTagMessageDeliveryTime, "%1$s.delivery_time", SQ_CONV_NONE},
        {PidTagCreationTime, "%1$s.creation_time", SQ_CONV_NONE},
        {PidTagLastModificationTime, "%1$s.modification_time", SQ_CONV_NONE},
        {PidTagMessageStatus, "%1$s.status", SQ_CONV_NONE},
        {PidTagMessageSize, "%1$s.size", SQ_CONV_NONE},
        {PidTagMessageFlags, "(%1$s.flags | %1$s.read | (%1$s.associated << 6))", SQ_CONV_NONE},
        {PidTagRead, "%1$s.read", SQ_CONV_NONE},
        {PidTagHasAttachments, "((%1$s.flags & 16) <> 0)", SQ_CONV_NONE},
        {PidTagAssociated, "%1$s.associated", SQ_CONV_NONE},
        {PidTagMid, "%1$s.mid", SQ_CONV_ID},
        {PidTagFolderId, "%1$s.fid", SQ_CONV_ID},
        {PidTagChangeNumber, "%1$s.change_number", SQ_CONV_ID},
        {PidTagSourceKey, "%1$s.mid", SQ_CONV_XID},
        {PidTagRecordKey, "%1$s.mid", SQ_CONV_XID},
        {PidTagParentSourceKey, "%1$s.fid", SQ_CONV_XID},
        {PidTagChangeKey, "%1$s.change_number", SQ_CONV_XID},
        {PidTagPredecessorChangeList, "%1$s.change_number", SQ_CONV_PCL},
        {PidTagEntryId, "%1$s.mid", SQ_CONV_MESSAGE_ENTRYID},
        {PidTagParentEntryId, "%1$s.fid", SQ_CONV_FOLDER_ENTRYID},
        {PidTagInstID, "%1$s.mid", SQ_CONV_ID},
        {PidTagInstanceKey, "%1$s.mid", SQ_CONV_INSTANCE_KEY},
        {PidTagInstanceNum, "", SQ_CONV_NONE}, /* g->inst_expr */
        {PidTagAccess, "7", SQ_CONV_NONE},
        {PidTagAccessLevel, "1", SQ_CONV_NONE},
        {PidTagObjectType, "5", SQ_CONV_NONE},
        {0, NULL, SQ_CONV_NONE},
};

static const struct sq_expr folder_exprs[] = {
        {PidTagDisplayName, "%1$s.display_name", SQ_CONV_NONE},
        {PidTagContainerClass, "%1$s.container_class", SQ_CONV_NONE},
        {PidTagFolderType, "%1$s.folder_type", SQ_CONV_NONE},
        {PidTagCreationTime, "%1$s.creation_time", SQ_CONV_NONE},
        {PidTagLastModificationTime, "%1$s.modification_time", SQ_CONV_NONE},
        {PidTagFolderId, "%1$s.fid", SQ_CONV_ID},
        {PidTagParentFolderId, "%1$s.parent_fid", SQ_CONV_ID},
        {PidTagChangeNumber, "%1$s.change_number", SQ_CONV_ID},
        {PidTagSourceKey, "%1$s.fid", SQ_CONV_XID},
        {PidTagRecordKey, "%1$s.fid", SQ_CONV_XID},
        {PidTagInstanceKey, "%1$s.fid", SQ_CONV_XID},
        {PidTagParentSourceKey, "%1$s.parent_fid", SQ_CONV_XID},
        {PidTagChangeKey, "%1$s.change_number", SQ_CONV_XID},
        {PidTagPredecessorChangeList, "%1$s.change_number", SQ_CONV_PCL},
        {PidTagEntryId, "%1$s.fid", SQ_CONV_FOLDER_ENTRYID},
        {PidTagParentEntryId, "%1$s.parent_fid", SQ_CONV_FOLDER_ENTRYID},
        {PidTagContentCount,
         "(SELECT count(*) FROM messages x WHERE x.fid = %1$s.fid AND x.associated = 0"
         " AND x.deleted = 0)",
         SQ_CONV_NONE},
        {PidTagContentUnreadCount,
         "(SELECT count(*) FROM messages x WHERE x.fid = %1$s.fid AND x.associated = 0"
         " AND x.deleted = 0 AND x.read = 0)",
         SQ_CONV_NONE},
        {PidTagAssociatedContentCount,
         "(SELECT count(*) FROM messages x WHERE x.fid = %1$s.fid AND"
         " x.associated = 1 AND x.deleted = 0)",
         SQ_CONV_NONE},
        {PR_FOLDER_CHILD_COUNT,
         "(SELECT count(*) FROM folders x WHERE x.parent_fid = %1$s.fid AND x.deleted = 0)", SQ_CONV_NONE},
        {PidTagSubfolders, "EXISTS(SELECT 1 FROM folders x WHERE x.parent_fid = %1$s.fid AND x.deleted = 0)",
         SQ_CONV_NONE},
        {PidTagDepth, "%1$s.depth", SQ_CONV_NONE},
        {PidTagAccess, "63", SQ_CONV_NONE},
        {PidTagAccessLevel, "1", SQ_CONV_NONE},
        {PidTagObjectType, "3", SQ_CONV_NONE},
        {0, NULL, SQ_CONV_NONE},
};

static const struct sq_expr recipient_exprs[] = {
        {PidTagRowid, "%1$s.row_id", SQ_CONV_NONE},
        {PidTagInstanceKey, "%1$s.rid", SQ_CONV_INSTANCE_KEY},
        {PidTagObjectType, "6", SQ_CONV_NONE},
        {0, NULL, SQ_CONV_NONE},
};

static const struct sq_expr attachment_exprs[] = {
        {PidTagAttachNumber, "%1$s.attach_num", SQ_CONV_NONE},
        {PidTagInstanceKey, "%1$s.aid", SQ_CONV_INSTANCE_KEY},
        {PidTagRecordKey, "%1$s.aid", SQ_CONV_INSTANCE_KEY},
        {PidTagAttachSize,
         "(SELECT coalesce(sum(coalesce(length(p.value), 8) + coalesce(bl.size, 0)), 0) FROM %2$s.props p"
         " LEFT JOIN blobs bl ON bl.bid = p.bid WHERE p.kind = 4 AND p.oid = %1$s.aid)",
         SQ_CONV_NONE},
        {PidTagObjectType, "7", SQ_CONV_NONE},
        {0, NULL, SQ_CONV_NONE},
};

static const struct sq_expr *exprs_of(enum sq_kind kind)
{
	return kind == SQ_KIND_MESSAGE     ? message_exprs
	       : kind == SQ_KIND_FOLDER    ? folder_exprs
	       : kind == SQ_KIND_RECIPIENT ? recipient_exprs
	                                   : attachment_exprs;
}

uint32_t sq_sql_computed_tags(enum sq_kind kind, TALLOC_CTX *mem, uint32_t **tags, uint32_t *count)
{
	const struct sq_expr *e = exprs_of(kind);
	uint32_t n = 0;
	while (e[n].expr != NULL)
		n++;
	uint32_t *out = talloc_array(mem, uint32_t, n);
	if (out == NULL)
		return ecMAPIOOM;
	for (uint32_t i = 0; i < n; i++)
		out[i] = e[i].tag;
	*tags = out;
	*count = n;
	return ecSuccess;
}

const char *sq_kind_id_column(enum sq_kind kind)
{
	return kind == SQ_KIND_MESSAGE     ? "mid"
	       : kind == SQ_KIND_FOLDER    ? "fid"
	       : kind == SQ_KIND_RECIPIENT ? "rid"
	                                   : "aid";
}

static bool same_type_family(uint16_t want, uint16_t have)
{
	if (want == PT_UNSPECIFIED || want == have)
		return true;
	want &= ~PT_MV_FLAG;
	have &= ~PT_MV_FLAG;
	return (want == PT_STRING8 || want == PT_UNICODE) && (have == PT_STRING8 || have == PT_UNICODE);
}

enum sq_conv sq_sql_property_conv(struct sq_sqlgen *g, uint32_t tag)
{
	for (const struct sq_expr *e = exprs_of(g->kind); e->expr != NULL; e++) {
		if (PROP_ID(e->tag) != PROP_ID(tag))
			continue;
		if (!same_type_family(PROP_TYPE(tag) & ~MVI_FLAG, PROP_TYPE(e->tag)))
			break;
		if (*e->expr == '\0')
			sq_sql_append(g, "%s", g->inst_expr);
		else
			sq_sql_append(g, e->expr, g->alias, g->schema);
		return e->conv;
	}
	if (g->mvi_tag != 0 && tag == g->mvi_tag) {
		sq_sql_append(g,
		              "mvi.value"); /* one value of the expanded column (MS-OXCTABL 2.2.2.1.1 MVI) */
		return SQ_CONV_NONE;
	}
	/* a stored property: its row (strings of either width are stored as PtypString) */
	uint16_t type = PROP_TYPE(tag) & ~MVI_FLAG;
	uint16_t stored =
	        (type & ~PT_MV_FLAG) == PT_STRING8 ? (uint16_t)((type & PT_MV_FLAG) | PT_UNICODE) : type;
	if (type == PT_UNSPECIFIED)
		sq_sql_append(g,
		              "(SELECT value FROM %s.props WHERE kind = %d AND oid = %s.%s AND propid = %u)",
		              g->schema, g->kind, g->alias, sq_kind_id_column(g->kind), PROP_ID(tag));
	else
		sq_sql_append(
		        g,
		        "(SELECT value FROM %s.props WHERE kind = %d AND oid = %s.%s AND propid = %u AND "
		        "type = %u)",
		        g->schema, g->kind, g->alias, sq_kind_id_column(g->kind), PROP_ID(tag), stored);
	return (type & PT_MV_FLAG) ? SQ_CONV_MV : SQ_CONV_NONE;
}

void sq_sql_property(struct sq_sqlgen *g, uint32_t tag)
{
	sq_sql_property_conv(g, tag);
}

/* ---- restrictions ---------------------------------------------------------------------------------------
 */

static const char *relop_sql(uint8_t relop)
{
	switch (relop) {
	case RELOP_LT:
		return "<";
	case RELOP_LE:
		return "<=";
	case RELOP_GT:
		return ">";
	case RELOP_GE:
		return ">=";
	case RELOP_EQ:
		return "=";
	case RELOP_NE:
		return "<>";
	default:
		return NULL;
	}
}

/* The value a restriction compares with, bound in the form the expression has (IDs as counters). */
static unsigned bind_operand(struct sq_sqlgen *g, enum sq_conv conv, const struct mapi_propval *pv)
{
	union mapi_value v = pv->value;
	uint16_t type = PROP_TYPE(pv->tag);
	if (type & MVI_FLAG) /* one value of a multi-valued property (MS-OXCDATA 2.11.1.3) */
		type &= (uint16_t) ~(MVI_FLAG | PT_MV_FLAG);
	if (conv == SQ_CONV_ID) {
		v.i64 = (int64_t)mapi_fid_globcnt((uint64_t)pv->value.i64);
	} else if (conv != SQ_CONV_NONE) {
		fail(g, ecTooComplex); /* keys and entry IDs are computed outside SQL */
	}
	if (type & PT_MV_FLAG) {
		if (pv->value.mv.count == 0) {
			fail(g, ecTooComplex);
			return add_bind(g, PT_LONG, &v);
		}
		/* a multi-valued operand: its first value (MS-OXCDATA 2.12.5: the property's values are
		 * compared one by one) */
		union mapi_value e = sq_mv_element(type, &pv->value.mv, 0);
		return add_bind(g, type & ~PT_MV_FLAG, &e);
	}
	return add_bind(g, type, &v);
}

static bool is_string(uint32_t tag)
{
	uint16_t t = PROP_TYPE(tag) & ~(PT_MV_FLAG | MVI_FLAG);
	return t == PT_UNICODE || t == PT_STRING8;
}

/* Multi-valued properties are compared value by value: EXISTS over their mvprops rows. */
static bool mv_open(struct sq_sqlgen *g, uint32_t tag)
{
	if (!(PROP_TYPE(tag) & PT_MV_FLAG))
		return false;
	sq_sql_append(g,
	              "EXISTS(SELECT 1 FROM %s.mvprops v WHERE v.kind = %d AND v.oid = %s.%s AND v.propid = "
	              "%u AND ",
	              g->schema, g->kind, g->alias, sq_kind_id_column(g->kind), PROP_ID(tag));
	return true;
}

static void content_sql(struct sq_sqlgen *g, const struct mapi_restriction *res)
{
	uint32_t tag = res->content.proptag;
	uint16_t level = res->content.fuzzy_level & 0xFFFF;
	bool ic = (res->content.fuzzy_level & (FL_IGNORECASE | FL_LOOSE)) != 0;
	uint16_t vt = PROP_TYPE(res->content.pv.tag) & ~(PT_MV_FLAG | MVI_FLAG);
	if (vt != PT_UNICODE && vt != PT_STRING8 && vt != PT_BINARY) {
		fail(g, ecTooComplex); /* 2.12.4: content restrictions are for strings and binaries */
		return;
	}
	union mapi_value needle = res->content.pv.value;
	if ((PROP_TYPE(res->content.pv.tag) & (PT_MV_FLAG | MVI_FLAG)) == PT_MV_FLAG) {
		fail(g, ecTooComplex);
		return;
	}
	unsigned n = add_bind(g, vt, &needle);
	bool mv = mv_open(g, tag);
	char *x = NULL;
	if (mv) {
		x = talloc_strdup(g->mem, "v.value");
	} else {
		char *saved = g->sql;
		g->sql = talloc_strdup(g->mem, "");
		sq_sql_property(g, tag);
		x = g->sql;
		g->sql = saved;
	}
	if (x == NULL) {
		fail(g, ecMAPIOOM);
		return;
	}
	const char *lo = ic ? "lower(" : "(";
	sq_sql_append(g, "coalesce(");
	if (level == FL_FULLSTRING)
		sq_sql_append(g, "%s%s) = %s?%u)", lo, x, lo, n);
	else if (level == FL_PREFIX)
		sq_sql_append(g, "%ssubstr(%s, 1, length(?%u))) = %s?%u)", lo, x, n, lo, n);
	else
		sq_sql_append(g, "instr(%s%s), %s?%u)) > 0", lo, x, lo, n);
	if (!mv) {
		/* a large value kept as chunks: searched by ms_blob_contains (strings there are UTF-16LE; a
		 * needle that is not UTF-8 cannot be in them) */
		union mapi_value blob_needle = needle;
		bool usable = true;
		if (vt != PT_BINARY) {
			size_t len;
			const char *str = needle.str ? needle.str : "";
			uint8_t *u16 = wc_utf8_to_utf16le(g->mem, str, strlen(str), &len);
			usable = u16 != NULL;
			blob_needle.bin = (struct mapi_binary){(uint32_t)len, u16};
		}
		if (usable) {
			unsigned bn = add_bind(g, PT_BINARY, &blob_needle);
			sq_sql_append(
			        g,
			        ", (SELECT ms_blob_contains(bid, ?%u, %u) FROM %s.props WHERE kind = %d "
			        "AND oid = %s.%s"
			        " AND propid = %u AND bid IS NOT NULL)",
			        bn, res->content.fuzzy_level, g->schema, g->kind, g->alias,
			        sq_kind_id_column(g->kind), PROP_ID(tag));
		}
	}
	sq_sql_append(g, ", 0)");
	if (mv)
		sq_sql_append(g, ")");
}

static void comparison(struct sq_sqlgen *g, uint32_t tag, uint8_t relop, const struct mapi_propval *pv)
{
	const char *op = relop_sql(relop);
	if (op == NULL) {
		fail(g, ecTooComplex); /* RELOP_RE, RELOP_MEMBER_OF_DL */
		return;
	}
	const char *coll = is_string(tag) ? " COLLATE NOCASE" : "";
	if (mv_open(g, tag)) {
		unsigned n = bind_operand(g, SQ_CONV_NONE, pv);
		sq_sql_append(g, "v.value %s ?%u%s)", op, n, coll);
		return;
	}
	sq_sql_append(g, "coalesce(");
	enum sq_conv conv = sq_sql_property_conv(g, tag);
	unsigned n = bind_operand(g, conv, pv);
	sq_sql_append(g, " %s ?%u%s, 0)", op, n, coll);
}

void sq_sql_restriction(struct sq_sqlgen *g, const struct mapi_restriction *res, int depth)
{
	if (depth > MAPI_MAX_RESTRICTION_DEPTH) {
		fail(g, ecTooComplex);
		return;
	}
	switch (res->type) {
	case RES_AND:
	case RES_OR:
		sq_sql_append(g, "(%s", res->and_or.count == 0 ? (res->type == RES_AND ? "1" : "0") : "");
		for (uint32_t i = 0; i < res->and_or.count; i++) {
			if (i > 0)
				sq_sql_append(g, res->type == RES_AND ? " AND " : " OR ");
			sq_sql_restriction(g, &res->and_or.res[i], depth + 1);
		}
		sq_sql_append(g, ")");
		return;
	case RES_NOT:
		sq_sql_append(g, "(NOT ");
		sq_sql_restriction(g, res->not_.res, depth + 1);
		sq_sql_append(g, ")");
		return;
	case RES_CONTENT:
		content_sql(g, res);
		return;
	case RES_PROPERTY:
		comparison(g, res->property.proptag, res->property.relop, &res->property.pv);
		return;
	case RES_COMPAREPROPS: {
		const char *op = relop_sql(res->compare.relop);
		if (op == NULL) {
			fail(g, ecTooComplex);
			return;
		}
		sq_sql_append(g, "coalesce(");
		sq_sql_property(g, res->compare.proptag1);
		sq_sql_append(g, " %s ", op);
		sq_sql_property(g, res->compare.proptag2);
		sq_sql_append(g, ", 0)");
		return;
	}
	case RES_BITMASK:
		sq_sql_append(g, "coalesce((");
		sq_sql_property(g, res->bitmask.proptag);
		sq_sql_append(g, " & %u) %s 0, 0)", res->bitmask.mask,
		              res->bitmask.bmr == BMR_EQZ ? "=" : "<>");
		return;
	case RES_SIZE: {
		const char *op = relop_sql(res->size.relop);
		if (op == NULL) {
			fail(g, ecTooComplex);
			return;
		}
		sq_sql_append(g, "coalesce(length(CAST(");
		sq_sql_property(g, res->size.proptag);
		sq_sql_append(g, " AS BLOB)) %s %u, 0)", op, res->size.size);
		return;
	}
	case RES_EXIST:
		sq_sql_append(g, "(");
		sq_sql_property(g, res->exist.proptag);
		sq_sql_append(g, " IS NOT NULL)");
		return;
	case RES_SUBRESTRICTION: {
		/* 2.12.10: the message's recipients or attachments */
		bool recip = res->sub.subobject == PidTagMessageRecipients;
		if (g->kind != SQ_KIND_MESSAGE ||
		    (!recip && res->sub.subobject != PidTagMessageAttachments)) {
			fail(g, ecTooComplex);
			return;
		}
		const char *outer = g->alias;
		char alias[16];
		snprintf(alias, sizeof alias, "s%d", depth);
		sq_sql_append(g, "EXISTS(SELECT 1 FROM %s.%s %s WHERE %s.mid = %s.mid AND ", g->schema,
		              recip ? "recipients" : "attachments", alias, alias, outer);
		g->kind = recip ? SQ_KIND_RECIPIENT : SQ_KIND_ATTACHMENT;
		g->alias = alias;
		sq_sql_restriction(g, res->sub.res, depth + 1);
		g->kind = SQ_KIND_MESSAGE;
		g->alias = outer;
		sq_sql_append(g, ")");
		return;
	}
	case RES_COMMENT:
		if (res->comment.res == NULL)
			sq_sql_append(g, "1");
		else
			sq_sql_restriction(g, res->comment.res, depth + 1);
		return;
	case RES_COUNT:
	default:
		/* RES_COUNT caps the number of matches, which is not a property of one row */
		fail(g, ecTooComplex);
		return;
	}
}
