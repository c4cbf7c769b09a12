//! What a window reads: which transactions ([`TxSelection`]) in which order ([`Sort`] of a
//! [`SortColumn`]), together a [`TxQuery`].

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::domain::{BookingStatus, NameLanguage};

/// A column the transactions can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SortColumn {
    /// Operation date.
    Date,
    /// Account name.
    Account,
    /// Label.
    Label,
    /// Signed amount.
    Amount,
    /// Pending or booked.
    Status,
    /// Category.
    Category,
}

impl SortColumn {
    /// Every column, in display order.
    pub const ALL: [SortColumn; 6] = [
        SortColumn::Date,
        SortColumn::Account,
        SortColumn::Label,
        SortColumn::Amount,
        SortColumn::Status,
        SortColumn::Category,
    ];

    /// The column after this one (the `o` key).
    pub fn next(self) -> Self {
        let i = Self::ALL.iter().position(|c| *c == self).unwrap_or(0);
        Self::ALL[(i + 1) % Self::ALL.len()]
    }

    /// The column's name in English (logs, tests).
    pub fn name(self) -> &'static str {
        match self {
            SortColumn::Date => "Date",
            SortColumn::Account => "Account",
            SortColumn::Label => "Label",
            SortColumn::Amount => "Amount",
            SortColumn::Status => "Status",
            SortColumn::Category => "Category",
        }
    }
}

/// The sort order of the transactions view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Sort {
    /// The column.
    pub column: SortColumn,
    /// Largest first.
    pub descending: bool,
}

impl Default for Sort {
    /// Newest first, like a bank statement on screen.
    fn default() -> Self {
        Sort {
            column: SortColumn::Date,
            descending: true,
        }
    }
}

/// Which transactions a query reads (every bound inclusive; `None`: no bound).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxSelection {
    /// Only this account's (its id key, `oxlin:…`).
    pub account: Option<String>,
    /// On or after this date.
    pub from: Option<NaiveDate>,
    /// On or before this date.
    pub to: Option<NaiveDate>,
    /// Only pending or only booked.
    pub status: Option<BookingStatus>,
    /// Amount at least this (signed).
    pub min: Option<Decimal>,
    /// Amount at most this (signed).
    pub max: Option<Decimal>,
    /// Only this category (its code as stored).
    pub category: Option<String>,
    /// The search, as typed (see `search.rs`).
    pub search: String,
}

/// Which rows, in which order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TxQuery {
    /// Which rows.
    pub selection: TxSelection,
    /// In which order.
    pub sort: Sort,
    /// The language category names sort in.
    pub language: NameLanguage,
}
