/* MAPI/HTTP Execute round trips against warpd's real HTTP stack: a 5-ROP batch (RopOpenFolder Inbox,
 * RopGetContentsTable, RopSetColumns, RopQueryRows 50, RopRelease) over 1, 8 and 64 concurrent sessions,
 * beside a bare HTTP POST echo served by the same http_server object (a bench-only route, /bench/echo, that
 * sends the request body back) measured in the same run with the same request body size. Prints p50/p99
 * latency, requests/s and the ratios to the echo.
 *
 * The server is built in-process as warpd builds it (http_server_create, mapihttp_new, emsmdb_http_register,
 * plain HTTP on 127.0.0.1, an ephemeral port, Basic authentication) over a temporary directory database and
 * mailbox directory: one user per session, whose mailbox is provisioned with its Inbox holding 50 messages.
 * Clients are plain sockets with keep-alive, one thread per session, one request in flight each.
 *
 * Request bodies are built here from the specs: MS-OXCMAPIHTTP 2.2.4.1 Connect, 2.2.4.2 Execute, 2.2.4.3
 * Disconnect; MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT; MS-OXCROPS 2.2.1 ROP buffer, 2.2.3.1 RopLogon, 2.2.4.1
 * RopOpenFolder, 2.2.4.14 RopGetContentsTable, 2.2.5.1 RopSetColumns, 2.2.5.4 RopQueryRows, 2.2.15.3
 * RopRelease. Each batch's responses are checked (every ReturnValue, 50 rows); a ROP the server does not
 * support is reported, and what was measured says so.
 *
 * Usage: bench_execute [--quick]   (--quick: sessions 1 and 2, 0.2 s per figure, for a smoke test) */
#include "common/mapi_errors.h"
#include "common/wc_log.h"
#include "mapi/mapi_proptags.h"
#include "server/dir_pool.h"
#include "server/emsmdb/emsmdb_http.h"
#include "server/http/http.h"
#include "store/delivery.h"
#include "store/mapistore.h"

#include <arpa/inet.h>
#include <errno.h>
#include <nettle/base64.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define MESSAGES 50
#define MAX_SESSIONS 64
#define PASSWORD "bench-password"

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static __attribute__((noreturn)) void die(const char *what, long code)
{
	fprintf(stderr, "bench_execute: %s failed (0x%08lX)\n", what, (unsigned long)code);
	exit(1);
}

/* ---- server side ----------------------------------------------------------------------------------------
 */

/* The bench-only route: the bare HTTP cost of warpd's stack (routing, Basic authentication cached on the
 * connection, body collection, response) without MAPI/HTTP framing or ROPs. */
static void echo_handler(struct http_request *req, void *arg)
{
	(void)arg;
	if (http_respond(req, 200, "application/octet-stream", req->body, req->body_len, NULL) != 0)
		http_respond_status(req, 500);
}

struct user {
	char alias[16];
	char *dn;
};

/* The user's mailbox as RopLogon would create it, provisioned, with MESSAGES messages in its Inbox. */
static void fill_mailbox(TALLOC_CTX *mem, const char *mailbox_dir, const struct wc_guid *guid, unsigned seed)
{
	char *uri = ms_user_mailbox_uri(mem, mailbox_dir, guid); /* the file RopLogon opens */
	struct wc_guid replica = {seed, 0xBE, 0xC4, {1, 2, 3, 4, 5, 6, 7, (uint8_t)seed}};
	struct ms_mailbox *mb;
	uint32_t ec = ms_mailbox_create(mem, uri, guid, &replica, &mb);
	if (ec == ecSuccess)
		ec = ms_mailbox_provision(mb, "en");
	uint64_t fids[MS_SPECIAL_COUNT];
	if (ec == ecSuccess)
		ec = ms_mailbox_special_folders(mb, fids);
	struct ms_folder *inbox;
	if (ec != ecSuccess || (ec = ms_folder_open(mb, fids[MS_SPECIAL_INBOX], mem, &inbox)) != ecSuccess)
		die("mailbox", ec);
	if ((ec = ms_mailbox_begin_batch(mb)) != ecSuccess)
		die("begin batch", ec);
	for (unsigned i = 0; i < MESSAGES; i++) {
		TALLOC_CTX *tmp = talloc_new(mem);
		struct ms_message *m;
		if ((ec = ms_message_create(inbox, false, &m)) != ecSuccess)
			die("create message", ec);
		struct mapi_propval pv[5] = {
		        {.tag = PidTagSubject, .value.str = talloc_asprintf(tmp, "Weekly report %u", i)},
		        {.tag = PidTagMessageClass, .value.str = "IPM.Note"},
		        {.tag = PidTagSenderName, .value.str = talloc_asprintf(tmp, "Sender %u", i % 7)},
		        {.tag = PidTagMessageDeliveryTime,
		         .value.time = 133000000000000000ull + i * 600000000ull},
		        {.tag = PidTagBody, .value.str = "Hello,\r\n\r\nthe figures are attached.\r\n"},
		};
		struct mapi_propproblem *pp;
		uint32_t n;
		if ((ec = ms_props_set(ms_message_object(m), pv, 5, tmp, &pp, &n)) != ecSuccess ||
		    (ec = ms_message_save(m, 0)) != ecSuccess)
			die("save message", ec);
		talloc_free(tmp);
	}
	if ((ec = ms_mailbox_end_batch(mb, true)) != ecSuccess)
		die("end batch", ec);
	talloc_free(mb);
}

struct server {
	struct http_server *http;
	struct mapihttp *mapi;
	unsigned port;
	struct user users[MAX_SESSIONS];
};

static void server_start(TALLOC_CTX *mem, const char *dir, unsigned nusers, struct server *srv)
{
	char *dbpath = talloc_asprintf(mem, "%s/directory.db", dir);
	char *mailbox_dir = talloc_asprintf(mem, "%s/mailboxes", dir);
	struct dir_handle *h;
	int rc = dir_open(mem, dbpath, DIR_OPEN_CREATE, 5000, &h, NULL);
	if (rc != DIR_OK || (rc = dir_org_create(h, "Bench Org", "bench.example")) != DIR_OK)
		die("directory", rc);
	if (mkdir(mailbox_dir, 0700) != 0)
		die("mkdir", errno);
	for (unsigned i = 0; i < nusers; i++) {
		struct user *u = &srv->users[i];
		snprintf(u->alias, sizeof u->alias, "user%02u", i);
		struct dir_user_spec spec = {.alias = u->alias, .password = PASSWORD};
		struct dir_entry *e;
		if ((rc = dir_user_add(h, &spec, NULL)) != DIR_OK ||
		    (rc = dir_lookup_alias(h, mem, u->alias, &e)) != DIR_OK)
			die("dir_user_add", rc);
		u->dn = e->legacy_dn;
		fill_mailbox(mem, mailbox_dir, &e->mailbox_guid, i + 1);
	}
	talloc_free(h);

	char *err = NULL;
	struct dir_pool *dirs;
	if (dir_pool_create(mem, dbpath, 5000, &dirs, &err) != DIR_OK)
		die(err ? err : "dir_pool_create", 0);
	/* warpd's defaults (docs/configuration.md) with plain HTTP and Basic allowed on it, as in the tests
	 */
	struct http_options opt = {
	        .listen = "127.0.0.1:0",
	        .max_request_size = 16777216,
	        .idle_timeout = 300,
	        .hostname = "localhost",
	        .netbios_domain = "BENCH",
	        .basic = true,
	        .basic_over_plain_http = true,
	};
	struct mapihttp_options mopt = {
	        .session_timeout_ms = 900000,
	        .pending_period_ms = 15000,
	        .wait_timeout_ms = 300000,
	        .server_application = "Exchange/15.02.1118.000",
	};
	struct emsmdb_config ecfg = {.mailbox_dir = mailbox_dir, .dirs = dirs}; /* copied by the register */
	if (http_server_create(mem, &opt, dirs, &srv->http, &err) != 0 ||
	    (srv->mapi = mapihttp_new(mem, &mopt)) == NULL ||
	    emsmdb_http_register(srv->mapi, srv->http, &ecfg) != 0 ||
	    http_route_add(srv->http, "/bench/echo", HTTP_ROUTE_EXACT, echo_handler, NULL) != 0)
		die(err ? err : "server setup", 0);
	if (http_server_bind(srv->http, &err) != 0 || mapihttp_start(srv->mapi) != 0 ||
	    http_server_start(srv->http, &err) != 0)
		die(err ? err : "server start", 0);
	srv->port = http_server_port(srv->http);
}

/* ---- client side: one keep-alive HTTP/1.1 connection per session ----------------------------------------
 */

struct conn {
	int fd;
	unsigned port;
	char auth[128];    /* "Basic <base64>" */
	char cookies[256]; /* MapiContext and MapiSequence, as the last response set them */
	unsigned counter;  /* X-RequestId counter */
	uint8_t *in;       /* the last response body */
	size_t in_len, in_cap;
	uint8_t *raw;
	size_t raw_cap;
};

static void conn_open(struct conn *c, unsigned port, const char *alias)
{
	memset(c, 0, sizeof *c);
	c->port = port;
	c->fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	int one = 1;
	if (c->fd < 0 || setsockopt(c->fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one) != 0 ||
	    connect(c->fd, (struct sockaddr *)&sa, sizeof sa) != 0)
		die("connect", errno);
	char cred[64];
	int n = snprintf(cred, sizeof cred, "%s:%s", alias, PASSWORD);
	char b64[BASE64_ENCODE_RAW_LENGTH(64) + 1];
	base64_encode_raw(b64, (size_t)n, (const uint8_t *)cred);
	b64[BASE64_ENCODE_RAW_LENGTH(n)] = '\0';
	snprintf(c->auth, sizeof c->auth, "Basic %s", b64);
	c->raw_cap = 1 << 20;
	c->raw = malloc(c->raw_cap);
	if (c->raw == NULL)
		die("malloc", 0);
}

static void conn_close(struct conn *c)
{
	close(c->fd);
	free(c->raw);
}

static void send_all(int fd, const void *p, size_t n)
{
	while (n > 0) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);
		if (w <= 0)
			die("send", errno);
		p = (const char *)p + w;
		n -= (size_t)w;
	}
}

/* Remembers the cookies of a Set-Cookie header line ("Set-Cookie: MapiSequence=...; path=...") */
static void take_cookie(struct conn *c, const char *line, size_t len)
{
	const char *v = line + strlen("Set-Cookie:");
	while (*v == ' ')
		v++;
	const char *eq = memchr(v, '=', len - (size_t)(v - line));
	const char *end = v;
	while (end < line + len && *end != ';' && *end != '\r')
		end++;
	if (eq == NULL || eq > end)
		return;
	size_t nlen = (size_t)(eq - v);
	/* replace the cookie of that name */
	char out[256] = "";
	char *save = NULL;
	for (char *tok = strtok_r(c->cookies, ";", &save); tok; tok = strtok_r(NULL, ";", &save)) {
		while (*tok == ' ')
			tok++;
		if (strncmp(tok, v, nlen) == 0 && tok[nlen] == '=')
			continue;
		snprintf(out + strlen(out), sizeof out - strlen(out), "%s%s", *out ? "; " : "", tok);
	}
	snprintf(out + strlen(out), sizeof out - strlen(out), "%s%.*s", *out ? "; " : "", (int)(end - v), v);
	memcpy(c->cookies, out, sizeof out);
}

/* One POST and its response (status 200 and a Content-Length body required); c->in gets the body. */
static void post(struct conn *c, const char *path, const char *rtype, const uint8_t *body, size_t len)
{
	char head[1024];
	int n = snprintf(head, sizeof head,
	                 "POST %s HTTP/1.1\r\nHost: 127.0.0.1:%u\r\nAuthorization: %s\r\n"
	                 "Content-Type: application/mapi-http\r\nX-RequestType: %s\r\n"
	                 "X-RequestId: {6A4A4A3C-2B8E-4F4B-9C1F-0B8B2B6E7A11}:%u\r\n"
	                 "X-ClientInfo: {0D1E2F30-4152-6374-8596-A7B8C9DAEBFC}:1\r\n%s%s%s"
	                 "Content-Length: %zu\r\n\r\n",
	                 path, c->port, c->auth, rtype, ++c->counter, *c->cookies ? "Cookie: " : "",
	                 c->cookies, *c->cookies ? "\r\n" : "", len);
	send_all(c->fd, head, (size_t)n);
	send_all(c->fd, body, len);
	size_t got = 0, head_len = 0, content_length = 0;
	for (;;) {
		if (got == c->raw_cap)
			die("response too large", (long)got);
		ssize_t r = recv(c->fd, c->raw + got, c->raw_cap - got, 0);
		if (r <= 0)
			die("recv", r < 0 ? errno : 0);
		got += (size_t)r;
		if (head_len == 0) {
			uint8_t *e = memmem(c->raw, got, "\r\n\r\n", 4);
			if (e == NULL)
				continue;
			head_len = (size_t)(e - c->raw) + 4;
			if (memcmp(c->raw, "HTTP/1.1 200", 12) != 0) {
				fprintf(stderr, "%.*s", (int)head_len, c->raw);
				die("HTTP status", 0);
			}
			bool have_length = false;
			for (const char *l = (const char *)c->raw; l < (const char *)c->raw + head_len;) {
				const char *eol =
				        memmem(l, head_len - (size_t)(l - (const char *)c->raw), "\r\n", 2);
				if (eol == NULL)
					break;
				if (strncasecmp(l, "Content-Length:", 15) == 0) {
					content_length = strtoul(l + 15, NULL, 10);
					have_length = true;
				} else if (strncasecmp(l, "Set-Cookie:", 11) == 0) {
					take_cookie(c, l, (size_t)(eol - l));
				}
				l = eol + 2;
			}
			if (!have_length)
				die("response without Content-Length", 0);
			if (head_len + content_length > c->raw_cap)
				die("response too large", (long)content_length);
		}
		if (got >= head_len + content_length)
			break;
	}
	c->in = c->raw + head_len;
	c->in_len = content_length;
}

/* The MAPI/HTTP response body after the inner meta-tags (MS-OXCMAPIHTTP 3.2.5.2: PROCESSING, DONE, the
 * additional headers, an empty line). */
static const uint8_t *mapi_body(struct conn *c, size_t *len)
{
	uint8_t *done = memmem(c->in, c->in_len, "DONE\r\n", 6);
	uint8_t *end = done ? memmem(done, c->in_len - (size_t)(done - c->in), "\r\n\r\n", 4) : NULL;
	if (end == NULL) {
		fprintf(stderr, "%.*s\n", (int)(c->in_len < 300 ? c->in_len : 300), c->in);
		die("MAPI/HTTP response framing", 0);
	}
	*len = c->in_len - (size_t)(end + 4 - c->in);
	return end + 4;
}

static void put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)v;
	p[1] = (uint8_t)(v >> 8);
}

static void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)v);
	put16(p + 2, (uint16_t)(v >> 16));
}

static uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* MS-OXCMAPIHTTP 2.2.4.2.1 Execute request body around one ROP buffer (MS-OXCROPS 2.2.1: RopSize, RopsList,
 * ServerObjectHandleTable) in one RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1: Version 0, Flags Last, Size,
 * SizeActual). Flags NoCompression|NoXorMagic, MaxRopOut 0x10000, no auxiliary buffer. Returns the length. */
static size_t execute_body(uint8_t *out, const uint8_t *rops, size_t rops_len, const uint32_t *handles,
                           size_t nhandles)
{
	size_t buf_len = 2 + rops_len + 4 * nhandles;
	put32(out, 0x3);
	put32(out + 4, (uint32_t)(8 + buf_len));
	put16(out + 8, 0);
	put16(out + 10, 0x4);
	put16(out + 12, (uint16_t)buf_len);
	put16(out + 14, (uint16_t)buf_len);
	put16(out + 16, (uint16_t)(2 + rops_len));
	memcpy(out + 18, rops, rops_len);
	for (size_t i = 0; i < nhandles; i++)
		put32(out + 18 + rops_len + 4 * i, handles[i]);
	put32(out + 18 + buf_len - 2, 0x10000);
	put32(out + 22 + buf_len - 2, 0);
	return 26 + buf_len - 2;
}

/* MS-OXCMAPIHTTP 2.2.4.2.2 Execute response: StatusCode, ErrorCode, Flags, RopBufferSize, RopBuffer; the
 * RopBuffer is one RPC_HEADER_EXT (uncompressed, as asked) and a ROP buffer. Returns the RopsList, its
 * length in *len and the handle table in *handles. */
static const uint8_t *execute_result(struct conn *c, size_t *len, const uint8_t **handles, size_t *nhandles)
{
	size_t blen;
	const uint8_t *b = mapi_body(c, &blen);
	if (blen < 16 || get32(b) != 0 || get32(b + 4) != 0)
		die("Execute", blen < 8 ? 0 : (long)(get32(b) ? get32(b) : get32(b + 4)));
	uint32_t size = get32(b + 12);
	if (size < 10 || 16 + size > blen || (b[18] | b[19] << 8) != 0x4)
		die("Execute RopBuffer", size);
	const uint8_t *rop = b + 24;
	size_t payload = (size_t)(b[20] | b[21] << 8);
	size_t rop_size = (size_t)(rop[0] | rop[1] << 8);
	if (payload > size - 8 || rop_size < 2 || rop_size > payload)
		die("ROP buffer", (long)rop_size);
	*len = rop_size - 2;
	*handles = rop + rop_size;
	*nhandles = (payload - rop_size) / 4;
	return rop + 2;
}

struct session {
	struct conn c;
	uint32_t logon_handle;
	uint8_t inbox_fid[8];
};

/* Connect (MS-OXCMAPIHTTP 2.2.4.1.1: UserDn, Flags, DefaultCodePage, LcidSort, LcidString, no auxiliary
 * buffer), then RopLogon of the private mailbox (MS-OXCROPS 2.2.3.1.1) for the logon handle and the Inbox FID
 * (FolderIds[4], MS-OXCSTOR 2.2.1.1.3). */
static void session_open(struct session *s, unsigned port, const struct user *u)
{
	conn_open(&s->c, port, u->alias);
	uint8_t body[512];
	size_t dn_len = strlen(u->dn) + 1;
	memcpy(body, u->dn, dn_len);
	uint32_t connect[5] = {0, 1252, 0x409, 0x409, 0};
	for (int i = 0; i < 5; i++)
		put32(body + dn_len + 4 * (size_t)i, connect[i]);
	post(&s->c, EMSMDB_HTTP_PATH, "Connect", body, dn_len + 20);
	size_t blen;
	const uint8_t *b = mapi_body(&s->c, &blen);
	if (blen < 8 || get32(b) != 0 || get32(b + 4) != 0)
		die("Connect", blen < 8 ? 0 : (long)get32(b + 4));
	uint8_t rops[300] = {0xFE, 0, 0, 0x01}; /* RopLogon, LogonId 0, OutputHandleIndex 0, Private */
	/* OpenFlags HOME_LOGON|TAKE_OWNERSHIP|NO_MAIL|USE_PER_MDB_REPLID_MAPPING as in MS-OXCSTOR 4.1 */
	put32(rops + 4, 0x0100040C);
	put32(rops + 8, 0); /* StoreState */
	put16(rops + 12, (uint16_t)dn_len);
	memcpy(rops + 14, u->dn, dn_len);
	uint32_t h = 0xFFFFFFFF;
	uint8_t req[512];
	size_t req_len = execute_body(req, rops, 14 + dn_len, &h, 1);
	post(&s->c, EMSMDB_HTTP_PATH, "Execute", req, req_len);
	size_t len, nh;
	const uint8_t *handles;
	const uint8_t *r = execute_result(&s->c, &len, &handles, &nh);
	if (len < 7 + 13 * 8 || r[0] != 0xFE || get32(r + 2) != 0 || nh < 1)
		die("RopLogon", len >= 6 ? (long)get32(r + 2) : 0);
	s->logon_handle = get32(handles);
	memcpy(s->inbox_fid, r + 7 + 4 * 8, 8);
}

static void session_close(struct session *s)
{
	uint8_t body[4] = {0};
	post(&s->c, EMSMDB_HTTP_PATH, "Disconnect", body, 4);
	conn_close(&s->c);
}

/* Outlook-like contents-table columns (MS-OXCTABL 2.2.2.2 RopSetColumns PropertyTags) */
static const uint32_t columns[] = {PidTagMid,
                                   PidTagInstID,
                                   PidTagSubject,
                                   PidTagSenderName,
                                   PidTagMessageClass,
                                   PidTagMessageDeliveryTime,
                                   PidTagMessageFlags,
                                   PidTagMessageSize,
                                   PidTagHasAttachments,
                                   PidTagLastModificationTime};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* The 5-ROP batch on handle table [logon, -, -]. */
static size_t batch_rops(uint8_t *p, const uint8_t fid[8])
{
	uint8_t *start = p;
	*p++ = 0x02; /* RopOpenFolder: LogonId 0, InputHandleIndex 0, OutputHandleIndex 1, FolderId, flags */
	*p++ = 0;
	*p++ = 0;
	*p++ = 1;
	memcpy(p, fid, 8);
	p += 8;
	*p++ = 0;
	*p++ = 0x05; /* RopGetContentsTable: LogonId 0, InputHandleIndex 1, OutputHandleIndex 2, TableFlags 0
	              */
	*p++ = 0;
	*p++ = 1;
	*p++ = 2;
	*p++ = 0;
	*p++ = 0x12; /* RopSetColumns: LogonId 0, InputHandleIndex 2, SetColumnsFlags 0, count, tags */
	*p++ = 0;
	*p++ = 2;
	*p++ = 0;
	put16(p, NCOLUMNS);
	p += 2;
	for (size_t i = 0; i < NCOLUMNS; i++, p += 4)
		put32(p, columns[i]);
	*p++ = 0x15; /* RopQueryRows: LogonId 0, InputHandleIndex 2, Advance, ForwardRead 1, RowCount 50 */
	*p++ = 0;
	*p++ = 2;
	*p++ = 0;
	*p++ = 1;
	put16(p, MESSAGES);
	p += 2;
	*p++ = 0x01; /* RopRelease of the folder (index 1): the table is its child and goes with it */
	*p++ = 0;
	*p++ = 1;
	return (size_t)(p - start);
}

/* What one batch answered: each ROP's ReturnValue (RopOpenFolder, GetContentsTable, SetColumns, QueryRows)
 * and QueryRows' RowCount. */
struct batch_result {
	uint32_t ec[4];
	unsigned table_rows; /* RopGetContentsTable RowCount */
	unsigned rows;       /* RopQueryRows RowCount */
};

static const uint8_t batch_ids[4] = {0x02, 0x05, 0x12, 0x15};
static const char *const batch_names[4] = {"RopOpenFolder", "RopGetContentsTable", "RopSetColumns",
                                           "RopQueryRows"};

/* Walks the response buffer: RopId, handle index, ReturnValue, then the success fields of 2.2.4.1.2
 * (HasRules, IsGhosted=0), 2.2.4.14.2 (RowCount u32), 2.2.5.1.2 (TableStatus), 2.2.5.4.2 (Origin, RowCount,
 * RowData: last in the buffer). A failure response is the first 6 bytes only. */
static bool batch_check(const uint8_t *r, size_t len, struct batch_result *out)
{
	static const size_t success_extra[4] = {2, 4, 1, 3};
	size_t off = 0;
	*out = (struct batch_result){{0}, 0, 0};
	for (int i = 0; i < 4; i++) {
		if (off + 6 > len || r[off] != batch_ids[i])
			return false;
		out->ec[i] = get32(r + off + 2);
		if (out->ec[i] != ecSuccess) {
			off += 6;
			continue;
		}
		if (off + 6 + success_extra[i] > len)
			return false;
		if (i == 0 && r[off + 7] != 0) /* IsGhosted: no ghosted folders in a private mailbox */
			return false;
		if (i == 1)
			out->table_rows = get32(r + off + 6);
		if (i == 3)
			out->rows = (unsigned)(r[off + 7] | r[off + 8] << 8);
		off += 6 + success_extra[i];
	}
	return true;
}

/* ---- the measurement ------------------------------------------------------------------------------------
 */

enum mode { MODE_EXECUTE, MODE_ECHO };

struct run {
	enum mode mode;
	pthread_barrier_t *start;
	volatile double *stop_at; /* set by the main thread after the barrier */
	double *lat;              /* seconds, one per request */
	size_t nlat, cap;
	struct session *s;
	struct batch_result first;
	unsigned bad;
};

static void *run_thread(void *arg)
{
	struct run *rn = arg;
	uint8_t rops[256], req[512];
	uint32_t handles[3] = {rn->s->logon_handle, 0xFFFFFFFF, 0xFFFFFFFF};
	size_t req_len = execute_body(req, rops, batch_rops(rops, rn->s->inbox_fid), handles, 3);
	/* warm the connection (and its cached Basic credentials) before the clock starts */
	if (rn->mode == MODE_ECHO)
		post(&rn->s->c, "/bench/echo", "Execute", req, req_len);
	pthread_barrier_wait(rn->start);
	pthread_barrier_wait(rn->start); /* the main thread has set stop_at between the two */
	bool first = true;
	for (double t0 = now(); t0 < *rn->stop_at;) {
		if (rn->mode == MODE_EXECUTE) {
			post(&rn->s->c, EMSMDB_HTTP_PATH, "Execute", req, req_len);
			size_t len, nh;
			const uint8_t *hs;
			const uint8_t *r = execute_result(&rn->s->c, &len, &hs, &nh);
			struct batch_result br;
			if (!batch_check(r, len, &br))
				die("batch response layout", 0);
			if (first)
				rn->first = br;
			rn->bad += memcmp(&br, &rn->first, sizeof br) != 0;
		} else {
			post(&rn->s->c, "/bench/echo", "Execute", req, req_len);
			if (rn->s->c.in_len != req_len || memcmp(rn->s->c.in, req, req_len) != 0)
				die("echo", 0);
		}
		first = false;
		double t1 = now();
		if (rn->nlat == rn->cap) {
			rn->cap = rn->cap ? rn->cap * 2 : 4096;
			rn->lat = talloc_realloc(NULL, rn->lat, double, rn->cap);
			if (rn->lat == NULL)
				die("talloc", 0);
		}
		rn->lat[rn->nlat++] = t1 - t0;
		t0 = t1;
	}
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

struct figures {
	double p50, p99, rps;
	size_t requests;
};

/* n sessions (threads) in one mode for duration seconds. */
static struct figures measure(enum mode mode, struct session *sessions, unsigned n, double duration,
                              struct batch_result *first, unsigned *inconsistent)
{
	pthread_barrier_t start;
	pthread_barrier_init(&start, NULL, n + 1);
	volatile double stop_at = 0;
	struct run runs[MAX_SESSIONS];
	pthread_t threads[MAX_SESSIONS];
	for (unsigned i = 0; i < n; i++) {
		runs[i] = (struct run){.mode = mode, .start = &start, .stop_at = &stop_at, .s = &sessions[i]};
		if (pthread_create(&threads[i], NULL, run_thread, &runs[i]) != 0)
			die("pthread_create", i);
	}
	pthread_barrier_wait(&start);
	double t0 = now();
	stop_at = t0 + duration;
	pthread_barrier_wait(&start);
	size_t total = 0;
	for (unsigned i = 0; i < n; i++) {
		pthread_join(threads[i], NULL);
		total += runs[i].nlat;
	}
	double elapsed = now() - t0;
	double *all = talloc_array(NULL, double, total ? total : 1);
	size_t k = 0;
	*inconsistent = 0;
	for (unsigned i = 0; i < n; i++) {
		memcpy(all + k, runs[i].lat, runs[i].nlat * sizeof(double));
		k += runs[i].nlat;
		*inconsistent += runs[i].bad + (memcmp(&runs[i].first, &runs[0].first, sizeof *first) != 0);
		talloc_free(runs[i].lat);
	}
	if (first != NULL)
		*first = runs[0].first;
	pthread_barrier_destroy(&start);
	if (total == 0)
		die("no request finished", 0);
	qsort(all, total, sizeof(double), cmp_double);
	struct figures f = {all[total / 2], all[(total * 99) / 100], (double)total / elapsed, total};
	talloc_free(all);
	return f;
}

int main(int argc, char **argv)
{
	bool quick = argc > 1 && strcmp(argv[1], "--quick") == 0;
	if (argc > 2 || (argc == 2 && !quick)) {
		fprintf(stderr, "usage: bench_execute [--quick]\n");
		return 1;
	}
	static const unsigned full_counts[] = {1, 8, 64}, quick_counts[] = {1, 2};
	const unsigned *counts = quick ? quick_counts : full_counts;
	size_t ncounts = quick ? 2 : 3;
	unsigned max_sessions = counts[ncounts - 1];
	double duration = quick ? 0.2 : 3.0;

	signal(SIGPIPE, SIG_IGN);
	wc_log_set_level(WC_LOG_WARN);
	TALLOC_CTX *mem = talloc_new(NULL);
	char dir[] = "/tmp/wc-bench-execute-XXXXXX";
	if (mkdtemp(dir) == NULL)
		die("mkdtemp", errno);
	double t0 = now();
	struct server srv;
	server_start(mem, dir, max_sessions, &srv);
	struct session *sessions = talloc_zero_array(mem, struct session, max_sessions);
	for (unsigned i = 0; i < max_sessions; i++)
		session_open(&sessions[i], srv.port, &srv.users[i]);
	printf("bench_execute: warpd HTTP stack on 127.0.0.1:%u, %u users with %u messages in their Inbox, "
	       "%u sessions logged on (%.1f s setup); %.1f s per figure\n",
	       srv.port, max_sessions, MESSAGES, max_sessions, now() - t0, duration);
	uint8_t rops[256], req[512];
	uint32_t handles[3] = {0};
	printf("batch: RopOpenFolder(Inbox) RopGetContentsTable RopSetColumns(%zu columns) RopQueryRows(%u) "
	       "RopRelease; echo: POST of the same %zu-byte body to /bench/echo on the same http_server\n",
	       NCOLUMNS, MESSAGES,
	       execute_body(req, rops, batch_rops(rops, sessions[0].inbox_fid), handles, 3));

	for (size_t ci = 0; ci < ncounts; ci++) {
		unsigned n = counts[ci];
		struct batch_result br;
		unsigned inconsistent, unused;
		struct figures ex = measure(MODE_EXECUTE, sessions, n, duration, &br, &inconsistent);
		struct figures echo = measure(MODE_ECHO, sessions, n, duration, NULL, &unused);
		if (ci == 0) {
			for (int i = 0; i < 4; i++)
				if (br.ec[i] != ecSuccess)
					printf("  note: %s answers 0x%08X%s: the figures include that error "
					       "response, "
					       "not the ROP's work\n",
					       batch_names[i], br.ec[i],
					       br.ec[i] == ecNotSupported
					               ? " (ecNotSupported, no handler yet)"
					               : "");
			printf("  RopGetContentsTable RowCount %u; RopQueryRows returned %u of %u rows\n",
			       br.table_rows, br.rows, MESSAGES);
			/* a handler that answers must do the work: the table has the Inbox's messages,
			 * QueryRows all */
			if (br.ec[1] != ecSuccess || br.table_rows != MESSAGES ||
			    (br.ec[3] == ecSuccess && br.rows != MESSAGES))
				die("the batch did not see the Inbox's messages", br.table_rows);
		}
		printf("sessions %2u: Execute p50 %7.1f us  p99 %7.1f us  %7.0f req/s | echo p50 %6.1f us  "
		       "p99 "
		       "%7.1f us  %7.0f req/s | ratio p50 %.2f, p99 %.2f, req/s %.2f\n",
		       n, ex.p50 * 1e6, ex.p99 * 1e6, ex.rps, echo.p50 * 1e6, echo.p99 * 1e6, echo.rps,
		       ex.p50 / echo.p50, ex.p99 / echo.p99, echo.rps / ex.rps);
		if (inconsistent)
			die("batches answered differently", inconsistent);
	}
	for (unsigned i = 0; i < max_sessions; i++)
		session_close(&sessions[i]);
	mapihttp_shutdown(srv.mapi, 1000);
	http_server_stop(srv.http, 1000);
	talloc_free(mem);
	char cmd[64];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : 1;
}
