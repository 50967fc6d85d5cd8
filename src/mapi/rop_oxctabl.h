/* ROPs of the Table Object protocol: MS-OXCTABL 2.2.2 (wire layouts in MS-OXCROPS 2.2.5). Rows (RopQueryRows,
 * RopFindRow, RopExpandRow) are PropertyRows (MS-OXCDATA 2.8.1) whose columns are those of the last
 * RopSetColumns on the table: the codec takes them from the struct rop_ctx slot of the table's handle index
 * (rop.h), which RopSetColumns and RopResetTable keep up to date, and refuses to code rows without them.
 * Bookmarks and collapse states are opaque bytes (struct mapi_binary, at most 65535 of them). Booleans keep
 * the byte they had on the wire. */
#ifndef MAPI_ROP_OXCTABL_H
#define MAPI_ROP_OXCTABL_H

#include "mapi/mapi_restriction.h"
#include "mapi/rop_codec.h"

/* MS-OXCTABL 2.2.2.1.1 predefined bookmarks (Origin), 2.2.2.1.2 the custom one (RopFindRow) */
#define BOOKMARK_BEGINNING 0x00
#define BOOKMARK_CURRENT 0x01
#define BOOKMARK_END 0x02
#define BOOKMARK_CUSTOM 0x03

/* MS-OXCTABL 2.2.2.1.3 TableStatus */
#define TBLSTAT_COMPLETE 0x00
#define TBLSTAT_SORTING 0x09
#define TBLSTAT_SORT_ERROR 0x0A
#define TBLSTAT_SETTING_COLS 0x0B
#define TBLSTAT_SETCOL_ERROR 0x0D
#define TBLSTAT_RESTRICTING 0x0E
#define TBLSTAT_RESTRICT_ERROR 0x0F

/* MS-OXCTABL 2.2.2.1.4 SetColumnsFlags, SortTableFlags, RestrictFlags */
#define TBL_ASYNC 0x01

/* MS-OXCTABL 2.2.2.5.1 QueryRowsFlags (0x00: Advance) */
#define QUERY_ROWS_NO_ADVANCE 0x01
#define QUERY_ROWS_ENABLE_PACKED_BUFFERS 0x02

/* MS-OXCTABL 2.2.2.14.1 FindRowFlags (0x00: forwards) */
#define FIND_ROW_BACKWARD 0x01

/* MS-OXCROPS 2.2.5.1.1 RopSetColumns request */
struct rop_set_columns_req {
	uint8_t set_columns_flags; /* TBL_ASYNC */
	uint16_t property_tag_count;
	uint32_t *property_tags;
};

/* The response of RopSetColumns (2.2.5.1.2), RopSortTable (2.2.5.2.2), RopRestrict (2.2.5.3.2), RopAbort
 * (2.2.5.5.2) and RopGetStatus (2.2.5.6.2). */
struct rop_table_status_rsp {
	uint8_t table_status; /* TBLSTAT_* */
};

/* MS-OXCROPS 2.2.5.2.1 RopSortTable request: SortOrderCount, CategoryCount, ExpandedCount and SortOrders are
 * laid out as a SortOrderSet (MS-OXCDATA 2.13.2), whose rules the decoder checks (WC_ERANGE). */
struct rop_sort_table_req {
	uint8_t sort_table_flags; /* TBL_ASYNC */
	struct mapi_sort_order_set sort_orders;
};

/* MS-OXCROPS 2.2.5.3.1 RopRestrict request */
struct rop_restrict_req {
	uint8_t restrict_flags;               /* TBL_ASYNC */
	struct mapi_restriction *restriction; /* NULL: RestrictionDataSize 0 */
};

/* MS-OXCROPS 2.2.5.4 RopQueryRows */
struct rop_query_rows_req {
	uint8_t query_rows_flags; /* QUERY_ROWS_* */
	uint8_t forward_read;
	uint16_t row_count;
};
struct rop_query_rows_rsp {
	uint8_t origin;                    /* BOOKMARK_BEGINNING, _CURRENT, _END */
	struct mapi_property_row_set rows; /* RowCount, RowData */
};

/* MS-OXCROPS 2.2.5.7.2 RopQueryPosition response and 2.2.5.10.1 RopSeekRowFractional request */
struct rop_fraction {
	uint32_t numerator;
	uint32_t denominator;
};

/* MS-OXCROPS 2.2.5.8 RopSeekRow */
struct rop_seek_row_req {
	uint8_t origin; /* BOOKMARK_BEGINNING, _CURRENT, _END */
	int32_t row_count;
	uint8_t want_row_moved_count;
};
struct rop_seek_row_rsp {
	uint8_t has_sought_less;
	int32_t rows_sought;
};

/* MS-OXCROPS 2.2.5.9 RopSeekRowBookmark. RowsSought is signed like RopSeekRow's: MS-OXCTABL 2.2.2.10.2 calls
 * it unsigned but has it negative after a backward seek. */
struct rop_seek_row_bookmark_req {
	struct mapi_binary bookmark; /* BookmarkSize, Bookmark */
	int32_t row_count;
	uint8_t want_row_moved_count;
};
struct rop_seek_row_bookmark_rsp {
	uint8_t row_no_longer_visible;
	uint8_t has_sought_less;
	int32_t rows_sought;
};

/* BookmarkSize, Bookmark: the RopCreateBookmark response (2.2.5.11.2), the RopFreeBookmark request
 * (2.2.5.14.1) and the RopSetCollapseState response (2.2.5.19.2) */
struct rop_bookmark {
	struct mapi_binary bookmark;
};

/* MS-OXCROPS 2.2.5.12.2 RopQueryColumnsAll response: struct rop_property_tags (rop_codec.h) */

/* MS-OXCROPS 2.2.5.13 RopFindRow */
struct rop_find_row_req {
	uint8_t find_row_flags;               /* FIND_ROW_BACKWARD */
	struct mapi_restriction *restriction; /* NULL: RestrictionDataSize 0 */
	uint8_t origin;                       /* BOOKMARK_* */
	struct mapi_binary bookmark;          /* BookmarkSize, Bookmark (with BOOKMARK_CUSTOM) */
};
struct rop_find_row_rsp {
	uint8_t row_no_longer_visible;
	uint8_t has_row_data;
	struct mapi_property_row row_data; /* only when has_row_data */
};

/* MS-OXCROPS 2.2.5.16 RopExpandRow */
struct rop_expand_row_req {
	uint16_t max_row_count;
	uint64_t category_id;
};
struct rop_expand_row_rsp {
	uint32_t expanded_row_count;
	struct mapi_property_row_set rows; /* RowCount, RowData */
};

/* MS-OXCROPS 2.2.5.17 RopCollapseRow */
struct rop_collapse_row_req {
	uint64_t category_id;
};
struct rop_collapse_row_rsp {
	uint32_t collapsed_row_count;
};

/* MS-OXCROPS 2.2.5.18.1 RopGetCollapseState request */
struct rop_get_collapse_state_req {
	uint64_t row_id;
	uint32_t row_instance_number;
};

/* CollapseStateSize, CollapseState: the RopGetCollapseState response (2.2.5.18.2) and the RopSetCollapseState
 * request (2.2.5.19.1) */
struct rop_collapse_state {
	struct mapi_binary collapse_state;
};

ROP_DECLARE_BODY(set_columns_req);
ROP_DECLARE_FIELDS(table_status_rsp);
ROP_DECLARE_BODY(sort_table_req);
ROP_DECLARE_BODY(restrict_req);
ROP_DECLARE_FIELDS(query_rows_req);
ROP_DECLARE_BODY(query_rows_rsp);
ROP_DECLARE_FIELDS(fraction);
ROP_DECLARE_FIELDS(seek_row_req);
ROP_DECLARE_FIELDS(seek_row_rsp);
ROP_DECLARE_BODY(seek_row_bookmark_req);
ROP_DECLARE_FIELDS(seek_row_bookmark_rsp);
ROP_DECLARE_BODY(find_row_req);
ROP_DECLARE_BODY(find_row_rsp);
ROP_DECLARE_FIELDS(expand_row_req);
ROP_DECLARE_BODY(expand_row_rsp);
ROP_DECLARE_FIELDS(collapse_row_req);
ROP_DECLARE_FIELDS(collapse_row_rsp);
ROP_DECLARE_FIELDS(get_collapse_state_req);

struct rop_ctx;
struct rop_response;
/* MS-OXCTABL 3.2.5.2: a successful RopSetColumns sets the columns of its table's slot in the codec state, a
 * failed one leaves the table without columns; 3.2.5.16: RopResetTable removes them. */
void rop_set_columns_track(struct rop_ctx *ctx, const struct rop_request *req,
                           const struct rop_response *rsp);
void rop_reset_table_track(struct rop_ctx *ctx, const struct rop_request *req,
                           const struct rop_response *rsp);

/* A PropertyRow (MS-OXCDATA 2.8.1) and a RowCount with that many PropertyRows (2.8.2.1) of the given columns,
 * with ROP widths; the count is checked against the bytes left before anything is allocated. For the
 * RopGetPropertiesSpecific row too. */
int rop_property_row_pull(struct rop_pull *p, const uint32_t *columns, uint16_t column_count,
                          struct mapi_property_row *row);
int rop_property_row_set_pull(struct rop_pull *p, const uint32_t *columns, uint16_t column_count,
                              struct mapi_property_row_set *set);

/* Members of the unions in struct rop_request / struct rop_response (rop.h). RopGetStatus,
 * RopQueryPosition, RopCreateBookmark, RopQueryColumnsAll, RopAbort and RopResetTable requests have no body,
 * nor have the RopSeekRowFractional, RopFreeBookmark and RopResetTable responses. */
#define ROP_OXCTABL_REQUESTS                                                                                 \
	struct rop_set_columns_req set_columns;                                                              \
	struct rop_sort_table_req sort_table;                                                                \
	struct rop_restrict_req restrict_;                                                                   \
	struct rop_query_rows_req query_rows;                                                                \
	struct rop_seek_row_req seek_row;                                                                    \
	struct rop_seek_row_bookmark_req seek_row_bookmark;                                                  \
	struct rop_fraction seek_row_fractional;                                                             \
	struct rop_find_row_req find_row;                                                                    \
	struct rop_bookmark free_bookmark;                                                                   \
	struct rop_expand_row_req expand_row;                                                                \
	struct rop_collapse_row_req collapse_row;                                                            \
	struct rop_get_collapse_state_req get_collapse_state;                                                \
	struct rop_collapse_state set_collapse_state;
#define ROP_OXCTABL_RESPONSES                                                                                \
	struct rop_table_status_rsp set_columns;                                                             \
	struct rop_table_status_rsp sort_table;                                                              \
	struct rop_table_status_rsp restrict_;                                                               \
	struct rop_query_rows_rsp query_rows;                                                                \
	struct rop_table_status_rsp abort;                                                                   \
	struct rop_table_status_rsp get_status;                                                              \
	struct rop_fraction query_position;                                                                  \
	struct rop_seek_row_rsp seek_row;                                                                    \
	struct rop_seek_row_bookmark_rsp seek_row_bookmark;                                                  \
	struct rop_bookmark create_bookmark;                                                                 \
	struct rop_property_tags query_columns_all;                                                          \
	struct rop_find_row_rsp find_row;                                                                    \
	struct rop_expand_row_rsp expand_row;                                                                \
	struct rop_collapse_row_rsp collapse_row;                                                            \
	struct rop_collapse_state get_collapse_state;                                                        \
	struct rop_bookmark set_collapse_state;

#endif
