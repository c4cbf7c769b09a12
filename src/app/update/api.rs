//! What API results and queue events mean for the model. A result whose request id no longer
//! matches the screen's pending request, or whose generation is older than the connection's
//! current poller, is stale and dropped.

use crate::app::startup::REFRESHING;
use crate::app::update::{back_to_picker, open_channel};
use crate::app::{ApiEvent, Command, Model, Screen};
use crate::domain::{ConnectionId, SyncStep};
use crate::screens::challenge::ChallengeDialog;
use crate::screens::consent::ConsentChecklist;
use crate::screens::dashboard::Dashboard;
use crate::screens::syncing::ConnectionProgress;
use crate::ui::widgets::status_line::Status;

/// Applies one API event.
pub(super) fn handle_api(model: &mut Model, event: ApiEvent) -> Vec<Command> {
    match event {
        ApiEvent::LoggedIn { request, result } if model.background_login == Some(request) => {
            crate::app::startup::background_login_answered(model, result)
        }
        ApiEvent::LoggedIn { request, result } => {
            let Screen::Login(form) = &mut model.screen else {
                return Vec::new();
            };
            if form.pending != Some(request) {
                return Vec::new();
            }
            form.pending = None;
            match result {
                Ok(()) => {
                    model.logged_in = true;
                    crate::app::startup::unpark_dashboard(model, true)
                        .unwrap_or_else(|| back_to_picker(model))
                }
                Err(e) => {
                    form.error = Some(e);
                    Vec::new()
                }
            }
        }
        ApiEvent::ProvidersLoaded(result) => {
            if let Ok(list) = &result {
                model.providers = list.clone();
            }
            if let Screen::ProviderPicker(picker) = &mut model.screen {
                match result {
                    Ok(list) => picker.set_providers(list),
                    Err(e) => {
                        picker.loading = false;
                        picker.error = Some(e);
                    }
                }
            }
            Vec::new()
        }
        ApiEvent::ConnectionCreated { request, result } => {
            let Screen::CredentialForm(form) = &mut model.screen else {
                return Vec::new();
            };
            if form.pending != Some(request) {
                return Vec::new();
            }
            form.pending = None;
            match result {
                Ok(connection) => {
                    let bank = form.provider.name.clone();
                    start_sync(model, connection, bank)
                }
                Err(e) => {
                    form.error = Some(crate::wording::failures::call_failure(&e));
                    Vec::new()
                }
            }
        }
        ApiEvent::AuthorizeUrlReady { request, result } => {
            if let Screen::Redirect(wait) = &mut model.screen
                && wait.request == request
            {
                match result {
                    Ok(url) => wait.url = Some(url),
                    Err(e) => wait.error = Some(e),
                }
            }
            Vec::new()
        }
        ApiEvent::RedirectCompleted { request, result } => {
            let Screen::Redirect(wait) = &mut model.screen else {
                return Vec::new();
            };
            if wait.request != request {
                return Vec::new();
            }
            match result {
                Ok(connection) => {
                    let bank = wait.bank.clone();
                    start_sync(model, connection, bank)
                }
                Err(e) => {
                    wait.error = Some(e);
                    Vec::new()
                }
            }
        }
        ApiEvent::ChallengeReceived {
            connection,
            channel,
            generation,
            challenge,
        } => {
            if !set_step(model, &connection, generation, SyncStep::WaitingForUser) {
                return Vec::new();
            }
            model.status = None;
            model.screen = Screen::Challenge(ChallengeDialog::new(
                connection, channel, challenge, model.now,
            ));
            Vec::new()
        }
        ApiEvent::ConsentRequested {
            connection,
            channel,
            generation,
            accounts,
        } => {
            if !set_step(model, &connection, generation, SyncStep::WaitingForUser) {
                return Vec::new();
            }
            model.screen = Screen::Consent(ConsentChecklist::new(connection, channel, accounts));
            Vec::new()
        }
        ApiEvent::SyncProgressed {
            connection,
            generation,
            step,
        } => {
            let done = step == SyncStep::Done;
            let failed = matches!(step, SyncStep::Failed(_));
            if !set_step(model, &connection, generation, step) {
                return Vec::new();
            }
            if failed && matches!(model.screen, Screen::Challenge(_) | Screen::Consent(_)) {
                model.screen = Screen::Syncing;
            }
            if done && !model.sync.any_running() && matches!(model.screen, Screen::Dashboard(_)) {
                if matches!(&model.status, Some(Status::Info(s)) if s == REFRESHING) {
                    model.status = Some(Status::Info("Every bank is up to date.".into()));
                }
                return vec![Command::StopPolling { connection }, Command::LoadDashboard];
            }
            if done && !model.sync.any_running() && matches!(model.screen, Screen::Syncing) {
                // The poller wrote the connection to the store before saying Done.
                model.renewing = None;
                model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
                return vec![Command::StopPolling { connection }, Command::LoadDashboard];
            }
            if let (Screen::Dashboard(_), Some(row)) = (
                &model.screen,
                model.sync.rows.iter().find(|r| r.connection == connection),
            ) && let SyncStep::Failed(why) = &row.step
            {
                model.status = Some(Status::Error(format!(
                    "{}: {}",
                    row.bank,
                    crate::wording::failures::sync_failure_words(why)
                )));
            }
            if done || failed {
                vec![Command::StopPolling { connection }]
            } else {
                Vec::new()
            }
        }
        ApiEvent::Failed {
            connection: _,
            error,
        } => {
            model.status = Some(Status::Error(crate::wording::failures::call_failure(
                &error,
            )));
            Vec::new()
        }
        ApiEvent::DashboardLoaded(result) => {
            if let Screen::Dashboard(d) = &mut model.screen {
                match result {
                    Ok(data) => d.load(data),
                    Err(e) => {
                        d.loading = false;
                        d.error = Some(crate::screens::clean(&e));
                    }
                }
                if std::mem::take(&mut model.sync_when_loaded) {
                    return crate::app::update::sync_every_connection(model);
                }
            }
            Vec::new()
        }
        ApiEvent::RenewalReady {
            connection,
            provider,
            channel,
        } => {
            if !matches!(model.screen, Screen::Dashboard(_)) {
                return Vec::new();
            }
            model.renewing = Some(connection);
            open_channel(model, *provider, *channel)
        }
        ApiEvent::Notice(text) => {
            model.status = Some(Status::Info(crate::screens::clean(&text)));
            Vec::new()
        }
        ApiEvent::TransactionsLoaded(result) => {
            if let Screen::Dashboard(d) = &mut model.screen {
                match result {
                    Ok(rows) => d.load_transactions(*rows),
                    Err(e) => d.transactions_failed(&e),
                }
            }
            Vec::new()
        }
        ApiEvent::Connectivity { online } => {
            if let Screen::Dashboard(d) = &mut model.screen {
                d.offline = !online;
            }
            Vec::new()
        }
    }
}

/// Registers a new connection on the board and starts polling its queue.
fn start_sync(model: &mut Model, connection: ConnectionId, bank: String) -> Vec<Command> {
    let generation = model.next_id();
    model.sync.rows.retain(|r| r.connection != connection);
    model.sync.rows.push(ConnectionProgress {
        connection: connection.clone(),
        bank: crate::screens::clean(&bank),
        step: SyncStep::Starting,
        generation,
    });
    model.screen = Screen::Syncing;
    model.status = None;
    vec![Command::PollQueue {
        connection,
        generation,
    }]
}

/// Moves a connection to `step` if `generation` is current; `false` when the event is stale.
fn set_step(model: &mut Model, connection: &ConnectionId, generation: u64, step: SyncStep) -> bool {
    match model.sync.row_mut(connection) {
        Some(row) if row.generation == generation => {
            row.step = step;
            true
        }
        _ => false,
    }
}
