//! The transactions view's pages, read from the store on demand: a million transactions are
//! never loaded, only the rows on screen plus a margin. A [`TxQuery`] says which rows
//! ([`TxSelection`]: account, dates, status, amounts, category, search) in which order
//! ([`Sort`]); [`Store::tx_window`] reads up to `n` rows from an [`Anchor`] (the first rows, the
//! last rows, or the rows just after or before a row already read), by keyset
//! (`WHERE (key, id) > (?, ?) ORDER BY key, id LIMIT n`) on the sort's own index (schema
//! version 9), so a page costs the same at any depth and at any store size.
//! [`Store::tx_count`] counts the rows a query selects (a separate read, so a window never
//! waits for a count).
//!
//! Sorts with few distinct keys (account, category, status) walk their groups in the order the
//! screen names them (`groups.rs`: accounts by name, categories by their name in the UI's
//! language, booked before pending), each group by its `(column, date, id)` index.
//!
//! A search keeps the rule of `search.rs` and is served as `plan.rs` decides: a rare match is
//! listed by the trigram indexes (text, and amounts spelled as the rule spells them) and only
//! those rows are ordered; a common one walks the sort's index and checks rows until the
//! window is full, within a bounded walk, then falls back to the full list (or, for text of
//! one or two characters that no trigram index can look up, to one scan of the table). The
//! reader thread keeps each sort's order ([`Ranks`], `ranks.rs`) and calls
//! [`Store::tx_window_ranked`]: there the fallback is ranked, one pass over the matches' row
//! numbers instead of one table read per match (`page.rs` says when). What stays slow at a
//! million rows (see `plan.rs`): text of one or two characters that the walk does not serve
//! (one scan of the table, about 0.2 s).
//!
//! Docs gaps (ours): ties go by date, then by the transaction's id (its key), so every order is
//! total and a descending sort is the ascending one reversed; sorting by label ignores ASCII
//! case (SQLite's `lower`), not accents; amount bounds and the amount sort compare amounts as
//! `REAL` (exact to 15 significant digits); search: see `search.rs` and `plan.rs`.

#[cfg(test)]
mod amount_index_tests;
pub mod amount_needle;
mod gave_way;
pub(in crate::store) mod grams;
#[cfg(test)]
mod grams_tests;
mod groups;
mod lookup;
mod page;
mod plan;
mod query;
mod ranks;
#[cfg(test)]
mod ranks_tests;
mod search;
mod sql;
#[cfg(test)]
mod tests;

use rusqlite::types::Value;

use super::read_model::Transactions;
use super::{Store, StoreError};
use page::Page;
use plan::Plan;
pub use query::{Sort, SortColumn, TxQuery, TxSelection};
pub use ranks::Ranks;

/// Where a row stands in its query's order: what the next page starts after.
#[derive(Debug, Clone, PartialEq)]
pub struct Cursor {
    /// The group's value (account id, category, status code; `Null` when not grouped or none).
    group: Value,
    /// The sort key (date, amount, lowered label).
    key: Value,
    /// The transaction's id key, the tie-breaker.
    id: String,
}

/// Where a window starts.
#[derive(Debug, Clone, PartialEq)]
pub enum Anchor {
    /// The first rows of the order.
    First,
    /// The last rows of the order.
    Last,
    /// The rows just after this one.
    After(Cursor),
    /// The rows just before this one.
    Before(Cursor),
}

/// Rows read for the view, in the query's order, each with its [`Cursor`].
#[derive(Debug, Clone, Default)]
pub struct Window {
    /// The rows, compact and sanitised.
    pub rows: Transactions,
    /// Row `i`'s place in the order.
    pub cursors: Vec<Cursor>,
}

impl Store {
    /// Up to `n` rows of `query` from `anchor`, in the query's order (rows before a
    /// [`Anchor::Before`] or at the [`Anchor::Last`] end come in order too).
    pub fn tx_window(
        &self,
        query: &TxQuery,
        anchor: &Anchor,
        n: usize,
    ) -> Result<Window, StoreError> {
        self.window_with_budget(query, anchor, n, (plan::BUDGET, plan::WALK), None)
    }

    /// [`Store::tx_window`] for a reader that keeps `ranks` between reads (on a connection
    /// that writes nothing else meanwhile): a common search that a walk of the sort's index
    /// does not serve is ranked (`ranks.rs`) instead of read row by row.
    pub fn tx_window_ranked(
        &self,
        ranks: &mut Ranks,
        query: &TxQuery,
        anchor: &Anchor,
        n: usize,
    ) -> Result<Window, StoreError> {
        let limits = (plan::BUDGET, plan::WALK);
        self.window_with_budget(query, anchor, n, limits, Some(ranks))
    }

    /// [`Store::tx_window`] with another row budget and walk for the search (`plan.rs`):
    /// tests read small stores every way; with `ranks`, ranked when a walk gives way.
    fn window_with_budget(
        &self,
        query: &TxQuery,
        anchor: &Anchor,
        n: usize,
        (budget, walk): (usize, usize),
        mut ranks: Option<&mut Ranks>,
    ) -> Result<Window, StoreError> {
        if sql::filters_beyond_search(&query.selection) {
            ranks = None;
        }
        let plan = Plan::for_window(&self.conn, &query.selection.search, budget)?;
        let backward = matches!(anchor, Anchor::Last | Anchor::Before(_));
        let descending = query.sort.descending != backward;
        let after = match anchor {
            Anchor::After(c) | Anchor::Before(c) => Some(c),
            Anchor::First | Anchor::Last => None,
        };
        let mut window = Window::default();
        match groups::group_column(query.sort.column) {
            None => {
                let key = sql::key_expression(query.sort.column);
                let page = Page {
                    plan: &plan,
                    group: None,
                    key,
                    from: after,
                    descending,
                    walk,
                };
                self.read_or_rank(query, &page, n, &mut window, &mut ranks)?;
            }
            Some(column) => {
                let mut values = groups::ordered(self, query, column)?;
                if descending {
                    values.reverse();
                }
                let start = after.map_or(0, |c| {
                    values
                        .iter()
                        .position(|v| *v == c.group)
                        .unwrap_or(values.len())
                });
                for (i, value) in values.iter().enumerate().skip(start) {
                    let left = n - window.cursors.len();
                    if left == 0 {
                        break;
                    }
                    let page = Page {
                        plan: &plan,
                        group: Some((column, value)),
                        key: "date",
                        from: after.filter(|_| i == start),
                        descending,
                        walk,
                    };
                    if self.read_or_rank(query, &page, left, &mut window, &mut ranks)? {
                        // Ranked: the rest of the window, whatever its groups.
                        break;
                    }
                }
            }
        }
        if backward {
            window = reversed(window);
        }
        Ok(window)
    }

    /// How many rows `query` selects (a search the indexes serve is counted there, not by
    /// reading rows, when nothing else narrows it).
    pub fn tx_count(&self, query: &TxQuery) -> Result<usize, StoreError> {
        let plan = Plan::for_count(&query.selection.search);
        if let Plan::Listed(lookup) = &plan
            && !sql::filters_beyond_search(&query.selection)
        {
            return Ok(lookup.count(&self.conn)?);
        }
        let (clause, values) = sql::selection(&query.selection, &plan);
        let sql = format!("SELECT count(*) FROM transactions WHERE {clause}");
        let n: i64 = search::prepare(&self.conn, &sql)?
            .query_row(rusqlite::params_from_iter(values), |r| r.get(0))?;
        Ok(n.max(0) as usize)
    }
}

/// `window` in the opposite order.
fn reversed(window: Window) -> Window {
    let n = window.cursors.len() as u32;
    let mut rows = Transactions::with_capacity(n as usize);
    for i in (0..n).rev() {
        rows.push(window.rows.get(i));
    }
    let mut cursors = window.cursors;
    cursors.reverse();
    Window { rows, cursors }
}
