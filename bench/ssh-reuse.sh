#!/usr/bin/env bash
# Per-command cost of a remote engine: `docker version` and `docker ps` against a test node reached
#   ssh-each    DOCKER_HOST=ssh://root@127.0.0.1:PORT: the docker CLI opens a new SSH connection for every command
#   tunnel      DOCKER_HOST=unix://…: through one ssh process forwarding the node's engine socket (what SshEngineTunnel
#               opens for a run; the ssh arguments below are the ones SshTunnelSettings renders)
#   local       the runner's own engine (the baseline)
# Medians of RUNS runs each (hyperfine, in ROUNDS interleaved rounds, each after WARMUP runs), and the ratio of each
# to the local engine's median.
# Prints a table, also in bench/results/ssh-reuse.json; hyperfine's JSON goes to bench/results/ssh-reuse/.
#
# The node is a test node like the remote suite's (tests/Drydock.Testing/Nodes): Docker and sshd in a container, on
# 127.0.0.1:SSH_PORT only, with a key made for this run (removed at the end, like the node, its volume and the tunnel).
# Its image is the one the suite builds and caches (drydock-test/node:<hash>): run the suite once first
# (dotnet test tests/Drydock.Remote.IntegrationTests). Host key checking stays on: the node's key is read with
# docker exec, never trusted on first use. Settings: RUNS (20), ROUNDS (5), WARMUP (3), SSH_PORT (18660).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/test-node.sh
source bench/lib/test-node.sh
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh

RUNS="${RUNS:-20}"
WARMUP="${WARMUP:-3}"
ROUNDS="${ROUNDS:-5}"
SSH_PORT="${SSH_PORT:-18660}"
RESULTS="${RESULTS:-bench/results/ssh-reuse}"
[[ $RESULTS == /* ]] || RESULTS="$root/$RESULTS"
run_id="node-bench-$$"

for tool in docker ssh ssh-keygen hyperfine python3; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (.ci/start-services.sh installs it)" >&2; exit 127; }
done
image=$(docker images drydock-test/node --format '{{.Repository}}:{{.Tag}}' | head -n 1)
[[ -n $image ]] || { echo "error: no test node image (drydock-test/node). Build it once: dotnet test tests/Drydock.Remote.IntegrationTests" >&2; exit 1; }

work=$(mktemp -d /tmp/drydock-ssh-bench-XXXXXX)
chmod 700 "$work"
tunnel_pid=""
cleanup() {
  if [[ -n $tunnel_pid ]]; then kill -- "-$tunnel_pid" 2>/dev/null || true; fi
  remove_test_node "$run_id"
  rm -rf "$work"
}
trap cleanup EXIT

say() { printf '\n== %s\n' "$*" >&2; }

say "Starting test node $run_id from $image on 127.0.0.1:$SSH_PORT"
ssh-keygen -q -t ed25519 -N '' -C "$run_id" -f "$work/id_ed25519"
start_test_node "$run_id" "$SSH_PORT" "$image" "$work/id_ed25519.pub"
key=$test_node_host_key
echo "[127.0.0.1]:$SSH_PORT $key" >"$work/known_hosts"
chmod 600 "$work/known_hosts"

# The docker CLI runs plain `ssh` from PATH for ssh:// hosts; a wrapper gives it this run's key and known_hosts
# (ssh reads ~/.ssh/config from the passwd home, so HOME cannot redirect it, and the user's files stay untouched).
cat >"$work/ssh_config" <<EOF
Host 127.0.0.1
  IdentityFile $work/id_ed25519
  IdentitiesOnly yes
  UserKnownHostsFile $work/known_hosts
  StrictHostKeyChecking yes
  BatchMode yes
EOF
mkdir -p "$work/bin"
printf '#!/bin/sh\nexec %s -F %s "$@"\n' "$(command -v ssh)" "$work/ssh_config" >"$work/bin/ssh"
chmod 700 "$work/bin/ssh"

ssh_url="ssh://root@127.0.0.1:$SSH_PORT"
for _ in $(seq 1 150); do
  PATH="$work/bin:$PATH" DOCKER_HOST=$ssh_url docker version >/dev/null 2>&1 && break
  sleep 0.2
done
PATH="$work/bin:$PATH" DOCKER_HOST=$ssh_url docker version --format 'node engine {{.Server.Version}}' >&2

say "Opening the tunnel (one ssh process for all tunnel runs)"
sock="$work/docker.sock"
setsid ssh -F "$work/ssh_config" -N -o ExitOnForwardFailure=yes -o StreamLocalBindUnlink=yes -o ControlMaster=no -o ControlPath=none \
  -o ServerAliveInterval=10 -o ServerAliveCountMax=3 -p "$SSH_PORT" -L "$sock:/var/run/docker.sock" root@127.0.0.1 \
  </dev/null 2>"$work/tunnel.log" &
tunnel_pid=$!
for _ in $(seq 1 100); do
  DOCKER_HOST="unix://$sock" docker version >/dev/null 2>&1 && break
  sleep 0.1
done
DOCKER_HOST="unix://$sock" docker info --format 'tunnel reaches {{.Name}}' >&2

mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.json
# ROUNDS rounds of RUNS/ROUNDS runs per variant, pooled: a load change on a shared machine then hits every variant
# instead of whichever hyperfine happened to be running.
per_round=$(((RUNS + ROUNDS - 1) / ROUNDS))
for command in version ps; do
  say "docker $command: $ROUNDS rounds of $per_round runs each"
  for round in $(seq 1 "$ROUNDS"); do
    hyperfine --style none --shell=none --warmup "$WARMUP" --runs "$per_round" --export-json "$RESULTS/$command-$round.json" \
      -n local "env -u DOCKER_HOST -u DOCKER_CONTEXT docker $command" \
      -n tunnel "env DOCKER_HOST=unix://$sock docker $command" \
      -n ssh-each "env PATH=$work/bin:$PATH DOCKER_HOST=$ssh_url docker $command" >&2
  done
done

printf '\n%-16s %6s %12s %12s %12s %14s %14s\n' "command" "runs" "local ms" "tunnel ms" "ssh-each ms" "tunnel/local" "ssh-each/local"
python3 - "$RESULTS" <<'PY' | bench_results_filter ssh-reuse "$ROUNDS" "runs_per_variant=$((per_round * ROUNDS))"
import glob, json, statistics, sys
for command in ("version", "ps"):
    times = {}
    for path in sorted(glob.glob(f"{sys.argv[1]}/{command}-*.json")):
        for result in json.load(open(path))["results"]:
            times.setdefault(result["command"], []).extend(result["times"])
    median = {name: statistics.median(values) for name, values in times.items()}
    local, tunnel, each = median["local"], median["tunnel"], median["ssh-each"]
    print(f"{'docker ' + command:<16} {len(times['local']):6d} {local*1000:12.1f} {tunnel*1000:12.1f} {each*1000:12.1f} {tunnel/local:13.2f}x {each/local:13.2f}x")
    for variant, key in (("local", "local"), ("tunnel", "tunnel"), ("ssh-each", "ssh_each")):
        print(f"figure: {command}_{key}_median_ms={median[variant]*1000:.1f}")
    print(f"figure: {command}_tunnel_local_ratio={tunnel/local:.2f}")
    print(f"figure: {command}_ssh_each_local_ratio={each/local:.2f}")
PY
echo "Medians of $((per_round * ROUNDS)) runs per variant in $ROUNDS rounds; hyperfine JSON in ${RESULTS#"$root"/}/"
