#!/usr/bin/env bash
# Runs every cargo-fuzz target of fuzz/ for SECONDS each (default 600), one
# after the other, at the lowest priority, and prints each target's
# executions and whether it crashed. New inputs go to fuzz/corpus/TARGET
# (not committed), the committed seeds are read from fuzz/seeds/TARGET, and
# crashes are saved in fuzz/artifacts/TARGET.
#
#   tools/fuzz.sh [SECONDS] [TARGET...]
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and a nightly toolchain, or
# RUSTC_BOOTSTRAP=1 on stable (set here when no nightly is installed).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(read_bytes analyze temporal timeml jsonl project_open)
toolchain=()
if rustup run nightly rustc --version >/dev/null 2>&1; then
    toolchain=(+nightly)
else
    export RUSTC_BOOTSTRAP=1
fi
flock /tmp/cargo.lock cargo "${toolchain[@]}" fuzz build -s none -O >&2
logs="$(mktemp -d)"
for t in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$t"
    code=0
    nice -n 19 cargo "${toolchain[@]}" fuzz run -s none -O "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" \
        -- -max_total_time="$secs" -rss_limit_mb=4096 -timeout=30 > "$logs/$t.log" 2>&1 || code=$?
    done_line=$(grep -E '^Done [0-9]+ runs' "$logs/$t.log" | tail -1 || true)
    crash=$(grep -E 'SUMMARY|panicked at|Test unit written' "$logs/$t.log" | head -3 | tr '\n' ' ' || true)
    echo "$t: exit $code; ${done_line:-no summary}; ${crash:-no crash}"
done
echo "logs in $logs"
