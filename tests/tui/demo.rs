//! `coffre demo` as a presenter sees it: the first frame is the dashboard of the seeded store
//! (snapshot), the bank waiting for a code takes `123456` live, `--autoplay` plays the onboarding
//! to the dashboard against the in-process sandbox, and a real key takes over.
//!
//! The live tests run the real loop (`run_with_overlay`) on a `TestBackend`, the real task
//! runner and the sandbox over loopback HTTP with no step delay; the autoplay plays at
//! [`Pace::INSTANT`] and waits for screens, never for time. The screen is read through the
//! overlay, which sees every frame the loop draws.

use std::path::PathBuf;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{DateTime, TimeZone, Utc};
use coffre::app::event_loop::run_with_overlay;
use coffre::app::{AutoLogin, Model, Msg, Screen};
use coffre::cli::{DEMO_EMAIL, DEMO_PASSWORD, start_demo_sandbox};
use coffre::demo::autoplay::{self, Autoplay, Ending, Pace, Step};
use coffre::demo::banks::{Asking, SMS_CODE};
use coffre::demo::key_hint::{self, KeyHint};
use coffre::demo::stage;
use coffre::sandbox::RunningSandbox;
use coffre::screens::dashboard::Tab;
use coffre::tasks::{MsgSender, Runner, RunnerOptions};
use crossterm::event::KeyCode;
use futures_util::Stream;
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use secrecy::SecretString;
use tokio::sync::mpsc::{UnboundedSender, unbounded_channel};

use crate::common::key;

const DEADLINE: Duration = Duration::from_secs(60);

/// The demo's clock in the snapshots: the demo's data ends on its day (21 November 2026, the
/// files' own "today" moved by one day).
fn demo_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 21, 9, 30, 0).unwrap()
}

/// The demo's store, seeded in `dir` at `now`, and the sandbox behind it.
async fn stage_at(
    dir: &tempfile::TempDir,
    asking: Asking,
    now: DateTime<Utc>,
) -> (RunningSandbox, coffre::oxlin::config::OxlinConfig, PathBuf) {
    let (sandbox, oxlin) = start_demo_sandbox(Duration::ZERO, None).await.unwrap();
    let store = dir.path().join("sandbox.sqlite");
    let login = (DEMO_EMAIL, DEMO_PASSWORD);
    stage::set(&sandbox, &oxlin, login, &store, asking, now)
        .await
        .unwrap();
    (sandbox, oxlin, store)
}

/// The demo's background login (as `coffre demo` starts).
fn demo_login() -> Option<AutoLogin> {
    Some(AutoLogin::Password(
        DEMO_EMAIL.into(),
        SecretString::from(DEMO_PASSWORD),
    ))
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (area.top()..area.bottom())
        .map(|y| {
            (area.left()..area.right())
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The first frame of `coffre demo`, at 100×30, with `hint` drawn over it.
async fn first_frame(hint: Option<KeyHint>) -> String {
    first_frame_in(coffre::i18n::Lang::En, hint).await
}

/// The first frame of `coffre demo --lang LANG`, at 100×30, with `hint` drawn over it.
pub async fn first_frame_in(lang: coffre::i18n::Lang, hint: Option<KeyHint>) -> String {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, _, store) = stage_at(&dir, Asking::AsStoried, demo_now()).await;
    sandbox.stop().await;
    let mut model = Model::new(demo_now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD)));
    if lang != coffre::i18n::Lang::En {
        model.lang = lang;
        model.numbers = coffre::ui::format::NumberStyle::of(lang);
    }
    // The autoplay logs in itself: its demo starts without the background login.
    let login = hint.is_none().then(demo_login).flatten();
    stage::open_on_dashboard(&mut model, &store, login).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    terminal
        .draw(|frame| {
            coffre::app::view(&mut model, frame);
            if let Some(hint) = &hint {
                key_hint::render(hint, frame);
            }
        })
        .unwrap();
    terminal.backend().to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn demo_first_frame_is_the_dashboard_of_french_banks_and_a_german_one() {
    let frame = first_frame(None).await;
    for shown in [
        "Crédit Agricole",
        "BoursoBank",
        "Crédit Mutuel",
        "Musterbank Hamburg",
    ] {
        assert!(frame.contains(shown), "{shown}:\n{frame}");
    }
    assert!(frame.contains("finX · access until"), "{frame}");
    assert_snapshot!("demo_first_frame", frame);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autoplay_shows_the_key_it_presses_over_the_frame() {
    let hint = KeyHint {
        playing: true,
        last: Some("Enter".into()),
    };
    let frame = first_frame(Some(hint)).await;
    assert_snapshot!("demo_autoplay_hint", frame);
}

/// The demo running: its screen as the overlay last saw it, the keyboard, the loop.
struct Show {
    screen: Arc<Mutex<String>>,
    /// Some frame showed the demo password, or a digit of the SMS code in the key hint.
    secret_shown: Arc<AtomicBool>,
    keyboard: UnboundedSender<Msg>,
    app: tokio::task::JoinHandle<Model>,
    sandbox: RunningSandbox,
    _dir: tempfile::TempDir,
}

type Events = Pin<Box<dyn Stream<Item = Msg> + Send>>;

/// Starts the demo's loop: the background login with `auto_login`, the `script` played.
async fn show(
    asking: Asking,
    auto_login: bool,
    script: Option<(Vec<Step>, Pace)>,
) -> (Show, Option<Autoplay>) {
    let dir = tempfile::tempdir().unwrap();
    let (sandbox, oxlin, store) = stage_at(&dir, asking, Utc::now()).await;
    let mut model = Model::new(Utc::now(), true, Some((DEMO_EMAIL, DEMO_PASSWORD)));
    let login = auto_login.then(demo_login).flatten();
    let first = stage::open_on_dashboard(&mut model, &store, login).unwrap();
    let (sender, task_msgs) = MsgSender::channel();
    let options = RunnerOptions {
        poll_every: Duration::from_millis(20),
        open_browser: false,
        store: Some(store),
        ..RunnerOptions::default()
    };
    let runner = Runner::new(oxlin, sender, options);
    let (keyboard, keys) = unbounded_channel();
    let real = futures_util::stream::unfold(keys, |mut rx| async move {
        rx.recv().await.map(|msg| (msg, rx))
    });
    let (player, events): (Option<Autoplay>, Events) = match script {
        Some((steps, pace)) => {
            let (player, events) = Autoplay::start(steps, pace, real);
            (Some(player), Box::pin(events))
        }
        None => (None, Box::pin(real)),
    };
    let screen = Arc::new(Mutex::new(String::new()));
    let secret_shown = Arc::new(AtomicBool::new(false));
    let (seen, eyes) = (Arc::clone(&screen), player.clone());
    let leak = Arc::clone(&secret_shown);
    let app = tokio::spawn(async move {
        let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
        for command in first {
            runner.run(command);
        }
        let overlay = move |model: &Model, frame: &mut ratatui::Frame| {
            if let Some(player) = &eyes {
                player.overlay(model, frame);
            }
            let now = text(frame.buffer_mut());
            if now.contains(DEMO_PASSWORD) || now.contains("⌨ 1") {
                leak.store(true, Ordering::SeqCst);
            }
            *seen.lock().unwrap() = now;
        };
        run_with_overlay(
            &mut terminal,
            model,
            events,
            task_msgs,
            |c| runner.run(c),
            overlay,
        )
        .await
        .unwrap()
    });
    let show = Show {
        screen,
        secret_shown,
        keyboard,
        app,
        sandbox,
        _dir: dir,
    };
    (show, player)
}

impl Show {
    fn press(&self, code: KeyCode) {
        self.keyboard.send(key(code)).unwrap();
    }

    /// Waits until the screen shows `what`; fails with the screen after the deadline.
    async fn sees(&self, what: &str) -> String {
        let started = Instant::now();
        loop {
            let screen = self.screen.lock().unwrap().clone();
            if screen.contains(what) {
                return screen;
            }
            assert!(
                started.elapsed() < DEADLINE,
                "never saw {what:?}:\n{screen}"
            );
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }

    /// Ends the keyboard, waits for the loop and the sandbox; returns the last model.
    async fn end(self) -> Model {
        drop(self.keyboard);
        let model = tokio::time::timeout(DEADLINE, self.app)
            .await
            .unwrap()
            .unwrap();
        self.sandbox.stop().await;
        model
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_bank_waiting_for_a_code_takes_123456() {
    let (show, _) = show(Asking::AsStoried, true, None).await;
    show.sees("Crédit Mutuel asks a question").await;
    show.press(KeyCode::Char('a'));
    show.sees("Envoyer le SMS").await;
    show.press(KeyCode::Enter);
    show.sees("Valider").await;
    SMS_CODE.chars().for_each(|c| show.press(KeyCode::Char(c)));
    show.press(KeyCode::Enter);
    let answered = show.sees("Answer sent to Crédit Mutuel").await;
    assert!(
        !answered.contains(SMS_CODE),
        "the code never shows:\n{answered}"
    );
    show.end().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn autoplay_plays_the_onboarding_to_the_dashboard_unattended() {
    let script = autoplay::onboarding(DEMO_PASSWORD);
    let (show, player) = show(Asking::Quiet, false, Some((script, Pace::INSTANT))).await;
    let player = player.unwrap();
    let ending = tokio::time::timeout(DEADLINE, player.finished()).await;
    assert_eq!(ending, Ok(Ending::Done), "{}", show.screen.lock().unwrap());
    let dashboard = show.sees("Linxo Test Bank").await;
    assert!(dashboard.contains("Dashboard"), "{dashboard}");
    assert!(dashboard.contains("Crédit Mutuel"), "{dashboard}");
    assert!(!player.hint().playing);
    let shown = show.secret_shown.load(Ordering::SeqCst);
    assert!(
        !shown,
        "the password and the code show as dots, in the form and in the hint"
    );
    let model = show.end().await;
    assert!(matches!(model.screen, Screen::Dashboard(_)));
    assert!(model.session.is_logged_in());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_key_takes_over_from_the_autoplay() {
    let script = autoplay::onboarding(DEMO_PASSWORD);
    let pace = Pace::human(1.0).unwrap();
    let (show, player) = show(Asking::Quiet, false, Some((script, pace))).await;
    let player = player.unwrap();
    // The script shows the dashboard a while before its first key: the presenter steps in.
    show.sees("▶ autoplay").await;
    show.press(KeyCode::Tab);
    let ending = tokio::time::timeout(DEADLINE, player.finished()).await;
    assert_eq!(ending, Ok(Ending::TakenOver));
    let transactions = show.sees("Amount").await;
    assert!(
        !transactions.contains("autoplay"),
        "the hint is gone:\n{transactions}"
    );
    let model = show.end().await;
    let Screen::Dashboard(dashboard) = &model.screen else {
        panic!("the script's `l` never came, yet: {:?}", model.screen);
    };
    assert_eq!(dashboard.tab, Tab::Transactions, "the user's key drove");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_demo_charts_show_the_seeded_year() {
    let (show, _) = show(Asking::Quiet, false, None).await;
    show.sees("Net worth").await;
    show.press(KeyCode::Char('v'));
    let charts = show.sees("Spending per month").await;
    assert!(charts.contains("Compte BoursoBank"), "{charts}");
    show.end().await;
}
