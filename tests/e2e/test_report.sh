#!/bin/bash
# End to end: the sample month's workbooks read back with openpyxl, and a
# second run gives byte-identical files.
# usage: test_report.sh MESHCOST_BINARY SOURCE_DIR
set -u
BIN=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=America/Los_Angeles LC_ALL=C
M="$BIN --db $T/m.db --config $SRC/samples/meshcost.ini"
$M init && $M catalog import "$SRC/samples/catalog" &&
    $M ingest "$SRC"/samples/inbox/* &&
    $M attribute --from 2026-10-01 --to 2026-11-01 || exit 1
$M report --period 2026-10 --out "$T/out" >"$T/o" 2>&1 ||
    { echo "FAIL: report"; cat "$T/o"; exit 1; }
[ -s "$T/o" ] && { echo "FAIL: report was not quiet"; cat "$T/o"; exit 1; }
$M export allocations --period 2026-10 >"$T/export.csv"
/usr/bin/python3 "$SRC/tests/e2e/check_workbooks.py" "$T/out/2026-10" \
    "$SRC/samples/catalog" "$T/export.csv" || exit 1
cp -r "$T/out" "$T/first"
sleep 1
$M report --period 2026-10 --out "$T/out" || exit 1
diff -r "$T/first" "$T/out" >/dev/null ||
    { echo "FAIL: a second run changed the files"; diff -rq "$T/first" "$T/out"; exit 1; }
mode=$(stat -c %a "$T/out/2026-10/board.xlsx")
[ "$mode" = 640 ] || { echo "FAIL: board.xlsx mode $mode, want 640"; exit 1; }
echo "1 passed, 0 failed"
