//! [`TxRef`]: one transaction, borrowed, as the compact [`Transactions`] take and give it; and
//! how `domain::Transaction`s become compact rows (`FromIterator`, `From<Vec<Transaction>>`),
//! so tests, benchmarks and any loader build the dashboard's rows from the one domain type.
//! Ids are kept as their keys (`oxlin:…`); [`TxRef::raw_id`] is what people read.

use chrono::{DateTime, NaiveDate, Utc};
use rust_decimal::Decimal;

use super::rows::Transactions;
use crate::domain::{BookingStatus, Transaction};

/// One transaction, borrowed: what [`Transactions::push`] takes and [`Transactions::get`] gives
/// (the compact view of a [`Transaction`]: `date` is its filing date, `status` its booking in
/// short).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TxRef<'a> {
    /// The transaction's id key (`oxlin:…`, see `domain::TransactionId`).
    pub id: &'a str,
    /// Its account's id key.
    pub account_id: &'a str,
    pub date: NaiveDate,
    pub value_date: Option<NaiveDate>,
    pub booking_date: Option<NaiveDate>,
    pub amount: Decimal,
    pub currency: &'a str,
    pub label: &'a str,
    pub notes: Option<&'a str>,
    pub category: Option<&'a str>,
    pub kind: Option<&'a str>,
    pub status: BookingStatus,
    pub imported_at: Option<DateTime<Utc>>,
}

impl<'a> TxRef<'a> {
    /// The transaction's id as the aggregator spells it (what people read).
    pub fn raw_id(&self) -> &'a str {
        self.id.split_once(':').map_or(self.id, |(_, raw)| raw)
    }
}

impl<'a> From<&'a Transaction> for TxRef<'a> {
    fn from(t: &'a Transaction) -> Self {
        TxRef {
            id: t.id.key(),
            account_id: t.account_id.key(),
            date: t.filing_date(),
            value_date: t.value_date,
            booking_date: t.booking_date,
            amount: t.amount.amount,
            currency: &t.amount.currency,
            label: &t.label,
            notes: t.notes.as_deref(),
            category: t.category.as_deref(),
            kind: t.kind.as_deref(),
            status: t.booking.status(),
            imported_at: t.imported_at,
        }
    }
}

impl FromIterator<Transaction> for Transactions {
    fn from_iter<I: IntoIterator<Item = Transaction>>(rows: I) -> Self {
        let mut all = Transactions::default();
        for t in rows {
            all.push(TxRef::from(&t));
        }
        all
    }
}

impl From<Vec<Transaction>> for Transactions {
    fn from(rows: Vec<Transaction>) -> Self {
        rows.into_iter().collect()
    }
}
