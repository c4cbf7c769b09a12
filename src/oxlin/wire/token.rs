//! The auth server's token answer (oxlin-api.md §2). Tokens are secrets: they are read straight
//! into `SecretString` and never printed.

use secrecy::SecretString;
use serde::Deserialize;

use super::Extra;

/// `POST /token` answer for every grant.
#[derive(Debug, Deserialize)]
pub struct TokenResponse {
    pub access_token: SecretString,
    #[serde(default)]
    pub token_type: Option<String>,
    /// Seconds; every example shows 3600.
    #[serde(default)]
    pub expires_in: Option<u64>,
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    #[serde(default)]
    pub id_token: Option<SecretString>,
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
