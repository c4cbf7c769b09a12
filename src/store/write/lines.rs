//! Writing transaction lines set-based: a group of lines (a sync, or a few pages of one) is
//! staged in a temporary table with prepared inserts, then written by a few statements over
//! the whole set, inside the caller's transaction:
//!
//! 1. the counts: lines whose id the store did not hold (new), the rest (updated);
//! 2. `booking_changes`: every staged line whose booking differs from what it replaces (the
//!    line stored before, or the same id staged earlier in the group), in staging order;
//!    skipped, with the text comparison of step 4, when every staged id is new and listed once
//!    (a first sync: nothing to compare, and each comparison is a seek per line);
//! 3. one upsert of every staged line, in staging order, keeping `first_seen`; a stored line
//!    the group lists unchanged is not rewritten at all (no row, no index, no text index
//!    touched: a re-read of unchanged lines only reads), so `updated_at` is when the line last
//!    changed;
//! 4. the full-text index, fed by the writer (schema 10 dropped the per-row insert and update
//!    triggers; the delete trigger stays, for every writer that removes lines): before the
//!    upsert, the old text of the stored lines whose label or notes change leaves it; after,
//!    the text of those lines and of the new ones (the `seq`s after the largest before the
//!    upsert) comes in, one statement each; the amount index likewise (schema 13:
//!    [`super::amounts`]), and the short-text index (`store::window::grams`).
//!
//! This is exactly what checking each line one by one did (the property test
//! `set_based_writes_give_the_same_store_as_row_by_row` keeps that logic as its oracle), at a
//! fraction of the cost: the comparison runs in SQLite, over the `id` index, once per group.
//!
//! A group that brings more new lines than the store holds skips the sort indexes' per-row
//! inserts and builds them once before the commit ([`super::bulk`]).
//!
//! Docs gap (ours): a group that lists one id twice is written as two lines in a row (the
//! second replaces the first, and a booking change between them is recorded), as before.

use rusqlite::{Transaction, params};

use super::super::{StoreError, SyncReport};
use crate::domain::Transaction as Line;

/// The staging table, private to this connection (`temp`), emptied before and after each use.
const CREATE_STAGED: &str = "CREATE TEMP TABLE IF NOT EXISTS staged_lines (
        n INTEGER PRIMARY KEY, id TEXT NOT NULL, account_id TEXT NOT NULL,
        amount TEXT NOT NULL, currency TEXT NOT NULL, date TEXT NOT NULL, value_date TEXT,
        booking_date TEXT, imported_at INTEGER, booking TEXT NOT NULL, label TEXT NOT NULL,
        notes TEXT, category TEXT, kind TEXT
    );
    DELETE FROM temp.staged_lines;
    CREATE TEMP TABLE IF NOT EXISTS text_changed (seq INTEGER PRIMARY KEY);
    DELETE FROM temp.text_changed;";

/// Each staged line with the booking it replaces (`old`: NULL for a new id).
const WITH_OLD: &str = "SELECT s.n, s.id, s.booking, COALESCE(
        LAG(s.booking) OVER (PARTITION BY s.id ORDER BY s.n), t.booking) AS old
    FROM temp.staged_lines s LEFT JOIN main.transactions t ON t.id = s.id";

/// The lines written by [`write_lines`], still staged until [`clear`].
pub(in crate::store) struct Staged<'t> {
    tx: &'t Transaction<'t>,
}

/// Stages `lines` (refusing a line without an id: nothing is written then).
pub(in crate::store) fn stage<'t>(
    tx: &'t Transaction<'t>,
    lines: &[Line],
) -> Result<Staged<'t>, StoreError> {
    if lines.iter().any(|t| t.id.raw().is_empty()) {
        return Err(StoreError::Invalid("a transaction without an id".into()));
    }
    tx.execute_batch(CREATE_STAGED)?;
    let mut insert = tx.prepare_cached(
        "INSERT INTO temp.staged_lines (id, account_id, amount, currency, date, value_date,
           booking_date, imported_at, booking, label, notes, category, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
    )?;
    for t in lines {
        insert.execute(params![
            t.id.key(),
            t.account_id.key(),
            t.amount.amount.to_string(),
            t.amount.currency,
            t.filing_date().to_string(),
            t.value_date.map(|d| d.to_string()),
            t.booking_date.map(|d| d.to_string()),
            t.imported_at.map(|d| d.timestamp()),
            t.booking.code(),
            t.label,
            t.notes,
            t.category,
            t.kind,
        ])?;
    }
    Ok(Staged { tx })
}

impl Staged<'_> {
    /// Records the booking changes, counts new and updated lines into `report`, and upserts
    /// every staged line, as of `at`.
    pub(in crate::store) fn write(
        &self,
        at: i64,
        report: &mut SyncReport,
    ) -> Result<(), StoreError> {
        let tx = self.tx;
        let (staged, new): (i64, i64) = tx
            .prepare_cached(
                "SELECT (SELECT COUNT(*) FROM temp.staged_lines),
                   (SELECT COUNT(DISTINCT s.id) FROM temp.staged_lines s
                    WHERE NOT EXISTS (SELECT 1 FROM main.transactions t WHERE t.id = s.id))",
            )?
            .query_row([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        report.new_transactions += new as usize;
        report.updated_transactions += (staged - new) as usize;
        // A group of ids all distinct and none stored (a first sync) has no booking change and
        // no changed text: the two comparisons, a seek per line each, are skipped.
        let all_new = new == staged;
        if !all_new {
            let changes: Vec<(String, String)> = tx
                .prepare_cached(&format!(
                    "INSERT INTO booking_changes (transaction_id, old, new, changed_at)
                     SELECT id, old, booking, ?1 FROM ({WITH_OLD})
                     WHERE old IS NOT NULL AND old <> booking ORDER BY n
                     RETURNING old, new"
                ))?
                .query_map([at], |r| Ok((r.get(0)?, r.get(1)?)))?
                .collect::<Result<_, _>>()?;
            report.newly_booked += changes
                .iter()
                .filter(|(old, new)| old == "pending" && new == "booked")
                .count();
        }
        let last_seq: i64 = tx
            .prepare_cached("SELECT COALESCE(MAX(seq), 0) FROM main.transactions")?
            .query_row([], |r| r.get(0))?;
        // Stored lines whose label or notes change: their old text leaves the index now (it
        // must be given as indexed), their new text comes in after the upsert.
        let text_changed = if all_new {
            0
        } else {
            tx.prepare_cached(
                "INSERT OR IGNORE INTO temp.text_changed (seq)
                 SELECT t.seq FROM temp.staged_lines s JOIN main.transactions t ON t.id = s.id
                 WHERE s.label IS NOT t.label OR s.notes IS NOT t.notes",
            )?
            .execute([])?
        };
        if text_changed > 0 {
            tx.prepare_cached(
                "INSERT INTO main.transactions_text (transactions_text, rowid, label, notes)
                 SELECT 'delete', seq, label, notes FROM main.transactions
                 WHERE seq IN (SELECT seq FROM temp.text_changed)",
            )?
            .execute([])?;
        }
        // A write bigger than the store builds the sort indexes once, after its rows are in.
        let deferred = super::bulk::defer_if_bigger(tx, new, last_seq)?;
        let grams_changed = crate::store::window::grams::note_changes(tx, all_new)?;
        let amounts_changed = super::amounts::note_changes(tx, all_new)?;
        tx.prepare_cached(
            "INSERT INTO main.transactions (id, account_id, amount, currency, date, value_date,
               booking_date, imported_at, booking, label, notes, category, kind, first_seen,
               updated_at)
             SELECT id, account_id, amount, currency, date, value_date, booking_date,
               imported_at, booking, label, notes, category, kind, ?1, ?1
             FROM temp.staged_lines WHERE true ORDER BY n
             ON CONFLICT(id) DO UPDATE SET account_id = excluded.account_id,
               amount = excluded.amount, currency = excluded.currency, date = excluded.date,
               value_date = excluded.value_date, booking_date = excluded.booking_date,
               imported_at = excluded.imported_at, booking = excluded.booking,
               label = excluded.label, notes = excluded.notes, category = excluded.category,
               kind = excluded.kind, updated_at = excluded.updated_at
             WHERE account_id IS NOT excluded.account_id OR amount IS NOT excluded.amount
               OR currency IS NOT excluded.currency OR date IS NOT excluded.date
               OR value_date IS NOT excluded.value_date
               OR booking_date IS NOT excluded.booking_date
               OR imported_at IS NOT excluded.imported_at OR booking IS NOT excluded.booking
               OR label IS NOT excluded.label OR notes IS NOT excluded.notes
               OR category IS NOT excluded.category OR kind IS NOT excluded.kind",
        )?
        .execute([at])?;
        // The text of the new lines and of the changed ones, indexed at once.
        if new > 0 || text_changed > 0 {
            tx.prepare_cached(
                "INSERT INTO main.transactions_text (rowid, label, notes)
                 SELECT seq, label, notes FROM main.transactions WHERE seq > ?1
                 UNION ALL
                 SELECT seq, label, notes FROM main.transactions
                 WHERE seq IN (SELECT seq FROM temp.text_changed)",
            )?
            .execute([last_seq])?;
        }
        if let Some(deferred) = deferred {
            deferred.rebuild(tx)?;
        }
        crate::store::window::grams::index_written(tx, last_seq, grams_changed)?;
        super::amounts::index_written(tx, last_seq, amounts_changed)?;
        Ok(())
    }

    /// Notes every staged pending id as listed by the read of `account` (`store::pages`): the
    /// reconcile only ever drops a line stored pending, and a line this read listed is stored
    /// as it listed it, so a listed line that is not pending can never be a candidate.
    pub(in crate::store) fn mark_seen(&self, account: &str) -> Result<(), StoreError> {
        self.tx
            .prepare_cached(
                "INSERT OR IGNORE INTO main.sync_seen (account_id, transaction_id)
                 SELECT ?1, id FROM temp.staged_lines WHERE booking = 'pending' ORDER BY n",
            )?
            .execute([account])?;
        Ok(())
    }

    /// Empties the staging table (its rows would otherwise stay in memory until the next
    /// group).
    pub(in crate::store) fn clear(self) -> Result<(), StoreError> {
        self.tx
            .execute_batch("DELETE FROM temp.staged_lines; DELETE FROM temp.text_changed;")?;
        Ok(())
    }
}
