//! The TUI's log: a `tracing` subscriber writing to `coffre.log` in the data dir, never to the
//! terminal (it would tear the screen). The level comes from `COFFRE_LOG` (an `EnvFilter`
//! directive, default `info`); the HTTP stack's own debug output is never turned on by default.
//!
//! Secrets never reach it: coffre logs only sanitised API messages and ids, and secrets are
//! `SecretString`s whose `Debug` is redacted (tests/tui/e2e checks the log after a full flow).
//!
//! Docs gap (ours): the file is appended to and never rotated; a failure to open it leaves the
//! TUI without a log rather than refusing to start.

use std::fs::OpenOptions;
use std::path::Path;
use std::sync::Mutex;

use tracing_subscriber::EnvFilter;

/// The log's file name in the data dir.
pub const LOG_FILE: &str = "coffre.log";

/// Installs the file subscriber; `Err` says why there is no log (the TUI runs anyway).
pub fn init(data_dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(data_dir).map_err(|e| e.to_string())?;
    let path = data_dir.join(LOG_FILE);
    let file = OpenOptions::new()
        .create(true)
        .append(true)
        .open(&path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    let filter = EnvFilter::try_from_env("COFFRE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,hyper=warn,reqwest=warn,rustls=warn,h2=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(Mutex::new(file))
        .with_ansi(false)
        .try_init()
        .map_err(|e| e.to_string())
}
