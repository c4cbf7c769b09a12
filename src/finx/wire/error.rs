//! Error bodies (finx-api.md §7, §9.3): the finX envelope
//! `{"error":{"code","group","description","data","message"?}}` (a figo-era top-level
//! `status` beside it is kept in `extra`), and the RFC 6749 `{"error","error_description"}`.

use serde::{Deserialize, Serialize};

use super::{Extra, lenient};

/// Either error body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ErrorAnswer {
    /// The finX envelope.
    Finx(ErrorEnvelope),
    /// The RFC 6749 body.
    OAuth(OAuthError),
}

/// `{"error": {…}}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorEnvelope {
    pub error: ErrorBody,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The envelope's content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    /// `1000`–`1999` client, `10000`– user, `20000`– bank, … (§7).
    #[serde(default, deserialize_with = "lenient")]
    pub code: Option<i64>,
    /// `client`, `user`, `bank`, …
    #[serde(default)]
    pub group: Option<String>,
    /// A short summary.
    #[serde(default)]
    pub description: Option<String>,
    /// Validation details, `field → [messages]`.
    #[serde(default)]
    pub data: Option<serde_json::Value>,
    /// The bank's original message (task errors only).
    #[serde(default)]
    pub message: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

impl ErrorBody {
    /// The first field named in `data`.
    pub fn first_field(&self) -> Option<String> {
        self.data.as_ref()?.as_object()?.keys().next().cloned()
    }

    /// `field: message` for the first field of `data` with a message.
    pub fn first_field_message(&self) -> Option<String> {
        let (field, said) = self.data.as_ref()?.as_object()?.iter().next()?;
        let message = match said {
            serde_json::Value::String(text) => text.clone(),
            serde_json::Value::Array(items) => items
                .iter()
                .filter_map(|i| i.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            _ => return None,
        };
        (!message.is_empty()).then(|| format!("{field}: {message}"))
    }
}

/// `{"error": "invalid_grant", "error_description": "…"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OAuthError {
    pub error: String,
    #[serde(default)]
    pub error_description: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
