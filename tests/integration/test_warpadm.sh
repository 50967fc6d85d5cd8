#!/bin/sh
# Integration test: a whole provisioning session with the built warpadm in a temporary directory, checking
# outputs and exit codes (docs/man/warpadm.8). Prints TAP. Usage: test_warpadm.sh PATH/TO/warpadm
set -u
WARPADM=$1
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
CONF=$T/etc/warpcore.conf
n=0
rc=0
: >"$T/all"

# wa ARGS...: runs warpadm with the test's configuration; stdin passes through.
wa() {
	"$WARPADM" --config "$CONF" "$@" >"$T/out" 2>"$T/err"
	rc=$?
	cat "$T/out" "$T/err" >>"$T/all"
}

report() { # STATUS DESCRIPTION
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
		sed 's/^/#   out: /' "$T/out"
		sed 's/^/#   err: /' "$T/err"
	fi
}

# expect DESCRIPTION EXIT [STDOUT-REGEX] [STDERR-REGEX]: checks the last wa.
expect() {
	s=0
	[ "$rc" = "$2" ] || s=1
	[ -z "${3:-}" ] || grep -Eq -- "$3" "$T/out" || s=1
	[ -z "${4:-}" ] || grep -Eq -- "$4" "$T/err" || s=1
	report $s "$1 (exit $rc, expected $2)"
}

# json EXPRESSION: evaluates a Python expression over the last stdout parsed as JSON (j), true = pass.
json() {
	python3 -c "import json,sys; j=json.load(open('$T/out')); sys.exit(0 if ($1) else 1)" 2>>"$T/err"
}

pw() { printf '%s\n' "$1" >"$T/pw"; }

DN='/o=Example Org/ou=Exchange Administrative Group \(FYDIBOHF23SPDLT\)/cn=Recipients/cn='

# --- before init
wa user list
expect "no configuration yet" 4 "" "cannot read configuration.*warpadm init"
wa --help
expect "--help lists the commands" 0 "usage: warpadm.*" ""
grep -q "user add NAME" "$T/out"
report $? "--help shows user add"
wa init --domain example.com
expect "init without --org" 1 "" "--org is required"
wa frobnicate
expect "unknown command" 1 "" "unknown command 'frobnicate'"

# --- init
wa init --org "Example Org" --domain example.com --data-dir "$T/data"
expect "init" 0 "organisation: +Example Org"
[ -f "$CONF" ] && [ -f "$T/data/directory.db" ] && [ -d "$T/data/mailboxes" ]
report $? "init wrote the configuration, the database and the mailbox directory"
[ "$(stat -c %a "$T/data/directory.db")" = 600 ] && [ "$(stat -c %a "$CONF")" = 640 ]
report $? "directory.db is 0600 and the configuration 0640"
grep -q "^data_dir = $T/data\$" "$CONF" && grep -q "^#listen = 0.0.0.0:443\$" "$CONF"
report $? "the configuration sets data_dir and documents the defaults"
wa init --org "Example Org" --domain example.com --data-dir "$T/data"
expect "init refuses to overwrite" 3 "" "already exists; use --force"
wa init --org "Example Org" --domain example.com --data-dir "$T/data" --force
expect "init --force over the same organisation" 0
wa init --org "Other Org" --domain other.org --data-dir "$T/data" --force
expect "init --force over another organisation" 3 "" "already belongs to organisation 'Example Org'"

# --- users
pw "S3cret pass"
wa user add alice --display-name "Alice Liddell" --proxy al@example.com --password-file - <"$T/pw"
expect "user add alice (password on stdin)" 0 "added user alice <alice@example.com>"
wa user add alice --password-file "$T/pw"
expect "duplicate alias" 3 "" "user 'alice': already exists"
wa user add ALICE --email a2@example.com --password-file "$T/pw"
expect "aliases ignore case" 3
wa user add bob --email bob@nowhere.org --password-file "$T/pw"
expect "address in a domain that is not accepted" 2 "" "not an accepted domain"
wa user add frank --email AL@example.com --password-file "$T/pw"
expect "address already used as a proxy" 3 "" "already in use"
wa user add bad..alias --password-file "$T/pw"
expect "bad alias" 1 "" "invalid value"
wa user add dave --password-file "$T/nonexistent"
expect "unreadable password file" 4 "" "cannot read password file"
: >"$T/empty"
wa user add eve --password-file "$T/empty"
expect "empty password" 1 "" "one line"
printf 'two\nlines\n' >"$T/two"
wa user add eve --password-file "$T/two"
expect "two-line password" 1 "" "one line"
wa user add eve
expect "missing --password-file" 1 "" "--password-file is required"
wa user add eve --password-file "$T/pw" --json
expect "option that does not apply" 1 "" "--json does not apply"
wa user add eve --password-file "$T/pw" --quota lots
expect "bad quota" 1 "" "bad --quota"
printf 'carol pw\r\n' >"$T/crlf"
wa user add carol --display-name "Carol" --email carol.c@example.com --quota 1G --locale de-DE --password-file "$T/crlf"
expect "user add carol with options" 0 "added user carol <carol.c@example.com>"

pw "S3cret pass"
wa user verify alice --password-file "$T/pw"
expect "right password" 0 "password ok"
pw "carol pw"
wa user verify carol --password-file "$T/pw"
expect "CRLF stripped from the password file" 0
pw "s3cret pass"
wa user verify al@example.com --password-file "$T/pw"
expect "wrong password (by proxy address)" 5 "" "wrong user name or password"
wa user verify nobody --password-file "$T/pw"
expect "unknown user verifies like a wrong password" 5
pw "New pass 2"
wa user passwd alice --password-file "$T/pw"
expect "user passwd" 0
wa user verify alice --password-file "$T/pw"
expect "new password works" 0
pw "S3cret pass"
wa user verify alice --password-file "$T/pw"
expect "old password no longer works" 5
wa user passwd nobody --password-file "$T/pw"
expect "passwd for an unknown user" 2 "" "user 'nobody': not found"
wa user disable alice
expect "user disable" 0
pw "New pass 2"
wa user verify alice --password-file "$T/pw"
expect "disabled account" 5 "" "disabled"
wa user list
expect "list shows the disabled mark" 0 "alice.*\(disabled\)"
wa user enable alice
expect "user enable" 0
wa user verify alice --password-file "$T/pw"
expect "enabled again" 0
wa user set carol --display-name "Carol C." --quota 0 --locale fr-FR
expect "user set" 0
wa user set carol
expect "user set with nothing to change" 1

wa user show alice
expect "user show" 0 "^legacyExchangeDN: ${DN}alice\$"
grep -Eq "^proxy address: +al@example.com\$" "$T/out" && grep -Eq "^password: +set\$" "$T/out" &&
	grep -Eq "^mid: +16\$" "$T/out" && grep -Eq "^mailbox guid: +\{[0-9A-F-]{36}\}\$" "$T/out"
report $? "user show prints addresses, MId, GUID and whether a password is set"
wa user show ALICE@EXAMPLE.COM --json
expect "user show --json by address" 0
json "j['alias'] == 'alice' and j['display_name'] == 'Alice Liddell' and j['proxy_addresses'] == ['al@example.com']
 and j['legacy_dn'].endswith('/cn=Recipients/cn=alice') and j['enabled'] and j['has_password'] and j['mid'] == 16"
report $? "user show --json has the fields"
wa user show carol --json
json "j['display_name'] == 'Carol C.' and j['quota_bytes'] == 0 and j['locale'] == 'fr-FR'"
report $? "user set changed display name, quota and locale"
wa user set carol --given-name "Carol" --surname "Carter" --title "Engineer" --phone "+1 555 0100"
expect "user set person fields" 0
wa user set carol --title "" --department "Research" --office "B 4"
expect "user set clears one person field, sets others" 0
wa user show carol --json
json "j['given_name'] == 'Carol' and j['surname'] == 'Carter' and 'title' not in j and j['department'] == 'Research'
 and j['office'] == 'B 4' and j['phone'] == '+1 555 0100'"
report $? "user show --json has the person fields that are set"
wa user set carol --surname "$(printf 'a\tb')"
expect "a person field with a control character is refused" 1
wa user show nobody
expect "show an unknown user" 2 "" "not found"
wa user list --json
expect "user list --json" 0
json "[u['alias'] for u in j] == ['alice', 'carol']"
report $? "user list is in display-name order"

# --- groups and contacts
wa group add sales --display-name "Sales Team"
expect "group add" 0 "added group sales <sales@example.com>"
wa group add all
expect "group add all" 0
wa group members sales --add alice --add carol.c@example.com
expect "add two members" 0
wa group members all --add sales
expect "nest a group" 0
wa group members sales --add all
expect "a cycle is refused" 3 "" "contain itself"
wa group members sales --add alice
expect "an existing member" 3 "" "already a member"
wa group members sales --remove carol --add nobody
expect "unknown member: nothing changes" 2 "" "member 'nobody': not found"
wa group members sales --json
json "sorted(m['alias'] for m in j) == ['alice', 'carol']"
report $? "the failed change left the members as they were"
wa group members all --expand --json
expect "expand nested groups" 0
json "[m['alias'] for m in j] == ['alice', 'carol']"
report $? "expansion reaches the users through the nested group"
wa group members nobody
expect "members of an unknown group" 2
wa group members alice
expect "members of a user" 2
wa contact add partner --email Partner@Other.org --display-name "A Partner"
expect "contact add" 0 "added contact partner <Partner@Other.org>"
wa contact add nomail
expect "contact without --email" 1 "" "--email is required"
wa group members sales --add partner@other.org
expect "a contact as a member" 0
wa contact list
expect "contact list" 0 "partner +Partner@Other.org +A Partner"
wa group show sales --json
json "j['kind'] == 'group' and j['member_of'] == ['all']"
report $? "group show --json"
wa user show alice --json
json "j['member_of'] == ['sales']"
report $? "user show lists the groups"

# --- domains and addresses
wa domain add Example.ORG
expect "domain add" 0
wa domain add example.org
expect "duplicate domain" 3
wa domain add bad_domain
expect "bad domain" 1
wa domain list
expect "domain list" 0 "^example.com \(default\)\$"
grep -q "^example.org\$" "$T/out"
report $? "domain list shows the new domain"
wa address add alice alice@example.org
expect "address add" 0
wa domain del example.org
expect "domain in use" 3 "" "still has addresses"
wa address primary alice alice@example.org
expect "address primary" 0
wa address del alice alice@example.org
expect "the primary cannot be removed" 3 "" "primary address"
wa address primary alice alice@example.com
wa address del alice alice@example.org
expect "address del" 0
wa domain del example.org
expect "domain del" 0
wa address add alice alice@example.org
expect "address in a removed domain" 2

# --- deletion keeps MIds and DNs unique
wa user show carol --json
old_mid=$(python3 -c "import json; print(json.load(open('$T/out'))['mid'])")
wa user del carol
expect "user del" 0
wa user show carol
expect "deleted user is gone" 2
wa group members sales --json
json "[m['alias'] for m in j] == ['partner', 'alice'] or [m['alias'] for m in j] == ['alice', 'partner']"
report $? "deleting a user removes its memberships"
wa user add carol --password-file "$T/pw"
wa user show carol --json
json "j['mid'] > $old_mid and not j['legacy_dn'].endswith('/cn=carol')"
report $? "a re-created alias gets a new MId and a new legacyExchangeDN"
wa group del alice
expect "group del of a user" 2
wa contact del partner
expect "contact del" 0

# --- help and argument checks
wa user add --help
expect "user add --help" 0 "--password-file FILE" ""
wa group --help
expect "group --help" 0 "group members NAME"
wa user
expect "group without a verb" 1
wa user del
expect "missing argument" 1 "" "expected NAME"
wa user del alice extra
expect "extra argument" 1 "" "nothing more"
wa user list --bogus
expect "unknown option" 1 "" "unknown option"

# --- mailboxes
wa mailbox show alice
expect "mailbox show before create" 2 "" "no mailbox"
wa mailbox create alice
expect "mailbox create" 0 "created mailbox of alice: .*/mailboxes/[0-9a-f-]{36}\.db"
MBOX=$(sed -n 's/^created mailbox of alice: //p' "$T/out")
wa mailbox create alice
expect "mailbox create twice" 3 "" "exists already"
wa mailbox show alice
expect "mailbox show lists the special folders" 0 "^inbox +1-0+[0-9A-F]+ +0 +0  Inbox$"
wa mailbox check alice
expect "mailbox check of a new mailbox" 0 "mailbox of alice: ok"
wa mailbox create nobody
expect "mailbox of an unknown user" 2 "" "not found"
python3 -c "import sqlite3,sys; d=sqlite3.connect(sys.argv[1]); d.execute('INSERT INTO props VALUES (2, 999999, 55, 31, \'orphan\', NULL)'); d.commit()" "$MBOX"
wa mailbox check alice
expect "mailbox check finds a damaged mailbox" 4 "1 properties of missing objects" "has problems"

# --- configuration and database problems
printf '[server]\nlisen = *:1\n' >"$T/bad.conf"
"$WARPADM" --config "$T/bad.conf" user list >"$T/out" 2>"$T/err"
rc=$?
expect "bad configuration names file and line" 4 "" "bad.conf:2: unknown key 'lisen' in section \[server\]"
mv "$T/data/directory.db" "$T/data/moved.db"
wa user list
expect "missing directory database" 4 "" "directory.db"
mv "$T/data/moved.db" "$T/data/directory.db"

# --- never print a password hash
if grep -qi 'argon2\|\$v=19' "$T/all"; then s=1; else s=0; fi
report $s "no output contained a password hash"

echo "1..$n"
