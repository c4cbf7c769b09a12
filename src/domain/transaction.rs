//! `Transaction`: one line of an account's history.

use chrono::{DateTime, NaiveDate, Utc};

use super::money::Money;

/// Whether the bank has booked the transaction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Booking {
    Booked,
    Pending,
    /// Rejected, cancelled, expired, refunded or unknown, as the bank named it.
    Other(String),
}

/// One transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    pub id: String,
    pub account_id: String,
    pub amount: Money,
    /// The operation date (Paris calendar day).
    pub date: Option<NaiveDate>,
    pub value_date: Option<NaiveDate>,
    pub booking_date: Option<NaiveDate>,
    /// When the aggregator imported it (incremental syncs start from the last one).
    pub imported_at: Option<DateTime<Utc>>,
    pub booking: Booking,
    pub label: String,
    pub notes: Option<String>,
    pub category: Option<String>,
    /// The bank's transaction type (`DIRECT_DEBIT`, `ATM`, …).
    pub kind: Option<String>,
}
