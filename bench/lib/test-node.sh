# shellcheck shell=bash
# A test node for the benches: a Docker engine in a container (the drydock-test/node image the remote suites build),
# reachable only over SSH on a loopback port; the same script and options as NodeEntrypoint / NodeCluster.RunSettings.
# Source it, then: start_test_node NAME SSH_PORT IMAGE PUBLIC_KEY_FILE  (sets test_node_host_key: "ssh-ed25519 AAAA…")
#                  remove_test_node NAME

start_test_node() {
  local name=$1 ssh_port=$2 image=$3 public_key_file=$4
  docker volume create "$name-docker" >/dev/null
  docker run -d --name "$name" --hostname "$name" \
    --cap-add ALL --cap-drop SYS_RESOURCE --security-opt seccomp=unconfined --security-opt apparmor=unconfined \
    --tmpfs /run --tmpfs /var/run -v /sys/fs/cgroup:/sys/fs/cgroup -v "$name-docker:/var/lib/docker" \
    -p "127.0.0.1:$ssh_port:22" -e "NODE_AUTHORIZED_KEY=$(cat "$public_key_file")" \
    "$image" /bin/sh -c '
      set -eu
      mkdir -p /root/.ssh /run/sshd && chmod 700 /root/.ssh
      printf "%s\n" "$NODE_AUTHORIZED_KEY" > /root/.ssh/authorized_keys && chmod 600 /root/.ssh/authorized_keys
      ssh-keygen -A >/dev/null
      /usr/sbin/sshd -e
      exec dockerd --host unix:///var/run/docker.sock' >/dev/null
  test_node_host_key=""
  for _ in $(seq 1 100); do
    test_node_host_key=$(docker exec "$name" cat /etc/ssh/ssh_host_ed25519_key.pub 2>/dev/null | cut -d' ' -f1,2) && [[ -n $test_node_host_key ]] && break
    sleep 0.2
  done
  [[ -n $test_node_host_key ]] || { echo "error: test node $name did not start sshd (docker logs $name)" >&2; return 1; }
}

remove_test_node() {
  docker rm -f "$1" >/dev/null 2>&1 || true
  docker volume rm -f "$1-docker" >/dev/null 2>&1 || true
}
