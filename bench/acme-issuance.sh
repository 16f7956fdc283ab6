#!/usr/bin/env bash
# ACME issuance against a local pebble: runs the ACME integration test that issues one certificate for two
# names RUNS times (default 5), each in a fresh test process with its own pebble, and prints the median of the
# issuance time the test measures (new order → both HTTP-01 validations → finalize → chain downloaded, first issuance
# of the process, so the client is cold as in a deploy). Pebble runs with PEBBLE_VA_NOSLEEP=1 and rejects 20% of
# nonces (the fixture's settings), so the figure is the client and protocol cost, not a real CA's validation latency.
# The figures also go to bench/results/acme-issuance.json.
# Needs pebble (apt-get install pebble; .ci/start-services.sh does it). Everything stays on 127.0.0.1 ports 18700-18799.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
runs="${RUNS:-5}"
project=tests/Drydock.Acme.IntegrationTests
dotnet build "$project" -c Release -v q -nologo >/dev/null
times=()
for _ in $(seq 1 "$runs"); do
  line=$(dotnet test "$project" -c Release --no-build --filter "FullyQualifiedName~A_certificate_for_two_names" \
    --logger "console;verbosity=detailed" 2>&1 | grep -o 'issuance for 2 names[^:]*: [0-9]* ms' || true)
  [[ -n "$line" ]] || { echo "error: the issuance test printed no time (did it fail? run: dotnet test $project)" >&2; exit 1; }
  ms="${line##*: }"
  times+=("${ms% ms}")
done
python3 - "${times[@]}" <<'PY' | bench_results_filter acme-issuance "$runs"
import statistics, sys
t = sorted(int(x) for x in sys.argv[1:])
print(f"ACME issuance, 2 names, against pebble: median {statistics.median(t):.0f} ms (min {t[0]}, max {t[-1]}, runs {len(t)}): {t}")
print(f"figure: issuance_median_ms={statistics.median(t):.0f}")
print(f"figure: issuance_min_ms={t[0]}")
print(f"figure: issuance_max_ms={t[-1]}")
PY
