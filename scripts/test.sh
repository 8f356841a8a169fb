#!/usr/bin/env bash
# Every test: set up a fresh machine, check formatting and lints, then the native tests (core,
# catalog, analytics, charts, demo, server, the browser end-to-end test) and the analytics crate
# as wasm32 in headless Chromium.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
started=$(date +%s)
bash scripts/setup.sh
echo "== formatting and lints: cargo fmt --check, clippy -D warnings (native, and the wasm32 crates)"
cargo fmt --all -- --check
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy --target wasm32-unknown-unknown -p skm-analytics -p skm-bench-wasm -p skm-web -p skm-dashboard \
  -p skm-worker --all-targets -- -D warnings
echo "== the web app (trunk build, dev profile) for the end-to-end tests, and the release archive"
echo "   of the dev profile with it built in, which a test installs (scripts/dist.sh --dev)"
bash scripts/dist.sh --dev
echo "== native tests (they build the skm binary the end-to-end test starts)"
cargo test
echo "== the web app's own unit tests (natively)"
cargo test -p skm-web --bins
echo "== skm-analytics as wasm32 in headless Chromium"
(cd crates/skm-analytics && WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --target wasm32-unknown-unknown)
echo "== all tests passed in $(( $(date +%s) - started )) s"
