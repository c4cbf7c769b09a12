//! The rows the store hands out ([`StoredConnection`], [`StoredAccount`], [`StoredTransaction`],
//! [`AccountGroup`], [`SyncState`]) and how they are read from SQL rows. A stored decimal or
//! date that cannot be read (a file edited by hand) is an error naming the column.

use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::Row;
use rusqlite::types::Type;
use rust_decimal::Decimal;

/// A connection as last synced.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredConnection {
    pub id: String,
    pub provider_id: Option<String>,
    pub name: String,
    pub state: String,
    /// What the user must do, in words (`none` when nothing).
    pub next_action: String,
    pub last_success: Option<i64>,
    pub synced_at: i64,
}

/// An account as last synced.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredAccount {
    pub id: String,
    pub connection_id: Option<String>,
    pub name: String,
    pub kind: String,
    pub state: String,
    pub iban: Option<String>,
    pub balance: Option<Decimal>,
    pub currency: Option<String>,
    pub balance_date: Option<i64>,
    pub owner: Option<String>,
    pub synced_at: i64,
}

/// A stored transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredTransaction {
    pub id: String,
    pub account_id: String,
    pub amount: Decimal,
    pub currency: String,
    /// The day it is filed under (operation date, else booking, value or import date).
    pub date: NaiveDate,
    pub value_date: Option<NaiveDate>,
    pub booking_date: Option<NaiveDate>,
    pub imported_at: Option<i64>,
    /// `BOOKED`, `PENDING` or the bank's other status.
    pub booking: String,
    pub label: String,
    pub notes: Option<String>,
    pub category: Option<String>,
    pub kind: Option<String>,
}

impl StoredTransaction {
    pub fn is_pending(&self) -> bool {
        self.booking == "PENDING"
    }
}

/// The accounts of one connection (`connection` is `None` for accounts of unknown connection).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountGroup {
    pub connection: Option<StoredConnection>,
    pub accounts: Vec<StoredAccount>,
}

/// The outcome of the last sync of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub connection_id: String,
    pub last_attempt: i64,
    pub last_success: Option<i64>,
    /// `ok`, or what the user must do.
    pub outcome: String,
}

fn bad(column: usize, reason: String) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(column, Type::Text, reason.into())
}

fn decimal(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<Decimal>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| Decimal::from_str(&t).map_err(|e| bad(column, format!("amount `{t}`: {e}"))))
        .transpose()
}

fn date(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = row.get(column)?;
    text.map(|t| NaiveDate::from_str(&t).map_err(|e| bad(column, format!("date `{t}`: {e}"))))
        .transpose()
}

pub(super) const CONNECTION_COLUMNS: &str =
    "id, provider_id, name, state, next_action, last_success, synced_at";
pub(super) const ACCOUNT_COLUMNS: &str = "id, connection_id, name, kind, state, iban, balance, currency, \
     balance_date, owner, synced_at";
pub(super) const TRANSACTION_COLUMNS: &str = "id, account_id, amount, currency, date, value_date, \
     booking_date, imported_at, booking, label, notes, category, kind";

pub(super) fn connection_row(r: &Row<'_>) -> rusqlite::Result<StoredConnection> {
    Ok(StoredConnection {
        id: r.get(0)?,
        provider_id: r.get(1)?,
        name: r.get(2)?,
        state: r.get(3)?,
        next_action: r.get(4)?,
        last_success: r.get(5)?,
        synced_at: r.get(6)?,
    })
}

pub(super) fn account_row(r: &Row<'_>) -> rusqlite::Result<StoredAccount> {
    Ok(StoredAccount {
        id: r.get(0)?,
        connection_id: r.get(1)?,
        name: r.get(2)?,
        kind: r.get(3)?,
        state: r.get(4)?,
        iban: r.get(5)?,
        balance: decimal(r, 6)?,
        currency: r.get(7)?,
        balance_date: r.get(8)?,
        owner: r.get(9)?,
        synced_at: r.get(10)?,
    })
}

pub(super) fn transaction_row(r: &Row<'_>) -> rusqlite::Result<StoredTransaction> {
    Ok(StoredTransaction {
        id: r.get(0)?,
        account_id: r.get(1)?,
        amount: decimal(r, 2)?.unwrap_or_default(),
        currency: r.get(3)?,
        date: date(r, 4)?.unwrap_or_default(),
        value_date: date(r, 5)?,
        booking_date: date(r, 6)?,
        imported_at: r.get(7)?,
        booking: r.get(8)?,
        label: r.get(9)?,
        notes: r.get(10)?,
        category: r.get(11)?,
        kind: r.get(12)?,
    })
}
