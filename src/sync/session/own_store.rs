//! What both token keepers (the Oxlin session's `StoreKeeper`, a finX link's
//! `sync::finx::keeper::FinxLinkKeeper`) stand on: their own connection to the store, opened at
//! first use and kept (so writing a rotated token costs one small transaction, never an open),
//! and an OS file lock beside the store (`<store file><suffix>`, `0600`, never removed, released
//! by the kernel when the process dies) held while refreshing, given up on after [`HOLD_WAIT`]
//! (a hung process) so the refresh goes ahead without it.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::store::{Store, private};

/// How long a refresh waits for another process's refresh before going ahead without the lock.
pub const HOLD_WAIT: Duration = Duration::from_secs(30);

/// How often a waiting refresh tries the lock again.
const RETRY_EVERY: Duration = Duration::from_millis(50);

/// A keeper's own connection to the store file at `path`, and its lock file.
#[derive(Debug, Clone)]
pub struct OwnStore {
    path: PathBuf,
    /// `.session-lock`, `.finx-lock`: what the lock file's name adds to the store's.
    lock_suffix: &'static str,
    /// The connection, once opened.
    store: Arc<Mutex<Option<Store>>>,
}

impl OwnStore {
    /// The store file at `path`, locked through `<path><lock_suffix>`.
    pub fn new(path: &Path, lock_suffix: &'static str) -> Self {
        OwnStore {
            path: path.to_path_buf(),
            lock_suffix,
            store: Arc::new(Mutex::new(None)),
        }
    }

    /// Runs `work` on the connection, opening it first if needed.
    pub fn with_store<T>(
        &self,
        work: impl FnOnce(&Store) -> Result<T, String>,
    ) -> Result<T, String> {
        let mut slot = self
            .store
            .lock()
            .map_err(|_| "the token keeper broke".to_owned())?;
        if slot.is_none() {
            *slot = Some(Store::open(&self.path).map_err(|e| e.to_string())?);
        }
        match slot.as_ref() {
            Some(store) => work(store),
            None => Err("the store is not open".into()),
        }
    }

    /// The lock file.
    pub fn lock_path(&self) -> PathBuf {
        let mut name = self.path.as_os_str().to_owned();
        name.push(self.lock_suffix);
        PathBuf::from(name)
    }

    /// Takes the lock, waiting up to [`HOLD_WAIT`]; held until the file is dropped.
    pub fn lock(&self) -> Result<File, String> {
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
