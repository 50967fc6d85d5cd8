/* Declarations of the ROP handlers registered in emsmdb_rops.c, grouped by the spec file that implements
 * them (see docs/emsmdb.md). Each has the emsmdb_rop_fn signature of emsmdb.h. */
#ifndef WC_EMSMDB_ROPS_H
#define WC_EMSMDB_ROPS_H

#include "server/emsmdb/emsmdb.h"

/* emsmdb_rops.c: MS-OXCROPS 2.2.15 */
uint32_t emsmdb_rop_release(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp);

/* oxcstor.c (MS-OXCSTOR 3.2.5) */
uint32_t emsmdb_rop_logon(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                          struct rop_response *rsp);
uint32_t emsmdb_rop_get_receive_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_set_receive_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_get_receive_folder_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                             struct rop_response *rsp);
uint32_t emsmdb_rop_long_term_id_from_id(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_id_from_long_term_id(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_get_per_user_long_term_ids(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                               struct rop_response *rsp);
uint32_t emsmdb_rop_get_per_user_guid(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp);
uint32_t emsmdb_rop_read_per_user_information(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                              struct rop_response *rsp);
uint32_t emsmdb_rop_write_per_user_information(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                               struct rop_response *rsp);
uint32_t emsmdb_rop_get_store_state(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);

/* oxcfold.c (MS-OXCFOLD 3.2.5) */
uint32_t emsmdb_rop_open_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_create_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp);
uint32_t emsmdb_rop_delete_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp);
uint32_t emsmdb_rop_get_hierarchy_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                        struct rop_response *rsp);
uint32_t emsmdb_rop_get_contents_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_empty_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp);
uint32_t emsmdb_rop_hard_delete_messages_and_subfolders(struct emsmdb_rop_ctx *ctx,
                                                        const struct rop_request *req,
                                                        struct rop_response *rsp);
uint32_t emsmdb_rop_delete_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);
uint32_t emsmdb_rop_hard_delete_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_move_copy_messages(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_move_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_copy_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_search_criteria(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);

/* oxcmsg.c: MS-OXCMSG 3.2.5 */
uint32_t emsmdb_rop_open_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp);
uint32_t emsmdb_rop_create_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp);
uint32_t emsmdb_rop_save_changes_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_remove_all_recipients(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp);
uint32_t emsmdb_rop_modify_recipients(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp);
uint32_t emsmdb_rop_read_recipients(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);
uint32_t emsmdb_rop_reload_cached_information(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                              struct rop_response *rsp);
uint32_t emsmdb_rop_set_message_status(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_get_message_status(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_set_read_flags(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp);
uint32_t emsmdb_rop_set_message_read_flag(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp);
uint32_t emsmdb_rop_get_attachment_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_open_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);
uint32_t emsmdb_rop_create_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp);
uint32_t emsmdb_rop_delete_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp);
uint32_t emsmdb_rop_save_changes_attachment(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                            struct rop_response *rsp);
uint32_t emsmdb_rop_get_valid_attachments(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp);
uint32_t emsmdb_rop_open_embedded_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp);

/* oxctabl.c: MS-OXCTABL 3.2.5, every table ROP (RopSetColumns ... RopSetCollapseState) */
uint32_t emsmdb_rop_table(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                          struct rop_response *rsp);
/* oxcprpt.c: MS-OXCPRPT 3.2.5 (property ROPs; the stream ROPs are in oxcprpt_stream.c) */
uint32_t emsmdb_rop_get_properties_specific(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                            struct rop_response *rsp);
uint32_t emsmdb_rop_get_properties_all(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_get_properties_list(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                        struct rop_response *rsp);
/* RopSetProperties, RopSetPropertiesNoReplicate, RopDeleteProperties, RopDeletePropertiesNoReplicate */
uint32_t emsmdb_rop_change_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp);
uint32_t emsmdb_rop_query_named_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                           struct rop_response *rsp);
uint32_t emsmdb_rop_copy_properties(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);
uint32_t emsmdb_rop_copy_to(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                            struct rop_response *rsp);
uint32_t emsmdb_rop_get_property_ids_from_names(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                                struct rop_response *rsp);
uint32_t emsmdb_rop_get_names_from_property_ids(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                                struct rop_response *rsp);

/* oxcprpt_stream.c: MS-OXCPRPT 3.2.5.11 - 3.2.5.22 (the Stream object). emsmdb_streams_commit(): commits
 * the streams open on a message or attachment object, before its RopSaveChangesMessage/-Attachment. */
uint32_t emsmdb_streams_commit(struct emsmdb_object *o);
uint32_t emsmdb_rop_open_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_read_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_write_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp);
uint32_t emsmdb_rop_write_stream_extended(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                          struct rop_response *rsp);
uint32_t emsmdb_rop_commit_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                  struct rop_response *rsp);
uint32_t emsmdb_rop_write_and_commit_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                            struct rop_response *rsp);
uint32_t emsmdb_rop_get_stream_size(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);
uint32_t emsmdb_rop_set_stream_size(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                    struct rop_response *rsp);
uint32_t emsmdb_rop_seek_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_copy_to_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp);
uint32_t emsmdb_rop_lock_region_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                       struct rop_response *rsp);
uint32_t emsmdb_rop_unlock_region_stream(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
/* oxomsg.c: MS-OXOMSG 3.3.5 */
uint32_t emsmdb_rop_submit_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp);
uint32_t emsmdb_rop_abort_submit(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp);
uint32_t emsmdb_rop_get_address_types(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                      struct rop_response *rsp);
uint32_t emsmdb_rop_set_spooler(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                struct rop_response *rsp);
uint32_t emsmdb_rop_spooler_lock_message(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_transport_send(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                   struct rop_response *rsp);
uint32_t emsmdb_rop_get_transport_folder(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                         struct rop_response *rsp);
uint32_t emsmdb_rop_options_data(struct emsmdb_rop_ctx *ctx, const struct rop_request *req,
                                 struct rop_response *rsp);

#endif
