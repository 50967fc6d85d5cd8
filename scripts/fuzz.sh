#!/bin/sh
# make fuzz [SECONDS_PER_TARGET=60]: run every libFuzzer target, growing its corpus in fuzz/corpus/<name>.
set -e
cd "$(dirname "$0")/.."
secs=${1:-60}
[ -f build-fuzz/build.ninja ] || CC=clang meson setup build-fuzz --buildtype=debugoptimized -Dfuzz=true \
	-Dtests=false -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
ninja -C build-fuzz >/dev/null
mkdir -p fuzz/artifacts
for t in build-fuzz/fuzz/fuzz_*; do
	[ -f "$t" ] && [ -x "$t" ] || continue
	name=$(basename "$t" | sed 's/^fuzz_//')
	echo "== $name: ${secs}s"
	"$t" -max_total_time="$secs" -rss_limit_mb=2048 -artifact_prefix=fuzz/artifacts/ "fuzz/corpus/$name" 2>&1 |
		grep -E '^(#[0-9]+ *DONE|Done|==[0-9]+==ERROR|SUMMARY)' || true
done
