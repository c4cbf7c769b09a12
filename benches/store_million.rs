//! The store at a million transactions: inserting them (in syncs of 100,000), then what the
//! dashboard does at start and on a keystroke: opening the store, the first screenful of the
//! transactions view (newest first, 50 rows), the count, and a label search (first screenful of
//! a common word, count of a rare one). Prints the figures; asserts nothing about time.
//!
//! Run: `cargo bench --bench store_million` (`STORE_BENCH_ROWS=N` for another size).

#[path = "support/synthetic.rs"]
mod synthetic;

use std::time::{Duration, Instant};

use coffre::store::{Store, TransactionQuery};

fn time<T>(what: &str, f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    let value = f();
    let elapsed = started.elapsed();
    println!("{what:<52} {:>10.2} ms", elapsed.as_secs_f64() * 1000.0);
    (value, elapsed)
}

fn main() {
    let rows: usize = std::env::var("STORE_BENCH_ROWS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000);
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
