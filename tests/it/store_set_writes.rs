//! The store's set-based writer (stage a group of lines, compare and upsert them in SQL) gives
//! exactly the store the row-by-row writer gave, on random sequences of pages: the same rows
//! (every column, `seq` included), the same `booking_changes` in the same order, the same
//! counts, and a full-text index consistent with the rows. The row-by-row logic is kept here,
//! as the oracle.

use chrono::{DateTime, NaiveDate};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, Transaction, TransactionId,
};
use coffre::store::{ConnectionSync, Pages, Progress, Store, SyncBatch, SyncReport};
use proptest::prelude::*;
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

/// The row-by-row writer this crate used before: one SELECT per line for its old booking, a
/// booking change when it differs, then one upsert (leaving a line that did not change as it
/// was, `updated_at` included: it says when the line last changed). It leaves its own text
/// index alone (the store's writer feeds the store's; the oracle's is never read).
fn row_by_row(
    conn: &rusqlite::Connection,
    lines: &[Transaction],
    at: i64,
    report: &mut SyncReport,
) {
    let tx = conn.unchecked_transaction().unwrap();
    for t in lines {
        let booking = t.booking.code();
        let old: Option<String> = tx
            .query_row(
                "SELECT booking FROM transactions WHERE id = ?1",
                [t.id.key()],
                |r| r.get(0),
            )
            .optional()
            .unwrap();
        match &old {
            None => report.new_transactions += 1,
            Some(old) => {
                report.updated_transactions += 1;
                if old != booking {
                    tx.execute(
                        "INSERT INTO booking_changes (transaction_id, old, new, changed_at)
                         VALUES (?1, ?2, ?3, ?4)",
                        params![t.id.key(), old, booking, at],
                    )
                    .unwrap();
                    if Booking::from_code(old) == Booking::Pending && t.booking == Booking::Booked {
                        report.newly_booked += 1;
                    }
                }
            }
        }
        tx.execute(
            "INSERT INTO transactions (id, account_id, amount, currency, date, value_date,
               booking_date, imported_at, booking, label, notes, category, kind, first_seen,
               updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)
             ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id,
               amount = excluded.amount, currency = excluded.currency, date = excluded.date,
               value_date = excluded.value_date, booking_date = excluded.booking_date,
               imported_at = excluded.imported_at, booking = excluded.booking,
               label = excluded.label, notes = excluded.notes, category = excluded.category,
               kind = excluded.kind, updated_at = excluded.updated_at
             WHERE (account_id, amount, currency, date, value_date, booking_date, imported_at,
               booking, label, notes, category, kind) IS NOT (excluded.account_id,
               excluded.amount, excluded.currency, excluded.date, excluded.value_date,
               excluded.booking_date, excluded.imported_at, excluded.booking, excluded.label,
               excluded.notes, excluded.category, excluded.kind)",
            params![
                t.id.key(),
                t.account_id.key(),
                t.amount.amount.to_string(),
                t.amount.currency,
                t.filing_date().to_string(),
                t.value_date.map(|d| d.to_string()),
                t.booking_date.map(|d| d.to_string()),
                t.imported_at.map(|d| d.timestamp()),
                booking,
                t.label,
                t.notes,
                t.category,
                t.kind,
                at
            ],
        )
        .unwrap();
    }
    tx.commit().unwrap();
}

fn connection() -> Connection {
    Connection {
        id: ConnectionId::oxlin("c1"),
        provider_id: Some("87".into()),
        name: "Linxo Test Bank".into(),
        state: ConnectionState::Ok,
        channels: Vec::new(),
        last_success: None,
    }
}

fn account() -> Account {
    Account {
        id: AccountId::oxlin("a1"),
        connection_id: Some(ConnectionId::oxlin("c1")),
        name: "Compte".into(),
        kind: AccountKind::Checking,
        state: AccountState::Active,
        iban: None,
        balance: None,
        balance_date: None,
        owner: None,
    }
}

/// A line from a few ids, bookings, labels and amounts, so that pages overlap, repeat ids,
/// book, un-book and revise lines.
fn line() -> impl Strategy<Value = Transaction> {
    (
        0..12u8,
        0..3u8,
        0..3u8,
        -3i64..3,
        proptest::option::of(0..2u8),
        0..2u8,
    )
        .prop_map(|(id, booking, label, cents, notes, day)| {
            let date = NaiveDate::from_ymd_opt(2024, 3, 1 + u32::from(day));
            Transaction {
                id: TransactionId::oxlin(&format!("t{id}")),
                account_id: AccountId::oxlin("a1"),
                date,
                value_date: date,
                booking_date: None,
                amount: Money::new(Decimal::new(cents * 125, 2), "EUR"),
                label: ["CB CARREFOUR", "PRLV EDF", "VIR SALAIRE"][usize::from(label)].into(),
                notes: notes.map(|n| format!("ref {n}")),
                category: None,
                kind: None,
                booking: match booking {
                    0 => Booking::Pending,
                    1 => Booking::Booked,
                    _ => Booking::Other("rejected".into()),
                },
                imported_at: DateTime::from_timestamp(1_700_000_000 + i64::from(id), 0),
            }
        })
}

/// Every row of `table` (all columns), in `order`.
fn rows(conn: &rusqlite::Connection, sql: &str) -> Vec<Vec<Value>> {
    let mut statement = conn.prepare(sql).unwrap();
    let columns = statement.column_count();
    statement
        .query_map([], |r| (0..columns).map(|i| r.get::<_, Value>(i)).collect())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

const TRANSACTIONS: &str = "SELECT seq, id, account_id, amount, currency, date, value_date,
    booking_date, imported_at, booking, label, notes, category, kind, first_seen, updated_at
    FROM transactions ORDER BY seq";
const CHANGES: &str =
    "SELECT rowid, transaction_id, old, new, changed_at FROM booking_changes ORDER BY rowid";

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn set_based_writes_give_the_same_store_as_row_by_row(
        pages in proptest::collection::vec(
            (proptest::collection::vec(line(), 0..10), any::<bool>()), 1..8),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("set.sqlite")).unwrap();
        let oracle_path = dir.path().join("rows.sqlite");
        drop(Store::open(&oracle_path).unwrap());
        let oracle = rusqlite::Connection::open(&oracle_path).unwrap();
        let (connection, account) = (connection(), account());
        let (mut got, mut want) = (SyncReport::default(), SyncReport::default());
        for (i, (lines, as_pages)) in pages.iter().enumerate() {
            let now = DateTime::from_timestamp(1_700_100_000 + 100 * i as i64, 0).unwrap();
            let report = if *as_pages {
                let group = Pages {
                    connection: &connection,
                    account: &account,
                    lines,
                    progress: Progress { from: None, pages_done: i + 1, started_at: 0 },
                    last: false,
                };
                store.apply_pages(&group, now).unwrap()
            } else {
                let batch = SyncBatch {
                    synced: vec![ConnectionSync {
                        connection: connection.clone(),
                        accounts: vec![account.clone()],
                        transactions: lines.clone(),
                    }],
                    skipped: Vec::new(),
                };
                store.apply(&batch, now).unwrap()
            };
            got.new_transactions += report.new_transactions;
            got.updated_transactions += report.updated_transactions;
            got.newly_booked += report.newly_booked;
            row_by_row(&oracle, lines, now.timestamp(), &mut want);
        }
        drop(store);
        let set = rusqlite::Connection::open(dir.path().join("set.sqlite")).unwrap();
        prop_assert_eq!(rows(&set, TRANSACTIONS), rows(&oracle, TRANSACTIONS));
        prop_assert_eq!(rows(&set, CHANGES), rows(&oracle, CHANGES));
        prop_assert_eq!(
            (got.new_transactions, got.updated_transactions, got.newly_booked),
            (want.new_transactions, want.updated_transactions, want.newly_booked)
        );
        // The text index follows the rows (it errs when they disagree).
        set.execute_batch(
            "INSERT INTO transactions_text (transactions_text) VALUES ('integrity-check')",
        )
        .unwrap();
    }
}
