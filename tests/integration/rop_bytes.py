"""ROP request bytes the integration tests share, each built by hand from its MS-OXCROPS layout (the section
is beside it), not with warpcore's codec; and header(), the RopId, handle index and ReturnValue that start
every ROP response (MS-OXCROPS 2.2.1)."""
import struct


def header(rsp, off=0):
    return struct.unpack_from("<BBI", rsp, off)


def open_folder(fid, in_idx, out_idx):
    # RopOpenFolder (2.2.4.1.1): RopId 0x02, LogonId, InputHandleIndex, OutputHandleIndex, FolderId,
    # OpenModeFlags
    return struct.pack("<BBBBQB", 0x02, 0, in_idx, out_idx, fid, 0)


def create_message(fid, in_idx, out_idx):
    # RopCreateMessage (2.2.6.2.1): RopId 0x06, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId,
    # FolderId, AssociatedFlag
    return struct.pack("<BBBBHQB", 0x06, 0, in_idx, out_idx, 0x0FFF, fid, 0)


def open_message(fid, mid, in_idx, out_idx, mode=0x00):
    # RopOpenMessage (2.2.6.1.1): RopId 0x03, LogonId, InputHandleIndex, OutputHandleIndex, CodePageId,
    # FolderId, OpenModeFlags, MessageId
    return struct.pack("<BBBBHQBQ", 0x03, 0, in_idx, out_idx, 0x0FFF, fid, mode, mid)


def save(idx):
    # RopSaveChangesMessage (2.2.6.3.1): RopId 0x0C, LogonId, ResponseHandleIndex, InputHandleIndex, SaveFlags
    # KeepOpenReadWrite (0x0A as MS-OXCROPS gives it)
    return struct.pack("<BBBBB", 0x0C, 0, idx, idx, 0x0A)


def release(idx):
    return struct.pack("<BBB", 0x01, 0, idx)  # RopRelease (2.2.15.3)
