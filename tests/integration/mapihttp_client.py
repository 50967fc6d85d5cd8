"""What the MAPI/HTTP integration tests (test_emsmdb.py, test_nspi_http.py) share: TAP output, starting warpd
on an ephemeral port, and reading a MAPI/HTTP response (MS-OXCMAPIHTTP 2.2.2.2, 2.2.7, 3.2.5.2)."""
import atexit
import os
import shutil
import subprocess
import sys
import tempfile
import time

tap = {"n": 0, "failed": 0}


def ok(cond, desc, detail=""):
    tap["n"] += 1
    print(("ok %d - %s" % (tap["n"], desc)) if cond else ("not ok %d - %s" % (tap["n"], desc)))
    if not cond:
        tap["failed"] += 1
        for line in str(detail).splitlines()[:20]:
            print("#   " + line)
    sys.stdout.flush()


def skip(desc):
    tap["n"] += 1
    print("ok %d # SKIP %s" % (tap["n"], desc))


def finish():
    print("1..%d" % tap["n"])
    sys.exit(1 if tap["failed"] else 0)


def tmpdir():
    """A temporary directory removed at exit."""
    t = tempfile.mkdtemp()
    atexit.register(shutil.rmtree, t, True)
    return t


def _stop(p):
    if p.poll() is None:
        p.kill()
        p.wait()


def start(warpd, conf_path, tmp, name):
    """warpd in the foreground on 127.0.0.1, plain HTTP, killed at exit if still running; returns the process
    and its port."""
    port_file = os.path.join(tmp, name + ".port")
    log = open(os.path.join(tmp, name + ".log"), "w")
    p = subprocess.Popen([warpd, "--config", conf_path, "--foreground", "--no-tls", "--listen", "127.0.0.1:0",
                          "--port-file", port_file], stderr=log)
    atexit.register(_stop, p)
    for _ in range(200):
        if os.path.exists(port_file) and open(port_file).read().strip():
            return p, int(open(port_file).read())
        time.sleep(0.05)
    raise SystemExit("warpd did not start")


class Rsp:
    """An HTTP response: status, headers (lower-case names), the cookies it sets, the body."""

    def __init__(self, r, body, elapsed=0.0):
        self.status, self.body, self.elapsed = r.status, body, elapsed
        self.h = {k.lower(): v for k, v in r.getheaders()}
        self.set_cookie = [v for k, v in r.getheaders() if k.lower() == "set-cookie"]
        self.cookies = {}
        for v in self.set_cookie:
            name, _, rest = v.partition("=")
            self.cookies[name] = rest.split(";")[0]

    def code(self):
        return int(self.h.get("x-responsecode", "-1"))


def inner(rsp):
    """MS-OXCMAPIHTTP 2.2.7 / 3.2.5.2: meta-tags, additional headers after DONE, then the body."""
    b = rsp.body
    tags = []
    while True:
        line, _, b = b.partition(b"\r\n")
        tags.append(line.decode("ascii", "replace"))
        if line == b"DONE" or not b:
            break
    extra = {}
    while True:
        line, _, b = b.partition(b"\r\n")
        if not line:
            break
        k, _, v = line.decode().partition(":")
        extra[k.strip()] = v.strip()
    return tags, extra, b
