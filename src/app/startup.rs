//! How the app starts, decided before the first frame (pure, like `update`):
//!
//! - the store holds data: the first screen is the dashboard, read from the store (no network
//!   needed); the user is then logged in in the background, with the saved session (the
//!   refresh token stored after the last login or sync, real hosts only) or with the password
//!   when coffre has it (sandbox demo user, `COFFRE_OXLIN_PASSWORD`, `password_command`), and
//!   every connection is synced, one by one on the sync board; without either the login screen
//!   is one key away (`l`);
//! - the store is empty: the onboarding, from the login screen, as before.
//!
//! When the background login answers: success syncs every connection; "unreachable" leaves the
//! dashboard on the store with an OFFLINE badge and says what to do in the status line; a
//! refused saved session opens the login screen saying so (the dashboard waits behind it).
//!
//! Docs gap (ours): a refused refresh token does not fall back to a known password here (as
//! `coffre sync` does): the person is at the keyboard, so the login screen asks.

use secrecy::SecretString;

use crate::app::{Command, Model, Screen};
use crate::domain::CallFailure;
use crate::screens::dashboard::Dashboard;
use crate::screens::login::LoginForm;
use crate::ui::widgets::status_line::Status;

/// The status line while the banks refresh after a login (replaced once they are done).
pub const REFRESHING: &str = "Logged in: refreshing every bank…";

/// How to log in without asking.
#[derive(Debug, Clone)]
pub enum AutoLogin {
    /// The email and the password.
    Password(String, SecretString),
    /// The saved session's refresh token.
    RefreshToken(SecretString),
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
        Some(login) => {
            let request = model.next_id();
            model.background_login = Some(request);
            model.status = Some(Status::Info("Logging in to refresh your banks…".into()));
            cmds.push(match login {
                AutoLogin::Password(email, password) => Command::LogIn {
                    request,
                    email,
                    password,
                },
                AutoLogin::RefreshToken(token) => Command::Resume { request, token },
            });
        }
        None => {
            model.status = Some(Status::Info(
                "Showing the store. Press l to log in and refresh.".into(),
            ));
        }
    }
    cmds
}

/// The answer to a background login: sync every connection, or say why not.
pub(crate) fn background_login_answered(
    model: &mut Model,
    result: Result<(), CallFailure>,
) -> Vec<Command> {
    model.background_login = None;
    match result {
        Ok(()) => {
            model.logged_in = true;
            if let Screen::Dashboard(d) = &mut model.screen {
                d.offline = false;
            }
            model.status = Some(Status::Info(REFRESHING.into()));
            crate::app::update::sync_every_connection(model)
        }
        Err(CallFailure::Unreachable) => {
            if let Screen::Dashboard(d) = &mut model.screen {
                d.offline = true;
            }
            model.status = Some(Status::Error(
                "Offline: showing the store. Check the network, then press l to log in again."
                    .into(),
            ));
            Vec::new()
        }
        Err(CallFailure::SessionExpired) => {
            open_login(model);
            if let Screen::Login(form) = &mut model.screen {
                form.error = Some(CallFailure::SessionExpired);
            }
            Vec::new()
        }
        Err(e) => {
            model.status = Some(Status::Error(format!(
                "Login failed: {} Press l to log in.",
                crate::wording::failures::call_failure(&e)
            )));
            Vec::new()
        }
    }
}

/// `l` on the dashboard: the login screen (pre-filled with the known email); the dashboard
/// waits behind it and comes back on Esc or once logged in.
pub(crate) fn open_login(model: &mut Model) -> Vec<Command> {
    let email = model.email.clone().unwrap_or_default();
    let login = Screen::Login(LoginForm::new(&email, ""));
    if let Screen::Dashboard(d) = std::mem::replace(&mut model.screen, login) {
        model.parked_dashboard = Some(d);
    }
    model.status = None;
    Vec::new()
}

/// Back to the dashboard parked behind the login screen; `sync` refreshes every bank.
pub(crate) fn unpark_dashboard(model: &mut Model, sync: bool) -> Option<Vec<Command>> {
    let d = model.parked_dashboard.take()?;
    model.screen = Screen::Dashboard(d);
    if !sync {
        return Some(Vec::new());
    }
    if let Screen::Dashboard(d) = &mut model.screen {
        d.offline = false;
    }
    model.status = Some(Status::Info(REFRESHING.into()));
    Some(crate::app::update::sync_every_connection(model))
}
