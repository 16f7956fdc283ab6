#!/usr/bin/env bash
# Installs and starts what the test suites need on a fresh Debian machine (as root): the Docker engine,
# Debian's registry binary, shellcheck for the bootstrap test (registry passwords are hashed in .NET: no htpasswd),
# and pebble (the ACME test server; the package also ships pebble-challtestsrv, its DNS) for the ACME suite, which
# starts both itself on loopback ports. The remote-host suite adds: the ssh client (and ssh-keygen), mmdebstrap to
# make the test nodes' root filesystem, a static busybox for its probe image, and hyperfine for bench/ssh-reuse.sh.
# The swarm suite needs nothing more: the same nodes and busybox, and docker-registry (its TLS test CA is made in .NET).
# Idempotent: a running engine and installed packages are left as they are.
set -euo pipefail

packages=()
command -v dockerd >/dev/null || packages+=(docker.io)
command -v docker-registry >/dev/null || packages+=(docker-registry)
command -v shellcheck >/dev/null || packages+=(shellcheck)
{ command -v pebble >/dev/null && command -v pebble-challtestsrv >/dev/null; } || packages+=(pebble)
command -v ssh >/dev/null || packages+=(openssh-client)
command -v ssh-keygen >/dev/null || packages+=(openssh-client)
command -v mmdebstrap >/dev/null || packages+=(mmdebstrap)
command -v ss >/dev/null || packages+=(iproute2) # the remote deploy test checks nothing listens on the runner
dpkg -s busybox-static >/dev/null 2>&1 || packages+=(busybox-static)
command -v hyperfine >/dev/null || packages+=(hyperfine)
command -v curl >/dev/null || packages+=(curl)   # the deploy suite's smoke commands and the bench scripts
if ((${#packages[@]})); then
  echo "Installing ${packages[*]} …"
  apt-get update -q >/dev/null
  mapfile -t packages < <(printf '%s\n' "${packages[@]}" | sort -u)
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${packages[@]}" >/dev/null
fi

if ! docker version >/dev/null 2>&1; then
  echo "Starting dockerd …"
  mkdir -p /var/log/drydock
  nohup dockerd >/var/log/drydock/dockerd.log 2>&1 &
  for _ in $(seq 1 60); do
    docker version >/dev/null 2>&1 && break
    sleep 1
  done
  docker version >/dev/null 2>&1 || { tail -n 30 /var/log/drydock/dockerd.log >&2; echo "error: dockerd did not start in 60 s" >&2; exit 1; }
fi
echo "Docker engine $(docker version --format '{{.Server.Version}}') is up."
