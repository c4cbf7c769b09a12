//! Why the world refuses a change or a look-up: [`WorldError`], the world's own error type.
//!
//! The world knows nothing of HTTP: the routes turn each kind into a status and an error body
//! (the routes' `error`, `From<WorldError> for ApiError`), following the error rules written
//! there: a missing or malformed input, an unknown (or another user's) resource, a state that
//! forbids the change, a value that breaks its rule. No description ever echoes a secret value.

/// A refusal of the world, with a description for the caller.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorldError {
    /// An input is missing or malformed (the routes answer 400 `invalid_request`).
    #[error("{0}")]
    Malformed(String),
    /// Unknown id, or an id of another user, never told apart (404 `not_found`).
    #[error("{what} `{id}` not found")]
    NotFound {
        /// What was looked for (`connection`, `account`, `key`, …).
        what: &'static str,
        /// The id that was asked for.
        id: String,
    },
    /// The world's state forbids the change now (409 `conflict`).
    #[error("{0}")]
    Conflict(String),
    /// A value that parses but breaks a rule (422 `invalid_value`).
    #[error("{0}")]
    Invalid(String),
}

impl WorldError {
    /// `what` `id` is unknown, or another user's.
    pub fn not_found(what: &'static str, id: &str) -> Self {
        Self::NotFound {
            what,
            id: id.to_owned(),
        }
    }
}

/// The result type of the world's checked operations.
pub type WorldResult<T> = Result<T, WorldError>;
