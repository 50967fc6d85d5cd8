"""mapicli against a real warpd on an ephemeral port (plain HTTP, Basic): whoami (by URL and by Autodiscover),
folders, mkdir/rmdir/mv/cp of folders, import-eml of the .eml files in tests/data/eml then ls, show, props,
export-mbox compared with the originals, cp/mv/rm of messages, send alice -> bob (or, while the server has no
submission handler, the clear MAPI error), --json output parsed here, and the errors with their exit codes
(docs/man/mapicli.1 EXIT STATUS: 0 ok, 1 MAPI error, 2 usage, 3 connect/logon, 4 not found, 5 local file).

usage: test_mapicli.py WARPD WARPADM MAPICLI EML_DIR"""
import email
import email.policy
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time

from emsmdb_client import Server, Tap

warpd, warpadm, mapicli, eml_dir = sys.argv[1:5]
tap = Tap()
server = Server(warpd, warpadm, {"alice": "alice-pw", "bob": "bob-pw"})
url = "http://127.0.0.1:%d/mapi/emsmdb/" % server.port
work = tempfile.mkdtemp()


def run(args, user="alice", password_file=None, login=True):
    argv = [mapicli]
    if login:
        argv += ["--url", url, "--dn", server.dn[user], "--user", user, "--password-file",
                 password_file or os.path.join(server.dir, user + ".pw")]
    p = subprocess.run(argv + list(args), stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=120)
    # no sanitizer report in any run (the ASan build of scripts/test.sh runs this too)
    if "Sanitizer" in p.stderr or "runtime error" in p.stderr:
        tap.ok(False, "mapicli %s: no sanitizer report" % " ".join(args), p.stderr[-3000:])
    return p


def run_json(args, user="alice"):
    p = run(["--json"] + list(args), user)
    try:
        return p, json.loads(p.stdout)
    except ValueError:
        return p, None


def detail(p):
    return "exit %d\nstdout: %s\nstderr: %s" % (p.returncode, p.stdout[-1500:], p.stderr[-1500:])


def folder_paths(path=None, user="alice"):
    p, j = run_json(["folders"] + ([path] if path is not None else []), user)
    return set(f["path"] for f in j) if p.returncode == 0 and j else set()


def skip(desc, why):
    tap.ok(True, "%s # SKIP %s" % (desc, why))


# ---- session ----
p = run(["whoami"])
tap.ok(p.returncode == 0 and server.dn["alice"] in p.stdout and "alice" in p.stdout, "whoami prints the DN",
       detail(p))
p, j = run_json(["whoami"])
tap.ok(p.returncode == 0 and j and j["dn"] == server.dn["alice"] and re.fullmatch(r"[0-9a-f]{16}", j["folders"]["inbox"])
       and j["folders"]["inbox"] != j["folders"]["outbox"], "whoami --json: dn and special folder IDs", detail(p))
p = subprocess.run([mapicli, "--autodiscover", "alice@example.org", "--autodiscover-url",
                    "http://127.0.0.1:%d/autodiscover/autodiscover.xml" % server.port, "--user", "alice",
                    "--password-file", os.path.join(server.dir, "alice.pw"), "--json", "whoami"],
                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, timeout=60)
j = json.loads(p.stdout) if p.returncode == 0 else None
tap.ok(j is not None and j["dn"] == server.dn["alice"] and "/mapi/emsmdb/" in j["mailbox_url"],
       "whoami with --autodiscover finds the mailbox URL and the DN", detail(p))

# ---- folders ----
paths = folder_paths()
tap.ok({"Inbox", "Outbox", "Sent Items", "Deleted Items", "Drafts"} <= paths,
       "folders --json lists the special folders by path", paths)
root = folder_paths("/")
tap.ok("/Top of Information Store" in root and "/Top of Information Store/Inbox" in root,
       "folders / lists from the mailbox root", root)
p = run(["folders"])
tap.ok(p.returncode == 0 and re.search(r"(?m)^Inbox +0 +0$", p.stdout) is not None, "folders prints a readable table",
       detail(p))

p = run(["mkdir", "Inbox/Projects"])
tap.ok(p.returncode == 0 and "Inbox/Projects" in folder_paths("Inbox"), "mkdir Inbox/Projects", detail(p))
p = run(["mkdir", "Inbox/Projects"])
tap.ok(p.returncode == 1 and re.search(r"ec[A-Za-z]+ \(0x[0-9A-F]{8}\)", p.stderr) is not None,
       "mkdir of an existing folder fails with the MAPI error (exit 1)", detail(p))
p = run(["mkdir", "-p", "Inbox/Projects/2026/Q1"])
tap.ok(p.returncode == 0 and "Inbox/Projects/2026/Q1" in folder_paths("Inbox"), "mkdir -p creates the parents",
       detail(p))
p = run(["mkdir", "-p", "Inbox/Projects/2026/Q1"])
tap.ok(p.returncode == 0, "mkdir -p of an existing folder succeeds", detail(p))
p = run(["mv", "Inbox/Projects/2026", "Inbox/Archive"])
got = folder_paths("Inbox")
tap.ok(p.returncode == 0 and "Inbox/Archive/Q1" in got and "Inbox/Projects/2026" not in got,
       "mv of a folder to a new path moves and renames it", detail(p) + "\n%s" % got)
p = run(["mv", "Inbox/Archive", "Inbox/Projects"])
got = folder_paths("Inbox")
tap.ok(p.returncode == 0 and "Inbox/Projects/Archive/Q1" in got and "Inbox/Archive" not in got,
       "mv of a folder into an existing folder keeps its name", detail(p) + "\n%s" % got)
p = run(["cp", "Inbox/Projects/Archive", "Drafts"])
tap.ok(p.returncode == 0 and "Drafts/Archive/Q1" in folder_paths("Drafts") and
       "Inbox/Projects/Archive/Q1" in folder_paths("Inbox"), "cp of a folder copies it with its subfolders",
       detail(p))
p = run(["rmdir", "Drafts/Archive"])
tap.ok(p.returncode == 1 and "not empty" in p.stderr and "Drafts/Archive" in folder_paths("Drafts"),
       "rmdir of a folder with subfolders refuses (exit 1)", detail(p))
p = run(["rmdir", "-r", "Drafts/Archive"])
tap.ok(p.returncode == 0 and not any(x.startswith("Drafts/Archive") for x in folder_paths("Drafts")),
       "rmdir -r deletes the folder and its subfolders", detail(p))
p = run(["rmdir", "Inbox/Projects/Archive/Q1"])
tap.ok(p.returncode == 0 and "Inbox/Projects/Archive/Q1" not in folder_paths("Inbox"), "rmdir of an empty folder",
       detail(p))
p = run(["rmdir", "/Top of Information Store/Inbox/Projects/Archive"])
tap.ok(p.returncode == 0 and "Inbox/Projects/Archive" not in folder_paths("Inbox"),
       "rmdir with an absolute path from the mailbox root", detail(p))

# ---- errors ----
p = run(["ls", "Inbox/Nope"])
tap.ok(p.returncode == 4 and "ecNotFound" in p.stderr and "Inbox/Nope" in p.stderr,
       "ls of an unknown folder: ecNotFound, exit 4", detail(p))
p, j = run_json(["ls", "Inbox/Nope"])
tap.ok(p.returncode == 4 and j and j["error"]["name"] == "ecNotFound" and j["error"]["exit"] == 4,
       "--json: the error as a JSON object", detail(p))
bad = os.path.join(work, "bad.pw")
with open(bad, "w") as f:
    f.write("wrong\n")
p = run(["whoami"], password_file=bad)
tap.ok(p.returncode == 3 and "ecLoginFailure" in p.stderr and "401" in p.stderr,
       "a wrong password: ecLoginFailure with the HTTP status, exit 3", detail(p))
p = run(["whoami"], password_file=os.path.join(work, "missing.pw"))
tap.ok(p.returncode == 5, "a missing password file: exit 5", detail(p))
p = run([], login=False)
tap.ok(p.returncode == 2 and "usage:" in p.stderr, "no command: usage, exit 2", detail(p))
p = run(["frobnicate"])
tap.ok(p.returncode == 2 and "unknown command" in p.stderr, "an unknown command: exit 2", detail(p))
p = run(["ls", "--help"], login=False)
tap.ok(p.returncode == 0 and "--columns" in p.stdout and "--limit" in p.stdout, "ls --help", detail(p))
p = run(["show", "Inbox"])
tap.ok(p.returncode == 2 and "MESSAGE-ID" in p.stderr, "show of something that is not a MESSAGE-ID: exit 2",
       detail(p))
p = run(["import-eml", "Inbox", os.path.join(work, "missing.eml")])
tap.ok(p.returncode == 5 and "missing.eml" in p.stderr, "import-eml of a missing file: exit 5", detail(p))

# ---- messages: import, ls, show, props, export ----
files = sorted(glob.glob(os.path.join(eml_dir, "*.eml")))
originals = {}
for path in files:
    with open(path, "rb") as f:
        originals[path] = email.message_from_binary_file(f, policy=email.policy.default)


def body_of(msg):
    part = msg.get_body(preferencelist=("plain",))
    return part.get_content().rstrip("\n") if part is not None else ""


def attachments_of(msg):
    return sorted((a.get_filename(), a.get_content()) for a in msg.iter_attachments())


p, j = run_json(["import-eml", "Inbox"] + files)
imported = {x["file"]: x["id"] for x in j} if p.returncode == 0 and isinstance(j, list) else {}
tap.ok(len(imported) == len(files) and all(re.fullmatch(r"Inbox:[0-9a-f]{16}", i) for i in imported.values()),
       "import-eml stores %d messages and prints their IDs" % len(files), detail(p))

p, j = run_json(["ls", "Inbox"])
rows = {r["id"]: r for r in j} if p.returncode == 0 and isinstance(j, list) else {}
want = sorted(str(m["subject"]) for m in originals.values())
tap.ok(sorted(r["Subject"] for r in rows.values()) == want and set(rows) == set(imported.values()),
       "ls --json lists the imported messages with their subjects", detail(p))
tap.ok(all(rows.get(imported[f], {}).get("From") == (originals[f]["from"].addresses[0].display_name or
                                                       originals[f]["from"].addresses[0].addr_spec)
           for f in files), "ls: the From column is the sender's name", rows)
p = run(["ls", "Inbox", "--columns", "Subject,PidTagMessageSize", "--limit", "2"])
lines = p.stdout.splitlines()
tap.ok(p.returncode == 0 and len(lines) == 3 and lines[0].split() == ["ID", "Subject", "Size"],
       "ls --columns --limit: the chosen columns, at most N rows", detail(p))
p = run(["ls", "Inbox", "--columns", "NoSuchProperty"])
tap.ok(p.returncode == 2 and "NoSuchProperty" in p.stderr, "ls --columns with an unknown property: exit 2",
       detail(p))

for path in files:
    orig = originals[path]
    p, j = run_json(["show", imported.get(path, "Inbox:0")])
    ok = p.returncode == 0 and j is not None
    ok = ok and j["subject"] == str(orig["subject"]) and j["from"]["email"] == orig["from"].addresses[0].addr_spec
    ok = ok and sorted(r["email"] for r in j["to"]) == sorted(a.addr_spec for a in orig["to"].addresses)
    ok = ok and j["body"].rstrip("\n") == body_of(orig) and j["message_id"] == orig["message-id"]
    ok = ok and sorted((a["filename"], a["size"]) for a in j["attachments"]) == \
        sorted((n, len(d)) for n, d in attachments_of(orig))
    tap.ok(ok, "show --json %s: subject, from, to, body, Message-ID, attachments" % os.path.basename(path),
           detail(p))
p = run(["show", imported.get(files[0], "Inbox:0")])
tap.ok(p.returncode == 0 and re.search(r"(?m)^Subject: +%s$" % re.escape(str(originals[files[0]]["subject"])),
                                       p.stdout) is not None, "show prints readable headers", detail(p))

p, j = run_json(["props", imported.get(files[0], "Inbox:0")])
props = {x["name"]: x for x in j} if p.returncode == 0 and isinstance(j, list) else {}
tap.ok(props.get("PidTagSubject", {}).get("value") == str(originals[files[0]]["subject"]) and
       props["PidTagSubject"]["tag"] == "0x0037001F" and props["PidTagSubject"]["type"] == "PtypString" and
       isinstance(props.get("PidTagMessageSize", {}).get("value"), int),
       "props --json of a message: named properties with tag, type and value", detail(p))
p, j = run_json(["props", "Inbox"])
tap.ok(p.returncode == 0 and any(x["name"] == "PidTagDisplayName" and x["value"] == "Inbox" for x in j),
       "props of a folder", detail(p))


def read_mboxrd(path):
    """mboxrd (what export-mbox writes): 'From ' separator lines, one '>' removed from ^>+From ."""
    msgs, cur = [], None
    with open(path, "rb") as f:
        for line in f:
            if line.startswith(b"From "):
                cur = []
                msgs.append(cur)
                continue
            if re.match(rb">+From ", line):
                line = line[1:]
            cur.append(line)
    return [email.message_from_bytes(b"".join(m), policy=email.policy.default) for m in msgs]


mbox = os.path.join(work, "inbox.mbox")
p = run(["export-mbox", "Inbox", mbox])
exported = read_mboxrd(mbox) if p.returncode == 0 else []
tap.ok(len(exported) == len(files), "export-mbox writes every message", detail(p))
by_id = {m["message-id"]: m for m in exported}
for path in files:
    orig = originals[path]
    got = by_id.get(orig["message-id"])
    ok = got is not None and str(got["subject"]) == str(orig["subject"])
    ok = ok and got["from"].addresses[0].addr_spec == orig["from"].addresses[0].addr_spec
    ok = ok and got["from"].addresses[0].display_name == orig["from"].addresses[0].display_name
    ok = ok and sorted(a.addr_spec for a in got["to"].addresses) == sorted(a.addr_spec for a in orig["to"].addresses)
    ok = ok and (orig["cc"] is None) == (got["cc"] is None)
    ok = ok and got["date"].datetime == orig["date"].datetime
    ok = ok and body_of(got) == body_of(orig) and attachments_of(got) == attachments_of(orig)
    tap.ok(ok, "export-mbox round trip of %s: headers, body, attachments" % os.path.basename(path),
           "" if got is None else got.as_string()[:1500])
p = run(["export-mbox", "Inbox", "-"])
tap.ok(p.returncode == 0 and len(re.findall(r"(?m)^From ", p.stdout)) == len(files) and "exported" not in p.stdout,
       "export-mbox to stdout writes only the mbox", detail(p))
with open(mbox, "rb") as f:
    raw = f.read()
tap.ok(b"\n>From now on" in raw, "export-mbox quotes a body line starting with 'From ' (mboxrd)", raw[:600])

# ---- messages: cp, mv, rm ----
mid = imported.get(files[0], "Inbox:0")
p = run(["cp", mid, "Drafts"])
p2, j = run_json(["ls", "Drafts"])
tap.ok(p.returncode == 0 and j is not None and [r["Subject"] for r in j] == [str(originals[files[0]]["subject"])],
       "cp of a message into a folder", detail(p) + detail(p2))
p = run(["mv", mid, "Deleted Items"])
_, inbox = run_json(["ls", "Inbox"])
_, deleted = run_json(["ls", "Deleted Items"])
tap.ok(p.returncode == 0 and inbox is not None and mid not in [r["id"] for r in inbox] and deleted is not None and
       len(deleted) == 1, "mv of a message into a folder", detail(p))
gone = deleted[0]["id"] if deleted else "Deleted Items:0"
p = run(["rm", gone])
_, deleted = run_json(["ls", "Deleted Items"])
tap.ok(p.returncode == 0 and deleted == [], "rm of a message", detail(p))

# ---- send alice -> bob ----
attach = os.path.join(work, "notes.txt")
with open(attach, "w") as f:
    f.write("some notes\n")
p, j = run_json(["send", "--to", "Bob <bob@example.org>", "--subject", "Lunch?", "--body", "At noon.",
                 "--attach", attach])
if p.returncode == 0:
    found = None
    for _ in range(50):
        q, rows = run_json(["ls", "Inbox"], user="bob")
        found = [r for r in rows or [] if r["Subject"] == "Lunch?"]
        if found:
            break
        time.sleep(0.2)
    tap.ok(bool(found), "send alice -> bob: the message arrives in bob's Inbox", detail(p))
    q, m = run_json(["show", found[0]["id"]] if found else ["show", "Inbox:0"], user="bob")
    tap.ok(m is not None and m["body"].startswith("At noon.") and [a["filename"] for a in m["attachments"]] ==
           ["notes.txt"], "bob reads the sent body and attachment", detail(q))
else:
    # no submission handler yet: the message stays in the Outbox and the MAPI error is printed
    tap.ok(p.returncode == 1 and j and j["error"]["name"] and "not submitted" in p.stderr and
           re.search(r"ec[A-Za-z]+ \(0x[0-9A-F]{8}\)", p.stderr) is not None,
           "send without a server submission handler: the MAPI error, exit 1", detail(p))
    skip("send alice -> bob: delivery to bob's Inbox", "the server refused the submission: %s" % j["error"]["name"]
         if j else "no answer")

subprocess.run(["rm", "-rf", work])
tap.done()
