//! `update(&mut Model, Msg) -> Vec<Command>`: what each fact means. Pure: no IO, no clock.
//! Global keys first (`?` help, Ctrl+C quit, `q` quit on screens without text input), then the
//! screen's own keys (Esc back among them), one function per screen in the module of its
//! concern ([`session`], [`onboarding`], [`progress`], [`dashboard`]); API results are
//! dispatched the same way by [`api`].
//!
//! Docs gap (ours): letters type into fields, so `q` quits only on the screens without a text
//! field (syncing, consent, accounts); Ctrl+C quits everywhere. Both ask first while a sync runs,
//! and that question belongs to the screen that asked ([`quit`]).
//!
//! Modal state never outlives its screen: after every message, a quit question whose screen
//! was taken over is cancelled ([`quit`]), and bank questions whose sync ended are dropped
//! ([`questions`]). A bank question that arrives in the background is announced, not thrown
//! under the user's fingers ([`questions`]).

mod api;
mod consent;
mod dashboard;
pub mod questions;
mod quit;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{ApiEvent, Command, Model, Msg, Screen, onboarding, progress, session, widget};
use crate::domain::CallFailure;

/// Applies one message to the model and returns the commands it asks for.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Command> {
    let before = quit::scene(model);
    let mut commands = dispatch(model, msg);
    commands.extend(dashboard::tx_reads(model));
    let commands = widget::steer(model, commands);
    questions::prune(model);
    quit::keep_with_its_screen(model, &before);
    commands
}

fn dispatch(model: &mut Model, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Tick(now) => {
            model.now = now;
            questions::tick(model);
            progress::deadline::deadlines_passed(model)
        }
        // The screen under an open bank question does not take the mouse.
        Msg::Mouse(_) if model.questions.open().is_some() => Vec::new(),
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
        Msg::Api(ApiEvent::ChallengeReceived {
            connection,
            channel,
            generation,
            challenge,
        }) => questions::received(model, connection, channel, generation, challenge),
        Msg::Api(ApiEvent::LoggedIn { request, result })
            if widget::login_needs_terms(model, request, &result) =>
        {
            widget::terms_required(model)
        }
        Msg::Api(ApiEvent::Failed {
            error: CallFailure::TermsNotAccepted,
            ..
        }) => widget::terms_required(model),
        Msg::Api(event) => api::handle_api(model, event),
        Msg::Browser(event) => widget::handle_event(model, event),
    }
}

fn handle_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    if widget::holds_key(model, &key) {
        return Vec::new();
    }
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if model.quit_confirm
        && let Some(cmds) = quit::key(model, key)
    {
        return cmds;
    }
    if model.help_open {
        model.help_open = !matches!(key.code, KeyCode::Char('?') | KeyCode::Esc | KeyCode::F(1));
        return Vec::new();
    }
    let typing = is_typing(model);
    let plain = !key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        _ if ctrl_c => return quit::ask(model),
        KeyCode::Char('q') if plain && !typing => return quit::ask(model),
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
    if let Some(cmds) = questions::key(model, key) {
        return cmds;
    }
    handle_screen_key(model, key)
}

/// A text field has the focus: letters type (so `q` and `?` are text; help is F1, quit Ctrl+C).
pub fn is_typing(model: &Model) -> bool {
    model.questions.open().is_some()
        || matches!(
            model.screen,
            Screen::Login(_)
                | Screen::ProviderPicker(_)
                | Screen::CredentialForm(_)
                | Screen::Challenge(_)
        )
        || matches!(&model.screen, Screen::Dashboard(d) if d.is_typing())
        || matches!(&model.screen, Screen::Redirect(w) if w.is_typing())
}

/// The screen's own keys, handed to the module of the screen's concern.
fn handle_screen_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    match &model.screen {
        Screen::Login(_) => session::login_key(model, key),
        Screen::ProviderPicker(_) => onboarding::picker_key(model, key),
        Screen::CredentialForm(_) => onboarding::form_key(model, key),
        Screen::Redirect(_) => widget::wait_key(model, key),
        Screen::Challenge(_) => progress::challenge_key(model, key),
        Screen::Consent(_) if key.code == KeyCode::Esc => consent::leave(model),
        Screen::Consent(_) => progress::consent_key(model, key),
        Screen::Syncing => progress::syncing_key(model, key),
        Screen::Dashboard(_) => dashboard::dashboard_key(model, key),
    }
}
