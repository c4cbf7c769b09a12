//! The saved session handed between `coffre sync` and the TUI, against the in-process sandbox:
//! whichever ran last, the other resumes without a password. The TUI side runs the code the TUI
//! runs: `real_host_login` picks the auto-login from the store, `app::start` turns it into a
//! command, the task `Runner` executes it, and `app::update` takes the answer.

use std::path::PathBuf;
use std::time::Duration;

use crate::support::sync_bank as support;

use coffre::app::{ApiEvent, AutoLogin, Command, Model, Msg, Startup, start, update};
use coffre::config::OxlinSection;
use coffre::sync::session::TokenOwner;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use crossterm::event::{KeyCode, KeyEvent};
use support::{Bank, PASSWORD, bank_with_user, refresh_token, sync, sync_with};
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
