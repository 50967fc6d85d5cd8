/* libmapi sessions: one MAPI/HTTP Session Context on a mailbox server's /mapi/emsmdb/ endpoint
 * (MS-OXCMAPIHTTP 2.2.4 Connect, Execute, Disconnect, NotificationWait; 2.2.6 PING), over libcurl.
 *
 * Errors. Every call returns a uint32_t MAPI code (MS-OXCDATA 2.4): ecSuccess (0) or the failure; name it
 * with mapi_err_name() / mapi_err_str() (common/mapi_errors.h). Failures below the ROP layer map to:
 *   ecRpcFailed         transport failure (connection, TLS, unexpected HTTP status, malformed response);
 *   ecLoginFailure      HTTP 401 (authentication refused) or X-ResponseCode 8 (anonymous not allowed);
 *   ecEndOfSession      the server lost the Session Context (X-ResponseCode 10, see "Reconnect" below);
 *   ecNotEnoughMemory   out of memory;  ecInvalidParam  bad arguments;
 *   ecRpcFormat         a response body or ROP buffer that does not decode.
 * mapi_session_last_error() then says what happened on the wire (HTTP status, X-ResponseCode, curl's
 * message), and the Connect/Execute ErrorCode (MS-OXCRPC 3.1.4.1/3.1.4.2 return value) is returned as is
 * when the StatusCode is 0 but the ErrorCode is not.
 *
 * Reconnect (MS-OXCMAPIHTTP 3.1.5.7, 3.2.5.6). When a request comes back with X-ResponseCode 10 ("Context
 * Not Found": the server expired or forgot the Session Context), the session reconnects by itself: a new
 * Connect that passes the old cookies, whose response cookies then replace the old ones (never
 * commingled). The server handles of the old context are gone with it, so libmapi does not replay the
 * call: the call that found the context gone returns ecEndOfSession, every object opened before (logon,
 * folder, table, ...) answers ecEndOfSession from then on without a round trip, and re-logon is the
 * caller's business (mapi_logon again; mapi_session_generation() tells contexts apart). Requests that need
 * no server handle (PING, NotificationWait, an Execute holding only RopLogon) are retried once on the new
 * context transparently.
 *
 * Threading. A session (and every object, batch and table opened through it) is used by one thread at a
 * time; different sessions may run in different threads. libmapi keeps no global state of its own; libcurl
 * needs curl_global_init() once per process before threads start: call mapi_library_init() once from
 * main() (mapi_session_new() calls it too, which is safe only while the program has a single thread).
 *
 * Memory. Everything is allocated on the talloc parent the caller passes; talloc_free(session) closes the
 * connection without Disconnect (call mapi_disconnect() for a clean end). */
#ifndef LIBMAPI_SESSION_H
#define LIBMAPI_SESSION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/mapi_errors.h" /* ec* codes, mapi_err_name(), mapi_err_str() */
#include "mapi/mapi_propval.h"  /* struct mapi_binary */

/* Client HTTP authentication (curl's CURLAUTH_BASIC / CURLAUTH_NTLM; ANY lets the server's 401 choose). */
enum mapi_auth {
	MAPI_AUTH_ANY = 0,
	MAPI_AUTH_BASIC,
	MAPI_AUTH_NTLM,
};

struct mapi_session_opts {
	/* Where the mailbox is: mailbox_url (the mapiHttp MailStore URL, e.g.
	 * "https://host/mapi/emsmdb/?MailboxId=guid@example.org"), or NULL to find it by Autodiscover for
	 * email (libmapi/autodiscover.h). */
	const char *mailbox_url;
	const char *email;            /* SMTP address; needed when mailbox_url or user_dn is NULL */
	const char *autodiscover_url; /* NULL: the MS-OXDSCLI 3.1.5 candidates derived from email */
	/* The user's legacyExchangeDN, sent as the Connect UserDn (MS-OXCMAPIHTTP 2.2.4.1.1) and the RopLogon
	 * Essdn. NULL: the LegacyDN of the Autodiscover response. */
	const char *user_dn;
	const char *user;     /* HTTP user name ("alice" or "DOMAIN\\alice" for NTLM) */
	const char *password; /* never logged */
	enum mapi_auth auth;
	bool insecure;        /* do not verify the server's TLS certificate or host name (test servers) */
	bool compress;        /* LZ77-compress request payloads and let the server compress its own */
	bool obfuscate;       /* XOR-obfuscate request payloads and let the server obfuscate its own */
	uint32_t code_page;   /* Connect DefaultCodePage; 0: 1252 */
	uint32_t lcid;        /* Connect LcidSort and LcidString; 0: 0x0409 */
	uint32_t timeout_ms;  /* whole-request timeout for everything but NotificationWait; 0: 5 minutes */
	uint32_t max_rop_out; /* Execute MaxRopOut; 0: 0x10000 (raised on RopBufferTooSmall up to 0x40000) */
	const char *client_info; /* X-ClientInfo (MS-OXCMAPIHTTP 2.2.3.3.4); NULL: a fresh GUID per session */
	bool verbose;            /* curl's debug output on stderr */
	/* The mapiHttp AddressBook URL (/mapi/nspi/, libmapi/addressbook.h); NULL: from Autodiscover, else
	 * the mailbox URL with /mapi/emsmdb/ replaced by /mapi/nspi/. */
	const char *address_book_url;
};

/* What the last failed call saw on the wire. */
struct mapi_transport_error {
	long http_status;       /* 0 when no HTTP response came */
	uint32_t response_code; /* X-ResponseCode (MS-OXCMAPIHTTP 2.2.3.3.3), 0 when none or success */
	uint32_t status_code;   /* response body StatusCode */
	uint32_t error_code;    /* response body ErrorCode */
	char message[256];      /* readable summary, "" when the call succeeded */
};

struct mapi_session;

/* Once per process, before any thread uses libmapi (curl_global_init). Returns ecSuccess or ecRpcFailed. */
uint32_t mapi_library_init(void);

/* A session object on mem; nothing is sent yet. opts and its strings are copied. Autodiscover (when
 * mailbox_url or user_dn is missing) runs in mapi_connect(). NULL when out of memory. */
struct mapi_session *mapi_session_new(TALLOC_CTX *mem, const struct mapi_session_opts *opts);

/* Connect (MS-OXCMAPIHTTP 2.2.4.1): creates the Session Context and keeps its cookies. */
uint32_t mapi_connect(struct mapi_session *s);
/* Disconnect (2.2.4.3): ends the Session Context; the session can mapi_connect() again afterwards. */
uint32_t mapi_disconnect(struct mapi_session *s);
/* PING (2.2.6): keeps the Session Context alive. */
uint32_t mapi_ping(struct mapi_session *s);
/* NotificationWait (2.2.4.4): blocks until the server has events for the context or its wait ends (up to
 * 5 minutes, 3.1.5.5); *event_pending = 1 when events wait: the RopNotify responses come with the next
 * Execute (mapi_batch_notification_count). Blocks the session for that time (one thread at a time). */
uint32_t mapi_notification_wait(struct mapi_session *s, uint32_t *event_pending);

/* One Execute (2.2.4.2) with a whole ROP input buffer (MS-OXCROPS 2.2.1: RopSize, RopsList, handle table)
 * in rop_in. The RPC_HEADER_EXT framing, compression and obfuscation (MS-OXCRPC 3.1.4.1.1) are done here.
 * The ROP output comes back as *count buffers out[0..count) on mem: the first answers rop_in; with
 * chain set (the Execute Chain flag, MS-OXCRPC 3.1.4.2.1.2) the server may pack more after it, each a ROP
 * output buffer as if the last ROP of rop_in (RopQueryRows, RopReadStream, RopFastTransferSourceGetBuffer)
 * had been sent again alone. The batched ROP layer (libmapi/batch.h) is built on this. */
uint32_t mapi_execute_raw(struct mapi_session *s, TALLOC_CTX *mem, const uint8_t *rop_in, size_t rop_in_len,
                          bool chain, struct mapi_binary **out, uint32_t *count);

/* The last failure on the wire (zeroed by every successful request). */
const struct mapi_transport_error *mapi_session_last_error(const struct mapi_session *s);
/* Increments at every (re)connect; objects remember the generation they were opened in. */
uint32_t mapi_session_generation(const struct mapi_session *s);
/* The Connect response (MS-OXCMAPIHTTP 2.2.4.1.2) of the current context: DisplayName, DnPrefix. NULL before
 * mapi_connect(). */
const char *mapi_session_display_name(const struct mapi_session *s);
/* The user's legacyExchangeDN the session connected with (from opts or Autodiscover). */
const char *mapi_session_user_dn(const struct mapi_session *s);
/* The mailbox URL in use (from opts or Autodiscover). */
const char *mapi_session_mailbox_url(const struct mapi_session *s);

#endif
