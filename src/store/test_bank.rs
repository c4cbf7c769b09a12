//! The one bank the store's own tests write: connection `c1` "Banque", checking accounts of
//! it, booked lines holding only what a story sets, and one sync of them all. A story changes
//! what it cares about with struct update syntax (`Transaction { notes, ..line(…) }`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, Transaction, TransactionId,
};
use crate::store::{ConnectionSync, SyncBatch};

/// The bank: connection `c1`, named "Banque", in good health.
pub fn bank() -> Connection {
    Connection {
        id: ConnectionId::oxlin("c1"),
        provider_id: None,
        name: "Banque".into(),
        state: ConnectionState::Ok,
        channels: Vec::new(),
        last_success: None,
    }
}

/// The bank's checking account `key`, named `name`, active, without IBAN or balance.
pub fn account(key: &str, name: &str) -> Account {
    Account {
        id: AccountId::oxlin(key),
        connection_id: Some(ConnectionId::oxlin("c1")),
        name: name.into(),
        kind: AccountKind::Checking,
        state: AccountState::Active,
        iban: None,
        balance: None,
        balance_date: None,
        owner: None,
    }
}

/// A booked line `id` of account `account`: `amount` euros on `date` (booked that day),
/// labelled `label`, without notes, category or kind.
pub fn line(
    id: &str,
    account: &str,
    amount: Decimal,
    date: Option<NaiveDate>,
    label: &str,
) -> Transaction {
    Transaction {
        id: TransactionId::oxlin(id),
        account_id: AccountId::oxlin(account),
        amount: Money::new(amount, "EUR"),
        date,
        value_date: None,
        booking_date: date,
        imported_at: None,
        booking: Booking::Booked,
        label: label.into(),
        notes: None,
        category: None,
        kind: None,
    }
}

/// One sync of the bank holding `accounts` and their `transactions`.
pub fn sync_of(accounts: Vec<Account>, transactions: Vec<Transaction>) -> SyncBatch {
    SyncBatch {
        synced: vec![ConnectionSync {
            connection: bank(),
            accounts,
            transactions,
        }],
        skipped: Vec::new(),
    }
}
