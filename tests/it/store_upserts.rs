//! The store keeps what syncs bring: the same sync twice changes nothing, a pending line booked
//! later is updated and its change recorded, a sync that fails halfway leaves the store exactly
//! as before, and the dashboard's reads (groups, totals, sorted and searched transactions).

use crate::support::store_sample as sample;

use coffre::domain::{AccountId, Booking, TransactionId};
use coffre::store::{Store, TransactionQuery, schema};
use rust_decimal::Decimal;
use sample::*;

fn open(dir: &tempfile::TempDir) -> Store {
    Store::open(&dir.path().join("coffre.sqlite")).unwrap()
}

fn all_ids(store: &Store) -> Vec<String> {
    let rows = store.transactions(&TransactionQuery::default()).unwrap();
    rows.into_iter().map(|t| t.id.raw().to_owned()).collect()
}

#[test]
fn syncing_the_same_data_twice_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let first = store.apply(&bank_batch(), at(1_700_000_100)).unwrap();
    assert_eq!(first.new_transactions, 4);
    let before = store.transactions(&TransactionQuery::default()).unwrap();
    let again = store.apply(&bank_batch(), at(1_700_000_200)).unwrap();
    assert_eq!(again.new_transactions, 0);
    assert_eq!(again.updated_transactions, 4);
    assert_eq!(
        store.transactions(&TransactionQuery::default()).unwrap(),
        before
    );
    assert_eq!(store.accounts().unwrap().len(), 2);
    assert_eq!(store.connections().unwrap().len(), 1);
}

#[test]
fn pending_then_booked_updates_the_line_and_records_the_change() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.apply(&bank_batch(), at(1_700_000_100)).unwrap();
    let mut later = bank_batch();
    later.synced[0].transactions[2].booking = coffre::domain::Booking::Booked;
    let report = store.apply(&later, at(1_700_090_000)).unwrap();
    assert_eq!(report.newly_booked, 1);
    let t3 = store
        .transactions(&TransactionQuery {
            search: Some("EDF".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(t3.len(), 1);
    assert!(!t3[0].is_pending());
    assert_eq!(
        store.booking_changes(&TransactionId::oxlin("t3")).unwrap(),
        vec![(Booking::Pending, Booking::Booked, 1_700_090_000)]
    );
}

#[test]
fn a_sync_that_fails_halfway_leaves_the_store_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    store.apply(&bank_batch(), at(1_700_000_100)).unwrap();
    let before_accounts = store.accounts().unwrap();
    let before_ids = all_ids(&store);

    let mut broken = bank_batch();
    broken.synced[0].accounts[0].balance = Some(money("-5.00", "EUR"));
    let tx = &mut broken.synced[0].transactions;
    tx.push(transaction("t5", "a1", "2024-02-01", "-1.00", "NEW LINE"));
    tx.push(transaction("", "a1", "2024-02-02", "-2.00", "NO ID"));
    let error = store.apply(&broken, at(1_700_000_200)).unwrap_err();
    assert!(error.to_string().contains("without an id"), "{error}");

    assert_eq!(store.accounts().unwrap(), before_accounts);
    assert_eq!(all_ids(&store), before_ids);
    drop(store);
    let reopened = open(&dir);
    assert_eq!(all_ids(&reopened), before_ids);
}

#[test]
fn dashboard_reads_groups_totals_sorted_pages_counts_and_search() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut batch = bank_batch();
    let mut other = batch.synced[0].clone();
    other.connection = connection("c2", "Autre Banque");
    other.accounts = vec![account("b1", "c2", "Joint", "-34.56", "EUR")];
    other.transactions = vec![transaction("u1", "b1", "2024-01-06", "-4.50", "CAFE")];
    batch.synced.push(other);
    store.apply(&batch, at(1_700_000_100)).unwrap();

    let groups = store.accounts_by_connection().unwrap();
    let names: Vec<_> = groups
        .iter()
        .map(|g| {
            (
                g.connection.as_ref().unwrap().bank().to_owned(),
                g.accounts.len(),
            )
        })
        .collect();
    assert_eq!(
        names,
        [
            ("Autre Banque".to_string(), 1),
            ("Linxo Test Bank".to_string(), 2)
        ]
    );
    let totals = store.totals_by_currency().unwrap();
    assert_eq!(totals["EUR"], "1200.00".parse::<Decimal>().unwrap());
    assert_eq!(totals["CHF"], "1500.00".parse::<Decimal>().unwrap());

    assert_eq!(all_ids(&store), ["t3", "t4", "t2", "u1", "t1"]);
    let page = TransactionQuery {
        offset: 1,
        limit: Some(2),
        ..Default::default()
    };
    let ids: Vec<_> = store
        .transactions(&page)
        .unwrap()
        .into_iter()
        .map(|t| t.id.raw().to_owned())
        .collect();
    assert_eq!(ids, ["t4", "t2"]);
    let one_account = TransactionQuery {
        account_id: Some(AccountId::oxlin("a1")),
        ..Default::default()
    };
    assert_eq!(store.transaction_count(&one_account).unwrap(), 3);
    let search = TransactionQuery {
        search: Some("salaire".into()),
        ..Default::default()
    };
    assert_eq!(store.transaction_count(&search).unwrap(), 1);
    let literal_percent = TransactionQuery {
        search: Some("%".into()),
        ..Default::default()
    };
    assert_eq!(store.transaction_count(&literal_percent).unwrap(), 0);
    let amount = &store.transactions(&search).unwrap()[0].amount.amount;
    assert_eq!(amount.to_string(), "2500.00");
}

#[test]
fn the_schema_is_versioned_and_a_newer_store_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("coffre.sqlite");
    let store = Store::open(&path).unwrap();
    drop(store);
    let raw = rusqlite::Connection::open(&path).unwrap();
    let version: i64 = raw
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, schema::VERSION);
    raw.pragma_update(None, "user_version", schema::VERSION + 1)
        .unwrap();
    drop(raw);
    let error = Store::open(&path).unwrap_err();
    assert!(error.to_string().contains("newer coffre"), "{error}");
}

#[test]
fn search_follows_labels_and_notes_as_the_bank_changes_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut batch = bank_batch();
    batch.synced[0].transactions[0].notes = Some("Pain au chocolat".into());
    store.apply(&batch, at(1_700_000_100)).unwrap();
    let count = |store: &Store, text: &str| {
        let query = TransactionQuery {
            search: Some(text.into()),
            ..Default::default()
        };
        store.transaction_count(&query).unwrap()
    };
    assert_eq!(
        count(&store, "CHOCOLAT"),
        1,
        "notes are searched, case-insensitively"
    );
    assert_eq!(count(&store, "boulang"), 1);
    assert_eq!(count(&store, "bo"), 1, "short searches scan");
    assert_eq!(count(&store, "\"quoted\""), 0);

    batch.synced[0].transactions[0].label = "CB MARCHE BIO".into();
    store.apply(&batch, at(1_700_000_200)).unwrap();
    assert_eq!(count(&store, "boulang"), 0);
    assert_eq!(count(&store, "marche bio"), 1);
}

#[test]
fn a_searched_screenful_is_the_start_of_the_full_search_result() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = open(&dir);
    let mut batch = bank_batch();
    for n in 0..60 {
        let label = if n % 20 == 3 { "LIBRAIRIE" } else { "CAFE" };
        let date = format!("2024-02-{:02}", n % 28 + 1);
        let line = transaction(&format!("s{n:02}"), "a1", &date, "-1.00", label);
        batch.synced[0].transactions.push(line);
    }
    store.apply(&batch, at(1_700_000_100)).unwrap();
    for word in ["cafe", "librairie", "ca", "nothing"] {
        let all = TransactionQuery {
            search: Some(word.into()),
            ..Default::default()
        };
        let everything = store.transactions(&all).unwrap();
        for (offset, limit) in [(0, 10), (5, 10), (0, 100)] {
            let page = TransactionQuery {
                offset,
                limit: Some(limit),
                ..all.clone()
            };
            let expected: Vec<_> = everything
                .iter()
                .skip(offset)
                .take(limit)
                .cloned()
                .collect();
            assert_eq!(
                store.transactions(&page).unwrap(),
                expected,
                "{word} {offset}+{limit}"
            );
        }
    }
}
