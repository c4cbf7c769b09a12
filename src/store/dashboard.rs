//! The dashboard's loader: everything [`DashboardData`] holds, read from the store, no network.
//!
//! Two stages, so the first frame never waits for a million rows:
//! - [`load_dashboard_summary`]: connections, accounts (balances, statuses, needed actions,
//!   sync times) and each account's weekly balance history for its sparkline — a few small
//!   queries (the histories read only the last [`WEEKS`] weeks of each account through the
//!   `(account_id, date)` index);
//! - [`load_transactions`]: every transaction, read in one table scan straight into the
//!   dashboard's compact rows (text borrowed from SQLite, never a `String` per cell).
//!
//! [`load_dashboard`] does both (the signature the runner calls).
//!
//! Docs gaps, our choices (as the runner's stand-in loader chose): a connection's status comes
//! from its stored next action (refused credentials → AUTH_FAILED, an action at the bank →
//! action required, state `CLOSED` → closed); "renew the authorisation before DAY" gives the
//! credentials' expiry (DAY at 00:00 UTC); accounts waiting for consent are counted on their
//! connection, not listed; an account stored `CLOSED` is archived; a connection's "synced at" is
//! our last successful sync of it (`sync_state`), else the API's last success.

mod summary;
mod transactions;

use chrono::{DateTime, Utc};

use super::{Store, StoreError};
use crate::screens::dashboard::DashboardData;
use crate::screens::dashboard::history::WEEKS;
pub use summary::load_dashboard_summary;
pub use transactions::load_transactions;

/// Everything the dashboard shows, read from `store` as of `now` (both stages at once).
pub fn load_dashboard(store: &Store, now: DateTime<Utc>) -> Result<DashboardData, StoreError> {
    let mut data = load_dashboard_summary(store, now)?;
    data.transactions = load_transactions(store)?;
    data.transactions_to_come = false;
    Ok(data)
}

/// An epoch second as an instant (`None` when out of range).
fn instant(epoch: i64) -> Option<DateTime<Utc>> {
    DateTime::from_timestamp(epoch, 0)
}
