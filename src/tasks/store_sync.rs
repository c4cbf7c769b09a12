//! Writing a synced connection to the local store: once the queue says a connection's sync
//! succeeded, fetch its state, accounts and new transactions (the same fetch and the same batch
//! assembly as `coffre sync`: [`crate::sync::fetch::add_to_batch`]). Transactions are written a
//! group of whole pages at a time as they arrive (durable progress: a failure keeps what was
//! downloaded, and the next sync resumes there), then the connection's state in one store
//! transaction. A failure never leaves part of a page, nor a line twice.
//!
//! The store is SQLite (blocking, not `Sync`), so the whole fetch-and-write runs on a blocking
//! thread that drives the async fetch with the runtime's handle; the UI task never waits for it.
//!
//! With real hosts the session's current refresh token is stored in the same go (after the
//! sync's store transaction), so the next start resumes the session without a password.
//!
//! It holds the sync lock (`crate::sync::lock`) while it fetches and writes, so it never
//! writes beside a `coffre sync` (cron): it waits for one at most
//! [`TUI_WAIT`](crate::sync::lock::TUI_WAIT), then gives up with "a sync from another coffre is
//! running; try again when it is done", writing nothing.
//!
//! Docs gap (ours): a connection that needs the user after a successful sync (e.g. accounts
//! waiting for consent) is written and reported in the status line, not treated as a failure.

use std::path::PathBuf;

use chrono::Utc;

use crate::domain::ConnectionId;
use crate::oxlin::client::Client;
use crate::store::{Store, SyncBatch};
use crate::sync::fetch::{FetchError, Problem, add_to_batch};
use crate::sync::lock::{SyncLock, TUI_WAIT};
use crate::sync::session::{self, TokenOwner};

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
    let runtime = tokio::runtime::Handle::current();
    let work = move || -> Result<Saved, String> {
        let _lock =
            SyncLock::wait(&SyncLock::dir_of(&target.path), TUI_WAIT).map_err(|e| e.to_string())?;
        let mut store = Store::open(&target.path).map_err(|e| e.to_string())?;
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
