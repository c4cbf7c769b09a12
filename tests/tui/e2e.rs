//! End to end: the real loop (`app::run`) on a `TestBackend`, the real task runner, the
//! in-process sandbox over loopback HTTP, driven by a scripted key stream. Each step waits for
//! what the screen shows (polling the screen with a deadline), never for a fixed time.

mod failed_connection;
mod imported;
mod large;
mod restart;
mod shared_backend;
mod store_first;

use std::time::{Duration, Instant};

use coffre::app::{ApiEvent, Model, Msg, run};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, start_demo_sandbox};
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use shared_backend::SharedBackend;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// The person at the keyboard: sends keys, waits for the screen.
pub(crate) struct Person {
    keys: UnboundedSender<Msg>,
    screen: SharedBackend,
}

impl Person {
    pub(crate) fn press(&self, code: KeyCode) {
        let _ = self
            .keys
            .send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    pub(crate) fn type_text(&self, text: &str) {
        text.chars().for_each(|c| self.press(KeyCode::Char(c)));
    }

    /// Waits until the screen shows `text`; fails with the screen after the deadline.
    pub(crate) async fn sees(&self, text: &str) -> String {
        self.sees_any(&[text]).await
    }

    /// Waits until the screen shows one of `texts`.
    pub(crate) async fn sees_any(&self, texts: &[&str]) -> String {
        self.sees_within(texts, DEADLINE).await
    }

    /// Waits until the screen shows what `wanted` accepts; fails with the screen after
    /// `deadline`.
    pub(crate) async fn sees_where(
        &self,
        what: &str,
        wanted: impl Fn(&str) -> bool,
        deadline: Duration,
    ) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen.text();
            if wanted(&screen) {
                return screen;
            }
            assert!(
                started.elapsed() < deadline,
                "never saw {what}; the screen shows:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Waits until the screen shows one of `texts`; fails with the screen after `deadline`.
    pub(crate) async fn sees_within(&self, texts: &[&str], deadline: Duration) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen.text();
            if texts.iter().any(|t| screen.contains(t)) {
                return screen;
            }
            assert!(
                started.elapsed() < deadline,
                "never saw {texts:?}; the screen shows:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

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

/// [`launch`] with the runner's options given.
pub(crate) fn launch_with(
    tap: impl Fn(&Msg) + Send + 'static,
    oxlin: coffre::oxlin::config::OxlinConfig,
    options: RunnerOptions,
    mut model: Model,
    startup: Option<coffre::app::Startup>,
) -> (
    Person,
    tokio::task::JoinHandle<Result<Model, impl std::fmt::Debug>>,
) {
    let (sender, mut from_tasks) = MsgSender::channel();
    let (to_loop, task_msgs) = unbounded_channel();
    tokio::spawn(async move {
        while let Some(msg) = from_tasks.recv().await {
            tap(&msg);
            let _ = to_loop.send(msg);
        }
    });
    let runner = Runner::new(oxlin, sender, options);
    let (keys, key_rx) = unbounded_channel();
    let key_stream = futures_util::stream::unfold(key_rx, |mut rx| async move {
        rx.recv().await.map(|msg| (msg, rx))
    });
    let screen = SharedBackend::new(100, 30);
    let mut terminal = Terminal::new(screen.clone()).unwrap();
    let first = startup.map_or_else(Vec::new, |s| coffre::app::start(&mut model, s));
    let app = tokio::spawn(async move {
        for command in first {
            runner.run(command);
        }
        run(&mut terminal, model, key_stream, task_msgs, move |c| {
            runner.run(c)
        })
        .await
    });
    (Person { keys, screen }, app)
}

/// Logs in with the demo user and opens the test bank's channel chooser.
pub(crate) async fn log_in_and_choose_the_test_bank(person: &Person) -> String {
    let login = person.sees("SANDBOX").await;
    assert!(login.contains(DEMO_EMAIL) && !login.contains(DEMO_PASSWORD));
    person.press(KeyCode::Enter);
    person.sees("Linxo Test Bank").await;
    person.type_text("linxo test");
    person.sees("Linxo Test Bank").await;
    person.press(KeyCode::Enter);
    person.sees("How do you want to connect").await
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
