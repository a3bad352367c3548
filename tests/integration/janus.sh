#!/usr/bin/env bash
# A private Janus (scripts/services.sh svc_janus_start) for the duration of
# tests/integration/janus.test.mjs; stopped on every path, pass or fail.
#
# When it can, it runs inside a network namespace of its own (scripts/netns-run.sh) holding only
# loopback and a veth pair with private addresses on both ends: Janus's ICE needs an
# interface that is not loopback, and a namespace keeps every socket of the test (and of
# the Chromium that publishes in it) off the machine's real interfaces. Then
# JANUS_NETNS=1 and the WebRTC recording test runs; otherwise it is skipped, saying why.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ -z "${JANUS_NETNS:-}" ] && command -v chromium >/dev/null 2>&1 &&
  scripts/netns-run.sh true 2>/dev/null; then
  exec scripts/netns-run.sh env JANUS_NETNS=1 "$0" "$@"
fi
tmp=$(mktemp -d /tmp/blytz-janus.XXXXXX)
. scripts/services.sh
trap 'set +e; svc_janus_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
svc_janus_start "$tmp/janus"
export JANUS_BLOB_DIR=$tmp/blob
mkdir -p "$JANUS_BLOB_DIR"
node --test tests/integration/janus.test.mjs
