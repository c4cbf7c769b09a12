//! Durable progress: an account's transactions written a few whole pages at a time, each group
//! in ONE immediate transaction together with where the read stands (`sync_progress`), so that a
//! sync that fails or is killed halfway keeps what it downloaded and the next one resumes there.
//!
//! What is stored is never part of a page (a group of whole pages or nothing) and never twice
//! (upserts by id; a resumed read starts again at the last page it wrote, so a server whose list
//! moved by a line between the two runs loses nothing). The last group of a read reconciles the
//! re-read window (see `write`'s module doc): a pending line the read did not list (in whatever
//! run: `sync_seen` keeps the pending ids it listed, the only ones a reconcile could drop) is removed, the removal recorded; then the
//! progress and the listed ids are forgotten.
//!
//! Where a new read starts: [`Store::reread_from`] (a trailing window of import dates, and
//! every line still pending; its length is `sync::fetch::REREAD_WINDOW`), narrowed by
//! transaction date to [`Store::reread_since`] (a trailing window of dates, and every line
//! still pending): a bank imported in one batch has every line in the import window, and was
//! read whole at every sync for two weeks; the dates keep only the last two weeks.
//!
//! Choice (ours): the progress is per account, keyed by the read's `start_import_date`, and kept
//! until the read completes, however many runs that takes.

use chrono::{DateTime, NaiveDate, Utc};
use rusqlite::{OptionalExtension, TransactionBehavior, params};

use super::write::lines::stage;
use super::write::{DROPPED, upsert_account, upsert_connection};
use super::{PagesWritten, Store, StoreError, SyncReport};
use crate::domain::{Account, AccountId, Connection, Transaction};

/// Where a read of one account's transactions stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    /// The read's `start_import_date` (epoch seconds; `None`: from the beginning).
    pub from: Option<i64>,
    /// The last page written (1-based; 0: none yet).
    pub pages_done: usize,
    /// When the read started (epoch seconds).
    pub started_at: i64,
}

/// A group of whole pages of one account's transactions, ready to be written.
#[derive(Debug, Clone, Copy)]
pub struct Pages<'a> {
    pub connection: &'a Connection,
    pub account: &'a Account,
    /// The lines of the pages (each id once).
    pub lines: &'a [Transaction],
    /// Where the read stands once these pages are written.
    pub progress: Progress,
    /// The read's last group: reconcile the window and forget the progress.
    pub last: bool,
}

impl<'a> Pages<'a> {
    /// A whole read of `account` written as one group, started at `now`: its first page and
    /// its last (finX's reads, which list an account in one answer).
    pub fn whole_read(
        connection: &'a Connection,
        account: &'a Account,
        lines: &'a [Transaction],
        now: DateTime<Utc>,
    ) -> Self {
        Pages {
            connection,
            account,
            lines,
            progress: Progress {
                from: None,
                pages_done: 1,
                started_at: now.timestamp(),
            },
            last: true,
        }
    }
}

impl Store {
    /// Where an unfinished read of `account_id` stands, if one is.
    pub fn progress(&self, account_id: &AccountId) -> Result<Option<Progress>, StoreError> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT from_import, pages_done, started_at FROM sync_progress
                 WHERE account_id = ?1 AND finished_at IS NULL",
            )?
            .query_row([account_id.key()], |r| {
                Ok(Progress {
                    from: r.get(0)?,
                    pages_done: r.get::<_, i64>(1)?.max(0) as usize,
                    started_at: r.get(2)?,
                })
            })
            .optional()?)
    }

    /// Where the next sync of `account_id` starts reading (`start_import_date`, epoch seconds):
    /// `window` seconds before the latest import stored, or earlier to take in the oldest line
    /// still pending; `None` (read everything) when nothing is stored yet, or when a pending
    /// line has no import date to start from.
    pub fn reread_from(
        &self,
        account_id: &AccountId,
        window: i64,
    ) -> Result<Option<i64>, StoreError> {
        let (rows, latest, oldest_pending, undated_pending): (i64, Option<i64>, Option<i64>, i64) =
            self.conn
                .prepare_cached(
                    "SELECT COUNT(*), MAX(imported_at),
                       MIN(CASE WHEN booking = 'pending' THEN imported_at END),
                       COUNT(CASE WHEN booking = 'pending' AND imported_at IS NULL THEN 1 END)
                     FROM transactions WHERE account_id = ?1",
                )?
                .query_row([account_id.key()], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
        if rows == 0 || undated_pending > 0 {
            return Ok(None);
        }
        Ok(latest.map(|latest| {
            let start = latest.saturating_sub(window);
            oldest_pending.map_or(start, |pending| pending.min(start))
        }))
    }

    /// The oldest transaction date the next incremental read of `account_id` must list: `days`
    /// before the latest line stored (or `today`, when a line is dated later, e.g. a
    /// scheduled debit), or the date of the oldest line still pending when that is earlier;
    /// `None` when nothing is stored. Every pending line is dated on or after it, so the
    /// read lists each one the bank still holds.
    pub fn reread_since(
        &self,
        account_id: &AccountId,
        days: i64,
        today: NaiveDate,
    ) -> Result<Option<NaiveDate>, StoreError> {
        let (latest, oldest_pending): (Option<String>, Option<String>) = self
            .conn
            .prepare_cached(
                "SELECT MAX(date), MIN(CASE WHEN booking = 'pending' THEN date END)
                 FROM transactions WHERE account_id = ?1",
            )?
            .query_row([account_id.key()], |r| Ok((r.get(0)?, r.get(1)?)))?;
        let day = |text: Option<String>| text.and_then(|t| t.parse::<NaiveDate>().ok());
        let Some(latest) = day(latest) else {
            return Ok(None);
        };
        let window = latest
            .min(today)
            .checked_sub_days(chrono::Days::new(days.max(0) as u64))
            .unwrap_or(NaiveDate::MIN);
        Ok(Some(day(oldest_pending).map_or(window, |p| p.min(window))))
    }

    /// When the last read of `account_id` finished (epoch seconds), if one did.
    pub fn read_finished_at(&self, account_id: &AccountId) -> Result<Option<i64>, StoreError> {
        Ok(self
            .conn
            .prepare_cached("SELECT finished_at FROM sync_progress WHERE account_id = ?1")?
            .query_row([account_id.key()], |r| r.get(0))
            .optional()?
            .flatten())
    }

    /// Writes `pages` (with their connection and account) and the progress in one
    /// transaction, as of `now`; the last group also reconciles the window.
    pub fn apply_pages(
        &mut self,
        pages: &Pages<'_>,
        now: DateTime<Utc>,
    ) -> Result<SyncReport, StoreError> {
        let at = now.timestamp();
        self.size_cache_for_writes()?;
        self.checkpoint_off_thread()?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut report = SyncReport::default();
        // The connection and the account are written only when new (so that lines never sit
        // without them); their states are the sync's last write (`Store::apply`), made once
        // every read is done.
        let known = |table: &str, key: &str| -> Result<bool, StoreError> {
            let sql = format!("SELECT EXISTS (SELECT 1 FROM {table} WHERE id = ?1)");
            Ok(tx.query_row(&sql, [key], |r| r.get(0))?)
        };
        if !known("connections", pages.connection.id.key())? {
            let action = pages.connection.next_action(now, 0);
            upsert_connection(&tx, pages.connection, &action, at)?;
        }
        if !known("accounts", pages.account.id.key())? {
            upsert_account(&tx, pages.account, at)?;
        }
        let account = pages.account.id.key();
        let resumed: bool = tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM sync_progress WHERE account_id = ?1
               AND finished_at IS NULL)",
            [account],
            |r| r.get(0),
        )?;
        if !resumed {
            // A new read: nothing it listed yet (a stale list would hide a dropped line).
            tx.execute("DELETE FROM sync_seen WHERE account_id = ?1", [account])?;
        }
        let staged = stage(&tx, pages.lines)?;
        staged.write(at, &mut report)?;
        staged.mark_seen(account)?;
        staged.clear()?;
        let progress = pages.progress;
        let finished = pages.last.then_some(at);
        if pages.last {
            report.dropped = drop_unlisted(&tx, account, progress.from, at)?;
            tx.execute("DELETE FROM sync_seen WHERE account_id = ?1", [account])?;
        }
        tx.execute(
            "INSERT INTO sync_progress (account_id, from_import, pages_done, started_at,
               finished_at)
             VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(account_id) DO UPDATE SET from_import = ?2, pages_done = ?3,
               started_at = ?4, finished_at = ?5",
            params![
                account,
                progress.from,
                progress.pages_done as i64,
                progress.started_at,
                finished
            ],
        )?;
        tx.commit()?;
        self.nudge_checkpoint();
        self.observer.tell(&PagesWritten {
            connection: pages.connection.id.clone(),
            bank: pages.connection.name.clone(),
            account: pages.account.id.clone(),
            lines: pages.lines.len(),
            new: report.new_transactions,
        });
        Ok(report)
    }
}

/// Removes the pending lines of `account` in the read's window (from `from` on) that it did
/// not list.
fn drop_unlisted(
    tx: &rusqlite::Transaction<'_>,
    account: &str,
    from: Option<i64>,
    at: i64,
) -> Result<usize, StoreError> {
    let untouched: Vec<String> = tx
        .prepare_cached(
            "SELECT id FROM transactions WHERE account_id = ?1 AND booking = 'pending'
               AND (?2 IS NULL OR imported_at >= ?2)
               AND id NOT IN (SELECT transaction_id FROM sync_seen WHERE account_id = ?1)",
        )?
        .query_map(params![account, from], |r| r.get(0))?
        .collect::<Result<_, _>>()?;
    for id in &untouched {
        tx.prepare_cached(
            "INSERT INTO booking_changes (transaction_id, old, new, changed_at)
             VALUES (?1, 'pending', ?2, ?3)",
        )?
        .execute(params![id, DROPPED, at])?;
        tx.prepare_cached("DELETE FROM transactions WHERE id = ?1")?
            .execute([id])?;
    }
    Ok(untouched.len())
}

#[cfg(test)]
#[path = "pages_tests.rs"]
mod tests;
