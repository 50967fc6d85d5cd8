/* ROPs of the Email Object protocol's submission and transport part: MS-OXOMSG 2.2.4 and 2.2.5 (wire layouts
 * in MS-OXCROPS 2.2.7; MS-OXOMSG itself is not among the offline specs, so the fields follow the
 * MS-OXCROPS 2.2.7 statements of requirements/MS-OXCROPS.tsv). MIDs and FIDs are uint64_t as read
 * little-endian from their 8 wire bytes; Boolean fields keep their wire byte. */
#ifndef MAPI_ROP_OXOMSG_H
#define MAPI_ROP_OXOMSG_H

#include "mapi/mapi_propval.h"
#include "mapi/rop_codec.h"

/* MS-OXOMSG 2.2.4.1.1 SubmitFlags */
#define SUBMIT_FLAG_NONE 0x00
#define SUBMIT_FLAG_PRE_PROCESS 0x01
#define SUBMIT_FLAG_NEEDS_SPOOLER 0x02

/* MS-OXOMSG 2.2.5.3.1 LockState */
#define LOCK_STATE_LOCK 0x00
#define LOCK_STATE_UNLOCK 0x01
#define LOCK_STATE_FINISHED 0x02

/* MS-OXCROPS 2.2.7.1.1 RopSubmitMessage request */
struct rop_submit_message_req {
	uint8_t submit_flags; /* SUBMIT_FLAG_* */
};

/* MS-OXCROPS 2.2.7.2.1 RopAbortSubmit request */
struct rop_abort_submit_req {
	uint64_t folder_id;
	uint64_t message_id;
};

/* MS-OXCROPS 2.2.7.3.2 RopGetAddressTypes success response. AddressTypeSize, the byte size of the strings, is
 * computed when encoding and checked when decoding. */
struct rop_get_address_types_rsp {
	uint16_t address_type_count;
	char **address_types; /* NUL-terminated 8-bit strings */
};

/* MS-OXCROPS 2.2.7.5.1 RopSpoolerLockMessage request */
struct rop_spooler_lock_message_req {
	uint64_t message_id;
	uint8_t lock_state; /* LOCK_STATE_* */
};

/* MS-OXCROPS 2.2.7.6.2 RopTransportSend success response */
struct rop_transport_send_rsp {
	uint8_t no_properties_returned;
	uint16_t property_value_count;
	struct mapi_propval *property_values; /* TaggedPropertyValues, ROP widths */
};

/* MS-OXCROPS 2.2.7.7.1 RopTransportNewMail request */
struct rop_transport_new_mail_req {
	uint64_t message_id;
	uint64_t folder_id;
	char *message_class;    /* NUL-terminated 8-bit string */
	uint32_t message_flags; /* PidTagMessageFlags of the new message */
};

/* MS-OXCROPS 2.2.7.8.2 RopGetTransportFolder success response */
struct rop_get_transport_folder_rsp {
	uint64_t folder_id;
};

/* MS-OXCROPS 2.2.7.9 RopOptionsData */
struct rop_options_data_req {
	char *address_type; /* NUL-terminated 8-bit string */
	uint8_t want_win32;
};
struct rop_options_data_rsp {
	uint8_t reserved; /* "MUST be set to 0x01" */
	uint16_t options_info_size;
	uint8_t *options_info;
	uint16_t help_file_size;
	uint8_t *help_file;   /* only when help_file_size is nonzero */
	char *help_file_name; /* NUL-terminated 8-bit string, only when help_file_size is nonzero */
};

ROP_DECLARE_FIELDS(submit_message_req);
ROP_DECLARE_FIELDS(abort_submit_req);
ROP_DECLARE_BODY(get_address_types_rsp);
ROP_DECLARE_FIELDS(spooler_lock_message_req);
ROP_DECLARE_BODY(transport_send_rsp);
ROP_DECLARE_BODY(transport_new_mail_req);
ROP_DECLARE_FIELDS(get_transport_folder_rsp);
ROP_DECLARE_BODY(options_data_req);
ROP_DECLARE_BODY(options_data_rsp);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). */
#define ROP_OXOMSG_REQUESTS                                                                                  \
	struct rop_submit_message_req submit_message;                                                        \
	struct rop_abort_submit_req abort_submit;                                                            \
	struct rop_spooler_lock_message_req spooler_lock_message;                                            \
	struct rop_transport_new_mail_req transport_new_mail;                                                \
	struct rop_options_data_req options_data;
#define ROP_OXOMSG_RESPONSES                                                                                 \
	struct rop_get_address_types_rsp get_address_types;                                                  \
	struct rop_transport_send_rsp transport_send;                                                        \
	struct rop_get_transport_folder_rsp get_transport_folder;                                            \
	struct rop_options_data_rsp options_data;

#endif
