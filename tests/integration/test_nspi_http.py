#!/usr/bin/env python3
"""Integration test of the MAPI/HTTP address book endpoint /mapi/nspi/: a real warpd on an ephemeral port with
a directory of a few users, a group and a contact provisioned by warpadm, driven with Python's http.client and
request bodies built here byte by byte from the MS-OXCMAPIHTTP 2.2.5 layouts (not with warpcore's codec).
Prints TAP.

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
USERS = (("alice", "Alice pw 1", "Alice Liddell"), ("bob", "Bob pw 2", "bob Builder"),
         ("zed", "Zed pw 3", "Zed Zebra"), ("carol", "Carol pw 4", "Carol Carter"))
for user, pw, display in USERS:
    with open(os.path.join(T, user + ".pw"), "w") as f:
        f.write(pw + "\n")
    adm("user", "add", user, "--password-file", os.path.join(T, user + ".pw"), "--display-name", display)
adm("group", "add", "staff", "--display-name", "Delta Staff")
adm("group", "members", "staff", "--add", "alice", "--add", "bob")
adm("contact", "add", "ext", "--display-name", "Eve External", "--email", "eve@elsewhere.example")


def listed(kind):
    return json.loads(adm(kind, "list", "--json"))


OBJECTS = listed("user") + listed("group") + listed("contact")
NAMES = [o.get("display_name") for o in OBJECTS]
ALICE_DN = json.loads(adm("user", "show", "alice", "--json"))["legacy_dn"]

conf = open(CONF).read()
conf = re.sub(r"(?m)^#basic_over_plain_http = .*$", "basic_over_plain_http = on", conf)
TEST_CONF = os.path.join(T, "test.conf")
with open(TEST_CONF, "w") as f:
    f.write(conf)
proc, PORT = start(WARPD, TEST_CONF, T, "warpd")


# ---- HTTP helpers

AUTH = "Basic " + base64.b64encode(b"alice:Alice pw 1").decode()
counter = [0]


def post(rtype, body=b"", cookies=None):
    counter[0] += 1
    h = {"X-RequestType": rtype, "Content-Type": "application/mapi-http",
         "X-RequestId": "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:%d" % counter[0],
         "X-ClientInfo": "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1", "Authorization": AUTH}
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
PR_OBJECT_TYPE = 0x0FFE0003   # PidTagObjectType, PtypInteger32
AUX = struct.pack("<I", 0)    # AuxiliaryBufferSize 0, no AuxiliaryBuffer


def stat(current_rec=0, container=0):
    # MS-OXNSPI 2.2.8 STAT: SortType (0 SortTypeDisplayName), ContainerID (0 the GAL), CurrentRec
    # (0 MID_BEGINNING_OF_TABLE), Delta, NumPos, TotalRecs, CodePage (1252), TemplateLocale, SortLocale
    return struct.pack("<IIIiIIIII", 0, container, current_rec, 0, 0, 0, 1252, 0x409, 0x409)


def tag_array(tags):
    # 2.2.1.8 LargePropertyTagArray: PropertyTagCount, PropertyTags
    return struct.pack("<I", len(tags)) + b"".join(struct.pack("<I", t) for t in tags)


class Reader:
    def __init__(self, b):
        self.b, self.i = b, 0

    def u8(self):
        self.i += 1
        return self.b[self.i - 1]

    def u32(self):
        self.i += 4
        return struct.unpack_from("<I", self.b, self.i - 4)[0]

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

    def tags(self):
        return [self.u32() for _ in range(self.u32())]


def ab_value(r, ptype):
    """2.2.1.1 AddressBookPropertyValue of a known type (only the types these tests ask for)."""
    if ptype == 0x001F:  # PtypString: HasValue, then a null-terminated UTF-16LE string
        return r.utf16z() if r.u8() else None
    if ptype in (0x0003, 0x000A):  # PtypInteger32, PtypErrorCode
        return r.u32()
    raise ValueError("type %04x not handled by this test" % ptype)


def ab_row(r, tags):
    """2.2.1.7 AddressBookPropertyRow with typed columns: Flags 0 -> AddressBookPropertyValues, 1 ->
    AddressBookFlaggedPropertyValues (2.2.1.5: Flag 0 value, 1 absent, 0xA PtypErrorCode value)."""
    flags = r.u8()
    row = []
    for t in tags:
        if flags == 0:
            row.append(ab_value(r, t & 0xFFFF))
            continue
        f = r.u8()
        row.append(None if f == 1 else ab_value(r, 0x000A if f == 0xA else t & 0xFFFF))
    return row


def cols_and_rows(r):
    # Columns (LargePropertyTagArray), RowCount, RowData (AddressBookPropertyRows)
    tags = r.tags()
    return tags, [ab_row(r, tags) for _ in range(r.u32())]


def body_of(rsp):
    tags, extra, b = inner(rsp)
    return Reader(b), extra


# ---- Bind (2.2.5.1)

ck = {}
# 2.2.5.1.1: Flags (0: not anonymous), HasState, State, AuxiliaryBufferSize
r = post("Bind", struct.pack("<I", 0) + b"\xff" + stat() + AUX)
rd, extra = body_of(r)
status, error = rd.u32(), rd.u32()
guid = rd.take(16)
ok(r.status == 200 and r.code() == 0 and extra.get("X-ResponseCode") == "0", "Bind: X-ResponseCode 0",
   (r.status, r.h, r.body[:300]))
ok(status == 0 and error == 0, "Bind: StatusCode 0, ErrorCode 0", (status, error))
ok(len(guid) == 16 and guid != b"\0" * 16, "Bind: ServerGuid present", guid.hex())
ck = {"MapiContext": r.cookies.get("MapiContext"), "MapiSequence": r.cookies.get("MapiSequence")}
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

# 2.2.5.12.1: Flags, HasState, State, ExplicitTableCount (0), RowCount, HasColumns, Columns, AuxiliaryBufferSize
q = struct.pack("<I", 0) + b"\xff" + stat() + struct.pack("<II", 0, 100) + b"\xff" + \
    tag_array([PR_DISPLAY_NAME, PR_OBJECT_TYPE]) + AUX
r = post("QueryRows", q, ck)
rd, extra = body_of(r)
status, error = rd.u32(), rd.u32()
ok(r.code() == 0 and status == 0 and error == 0, "QueryRows: X-ResponseCode 0, StatusCode 0, ErrorCode 0",
   (r.code(), status, error, r.body[:300]))
has_state = rd.u8()
st = struct.unpack("<IIIiIIIII", rd.take(36)) if has_state else None
has_rows = rd.u8()
tags, rows = cols_and_rows(rd) if has_rows else ([], [])
got = [row[0] for row in rows]
ok(got == sorted(NAMES, key=str.lower), "QueryRows: the GAL's display names in display-name order",
   "got %s\nwant %s" % (got, sorted(NAMES, key=str.lower)))
ok(st is not None and st[5] == len(OBJECTS), "QueryRows: TotalRecs = %d address book objects" % len(OBJECTS),
   st)
ok(tags == [PR_DISPLAY_NAME, PR_OBJECT_TYPE] and all(row[1] in (6, 8) for row in rows),
   "QueryRows: columns echoed, PidTagObjectType MAILUSER (6) or DISTLIST (8)", (tags, rows))

# ---- ResolveNames (2.2.5.14) of an alias

# 2.2.5.14.1: Reserved, HasState, State, HasPropertyTags, PropertyTags, HasNames, NameCount, NameValues
# (null-terminated Unicode), AuxiliaryBufferSize
q = struct.pack("<I", 0) + b"\xff" + stat() + b"\xff" + tag_array([PR_DISPLAY_NAME]) + b"\xff" + \
    struct.pack("<I", 1) + "alice".encode("utf-16-le") + b"\0\0" + AUX
r = post("ResolveNames", q, ck)
rd, extra = body_of(r)
status, error, code_page = rd.u32(), rd.u32(), rd.u32()
mids = [rd.u32() for _ in range(rd.u32())] if rd.u8() else []
tags, rows = cols_and_rows(rd) if rd.u8() else ([], [])
ok(r.code() == 0 and status == 0 and error == 0 and len(mids) == 1 and mids[0] > 2,
   "ResolveNames 'alice': one resolved MId", (r.code(), status, error, mids))
ok(rows == [["Alice Liddell"]], "ResolveNames: the row has PidTagDisplayName 'Alice Liddell'", rows)

# ---- DnToMinId (2.2.5.4)

# 2.2.5.4.1: Reserved, HasNames, NameCount, NameValues (null-terminated 8-bit), AuxiliaryBufferSize
q = struct.pack("<I", 0) + b"\xff" + struct.pack("<I", 2) + ALICE_DN.encode("ascii") + b"\0" + \
    b"/o=Nowhere/cn=nobody\0" + AUX
r = post("DNToMId", q, ck)
rd, extra = body_of(r)
status, error = rd.u32(), rd.u32()
dmids = [rd.u32() for _ in range(rd.u32())] if rd.u8() else []
ok(r.code() == 0 and status == 0 and error == 0 and dmids == mids[:1] + [0],
   "DNToMId: alice's legacyExchangeDN gives her MId, an unknown DN 0", (r.code(), error, dmids, mids))

# ---- GetSpecialTable (2.2.5.8)

# 2.2.5.8.1: Flags, HasState, State, HasVersion (0), AuxiliaryBufferSize
r = post("GetSpecialTable", struct.pack("<I", 0x4) + b"\xff" + stat() + b"\x00" + AUX, ck)
rd, extra = body_of(r)
status, error, code_page = rd.u32(), rd.u32(), rd.u32()
version = rd.u32() if rd.u8() else None
count = rd.u32() if rd.u8() else None
ok(r.code() == 0 and status == 0 and error == 0 and count == 4,
   "GetSpecialTable: 4 rows (the GAL and 3 address lists)", (r.code(), error, version, count))

# ---- failures the layer answers

r = post("QueryRows", b"\x00\x01", ck)
ok(r.code() == 12, "QueryRows with a truncated body: X-ResponseCode 12", (r.code(), r.body[:200]))
r = post("QueryRows", struct.pack("<I", 0) + b"\xff" + stat() + struct.pack("<II", 0, 10) + b"\x00" + AUX,
         {"MapiContext": "a" * 32, "MapiSequence": ck["MapiSequence"]})
ok(r.code() == 10, "a request with an unknown context cookie: X-ResponseCode 10", (r.code(), r.body[:200]))
r = post("PING", b"", ck)
tags, extra, _ = inner(r)
ok(r.code() == 0 and extra.get("X-ResponseCode") == "0" and tags[-1] == "DONE", "PING: X-ResponseCode 0",
   (r.code(), tags, extra))

# ---- Unbind (2.2.5.2), then the session is gone

r = post("Unbind", struct.pack("<I", 0) + AUX, ck)
rd, extra = body_of(r)
status, error = rd.u32(), rd.u32()
ok(r.code() == 0 and status == 0, "Unbind: X-ResponseCode 0, StatusCode 0 (ErrorCode 0x%x)" % error,
   (r.code(), status, error))
r = post("QueryRows", struct.pack("<I", 0) + b"\xff" + stat() + struct.pack("<II", 0, 10) + b"\x00" + AUX, ck)
ok(r.code() == 10, "QueryRows after Unbind: X-ResponseCode 10", (r.code(), r.body[:200]))

finish()
