#!/usr/bin/env python3
"""Counts test cases in a meson testlog.json: each TAP 'ok'/'not ok' line is one case (a skipped case, marked
'# SKIP', counts as skipped); a test executable that failed without reporting a failing case counts as one
failure. Prints 'passed failed skipped' for scripts/test.sh."""
import json
import re
import sys

passed = failed = skipped = 0
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8", errors="replace").read().splitlines()
    except FileNotFoundError:
        continue
    for line in lines:
        if not line.strip():
            continue
        t = json.loads(line)
        out = t.get("stdout", t.get("stdo", "")) or ""
        p = f = s = 0
        for l in out.splitlines():
            if re.match(r"^\s*not ok\b", l):
                f += 1
            elif re.match(r"^\s*ok\b", l):
                if re.search(r"#\s*skip", l, re.I):
                    s += 1
                else:
                    p += 1
        if t.get("result") not in ("OK", "SKIP", "EXPECTEDFAIL") and f == 0:
            f = 1
        if t.get("result") == "SKIP" and p + f + s == 0:
            s = 1
        passed += p
        failed += f
        skipped += s
print(passed, failed, skipped)
