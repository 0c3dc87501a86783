#!/bin/bash
# End to end on the sample month: init, catalog, ingest, attribute, export,
# under a non-UTC TZ. The export must equal, byte for byte, the one computed
# independently by tests/e2e/reference.py, and its grand total must equal
# the inputs' total (hourly compute + billable cloud services + storage).
# usage: test_export.sh MESHCOST_BINARY SOURCE_DIR
set -u
BIN=$1 SRC=$2
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export LC_ALL=C
fails=0 passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

run_month() { # run_month TZ DB -> export on stdout
    local tz=$1 db=$2
    local M="$BIN --db $db --config $SRC/samples/meshcost.ini"
    TZ=$tz $M init >"$T/o" 2>&1 && TZ=$tz $M init >>"$T/o" 2>&1 &&
        TZ=$tz $M catalog import "$SRC/samples/catalog" >>"$T/o" 2>&1 &&
        TZ=$tz $M ingest "$SRC"/samples/inbox/* >>"$T/o" 2>&1 &&
        TZ=$tz $M attribute --from 2026-10-01 --to 2026-11-01 >>"$T/o" 2>&1 ||
        { bad "pipeline under TZ=$tz failed:"; cat "$T/o"; return 1; }
    [ -s "$T/o" ] && { bad "pipeline under TZ=$tz was not quiet:"; cat "$T/o"; }
    TZ=$tz $M export allocations --period 2026-10
}

run_month Asia/Kolkata "$T/a.db" >"$T/got.csv" || exit 1
/usr/bin/python3 "$SRC/tests/e2e/reference.py" --samples "$SRC/samples" \
    >"$T/want.csv" || { echo "FAIL: reference.py failed"; exit 1; }
if diff -u "$T/want.csv" "$T/got.csv" >"$T/diff"; then ok; else
    bad "export differs from the independent reference:"
    head -40 "$T/diff"
fi
[ "$(wc -l <"$T/got.csv")" -gt 500 ] && ok || bad "export suspiciously short"

# Conservation: the export's grand total = the inputs' total.
want_total=$(/usr/bin/python3 "$SRC/tests/e2e/reference.py" \
    --samples "$SRC/samples" --totals | sed -n 's/^total,//p')
got_total=$(/usr/bin/python3 - "$T/got.csv" <<'PY'
import csv, sys
from decimal import Decimal
rows = list(csv.DictReader(open(sys.argv[1])))
print(sum(Decimal(r["amount"]) for r in rows))
PY
)
[ "$want_total" = "$got_total" ] && ok ||
    bad "grand total $got_total != input total $want_total"
for kind in compute idle cloud_services storage; do
    grep -q ",snowflake,$kind," "$T/got.csv" && ok || bad "no $kind rows"
done
# Every other source reconciles on its own: its allocations add up to its
# input total (BigQuery jobs and storage, Databricks usage, the FOCUS bill).
/usr/bin/python3 "$SRC/tests/e2e/reference.py" --samples "$SRC/samples" \
    --totals | grep -E '^(bigquery|databricks|focus),' >"$T/src-want"
/usr/bin/python3 - "$T/got.csv" >"$T/src-got" <<'PY'
import csv, sys
from collections import defaultdict
from decimal import Decimal
t = defaultdict(Decimal)
for r in csv.DictReader(open(sys.argv[1])):
    if r["source"] != "snowflake":
        t[(r["source"], r["cost_kind"])] += Decimal(r["amount"])
for k in sorted(t, key=lambda k: (["bigquery", "databricks", "focus"].index(k[0]), k[1])):
    print("%s,%s,%s" % (k[0], k[1], t[k]))
PY
[ "$(wc -l <"$T/src-want")" -eq 5 ] && diff -u "$T/src-want" "$T/src-got" &&
    ok || bad "a source does not reconcile to its input total"

# The host time zone never changes a number.
run_month UTC "$T/b.db" >"$T/utc.csv" || exit 1
cmp -s "$T/got.csv" "$T/utc.csv" && ok || bad "TZ changed the export"

# Loading again is a no-op; attributing again changes nothing.
M="$BIN --db $T/a.db --config $SRC/samples/meshcost.ini"
$M ingest "$SRC"/samples/inbox/* && ok || bad "re-ingest failed"
[ "$(sqlite3 "$T/a.db" "SELECT count(*) FROM loads")" = \
  "$(ls "$SRC"/samples/inbox | wc -l)" ] && ok || bad "re-ingest loaded again"
$M attribute --from 2026-10-01 --to 2026-11-01 && ok || bad "re-attribute"
$M export allocations --period 2026-10 | cmp -s - "$T/got.csv" && ok ||
    bad "re-attribution changed the export"

# Files loaded in another order give the same allocations.
M2="$BIN --db $T/c.db --config $SRC/samples/meshcost.ini"
$M2 catalog import "$SRC/samples/catalog"
ls "$SRC"/samples/inbox/* | sort -r | xargs $M2 ingest
$M2 attribute --from 2026-10-01 --to 2026-11-01
$M2 export allocations --period 2026-10 | cmp -s - "$T/got.csv" && ok ||
    bad "load order changed the export"

# Sunset candidates of the sample month, as the sample was designed.
$M sunset --as-of 2026-10-31 | cut -d, -f1,11- >"$T/sunset.csv"
cat >"$T/sunset-want.csv" <<'CSV'
product_id,reason
clin.staffing,no reads in 90 days
supply.supplier-otd,1 consumer in 30 days; feeds supply.par-levels
flow.discharge-forecast,no reads in 90 days
supply.recall-watch,no reads in 90 days
rev.payer-mix,1 consumer in 30 days
CSV
diff -u "$T/sunset-want.csv" "$T/sunset.csv" && ok || bad "sunset candidates"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
