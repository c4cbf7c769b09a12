//! Writing a synced connection to the local store: once the queue says a connection's sync
//! succeeded, fetch its state, accounts and new transactions (the same fetch and the same batch
//! assembly as `coffre sync`: [`crate::sync::fetch::add_to_batch`]). Transactions are written a
//! group of whole pages at a time as they arrive (durable progress: a failure keeps what was
//! downloaded, and the next sync resumes there), then the connection's state in one store
//! transaction. A failure never leaves part of a page, nor a line twice.
//!
//! The store is SQLite (blocking, not `Sync`), so the store's writer runs on a blocking thread
//! that drives the async fetch with the runtime's handle; the UI task never waits for it.
//! Fetching and writing overlap exactly as in `coffre sync`, by the same code: each account's
//! pages are read and decoded by a task of their own on the runtime's workers, a group of pages
//! ahead, while this thread writes the group before (`sync::fetch`'s `account_pages`). Nothing
//! here fetches a page itself.
//!
//! With real hosts the session's current refresh token is stored in the same go (after the
//! sync's store transaction), so the next start resumes the session without a password.
//!
//! It holds the sync lock (`crate::sync::lock`) while it fetches and writes, so it never
//! writes beside a `coffre sync` (cron): it waits for one at most
//! [`TUI_WAIT`](crate::sync::lock::TUI_WAIT), then gives up with "a sync from another coffre is
//! running; try again when it is done", writing nothing.
//!
//! While it writes, the UI can be told how many transactions were fetched and stored so far
//! ([`save_connection_counting`]: the store's `observe_pages`, throttled to [`COUNT_EVERY`]).
//!
//! Docs gap (ours): a connection that needs the user after a successful sync (e.g. accounts
//! waiting for consent) is written and reported in the status line, not treated as a failure.

use std::path::PathBuf;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use chrono::Utc;

use crate::app::ApiEvent;
use crate::domain::ConnectionId;
use crate::oxlin::client::Client;
use crate::store::{Store, SyncBatch};
use crate::sync::fetch::{FetchError, Problem, add_to_batch};
use crate::sync::lock::{SyncLock, TUI_WAIT};
use crate::sync::session::{self, TokenOwner};
use crate::tasks::sender::MsgSender;

/// Where synced connections are written, and whose saved session is kept beside them.
#[derive(Debug, Clone)]
pub struct StoreTarget {
    /// The store file.
    pub path: PathBuf,
    /// Keep the session's refresh token for this owner (`sync::session`); `None` in
    /// sandbox mode (the demo user logs in with its password).
    pub session_owner: Option<TokenOwner>,
}

/// What saving a connection did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// Transactions not in the store before.
    pub new_transactions: usize,
    /// What the user should still do, when anything.
    pub attention: Option<Problem>,
}

/// Fetches `connection` and writes it to the store in one transaction (then keeps the session).
pub async fn save_connection(
    client: Client,
    target: StoreTarget,
    connection: ConnectionId,
) -> Result<Saved, String> {
    save_connection_counting(client, target, connection, None).await
}

/// [`save_connection`], telling `counts` (when given) how many transactions were fetched and
/// stored so far: `ApiEvent::TransactionsImported`, at most one per [`COUNT_EVERY`] and once
/// more with the total after the last group of pages.
pub async fn save_connection_counting(
    client: Client,
    target: StoreTarget,
    connection: ConnectionId,
    counts: Option<MsgSender>,
) -> Result<Saved, String> {
    let runtime = tokio::runtime::Handle::current();
    let work = move || -> Result<Saved, String> {
        let _lock =
            SyncLock::wait(&SyncLock::dir_of(&target.path), TUI_WAIT).map_err(|e| e.to_string())?;
        let mut store = Store::open(&target.path).map_err(|e| e.to_string())?;
        let count = counts.map(|sender| ImportCount::observe(&mut store, sender, &connection));
        let now = Utc::now();
        let mut batch = SyncBatch::default();
        let added = runtime.block_on(async {
            let wire = client.connection(connection.raw()).await?;
            add_to_batch(&client, &mut store, &wire, now, &mut batch).await
        });
        let added = added.map_err(|e: FetchError| e.to_string())?;
        let saved = Saved {
            new_transactions: added.new_transactions,
            attention: added.problem,
        };
        store.apply(&batch, now).map_err(|e| e.to_string())?;
        if let Some(count) = &count {
            lock_count(count).finish();
        }
        if let Some(owner) = &target.session_owner
            && let Err(e) = runtime.block_on(session::keep_token(&store, owner, &client))
        {
            tracing::warn!("the session was not kept for the next start: {e}");
        }
        Ok(saved)
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) => Err(format!("the store writer stopped: {e}")),
    }
}

/// The shortest time between two counts sent to the UI (ten a second at most: the screen
/// redraws on each message, and a group of pages can commit every few milliseconds).
pub const COUNT_EVERY: Duration = Duration::from_millis(100);

/// The running count of one store write, sent to the UI at most once per [`COUNT_EVERY`].
#[derive(Debug)]
struct ImportCount {
    sender: MsgSender,
    connection: ConnectionId,
    /// Lines fetched and stored so far.
    total: usize,
    /// When a count was last sent, and which.
    sent: Option<(Instant, usize)>,
}

impl ImportCount {
    /// A count fed by every group of pages `store` commits for `connection`.
    fn observe(
        store: &mut Store,
        sender: MsgSender,
        connection: &ConnectionId,
    ) -> Arc<Mutex<ImportCount>> {
        let count = Arc::new(Mutex::new(ImportCount {
            sender,
            connection: connection.clone(),
            total: 0,
            sent: None,
        }));
        let fed = Arc::clone(&count);
        store.observe_pages(Box::new(move |written| {
            let mut count = lock_count(&fed);
            if written.connection == count.connection {
                count.total += written.lines;
                if due(count.sent.map(|(at, _)| at), Instant::now()) {
                    count.send();
                }
            }
        }));
        count
    }

    /// Sends the total if the UI has not seen it yet (after the last group of pages).
    fn finish(&mut self) {
        if self.sent.map(|(_, n)| n) != Some(self.total) {
            self.send();
        }
    }

    fn send(&mut self) {
        self.sender.api(ApiEvent::TransactionsImported {
            connection: self.connection.clone(),
            imported: self.total,
        });
        self.sent = Some((Instant::now(), self.total));
    }
}

/// Whether a count may be sent `now`, the last one sent at `last` (the first one always may).
fn due(last: Option<Instant>, now: Instant) -> bool {
    last.is_none_or(|at| now.saturating_duration_since(at) >= COUNT_EVERY)
}

/// The count, even if a panic poisoned its lock (a number stays a number).
fn lock_count(count: &Mutex<ImportCount>) -> MutexGuard<'_, ImportCount> {
    count.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ui_hears_the_count_at_most_ten_times_a_second() {
        let start = Instant::now();
        assert!(due(None, start), "the first count is sent at once");
        assert!(!due(Some(start), start + Duration::from_millis(40)));
        assert!(!due(Some(start), start + Duration::from_millis(99)));
        assert!(due(Some(start), start + COUNT_EVERY));
    }
}
