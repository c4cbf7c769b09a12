//! Each sort's order as a number per row, kept by the transactions reader, so that a common
//! search the sort scatters (every `pharmacie` under the label sort, after every
//! `boulangerie`) costs one pass over its matches' row numbers instead of one table read per
//! match: the matches' `seq` (from the indexes, or from one scan of the table for what none
//! lists) → their place in the sort ([`Ranks`], an array indexed by `seq`) → the window's `n`
//! first places → those `n` rows read by `seq`. A loose list (a long word's first and last trigrams:
//! `plan.rs`) is checked with the rule in that order, a batch at a time, until `n` match.
//!
//! A sort's order is read once from its own index (a covering walk: `seq` and, for the sorts
//! by group, the group's value; about 0.1 s at a million rows), when a search first needs it,
//! and kept while the store does not change: `PRAGMA data_version` (another connection
//! committed) and the connection's own count of changes are looked at on every read, inside
//! the read's transaction, so a read never mixes an old order with new rows.
//!
//! The sorts by group (account, category, status) keep their index's order (the group's value
//! as SQLite sorts it, then date and id) and the row ranges of each value; the screen's order of
//! the groups (by name, in the UI's language: `groups.rs`) is applied per read.
//!
//! Docs gap (ours): memory is 4 bytes per `seq` up to the largest, per sort used (about 4 MB a
//! sort at a million rows); a store whose largest `seq` is over [`MAX_SEQ`] is not ranked (the
//! plain reads serve it). Only a selection with nothing but a search is ranked (a filter would
//! need its own check per match); the plain reads serve the rest.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;

use super::lookup::Matching;
use super::{Cursor, SortColumn, TxQuery, Window, groups, sql};
use crate::store::dashboard::push_row;
use crate::store::{Store, StoreError};

/// The largest `seq` a store may have to be ranked.
pub const MAX_SEQ: i64 = 1 << 26;

/// No row has this `seq`.
const NONE: u32 = u32::MAX;

/// The orders read so far, for the store as it was when they were read.
#[derive(Debug, Default)]
pub struct Ranks {
    /// The store's `data_version` and the connection's total changes when they were read.
    version: Option<(i64, u64)>,
    /// Each sort's order, by column.
    orders: HashMap<SortColumn, Order>,
    /// The search whose first window's walk last gave way (`gave_way.rs`).
    pub(super) gave_way: super::gave_way::GaveWay,
}

/// One sort's order in its index.
#[derive(Debug)]
struct Order {
    /// Place of the row `seq` in the index's order ([`NONE`]: no such row).
    place: Vec<u32>,
    /// For a sort by group: each group's value and the place of its first row, in the index's
    /// order (one group with a `Null` value for the other sorts).
    groups: Vec<(Value, u32)>,
}

impl Order {
    /// The index of the group at `place`.
    fn group_at(&self, place: u32) -> usize {
        self.groups
            .partition_point(|(_, start)| *start <= place)
            .saturating_sub(1)
    }
}

/// What a ranked read starts from and in which direction.
pub struct From<'a> {
    /// The row the read starts after (in its direction); `None`: from the order's end.
    pub cursor: Option<&'a Cursor>,
    /// Largest first.
    pub descending: bool,
}

impl Ranks {
    /// Whether no sort's order is kept.
    pub fn is_empty(&self) -> bool {
        self.orders.is_empty()
    }

    /// Up to `n` rows of `query` after `from`, among the rows `matches` lists, in the query's
    /// order; `None` when it cannot rank them (the cursor's row is gone, or the store is too
    /// sparse to rank). A loose list's rows are checked in that order, a batch at a time,
    /// until `n` match.
    pub fn read(
        &mut self,
        store: &Store,
        query: &TxQuery,
        matches: Matching,
        from: From<'_>,
        n: usize,
    ) -> Result<Option<Window>, StoreError> {
        let Matching {
            sql: matches,
            values,
            check,
        } = matches;
        let conn = &store.conn;
        let snapshot = conn.unchecked_transaction()?;
        // A first read starts the snapshot, so the version below is the snapshot's.
        conn.query_row("SELECT count(*) FROM accounts", [], |_| Ok(()))?;
        let version: i64 = conn.query_row("PRAGMA data_version", [], |r| r.get(0))?;
        let version = Some((version, conn.total_changes()));
        if self.version != version {
            self.orders.clear();
            self.version = version;
        }
        let column = query.sort.column;
        let order = match self.orders.entry(column) {
            Entry::Occupied(kept) => kept.into_mut(),
            Entry::Vacant(room) => match read_order(store, column)? {
                Some(order) => room.insert(order),
                None => return Ok(None),
            },
        };
        // The screen's place of each group of the index's order.
        let screen: Vec<u64> = match groups::group_column(column) {
            None => vec![0],
            Some(group_column) => {
                let named = groups::ordered(store, query, group_column)?;
                order
                    .groups
                    .iter()
                    .map(|(v, _)| named.iter().position(|w| w == v).unwrap_or(0) as u64)
                    .collect()
            }
        };
        let key = |seq: i64| -> Option<u64> {
            let place = *order.place.get(usize::try_from(seq).ok()?)?;
            let group = screen.get(order.group_at(place)).copied().unwrap_or(0);
            (place != NONE).then(|| group << 32 | u64::from(place))
        };
        let start = match from.cursor {
            None => None,
            Some(c) => {
                let seq: Option<i64> = conn
                    .prepare_cached("SELECT seq FROM transactions WHERE id = ?")?
                    .query_row([&c.id], |r| r.get(0))
                    .ok();
                match seq.and_then(key) {
                    Some(k) => Some(k),
                    None => return Ok(None),
                }
            }
        };
        let after = |k: u64| match start {
            None => true,
            Some(s) if from.descending => k < s,
            Some(s) => k > s,
        };
        let mut keys: Vec<(u64, i64)> = Vec::new();
        let mut stmt = super::search::prepare(conn, &matches)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(values))?;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            match key(seq) {
                Some(k) if after(k) => keys.push((if from.descending { !k } else { k }, seq)),
                Some(_) => {}
                // A row the order does not know: not possible within one snapshot.
                None => return Ok(None),
            }
        }
        drop(rows);
        let seqs = first_matching(store, &mut keys, n, check.as_ref())?;
        let window = read_rows(store, query, &seqs)?;
        snapshot.commit()?;
        Ok(Some(window))
    }
}

/// The `seq`s of the `n` first of `keys` (sort key, `seq`; a row may be listed twice) that
/// match `check` (each row, when `None`), in order: the first `n` (and as many again, for the
/// rows listed twice; at least 64) sorted, checked, then a batch twice as large after them,
/// and so on until `n` match or none is left.
fn first_matching(
    store: &Store,
    keys: &mut [(u64, i64)],
    n: usize,
    check: Option<&(String, Option<String>)>,
) -> Result<Vec<i64>, StoreError> {
    let mut seqs: Vec<i64> = Vec::with_capacity(n);
    let mut last: Option<u64> = None;
    let mut rest = keys;
    // Each batch twice the last: a loose list whose rows mostly fail costs a few batches.
    let mut grow = 1usize;
    while seqs.len() < n && !rest.is_empty() {
        let take = (n - seqs.len())
            .saturating_mul(2)
            .max(64)
            .saturating_mul(grow)
            .min(rest.len());
        grow = grow.saturating_mul(2);
        if rest.len() > take {
            rest.select_nth_unstable(take);
        }
        let (batch, after) = rest.split_at_mut(take);
        batch.sort_unstable();
        let mut fresh: Vec<i64> = Vec::with_capacity(batch.len());
        for (key, seq) in batch.iter() {
            if last != Some(*key) {
                fresh.push(*seq);
            }
            last = Some(*key);
        }
        match check {
            None => seqs.extend(fresh),
            Some((needle, amount)) => {
                let good = matching_of(store, &fresh, needle, amount.as_deref())?;
                seqs.extend(fresh.into_iter().filter(|s| good.contains(s)));
            }
        }
        rest = after;
    }
    seqs.truncate(n);
    Ok(seqs)
}

/// Which of `seqs` match the search (`needle`, `amount`) by the rule (`coffre_matches`).
fn matching_of(
    store: &Store,
    seqs: &[i64],
    needle: &str,
    amount: Option<&str>,
) -> Result<HashSet<i64>, StoreError> {
    let listed: Vec<String> = seqs.iter().map(i64::to_string).collect();
    let mut stmt = super::search::prepare(
        &store.conn,
        "SELECT seq FROM transactions WHERE seq IN (SELECT value FROM json_each(?1)) \
         AND coffre_matches(label, notes, amount, ?2, ?3)",
    )?;
    let good = stmt
        .query_map(
            rusqlite::params![format!("[{}]", listed.join(",")), needle, amount],
            |r| r.get(0),
        )?
        .collect::<Result<_, _>>()?;
    Ok(good)
}

/// The rows `seqs` names, in that order, with their cursors in `query`'s order.
fn read_rows(store: &Store, query: &TxQuery, seqs: &[i64]) -> Result<Window, StoreError> {
    let column = query.sort.column;
    let group = groups::group_column(column).unwrap_or("NULL");
    let key = match groups::group_column(column) {
        Some(_) => "date",
        None => sql::key_expression(column),
    };
    let sql = format!(
        "SELECT {group}, {key}, {}, seq FROM transactions \
         WHERE seq IN (SELECT value FROM json_each(?))",
        sql::ROW_COLUMNS
    );
    let listed: Vec<String> = seqs.iter().map(i64::to_string).collect();
    let mut read = Window::default();
    let mut at = Vec::with_capacity(seqs.len());
    let mut stmt = store.conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([format!("[{}]", listed.join(","))])?;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(15)?;
        at.push(seqs.iter().position(|s| *s == seq).unwrap_or(usize::MAX));
        read.cursors.push(Cursor {
            group: r.get(0)?,
            key: r.get(1)?,
            id: r.get(2)?,
        });
        push_row(&mut read.rows, r, 2)?;
    }
    let mut in_order: Vec<u32> = (0..read.cursors.len() as u32).collect();
    in_order.sort_by_key(|i| at[*i as usize]);
    let mut window = Window::default();
    for i in in_order {
        window.rows.push(read.rows.get(i));
        window.cursors.push(read.cursors[i as usize].clone());
    }
    Ok(window)
}

/// `column`'s order read from its index (`None`: the store is too sparse to rank).
fn read_order(store: &Store, column: SortColumn) -> Result<Option<Order>, StoreError> {
    let conn = &store.conn;
    let largest: Option<i64> =
        conn.query_row("SELECT max(seq) FROM transactions", [], |r| r.get(0))?;
    let largest = largest.unwrap_or(0).max(0);
    if largest > MAX_SEQ {
        return Ok(None);
    }
    let (group, order_by) = match groups::group_column(column) {
        Some(g) => (g, format!("{g}, date, id")),
        None => ("NULL", format!("{}, id", sql::key_expression(column))),
    };
    let sql = format!("SELECT seq, {group} FROM transactions ORDER BY {order_by}");
    let mut place = vec![NONE; largest as usize + 1];
    let mut groups: Vec<(Value, u32)> = Vec::new();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([])?;
    let mut next = 0u32;
    while let Some(r) = rows.next()? {
        let seq: i64 = r.get(0)?;
        let value: Value = r.get(1)?;
        if groups.last().is_none_or(|(v, _)| *v != value) {
            groups.push((value, next));
        }
        if let Some(p) = place.get_mut(seq as usize) {
            *p = next;
        }
        next += 1;
    }
    if groups.is_empty() {
        groups.push((Value::Null, 0));
    }
    Ok(Some(Order { place, groups }))
}
