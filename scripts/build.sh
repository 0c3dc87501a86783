#!/bin/sh
# Configures and builds one build type into build/ (or build-asan/).
# usage: scripts/build.sh [Release|Asan]
set -eu
cd "$(dirname "$0")/.."
type=${1:-RelWithDebInfo}
dir=build
[ "$type" = Asan ] && dir=build-asan
cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DMESHCOST_WERROR=ON >/dev/null
cmake --build "$dir" -j"$(nproc)" >/dev/null
echo "$dir"
