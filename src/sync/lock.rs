//! The sync lock: a file `sync.lock` in the data dir holding the pid of the running
//! `coffre sync`, so two syncs (say, cron and a user) never run at once.
//!
//! Docs gap (ours): a lock left by a killed sync is stale when its pid no longer runs (checked
//! through `/proc` on Linux) or, where `/proc` does not exist, when it is older than
//! [`STALE_AFTER`]; a stale lock is taken over. The lock is removed when dropped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

/// Age after which a lock is stale where process ids cannot be checked.
pub const STALE_AFTER: Duration = Duration::from_secs(3600);

/// A held lock; released on drop.
#[derive(Debug)]
pub struct SyncLock {
    path: PathBuf,
}

/// Why the lock could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum LockError {
    #[error("another coffre sync is running (pid {0}); try again when it is done")]
    Busy(String),
    #[error("cannot create the lock {path}: {reason}")]
    Io { path: String, reason: String },
}

impl SyncLock {
    /// Takes the lock in `data_dir`.
    pub fn acquire(data_dir: &Path) -> Result<Self, LockError> {
        let path = data_dir.join("sync.lock");
        let io = |e: std::io::Error| LockError::Io {
            path: path.display().to_string(),
            reason: e.to_string(),
        };
        std::fs::create_dir_all(data_dir).map_err(io)?;
        for _ in 0..2 {
            match std::fs::File::create_new(&path) {
                Ok(mut file) => {
                    write!(file, "{}", std::process::id()).map_err(io)?;
                    return Ok(Self { path });
                }
                Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                    let holder = std::fs::read_to_string(&path).unwrap_or_default();
                    if !is_stale(&path, holder.trim()) {
                        return Err(LockError::Busy(holder.trim().to_owned()));
                    }
                    // Taken over; if another process removed it first, create_new decides.
                    let _ = std::fs::remove_file(&path);
                }
                Err(e) => return Err(io(e)),
            }
        }
        Err(LockError::Busy("unknown".into()))
    }
}

fn is_stale(path: &Path, pid: &str) -> bool {
    if Path::new("/proc/self").exists() {
        return pid.parse::<u32>().is_err() || !Path::new("/proc").join(pid).exists();
    }
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| SystemTime::now().duration_since(t).ok())
        .is_none_or(|age| age > STALE_AFTER)
}

impl Drop for SyncLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_sync_is_refused_until_the_first_is_done() {
        let dir = tempfile::tempdir().unwrap();
        let first = SyncLock::acquire(dir.path()).unwrap();
        let error = SyncLock::acquire(dir.path()).unwrap_err();
        assert!(error.to_string().contains("another coffre sync"), "{error}");
        drop(first);
        SyncLock::acquire(dir.path()).unwrap();
    }

    #[test]
    fn a_lock_left_by_a_dead_process_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        // pid 0 never names a live process in /proc.
        std::fs::write(dir.path().join("sync.lock"), "999999999").unwrap();
        SyncLock::acquire(dir.path()).unwrap();
    }
}
