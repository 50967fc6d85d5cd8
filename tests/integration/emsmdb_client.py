"""What an integration test of warpd's mailbox ROPs needs: TAP output, users and a warpd on an ephemeral port
(warpadm init, users, plain HTTP with Basic), and a MAPI/HTTP session that runs ROP buffers built by the test
(MS-OXCMAPIHTTP 2.2.4.1 Connect, 2.2.4.2 Execute; MS-OXCRPC 2.2.2.1 RPC_HEADER_EXT; MS-OXCROPS 2.2.1 buffer).
It only frames: the ROP bytes are the test's own, built from the MS-OXCROPS layouts.

usage: server = Server(warpd, warpadm, {"alice": "pw"}); s = Session(server, "alice"); s.execute(rops, handles)"""
import atexit
import base64
import http.client
import json
import os
import re
import struct
import subprocess
import sys
import tempfile
import time


class Tap:
    def __init__(self):
        self.n = 0
        self.failed = 0

    def ok(self, cond, desc, detail=""):
        self.n += 1
        print(("ok %d - %s" % (self.n, desc)) if cond else ("not ok %d - %s" % (self.n, desc)))
        if not cond:
            self.failed += 1
            for line in str(detail).splitlines()[:20]:
                print("#   " + line)
        sys.stdout.flush()

    def skip(self, desc, reason):
        self.n += 1
        print("ok %d - %s # SKIP %s" % (self.n, desc, reason))
        sys.stdout.flush()

    def done(self):
        print("1..%d" % self.n)
        sys.exit(1 if self.failed else 0)


class Server:
    """A provisioned warpd (users from passwords) on 127.0.0.1, stopped and removed at exit."""

    def __init__(self, warpd, warpadm, passwords, overrides=None, tls=False):
        self.warpadm_path = warpadm
        self.dir = tempfile.mkdtemp()
        self.conf = os.path.join(self.dir, "etc", "warpcore.conf")
        self.passwords = passwords
        self.warpadm("init", "--org", "Example Org", "--domain", "example.org", "--data-dir",
                     os.path.join(self.dir, "data"))
        for user, pw in passwords.items():
            with open(os.path.join(self.dir, user + ".pw"), "w") as f:
                f.write(pw + "\n")
            self.warpadm("user", "add", user, "--password-file", os.path.join(self.dir, user + ".pw"))
        self.dn = {u: json.loads(self.warpadm("user", "show", u, "--json"))["legacy_dn"] for u in passwords}
        conf = re.sub(r"(?m)^#basic_over_plain_http = .*$", "basic_over_plain_http = on", open(self.conf).read())
        if tls:  # HTTPS with a self-signed certificate made for this run
            cert, key = os.path.join(self.dir, "cert.pem"), os.path.join(self.dir, "key.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                            "/CN=localhost", "-keyout", key, "-out", cert], check=True,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            overrides = dict(overrides or {}, certificate=cert, key=key)
        for key, value in (overrides or {}).items():  # config keys, e.g. {"mapi_session_timeout": "1"}
            conf = re.sub(r"(?m)^#?%s = .*$" % key, "%s = %s" % (key, value), conf)
        test_conf = os.path.join(self.dir, "test.conf")
        with open(test_conf, "w") as f:
            f.write(conf)
        port_file = os.path.join(self.dir, "warpd.port")
        self.scheme = "https" if tls else "http"
        self.proc = subprocess.Popen([warpd, "--config", test_conf, "--foreground"] + ([] if tls else ["--no-tls"]) +
                                     ["--listen", "127.0.0.1:0", "--port-file", port_file],
                                     stderr=open(os.path.join(self.dir, "warpd.log"), "w"))
        atexit.register(self.stop)
        for _ in range(200):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        else:
            raise SystemExit("warpd did not start")
        self.port = int(open(port_file).read())

    def warpadm(self, *args):
        return subprocess.run([self.warpadm_path, "--config", self.conf] + list(args), check=True,
                              stdout=subprocess.PIPE, text=True).stdout

    def stop(self):
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        subprocess.run(["rm", "-rf", self.dir])


class Session:
    """A MAPI/HTTP session of user on /mapi/emsmdb/ (Connect at creation)."""

    def __init__(self, server, user):
        self.server = server
        self.user = user
        self.cookies = {}
        self.counter = 0
        # Connect: UserDn, Flags, DefaultCodePage, LcidSort, LcidString, AuxiliaryBufferSize
        body = self.post("Connect", server.dn[user].encode() + b"\0" + struct.pack("<IIIII", 0, 1252, 0x409, 0x409, 0))
        self.status, self.error = struct.unpack_from("<II", body, 0)

    def post(self, rtype, body):
        self.counter += 1
        auth = base64.b64encode(("%s:%s" % (self.user, self.server.passwords[self.user])).encode()).decode()
        h = {"X-RequestType": rtype, "Content-Type": "application/mapi-http",
             "X-RequestId": "{E2EA6C1C-E61B-49E9-9CFB-38184F907552}:%d" % self.counter,
             "X-ClientInfo": "{2EF33C39-49C8-421C-B876-CDF7F2AC3AA0}:1", "Authorization": "Basic " + auth}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        c = http.client.HTTPConnection("127.0.0.1", self.server.port, timeout=30)
        c.request("POST", "/mapi/emsmdb/", body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        for k, v in r.getheaders():
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                self.cookies[name] = rest.split(";")[0]
        c.close()
        # inner stream (MS-OXCMAPIHTTP 3.2.5.2): meta-tags up to DONE, additional headers, empty line, body
        return data.split(b"DONE\r\n", 1)[1].split(b"\r\n\r\n", 1)[1]

    def execute(self, rops, handles, max_rop_out=0x10000):
        """One ROP buffer with its handle table -> (responses bytes, returned handle table); max_rop_out is
        the Execute request's MaxRopOut (MS-OXCMAPIHTTP 2.2.4.2.1)."""
        buf = struct.pack("<H", 2 + len(rops)) + rops + b"".join(struct.pack("<I", h) for h in handles)
        # RPC_HEADER_EXT: Version 0, Flags Last, Size, SizeActual
        rgb_in = struct.pack("<HHHH", 0, 0x4, len(buf), len(buf)) + buf
        # Execute: Flags NoCompression|NoXorMagic, RopBufferSize, RopBuffer, MaxRopOut, AuxiliaryBufferSize
        body = self.post("Execute", struct.pack("<II", 3, len(rgb_in)) + rgb_in + struct.pack("<II", max_rop_out, 0))
        status, error, flags, size = struct.unpack_from("<IIII", body, 0)
        assert (status, error) == (0, 0), (status, error)
        rgb_out = body[16:16 + size]
        _, hflags, hsize, _ = struct.unpack_from("<HHHH", rgb_out, 0)
        assert hflags == 0x4, hflags
        payload = rgb_out[8:8 + hsize]
        rop_size = struct.unpack_from("<H", payload, 0)[0]
        table = payload[rop_size:]
        return payload[2:rop_size], [struct.unpack_from("<I", table, i)[0] for i in range(0, len(table), 4)]

    def logon(self):
        """RopLogon (MS-OXCROPS 2.2.3.1.1) of the user's private mailbox -> (logon handle, the 13 FolderIds)."""
        e = self.server.dn[self.user].encode() + b"\0"
        rsp, handles = self.execute(struct.pack("<BBBBIIH", 0xFE, 0, 0, 0x01, 0x01000C04, 0, len(e)) + e,
                                    [0xFFFFFFFF])
        assert struct.unpack_from("<BBI", rsp, 0) == (0xFE, 0, 0), rsp.hex()
        return handles[0], struct.unpack_from("<13Q", rsp, 7)
