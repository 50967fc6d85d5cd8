#!/bin/sh
# Integration test: real warpd servers on ephemeral ports with a directory provisioned by warpadm, driven by
# curl (its own NTLM client), impacket's NTLM messages (tests/integration/ntlm_client.py) and Python's XML
# parser. Prints TAP. Usage: test_warpd.sh PATH/TO/warpd PATH/TO/warpadm
set -u
WARPD=$1
WARPADM=$2
HERE=$(cd "$(dirname "$0")" && pwd)
T=$(mktemp -d)
PIDS=""
cleanup() {
	for p in $PIDS; do kill -KILL "$p" 2>/dev/null; done
	rm -rf "$T"
}
trap cleanup EXIT
n=0

report() { # STATUS DESCRIPTION [FILE TO SHOW ON FAILURE]
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		printf 'ok %d - %s\n' "$n" "$2"
	else
		printf 'not ok %d - %s\n' "$n" "$2"
		[ -n "${3:-}" ] && [ -f "$3" ] && sed 's/^/#   /' "$3" | head -40
	fi
}
check() { # DESCRIPTION COMMAND...: passes when the command succeeds
	d=$1
	shift
	if "$@" >"$T/check.out" 2>&1; then report 0 "$d"; else report 1 "$d" "$T/check.out"; fi
}

# The Python that has impacket (Debian's python3-impacket lives in /usr/bin/python3's path).
PY_IMPACKET=""
for py in python3 /usr/bin/python3; do
	if "$py" -c "import impacket.ntlm" 2>/dev/null; then PY_IMPACKET=$py; break; fi
done

# ---- provisioning
CONF=$T/etc/warpcore.conf
"$WARPADM" --config "$CONF" init --org "Example Org" --domain example.org --data-dir "$T/data" >/dev/null
printf 'Alice pw 1\n' >"$T/alice.pw"
printf 'Bob pw 2\n' >"$T/bob.pw"
"$WARPADM" --config "$CONF" user add alice --display-name "Alice Liddell" --proxy al@example.org \
	--password-file "$T/alice.pw" >/dev/null
"$WARPADM" --config "$CONF" user add bob --password-file "$T/bob.pw" >/dev/null
"$WARPADM" --config "$CONF" user add carol --password-file "$T/bob.pw" --disabled >/dev/null
GUID=$("$WARPADM" --config "$CONF" user show alice --json |
	python3 -c "import json,sys; print(json.load(sys.stdin)['mailbox_guid'].strip('{}').lower())")
# config variants: plain HTTP with small bodies; the same with Basic allowed on plain HTTP
sed -e 's/^#max_request_size = .*/max_request_size = 4096/' "$CONF" >"$T/plain.conf"
sed -e 's/^#basic_over_plain_http = .*/basic_over_plain_http = on/' "$T/plain.conf" >"$T/plainbasic.conf"

# start NAME CONF [ARGS...]: starts warpd in the background; sets PORT and PID.
start() {
	name=$1
	conf=$2
	shift 2
	rm -f "$T/$name.port"
	"$WARPD" --config "$conf" --foreground --port-file "$T/$name.port" "$@" 2>"$T/$name.log" &
	PID=$!
	PIDS="$PIDS $PID"
	i=0
	while [ ! -s "$T/$name.port" ] && [ $i -lt 100 ]; do
		sleep 0.05
		i=$((i + 1))
	done
	PORT=$(cat "$T/$name.port" 2>/dev/null || echo 0)
}

# stop PID: SIGTERM, waits; sets RC.
stop() {
	kill -TERM "$1"
	wait "$1"
	RC=$?
}

AD_BODY='<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
  <Request>
    <EMailAddress>%s</EMailAddress>
    <AcceptableResponseSchema>%s</AcceptableResponseSchema>
  </Request>
</Autodiscover>'
S2006A=http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a
adbody() { printf "$AD_BODY" "$1" "${2:-$S2006A}" >"$T/req.xml"; }

# http NAME CURL-ARGS...: curl into $T/NAME.{hdr,body}; prints the status code.
http() {
	name=$1
	shift
	curl -s -o "$T/$name.body" -D "$T/$name.hdr" -w '%{http_code}' --max-time 20 "$@"
}

# ---- command line and --check
"$WARPD" --help >"$T/out" 2>&1
check "--help exits 0 and shows the synopsis" grep -q "usage: warpd \[--config FILE\]" "$T/out"
"$WARPD" --bogus >"$T/out" 2>&1
check "an unknown option exits 1" test $? = 1
"$WARPD" --config "$T/plain.conf" --check --no-tls >"$T/out" 2>&1
check "--check on a good configuration (plain HTTP) exits 0" test $? = 0
"$WARPD" --config "$CONF" --check >"$T/out" 2>&1
rc=$?
check "--check with TLS on and no certificate exits 2" test $rc = 2
check "... naming the certificate file" grep -q "tls/cert.pem" "$T/out"
printf '[server]\nlisen = *:1\n' >"$T/bad.conf"
"$WARPD" --config "$T/bad.conf" --check >"$T/out" 2>&1
rc=$?
check "--check on an unknown key exits 2" test $rc = 2
check "... and names FILE:LINE" grep -q "bad.conf:2: unknown key 'lisen'" "$T/out"
sed -e 's/^#basic = .*/basic = off/' -e 's/^#ntlm = .*/ntlm = off/' "$T/plain.conf" >"$T/noauth.conf"
"$WARPD" --config "$T/noauth.conf" --check --no-tls >"$T/out" 2>&1
check "--check refuses a configuration where nobody can log in" test $? = 2
"$WARPD" --config "$T/nonexistent.conf" --check >"$T/out" 2>&1
check "--check on a missing file exits 2" test $? = 2

# ---- plain HTTP server
start plain "$T/plain.conf" --listen 127.0.0.1:0 --no-tls
check "warpd wrote its ephemeral port" test "$PORT" -gt 0
check "warpd says where it listens" grep -q "warpd: listening on 127.0.0.1:$PORT" "$T/plain.log"
URL=http://127.0.0.1:$PORT/autodiscover/autodiscover.xml
adbody alice@example.org

code=$(http noauth -X POST --data-binary @"$T/req.xml" "$URL")
check "no credentials: 401" test "$code" = 401
check "... offering NTLM" grep -qi "^WWW-Authenticate: NTLM" "$T/noauth.hdr"
if grep -qi "^WWW-Authenticate: Basic" "$T/noauth.hdr"; then s=1; else s=0; fi
report $s "... and not Basic on plain HTTP" "$T/noauth.hdr"
code=$(http basicplain -u 'alice:Alice pw 1' --basic -X POST --data-binary @"$T/req.xml" "$URL")
check "Basic with the right password is refused on plain HTTP" test "$code" = 401

code=$(http ntlm --ntlm -u 'alice:Alice pw 1' -H 'X-MapiHttpCapability: 1' --data-binary @"$T/req.xml" "$URL")
check "curl --ntlm with the right password: 200" test "$code" = 200
"$HERE/xq.py" "$T/ntlm.body" a:Response/a:User/a:DisplayName a:Response/a:User/a:LegacyDN \
	a:Response/a:User/a:AutoDiscoverSMTPAddress a:Response/a:Account/a:AccountType \
	a:Response/a:Account/a:Action a:Response/a:Account/a:MicrosoftOnline \
	a:Response/a:Account/a:Protocol/@Type a:Response/a:Account/a:Protocol/@Version \
	a:Response/a:Account/a:Protocol/a:MailStore/a:InternalUrl \
	a:Response/a:Account/a:Protocol/a:MailStore/a:ExternalUrl \
	a:Response/a:Account/a:Protocol/a:AddressBook/a:InternalUrl \
	a:Response/a:Account/a:Protocol/a:AddressBook/a:ExternalUrl >"$T/got" 2>&1
cat >"$T/want" <<EOF
Alice Liddell
/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn=alice
alice@example.org
email
settings
False
mapiHttp
1
http://127.0.0.1:$PORT/mapi/emsmdb/?MailboxId=$GUID@example.org
http://127.0.0.1:$PORT/mapi/emsmdb/?MailboxId=$GUID@example.org
http://127.0.0.1:$PORT/mapi/nspi/?MailboxId=$GUID@example.org
http://127.0.0.1:$PORT/mapi/nspi/?MailboxId=$GUID@example.org
EOF
diff "$T/want" "$T/got" >"$T/diff" 2>&1
report $? "mapiHttp autodiscover response has the exact User, Account and URL values" "$T/diff"
"$HERE/xq.py" "$T/ntlm.body" a:Response/a:User/a:DeploymentId >"$T/got"
check "... and a DeploymentId GUID" grep -Eq '^[0-9a-f]{8}-[0-9a-f]{4}-3[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$' "$T/got"
check "the log has the request with its ID and user" grep -Eq "req=[0-9a-f]{4}-[0-9a-f]{6} .* POST /autodiscover/autodiscover.xml -> 200 .* user=alice" "$T/plain.log"
if grep -q "Alice pw 1" "$T/plain.log"; then s=1; else s=0; fi
report $s "the log never shows a password"

code=$(http exch --ntlm -u 'alice:Alice pw 1' --data-binary @"$T/req.xml" "$URL")
check "autodiscover without X-MapiHttpCapability: 200" test "$code" = 200
"$HERE/xq.py" "$T/exch.body" a:Response/a:Account/a:Protocol/a:Type a:Response/a:Account/a:Protocol/a:Server \
	a:Response/a:Account/a:Protocol/a:ServerDN a:Response/a:Account/a:Protocol/a:MdbDN \
	a:Response/a:Account/a:Protocol/a:AD a:Response/a:Account/a:Protocol/a:SSL \
	a:Response/a:Account/a:Protocol/@Type >"$T/got" 2>&1
DNP="/o=Example Org/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Configuration/cn=Servers/cn=$GUID@example.org"
cat >"$T/want" <<EOF
EXCH
EXPR
$GUID@example.org
127.0.0.1:$PORT
$DNP
$DNP/cn=Microsoft Private MDB
127.0.0.1
Off
<none>
<none>
EOF
diff "$T/want" "$T/got" >"$T/diff" 2>&1
report $? "EXCH/EXPR autodiscover response: types, servers, DNs, AD, SSL" "$T/diff"

# login name forms (all NTLM through curl)
for login in 'WARPCORE\alice' 'alice@example.org' 'al@example.org' 'ALICE'; do
	code=$(http form --ntlm -u "$login:Alice pw 1" -H 'X-MapiHttpCapability: 1' --data-binary @"$T/req.xml" "$URL")
	check "NTLM login as '$login': 200" test "$code" = 200
done
for login in 'OTHERDOM\alice' 'nobody' 'carol'; do
	code=$(http form --ntlm -u "$login:Bob pw 2" --data-binary @"$T/req.xml" "$URL")
	check "NTLM login as '$login' (foreign domain, unknown, disabled): 401" test "$code" = 401
done
code=$(http badpw --ntlm -u 'alice:alice pw 1' --data-binary @"$T/req.xml" "$URL")
check "curl --ntlm with a wrong password: 401" test "$code" = 401
check "... offering NTLM again" grep -qi "^WWW-Authenticate: NTLM$(printf '\r')\$" "$T/badpw.hdr"
check "the failure is logged without the password" grep -q "authentication failed: NTLM" "$T/plain.log"

# impacket: an independent NTLM implementation, handshake on one keep-alive connection
if [ -n "$PY_IMPACKET" ]; then
	out=$("$PY_IMPACKET" "$HERE/ntlm_client.py" "$PORT" /autodiscover/autodiscover.xml alice 'Alice pw 1' WARPCORE v2 "$T/req.xml" 2>&1)
	check "impacket NTLMv2: 401 challenge, 200, 200 on the same connection, 401 on a new one ($out)" test "$out" = "401 200 200 401"
	out=$("$PY_IMPACKET" "$HERE/ntlm_client.py" "$PORT" /autodiscover/autodiscover.xml alice 'Alice pw 1' '' v1-ess "$T/req.xml" 2>&1)
	check "impacket NTLMv1 with extended session security: accepted ($out)" test "$out" = "401 200 200 401"
	out=$("$PY_IMPACKET" "$HERE/ntlm_client.py" "$PORT" /autodiscover/autodiscover.xml alice 'Alice pw 1' '' v1 "$T/req.xml" 2>&1)
	check "impacket plain NTLMv1: refused ($out)" test "$out" = "401 401 401 401"
	out=$("$PY_IMPACKET" "$HERE/ntlm_client.py" "$PORT" /autodiscover/autodiscover.xml alice 'wrong' WARPCORE v2 "$T/req.xml" 2>&1)
	check "impacket NTLMv2 with a wrong password: 401 ($out)" test "$out" = "401 401 401 401"
	out=$("$PY_IMPACKET" "$HERE/ntlm_client.py" "$PORT" /autodiscover/autodiscover.xml bob 'Bob pw 2' example.org v2 "$T/req.xml" 2>&1)
	check "impacket NTLMv2 as bob with the DNS domain ($out)" test "$out" = "401 200 200 401"
else
	report 1 "impacket (python3-impacket) is installed: make deps installs it"
fi

# autodiscover errors (as alice)
ad_error() { # DESCRIPTION EXPECTED-CODE: posts $T/req.xml and checks ErrorCode
	code=$(http aderr --ntlm -u 'alice:Alice pw 1' -H 'X-MapiHttpCapability: 1' --data-binary @"$T/req.xml" "$URL")
	got=$("$HERE/xq.py" "$T/aderr.body" .//r:ErrorCode .//a:ErrorCode 2>&1 | grep -v '<none>')
	if [ "$code" = 200 ] && [ "$got" = "$2" ]; then report 0 "$1"; else report 1 "$1 (HTTP $code, ErrorCode '$got')" "$T/aderr.body"; fi
}
adbody nobody@example.org
ad_error "unknown address: ErrorCode 500" 500
check "... with the spec's message" grep -q "<Message>The email address can't be found.</Message>" "$T/aderr.body"
adbody bob@example.org
ad_error "another user's mailbox: ErrorCode 500" 500
adbody al@example.org
code=$(http proxy --ntlm -u 'alice:Alice pw 1' -H 'X-MapiHttpCapability: 1' --data-binary @"$T/req.xml" "$URL")
"$HERE/xq.py" "$T/proxy.body" a:Response/a:User/a:AutoDiscoverSMTPAddress >"$T/got"
check "a proxy address gives the primary AutoDiscoverSMTPAddress" test "$(cat "$T/got")" = alice@example.org
printf '<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006"><Request>' >"$T/req.xml"
ad_error "XML that is not well-formed: ErrorCode 600" 600
check "... 'Invalid Request'" grep -q "<Message>Invalid Request</Message>" "$T/aderr.body"
adbody alice@example.org http://schemas.microsoft.com/exchange/autodiscover/mobilesync/responseschema/2006
ad_error "another response schema: ErrorCode 601" 601
adbody alice@example.org
sed 's/requestschema\/2006/requestschema\/2005/' "$T/req.xml" >"$T/req2.xml" && mv "$T/req2.xml" "$T/req.xml"
ad_error "another request namespace: ErrorCode 600" 600
cat >"$T/req.xml" <<EOF
<?xml version="1.0"?>
<!DOCTYPE Autodiscover [ <!ENTITY xxe SYSTEM "file://$T/alice.pw"> ]>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006">
<Request><EMailAddress>&xxe;</EMailAddress><AcceptableResponseSchema>$S2006A</AcceptableResponseSchema></Request>
</Autodiscover>
EOF
ad_error "a DOCTYPE with an external entity (XXE): ErrorCode 600" 600
if grep -q "Alice pw" "$T/aderr.body"; then s=1; else s=0; fi
report $s "... and the file's content is not in the answer"
code=$(http get --ntlm -u 'alice:Alice pw 1' "$URL")
check "GET on autodiscover: 405" test "$code" = 405

# router
adbody alice@example.org
code=$(http case --ntlm -u 'alice:Alice pw 1' --data-binary @"$T/req.xml" "http://127.0.0.1:$PORT/AutoDiscover/AUTODISCOVER.XML")
check "paths match without regard to case" test "$code" = 200
code=$(http nf --ntlm -u 'alice:Alice pw 1' "http://127.0.0.1:$PORT/no/such/path")
check "unknown path: 404" test "$code" = 404
head -c 5000 /dev/zero | tr '\0' 'x' >"$T/big"
code=$(http big -H 'Content-Type: text/xml' --data-binary @"$T/big" "$URL")
check "a body over server.max_request_size: 413" test "$code" = 413
code=$(http chunked -H 'Transfer-Encoding: chunked' --data-binary @"$T/big" "$URL")
check "a chunked body over the limit: 413" test "$code" = 413

stop "$PID"
check "SIGTERM: warpd exits 0" test "$RC" = 0
check "... after logging that it stopped" grep -q "info: stopped" "$T/plain.log"

# ---- Basic allowed on plain HTTP; graceful shutdown with a request in progress
start pb "$T/plainbasic.conf" --listen 127.0.0.1:0 --no-tls
URL=http://127.0.0.1:$PORT/autodiscover/autodiscover.xml
adbody alice@example.org
code=$(http pb1 -X POST --data-binary @"$T/req.xml" "$URL")
check "auth.basic_over_plain_http: Basic is offered" grep -qi '^WWW-Authenticate: Basic realm=' "$T/pb1.hdr"
code=$(http pb2 -u 'alice:Alice pw 1' --basic -H 'X-MapiHttpCapability: 1' --data-binary @"$T/req.xml" "$URL")
check "... and accepted with the right password" test "$code" = 200
code=$(http pb3 -u 'alice:alice pw 1' --basic --data-binary @"$T/req.xml" "$URL")
check "... and refused with a wrong one: 401" test "$code" = 401
code=$(http pb4 -u 'carol:Bob pw 2' --basic --data-binary @"$T/req.xml" "$URL")
check "Basic for a disabled account: 401" test "$code" = 401
# a slow upload (about 2 s) that is under way when SIGTERM arrives must still be answered
{ cat "$T/req.xml"; printf '\n<!-- %0600d -->\n' 0; } >"$T/slow.xml"
curl -s -o "$T/slow.body" -w '%{http_code}' --limit-rate 300 -u 'alice:Alice pw 1' --basic \
	-H 'X-MapiHttpCapability: 1' --data-binary @"$T/slow.xml" "$URL" >"$T/slow.code" &
CURL=$!
sleep 1
stop "$PID"
wait $CURL
check "a request in progress at SIGTERM is answered (200)" test "$(cat "$T/slow.code")" = 200
check "... and warpd then exits 0" test "$RC" = 0
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$URL")
check "... and no longer listens" test "$code" = 000

# ---- HTTPS with a self-signed certificate
mkdir -p "$T/data/tls"
openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=localhost -keyout "$T/data/tls/key.pem" \
	-out "$T/data/tls/cert.pem" >/dev/null 2>&1
"$WARPD" --config "$CONF" --check >"$T/out" 2>&1
check "--check with the certificate in place exits 0" test $? = 0
start tls "$CONF" --listen 127.0.0.1:0
URL=https://127.0.0.1:$PORT/autodiscover/autodiscover.xml
code=$(http t1 -k -X POST --data-binary @"$T/req.xml" "$URL")
check "HTTPS without credentials: 401" test "$code" = 401
check "... offering NTLM and Basic" sh -c "grep -qi '^WWW-Authenticate: NTLM' '$T/t1.hdr' && grep -qi '^WWW-Authenticate: Basic realm=' '$T/t1.hdr'"
code=$(http t2 -k -u 'alice:Alice pw 1' --basic -H 'X-MapiHttpCapability: 1' --data-binary @"$T/req.xml" "$URL")
check "HTTPS Basic with the right password: 200" test "$code" = 200
"$HERE/xq.py" "$T/t2.body" a:Response/a:Account/a:Protocol/a:MailStore/a:InternalUrl >"$T/got"
check "... URLs are https" test "$(cat "$T/got")" = "https://127.0.0.1:$PORT/mapi/emsmdb/?MailboxId=$GUID@example.org"
code=$(http t3 -k -u 'alice:Alice pw 2' --basic --data-binary @"$T/req.xml" "$URL")
check "HTTPS Basic with a wrong password: 401" test "$code" = 401
code=$(http t4 -k -u 'nobody:Alice pw 1' --basic --data-binary @"$T/req.xml" "$URL")
check "HTTPS Basic for an unknown user: 401" test "$code" = 401
code=$(http t5 -k --ntlm -u 'alice:Alice pw 1' --data-binary @"$T/req.xml" "$URL")
check "HTTPS NTLM: 200" test "$code" = 200
code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "http://127.0.0.1:$PORT/autodiscover/autodiscover.xml")
check "plain HTTP to the HTTPS port gets no HTTP answer" test "$code" != 200
stop "$PID"
check "HTTPS server: SIGTERM exits 0" test "$RC" = 0

echo "1..$n"
