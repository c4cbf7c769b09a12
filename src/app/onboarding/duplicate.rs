//! Adding a bank that is already connected with the same login (issue 10, reproduction 5):
//! the form says so before anything is created, and offers to refresh the existing connection
//! instead (Enter), or to connect it again anyway (Ctrl+N: two logins whose masks look alike).
//! The same bank with another login is allowed; the dashboard's headings then say which login
//! each is. What counts as the same login: `domain::KnownConnection::same_login`.
//!
//! The known connections are the dashboard's, taken when `a` left it
//! (`Onboarding::known`); a renewal (the form fixes an existing connection) is never checked.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::progress::register;
use crate::app::{Command, Model, Screen};
use crate::domain::{KnownConnection, SyncStep};
use crate::screens::dashboard::Dashboard;
use crate::ui::widgets::status_line::Status;

/// Checks a key on the credential form for a duplicate; `Some(commands)` when it dealt with
/// the key, `None` to let the form handle it.
pub(super) fn check(model: &mut Model, key: KeyEvent) -> Option<Vec<Command>> {
    let Screen::CredentialForm(form) = &mut model.screen else {
        return None;
    };
    if let Some(known) = form.duplicate.clone() {
        form.duplicate = None;
        form.error = None;
        return match key.code {
            KeyCode::Enter => Some(refresh_instead(model, known)),
            KeyCode::Char('n') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                form.duplicate_accepted = true;
                Some(super::form_key(
                    model,
                    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE),
                ))
            }
            _ => None,
        };
    }
    if model.onboarding.renewing.is_some() || form.duplicate_accepted || !form.would_submit(&key) {
        return None;
    }
    let login = form.login()?;
    let known = model
        .onboarding
        .known
        .iter()
        .find(|k| k.same_login(&form.provider.id, &login))?
        .clone();
    form.error = Some(format!(
        "{} is already connected with the login {}. Enter: refresh it instead · Ctrl+N: \
         connect it again anyway · Esc: back",
        known.bank,
        known.login.as_deref().unwrap_or("")
    ));
    form.duplicate = Some(known);
    Some(Vec::new())
}

/// Back to the dashboard, syncing the connection the user already has.
fn refresh_instead(model: &mut Model, known: KnownConnection) -> Vec<Command> {
    model.onboarding.renewing = None;
    model.screen = Screen::Dashboard(Box::new(Dashboard::loading()));
    let generation = register(model, &known.id, SyncStep::Starting);
    if let Some(row) = model.sync.row_mut(&known.id) {
        row.bank = known.bank.clone();
    }
    let text = rust_i18n::t!(
        "notice.already_connected",
        locale = model.lang.code(),
        bank = known.bank
    );
    model.status = Some(Status::Info(text.into()));
    vec![
        Command::LoadDashboard,
        Command::SyncNow {
            connection: known.id,
            generation,
        },
    ]
}
