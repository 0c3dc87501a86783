#!/bin/sh
# Checks the benchmark's DuckDB peer against meshcost on a small dataset:
# builds meshcost and the generator, generates N queries (default 20000),
# runs meshcost (init, catalog import, ingest, attribute, export
# allocations) and the peer, and compares the two CSVs byte for byte.
# If they differ, tests/e2e/reference.py (the agreed independent
# implementation) decides which one is wrong. CHECK_REFERENCE=1 runs it
# even when they agree (it takes ~40 s at N=20000).
#
# usage: tests/bench/check_peer.sh [N]
# env:   BENCH_DIR (default /tmp/meshcost-bench), NICE (default 10)
# exit:  0 identical; 1 they differ (details on stdout); other: a step failed
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
N=${1:-20000}
BENCH_DIR=${BENCH_DIR:-/tmp/meshcost-bench}
NICE=${NICE:-10}
W=$BENCH_DIR/check-$N
run() { nice -n "$NICE" "$@"; }

mkdir -p "$BENCH_DIR"
echo "== build meshcost"
build=$(cd "$root" && run sh scripts/build.sh)
BIN=$root/$build/meshcost
echo "== build the generator"
run cc -O2 -Wall -o "$BENCH_DIR/gen" "$here/gen.c" -lm
if [ ! -d "$here/peer/node_modules/@duckdb/node-api" ]; then
    echo "== npm install (tests/bench/peer)"
    (cd "$here/peer" && npm install --no-audit --no-fund --loglevel=error)
fi

rm -rf "$W"
mkdir -p "$W"
echo "== generate $N queries"
run "$BENCH_DIR/gen" "$N" "$W/data"

echo "== meshcost"
M="$BIN --db $W/meshcost.db --config $W/data/meshcost.ini"
run $M init
run $M catalog import "$W/data/catalog"
run $M ingest "$W"/data/inbox/*.csv
run $M attribute --from 2026-10-15 --to 2026-10-16
run $M export allocations --period 2026-10 >"$W/meshcost.csv"

echo "== DuckDB peer"
run node "$here/peer/run.mjs" "$W/data" "$W/peer.csv" --period 2026-10

rows=$(($(wc -l <"$W/meshcost.csv") - 1))
status=0
if cmp -s "$W/meshcost.csv" "$W/peer.csv"; then
    echo "OK: the peer's allocations are identical to meshcost's ($rows rows, $W)"
else
    status=1
    echo "DIFFER: meshcost vs peer ($W/meshcost.csv, $W/peer.csv):"
    diff "$W/meshcost.csv" "$W/peer.csv" | head -20
fi
if [ "$status" = 1 ] || [ "${CHECK_REFERENCE:-0}" = 1 ]; then
    echo "== tests/e2e/reference.py (tie-breaker)"
    run /usr/bin/python3 "$root/tests/e2e/reference.py" --samples "$W/data" \
        --period 2026-10 >"$W/reference.csv"
    for who in meshcost peer; do
        if cmp -s "$W/reference.csv" "$W/$who.csv"; then
            echo "reference.py agrees with $who"
        else
            echo "reference.py DISAGREES with $who:"
            diff "$W/reference.csv" "$W/$who.csv" | head -10
            status=1
        fi
    done
fi
exit $status
