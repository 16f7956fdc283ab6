#!/usr/bin/env bash
# Replacing a running edge, measured. Continuous HTTP load (CONNECTIONS kept-alive connections) against an
# environment's port while, one after the other:
#   keep-outdated   a Deploy after the edge's sources changed (a newer Drydock), without --recreate-edge: the old edge
#                   must keep serving, untouched (goal: 0 failed requests, the same edge container)
#   recreate-edge   the same Deploy with --recreate-edge: the new edge takes the port (figures: failed requests and
#                   the longest gap between two successful responses, the port's unanswered time)
#   naive-replace   the peer a user would script: `docker rm -f` the edge and `docker run` it again (the baseline)
# The app is not changed by either Deploy (--skip reuses the published image): every failure is the edge's.
# Figures in bench/results/edge-replace.json; LoadProbe's JSON per phase in bench/results/edge-replace/.
#
# How: the real ./build.sh in a clone of this checkout (working tree as one commit), environment BENCH_ENVIRONMENT
# (default edgebench, --new-environment) on a free loopback port, image name of its own per run. The edge's sources
# are changed in the clone by one comment line, so its image is new. Settings: CONNECTIONS (8), WARMUP (3), SETTLE (5).
# Everything stays on this machine: load goes to 127.0.0.1 only, and what the bench made is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
# shellcheck source=bench/lib/clone.sh
source bench/lib/clone.sh

CONNECTIONS="${CONNECTIONS:-8}"
WARMUP="${WARMUP:-3}"
SETTLE="${SETTLE:-5}"
RESULTS="$root/bench/results/edge-replace"
work="$root/.nuke/temp/edge-replace"
run_id="er$(date +%s | tail -c 6)$$"
environment="${BENCH_ENVIRONMENT:-edgebench}"
bench_image="drydock-bench-$run_id"

for tool in docker dotnet curl python3 git; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 127; }
done
say() { printf '\n== %s\n' "$*" >&2; }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
url="http://127.0.0.1:$port"
edge_of() { docker ps -q --no-trunc --filter "label=dev.drydock.environment=$environment" --filter "label=dev.drydock.app=$bench_image" --filter "label=dev.drydock.role=edge"; }

cleanup() {
  local status=$?
  say "Cleaning up"
  local ids
  ids=$(docker ps -aq --filter "label=dev.drydock.app=$bench_image")
  [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1 || true
  docker rm -f "$run_id-naive" >/dev/null 2>&1 || true
  docker network ls -q --filter "label=dev.drydock.app=$bench_image" | xargs -r docker network rm >/dev/null 2>&1 || true
  docker volume ls -q --filter "label=dev.drydock.app=$bench_image" | xargs -r docker volume rm >/dev/null 2>&1 || true
  ids=$(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$bench_image:" || true)
  [[ -n $ids ]] && docker image rm $ids >/dev/null 2>&1 || true
  rm -rf "$work/repo"
  exit $status
}
trap cleanup EXIT

say "Building the load probe"
mkdir -p "$work" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/commands.log
dotnet build bench/LoadProbe -c Release --artifacts-path "$work/tools" -nologo -v q -nodeReuse:false >/dev/null
probe_dll="$work/tools/bin/LoadProbe/release/LoadProbe.dll"
probe() {
  local label=$1 command=$2
  say "$label: $command"
  echo "### $label: $command" >>"$RESULTS/commands.log"
  dotnet "$probe_dll" run --url "$url/version" --connections "$CONNECTIONS" --warmup "$WARMUP" --settle "$SETTLE" \
    --label "$label" --out "$RESULTS/$label.json" --command-log "$RESULTS/commands.log" -- bash -c "$command"
}

say "Cloning this checkout into $work/repo"
bench_clone "$root" "$work/repo"
cd "$work/repo"
deploy="./build.sh Deploy --environment $environment --image-name $bench_image --host-port $port"
say "First release to $environment on port $port (not measured)"
$deploy --new-environment >"$RESULTS/setup.log" 2>&1 || { tail -n 40 "$RESULTS/setup.log" >&2; exit 1; }
old_edge=$(edge_of)
[[ -n $old_edge ]] || { echo "error: no edge container after the first deploy" >&2; exit 1; }

# A newer edge: one line in its sources gives it a new image, as an upgrade of Drydock would.
echo "// bench $run_id: a newer edge" >>src/Drydock.Edge/Program.cs
"${bench_git[@]}" commit -qam "bench: a newer edge"

probe keep-outdated "$deploy --skip"
[[ $(edge_of) == "$old_edge" ]] && kept=true || kept=false
probe recreate-edge "$deploy --skip --recreate-edge"
new_edge=$(edge_of)
[[ -n $new_edge && $new_edge != "$old_edge" ]] && replaced=true || replaced=false

# The baseline: the same edge image, replaced the way a script would: remove, run again on the port.
edge_name=$(docker inspect --format '{{.Name}}' "$new_edge" | tr -d /)
edge_image=$(docker inspect --format '{{.Config.Image}}' "$new_edge")
naive_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
naive_run="docker run -d --name $run_id-naive --label dev.drydock.app=$bench_image --network drydock-$bench_image-$environment --read-only --tmpfs /tmp -e EDGE_ADMIN_PORT=off -v $(docker inspect --format '{{range .Mounts}}{{.Name}}{{end}}' "$new_edge"):/state -p 127.0.0.1:$naive_port:8080 $edge_image"
docker stop -t 30 "$edge_name" >/dev/null  # the naive copy serves from the same route state, on its own port
$naive_run >/dev/null
url="http://127.0.0.1:$naive_port"
for _ in $(seq 1 100); do curl -fsS -o /dev/null --max-time 2 "$url/version" && break; sleep 0.2; done
probe naive-replace "docker rm -f $run_id-naive >/dev/null && $naive_run >/dev/null"

dotnet "$probe_dll" report --out "$RESULTS/summary.json" \
  --check "keep-outdated: the old edge container kept serving=$kept" --check "recreate-edge: a new edge container serves=$replaced" \
  "$RESULTS/keep-outdated.json" "$RESULTS/recreate-edge.json" "$RESULTS/naive-replace.json"
python3 - "$RESULTS/summary.json" <<'PY' | bench_results_filter edge-replace 1 "connections=$CONNECTIONS" "kept_outdated_untouched=$kept" "replaced=$replaced"
import json, sys
phases = {p["label"]: p for p in json.load(open(sys.argv[1]))["phases"]}
for label, p in phases.items():
    key = label.replace("-", "_")
    for figure, field in (("requests", "requests"), ("failed", "failed"), ("longest_gap_ms", "longestGapMs"), ("command_ms", "commandWallMs")):
        print(f"figure: {key}_{figure}={p[field]}")
naive = phases["naive-replace"]["longestGapMs"]
if naive:
    print(f"figure: recreate_vs_naive_longest_gap_ratio={phases['recreate-edge']['longestGapMs'] / naive:.3f}")
PY
