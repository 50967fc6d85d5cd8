#!/bin/sh
# make bench, second half: mapibench against a local warpd. Provisions a temporary data dir with users whose
# Inboxes are filled, starts warpd on an ephemeral port (plain HTTP with Basic, NotificationWait of 1 second
# so that sessions hold a pending wait part of the time), runs 10 and 100 sessions and prints the tables.
#   MAPIBENCH_SECONDS  length of each run (default 10)      MAPIBENCH_USERS  users (default 10)
#   MAPIBENCH_FILL     messages in each Inbox (default 50)   MAPIBENCH_SESSIONS  runs (default "10 100")
set -eu
cd "$(dirname "$0")/.."
B=$PWD/build
SECONDS_PER_RUN=${MAPIBENCH_SECONDS:-10}
NUSERS=${MAPIBENCH_USERS:-10}
FILL=${MAPIBENCH_FILL:-50}
RUNS=${MAPIBENCH_SESSIONS:-10 100}

DIR=$(mktemp -d)
PID=
cleanup() {
	[ -n "$PID" ] && kill "$PID" 2>/dev/null && wait "$PID" 2>/dev/null
	rm -rf "$DIR"
}
trap cleanup EXIT INT TERM

CONF=$DIR/warpcore.conf
WARPADM="$B/src/tools/warpadm --config $CONF"
$WARPADM init --org "Bench Org" --domain example.org --data-dir "$DIR/data" >/dev/null
sed -i -e 's|^#basic_over_plain_http = .*|basic_over_plain_http = on|' \
	-e 's|^#mapi_wait_timeout = .*|mapi_wait_timeout = 1|' "$CONF"
: >"$DIR/users"
i=1
while [ "$i" -le "$NUSERS" ]; do
	u=$(printf 'bench%02d' "$i")
	printf '%s-pw\n' "$u" | $WARPADM user add "$u" --password-file - >/dev/null
	dn=$($WARPADM user show "$u" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["legacy_dn"])')
	printf '%s\t%s-pw\t%s\n' "$u" "$u" "$dn" >>"$DIR/users"
	i=$((i + 1))
done

$B/src/server/warpd --config "$CONF" --foreground --no-tls --listen 127.0.0.1:0 --port-file "$DIR/port" \
	2>"$DIR/warpd.log" &
PID=$!
n=0
while [ ! -s "$DIR/port" ]; do
	n=$((n + 1))
	if [ "$n" -gt 200 ] || ! kill -0 "$PID" 2>/dev/null; then
		echo "mapibench.sh: warpd did not start:" >&2
		cat "$DIR/warpd.log" >&2
		exit 1
	fi
	sleep 0.05
done
URL="http://127.0.0.1:$(cat "$DIR/port")/mapi/emsmdb/"
echo "mapibench: warpd pid $PID on $URL, $NUSERS users with $FILL messages in their Inbox, $(nproc) cores"

fill=$FILL
for sessions in $RUNS; do
	$B/src/tools/mapibench --url "$URL" --users "$DIR/users" --auth basic --sessions "$sessions" \
		--seconds "$SECONDS_PER_RUN" --fill "$fill" --server-pid "$PID"
	fill=0 # the first run filled the Inboxes; the moves keep their size
	echo
done
