//! Domain values for store, export and sync tests: a bank with a checking account (EUR) and a
//! savings account (CHF), and transactions built in one line.

use chrono::{DateTime, NaiveDate, Utc};
use coffre::domain::{
    Account, AccountId, AccountKind, AccountState, Booking, Connection, ConnectionId,
    ConnectionState, Money, Transaction, TransactionId,
};
use coffre::store::{ConnectionSync, SyncBatch};
use rust_decimal::Decimal;

pub fn at(epoch: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(epoch, 0).unwrap()
}

pub fn day(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

pub fn money(amount: &str, currency: &str) -> Money {
    Money::new(amount.parse::<Decimal>().unwrap(), currency)
}

pub fn connection(id: &str, name: &str) -> Connection {
    Connection {
        id: ConnectionId::oxlin(id),
        provider_id: Some("87".into()),
        name: name.into(),
        state: ConnectionState::Ok,
        channels: Vec::new(),
        last_success: Some(at(1_700_000_000)),
    }
}

pub fn account(id: &str, connection: &str, name: &str, balance: &str, currency: &str) -> Account {
    Account {
        id: AccountId::oxlin(id),
        connection_id: Some(ConnectionId::oxlin(connection)),
        name: name.into(),
        kind: AccountKind::Checking,
        state: AccountState::Active,
        iban: Some("FR7630001007941234567890185".into()),
        balance: Some(money(balance, currency)),
        balance_date: Some(at(1_700_000_000)),
        owner: Some("Claire Dupont".into()),
    }
}

pub fn transaction(id: &str, account: &str, date: &str, amount: &str, label: &str) -> Transaction {
    Transaction {
        id: TransactionId::oxlin(id),
        account_id: AccountId::oxlin(account),
        amount: money(amount, "EUR"),
        date: Some(day(date)),
        value_date: None,
        booking_date: None,
        imported_at: Some(at(1_700_000_000)),
        booking: Booking::Booked,
        label: label.into(),
        notes: None,
        category: Some("UNCATEGORIZED".into()),
        kind: Some("DEBIT".into()),
    }
}

pub fn pending(mut t: Transaction) -> Transaction {
    t.booking = Booking::Pending;
    t
}

/// One bank, two accounts, four transactions (one pending).
pub fn bank_batch() -> SyncBatch {
    let mut savings = account("a2", "c1", "Livret A", "1500.00", "CHF");
    savings.kind = AccountKind::Savings;
    SyncBatch {
        synced: vec![ConnectionSync {
            connection: connection("c1", "Linxo Test Bank"),
            accounts: vec![
                account("a1", "c1", "Compte courant", "1234.56", "EUR"),
                savings,
            ],
            transactions: vec![
                transaction("t1", "a1", "2024-01-05", "-12.30", "CARTE BOULANGERIE"),
                transaction("t2", "a1", "2024-01-07", "2500.00", "VIREMENT SALAIRE"),
                pending(transaction(
                    "t3",
                    "a1",
                    "2024-01-09",
                    "-79.99",
                    "PRLV SEPA EDF",
                )),
                transaction("t4", "a2", "2024-01-08", "100.00", "=HYPERLINK(\"x\")"),
            ],
        }],
        skipped: Vec::new(),
    }
}
