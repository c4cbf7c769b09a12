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
//! one or two characters that no trigram index can look up, to one scan of the table). What
//! stays slow at a million rows (see `plan.rs`): a common match the sort gathers far away, and
//! such short text when the walk does not serve it.
//!
//! Docs gaps (ours): ties go by date, then by the transaction's id (its key), so every order is
//! total and a descending sort is the ascending one reversed; sorting by label ignores ASCII
//! case (SQLite's `lower`), not accents; amount bounds and the amount sort compare amounts as
//! `REAL` (exact to 15 significant digits); search: see `search.rs` and `plan.rs`.

#[cfg(test)]
mod amount_index_tests;
pub mod amount_needle;
mod groups;
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

use super::dashboard::push_row;
use super::read_model::Transactions;
use super::{Store, StoreError};
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

    /// [`Store::read_page`], its search ranked when its walk gives way and `ranks` are kept
    /// (then the rest of the window is read, every group after the page's too: `true`).
    fn read_or_rank(
        &self,
        query: &TxQuery,
        page: &Page<'_>,
        n: usize,
        window: &mut Window,
        ranks: &mut Option<&mut Ranks>,
    ) -> Result<bool, StoreError> {
        let Some(ranks) = ranks.as_deref_mut() else {
            return self.read_page(query, page, n, window, false).map(|_| false);
        };
        let Some(fallback) = self.read_page(query, page, n, window, true)? else {
            return Ok(false);
        };
        let from = ranks::From {
            cursor: window.cursors.last().or(page.from),
            descending: page.descending,
        };
        let matching = fallback.matching_rows();
        if let Some(matching) = matching
            && let Some(rest) = ranks.read(self, query, matching, from, n)?
        {
            append(window, rest);
            return Ok(true);
        }
        let page = Page {
            plan: &fallback,
            ..*page
        };
        self.read_page(query, &page, n, window, false)
            .map(|_| false)
    }

    /// One keyset page: up to `n` rows of `page`, appended to `window`. A walk that checks
    /// rows first walks at most [`plan::WALK`] rows; when they hold fewer than `n` matches it
    /// gives way to its fallback (`plan.rs`; tests walk fewer), or, when `to_ranks` and the
    /// fallback lists every match, returns it unread (`Some`).
    fn read_page(
        &self,
        query: &TxQuery,
        page: &Page<'_>,
        n: usize,
        window: &mut Window,
        to_ranks: bool,
    ) -> Result<Option<Plan>, StoreError> {
        let Page {
            plan,
            group,
            key,
            from,
            descending,
            ..
        } = *page;
        let (mut clause, mut values) = sql::selection(&query.selection, &Plan::Everything);
        // A listed search reads its rows by `seq`: the group's index and the keyset's range
        // must not tempt SQLite into walking a whole group or the rest of the order instead
        // (`+` hides a term from the indexes).
        let listed = matches!(plan, Plan::Listed(_) | Plan::Found(_));
        let hide = if listed { "+" } else { "" };
        if let Some((column, value)) = group {
            clause.push_str(&format!(" AND {hide}{column} IS ?"));
            values.push(value.clone());
        }
        let (op, dir) = if descending {
            ("<", "DESC")
        } else {
            (">", "ASC")
        };
        if let Some(c) = from {
            clause.push_str(&format!(" AND ({hide}{key}, {hide}id) {op} (?, ?)"));
            values.push(c.key.clone());
            values.push(Value::Text(c.id.clone()));
        }
        let group_column = group.map_or("NULL", |(column, _)| column);
        let order = format!("ORDER BY {key} {dir}, id {dir}");
        let (search, more) = plan.clause().unwrap_or_else(|| ("1".into(), Vec::new()));
        let fallback = plan.fallback();
        let source = if fallback.is_some() {
            values.push(Value::Integer(plan.walk_limit(page.walk) as i64));
            format!("(SELECT * FROM transactions WHERE {clause} {order} LIMIT ?)")
        } else if matches!(plan, Plan::Scanned { .. }) {
            format!("(SELECT * FROM transactions NOT INDEXED WHERE {clause})")
        } else {
            format!("(SELECT * FROM transactions WHERE {clause})")
        };
        values.extend(more);
        values.push(Value::Integer(n as i64));
        let sql = format!(
            "SELECT {group_column}, {key}, {} FROM {source} WHERE {search} {order} LIMIT ?",
            sql::ROW_COLUMNS
        );
        let mut read = Window::default();
        let mut stmt = search::prepare(&self.conn, &sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            read.cursors.push(Cursor {
                group: r.get(0)?,
                key: r.get(1)?,
                id: r.get(2)?,
            });
            push_row(&mut read.rows, r, 2)?;
        }
        match fallback {
            Some(fallback) if read.cursors.len() < n => {
                if to_ranks && fallback.matching_rows().is_some() {
                    return Ok(Some(fallback));
                }
                let page = Page {
                    plan: &fallback,
                    ..*page
                };
                self.read_page(query, &page, n, window, to_ranks)
            }
            _ => {
                append(window, read);
                Ok(None)
            }
        }
    }
}

/// `more`'s rows after `window`'s.
fn append(window: &mut Window, more: Window) {
    for i in 0..more.cursors.len() as u32 {
        window.rows.push(more.rows.get(i));
    }
    window.cursors.extend(more.cursors);
}

/// Where one keyset page reads.
#[derive(Clone, Copy)]
struct Page<'a> {
    /// How the search is served.
    plan: &'a Plan,
    /// The group's column and value, when the sort walks groups.
    group: Option<(&'a str, &'a Value)>,
    /// The sort key (within the group).
    key: &'a str,
    /// The row the page starts after (in the page's direction).
    from: Option<&'a Cursor>,
    /// Largest key first.
    descending: bool,
    /// Rows a bounded walk checks before it gives way.
    walk: usize,
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
