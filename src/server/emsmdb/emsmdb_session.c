/* An EMSMDB session and its server object handle table (see emsmdb.h).
 *
 * The handle table (MS-OXCROPS 2.2.1 ServerObjectHandleTable (MS-OXCROPS 2.2.1
 * ServerObjectHandleTable, 3.1.4.1): 32-bit handles naming server objects, 0xFFFFFFFF never used. Objects
 * form a talloc tree (session ⊃ logon ⊃ folder ⊃ message ⊃ attachment ...): releasing a handle frees the
 * subtree, and each freed object's destructor takes its handle out of the table. The table is a flat array
 * searched linearly: a session has a few hundred objects at most (a ROP buffer addresses 255). */
#include "server/emsmdb/emsmdb.h"

#include "common/wc_error.h"
#include "server/auth/auth.h"

struct emsmdb_handles {
	struct emsmdb_object **objs;
	uint32_t count, cap;
	uint32_t next; /* the next handle to try */
	bool wrapped;  /* next has gone round once: check for handles still in use */
	bool closing;  /* the session is being freed: objects need not take themselves out */
};

static long find(const struct emsmdb_handles *h, uint32_t handle)
{
	for (uint32_t i = 0; i < h->count; i++)
		if (h->objs[i]->handle == handle)
			return (long)i;
	return -1;
}

static int handles_destructor(struct emsmdb_handles *h)
{
	h->closing = true;
	return 0;
}

static int object_destructor(struct emsmdb_object *o)
{
	struct emsmdb_handles *h = o->session->handles;
	if (h == NULL || h->closing)
		return 0;
	long i = find(h, o->handle);
	if (i >= 0)
		h->objs[i] = h->objs[--h->count];
	return 0;
}

/* The table is created with the session and its top-level objects hang below it. */
static struct emsmdb_handles *emsmdb_handles_new(TALLOC_CTX *mem)
{
	struct emsmdb_handles *h = talloc_zero(mem, struct emsmdb_handles);
	if (h != NULL) {
		h->next = 1;
		talloc_set_destructor(h, handles_destructor);
	}
	return h;
}

static uint32_t next_handle(struct emsmdb_handles *h)
{
	for (;;) {
		uint32_t v = h->next++;
		if (h->next == ROP_INVALID_HANDLE) {
			h->next = 1;
			h->wrapped = true;
		}
		if (!h->wrapped || find(h, v) < 0)
			return v;
	}
}

struct emsmdb_object *emsmdb_handle_new(struct emsmdb_session *s, struct emsmdb_object *parent, unsigned type,
                                        void *data)
{
	struct emsmdb_handles *h = s->handles;
	if (h->count == h->cap) {
		uint32_t cap = h->cap ? h->cap * 2 : 32;
		struct emsmdb_object **objs = talloc_realloc(h, h->objs, struct emsmdb_object *, cap);
		if (objs == NULL)
			return NULL;
		h->objs = objs;
		h->cap = cap;
	}
	/* Top-level objects hang below the table, so they are freed while it still exists. */
	struct emsmdb_object *o = talloc_zero(parent ? (void *)parent : (void *)h, struct emsmdb_object);
	if (o == NULL)
		return NULL;
	o->handle = next_handle(h);
	o->type = type;
	o->parent = parent;
	o->session = s;
	o->data = data ? talloc_steal(o, data) : NULL;
	h->objs[h->count++] = o;
	talloc_set_destructor(o, object_destructor);
	return o;
}

struct emsmdb_object *emsmdb_handle_get(struct emsmdb_session *s, uint32_t handle, unsigned types)
{
	if (handle == ROP_INVALID_HANDLE)
		return NULL;
	long i = find(s->handles, handle);
	if (i < 0 || !(s->handles->objs[i]->type & types))
		return NULL;
	return s->handles->objs[i];
}

int emsmdb_handle_release(struct emsmdb_session *s, uint32_t handle)
{
	struct emsmdb_object *o = emsmdb_handle_get(s, handle, EMSMDB_OBJ_ANY);
	if (o == NULL)
		return WC_EINVAL;
	talloc_free(o); /* the destructors take the subtree's handles out */
	return 0;
}

uint32_t emsmdb_handle_count(const struct emsmdb_session *s)
{
	return s->handles->count;
}

/* ---- the session ---- */

struct emsmdb_session *emsmdb_session_new(TALLOC_CTX *mem, const struct auth_user *user, const char *user_dn,
                                          uint16_t index)
{
	struct emsmdb_session *s = talloc_zero(mem, struct emsmdb_session);
	if (s == NULL)
		return NULL;
	s->user_mid = user->mid;
	s->mailbox_guid = user->mailbox_guid;
	s->user_alias = talloc_strdup(s, user->alias);
	s->user_dn = talloc_strdup(s, user_dn);
	s->display_name = talloc_strdup(s, user->display_name && *user->display_name ? user->display_name
	                                                                             : user->alias);
	s->index = index;
	rop_ctx_init(&s->codec);
	s->handles = emsmdb_handles_new(s);
	if (s->user_alias == NULL || s->user_dn == NULL || s->display_name == NULL || s->handles == NULL) {
		talloc_free(s);
		return NULL;
	}
	return s;
}

void emsmdb_session_notify(struct emsmdb_session *s)
{
	s->event_pending = true;
	if (s->wake != NULL)
		s->wake(s->wake_arg);
}

struct emsmdb_logon *emsmdb_logon_of(const struct emsmdb_object *o)
{
	while (o != NULL && o->parent != NULL)
		o = o->parent;
	return o != NULL && o->type == EMSMDB_OBJ_LOGON ? o->data : NULL;
}
