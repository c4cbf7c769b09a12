//! `POST /auth/token` (client Basic auth; JSON or form body, finx-api.md §9.10): exchanges an
//! authorization code, or rotates a refresh token, for `{"access_token", "expires_in",
//! "scope", "token_type", "refresh_token"}` (seed 004's answer).
//!
//! Choices (§6, §9.3, ours): `redirect_uri` with a code is optional and, when given, must be
//! the link's; every answer carries a new refresh token, and the one just used stops working;
//! `scope` in a refresh is ignored (the token keeps the one-time scope); the legacy `password`
//! grant is not offered (400 / 1000 naming the supported grants). The client is checked
//! before the body. The early-expiry fault (`--faults expire=…`) shortens the access token's
//! real life while `expires_in` still says 3600.

use axum::Json;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::client::check_client;
use super::error::{FinxError, FinxResult};
use crate::sandbox::finx::world::tokens::GrantRefusal;
use crate::sandbox::routes::{AppState, request_body};

/// The scope of every one-time access token (seed 004).
pub const ONE_TIME_SCOPE: &str = "accounts=ro balance=ro transactions=ro offline";

/// `POST /auth/token`.
pub async fn token(State(sandbox): State<AppState>, headers: HeaderMap, body: Bytes) -> Response {
    match grant(&sandbox, &headers, &body) {
        Ok(answer) => Json(answer).into_response(),
        Err(error) => error.into_response(),
    }
}

fn grant(sandbox: &AppState, headers: &HeaderMap, body: &[u8]) -> FinxResult<Value> {
    check_client(headers)?;
    let fields = request_body::fields(body).map_err(|e| FinxError::invalid(e.description))?;
    let text = |name: &str| request_body::text(&fields, name);
    let grant_type = text("grant_type")
        .ok_or_else(|| FinxError::field("grant_type", "Missing data for required field."))?;
    let mut finx = sandbox.finx.lock();
    let now = finx.now();
    let access_id = match grant_type.as_str() {
        "authorization_code" => {
            let code = text("code")
                .ok_or_else(|| FinxError::field("code", "Missing data for required field."))?;
            let redirect_uri = text("redirect_uri");
            finx.tokens
                .redeem_code(&code, redirect_uri.as_deref(), now)
                .map_err(|refusal| refused("authorization code", refusal))?
        }
        "refresh_token" => {
            let refresh = text("refresh_token").ok_or_else(|| {
                FinxError::field("refresh_token", "Missing data for required field.")
            })?;
            finx.tokens
                .redeem_refresh(&refresh, now)
                .map_err(|refusal| refused("refresh token", refusal))?
        }
        _ => {
            return Err(FinxError::field(
                "grant_type",
                "Must be one of: authorization_code, refresh_token.",
            ));
        }
    };
    let settings = finx.settings;
    let life = sandbox
        .config
        .faults
        .early_expiry
        .and_then(|early| chrono::Duration::from_std(early).ok())
        .map_or(settings.access_ttl, |early| early.min(settings.access_ttl));
    let issued = finx.tokens.issue_pair(
        &access_id,
        settings.access_ttl,
        now + life,
        now + settings.refresh_ttl,
    );
    Ok(json!({
        "access_token": issued.access_token,
        "expires_in": issued.expires_in,
        "scope": ONE_TIME_SCOPE,
        "token_type": "Bearer",
        "refresh_token": issued.refresh_token,
    }))
}

/// 400 / 1000 saying why `what` was refused.
fn refused(what: &str, refusal: GrantRefusal) -> FinxError {
    match refusal {
        GrantRefusal::Unknown => FinxError::invalid(format!("Invalid {what}: unknown.")),
        GrantRefusal::AlreadyUsed => FinxError::invalid(format!("Invalid {what}: already used.")),
        GrantRefusal::Expired => FinxError::invalid(format!("Invalid {what}: expired.")),
        GrantRefusal::RedirectMismatch => FinxError::field(
            "redirect_uri",
            "Does not match the redirect_uri of the access link.",
        ),
    }
}
