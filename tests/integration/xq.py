#!/usr/bin/env python3
"""Prints values out of an Autodiscover response with Python's own XML parser (xml.etree), one per line.
usage: xq.py FILE PATH...   PATH is an ElementTree path from the root, with the prefixes r: (responseschema/
2006) and a: (outlook/responseschema/2006a); a trailing /@NAME prints an attribute. A path that matches
nothing, or an attribute that is absent, prints "<none>"; several matches print each."""
import sys
import xml.etree.ElementTree as ET

NS = {"r": "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006",
      "a": "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a"}
root = ET.parse(sys.argv[1]).getroot()
for path in sys.argv[2:]:
    attr = None
    if "/@" in path:
        path, attr = path.rsplit("/@", 1)
    found = root.findall(path, NS) if path not in ("", ".") else [root]
    if not found:
        print("<none>")
    for e in found:
        v = e.get(attr, "<none>") if attr else (e.text or "").strip()
        print(v)
