//! One error type for every Oxlin call, shaped by what the caller must do next: log in again,
//! fix the app's client id or secret (the OAuth code `invalid_client`), fix a named field, wait and retry, try another bank, answer a fresh challenge, give up on a
//! missing resource, or report a server failure. It is `Clone` so it can travel in UI messages,
//! and never holds a secret: request bodies and tokens are never copied into it, and what the
//! server says back has every secret the request carried cut out ([`SentSecrets`]) before it
//! becomes a message.
//!
//! Docs gap: v2.1 publishes no error body. We read the suggested
//! `{"error","error_description"}` (oxlin-api.md §11) and fall back to the raw status. The field
//! a 400/422 is about is the first `` `name` `` quoted in the description (the sandbox's style).

use std::time::Duration;

mod hide;

pub use hide::{HIDDEN, SentSecrets};

/// The longest description kept from a server's answer, in characters; longer ones are cut
/// and end with `…` (a server may answer with megabytes).
pub const MAX_DESCRIPTION_CHARS: usize = 500;

use super::challenge::AnswerError;
use super::pgp::PgpError;
use crate::sanitize::clean_line;

/// What went wrong with an Oxlin call, and so what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum OxlinError {
    /// The user has an action to perform in Oxlin's webviews before any call works (401
    /// `user_action_required`; `action` is e.g. `ACCEPT_TERMS`). The token is fine: refreshing
    /// it or logging in again cannot help.
    #[error("the user has an action to perform ({action}): {description}")]
    UserActionRequired { action: String, description: String },
    /// The session is over (token refused, refresh refused): log in again.
    #[error("please log in again: {0}")]
    LogInAgain(String),
    /// A session resumed from a saved refresh token is over: the server refused every refresh
    /// token this process knows of (its own and the one kept in the store), and there is no
    /// password behind it. Not a wrong password: the user typed nothing.
    #[error("your saved session expired; please log in again: {0}")]
    SessionExpired(String),
    /// The app itself was refused: the OAuth error code `invalid_client` (wrong client id or
    /// secret). Logging the user in again cannot help; the configuration must change.
    #[error("the app's client id or secret was refused: {0}")]
    ClientRefused(String),
    /// The server refused a value; `field` names it when known.
    #[error("{}{message}", field.as_ref().map(|f| format!("check `{f}`: ")).unwrap_or_default())]
    FixField {
        field: Option<String>,
        message: String,
    },
    /// Rate limited or temporarily down: wait (the server's `Retry-After` when it sent one).
    #[error("the server is busy; try again{}", after.map(|d| format!(" in {} s", d.as_secs())).unwrap_or_default())]
    RetryLater { after: Option<Duration> },
    /// The bank is unavailable right now.
    #[error("the bank is unavailable: {0}")]
    ProviderUnavailable(String),
    /// The challenge was not answered in time; start the sync again.
    #[error("the bank's question expired: {0}")]
    ChallengeExpired(String),
    /// The resource does not exist (or belongs to someone else).
    #[error("not found: {0}")]
    NotFound(String),
    /// The call is not allowed with this session's scopes.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// The server failed; its description when it gave one.
    #[error("server error {status} during {call}: {description}")]
    Server {
        call: String,
        status: u16,
        description: String,
    },
    /// The server's answer could not be read.
    #[error("unreadable answer to {call}: {reason}")]
    Malformed { call: String, reason: String },
    /// The server could not be reached, or the answer was cut or too slow.
    #[error("cannot reach the server during {call}: {reason}")]
    Network { call: String, reason: String },
    /// The configuration is unusable (bad URL, plain HTTP to a remote host, …).
    #[error("configuration: {0}")]
    Config(String),
    /// A credential could not be encrypted.
    #[error(transparent)]
    Encryption(#[from] PgpError),
    /// An answer to a challenge or form field was refused before sending.
    #[error(transparent)]
    Answer(#[from] AnswerError),
}

impl OxlinError {
    /// True when the same call may succeed if made again later.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RetryLater { .. } | Self::Network { .. } | Self::Server { status: 500.., .. }
        )
    }

    /// Reads an error answer: `status`, optional `Retry-After` seconds and the body.
    pub fn from_response(call: &str, status: u16, retry_after: Option<u64>, body: &str) -> Self {
        Self::from_response_hiding(call, status, retry_after, body, &SentSecrets::new())
    }

    /// [`OxlinError::from_response`] for a request that carried `sent`: none of them appears in
    /// the error, whatever the server echoes.
    pub fn from_response_hiding(
        call: &str,
        status: u16,
        retry_after: Option<u64>,
        body: &str,
        sent: &SentSecrets,
    ) -> Self {
        let parsed: Option<serde_json::Value> = serde_json::from_str(body).ok();
        let text = |key: &str| {
            parsed
                .as_ref()
                .and_then(|v| v.get(key))
                .and_then(|v| v.as_str())
                .map(|v| shown(v, sent))
        };
        let code = text("error").unwrap_or_default();
        let description = text("error_description")
            .or_else(|| text("message"))
            .unwrap_or_else(|| format!("HTTP {status}"));
        let lower = format!("{code} {description}").to_ascii_lowercase();
        if lower.contains("challenge") && (lower.contains("expired") || lower.contains("timed out"))
        {
            return Self::ChallengeExpired(description);
        }
        match status {
            400 | 401 if code == "invalid_client" => Self::ClientRefused(description),
            401 if code == "user_action_required" => Self::UserActionRequired {
                action: text("action").unwrap_or_default(),
                description,
            },
            401 => Self::LogInAgain(description),
            400 if code == "invalid_grant" => Self::LogInAgain(description),
            403 => Self::Forbidden(description),
            404 | 410 => Self::NotFound(description),
            429 => Self::RetryLater {
                after: retry_after.map(Duration::from_secs),
            },
            503 if lower.contains("provider") || lower.contains("bank") => {
                Self::ProviderUnavailable(description)
            }
            500.. => Self::Server {
                call: call.to_owned(),
                status,
                description,
            },
            _ => Self::FixField {
                field: first_quoted(&description),
                message: description,
            },
        }
    }
}

/// A server's text as shown: secrets hidden both before and after sanitising (the sanitiser
/// drops invisible characters, which could otherwise join an echoed secret back together), then
/// cut to [`MAX_DESCRIPTION_CHARS`].
fn shown(text: &str, sent: &SentSecrets) -> String {
    let clean = clean_line(&sent.hide(&clean_line(&sent.hide(text))));
    match clean.char_indices().nth(MAX_DESCRIPTION_CHARS) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean,
    }
}

/// The first `` `word` `` in a description.
fn first_quoted(description: &str) -> Option<String> {
    let start = description.find('`')? + 1;
    let len = description[start..].find('`')?;
    Some(description[start..start + len].to_owned()).filter(|f| !f.is_empty())
}

#[cfg(test)]
mod fuzz;
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_status_says_what_to_do() {
        let body =
            r#"{"error":"invalid_value","error_description":"`redirect_uri` must be absolute"}"#;
        assert_eq!(
            OxlinError::from_response("x", 422, None, body),
            OxlinError::FixField {
                field: Some("redirect_uri".into()),
                message: "`redirect_uri` must be absolute".into()
            }
        );
        assert_eq!(
            OxlinError::from_response("x", 429, Some(2), ""),
            OxlinError::RetryLater {
                after: Some(Duration::from_secs(2))
            }
        );
        assert!(matches!(
            OxlinError::from_response("x", 401, None, "{}"),
            OxlinError::LogInAgain(_)
        ));
        assert!(matches!(
            OxlinError::from_response("x", 400, None, r#"{"error":"invalid_grant"}"#),
            OxlinError::LogInAgain(_)
        ));
        for status in [400, 401] {
            let body = r#"{"error":"invalid_client","error_description":"unknown client"}"#;
            assert_eq!(
                OxlinError::from_response("POST /token", status, None, body),
                OxlinError::ClientRefused("unknown client".into())
            );
        }
        assert!(matches!(
            OxlinError::from_response("x", 404, None, "nope"),
            OxlinError::NotFound(_)
        ));
        let server = OxlinError::from_response("GET /accounts", 503, None, "");
        assert!(server.is_transient());
        assert_eq!(
            server.to_string(),
            "server error 503 during GET /accounts: HTTP 503"
        );
    }
}
