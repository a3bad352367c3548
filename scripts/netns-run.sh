#!/usr/bin/env bash
# Run a command inside a private network namespace made for it alone, with loopback and one
# veth pair (10.213.0.1 <-> 10.213.0.2), so that WebRTC has a non-loopback interface to
# gather ICE candidates on (libnice, and so Janus, skips loopback). Nothing in the namespace
# can reach any other network, and it disappears with the command. Needs root, or user
# namespaces (unshare -r); exits 77 when neither is available.
#   scripts/netns-run.sh node --test tests/video/
set -euo pipefail
[ $# -gt 0 ] || { echo "usage: $0 COMMAND [ARGS...]" >&2; exit 2; }
for flags in -n -rn; do
  if unshare $flags true 2>/dev/null; then
    exec unshare $flags -- bash -c '
      set -euo pipefail
      ip link set lo up
      ip link add v0 type veth peer name v1
      ip addr add 10.213.0.1/24 dev v0
      ip addr add 10.213.0.2/24 dev v1
      ip link set v0 up
      ip link set v1 up
      exec "$@"' netns-run "$@"
  fi
done
echo "netns-run: cannot make a network namespace here (needs root or user namespaces)" >&2
exit 77
