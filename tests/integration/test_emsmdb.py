#!/usr/bin/env python3
"""Integration test of the MAPI/HTTP mailbox endpoint /mapi/emsmdb/: a real warpd on an ephemeral port with
a directory provisioned by warpadm, driven with Python's http.client and request bodies built here byte by
byte from the MS-OXCMAPIHTTP 2.2.4 layouts (not with warpcore's codec). Prints TAP.

usage: test_emsmdb.py PATH/TO/warpd PATH/TO/warpadm"""
import base64
import http.client
import json
import os
import re
import signal
import struct
import subprocess
import sys
import threading
import time

# impacket (Debian's python3-impacket) may live only in /usr/bin/python3's path: run there when it does.
try:
    import impacket.ntlm  # noqa: F401
except ImportError:
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3") and subprocess.run(
            ["/usr/bin/python3", "-c", "import impacket.ntlm"], stderr=subprocess.DEVNULL).returncode == 0:
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)

from mapihttp_client import Rsp, finish, inner, ok, skip, start, tmpdir  # noqa: E402

WARPD, WARPADM = sys.argv[1:3]
T = tmpdir()

# ---- provisioning and server

CONF = os.path.join(T, "etc", "warpcore.conf")
subprocess.run([WARPADM, "--config", CONF, "init", "--org", "Example Org", "--domain", "example.org",
                "--data-dir", os.path.join(T, "data")], check=True, stdout=subprocess.DEVNULL)
for user, pw, extra in (("alice", "Alice pw 1", ["--display-name", "Alice Liddell"]), ("bob", "Bob pw 2", [])):
    with open(os.path.join(T, user + ".pw"), "w") as f:
        f.write(pw + "\n")
    subprocess.run([WARPADM, "--config", CONF, "user", "add", user, "--password-file",
                    os.path.join(T, user + ".pw")] + extra, check=True, stdout=subprocess.DEVNULL)


def legacy_dn(user):
    out = subprocess.run([WARPADM, "--config", CONF, "user", "show", user, "--json"], check=True,
                         stdout=subprocess.PIPE).stdout
    return json.loads(out)["legacy_dn"]


ALICE_DN, BOB_DN = legacy_dn("alice"), legacy_dn("bob")
conf = open(CONF).read()
conf = re.sub(r"(?m)^#basic_over_plain_http = .*$", "basic_over_plain_http = on", conf)
conf = re.sub(r"(?m)^#max_request_size = .*$", "max_request_size = 4096", conf)
conf = re.sub(r"(?m)^#mapi_wait_timeout = .*$", "mapi_wait_timeout = 2", conf)
conf = re.sub(r"(?m)^#mapi_pending_period = .*$", "mapi_pending_period = 400", conf)
TEST_CONF = os.path.join(T, "test.conf")
with open(TEST_CONF, "w") as f:
    f.write(conf)


proc, PORT = start(WARPD, TEST_CONF, T, "warpd")


# ---- HTTP helpers

AUTH = {"alice": "Basic " + base64.b64encode(b"alice:Alice pw 1").decode(),
        "bob": "Basic " + base64.b64encode(b"bob:Bob pw 2").decode()}
counter = [0]


def headers(rtype, user="alice", cookies=None, **over):
    counter[0] += 1
    h = {"X-RequestType": rtype, "Content-Type": "application/mapi-http",
         "X-RequestId": "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:%d" % counter[0],
         "X-ClientInfo": "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1", "User-Agent": "test_emsmdb"}
    if user:
        h["Authorization"] = AUTH[user]
    if cookies:
        h["Cookie"] = "; ".join("%s=%s" % kv for kv in cookies.items())
    for k, v in over.items():
        k = k.replace("_", "-")
        if v is None:
            h.pop(k, None)
        else:
            h[k] = v
    return h


def post(rtype, body=b"", path="/mapi/emsmdb/", method="POST", **kw):
    c = http.client.HTTPConnection("127.0.0.1", PORT, timeout=30)
    t0 = time.time()
    c.request(method, path, body=body, headers=headers(rtype, **kw))
    r = c.getresponse()
    data = r.read()
    c.close()
    return Rsp(r, data, time.time() - t0)


# ---- spec layouts, byte by byte

def ascii_z(s):
    return s.encode("ascii") + b"\0"


def connect_body(dn):
    # 2.2.4.1.1: UserDn, Flags, DefaultCodePage, LcidSort, LcidString, AuxiliaryBufferSize, AuxiliaryBuffer
    return ascii_z(dn) + struct.pack("<IIIII", 0, 1252, 0x409, 0x409, 0)


def rpc_header_ext(payload, flags, size_actual=None):
    # MS-OXCRPC 2.2.2.1: Version, Flags, Size, SizeActual (Last = 0x0004)
    return struct.pack("<HHHH", 0, flags | 0x4, len(payload), size_actual or len(payload)) + payload


def rop_buffer(rops, handles):
    # MS-OXCROPS 2.2.1: RopSize (counts itself), RopsList, ServerObjectHandleTable
    return struct.pack("<H", 2 + len(rops)) + rops + b"".join(struct.pack("<I", h) for h in handles)


def execute_body(rgb_in, flags=0x3, max_rop_out=0x10000):
    # 2.2.4.2.1: Flags, RopBufferSize, RopBuffer, MaxRopOut, AuxiliaryBufferSize
    return struct.pack("<II", flags, len(rgb_in)) + rgb_in + struct.pack("<II", max_rop_out, 0)


def xor(b):
    return bytes(x ^ 0xA5 for x in b)  # MS-OXCRPC 3.1.4.1.1.3


def lz77_decompress(src, size):
    """MS-XCA 2.4 plain LZ77 decompression."""
    out = bytearray()
    i = 0
    flags = count = 0
    last_half = None
    while len(out) < size:
        if count == 0:
            flags = struct.unpack_from("<I", src, i)[0]
            i += 4
            count = 32
        count -= 1
        if not flags & (1 << count):
            out.append(src[i])
            i += 1
            continue
        tok = struct.unpack_from("<H", src, i)[0]
        i += 2
        length, offset = tok % 8, tok // 8 + 1
        if length == 7:
            if last_half is None:
                length = src[i] % 16
                last_half = i
                i += 1
            else:
                length = src[last_half] // 16
                last_half = None
            if length == 15:
                length = src[i]
                i += 1
                if length == 255:
                    length = struct.unpack_from("<H", src, i)[0]
                    i += 2
                    if length == 0:
                        length = struct.unpack_from("<I", src, i)[0]
                        i += 4
                    length -= 22
                length += 15
            length += 7
        length += 3
        for _ in range(length):
            out.append(out[-offset])
    return bytes(out)


def lz77_compress(data):
    """MS-XCA 2.3 plain LZ77, greedy, matches of 3..9 bytes only (no extra length bytes)."""
    items = []
    i = 0
    while i < len(data):
        best = (0, 0)
        for off in range(1, min(i, 8192) + 1):
            k = 0
            while k < 9 and i + k < len(data) and data[i + k] == data[i + k - off]:
                k += 1
            if k > best[0]:
                best = (k, off)
        if best[0] >= 3:
            items.append((1, struct.pack("<H", ((best[1] - 1) << 3) | (best[0] - 3))))
            i += best[0]
        else:
            items.append((0, data[i:i + 1]))
            i += 1
    out = b""
    for g in range(0, len(items), 32):
        group = items[g:g + 32]
        flags = 0
        for j, (bit, _) in enumerate(group):
            flags |= bit << (31 - j)
        flags |= (1 << (32 - len(group))) - 1  # unused flag bits set (MS-XCA 2.3)
        out += struct.pack("<I", flags) + b"".join(b for _, b in group)
    return out


def parse_execute_rsp(body):
    status, error = struct.unpack_from("<II", body, 0)
    if status != 0:
        return status, error, None
    flags, size = struct.unpack_from("<II", body, 8)
    return status, error, body[16:16 + size]


def unwrap(rgb_out):
    """rgbOut: RPC_HEADER_EXT + payload -> (header flags, payload as plain bytes)."""
    ver, flags, size, actual = struct.unpack_from("<HHHH", rgb_out, 0)
    payload = rgb_out[8:8 + size]
    if flags & 0x2:
        payload = xor(payload)
    if flags & 0x1:
        payload = lz77_decompress(payload, actual)
    return flags, payload


def connect(user="alice", dn=None):
    r = post("Connect", connect_body(dn or ALICE_DN), user=user)
    return r, {"MapiContext": r.cookies.get("MapiContext"), "MapiSequence": r.cookies.get("MapiSequence")}


def execute(cookies, rgb_in, user="alice", flags=0x3, max_rop_out=0x10000):
    r = post("Execute", execute_body(rgb_in, flags, max_rop_out), user=user, cookies=cookies)
    if "MapiSequence" in r.cookies:
        cookies["MapiSequence"] = r.cookies["MapiSequence"]
    return r


# ---- Connect

r, ck = connect()
tags, extra, body = inner(r)
ok(r.status == 200 and r.code() == 0, "Connect: 200, X-ResponseCode 0", r.h)
ok(r.h.get("content-type") == "application/mapi-http", "Connect: Content-Type application/mapi-http")
ok(r.h.get("x-requesttype") == "Connect", "Connect: X-RequestType echoed")
ok(r.h.get("x-requestid", "").endswith(":%d" % counter[0]), "Connect: X-RequestId echoed")
ok(r.h.get("x-clientinfo") == "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1", "Connect: X-ClientInfo echoed")
ok(re.match(r"^Exchange/15\.\d\d\.\d{4}\.\d{3}$", r.h.get("x-serverapplication", "")) is not None,
   "Connect: X-ServerApplication Exchange/15.xx.xxxx.xxx", r.h.get("x-serverapplication"))
ok(r.h.get("x-pendingperiod") == "400", "Connect: X-PendingPeriod from mapi_pending_period")
ok(r.h.get("x-expirationinfo") == "900000", "Connect: X-ExpirationInfo = session timeout in ms")
ok(re.fullmatch(r"[0-9a-f]{32}", ck["MapiContext"] or "") and re.fullmatch(r"[0-9a-f]{16}",
   ck["MapiSequence"] or ""), "Connect: Set-Cookie MapiContext and MapiSequence", r.cookies)
ok(tags == ["PROCESSING", "DONE"], "Connect: PROCESSING then DONE", tags)
ok(extra.get("X-ResponseCode") == "0" and extra.get("X-ElapsedTime", "").isdigit() and
   re.match(r"\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT", extra.get("X-StartTime", "")),
   "Connect: additional headers X-ResponseCode, X-ElapsedTime, X-StartTime", extra)
status, error, polls, retry, delay = struct.unpack_from("<IIIII", body, 0)
ok((status, error) == (0, 0), "Connect: StatusCode 0, ErrorCode 0", (status, error))
ok((polls, retry, delay) == (60000, 6, 10000), "Connect: PollsMax, RetryCount, RetryDelay", (polls, retry, delay))
rest = body[20:]
dn_prefix, _, rest = rest.partition(b"\0")
ok(dn_prefix.decode() == "/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)",
   "Connect: DnPrefix is the organisation part of the DN", dn_prefix)
end = next(i for i in range(0, len(rest), 2) if rest[i:i + 2] == b"\0\0")
ok(rest[:end].decode("utf-16-le") == "Alice Liddell", "Connect: DisplayName (UTF-16)", rest[:end])
rest = rest[end + 2:]
aux_size = struct.unpack_from("<I", rest, 0)[0]
aux = rest[4:4 + aux_size]
ok(len(rest) == 4 + aux_size and aux_size > 8, "Connect: AuxiliaryBuffer fills the rest", (aux_size, len(rest)))
# MS-OXCRPC 3.1.4.1.1.1.2: RPC_HEADER_EXT with Last, then AUX_HEADER blocks (Size, Version, Type)
hver, hflags, hsize, hactual = struct.unpack_from("<HHHH", aux, 0)
blocks = {}
p = aux[8:]
while p:
    size, ver, typ = struct.unpack_from("<HBB", p, 0)
    blocks[(ver, typ)] = p[4:size]
    p = p[size:]
ok(hflags == 0x4 and hsize == len(aux) - 8, "Connect: aux RPC_HEADER_EXT Last, plain", (hflags, hsize))
ok(blocks.get((1, 0x17)) == b"\0\0\0\0", "Connect: AUX_EXORGINFO, public folders not enabled", blocks)
ssi = blocks.get((1, 0x4B), b"")
off = struct.unpack_from("<H", ssi, 0)[0] if len(ssi) >= 2 else 0
txt = ssi[off - 4:].decode("utf-16-le", "replace").split("\0")[0] if off >= 4 else ""
ok(txt.startswith("warpd "), "Connect: AUX_SERVER_SESSION_INFO names the server", ssi)

# NTLM (what Outlook uses), with impacket's NTLM messages on one keep-alive connection
try:
    from impacket import ntlm
except ImportError:
    ntlm = None
if ntlm is None:
    skip("Connect over NTLM: impacket is not installed")
else:
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=10)
    type1 = ntlm.getNTLMSSPType1("CLIENT", "", use_ntlmv2=True)
    conn.request("POST", "/mapi/emsmdb/", body=connect_body(ALICE_DN), headers=headers(
        "Connect", user=None, Authorization="NTLM " + base64.b64encode(type1.getData()).decode()))
    r1 = conn.getresponse()
    r1.read()
    chal = base64.b64decode(r1.getheader("WWW-Authenticate", "NTLM ")[5:])
    type3, _ = ntlm.getNTLMSSPType3(type1, chal, "alice", "Alice pw 1", "WARPCORE", use_ntlmv2=True)
    conn.request("POST", "/mapi/emsmdb/", body=connect_body(ALICE_DN), headers=headers(
        "Connect", user=None, Authorization="NTLM " + base64.b64encode(type3.getData()).decode()))
    r2 = conn.getresponse()
    b2 = r2.read()
    ok(r1.status == 401 and r1.getheader("X-ResponseCode") == "8" and r2.status == 200 and
       r2.getheader("X-ResponseCode") == "0" and b2.split(b"\r\n\r\n", 1)[1][:8] == b"\0" * 8,
       "Connect over NTLM: 401 challenge (X-ResponseCode 8), then a session", (r1.status, r2.status))
    conn.close()

# ---- Execute

RELEASE = bytes([0x01, 0x00, 0x00])          # RopRelease: RopId, LogonId, InputHandleIndex (2.2.15.3)
# RopSynchronizationUploadStateStreamEnd (MS-OXCROPS 2.2.13.11): RopId, LogonId, InputHandleIndex; an ICS ROP
# without a handler yet, so answered ecNotSupported with RopId, InputHandleIndex, ReturnValue
UNHANDLED = bytes([0x77, 0x00, 0x00])
r = execute(ck, rpc_header_ext(rop_buffer(RELEASE, [0x12345678]), 0))
st, err, rgb = parse_execute_rsp(inner(r)[2])
flags, payload = unwrap(rgb) if rgb else (None, b"")
ok(r.code() == 0 and (st, err) == (0, 0), "Execute RopRelease: success", (r.code(), st, err))
ok(payload == struct.pack("<HI", 2, 0x12345678), "Execute RopRelease: no response, handle table returned",
   payload.hex())
r = execute(ck, rpc_header_ext(rop_buffer(UNHANDLED, [0xFFFFFFFF]), 0))
st, err, rgb = parse_execute_rsp(inner(r)[2])
flags, payload = unwrap(rgb)
ok(payload == struct.pack("<HBBII", 8, 0x77, 0, 0x80040102, 0xFFFFFFFF),
   "Execute ROP without handler: ReturnValue ecNotSupported", payload.hex())
r = execute(ck, rpc_header_ext(bytes([0x09, 0x00, 0x01, 0x00, 0x00]), 0))  # RopSize 9 past the end
st, err, rgb = parse_execute_rsp(inner(r)[2])
ok(r.code() == 0 and st == 0 and err == 0x4B6 and rgb == b"", "Execute malformed ROP buffer: ecRpcFormat",
   (st, hex(err), rgb))
r = execute(ck, struct.pack("<HHHH", 1, 4, 0, 0))  # RPC_HEADER_EXT Version 1
st, err, rgb = parse_execute_rsp(inner(r)[2])
ok(err == 0x4B6, "Execute bad RPC_HEADER_EXT: ecRpcFormat", hex(err))

# compressed and obfuscated request, response as the Flags ask (MS-OXCRPC 3.1.4.2, 3.1.4.2.1.1)
many = rop_buffer(UNHANDLED * 20, [0xFFFFFFFF])
expect = struct.pack("<H", 2 + 20 * 6) + struct.pack("<BBI", 0x77, 0, 0x80040102) * 20 + struct.pack("<I",
                                                                                                    0xFFFFFFFF)
packed = lz77_compress(many)
assert len(packed) < len(many) and lz77_decompress(packed, len(many)) == many
for req_flags, wire, what in ((0x1, packed, "compressed"), (0x2, xor(many), "XOR-obfuscated"),
                              (0x3, xor(packed), "compressed and XOR-obfuscated")):
    r = execute(ck, rpc_header_ext(wire, req_flags, len(many)), flags=0)
    st, err, rgb = parse_execute_rsp(inner(r)[2])
    flags, payload = unwrap(rgb)
    ok(err == 0 and flags == 0x7 and payload == expect,
       "Execute %s request, Flags 0: response compressed and obfuscated" % what, (hex(err), flags))
for exe_flags, want in ((0x1, 0x6), (0x2, 0x5), (0x3, 0x4)):
    r = execute(ck, rpc_header_ext(many, 0), flags=exe_flags)
    st, err, rgb = parse_execute_rsp(inner(r)[2])
    flags, payload = unwrap(rgb)
    ok(flags == want and payload == expect, "Execute Flags 0x%x: response RPC_HEADER_EXT flags 0x%x" % (
        exe_flags, want), (flags, payload.hex()))

# MaxRopOut too small: one response fits, then RopBufferTooSmall hands back the rest (MS-OXCROPS 2.2.15.1)
three = rop_buffer(UNHANDLED * 3, [0xFFFFFFFF])
r = execute(ck, rpc_header_ext(three, 0), max_rop_out=29)
st, err, rgb = parse_execute_rsp(inner(r)[2])
flags, payload = unwrap(rgb)
ok(err == 0 and len(rgb) <= 29, "Execute MaxRopOut 29: within MaxRopOut", (hex(err), len(rgb)))
ok(payload[2:8] == struct.pack("<BBI", 0x77, 0, 0x80040102) and payload[8] == 0xFF and
   payload[11:17] == UNHANDLED * 2 and payload[-4:] == b"\xff\xff\xff\xff" and
   struct.unpack_from("<H", payload, 9)[0] >= 8 + 2 + 6 + 4,
   "Execute MaxRopOut too small: RopBufferTooSmall with SizeNeeded and the unexecuted requests", payload.hex())
r = execute(ck, rpc_header_ext(three, 0), max_rop_out=8)
st, err, rgb = parse_execute_rsp(inner(r)[2])
ok(err == 0x47D and rgb == b"", "Execute MaxRopOut 8: ecBufferTooSmall", hex(err))

# ---- sequence, context, users

old = dict(ck)
r = execute(ck, rpc_header_ext(rop_buffer(RELEASE, [1]), 0))
ok(r.code() == 0, "Execute with the current sequence cookie: 0")
r = post("Execute", execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0)), cookies=old)
ok(r.code() == 15 and r.status == 200, "replayed sequence cookie: X-ResponseCode 15", r.h)
r = post("Execute", execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0)),
         cookies={"MapiContext": ck["MapiContext"]})
ok(r.code() == 15, "missing sequence cookie: X-ResponseCode 15", r.h)
r = post("Execute", execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0)),
         cookies={"MapiContext": "0" * 32, "MapiSequence": ck["MapiSequence"]})
ok(r.code() == 10, "unknown context cookie: X-ResponseCode 10", r.h)
r = post("Execute", execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0)),
         cookies={"MapiContext": "not-a-cookie", "MapiSequence": ck["MapiSequence"]})
ok(r.code() == 6, "malformed context cookie: X-ResponseCode 6", r.h)
r = post("Execute", execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0)))
ok(r.code() == 13, "no cookie: X-ResponseCode 13", r.h)
r = post("Execute", execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0)), user="bob", cookies=ck)
ok(r.code() == 10, "another user's session cookie: X-ResponseCode 10 (3.2.5.1)", r.h)
r = execute(ck, rpc_header_ext(rop_buffer(RELEASE, [1]), 0))
ok(r.code() == 0, "the owner's session still works after those", r.h)
r, bck = connect(dn=BOB_DN)
st, err = struct.unpack_from("<II", inner(r)[2], 0)
ok(r.code() == 0 and st == 0 and err == 0x80070005 and not r.cookies,
   "Connect with another user's UserDn: ErrorCode ecAccessDenied, no session", (r.code(), st, hex(err), r.cookies))
r, bck = connect(dn=ALICE_DN.upper())
ok(inner(r)[2][:8] == b"\0" * 8 and bck["MapiContext"], "Connect UserDn compares without regard to case")

# ---- header and request failures

BODY = execute_body(rpc_header_ext(rop_buffer(RELEASE, [1]), 0))
cases = [
    ("GET", dict(rtype="Execute", method="GET"), 2),
    ("a path below the endpoint", dict(rtype="Execute", path="/mapi/emsmdb/other"), 3),
    ("no X-RequestType", dict(rtype="Execute", X_RequestType=None), 7),
    ("an unknown X-RequestType", dict(rtype="Frobnicate"), 5),
    ("an address book X-RequestType", dict(rtype="Bind"), 5),
    ("no Content-Type", dict(rtype="Execute", Content_Type=None), 7),
    ("Content-Type text/plain", dict(rtype="Execute", Content_Type="text/plain"), 4),
    ("no X-RequestId", dict(rtype="Execute", X_RequestId=None), 7),
    ("a malformed X-RequestId", dict(rtype="Execute", X_RequestId="12"), 4),
    ("no X-ClientInfo", dict(rtype="Execute", X_ClientInfo=None), 7),
    ("a malformed X-ClientInfo", dict(rtype="Execute", X_ClientInfo="{x}:1"), 4),
]
for what, kw, code in cases:
    rtype = kw.pop("rtype")
    r = post(rtype, BODY, cookies=dict(ck), **kw)
    ok(r.status == 200 and r.code() == code and r.h.get("x-serverapplication"),
       "%s: X-ResponseCode %d" % (what, code), (r.status, r.h))
r = post("Execute", b"\x01\x02", cookies=dict(ck))
ok(r.code() == 12, "a truncated Execute body: X-ResponseCode 12", r.h)
r = post("Connect", connect_body(ALICE_DN) + b"extra")
ok(r.code() == 12, "bytes after the Connect body: X-ResponseCode 12", r.h)
r = post("Execute", BODY, user=None)
ok(r.status == 401 and r.code() == 8, "anonymous: 401 with X-ResponseCode 8", (r.status, r.h))
r = post("Execute", b"\0" * 5000, cookies=dict(ck))
ok(r.status == 413 and r.code() == 9, "a body past max_request_size: 413 with X-ResponseCode 9", (r.status, r.h))

# ---- PING

r = post("PING")
ok(r.status == 200 and r.code() == 0 and inner(r)[0] == ["PROCESSING", "DONE"] and inner(r)[2] == b"",
   "PING without a session: 0, meta-tags, no body", r.body)
r = post("PING", cookies=dict(ck))
ok(r.code() == 0 and r.h.get("x-expirationinfo") == "900000", "PING in a session: 0 and X-ExpirationInfo", r.h)
r = post("PING", cookies={"MapiContext": "f" * 32})
ok(r.code() == 10, "PING with an unknown session: 10", r.h)

# ---- NotificationWait: returns after mapi_wait_timeout (2 s) with PENDING keep-alives (400 ms)

r = post("NotificationWait", struct.pack("<II", 0, 0), cookies=ck)
ck["MapiSequence"] = r.cookies.get("MapiSequence", ck["MapiSequence"])
tags, extra, body = inner(r)
ok(r.code() == 0 and r.h.get("transfer-encoding") == "chunked", "NotificationWait: chunked response", r.h)
ok(1.8 <= r.elapsed < 5, "NotificationWait: returns after the wait period", r.elapsed)
ok(tags[0] == "PROCESSING" and tags[-1] == "DONE" and tags.count("PENDING") >= 3,
   "NotificationWait: PROCESSING, PENDING keep-alives, DONE", tags)
ok(extra.get("X-ResponseCode") == "0" and int(extra.get("X-ElapsedTime", "0")) >= 1800,
   "NotificationWait: X-ElapsedTime counts the wait", extra)
ok(body == struct.pack("<IIII", 0, 0, 0, 0), "NotificationWait: StatusCode 0, ErrorCode 0, EventPending 0, "
   "no aux", body.hex())
r = execute(ck, rpc_header_ext(rop_buffer(RELEASE, [1]), 0))
ok(r.code() == 0, "Execute after NotificationWait: the session is free again", r.h)

# ---- a NotificationWait runs beside other requests of its session (3.1.5.5); Disconnect ends it

r, wck = connect()
waited = {}


def background_wait():
    waited["r"] = post("NotificationWait", struct.pack("<II", 0, 0), cookies=dict(wck))


th = threading.Thread(target=background_wait)
th.start()
time.sleep(0.3)
r = execute(wck, rpc_header_ext(rop_buffer(UNHANDLED, [0xFFFFFFFF]), 0))
ok(r.code() == 0 and r.elapsed < 1.0, "Execute while a NotificationWait of the session runs: 0 at once", r.h)
r = post("NotificationWait", struct.pack("<II", 0, 0), cookies=dict(wck))
ok(r.code() == 15, "a second NotificationWait on the session: X-ResponseCode 15", r.h)
t0 = time.time()
r = post("Disconnect", struct.pack("<I", 0), cookies=dict(wck))
th.join(5)
wr = waited.get("r")
tags, extra, body = inner(wr) if wr else ([], {}, b"")
ok(r.code() == 0 and wr is not None and time.time() - t0 < 1.0 and extra.get("X-ResponseCode") == "10",
   "Disconnect ends the session's NotificationWait with X-ResponseCode 10 after DONE", (tags, extra))

# ---- Disconnect

r = post("Disconnect", struct.pack("<I", 0), cookies=dict(ck))
ok(r.code() == 0 and inner(r)[2] == struct.pack("<III", 0, 0, 0), "Disconnect: success body", inner(r)[2].hex())
ck["MapiSequence"] = r.cookies.get("MapiSequence", ck["MapiSequence"])
r = execute(ck, rpc_header_ext(rop_buffer(RELEASE, [1]), 0))
ok(r.code() == 10, "Execute after Disconnect: X-ResponseCode 10", r.h)

# ---- shutdown answers a NotificationWait in progress (X-ResponseCode 18 after DONE)

conf2 = re.sub(r"(?m)^mapi_wait_timeout = .*$", "mapi_wait_timeout = 60", conf)
with open(os.path.join(T, "long.conf"), "w") as f:
    f.write(conf2)
proc.terminate()
proc.wait()
proc, PORT = start(WARPD, os.path.join(T, "long.conf"), T, "long")
r, ck = connect()
result = {}


def wait():
    result["r"] = post("NotificationWait", struct.pack("<II", 0, 0), cookies=ck)


th = threading.Thread(target=wait)
th.start()
time.sleep(1.0)
t0 = time.time()
proc.send_signal(signal.SIGTERM)
th.join(20)
rc = proc.wait(20)
r = result.get("r")
tags, extra, body = inner(r) if r else ([], {}, b"")
ok(r is not None and time.time() - t0 < 5 and extra.get("X-ResponseCode") == "18",
   "SIGTERM during NotificationWait: answered at once with X-ResponseCode 18", (tags, extra))
ok(rc == 0, "warpd exits 0 after SIGTERM", rc)

finish()
