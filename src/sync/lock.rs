//! The sync lock: an OS file lock on `sync.lock` in the data dir, held by whatever writes a
//! sync to the store there (`coffre sync`, and the TUI's store writer,
//! `crate::tasks::store_sync`), so two syncs never run at once.
//!
//! It is `std::fs::File::try_lock` (stable since Rust 1.89; an exclusive `flock` on Unix,
//! `LockFileEx` on Windows) rather than the `fs4` crate: the same kernel lock, with no new
//! dependency. The kernel releases it when the holder's file is closed, which happens when the
//! process ends in any way (exit, panic, `kill -9`), so a killed sync never leaves a lock
//! behind, and nothing in the file's content decides who holds it.
//!
//! Choices (ours): the file is created once and never removed (removing a locked file would
//! let a third process lock a new file of the same name while the first still runs). The
//! holder writes its pid into it for the "another sync is running (pid N)" message only: a
//! stale or reused pid in it means nothing. The TUI waits for the lock at most
//! [`TUI_WAIT`] ([`SyncLock::wait`]); `coffre sync` does not wait ([`SyncLock::acquire`]).
//!
//! Known property (of `flock`): the lock belongs to the open file, which a child process forked
//! while it is held shares until its `exec` closes it (the file is opened close-on-exec), so a
//! lock let go during another thread's `Command::spawn` is free a moment later, once the child
//! has started. Harmless for coffre (the TUI waits, `coffre sync` says to try again); a test
//! that counts holders per round must run where nothing forks (`tests/it/sync_lock.rs`).

use std::fs::{File, TryLockError};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The lock file's name in the data dir.
pub const LOCK_FILE: &str = "sync.lock";

/// How long the TUI's store writer waits for a `coffre sync` to finish before giving up.
pub const TUI_WAIT: Duration = Duration::from_secs(20);

/// How often a waiting process tries the lock again.
const POLL: Duration = Duration::from_millis(100);

/// A held lock; the kernel releases it when this is dropped (the file is closed) or when the
/// process dies.
#[derive(Debug)]
pub struct SyncLock {
    /// The open, locked file.
    _file: File,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    /// Another process holds it; its pid when it wrote one.
    #[error("a sync from another coffre is running{}; try again when it is done",
        .0.as_ref().map(|pid| format!(" (pid {pid})")).unwrap_or_default())]
    Busy(Option<String>),
    /// The lock file cannot be created or locked.
    #[error("cannot create the lock {path}: {reason}")]
    Io {
        /// The lock file.
        path: String,
        /// What the OS said.
        reason: String,
    },
}

impl SyncLock {
    /// Takes the lock in `data_dir` now, or says who holds it.
    pub fn acquire(data_dir: &Path) -> Result<Self, LockError> {
        let path = data_dir.join(LOCK_FILE);
        let io = |e: std::io::Error| LockError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        crate::store::private::create_dir(data_dir).map_err(io)?;
        // Private like every file coffre writes in its data dir (0600).
        let mut file = crate::store::private::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        crate::store::private::narrow(&path).map_err(io)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => return Err(LockError::Busy(holder(&path))),
            Err(TryLockError::Error(e)) => return Err(io(e)),
        }
        // For the Busy message only: the lock, not this text, says who holds it.
        file.set_len(0).map_err(io)?;
        file.rewind().map_err(io)?;
        write!(file, "{}", std::process::id()).map_err(io)?;
        Ok(Self { _file: file })
    }

    /// Takes the lock in `data_dir`, waiting at most `patience` for its holder to finish.
    pub fn wait(data_dir: &Path, patience: Duration) -> Result<Self, LockError> {
        let started = Instant::now();
        loop {
            match Self::acquire(data_dir) {
                Err(LockError::Busy(_)) if started.elapsed() < patience => {
                    std::thread::sleep(POLL.min(patience));
                }
                other => return other,
            }
        }
    }

    /// The lock of the data dir that holds `store_file`.
    pub fn dir_of(store_file: &Path) -> PathBuf {
        store_file
            .parent()
            .filter(|d| !d.as_os_str().is_empty())
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

/// The pid the holder wrote, when it is a number.
fn holder(path: &Path) -> Option<String> {
    let text = std::fs::read_to_string(path).ok()?;
    let pid = text.trim();
    pid.parse::<u32>().is_ok().then(|| pid.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sync_is_refused_until_the_first_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let first = SyncLock::acquire(dir.path()).unwrap();
        let error = SyncLock::acquire(dir.path()).unwrap_err();
        let text = error.to_string();
        assert!(text.contains("another coffre is running"), "{text}");
        assert!(
            text.contains(&format!("pid {}", std::process::id())),
            "{text}"
        );
        drop(first);
        SyncLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_stale_pid_in_the_lock_file_does_not_block() {
        let dir = tempfile::tempdir().unwrap();
        // Our own pid: it runs, yet nobody holds the lock.
        std::fs::write(dir.path().join(LOCK_FILE), std::process::id().to_string()).unwrap();
        SyncLock::acquire(dir.path()).unwrap();
        std::fs::write(dir.path().join(LOCK_FILE), "").unwrap();
        SyncLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_waiting_tui_gets_the_lock_once_the_sync_is_done_and_gives_up_after_its_patience() {
        let dir = tempfile::tempdir().unwrap();
        let held = SyncLock::acquire(dir.path()).unwrap();
        let started = Instant::now();
        let error = SyncLock::wait(dir.path(), Duration::from_millis(300)).unwrap_err();
        assert!(matches!(error, LockError::Busy(_)), "{error}");
        assert!(started.elapsed() >= Duration::from_millis(300));
        let path = dir.path().to_path_buf();
        let waiter = std::thread::spawn(move || SyncLock::wait(&path, Duration::from_secs(10)));
        std::thread::sleep(Duration::from_millis(200));
        drop(held);
        waiter.join().unwrap().unwrap();
    }
}
