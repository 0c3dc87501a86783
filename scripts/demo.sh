#!/bin/sh
# The demo: installs what is missing, builds, and runs meshcost on the
# sample month (samples/): catalog, ingest, attribute, report.
# Output: demo-out/reports/2026-10/ (a showback workbook per domain,
# board.xlsx, allocations.csv, sunset-candidates.csv).
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
$m report --period 2026-10 --out "$out/reports"
echo "demo output: the workbooks and CSV exports of October 2026 in $out/reports/2026-10/:"
ls -l "$out/reports/2026-10"
