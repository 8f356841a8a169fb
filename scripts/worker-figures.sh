#!/usr/bin/env bash
# The dashboard's analytics worker as a Kepala Dinas's browser gets it: its wasm's size on the
# wire (gzip) and decoded, and the time to the first figures on a first and a second visit
# (cached by its content-hashed address), on slow 4G and unthrottled, in headless Chromium.
# Builds the release app into dist-release/ (about 8 minutes cold). Figures go to
# docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/release-app.sh
cargo build -p skm
SKM_DIST=dist-release cargo run -q -p skm-e2e --bin worker-figures
