//! Writing a synced connection to the local store: once the queue says a connection's sync
//! succeeded, fetch its state, accounts and new transactions (the same fetch as `coffre sync`,
//! [`crate::sync::fetch`]) and write them in ONE store transaction. A failure anywhere (network,
//! store) writes nothing: the store and the dashboard stay as they were.
//!
//! The store is SQLite (blocking, not `Sync`), so the whole fetch-and-write runs on a blocking
//! thread that drives the async fetch with the runtime's handle; the UI task never waits for it.
//!
//! Docs gap (ours): a connection that needs the user after a successful sync (e.g. accounts
//! waiting for consent) is written and reported in the status line, not treated as a failure.

use std::path::PathBuf;

use chrono::Utc;

use crate::oxlin::client::Client;
use crate::store::{Store, SyncBatch};
use crate::sync::fetch::{FetchError, Fetched, fetch_connection};

/// What saving a connection did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// Transactions not in the store before.
    pub new_transactions: usize,
    /// What the user should still do, when anything.
    pub attention: Option<String>,
}

/// Fetches `connection` and writes it to the store at `path` in one transaction.
pub async fn save_connection(
    client: Client,
    path: PathBuf,
    connection: String,
) -> Result<Saved, String> {
    let runtime = tokio::runtime::Handle::current();
    let work = move || -> Result<Saved, String> {
        let mut store = Store::open(&path).map_err(|e| e.to_string())?;
        let now = Utc::now();
        let fetched = runtime.block_on(async {
            let wire = client.connection(&connection).await?;
            let fetched = fetch_connection(&client, &store, &wire, now).await?;
            Ok::<_, FetchError>((wire, fetched))
        });
        let (wire, fetched) = fetched.map_err(|e| e.to_string())?;
        let mut batch = SyncBatch::default();
        let saved = match fetched {
            Fetched::Synced { sync, attention } => {
                let new_transactions = store
                    .count_new(&sync.transactions)
                    .map_err(|e| e.to_string())?;
                batch.synced.push(sync);
                Saved {
                    new_transactions,
                    attention,
                }
            }
            Fetched::NeedsUser(what) => {
                batch
                    .skipped
                    .push((crate::oxlin::to_domain::connection(&wire), what.clone()));
                Saved {
                    new_transactions: 0,
                    attention: Some(what),
                }
            }
        };
        store.apply(&batch, now).map_err(|e| e.to_string())?;
        Ok(saved)
    };
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(e) => Err(format!("the store writer stopped: {e}")),
    }
}
