//! A synthetic bank for the benchmarks: one connection with five accounts and as many
//! transactions as asked, spread over ten years, written to a store in syncs of 100,000 rows
//! (as `coffre sync` writes them). Deterministic: the same size gives the same rows.
//!
//! Every 50th transaction is pending, every 20th has notes, and one in 10,000 carries the rare
//! word `LIBRAIRIE RARE` for search benchmarks.

use chrono::{DateTime, NaiveDate, TimeDelta};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, Transaction, TransactionId,
};
use coffre::store::{ConnectionSync, Store, StoreError, SyncBatch};
use rust_decimal::Decimal;

/// Rows written per sync.
pub const SYNC_ROWS: usize = 100_000;

const LABELS: &[&str] = &[
    "CARTE BOULANGERIE DU COIN",
    "PRLV SEPA EDF",
    "VIREMENT SALAIRE ACME",
    "CARTE SUPERMARCHE",
    "RETRAIT DAB",
    "CARTE PHARMACIE",
    "PRLV SEPA FREE MOBILE",
    "CARTE SNCF",
];

/// The bench bank's one connection.
pub fn connection() -> Connection {
    Connection {
        id: ConnectionId::oxlin("conn1"),
        provider_id: Some("87".into()),
        name: "Bench Bank".into(),
        state: ConnectionState::Ok,
        channels: Vec::new(),
        last_success: None,
    }
}

fn account(id: usize) -> Account {
    Account {
        id: AccountId::oxlin(&format!("acc{id}")),
        connection_id: Some(ConnectionId::oxlin("conn1")),
        name: format!("Compte {id}"),
        kind: AccountKind::Checking,
        state: AccountState::Active,
        iban: Some(format!("FR76300010079412345678901{id}")),
        balance: Some(Money::new(Decimal::new(123_456, 2), "EUR")),
        balance_date: None,
        owner: None,
    }
}

/// The bench bank's five accounts.
#[allow(dead_code)] // not every bench that includes this file writes pages
pub fn accounts() -> Vec<Account> {
    (0..5).map(account).collect()
}

/// Every transaction of a bank of `rows` transactions.
#[allow(dead_code)] // not every bench that includes this file writes pages
pub fn transactions(rows: usize) -> Vec<Transaction> {
    (0..rows).map(|n| transaction(n, rows)).collect()
}

/// Transaction `n` of a bank of `rows` transactions.
fn transaction(n: usize, rows: usize) -> Transaction {
    let start = NaiveDate::from_ymd_opt(2015, 1, 1).unwrap_or_default();
    let date = start + TimeDelta::days((n * 3_650 / rows.max(1)) as i64);
    let label = if n % 10_000 == 7 {
        format!("CARTE LIBRAIRIE RARE {n}")
    } else {
        format!("{} {}", LABELS[n % LABELS.len()], n % 997)
    };
    Transaction {
        id: TransactionId::oxlin(&format!("tx{n:08}")),
        account_id: AccountId::oxlin(&format!("acc{}", n % 5)),
        amount: Money::new(Decimal::new(-((n % 50_000) as i64) + 20_000, 2), "EUR"),
        date: Some(date),
        value_date: Some(date),
        booking_date: Some(date),
        imported_at: DateTime::from_timestamp(1_500_000_000 + n as i64, 0),
        booking: if n.is_multiple_of(50) {
            Booking::Pending
        } else {
            Booking::Booked
        },
        label,
        notes: n.is_multiple_of(20).then(|| format!("Réf. {n}")),
        category: Some(["Food", "Energy", "Salary", "Travel"][n % 4].into()),
        kind: Some("CARD".into()),
    }
}

/// Writes a bank of `rows` transactions into `store`, in syncs of [`SYNC_ROWS`].
pub fn fill(store: &mut Store, rows: usize) -> Result<(), StoreError> {
    let now = DateTime::from_timestamp(1_700_000_000, 0).unwrap_or_default();
    for start in (0..rows).step_by(SYNC_ROWS) {
        let batch = SyncBatch {
            synced: vec![ConnectionSync {
                connection: connection(),
                accounts: (0..5).map(account).collect(),
                transactions: (start..(start + SYNC_ROWS).min(rows))
                    .map(|n| transaction(n, rows))
                    .collect(),
            }],
            skipped: Vec::new(),
        };
        store.apply(&batch, now)?;
    }
    Ok(())
}
