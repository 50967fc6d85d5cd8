#!/usr/bin/env python3
"""Generates src/mapi/mapi_proptags_gen.h and src/mapi/mapi_proptags_gen.c from tools/gen/data/proptags.tsv,
property_sets.tsv and datatypes.tsv (copies of the facts in specs/, see specs/README.md).

The header has a macro per tagged property (PidTag*, MetaTag*, and PR_* rows whose name is not used for another
tag), the MS-OXCDATA 2.11.1 type codes (Ptyp*) and the property set GUID constants (MS-OXPROPS 1.3.2). The C file
has the tables behind the lookups of mapi_proptags.c:
  mapi_proptags       tagged properties sorted by (tag, PidTag before MetaTag before PR_, name)
  mapi_named_props    named properties sorted by (property set, LID before string name, LID / name, name)
  mapi_propsets, mapi_types, and name indexes (wc_table.h) for the by-name lookups.

Three properties have two data types in MS-OXPROPS (PidTagTelexNumber, PidTagAddressBookHomeMessageDatabase,
PidTagAddressBookIsMemberOfDistributionList). Their rows keep the canonical name, but their macros are the name
plus "_" plus the type name (PidTagTelexNumber_PtypString, PidTagTelexNumber_PtypMultipleBinary) and no macro
has the bare name, so code has to say which one it means. Both suffixed names are also in the name index.

Usage: gen_proptags.py [--outdir DIR] [--datadir DIR]   (default: write into the repository)"""

import os
import sys

sys.dont_write_bytecode = True  # keep tools/gen free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import genlib  # noqa: E402
from genlib import c_str, fail  # noqa: E402

INPUTS = ["proptags.tsv", "property_sets.tsv", "datatypes.tsv"]
MNID_ID, MNID_STRING = 0, 1


def name_rank(name):
    """Which of several names for one tag comes first: MS-OXPROPS names, then MS-OXCFXICS MetaTag names, then
    PR_* stand-ins."""
    if name.startswith("PidTag"):
        return 0
    if name.startswith("MetaTag"):
        return 1
    return 2


def load(datadir):
    types = genlib.read_tsv(os.path.join(datadir, "datatypes.tsv"))
    sets = genlib.read_tsv(os.path.join(datadir, "property_sets.tsv"))
    props = genlib.read_tsv(os.path.join(datadir, "proptags.tsv"))
    type_code = {}
    for t in types:
        type_code[t["data_type_name"]] = int(t["data_type_hex"], 16)
    set_index = {s["property_set"]: i for i, s in enumerate(sets)}

    tagged, named = [], []
    for p in props:
        tname = p["data_type_name"]
        if tname not in type_code or type_code[tname] != int(p["data_type_hex"], 16):
            fail("%s: type %s %s not in datatypes.tsv" % (p["canonical_name"], tname, p["data_type_hex"]))
        alts = genlib.split_list(p["alternate_names"])
        if p["kind"] == "tagged":
            tag = (int(p["property_id"], 16) << 16) | type_code[tname]
            tagged.append({"tag": tag, "name": p["canonical_name"], "type": tname, "alts": alts})
        elif p["kind"] == "named":
            if p["property_set"] not in set_index:
                fail("%s: unknown property set %s" % (p["canonical_name"], p["property_set"]))
            if p["lid"]:
                kind, lid, sname = MNID_ID, int(p["lid"], 16), None
            else:
                kind, lid, sname = MNID_STRING, 0, p["string_name"]
                if not sname:
                    fail("%s: neither LID nor string name" % p["canonical_name"])
            named.append({"name": p["canonical_name"], "set": set_index[p["property_set"]], "kind": kind,
                          "lid": lid, "sname": sname, "type": tname, "code": type_code[tname], "alts": alts})
        else:
            fail("%s: unknown kind %s" % (p["canonical_name"], p["kind"]))

    tagged.sort(key=lambda r: (r["tag"], name_rank(r["name"]), r["name"]))
    named.sort(key=lambda r: (r["set"], r["kind"], r["lid"], (r["sname"] or "").encode("ascii"), r["name"]))
    return types, sets, tagged, named


def tagged_macros(tagged):
    """[(macro, tag, row)] in table order, following the rules in the module comment."""
    by_name = {}
    for r in tagged:
        by_name.setdefault(r["name"], set()).add(r["tag"])
    # every tag a string stands for, as canonical or alternate name, to find PR_* names that collide
    tags_of = {}
    for r in tagged:
        for n in [r["name"]] + r["alts"]:
            tags_of.setdefault(n, set()).add(r["tag"])
    macros = []
    for i, r in enumerate(tagged):
        name = r["name"]
        if name.startswith(("PidTag", "MetaTag")):
            macro = name if len(by_name[name]) == 1 else name + "_" + r["type"]
        elif name.startswith("PR_"):
            if len(tags_of[name]) != 1:
                continue
            macro = name
        else:
            fail("unexpected tagged name %s" % name)
        if not genlib.is_c_identifier(macro):
            continue
        macros.append((macro, r["tag"], i))
    seen = set()
    for m, _, _ in macros:
        if m in seen:
            fail("duplicate macro %s" % m)
        seen.add(m)
    return macros


def gen_header(types, sets, macros):
    out = genlib.banner("gen_proptags.py", INPUTS)
    out += ["#ifndef MAPI_PROPTAGS_GEN_H", "#define MAPI_PROPTAGS_GEN_H", "", '#include "common/wc_buf.h"', ""]
    out.append("/* MS-OXCDATA 2.11.1 property data types (PtypObject and PtypEmbeddedTable share 0x000D) */")
    for t in types:
        out.append("#define %s %s" % (t["data_type_name"], t["data_type_hex"]))
    out.append("")
    out.append("/* MS-OXPROPS 1.3.2 property sets (and three more the MAPI reference names, see property_sets.tsv) */")
    for s in sets:
        out.append("extern const struct wc_guid %s; /* %s */" % (s["property_set"], s["guid"]))
    out.append("")
    out.append("/* Tagged properties: PropertyTag = property ID << 16 | data type (MS-OXCDATA 2.9). PidTag* from")
    out.append(" * MS-OXPROPS, MetaTag* from MS-OXCFXICS, PR_* where no source has a canonical name (only where the")
    out.append(" * PR_* name means a single tag). Two-type properties: name_Ptyp* (see tools/gen/gen_proptags.py). */")
    for macro, tag, _ in macros:
        out.append("#define %s 0x%08X" % (macro, tag))
    out += ["", "#endif"]
    return out


def gen_source(types, sets, tagged, named, macros):
    pool = genlib.StringPool("alt_names")
    out = genlib.banner("gen_proptags.py", INPUTS)
    out += ['#include "mapi/mapi_proptags.h"', ""]

    for s in sets:
        out.append("const struct wc_guid %s = %s;" % (s["property_set"], genlib.guid_initializer(s["guid"])))
    out.append("")

    type_rows = [(int(t["data_type_hex"], 16), t["data_type_name"], pool.add(genlib.split_list(t["mapi_pt_names"])))
                 for t in types]
    tag_rows = [(r["tag"], r["name"], r["type"], pool.add(r["alts"])) for r in tagged]
    named_rows = [(r, pool.add(r["alts"])) for r in named]

    out += pool.emit()
    out.append("")
    out += genlib.emit_table("mapi_propset_info", "mapi_propsets",
                             ["%s, &%s" % (c_str(s["property_set"]), s["property_set"]) for s in sets])
    out.append("")
    out += genlib.emit_table("mapi_type_info", "mapi_types",
                             ["0x%04X, %s, %s" % (code, c_str(name), alts) for code, name, alts in type_rows])
    out.append("")
    out += genlib.emit_table("mapi_proptag_info", "mapi_proptags",
                             ["0x%08X, %s, %s, %s" % (tag, c_str(name), c_str(tname), alts)
                              for tag, name, tname, alts in tag_rows])
    out.append("")
    entries = genlib.row_names(tagged, "name") + [(m, 0, row) for m, _, row in macros]
    out += genlib.emit_name_index("mapi_proptag_names", genlib.name_index(entries))
    out.append("")
    out += genlib.emit_table("mapi_named_prop_info", "mapi_named_props", [
        "%s, &mapi_propsets[%d], %s, 0x%04X, 0x%08X, %s, %s, %s" %
        (c_str(r["name"]), r["set"], "MNID_ID" if r["kind"] == MNID_ID else "MNID_STRING", r["code"], r["lid"],
         c_str(r["sname"]) if r["sname"] is not None else "NULL", c_str(r["type"]), alts)
        for r, alts in named_rows])
    out.append("")
    out += genlib.emit_name_index("mapi_named_prop_names", genlib.name_index(genlib.row_names(named, "name")))
    return out


def main():
    outdir, datadir = genlib.parse_args(sys.argv[1:])
    types, sets, tagged, named = load(datadir)
    macros = tagged_macros(tagged)
    genlib.write_outputs(outdir, {
        "src/mapi/mapi_proptags_gen.h": gen_header(types, sets, macros),
        "src/mapi/mapi_proptags_gen.c": gen_source(types, sets, tagged, named, macros),
    })


if __name__ == "__main__":
    main()
