//! End to end: the real loop (`app::run`) on a `TestBackend`, the real task runner, the
//! in-process sandbox over loopback HTTP, driven by a scripted key stream. Each step waits for
//! what the screen shows (polling the screen with a deadline), never for a fixed time.

mod driver;
mod failed_connection;
mod imported;
mod large;
mod restart;
mod shared_backend;
mod store_first;

pub(crate) use driver::{DEADLINE, Person, launch_with, log_in_and_choose_the_test_bank};

use std::time::Duration;

use coffre::app::{ApiEvent, Model, Msg};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, start_demo_sandbox};
use coffre::tasks::RunnerOptions;
use crossterm::event::KeyCode;
use tokio::sync::mpsc::unbounded_channel;

/// Starts the sandbox, the runner and the real loop. Every task message goes through `tap`
/// before the loop sees it (the REDIRECT test reads the bank's URL there, as a person reads it
/// on the screen).
pub(crate) async fn start(
    tap: impl Fn(&Msg) + Send + 'static,
    store: &std::path::Path,
) -> (
    Person,
    tokio::task::JoinHandle<Result<Model, impl std::fmt::Debug>>,
    coffre::sandbox::RunningSandbox,
) {
    let (sandbox, oxlin) = start_demo_sandbox(Duration::ZERO, None).await.unwrap();
    let model = Model::new(chrono::Utc::now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD)));
    let (person, app) = launch(tap, oxlin, store, model, None);
    (person, app, sandbox)
}

/// The runner on `store` and the real loop, starting from `model` (and from `startup` the way
/// `coffre` starts: its first commands run before the first key).
pub(crate) fn launch(
    tap: impl Fn(&Msg) + Send + 'static,
    oxlin: coffre::oxlin::config::OxlinConfig,
    store: &std::path::Path,
    model: Model,
    startup: Option<coffre::app::Startup>,
) -> (
    Person,
    tokio::task::JoinHandle<Result<Model, impl std::fmt::Debug>>,
) {
    launch_with(tap, oxlin, runner_options(store), model, startup)
}

/// Fast test options for the runner on `DIR/sandbox.sqlite`.
pub(crate) fn runner_options(store: &std::path::Path) -> RunnerOptions {
    RunnerOptions {
        poll_every: Duration::from_millis(20),
        open_browser: false,
        store: Some(store.join("sandbox.sqlite")),
        ..RunnerOptions::default()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_bank_from_login_to_dashboard_with_one_wrong_code_and_one_refused_account() {
    let dir = tempfile::tempdir().unwrap();
    let (person, app, sandbox) = start(|_| {}, dir.path()).await;
    let chooser = log_in_and_choose_the_test_bank(&person).await;
    if !chooser.contains("1. Other accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);

    person.sees("Credentials").await;
    person.type_text("dev");
    person.press(KeyCode::Tab);
    person.type_text("dev");
    person.press(KeyCode::Tab);
    person.type_text("sms");
    person.press(KeyCode::Enter);

    person.sees("Bank question").await;
    person.press(KeyCode::Enter);
    person.sees("Valider").await;
    person.type_text("000000");
    person.press(KeyCode::Enter);
    person.sees("Code invalide").await;
    person.type_text("123456");
    person.press(KeyCode::Enter);

    person.sees("Which accounts do you share?").await;
    person.press(KeyCode::Down);
    person.press(KeyCode::Char(' '));
    person.press(KeyCode::Enter);

    person.sees("SANDBOX   Dashboard").await;
    let accounts = person.sees("Visa Premier").await;
    assert!(accounts.contains("Compte Chèques"), "{accounts}");
    assert!(
        accounts.contains("2 210,15"),
        "balances are shown: {accounts}"
    );
    assert!(
        accounts.contains("1 refused (deleted from Oxlin)"),
        "{accounts}"
    );
    assert!(
        !accounts.contains("Livret A"),
        "the refused account is gone: {accounts}"
    );

    person.press(KeyCode::Char('q'));
    let model = tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    assert!(model.should_quit);
    sandbox.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn redirect_channel_caught_on_loopback_after_approval_at_the_bank() {
    let (url_tx, mut url_rx) = unbounded_channel();
    let tap = move |msg: &Msg| {
        if let Msg::Api(ApiEvent::AuthorizeUrlReady {
            result: Ok(url), ..
        }) = msg
        {
            let _ = url_tx.send(url.clone());
        }
    };
    let dir = tempfile::tempdir().unwrap();
    let (person, app, sandbox) = start(tap, dir.path()).await;
    let chooser = log_in_and_choose_the_test_bank(&person).await;
    if !chooser.contains("1. Payment accounts") {
        person.press(KeyCode::Down);
    }
    person.press(KeyCode::Enter);
    person.sees("Bank website").await;
    let url = tokio::time::timeout(DEADLINE, url_rx.recv())
        .await
        .unwrap()
        .unwrap();
    let state = url::Url::parse(&url)
        .unwrap()
        .query_pairs()
        .find(|(k, _)| k == "state")
        .map(|(_, v)| v.into_owned())
        .unwrap();
    let base = sandbox.base_url.clone();
    // The browser: approve at the bank, follow the 303 to coffre's loopback listener.
    let page = reqwest::get(format!(
        "{base}/testbank/authorize/decision?state={state}&approve=true"
    ))
    .await
    .unwrap()
    .text()
    .await
    .unwrap();
    assert!(page.contains("Done"), "{page}");
    let next = person
        .sees_any(&["Which accounts do you share?", "SANDBOX   Dashboard"])
        .await;
    if next.contains("Which accounts do you share?") {
        person.press(KeyCode::Enter);
    }
    person.sees("SANDBOX   Dashboard").await;
    person.sees("Linxo Test Bank").await;
    person.press(KeyCode::Char('q'));
    tokio::time::timeout(DEADLINE, app)
        .await
        .unwrap()
        .unwrap()
        .unwrap();
    sandbox.stop().await;
}
