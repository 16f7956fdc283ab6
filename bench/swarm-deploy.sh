#!/usr/bin/env bash
# Swarm deploys (issue 15): failed requests during Deploy, a refused never-healthy release, Rollback and a node loss,
# and the rollback-to-serving time, on a 3-node nested swarm through Drydock (ReleaseManager over the SSH tunnel to the
# manager, the edge on every node), next to a plain `docker service update --update-order start-first|stop-first` of
# the same cluster shape in the same run (bench/swarm-baseline.sh).
#
# The Drydock side is tests/Drydock.Swarm.IntegrationTests' ClusterDeployTests: steady GET /version load (4 kept-alive
# clients) through node 1's 127.0.0.1 port during each phase; SWM3_FIGURES makes it write one line per phase
# (phase, served, failed, seconds). It fails when any phase had a failed request, and the table still shows the figures.
# One run of each (ROUNDS for the baseline); ports 23000-23029 (Drydock side) and 18860-18869 (baseline).
set -uo pipefail
cd "$(dirname "$0")/.." || exit 1
root=$PWD
RESULTS="$root/bench/results/swarm-deploy"
mkdir -p "$RESULTS"
figures="$RESULTS/drydock.tsv"
: > "$figures"

echo "Drydock on the swarm (dotnet test … ClusterDeployTests) …"
SWM3_FIGURES="$figures" dotnet test tests/Drydock.Swarm.IntegrationTests --filter ClusterDeployTests -nologo > "$RESULTS/drydock.log" 2>&1
drydock_exit=$?

echo "Plain swarm baseline (bench/swarm-baseline.sh) …"
ROUNDS="${ROUNDS:-1}" bash bench/swarm-baseline.sh > "$RESULTS/baseline.log" 2>&1
baseline_exit=$?

{
  echo "## Drydock (exit $drydock_exit)"
  printf '%-40s %-8s %-8s %s\n' phase served failed seconds
  while IFS=$'\t' read -r phase served failed seconds; do printf '%-40s %-8s %-8s %s\n' "$phase" "$served" "$failed" "$seconds"; done < "$figures"
  echo
  echo "## Plain docker service update, same run (exit $baseline_exit)"
  grep -E '^(order|start-first|stop-first|median)' "$RESULTS/baseline.log" || tail -5 "$RESULTS/baseline.log"
} | tee "$RESULTS/summary.txt"
