//! Fetching one connection: its state, its accounts and their transactions, incrementally, as
//! domain values.
//!
//! Incremental and reconciling: each account is re-read from [`REREAD_WINDOW`] before the latest
//! import stored for it, or from the oldest line still pending when that is earlier
//! (`Store::reread_from`), and only for the lines dated in the last [`REREAD_DAYS`] days or on
//! or after the oldest pending line (`Store::reread_since`), and written a few pages at a time ([`account_pages`]), so that the
//! store books what the bank booked, takes a revised amount or label (same id), and removes the
//! pending lines the bank no longer lists. Starting from the latest import alone (as before)
//! left a line the bank booked or dropped under an older import date PENDING for ever.
//!
//! A connection needs the user when its channels say so (a challenge to answer, credentials
//! refused or expired, an action at the bank, no credentials at all): it is then reported and
//! not fetched, so the last good data stays in the store. Accounts waiting for consent are
//! reported too, while the consented ones are still fetched. A bank authorisation (REDIRECT
//! channel `expires`) that has passed does not block: the aggregator still serves what it
//! fetched before (the docs' own example connection expired in 2022 with status `SUCCESS`), so
//! it is fetched and stored, and reported as [`Problem::AuthorisationExpired`].
//!
//! [`add_to_batch`] is the ONE place a fetched connection joins a store batch (synced, or
//! skipped with what the user must do), for `coffre sync` and the TUI's store writer alike.
//! Results are typed ([`Problem`], a [`NextAction`]); their words (`Problem`'s `Display`) are
//! `crate::wording::actions`'.
//!
//! Docs gap: `start_import_date` is inclusive, so the boundary lines come again; upserts by id
//! make that harmless. `coffre sync` reads what the aggregator holds and does not ask the bank
//! again (`POST /connections/{id}/sync` may raise a challenge, which needs the TUI): Oxlin
//! refreshes `auto_sync` connections itself.

mod account_pages;
mod recent_ids;

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Europe::Paris;

use crate::domain::{AccountState, NextAction};
use crate::oxlin::client::Client;
use crate::oxlin::endpoints::AccountFilter;
use crate::oxlin::error::OxlinError;
use crate::oxlin::{to_domain, wire};
use crate::store::{ConnectionSync, Store, StoreError, SyncBatch};

/// How far before the latest stored import date a sync re-reads an account: two weeks. Card
/// payments settle within a few days (a hotel or fuel pre-authorisation within about a week)
/// and a bank revises a booked line, if ever, soon after; two weeks cover that with margin, at
/// the price of re-reading about two weeks of lines (a page or two) per account and sync.
/// Pending lines are re-read whatever their age.
pub const REREAD_WINDOW: i64 = 14 * 24 * 3600;

/// How many days of transaction dates before the latest line stored an incremental sync
/// re-reads (with every pending line whatever its date): the same two weeks as
/// [`REREAD_WINDOW`], counted on the lines' dates, so that a bank imported in one batch is
/// re-read for two weeks of its history, not whole.
pub const REREAD_DAYS: i64 = 14;

/// Transactions per page (the documented maximum).
const PAGE_SIZE: usize = 500;
/// Pages of transactions fetched at once.
const PAGE_CONCURRENCY: usize = 4;

/// Something the user must do about a connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// What the connection's channels need (renew soon, answer a challenge, …).
    Action(NextAction),
    /// This many of its accounts wait for consent (the others were fetched).
    AccountsWaitForConsent(usize),
    /// The fetch failed (network, API), for this reason: sync again later.
    Failed(String),
    /// The bank's authorisation expired on this (Paris) day: what the aggregator still held
    /// was fetched, but nothing new comes until the user renews it.
    AuthorisationExpired(NaiveDate),
    /// The finX access is lost (its refresh token was refused: spent, expired, revoked):
    /// link the bank again (`coffre connect finx`).
    FinxAccessLost,
}

/// What fetching one connection gave.
#[derive(Debug)]
pub enum Fetched {
    /// Everything; `attention` says what the user should still do (consent, renew soon).
    Synced {
        /// The fetched connection and accounts (their transactions are already stored).
        sync: Box<ConnectionSync>,
        /// Transactions stored that were not before.
        new_transactions: usize,
        /// What the user should still do.
        attention: Option<Problem>,
    },
    /// Not fetched: the user must do this first.
    NeedsUser(NextAction),
}

/// What [`add_to_batch`] added for one connection.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Added {
    /// Fetched and added as synced (else added as skipped).
    pub synced: bool,
    /// Accounts fetched.
    pub accounts: usize,
    /// Fetched transactions not in the store yet.
    pub new_transactions: usize,
    /// What the user must do, when anything.
    pub problem: Option<Problem>,
}

/// Fetches `connection` and adds it to `batch`: synced (counting the transactions `store` does
/// not hold yet), or skipped with what the user must do first. An API error is returned, and
/// nothing is added: the caller decides (skip it, or give up).
pub async fn add_to_batch(
    client: &Client,
    store: &mut Store,
    connection: &wire::Connection,
    now: DateTime<Utc>,
    batch: &mut SyncBatch,
) -> Result<Added, FetchError> {
    Ok(
        match fetch_connection(client, store, connection, now).await? {
            Fetched::Synced {
                sync,
                new_transactions,
                attention,
            } => {
                let added = Added {
                    synced: true,
                    accounts: sync.accounts.len(),
                    new_transactions,
                    problem: attention,
                };
                batch.synced.push(*sync);
                added
            }
            Fetched::NeedsUser(action) => {
                batch
                    .skipped
                    .push((to_domain::connection(connection), action.clone()));
                Added {
                    synced: false,
                    accounts: 0,
                    new_transactions: 0,
                    problem: Some(Problem::Action(action)),
                }
            }
        },
    )
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Api(#[from] OxlinError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// True for what stops a connection from being fetched until the user acts. A renewal, even
/// past its date, does not: the aggregator still serves the data it holds.
fn blocks(action: &NextAction) -> bool {
    match action {
        NextAction::AnswerChallenge
        | NextAction::UpdateCredentials
        | NextAction::ActAtBank
        | NextAction::AddCredentials => true,
        NextAction::RenewBefore(_) => false,
        _ => false,
    }
}

/// What the user should still do about a fetched connection whose next action is `action`,
/// with `waiting` accounts waiting for consent, at `now`.
fn attention(action: NextAction, waiting: usize, now: DateTime<Utc>) -> Option<Problem> {
    match action {
        _ if waiting > 0 => Some(Problem::AccountsWaitForConsent(waiting)),
        NextAction::None | NextAction::Wait => None,
        NextAction::RenewBefore(day) if day <= now.with_timezone(&Paris).date_naive() => {
            Some(Problem::AuthorisationExpired(day))
        }
        action => Some(Problem::Action(action)),
    }
}

/// Fetches `connection` for `store`, as of `now`.
pub async fn fetch_connection(
    client: &Client,
    store: &mut Store,
    connection: &wire::Connection,
    now: DateTime<Utc>,
) -> Result<Fetched, FetchError> {
    let domain = to_domain::connection(connection);
    let filter = AccountFilter {
        connection_id: Some(connection.id.clone()),
        ..AccountFilter::default()
    };
    let accounts: Vec<_> = client
        .accounts(&filter)
        .await?
        .iter()
        .map(to_domain::account)
        .collect();
    let waiting = accounts
        .iter()
        .filter(|a| a.state == AccountState::PendingConsent)
        .count();
    let action = domain.next_action(now, 0);
    if blocks(&action) {
        return Ok(Fetched::NeedsUser(action));
    }
    let active: Vec<_> = accounts
        .iter()
        .filter(|a| a.state == AccountState::Active)
        .collect();
    // A sync spread over several runs reads each account once (`store::pages`): an account
    // whose read finished after the connection's last complete sync (or, never synced, at
    // all) was read by this sync's earlier runs. (Counting from the oldest unfinished read
    // instead re-read every finished account whenever a run failed before the next account's
    // first write: `large` over a flaky link never converged.)
    let last_success = store
        .sync_states()?
        .into_iter()
        .find(|state| state.connection_id == domain.id)
        .and_then(|state| state.last_success);
    let mut new_transactions = 0;
    for account in active {
        let finished = store.read_finished_at(&account.id)?;
        if finished.is_some_and(|done| last_success.is_none_or(|synced| done > synced)) {
            continue;
        }
        new_transactions +=
            account_pages::read_account(client, store, &domain, account, now).await?;
    }
    let attention = attention(action, waiting, now);
    Ok(Fetched::Synced {
        sync: Box::new(ConnectionSync {
            connection: domain,
            accounts,
            transactions: Vec::new(),
        }),
        new_transactions,
        attention,
    })
}
