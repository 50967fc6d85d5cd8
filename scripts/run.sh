#!/bin/sh
# make run: a demo warpcore server under ./var, created on the first run and reused afterwards:
#   ./var/warpcore.conf          configuration (listen 127.0.0.1:8443 unless WARPCORE_LISTEN says otherwise)
#   ./var/data/                  directory database, mailboxes, tls/cert.pem + tls/key.pem (self-signed)
#   ./var/demo-passwords.txt     the generated passwords of alice and bob (mode 0600)
# then warpd in the foreground (Ctrl-C stops it). WARPCORE_LISTEN=HOST:PORT picks another address.
set -eu
cd "$(dirname "$0")/.."
B=build
VAR=$PWD/var
CONF=$VAR/warpcore.conf
LISTEN=${WARPCORE_LISTEN:-127.0.0.1:8443}
WARPADM="$B/src/tools/warpadm --config $CONF"

if [ ! -f "$CONF" ]; then
	echo "run: first start: provisioning a demo organisation under ./var"
	umask 077
	mkdir -p "$VAR/data/tls"
	openssl req -x509 -newkey rsa:2048 -nodes -days 825 -subj "/CN=localhost" \
		-addext "subjectAltName=DNS:localhost,IP:127.0.0.1" \
		-keyout "$VAR/data/tls/key.pem" -out "$VAR/data/tls/cert.pem" >/dev/null 2>&1
	$WARPADM init --org "Demo Org" --domain example.org --data-dir "$VAR/data" >/dev/null
	# the template lists every key commented out: set the demo's listen address and host name
	sed -i -e "s|^#listen = .*|listen = 127.0.0.1:8443|" -e "s|^#hostname = .*|hostname = localhost|" "$CONF"
	: >"$VAR/demo-passwords.txt"
	chmod 600 "$VAR/demo-passwords.txt"
	for u in alice:"Alice Demo" bob:"Bob Demo"; do
		alias=${u%%:*}
		pw=$(head -c 12 /dev/urandom | base64 | tr -d '/+=' | cut -c1-14)
		printf '%s\n' "$pw" | $WARPADM user add "$alias" --display-name "${u#*:}" --password-file - >/dev/null
		$WARPADM mailbox create "$alias" >/dev/null
		printf '%s@example.org %s\n' "$alias" "$pw" >>"$VAR/demo-passwords.txt"
	done
	umask 022
fi

$B/src/server/warpd --config "$CONF" --check >/dev/null
PORT=${LISTEN##*:}
cat <<EOT

warpcore demo server
  Autodiscover:  https://localhost:$PORT/autodiscover/autodiscover.xml   (self-signed certificate)
  users:         alice@example.org, bob@example.org (or "alice", or "WARPCORE\\alice")
  passwords:     $VAR/demo-passwords.txt
  configuration: $CONF
  try:           curl -k --ntlm -u alice@example.org:PASSWORD -H 'X-MapiHttpCapability: 1' \\
                   --data-binary @tests/integration/autodiscover-request.xml \\
                   https://localhost:$PORT/autodiscover/autodiscover.xml
  MAPI/HTTP: https://localhost:$PORT/mapi/emsmdb/ (ROP handlers in progress),
             https://localhost:$PORT/mapi/nspi/ (address book). Ctrl-C stops the server.

EOT
exec $B/src/server/warpd --config "$CONF" --foreground --listen "$LISTEN"
