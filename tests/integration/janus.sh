#!/usr/bin/env bash
# A private Janus (scripts/services.sh svc_janus_start) on loopback for the duration of
# tests/integration/janus.test.mjs; stopped on every path, pass or fail.
set -euo pipefail
cd "$(dirname "$0")/../.."
tmp=$(mktemp -d /tmp/blytz-janus.XXXXXX)
. scripts/services.sh
trap 'set +e; svc_janus_stop; rm -rf "$tmp"' EXIT
trap 'exit 1' INT TERM
svc_init "$tmp"
svc_janus_start "$tmp/janus"
export JANUS_BLOB_DIR=$tmp/blob
mkdir -p "$JANUS_BLOB_DIR"
node --test tests/integration/janus.test.mjs
