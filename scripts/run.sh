#!/usr/bin/env bash
# The main job: set up a fresh machine, build the web app and the server, and serve the survey
# and the dashboard on the embedded database with demo data. Extra arguments go to `skm serve`.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
bash scripts/setup.sh
echo "== building the web app (trunk build --release)"
trunk build --release
bash scripts/precompress.sh dist
echo "== starting skm serve"
exec cargo run --release --bin skm -- serve "$@"
