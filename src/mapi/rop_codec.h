/* The toolkit the per-area ROP files (rop_oxc*.c) are written with: the state a ROP body codec gets, field
 * shapes several ROPs share, and the declarations the central table (rop_table.c) needs. docs/rop-codec.md
 * has the recipe for adding a ROP; rop.h is the API the server, libmapi and mapiproxy use.
 *
 * A ROP on the wire is a common header (MS-OXCROPS 2.2.1: RopId, LogonId and handle indexes in a request;
 * RopId, a handle index and ReturnValue in a response) followed by a body. rop.c codes the headers; an area
 * file codes only bodies, each either as a list of fixed-size fields (struct rop_fields) or as a pull/push
 * function pair. */
#ifndef MAPI_ROP_CODEC_H
#define MAPI_ROP_CODEC_H

#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "common/wc_buf.h"
#include "common/wc_error.h"

struct rop_ctx;
struct rop_request;
struct mapi_binary;
struct mapi_restriction;

/* What a body's pull function works with. The reader starts after the common header and ends where RopsList
 * ends (so a body that "fills the rest", like RopBufferTooSmall's RequestBuffers, reads to the end). Allocate
 * on mem only. In the response direction req is the matching request and return_value the response's
 * ReturnValue; in the request direction req is NULL and return_value 0. */
struct rop_pull {
	struct wc_reader *r;
	TALLOC_CTX *mem;
	const struct rop_ctx *ctx;
	const struct rop_request *req;
	uint32_t return_value;
};

/* The same for a body's push function; write to w, return wc_writer_status(w) or a WC_E* of your own. */
struct rop_push {
	struct wc_writer *w;
	const struct rop_ctx *ctx;
	const struct rop_request *req;
	uint32_t return_value;
};

/* A body made only of fixed-size fields, coded in order by rop_fields_pull/push. */
enum rop_field_kind {
	ROP_U8,   /* uint8_t */
	ROP_U16,  /* uint16_t, little-endian */
	ROP_U32,  /* uint32_t, little-endian */
	ROP_U64,  /* uint64_t, little-endian (FID, MID, ...) */
	ROP_GUID, /* struct wc_guid (MS-DTYP 2.3.4.2 GUID packet) */
	ROP_LTID, /* struct rop_long_term_id: 24 bytes kept as they are */
};
struct rop_field {
	uint16_t offset;  /* offsetof() the member in the body struct */
	uint8_t kind;     /* enum rop_field_kind */
	const char *name; /* the member's name, for tools that show decoded ROPs (mapidump) */
};
struct rop_fields {
	uint8_t count;
	const struct rop_field *fields;
};
/* ROP_FIELDS(struct rop_x_req, ROP_FIELD(struct rop_x_req, a, ROP_U8), ...) */
#define ROP_FIELD(type, member, kind)                                                                        \
	{                                                                                                    \
		offsetof(type, member), kind, #member                                                        \
	}
#define ROP_FIELDS(...)                                                                                      \
	{                                                                                                    \
		sizeof((const struct rop_field[]){__VA_ARGS__}) / sizeof(struct rop_field),                  \
		        (const struct rop_field[])                                                           \
		{                                                                                            \
			__VA_ARGS__                                                                          \
		}                                                                                            \
	}

int rop_fields_pull(struct rop_pull *p, const struct rop_fields *f, void *body);
int rop_fields_push(struct rop_push *p, const struct rop_fields *f, const void *body);

/* How one direction of one ROP's body is coded: fields, or a function pair (which take the body struct, i.e.
 * the address of the ROP's member of the request/response union, as void *). */
struct rop_body {
	const struct rop_fields *fields;
	int (*pull)(struct rop_pull *p, void *body);
	int (*push)(struct rop_push *p, const void *body);
};

/* Declarations for an area header: ROP_DECLARE_FIELDS(open_folder_req) declares the field list
 * rop_open_folder_req_fields; ROP_DECLARE_BODY(open_folder_rsp) declares rop_open_folder_rsp_pull/_push. */
#define ROP_DECLARE_FIELDS(name) extern const struct rop_fields rop_##name##_fields
#define ROP_DECLARE_BODY(name)                                                                               \
	int rop_##name##_pull(struct rop_pull *p, void *body);                                               \
	int rop_##name##_push(struct rop_push *p, const void *body)

/* ---- field shapes shared by several ROPs ---- */

/* LongTermID (MS-OXCDATA 2.2.1.3.1): DatabaseGuid (16) + GlobalCounter (6) + Pad (2). Kept as the 24 wire
 * bytes; mapi_ids.h interprets them. */
struct rop_long_term_id {
	uint8_t bytes[24];
};

/* ServerCount, CheapServerCount, then ServerCount NUL-terminated ASCII strings (MS-OXCROPS 2.2.4.1.2
 * RopOpenFolder, 2.2.4.2.2 RopCreateFolder, 2.2.3.6.2 RopGetOwningServers, 2.2.3.7.2
 * RopPublicFolderIsGhosted). */
struct rop_server_list {
	uint16_t count;
	uint16_t cheap_count;
	char **servers;
};
int rop_server_list_pull(struct rop_pull *p, struct rop_server_list *s);
int rop_server_list_push(struct rop_push *p, const struct rop_server_list *s);

/* IsGhosted (1 byte), then a server list only when IsGhosted is nonzero (the same ROPs). */
int rop_ghosted_pull(struct rop_pull *p, uint8_t *is_ghosted, struct rop_server_list *s);
int rop_ghosted_push(struct rop_push *p, uint8_t is_ghosted, const struct rop_server_list *s);

/* A 16-bit count then that many 8-byte IDs (MessageIdCount/MessageIds, FolderIdCount/FolderIds). */
int rop_id_array_pull(struct rop_pull *p, uint16_t *count, uint64_t **ids);
int rop_id_array_push(struct rop_push *p, uint16_t count, const uint64_t *ids);

/* A NUL-terminated string, UTF-16LE when unicode is nonzero and 8-bit otherwise (the UseUnicode /
 * UseUnicodeStrings fields); UTF-8 (or the raw 8-bit bytes) in memory. */
int rop_string_pull(struct rop_pull *p, uint8_t unicode, char **s);
int rop_string_push(struct rop_push *p, uint8_t unicode, const char *s);

/* An 8-bit string whose byte count, NUL included, came in a size field before it (Essdn, ServerName): exactly
 * size bytes, the last one NUL and no NUL before it. size 0 gives NULL. rop_counted_ascii_size() is the size
 * to write for s (0 for NULL), or -1 when it is larger than max. */
int rop_counted_ascii_pull(struct rop_pull *p, size_t size, char **s);
long rop_counted_ascii_size(const char *s, size_t max);

/* Fills a 2-byte size field reserved with wc_write_reserve() at offset at with the number of bytes written
 * after it (RestrictionDataSize, RecipientRowSize, AddressTypeSize ...). WC_ERANGE past 65535. */
int rop_patch_size16(struct rop_push *p, size_t at);

/* A 16-bit byte count then exactly that many bytes, coded by a body function that must use them all
 * (RestrictionDataSize/RestrictionData, PropertyValueSize/PropertyValues): pull gives the function a reader
 * over those bytes alone, push patches the count in after the function has written them (WC_ERANGE past
 * 65535). */
int rop_sized_pull(struct rop_pull *p, int (*pull)(struct rop_pull *p, void *body), void *body);
int rop_sized_push(struct rop_push *p, int (*push)(struct rop_push *p, const void *body), const void *body);

/* A 16-bit byte count then that many bytes (BookmarkSize/Bookmark, CollapseStateSize/CollapseState,
 * DataSize/Data of the stream ROPs): len 0 gives data NULL, and more than 65535 bytes is WC_ERANGE. The body
 * codec rop_bytes_pull/push codes a body that is only such bytes: a struct whose first member is the struct
 * mapi_binary (struct rop_bookmark, struct rop_stream_data ...). */
int rop_sized_bytes_pull(struct rop_pull *p, struct mapi_binary *b);
int rop_sized_bytes_push(struct rop_push *p, const struct mapi_binary *b);
ROP_DECLARE_BODY(bytes);

/* PropertyTagCount (2 bytes) then that many PropertyTags (MS-OXCDATA 2.9): the RopGetPropertiesList response
 * (MS-OXCROPS 2.2.8.5.2), the RopDeleteProperties and RopDeletePropertiesNoReplicate requests (2.2.8.8.1,
 * 2.2.8.9.1), the RopQueryColumnsAll response (2.2.5.12.2). */
struct rop_property_tags {
	uint16_t property_tag_count;
	uint32_t *property_tags;
};
ROP_DECLARE_BODY(property_tags);

/* RestrictionDataSize (2 bytes) then a Restriction (MS-OXCDATA 2.12) of exactly that many bytes; size 0 gives
 * NULL and NULL is written as size 0. */
int rop_sized_restriction_pull(struct rop_pull *p, struct mapi_restriction **res);
int rop_sized_restriction_push(struct rop_push *p, const struct mapi_restriction *res);

#endif
