#!/bin/bash
# FOCUS billing files end to end: the real FOCUS 1.0 sample loads with no
# reject and its allocations add up exactly to its (rounded) sum of
# EffectiveCost, or BilledCost with [focus] cost = billed; a newer file of
# the same scopes replaces the older; each FOCUS 1.2 spec example is
# rejected with a specific reason.
# usage: test_focus.sh MESHCOST_BINARY SOURCE_DIR
set -u
BIN=$1 SRC=$2
FOCUS=$(realpath "$SRC/../shared/samples/focus" 2>/dev/null || true)
[ -d "$FOCUS" ] || FOCUS=/work/shared/samples/focus
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
export TZ=Pacific/Auckland LC_ALL=C
fails=0 passes=0
ok() { passes=$((passes + 1)); }
bad() { echo "FAIL: $*"; fails=$((fails + 1)); }
real="$FOCUS/FOCUS-1.0/focus_sample.csv"
[ -f "$real" ] || { echo "FAIL: no FOCUS sample at $real"; exit 1; }

sum_col() { /usr/bin/python3 -c '
import csv, sys
from decimal import Decimal, ROUND_HALF_EVEN
rows = list(csv.DictReader(open(sys.argv[1])))
print(sum(Decimal(r[sys.argv[2]]) for r in rows).quantize(Decimal("0.000001"), ROUND_HALF_EVEN))' "$1" "$2"; }
allocated() { # allocated DB [CONFIG]
    for p in 2024-08 2024-09 2024-10 2024-11; do
        "$BIN" --db "$1" ${2:+--config "$2"} export allocations --period $p
    done | /usr/bin/python3 -c '
import sys
from decimal import Decimal
print(sum(Decimal(l.split(",")[5]) for l in sys.stdin if not l.startswith("date")))'; }

M="$BIN --db $T/f.db"
$M init && $M ingest "$real" >"$T/out" 2>&1 && ok || bad "ingest: $(cat "$T/out")"
[ -s "$T/out" ] && bad "ingest not quiet" || ok
[ "$(sqlite3 "$T/f.db" "SELECT rows || '/' || rejects FROM loads")" = 1000/0 ] &&
    ok || bad "not 1000 rows with no reject"
$M attribute 2>/dev/null && ok || bad "attribute"
want=$(sum_col "$real" EffectiveCost)
got=$(allocated "$T/f.db")
[ "$got" = "$want" ] && ok || bad "allocated $got != sum of EffectiveCost $want"
printf '[focus]\ncost = billed\n' >"$T/billed.ini"
$M --config "$T/billed.ini" attribute 2>/dev/null
want=$(sum_col "$real" BilledCost)
got=$(allocated "$T/f.db" "$T/billed.ini")
[ "$got" = "$want" ] && ok || bad "billed: allocated $got != sum of BilledCost $want"

# a newer export of the same scopes replaces them: never counted twice
/usr/bin/python3 - "$real" "$T/focus_sample_v2.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
i = rows[0].index("EffectiveCost")
rows[1][i] = "1.00000000000"  # was 0
csv.writer(open(sys.argv[2], "w", newline=""), quoting=csv.QUOTE_ALL).writerows(rows)
PY
$M ingest "$T/focus_sample_v2.csv" && $M attribute 2>/dev/null && ok || bad "v2"
want=$(sum_col "$T/focus_sample_v2.csv" EffectiveCost)
got=$(allocated "$T/f.db")
[ "$got" = "$want" ] && ok || bad "after restatement $got != $want"

# the spec examples: each rejected with a specific reason
ex="$FOCUS/FOCUS_Spec-v1.2-examples"
for f in "$ex"/commitment_discount_*/*.csv; do
    $M ingest "$f" 2>"$T/err"; code=$?
    [ $code = 65 ] && grep -q "$(basename "$f"):1: missing column 'ProviderName'" "$T/err" &&
        ok || bad "$(basename "$f"): $(head -1 "$T/err")"
done
for f in "$ex"/saas_examples/*.csv "$ex"/saas_examples/*/*.csv; do
    $M ingest "$f" 2>"$T/err"; code=$?
    [ $code = 65 ] && grep -q "$(basename "$f"):2: BillingPeriodStart: not a timestamp: '[0-9]*/1/2[0-9]'" "$T/err" &&
        ok || bad "$(basename "$f"): $(head -1 "$T/err")"
done
echo "$passes passed, $fails failed"
[ "$fails" -eq 0 ]
