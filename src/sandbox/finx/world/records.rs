//! What the finX sandbox keeps per account and per transaction: plain records, with amounts in
//! cents (`i64`) and dates as `chrono` values; the routes write them out as finX spells them.

use chrono::{DateTime, NaiveDate, Utc};

/// The kind of an account, as finX's `type` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AccountKind {
    Giro,
    Savings,
    CreditCard,
}

impl AccountKind {
    /// finX's `type` value (`"Giro account"`, …; finx-api.md §5.1).
    pub fn wire_name(self) -> &'static str {
        match self {
            Self::Giro => "Giro account",
            Self::Savings => "Savings account",
            Self::CreditCard => "Credit card",
        }
    }
}

/// One account of an access.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccountRecord {
    pub account_id: String,
    pub access_id: String,
    pub account_number: String,
    pub bank_code: String,
    /// `None` for the credit card (finX omits it, §5.1).
    pub iban: Option<String>,
    pub bic: String,
    pub bank_name: String,
    pub kind: AccountKind,
    /// The account's display name (`"Girokonto"`, …).
    pub name: String,
    pub owner: String,
    /// Balance before the first generated transaction, in cents.
    pub opening_cents: i64,
}

/// The other side of a transaction, when the bank names its account.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Counterparty {
    pub iban: Option<String>,
    pub bic: Option<String>,
    pub bank_name: Option<String>,
}

/// SEPA references carried by a transaction (each optional).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SepaRefs {
    pub end_to_end_reference: Option<String>,
    pub mandate_reference: Option<String>,
    pub creditor_id: Option<String>,
    pub purpose_code: Option<String>,
    /// The unstructured remittance text (`SVWZ+…`).
    pub remittance_info: String,
}

/// One transaction, booked or pending.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TransactionRecord {
    pub transaction_id: String,
    pub account_id: String,
    /// Signed, in cents: negative is a debit.
    pub amount_cents: i64,
    /// The counterparty's name (finX `name`).
    pub name: String,
    pub counterparty: Counterparty,
    pub sepa: SepaRefs,
    /// The day the bank dated it; written as `booked_at` only once booked.
    pub date: NaiveDate,
    /// Value date, booked transactions only.
    pub settled: Option<NaiveDate>,
    pub booked: bool,
    pub booking_text: &'static str,
    pub booking_key: &'static str,
    pub transaction_code: u32,
    /// finX's transaction `type` (`"Direct debit"`, …).
    pub kind: &'static str,
    pub created_at: DateTime<Utc>,
    pub modified_at: DateTime<Utc>,
}

impl TransactionRecord {
    /// The full purpose with its SEPA tags, as finX's `purpose` carries it.
    pub fn purpose(&self) -> String {
        let mut parts = Vec::new();
        if let Some(eref) = &self.sepa.end_to_end_reference {
            parts.push(format!("EREF+{eref}"));
        }
        if let Some(mref) = &self.sepa.mandate_reference {
            parts.push(format!("MREF+{mref}"));
        }
        if let Some(cred) = &self.sepa.creditor_id {
            parts.push(format!("CRED+{cred}"));
        }
        parts.push(format!("SVWZ+{}", self.sepa.remittance_info));
        parts.join(" ")
    }

    /// When it was booked (midnight UTC of its date), `None` while pending.
    pub fn booked_at(&self) -> Option<DateTime<Utc>> {
        self.booked.then(|| midnight(self.date))
    }
}

/// Midnight UTC of `day`: how finX writes date-only values (`…T00:00:00.000Z`, §5).
pub fn midnight(day: NaiveDate) -> DateTime<Utc> {
    day.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}
