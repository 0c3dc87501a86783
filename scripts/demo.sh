#!/bin/sh
# The demo: installs what is missing, builds, and runs meshcost on the
# sample month (samples/): catalog, ingest, attribute, exports.
# Output: demo-out/ (database, allocations and sunset CSVs).
set -eu
cd "$(dirname "$0")/.."
sh scripts/deps.sh
dir=$(sh scripts/build.sh)
out=demo-out
rm -rf "$out" && mkdir -p "$out"
m="$dir/meshcost --db $out/meshcost.db --config samples/meshcost.ini"
$m init
$m catalog import samples/catalog
$m ingest samples/inbox/*
$m attribute --from 2026-10-01 --to 2026-11-01
$m export allocations --period 2026-10 > "$out/allocations-2026-10.csv"
$m sunset --as-of 2026-10-31 > "$out/sunset-candidates-2026-10-31.csv"
echo "demo output in $out/:"
ls -l "$out"
