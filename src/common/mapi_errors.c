/* MAPI error and warning codes (MS-OXCDATA 2.4): lookups over the generated table (see mapi_errors.h). */
#include "common/mapi_errors.h"

#include <stddef.h>
#include <stdio.h>

_Static_assert(offsetof(struct mapi_err_info, code) == 0, "wc_table_lower_bound keys on the first member");

const struct mapi_err_info *mapi_err_info(uint32_t code)
{
	size_t lo = wc_table_lower_bound(mapi_errors, mapi_errors_count, sizeof mapi_errors[0], code);

	return lo < mapi_errors_count && mapi_errors[lo].code == code ? &mapi_errors[lo] : NULL;
}

const char *mapi_err_name(uint32_t code)
{
	const struct mapi_err_info *e = mapi_err_info(code);

	return e != NULL ? e->name : NULL;
}

bool mapi_err_from_name(const char *name, uint32_t *code)
{
	const struct wc_name_entry *e = wc_name_index_find(mapi_error_names, mapi_error_names_count, name);

	if (e == NULL)
		return false;
	*code = mapi_errors[e->row].code;
	return true;
}

const char *mapi_err_str(uint32_t code, char *buf, size_t size)
{
	const char *name = mapi_err_name(code);

	if (size == 0)
		return buf;
	if (name != NULL)
		snprintf(buf, size, "%s (0x%08X)", name, (unsigned)code);
	else
		snprintf(buf, size, "0x%08X", (unsigned)code);
	return buf;
}
