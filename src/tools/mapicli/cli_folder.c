/* mapicli folder paths and message IDs, and the folder commands: folders, mkdir, rmdir, mv, cp, rm
 * (MS-OXCFOLD RopCreateFolder, RopDeleteFolder, RopMoveFolder, RopCopyFolder, RopMoveCopyMessages,
 * RopDeleteMessages through libmapi). */
#include <getopt.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "tools/mapicli/mapicli.h"

/* The folder a path starts from: the mailbox root for "/...", else the IPM subtree. */
static uint64_t path_base(struct cli *c, const char *path)
{
	return mapi_store_folder_id(c->store,
	                            path[0] == '/' ? LOGON_FID_MAILBOX_ROOT : LOGON_FID_IPM_SUBTREE);
}

static bool skip_part(const char *part)
{
	return *part == '\0' || strcmp(part, ".") == 0;
}

/* Walks path one hierarchy table at a time; info (may be NULL) gets the last component's row. */
static uint32_t resolve(struct cli *c, const char *path, uint64_t *fid, struct mapi_folder_info *info)
{
	TALLOC_CTX *tmp = talloc_new(NULL);
	char *copy = talloc_strdup(tmp, path);
	char *save = NULL;
	uint64_t cur = path_base(c, path);
	uint32_t ec = copy ? ecSuccess : ecNotEnoughMemory;
	if (info != NULL)
		*info = (struct mapi_folder_info){.fid = cur, .name = (char *)""};
	for (char *part = copy ? strtok_r(copy, "/", &save) : NULL; ec == ecSuccess && part != NULL;
	     part = strtok_r(NULL, "/", &save)) {
		if (skip_part(part))
			continue;
		struct mapi_object *folder;
		struct mapi_folder_info *list;
		uint32_t n = 0, i = 0;
		ec = mapi_open_folder(c->store, cur, tmp, &folder);
		if (ec == ecSuccess)
			ec = mapi_list_folders(folder, false, tmp, &n, &list);
		while (ec == ecSuccess && i < n && strcasecmp(list[i].name, part) != 0)
			i++;
		if (ec == ecSuccess && i == n)
			ec = ecNotFound;
		if (ec == ecSuccess) {
			cur = list[i].fid;
			if (info != NULL) {
				*info = list[i];
				info->name = talloc_strdup(c->mem, list[i].name);
			}
		}
	}
	talloc_free(tmp);
	if (ec == ecSuccess)
		*fid = cur;
	return ec;
}

uint32_t cli_resolve_folder(struct cli *c, const char *path, uint64_t *fid)
{
	return resolve(c, path, fid, NULL);
}

uint32_t cli_open_path(struct cli *c, const char *path, TALLOC_CTX *mem, struct mapi_object **folder)
{
	uint64_t fid;
	uint32_t ec = cli_resolve_folder(c, path, &fid);
	return ec == ecSuccess ? mapi_open_folder(c->store, fid, mem, folder) : ec;
}

/* "a/b/c" -> parent "a/b", name "c"; "c" -> "", "c"; "/c" -> "/", "c". Trailing slashes are dropped. */
static bool split_path(TALLOC_CTX *mem, const char *path, char **parent, char **name)
{
	char *p = talloc_strdup(mem, path);
	if (p == NULL)
		return false;
	size_t n = strlen(p);
	while (n > 1 && p[n - 1] == '/')
		p[--n] = '\0';
	char *slash = strrchr(p, '/');
	if (slash == NULL) {
		*parent = talloc_strdup(mem, "");
		*name = p;
	} else {
		*name = talloc_strdup(mem, slash + 1);
		*parent = slash == p ? talloc_strdup(mem, "/") : talloc_strndup(mem, p, (size_t)(slash - p));
	}
	return *parent != NULL && *name != NULL && !skip_part(*name);
}

/* A command's options, none taking an argument: bit i of *flags for longopts[i]; false on an unknown one
 * (getopt has said which). */
static bool flag_options(int argc, char **argv, const char *shortopts, const struct option *longopts,
                         unsigned *flags)
{
	int o;
	*flags = 0;
	while ((o = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		unsigned i = 0;
		while (longopts[i].name != NULL && longopts[i].val != o)
			i++;
		if (longopts[i].name == NULL)
			return false;
		*flags |= 1u << i;
	}
	return true;
}

static const struct option no_options[] = {{NULL, 0, NULL, 0}};

/* ---- folders ---- */

/* The path of folders[i] (parents looked up by FID; a hierarchy table need not list parents first). */
static char *folder_path(TALLOC_CTX *mem, const char *prefix, uint64_t base, const struct mapi_folder_info *f,
                         uint32_t n, uint32_t i, unsigned guard)
{
	if (f[i].parent_fid != base && guard < n)
		for (uint32_t k = 0; k < n; k++)
			if (f[k].fid == f[i].parent_fid) {
				char *up = folder_path(mem, prefix, base, f, n, k, guard + 1);
				return up ? talloc_asprintf(mem, "%s/%s", up, f[i].name) : NULL;
			}
	if (*prefix == '\0')
		return talloc_strdup(mem, f[i].name);
	return talloc_asprintf(mem, "%s%s%s", prefix, prefix[strlen(prefix) - 1] == '/' ? "" : "/",
	                       f[i].name);
}

/* The tree in depth-first order (the children of parent in the table's order, each followed by its own),
 * whatever order the server's hierarchy table has: order[] gets indexes, level[] the depth below the listed
 * folder (0 for its children). */
static void tree_order(const struct mapi_folder_info *f, uint32_t n, uint64_t parent, uint32_t lvl,
                       uint32_t *order, uint32_t *level, uint32_t *count)
{
	for (uint32_t i = 0; i < n && lvl < n; i++)
		if (f[i].parent_fid == parent && *count < n) {
			level[i] = lvl;
			order[(*count)++] = i;
			tree_order(f, n, f[i].fid, lvl + 1, order, level, count);
		}
}

int cli_folders(struct cli *c, int argc, char **argv)
{
	unsigned flags;
	if (!flag_options(argc, argv, "", no_options, &flags) || argc - optind > 1)
		return cli_usage(c);
	const char *path = optind < argc ? argv[optind] : "";
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	uint64_t fid;
	struct mapi_object *folder;
	struct mapi_folder_info *f;
	uint32_t n;
	uint32_t ec = cli_resolve_folder(c, path, &fid);
	if (ec == ecSuccess)
		ec = mapi_open_folder(c->store, fid, c->mem, &folder);
	if (ec == ecSuccess)
		ec = mapi_list_folders(folder, true, c->mem, &n, &f);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "listing the folders of \"%s\"", path);
	uint32_t *order = talloc_array(c->mem, uint32_t, n + 1),
	         *level = talloc_zero_array(c->mem, uint32_t, n + 1);
	uint32_t count = 0;
	tree_order(f, n, fid, 0, order, level, &count);
	struct jw j = {0};
	if (c->json)
		jw_open(&j, '[');
	else
		printf("%-50s %8s %8s\n", "FOLDER", "MESSAGES", "UNREAD");
	for (uint32_t k = 0; k < count; k++) {
		uint32_t i = order[k];
		int indent = (int)(level[i] < 20 ? level[i] : 20) * 2;
		if (!c->json) {
			printf("%*s%-*s %8" PRIu32 " %8" PRIu32 "\n", indent, "", 50 - indent, f[i].name,
			       f[i].content_count, f[i].unread_count);
			continue;
		}
		jw_open(&j, '{');
		jw_key(&j, "path");
		jw_str(&j, folder_path(c->mem, path, fid, f, n, i, 0));
		jw_key(&j, "name");
		jw_str(&j, f[i].name);
		jw_key(&j, "fid");
		jw_str(&j, talloc_asprintf(c->mem, "%016" PRIx64, f[i].fid));
		jw_key(&j, "parent_fid");
		jw_str(&j, talloc_asprintf(c->mem, "%016" PRIx64, f[i].parent_fid));
		jw_key(&j, "depth");
		jw_u64(&j, level[i]);
		jw_key(&j, "container_class");
		jw_str(&j, f[i].container_class);
		jw_key(&j, "messages");
		jw_u64(&j, f[i].content_count);
		jw_key(&j, "unread");
		jw_u64(&j, f[i].unread_count);
		jw_key(&j, "has_subfolders");
		jw_bool(&j, f[i].has_subfolders);
		jw_close(&j, '}');
	}
	if (c->json) {
		jw_close(&j, ']');
		jw_end(&j);
	}
	return EXIT_OK;
}

/* ---- mkdir, rmdir ---- */

static void report_folder(struct cli *c, const char *what, const char *path, uint64_t fid)
{
	if (!c->json) {
		printf("%s %s\n", what, path);
		return;
	}
	struct jw j = {0};
	jw_open(&j, '{');
	jw_key(&j, what);
	jw_str(&j, path);
	jw_key(&j, "fid");
	jw_str(&j, talloc_asprintf(c->mem, "%016" PRIx64, fid));
	jw_close(&j, '}');
	jw_end(&j);
}

int cli_mkdir(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"parents", no_argument, NULL, 'p'}, {NULL, 0, NULL, 0}};
	unsigned flags;
	char *parent, *name;
	if (!flag_options(argc, argv, "p", longopts, &flags))
		return cli_usage(c);
	bool parents = flags & 1;
	if (argc - optind != 1 || !split_path(c->mem, argv[optind], &parent, &name))
		return cli_usage(c);
	const char *path = argv[optind];
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	struct mapi_object *folder;
	uint64_t fid = 0;
	uint32_t ec;
	if (!parents) {
		ec = cli_open_path(c, parent, c->mem, &folder);
		if (ec != ecSuccess)
			return cli_fail(c, ec, "the parent folder \"%s\"", parent);
		ec = mapi_create_folder(folder, name, NULL, false, c->mem, NULL, &fid);
		if (ec != ecSuccess)
			return cli_fail(c, ec, "creating \"%s\" in \"%s\"", name, *parent ? parent : "/");
		report_folder(c, "created", path, fid);
		return EXIT_OK;
	}
	/* -p: every component, opened when it exists (RopCreateFolder OpenExisting, MS-OXCFOLD 2.2.1.2.1) */
	char *copy = talloc_strdup(c->mem, path);
	char *save = NULL;
	ec = mapi_open_folder(c->store, path_base(c, path), c->mem, &folder);
	for (char *part = strtok_r(copy, "/", &save); ec == ecSuccess && part != NULL;
	     part = strtok_r(NULL, "/", &save)) {
		if (skip_part(part))
			continue;
		struct mapi_object *child;
		ec = mapi_create_folder(folder, part, NULL, true, c->mem, &child, &fid);
		if (ec == ecSuccess)
			folder = child;
		else
			rc = cli_fail(c, ec, "creating \"%s\"", part);
	}
	if (ec != ecSuccess)
		return rc;
	report_folder(c, "created", path, fid);
	return EXIT_OK;
}

int cli_rmdir(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {
	        {"recursive", no_argument, NULL, 'r'}, {"hard", no_argument, NULL, 'H'}, {NULL, 0, NULL, 0}};
	unsigned opt;
	if (!flag_options(argc, argv, "r", longopts, &opt))
		return cli_usage(c);
	uint8_t flags =
	        (uint8_t)((opt & 1 ? DEL_MESSAGES | DEL_FOLDERS : 0) | (opt & 2 ? DELETE_HARD_DELETE : 0));
	char *parent, *name;
	if (argc - optind != 1 || !split_path(c->mem, argv[optind], &parent, &name))
		return cli_usage(c);
	const char *path = argv[optind];
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	struct mapi_folder_info info;
	struct mapi_object *pf;
	uint64_t fid;
	uint32_t ec = resolve(c, path, &fid, &info);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", path);
	if (!(flags & DEL_FOLDERS) && (info.content_count > 0 || info.has_subfolders))
		return cli_error(c, EXIT_MAPI, "\"%s\" is not empty (%" PRIu32 " messages%s): use rmdir -r",
		                 path, info.content_count, info.has_subfolders ? ", subfolders" : "");
	ec = cli_open_path(c, parent, c->mem, &pf);
	if (ec == ecSuccess)
		ec = mapi_delete_folder(pf, fid, flags);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "deleting \"%s\"%s", path,
		                ec == ecWarnWithErrors ? " (the server deleted only part of it)" : "");
	report_folder(c, "deleted", path, fid);
	return EXIT_OK;
}

/* ---- mv, cp, rm ---- */

static int move_copy_message(struct cli *c, const char *src, const char *folder, uint64_t mid,
                             const char *dst, bool copy)
{
	struct mapi_object *sf, *df;
	uint32_t ec = cli_open_path(c, folder, c->mem, &sf);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", folder);
	ec = cli_open_path(c, dst, c->mem, &df);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the destination folder \"%s\"", dst);
	ec = mapi_move_copy_messages(sf, df, 1, &mid, copy);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "%s %s to \"%s\"", copy ? "copying" : "moving", src, dst);
	if (c->json) {
		struct jw j = {0};
		jw_open(&j, '{');
		jw_key(&j, copy ? "copied" : "moved");
		jw_str(&j, src);
		jw_key(&j, "to");
		jw_str(&j, dst);
		jw_close(&j, '}');
		jw_end(&j);
	} else {
		printf("%s %s to %s\n", copy ? "copied" : "moved", src, dst);
	}
	return EXIT_OK;
}

static int move_copy(struct cli *c, int argc, char **argv, bool copy)
{
	unsigned flags;
	if (!flag_options(argc, argv, "", no_options, &flags) || argc - optind != 2)
		return cli_usage(c);
	const char *src = argv[optind], *dst = argv[optind + 1];
	char *src_parent, *src_name, *folder;
	uint64_t mid;
	bool is_message = cli_parse_message_id(c->mem, src, &folder, &mid);
	if (!is_message && !split_path(c->mem, src, &src_parent, &src_name))
		return cli_usage(c);
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	if (is_message)
		return move_copy_message(c, src, folder, mid, dst, copy);
	uint64_t fid, dst_fid;
	uint32_t ec = cli_resolve_folder(c, src, &fid);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", src);
	/* DEST: an existing folder receives SOURCE under its own name; else DEST's parent receives it as
	 * DEST's last component */
	const char *into = dst, *new_name = src_name;
	char *dst_parent, *dst_name;
	if (cli_resolve_folder(c, dst, &dst_fid) != ecSuccess) {
		if (!split_path(c->mem, dst, &dst_parent, &dst_name))
			return cli_usage(c);
		into = dst_parent;
		new_name = dst_name;
	}
	struct mapi_object *sp, *dp;
	ec = cli_open_path(c, src_parent, c->mem, &sp);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the folder \"%s\"", src_parent);
	ec = cli_open_path(c, into, c->mem, &dp);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "the destination folder \"%s\"", into);
	ec = copy ? mapi_copy_folder(sp, dp, fid, new_name, true) : mapi_move_folder(sp, dp, fid, new_name);
	if (ec != ecSuccess)
		return cli_fail(c, ec, "%s \"%s\" to \"%s\"", copy ? "copying" : "moving", src, dst);
	char *final = talloc_asprintf(c->mem, "%s%s%s", into,
	                              *into && into[strlen(into) - 1] != '/' ? "/" : "", new_name);
	report_folder(c, copy ? "copied" : "moved", final, fid);
	return EXIT_OK;
}

int cli_mv(struct cli *c, int argc, char **argv)
{
	return move_copy(c, argc, argv, false);
}

int cli_cp(struct cli *c, int argc, char **argv)
{
	return move_copy(c, argc, argv, true);
}

int cli_rm(struct cli *c, int argc, char **argv)
{
	static const struct option longopts[] = {{"hard", no_argument, NULL, 'H'}, {NULL, 0, NULL, 0}};
	unsigned flags;
	if (!flag_options(argc, argv, "", longopts, &flags))
		return cli_usage(c);
	bool hard = flags & 1;
	if (optind >= argc)
		return cli_usage(c);
	for (int i = optind; i < argc; i++) {
		char *folder;
		uint64_t mid;
		if (!cli_parse_message_id(c->mem, argv[i], &folder, &mid))
			return cli_error(c, EXIT_USAGE,
			                 "\"%s\" is not a MESSAGE-ID (FOLDER:MID as ls prints it)", argv[i]);
	}
	int rc = cli_connect(c);
	if (rc != EXIT_OK)
		return rc;
	for (int i = optind; i < argc; i++) {
		char *folder;
		uint64_t mid;
		struct mapi_object *f;
		cli_parse_message_id(c->mem, argv[i], &folder, &mid);
		uint32_t ec = cli_open_path(c, folder, c->mem, &f);
		if (ec == ecSuccess)
			ec = mapi_delete_messages(f, 1, &mid, hard);
		if (ec != ecSuccess) /* under --json only the error object: the ones before are deleted */
			return cli_fail(c, ec, "deleting %s%s", argv[i],
			                i > optind ? " (the messages before it were deleted)" : "");
		if (!c->json)
			printf("deleted %s\n", argv[i]);
	}
	if (c->json) {
		struct jw j = {0};
		jw_open(&j, '[');
		for (int i = optind; i < argc; i++)
			jw_str(&j, argv[i]);
		jw_close(&j, ']');
		jw_end(&j);
	}
	return EXIT_OK;
}
