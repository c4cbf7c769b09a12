//! End to end with the test bank's `medium` file (10,000 transactions): while the real loop
//! onboards the bank, the store write tells the app how many transactions it fetched and stored
//! so far (`ApiEvent::TransactionsImported`), never going backwards, and the last count is
//! every transaction of the bank, the number the store holds.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use coffre::app::{ApiEvent, Msg};
use crossterm::event::KeyCode;

use super::{log_in_and_choose_the_test_bank, start};

/// Fetching and storing 10,000 rows in a debug build takes a while: this test waits longer
/// than the others, still polling the screen.
const MEDIUM_DEADLINE: Duration = Duration::from_secs(120);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_imported_count_of_the_medium_bank_climbs_to_every_transaction_stored() {
    let dir = tempfile::tempdir().unwrap();
    let counts = Arc::new(Mutex::new(Vec::new()));
    let seen = Arc::clone(&counts);
    let tap = move |msg: &Msg| {
        if let Msg::Api(ApiEvent::TransactionsImported { imported, .. }) = msg {
            seen.lock().unwrap().push(*imported);
        }
    };
    let (person, app, sandbox) = start(tap, dir.path()).await;
    let chooser = log_in_and_choose_the_test_bank(&person).await;
    if !chooser.contains("1. Other accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);
    person.sees("Credentials").await;
    for text in ["dev", "dev", "medium"] {
        person.type_text(text);
        person.press(KeyCode::Tab);
    }
    person.press(KeyCode::Enter);
    person.sees("Which accounts do you share?").await;
    person.press(KeyCode::Enter);
    person
        .sees_within(&["SANDBOX   Dashboard"], MEDIUM_DEADLINE)
        .await;

    let stored = rusqlite::Connection::open(dir.path().join("sandbox.sqlite"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM transactions", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert_eq!(stored, 10_000);
    let counts = counts.lock().unwrap().clone();
    assert!(!counts.is_empty(), "no count reached the app");
    assert!(
        counts.windows(2).all(|w| w[0] <= w[1]),
        "the count never goes back: {counts:?}"
    );
    assert_eq!(counts.last().copied(), Some(10_000), "{counts:?}");

    person.press(KeyCode::Char('q'));
    let _ = tokio::time::timeout(Duration::from_secs(10), app).await;
    sandbox.stop().await;
}
