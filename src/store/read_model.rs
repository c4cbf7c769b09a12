//! What the store hands out: domain values, wrapped only where the store knows more.
//!
//! - [`AccountSummary`] and [`ConnectionSummary`] each CONTAIN the domain value as last synced,
//!   plus what only the store knows (when it was synced, the connection's next action as of that
//!   sync, how many of its accounts wait for consent);
//! - [`DashboardData`]: what the dashboard shows first, as the loader ([`super::dashboard`])
//!   reads it (its transactions are read a window at a time: `store::window`);
//! - [`Transactions`] / [`TxRef`]: the compact transaction rows of a window ([`rows`]), built
//!   from `domain::Transaction`s or straight from SQLite;
//! - [`history`]: the weekly balance points of an account's sparkline;
//! - [`charts`]: the daily balances and monthly spending of the charts view.
//!
//! Docs gap (ours): the API has no "stale" notion; an account whose last successful sync is
//! older than [`STALE_AFTER_HOURS`] is stale.

pub mod charts;
pub mod history;
mod intern;
pub mod rows;
mod summaries;
mod tx_ref;

use rust_decimal::Decimal;

pub use rows::{Transactions, TxRef};
pub(crate) use summaries::{
    ACCOUNT_COLUMNS, CONNECTION_COLUMNS, CONNECTION_FROM, TRANSACTION_COLUMNS, account_row,
    connection_row, id, transaction_row,
};
pub use summaries::{AccountGroup, AccountSummary, ConnectionSummary, SyncState};

/// An account not synced for this long gets a "stale" badge.
pub const STALE_AFTER_HOURS: i64 = 24;

/// What the dashboard shows first, as loaded from the store (the transactions view then reads
/// its rows a window at a time).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DashboardData {
    /// The bank connections, in display order.
    pub connections: Vec<ConnectionSummary>,
    /// Every account, each pointing at its connection.
    pub accounts: Vec<AccountSummary>,
    /// Each account's weekly balances (same order as `accounts`), oldest first; empty when its
    /// balance is unknown ([`history`], read by `store::dashboard::account_histories`).
    pub histories: Vec<Vec<Decimal>>,
}
