//! The user's session, and every decision about it (pure, like `update`): how the app starts,
//! the login screen's submit and Esc, the answer to a login, and `l` on the dashboard.
//!
//! How the app starts, decided before the first frame ([`start`]):
//!
//! - the store holds data: the first screen is the dashboard, read from the store (no network
//!   needed); the user is then logged in in the background, with the saved session (the
//!   refresh token stored after the last login or sync, by the TUI or `coffre sync`, real hosts
//!   only) or with the password when coffre has it (sandbox demo user, `COFFRE_OXLIN_PASSWORD`,
//!   `password_command`), and every connection is synced, one by one on the sync board; without
//!   either the login screen is one key away (`l`);
//! - the store is empty: the onboarding, from the login screen, as before;
//! - the saved session is in the OS keyring and this process cannot reach it (started over
//!   SSH, no session bus): the dashboard, read from the store, OFFLINE, and the status line
//!   says where the session is and what to do ([`keyring_out_of_reach`]); `l` still opens the
//!   login screen. (Before, coffre stopped with the keyring's error.)
//!
//! When the background login answers: success syncs every connection; "unreachable" leaves the
//! dashboard on the store with an OFFLINE badge and says what to do in the status line; a
//! refused saved session opens the login screen saying so (the dashboard waits behind it).
//!
//! Docs gap (ours): a refused refresh token does not fall back to a known password here (as
//! `coffre sync` does): the person is at the keyboard, so the login screen asks. An answer to a
//! login that is no longer awaited (the user left the login screen, or started another login)
//! is dropped.

use crossterm::event::{KeyCode, KeyEvent};
use rust_i18n::t;
use secrecy::SecretString;

use crate::app::model::LoginScreen;
use crate::app::{Command, Model, Screen, onboarding, progress};
use crate::domain::CallFailure;
use crate::i18n::Lang;
use crate::screens::dashboard::Dashboard;
use crate::screens::login::{LoginAction, LoginForm};
use crate::ui::widgets::status_line::Status;

/// The status line while the banks refresh after a login (replaced once they are done).
pub fn refreshing(lang: Lang) -> String {
    t!("notice.refreshing", locale = lang.code()).into_owned()
}

/// Where the user's session with the aggregator stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Session {
    /// Nobody is logged in (no saved session, a refused one, or a failed login).
    LoggedOut,
    /// A login (password or saved session) is under way.
    LoggingIn {
        /// The request whose answer is awaited; any other is stale.
        request: u64,
        /// Started at launch behind the dashboard (else from the login screen).
        in_background: bool,
    },
    /// The task runner holds a logged-in client.
    LoggedIn,
    /// The background login could not reach the server: the dashboard shows the store.
    Offline,
}

impl Session {
    /// A session is open (the runner holds a logged-in client).
    pub fn is_logged_in(&self) -> bool {
        *self == Session::LoggedIn
    }
}

/// How to log in without asking.
#[derive(Debug, Clone)]
pub enum AutoLogin {
    /// The email and the password.
    Password(String, SecretString),
    /// The saved session's refresh token.
    RefreshToken(SecretString),
    /// No login: the saved session lives in the OS keyring, which this process cannot reach
    /// (no session bus, e.g. over SSH), for this reason. The store is shown, offline.
    KeyringOutOfReach(String),
}

/// The status line when the saved session is in a keyring out of reach: where it is, and the
/// two ways out.
pub fn keyring_out_of_reach(lang: Lang) -> String {
    t!("notice.keyring_out_of_reach", locale = lang.code()).into_owned()
}

/// What the app knows before its first frame.
#[derive(Debug, Clone)]
pub struct Startup {
    /// The local store holds at least one connection or account.
    pub store_has_data: bool,
    /// Log the user in without asking, when coffre can.
    pub auto_login: Option<AutoLogin>,
}

/// Sets the first screen and returns the commands to run before the first key.
pub fn start(model: &mut Model, startup: Startup) -> Vec<Command> {
    if !startup.store_has_data {
        return Vec::new();
    }
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let mut cmds = vec![Command::LoadDashboard];
    match startup.auto_login {
        Some(AutoLogin::Password(email, password)) => {
            cmds.push(background_login(model, |request| Command::LogIn {
                request,
                email,
                password,
            }))
        }
        Some(AutoLogin::RefreshToken(token)) => cmds.push(background_login(model, |request| {
            Command::Resume { request, token }
        })),
        Some(AutoLogin::KeyringOutOfReach(_)) => {
            // Read-only: nothing is asked of the server, the keyring's session is left as is.
            model.session = Session::Offline;
            if let Screen::Dashboard(d) = &mut model.screen {
                d.offline = true;
            }
            model.status = Some(Status::Error(keyring_out_of_reach(model.lang)));
        }
        None => {
            let text = t!("notice.showing_store", locale = model.lang.code());
            model.status = Some(Status::Info(text.into()));
        }
    }
    cmds
}

/// Starts the background login made by `command` (given its request id), behind the dashboard.
fn background_login(model: &mut Model, command: impl FnOnce(u64) -> Command) -> Command {
    let request = model.next_id();
    model.session = Session::LoggingIn {
        request,
        in_background: true,
    };
    let text = t!("notice.logging_in_background", locale = model.lang.code());
    model.status = Some(Status::Info(text.into()));
    command(request)
}

/// A key on the login screen: Esc back to the dashboard behind it, Enter submits.
pub(crate) fn login_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Login(login) = &mut model.screen else {
        return Vec::new();
    };
    if key.code == KeyCode::Esc && login.behind.is_some() {
        return back_to_dashboard(model, false);
    }
    match login.form.on_key(key) {
        LoginAction::None => Vec::new(),
        LoginAction::Submit { email, password } => {
            let request = model.next_id();
            if let Screen::Login(login) = &mut model.screen {
                login.form.pending = Some(request);
            }
            model.session = Session::LoggingIn {
                request,
                in_background: false,
            };
            vec![Command::LogIn {
                request,
                email,
                password,
            }]
        }
    }
}

/// The answer to the login `request`: the background one or the login screen's.
pub(crate) fn logged_in(
    model: &mut Model,
    request: u64,
    result: Result<(), CallFailure>,
) -> Vec<Command> {
    match model.session {
        Session::LoggingIn {
            request: awaited,
            in_background: true,
        } if awaited == request => background_login_answered(model, result),
        Session::LoggingIn {
            request: awaited,
            in_background: false,
        } if awaited == request => login_screen_answered(model, request, result),
        _ => Vec::new(),
    }
}

/// The login screen's answer: back to the dashboard (or on to the bank picker), or the error.
fn login_screen_answered(
    model: &mut Model,
    request: u64,
    result: Result<(), CallFailure>,
) -> Vec<Command> {
    let Screen::Login(login) = &mut model.screen else {
        return Vec::new();
    };
    if login.form.pending != Some(request) {
        return Vec::new();
    }
    login.form.pending = None;
    match result {
        Ok(()) => {
            model.session = Session::LoggedIn;
            if login.behind.is_some() {
                back_to_dashboard(model, true)
            } else {
                onboarding::back_to_picker(model)
            }
        }
        Err(e) => {
            login.form.error = Some(e);
            model.session = Session::LoggedOut;
            Vec::new()
        }
    }
}

/// The answer to the background login: sync every connection, or say why not.
fn background_login_answered(model: &mut Model, result: Result<(), CallFailure>) -> Vec<Command> {
    match result {
        Ok(()) => {
            model.session = Session::LoggedIn;
            if let Screen::Dashboard(d) = &mut model.screen {
                d.offline = false;
            }
            model.status = Some(Status::Info(refreshing(model.lang)));
            progress::sync_every_connection(model)
        }
        Err(CallFailure::Unreachable) => {
            model.session = Session::Offline;
            if let Screen::Dashboard(d) = &mut model.screen {
                d.offline = true;
            }
            let text = t!("notice.offline_showing_store", locale = model.lang.code());
            model.status = Some(Status::Error(text.into()));
            Vec::new()
        }
        Err(CallFailure::SessionExpired) => {
            model.session = Session::LoggedOut;
            open_login(model);
            if let Screen::Login(login) = &mut model.screen {
                login.form.error = Some(CallFailure::SessionExpired);
            }
            Vec::new()
        }
        Err(e) => {
            model.session = Session::LoggedOut;
            let why = crate::wording::failures::call_failure(&e, model.lang);
            let text = t!("notice.login_failed", locale = model.lang.code(), why = why);
            model.status = Some(Status::Error(text.into()));
            Vec::new()
        }
    }
}

/// `l` on the dashboard: the login screen (pre-filled with the known email); the dashboard
/// waits behind it and comes back on Esc or once logged in.
pub(crate) fn open_login(model: &mut Model) -> Vec<Command> {
    let email = model.email.clone().unwrap_or_default();
    let form = LoginForm::new(&email, "");
    let placeholder = Screen::Syncing;
    let behind = match std::mem::replace(&mut model.screen, placeholder) {
        Screen::Dashboard(d) => Some(d),
        Screen::Login(login) => login.behind,
        _ => None,
    };
    model.screen = Screen::Login(LoginScreen { form, behind });
    model.status = None;
    Vec::new()
}

/// Back to the dashboard waiting behind the login screen; `sync` refreshes every bank. Leaving
/// the screen drops its login under way (its answer will be stale).
fn back_to_dashboard(model: &mut Model, sync: bool) -> Vec<Command> {
    let Screen::Login(login) = &mut model.screen else {
        return Vec::new();
    };
    let Some(mut dashboard) = login.behind.take() else {
        return Vec::new();
    };
    if matches!(
        model.session,
        Session::LoggingIn {
            in_background: false,
            ..
        }
    ) {
        model.session = Session::LoggedOut;
    }
    if !sync {
        model.screen = Screen::Dashboard(dashboard);
        return Vec::new();
    }
    dashboard.offline = false;
    model.screen = Screen::Dashboard(dashboard);
    model.status = Some(Status::Info(refreshing(model.lang)));
    progress::sync_every_connection(model)
}
