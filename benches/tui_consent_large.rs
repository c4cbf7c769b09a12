//! Benchmark (issue 13): a big bank in the TUI, from the consent's confirmation to the
//! dashboard. The real loop (`app::run`) on a headless backend, the real task runner with the
//! TUI's own options for its built-in sandbox, and the in-process sandbox at step delay 0 (as
//! `coffre --sandbox-delay-ms 0`), driven by the end-to-end tests' driver
//! (`tests/tui/e2e/driver.rs`): log in, pick the Linxo test bank, type the credentials of a bank
//! shaped like `large` scaled to 10,000, 100,000 and 1,000,000 transactions (registered in the
//! sandbox under `large_<size>`), share every account, then time
//! - **dashboard**: Enter on the consent → the dashboard on screen (every row stored: the sync's
//!   `Done` is sent once the store write is committed), the goal row of the issue (≤ 2 s at
//!   120,000);
//! - **listed**: → `n of n` in the transactions view (Tab pressed once the dashboard shows),
//!   `n` the rows in the store;
//! - the phases, from the task messages: first count of imported transactions, last count,
//!   sync `Done`, dashboard read;
//! - how many different counts the syncing screen showed meanwhile (the progress a person sees).
//!
//! Run: `cargo bench --bench tui_consent_large` (add sizes to run only those: `-- 100000`).
//! Prints `table|TUI consent → dashboard, s|<size>|<s>` and `table|TUI consent → every row
//! listed, s|<size>|<s>` lines for `benches/table.sh`.

#[allow(dead_code)]
#[path = "../tests/tui/e2e/driver.rs"]
mod driver;
#[path = "support/generated_bank.rs"]
mod generated_bank;
#[allow(dead_code)]
#[path = "../tests/tui/e2e/shared_backend.rs"]
mod shared_backend;

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use coffre::app::{ApiEvent, Model, Msg};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, SANDBOX_POLL_EVERY, start_demo_sandbox};
use coffre::domain::SyncStep;
use coffre::tasks::RunnerOptions;
use crossterm::event::KeyCode;
use driver::{launch_with, log_in_and_choose_the_test_bank};

/// The longest wait for one step at a million transactions.
const STEP_DEADLINE: Duration = Duration::from_secs(900);

/// When the task messages of the sync arrived (from the tap, before the loop sees them).
#[derive(Debug, Default)]
struct Phases {
    first_count: Option<Instant>,
    last_count: Option<(Instant, usize)>,
    done: Option<Instant>,
    dashboard_read: Option<Instant>,
}

fn main() {
    let sizes: Vec<usize> = std::env::args()
        .skip(1)
        .filter_map(|a| a.parse().ok())
        .collect();
    let sizes = if sizes.is_empty() {
        generated_bank::SIZES.to_vec()
    } else {
        sizes
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("cannot start tokio: {e}");
            std::process::exit(1);
        }
    };
    println!("a bank shaped like `large` in the TUI, consent → dashboard (sandbox delay 0):");
    println!(
        "{:>12} {:>9} {:>11} {:>11} {:>9} {:>9} {:>11} {:>9} {:>7}",
        "transactions",
        "stored",
        "1st count s",
        "last cnt s",
        "done s",
        "read s",
        "dashboard s",
        "listed s",
        "counts"
    );
    for size in sizes {
        runtime.block_on(run(size));
    }
}

async fn run(size: usize) {
    let name = format!("large_{size}");
    coffre::sandbox::testbank::register(&name, generated_bank::scaled_large(size));
    let Ok(dir) = tempfile::tempdir() else {
        panic!("no temporary directory");
    };
    let store = dir.path().join("sandbox.sqlite");
    let Ok((sandbox, oxlin)) = start_demo_sandbox(Duration::ZERO, None).await else {
        panic!("the sandbox does not start");
    };
    let phases = Arc::new(Mutex::new(Phases::default()));
    let tapped = Arc::clone(&phases);
    let tap = move |msg: &Msg| {
        let now = Instant::now();
        let Ok(mut p) = tapped.lock() else { return };
        match msg {
            Msg::Api(ApiEvent::TransactionsImported { imported, .. }) => {
                p.first_count.get_or_insert(now);
                p.last_count = Some((now, *imported));
            }
            Msg::Api(ApiEvent::SyncProgressed {
                step: SyncStep::Done,
                ..
            }) => {
                p.done.get_or_insert(now);
            }
            Msg::Api(ApiEvent::DashboardLoaded(_)) if p.done.is_some() => {
                p.dashboard_read.get_or_insert(now);
            }
            _ => {}
        }
    };
    // The runner as `coffre` runs it on its built-in sandbox.
    let options = RunnerOptions {
        poll_every: SANDBOX_POLL_EVERY,
        open_browser: false,
        store: Some(store.clone()),
        ..RunnerOptions::default()
    };
    let model = Model::new(chrono::Utc::now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD)));
    let (person, app) = launch_with(tap, oxlin, options, model, None);
    let chooser = log_in_and_choose_the_test_bank(&person).await;
    if !chooser.contains("1. Other accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);
    person.sees("Credentials").await;
    for text in ["dev", "dev", name.as_str()] {
        person.type_text(text);
        person.press(KeyCode::Tab);
    }
    person.press(KeyCode::Enter);
    person
        .sees_within(&["Which accounts do you share?"], STEP_DEADLINE)
        .await;

    let consented = Instant::now();
    person.press(KeyCode::Enter);
    let mut counts = BTreeSet::new();
    let dashboard = loop {
        let screen = person.screen.text();
        if screen.contains("SANDBOX   Dashboard") {
            break consented.elapsed();
        }
        counts.extend(
            screen
                .lines()
                .filter(|l| l.contains("imported"))
                .map(|l| l.trim().to_owned()),
        );
        assert!(
            consented.elapsed() < STEP_DEADLINE,
            "no dashboard:\n{screen}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    person.press(KeyCode::Tab);
    let (listed, shown) = loop {
        let screen = person.screen.text();
        if let Some(n) = every_row_listed(&screen) {
            break (consented.elapsed(), n);
        }
        assert!(
            consented.elapsed() < STEP_DEADLINE,
            "never every row:\n{screen}"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
    };
    let stored = stored_rows(&store);
    assert_eq!(shown, stored, "the view lists every stored row");

    let secs = |at: Option<Instant>| {
        at.map_or(f64::NAN, |at| {
            at.saturating_duration_since(consented).as_secs_f64()
        })
    };
    let (first, last, done, read) = match phases.lock() {
        Ok(p) => (
            secs(p.first_count),
            secs(p.last_count.map(|(at, _)| at)),
            secs(p.done),
            secs(p.dashboard_read),
        ),
        Err(_) => (f64::NAN, f64::NAN, f64::NAN, f64::NAN),
    };
    println!(
        "{size:>12} {stored:>9} {first:>11.3} {last:>11.3} {done:>9.3} {read:>9.3} {:>11.3} {:>9.3} {:>7}",
        dashboard.as_secs_f64(),
        listed.as_secs_f64(),
        counts.len()
    );
    println!(
        "table|TUI consent → dashboard, s|{size}|{:.2}",
        dashboard.as_secs_f64()
    );
    println!(
        "table|TUI consent → every row listed, s|{size}|{:.2}",
        listed.as_secs_f64()
    );

    person.press(KeyCode::Esc);
    person.press(KeyCode::Char('q'));
    let _ = tokio::time::timeout(Duration::from_secs(30), app).await;
    sandbox.stop().await;
}

/// `n` when the screen says `n of n` (the transactions view's count line, every row listed).
fn every_row_listed(screen: &str) -> Option<usize> {
    screen.lines().find_map(|line| {
        let (before, after) = line.split_once(" of ")?;
        let number = |text: &str| -> Option<usize> {
            let digits: String = text.chars().filter(char::is_ascii_digit).collect();
            digits.parse().ok()
        };
        let left: String = before
            .chars()
            .rev()
            .take_while(|c| in_number(*c))
            .collect::<String>()
            .chars()
            .rev()
            .collect();
        let right: String = after.chars().take_while(|c| in_number(*c)).collect();
        let (left, right) = (number(&left)?, number(right.trim_end())?);
        (left == right && left > 0).then_some(left)
    })
}

/// Whether `c` can be part of a count as the UI writes it (`120 000`, `120,000`, `120.000`).
fn in_number(c: char) -> bool {
    c.is_ascii_digit() || matches!(c, ' ' | ',' | '.' | '\u{a0}' | '\u{202f}')
}

/// The transactions in the store.
fn stored_rows(store: &std::path::Path) -> usize {
    let count = rusqlite::Connection::open(store).and_then(|c| {
        c.query_row("SELECT COUNT(*) FROM transactions", [], |r| {
            r.get::<_, i64>(0)
        })
    });
    match count {
        Ok(n) => usize::try_from(n).unwrap_or(0),
        Err(e) => panic!("cannot count the stored rows: {e}"),
    }
}
