//! Two coffre processes on one store (the TUI reading while a cron sync writes, or two syncs):
//! both succeed, readers see either the old or the new data, never half of it.

use crate::support::store_sample as sample;

use std::thread;

use coffre::store::{Store, TransactionQuery};
use sample::*;

#[test]
fn two_connections_write_and_read_the_same_file_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    Store::open(&path).unwrap();

    let writers: Vec<_> = (0..2)
        .map(|writer| {
            let path = path.clone();
            thread::spawn(move || {
                let mut store = Store::open(&path).unwrap();
                for round in 0..20 {
                    let mut batch = bank_batch();
                    let lines = &mut batch.synced[0].transactions;
                    for n in 0..50 {
                        let id = format!("w{writer}-r{round}-{n}");
                        lines.push(transaction(&id, "a1", "2024-03-01", "-1.00", "BATCH"));
                    }
                    store.apply(&batch, at(1_700_000_000 + round)).unwrap();
                }
            })
        })
        .collect();
    let reader = {
        let path = path.clone();
        thread::spawn(move || {
            let store = Store::open(&path).unwrap();
            let query = TransactionQuery {
                search: Some("BATCH".into()),
                ..Default::default()
            };
            let mut seen = Vec::new();
            for _ in 0..50 {
                let count = store.transaction_count(&query).unwrap();
                // Whole batches only: a half-written sync is never visible.
                assert_eq!(count % 50, 0, "saw a partial sync: {count}");
                seen.push(count);
            }
            seen
        })
    };
    for writer in writers {
        writer.join().unwrap();
    }
    let seen = reader.join().unwrap();
    assert!(seen.windows(2).all(|w| w[0] <= w[1]), "{seen:?}");
    let store = Store::open(&path).unwrap();
    let all = TransactionQuery {
        search: Some("BATCH".into()),
        ..Default::default()
    };
    assert_eq!(store.transaction_count(&all).unwrap(), 2 * 20 * 50);
}
