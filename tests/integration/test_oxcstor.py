#!/usr/bin/env python3
"""Integration test of the store and folder ROPs (MS-OXCSTOR, MS-OXCFOLD) of warpd: a real warpd on an
ephemeral port with users and a mailbox provisioned by warpadm, driven over MAPI/HTTP Execute (Basic auth,
plain HTTP) with ROP buffers built here byte by byte from the MS-OXCROPS 2.2.3 / 2.2.4 layouts (not with
warpcore's codec). Prints TAP.

usage: test_oxcstor.py PATH/TO/warpd PATH/TO/warpadm"""
import http.client
import os
import re
import struct
import sys
import time
import uuid

WARPD, WARPADM = sys.argv[1:3]
n = 0
failed = 0


def ok(cond, desc, detail=""):
    global n, failed
    n += 1
    print(("ok %d - %s" % (n, desc)) if cond else ("not ok %d - %s" % (n, desc)))
    if not cond:
        failed += 1
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)
    sys.stdout.flush()


# ---- provisioning, server and MAPI/HTTP session (shared with the other EMSMDB tests: emsmdb_client.py)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server  # noqa: E402
from rop_bytes import header, open_folder  # noqa: E402
from emsmdb_client import Session as ClientSession  # noqa: E402

PASSWORDS = {"alice": "Alice pw 1", "bob": "Bob pw 2"}
SERVER = Server(WARPD, WARPADM, PASSWORDS)
DN = SERVER.dn
warpadm = SERVER.warpadm
warpadm("mailbox", "create", "alice")  # bob's mailbox is made by his first RopLogon (MS-OXCSTOR 3.2.5.1.1)


class Session(ClientSession):
    """A session of user on the test's server: Connect at creation, then post() and execute()."""

    def __init__(self, user):
        super().__init__(SERVER, user)


def logon(essdn, flags=0x01, open_flags=0x01000C04):
    # RopLogon (MS-OXCROPS 2.2.3.1.1): RopId 0xFE, LogonId, OutputHandleIndex, LogonFlags, OpenFlags,
    # StoreState, EssdnSize, Essdn (ASCII, terminated)
    e = essdn.encode() + b"\0" if essdn is not None else b""
    return struct.pack("<BBBBIIH", 0xFE, 0, 0, flags, open_flags, 0, len(e)) + e


def create_folder(name, in_idx=1, out_idx=2, open_existing=0):
    # RopCreateFolder (2.2.4.2.1): RopId 0x1C, LogonId, InputHandleIndex, OutputHandleIndex, FolderType
    # (1 generic), UseUnicodeStrings (1), OpenExisting, Reserved, DisplayName, Comment (UTF-16LE, terminated)
    return struct.pack("<BBBBBBBB", 0x1C, 0, in_idx, out_idx, 1, 1, open_existing, 0) + \
        (name + "\0").encode("utf-16-le") + "a comment\0".encode("utf-16-le")


def delete_folder(fid, flags=0x05, in_idx=1):
    # RopDeleteFolder (2.2.4.3.1): RopId 0x1D, LogonId, InputHandleIndex, DeleteFolderFlags, FolderId
    return struct.pack("<BBBBQ", 0x1D, 0, in_idx, flags, fid)


def hierarchy_table(in_idx=1, out_idx=2):
    # RopGetHierarchyTable (2.2.4.13.1): RopId 0x04, LogonId, InputHandleIndex, OutputHandleIndex, TableFlags
    return struct.pack("<BBBBB", 0x04, 0, in_idx, out_idx, 0)


def get_receive_folder(cls, in_idx=0):
    # RopGetReceiveFolder (2.2.3.2.1): RopId 0x27, LogonId, InputHandleIndex, MessageClass (ASCII, terminated)
    return struct.pack("<BBB", 0x27, 0, in_idx) + cls.encode() + b"\0"


# ---- RopLogon, private mailbox (MS-OXCSTOR 3.2.5.1.1; response MS-OXCROPS 2.2.3.1.2)

s = Session("alice")
ok(s.status == 0 and s.error == 0, "Connect as alice", (s.status, s.error))
rsp, handles = s.execute(logon(DN["alice"]), [0xFFFFFFFF])
rop_id, idx, rv = header(rsp)
ok((rop_id, idx, rv) == (0xFE, 0, 0) and len(rsp) == 6 + 160, "RopLogon: success, private response size",
   (hex(rop_id), idx, hex(rv), len(rsp)))
LOGON = handles[0]
ok(LOGON != 0xFFFFFFFF, "RopLogon: a logon handle in the handle table", handles)
p = 6
logon_flags = rsp[p]
fids = struct.unpack_from("<13Q", rsp, p + 1)
p += 1 + 104
response_flags = rsp[p]
mailbox_guid = uuid.UUID(bytes_le=bytes(rsp[p + 1:p + 17]))
repl_id = struct.unpack_from("<H", rsp, p + 17)[0]
repl_guid = uuid.UUID(bytes_le=bytes(rsp[p + 19:p + 35]))
sec, minute, hour, dow, day, month, year = struct.unpack_from("<BBBBBBH", rsp, p + 35)
gwart, store_state = struct.unpack_from("<QI", rsp, p + 43)
ok(logon_flags == 0x01, "RopLogon: LogonFlags echo the request (Private)", logon_flags)
ok(len(set(fids)) == 13 and 0 not in fids, "RopLogon: 13 distinct non-zero FolderIds", fids)
ok(all(f & 0xFFFF == 1 for f in fids), "RopLogon: every FolderId has REPLID 1", [hex(f) for f in fids])
ok(response_flags == 0x07, "RopLogon: ResponseFlags Reserved | OwnerRight | SendAsRight", response_flags)
show = warpadm("mailbox", "show", "alice")
m = re.search(r"mailbox guid: +\{([0-9A-Fa-f-]{36})\}", show)
r = re.search(r"replica guid: +\{([0-9A-Fa-f-]{36})\}", show)
ok(m and uuid.UUID(m.group(1)) == mailbox_guid, "RopLogon: MailboxGuid is the one warpadm shows",
   (mailbox_guid, show))
ok(r and uuid.UUID(r.group(1)) == repl_guid, "RopLogon: ReplGuid is the mailbox's replica GUID", (repl_guid, show))
ok(repl_id == 1, "RopLogon: ReplId 1", repl_id)
now = time.gmtime()
ok(year == now.tm_year and 1 <= month <= 12 and 1 <= day <= 31 and dow == (now.tm_wday + 1) % 7
   and hour < 24 and minute < 60 and sec < 60, "RopLogon: LogonTime is today (UTC)",
   (sec, minute, hour, dow, day, month, year))
ok(gwart == 0 and store_state == 0, "RopLogon: GwartTime 0, StoreState 0 (no search folders)",
   (gwart, store_state))
# the wire order of the 13 FIDs (MS-OXCSTOR 2.2.1.1.3) matches warpadm's special folder list
fid_of = {}
for line in show.splitlines():
    mm = re.match(r"^(\S.*?) +1-([0-9A-F]{12}) ", line)
    if mm:
        fid_of[mm.group(1)] = 1 | int.from_bytes(bytes.fromhex(mm.group(2)), "little") << 16  # GLOBCNT bytes high-order first (MS-OXCDATA 2.2.1.1)
order = ["root", "deferred action", "spooler queue", "ipm subtree", "inbox", "outbox", "sent items",
         "deleted items", "common views", "schedule", "finder", "views", "shortcuts"]
ok([fid_of.get(name) for name in order] == list(fids), "RopLogon: FolderIds in the spec order (Root ... Shortcuts)",
   (fid_of, [hex(f) for f in fids]))
INBOX, IPM_SUBTREE = fids[4], fids[3]

# ---- RopGetReceiveFolder (MS-OXCSTOR 3.2.5.2)

rsp, _ = s.execute(get_receive_folder("IPM.Note"), [LOGON])
ok(header(rsp) == (0x27, 0, 0) and struct.unpack_from("<Q", rsp, 6)[0] == INBOX and rsp[14:] == b"IPM\0",
   "RopGetReceiveFolder(IPM.Note): the Inbox FID, ExplicitMessageClass IPM", rsp.hex())
rsp, _ = s.execute(get_receive_folder("Bad..Class"), [LOGON])
ok(header(rsp) == (0x27, 0, 0x80070057), "RopGetReceiveFolder with an invalid class: ecInvalidParam", rsp.hex())

# ---- RopOpenFolder (MS-OXCFOLD 3.2.5.1)

rsp, handles = s.execute(open_folder(INBOX), [LOGON, 0xFFFFFFFF])
ok(header(rsp) == (0x02, 1, 0) and rsp[6:] == b"\0\0" and handles[1] not in (0xFFFFFFFF, LOGON),
   "RopOpenFolder(Inbox): success, HasRules 0, IsGhosted 0, a new handle", (rsp.hex(), handles))
rsp, handles = s.execute(open_folder(0x0000FFFFFFFF0001), [LOGON, 0xFFFFFFFF])
ok(header(rsp) == (0x02, 1, 0x8004010F) and len(rsp) == 6 and handles[1] == 0xFFFFFFFF,
   "RopOpenFolder of an unknown FID: ecNotFound, no handle", (rsp.hex(), handles))
rsp, _ = s.execute(open_folder(INBOX), [0x7777, 0xFFFFFFFF])
ok(header(rsp) == (0x02, 1, 0x000004B9), "RopOpenFolder on a handle that names nothing: ecNullObject", rsp.hex())

# ---- RopCreateFolder, RopGetHierarchyTable, RopDeleteFolder (MS-OXCFOLD 3.2.5.2, 3.2.5.13, 3.2.5.3)

rsp, handles = s.execute(open_folder(IPM_SUBTREE) + hierarchy_table(1, 2), [LOGON, 0xFFFFFFFF, 0xFFFFFFFF])
SUBTREE = handles[1]
ok(header(rsp) == (0x02, 1, 0) and header(rsp, 8)[:3] == (0x04, 2, 0), "RopOpenFolder + RopGetHierarchyTable",
   rsp.hex())
rows_before = struct.unpack_from("<I", rsp, 14)[0]
ok(rows_before >= 5, "RopGetHierarchyTable of the IPM subtree: its special folders counted", rows_before)
rsp, handles = s.execute(create_folder("Projects", 1, 2), [0, SUBTREE, 0xFFFFFFFF])
ok(header(rsp) == (0x1C, 2, 0) and len(rsp) == 6 + 9 and rsp[14] == 0 and handles[2] != 0xFFFFFFFF,
   "RopCreateFolder: success, a new folder (IsExistingFolder 0) and its handle", (rsp.hex(), handles))
NEW = struct.unpack_from("<Q", rsp, 6)[0]
ok(NEW & 0xFFFF == 1 and NEW not in fids, "RopCreateFolder: a new FID of REPLID 1", hex(NEW))
rsp, _ = s.execute(hierarchy_table(1, 2), [0, SUBTREE, 0xFFFFFFFF])
ok(header(rsp) == (0x04, 2, 0) and struct.unpack_from("<I", rsp, 6)[0] == rows_before + 1,
   "RopGetHierarchyTable: one row more", rsp.hex())
rsp, _ = s.execute(create_folder("projects", 1, 2), [0, SUBTREE, 0xFFFFFFFF])
ok(header(rsp) == (0x1C, 2, 0x80040604), "RopCreateFolder of an existing name: ecDuplicateName", rsp.hex())
rsp, _ = s.execute(create_folder("Projects", 1, 2, open_existing=1), [0, SUBTREE, 0xFFFFFFFF])
ok(header(rsp) == (0x1C, 2, 0) and struct.unpack_from("<Q", rsp, 6)[0] == NEW and rsp[14] == 1
   and len(rsp) == 6 + 11, "RopCreateFolder OpenExisting: the existing FID, IsExistingFolder, HasRules, IsGhosted",
   rsp.hex())
rsp, _ = s.execute(open_folder(NEW), [LOGON, 0xFFFFFFFF])
ok(header(rsp) == (0x02, 1, 0), "RopOpenFolder of the new folder by its FID", rsp.hex())
rsp, _ = s.execute(delete_folder(INBOX), [0, SUBTREE])
ok(header(rsp) == (0x1D, 1, 0x80070005), "RopDeleteFolder of a special folder: ecAccessDenied", rsp.hex())
rsp, _ = s.execute(delete_folder(NEW, flags=0x15), [0, SUBTREE])
ok(header(rsp) == (0x1D, 1, 0) and rsp[6] == 0, "RopDeleteFolder (hard): success, PartialCompletion 0",
   rsp.hex())
rsp, _ = s.execute(hierarchy_table(1, 2), [0, SUBTREE, 0xFFFFFFFF])
ok(struct.unpack_from("<I", rsp, 6)[0] == rows_before, "RopGetHierarchyTable after the delete: the row is gone",
   rsp.hex())
rsp, _ = s.execute(open_folder(NEW), [LOGON, 0xFFFFFFFF])
ok(header(rsp) == (0x02, 1, 0x8004010F), "RopOpenFolder of the deleted folder: ecNotFound", rsp.hex())
rsp, _ = s.execute(delete_folder(NEW), [0, LOGON])
ok(header(rsp) == (0x1D, 1, 0x80040102), "RopDeleteFolder on a logon (not a folder): ecNotSupported", rsp.hex())

# ---- receive folders (MS-OXCSTOR 3.2.5.3, 3.2.5.4)


def set_receive_folder(fid, cls, in_idx=0):
    # RopSetReceiveFolder (2.2.3.3.1): RopId 0x26, LogonId, InputHandleIndex, FolderId, MessageClass (ASCII)
    return struct.pack("<BBBQ", 0x26, 0, in_idx, fid) + cls.encode() + b"\0"


rsp, handles = s.execute(create_folder("Lists", 1, 2), [0, SUBTREE, 0xFFFFFFFF])
LISTS, LISTS_H = struct.unpack_from("<Q", rsp, 6)[0], handles[2]
rsp, _ = s.execute(set_receive_folder(LISTS, "IPM.Note.List"), [LOGON])
ok(header(rsp) == (0x26, 0, 0) and len(rsp) == 6, "RopSetReceiveFolder(IPM.Note.List): success", rsp.hex())
rsp, _ = s.execute(get_receive_folder("IPM.Note.List.Digest"), [LOGON])
ok(header(rsp) == (0x27, 0, 0) and struct.unpack_from("<Q", rsp, 6)[0] == LISTS
   and rsp[14:] == b"IPM.Note.List\0", "RopGetReceiveFolder: the longest matching class and its folder", rsp.hex())
rsp, _ = s.execute(set_receive_folder(LISTS, "ipm"), [LOGON])
ok(header(rsp) == (0x26, 0, 0x80070005), "RopSetReceiveFolder(IPM): ecAccessDenied", rsp.hex())
rsp, _ = s.execute(set_receive_folder(0, ""), [LOGON])
ok(header(rsp) == (0x26, 0, 0x80004005), "RopSetReceiveFolder of FID 0 for \"\": ecError", rsp.hex())
# RopGetReceiveFolderTable (2.2.3.4): RopId 0x68, LogonId, InputHandleIndex; rows of PidTagFolderId (8),
# PidTagMessageClass (PtypString8), PidTagLastModificationTime (8), each a StandardPropertyRow (Flag 0)
rsp, _ = s.execute(struct.pack("<BBB", 0x68, 0, 0), [LOGON])
rows = {}
ok(header(rsp) == (0x68, 0, 0), "RopGetReceiveFolderTable: success", rsp.hex())
count, p = struct.unpack_from("<I", rsp, 6)[0], 10
for _ in range(count):
    flag, fid = struct.unpack_from("<BQ", rsp, p)
    end = rsp.index(b"\0", p + 9)
    rows[rsp[p + 9:end].decode()] = (flag, fid, struct.unpack_from("<Q", rsp, end + 1)[0])
    p = end + 9
ok(p == len(rsp) and rows.get("IPM.Note.List", (None, None))[:2] == (0, LISTS) and rows.get("IPM")[1] == INBOX
   and rows.get("")[1] == INBOX and rows.get("IPC")[1] == fids[0] and rows["IPM.Note.List"][2] > 0,
   "RopGetReceiveFolderTable: the primed rows (\"\", IPM, Report.IPM -> Inbox, IPC -> Root) and the new one",
   rows)
rsp, _ = s.execute(set_receive_folder(0, "IPM.Note.List"), [LOGON])
rsp2, _ = s.execute(get_receive_folder("IPM.Note.List"), [LOGON])
ok(header(rsp) == (0x26, 0, 0) and rsp2[14:] == b"IPM\0", "RopSetReceiveFolder with FID 0 removes the class",
   (rsp.hex(), rsp2.hex()))

# ---- IDs (MS-OXCSTOR 3.2.5.8, 3.2.5.9) and per-user data (3.2.5.10 - 3.2.5.12)

rsp, _ = s.execute(struct.pack("<BBBQ", 0x43, 0, 0, INBOX), [LOGON])
ltid = rsp[6:]
want = repl_guid.bytes_le + INBOX.to_bytes(8, "little")[2:] + b"\0\0"  # REPLGUID, GLOBCNT, Pad
ok(header(rsp) == (0x43, 0, 0) and ltid == want, "RopLongTermIdFromId(Inbox): ReplGuid + GlobalCounter + 0000",
   rsp.hex())
rsp, _ = s.execute(struct.pack("<BBBQ", 0x43, 0, 0, (INBOX & ~0xFFFF) | 7), [LOGON])
ok(header(rsp) == (0x43, 0, 0x8004010F), "RopLongTermIdFromId of an unknown REPLID: ecNotFound", rsp.hex())
rsp, _ = s.execute(struct.pack("<BBB", 0x44, 0, 0) + ltid, [LOGON])
ok(header(rsp) == (0x44, 0, 0) and struct.unpack_from("<Q", rsp, 6)[0] == INBOX,
   "RopIdFromLongTermId: back to the Inbox FID", rsp.hex())
rsp, _ = s.execute(struct.pack("<BBB", 0x44, 0, 0) + b"\0" * 16 + ltid[16:], [LOGON])
ok(header(rsp) == (0x44, 0, 0x80070057), "RopIdFromLongTermId with a zero REPLGUID: ecInvalidParam", rsp.hex())
rsp, _ = s.execute(struct.pack("<BBB", 0x60, 0, 0) + repl_guid.bytes_le, [LOGON])
ok(header(rsp) == (0x60, 0, 0) and rsp[6:] == b"\0\0", "RopGetPerUserLongTermIds: an empty list", rsp.hex())
rsp, _ = s.execute(struct.pack("<BBB", 0x61, 0, 0) + ltid, [LOGON])
ok(header(rsp) == (0x61, 0, 0x8004010F), "RopGetPerUserGuid: ecNotFound (no per-user rows)", rsp.hex())
# RopReadPerUserInformation (2.2.3.12.1): FolderId (LongTermID), Reserved, DataOffset, MaxDataSize
rsp, _ = s.execute(struct.pack("<BBB", 0x63, 0, 0) + ltid + struct.pack("<BIH", 0, 0, 0x1000), [LOGON])
ok(header(rsp) == (0x63, 0, 0) and rsp[6:] == b"\x01\0\0", "RopReadPerUserInformation: HasFinished, no data",
   rsp.hex())
rsp, _ = s.execute(struct.pack("<BBB", 0x63, 0, 0) + ltid + struct.pack("<BIH", 0, 5, 0x1000), [LOGON])
ok(header(rsp) == (0x63, 0, 0x80004005), "RopReadPerUserInformation past the data: ecError", rsp.hex())

# ---- move, copy, empty, contents table, search criteria (MS-OXCFOLD 3.2.5.4 - 3.2.5.14)


def move_copy_folder(rop, fid, name, recursive=1):
    # RopMoveFolder (2.2.4.7.1) / RopCopyFolder (2.2.4.8.1): RopId, LogonId, SourceHandleIndex 1,
    # DestHandleIndex 2, WantAsynchronous, [WantRecursive,] UseUnicode, FolderId, NewFolderName (UTF-16LE)
    mid = bytes([0, recursive, 1]) if rop == 0x36 else bytes([0, 1])
    return bytes([rop, 0, 1, 2]) + mid + struct.pack("<Q", fid) + (name + "\0").encode("utf-16-le")


rsp, handles = s.execute(create_folder("Sub", 1, 2), [0, LISTS_H, 0xFFFFFFFF])
SUB = struct.unpack_from("<Q", rsp, 6)[0]
rsp, _ = s.execute(move_copy_folder(0x36, SUB, "Sub copy"), [0, LISTS_H, SUBTREE])
ok(header(rsp) == (0x36, 1, 0) and rsp[6] == 0, "RopCopyFolder: success, PartialCompletion 0", rsp.hex())
rsp, _ = s.execute(hierarchy_table(1, 2), [0, SUBTREE, 0xFFFFFFFF])
ok(struct.unpack_from("<I", rsp, 6)[0] == rows_before + 2, "RopCopyFolder: the copy is in the destination",
   rsp.hex())
rsp, _ = s.execute(move_copy_folder(0x35, SUB, "Moved"), [0, LISTS_H, SUBTREE])
ok(header(rsp) == (0x35, 1, 0) and rsp[6] == 0, "RopMoveFolder: success", rsp.hex())
rsp, _ = s.execute(hierarchy_table(1, 2) + hierarchy_table(3, 4),
                   [0, SUBTREE, 0xFFFFFFFF, LISTS_H, 0xFFFFFFFF])
ok(struct.unpack_from("<I", rsp, 6)[0] == rows_before + 3 and struct.unpack_from("<I", rsp, 16)[0] == 0,
   "RopMoveFolder: the folder left its parent for the destination", rsp.hex())
rsp, _ = s.execute(open_folder(SUB), [LOGON, 0xFFFFFFFF])
ok(header(rsp) == (0x02, 1, 0), "RopMoveFolder kept the FID", rsp.hex())
rsp, _ = s.execute(move_copy_folder(0x35, SUB, "Again"), [0, SUBTREE, 0x5555])
ok(header(rsp) == (0x35, 1, 0x503) and rsp[6:] == struct.pack("<IB", 2, 0),
   "RopMoveFolder to a handle that names nothing: ecDstNullObject with DestHandleIndex", rsp.hex())
rsp, _ = s.execute(move_copy_folder(0x35, INBOX, "Inbox2"), [0, SUBTREE, LISTS_H])
ok(header(rsp) == (0x35, 1, 0x80070005), "RopMoveFolder of a special folder: ecAccessDenied", rsp.hex())
# RopGetContentsTable (2.2.4.14.1): RopId 0x05, LogonId, InputHandleIndex, OutputHandleIndex, TableFlags
rsp, handles = s.execute(struct.pack("<BBBBB", 0x05, 0, 1, 2, 0), [0, LISTS_H, 0xFFFFFFFF])
ok(header(rsp) == (0x05, 2, 0) and rsp[6:] == b"\0\0\0\0" and handles[2] != 0xFFFFFFFF,
   "RopGetContentsTable of a new folder: a table object, RowCount 0", (rsp.hex(), handles))
# RopDeleteMessages (2.2.4.11.1): WantAsynchronous, NotifyNonRead, MessageIdCount, MessageIds
rsp, _ = s.execute(struct.pack("<BBBBBHQ", 0x1E, 0, 1, 0, 0, 1, (LISTS & ~0xFFFF) | 1), [0, LISTS_H])
ok(header(rsp) == (0x1E, 1, 0) and len(rsp) == 7, "RopDeleteMessages of a MID not in the folder: answered",
   rsp.hex())
# RopHardDeleteMessages (2.2.4.12.1): the fields of RopDeleteMessages, RopId 0x91
rsp, _ = s.execute(struct.pack("<BBBBBHQ", 0x91, 0, 1, 0, 0, 1, (LISTS & ~0xFFFF) | 1), [0, LISTS_H])
ok(header(rsp) == (0x91, 1, 0) and len(rsp) == 7, "RopHardDeleteMessages of a MID not in the folder: answered",
   rsp.hex())
# RopMoveCopyMessages (2.2.4.6.1): SourceHandleIndex, DestHandleIndex, MessageIdCount, MessageIds,
# WantAsynchronous, WantCopy; no message ROPs yet, so only MIDs that are not there
rsp, _ = s.execute(struct.pack("<BBBBHQBB", 0x33, 0, 1, 2, 1, (LISTS & ~0xFFFF) | 1, 0, 1), [0, LISTS_H, SUBTREE])
ok(header(rsp) == (0x33, 1, 0) and rsp[6] == 1, "RopMoveCopyMessages of a MID not in the folder: PartialCompletion",
   rsp.hex())
rsp, _ = s.execute(struct.pack("<BBBBHQBB", 0x33, 0, 1, 2, 1, (LISTS & ~0xFFFF) | 1, 0, 0), [0, LISTS_H, LOGON])
ok(header(rsp) == (0x33, 1, 0x80040102), "RopMoveCopyMessages to a logon (not a folder): ecNotSupported",
   rsp.hex())
# RopEmptyFolder (2.2.4.9.1): WantAsynchronous, WantDeleteAssociated
rsp, _ = s.execute(create_folder("Sub 2", 1, 2), [0, LISTS_H, 0xFFFFFFFF])
rsp, _ = s.execute(struct.pack("<BBBBB", 0x58, 0, 1, 0, 1), [0, LISTS_H])
ok(header(rsp) == (0x58, 1, 0) and rsp[6] == 0, "RopEmptyFolder: success, PartialCompletion 0", rsp.hex())
rsp, _ = s.execute(hierarchy_table(1, 2), [0, LISTS_H, 0xFFFFFFFF])
ok(header(rsp) == (0x04, 2, 0) and struct.unpack_from("<I", rsp, 6)[0] == 0, "RopEmptyFolder: no subfolder left",
   rsp.hex())
# RopHardDeleteMessagesAndSubfolders (2.2.4.10.1): same fields, RopId 0x92
rsp, _ = s.execute(struct.pack("<BBBBB", 0x92, 0, 1, 0, 0), [0, SUBTREE])
ok(header(rsp) == (0x92, 1, 0x80040102) and rsp[6] == 0,
   "RopHardDeleteMessagesAndSubfolders of the IPM subtree (holds the special folders): ecNotSupported", rsp.hex())
ROOT_H = s.execute(open_folder(fids[0]), [LOGON, 0xFFFFFFFF])[1][1]
rsp, _ = s.execute(struct.pack("<BBBBB", 0x58, 0, 1, 0, 0), [0, ROOT_H])
ok(header(rsp) == (0x58, 1, 0x80040102), "RopEmptyFolder of the Root folder: ecNotSupported", rsp.hex())
rsp, _ = s.execute(hierarchy_table(1, 2), [0, SUBTREE, 0xFFFFFFFF])
ok(struct.unpack_from("<I", rsp, 6)[0] == rows_before + 3, "the IPM subtree still has its folders", rsp.hex())
# RopGetSearchCriteria (2.2.4.5.1): UseUnicode, IncludeRestriction, IncludeFolders
rsp, _ = s.execute(struct.pack("<BBBBBB", 0x31, 0, 0, 1, 1, 1), [SUBTREE])
ok(header(rsp) == (0x31, 0, 0x461) and len(rsp) == 6, "RopGetSearchCriteria: ecNotSearchFolder", rsp.hex())

# RopCreateFolder of a search folder (FolderType 2): ecNotSupported; RopSetSearchCriteria (2.2.4.4.1):
# RestrictionDataSize 0, FolderIdCount 1, FolderIds, SearchFlags RESTART_SEARCH: ecNotSearchFolder
rsp, _ = s.execute(bytes([0x1C, 0, 1, 2, 2, 1, 0, 0]) + "Found\0".encode("utf-16-le") + b"\0\0",
                   [0, SUBTREE, 0xFFFFFFFF])
ok(header(rsp) == (0x1C, 2, 0x80040102) and len(rsp) == 6, "RopCreateFolder of a search folder: ecNotSupported",
   rsp.hex())
rsp, _ = s.execute(struct.pack("<BBBHHQI", 0x30, 0, 0, 0, 1, INBOX, 0x2), [SUBTREE])
ok(header(rsp) == (0x30, 0, 0x461) and len(rsp) == 6, "RopSetSearchCriteria: ecNotSearchFolder", rsp.hex())

# ---- logon errors (MS-OXCSTOR 3.2.5.1)

rsp, handles = s.execute(logon(DN["bob"]), [0xFFFFFFFF])
ok(header(rsp) == (0xFE, 0, 0x0000011C) and len(rsp) == 6 and handles == [0xFFFFFFFF],
   "RopLogon to another user's mailbox: ecProfileNotConfigured, no handle", (rsp.hex(), handles))
rsp, _ = s.execute(logon(DN["alice"].rsplit("=", 1)[0] + "=nobody"), [0xFFFFFFFF])
ok(header(rsp) == (0xFE, 0, 0x000003EB), "RopLogon with an unknown Essdn: ecUnknownUser", rsp.hex())
rsp, _ = s.execute(logon(None, flags=0x00, open_flags=0x02), [0xFFFFFFFF])
ok(header(rsp) == (0xFE, 0, 0x80040111) and len(rsp) == 6,
   "RopLogon to public folders: ecLoginFailure (there are none)", rsp.hex())

# ---- first logon creates the mailbox (MS-OXCSTOR 3.2.5.1.1)

b = Session("bob")
rsp, handles = b.execute(logon(DN["bob"]), [0xFFFFFFFF])
ok(header(rsp) == (0xFE, 0, 0) and len(rsp) == 166, "RopLogon of a user without a mailbox: created", rsp.hex())
show = warpadm("mailbox", "show", "bob")
m = re.search(r"mailbox guid: +\{([0-9A-Fa-f-]{36})\}", show)
ok(m and uuid.UUID(m.group(1)) == uuid.UUID(bytes_le=bytes(rsp[6 + 106:6 + 122])) and "inbox" in show,
   "the created mailbox is bob's, with its special folders", show)
rsp2, _ = b.execute(get_receive_folder("IPM.Note", 0), [handles[0]])
ok(struct.unpack_from("<Q", rsp2, 6)[0] == struct.unpack_from("<Q", rsp, 7 + 4 * 8)[0],
   "its receive folder for IPM.Note is its Inbox", (rsp2.hex(), rsp.hex()))

print("1..%d" % n)
sys.exit(1 if failed else 0)
