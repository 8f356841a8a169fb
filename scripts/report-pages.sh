#!/usr/bin/env bash
# Writes the demo year's annual report and renders its PDF's pages as PNG into docs/report/
# (the pictures the README links). Needs what scripts/setup.sh installs (Chromium, poppler-utils).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/setup.sh
cargo build -q -p skm
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
target/debug/skm demo --year 2025 --out "$work/2025" >/dev/null
target/debug/skm demo --year 2026 --out "$work/2026" >/dev/null
target/debug/skm report --year 2026 --data "$work/2026" --previous "$work/2025" --out "$work/laporan"
rm -rf docs/report && mkdir -p docs/report
pdftoppm -r 60 -png "$work/laporan/laporan-skm-2026.pdf" docs/report/halaman
ls docs/report
