#!/usr/bin/env bash
# Fuzzes every importer and the survey API's JSON with cargo fuzz (libFuzzer, AddressSanitizer),
# each target for SECONDS (default 600), one after another.
#   bash scripts/fuzz.sh [SECONDS] [TARGET ...]
# Seeds come from the demo data, the test fixtures and the malformed corpus (tests/malformed);
# a crash leaves its input in tests/fuzz/artifacts/<target>/ and stops the script.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/env.sh
seconds=${1:-600}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
    targets=(responses requests sla meetings mapping catalog unit calendar submission)
fi
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --version 0.13.2 --locked
export CARGO_TARGET_DIR="$PWD/target/fuzz"
corpus="$PWD/target/fuzz-corpus"
demo="$corpus/demo"
if [ ! -f "$demo/responses.csv" ]; then
    skm=$(ls target/release/skm target/debug/skm 2>/dev/null | head -n 1 || true)
    if [ -z "$skm" ]; then cargo build -q -p skm && skm=target/debug/skm; fi
    "$skm" demo --year 2026 --out "$demo" --responses 60 --requests 60 >/dev/null
fi
seed() { # seed TARGET FILE...: one leading selector byte (0: CSV) before each file
    mkdir -p "$corpus/$1"
    local target=$1; shift
    for f in "$@"; do
        [ -f "$f" ] || continue
        { printf '\0'; cat "$f"; } >"$corpus/$target/seed-$(basename "$f")"
    done
}
plain() { # plain TARGET FILE...: the file as it is
    mkdir -p "$corpus/$1"
    local target=$1; shift
    for f in "$@"; do [ -f "$f" ] && cp "$f" "$corpus/$target/seed-$(basename "$f")"; done
}
seed responses "$demo/responses.csv" crates/skm-analytics/tests/fixtures/*.csv tests/malformed/responses/*
seed requests "$demo/requests.csv" tests/malformed/requests/*
seed sla "$demo/requests.csv" "$demo/complaints.csv" tests/malformed/requests/*
seed meetings "$demo/meetings.csv" tests/malformed/meetings/*
plain mapping data/mappings/*.toml
plain catalog data/standards/*.toml
plain unit data/units/*.toml
plain calendar data/calendars/*.toml
plain submission tests/malformed/api/*
echo '{"service":"publikasi-media-sosial","answers":{"u1":4,"u2":3,"u3":4,"u4":4,"u5":3,"u6":3,"u7":4,"u8":2,"u9":3},"profile":{"gender":"P","age":34,"education":"D4/S1","occupation":"PNS"},"suggestion":"Parkir kurang luas.","client_id":"9038c5af-5b6e-416c-b015-569870f099bb"}' \
    >"$corpus/submission/seed-valid.json"
for t in "${targets[@]}"; do
    echo "== fuzzing $t for $seconds s"
    # The stable toolchain with RUSTC_BOOTSTRAP=1: polars-ops 0.46 does not build on a nightly
    # rustc (its build script turns on internals that nightly has since removed). Set for this
    # command only: it is part of cargo's fingerprint, and would rebuild the project's own target.
    RUSTC_BOOTSTRAP=1 cargo fuzz run --fuzz-dir tests/fuzz "$t" "$corpus/$t" -- \
        -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 -timeout=30 -print_final_stats=1 2>&1 |
        grep -E '(DONE|stat::number_of_executed_units|stat::peak_rss_mb|==[0-9]+==|SUMMARY|INFO: Running)|panicked|Failed' || true
    # crash-, leak-, timeout- and oom- files are failures; slow-unit- files are only notes.
    if ls "tests/fuzz/artifacts/$t" 2>/dev/null | grep -qE '^(crash|leak|timeout|oom)-'; then
        echo "!! $t: crash inputs in tests/fuzz/artifacts/$t" >&2
        exit 1
    fi
done
echo "== fuzzing done: ${#targets[@]} targets, $seconds s each, no crash"
