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
use rust_i18n::t;

use crate::app::{Command, Model, Screen};
use crate::i18n::Lang;
use crate::ui::widgets::status_line::Status;

/// The question, as the status line shows it.
pub fn question(lang: Lang) -> String {
    t!("notice.quit_question", locale = lang.code()).into_owned()
}

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
        model.status = Some(Status::Info(question(model.lang)));
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
    let text = t!("notice.quit_cancelled", locale = model.lang.code());
    model.status = Some(Status::Info(text.into()));
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
    let asked = matches!(&model.status, Some(Status::Info(s)) if *s == question(model.lang));
    if now == *before && asked {
        return;
    }
    model.quit_confirm = false;
    let code = model.lang.code();
    let why = if now != *before {
        match &model.screen {
            _ if now.1 => t!("notice.quit_why_question", locale = code),
            Screen::Challenge(_) => t!("notice.quit_why_question", locale = code),
            Screen::Consent(_) => t!("notice.quit_why_consent", locale = code),
            Screen::Dashboard(_) => t!("notice.quit_why_dashboard", locale = code),
            _ => t!("notice.quit_why_screen", locale = code),
        }
        .into_owned()
    } else {
        match &model.status {
            Some(Status::Info(s) | Status::Error(s)) => s.clone(),
            None => t!("notice.quit_why_withdrawn", locale = code).into_owned(),
        }
    };
    let text = t!("notice.quit_cancelled_why", locale = code, why = why).into_owned();
    model.status = Some(match &model.status {
        Some(Status::Error(_)) => Status::Error(text),
        _ => Status::Info(text),
    });
}
