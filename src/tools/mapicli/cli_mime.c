/* mapicli export-mbox and import-eml: messages as RFC 5322/2045 MIME with GMime 3, in mbox files (the
 * mboxrd variant: "From " separator lines, body lines matching ^>*From  get one more '>').
 *
 * The mapping is the plain core of MS-OXCMAIL: From <-> PidTagSenderName/PidTagSenderEmailAddress (and the
 * PidTagSentRepresenting* pair), To/Cc <-> recipients, Subject <-> PidTagSubject, Date <->
 * PidTagClientSubmitTime and PidTagMessageDeliveryTime, Message-ID <-> PidTagInternetMessageId, the first
 * text/plain part <-> PidTagBody, every part with a file name or Content-Disposition attachment <-> an
 * attachment (PidTagAttachLongFilename, PidTagAttachMimeTag, PidTagAttachDataBinary). HTML bodies, embedded
 * messages and the other MS-OXCMAIL properties are not converted here (src/mail is their place). */
#include <errno.h>
#include <gmime/gmime.h>
#include <inttypes.h>
#include <string.h>
#include <time.h>

#include "common/wc_time.h"
#include "tools/mapicli/mapicli.h"

/* ---- export ---- */

static const char *prop_str(const struct mapi_propval *vals, uint32_t n, uint32_t tag)
{
	const struct mapi_propval *v = mapi_props_find(vals, n, tag);
	return v && v->value.str && *v->value.str ? v->value.str : NULL;
}

static int64_t message_time(const struct mapi_message_data *m)
{
	static const uint32_t tags[] = {PidTagClientSubmitTime, PidTagMessageDeliveryTime,
	                                PidTagCreationTime};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		const struct mapi_propval *v = mapi_props_find(m->props, m->prop_count, tags[i]);
		if (v != NULL) {
			int64_t secs;
			uint32_t nsec;
			wc_filetime_to_unix(v->value.time, &secs, &nsec);
			return secs;
		}
	}
	return 0;
}

static GMimeObject *attachment_part(const struct mapi_attachment_data *a)
{
	const char *name = prop_str(a->props, a->prop_count, PidTagAttachLongFilename);
	const char *mime = prop_str(a->props, a->prop_count, PidTagAttachMimeTag);
	const struct mapi_propval *data = mapi_props_find(a->props, a->prop_count, PidTagAttachDataBinary);
	GMimeContentType *ct = g_mime_content_type_parse(NULL, mime ? mime : "application/octet-stream");
	GMimePart *part = g_mime_part_new_with_type(g_mime_content_type_get_media_type(ct),
	                                            g_mime_content_type_get_media_subtype(ct));
	g_object_unref(ct);
	if (name != NULL)
		g_mime_part_set_filename(part, name);
	GMimeStream *st = g_mime_stream_mem_new_with_buffer(data ? (const char *)data->value.bin.data : "",
	                                                    data ? data->value.bin.len : 0);
	GMimeDataWrapper *dw = g_mime_data_wrapper_new_with_stream(st, GMIME_CONTENT_ENCODING_DEFAULT);
	g_mime_part_set_content(part, dw);
	g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
	g_object_unref(dw);
	g_object_unref(st);
	return GMIME_OBJECT(part);
}

static GMimeMessage *to_mime(const struct mapi_message_data *m)
{
	GMimeMessage *msg = g_mime_message_new(TRUE);
	const char *name = prop_str(m->props, m->prop_count, PidTagSenderName);
	const char *email = prop_str(m->props, m->prop_count, PidTagSenderEmailAddress);
	if (name == NULL && email == NULL) {
		name = prop_str(m->props, m->prop_count, PidTagSentRepresentingName);
		email = prop_str(m->props, m->prop_count, PidTagSentRepresentingEmailAddress);
	}
	if (email != NULL || name != NULL)
		g_mime_message_add_mailbox(msg, GMIME_ADDRESS_TYPE_FROM, name, email ? email : "");
	for (uint32_t i = 0; i < m->recipient_count; i++) {
		const struct mapi_recipient *r = &m->recipients[i];
		uint8_t t = r->type & 0x0F;
		if (t == RECIPIENT_TO || t == RECIPIENT_CC)
			g_mime_message_add_mailbox(
			        msg, t == RECIPIENT_TO ? GMIME_ADDRESS_TYPE_TO : GMIME_ADDRESS_TYPE_CC,
			        r->display_name && strcmp(r->display_name, r->email ? r->email : "")
			                ? r->display_name
			                : NULL,
			        r->email ? r->email : "");
	}
	const char *subject = prop_str(m->props, m->prop_count, PidTagSubject);
	g_mime_message_set_subject(msg, subject ? subject : "", "utf-8");
	int64_t secs = message_time(m);
	if (secs != 0) {
		GDateTime *dt = g_date_time_new_from_unix_utc(secs);
		g_mime_message_set_date(msg, dt);
		g_date_time_unref(dt);
	}
	const char *id = prop_str(m->props, m->prop_count, PidTagInternetMessageId);
	if (id != NULL) {
		char *bare = g_strdup(id[0] == '<' ? id + 1 : id);
		char *gt = strrchr(bare, '>');
		if (gt != NULL)
			*gt = '\0';
		g_mime_message_set_message_id(msg, bare);
		g_free(bare);
	}
	const char *body = prop_str(m->props, m->prop_count, PidTagBody);
	GMimeTextPart *text = g_mime_text_part_new_with_subtype("plain");
	g_mime_text_part_set_text(text, body ? body : "");
	if (m->attachment_count == 0) {
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(text));
	} else {
		GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
		g_mime_multipart_add(mixed, GMIME_OBJECT(text));
		for (uint32_t i = 0; i < m->attachment_count; i++) {
			GMimeObject *part = attachment_part(&m->attachments[i]);
			g_mime_multipart_add(mixed, part);
			g_object_unref(part);
		}
		g_mime_message_set_mime_part(msg, GMIME_OBJECT(mixed));
		g_object_unref(mixed);
	}
	g_object_unref(text);
	return msg;
}

/* One mboxrd entry: the separator line, the message with ^>*From  lines quoted, an empty line. */
static bool write_mbox_entry(FILE *f, const char *sender, int64_t secs, const char *text)
{
	char date[64];
	time_t t = (time_t)secs;
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(date, sizeof date, "%a %b %e %H:%M:%S %Y", &tm);
	fprintf(f, "From %s %s\n", sender && *sender ? sender : "MAILER-DAEMON", date);
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t len = end ? (size_t)(end - line) : strlen(line);
		size_t gts = strspn(line, ">");
		if (gts < len && strncmp(line + gts, "From ", 5) == 0)
			fputc('>', f);
		fwrite(line, 1, len, f);
		fputc('\n', f);
		line += len + (end != NULL);
	}
	fputc('\n', f);
	return !ferror(f);
}

int cli_export_mbox(struct cli *c, int argc, char **argv)
{
	if (argc != 3)
		return cli_usage(c);
	const char *path = argv[1], *file = argv[2];
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	uint64_t fid;
	struct mapi_object *folder;
	struct mapi_property_row_set rows;
	uint32_t ec = cli_resolve_folder(c, path, &fid);
	if (ec == ecSuccess)
		ec = mapi_open_folder(c->store, fid, c->mem, &folder);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", path);
	ec = mapi_list_messages(folder, 0, NULL, 0, c->mem, &rows);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "listing the messages of \"%s\"", path);
	bool to_stdout = strcmp(file, "-") == 0;
	FILE *f = to_stdout ? stdout : fopen(file, "w");
	if (f == NULL)
		return cli_error(c, EXIT_LOCAL, "%s: %s", file, strerror(errno));
	g_mime_init();
	rc = EXIT_OK;
	uint32_t done = 0;
	for (uint32_t i = 0; i < rows.count && rc == EXIT_OK; i++) {
		const struct mapi_propval *mid = mapi_row_find(&rows.rows[i], PidTagMid);
		struct mapi_message_data *m;
		char *id = cli_message_id(c->mem, path, mid ? (uint64_t)mid->value.i64 : 0);
		cli_progress(c, i, rows.count, id);
		ec = mid ? mapi_fetch_message(c->store, fid, (uint64_t)mid->value.i64, c->mem, &m)
		         : ecNotFound;
		if (ec != ecSuccess) {
			rc = cli_fail(c, ec, "reading %s", id);
			break;
		}
		GMimeMessage *msg = to_mime(m);
		char *text = g_mime_object_to_string(GMIME_OBJECT(msg), NULL);
		if (!write_mbox_entry(f, prop_str(m->props, m->prop_count, PidTagSenderEmailAddress),
		                      message_time(m), text))
			rc = cli_error(c, EXIT_LOCAL, "%s: %s", file, strerror(errno));
		g_free(text);
		g_object_unref(msg);
		talloc_free(m);
		done++;
	}
	cli_progress(c, rows.count, rows.count, "");
	if (!to_stdout && fclose(f) != 0 && rc == EXIT_OK)
		rc = cli_error(c, EXIT_LOCAL, "%s: %s", file, strerror(errno));
	g_mime_shutdown();
	if (rc != EXIT_OK || to_stdout) /* on stdout the mbox itself is the output */
		return rc;
	if (c->json) {
		struct jw j = {0};
		jw_open(&j, '{');
		jw_key(&j, "exported");
		jw_u64(&j, done);
		jw_key(&j, "file");
		jw_str(&j, file);
		jw_close(&j, '}');
		jw_end(&j);
	} else {
		printf("exported %" PRIu32 " messages from %s to %s\n", done, path, file);
	}
	return EXIT_OK;
}

/* ---- import ---- */

/* What one .eml file gives, on mem. */
struct eml {
	TALLOC_CTX *mem;
	char *body;
	struct mapi_attachment_in *att;
	uint32_t natt;
};

static void eml_part(GMimeObject *parent, GMimeObject *part, gpointer data)
{
	struct eml *e = data;
	(void)parent;
	if (!GMIME_IS_PART(part))
		return; /* multiparts are walked into; message/rfc822 parts are not converted */
	GMimePart *p = GMIME_PART(part);
	const char *filename = g_mime_part_get_filename(p);
	GMimeContentType *ct = g_mime_object_get_content_type(part);
	if (filename == NULL && !g_mime_part_is_attachment(p) && GMIME_IS_TEXT_PART(part)) {
		if (e->body == NULL && g_mime_content_type_is_type(ct, "text", "plain")) {
			char *text = g_mime_text_part_get_text(GMIME_TEXT_PART(part));
			e->body = talloc_strdup(e->mem, text ? text : "");
			g_free(text);
		}
		return;
	}
	GMimeDataWrapper *dw = g_mime_part_get_content(p);
	GMimeStream *out = g_mime_stream_mem_new();
	if (dw != NULL)
		g_mime_data_wrapper_write_to_stream(dw, out);
	GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(out));
	e->att = talloc_realloc(e->mem, e->att, struct mapi_attachment_in, e->natt + 1);
	if (e->att != NULL) {
		char *type = g_mime_content_type_get_mime_type(ct);
		e->att[e->natt++] = (struct mapi_attachment_in){
		        .filename = talloc_strdup(e->mem, filename ? filename : "attachment"),
		        .mime_type = talloc_strdup(e->mem, type),
		        .data = talloc_memdup(e->mem, bytes->data, bytes->len ? bytes->len : 1),
		        .len = bytes->len,
		};
		g_free(type);
	}
	g_object_unref(out);
}

static void add_addresses(TALLOC_CTX *mem, InternetAddressList *list, uint8_t type, struct mapi_recipient **r,
                          uint32_t *n)
{
	for (int i = 0; list && i < internet_address_list_length(list); i++) {
		InternetAddress *a = internet_address_list_get_address(list, i);
		if (!INTERNET_ADDRESS_IS_MAILBOX(a))
			continue; /* groups: their members are not expanded here */
		const char *email = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		const char *name = internet_address_get_name(a);
		*r = talloc_realloc(mem, *r, struct mapi_recipient, *n + 1);
		(*r)[(*n)++] = (struct mapi_recipient){
		        .type = type,
		        .display_name = talloc_strdup(mem, name && *name ? name : email),
		        .email = talloc_strdup(mem, email),
		        .address_type = (char *)"SMTP",
		};
	}
}

/* The properties the create call does not set: sender, dates, Message-ID (one more RopSetProperties and
 * RopSaveChangesMessage on the saved message). */
static uint32_t set_envelope(struct cli *c, uint64_t fid, uint64_t mid, GMimeMessage *msg)
{
	struct mapi_propval v[8];
	uint16_t n = 0;
	InternetAddressList *from = g_mime_message_get_from(msg);
	if (from && internet_address_list_length(from) > 0 &&
	    INTERNET_ADDRESS_IS_MAILBOX(internet_address_list_get_address(from, 0))) {
		InternetAddress *a = internet_address_list_get_address(from, 0);
		const char *email = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(a));
		const char *name = internet_address_get_name(a);
		char *nm = (char *)(name && *name ? name : email);
		v[n++] = (struct mapi_propval){.tag = PidTagSenderName, .value.str = nm};
		v[n++] = (struct mapi_propval){.tag = PidTagSenderEmailAddress, .value.str = (char *)email};
		v[n++] = (struct mapi_propval){.tag = PidTagSentRepresentingName, .value.str = nm};
		v[n++] = (struct mapi_propval){.tag = PidTagSentRepresentingEmailAddress,
		                               .value.str = (char *)email};
	}
	GDateTime *date = g_mime_message_get_date(msg);
	if (date != NULL) {
		uint64_t ft = wc_filetime_from_unix(g_date_time_to_unix(date), 0);
		v[n++] = (struct mapi_propval){.tag = PidTagClientSubmitTime, .value.time = ft};
		v[n++] = (struct mapi_propval){.tag = PidTagMessageDeliveryTime, .value.time = ft};
	}
	const char *id = g_mime_message_get_message_id(msg);
	char *bracketed = id ? talloc_asprintf(c->mem, "<%s>", id) : NULL;
	if (bracketed != NULL)
		v[n++] = (struct mapi_propval){.tag = PidTagInternetMessageId, .value.str = bracketed};
	if (n == 0)
		return ecSuccess;
	struct mapi_object *m;
	uint32_t ec = mapi_open_message(c->store, fid, mid, OPEN_READ_WRITE, c->mem, &m, NULL);
	if (ec == ecSuccess)
		ec = mapi_set_props(m, n, v, NULL, NULL);
	if (ec == ecSuccess)
		ec = mapi_save_message(m, SAVE_KEEP_OPEN_READ_WRITE, NULL);
	talloc_free(m);
	return ec;
}

/* One file: parsed (EXIT_LOCAL when it is not a message), stored in fid; *mid the new message. */
static int import_one(struct cli *c, uint64_t fid, const char *file, uint64_t *mid)
{
	TALLOC_CTX *tmp = talloc_new(c->mem);
	size_t len;
	uint8_t *data = cli_read_file(tmp, file, &len);
	if (data == NULL) {
		talloc_free(tmp);
		return cli_error(c, EXIT_LOCAL, "%s: %s", file, strerror(errno));
	}
	GMimeStream *st = g_mime_stream_mem_new_with_buffer((const char *)data, len);
	GMimeParser *parser = g_mime_parser_new_with_stream(st);
	GMimeMessage *msg = g_mime_parser_construct_message(parser, NULL);
	g_object_unref(parser);
	g_object_unref(st);
	if (msg == NULL) {
		talloc_free(tmp);
		return cli_error(c, EXIT_LOCAL, "%s: not an RFC 5322 message", file);
	}
	struct eml e = {.mem = tmp};
	g_mime_message_foreach(msg, eml_part, &e);
	struct mapi_recipient *r = NULL;
	uint32_t nr = 0;
	add_addresses(tmp, g_mime_message_get_to(msg), RECIPIENT_TO, &r, &nr);
	add_addresses(tmp, g_mime_message_get_cc(msg), RECIPIENT_CC, &r, &nr);
	const char *subject = g_mime_message_get_subject(msg);
	struct mapi_new_message m = {
	        .subject = subject ? subject : "",
	        .body = e.body ? e.body : "",
	        .recipient_count = nr,
	        .recipients = r,
	        .attachment_count = e.natt,
	        .attachments = e.att,
	};
	*mid = 0;
	uint32_t ec = mapi_create_and_send(c->store, fid, &m, false, mid);
	if (ec == ecSuccess)
		ec = set_envelope(c, fid, *mid, msg);
	g_object_unref(msg);
	talloc_free(tmp);
	return ec == ecSuccess ? EXIT_OK : cli_fail(c, ec, "storing %s", file);
}

int cli_import_eml(struct cli *c, int argc, char **argv)
{
	if (argc < 3)
		return cli_usage(c);
	const char *path = argv[1];
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	uint64_t fid;
	uint32_t ec = cli_resolve_folder(c, path, &fid);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", path);
	g_mime_init();
	int n = argc - 2;
	char **ids = talloc_zero_array(c->mem, char *, (size_t)n);
	for (int i = 0; i < n && rc == EXIT_OK; i++) {
		const char *file = argv[2 + i];
		uint64_t mid;
		cli_progress(c, (size_t)i, (size_t)n, file);
		rc = import_one(c, fid, file, &mid);
		if (rc != EXIT_OK)
			break;
		ids[i] = cli_message_id(c->mem, path, mid);
		if (!c->json)
			printf("%simported %s as %s\n", c->progress ? "\r\033[K" : "", file, ids[i]);
	}
	cli_progress(c, (size_t)n, (size_t)n, "");
	g_mime_shutdown();
	if (!c->json || rc != EXIT_OK) /* under --json a failure printed only its error object */
		return rc;
	struct jw j = {0};
	jw_open(&j, '[');
	for (int i = 0; i < n; i++) {
		jw_open(&j, '{');
		jw_key(&j, "file");
		jw_str(&j, argv[2 + i]);
		jw_key(&j, "id");
		jw_str(&j, ids[i]);
		jw_close(&j, '}');
	}
	jw_close(&j, ']');
	jw_end(&j);
	return EXIT_OK;
}
