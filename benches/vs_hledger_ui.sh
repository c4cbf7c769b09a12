#!/usr/bin/env bash
# coffre against hledger-ui on the same data, in one run (issue 13): a bank shaped like `large`
# (120,000 transactions; SIZE=N for another size) is synced by `coffre sync` from the sandbox
# (`cargo bench --bench client_large`, which keeps its data dir when COFFRE_BENCH_KEEP is set),
# exported with `coffre export --format ledger`, then each program is started in its own tmux
# session under `/usr/bin/time -v` and its screen is read every few milliseconds until it shows
# rows (coffre: an account of the bank on the dashboard; hledger-ui: its accounts screen).
# Prints one markdown table: first-screen time and peak memory of each, and their ratios.
#
# Needs: tmux, /usr/bin/time, hledger-ui (Debian: `apt-get install hledger-ui`), a release
# build (`cargo bench` makes it). First screen = from the tmux session's start to the first
# capture-pane showing the pattern (polled every 5 ms, so ±5 ms plus tmux's own latency).
set -euo pipefail
cd "$(dirname "$0")/.."
SIZE=${SIZE:-120000}
for tool in tmux /usr/bin/time hledger-ui; do
    command -v "$tool" >/dev/null || { echo "vs_hledger_ui: $tool is missing" >&2; exit 1; }
done
echo "uptime before: $(uptime)" >&2
kept=$(COFFRE_BENCH_KEEP=1 cargo bench -q --bench client_large -- "$SIZE" 2>&1 | tee /dev/stderr \
    | sed -n 's/^kept data in //p' | tail -1)
[ -d "$kept" ] || { echo "vs_hledger_ui: the sync kept no data dir" >&2; exit 1; }
trap 'rm -rf "$kept"' EXIT
coffre=target/release/coffre
journal=$kept/large.journal
"$coffre" export --format ledger --config "$kept/config.toml" --data-dir "$kept/data" \
    --output "$journal"
echo "journal: $(grep -c '^[0-9]' "$journal") transactions, $(du -h "$journal" | cut -f1)" >&2

# Starts `$3…` in tmux session $1 under /usr/bin/time -v, waits until its screen shows the
# regular expression $2, quits it with q; prints "<first screen ms> <peak MB>".
measure() {
    local name=$1 pattern=$2; shift 2
    local timing=$kept/$name.time
    local started now shown=""
    started=$(date +%s%N)
    tmux new-session -d -s "$name" -x 100 -y 30 \
        "/usr/bin/time -v -o $timing $* 2>/dev/null; sleep 30"
    for _ in $(seq 1 4000); do
        if tmux capture-pane -p -t "$name" 2>/dev/null | grep -Eiq "$pattern"; then
            now=$(date +%s%N)
            shown=$(( (now - started) / 1000000 ))
            break
        fi
        sleep 0.005
    done
    tmux capture-pane -p -t "$name" > "$kept/$name.screen" 2>/dev/null || true
    tmux send-keys -t "$name" q
    for _ in $(seq 1 200); do
        grep -q 'Maximum resident' "$timing" 2>/dev/null && break
        sleep 0.05
    done
    tmux kill-session -t "$name" 2>/dev/null || true
    head -8 "$kept/$name.screen" >&2
    local kb
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$timing")
    echo "${shown:-timeout} $(( ${kb:-0} / 1024 ))"
}

# Rows: the bank's accounts, as each program names them on its first screen.
read -r coffre_ms coffre_mb < <(measure "vs-coffre-$$" 'Compte' \
    "$coffre --config $kept/config.toml --data-dir $kept/data")
read -r hledger_ms hledger_mb < <(measure "vs-hledger-$$" 'assets?:' \
    "hledger-ui -f $journal")
echo "uptime after: $(uptime)" >&2
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.0f×", b / a; else print "?" }'; }
echo "| $SIZE transactions, this machine ($(nproc) cores) | first screen | peak memory |"
echo "|---|---|---|"
echo "| coffre (release) | ${coffre_ms} ms | ${coffre_mb} MB |"
echo "| hledger-ui $(hledger-ui --version | awk '{print $2}' | tr -d ,) | ${hledger_ms} ms | ${hledger_mb} MB |"
echo "| hledger-ui / coffre | $(ratio "$coffre_ms" "$hledger_ms") | $(ratio "$coffre_mb" "$hledger_mb") |"
