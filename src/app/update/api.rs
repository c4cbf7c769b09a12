//! What API results and queue events mean for the model. A result whose request id no longer
//! matches the screen's pending request, or whose generation is older than the connection's
//! current poller, is stale and dropped.

use crate::app::api_types::SyncStep;
use crate::app::update::back_to_picker;
use crate::app::{ApiEvent, Command, Model, Screen};
use crate::screens::accounts::AccountsTable;
use crate::screens::challenge::ChallengeDialog;
use crate::screens::consent::ConsentChecklist;
use crate::screens::syncing::ConnectionProgress;
use crate::ui::widgets::status_line::Status;

/// Applies one API event.
pub(super) fn handle_api(model: &mut Model, event: ApiEvent) -> Vec<Command> {
    match event {
        ApiEvent::LoggedIn { request, result } => {
            let Screen::Login(form) = &mut model.screen else {
                return Vec::new();
            };
            if form.pending != Some(request) {
                return Vec::new();
            }
            form.pending = None;
            match result {
                Ok(()) => back_to_picker(model),
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
                    form.error = Some(e.to_string());
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
                return vec![Command::StopPolling { connection }, Command::LoadDashboard];
            }
            if done && !model.sync.any_running() && matches!(model.screen, Screen::Syncing) {
                model.screen = Screen::Accounts(AccountsTable::loading());
                return vec![Command::StopPolling { connection }, Command::LoadAccounts];
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
            model.status = Some(Status::Error(error.to_string()));
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
            }
            Vec::new()
        }
        ApiEvent::TransactionsLoaded(result) => {
            if let Screen::Dashboard(d) = &mut model.screen {
                match result {
                    Ok(rows) => d.load_transactions(rows),
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
        ApiEvent::AccountsLoaded(result) => {
            if let Screen::Accounts(table) = &mut model.screen {
                match result {
                    Ok(rows) => table.set_rows(rows),
                    Err(e) => {
                        table.loading = false;
                        table.error = Some(e);
                    }
                }
            }
            Vec::new()
        }
    }
}

/// Registers a new connection on the board and starts polling its queue.
fn start_sync(model: &mut Model, connection: String, bank: String) -> Vec<Command> {
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
fn set_step(model: &mut Model, connection: &str, generation: u64, step: SyncStep) -> bool {
    match model.sync.row_mut(connection) {
        Some(row) if row.generation == generation => {
            row.step = step;
            true
        }
        _ => false,
    }
}
