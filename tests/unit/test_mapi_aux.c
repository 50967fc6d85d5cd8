/* src/mapi/mapi_aux.c: MS-OXCRPC 2.2.2.2 AUX_HEADER and auxiliary block structures. */
#include "testutil.h"
#include "common/wc_error.h"
#include "mapi/mapi_aux.h"
#include "mapi/mapi_rpc_ext.h"

#include <string.h>

static struct mapi_aux_list *pull_ok(void **state, const uint8_t *b, size_t n)
{
	struct wc_reader r;
	struct mapi_aux_list *aux = NULL;
	wc_reader_init(&r, b, n);
	assert_int_equal(mapi_aux_pull(&r, *state, &aux), 0);
	assert_int_equal(wc_reader_left(&r), 0);
	return aux;
}

static int pull_rc(void **state, const uint8_t *b, size_t n)
{
	struct wc_reader r;
	struct mapi_aux_list *aux = (struct mapi_aux_list *)0x1;
	wc_reader_init(&r, b, n);
	int rc = mapi_aux_pull(&r, *state, &aux);
	if (rc != 0)
		assert_ptr_equal(aux, (struct mapi_aux_list *)0x1); /* untouched on failure */
	return rc;
}

static void push_equals(void **state, const struct mapi_aux_list *aux, const uint8_t *want, size_t n)
{
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_push(&w, aux), 0);
	tu_assert_bytes(w.data, w.len, want, n);
}

/* MS-OXCRPC 4.1: rgbAuxOut of EcDoConnectEx, an RPC_HEADER_EXT and one AUX_EXORGINFO block */
static void test_example_4_1_exorginfo(void **state)
{
	size_t n;
	uint8_t *b = tu_vector(*state, "MS-OXCRPC-4.1-rgbAuxOut.hex", NULL, &n);
	assert_int_equal(n, 16);
	/* RPC_HEADER_EXT (2.2.2.1): Version 0, Flags Last, Size 8, SizeActual 8; the payload follows */
	static const uint8_t rpc_header_ext[] = {0x00, 0x00, 0x04, 0x00, 0x08, 0x00, 0x08, 0x00};
	tu_assert_bytes(b, 8, rpc_header_ext, 8);
	struct mapi_aux_list *aux = pull_ok(state, b + 8, 8);
	assert_int_equal(aux->count, 1);
	assert_int_equal(aux->blocks[0].version, AUX_VERSION_1);
	assert_int_equal(aux->blocks[0].type, AUX_TYPE_EXORGINFO);
	assert_int_equal(aux->blocks[0].layout, MAPI_AUX_EXORGINFO);
	assert_int_equal(aux->blocks[0].flags.flags, PUBLIC_FOLDERS_ENABLED);
	push_equals(state, aux, b + 8, 8);
}

/* The same 16 bytes through the buffer layer: RPC_HEADER_EXT removed on the way in, put back with Last on the
 * way out */
static void test_example_4_1_whole_buffer(void **state)
{
	size_t n;
	uint8_t *b = tu_vector(*state, "MS-OXCRPC-4.1-rgbAuxOut.hex", NULL, &n);
	struct mapi_aux_list *aux;
	assert_int_equal(mapi_aux_buffer_pull(*state, b, n, &aux), 0);
	assert_int_equal(aux->count, 1);
	assert_int_equal(aux->blocks[0].flags.flags, PUBLIC_FOLDERS_ENABLED);
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_buffer_push(&w, 0, aux), 0);
	tu_assert_bytes(w.data, w.len, b, n);
	/* obfuscated (3.1.4.1.1.3) and read back */
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_buffer_push(&w, MAPI_RPC_EXT_XOR_MAGIC, aux), 0);
	assert_int_equal(w.data[2], MAPI_RPC_EXT_XOR_MAGIC | MAPI_RPC_EXT_LAST);
	assert_int_equal(w.data[8], 0x08 ^ 0xA5);
	struct mapi_aux_list *back;
	assert_int_equal(mapi_aux_buffer_pull(*state, w.data, w.len, &back), 0);
	assert_int_equal(back->blocks[0].flags.flags, PUBLIC_FOLDERS_ENABLED);
	/* AuxiliaryBufferSize 0: no blocks, and none written */
	assert_int_equal(mapi_aux_buffer_pull(*state, NULL, 0, &back), 0);
	assert_int_equal(back->count, 0);
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_buffer_push(&w, 0, back), 0);
	assert_int_equal(w.len, 0);
	/* a header without the blocks it announces; blocks without a header */
	assert_int_equal(mapi_aux_buffer_pull(*state, b, 12, &back), WC_EFORMAT);
	assert_int_equal(mapi_aux_buffer_pull(*state, b + 8, 8, &back), WC_EFORMAT);
}

static void test_layout_tables(void **state)
{
	assert_int_equal(mapi_aux_layout_of(1, 0x01), MAPI_AUX_PERF_REQUESTID);
	assert_int_equal(mapi_aux_layout_of(1, 0x04), MAPI_AUX_PERF_SESSIONINFO);
	assert_int_equal(mapi_aux_layout_of(2, 0x04), MAPI_AUX_PERF_SESSIONINFO_V2);
	assert_int_equal(mapi_aux_layout_of(1, 0x0C), MAPI_AUX_PERF_DEFMDB_SUCCESS); /* BG */
	assert_int_equal(mapi_aux_layout_of(1, 0x12), MAPI_AUX_PERF_DEFGC_SUCCESS);  /* FG */
	assert_int_equal(mapi_aux_layout_of(2, 0x13), MAPI_AUX_PERF_MDB_SUCCESS_V2);
	assert_int_equal(mapi_aux_layout_of(2, 0x0F), MAPI_AUX_PERF_GC_SUCCESS_V2);
	assert_int_equal(mapi_aux_layout_of(2, 0x10), MAPI_AUX_PERF_FAILURE_V2);
	assert_int_equal(mapi_aux_layout_of(2, 0x0B), MAPI_AUX_PERF_PROCESSINFO); /* same structure in V2 */
	assert_int_equal(mapi_aux_layout_of(1, 0x46), MAPI_AUX_SERVER_CAPABILITIES);
	assert_int_equal(mapi_aux_layout_of(1, 0x48), MAPI_AUX_ENDPOINT_CAPABILITIES);
	assert_int_equal(mapi_aux_layout_of(1, 0x4A), MAPI_AUX_CLIENT_CONNECTION_INFO);
	assert_int_equal(mapi_aux_layout_of(1, 0x4B), MAPI_AUX_SERVER_SESSION_INFO);
	assert_int_equal(mapi_aux_layout_of(1, 0x4E), MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION);
	/* not in the tables */
	assert_int_equal(mapi_aux_layout_of(2, 0x05), MAPI_AUX_RAW); /* no V2 DEFMDB_SUCCESS */
	assert_int_equal(mapi_aux_layout_of(2, 0x16), MAPI_AUX_RAW);
	assert_int_equal(mapi_aux_layout_of(1, 0x00), MAPI_AUX_RAW);
	assert_int_equal(mapi_aux_layout_of(1, 0x19), MAPI_AUX_RAW);
	assert_int_equal(mapi_aux_layout_of(1, 0x4C), MAPI_AUX_RAW);
	assert_int_equal(mapi_aux_layout_of(1, 0xFF), MAPI_AUX_RAW);
	assert_int_equal(mapi_aux_layout_of(3, 0x01), MAPI_AUX_RAW);
	assert_int_equal(mapi_aux_layout_of(0, 0x17), MAPI_AUX_RAW);
}

/* The size of each block structure's fixed part, added up from the field tables of 2.2.2.2.1-2.2.2.2.22: a
 * block of exactly that size decodes (offsets 0: no strings), one byte less is malformed. */
static void test_fixed_sizes_of_every_block(void **state)
{
	static const struct {
		uint8_t version, type;
		size_t size;
	} blocks[] = {
	        {1, 0x01, 2 + 2},                     /* PERF_REQUESTID */
	        {1, 0x02, 4 + 2 * 12},                /* PERF_CLIENTINFO */
	        {1, 0x03, 2 * 4},                     /* PERF_SERVERINFO */
	        {1, 0x04, 2 + 2 + 16},                /* PERF_SESSIONINFO */
	        {2, 0x04, 2 + 2 + 16 + 4},            /* PERF_SESSIONINFO_V2 */
	        {1, 0x05, 4 + 4 + 2 + 2},             /* PERF_DEFMDB_SUCCESS */
	        {1, 0x06, 2 + 2 + 4 + 4 + 1 + 3},     /* PERF_DEFGC_SUCCESS */
	        {1, 0x07, 2 * 4 + 4 + 4},             /* PERF_MDB_SUCCESS */
	        {2, 0x07, 2 * 5 + 2 + 4 + 4},         /* PERF_MDB_SUCCESS_V2 */
	        {1, 0x08, 2 * 3 + 2 + 4 + 4 + 1 + 3}, /* PERF_GC_SUCCESS */
	        {2, 0x08, 2 * 4 + 4 + 4 + 1 + 3},     /* PERF_GC_SUCCESS_V2 */
	        {1, 0x09, 2 * 4 + 4 * 3 + 1 + 3},     /* PERF_FAILURE */
	        {2, 0x09, 2 * 5 + 2 + 4 * 3 + 1 + 3}, /* PERF_FAILURE_V2 */
	        {1, 0x0A, 4 + 4},                     /* CLIENT_CONTROL */
	        {1, 0x0B, 2 + 2 + 16 + 2 + 2},        /* PERF_PROCESSINFO */
	        {2, 0x0B, 2 + 2 + 16 + 2 + 2},
	        {1, 0x0E, 2 * 4 + 4 + 4},             /* PERF_BG_MDB_SUCCESS */
	        {2, 0x15, 2 * 5 + 2 + 4 * 3 + 1 + 3}, /* PERF_FG_FAILURE V2 */
	        {1, 0x16, 4 * 4 + 132 + 2 + 2 + 4},   /* OSVERSIONINFO */
	        {1, 0x17, 4},                         /* EXORGINFO */
	        {1, 0x18, 2 + 2 + 16},                /* PERF_ACCOUNTINFO */
	        {1, 0x46, 4},                         /* SERVER_CAPABILITIES */
	        {1, 0x48, 4},                         /* ENDPOINT_CAPABILITIES */
	        {1, 0x4A, 16 + 2 + 2 + 4 + 4},        /* CLIENT_CONNECTION_INFO */
	        {1, 0x4B, 2},                         /* SERVER_SESSION_INFO */
	        {1, 0x4E, 2 * 5},                     /* PROTOCOL_DEVICE_IDENTIFICATION */
	};
	uint8_t b[4 + 200];
	for (size_t i = 0; i < sizeof blocks / sizeof blocks[0]; i++) {
		size_t size = 4 + blocks[i].size;
		memset(b, 0, sizeof b);
		b[0] = (uint8_t)size;
		b[2] = blocks[i].version;
		b[3] = blocks[i].type;
		struct mapi_aux_list *aux = pull_ok(state, b, size);
		assert_int_equal(aux->count, 1);
		assert_int_not_equal(aux->blocks[0].layout, MAPI_AUX_RAW);
		push_equals(state, aux, b, size); /* all zero: encodes back to the same bytes */
		b[0] = (uint8_t)(size - 1);
		assert_int_equal(pull_rc(state, b, size - 1), WC_EFORMAT);
	}
}

/* AUX_PERF_CLIENTINFO (2.2.2.2.4) with every variable field, built from the field table */
/* clang-format off */
static const uint8_t clientinfo[] = {
	0x44, 0x00,                         /* AUX_HEADER Size 68 */
	0x01,                               /* Version AUX_VERSION_1 */
	0x02,                               /* Type AUX_TYPE_PERF_CLIENTINFO */
	0x40, 0x42, 0x0F, 0x00,             /* AdapterSpeed 1000000 */
	0x07, 0x00,                         /* ClientID 7 */
	0x20, 0x00,                         /* MachineNameOffset 32 */
	0x26, 0x00,                         /* UserNameOffset 38 */
	0x04, 0x00,                         /* ClientIPSize 4 */
	0x2E, 0x00,                         /* ClientIPOffset 46 */
	0x04, 0x00,                         /* ClientIPMaskSize 4 */
	0x32, 0x00,                         /* ClientIPMaskOffset 50 */
	0x36, 0x00,                         /* AdapterNameOffset 54 */
	0x06, 0x00,                         /* MacAddressSize 6 */
	0x3E, 0x00,                         /* MacAddressOffset 62 */
	0x02, 0x00,                         /* ClientMode CLIENTMODE_CACHED */
	0x00, 0x00,                         /* Reserved */
	'P', 0, 'C', 0, 0, 0,               /* 32: MachineName "PC" */
	'b', 0, 'o', 0, 'b', 0, 0, 0,       /* 38: UserName "bob" */
	192, 168, 1, 10,                    /* 46: ClientIP */
	255, 255, 255, 0,                   /* 50: ClientIPMask */
	'e', 0, 't', 0, 'h', 0, 0, 0,       /* 54: AdapterName "eth" */
	0x00, 0x15, 0x5D, 0x01, 0x02, 0x03, /* 62: MacAddress */
};
/* clang-format on */

static void test_perf_clientinfo_annotated(void **state)
{
	struct mapi_aux_list *aux = pull_ok(state, clientinfo, sizeof clientinfo);
	assert_int_equal(aux->count, 1);
	const struct mapi_aux_perf_clientinfo *c = &aux->blocks[0].perf_clientinfo;
	assert_int_equal(aux->blocks[0].layout, MAPI_AUX_PERF_CLIENTINFO);
	assert_int_equal(c->adapter_speed, 1000000);
	assert_int_equal(c->client_id, 7);
	assert_string_equal(c->machine_name, "PC");
	assert_string_equal(c->user_name, "bob");
	tu_assert_bytes(c->client_ip.data, c->client_ip.len, clientinfo + 46, 4);
	tu_assert_bytes(c->client_ip_mask.data, c->client_ip_mask.len, clientinfo + 50, 4);
	assert_string_equal(c->adapter_name, "eth");
	tu_assert_bytes(c->mac_address.data, c->mac_address.len, clientinfo + 62, 6);
	assert_int_equal(c->client_mode, CLIENTMODE_CACHED);
	push_equals(state, aux, clientinfo, sizeof clientinfo);
}

/* AUX_PERF_FAILURE_V2 (2.2.2.2.14), AUX_PERF_SESSIONINFO_V2 (2.2.2.2.3) and an unknown block in one buffer */
/* clang-format off */
static const uint8_t three_blocks[] = {
	0x20, 0x00, 0x02, 0x15,                                                 /* AUX_HEADER Size 32, AUX_VERSION_2, AUX_TYPE_PERF_FG_FAILURE */
	0x11, 0x00,                                                             /* ProcessID */
	0x22, 0x00,                                                             /* ClientID */
	0x33, 0x00,                                                             /* ServerID */
	0x44, 0x00,                                                             /* SessionID */
	0x55, 0x00,                                                             /* RequestID */
	0x00, 0x00,                                                             /* Reserved_1 */
	0x10, 0x00, 0x00, 0x00,                                                 /* TimeSinceRequest 16 */
	0x20, 0x00, 0x00, 0x00,                                                 /* TimeToFailRequest 32 */
	0x05, 0x40, 0x00, 0x80,                                                 /* ResultCode 0x80004005 */
	0x0A,                                                                   /* RequestOperation */
	0x00, 0x00, 0x00,                                                       /* Reserved_2 */
	0x1C, 0x00, 0x02, 0x04,                                                 /* AUX_HEADER Size 28, AUX_VERSION_2, AUX_TYPE_PERF_SESSIONINFO */
	0x01, 0x00,                                                             /* SessionID 1 */
	0x00, 0x00,                                                             /* Reserved */
	0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,                         /* SessionGuid {00112233-4455-6677-8899-AABBCCDDEEFF} */
	0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x78, 0x56, 0x34, 0x12, /* ConnectionID 0x12345678 */
	0x07, 0x00, 0x01, 0x99,                                                 /* AUX_HEADER Size 7, AUX_VERSION_1, Type 0x99 (not defined) */
	0xDE, 0xAD, 0x01,                                                       /* kept as raw bytes */
};
/* clang-format on */

static void test_three_blocks_annotated(void **state)
{
	struct mapi_aux_list *aux = pull_ok(state, three_blocks, sizeof three_blocks);
	assert_int_equal(aux->count, 3);
	const struct mapi_aux_perf_failure *f = &aux->blocks[0].perf_failure;
	assert_int_equal(aux->blocks[0].layout, MAPI_AUX_PERF_FAILURE_V2);
	assert_int_equal(f->process_id, 0x11);
	assert_int_equal(f->client_id, 0x22);
	assert_int_equal(f->server_id, 0x33);
	assert_int_equal(f->session_id, 0x44);
	assert_int_equal(f->request_id, 0x55);
	assert_int_equal(f->time_since_request, 16);
	assert_int_equal(f->time_to_fail_request, 32);
	assert_int_equal(f->result_code, 0x80004005);
	assert_int_equal(f->request_operation, 0x0A);
	const struct mapi_aux_perf_sessioninfo *s = &aux->blocks[1].perf_sessioninfo;
	assert_int_equal(aux->blocks[1].layout, MAPI_AUX_PERF_SESSIONINFO_V2);
	assert_int_equal(s->session_id, 1);
	char g[39];
	wc_guid_to_string(&s->session_guid, g);
	assert_string_equal(g, "{00112233-4455-6677-8899-AABBCCDDEEFF}");
	assert_int_equal(s->connection_id, 0x12345678);
	assert_int_equal(aux->blocks[2].layout, MAPI_AUX_RAW);
	assert_int_equal(aux->blocks[2].type, 0x99);
	tu_assert_bytes(aux->blocks[2].raw.data, aux->blocks[2].raw.len, three_blocks + 64, 3);
	push_equals(state, aux, three_blocks, sizeof three_blocks);
}

/* AUX_OSVERSIONINFO (2.2.2.2.16): Reserved1 is 132 bytes, ignored on input, written as zeros */
static void test_osversioninfo(void **state)
{
	uint8_t b[160];
	memset(b, 0, sizeof b);
	b[0] = 160;   /* Size */
	b[2] = 0x01;  /* Version */
	b[3] = 0x16;  /* AUX_TYPE_OSVERSIONINFO */
	b[4] = 156;   /* OSVersionInfoSize */
	b[8] = 10;    /* MajorVersion 10 */
	b[12] = 0;    /* MinorVersion 0 */
	b[16] = 0x39; /* BuildNumber 0x4539 = 17721 */
	b[17] = 0x45;
	b[20 + 7] = 0xEE; /* inside Reserved1 */
	b[152] = 2;       /* ServicePackMajor */
	b[154] = 1;       /* ServicePackMinor */
	b[157] = 0xEE;    /* inside Reserved2 */
	struct mapi_aux_list *aux = pull_ok(state, b, sizeof b);
	const struct mapi_aux_osversioninfo *o = &aux->blocks[0].osversioninfo;
	assert_int_equal(o->os_version_info_size, 156);
	assert_int_equal(o->major_version, 10);
	assert_int_equal(o->minor_version, 0);
	assert_int_equal(o->build_number, 17721);
	assert_int_equal(o->service_pack_major, 2);
	assert_int_equal(o->service_pack_minor, 1);
	b[27] = 0;
	b[157] = 0;
	push_equals(state, aux, b, sizeof b);
}

/* AUX_CLIENT_CONNECTION_INFO (2.2.2.2.20), AUX_SERVER_SESSION_INFO (2.2.2.2.21) and
 * AUX_PROTOCOL_DEVICE_IDENTIFICATION (2.2.2.2.22), strings after the fixed parts */
/* clang-format off */
static const uint8_t string_blocks[] = {
	0x28, 0x00, 0x01, 0x4A,                                     /* Size 40, AUX_CLIENT_CONNECTION_INFO */
	0x33, 0x22, 0x11, 0x00, 0x55, 0x44, 0x77, 0x66,             /* ConnectionGUID */
	0x88, 0x99, 0xAA, 0xBB, 0xCC, 0xDD, 0xEE, 0xFF, 0x20, 0x00, /* OffsetConnectionContextInfo 32 */
	0x00, 0x00,                                                 /* Reserved */
	0x03, 0x00, 0x00, 0x00,                                     /* ConnectionAttempts 3 */
	0x01, 0x00, 0x00, 0x00,                                     /* ConnectionFlags: cached mode */
	'c', 0, 't', 0, 'x', 0, 0, 0,                               /* 32: ConnectionContextInfo "ctx" */
	0x0C, 0x00, 0x01, 0x4B,                                     /* Size 12, AUX_SERVER_SESSION_INFO */
	0x06, 0x00,                                                 /* OffsetServerSessionContextInfo 6 */
	'S', 0, 'V', 0, 0, 0,                                       /* 6: "SV" */
	0x16, 0x00, 0x01, 0x4E,                                     /* Size 22, AUX_PROTOCOL_DEVICE_IDENTIFICATION */
	0x0E, 0x00,                                                 /* DeviceManufacturerOffset 14 */
	0x00, 0x00,                                                 /* DeviceModelOffset: none */
	0x12, 0x00,                                                 /* DeviceSerialNumberOffset 18 */
	0x00, 0x00,                                                 /* DeviceVersionOffset: none */
	0x00, 0x00,                                                 /* DeviceFirmwareVersionOffset: none */
	'M', 0, 0, 0,                                               /* 14: "M" */
	0, 0,                                                       /* 18: "" (present, empty) */
	0, 0,                                                       /* padding the encoder does not produce */
};
/* clang-format on */

static void test_string_blocks_annotated(void **state)
{
	struct mapi_aux_list *aux = pull_ok(state, string_blocks, sizeof string_blocks);
	assert_int_equal(aux->count, 3);
	const struct mapi_aux_client_connection_info *c = &aux->blocks[0].client_connection_info;
	assert_int_equal(c->connection_attempts, 3);
	assert_int_equal(c->connection_flags, 1);
	assert_string_equal(c->connection_context_info, "ctx");
	assert_string_equal(aux->blocks[1].server_session_info.server_session_context_info, "SV");
	const struct mapi_aux_protocol_device_identification *d =
	        &aux->blocks[2].protocol_device_identification;
	assert_string_equal(d->device_manufacturer, "M");
	assert_null(d->device_model);
	assert_string_equal(d->device_serial_number, "");
	assert_null(d->device_version);
	assert_null(d->device_firmware_version);
	/* re-encoded without the two padding bytes: Size 20 */
	uint8_t want[sizeof string_blocks - 2];
	memcpy(want, string_blocks, sizeof want);
	want[52] = 0x14;
	push_equals(state, aux, want, sizeof want);
}

static void test_malformed_blocks(void **state)
{
	static const uint8_t size_below_header[] = {0x03, 0x00, 0x01, 0x17};
	static const uint8_t size_past_end[] = {0x09, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00};
	static const uint8_t trailing[] = {0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00};
	static const uint8_t known_too_short[] = {0x07, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00};
	/* AUX_SERVER_SESSION_INFO whose offset points into its own fixed part, past the block, or at a string
	 * that is not terminated inside the block (the next block's zeros do not count) */
	static const uint8_t offset_in_fixed[] = {0x08, 0x00, 0x01, 0x4B, 0x04, 0x00, 0x00, 0x00};
	static const uint8_t offset_past_block[] = {0x08, 0x00, 0x01, 0x4B, 0x09, 0x00, 0x00, 0x00};
	static const uint8_t unterminated[] = {0x08, 0x00, 0x01, 0x4B, 0x06, 0x00,
	                                       'a',  0x00, 0x04, 0x00, 0x05, 0x00};
	static const uint8_t odd_string[] = {0x09, 0x00, 0x01, 0x4B, 0x06, 0x00, 'a', 0x00, 0x00};
	static const uint8_t lone_surrogate[] = {0x0A, 0x00, 0x01, 0x4B, 0x06, 0x00, 0x00, 0xD8, 0x00, 0x00};
	/* AUX_PERF_CLIENTINFO whose ClientIP (size 8 at offset 32) runs past the 36-byte block */
	uint8_t bin_past_block[36] = {36, 0x00, 0x01, 0x02};
	bin_past_block[4 + 10] = 8;  /* ClientIPSize */
	bin_past_block[4 + 12] = 32; /* ClientIPOffset */
	assert_int_equal(pull_rc(state, size_below_header, sizeof size_below_header), WC_EFORMAT);
	assert_int_equal(pull_rc(state, size_past_end, sizeof size_past_end), WC_EFORMAT);
	assert_int_equal(pull_rc(state, trailing, sizeof trailing), WC_EFORMAT);
	assert_int_equal(pull_rc(state, known_too_short, sizeof known_too_short), WC_EFORMAT);
	assert_int_equal(pull_rc(state, offset_in_fixed, sizeof offset_in_fixed), WC_EFORMAT);
	assert_int_equal(pull_rc(state, offset_past_block, sizeof offset_past_block), WC_EFORMAT);
	assert_int_equal(pull_rc(state, unterminated, sizeof unterminated), WC_EFORMAT);
	assert_int_equal(pull_rc(state, odd_string, sizeof odd_string), WC_EFORMAT);
	assert_int_equal(pull_rc(state, lone_surrogate, sizeof lone_surrogate), WC_EFORMAT);
	assert_int_equal(pull_rc(state, bin_past_block, sizeof bin_past_block), WC_EFORMAT);
	bin_past_block[4 + 10] = 4; /* 4 bytes at 32 fit exactly */
	pull_ok(state, bin_past_block, sizeof bin_past_block);
}

/* Every prefix of a valid buffer either ends on a block boundary and decodes, or is refused */
/* Empty payloads at the very end of the buffer: nothing is read past it */
static void test_empty_payloads_at_the_end(void **state)
{
	static const uint8_t raw_empty[] = {0x04, 0x00, 0x01, 0x77};
	struct mapi_aux_list *aux = pull_ok(state, raw_empty, sizeof raw_empty);
	assert_int_equal(aux->blocks[0].layout, MAPI_AUX_RAW);
	assert_int_equal(aux->blocks[0].raw.len, 0);
	push_equals(state, aux, raw_empty, sizeof raw_empty);
	/* AUX_PERF_CLIENTINFO whose ClientIP has size 0 at offset 32, the end of the block */
	uint8_t ci[32] = {32, 0x00, 0x01, 0x02};
	ci[4 + 12] = 32; /* ClientIPOffset */
	aux = pull_ok(state, ci, sizeof ci);
	assert_int_equal(aux->blocks[0].perf_clientinfo.client_ip.len, 0);
	ci[4 + 12] = 0; /* encoded back with offset 0: empty */
	push_equals(state, aux, ci, sizeof ci);
}

static void test_truncation_at_every_length(void **state)
{
	size_t boundaries[] = {0, 32, 60, 67};
	for (size_t n = 0; n <= sizeof three_blocks; n++) {
		bool boundary = false;
		for (size_t i = 0; i < 4; i++)
			boundary = boundary || boundaries[i] == n;
		int rc = pull_rc(state, three_blocks, n);
		assert_int_equal(rc, boundary ? 0 : WC_EFORMAT);
	}
	for (size_t n = 1; n < sizeof clientinfo; n++)
		assert_int_equal(pull_rc(state, clientinfo, n), WC_EFORMAT);
	for (size_t n = 0; n < sizeof string_blocks; n++) {
		int rc = pull_rc(state, string_blocks, n);
		assert_int_equal(rc, n == 0 || n == 40 || n == 52 ? 0 : WC_EFORMAT);
	}
}

static void test_push_refuses_inconsistent_blocks(void **state)
{
	struct mapi_aux_block b = {.version = 1, .type = 0x17, .layout = MAPI_AUX_PERF_REQUESTID};
	struct mapi_aux_list aux = {1, &b};
	struct wc_writer w;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_push(&w, &aux), WC_EINVAL);
	/* a raw block too big for the 16-bit Size */
	uint8_t *big = talloc_zero_array(*state, uint8_t, 70000);
	struct mapi_aux_block raw = {.version = 1, .type = 0x99, .layout = MAPI_AUX_RAW, .raw = {70000, big}};
	aux.blocks = &raw;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_push(&w, &aux), WC_ERANGE);
	/* a string that makes the block too big */
	char *s = talloc_zero_array(*state, char, 40000);
	memset(s, 'x', 39999);
	struct mapi_aux_block ssi = {.version = 1, .type = 0x4B, .layout = MAPI_AUX_SERVER_SESSION_INFO};
	ssi.server_session_info.server_session_context_info = s;
	aux.blocks = &ssi;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_push(&w, &aux), WC_ERANGE);
	/* a binary value with a length and no bytes */
	struct mapi_aux_block ci = {.version = 1, .type = 0x02, .layout = MAPI_AUX_PERF_CLIENTINFO};
	ci.perf_clientinfo.mac_address.len = 6;
	aux.blocks = &ci;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_push(&w, &aux), WC_EINVAL);
	/* a raw block may carry a known type (a proxy passing it on untouched) */
	static const uint8_t payload[] = {0x01, 0x00, 0x00, 0x00};
	struct mapi_aux_block pass = {
	        .version = 1, .type = 0x17, .layout = MAPI_AUX_RAW, .raw = {4, (uint8_t *)payload}};
	aux.blocks = &pass;
	wc_writer_init(&w, *state, 0);
	assert_int_equal(mapi_aux_push(&w, &aux), 0);
	static const uint8_t want[] = {0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00};
	tu_assert_bytes(w.data, w.len, want, sizeof want);
}

static void test_empty_buffer_has_no_blocks(void **state)
{
	struct mapi_aux_list *aux = pull_ok(state, NULL, 0);
	assert_int_equal(aux->count, 0);
	push_equals(state, aux, NULL, 0);
}

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return *state == NULL;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	        T(test_example_4_1_exorginfo),
	        T(test_example_4_1_whole_buffer),
	        T(test_layout_tables),
	        T(test_fixed_sizes_of_every_block),
	        T(test_perf_clientinfo_annotated),
	        T(test_three_blocks_annotated),
	        T(test_osversioninfo),
	        T(test_string_blocks_annotated),
	        T(test_malformed_blocks),
	        T(test_empty_payloads_at_the_end),
	        T(test_truncation_at_every_length),
	        T(test_push_refuses_inconsistent_blocks),
	        T(test_empty_buffer_has_no_blocks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
