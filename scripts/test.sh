#!/bin/sh
# The whole test suite: installs what is missing, builds the normal and the
# ASan+UBSan builds with warnings as errors, runs every test in both, then
# a short fuzz run of every harness (a crash fails the run).
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
for type in RelWithDebInfo Asan; do
    dir=$(sh scripts/build.sh "$type")
    echo "== tests ($type) =="
    ctest --test-dir "$dir" --output-on-failure -j2
done
echo "== fuzzing (15 s per harness, libFuzzer + ASan/UBSan) =="
sh tests/fuzz/run.sh 15
