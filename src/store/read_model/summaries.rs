//! The store's read models of a connection and an account ([`ConnectionSummary`],
//! [`AccountSummary`]: the domain value plus what only the store knows), [`AccountGroup`],
//! [`SyncState`], and how they and `domain::Transaction` are read from SQL rows.
//!
//! A stored decimal or date that cannot be read (a file edited by hand) is an error naming the
//! column; an unknown status code reads back as the enum's `Other` variant (see `domain`).
//! Choices of ours: a stored connection's channels are not kept (its [`NextAction`] as of the
//! last sync is), so a read `Connection` has none; a transaction read back has `date` = the
//! day it is filed under (`Transaction::filing_date`).

use std::str::FromStr;

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::Row;
use rusqlite::types::Type;
use rust_decimal::Decimal;

use crate::domain::{
    Account, AccountId, AccountKind, AccountState, BadIdKey, Booking, Connection, ConnectionId,
    ConnectionState, Money, NextAction, Transaction, TransactionId,
};

/// A connection as last synced.
#[derive(Debug, Clone, PartialEq)]
pub struct ConnectionSummary {
    /// The connection (without channels: the store keeps its next action instead).
    pub connection: Connection,
    /// What the user had to do about it as of the last sync.
    pub next_action: NextAction,
    /// Accounts the bank listed that wait for the user's consent.
    pub accounts_pending_consent: usize,
    /// Our last successful sync of it, else the aggregator's last success.
    pub synced_at: Option<DateTime<Utc>>,
    /// The login the API shows for it, masked (`**ev`), when it shows one.
    pub login: Option<String>,
}

impl ConnectionSummary {
    /// The connection's id.
    pub fn id(&self) -> &ConnectionId {
        &self.connection.id
    }

    /// The bank's name.
    pub fn bank(&self) -> &str {
        &self.connection.name
    }

    /// Closed on the aggregator's side.
    pub fn is_closed(&self) -> bool {
        self.connection.state == ConnectionState::Closed
    }
}

/// An account as last synced.
#[derive(Debug, Clone, PartialEq)]
pub struct AccountSummary {
    /// The account.
    pub account: Account,
    /// When the store last wrote it (the last successful sync of it).
    pub synced_at: Option<DateTime<Utc>>,
}

impl AccountSummary {
    /// The account's id.
    pub fn id(&self) -> &AccountId {
        &self.account.id
    }

    /// Its connection's id, when known.
    pub fn connection_id(&self) -> Option<&ConnectionId> {
        self.account.connection_id.as_ref()
    }

    /// The balance's amount, when known.
    pub fn balance(&self) -> Option<Decimal> {
        self.account.balance.as_ref().map(|m| m.amount)
    }

    /// The balance's currency (empty when there is no balance).
    pub fn currency(&self) -> &str {
        self.account.balance.as_ref().map_or("", |m| &m.currency)
    }

    /// The (UTC) day of the balance.
    pub fn balance_day(&self) -> Option<NaiveDate> {
        self.account.balance_date.map(|t| t.date_naive())
    }

    /// Archived by the user (stored closed): hidden from totals.
    pub fn archived(&self) -> bool {
        self.account.state == AccountState::Closed
    }
}

/// The accounts of one connection (`connection` is `None` for accounts of unknown connection).
#[derive(Debug, Clone, PartialEq)]
pub struct AccountGroup {
    pub connection: Option<ConnectionSummary>,
    pub accounts: Vec<AccountSummary>,
}

/// The outcome of the last sync of a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncState {
    pub connection_id: ConnectionId,
    pub last_attempt: i64,
    pub last_success: Option<i64>,
    /// `None` when it synced; otherwise what the user had to do first.
    pub outcome: Option<NextAction>,
}

impl SyncState {
    /// The code the store keeps for an outcome (`ok`, or the action's code).
    pub fn outcome_code(outcome: Option<&NextAction>) -> String {
        outcome.map_or_else(|| "ok".into(), NextAction::code)
    }

    /// The outcome of a stored code.
    pub fn outcome_from_code(code: &str) -> Option<NextAction> {
        (code != "ok").then(|| NextAction::from_code(code))
    }
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

/// An id stored as its key (`oxlin:10003`); a key of no known aggregator is an error naming
/// the column (a file edited by hand).
pub(crate) fn id<T>(
    row: &Row<'_>,
    column: usize,
    from_key: fn(&str) -> Result<T, BadIdKey>,
) -> rusqlite::Result<T> {
    let key: String = row.get(column)?;
    from_key(&key).map_err(|e| bad(column, e.to_string()))
}

fn optional_id<T>(
    row: &Row<'_>,
    column: usize,
    from_key: fn(&str) -> Result<T, BadIdKey>,
) -> rusqlite::Result<Option<T>> {
    let key: Option<String> = row.get(column)?;
    key.map(|k| from_key(&k).map_err(|e| bad(column, e.to_string())))
        .transpose()
}

fn instant(row: &Row<'_>, column: usize) -> rusqlite::Result<Option<DateTime<Utc>>> {
    let epoch: Option<i64> = row.get(column)?;
    Ok(epoch.and_then(|e| DateTime::from_timestamp(e, 0)))
}

pub(crate) const CONNECTION_COLUMNS: &str = "c.id, c.provider_id, c.name, c.state, c.next_action, \
     c.last_success, s.last_success, (SELECT COUNT(*) FROM accounts a WHERE a.connection_id = c.id \
     AND a.state = 'pending_consent'), c.login";
pub(crate) const CONNECTION_FROM: &str =
    "connections c LEFT JOIN sync_state s ON s.connection_id = c.id";
pub(crate) const ACCOUNT_COLUMNS: &str = "id, connection_id, name, kind, state, iban, balance, \
     currency, balance_date, owner, synced_at";
pub(crate) const TRANSACTION_COLUMNS: &str = "id, account_id, amount, currency, date, value_date, \
     booking_date, imported_at, booking, label, notes, category, kind";

pub(crate) fn connection_row(r: &Row<'_>) -> rusqlite::Result<ConnectionSummary> {
    let theirs = instant(r, 5)?;
    let ours = instant(r, 6)?;
    let pending: i64 = r.get(7)?;
    Ok(ConnectionSummary {
        connection: Connection {
            id: id(r, 0, ConnectionId::from_key)?,
            provider_id: r.get(1)?,
            name: r.get(2)?,
            state: ConnectionState::from_code(&r.get::<_, String>(3)?),
            channels: Vec::new(),
            last_success: theirs,
        },
        next_action: NextAction::from_code(&r.get::<_, String>(4)?),
        accounts_pending_consent: pending.max(0) as usize,
        synced_at: ours.or(theirs),
        login: r.get(8)?,
    })
}

pub(crate) fn account_row(r: &Row<'_>) -> rusqlite::Result<AccountSummary> {
    let currency: Option<String> = r.get(7)?;
    Ok(AccountSummary {
        account: Account {
            id: id(r, 0, AccountId::from_key)?,
            connection_id: optional_id(r, 1, ConnectionId::from_key)?,
            name: r.get(2)?,
            kind: AccountKind::from_code(&r.get::<_, String>(3)?),
            state: AccountState::from_code(&r.get::<_, String>(4)?),
            iban: r.get(5)?,
            balance: decimal(r, 6)?.map(|amount| Money::new(amount, currency.unwrap_or_default())),
            balance_date: instant(r, 8)?,
            owner: r.get(9)?,
        },
        synced_at: instant(r, 10)?,
    })
}

pub(crate) fn transaction_row(r: &Row<'_>) -> rusqlite::Result<Transaction> {
    Ok(Transaction {
        id: id(r, 0, TransactionId::from_key)?,
        account_id: id(r, 1, AccountId::from_key)?,
        amount: Money::new(decimal(r, 2)?.unwrap_or_default(), r.get::<_, String>(3)?),
        date: date(r, 4)?,
        value_date: date(r, 5)?,
        booking_date: date(r, 6)?,
        imported_at: instant(r, 7)?,
        booking: Booking::from_code(&r.get::<_, String>(8)?),
        label: r.get(9)?,
        notes: r.get(10)?,
        category: r.get(11)?,
        kind: r.get(12)?,
    })
}
