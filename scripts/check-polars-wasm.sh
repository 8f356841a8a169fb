#!/usr/bin/env bash
# Does a polars release build for wasm32-unknown-unknown with the features skm-analytics uses?
# `bash scripts/check-polars-wasm.sh [VERSION]` (default: the newest on crates.io) checks a
# scratch crate in target/polars-wasm-check and prints the verdict; the workspace stays on its
# pinned polars (issue 20: move both targets once a newer one builds). About 10 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
# `cargo info` inside the workspace reports the version the workspace uses: ask from elsewhere.
newest() {
  local away; away=$(mktemp -d)
  (cd "$away" && cargo info polars 2>/dev/null | sed -n 's/^version: \([0-9.]*\).*/\1/p' | head -1)
  rm -rf "$away"
}
version="${1:-$(newest)}"
[ -n "$version" ] || { echo "no polars version given or found on crates.io" >&2; exit 2; }
features=$(sed -n 's/^polars = .*features = \(\[[^]]*\]\).*/\1/p' Cargo.toml)
dir=target/polars-wasm-check
mkdir -p "$dir/src"
cat > "$dir/Cargo.toml" <<TOML
[package]
name = "polars-wasm-check"
version = "0.1.0"
edition = "2021"
publish = false

[workspace]

[dependencies]
polars = { version = "=$version", default-features = false, features = $features }
getrandom = { version = "0.3", features = ["wasm_js"] }
TOML
cat > "$dir/src/lib.rs" <<'RS'
//! A group-by of the kind skm-analytics runs, so that the features are used.
use polars::prelude::*;

/// Mean and 90th percentile of `v` by `k`.
pub fn by_key(df: DataFrame) -> PolarsResult<DataFrame> {
    df.lazy().group_by([col("k")]).agg([col("v").mean(), col("v").quantile(lit(0.9), QuantileMethod::Linear)]).collect()
}
RS
echo "== polars $version, features $features, cargo check --target wasm32-unknown-unknown"
if (cd "$dir" && RUSTFLAGS='--cfg getrandom_backend="wasm_js"' cargo check -q --target wasm32-unknown-unknown) \
  > "$dir/check.log" 2>&1; then
  echo "polars $version builds for wasm32-unknown-unknown"
else
  grep -m3 '^error' "$dir/check.log" || tail -5 "$dir/check.log"
  echo "polars $version does NOT build for wasm32-unknown-unknown (log: $dir/check.log)"
  (cd "$dir" && cargo tree --target wasm32-unknown-unknown -e features -i tokio 2>/dev/null |
    grep -A2 'tokio feature "net"$' | sed -n 's/^[│ ├└─]*/  /p' | head -4) || true
  exit 1
fi
