//! The TUI's log: a `tracing` subscriber writing to a daily-rotated file, never to the terminal
//! (it would tear the screen). The level comes from `COFFRE_LOG` (an `EnvFilter` directive,
//! default `info`); the HTTP stack's own debug output is never turned on by default.
//!
//! Where: `$XDG_STATE_HOME/coffre/` (`~/.local/state/coffre/`, the XDG directory for logs), or
//! the data dir when the user chose one (`--data-dir`, `COFFRE_DATA_DIR`: everything of that
//! run stays together) or the platform has no state dir. Files are `coffre.YYYY-MM-DD.log`,
//! one a day, the [`KEPT_FILES`] newest kept: `tracing-appender`'s rolling appender does the
//! rotation (a well-kept crate of the tracing project, rather than our own).
//!
//! What: each failed API call (its name and the sanitised error, from the Oxlin client), each
//! background failure, starts and stops. Secrets never reach it: coffre logs only sanitised API
//! messages and ids, and secrets are `SecretString`s whose `Debug` is redacted (tests/tui/e2e
//! checks the log after a full flow).
//!
//! Privacy: the log dir is created `0700` and today's file `0600` before the appender opens it
//! (`crate::store::private`): it names banks and accounts. A file the appender starts at
//! midnight takes the umask's mode, inside that private dir. A failure to open the log leaves
//! the TUI without one rather than refusing to start.

use std::path::{Path, PathBuf};

use tracing_appender::rolling::{RollingFileAppender, Rotation};
use tracing_subscriber::EnvFilter;

use crate::store::private;

/// The log files' name before the date: `coffre.2026-12-02.log`.
pub const LOG_PREFIX: &str = "coffre";
/// How many daily log files are kept.
pub const KEPT_FILES: usize = 7;

/// Where the log goes: the data dir the user chose, else the XDG state dir, else `data_dir`.
pub fn log_dir(chosen_data_dir: Option<&Path>, data_dir: &Path) -> PathBuf {
    match chosen_data_dir {
        Some(dir) => dir.to_path_buf(),
        None => dirs::state_dir()
            .map(|state| state.join("coffre"))
            .unwrap_or_else(|| data_dir.to_path_buf()),
    }
}

/// Installs the file subscriber writing under `dir`; `Err` says why there is no log (the TUI
/// runs anyway).
pub fn init(dir: &Path) -> Result<(), String> {
    let appender = appender(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let filter = EnvFilter::try_from_env("COFFRE_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,hyper=warn,reqwest=warn,rustls=warn,h2=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(appender)
        .with_ansi(false)
        .try_init()
        .map_err(|e| e.to_string())
}

/// The rotating appender: `dir` created `0700`, today's file created (or narrowed to) `0600`.
pub fn appender(dir: &Path) -> Result<RollingFileAppender, String> {
    private::create_dir(dir).map_err(|e| e.to_string())?;
    let today = dir.join(format!(
        "{LOG_PREFIX}.{}.log",
        chrono::Utc::now().format("%Y-%m-%d")
    ));
    private::options()
        .create(true)
        .append(true)
        .open(&today)
        .map_err(|e| e.to_string())?;
    private::narrow(&today).map_err(|e| e.to_string())?;
    RollingFileAppender::builder()
        .rotation(Rotation::DAILY)
        .filename_prefix(LOG_PREFIX)
        .filename_suffix("log")
        .max_log_files(KEPT_FILES)
        .build(dir)
        .map_err(|e| e.to_string())
}

#[cfg(all(test, unix))]
mod tests {
    use std::io::Write;
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn the_log_is_a_dated_private_file_in_a_private_dir() {
        let root = tempfile::tempdir().unwrap();
        let dir = root.path().join("state").join("coffre");
        let mut log = appender(&dir).unwrap();
        writeln!(log, "a line").unwrap();
        log.flush().unwrap();
        assert_eq!(mode(&dir), 0o700);
        let files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "{files:?}");
        let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
        let today = chrono::Utc::now().format("%Y-%m-%d").to_string();
        assert_eq!(name, format!("coffre.{today}.log"));
        assert_eq!(mode(&files[0]), 0o600);
        assert_eq!(std::fs::read_to_string(&files[0]).unwrap(), "a line\n");
    }

    #[test]
    fn the_log_goes_to_the_state_dir_unless_the_user_chose_a_data_dir() {
        let data = Path::new("/data");
        assert_eq!(log_dir(Some(data), data), data);
        let expected = dirs::state_dir().map_or(data.to_path_buf(), |s| s.join("coffre"));
        assert_eq!(log_dir(None, data), expected);
    }

    #[test]
    fn an_old_readable_log_of_today_is_narrowed() {
        let dir = tempfile::tempdir().unwrap();
        let today = dir.path().join(format!(
            "coffre.{}.log",
            chrono::Utc::now().format("%Y-%m-%d")
        ));
        std::fs::write(&today, "old\n").unwrap();
        std::fs::set_permissions(&today, std::fs::Permissions::from_mode(0o644)).unwrap();
        appender(dir.path()).unwrap();
        assert_eq!(mode(&today), 0o600);
    }
}
