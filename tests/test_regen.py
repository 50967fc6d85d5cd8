#!/usr/bin/env python3
"""Regeneration test (TAP): the generated tables checked in under src/ are exactly what tools/gen makes from
tools/gen/data, and the data copies are those of ../shared/specs when that folder exists.

1. each generator, run into a temporary folder, reproduces the checked-in files byte for byte;
2. tools/gen/data/{proptags,property_sets,datatypes}.tsv equal ../shared/specs/ (skipped without ../shared/specs);
3. every ec* error name the specs in ../shared/specs use is in tools/gen/data/mapi_errors.tsv (skipped likewise;
   a few misspellings in the specs are listed below and not required)."""

import glob
import os
import re
import subprocess
import sys
import tempfile

REPO = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
SPECS = os.path.normpath(os.path.join(REPO, "..", "shared", "specs"))
GENERATORS = {
    "tools/gen/gen_proptags.py": ["src/mapi/mapi_proptags_gen.h", "src/mapi/mapi_proptags_gen.c"],
    "tools/gen/gen_mapi_errors.py": ["src/common/mapi_errors_gen.h", "src/common/mapi_errors_gen.c"],
}
DATA_COPIES = ["proptags.tsv", "property_sets.tsv", "datatypes.tsv"]
# Spellings in the spec texts that are typos of names in the table (ecNotCollapsed, ecNotSupported, ecNullObject).
SPEC_TYPOS = {"ecNotCollapased", "ecNotSuported", "ecNotSupport", "ecNullObiect"}

results = []


def check(ok, what, diag=None, skip=None):
    results.append((ok, what, diag, skip))


def read(path):
    with open(path, "rb") as f:
        return f.read()


def check_generators():
    with tempfile.TemporaryDirectory() as tmp:
        for gen, outputs in GENERATORS.items():
            run = subprocess.run([sys.executable, os.path.join(REPO, gen), "--outdir", tmp],
                                 capture_output=True, text=True)
            if run.returncode != 0:
                for out in outputs:
                    check(False, "%s regenerates %s" % (gen, out), run.stderr.strip())
                continue
            for out in outputs:
                fresh, kept = os.path.join(tmp, out), os.path.join(REPO, out)
                if not os.path.exists(kept):
                    check(False, "%s regenerates %s" % (gen, out), "not checked in")
                    continue
                same = read(fresh) == read(kept)
                check(same, "%s regenerates %s" % (gen, out),
                      None if same else "differs: run `make regen` and commit the result")


def check_data_copies():
    for name in DATA_COPIES:
        what = "tools/gen/data/%s equals ../shared/specs/%s" % (name, name)
        src = os.path.join(SPECS, name)
        if not os.path.isdir(SPECS):
            check(True, what, skip="../shared/specs not present")
        elif not os.path.exists(src):
            check(False, what, "../shared/specs/%s missing" % name)
        else:
            same = read(src) == read(os.path.join(REPO, "tools", "gen", "data", name))
            check(same, what, None if same else "copy differs from ../shared/specs")


def error_names():
    names = set()
    with open(os.path.join(REPO, "tools", "gen", "data", "mapi_errors.tsv"), encoding="utf-8") as f:
        header = None
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            row = dict(zip(header, cells))
            names.add(row["c_name"])
            names.update(a for a in row["alt_names"].split(",") if a)
    return names


def check_spec_error_names():
    what = "every ec* name used in ../shared/specs is in mapi_errors.tsv"
    if not os.path.isdir(SPECS):
        check(True, what, skip="../shared/specs not present")
        return
    used = set()
    paths = glob.glob(os.path.join(SPECS, "*.txt")) + glob.glob(os.path.join(SPECS, "*.md")) + \
        glob.glob(os.path.join(SPECS, "requirements", "*.tsv"))
    for p in paths:
        with open(p, encoding="utf-8", errors="replace") as f:
            used.update(re.findall(r"\bec[A-Z][A-Za-z0-9]*", f.read()))
    known = error_names()
    known_lower = {n.lower() for n in known}
    missing = sorted(n for n in used - SPEC_TYPOS if n not in known and n.lower() not in known_lower)
    check(not missing and len(used) > 0, what, "missing: " + ", ".join(missing) if missing else None)


def main():
    check_generators()
    check_data_copies()
    check_spec_error_names()
    print("1..%d" % len(results))
    failed = 0
    for i, (ok, what, diag, skip) in enumerate(results, 1):
        if skip:
            print("ok %d - %s # SKIP %s" % (i, what, skip))
            continue
        print("%s %d - %s" % ("ok" if ok else "not ok", i, what))
        if diag:
            for line in diag.splitlines():
                print("# " + line)
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
