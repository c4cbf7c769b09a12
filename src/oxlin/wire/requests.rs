//! Request bodies the client sends (oxlin-api.md §4, §5.9, seed 002). Credential values and
//! widget secrets are `SecretString`: written into the JSON body, never into `Debug`.
//!
//! Docs gaps (oxlin-api.md §11), sandbox choices followed: `POST /connections` also takes an
//! optional `channel_definition_id` and `auto_sync`; `PUT /connections/{id}/credentials/{cid}`
//! takes `{"value","key_id"}`; `PUT /accounts/{id}` takes partial JSON `{"status","name"}`.

use secrecy::SecretString;
use serde::{Deserialize, Serialize};

use super::open_enum::AccountStatus;
use crate::oxlin::secret::{serialize_optional_secret, serialize_secret};

/// One credential or challenge answer: `{"id","value"}`; all values are strings.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CredentialValue {
    pub id: String,
    #[serde(serialize_with = "serialize_secret")]
    pub value: SecretString,
}

/// `POST /connections/{id}/channels/{cdid}/user_input`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserInputRequest {
    pub credentials: Vec<CredentialValue>,
}

/// `POST /connections` (EMBEDDED).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateConnectionRequest {
    pub provider_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    pub credentials: Vec<CredentialValue>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_definition_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auto_sync: Option<bool>,
}

/// `PUT /connections/{id}/channels/{cdid}`: replace (or add) a channel's credentials.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChannelCredentialsRequest {
    /// The channel definition id.
    pub id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    pub credentials: Vec<CredentialValue>,
}

/// `PUT /connections/{id}/credentials/{credential_id}`.
#[derive(Debug, Clone, Serialize)]
pub struct SingleCredentialRequest {
    #[serde(serialize_with = "serialize_secret")]
    pub value: SecretString,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
}

/// One account's consent decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentDecision {
    pub account_id: String,
    pub consent: bool,
}

/// `PUT /connections/{id}/consents`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConsentsRequest {
    pub consents: Vec<ConsentDecision>,
}

/// `PUT /accounts/{id}` (partial).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct AccountUpdate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<AccountStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// `POST /providers/{pid}/channel_definitions/{cdid}/authorize_url` (oxlin-api.md §5.9).
/// `connection_id` present → renew an existing connection's credentials; absent → create one.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct AuthorizeUrlRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub connection_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel_definition_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub use_client_redirect: Option<bool>,
    /// Opaque; must not contain `|` (reserved by Oxlin).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub widget_params: Option<WidgetParams>,
}

/// What the widget service needs to finish a REDIRECT flow on the client's behalf.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct WidgetParams {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_secret"
    )]
    pub client_secret: Option<SecretString>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_secret"
    )]
    pub access_token: Option<SecretString>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        serialize_with = "serialize_optional_secret"
    )]
    pub refresh_token: Option<SecretString>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provider_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub redirect_uri: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub captive_mode: Option<bool>,
}
