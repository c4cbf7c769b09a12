//! `POST /widget/widget_session`: checks the client and the user's access token, opens a session (`world::widget`) and
//! answers its id with a link to every webview.
//!
//! Docs gaps, our choices: the body is form or JSON whatever the content type; `client_id`,
//! `client_secret` and `access_token` (a live user token) are required; `refresh_token` makes
//! the session live as long as its user; the widget defaults (`provider_id`,
//! `channel_definition_id`, `captive_mode`, `select_accounts`, `multiple_channels`,
//! `select_channel`) and a `redirect_url` (or `redirect_uri`) are kept for the pages. A wrong
//! client is 401 `invalid_client`; a missing field is 400; an unknown, expired or client
//! (non-user) access token is 401 `invalid_token`. The answer is 200 `{"session_id",
//! "_links": {…}}` (the shape a production connector's mock shows).

use std::collections::HashMap;
use std::time::Instant;

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use serde_json::{Value, json};

use super::access;
use crate::sandbox::routes::AppState;
use crate::sandbox::routes::auth::check_client;
use crate::sandbox::routes::error::{ApiError, ApiResult};
use crate::sandbox::routes::request_body;
use crate::sandbox::world::widget;

/// The webviews a session links to (the `_links` keys; `professional_account` is served at
/// `/widget/professional-account`, the docs' spelling).
const PAGES: [(&str, &str); 6] = [
    ("add_connection", "add_connection"),
    ("edit_credentials", "edit_credentials"),
    ("user_input", "user_input"),
    ("terms", "terms"),
    ("manage_accounts", "manage_accounts"),
    ("professional_account", "professional-account"),
];

/// `POST /widget/widget_session`.
pub async fn create(
    State(sandbox): State<AppState>,
    headers: HeaderMap,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let fields = request_body::fields(&body)?;
    check_client(&sandbox, &headers, &fields)?;
    let token = request_body::text(&fields, "access_token")
        .ok_or_else(|| ApiError::bad_request("missing `access_token`"))?;
    let refreshable =
        request_body::text(&fields, "refresh_token").is_some_and(|t| !t.trim().is_empty());
    let mut as_query: HashMap<String, String> = HashMap::new();
    for key in [
        "provider_id",
        "channel_definition_id",
        "captive_mode",
        "select_accounts",
        "multiple_channels",
        "select_channel",
        "redirect_url",
        "redirect_uri",
    ] {
        if let Some(value) = request_body::text(&fields, key) {
            as_query.insert(key.to_owned(), value);
        }
    }
    let redirect_url = access::redirect_url(&as_query, widget::flow::Lang::En)
        .map_err(|_| ApiError::invalid_value("`redirect_url` must be an absolute http(s) URL"))?;
    let mut world = sandbox.world();
    let user_id = world
        .tokens
        .check(&token, Instant::now())
        .ok()
        .and_then(|grant| grant.user_id.clone())
        .ok_or_else(|| {
            ApiError::unauthorized("`access_token` is not a live user token (grant_type=password)")
        })?;
    let session_id = widget::open_session(
        &mut world,
        &user_id,
        &token,
        refreshable,
        access::params(&as_query),
        redirect_url,
    );
    let base = format!("{}/widget", sandbox.base_url);
    let links: serde_json::Map<String, Value> = PAGES
        .iter()
        .map(|(key, path)| {
            let url = format!("{base}/{path}?session_id={session_id}");
            ((*key).to_owned(), Value::String(url))
        })
        .collect();
    Ok(Json(json!({ "session_id": session_id, "_links": links })))
}
