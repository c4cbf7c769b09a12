//! Store writes as `coffre sync` makes them (groups of 2,000 lines per transaction) at 10,000,
//! 100,000 and 1,000,000 rows, new, then revised, then re-synced unchanged, in one table (rows per second; goal ≥
//! 300,000 rows/s); then the store at a million transactions: inserting them (in syncs of
//! 100,000), then what the
//! dashboard does at start and on a keystroke: opening the store, the first screenful of the
//! transactions view (newest first, 50 rows), the count, and a label search (first screenful of
//! a common word, count of a rare one). Prints the figures; asserts nothing about time.
//!
//! Last, the transactions view's windows (`store::window`, keyset pages) at 10,000, 100,000 and
//! 1,000,000 rows in one table, with a `table|` line per measure for `benches/table.sh`.
//!
//! Run: `cargo bench --bench store_million` (`STORE_BENCH_ROWS=N` for another size of the
//! second part, `0` for none; `STORE_BENCH_WRITES=10000,100000` for other sizes of the first,
//! `0` for none; `STORE_BENCH_WINDOWS=…` likewise for the last). For profiling the writes:
//! `STORE_BENCH_GROUP=N` lines per transaction, `STORE_BENCH_ROUNDS=1` the new lines alone,
//! `STORE_BENCH_SQL=…` SQL run on the empty store before the writes (an experiment),
//! `STORE_BENCH_SEARCH_AFTER=1` a count per search index on the store the writes left.

#[path = "store_million_parts/windows.rs"]
mod windows;

#[path = "store_million_parts/search.rs"]
mod search;

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use chrono::DateTime;
use coffre::store::{Pages, Progress, Store, TransactionQuery};

fn time<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    let elapsed = started.elapsed();
    println!("{what:<52} {:>10.2} ms", elapsed.as_secs_f64() * 1000.0);
    (value, elapsed)
}

/// Rows per store transaction when writing as a big `coffre sync` does (the groups of 4 pages
/// of 500 waiting for the writer, joined up to `sync::fetch`'s 6,000 lines), unless
/// `STORE_BENCH_GROUP` says otherwise (2,000: one group alone, as the sync wrote before).
const GROUP: usize = 6_000;

/// The rows per store transaction of this run (`STORE_BENCH_GROUP`, else [`GROUP`]).
fn group() -> usize {
    env_number("STORE_BENCH_GROUP").unwrap_or(GROUP).max(1)
}

/// How many of the three write rounds (new, revised, unchanged) to run: `STORE_BENCH_ROUNDS`
/// (`1` for the new lines alone, as when profiling them), else all three.
fn rounds() -> usize {
    env_number("STORE_BENCH_ROUNDS").unwrap_or(3).clamp(1, 3)
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name).ok().and_then(|v| v.trim().parse().ok())
}

/// Writes `rows` synthetic lines in groups of [`GROUP`] through `Store::apply_pages` (as a
/// sync does), into a fresh store; then all of them again, each one revised (new amount and
/// label: every index and the text index rewritten); then all of them once more, unchanged (a
/// re-sync of what the store holds). Returns the three rates in rows per second.
fn write_rates(rows: usize) -> [f64; 3] {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("writes.sqlite");
    let mut store = Store::open(&path).expect("the store opens");
    if let Ok(sql) = std::env::var("STORE_BENCH_SQL") {
        // An experiment on the empty store (an FTS5 setting, an index dropped).
        rusqlite::Connection::open(&path)
            .and_then(|c| c.execute_batch(&sql))
            .expect("STORE_BENCH_SQL");
    }
    let lines = synthetic::transactions(rows);
    let revised: Vec<_> = lines.iter().cloned().map(revise).collect();
    let (connection, accounts) = (synthetic::connection(), synthetic::accounts());
    let mut rates = [0.0; 3];
    let group = group();
    for (round, lines) in [&lines, &revised, &revised]
        .into_iter()
        .take(rounds())
        .enumerate()
    {
        let now = DateTime::from_timestamp(1_700_000_000 + round as i64, 0).unwrap_or_default();
        let started = Instant::now();
        for (i, chunk) in lines.chunks(group).enumerate() {
            let pages = Pages {
                connection: &connection,
                account: &accounts[0],
                lines: chunk,
                progress: Progress {
                    from: None,
                    pages_done: (i + 1) * group / 500,
                    started_at: now.timestamp(),
                },
                last: false,
            };
            store
                .apply_pages(&pages, now)
                .expect("the pages are written");
        }
        rates[round] = rows as f64 / started.elapsed().as_secs_f64();
    }
    if std::env::var_os("STORE_BENCH_SEARCH_AFTER").is_some() {
        searches_after(&store, rows);
    }
    rates
}

/// `STORE_BENCH_SEARCH_AFTER=1`: the count of a search in each index on the store the rounds
/// left (after a rewrite: its old entries in the amount and short-text indexes, until merged
/// away), and its time, ms, the median of three.
fn searches_after(store: &Store, rows: usize) {
    for typed in ["p", "15", "42,10", "pha"] {
        let mut query = coffre::store::window::TxQuery::default();
        query.selection.search = typed.into();
        let mut count = 0;
        let mut times: Vec<f64> = (0..3)
            .map(|_| {
                let started = Instant::now();
                count = store.tx_count(&query).expect("the count");
                started.elapsed().as_secs_f64() * 1000.0
            })
            .collect();
        times.sort_by(f64::total_cmp);
        println!(
            "{rows:>12} after the writes, count of '{typed}': {count} rows, {:.2} ms",
            times[1]
        );
    }
}

/// `line` as the bank revises it: another amount, another label.
fn revise(mut line: coffre::domain::Transaction) -> coffre::domain::Transaction {
    line.amount.amount += rust_decimal::Decimal::ONE;
    line.label.push_str(" REVU");
    line
}

/// The store-writes table at every size (one run), and its `table|` lines.
fn writes_table(sizes: &[usize]) {
    println!(
        "store writes, groups of {} lines per transaction (as `coffre sync`):",
        group()
    );
    println!(
        "{:>12} {:>16} {:>16} {:>16}",
        "rows", "new rows/s", "rewrite rows/s", "unchanged rows/s"
    );
    for &rows in sizes {
        let [new, revised, unchanged] = write_rates(rows);
        println!("{rows:>12} {new:>16.0} {revised:>16.0} {unchanged:>16.0}");
        let rates = [
            ("new", new),
            ("rewritten", revised),
            ("unchanged re-sync", unchanged),
        ];
        for (what, rate) in rates.into_iter().take(rounds()) {
            println!("table|store writes, {what} rows/s|{rows}|{rate:.0}");
        }
    }
}

fn main() {
    let sizes: Vec<usize> = std::env::var("STORE_BENCH_WRITES")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    let sizes: Vec<usize> = sizes.into_iter().filter(|n| *n > 0).collect();
    if !sizes.is_empty() {
        writes_table(&sizes);
    }
    let rows: usize = std::env::var("STORE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
    if rows > 0 {
        million(rows);
    }
    let sizes: Vec<usize> = std::env::var("STORE_BENCH_WINDOWS")
        .ok()
        .map(|v| v.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![10_000, 100_000, 1_000_000]);
    windows::table(&sizes.into_iter().filter(|n| *n > 0).collect::<Vec<_>>());
    search::table();
}

/// The store at `rows` transactions: the reads the first version of the dashboard made.
fn million(rows: usize) {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("coffre.sqlite");
    println!("store_million: {rows} transactions in {}", path.display());

    let mut store = Store::open(&path).expect("the store opens");
    let (_, insert) = time(
        &format!("insert {rows} (syncs of {})", synthetic::SYNC_ROWS),
        || synthetic::fill(&mut store, rows).expect("the syncs are written"),
    );
    println!(
        "{:<52} {:>10.0} rows/s",
        "insert rate",
        rows as f64 / insert.as_secs_f64()
    );
    drop(store);
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    println!("{:<52} {:>10.1} MB", "file size", size as f64 / 1e6);

    let (store, _) = time("open the store (cold process path)", || {
        Store::open(&path).expect("the store opens")
    });
    let first = TransactionQuery {
        limit: Some(50),
        ..TransactionQuery::default()
    };
    let (page, _) = time("first screenful: 50 newest rows", || {
        store.transactions(&first).expect("rows")
    });
    assert_eq!(page.len(), 50.min(rows));
    time("accounts by connection + totals", || {
        store.accounts_by_connection().expect("groups");
        store.totals_by_currency().expect("totals")
    });
    let (count, _) = time("count all", || {
        store
            .transaction_count(&TransactionQuery::default())
            .expect("count")
    });
    assert_eq!(count, rows);
    let one_account = TransactionQuery {
        account_id: Some(coffre::domain::AccountId::oxlin("acc3")),
        limit: Some(50),
        ..TransactionQuery::default()
    };
    time("first screenful of one account", || {
        store.transactions(&one_account).expect("rows")
    });
    time("count of one account", || {
        store.transaction_count(&one_account).expect("count")
    });
    let common = TransactionQuery {
        search: Some("pharmacie".into()),
        limit: Some(50),
        ..TransactionQuery::default()
    };
    time("search 'pharmacie': first screenful", || {
        store.transactions(&common).expect("rows")
    });
    time("search 'pharmacie': count", || {
        store.transaction_count(&common).expect("count")
    });
    let rare = TransactionQuery {
        search: Some("librairie rare".into()),
        limit: Some(50),
        ..TransactionQuery::default()
    };
    time(
        "search 'librairie rare' (1 in 10,000): first screenful",
        || store.transactions(&rare).expect("rows"),
    );
    let deep = TransactionQuery {
        offset: rows / 2,
        limit: Some(50),
        ..TransactionQuery::default()
    };
    time("a screenful in the middle (OFFSET n/2)", || {
        store.transactions(&deep).expect("rows")
    });
}
