//! The saved session handed between `coffre sync` and the TUI, against the in-process sandbox:
//! whichever ran last, the other resumes without a password. The TUI side runs the code the TUI
//! runs: `real_host_login` picks the auto-login from the store, `app::start` turns it into a
//! command, the task `Runner` executes it, and `app::update` takes the answer.
//!
//! The TUI and cron also share one session while both run: a `coffre sync` in between rotates
//! the token under the open TUI, which picks the new one up from the store; a session nobody
//! can refresh any more is reported once as expired (never as a wrong password).

use std::path::PathBuf;
use std::time::Duration;

use crate::support::sync_bank as support;

use coffre::app::{ApiEvent, AutoLogin, Command, Model, Msg, Startup, start, update};
use coffre::config::OxlinSection;
use coffre::domain::CallFailure;
use coffre::oxlin::secret::secret;
use coffre::sync::session::TokenOwner;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use crossterm::event::{KeyCode, KeyEvent};
use support::{Bank, PASSWORD, bank_with_user, refresh_token, stored, sync, sync_with};
use tokio::sync::mpsc::UnboundedReceiver;

/// The `[oxlin]` section of the bank's config file, as `coffre` reads it.
fn section(bank: &Bank) -> OxlinSection {
    let file = bank.dir.path().join("config.toml");
    let config = coffre::config::load(Some(&file)).unwrap().unwrap();
    config.oxlin.unwrap()
}

/// The store file the TUI opens for this configuration (the one `coffre sync` writes).
fn store_path(bank: &Bank, section: &OxlinSection) -> PathBuf {
    let data_dir = bank.dir.path().join("data");
    std::fs::create_dir_all(&data_dir).unwrap();
    coffre::store::store_file(&data_dir, section.is_sandbox())
}

/// The TUI's task runner for this configuration, as `coffre` builds it for a real host.
fn tui_runner(bank: &Bank) -> (Runner, UnboundedReceiver<Msg>) {
    let section = section(bank);
    let (sender, msgs) = MsgSender::channel();
    let options = RunnerOptions {
        store: Some(store_path(bank, &section)),
        session_owner: Some(TokenOwner::of(&section)),
        open_browser: false,
        poll_every: Duration::from_millis(50),
        ..RunnerOptions::default()
    };
    (
        Runner::new(section.client_config().unwrap(), sender, options),
        msgs,
    )
}

/// Runs `commands`, then waits for the answer to the login among the runner's messages.
async fn login_answer(
    runner: &Runner,
    msgs: &mut UnboundedReceiver<Msg>,
    commands: Vec<Command>,
) -> Msg {
    assert!(
        commands
            .iter()
            .any(|c| matches!(c, Command::LogIn { .. } | Command::Resume { .. })),
        "no login asked for: {commands:?}"
    );
    for command in commands {
        runner.run(command);
    }
    loop {
        let msg = tokio::time::timeout(Duration::from_secs(20), msgs.recv())
            .await
            .expect("no login answer in time")
            .expect("the runner stopped");
        if let Msg::Api(ApiEvent::LoggedIn { result, .. }) = &msg {
            assert!(result.is_ok(), "the login failed: {result:?}");
            return msg;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sync_from_cron_then_the_tui_resumes_without_a_password() {
    let bank = bank_with_user("cron-then-tui@example.com", &["default"]).await;
    let (code, output) = sync(&bank).await;
    assert_eq!(code, 0, "{output}");
    let from_sync = refresh_token(&bank).expect("the sync keeps the session");

    let section = section(&bank);
    let auto_login = coffre::cli::real_host_login(&section, &store_path(&bank, &section));
    let auto_login = auto_login.unwrap();
    assert!(
        matches!(auto_login, Some(AutoLogin::RefreshToken(_))),
        "the TUI resumes the sync's session, without a password: {auto_login:?}"
    );
    let mut model = Model::new(chrono::Utc::now(), false, Some(("", "")));
    let startup = Startup {
        store_has_data: true,
        auto_login,
    };
    let commands = start(&mut model, startup);
    let (runner, mut msgs) = tui_runner(&bank);
    let answer = login_answer(&runner, &mut msgs, commands).await;
    update(&mut model, answer);
    assert!(
        model.session.is_logged_in(),
        "the dashboard's session is open"
    );
    let from_tui = refresh_token(&bank).unwrap();
    assert_ne!(from_tui, from_sync, "the TUI keeps the rotated token");

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(
        code, 0,
        "the next cron run resumes the TUI's session: {output}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn tui_login_then_sync_from_cron_without_a_password() {
    let bank = bank_with_user("tui-then-cron@example.com", &["default"]).await;
    let mut model = Model::new(
        chrono::Utc::now(),
        false,
        Some(("tui-then-cron@example.com", PASSWORD)),
    );
    let mut commands = update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Enter)));
    commands.extend(update(&mut model, Msg::Key(KeyEvent::from(KeyCode::Enter))));
    let (runner, mut msgs) = tui_runner(&bank);
    let answer = login_answer(&runner, &mut msgs, commands).await;
    update(&mut model, answer);
    assert!(model.session.is_logged_in(), "the user is logged in");
    assert!(
        refresh_token(&bank).is_some(),
        "the TUI keeps its session for coffre sync"
    );

    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 0, "{output}");
    assert!(output.contains(": synced"), "{output}");
    assert!(!output.contains("refused"), "{output}");
}

/// A TUI that resumed the session a first `coffre sync` stored, polling its queue.
async fn tui_resumed_after_cron(bank: &Bank) -> (Runner, UnboundedReceiver<Msg>) {
    let (code, output) = sync(bank).await;
    assert_eq!(code, 0, "{output}");
    let section = section(bank);
    let auto_login = coffre::cli::real_host_login(&section, &store_path(bank, &section)).unwrap();
    assert!(matches!(auto_login, Some(AutoLogin::RefreshToken(_))));
    let mut model = Model::new(chrono::Utc::now(), false, Some(("", "")));
    let startup = Startup {
        store_has_data: true,
        auto_login,
    };
    let commands = start(&mut model, startup);
    let (runner, mut msgs) = tui_runner(bank);
    login_answer(&runner, &mut msgs, commands).await;
    (runner, msgs)
}

/// The background failures the runner reports within `wait`.
async fn failures_within(msgs: &mut UnboundedReceiver<Msg>, wait: Duration) -> Vec<CallFailure> {
    let mut failures = Vec::new();
    let until = tokio::time::Instant::now() + wait;
    while let Ok(Some(msg)) = tokio::time::timeout_at(until, msgs.recv()).await {
        if let Msg::Api(ApiEvent::Failed { error, .. }) = msg {
            failures.push(error);
        }
    }
    failures
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_open_tuis_session_survives_a_cron_sync_in_between() {
    let bank = bank_with_user("tui-beside-cron@example.com", &["default"]).await;
    let (_runner, mut msgs) = tui_resumed_after_cron(&bank).await;
    let from_tui = refresh_token(&bank).unwrap();

    // Cron resumes from the TUI's token: the TUI's access token and refresh token die.
    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 0, "{output}");
    assert_ne!(refresh_token(&bank).unwrap(), from_tui);

    // The TUI's next polls refresh with the token cron stored (the two may take turns while
    // cron runs): no failure at all, then or after a second cron run.
    let failures = failures_within(&mut msgs, Duration::from_secs(2)).await;
    assert!(
        failures.is_empty(),
        "the TUI lost its session: {failures:?}"
    );
    let (code, output) = sync_with(&bank, None).await;
    assert_eq!(code, 0, "cron resumes beside the TUI again: {output}");
    let failures = failures_within(&mut msgs, Duration::from_secs(2)).await;
    assert!(
        failures.is_empty(),
        "the TUI lost its session: {failures:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dead_saved_session_is_reported_once_as_expired_not_as_a_wrong_password() {
    let bank = bank_with_user("dead-session@example.com", &["default"]).await;
    let (_runner, mut msgs) = tui_resumed_after_cron(&bank).await;
    // Another process spends the TUI's token and loses the new one (never stores it), and the
    // store holds nothing valid: nobody has a live token any more.
    let tuis = refresh_token(&bank).unwrap();
    stored(&bank)
        .set_secret(coffre::sync::session::REFRESH_TOKEN, &secret("lost"))
        .unwrap();
    let config = section(&bank).client_config().unwrap();
    let other = coffre::oxlin::client::Client::with_refresh_token(config, secret(tuis)).unwrap();
    other.access_token().await.unwrap();

    let failures = failures_within(&mut msgs, Duration::from_secs(3)).await;
    assert_eq!(
        failures,
        vec![CallFailure::SessionExpired],
        "said once, as an expired session"
    );
    assert_eq!(
        refresh_token(&bank).as_deref(),
        Some("lost"),
        "nothing was stored over the dead session"
    );
}
