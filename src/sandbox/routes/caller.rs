//! Who is calling: the `Authorization: Bearer …` token of a request, checked, with its scopes.
//!
//! Scope rules (oxlin-api.md §2 scope table, enforced as an implication list, since the docs
//! describe scopes loosely): `accounts_manage` implies `accounts_read`; `profile_edit` implies
//! `profile`; `transactions_read` implies `accounts_read` (it "allows you to retrieve the user's
//! bank account information, connections information and transactions information").
//!
//! Without agreement (`coffre sandbox --without-agreement`, seed 002's "Regulatory reminders"),
//! a user token whose user has not accepted the terms in `/widget/terms` is refused here with
//! 401 `user_action_required` (`"action":"ACCEPT_TERMS"`), so every endpoint that checks its
//! caller answers it; the token endpoint and `POST /widget/widget_session` check no caller.
//! [`require_agreement`] is the 403 of the calls that only a client with an agreement may make.

use std::time::Instant;

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::AppState;
use super::error::{ApiError, ApiResult};
use crate::sandbox::world::tokens::{Grant, TokenProblem};

/// The checked bearer token of a request. Its `Debug` hides the token.
#[derive(Clone)]
pub struct Caller {
    pub token: String,
    pub grant: Grant,
}

impl std::fmt::Debug for Caller {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Caller")
            .field(
                "token",
                &format_args!("<{} characters, redacted>", self.token.len()),
            )
            .field("grant", &self.grant)
            .finish()
    }
}

impl Caller {
    /// True when the token carries `scope`, directly or through a wider scope.
    pub fn has(&self, scope: &str) -> bool {
        let implied_by: &[&str] = match scope {
            "accounts_read" => &["accounts_read", "accounts_manage", "transactions_read"],
            "profile" => &["profile", "profile_edit"],
            other => return self.grant.scopes.contains(other),
        };
        implied_by.iter().any(|s| self.grant.scopes.contains(*s))
    }

    /// The user this token speaks for, if it carries one of `scopes`. A client token (no user)
    /// gets 403: the endpoint is a user's.
    pub fn user(&self, scopes: &[&str]) -> ApiResult<&str> {
        self.require(scopes)?;
        self.grant.user_id.as_deref().ok_or_else(|| {
            ApiError::new(
                axum::http::StatusCode::FORBIDDEN,
                "insufficient_scope",
                "this call needs a user token (grant_type=password), not a client token",
            )
        })
    }

    /// Ok when the token carries any of `scopes`.
    pub fn require(&self, scopes: &[&str]) -> ApiResult<()> {
        if scopes.iter().any(|s| self.has(s)) {
            Ok(())
        } else {
            Err(ApiError::forbidden(&scopes.join("` or `")))
        }
    }
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, ApiError> {
        let header = parts
            .headers
            .get(AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .ok_or_else(|| ApiError::unauthorized("missing `Authorization: Bearer …` header"))?;
        let token = header
            .strip_prefix("Bearer ")
            .or_else(|| header.strip_prefix("bearer "))
            .ok_or_else(|| {
                ApiError::unauthorized("the Authorization header is not a Bearer token")
            })?
            .trim()
            .to_owned();
        let grant = match state.world().tokens.check(&token, Instant::now()) {
            Ok(grant) => grant.clone(),
            Err(TokenProblem::Unknown) => {
                return Err(ApiError::unauthorized("unknown access token"));
            }
            Err(TokenProblem::Expired) => {
                return Err(ApiError::unauthorized(
                    "the access token has expired; refresh it or log in again",
                ));
            }
        };
        if let Some(user_id) = &grant.user_id
            && state.config.without_agreement
            && !state
                .world()
                .users
                .by_id
                .get(user_id)
                .is_some_and(|u| u.terms_accepted)
        {
            return Err(ApiError::terms_not_accepted());
        }
        Ok(Caller { token, grant })
    }
}

/// 403 `agreement_required` when the sandbox emulates a client without a PSD2 agreement: adding
/// a connection, changing its channels or credentials and consents per account go through the
/// widget then.
pub fn require_agreement(state: &AppState) -> ApiResult<()> {
    if state.config.without_agreement {
        Err(ApiError::agreement_required())
    } else {
        Ok(())
    }
}
