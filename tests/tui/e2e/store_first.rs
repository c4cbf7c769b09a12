//! End to end with the local store: the dashboard comes from the store first (even with the API
//! unreachable), `s` syncs and shows the new data, and a sync that fails halfway leaves the
//! store and the dashboard as they were.

use std::path::Path;
use std::time::Duration;

use coffre::app::{AutoLogin, Model, Startup};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD};
use coffre::oxlin::config::OxlinConfig;
use crossterm::event::KeyCode;
use secrecy::SecretString;

use super::{DEADLINE, Person, launch, log_in_and_choose_the_test_bank, start};

pub(crate) fn demo_startup() -> Startup {
    Startup {
        store_has_data: true,
        auto_login: Some(AutoLogin::Password(
            DEMO_EMAIL.into(),
            SecretString::from(DEMO_PASSWORD),
        )),
    }
}

/// Connects the test bank's `default` file and waits for the dashboard.
pub(crate) async fn onboard(person: &Person) {
    let chooser = log_in_and_choose_the_test_bank(person).await;
    if !chooser.contains("1. Other accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);
    person.sees("Credentials").await;
    for text in ["dev", "dev", "default"] {
        person.type_text(text);
        person.press(KeyCode::Tab);
    }
    person.press(KeyCode::Enter);
    let next = person
        .sees_any(&["Which accounts do you share?", "SANDBOX   Dashboard"])
        .await;
    if next.contains("Which accounts do you share?") {
        person.press(KeyCode::Enter);
    }
    person.sees("SANDBOX   Dashboard").await;
}

fn sql(store: &Path, query: &str) -> i64 {
    let db = rusqlite::Connection::open(store).unwrap();
    db.query_row(query, [], |r| r.get(0)).unwrap()
}

/// Runs `batch` on the store from a connection of the test's own, with the SQL function the
/// store's delete trigger calls (schema 14) registered, as every connection coffre opens has.
fn exec(store: &Path, batch: &str) {
    let db = rusqlite::Connection::open(store).unwrap();
    coffre::store::schema::register_functions(&db).unwrap();
    db.execute_batch(batch).unwrap();
}

/// Polls `check` until it holds; fails after the deadline.
async fn until(what: &str, check: impl Fn() -> bool) {
    let started = std::time::Instant::now();
    while !check() {
        assert!(started.elapsed() < DEADLINE, "never: {what}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_store_with_data_opens_on_the_dashboard_offline_when_the_api_is_unreachable() {
    let dir = tempfile::tempdir().unwrap();
    // First run: onboard for real, so the store holds a bank.
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    onboard(&person).await;
    let bank = person.sees("Linxo Test Bank").await;
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    sandbox.stop().await;

    // Second run: nothing listens on the API's port.
    let unreachable = OxlinConfig::with_hosts(
        "http://127.0.0.1:9",
        "http://127.0.0.1:9/v2.1",
        "http://127.0.0.1:9",
        "coffre",
        SecretString::from("x"),
    );
    let model = Model::new(chrono::Utc::now(), true, None);
    let (person, app) = launch(|_| {}, unreachable, dir.path(), model, Some(demo_startup()));
    let first = person.sees("Linxo Test Bank").await;
    assert!(first.contains("SANDBOX   Dashboard"), "{first}");
    let first_account = bank
        .lines()
        .find(|l| l.contains("Checking") || l.contains("Savings"))
        .map(|l| l.split_whitespace().nth(2).unwrap_or("").to_owned())
        .unwrap_or_default();
    assert!(first.contains(&first_account), "{first}");
    let offline = person.sees("OFFLINE").await;
    assert!(offline.contains("Offline: showing the store"), "{offline}");
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn s_syncs_and_the_new_data_shows() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sandbox.sqlite");
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    onboard(&person).await;
    person.press(KeyCode::Tab);
    let before = person.sees("Amount").await;
    let stored = sql(&store, "SELECT COUNT(*) FROM transactions");
    assert!(stored > 0);
    let label: String = rusqlite::Connection::open(&store)
        .unwrap()
        .query_row(
            "SELECT label FROM transactions ORDER BY date DESC, id DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let label: String = label.chars().take(12).collect();
    assert!(before.contains(&label), "{before}");

    // The store loses its transactions (an older copy); the dashboard shows the store.
    exec(&store, "DELETE FROM transactions");
    person.press(KeyCode::Tab);
    person.press(KeyCode::Char('a'));
    person.sees("Banks").await;
    person.press(KeyCode::Esc);
    person.press(KeyCode::Tab);
    let emptied = person.sees("SANDBOX   Dashboard").await;
    assert!(!emptied.contains(&label), "{emptied}");

    person.press(KeyCode::Char('s'));
    until("the sync wrote the transactions back", || {
        sql(&store, "SELECT COUNT(*) FROM transactions") == stored
    })
    .await;
    let after = person.sees(&label).await;
    assert!(after.contains("SANDBOX   Dashboard"), "{after}");
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_sync_failing_halfway_leaves_the_store_and_the_dashboard_as_before() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("sandbox.sqlite");
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    onboard(&person).await;
    let before = person.sees("Linxo Test Bank").await;
    let synced_at = sql(&store, "SELECT MAX(synced_at) FROM connections");
    let count = sql(&store, "SELECT COUNT(*) FROM transactions");
    // The disk "fills up" at the newest transaction: after the connection and its accounts
    // were written in the same store transaction. (The newest by date: an incremental sync
    // reads the last two weeks of dates again, not the whole bank.)
    exec(
        &store,
        "UPDATE connections SET synced_at = synced_at - 100;
         CREATE TRIGGER halfway BEFORE INSERT ON transactions
         WHEN NEW.id = (SELECT id FROM transactions ORDER BY date DESC, seq DESC LIMIT 1)
         BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END;",
    );
    person.press(KeyCode::Char('s'));
    let failed = person.sees("not saved").await;
    assert!(failed.contains("Linxo Test Bank"), "{failed}");
    assert_eq!(
        sql(&store, "SELECT MAX(synced_at) FROM connections"),
        synced_at - 100,
        "the connection's upsert was rolled back"
    );
    assert_eq!(sql(&store, "SELECT COUNT(*) FROM transactions"), count);
    let accounts = |screen: &str| -> Vec<String> {
        screen
            .lines()
            .filter(|l| l.contains("Checking") || l.contains("Savings"))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(accounts(&failed), accounts(&before));
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    sandbox.stop().await;
}
