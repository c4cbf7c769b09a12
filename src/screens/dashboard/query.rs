//! The transactions view's [`Filter`] (what the filter dialog and the `c` key set; the view
//! turns it into a `store::window::TxQuery`), and the in-memory index of rows handed in whole
//! ([`TxTable`]). The transactions view no longer uses the index — it reads windows of the
//! store (`store::window`, `transactions.rs`) —: it serves the balance histories of rows that
//! come with the data (tests, the demo's whole load) and the `store_million` bench, which
//! compares the windows with it.
//!
//! The index: the rows stay where the store put them; a query is a
//! vector of row numbers (`Vec<u32>`) that match the filter, in sort order, narrowed by the
//! search. The filtered-and-sorted `base` is recomputed only when the filter or the sort
//! changes, as one pass over the column's ascending order (computed once, see
//! [`super::order`]); a search that extends the previous one narrows the current matches
//! (`shown`), so a keystroke costs one pass over what is left, not over every row.
//!
//! Docs gap (ours): search is a substring match that ignores case and accents (`pret` finds
//! `Prêt`: rows are folded once when loaded, the typed text at each keystroke) over the label,
//! the notes and the amount, which matches as stored and as shown, with a point or a comma,
//! with or without its `+` and French thousands spaces (`42,10`, `42.10`, `-42,10`,
//! `1 234,56`, `+950,00`); sorting by label ignores case; ties keep the store's order so a sort
//! is stable and deterministic.

use std::sync::OnceLock;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::order;
use crate::domain::BookingStatus;
use crate::store::read_model::Transactions;

pub use crate::store::window::{Sort, SortColumn};

/// The header name of `column` in the UI's language.
pub fn column_header(
    column: SortColumn,
    lang: crate::i18n::Lang,
) -> std::borrow::Cow<'static, str> {
    let code = lang.code();
    match column {
        SortColumn::Date => rust_i18n::t!("dashboard.column.date", locale = code),
        SortColumn::Account => rust_i18n::t!("dashboard.column.account", locale = code),
        SortColumn::Label => rust_i18n::t!("dashboard.column.label", locale = code),
        SortColumn::Amount => rust_i18n::t!("dashboard.column.amount", locale = code),
        SortColumn::Status => rust_i18n::t!("dashboard.column.status", locale = code),
        SortColumn::Category => rust_i18n::t!("dashboard.column.category", locale = code),
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
    /// Only this category (its code as stored; `c` in the transactions view).
    pub category: Option<String>,
}

impl Filter {
    /// No bound set.
    pub fn is_empty(&self) -> bool {
        *self == Filter::default()
    }
}

/// The rows plus what is derived from them once, at load.
#[derive(Clone, Default)]
pub struct TxTable {
    /// The rows, as loaded.
    pub rows: Transactions,
    /// For each distinct account id of the rows, the index of its account in the dashboard's
    /// accounts (`u32::MAX`: unknown).
    account_of_key: Vec<u32>,
    /// For each account index, its rank when accounts are sorted by name.
    account_rank: Vec<u32>,
    /// Per column (as in [`SortColumn::ALL`]), every row in ascending order; on first use.
    orders: [OnceLock<Vec<u32>>; 6],
}

impl TxTable {
    /// Indexes `rows` for the accounts whose ids and names are given (same order).
    pub fn new(rows: Transactions, account_ids: &[&str], account_names: &[&str]) -> Self {
        let mut table = TxTable {
            rows,
            ..TxTable::default()
        };
        table.set_accounts(account_ids, account_names);
        table
    }

    /// The accounts changed (a reload): maps the rows to them again, without touching the rows.
    pub fn set_accounts(&mut self, account_ids: &[&str], account_names: &[&str]) {
        self.account_of_key = self
            .rows
            .account_ids()
            .iter()
            .map(|id| {
                account_ids
                    .iter()
                    .position(|a| **a == **id)
                    .map_or(u32::MAX, |a| a as u32)
            })
            .collect();
        let mut order: Vec<u32> = (0..account_names.len() as u32).collect();
        order.sort_by_key(|i| account_names[*i as usize].to_lowercase());
        self.account_rank = vec![0; account_names.len()];
        for (rank, i) in order.iter().enumerate() {
            self.account_rank[*i as usize] = rank as u32;
        }
        self.orders[1] = OnceLock::new();
    }

    /// The number of rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// No rows at all.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The dashboard's index of row `i`'s account (`u32::MAX`: unknown).
    pub fn account_of(&self, i: u32) -> u32 {
        let key = self.rows.account_key(i) as usize;
        self.account_of_key.get(key).copied().unwrap_or(u32::MAX)
    }

    /// Every row in ascending `column` order (ties by row number), computed on first use.
    pub fn order(&self, column: SortColumn) -> &[u32] {
        let slot = SortColumn::ALL
            .iter()
            .position(|c| *c == column)
            .unwrap_or(0);
        self.orders[slot].get_or_init(|| self.compute_order(column))
    }

    fn compute_order(&self, column: SortColumn) -> Vec<u32> {
        let n = self.rows.len() as u32;
        let rows = &self.rows;
        match column {
            SortColumn::Date => order::by_day(n, |i| rows.day(i)),
            SortColumn::Account => {
                let unknown = self.account_rank.len();
                order::by_small_key(n, unknown + 1, |i| {
                    let a = self.account_of(i) as usize;
                    self.account_rank.get(a).map_or(unknown, |r| *r as usize)
                })
            }
            SortColumn::Label => order::by_text(n, |i| rows.hay(i)),
            SortColumn::Amount => order::by_amount(n, |i| rows.amount(i)),
            SortColumn::Status => order::by_small_key(n, 2, |i| match rows.status(i) {
                BookingStatus::Booked => 0,
                BookingStatus::Pending => 1,
            }),
            SortColumn::Category => {
                // Categories by name; rows without one last.
                let names = rows.categories();
                let mut by_name: Vec<usize> = (0..names.len()).collect();
                by_name.sort_by(|a, b| names[*a].cmp(&names[*b]));
                let mut rank = vec![0; names.len()];
                for (r, c) in by_name.iter().enumerate() {
                    rank[*c] = r;
                }
                order::by_small_key(n, names.len() + 1, |i| {
                    match rows.category_key(i).checked_sub(1) {
                        Some(c) => rank.get(c as usize).copied().unwrap_or(names.len()),
                        None => names.len(),
                    }
                })
            }
        }
    }

    /// Row numbers that pass `filter`, sorted by `sort`.
    pub fn filtered_sorted(&self, filter: &Filter, sort: Sort) -> Vec<u32> {
        let order = self.order(sort.column);
        let mut ix: Vec<u32> = if filter.is_empty() {
            order.to_vec()
        } else {
            let day = |d: Option<NaiveDate>, none: i32| d.map_or(none, |d| d.num_days_from_ce());
            let (from, to) = (day(filter.from, i32::MIN), day(filter.to, i32::MAX));
            let rows = &self.rows;
            // The category's interned key (1 + its index; a code no row has matches nothing).
            let category = filter.category.as_ref().map(|code| {
                rows.categories()
                    .iter()
                    .position(|c| **c == **code)
                    .map_or(u32::MAX, |k| k as u32 + 1)
            });
            order
                .iter()
                .copied()
                .filter(|i| {
                    let i = *i;
                    filter.account.is_none_or(|a| a == self.account_of(i))
                        && (from..=to).contains(&rows.day(i))
                        && filter.status.is_none_or(|s| rows.status(i) == s)
                        && filter.min.is_none_or(|m| rows.amount(i) >= m)
                        && filter.max.is_none_or(|m| rows.amount(i) <= m)
                        && category.is_none_or(|c| rows.category_key(i) == c)
                })
                .collect()
        };
        if sort.descending {
            ix.reverse();
        }
        ix
    }

    /// The rows of `ix` (any order) in `sort` order: one pass over the column's order.
    pub fn sorted(&self, ix: &[u32], sort: Sort) -> Vec<u32> {
        let mut member = vec![0u64; self.rows.len().div_ceil(64)];
        for i in ix {
            member[*i as usize / 64] |= 1 << (i % 64);
        }
        let mut out: Vec<u32> = self
            .order(sort.column)
            .iter()
            .copied()
            .filter(|i| member[*i as usize / 64] & (1 << (i % 64)) != 0)
            .collect();
        if sort.descending {
            out.reverse();
        }
        out
    }

    /// Keeps the row numbers of `ix` whose text contains `needle` (already lowercased; its
    /// accents are folded here); an amount also matches as [`amount_needle`] spells it.
    pub fn search(&self, ix: &[u32], needle: &str) -> Vec<u32> {
        if needle.is_empty() {
            return ix.to_vec();
        }
        let needle = crate::fold::fold_accents(needle);
        let amount = amount_needle::amount_needle(&needle);
        ix.iter()
            .copied()
            .filter(|i| {
                let hay = self.rows.hay(*i);
                hay.contains(needle.as_str())
                    || amount.as_deref().is_some_and(|a| {
                        hay.rsplit_once('\t')
                            .is_some_and(|(_, amount)| amount.contains(a))
                    })
            })
            .collect()
    }
}

impl std::fmt::Debug for TxTable {
    /// A count, not a million rows.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "TxTable({} rows)", self.rows.len())
    }
}

use crate::store::window::amount_needle;
#[cfg(test)]
#[path = "query_search_tests.rs"]
mod search_tests;
