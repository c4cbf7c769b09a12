//! Writing a sync: every connection, account and transaction it fetched, upserted by the API's
//! ids in ONE immediate transaction. Nothing is visible to readers until the commit, and an
//! error anywhere rolls everything back: the store stays exactly as it was.
//!
//! Statuses, kinds and actions are written as their domain codes (`pending`,
//! `renew_before:2024-03-15`), never as sentences. Upserts keep a transaction's `first_seen`; a
//! status change (pending → booked, or any other) is recorded in `booking_changes`. Connections
//! that could not be synced (they need the user) get their connection row (name, state, and
//! what the user must do: the skip's reason) and their `sync_state` row written, so the
//! dashboard shows them even when they never had an account; their accounts and transactions
//! are left as the last good sync wrote them.
//!
//! Reconcile (written by `super::pages`, which shares these upserts): for each account a sync
//! re-read (from an import date on, or everything), a PENDING line stored inside that window
//! that the bank no longer listed is removed (the bank dropped it: a pre-authorisation
//! released, a payment cancelled), and the removal recorded in `booking_changes` (`old` =
//! `pending`, `new` = [`DROPPED`]). A booked line is never removed: a window that does not list
//! it says nothing about it.
//!
//! Transactions are written set-based ([`lines`]): staged, compared and upserted by a few
//! statements per connection, not one by one.
//!
//! Docs gap: the API does not say whether a pending transaction keeps its id once booked. The
//! sandbox keeps it (oxlin-api.md §11 suggestion), so we key on `id`; a booked line arriving
//! under a new id is a new row, and the old pending one stays until the bank drops it.

mod amounts;
mod bulk;
#[cfg(test)]
mod bulk_tests;
pub(in crate::store) mod deletes;
pub(super) mod lines;
pub mod observe;

use chrono::{DateTime, Utc};
use rusqlite::{TransactionBehavior, params};

use super::{Store, StoreError, SyncState};
use crate::domain::{Account, Connection, NextAction, Transaction};

/// The `booking_changes.new` code of a pending line the bank no longer lists.
pub const DROPPED: &str = "dropped";

/// What one sync fetched for one connection.
#[derive(Debug, Clone)]
pub struct ConnectionSync {
    pub connection: Connection,
    pub accounts: Vec<Account>,
    pub transactions: Vec<Transaction>,
}

/// Everything a sync writes at once.
#[derive(Debug, Clone, Default)]
pub struct SyncBatch {
    /// Connections fetched completely.
    pub synced: Vec<ConnectionSync>,
    /// Connections skipped, with what the user must do first (kept as its code).
    pub skipped: Vec<(Connection, NextAction)>,
}

/// What a write changed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyncReport {
    pub new_transactions: usize,
    pub updated_transactions: usize,
    /// Transactions whose status changed from PENDING to BOOKED.
    pub newly_booked: usize,
    /// Pending transactions removed because the bank no longer lists them (`super::pages`).
    pub dropped: usize,
    pub accounts: usize,
}

impl Store {
    /// Writes `batch` in one transaction, as of `now`.
    pub fn apply(
        &mut self,
        batch: &SyncBatch,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, StoreError> {
        let at = now.timestamp();
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut report = SyncReport::default();
        for sync in &batch.synced {
            let action = sync.connection.next_action(now, 0);
            upsert_connection(&tx, &sync.connection, &action, at)?;
            for account in &sync.accounts {
                upsert_account(&tx, account, at)?;
                report.accounts += 1;
            }
            let staged = lines::stage(&tx, &sync.transactions)?;
            staged.write(at, &mut report)?;
            staged.clear()?;
            tx.execute(
                "INSERT INTO sync_state (connection_id, last_attempt, last_success, outcome)
                 VALUES (?1, ?2, ?2, 'ok')
                 ON CONFLICT(connection_id) DO UPDATE SET last_attempt = ?2,
                   last_success = ?2, outcome = 'ok'",
                (sync.connection.id.key(), at),
            )?;
        }
        for (connection, why) in &batch.skipped {
            upsert_connection(&tx, connection, why, at)?;
            tx.execute(
                "INSERT INTO sync_state (connection_id, last_attempt, outcome)
                 VALUES (?1, ?2, ?3)
                 ON CONFLICT(connection_id) DO UPDATE SET last_attempt = ?2, outcome = ?3",
                (connection.id.key(), at, SyncState::outcome_code(Some(why))),
            )?;
        }
        tx.commit()?;
        Ok(report)
    }
}

/// Writes `c` (its login, kept by `super::connections`, is left alone) with `action`, what the
/// user must do about it.
pub(super) fn upsert_connection(
    tx: &rusqlite::Transaction<'_>,
    c: &Connection,
    action: &NextAction,
    at: i64,
) -> Result<(), StoreError> {
    if c.id.raw().is_empty() {
        return Err(StoreError::Invalid("a connection without an id".into()));
    }
    tx.prepare_cached(
        "INSERT INTO connections (id, provider_id, name, state, next_action, last_success, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
         ON CONFLICT(id) DO UPDATE SET provider_id = excluded.provider_id, name = excluded.name,
           state = excluded.state, next_action = excluded.next_action,
           last_success = excluded.last_success, synced_at = excluded.synced_at",
    )?
    .execute(params![
        c.id.key(),
        c.provider_id,
        c.name,
        c.state.code(),
        action.code(),
        c.last_success.map(|d| d.timestamp()),
        at
    ])?;
    Ok(())
}

pub(super) fn upsert_account(
    tx: &rusqlite::Transaction<'_>,
    a: &Account,
    at: i64,
) -> Result<(), StoreError> {
    if a.id.raw().is_empty() {
        return Err(StoreError::Invalid("an account without an id".into()));
    }
    tx.prepare_cached(
        "INSERT INTO accounts (id, connection_id, name, kind, state, iban, balance, currency,
           balance_date, owner, synced_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
         ON CONFLICT(id) DO UPDATE SET connection_id = excluded.connection_id,
           name = excluded.name, kind = excluded.kind, state = excluded.state,
           iban = excluded.iban, balance = excluded.balance, currency = excluded.currency,
           balance_date = excluded.balance_date, owner = excluded.owner,
           synced_at = excluded.synced_at",
    )?
    .execute(params![
        a.id.key(),
        a.connection_id.as_ref().map(|c| c.key()),
        a.name,
        a.kind.code(),
        a.state.code(),
        a.iban,
        a.balance.as_ref().map(|m| m.amount.to_string()),
        a.balance.as_ref().map(|m| m.currency.clone()),
        a.balance_date.map(|d| d.timestamp()),
        a.owner,
        at
    ])?;
    Ok(())
}
