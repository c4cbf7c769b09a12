#!/usr/bin/env bash
# Every row of issue 13's table at 10,000 / 100,000 / 1,000,000 transactions, measured in one
# run, as one markdown table: store writes (rows/s) and the ladder of what each index costs
# them (`store_write_floor`), the sandbox serving every transaction (tx/s), the headless
# `coffre sync` (wall s, CPU s, peak MB), the TUI from consent to dashboard (s), the
# transactions view (ready, search, sort, peak memory), then coffre against hledger-ui on the
# same data (`benches/vs_hledger_ui.sh`, at 120,000 transactions).
#
# Every bench may print machine-readable lines `table|<row>|<size>|<value>`: they become the
# table's rows, in the issue's order (a row is placed by the words in its name; one that
# matches no row of the issue comes last). A row of the issue that no bench printed says
# "not measured"; a size a bench did not run says "—".
#
# Build: the quick release profile (no LTO, 16 codegen units: minutes, not a quarter of an
# hour, on 2 cores; the figures are within a few percent of the shipped profile's). Raw output
# of each bench goes to stderr (and to `$TABLE_LOG_DIR`, default `target/table-logs/`), the
# table to stdout.
#
# Run: `benches/table.sh > table.md` (about 20 minutes here). SIZES="10000 100000" for fewer
# sizes; SLOW_SIZES for the benches that build a store of their own per run (`first_frame`,
# `dashboard_render`; default: SIZES); BENCHES to choose the benches; HLEDGER=0 to skip the
# comparison.
set -uo pipefail
cd "$(dirname "$0")/.."
export CARGO_PROFILE_RELEASE_LTO=${CARGO_PROFILE_RELEASE_LTO:-false}
export CARGO_PROFILE_RELEASE_CODEGEN_UNITS=${CARGO_PROFILE_RELEASE_CODEGEN_UNITS:-16}
SIZES=${SIZES:-"10000 100000 1000000"}
SLOW_SIZES=${SLOW_SIZES:-$SIZES}
BENCHES=${BENCHES:-"store_million store_write_floor sandbox_large client_large tui_consent_large first_frame dashboard_render"}
logs=${TABLE_LOG_DIR:-target/table-logs}
mkdir -p "$logs"
: > "$logs/lines"
started=$(date +%s)
echo "uptime before: $(uptime)" >&2

# Builds every bench once (the first run of each would otherwise count its build).
# shellcheck disable=SC2086
cargo bench -q --no-run $(printf -- '--bench %s ' $BENCHES) >&2 || {
    echo "table.sh: the benches do not build" >&2
    exit 1
}

for bench in $BENCHES; do
    sizes=$SIZES
    case $bench in first_frame | dashboard_render) sizes=$SLOW_SIZES ;; esac
    echo "== $bench ($sizes), $(date -u +%H:%M:%S)" >&2
    bench_started=$(date +%s)
    case $bench in
    store_million)
        # shellcheck disable=SC2086
        STORE_BENCH_WRITES=$(echo "$sizes" | tr ' ' ',') \
            STORE_BENCH_ROWS=${STORE_BENCH_ROWS:-$(echo "$sizes" | tr ' ' '\n' | sort -n | tail -1)} \
            cargo bench -q --bench store_million 2>&1 | tee "$logs/$bench" >&2
        status=${PIPESTATUS[0]}
        ;;
    store_write_floor)
        # The ladder of what each index costs a write (one step after another, best of 3):
        # seven stores per size, so not at the largest size.
        # shellcheck disable=SC2086
        cargo bench -q --bench store_write_floor -- $(echo "$sizes" | tr ' ' '\n' | awk '$1 < 1000000') \
            2>&1 | tee "$logs/$bench" >&2
        status=${PIPESTATUS[0]}
        ;;
    *)
        # shellcheck disable=SC2086
        cargo bench -q --bench "$bench" -- $sizes 2>&1 | tee "$logs/$bench" >&2
        status=${PIPESTATUS[0]}
        ;;
    esac
    [ "$status" = 0 ] || echo "table.sh: $bench failed (its rows say so)" >&2
    grep -h '^table|' "$logs/$bench" >> "$logs/lines"
    echo "== $bench took $(( $(date +%s) - bench_started )) s" >&2
done

if [ "${HLEDGER:-1}" != 0 ]; then
    echo "== vs_hledger_ui, $(date -u +%H:%M:%S)" >&2
    benches/vs_hledger_ui.sh > "$logs/vs_hledger_ui.md" 2> >(tee "$logs/vs_hledger_ui.err" >&2) \
        || echo "table.sh: vs_hledger_ui failed (see its output above)" >&2
fi
echo "uptime after: $(uptime)" >&2

# The issue's rows, in its order: a label and the words (extended regular expression, case
# ignored) that place a bench's row under it.
groups=(
    "TUI consent → dashboard|^TUI consent"
    "headless sync|^headless sync"
    "store writes|^store writes"
    "sandbox serving|^sandbox serving"
    "transactions view ready|ready|opened in process"
    "search|search"
    "sort|sort"
    "TUI peak memory|peak (memory|MB|RSS)"
)

# One markdown table: a row per measure, a column per size.
printf '| what (release, quick profile, %s cores) |' "$(nproc)"
for size in $SIZES; do printf ' %s tx |' "$size"; done
printf '\n|---|'
for _ in $SIZES; do printf -- '---|'; done
printf '\n'
row_line() {
    local row=$1
    printf '| %s |' "$row"
    for size in $SIZES; do
        value=$(awk -F'|' -v r="$row" -v s="$size" '$2 == r && $3 == s {v = $4} END {print v}' \
            "$logs/lines")
        printf ' %s |' "${value:-—}"
    done
    printf '\n'
}
cut -d'|' -f2 "$logs/lines" | awk '!seen[$0]++' > "$logs/rows"
: > "$logs/placed"
for group in "${groups[@]}"; do
    label=${group%%|*}
    pattern=${group#*|}
    matched=$(grep -Ei -- "$pattern" "$logs/rows" | grep -vxF -f "$logs/placed" || true)
    if [ -z "$matched" ]; then
        printf '| %s | not measured |' "$label"
        for _ in $(seq 2 "$(echo "$SIZES" | wc -w)"); do printf ' |'; done
        printf '\n'
        continue
    fi
    while read -r row; do
        row_line "$row"
        echo "$row" >> "$logs/placed"
    done <<< "$matched"
done
grep -vxF -f "$logs/placed" "$logs/rows" | while read -r row; do row_line "$row"; done
echo
if [ -s "$logs/vs_hledger_ui.md" ]; then
    cat "$logs/vs_hledger_ui.md"
elif [ "${HLEDGER:-1}" != 0 ]; then
    echo "coffre against hledger-ui: not measured (see the output of vs_hledger_ui above)"
fi
if [ "$SLOW_SIZES" != "$SIZES" ]; then
    echo
    echo "first_frame and dashboard_render ran at $SLOW_SIZES only (SLOW_SIZES: they build a store of their own per size); their other sizes say —."
fi
echo
echo "Measured in one run of $(( ($(date +%s) - started) / 60 )) min on $(date -u +%Y-%m-%d)."
