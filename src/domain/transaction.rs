//! `Transaction`: one line of an account's history.
//!
//! [`BookingStatus`] is a [`Booking`]'s `Copy` two-way summary for the compact dashboard rows;
//! their stable codes are in [`super::codes`].

use chrono::{DateTime, NaiveDate, Utc};

use super::ids::{AccountId, TransactionId};
use super::money::Money;

/// Whether the bank has booked the transaction.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Booking {
    /// Booked by the bank.
    Booked,
    /// Not booked yet (may still change or disappear).
    Pending,
    /// Rejected, cancelled, expired, refunded or unknown, as the bank named it.
    Other(String),
}

impl Booking {
    /// Pending, or not (any other status is shown as booked).
    pub fn status(&self) -> BookingStatus {
        match self {
            Booking::Pending => BookingStatus::Pending,
            _ => BookingStatus::Booked,
        }
    }
}

/// Booked by the bank, or not yet: a [`Booking`] as the dashboard's compact rows keep it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum BookingStatus {
    /// Booked (or any status other than pending).
    Booked,
    /// Pending (may still change or disappear).
    Pending,
}

/// One transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    /// Its id (aggregator and raw id).
    pub id: TransactionId,
    /// The account it belongs to.
    pub account_id: AccountId,
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

impl Transaction {
    /// The day it is filed under: the operation date, else the booking date, the value date,
    /// the day it was imported (a transaction is never dropped for want of a date).
    pub fn filing_date(&self) -> NaiveDate {
        self.date
            .or(self.booking_date)
            .or(self.value_date)
            .or(self.imported_at.map(|i| i.date_naive()))
            .unwrap_or_default()
    }

    /// Not booked yet.
    pub fn is_pending(&self) -> bool {
        self.booking == Booking::Pending
    }
}
