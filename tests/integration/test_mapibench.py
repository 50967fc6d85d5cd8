"""mapibench smoke run against a real warpd on an ephemeral port: 2 sessions for 1 second (--json), which
proves the tool runs the whole mix and reports it; it measures nothing. Also the one-user form, a wrong
password (no session connects: exit 2) and a usage error (exit 1). The server's NotificationWait lasts
1 second (mapi_wait_timeout) so that sessions do not wait 5 minutes.

usage: test_mapibench.py WARPD WARPADM MAPIBENCH"""
import json
import os
import re
import subprocess
import sys

from emsmdb_client import Server, Tap

warpd, warpadm, mapibench = sys.argv[1:4]
tap = Tap()
server = Server(warpd, warpadm, {"alice": "alice-pw", "bob": "bob-pw"}, overrides={"mapi_wait_timeout": "1"})
url = "http://127.0.0.1:%d/mapi/emsmdb/" % server.port
users = os.path.join(server.dir, "users")
with open(users, "w") as f:
    f.write("# user, password, legacyExchangeDN\n")
    for u in ("alice", "bob"):
        f.write("%s\t%s\t%s\n" % (u, server.passwords[u], server.dn[u]))


def run(*args):
    return subprocess.run([mapibench, "--url", url, "--auth", "basic"] + list(args), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, text=True, timeout=120)


KINDS = ["connect", "logon", "open_inbox", "contents_table", "open_message", "read_body", "create_save",
         "move_to_deleted", "notification_wait"]

p = run("--users", users, "--sessions", "2", "--seconds", "1", "--fill", "3", "--json",
        "--server-pid", str(server.proc.pid))
tap.ok(p.returncode == 0, "smoke run exits 0", p.stderr)
tap.ok(p.stderr == "", "nothing on stderr when it is not a terminal (no progress)", p.stderr)
try:
    rep = json.loads(p.stdout)
except ValueError:
    rep = {}
tap.ok(rep.get("sessions") == 2 and rep.get("users") == 2 and rep.get("seconds") == 1,
       "the JSON report says 2 sessions of 2 users for 1 second", p.stdout)
tap.ok(rep.get("baseline_ping_p50_ms", 0) > 0, "a same-run PING baseline", rep.get("baseline_ping_p50_ms"))
ops = rep.get("ops", {})
tap.ok(sorted(ops) == sorted(KINDS), "one entry per operation kind", sorted(ops))
tap.ok(ops.get("connect", {}).get("count") == 2, "both sessions connected", ops.get("connect"))
# the ROPs warpd has handlers for succeed; those it has not yet show up as named errors, not as a crash
for kind in ("logon", "open_inbox", "contents_table", "open_message", "create_save", "move_to_deleted"):
    o = ops.get(kind, {})
    tap.ok(o.get("count", 0) > 0 and o.get("errors") == 0, "%s ran without errors" % kind, o)
for kind in KINDS:
    o = ops.get(kind, {})
    names = o.get("error_codes", {})
    tap.ok(all(re.match(r"^ec[A-Za-z0-9]+$", n) for n in names) and sum(names.values()) == o.get("errors"),
           "%s errors are counted by MAPI error name" % kind, o)
    tap.ok(o.get("count", 0) == 0 or 0 < o["p50_ms"] <= o["p95_ms"] <= o["p99_ms"],
           "%s percentiles are ordered" % kind, o)
tap.ok(ops.get("notification_wait", {}).get("count", 0) + ops.get("notification_wait", {}).get("errors", 0) > 0
       or ops.get("logon", {}).get("count", 0) > 0, "the sessions went round the loop", ops)
rss = rep.get("server_rss_kb", {})
tap.ok(rss.get("pid") == server.proc.pid and 0 < rss.get("before", 0) <= rss.get("peak", 0) and rss.get("after", 0) > 0,
       "the server's RSS before, peak and after", rss)

pwfile = os.path.join(server.dir, "alice.pw")  # written by Server: the password on its first line
p = run("--user", "alice", "--password-file", pwfile, "--user-dn", server.dn["alice"], "--sessions", "1",
        "--seconds", "1")
tap.ok(p.returncode == 0 and re.search(r"(?m)^logon +[1-9]", p.stdout) and "server rss" not in p.stdout,
       "one-user form prints the table (no RSS without --server-pid)", p.stdout + p.stderr)

bad = os.path.join(server.dir, "bad.pw")
with open(bad, "w") as f:
    f.write("wrong\n")
p = run("--user", "alice", "--password-file", bad, "--user-dn", server.dn["alice"], "--sessions", "1",
        "--seconds", "1", "--json")
rep = json.loads(p.stdout) if p.stdout.startswith("{") else {}
tap.ok(p.returncode == 2 and "no session could connect" in p.stderr and
       rep.get("ops", {}).get("connect", {}).get("error_codes", {}).get("ecLoginFailure", 0) > 0,
       "a wrong password: exit 2, connect errors named ecLoginFailure", p.stdout + p.stderr)

p = run("--sessions", "0", "--seconds", "1", "--users", users)
tap.ok(p.returncode == 1 and "usage" in p.stderr, "a bad argument: exit 1 with the usage", p.stderr)
tap.done()
