#!/usr/bin/env bash
# The survey page's figures as a citizen's phone gets them: bytes sent (gzip) and time until the
# first screen can be used, with the CPU slowed 4x and on slow 4G, in headless Chromium.
# Builds the release app into dist-release/ (about 8 minutes cold: the worker is built too).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/release-app.sh
cargo build -p skm
SKM_DIST=dist-release cargo run -q -p skm-e2e --bin survey-figures
