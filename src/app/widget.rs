//! Widget mode (pure, like `update`): for an Oxlin client without a PSD2 agreement, banks are
//! added, renewed and answered in Oxlin's webviews in a browser, and coffre reads the result
//! through the API. With `Model::widget` set, [`steer`] turns what the API mode would do into the
//! widget's pages: the bank picker (after a login, `a` on the dashboard, a retry) becomes the
//! add-connection page; renewing or adding a channel from the dashboard (`r`) becomes the
//! edit-credentials or user-input page (the runner picks by the connection's state). When the API
//! answers that the user must accept Oxlin's terms ([`CallFailure::TermsNotAccepted`]), the terms
//! page opens, and the login resumes after it.
//!
//! Every page is a wait on the browser ([`RedirectWait`], the screen shared with the REDIRECT
//! channel of API mode): the URL (copyable with `y`), a QR code, a countdown, a field where the
//! address the browser ended on can be pasted (a phone, SSH), and Esc. Its keys and the runner's
//! answers ([`BrowserEvent`]) are handled here for both. A wait that ends by itself while the
//! user is typing an address into its paste field holds the keys until they pause
//! ([`holds_key`]), so the rest of the address never acts on the dashboard.

mod types;

use chrono::Duration as ChronoDuration;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::app::{Command, Model, Screen, Session, onboarding};
pub use crate::domain::WidgetPage;
use crate::domain::{CallFailure, ConnectionId};
use crate::screens::dashboard::Dashboard;
use crate::screens::redirect::{RedirectWait, WaitAction, WaitFor};
use crate::ui::widgets::status_line::Status;
pub use types::{BrowserCommand, BrowserEvent, WidgetDone};

/// Widget mode: the picker becomes the add-connection page, renewals the widget's pages. Called
/// by `update` on the commands of every message; in API mode it changes nothing.
pub fn steer(model: &mut Model, commands: Vec<Command>) -> Vec<Command> {
    if !model.widget {
        return commands;
    }
    let mut out = Vec::new();
    if matches!(&model.screen, Screen::ProviderPicker(p) if !p.asks_country()) {
        out.extend(open_page(
            model,
            WidgetPage::AddConnection,
            &rust_i18n::t!("widget.add_a_bank", locale = model.lang.code()),
        ));
    }
    for command in commands {
        match command {
            Command::LoadProviders => {}
            Command::RenewCredentials { connection } | Command::AddChannel { connection } => {
                let bank = bank_name(model, &connection);
                out.extend(open_page(model, WidgetPage::Renew(connection), &bank));
            }
            other => out.push(other),
        }
    }
    out
}

/// The API says the user must accept Oxlin's terms: their page opens (after a login that
/// stopped on it, the login resumes once they are accepted).
pub fn terms_required(model: &mut Model) -> Vec<Command> {
    if matches!(&model.screen, Screen::Redirect(w) if w.purpose == WaitFor::Widget(WidgetPage::Terms))
    {
        return Vec::new();
    }
    if let Session::LoggingIn { .. } = model.session {
        model.session = Session::LoggedOut;
    }
    open_page(
        model,
        WidgetPage::Terms,
        &rust_i18n::t!("widget.terms_title", locale = model.lang.code()),
    )
}

/// Whether `result` of the login `request` is the terms refusal of the login under way.
pub fn login_needs_terms(model: &Model, request: u64, result: &Result<(), CallFailure>) -> bool {
    matches!(model.session, Session::LoggingIn { request: r, .. } if r == request)
        && matches!(result, Err(CallFailure::TermsNotAccepted))
}

fn open_page(model: &mut Model, page: WidgetPage, title: &str) -> Vec<Command> {
    let request = model.next_id();
    model.status = None;
    model.screen = Screen::Redirect(RedirectWait::widget(title, request, page.clone()));
    vec![Command::Browser(BrowserCommand::OpenWidget {
        request,
        page,
    })]
}

fn bank_name(model: &Model, connection: &ConnectionId) -> String {
    match &model.screen {
        Screen::Dashboard(d) => d
            .connection_names()
            .find(|(id, _)| *id == connection)
            .map(|(_, name)| name.to_owned()),
        _ => None,
    }
    .unwrap_or_else(|| rust_i18n::t!("widget.your_bank", locale = model.lang.code()).into())
}

/// A key while waiting on the browser (the bank's website or an Oxlin page).
pub(crate) fn wait_key(model: &mut Model, key: KeyEvent) -> Vec<Command> {
    let Screen::Redirect(wait) = &mut model.screen else {
        return Vec::new();
    };
    let request = wait.request;
    match wait.on_key(key) {
        WaitAction::None => Vec::new(),
        WaitAction::Copy(text) => vec![Command::Browser(BrowserCommand::Copy { text })],
        WaitAction::Paste(address) => {
            vec![Command::Browser(BrowserCommand::Paste { request, address })]
        }
        WaitAction::Cancel if wait.purpose == WaitFor::BankWebsite => {
            onboarding::redirect_key(model, KeyEvent::from(KeyCode::Esc))
        }
        WaitAction::Cancel => {
            let mut cmds = vec![Command::CancelRedirect { request }];
            cmds.extend(to_dashboard(model, false));
            cmds
        }
    }
}

/// The runner's answer about a browser wait; answers to another request are stale and dropped.
pub fn handle_event(model: &mut Model, event: BrowserEvent) -> Vec<Command> {
    let now = model.now;
    let Screen::Redirect(wait) = &mut model.screen else {
        return Vec::new();
    };
    if wait.request != event.request() {
        return Vec::new();
    }
    match event {
        BrowserEvent::PageReady { url, wait_for, .. } => {
            wait.url = Some(url);
            wait.deadline = ChronoDuration::from_std(wait_for).ok().map(|d| now + d);
            Vec::new()
        }
        BrowserEvent::PasteRefused { reason, .. } => {
            let lang = model.lang;
            wait.note = Some(Err(crate::wording::page_failure::page_failure(
                &reason, lang,
            )));
            Vec::new()
        }
        BrowserEvent::Progress { step, .. } => {
            wait.step = Some(crate::screens::clean(&step));
            wait.pasting = false;
            Vec::new()
        }
        BrowserEvent::Finished { result: Err(e), .. } => {
            wait.error = Some(e);
            wait.pasting = false;
            Vec::new()
        }
        BrowserEvent::Finished {
            result: Ok(done), ..
        } => finished(model, done),
    }
}

/// How long the user must pause before keys count again, once a wait they were typing an
/// address into (the paste field) ended by itself (the loopback or Oxlin's status came first).
pub const HOLD: ChronoDuration = ChronoDuration::seconds(1);

/// Whether `key` is dropped: it belongs to an address the user was still typing when the wait
/// ended. Each dropped key extends the hold, so the whole address is dropped; Ctrl+C still
/// counts. The first key after a pause of [`HOLD`] acts normally.
pub(crate) fn holds_key(model: &mut Model, key: &KeyEvent) -> bool {
    let Some(until) = model.keys_held_until else {
        return false;
    };
    let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
    if model.now >= until || ctrl_c {
        model.keys_held_until = None;
        return false;
    }
    model.keys_held_until = Some(model.now + HOLD);
    true
}

/// A page ended well: the dashboard, with the new or renewed bank (or the login resumed).
fn finished(model: &mut Model, done: WidgetDone) -> Vec<Command> {
    if matches!(&model.screen, Screen::Redirect(w) if w.is_typing()) {
        model.keys_held_until = Some(model.now + HOLD);
    }
    let terms = matches!(&model.screen, Screen::Redirect(w) if w.purpose == WaitFor::Widget(WidgetPage::Terms));
    let text = if terms {
        model.session = Session::LoggedIn;
        rust_i18n::t!("widget.terms_accepted", locale = model.lang.code()).into_owned()
    } else {
        let bank = crate::screens::clean(&done.bank);
        match done.new_transactions {
            0 => rust_i18n::t!("widget.connected", locale = model.lang.code(), bank = bank)
                .into_owned(),
            1 => rust_i18n::t!(
                "widget.connected_one",
                locale = model.lang.code(),
                bank = bank
            )
            .into_owned(),
            n => rust_i18n::t!(
                "widget.connected_many",
                locale = model.lang.code(),
                bank = bank,
                n = n
            )
            .into_owned(),
        }
    };
    let cmds = to_dashboard(model, terms);
    model.status = Some(Status::Info(text));
    cmds
}

/// Back to the dashboard, read again from the store (and synced, after the terms).
fn to_dashboard(model: &mut Model, sync: bool) -> Vec<Command> {
    let mut dashboard = Dashboard::loading();
    dashboard.sync_when_loaded = sync;
    model.screen = Screen::Dashboard(Box::new(dashboard));
    model.status = None;
    vec![Command::LoadDashboard]
}

#[cfg(test)]
mod tests;
