#!/usr/bin/env bash
# A pemda's server at scale: 60 units of 15 services, 200 000 responses (skm demo --pemda);
# the time the home page takes to list the 900 services and the dashboard from sign-in to the
# pemda view, in headless Chromium with the release app. Figures go to docs/benchmarks.md by hand.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/release-app.sh
cargo build --release -p skm
SKM_BIN=target/release/skm SKM_DIST=dist-release cargo run -q --release -p skm-e2e --bin pemda-figures
