#!/usr/bin/env bash
# The benchmarks of docs/benchmarks.md, in one run: skm's analytics natively and in wasm32
# (headless Chromium) against pandas, DuckDB and Python polars (latest from PyPI) on the same CSV
# files made by `skm demo`, and `skm serve` under wrk on SQLite and on PostgreSQL. Rewrites
# docs/benchmarks.md (--serve-only: only the section on skm serve, in about a minute).
#   bash scripts/bench.sh [--sizes 10k,100k,1m,10m] [--wasm-max 1m] [--runs 3] [--serve-seconds 15] [--serve-only]
# About 20 minutes on 2 cores once built; the data (2.6 GB at 10m) stays in target/bench-data/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/setup.sh
command -v wrk >/dev/null || { echo "== installing wrk"; apt-get install -y -q wrk >/dev/null; }
if [[ " $* " == *" --serve-only "* ]]; then
  echo "== building skm (release)"
  cargo build --release -p skm
  exec python3 scripts/bench/run.py "$@"
fi
venv=.tools/pyvenv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
echo "== the peers, latest from PyPI"
"$venv/bin/pip" install -q --upgrade pandas pyarrow duckdb polars selenium
echo "== building skm and skm-bench (release) and the wasm32 benchmark module"
cargo build --release -p skm -p skm-bench
cargo build --release --target wasm32-unknown-unknown -p skm-bench-wasm
wasm-bindgen --target web --out-dir target/bench-wasm target/wasm32-unknown-unknown/release/skm_bench_wasm.wasm
"$venv/bin/python" scripts/bench/run.py "$@"
