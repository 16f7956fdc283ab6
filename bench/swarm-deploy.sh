#!/usr/bin/env bash
# Swarm deploys: what `./build.sh Deploy --environment cluster` and `./build.sh Rollback` from clean clones do to
# steady traffic on a 3-node nested swarm, next to plain `docker service update --update-order start-first|stop-first` and
# `docker service rollback` of the same cluster shape, all in the same run.
#
# Drydock side: tests/Drydock.Swarm.IntegrationTests' ClusterCloneTests, ROUNDS times (each round a fresh cluster, fresh
# clones, the real ./build.sh): steady GET /version load (4 kept-alive clients) through node 1's 127.0.0.1 port during
# each phase (deploy of a new version, a never-healthy release refused, a rollback from a second clone, a rollback to a
# version whose service is gone, a worker holding a replica stopped); SWM3_FIGURES makes the test write one line per
# phase (phase, served, failed, seconds) and the rollback-to-serving time (from the Rollback command to the old version
# answering on node 1). A round whose test failed still gives its figures. Baseline side: bench/swarm-baseline.sh with
# the same ROUNDS. Medians per phase over the rounds, also in bench/results/swarm-deploy.json (the baseline's in
# bench/results/swarm-baseline.json).
# Ports 23000-23029 (Drydock side) and 18860-18869 (baseline). Takes about 10 minutes per round on 2 cores.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
ROUNDS="${ROUNDS:-3}"
RESULTS="$root/bench/results/swarm-deploy"
mkdir -p "$RESULTS"
rm -f "$RESULTS"/drydock-*.tsv

for round in $(seq 1 "$ROUNDS"); do
  echo "Round $round of $ROUNDS: Drydock on the swarm (ClusterCloneTests) …"
  SWM3_FIGURES="$RESULTS/drydock-$round.tsv" dotnet test tests/Drydock.Swarm.IntegrationTests --filter ClusterCloneTests -nologo \
    > "$RESULTS/drydock-$round.log" 2>&1
  echo "  exit $?"
done

echo "Plain swarm baseline (bench/swarm-baseline.sh, $ROUNDS rounds per order) …"
ROUNDS="$ROUNDS" bash bench/swarm-baseline.sh > "$RESULTS/baseline.log" 2>&1
baseline_exit=$?

{
  echo "## Drydock, ./build.sh from clean clones ($ROUNDS rounds, medians; per round in brackets)"
  python3 - "$RESULTS" <<'PY'
import glob, re, statistics, sys
phases = {}
for path in sorted(glob.glob(f"{sys.argv[1]}/drydock-*.tsv")):
    for line in open(path):
        phase, served, failed, seconds = line.rstrip("\n").split("\t")
        # The node's name differs per round: one row for every node loss.
        key = "node loss" if phase.startswith("node loss") else phase
        phases.setdefault(key, []).append((served, failed, float(seconds)))
def med(values):
    numbers = [float(v) for v in values if v not in ("-", "")]
    return f"{statistics.median(numbers):g}" if numbers else "-"
print(f"{'phase':34} {'served':>8} {'failed':>8} {'seconds':>8}   failed per round")
for phase, rows in phases.items():
    served, failed, seconds = zip(*rows)
    print(f"{phase:34} {med(served):>8} {med(failed):>8} {med(seconds):>8}   [{', '.join(failed)}]")
    key = re.sub(r"[^a-z0-9]+", "_", phase.lower()).strip("_")
    for figure, values in (("served", served), ("failed", failed), ("seconds", seconds)):
        median = med(values)
        print(f"figure: {key}_{figure}_median={'null' if median == '-' else median}")
    print(f"figure: {key}_failed_per_round={' '.join(failed)}")
PY
  echo
  echo "## Plain docker service update / rollback, same run (exit $baseline_exit)"
  grep -E '^(order|start-first|stop-first|rollback|median)' "$RESULTS/baseline.log" || tail -5 "$RESULTS/baseline.log"
} | bench_results_filter swarm-deploy "$ROUNDS" "baseline_exit=$baseline_exit" | tee "$RESULTS/summary.txt"
