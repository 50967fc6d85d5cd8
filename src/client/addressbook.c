/* libmapi address book: the NSPI Session Context on /mapi/nspi/ (MS-OXCMAPIHTTP 2.2.5.1 Bind, 2.2.5.2 Unbind)
 * and ResolveNames (2.2.5.14; MS-OXNSPI 3.1.4.1.17 NspiResolveNamesW), on the shared MAPI/HTTP body codec. */
#include <string.h>

#include "client/libmapi_private.h"
#include "libmapi/addressbook.h"

/* MS-OXNSPI 2.2.8 STAT for a session: display-name order, the code page and locale of the session. */
static struct mapi_nspi_stat *stat_for(TALLOC_CTX *mem, const struct mapi_session *s)
{
	struct mapi_nspi_stat *st = talloc_zero(mem, struct mapi_nspi_stat);
	if (st != NULL) {
		st->sort_type = SORT_TYPE_DISPLAY_NAME;
		st->code_page = s->opts.code_page;
		st->template_locale = s->opts.lcid;
		st->sort_locale = s->opts.lcid;
	}
	return st;
}

static uint32_t ab_bind(struct mapi_session *s, struct wc_guid *server_guid)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_BIND};
	req.bind.state = stat_for(s, s);
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = req.bind.state ? mapi_client_send(s, s->ab_url, &s->ab_jar, s, &req, &rsp)
	                             : ecNotEnoughMemory;
	if (ec == ecSuccess && server_guid != NULL)
		*server_guid = rsp->bind.server_guid;
	talloc_free(req.bind.state);
	talloc_free(rsp);
	s->ab_bound = ec == ecSuccess;
	return ec;
}

uint32_t mapi_client_ab_call(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                             struct mapi_http_response **rsp)
{
	if (s->ab_url == NULL) {
		mapi_client_set_error(s, 0, 0, "no address book URL (connect first)");
		return ecEndOfSession;
	}
	uint32_t ec = s->ab_bound ? ecSuccess : ab_bind(s, NULL);
	if (ec != ecSuccess)
		return ec;
	ec = mapi_client_send(s, s->ab_url, &s->ab_jar, mem, req, rsp);
	if (ec != ecEndOfSession || s->err.response_code != MAPI_HTTP_RC_CONTEXT_NOT_FOUND)
		return ec;
	/* 3.1.5.7: a new Bind (with the old cookies), then the request again: it holds no server handles */
	s->ab_bound = false;
	ec = ab_bind(s, NULL);
	return ec == ecSuccess ? mapi_client_send(s, s->ab_url, &s->ab_jar, mem, req, rsp) : ec;
}

/* The string value of tag in an address book row over columns, copied onto mem; NULL when absent. */
static char *row_string(TALLOC_CTX *mem, const struct mapi_abk_row *row, const struct mapi_u32_array *columns,
                        uint32_t tag)
{
	for (uint32_t i = 0; i < columns->count; i++) {
		const struct mapi_abk_value *v = &row->values[i];
		if (columns->values[i] == tag && v->flag == MAPI_VALUE_PRESENT && v->has_value &&
		    v->pv.value.str != NULL)
			return talloc_strdup(mem, v->pv.value.str);
	}
	return NULL;
}

uint32_t mapi_resolve_names(struct mapi_session *s, TALLOC_CTX *mem, uint32_t count, const char *const *names,
                            struct mapi_resolved **out)
{
	static const uint32_t tags[] = {PidTagDisplayName, PidTagSmtpAddress, PidTagEmailAddress};
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct mapi_u32_array prop_tags = {.count = 3, .values = (uint32_t *)tags};
	struct mapi_nspi_strings strings = {.count = count, .strings = (char **)names};
	struct mapi_http_request req = {.type = MAPI_HTTP_RESOLVE_NAMES};
	req.resolve_names.state = stat_for(tmp, s);
	req.resolve_names.prop_tags = &prop_tags;
	req.resolve_names.names = &strings;
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = req.resolve_names.state ? mapi_client_ab_call(s, tmp, &req, &rsp) : ecNotEnoughMemory;
	struct mapi_resolved *r = NULL;
	if (ec == ecSuccess && (r = talloc_zero_array(mem, struct mapi_resolved, count ? count : 1)) == NULL)
		ec = ecNotEnoughMemory;
	const struct mapi_u32_array *mids = ec == ecSuccess ? rsp->resolve_names.mids : NULL;
	const struct mapi_abk_rowset *rows = ec == ecSuccess ? rsp->resolve_names.rows : NULL;
	/* MS-OXNSPI 3.1.4.1.17: one MId per name (c6); the rows (c7) are those of the names that resolved, in
	 * order (a server may also give every name a row: then row i is name i) */
	uint32_t resolved = 0;
	for (uint32_t i = 0; ec == ecSuccess && mids != NULL && i < mids->count; i++)
		resolved += mids->values[i] != MID_UNRESOLVED && mids->values[i] != MID_AMBIGUOUS;
	bool row_per_name = rows != NULL && rows->count == count && count != resolved;
	if (ec == ecSuccess && (mids == NULL || mids->count != count ||
	                        (rows != NULL && rows->count != resolved && !row_per_name))) {
		mapi_client_set_error(s, 200, 0, "ResolveNames: %u names, %u MIds, %u rows", count,
		                      mids ? mids->count : 0, rows ? rows->count : 0);
		ec = ecRpcFormat;
	}
	for (uint32_t i = 0, j = 0; ec == ecSuccess && i < count; i++) {
		r[i].mid = mids->values[i];
		if (r[i].mid == MID_UNRESOLVED || r[i].mid == MID_AMBIGUOUS)
			continue;
		const struct mapi_abk_row *row = rows == NULL ? NULL : &rows->rows[row_per_name ? i : j++];
		if (row == NULL)
			continue;
		r[i].display_name = row_string(r, row, &rows->columns, PidTagDisplayName);
		r[i].smtp = row_string(r, row, &rows->columns, PidTagSmtpAddress);
		r[i].dn = row_string(r, row, &rows->columns, PidTagEmailAddress);
	}
	talloc_free(tmp);
	if (ec != ecSuccess) {
		talloc_free(r);
		return ec;
	}
	*out = r;
	return ecSuccess;
}

struct mapi_nspi_stat *mapi_nspi_stat_new(struct mapi_session *s, TALLOC_CTX *mem)
{
	return stat_for(mem, s);
}

uint32_t mapi_nspi_call(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                        struct mapi_http_response **rsp)
{
	*rsp = NULL;
	return mapi_client_ab_call(s, mem, req, rsp);
}

uint32_t mapi_nspi_bind(struct mapi_session *s, struct wc_guid *server_guid)
{
	if (s->ab_url == NULL) {
		mapi_client_set_error(s, 0, 0, "no address book URL (connect first)");
		return ecEndOfSession;
	}
	return ab_bind(s, server_guid);
}

uint32_t mapi_nspi_unbind(struct mapi_session *s)
{
	if (!s->ab_bound)
		return ecSuccess;
	struct mapi_http_request req = {.type = MAPI_HTTP_UNBIND};
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_client_send(s, s->ab_url, &s->ab_jar, s, &req, &rsp);
	talloc_free(rsp);
	/* MS-OXNSPI 3.1.4.1.2: the context is gone whatever the answer; the next call binds again */
	s->ab_bound = false;
	return ec;
}

uint32_t mapi_nspi_query_rows(struct mapi_session *s, TALLOC_CTX *mem, struct mapi_nspi_stat *stat,
                              uint32_t flags, const struct mapi_u32_array *explicit_table, uint32_t row_count,
                              const struct mapi_u32_array *columns, struct mapi_abk_rowset **rows)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_QUERY_ROWS};
	req.query_rows.flags = flags;
	req.query_rows.state = stat;
	if (explicit_table != NULL)
		req.query_rows.explicit_table = *explicit_table;
	req.query_rows.row_count = row_count;
	req.query_rows.columns = (struct mapi_u32_array *)columns;
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(s, mem, &req, &rsp);
	*rows = NULL;
	if (ec == ecSuccess) {
		/* 2.2.5.12.2: HasState, State: the STAT moved past the rows read */
		if (rsp->query_rows.state != NULL)
			*stat = *rsp->query_rows.state;
		*rows = rsp->query_rows.rows;
	}
	return ec;
}

uint32_t mapi_nspi_dn_to_mid(struct mapi_session *s, TALLOC_CTX *mem, uint32_t count, const char *const *dns,
                             struct mapi_u32_array **mids)
{
	struct mapi_nspi_strings names = {.count = count, .strings = (char **)dns};
	struct mapi_http_request req = {.type = MAPI_HTTP_DN_TO_MID};
	req.dn_to_mid.names = &names;
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(s, mem, &req, &rsp);
	*mids = ec == ecSuccess ? rsp->dn_to_mid.mids : NULL;
	return ec;
}

uint32_t mapi_nspi_get_props(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_nspi_stat *stat,
                             uint32_t flags, const struct mapi_u32_array *tags,
                             struct mapi_abk_proplist **values)
{
	struct mapi_http_request req = {.type = MAPI_HTTP_GET_PROPS};
	req.get_props.flags = flags;
	req.get_props.state = (struct mapi_nspi_stat *)stat;
	req.get_props.prop_tags = (struct mapi_u32_array *)tags;
	struct mapi_http_response *rsp = NULL;
	uint32_t ec = mapi_nspi_call(s, mem, &req, &rsp);
	/* MS-OXNSPI 3.1.4.1.7: ErrorsReturned also carries the values (the missing ones as PtypErrorCode) */
	*values = rsp != NULL ? rsp->get_props.values : NULL;
	return ec;
}
