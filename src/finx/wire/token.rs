//! `POST /auth/token` (finx-api.md §6.1, seed 004): the request for each grant, sent as JSON
//! (§9.10), and the token answer. Codes and tokens are secrets: read straight into
//! `SecretString`, written only into the request body, never printed.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::Extra;
use crate::oxlin::secret::serialize_secret;

/// A token request, one variant per grant (`grant_type`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(tag = "grant_type", rename_all = "snake_case")]
pub enum TokenRequest {
    /// Exchange the single-use code of the widget's callback.
    AuthorizationCode {
        #[serde(serialize_with = "serialize_secret")]
        code: SecretString,
        /// The `redirect_uri` of the access request (shown by the docs, optional per Postman).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        redirect_uri: Option<String>,
    },
    /// Spend a refresh token for a new access token and a new refresh token (rotation).
    RefreshToken {
        #[serde(serialize_with = "serialize_secret")]
        refresh_token: SecretString,
    },
}

/// The token answer for every grant.
#[derive(Debug, Deserialize)]
pub struct TokenResponse {
    /// The Bearer token of the data calls (1 h).
    pub access_token: SecretString,
    /// Seconds; every example shows 3600.
    #[serde(default)]
    pub expires_in: Option<u64>,
    /// Space-separated `name=ro|rw` and `offline`.
    #[serde(default)]
    pub scope: Option<String>,
    #[serde(default)]
    pub token_type: Option<String>,
    /// The new refresh token, replacing the one spent (absent: keep the previous one).
    #[serde(default)]
    pub refresh_token: Option<SecretString>,
    #[serde(flatten)]
    pub extra: Extra,
}
