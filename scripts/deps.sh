#!/bin/sh
# make deps: install every Debian package warpcore needs, quietly and only what is missing.
set -e
PKGS="meson ninja-build pkg-config gcc clang libclang-rt-14-dev clang-format python3
libtalloc-dev libsqlite3-dev libmicrohttpd-dev libgnutls28-dev nettle-dev libargon2-dev libinih-dev
libgmime-3.0-dev libical-dev libxml2-dev libcurl4-gnutls-dev libcmocka-dev curl openssl python3-impacket"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "deps: installing$missing"
SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
