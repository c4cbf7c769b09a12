//! Headless sync (`coffre sync`): log in, fetch every connection, account and transaction
//! (incrementally after the first time, reconciling a trailing window: [`fetch`]), write the
//! transactions a few whole pages at a time as they arrive (durable: a failed or killed sync
//! keeps what it downloaded and the next one resumes there, `store::pages`), then every
//! connection's state in one transaction, and print one line per connection. Safe for cron: no terminal, a lock against a second sync
//! ([`lock`]), and an exit code that says what happened:
//!
//! - `0`: every connection synced;
//! - `2`: some connection needs the user (challenge, refused or expired credentials, consent):
//!   its line says what to do; the other connections were still synced and stored;
//! - `1`: nothing could be done (configuration, login, network, store).
//!
//! Login ([`login`]): the saved session ([`session`]: the refresh token the previous sync or
//! the TUI stored), else the user's password from `COFFRE_OXLIN_PASSWORD` or the config's
//! `password_command` (see [`crate::config`]), with the one set of scopes the TUI uses too
//! ([`crate::oxlin::config::SCOPES`]); the current (rotated) refresh token is stored for the
//! next run, whichever of `coffre sync` and the TUI it is.
//!
//! Docs gap (ours): a connection whose fetch fails on the network is reported and left as the
//! last sync wrote it; the others are still stored.

pub mod fetch;
pub mod lock;
pub mod login;
pub mod session;

use std::path::Path;
use std::process::ExitCode;

use chrono::{DateTime, Utc};

use crate::config::{self, OxlinSection};
use crate::domain::NextAction;
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::sanitize::clean_line;
use crate::store::{self, Store, SyncBatch};
use fetch::{Problem, add_to_batch};

/// `coffre sync` (it takes the global `--config` and `--data-dir`).
#[derive(Debug, Clone, clap::Args)]
pub struct SyncArgs {}

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
                line.problem = Some(Problem::Failed(e.to_string()));
                batch.skipped.push((domain, NextAction::RetryLater));
            }
        }
        lines.push(line);
    }
    store.apply(&batch, now)?;
    Ok(lines)
}

/// Runs `coffre sync` and returns the exit code.
pub async fn run(config: Option<&Path>, data_dir: Option<&Path>) -> ExitCode {
    match run_inner(config, data_dir).await {
        Ok(lines) => {
            for line in &lines {
                println!("{line}");
            }
            if lines.is_empty() {
                println!("no connection yet: add one in the dashboard (`coffre`)");
            }
            if lines.iter().any(|l| l.problem.is_some() || !l.synced) {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("coffre sync: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn run_inner(
    config: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<Vec<ConnectionLine>, String> {
    let config = config::load(config).map_err(|e| e.to_string())?;
    let oxlin: OxlinSection = config
        .and_then(|c| c.oxlin)
        .ok_or("no configuration: pass --config FILE with an [oxlin] section")?;
    let data_dir = store::resolve_data_dir(data_dir).map_err(|e| e.to_string())?;
    let _lock = lock::SyncLock::acquire(&data_dir).map_err(|e| e.to_string())?;
    let mut store = Store::open(&store::store_file(&data_dir, oxlin.is_sandbox()))
        .map_err(|e| e.to_string())?;
    let client = login::log_in(&oxlin, &store).await?;
    let synced = sync_all(&client, &mut store, Utc::now()).await;
    let kept = session::keep_token(&store, &session::TokenOwner::of(&oxlin), &client).await;
    let lines = synced.map_err(|e| e.to_string())?;
    if let Err(e) = kept {
        // The data is stored; the next sync will need the password.
        eprintln!("coffre sync: synced, but the session could not be saved: {e}");
    }
    Ok(lines)
}
