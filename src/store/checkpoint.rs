//! Checkpoints off the writer's thread.
//!
//! In WAL mode a commit appends the pages it wrote to the `-wal` file; a checkpoint copies them
//! into the store file. SQLite runs that copy inside the commit that crosses
//! `wal_autocheckpoint` pages, on the committing thread: during a sync, the writer's (perf,
//! headless sync of 120,000 transactions: `sqlite3WalCheckpoint` 8.3 % of the writer, while
//! the machine's second core mostly waited).
//!
//! A store that writes a sync's pages hands that copy to a thread of its own the first time
//! ([`Store::checkpoint_off_thread`]): its connection stops checkpointing
//! (`wal_autocheckpoint = 0`), and after each commit it nudges the checkpointer
//! ([`Store::nudge_checkpoint`]), which copies everything committed with its own connection.
//! `PASSIVE`: it never waits for, nor blocks, the writer or a reader; what a reader still needs
//! is copied at a later nudge. Nudges that arrive while a copy runs become one.
//!
//! The WAL stays bounded by what the writer commits between two copies. When the store is
//! dropped, the thread ends after its copy; the last connection to close copies the rest (SQLite
//! does on close), so nothing depends on the thread having kept up.

use std::path::Path;
use std::sync::mpsc::{SyncSender, sync_channel};
use std::thread::JoinHandle;

use rusqlite::Connection;

use super::{BUSY_TIMEOUT, Store, StoreError};

/// The checkpointing thread of one writing [`Store`], and how to nudge it.
#[derive(Debug)]
pub(super) struct Checkpointer {
    nudge: Option<SyncSender<()>>,
    thread: Option<JoinHandle<()>>,
}

impl Checkpointer {
    /// Opens a connection to the store at `path` and starts the thread that checkpoints with it.
    fn start(path: &Path) -> Result<Self, StoreError> {
        let conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // One pending nudge is enough: the copy that follows takes everything committed.
        let (nudge, nudged) = sync_channel::<()>(1);
        let thread = std::thread::Builder::new()
            .name("coffre-checkpoint".into())
            .spawn(move || {
                while nudged.recv().is_ok() {
                    // A copy that fails (the disk, a lock) is retried at the next nudge, and
                    // the last close copies what is left: nothing is lost either way.
                    let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
                }
            })
            .map_err(|e| StoreError::Invalid(format!("no checkpoint thread: {e}")))?;
        Ok(Self {
            nudge: Some(nudge),
            thread: Some(thread),
        })
    }

    fn nudge(&self) {
        if let Some(nudge) = &self.nudge {
            // Full: a copy is already due, and it will take this commit too.
            let _ = nudge.try_send(());
        }
    }
}

impl Drop for Checkpointer {
    fn drop(&mut self) {
        self.nudge = None;
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

impl Store {
    /// Hands this connection's checkpoints to a thread of their own, once; a store that is not
    /// in WAL mode (in memory), or whose thread cannot start, keeps checkpointing on commit.
    pub(crate) fn checkpoint_off_thread(&mut self) -> Result<(), StoreError> {
        if self.checkpointer.is_some() {
            return Ok(());
        }
        let mode: String = self
            .conn
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Ok(());
        }
        let Ok(checkpointer) = Checkpointer::start(&self.path) else {
            return Ok(());
        };
        self.conn.execute_batch("PRAGMA wal_autocheckpoint = 0")?;
        self.checkpointer = Some(checkpointer);
        Ok(())
    }

    /// Tells the checkpointer, if this store has one, that a commit is there to copy.
    pub(crate) fn nudge_checkpoint(&self) {
        if let Some(checkpointer) = &self.checkpointer {
            checkpointer.nudge();
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    use super::*;

    fn store_file_len(store: &Store) -> u64 {
        std::fs::metadata(store.path())
            .map(|m| m.len())
            .unwrap_or(0)
    }

    #[test]
    fn a_commit_reaches_the_store_file_without_waiting_for_the_wal_to_fill() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
        store.checkpoint_off_thread().unwrap();
        let before = store_file_len(&store);
        store
            .conn
            .execute_batch(
                "CREATE TABLE filler (x BLOB);
                 WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
                 INSERT INTO filler SELECT randomblob(4000) FROM n;",
            )
            .unwrap();
        store.nudge_checkpoint();
        // The copy runs on the other thread: wait for it, at most a generous while.
        let deadline = Instant::now() + Duration::from_secs(20);
        while store_file_len(&store) < before + 200 * 4000 && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
        assert!(
            store_file_len(&store) >= before + 200 * 4000,
            "the committed pages are still only in the WAL"
        );
    }

    #[test]
    fn the_writer_no_longer_checkpoints_on_commit_once_a_thread_does() {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("coffre.sqlite")).unwrap();
        let pages = |s: &Store| -> i64 {
            s.conn
                .query_row("PRAGMA wal_autocheckpoint", [], |r| r.get(0))
                .unwrap()
        };
        assert!(pages(&store) > 0);
        store.checkpoint_off_thread().unwrap();
        store.checkpoint_off_thread().unwrap();
        assert_eq!(pages(&store), 0);
        assert!(store.checkpointer.is_some());
    }
}
