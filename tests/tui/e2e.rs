//! End to end: the real loop (`app::run`) on a `TestBackend`, the real task runner, the
//! in-process sandbox over loopback HTTP, driven by a scripted key stream. Each step waits for
//! what the screen shows (polling the screen with a deadline), never for a fixed time.

mod shared_backend;

use std::time::{Duration, Instant};

use coffre::app::{Model, Msg, run};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, start_demo_sandbox};
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use shared_backend::SharedBackend;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

const DEADLINE: Duration = Duration::from_secs(30);

/// The person at the keyboard: sends keys, waits for the screen.
struct Person {
    keys: UnboundedSender<Msg>,
    screen: SharedBackend,
}

impl Person {
    fn press(&self, code: KeyCode) {
        let _ = self
            .keys
            .send(Msg::Key(KeyEvent::new(code, KeyModifiers::NONE)));
    }

    fn type_text(&self, text: &str) {
        text.chars().for_each(|c| self.press(KeyCode::Char(c)));
    }

    /// Waits until the screen shows `text`; fails with the screen after the deadline.
    async fn sees(&self, text: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen.text();
            if screen.contains(text) {
                return screen;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "never saw {text:?}; the screen shows:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sms_bank_from_login_to_accounts_with_one_wrong_code_and_one_refused_account() {
    let (sandbox, oxlin) = start_demo_sandbox(Duration::ZERO).await.unwrap();
    let (sender, task_msgs) = MsgSender::channel();
    let options = RunnerOptions {
        poll_every: Duration::from_millis(20),
        open_browser: false,
        ..RunnerOptions::default()
    };
    let runner = Runner::new(oxlin, sender, options);
    let (keys, key_rx) = unbounded_channel();
    let key_stream = futures_util::stream::unfold(key_rx, |mut rx| async move {
        rx.recv().await.map(|msg| (msg, rx))
    });
    let screen = SharedBackend::new(100, 30);
    let mut terminal = Terminal::new(screen.clone()).unwrap();
    let model = Model::new(chrono::Utc::now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD)));
    let app = tokio::spawn(async move {
        run(&mut terminal, model, key_stream, task_msgs, move |c| {
            runner.run(c)
        })
        .await
    });
    let person = Person { keys, screen };

    let login = person.sees("SANDBOX").await;
    assert!(login.contains(DEMO_EMAIL) && !login.contains(DEMO_PASSWORD));
    person.press(KeyCode::Enter);

    person.sees("Linxo Test Bank").await;
    person.type_text("linxo test");
    person.sees("Linxo Test Bank").await;
    person.press(KeyCode::Enter);
    let chooser = person.sees("form").await;
    if !chooser
        .lines()
        .any(|l| l.contains("▶") && l.contains("form"))
    {
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

    person.sees("SANDBOX   Accounts").await;
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
