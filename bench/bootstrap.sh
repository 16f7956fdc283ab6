#!/usr/bin/env bash
# Warm start of the bootstrap: `./build.sh --help` with nothing changed, against the floor of running the built dll directly.
# Prints the medians and their ratio, also in bench/results/bootstrap.json; hyperfine's raw JSON is in bench/results/bootstrap/.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
command -v hyperfine >/dev/null || { echo "error: hyperfine is required (apt-get install -y hyperfine)" >&2; exit 127; }
runs="${RUNS:-30}"
mkdir -p bench/results/bootstrap
./build.sh --help >/dev/null # make it warm: builds once if build/ changed
hyperfine --style basic --warmup 3 --runs "$runs" --export-json bench/results/bootstrap/hyperfine.json \
  -n 'build.sh --help' './build.sh --help' \
  -n 'dotnet build/bin/_build.dll --help (floor)' 'dotnet build/bin/_build.dll --help' >/dev/null
python3 - <<'PY' | bench_results_filter bootstrap "$runs"
import json
results = json.load(open("bench/results/bootstrap/hyperfine.json"))["results"]
for r in results:
    print(f"{r['command']:<48} median {r['median']*1000:7.1f} ms   (min {r['min']*1000:.1f}, max {r['max']*1000:.1f}, runs {len(r['times'])})")
print(f"bootstrap overhead: {results[0]['median'] / results[1]['median']:.2f}x the floor")
print(f"figure: build_sh_median_ms={results[0]['median']*1000:.1f}")
print(f"figure: floor_median_ms={results[1]['median']*1000:.1f}")
print(f"figure: overhead_ratio={results[0]['median'] / results[1]['median']:.2f}")
PY
