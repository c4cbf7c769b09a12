//! The connection engine: one tokio task per sync job (LIST_ACCOUNTS or SYNC_ALL) on one channel
//! of one connection. A job walks the steps of a bank session (log in, answer the challenge,
//! list the accounts, sync the consented ones), waits the configured `step_delay` between steps,
//! and tells every queue of the user what happens.
//!
//! Tasks hold only a `Weak` reference to the sandbox and lock the world for each step, never
//! across an `.await`. The sender that feeds a job its challenge answers lives in the world, so a
//! dropped sandbox (or a deleted connection, or a replaced job) closes the job's channel and the
//! job ends at once instead of waiting out its challenge timeout.
//!
//! Docs gaps (oxlin-api.md §11), our choices:
//! - a challenge is asked on jobs the user started (connection created, credentials changed,
//!   sync triggered), not on the SYNC_ALL the engine chains itself after a consent or a
//!   LIST_ACCOUNTS: the bank's strong authentication holds for the session;
//! - LIST_ACCOUNTS ends the channel in `SUCCESS` with `last_end_date`; only SYNC_ALL (which
//!   fetches data) sets `last_success_date`;
//! - a user-triggered SYNC_ALL lists the accounts first (new ones wait in `PENDING_CONSENT`);
//!   a chained one only syncs the `ACTIVE` accounts and does not count as a new bank sync;
//! - a LIST_ACCOUNTS that finds `ACTIVE` accounts chains a SYNC_ALL (P: howto-sync);
//! - a `COFFRE_FAIL|PROVIDER_ERROR` bank ends the channel in `FAILED` (no documented
//!   Channel.status names a bank-side error), with the bank's message in the `_FAILED` event;
//! - the challenge of a test-bank file allows `max_attempts` codes in all: after each wrong
//!   code `remaining_attempts` = `max_attempts` − wrong codes; at 0 the channel ends in
//!   `TOO_MANY_ATTEMPTS`.

mod challenge;
mod job;

use std::collections::BTreeMap;
use std::sync::{Arc, Weak};

use secrecy::SecretString;
use tokio::sync::mpsc;
use tokio::task::AbortHandle;

pub use challenge::{Answers, ExpectedInput};
pub use job::{JobKind, Trigger};

use super::bank::Bank;
use super::redirect::RedirectSession;
use super::state::{Sandbox, World};
use super::testbank::TestBank;

/// (connection id, channel definition id): the key of everything per channel.
pub type ChannelKey = (String, String);

/// The engine's part of the world.
#[derive(Debug, Default)]
pub struct EngineState {
    running: BTreeMap<ChannelKey, RunningJob>,
    next_generation: u64,
    /// What each EMBEDDED channel logs in with.
    pub credentials: BTreeMap<ChannelKey, StoredCredentials>,
    /// The test-bank file each channel talks to.
    pub banks: BTreeMap<ChannelKey, Arc<TestBank>>,
    /// REDIRECT sessions waiting for the user's decision, by `state`.
    pub redirect_sessions: BTreeMap<String, RedirectSession>,
}

/// The credentials of an EMBEDDED channel, kept for later syncs. The password never prints.
#[derive(Debug, Clone)]
pub struct StoredCredentials {
    pub login: String,
    pub password: SecretString,
}

#[derive(Debug)]
struct RunningJob {
    generation: u64,
    abort: AbortHandle,
    answers: mpsc::Sender<Answers>,
    /// The inputs of the challenge the job waits on, if it waits on one.
    awaiting: Option<Vec<ExpectedInput>>,
}

/// Why an answer to a challenge was not taken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnswerProblem {
    /// No job waits for an answer on this channel.
    NothingPending,
    /// The answer does not fit the challenge (the text says why; it never echoes a value).
    Invalid(String),
}

impl EngineState {
    /// True when a job runs on this channel.
    pub fn is_running(&self, key: &ChannelKey) -> bool {
        self.running.contains_key(key)
    }

    /// The inputs of the challenge pending on this channel, if one waits for an answer (the
    /// widget's user-input webview shows them).
    pub fn awaiting(&self, key: &ChannelKey) -> Option<&[ExpectedInput]> {
        self.running.get(key)?.awaiting.as_deref()
    }

    /// Stops every job of a connection and forgets its channels (the connection was deleted).
    pub fn forget_connection(&mut self, connection_id: &str) {
        let mine = |key: &ChannelKey| key.0 == connection_id;
        for (_, job) in self.running.iter().filter(|(k, _)| mine(k)) {
            job.abort.abort();
        }
        self.running.retain(|k, _| !mine(k));
        self.credentials.retain(|k, _| !mine(k));
        self.banks.retain(|k, _| !mine(k));
    }

    /// Forgets the jobs, credentials and banks of connections that no longer exist (deleted
    /// with their user, or with their last account), so no password outlives its connection.
    pub fn prune(&mut self, bank: &Bank) {
        let gone = |key: &ChannelKey| !bank.connections.contains_key(&key.0);
        for (_, job) in self.running.iter().filter(|(k, _)| gone(k)) {
            job.abort.abort();
        }
        self.running.retain(|k, _| !gone(k));
        self.credentials.retain(|k, _| !gone(k));
        self.banks.retain(|k, _| !gone(k));
    }

    /// Hands the user's answer to the job waiting on this channel.
    pub fn answer(
        &mut self,
        key: &ChannelKey,
        given: &[(String, String)],
    ) -> Result<(), AnswerProblem> {
        let job = self
            .running
            .get_mut(key)
            .ok_or(AnswerProblem::NothingPending)?;
        let expected = job.awaiting.as_ref().ok_or(AnswerProblem::NothingPending)?;
        let answers = challenge::check_answers(expected, given).map_err(AnswerProblem::Invalid)?;
        job.answers
            .try_send(answers)
            .map_err(|_| AnswerProblem::NothingPending)?;
        job.awaiting = None;
        Ok(())
    }
}

/// Starts a job on a channel, replacing (aborting) any job running there. Call it with the world
/// locked; the task locks it again only once this call has returned.
pub fn start(
    sandbox: &Arc<Sandbox>,
    world: &mut World,
    key: ChannelKey,
    kind: JobKind,
    trigger: Trigger,
) {
    world.engine.prune(&world.bank);
    let engine = &mut world.engine;
    if let Some(old) = engine.running.remove(&key) {
        old.abort.abort();
    }
    engine.next_generation += 1;
    let generation = engine.next_generation;
    let (tx, rx) = mpsc::channel(4);
    let weak: Weak<Sandbox> = Arc::downgrade(sandbox);
    let task = tokio::spawn(job::run(
        job::Ctx {
            sandbox: weak,
            key: key.clone(),
            generation,
        },
        kind,
        trigger,
        rx,
    ));
    engine.running.insert(
        key,
        RunningJob {
            generation,
            abort: task.abort_handle(),
            answers: tx,
            awaiting: None,
        },
    );
}
