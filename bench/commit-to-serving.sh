#!/usr/bin/env bash
# Commit to serving, against the SDK. A fresh `dotnet new webapi` app (with a /healthz health check) in a git repository
# of its own, set up with Drydock as a user's repository is (./build.sh Pack here, then ./build.sh Setup --into it), and
# a second clone of it for the peer: a script a careful user would write with the SDK alone. Each round makes a one-line
# change (the text /release answers), commits it, and times from the commit until the new text answers:
#   drydock  ./build.sh Deploy --skip Test --verify-for 0 (its environment's edge port)
#   sdk      dotnet publish -t:PublishContainer to the same registry, docker run of the new image beside the old on the
#            other port of a blue/green pair, health wait, then the old one removed (no edge: the serving port moves)
# then another one-line change, published untimed by each, and times the image alone:
#   drydock  ./build.sh BuildImage TagImage PushImage --skip Restore Compile Test Publish (start-up included)
#   sdk      dotnet publish --no-build -t:PublishContainer (the SDK's container builder)
# ROUNDS rounds (3), Drydock first in odd rounds, the SDK first in even ones. Medians and the ratios drydock/sdk:
# bench/results/commit-to-serving.json; logs in bench/results/commit-to-serving/. Both push to REGISTRY (unset: 127.0.0.1:5000,
# the local one Drydock starts; the SDK reaches it with DOTNET_CONTAINER_INSECURE_REGISTRIES) on Drydock's own ASP.NET
# base, pushed there once for the SDK. Every container, network, volume and local image made here is removed at the
# end, and the two repositories under $TMPDIR; the registry keeps its tags (they never move). Run it whole under
# `nice -n 19` on a shared machine: both peers then build at the same priority. SKIP_PACK=1 reuses artifacts/packages.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
ROUNDS="${ROUNDS:-3}"
# Unset: Drydock's own local registry on 127.0.0.1:5000 (Deploy starts it when nothing answers there).
registry_args=()
[[ -n ${REGISTRY:-} ]] && registry_args=(--registry "$REGISTRY")
REGISTRY="${REGISTRY:-127.0.0.1:5000}"
RESULTS="$root/bench/results/commit-to-serving"
run_id="cs$(date +%s | tail -c 6)$$"
environment=$run_id image=$run_id sdk_image="$run_id-sdk"
for tool in docker dotnet curl python3 git; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 127; }
done
say() { printf '\n== %s\n' "$*" >&2; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now() { date +%s.%N; }
since() { python3 -c "print(round($(now) - $1, 2))"; }
# Bounded wait until URL answers exactly TEXT (empty: any 2xx).
wait_for() {
  local url=$1 text=$2 deadline=$((SECONDS + 120)) body
  while :; do
    body=$(curl -fsS --max-time 2 "$url" 2>/dev/null) && [[ -z $text || $body == "$text" ]] && return 0
    ((SECONDS < deadline)) || { echo "error: $url did not answer '$text' in time" >&2; return 1; }
    sleep 0.1
  done
}
app="$(mktemp -d "${TMPDIR:-/tmp}/c2s-app-XXXXXX")"
sdk="$(mktemp -d "${TMPDIR:-/tmp}/c2s-sdk-XXXXXX")"
git_as=(-c user.name=drydock-bench -c user.email=bench@drydock.invalid)
base_tag=""
cleanup() {
  local status=$?
  say "Cleaning up"
  local ids
  ids=$(docker ps -aq --filter "label=dev.drydock.environment=$environment"; docker ps -aq --filter "label=dev.drydock.bench=$run_id")
  [[ -n $ids ]] && docker rm -f $ids >/dev/null 2>&1 || true
  docker network rm "drydock-$image-$environment" >/dev/null 2>&1 || true
  ids=$(docker volume ls -q --filter "label=dev.drydock.environment=$environment")
  [[ -n $ids ]] && docker volume rm $ids >/dev/null 2>&1 || true
  ids=$(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)($image|$sdk_image):" || true)
  [[ -n $ids ]] && docker image rm $ids >/dev/null 2>&1 || true
  [[ -n $base_tag ]] && docker image rm "$base_tag" >/dev/null 2>&1 || true
  rm -rf "$app" "$sdk"
  exit $status
}
trap cleanup EXIT
mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.log

# --- the app, set up with Drydock, and its clone for the SDK script ------------------------------------------------
say "Packing Drydock and setting up a webapi repository in $app"
if [[ ${SKIP_PACK:-0} != 1 ]]; then
  ./build.sh Pack --allow-dirty >"$RESULTS/pack.log" 2>&1 || { tail -n 30 "$RESULTS/pack.log" >&2; exit 1; }
fi
(cd "$app" && dotnet new webapi -n Api -o src/Api >/dev/null && printf 'bin/\nobj/\nartifacts/\n.nuke/temp/\nout/\n' >.gitignore)
python3 - "$app/src/Api/Program.cs" <<'PY'
import sys
p = sys.argv[1]
s = open(p).read()
s = s.replace("var builder = WebApplication.CreateBuilder(args);", "var builder = WebApplication.CreateBuilder(args);\nbuilder.Services.AddHealthChecks();")
s = s.replace("app.Run();", 'app.MapHealthChecks("/healthz");\napp.MapGet("/release", () => "r0");\napp.Run();')
open(p, "w").write(s)
PY
git -C "$app" init -q -b main && git -C "$app" add -A && git -C "$app" "${git_as[@]}" commit -q -m "A web API"
./build.sh Setup --into "$app" >"$RESULTS/setup.log" 2>&1 || { tail -n 30 "$RESULTS/setup.log" >&2; exit 1; }
edge_port=$(free_port)
python3 - "$app/.nuke/environments" "$environment" "$edge_port" <<'PY'
import json, sys
folder, name, port = sys.argv[1:4]
config = json.load(open(f"{folder}/local.json"))
config.update(hostPort=int(port), keepReleases=2)
json.dump(config, open(f"{folder}/{name}.json", "w"), indent=2)
PY
git -C "$app" add -A && git -C "$app" "${git_as[@]}" commit -q -m "Build and deploy with Drydock"
git clone -q "$app" "$sdk"
deploy=(./build.sh Deploy --environment "$environment" --image-name "$image" "${registry_args[@]}" --skip Test --verify-for 0)
images=(./build.sh BuildImage TagImage PushImage --skip Restore Compile Test Publish --image-name "$image" "${registry_args[@]}")
say "First Drydock release (untimed: builds the bases, starts the edge)"
(cd "$app" && "${deploy[@]}") >"$RESULTS/drydock.log" 2>&1 || { tail -n 40 "$RESULTS/drydock.log" >&2; exit 1; }
wait_for "http://127.0.0.1:$edge_port/release" r0

# The SDK builds on the same ASP.NET base Drydock made, from the registry (it cannot read the local engine's images).
local_base=$(docker image ls --format '{{.Repository}}:{{.Tag}}' | grep -E '^drydock/aspnet:' | head -n 1)
[[ -n $local_base ]] || { echo "error: no drydock/aspnet base on this engine after the first Deploy" >&2; exit 1; }
base_tag="$REGISTRY/$local_base"
docker tag "$local_base" "$base_tag" && docker push -q "$base_tag" >/dev/null
export DOTNET_CONTAINER_INSECURE_REGISTRIES="$REGISTRY"
sdk_publish=(dotnet publish src/Api/Api.csproj --nologo -v q -c Release -r linux-x64 --self-contained false -o out)
sdk_container() { # tag [more publish arguments]
  local tag=$1; shift
  "${sdk_publish[@]}" "$@" -t:PublishContainer -p:ContainerBaseImage="$base_tag" -p:ContainerRegistry="$REGISTRY" \
    -p:ContainerRepository="$sdk_image" -p:ContainerImageTag="$tag"
}
# The careful script: build and push, run the new image beside the old on the other port, wait for its health, retire
# the old one. PORTS[0] and PORTS[1] take turns serving.
ports=("$(free_port)" "$(free_port)") serving=0 sdk_old=""
sdk_deploy() {
  local tag next=$((1 - serving)) name
  tag=$(git rev-parse --short HEAD)
  name="$sdk_image-$tag"
  sdk_container "$tag"
  docker run -d --name "$name" --label "dev.drydock.bench=$run_id" --read-only --tmpfs /tmp:rw,noexec,nosuid,size=64m \
    --cap-drop ALL --security-opt no-new-privileges --memory 512m --cpus 1.0 -p "127.0.0.1:${ports[$next]}:8080" \
    "$REGISTRY/$sdk_image:$tag" >/dev/null
  wait_for "http://127.0.0.1:${ports[$next]}/healthz" ""
  [[ -n $sdk_old ]] && docker rm -f "$sdk_old" >/dev/null
  sdk_old=$name serving=$next
}
say "First SDK release (untimed)"
cd "$sdk"
sdk_deploy >>"$RESULTS/sdk.log" 2>&1
cd "$root"
wait_for "http://127.0.0.1:${ports[$serving]}/release" r0

change() { # repository text: the one-line change, committed
  sed -i -E "s|app.MapGet\(\"/release\", \(\) => \"[^\"]*\"\);|app.MapGet(\"/release\", () => \"$2\");|" "$1/src/Api/Program.cs"
  git -C "$1" "${git_as[@]}" commit -q -am "Answer $2"
}
record() { echo "$1=$2" >>"$RESULTS/times.txt"; echo "  $1: $2 s" >&2; }
rm -f "$RESULTS/times.txt"
drydock_round() { # round
  local text="d$1" start
  change "$app" "$text"
  start=$(now)
  (cd "$app" && "${deploy[@]}") >>"$RESULTS/drydock.log" 2>&1
  wait_for "http://127.0.0.1:$edge_port/release" "$text"
  record drydock_commit_to_serving "$(since "$start")"
  change "$app" "$text-image"
  (cd "$app" && ./build.sh Publish --skip Test) >>"$RESULTS/drydock.log" 2>&1
  start=$(now)
  (cd "$app" && "${images[@]}") >>"$RESULTS/drydock.log" 2>&1
  record drydock_build_push_image "$(since "$start")"
}
sdk_round() { # round
  local text="s$1" start
  change "$sdk" "$text"
  start=$(now)
  cd "$sdk"
  sdk_deploy >>"$RESULTS/sdk.log" 2>&1
  wait_for "http://127.0.0.1:${ports[$serving]}/release" "$text"
  record sdk_commit_to_serving "$(since "$start")"
  change "$sdk" "$text-image"
  "${sdk_publish[@]}" >>"$RESULTS/sdk.log" 2>&1
  start=$(now)
  sdk_container "$(git rev-parse --short HEAD)" --no-build >>"$RESULTS/sdk.log" 2>&1
  record sdk_build_push_image "$(since "$start")"
  cd "$root"
}
for ((round = 1; round <= ROUNDS; round++)); do
  say "Round $round of $ROUNDS"
  if ((round % 2)); then drydock_round "$round"; sdk_round "$round"; else sdk_round "$round"; drydock_round "$round"; fi
done

# --- report ---------------------------------------------------------------------------------------------------------
values() { grep "^$1=" "$RESULTS/times.txt" | cut -d= -f2; }
figures=()
for key in drydock_commit_to_serving sdk_commit_to_serving drydock_build_push_image sdk_build_push_image; do
  # shellcheck disable=SC2046
  figures+=("${key}_median_s=$(bench_median $(values "$key"))" "${key}_s=$(values "$key" | paste -sd' ')")
done
ratio() { python3 -c "print(round($1 / $2, 2))"; }
# shellcheck disable=SC2046
median_of() { bench_median $(values "$1"); }
figures+=("commit_to_serving_ratio=$(ratio "$(median_of drydock_commit_to_serving)" "$(median_of sdk_commit_to_serving)")"
  "build_push_image_ratio=$(ratio "$(median_of drydock_build_push_image)" "$(median_of sdk_build_push_image)")"
  "docker_version=$(docker version --format '{{.Server.Version}}')" "sdk_version=$(dotnet --version)")
bench_results commit-to-serving "$ROUNDS" "${figures[@]}"
printf '%s\n' "${figures[@]}" >&2
