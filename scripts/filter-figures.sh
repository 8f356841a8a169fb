#!/usr/bin/env bash
# A filter change on the dashboard with 100 000 responses and 100 000 requests loaded, in
# headless Chromium with the release app: from the change to the new figures, and the worker's
# part. Figures go to docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/release-app.sh
cargo build --release -p skm
SKM_BIN=target/release/skm SKM_DIST=dist-release cargo run -q --release -p skm-e2e --bin filter-figures
