#!/bin/bash
# The nightly cron job end to end on the sample month: quiet success,
# idempotent reruns, the lock, crash recovery, daily drops = the month at
# once, restatement, bad inbox files.
# usage: test_nightly.sh MESHCOST_BINARY SOURCE_DIR
set -u
BIN=$(realpath "$1") SRC=$(realpath "$2")
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=Europe/Berlin LC_ALL=C
fails=0 passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }

# site NAME: a deployment folder with config, catalog and an empty inbox.
site() {
    mkdir -p "$T/$1/inbox"
    cp "$SRC/samples/meshcost.ini" "$T/$1/"
    "$BIN" --config "$T/$1/meshcost.ini" init &&
        "$BIN" --config "$T/$1/meshcost.ini" catalog import "$SRC/samples/catalog"
}
run() { (cd "$T/$1" && shift && "$BIN" --config meshcost.ini "$@"); }
state() { # what must not differ between equivalent runs
    sqlite3 -bail "$T/$1/meshcost.db" "
      SELECT 'a', * FROM allocations ORDER BY 2, 3, 4, 5, 6;
      SELECT 't', * FROM source_totals ORDER BY 2, 3, 4;
      SELECT 'q', * FROM query_groups ORDER BY 2, 3, 4, 5, 6, 7, 8, 9;
      SELECT 'p', * FROM query_group_products ORDER BY 2, 3, 4, 5, 6;
      SELECT 's', * FROM table_costs ORDER BY 2, 3;
      SELECT 'n', count(*) FROM sf_query UNION ALL SELECT 'm', count(*) FROM sf_meter;" ||
        echo "state: sqlite3 failed on $1"
}

# 1. the month at once
site base && cp "$SRC"/samples/inbox/* "$T/base/inbox/"
run base nightly --date 2026-11-01 >"$T/out" 2>&1 && ok || bad "nightly failed"
[ -s "$T/out" ] && bad "nightly was not quiet: $(head -3 "$T/out")" || ok
run base export allocations --period 2026-10 >"$T/base.csv"
[ "$(wc -l <"$T/base.csv")" -gt 500 ] && ok || bad "no allocations"
cp -r "$T/base/reports" "$T/base-reports"
state base >"$T/base.state"
grep -q '^state: sqlite3 failed' "$T/base.state" && bad "cannot read the state of a run"
grep -q '^q|' "$T/base.state" || bad "no query groups after a nightly run"

# 2. the same night again: identical database content, identical reports
run base nightly --date 2026-11-01 && ok || bad "second run failed"
state base | cmp -s - "$T/base.state" && ok || bad "second run changed data"
diff -r "$T/base-reports" "$T/base/reports" >/dev/null && ok ||
    bad "second run changed the reports"

# 3. a second run while one holds the lock: 75 at once, nothing touched
runs=$(sqlite3 "$T/base/meshcost.db" "SELECT count(*) FROM runs")
flock "$T/base/meshcost.db.lock" sleep 4 &
sleep 0.5
run base nightly --date 2026-11-01 2>"$T/err"; code=$?
[ $code = 75 ] && ok || bad "locked run exited $code, want 75"
grep -q "another meshcost run holds" "$T/err" && ok || bad "no lock message"
[ "$(sqlite3 "$T/base/meshcost.db" "SELECT count(*) FROM runs")" = "$runs" ] &&
    ok || bad "the locked run touched the database"
wait

# 4. killed during ingest, attribution or report writing, then rerun
for point in ingest attribute report; do
    site "kill-$point" && cp "$SRC"/samples/inbox/* "$T/kill-$point/inbox/"
    MESHCOST_KILL_AT=$point run "kill-$point" nightly --date 2026-11-01 \
        >/dev/null 2>&1; code=$?
    [ $code = 137 ] && ok || bad "$point: not killed ($code)"
    ls "$T/kill-$point/reports/2026-10" 2>/dev/null | grep -q tmp &&
        echo "note: $point left a temporary file (removed by the rerun)"
    run "kill-$point" nightly --date 2026-11-01 && ok || bad "$point: rerun"
    [ "$(sqlite3 "$T/kill-$point/meshcost.db" "PRAGMA integrity_check")" = ok ] &&
        ok || bad "$point: integrity_check"
    state "kill-$point" | cmp -s - "$T/base.state" && ok ||
        bad "$point: state differs from an uninterrupted run"
    diff -r "$T/base-reports/2026-10" "$T/kill-$point/reports/2026-10" \
        >/dev/null && ok || bad "$point: reports differ"
done

# 5. the month as 31 nightly drops = the month at once (the Databricks price
# list is there from the start; the month's cloud bill arrives on the 31st)
site daily
cp "$SRC"/samples/inbox/databricks_list_prices.csv "$T/daily/inbox/"
for d in $(seq -w 1 31); do
    cp "$SRC"/samples/inbox/*_2026-10-"$d".csv* "$T/daily/inbox/"
    [ "$d" = 31 ] && cp "$SRC"/samples/inbox/focus_aws_2026-10.csv "$T/daily/inbox/"
    next=$(date -u -d "2026-10-$d + 1 day" +%Y-%m-%d)
    run daily nightly --date "$next" || bad "daily drop $d failed"
done
run daily export allocations --period 2026-10 | cmp -s - "$T/base.csv" && ok ||
    bad "31 nightly drops differ from the month at once"
diff -r "$T/base-reports/2026-10" "$T/daily/reports/2026-10" >/dev/null && ok ||
    bad "31 nightly drops: reports differ"

# 6. a restated metering file replaces the hour: +1 credit = +3.00 exactly
f="$SRC/samples/inbox/warehouse_metering_history_2026-10-15.csv"
awk -F, 'BEGIN { OFS = "," } NR == 2 { split($6, c, "."); $6 = (c[1] + 1) "." c[2] } { print }' \
    "$f" >"$T/base/inbox/warehouse_metering_history_2026-10-15_restated.csv"
run base nightly --date 2026-11-01 && ok || bad "restated run failed"
total() { /usr/bin/python3 -c '
import csv, sys
from decimal import Decimal
print(sum(Decimal(r["amount"]) for r in csv.DictReader(sys.stdin)))'; }
before=$(total <"$T/base.csv")
after=$(run base export allocations --period 2026-10 | total)
diff=$(/usr/bin/python3 -c "from decimal import Decimal as D; print(D('$after') - D('$before'))")
[ "$diff" = "3.000000" ] && ok || bad "restatement changed the total by $diff, want 3.000000"

# 7. bad inbox files: each named, the rest of the night completes, exit 65
gzip -c "$SRC/samples/inbox/warehouse_metering_history_2026-10-20.csv" |
    head -c 300 >"$T/base/inbox/truncated.csv.gz"
printf 'FOO,BAR\n1,2\n' >"$T/base/inbox/unknown.csv"
: >"$T/base/inbox/empty.csv"
head -c 2000 /bin/sh >"$T/base/inbox/binary.csv"
awk -F, 'BEGIN { OFS = "," } NR == 3 { split($6, c, "."); $6 = (c[1] + 2) "." c[2] } { print }' \
    "$f" >"$T/base/inbox/warehouse_metering_history_2026-10-15_v3.csv"
run base nightly --date 2026-11-01 2>"$T/err"; code=$?
[ $code = 65 ] && ok || bad "bad files: exit $code, want 65"
for name in truncated.csv.gz unknown.csv empty.csv binary.csv; do
    grep -q "$name" "$T/err" && ok || bad "no message for $name"
done
grep -q "4 file(s) rejected" "$T/err" && ok || bad "no summary line"
[ "$(sqlite3 "$T/base/meshcost.db" "SELECT count(*) FROM loads WHERE path LIKE '%_v3.csv' AND status = 'loaded'")" = 1 ] &&
    ok || bad "the good file of the bad night did not load"

# a file that vanished between the listing and its load: named, exit 66,
# the rest loads
ln -s "$T/nowhere.csv" "$T/base/inbox/vanished.csv"
cp "$f" "$T/base/inbox/warehouse_metering_history_2026-10-15_v4.csv"
echo "# v4" >>"$T/base/inbox/warehouse_metering_history_2026-10-15_v4.csv"
run base nightly --date 2026-11-01 2>"$T/err"; code=$?
[ $code = 66 ] && ok || bad "vanished file: exit $code, want 66"
grep -q "vanished.csv" "$T/err" && ok || bad "no message for the vanished file"
[ "$(sqlite3 "$T/base/meshcost.db" "SELECT count(*) FROM loads WHERE path LIKE '%_v4.csv'")" = 1 ] &&
    ok || bad "the file after the vanished one was not tried"
rm "$T/base/inbox/vanished.csv"

# 8. a closed month does not move: late data becomes adjustments in November
site closing && cp "$SRC"/samples/inbox/* "$T/closing/inbox/"
run closing nightly --date 2026-11-01 && ok || bad "closing: first night"
run closing close --period 2026-10 && ok || bad "close failed"
run closing export allocations --period 2026-10 >"$T/closed.csv"
awk -F, 'BEGIN { OFS = "," } NR == 2 { split($6, c, "."); $6 = (c[1] + 1) "." c[2] } { print }' \
    "$f" >"$T/closing/inbox/warehouse_metering_history_2026-10-15_late.csv"
run closing nightly --date 2026-11-02 && ok || bad "closing: late night"
run closing export allocations --period 2026-10 | cmp -s - "$T/closed.csv" &&
    ok || bad "a closed month changed"
adj=$(/usr/bin/python3 -c '
import csv, sys
from decimal import Decimal
rows = list(csv.DictReader(open(sys.argv[1])))
assert all(r["original_date"] == "2026-10-15" for r in rows), rows
print(sum(Decimal(r["amount"]) for r in rows))' "$T/closing/reports/2026-11/adjustments.csv")
[ "$adj" = "3.000000" ] && ok || bad "adjustments total $adj, want 3.000000"
run closing status | grep -q "2026-10 closed" && ok || bad "status: not closed"
run closing close --period 2099-01 2>/dev/null; [ $? = 64 ] && ok ||
    bad "closing a month still to come"

echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
