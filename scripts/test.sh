#!/bin/sh
# make test: unit tests (gcc, -Werror), the same tests under ASan+UBSan, and a fuzz smoke run of every
# libFuzzer target (clang), ending with one line "N passed, N failed[, N skipped]".
set -u
cd "$(dirname "$0")/.."
FUZZ_SECONDS=${FUZZ_SECONDS:-10}
failed_steps=0
logs=""

step() { printf '\n== %s\n' "$*"; }

setup() { # dir, extra meson args...
	dir=$1; shift
	if [ ! -f "$dir/build.ninja" ]; then
		meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
	fi
}

run_suite() { # dir
	if ! ninja -C "$1" >"$1.ninja.log" 2>&1; then
		cat "$1.ninja.log"; failed_steps=$((failed_steps + 1)); return
	fi
	meson test -C "$1" --no-rebuild --print-errorlogs --num-processes 2 || true
	logs="$logs $1/meson-logs/testlog.json"
}

step "unit and integration tests (gcc)"
mkdir -p build
if setup build --buildtype=debugoptimized; then run_suite build; else failed_steps=$((failed_steps + 1)); fi

step "unit tests under AddressSanitizer + UndefinedBehaviorSanitizer"
if setup build-asan --buildtype=debug -Db_sanitize=address,undefined -Db_lundef=false; then
	run_suite build-asan
else
	failed_steps=$((failed_steps + 1))
fi

step "fuzz smoke: each libFuzzer target for ${FUZZ_SECONDS}s from its seed corpus (clang)"
fuzz_pass=0
fuzz_fail=0
if CC=clang setup build-fuzz --buildtype=debugoptimized -Dfuzz=true -Dtests=false \
	-Db_sanitize=address,undefined -Db_lundef=false && ninja -C build-fuzz >build-fuzz.ninja.log 2>&1; then
	for t in build-fuzz/fuzz/fuzz_*; do
		[ -f "$t" ] && [ -x "$t" ] || continue
		name=$(basename "$t" | sed 's/^fuzz_//')
		work=$(mktemp -d)
		if "$t" -max_total_time="$FUZZ_SECONDS" -rss_limit_mb=2048 -artifact_prefix="$work/" \
			"$work" "fuzz/corpus/$name" >"$work/log" 2>&1; then
			fuzz_pass=$((fuzz_pass + 1))
			echo "ok - fuzz $name ($(grep -o 'Done [0-9]* runs' "$work/log" | tail -1))"
		else
			fuzz_fail=$((fuzz_fail + 1))
			echo "not ok - fuzz $name"
			tail -40 "$work/log"
			mkdir -p fuzz/artifacts && cp "$work"/crash-* "$work"/leak-* "$work"/timeout-* fuzz/artifacts/ 2>/dev/null
		fi
		rm -rf "$work"
	done
else
	cat build-fuzz.ninja.log 2>/dev/null | tail -30
	failed_steps=$((failed_steps + 1))
fi

set -- $(python3 scripts/count_tests.py $logs)
passed=$(( $1 + fuzz_pass ))
failed=$(( $2 + fuzz_fail + failed_steps ))
skipped=$3
echo
if [ "$skipped" -gt 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]
