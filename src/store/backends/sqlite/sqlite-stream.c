/* SQLite backend: streams over one property (MS-OXCPRPT 2.2.14 - 2.2.20: RopOpenStream, RopReadStream,
 * RopWriteStream, RopSeekStream, RopSetStreamSize, RopGetStreamSize, RopCommitStream).
 *
 * Large values live in the blobs/chunks tables in SQ_CHUNK_SIZE pieces; a stream holds one chunk in memory,
 * never the whole value. Blobs may be sparse: bytes below the blob's size that no chunk holds (a missing
 * chunk, the end of a short one) are zeros, as a size increase or a write beyond the end leaves them. Writing
 * works on a private (staged) blob that commit hands to the object: small results become ordinary values,
 * large ones stay a blob the property row points at. A PtypString value is streamed as UTF-16LE without
 * terminator; a PtypString8 stream on a string property carries its 8-bit text (kept as UTF-8, as
 * sqlite-props.c keeps PtypString8 values), which a commit turns back into the stored PtypString (large
 * values are converted blob to blob, piece by piece). */
#include <string.h>

#include "common/mapi_errors.h"
#include "common/wc_unicode.h"
#include "store/backends/sqlite/sqlite-private.h"

/* MS-OXCPRPT 3.2.5.17: StreamSeekError, a seek before the start of the stream */
#define SQ_STREAM_SEEK_ERROR 0x80030019

struct sq_stream {
	struct ms_stream base;
	struct sq_backend *b;
	struct ms_object *obj;
	uint32_t tag;
	bool writable, dirty_size;
	bool string8;  /* opened as PtypString8: the bytes are 8-bit text, the property a PtypString */
	int64_t bid;   /* blob read or written; 0 when the data is `data` (a small value, read-only) */
	uint8_t *data; /* small value's bytes */
	uint64_t size, pos;
	int64_t cseq; /* chunk in cbuf, -1 none */
	uint8_t *cbuf;
	uint32_t clen;
	bool cdirty;
};

static uint32_t chunk_flush(struct sq_stream *s)
{
	if (!s->cdirty)
		return ecSuccess;
	sq_sync_normal(s->b);
	sqlite3_stmt *st =
	        sq_prepare(s->b, "INSERT OR REPLACE INTO chunks(bid, seq, data) VALUES (?1, ?2, ?3)");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, s->bid);
	sqlite3_bind_int64(st, 2, s->cseq);
	sqlite3_bind_blob(st, 3, s->cbuf, (int)s->clen, SQLITE_STATIC);
	uint32_t ec = sq_step_done(s->b, st);
	if (ec == ecSuccess)
		s->cdirty = false;
	return ec;
}

static uint32_t chunk_load(struct sq_stream *s, int64_t seq)
{
	if (s->cseq == seq)
		return ecSuccess;
	uint32_t ec = chunk_flush(s);
	if (ec != ecSuccess)
		return ec;
	sqlite3_stmt *st = sq_prepare(s->b, "SELECT data FROM chunks WHERE bid = ?1 AND seq = ?2");
	if (st == NULL)
		return ecError;
	sqlite3_bind_int64(st, 1, s->bid);
	sqlite3_bind_int64(st, 2, seq);
	s->clen = 0;
	if (sqlite3_step(st) == SQLITE_ROW) {
		int n = sqlite3_column_bytes(st, 0);
		s->clen = (uint32_t)(n > SQ_CHUNK_SIZE ? SQ_CHUNK_SIZE : n);
		memcpy(s->cbuf, sqlite3_column_blob(st, 0), s->clen);
	}
	sqlite3_reset(st);
	s->cseq = seq;
	return ecSuccess;
}

static int stream_destructor(struct sq_stream *s)
{
	/* Releasing a stream commits it (MS-OXCPRPT 3.2.5.13: RopCommitStream is optional before RopRelease).
	 */
	if (s->writable)
		sq_stream_commit(&s->base);
	return 0;
}

/* The value's bytes as a stream sees them. */
static uint32_t value_bytes(TALLOC_CTX *mem, const struct mapi_propval *pv, uint8_t **data, uint64_t *size)
{
	switch (PROP_TYPE(pv->tag)) {
	case PT_UNICODE: {
		size_t n;
		*data = wc_utf8_to_utf16le(mem, pv->value.str, strlen(pv->value.str), &n);
		*size = n;
		return *data ? ecSuccess : ecMAPIOOM;
	}
	case PT_STRING8:
		*size = strlen(pv->value.str);
		*data = talloc_memdup(mem, pv->value.str, *size + 1);
		return *data ? ecSuccess : ecMAPIOOM;
	case PT_BINARY:
	case PT_OBJECT:
		*size = pv->value.bin.len;
		*data = talloc_size(mem, *size + 1);
		if (*data == NULL)
			return ecMAPIOOM;
		if (*size > 0)
			memcpy(*data, pv->value.bin.data, *size);
		return ecSuccess;
	default:
		return ecNotSupported; /* MS-OXCPRPT 3.2.5.13: streams are for binary and string properties */
	}
}

static uint32_t write_all(struct sq_stream *s, const uint8_t *data, uint64_t n)
{
	while (n > 0) {
		uint32_t part = n > 0x40000000 ? 0x40000000 : (uint32_t)n, done;
		uint32_t ec = sq_stream_write(&s->base, data, part, &done);
		if (ec != ecSuccess)
			return ec;
		data += done;
		n -= done;
	}
	return ecSuccess;
}

/* How many of the n bytes at p are whole characters: UTF-16LE (from_utf16) or UTF-8 */
static uint32_t whole_characters(const uint8_t *p, uint32_t n, bool from_utf16)
{
	if (from_utf16) {
		n &= ~1u;
		return n >= 2 && (p[n - 1] & 0xFC) == 0xD8 ? n - 2
		                                           : n; /* a high surrogate waits for its pair */
	}
	uint32_t i = n, back = 0;
	while (i > 0 && back < 3 && (p[i - 1] & 0xC0) == 0x80)
		i--, back++;
	if (i == 0)
		return n;
	uint8_t lead = p[i - 1];
	uint32_t len = lead < 0x80 ? 1 : lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	return back + 1 < len ? i - 1 : n;
}

/* A new staged blob (*dst, *dst_size) with the size bytes of blob src converted from UTF-16LE to UTF-8
 * (from_utf16) or back, read and written a chunk at a time; a character cut at a chunk's end goes with the
 * next piece. ecPropBadValue when the text does not convert. */
static uint32_t convert_blob(struct sq_backend *b, int64_t src, uint64_t size, bool from_utf16, int64_t *dst,
                             uint64_t *dst_size)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_stream *in = talloc_zero(tmp, struct sq_stream), *out = talloc_zero(tmp, struct sq_stream);
	uint8_t *piece = talloc_size(tmp, SQ_CHUNK_SIZE + 4);
	uint32_t ec = in && out && piece && (in->cbuf = talloc_size(in, SQ_CHUNK_SIZE)) &&
	                              (out->cbuf = talloc_size(out, SQ_CHUNK_SIZE))
	                      ? sq_blob_new(b, dst)
	                      : ecMAPIOOM;
	if (ec == ecSuccess) {
		*in = (struct sq_stream){.b = b, .bid = src, .size = size, .cseq = -1, .cbuf = in->cbuf};
		*out = (struct sq_stream){
		        .b = b, .bid = *dst, .cseq = -1, .cbuf = out->cbuf, .writable = true};
	}
	uint32_t keep = 0, got = 1;
	while (ec == ecSuccess && got > 0) {
		if ((ec = sq_stream_read(&in->base, piece + keep, SQ_CHUNK_SIZE, &got)) != ecSuccess)
			break;
		uint32_t n = keep + got, use = got > 0 ? whole_characters(piece, n, from_utf16) : n;
		size_t len = 0;
		uint8_t *conv = NULL;
		if (from_utf16) {
			char *u8 = use ? wc_utf16le_to_utf8(tmp, piece, use) : NULL;
			conv = (uint8_t *)u8;
			len = u8 ? strlen(u8) : 0;
		} else if (use > 0) {
			conv = wc_utf8_to_utf16le(tmp, (const char *)piece, use, &len);
		}
		if (use > 0 && conv == NULL)
			ec = ecPropBadValue;
		if (ec == ecSuccess)
			ec = write_all(out, conv, len);
		talloc_free(conv);
		keep = n - use;
		memmove(piece, piece + use, keep);
	}
	if (ec == ecSuccess)
		ec = chunk_flush(out);
	sqlite3_stmt *st =
	        ec == ecSuccess ? sq_prepare(b, "UPDATE blobs SET size = ?2 WHERE bid = ?1") : NULL;
	if (ec == ecSuccess && st == NULL)
		ec = ecError;
	if (ec == ecSuccess) {
		sqlite3_bind_int64(st, 1, *dst);
		sqlite3_bind_int64(st, 2, (int64_t)out->size);
		ec = sq_step_done(b, st);
		*dst_size = out->size;
	}
	talloc_free(tmp);
	return ec;
}

uint32_t sq_stream_open(struct ms_object *o, uint32_t tag, uint8_t mode, struct ms_stream **out)
{
	uint16_t type = PROP_TYPE(tag);
	if (type != PT_BINARY && type != PT_UNICODE && type != PT_STRING8 && type != PT_OBJECT)
		return ecNotSupported;
	struct sq_backend *b = sq_be(o->be);
	struct mapi_propval *pv;
	TALLOC_CTX *tmp = talloc_new(NULL);
	uint32_t ec = sq_props_get(o, tmp, &tag, 1, &pv);
	const struct sq_prop *large = NULL;
	if (ec == ecSuccess && PROP_TYPE(pv->tag) == PT_ERROR && pv->value.err == SQ_LARGE_ERROR)
		large = sq_object_prop(o, PROP_ID(tag));
	bool exists = ec == ecSuccess && (PROP_TYPE(pv->tag) != PT_ERROR || large != NULL);
	/* MS-OXCPRPT 2.2.14.1: Create "is required for a property that has not been set" (3.2.5.11 NotFound)
	 */
	if (ec == ecSuccess && !exists && mode != MS_STREAM_CREATE)
		ec = ecNotFound;
	if (ec == ecSuccess && mode != MS_STREAM_READ && !sq_object_writable(o))
		ec = ecAccessDenied;
	struct sq_stream *s = ec == ecSuccess ? talloc_zero(o, struct sq_stream) : NULL;
	if (ec == ecSuccess && (s == NULL || (s->cbuf = talloc_size(s, SQ_CHUNK_SIZE)) == NULL))
		ec = ecMAPIOOM;
	if (ec != ecSuccess) {
		talloc_free(s);
		talloc_free(tmp);
		return ec;
	}
	s->base.be = o->be;
	s->b = b;
	s->obj = o;
	s->tag = PROP_TYPE(tag) == PT_STRING8 ? CHANGE_PROP_TYPE(tag, PT_UNICODE) : tag;
	s->string8 = PROP_TYPE(tag) == PT_STRING8;
	s->cseq = -1;
	s->writable = mode != MS_STREAM_READ;
	if (large != NULL && s->string8 && mode != MS_STREAM_CREATE) {
		/* the stored UTF-16 as 8-bit text (for writing: already the private copy) */
		ec = convert_blob(b, large->bid, large->size, true, &s->bid, &s->size);
		large = NULL;
	} else if (large != NULL) {
		s->bid = large->bid;
		s->size = large->size;
	} else if (exists && mode != MS_STREAM_CREATE) {
		ec = value_bytes(s, pv, &s->data, &s->size);
	}
	if (ec == ecSuccess && s->writable && s->string8 && s->bid != 0) {
		s->data = NULL; /* converted above into a blob of its own */
		s->dirty_size = true;
		talloc_set_destructor(s, stream_destructor);
	} else if (ec == ecSuccess && s->writable) {
		/* a private copy to write on */
		int64_t src = s->bid;
		uint8_t *data = s->data;
		uint64_t size = mode == MS_STREAM_CREATE ? 0 : s->size;
		ec = sq_blob_new(b, &s->bid);
		s->size = s->pos = 0;
		if (ec == ecSuccess && src != 0 && size > 0) {
			sqlite3_stmt *st = sq_prepare(
			        b, "INSERT INTO chunks(bid, seq, data) SELECT ?2, seq, data FROM chunks"
			           " WHERE bid = ?1");
			if (st == NULL)
				ec = ecError;
			else {
				sqlite3_bind_int64(st, 1, src);
				sqlite3_bind_int64(st, 2, s->bid);
				ec = sq_step_done(b, st);
			}
			s->size = size;
		} else if (ec == ecSuccess && data != NULL && size > 0) {
			ec = write_all(s, data, size);
			s->pos = 0;
		}
		s->data = NULL;
		s->dirty_size = true;
		talloc_set_destructor(s, stream_destructor);
	}
	talloc_free(tmp);
	if (ec != ecSuccess) {
		talloc_set_destructor(s, NULL);
		talloc_free(s);
		return ec;
	}
	*out = &s->base;
	return ecSuccess;
}

uint32_t sq_stream_read(struct ms_stream *ss, void *buf, uint32_t size, uint32_t *nread)
{
	struct sq_stream *s = (struct sq_stream *)ss;
	uint32_t done = 0;
	while (done < size && s->pos < s->size) {
		uint64_t left = s->size - s->pos;
		uint32_t want = size - done < left ? size - done : (uint32_t)left;
		if (s->bid == 0) {
			memcpy((uint8_t *)buf + done, s->data + s->pos, want);
		} else {
			uint32_t ec = chunk_load(s, (int64_t)(s->pos / SQ_CHUNK_SIZE));
			if (ec != ecSuccess)
				return ec;
			uint32_t off = (uint32_t)(s->pos % SQ_CHUNK_SIZE);
			if (want > SQ_CHUNK_SIZE - off)
				want = SQ_CHUNK_SIZE - off;
			/* bytes past a short chunk read as zeros (a stream extended by SetStreamSize) */
			uint32_t have = s->clen > off ? s->clen - off : 0;
			memcpy((uint8_t *)buf + done, s->cbuf + off, have < want ? have : want);
			if (have < want)
				memset((uint8_t *)buf + done + have, 0, want - have);
		}
		done += want;
		s->pos += want;
	}
	*nread = done;
	return ecSuccess;
}

uint32_t sq_stream_write(struct ms_stream *ss, const void *buf, uint32_t size, uint32_t *nwritten)
{
	struct sq_stream *s = (struct sq_stream *)ss;
	if (!s->writable)
		return ecAccessDenied; /* MS-OXCPRPT 3.2.5.15: STG_E_ACCESSDENIED on a read-only stream */
	uint32_t done = 0;
	while (done < size) {
		uint32_t ec = chunk_load(s, (int64_t)(s->pos / SQ_CHUNK_SIZE));
		if (ec != ecSuccess) {
			*nwritten = done;
			return ec;
		}
		uint32_t off = (uint32_t)(s->pos % SQ_CHUNK_SIZE);
		uint32_t part = SQ_CHUNK_SIZE - off < size - done ? SQ_CHUNK_SIZE - off : size - done;
		if (off > s->clen)
			memset(s->cbuf + s->clen, 0, off - s->clen);
		memcpy(s->cbuf + off, (const uint8_t *)buf + done, part);
		if (off + part > s->clen)
			s->clen = off + part;
		s->cdirty = true;
		done += part;
		s->pos += part;
		if (s->pos > s->size)
			s->size = s->pos;
	}
	s->dirty_size = true;
	*nwritten = done;
	return ecSuccess;
}

uint32_t sq_stream_seek(struct ms_stream *ss, uint8_t origin, int64_t offset, uint64_t *position)
{
	struct sq_stream *s = (struct sq_stream *)ss;
	int64_t from = origin == MS_SEEK_SET ? 0 : origin == MS_SEEK_CUR ? (int64_t)s->pos : (int64_t)s->size;
	if (origin > MS_SEEK_END)
		return ecInvalidParam;
	if (from + offset < 0)
		return SQ_STREAM_SEEK_ERROR;
	s->pos = (uint64_t)(from + offset);
	if (position != NULL)
		*position = s->pos;
	return ecSuccess;
}

uint32_t sq_stream_get_size(struct ms_stream *ss, uint64_t *size)
{
	*size = ((struct sq_stream *)ss)->size;
	return ecSuccess;
}

uint32_t sq_stream_set_size(struct ms_stream *ss, uint64_t size)
{
	struct sq_stream *s = (struct sq_stream *)ss;
	if (!s->writable)
		return ecAccessDenied;
	uint32_t ec = chunk_flush(s);
	if (ec != ecSuccess)
		return ec;
	s->cseq = -1;
	if (size < s->size) {
		int64_t last = size == 0 ? -1 : (int64_t)((size - 1) / SQ_CHUNK_SIZE);
		sqlite3_stmt *st = sq_prepare(s->b, "DELETE FROM chunks WHERE bid = ?1 AND seq > ?2");
		if (st == NULL)
			return ecError;
		sqlite3_bind_int64(st, 1, s->bid);
		sqlite3_bind_int64(st, 2, last);
		ec = sq_step_done(s->b, st);
		if (ec == ecSuccess && last >= 0 && (ec = chunk_load(s, last)) == ecSuccess) {
			uint32_t keep = (uint32_t)(size - (uint64_t)last * SQ_CHUNK_SIZE);
			if (s->clen > keep) {
				s->clen = keep;
				s->cdirty = true;
			}
		}
		s->size = size;
	} else if (size > s->size) {
		/* the new bytes are zeros without being written: what no chunk holds reads as zeros (a 2^31
		 * SetStreamSize costs nothing) */
		s->size = size;
	}
	s->dirty_size = true;
	return ec;
}

uint32_t sq_stream_commit(struct ms_stream *ss)
{
	struct sq_stream *s = (struct sq_stream *)ss;
	if (!s->writable)
		return ecSuccess;
	uint32_t ec = chunk_flush(s);
	sqlite3_stmt *st = sq_prepare(s->b, "UPDATE blobs SET size = ?2 WHERE bid = ?1");
	if (ec != ecSuccess || st == NULL)
		return ec != ecSuccess ? ec : ecError;
	sqlite3_bind_int64(st, 1, s->bid);
	sqlite3_bind_int64(st, 2, (int64_t)s->size);
	ec = sq_step_done(s->b, st);
	if (ec != ecSuccess || !s->dirty_size)
		return ec;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct sq_prop p = {.pv = {.tag = s->tag}};
	if (s->size <= SQ_INLINE_MAX) {
		/* small: an ordinary value */
		uint8_t *data = talloc_size(tmp, s->size + 1);
		uint64_t pos = s->pos;
		uint32_t got;
		s->pos = 0;
		ec = data ? sq_stream_read(ss, data, (uint32_t)s->size, &got) : ecMAPIOOM;
		s->pos = pos;
		if (ec == ecSuccess && s->string8) {
			data[s->size] = '\0';
			p.pv.value.str =
			        (char *)data; /* kept as it came, as sqlite-props.c keeps PtypString8 */
		} else if (ec == ecSuccess && PROP_TYPE(s->tag) == PT_UNICODE) {
			p.pv.value.str = wc_utf16le_to_utf8(tmp, data, s->size);
			if (p.pv.value.str == NULL)
				ec = ecPropBadValue;
		} else {
			p.pv.value.bin = (struct mapi_binary){(uint32_t)s->size, data};
		}
	} else if (s->string8) {
		/* the 8-bit text goes back to the UTF-16 of a stored PtypString, in a blob of its own */
		ec = convert_blob(s->b, s->bid, s->size, false, &p.bid, &p.size);
	} else {
		p.bid = s->bid;
		p.size = s->size;
	}
	struct sq_bag *bag = sq_bag_new(tmp);
	if (ec == ecSuccess)
		ec = bag ? sq_bag_put(bag, &p) : ecMAPIOOM;
	if (ec == ecSuccess)
		ec = sq_object_apply(s->obj, bag);
	if (ec == ecSuccess && p.bid != 0 && !s->string8) {
		/* later writes go to a fresh copy: the committed blob now belongs to the object */
		int64_t old = s->bid;
		ec = sq_blob_new(s->b, &s->bid);
		sqlite3_stmt *cp =
		        sq_prepare(s->b, "INSERT INTO chunks(bid, seq, data) SELECT ?2, seq, data FROM chunks"
		                         " WHERE bid = ?1");
		if (ec == ecSuccess && cp != NULL) {
			sqlite3_bind_int64(cp, 1, old);
			sqlite3_bind_int64(cp, 2, s->bid);
			ec = sq_step_done(s->b, cp);
		}
		s->cseq = -1;
	}
	if (ec == ecSuccess)
		s->dirty_size = false;
	talloc_free(tmp);
	return ec;
}

/* ---- SQL function for content restrictions over chunked values -------------------------------------------
 */

static uint8_t fold(uint8_t c, bool ignore_case)
{
	return ignore_case && c >= 'A' && c <= 'Z' ? (uint8_t)(c + 32) : c;
}

/* ms_blob_contains(bid, needle, fuzzy_level): 1 when the blob's bytes contain needle (FL_SUBSTRING) or start
 * with it (FL_PREFIX) or equal it (FL_FULLSTRING); FL_IGNORECASE folds ASCII letters. Reads chunk by chunk
 * keeping the last needle-1 bytes, so matches across chunk borders are found; the zeros of a sparse blob
 * (no chunk, or a short one) are read as zeros. */
struct contains_scan {
	const uint8_t *needle;
	int nlen;
	bool ic, first;
	uint16_t level;
	uint8_t *win;
	int keep, found;
	int64_t total;
};

/* The next n bytes of the blob (data NULL: zeros) */
static void contains_feed(struct contains_scan *c, const uint8_t *data, int n)
{
	if (data != NULL)
		memcpy(c->win + c->keep, data, (size_t)n);
	else
		memset(c->win + c->keep, 0, (size_t)n);
	int len = c->keep + n;
	c->total += n;
	int last = c->level == FL_SUBSTRING ? len - c->nlen : (c->first ? 0 : -1);
	for (int i = 0; i <= last && !c->found; i++) {
		int j = 0;
		while (j < c->nlen && fold(c->win[i + j], c->ic) == fold(c->needle[j], c->ic))
			j++;
		c->found = j == c->nlen && (i + c->nlen <= len);
	}
	c->first = false;
	c->keep = c->nlen > 1 ? (len < c->nlen - 1 ? len : c->nlen - 1) : 0;
	memmove(c->win, c->win + len - c->keep, (size_t)c->keep);
}

/* Zeros up to blob offset `to` (a gap of a sparse blob), a chunk at a time */
static void contains_zeros(struct contains_scan *c, int64_t to)
{
	while (!c->found && c->total < to) {
		int64_t n = to - c->total;
		contains_feed(c, NULL, n > SQ_CHUNK_SIZE ? SQ_CHUNK_SIZE : (int)n);
	}
}

static void blob_contains(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	sqlite3 *db = sqlite3_context_db_handle(ctx);
	int64_t bid = sqlite3_value_int64(argv[0]);
	uint32_t fuzzy = (uint32_t)sqlite3_value_int64(argv[2]);
	struct contains_scan c = {.needle = sqlite3_value_blob(argv[1]),
	                          .nlen = sqlite3_value_bytes(argv[1]),
	                          .ic = (fuzzy & FL_IGNORECASE) != 0,
	                          .first = true,
	                          .level = fuzzy & 0xFFFF};
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(db,
	                       "SELECT c.seq, c.data, b.size FROM blobs b LEFT JOIN chunks c ON c.bid = b.bid"
	                       " WHERE b.bid = ?1 ORDER BY c.seq",
	                       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_result_error(ctx, "ms_blob_contains: prepare", -1);
		return;
	}
	sqlite3_bind_int64(st, 1, bid);
	c.win = sqlite3_malloc(SQ_CHUNK_SIZE + c.nlen + 1);
	int64_t size = 0;
	while (c.win != NULL && !c.found && sqlite3_step(st) == SQLITE_ROW) {
		size = sqlite3_column_int64(st, 2);
		if (sqlite3_column_type(st, 0) == SQLITE_NULL)
			break; /* a blob without chunks */
		int64_t at = sqlite3_column_int64(st, 0) * SQ_CHUNK_SIZE;
		int n = sqlite3_column_bytes(st, 1);
		if (n > SQ_CHUNK_SIZE)
			n = SQ_CHUNK_SIZE;
		if (at + n > size)
			n = at < size ? (int)(size - at) : 0;
		contains_zeros(&c, at < size ? at : size);
		if (!c.found && n > 0)
			contains_feed(&c, sqlite3_column_blob(st, 1), n);
	}
	if (c.win != NULL)
		contains_zeros(&c, size);
	sqlite3_finalize(st);
	sqlite3_free(c.win);
	if (c.level == FL_FULLSTRING)
		c.found = c.found && c.total == c.nlen;
	sqlite3_result_int(ctx, c.nlen == 0 ? 1 : c.found);
}

int sq_register_functions(sqlite3 *db)
{
	return sqlite3_create_function(db, "ms_blob_contains", 3, SQLITE_UTF8, NULL, blob_contains, NULL,
	                               NULL);
}
