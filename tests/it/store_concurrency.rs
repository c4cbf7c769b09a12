//! Two coffre processes on one store (the TUI reading while a cron sync writes, or two syncs):
//! both succeed, readers see either the old or the new data, never half of it.
//!
//! The reader is synchronised with the writer, so that it really reads while a write is open:
//! one test holds a write transaction open halfway through a sync's rows (on its own SQLite
//! connection, copying rows that coffre's own writer produced) while coffre opens the store and
//! reads; the other starts two syncs and a reader at one barrier and reads until both are done.

use crate::support::store_sample as sample;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Barrier, mpsc};
use std::thread;
use std::time::Duration;

use coffre::store::{Store, TransactionQuery};
use sample::*;

/// Syncs the sample bank with fifty more transactions on account a1, their ids starting with
/// `prefix`, labelled BATCH, as of `epoch`.
fn sync_fifty(store: &mut Store, prefix: &str, epoch: i64) {
    let mut batch = bank_batch();
    let lines = &mut batch.synced[0].transactions;
    for n in 0..50 {
        let id = format!("{prefix}-{n}");
        lines.push(transaction(&id, "a1", "2024-03-01", "-1.00", "BATCH"));
    }
    store.apply(&batch, at(epoch)).unwrap();
}

fn count(store: &Store) -> usize {
    store
        .transaction_count(&TransactionQuery::default())
        .unwrap()
}

/// A store holding the sample bank, as coffre writes it; returns its transaction count.
fn bank_store(path: &Path) -> usize {
    let mut store = Store::open(path).unwrap();
    store.apply(&bank_batch(), at(1_700_000_000)).unwrap();
    count(&store)
}

#[test]
fn a_reader_during_an_open_write_sees_the_store_before_it_then_all_of_it_after_the_commit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    let before = bank_store(&path);
    // The rows of the next sync, written by coffre into a twin store: the same rows before them,
    // so their row ids follow on from this store's.
    let next = dir.path().join("next.sqlite");
    bank_store(&next);
    sync_fifty(&mut Store::open(&next).unwrap(), "next", 1_700_000_100);

    let (half_written, read_during) = (mpsc::channel(), mpsc::channel::<()>());
    let committed = mpsc::channel();
    let writer = {
        let path = path.clone();
        thread::spawn(move || {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.busy_timeout(Duration::from_secs(10)).unwrap();
            conn.execute("ATTACH DATABASE ?1 AS next", [next.to_str().unwrap()])
                .unwrap();
            let copy = "INSERT INTO main.transactions SELECT * FROM next.transactions \
                        WHERE rowid > (SELECT max(rowid) FROM main.transactions) ORDER BY rowid";
            conn.execute_batch("BEGIN IMMEDIATE").unwrap();
            let first = conn.execute(&format!("{copy} LIMIT 25"), []).unwrap();
            half_written.0.send(first).unwrap();
            // The transaction stays open until the reader has read.
            read_during.1.recv().unwrap();
            let rest = conn.execute(copy, []).unwrap();
            conn.execute_batch("COMMIT").unwrap();
            committed.0.send(first + rest).unwrap();
        })
    };

    assert_eq!(
        half_written.1.recv().unwrap(),
        25,
        "half the sync is written"
    );
    // coffre opens the store (as the TUI would while a cron sync runs) and reads.
    let reader = Store::open(&path).unwrap();
    assert_eq!(
        count(&reader),
        before,
        "a reader during the write sees the store before it"
    );
    read_during.0.send(()).unwrap();
    assert_eq!(committed.1.recv().unwrap(), 50);
    assert_eq!(
        count(&reader),
        before + 50,
        "after the commit, the whole sync"
    );
    writer.join().unwrap();
}

#[test]
fn two_connections_write_and_read_the_same_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    Store::open(&path).unwrap();
    // Two writers and the reader start together; the reader reads until both writers are done.
    let start = Arc::new(Barrier::new(3));
    let writing = Arc::new(AtomicBool::new(true));

    let writers: Vec<_> = (0..2)
        .map(|writer| {
            let (path, start) = (path.clone(), start.clone());
            thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                start.wait();
                for round in 0..20 {
                    sync_fifty(
                        &mut store,
                        &format!("w{writer}-r{round}"),
                        1_700_000_000 + round,
                    );
                }
            })
        })
        .collect();
    let reader = {
        let (path, start, writing) = (path.clone(), start.clone(), writing.clone());
        thread::spawn(move || {
            let store = Store::open(&path).unwrap();
            let query = TransactionQuery {
                search: Some("BATCH".into()),
                ..Default::default()
            };
            let mut seen = Vec::new();
            start.wait();
            loop {
                // Read once more after the writers are done, so the last read sees them all.
                let last = !writing.load(Ordering::SeqCst);
                let count = store.transaction_count(&query).unwrap();
                // Whole batches only: a half-written sync is never visible.
                assert_eq!(count % 50, 0, "saw a partial sync: {count}");
                seen.push(count);
                if last {
                    return seen;
                }
            }
        })
    };
    for writer in writers {
        writer.join().unwrap();
    }
    writing.store(false, Ordering::SeqCst);
    let seen = reader.join().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    assert_eq!(seen.last(), Some(&(2 * 20 * 50)), "{seen:?}");
    let store = Store::open(&path).unwrap();
    let all = TransactionQuery {
        search: Some("BATCH".into()),
        ..Default::default()
    };
    assert_eq!(store.transaction_count(&all).unwrap(), 2 * 20 * 50);
}
