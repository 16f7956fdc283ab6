#!/usr/bin/env bash
# Swarm baseline: failed requests during a plain `docker service update --update-order start-first` of a
# service under steady load through one node's published port, next to the same update with stop-first, and during
# a plain `docker service rollback` (with the time until the previous version answers).
#
# How it is published: there is no ingress routing mesh on this machine (no IPVS), so the realistic way is host mode.
# The service is global (one task per node) and publishes mode=host,published=80,target=8080 on every node; each node
# container publishes its port 80 on 127.0.0.1:(APP_PORT_BASE + i). Load (bench/LoadProbe, CONNECTIONS kept-alive
# connections) goes to node 1's 127.0.0.1 port only. Known Swarm weak point this measures (moby#36934): with a host-mode
# port the new task cannot bind while the old one holds it, so start-first cannot make progress; the update command
# is given UPDATE_TIMEOUT seconds and the table says whether the new image ever served.
#
# The cluster: 3 nested engines (the test node image the swarm suite builds: run
# `dotnet test tests/Drydock.Swarm.IntegrationTests` once if it is missing), `docker swarm init` on node 1, the others
# join over the nodes' network. Two probe images (a static busybox httpd, versions 1 and 2 by label) are loaded into
# every node directly (no registry: the baseline is about the update, not the pull). ROUNDS updates per order,
# alternating 1 → 2 → 1 …; medians reported, also in bench/results/swarm-baseline.json. Everything made here is
# removed at the end.
# Ports 18860-18869, names swm-bench-*.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh

CONNECTIONS="${CONNECTIONS:-8}"
WARMUP="${WARMUP:-3}"
SETTLE="${SETTLE:-3}"
ROUNDS="${ROUNDS:-3}"
UPDATE_TIMEOUT="${UPDATE_TIMEOUT:-45}"
APP_PORT_BASE="${APP_PORT_BASE:-18860}"
run="swm-bench-$(head -c4 /dev/urandom | od -An -tx1 | tr -d ' \n')"
work="$root/.nuke/temp/swarm-baseline/$run"
RESULTS="$root/bench/results/swarm-baseline"
mkdir -p "$work" "$RESULTS"

image=$(docker images drydock-test/node --format '{{.Repository}}:{{.Tag}}' | head -n1)
[[ -n "$image" ]] || { echo "error: no test node image: run 'dotnet test tests/Drydock.Swarm.IntegrationTests' once (it builds drydock-test/node)" >&2; exit 1; }

cleanup() {
  docker rm -f "$run-1" "$run-2" "$run-3" >/dev/null 2>&1 || true
  docker volume rm "$run-1-docker" "$run-2-docker" "$run-3-docker" >/dev/null 2>&1 || true
  docker network rm "$run-net" >/dev/null 2>&1 || true
  docker rmi "$run-probe:1" "$run-probe:2" >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

echo "Building bench/LoadProbe …"
dotnet build bench/LoadProbe -c Release --artifacts-path "$work/tools" -nologo -v q -nodeReuse:false >/dev/null
probe_dll="$work/tools/bin/LoadProbe/release/LoadProbe.dll"

echo "Starting 3 nodes from $image …"
docker network create --label swm-bench="$run" "$run-net" >/dev/null
for i in 1 2 3; do
  docker volume create "$run-$i-docker" >/dev/null
  docker run -d --name "$run-$i" --hostname "$run-$i" --network "$run-net" --label swm-bench="$run" \
    --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    --tmpfs /run --tmpfs /var/run -v /sys/fs/cgroup:/sys/fs/cgroup -v "$run-$i-docker:/var/lib/docker" \
    -p "127.0.0.1:$((APP_PORT_BASE + i - 1)):80" "$image" dockerd --host unix:///var/run/docker.sock >/dev/null
done
for i in 1 2 3; do
  for _ in $(seq 1 120); do docker exec "$run-$i" docker version >/dev/null 2>&1 && break; sleep 0.5; done
done
docker exec "$run-1" docker swarm init --advertise-addr eth0 >/dev/null
token=$(docker exec "$run-1" docker swarm join-token -q worker)
for i in 2 3; do printf '%s\n' "$token" | docker exec -i "$run-$i" sh -c "read -r t && exec docker swarm join --token \"\$t\" $run-1:2377" >/dev/null; done
unset token

echo "Loading probe images 1 and 2 into every node …"
cp /bin/busybox "$work/busybox"
tar -C "$work" -cf "$work/probe.tar" busybox
for v in 1 2; do
  docker import -c 'ENTRYPOINT ["/busybox"]' -c "LABEL version=$v" "$work/probe.tar" "$run-probe:$v" >/dev/null
  docker save "$run-probe:$v" > "$work/probe-$v.tar"
  for i in 1 2 3; do docker exec -i "$run-$i" docker load < "$work/probe-$v.tar" >/dev/null; done
done

# shellcheck disable=SC2016 # $VERSION expands inside the task, not here.
web='/busybox mkdir -p /www && echo "$VERSION" > /www/version && exec /busybox httpd -f -p 8080 -h /www'
docker exec "$run-1" docker service create --detach=false --quiet --name web --mode global --no-resolve-image \
  --publish mode=host,target=8080,published=80 --env VERSION=1 "$run-probe:1" sh -c "$web" >/dev/null
url="http://127.0.0.1:$APP_PORT_BASE/version"
for _ in $(seq 1 60); do curl -fsS -m 2 "$url" >/dev/null 2>&1 && break; sleep 0.5; done

printf '%-12s %-5s %-9s %-9s %-8s %s\n' order round sent failed wall_s "new version served"
declare -A failed walls
rollback_to_serving=()
version=1
for order in start-first stop-first; do
  for round in $(seq 1 "$ROUNDS"); do
    next=$((3 - version))
    label="$order-$round"
    cmd="timeout $UPDATE_TIMEOUT docker exec $run-1 docker service update --detach=false --quiet --no-resolve-image --update-order $order --update-failure-action pause --image $run-probe:$next --env-add VERSION=$next web >/dev/null 2>&1 || true"
    start=$(date +%s.%N)
    dotnet "$probe_dll" run --url "$url" --connections "$CONNECTIONS" --warmup "$WARMUP" --settle "$SETTLE" --label "$label" \
      --out "$RESULTS/$label.json" -- bash -c "$cmd" >/dev/null
    wall=$(python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$start" "$(date +%s.%N)")
    served=$(curl -fsS -m 2 "$url" 2>/dev/null || echo none)
    read -r sent fails < <(python3 -c 'import json,sys; d={k.lower(): v for k, v in json.load(open(sys.argv[1])).items()}; print(d.get("requests", "?"), d.get("failed", "?"))' "$RESULTS/$label.json")
    failed[$order]+="$fails "
    walls[$order]+="$wall "
    printf '%-12s %-5s %-9s %-9s %-8s %s\n' "$order" "$round" "$sent" "$fails" "$wall" "$([[ "$served" == "$next" ]] && echo yes || echo "no (serves $served)")"
    # A paused or stuck update is reset, so every round starts from a converged service.
    if [[ "$served" != "$next" ]]; then
      docker exec "$run-1" docker service update --detach=false --quiet --no-resolve-image --update-order stop-first --image "$run-probe:$version" --env-add VERSION=$version web >/dev/null 2>&1 || true
    else
      version=$next
    fi
  done
done
# Plain Swarm's own rollback (`docker service rollback`: back to the service's previous spec, with its rollback config's
# default stop-first order), timed from the command to the previous version answering on node 1.
for round in $(seq 1 "$ROUNDS"); do
  next=$((3 - version))
  label="rollback-$round"
  cmd="timeout $UPDATE_TIMEOUT docker exec $run-1 docker service rollback --detach=false --quiet web >/dev/null 2>&1 || true"
  start=$(date +%s.%N)
  dotnet "$probe_dll" run --url "$url" --connections "$CONNECTIONS" --warmup "$WARMUP" --settle "$SETTLE" --label "$label" \
    --out "$RESULTS/$label.json" -- bash -c "($cmd) & for _ in \$(seq 1 600); do [ \"\$(curl -fsS -m 1 $url 2>/dev/null)\" = $next ] && date +%s.%N > $work/served-at && break; sleep 0.1; done; wait" >/dev/null
  to_serving=$(python3 -c "import os,sys; p=sys.argv[2]; print(f'{float(open(p).read()) - float(sys.argv[1]):.1f}' if os.path.exists(p) else 'never')" "$start" "$work/served-at")
  rm -f "$work/served-at"
  read -r sent fails < <(python3 -c 'import json,sys; d={k.lower(): v for k, v in json.load(open(sys.argv[1])).items()}; print(d.get("requests", "?"), d.get("failed", "?"))' "$RESULTS/$label.json")
  failed[rollback]+="$fails "
  [[ $to_serving == never ]] || rollback_to_serving+=("$to_serving")
  printf '%-12s %-5s %-9s %-9s %-8s %s\n' rollback "$round" "$sent" "$fails" "$to_serving" "serving $next after $to_serving s"
  version=$next
done
for order in start-first stop-first rollback; do
  # shellcheck disable=SC2086 # one argument per round
  median=$(python3 -c 'import statistics,sys; print(statistics.median(int(x) for x in sys.argv[1:]))' ${failed[$order]})
  echo "median failed requests, $order: $median (rounds: ${failed[$order]% })"
  echo "figure: ${order//-/_}_failed_median=$median"
  echo "figure: ${order//-/_}_failed_per_round=${failed[$order]% }"
  # shellcheck disable=SC2086 # one argument per round
  [[ $order == rollback ]] || echo "figure: ${order//-/_}_wall_median_s=$(bench_median ${walls[$order]})"
done | bench_results_filter swarm-baseline "$ROUNDS" "connections=$CONNECTIONS" \
  "rollback_to_serving_median_s=$(bench_median "${rollback_to_serving[@]}")" \
  "rollback_never_served=$((ROUNDS - ${#rollback_to_serving[@]}))" | tee "$RESULTS/summary.txt"
