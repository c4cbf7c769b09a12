//! Stories of `store::pages`: a group of pages written with the sync's own settings.

use chrono::TimeZone;
use rust_decimal::Decimal;

use super::*;
use crate::store::test_bank;

fn pragma(store: &Store, name: &str) -> i64 {
    let sql = format!("PRAGMA {name}");
    store.conn.query_row(&sql, [], |r| r.get(0)).unwrap()
}

#[test]
fn a_connection_that_wrote_a_sync_can_write_its_pages_with_the_journal_out_of_memory() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.sqlite")).unwrap();
    let now = Utc.timestamp_opt(1_700_000_000, 0).unwrap();
    let account = test_bank::account("a1", "Compte");
    let line = |id: &str| test_bank::line(id, "a1", Decimal::ONE, None, "CB");
    // A whole sync first: its staging tables live in memory (the store's settings) ...
    let batch = test_bank::sync_of(vec![account.clone()], vec![line("t1")]);
    store.apply(&batch, now).unwrap();
    assert_eq!(
        pragma(&store, "temp_store"),
        2,
        "MEMORY until a group of pages"
    );
    // ... then groups of pages, which move them (and the statement journals) to files.
    let lines = [line("t2"), line("t3")];
    let bank = test_bank::bank();
    let pages = Pages::whole_read(&bank, &account, &lines, now);
    assert_eq!(store.apply_pages(&pages, now).unwrap().new_transactions, 2);
    assert_eq!(
        pragma(&store, "temp_store"),
        1,
        "FILE for the sync's writes"
    );
    assert_eq!(
        pragma(&store, "cache_size"),
        -16_000,
        "a small store's cache"
    );
    let batch = test_bank::sync_of(vec![account.clone()], vec![line("t4")]);
    store.apply(&batch, now).unwrap();
    let stored: i64 = store
        .conn
        .query_row("SELECT COUNT(*) FROM transactions", [], |r| r.get(0))
        .unwrap();
    assert_eq!(stored, 4, "every write after the switch is whole");
}
