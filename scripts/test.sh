#!/bin/sh
# The whole test suite: installs what is missing, builds the normal and the
# ASan+UBSan builds with warnings as errors, runs every test in both.
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
for type in RelWithDebInfo Asan; do
    dir=$(sh scripts/build.sh "$type")
    echo "== tests ($type) =="
    ctest --test-dir "$dir" --output-on-failure -j2
done
