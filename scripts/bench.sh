#!/bin/sh
# make bench: run every benchmark; each prints its figures beside a same-run baseline.
cd "$(dirname "$0")/.."
status=0
for b in build/bench/bench_*; do
	[ -x "$b" ] && [ -f "$b" ] || continue
	echo "== $(basename "$b")"
	"$b" || status=1
done
exit $status
