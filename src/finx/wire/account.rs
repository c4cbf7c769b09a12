//! `Account`, its embedded `Balance` and the sync `status` (finx-api.md §5.1, §5.2).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::open_enums::AccountType;
use super::{Extra, Timestamp, lenient};

/// A bank account (`GET /rest/accounts`, `GET /rest/accounts/{id}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Account {
    /// finX id (`A12345.6`).
    pub account_id: String,
    /// The bank access it belongs to (`X12345.6`).
    #[serde(default)]
    pub access_id: Option<String>,
    #[serde(default)]
    pub account_number: Option<String>,
    /// The national bank code (BLZ).
    #[serde(default)]
    pub bank_code: Option<String>,
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub bic: Option<String>,
    #[serde(default)]
    pub bank_name: Option<String>,
    #[serde(default)]
    pub icon: Option<Icon>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub balance: Option<Balance>,
    #[serde(rename = "type", default)]
    pub kind: Option<AccountType>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub auto_sync: Option<bool>,
    #[serde(default)]
    pub save_pin: Option<bool>,
    #[serde(default)]
    pub is_jointly_managed: Option<bool>,
    /// Payment capabilities by payment type (not used by coffre; kept as sent).
    #[serde(default)]
    pub supported_payments: Option<serde_json::Value>,
    #[serde(default)]
    pub status: Option<SyncStatus>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A balance (`GET /rest/accounts/{id}/balance`, or embedded in an account).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Balance {
    /// Major units; `null` when the bank gave none.
    #[serde(default)]
    pub balance: Option<Decimal>,
    #[serde(default, deserialize_with = "lenient")]
    pub balance_date: Option<Timestamp>,
    #[serde(default)]
    pub status: Option<SyncStatus>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// When an account or balance was last synced, and when that last succeeded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SyncStatus {
    #[serde(default, deserialize_with = "lenient")]
    pub synced_at: Option<Timestamp>,
    #[serde(default, deserialize_with = "lenient")]
    pub succeeded_at: Option<Timestamp>,
    /// The bank's message about the last sync, if any.
    #[serde(default)]
    pub message: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The bank's logo: one URL, and one per resolution (`"48x48"` → URL).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Icon {
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub resolutions: std::collections::BTreeMap<String, String>,
    #[serde(flatten)]
    pub extra: Extra,
}
