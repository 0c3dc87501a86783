#!/bin/sh
# Builds the libFuzzer harnesses with clang (ASan+UBSan) and runs each for
# SECONDS (default 20), seeded from samples/ and tests/data/. Crashes are
# written to tests/fuzz/crashes/ and fail the run.
# usage: tests/fuzz/run.sh [SECONDS]
set -eu
cd "$(dirname "$0")/../.."
secs=${1:-20}
out=build-fuzz
mkdir -p "$out" tests/fuzz/crashes
before=$(ls tests/fuzz/crashes | wc -l)
flags="-g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
 -std=c11 -D_POSIX_C_SOURCE=200809L -DMESHCOST_VERSION=\"fuzz\" -Iinclude"
libs="-lsqlite3 -ljansson -linih -lcsv -lz -lxlsxwriter -lcrypto -lm"
core="src/*.c importers/*.c reports/*.c"
n=0
for h in tests/fuzz/fuzz_*.c; do
    n=$((n + 1))
    name=$(basename "$h" .c)
    # shellcheck disable=SC2086
    clang $flags $core "$h" $libs -o "$out/$name"
    corpus="$out/corpus-$name"
    mkdir -p "$corpus"
    cp tests/data/* "$corpus/" 2>/dev/null || true
    cp samples/meshcost.ini "$corpus/"
    for f in samples/inbox/*_2026-10-0[12].csv samples/catalog/*.csv; do
        head -c 20000 "$f" >"$corpus/$(basename "$f")"
    done
    echo "== $name ($secs s)"
    "$out/$name" -max_total_time="$secs" -max_len=65536 -rss_limit_mb=1024 \
        -artifact_prefix=tests/fuzz/crashes/ "$corpus" 2>&1 |
        grep -E "^(Done|#[0-9]+ +DONE)|ERROR|SUMMARY" | tail -3
done
if [ "$(ls tests/fuzz/crashes | wc -l)" -ne "$before" ]; then
    echo "fuzzing found a crash: see tests/fuzz/crashes/"
    exit 1
fi
echo "fuzz: $n passed, 0 failed"
