//! Secrets: the client secret, user passwords, OTP codes, credential values and tokens.
//!
//! They live in `secrecy::SecretString` (wiped on drop; its `Debug` prints `[REDACTED]` and it
//! has no `Display`), and are exposed only at the last moment: when a request body or form is
//! written. The helpers here let serde write one without ever printing it.

use secrecy::{ExposeSecret, SecretString};
use serde::Serializer;

pub use secrecy::{ExposeSecret as Expose, SecretString as Secret};

/// Builds a secret from text (the text is moved in, not copied).
pub fn secret(text: impl Into<String>) -> SecretString {
    SecretString::from(text.into())
}

/// serde `serialize_with` for a `SecretString` field: writes the secret's text.
pub fn serialize_secret<S: Serializer>(
    value: &SecretString,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(value.expose_secret())
}

/// serde `serialize_with` for an optional `SecretString` field.
pub fn serialize_optional_secret<S: Serializer>(
    value: &Option<SecretString>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match value {
        Some(secret) => serializer.serialize_some(secret.expose_secret()),
        None => serializer.serialize_none(),
    }
}

/// Compares two secrets without revealing either (used by tests and the token manager).
pub fn same_secret(a: &SecretString, b: &SecretString) -> bool {
    a.expose_secret() == b.expose_secret()
}
