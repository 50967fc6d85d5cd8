#!/usr/bin/env python3
"""Integration test of the property ROPs (MS-OXCPRPT) of warpd: a real warpd with a provisioned user, driven
over MAPI/HTTP Execute with ROP buffers built here byte by byte from the MS-OXCROPS 2.2.8 layouts (not with
warpcore's codec): the store entry IDs Outlook reads from the logon at start-up, the Inbox's properties, set
and delete round trips seen after reopening and from another session, named property IDs stable across
sessions, the copy ROPs and the error paths of MS-OXCPRPT 3.2.5 / MS-OXCROPS 2.2.8. Prints TAP.

usage: test_oxcprpt.py PATH/TO/warpd PATH/TO/warpadm"""
import json
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server, Session, Tap  # noqa: E402
from rop_bytes import create_message, header, open_folder, save, utf16z  # noqa: E402

t = Tap()
server = Server(sys.argv[1], sys.argv[2], {"alice": "Alice pw 1"})
NONE = 0xFFFFFFFF

# property tags (MS-OXPROPS)
IPM_SUBTREE, IPM_OUTBOX, IPM_WASTEBASKET, IPM_SENTMAIL = 0x35E00102, 0x35E20102, 0x35E30102, 0x35E40102
VIEWS, COMMON_VIEWS, FINDER = 0x35E50102, 0x35E60102, 0x35E70102
OWNER_ENTRYID, OWNER_NAME, USER_ENTRYID = 0x661B0102, 0x661C001F, 0x66190102
DISPLAY_NAME, COMMENT, CONTENT_COUNT, UNREAD_COUNT = 0x3001001F, 0x3004001F, 0x36020003, 0x36030003
CONTAINER_CLASS, APPOINTMENT_ENTRYID, SUBJECT, FOLDER_ID = 0x3613001F, 0x36D00102, 0x0037001F, 0x67480014
NOT_FOUND, ACCESS_DENIED, NOT_ENOUGH_MEMORY = 0x8004010F, 0x80070005, 0x8007000E
PS_PUBLIC_STRINGS = bytes.fromhex("29030200" "0000" "0000" "c000000000000046")


def open_message(fid, mid, in_idx, out_idx):
    # RopOpenMessage (2.2.6.1.1): ... CodePageId, FolderId, OpenModeFlags ReadWrite, MessageId
    return struct.pack("<BBBBHQBQ", 0x03, 0, in_idx, out_idx, 0x0FFF, fid, 0x01, mid)


def get_props(idx, tags, unicode=1):
    # RopGetPropertiesSpecific (2.2.8.3.1): RopId 0x07, LogonId, InputHandleIndex, PropertySizeLimit,
    # WantUnicode, PropertyTagCount, PropertyTags
    return struct.pack("<BBBHHH", 0x07, 0, idx, 0, unicode, len(tags)) + b"".join(struct.pack("<I", x) for x in tags)


def tagged(tag, value):
    # TaggedPropertyValue (MS-OXCDATA 2.11.4) of a few types
    t = tag & 0xFFFF
    if t == 0x001F:
        v = utf16z(value)
    elif t == 0x0003:
        v = struct.pack("<i", value)
    elif t == 0x0014:
        v = struct.pack("<q", value)
    elif t == 0x000B:
        v = struct.pack("<B", value)
    else:  # PtypBinary: 2-byte count in ROPs (MS-OXCDATA 2.11.1.1)
        v = struct.pack("<H", len(value)) + value
    return struct.pack("<I", tag) + v


def set_props(idx, values, rop=0x0A):
    # RopSetProperties (2.2.8.6.1) / NoReplicate 0x79: PropertyValueSize, PropertyValueCount, PropertyValues
    body = struct.pack("<H", len(values)) + b"".join(tagged(tag, v) for tag, v in values)
    return struct.pack("<BBBH", rop, 0, idx, len(body)) + body


def delete_props(idx, tags, rop=0x0B):
    # RopDeleteProperties (2.2.8.8.1) / NoReplicate 0x7A: PropertyTagCount, PropertyTags
    return struct.pack("<BBBH", rop, 0, idx, len(tags)) + b"".join(struct.pack("<I", x) for x in tags)


def problems(rsp, off=0):
    """The PropertyProblems of a RopSetProperties/RopDeleteProperties/RopCopy* success response"""
    n = struct.unpack_from("<H", rsp, off + 6)[0]
    return [struct.unpack_from("<HII", rsp, off + 8 + 10 * i) for i in range(n)]


def row_values(rsp, tags, off=0):
    """The values of a RopGetPropertiesSpecific response's row over typed tags: (flag, value or error)"""
    flag = rsp[off + 6]
    p = off + 7
    out = []
    for tag in tags:
        f = 0
        if flag == 1:
            f = rsp[p]
            p += 1
        if f == 0x0A:
            out.append((f, struct.unpack_from("<I", rsp, p)[0]))
            p += 4
            continue
        t = tag & 0xFFFF
        if t == 0x001F:
            end = p
            while rsp[end:end + 2] != b"\0\0":
                end += 2
            out.append((f, rsp[p:end].decode("utf-16-le")))
            p = end + 2
        elif t == 0x0102:
            n = struct.unpack_from("<H", rsp, p)[0]
            out.append((f, rsp[p + 2:p + 2 + n]))
            p += 2 + n
        elif t == 0x0003:
            out.append((f, struct.unpack_from("<i", rsp, p)[0]))
            p += 4
        elif t == 0x0014:
            out.append((f, struct.unpack_from("<q", rsp, p)[0]))
            p += 8
    return out, p


def names_request(flags, names):
    # RopGetPropertyIdsFromNames (2.2.8.1.1): RopId 0x56, LogonId, InputHandleIndex, Flags, PropertyNameCount,
    # PropertyNames (MS-OXCDATA 2.6.1: Kind 0x01, GUID, NameSize, Name)
    body = b"".join(struct.pack("<B", 1) + PS_PUBLIC_STRINGS + struct.pack("<B", len(utf16z(n))) + utf16z(n)
                    for n in names)
    return struct.pack("<BBBBH", 0x56, 0, 0, flags, len(names)) + body


s = Session(server, "alice")
LOGON, fids = s.logon()
INBOX = fids[4]

# ---- the logon: what Outlook reads at start-up (MS-OXCSTOR 2.2.2.1)
tags = [IPM_SUBTREE, IPM_OUTBOX, IPM_WASTEBASKET, IPM_SENTMAIL, VIEWS, COMMON_VIEWS, FINDER, OWNER_NAME,
        OWNER_ENTRYID, USER_ENTRYID]
which = [3, 5, 7, 6, 11, 8, 10]  # the RopLogon FolderIds (MS-OXCSTOR 2.2.1.1.3) of those folders
rsp, _ = s.execute(get_props(0, tags), [LOGON])
vals, end = row_values(rsp, tags)
t.ok(header(rsp) == (0x07, 0, 0) and rsp[6] == 0 and end == len(rsp),
     "RopGetPropertiesSpecific on the logon: success, a StandardPropertyRow", rsp.hex())
# Folder EntryID (MS-OXCDATA 2.2.4.1): Flags, ProviderUID, FolderType 0x0001, DatabaseGuid, GlobalCounter, Pad
good = all(len(v) == 46 and v[:4] == b"\0" * 4 and v[20:22] == b"\x01\x00" and
           v[38:44] == struct.pack("<Q", fids[w])[2:8] for (_, v), w in zip(vals[:7], which))
t.ok(good, "the store's special-folder entry IDs are Folder EntryIDs of the RopLogon folders",
     [v.hex() for _, v in vals[:7]])
# Address Book EntryID (MS-OXCDATA 2.2.5.2): Flags 0, ProviderUID, Version 1, Type 0 (mail user), X500DN
ab = b"\0" * 4 + bytes.fromhex("DCA740C8C042101AB4B908002B2FE182") + struct.pack("<II", 1, 0) + \
    server.dn["alice"].encode() + b"\0"
name = json.loads(server.warpadm("user", "show", "alice", "--json"))["display_name"]
t.ok(vals[7][1] == name and vals[8][1] == ab and vals[9][1] == ab,
     "PidTagMailboxOwnerName, PidTagMailboxOwnerEntryId and PidTagUserEntryId of the owner", vals[7:])

# ---- the Inbox: display name, counts, container class and the Root/Inbox entry IDs (MS-OXOSFLD 2.2.3)
tags = [DISPLAY_NAME, CONTENT_COUNT, UNREAD_COUNT, CONTAINER_CLASS, APPOINTMENT_ENTRYID]
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + get_props(1, tags), [LOGON, NONE])
vals, end = row_values(rsp, tags, 8)
t.ok(header(rsp, 8) == (0x07, 1, 0) and [v for _, v in vals[:4]] == ["Inbox", 0, 0, "IPF.Note"] and
     len(vals[4][1]) == 46 and vals[4][1][20:22] == b"\x01\x00" and end == len(rsp),
     "RopGetPropertiesSpecific on the Inbox: name, counts, container class, calendar entry ID", vals)
# WantUnicode 0 and PtypUnspecified: the name comes as PtypString8 (3.2.5.1)
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + get_props(1, [DISPLAY_NAME & 0xFFFF0000], 0), [LOGON, NONE])
t.ok(rsp[8:] == bytes.fromhex("070100000000001e00") + b"Inbox\0",
     "PtypUnspecified without WantUnicode: PtypString8", rsp[8:].hex())
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + get_props(1, [COMMENT]), [LOGON, NONE])
t.ok(rsp[8:] == bytes.fromhex("07010000000001" "0a0f010480"),
     "a property the folder lacks: a FlaggedPropertyRow with NotFound", rsp[8:].hex())

# ---- folder set / delete: persisted at once, seen from another session (3.2.5.4, 3.2.5.5)
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + set_props(1, [(COMMENT, "note"), (FOLDER_ID, 7)]), [LOGON, NONE])
t.ok(header(rsp, 8) == (0x0A, 1, 0) and problems(rsp, 8) == [(1, FOLDER_ID, ACCESS_DENIED)],
     "RopSetProperties on a folder: a read-only property is a PropertyProblem (AccessDenied)", rsp[8:].hex())
s2 = Session(server, "alice")
LOGON2, _ = s2.logon()
rsp, _ = s2.execute(open_folder(INBOX, 0, 1) + get_props(1, [COMMENT, FOLDER_ID]), [LOGON2, NONE])
vals, _ = row_values(rsp, [COMMENT, FOLDER_ID], 8)
t.ok([v for _, v in vals] == ["note", INBOX], "another session sees the comment; PidTagFolderId kept", vals)
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + delete_props(1, [COMMENT], 0x7A), [LOGON, NONE])
rsp2, _ = s2.execute(open_folder(INBOX, 0, 1) + get_props(1, [COMMENT]), [LOGON2, NONE])
t.ok(header(rsp, 8) == (0x7A, 1, 0) and problems(rsp, 8) == [] and rsp2[8:].endswith(bytes.fromhex("0a0f010480")),
     "RopDeletePropertiesNoReplicate: gone for the other session too", (rsp[8:].hex(), rsp2[8:].hex()))

# ---- the logon's read/write properties persist; its computed ones are read-only (MS-OXCSTOR 2.2.2.1)
rsp, _ = s.execute(set_props(0, [(COMMENT, "my box"), (IPM_SUBTREE, b"x")]), [LOGON])
rsp2, _ = s2.execute(get_props(0, [COMMENT]), [LOGON2])
t.ok(problems(rsp) == [(1, IPM_SUBTREE, ACCESS_DENIED)] and row_values(rsp2, [COMMENT])[0] == [(0, "my box")],
     "RopSetProperties on the logon: persisted, PidTagIpmSubtreeEntryId read-only", (rsp.hex(), rsp2.hex()))

# ---- a message: set before save visible on the handle, persisted by the save, delete likewise
rsp, handles = s.execute(open_folder(INBOX, 0, 1) + create_message(INBOX, 1, 2) +
                         set_props(2, [(SUBJECT, "Hello")]) + get_props(2, [SUBJECT]) + save(2),
                         [LOGON, NONE, NONE])
MID = struct.unpack_from("<Q", rsp, 8 + 7)[0]
p = 8 + 15
t.ok(problems(rsp, p) == [] and row_values(rsp, [SUBJECT], p + 8)[0] == [(0, "Hello")],
     "RopSetProperties on a new message is read back on the same handle", rsp[p:].hex())
rsp, _ = s2.execute(open_message(INBOX, MID, 0, 1) + get_props(1, [SUBJECT]), [LOGON2, NONE])
off = len(rsp) - (6 + 1 + len(utf16z("Hello")))
t.ok(row_values(rsp, [SUBJECT], off)[0] == [(0, "Hello")], "the subject after the save, from another session",
     rsp.hex())
rsp, _ = s.execute(open_message(INBOX, MID, 0, 1) + delete_props(1, [SUBJECT]) + save(1), [LOGON, NONE])
rsp, _ = s2.execute(open_message(INBOX, MID, 0, 1) + get_props(1, [SUBJECT]), [LOGON2, NONE])
t.ok(rsp.endswith(bytes.fromhex("07010000000001" "0a0f010480")), "deleted and saved: NotFound after reopening",
     rsp.hex())

# ---- RopGetPropertiesAll / RopGetPropertiesList on the message
_, h = s.execute(open_message(INBOX, MID, 0, 1), [LOGON, NONE])
# RopGetPropertiesAll (2.2.8.4.1): PropertySizeLimit, WantUnicode; RopGetPropertiesList (2.2.8.5.1): no body
rsp, _ = s.execute(struct.pack("<BBBHH", 0x08, 0, 0, 0, 1), [h[1]])
rsp2, _ = s.execute(struct.pack("<BBB", 0x09, 0, 0), [h[1]])
n = struct.unpack_from("<H", rsp2, 6)[0]
listed = [struct.unpack_from("<I", rsp2, 8 + 4 * i)[0] for i in range(n)]
t.ok(header(rsp) == (0x08, 0, 0) and struct.pack("<IQ", FOLDER_ID, INBOX) in rsp and len(rsp2) == 8 + 4 * n and
     FOLDER_ID in listed and SUBJECT not in listed,
     "RopGetPropertiesAll and RopGetPropertiesList: PidTagFolderId, no deleted subject", (rsp.hex(), listed))

# ---- named properties: IDs stable across sessions (3.2.5.10, 3.2.5.9, 3.2.5.6)
rsp, _ = s.execute(names_request(0x02, ["TestProp1", "TestProp2"]), [LOGON])
ids = struct.unpack_from("<2H", rsp, 8)
t.ok(header(rsp) == (0x56, 0, 0) and all(i >= 0x8000 for i in ids) and ids[0] != ids[1],
     "RopGetPropertyIdsFromNames with Create: two new IDs above 0x8000", rsp.hex())
s3 = Session(server, "alice")
LOGON3, _ = s3.logon()
rsp, _ = s3.execute(names_request(0x00, ["TestProp2", "TestProp1", "Unknown"]), [LOGON3])
t.ok(struct.unpack_from("<3H", rsp, 8) == (ids[1], ids[0], 0),
     "a new session gets the same IDs, and 0 for an unknown name without Create", rsp.hex())
rsp, _ = s3.execute(struct.pack("<BBBHHH", 0x55, 0, 0, 2, ids[0], 0x0037), [LOGON3])
want = struct.pack("<BBIH", 0x55, 0, 0, 2) + b"\x01" + PS_PUBLIC_STRINGS + bytes([20]) + utf16z("TestProp1") + \
    b"\x00" + bytes.fromhex("28030200" "0000" "0000" "c000000000000046") + struct.pack("<I", 0x37)
t.ok(rsp == want, "RopGetNamesFromPropertyIds: the string name, and PS_MAPI for an ID below 0x8000", rsp.hex())
rsp, _ = s3.execute(struct.pack("<BBBBB", 0x5F, 0, 0, 0x02, 1) + PS_PUBLIC_STRINGS, [LOGON3])
t.ok(header(rsp) == (0x5F, 0, 0) and struct.unpack_from("<H", rsp, 6)[0] == 2,
     "RopQueryNamedProperties with the GUID filter and NoIds: the two string names", rsp.hex())

# ---- copies between two messages (3.2.5.7, 3.2.5.8)
rsp, handles = s.execute(open_folder(INBOX, 0, 1) + create_message(INBOX, 1, 2) + create_message(INBOX, 1, 3) +
                         set_props(2, [(SUBJECT, "src"), (0x00170003, 2)]) + set_props(3, [(SUBJECT, "dst")]),
                         [LOGON, NONE, NONE, NONE])
MSGS = [LOGON, handles[1], handles[2], handles[3]]
# RopCopyProperties (2.2.8.11.1): SourceHandleIndex, DestHandleIndex, WantAsynchronous, CopyFlags NoOverwrite
rsp, _ = s.execute(struct.pack("<BBBBBBHII", 0x67, 0, 2, 3, 0, 0x02, 2, SUBJECT, COMMENT) +
                   get_props(3, [SUBJECT]), MSGS)
t.ok(problems(rsp) == [(1, COMMENT, NOT_FOUND)] and row_values(rsp, [SUBJECT], 18)[0] == [(0, "dst")],
     "RopCopyProperties NoOverwrite: the destination keeps its subject; a missing one is NotFound", rsp.hex())
# RopCopyTo (2.2.8.12.1): WantAsynchronous, WantSubObjects, CopyFlags, ExcludedTags: PidTagImportance
rsp, _ = s.execute(struct.pack("<BBBBBBBHI", 0x39, 0, 2, 3, 0, 1, 0, 1, 0x00170003) +
                   get_props(3, [SUBJECT, 0x00170003]), MSGS)
t.ok(header(rsp) == (0x39, 2, 0) and rsp[8:] == bytes.fromhex("07030000000001" "00") + utf16z("src") +
     bytes.fromhex("0a0f010480"), "RopCopyTo: the subject comes, the excluded importance does not", rsp.hex())

# ---- error paths
rsp, _ = s.execute(struct.pack("<BBBBBBH", 0x67, 0, 2, 1, 0, 0, 0), MSGS)
t.ok(rsp == struct.pack("<BBI", 0x67, 2, 0x80040102), "RopCopyProperties from a message to a folder: NotSupported",
     rsp.hex())
rsp, _ = s.execute(struct.pack("<BBBBBBH", 0x67, 0, 2, 3, 0, 0, 0), [LOGON, NONE, MSGS[2], NONE])
t.ok(rsp == struct.pack("<BBII", 0x67, 2, 0x00000503, 3),
     "RopCopyProperties to an index naming nothing: NullDestinationObject with DestHandleIndex", rsp.hex())
rsp, _ = s.execute(struct.pack("<BBBBBBBH", 0x39, 0, 2, 3, 0, 0, 0x10, 0), MSGS)
t.ok(rsp == struct.pack("<BBI", 0x39, 2, 0x80070057), "RopCopyTo with an unknown CopyFlags bit: InvalidParameter",
     rsp.hex())
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + struct.pack("<BBBBBBH", 0x67, 0, 1, 1, 0, 0x01, 0), [LOGON, NONE])
t.ok(rsp[8:] == struct.pack("<BBI", 0x67, 1, 0x80040102), "RopCopyProperties Move on a folder: NotSupported",
     rsp[8:].hex())
# RopCreateFolder (2.2.4.2.1) "Sub" below the Inbox, then RopCopyTo with subobjects Inbox -> Sub: FolderCycle
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + struct.pack("<BBBBBBBB", 0x1C, 0, 1, 2, 1, 1, 0, 0) +
                   utf16z("Sub") + utf16z("") + struct.pack("<BBBBBBBH", 0x39, 0, 1, 2, 0, 1, 0, 0),
                   [LOGON, NONE, NONE])
t.ok(rsp.endswith(struct.pack("<BBI", 0x39, 1, 0x8004060B)),
     "RopCopyTo with subobjects into a subfolder of the source: FolderCycle", rsp.hex())
rsp, _ = s.execute(get_props(0, [SUBJECT]), [0x7777])
t.ok(rsp == struct.pack("<BBI", 0x07, 0, 0x000004B9), "RopGetPropertiesSpecific on nothing: NullObject", rsp.hex())
# a contents table (RopGetContentsTable, 2.2.4.14.1) has no properties
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + struct.pack("<BBBBB", 0x05, 0, 1, 2, 0) +
                   struct.pack("<BBBHH", 0x08, 0, 2, 0, 1), [LOGON, NONE, NONE])
t.ok(rsp.endswith(struct.pack("<BBI", 0x08, 2, 0x80040102)), "RopGetPropertiesAll on a table: NotSupported",
     rsp.hex())
# two 20000-byte values do not both fit one response buffer: the second is NotEnoughMemory (3.2.5.1 <4>)
big = [(0x67010102, b"\x01" * 20000), (0x67020102, b"\x02" * 20000)]
s.execute(open_folder(INBOX, 0, 1) + set_props(1, big[:1]), [LOGON, NONE])
s.execute(open_folder(INBOX, 0, 1) + set_props(1, big[1:]), [LOGON, NONE])
rsp, _ = s.execute(open_folder(INBOX, 0, 1) + get_props(1, [0x67010102, 0x67020102]), [LOGON, NONE])
vals, _ = row_values(rsp, [0x67010102, 0x67020102], 8)
t.ok(vals == [(0, b"\x01" * 20000), (0x0A, NOT_ENOUGH_MEMORY)],
     "a value that does not fit the response is NotEnoughMemory in its place", [v[0] for v in vals])

t.done()
