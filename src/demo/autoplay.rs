//! `coffre demo --autoplay`: the onboarding (login, bank search, form, SMS code, consent,
//! dashboard) played for a presenter who wants both hands free.
//!
//! The script ([`super::script`]) is a list of [`Step`]s: keys, typed text, pauses, and waits
//! for a screen. Its keys are `crossterm` key events, merged into the same stream as the real
//! keyboard's ([`Autoplay::start`]), so `update` cannot tell them apart and the script can do
//! nothing a person could not. It watches the screen the way a person does, through what each
//! frame shows ([`Autoplay::overlay`], called after the view; [`Sight`]), and waits for the
//! next screen before pressing on, so a slow sandbox never makes it type into the wrong screen.
//!
//! The first real key takes over: the script stops at once (a key of the script already on its
//! way is dropped), the hint disappears, and that key does what it always does.
//!
//! Docs gap (ours): the pace is [`KEY_GAP`] per typed key and a pause of about a second or two
//! on each screen, divided by `--autoplay-speed`; a screen that does not come within
//! [`PATIENCE`] stops the script (the user drives from there).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use futures_util::{Stream, StreamExt};
use ratatui::Frame;
use tokio::sync::{mpsc, watch};

pub use super::script::{Sight, Step, onboarding, sight};

use super::key_hint::{self, KeyHint, key_name};
use crate::app::{Model, Msg};

/// The time between two typed keys, at speed 1.
pub const KEY_GAP: Duration = Duration::from_millis(80);

/// How long the script waits for a screen before it gives up.
pub const PATIENCE: Duration = Duration::from_secs(90);

/// How fast the script plays: every wait is multiplied by `scale`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pace {
    scale: f64,
}

impl Pace {
    /// At `speed` times a person's pace (2.0: twice as fast); `None` for a speed that is not a
    /// positive number.
    pub fn human(speed: f64) -> Option<Pace> {
        (speed.is_finite() && speed > 0.0).then(|| Pace { scale: 1.0 / speed })
    }

    /// No waiting at all (tests).
    pub const INSTANT: Pace = Pace { scale: 0.0 };

    fn of(self, wait: Duration) -> Duration {
        wait.mul_f64(self.scale)
    }
}

/// How a script ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Still playing.
    Playing,
    /// Every step was played.
    Done,
    /// A real key took over.
    TakenOver,
    /// A screen did not come in time: the script stopped.
    GaveUp(Sight),
}

/// A playing script: its hint, its eyes and how it ended.
#[derive(Debug, Clone)]
pub struct Autoplay {
    hint: Arc<Mutex<KeyHint>>,
    seen: watch::Sender<Sight>,
    ending: watch::Sender<Ending>,
    taken_over: Arc<AtomicBool>,
}

impl Autoplay {
    /// Starts playing `script` at `pace` (on the tokio runtime) and returns the player and the
    /// events to run the app on: `real`'s, with the script's keys merged in until a real key.
    pub fn start(
        script: Vec<Step>,
        pace: Pace,
        real: impl Stream<Item = Msg>,
    ) -> (Autoplay, impl Stream<Item = Msg>) {
        let player = Autoplay {
            hint: Arc::new(Mutex::new(KeyHint {
                playing: true,
                last: None,
            })),
            seen: watch::Sender::new(Sight::Busy),
            ending: watch::Sender::new(Ending::Playing),
            taken_over: Arc::new(AtomicBool::new(false)),
        };
        let (keys, scripted) = mpsc::unbounded_channel();
        tokio::spawn(player.clone().play(script, pace, keys));
        let on_real = player.clone();
        let real = real.inspect(move |msg| {
            if matches!(msg, Msg::Key(_)) {
                on_real.take_over();
            }
        });
        let taken_over = Arc::clone(&player.taken_over);
        let scripted = futures_util::stream::unfold(scripted, |mut rx| async move {
            rx.recv().await.map(|msg| (msg, rx))
        })
        .take_while(move |_| std::future::ready(!taken_over.load(Ordering::SeqCst)));
        (player, futures_util::stream::select(real, scripted))
    }

    /// Called after the view on every frame: tells the script what the screen shows and
    /// draws the hint.
    pub fn overlay(&self, model: &Model, frame: &mut Frame) {
        self.seen.send_if_modified(|seen| {
            let now = sight(model);
            let changed = *seen != now;
            *seen = now;
            changed
        });
        key_hint::render(&self.hint(), frame);
    }

    /// What the hint says now.
    pub fn hint(&self) -> KeyHint {
        self.hint.lock().map(|h| h.clone()).unwrap_or_default()
    }

    /// How the script ended so far.
    pub fn ending(&self) -> Ending {
        self.ending.borrow().clone()
    }

    /// Waits until the script ends, and says how.
    pub async fn finished(&self) -> Ending {
        let mut ending = self.ending.subscribe();
        let ended = ending.wait_for(|e| *e != Ending::Playing).await;
        ended.map(|e| e.clone()).unwrap_or(Ending::TakenOver)
    }

    fn take_over(&self) {
        if !self.taken_over.swap(true, Ordering::SeqCst) {
            self.end(Ending::TakenOver);
        }
    }

    fn end(&self, how: Ending) {
        self.set_hint(None, false);
        self.ending.send_if_modified(|ending| {
            let first = *ending == Ending::Playing;
            if first {
                *ending = how;
            }
            first
        });
    }

    fn set_hint(&self, last: Option<String>, playing: bool) {
        if let Ok(mut hint) = self.hint.lock() {
            *hint = KeyHint { playing, last };
        }
    }

    fn playing(&self) -> bool {
        *self.ending.borrow() == Ending::Playing
    }

    async fn play(self, script: Vec<Step>, pace: Pace, keys: mpsc::UnboundedSender<Msg>) {
        let mut stopped = self.ending.subscribe();
        let steps = async {
            for step in script {
                if let Err(gave_up) = self.step(step, pace, &keys).await {
                    return Ending::GaveUp(gave_up);
                }
            }
            Ending::Done
        };
        tokio::select! {
            ending = steps => self.end(ending),
            _ = stopped.wait_for(|e| *e != Ending::Playing) => {}
        }
    }

    async fn step(
        &self,
        step: Step,
        pace: Pace,
        keys: &mpsc::UnboundedSender<Msg>,
    ) -> Result<(), Sight> {
        match step {
            Step::Until(wanted) => {
                let mut seen = self.seen.subscribe();
                let came = tokio::time::timeout(PATIENCE, seen.wait_for(|s| *s == wanted)).await;
                if !matches!(came, Ok(Ok(_))) {
                    return Err(wanted);
                }
            }
            Step::Pause(wait) => tokio::time::sleep(pace.of(wait)).await,
            Step::Press(code) => {
                let key = KeyEvent::new(code, KeyModifiers::NONE);
                self.press(key, key_name(&key), keys);
                tokio::time::sleep(pace.of(KEY_GAP)).await;
            }
            Step::Type(text) | Step::TypeSecret(text) if text.is_empty() => {}
            Step::Type(text) => self.type_text(&text, false, pace, keys).await,
            Step::TypeSecret(text) => self.type_text(&text, true, pace, keys).await,
        }
        Ok(())
    }

    async fn type_text(
        &self,
        text: &str,
        secret: bool,
        pace: Pace,
        keys: &mpsc::UnboundedSender<Msg>,
    ) {
        let mut shown = String::new();
        for c in text.chars() {
            shown.push(if secret { '•' } else { c });
            let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
            self.press(key, shown.clone(), keys);
            tokio::time::sleep(pace.of(KEY_GAP)).await;
        }
    }

    fn press(&self, key: KeyEvent, hint: String, keys: &mpsc::UnboundedSender<Msg>) {
        if self.playing() {
            self.set_hint(Some(hint), true);
            let _ = keys.send(Msg::Key(key));
        }
    }
}
