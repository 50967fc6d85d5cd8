/* mapitest NSPI: name resolution on the address book endpoint (MS-OXCMAPIHTTP 2.2.5.14 ResolveNames, the
 * NspiResolveNamesW of MS-OXNSPI 3.1.4.1.17 with the ANR rules of 3.1.4.3), through libmapi's
 * mapi_resolve_names (libmapi/addressbook.h). */
#include "mt_server.h"

#include <string.h>

static struct mapi_resolved *resolve(struct mt *t, uint32_t count, const char *const *names)
{
	struct mapi_resolved *out = NULL;
	uint32_t ec = mapi_resolve_names(mt_session(t), t->mem, count, names, &out);
	if (ec != ecSuccess)
		mt_fail(t, "ResolveNames: expected success, got %s (%s)", mapi_err_name(ec),
		        mapi_session_last_error(mt_session(t))->message);
	return out;
}

static const char *alias(struct mt *t)
{
	return t->opt->user;
}

/* 3.1.4.3: the user's own account name maps to exactly one object, whose PidTagEmailAddress is the user's
 * legacyExchangeDN */
static void test_resolve_self(struct mt *t)
{
	const char *names[] = {alias(t)};
	struct mapi_resolved *r = resolve(t, 1, names);
	/* 3.1.4.1.17 c6: a name that matches one object is MID_RESOLVED; the object is its row */
	mt_eq(t, "Minimal Entry ID of the account name", r[0].mid, MID_RESOLVED);
	mt_true(t, r[0].dn != NULL && strcasecmp(r[0].dn, mapi_session_user_dn(mt_session(t))) == 0,
	        "PidTagEmailAddress: expected \"%s\", got \"%s\"", mapi_session_user_dn(mt_session(t)),
	        r[0].dn ? r[0].dn : "(none)");
}

/* 3.1.4.3: a zero-length string MUST map to MID_UNRESOLVED, and so does a name nothing matches */
static void test_resolve_unresolved(struct mt *t)
{
	const char *names[] = {"", "zz-mapitest-no-such-recipient-7f3a"};
	struct mapi_resolved *r = resolve(t, 2, names);
	mt_eq(t, "Minimal Entry ID of \"\"", r[0].mid, MID_UNRESOLVED);
	mt_eq(t, "Minimal Entry ID of a name nothing matches", r[1].mid, MID_UNRESOLVED);
}

/* 3.1.4.1.17: the list of Minimal Entry IDs answers the strings in their order (MID_RESOLVED, c6) and the
 * rows are those of the resolved names in order: the display name found for the user names the same entry */
static void test_resolve_order(struct mt *t)
{
	const char *self[] = {alias(t)};
	struct mapi_resolved *me = resolve(t, 1, self);
	mt_true(t, me[0].display_name != NULL, "PidTagDisplayName of \"%s\": expected a name", self[0]);
	const char *names[] = {"zz-mapitest-no-such-recipient-7f3a", me[0].display_name, alias(t)};
	struct mapi_resolved *r = resolve(t, 3, names);
	mt_eq(t, "entry 0 (unknown)", r[0].mid, MID_UNRESOLVED);
	if (r[1].mid == MID_AMBIGUOUS)
		mt_skip(t, "MS-OXNSPI 3.1.4.3", "the display name \"%s\" is ambiguous in this address book",
		        me[0].display_name);
	mt_eq(t, "entry 1 (the display name)", r[1].mid, MID_RESOLVED);
	mt_eq(t, "entry 2 (the account name)", r[2].mid, MID_RESOLVED);
	for (int i = 1; i < 3; i++)
		mt_true(t, r[i].dn != NULL && me[0].dn != NULL && strcasecmp(r[i].dn, me[0].dn) == 0,
		        "PidTagEmailAddress of entry %d: expected \"%s\", got \"%s\"", i,
		        me[0].dn ? me[0].dn : "(none)", r[i].dn ? r[i].dn : "(none)");
}

static const struct mt_test tests[] = {
        {"NSPI", "resolve_own_name", "MS-OXNSPI 3.1.4.3", test_resolve_self, NULL},
        {"NSPI", "resolve_unresolved", "MS-OXNSPI 3.1.4.3", test_resolve_unresolved, NULL},
        {"NSPI", "resolve_names_in_order", "MS-OXNSPI 3.1.4.1.17", test_resolve_order, NULL},
};

MT_TEST_LIST(mt_suite_nspi, tests);
