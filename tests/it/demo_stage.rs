//! `coffre demo`'s stage: the store it seeds (through the in-process sandbox and a real sync)
//! is the same on every run, holds what a stage demo needs (several banks, several currencies,
//! a year of French bank data, a bank to renew, a German bank through finX), and the demo never touches the user's data
//! dir, whatever `--data-dir`, `COFFRE_DATA_DIR` or `XDG_DATA_HOME` say.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, start_demo_sandbox};
use coffre::demo::banks::{Asking, RENEWAL_DAYS_LEFT};
use coffre::demo::stage;
use coffre::store::Store;

/// The demo's clock in these tests.
fn demo_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

/// Sets the stage in `dir`; returns the store's path.
async fn staged(dir: &Path) -> PathBuf {
    let (sandbox, oxlin) = start_demo_sandbox(Duration::ZERO, None).await.unwrap();
    let store = dir.join("sandbox.sqlite");
    let login = (DEMO_EMAIL, DEMO_PASSWORD);
    let staged = stage::set(
        &sandbox,
        &oxlin,
        login,
        &store,
        Asking::AsStoried,
        demo_now(),
    )
    .await;
    sandbox.stop().await;
    let lines = staged.unwrap();
    assert!(lines.iter().all(|l| l.synced), "{lines:?}");
    store
}

/// Every row of the store's connections, accounts and transactions, as text, in a fixed order.
fn dump(store: &Path) -> Vec<String> {
    let db = rusqlite::Connection::open(store).unwrap();
    let queries = [
        "SELECT id, name, state, next_action, last_success, synced_at, login FROM connections ORDER BY id",
        "SELECT id, connection_id, name, kind, state, iban, balance, currency, balance_date, owner, synced_at FROM accounts ORDER BY id",
        "SELECT id, account_id, amount, currency, date, booking, label, notes, category, kind FROM transactions ORDER BY id",
    ];
    let mut rows = Vec::new();
    for query in queries {
        let mut statement = db.prepare(query).unwrap();
        let columns = statement.column_count();
        let mut found = statement.query([]).unwrap();
        while let Some(row) = found.next().unwrap() {
            let cells: Vec<String> = (0..columns)
                .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                .collect();
            rows.push(cells.join("|"));
        }
    }
    rows
}

fn column(store: &Path, query: &str) -> Vec<String> {
    let db = rusqlite::Connection::open(store).unwrap();
    let mut statement = db.prepare(query).unwrap();
    statement
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_store_is_the_same_on_every_run() {
    let (first, second) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let one = dump(&staged(first.path()).await);
    let two = dump(&staged(second.path()).await);
    assert!(one.len() > 800, "a year of data: {} rows", one.len());
    assert_eq!(one, two);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_store_holds_several_banks_currencies_and_a_year_of_french_banking() {
    let dir = tempfile::tempdir().unwrap();
    let store = staged(dir.path()).await;
    let banks = column(&store, "SELECT name FROM connections ORDER BY name");
    assert_eq!(
        banks,
        [
            "BoursoBank",
            "Crédit Agricole",
            "Crédit Mutuel",
            "Musterbank Hamburg"
        ]
    );
    let currencies = column(
        &store,
        "SELECT DISTINCT currency FROM accounts ORDER BY currency",
    );
    assert_eq!(currencies, ["CHF", "EUR", "USD"]);

    let dates = column(&store, "SELECT date FROM transactions ORDER BY date");
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    let span = day(dates.last().unwrap()) - day(&dates[0]);
    assert!(span.num_days() >= 350, "a year of data: {span}");
    let labels = column(&store, "SELECT label FROM transactions").join("\n");
    for story in [
        "SALAIRE",
        "LOYER",
        "CB CARREFOUR",
        "NETFLIX",
        "VIR PERMANENT VERS LIVRET A",
    ] {
        assert!(labels.contains(story), "no {story} in the demo");
    }
    let mut per_category: BTreeMap<String, usize> = BTreeMap::new();
    // The French banks' lines (finX sends no category: the German bank's lines have none).
    let french = "SELECT IFNULL(category, '') FROM transactions WHERE id NOT LIKE 'finx:%'";
    for category in column(&store, french) {
        *per_category.entry(category).or_default() += 1;
    }
    for category in [
        "FOOD",
        "HOUSING",
        "SALARY",
        "SAVINGS",
        "TRANSFERS",
        "LEISURE",
    ] {
        assert!(per_category.contains_key(category), "{per_category:?}");
    }
    assert!(
        !per_category.contains_key(""),
        "every French line has a category"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exactly_one_demo_bank_asks_to_renew_its_authorisation() {
    let dir = tempfile::tempdir().unwrap();
    let store = staged(dir.path()).await;
    let actions = column(
        &store,
        "SELECT name || ': ' || next_action FROM connections ORDER BY name",
    );
    let deadline = (demo_now() + chrono::TimeDelta::days(RENEWAL_DAYS_LEFT))
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    assert_eq!(
        actions,
        [
            "BoursoBank: none".to_owned(),
            format!("Crédit Agricole: renew_before:{deadline}"),
            "Crédit Mutuel: none".to_owned(),
            "Musterbank Hamburg: none".to_owned(),
        ]
    );
    let data =
        coffre::store::load_dashboard_summary(&Store::open(&store).unwrap(), demo_now()).unwrap();
    assert_eq!(data.connections.len(), 4);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_has_a_german_bank_through_finx_with_euro_accounts_beside_the_french_ones() {
    let dir = tempfile::tempdir().unwrap();
    let store = staged(dir.path()).await;
    let german = column(
        &store,
        "SELECT name FROM connections WHERE id LIKE 'finx:%' ORDER BY name",
    );
    assert_eq!(german, ["Musterbank Hamburg"]);
    let accounts = column(
        &store,
        "SELECT a.currency FROM accounts a JOIN connections c ON c.id = a.connection_id \
         WHERE c.id LIKE 'finx:%'",
    );
    assert!(accounts.len() >= 2, "a couple of accounts: {accounts:?}");
    assert!(accounts.iter().all(|c| c == "EUR"), "{accounts:?}");
    let lines = column(
        &store,
        "SELECT date FROM transactions WHERE id LIKE 'finx:%' ORDER BY date",
    );
    assert!(lines.len() > 50, "{} German lines", lines.len());
    let last = NaiveDate::parse_from_str(lines.last().unwrap(), "%Y-%m-%d").unwrap();
    let today = demo_now()
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    assert!(
        (today - last).num_days().abs() <= 1,
        "the German lines end on the demo's day: {last}"
    );
}

/// Every file under `dir` with its bytes.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut found = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(files(&path));
        } else {
            found.insert(path.clone(), std::fs::read(&path).unwrap());
        }
    }
    found
}

#[test]
fn the_demo_never_touches_the_data_dir_it_is_pointed_at() {
    let home = tempfile::tempdir().unwrap();
    let flag = home.path().join("flag");
    let env = home.path().join("env");
    let xdg = home.path().join("xdg");
    for dir in [&flag, &env, &xdg.join("coffre")] {
        Store::open(&dir.join("sandbox.sqlite")).unwrap();
        std::fs::write(dir.join("sandbox-state.json"), "{}").unwrap();
    }
    let tmp = tempfile::tempdir().unwrap();
    let before = files(home.path());

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["--data-dir", flag.to_str().unwrap(), "demo"])
        .env("COFFRE_DATA_DIR", &env)
        .env("XDG_DATA_HOME", &xdg)
        .env("XDG_STATE_HOME", &xdg)
        .env("HOME", home.path())
        .env("TMPDIR", tmp.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();

    let stderr = String::from_utf8_lossy(&output.stderr);
    // Seeded and synced, then refused to draw into a pipe.
    assert!(stderr.contains("the demo needs a terminal"), "{stderr}");
    assert!(!output.status.success());
    assert_eq!(files(home.path()), before, "the data dirs are as they were");
    let left: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
    assert!(
        left.is_empty(),
        "the demo's own data dir is removed: {left:?}"
    );
}

#[test]
fn coffre_demo_help_explains_the_demo_and_its_autoplay() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_coffre"))
        .args(["demo", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success());
    for words in [
        "--autoplay",
        "--autoplay-speed",
        "temporary",
        "123456",
        "any key",
        "finX",
    ] {
        assert!(help.contains(words), "{words}: {help}");
    }
}
