#!/usr/bin/env python3
"""Integration test: the built mapidump decodes spec vectors (tests/vectors) and reports bad input clearly.

Expected values come from the spec text the vectors cite, not from our own encoder. Prints TAP.
Usage: test_mapidump.py PATH/TO/mapidump"""
import json
import os
import subprocess
import sys

MAPIDUMP = sys.argv[1]
VECTORS = os.environ.get("WC_VECTORS", os.path.join(os.path.dirname(__file__), "..", "vectors"))
n = 0
failed = 0


def blob(file, name=None):
    """Hex of a vector file, or of its @name blob."""
    out, on = [], name is None
    for line in open(os.path.join(VECTORS, file)):
        if line.startswith("#"):
            continue
        if line.startswith("@"):
            on = line.strip()[1:] == name
            continue
        if on:
            out.append(line.strip())
    return "".join(out).replace(" ", "")


def run(*args, stdin=None):
    p = subprocess.run([MAPIDUMP, *args], input=stdin, capture_output=True)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def check(ok, what, detail=""):
    global n, failed
    n += 1
    print(("ok" if ok else "not ok") + f" {n} - {what}")
    if not ok:
        failed += 1
        for line in str(detail).splitlines():
            print("#   " + line)


def dump_json(*args, **kw):
    rc, out, err = run("--json", *args, **kw)
    if rc != 0:
        return None, err
    return json.loads(out), err


# --- RPC_HEADER_EXT (MS-OXCRPC 2.2.2.1): the MS-XCA 3.1 "abc" x 100 stream, obfuscated (3.1.4.1.1.3) and
# framed as one Compressed|XorMagic|Last chunk; the payload must come out as the 300 original bytes. ---
lz = bytes.fromhex(blob("MS-XCA-3.1-plain-lz77-abc300.hex", "compressed"))
chunk = (bytes([0, 0, 0x07, 0]) + len(lz).to_bytes(2, "little") + (300).to_bytes(2, "little")
         + bytes(b ^ 0xA5 for b in lz))
j, err = dump_json("rpc-ext", "--hex", chunk.hex())
check(j is not None and j["chunks"] == 1 and j["payloads"][0]["size_actual"] == 300
      and bytes.fromhex(j["payloads"][0]["payload"]) == b"abc" * 100
      and j["payloads"][0]["flags"] == ["Compressed", "XorMagic", "Last"],
      "rpc-ext: compressed and obfuscated chunk decodes to the MS-XCA 3.1 text", j or err)
rc, out, err = run("rpc-ext", "--hex", chunk[:-1].hex())
check(rc == 1 and "rpc-ext" in err and "offset 0" in err, "rpc-ext: truncated chunk is named by its offset", err)
two = bytes([0, 0, 0, 0, 1, 0, 1, 0, 0x41]) + bytes([0, 0, 4, 0, 1, 0, 1, 0, 0x42])
rc, out, err = run("rpc-ext", "--hex", two.hex() + "00")
check(rc == 1 and "offset 18" in err, "rpc-ext: bytes after the Last chunk are reported where they start", err)
j, err = dump_json("rpc-ext", "--hex", two.hex())
check(j is not None and [p["payload"] for p in j["payloads"]] == ["41", "42"] and j["payloads"][1]["offset"] == 9,
      "rpc-ext: two chained chunks", j or err)

# --- ROP buffers (MS-OXCROPS 2.2.1) ---
def rop_buffer(rops, handles):
    body = b"".join(rops)
    return (len(body) + 2).to_bytes(2, "little") + body + b"".join(h.to_bytes(4, "little") for h in handles)


def rpc_ext(payload, flags=0x04):
    """One RPC_HEADER_EXT chunk (MS-OXCRPC 2.2.2.1), obfuscated when flags has XorMagic (0x02)."""
    data = bytes(b ^ 0xA5 for b in payload) if flags & 0x02 else payload
    return bytes([0, 0]) + flags.to_bytes(2, "little") + len(data).to_bytes(2, "little") * 2 + data


# MS-OXCROPS 4.4: the RopRelease example buffer, bare
j, err = dump_json("rop-request", "--raw", "--hex", blob("MS-OXCROPS-4.4-release.hex"))
check(j is not None and [r["rop_id"]["name"] for r in j[0]["rops"]] == ["RopRelease", "RopRelease"]
      and j[0]["handles"] == [0x6F, 0x6E] and j[0]["rops"][1]["input_handle_index"] == 1,
      "rop-request --raw: MS-OXCROPS 4.4 RopRelease example", j or err)
# MS-OXCSTOR 4.6 RopIdFromLongTermId: request and response, framed in an obfuscated RPC_HEADER_EXT chunk
ltid = bytes.fromhex(blob("MS-OXCSTOR-4.6-idfromlongtermid.hex", "request"))
oid = bytes.fromhex(blob("MS-OXCSTOR-4.6-idfromlongtermid.hex", "response"))
req = rop_buffer([bytes([0x44, 0, 0]) + ltid], [0x11223344])
rsp = rop_buffer([bytes([0x44, 0, 0, 0, 0, 0]) + oid], [0x11223344])
reqfile = os.path.join(os.environ.get("TMPDIR", "/tmp"), f"mapidump-req-{os.getpid()}.bin")
with open(reqfile, "wb") as f:
    f.write(rpc_ext(req, 0x06))
j, err = dump_json("rop-request", reqfile)
check(j is not None and j[0]["rops"][0]["rop_id"]["name"] == "RopIdFromLongTermId"
      and bytes.fromhex(j[0]["rops"][0]["long_term_id"]) == ltid,
      "rop-request: XorMagic-framed RopIdFromLongTermId of MS-OXCSTOR 4.6", j or err)
j, err = dump_json("rop-response", "--requests=" + reqfile, "--hex", rpc_ext(rsp).hex())
check(j is not None and j[0]["rops"][0]["object_id"] == 0x1200000000000005
      and j[0]["rops"][0]["return_value"]["name"] == "ecSuccess",
      "rop-response: ObjectId of MS-OXCSTOR 4.6 decoded against its request", j or err)
rc, out, err = run("rop-response", "--hex", rpc_ext(rsp).hex())
check(rc == 1 and "--requests" in err, "rop-response without its requests is refused", err)
bad = rop_buffer([bytes([0x44, 0, 5]) + ltid], [0x11223344])  # handle index 5, table of 1
rc, out, err = run("rop-request", "--raw", "--hex", bad.hex())
check(rc == 1 and "RopIdFromLongTermId" in err and "offset" in err,
      "rop-request: handle index outside the table names the ROP and offset", err)
rc, out, err = run("rop-request", "--raw", "--hex", rop_buffer([bytes([0x00, 0, 0])], [1]).hex())
check(rc == 1 and "offset 2" in err, "rop-request: reserved RopId 0x00 is reported at its offset", err)
os.unlink(reqfile)

# --- MAPI/HTTP bodies (MS-OXCMAPIHTTP 2.2.4, 2.2.5) carrying the MS-OXCRPC 4.1 / MS-OXNSPI 4 example values ---
j, err = dump_json("mapihttp-request", "Connect", "--hex", blob("MS-OXCRPC-4.1-connect-as-mapihttp.hex", "request"))
check(j is not None and j["user_dn"].endswith("CN=janedow") and j["default_code_page"] == 1252
      and j["lcid_sort"] == 0x409, "mapihttp-request Connect: fields of the MS-OXCRPC 4.1 example", j or err)
j, err = dump_json("mapihttp-response", "QueryRows",
                   "--hex", blob("MS-OXNSPI-4-session-as-mapihttp.hex", "queryrows-response"))
check(j is not None and j["state"]["total_recs"] == 22
      and [c["name"] for c in j["rows"]["columns"]] == ["PidTagEntryId", "PidTagDisplayName", "PidTagSmtpAddress",
                                                       "PidTagTitle"] and len(j["rows"]["rows"]) == 2,
      "mapihttp-response QueryRows: STAT and rows of the MS-OXNSPI 4 example", j or err)
rc, out, err = run("mapihttp-request", "Ping", "--hex", "")
check(rc == 1 and "TYPE must be" in err, "mapihttp-request: PING has no body", err)
rc, out, err = run("mapihttp-request", "Bind", "--hex", "00")
check(rc == 1 and "not a Bind request body" in err, "mapihttp-request: truncated Bind body", err)

# --- property values (MS-OXCDATA 2.11) from MS-OXCPRPT 4.2.1 and MS-OXORULE 4.1.1 ---
vals = blob("MS-OXCPRPT-4.2.1-setproperties-propertyvalues.hex", "propertyvalues")
j, err = dump_json("propval", "--tagged", "--hex", vals)
check(j is not None and j["tag"]["name"] == "PidTagSubjectPrefix" and j["value"] == "",
      "propval --tagged: first TaggedPropertyValue of MS-OXCPRPT 4.2.1", j or err)
j, err = dump_json("propval", "PtypString", "--hex", "480065006c006c006f000000")
check(j is not None and j["type"]["name"] == "PtypString" and j["value"] == "Hello", "propval PtypString", j or err)
j, err = dump_json("propval", "0x1003", "--hex", "02000000 01000000 ffffffff")
check(j is not None and j["value"] == [1, -1], "propval PtypMultipleInteger32 by number", j or err)
rc, out, err = run("propval", "PtypBoolean", "--hex", "02")
check(rc == 1 and "propval" in err, "propval: a boolean byte of 2 is rejected", err)
rc, out, err = run("propval", "PtypNoSuchType", "--hex", "00")
check(rc == 1 and "TYPE must be" in err, "propval: unknown TYPE named", err)
acts = blob("MS-OXORULE-4.1.1-modifyrules-ruledata.hex", "ruleactions")
j, err = dump_json("propval", "PtypRuleAction", "--hex", acts)
check(j is not None and len(j["value"]) == 1 and j["value"][0]["action_type"] == 1
      and j["value"][0]["folder_in_this_store"] == 1 and len(j["value"][0]["store_eid"]) == 2 * 0xAD,
      "propval PtypRuleAction: the OP_MOVE action of MS-OXORULE 4.1.1", j or err)

# --- restriction (MS-OXCDATA 2.12): PidTagRuleCondition of MS-OXORULE 4.1.1 ---
j, err = dump_json("restriction", "--hex", blob("MS-OXORULE-4.1.1-modifyrules-ruledata.hex", "rulecondition"))
check(j is not None and j["type"] == "ContentRestriction" and j["fuzzy_level"] == 0x00010001
      and j["proptag"]["name"] == "PidTagSubject" and j["value"]["value"] == "Project X",
      "restriction: content restriction of MS-OXORULE 4.1.1", j or err)
rc, out, err = run("restriction", "--hex", "0c")
check(rc == 1 and "restriction" in err, "restriction: unknown RestrictType 0x0C is rejected", err)
deep = "02" * 100 + "08" + "1f003700"
rc, out, err = run("restriction", "--hex", deep)
check(rc == 1 and "deep" in err, "restriction: 100 nested NOTs exceed the depth limit", err)

# --- entry IDs (MS-OXCDATA 2.2.4, 2.2.5) ---
j, err = dump_json("entryid", "--hex", blob("MS-OXCDATA-2.2.4.2-message-entryid.hex"))
check(j is not None and j["kind"] == "message" and j["message_type"] == 0x0009
      and j["folder"]["global_counter"] == 6 and j["message"]["global_counter"] == 0x0A0B0C,
      "entryid: public message entry ID fields", j or err)
j, err = dump_json("entryid", "--hex", blob("MS-OXCDATA-2.2.5.1-one-off-entryid.hex", "unicode"))
check(j is not None and j["kind"] == "one-off" and j["address_type"] == "SMTP" and j["one_off_flags"] & 0x8000,
      "entryid: Unicode one-off entry ID", j or err)
rc, out, err = run("entryid", "--hex", "00")
check(rc == 1 and "entryid:" in err and "offset" in err, "entryid: truncated input exits 1 with an offset", err)

# --- IDSET (MS-OXCFXICS 2.2.2.4): the 13 FIDs of the MS-OXCSTOR 4.1 logon response, 0x78271A..0x782726 ---
j, err = dump_json("idset", "--hex", blob("MS-OXCFXICS-2.2.2.4-idset.hex", "replid_logon_fids"))
check(j is not None and j["ids"] == 13 and j["entries"][0]["replid"] == 1
      and j["entries"][0]["ranges"] == [{"low": 0x78271A, "high": 0x782726}],
      "idset: REPLID-based set of the logon folder IDs", j or err)
rc, out, err = run("idset", "--hex", "0100 0500")
check(rc == 1 and "idset" in err, "idset: GLOBSET without End is rejected", err)
rc, out, err = run("idset", "--bogus", "--hex", "00")
check(rc == 2 and "unknown option" in err, "idset: unknown option is a usage error", err)

# --- the tool itself ---
rc, out, err = run("--help")
check(rc == 0 and "usage: mapidump" in out and "entryid" in out, "--help lists the kinds", out + err)
rc, out, err = run("--list-rops")
rops = out.splitlines()
check(rc == 0 and len(rops) == 132 and "0xFE RopLogon" in out and "0x2A RopNotify" in out,
      "--list-rops lists the 132 RopIds of MS-OXCROPS 2.2.2", out + err)
check(any(l.startswith("0xFE RopLogon") and l.endswith("coded") for l in rops), "--list-rops marks RopLogon coded",
      out)
rc, out, err = run("nosuchkind", "--hex", "00")
check(rc == 2 and "unknown kind" in err, "unknown kind is a usage error", err)
rc, out, err = run("entryid", "--hex", "0g")
check(rc == 2 and "not a hex digit" in err, "bad hex is a usage error", err)
rc, out, err = run("entryid", "/nonexistent/file")
check(rc == 2 and "/nonexistent/file" in err, "unreadable file is named", err)
hexdata = blob("MS-OXCDATA-2.2.4.2-message-entryid.hex")
rc, out, err = run("entryid", stdin=bytes.fromhex(hexdata))
check(rc == 0 and "global_counter: 0x0000000A0B0C" in out, "binary input from standard input, text output", out + err)

print(f"1..{n}")
sys.exit(1 if failed else 0)
