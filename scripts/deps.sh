#!/usr/bin/env bash
# Install what Blytz needs to build, run and test, on Debian 12. Idempotent:
# installs only what is missing, so `make run` and `make test` can call it
# every time. Needs root (or sudo) the first time.
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config clang clang-format-15 libclang-rt-14-dev git ca-certificates
  libuv1-dev libhttp-parser-dev libwslay-dev libjansson-dev libjwt-dev libsodium-dev
  libcurl4-openssl-dev libssl-dev zlib1g-dev libsqlite3-dev libpq-dev libhiredis-dev libvips-dev
  libicu-dev libcmocka-dev postgresql-15 redis-server nodejs npm chromium wrk
  janus janus-tools
  # Receipts and invoices as PDF (src/integrations/pdf): cairo, pango, fontconfig, the fonts the
  # adapter loads (Latin; Chinese), and poppler's pdftotext and pdffonts for its test.
  libcairo2-dev libpango1.0-dev libfontconfig-dev fonts-dejavu-core fonts-wqy-microhei poppler-utils
)

need_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

missing=()
for p in "${packages[@]}"; do
  # nodejs/npm may come from another source (a newer Node): a working binary is enough.
  case $p in
    nodejs) command -v node >/dev/null && continue ;;
    npm) command -v npm >/dev/null && continue ;;
  esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}"
  need_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
  need_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# Node packages for the test suites and the web app (and its API-types generator, which
# needs a TypeScript of its own), pinned by their lockfiles.
for dir in tests web web/tools/api-types; do
  [ -f "$dir/package.json" ] || continue
  stamp="$dir/node_modules/.blytz-lock-stamp"
  lock_sum=$(sha256sum "$dir/package-lock.json" 2>/dev/null | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    echo "deps: npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_sum" > "$stamp"
  fi
done
