#!/usr/bin/env python3
"""Integration test of the MAPI/HTTP address book endpoint /mapi/nspi/: a real warpd on an ephemeral port with
a directory of a few users, a group and a contact provisioned by warpadm, driven with Python's http.client and
request bodies built here byte by byte from the MS-OXCMAPIHTTP 2.2.5 layouts (not with warpcore's codec).
Every request type, its answers per the MS-OXNSPI 3.1.4.1 server processing rules ("cN" = constraint N) and
its error paths; warpadm changes seen by the running warpd; the ServerGuid kept across a restart. Prints TAP.

usage: test_nspi_http.py PATH/TO/warpd PATH/TO/warpadm"""
import base64
import http.client
import json
import os
import re
import struct
import subprocess
import sys

from mapihttp_client import Rsp, finish, inner, ok, start, tmpdir

WARPD, WARPADM = sys.argv[1:3]
T = tmpdir()

# ---- provisioning and server

CONF = os.path.join(T, "etc", "warpcore.conf")


def adm(*args):
    return subprocess.run([WARPADM, "--config", CONF] + list(args), check=True, stdout=subprocess.PIPE).stdout


adm("init", "--org", "Example Org", "--domain", "example.org", "--data-dir", os.path.join(T, "data"))
USERS = (("alice", "Alice pw 1", "Alice Liddell", ["--given-name", "Alice", "--surname", "Liddell", "--title",
                                                   "Explorer", "--department", "Wonderland", "--office",
                                                   "Rabbit Hole 1", "--phone", "+44 1865 000001"]),
         ("bob", "Bob pw 2", "bob Builder", []),
         ("zed", "Zed pw 3", "Zed Zebra", []),
         ("carol", "Carol pw 4", "Carol Carter", []),
         ("alicia", "Alicia pw 5", "Alicia Keys", []),
         ("tdiaz", "Dora pw 6", "Dora Diaz", ["--given-name", "Theodora", "--surname", "Díaz-Ortega"]),
         ("zoe", "Zoe pw 7", "Zoë Ångström", []))
for user, pw, display, extra_opts in USERS:
    with open(os.path.join(T, user + ".pw"), "w") as f:
        f.write(pw + "\n")
    adm("user", "add", user, "--password-file", os.path.join(T, user + ".pw"), "--display-name", display,
        *extra_opts)
adm("group", "add", "staff", "--display-name", "Delta Staff")
adm("group", "members", "staff", "--add", "alice", "--add", "bob")
adm("contact", "add", "ext", "--display-name", "Eve External", "--email", "eve@elsewhere.example")


def listed(kind):
    return json.loads(adm(kind, "list", "--json"))


OBJECTS = listed("user") + listed("group") + listed("contact")
NAMES = [o.get("display_name") for o in OBJECTS]
MID = {o["alias"]: o["mid"] for o in OBJECTS}
DN = {o["alias"]: o["legacy_dn"] for o in OBJECTS}
ALICE = json.loads(adm("user", "show", "alice", "--json"))
ALICE_DN = ALICE["legacy_dn"]


def fold(s):
    """The GAL order of these names: case and the accents used here ignored (MS-OXNSPI 3.1.4.5 sorts by
    display name; nspi.h describes the collation)."""
    return s.lower().translate(str.maketrans("ëåö", "eao"))


GAL = sorted(OBJECTS, key=lambda o: (fold(o["display_name"]), o["display_name"], o["mid"]))
GAL_NAMES = [o["display_name"] for o in GAL]
GAL_MIDS = [o["mid"] for o in GAL]

conf = open(CONF).read()
conf = re.sub(r"(?m)^#basic_over_plain_http = .*$", "basic_over_plain_http = on", conf)
TEST_CONF = os.path.join(T, "test.conf")
with open(TEST_CONF, "w") as f:
    f.write(conf)
proc, PORT = start(WARPD, TEST_CONF, T, "warpd")


# ---- HTTP helpers

def basic(user, pw):
    return "Basic " + base64.b64encode(("%s:%s" % (user, pw)).encode()).decode()


AUTH = basic("alice", "Alice pw 1")
counter = [0]


def post(rtype, body=b"", cookies=None, auth=None):
    counter[0] += 1
    h = {"X-RequestType": rtype, "Content-Type": "application/mapi-http",
         "X-RequestId": "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:%d" % counter[0],
         "X-ClientInfo": "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1", "Authorization": auth or AUTH}
    if cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    c.request("POST", "/mapi/nspi/", body=body, headers=h)
    r = c.getresponse()
    rsp = Rsp(r, r.read())
    c.close()
    if cookies is not None and "MapiSequence" in rsp.cookies:
        cookies["MapiSequence"] = rsp.cookies["MapiSequence"]
    return rsp


# ---- spec layouts, byte by byte

PR_DISPLAY_NAME = 0x3001001F  # PidTagDisplayName, PtypString
PR_DISPLAY_NAME_A = 0x3001001E  # PidTagDisplayName, PtypString8
PR_DISPLAY_NAME_UNSPEC = 0x30010000  # PidTagDisplayName, PtypUnspecified
PR_OBJECT_TYPE = 0x0FFE0003   # PidTagObjectType, PtypInteger32
PR_ACCOUNT = 0x3A00001F       # PidTagAccount
PR_ENTRYID = 0x0FFF0102       # PidTagEntryId, PtypBinary
PR_GIVEN_NAME = 0x3A06001F
PR_SURNAME = 0x3A11001F
PR_TITLE = 0x3A17001F
PR_DEPARTMENT = 0x3A18001F
PR_OFFICE = 0x3A19001F
PR_BUSINESS_PHONE = 0x3A08001F
PR_PRIMARY_PHONE = 0x3A1A001F
PR_ANR = 0x360C001F
PR_CONTAINER_FLAGS = 0x36000003
PR_DEPTH = 0x30050003
PR_CONTAINER_ID = 0xFFFD0003  # PidTagAddressBookContainerId
PR_DISPLAY_TYPE = 0x39000003
PR_USER_CERT = 0x3A701102     # PidTagUserX509Certificate, PtypMultipleBinary
PR_MEMBER = 0x8009000D        # PidTagAddressBookMember, PtypEmbeddedTable
PR_DELEGATES = 0x8015000D     # PidTagAddressBookPublicDelegates, PtypEmbeddedTable
PR_DELEGATES_W = 0x8015101F   # ... read as PtypMultipleString

# MS-OXCDATA 2.4 / MS-OXNSPI 2.2.1.2 return values
SUCCESS, ERRORS_RETURNED, UNBIND_SUCCESS = 0, 0x00040380, 0x00000001
GENERAL_FAILURE, NOT_FOUND, INVALID_PARAM = 0x80004005, 0x8004010F, 0x80070057
ACCESS_DENIED, INVALID_OBJECT, NOT_SUPPORTED = 0x80070005, 0x80040108, 0x80040102
TOO_COMPLEX, TABLE_TOO_BIG, INVALID_BOOKMARK = 0x80040117, 0x80040403, 0x80040405
INVALID_CODEPAGE, INVALID_LOCALE = 0x8004011E, 0x8004011F

# MS-OXNSPI 2.2.1.8, 2.2.1.9, 2.2.1.5, 2.2.1.1
MID_BEGINNING_OF_TABLE, MID_CURRENT, MID_END_OF_TABLE = 0, 1, 2
MID_UNRESOLVED, MID_AMBIGUOUS, MID_RESOLVED = 0, 1, 2
ALL_USERS, ALL_GROUPS = 0xFFFFFF01, 0xFFFFFF02  # nspi.h: the address lists' Minimal Entry IDs
CP_WINUNICODE = 1200

AUX = struct.pack("<I", 0)    # AuxiliaryBufferSize 0, no AuxiliaryBuffer


def stat(current_rec=0, container=0, delta=0, num_pos=0, total=0, code_page=1252, sort_type=0):
    # MS-OXNSPI 2.2.8 STAT: SortType (0 SortTypeDisplayName), ContainerID (0 the GAL), CurrentRec
    # (0 MID_BEGINNING_OF_TABLE), Delta, NumPos, TotalRecs, CodePage, TemplateLocale, SortLocale
    return struct.pack("<IIIiIIIII", sort_type, container, current_rec, delta, num_pos, total, code_page,
                       0x409, 0x409)


def has(b):
    """An optional field: HasX 0xFF and the field, or HasX 0x00."""
    return b"\x00" if b is None else b"\xff" + b


def tag_array(tags):
    # 2.2.1.8 LargePropertyTagArray: PropertyTagCount, PropertyTags
    return struct.pack("<I", len(tags)) + b"".join(struct.pack("<I", t) for t in tags)


def mid_array(mids):
    # MinimalIdCount, MinimalIds (MS-OXNSPI 2.2.9.1 MinimalEntryID: a DWORD)
    return struct.pack("<I", len(mids)) + b"".join(struct.pack("<I", m) for m in mids)


def utf16z(s):
    return s.encode("utf-16-le") + b"\0\0"


class Reader:
    def __init__(self, b):
        self.b, self.i = b, 0

    def u8(self):
        self.i += 1
        return self.b[self.i - 1]

    def u16(self):
        self.i += 2
        return struct.unpack_from("<H", self.b, self.i - 2)[0]

    def u32(self):
        self.i += 4
        return struct.unpack_from("<I", self.b, self.i - 4)[0]

    def i32(self):
        self.i += 4
        return struct.unpack_from("<i", self.b, self.i - 4)[0]

    def take(self, k):
        self.i += k
        return self.b[self.i - k:self.i]

    def utf16z(self):
        j = self.i
        while self.b[j:j + 2] != b"\0\0":
            j += 2
        s = self.b[self.i:j].decode("utf-16-le")
        self.i = j + 2
        return s

    def bytez(self):
        j = self.b.index(b"\0", self.i)
        s = self.b[self.i:j]
        self.i = j + 1
        return s

    def tags(self):
        return [self.u32() for _ in range(self.u32())]

    def stat(self):
        return dict(zip(("sort_type", "container", "current_rec", "delta", "num_pos", "total", "code_page"),
                        struct.unpack("<IIIiIII", self.take(36)[:28])))

    def opt(self, fn):
        """An optional field after its HasX byte."""
        return fn() if self.u8() else None


def plain_value(r, ptype):
    """MS-OXCDATA 2.11.2.1 PropertyValue of the types these tests meet (MAPI/HTTP: 32-bit counts)."""
    if ptype == 0x001F:
        return r.utf16z()
    if ptype == 0x001E:
        return r.bytez()
    if ptype in (0x0003, 0x000A):  # PtypInteger32, PtypErrorCode
        return r.u32()
    if ptype == 0x000B:  # PtypBoolean
        return r.u8()
    if ptype == 0x0102:
        return r.take(r.u32())
    if ptype & 0x1000:
        return [plain_value(r, ptype & ~0x1000) for _ in range(r.u32())]
    raise ValueError("type %04x not handled by this test" % ptype)


def ab_value(r, ptype):
    """2.2.1.1 AddressBookPropertyValue: HasValue first for strings, binaries and multi-valued types."""
    if ptype in (0x001F, 0x001E, 0x0102) or ptype & 0x1000:
        if not r.u8():
            return None
    return plain_value(r, ptype)


def ab_row(r, tags):
    """2.2.1.7 AddressBookPropertyRow with typed columns: Flags 0 -> AddressBookPropertyValues, 1 ->
    AddressBookFlaggedPropertyValues (2.2.1.5: Flag 0 value, 1 absent, 0xA PtypErrorCode value). An error is
    returned as ("error", code)."""
    flags = r.u8()
    row = []
    for t in tags:
        if flags == 0:
            row.append(ab_value(r, t & 0xFFFF))
            continue
        f = r.u8()
        row.append(None if f == 1 else ("error", r.u32()) if f == 0xA else ab_value(r, t & 0xFFFF))
    return row


def cols_and_rows(r):
    # Columns (LargePropertyTagArray), RowCount, RowData (AddressBookPropertyRows)
    tags = r.tags()
    return tags, [ab_row(r, tags) for _ in range(r.u32())]


def value_list(r):
    """2.2.1.3 AddressBookPropertyValueList of 2.2.1.2 AddressBookTaggedPropertyValues: {tag: value}."""
    out = {}
    for _ in range(r.u32()):
        ptype, pid = r.u16(), r.u16()
        out[pid << 16 | ptype] = ab_value(r, ptype)
    return out


def call(rtype, body, cookies=None, auth=None):
    """Posts a request; returns the response, a Reader after StatusCode and ErrorCode, and the ErrorCode
    (None when the request failed at the HTTP layer)."""
    r = post(rtype, body, ck if cookies is None else cookies, auth)
    rd, extra = body_of(r)
    if r.code() != 0 or len(rd.b) < 8:
        return r, rd, None
    status = rd.u32()
    return r, rd, (rd.u32() if status == 0 else ("status", status))


def body_of(rsp):
    tags, extra, b = inner(rsp)
    return Reader(b), extra


def bind(auth=None):
    # 2.2.5.1.1: Flags (0: not anonymous), HasState, State, AuxiliaryBufferSize
    r = post("Bind", struct.pack("<I", 0) + has(stat()) + AUX, None, auth)
    rd, _ = body_of(r)
    status, error, guid = rd.u32(), rd.u32(), rd.take(16)
    return r, status, error, guid, {"MapiContext": r.cookies.get("MapiContext"),
                                    "MapiSequence": r.cookies.get("MapiSequence")}


def explain(error):
    return "ErrorCode %s" % (hex(error) if isinstance(error, int) else error)


# ---- Bind (2.2.5.1)

r, status, error, SERVER_GUID, ck = bind()
rd, extra = body_of(r)
ok(r.status == 200 and r.code() == 0 and extra.get("X-ResponseCode") == "0", "Bind: X-ResponseCode 0",
   (r.status, r.h, r.body[:300]))
ok(status == 0 and error == 0, "Bind: StatusCode 0, ErrorCode 0", (status, error))
ok(len(SERVER_GUID) == 16 and SERVER_GUID != b"\0" * 16, "Bind: ServerGuid present", SERVER_GUID.hex())
ok(all(ck.values()) and all("path=/mapi/nspi" in v for v in r.set_cookie),
   "Bind: Set-Cookie MapiContext and MapiSequence with path /mapi/nspi", r.set_cookie)

# MS-OXNSPI 3.1.4.1.1: fAnonymousLogin (0x20) is honoured only with auth.nspi_anonymous (off here): the Bind is
# answered ErrorCode LogonFailed (0x80040111) and sets no session.
r = post("Bind", struct.pack("<I", 0x20) + b"\xff" + stat() + AUX)
rd, extra = body_of(r)
status, error = rd.u32(), rd.u32()
ok(r.code() == 0 and status == 0 and error == 0x80040111 and not r.cookies,
   "Bind with fAnonymousLogin, auth.nspi_anonymous off: ErrorCode LogonFailed, no session", (error, r.cookies))

# ---- QueryRows (2.2.5.12) of the GAL


def query_rows(st, count, cols=None, etable=(), flags=0, cookies=None):
    """2.2.5.12.1: Flags, HasState, State, ExplicitTableCount, ExplicitTable, RowCount, HasColumns, Columns,
    AuxiliaryBufferSize. Returns (response, ErrorCode, State, columns, rows)."""
    q = struct.pack("<I", flags) + has(st) + mid_array(list(etable)) + struct.pack("<I", count) + \
        has(None if cols is None else tag_array(cols)) + AUX
    r, rd, error = call("QueryRows", q, cookies)
    if error != SUCCESS:
        return r, error, None, [], []
    # 2.2.5.12.2: HasState, State, HasColsAndRows, Columns, RowCount, RowData
    st_out = rd.opt(rd.stat)
    tags, rows = cols_and_rows(rd) if rd.u8() else ([], [])
    return r, error, st_out, tags, rows


r, error, st, tags, rows = query_rows(stat(), 100, [PR_DISPLAY_NAME, PR_OBJECT_TYPE])
ok(r.code() == 0 and error == 0, "QueryRows: X-ResponseCode 0, StatusCode 0, ErrorCode 0",
   (r.code(), error, r.body[:300]))
got = [row[0] for row in rows]
ok(got == GAL_NAMES, "QueryRows: the GAL's display names in display-name order",
   "got %s\nwant %s" % (got, GAL_NAMES))
ok(st is not None and st["total"] == len(OBJECTS), "QueryRows: TotalRecs = %d address book objects" % len(OBJECTS),
   st)
ok(tags == [PR_DISPLAY_NAME, PR_OBJECT_TYPE] and all(row[1] in (6, 8) for row in rows),
   "QueryRows: columns echoed, PidTagObjectType MAILUSER (6) or DISTLIST (8)", (tags, rows))

# paging forwards in pages of 3 from MID_BEGINNING_OF_TABLE, each request starting from the State the
# previous answer gave (c12, c16)
pages, st_raw, last = [], stat(), None
for _ in range(10):
    r, error, last, tags, rows = query_rows(st_raw, 3, [PR_DISPLAY_NAME])
    if error != SUCCESS:
        break
    pages.append([row[0] for row in rows])
    st_raw = struct.pack("<IIIiIIIII", 0, 0, last["current_rec"], 0, last["num_pos"], last["total"], 1252,
                         0x409, 0x409)
    if last["current_rec"] == MID_END_OF_TABLE:
        break
ok(sum(pages, []) == GAL_NAMES and all(len(p) == 3 for p in pages[:-1]),
   "QueryRows forwards in pages of 3: every row once, in order", pages)
ok(last is not None and last["current_rec"] == MID_END_OF_TABLE and last["num_pos"] == len(GAL)
   and last["delta"] == 0, "QueryRows forwards: the last page leaves CurrentRec MID_END_OF_TABLE, NumPos TotalRecs",
   last)

# c15: nothing left from the position: Success and Count rows whose values are all PtypErrorCode
r, error, st, tags, rows = query_rows(stat(MID_END_OF_TABLE), 3, [PR_DISPLAY_NAME, PR_OBJECT_TYPE])
ok(error == SUCCESS and len(rows) == 3 and all(row == [("error", NOT_FOUND)] * 2 for row in rows)
   and st["current_rec"] == MID_END_OF_TABLE,
   "QueryRows at the end of the table: Success, 3 rows of PtypErrorCode values, still at the end",
   (explain(error), rows, st))

# paging backwards: from MID_END_OF_TABLE with Delta -3, then from each page's first row with Delta -3
back, cur, pos = [], MID_END_OF_TABLE, len(GAL)
while pos > 0:
    r, error, st, tags, rows = query_rows(stat(cur, delta=-3), 3, [PR_DISPLAY_NAME])
    if error != SUCCESS:
        break
    first = max(pos - 3, 0)
    back.insert(0, [row[0] for row in rows][:pos - first])
    cur, pos = GAL_MIDS[first], first
ok(sum(back, []) == GAL_NAMES, "QueryRows backwards with Delta -3 from MID_END_OF_TABLE: every row once",
   (back, explain(error)))
# Delta moves from CurrentRec: row 1 (bob) with Delta 2 starts at row 3
r, error, st, tags, rows = query_rows(stat(GAL_MIDS[1], delta=2), 2, [PR_DISPLAY_NAME])
ok(error == SUCCESS and [row[0] for row in rows] == GAL_NAMES[3:5] and st["num_pos"] == 5
   and st["current_rec"] == GAL_MIDS[5] and st["delta"] == 0,
   "QueryRows from a CurrentRec with Delta 2: rows 3-4, then positioned on row 5 (c12, c16)",
   (explain(error), rows, st))
# MID_CURRENT: NumPos/TotalRecs as a fraction of the table (MS-OXNSPI 3.1.4.5.2)
r, error, st, tags, rows = query_rows(stat(MID_CURRENT, num_pos=1, total=2), 1, [PR_DISPLAY_NAME])
ok(error == SUCCESS and rows and rows[0][0] == GAL_NAMES[len(GAL) // 2],
   "QueryRows at MID_CURRENT with NumPos 1 of TotalRecs 2: the middle row", (explain(error), rows))
# c8, c13: an Explicit Table is read from its start, in its own order
r, error, st, tags, rows = query_rows(stat(), 5, [PR_ACCOUNT], etable=[MID["zed"], MID["alice"]])
ok(error == SUCCESS and rows == [["zed"], ["alice"]], "QueryRows of an Explicit Table: its rows in its order",
   (explain(error), rows))
# c6: without Columns the default columns
r, error, st, tags, rows = query_rows(stat(), 1)
ok(error == SUCCESS and tags == [PR_CONTAINER_ID, PR_OBJECT_TYPE, PR_DISPLAY_TYPE, PR_DISPLAY_NAME_A,
                                  0x3A1A001E, 0x3A18001E, 0x3A19001E],
   "QueryRows without Columns: the 7 default columns of c6, strings as PtypString8", (explain(error), tags))
# String8 in the STAT's code page: Windows-1252 and US-ASCII (3.1.4.3.3: '?' where it has no character)
zoe = [MID["zoe"]]
r, error, st, tags, rows = query_rows(stat(), 1, [PR_DISPLAY_NAME_A, PR_DISPLAY_NAME], etable=zoe)
ok(error == SUCCESS and rows == [[b"Zo\xeb \xc5ngstr\xf6m", "Zoë Ångström"]],
   "QueryRows: PtypString8 in code page 1252, PtypString in UTF-16", (explain(error), rows))
r, error, st, tags, rows = query_rows(stat(code_page=20127), 1, [PR_DISPLAY_NAME_A], etable=zoe)
ok(error == SUCCESS and rows == [[b"Zo? ?ngstr?m"]], "QueryRows: PtypString8 in US-ASCII has '?' for ë, Å, ö",
   (explain(error), rows))
# the error paths
r, error, st, tags, rows = query_rows(stat(container=0x12345), 10, [PR_DISPLAY_NAME])
ok(error == INVALID_BOOKMARK, "QueryRows of an unknown container: InvalidBookmark (c5)", explain(error))
r, error, st, tags, rows = query_rows(stat(0x7FFFFF), 10, [PR_DISPLAY_NAME])
ok(error == NOT_FOUND, "QueryRows from an unknown CurrentRec: NotFound (MS-OXNSPI 3.1.4.5.1)", explain(error))
r, error, st, tags, rows = query_rows(stat(code_page=CP_WINUNICODE), 10, [PR_DISPLAY_NAME])
ok(error == INVALID_CODEPAGE, "QueryRows with CodePage CP_WINUNICODE: InvalidCodepage (c1)", explain(error))
r, error, st, tags, rows = query_rows(None, 10, [PR_DISPLAY_NAME])
ok(error == INVALID_PARAM, "QueryRows without a State: InvalidParameter", explain(error))

# ---- ResolveNames (2.2.5.14)


def resolve(names, cols, st=None, cookies=None, auth=None):
    # 2.2.5.14.1: Reserved, HasState, State, HasPropertyTags, PropertyTags, HasNames, NameCount, NameValues
    # (null-terminated Unicode), AuxiliaryBufferSize
    q = struct.pack("<I", 0) + has(stat() if st is None else st) + has(tag_array(cols)) + \
        has(struct.pack("<I", len(names)) + b"".join(utf16z(n) for n in names)) + AUX
    r, rd, error = call("ResolveNames", q, cookies, auth)
    if error != SUCCESS:
        return r, error, [], []
    # 2.2.5.14.2: CodePage, HasMinimalIds, MinimalIdCount, MinimalIds, HasRowsAndCols, PropertyTags, RowCount,
    # RowData
    rd.u32()
    mids = rd.opt(lambda: [rd.u32() for _ in range(rd.u32())]) or []
    tags, rows = cols_and_rows(rd) if rd.u8() else ([], [])
    return r, error, mids, rows


r, error, mids, rows = resolve(["alice"], [PR_DISPLAY_NAME])
ok(r.code() == 0 and error == 0 and mids == [MID_RESOLVED],
   "ResolveNames 'alice': MinimalIds [MID_RESOLVED] (MS-OXNSPI 3.1.4.1.17 c6, 2.2.1.9)", (r.code(), error, mids))
ok(rows == [["Alice Liddell"]], "ResolveNames: the row has PidTagDisplayName 'Alice Liddell'", rows)
# exact, unresolved, ambiguous ("ali": Alice and Alicia), given name prefix, surname prefix, empty, SMTP
names = ["alice", "nobody here", "ali", "Theo", "liddell", "", "SMTP:zed@example.org", "Zoë"]
r, error, mids, rows = resolve(names, [PR_ACCOUNT, PR_DISPLAY_NAME_A])
ok(error == SUCCESS and mids == [MID_RESOLVED, MID_UNRESOLVED, MID_AMBIGUOUS, MID_RESOLVED, MID_RESOLVED,
                                 MID_UNRESOLVED, MID_RESOLVED, MID_RESOLVED],
   "ResolveNames: MID_RESOLVED, MID_UNRESOLVED and MID_AMBIGUOUS per name (3.1.4.7)", (explain(error), mids))
ok([row[0] for row in rows] == ["alice", "tdiaz", "alice", "zed", "zoe"],
   "ResolveNames: one row per resolved name in the names' order; 'Theo' found by given name, 'liddell' by "
   "surname", rows)
ok(rows and rows[-1][1] == b"Zo\xeb \xc5ngstr\xf6m",
   "ResolveNames: a PtypString8 column in the STAT's code page 1252", rows[-1:])
r, error, mids, rows = resolve(["alice", "Delta"], [PR_ACCOUNT], stat(container=ALL_GROUPS))
ok(error == SUCCESS and mids == [MID_UNRESOLVED, MID_RESOLVED] and rows == [["staff"]],
   "ResolveNames in All Groups: a user is unresolved there, the group resolves", (explain(error), mids, rows))
r, error, mids, rows = resolve(["alice"], [PR_ACCOUNT], stat(container=0x12345))
ok(error == INVALID_BOOKMARK, "ResolveNames in an unknown container: InvalidBookmark (c5)", explain(error))
r, error, mids, rows = resolve(["alice"], [PR_ACCOUNT], stat(code_page=CP_WINUNICODE))
ok(error == INVALID_CODEPAGE, "ResolveNames with CodePage CP_WINUNICODE: InvalidCodepage (c1)", explain(error))

# ---- DnToMinId (2.2.5.4)

# 2.2.5.4.1: Reserved, HasNames, NameCount, NameValues (null-terminated 8-bit), AuxiliaryBufferSize
q = struct.pack("<I", 0) + b"\xff" + struct.pack("<I", 2) + ALICE_DN.encode("ascii") + b"\0" + \
    b"/o=Nowhere/cn=nobody\0" + AUX
r, rd, error = call("DNToMId", q)
dmids = [rd.u32() for _ in range(rd.u32())] if error == SUCCESS and rd.u8() else []
ok(r.code() == 0 and error == 0 and dmids == [MID["alice"], 0],
   "DNToMId: alice's legacyExchangeDN gives her MId, an unknown DN 0", (r.code(), error, dmids))

# ---- CompareMinIds (2.2.5.3)


def compare(mid1, mid2, st):
    # 2.2.5.3.1: Reserved, HasState, State, MinimalId1, MinimalId2, AuxiliaryBufferSize
    r, rd, error = call("CompareMIds", struct.pack("<I", 0) + has(st) + struct.pack("<II", mid1, mid2) + AUX)
    return error, (rd.i32() if error == SUCCESS else None)  # 2.2.5.3.2: Result


ok(compare(MID["alice"], MID["zed"], stat()) == (SUCCESS, -1) and
   compare(MID["zed"], MID["alice"], stat()) == (SUCCESS, 1) and
   compare(MID["bob"], MID["bob"], stat()) == (SUCCESS, 0),
   "CompareMIds: -1, 1, 0 by position in the GAL (c6-c8)",
   [compare(MID["alice"], MID["zed"], stat()), compare(MID["zed"], MID["alice"], stat())])
ok(compare(MID["alice"], 0x7FFFFF, stat())[0] == GENERAL_FAILURE,
   "CompareMIds with an unknown MId: GeneralFailure (c5)", compare(MID["alice"], 0x7FFFFF, stat()))
ok(compare(MID["alice"], MID["staff"], stat(container=ALL_USERS))[0] == GENERAL_FAILURE,
   "CompareMIds with a group in All Users: GeneralFailure (not in that table)",
   compare(MID["alice"], MID["staff"], stat(container=ALL_USERS)))
ok(compare(MID["alice"], MID["bob"], stat(container=0x12345))[0] == INVALID_BOOKMARK,
   "CompareMIds in an unknown container: InvalidBookmark (c3)", compare(MID["alice"], MID["bob"],
                                                                        stat(container=0x12345)))
ok(compare(MID["alice"], MID["bob"], None)[0] == INVALID_PARAM, "CompareMIds without a State: InvalidParameter",
   compare(MID["alice"], MID["bob"], None))

# ---- UpdateStat (2.2.5.17)


def update_stat(st, want_delta=True):
    # 2.2.5.17.1: Reserved, HasState, State, DeltaRequested, AuxiliaryBufferSize
    r, rd, error = call("UpdateStat", struct.pack("<I", 0) + has(st) + (b"\x01" if want_delta else b"\x00") + AUX)
    if error != SUCCESS:
        return error, None, None
    return error, rd.opt(rd.stat), rd.opt(rd.i32)  # 2.2.5.17.2: HasState, State, HasDelta, Delta


error, st, delta = update_stat(stat(MID_BEGINNING_OF_TABLE, delta=3))
ok(error == SUCCESS and st["current_rec"] == GAL_MIDS[3] and st["num_pos"] == 3 and st["delta"] == 0
   and st["total"] == len(GAL) and delta == 3,
   "UpdateStat from the start with Delta 3: CurrentRec row 3, NumPos 3, Delta 0, plDelta 3 (c5-c10)",
   (explain(error), st, delta))
error, st, delta = update_stat(stat(MID_END_OF_TABLE, delta=-2))
ok(error == SUCCESS and st["current_rec"] == GAL_MIDS[-2] and st["num_pos"] == len(GAL) - 2 and delta == -2,
   "UpdateStat from MID_END_OF_TABLE with Delta -2: two rows before the end", (explain(error), st, delta))
error, st, delta = update_stat(stat(GAL_MIDS[2], delta=-100))
ok(error == SUCCESS and st["num_pos"] == 0 and st["current_rec"] == GAL_MIDS[0] and delta == -2,
   "UpdateStat moving before the start: clamped to row 0, plDelta -2 (the rows actually moved)",
   (explain(error), st, delta))
error, st, delta = update_stat(stat(MID_CURRENT, num_pos=1, total=2), False)
ok(error == SUCCESS and st["num_pos"] == len(GAL) // 2 and delta is None,
   "UpdateStat at MID_CURRENT 1/2: the middle row; no Delta unless requested", (explain(error), st, delta))
error, st, delta = update_stat(stat(MID["alice"], container=ALL_USERS))
ok(error == SUCCESS and st["total"] == len(listed("user")),
   "UpdateStat in All Users: TotalRecs = the users only", (explain(error), st))
error, st, delta = update_stat(stat(0x7FFFFF))
ok(error == NOT_FOUND, "UpdateStat from an unknown CurrentRec: NotFound", explain(error))
error, st, delta = update_stat(stat(container=0x12345))
ok(error == INVALID_BOOKMARK, "UpdateStat in an unknown container: InvalidBookmark (c4)", explain(error))

# ---- SeekEntries (2.2.5.16)


def seek(st, target, cols=None, etable=None):
    # 2.2.5.16.1: Reserved, HasState, State, HasTarget, Target (2.2.1.2 AddressBookTaggedPropertyValue:
    # PropertyType, PropertyId, AddressBookPropertyValue), HasExplicitTable, ExplicitTableCount,
    # ExplicitTable, HasColumns, Columns, AuxiliaryBufferSize
    tgt = None if target is None else struct.pack("<HH", 0x001F, 0x3001) + b"\xff" + utf16z(target)
    q = struct.pack("<I", 0) + has(st) + has(tgt) + has(None if etable is None else mid_array(etable)) + \
        has(None if cols is None else tag_array(cols)) + AUX
    r, rd, error = call("SeekEntries", q)
    if error != SUCCESS:
        return error, None, []
    # 2.2.5.16.2: HasState, State, HasColsAndRows, Columns, RowCount, RowData
    st_out = rd.opt(rd.stat)
    tags, rows = cols_and_rows(rd) if rd.u8() else ([], [])
    return error, st_out, rows


error, st, rows = seek(stat(), "c", [PR_DISPLAY_NAME])
i = next(k for k, n in enumerate(GAL_NAMES) if fold(n) >= "c")
ok(error == SUCCESS and st["current_rec"] == GAL_MIDS[i] and st["num_pos"] == i and rows
   and rows[0][0] == GAL_NAMES[i] and [row[0] for row in rows] == GAL_NAMES[i:],
   "SeekEntries 'c': positioned on the first name at or after it (%s), rows from there" % GAL_NAMES[i],
   (explain(error), st, rows))
error, st, rows = seek(stat(), "C", None, [MID["zed"], MID["bob"], MID["alice"]])
ok(error == SUCCESS and st["current_rec"] == MID["zed"] and st["num_pos"] == 0 and rows == [],
   "SeekEntries in an Explicit Table: the first row in the table's order at or after 'C'; no rows without Columns",
   (explain(error), st, rows))
error, st, rows = seek(stat(), "zzzz", [PR_DISPLAY_NAME])
ok(error == NOT_FOUND, "SeekEntries past every name: NotFound", explain(error))
error, st, rows = seek(stat(sort_type=3), "c", [PR_DISPLAY_NAME])
ok(error == GENERAL_FAILURE, "SeekEntries with SortTypePhoneticDisplayName: GeneralFailure (c9, c10)",
   explain(error))
error, st, rows = seek(stat(container=0x12345), "c", [PR_DISPLAY_NAME])
ok(error == INVALID_BOOKMARK, "SeekEntries in an unknown container: InvalidBookmark (c6)", explain(error))

# ---- GetMatches (2.2.5.5)


def get_matches(st, filt=None, count=100, cols=(PR_ACCOUNT,), prop_name=None):
    # 2.2.5.5.1: Reserved, HasState, State, HasMinimalIds (0), InterfaceOptionFlags, HasFilter, Filter,
    # HasPropertyName, PropertyNameGuid, PropertyNameId, RowCount, HasColumns, Columns, AuxiliaryBufferSize
    q = struct.pack("<I", 0) + has(st) + b"\x00" + struct.pack("<I", 0) + has(filt) + has(prop_name) + \
        struct.pack("<I", count) + has(None if cols is None else tag_array(list(cols))) + AUX
    r, rd, error = call("GetMatches", q)
    if error != SUCCESS:
        return error, None, [], []
    # 2.2.5.5.2: HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds, HasColsAndRows, Columns, RowCount,
    # RowData
    st_out = rd.opt(rd.stat)
    mids = rd.opt(lambda: [rd.u32() for _ in range(rd.u32())]) or []
    tags, rows = cols_and_rows(rd) if rd.u8() else ([], [])
    return error, st_out, mids, rows


def content_restriction(tag, text, fuzzy_low=0x0001, fuzzy_high=0x0001):
    # MS-OXCDATA 2.12.2: RestrictType 0x03, FuzzyLevelLow (FL_SUBSTRING), FuzzyLevelHigh (FL_IGNORECASE),
    # PropertyTag, TaggedValue (2.11.4 TaggedPropertyValue: PropertyTag, PropertyValue)
    return struct.pack("<BHHII", 0x03, fuzzy_low, fuzzy_high, tag, tag) + utf16z(text)


def property_restriction(relop, tag, text):
    # MS-OXCDATA 2.12.5: RestrictType 0x04, RelOp, PropTag, TaggedValue
    return struct.pack("<BBII", 0x04, relop, tag, tag) + utf16z(text)


want = [o for o in GAL if o["kind"] == "user" and "er" in fold(o["display_name"])]
error, st, mids, rows = get_matches(stat(MID_BEGINNING_OF_TABLE, container=ALL_USERS),
                                    content_restriction(PR_DISPLAY_NAME, "ER"))
ok(error == SUCCESS and mids == [o["mid"] for o in want] and [row[0] for row in rows] == [o["alias"] for o in want],
   "GetMatches, content restriction 'ER' (substring, ignore case) in All Users: %s, with their rows (c8, c19)"
   % [o["alias"] for o in want], (explain(error), mids, rows))
ok(st is not None and st["container"] == MID_BEGINNING_OF_TABLE and st["current_rec"] == MID_BEGINNING_OF_TABLE,
   "GetMatches: the State's ContainerID becomes the input CurrentRec (c16)", st)
error, st, mids, rows = get_matches(stat(), property_restriction(0x04, PR_ANR, "theo"))
ok(error == SUCCESS and mids == [MID["tdiaz"]], "GetMatches, PidTagAnr 'theo': the user whose given name it starts",
   (explain(error), mids))
# AND (MS-OXCDATA 2.12.1: RestrictType 0x00, RestrictCount, Restricts; the count is 4 bytes outside ROP buffers)
# of an exists and a prefix
exists_title = struct.pack("<BI", 0x08, PR_TITLE)  # 2.12.9 ExistRestriction: RestrictType 0x08, PropTag
error, st, mids, rows = get_matches(stat(), struct.pack("<BI", 0x00, 2) + exists_title +
                                    content_restriction(PR_DISPLAY_NAME, "a", 0x0002))
ok(error == SUCCESS and mids == [MID["alice"]],
   "GetMatches, AND(EXIST PidTagTitle, prefix 'a'): only alice has a title", (explain(error), mids))
error, st, mids, rows = get_matches(stat(), content_restriction(PR_DISPLAY_NAME, "e"), count=2)
ok(error == TABLE_TOO_BIG, "GetMatches with more matches than RowCount: TableTooBig (c17)", explain(error))
# 2.12.13 CountRestriction (0x0B, Count, SubRestriction) is not evaluated over the directory
error, st, mids, rows = get_matches(stat(), struct.pack("<BI", 0x0B, 1) + exists_title)
ok(error == TOO_COMPLEX, "GetMatches with a count restriction: TooComplex (c8)", explain(error))
error, st, mids, rows = get_matches(stat(container=0x12345), exists_title)
ok(error == INVALID_BOOKMARK, "GetMatches in an unknown container: InvalidBookmark (c7)", explain(error))
error, st, mids, rows = get_matches(stat(sort_type=0x3E8), exists_title)
ok(error not in (SUCCESS, None), "GetMatches with a restriction and SortTypeDisplayName_RO: refused (c2)",
   explain(error))
# the property-value form (c9-c14): ContainerID names the property, CurrentRec the object
error, st, mids, rows = get_matches(stat(MID["staff"], container=PR_MEMBER))
members = sorted(["alice", "bob"], key=lambda a: fold(next(o["display_name"] for o in GAL if o["alias"] == a)))
ok(error == SUCCESS and mids == [MID[a] for a in members] and [row[0] for row in rows] == members,
   "GetMatches of PidTagAddressBookMember on the group: its members, sorted by display name (c14, c15)",
   (explain(error), mids, rows))
ok(st is not None and st["container"] == MID["staff"], "GetMatches property form: ContainerID = CurrentRec (c16)",
   st)
error, st, mids, rows = get_matches(stat(0x7FFFFF, container=PR_MEMBER))
ok(error == GENERAL_FAILURE, "GetMatches property form on an unknown object: GeneralFailure (c11)",
   explain(error))
# lpPropName (PropertyNameGuid, PropertyNameId): a named property refers to no objects here (c13)
error, st, mids, rows = get_matches(stat(MID["alice"], container=PR_DELEGATES),
                                    prop_name=bytes.fromhex("2903020000000000C000000000000046") +
                                    struct.pack("<I", 0x8501))
ok(error == NOT_SUPPORTED, "GetMatches property form with a PropertyName: NotSupported (c13)", explain(error))
error, st, mids, rows = get_matches(stat(MID["alice"], container=PR_DISPLAY_NAME))
ok(error == NOT_SUPPORTED, "GetMatches property form of a property that names no objects: NotSupported (c13)",
   explain(error))

# ---- GetProps (2.2.5.7)


def get_props(st, tags, flags=0, cookies=None):
    # 2.2.5.7.1: Flags, HasState, State, HasPropertyTags, PropertyTags, AuxiliaryBufferSize
    r, rd, error = call("GetProps", struct.pack("<I", flags) + has(st) + has(tag_array(tags)) + AUX, cookies)
    if error not in (SUCCESS, ERRORS_RETURNED):
        return r, error, None
    rd.u32()  # 2.2.5.7.2: CodePage, HasPropertyValues, PropertyValues
    return r, error, rd.opt(lambda: value_list(rd))


person = [PR_GIVEN_NAME, PR_SURNAME, PR_TITLE, PR_DEPARTMENT, PR_OFFICE, PR_BUSINESS_PHONE]
r, error, vals = get_props(stat(MID["alice"]), person)
ok(error == SUCCESS and vals == dict(zip(person, ["Alice", "Liddell", "Explorer", "Wonderland", "Rabbit Hole 1",
                                                  "+44 1865 000001"])),
   "GetProps: alice's given name, surname, title, department, office and business phone", (explain(error), vals))
r, error, vals = get_props(stat(MID["bob"]), [PR_DISPLAY_NAME, PR_SURNAME, PR_PRIMARY_PHONE])
ok(error == ERRORS_RETURNED and vals == {PR_DISPLAY_NAME: "bob Builder", 0x3A11000A: NOT_FOUND,
                                         0x3A1A000A: NOT_FOUND},
   "GetProps of missing properties: ErrorsReturned, each as PtypErrorCode NotFound (c12)", (explain(error), vals))
r, error, vals = get_props(stat(MID["tdiaz"]), [PR_DISPLAY_NAME, 0x3A11001E])
ok(error == SUCCESS and vals == {PR_DISPLAY_NAME: "Dora Diaz", 0x3A11001E: b"D\xedaz-Ortega"},
   "GetProps: PtypString as UTF-16, PtypString8 in code page 1252", (explain(error), vals))
r, error, vals = get_props(stat(MID["tdiaz"]), [PR_DISPLAY_NAME_UNSPEC])
ok(error == SUCCESS and vals == {PR_DISPLAY_NAME_A: b"Dora Diaz"},
   "GetProps: PtypUnspecified is answered as PtypString8 when the CodePage is not CP_WINUNICODE",
   (explain(error), vals))
r, error, vals = get_props(stat(MID["tdiaz"], code_page=CP_WINUNICODE), [PR_DISPLAY_NAME_UNSPEC])
ok(error == INVALID_CODEPAGE, "GetProps with CodePage CP_WINUNICODE: InvalidCodepage (c1)", explain(error))
r, error, vals = get_props(stat(MID["alice"]), [PR_ENTRYID], flags=0x2)
eid = vals.get(PR_ENTRYID) if vals else None
ok(error == SUCCESS and eid is not None and len(eid) == 32 and eid[0] == 0x87 and eid[4:20] == SERVER_GUID
   and struct.unpack("<II", eid[24:32]) == (0, MID["alice"]),
   "GetProps with fEphID: an Ephemeral Entry ID (MS-OXNSPI 2.2.9.2) with the Bind's ServerGuid and alice's MId",
   (explain(error), eid.hex() if eid else None))
EPHEMERAL_BOB = None
r, error, vals = get_props(stat(MID["bob"]), [PR_ENTRYID], flags=0x2)
if vals:
    EPHEMERAL_BOB = vals.get(PR_ENTRYID)
r, error, vals = get_props(stat(MID["alice"]), [PR_ENTRYID])
eid = vals.get(PR_ENTRYID) if vals else None
ok(error == SUCCESS and eid is not None and eid[0] == 0 and eid[28:] == ALICE_DN.encode() + b"\0",
   "GetProps without fEphID: a Permanent Entry ID (2.2.9.3) ending with alice's DN", (explain(error), eid))
r, error, vals = get_props(stat(0x7FFFFF), [PR_DISPLAY_NAME])
ok(error == ERRORS_RETURNED and vals == {0x3001000A: NOT_FOUND},
   "GetProps of an unknown MId: ErrorsReturned, the value PtypErrorCode", (explain(error), vals))
r, error, vals = get_props(stat(MID["alice"], container=0x12345), [PR_DISPLAY_NAME])
ok(error == INVALID_BOOKMARK, "GetProps in an unknown container: InvalidBookmark (c4)", explain(error))
r, error, vals = get_props(None, [PR_DISPLAY_NAME])
ok(error == INVALID_PARAM, "GetProps without a State: InvalidParameter", explain(error))
r, error, vals = get_props(stat(MID["alice"]), [PR_DISPLAY_NAME],
                           cookies={"MapiContext": "b" * 32, "MapiSequence": ck["MapiSequence"]})
ok(r.code() == 10, "GetProps with an unknown context cookie: X-ResponseCode 10", (r.code(), r.body[:200]))

# ---- GetPropList (2.2.5.6)


def get_prop_list(mid, flags=0, code_page=1252):
    # 2.2.5.6.1: Flags, MinimalId, CodePage, AuxiliaryBufferSize
    r, rd, error = call("GetPropList", struct.pack("<III", flags, mid, code_page) + AUX)
    return error, (rd.opt(rd.tags) if error == SUCCESS else None)  # 2.2.5.6.2: HasPropertyTags, PropertyTags


error, tags = get_prop_list(MID["alice"])
ok(error == SUCCESS and {0x3001001E, 0x3A06001E, 0x3A11001E, 0x3A08001E, 0x0FFF0102} <= set(tags or []),
   "GetPropList of alice: display name, given name, surname and business phone as PtypString8, the entry ID",
   (explain(error), tags))
error, tags = get_prop_list(MID["bob"])
ok(error == SUCCESS and tags and not any(t >> 16 in (0x3A06, 0x3A11, 0x3A17) for t in tags),
   "GetPropList of bob: no person properties, as none are set", (explain(error), tags))
error, tags = get_prop_list(0x7FFFFF)
ok(error == SUCCESS and tags == [], "GetPropList of an unknown MId: an empty list", (explain(error), tags))

# ---- QueryColumns (2.2.5.13)


def query_columns(flags):
    # 2.2.5.13.1: Reserved, MapiFlags, AuxiliaryBufferSize
    r, rd, error = call("QueryColumns", struct.pack("<II", 0, flags) + AUX)
    return error, (rd.opt(rd.tags) if error == SUCCESS else None)  # 2.2.5.13.2: HasColumns, Columns


error, cols8 = query_columns(0)
error_w, colsw = query_columns(0x80000000)
ok(error == SUCCESS and PR_DISPLAY_NAME_A in cols8 and 0x3A06001E in cols8 and PR_DISPLAY_NAME not in cols8,
   "QueryColumns: string columns as PtypString8 without NspiUnicodeProptypes (c4)", (explain(error), cols8))
ok(error_w == SUCCESS and PR_DISPLAY_NAME in colsw and PR_GIVEN_NAME in colsw and PR_DISPLAY_NAME_A not in colsw,
   "QueryColumns with NspiUnicodeProptypes: as PtypString (c3)", (explain(error_w), colsw))

# ---- ResortRestriction (2.2.5.15)


def resort(st, mids):
    # 2.2.5.15.1: Reserved, HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds, AuxiliaryBufferSize
    r, rd, error = call("ResortRestriction", struct.pack("<I", 0) + has(st) + has(mid_array(mids)) + AUX)
    if error != SUCCESS:
        return error, None, None
    st_out = rd.opt(rd.stat)  # 2.2.5.15.2: HasState, State, HasMinimalIds, MinimalIdCount, MinimalIds
    return error, st_out, rd.opt(lambda: [rd.u32() for _ in range(rd.u32())])


error, st, mids = resort(stat(MID["bob"]), [MID["zed"], MID["alice"], 0x7FFFFF, MID["bob"]])
ok(error == SUCCESS and mids == [MID["alice"], MID["bob"], MID["zed"]] and st["total"] == 3
   and st["current_rec"] == MID["bob"],
   "ResortRestriction: sorted by display name, the unknown MId left out, TotalRecs 3, CurrentRec kept",
   (explain(error), mids, st))
error, st, mids = resort(stat(MID["carol"]), [MID["zed"], MID["alice"]])
ok(error == SUCCESS and st["current_rec"] == MID_BEGINNING_OF_TABLE and st["num_pos"] == 0,
   "ResortRestriction: a CurrentRec not in the table becomes MID_BEGINNING_OF_TABLE", (explain(error), st))
error, st, mids = resort(stat(sort_type=3), [MID["zed"]])
ok(error == GENERAL_FAILURE, "ResortRestriction with a phonetic sort: GeneralFailure (c2, c5)", explain(error))

# ---- GetSpecialTable (2.2.5.8)


def special_table(flags, version=None):
    # 2.2.5.8.1: Flags, HasState, State, HasVersion, Version, AuxiliaryBufferSize
    v = None if version is None else struct.pack("<I", version)
    r, rd, error = call("GetSpecialTable", struct.pack("<I", flags) + has(stat()) + has(v) + AUX)
    if error != SUCCESS:
        return error, None, None
    rd.u32()  # 2.2.5.8.2: CodePage, HasVersion, Version, HasRows, RowsCount, Rows
    version = rd.opt(rd.u32)
    rows = rd.opt(lambda: [value_list(rd) for _ in range(rd.u32())])
    return error, version, rows


error, version, rows = special_table(0x4)  # NspiUnicodeStrings
got = [(row.get(PR_CONTAINER_ID), row.get(PR_DISPLAY_NAME), row.get(PR_DEPTH), row.get(PR_CONTAINER_FLAGS))
       for row in rows or []]
ok(error == SUCCESS and version is None and got == [(0, "Global Address List", 0, 0xB),
                                                (ALL_USERS, "All Users", 1, 0x9),
                                                (ALL_GROUPS, "All Groups", 1, 0x9),
                                                (0xFFFFFF03, "All Contacts", 1, 0x9)],
   "GetSpecialTable: the GAL (depth 0, with subcontainers) and 3 address lists below it, with IDs and flags; "
   "no Version asked, none given (c8)",
   (explain(error), version, got))
error, version, rows = special_table(0)
ok(error == SUCCESS and rows and rows[0].get(PR_DISPLAY_NAME_A) == b"Global Address List",
   "GetSpecialTable without NspiUnicodeStrings: display names as PtypString8", (explain(error), rows))
error, version, rows = special_table(0x4, 1)
ok(error == SUCCESS and version == 1 and rows == [],
   "GetSpecialTable with the current hierarchy Version: no rows (c7)", (explain(error), version, rows))

# ---- GetTemplateInfo (2.2.5.9)


def template_info(code_page, dn=None):
    # 2.2.5.9.1: Flags, DisplayType, HasTemplateDn, TemplateDn, CodePage, LocaleId, AuxiliaryBufferSize
    q = struct.pack("<II", 0x1, 0) + has(None if dn is None else dn.encode() + b"\0") + \
        struct.pack("<II", code_page, 0x409) + AUX
    r, rd, error = call("GetTemplateInfo", q)
    return error


ok(template_info(1252) == INVALID_LOCALE,
   "GetTemplateInfo: no display templates are kept: InvalidLocale (c5)", explain(template_info(1252)))
ok(template_info(CP_WINUNICODE) == INVALID_CODEPAGE, "GetTemplateInfo with CP_WINUNICODE: InvalidCodepage (c3)",
   explain(template_info(CP_WINUNICODE)))

# ---- ModProps (2.2.5.11)


def mod_props(mid, remove, values, cookies=None, auth=None, with_state=True):
    # 2.2.5.11.1: Reserved, HasState, State, HasPropertyTags, PropertiesTags, HasPropertyValues, PropertyValues
    # (2.2.1.3 AddressBookPropertyValueList), AuxiliaryBufferSize
    q = struct.pack("<I", 0) + has(stat(mid) if with_state else None) + \
        has(None if remove is None else tag_array(remove)) + has(values) + AUX
    r, rd, error = call("ModProps", q, cookies, auth)
    return error


CERT = bytes(range(40))
# one PidTagUserX509Certificate (PtypMultipleBinary): PropertyType, PropertyId, HasValue, count, (count, bytes)
cert_values = struct.pack("<IHH", 1, 0x1102, 0x3A70) + b"\xff" + struct.pack("<II", 1, len(CERT)) + CERT
error = mod_props(MID["alice"], [PR_USER_CERT], cert_values)
r, error2, vals = get_props(stat(MID["alice"]), [PR_USER_CERT])
ok(error == SUCCESS and vals == {PR_USER_CERT: [CERT]},
   "ModProps: alice sets her own PidTagUserX509Certificate, GetProps reads it back (c8-c10)",
   (explain(error), vals))
ok(mod_props(MID["bob"], [PR_USER_CERT], cert_values) == ACCESS_DENIED,
   "ModProps of another user's certificate: AccessDenied", explain(mod_props(MID["bob"], [PR_USER_CERT],
                                                                               cert_values)))
name_value = struct.pack("<IHH", 1, 0x001F, 0x3001) + b"\xff" + utf16z("Queen of Hearts")
ok(mod_props(MID["alice"], [], name_value) == ACCESS_DENIED,
   "ModProps of alice's own display name: AccessDenied (only certificates are hers to change)",
   explain(mod_props(MID["alice"], [], name_value)))
ok(mod_props(MID["staff"], [PR_USER_CERT], cert_values) == INVALID_OBJECT,
   "ModProps on a distribution list: InvalidObject (c7)", explain(mod_props(MID["staff"], [PR_USER_CERT],
                                                                             cert_values)))
ok(mod_props(MID["alice"], None, cert_values) == INVALID_PARAM,
   "ModProps without PropertyTags: InvalidParameter (c5)", explain(mod_props(MID["alice"], None, cert_values)))
ok(mod_props(0x7FFFFF, [PR_USER_CERT], cert_values) == INVALID_PARAM,
   "ModProps of an unknown MId: InvalidParameter (c6)", explain(mod_props(0x7FFFFF, [PR_USER_CERT],
                                                                          cert_values)))
ok(mod_props(MID["alice"], [PR_USER_CERT], cert_values, with_state=False) == INVALID_PARAM,
   "ModProps without a State: InvalidParameter", "")

# ---- ModLinkAtt (2.2.5.10)


def mod_link_att(flags, tag, mid, entry_ids, cookies=None, auth=None):
    # 2.2.5.10.1: Flags, PropertyTag, MinimalId, HasEntryIds, EntryIdCount, EntryIds, AuxiliaryBufferSize
    q = struct.pack("<III", flags, tag, mid) + has(struct.pack("<I", len(entry_ids)) + b"".join(entry_ids)) + AUX
    r, rd, error = call("ModLinkAtt", q, cookies, auth)
    return error


def permanent_entryid(dn, display_type=0):
    # MS-OXNSPI 2.2.9.3: ID Type 0x00, R1-R3, ProviderUID (the NSPI GUID C840A7DC-42C0-1A10-B4B9-08002B2FE182),
    # R4 1, Display Type, DN (null-terminated 8-bit)
    return bytes([0, 0, 0, 0]) + bytes.fromhex("DCA740C8C042101AB4B908002B2FE182") + \
        struct.pack("<II", 1, display_type) + dn.encode() + b"\0"


error = mod_link_att(0, PR_DELEGATES, MID["alice"], [EPHEMERAL_BOB or b"", permanent_entryid(DN["zed"])])
r, error2, vals = get_props(stat(MID["alice"]), [PR_DELEGATES_W])
ok(error == SUCCESS and vals and sorted(vals.get(PR_DELEGATES_W) or []) == sorted([DN["bob"], DN["zed"]]),
   "ModLinkAtt: alice adds bob (Ephemeral Entry ID) and zed (Permanent Entry ID) as public delegates",
   (explain(error), vals))
error, st, mids, rows = get_matches(stat(MID["alice"], container=PR_DELEGATES))
ok(error == SUCCESS and sorted(mids) == sorted([MID["bob"], MID["zed"]]),
   "GetMatches of PidTagAddressBookPublicDelegates: the delegates just added", (explain(error), mids))
error = mod_link_att(0x1, PR_DELEGATES, MID["alice"], [permanent_entryid(DN["zed"])])  # fDelete
r, error2, vals = get_props(stat(MID["alice"]), [PR_DELEGATES_W])
ok(error == SUCCESS and vals == {PR_DELEGATES_W: [DN["bob"]]}, "ModLinkAtt with fDelete removes zed again",
   (explain(error), vals))
ok(mod_link_att(0, PR_DELEGATES, MID["bob"], [permanent_entryid(DN["zed"])]) == ACCESS_DENIED,
   "ModLinkAtt on another user's delegates: AccessDenied", "")
ok(mod_link_att(0, PR_MEMBER, MID["staff"], [permanent_entryid(DN["zed"])]) == ACCESS_DENIED,
   "ModLinkAtt of a group's members: AccessDenied (changed with warpadm only)", "")
ok(mod_link_att(0, PR_DISPLAY_NAME, MID["alice"], [permanent_entryid(DN["zed"])]) == NOT_FOUND,
   "ModLinkAtt of a property that is no link: NotFound (c3)", "")
ok(mod_link_att(0, PR_DELEGATES, 0x7FFFFF, [permanent_entryid(DN["zed"])]) == INVALID_PARAM,
   "ModLinkAtt on an unknown MId: InvalidParameter (c4)", "")

# bob in his own session may not touch alice's entry either
BOB = basic("bob", "Bob pw 2")
r, status, error, guid_b, ck_bob = bind(BOB)
ok(error == SUCCESS and guid_b == SERVER_GUID, "Bind as bob: the same ServerGuid", (error, guid_b.hex()))
ok(mod_props(MID["alice"], [PR_USER_CERT], cert_values, ck_bob, BOB) == ACCESS_DENIED and
   mod_link_att(0x1, PR_DELEGATES, MID["alice"], [EPHEMERAL_BOB or b""], ck_bob, BOB) == ACCESS_DENIED,
   "bob's session: ModProps and ModLinkAtt on alice's entry are AccessDenied", "")

# ---- GetMailboxUrl (2.2.5.18) and GetAddressBookUrl (2.2.5.19)


def url_request(rtype, dn):
    # 2.2.5.18.1 / 2.2.5.19.1: Flags, ServerDn / UserDn (null-terminated Unicode), AuxiliaryBufferSize
    r, rd, error = call(rtype, struct.pack("<I", 0) + utf16z(dn) + AUX)
    return error, (rd.utf16z() if isinstance(error, int) else None)  # ServerUrl


guid = ALICE["mailbox_guid"].strip("{}").lower()
SERVER_DN = "/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/" \
            "cn=%s@example.org" % guid
error, url = url_request("GetMailboxUrl", SERVER_DN)
ok(error == SUCCESS and url.startswith("http://") and url.endswith("/mapi/emsmdb/?MailboxId=%s@example.org" % guid),
   "GetMailboxUrl of alice's server DN: the /mapi/emsmdb/ URL with her MailboxId", (explain(error), url))
error, url = url_request("GetMailboxUrl", "/o=Nowhere/cn=nothing")
ok(error == NOT_FOUND and url == "", "GetMailboxUrl of an unknown DN: NotFound, empty ServerUrl",
   (explain(error), url))
error, url = url_request("GetAddressBookUrl", ALICE_DN)
ok(error == SUCCESS and url.endswith("/mapi/nspi/?MailboxId=%s@example.org" % guid),
   "GetAddressBookUrl of alice's DN: the /mapi/nspi/ URL with her MailboxId", (explain(error), url))
error, url = url_request("GetAddressBookUrl", DN["staff"])
ok(error == NOT_FOUND and url == "", "GetAddressBookUrl of a group's DN: NotFound", (explain(error), url))

# ---- warpadm changes seen by the running warpd, without a restart

with open(os.path.join(T, "newbie.pw"), "w") as f:
    f.write("Newbie pw 8\n")
adm("user", "add", "newbie", "--password-file", os.path.join(T, "newbie.pw"), "--display-name", "Nora Newbie",
    "--given-name", "Quincy", "--surname", "Quartermaine", "--title", "Apprentice")
NEWBIE = json.loads(adm("user", "show", "newbie", "--json"))["mid"]
r, error, mids, rows = resolve(["Quincy", "quarterm"], [PR_ACCOUNT, PR_TITLE])
ok(error == SUCCESS and mids == [MID_RESOLVED, MID_RESOLVED] and rows == [["newbie", "Apprentice"]] * 2,
   "warpadm user add while warpd runs: ResolveNames finds the new user by given name and surname",
   (explain(error), mids, rows))
adm("user", "set", "newbie", "--title", "Journeyman", "--surname", "")
r, error, vals = get_props(stat(NEWBIE), [PR_TITLE, PR_SURNAME])
ok(error == ERRORS_RETURNED and vals == {PR_TITLE: "Journeyman", 0x3A11000A: NOT_FOUND},
   "warpadm user set while warpd runs: the new title, the cleared surname is missing", (explain(error), vals))
r, error, st, tags, rows = query_rows(stat(), 100, [PR_ACCOUNT])
ok(error == SUCCESS and st["total"] == len(OBJECTS) + 1 and ["newbie"] in rows,
   "warpadm user add while warpd runs: QueryRows has one row more", (explain(error), st))

# ---- failures the layer answers

r = post("QueryRows", b"\x00\x01", ck)
ok(r.code() == 12, "QueryRows with a truncated body: X-ResponseCode 12", (r.code(), r.body[:200]))
r = post("QueryRows", struct.pack("<I", 0) + b"\xff" + stat() + struct.pack("<II", 0, 10) + b"\x00" + AUX,
         {"MapiContext": "a" * 32, "MapiSequence": ck["MapiSequence"]})
ok(r.code() == 10, "a request with an unknown context cookie: X-ResponseCode 10", (r.code(), r.body[:200]))
r, error, mids, rows = resolve(["alice"], [PR_ACCOUNT], cookies=ck_bob)
ok(r.code() != 0 and error is None, "alice's request with bob's session cookie: refused by the layer",
   (r.code(), error))
r = post("PING", b"", ck)
tags, extra, _ = inner(r)
ok(r.code() == 0 and extra.get("X-ResponseCode") == "0" and tags[-1] == "DONE", "PING: X-ResponseCode 0",
   (r.code(), tags, extra))

# ---- Unbind (2.2.5.2), then the session is gone

r = post("Unbind", struct.pack("<I", 0) + AUX, ck)
rd, extra = body_of(r)
status, error = rd.u32(), rd.u32()
ok(r.code() == 0 and status == 0 and error == UNBIND_SUCCESS,
   "Unbind: X-ResponseCode 0, StatusCode 0, ErrorCode UnbindSuccess (MS-OXNSPI 3.1.4.1.2 c1)",
   (r.code(), status, error))
r = post("QueryRows", struct.pack("<I", 0) + b"\xff" + stat() + struct.pack("<II", 0, 10) + b"\x00" + AUX, ck)
ok(r.code() == 10, "QueryRows after Unbind: X-ResponseCode 10", (r.code(), r.body[:200]))

# ---- the ServerGuid is kept across a restart (the directory keeps it), so Ephemeral Entry IDs stay valid

proc.terminate()
proc.wait()
proc, PORT = start(WARPD, TEST_CONF, T, "warpd2")
r, status, error, guid2, ck = bind()
ok(error == SUCCESS and guid2 == SERVER_GUID, "after a restart of warpd, Bind gives the same ServerGuid",
   (SERVER_GUID.hex(), guid2.hex()))
error = mod_link_att(0x1, PR_DELEGATES, MID["alice"], [EPHEMERAL_BOB or b""])
r, error2, vals = get_props(stat(MID["alice"]), [PR_DELEGATES_W])
ok(error == SUCCESS and error2 == ERRORS_RETURNED and vals == {0x8015000A: NOT_FOUND},
   "after the restart, bob's Ephemeral Entry ID from before still names him (ModLinkAtt fDelete removes him)",
   (explain(error), explain(error2), vals))

finish()
