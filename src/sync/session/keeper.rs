//! The saved session as the token manager's [`TokenKeeper`]: every new refresh token is kept
//! the moment it arrives, where the session lives (`super::save_token`: the store's `secrets`
//! table, in its own committed and fsynced transaction, or the OS keyring, with the place
//! recorded in the store), by `coffre sync` and the TUI alike; before a refresh the kept token
//! is re-read from there, so a token another process rotated is used rather than our spent one.
//!
//! Two processes never spend the same token: a refresh is done holding an OS file lock
//! (`std::fs::File::lock`, released by the kernel when the process dies) on
//! `<store file>.session-lock`, a `0600` file beside the store that is never removed.
//!
//! Choices (ours): the keeper has its own connection to the store, opened at its first use (the
//! re-read before the first refresh) and kept, so that writing a new token costs one small
//! transaction and no open: the time between the server spending the old token and the new one
//! being on disk is as short as we can make it (a kill inside that window still loses the
//! session; only the server could close it). Its own connection never shares a transaction
//! with the sync's writes. A lock held longer than [`HOLD_WAIT`](crate::sync::session::HOLD_WAIT) (a hung process) is given up
//! on and the refresh goes ahead without it.

use std::path::{Path, PathBuf};

use secrecy::SecretString;

use super::{OwnStore, TokenOwner, save_token, stored_token};
use crate::oxlin::tokens::TokenKeeper;

/// Keeps `owner`'s refresh token in the store at `path`.
#[derive(Debug, Clone)]
pub struct StoreKeeper {
    owner: TokenOwner,
    /// Its own connection to the store, and the lock beside it.
    own: OwnStore,
}

impl StoreKeeper {
    /// A keeper writing `owner`'s token to the store file at `path`.
    pub fn new(path: &Path, owner: TokenOwner) -> Self {
        StoreKeeper {
            owner,
            own: OwnStore::new(path, ".session-lock"),
        }
    }

    /// The lock file held while refreshing.
    pub fn lock_path(&self) -> PathBuf {
        self.own.lock_path()
    }
}

impl TokenKeeper for StoreKeeper {
    fn stored(&self) -> Result<Option<SecretString>, String> {
        self.own
            .with_store(|store| stored_token(store, &self.owner).map_err(|e| e.to_string()))
    }

    fn keep(&self, token: &SecretString) -> Result<(), String> {
        self.own
            .with_store(|store| save_token(store, &self.owner, token).map_err(|e| e.to_string()))
    }

    fn hold(&self) -> Option<Box<dyn Send>> {
        match self.own.lock() {
            Ok(file) => Some(Box::new(file)),
            Err(e) => {
                tracing::warn!("refreshing the session without the session lock: {e}");
                None
            }
        }
    }
}
