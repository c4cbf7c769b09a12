//! `coffre demo` before its first frame: start the in-process sandbox, seed the demo's banks in
//! its world and sync them for real (loopback HTTP) into a fresh store, then read the
//! dashboard from that store and draw it once (100x30 `TestBackend`). Goal: the whole stage in
//! well under a second, so the demo opens on the dashboard without a spinner.
//!
//! Run: `cargo bench --bench demo_stage` (or, without a release build, `cargo test --bench
//! demo_stage`: the same measure on the debug build, an upper bound). Prints the median and
//! the slowest of [`RUNS`] runs of each part.

use std::time::{Duration, Instant};

use chrono::Utc;
use coffre::app::Model;
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, start_demo_sandbox};
use coffre::demo::banks::Asking;
use coffre::demo::stage;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

const RUNS: usize = 10;

/// One run: (sandbox start, seed + sync, first frame).
async fn once() -> [Duration; 3] {
    let dir = stage::private_data_dir().unwrap_or_else(|e| panic!("{e}"));
    let store = dir.path().join("sandbox.sqlite");
    let started = Instant::now();
    let (sandbox, oxlin) = start_demo_sandbox(Duration::ZERO, None)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let up = started.elapsed();
    let now = Utc::now();
    let login = (DEMO_EMAIL, DEMO_PASSWORD);
    stage::set(&sandbox, &oxlin, login, &store, Asking::AsStoried, now)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let staged = started.elapsed() - up;
    let mut model = Model::new(now, true, Some(login));
    stage::open_on_dashboard(&mut model, &store, None).unwrap_or_else(|e| panic!("{e}"));
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap_or_else(|e| panic!("{e}"));
    terminal
        .draw(|frame| coffre::app::view(&mut model, frame))
        .unwrap_or_else(|e| panic!("{e}"));
    let drawn = started.elapsed() - up - staged;
    sandbox.stop().await;
    [up, staged, drawn]
}

fn main() {
    let runtime = tokio::runtime::Runtime::new().unwrap_or_else(|e| panic!("{e}"));
    let mut runs: Vec<[Duration; 3]> = (0..RUNS).map(|_| runtime.block_on(once())).collect();
    let parts = [
        "sandbox start",
        "seed + real sync",
        "store read + first frame",
    ];
    for (i, part) in parts.iter().enumerate() {
        runs.sort_by_key(|run| run[i]);
        let median = runs[RUNS / 2][i];
        let slowest = runs[RUNS - 1][i];
        println!("{part:>26}: median {median:>9.1?}, slowest {slowest:>9.1?}");
    }
    let mut totals: Vec<Duration> = runs.iter().map(|run| run.iter().sum()).collect();
    totals.sort();
    println!(
        "{:>26}: median {:>9.1?}, slowest {:>9.1?}",
        "total",
        totals[RUNS / 2],
        totals[RUNS - 1]
    );
}
