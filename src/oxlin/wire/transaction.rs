//! `Transaction` (oxlin-api.md §5.6). Dates are epoch seconds at midnight Europe/Paris.

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::Extra;
use super::open_enum::{TransactionOrigin, TransactionStatus, TransactionType};

/// One line of an account's history (`GET /transactions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    pub id: String,
    #[serde(default)]
    pub account_id: Option<String>,
    #[serde(default)]
    pub currency: Option<String>,
    #[serde(default)]
    pub origin: Option<TransactionOrigin>,
    #[serde(default)]
    pub label: Option<String>,
    #[serde(default)]
    pub notes: Option<String>,
    pub amount: Decimal,
    #[serde(rename = "type", default)]
    pub kind: Option<TransactionType>,
    #[serde(default)]
    pub category_id: Option<String>,
    #[serde(default)]
    pub date: Option<i64>,
    #[serde(default)]
    pub import_date: Option<i64>,
    #[serde(default)]
    pub value_date: Option<i64>,
    #[serde(default)]
    pub booking_date: Option<i64>,
    #[serde(default)]
    pub transaction_date: Option<i64>,
    #[serde(default)]
    pub status: Option<TransactionStatus>,
    #[serde(default)]
    pub remittance_information: Vec<String>,
    #[serde(default)]
    pub source: Option<serde_json::Value>,
    #[serde(default)]
    pub original_trx_id: Option<String>,
    #[serde(default)]
    pub check_number: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
