//! Sync progress (pure, like `update`): the sync board's rows, the queue events that move them
//! (steps, challenges, consent requests), and the screens that answer them (sync, challenge,
//! consent). Each connection on the board carries the generation of its poller; an event of an
//! older generation is stale and dropped.
//!
//! `s` (and the login's refresh) registers every connection with a fresh generation, so their
//! queue events are not taken as stale: French and German banks alike ([`every_bank`]). Every running row has a deadline ([`deadline`]).
//! Refusing every account at consent ends in [`share_none`]. The store write's running count of
//! transactions is [`imported`]'s.

pub mod deadline;
mod every_bank;
mod imported;
mod share_none;

pub(crate) use every_bank::sync_every_connection;
pub(crate) use imported::transactions_imported;

use crossterm::event::{KeyCode, KeyEvent};
use rust_i18n::t;

use crate::app::session::refreshing;
use crate::app::{Command, Model, Screen, onboarding};
use crate::domain::{Account, Aggregator, ConnectionId, CredentialField, SyncStep};
use crate::screens::challenge::{ChallengeAction, ChallengeDialog};
use crate::screens::consent::{ConsentAction, ConsentChecklist};
use crate::screens::dashboard::Dashboard;
use crate::screens::syncing::ConnectionProgress;
use crate::ui::widgets::status_line::Status;

/// A key on the sync screen: Enter after a failure retries, Esc goes to the dashboard.
pub(crate) fn syncing_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    match key.code {
        KeyCode::Enter => onboarding::retry_after_failure(model),
        KeyCode::Esc => {
            // The pollers keep running: the dashboard shows their progress per bank.
            model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
            vec![Command::LoadDashboard]
        }
        _ => Vec::new(),
    }
}

/// A key on the bank's question: an answer is sent; a dismissal leaves the bank to time out.
pub(crate) fn challenge_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Challenge(dialog) = &mut model.screen else {
        return Vec::new();
    };
    let (connection, channel) = (dialog.connection.clone(), dialog.channel.clone());
    let action = dialog.on_key(key);
    if !matches!(action, ChallengeAction::None) {
        deadline::answered(model, &connection);
    }
    match action {
        ChallengeAction::None => Vec::new(),
        ChallengeAction::Answer(answers) => {
            model.screen = Screen::Syncing;
            vec![Command::AnswerChallenge {
                connection,
                channel,
                answers,
            }]
        }
        ChallengeAction::Dismiss => {
            model.screen = Screen::Syncing;
            let text = t!("notice.not_answered", locale = model.lang.code());
            model.status = Some(Status::Info(text.into()));
            Vec::new()
        }
    }
}

/// A key on the consent checklist: the choices are sent.
pub(crate) fn consent_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Consent(list) = &mut model.screen else {
        return Vec::new();
    };
    let (connection, channel) = (list.connection.clone(), list.channel.clone());
    let action = list.on_key(key);
    if !matches!(action, ConsentAction::None) {
        deadline::answered(model, &connection);
    }
    match action {
        ConsentAction::None => Vec::new(),
        ConsentAction::Send { accepted, .. } if accepted.is_empty() => {
            share_none::share_none(model, connection)
        }
        ConsentAction::Send { accepted, refused } => {
            let (code, shared) = (model.lang.code(), accepted.len());
            let text = match refused.len() {
                0 => t!("notice.shared", locale = code, shared = shared),
                n => t!(
                    "notice.shared_refused",
                    locale = code,
                    shared = shared,
                    refused = n
                ),
            };
            model.status = Some(Status::Info(text.into()));
            model.screen = Screen::Syncing;
            vec![Command::SendConsents {
                connection,
                channel,
                accepted,
                refused,
            }]
        }
    }
}

/// Registers a new connection on the board and starts polling its queue.
pub(crate) fn start_sync(
    model: &mut Model,
    connection: ConnectionId,
    bank: String,
) -> Vec<Command> {
    let generation = model.next_id();
    model.sync.rows.retain(|r| r.connection != connection);
    model.sync.rows.push(ConnectionProgress {
        connection: connection.clone(),
        bank: crate::screens::clean(&bank),
        step: SyncStep::Starting,
        generation,
        deadline: deadline::deadline_from(model.now),
        imported: 0,
    });
    model.screen = Screen::Syncing;
    model.status = None;
    vec![Command::PollQueue {
        connection,
        generation,
    }]
}

/// Whether the TUI's Oxlin session syncs `connection` (an Oxlin one). finX links are synced
/// through finX (`Command::SyncGermanBank`) when finX is configured (`Model::finx`), else by
/// `coffre sync` (`crate::sync::finx`), and the dashboard says so
/// (`status.finx_by_coffre_sync`) when asked to sync, renew or fix one.
pub(crate) fn synced_here(connection: &ConnectionId) -> bool {
    connection.aggregator() == Aggregator::Oxlin
}

/// Puts `connection` on the sync board at `step` with a fresh generation, which it returns.
pub(crate) fn register(model: &mut Model, connection: &ConnectionId, step: SyncStep) -> u64 {
    let bank = match &model.screen {
        Screen::Dashboard(d) => d
            .connection_names()
            .find(|(id, _)| *id == connection)
            .map(|(_, bank)| bank.to_string()),
        _ => None,
    }
    .unwrap_or_else(|| connection.to_string());
    let generation = model.next_id();
    model.sync.rows.retain(|r| r.connection != *connection);
    model.sync.rows.push(ConnectionProgress {
        connection: connection.clone(),
        bank,
        step,
        generation,
        deadline: deadline::deadline_from(model.now),
        imported: 0,
    });
    generation
}

/// The bank asks a question: the challenge dialog opens.
pub(crate) fn challenge_received(
    model: &mut Model,
    connection: ConnectionId,
    channel: String,
    generation: u64,
    challenge: Vec<CredentialField>,
) -> Vec<Command> {
    if !set_step(model, &connection, generation, SyncStep::WaitingForUser) {
        return Vec::new();
    }
    model.status = None;
    model.screen = Screen::Challenge(ChallengeDialog::new(
        connection, channel, challenge, model.now,
    ));
    Vec::new()
}

/// The bank lists accounts waiting for consent: the checklist opens.
pub(crate) fn consent_requested(
    model: &mut Model,
    connection: ConnectionId,
    channel: String,
    generation: u64,
    accounts: Vec<Account>,
) -> Vec<Command> {
    if !set_step(model, &connection, generation, SyncStep::WaitingForUser) {
        return Vec::new();
    }
    model.screen = Screen::Consent(ConsentChecklist::new(connection, channel, accounts));
    Vec::new()
}

/// A connection's sync moved on: the board, and when every sync is over, the dashboard.
pub(crate) fn sync_progressed(
    model: &mut Model,
    connection: ConnectionId,
    generation: u64,
    step: SyncStep,
) -> Vec<Command> {
    let done = step == SyncStep::Done;
    let failed = matches!(step, SyncStep::Failed(_));
    if !set_step(model, &connection, generation, step) {
        return Vec::new();
    }
    if failed && matches!(model.screen, Screen::Challenge(_) | Screen::Consent(_)) {
        model.screen = Screen::Syncing;
    }
    if done && !model.sync.any_running() {
        match model.screen {
            Screen::Dashboard(_) => {
                let refreshing = refreshing(model.lang);
                if matches!(&model.status, Some(Status::Info(s)) if *s == refreshing) {
                    let text = t!("notice.up_to_date", locale = model.lang.code());
                    model.status = Some(Status::Info(text.into()));
                }
                return vec![Command::StopPolling { connection }, Command::LoadDashboard];
            }
            Screen::Syncing => {
                // The poller wrote the connection to the store before saying Done.
                model.onboarding.renewing = None;
                model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
                return vec![Command::StopPolling { connection }, Command::LoadDashboard];
            }
            _ => {}
        }
    }
    say_failure_on_dashboard(model, &connection);
    if done || failed {
        vec![Command::StopPolling { connection }]
    } else {
        Vec::new()
    }
}

/// On the dashboard, a connection whose sync failed is named in the status line.
pub(crate) fn say_failure_on_dashboard(model: &mut Model, connection: &ConnectionId) {
    if let (Screen::Dashboard(_), Some(row)) = (
        &model.screen,
        model.sync.rows.iter().find(|r| r.connection == *connection),
    ) && let SyncStep::Failed(why) = &row.step
    {
        model.status = Some(Status::Error(format!(
            "{}: {}",
            row.bank,
            crate::wording::failures::sync_failure_words(why, model.lang)
        )));
    }
}

/// Moves a connection to `step` if `generation` is current (its deadline moves on: news came);
/// `false` when the event is stale.
fn set_step(model: &mut Model, connection: &ConnectionId, generation: u64, step: SyncStep) -> bool {
    let deadline = deadline::deadline_from(model.now);
    match model.sync.row_mut(connection) {
        Some(row) if row.generation == generation => {
            row.step = step;
            row.deadline = deadline;
            true
        }
        _ => false,
    }
}
