//! The loop: `run` reads three sources — task results, terminal events and a tick — turns each
//! into a `Msg`, applies `update`, hands the commands to an executor (the task runner), and
//! redraws when something changed, at most [`MAX_FPS`] times a second. It is generic over the
//! ratatui backend and the event stream, so tests run the real loop on a `TestBackend` with a
//! scripted key stream.
//!
//! Time enters only as `Msg::Tick(now)` (every [`TICK`]): countdowns and spinners move then.
//! With the mouse captured (`[ui] mouse`), clicks and the wheel become `Msg::Mouse`; the
//! terminal also reports every move of the mouse, which nothing uses, so those are dropped
//! before they cost a redraw.

use std::time::Duration;

use chrono::Utc;
use crossterm::event::{Event, EventStream, MouseEventKind};
use futures_util::{Stream, StreamExt};
use ratatui::backend::Backend;
use ratatui::{Frame, Terminal};
use tokio::sync::mpsc::UnboundedReceiver;
use tokio::time::{Instant, MissedTickBehavior};

use crate::app::{Command, Model, Msg, update};

/// The most frames drawn per second.
pub const MAX_FPS: u32 = 60;
/// How often time passes for the model (spinners, countdowns).
pub const TICK: Duration = Duration::from_millis(250);

/// Runs the app until it quits (or the event stream ends); returns the final model.
pub async fn run<B: Backend>(
    terminal: &mut Terminal<B>,
    model: Model,
    events: impl Stream<Item = Msg>,
    task_msgs: UnboundedReceiver<Msg>,
    execute: impl FnMut(Command),
) -> Result<Model, B::Error> {
    run_with_overlay(terminal, model, events, task_msgs, execute, |_, _| {}).await
}

/// [`run`], drawing `overlay` over every frame after the app's view, with the model that frame
/// shows (the stage demo's autoplay draws the key it presses there, and watches the screen).
pub async fn run_with_overlay<B: Backend>(
    terminal: &mut Terminal<B>,
    mut model: Model,
    events: impl Stream<Item = Msg>,
    mut task_msgs: UnboundedReceiver<Msg>,
    mut execute: impl FnMut(Command),
    mut overlay: impl FnMut(&Model, &mut Frame),
) -> Result<Model, B::Error> {
    let frame_gap = Duration::from_secs(1) / MAX_FPS;
    let mut events = std::pin::pin!(events);
    let mut ticker = tokio::time::interval(TICK);
    ticker.set_missed_tick_behavior(MissedTickBehavior::Delay);
    let mut dirty = true;
    let mut last_draw: Option<Instant> = None;
    let mut tasks_open = true;
    loop {
        let next_frame = last_draw.map_or_else(Instant::now, |t| t + frame_gap);
        if dirty && Instant::now() >= next_frame {
            terminal.draw(|frame| {
                crate::app::view(&mut model, frame);
                overlay(&model, frame);
            })?;
            last_draw = Some(Instant::now());
            dirty = false;
        }
        if model.should_quit {
            break;
        }
        // Biased: terminal input first, so keys stay responsive even when a poller floods the
        // channel; then task results; the tick last, since it only moves clocks and can wait.
        // A frame due later than now is drawn by the `sleep_until` branch.
        let msg = tokio::select! {
            biased;
            event = events.next() => match event {
                Some(msg) => msg,
                None => break,
            },
            msg = task_msgs.recv(), if tasks_open => match msg {
                Some(msg) => msg,
                None => {
                    tasks_open = false;
                    continue;
                }
            },
            _ = ticker.tick() => Msg::Tick(Utc::now()),
            _ = tokio::time::sleep_until(next_frame), if dirty => continue,
        };
        if let Msg::Resized(..) = msg {
            terminal.autoresize()?;
        }
        for command in update(&mut model, msg) {
            execute(command);
        }
        dirty = true;
    }
    Ok(model)
}

/// The real terminal's events as `Msg`s (keys, mouse clicks and wheel, resize; mouse moves are
/// dropped; read errors end the stream).
pub fn terminal_events() -> impl Stream<Item = Msg> {
    EventStream::new()
        .take_while(|event| {
            if let Err(e) = event {
                tracing::warn!("cannot read the terminal: {e}");
            }
            std::future::ready(event.is_ok())
        })
        .filter_map(|event| {
            std::future::ready(match event {
                Ok(Event::Key(key)) => Some(Msg::Key(key)),
                // Moving the mouse acts on nothing: it would only redraw the screen.
                Ok(Event::Mouse(mouse)) if mouse.kind == MouseEventKind::Moved => None,
                Ok(Event::Mouse(mouse)) => Some(Msg::Mouse(mouse)),
                Ok(Event::Resize(w, h)) => Some(Msg::Resized(w, h)),
                _ => None,
            })
        })
}
