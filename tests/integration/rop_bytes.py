"""ROP request bytes the integration tests share, each built by hand from its MS-OXCROPS layout (the section
is beside it), not with warpcore's codec; and header(), the RopId, handle index and ReturnValue that start
every ROP response (MS-OXCROPS 2.2.1)."""
import struct


def header(rsp, off=0):
    return struct.unpack_from("<BBI", rsp, off)


def utf16z(s):
    return (s + "\0").encode("utf-16-le")  # a NUL-terminated PtypString (MS-OXCDATA 2.11.1)


def open_folder(fid, in_idx=0, out_idx=1):
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


def save(idx, flags=0x0A):
    # RopSaveChangesMessage (2.2.6.3.1): RopId 0x0C, LogonId, ResponseHandleIndex, InputHandleIndex, SaveFlags
    # (KeepOpenReadWrite 0x0A as MS-OXCROPS gives it, ForceSave 0x0C)
    return struct.pack("<BBBBB", 0x0C, 0, idx, idx, flags)


def set_columns(idx, tags, flags=0):
    # RopSetColumns (2.2.5.1.1): RopId 0x12, LogonId, InputHandleIndex, SetColumnsFlags, PropertyTagCount,
    # PropertyTags
    return struct.pack("<BBBBH", 0x12, 0, idx, flags, len(tags)) + struct.pack("<%dI" % len(tags), *tags)


def query_rows(idx, count, forward=1, flags=0):
    # RopQueryRows (2.2.5.4.1): RopId 0x15, LogonId, InputHandleIndex, QueryRowsFlags, ForwardRead, RowCount
    return struct.pack("<BBBBBH", 0x15, 0, idx, flags, forward, count)


def release(idx):
    return struct.pack("<BBB", 0x01, 0, idx)  # RopRelease (2.2.15.3)
