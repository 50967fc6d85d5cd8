/* warpd NSPI: the address lists over the directory, their order (display name collation), positioning in
 * them (MS-OXNSPI 3.1.4.5), ambiguous name resolution (3.1.4.7) and restrictions (MS-OXCDATA 2.12) evaluated
 * over directory objects. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "server/nspi/nspi_private.h"

/* ---- collation ---- */

/* Base letters of U+0100..U+017F (Latin Extended-A); '*' stands for "ij", '%' for "oe". */
static const char latin_ext_a[] =
        "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii**jjkkkllllllllllnnnnnnnnn"
        "oooooo%%rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/* Base letters of U+00C0..U+00FF; '#' marks characters kept as they are (multiplication and division signs),
 * '!' is "ae", '$' is "th", '&' is "ss". */
static const char latin_1[] = "aaaaaa!ceeeeiiiidnooooo#ouuuuy$&aaaaaa!ceeeeiiiidnooooo#ouuuuy$y";

static size_t utf8_next(const unsigned char *p, uint32_t *cp)
{
	if (p[0] < 0x80) {
		*cp = p[0];
		return 1;
	}
	if ((p[0] & 0xE0) == 0xC0 && (p[1] & 0xC0) == 0x80) {
		*cp = (uint32_t)(p[0] & 0x1F) << 6 | (p[1] & 0x3F);
		return 2;
	}
	if ((p[0] & 0xF0) == 0xE0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
		*cp = (uint32_t)(p[0] & 0x0F) << 12 | (uint32_t)(p[1] & 0x3F) << 6 | (p[2] & 0x3F);
		return 3;
	}
	if ((p[0] & 0xF8) == 0xF0 && (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80 &&
	    (p[3] & 0xC0) == 0x80) {
		*cp = (uint32_t)(p[0] & 0x07) << 18 | (uint32_t)(p[1] & 0x3F) << 12 |
		      (uint32_t)(p[2] & 0x3F) << 6 | (p[3] & 0x3F);
		return 4;
	}
	*cp = 0xFFFD; /* not UTF-8: one byte, sorted after everything Latin */
	return 1;
}

static const char *fold(uint32_t cp, char one[2])
{
	char c = 0;
	if (cp >= 'A' && cp <= 'Z')
		c = (char)(cp - 'A' + 'a');
	else if (cp >= 0xC0 && cp <= 0xFF)
		c = latin_1[cp - 0xC0];
	else if (cp >= 0x100 && cp <= 0x17F)
		c = latin_ext_a[cp - 0x100];
	switch (c) {
	case 0:
	case '#':
		return NULL;
	case '*':
		return "ij";
	case '%':
		return "oe";
	case '!':
		return "ae";
	case '$':
		return "th";
	case '&':
		return "ss";
	}
	one[0] = c;
	one[1] = '\0';
	return one;
}

char *nspi_collate_key(TALLOC_CTX *mem, const char *utf8)
{
	_Static_assert(sizeof latin_ext_a == 0x80 + 1, "one letter per code point");
	_Static_assert(sizeof latin_1 == 0x40 + 1, "one letter per code point");
	size_t n = strlen(utf8);
	char *out = talloc_array(mem, char, 2 * n + 1); /* a fold is at most 2 bytes from at least 1 */
	if (out == NULL)
		return NULL;
	const unsigned char *p = (const unsigned char *)utf8;
	size_t o = 0;
	while (*p) {
		uint32_t cp = 0;
		size_t len = utf8_next(p, &cp);
		char one[2];
		const char *f = fold(cp, one);
		if (f != NULL) {
			size_t fl = strlen(f);
			memcpy(out + o, f, fl);
			o += fl;
		} else {
			memcpy(out + o, p, len);
			o += len;
		}
		p += len;
	}
	out[o] = '\0';
	return out;
}

/* ---- the cache of address lists ---- */

int nspi_obj_cmp(const struct nspi_obj *a, const struct nspi_obj *b)
{
	int c = strcmp(a->key, b->key);
	if (c == 0)
		c = strcmp(a->e->display_name, b->e->display_name);
	if (c == 0)
		c = a->e->mid < b->e->mid ? -1 : a->e->mid > b->e->mid;
	return c;
}

static int obj_ptr_cmp(const void *a, const void *b)
{
	return nspi_obj_cmp(*(struct nspi_obj *const *)a, *(struct nspi_obj *const *)b);
}

static int obj_mid_cmp(const void *a, const void *b)
{
	uint32_t x = (*(struct nspi_obj *const *)a)->e->mid, y = (*(struct nspi_obj *const *)b)->e->mid;
	return x < y ? -1 : x > y;
}

static const struct {
	uint32_t id;
	const char *name;
	unsigned kinds;
} list_defs[NSPI_LIST_COUNT] = {
        {NSPI_GAL_CONTAINER, "Global Address List", DIR_ALL_KINDS},
        {NSPI_MID_ALL_USERS, "All Users", DIR_KIND_MASK(DIR_USER)},
        {NSPI_MID_ALL_GROUPS, "All Groups", DIR_KIND_MASK(DIR_GROUP)},
        {NSPI_MID_ALL_CONTACTS, "All Contacts", DIR_KIND_MASK(DIR_CONTACT)},
};

static int anr_entry_cmp(const void *a, const void *b)
{
	return strcmp(((const struct nspi_anr_entry *)a)->key, ((const struct nspi_anr_entry *)b)->key);
}

static bool anr_add(TALLOC_CTX *mem, struct nspi_anr_entry **v, size_t *n, size_t *cap, const char *key,
                    struct nspi_obj *o)
{
	if (key == NULL)
		return false;
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		if ((*v = talloc_realloc(mem, *v, struct nspi_anr_entry, *cap)) == NULL)
			return false;
	}
	(*v)[*n].key = key;
	(*v)[(*n)++].o = o;
	return true;
}

/* The sorted ANR index: the display name key and each of its words, the given name, the surname, the alias,
 * the addresses and the DN of every object, folded. nspi_anr() finds candidates by prefix in it and scores
 * them with anr_score(). */
static uint32_t anr_index(struct nspi_snapshot *snap, struct nspi_obj *objs, size_t n)
{
	struct nspi_anr_entry *v = NULL;
	size_t count = 0, cap = 0;
	for (size_t i = 0; i < n; i++) {
		struct nspi_obj *o = &objs[i];
		const struct dir_entry *e = o->e;
		bool ok = anr_add(snap, &v, &count, &cap, o->key, o) &&
		          anr_add(snap, &v, &count, &cap, nspi_collate_key(snap, e->alias), o) &&
		          anr_add(snap, &v, &count, &cap, nspi_collate_key(snap, e->smtp), o) &&
		          anr_add(snap, &v, &count, &cap, nspi_collate_key(snap, e->legacy_dn), o);
		for (const char *w = strchr(o->key, ' '); ok && w != NULL; w = strchr(w + 1, ' '))
			ok = anr_add(snap, &v, &count, &cap, w + 1, o);
		if (ok && o->given_key != NULL)
			ok = anr_add(snap, &v, &count, &cap, o->given_key, o);
		if (ok && o->surname_key != NULL)
			ok = anr_add(snap, &v, &count, &cap, o->surname_key, o);
		for (size_t p = 0; ok && p < e->proxy_count; p++)
			ok = anr_add(snap, &v, &count, &cap, nspi_collate_key(snap, e->proxy_addresses[p]),
			             o);
		if (!ok)
			return ecNotEnoughMemory;
	}
	if (count > 0)
		qsort(v, count, sizeof *v, anr_entry_cmp);
	snap->anr = v;
	snap->anr_count = count;
	return ecSuccess;
}

struct nspi_cache {
	pthread_mutex_t lock;
	struct nspi_snapshot *current; /* holds one reference */
};

static int cache_destroy(struct nspi_cache *c)
{
	pthread_mutex_destroy(&c->lock);
	return 0;
}

struct nspi_cache *nspi_cache_create(TALLOC_CTX *mem)
{
	struct nspi_cache *c = talloc_zero(mem, struct nspi_cache);
	if (c == NULL || pthread_mutex_init(&c->lock, NULL) != 0) {
		talloc_free(c);
		return NULL;
	}
	talloc_set_destructor(c, cache_destroy);
	return c;
}

/* Drops one reference; under c->lock. */
static void snapshot_put(struct nspi_snapshot *snap)
{
	if (snap != NULL && --snap->refs == 0)
		talloc_free(snap);
}

void nspi_release(struct nspi_session *s)
{
	if (s->snap == NULL)
		return;
	pthread_mutex_lock(&s->cache->lock);
	snapshot_put(s->snap);
	pthread_mutex_unlock(&s->cache->lock);
	s->snap = NULL;
}

/* A new reading of the directory, on the cache, with one reference (the cache's). */
static uint32_t snapshot_build(struct nspi_session *s, struct nspi_cache *c, uint64_t token,
                               struct nspi_snapshot **out)
{
	struct nspi_snapshot *snap = talloc_zero(c, struct nspi_snapshot);
	struct dir_entry **all;
	size_t n;
	if (snap == NULL)
		return ecNotEnoughMemory;
	if (dir_list(s->dir, snap, DIR_ALL_KINDS, &all, &n) != DIR_OK) {
		talloc_free(snap);
		return ecError;
	}
	struct nspi_obj *objs = talloc_array(snap, struct nspi_obj, n ? n : 1);
	struct nspi_obj **sorted = talloc_array(snap, struct nspi_obj *, n ? n : 1);
	struct nspi_obj **by_mid = talloc_array(snap, struct nspi_obj *, n ? n : 1);
	if (objs == NULL || sorted == NULL || by_mid == NULL)
		goto nomem;
	for (size_t i = 0; i < n; i++) {
		objs[i].e = all[i];
		const char *given = all[i]->person[DIR_GIVEN_NAME], *surname = all[i]->person[DIR_SURNAME];
		objs[i].given_key = given ? nspi_collate_key(objs, given) : NULL;
		objs[i].surname_key = surname ? nspi_collate_key(objs, surname) : NULL;
		if ((objs[i].key = nspi_collate_key(objs, all[i]->display_name)) == NULL ||
		    (given && !objs[i].given_key) || (surname && !objs[i].surname_key))
			goto nomem;
		sorted[i] = by_mid[i] = &objs[i];
	}
	qsort(sorted, n, sizeof *sorted, obj_ptr_cmp);
	for (int l = 0; l < NSPI_LIST_COUNT; l++) {
		struct nspi_list *list = &snap->lists[l];
		list->container_id = list_defs[l].id;
		list->name = list_defs[l].name;
		list->kinds = list_defs[l].kinds;
		if ((list->rows = talloc_array(snap, struct nspi_obj *, n ? n : 1)) == NULL)
			goto nomem;
		for (size_t i = 0; i < n; i++)
			if (list->kinds & DIR_KIND_MASK(sorted[i]->e->kind))
				list->rows[list->count++] = sorted[i];
	}
	qsort(by_mid, n, sizeof *by_mid, obj_mid_cmp);
	if (anr_index(snap, objs, n) != ecSuccess)
		goto nomem;
	snap->by_mid = by_mid;
	snap->count = n;
	snap->token = token;
	snap->refs = 1;
	*out = snap;
	return ecSuccess;
nomem:
	talloc_free(snap);
	return ecNotEnoughMemory;
}

/* Reads the directory again when it changed since the cache's reading (read-through with invalidation by
 * dir_change_token); sessions of one cache share a reading. */
uint32_t nspi_refresh(struct nspi_session *s)
{
	uint64_t token;
	if (dir_change_token(s->dir, &token) != DIR_OK)
		return ecError;
	if (s->snap != NULL && s->snap->token == token)
		return ecSuccess;
	struct nspi_cache *c = s->cache;
	uint32_t ec = ecSuccess;
	pthread_mutex_lock(&c->lock);
	if (c->current == NULL || c->current->token != token) {
		struct nspi_snapshot *snap;
		if ((ec = snapshot_build(s, c, token, &snap)) == ecSuccess) {
			snapshot_put(c->current);
			c->current = snap;
		}
	}
	if (ec == ecSuccess) {
		snapshot_put(s->snap);
		s->snap = c->current;
		s->snap->refs++;
	}
	pthread_mutex_unlock(&c->lock);
	return ec;
}

const struct nspi_list *nspi_find_list(struct nspi_session *s, uint32_t container_id)
{
	for (int l = 0; l < NSPI_LIST_COUNT; l++)
		if (s->snap->lists[l].container_id == container_id)
			return &s->snap->lists[l];
	return NULL;
}

struct nspi_obj *nspi_find_mid(struct nspi_session *s, uint32_t mid)
{
	size_t lo = 0, hi = s->snap->count;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		if (s->snap->by_mid[m]->e->mid == mid)
			return s->snap->by_mid[m];
		if (s->snap->by_mid[m]->e->mid < mid)
			lo = m + 1;
		else
			hi = m;
	}
	return NULL;
}

struct nspi_obj *nspi_find_dn(struct nspi_session *s, const char *dn)
{
	for (size_t i = 0; i < s->snap->count; i++)
		if (strcasecmp(s->snap->by_mid[i]->e->legacy_dn, dn) == 0)
			return s->snap->by_mid[i];
	return NULL;
}

/* Binary search by the sort order: rows are sorted by nspi_obj_cmp. */
long nspi_list_index(struct nspi_session *s, const struct nspi_list *l, uint32_t mid)
{
	const struct nspi_obj *o = nspi_find_mid(s, mid);
	if (o == NULL || !(l->kinds & DIR_KIND_MASK(o->e->kind)))
		return -1;
	size_t lo = 0, hi = l->count;
	while (lo < hi) {
		size_t m = lo + (hi - lo) / 2;
		int c = nspi_obj_cmp(l->rows[m], o);
		if (c == 0)
			return (long)m;
		if (c < 0)
			lo = m + 1;
		else
			hi = m;
	}
	return -1;
}

/* ---- positioning (MS-OXNSPI 3.1.4.5) ---- */

uint32_t nspi_position(struct nspi_session *s, const struct nspi_list *l, const struct mapi_nspi_stat *st,
                       size_t *pos)
{
	int64_t p;
	if (st->current_rec == MID_CURRENT) {
		/* 3.1.4.5.2 step 4: TotalRecs(server) * NumPos / TotalRecs(client), truncated; step 5: at
		 * most TotalRecs. A client TotalRecs of 0 names no fraction: the start. */
		p = st->total_recs == 0 ? 0 : (int64_t)((uint64_t)l->count * st->num_pos / st->total_recs);
		if (p > (int64_t)l->count)
			p = (int64_t)l->count;
	} else if (st->current_rec == MID_BEGINNING_OF_TABLE) {
		p = 0;
	} else if (st->current_rec == MID_END_OF_TABLE) {
		p = (int64_t)l->count;
	} else {
		long i = nspi_list_index(s, l, st->current_rec);
		if (i < 0)
			return ecNotFound; /* 3.1.4.5.1 steps 4, 5 */
		p = i;
	}
	/* 3.1.4.5.1 steps 6-8: move by Delta, clamp to the first row and to one past the last */
	p += st->delta;
	if (p < 0)
		p = 0;
	if (p > (int64_t)l->count)
		p = (int64_t)l->count;
	*pos = (size_t)p;
	return ecSuccess;
}

void nspi_stat_set(const struct nspi_list *l, struct mapi_nspi_stat *st, size_t pos)
{
	st->current_rec = pos < l->count ? l->rows[pos]->e->mid : MID_END_OF_TABLE;
	st->num_pos = (uint32_t)pos;
	st->total_recs = (uint32_t)l->count;
	st->delta = 0;
}

/* ---- ambiguous name resolution (MS-OXNSPI 3.1.4.7) ---- */

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* How well e matches the folded string: 2 exact (alias, an address, the DN or the whole display name), 1 a
 * prefix of the display name, of one of its words, of the given name or the surname (the directory's person
 * fields, MS-OXOABK 2.2.4), of the alias or an address, 0 no. */
static int anr_score(const struct nspi_obj *o, const char *key)
{
	const struct dir_entry *e = o->e;
	const char *exact[] = {e->alias, e->smtp, e->legacy_dn};
	for (size_t i = 0; i < sizeof exact / sizeof *exact; i++)
		if (strcasecmp(exact[i], key) == 0)
			return 2;
	for (size_t i = 0; i < e->proxy_count; i++)
		if (strcasecmp(e->proxy_addresses[i], key) == 0)
			return 2;
	if (strcmp(o->key, key) == 0)
		return 2;
	if (has_prefix(o->key, key))
		return 1;
	for (const char *w = strchr(o->key, ' '); w != NULL; w = strchr(w + 1, ' '))
		if (has_prefix(w + 1, key))
			return 1;
	if ((o->given_key && has_prefix(o->given_key, key)) ||
	    (o->surname_key && has_prefix(o->surname_key, key)))
		return 1;
	/* aliases and addresses are ASCII: ignoring ASCII case is their whole folding */
	size_t kl = strlen(key);
	return strncasecmp(e->alias, key, kl) == 0 || strncasecmp(e->smtp, key, kl) == 0;
}

uint32_t nspi_anr(struct nspi_session *s, const struct nspi_list *l, const char *utf8)
{
	if (utf8 == NULL)
		return MID_UNRESOLVED;
	while (*utf8 == ' ' || *utf8 == '\t')
		utf8++;
	/* "SMTP:a@b" and "EX:/o=..." name an address directly (MS-OXOABK 2.2.3.23 proxy address form) */
	if (strncasecmp(utf8, "smtp:", 5) == 0)
		utf8 += 5;
	else if (strncasecmp(utf8, "ex:", 3) == 0)
		utf8 += 3;
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *key = nspi_collate_key(tmp, utf8);
	size_t n = key ? strlen(key) : 0;
	while (n > 0 && key[n - 1] == ' ')
		key[--n] = '\0';
	uint32_t result = MID_UNRESOLVED;
	if (n > 0) {
		size_t exact = 0, prefix = 0;
		uint32_t exact_mid = 0, prefix_mid = 0;
		/* the candidates: index entries starting with the key (binary search for the first) */
		size_t lo = 0, hi = s->snap->anr_count, nc = 0;
		while (lo < hi) {
			size_t m = lo + (hi - lo) / 2;
			if (strcmp(s->snap->anr[m].key, key) < 0)
				lo = m + 1;
			else
				hi = m;
		}
		struct nspi_obj **cand = talloc_array(tmp, struct nspi_obj *, 16);
		for (size_t i = lo; cand && i < s->snap->anr_count && has_prefix(s->snap->anr[i].key, key);
		     i++) {
			if (!(l->kinds & DIR_KIND_MASK(s->snap->anr[i].o->e->kind)))
				continue;
			if (nc == talloc_array_length(cand))
				cand = talloc_realloc(tmp, cand, struct nspi_obj *, 2 * nc);
			if (cand)
				cand[nc++] = s->snap->anr[i].o;
		}
		if (cand && nc > 1)
			qsort(cand, nc, sizeof *cand, obj_mid_cmp);
		for (size_t i = 0; cand && i < nc; i++) {
			if (i > 0 && cand[i] == cand[i - 1])
				continue; /* one object found by several of its names */
			int sc = anr_score(cand[i], key);
			if (sc == 2 && exact++ == 0)
				exact_mid = cand[i]->e->mid;
			else if (sc == 1 && prefix++ == 0)
				prefix_mid = cand[i]->e->mid;
		}
		/* one exact match wins over prefix matches; otherwise the prefix matches decide */
		if (exact == 1)
			result = exact_mid;
		else if (exact > 1)
			result = MID_AMBIGUOUS;
		else if (prefix == 1)
			result = prefix_mid;
		else if (prefix > 1)
			result = MID_AMBIGUOUS;
	}
	talloc_free(tmp);
	return result;
}

/* ---- restrictions (MS-OXCDATA 2.12) over directory objects ---- */

/* The restriction's string as UTF-8: PtypString is UTF-8 already, PtypString8 is in the client's code page.
 */
static char *res_string(TALLOC_CTX *mem, const struct mapi_propval *pv, uint32_t code_page)
{
	if (PROP_TYPE(pv->tag) == PT_UNICODE)
		return talloc_strdup(mem, pv->value.str ? pv->value.str : "");
	if (PROP_TYPE(pv->tag) == PT_STRING8)
		return nspi_from_codepage(mem, pv->value.str ? pv->value.str : "", code_page);
	return NULL;
}

static bool content_match(const char *value, const char *want, uint32_t fuzzy, TALLOC_CTX *tmp)
{
	if (fuzzy & (FL_IGNORECASE | FL_IGNORENONSPACE | FL_LOOSE)) {
		value = nspi_collate_key(tmp, value);
		want = nspi_collate_key(tmp, want);
		if (value == NULL || want == NULL)
			return false;
	}
	switch (fuzzy & 0xFFFF) {
	case FL_SUBSTRING:
		return strstr(value, want) != NULL;
	case FL_PREFIX:
		return has_prefix(value, want);
	default:
		return strcmp(value, want) == 0;
	}
}

static bool relop_holds(int c, uint8_t relop)
{
	switch (relop) {
	case RELOP_LT:
		return c < 0;
	case RELOP_LE:
		return c <= 0;
	case RELOP_GT:
		return c > 0;
	case RELOP_GE:
		return c >= 0;
	case RELOP_EQ:
		return c == 0;
	case RELOP_NE:
		return c != 0;
	}
	return false;
}

/* Content and Property restrictions on one object's property. String values compare by collation key
 * (MS-OXNSPI 3.1.4.3.5: comparisons ignore case), PtypInteger32 and PtypBoolean numerically, binary values
 * bytewise. A multi-valued property matches when one of its values does. */
static uint32_t value_test(struct nspi_session *s, TALLOC_CTX *tmp, const struct nspi_obj *o, uint32_t tag,
                           const struct mapi_propval *want, uint8_t relop, uint32_t fuzzy, bool content,
                           uint32_t code_page, bool *match)
{
	*match = false;
	uint16_t type = PROP_TYPE(tag) & (uint16_t)~PT_MV_FLAG;
	uint32_t get_tag = tag;
	if (type == PT_STRING8)
		get_tag = CHANGE_PROP_TYPE(tag, (PROP_TYPE(tag) & PT_MV_FLAG) | PT_UNICODE);
	struct mapi_propval pv;
	if (nspi_prop_get(s, tmp, o->e, get_tag, 0, CP_WINUNICODE, &pv) != ecSuccess)
		return ecSuccess; /* no value: the restriction is false */
	bool mv = (PROP_TYPE(get_tag) & PT_MV_FLAG) != 0;
	uint32_t n = mv ? pv.value.mv.count : 1;
	if (type == PT_UNICODE || type == PT_STRING8) {
		char *w = res_string(tmp, want, code_page);
		if (w == NULL)
			return ecTooComplex;
		char *wkey = nspi_collate_key(tmp, w);
		for (uint32_t i = 0; i < n && !*match && wkey; i++) {
			const char *v = mv ? pv.value.mv.str[i] : pv.value.str;
			if (content) {
				*match = content_match(v, w, fuzzy, tmp);
			} else {
				char *vkey = nspi_collate_key(tmp, v);
				*match = vkey && relop_holds(strcmp(vkey, wkey), relop);
			}
		}
		return ecSuccess;
	}
	if (content || PROP_TYPE(want->tag) != PROP_TYPE(tag))
		return ecTooComplex;
	if (type == PT_LONG)
		*match = relop_holds(pv.value.i32 < want->value.i32 ? -1 : pv.value.i32 > want->value.i32,
		                     relop);
	else if (type == PT_BOOLEAN)
		*match = relop_holds((int)pv.value.b - (int)want->value.b, relop);
	else if (type == PT_BINARY && !mv) {
		uint32_t a = pv.value.bin.len, b = want->value.bin.len;
		int c = memcmp(pv.value.bin.data, want->value.bin.data, a < b ? a : b);
		*match = relop_holds(c ? c : (a < b ? -1 : a > b), relop);
	} else
		return ecTooComplex;
	return ecSuccess;
}

static uint32_t eval(struct nspi_session *s, TALLOC_CTX *tmp, const struct mapi_restriction *r,
                     const struct nspi_obj *o, uint32_t code_page, bool *match, int depth)
{
	if (depth > MAPI_MAX_RESTRICTION_DEPTH)
		return ecTooComplex;
	uint32_t ec = ecSuccess;
	struct mapi_propval pv;
	switch (r->type) {
	case RES_AND:
	case RES_OR: {
		bool want = r->type == RES_OR; /* the value that decides early */
		*match = !want;
		for (uint32_t i = 0; i < r->and_or.count && ec == ecSuccess; i++) {
			bool m;
			ec = eval(s, tmp, &r->and_or.res[i], o, code_page, &m, depth + 1);
			if (ec == ecSuccess && m == want) {
				*match = want;
				break;
			}
		}
		return ec;
	}
	case RES_NOT:
		ec = eval(s, tmp, r->not_.res, o, code_page, match, depth + 1);
		*match = !*match;
		return ec;
	case RES_CONTENT:
		return value_test(s, tmp, o, r->content.proptag, &r->content.pv, 0, r->content.fuzzy_level,
		                  true, code_page, match);
	case RES_PROPERTY:
		/* PidTagAnr (MS-OXOABK 2.2.3.x, MS-OXNSPI 3.1.4.7): the object is one ANR would map the
		 * string to */
		if (PROP_ID(r->property.proptag) == PROP_ID(PidTagAnr)) {
			char *w = res_string(tmp, &r->property.pv, code_page);
			if (w == NULL)
				return ecTooComplex;
			char *key = nspi_collate_key(tmp, w);
			*match = key != NULL && key[0] != '\0' && anr_score(o, key) > 0;
			return ecSuccess;
		}
		return value_test(s, tmp, o, r->property.proptag, &r->property.pv, r->property.relop, 0,
		                  false, code_page, match);
	case RES_EXIST:
		*match = nspi_prop_get(s, tmp, o->e, r->exist.proptag, 0, CP_WINUNICODE, &pv) == ecSuccess;
		return ecSuccess;
	case RES_BITMASK:
		if (PROP_TYPE(r->bitmask.proptag) != PT_LONG)
			return ecTooComplex;
		*match =
		        nspi_prop_get(s, tmp, o->e, r->bitmask.proptag, 0, CP_WINUNICODE, &pv) == ecSuccess &&
		        (((uint32_t)pv.value.i32 & r->bitmask.mask) != 0) == (r->bitmask.bmr == BMR_NEZ);
		return ecSuccess;
	default:
		return ecTooComplex; /* MS-OXNSPI 3.1.4.1.10 constraint 8: a search the server will not do */
	}
}

uint32_t nspi_restriction_eval(struct nspi_session *s, const struct mapi_restriction *r,
                               const struct nspi_obj *o, uint32_t code_page, bool *match)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return ecNotEnoughMemory;
	uint32_t ec = eval(s, tmp, r, o, code_page, match, 0);
	talloc_free(tmp);
	return ec;
}
