/* warpd HTTP server on libmicrohttpd: listening socket, TLS, request lifecycle, router (see http.h). */
#include "common/wc_error.h"
#include "common/wc_hostname.h"
#include "common/wc_log.h"
#include "server/http/http_private.h"

#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <gnutls/gnutls.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/random.h>
#include <sys/socket.h>
#include <unistd.h>

#define HTTP_CONNECTION_MEMORY (64 * 1024) /* MHD's per-connection buffer: headers up to this size */

static const char *status_text(unsigned status)
{
	switch (status) {
	case 200:
		return "OK";
	case 400:
		return "Bad Request";
	case 401:
		return "Unauthorized";
	case 403:
		return "Forbidden";
	case 404:
		return "Not Found";
	case 405:
		return "Method Not Allowed";
	case 413:
		return "Content Too Large";
	case 415:
		return "Unsupported Media Type";
	case 500:
		return "Internal Server Error";
	case 503:
		return "Service Unavailable";
	default:
		return "";
	}
}

/* ---- creation and routes ---- */

int http_server_create(TALLOC_CTX *mem, const struct http_options *opt, struct dir_pool *dirs,
                       struct http_server **out, char **errmsg)
{
	struct http_server *s = talloc_zero(mem, struct http_server);
	if (s == NULL)
		return WC_ENOMEM;
	s->opt = *opt;
	s->opt.listen = talloc_strdup(s, opt->listen);
	s->opt.hostname = talloc_strdup(s, opt->hostname);
	s->opt.netbios_domain = talloc_strdup(s, opt->netbios_domain);
	s->dirs = dirs;
	s->listen_fd = -1;
	uint16_t prefix = 0;
	if (getrandom(&prefix, sizeof prefix, 0) != sizeof prefix)
		prefix = (uint16_t)getpid();
	s->id_prefix = prefix;
	if (!s->opt.listen || !s->opt.hostname || !s->opt.netbios_domain ||
	    auth_names_init(s, s->opt.netbios_domain, s->opt.hostname, &s->names) != 0) {
		talloc_free(s);
		return WC_ENOMEM;
	}
	if (opt->tls) {
		if (http_tls_check(mem, opt->certificate, opt->key, errmsg) != 0) {
			talloc_free(s);
			return WC_EINVAL;
		}
		gnutls_datum_t cert = {0}, key = {0};
		if (gnutls_load_file(opt->certificate, &cert) < 0 || gnutls_load_file(opt->key, &key) < 0) {
			*errmsg = talloc_asprintf(mem, "cannot read %s or %s", opt->certificate, opt->key);
			gnutls_free(cert.data);
			talloc_free(s);
			return WC_EINVAL;
		}
		s->cert_pem = talloc_strndup(s, (const char *)cert.data, cert.size);
		s->key_pem = talloc_strndup(s, (const char *)key.data, key.size);
		memset(key.data, 0, key.size);
		gnutls_free(cert.data);
		gnutls_free(key.data);
		if (s->cert_pem == NULL || s->key_pem == NULL) {
			talloc_free(s);
			return WC_ENOMEM;
		}
	}
	*out = s;
	return 0;
}

int http_route_add(struct http_server *s, const char *pattern, unsigned flags, http_handler_fn fn, void *arg)
{
	size_t len = strlen(pattern);
	if (len == 0 || pattern[0] != '/' || ((flags & HTTP_ROUTE_PREFIX) && pattern[len - 1] != '/'))
		return WC_EINVAL;
	for (size_t i = 0; i < s->nroutes; i++)
		if (strcasecmp(s->routes[i].pattern, pattern) == 0)
			return WC_EINVAL;
	struct http_route *r = talloc_realloc(s, s->routes, struct http_route, s->nroutes + 1);
	if (r == NULL)
		return WC_ENOMEM;
	s->routes = r;
	r[s->nroutes] = (struct http_route){talloc_strdup(s, pattern), len, flags, fn, arg, NULL};
	if (r[s->nroutes].pattern == NULL)
		return WC_ENOMEM;
	s->nroutes++;
	return 0;
}

int http_route_refusal_headers(struct http_server *s, const char *pattern, http_refusal_fn fn)
{
	for (size_t i = 0; i < s->nroutes; i++) {
		if (strcasecmp(s->routes[i].pattern, pattern) == 0) {
			s->routes[i].refusal = fn;
			return 0;
		}
	}
	return WC_EINVAL;
}

static const struct http_route *route_find(const struct http_server *s, const char *path)
{
	size_t n = strlen(path);
	for (size_t i = 0; i < s->nroutes; i++) {
		const struct http_route *r = &s->routes[i];
		if (!(r->flags & HTTP_ROUTE_PREFIX)) {
			if (strcasecmp(path, r->pattern) == 0)
				return r;
		} else if ((n >= r->len && strncasecmp(path, r->pattern, r->len) == 0) ||
		           (n == r->len - 1 && strncasecmp(path, r->pattern, n) == 0)) {
			return r;
		}
	}
	return NULL;
}

/* ---- TLS ---- */

int http_tls_check(TALLOC_CTX *mem, const char *certificate, const char *key, char **errmsg)
{
	gnutls_certificate_credentials_t cred;
	if (gnutls_certificate_allocate_credentials(&cred) < 0)
		return WC_ENOMEM;
	int rc = gnutls_certificate_set_x509_key_file(cred, certificate, key, GNUTLS_X509_FMT_PEM);
	gnutls_certificate_free_credentials(cred);
	if (rc < 0) {
		*errmsg = talloc_asprintf(mem, "TLS certificate %s / key %s: %s", certificate, key,
		                          gnutls_strerror(rc));
		return WC_EINVAL;
	}
	return 0;
}

/* ---- listening socket ---- */

/* Splits HOST:PORT, [IPv6]:PORT or *:PORT (port 0..65535). */
static bool split_listen(TALLOC_CTX *mem, const char *listen, char **host, char **port)
{
	const char *colon;
	if (listen[0] == '[') {
		const char *close = strchr(listen, ']');
		if (close == NULL || close[1] != ':')
			return false;
		*host = talloc_strndup(mem, listen + 1, (size_t)(close - listen - 1));
		colon = close + 1;
	} else {
		colon = strrchr(listen, ':');
		if (colon == NULL)
			return false;
		*host = talloc_strndup(mem, listen, (size_t)(colon - listen));
	}
	*port = talloc_strdup(mem, colon + 1);
	size_t pl = strlen(*port);
	return *host && *port && pl >= 1 && pl <= 5 && strspn(*port, "0123456789") == pl &&
	       atoi(*port) <= 65535;
}

int http_server_bind(struct http_server *s, char **errmsg)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *host, *port;
	if (!split_listen(tmp, s->opt.listen, &host, &port)) {
		*errmsg = talloc_asprintf(
		        s, "bad listen address '%s' (expected HOST:PORT, [IPv6]:PORT or *:PORT)",
		        s->opt.listen);
		talloc_free(tmp);
		return WC_EINVAL;
	}
	struct addrinfo hints = {.ai_flags = AI_PASSIVE, .ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
	struct addrinfo *res = NULL;
	int gai = getaddrinfo(strcmp(host, "*") == 0 ? NULL : host, port, &hints, &res);
	if (gai != 0) {
		*errmsg = talloc_asprintf(s, "listen address %s: %s", s->opt.listen, gai_strerror(gai));
		talloc_free(tmp);
		return WC_EINVAL;
	}
	int fd = -1, err = 0;
	/* "*" gives [::] first where IPv6 exists: one dual-stack socket serves both families. */
	for (struct addrinfo *ai = res; ai != NULL && fd < 0; ai = ai->ai_next) {
		fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
		if (fd < 0) {
			err = errno;
			continue;
		}
		int one = 1, zero = 0;
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
		if (ai->ai_family == AF_INET6)
			setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
		if (bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || listen(fd, 128) != 0) {
			err = errno;
			close(fd);
			fd = -1;
			continue;
		}
		s->family = ai->ai_family;
	}
	freeaddrinfo(res);
	talloc_free(tmp);
	if (fd < 0) {
		*errmsg = talloc_asprintf(s, "cannot listen on %s: %s", s->opt.listen, strerror(err));
		return WC_EINVAL;
	}
	struct sockaddr_storage ss;
	socklen_t sl = sizeof ss;
	char ip[INET6_ADDRSTRLEN] = "?";
	if (getsockname(fd, (struct sockaddr *)&ss, &sl) == 0) {
		if (ss.ss_family == AF_INET6) {
			struct sockaddr_in6 *a = (struct sockaddr_in6 *)&ss;
			inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
			s->port = ntohs(a->sin6_port);
			snprintf(s->address, sizeof s->address, "[%s]:%u", ip, s->port);
		} else {
			struct sockaddr_in *a = (struct sockaddr_in *)&ss;
			inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
			s->port = ntohs(a->sin_port);
			snprintf(s->address, sizeof s->address, "%s:%u", ip, s->port);
		}
	}
	s->listen_fd = fd;
	return 0;
}

const char *http_server_address(const struct http_server *s)
{
	return s->address;
}

unsigned http_server_port(const struct http_server *s)
{
	return s->port;
}

/* ---- requests ---- */

static void peer_name(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;
	char ip[INET6_ADDRSTRLEN] = "?";
	unsigned port = 0;
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *a = (const struct sockaddr_in *)sa;
		inet_ntop(AF_INET, &a->sin_addr, ip, sizeof ip);
		port = ntohs(a->sin_port);
	} else if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *a = (const struct sockaddr_in6 *)sa;
		inet_ntop(AF_INET6, &a->sin6_addr, ip, sizeof ip);
		port = ntohs(a->sin6_port);
	}
	snprintf(out, n, "%s:%u", ip, port);
}

static void on_connection(void *cls, struct MHD_Connection *conn, void **socket_context,
                          enum MHD_ConnectionNotificationCode toe)
{
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		/* A talloc root of its own: connections live on different threads. */
		struct http_conn *c = talloc_zero(NULL, struct http_conn);
		if (c != NULL)
			peer_name(conn, c->peer, sizeof c->peer);
		*socket_context = c;
	} else {
		talloc_free(*socket_context);
		*socket_context = NULL;
	}
}

/* A copy of s fit for a log line: control characters and non-ASCII become '?', at most 200 bytes. */
static char *loggable(TALLOC_CTX *mem, const char *s)
{
	char *out = talloc_strndup(mem, s ? s : "-", 200);
	for (char *p = out; p && *p; p++)
		if ((unsigned char)*p < 0x20 || (unsigned char)*p > 0x7e)
			*p = '?';
	return out;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct http_server *s = cls;
	struct http_request *req = *con_cls;
	if (req == NULL)
		return;
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	double ms = (double)(now.tv_sec - req->priv->start.tv_sec) * 1e3 +
	            (double)(now.tv_nsec - req->priv->start.tv_nsec) / 1e6;
	wc_info("req=%s %s %s %s -> %u %zu bytes %.1f ms user=%s%s", req->id,
	        req->priv->conn ? req->priv->conn->peer : "?", loggable(req, req->method),
	        loggable(req, req->path), req->priv->status, req->priv->resp_len, ms,
	        req->user ? req->user->alias : "-",
	        toe == MHD_REQUEST_TERMINATED_COMPLETED_OK ? "" : " (connection closed early)");
	dir_pool_put(s->dirs, req->priv->dir);
	talloc_free(req);
	*con_cls = NULL;
	atomic_fetch_sub(&s->inflight, 1);
}

static struct http_request *request_new(struct http_server *s, struct MHD_Connection *conn, const char *url,
                                        const char *method)
{
	struct http_request *req = talloc_zero(NULL, struct http_request);
	if (req == NULL || (req->priv = talloc_zero(req, struct http_req_private)) == NULL) {
		talloc_free(req);
		return NULL;
	}
	clock_gettime(CLOCK_MONOTONIC, &req->priv->start);
	req->server = s;
	req->conn = conn;
	req->method = talloc_strdup(req, method);
	req->path = talloc_strdup(req, url);
	req->tls = s->opt.tls;
	unsigned long n = atomic_fetch_add(&s->next_id, 1) + 1;
	snprintf(req->id, sizeof req->id, "%04x-%06lx", s->id_prefix, n);
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	req->priv->conn = ci ? ci->socket_context : NULL;
	req->priv->route = route_find(s, url);
	atomic_fetch_add(&s->inflight, 1);
	req->priv->broken = req->method == NULL || req->path == NULL || req->priv->conn == NULL;
	return req;
}

/* Appends upload data to the body, up to the limit; past it the rest is read and dropped (413 follows). */
static void body_append(struct http_request *req, const char *data, size_t n)
{
	struct http_req_private *p = req->priv;
	size_t max = req->server->opt.max_request_size;
	if (p->too_large || req->body_len + n > max) {
		p->too_large = true;
		return;
	}
	if (req->body_len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		while (cap < req->body_len + n + 1)
			cap *= 2;
		uint8_t *b = talloc_realloc(req, p->buf, uint8_t, cap);
		if (b == NULL) {
			p->too_large = true;
			return;
		}
		p->buf = b;
		p->cap = cap;
	}
	memcpy(p->buf + req->body_len, data, n);
	req->body_len += n;
	p->buf[req->body_len] = 0;
	req->body = p->buf;
}

/* The first call, headers read: a Content-Length past the limit is refused before the body is read. */
static enum MHD_Result headers_done(struct http_request *req)
{
	const char *cl = http_header(req, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl != NULL && strtoull(cl, NULL, 10) > req->server->opt.max_request_size) {
		static const char *const close_hdr[] = {MHD_HTTP_HEADER_CONNECTION, "close", NULL};
		static const char body[] = "413 Content Too Large\n";
		return http_respond(req, 413, "text/plain; charset=utf-8", body, sizeof body - 1,
		                    close_hdr) == 0
		               ? MHD_YES
		               : MHD_NO;
	}
	return MHD_YES;
}

/* The body is complete (or the connection resumed): route, authenticate, call the handler. */
static enum MHD_Result dispatch(struct http_request *req)
{
	struct http_req_private *p = req->priv;
	if (p->broken)
		return http_respond_status(req, 500) == 0 ? MHD_YES : MHD_NO;
	if (p->too_large)
		return http_respond_status(req, 413) == 0 ? MHD_YES : MHD_NO;
	if (p->route == NULL)
		return http_respond_status(req, 404) == 0 ? MHD_YES : MHD_NO;
	if (req->user == NULL && !http_authenticate(req))
		return MHD_YES; /* 401/503 queued */
	if (req->body == NULL)
		req->body = (const uint8_t *)"";
	req->calls++;
	p->handled = true;
	p->route->fn(req, p->route->arg);
	if (!p->responded && !p->suspended) {
		wc_error("req=%s handler for %s neither answered nor suspended", req->id, p->route->pattern);
		return http_respond_status(req, 500) == 0 ? MHD_YES : MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url, const char *method,
                                  const char *version, const char *upload_data, size_t *upload_data_size,
                                  void **con_cls)
{
	struct http_server *s = cls;
	struct http_request *req = *con_cls;
	if (req == NULL) {
		if ((req = request_new(s, conn, url, method)) == NULL)
			return MHD_NO;
		*con_cls = req;
		return headers_done(req);
	}
	if (*upload_data_size > 0) {
		body_append(req, upload_data, *upload_data_size);
		*upload_data_size = 0;
		return MHD_YES;
	}
	if (req->priv->responded)
		return MHD_YES;
	return dispatch(req);
}

static void on_mhd_log(void *cls, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	msg[strcspn(msg, "\n")] = '\0';
	wc_log(WC_LOG_INFO, "microhttpd: %s", msg);
}

int http_server_start(struct http_server *s, char **errmsg)
{
	unsigned threads = s->opt.threads;
	if (threads == 0) {
		long cpus = sysconf(_SC_NPROCESSORS_ONLN);
		threads = cpus > 2 ? (unsigned)cpus * 2 : 4;
	}
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_ALLOW_SUSPEND_RESUME |
	                 MHD_USE_ERROR_LOG | (s->opt.tls ? MHD_USE_TLS : 0) |
	                 (s->family == AF_INET6 ? MHD_USE_IPv6 : 0);
	struct MHD_OptionItem tls_opts[] = {
	        {MHD_OPTION_HTTPS_MEM_CERT, 0, s->cert_pem},
	        {MHD_OPTION_HTTPS_MEM_KEY, 0, s->key_pem},
	        {MHD_OPTION_END, 0, NULL},
	};
	/* The logger first, so MHD's own messages about the later options go through it. */
	s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER,
	                             on_mhd_log, s, MHD_OPTION_LISTEN_SOCKET, s->listen_fd,
	                             MHD_OPTION_THREAD_POOL_SIZE, threads, MHD_OPTION_CONNECTION_TIMEOUT,
	                             s->opt.idle_timeout, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	                             (size_t)HTTP_CONNECTION_MEMORY, MHD_OPTION_NOTIFY_CONNECTION,
	                             on_connection, s, MHD_OPTION_NOTIFY_COMPLETED, on_completed, s,
	                             MHD_OPTION_ARRAY, s->opt.tls ? tls_opts : tls_opts + 2, MHD_OPTION_END);
	if (s->daemon == NULL) {
		*errmsg = talloc_asprintf(
		        s, "cannot start the HTTP server on %s (see the microhttpd messages above)",
		        s->address);
		return WC_EINVAL;
	}
	return 0;
}

void http_server_stop(struct http_server *s, unsigned grace_ms)
{
	if (s->daemon == NULL) {
		if (s->listen_fd >= 0)
			close(s->listen_fd);
		s->listen_fd = -1;
		return;
	}
	/* No new connections; requests in progress (and ones still arriving on open connections) finish. */
	int fd = MHD_quiesce_daemon(s->daemon);
	if (fd >= 0)
		close(fd);
	s->listen_fd = -1;
	for (unsigned waited = 0; atomic_load(&s->inflight) > 0 && waited < grace_ms; waited += 10) {
		struct timespec ts = {0, 10 * 1000 * 1000};
		nanosleep(&ts, NULL);
	}
	if (atomic_load(&s->inflight) > 0)
		wc_warn("stopping with %ld request(s) still in progress", (long)atomic_load(&s->inflight));
	MHD_stop_daemon(s->daemon);
	s->daemon = NULL;
}

/* ---- handler helpers ---- */

const char *http_header(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_HEADER_KIND, name);
}

const char *http_query(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_GET_ARGUMENT_KIND, name);
}

const char *http_cookie(struct http_request *req, const char *name)
{
	return MHD_lookup_connection_value(req->conn, MHD_COOKIE_KIND, name);
}

static bool add_headers(struct MHD_Response *r, const char *const *headers)
{
	bool ok = true;
	for (size_t i = 0; ok && headers && headers[i] && headers[i + 1]; i += 2)
		ok = MHD_add_response_header(r, headers[i], headers[i + 1]) == MHD_YES;
	return ok;
}

/* Adds the headers and queues r (which it destroys). */
static int queue(struct http_request *req, unsigned status, const char *content_type,
                 const char *const *headers, struct MHD_Response *r, size_t len)
{
	const struct http_route *route = req->priv->route;
	bool ok = content_type == NULL ||
	          MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) == MHD_YES;
	ok = ok && add_headers(r, headers);
	if (ok && !req->priv->handled && route != NULL && route->refusal != NULL)
		ok = add_headers(r, route->refusal(status));
	ok = ok && MHD_queue_response(req->conn, status, r) == MHD_YES;
	MHD_destroy_response(r);
	if (!ok)
		return WC_ENOMEM;
	req->priv->responded = true;
	req->priv->status = status;
	req->priv->resp_len = len;
	return 0;
}

int http_respond(struct http_request *req, unsigned status, const char *content_type, const void *body,
                 size_t len, const char *const *headers)
{
	if (req->priv->responded)
		return WC_EINVAL;
	struct MHD_Response *r = MHD_create_response_from_buffer(len, (void *)body, MHD_RESPMEM_MUST_COPY);
	if (r == NULL)
		return WC_ENOMEM;
	return queue(req, status, content_type, headers, r, len);
}

struct http_stream {
	http_stream_fn fn;
	void (*done)(void *arg);
	void *arg;
};

static ssize_t stream_read(void *cls, uint64_t pos, char *buf, size_t max)
{
	struct http_stream *st = cls;
	long n = st->fn(st->arg, pos, buf, max);
	if (n == HTTP_STREAM_END)
		return MHD_CONTENT_READER_END_OF_STREAM;
	if (n < 0)
		return MHD_CONTENT_READER_END_WITH_ERROR;
	return (ssize_t)n;
}

static void stream_free(void *cls)
{
	struct http_stream *st = cls;
	st->done(st->arg);
	talloc_free(st);
}

int http_respond_stream(struct http_request *req, unsigned status, const char *content_type,
                        const char *const *headers, http_stream_fn fn, void (*done)(void *arg), void *arg)
{
	if (req->priv->responded) {
		done(arg);
		return WC_EINVAL;
	}
	/* A talloc root: the response can outlive the request object. */
	struct http_stream *st = talloc_zero(NULL, struct http_stream);
	if (st == NULL) {
		done(arg);
		return WC_ENOMEM;
	}
	*st = (struct http_stream){fn, done, arg};
	struct MHD_Response *r =
	        MHD_create_response_from_callback(MHD_SIZE_UNKNOWN, 4096, stream_read, st, stream_free);
	if (r == NULL) {
		stream_free(st);
		return WC_ENOMEM;
	}
	/* From here on MHD owns st: stream_free runs when the response is destroyed. */
	return queue(req, status, content_type, headers, r, 0);
}

void http_stream_suspend(struct MHD_Connection *conn)
{
	MHD_suspend_connection(conn);
}

void http_stream_resume(struct MHD_Connection *conn)
{
	MHD_resume_connection(conn);
}

int http_respond_status(struct http_request *req, unsigned status)
{
	char *body = talloc_asprintf(req, "%u %s\n", status, status_text(status));
	return body ? http_respond(req, status, "text/plain; charset=utf-8", body, strlen(body), NULL)
	            : WC_ENOMEM;
}

struct dir_handle *http_directory(struct http_request *req)
{
	if (req->priv->dir == NULL)
		req->priv->dir = dir_pool_get(req->server->dirs);
	return req->priv->dir;
}

/* A Host header value we are willing to put into URLs: host name, IPv4 or [IPv6], optional :port. */
static bool host_header_ok(const char *h, size_t *host_len)
{
	size_t n = strlen(h);
	const char *colon;
	if (h[0] == '[') {
		const char *close = strchr(h, ']');
		if (close == NULL || strspn(h + 1, "0123456789abcdefABCDEF:.") != (size_t)(close - h - 1))
			return false;
		colon = close[1] == ':' ? close + 1 : NULL;
		*host_len = (size_t)(close - h) + 1;
		if (close[1] != '\0' && colon == NULL)
			return false;
	} else {
		colon = strchr(h, ':');
		*host_len = colon ? (size_t)(colon - h) : n;
		if (!wc_hostname_valid(h, *host_len))
			return false;
	}
	if (colon != NULL) {
		size_t pl = strlen(colon + 1);
		if (pl < 1 || pl > 5 || strspn(colon + 1, "0123456789") != pl)
			return false;
	}
	return *host_len > 0;
}

const char *http_public_host(struct http_request *req)
{
	if (req->priv->public_host != NULL)
		return req->priv->public_host;
	const char *h = http_header(req, MHD_HTTP_HEADER_HOST);
	size_t host_len = 0;
	bool ok = h != NULL && host_header_ok(h, &host_len);
	const char *port = ok && h[host_len] == ':' ? h + host_len : "";
	if (req->server->opt.hostname_configured || !ok)
		req->priv->public_host = talloc_asprintf(req, "%s%s", req->server->opt.hostname, port);
	else
		req->priv->public_host = talloc_strdup(req, h);
	for (char *p = (char *)req->priv->public_host; p && *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return req->priv->public_host ? req->priv->public_host : req->server->opt.hostname;
}

void http_suspend(struct http_request *req)
{
	req->priv->suspended = true;
	MHD_suspend_connection(req->conn);
}

void http_resume(struct http_request *req)
{
	req->priv->suspended = false;
	MHD_resume_connection(req->conn);
}
