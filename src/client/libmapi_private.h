/* libmapi internals shared by the files of src/client: the session and object structures, the HTTP
 * transport, and the one-ROP helpers the object calls are built from. Not installed. */
#ifndef LIBMAPI_PRIVATE_H
#define LIBMAPI_PRIVATE_H

#include <curl/curl.h>

#include "libmapi/libmapi.h"
#include "mapi/mapihttp.h"

struct mapi_cookie {
	char *name;
	char *value;
};

/* The cookies of one Session Context (MS-OXCMAPIHTTP 2.2.3.2.3): the mailbox endpoint's and the address
 * book endpoint's are separate contexts. */
struct mapi_cookie_jar {
	uint32_t count;
	struct mapi_cookie *cookies;
};

/* A RopRelease waiting for the next Execute (talloc_free of an object). */
struct mapi_release {
	uint8_t logon_id;
	uint32_t handle;
};

struct mapi_session {
	struct mapi_session_opts opts; /* strings copied onto the session */
	char *mailbox_url;
	char *user_dn;
	char *display_name; /* Connect response */
	char *dn_prefix;
	CURL *curl;
	char request_guid[39]; /* X-RequestId "{guid}:counter" (MS-OXCMAPIHTTP 2.2.3.3.2) */
	char *client_info;
	uint32_t request_counter;
	struct mapi_cookie_jar jar;
	bool connected;
	/* the address book endpoint (/mapi/nspi/, MS-OXCMAPIHTTP 2.2.5), bound on first use */
	char *ab_url;
	struct mapi_cookie_jar ab_jar;
	bool ab_bound;
	uint32_t generation;
	uint32_t max_rop_out;
	struct mapi_transport_error err;
	uint8_t logons_used[ROP_MAX_HANDLES / 8];
	uint8_t private_logons[ROP_MAX_HANDLES / 8];
	uint32_t release_count;
	struct mapi_release *releases;
	struct mapi_object *objects; /* live objects, so that freeing the session detaches them */
};

struct mapi_object {
	struct mapi_session *session; /* NULL once the session is gone */
	struct mapi_object *prev, *next;
	enum mapi_object_kind kind;
	uint32_t generation;
	uint8_t logon_id;
	uint32_t handle;
	uint64_t id;           /* FID, MID or attachment number */
	uint64_t fid;          /* a message's folder */
	uint16_t column_count; /* table: the columns of the last RopSetColumns */
	uint32_t *columns;
	uint16_t recipient_column_count; /* message: RecipientColumns (MS-OXCROPS 2.2.6.1.2) */
	uint32_t *recipient_columns;
	struct rop_logon_rsp *logon; /* store */
};

/* ---- session.c ---- */
void mapi_client_set_error(struct mapi_session *s, long http_status, uint32_t response_code, const char *fmt,
                           ...) __attribute__((format(printf, 4, 5)));
/* One request on the address book endpoint (Bind first when not bound; on X-ResponseCode 10 a new Bind and
 * the request again), addressbook.c. */
uint32_t mapi_client_ab_call(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                             struct mapi_http_response **rsp);
/* One request and its response on url with the cookies of jar, no reconnect (session.c). On the address
 * book endpoint *rsp is also set when the response's ErrorCode is not 0 (the return value). */
uint32_t mapi_client_send(struct mapi_session *s, const char *url, struct mapi_cookie_jar *jar,
                          TALLOC_CTX *mem, const struct mapi_http_request *req,
                          struct mapi_http_response **rsp);
/* One request of type on the mailbox endpoint; *rsp on mem (NULL for PING). retry: on X-ResponseCode 10,
 * reconnect and send it once more; otherwise reconnect and fail with ecEndOfSession. */
uint32_t mapi_client_call(struct mapi_session *s, TALLOC_CTX *mem, const struct mapi_http_request *req,
                          bool retry, struct mapi_http_response **rsp);
/* Execute (the raw layer under mapi_execute_raw and batches); max_rop_out 0: the session's. */
uint32_t mapi_client_execute(struct mapi_session *s, TALLOC_CTX *mem, const uint8_t *rop_in, size_t len,
                             bool chain, bool retry, uint32_t max_rop_out, struct mapi_binary **out,
                             uint32_t *count);

/* ---- transport.c ---- */
struct mapi_http_result {
	long http_status;
	uint32_t response_code;      /* X-ResponseCode of the HTTP headers (0 when absent) */
	uint32_t done_response_code; /* X-ResponseCode after DONE */
	uint32_t cookie_count;
	struct mapi_cookie *cookies; /* Set-Cookie of the final response */
	struct mapi_binary body;     /* the response body inside the framing */
	char *diagnostic;            /* the body of a failed response (text), may be NULL */
	int framing_error;
	char curl_error[CURL_ERROR_SIZE];
	CURLcode curl_code;
};
/* Configures a fresh easy handle from opts (auth, TLS, keep-alive). */
CURL *mapi_client_curl_new(const struct mapi_session_opts *opts);
/* POSTs body to url with the extra headers (NULL-terminated "Name: value" strings); the response is parsed
 * as a MAPI/HTTP framed stream when framed, else kept whole in res->body. */
uint32_t mapi_client_post(CURL *curl, TALLOC_CTX *mem, const char *url, const char *const *headers,
                          const uint8_t *body, size_t len, long timeout_ms, bool framed,
                          struct mapi_http_result *res);
/* A random GUID in registry form. */
void mapi_client_random_guid(char out[39]);

/* ---- object.c ---- */
struct mapi_object *mapi_client_object_new(TALLOC_CTX *mem, struct mapi_session *s,
                                           enum mapi_object_kind kind, uint8_t logon_id, uint32_t handle);
/* Session events: the context was replaced (objects become stale), the session is being freed. */
void mapi_client_objects_detach(struct mapi_session *s);
/* Sets a table's columns or a message's recipient columns (copies). */
int mapi_client_object_set_columns(struct mapi_object *o, uint16_t count, const uint32_t *tags);
int mapi_client_object_set_recipient_columns(struct mapi_object *o, uint16_t count, const uint32_t *tags);

/* One ROP on an object (object.c). do: q (RopId and body; LogonId and handle indexes are the batch's) on o,
 * executed; with out NULL the batch is freed, else *out holds it and *rsp the response (also with
 * ecWarnWithErrors, whose responses carry their body) for the caller to read and free. open: the same for a
 * ROP that opens an object of kind on mem (*b NULL on failure). keep_with hands ptr (allocated under b) to
 * mem and b to ptr, so that freeing the result frees the batch (ptr NULL: b is freed now). */
uint32_t mapi_client_do(struct mapi_object *o, const struct rop_request *q, struct mapi_batch **out,
                        const struct rop_response **rsp);
uint32_t mapi_client_open(struct mapi_object *o, const struct rop_request *q, TALLOC_CTX *mem,
                          enum mapi_object_kind kind, struct mapi_object **obj, struct mapi_batch **b,
                          const struct rop_response **rsp);
void mapi_client_keep_with(TALLOC_CTX *mem, const void *ptr, struct mapi_batch *b);

/* ---- batch.c ---- */
/* The response to slot after mapi_batch_execute, or NULL; *ec its ReturnValue or the batch's error. */
const struct rop_response *mapi_client_batch_answer(struct mapi_batch *b, uint32_t slot, uint32_t *ec);

#endif
