#!/usr/bin/env bash
# Installs, idempotently, everything a fresh machine lacks to build and test this project:
# rustfmt and clippy, the wasm32 target, Trunk, wasm-bindgen-cli (the version in Cargo.lock), binaryen's wasm-opt
# and axe-core from npm, Chromium and chromedriver. Source it (`. scripts/setup.sh`) to get PATH set too.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tools="$root/.tools"
mkdir -p "$tools"
say() { printf '[setup] %s\n' "$*" >&2; }

TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132
AXE_VERSION=4.14.1

for component in rustfmt clippy; do
  if ! rustup component list --installed | grep -q "^$component"; then
    say "adding the $component component (the test command checks formatting and lints)"
    rustup component add "$component"
  fi
done

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || ! command -v pdftotext >/dev/null \
  || ! command -v zopfli >/dev/null || ! command -v nginx >/dev/null || ! command -v curl >/dev/null \
  || ! command -v openssl >/dev/null || ! command -v systemd-analyze >/dev/null \
  || ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
  say "installing Chromium, chromedriver, poppler-utils, zopfli, nginx, curl, openssl, systemd and PostgreSQL (Debian packages; the report's PDF is checked with pdftotext; zopfli gzips the release app's files; deploy/nginx.conf is tested in front of skm and deploy/skm.service with systemd-analyze; the store is tested on PostgreSQL too)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver poppler-utils zopfli nginx curl openssl systemd postgresql >/dev/null
fi

if [ ! -f "$tools/axe/node_modules/axe-core/axe.min.js" ]; then
  say "installing axe-core@$AXE_VERSION from npm (the accessibility test)"
  mkdir -p "$tools/axe"
  npm install --silent --no-audit --no-fund --prefix "$tools/axe" "axe-core@$AXE_VERSION" >/dev/null
fi

if [ ! -x "$tools/binaryen/node_modules/.bin/wasm-opt" ]; then
  say "installing binaryen@$BINARYEN_VERSION from npm (Debian's wasm-opt corrupts wasm-bindgen output)"
  mkdir -p "$tools/binaryen"
  npm install --silent --no-audit --no-fund --prefix "$tools/binaryen" "binaryen@$BINARYEN_VERSION" >/dev/null
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (takes several minutes on 2 cores)"
  cargo install trunk --version "$TRUNK_VERSION" --locked --quiet
fi

# wasm-bindgen-cli must equal the wasm-bindgen library in Cargo.lock.
wb_version=""
if [ -f "$root/Cargo.lock" ]; then
  wb_version=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' "$root/Cargo.lock")
fi
wb_version="${wb_version:-0.2.130}"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "installing wasm-bindgen-cli $wb_version (matches Cargo.lock)"
  cargo install wasm-bindgen-cli --version "$wb_version" --quiet --force
fi

say "tools ready: $(trunk --version), $(wasm-bindgen --version), wasm-opt $("$tools/binaryen/node_modules/.bin/wasm-opt" --version | head -1), $(chromium --version 2>/dev/null | head -1)"
