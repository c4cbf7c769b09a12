//! Quitting (pure, like `update`). With no sync running, `q` (or Ctrl+C) quits at once. While a
//! sync runs the screen asks "Quit anyway? (y/n)" in the status line, and that question belongs
//! to the screen that asked:
//!
//! - only `y` (or Ctrl+C again) quits; `n` or Esc stays. Enter does not confirm: it is the key
//!   most often meant for something else (a bank's "OK, send the SMS");
//! - any other key cancels the question and goes on to the screen (never swallowed);
//! - when another screen takes over (the bank asks a question, a sync ends on the dashboard) or
//!   another message replaces the question in the status line, the question is cancelled and
//!   the status line says so ("Quit cancelled: the bank asks a question"). So the question is
//!   armed exactly while its words are on display.

use std::mem::{Discriminant, discriminant};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Command, Model, Screen};
use crate::ui::widgets::status_line::Status;

/// The question, as the status line shows it.
pub const QUESTION: &str = "A sync is running. Quit anyway? (y/n)";

/// What is on display: the screen, and whether a bank question covers it.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Scene(Discriminant<Screen>, bool);

/// The scene on display now.
pub(super) fn scene(model: &Model) -> Scene {
    Scene(
        discriminant(&model.screen),
        model.questions.open().is_some(),
    )
}

/// `q` or Ctrl+C: quits, or asks first while a sync runs.
pub(super) fn ask(model: &mut Model) -> Vec<Command> {
    if model.sync.any_running() {
        model.quit_confirm = true;
        model.status = Some(Status::Info(QUESTION.into()));
        return Vec::new();
    }
    quit(model)
}

fn quit(model: &mut Model) -> Vec<Command> {
    model.should_quit = true;
    vec![Command::Quit]
}

/// A key while the question is asked: `Some` when the question took it; `None` when the key
/// cancelled the question and goes on to the screen.
pub(super) fn key(model: &mut Model, key: KeyEvent) -> Option<Vec<Command>> {
    model.quit_confirm = false;
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if key.code == KeyCode::Char('y') || ctrl_c {
        return Some(quit(model));
    }
    model.status = Some(Status::Info("Quit cancelled.".into()));
    match key.code {
        KeyCode::Char('n') | KeyCode::Esc => Some(Vec::new()),
        _ => None,
    }
}

/// After each message: the question holds only while its screen and its words are on display;
/// otherwise it is cancelled, and the status line says why.
pub(super) fn keep_with_its_screen(model: &mut Model, before: &Scene) {
    if !model.quit_confirm {
        return;
    }
    let now = scene(model);
    let asked = matches!(&model.status, Some(Status::Info(s)) if s == QUESTION);
    if now == *before && asked {
        return;
    }
    model.quit_confirm = false;
    let why = if now != *before {
        match &model.screen {
            _ if now.1 => "the bank asks a question".to_string(),
            Screen::Challenge(_) => "the bank asks a question".to_string(),
            Screen::Consent(_) => "the bank asks which accounts to share".to_string(),
            Screen::Dashboard(_) => "back on the dashboard".to_string(),
            _ => "the screen changed".to_string(),
        }
    } else {
        match &model.status {
            Some(Status::Info(s) | Status::Error(s)) => s.clone(),
            None => "the question was withdrawn".to_string(),
        }
    };
    let text = format!("Quit cancelled: {why}");
    model.status = Some(match &model.status {
        Some(Status::Error(_)) => Status::Error(text),
        _ => Status::Info(text),
    });
}
