#!/bin/sh
# make run: the server (warpd) does not exist yet; say what is built and how to use it.
cd "$(dirname "$0")/.."
echo "warpcore $(sed -n "s/.*version : '\(.*\)'.*/\1/p" meson.build | head -1): the codec layer is built."
echo "The warpd server is not written yet (see README.md, Status). Built tools:"
for t in build/src/tools/*; do [ -x "$t" ] && [ -f "$t" ] && echo "  $t"; done
exit 0
