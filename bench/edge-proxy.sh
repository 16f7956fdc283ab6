#!/usr/bin/env bash
# The edge as a proxy, against nginx. wrk (Debian's package) sends `GET $LOAD_PATH` of one Notes release three ways:
#   direct  to a bench-only container of the release's image, published on a loopback port (the floor)
#   edge    through the Drydock edge of a real `./build.sh Deploy` (its own environment, --cpus 1.0 as every edge runs)
#   nginx   through nginx (Debian's package) as a plain reverse proxy with keep-alive upstreams to the direct container,
#           one worker, pinned to one CPU with taskset, run here in the foreground with a config in a temp dir
# at CONNECTIONS (8 64 256) for DURATION each, ROUNDS times, the three in a different order each round (after one
# untimed warm-up of each). Requests/s and p50/p99/p99.9 latency (wrk's own histogram, through a small Lua reporter), the
# edge's RSS after the load (its process, from /proc) and nginx's worker RSS. Medians per way and connection count, and
# the ratios edge/nginx and edge/direct: bench/results/edge-proxy.json; every wrk run in bench/results/edge-proxy/.
# The release containers (Drydock's and the direct one) run with the same limits (1 CPU, 512 MB), the edge with --cpus 1.0.
#
# Everything is on 127.0.0.1. The bench deploys from a clone of this checkout (working tree changes as one commit) in
# .nuke/temp/edge-proxy, to an environment and image named ep<run id>, and removes at the end every container, network,
# volume and image it made, and stops its nginx by pid. Settings: ROUNDS (3), CONNECTIONS ("8 64 256"), DURATION (10s),
# WARMUP (5s), THREADS (2, wrk's), LOAD_PATH (/version), NGINX_CPU (the CPU nginx is pinned to: 0).
# Run it un-niced: the deploy niced itself, but wrk and nginx run at the priority of the containers they compete with.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh

ROUNDS="${ROUNDS:-3}"
CONNECTIONS="${CONNECTIONS:-8 64 256}"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
THREADS="${THREADS:-2}"
LOAD_PATH="${LOAD_PATH:-/version}"
NGINX_CPU="${NGINX_CPU:-0}"
RESULTS="$root/bench/results/edge-proxy"
work="$root/.nuke/temp/edge-proxy"
run_id="ep$(date +%s | tail -c 6)$$"
environment=$run_id image=$run_id

for tool in docker dotnet curl python3 git wrk nginx taskset; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required (apt-get install wrk nginx-light)" >&2; exit 127; }
done
say() { printf '\n== %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_http() {
  local url=$1 deadline=$((SECONDS + ${2:-60}))
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || { echo "error: $url did not answer 2xx in time" >&2; return 1; }
    sleep 0.2
  done
}
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }

direct_name="$run_id-direct"
nginx_pid=""
cleanup() {
  local status=$?
  say "Cleaning up"
  [[ -n $nginx_pid ]] && kill "$nginx_pid" 2>/dev/null && wait "$nginx_pid" 2>/dev/null || true
  docker rm -f "$direct_name" >/dev/null 2>&1 || true
  docker volume rm "$run_id-direct-data" >/dev/null 2>&1 || true
  local ids
  ids=$(docker ps -aq --filter "label=dev.drydock.environment=$environment")
  [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1 || true
  docker network rm "drydock-$image-$environment" >/dev/null 2>&1 || true
  ids=$(docker volume ls -q --filter "label=dev.drydock.environment=$environment")
  [[ -n $ids ]] && docker volume rm $ids >/dev/null 2>&1 || true
  ids=$(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$image:" || true)
  [[ -n $ids ]] && docker image rm $ids >/dev/null 2>&1 || true
  rm -rf "$work"
  exit $status
}
trap cleanup EXIT
mkdir -p "$work" "$RESULTS"
rm -f "$RESULTS"/*.json

# --- the release, deployed for real ---------------------------------------------------------------------------------
edge_port=$(free_port)
say "Deploying Notes from a clone to $environment (edge on 127.0.0.1:$edge_port; not measured)"
git clone -q --local "$root" "$work/repo"
git -C "$root" diff HEAD --binary | git -C "$work/repo" apply --allow-empty
printf '{ "hostPort": %s, "healthCheck": { "interval": "1s", "startPeriod": "15s" }, "keepReleases": 1 }\n' "$edge_port" \
  >"$work/repo/.nuke/environments/$environment.json"
git -C "$work/repo" add -A
git -C "$work/repo" -c user.name=drydock-bench -c user.email=bench@drydock.invalid commit -q --allow-empty -m "bench: edge proxy"
(cd "$work/repo" && nice -n 19 ./build.sh Deploy --environment "$environment" --image-name "$image" --skip Test --verify-for 0) \
  >"$RESULTS/deploy.log" 2>&1 || { tail -n 40 "$RESULTS/deploy.log" >&2; exit 1; }
edge_container=$(docker ps -q --filter "label=dev.drydock.environment=$environment" --filter "label=dev.drydock.role=edge")
release_container=$(docker ps -q --filter "label=dev.drydock.environment=$environment" --filter "label=dev.drydock.version" |
  grep -vx "$edge_container" | head -n 1)
[[ -n $edge_container && -n $release_container ]] || { echo "error: no edge or release container of $environment" >&2; exit 1; }
release_image=$(docker inspect -f '{{.Config.Image}}' "$release_container")
edge_cpus=$(docker inspect -f '{{.HostConfig.NanoCpus}}' "$edge_container" | awk '{ print $1 / 1e9 }')

# --- the same image, published directly, and nginx in front of it ---------------------------------------------------
direct_port=$(free_port)
docker run -d --name "$direct_name" --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m --cap-drop ALL \
  --security-opt no-new-privileges --memory 512m --cpus 1.0 -v "$run_id-direct-data:/data" \
  -p "127.0.0.1:$direct_port:8080" "$release_image" >/dev/null
nginx_port=$(free_port)
mkdir -p "$work/nginx/logs" "$work/nginx/temp"
chmod 0777 "$work/nginx/temp"
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/temp/body;
  proxy_temp_path $work/nginx/temp/proxy;
  fastcgi_temp_path $work/nginx/temp/fastcgi;
  uwsgi_temp_path $work/nginx/temp/uwsgi;
  scgi_temp_path $work/nginx/temp/scgi;
  upstream notes { server 127.0.0.1:$direct_port; keepalive 256; }
  server {
    listen 127.0.0.1:$nginx_port;
    location / {
      proxy_pass http://notes;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$remote_addr;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
}
EOF
taskset -c "$NGINX_CPU" nginx -c "$work/nginx/nginx.conf" -p "$work/nginx" &
nginx_pid=$!
declare -A url=([direct]="http://127.0.0.1:$direct_port$LOAD_PATH" [edge]="http://127.0.0.1:$edge_port$LOAD_PATH"
  [nginx]="http://127.0.0.1:$nginx_port$LOAD_PATH")
for way in direct edge nginx; do wait_http "${url[$way]}"; done

# wrk's own histogram, reported as one JSON line (its --latency table stops at p99).
cat >"$work/report.lua" <<'EOF'
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('{"requests": %d, "duration_us": %d, "socket_errors": %d, "non_2xx": %d, "p50_us": %d, "p99_us": %d, "p999_us": %d}\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99), latency:percentile(99.9)))
end
EOF
load() { # way connections duration [out]
  wrk -t "$THREADS" -c "$2" -d "$3" -s "$work/report.lua" "${url[$1]}" | tail -n 1 >"${4:-/dev/null}"
}

say "Warm-up ($WARMUP at 64 connections each, not measured)"
for way in direct edge nginx; do load "$way" 64 "$WARMUP"; done
orders=("direct edge nginx" "edge nginx direct" "nginx direct edge")
for ((round = 1; round <= ROUNDS; round++)); do
  order=${orders[$(((round - 1) % 3))]}
  for connections in $CONNECTIONS; do
    for way in $order; do
      say "round $round: $way, $connections connections, $DURATION"
      load "$way" "$connections" "$DURATION" "$RESULTS/$way-c$connections-r$round.json"
    done
  done
done
edge_pid=$(docker inspect -f '{{.State.Pid}}' "$edge_container")
edge_rss=$(rss_mb "$edge_pid")
nginx_worker_rss=$(rss_mb "$(ps -o pid= --ppid "$nginx_pid" | head -n 1 | tr -d ' ')")
app_rss=$(rss_mb "$(docker inspect -f '{{.State.Pid}}' "$release_container")")

# --- report ---------------------------------------------------------------------------------------------------------
python3 - "$RESULTS" "$CONNECTIONS" <<'PY' | bench_results_filter edge-proxy "$ROUNDS" "connections=$CONNECTIONS" \
  "duration=$DURATION" "edge_rss_after_load_mb=$edge_rss" "nginx_worker_rss_after_load_mb=$nginx_worker_rss" \
  "app_rss_after_load_mb=$app_rss" "edge_cpus=$edge_cpus" "nginx_limit=taskset -c $NGINX_CPU, 1 worker" \
  "nginx_version=$(nginx -v 2>&1 | sed 's/.*\///')" "wrk_threads=$THREADS" \
  "docker_version=$(docker version --format '{{.Server.Version}}')" "load_path=$LOAD_PATH"
import glob, json, os, statistics, sys
results, connections = sys.argv[1], sys.argv[2].split()
runs = {}
for path in sorted(glob.glob(f"{results}/*-c*-r*.json")):
    way, c, _ = os.path.basename(path)[:-5].split("-")
    r = json.load(open(path))
    r["rps"] = r["requests"] / (r["duration_us"] / 1e6)
    runs.setdefault((way, c[1:]), []).append(r)
median = lambda rs, k: statistics.median(r[k] for r in rs)
print("| Connections | Way | Requests/s | p50 | p99 | p99.9 | Errors |")
print("| ---: | --- | ---: | ---: | ---: | ---: | ---: |")
figures = {}
for c in connections:
    for way in ("direct", "edge", "nginx"):
        rs = runs.get((way, c), [])
        if not rs:
            continue
        f = {"rps": median(rs, "rps"), "p50_ms": median(rs, "p50_us") / 1000, "p99_ms": median(rs, "p99_us") / 1000,
             "p999_ms": median(rs, "p999_us") / 1000}
        errors = sum(r["socket_errors"] + r["non_2xx"] for r in rs)
        figures[(way, c)] = f
        print(f"| {c} | {way} | {f['rps']:,.0f} | {f['p50_ms']:.2f} ms | {f['p99_ms']:.2f} ms | {f['p999_ms']:.2f} ms | {errors} |")
        for k, v in f.items():
            print(f"figure: {way}_c{c}_{k}={v:.2f}")
        print(f"figure: {way}_c{c}_errors={errors}")
    edge, nginx, direct = figures.get(("edge", c)), figures.get(("nginx", c)), figures.get(("direct", c))
    if edge and nginx:
        print(f"figure: edge_vs_nginx_c{c}_rps_ratio={edge['rps'] / nginx['rps']:.3f}")
        print(f"figure: edge_vs_nginx_c{c}_p99_ratio={edge['p99_ms'] / nginx['p99_ms']:.3f}")
    if edge and direct:
        print(f"figure: edge_vs_direct_c{c}_rps_ratio={edge['rps'] / direct['rps']:.3f}")
PY
echo "RSS after the load: edge $edge_rss MB, nginx worker $nginx_worker_rss MB, app $app_rss MB" >&2
