#!/bin/bash
# Fault sweep (SQLite-style OOM and I/O-error testing) over the sample
# month: for each of `ingest`, `attribute` and `report`, count the calls
# once, then rerun the command with the Nth allocation or the Nth
# write-class call failing (tests/fault/faultshim.c, LD_PRELOAD) and check
#   * the exit code is 0 or a sysexits code 64..78, never a signal, a
#     timeout or anything else;
#   * a non-zero exit printed a `meshcost: error: ...` line on stderr;
#   * the database passes PRAGMA integrity_check;
#   * exit 0 means the fault did not change the result (same data, same
#     allocations, byte-identical workbooks as a clean run);
#   * report: every file of the month folder is either its previous
#     version or the new one (never partial), no temporary file is left;
#   * the same command rerun without the fault gives the clean result.
# A run that left the database (and the report folder) byte-identical to
# its starting state needs no rerun: the rerun would be the clean run.
#
# usage: sweep.sh BINARY SRCDIR [STEP]
#   STEP      inject at N = 1..FIRST and then every STEP-th N up to the
#             count (STEP=1: every point, a full sweep: hours). Without
#             STEP each series gets FIRST + about SWEEP_POINTS points
#             spread over its whole range (the CI size, ~2-3 minutes).
# environment:
#   SWEEP_FIRST=N      the first N points of every series (default 200;
#                      40 in the CI default when no STEP is given)
#   SWEEP_POINTS=N     spread points per series without STEP (default 24)
#   SWEEP_CMDS         commands (default "ingest attribute report")
#   SWEEP_SERIES       fault series (default "malloc mcmalloc enospc eio"):
#                        malloc   the Nth malloc/calloc/realloc -> NULL ENOMEM
#                        mcmalloc the same, counting only the calls made by
#                                 meshcost's own code (its error paths, not
#                                 SQLite's or jansson's)
#                        enospc   the Nth write-class call and every later
#                                 one -> ENOSPC (a full disk stays full)
#                        eio      the Nth write-class call only -> EIO
#   SWEEP_JOBS=N       parallel workers (default 2)
#   SWEEP_ONLY="CMD SERIES N"  run that single point and keep its folder
#   FAULTSHIM=FILE     the shim (default: built here with cc)
# Exit status: 0 all points clean, 1 a failure (each printed with the
# command to reproduce it), 2 setup problem.
set -u
if [ $# -lt 2 ]; then
    echo "usage: $0 BINARY SRCDIR [STEP]" >&2
    exit 2
fi
BIN=$(realpath "$1") SRC=$(realpath "$2") STEP=${3:-}
HERE=$(cd "$(dirname "$0")" && pwd)
export TZ=UTC LC_ALL=C
PERIOD=2026-10 FROM=2026-10-01 TO=2026-11-01
CMDS=${SWEEP_CMDS:-ingest attribute report}
SERIES=${SWEEP_SERIES:-malloc mcmalloc enospc eio}
JOBS=${SWEEP_JOBS:-2}
POINTS=${SWEEP_POINTS:-14}
if [ -n "$STEP" ]; then FIRST=${SWEEP_FIRST:-200}; else FIRST=${SWEEP_FIRST:-12}; fi
T=$(mktemp -d "${TMPDIR:-/tmp}/meshcost-sweep.XXXXXX")
[ -n "${SWEEP_ONLY:-}" ] || trap 'rm -rf "$T"' EXIT
die() { echo "sweep: $*" >&2; exit 2; }

# ---- the shim --------------------------------------------------------------
SHIM=${FAULTSHIM:-}
if [ -z "$SHIM" ]; then
    SHIM=$T/faultshim.so
    cc -shared -fPIC -O1 -o "$SHIM" "$HERE/faultshim.c" -ldl ||
        die "cannot build the shim"
fi
SHIM=$(realpath "$SHIM")
if ldd "$BIN" | grep -q libasan; then
    echo "sweep: skipped: $BIN is a sanitizer build (LD_PRELOAD shims do not mix with ASan)"
    exit 0
fi

# ---- the site: config, catalog, inbox, shared by every worker -------------
mkdir -p "$T/snap" "$T/work"
cp -r "$SRC/samples/inbox" "$T/inbox"
cp -r "$SRC/samples/catalog" "$T/catalog"
INBOX=("$T"/inbox/*)

# mc DIR ARGS...: meshcost on the work folder DIR (its meshcost.ini).
mc() { local d=$1; shift; "$BIN" --config "$d/meshcost.ini" "$@"; }
args_of() { # the command line of a swept command, in work folder $1
    case $2 in
    ingest) echo ingest "${INBOX[@]}" ;;
    attribute) echo attribute --from $FROM --to $TO ;;
    report) echo report --period $PERIOD --out "$1/out" ;;
    esac
}
fresh() { # DIR: an empty work folder
    rm -rf "$1" && mkdir -p "$1/out" && cp "$SRC/samples/meshcost.ini" "$1/"
}
restore() { # DIR CMD: the state before CMD
    rm -f "$1"/meshcost.db*
    cp "$T/snap/$2.db" "$1/meshcost.db"
    rm -rf "$1/out" && mkdir -p "$1/out"
    [ "$2" = report ] && cp -r "$T/snap/old-reports/." "$1/out/"
    return 0
}

# state DIR CMD: what a run of CMD must reproduce exactly.
FACTS="sf_query sf_query_text sf_access sf_access_obj sf_meter sf_query_attr
       sf_meter_daily sf_rate sf_storage focus_line bq_job bq_storage dbx_usage
       dbx_price"
DERIVED="allocations adjustments source_totals query_groups
         query_group_products table_costs
         attributed_days"
select_sql() { # DB TABLES: SELECT every column but load_id, fully ordered
    local t cols sql=""
    for t in $2; do
        cols=$(sqlite3 "$1" "SELECT group_concat(name) FROM pragma_table_info('$t') WHERE name <> 'load_id'")
        [ -n "$cols" ] && sql="$sql SELECT '$t', $cols FROM $t ORDER BY $cols;"
    done
    echo "$sql"
}
state() {
    local db=$1/meshcost.db
    case $2 in
    ingest)
        # the loaded files, their kept bad rows and every fact; a file once
        # rejected (an error the rerun recovered from) stays in the history,
        # which is not compared
        sqlite3 "$db" "SELECT 'load', path, sha256, importer, source, rows, rejects,
                   first_day, last_day FROM loads WHERE status = 'loaded' ORDER BY path;
                   SELECT 'reject', l.path, r.line, r.reason, r.excerpt FROM rejects r
                   JOIN loads l USING (load_id) WHERE l.status = 'loaded'
                   ORDER BY l.path, r.line, r.reason;
                   $FACTS_SQL" ;;
    attribute)
        mc "$1" export allocations --period $PERIOD
        sqlite3 "$db" "$DERIVED_SQL" ;;
    report)
        (cd "$1/out" && find . -type f | sort | xargs -r sha256sum) ;;
    esac | sha256sum | cut -c1-64
}
# the folder listing with hashes (for the previous/new check of report)
listing() { (cd "$1/out" && find . -type f | sort | xargs -r sha256sum); }

# ---- clean runs: snapshots and the expected states ------------------------
W=$T/setup
fresh "$W"
mc "$W" init && mc "$W" catalog import "$T/catalog" || die "init failed"
FACTS_SQL=$(select_sql "$W/meshcost.db" "$FACTS")
DERIVED_SQL=$(select_sql "$W/meshcost.db" "$DERIVED")
export FACTS_SQL DERIVED_SQL
# the previous reports: the first half of the month
cp "$W/meshcost.db" "$T/snap/half.db"
H=$T/half && fresh "$H" && cp "$T/snap/half.db" "$H/meshcost.db"
mc "$H" ingest "$T"/inbox/*_2026-10-0* "$T"/inbox/*_2026-10-1[0-5]* \
        "$T"/inbox/databricks_list_prices.csv &&
    mc "$H" attribute --from $FROM --to $TO &&
    mc "$H" report --period $PERIOD --out "$H/out" || die "first-half run failed"
mkdir -p "$T/snap/old-reports" && cp -r "$H/out/." "$T/snap/old-reports/"
rm -rf "$H"
for cmd in ingest attribute report; do
    cp "$W/meshcost.db" "$T/snap/$cmd.db"
    restore "$W" $cmd
    # shellcheck disable=SC2046
    FAULT_COUNT=1 FAULT_COUNT_FILE="$T/count.$cmd" LD_PRELOAD=$SHIM \
        mc "$W" $(args_of "$W" $cmd) 2>"$T/err" || die "clean $cmd failed: $(cat "$T/err")"
    [ -s "$T/err" ] && die "clean $cmd was not quiet: $(head -3 "$T/err")"
    state "$W" $cmd >"$T/clean.$cmd"
    [ $cmd = ingest ] && sqlite3 "$W/meshcost.db" "SELECT sum(rows) FROM loads WHERE status = 'loaded'" >"$T/rows"
    # the same run again, counting only meshcost's own calls
    [ $cmd = report ] && listing "$W" >"$T/new-reports"
    restore "$W" $cmd
    # shellcheck disable=SC2046
    FAULT_COUNT=1 FAULT_COUNT_FILE="$T/count-mc.$cmd" FAULT_CALLER=meshcost LD_PRELOAD=$SHIM \
        mc "$W" $(args_of "$W" $cmd) 2>"$T/err" || die "clean $cmd failed: $(cat "$T/err")"
    [ "$(state "$W" $cmd)" = "$(cat "$T/clean.$cmd")" ] || die "$cmd: two clean runs differ"
    { sed 's/.*malloc=\([0-9]*\) write=\([0-9]*\).*/\1 \2/' "$T/count.$cmd"
      sed 's/.*malloc=\([0-9]*\) .*/\1/' "$T/count-mc.$cmd"; } | tr '\n' ' ' >"$T/calls.$cmd"
done
# a clean run without the shim gives the same state (the shim is inert)
restore "$W" report && mc "$W" $(args_of "$W" report) &&
    [ "$(state "$W" report)" = "$(cat "$T/clean.report")" ] ||
    die "the shim changes a clean run"
listing_old=$(cd "$T/snap/old-reports" && find . -type f | sort | xargs -r sha256sum)
echo "$listing_old" >"$T/old-reports"

# ---- known bugs (tests/fault/FINDINGS.md) ---------------------------------
# known_issue CMD SERIES RC DIR WHY: the finding a failure is an instance
# of, or nothing. Each signature is narrow (who made the failed call, the
# exit code, the damage seen), so a new bug does not hide behind it. Fix a
# bug, then delete its case here; SWEEP_STRICT=1 counts them as failures.
known_issue() {
    local cmd=$1 series=$2 rc=$3 w=$4 why=$5 what n fn lib files
    read -r what n fn lib <"$w/fault.log" 2>/dev/null
    files=$(echo "$why" | grep -o '\./[^ ]*' | sort -u)
    case $cmd/$series in
    report/malloc)
        # F3: an allocation of libxlsxwriter (or of its minizip/zlib) fails,
        # the workbook is written without the part (libxlsxwriter swallows
        # some failures; meshcost ignores the error codes of the others)
        if [ "$rc" = 0 ] && [ -n "$files" ] && ! echo "$files" | grep -qv '\.xlsx$' &&
            case $lib in libxlsxwriter.so* | libminizip.so* | libz.so*) true ;; *) false ;; esac; then
            echo F3
        # F13: report code takes an SQLite error for the end of the rows
        elif [ "$rc" = 0 ] && [ "$lib" = libsqlite3.so.0 ] &&
            [ -n "$files" ] && ! echo "$files" | grep -qv '\.xlsx$'; then
            echo F13
        fi ;;
    report/mcmalloc)
        # F16: the board's Domains sheet is left empty when its calloc fails
        [ "$rc" = 0 ] && [ "$lib" = meshcost ] && [ "$files" = ./2026-10/board.xlsx ] &&
            echo F16 ;;
    report/eio | report/enospc)
        # F4: libxlsxwriter does not check the writes to its temporary files
        if [ "$rc" = 0 ] && [ "$lib" = libxlsxwriter.so.4 ] && [ -n "$files" ] &&
            ! echo "$files" | grep -qv '\.xlsx$'; then
            echo F4
        fi ;;
    esac
}

# backtrace STDERR: the shim's crash backtrace, file:line where known
backtrace() {
    sed -n '/^faultshim: crashed/,$p' "$1" | sed 1d | grep -v 'faultshim\.so' |
        while read -r frame; do
            local file off
            file=${frame%%(*} off=${frame#*(+} off=${off%%)*}
            if [[ $frame == *"(+0x"* ]] && command -v addr2line >/dev/null; then
                echo "$(addr2line -f -i -e "$file" "$off" | paste -sd' ') ($(basename "$file"))"
            else
                echo "$frame"
            fi
        done
}

# ---- one injection point ---------------------------------------------------
# point CMD SERIES N WORKDIR: prints "ok CMD SERIES N RC effect" or "FAIL ..."
point() {
    local cmd=$1 series=$2 n=$3 w=$4 rc env why="" effect=changed t0
    t0=$(date +%s%N)
    fresh "$w" && restore "$w" "$cmd"
    case $series in
    malloc) env="FAULT_MALLOC_AT=$n" ;;
    mcmalloc) env="FAULT_MALLOC_AT=$n FAULT_CALLER=meshcost" ;;
    enospc) env="FAULT_WRITE_AT=$n FAULT_WRITE_ERRNO=ENOSPC FAULT_PERSIST=1" ;;
    eio) env="FAULT_WRITE_AT=$n FAULT_WRITE_ERRNO=EIO" ;;
    esac
    local cmdline
    cmdline=$(args_of "$w" "$cmd")
    # shellcheck disable=SC2086
    # only meshcost gets the shim (not timeout, not env)
    timeout -k 5 60 env $env FAULT_LOG="$w/fault.log" FAULT_BACKTRACE=1 LD_PRELOAD="$SHIM" \
        "$BIN" --config "$w/meshcost.ini" $cmdline >"$w/stdout" 2>"$w/stderr"
    rc=$?
    if [ ! -s "$w/fault.log" ]; then
        effect=unreached
    elif cmp -s "$T/snap/$cmd.db" "$w/meshcost.db" && [ ! -s "$w/meshcost.db-wal" ] &&
        { [ "$cmd" != report ] || [ "$(listing "$w")" = "$listing_old" ]; }; then
        effect=none
    fi
    if [ $rc -ge 128 ] || [ $rc = 124 ]; then
        why="crashed: exit $rc$([ $rc -gt 128 ] && [ $rc != 124 ] && echo " (signal $((rc - 128)))")"
    elif [ $rc = 124 ]; then
        why="timed out (60 s)"
    elif [ $rc != 0 ] && { [ $rc -lt 64 ] || [ $rc -gt 78 ]; }; then
        why="exit $rc is not a sysexits code"
    elif [ $rc != 0 ] && ! grep -q '^meshcost: error: ' "$w/stderr"; then
        why="exit $rc without a 'meshcost: error:' line"
    fi
    if [ -z "$why" ] && [ $effect = changed ]; then
        local ic
        ic=$(sqlite3 "$w/meshcost.db" "PRAGMA integrity_check" 2>&1)
        [ "$ic" = ok ] || why="integrity_check after the fault: $(echo "$ic" | head -2 | tr '\n' ' ')"
    fi
    if [ -z "$why" ] && [ $effect = changed ] && [ "$cmd" = report ]; then
        # every file is its previous or its new version; no temporary file
        local f h
        while read -r h f; do
            grep -qxF "$h  $f" "$T/old-reports" || grep -qxF "$h  $f" "$T/new-reports" ||
                why="$why $f is neither the previous nor the new version;"
        done < <(listing "$w")
        [ $rc != 0 ] && ls -A "$w/out/$PERIOD" | grep -q 'tmp' &&
            why="$why temporary file left: $(ls -A "$w/out/$PERIOD" | grep tmp | head -1);"
    fi
    if [ -z "$why" ] && [ $rc = 0 ] && [ $effect = changed ]; then
        [ "$(state "$w" "$cmd")" = "$(cat "$T/clean.$cmd")" ] ||
            why="exit 0 but the result differs from a clean run (the fault was swallowed)"
    fi
    if [ -z "$why" ] && [ $rc != 0 ] && [ $effect = changed ]; then
        # shellcheck disable=SC2086
        if ! "$BIN" --config "$w/meshcost.ini" $cmdline >"$w/stdout2" 2>"$w/stderr2"; then
            why="rerun without the fault failed: $(head -1 "$w/stderr2")"
        elif [ "$(state "$w" "$cmd")" != "$(cat "$T/clean.$cmd")" ]; then
            why="rerun without the fault differs from a clean run"
        fi
    fi
    local kid=""
    [ -n "$why" ] && [ -z "${SWEEP_STRICT:-}" ] && kid=$(known_issue "$cmd" "$series" "$rc" "$w" "$why")
    if [ -n "$kid" ]; then
        echo "known $cmd $series $n $rc $effect $kid $(head -1 "$w/fault.log" 2>/dev/null | cut -d' ' -f3,4)"
    elif [ -n "$why" ]; then
        echo "FAIL $cmd $series $n $rc $effect: $why [$(head -1 "$w/fault.log" 2>/dev/null | cut -d' ' -f3,4)]"
        echo "  | first error line: $(grep -m1 'meshcost: error' "$w/stderr" || head -1 "$w/stderr")"
        echo "  | fault: $(cat "$w/fault.log" 2>/dev/null)"
        grep -q '^faultshim: crashed' "$w/stderr" && backtrace "$w/stderr" | head -8 | sed 's/^/  | at /'
        echo "  | reproduce: SWEEP_ONLY='$cmd $series $n' bash $HERE/sweep.sh $BIN $SRC"
        echo "  | by hand (in the kept folder): $env LD_PRELOAD=$SHIM $BIN --config meshcost.ini $cmd ..."
    else
        echo "ok $cmd $series $n $rc $effect $(head -1 "$w/fault.log" 2>/dev/null | cut -d' ' -f3,4) $(( ($(date +%s%N) - t0) / 1000000 ))ms"
    fi
}

if [ -n "${SWEEP_ONLY:-}" ]; then
    # shellcheck disable=SC2086
    set -- $SWEEP_ONLY
    w=$T/work/w0 # the name worker 0 had: the same N is the same call
    point "$1" "$2" "$3" "$w"
    echo "kept: $w (stderr: $w/stderr, fault: $w/fault.log)"
    exit 0
fi

# ---- the plan: which N for every (command, series) -------------------------
: >"$T/plan"
for cmd in $CMDS; do
    read -r nm nw nmc <"$T/calls.$cmd"
    for series in $SERIES; do
        case $series in malloc) count=$nm ;; mcmalloc) count=$nmc ;; *) count=$nw ;; esac
        step=$STEP
        [ -z "$step" ] && step=$(( (count - FIRST) / POINTS + 1 ))
        [ "$step" -lt 1 ] && step=1
        {
            seq 1 $((FIRST < count ? FIRST : count))
            [ "$count" -gt "$FIRST" ] && seq $((FIRST + step)) "$step" "$count"
            [ "$count" -gt "$FIRST" ] && echo "$count"
        } | sort -un | sed "s/^/$cmd $series /" >>"$T/plan"
        echo "$cmd $series: $count calls, step $step" >>"$T/plan.txt"
    done
done
echo "fault sweep: $(wc -l <"$T/plan") points, $JOBS worker(s); calls: $(
    for c in $CMDS; do read -r a b m <"$T/calls.$c"; echo -n "$c $a allocations ($m by meshcost), $b writes; "; done)"

# ---- run it ----------------------------------------------------------------
# worker K: every JOBS-th line of the plan from line K
worker() {
    awk -v k="$1" -v j="$2" 'NR % j == k' "$T/plan" |
        while read -r cmd series n; do point "$cmd" "$series" "$n" "$T/work/w$1"; done
}
start=$(date +%s)
for k in $(seq 0 $((JOBS - 1))); do worker "$k" "$JOBS" >"$T/result.$k" & done
wait
cat "$T"/result.* >"$T/results"
secs=$(( $(date +%s) - start ))

# ---- summary ---------------------------------------------------------------
fails=$(grep -c '^FAIL' "$T/results")
grep -A4 '^FAIL' "$T/results" | head -200
summary=""
for cmd in $CMDS; do
    total=$(awk -v c="$cmd" '$2 == c' "$T/results" | wc -l)
    nf=$(awk -v c="$cmd" '$1 == "FAIL" && $2 == c' "$T/results" | wc -l)
    kn=$(awk -v c="$cmd" '$1 == "known" && $2 == c { print $7 }' "$T/results" | sort | uniq -c |
        awk '{ printf "%s%s x%d", (NR > 1 ? ", " : ""), $2, $1 }')
    summary="$summary, $cmd $total points ($([ "$nf" = 0 ] && echo "all clean" || echo "$nf FAILED")${kn:+; known bugs: $kn})"
done
echo "per series (exit codes of the injected runs; effect: none = nothing changed, unreached = past the end; known = a bug of FINDINGS.md):"
for cmd in $CMDS; do
    for series in $SERIES; do
        awk -v c="$cmd" -v s="$series" '$2 == c && $3 == s {
                n++; rc[$5]++; e = $6; sub(/:$/, "", e); eff[e]++; if ($1 == "FAIL") f++
                if ($1 == "known") kn[$7]++ }
            END { printf "  %-9s %-6s %4d points, %d failed", c, s, n, f
                  for (i in kn) printf ", known %s: %d", i, kn[i]
                  printf "; exit"
                  for (k in rc) printf " %s:%d", k, rc[k]
                  printf "; effect"
                  for (k in eff) printf " %s:%d", k, eff[k]
                  print "" }' "$T/results"
    done
done
echo "fault sweep:${summary#,} in ${secs}s"
[ -n "${SWEEP_RESULTS:-}" ] && cp "$T/results" "$SWEEP_RESULTS"
[ "$fails" = 0 ]
