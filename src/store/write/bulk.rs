//! A write bigger than the store it goes into (the first group of a big bank's first sync, a
//! bulk import): the indexes that only serve the transactions view's sorts are built once
//! after the rows are in, instead of taking one random insert per row.
//!
//! All of it happens inside the writer's transaction ([`Deferred::rebuild`] runs before the
//! commit), so no reader ever sees the store without them: WAL readers keep the snapshot they
//! started with, and a reader's prepared statements are re-prepared by SQLite on the schema
//! change (`SQLITE_SCHEMA`, handled inside `sqlite3_step` for statements made with
//! `sqlite3_prepare_v2`, which rusqlite uses). A write that fails rolls the drops back with
//! everything else.
//!
//! Which indexes: the sort indexes of schema 9 (label, amount, category, booking), whose keys
//! land at random in the B-tree. The `id` index (the upsert's conflict target), the account
//! and date indexes (read by the reconcile and the dashboard inside the same transaction) and
//! the amount's full-text index (contentless: it cannot be rebuilt from the table, FTS5 docs
//! §4.4.3) stay as they are. The text index (external content) could be `'rebuild'`-ed, but
//! the writer already feeds it set-based (`super::lines`: one statement per group, the terms
//! gathered in memory and written as one segment at the commit), which is what a rebuild does
//! too, plus re-reading every row stored.
//!
//! Docs gap (ours): "bigger than the store" is counted against the largest `seq` stored (a
//! bound on the rows, read in one seek; a store that lost lines counts as bigger than it is, so
//! the rule errs towards the per-row path). Building an index costs a pass over the whole
//! table, so it pays only when the write brings more rows than the table held before (at
//! equal sizes the two costs meet: `benches/store_million`).

use rusqlite::Transaction;

use super::super::StoreError;

/// The indexes dropped and rebuilt around a big write: the transactions view's sorts.
const SORT_INDEXES: [&str; 4] = [
    "transactions_by_label",
    "transactions_by_amount",
    "transactions_by_category",
    "transactions_by_booking",
];

/// The indexes dropped for one write, to be built again before its commit.
#[must_use = "the dropped indexes must be rebuilt before the commit"]
pub(in crate::store) struct Deferred {
    /// Each dropped index's `CREATE INDEX` statement, as the schema wrote it.
    creates: Vec<String>,
}

/// Drops the sort indexes when `new_lines` (the rows this write adds) outnumber `stored` (the
/// largest `seq` in the table before the write); `None` when the write is smaller (the
/// per-row path is cheaper then).
pub(in crate::store) fn defer_if_bigger(
    tx: &Transaction<'_>,
    new_lines: i64,
    stored: i64,
) -> Result<Option<Deferred>, StoreError> {
    if new_lines <= stored {
        return Ok(None);
    }
    let mut creates = Vec::with_capacity(SORT_INDEXES.len());
    for name in SORT_INDEXES {
        let sql: Option<String> = tx
            .prepare_cached(
                "SELECT sql FROM main.sqlite_master WHERE type = 'index' AND name = ?1",
            )?
            .query_row([name], |r| r.get(0))
            .or_else(|e| match e {
                rusqlite::Error::QueryReturnedNoRows => Ok(None),
                e => Err(e),
            })?;
        if let Some(sql) = sql {
            tx.execute_batch(&format!("DROP INDEX main.{name}"))?;
            creates.push(sql);
        }
    }
    Ok(Some(Deferred { creates }))
}

impl Deferred {
    /// Builds every dropped index again from the table.
    pub(in crate::store) fn rebuild(self, tx: &Transaction<'_>) -> Result<(), StoreError> {
        for sql in &self.creates {
            tx.execute_batch(sql)?;
        }
        Ok(())
    }
}
