#!/bin/sh
# What finding places costs when a corpus is loaded (issue 16: at most 10 % of the time
# and the memory). Builds the release binary as it is and once more with the place step
# taken out (tools/no_places.patch, applied in a temporary git worktree; the same target
# folder, so only this crate is compiled again), then extracts CORPUS with each on every
# core, three times each in turn, and prints the medians of the wall time and the peak
# memory of both.
#
#   tools/make_corpus.py /tmp/corpus10k 10000
#   tools/places_cost.sh /tmp/corpus10k
set -eu
CORPUS=${1:?usage: tools/places_cost.sh CORPUS_DIR}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
WORK=$(mktemp -d)
trap 'git -C "$ROOT" worktree remove --force "$WORK/src" 2>/dev/null || true; rm -rf "$WORK"' EXIT
cd "$ROOT"
cargo build --release -q
cp target/release/tension-timeline "$WORK/with"
git worktree add -q --detach "$WORK/src" HEAD
git -C "$WORK/src" apply "$ROOT/tools/no_places.patch"
(cd "$WORK/src" && CARGO_TARGET_DIR="$ROOT/target" cargo build --release -q)
cp target/release/tension-timeline "$WORK/without"
cargo build --release -q # the binary of the tree as it is, back in place
measure() {
    /usr/bin/time -f "%e %M" "$WORK/$1" extract "$CORPUS" --format jsonl --out "$WORK/out.jsonl" \
        2>"$WORK/$1.err" >/dev/null || true
    tail -1 "$WORK/$1.err" >>"$WORK/$1.runs"
}
# three runs of each, taken in turn (the machine's noise is a few per cent), medians
for _ in 1 2 3; do
    measure without
    measure with
done
median() { sort -n | sed -n 2p; }
t0=$(cut -d' ' -f1 "$WORK/without.runs" | median)
m0=$(cut -d' ' -f2 "$WORK/without.runs" | median)
t1=$(cut -d' ' -f1 "$WORK/with.runs" | median)
m1=$(cut -d' ' -f2 "$WORK/with.runs" | median)
awk -v t0="$t0" -v m0="$m0" -v t1="$t1" -v m1="$m1" 'BEGIN {
    printf "without places: %.1f s, %.0f MB peak (medians of 3)\n", t0, m0 / 1024
    printf "with places:    %.1f s, %.0f MB peak\n", t1, m1 / 1024
    printf "places add %.1f %% to the time and %.1f %% to the memory\n", (t1 / t0 - 1) * 100, (m1 / m0 - 1) * 100
}'
