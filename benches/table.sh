#!/usr/bin/env bash
# One table of the sync's costs at 10,000 / 100,000 / 1,000,000 transactions, measured in one
# run (issue 13): store writes (rows/s, new and rewritten), the sandbox serving every
# transaction (tx/s, merged and by account), and the headless `coffre sync` (wall s, CPU s,
# peak MB). Prints the raw output of each bench to stderr and one markdown table to stdout.
#
# Every bench may print machine-readable lines `table|<row>|<size>|<value>`: they become the
# table's rows (the transactions view's rows come from `store_million`, `first_frame` and
# `dashboard_render` when they print such lines; until they do, their row says so).
#
# Run: `benches/table.sh` (release build; SIZES="10000 100000" for fewer sizes; VIEW_BENCHES=""
# to skip the view benches; STORE_BENCH_ROWS=N for the size of store_million's second part).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=${SIZES:-"10000 100000 1000000"}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
echo "uptime before: $(uptime)" >&2

# Store writes: store_million's first table (new, revised, unchanged re-sync rows/s).
writes=$(echo "$SIZES" | tr ' ' ',')
STORE_BENCH_WRITES=$writes STORE_BENCH_ROWS=${STORE_BENCH_ROWS:-1000000} \
    cargo bench -q --bench store_million 2>&1 | tee "$out/store" >&2 || true
grep -h '^table|' "$out/store" >> "$out/lines" || true

# The sandbox, the headless sync and the view benches: their `table|` lines.
for bench in sandbox_large client_large ${VIEW_BENCHES-first_frame dashboard_render}; do
    # shellcheck disable=SC2086
    cargo bench -q --bench "$bench" -- $SIZES 2>&1 | tee "$out/$bench" >&2 || true
    grep -h '^table|' "$out/$bench" >> "$out/lines" || true
done
echo "uptime after: $(uptime)" >&2

# One markdown table: a row per measure, a column per size.
printf '| what (release, %s cores) |' "$(nproc)"
for size in $SIZES; do printf ' %s tx |' "$size"; done
printf '\n|---|'
for _ in $SIZES; do printf -- '---|'; done
printf '\n'
cut -d'|' -f2 "$out/lines" | awk '!seen[$0]++' | while read -r row; do
    printf '| %s |' "$row"
    for size in $SIZES; do
        value=$(awk -F'|' -v r="$row" -v s="$size" '$2 == r && $3 == s {v = $4} END {print v}' "$out/lines")
        printf ' %s |' "${value:-—}"
    done
    printf '\n'
done
if ! grep -qi 'view' "$out/lines"; then
    # The transactions view's rows (first screen, keystroke, sort, memory at 1M) belong to the
    # view benches; they print no `table|` line yet.
    printf '| transactions view (first_frame, dashboard_render, store_million) | see their output above |'
    for _ in $(seq 2 "$(echo "$SIZES" | wc -w)"); do printf ' |'; done
    printf '\n'
fi
