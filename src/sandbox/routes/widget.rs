//! The widget service under `/widget`: `POST /widget/widget_session`.
//!
//! Docs gaps, and what we chose:
//! - Body: form or JSON whatever the content type; `client_id`, `client_secret` and
//!   `access_token` (a live user token) are required; `refresh_token` and the widget defaults
//!   (`provider_id`, `channel_definition_id`, `captive_mode`, …) are accepted and ignored.
//! - A wrong client is 401 `invalid_client`; a missing field is 400; an unknown, expired or
//!   client (non-user) access token is 401 `invalid_token`.
//! - The answer is 200 `{"session_id", "_links": {"add_connection", "terms",
//!   "professional_account"}}`, the shape a production connector's mock shows; the session id is
//!   random. The links point at this sandbox's `/widget/…` (the pages themselves are not served).

use std::time::Instant;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::routing::post;
use axum::{Json, Router};
use rand08::RngCore;
use serde_json::{Value, json};

use super::AppState;
use super::auth::check_client;
use super::error::{ApiError, ApiResult};
use super::request_body;

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route("/widget_session", post(create_session))
}

async fn create_session(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let fields = request_body::fields(&body)?;
    check_client(&sandbox, &headers, &fields)?;
    let token = request_body::text(&fields, "access_token")
        .ok_or_else(|| ApiError::bad_request("missing `access_token`"))?;
    let is_user = sandbox
        .world()
        .tokens
        .check(&token, Instant::now())
        .map(|grant| grant.user_id.is_some())
        .unwrap_or(false);
    if !is_user {
        return Err(ApiError::unauthorized(
            "`access_token` is not a live user token (grant_type=password)",
        ));
    }
    let mut raw = [0u8; 16];
    rand08::thread_rng().fill_bytes(&mut raw);
    let session_id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
    let widget = format!("{}/widget", sandbox.base_url);
    Ok(Json(json!({
        "session_id": session_id,
        "_links": {
            "add_connection": format!("{widget}/add_connection?session_id={session_id}"),
            "terms": format!("{widget}/terms?session_id={session_id}"),
            "professional_account": format!("{widget}/professional-account?session_id={session_id}"),
        }
    })))
}
