/* warpd NSPI: the request types of the MAPI/HTTP address book endpoint (MS-OXCMAPIHTTP 2.2.5.2-2.2.5.19) as
 * calls of the nspi_*() methods. Each request body is already decoded (mapi/mapihttp.h); the method's return
 * value becomes the response's ErrorCode with StatusCode 0, and its outputs the response fields, absent
 * (NULL) where the method gave none. Bind is the transport's, since it creates the session (nspi_bind). */
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_error.h"
#include "server/nspi/nspi.h"

/* A copy of the STAT a method updated, for the response's HasState/State (NULL on failure). */
static struct mapi_nspi_stat *stat_out(TALLOC_CTX *mem, uint32_t ec, const struct mapi_nspi_stat *st)
{
	return ec == ecSuccess ? talloc_memdup(mem, st, sizeof *st) : NULL;
}

/* The request's STAT, copied so the method can change it; NULL when the client sent none. */
static struct mapi_nspi_stat *stat_in(TALLOC_CTX *mem, const struct mapi_nspi_stat *st)
{
	return st ? talloc_memdup(mem, st, sizeof *st) : NULL;
}

static uint32_t *u32_copy(TALLOC_CTX *mem, const uint32_t *v)
{
	return v ? talloc_memdup(mem, v, sizeof *v) : NULL;
}

int nspi_mapihttp_execute(struct nspi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                          struct mapi_http_response *rsp)
{
	memset(rsp, 0, sizeof *rsp);
	rsp->type = req->type;
	struct mapi_nspi_stat *st = NULL;
	uint32_t ec = ecInvalidParam; /* a STAT a method needs is missing */
	switch (req->type) {
	case MAPI_HTTP_UNBIND:
		return WC_EINVAL; /* the transport frees the session with nspi_unbind() */
	case MAPI_HTTP_COMPARE_MIDS: {
		const struct mapi_http_compare_mids_req *q = &req->compare_mids;
		if (q->state)
			ec = nspi_compare_mids(s, q->state, q->mid1, q->mid2, &rsp->compare_mids.result);
		break;
	}
	case MAPI_HTTP_DN_TO_MID: {
		struct mapi_nspi_strings none = {0, NULL};
		const struct mapi_http_dn_to_mid_req *q = &req->dn_to_mid;
		ec = nspi_dn_to_mid(s, mem, q->names ? q->names : &none, &rsp->dn_to_mid.mids);
		break;
	}
	case MAPI_HTTP_GET_MATCHES: {
		const struct mapi_http_get_matches_req *q = &req->get_matches;
		struct mapi_http_get_matches_rsp *p = &rsp->get_matches;
		if ((st = stat_in(mem, q->state)) != NULL)
			ec = nspi_get_matches(s, mem, st, q->filter, q->prop_name, q->row_count, q->columns,
			                      &p->mids, &p->rows);
		p->state = stat_out(mem, ec, st);
		break;
	}
	case MAPI_HTTP_GET_PROP_LIST: {
		const struct mapi_http_get_prop_list_req *q = &req->get_prop_list;
		ec = nspi_get_prop_list(s, mem, q->flags, q->mid, q->code_page,
		                        &rsp->get_prop_list.prop_tags);
		break;
	}
	case MAPI_HTTP_GET_PROPS: {
		const struct mapi_http_get_props_req *q = &req->get_props;
		if (q->state) {
			ec = nspi_get_props(s, mem, q->flags, q->state, q->prop_tags, &rsp->get_props.values);
			rsp->get_props.code_page = q->state->code_page;
		}
		break;
	}
	case MAPI_HTTP_GET_SPECIAL_TABLE: {
		const struct mapi_http_get_special_table_req *q = &req->get_special_table;
		struct mapi_http_get_special_table_rsp *p = &rsp->get_special_table;
		p->version = u32_copy(mem, q->version);
		if (q->state) {
			ec = nspi_get_special_table(s, mem, q->flags, q->state, p->version, &p->rows);
			p->code_page = q->state->code_page;
		}
		if (ec != ecSuccess || (q->flags & NSPI_ADDRESS_CREATION_TEMPLATES))
			p->version = NULL;
		break;
	}
	case MAPI_HTTP_GET_TEMPLATE_INFO: {
		const struct mapi_http_get_template_info_req *q = &req->get_template_info;
		ec = nspi_get_template_info(s, mem, q->flags, q->display_type, q->template_dn, q->code_page,
		                            q->locale_id, &rsp->get_template_info.row);
		rsp->get_template_info.code_page = q->code_page;
		break;
	}
	case MAPI_HTTP_MOD_LINK_ATT: {
		const struct mapi_http_mod_link_att_req *q = &req->mod_link_att;
		ec = nspi_mod_link_att(s, q->flags, q->prop_tag, q->mid, q->entry_ids);
		break;
	}
	case MAPI_HTTP_MOD_PROPS: {
		const struct mapi_http_mod_props_req *q = &req->mod_props;
		if (q->state)
			ec = nspi_mod_props(s, q->state, q->props_to_remove, q->values);
		break;
	}
	case MAPI_HTTP_QUERY_ROWS: {
		const struct mapi_http_query_rows_req *q = &req->query_rows;
		if ((st = stat_in(mem, q->state)) != NULL)
			ec = nspi_query_rows(s, mem, q->flags, st, &q->explicit_table, q->row_count,
			                     q->columns, &rsp->query_rows.rows);
		rsp->query_rows.state = stat_out(mem, ec, st);
		break;
	}
	case MAPI_HTTP_QUERY_COLUMNS:
		ec = nspi_query_columns(s, mem, req->query_columns.mapi_flags, &rsp->query_columns.columns);
		break;
	case MAPI_HTTP_RESOLVE_NAMES: {
		/* MS-OXCMAPIHTTP 2.2.5.14.1: the names are Unicode, NspiResolveNamesW */
		const struct mapi_http_resolve_names_req *q = &req->resolve_names;
		struct mapi_nspi_strings none = {0, NULL};
		if (q->state) {
			ec = nspi_resolve_names(s, mem, q->state, q->prop_tags, q->names ? q->names : &none,
			                        true, &rsp->resolve_names.mids, &rsp->resolve_names.rows);
			rsp->resolve_names.code_page = q->state->code_page;
		}
		break;
	}
	case MAPI_HTTP_RESORT_RESTRICTION: {
		const struct mapi_http_resort_restriction_req *q = &req->resort_restriction;
		if ((st = stat_in(mem, q->state)) != NULL)
			ec = nspi_resort_restriction(s, mem, st, q->mids, &rsp->resort_restriction.mids);
		rsp->resort_restriction.state = stat_out(mem, ec, st);
		break;
	}
	case MAPI_HTTP_SEEK_ENTRIES: {
		const struct mapi_http_seek_entries_req *q = &req->seek_entries;
		if ((st = stat_in(mem, q->state)) != NULL)
			ec = nspi_seek_entries(s, mem, st, q->target, q->explicit_table, q->columns,
			                       &rsp->seek_entries.rows);
		rsp->seek_entries.state = stat_out(mem, ec, st);
		break;
	}
	case MAPI_HTTP_UPDATE_STAT: {
		const struct mapi_http_update_stat_req *q = &req->update_stat;
		int32_t delta = 0;
		if ((st = stat_in(mem, q->state)) != NULL)
			ec = nspi_update_stat(s, st, q->delta_requested ? &delta : NULL);
		rsp->update_stat.state = stat_out(mem, ec, st);
		rsp->update_stat.delta =
		        ec == ecSuccess && q->delta_requested ? talloc_memdup(mem, &delta, 4) : NULL;
		break;
	}
	case MAPI_HTTP_GET_MAILBOX_URL:
		ec = nspi_get_mailbox_url(s, mem, req->get_mailbox_url.dn, &rsp->get_mailbox_url.server_url);
		break;
	case MAPI_HTTP_GET_ADDRESS_BOOK_URL:
		ec = nspi_get_address_book_url(s, mem, req->get_address_book_url.dn,
		                               &rsp->get_address_book_url.server_url);
		break;
	default:
		return WC_EINVAL; /* not an address book request, or Bind */
	}
	/* 2.2.5.18.2, 2.2.5.19.2: ServerUrl has no Has* flag, so a failure answers an empty string */
	if (req->type == MAPI_HTTP_GET_MAILBOX_URL && rsp->get_mailbox_url.server_url == NULL)
		rsp->get_mailbox_url.server_url = talloc_strdup(mem, "");
	if (req->type == MAPI_HTTP_GET_ADDRESS_BOOK_URL && rsp->get_address_book_url.server_url == NULL)
		rsp->get_address_book_url.server_url = talloc_strdup(mem, "");
	rsp->error_code = ec;
	return 0;
}
