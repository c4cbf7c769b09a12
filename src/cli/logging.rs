//! The TUI's log: a `tracing` subscriber writing to `coffre.log` in the data dir, never to the
//! terminal (it would tear the screen). The level comes from `COFFRE_LOG` (an `EnvFilter`
//! directive, default `info`); the HTTP stack's own debug output is never turned on by default.
//!
//! Secrets never reach it: coffre logs only sanitised API messages and ids, and secrets are
//! `SecretString`s whose `Debug` is redacted (tests/tui/e2e checks the log after a full flow).
//!
//! It is `0600` in a `0700` data dir (`crate::store::private`): it names banks and accounts.
//!
//! Docs gap (ours): the file is appended to and never rotated; a failure to open it leaves the
//! TUI without a log rather than refusing to start.

use std::fs::File;
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

use crate::store::private;

/// The log's file name in the data dir.
pub const LOG_FILE: &str = "coffre.log";

/// Installs the file subscriber; `Err` says why there is no log (the TUI runs anyway).
pub fn init(data_dir: &Path) -> Result<(), String> {
    private::create_dir(data_dir).map_err(|e| e.to_string())?;
    let path = data_dir.join(LOG_FILE);
    let file = open(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let filter = EnvFilter::try_from_env("COFFRE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,hyper=warn,reqwest=warn,rustls=warn,h2=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .try_init()
        .map_err(|e| e.to_string())
}

/// Opens the log for appending, `0600` (narrowed if an older coffre left it wider).
pub fn open(path: &Path) -> std::io::Result<File> {
    let file = private::options().create(true).append(true).open(path)?;
    private::narrow(path)?;
    Ok(file)
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_log_is_created_private_and_an_old_readable_one_is_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let fresh = dir.path().join(LOG_FILE);
        open(&fresh).unwrap();
        assert_eq!(mode(&fresh), 0o600);
        let old = dir.path().join("old.log");
        std::fs::write(&old, "line\n").unwrap();
        std::fs::set_permissions(&old, std::fs::Permissions::from_mode(0o644)).unwrap();
        open(&old).unwrap();
        assert_eq!(mode(&old), 0o600);
    }
}
