//! The webviews' entry points: `GET /widget/add_connection`, `/widget/terms`,
//! `/widget/edit_credentials`, `/widget/user_input` and `/widget/manage_accounts` (agreement
//! only: without one it goes back with `status=error&error=AGREEMENT_REQUIRED`). Each checks the session (an expired one
//! goes back with `status=expired` at once), starts a flow on it, and sends the browser to the
//! flow's page, `/widget/flow?session_id=…`.

use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Query as QueryOf, State};
use axum::response::Response;

use super::access::{self, Query, expired_at_start, finish};
use super::html::{link, see_other};
use crate::sandbox::routes::AppState;
use crate::sandbox::world::state::World;
use crate::sandbox::world::widget::flow::{Flow, FlowKind, Outcome, Step};
use crate::sandbox::world::widget::{self, channel, follow, form};

/// `GET /widget/add_connection`.
pub async fn add_connection(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    open(&sandbox, &query, FlowKind::AddConnection)
}

/// `GET /widget/terms`.
pub async fn terms(State(sandbox): State<AppState>, QueryOf(query): QueryOf<Query>) -> Response {
    open(&sandbox, &query, FlowKind::Terms)
}

/// `GET /widget/edit_credentials`.
pub async fn edit_credentials(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    open(&sandbox, &query, FlowKind::EditCredentials)
}

/// `GET /widget/manage_accounts` (agreement only).
pub async fn manage_accounts(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    open(&sandbox, &query, FlowKind::ManageAccounts)
}

/// `GET /widget/user_input`.
pub async fn user_input(
    State(sandbox): State<AppState>,
    QueryOf(query): QueryOf<Query>,
) -> Response {
    open(&sandbox, &query, FlowKind::UserInput)
}

fn open(sandbox: &AppState, query: &Query, kind: FlowKind) -> Response {
    let lang = access::lang(query);
    let redirect = match access::redirect_url(query, lang) {
        Ok(redirect) => redirect,
        Err(page) => return *page,
    };
    let session_id = query.get("session_id").cloned().unwrap_or_default();
    let mut world = sandbox.world();
    let session = match widget::live_session(&world, &session_id, Instant::now()) {
        Ok(session) => session.clone(),
        Err(problem) => {
            let redirect = redirect.or_else(|| {
                world
                    .widget
                    .sessions
                    .get(&session_id)
                    .and_then(|s| s.redirect_url.clone())
            });
            return expired_at_start(problem, kind, redirect, lang);
        }
    };
    let params = session.defaults.overridden_by(&access::params(query));
    let redirect = redirect.or(session.redirect_url.clone());
    let mut flow = Flow::new(kind, lang, redirect, params);
    flow.connection_id = query.get("connection_id").cloned();
    let user_id = session.user_id.clone();
    first_step(sandbox, &mut world, &session_id, &user_id, &mut flow);
    let step = flow.step.clone();
    let ended = flow.clone();
    let Some(generation) = widget::start_flow(&mut world, &session_id, flow) else {
        return expired_at_start(widget::SessionProblem::Unknown, kind, None, lang);
    };
    drop(world);
    match step {
        Step::Done(outcome) => finish(&ended, &outcome),
        _ => {
            follow::spawn(sandbox, &session_id, generation);
            see_other(&link("flow", &session_id, &[]))
        }
    }
}

/// Where a new flow starts: the terms when they are still to accept, then the webview's own
/// first step.
fn first_step(
    sandbox: &Arc<crate::sandbox::world::state::Sandbox>,
    world: &mut World,
    session_id: &str,
    user_id: &str,
    flow: &mut Flow,
) {
    let needs_agreement =
        flow.params.select_accounts == Some(true) || flow.kind == FlowKind::ManageAccounts;
    if flow.kind != FlowKind::Terms && sandbox.config.without_agreement && needs_agreement {
        flow.step = Step::Done(Outcome::Failed {
            status: "AGREEMENT_REQUIRED".to_owned(),
            message: "select_accounts and manage_accounts need a PSD2 agreement".to_owned(),
        });
        return;
    }
    if !widget::terms_accepted(sandbox, world, user_id) {
        flow.step = Step::Terms;
        return;
    }
    match flow.kind {
        FlowKind::Terms | FlowKind::AddConnection => {
            flow.connection_id = None;
            channel::begin(sandbox, world, session_id, user_id, flow);
        }
        FlowKind::EditCredentials => edit(sandbox, world, session_id, user_id, flow),
        FlowKind::UserInput => pending_challenge(sandbox, world, user_id, flow),
        FlowKind::ManageAccounts => {
            if own_connection(world, user_id, flow).is_some() {
                form::subscribe_queues(sandbox, world, user_id, flow);
                flow.step = Step::Consent;
            }
        }
    }
}

/// Edit credentials: the connection's channel that logs in with a form (or the one forced),
/// else its REDIRECT channel through the bank page.
fn edit(
    sandbox: &Arc<crate::sandbox::world::state::Sandbox>,
    world: &mut World,
    session_id: &str,
    user_id: &str,
    flow: &mut Flow,
) {
    let Some(connection) = own_connection(world, user_id, flow) else {
        return;
    };
    let provider_id = connection.provider_id.clone();
    if flow.channel_definition_id.is_none() {
        flow.channel_definition_id = world
            .engine
            .credentials
            .keys()
            .find(|(c, _)| Some(c) == flow.connection_id.as_ref())
            .map(|(_, channel)| channel.clone());
    }
    flow.provider_id = Some(provider_id.clone());
    channel::enter_provider(sandbox, world, session_id, user_id, flow, &provider_id);
}

/// User input: the challenge pending on one of the connection's channels, shown at once; the
/// follower shows the next ones.
fn pending_challenge(
    sandbox: &Arc<crate::sandbox::world::state::Sandbox>,
    world: &mut World,
    user_id: &str,
    flow: &mut Flow,
) {
    let Some(connection) = own_connection(world, user_id, flow) else {
        return;
    };
    let connection_id = connection.id.clone();
    let pending = connection.channels.iter().find_map(|c| {
        let key = (connection_id.clone(), c.channel_definition_id.clone());
        let inputs = world.engine.awaiting(&key)?;
        Some((
            c.channel_definition_id.clone(),
            super::challenge::as_challenge(inputs),
        ))
    });
    let Some((channel_id, challenge)) = pending else {
        flow.step = Step::Done(Outcome::Failed {
            status: "NO_PENDING_CHALLENGE".to_owned(),
            message: format!("no challenge waits for an answer on connection `{connection_id}`"),
        });
        return;
    };
    flow.channel_definition_id = Some(channel_id);
    form::subscribe_queues(sandbox, world, user_id, flow);
    flow.step = Step::Challenge(challenge);
}

/// The flow's `connection_id` when it is the user's; else the flow ends in error.
fn own_connection<'w>(
    world: &'w World,
    user_id: &str,
    flow: &mut Flow,
) -> Option<&'w crate::sandbox::world::bank::ConnectionRecord> {
    let id = flow.connection_id.clone().unwrap_or_default();
    match crate::sandbox::world::connections::owned(&world.bank, user_id, &id) {
        Ok(connection) => Some(connection),
        Err(refusal) => {
            flow.connection_id = None;
            flow.step = Step::Done(Outcome::Failed {
                status: "INVALID_CONNECTION".to_owned(),
                message: refusal.to_string(),
            });
            None
        }
    }
}
