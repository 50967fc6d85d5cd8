/* mapitest: the session, logon and scratch folders the server suites share (mt_server.h). */
#include "mt_server.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

struct mt_server {
	struct mapi_session *session;
	struct mapi_object *store;
	struct mapi_object *ipm; /* the IPM subtree, parent of the run folder */
	struct mapi_object *root;
	uint64_t root_fid;
	uint32_t ec; /* why the connection failed, ecSuccess when it is up */
	char why[512];
};

static struct mt_server *server(struct mt *t)
{
	struct mt_run *run = t->run;
	struct mt_server *s = run->server;
	if (s == NULL) {
		const struct mt_options *o = run->opt;
		s = run->server = talloc_zero(run->mem, struct mt_server);
		mapi_library_init();
		struct mapi_session_opts so = {
		        .email = o->email,
		        .user_dn = o->user_dn,
		        .user = o->user,
		        .password = o->password != NULL ? o->password : "",
		        .insecure = o->insecure,
		};
		so.mailbox_url = talloc_asprintf(s, "%s/mapi/emsmdb/", o->url);
		if (o->user_dn == NULL)
			so.autodiscover_url = talloc_asprintf(s, "%s/autodiscover/autodiscover.xml", o->url);
		s->session = mapi_session_new(s, &so);
		const char *step = "Connect";
		s->ec = s->session != NULL ? mapi_connect(s->session) : ecNotEnoughMemory;
		if (s->ec == ecSuccess) {
			step = "RopLogon";
			s->ec = mapi_logon(s->session, s, &s->store);
		}
		if (s->ec == ecSuccess) {
			step = "RopOpenFolder of the IPM subtree";
			s->ec = mapi_open_folder(
			        s->store, mapi_store_folder_id(s->store, LOGON_FID_IPM_SUBTREE), s, &s->ipm);
		}
		if (s->ec == ecSuccess) {
			step = "RopCreateFolder of the run folder";
			char *name = talloc_asprintf(s, "mapitest %ld", (long)getpid());
			s->ec = mapi_create_folder(s->ipm, name, "mapitest scratch folder", false, s,
			                           &s->root, &s->root_fid);
		}
		if (s->ec != ecSuccess)
			snprintf(s->why, sizeof s->why, "%s: %s (%s)", step, mapi_err_name(s->ec),
			         s->session ? mapi_session_last_error(s->session)->message : "");
	}
	if (s->ec != ecSuccess)
		mt_fail(t, "no session with %s: %s", run->opt->url, s->why);
	return s;
}

struct mapi_session *mt_session(struct mt *t)
{
	return server(t)->session;
}

struct mapi_object *mt_store(struct mt *t)
{
	return server(t)->store;
}

struct mapi_object *mt_run_folder(struct mt *t, uint64_t *fid)
{
	struct mt_server *s = server(t);
	if (fid != NULL)
		*fid = s->root_fid;
	return s->root;
}

struct mapi_object *mt_folder(struct mt *t, uint64_t *fid)
{
	struct mapi_object *f;
	uint64_t id;
	uint32_t ec = mapi_create_folder(server(t)->root, t->test->name, "", false, t->mem, &f, &id);
	if (ec != ecSuccess)
		mt_fail(t, "creating the test's folder (RopCreateFolder, MS-OXCFOLD 3.2.5.2): %s",
		        mapi_err_name(ec));
	if (fid != NULL)
		*fid = id;
	return f;
}

uint64_t mt_message(struct mt *t, struct mapi_object *folder, const char *subject)
{
	struct mapi_object *m;
	uint64_t mid = 0;
	struct mapi_propval v[2] = {{.tag = PidTagSubject}, {.tag = PidTagMessageClass}};
	v[0].value.str = (char *)subject;
	v[1].value.str = (char *)"IPM.Note";
	mt_rop(t, "RopCreateMessage", mapi_create_message(folder, false, t->mem, &m));
	if (subject != NULL)
		mt_rop(t, "RopSetProperties", mapi_set_props(m, 2, v, t->mem, NULL));
	mt_rop(t, "RopSaveChangesMessage", mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, &mid));
	talloc_free(m);
	return mid;
}

void mt_rop(struct mt *t, const char *rop, uint32_t ec)
{
	mt_rop_ec(t, rop, ec, ecSuccess);
}

void mt_rop_ec(struct mt *t, const char *rop, uint32_t got, uint32_t want)
{
	if (got == ecNotSupported && want != ecNotSupported)
		mt_skip(t, t->test->clause, "the server answers %s with ecNotSupported (not implemented)",
		        rop);
	mt_eq_ec(t, rop, got, want);
}

struct rop_request *mt_req(struct mt *t, struct mapi_batch **b, uint8_t rop_id, struct mapi_object *in)
{
	*b = mapi_batch_new(t->mem, mt_session(t));
	struct rop_request *r = *b != NULL ? mapi_batch_add(*b, rop_id, in) : NULL;
	if (r == NULL)
		mt_fail(t, "libmapi cannot batch %s", rop_name(rop_id));
	return r;
}

const struct rop_response *mt_send(struct mt *t, struct mapi_batch *b, uint32_t want)
{
	uint32_t slot = mapi_batch_last(b);
	const char *rop = rop_name(mapi_batch_request(b, slot)->id);
	uint32_t ec = mapi_batch_execute(b);
	if (ec != ecSuccess)
		mt_fail(t, "Execute of %s: %s (%s)", rop, mapi_err_name(ec),
		        mapi_session_last_error(mt_session(t))->message);
	mt_rop_ec(t, rop, mapi_batch_result(b, slot), want);
	return mapi_batch_response(b, slot);
}

const struct mapi_propval *mt_row_value(struct mt *t, const struct mapi_property_row *row, uint32_t tag)
{
	for (uint32_t i = 0; i < row->count; i++) {
		const struct mapi_row_value *v = &row->values[i];
		if (PROP_ID(v->pv.tag) != PROP_ID(tag))
			continue;
		if (v->flag == MAPI_VALUE_ERROR || PROP_TYPE(v->pv.tag) == PT_ERROR)
			mt_fail(t, "property 0x%08X: expected a value, got error %s", tag,
			        mapi_err_name(v->pv.value.err));
		if (v->flag == MAPI_VALUE_NOT_PRESENT)
			mt_fail(t, "property 0x%08X: expected a value, got none", tag);
		mt_eq(t, "property type", PROP_TYPE(v->pv.tag), PROP_TYPE(tag));
		return &v->pv;
	}
	mt_fail(t, "property 0x%08X: not in the row", tag);
}

struct mapi_propval mt_get_prop(struct mt *t, struct mapi_object *o, uint32_t tag)
{
	struct mapi_property_row row;
	mt_rop(t, "RopGetPropertiesSpecific", mapi_get_props(o, 1, &tag, t->mem, &row));
	return *mt_row_value(t, &row, tag);
}

void mt_server_close(struct mt_run *run)
{
	struct mt_server *s = run->server;
	if (s == NULL || s->session == NULL)
		return;
	if (s->ipm != NULL && s->root_fid != 0) {
		talloc_free(s->root);
		uint32_t ec = mapi_delete_folder(s->ipm, s->root_fid,
		                                 DEL_MESSAGES | DEL_FOLDERS | DELETE_HARD_DELETE);
		if (ec != ecSuccess)
			fprintf(stderr, "mapitest: could not delete the run folder: %s\n", mapi_err_name(ec));
	}
	mapi_disconnect(s->session);
}
