#!/usr/bin/env bash
# No-change Deploy and Rollback against a remote host over SSH vs the same commands against the local engine
# (goal: remote within 1.5x of local, medians, same run).
#
# A clone of this checkout's HEAD (plus an empty second commit, for two versions) in .nuke/temp/remote-deploy/repo;
# a test node like the suite's (tests/Drydock.Testing/Nodes: Docker and sshd in a container, ssh on 127.0.0.1:SSH_PORT
# only, a key made for this run, host key checking on through SSH_KNOWN_HOSTS). Per target:
#   setup     ./build.sh Deploy of version A, then B (untimed)
#   noop      ./build.sh Deploy of B again: nothing changes                 } ROUNDS interleaved rounds,
#   rollback  ./build.sh Rollback: B -> A, then A -> B (one sample each)      } local and remote alternating
# The remote target is `--host ssh://root@127.0.0.1:SSH_PORT`: one tunnel per run, the embedded registry reached
# through its reverse forward. Prints medians and remote/local ratios (also in bench/results/remote-deploy.json);
# per-command SSH cost is bench/ssh-reuse.sh.
# The node has no internet: the edge image the local setup built is loaded into it first (docker save | docker load),
# which is what its first remote Deploy would otherwise build there. Settings: ROUNDS (5), SSH_PORT (18950), LOCAL_PORT (18951).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/test-node.sh
source bench/lib/test-node.sh
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
ROUNDS="${ROUNDS:-5}"
SSH_PORT="${SSH_PORT:-18950}"
LOCAL_PORT="${LOCAL_PORT:-18951}"
work="$root/.nuke/temp/remote-deploy"
run_id="rmt-bench-$$"
image="rmtbench$(date +%s | tail -c 5)$$"

for tool in docker ssh ssh-keygen git python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (.ci/start-services.sh installs it)" >&2; exit 127; }
done
node_image=$(docker images drydock-test/node --format '{{.Repository}}:{{.Tag}}' | head -n 1)
[[ -n $node_image ]] || { echo "error: no test node image (drydock-test/node). Build it once: dotnet test tests/Drydock.Remote.IntegrationTests" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work/ssh" && chmod 700 "$work/ssh"
cleanup() {
  local ids
  mapfile -t ids < <(docker ps -aq --filter "label=dev.drydock.app=$image")
  if ((${#ids[@]})); then docker rm -f "${ids[@]}" >/dev/null 2>&1 || true; fi
  docker network rm "drydock-$image-benchlocal" >/dev/null 2>&1 || true
  mapfile -t ids < <(docker volume ls -q --filter "label=dev.drydock.app=$image")
  if ((${#ids[@]})); then docker volume rm "${ids[@]}" >/dev/null 2>&1 || true; fi
  remove_test_node "$run_id"
  rm -rf "$work/ssh"
}
trap cleanup EXIT
say() { printf '\n== %s\n' "$*" >&2; }

say "Starting test node $run_id on 127.0.0.1:$SSH_PORT"
ssh-keygen -q -t ed25519 -N '' -C "$run_id" -f "$work/ssh/id_ed25519"
start_test_node "$run_id" "$SSH_PORT" "$node_image" "$work/ssh/id_ed25519.pub"
key=$test_node_host_key
for _ in $(seq 1 150); do docker exec "$run_id" docker version >/dev/null 2>&1 && break; sleep 0.2; done
# What CI gives the build: the key in ssh-agent, the host key in SSH_KNOWN_HOSTS.
eval "$(ssh-agent -s -a "$work/ssh/agent.sock")" >/dev/null
trap 'ssh-agent -k >/dev/null 2>&1 || true; cleanup' EXIT
ssh-add -q "$work/ssh/id_ed25519"
export SSH_KNOWN_HOSTS="[127.0.0.1]:$SSH_PORT $key"

say "Cloning HEAD into $work/repo (two versions: HEAD and an empty commit)"
git clone -q "$root" "$work/repo"
# On main, whatever branch this checkout is on: GitVersion finds no base version for a feature branch cloned alone.
git -C "$work/repo" checkout -q -B main

common=(--image-name "$image" --new-environment --skip Restore Compile Test --allow-dirty)
local_args=(--environment benchlocal --host-port "$LOCAL_PORT")
remote_args=(--environment benchremote --host "ssh://root@127.0.0.1:$SSH_PORT" --host-port 8080)
build() { # label, then arguments; prints seconds of wall time
  local label=$1; shift
  local start end
  start=$(date +%s.%N)
  (cd "$work/repo" && ./build.sh "$@" >"$work/$label.out" 2>&1) || { echo "error: $label failed, see $work/$label.out" >&2; tail -n 30 "$work/$label.out" >&2; exit 1; }
  end=$(date +%s.%N)
  python3 -c "print(f'{$end - $start:.3f}')"
}

say "Setup: version A then B on both targets (untimed)"
build setup-local-a Deploy "${common[@]}" "${local_args[@]}" >/dev/null
edge_image=$(docker inspect --format '{{.Config.Image}}' "drydock-edge-$image-benchlocal")
docker save "$edge_image" | docker exec -i "$run_id" docker load -q >/dev/null
build setup-remote-a Deploy "${common[@]}" "${remote_args[@]}" >/dev/null
(cd "$work/repo" && git -c user.name=bench -c user.email=bench@localhost commit -q --allow-empty -m "version B")
for target in local remote; do
  declare -n args="${target}_args"
  build "setup-$target-b" Deploy "${common[@]}" "${args[@]}" >/dev/null
done

: >"$work/samples.tsv"
for round in $(seq 1 "$ROUNDS"); do
  say "Round $round of $ROUNDS"
  for target in local remote; do
    declare -n args="${target}_args"
    printf '%s\tnoop\t%s\n' "$target" "$(build "noop-$target-$round" Deploy "${common[@]}" "${args[@]}")" >>"$work/samples.tsv"
    printf '%s\trollback\t%s\n' "$target" "$(build "rollback-$target-$round" Rollback "${common[@]}" "${args[@]}")" >>"$work/samples.tsv"
  done
done
grep -q "nothing changed" "$work/noop-remote-1.out" || { echo "error: the remote no-change Deploy changed something, see $work/noop-remote-1.out" >&2; exit 1; }

python3 - "$work/samples.tsv" <<'PY' | bench_results_filter remote-deploy "$ROUNDS"
import statistics, sys
samples = {}
for line in open(sys.argv[1]):
    target, command, seconds = line.split()
    samples.setdefault((command, target), []).append(float(seconds))
print(f"\n{'command':<20} {'runs':>4} {'local s':>9} {'remote s':>9} {'remote/local':>13}")
for command, label in (("noop", "no-change Deploy"), ("rollback", "Rollback")):
    local, remote = statistics.median(samples[(command, "local")]), statistics.median(samples[(command, "remote")])
    print(f"{label:<20} {len(samples[(command, 'local')]):>4} {local:>9.2f} {remote:>9.2f} {remote / local:>12.2f}x")
    print(f"figure: {command}_local_median_s={local:.2f}")
    print(f"figure: {command}_remote_median_s={remote:.2f}")
    print(f"figure: {command}_remote_local_ratio={remote / local:.2f}")
PY
echo "Medians of $ROUNDS interleaved rounds; outputs in ${work#"$root"/}/"
