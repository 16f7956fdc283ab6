#!/usr/bin/env bash
# Drydock bootstrap: rebuilds the build project only when its sources changed, then runs it with all arguments.
# Usage: ./build.sh [targets] [--parameter value ...]   (./build.sh --help lists both)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
build_dll="$root/build/bin/_build.dll"
stamp="$root/build/bin/.bootstrap-stamp"

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

fail() {
  echo "error: $*" >&2
  exit 127
}

sdk_version() {
  sed -n 's/.*"version"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' "$root/global.json" | head -n 1
}

find_dotnet() {
  if [[ -n "${DOTNET_EXE:-}" && -x "${DOTNET_EXE}" ]]; then
    echo "$DOTNET_EXE"
  elif command -v dotnet >/dev/null 2>&1; then
    command -v dotnet
  elif [[ -x "$HOME/.dotnet/dotnet" ]]; then
    echo "$HOME/.dotnet/dotnet"
  else
    fail "the .NET SDK $(sdk_version) named in global.json is required, but 'dotnet' was not found on PATH, in DOTNET_EXE or in ~/.dotnet. Install the .NET SDK $(sdk_version) (https://dot.net/download) and run ./build.sh again."
  fi
}

# The folders of the build project and of every project it references, directly or not.
input_folders() {
  local queue=("$root/build/_build.csproj") seen=" " project dir reference
  while ((${#queue[@]})); do
    project="${queue[0]}"
    queue=("${queue[@]:1}")
    dir="$(cd "$(dirname "$project")" && pwd)"
    [[ "$seen" == *" $dir "* ]] && continue
    seen+="$dir "
    echo "$dir"
    while IFS= read -r reference; do
      [[ -n "$reference" ]] && queue+=("$dir/${reference//\\//}")
    done < <(sed -n 's/.*<ProjectReference[^>]*Include="\([^"]*\)".*/\1/p' "$project")
  done
}

# Inputs of the build project: the folders above, and the shared files its projects import (Drydock keeps its own in
# src/; a repository set up by Drydock may have them at its root).
# With an argument, only the files changed since that file was touched.
# The folder list is kept from the last build: any change to it starts in a project file inside a listed folder,
# which makes that build stale anyway, and reading every project file costs more than the rest of the check.
folders=()
folders_cache="$root/build/bin/.bootstrap-folders"
input_files() {
  local newer=()
  if ((${#folders[@]} == 0)); then
    if [[ -f "$folders_cache" ]]; then mapfile -t folders < <(from_root <"$folders_cache"); else mapfile -t folders < <(input_folders); fi
  fi
  [[ $# -gt 0 ]] && newer=(-newer "$1")
  local shared=() file
  for file in "$root/global.json" "$root"/{,src/}Directory.{Build,Packages}.props; do
    [[ -e "$file" ]] && shared+=("$file")
  done
  find "${folders[@]}" "${shared[@]}" \
    \( -name bin -o -name obj \) -prune -o -type f "${newer[@]}" -print 2>/dev/null
}

# The stamp and the folder list name paths relative to the root, so a build/bin copied into another checkout of the
# same sources (a CI cache, a test's second clone) is honoured there; the stamp's time still catches any later edit.
to_root() { prefix="$root/" awk 'index($0, ENVIRON["prefix"]) == 1 { $0 = substr($0, length(ENVIRON["prefix"]) + 1) } 1'; }
from_root() {
  local line
  while IFS= read -r line; do
    if [[ "$line" == /* ]]; then echo "$line"; else echo "$root/$line"; fi
  done
}

input_checksum() {
  input_files | to_root | LC_ALL=C sort | cksum
}

# The stamp holds a checksum of the input file list (catches added and deleted files) and its time is when the
# last successful build started (catches edits, including those made while it ran).
needs_build() {
  [[ ! -f "$build_dll" || ! -f "$stamp" ]] && return 0
  [[ "$(input_checksum)" != "$(cat "$stamp")" ]] && return 0
  [[ -n "$(input_files "$stamp" | head -n 1)" ]]
}

build_project() {
  local dotnet="$1"
  if ! "$dotnet" --version >/dev/null 2>&1 </dev/null; then
    fail "the .NET SDK $(sdk_version) named in global.json is not installed (found: $("$dotnet" --list-sdks 2>/dev/null | awk '{print $1}' | paste -sd ' ' - || true)). Install the .NET SDK $(sdk_version) (https://dot.net/download), or change global.json."
  fi
  mkdir -p "$root/build/bin"
  # One bootstrap builds at a time; the others wait and then find it up to date.
  exec 9>"$root/build/bin/.bootstrap-lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  if ! needs_build; then
    exec 9>&-
    return
  fi
  echo "Building the build project (build/ changed since the last run)…" >&2
  local started="$stamp.new" log="$root/build/bin/.bootstrap.log"
  mapfile -t folders < <(input_folders)
  printf '%s\n' "${folders[@]}" | to_root >"$folders_cache"
  input_checksum >"$started"
  if ! "$dotnet" build "$root/build/_build.csproj" --nologo -v quiet -clp:NoSummary >"$log" 2>&1 </dev/null; then
    cat "$log" >&2
    rm -f "$started"
    exec 9>&-
    fail "the build project does not compile: see the errors above."
  fi
  mv "$started" "$stamp"
  exec 9>&- # release the lock: the build itself must not hold it, or a nested ./build.sh would wait forever
}

dotnet="$(find_dotnet)"
if needs_build; then
  build_project "$dotnet"
fi
exec "$dotnet" "$build_dll" "$@"
