#!/usr/bin/env python3
"""make test's run of the whole conformance suite against a fresh warpd: a warpd on an ephemeral port with a
user provisioned by warpadm (tests/integration/emsmdb_client.py Server), then `mapitest --tap` on every
suite, whose TAP goes to meson as it is. mapitest exits non-zero when a test failed, and so does this.

usage: test_mapitest.py PATH/TO/warpd PATH/TO/warpadm PATH/TO/mapitest"""
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from emsmdb_client import Server  # noqa: E402

WARPD, WARPADM, MAPITEST = sys.argv[1:4]
server = Server(WARPD, WARPADM, {"mapitest": "conformance-pw", "mtpeer": "peer-pw", "mtpeer2": "peer2-pw"})
# the directory the NSPI suite pages and resolves in: person fields, two more users whose display names begin
# with the same word (an ambiguous ANR prefix), a group with members and a contact
server.warpadm("user", "set", "mapitest", "--display-name", "Mapitest Conformance", "--given-name", "Mapi",
               "--surname", "Tester", "--title", "Conformance Runner")
server.warpadm("user", "set", "mtpeer", "--display-name", "Peerless Ada")
server.warpadm("user", "set", "mtpeer2", "--display-name", "Peerless Bob")
server.warpadm("group", "add", "mtstaff", "--display-name", "Staff of Mapitest")
server.warpadm("group", "members", "mtstaff", "--add", "mapitest", "--add", "mtpeer")
server.warpadm("contact", "add", "mtext", "--display-name", "External Eve", "--email", "eve@elsewhere.example")
password_file = os.path.join(server.dir, "mapitest.pw")
rc = subprocess.run([MAPITEST, "--url", "http://127.0.0.1:%d" % server.port, "--user", "mapitest",
                     "--password-file", password_file, "--user-dn", server.dn["mapitest"], "--tap"],
                    timeout=900).returncode
if rc != 0:
    print("# warpd log:")
    for line in open(os.path.join(server.dir, "warpd.log")).read().splitlines()[-30:]:
        print("#   " + line)
sys.exit(rc)
