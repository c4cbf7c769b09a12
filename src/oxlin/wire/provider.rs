//! `Provider`, `ChannelDefinition`, `CredentialDefinition`, `Challenge` and `Key`
//! (oxlin-api.md §5.2, §5.3, §5.7).
//!
//! Docs gap: challenge `params` values are documented as strings; we also accept numbers and
//! booleans (written as their JSON text) rather than reject a whole event over one parameter.

use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};

use super::Extra;
use super::open_enum::{AccountType, ChannelMode, CredentialType, KeyType};

/// A bank (`GET /providers`, `GET /providers/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Provider {
    pub id: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub branch_name: Option<String>,
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub logo_url: Option<String>,
    #[serde(default)]
    pub country_code: Option<String>,
    #[serde(default)]
    pub interactive: Option<bool>,
    #[serde(default)]
    pub unavailable: Option<bool>,
    #[serde(default)]
    pub channel_definitions: Vec<ChannelDefinition>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One way to reach a bank: a REDIRECT (PSD2) or EMBEDDED (credential form) channel.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelDefinition {
    pub id: String,
    pub mode: ChannelMode,
    #[serde(default)]
    pub account_types: Vec<AccountType>,
    #[serde(default)]
    pub credentials: Vec<CredentialDefinition>,
    #[serde(default)]
    pub interactive: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// One field of a bank's credential form.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CredentialDefinition {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub regexp: Option<String>,
    #[serde(rename = "type")]
    pub kind: CredentialType,
    #[serde(default)]
    pub encrypt: bool,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A question from the bank during a sync: a credential definition plus `params` for the
/// `{mustache}` placeholders of its label.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Challenge {
    pub id: String,
    #[serde(default)]
    pub label: String,
    #[serde(default)]
    pub regexp: Option<String>,
    #[serde(rename = "type")]
    pub kind: CredentialType,
    #[serde(default)]
    pub encrypt: bool,
    #[serde(default, deserialize_with = "params_as_strings")]
    pub params: BTreeMap<String, String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// An encryption key (`GET /keys/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Key {
    pub id: String,
    pub public_key: String,
    #[serde(rename = "type", default = "pgp")]
    pub kind: KeyType,
    #[serde(default)]
    pub expiration_date: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

fn pgp() -> KeyType {
    KeyType::Pgp
}

fn params_as_strings<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<BTreeMap<String, String>, D::Error> {
    let raw = Option::<BTreeMap<String, serde_json::Value>>::deserialize(deserializer)?;
    Ok(raw
        .unwrap_or_default()
        .into_iter()
        .map(|(name, value)| {
            let text = match value {
                serde_json::Value::String(text) => text,
                other => other.to_string(),
            };
            (name, text)
        })
        .collect())
}
