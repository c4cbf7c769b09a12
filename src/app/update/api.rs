//! What API results and queue events mean: one handler per [`ApiEvent`], in the module of its
//! concern ([`session`], [`onboarding`], [`progress`], the [`dashboard`](super::dashboard)).
//! A result whose request id no longer matches what is awaited, or whose generation is older
//! than the connection's current poller, is stale and dropped there.
//!
//! A failed answer to the bank (a challenge answer, the consents) ends the sync that waited for
//! it: nothing else will come from the bank for that sync, and a row left "waiting for your
//! answer" would never end.

use super::dashboard;
use crate::app::{ApiEvent, Command, Model, Screen, onboarding, progress, session};
use crate::domain::{CallFailure, ChannelHealth, ConnectionId, SyncStep};
use crate::ui::widgets::status_line::Status;

/// Applies one API event.
pub(super) fn handle_api(model: &mut Model, event: ApiEvent) -> Vec<Command> {
    use ApiEvent as E;
    match event {
        E::LoggedIn { request, result } => session::logged_in(model, request, result),
        E::ProvidersLoaded(result) => onboarding::providers_loaded(model, result),
        E::ConnectionCreated { request, result } => {
            onboarding::connection_created(model, request, result)
        }
        E::AuthorizeUrlReady { request, result } => {
            onboarding::authorize_url_ready(model, request, result)
        }
        E::RedirectCompleted { request, result } => {
            onboarding::redirect_completed(model, request, result)
        }
        E::RenewalReady {
            connection,
            provider,
            channel,
        } => onboarding::renewal_ready(model, connection, *provider, *channel),
        E::ChallengeReceived {
            connection,
            channel,
            generation,
            challenge,
        } => progress::challenge_received(model, connection, channel, generation, challenge),
        E::ConsentRequested {
            connection,
            channel,
            generation,
            accounts,
        } => progress::consent_requested(model, connection, channel, generation, accounts),
        E::SyncProgressed {
            connection,
            generation,
            step,
        } => progress::sync_progressed(model, connection, generation, step),
        E::Failed { connection, error } => background_call_failed(model, connection, error),
        E::DashboardLoaded(result) => dashboard::dashboard_loaded(model, result),
        E::TxWindowRead { generation, rows } => dashboard::tx_window_read(model, generation, rows),
        E::TxCounted { generation, count } => dashboard::tx_counted(model, generation, count),
        E::TxFactsRead { generation, facts } => dashboard::tx_facts_read(model, generation, facts),
        E::ChartsLoaded(result) => dashboard::charts_loaded(model, result),
        E::Connectivity { online } => dashboard::connectivity(model, online),
        E::TransactionsImported {
            connection,
            imported,
        } => progress::transactions_imported(model, &connection, imported),
        E::Notice(text) => notice(model, &text),
        E::Exported(result) => dashboard::exported(model, result),
    }
}

/// A call in the background failed (answering a challenge, sending consents): the status line,
/// and the end of the sync that waited for that answer.
fn background_call_failed(
    model: &mut Model,
    connection: Option<ConnectionId>,
    error: CallFailure,
) -> Vec<Command> {
    let words = crate::wording::failures::call_failure(&error, model.lang);
    model.status = Some(Status::Error(words.clone()));
    let on_screen = match &model.screen {
        Screen::Challenge(d) => Some(&d.connection),
        Screen::Consent(c) => Some(&c.connection),
        _ => None,
    };
    let Some(connection) = connection.filter(|c| on_screen != Some(c)) else {
        return Vec::new();
    };
    match model.sync.row_mut(&connection) {
        Some(row) if row.step == SyncStep::WaitingForUser => {
            row.step = SyncStep::Failed(ChannelHealth::Other(words));
            vec![Command::StopPolling { connection }]
        }
        _ => Vec::new(),
    }
}

/// Something finished that the user should hear about: the status line.
fn notice(model: &mut Model, text: &str) -> Vec<Command> {
    model.status = Some(Status::Info(crate::screens::clean(text)));
    Vec::new()
}
