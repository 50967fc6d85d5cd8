/* MAPIStore: the special folders of a private mailbox (MS-OXOSFLD 2.2.1, MS-OXCSTOR 2.2.1.1.3), created
 * through the API so that every backend gets them the same way. */
#include <string.h>

#include "common/mapi_errors.h"
#include "mapi/mapi_proptags.h"
#include "store/mapistore_private.h"

#define SPECIAL_KEY "special_folders"

enum { EN, DE, FR, NLANG };

static const struct special {
	enum ms_special_folder id;
	enum ms_special_folder parent;
	uint8_t type;
	const char *container_class; /* MS-OXOSFLD 2.2.1, NULL: none */
	const char *name[NLANG];     /* a single name: not shown to users, not translated */
} specials[] = {
        {MS_SPECIAL_DEFERRED_ACTION, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Deferred Action"}},
        {MS_SPECIAL_SPOOLER_QUEUE, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Spooler Queue"}},
        {MS_SPECIAL_IPM_SUBTREE,
         MS_SPECIAL_ROOT,
         MS_FOLDER_GENERIC,
         NULL,
         {"Top of Information Store", "Oberste Ebene des Informationsspeichers",
          "Haut de la banque d'informations"}},
        {MS_SPECIAL_INBOX,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Inbox", "Posteingang", "Boîte de réception"}},
        {MS_SPECIAL_OUTBOX,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Outbox", "Postausgang", "Boîte d'envoi"}},
        {MS_SPECIAL_SENT_ITEMS,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Sent Items", "Gesendete Elemente", "Éléments envoyés"}},
        {MS_SPECIAL_DELETED_ITEMS,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Deleted Items", "Gelöschte Elemente", "Éléments supprimés"}},
        {MS_SPECIAL_COMMON_VIEWS, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Common Views"}},
        {MS_SPECIAL_SCHEDULE, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Schedule"}},
        {MS_SPECIAL_FINDER, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Finder"}},
        {MS_SPECIAL_VIEWS, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Views"}},
        {MS_SPECIAL_SHORTCUTS, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Shortcuts"}},
        {MS_SPECIAL_CALENDAR,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Appointment",
         {"Calendar", "Kalender", "Calendrier"}},
        {MS_SPECIAL_CONTACTS,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Contact",
         {"Contacts", "Kontakte", "Contacts"}},
        {MS_SPECIAL_JOURNAL,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Journal",
         {"Journal", "Journal", "Journal"}},
        {MS_SPECIAL_NOTES,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.StickyNote",
         {"Notes", "Notizen", "Notes"}},
        {MS_SPECIAL_TASKS,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Task",
         {"Tasks", "Aufgaben", "Tâches"}},
        {MS_SPECIAL_DRAFTS,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Drafts", "Entwürfe", "Brouillons"}},
        {MS_SPECIAL_JUNK,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Junk E-Mail", "Junk-E-Mail", "Courrier indésirable"}},
        {MS_SPECIAL_SYNC_ISSUES,
         MS_SPECIAL_IPM_SUBTREE,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Sync Issues", "Synchronisierungsprobleme", "Problèmes de synchronisation"}},
        {MS_SPECIAL_CONFLICTS,
         MS_SPECIAL_SYNC_ISSUES,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Conflicts", "Konflikte", "Conflits"}},
        {MS_SPECIAL_LOCAL_FAILURES,
         MS_SPECIAL_SYNC_ISSUES,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Local Failures", "Lokale Fehler", "Échecs locaux"}},
        {MS_SPECIAL_SERVER_FAILURES,
         MS_SPECIAL_SYNC_ISSUES,
         MS_FOLDER_GENERIC,
         "IPF.Note",
         {"Server Failures", "Serverfehler", "Échecs du serveur"}},
        {MS_SPECIAL_REMINDERS, MS_SPECIAL_ROOT, MS_FOLDER_SEARCH, "Outlook.Reminder", {"Reminders"}},
        {MS_SPECIAL_FREEBUSY_DATA, MS_SPECIAL_ROOT, MS_FOLDER_GENERIC, NULL, {"Freebusy Data"}},
};

/* Entry-ID properties on the Root folder and the Inbox that tell clients where the special folders are
 * (MS-OXOSFLD 2.2.3, 2.2.4). */
static const struct {
	uint32_t tag;
	enum ms_special_folder folder;
} entryid_props[] = {
        {PidTagIpmAppointmentEntryId, MS_SPECIAL_CALENDAR},
        {PidTagIpmContactEntryId, MS_SPECIAL_CONTACTS},
        {PidTagIpmJournalEntryId, MS_SPECIAL_JOURNAL},
        {PidTagIpmNoteEntryId, MS_SPECIAL_NOTES},
        {PidTagIpmTaskEntryId, MS_SPECIAL_TASKS},
        {PidTagRemindersOnlineEntryId, MS_SPECIAL_REMINDERS},
        {PidTagIpmDraftsEntryId, MS_SPECIAL_DRAFTS},
};
/* PidTagAdditionalRenEntryIds, by index (MS-OXOSFLD 2.2.4) */
static const enum ms_special_folder additional_ren[] = {MS_SPECIAL_CONFLICTS, MS_SPECIAL_SYNC_ISSUES,
                                                        MS_SPECIAL_LOCAL_FAILURES, MS_SPECIAL_SERVER_FAILURES,
                                                        MS_SPECIAL_JUNK};

static uint32_t set_entryids(struct ms_folder *f, const uint64_t *fids, TALLOC_CTX *tmp)
{
	const size_t n = sizeof entryid_props / sizeof entryid_props[0];
	struct mapi_propval pv[sizeof entryid_props / sizeof entryid_props[0] + 1];
	uint32_t ec = ecSuccess;
	for (size_t i = 0; i < n && ec == ecSuccess; i++) {
		pv[i].tag = entryid_props[i].tag;
		ec = ms_folder_entryid(tmp, f->obj.mb, fids[entryid_props[i].folder], &pv[i].value.bin);
	}
	const size_t nren = sizeof additional_ren / sizeof additional_ren[0];
	struct mapi_binary *ren = talloc_array(tmp, struct mapi_binary, nren);
	if (ren == NULL)
		return ecMAPIOOM;
	for (size_t i = 0; i < nren && ec == ecSuccess; i++)
		ec = ms_folder_entryid(tmp, f->obj.mb, fids[additional_ren[i]], &ren[i]);
	pv[n] = (struct mapi_propval){.tag = PidTagAdditionalRenEntryIds,
	                              .value.mv = {.count = nren, .bin = ren}};
	struct mapi_propproblem *pp;
	uint32_t np;
	if (ec == ecSuccess)
		ec = ms_props_set(&f->obj, pv, (uint32_t)n + 1, tmp, &pp, &np);
	return ec == ecSuccess && np != 0 ? pp[0].error : ec;
}

static uint32_t store_fids(struct ms_mailbox *mb, const uint64_t *fids, TALLOC_CTX *tmp)
{
	struct wc_writer w;
	wc_writer_init(&w, tmp, 0);
	for (int i = 0; i < MS_SPECIAL_COUNT; i++)
		wc_write_u64(&w, fids[i]);
	if (wc_writer_status(&w) != 0)
		return ecMAPIOOM;
	struct mapi_binary v = {(uint32_t)w.len, w.data};
	return mb->backends[0]->ops->meta_put(mb->backends[0], SPECIAL_KEY, &v);
}

uint32_t ms_mailbox_special_folders(struct ms_mailbox *mb, uint64_t fids[MS_SPECIAL_COUNT])
{
	struct mapi_binary v;
	uint32_t ec = mb->backends[0]->ops->meta_get(mb->backends[0], SPECIAL_KEY, NULL, &v);
	if (ec != ecSuccess)
		return ec;
	struct wc_reader r;
	wc_reader_init(&r, v.data, v.len);
	memset(fids, 0, sizeof(uint64_t) * MS_SPECIAL_COUNT);
	/* older lists may be shorter: the folders they do not name are 0 */
	for (int i = 0; i < MS_SPECIAL_COUNT && wc_read_u64(&r, &fids[i]); i++)
		;
	talloc_free(v.data);
	return ecSuccess;
}

uint32_t ms_mailbox_provision(struct ms_mailbox *mb, const char *locale)
{
	uint64_t fids[MS_SPECIAL_COUNT] = {0};
	if (ms_mailbox_special_folders(mb, fids) == ecSuccess)
		return ecDuplicateObject;
	int lang = locale && strncmp(locale, "de", 2) == 0   ? DE
	           : locale && strncmp(locale, "fr", 2) == 0 ? FR
	                                                     : EN;
	TALLOC_CTX *tmp = talloc_new(NULL);
	struct ms_folder *folders[MS_SPECIAL_COUNT] = {NULL};
	fids[MS_SPECIAL_ROOT] = mb->info.root_fid;
	uint32_t ec = ms_folder_open(mb, mb->info.root_fid, tmp, &folders[MS_SPECIAL_ROOT]);
	for (size_t i = 0; ec == ecSuccess && i < sizeof specials / sizeof specials[0]; i++) {
		const struct special *s = &specials[i];
		const char *name = s->name[lang] ? s->name[lang] : s->name[EN];
		struct ms_folder *f;
		ec = ms_folder_create(folders[s->parent], s->type, name, NULL, false, &f, NULL);
		if (ec != ecSuccess)
			break;
		folders[s->id] = f;
		fids[s->id] = ms_folder_get_id(f);
		if (s->container_class != NULL) {
			struct mapi_propval pv = {.tag = PidTagContainerClass,
			                          .value.str = (char *)s->container_class};
			struct mapi_propproblem *pp;
			uint32_t np;
			ec = ms_props_set(&f->obj, &pv, 1, tmp, &pp, &np);
		}
	}
	if (ec == ecSuccess)
		ec = set_entryids(folders[MS_SPECIAL_ROOT], fids, tmp);
	if (ec == ecSuccess)
		ec = set_entryids(folders[MS_SPECIAL_INBOX], fids, tmp);
	/* MS-OXCSTOR 3.2.5.2: the default receive folders */
	static const char *const inbox_classes[] = {"", "IPM", "Report.IPM"};
	for (size_t i = 0; ec == ecSuccess && i < sizeof inbox_classes / sizeof inbox_classes[0]; i++)
		ec = ms_receive_folder_set(mb, inbox_classes[i], fids[MS_SPECIAL_INBOX]);
	if (ec == ecSuccess)
		ec = ms_receive_folder_set(mb, "IPC", fids[MS_SPECIAL_ROOT]);
	/* last: a mailbox whose provisioning stopped half-way can be provisioned again after cleanup */
	if (ec == ecSuccess)
		ec = store_fids(mb, fids, tmp);
	talloc_free(tmp);
	return ec;
}
