//! End to end with the test bank's `large` file (120,000 transactions): onboarding through the
//! real loop ends on the dashboard, the transactions view counts every row the store holds, and
//! a search narrows them.

use std::time::Duration;

use crossterm::event::KeyCode;

use super::{log_in_and_choose_the_test_bank, start};

/// Fetching, storing and loading 120,000 rows in a debug build takes a while: this test waits
/// longer than the others, still polling the screen.
const LARGE_DEADLINE: Duration = Duration::from_secs(300);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_large_bank_reaches_the_dashboard_and_every_transaction_is_listed_and_searchable() {
    let dir = tempfile::tempdir().unwrap();
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    let chooser = log_in_and_choose_the_test_bank(&person).await;
    if !chooser.contains("1. Other accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);
    person.sees("Credentials").await;
    for text in ["dev", "dev", "large"] {
        person.type_text(text);
        person.press(KeyCode::Tab);
    }
    person.press(KeyCode::Enter);
    person.sees("Which accounts do you share?").await;
    person.press(KeyCode::Enter);
    person
        .sees_within(&["SANDBOX   Dashboard"], LARGE_DEADLINE)
        .await;

    let stored = rusqlite::Connection::open(dir.path().join("sandbox.sqlite"))
        .unwrap()
        .query_row("SELECT COUNT(*) FROM transactions", [], |r| {
            r.get::<_, i64>(0)
        })
        .unwrap();
    assert!(stored >= 100_000, "{stored} transactions stored");
    let grouped = group_thousands(stored);

    person.press(KeyCode::Tab);
    let view = person
        .sees_within(&[&format!("{grouped} of {grouped}")], LARGE_DEADLINE)
        .await;
    assert!(view.contains("by date"), "{view}");
    // The view holds a window of the store: End reads the last rows, the oldest.
    let oldest: String = rusqlite::Connection::open(dir.path().join("sandbox.sqlite"))
        .unwrap()
        .query_row("SELECT MIN(date) FROM transactions", [], |r| r.get(0))
        .unwrap();
    person.press(KeyCode::End);
    person.sees_within(&[&oldest], LARGE_DEADLINE).await;
    person.press(KeyCode::Home);
    person.press(KeyCode::Char('/'));
    person.type_text("fnac");
    // The last rows stay on screen while the search is read: wait for its count.
    let searched = person
        .sees_where(
            "the search counted",
            |s| s.contains("/fnac") && !s.contains("counting…"),
            LARGE_DEADLINE,
        )
        .await;
    assert!(
        !searched.contains(&format!("{grouped} of {grouped}")),
        "the search narrows the rows:\n{searched}"
    );
    assert!(searched.contains("FNAC"), "{searched}");

    person.press(KeyCode::Esc);
    person.press(KeyCode::Esc);
    person.press(KeyCode::Char('q'));
    let _ = tokio::time::timeout(Duration::from_secs(10), app).await;
    sandbox.stop().await;
}

/// `120531` → `120 531`, as the dashboard writes counts.
fn group_thousands(n: i64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}
