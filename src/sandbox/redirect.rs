//! The REDIRECT flow: `authorize_url` and the bank authorisation page the sandbox serves itself
//! (standing in for `stettestbank.linxo.com` and the embed's `/oauth2/aisp` callback).
//!
//! 1. `POST /v2.1/providers/{id}/channel_definitions/{cd}/authorize_url` (or the seed's alias
//!    `…/channels/{cd}/authorize_url`) with the §5.9 body → 201, `Location:
//!    {base}/testbank/authorize?create=true&redirect_uri={base}/oauth2/aisp&state=<session>`.
//! 2. `GET /testbank/authorize?state=…` → an HTML page with "approve" and "deny" links.
//! 3. `GET /testbank/authorize/decision?state=…&approve=true|false` → 303 to the caller's
//!    `redirect_uri`.
//!
//! Docs gaps, our choices: on approval the connection is created for the user whose token
//! called `authorize_url` (REDIRECT channel, `expires` = now + 90 days, test-bank `default` data
//! limited to the channel's account types), a queue is subscribed for that user, LIST_ACCOUNTS
//! runs, and the browser goes to `redirect_uri?connection_id=…&status=success&queue_id=…`
//! (+ `state` when `redirect_state` was given). A denial goes to
//! `redirect_uri?status=error&error=access_denied` and creates nothing. With `connection_id`
//! the same approval renews that connection's REDIRECT channel (new `expires`). Sessions are
//! single-use. `redirect_uri` must be an absolute http(s) URL; `redirect_state` may not contain
//! `|` (reserved, S002).

mod page;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::LOCATION;
use axum::response::IntoResponse;
use axum::routing::{get, post};
use serde::Deserialize;
use serde_json::Value;

use super::caller::Caller;
use super::connections::body::parse_json;
use super::connections::owned;
use super::error::{ApiError, ApiResult};
use super::state::AppState;

/// A REDIRECT session waiting for the user's decision at the bank.
#[derive(Debug, Clone)]
pub struct RedirectSession {
    pub user_id: String,
    pub provider_id: String,
    pub channel_definition_id: String,
    pub redirect_uri: url::Url,
    pub redirect_state: Option<String>,
    /// Set when the session renews an existing connection.
    pub connection_id: Option<String>,
}

/// The bank pages, mounted at the root.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/testbank/authorize", get(page::authorize_page))
        .route("/testbank/authorize/decision", get(page::decision))
}

/// The API half of the REDIRECT flow (`authorize_url`), mounted under `/v2.1`.
pub fn api_routes() -> Router<AppState> {
    Router::new()
        .route(
            "/providers/{id}/channel_definitions/{channel_definition_id}/authorize_url",
            post(authorize_url),
        )
        .route(
            "/providers/{id}/channels/{channel_definition_id}/authorize_url",
            post(authorize_url),
        )
}

#[derive(Debug, Deserialize)]
struct AuthorizeBody {
    redirect_uri: String,
    connection_id: Option<String>,
    redirect_state: Option<String>,
    #[allow(dead_code)]
    #[serde(default)]
    widget_params: Option<Value>,
}

async fn authorize_url(
    State(sandbox): State<AppState>,
    caller: Caller,
    Path((provider_id, channel_definition_id)): Path<(String, String)>,
    body: Bytes,
) -> ApiResult<impl IntoResponse> {
    let user_id = caller.user(&["connections_manage"])?.to_owned();
    let body: AuthorizeBody = parse_json(&body)?;
    let provider = super::connections::available_provider(&provider_id)?;
    let channel = provider
        .channel_definitions
        .iter()
        .find(|c| c.id == channel_definition_id)
        .ok_or_else(|| ApiError::not_found("channel definition", &channel_definition_id))?;
    if channel.mode != "REDIRECT" {
        return Err(ApiError::invalid_value(format!(
            "channel definition `{}` is an {} channel: create it with POST /connections",
            channel.id, channel.mode
        )));
    }
    let redirect_uri = url::Url::parse(&body.redirect_uri)
        .ok()
        .filter(|u| matches!(u.scheme(), "http" | "https"))
        .ok_or_else(|| ApiError::invalid_value("`redirect_uri` must be an absolute http(s) URL"))?;
    if body
        .redirect_state
        .as_ref()
        .is_some_and(|s| s.contains('|'))
    {
        return Err(ApiError::invalid_value(
            "`redirect_state` may not contain `|` (reserved)",
        ));
    }
    let mut world = sandbox.world();
    if let Some(connection_id) = &body.connection_id {
        let connection = owned(&world.bank, &user_id, connection_id)?;
        if connection.provider_id != provider.id {
            return Err(ApiError::invalid_value(format!(
                "connection `{connection_id}` is not a connection to provider `{}`",
                provider.id
            )));
        }
    }
    let state = page::session_token();
    world.engine.redirect_sessions.insert(
        state.clone(),
        RedirectSession {
            user_id,
            provider_id: provider.id.clone(),
            channel_definition_id: channel.id.clone(),
            redirect_uri,
            redirect_state: body.redirect_state,
            connection_id: body.connection_id.clone(),
        },
    );
    let mut location = url::Url::parse(&format!("{}/testbank/authorize", sandbox.base_url))
        .map_err(|_| ApiError::bad_request("the sandbox's base URL is not a URL"))?;
    location
        .query_pairs_mut()
        .append_pair(
            "create",
            if body.connection_id.is_some() {
                "false"
            } else {
                "true"
            },
        )
        .append_pair("redirect_uri", &format!("{}/oauth2/aisp", sandbox.base_url))
        .append_pair("state", &state);
    Ok((StatusCode::CREATED, [(LOCATION, location.to_string())]))
}
