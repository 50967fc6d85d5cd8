/* Fuzz the MS-OXCMAPIHTTP 2.2.7 meta-tag reader. The first byte seeds how the rest is cut into chunks; the
 * events (meta-tags, headers, end of headers, body bytes) and the outcome must be the same whether the stream
 * comes in one piece, in those chunks, or one byte at a time. */
#include "common/wc_error.h"
#include "mapi/mapihttp_framing.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Feeds data in chunks (chunk 0: all of it at once; 1: single bytes; otherwise pseudo-random sizes seeded by
 * seed) and returns a log of everything the reader reported, ending with its final status. */
static char *run(TALLOC_CTX *mem, const uint8_t *data, size_t len, unsigned mode, uint32_t seed)
{
	struct mapi_http_reader *rd = mapi_http_reader_new(mem);
	char *log = talloc_strdup(mem, "");
	int rc = 0;
	size_t pos = 0;
	while (rd != NULL && log != NULL && rc == 0 && pos < len) {
		size_t n = len - pos;
		if (mode == 1) {
			n = 1;
		} else if (mode == 2) {
			seed = seed * 1103515245u + 12345u;
			size_t c = 1 + (seed >> 16) % 23;
			n = c < n ? c : n;
		}
		const uint8_t *p = data + pos;
		pos += n;
		while (rc == 0) {
			struct mapi_http_event ev;
			size_t used;
			rc = mapi_http_reader_next(rd, p, n, &used, &ev);
			if (rc != 0 || ev.kind == MAPI_HTTP_EV_NONE)
				break;
			if (used == 0 || used > n)
				abort();
			p += used;
			n -= used;
			if (ev.kind == MAPI_HTTP_EV_META)
				log = talloc_asprintf_append(log, "M%d;", (int)ev.meta);
			else if (ev.kind == MAPI_HTTP_EV_HEADER)
				log = talloc_asprintf_append(log, "H%s=%s;", ev.name, ev.value);
			else if (ev.kind == MAPI_HTTP_EV_HEADERS_END)
				log = talloc_strdup_append(log, "E;");
			for (size_t i = 0; ev.kind == MAPI_HTTP_EV_BODY && i < ev.len && log != NULL; i++)
				log = talloc_asprintf_append(log, "%02x", ev.data[i]);
		}
	}
	if (rd == NULL || log == NULL)
		abort();
	if (rc == 0)
		rc = mapi_http_reader_finish(rd);
	return talloc_asprintf_append(log, "|%d", rc);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > 20000)
		return 0;
	TALLOC_CTX *mem = talloc_new(NULL);
	char *whole = run(mem, data + 1, size - 1, 0, 0);
	char *chunks = run(mem, data + 1, size - 1, 2, data[0]);
	char *bytes = run(mem, data + 1, size - 1, 1, 0);
	if (strcmp(whole, chunks) != 0 || strcmp(whole, bytes) != 0)
		abort();
	talloc_free(mem);
	return 0;
}
