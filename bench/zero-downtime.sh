#!/usr/bin/env bash
# Zero downtime, measured. Continuous HTTP load (CONNECTIONS kept-alive connections) against an environment's
# published port while, one after the other:
#   deploy            a Deploy of a new version
#   noop-deploy       the same Deploy again, nothing changed (goal: under 5 s, changes nothing)
#   rollback          a Rollback, ROLLBACKS times (goal: the old version answers within 3 s of the command's start, median)
#   unhealthy-deploy  a Deploy of a version that never becomes healthy (goal: fails, old version keeps serving)
#   naive-replace     the same version change done the naive way, as `docker compose up -d` does: stop the old
#                     container, start the new one on the port (the baseline)
# Goal for deploy, rollback and unhealthy-deploy: 0 failed requests.
#
# For each phase: requests sent, failed requests (connection errors and non-2xx), the longest gap between two
# successful responses, p50/p99 latency in steady state (before the command) and during the command, the command's wall
# time, and the time until the target version answers. Prints a table and the goals; JSON per phase and a summary in
# bench/results/zero-downtime/, the figures and goals in bench/results/zero-downtime.json (the load generator is
# bench/LoadProbe: every response is recorded, nothing sampled).
#
# How: the real ./build.sh, through the edge, on the environment BENCH_ENVIRONMENT (default bench:
#   .nuke/environments/bench.json, port 8095, so it never collides with local or dev) and an image name of its own per
#   run (BENCH_IMAGE, default drydock-bench-<run id>: tags never move). Two versions need two commits, and this checkout
#   is never touched: the bench clones it into .nuke/temp/zero-downtime/repo, applies the working tree's changes there
#   as one commit (version A), deploys A (not measured), then adds an empty commit (version B). Then, in the clone:
#     DEPLOY_CMD     ./build.sh Deploy --environment bench --image-name ...   (the whole chain, A → B)
#     NOOP_CMD       the same, again (B is published and serves: goal under 5 s, nothing changes)
#     ROLLBACK_CMD   ./build.sh Rollback --environment bench ...               (B → A)
#     UNHEALTHY_CMD  ./build.sh Deploy --environment bench --skip --health-path /never-healthy
#   Override any of them (they run with bash -c in the clone). BENCH_PREPARE_CMD runs in the clone before its first
#   commit. BENCH_KEEP=1 keeps the environment.
#   The naive baseline runs the same two images (A, then B) published on NAIVE_PORT, replaced as compose does it.
#
# Settings: CONNECTIONS (8), WARMUP seconds of load before each command (3), SETTLE seconds after it (5),
#   LOAD_PATH (/version: Notes reports its version there), ROLLBACKS (5: the rollback phase runs that many times,
#   alternating between the two versions; the 3 s goal is judged on the median). Everything stays on this machine: load goes to 127.0.0.1
#   only, and every container, network, volume and image made here is removed at the end (the edge image is kept:
#   Deploy reuses it).
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
LOAD_PATH="${LOAD_PATH:-/version}"
ROLLBACKS="${ROLLBACKS:-5}"
RESULTS="${RESULTS:-bench/results/zero-downtime}"
[[ $RESULTS == /* ]] || RESULTS="$root/$RESULTS"
work="$root/.nuke/temp/zero-downtime"
run_id="zd$(date +%s | tail -c 6)$$"

for tool in docker dotnet curl python3 git; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 127; }
done

say() { printf '\n== %s\n' "$*" >&2; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }

# Bounded wait for a 2xx from a loopback URL.
wait_http() {
  local url=$1 deadline=$((SECONDS + ${2:-60}))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "error: $url did not answer 2xx in time" >&2; return 1; }
    sleep 0.2
  done
}

version_of() { curl -fsS --max-time 5 "$1/version" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'; }

# Containers of an environment (by Drydock's labels), id and state: what a no-change deploy must leave alone.
snapshot() {
  docker ps -a --no-trunc --filter "label=dev.drydock.environment=$environment" --format '{{.ID}} {{.State}} {{.Image}}' | sort
}

# --- tools ----------------------------------------------------------------------------------------------------------
say "Building the load probe (into .nuke/temp, apart from everyone's bin/obj)"
mkdir -p "$work" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/commands.log
dotnet build bench/LoadProbe -c Release --artifacts-path "$work/tools" -nologo -v q -nodeReuse:false >/dev/null
probe_dll="$work/tools/bin/LoadProbe/release/LoadProbe.dll"

naive_old="$run_id-naive-old"
naive_new="$run_id-naive-new"
naive_volume="$run_id-naive-data"
environment="${BENCH_ENVIRONMENT:-bench}"
# Its own image name per run: tags never move, and the clone's commits (hence versions) are new each run.
bench_image="${BENCH_IMAGE:-drydock-bench-$run_id}"

cleanup() {
  local status=$?
  say "Cleaning up"
  docker rm -f "$naive_old" "$naive_new" >/dev/null 2>&1 || true
  docker volume rm "$naive_volume" >/dev/null 2>&1 || true
  if [[ ${BENCH_KEEP:-0} != 1 ]]; then
    # Everything of the bench's app and environment (releases, edge, lock, state holder), its network and volumes.
    local ids; ids=$(docker ps -aq --filter "label=dev.drydock.app=$bench_image" --filter "label=dev.drydock.environment=$environment")
    [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1 || true
    docker network rm "drydock-$bench_image-$environment" >/dev/null 2>&1 || true
    ids=$(docker volume ls -q --filter "label=dev.drydock.app=$bench_image" --filter "label=dev.drydock.environment=$environment")
    [[ -n $ids ]] && docker volume rm $ids >/dev/null 2>&1 || true
    rm -rf "$work/repo"
    # This run's images of the bench's own repository (the registry keeps its tags: they never move).
    ids=$(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$bench_image:" || true)
    [[ -n $ids ]] && docker image rm $ids >/dev/null 2>&1 || true
  fi
  exit $status
}
trap cleanup EXIT

# --- phases ---------------------------------------------------------------------------------------------------------
# probe LABEL URL EXPECT_VERSION COMMAND: load on URL, COMMAND (bash -c) after the warm-up, numbers to $RESULTS/LABEL.json.
probe() {
  local label=$1 url=$2 expect=$3 command=$4
  say "$label: $command"
  echo "### $label: $command" >>"$RESULTS/commands.log"
  local expect_args=()
  [[ -n $expect ]] && expect_args=(--expect-version "$expect")
  dotnet "$probe_dll" run --url "$url$LOAD_PATH" --connections "$CONNECTIONS" --warmup "$WARMUP" --settle "$SETTLE" \
    --label "$label" "${expect_args[@]}" --out "$RESULTS/$label.json" --command-log "$RESULTS/commands.log" \
    -- bash -c "$command"
}

checks=()
url="${BENCH_URL:-http://127.0.0.1:$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("hostPort", 8080))' ".nuke/environments/$environment.json")}"
case "$url" in http://127.0.0.1:*|http://localhost:*|http://\[::1\]:*) ;; *) echo "error: BENCH_URL must be a loopback URL, not $url" >&2; exit 2 ;; esac
common="--environment $environment --image-name $bench_image"
DEPLOY_CMD="${DEPLOY_CMD:-./build.sh Deploy $common}"
NOOP_CMD="${NOOP_CMD:-$DEPLOY_CMD}"
ROLLBACK_CMD="${ROLLBACK_CMD:-./build.sh Rollback $common}"
UNHEALTHY_CMD="${UNHEALTHY_CMD:-./build.sh Deploy $common --skip --health-path /never-healthy --deploy-timeout 20s}"

say "Cloning this checkout (with its uncommitted changes as one commit) into $work/repo"
bench_clone "$root" "$work/repo"
say "First release (version A) to $environment: ./build.sh Deploy $common (not measured)"
(cd "$work/repo" && ./build.sh Deploy $common) >"$RESULTS/setup.log" 2>&1 || { tail -n 40 "$RESULTS/setup.log" >&2; exit 1; }
"${bench_git[@]}" commit -q --allow-empty -m "bench: version B"
cd "$work/repo"

wait_http "$url$LOAD_PATH"
before=$(version_of "$url")
say "$url serves $before"

probe deploy "$url" "" "$DEPLOY_CMD"
deployed=$(version_of "$url")

state_before=$(snapshot)
probe noop-deploy "$url" "" "$NOOP_CMD"
state_after=$(snapshot)
[[ "$state_before" == "$state_after" ]] && unchanged=true || unchanged=false
checks+=(--check "noop-deploy: no container of $environment was created, removed, started or stopped=$unchanged")

# Rollback ROLLBACKS times (B → A, A → B, …): the goal is judged on the median, every run must lose nothing.
target=$before other=$deployed rollbacks=()
for ((i = 1; i <= ROLLBACKS; i++)); do
  label=rollback; ((i > 1)) && label="rollback-$i"
  probe "$label" "$url" "$target" "$ROLLBACK_CMD"
  rollbacks+=("$label")
  read -r target other <<<"$other $target"
done
probe unhealthy-deploy "$url" "" "$UNHEALTHY_CMD"

# The baseline: the same two images (A, then B) published on a port of their own, replaced the way compose does it.
image_of() { docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$bench_image:$1\$" | head -n 1; }
image_a=$(image_of "${before//+/_}")
image_b=$(image_of "${deployed//+/_}")
[[ -n $image_a && -n $image_b ]] || { echo "error: no local image of $bench_image for $before and $deployed" >&2; exit 1; }
naive_port="${NAIVE_PORT:-$(free_port)}"
naive_run=(docker run -d --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m --cap-drop ALL --security-opt no-new-privileges
  --memory 512m --cpus 1.0 --label dev.drydock.bench=1 -v "$naive_volume:/data" -p "127.0.0.1:$naive_port:8080")
"${naive_run[@]}" --name "$naive_old" "$image_a" >/dev/null
wait_http "http://127.0.0.1:$naive_port$LOAD_PATH"
probe naive-replace "http://127.0.0.1:$naive_port" "$deployed" \
  "docker stop -t 10 $naive_old && docker rm $naive_old && ${naive_run[*]} --name $naive_new $image_b"

# --- report ---------------------------------------------------------------------------------------------------------
{
  echo "date=$(date -u +%FT%TZ) cores=$(nproc) docker=$(docker version --format '{{.Server.Version}}') connections=$CONNECTIONS"
  echo "before=$before deployed=$deployed url=$url naive=http://127.0.0.1:$naive_port"
} >"$RESULTS/meta.txt"
say "Results ($(head -n 1 "$RESULTS/meta.txt"))"
phases=()
for label in deploy noop-deploy "${rollbacks[@]}" unhealthy-deploy naive-replace; do phases+=("$RESULTS/$label.json"); done
dotnet "$probe_dll" report --out "$RESULTS/summary.json" "${checks[@]}" "${phases[@]}"
python3 - "$RESULTS/summary.json" <<'PY' | bench_results_filter zero-downtime 1 "connections=$CONNECTIONS" "rollback_runs=$ROLLBACKS" "noop_unchanged=$unchanged"
import json, math, statistics, sys
summary = json.load(open(sys.argv[1]))
phases = {p["label"]: p for p in summary["phases"]}
is_rollback = lambda label: label == "rollback" or label.startswith("rollback-")
rollbacks = [p for label, p in phases.items() if is_rollback(label)]
number = lambda v: "null" if v is None or math.isinf(v) else f"{v:.1f}".rstrip("0").rstrip(".")
for label, p in phases.items():
    if is_rollback(label):
        continue
    key = label.replace("-", "_")
    for figure, field in (("requests", "requests"), ("failed", "failed"), ("longest_gap_ms", "longestGapMs"), ("command_ms", "commandWallMs")):
        print(f"figure: {key}_{figure}={number(p[field])}")
    if p.get("expectVersion"):
        print(f"figure: {key}_version_answered_after_ms={number(p.get('expectedVersionAfterMs'))}")
if rollbacks:
    # As the goal counts it: a rollback whose old version never answered is infinitely slow.
    print(f"figure: rollback_failed_median={number(statistics.median(p['failed'] for p in rollbacks))}")
    print(f"figure: rollback_failed_max={max(p['failed'] for p in rollbacks)}")
    answered = [math.inf if p.get('expectedVersionAfterMs') is None else p['expectedVersionAfterMs'] for p in rollbacks]
    print(f"figure: rollback_answered_after_median_ms={number(statistics.median(answered))}")
if "deploy" in phases and "naive-replace" in phases and phases["naive-replace"]["longestGapMs"] > 0:
    print(f"figure: deploy_vs_naive_longest_gap_ratio={phases['deploy']['longestGapMs'] / phases['naive-replace']['longestGapMs']:.3f}")
goals = summary["goals"]
print(f"figure: goals_met={sum(1 for g in goals if g['met'])}")
print(f"figure: goals_total={len(goals)}")
print(f"figure: all_goals_met={'true' if all(g['met'] for g in goals) else 'false'}")
PY
