//! Headless sync (`coffre sync`): log in, fetch every connection, account and transaction
//! (incrementally after the first time, reconciling a trailing window: [`fetch`]), write the
//! transactions a few whole pages at a time as they arrive (durable: a failed or killed sync
//! keeps what it downloaded and the next one resumes there, `store::pages`), then every
//! connection's state in one transaction, and print one line per connection (on a terminal, a
//! progress line counts the transactions as they are stored: [`progress_line`]). Safe for
//! cron: no terminal needed, an OS lock against a second sync ([`lock`], shared with the TUI's
//! store writer),
//! an overall deadline ([`SyncArgs::deadline`], default [`DEFAULT_DEADLINE_SECS`] s), and an
//! exit code that says what happened ([`outcome`]):
//!
//! - `0`: every connection synced;
//! - `2`: some connection needs the user (challenge, refused or expired credentials, an
//!   expired bank authorisation, consent): its line says what to do; the other connections
//!   (and, for an expired authorisation, that one too) were still synced and stored;
//! - `1`: nothing could be done (configuration, login, store), for one aggregator or both;
//! - `75`: try again later: the server or the network failed (after the client's retries),
//!   the deadline passed, or another coffre was syncing. Nothing half is stored: what was
//!   written is whole pages (the next run resumes after them), and the connections' states are
//!   written only by a run that finishes.
//!
//! Login ([`login`]): the saved session ([`session`]: the refresh token the previous sync or
//! the TUI stored), else the user's password from `COFFRE_OXLIN_PASSWORD` or the config's
//! `password_command` (see [`crate::config`]), with the one set of scopes the TUI uses too
//! ([`crate::oxlin::config::SCOPES`]); the current (rotated) refresh token is stored for the
//! next run, whichever of `coffre sync` and the TUI it is.
//!
//! Each aggregator on its own ([`run`]): an Oxlin failure (no password, a refused login, the
//! server down) never stops finX, nor the reverse; the output names the aggregator not synced
//! and what to do, and the exit code is the worst of both ([`outcome::Outcome::worst`]).
//!
//! finX ([`finx`]): with a `[finx]` section, every finX link is refreshed (its rotated token
//! kept first), read and stored the same way, one line per link; a configuration may have
//! `[oxlin]`, `[finx]` or both (the store file is the sandbox's when the first configured API
//! is on loopback).
//!
//! Docs gap (ours): a connection whose fetch fails on the network is reported and left as the
//! last sync wrote it; the others are still stored.

pub mod fetch;
pub mod finx;
pub mod lock;
pub mod login;
pub mod outcome;
pub mod progress_line;
pub mod run;
pub mod session;

use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::domain::NextAction;
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::sanitize::clean_line;
use crate::store::{self, Store, SyncBatch};
use fetch::{Problem, add_to_batch};
pub use run::run;

/// The default of `--deadline`, in seconds.
pub const DEFAULT_DEADLINE_SECS: f64 = 180.0;

/// `coffre sync` (it takes the global `--config` and `--data-dir`).
#[derive(Debug, Clone, clap::Args)]
pub struct SyncArgs {
    /// Give up after this many seconds (login and every fetch included): the exit code is 75,
    /// the whole pages read so far are kept (the next run resumes after them), so a slow
    /// server cannot hold the sync (and its lock) for long.
    #[arg(long, env = "COFFRE_SYNC_DEADLINE", value_name = "SECONDS",
          default_value_t = DEFAULT_DEADLINE_SECS, value_parser = parse_seconds)]
    pub deadline: f64,
}

impl Default for SyncArgs {
    fn default() -> Self {
        SyncArgs {
            deadline: DEFAULT_DEADLINE_SECS,
        }
    }
}

/// A positive number of seconds (fractions allowed).
fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(secs) if secs > 0.0 && Duration::try_from_secs_f64(secs).is_ok() => Ok(secs),
        _ => Err(format!("`{text}` is not a positive number of seconds")),
    }
}

/// The outcome of one connection (printed through `crate::wording`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConnectionLine {
    /// The connection's id, as the aggregator spells it.
    pub connection_id: String,
    /// The bank's name.
    pub name: String,
    /// `None` when synced with nothing to do; otherwise what the user should do, or the error.
    pub problem: Option<Problem>,
    /// Fetched and stored.
    pub synced: bool,
    /// Not fetched because the server or the network failed: a later run may succeed.
    pub failed_transiently: bool,
    /// Accounts stored.
    pub accounts: usize,
    /// Transactions not stored before.
    pub new_transactions: usize,
}

impl std::fmt::Display for ConnectionLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({}): ", self.name, self.connection_id)?;
        if self.synced {
            write!(
                f,
                "synced, {} account(s), {} new transaction(s)",
                self.accounts, self.new_transactions
            )?;
        } else {
            write!(f, "NOT synced")?;
        }
        match &self.problem {
            Some(problem) => write!(f, "; needs you: {problem}"),
            None => Ok(()),
        }
    }
}

/// Why a whole sync failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
    #[error(transparent)]
    Api(#[from] OxlinError),
    #[error(transparent)]
    Store(#[from] store::StoreError),
}

/// Fetches every connection of `client`'s user into `store`: transactions as they arrive (a
/// group of whole pages per store transaction), then the connections' states in one.
pub async fn sync_all(
    client: &Client,
    store: &mut Store,
    now: DateTime<Utc>,
) -> Result<Vec<ConnectionLine>, SyncError> {
    let connections = client.connections().await?;
    let mut batch = SyncBatch::default();
    let mut lines = Vec::new();
    for connection in &connections {
        let domain = crate::oxlin::to_domain::connection(connection);
        let mut line = ConnectionLine {
            connection_id: clean_line(&connection.id),
            name: domain.name.clone(),
            problem: None,
            synced: false,
            failed_transiently: false,
            accounts: 0,
            new_transactions: 0,
        };
        match add_to_batch(client, store, connection, now, &mut batch).await {
            Ok(added) => {
                line.synced = added.synced;
                line.accounts = added.accounts;
                line.new_transactions = added.new_transactions;
                line.problem = added.problem;
            }
            Err(fetch::FetchError::Store(e)) => return Err(e.into()),
            Err(fetch::FetchError::Api(e)) => {
                line.failed_transiently = e.is_transient();
                line.problem = Some(Problem::Failed(e.to_string()));
                batch.skipped.push((domain, NextAction::RetryLater));
            }
        }
        lines.push(line);
    }
    store.apply(&batch, now)?;
    Ok(lines)
}
