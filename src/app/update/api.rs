//! What API results and queue events mean: one handler per [`ApiEvent`], in the module of its
//! concern ([`session`], [`onboarding`], [`progress`], the [`dashboard`](super::dashboard)).
//! A result whose request id no longer matches what is awaited, or whose generation is older
//! than the connection's current poller, is stale and dropped there.

use super::dashboard;
use crate::app::{ApiEvent, Command, Model, onboarding, progress, session};
use crate::domain::CallFailure;
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
        E::Failed { error, .. } => background_call_failed(model, error),
        E::DashboardLoaded(result) => dashboard::dashboard_loaded(model, result),
        E::TransactionsLoaded(result) => dashboard::transactions_loaded(model, result),
        E::Connectivity { online } => dashboard::connectivity(model, online),
        E::Notice(text) => notice(model, &text),
        E::Exported(result) => dashboard::exported(model, result),
    }
}

/// A call in the background failed (answering a challenge, sending consents): the status line.
fn background_call_failed(model: &mut Model, error: CallFailure) -> Vec<Command> {
    model.status = Some(Status::Error(crate::wording::failures::call_failure(
        &error,
    )));
    Vec::new()
}

/// Something finished that the user should hear about: the status line.
fn notice(model: &mut Model, text: &str) -> Vec<Command> {
    model.status = Some(Status::Info(crate::screens::clean(text)));
    Vec::new()
}
