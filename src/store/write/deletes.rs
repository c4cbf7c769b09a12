//! Schema 14: the two contentless indexes the writer feeds, `transactions_grams`
//! (`store::window::grams`) and `transactions_amount` ([`super::amounts`]), rebuilt without
//! tombstones, so that rewriting many stored lines costs about what writing new ones does.
//!
//! Schemas 9 and 12 made them `contentless_delete=1`: a row left them by its rowid alone, and
//! FTS5 kept a tombstone (a hash of deleted rowids) per segment. A bank revising a whole
//! history (every line's search text changes) deletes and writes every row again, and each
//! segment merge then checks every entry against the tombstone hash of every later segment:
//! `perf` of 100,000 lines rewritten showed 72 % of the time in FTS5 merges,
//! `fts5MultiIterIsDeleted` alone 63 % (our rowids, consecutive `seq`s, cluster in the hash's
//! linear probing), at 5,000–8,000 rows rewritten per second against ~50,000 new
//! (`benches/store_million`, its rewritten rows).
//!
//! Now they are plain contentless tables: a row's old entries leave by FTS5's `'delete'`
//! command with its old text, exactly as it was written (`coffre_grams` of the row, the
//! amount's spelling in `transactions_amount_text`). The delete is an ordinary entry merged
//! away like any other, with no per-entry lookup. The writer gives the changed lines' old text
//! before its upsert, set-based; the delete triggers give a removed line's: the amount's before
//! the row goes (its spelling is a view of the stored row), the grams' from `old.*` through
//! `coffre_grams` (registered on every connection coffre opens: a plain SQL tool without it
//! can no longer remove a transaction).
//!
//! A delete leaves the old entry and its marker in the index until a merge takes both: after
//! a rewrite of 100,000 lines, searches in these indexes took twice as long as on a fresh
//! store. So after a group that changed lines, the writer asks FTS5 for an incremental merge
//! of all segments ([`fold`], `'merge'` with a negative page count), sized to the changes: a
//! few small changes merge nothing, a rewrite of the whole history keeps the index folded
//! (searches as on a fresh store) for about 1.5 CPU s per 100,000 lines rewritten
//! (`benches/store_million` with `STORE_BENCH_SEARCH_AFTER`).
//!
//! Both tables are dropped, created again and filled from the stored lines, as schemas 9 and
//! 12 filled them; the trigger names stay (`benches/store_write_floor.rs` drops them by name).
use rusqlite::Transaction;

/// Lines changed per page of merge [`fold`] asks for (2 and 8 measured: 2 no better, 8 left
/// the amount searches slower).
const CHANGED_PER_PAGE: usize = 4;

/// After a group's write that changed `changed` lines of `table` (one of the two), merges up
/// to `changed / CHANGED_PER_PAGE` pages of its segments, across levels, so the old entries
/// and their deletes leave it.
pub(in crate::store) fn fold(
    tx: &Transaction<'_>,
    table: &str,
    changed: usize,
) -> rusqlite::Result<()> {
    let pages = (changed / CHANGED_PER_PAGE) as i64;
    if pages > 0 {
        tx.execute(
            &format!("INSERT INTO main.{table} ({table}, rank) VALUES ('merge', ?1)"),
            [-pages],
        )?;
    }
    Ok(())
}

/// One of the two indexes the writer feeds: how a staged line changes a stored line's entries,
/// and the stored entries of the lines that change, as FTS5 `'delete'` commands.
pub(in crate::store) struct Fed {
    /// The temporary table of the changed lines' `seq`s (`temp.<changed>`).
    pub changed: &'static str,
    /// When the staged line `s` changes the entries of the stored line `t`.
    pub changes_when: &'static str,
    /// The `'delete'` of the stored entries of every line in `temp.<changed>`.
    pub take_out: &'static str,
}

/// Notes, before the writer's upsert, the stored lines of the staged group
/// (`temp.staged_lines`) whose entries in `index` change, and takes those entries, as stored,
/// out of it. A group of only new lines (`all_new`) has none and skips the lookup (one seek
/// per line).
pub(in crate::store) fn note_changes(
    tx: &Transaction<'_>,
    all_new: bool,
    index: &Fed,
) -> rusqlite::Result<usize> {
    let changed = index.changed;
    tx.execute_batch(&format!(
        "CREATE TEMP TABLE IF NOT EXISTS {changed} (seq INTEGER PRIMARY KEY);
         DELETE FROM temp.{changed};"
    ))?;
    if all_new {
        return Ok(0);
    }
    let noted = tx
        .prepare_cached(&format!(
            "INSERT OR IGNORE INTO temp.{changed} (seq)
             SELECT t.seq FROM temp.staged_lines s JOIN main.transactions t ON t.id = s.id
             WHERE {}",
            index.changes_when
        ))?
        .execute([])?;
    if noted > 0 {
        tx.prepare_cached(index.take_out)?.execute([])?;
    }
    Ok(noted)
}

/// The SQL of schema 14.
pub(in crate::store) const SCHEMA_14: &str = "
    DROP TRIGGER IF EXISTS transactions_grams_delete;
    DROP TABLE IF EXISTS transactions_grams;
    CREATE VIRTUAL TABLE transactions_grams USING fts5 (
        grams, content = '', detail = none, tokenize = 'ascii'
    );
    INSERT INTO transactions_grams (rowid, grams)
        SELECT seq, coffre_grams(label, notes, amount) FROM transactions;
    CREATE TRIGGER transactions_grams_delete AFTER DELETE ON transactions BEGIN
        INSERT INTO transactions_grams (transactions_grams, rowid, grams)
        VALUES ('delete', old.seq, coffre_grams(old.label, old.notes, old.amount));
    END;
    DROP TRIGGER IF EXISTS transactions_amount_delete;
    DROP TABLE IF EXISTS transactions_amount;
    CREATE VIRTUAL TABLE transactions_amount USING fts5 (
        amount_text, content = '', tokenize = 'trigram'
    );
    INSERT INTO transactions_amount (rowid, amount_text)
        SELECT seq, amount_text FROM transactions_amount_text;
    CREATE TRIGGER transactions_amount_delete BEFORE DELETE ON transactions BEGIN
        INSERT INTO transactions_amount (transactions_amount, rowid, amount_text)
        SELECT 'delete', seq, amount_text FROM transactions_amount_text WHERE seq = old.seq;
    END;";
