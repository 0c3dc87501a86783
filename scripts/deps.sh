#!/bin/sh
# Installs the Debian 12 packages meshcost builds, runs and tests with.
# Idempotent: installs only what is missing. Needs root (or sudo).
set -eu
PKGS="build-essential cmake pkg-config libcsv-dev libsqlite3-dev \
libxlsxwriter-dev libcmocka-dev libjansson-dev libinih-dev zlib1g-dev libssl-dev \
python3 python3-openpyxl sqlite3 clang libclang-rt-14-dev"
missing=""
for p in $PKGS; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" ||
        missing="$missing $p"
done
[ -z "$missing" ] && exit 0
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
