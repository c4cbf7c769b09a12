//! Where an export's transactions come from, read again for each pass a format needs, one
//! transaction at a time, so that an export's memory does not grow with the store:
//!
//! - [`super::ExportData`]: transactions already in memory (tests, a handful of rows);
//! - [`StoredRows`]: `coffre export` and the accounts view's export — one account or all, from a
//!   day on, oldest first (`ORDER BY date, id`), streamed from one SQLite statement;
//! - [`QueryRows`]: the transactions view's export — the rows of its query (search, filters,
//!   sort) in its order, read a window at a time (`Store::tx_window`), each window's rows then
//!   read whole by id (the window's compact rows do not keep a bank's own booking word).
//!
//! A pass over one account ([`ExportSource::each`] with `Some(account)`) reads only that
//! account's rows, in the same relative order as a pass over all.
//!
//! A pass reads the whole table once; the store's connections do not map the file
//! (`src/store.rs`), so its pages pass through SQLite's cache instead of all staying counted
//! in the process's resident memory (1 GB at a million rows).
//!
//! Docs gap (ours): the store may change between two passes of one export (a sync running
//! beside it); each pass reads what is there when it starts. A sync holds the store's lock
//! while it writes, and an export takes seconds, so this only matters at a million rows.

use std::io;

use chrono::NaiveDate;
use rusqlite::ToSql;

use crate::domain::{Account, AccountId, Transaction};
use crate::store::read_model::{TRANSACTION_COLUMNS, transaction_row};
use crate::store::window::{Anchor, TxQuery};
use crate::store::{Store, StoreError};

/// What a pass calls for each transaction (an error stops the pass).
pub type Visit<'f> = dyn FnMut(&Transaction) -> io::Result<()> + 'f;

/// Accounts, and transactions read one at a time, as often as a writer needs.
pub trait ExportSource {
    /// The exported accounts.
    fn accounts(&self) -> &[Account];

    /// Calls `visit` for each transaction in the export's order (only `account`'s when given).
    fn each(&self, account: Option<&AccountId>, visit: &mut Visit<'_>) -> io::Result<()>;

    /// How many transactions a pass over all visits.
    fn count(&self) -> io::Result<usize> {
        let mut n = 0;
        self.each(None, &mut |_| {
            n += 1;
            Ok(())
        })?;
        Ok(n)
    }

    /// The account of a transaction, if exported.
    fn account(&self, id: &AccountId) -> Option<&Account> {
        self.accounts().iter().find(|a| a.id == *id)
    }
}

impl ExportSource for super::ExportData {
    fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    fn each(&self, account: Option<&AccountId>, visit: &mut Visit<'_>) -> io::Result<()> {
        self.transactions
            .iter()
            .filter(|t| account.is_none_or(|a| t.account_id == *a))
            .try_for_each(visit)
    }
}

/// A store error as the writer's error (the export stops and says why).
fn io_error(e: impl Into<StoreError>) -> io::Error {
    io::Error::other(e.into().to_string())
}

/// The accounts `account` names (all when `None`), as stored.
fn stored_accounts(store: &Store, account: Option<&AccountId>) -> Result<Vec<Account>, StoreError> {
    Ok(store
        .accounts()?
        .into_iter()
        .map(|a| a.account)
        .filter(|a| account.is_none_or(|id| a.id == *id))
        .collect())
}

/// One account's transactions or all, from a day on, oldest first, read from the store.
pub struct StoredRows<'s> {
    store: &'s Store,
    accounts: Vec<Account>,
    account: Option<AccountId>,
    since: Option<NaiveDate>,
}

impl<'s> StoredRows<'s> {
    /// The export of `account` (all when `None`) from `since` on.
    pub fn new(
        store: &'s Store,
        account: Option<AccountId>,
        since: Option<NaiveDate>,
    ) -> Result<Self, StoreError> {
        Ok(StoredRows {
            accounts: stored_accounts(store, account.as_ref())?,
            store,
            account,
            since,
        })
    }
}

impl ExportSource for StoredRows<'_> {
    fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    fn each(&self, account: Option<&AccountId>, visit: &mut Visit<'_>) -> io::Result<()> {
        let (filter, values) = self.filter(account);
        let sql = format!(
            "SELECT {TRANSACTION_COLUMNS} FROM transactions{filter} ORDER BY date ASC, id ASC"
        );
        let mut stmt = self.store.conn.prepare(&sql).map_err(io_error)?;
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let mut rows = stmt.query(params.as_slice()).map_err(io_error)?;
        while let Some(row) = rows.next().map_err(io_error)? {
            visit(&transaction_row(row).map_err(io_error)?)?;
        }
        Ok(())
    }

    fn count(&self) -> io::Result<usize> {
        let (filter, values) = self.filter(None);
        let sql = format!("SELECT count(*) FROM transactions{filter}");
        let params: Vec<&dyn ToSql> = values.iter().map(|v| v.as_ref()).collect();
        let n: i64 = self
            .store
            .conn
            .query_row(&sql, params.as_slice(), |r| r.get(0))
            .map_err(io_error)?;
        Ok(n.max(0) as usize)
    }
}

impl StoredRows<'_> {
    /// The `WHERE` clause of a pass (over `account`'s rows only, when given) and its values.
    fn filter(&self, account: Option<&AccountId>) -> (String, Vec<Box<dyn ToSql>>) {
        let mut clauses = Vec::new();
        let mut values: Vec<Box<dyn ToSql>> = Vec::new();
        for id in [self.account.as_ref(), account].into_iter().flatten() {
            values.push(Box::new(id.key().to_owned()));
            clauses.push(format!("account_id = ?{}", values.len()));
        }
        if let Some(since) = self.since {
            values.push(Box::new(since.to_string()));
            clauses.push(format!("date >= ?{}", values.len()));
        }
        let filter = if clauses.is_empty() {
            String::new()
        } else {
            format!(" WHERE {}", clauses.join(" AND "))
        };
        (filter, values)
    }
}

/// The rows of a transactions view's query, in its order.
pub struct QueryRows<'s> {
    store: &'s Store,
    accounts: Vec<Account>,
    query: TxQuery,
}

/// Rows read per window.
const WINDOW: usize = 2_000;

impl<'s> QueryRows<'s> {
    /// The export of `query`'s rows (its account's, or every account).
    pub fn new(store: &'s Store, query: TxQuery) -> Result<Self, StoreError> {
        let account = match &query.selection.account {
            Some(key) => {
                Some(AccountId::from_key(key).map_err(|e| StoreError::Invalid(e.to_string()))?)
            }
            None => None,
        };
        Ok(QueryRows {
            accounts: stored_accounts(store, account.as_ref())?,
            store,
            query,
        })
    }

    /// Visits `ids` (id keys) in their order, each read whole from the store.
    fn visit_ids(&self, ids: &[String], visit: &mut Visit<'_>) -> io::Result<()> {
        let json = serde_json::to_string(ids).map_err(io::Error::other)?;
        let mut stmt = self
            .store
            .conn
            .prepare_cached(&format!(
                "SELECT {TRANSACTION_COLUMNS} FROM transactions
                 WHERE id IN (SELECT value FROM json_each(?1))"
            ))
            .map_err(io_error)?;
        let mut by_id: std::collections::HashMap<String, Transaction> = stmt
            .query_map([json], transaction_row)
            .map_err(io_error)?
            .map(|t| t.map(|t| (t.id.key().to_owned(), t)))
            .collect::<Result<_, _>>()
            .map_err(io_error)?;
        for id in ids {
            if let Some(t) = by_id.remove(id) {
                visit(&t)?;
            }
        }
        Ok(())
    }
}

impl ExportSource for QueryRows<'_> {
    fn accounts(&self) -> &[Account] {
        &self.accounts
    }

    fn count(&self) -> io::Result<usize> {
        self.store.tx_count(&self.query).map_err(io_error)
    }

    fn each(&self, account: Option<&AccountId>, visit: &mut Visit<'_>) -> io::Result<()> {
        let mut query = self.query.clone();
        if let Some(account) = account {
            match &query.selection.account {
                Some(key) if key != account.key() => return Ok(()),
                _ => query.selection.account = Some(account.key().to_owned()),
            }
        }
        let mut anchor = Anchor::First;
        loop {
            let window = self
                .store
                .tx_window(&query, &anchor, WINDOW)
                .map_err(io_error)?;
            let ids: Vec<String> = (0..window.rows.len() as u32)
                .map(|i| window.rows.get(i).id.to_owned())
                .collect();
            self.visit_ids(&ids, visit)?;
            match window.cursors.last() {
                Some(last) if ids.len() == WINDOW => anchor = Anchor::After(last.clone()),
                _ => return Ok(()),
            }
        }
    }
}
