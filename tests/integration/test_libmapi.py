"""libmapi against a real warpd on an ephemeral port (plain HTTP): the scenarios of libmapi_client.c with Basic
and with NTLM authentication, a wrong password, Connect from Autodiscover (MS-OXDSCLI), and the reconnect after
the server forgot the Session Context (MS-OXCMAPIHTTP 3.1.5.7, X-ResponseCode 10) on a server whose
mapi_session_timeout is 1 second, and HTTPS with a self-signed certificate (refused, then accepted with
--insecure). libmapi_client prints unnumbered TAP lines; they are numbered here.

usage: test_libmapi.py WARPD WARPADM LIBMAPI_CLIENT"""
import subprocess
import sys

from emsmdb_client import Server, Tap

warpd, warpadm, client = sys.argv[1:4]
tap = Tap()


def run(scenario, server, user, *extra, auth="basic", password=None):
    url = "%s://127.0.0.1:%d/mapi/emsmdb/" % (server.scheme, server.port)
    args = [client, scenario, "--url", url, "--user", user, "--password", password or server.passwords[user],
            "--user-dn", server.dn[user], "--auth", auth] + list(extra)
    p = subprocess.run(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=240)
    seen = 0
    detail = []
    for line in p.stdout.splitlines():
        if line.startswith("#"):
            print(line)
            continue
        ok = line.startswith("ok - ")
        desc = line.split(" - ", 1)[1] if " - " in line else line
        how = auth + (" compressed" if "--compress" in extra else "") + (" tls" if server.scheme == "https" else "")
        tap.ok(ok, "%s [%s %s]: %s" % (scenario, how, user, desc))
        seen += 1
    # exit 0 (all passed) or 1 (some failed) after its last line; a sanitizer report also exits 1
    tap.ok(p.returncode in (0, 1) and "# end of scenario" in p.stdout and "Sanitizer" not in p.stderr and
           "runtime error" not in p.stderr, "%s [%s]: the client ran to the end" % (scenario, auth),
           p.stderr[-3000:])


server = Server(warpd, warpadm, {"alice": "alice-pw", "bob": "bob-pw"})
run("main", server, "alice", auth="basic")
run("main", server, "bob", auth="ntlm")
# LZ77-compressed and XOR-obfuscated payloads both ways (MS-OXCRPC 3.1.4.1.1.2, 3.1.4.1.1.3)
run("main", server, "alice", "--compress", "yes", auth="ntlm")
run("badauth", server, "alice", auth="basic", password="wrong")
run("badauth", server, "bob", auth="ntlm", password="wrong")
# Autodiscover: no mailbox URL and no DN, only the address and where to ask
p = subprocess.run([client, "autodiscover", "--user", "alice", "--password", "alice-pw", "--auth", "basic",
                    "--email", "alice@example.org", "--autodiscover-url",
                    "http://127.0.0.1:%d/autodiscover/autodiscover.xml" % server.port],
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
for line in p.stdout.splitlines():
    if not line.startswith("#"):
        tap.ok(line.startswith("ok - "), "autodiscover: " + line.split(" - ", 1)[-1])
    else:
        print(line)

# HTTPS with a self-signed certificate: refused unless --insecure (the certificate is not verified)
secure = Server(warpd, warpadm, {"alice": "alice-pw"}, tls=True)
run("badtls", secure, "alice", auth="basic")
run("main", secure, "alice", "--insecure", "yes", auth="basic")

short = Server(warpd, warpadm, {"alice": "alice-pw"}, overrides={"mapi_session_timeout": "1"})
run("reconnect", short, "alice", "--sleep", "3", auth="basic")
tap.done()
