//! Fetching one connection: its state, its accounts and their transactions, incrementally
//! (`start_import_date` = the latest import instant stored for the account), as domain values.
//!
//! A connection needs the user when its channels say so (a challenge to answer, credentials
//! refused or expired, an action at the bank, no credentials at all): it is then reported and
//! not fetched, so the last good data stays in the store. Accounts waiting for consent are
//! reported too, while the consented ones are still fetched.
//!
//! Docs gap: `start_import_date` is inclusive, so the boundary lines come again; upserts by id
//! make that harmless. `coffre sync` reads what the aggregator holds and does not ask the bank
//! again (`POST /connections/{id}/sync` may raise a challenge, which needs the TUI): Oxlin
//! refreshes `auto_sync` connections itself.

use chrono::{DateTime, Utc};

use crate::domain::{AccountState, NextAction};
use crate::oxlin::client::Client;
use crate::oxlin::endpoints::{AccountFilter, TransactionFilter};
use crate::oxlin::error::OxlinError;
use crate::oxlin::{to_domain, wire};
use crate::store::write::next_action_text;
use crate::store::{ConnectionSync, Store, StoreError};

/// Transactions per page (the documented maximum).
const PAGE_SIZE: usize = 500;
/// Pages of transactions fetched at once.
const PAGE_CONCURRENCY: usize = 4;

/// What fetching one connection gave.
#[derive(Debug)]
pub enum Fetched {
    /// Everything; `attention` says what the user should still do (consent, renew soon).
    Synced {
        sync: ConnectionSync,
        attention: Option<String>,
    },
    /// Not fetched: the user must act first.
    NeedsUser(String),
}

/// Why a fetch failed.
#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error(transparent)]
    Api(#[from] OxlinError),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// True for what stops a connection from syncing until the user acts.
fn blocks(action: &NextAction, now: DateTime<Utc>) -> bool {
    match action {
        NextAction::AnswerChallenge
        | NextAction::UpdateCredentials
        | NextAction::ActAtBank
        | NextAction::AddCredentials => true,
        NextAction::RenewBefore(day) => *day <= now.date_naive(),
        _ => false,
    }
}

/// Fetches `connection` for `store`, as of `now`.
pub async fn fetch_connection(
    client: &Client,
    store: &Store,
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
    if blocks(&action, now) {
        return Ok(Fetched::NeedsUser(next_action_text(&action)));
    }
    let mut transactions = Vec::new();
    for account in accounts.iter().filter(|a| a.state == AccountState::Active) {
        let filter = TransactionFilter {
            account_id: Some(account.id.clone()),
            start_import_date: store.last_import(&account.id)?,
            ..TransactionFilter::default()
        };
        let lines = client
            .transactions(&filter, PAGE_SIZE, PAGE_CONCURRENCY)
            .await?;
        transactions.extend(lines.iter().map(to_domain::transaction));
    }
    let attention = if waiting > 0 {
        Some(format!("{waiting} account(s) wait for your consent"))
    } else if matches!(action, NextAction::None | NextAction::Wait) {
        None
    } else {
        Some(next_action_text(&action))
    };
    Ok(Fetched::Synced {
        sync: ConnectionSync {
            connection: domain,
            accounts,
            transactions,
        },
        attention,
    })
}
