//! The sandbox's stand-in for the bank's authorisation site: the page that asks the user, and
//! the decision that creates (or renews) the connection and sends the browser back.

use std::collections::HashMap;

use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::{Html, IntoResponse, Response};

use crate::sandbox::routes::AppState;
use crate::sandbox::routes::error::ApiError;
use crate::sandbox::world::providers;
use crate::sandbox::world::redirect;

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
        match redirect::approve(&sandbox, &session) {
            Ok(done) => vec![
                ("connection_id", done.connection_id),
                ("status", "success".to_owned()),
                ("queue_id", done.queue_id),
            ],
            Err(code) => vec![("status", "error".to_owned()), ("error", code.to_owned())],
        }
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
