//! `Connection`, `Channel` and `Owner` (oxlin-api.md §5.4).
//!
//! Docs inconsistency: queue events print channels with `id` instead of
//! `channel_definition_id`; both are accepted (alias).

use serde::{Deserialize, Serialize};

use super::Extra;
use super::open_enum::{AccountType, ChannelMode, ChannelStatus, ConnectionStatus};

/// A user's link to one bank.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Connection {
    pub id: String,
    #[serde(default)]
    pub provider_id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub status: Option<ConnectionStatus>,
    #[serde(default)]
    pub creation_date: Option<i64>,
    #[serde(default)]
    pub auto_sync: Option<bool>,
    #[serde(default)]
    pub logo_url: Option<String>,
    #[serde(default)]
    pub channels: Vec<Channel>,
    #[serde(default)]
    pub owner: Option<Owner>,
    #[serde(default)]
    pub consent_per_account: Option<bool>,
    #[serde(default)]
    pub user_id: Option<String>,
    #[serde(default)]
    pub last_success_date: Option<i64>,
    #[serde(default)]
    pub last_end_date: Option<i64>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A connection's use of one channel definition, with its own status and credential expiry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Channel {
    #[serde(alias = "id")]
    pub channel_definition_id: String,
    #[serde(default)]
    pub mode: Option<ChannelMode>,
    #[serde(default)]
    pub expires: Option<i64>,
    #[serde(default)]
    pub status: Option<ChannelStatus>,
    #[serde(default)]
    pub last_success_date: Option<i64>,
    #[serde(default)]
    pub last_end_date: Option<i64>,
    #[serde(default)]
    pub credentials: Vec<ChannelCredential>,
    #[serde(default)]
    pub account_types: Vec<AccountType>,
    #[serde(default)]
    pub channel_definition_unavailable: Option<bool>,
    #[serde(default)]
    pub eligible_accounts: Option<bool>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A stored credential, shown masked (`**mo`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChannelCredential {
    pub id: String,
    #[serde(default)]
    pub masked_value: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The holder of a connection or account, as the bank knows them.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Owner {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub birth_date: Option<i64>,
    #[serde(default)]
    pub birth_place: Option<String>,
    #[serde(default)]
    pub phone_number: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
