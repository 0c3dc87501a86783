#!/bin/bash
# meshcost benchmark: for each size (millions of queries in one UTC day),
# generate the Snowflake exports once (cached in $BENCH_DIR), then measure on
# the same files, in one run:
#   (a) the read limit: cat of every input file to /dev/null (second, warm)
#   (b) meshcost ingest (fresh database after init + catalog import)
#   (c) meshcost attribute --from 2026-10-15 --to 2026-10-16
#   (d) meshcost report --period 2026-10 --out DIR
#   (e) the DuckDB peer (tests/bench/peer), CSV files to allocations
# and print per step wall seconds, rows/s, MB/s and peak RSS, then the
# ratios meshcost ÷ DuckDB and meshcost ingest ÷ read limit. The table also
# goes to $BENCH_DIR/results-<date>.md. The allocations of meshcost (export)
# and of the peer are compared at every size.
#
# usage: tests/bench/run.sh [SIZES...]     default: 1 3 10 (fractions ok: 0.1)
# env:   BENCH_DIR  where data, databases and results go (/tmp/meshcost-bench)
#        NICE       niceness of every measured step (10; the box is shared)
#        KEEP_DB=1  keep each size's database and reports (default: deleted)
#        PEER_THREADS, PEER_MEMORY  DuckDB threads (2) and memory_limit (8GB)
# rows/s and MB/s are input data rows and input bytes (all four files) per
# second of the step, so that every step is measured against the same work.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
BENCH_DIR=${BENCH_DIR:-/tmp/meshcost-bench}
NICE=${NICE:-10}
PEER_THREADS=${PEER_THREADS:-2}
PEER_MEMORY=${PEER_MEMORY:-8GB}
export LC_ALL=C
[ $# -gt 0 ] || set -- 1 3 10

die() { echo "run.sh: $*" >&2; exit 1; }
[ -x /usr/bin/time ] || die "/usr/bin/time is missing (apt-get install time)"
command -v node >/dev/null || die "node is missing (the DuckDB peer runs on it)"
for s in "$@"; do
    awk -v s="$s" 'BEGIN { exit !(s ~ /^[0-9]*\.?[0-9]+$/ && s > 0) }' ||
        die "size '$s': expected millions of queries, e.g. 0.1, 1, 3, 10"
done

mkdir -p "$BENCH_DIR"
echo "== build meshcost (RelWithDebInfo), the generator and the peer"
build=$(cd "$root" && nice -n "$NICE" sh scripts/build.sh)
BIN=$root/$build/meshcost
nice -n "$NICE" cc -O2 -Wall -o "$BENCH_DIR/gen" "$here/gen.c" -lm
if [ ! -d "$here/peer/node_modules/@duckdb/node-api" ]; then
    (cd "$here/peer" && npm install --no-audit --no-fund --loglevel=error)
fi
gen_sum=$(sha256sum "$here/gen.c" | cut -c1-16)
rev=$(cd "$root" && git rev-parse --short HEAD 2>/dev/null || echo unknown)
results=$BENCH_DIR/results-$(date -u +%Y%m%d-%H%M%S).md
{
    echo "# meshcost benchmark $(date -u '+%Y-%m-%d %H:%M UTC')"
    echo
    echo "meshcost $rev (RelWithDebInfo, $build/meshcost), $(nproc) CPUs, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo) RAM," \
         "DuckDB $(node -e "console.log(require('$here/peer/node_modules/@duckdb/node-api/package.json').version)" 2>/dev/null || echo '?')" \
         "(threads $PEER_THREADS), nice $NICE. Page cache warm for every step."
    echo "rows/s and MB/s: input data rows and bytes (all input files) per second of the step;"
    echo "CPU s: user + system seconds of the step (less sensitive than wall time to other load)."
} >"$results"

fmt() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }
# measure NAME OUTFILE CMD...: wall seconds (ns clock) and peak RSS (KiB,
# /usr/bin/time -f %M) of one command run under nice; stdout to OUTFILE.
measure() {
    local name=$1 out=$2 t0 t1 rc=0
    shift 2
    t0=$(date +%s%N)
    /usr/bin/time -f '%e %M %U %S' -o "$W/time.$name" nice -n "$NICE" "$@" >"$out" \
        2>"$W/err.$name" || rc=$?
    t1=$(date +%s%N)
    if [ "$rc" != 0 ]; then
        echo "run.sh: step $name failed (exit $rc):" >&2
        tail -5 "$W/err.$name" >&2
        exit 1
    fi
    SECS[$name]=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
    RSS[$name]=$(awk 'END { print $2 }' "$W/time.$name")
    CPU[$name]=$(awk 'END { printf "%.2f", $3 + $4 }' "$W/time.$name")
}

row() { # row LABEL SECONDS RSS_KIB CPU_SECONDS
    awk -v l="$1" -v s="$2" -v k="$3" -v c="$4" -v r="$ROWS" -v b="$BYTES" 'BEGIN {
        printf "| %s | %.2f | %s | %.1f | %.0f | %.2f |\n", l, s,
            (s > 0 ? sprintf("%d", r / s) : "-"),
            (s > 0 ? b / 1e6 / s : 0), k / 1024, c }'
}

for size in "$@"; do
    declare -A SECS=() RSS=() CPU=()
    N=$(awk -v s="$size" 'BEGIN { printf "%d", s * 1000000 + 0.5 }')
    D=$BENCH_DIR/data-${size}M
    W=$BENCH_DIR/run-${size}M
    rm -rf "$W"
    mkdir -p "$W"
    echo "== $size M queries ($N)"
    gen_note=""
    if [ "$(cat "$D/.stamp" 2>/dev/null)" != "$gen_sum $N" ]; then
        rm -rf "$D"
        avail=$(df -Pk "$BENCH_DIR" | awk 'NR == 2 { print $4 }')
        need=$(awk -v n="$N" 'BEGIN { printf "%d", n * 4.5 }') # KiB: data+db
        [ "$avail" -gt "$need" ] ||
            die "$BENCH_DIR: $((avail / 1048576)) GiB free, about $((need / 1048576)) GiB needed for $size M"
        t0=$(date +%s%N)
        nice -n "$NICE" "$BENCH_DIR/gen" "$N" "$D" 2>"$W/gen.log"
        t1=$(date +%s%N)
        gen_note="generated in $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", (b - a) / 1e9 }') s"
        echo "$gen_sum $N" >"$D/.stamp"
    else
        gen_note="data cached in $D"
    fi
    echo "   $gen_note"
    files=()
    ROWS=0 BYTES=0
    while read -r f r b; do
        case $f in inbox/*) files+=("$D/$f"); ROWS=$((ROWS + r)); BYTES=$((BYTES + b)) ;; esac
    done <"$D/manifest.txt"

    load_before=$(cut -d' ' -f1-3 /proc/loadavg)
    # (a) read limit: the first cat fills the page cache, the second is timed
    echo "   (a) read limit"
    cat "${files[@]}" >/dev/null
    measure read /dev/null cat "${files[@]}"

    # (b) ingest into a fresh database
    DB=$W/meshcost.db
    M=("$BIN" --db "$DB" --config "$D/meshcost.ini")
    "${M[@]}" init
    "${M[@]}" catalog import "$D/catalog"
    echo "   (b) meshcost ingest"
    measure ingest /dev/null "${M[@]}" ingest "${files[@]}"
    db_mb=$(du -m "$DB" | cut -f1)
    echo "   (c) meshcost attribute"
    measure attribute /dev/null "${M[@]}" attribute --from 2026-10-15 --to 2026-10-16
    echo "   (d) meshcost report"
    measure report /dev/null "${M[@]}" report --period 2026-10 --out "$W/reports"
    "${M[@]}" export allocations --period 2026-10 >"$W/meshcost.csv"

    echo "   (e) DuckDB peer"
    measure peer /dev/null node "$here/peer/run.mjs" "$D" "$W/peer.csv" \
        --period 2026-10 --threads "$PEER_THREADS" --memory-limit "$PEER_MEMORY"
    if cmp -s "$W/meshcost.csv" "$W/peer.csv"; then
        same="yes ($(($(wc -l <"$W/meshcost.csv") - 1)) rows)"
    else
        same="NO: see diff $W/meshcost.csv $W/peer.csv"
    fi

    e2e=$(awk -v a="${SECS[ingest]}" -v b="${SECS[attribute]}" -v c="${SECS[report]}" \
        'BEGIN { printf "%.3f", a + b + c }')
    e2e_rss=$(printf '%s\n' "${RSS[ingest]}" "${RSS[attribute]}" "${RSS[report]}" | sort -n | tail -1)
    e2e_cpu=$(awk -v a="${CPU[ingest]}" -v b="${CPU[attribute]}" -v c="${CPU[report]}" \
        'BEGIN { printf "%.2f", a + b + c }')
    ia=$(awk -v a="${SECS[ingest]}" -v b="${SECS[attribute]}" 'BEGIN { printf "%.3f", a + b }')
    ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
    {
        echo
        echo "## $size M queries"
        echo
        echo "$N queries; input $(awk -v r="$ROWS" 'BEGIN { printf "%d", r }') rows," \
             "$(awk -v b="$BYTES" 'BEGIN { printf "%.1f", b / 1e6 }') MB in ${#files[@]} files" \
             "($gen_note); database after ingest $db_mb MB."
        echo "Load average before / after: $load_before / $(cut -d' ' -f1-3 /proc/loadavg)" \
             "(above ~0.5, other processes shared the $(nproc) CPUs: expect noise)."
        echo
        echo "| step | seconds | rows/s | MB/s | peak RSS MB | CPU s |"
        echo "|---|---:|---:|---:|---:|---:|"
        row "(a) read limit: cat, warm" "${SECS[read]}" "${RSS[read]}" "${CPU[read]}"
        row "(b) meshcost ingest" "${SECS[ingest]}" "${RSS[ingest]}" "${CPU[ingest]}"
        row "(c) meshcost attribute" "${SECS[attribute]}" "${RSS[attribute]}" "${CPU[attribute]}"
        row "(d) meshcost report" "${SECS[report]}" "${RSS[report]}" "${CPU[report]}"
        row "(b+c+d) meshcost end to end" "$e2e" "$e2e_rss" "$e2e_cpu"
        row "(e) DuckDB peer, end to end" "${SECS[peer]}" "${RSS[peer]}" "${CPU[peer]}"
        echo
        echo "* meshcost end to end (b+c+d) ÷ DuckDB (e): **$(ratio "$e2e" "${SECS[peer]}")**"
        echo "  (without the workbooks, which the peer does not write: (b+c) ÷ (e) = $(ratio "$ia" "${SECS[peer]}"))"
        echo "* meshcost ingest (b) ÷ read limit (a): **$(ratio "${SECS[ingest]}" "${SECS[read]}")**"
        echo "* CPU seconds (user + system; the peer uses $PEER_THREADS threads): meshcost (b+c+d) ÷ DuckDB (e) = $(ratio "$e2e_cpu" "${CPU[peer]}")"
        echo "* allocations identical (meshcost export vs peer): $same"
    } | tee -a "$results"
    if [ "${KEEP_DB:-0}" != 1 ]; then
        rm -rf "$DB" "$DB-wal" "$DB-shm" "$DB-journal" "$W/reports"
    fi
done
echo
echo "results: $results"
