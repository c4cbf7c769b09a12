//! The local store: one SQLite file (rusqlite, SQLite compiled in) that keeps every connection,
//! account and transaction coffre has synced, so the dashboard opens instantly and offline and a
//! failed sync never loses what was there.
//!
//! - Where: `<data dir>/coffre.sqlite`, or `<data dir>/sandbox.sqlite` when the API is a
//!   loopback host (the built-in sandbox), so demos never touch real data. The data dir is
//!   `--data-dir`, else `COFFRE_DATA_DIR`, else the XDG data dir (`~/.local/share/coffre`),
//!   created `0700`; every file coffre writes there is `0600` ([`private`]).
//! - Schema: versioned by `PRAGMA user_version`, migrated forward on open ([`schema`]).
//! - Concurrency: WAL journal and a busy timeout, so two coffre processes (the TUI and a cron
//!   `coffre sync`) can share the file; each write is ONE immediate transaction ([`write`]; a
//!   sync's transactions a group of whole pages at a time, resumable: [`pages`]): a write that
//!   fails halfway leaves the store as it was before that write.
//! - Money is kept as exact decimal text (`"-12.30"`), never a float; dates as `YYYY-MM-DD`.
//! - Reads for the dashboard and the exports: [`read`], returning domain values or the read
//!   models of [`read_model`] (which contain them, plus what only the store knows); the
//!   dashboard's loader: [`dashboard`]; the user's own changes (delete a connection, archive an
//!   account): [`edit`]; every connection the API lists, whatever its state: [`connections`].
//! - Statuses, kinds and next actions are kept as the domain's stable codes (`pending`,
//!   `update_credentials`, `renew_before:2024-03-15`), never as sentences: the words are
//!   decided by `crate::wording`.
//!
//! Docs gaps: a transaction without an operation date is filed under its booking date, then its
//! value date, then the day it was imported (never dropped); refresh tokens kept here are secrets
//! (table `secrets`, never printed: [`Store::secret`] hands out a `SecretString`).

mod checkpoint;
pub mod connections;
pub mod dashboard;
pub mod edit;
pub mod finx_links;
pub mod pages;
pub mod private;
pub mod read;
pub mod read_model;
pub mod schema;
#[cfg(test)]
mod test_bank;
pub mod window;
pub mod write;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension};
use secrecy::SecretString;

pub use dashboard::load_dashboard_summary;
pub use pages::{Pages, Progress};
pub use read::TransactionQuery;
pub use read_model::{
    AccountGroup, AccountSummary, ConnectionSummary, DashboardData, SyncState, Transactions,
};
pub use write::observe::{PagesObserver, PagesWritten};
pub use write::{ConnectionSync, SyncBatch, SyncReport};

/// How long a write waits for another process's write to finish before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(10);

/// What can go wrong with the store. Never holds a secret.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open the store {path}: {reason}")]
    Open { path: String, reason: String },
    #[error(
        "the store {path} was written by a newer coffre (schema {found}, this one knows {known})"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
    #[error("store: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("store: {0}")]
    Invalid(String),
}

/// Every connection's settings: `synchronous = NORMAL` (WAL: a commit survives a crash of the
/// process, a power cut may lose the last ones), foreign keys, and for the writes of a big
/// sync a page cache of up to 16 MB (the default 2 MB made each group of a large sync evict
/// and re-read the pages of the table's indexes it had just written, and spill dirty pages to
/// the WAL before the commit) and temporary tables (the staged lines) in memory. SQLite
/// allocates the cache as pages are read, so a small store costs no more than before.
/// Checkpoints every 16,384 WAL pages (64 MB) instead of 1,000: a large sync commits a group
/// of pages every few MB, and checkpointing (copying each page back, then an fsync) after
/// nearly every group was a fifth of the writer's time; a page rewritten by several groups
/// is now copied back once. The WAL file is cut back to 64 MB after a checkpoint.
/// No connection maps the file (`mmap_size = 0`, SQLite's default; the TUI's readers, a
/// sync's writer, an export alike): every page is copied
/// through a `read` call into the connection's cache, so the process holds at most 16 MB of
/// store per connection. Mapping (1 GiB, s6 to s7) left every page a read had touched resident
/// in the process and counted once per connection: the TUI on a million transactions
/// (a 0.7 GB store) peaked at 624 MB once the charts and a one-letter search had walked the
/// table, against 46 MB unmapped (`benches/dashboard_render`; goal ≤ 80 MB). A cap does not
/// help: pages past it go through the cache anyway, and the pages a walk touches lie all over
/// the file. The price, measured before the short-text index (`store::window::grams`) took one-
/// and two-letter searches off the scan: a search that checks every row took about a quarter
/// longer at 1M (`p` under the label sort 217 → 290 ms, the copies `_copy_to_iter` 12.5 % of
/// the profile); a sort's order is read about a third slower (once); ranked searches (`pha`:
/// 9–12 ms) do not move.
const PRAGMAS: &str = "PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;
    PRAGMA cache_size = -16000; PRAGMA temp_store = MEMORY;
    PRAGMA wal_autocheckpoint = 16384; PRAGMA journal_size_limit = 67108864;
    PRAGMA mmap_size = 0;";

/// Prepared statements kept per connection (rusqlite's default is 16; the window queries
/// alone prepare one per sort and filter shape, which evicted the writer's statements).
const STATEMENT_CACHE: usize = 64;

/// An open store.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    path: PathBuf,
    /// Told after each group of pages is committed (`write::observe`).
    observer: write::observe::Observer,
    /// The thread that checkpoints for this store once it writes a sync ([`checkpoint`]).
    checkpointer: Option<checkpoint::Checkpointer>,
}

/// The XDG data dir of coffre (`~/.local/share/coffre`), if the platform has one.
pub fn default_data_dir() -> Option<PathBuf> {
    dirs::data_dir().map(|d| d.join("coffre"))
}

/// The data dir to use: the flag, else `COFFRE_DATA_DIR`, else the XDG one; created `0700`
/// when it does not exist yet (before anything, a lock or a log, is written in it).
pub fn resolve_data_dir(flag: Option<&Path>) -> Result<PathBuf, StoreError> {
    let dir = if let Some(dir) = flag {
        dir.to_path_buf()
    } else if let Some(dir) = std::env::var_os("COFFRE_DATA_DIR").filter(|d| !d.is_empty()) {
        PathBuf::from(dir)
    } else {
        default_data_dir().ok_or_else(|| StoreError::Open {
            path: "(no data dir)".into(),
            reason: "no home directory; pass --data-dir or set COFFRE_DATA_DIR".into(),
        })?
    };
    private::create_dir(&dir).map_err(|e| StoreError::Open {
        path: dir.display().to_string(),
        reason: e.to_string(),
    })?;
    Ok(dir)
}

/// The store file in `data_dir`: `sandbox.sqlite` for the sandbox, `coffre.sqlite` otherwise.
pub fn store_file(data_dir: &Path, sandbox: bool) -> PathBuf {
    data_dir.join(if sandbox {
        "sandbox.sqlite"
    } else {
        "coffre.sqlite"
    })
}

impl Store {
    /// Opens (creating it and its directory if needed) and migrates the store at `path`.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let open_error = |reason: String| StoreError::Open {
            path: path.display().to_string(),
            reason,
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            private::create_dir(dir).map_err(|e| open_error(e.to_string()))?;
        }
        // Created 0600 before SQLite opens it: SQLite gives its -wal and -shm the same mode.
        private::options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .and_then(|_| private::narrow(path))
            .map_err(|e| open_error(e.to_string()))?;
        let conn = Connection::open(path).map_err(|e| open_error(e.to_string()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never block the writer and a killed writer leaves the last commit intact.
        let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        if !mode.eq_ignore_ascii_case("wal") && !mode.eq_ignore_ascii_case("memory") {
            return Err(open_error(format!("journal mode {mode} instead of WAL")));
        }
        conn.execute_batch(PRAGMAS)?;
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        for suffix in ["-wal", "-shm"] {
            let mut side = path.as_os_str().to_owned();
            side.push(suffix);
            private::narrow(Path::new(&side)).map_err(|e| open_error(e.to_string()))?;
        }
        let mut store = Self {
            conn,
            path: path.to_path_buf(),
            observer: Default::default(),
            checkpointer: None,
        };
        schema::migrate(&mut store.conn, &store.path)?;
        Ok(store)
    }

    /// Readies this connection for a group of pages about to be written (`pages::apply_pages`):
    ///
    /// - the page cache: an eighth of the store, between 16 MB (every store up to about
    ///   130 MB, 200,000 transactions: the cache of [`PRAGMAS`]) and 32 MB. A group of a few
    ///   thousand lines dirties a page per line in each random-key index (label, amount, the
    ///   text index's segments); in a store of a million lines those pages outgrew 16 MB, and
    ///   SQLite spilled them to the WAL before the commit and read them back (perf at 1M:
    ///   `pagerStress` 7 %, page reads 17 %: `store_million`). The cap was 64 MB until
    ///   s9: at 1M, 32 MB costs no measurable CPU (`client_large`: 31.6 s either way, four runs
    ///   each) and takes 32 MB off the headless sync's peak (106 → 74 MB;
    ///   `client_large`'s peak); 16 MB cost about 4 % more.
    /// - temporary storage in files (`temp_store = FILE`, over [`PRAGMAS`]' `MEMORY`): each
    ///   statement of a write journals the pages it changes, so that the statement alone can be
    ///   undone (SQLite's statement journal); in memory, that journal held a copy of every
    ///   index page a group's upsert touched, 38 MB at the peak of a sync of a million lines
    ///   (heaptrack), and its freed kilobyte chunks, scattered among the cache's pages, kept the
    ///   process's memory from shrinking. In a file it stays in memory up to 64 KiB, then goes
    ///   to an unnamed temporary file (unlinked as soon as opened, `0600`, never synced): the
    ///   OS's page cache, not the process. The writes' rows per second stay within the noise
    ///   (`store_million`); the file's writes show as system time (1M new lines: 7.7 → 9.8 s of
    ///   about 33 s of CPU).
    pub(crate) fn size_cache_for_writes(&self) -> Result<(), StoreError> {
        let bytes: i64 = self.conn.query_row(
            "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()",
            [],
            |r| r.get(0),
        )?;
        let kib = (bytes / 1024 / 8).clamp(16_000, 32_000);
        // SQLite drops the connection's temporary tables when `temp_store` changes (its first
        // write only); the staging tables are created again at their next use.
        self.conn.execute_batch(&format!(
            "PRAGMA cache_size = -{kib}; PRAGMA temp_store = FILE"
        ))?;
        Ok(())
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// A stored secret (e.g. `oxlin.refresh_token`).
    pub fn secret(&self, name: &str) -> Result<Option<SecretString>, StoreError> {
        let value: Option<String> = self
            .conn
            .query_row("SELECT value FROM secrets WHERE name = ?1", [name], |r| {
                r.get(0)
            })
            .optional()?;
        Ok(value.map(SecretString::from))
    }

    /// Keeps a secret (replacing the previous one).
    pub fn set_secret(&self, name: &str, value: &SecretString) -> Result<(), StoreError> {
        self.set_secrets(&[(name, value)])
    }

    /// Keeps several secrets in one committed transaction, synced to disk (`synchronous =
    /// FULL` for it): all of them or none, surviving a crash or a power cut once this returns.
    pub fn set_secrets(&self, secrets: &[(&str, &SecretString)]) -> Result<(), StoreError> {
        use secrecy::ExposeSecret;
        self.conn.execute_batch("PRAGMA synchronous = FULL")?;
        let written = (|| {
            let tx = rusqlite::Transaction::new_unchecked(
                &self.conn,
                rusqlite::TransactionBehavior::Immediate,
            )?;
            for (name, value) in secrets {
                tx.execute(
                    "INSERT INTO secrets (name, value) VALUES (?1, ?2)
                     ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                    (name, value.expose_secret()),
                )?;
            }
            tx.commit()
        })();
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        Ok(written?)
    }
}
