//! One error type for every finX call, shaped by what the caller must do next: link the bank
//! again (the access is lost), fix the app's client id or secret, fix a named field, wait and
//! retry, give up on a missing resource, or report a server failure. It is `Clone` so it can
//! travel in UI messages, and never holds a secret: what a server says back has every secret
//! the request carried cut out ([`SentSecrets`], shared with the Oxlin client) before it becomes
//! a message, and the message is sanitised and cut to [`MAX_DESCRIPTION_CHARS`].
//!
//! Two error bodies are read (finx-api.md §7, §9.3): the finX envelope
//! `{"error":{"code","group","description","data","message"?}}` and the RFC 6749
//! `{"error","error_description"}`; anything else is told by its HTTP status.
//!
//! Docs gaps (ours, after §9.3): a refused client is code 1004 or `invalid_client` (and any
//! 401 to client Basic auth, see `client::call`); a 400 from `/auth/token` is a refused code or
//! refresh token, so the access is lost ([`FinxError::AccessLost`], see `client::session`), and
//! so is a data call still refused (401) after one refresh. The field a 400 is about is the
//! first key of the envelope's `data`.

use std::time::Duration;

pub use crate::oxlin::error::{MAX_DESCRIPTION_CHARS, SentSecrets};

use super::wire::ErrorAnswer;
use crate::oxlin::error::OxlinError;
use crate::sanitize::clean_line;

/// finX's error code for a refused client authorization (finx-api.md §7).
pub const INVALID_CLIENT_CODE: i64 = 1004;

/// What went wrong with a finX call, and so what to do.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FinxError {
    /// The bank access is gone: the code or refresh token was refused (used, expired, revoked,
    /// or 90 days without a refresh). Link the bank again through the widget.
    #[error("the finX access is lost; link the bank again: {0}")]
    AccessLost(String),
    /// The app itself was refused (wrong client id or secret): the configuration must change.
    #[error("finX refused the app's client id or secret: {0}")]
    ClientRefused(String),
    /// The server refused a value; `field` names it when the answer did.
    #[error("{}{message}", field.as_ref().map(|f| format!("check `{f}`: ")).unwrap_or_default())]
    FixField {
        /// The refused field (the first key of the envelope's `data`).
        field: Option<String>,
        /// What the server said, sanitised.
        message: String,
    },
    /// Rate limited, busy or temporarily down: wait (the server's `Retry-After` when sent).
    #[error("finX is busy; try again{}", after.map(|d| format!(" in {} s", d.as_secs())).unwrap_or_default())]
    RetryLater {
        /// How long the server asked to wait.
        after: Option<Duration>,
    },
    /// The resource does not exist (or is no longer kept: one-time data lives one hour).
    #[error("not found: {0}")]
    NotFound(String),
    /// The call is not allowed with this access's scopes.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// The server failed; its description when it gave one.
    #[error("finX server error {status} during {call}: {description}")]
    Server {
        /// `METHOD /path` of the call.
        call: String,
        /// The HTTP status.
        status: u16,
        /// What the server said, sanitised.
        description: String,
    },
    /// The server's answer could not be read.
    #[error("unreadable finX answer to {call}: {reason}")]
    Malformed {
        /// `METHOD /path` of the call.
        call: String,
        /// What was wrong (never the body's secrets).
        reason: String,
    },
    /// The server could not be reached, or the answer was cut or too slow.
    #[error("cannot reach finX during {call}: {reason}")]
    Network {
        /// `METHOD /path` of the call.
        call: String,
        /// What failed (no URL, no body).
        reason: String,
    },
    /// A new refresh token could not be kept (its keeper failed): it is not used until it is,
    /// since an unkept rotated token loses the access at the next run.
    #[error("the new finX session token could not be saved: {0}")]
    NotKept(String),
    /// The configuration is unusable (bad URL, plain HTTP to a remote host, …).
    #[error("finX configuration: {0}")]
    Config(String),
}

impl FinxError {
    /// True when the same call may succeed if made again later.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            Self::RetryLater { .. } | Self::Network { .. } | Self::Server { status: 500.., .. }
        )
    }

    /// Reads an error answer (`status`, `Retry-After` seconds, body) to a request that carried
    /// the secrets `sent`: none of them appears in the error, whatever the server echoes.
    pub fn from_response(
        call: &str,
        status: u16,
        retry_after: Option<u64>,
        body: &[u8],
        sent: &SentSecrets,
    ) -> Self {
        let said = Said::read(body, sent);
        let description = said
            .description
            .clone()
            .unwrap_or_else(|| format!("HTTP {status}"));
        if said.code == Some(INVALID_CLIENT_CODE) || said.oauth.as_deref() == Some("invalid_client")
        {
            return Self::ClientRefused(description);
        }
        match status {
            401 => Self::AccessLost(description),
            403 => Self::Forbidden(description),
            404 | 410 => Self::NotFound(description),
            423 | 429 => Self::RetryLater {
                after: retry_after.map(Duration::from_secs),
            },
            500.. => Self::Server {
                call: call.to_owned(),
                status,
                description,
            },
            _ if said.oauth.as_deref() == Some("invalid_grant") => Self::AccessLost(description),
            _ => Self::FixField {
                field: said.field,
                message: description,
            },
        }
    }

    /// A transport failure of the shared body reader (`oxlin::client::read_body`) told as a
    /// finX one.
    pub(crate) fn from_transport(error: OxlinError) -> Self {
        match error {
            OxlinError::Network { call, reason } => Self::Network { call, reason },
            OxlinError::Malformed { call, reason } => Self::Malformed { call, reason },
            other => Self::Malformed {
                call: String::new(),
                reason: clean_line(&other.to_string()),
            },
        }
    }
}

/// What an error body said, secrets hidden.
#[derive(Debug, Default)]
struct Said {
    code: Option<i64>,
    oauth: Option<String>,
    description: Option<String>,
    field: Option<String>,
}

impl Said {
    fn read(body: &[u8], sent: &SentSecrets) -> Self {
        match serde_json::from_slice::<ErrorAnswer>(body) {
            Ok(ErrorAnswer::Finx(envelope)) => {
                let e = envelope.error;
                let field = e.first_field();
                let text = match (&e.description, &e.message) {
                    (Some(d), Some(m)) => Some(format!("{d} ({m})")),
                    (d, m) => d.clone().or(m.clone()),
                };
                let detail = e.first_field_message();
                let text = match (text, detail) {
                    (Some(t), Some(d)) => Some(format!("{t} {d}")),
                    (t, d) => t.or(d),
                };
                Said {
                    code: e.code,
                    oauth: None,
                    description: text.map(|t| shown(&t, sent)),
                    field: field.map(|f| shown(&f, sent)),
                }
            }
            Ok(ErrorAnswer::OAuth(oauth)) => Said {
                code: None,
                description: Some(shown(
                    oauth.error_description.as_deref().unwrap_or(&oauth.error),
                    sent,
                )),
                oauth: Some(oauth.error),
                field: None,
            },
            Err(_) => Said::default(),
        }
    }
}

/// A server's text as shown: secrets hidden before and after sanitising (the sanitiser drops
/// invisible characters, which could otherwise join an echoed secret back together), then cut.
fn shown(text: &str, sent: &SentSecrets) -> String {
    let clean = clean_line(&sent.hide(&clean_line(&sent.hide(text))));
    match clean.char_indices().nth(MAX_DESCRIPTION_CHARS) {
        Some((cut, _)) => format!("{}…", &clean[..cut]),
        None => clean,
    }
}

#[cfg(test)]
mod tests;
