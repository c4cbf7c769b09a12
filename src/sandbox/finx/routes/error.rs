//! finX's error answer: `{"error": {"code", "group", "description", "data"}}` (finx-api.md §7)
//! with its HTTP status, and a `WWW-Authenticate` header on 401s.
//!
//! Choices (§9.3, §9.11 and ours): schema errors are 400 / 1000 "Request body doesn't match
//! input schema." with `data` = field → messages (query parameters included); an unknown,
//! used or expired code or refresh token is 400 / 1000 with the reason in `description`; a
//! wrong client is 401 / 1004 with `WWW-Authenticate: Basic realm="finX"`; a missing, unknown
//! or expired bearer token is 401 / 1003 with `WWW-Authenticate: Bearer realm="finX",
//! error="invalid_token", error_description="…"` (RFC 6750); an unknown object or path is
//! 404 / 1002. The optional `message` (bank text) is never sent. The fault injection
//! (`--faults`) answers in this envelope under `/finx`: a rate limit is 429 / 1008 ("resource
//! busy", the nearest published code) with `Retry-After`; a server failure is 500 or 503 /
//! 30000, group `general` (the range finX publishes for general errors, no code named).

use axum::Json;
use axum::http::StatusCode;
use axum::http::header::WWW_AUTHENTICATE;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

/// One finX error answer.
#[derive(Debug, Clone, PartialEq)]
pub struct FinxError {
    pub status: StatusCode,
    /// finX's numeric error code (1000 invalid request, 1002 not found, …).
    pub code: u32,
    /// finX's code range (`client` 1000–1999, `general` 30000–39999, finx-api.md §7).
    pub group: &'static str,
    pub description: String,
    /// Field → messages, for schema errors.
    pub data: Map<String, Value>,
    /// The `WWW-Authenticate` header of a 401.
    pub challenge: Option<String>,
}

/// The result of every finX handler.
pub type FinxResult<T> = Result<T, FinxError>;

/// The description of every schema error (finX's own words, §7).
pub const SCHEMA_MISMATCH: &str = "Request body doesn't match input schema.";

impl FinxError {
    fn new(status: StatusCode, code: u32, description: impl Into<String>) -> Self {
        Self {
            status,
            code,
            group: "client",
            description: description.into(),
            data: Map::new(),
            challenge: None,
        }
    }

    /// 400 / 1000 with one message per field in `problems`.
    pub fn schema(problems: Map<String, Value>) -> Self {
        Self {
            data: problems,
            ..Self::new(StatusCode::BAD_REQUEST, 1000, SCHEMA_MISMATCH)
        }
    }

    /// 400 / 1000 with `message` for `field`.
    pub fn field(field: &str, message: &str) -> Self {
        let mut data = Map::new();
        data.insert(field.to_owned(), json!([message]));
        Self::schema(data)
    }

    /// 400 / 1000 with a description of what is wrong (a body that is not JSON, a bad grant).
    pub fn invalid(description: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, 1000, description)
    }

    /// 401 / 1004: missing or wrong client credentials.
    pub fn bad_client() -> Self {
        Self {
            challenge: Some("Basic realm=\"finX\"".to_owned()),
            ..Self::new(
                StatusCode::UNAUTHORIZED,
                1004,
                "Invalid client authorization",
            )
        }
    }

    /// 401 / 1003: missing, unknown or expired bearer token (`why` goes in the header too).
    pub fn bad_bearer(why: &str) -> Self {
        Self {
            challenge: Some(format!(
                "Bearer realm=\"finX\", error=\"invalid_token\", error_description=\"{why}\""
            )),
            ..Self::new(
                StatusCode::UNAUTHORIZED,
                1003,
                format!("Unauthorized: {why}"),
            )
        }
    }

    /// 404 / 1002: an unknown object (account, transaction).
    pub fn not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            1002,
            "The requested object does not exist.",
        )
    }

    /// 404 / 1002: no such path.
    pub fn no_route() -> Self {
        Self::new(StatusCode::NOT_FOUND, 1002, "Not Found")
    }

    /// 429 / 1008 ("resource busy"): the fault injection's rate limit (the route adds
    /// `Retry-After`).
    pub fn rate_limited() -> Self {
        Self::new(
            StatusCode::TOO_MANY_REQUESTS,
            1008,
            "Too many requests (fault injection); retry after the delay in Retry-After.",
        )
    }

    /// 503 or 500 / 30000 in the `general` group: the fault injection's server failure.
    pub fn server_failure(unavailable: bool) -> Self {
        let status = match unavailable {
            true => StatusCode::SERVICE_UNAVAILABLE,
            false => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self {
            group: "general",
            ..Self::new(
                status,
                30000,
                "The sandbox failed on purpose (fault injection).",
            )
        }
    }

    /// The body (`{"error": {…}}`).
    pub fn body(&self) -> Value {
        json!({ "error": {
            "code": self.code,
            "group": self.group,
            "description": self.description,
            "data": self.data,
        }})
    }
}

impl IntoResponse for FinxError {
    fn into_response(self) -> Response {
        let body = Json(self.body());
        match &self.challenge {
            Some(challenge) => {
                (self.status, [(WWW_AUTHENTICATE, challenge.clone())], body).into_response()
            }
            None => (self.status, body).into_response(),
        }
    }
}
