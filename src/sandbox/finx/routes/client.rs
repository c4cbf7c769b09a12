//! Who calls: the client by HTTP Basic (`/onetime/access`, `/auth/token`) or an access by its
//! bearer token (`/rest/*`), checked against [`SANDBOX_FINX_CLIENT_ID`] /
//! [`SANDBOX_FINX_CLIENT_SECRET`] and the finX world's tokens.
//!
//! Choice (finx-api.md §3): Basic only, no client credentials in the body (the Postman
//! collection and the SDKs always use the header); the scheme name is matched case-blind.

use axum::http::HeaderMap;
use axum::http::header::AUTHORIZATION;
use base64::Engine;
use base64::engine::general_purpose::STANDARD;

use super::error::{FinxError, FinxResult};
use crate::sandbox::config::{SANDBOX_FINX_CLIENT_ID, SANDBOX_FINX_CLIENT_SECRET};
use crate::sandbox::finx::world::FinxState;
use crate::sandbox::finx::world::tokens::BearerRefusal;

/// The value of `Authorization: <scheme> <value>` when the scheme is `scheme`.
fn credentials<'a>(headers: &'a HeaderMap, scheme: &str) -> Option<&'a str> {
    let value = headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (given, rest) = value.split_once(' ')?;
    given.eq_ignore_ascii_case(scheme).then(|| rest.trim())
}

/// Checks the client's HTTP Basic credentials.
pub fn check_client(headers: &HeaderMap) -> FinxResult<()> {
    let pair = credentials(headers, "Basic")
        .and_then(|b64| STANDARD.decode(b64).ok())
        .and_then(|raw| String::from_utf8(raw).ok());
    match pair.as_deref().and_then(|p| p.split_once(':')) {
        Some((id, secret))
            if id == SANDBOX_FINX_CLIENT_ID && secret == SANDBOX_FINX_CLIENT_SECRET =>
        {
            Ok(())
        }
        _ => Err(FinxError::bad_client()),
    }
}

/// The access (`X…`) the bearer token opens.
pub fn access_of(headers: &HeaderMap, state: &FinxState) -> FinxResult<String> {
    let token = credentials(headers, "Bearer")
        .filter(|t| !t.is_empty())
        .ok_or_else(|| FinxError::bad_bearer("missing bearer token"))?;
    state
        .tokens
        .bearer(token, state.now())
        .map_err(|refusal| match refusal {
            BearerRefusal::Unknown => FinxError::bad_bearer("unknown access token"),
            BearerRefusal::Expired => FinxError::bad_bearer("the access token expired"),
        })
}
