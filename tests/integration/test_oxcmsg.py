#!/usr/bin/env python3
"""Integration test of the message and attachment ROPs (MS-OXCMSG) of warpd: a real warpd with a provisioned
user, driven over MAPI/HTTP Execute with ROP buffers built here byte by byte from the MS-OXCROPS 2.2.6
layouts (not with warpcore's codec): RopLogon, then messages created, saved, opened (recipient rows), read
flags, status, attachments, a save conflict between two sessions and the error paths. Prints TAP.

usage: test_oxcmsg.py PATH/TO/warpd PATH/TO/warpadm"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server, Session, Tap  # noqa: E402
from rop_bytes import create_message, header, open_folder, save, utf16z  # noqa: E402

t = Tap()
server = Server(sys.argv[1], sys.argv[2], {"alice": "Alice pw 1"})
NONE = 0xFFFFFFFF


def open_message(fid, mid, in_idx, out_idx, mode=0x01):
    # RopOpenMessage (2.2.6.1.1): RopId 0x03, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId, FolderId,
    # OpenModeFlags, MessageId
    return struct.pack("<BBBBHQBQ", 0x03, 0, in_idx, out_idx, 0x0FFF, fid, mode, mid)


def smtp_recipient(row_id, rtype, email, name):
    # ModifyRecipientRow (2.2.6.5.1.1): RowId, RecipientType, RecipientRowSize, RecipientRow (MS-OXCDATA
    # 2.8.3.2): Flags SMTP (3) | E 0x08 | D 0x10 | U 0x200, EmailAddress, DisplayName, RecipientColumnCount 0,
    # RecipientProperties: a StandardPropertyRow with no values (its Flag byte)
    row = struct.pack("<H", 0x021B) + utf16z(email) + utf16z(name) + struct.pack("<HB", 0, 0)
    return struct.pack("<IBH", row_id, rtype, len(row)) + row


s = Session(server, "alice")
LOGON, fids = s.logon()
INBOX = fids[4]

# ---- RopCreateMessage, RopModifyRecipients, RopSaveChangesMessage (MS-OXCMSG 3.2.5.2, 3.2.5.5, 3.2.5.3)

rops = open_folder(INBOX, 0, 1) + create_message(INBOX, 1, 2) + \
    struct.pack("<BBBHH", 0x0E, 0, 2, 0, 2) + smtp_recipient(0, 1, "bob@example.org", "Bob") + \
    smtp_recipient(1, 2, "carol@example.org", "Carol") + save(2)
rsp, handles = s.execute(rops, [LOGON, NONE, NONE])
ok_open = header(rsp) == (0x02, 1, 0)
p = 6 + 2  # RopOpenFolder: HasRules, IsGhosted 0
t.ok(ok_open and header(rsp, p) == (0x06, 2, 0) and rsp[p + 6] == 1,
     "RopCreateMessage: success with HasMessageId", rsp.hex())
MID = struct.unpack_from("<Q", rsp, p + 7)[0]
p += 15
t.ok(header(rsp, p) == (0x0E, 2, 0), "RopModifyRecipients: success", rsp[p:].hex())
p += 6
t.ok(header(rsp, p) == (0x0C, 2, 0) and rsp[p + 6] == 2 and struct.unpack_from("<Q", rsp, p + 7)[0] == MID,
     "RopSaveChangesMessage: InputHandleIndex and the MessageId of the create", rsp[p:].hex())
t.ok(MID & 0xFFFF == 1 and handles[2] != NONE, "the message has REPLID 1 and a handle", (hex(MID), handles))

# ---- RopOpenMessage in a new buffer (MS-OXCMSG 3.2.5.1): the recipient rows

rsp, handles = s.execute(open_message(INBOX, MID, 0, 1, 0x00), [LOGON, NONE])
t.ok(header(rsp) == (0x03, 1, 0), "RopOpenMessage on the logon: success", rsp.hex())
has_named, prefix_type, subject_type = rsp[6], rsp[7], rsp[8]
count, ncol = struct.unpack_from("<HH", rsp, 9)
t.ok((has_named, prefix_type, subject_type) == (0, 0, 0), "RopOpenMessage: no named properties, no subject",
     rsp[6:9].hex())
p = 13 + 4 * ncol
t.ok(count == 2 and rsp[p] == 2, "RopOpenMessage: RecipientCount 2, RowCount 2", (count, rsp[p]))
rtype, cpid, reserved, size = struct.unpack_from("<BHHH", rsp, p + 1)
row = rsp[p + 8:p + 8 + size]
want = struct.pack("<H", 0x021B) + utf16z("bob@example.org") + utf16z("Bob")
t.ok(rtype == 1 and reserved == 0 and row.startswith(want),
     "RopOpenMessage: the first row is To, SMTP, bob@example.org, Bob", row.hex())
msg = handles[1]

# ---- RopReadRecipients (3.2.5.6) from RowId 1, RopSetMessageReadFlag (3.2.5.11)

rsp, _ = s.execute(struct.pack("<BBBIH", 0x0F, 0, 0, 1, 0) + struct.pack("<BBBBB", 0x11, 0, 0, 0, 0x00), [msg])
t.ok(header(rsp) == (0x0F, 0, 0) and rsp[6] == 1 and struct.unpack_from("<I", rsp, 7)[0] == 1 and rsp[11] == 2,
     "RopReadRecipients from RowId 1: one row, RowId 1, Cc", rsp.hex())
size = struct.unpack_from("<H", rsp, 16)[0]
p = 18 + size
t.ok(rsp[18:18 + size].startswith(struct.pack("<H", 0x021B) + utf16z("carol@example.org")),
     "RopReadRecipients: carol@example.org", rsp[18:18 + size].hex())
t.ok(header(rsp, p) == (0x11, 0, 0) and len(rsp) == p + 7 and rsp[p + 6] == 0,
     "RopSetMessageReadFlag: success, ReadStatusChanged 0 on a private logon (2.2.3.11.2)", rsp[p:].hex())

# ---- RopGetMessageStatus / RopSetMessageStatus on the folder (3.2.5.8, 3.2.5.9)

rsp, _ = s.execute(open_folder(INBOX, 0, 1) + struct.pack("<BBBQII", 0x20, 0, 1, MID, 0x1000, 0x1000) +
                   struct.pack("<BBBQ", 0x1F, 0, 1, MID), [LOGON, NONE])
t.ok(header(rsp, 8) == (0x20, 1, 0) and struct.unpack_from("<I", rsp, 14)[0] == 0 and
     header(rsp, 18) == (0x20, 1, 0) and struct.unpack_from("<I", rsp, 24)[0] == 0x1000,
     "RopSetMessageStatus answers the old status, RopGetMessageStatus (RopId 0x20) the new", rsp.hex())

# ---- attachments (3.2.5.12 - 3.2.5.15, 2.2.3.18)

rops = open_message(INBOX, MID, 0, 1) + struct.pack("<BBBB", 0x23, 0, 1, 2) + \
    struct.pack("<BBBBB", 0x25, 0, 2, 2, 0x0A) + save(1) + struct.pack("<BBB", 0x52, 0, 1)
rsp, _ = s.execute(rops, [LOGON, NONE, NONE])
p = len(rsp) - 10 - 6 - 15 - 14
t.ok(header(rsp, p) == (0x23, 2, 0) and header(rsp, p + 10) == (0x25, 2, 0) and header(rsp, p + 16)[2] == 0,
     "RopCreateAttachment, RopSaveChangesAttachment, RopSaveChangesMessage: success", rsp.hex())
num = struct.unpack_from("<I", rsp, p + 6)[0]
t.ok(header(rsp, p + 31) == (0x52, 1, 0) and struct.unpack_from("<II", rsp, p + 37) == (1, num),
     "RopGetValidAttachments: the saved attachment", rsp[p + 31:].hex())
rsp, _ = s.execute(open_message(INBOX, MID, 0, 1) + struct.pack("<BBBBBI", 0x22, 0, 1, 2, 0, num) +
                   struct.pack("<BBBBBI", 0x22, 0, 1, 2, 0, num + 7), [LOGON, NONE, NONE])
t.ok(header(rsp, len(rsp) - 12) == (0x22, 2, 0) and header(rsp, len(rsp) - 6) == (0x22, 2, 0x8004010F),
     "RopOpenAttachment: the saved one opens, another number is ecNotFound", rsp.hex())

# ---- two sessions save the same message (3.2.5.3): the second is ecObjectModified, ForceSave wins

s2 = Session(server, "alice")
LOGON2, _ = s2.logon()
_, h1 = s.execute(open_message(INBOX, MID, 0, 1), [LOGON, NONE])
_, h2 = s2.execute(open_message(INBOX, MID, 0, 1), [LOGON2, NONE])
rsp1, _ = s.execute(save(0), [h1[1]])
rsp2, _ = s2.execute(save(0), [h2[1]])
rsp3, _ = s2.execute(save(0, 0x0C), [h2[1]])
t.ok(header(rsp1)[2] == 0 and header(rsp2) == (0x0C, 0, 0x80040109) and len(rsp2) == 6 and header(rsp3)[2] == 0,
     "save conflict: first save wins, second ecObjectModified, ForceSave saves", (rsp1.hex(), rsp2.hex(), rsp3.hex()))

# ---- error paths

rsp, _ = s.execute(open_message(INBOX, (MID & 0xFFFF) | (0xFFFFFF << 40), 0, 1), [LOGON, NONE])
t.ok(header(rsp) == (0x03, 1, 0x8004010F) and len(rsp) == 6, "RopOpenMessage of an unknown MID: ecNotFound",
     rsp.hex())
rsp, _ = s.execute(save(0), [0x7777])
t.ok(header(rsp) == (0x0C, 0, 0x000004B9), "RopSaveChangesMessage on a handle that names nothing: ecNullObject",
     rsp.hex())
rsp, _ = s.execute(save(0), [LOGON])
t.ok(header(rsp) == (0x0C, 0, 0x80040102), "RopSaveChangesMessage on the logon (not a message): ecNotSupported",
     rsp.hex())

t.done()
