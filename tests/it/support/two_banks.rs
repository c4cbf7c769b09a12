//! A French bank (Oxlin sandbox, the `default` test-bank file) and a German bank (finX
//! sandbox, `demobank`) on one in-process sandbox, both linked in one store: the stories of
//! `coffre sync` and `coffre export` across both aggregators start from it.

use std::path::{Path, PathBuf};
use std::process::Output;

use coffre::store::Store;

use super::finx_link::link;
use super::finx_sandbox::FinxHarness;
use super::sync_bank::{Bank, bank_with_user, coffre_with};

/// A French bank (`default` test-bank file) and a German one (`demobank`) on one sandbox, both
/// linked in `DIR/data/sandbox.sqlite`; `DIR/config.toml` has the `[oxlin]` section only.
pub struct TwoBanks {
    pub h: FinxHarness,
    pub dir: tempfile::TempDir,
}

pub async fn two_banks(email: &str) -> TwoBanks {
    let Bank { sandbox, dir, .. } = bank_with_user(email, &["default"]).await;
    let h = FinxHarness::around(sandbox);
    let store = Store::open(&dir.path().join("data/sandbox.sqlite")).unwrap();
    link(&h, store.path(), "demobank").await;
    TwoBanks { h, dir }
}

impl TwoBanks {
    pub fn config(&self) -> PathBuf {
        self.dir.path().join("config.toml")
    }

    /// `coffre sync` with `password` (or none): exit code, stdout, stderr.
    pub async fn sync(&self, password: Option<&str>) -> (Option<i32>, String, String) {
        let config = self.config();
        let out: Output = coffre_with(
            self.dir.path(),
            &["sync", "--config", config.to_str().unwrap()],
            password,
        )
        .await;
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }

    /// How many transactions of each aggregator the store holds: (Oxlin, finX).
    pub fn stored(&self) -> (usize, usize) {
        stored_by_aggregator(&self.dir.path().join("data/sandbox.sqlite"))
    }
}

/// (Oxlin, finX) transaction counts of the store at `path`.
pub fn stored_by_aggregator(path: &Path) -> (usize, usize) {
    let db = rusqlite::Connection::open(path).unwrap();
    let count = |sql: &str| db.query_row(sql, [], |r| r.get::<_, i64>(0)).unwrap() as usize;
    (
        count("SELECT COUNT(*) FROM transactions WHERE id NOT LIKE 'finx:%'"),
        count("SELECT COUNT(*) FROM transactions WHERE id LIKE 'finx:%'"),
    )
}
