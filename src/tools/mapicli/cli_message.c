/* mapicli message commands: whoami (the Connect and RopLogon answers), ls (a contents table, MS-OXCTABL),
 * show (RopOpenMessage, RopGetPropertiesAll, RopReadRecipients, the attachment table, MS-OXCMSG), props
 * (RopGetPropertiesAll and RopGetNamesFromPropertyIds, MS-OXCPRPT), send (RopCreateMessage ...
 * RopSubmitMessage, MS-OXOMSG), all through libmapi. */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "tools/mapicli/mapicli.h"

uint8_t *cli_read_file(TALLOC_CTX *mem, const char *path, size_t *len)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (f == NULL)
		return NULL;
	size_t cap = 4096, n = 0;
	uint8_t *buf = talloc_array(mem, uint8_t, cap);
	while (buf != NULL) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1)
			break;
		cap *= 2;
		buf = talloc_realloc(mem, buf, uint8_t, cap);
	}
	bool err = ferror(f);
	if (f != stdin)
		fclose(f);
	if (buf == NULL || err) {
		talloc_free(buf);
		errno = buf ? EIO : ENOMEM;
		return NULL;
	}
	buf[n] = '\0'; /* text callers may use it as a string */
	*len = n;
	return buf;
}

static void text_field(const char *label, const char *value)
{
	printf("%-19s %s\n", label, value ? value : "");
}

int cli_whoami(struct cli *c, int argc, char **argv)
{
	if (argc != 1)
		return cli_usage(c);
	(void)argv;
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	const struct rop_logon_rsp *l = mapi_store_logon_info(c->store);
	char guid[39];
	wc_guid_to_string(&l->mailbox_guid, guid);
	static const struct {
		const char *name;
		unsigned which;
	} special[] = {{"root", LOGON_FID_MAILBOX_ROOT},     {"ipm_subtree", LOGON_FID_IPM_SUBTREE},
	               {"inbox", LOGON_FID_INBOX},           {"outbox", LOGON_FID_OUTBOX},
	               {"sent_items", LOGON_FID_SENT_ITEMS}, {"deleted_items", LOGON_FID_DELETED_ITEMS}};
	if (!c->json) {
		text_field("user:", c->opts.user);
		text_field("display name:", mapi_session_display_name(c->session));
		text_field("dn:", mapi_session_user_dn(c->session));
		text_field("mailbox url:", mapi_session_mailbox_url(c->session));
		text_field("mailbox guid:", guid);
		for (size_t i = 0; i < sizeof special / sizeof special[0]; i++)
			printf("%-19s %016" PRIx64 "\n", talloc_asprintf(c->mem, "%s fid:", special[i].name),
			       mapi_store_folder_id(c->store, special[i].which));
		return EXIT_OK;
	}
	struct jw j = {0};
	jw_open(&j, '{');
	jw_key(&j, "user");
	jw_str(&j, c->opts.user);
	jw_key(&j, "display_name");
	jw_str(&j, mapi_session_display_name(c->session));
	jw_key(&j, "dn");
	jw_str(&j, mapi_session_user_dn(c->session));
	jw_key(&j, "mailbox_url");
	jw_str(&j, mapi_session_mailbox_url(c->session));
	jw_key(&j, "mailbox_guid");
	jw_str(&j, guid);
	jw_key(&j, "folders");
	jw_open(&j, '{');
	for (size_t i = 0; i < sizeof special / sizeof special[0]; i++) {
		jw_key(&j, special[i].name);
		jw_str(&j, talloc_asprintf(c->mem, "%016" PRIx64,
		                           mapi_store_folder_id(c->store, special[i].which)));
	}
	jw_close(&j, '}');
	jw_close(&j, '}');
	jw_end(&j);
	return EXIT_OK;
}

/* ---- ls ---- */

static const uint32_t default_columns[] = {PidTagMessageDeliveryTime, PidTagSenderName, PidTagSubject,
                                           PidTagMessageSize};

int cli_ls(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"columns", required_argument, NULL, 'c'},
	                                         {"limit", required_argument, NULL, 'n'},
	                                         {NULL, 0, NULL, 0}};
	uint32_t *cols = (uint32_t *)default_columns;
	uint16_t ncols = sizeof default_columns / sizeof default_columns[0];
	uint32_t limit = 0;
	int o;
	while ((o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		if (o == 'n') {
			char *end;
			unsigned long v = strtoul(optarg, &end, 10);
			if (*end != '\0' || *optarg == '\0' || v > UINT32_MAX)
				return cli_error(c, EXIT_USAGE, "--limit: a number, not \"%s\"", optarg);
			limit = (uint32_t)v;
		} else if (o == 'c') {
			char *list = talloc_strdup(c->mem, optarg), *save = NULL;
			cols = talloc_array(c->mem, uint32_t,
			                    strlen(optarg) + 1); /* at most one name per byte */
			ncols = 0;
			for (char *name = strtok_r(list, ",", &save); name; name = strtok_r(NULL, ",", &save))
				if (ncols == UINT16_MAX - 1 || !cli_parse_tag(name, &cols[ncols++]))
					return cli_error(c, EXIT_USAGE, "--columns: unknown property \"%s\"",
					                 name);
			if (ncols == 0)
				return cli_usage(c);
		} else {
			return cli_usage(c);
		}
	}
	if (argc - optind != 1)
		return cli_usage(c);
	const char *path = argv[optind];
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	struct mapi_object *folder;
	struct mapi_property_row_set rows;
	uint32_t ec = cli_open_path(c, path, c->mem, &folder);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", path);
	ec = mapi_list_messages(folder, ncols, cols, limit, c->mem, &rows);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "listing the messages of \"%s\"", path);
	/* every cell as text first: the column widths depend on them */
	char ***cell = talloc_array(c->mem, char **, rows.count + 1u);
	size_t *width = talloc_zero_array(c->mem, size_t, ncols + 1u);
	for (uint32_t r = 0; r <= rows.count; r++) {
		cell[r] = talloc_array(cell, char *, ncols + 1u);
		for (uint16_t k = 0; k <= ncols; k++) {
			if (r == 0) {
				cell[r][k] = talloc_strdup(cell, k ? cli_tag_short(cell, cols[k - 1]) : "ID");
			} else if (k == 0) {
				const struct mapi_propval *mid = mapi_row_find(&rows.rows[r - 1], PidTagMid);
				cell[r][k] = cli_message_id(cell, path, mid ? (uint64_t)mid->value.i64 : 0);
			} else {
				const struct mapi_propval *v = mapi_row_find(&rows.rows[r - 1], cols[k - 1]);
				cell[r][k] = v ? cli_value_text(cell, v, 60) : talloc_strdup(cell, "");
			}
			size_t len = cli_text_width(cell[r][k] ? cell[r][k] : "");
			if (len > width[k])
				width[k] = len;
		}
	}
	if (!c->json) {
		for (uint32_t r = 0; r <= rows.count; r++)
			for (uint16_t k = 0; k <= ncols; k++) {
				const char *text = cell[r][k] ? cell[r][k] : "";
				int pad = k == ncols ? 0 : (int)(width[k] - cli_text_width(text)) + 2;
				printf("%s%*s%s", text, pad, "", k == ncols ? "\n" : "");
			}
		return EXIT_OK;
	}
	struct jw j = {0};
	jw_open(&j, '[');
	for (uint32_t r = 0; r < rows.count; r++) {
		const struct mapi_propval *mid = mapi_row_find(&rows.rows[r], PidTagMid);
		jw_open(&j, '{');
		jw_key(&j, "id");
		jw_str(&j, cell[r + 1][0]);
		jw_key(&j, "mid");
		jw_str(&j, talloc_asprintf(cell, "%016" PRIx64, mid ? (uint64_t)mid->value.i64 : 0));
		for (uint16_t k = 0; k < ncols; k++) {
			const struct mapi_propval *v = mapi_row_find(&rows.rows[r], cols[k]);
			jw_key(&j, cell[0][k + 1]);
			if (v)
				jw_value(&j, v);
			else
				jw_str(&j, NULL);
		}
		jw_close(&j, '}');
	}
	jw_close(&j, ']');
	jw_end(&j);
	return EXIT_OK;
}

/* ---- show ---- */

static const char *str_prop(const struct mapi_propval *vals, uint32_t n, uint32_t tag)
{
	const struct mapi_propval *v = mapi_props_find(vals, n, tag);
	return v ? v->value.str : NULL;
}

static uint64_t time_prop(const struct mapi_propval *vals, uint32_t n)
{
	static const uint32_t tags[] = {PidTagClientSubmitTime, PidTagMessageDeliveryTime,
	                                PidTagCreationTime};
	for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
		const struct mapi_propval *v = mapi_props_find(vals, n, tags[i]);
		if (v)
			return v->value.time;
	}
	return 0;
}

static const char *address(TALLOC_CTX *mem, const char *name, const char *email)
{
	if (name && *name && email && *email && strcmp(name, email) != 0)
		return talloc_asprintf(mem, "%s <%s>", name, email);
	return email && *email ? email : name ? name : "";
}

static void jw_address(struct jw *j, const char *name, const char *email)
{
	jw_open(j, '{');
	jw_key(j, "name");
	jw_str(j, name);
	jw_key(j, "email");
	jw_str(j, email);
	jw_close(j, '}');
}

static void show_recipients(struct cli *c, struct jw *j, const struct mapi_message_data *m, uint8_t type,
                            const char *label)
{
	char *line = NULL;
	if (c->json) {
		jw_key(j, label);
		jw_open(j, '[');
	}
	for (uint32_t i = 0; i < m->recipient_count; i++) {
		const struct mapi_recipient *r = &m->recipients[i];
		if ((r->type & 0x0F) != type)
			continue;
		if (c->json)
			jw_address(j, r->display_name, r->email);
		else
			line = talloc_asprintf_append(line, "%s%s", line ? ", " : "",
			                              address(c->mem, r->display_name, r->email));
	}
	if (c->json)
		jw_close(j, ']');
	else if (line)
		text_field(talloc_asprintf(c->mem, "%c%s:", label[0] - 32, label + 1), line);
	talloc_free(line);
}

int cli_show(struct cli *c, int argc, char **argv)
{
	char *folder;
	uint64_t fid, mid;
	if (argc != 2)
		return cli_usage(c);
	if (!cli_parse_message_id(c->mem, argv[1], &folder, &mid))
		return cli_error(c, EXIT_USAGE, "\"%s\" is not a MESSAGE-ID (FOLDER:MID as ls prints it)",
		                 argv[1]);
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	struct mapi_message_data *m;
	uint32_t ec = cli_resolve_folder(c, folder, &fid);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", folder);
	ec = mapi_fetch_message(c->store, fid, mid, c->mem, &m);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "reading %s", argv[1]);
	const char *from_name = str_prop(m->props, m->prop_count, PidTagSenderName);
	const char *from_email = str_prop(m->props, m->prop_count, PidTagSenderEmailAddress);
	char date[40] = "";
	uint64_t t = time_prop(m->props, m->prop_count);
	if (t)
		cli_time(t, date);
	struct jw j = {0};
	if (c->json) {
		jw_open(&j, '{');
		jw_key(&j, "id");
		jw_str(&j, argv[1]);
		jw_key(&j, "subject");
		jw_str(&j, str_prop(m->props, m->prop_count, PidTagSubject));
		jw_key(&j, "from");
		jw_address(&j, from_name, from_email);
		jw_key(&j, "date");
		jw_str(&j, t ? date : NULL);
		jw_key(&j, "message_id");
		jw_str(&j, str_prop(m->props, m->prop_count, PidTagInternetMessageId));
		jw_key(&j, "class");
		jw_str(&j, str_prop(m->props, m->prop_count, PidTagMessageClass));
	} else {
		text_field("ID:", argv[1]);
		text_field("Subject:", str_prop(m->props, m->prop_count, PidTagSubject));
		text_field("From:", address(c->mem, from_name, from_email));
		text_field("Date:", date);
	}
	show_recipients(c, &j, m, RECIPIENT_TO, "to");
	show_recipients(c, &j, m, RECIPIENT_CC, "cc");
	show_recipients(c, &j, m, RECIPIENT_BCC, "bcc");
	if (c->json) {
		jw_key(&j, "attachments");
		jw_open(&j, '[');
	}
	for (uint32_t i = 0; i < m->attachment_count; i++) {
		const struct mapi_attachment_data *a = &m->attachments[i];
		const char *name = str_prop(a->props, a->prop_count, PidTagAttachLongFilename);
		const char *mime = str_prop(a->props, a->prop_count, PidTagAttachMimeTag);
		const struct mapi_propval *data =
		        mapi_props_find(a->props, a->prop_count, PidTagAttachDataBinary);
		uint32_t size = data ? data->value.bin.len : 0;
		if (c->json) {
			jw_open(&j, '{');
			jw_key(&j, "num");
			jw_u64(&j, a->attach_num);
			jw_key(&j, "filename");
			jw_str(&j, name);
			jw_key(&j, "mime_type");
			jw_str(&j, mime);
			jw_key(&j, "size");
			jw_u64(&j, size);
			jw_close(&j, '}');
		} else {
			printf("%-19s %" PRIu32 ": %s (%" PRIu32 " bytes%s%s)\n",
			       i ? "" : "Attachments:", a->attach_num, name ? name : "", size,
			       mime ? ", " : "", mime ? mime : "");
		}
	}
	const char *body = str_prop(m->props, m->prop_count, PidTagBody);
	if (c->json) {
		jw_close(&j, ']');
		jw_key(&j, "body");
		jw_str(&j, body);
		jw_close(&j, '}');
		jw_end(&j);
	} else {
		printf("\n%s%s", body ? body : "",
		       body && *body && body[strlen(body) - 1] != '\n' ? "\n" : "");
	}
	return EXIT_OK;
}

/* ---- props ---- */

/* The name of a named property's mapping (IDs from 0x8000, MS-OXCPRPT 3.1.4.4). */
static const char *named_name(TALLOC_CTX *mem, const struct mapi_propname *pn)
{
	const struct mapi_named_prop_info *info =
	        pn->kind == MNID_ID       ? mapi_named_prop_by_lid(&pn->guid, pn->lid)
	        : pn->kind == MNID_STRING ? mapi_named_prop_by_string(&pn->guid, pn->name)
	                                  : NULL;
	if (info != NULL)
		return info->name;
	char guid[39];
	wc_guid_to_string(&pn->guid, guid);
	const char *set = mapi_propset_name(&pn->guid);
	if (pn->kind == MNID_ID)
		return talloc_asprintf(mem, "%s:0x%04" PRIx32, set ? set : guid, pn->lid);
	if (pn->kind == MNID_STRING)
		return talloc_asprintf(mem, "%s:%s", set ? set : guid, pn->name ? pn->name : "");
	return NULL;
}

static int tag_order(const void *a, const void *b)
{
	uint32_t x = ((const struct mapi_propval *)a)->tag, y = ((const struct mapi_propval *)b)->tag;
	return x < y ? -1 : x > y;
}

int cli_props(struct cli *c, int argc, char **argv)
{
	if (argc != 2)
		return cli_usage(c);
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	char *folder;
	uint64_t fid, mid;
	struct mapi_object *o;
	uint32_t ec;
	if (cli_parse_message_id(c->mem, argv[1], &folder, &mid)) {
		ec = cli_resolve_folder(c, folder, &fid);
		if (ec == ecSuccess)
			ec = mapi_open_message(c->store, fid, mid, OPEN_READ_ONLY, c->mem, &o, NULL);
	} else {
		ec = cli_open_path(c, argv[1], c->mem, &o);
	}
	if (ec != ecSuccess)
		return cli_fail(c, ec, "opening \"%s\"", argv[1]);
	uint16_t n;
	struct mapi_propval *vals;
	ec = mapi_get_props_all(o, c->mem, &n, &vals);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "reading the properties of \"%s\"", argv[1]);
	qsort(vals, n, sizeof *vals, tag_order);
	/* names of the named properties, in one RopGetNamesFromPropertyIds; without it they stay hex */
	uint16_t *ids = talloc_array(c->mem, uint16_t, n + 1u), nids = 0;
	for (uint16_t i = 0; i < n; i++)
		if (PROP_ID(vals[i].tag) >= 0x8000)
			ids[nids++] = PROP_ID(vals[i].tag);
	struct mapi_propname *names = NULL;
	if (nids > 0 && mapi_get_names_from_ids(o, nids, ids, c->mem, &names) != ecSuccess)
		names = NULL;
	struct jw j = {0};
	if (c->json)
		jw_open(&j, '[');
	for (uint16_t i = 0, k = 0; i < n; i++) {
		const char *name = mapi_proptag_name(vals[i].tag);
		if (PROP_ID(vals[i].tag) >= 0x8000 && names != NULL)
			name = named_name(c->mem, &names[k++]);
		const char *type = mapi_type_name(PROP_TYPE(vals[i].tag));
		char tag[16];
		snprintf(tag, sizeof tag, "0x%08" PRIX32, vals[i].tag);
		if (!c->json) {
			printf("%-10s %-40s %-14s %s\n", tag, name ? name : "", type ? type : "",
			       cli_value_text(c->mem, &vals[i], 200));
			continue;
		}
		jw_open(&j, '{');
		jw_key(&j, "tag");
		jw_str(&j, tag);
		jw_key(&j, "name");
		jw_str(&j, name);
		jw_key(&j, "type");
		jw_str(&j, type);
		jw_key(&j, "value");
		jw_value(&j, &vals[i]);
		jw_close(&j, '}');
	}
	if (c->json) {
		jw_close(&j, ']');
		jw_end(&j);
	}
	return EXIT_OK;
}

/* ---- send ---- */

/* "Name <addr>" or "addr", comma-separated, appended to *r. */
static bool add_recipients(TALLOC_CTX *mem, const char *list, uint8_t type, struct mapi_recipient **r,
                           uint32_t *n)
{
	char *copy = talloc_strdup(mem, list), *save = NULL;
	for (char *one = copy ? strtok_r(copy, ",", &save) : NULL; one; one = strtok_r(NULL, ",", &save)) {
		while (*one == ' ')
			one++;
		if (*one == '\0')
			continue;
		*r = talloc_realloc(mem, *r, struct mapi_recipient, *n + 1);
		if (*r == NULL)
			return false;
		struct mapi_recipient *x = &(*r)[(*n)++];
		*x = (struct mapi_recipient){.type = type, .address_type = (char *)"SMTP"};
		char *lt = strchr(one, '<'), *gt = lt ? strchr(lt, '>') : NULL;
		if (lt && gt) {
			*gt = '\0';
			x->email = lt + 1;
			while (lt > one && lt[-1] == ' ')
				lt--;
			x->display_name = talloc_strndup(mem, one, (size_t)(lt - one));
		} else {
			x->email = one;
			x->display_name = one;
		}
	}
	return copy != NULL;
}

static const char *outbox_path(struct cli *c)
{
	struct mapi_folder_info *f;
	uint32_t n;
	uint64_t outbox = mapi_store_folder_id(c->store, LOGON_FID_OUTBOX);
	if (mapi_list_folders(c->store, false, c->mem, &n, &f) == ecSuccess)
		for (uint32_t i = 0; i < n; i++)
			if (f[i].fid == outbox)
				return f[i].name;
	return "Outbox";
}

int cli_send(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"to", required_argument, NULL, 't'},     {"cc", required_argument, NULL, 'c'},
	        {"bcc", required_argument, NULL, 'b'},    {"subject", required_argument, NULL, 's'},
	        {"body", required_argument, NULL, 'B'},   {"body-file", required_argument, NULL, 'F'},
	        {"attach", required_argument, NULL, 'a'}, {NULL, 0, NULL, 0}};
	struct mapi_new_message m = {0};
	struct mapi_recipient *rcpt = NULL;
	struct mapi_attachment_in *att = NULL;
	int o;
	bool ok = true;
	while (ok && (o = getopt_long(argc, argv, "", longopts, NULL)) != -1) {
		size_t len;
		switch (o) {
		case 't':
		case 'c':
		case 'b':
			ok = add_recipients(c->mem, optarg,
			                    o == 't'   ? RECIPIENT_TO
			                    : o == 'c' ? RECIPIENT_CC
			                               : RECIPIENT_BCC,
			                    &rcpt, &m.recipient_count);
			break;
		case 's':
			m.subject = optarg;
			break;
		case 'B':
			m.body = optarg;
			break;
		case 'F':
			if ((m.body = (char *)cli_read_file(c->mem, optarg, &len)) == NULL)
				return cli_error(c, EXIT_LOCAL, "%s: %s", optarg, strerror(errno));
			break;
		case 'a': {
			att = talloc_realloc(c->mem, att, struct mapi_attachment_in, m.attachment_count + 1);
			struct mapi_attachment_in *a = &att[m.attachment_count++];
			const char *base = strrchr(optarg, '/');
			*a = (struct mapi_attachment_in){.filename = base ? base + 1 : optarg};
			if ((a->data = cli_read_file(c->mem, optarg, &a->len)) == NULL)
				return cli_error(c, EXIT_LOCAL, "%s: %s", optarg, strerror(errno));
			break;
		}
		default:
			return cli_usage(c);
		}
	}
	if (!ok)
		return cli_error(c, EXIT_LOCAL, "out of memory");
	if (optind != argc || m.recipient_count == 0 || m.subject == NULL || m.body == NULL)
		return cli_usage(c);
	m.recipients = rcpt;
	m.attachments = att;
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	uint64_t mid = 0;
	uint32_t ec = mapi_create_and_send(c->store, 0, &m, true, &mid);
	if (ec != ecSuccess && mid != 0)
		return cli_fail(c, ec, "the message was saved as %s but not submitted",
		                cli_message_id(c->mem, outbox_path(c), mid));
	if (ec != ecSuccess)
		return cli_fail(c, ec, "composing the message");
	char *id = cli_message_id(c->mem, outbox_path(c), mid);
	if (c->json) {
		struct jw j = {0};
		jw_open(&j, '{');
		jw_key(&j, "submitted");
		jw_str(&j, id);
		jw_close(&j, '}');
		jw_end(&j);
	} else {
		printf("submitted %s\n", id);
	}
	return EXIT_OK;
}
