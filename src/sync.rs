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
//! - `1`: nothing could be done (configuration, login, store);
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
pub mod session;

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use chrono::{DateTime, Utc};

use crate::config::{self, OxlinSection};
use crate::domain::NextAction;
use crate::oxlin::client::Client;
use crate::oxlin::error::OxlinError;
use crate::sanitize::clean_line;
use crate::store::{self, Store, SyncBatch};
use fetch::{Problem, add_to_batch};
use lock::{LockError, SyncLock};
use outcome::Outcome;

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

/// Why a whole run failed, and whether trying again later may help.
#[derive(Debug)]
struct RunFailure {
    message: String,
    outcome: Outcome,
}

impl RunFailure {
    /// A failure only the user can fix (exit 1).
    fn fatal(message: impl ToString) -> Self {
        RunFailure {
            message: message.to_string(),
            outcome: Outcome::NothingDone,
        }
    }
}

impl From<LockError> for RunFailure {
    fn from(error: LockError) -> Self {
        let outcome = match error {
            LockError::Busy(_) => Outcome::TryAgainLater,
            LockError::Io { .. } => Outcome::NothingDone,
        };
        RunFailure {
            message: error.to_string(),
            outcome,
        }
    }
}

impl From<SyncError> for RunFailure {
    fn from(error: SyncError) -> Self {
        let outcome = match &error {
            SyncError::Api(e) if e.is_transient() => Outcome::TryAgainLater,
            _ => Outcome::NothingDone,
        };
        RunFailure {
            message: error.to_string(),
            outcome,
        }
    }
}

impl From<login::LoginError> for RunFailure {
    fn from(error: login::LoginError) -> Self {
        let outcome = match &error {
            login::LoginError::Api(_) => Outcome::TryAgainLater,
            login::LoginError::Fatal(_) => Outcome::NothingDone,
        };
        RunFailure {
            message: error.to_string(),
            outcome,
        }
    }
}

/// The deadline passed: what was read is kept (whole pages), the rest waits for the next run.
fn past_deadline(deadline: Duration) -> RunFailure {
    RunFailure {
        message: format!(
            "the server was too slow: stopped after {} s; the whole pages read so far are kept \
             and the next run resumes after them; try again later",
            deadline.as_secs_f32()
        ),
        outcome: Outcome::TryAgainLater,
    }
}

/// Runs `coffre sync` and returns the exit code ([`outcome::Outcome`]).
pub async fn run(args: &SyncArgs, config: Option<&Path>, data_dir: Option<&Path>) -> ExitCode {
    match run_inner(args, config, data_dir).await {
        Ok(lines) => {
            for line in &lines {
                println!("{line}");
            }
            if lines.is_empty() {
                println!("no connection yet: add one in the dashboard (`coffre`)");
            }
            Outcome::of_lines(&lines).into()
        }
        Err(failure) => {
            eprintln!("coffre sync: {}", failure.message);
            failure.outcome.into()
        }
    }
}

async fn run_inner(
    args: &SyncArgs,
    config: Option<&Path>,
    data_dir: Option<&Path>,
) -> Result<Vec<ConnectionLine>, RunFailure> {
    let deadline = Duration::from_secs_f64(args.deadline);
    let started = tokio::time::Instant::now();
    let config = config::load(config)
        .map_err(RunFailure::fatal)?
        .filter(|c| c.oxlin.is_some() || c.finx.is_some())
        .ok_or_else(|| {
            RunFailure::fatal(
                "no configuration: pass --config FILE with an [oxlin] or a [finx] section",
            )
        })?;
    let sandbox = match (&config.oxlin, &config.finx) {
        (Some(oxlin), _) => oxlin.is_sandbox(),
        (None, Some(finx)) => finx.is_sandbox(),
        (None, None) => false,
    };
    let data_dir = store::resolve_data_dir(data_dir).map_err(RunFailure::fatal)?;
    let _lock = SyncLock::acquire(&data_dir)?;
    let mut store =
        Store::open(&store::store_file(&data_dir, sandbox)).map_err(RunFailure::fatal)?;
    let mut lines = Vec::new();
    if let Some(oxlin) = &config.oxlin {
        let owner = session::TokenOwner::of(oxlin).keeping_in(config.session_store());
        lines.extend(sync_oxlin(oxlin, &owner, &mut store, started + deadline, deadline).await?);
    }
    if let Some(finx) = &config.finx {
        let finx = finx.client_config().map_err(RunFailure::fatal)?;
        let synced = tokio::time::timeout_at(
            started + deadline,
            finx::sync_links(&finx, &mut store, Utc::now()),
        )
        .await
        .map_err(|_| past_deadline(deadline))?;
        lines.extend(synced.map_err(SyncError::from)?);
    }
    Ok(lines)
}

/// The Oxlin part of `coffre sync`: log in, sync every connection, keep the session.
async fn sync_oxlin(
    oxlin: &OxlinSection,
    owner: &session::TokenOwner,
    store: &mut Store,
    until: tokio::time::Instant,
    deadline: Duration,
) -> Result<Vec<ConnectionLine>, RunFailure> {
    let logged_in = tokio::time::timeout_at(until, login::log_in(oxlin, owner, store))
        .await
        .map_err(|_| past_deadline(deadline))??;
    let client = logged_in.client;
    let progress = progress_line::ProgressLine::show_for(store);
    let synced = tokio::time::timeout_at(until, sync_all(&client, store, Utc::now())).await;
    progress.finish();
    let kept = match logged_in.keeps_session {
        true => session::keep_token(store, owner, &client).await,
        false => Ok(()),
    };
    let lines = synced.map_err(|_| past_deadline(deadline))??;
    if let Err(e) = kept {
        // The data is stored; the next sync will need the password.
        eprintln!("coffre sync: synced, but the session could not be saved: {e}");
    }
    Ok(lines)
}
