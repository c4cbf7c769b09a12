//! The sandbox's JSON error answers.
//!
//! Docs gap (oxlin-api.md §11): v2.1 publishes no error body. We answer every error with the
//! suggested `{"error": "<code>", "error_description": "<text>"}`: 400 bad request, 401 invalid or
//! expired token, 403 missing scope, 404 unknown or another user's resource, 409 duplicate e-mail,
//! 422 a value failing its rule. The token endpoint uses the same shape (RFC 6749 §5.2). The
//! world's refusals (`world::error::WorldError`) map onto these one to one.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::sandbox::world::error::WorldError;

/// An error answer: HTTP status, machine-readable code and a human description.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub status: StatusCode,
    pub error: &'static str,
    pub description: String,
    /// The action the user must perform first (`ACCEPT_TERMS`), written as `"action"`.
    pub action: Option<&'static str>,
}

impl ApiError {
    pub fn new(status: StatusCode, error: &'static str, description: impl Into<String>) -> Self {
        Self {
            status,
            error,
            description: description.into(),
            action: None,
        }
    }

    /// 401 `user_action_required`: without agreement, the user has not accepted the terms yet.
    pub fn terms_not_accepted() -> Self {
        Self {
            action: Some("ACCEPT_TERMS"),
            ..Self::new(
                StatusCode::UNAUTHORIZED,
                "user_action_required",
                "The user has an action to perform: accept the Oxlin terms and conditions (GET /widget/terms).",
            )
        }
    }

    /// 403 `agreement_required`: the client has no PSD2 agreement, so connections are added
    /// and changed through the widget only.
    pub fn agreement_required() -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "agreement_required",
            "This client has no PSD2 agreement: add and manage connections through the widget (POST /widget/widget_session).",
        )
    }

    /// 400 `invalid_request`: the request is malformed or misses a parameter.
    pub fn bad_request(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "invalid_request", description)
    }

    /// 401 `invalid_token`: no, unknown or expired bearer token.
    pub fn unauthorized(description: impl Into<String>) -> Self {
        Self::new(StatusCode::UNAUTHORIZED, "invalid_token", description)
    }

    /// 403 `insufficient_scope`: the token lacks the scope the endpoint needs.
    pub fn forbidden(scope: &str) -> Self {
        Self::new(
            StatusCode::FORBIDDEN,
            "insufficient_scope",
            format!("this call needs the scope `{scope}`"),
        )
    }

    /// 404 `not_found`: unknown id, or an id of another user (never told apart).
    pub fn not_found(what: &str, id: &str) -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "not_found",
            format!("{what} `{id}` not found"),
        )
    }

    /// 409 `conflict`: the resource exists already.
    pub fn conflict(description: impl Into<String>) -> Self {
        Self::new(StatusCode::CONFLICT, "conflict", description)
    }

    /// 422 `invalid_value`: a value that parses but breaks a rule (a credential failing its regexp).
    pub fn invalid_value(description: impl Into<String>) -> Self {
        Self::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "invalid_value",
            description,
        )
    }
}

impl From<WorldError> for ApiError {
    /// 400, 404, 409 or 422, with the world's description.
    fn from(refusal: WorldError) -> Self {
        match refusal {
            WorldError::Malformed(description) => Self::bad_request(description),
            WorldError::NotFound { what, id } => Self::not_found(what, &id),
            WorldError::Conflict(description) => Self::conflict(description),
            WorldError::Invalid(description) => Self::invalid_value(description),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.error, "error_description": self.description });
        if let Some(action) = self.action {
            body["action"] = json!(action);
        }
        (self.status, Json(body)).into_response()
    }
}

/// The result type of every handler.
pub type ApiResult<T> = Result<T, ApiError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn world_refusals_answer_their_documented_statuses() {
        let answer = |refusal: WorldError| {
            let error = ApiError::from(refusal);
            (error.status, error.error, error.description)
        };
        assert_eq!(
            answer(WorldError::Malformed("missing `x`".into())),
            (
                StatusCode::BAD_REQUEST,
                "invalid_request",
                "missing `x`".into()
            )
        );
        assert_eq!(
            answer(WorldError::not_found("connection", "42")),
            (
                StatusCode::NOT_FOUND,
                "not_found",
                "connection `42` not found".into()
            )
        );
        assert_eq!(
            answer(WorldError::Conflict("a sync already runs".into())),
            (
                StatusCode::CONFLICT,
                "conflict",
                "a sync already runs".into()
            )
        );
        assert_eq!(
            answer(WorldError::Invalid("bad code".into())),
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_value",
                "bad code".into()
            )
        );
    }
}
