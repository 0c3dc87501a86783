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
# users = pseudonymous: no user name reaches a workbook; stable pseudonyms
sed 's/^out = reports/out = reports\nusers = pseudonymous/' \
    "$SRC/samples/meshcost.ini" >"$T/pseudo.ini"
P="$BIN --db $T/m.db --config $T/pseudo.ini"
$P report --period 2026-10 --out "$T/p1" || { echo "FAIL: pseudonymous report"; exit 1; }
key=$(dirname "$T/pseudo.ini")/meshcost.key
[ "$(stat -c %a "$key")" = 600 ] || { echo "FAIL: key file not 0600"; exit 1; }
$P report --period 2026-10 --out "$T/p2" || exit 1
diff -r "$T/p1" "$T/p2" >/dev/null || { echo "FAIL: pseudonyms not stable"; exit 1; }
/usr/bin/python3 - "$T/p1/2026-10" <<'PY' || exit 1
import glob, re, sys, zipfile
users = ["DR_OKAFOR", "DR_NGUYEN", "DR_SINGH", "ANA_LOPEZ", "BEN_CHO",
         "CARA_SMITH", "DEV_PATEL", "ELI_WONG", "LOOKER_SVC", "ETL_SVC",
         "CLAIMS_APP"]
seen = set()
for f in glob.glob(sys.argv[1] + "/*.xlsx"):
    z = zipfile.ZipFile(f)
    text = "".join(z.read(n).decode() for n in z.namelist()
                   if n.endswith(".xml"))
    for u in users:  # a whole name, not part of CLAIMS_APP_WH
        if re.search(r"(?<![A-Z_])%s(?![A-Z_])" % u, text):
            sys.exit("FAIL: %s appears in %s" % (u, f))
    seen.update(re.findall(r"u-[0-9a-f]{12}", text))
if not seen:
    sys.exit("FAIL: no pseudonym in the workbooks")
PY
chmod 644 "$key"
$P report --period 2026-10 --out "$T/p3" 2>"$T/err"; code=$?
[ $code = 78 ] && grep -q "must be mode 0600" "$T/err" ||
    { echo "FAIL: a key readable by others was accepted ($code)"; exit 1; }
echo "1 passed, 0 failed"
