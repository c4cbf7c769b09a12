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
//! Docs gaps, our choices: what an approval or a renewal does to the world is documented in
//! `world::redirect`. The browser goes to
//! `redirect_uri?connection_id=…&status=success&queue_id=…` (+ `state` when `redirect_state`
//! was given); a denial goes to `redirect_uri?status=error&error=access_denied` and creates
//! nothing. `redirect_uri` must be an absolute http(s) URL; `redirect_state` may not contain
//! `|` (reserved, S002).
//!
//! Docs contradictions, our choices (the seed curl test, `tests/sandbox_curl_redirect.rs`, runs
//! each printed command): S002's test-bank example nests `redirect_uri` inside `widget_params`,
//! so a missing top-level `redirect_uri` is taken from `widget_params.redirect_uri`. S002's HSBC
//! examples post to `…/channel_definitions/100/…` while HSBC's printed channels are `redirect1`
//! and `embedded1`: when the path's id is not a channel of the provider and the body names a
//! `channel_definition_id` that is, the body's id is used; otherwise the unknown id is a 404
//! that lists the provider's channel ids (we do not guess a channel for the caller).

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

use super::AppState;
use super::body::parse_json;
use super::caller::Caller;
use super::error::{ApiError, ApiResult};
use crate::sandbox::world::connections::available_provider;
use crate::sandbox::world::redirect::{RedirectSession, open_session};

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
    redirect_uri: Option<String>,
    connection_id: Option<String>,
    channel_definition_id: Option<String>,
    redirect_state: Option<String>,
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
    let provider = available_provider(&provider_id)?;
    let find = |id: &str| provider.channel_definitions.iter().find(|c| c.id == id);
    let channel = find(&channel_definition_id)
        .or_else(|| body.channel_definition_id.as_deref().and_then(find))
        .ok_or_else(|| {
            let known: Vec<&str> = provider
                .channel_definitions
                .iter()
                .map(|c| c.id.as_str())
                .collect();
            ApiError::new(
                StatusCode::NOT_FOUND,
                "not_found",
                format!(
                    "channel definition `{}` not found: provider `{}` has {}",
                    crate::sanitize::clean_line(&channel_definition_id),
                    provider.id,
                    known.join(", ")
                ),
            )
        })?;
    if channel.mode != "REDIRECT" {
        return Err(ApiError::invalid_value(format!(
            "channel definition `{}` is an {} channel: create it with POST /connections",
            channel.id, channel.mode
        )));
    }
    let nested_uri = body
        .widget_params
        .as_ref()
        .and_then(|w| w.get("redirect_uri"))
        .and_then(Value::as_str);
    let redirect_uri = body.redirect_uri.as_deref().or(nested_uri).ok_or_else(|| {
        ApiError::bad_request("malformed JSON body: missing field `redirect_uri`")
    })?;
    let redirect_uri = url::Url::parse(redirect_uri)
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
    let renews = body.connection_id.is_some();
    let state = open_session(
        &mut sandbox.world(),
        RedirectSession {
            user_id,
            provider_id: provider.id.clone(),
            channel_definition_id: channel.id.clone(),
            redirect_uri,
            redirect_state: body.redirect_state,
            connection_id: body.connection_id,
        },
    )?;
    let mut location = url::Url::parse(&format!("{}/testbank/authorize", sandbox.base_url))
        .map_err(|_| ApiError::bad_request("the sandbox's base URL is not a URL"))?;
    location
        .query_pairs_mut()
        .append_pair("create", if renews { "false" } else { "true" })
        .append_pair("redirect_uri", &format!("{}/oauth2/aisp", sandbox.base_url))
        .append_pair("state", &state);
    Ok((StatusCode::CREATED, [(LOCATION, location.to_string())]))
}
