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
//! with the sync's writes. A lock held longer than [`HOLD_WAIT`] (a hung process) is given up
//! on and the refresh goes ahead without it.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use secrecy::SecretString;

use super::{TokenOwner, save_token, stored_token};
use crate::oxlin::tokens::TokenKeeper;
use crate::store::{Store, private};

/// How long a refresh waits for another process's refresh before going ahead without the lock.
pub const HOLD_WAIT: Duration = Duration::from_secs(30);

/// How often a waiting refresh tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(50);

/// Keeps `owner`'s refresh token in the store at `path`.
#[derive(Debug, Clone)]
pub struct StoreKeeper {
    path: PathBuf,
    owner: TokenOwner,
    /// The keeper's own connection, once opened.
    store: Arc<Mutex<Option<Store>>>,
}

impl StoreKeeper {
    /// A keeper writing `owner`'s token to the store file at `path`.
    pub fn new(path: &Path, owner: TokenOwner) -> Self {
        StoreKeeper {
            path: path.to_path_buf(),
            owner,
            store: Arc::new(Mutex::new(None)),
        }
    }

    /// Runs `work` on the keeper's connection, opening it first if needed.
    fn with_store<T>(&self, work: impl FnOnce(&Store) -> Result<T, String>) -> Result<T, String> {
        let mut slot = self
            .store
            .lock()
            .map_err(|_| "the store keeper broke".to_owned())?;
        if slot.is_none() {
            *slot = Some(Store::open(&self.path).map_err(|e| e.to_string())?);
        }
        match slot.as_ref() {
            Some(store) => work(store),
            None => Err("the store is not open".into()),
        }
    }

    /// The lock file of this store's session.
    pub fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(".session-lock");
        PathBuf::from(name)
    }

    fn lock(&self) -> Result<File, String> {
        let path = self.lock_path();
        let file = private::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .and_then(|file| private::narrow(&path).map(|()| file))
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let started = Instant::now();
        loop {
            match file.try_lock() {
                Ok(()) => return Ok(file),
                Err(TryLockError::WouldBlock) if started.elapsed() < HOLD_WAIT => {
                    std::thread::sleep(RETRY_EVERY)
                }
                Err(TryLockError::WouldBlock) => {
                    return Err(format!("{} stayed locked", path.display()));
                }
                Err(TryLockError::Error(e)) => return Err(format!("{}: {e}", path.display())),
            }
        }
    }
}

impl TokenKeeper for StoreKeeper {
    fn stored(&self) -> Result<Option<SecretString>, String> {
        self.with_store(|store| stored_token(store, &self.owner).map_err(|e| e.to_string()))
    }

    fn keep(&self, token: &SecretString) -> Result<(), String> {
        self.with_store(|store| save_token(store, &self.owner, token).map_err(|e| e.to_string()))
    }

    fn hold(&self) -> Option<Box<dyn Send>> {
        match self.lock() {
            Ok(file) => Some(Box::new(file)),
            Err(e) => {
                tracing::warn!("refreshing the session without the session lock: {e}");
                None
            }
        }
    }
}
