#!/usr/bin/env python3
"""Integration test of the table ROPs (MS-OXCTABL 3.2.5) of warpd: a real warpd with a provisioned user, driven
over MAPI/HTTP Execute with ROP buffers built here byte by byte from the MS-OXCROPS 2.2.5 layouts (not with
warpcore's codec): the hierarchy table of the Root folder with Outlook's columns, the contents table of the
Inbox with messages created by ROPs (sorted, restricted, paged forwards and backwards, sought, bookmarked,
searched, reset), a response buffer too small for all rows, and the error paths of the error tables.
Prints TAP.

usage: test_oxctabl.py PATH/TO/warpd PATH/TO/warpadm"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server, Session, Tap  # noqa: E402
from rop_bytes import header, open_folder, query_rows, set_columns  # noqa: E402

t = Tap()
server = Server(sys.argv[1], sys.argv[2], {"alice": "Alice pw 1"})
NONE = 0xFFFFFFFF

# MAPI error codes (MS-OXCDATA 2.4)
ecNotSupported, ecNullObject, ecInvalidParam = 0x80040102, 0x000004B9, 0x80070057
ecInvalidBookmark, ecUnableToAbort, ecNotFound, ecBufferTooSmall = 0x80040405, 0x80040114, 0x8004010F, 0x47D

# property tags (MS-OXPROPS): type in the low 16 bits
PidTagFolderId, PidTagDisplayName, PidTagContentCount = 0x67480014, 0x3001001F, 0x36020003
PidTagContentUnreadCount, PidTagSubfolders, PidTagContainerClass = 0x36030003, 0x360A000B, 0x3613001F
PidTagAttributeHidden, PidTagExtendedFolderFlags = 0x10F4000B, 0x36DA0102
PidTagMid, PidTagSubject, PidTagMessageDeliveryTime = 0x674A0014, 0x0037001F, 0x0E060040
PidTagMessageFlags, PidTagInstID = 0x0E070003, 0x674D0014


def get_table(rop_id, in_idx, out_idx, flags=0):
    # RopGetHierarchyTable 0x04 (2.2.4.13.1) / RopGetContentsTable 0x05 (2.2.4.14.1): ..., TableFlags
    return struct.pack("<BBBBB", rop_id, 0, in_idx, out_idx, flags)


def sort_table(idx, orders, categories=0, expanded=0, flags=0):
    # RopSortTable (2.2.5.2.1): SortTableFlags, SortOrderCount, CategoryCount, ExpandedCount, SortOrders
    # (MS-OXCDATA 2.13.1 SortOrder: PropertyType, PropertyId, Order 0 ascending / 1 descending)
    return struct.pack("<BBBBHHH", 0x13, 0, idx, flags, len(orders), categories, expanded) + \
        b"".join(struct.pack("<HHB", tag & 0xFFFF, tag >> 16, order) for tag, order in orders)


def prop_value(tag, value):
    # PropertyValue (MS-OXCDATA 2.11.2) of the types used here
    kind = tag & 0xFFFF
    if kind in (0x0014, 0x0040):
        return struct.pack("<Q", value)
    if kind == 0x0003:
        return struct.pack("<I", value)
    return (value + "\0").encode("utf-16-le")


def property_restriction(relop, tag, value):
    # PropertyRestriction (MS-OXCDATA 2.12.5): RestrictType 0x04, RelOp, PropTag, TaggedValue
    return struct.pack("<BBII", 0x04, relop, tag, tag) + prop_value(tag, value)


RELOP_GT, RELOP_EQ = 0x02, 0x04


def restrict(idx, res, flags=0):
    # RopRestrict (2.2.5.3.1): RestrictFlags, RestrictionDataSize, RestrictionData
    return struct.pack("<BBBBH", 0x14, 0, idx, flags, len(res)) + res


def seek_row(idx, origin, count, want=1):
    # RopSeekRow (2.2.5.8.1): Origin, RowCount (signed), WantRowMovedCount
    return struct.pack("<BBBBiB", 0x18, 0, idx, origin, count, want)


def seek_row_bookmark(idx, bm, count, want=1):
    # RopSeekRowBookmark (2.2.5.9.1): BookmarkSize, Bookmark, RowCount, WantRowMovedCount
    return struct.pack("<BBBH", 0x19, 0, idx, len(bm)) + bm + struct.pack("<iB", count, want)


def find_row(idx, res, origin=0, bm=b"", flags=0):
    # RopFindRow (2.2.5.13.1): FindRowFlags, RestrictionDataSize, RestrictionData, Origin, BookmarkSize, Bookmark
    return struct.pack("<BBBBH", 0x4F, 0, idx, flags, len(res)) + res + struct.pack("<BH", origin, len(bm)) + bm


def simple(rop_id, idx):
    # RopGetStatus 0x16, RopQueryPosition 0x17, RopCreateBookmark 0x1B, RopQueryColumnsAll 0x37, RopAbort 0x38,
    # RopResetTable 0x81: RopId, LogonId, InputHandleIndex
    return struct.pack("<BBB", rop_id, 0, idx)


def free_bookmark(idx, bm):
    # RopFreeBookmark (2.2.5.14.1): BookmarkSize, Bookmark
    return struct.pack("<BBBH", 0x89, 0, idx, len(bm)) + bm


def parse_value(tag, rsp, p):
    kind = tag & 0xFFFF
    if kind in (0x0014, 0x0040):
        return struct.unpack_from("<Q", rsp, p)[0], p + 8
    if kind in (0x0003, 0x000A):
        return struct.unpack_from("<I", rsp, p)[0], p + 4
    if kind == 0x000B:
        return rsp[p], p + 1
    if kind == 0x0102:
        n = struct.unpack_from("<H", rsp, p)[0]
        return rsp[p + 2:p + 2 + n], p + 2 + n
    if kind == 0x001F:
        end = p
        while rsp[end:end + 2] != b"\0\0":
            end += 2
        return rsp[p:end].decode("utf-16-le"), end + 2
    raise ValueError("type %04x" % kind)


def parse_rows(rsp, p, cols, count):
    """count PropertyRows (MS-OXCDATA 2.8.1) of cols from p -> (rows as lists, None for a missing value, end)"""
    rows = []
    for _ in range(count):
        flag, p = rsp[p], p + 1
        row = []
        for tag in cols:
            vflag = 0
            if flag == 0x01:  # FlaggedPropertyRow: each value has a Flag (2.11.5)
                vflag, p = rsp[p], p + 1
            if vflag == 0x01:
                row.append(None)
            elif vflag == 0x0A:
                _, p = parse_value(0x000A, rsp, p)
                row.append(None)
            else:
                v, p = parse_value(tag, rsp, p)
                row.append(v)
        rows.append(row)
    return rows, p


def query(rsp, p, cols):
    """A RopQueryRows response at p -> (ReturnValue, Origin, rows, end)"""
    _, _, ec = header(rsp, p)
    if ec:
        return ec, None, [], p + 6
    origin, count = struct.unpack_from("<BH", rsp, p + 6)
    rows, end = parse_rows(rsp, p + 9, cols, count)
    return ec, origin, rows, end


s = Session(server, "alice")
LOGON, fids = s.logon()
ROOT, IPM, INBOX = fids[0], fids[3], fids[4]

# ---- the hierarchy table of the Root folder with Outlook's columns (MS-OXCTABL 3.2.5.2, 3.2.5.5) -----------

HCOLS = [PidTagFolderId, PidTagDisplayName, PidTagContentCount, PidTagContentUnreadCount, PidTagSubfolders,
         PidTagContainerClass, PidTagAttributeHidden, PidTagExtendedFolderFlags]
rsp, handles = s.execute(open_folder(ROOT, 0, 1) + get_table(0x04, 1, 2) + set_columns(2, HCOLS) +
                         query_rows(2, 100), [LOGON, NONE, NONE])
count = struct.unpack_from("<I", rsp, 14)[0]
t.ok(header(rsp, 8) == (0x04, 2, 0) and count > 3, "RopGetHierarchyTable of the Root: success with rows",
     rsp[8:].hex())
t.ok(header(rsp, 18) == (0x12, 2, 0) and rsp[24] == 0, "RopSetColumns: TBLSTAT_COMPLETE", rsp[18:25].hex())
ec, origin, rows, end = query(rsp, 25, HCOLS)
names = [r[1] for r in rows]
t.ok(ec == 0 and origin == 0x02 and len(rows) == count and end == len(rsp),
     "RopQueryRows: every row at once, Origin BOOKMARK_END", (ec, origin, len(rows), count))
top = [r for r in rows if r[0] == IPM]
t.ok(len(top) == 1 and top[0][1] == "Top of Information Store" and top[0][4] == 1 and top[0][6] is None,
     "the IPM subtree's row: its FolderId, name, Subfolders TRUE, PidTagAttributeHidden absent (flagged row)",
     (names, top))
HIER = handles[2]
# the IPM subtree with Depth (TableFlags 0x04): the Inbox among its descendants
rsp, _ = s.execute(open_folder(IPM, 0, 1) + get_table(0x04, 1, 2, 0x04) + set_columns(2, HCOLS[:2]) +
                   query_rows(2, 100), [LOGON, NONE, NONE])
ec, origin, rows, _ = query(rsp, 25, HCOLS[:2])
t.ok(ec == 0 and [INBOX, "Inbox"] in rows, "the IPM subtree's hierarchy table with Depth lists the Inbox",
     rows)

# ---- the Inbox: four messages created by ROPs ----------------------------------------------------------------

MIDS = []
for i in range(4):
    # RopCreateMessage (2.2.6.2.1) then RopSaveChangesMessage (2.2.6.3.1, KeepOpenReadWrite)
    rsp, _ = s.execute(struct.pack("<BBBBHQB", 0x06, 0, 0, 1, 0x0FFF, INBOX, 0) +
                       struct.pack("<BBBBB", 0x0C, 0, 1, 1, 0x0A), [LOGON, NONE])
    assert header(rsp) == (0x06, 1, 0) and header(rsp, 15) == (0x0C, 1, 0), rsp.hex()
    MIDS.append(struct.unpack_from("<Q", rsp, 7)[0])

# RopGetContentsTable, columns, sort by PidTagMessageDeliveryTime descending (as Outlook does), first page
CCOLS = [PidTagMid, PidTagSubject, PidTagMessageDeliveryTime, PidTagMessageFlags]
rsp, handles = s.execute(open_folder(INBOX, 0, 1) + get_table(0x05, 1, 2) + set_columns(2, CCOLS) +
                         sort_table(2, [(PidTagMessageDeliveryTime, 1)]) + query_rows(2, 2), [LOGON, NONE, NONE])
t.ok(header(rsp, 8) == (0x05, 2, 0) and struct.unpack_from("<I", rsp, 14)[0] == 4,
     "RopGetContentsTable of the Inbox: RowCount 4", rsp[8:18].hex())
t.ok(header(rsp, 25) == (0x13, 2, 0) and rsp[31] == 0, "RopSortTable: TBLSTAT_COMPLETE", rsp[25:32].hex())
ec, origin, rows, _ = query(rsp, 32, CCOLS)
# no message has a delivery time (RopSetProperties is not there to set one): the newest first, by MID
t.ok(ec == 0 and origin == 0x01 and [r[0] for r in rows] == [MIDS[3], MIDS[2]] and rows[0][1] is None,
     "RopQueryRows forwards: the newest two, Origin BOOKMARK_CURRENT, no subject", rows)
CT = handles[2]


def run(rops):
    rsp, _ = s.execute(rops, [LOGON, CT, HIER, NONE])
    return rsp


def position():
    rsp = run(simple(0x17, 1))
    assert header(rsp) == (0x17, 1, 0), rsp.hex()
    return struct.unpack_from("<II", rsp, 6)


t.ok(position() == (2, 4), "RopQueryPosition after the first page: 2 of 4", position())
ec, origin, rows, _ = query(run(query_rows(1, 2)), 0, CCOLS)
t.ok(ec == 0 and origin == 0x02 and [r[0] for r in rows] == [MIDS[1], MIDS[0]] and position() == (4, 4),
     "RopQueryRows: the second page in a new buffer, Origin BOOKMARK_END, the cursor at the end", rows)
ec, origin, rows, _ = query(run(query_rows(1, 3, forward=0)), 0, CCOLS)
t.ok(ec == 0 and origin == 0x01 and [r[0] for r in rows] == [MIDS[2], MIDS[1], MIDS[0]] and position() == (1, 4),
     "RopQueryRows backwards 3 from the end: the three rows before the cursor, which moves back", rows)
ec, origin, rows, _ = query(run(query_rows(1, 5, forward=0, flags=0x01)), 0, CCOLS)
t.ok(ec == 0 and origin == 0x00 and [r[0] for r in rows] == [MIDS[3]] and position() == (1, 4),
     "RopQueryRows backwards with NoAdvance: one row, Origin BOOKMARK_BEGINNING, the cursor stays", rows)

# ---- RopSeekRow from each origin, RopSeekRowFractional (3.2.5.9, 3.2.5.11) ----------------------------------


def sought(rsp):
    return header(rsp)[2], rsp[6], struct.unpack_from("<i", rsp, 7)[0]


t.ok(sought(run(seek_row(1, 0, 3))) == (0, 0, 3) and position() == (3, 4), "RopSeekRow BOOKMARK_BEGINNING +3",
     position())
t.ok(sought(run(seek_row(1, 1, -2))) == (0, 0, -2) and position() == (1, 4), "RopSeekRow BOOKMARK_CURRENT -2",
     position())
t.ok(sought(run(seek_row(1, 2, -1))) == (0, 0, -1) and position() == (3, 4), "RopSeekRow BOOKMARK_END -1",
     position())
t.ok(sought(run(seek_row(1, 1, 10))) == (0, 1, 1) and position() == (4, 4),
     "RopSeekRow beyond the end: HasSoughtLess, RowsSought 1", position())
t.ok(sought(run(seek_row(1, 1, -10))) == (0, 1, -4) and position() == (0, 4),
     "RopSeekRow before the beginning: HasSoughtLess, RowsSought -4", position())
t.ok(header(run(seek_row(1, 3, 0))) == (0x18, 1, ecInvalidParam), "RopSeekRow with Origin 3: ecInvalidParam")
rsp = run(struct.pack("<BBBII", 0x1A, 0, 1, 1, 2))  # RopSeekRowFractional (2.2.5.10.1): Numerator, Denominator
t.ok(header(rsp) == (0x1A, 1, 0) and len(rsp) == 6 and position() == (2, 4), "RopSeekRowFractional 1/2",
     position())
run(struct.pack("<BBBII", 0x1A, 0, 1, 5, 3))
t.ok(position() == (4, 4), "RopSeekRowFractional 5/3: the end", position())

# ---- bookmarks (3.2.5.10, 3.2.5.12, 3.2.5.15) -----------------------------------------------------------------

rsp = run(seek_row(1, 0, 1) + simple(0x1B, 1))
size = struct.unpack_from("<H", rsp, 17)[0]
BM = rsp[19:19 + size]
t.ok(header(rsp, 11) == (0x1B, 1, 0) and size > 0 and len(rsp) == 19 + size, "RopCreateBookmark on row 1",
     rsp.hex())
rsp = run(seek_row(1, 2, 0) + seek_row_bookmark(1, BM, 1))
t.ok(header(rsp, 11) == (0x19, 1, 0) and rsp[17:19] == b"\0\0" and struct.unpack_from("<i", rsp, 19)[0] == 1 and
     position() == (2, 4), "RopSeekRowBookmark +1 from the bookmark: row 2", rsp.hex())
rsp = run(seek_row_bookmark(1, BM, 5))
t.ok(rsp[7] == 1 and struct.unpack_from("<i", rsp, 8)[0] == 3, "RopSeekRowBookmark +5: HasSoughtLess, 3 rows",
     rsp.hex())
rsp = run(free_bookmark(1, BM) + free_bookmark(1, BM) + seek_row_bookmark(1, BM, 0))
t.ok(header(rsp) == (0x89, 1, 0) and header(rsp, 6) == (0x89, 1, ecInvalidBookmark) and
     header(rsp, 12) == (0x19, 1, ecInvalidBookmark),
     "RopFreeBookmark, then the freed bookmark: ecInvalidBookmark for both ROPs", rsp.hex())
rsp = run(simple(0x1B, 1) + sort_table(1, [(PidTagMid, 0)]))
BM = rsp[8:8 + struct.unpack_from("<H", rsp, 6)[0]]
t.ok(header(run(seek_row_bookmark(1, BM, 0))) == (0x19, 1, ecInvalidBookmark),
     "a bookmark made before a RopSortTable: ecInvalidBookmark")

# ---- RopRestrict, RopFindRow (3.2.5.4, 3.2.5.14) ---------------------------------------------------------------

# sorted by MID ascending now; PidTagMid > MIDS[1] keeps the two newest
rsp = run(restrict(1, property_restriction(RELOP_GT, PidTagMid, MIDS[1])) + simple(0x17, 1) + query_rows(1, 10))
ec, origin, rows, _ = query(rsp, 21, CCOLS)
t.ok(header(rsp) == (0x14, 1, 0) and struct.unpack_from("<II", rsp, 13) == (0, 2) and
     [r[0] for r in rows] == [MIDS[2], MIDS[3]], "RopRestrict on PidTagMid: 2 rows, the cursor at 0", rsp.hex())
run(restrict(1, b""))
rsp = run(find_row(1, property_restriction(RELOP_EQ, PidTagMid, MIDS[2])))
rows, _ = parse_rows(rsp, 8, CCOLS, 1) if rsp[7] else ([], 0)
t.ok(header(rsp) == (0x4F, 1, 0) and rsp[6] == 0 and rsp[7] == 1 and rows[0][0] == MIDS[2] and
     position() == (2, 4), "RopRestrict with no restriction, RopFindRow: the row of MIDS[2], the cursor on it",
     rsp.hex())
rsp = run(find_row(1, property_restriction(RELOP_EQ, PidTagMid, MIDS[0]), origin=1))
t.ok(header(rsp) == (0x4F, 1, ecNotFound), "RopFindRow forwards from the cursor for an earlier row: ecNotFound",
     rsp.hex())
rsp = run(find_row(1, property_restriction(RELOP_EQ, PidTagMid, MIDS[0]), origin=2, flags=0x01))
t.ok(header(rsp) == (0x4F, 1, 0) and rsp[7] == 1 and position() == (0, 4),
     "RopFindRow backwards from the end finds it", rsp.hex())
rsp = run(seek_row(1, 0, 1) + simple(0x1B, 1))
BM = rsp[19:19 + struct.unpack_from("<H", rsp, 17)[0]]
rsp = run(find_row(1, b"", origin=3, bm=BM))
t.ok(header(rsp) == (0x4F, 1, 0) and rsp[6:8] == b"\0\x01" and parse_rows(rsp, 8, CCOLS, 1)[0][0][0] == MIDS[1],
     "RopFindRow from a custom bookmark", rsp.hex())

# ---- RopQueryColumnsAll, RopGetStatus, RopAbort, RopResetTable ----------------------------------------------

rsp = run(simple(0x37, 1))
n = struct.unpack_from("<H", rsp, 6)[0]
tags = struct.unpack_from("<%dI" % n, rsp, 8)
t.ok(header(rsp) == (0x37, 1, 0) and len(rsp) == 8 + 4 * n and
     all(x in tags for x in (PidTagMid, PidTagSubject, PidTagMessageDeliveryTime, PidTagMessageFlags)),
     "RopQueryColumnsAll: the contents table's columns", [hex(x) for x in tags])
rsp = run(set_columns(1, CCOLS, flags=0x01) + simple(0x16, 1) + simple(0x38, 1))
t.ok(rsp[6] == 0 and header(rsp, 7) == (0x16, 1, 0) and rsp[13] == 0 and
     header(rsp, 14) == (0x38, 1, ecUnableToAbort),
     "TBL_ASYNC RopSetColumns completes: TBLSTAT_COMPLETE, RopGetStatus too, RopAbort ecUnableToAbort", rsp.hex())
rsp = run(restrict(1, property_restriction(RELOP_GT, PidTagMid, MIDS[2])) + seek_row(1, 0, 1) +
          simple(0x81, 1) + simple(0x17, 1) + query_rows(1, 1))
t.ok(header(rsp, 18) == (0x81, 1, 0) and struct.unpack_from("<II", rsp, 30) == (0, 4) and
     header(rsp, 38) == (0x15, 1, ecNullObject),
     "RopResetTable: all rows again, the cursor at 0, no columns (RopQueryRows ecNullObject)", rsp.hex())
rsp = run(set_columns(1, [PidTagMid]) + query_rows(1, 10))
ec, origin, rows, _ = query(rsp, 7, [PidTagMid])
t.ok(ec == 0 and sorted(r[0] for r in rows) == sorted(MIDS), "after RopSetColumns the rows come back", rows)

# ---- a response buffer too small for every row (3.2.5.5) -------------------------------------------------------

COLS1 = [PidTagMid, PidTagInstID]
run(set_columns(1, COLS1) + seek_row(1, 0, 0))
# RPC_HEADER_EXT 8, RopSize 2, RopQueryRows header 6 + Origin 1 + RowCount 2, rows of 17 bytes, 4 handles 16
for fit, want, pos in ((1, 1, 1), (2, 2, 3), (3, 1, 4)):
    rsp, _ = s.execute(query_rows(1, 10), [LOGON, CT, HIER, NONE], max_rop_out=8 + 2 + 9 + 17 * fit + 16 + 5)
    ec, origin, rows, _ = query(rsp, 0, COLS1)
    t.ok(ec == 0 and len(rows) == want and position() == (pos, 4),
         "RopQueryRows in a buffer for %d rows: %d rows, success, the cursor past them" % (fit, want),
         (hex(ec), len(rows), position()))
t.ok(origin == 0x02, "the last page ends at BOOKMARK_END", origin)
rsp, _ = s.execute(seek_row(1, 0, 0) + query_rows(1, 10), [LOGON, CT, HIER, NONE], max_rop_out=8 + 2 + 11 + 16 + 20)
t.ok(header(rsp, 11) == (0x15, 1, ecBufferTooSmall) and position() == (0, 4),
     "a buffer for not one row: ecBufferTooSmall, the cursor stays", rsp.hex())

# ---- error paths (the error tables of 3.2.5.2 - 3.2.5.20) -------------------------------------------------------

FOLDER_ROPS = [set_columns(1, [PidTagMid]), sort_table(1, []), restrict(1, b""), query_rows(1, 1),
               simple(0x38, 1), simple(0x16, 1), simple(0x17, 1), seek_row(1, 0, 0), seek_row_bookmark(1, b"", 0),
               struct.pack("<BBBII", 0x1A, 0, 1, 0, 1), simple(0x1B, 1), simple(0x37, 1), find_row(1, b""),
               free_bookmark(1, b""), simple(0x81, 1), struct.pack("<BBBHQ", 0x59, 0, 1, 1, 0),
               struct.pack("<BBBQ", 0x5A, 0, 1, 0), struct.pack("<BBBQI", 0x6B, 0, 1, 0, 0),
               struct.pack("<BBBH", 0x6C, 0, 1, 0)]
bad = []
for r in FOLDER_ROPS:
    rsp, _ = s.execute(open_folder(INBOX, 0, 1) + r, [LOGON, NONE])
    if header(rsp, 8) != (r[0], 1, ecNotSupported):
        bad.append(rsp.hex())
t.ok(not bad, "every table ROP on a folder object: ecNotSupported", bad)
bad = []
for r in FOLDER_ROPS:
    rsp, _ = s.execute(r, [LOGON, NONE])
    if header(rsp) != (r[0], 1, ecNullObject):
        bad.append(rsp.hex())
t.ok(not bad, "every table ROP on a handle that names nothing: ecNullObject", bad)
# a fresh contents table: the ROPs 3.2.5.2 lists need RopSetColumns first
NEED_COLUMNS = [query_rows(2, 1), simple(0x1B, 2), free_bookmark(2, b"\1\0\0\0"), seek_row_bookmark(2, b"\1\0\0\0", 0),
                find_row(2, b""), struct.pack("<BBBHQ", 0x59, 0, 2, 1, 0), struct.pack("<BBBQ", 0x5A, 0, 2, 0),
                struct.pack("<BBBQI", 0x6B, 0, 2, 0, 0), struct.pack("<BBBH", 0x6C, 0, 2, 0)]
_, h = s.execute(open_folder(INBOX, 0, 1) + get_table(0x05, 1, 2), [LOGON, NONE, NONE])
bad = []
for r in NEED_COLUMNS:
    rsp, _ = s.execute(r, [LOGON, NONE, h[2]])
    if header(rsp) != (r[0], 2, ecNullObject):
        bad.append(rsp.hex())
t.ok(not bad, "before RopSetColumns: ecNullObject for each ROP 3.2.5.2 lists", bad)
rsp, _ = s.execute(set_columns(2, [PidTagMid]) + set_columns(2, [0x0037000A]) + query_rows(2, 1), [LOGON, NONE, h[2]])
t.ok(header(rsp, 7) == (0x12, 2, ecInvalidParam) and header(rsp, 13) == (0x15, 2, ecNullObject),
     "a PtypErrorCode column: ecInvalidParam, and no column set afterwards", rsp.hex())
rsp, _ = s.execute(set_columns(2, [PidTagMid]) + struct.pack("<BBBBB", 0x15, 0, 2, 0x04, 1) + b"\1\0" +
                   struct.pack("<BBBBBH", 0x15, 0, 2, 0, 2, 1), [LOGON, NONE, h[2]])
t.ok(header(rsp, 7) == (0x15, 2, ecInvalidParam) and header(rsp, 13) == (0x15, 2, ecInvalidParam),
     "RopQueryRows with an undefined QueryRowsFlags bit or ForwardRead 2: ecInvalidParam", rsp.hex())
rsp, _ = s.execute(free_bookmark(2, b"\xff\xff\xff\xff") + sort_table(2, [(PidTagSubject, 0)], 1, 1) +
                   struct.pack("<BBBHQ", 0x59, 0, 2, 1, 0) + struct.pack("<BBBQ", 0x5A, 0, 2, 0) +
                   struct.pack("<BBBQI", 0x6B, 0, 2, 0, 0) + struct.pack("<BBBH", 0x6C, 0, 2, 0), [LOGON, NONE, h[2]])
t.ok([header(rsp, 6 * i)[2] for i in range(6)] ==
     [ecInvalidBookmark, ecNotSupported, ecNotFound, ecNotFound, ecNotSupported, ecNotSupported],
     "an unknown bookmark: ecInvalidBookmark; categories: a categorized sort is ecNotSupported, RopExpandRow and "
     "RopCollapseRow find no category row, the collapse-state ROPs ecNotSupported", rsp.hex())
# the hierarchy table: RopSortTable and RopResetTable are for contents tables
rsp = run(sort_table(2, [(PidTagDisplayName, 0)]) + simple(0x81, 2) + simple(0x38, 2) +
          restrict(2, property_restriction(RELOP_EQ, PidTagDisplayName, "Top of Information Store")) +
          simple(0x17, 2))
t.ok([header(rsp, 6 * i)[2] for i in range(3)] == [ecNotSupported, ecNotSupported, ecUnableToAbort] and
     header(rsp, 18) == (0x14, 2, 0) and struct.unpack_from("<II", rsp, 31) == (0, 1),
     "hierarchy table: RopSortTable/RopResetTable ecNotSupported, RopAbort ecUnableToAbort, RopRestrict works",
     rsp.hex())

t.done()
