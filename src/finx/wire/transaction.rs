//! `Transaction` (finx-api.md §5.3): signed amount in major units, the counterparty's `name`
//! and bank details, `booked` (false: pending), booking and settlement dates, the full SEPA
//! `purpose` and its parts, and finX's enrichment (categories, payment partner).

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::open_enums::TransactionType;
use super::{Extra, Timestamp, lenient};

/// One line of an account's history (`GET /rest/transactions`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Transaction {
    /// finX id (`T12345.6`).
    pub transaction_id: String,
    #[serde(default)]
    pub account_id: Option<String>,
    /// Signed, major units; negative is a debit.
    pub amount: Decimal,
    #[serde(default)]
    pub currency: Option<String>,
    /// The counterparty (originator or recipient).
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub iban: Option<String>,
    #[serde(default)]
    pub bic: Option<String>,
    #[serde(default)]
    pub account_number: Option<String>,
    #[serde(default)]
    pub bank_code: Option<String>,
    #[serde(default)]
    pub bank_name: Option<String>,
    /// `true` booked, `false` pending.
    #[serde(default)]
    pub booked: Option<bool>,
    #[serde(default, alias = "booking_date", deserialize_with = "lenient")]
    pub booked_at: Option<Timestamp>,
    /// The value date.
    #[serde(default, alias = "value_date", deserialize_with = "lenient")]
    pub settled_at: Option<Timestamp>,
    /// The full remittance text with its SEPA tags (`EREF+… MREF+… SVWZ+…`).
    #[serde(default)]
    pub purpose: Option<String>,
    /// The unstructured remittance (the `SVWZ+` part).
    #[serde(default)]
    pub sepa_remittance_info: Option<String>,
    #[serde(default)]
    pub sepa_purpose_code: Option<String>,
    #[serde(default)]
    pub end_to_end_reference: Option<String>,
    #[serde(default)]
    pub mandate_reference: Option<String>,
    #[serde(default)]
    pub creditor_id: Option<String>,
    /// The bank's booking text (`Lastschrift`, `Dauer-Euro-Überweisung`).
    #[serde(default)]
    pub booking_text: Option<String>,
    #[serde(default)]
    pub booking_key: Option<String>,
    /// The DTA/GVC key (`105`).
    #[serde(default, deserialize_with = "lenient")]
    pub transaction_code: Option<i64>,
    #[serde(default)]
    pub prima_nota_number: Option<String>,
    #[serde(rename = "type", default)]
    pub kind: Option<TransactionType>,
    /// From general to specific.
    #[serde(default, deserialize_with = "lenient")]
    pub categories: Option<Vec<Category>>,
    #[serde(default)]
    pub payment_partner: Option<PaymentPartner>,
    #[serde(default)]
    pub contract_id: Option<String>,
    #[serde(default)]
    pub additional_info: Option<serde_json::Value>,
    #[serde(default, alias = "creation_timestamp", deserialize_with = "lenient")]
    pub created_at: Option<Timestamp>,
    #[serde(
        default,
        alias = "modification_timestamp",
        deserialize_with = "lenient"
    )]
    pub modified_at: Option<Timestamp>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// A finX category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    #[serde(default)]
    pub id: Option<i64>,
    #[serde(default)]
    pub parent_id: Option<i64>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}

/// The payment partner finX recognised (enrichment).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PaymentPartner {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(flatten)]
    pub extra: Extra,
}
