#!/usr/bin/env bash
# Docker CLI invocations per no-change Deploy and per Rollback: every docker call is a process start, and the
# deploy core must not make more of them as it is reshaped.
#
# How: a `docker` shim first on PATH appends each invocation's arguments to a log and execs the real docker, so every
# call of the real ./build.sh (engine check, registry, lock, listing, edge, history, ...) is counted, none inferred.
# The committed HEAD of this checkout is cloned into .nuke/temp/docker-calls/repo (the checkout itself is never touched);
# a rollback needs two versions, so the clone gets an empty second commit. In the clone, with an image name of its own
# per run (tags never move):
#   setup      ./build.sh Deploy --skip Test ... at HEAD (version A), then at the empty commit (version B)
#   noop       ./build.sh Deploy --skip Test ... of B again: nothing changes            } ROUNDS times, counted
#   rollback   ./build.sh Rollback ... twice: B -> A, then A -> B                        }
# Prints the count of each measured command, split into health polls (the `container inspect` of the new release while
# it starts: their number follows how fast it gets healthy, i.e. the machine's load, not the code) and every other call
# (what the code decides to ask: this must not grow); then, for the first round, the calls by docker subcommand.
# Medians over the rounds in bench/results/docker-calls.json.
# Settings: BENCH_ENVIRONMENT (core-calls), BENCH_PORT (18301), ROUNDS (2). Everything made here is removed at the end
# (the edge image is kept: Deploy reuses it).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
root=$PWD
environment="${BENCH_ENVIRONMENT:-core-calls}"
port="${BENCH_PORT:-18301}"
rounds="${ROUNDS:-2}"
work="$root/.nuke/temp/docker-calls-$environment"
image="core-calls-$(date +%s | tail -c 6)$$"
real_docker=$(command -v docker) || { echo "error: docker is required" >&2; exit 127; }

rm -rf "$work" && mkdir -p "$work/shim"
git clone -q "$root" "$work/repo"
cat >"$work/shim/docker" <<EOF
#!/usr/bin/env bash
printf '%s\n' "\$*" >>"\${DOCKER_CALLS_LOG:-/dev/null}"
exec "$real_docker" "\$@"
EOF
chmod +x "$work/shim/docker"

cleanup() {
  local ids
  ids=$("$real_docker" ps -aq --filter "label=dev.drydock.app=$image" --filter "label=dev.drydock.environment=$environment")
  [[ -n $ids ]] && "$real_docker" rm -f $ids >/dev/null 2>&1 || true
  "$real_docker" network rm "drydock-$image-$environment" >/dev/null 2>&1 || true
  ids=$("$real_docker" volume ls -q --filter "label=dev.drydock.app=$image" --filter "label=dev.drydock.environment=$environment")
  [[ -n $ids ]] && "$real_docker" volume rm $ids >/dev/null 2>&1 || true
}
trap cleanup EXIT

common=(--environment "$environment" --new-environment --image-name "$image" --host-port "$port")
run() { # label, then the build.sh arguments; prints "total/health polls/other" docker calls of the command
  local label=$1; shift
  local log="$work/$label.calls"
  : >"$log"
  (cd "$work/repo" && DOCKER_CALLS_LOG="$log" PATH="$work/shim:$PATH" ./build.sh "$@" >"$work/$label.out" 2>&1) \
    || { echo "error: $label failed, see $work/$label.out" >&2; tail -n 30 "$work/$label.out" >&2; exit 1; }
  local total started polls=0
  total=$(wc -l <"$log")
  started=$(grep -oE '^(--config [^ ]+ )?run --detach --name [^ ]+' "$log" | awk '{print $NF}' | head -n 1)
  [[ -n $started ]] && polls=$(grep -cE "^(--config [^ ]+ )?container inspect $started\$" "$log" || true)
  echo "$total/$polls/$((total - polls))"
}

echo "setup: versions A and B of $image in $environment (not counted)" >&2
run setup-a Deploy --skip Test "${common[@]}" >/dev/null
git -C "$work/repo" -c user.name=bench -c user.email=bench@localhost commit -q --allow-empty -m "bench: version B"
run setup-b Deploy --skip Test "${common[@]}" >/dev/null

noop=() rollback=()
for ((i = 1; i <= rounds; i++)); do
  noop+=("$(run "noop-$i" Deploy --skip Test "${common[@]}")")
  grep -q "nothing changed" "$work/noop-$i.out" || { echo "error: noop-$i changed something, see $work/noop-$i.out" >&2; exit 1; }
  for leg in a b; do
    rollback+=("$(run "rollback-$i$leg" Rollback "${common[@]}")")
    grep -q "Rolled .* back from" "$work/rollback-$i$leg.out" || { echo "error: rollback-$i$leg did not roll back, see $work/rollback-$i$leg.out" >&2; exit 1; }
  done
done

echo "docker calls (total/health polls/other) per no-change Deploy: ${noop[*]}"
echo "docker calls (total/health polls/other) per Rollback:         ${rollback[*]}"
for label in noop-1 rollback-1a; do
  echo "-- $label by subcommand"
  awk '{ sub(/^--config [^ ]+ /, ""); print $1 " " $2 }' "$work/$label.calls" | sort | uniq -c | sort -rn
done

figures=()
for command in noop rollback; do
  declare -n counts=$command
  for part in 1:total 2:health_polls 3:other; do
    mapfile -t values < <(printf '%s\n' "${counts[@]}" | cut -d/ -f"${part%%:*}")
    figures+=("${command}_${part#*:}_median=$(bench_median "${values[@]}")")
  done
  figures+=("${command}_per_run=${counts[*]}")
done
bench_results docker-calls "$rounds" "${figures[@]}"
