//! Where a user session's refresh token is kept between runs, as the token manager sees it: a
//! [`TokenKeeper`] set on the client (`Client::keep_tokens_with`). `coffre sync` and the TUI
//! set one that keeps it where the saved session lives (`crate::sync::session::StoreKeeper`:
//! the store or the OS keyring); a client without one keeps its tokens in memory only.
//!
//! The methods block (a store write, a file lock): the token manager calls them on tokio's
//! blocking pool ([`blocking`]), never on a runtime thread.

use std::sync::Arc;

use secrecy::SecretString;

/// Keeps a session's refresh token where the next run (or another process) finds it.
pub trait TokenKeeper: Send + Sync {
    /// The refresh token kept now, if any: another process may have rotated it since this one
    /// last kept its own.
    fn stored(&self) -> Result<Option<SecretString>, String>;

    /// Keeps `token`, replacing the previous one, in its own committed write, before returning.
    fn keep(&self, token: &SecretString) -> Result<(), String>;

    /// Holds other processes' refreshes of this session off until the returned guard is
    /// dropped (so that two processes never spend the same single-use token). `None` when it
    /// could not be taken in reasonable time: the refresh goes ahead without it.
    fn hold(&self) -> Option<Box<dyn Send>>;
}

/// Runs `work` with `keeper` on the blocking pool; a panicked or cancelled task is an error.
pub(crate) async fn blocking<T: Send + 'static>(
    keeper: &Arc<dyn TokenKeeper>,
    work: impl FnOnce(&dyn TokenKeeper) -> T + Send + 'static,
) -> Result<T, String> {
    let keeper = Arc::clone(keeper);
    tokio::task::spawn_blocking(move || work(keeper.as_ref()))
        .await
        .map_err(|e| format!("the token keeper stopped: {e}"))
}
