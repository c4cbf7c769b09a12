//! The driver of the end-to-end tests and of the TUI benchmark (`benches/tui_consent_large.rs`
//! includes this file): the real loop (`app::run`) on a [`SharedBackend`], the real task
//! runner, keys sent as a person types them, the screen read until it shows what is awaited.

use std::time::{Duration, Instant};

use coffre::app::{Model, Msg, run};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD};
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use super::shared_backend::SharedBackend;

/// How long a step may take before the test fails with the screen.
pub(crate) const DEADLINE: Duration = Duration::from_secs(30);

/// The person at the keyboard: sends keys, waits for the screen.
pub(crate) struct Person {
    pub(crate) keys: UnboundedSender<Msg>,
    /// What the loop draws on (`screen.text()`: the screen now, without waiting).
    pub(crate) screen: SharedBackend,
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
