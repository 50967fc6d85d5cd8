#!/usr/bin/env python3
"""Integration test of the Stream object ROPs (MS-OXCPRPT 3.2.5.11 - 3.2.5.22) and the per-user ROPs and
RopGetStoreState (MS-OXCSTOR 3.2.5.5, 3.2.5.10 - 3.2.5.13) of warpd: a real warpd with a provisioned user,
driven over MAPI/HTTP Execute with ROP buffers built here byte by byte from the MS-OXCROPS 2.2.9 and 2.2.3
layouts (not with warpcore's codec). 100 KB of PidTagBody, PidTagHtml and an attachment's
PidTagAttachDataBinary are written in chunks, saved, and read back in another session in chunks smaller and
bigger than a response buffer; seeks from each origin, size changes, RopCopyToStream, region locks and the
error paths. Prints TAP.

usage: test_oxcprpt_stream.py PATH/TO/warpd PATH/TO/warpadm"""
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server, Session, Tap  # noqa: E402
from rop_bytes import create_message, header, open_folder, open_message, release, save  # noqa: E402

t = Tap()
server = Server(sys.argv[1], sys.argv[2], {"alice": "Alice pw 1"})
NONE = 0xFFFFFFFF
PID_TAG_BODY = 0x1000001F             # PtypString
PID_TAG_HTML = 0x10130102             # PtypBinary
PID_TAG_RTF_COMPRESSED = 0x10090102   # PtypBinary
PID_TAG_ATTACH_DATA_BINARY = 0x37010102
PID_TAG_IMPORTANCE = 0x00170003       # PtypInteger32: no streams
PID_TAG_EXTENDED_FOLDER_FLAGS = 0x36DA0102
SIZE = 100 * 1024
CHUNK = 16000


def open_stream(in_idx, out_idx, tag, mode):
    # RopOpenStream (2.2.9.1.1): RopId 0x2B, LogonId, InputHandleIndex, OutputHandleIndex, PropertyTag,
    # OpenModeFlags (ReadOnly 0x00, ReadWrite 0x01, Create 0x02)
    return struct.pack("<BBBBIB", 0x2B, 0, in_idx, out_idx, tag, mode)


def write_stream(idx, data, rop_id=0x2D):
    # RopWriteStream (2.2.9.3.1) / RopWriteAndCommitStream (2.2.9.12.1, 0x90) / RopWriteStreamExtended (0xA3):
    # RopId, LogonId, InputHandleIndex, DataSize, Data
    return struct.pack("<BBBH", rop_id, 0, idx, len(data)) + data


def read_stream(idx, count, maximum=None):
    # RopReadStream (2.2.9.2.1): RopId 0x2C, LogonId, InputHandleIndex, ByteCount (0xBABE: MaximumByteCount)
    if maximum is None:
        return struct.pack("<BBBH", 0x2C, 0, idx, count)
    return struct.pack("<BBBHI", 0x2C, 0, idx, 0xBABE, maximum)


def seek(idx, origin, offset):
    # RopSeekStream (2.2.9.8.1): RopId 0x2E, LogonId, InputHandleIndex, Origin, Offset (signed)
    return struct.pack("<BBBBq", 0x2E, 0, idx, origin, offset)


def simple(rop_id, idx, fmt="", *args):
    # RopCommitStream (0x5D), RopGetStreamSize (0x5E), RopSetStreamSize (0x2F, StreamSize 8 bytes),
    # RopLockRegionStream (0x5B) / RopUnlockRegionStream (0x5C): RegionOffset, RegionSize, LockFlags
    return struct.pack("<BBB" + fmt, rop_id, 0, idx, *args)


def patterned(n, seed):
    return bytes((i * 7 + seed + (i >> 8)) & 0xFF for i in range(n))


s = Session(server, "alice")
LOGON, fids = s.logon()
INBOX = fids[4]
BODY = ("Stream test body line %05d.\r\n" * 4000 % tuple(range(4000))).encode("utf-16-le")[:SIZE]
HTML = patterned(SIZE, 1)
ATTACH = patterned(SIZE, 2)

# ---- writing 100 KB three times in chunks, then the message's save (MS-OXCPRPT 3.2.5.13, 3.2.5.14)

rsp, h = s.execute(open_folder(INBOX, 0, 1) + create_message(INBOX, 1, 2) +
                   open_stream(2, 3, PID_TAG_BODY, 0x02) + open_stream(2, 4, PID_TAG_HTML, 0x02) +
                   struct.pack("<BBBB", 0x23, 0, 2, 5) +  # RopCreateAttachment (2.2.6.13.1)
                   open_stream(5, 6, PID_TAG_ATTACH_DATA_BINARY, 0x02), [LOGON] + [NONE] * 10)
p = 8
MID = struct.unpack_from("<Q", rsp, p + 7)[0]
p += 15
t.ok(header(rsp, p) == (0x2B, 3, 0) and struct.unpack_from("<I", rsp, p + 6)[0] == 0 and
     header(rsp, p + 10) == (0x2B, 4, 0) and header(rsp, p + 30) == (0x2B, 6, 0) and h[3] != NONE and
     h[6] != NONE, "RopOpenStream Create on PidTagBody, PidTagHtml, PidTagAttachDataBinary: StreamSize 0",
     rsp.hex())
written = {3: 0, 4: 0, 6: 0}
all_ok = True
for idx, data in ((3, BODY), (4, HTML), (6, ATTACH)):
    for off in range(0, SIZE, CHUNK):
        piece = data[off:off + CHUNK]
        # the last piece of the HTML goes with RopWriteAndCommitStream, of the attachment with
        # RopWriteStreamExtended
        last = off + CHUNK >= SIZE
        rop_id = 0x90 if last and idx == 4 else 0xA3 if last and idx == 6 else 0x2D
        rsp, h = s.execute(write_stream(idx, piece, rop_id), h)
        n = struct.unpack_from("<I" if rop_id == 0xA3 else "<H", rsp, 6)[0]
        all_ok = all_ok and header(rsp) == (rop_id, idx, 0) and n == len(piece)
        written[idx] += n
t.ok(all_ok and written == {3: SIZE, 4: SIZE, 6: SIZE},
     "RopWriteStream / RopWriteAndCommitStream / RopWriteStreamExtended: 100 KB each in 16000-byte chunks",
     written)
rsp, h = s.execute(simple(0x5E, 3) + seek(3, 0x01, 0), h)
t.ok(header(rsp) == (0x5E, 3, 0) and struct.unpack_from("<I", rsp, 6)[0] == SIZE and
     header(rsp, 10) == (0x2E, 3, 0) and struct.unpack_from("<Q", rsp, 16)[0] == SIZE,
     "RopGetStreamSize 100 KB, RopSeekStream (current, 0) at the end", rsp.hex())
rsp, h = s.execute(simple(0x5D, 3) + simple(0x5D, 6) + release(3) + release(4) + release(6) +
                   struct.pack("<BBBBB", 0x25, 0, 5, 5, 0x0A) + save(2), h)  # RopSaveChangesAttachment
t.ok(header(rsp) == (0x5D, 3, 0) and header(rsp, 6) == (0x5D, 6, 0) and header(rsp, 12) == (0x25, 5, 0) and
     header(rsp, 18) == (0x0C, 2, 0), "RopCommitStream, RopSaveChangesAttachment, RopSaveChangesMessage",
     rsp.hex())

# a second message whose stream is written and committed but never saved
rsp, h = s.execute(create_message(INBOX, 1, 7) + open_stream(7, 8, PID_TAG_HTML, 0x02) +
                   write_stream(8, b"unsaved") + simple(0x5D, 8), h)
UNSAVED = struct.unpack_from("<Q", rsp, 7)[0]
t.ok(header(rsp, 15) == (0x2B, 8, 0) and header(rsp, 25) == (0x2D, 8, 0) and header(rsp, 33) == (0x5D, 8, 0),
     "a stream committed on a message that is not saved", rsp.hex())

# and one whose stream is still open, never committed, when the message is saved (MS-OXCPRPT 3.2.5.13)
rsp, h = s.execute(create_message(INBOX, 1, 9) + open_stream(9, 10, PID_TAG_HTML, 0x02) +
                   write_stream(10, b"<p>open</p>") + save(9), h)
OPEN_SAVED = struct.unpack_from("<Q", rsp, 7)[0]
t.ok(header(rsp, len(rsp) - 15) == (0x0C, 9, 0), "RopSaveChangesMessage with a written stream still open",
     rsp.hex())

# ---- another session reads it back (MS-OXCPRPT 3.2.5.11, 3.2.5.12)

s2 = Session(server, "alice")
LOGON2, _ = s2.logon()
rsp, h2 = s2.execute(open_folder(INBOX, 0, 1) + open_message(INBOX, MID, 1, 2) +
                     open_stream(2, 3, PID_TAG_BODY, 0x00) + open_stream(2, 4, PID_TAG_HTML, 0x00) +
                     struct.pack("<BBBBBI", 0x22, 0, 2, 5, 0, 0) +  # RopOpenAttachment (2.2.6.12.1) number 0
                     open_stream(5, 6, PID_TAG_ATTACH_DATA_BINARY, 0x00), [LOGON2] + [NONE] * 10)
# ... RopOpenStream, RopOpenStream (10 bytes each), RopOpenAttachment (6), RopOpenStream (10)
sizes = [struct.unpack_from("<I", rsp, len(rsp) - back + 6)[0] for back in (36, 26, 10)]
t.ok(h2[3] != NONE and h2[4] != NONE and h2[6] != NONE and sizes == [SIZE] * 3,
     "new session: RopOpenStream ReadOnly on the saved message's three properties: StreamSize 100 KB", sizes)


def read_all(sess, handles, idx, small):
    """Reads a stream to its end: `small` bytes at a time first, then 0xBABE with more than a buffer holds."""
    got, sizes = b"", []
    for _ in range(3):
        rsp, handles = sess.execute(read_stream(idx, small), handles)
        n = struct.unpack_from("<H", rsp, 6)[0]
        assert header(rsp) == (0x2C, idx, 0) and len(rsp) == 8 + n, rsp[:8].hex()
        got += rsp[8:]
        sizes.append(n)
    while True:
        rsp, handles = sess.execute(read_stream(idx, 0, 1 << 20), handles)
        n = struct.unpack_from("<H", rsp, 6)[0]
        assert header(rsp) == (0x2C, idx, 0) and len(rsp) == 8 + n, rsp[:8].hex()
        if n == 0:
            return got, sizes, handles
        got += rsp[8:]
        sizes.append(n)


for idx, data, what in ((3, BODY, "PidTagBody"), (4, HTML, "PidTagHtml"),
                        (6, ATTACH, "PidTagAttachDataBinary")):
    got, sizes, h2 = read_all(s2, h2, idx, 1000)
    t.ok(got == data and sizes[:3] == [1000] * 3 and all(n < 0x8000 for n in sizes) and max(sizes) > 20000,
         "RopReadStream of %s: 1000-byte reads, then MaximumByteCount 1 MiB answered with what fits, "
         "100 KB intact" % what, sizes)
t.ok(BODY.decode("utf-16-le").startswith("Stream test body line 00000."), "the body is the text written")

rsp, h2 = s2.execute(open_message(INBOX, OPEN_SAVED, 1, 7) + open_stream(7, 8, PID_TAG_HTML, 0x00) +
                     read_stream(8, 100) + release(8) + release(7), h2)
t.ok(rsp[-19:] == struct.pack("<BBIH", 0x2C, 8, 0, 11) + b"<p>open</p>",
     "the stream open at the save: its data was saved", rsp.hex())

# ---- seeks from each origin (MS-OXCPRPT 3.2.5.17)

rsp, h2 = s2.execute(seek(3, 0x00, 100) + read_stream(3, 4) + seek(3, 0x01, -4) + seek(3, 0x02, -10) +
                     read_stream(3, 100) + seek(3, 0x01, 0), h2)
t.ok(struct.unpack_from("<Q", rsp, 6)[0] == 100 and rsp[14 + 8:14 + 12] == BODY[100:104] and
     struct.unpack_from("<Q", rsp, 26 + 6)[0] == 100 and
     struct.unpack_from("<Q", rsp, 40 + 6)[0] == SIZE - 10 and
     rsp[54 + 8:54 + 18] == BODY[-10:] and struct.unpack_from("<Q", rsp, 72 + 6)[0] == SIZE,
     "RopSeekStream from the beginning, the current position and the end; reads follow the pointer",
     rsp.hex())
rsp, h2 = s2.execute(seek(3, 0x03, 0) + seek(3, 0x00, -1) + seek(3, 0x02, 1 << 31) + seek(3, 0x01, 0), h2)
t.ok(rsp[:6] == struct.pack("<BBI", 0x2E, 3, 0x80030057) and
     rsp[6:12] == struct.pack("<BBI", 0x2E, 3, 0x80030019) and
     rsp[12:18] == struct.pack("<BBI", 0x2E, 3, 0x80030019) and struct.unpack_from("<Q", rsp, 24)[0] == SIZE,
     "RopSeekStream: bad Origin StreamInvalidParam, before the start / beyond 2^31 StreamSeekError",
     rsp.hex())

# ---- read-only stream, missing properties, types (MS-OXCPRPT 3.2.5.11, 3.2.5.13)

rsp, h2 = s2.execute(write_stream(3, b"xx") + simple(0x2F, 3, "Q", 10) +
                     open_stream(2, 7, PID_TAG_RTF_COMPRESSED, 0x00) +
                     open_stream(2, 7, PID_TAG_IMPORTANCE, 0x02) + open_stream(1, 7, PID_TAG_BODY, 0x02) +
                     open_stream(2, 7, PID_TAG_RTF_COMPRESSED, 0x01), h2)
t.ok(rsp[:8] == struct.pack("<BBIH", 0x2D, 3, 0x80030005, 0) and
     rsp[8:14] == struct.pack("<BBI", 0x2F, 3, 0x80030005), "a ReadOnly stream: RopWriteStream and "
     "RopSetStreamSize StreamAccessDenied (WrittenSize 0)", rsp.hex())
t.ok(rsp[14:20] == struct.pack("<BBI", 0x2B, 7, 0x8004010F) and
     rsp[20:26] == struct.pack("<BBI", 0x2B, 7, 0x80040102)
     and rsp[26:32] == struct.pack("<BBI", 0x2B, 7, 0x80040102) and
     rsp[32:38] == struct.pack("<BBI", 0x2B, 7, 0x8004010F),
     "RopOpenStream: ReadOnly or ReadWrite on a missing property NotFound; PtypInteger32, a string on a "
     "folder "
     "NotSupported", rsp.hex())
rsp, h2 = s2.execute(read_stream(2, 10) + simple(0x5E, 9) + read_stream(1, 10), h2)
t.ok(rsp[:8] == struct.pack("<BBIH", 0x2C, 2, 0x80040102, 0) and
     rsp[8:14] == struct.pack("<BBI", 0x5E, 9, 0x4B9) and
     rsp[14:22] == struct.pack("<BBIH", 0x2C, 1, 0x80040102, 0),
     "stream ROPs on a message or folder NotSupported, on no object NullObject", rsp.hex())

t.ok(s2.execute(open_message(INBOX, UNSAVED, 1, 7), h2)[0][:6] == struct.pack("<BBI", 0x03, 7, 0x8004010F),
     "the message whose stream was committed but not saved does not exist for another session")

# ---- a writable stream: size changes, copy-to-stream, locks (MS-OXCPRPT 3.2.5.16, 3.2.5.18, 3.2.5.20)

rsp, h2 = s2.execute(open_message(INBOX, MID, 1, 7, 0x01) + open_stream(7, 8, PID_TAG_HTML, 0x01) +
                     open_stream(7, 9, PID_TAG_RTF_COMPRESSED, 0x02), h2)
p = len(rsp) - 20
t.ok(header(rsp, p) == (0x2B, 8, 0) and struct.unpack_from("<I", rsp, p + 6)[0] == SIZE and
     header(rsp, p + 10) == (0x2B, 9, 0), "RopOpenStream ReadWrite is prefilled with the value",
     rsp[p:].hex())
rsp, h2 = s2.execute(simple(0x2F, 8, "Q", 50000) + simple(0x5E, 8) + simple(0x2F, 8, "Q", 50010) +
                     seek(8, 0x00, 49998) + read_stream(8, 100) + simple(0x2F, 8, "Q", (1 << 31) + 1), h2)
t.ok(header(rsp) == (0x2F, 8, 0) and struct.unpack_from("<I", rsp, 12)[0] == 50000 and
     header(rsp, 16) == (0x2F, 8, 0)
     and rsp[36 + 8:36 + 20] == HTML[49998:50000] + b"\0" * 10 and
     rsp[56:62] == struct.pack("<BBI", 0x2F, 8, 0x80030070),
     "RopSetStreamSize cuts, extends with zeros; beyond 2^31 StreamSizeError", rsp.hex())
rsp, h2 = s2.execute(seek(8, 0x02, 6) + simple(0x5E, 8), h2)
t.ok(struct.unpack_from("<Q", rsp, 6)[0] == 50016 and struct.unpack_from("<I", rsp, 20)[0] == 50016,
     "RopSeekStream beyond the end extends the stream", rsp.hex())
# RopCopyToStream (2.2.9.9.1): RopId 0x3A, LogonId, SourceHandleIndex, DestHandleIndex, ByteCount
rsp, h2 = s2.execute(seek(8, 0x00, 0) + struct.pack("<BBBBQ", 0x3A, 0, 8, 9, 30000) +
                     struct.pack("<BBBBQ", 0x3A, 0, 8, 9, 1 << 40) + seek(9, 0x00, 29990) +
                     read_stream(9, 20) +
                     struct.pack("<BBBBQ", 0x3A, 0, 8, 10, 5), h2)
p = 14
t.ok(header(rsp, p) == (0x3A, 8, 0) and struct.unpack_from("<QQ", rsp, p + 6) == (30000, 30000) and
     struct.unpack_from("<QQ", rsp, p + 28) == (50016 - 30000, 50016 - 30000) and
     rsp[p + 44 + 14 + 8:p + 44 + 14 + 28] == HTML[29990:30010],
     "RopCopyToStream: ByteCount bytes, then up to the source's end; both pointers move", rsp.hex())
t.ok(rsp[-26:] == struct.pack("<BBIIQQ", 0x3A, 8, 0x503, 10, 0, 0),
     "RopCopyToStream to an index naming nothing: NullDestinationObject with DestHandleIndex",
     rsp[-26:].hex())
lock = struct.pack("<QQI", 0, 100, 1)
rsp, h2 = s2.execute(simple(0x5B, 8) + lock + simple(0x5B, 8, "QQI", 50, 100, 0) + simple(0x5C, 8) + lock +
                     simple(0x5B, 8, "QQI", 50, 100, 0), h2)
t.ok(rsp == struct.pack("<BBI", 0x5B, 8, 0) + struct.pack("<BBI", 0x5B, 8, 0x80070005) +
     struct.pack("<BBI", 0x5C, 8, 0) + struct.pack("<BBI", 0x5B, 8, 0),
     "RopLockRegionStream: an overlapping lock AccessDenied until RopUnlockRegionStream", rsp.hex())
rsp, h2 = s2.execute(release(8) + release(9) + save(7), h2)
t.ok(header(rsp) == (0x0C, 7, 0), "the changed streams released and saved", rsp.hex())
rsp, h2 = s2.execute(open_message(INBOX, MID, 1, 7) + open_stream(7, 8, PID_TAG_RTF_COMPRESSED, 0x00) +
                     open_stream(7, 9, PID_TAG_HTML, 0x00), h2)
p = len(rsp) - 20
t.ok(struct.unpack_from("<I", rsp, p + 6)[0] == 50016 and struct.unpack_from("<I", rsp, p + 16)[0] == 50016,
     "reopened: the copy and the resized value have 50016 bytes", rsp[p:].hex())

# ---- a folder stream: committed at once, RopWriteAndCommitStream refused (MS-OXCPRPT 2.2.25, 3.2.5.13)

rsp, h2 = s2.execute(open_stream(1, 8, PID_TAG_EXTENDED_FOLDER_FLAGS, 0x02) +
                     write_stream(8, b"\x01\x02\x03") +
                     simple(0x5D, 8) + write_stream(8, b"\x04", 0x90), h2)
t.ok(header(rsp) == (0x2B, 8, 0) and header(rsp, 10) == (0x2D, 8, 0) and header(rsp, 18) == (0x5D, 8, 0) and
     rsp[24:32] == struct.pack("<BBIH", 0x90, 8, 0x80040102, 0),
     "folder stream: write, commit; RopWriteAndCommitStream NotSupported", rsp.hex())
rsp, h = s.execute(open_stream(1, 8, PID_TAG_EXTENDED_FOLDER_FLAGS, 0x00) + read_stream(8, 10), h)
t.ok(rsp[-11:] == struct.pack("<BBIH", 0x2C, 8, 0, 3) + b"\x01\x02\x03",
     "the folder property committed by one session is read by the other", rsp.hex())

# ---- MS-OXCSTOR: RopGetStoreState, RopWritePerUserInformation / RopReadPerUserInformation

rsp, _ = s.execute(struct.pack("<BBB", 0x7B, 0, 0), [LOGON])
t.ok(rsp == struct.pack("<BBI", 0x7B, 0, 0x80040FFF), "RopGetStoreState: NotImplemented (MS-OXCSTOR 3.2.5.5)",
     rsp.hex())
# MS-OXCSTOR 4.9: FolderId (LongTermID), HasFinished, DataOffset, DataSize, Data, ReplGuid
LTID = bytes.fromhex("705BCABF1EF99841897D479E0945FD2F000000000012" "0000")
REPLGUID = bytes.fromhex("D844AE73F9615D4FB3C69A7C31FEC123")
CNSET = REPLGUID + bytes.fromhex("06000000782B3300")  # IDSET with REPLGUID: Push 6 bytes, End
rsp, _ = s.execute(struct.pack("<BBB", 0x64, 0, 0) + LTID + struct.pack("<BIH", 0, 0, 10) + CNSET[:10] +
                   REPLGUID + struct.pack("<BBB", 0x64, 0, 0) + LTID + struct.pack("<BIH", 1, 10, 14) +
                   CNSET[10:], [LOGON])
t.ok(rsp == struct.pack("<BBI", 0x64, 0, 0) * 2, "RopWritePerUserInformation in two blocks", rsp.hex())
s3 = Session(server, "alice")
LOGON3, _ = s3.logon()
# RopReadPerUserInformation (2.2.3.12.1): FolderId, Reserved, DataOffset, MaxDataSize
rsp, _ = s3.execute(struct.pack("<BBB", 0x63, 0, 0) + LTID + struct.pack("<BIH", 0, 0, 0) +
                    struct.pack("<BBB", 0x61, 0, 0) + LTID, [LOGON3])
t.ok(rsp[:9 + 24] == struct.pack("<BBIBH", 0x63, 0, 0, 1, 24) + CNSET and
     rsp[33:] == struct.pack("<BBI", 0x61, 0, 0) + REPLGUID,
     "new session: RopReadPerUserInformation returns the CNSET written, RopGetPerUserGuid its REPLGUID",
     rsp.hex())
rsp, _ = s3.execute(struct.pack("<BBB", 0x64, 0, 0) + LTID + struct.pack("<BIH", 1, 0, 3) + b"\x01\x02\x03" +
                    REPLGUID + struct.pack("<BBB", 0x64, 0, 0) + LTID + struct.pack("<BIH", 1, 7, 1) +
                    b"\x00",
                    [LOGON3])
t.ok(rsp == struct.pack("<BBI", 0x64, 0, 0x4ED) + struct.pack("<BBI", 0x64, 0, 0x80004005),
     "RopWritePerUserInformation: no IDSET FormatError; a DataOffset that continues nothing GeneralFailure",
     rsp.hex())

t.done()
