/* mapitest: what the server suites share, on libmapi (include/libmapi). One session and one logon per run,
 * made by the first test that needs them; a folder of the run's own under the IPM subtree ("mapitest
 * <pid>"), in which every test that changes the mailbox makes a folder named after itself; the run folder is
 * hard-deleted at the end.
 *
 * Skips. A test skips only on the server's own answer: mt_rop() and mt_rop_ec() skip when the server
 * answers a ROP, sent to an object of the kind the spec names for it, with ecNotSupported — the answer of
 * a server that does not implement that ROP (warpd answers every RopId without a handler so); the skip
 * names the test's clause. Any other unexpected code is a failure. */
#ifndef MT_SERVER_H
#define MT_SERVER_H

#include "mapitest.h"

#include "libmapi/libmapi.h"

/* The run's logon (RopLogon of the user's private mailbox); a failure to connect or log on fails the test. */
struct mapi_object *mt_store(struct mt *t);
struct mapi_session *mt_session(struct mt *t);
/* A new folder, named after the test, in the run's folder; *fid may be NULL. Owned by t->mem. */
struct mapi_object *mt_folder(struct mt *t, uint64_t *fid);
/* The run folder itself (the parent of mt_folder's folders) and its FID. */
struct mapi_object *mt_run_folder(struct mt *t, uint64_t *fid);
/* A saved message in folder with PidTagSubject subject and PidTagMessageClass IPM.Note (subject NULL: no
 * properties set, for tests that only count messages); its MID. */
uint64_t mt_message(struct mt *t, struct mapi_object *folder, const char *subject);

/* One ROP through a libmapi batch (libmapi/batch.h): mt_req starts a batch of one request with input in and
 * returns it for the test to fill; mt_send executes it and checks its ReturnValue against want as
 * mt_rop_ec does, returning the response (NULL when the ROP failed as wanted and has no body). */
struct rop_request *mt_req(struct mt *t, struct mapi_batch **b, uint8_t rop_id, struct mapi_object *in);
const struct rop_response *mt_send(struct mt *t, struct mapi_batch *b, uint32_t want);

/* The ROP succeeded (ecNotSupported: skip; another code: fail). */
void mt_rop(struct mt *t, const char *rop, uint32_t ec);
/* The ROP answered want (ecNotSupported when want is not: skip). */
void mt_rop_ec(struct mt *t, const char *rop, uint32_t got, uint32_t want);

/* Values out of a row of mapi_get_props / mapi_table_query_rows: fails when the value is missing or an
 * error. */
const struct mapi_propval *mt_row_value(struct mt *t, const struct mapi_property_row *row, uint32_t tag);
/* mapi_get_props of one property of o (ecSuccess expected); fails when it is missing. */
struct mapi_propval mt_get_prop(struct mt *t, struct mapi_object *o, uint32_t tag);

/* Called once at the end of a run: deletes the run folder and disconnects. */
void mt_server_close(struct mt_run *run);

extern const struct mt_test_list mt_suite_oxcstor;
extern const struct mt_test_list mt_suite_oxcfold;
extern const struct mt_test_list mt_suite_oxcmsg;
extern const struct mt_test_list mt_suite_oxctabl;
extern const struct mt_test_list mt_suite_oxcprpt;
extern const struct mt_test_list mt_suite_oxomsg;
extern const struct mt_test_list mt_suite_nspi;

#endif
