//! First dashboard frame from process start, at 10,000, 100,000 and 1,000,000 stored
//! transactions, plus the peak memory of that process. Goals: first frame < 300 ms at 1M,
//! < 100 ms at 100k (issue 5); transactions view ready ≤ 150 ms and peak memory ≤ 80 MB at 1M
//! (issue 13).
//!
//! How: the stores are built once (syncs of 100,000 rows through `Store::apply`) and kept in
//! `target/tmp/first_frame/` (or `$FIRST_FRAME_DIR`) for the next runs — delete that directory
//! when done (about 1 GB at 1M). Then this binary spawns ITSELF in a headless mode (env var
//! `COFFRE_FIRST_FRAME_STORE=<store file>`), which does what the TUI does at start:
//! - opens the store, loads stage one (`load_dashboard_summary`), renders the dashboard once
//!   on a 120x40 `TestBackend` and says `frame` on stdout;
//! - opens the transactions view, which reads its window and count as the runner's reader
//!   thread does (`tasks::tx_window::perform_with` on a connection of its own, the sorts'
//!   orders kept beside it), renders it and says `transactions`;
//! - reads the charts on the first connection, as the dashboard's loader does meanwhile
//!   (`load_charts`, a walk of every transaction), and says its peak RSS (`VmHWM` from
//!   `/proc/self/status`);
//! - types what makes the TUI touch the most of the store — a short search (`p`, `ph`, `pha`:
//!   the first two check every row) and each of the six sorts — and says its peak RSS again.
//!
//! The parent times each line from the spawn and prints `table|<row>|<rows>|<median>` lines
//! for `benches/table.sh`: transactions view ready, TUI peak memory, and TUI peak memory after
//! `/pha` and the six sorts (its name says "orders": `table.sh` files a row that names a search
//! or a sort under those rows of the issue).
//!
//! Run: `cargo bench --bench first_frame` (add `-- 100000` for one size only), then
//! `rm -rf target/tmp/first_frame target/release`.

#[path = "support/synthetic.rs"]
mod synthetic;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use chrono::{DateTime, Utc};
use coffre::app::{ApiEvent, Model, Msg, Screen, update};
use coffre::screens::dashboard::Dashboard;
use coffre::store::Store;
use coffre::store::window::Ranks;
use coffre::tasks::tx_window::perform_with;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const CHILD: &str = "COFFRE_FIRST_FRAME_STORE";
/// The store with `rows` transactions, built once and kept.
fn store_with(rows: usize) -> PathBuf {
    let dir = std::env::var_os("FIRST_FRAME_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("first_frame"),
        PathBuf::from,
    );
    let path = dir.join(format!("{rows}.sqlite"));
    let done = dir.join(format!("{rows}.done"));
    if done.exists() {
        return path;
    }
    let _ = std::fs::remove_file(&path);
    let started = Instant::now();
    let Ok(mut store) = Store::open(&path) else {
        panic!("cannot create {}", path.display());
    };
    if let Err(e) = synthetic::fill(&mut store, rows) {
        panic!("cannot write the bench store: {e}");
    }
    drop(store);
    let _ = std::fs::write(&done, "");
    println!(
        "  built {} in {:.1} s (kept for the next runs)",
        path.display(),
        started.elapsed().as_secs_f64()
    );
    path
}

/// Peak resident memory of this process, in MB (Linux).
fn peak_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// The headless dashboard start: what the TUI does, on a `TestBackend`.
fn child(path: &Path) {
    let now: DateTime<Utc> = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    let Ok(store) = Store::open(path) else {
        panic!("cannot open {}", path.display());
    };
    let mut model = Model::new(now, true, None);
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let summary = coffre::store::load_dashboard_summary(&store, now).map_err(|e| e.to_string());
    let reads = update(&mut model, Msg::Api(ApiEvent::DashboardLoaded(summary)));
    let Ok(mut terminal) = Terminal::new(TestBackend::new(120, 40));
    let _ = terminal.draw(|f| coffre::app::view(&mut model, f));
    println!("frame");
    // The runner's reader thread: its own connection, the sorts' orders kept beside it.
    let Ok(reader) = Store::open(path) else {
        panic!("cannot open {}", path.display());
    };
    let mut ranks = Ranks::default();
    let mut serve = |model: &mut Model, msg: Msg, mut reads: Vec<coffre::app::Command>| {
        reads.extend(update(model, msg));
        // What the reader thread does with the view's reads: answer each, until none.
        while let Some(read) = reads.pop() {
            if let Some(answer) = perform_with(&reader, &mut ranks, &read) {
                reads.extend(update(model, Msg::Api(answer)));
            }
        }
        let _ = terminal.draw(|f| coffre::app::view(model, f));
    };
    let key = |code| Msg::Key(KeyEvent::new(code, KeyModifiers::NONE));
    serve(&mut model, key(KeyCode::Tab), reads);
    println!("transactions");
    // Meanwhile the dashboard's loader reads the charts on its connection (not timed here).
    let charts = coffre::store::dashboard::load_charts(&store, now.date_naive());
    let charts = charts.map(Box::new).map_err(|e| e.to_string());
    serve(
        &mut model,
        Msg::Api(ApiEvent::ChartsLoaded(charts)),
        Vec::new(),
    );
    println!("peak {:.1}", peak_mb().unwrap_or(f64::NAN));
    for code in [
        KeyCode::Char('/'),
        KeyCode::Char('p'),
        KeyCode::Char('h'),
        KeyCode::Char('a'),
        KeyCode::Enter,
    ] {
        serve(&mut model, key(code), Vec::new());
    }
    for sort in '1'..='6' {
        serve(&mut model, key(KeyCode::Char(sort)), Vec::new());
    }
    println!("touched {:.1}", peak_mb().unwrap_or(f64::NAN));
}

fn bench(rows: usize) {
    println!("first frame with {rows} transactions:");
    let path = store_with(rows);
    let Ok(exe) = std::env::current_exe() else {
        panic!("where is this binary?");
    };
    let mut firsts = Vec::new();
    let mut alls = Vec::new();
    let mut peaks = Vec::new();
    let mut touched = Vec::new();
    for _ in 0..5 {
        let started = Instant::now();
        let Ok(mut child) = Command::new(&exe)
            .env(CHILD, &path)
            .stdout(Stdio::piped())
            .spawn()
        else {
            panic!("cannot spawn the headless dashboard");
        };
        let Some(out) = child.stdout.take() else {
            panic!("no stdout");
        };
        for line in BufReader::new(out).lines().map_while(Result::ok) {
            let at = started.elapsed().as_secs_f64() * 1000.0;
            match line.as_str() {
                "frame" => firsts.push(at),
                "transactions" => alls.push(at),
                l => {
                    if let Some(mb) = l.strip_prefix("peak ").and_then(|m| m.parse().ok()) {
                        peaks.push(mb);
                    }
                    if let Some(mb) = l.strip_prefix("touched ").and_then(|m| m.parse().ok()) {
                        touched.push(mb);
                    }
                }
            }
        }
        let _ = child.wait();
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v.get(v.len() / 2).copied().unwrap_or(f64::NAN)
    };
    let goal = if rows >= 1_000_000 { 300 } else { 100 };
    println!(
        "  first frame (accounts view) from spawn   {:>8.1} ms (median of 5, goal < {goal} ms)",
        median(&mut firsts)
    );
    println!(
        "  transactions view ready from spawn       {:>8.1} ms (median of 5, goal < 150 ms)",
        median(&mut alls)
    );
    let (ready, peak) = (median(&mut alls), median(&mut peaks));
    let touched = median(&mut touched);
    println!(
        "  peak memory (VmHWM) of that process      {peak:>8.1} MB (median of 5, goal < 80 MB)",
    );
    println!(
        "  … after `/pha` and the six sorts          {touched:>8.1} MB (median of 5, goal < 80 MB)",
    );
    println!("table|transactions view ready from start, ms|{rows}|{ready:.1}");
    println!("table|TUI peak memory, MB|{rows}|{peak:.1}");
    println!("table|TUI peak memory after `/pha` and the six orders, MB|{rows}|{touched:.1}");
}

fn main() {
    if let Some(path) = std::env::var_os(CHILD) {
        child(Path::new(&path));
        return;
    }
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        vec![10_000, 100_000, 1_000_000]
    } else {
        sizes
    };
    for n in sizes {
        bench(n);
    }
}
