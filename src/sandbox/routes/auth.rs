//! `POST /token` (at the auth server's root): client credentials, ROPC (`grant_type=password`)
//! and rotating refresh tokens.
//!
//! Docs gaps, and what we chose:
//! - Body: form or JSON, whatever the content type (see `routes::request_body`).
//! - Client authentication: HTTP Basic (S003) or `client_id`/`client_secret` in the body (S001,
//!   S002); a wrong or missing client is 401 `invalid_client` with `WWW-Authenticate: Basic`.
//! - Errors follow RFC 6749 §5.2: 400 `invalid_request` (missing parameter), 400
//!   `unsupported_grant_type`, 400 `invalid_grant` (wrong user password, unknown or used
//!   refresh token).
//! - Scopes: the token carries exactly the scopes asked for (space-separated; unknown names are
//!   kept, they grant nothing). No `scope` means every scope of the flow: `users_create` for a
//!   client token, every user scope for a user token.
//! - `provider` (ROPC) is accepted with any value (`connect`, `linxoConnect`, …) or none.
//! - User tokens carry a `refresh_token` and an `id_token`; client tokens neither. A refresh token
//!   works once: using it gives a new pair and kills the old access token (Anvil's rotation).
//!   The refreshed token keeps the scopes of the first one.
//! - The early-expiry fault shortens a token's real life while `expires_in` still announces the
//!   configured ttl.

use std::collections::BTreeSet;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::{AUTHORIZATION, WWW_AUTHENTICATE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use axum::{Json, Router};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use serde_json::{Map, Value, json};

use super::AppState;
use super::error::ApiError;
use super::request_body;
use crate::sandbox::world::state::{Sandbox, epoch_now};
use crate::sandbox::world::tokens::{Grant, id_token};

/// Every scope a user token may carry.
pub const USER_SCOPES: &[&str] = &[
    "openid",
    "profile",
    "profile_edit",
    "accounts_read",
    "accounts_manage",
    "connections_manage",
    "connections_sync",
    "transactions_read",
];

/// The routes of this module.
pub fn routes() -> Router<AppState> {
    Router::new().route("/token", post(token))
}

async fn token(State(sandbox): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match grant_token(&sandbox, &headers, &body) {
        Ok(answer) => (StatusCode::OK, Json(answer)).into_response(),
        Err(error) if error.status == StatusCode::UNAUTHORIZED => (
            [(WWW_AUTHENTICATE, "Basic realm=\"coffre sandbox\"")],
            error,
        )
            .into_response(),
        Err(error) => error.into_response(),
    }
}

fn grant_token(sandbox: &Sandbox, headers: &HeaderMap, body: &[u8]) -> Result<Value, ApiError> {
    let fields = request_body::fields(body)?;
    let grant_type = request_body::text(&fields, "grant_type")
        .ok_or_else(|| ApiError::bad_request("missing `grant_type`"))?;
    check_client(sandbox, headers, &fields)?;
    let config = &sandbox.config;
    let life = config
        .faults
        .early_expiry
        .map_or(config.token_ttl, |early| early.min(config.token_ttl));
    let mut world = sandbox.world();
    let (grant, email) = match grant_type.as_str() {
        "client_credentials" => {
            let scopes = scopes(&fields, &["users_create"]);
            let issued = world.tokens.issue_with_life(
                Grant {
                    user_id: None,
                    scopes,
                },
                config.token_ttl,
                life,
                false,
            );
            return Ok(json!({
                "access_token": issued.access_token,
                "token_type": "Bearer",
                "expires_in": issued.expires_in,
            }));
        }
        "password" => {
            let username = request_body::text(&fields, "username")
                .ok_or_else(|| ApiError::bad_request("missing `username`"))?;
            let password = request_body::text(&fields, "password")
                .ok_or_else(|| ApiError::bad_request("missing `password`"))?;
            let user = world
                .users
                .authenticate(&username, &password)
                .ok_or_else(|| invalid_grant("wrong username or password"))?;
            let grant = Grant {
                user_id: Some(user.id.clone()),
                scopes: scopes(&fields, USER_SCOPES),
            };
            (grant, user.email.clone())
        }
        "refresh_token" => {
            let refresh = request_body::text(&fields, "refresh_token")
                .ok_or_else(|| ApiError::bad_request("missing `refresh_token`"))?;
            let grant = world
                .tokens
                .take_refresh(&refresh)
                .ok_or_else(|| invalid_grant("unknown, used or revoked refresh token"))?;
            let user_id = grant.user_id.clone().unwrap_or_default();
            let email = world
                .users
                .by_id
                .get(&user_id)
                .map(|u| u.email.clone())
                .ok_or_else(|| invalid_grant("the user of this refresh token was deleted"))?;
            (grant, email)
        }
        _ => {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "unsupported_grant_type",
                "grant_type must be client_credentials, password or refresh_token",
            ));
        }
    };
    let user_id = grant.user_id.clone().unwrap_or_default();
    let issued = world
        .tokens
        .issue_with_life(grant, config.token_ttl, life, true);
    Ok(json!({
        "access_token": issued.access_token,
        "token_type": "Bearer",
        "expires_in": issued.expires_in,
        "refresh_token": issued.refresh_token,
        "id_token": id_token(&user_id, &email, &config.client_id, epoch_now(), config.token_ttl),
    }))
}

/// Checks the client: HTTP Basic first, else `client_id`/`client_secret` in the body.
pub fn check_client(
    sandbox: &Sandbox,
    headers: &HeaderMap,
    fields: &Map<String, Value>,
) -> Result<(), ApiError> {
    let basic = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Basic ")
                .or_else(|| v.strip_prefix("basic "))
        })
        .and_then(|b64| STANDARD.decode(b64.trim()).ok())
        .and_then(|raw| String::from_utf8(raw).ok())
        .and_then(|pair| {
            pair.split_once(':')
                .map(|(id, secret)| (id.to_owned(), secret.to_owned()))
        });
    let (id, secret) = match basic {
        Some(pair) => pair,
        None => (
            request_body::text(fields, "client_id").unwrap_or_default(),
            request_body::text(fields, "client_secret").unwrap_or_default(),
        ),
    };
    if id == sandbox.config.client_id && secret == sandbox.config.client_secret {
        Ok(())
    } else {
        Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "unknown client or wrong client secret",
        ))
    }
}

fn scopes(fields: &Map<String, Value>, all: &[&str]) -> BTreeSet<String> {
    match request_body::text(fields, "scope") {
        Some(asked) if !asked.trim().is_empty() => asked
            .split([' ', '+', ','])
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect(),
        _ => all.iter().map(|s| (*s).to_owned()).collect(),
    }
}

fn invalid_grant(description: &str) -> ApiError {
    ApiError::new(StatusCode::BAD_REQUEST, "invalid_grant", description)
}
