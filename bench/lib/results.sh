# shellcheck shell=bash
# The one writer of bench/results/<name>.json, so every bench's figures sit beside the machine and load they came from.
# Source it at the start of a bench (the load average is sampled then, and again when the results are written), then:
#   bench_results NAME ROUNDS KEY=VALUE...   writes bench/results/NAME.json: name, date, commit, rounds, machine
#                                           (nproc, memory, kernel), load average at start and end, and the figures
#   ... | bench_results_filter NAME ROUNDS [KEY=VALUE...]
#                                           the same, with the `figure: KEY=VALUE` lines of its input as figures too;
#                                           every other line passes through (a bench's statistics print both)
#   bench_median VALUE...                    prints the median of the numbers (for figures a bench takes in bash)
# A value that reads as a number, true, false or null is written as such; anything else as a JSON string.

bench_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
bench_load_at_start=$(cut -d' ' -f1-3 /proc/loadavg)

bench_median() {
  (($#)) || { echo null; return; }
  printf '%s\n' "$@" | sort -g | awk '{ v[NR] = $1 } END { m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; print m + 0 }'
}

bench_json_string() {
  local s=$1
  s=${s//\\/\\\\}
  s=${s//\"/\\\"}
  s=${s//$'\n'/\\n}
  s=${s//$'\r'/\\r}
  s=${s//$'\t'/\\t}
  printf '"%s"' "$s"
}

bench_json_value() {
  if [[ $1 =~ ^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$ || $1 == true || $1 == false || $1 == null ]]; then
    printf '%s' "$1"
  else
    bench_json_string "$1"
  fi
}

bench_json_load() { # "0.52 0.61 0.70" -> [0.52, 0.61, 0.70]
  local one five fifteen
  read -r one five fifteen <<<"$1"
  printf '[%s, %s, %s]' "$one" "$five" "$fifteen"
}

bench_results() {
  local name=$1 rounds=$2
  shift 2
  [[ $name =~ ^[a-z0-9][a-z0-9-]*$ ]] || { echo "error: bench_results: '$name' is no result name (lower case, digits, dashes)" >&2; return 2; }
  local pair key figures="" separator=""
  for pair in "$@"; do
    [[ $pair == *=* ]] || { echo "error: bench_results $name: '$pair' is not KEY=VALUE" >&2; return 2; }
    key=${pair%%=*}
    [[ $key =~ ^[a-z0-9_]+$ ]] || { echo "error: bench_results $name: key '$key' must be lower case, digits and _" >&2; return 2; }
    figures+="$separator    $(bench_json_string "$key"): $(bench_json_value "${pair#*=}")"
    separator=$',\n'
  done
  local memory_kb commit file="$bench_dir/results/$name.json"
  memory_kb=$(awk '/^MemTotal:/ { print $2 }' /proc/meminfo)
  commit=$(git -C "$bench_dir" rev-parse --short HEAD 2>/dev/null || echo unknown)
  mkdir -p "$bench_dir/results"
  {
    printf '{\n'
    printf '  "name": %s,\n' "$(bench_json_string "$name")"
    printf '  "date": %s,\n' "$(bench_json_string "$(date -u +%FT%TZ)")"
    printf '  "commit": %s,\n' "$(bench_json_string "$commit")"
    printf '  "rounds": %s,\n' "$(bench_json_value "$rounds")"
    printf '  "machine": { "nproc": %s, "memory_mb": %s, "kernel": %s },\n' \
      "$(nproc)" "$((memory_kb / 1024))" "$(bench_json_string "$(uname -r)")"
    printf '  "load_average": { "start": %s, "end": %s },\n' \
      "$(bench_json_load "$bench_load_at_start")" "$(bench_json_load "$(cut -d' ' -f1-3 /proc/loadavg)")"
    printf '  "figures": {\n%s\n  }\n' "$figures"
    printf '}\n'
  } >"$file"
  echo "results: bench/results/$name.json" >&2
}

bench_results_filter() {
  local name=$1 rounds=$2 line
  shift 2
  local pairs=("$@")
  while IFS= read -r line; do
    if [[ $line == "figure: "* ]]; then pairs+=("${line#figure: }"); else printf '%s\n' "$line"; fi
  done
  bench_results "$name" "$rounds" "${pairs[@]}"
}
