/* libmapi streams (MS-OXCPRPT 2.2.9-2.2.20 RopOpenStream ... RopCommitStream, layouts MS-OXCROPS 2.2.9) and
 * recipients (MS-OXCMSG 2.2.3.5-2.2.3.6 RopModifyRecipients, RopReadRecipients; RecipientRow MS-OXCDATA
 * 2.8.3.2). */
#include <string.h>
#include <strings.h>

#include "client/libmapi_private.h"

/* Bytes per RopWriteStream / RopReadStream: the ROP and its Execute stay well inside one 32 KB extended
 * buffer payload (MS-OXCRPC 3.1.4.2.1). */
#define STREAM_CHUNK 0x7000

uint32_t mapi_open_stream(struct mapi_object *o, uint32_t tag, uint8_t mode, TALLOC_CTX *mem,
                          struct mapi_object **stream, uint32_t *size)
{
	struct rop_request q = {.id = ROP_OPEN_STREAM};
	q.open_stream.property_tag = tag;
	q.open_stream.open_mode_flags = mode;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_open(o, &q, mem, MAPI_OBJ_STREAM, stream, &b, &rsp);
	if (ec == ecSuccess && size != NULL)
		*size = rsp->open_stream.stream_size;
	talloc_free(b);
	return ec;
}

uint32_t mapi_read_stream(struct mapi_object *stream, uint8_t *buf, uint16_t max, uint16_t *got)
{
	/* MS-OXCROPS 2.2.9.2.1: ByteCount 0xBABE means "MaximumByteCount follows"; never ask for exactly it
	 */
	struct rop_request q = {.id = ROP_READ_STREAM};
	q.read_stream.byte_count = max == READ_STREAM_USE_MAXIMUM ? max - 1 : max;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(stream, &q, &b, &rsp);
	*got = 0;
	if (ec == ecSuccess && rsp->read_stream.data.len > max) {
		ec = ecRpcFormat; /* more than asked for */
	} else if (ec == ecSuccess) {
		if (rsp->read_stream.data.len > 0)
			memcpy(buf, rsp->read_stream.data.data, rsp->read_stream.data.len);
		*got = (uint16_t)rsp->read_stream.data.len;
	}
	talloc_free(b);
	return ec;
}

uint32_t mapi_write_stream(struct mapi_object *stream, const uint8_t *data, size_t len)
{
	size_t done = 0;
	do {
		size_t n = len - done < STREAM_CHUNK ? len - done : STREAM_CHUNK;
		struct rop_request q = {.id = ROP_WRITE_STREAM};
		q.write_stream.data.data = (uint8_t *)data + done;
		q.write_stream.data.len = (uint32_t)n;
		struct mapi_batch *b = NULL;
		const struct rop_response *rsp;
		uint32_t ec = mapi_client_do(stream, &q, &b, &rsp);
		size_t written = ec == ecSuccess ? rsp->write_stream.written_size : 0;
		talloc_free(b);
		if (ec != ecSuccess)
			return ec;
		if (written != n)
			return ecTooBig; /* MS-OXCPRPT 3.2.5.14: short write, the stream reached its maximum
			                  */
		done += n;
	} while (done < len);
	return ecSuccess;
}

uint32_t mapi_commit_stream(struct mapi_object *stream)
{
	struct rop_request q = {.id = ROP_COMMIT_STREAM};
	return mapi_client_do(stream, &q, NULL, NULL);
}

uint32_t mapi_set_stream_size(struct mapi_object *stream, uint64_t size)
{
	struct rop_request q = {.id = ROP_SET_STREAM_SIZE, .set_stream_size.stream_size = size};
	return mapi_client_do(stream, &q, NULL, NULL);
}

uint32_t mapi_seek_stream(struct mapi_object *stream, uint8_t origin, int64_t offset, uint64_t *position)
{
	struct rop_request q = {.id = ROP_SEEK_STREAM};
	q.seek_stream.origin = origin;
	q.seek_stream.offset = offset;
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(stream, &q, &b, &rsp);
	if (ec == ecSuccess && position != NULL)
		*position = rsp->seek_stream.new_position;
	talloc_free(b);
	return ec;
}

uint32_t mapi_get_stream_size(struct mapi_object *stream, uint32_t *size)
{
	struct rop_request q = {.id = ROP_GET_STREAM_SIZE};
	struct mapi_batch *b = NULL;
	const struct rop_response *rsp;
	uint32_t ec = mapi_client_do(stream, &q, &b, &rsp);
	if (ec == ecSuccess)
		*size = rsp->get_stream_size.stream_size;
	talloc_free(b);
	return ec;
}

uint32_t mapi_read_property_stream(struct mapi_object *o, uint32_t tag, TALLOC_CTX *mem,
                                   struct mapi_binary *out)
{
	struct mapi_object *st;
	uint32_t size = 0;
	uint32_t ec = mapi_open_stream(o, tag, STREAM_OPEN_READ_ONLY, NULL, &st, &size);
	if (ec != ecSuccess)
		return ec;
	/* StreamSize is a hint (MS-OXCPRPT 2.2.14.2); read until the server gives no more */
	struct wc_writer w;
	wc_writer_init(&w, mem, 0);
	uint8_t *chunk = talloc_size(st, STREAM_CHUNK);
	if (chunk == NULL)
		ec = ecNotEnoughMemory;
	while (ec == ecSuccess) {
		uint16_t got = 0;
		ec = mapi_read_stream(st, chunk, STREAM_CHUNK, &got);
		if (ec != ecSuccess || got == 0)
			break;
		if (!wc_write_bytes(&w, chunk, got))
			ec = ecNotEnoughMemory;
	}
	talloc_free(st);
	if (ec == ecSuccess) {
		wc_write_u8(&w, 0); /* NUL after the bytes, so a string property can be used as is */
		if (wc_writer_status(&w) != 0) {
			talloc_free(w.data);
			return ecNotEnoughMemory;
		}
		out->data = w.data;
		out->len = (uint32_t)w.len - 1;
	} else {
		talloc_free(w.data);
	}
	return ec;
}

uint32_t mapi_write_property_stream(struct mapi_object *o, uint32_t tag, const uint8_t *data, size_t len)
{
	struct mapi_object *st;
	uint32_t ec = mapi_open_stream(o, tag, STREAM_OPEN_CREATE, NULL, &st, NULL);
	if (ec != ecSuccess)
		return ec;
	ec = mapi_set_stream_size(st, 0);
	if (ec == ecSuccess && len > 0)
		ec = mapi_write_stream(st, data, len);
	if (ec == ecSuccess)
		ec = mapi_commit_stream(st);
	talloc_free(st);
	return ec;
}

/* ---- recipients ---- */

/* The RecipientProperties libmapi sends with each row (MS-OXCMSG 2.2.3.5.1: the client chooses them). */
static const uint32_t modify_columns[] = {PidTagRecipientDisplayName, PidTagSmtpAddress};
#define MODIFY_COLUMN_COUNT 2

/* MS-OXCDATA 2.8.3.2 RecipientRow of a recipient: SMTP (Type 0x3) or EX (Type X500DN), Unicode names. */
static int recipient_row(TALLOC_CTX *mem, const struct mapi_recipient *in, struct rop_recipient_row *row)
{
	const char *name = in->display_name != NULL ? in->display_name : in->email;
	bool ex = in->address_type != NULL && strcasecmp(in->address_type, "EX") == 0;
	bool smtp = in->address_type == NULL || strcasecmp(in->address_type, "SMTP") == 0;
	memset(row, 0, sizeof *row);
	row->flags = RECIP_UNICODE | RECIP_DISPLAY_NAME | RECIP_TRANSMITTABLE_SAME;
	if (ex) {
		row->flags |= RECIP_TYPE_X500DN;
		row->x500dn = in->email;
	} else if (smtp) {
		row->flags |= RECIP_TYPE_SMTP | RECIP_EMAIL_ADDRESS;
		row->email_address = in->email;
	} else {
		row->flags |= RECIP_TYPE_NONE | RECIP_NON_STANDARD_ADDRESS | RECIP_EMAIL_ADDRESS;
		row->address_type = in->address_type;
		row->email_address = in->email;
	}
	row->display_name = (char *)name;
	row->column_count = MODIFY_COLUMN_COUNT;
	row->properties.flag = MAPI_ROW_STANDARD;
	row->properties.count = MODIFY_COLUMN_COUNT;
	row->properties.values = talloc_zero_array(mem, struct mapi_row_value, MODIFY_COLUMN_COUNT);
	if (row->properties.values == NULL)
		return WC_ENOMEM;
	row->properties.values[0].pv =
	        (struct mapi_propval){.tag = modify_columns[0], .value.str = (char *)name};
	row->properties.values[1].pv =
	        (struct mapi_propval){.tag = modify_columns[1], .value.str = (char *)(smtp ? in->email : "")};
	return 0;
}

uint32_t mapi_modify_recipients(struct mapi_object *message, uint32_t count, const struct mapi_recipient *r)
{
	if (count > UINT16_MAX)
		return ecTooBig;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct rop_request q = {.id = ROP_MODIFY_RECIPIENTS};
	struct rop_modify_recipients_req *m = &q.modify_recipients;
	m->column_count = MODIFY_COLUMN_COUNT;
	m->recipient_columns = (uint32_t *)modify_columns;
	m->row_count = (uint16_t)count;
	m->rows = talloc_zero_array(tmp, struct rop_modify_recipient_row, count ? count : 1);
	uint32_t ec = m->rows != NULL ? ecSuccess : ecNotEnoughMemory;
	for (uint32_t i = 0; ec == ecSuccess && i < count; i++) {
		m->rows[i].row_id = i;
		m->rows[i].recipient_type = r[i].type;
		m->rows[i].row = talloc(m->rows, struct rop_recipient_row);
		if (m->rows[i].row == NULL || recipient_row(m->rows, &r[i], m->rows[i].row) != 0)
			ec = ecNotEnoughMemory;
	}
	if (ec == ecSuccess)
		ec = mapi_client_do(message, &q, NULL, NULL);
	talloc_free(tmp);
	return ec;
}

uint32_t mapi_remove_all_recipients(struct mapi_object *message)
{
	struct rop_request q = {.id = ROP_REMOVE_ALL_RECIPIENTS};
	return mapi_client_do(message, &q, NULL, NULL);
}

/* A ReadRecipientRow as a struct mapi_recipient; rows the codec could not decode (recipient columns
 * unknown) have only their type. */
static void recipient_from_entry(TALLOC_CTX *mem, const struct rop_recipient_entry *e,
                                 struct mapi_recipient *out)
{
	const struct rop_recipient_row *row = &e->row;
	memset(out, 0, sizeof *out);
	out->type = e->recipient_type;
	if (e->row_bytes != NULL)
		return;
	out->display_name = talloc_strdup(mem, row->display_name);
	switch (row->flags & RECIP_TYPE_MASK) {
	case RECIP_TYPE_X500DN:
		out->address_type = talloc_strdup(mem, "EX");
		out->email = talloc_strdup(mem, row->x500dn);
		break;
	case RECIP_TYPE_SMTP:
		out->address_type = talloc_strdup(mem, "SMTP");
		out->email = talloc_strdup(mem, row->email_address);
		break;
	default:
		out->address_type = talloc_strdup(mem, row->address_type);
		out->email = talloc_strdup(mem, row->email_address);
	}
}

uint32_t mapi_read_recipients(struct mapi_object *message, TALLOC_CTX *mem, uint32_t *count,
                              struct mapi_recipient **r)
{
	struct mapi_recipient *all = NULL;
	uint32_t n = 0, next = 0, ec = ecSuccess;
	/* MS-OXCMSG 3.2.5.6: rows from RowId on, as many as fit; ecNotFound once past the last */
	for (;;) {
		struct rop_request q = {.id = ROP_READ_RECIPIENTS, .read_recipients.row_id = next};
		struct mapi_batch *b = NULL;
		const struct rop_response *rsp;
		ec = mapi_client_do(message, &q, &b, &rsp);
		uint8_t got = ec == ecSuccess ? rsp->read_recipients.row_count : 0;
		if (got > 0) {
			struct mapi_recipient *grown =
			        talloc_realloc(mem, all, struct mapi_recipient, n + got);
			if (grown == NULL) {
				ec = ecNotEnoughMemory;
			} else {
				all = grown;
				for (uint8_t i = 0; i < got; i++)
					recipient_from_entry(all, &rsp->read_recipients.rows[i], &all[n + i]);
				n += got;
				next = rsp->read_recipients.rows[got - 1].row_id + 1;
			}
		}
		talloc_free(b);
		if (ec == ecNotFound || (ec == ecSuccess && got == 0)) {
			ec = ecSuccess;
			break;
		}
		if (ec != ecSuccess)
			break;
	}
	if (ec != ecSuccess) {
		talloc_free(all);
		return ec;
	}
	*count = n;
	*r = all;
	return ecSuccess;
}
