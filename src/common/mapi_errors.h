/* MAPI error and warning codes: MS-OXCDATA 2.4 Error Codes, 2.4.1 Additional Error Codes, 2.4.2 Property
 * Error Codes, 2.4.3 Warning Codes (and ecProfileNotConfigured, ecConversationNotFound, which MS-OXCSTOR and
 * MS-OXCTABL define). Protocol code returns these in ROP responses: `return ecNotFound;`.
 *
 * The facts are in tools/gen/data/mapi_errors.tsv; tools/gen/gen_mapi_errors.py writes mapi_errors_gen.h (one
 * #define per code under its C name, plus every other ec* name the specs use for it: ecNone = ecSuccess,
 * ecAttachNotFound = ecNotFound ...) and mapi_errors_gen.c (the tables). Where MS-OXCDATA has no ec* name for
 * a code, the C name is `ec` + its MS-OXCDATA error code name (ecInvalidCodepage for InvalidCodepage
 * MAPI_E_UNKNOWN_CPID); 0x80040FFF (NotImplemented) is MAPI_E_NOT_IMPLEMENTED, because ecNotImplemented is
 * MS-OXCDATA's other name of ecNotSupported (0x80040102). */
#ifndef MAPI_ERRORS_H
#define MAPI_ERRORS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/wc_table.h"
#include "common/mapi_errors_gen.h"

struct mapi_err_info {
	uint32_t code;         /* first member: the table's sort key */
	const char *name;      /* C name: "ecNotFound" */
	const char *spec_name; /* MS-OXCDATA error code name: "NotFound" */
	const char *section;   /* "2.4", "2.4.1" ... or the defining spec */
	const char *meaning;   /* short, in our words */
	const char *const
	        *alt_names; /* NULL-terminated: ecAttachNotFound, MAPI_E_NOT_FOUND ...; never NULL itself */
};

/* The C name of a code ("ecNotFound"), or NULL when the code is not in the table. */
const char *mapi_err_name(uint32_t code);
/* The whole row for a code, or NULL. */
const struct mapi_err_info *mapi_err_info(uint32_t code);
/* Code of a name: C names and every alternate name (ecX, MAPI_E_X, MAPI_W_X, STG_E_X, SYNC_X, E_X, S_OK);
 * exact match first, then ASCII case-insensitive (MS-OXCDATA writes some in lower case). False when unknown;
 * *code is then untouched. Safe for any string, NULL included. */
bool mapi_err_from_name(const char *name, uint32_t *code);

/* For traces: "ecNotFound (0x8004010F)", or "0x12345678" when unknown. Writes at most size bytes (terminated
 * when size > 0) and returns buf. */
#define MAPI_ERR_STR_SIZE 64
const char *mapi_err_str(uint32_t code, char *buf, size_t size);

/* The generated tables (mapi_errors_gen.c): rows sorted by code, and the name index. */
extern const struct mapi_err_info mapi_errors[];
extern const size_t mapi_errors_count;
extern const struct wc_name_entry mapi_error_names[];
extern const size_t mapi_error_names_count;

#endif
