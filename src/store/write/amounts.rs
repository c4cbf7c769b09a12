//! The amount index (`transactions_amount`, schema 9: trigrams of each amount as the search
//! rule spells it, the view `transactions_amount_text`) fed by the writer, set-based, since
//! schema 13 dropped its per-row insert and update triggers (the delete trigger stays, for every
//! writer that removes lines): [`note_changes`] before the upsert notes the stored lines of the
//! group whose amount changes and takes their old amounts out (FTS5's `'delete'` command, the
//! amount spelled as it was written: the index is contentless and, since schema 14
//! ([`super::deletes`]), keeps no tombstones); [`index_written`] after it puts the changed
//! amounts and the new lines' in, one statement each.
//!
//! A trigger per row ran, for each new line, a lookup of the view by `seq` and a one-row FTS5
//! insert: about 4.7 µs of the 30 µs a new line cost at 100,000 lines
//! (`benches/store_write_floor.rs`); one statement over the group's new
//! `seq`s does the same in a fraction of it. The view is flattened by SQLite into a plain read
//! of `transactions`, so `seq > ?` reads the new rows by their rowid range.
//!
//! An id listed twice in a group, new to the store, is one row at the end of the upsert (the
//! second line replaces the first): its amount, as the upsert left it, is indexed once.

use rusqlite::Transaction;

use super::deletes::{self, Fed};

/// The amount index, as the writer feeds it.
const AMOUNTS: Fed = Fed {
    changed: "amount_changed",
    changes_when: "s.amount IS NOT t.amount",
    take_out: "INSERT INTO main.transactions_amount (transactions_amount, rowid, amount_text)
        SELECT 'delete', seq, amount_text FROM main.transactions_amount_text
        WHERE seq IN (SELECT seq FROM temp.amount_changed)",
};

/// Notes, before the writer's upsert, the stored lines of the staged group whose amount
/// changes, and takes their amounts, as stored, out of the index ([`deletes::note_changes`]).
pub(super) fn note_changes(tx: &Transaction<'_>, all_new: bool) -> rusqlite::Result<usize> {
    deletes::note_changes(tx, all_new, &AMOUNTS)
}

/// Writes, after the writer's upsert, the amounts of the `changed` lines [`note_changes`]
/// noted and of the new ones (`seq` after `last_seq`), in `seq` order.
pub(super) fn index_written(
    tx: &Transaction<'_>,
    last_seq: i64,
    changed: usize,
) -> rusqlite::Result<()> {
    if changed > 0 {
        tx.prepare_cached(
            "INSERT INTO main.transactions_amount (rowid, amount_text)
             SELECT seq, amount_text FROM main.transactions_amount_text
             WHERE seq IN (SELECT seq FROM temp.amount_changed)",
        )?
        .execute([])?;
    }
    tx.prepare_cached(
        "INSERT INTO main.transactions_amount (rowid, amount_text)
         SELECT seq, amount_text FROM main.transactions_amount_text WHERE seq > ?1",
    )?
    .execute([last_seq])?;
    deletes::fold(tx, "transactions_amount", changed)?;
    tx.execute_batch("DELETE FROM temp.amount_changed;")
}
