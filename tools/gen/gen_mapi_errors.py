#!/usr/bin/env python3
"""Generates src/common/mapi_errors_gen.h and src/common/mapi_errors_gen.c from tools/gen/data/mapi_errors.tsv
(MS-OXCDATA 2.4 error, property error and warning codes; see the comment at the top of that file).

The header defines each code under its C name (`#define ecNotFound 0x8004010F`) and under every other ec* name
the specs use for it (ecAttachNotFound, ecNone ...), so protocol code can write the name its spec uses. The C file
has mapi_errors (sorted by value, for mapi_err_name) and a name index over the C names and all alternate names
(ec*, MAPI_E_*, MAPI_W_*, STG_E_*, SYNC_*, E_*) for mapi_err_from_name.

Checks: values unique, every name (ignoring case) belongs to one value, C names are identifiers.

Usage: gen_mapi_errors.py [--outdir DIR] [--datadir DIR]   (default: write into the repository)"""

import os
import sys

sys.dont_write_bytecode = True  # keep tools/gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genlib  # noqa: E402
from genlib import c_str, fail  # noqa: E402

INPUTS = ["mapi_errors.tsv"]


def load(datadir):
    rows = genlib.read_tsv(os.path.join(datadir, "mapi_errors.tsv"))
    for r in rows:
        r["code"] = int(r["value"], 16)
        r["alts"] = genlib.split_list(r["alt_names"])
        if r["value"] != "0x%08X" % r["code"]:
            fail("%s: value %s not written as 0xXXXXXXXX" % (r["c_name"], r["value"]))
        if not genlib.is_c_identifier(r["c_name"]):
            fail("%s: not a C identifier" % r["c_name"])
    rows.sort(key=lambda r: r["code"])
    owner = {}
    for i, r in enumerate(rows):
        if i > 0 and rows[i - 1]["code"] == r["code"]:
            fail("value 0x%08X twice (%s, %s)" % (r["code"], rows[i - 1]["c_name"], r["c_name"]))
        for n in [r["c_name"]] + r["alts"]:
            prev = owner.setdefault(n.lower(), r["code"])
            if prev != r["code"]:
                fail("name %s (ignoring case) used for 0x%08X and 0x%08X" % (n, prev, r["code"]))
    return rows


def gen_header(rows):
    out = genlib.banner("gen_mapi_errors.py", INPUTS)
    out += ["#ifndef MAPI_ERRORS_GEN_H", "#define MAPI_ERRORS_GEN_H", ""]
    out.append("/* MS-OXCDATA 2.4 codes by C name, then the other ec* names the specs use for the same value. */")
    for r in rows:
        out.append("#define %s 0x%08X /* %s, %s */" % (r["c_name"], r["code"], r["oxcdata_name"], r["section"]))
    out.append("")
    for r in rows:
        for a in r["alts"]:
            if a.startswith("ec") and genlib.is_c_identifier(a):
                out.append("#define %s %s" % (a, r["c_name"]))
    out += ["", "#endif"]
    return out


def gen_source(rows):
    pool = genlib.StringPool("alt_names")
    out = genlib.banner("gen_mapi_errors.py", INPUTS)
    out += ['#include "common/mapi_errors.h"', ""]
    refs = [pool.add(r["alts"]) for r in rows]
    out += pool.emit()
    out.append("")
    out += genlib.emit_table("mapi_err_info", "mapi_errors", [
        "0x%08X, %s, %s, %s, %s, %s" % (r["code"], c_str(r["c_name"]), c_str(r["oxcdata_name"]),
                                        c_str(r["section"]), c_str(r["meaning"]), alts)
        for r, alts in zip(rows, refs)])
    out.append("")
    out += genlib.emit_name_index("mapi_error_names", genlib.name_index(genlib.row_names(rows, "c_name")))
    return out


def main():
    outdir, datadir = genlib.parse_args(sys.argv[1:])
    rows = load(datadir)
    genlib.write_outputs(outdir, {
        "src/common/mapi_errors_gen.h": gen_header(rows),
        "src/common/mapi_errors_gen.c": gen_source(rows),
    })


if __name__ == "__main__":
    main()
