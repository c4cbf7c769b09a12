//! `update(&mut Model, Msg) -> Vec<Command>`: what each fact means. Pure: no IO, no clock.
//! Global keys first (`?` help, Ctrl+C quit, `q` quit on screens without text input), then the
//! screen's own keys (Esc back among them), one function per screen in the module of its
//! concern ([`session`], [`onboarding`], [`progress`], [`dashboard`]); API results are
//! dispatched the same way by [`api`].
//!
//! Docs gap (ours): letters type into fields, so `q` quits only on the screens without a text
//! field (syncing, consent, accounts); Ctrl+C quits everywhere. Both ask first while a sync runs.

mod api;
mod dashboard;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Command, Model, Msg, Screen, onboarding, progress, session};
use crate::ui::widgets::status_line::Status;

/// Applies one message to the model and returns the commands it asks for.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Tick(now) => {
            model.now = now;
            progress::deadline::deadlines_passed(model)
        }
        Msg::Mouse(event) => {
            match &mut model.screen {
                Screen::Dashboard(d) => d.on_mouse(event),
                Screen::ProviderPicker(p) => p.on_mouse(event),
                Screen::Consent(c) => c.on_mouse(event),
                _ => {}
            }
            Vec::new()
        }
        Msg::Resized(..) => Vec::new(),
        Msg::Key(key) if key.kind == KeyEventKind::Release => Vec::new(),
        Msg::Key(key) => handle_key(model, key),
        Msg::Api(event) => api::handle_api(model, event),
    }
}

fn handle_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if model.quit_confirm {
        model.quit_confirm = false;
        if matches!(key.code, KeyCode::Char('y') | KeyCode::Enter) || ctrl_c {
            return quit(model);
        }
        model.status = None;
        return Vec::new();
    }
    if model.help_open {
        model.help_open = !matches!(key.code, KeyCode::Char('?') | KeyCode::Esc | KeyCode::F(1));
        return Vec::new();
    }
    let typing = is_typing(model);
    let plain = !key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        _ if ctrl_c => return ask_quit(model),
        KeyCode::Char('q') if plain && !typing => return ask_quit(model),
        KeyCode::Char('?') if !typing || key.modifiers.contains(KeyModifiers::ALT) => {
            model.help_open = true;
            return Vec::new();
        }
        KeyCode::F(1) => {
            model.help_open = true;
            return Vec::new();
        }
        _ => {}
    }
    handle_screen_key(model, key)
}

/// A text field has the focus: letters type (so `q` and `?` are text; help is F1, quit Ctrl+C).
pub fn is_typing(model: &Model) -> bool {
    matches!(
        model.screen,
        Screen::Login(_)
            | Screen::ProviderPicker(_)
            | Screen::CredentialForm(_)
            | Screen::Challenge(_)
    ) || matches!(&model.screen, Screen::Dashboard(d) if d.is_typing())
}

fn ask_quit(model: &mut Model) -> Vec<Command> {
    if model.sync.any_running() {
        model.quit_confirm = true;
        model.status = Some(Status::Info("A sync is running. Quit anyway? (y/n)".into()));
        return Vec::new();
    }
    quit(model)
}

fn quit(model: &mut Model) -> Vec<Command> {
    model.should_quit = true;
    vec![Command::Quit]
}

/// The screen's own keys, handed to the module of the screen's concern.
fn handle_screen_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    match &model.screen {
        Screen::Login(_) => session::login_key(model, key),
        Screen::ProviderPicker(_) => onboarding::picker_key(model, key),
        Screen::CredentialForm(_) => onboarding::form_key(model, key),
        Screen::Redirect(_) => onboarding::redirect_key(model, key),
        Screen::Challenge(_) => progress::challenge_key(model, key),
        Screen::Consent(_) => progress::consent_key(model, key),
        Screen::Syncing => progress::syncing_key(model, key),
        Screen::Dashboard(_) => dashboard::dashboard_key(model, key),
    }
}
