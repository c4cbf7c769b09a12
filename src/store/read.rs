//! Reading the store: what the dashboard and the exports need, without any network.
//!
//! - [`Store::accounts_by_connection`]: accounts grouped by connection (bank), by name;
//! - [`Store::totals_by_currency`]: the sum of the balances of the accounts not archived, per
//!   currency (coffre never converts currencies);
//! - [`Store::transactions`] / [`Store::transaction_count`]: one account's or all transactions,
//!   newest first (or oldest first for exports), filtered by date and by a text search over
//!   label and notes (the trigram index from 3 characters on, a `LIKE` scan below), one
//!   screenful at a time (`LIMIT`/`OFFSET` on the `(date, id)` index);
//! - [`Store::booking_changes`], [`Store::sync_states`], [`Store::last_import`].
//!
//! Rows whose stored decimal or date cannot be read (a file edited by hand) come back as an
//! error naming the column, never a panic.

use std::collections::BTreeMap;
use std::str::FromStr;

use chrono::NaiveDate;
use rusqlite::types::Type;
use rusqlite::{Row, ToSql};
use rust_decimal::Decimal;

use super::{Store, StoreError};

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

/// Which transactions to read.
#[derive(Debug, Clone, Default)]
pub struct TransactionQuery {
    pub account_id: Option<String>,
    /// On or after this day.
    pub since: Option<NaiveDate>,
    /// Text contained in the label or the notes (case-insensitive).
    pub search: Option<String>,
    /// Oldest first (exports) instead of newest first (the dashboard).
    pub oldest_first: bool,
    pub offset: usize,
    /// At most this many rows (`None`: all).
    pub limit: Option<usize>,
}

impl TransactionQuery {
    /// The `WHERE` clause and its parameters.
    fn filter(&self) -> (String, Vec<Box<dyn ToSql>>) {
        let mut clauses = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(account) = &self.account_id {
            values.push(Box::new(account.clone()));
            clauses.push(format!("account_id = ?{}", values.len()));
        }
        if let Some(since) = self.since {
            values.push(Box::new(since.to_string()));
            clauses.push(format!("date >= ?{}", values.len()));
        }
        let search = self.search.as_deref().filter(|s| !s.is_empty());
        if let Some(search) = search.filter(|s| s.chars().count() >= TRIGRAM) {
            // The trigram index finds substrings of 3 characters or more, case-insensitively.
            values.push(Box::new(format!("\"{}\"", search.replace('"', "\"\""))));
            clauses.push(format!(
                "seq IN (SELECT rowid FROM transactions_text WHERE transactions_text MATCH ?{})",
                values.len()
            ));
        } else if let Some(search) = search {
            let escaped = search
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            values.push(Box::new(format!("%{escaped}%")));
            let n = values.len();
            clauses.push(format!(
                "(label LIKE ?{n} ESCAPE '\\' OR notes LIKE ?{n} ESCAPE '\\')"
            ));
        }
        let sql = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        (sql, values)
    }
}

/// Searches at least this long use the trigram index; shorter ones scan with `LIKE`.
const TRIGRAM: usize = 3;

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

const CONNECTION_COLUMNS: &str =
    "id, provider_id, name, state, next_action, last_success, synced_at";
const ACCOUNT_COLUMNS: &str = "id, connection_id, name, kind, state, iban, balance, currency, \
     balance_date, owner, synced_at";
const TRANSACTION_COLUMNS: &str = "id, account_id, amount, currency, date, value_date, \
     booking_date, imported_at, booking, label, notes, category, kind";

fn connection_row(r: &Row<'_>) -> rusqlite::Result<StoredConnection> {
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

fn account_row(r: &Row<'_>) -> rusqlite::Result<StoredAccount> {
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

fn transaction_row(r: &Row<'_>) -> rusqlite::Result<StoredTransaction> {
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

impl Store {
    /// Every connection, by name.
    pub fn connections(&self) -> Result<Vec<StoredConnection>, StoreError> {
        let sql = format!("SELECT {CONNECTION_COLUMNS} FROM connections ORDER BY name, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], connection_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every account, by name.
    pub fn accounts(&self) -> Result<Vec<StoredAccount>, StoreError> {
        let sql = format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY name, id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], account_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Accounts grouped by connection (connections by name; orphans last).
    pub fn accounts_by_connection(&self) -> Result<Vec<AccountGroup>, StoreError> {
        let mut accounts = self.accounts()?;
        let mut groups: Vec<AccountGroup> = Vec::new();
        for connection in self.connections()? {
            let (mine, rest): (Vec<_>, Vec<_>) = accounts
                .into_iter()
                .partition(|a| a.connection_id.as_deref() == Some(&connection.id));
            accounts = rest;
            groups.push(AccountGroup {
                connection: Some(connection),
                accounts: mine,
            });
        }
        if !accounts.is_empty() {
            groups.push(AccountGroup {
                connection: None,
                accounts,
            });
        }
        Ok(groups)
    }

    /// Sum of balances per currency of the accounts not archived.
    pub fn totals_by_currency(&self) -> Result<BTreeMap<String, Decimal>, StoreError> {
        let mut totals = BTreeMap::new();
        for account in self.accounts()? {
            if account.state == "CLOSED" {
                continue;
            }
            if let (Some(balance), Some(currency)) = (account.balance, account.currency) {
                *totals.entry(currency).or_insert(Decimal::ZERO) += balance;
            }
        }
        Ok(totals)
    }

    /// The transactions `query` selects, sorted by date then id.
    pub fn transactions(
        &self,
        query: &TransactionQuery,
    ) -> Result<Vec<StoredTransaction>, StoreError> {
        let (filter, mut values) = query.filter();
        let order = if query.oldest_first { "ASC" } else { "DESC" };
        values.push(Box::new(query.limit.map_or(-1, |l| l as i64)));
        values.push(Box::new(query.offset as i64));
        let n = values.len();
        let sql = format!(
            "SELECT {TRANSACTION_COLUMNS} FROM transactions{filter}
             ORDER BY date {order}, id {order} LIMIT ?{} OFFSET ?{n}",
            n - 1
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let rows = stmt.query_map(params.as_slice(), transaction_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many transactions `query` selects (ignoring offset and limit).
    pub fn transaction_count(&self, query: &TransactionQuery) -> Result<usize, StoreError> {
        let (filter, values) = query.filter();
        let sql = format!("SELECT COUNT(*) FROM transactions{filter}");
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params.as_slice(), |r| r.get(0))?;
        Ok(count.max(0) as usize)
    }

    /// The status changes of one transaction, oldest first: `(old, new, when)`.
    pub fn booking_changes(&self, id: &str) -> Result<Vec<(String, String, i64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT old, new, changed_at FROM booking_changes WHERE transaction_id = ?1
             ORDER BY changed_at, rowid",
        )?;
        let rows = stmt.query_map([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The outcome of the last sync of every connection.
    pub fn sync_states(&self) -> Result<Vec<SyncState>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT connection_id, last_attempt, last_success, outcome FROM sync_state
             ORDER BY connection_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SyncState {
                connection_id: r.get(0)?,
                last_attempt: r.get(1)?,
                last_success: r.get(2)?,
                outcome: r.get(3)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest import instant (epoch seconds) stored for an account: where the next
    /// incremental sync of it starts.
    pub fn last_import(&self, account_id: &str) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT MAX(imported_at) FROM transactions WHERE account_id = ?1")?
            .query_row([account_id], |r| r.get(0))?)
    }
}

impl Store {
    /// How many of `transactions` are not stored yet.
    pub fn count_new(
        &self,
        transactions: &[crate::domain::Transaction],
    ) -> Result<usize, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM transactions WHERE id = ?1")?;
        let mut new = 0;
        for t in transactions {
            if !stmt.exists([&t.id])? {
                new += 1;
            }
        }
        Ok(new)
    }
}
