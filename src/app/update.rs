//! `update(&mut Model, Msg) -> Vec<Command>`: what each fact means. Pure: no IO, no clock.
//! Global keys first (`?` help, Ctrl+C quit, `q` quit on screens without text input, `Esc`
//! back), then the screen's own keys; API results are in [`api`].
//!
//! Docs gap (ours): letters type into fields, so `q` quits only on the screens without a text
//! field (syncing, consent, accounts); Ctrl+C quits everywhere. Both ask first while a sync runs.

mod api;
mod dashboard;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::app::{Command, Model, Msg, Screen};
use crate::domain::ChannelMode;
use crate::screens::challenge::ChallengeAction;
use crate::screens::consent::ConsentAction;
use crate::screens::credential_form::{CredentialForm, FormAction};
use crate::screens::dashboard::Dashboard;
use crate::screens::login::LoginAction;
use crate::screens::provider_picker::{PickerAction, ProviderPicker};
use crate::screens::redirect::RedirectWait;
use crate::ui::widgets::status_line::Status;
use dashboard::dashboard_action;
pub(crate) use dashboard::sync_all as sync_every_connection;

/// Applies one message to the model and returns the commands it asks for.
pub fn update(model: &mut Model, msg: Msg) -> Vec<Command> {
    match msg {
        Msg::Tick(now) => {
            model.now = now;
            Vec::new()
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

fn handle_screen_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let esc = key.code == KeyCode::Esc;
    match &mut model.screen {
        Screen::Login(_) if esc && model.parked_dashboard.is_some() => {
            crate::app::startup::unpark_dashboard(model, false).unwrap_or_default()
        }
        Screen::Login(form) => match form.on_key(key) {
            LoginAction::None => Vec::new(),
            LoginAction::Submit { email, password } => {
                let request = model.next_id();
                if let Screen::Login(form) = &mut model.screen {
                    form.pending = Some(request);
                }
                vec![Command::LogIn {
                    request,
                    email,
                    password,
                }]
            }
        },
        Screen::ProviderPicker(picker) if esc && !picker.is_choosing() => {
            // Back to the dashboard (it says "press a" when there is no bank yet).
            model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
            vec![Command::LoadDashboard]
        }
        Screen::ProviderPicker(picker) => match picker.on_key(key) {
            PickerAction::None => Vec::new(),
            PickerAction::Pick(provider, channel) => open_channel(model, provider, channel),
        },
        Screen::CredentialForm(_) if esc => back_to_picker(model),
        Screen::CredentialForm(form) => match form.on_key(key) {
            FormAction::None => Vec::new(),
            FormAction::Refused(why) => {
                model.status = Some(Status::Error(format!("Not sent — {why}.")));
                Vec::new()
            }
            FormAction::Submit(values) => {
                let (provider, channel) = (form.provider.id.clone(), form.channel.id.clone());
                let request = model.next_id();
                if let Screen::CredentialForm(form) = &mut model.screen {
                    form.pending = Some(request);
                }
                model.status = None;
                vec![Command::SubmitCredentials {
                    request,
                    provider,
                    channel,
                    values,
                    renew: model.renewing.clone(),
                }]
            }
        },
        Screen::Redirect(wait) if esc => {
            let request = wait.request;
            let mut cmds = back_to_picker(model);
            cmds.insert(0, Command::CancelRedirect { request });
            cmds
        }
        Screen::Redirect(_) => Vec::new(),
        Screen::Challenge(dialog) => {
            let (connection, channel) = (dialog.connection.clone(), dialog.channel.clone());
            match dialog.on_key(key) {
                ChallengeAction::None => Vec::new(),
                ChallengeAction::Answer(answers) => {
                    model.screen = Screen::Syncing;
                    vec![Command::AnswerChallenge {
                        connection,
                        channel,
                        answers,
                    }]
                }
                ChallengeAction::Dismiss => {
                    model.screen = Screen::Syncing;
                    model.status = Some(Status::Info(
                        "Not answered: the bank will stop waiting after its timeout.".into(),
                    ));
                    Vec::new()
                }
            }
        }
        Screen::Consent(list) => {
            let (connection, channel) = (list.connection.clone(), list.channel.clone());
            match list.on_key(key) {
                ConsentAction::None => Vec::new(),
                ConsentAction::Send { accepted, refused } => {
                    let text = match refused.len() {
                        0 => format!("{} accounts shared.", accepted.len()),
                        n => format!(
                            "{} accounts shared; {n} refused (deleted from Oxlin).",
                            accepted.len()
                        ),
                    };
                    model.status = Some(Status::Info(text));
                    model.screen = Screen::Syncing;
                    vec![Command::SendConsents {
                        connection,
                        channel,
                        accepted,
                        refused,
                    }]
                }
            }
        }
        Screen::Syncing if key.code == KeyCode::Enter => retry_after_failure(model),
        Screen::Syncing if esc => {
            // The pollers keep running: the dashboard shows their progress per bank.
            model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
            vec![Command::LoadDashboard]
        }
        Screen::Syncing => Vec::new(),
        Screen::Dashboard(dashboard) => {
            let typing = dashboard.is_typing();
            let action = dashboard.on_key(key);
            // `l` (unused by the dashboard; the export prompt's `l` returns an action): log in.
            if key.code == KeyCode::Char('l')
                && !typing
                && !model.logged_in
                && action == crate::screens::dashboard::DashboardAction::None
            {
                return crate::app::startup::open_login(model);
            }
            dashboard_action(model, action)
        }
    }
}

/// Opens the form (EMBEDDED) or starts the redirect (REDIRECT) for the chosen channel.
pub(crate) fn open_channel(
    model: &mut Model,
    provider: crate::domain::Provider,
    channel: crate::domain::Channel,
) -> Vec<Command> {
    model.status = None;
    match channel.mode {
        ChannelMode::Embedded => {
            model.last_form = Some((provider.clone(), channel.clone()));
            model.screen = Screen::CredentialForm(CredentialForm::new(provider, channel));
            Vec::new()
        }
        ChannelMode::Redirect => {
            let request = model.next_id();
            let (p, c) = (provider.id.clone(), channel.id.clone());
            model.screen = Screen::Redirect(RedirectWait {
                bank: provider.name,
                request,
                url: None,
                error: None,
            });
            vec![Command::StartRedirect {
                request,
                provider: p,
                channel: c,
                renew: model.renewing.clone(),
            }]
        }
    }
}

/// Back to the picker, reusing the loaded catalogue (loading it when there is none).
pub(crate) fn back_to_picker(model: &mut Model) -> Vec<Command> {
    model.renewing = None;
    let mut picker = ProviderPicker::loading();
    if model.providers.is_empty() {
        model.screen = Screen::ProviderPicker(picker);
        return vec![Command::LoadProviders];
    }
    picker.set_providers(model.providers.clone());
    model.screen = Screen::ProviderPicker(picker);
    Vec::new()
}

/// Enter on the sync screen after a failure: back to the form, or to the picker.
fn retry_after_failure(model: &mut Model) -> Vec<Command> {
    use crate::domain::SyncStep;
    let failed = model.sync.rows.iter().find_map(|r| match &r.step {
        SyncStep::Failed(f) => Some(f.clone()),
        _ => None,
    });
    let Some(failure) = failed else {
        return Vec::new();
    };
    model
        .sync
        .rows
        .retain(|r| !matches!(r.step, SyncStep::Failed(_)));
    match (&model.last_form, crate::domain::retry_from_form(&failure)) {
        (Some((p, c)), true) => {
            model.screen = Screen::CredentialForm(CredentialForm::new(p.clone(), c.clone()));
            Vec::new()
        }
        _ => back_to_picker(model),
    }
}
