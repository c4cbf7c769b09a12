//! Reading the store: what the dashboard and the exports need, without any network.
//!
//! - [`Store::accounts_by_connection`]: accounts grouped by connection (bank), by name;
//! - [`Store::totals_by_currency`]: the sum of the balances of the accounts not archived, per
//!   currency (coffre never converts currencies);
//! - [`Store::transactions`] / [`Store::transaction_count`]: one account's or all transactions,
//!   newest first (or oldest first for exports), filtered by date and by a text search over
//!   label and notes (the trigram index from 3 characters on, a `LIKE` scan below), one
//!   screenful at a time (`LIMIT`/`OFFSET` on the `(date, id)` index);
//! - [`Store::booking_changes`], [`Store::sync_states`], [`Store::last_import`] (where the next
//!   sync of an account starts reading: `Store::reread_from`, in [`super::pages`]).
//!
//! Choice of ours: the trigram index folds case for every letter, `LIKE` for ASCII only; a
//! screenful answered from the newest rows (see [`Store::transactions`]) therefore misses a
//! match that differs from the search only by the case of an accented letter.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rusqlite::ToSql;
use rust_decimal::Decimal;

use super::read_model::{
    ACCOUNT_COLUMNS, AccountGroup, AccountSummary, CONNECTION_COLUMNS, CONNECTION_FROM,
    ConnectionSummary, SyncState, TRANSACTION_COLUMNS, account_row, connection_row, id,
    transaction_row,
};
use super::{Store, StoreError};
use crate::domain::{AccountId, Booking, ConnectionId, Transaction, TransactionId};

/// Which transactions to read.
#[derive(Debug, Clone, Default)]
pub struct TransactionQuery {
    /// Only this account's.
    pub account_id: Option<AccountId>,
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
    /// The search text, when there is one.
    fn search_text(&self) -> Option<&str> {
        self.search.as_deref().filter(|s| !s.is_empty())
    }

    /// The `WHERE` clause and its parameters, searching as `search` says.
    fn filter(&self, search: Search) -> (String, Vec<Box<dyn ToSql>>) {
        let mut clauses = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        if let Some(account) = &self.account_id {
            values.push(Box::new(account.key().to_owned()));
            clauses.push(format!("account_id = ?{}", values.len()));
        }
        if let Some(since) = self.since {
            values.push(Box::new(since.to_string()));
            clauses.push(format!("date >= ?{}", values.len()));
        }
        let text = self.search_text().filter(|_| search != Search::Skip);
        let indexed = |s: &&str| s.chars().count() >= TRIGRAM && search == Search::Best;
        if let Some(search) = text.filter(indexed) {
            // The trigram index finds substrings of 3 characters or more, case-insensitively.
            values.push(Box::new(format!("\"{}\"", search.replace('"', "\"\""))));
            clauses.push(format!(
                "seq IN (SELECT rowid FROM transactions_text WHERE transactions_text MATCH ?{})",
                values.len()
            ));
        } else if let Some(search) = text {
            values.push(Box::new(like_pattern(search)));
            clauses.push(like_clause(values.len()));
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

/// How a query's search text is applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Search {
    /// The trigram index when the text is long enough, else a `LIKE` scan.
    Best,
    /// Not at all (the caller applies it).
    Skip,
}

/// `%text%` with the `LIKE` wildcards of `text` escaped.
fn like_pattern(text: &str) -> String {
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// Label or notes `LIKE` parameter `n`.
fn like_clause(n: usize) -> String {
    format!("(label LIKE ?{n} ESCAPE '\\' OR notes LIKE ?{n} ESCAPE '\\')")
}

/// How many of the newest rows a search scans before it asks the trigram index.
const RECENT_WINDOW: usize = 20_000;

impl Store {
    /// Every connection, by name.
    pub fn connections(&self) -> Result<Vec<ConnectionSummary>, StoreError> {
        let sql =
            format!("SELECT {CONNECTION_COLUMNS} FROM {CONNECTION_FROM} ORDER BY c.name, c.id");
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt.query_map([], connection_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// Every account, by name.
    pub fn accounts(&self) -> Result<Vec<AccountSummary>, StoreError> {
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
                .partition(|a| a.connection_id() == Some(connection.id()));
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
            if account.archived() {
                continue;
            }
            if let Some(balance) = account.account.balance {
                *totals.entry(balance.currency).or_insert(Decimal::ZERO) += balance.amount;
            }
        }
        Ok(totals)
    }

    /// The transactions `query` selects, sorted by date then id.
    ///
    /// A search for a common word is answered from the newest [`RECENT_WINDOW`] rows when they
    /// hold the whole screenful (a short scan beats listing every match from the index); a rare
    /// word falls through to the trigram index.
    pub fn transactions(&self, query: &TransactionQuery) -> Result<Vec<Transaction>, StoreError> {
        if let (Some(limit), Some(text), false) =
            (query.limit, query.search_text(), query.oldest_first)
        {
            let wanted = limit + query.offset;
            if wanted <= RECENT_WINDOW {
                let (inner, mut values) = query.filter(Search::Skip);
                values.push(Box::new(like_pattern(text)));
                let outer = like_clause(values.len());
                values.push(Box::new(limit as i64));
                values.push(Box::new(query.offset as i64));
                let n = values.len();
                let sql = format!(
                    "SELECT {TRANSACTION_COLUMNS} FROM (SELECT * FROM transactions{inner}
                       ORDER BY date DESC, id DESC LIMIT {RECENT_WINDOW}) WHERE {outer}
                     ORDER BY date DESC, id DESC LIMIT ?{} OFFSET ?{n}",
                    n - 1
                );
                let rows = self.query_transactions(&sql, &values)?;
                if rows.len() == limit {
                    return Ok(rows);
                }
            }
        }
        let (filter, mut values) = query.filter(Search::Best);
        let order = if query.oldest_first { "ASC" } else { "DESC" };
        values.push(Box::new(query.limit.map_or(-1, |l| l as i64)));
        values.push(Box::new(query.offset as i64));
        let n = values.len();
        let sql = format!(
            "SELECT {TRANSACTION_COLUMNS} FROM transactions{filter}
             ORDER BY date {order}, id {order} LIMIT ?{} OFFSET ?{n}",
            n - 1
        );
        self.query_transactions(&sql, &values)
    }

    fn query_transactions(
        &self,
        sql: &str,
        values: &[Box<dyn ToSql>],
    ) -> Result<Vec<Transaction>, StoreError> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let rows = stmt.query_map(params.as_slice(), transaction_row)?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// How many transactions `query` selects (ignoring offset and limit).
    pub fn transaction_count(&self, query: &TransactionQuery) -> Result<usize, StoreError> {
        let (filter, values) = query.filter(Search::Best);
        let sql = format!("SELECT COUNT(*) FROM transactions{filter}");
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let count: i64 = self
            .conn
            .prepare_cached(&sql)?
            .query_row(params.as_slice(), |r| r.get(0))?;
        Ok(count.max(0) as usize)
    }

    /// The status changes of one transaction, oldest first: `(old, new, when)`.
    pub fn booking_changes(
        &self,
        id: &TransactionId,
    ) -> Result<Vec<(Booking, Booking, i64)>, StoreError> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT old, new, changed_at FROM booking_changes WHERE transaction_id = ?1
             ORDER BY changed_at, rowid",
        )?;
        let rows = stmt.query_map([id.key()], |r| {
            let code = |i: usize| r.get::<_, String>(i).map(|c| Booking::from_code(&c));
            Ok((code(0)?, code(1)?, r.get(2)?))
        })?;
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
                connection_id: id(r, 0, ConnectionId::from_key)?,
                last_attempt: r.get(1)?,
                last_success: r.get(2)?,
                outcome: SyncState::outcome_from_code(&r.get::<_, String>(3)?),
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The latest import instant (epoch seconds) stored for an account: where the next
    /// incremental sync of it starts.
    pub fn last_import(&self, account_id: &AccountId) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT MAX(imported_at) FROM transactions WHERE account_id = ?1")?
            .query_row([account_id.key()], |r| r.get(0))?)
    }
}

impl Store {
    /// How many of `transactions` are not stored yet.
    pub fn count_new(&self, transactions: &[Transaction]) -> Result<usize, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM transactions WHERE id = ?1")?;
        let mut new = 0;
        for t in transactions {
            if !stmt.exists([t.id.key()])? {
                new += 1;
            }
        }
        Ok(new)
    }
}
