//! Which transactions a `GET /rest/transactions` asks for ([`Selection`]) and which page of
//! them ([`Page`]), in the world's terms: parsed, checked values (the routes parse the query
//! string into these).
//!
//! Choices where finx-api.md is silent (§9.5, §9.7): the order is by `booked_at`, ties broken
//! by `transaction_id` (byte order); `sort=desc` (the default) is exactly the reverse of
//! `asc`. Pending transactions (`booked_at` null) count as newer than every booked one (first
//! in `desc`, last in `asc`, by their bank date then id among themselves). `since` is inclusive
//! for a time; a transaction id as `since` means "the booked ones after it" in that order,
//! whatever `since_type`. `until` is inclusive. With `include_pending`, every pending
//! transaction of the selected accounts is returned whatever `since` and `until` say (the
//! complete set, [PY-finX]); without it (the default, as in python-figo) none is.

use std::collections::BTreeSet;

use chrono::{DateTime, Utc};

use super::records::TransactionRecord;

/// The default and largest page size (`count`).
pub const MAX_COUNT: usize = 1000;

/// `sort`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    Ascending,
    #[default]
    Descending,
}

/// `since_type`: which timestamp `since` and `until` bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SinceType {
    #[default]
    Booked,
    Created,
    Modified,
}

/// `since`: a time, or a transaction id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Since {
    At(DateTime<Utc>),
    AfterTransaction(String),
}

/// Everything that decides which transactions, in which order (not the page).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Selection {
    /// `None`: every account of the access.
    pub accounts: Option<BTreeSet<String>>,
    pub sort: SortOrder,
    pub since: Option<Since>,
    pub since_type: SinceType,
    pub until: Option<DateTime<Utc>>,
    pub include_pending: bool,
}

/// `offset` and `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Page {
    pub offset: usize,
    pub count: usize,
}

impl Default for Page {
    fn default() -> Self {
        Self {
            offset: 0,
            count: MAX_COUNT,
        }
    }
}

/// Why a selection cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryRefusal {
    /// An account id in `accounts` that the access does not have.
    UnknownAccount(String),
    /// A transaction id in `since` that the access does not have.
    UnknownSince(String),
}

/// The ascending sort key: booked before pending, then bank date, then id.
pub fn sort_key(tx: &TransactionRecord) -> (bool, chrono::NaiveDate, &str) {
    (!tx.booked, tx.date, tx.transaction_id.as_str())
}

impl Selection {
    /// The timestamp `since_type` bounds, for a booked transaction.
    fn bounded_time(&self, tx: &TransactionRecord) -> DateTime<Utc> {
        match self.since_type {
            SinceType::Booked => tx.booked_at().unwrap_or(tx.created_at),
            SinceType::Created => tx.created_at,
            SinceType::Modified => tx.modified_at,
        }
    }

    /// Whether `tx` is selected; `after` is the sort key of a `since` transaction, if any.
    pub fn keeps(
        &self,
        tx: &TransactionRecord,
        after: Option<(bool, chrono::NaiveDate, &str)>,
    ) -> bool {
        if let Some(accounts) = &self.accounts
            && !accounts.contains(&tx.account_id)
        {
            return false;
        }
        if !tx.booked {
            return self.include_pending;
        }
        let time = self.bounded_time(tx);
        let since_ok = match (&self.since, after) {
            (Some(Since::At(since)), _) => time >= *since,
            (Some(Since::AfterTransaction(_)), Some(key)) => sort_key(tx) > key,
            _ => true,
        };
        since_ok && self.until.is_none_or(|until| time <= until)
    }
}
