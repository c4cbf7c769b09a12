//! The big write's stories (`bulk.rs`): a write bigger than the store leaves every sort index
//! in place and exact when it commits; a smaller one does not touch the schema; a reader keeps
//! its snapshot through the big write and its prepared statements read the new rows after it.

use chrono::{DateTime, NaiveDate};
use rust_decimal::Decimal;

use crate::domain::{Booking, Transaction};
use crate::store::{Pages, Progress, Store, test_bank};

/// Lines `from..to`, with labels and amounts out of id order (so every sort index matters).
fn lines(from: usize, to: usize) -> Vec<Transaction> {
    (from..to)
        .map(|n| Transaction {
            booking_date: None,
            booking: if n % 3 == 0 {
                Booking::Pending
            } else {
                Booking::Booked
            },
            category: Some(["Food", "Travel", "Rent"][n % 3].into()),
            ..test_bank::line(
                &format!("t{n:05}"),
                "a1",
                Decimal::new((n as i64 * 7_919) % 10_007 - 5_000, 2),
                NaiveDate::from_ymd_opt(2024, 1, 1 + (n % 28) as u32),
                &format!("LABEL {}", (n * 31) % 97),
            )
        })
        .collect()
}

fn write(store: &mut Store, lines: &[Transaction]) {
    let (connection, account) = (test_bank::bank(), test_bank::account("a1", "Compte"));
    let pages = Pages {
        connection: &connection,
        account: &account,
        lines,
        progress: Progress {
            from: None,
            pages_done: 1,
            started_at: 0,
        },
        last: false,
    };
    store
        .apply_pages(&pages, DateTime::from_timestamp(1_700_000_000, 0).unwrap())
        .unwrap();
}

/// The sort indexes as the schema has them: name and statement.
fn sort_indexes(store: &Store) -> Vec<(String, String)> {
    let mut stmt = store
        .conn
        .prepare(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index'
             AND name IN ('transactions_by_label', 'transactions_by_amount',
               'transactions_by_category', 'transactions_by_booking')
             ORDER BY name",
        )
        .unwrap();
    let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn schema_version(store: &Store) -> i64 {
    store
        .conn
        .query_row("PRAGMA schema_version", [], |r| r.get(0))
        .unwrap()
}

fn integrity(store: &Store) -> String {
    store
        .conn
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    (dir, store)
}

#[test]
fn a_first_big_write_commits_with_every_sort_index_built_and_exact() {
    let (_dir, mut store) = store();
    let before = sort_indexes(&store);
    assert_eq!(before.len(), 4);
    let version = schema_version(&store);
    write(&mut store, &lines(0, 300));
    // The indexes were dropped and built again (the schema moved), as the schema wrote them,
    // and each one holds exactly the table's rows (`integrity_check` compares them).
    assert!(schema_version(&store) > version);
    assert_eq!(sort_indexes(&store), before);
    assert_eq!(integrity(&store), "ok");
}

#[test]
fn a_write_smaller_than_the_store_leaves_the_schema_alone() {
    let (_dir, mut store) = store();
    write(&mut store, &lines(0, 100));
    let version = schema_version(&store);
    write(&mut store, &lines(100, 150));
    assert_eq!(schema_version(&store), version);
    // A write of more new lines than the 150 stored builds them once again.
    write(&mut store, &lines(150, 400));
    assert!(schema_version(&store) > version);
    assert_eq!(sort_indexes(&store).len(), 4);
    assert_eq!(integrity(&store), "ok");
}

#[test]
fn a_reader_keeps_its_snapshot_through_a_big_write_and_reads_the_rows_after_it() {
    let (dir, mut writer) = store();
    let reader = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let by_label = "SELECT id FROM transactions INDEXED BY transactions_by_label
                    ORDER BY lower(label), id LIMIT 3";
    let first = |store: &Store| -> Vec<String> {
        let mut stmt = store.conn.prepare_cached(by_label).unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.collect::<Result<_, _>>().unwrap()
    };
    assert!(first(&reader).is_empty());
    reader.conn.execute_batch("BEGIN").unwrap();
    assert!(first(&reader).is_empty());
    write(&mut writer, &lines(0, 200));
    // Inside its read transaction the reader still sees the store as it was.
    assert!(first(&reader).is_empty());
    reader.conn.execute_batch("COMMIT").unwrap();
    // Its statement, prepared before the indexes were built again, reads the new rows.
    assert_eq!(
        first(&reader),
        ["oxlin:t00000", "oxlin:t00097", "oxlin:t00194"]
    );
}
