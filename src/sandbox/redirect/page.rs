//! The sandbox's stand-in for the bank's authorisation site: the page that asks the user, and
//! the decision that creates (or renews) the connection and sends the browser back.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{Html, IntoResponse, Response};
use rand08::RngCore;

use super::RedirectSession;
use crate::sandbox::connections::{channel_record, new_connection};
use crate::sandbox::engine::{self, JobKind, Trigger};
use crate::sandbox::error::ApiError;
use crate::sandbox::providers;
use crate::sandbox::queues;
use crate::sandbox::state::{AppState, epoch_now};
use crate::sandbox::testbank;

/// How long a REDIRECT channel's authorisation lasts (PSD2: 90 days).
const AUTHORISATION_SECS: i64 = 90 * 24 * 3600;

/// An unguessable session token (the `state` of the bank URL).
pub fn session_token() -> String {
    let mut bytes = [0u8; 16];
    rand08::thread_rng().fill_bytes(&mut bytes);
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `GET /testbank/authorize?state=…`: the page with approve and deny links.
pub async fn authorize_page(
    State(sandbox): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let state = query.get("state").cloned().unwrap_or_default();
    let world = sandbox.world();
    let Some(session) = world.engine.redirect_sessions.get(&state) else {
        return ApiError::not_found("authorisation session", &escape(&state)).into_response();
    };
    let bank = providers::find(&session.provider_id).map_or("the bank", |p| p.name.as_str());
    let state = escape(&state);
    Html(format!(
        "<!doctype html>\n<html><head><meta charset=\"utf-8\"><title>{bank}</title></head><body>\n\
         <h1>{bank}</h1>\n<p>Share your checking and credit-card accounts with coffre?</p>\n\
         <p><a id=\"approve\" href=\"/testbank/authorize/decision?state={state}&amp;approve=true\">Approve</a>\n\
         <a id=\"deny\" href=\"/testbank/authorize/decision?state={state}&amp;approve=false\">Deny</a></p>\n\
         </body></html>\n",
        bank = escape(bank)
    ))
    .into_response()
}

/// `GET /testbank/authorize/decision?state=…&approve=true|false`.
pub async fn decision(
    State(sandbox): State<AppState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let state = query.get("state").cloned().unwrap_or_default();
    let approve = query.get("approve").is_some_and(|v| v == "true");
    let Some(session) = sandbox.world().engine.redirect_sessions.remove(&state) else {
        return ApiError::not_found("authorisation session", &escape(&state)).into_response();
    };
    let params = if approve {
        approved(&sandbox, &session)
    } else {
        vec![
            ("status", "error".to_owned()),
            ("error", "access_denied".to_owned()),
        ]
    };
    let mut target = session.redirect_uri.clone();
    {
        let mut pairs = target.query_pairs_mut();
        for (key, value) in &params {
            pairs.append_pair(key, value);
        }
        if let Some(redirect_state) = &session.redirect_state {
            pairs.append_pair("state", redirect_state);
        }
    }
    (StatusCode::SEE_OTHER, [(LOCATION, target.to_string())]).into_response()
}

/// Creates or renews the connection; answers the query parameters for the caller.
fn approved(sandbox: &AppState, session: &RedirectSession) -> Vec<(&'static str, String)> {
    let error = |code: &str| vec![("status", "error".to_owned()), ("error", code.to_owned())];
    let (Some(provider), Ok(bank)) = (
        providers::find(&session.provider_id),
        testbank::load("default"),
    ) else {
        return error("server_error");
    };
    let Some(def) = provider
        .channel_definitions
        .iter()
        .find(|d| d.id == session.channel_definition_id)
    else {
        return error("server_error");
    };
    let mut world = sandbox.world();
    let connection_id = match &session.connection_id {
        Some(id) if world.bank.connections.contains_key(id) => id.clone(),
        Some(_) => return error("connection_not_found"),
        None => {
            let id = sandbox.next_id();
            let connection = new_connection(provider, id.clone(), &session.user_id);
            world.bank.connections.insert(id.clone(), connection);
            id
        }
    };
    if let Some(connection) = world.bank.connections.get_mut(&connection_id) {
        if !connection
            .channels
            .iter()
            .any(|c| c.channel_definition_id == def.id)
        {
            connection.channels.push(channel_record(def, "NEVER"));
        }
        for channel in connection
            .channels
            .iter_mut()
            .filter(|c| c.channel_definition_id == def.id)
        {
            channel.expires = Some(epoch_now() + AUTHORISATION_SECS);
        }
        connection.owner_name = connection.owner_name.take().or(bank.owner.clone());
        if connection.test_bank.is_none() {
            connection.test_bank = Some(bank.clone());
        }
    }
    let key = (connection_id.clone(), def.id.clone());
    world.engine.banks.insert(key.clone(), bank);
    let queue_id = queues::subscribe(
        sandbox,
        &mut world,
        &session.user_id,
        vec!["connections".to_owned()],
    );
    engine::start(
        sandbox,
        &mut world,
        key,
        JobKind::ListAccounts,
        Trigger::User,
    );
    vec![
        ("connection_id", connection_id),
        ("status", "success".to_owned()),
        ("queue_id", queue_id),
    ]
}
