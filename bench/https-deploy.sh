#!/usr/bin/env bash
# HTTPS deploy under load, measured. Runs the integration test in which two apps (Notes and the plain
# `dotnet new webapi` sample, samples/Weather) are served by ONE host-wide edge on one HTTPS port with certificates from
# a local pebble, and Notes is deployed (1.0.0 → 2.0.0) while both apps take continuous HTTPS load by host name
# (3 connections each; new connections every 2 s, so renewed certificates are checked too: the fixture's certificates
# live 45 s and the edge checks renewal every second). RUNS times (default 3), each in a fresh test process; prints per
# run and as medians: failed requests for each app during the deploy (goal: 0 for both), requests sent, and the
# Deploy's wall time (also in bench/results/https-deploy.json). Needs docker and pebble (.ci/start-services.sh installs both). All traffic goes to 127.0.0.1;
# pebble's ACME API listens on the Docker bridge's gateway address (the edge container reaches it there); ports 22500-22599.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
runs="${RUNS:-3}"
project=tests/Drydock.Deploy.IntegrationTests
dotnet build "$project" -v q -nologo >/dev/null
lines=()
for i in $(seq 1 "$runs"); do
  line=$(dotnet test "$project" --no-build --filter "FullyQualifiedName~Two_apps_answer_https_by_name" \
    --logger "console;verbosity=detailed" 2>&1 | grep -o 'https-deploy: .*' | head -1 || true)
  [[ -n "$line" ]] || { echo "error: run $i printed no figures (did the test fail? run: dotnet test $project --filter HostEdgeDeployTests)" >&2; exit 1; }
  echo "run $i: $line"
  lines+=("$line")
done
python3 - "${lines[@]}" <<'PY' | bench_results_filter https-deploy "$runs"
import re, statistics, sys
rows = [list(map(int, re.findall(r"(\d+) (?:ms|requests|failed)", l))) for l in sys.argv[1:]]
deploy, nreq, nfail, wreq, wfail = (sorted(r[i] for r in rows) for i in range(5))
m = statistics.median
print(f"HTTPS deploy of one app under load on both, {len(rows)} runs (medians): "
      f"failed requests notes {m(nfail):.0f} (max {nfail[-1]}), weather {m(wfail):.0f} (max {wfail[-1]}); "
      f"requests notes {m(nreq):.0f}, weather {m(wreq):.0f}; deploy {m(deploy)/1000:.1f} s")
print("goal: 0 failed requests for both apps in every run:", "met" if nfail[-1] == 0 and wfail[-1] == 0 else "NOT met")
for key, values in (("failed_notes", nfail), ("failed_weather", wfail), ("requests_notes", nreq), ("requests_weather", wreq)):
    print(f"figure: {key}_median={m(values):g}")
    print(f"figure: {key}_max={values[-1]}")
print(f"figure: deploy_median_s={m(deploy)/1000:.1f}")
print(f"figure: goal_zero_failed_met={'true' if nfail[-1] == 0 and wfail[-1] == 0 else 'false'}")
PY
