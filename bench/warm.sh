#!/bin/sh
# Warm benchmarks: parse + check + decision function, and verified compile, in one JVM.
# Usage: bench/warm.sh [SIZES...]   (default 10 1000 10000 100000)
# Targets: WARM_TARGETS=netsh,powershell (default); the legacy IPsec ones suit kb-N files only.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
mvn -B -q -DskipTests package >&2
mvn -B -q -pl cli test-compile >&2
python3 bench/gen.py target/bench "$@"
sizes=${*:-10 1000 10000 100000}
files=""
for n in $sizes; do files="$files target/bench/list-$n.rpcwall target/bench/rules-$n.rpcwall"; done
# shellcheck disable=SC2086
exec java -Xss16m -Dtargets="${WARM_TARGETS:-netsh,powershell}" -cp "cli/target/test-classes:cli/target/rpcwall-cli-0.1.0-all.jar" dev.rpcwall.bench.WarmBench $files
