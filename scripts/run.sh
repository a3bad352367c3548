#!/usr/bin/env bash
# `make run`: Janus (the embedded video server) on loopback beside blytz, its config
# generated under ./var/janus (fresh secrets each run; recordings kept in var/janus/rec),
# the JANUS_* variables (scripts/services.sh) and BLYTZ_VIDEO=janus passed to
# `blytz serve --demo`, and Janus
# stopped when blytz exits, however it exits.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
mkdir -p var
. scripts/services.sh
if command -v janus >/dev/null 2>&1; then
  trap 'set +e; svc_janus_stop' EXIT
  trap 'exit 130' INT TERM
  svc_janus_start "$PWD/var/janus"
  export BLYTZ_VIDEO=janus
  echo "janus: $JANUS_URL (log: var/janus/janus.log)"
else
  echo "janus is not installed (scripts/deps.sh installs it): serving without video" >&2
fi
"$build/blytz" serve --demo
