#!/usr/bin/env bash
# The verification window, measured. Continuous writes (CONNECTIONS kept-alive connections POSTing
# /notes) against an environment's published port while, one after the other:
#   bad-verified     a Deploy of a release that answers /health/ready but fails every POST /notes
#                    (NOTES_TEST_FAIL_WRITES=true) with --verify-for WINDOW: it should revert by itself
#   bad-unverified   the same release with --verify-for 0, then, MANUAL_DELAY seconds after the deploy ends, a
#                    manual ./build.sh Rollback (an operator who notices at once would be MANUAL_DELAY=0)
#   good-unverified  a good release with --verify-for 0 (the time a deploy takes without the window)
#   bad-canary       the bad release with --verify-for WINDOW --canary CANARY: only the canary's share of requests
#                    should fail, until it is removed
#   good-verified    the same good release with --verify-for WINDOW: goal 0 failed requests; the window's cost is
#                    its wall time minus good-unverified's
# The phases run RUNS times (setup once); the table gives medians over the runs. Between phases the environment is
# rolled back to version A (not measured). LoadProbe keeps no cookies: every request is a new client to the edge. Failed requests and the time from the
# first to the last failed request (≈ from the switch to the revert) come from bench/LoadProbe, which records every
# request. JSON per phase and a summary land in bench/results/verify/, the table's medians in bench/results/verify.json.
#
# How: the real ./build.sh through the edge on the environment BENCH_ENVIRONMENT (default verify:
#   .nuke/environments/verify.json, port 8096), an image name of its own per run. Like zero-downtime.sh the bench
#   clones this checkout into .nuke/temp/verify/repo (working tree changes as one commit = version A), deploys A, then
#   an empty commit is version B, published once (ShipImage). Every measured phase deploys B with `Deploy --skip`.
# Settings: CONNECTIONS (8), WINDOW (10s), CANARY (10%), RUNS (3), MANUAL_DELAY (10), WARMUP (3), SETTLE (3). Load goes to 127.0.0.1 only;
#   every container, network, volume and image made here is removed at the end (BENCH_KEEP=1 keeps them).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh

CONNECTIONS="${CONNECTIONS:-8}"
WINDOW="${WINDOW:-10s}"
CANARY="${CANARY:-10%}"
RUNS="${RUNS:-3}"
MANUAL_DELAY="${MANUAL_DELAY:-10}"
WARMUP="${WARMUP:-3}"
SETTLE="${SETTLE:-3}"
RESULTS="${RESULTS:-bench/results/verify}"
[[ $RESULTS == /* ]] || RESULTS="$root/$RESULTS"
work="$root/.nuke/temp/verify"
run_id="vrf$(date +%s | tail -c 6)$$"
environment="${BENCH_ENVIRONMENT:-verify}"
bench_image="${BENCH_IMAGE:-drydock-vrf-$run_id}"

for tool in docker dotnet curl python3 git; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 127; }
done
say() { printf '\n== %s\n' "$*" >&2; }

say "Building the load probe (into .nuke/temp, apart from everyone's bin/obj)"
mkdir -p "$work" "$RESULTS"
rm -f "$RESULTS"/*.json "$RESULTS"/commands.log
dotnet build bench/LoadProbe -c Release --artifacts-path "$work/tools" -nologo -v q -nodeReuse:false >/dev/null
probe_dll="$work/tools/bin/LoadProbe/release/LoadProbe.dll"

cleanup() {
  local status=$?
  say "Cleaning up"
  if [[ ${BENCH_KEEP:-0} != 1 ]]; then
    local ids; ids=$(docker ps -aq --filter "label=dev.drydock.app=$bench_image" --filter "label=dev.drydock.environment=$environment")
    [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1 || true
    docker network rm "drydock-$bench_image-$environment" >/dev/null 2>&1 || true
    ids=$(docker volume ls -q --filter "label=dev.drydock.app=$bench_image" --filter "label=dev.drydock.environment=$environment")
    [[ -n $ids ]] && docker volume rm $ids >/dev/null 2>&1 || true
    rm -rf "$work/repo"
    ids=$(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$bench_image:" || true)
    [[ -n $ids ]] && docker image rm $ids >/dev/null 2>&1 || true
  fi
  exit $status
}
trap cleanup EXIT

url="http://127.0.0.1:$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1])).get("hostPort", 8080))' ".nuke/environments/$environment.json")"
common="--environment $environment --image-name $bench_image"

say "Cloning this checkout (with its uncommitted changes as one commit) into $work/repo"
rm -rf "$work/repo"
git clone -q --local "$root" "$work/repo"
git -C "$root" diff HEAD --binary | git -C "$work/repo" apply --allow-empty
git -C "$root" ls-files --others --exclude-standard -z | (cd "$root" && xargs -0 -r cp --parents -t "$work/repo")
bench_git=(git -C "$work/repo" -c user.name=drydock-bench -c user.email=bench@drydock.invalid)
"${bench_git[@]}" add -A >/dev/null
"${bench_git[@]}" commit -q --allow-empty -m "bench: working tree of $(git -C "$root" rev-parse --short HEAD)"
cd "$work/repo"
# Setup skips the test suites: they are not what is measured, and the checkout's own run covers them.
say "Version A to $environment (not measured)"
./build.sh Deploy $common --skip Test --verify-for 0 >"$RESULTS/setup.log" 2>&1 || { tail -n 40 "$RESULTS/setup.log" >&2; exit 1; }
"${bench_git[@]}" commit -q --allow-empty -m "bench: version B"
say "Publishing version B (not measured)"
./build.sh ShipImage $common --skip Test >>"$RESULTS/setup.log" 2>&1 || { tail -n 40 "$RESULTS/setup.log" >&2; exit 1; }

back_to_a() { ./build.sh Rollback $common >>"$RESULTS/setup.log" 2>&1 || { tail -n 40 "$RESULTS/setup.log" >&2; exit 1; }; }
probe() {
  local label=$1 command=$2
  say "$label: $command"
  echo "### $label: $command" >>"$RESULTS/commands.log"
  dotnet "$probe_dll" run --url "$url/notes" --post-json '{"text":"verify bench"}' --connections "$CONNECTIONS" --warmup "$WARMUP" \
    --settle "$SETTLE" --label "$label" --out "$RESULTS/$label.json" --command-log "$RESULTS/commands.log" -- bash -c "$command"
}

bad="./build.sh Deploy $common --skip --env NOTES_TEST_FAIL_WRITES=true"
labels=(bad-verified bad-unverified bad-canary good-unverified good-verified)
for run in $(seq 1 "$RUNS"); do
  # Each run starts with version A serving.
  probe "bad-verified.$run" "$bad --verify-for $WINDOW"
  probe "bad-unverified.$run" "$bad --verify-for 0; sleep $MANUAL_DELAY; ./build.sh Rollback $common"
  probe "bad-canary.$run" "$bad --verify-for $WINDOW --canary $CANARY"
  probe "good-unverified.$run" "./build.sh Deploy $common --skip --verify-for 0"
  back_to_a
  probe "good-verified.$run" "./build.sh Deploy $common --skip --verify-for $WINDOW"
  back_to_a
done

echo "date=$(date -u +%FT%TZ) cores=$(nproc) load=$(cut -d' ' -f1-3 /proc/loadavg) docker=$(docker version --format '{{.Server.Version}}') connections=$CONNECTIONS window=$WINDOW canary=$CANARY runs=$RUNS manual_delay=$MANUAL_DELAY" >"$RESULTS/meta.txt"
say "Results ($(cat "$RESULTS/meta.txt"))"
dotnet "$probe_dll" report --out "$RESULTS/summary.json" "$RESULTS"/*.[0-9]*.json
python3 - "$RESULTS" "$RUNS" "${labels[@]}" <<'PY' | bench_results_filter verify "$RUNS" "connections=$CONNECTIONS" "window=$WINDOW" "canary=$CANARY" "manual_delay_s=$MANUAL_DELAY"
import json, statistics, sys
d, runs, labels = sys.argv[1], int(sys.argv[2]), sys.argv[3:]
def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None
print(f"Medians over {runs} run(s).")
print("| Phase | Requests | Failed | First → last failure | Failed share of that span | Command wall time | Exit codes |")
print("| --- | ---: | ---: | ---: | ---: | ---: | --- |")
walls = {}
for label in labels:
    ps = [json.load(open(f"{d}/{label}.{r}.json")) for r in range(1, runs + 1)]
    span = median([(p["lastFailureMs"] - p["firstFailureMs"]) / 1000 if p.get("firstFailureMs") is not None else None for p in ps])
    share = median([p["failed"] / p["requestsFirstToLastFailure"] if p.get("requestsFirstToLastFailure") else None for p in ps])
    cells = [label, f'{median([p["requests"] for p in ps]):.0f}', f'{median([p["failed"] for p in ps]):.0f}',
             "-" if span is None else f"{span:.1f} s", "-" if share is None else f"{share * 100:.0f}%",
             f'{median([p["commandWallMs"] for p in ps]) / 1000:.1f} s', ",".join(str(p["commandExitCode"]) for p in ps)]
    print("| " + " | ".join(cells) + " |")
    key = label.replace("-", "_")
    walls[label] = median([p["commandWallMs"] for p in ps]) / 1000
    print(f'figure: {key}_requests_median={median([p["requests"] for p in ps]):.0f}')
    print(f'figure: {key}_failed_median={median([p["failed"] for p in ps]):.0f}')
    print(f"figure: {key}_failure_span_median_s={'null' if span is None else f'{span:.1f}'}")
    print(f"figure: {key}_failed_share_of_span_median={'null' if share is None else f'{share:.3f}'}")
    print(f"figure: {key}_wall_median_s={walls[label]:.1f}")
# The window's cost: a good release's deploy with the window against the same deploy without it.
if "good-verified" in walls and "good-unverified" in walls:
    print(f'figure: window_cost_s={walls["good-verified"] - walls["good-unverified"]:.1f}')
    print(f'figure: good_verified_vs_unverified_wall_ratio={walls["good-verified"] / walls["good-unverified"]:.2f}')
PY
