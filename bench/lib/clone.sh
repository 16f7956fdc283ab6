# shellcheck shell=bash
# bench_clone ROOT DEST: a clone of the checkout ROOT in DEST with ROOT's uncommitted and untracked changes as one
# commit, so a bench measures the working tree without ever touching the checkout. BENCH_PREPARE_CMD, when set, runs in
# the clone before that commit (e.g. to measure a patch). Sets bench_git=(git -C DEST -c user.* …) for later commits.
bench_clone() {
  local root=$1 dest=$2
  rm -rf "$dest"
  git clone -q --local "$root" "$dest"
  git -C "$root" diff HEAD --binary | git -C "$dest" apply --allow-empty
  git -C "$root" ls-files --others --exclude-standard -z | (cd "$root" && xargs -0 -r cp --parents -t "$dest")
  bench_git=(git -C "$dest" -c user.name=drydock-bench -c user.email=bench@drydock.invalid)
  if [[ -n ${BENCH_PREPARE_CMD:-} ]]; then (cd "$dest" && bash -c "$BENCH_PREPARE_CMD"); fi
  "${bench_git[@]}" add -A >/dev/null
  "${bench_git[@]}" commit -q --allow-empty -m "bench: working tree of $(git -C "$root" rev-parse --short HEAD)"
}
