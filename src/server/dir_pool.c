/* A mutex-protected stack of idle directory handles. Every handle is a talloc root of its own: talloc is not
 * thread-safe, so handles used on different threads must not share a parent while in use. */
#include "server/dir_pool.h"
#include "common/wc_log.h"

#include <pthread.h>
#include <string.h>

#define DIR_POOL_IDLE_MAX 64

struct dir_pool {
	pthread_mutex_t lock;
	char *path;
	int busy_timeout_ms;
	struct dir_handle *idle[DIR_POOL_IDLE_MAX];
	int nidle;
};

static int dir_pool_destroy(struct dir_pool *p)
{
	for (int i = 0; i < p->nidle; i++)
		talloc_free(p->idle[i]);
	pthread_mutex_destroy(&p->lock);
	return 0;
}

int dir_pool_create(TALLOC_CTX *mem, const char *path, int busy_timeout_ms, struct dir_pool **out,
                    char **errmsg)
{
	struct dir_pool *p = talloc_zero(mem, struct dir_pool);
	if (p == NULL || (p->path = talloc_strdup(p, path)) == NULL) {
		talloc_free(p);
		return DIR_E_NOMEM;
	}
	p->busy_timeout_ms = busy_timeout_ms;
	pthread_mutex_init(&p->lock, NULL);
	talloc_set_destructor(p, dir_pool_destroy);
	struct dir_handle *h = NULL;
	char *msg = NULL;
	int err = dir_open(NULL, path, 0, busy_timeout_ms, &h, &msg);
	if (err == DIR_OK) {
		struct dir_org *org;
		err = dir_org_get(h, h, &org); /* DIR_E_NO_ORG before warpadm init */
	}
	if (err != DIR_OK) {
		*errmsg = msg ? talloc_asprintf(mem, "directory %s", msg)
		              : talloc_asprintf(mem, "directory %s: %s", path, dir_strerror(err));
		talloc_free(msg);
		talloc_free(h);
		talloc_free(p);
		return err;
	}
	p->idle[p->nidle++] = h;
	*out = p;
	return DIR_OK;
}

struct dir_handle *dir_pool_get(struct dir_pool *p)
{
	struct dir_handle *h = NULL;
	pthread_mutex_lock(&p->lock);
	if (p->nidle > 0)
		h = p->idle[--p->nidle];
	pthread_mutex_unlock(&p->lock);
	if (h != NULL)
		return h;
	char *msg = NULL;
	int err = dir_open(NULL, p->path, 0, p->busy_timeout_ms, &h, &msg);
	if (err != DIR_OK) {
		wc_error("directory %s: %s%s%s", p->path, dir_strerror(err), msg ? ": " : "", msg ? msg : "");
		talloc_free(msg);
		return NULL;
	}
	return h;
}

void dir_pool_put(struct dir_pool *p, struct dir_handle *h)
{
	if (h == NULL)
		return;
	pthread_mutex_lock(&p->lock);
	if (p->nidle < DIR_POOL_IDLE_MAX) {
		p->idle[p->nidle++] = h;
		h = NULL;
	}
	pthread_mutex_unlock(&p->lock);
	talloc_free(h);
}
