//! One `coffre sync` run from end to end: the configuration, the data dir, the lock and the
//! store (a failure there stops the run: exit 1, or 75 when another sync holds the lock), then
//! each configured aggregator on its own, Oxlin first, then finX. An aggregator that cannot be
//! synced at all (its section lacks a password or a secret, its login is refused, its server
//! is down, the deadline passed) is reported on stderr with what to do, as
//! `coffre sync: Oxlin not synced: …`, and the other one is still synced and printed; the exit
//! code is the worst of both ([`Outcome::worst`]).

use std::path::Path;
use std::process::ExitCode;
use std::time::Duration;

use chrono::Utc;

use super::lock::{LockError, SyncLock};
use super::outcome::Outcome;
use super::{ConnectionLine, SyncArgs, SyncError, finx, login, progress_line, session, sync_all};
use crate::config::{self, Config, OxlinSection};
use crate::store::{self, Store};

/// An aggregator `coffre sync` syncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Aggregator {
    /// Oxlin (French banks), the `[oxlin]` section.
    Oxlin,
    /// finX (German banks), the `[finx]` section.
    Finx,
}

impl std::fmt::Display for Aggregator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Aggregator::Oxlin => "Oxlin",
            Aggregator::Finx => "finX",
        })
    }
}

/// Why a run, or one aggregator's part of it, failed, and whether trying again later may help.
#[derive(Debug)]
pub struct RunFailure {
    /// What happened and what to do (never a secret).
    pub message: String,
    /// The exit code it asks for.
    pub outcome: Outcome,
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
        match &error {
            SyncError::Api(e) if e.is_transient() => RunFailure {
                message: format!("{error}; nothing was changed, try again later"),
                outcome: Outcome::TryAgainLater,
            },
            _ => RunFailure::fatal(error),
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

/// What a run did: one line per connection, and each aggregator that could not be synced.
#[derive(Debug, Default)]
pub struct RunReport {
    /// One line per connection (Oxlin) or link (finX), in sync order.
    pub lines: Vec<ConnectionLine>,
    /// The aggregators not synced, and why.
    pub not_synced: Vec<(Aggregator, RunFailure)>,
}

impl RunReport {
    /// The exit code: the worst of the lines' and of every aggregator not synced.
    pub fn outcome(&self) -> Outcome {
        self.not_synced
            .iter()
            .map(|(_, failure)| failure.outcome)
            .fold(Outcome::of_lines(&self.lines), Outcome::worst)
    }

    /// Keeps `part`'s lines, or its failure for `aggregator`.
    fn add(&mut self, aggregator: Aggregator, part: Result<Vec<ConnectionLine>, RunFailure>) {
        match part {
            Ok(lines) => self.lines.extend(lines),
            Err(failure) => self.not_synced.push((aggregator, failure)),
        }
    }
}

/// Runs `coffre sync` and returns the exit code ([`Outcome`]).
pub async fn run(args: &SyncArgs, config: Option<&Path>, data_dir: Option<&Path>) -> ExitCode {
    match run_inner(args, config, data_dir).await {
        Ok(report) => {
            for line in &report.lines {
                println!("{line}");
            }
            for (aggregator, failure) in &report.not_synced {
                eprintln!("coffre sync: {aggregator} not synced: {}", failure.message);
            }
            if report.lines.is_empty() && report.not_synced.is_empty() {
                println!("no connection yet: add one in the dashboard (`coffre`)");
            }
            report.outcome().into()
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
) -> Result<RunReport, RunFailure> {
    let deadline = Duration::from_secs_f64(args.deadline);
    let until = tokio::time::Instant::now() + deadline;
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
    let mut report = RunReport::default();
    if let Some(oxlin) = &config.oxlin {
        let owner = session::TokenOwner::of(oxlin).keeping_in(config.session_store());
        let part = sync_oxlin(oxlin, &owner, &mut store, until, deadline).await;
        report.add(Aggregator::Oxlin, part);
    }
    if config.finx.is_some() {
        let part = sync_finx(&config, &mut store, until, deadline).await;
        report.add(Aggregator::Finx, part);
    }
    Ok(report)
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

/// The finX part of `coffre sync`: refresh, read and store every finX link.
async fn sync_finx(
    config: &Config,
    store: &mut Store,
    until: tokio::time::Instant,
    deadline: Duration,
) -> Result<Vec<ConnectionLine>, RunFailure> {
    let Some(section) = &config.finx else {
        return Ok(Vec::new());
    };
    let finx = section.client_config().map_err(RunFailure::fatal)?;
    let synced = tokio::time::timeout_at(
        until,
        finx::sync_links(&finx, config.session_store(), store, Utc::now()),
    )
    .await
    .map_err(|_| past_deadline(deadline))?;
    Ok(synced.map_err(SyncError::from)?)
}
