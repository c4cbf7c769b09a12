//! One sync job, step by step: log in, answer the challenge, list the accounts, sync the
//! consented ones, and end the channel in a status. Every step locks the world briefly through
//! [`Ctx::with`]; the waits (`step_delay`, challenge answers) happen with the world unlocked.
//!
//! The challenge is strong customer authentication: asked on a job the user started only when
//! the test-bank file's `COFFRE_CHALLENGE_EVERY` says it is due (by default when the channel's
//! last right answer, `ChannelRecord::strong_auth_at`, is 90 days old or there was none), as
//! PSD2 banks do; the time of a right answer is kept with the channel (and in the state file).

use std::sync::{Arc, Weak};

use secrecy::ExposeSecret;
use serde_json::{Value, json};
use tokio::sync::mpsc;

use super::{Answers, ChannelKey, challenge};
use crate::sandbox::world::bank::ChannelRecord;
use crate::sandbox::world::queues;
use crate::sandbox::world::state::{Sandbox, World, epoch_now};
use crate::sandbox::world::testbank::{ScriptedFailure, TestBank};

/// What a job does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    /// List the accounts the bank holds (new ones wait in `PENDING_CONSENT`).
    ListAccounts,
    /// Fetch balances and transactions of the consented accounts.
    SyncAll,
}

impl JobKind {
    /// The prefix of the job's event names.
    pub fn prefix(self) -> &'static str {
        match self {
            JobKind::ListAccounts => "LIST_ACCOUNTS",
            JobKind::SyncAll => "SYNC_ALL",
        }
    }
}

/// Who started a job: the user (a challenge may be asked) or the engine itself (no challenge).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trigger {
    User,
    Chained,
}

/// Why a job stopped before its end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stop {
    /// The sandbox, the connection or this job is gone (replaced): end quietly.
    Gone,
    /// The channel ends in this status, with this message.
    Failed(&'static str, String),
}

/// A job's handle on the world.
#[derive(Debug, Clone)]
pub struct Ctx {
    pub sandbox: Weak<Sandbox>,
    pub key: ChannelKey,
    pub generation: u64,
}

impl Ctx {
    /// Runs `f` on the locked world while the sandbox, the connection and this job all still
    /// exist; `Err(Stop::Gone)` otherwise.
    pub fn with<R>(&self, f: impl FnOnce(&Sandbox, &mut World) -> R) -> Result<R, Stop> {
        let sandbox: Arc<Sandbox> = self.sandbox.upgrade().ok_or(Stop::Gone)?;
        let mut world = sandbox.world();
        let current = world.engine.running.get(&self.key).map(|j| j.generation);
        if current != Some(self.generation) || !world.bank.connections.contains_key(&self.key.0) {
            return Err(Stop::Gone);
        }
        Ok(f(&sandbox, &mut world))
    }

    /// Waits the configured step delay.
    pub async fn step(&self) -> Result<(), Stop> {
        let delay = self.sandbox.upgrade().ok_or(Stop::Gone)?.config.step_delay;
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        Ok(())
    }

    /// Publishes an event about this job's connection and channel; `payload` goes under the
    /// lower-cased event type (nothing when null).
    pub fn emit(&self, sandbox: &Sandbox, world: &mut World, event_type: &str, payload: Value) {
        queues::publish(
            sandbox,
            world,
            &self.key.0,
            &self.key.1,
            event_type,
            payload,
        );
    }
}

/// This job's channel record.
pub fn channel_mut<'w>(world: &'w mut World, key: &ChannelKey) -> Option<&'w mut ChannelRecord> {
    world
        .bank
        .connections
        .get_mut(&key.0)?
        .channels
        .iter_mut()
        .find(|c| c.channel_definition_id == key.1)
}

/// The task body: runs the steps, then ends the channel in the outcome's status.
pub async fn run(ctx: Ctx, kind: JobKind, trigger: Trigger, mut answers: mpsc::Receiver<Answers>) {
    let outcome = steps(&ctx, kind, trigger, &mut answers).await;
    let prefix = kind.prefix();
    let _ = ctx.with(|sandbox, world| {
        let now = epoch_now();
        let (status, event, payload) = match outcome {
            Ok(payload) => ("SUCCESS", format!("{prefix}_SUCCESS"), payload),
            Err(Stop::Failed(status, message)) => (
                status,
                format!("{prefix}_FAILED"),
                json!({ "status": status, "message": message }),
            ),
            Err(Stop::Gone) => return,
        };
        if let Some(channel) = channel_mut(world, &ctx.key) {
            channel.status = status.to_owned();
            channel.last_end_date = Some(now);
            if status == "SUCCESS" && kind == JobKind::SyncAll {
                channel.last_success_date = Some(now);
            }
        }
        world.engine.running.remove(&ctx.key);
        ctx.emit(sandbox, world, &event, payload);
        let chain = status == "SUCCESS"
            && kind == JobKind::ListAccounts
            && !accounts_of(world, &ctx.key, Some("ACTIVE")).is_empty();
        if chain && let Some(sandbox) = ctx.sandbox.upgrade() {
            super::start(
                &sandbox,
                world,
                ctx.key.clone(),
                JobKind::SyncAll,
                Trigger::Chained,
            );
        }
    });
}

/// The ids of the channel's accounts, optionally only those in `status`.
pub fn accounts_of(world: &World, key: &ChannelKey, status: Option<&str>) -> Vec<String> {
    world
        .bank
        .accounts
        .values()
        .filter(|a| a.connection_id == key.0 && a.channel_definition_id == key.1)
        .filter(|a| status.is_none_or(|s| a.status == s))
        .map(|a| a.id.clone())
        .collect()
}

async fn steps(
    ctx: &Ctx,
    kind: JobKind,
    trigger: Trigger,
    answers: &mut mpsc::Receiver<Answers>,
) -> Result<Value, Stop> {
    let prefix = kind.prefix();
    let (mode, bank, login_ok, strong_auth_at) = ctx
        .with(|sandbox, world| {
            let channel = channel_mut(world, &ctx.key)?;
            channel.status = "RUNNING".to_owned();
            let mode = channel.mode.clone();
            let strong_auth_at = channel.strong_auth_at;
            ctx.emit(sandbox, world, &format!("{prefix}_STARTED"), Value::Null);
            let bank = world.engine.banks.get(&ctx.key).cloned()?;
            let login_ok = world.engine.credentials.get(&ctx.key).is_some_and(|c| {
                c.login == bank.login && c.password.expose_secret() == bank.password
            });
            Some((mode, bank, login_ok, strong_auth_at))
        })?
        .ok_or(Stop::Gone)?;
    ctx.step().await?;
    if mode == "EMBEDDED" {
        if !login_ok {
            return Err(Stop::Failed(
                "AUTH_FAILED",
                "the bank refused the login or the password".to_owned(),
            ));
        }
        if trigger == Trigger::User
            && let Some(script) = &bank.challenge
            && bank.challenge_every.asks(strong_auth_at, epoch_now())
        {
            challenge::run(ctx, prefix, script, answers).await?;
            ctx.with(|_, world| {
                if let Some(channel) = channel_mut(world, &ctx.key) {
                    channel.strong_auth_at = Some(epoch_now());
                }
            })?;
        }
        scripted_failure(&bank)?;
    }
    ctx.step().await?;
    let listed = kind == JobKind::ListAccounts || trigger == Trigger::User;
    if listed {
        ctx.with(|sandbox, world| list(sandbox, world, &ctx.key, &bank))?;
    }
    let mut new_transactions = 0;
    if kind == JobKind::SyncAll {
        let active = ctx.with(|_, world| accounts_of(world, &ctx.key, Some("ACTIVE")))?;
        for account_id in active {
            ctx.step().await?;
            new_transactions += ctx.with(|sandbox, world| {
                let added = world
                    .bank
                    .sync_account(sandbox, &account_id, &bank, epoch_now());
                let progress = json!({ "account_id": account_id, "new_transactions": added });
                ctx.emit(sandbox, world, "SYNC_ALL_ACCOUNT_SYNCED", progress);
                added
            })?;
        }
    }
    ctx.with(|_, world| {
        let mut summary = json!({
            "account_ids": accounts_of(world, &ctx.key, None),
            "pending_consent": accounts_of(world, &ctx.key, Some("PENDING_CONSENT")),
        });
        if kind == JobKind::SyncAll {
            summary["new_transactions"] = json!(new_transactions);
        }
        summary
    })
}

/// Lists the accounts the bank holds at this sync and counts the sync.
fn list(sandbox: &Sandbox, world: &mut World, key: &ChannelKey, bank: &TestBank) {
    let Some(connection) = world.bank.connections.get(&key.0) else {
        return;
    };
    let sync_number = connection.sync_count;
    let account_types = connection
        .channels
        .iter()
        .find(|c| c.channel_definition_id == key.1)
        .map(|c| c.account_types.clone())
        .unwrap_or_default();
    world.bank.list_accounts(
        sandbox,
        &key.0,
        &key.1,
        &account_types,
        bank,
        sync_number,
        epoch_now(),
    );
    if let Some(connection) = world.bank.connections.get_mut(&key.0) {
        connection.sync_count += 1;
    }
}

fn scripted_failure(bank: &TestBank) -> Result<(), Stop> {
    match &bank.failure {
        None => Ok(()),
        Some(ScriptedFailure::PasswordChangeRequired) => Err(Stop::Failed(
            "PASSWORD_CHANGE_REQUIRED",
            "the bank asks the user to change their password".to_owned(),
        )),
        Some(ScriptedFailure::UserActionRequired) => Err(Stop::Failed(
            "USER_ACTION_REQUIRED",
            "the bank asks the user to act on its website".to_owned(),
        )),
        Some(ScriptedFailure::ProviderError { message }) => Err(Stop::Failed(
            "FAILED",
            format!("the bank answered an error: {message}"),
        )),
    }
}
