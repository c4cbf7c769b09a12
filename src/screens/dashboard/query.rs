//! The transactions index: the rows stay where the store put them; what the view shows is a
//! vector of row numbers (`Vec<u32>`) that match the filter, in sort order, narrowed by the
//! search. The filtered-and-sorted `base` is recomputed only when the filter or the sort
//! changes; a search that extends the previous one narrows the current matches (`shown`), so a
//! keystroke costs one pass over what is left, not over every row.
//!
//! Docs gap (ours): search is a case-insensitive substring match over the label, the notes and
//! the amount written both as `-12.30` and `-12,30`; sorting by label ignores case; ties keep
//! the store's order so a sort is stable and deterministic.

use std::cmp::Ordering;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::data::{BookingStatus, TransactionRow};

/// A column the transactions can be sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

    /// The header name.
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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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

/// Which transactions to show (every bound inclusive; `None` means no bound).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Only this account (index into the dashboard's accounts).
    pub account: Option<u32>,
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
}

impl Filter {
    /// No bound set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }

    fn keeps(&self, row: &TransactionRow, account: u32) -> bool {
        self.account.is_none_or(|a| a == account)
            && self.from.is_none_or(|d| row.date >= d)
            && self.to.is_none_or(|d| row.date <= d)
            && self.status.is_none_or(|s| row.status == s)
            && self.min.is_none_or(|m| row.amount >= m)
            && self.max.is_none_or(|m| row.amount <= m)
    }
}

/// The rows plus what is derived from them once, at load.
#[derive(Clone, Default)]
pub struct TxTable {
    /// The rows, as loaded.
    pub rows: Vec<TransactionRow>,
    /// For each row, the index of its account in the dashboard's accounts (`u32::MAX`: unknown).
    pub account_of: Vec<u32>,
    /// For each account index, its rank when accounts are sorted by name.
    account_rank: Vec<u32>,
    /// Every row's lowercased search text, one after the other.
    hay: String,
    /// Where each row's search text ends in `hay`.
    hay_end: Vec<usize>,
}

impl TxTable {
    /// Indexes `rows`; `account_of(row)` gives its account's index, `account_names` their names.
    pub fn new(rows: Vec<TransactionRow>, account_ids: &[&str], account_names: &[&str]) -> Self {
        let mut by_id: Vec<(&str, u32)> = account_ids
            .iter()
            .enumerate()
            .map(|(i, id)| (*id, i as u32))
            .collect();
        by_id.sort_unstable();
        let account_of: Vec<u32> = rows
            .iter()
            .map(|r| {
                by_id
                    .binary_search_by(|(id, _)| (*id).cmp(r.account_id.as_str()))
                    .map_or(u32::MAX, |i| by_id[i].1)
            })
            .collect();
        let mut order: Vec<u32> = (0..account_names.len() as u32).collect();
        order.sort_by_key(|i| account_names[*i as usize].to_lowercase());
        let mut account_rank = vec![0; account_names.len()];
        for (rank, i) in order.iter().enumerate() {
            account_rank[*i as usize] = rank as u32;
        }
        let mut hay = String::with_capacity(rows.len() * 48);
        let mut hay_end = Vec::with_capacity(rows.len());
        for r in &rows {
            push_lower(&mut hay, &r.label);
            hay.push('\t');
            if let Some(n) = &r.notes {
                push_lower(&mut hay, n);
            }
            let plain = r.amount.to_string();
            hay.push('\t');
            hay.push_str(&plain);
            hay.push('\t');
            hay.push_str(&plain.replace('.', ","));
            hay_end.push(hay.len());
        }
        TxTable {
            rows,
            account_of,
            account_rank,
            hay,
            hay_end,
        }
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn hay(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.hay_end[i - 1] };
        &self.hay[start..self.hay_end[i]]
    }

    /// Row numbers that pass `filter`, sorted by `sort`.
    pub fn filtered_sorted(&self, filter: &Filter, sort: Sort) -> Vec<u32> {
        let mut ix: Vec<u32> = (0..self.rows.len() as u32)
            .filter(|i| filter.keeps(&self.rows[*i as usize], self.account_of[*i as usize]))
            .collect();
        self.sort(&mut ix, sort);
        ix
    }

    /// Sorts row numbers in place (ties by row number, so the order is total and a descending
    /// sort is exactly the ascending one reversed: toggling the direction is a `reverse`).
    pub fn sort(&self, ix: &mut [u32], sort: Sort) {
        ix.sort_unstable_by(|a, b| self.compare(*a, *b, sort.column).then(a.cmp(b)));
        if sort.descending {
            ix.reverse();
        }
    }

    fn compare(&self, a: u32, b: u32, column: SortColumn) -> Ordering {
        let (ra, rb) = (&self.rows[a as usize], &self.rows[b as usize]);
        match column {
            SortColumn::Date => ra.date.cmp(&rb.date),
            SortColumn::Account => self.rank(a).cmp(&self.rank(b)),
            SortColumn::Label => self.hay(a).cmp(self.hay(b)),
            SortColumn::Amount => ra.amount.cmp(&rb.amount),
            SortColumn::Status => ra.status.cmp(&rb.status),
            SortColumn::Category => match (&ra.category, &rb.category) {
                (Some(x), Some(y)) => x.cmp(y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            },
        }
    }

    fn rank(&self, row: u32) -> u32 {
        let account = self.account_of[row as usize];
        self.account_rank
            .get(account as usize)
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// Keeps the row numbers of `ix` whose text contains `needle` (already lowercased).
    pub fn search(&self, ix: &[u32], needle: &str) -> Vec<u32> {
        if needle.is_empty() {
            return ix.to_vec();
        }
        ix.iter()
            .copied()
            .filter(|i| self.hay(*i).contains(needle))
            .collect()
    }
}

impl std::fmt::Debug for TxTable {
    /// A count, not a million rows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TxTable({} rows)", self.rows.len())
    }
}

fn push_lower(out: &mut String, text: &str) {
    if text.is_ascii() {
        out.extend(text.chars().map(|c| c.to_ascii_lowercase()));
    } else {
        out.push_str(&text.to_lowercase());
    }
}
