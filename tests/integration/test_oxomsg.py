#!/usr/bin/env python3
"""Integration test of the submission ROPs (MS-OXOMSG) and local delivery of warpd: a real warpd with alice and
bob, driven over MAPI/HTTP with ROP buffers built here byte by byte from the MS-OXCROPS 2.2.6 / 2.2.7 layouts
(not with warpcore's codec). alice sends a message to bob (by SMTP address and by EX DN) and to an external
address: bob's Inbox gets one copy (its properties read back with RopGetPropertiesSpecific), alice's copy moves
to Sent Items, alice's Inbox gets the non-delivery
report, and bob's pending NotificationWait returns within 1 s of the delivery (issue 5, Proof). Then every
error path of the MS-OXOMSG ROPs. Prints TAP.

usage: test_oxomsg.py PATH/TO/warpd PATH/TO/warpadm"""
import os
import struct
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server, Session, Tap  # noqa: E402
from rop_bytes import create_message, header, open_folder, save, utf16z  # noqa: E402

t = Tap()
server = Server(sys.argv[1], sys.argv[2], {"alice": "Alice pw 1", "bob": "Bob pw 2"})
NONE = 0xFFFFFFFF
# MS-OXCSTOR 2.2.1.1.3: the FolderIds of a private logon response, in order
INBOX, OUTBOX, SENT_ITEMS = 4, 5, 6


def contents_table(in_idx, out_idx):
    # RopGetContentsTable (2.2.4.14.1): RopId 0x05, LogonId, InputHandleIndex, OutputHandleIndex, TableFlags
    return struct.pack("<BBBBB", 0x05, 0, in_idx, out_idx, 0)


def modify_recipients(idx, rows):
    # RopModifyRecipients (2.2.6.5.1): RopId 0x0E, LogonId, InputHandleIndex, ColumnCount 0, RowCount, rows
    return struct.pack("<BBBHH", 0x0E, 0, idx, 0, len(rows)) + b"".join(rows)


def smtp_recipient(row_id, rtype, email, name):
    # ModifyRecipientRow (2.2.6.5.1.1): RowId, RecipientType, RecipientRowSize, RecipientRow (MS-OXCDATA
    # 2.8.3.2): Flags SMTP (3) | E 0x08 | D 0x10 | U 0x200, EmailAddress, DisplayName, RecipientColumnCount 0,
    # RecipientProperties: a StandardPropertyRow with no values (its Flag byte)
    row = struct.pack("<H", 0x021B) + utf16z(email) + utf16z(name) + struct.pack("<HB", 0, 0)
    return struct.pack("<IBH", row_id, rtype, len(row)) + row


def ex_recipient(row_id, rtype, dn, name):
    # RecipientRow (MS-OXCDATA 2.8.3.2) of Type X500DN (1) | D 0x10 | U 0x200: AddressPrefixUsed 0, DisplayType 0
    # (DT_MAILUSER), X500DN (8-bit, terminated), DisplayName, RecipientColumnCount 0, empty StandardPropertyRow
    row = struct.pack("<HBB", 0x0211, 0, 0) + dn.encode() + b"\0" + utf16z(name) + struct.pack("<HB", 0, 0)
    return struct.pack("<IBH", row_id, rtype, len(row)) + row


def set_subject(idx, subject):
    # RopSetProperties (2.2.8.6.1): RopId 0x0A, LogonId, InputHandleIndex, PropertyValueSize, PropertyValueCount,
    # TaggedPropertyValues (MS-OXCDATA 2.11.4): PidTagSubject, a terminated UTF-16LE string
    vals = struct.pack("<I", 0x0037001F) + utf16z(subject)
    return struct.pack("<BBBHH", 0x0A, 0, idx, len(vals) + 2, 1) + vals


def read_value(tag, rsp, p):
    """One value of a PropertyRow (MS-OXCDATA 2.8.1) of its tag's type -> (value, next offset)."""
    ptype = tag & 0xFFFF
    if ptype == 0x001F:
        end = p
        while rsp[end:end + 2] != b"\0\0":
            end += 2
        return rsp[p:end].decode("utf-16-le"), end + 2
    if ptype == 0x0003:
        return struct.unpack_from("<I", rsp, p)[0], p + 4
    if ptype in (0x0040, 0x0014):
        return struct.unpack_from("<Q", rsp, p)[0], p + 8
    raise ValueError(hex(tag))


def property_row(rsp, p, tags):
    """A StandardPropertyRow or FlaggedPropertyRow (2.8.1.1/2.8.1.2) of tags -> {tag: value or None}."""
    flagged, p = rsp[p], p + 1
    out = {}
    for tag in tags:
        if flagged:
            flag, p = rsp[p], p + 1
            if flag == 0x0A:  # error: PtypErrorCode
                out[tag], p = None, p + 4
                continue
        out[tag], p = read_value(tag, rsp, p)
    return out


def count(session, logon, fid):
    """Messages in folder fid: RopOpenFolder + RopGetContentsTable RowCount (MS-OXCROPS 2.2.4.14.2)."""
    rsp, _ = session.execute(open_folder(fid, 0, 1) + contents_table(1, 2), [logon, NONE, NONE])
    assert header(rsp, 8) == (0x05, 2, 0), rsp.hex()
    return struct.unpack_from("<I", rsp, 14)[0]


alice = Session(server, "alice")
ALOGON, afids = alice.logon()
bob = Session(server, "bob")
BLOGON, bfids = bob.logon()

# ---- bob waits for events (MS-OXCMAPIHTTP 2.2.4.4: NotificationWait Flags 0, AuxiliaryBufferSize 0)

wait = {}


def notification_wait():
    body = bob.post("NotificationWait", struct.pack("<II", 0, 0))
    wait["done"] = time.monotonic()
    wait["body"] = body


waiter = threading.Thread(target=notification_wait)
waiter.start()
time.sleep(0.5)  # the wait is pending on the server
t.ok("done" not in wait, "bob's NotificationWait is pending before any mail")

# ---- alice: create in the Outbox, recipients bob (SMTP), bob (EX DN), an external address; save; submit

rows = [smtp_recipient(0, 1, "bob@example.org", "Bob by SMTP"),
        ex_recipient(1, 2, server.dn["bob"], "Bob by DN"),
        smtp_recipient(2, 1, "someone@elsewhere.example", "Someone Else")]
rops = open_folder(afids[OUTBOX], 0, 1) + create_message(afids[OUTBOX], 1, 2) + modify_recipients(2, rows) + \
    set_subject(2, "Lunch") + save(2) + struct.pack("<BBBB", 0x32, 0, 2, 0)  # RopSubmitMessage (2.2.7.1.1): SubmitFlags None
sent_at = time.monotonic()
rsp, handles = alice.execute(rops, [ALOGON, NONE, NONE])
submitted_at = time.monotonic()
t.ok(rsp[-6:] == bytes.fromhex("320200000000"), "RopSubmitMessage: success (MS-OXOMSG 4.1.2 layout)", rsp.hex())
waiter.join(10)
t.ok("done" in wait and wait["done"] - sent_at < 1.0,
     "bob's pending NotificationWait returns within 1 s of the delivery",
     "%.3f s after the submit was sent, %.3f s for the submit itself" %
     (wait.get("done", float("inf")) - sent_at, submitted_at - sent_at))
t.ok(wait.get("body", b"")[:12] == struct.pack("<III", 0, 0, 1),
     "NotificationWait: StatusCode 0, ErrorCode 0, EventPending 1", wait.get("body", b"").hex())

t.ok(count(bob, BLOGON, bfids[INBOX]) == 1, "bob's Inbox has the message once (named twice)")
t.ok(count(alice, ALOGON, afids[SENT_ITEMS]) == 1, "alice's copy is in Sent Items")
t.ok(count(alice, ALOGON, afids[OUTBOX]) == 0, "alice's Outbox is empty")
t.ok(count(alice, ALOGON, afids[INBOX]) == 1, "alice's Inbox has the non-delivery report for the external address")

# ---- bob's copy (MS-OXOMSG 2.2.1.x): found with the contents table (RopSetColumns PidTagMid, RopQueryRows),
# read with RopOpenMessage + RopGetPropertiesSpecific (2.2.8.3.1: PropertySizeLimit 0, WantUnicode 1)

PID_TAG_MID = 0x674A0014
rsp, _ = bob.execute(open_folder(bfids[INBOX], 0, 1) + contents_table(1, 2) +
                     struct.pack("<BBBBHI", 0x12, 0, 2, 0, 1, PID_TAG_MID) +
                     struct.pack("<BBBBBH", 0x15, 0, 2, 0, 1, 10), [BLOGON, NONE, NONE])
p = 8 + 10 + 7  # RopOpenFolder, RopGetContentsTable, RopSetColumns responses
t.ok(header(rsp, p) == (0x15, 2, 0) and struct.unpack_from("<H", rsp, p + 7)[0] == 1,
     "bob's Inbox contents table: one row", rsp.hex())
BMID = property_row(rsp, p + 9, [PID_TAG_MID])[PID_TAG_MID]
TAGS = [0x0037001F, 0x0C1A001F, 0x5D01001F, 0x0040001F, 0x0E070003, 0x0E060040, 0x0E04001F, 0x0E03001F]
# RopOpenMessage (2.2.6.1.1, read-only) into a handle, then RopGetPropertiesSpecific on it in a second buffer
rsp, handles = bob.execute(struct.pack("<BBBBHQBQ", 0x03, 0, 0, 1, 0x0FFF, bfids[INBOX], 0, BMID), [BLOGON, NONE])
t.ok(header(rsp) == (0x03, 1, 0), "RopOpenMessage of bob's copy", rsp.hex())
rsp, _ = bob.execute(struct.pack("<BBBHHH", 0x07, 0, 0, 0, 1, len(TAGS)) + b"".join(struct.pack("<I", x) for x in TAGS),
                     [handles[1]])
props = property_row(rsp, 6, TAGS) if header(rsp) == (0x07, 0, 0) else {}
t.ok(props.get(0x0037001F) == "Lunch", "bob's copy: PidTagSubject", props)
t.ok(props.get(0x0C1A001F) == "alice" and props.get(0x5D01001F) == "alice@example.org",
     "bob's copy: PidTagSenderName and PidTagSenderSmtpAddress of alice's directory entry", props)
t.ok(props.get(0x0040001F) == "bob", "bob's copy: PidTagReceivedByName", props)
t.ok(props.get(0x0E070003) is not None and props[0x0E070003] & 0x09 == 0,
     "bob's copy: PidTagMessageFlags without mfRead and mfUnsent", props)
t.ok(props.get(0x0E060040) is not None, "bob's copy: PidTagMessageDeliveryTime", props)
t.ok(props.get(0x0E04001F) == "Bob by SMTP; Someone Else" and props.get(0x0E03001F) == "Bob by DN",
     "bob's copy: PidTagDisplayTo and PidTagDisplayCc", props)

# ---- error paths

rsp, _ = alice.execute(open_folder(afids[OUTBOX], 0, 1) + create_message(afids[OUTBOX], 1, 2) + save(2) +
                       struct.pack("<BBBB", 0x32, 0, 2, 0) + struct.pack("<BBB", 0x4A, 0, 2),
                       [ALOGON, NONE, NONE])
MID = struct.unpack_from("<Q", rsp, 8 + 7)[0]
t.ok(rsp[-12:] == bytes.fromhex("3202070604804a0207060480"),
     "RopSubmitMessage and RopTransportSend of a message without recipients: ecNoRecipients", rsp.hex())
rsp, _ = alice.execute(struct.pack("<BBBB", 0x32, 0, 0, 0), [ALOGON])
t.ok(rsp == bytes.fromhex("320002010480"), "RopSubmitMessage on the logon (not a message): ecNotSupported",
     rsp.hex())
rsp, _ = alice.execute(struct.pack("<BBBB", 0x32, 0, 0, 0), [0x7777])
t.ok(rsp == bytes.fromhex("3200b9040000"), "RopSubmitMessage on a handle that names nothing: ecNullObject",
     rsp.hex())
# RopAbortSubmit (2.2.7.2.1): FolderId, MessageId
rsp, _ = alice.execute(struct.pack("<BBBQQ", 0x34, 0, 0, afids[OUTBOX], MID), [ALOGON])
t.ok(rsp == bytes.fromhex("340001060480"), "RopAbortSubmit of a message not submitted: ecNotInQueue", rsp.hex())
rsp, _ = alice.execute(struct.pack("<BBBQQ", 0x34, 0, 0, afids[OUTBOX], MID ^ (0x7F << 40)), [ALOGON])
t.ok(rsp == bytes.fromhex("34000f010480"), "RopAbortSubmit of an unknown MessageId: ecNotFound", rsp.hex())
# RopGetAddressTypes (2.2.7.3): AddressTypeCount, AddressTypeSize, the strings
rsp, _ = alice.execute(struct.pack("<BBB", 0x49, 0, 0), [ALOGON])
t.ok(rsp == bytes.fromhex("49000000000002000800") + b"EX\0SMTP\0", "RopGetAddressTypes: EX and SMTP", rsp.hex())
# RopSetSpooler (2.2.7.4), RopSpoolerLockMessage (2.2.7.5: MessageId, LockState lstLock)
rsp, _ = alice.execute(struct.pack("<BBB", 0x47, 0, 0) + struct.pack("<BBBQB", 0x48, 0, 0, MID, 0), [ALOGON])
t.ok(rsp == bytes.fromhex("470000000000480001060480"),
     "RopSetSpooler: success; RopSpoolerLockMessage: ecNotInQueue (nothing is queued)", rsp.hex())
# RopGetTransportFolder (2.2.7.8): the Outbox
rsp, _ = alice.execute(struct.pack("<BBB", 0x6D, 0, 0), [ALOGON])
t.ok(rsp == bytes.fromhex("6d0000000000") + struct.pack("<Q", afids[OUTBOX]), "RopGetTransportFolder: the Outbox",
     rsp.hex())
# RopOptionsData (2.2.7.9): AddressType "SMTP", WantWin32 1 -> Reserved 1, OptionsInfoSize 0, HelpFileSize 0
rsp, _ = alice.execute(struct.pack("<BBB", 0x6F, 0, 0) + b"SMTP\0\x01", [ALOGON])
t.ok(rsp == bytes.fromhex("6f00000000000100000000"), "RopOptionsData: no options, no help file", rsp.hex())
rsp, _ = alice.execute(open_folder(afids[OUTBOX], 0, 1) + struct.pack("<BBB", 0x49, 0, 1), [ALOGON, NONE])
t.ok(rsp[8:] == bytes.fromhex("490102010480"), "RopGetAddressTypes on a folder (not a logon): ecNotSupported",
     rsp.hex())

t.done()
