//! One keyset page of a window: the SQL of a page of a sort (of one group, for the sorts by
//! group) from a cursor, its search served as `plan.rs` says, and what a walk that gives way
//! gives way to: its fallback read row by row, or, when the reader keeps the sorts' orders
//! (`ranks.rs`), the rest of the window ranked.

use rusqlite::types::Value;

use super::plan::Plan;
use super::{Cursor, Ranks, TxQuery, Window, ranks, search, sql};
use crate::store::dashboard::push_row;
use crate::store::{Store, StoreError};

impl Store {
    /// [`Store::read_page`], its search ranked when its walk gives way and `ranks` are kept
    /// (then the rest of the window is read, every group after the page's too: `true`).
    pub(super) fn read_or_rank(
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
        let Some(fallback) = self.walk_unless_predicted(query, page, n, window, ranks)? else {
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

    /// The walk of [`Self::read_page`] towards a ranked read: `None` when it served the page,
    /// else the plan listing every match. A first window of an order not walked by group skips
    /// the walk when the last one gave way for a text this one extends (`gave_way.rs`).
    fn walk_unless_predicted(
        &self,
        query: &TxQuery,
        page: &Page<'_>,
        n: usize,
        window: &mut Window,
        ranks: &mut Ranks,
    ) -> Result<Option<Plan>, StoreError> {
        let first = page.group.is_none() && page.from.is_none();
        let (column, typed) = (query.sort.column, query.selection.search.as_str());
        if first && ranks.gave_way.predicts(column, page.descending, typed) {
            let listed = page.plan.fallback();
            if let Some(fallback) = listed.filter(|f| f.matching_rows().is_some()) {
                ranks.gave_way.skipped_one();
                return Ok(Some(fallback));
            }
        }
        let walked = self.read_page(query, page, n, window, true)?;
        if first {
            let gave_way = walked.is_some();
            ranks
                .gave_way
                .note(column, page.descending, typed, gave_way);
        }
        Ok(walked)
    }

    /// One keyset page: up to `n` rows of `page`, appended to `window`. A walk that checks
    /// rows first walks at most [`super::plan::WALK`] rows; when they hold fewer than `n`
    /// matches it gives way to its fallback (`plan.rs`; tests walk fewer), or, when `to_ranks`
    /// and the fallback lists every match, returns it unread (`Some`).
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
pub(super) fn append(window: &mut Window, more: Window) {
    for i in 0..more.cursors.len() as u32 {
        window.rows.push(more.rows.get(i));
    }
    window.cursors.extend(more.cursors);
}

/// Where one keyset page reads.
#[derive(Clone, Copy)]
pub(super) struct Page<'a> {
    /// How the search is served.
    pub(super) plan: &'a Plan,
    /// The group's column and value, when the sort walks groups.
    pub(super) group: Option<(&'a str, &'a Value)>,
    /// The sort key (within the group).
    pub(super) key: &'a str,
    /// The row the page starts after (in the page's direction).
    pub(super) from: Option<&'a Cursor>,
    /// Largest key first.
    pub(super) descending: bool,
    /// Rows a bounded walk checks before it gives way.
    pub(super) walk: usize,
}
