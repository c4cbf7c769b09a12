//! Issue 10, reproduction 3, on the real loop against the in-process sandbox: a connection
//! whose password the bank refused is on the dashboard (heading, masked login, what to do),
//! and "Enter: retry" fixes THAT connection with the form refilled, so the API lists one.

use coffre::app::Model;
use coffre::sandbox::RunningSandbox;
use crossterm::event::KeyCode;

use super::{DEADLINE, Person, log_in_and_choose_the_test_bank, start};

/// Connects the test bank's `wrong_password` file with dev/dev; waits for the refusal.
async fn refused_by_the_bank(person: &Person) {
    let chooser = log_in_and_choose_the_test_bank(person).await;
    if !chooser.contains("1. Other accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);
    person.sees("Credentials").await;
    for text in ["dev", "dev", "wrong_password"] {
        person.type_text(text);
        person.press(KeyCode::Tab);
    }
    person.press(KeyCode::Enter);
    person.sees("refused").await;
}

fn connections_at_the_api(sandbox: &RunningSandbox) -> usize {
    sandbox.state.world().bank.connections.len()
}

async fn quit(person: &Person, app: tokio::task::JoinHandle<Result<Model, impl std::fmt::Debug>>) {
    person.press(KeyCode::Char('q'));
    let model = tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(model.should_quit);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_refused_password_leaves_a_heading_on_the_dashboard_that_says_what_to_do() {
    let dir = tempfile::tempdir().unwrap();
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    refused_by_the_bank(&person).await;
    person.press(KeyCode::Esc);
    // The failure of this session's sync, or after a restart the stored status.
    let screen = person
        .sees_any(&[
            "credentials refused: renew them (r)",
            "password refused: update it (r)",
        ])
        .await;
    assert!(screen.contains("Linxo Test Bank · login **"), "{screen}");
    assert!(!screen.contains("No bank yet"), "{screen}");
    assert_eq!(connections_at_the_api(&sandbox), 1);
    quit(&person, app).await;
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn retry_after_a_refused_password_fixes_the_same_connection() {
    let dir = tempfile::tempdir().unwrap();
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    refused_by_the_bank(&person).await;
    person.press(KeyCode::Enter);
    let form = person.sees("Credentials").await;
    assert!(
        form.contains("wrong_password"),
        "the file is refilled: {form}"
    );
    // The login is refilled too; only the password is typed again (the bank's real one).
    person.press(KeyCode::Down);
    person.type_text("wrong-on-purpose");
    person.press(KeyCode::Enter);
    person.press(KeyCode::Enter);
    let next = person
        .sees_any(&["Which accounts do you share?", "SANDBOX   Dashboard"])
        .await;
    if next.contains("Which accounts do you share?") {
        person.press(KeyCode::Enter);
    }
    person.sees("SANDBOX   Dashboard").await;
    person.sees("Compte Courant").await;
    assert_eq!(
        connections_at_the_api(&sandbox),
        1,
        "the retry renewed the refused connection instead of creating a second one"
    );
    quit(&person, app).await;
    sandbox.stop().await;
}
