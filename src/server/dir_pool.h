/* warpd: directory handles shared by worker threads. A dir_handle is one SQLite connection that one thread
 * at a time may use (store/directory.h); the pool hands idle ones out and opens more when all are busy. */
#ifndef WC_DIR_POOL_H
#define WC_DIR_POOL_H

#include <talloc.h>

#include "store/directory.h"

struct dir_pool;

/* Opens one handle at once to report a missing or damaged database early (*errmsg on mem on failure). */
int dir_pool_create(TALLOC_CTX *mem, const char *path, int busy_timeout_ms, struct dir_pool **out,
                    char **errmsg);
/* An idle handle, or a new one; NULL when the database cannot be opened. */
struct dir_handle *dir_pool_get(struct dir_pool *p);
/* Gives a handle back (NULL is ignored). */
void dir_pool_put(struct dir_pool *p, struct dir_handle *h);

#endif
