#!/usr/bin/env bash
# Builds the release app into dist-release/ for the figures scripts: the tools, `trunk build
# --release`, then the zopfli gzip of its files (scripts/precompress.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/setup.sh
trunk build --release --dist dist-release
bash scripts/precompress.sh dist-release
