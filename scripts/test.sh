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
echo "== the web app (trunk build, dev profile) into dist/, for the end-to-end tests and built into skm"
trunk build
export SKM_EMBED_DIST="$PWD/dist"
echo "== every native test built, and with them skm with the web app built in (cargo test --no-run)"
# One build: a separate `cargo build -p skm` would resolve other features and build polars again.
cargo test --no-run
echo "== the release archive of that skm, which a test installs (scripts/dist.sh --dev --pack)"
bash scripts/dist.sh --dev --pack
echo "== PostgreSQL for the tests that need one (Debian's package, a cluster in target/postgres)"
SKM_TEST_POSTGRES=$(bash scripts/postgres.sh start | tail -1)
export SKM_TEST_POSTGRES
trap 'bash scripts/postgres.sh stop' EXIT
echo "== native tests (core, analytics, server, the CLI, the end-to-end tests in headless Chromium)"
cargo test
echo "== the server's tests again, each on a PostgreSQL store of its own instead of SQLite"
SKM_TEST_STORE=postgres cargo test --workspace $(for t in crates/skm-server/tests/*.rs; do printf -- '--test %s ' "$(basename "$t" .rs)"; done)
echo "== the web app's own unit tests (natively)"
cargo test -p skm-web --bins
echo "== skm-analytics as wasm32 in headless Chromium"
(cd crates/skm-analytics && WASM_BINDGEN_TEST_TIMEOUT=300 cargo test --target wasm32-unknown-unknown)
echo "== all tests passed in $(( $(date +%s) - started )) s"
