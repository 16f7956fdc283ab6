#!/usr/bin/env bash
# Layered images, measured. For Notes and for a fresh `dotnet new webapi` app, and for each way of building:
#   before      --self-contained: the whole runtime in one app layer, on the runtime-deps base (what every release was)
#   after       the default: framework-dependent, a thin app layer on the ASP.NET base (docker build + push)
#   after-sdk   the same with --image-builder sdk (dotnet publish -t:PublishContainer, no Docker daemon in the app's build)
# it releases commit A (not measured: builds and pushes the bases once), then REPEATS consecutive commits B1, B2, …
# (empty commits: the app is unchanged, only its version stamp moves), and for each:
#   wall        `./build.sh BuildImage TagImage PushImage --skip Restore Compile Test Publish`: BuildImage + PushImage
#               warm, measured from outside, build start-up included (Publish ran just before, untimed)
#   floor       `./build.sh --help` right before it, in the same clone: what starting a build costs on this machine
#               at that moment (the baseline; the wall minus it is the targets' own time)
#   added       compressed bytes the release adds to the registry: its manifest, config and every layer blob the
#               previous release did not have (what a host that runs the previous release pulls); the SBOM beside it
#               (a few KB) is not counted
#   image       compressed size of the whole image (all its layers), and the app's own layer
# Medians over the REPEATS releases. Goals: a Notes release adds <= 5 MB, BuildImage + PushImage <= 5 s warm.
#
# Everything runs in a clone under .nuke/temp/images-bench (this checkout is never touched) and, for the webapi app, a
# repository of its own under $TMPDIR (outside this repository, whose Directory.*.props would apply), against the local registry
# on 127.0.0.1:5000, with image names img-bench-<app>-<mode>-<run id> (tags never move). Results: a table on stdout,
# its medians in bench/results/images.json and every release in bench/results/images/results.json. Images made here are removed at the end; the bases stay (a cache).
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=bench/lib/results.sh
source bench/lib/results.sh
root=$PWD
REPEATS="${REPEATS:-3}"
REGISTRY="${REGISTRY:-127.0.0.1:5000}"
RESULTS="${RESULTS:-bench/results/images}"
MODES="${MODES:-before after after-sdk}"
APPS="${APPS:-notes webapi}"
work="$root/.nuke/temp/images-bench"
run_id="$(date +%s | tail -c 6)$$"

for tool in docker dotnet curl python3 git; do
  command -v "$tool" >/dev/null || { echo "error: $tool is required" >&2; exit 127; }
done
say() { printf '\n== %s\n' "$*" >&2; }
rm -rf "$work" && mkdir -p "$work" "$RESULTS"
webapi="$(mktemp -d "${TMPDIR:-/tmp}/img-bench-webapi-XXXXXX")"
trap 'rm -rf "$webapi"' EXIT
git_as=(-c user.name=drydock-bench -c user.email=bench@drydock.invalid)

# --- the two apps, each in a repository of its own ------------------------------------------------------------------
say "Cloning this checkout (with its working tree changes) and making a webapi app"
git clone -q --local "$root" "$work/notes"
git -C "$root" diff HEAD --binary | git -C "$work/notes" apply --allow-empty
git -C "$work/notes" add -A && git -C "$work/notes" "${git_as[@]}" commit -q --allow-empty -m "bench: working tree"
mkdir -p "$webapi/.nuke"
(cd "$webapi" && dotnet new webapi -n Api -o src/Api >/dev/null && printf 'bin/\nobj/\nartifacts/\n.nuke/temp/\n' > .gitignore \
  && git init -q -b main && git add -A && git "${git_as[@]}" commit -q -m "A webapi app" && git tag v1.0.0)

root_of() { [[ $1 == notes ]] && echo "$work/notes" || echo "$webapi"; }
project_of() { [[ $1 == notes ]] && echo src/Notes/Notes.csproj || echo src/Api/Api.csproj; }
flags_of() { case $1 in before) echo "--self-contained" ;; after) echo "" ;; after-sdk) echo "--image-builder sdk" ;; esac; }

build() { # app mode image targets...
  local app=$1 mode=$2 image=$3; shift 3
  # shellcheck disable=SC2046
  ./build.sh "$@" --root "$(root_of "$app")" --project "$(project_of "$app")" --image-name "$image" --registry "$REGISTRY" $(flags_of "$mode") \
    >>"$work/$app-$mode.log" 2>&1 || { tail -n 40 "$work/$app-$mode.log" >&2; exit 1; }
}

# Sizes from the registry: total compressed size, the last (app) layer, and the blobs of $2 that $1 lacks.
sizes() { # image previous-tag tag
  python3 - "$REGISTRY" "$@" <<'EOF'
import json, sys, urllib.request
registry, image, previous, tag = sys.argv[1:5]
def manifest(t):
    request = urllib.request.Request(f"http://{registry}/v2/{image}/manifests/{t}", headers={"Accept": "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json"})
    with urllib.request.urlopen(request) as response:
        body = response.read()
    return json.loads(body), len(body)
old, _ = manifest(previous)
new, manifest_size = manifest(tag)
blobs = lambda m: {m["config"]["digest"]: m["config"]["size"], **{l["digest"]: l["size"] for l in m["layers"]}}
added = manifest_size + sum(size for digest, size in blobs(new).items() if digest not in blobs(old))
print(json.dumps({"added": added, "total": sum(l["size"] for l in new["layers"]), "app_layer": new["layers"][-1]["size"]}))
EOF
}

records=()
for app in $APPS; do
  for mode in $MODES; do
    image="img-bench-$app-$mode-$run_id"
    say "$app, $mode: release A (untimed: publishes, builds the bases once)"
    build "$app" "$mode" "$image" PushImage --skip Restore Compile Test
    previous=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tags"][0])' "$(root_of "$app")/artifacts/image.json")
    for i in $(seq 1 "$REPEATS"); do
      git -C "$(root_of "$app")" "${git_as[@]}" commit -q --allow-empty -m "bench: release $i"
      build "$app" "$mode" "$image" Publish --skip Restore Compile Test
      start=$(date +%s.%N)
      ./build.sh --help --root "$(root_of "$app")" >/dev/null
      floor=$(python3 -c "import sys; print(round($(date +%s.%N) - $start, 2))")
      start=$(date +%s.%N)
      build "$app" "$mode" "$image" BuildImage TagImage PushImage --skip Restore Compile Test Publish
      wall=$(python3 -c "import sys; print(round($(date +%s.%N) - $start, 2))")
      tag=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["tags"][0])' "$(root_of "$app")/artifacts/image.json")
      record=$(sizes "$image" "$previous" "$tag" | python3 -c "import json,sys; d=json.load(sys.stdin); d.update(app='$app', mode='$mode', release=$i, wall=$wall, floor=$floor); print(json.dumps(d))")
      echo "$record" >&2
      records+=("$record")
      previous=$tag
    done
    [[ $mode == after-sdk ]] || docker images --format '{{.Repository}}:{{.Tag}}' | grep -E "(^|/)$image:" | xargs -r docker rmi -f >/dev/null || true
  done
done

printf '%s\n' "${records[@]}" > "$RESULTS/releases.jsonl"
python3 - "$RESULTS" <<'EOF' | bench_results_filter images "$REPEATS"
import json, statistics, sys
results = sys.argv[1]
rows = [json.loads(line) for line in open(f"{results}/releases.jsonl") if line.strip()]
mb = lambda b: f"{b / 1e6:.2f} MB"
groups = {}
for r in rows:
    groups.setdefault((r["app"], r["mode"]), []).append(r)
summary = []
print("| App | Build | Image (compressed) | App layer | Added per release (median) | BuildImage+PushImage warm (median, range) | Build start-up floor (median) |")
print("| --- | --- | --- | --- | --- | --- | --- |")
for (app, mode), rs in groups.items():
    med = {k: statistics.median(r[k] for r in rs) for k in ("total", "app_layer", "added", "wall", "floor")}
    walls = [r["wall"] for r in rs]
    summary.append(dict(app=app, mode=mode, releases=len(rs), walls=walls, **med))
    print(f"| {app} | {mode} | {mb(med['total'])} | {mb(med['app_layer'])} | {mb(med['added'])} | {med['wall']:.2f} s ({min(walls):.2f}-{max(walls):.2f}) | {med['floor']:.2f} s |")
    key = f"{app}_{mode.replace('-', '_')}"
    for figure in ("total", "app_layer", "added"):
        print(f"figure: {key}_{figure}_median_bytes={med[figure]:.0f}")
    print(f"figure: {key}_wall_median_s={med['wall']:.2f}")
    print(f"figure: {key}_floor_median_s={med['floor']:.2f}")
json.dump({"releases": rows, "summary": summary}, open(f"{results}/results.json", "w"), indent=2)
# The peer of each way of building is the self-contained "before" of the same app.
for s in summary:
    before = next((b for b in summary if b["app"] == s["app"] and b["mode"] == "before"), None)
    if before and s is not before:
        key = f"{s['app']}_{s['mode'].replace('-', '_')}"
        print(f"figure: {key}_added_vs_before_ratio={s['added'] / before['added']:.3f}")
        print(f"figure: {key}_wall_vs_before_ratio={s['wall'] / before['wall']:.2f}")
EOF
echo "Goals: a Notes release adds <= 5 MB; BuildImage + PushImage <= 5 s warm. Logs: $work/*.log" >&2
