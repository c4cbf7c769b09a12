//! The model: everything the screen shows, as plain data. Built by [`Model::new`] and changed only
//! by `update`.

use chrono::{DateTime, Utc};

use crate::domain::{Channel, ConnectionId, Provider};
use crate::screens::challenge::ChallengeDialog;
use crate::screens::consent::ConsentChecklist;
use crate::screens::credential_form::CredentialForm;
use crate::screens::dashboard::Dashboard;
use crate::screens::login::LoginForm;
use crate::screens::provider_picker::ProviderPicker;
use crate::screens::redirect::RedirectWait;
use crate::screens::syncing::SyncBoard;
use crate::ui::format::NumberStyle;
use crate::ui::theme::Theme;
use crate::ui::widgets::status_line::Status;

/// The screen on display, with its state.
#[derive(Debug, Clone)]
pub enum Screen {
    /// Email and password.
    Login(LoginForm),
    /// Choose a bank (and a channel).
    ProviderPicker(ProviderPicker),
    /// The EMBEDDED channel's credential form.
    CredentialForm(CredentialForm),
    /// Waiting for the bank's website (REDIRECT).
    Redirect(RedirectWait),
    /// The bank asks a question.
    Challenge(ChallengeDialog),
    /// Choose the accounts to share.
    Consent(ConsentChecklist),
    /// Sync progress (the board lives in [`Model::sync`], shared with the other screens).
    Syncing,
    /// The dashboard: accounts and transactions from the store.
    Dashboard(Box<Dashboard>),
}

/// The whole state of the app.
#[derive(Debug, Clone)]
pub struct Model {
    /// The time of the last tick.
    pub now: DateTime<Utc>,
    /// The screen on display.
    pub screen: Screen,
    /// The message of the status line.
    pub status: Option<Status>,
    /// The `?` overlay is open.
    pub help_open: bool,
    /// "Quit while a sync runs?" is being asked.
    pub quit_confirm: bool,
    /// Running against the built-in sandbox (SANDBOX in the title bar).
    pub sandbox: bool,
    /// Colours.
    pub theme: Theme,
    /// How amounts are written.
    pub numbers: NumberStyle,
    /// The providers, once loaded (kept to come back to the picker without reloading).
    pub providers: Vec<Provider>,
    /// The bank and channel of the last credential form (to come back to it after AUTH_FAILED).
    pub last_form: Option<(Provider, Channel)>,
    /// The connection whose credentials the form or the redirect renews (`None`: a new bank).
    pub renewing: Option<ConnectionId>,
    /// A session is open (the runner holds a logged-in client).
    pub logged_in: bool,
    /// The login running behind the dashboard at startup (its request id).
    pub background_login: Option<u64>,
    /// Sync every connection as soon as the dashboard has loaded (logged in before it had).
    pub sync_when_loaded: bool,
    /// The dashboard waiting behind the login screen opened from it with `l`.
    pub parked_dashboard: Option<Box<Dashboard>>,
    /// The user's email, when known (pre-fills the login screen).
    pub email: Option<String>,
    /// Every connection's sync progress.
    pub sync: SyncBoard,
    /// The app should stop.
    pub should_quit: bool,
    next_id: u64,
}

impl Model {
    /// A model on the login screen; `demo_user` pre-fills it (sandbox).
    pub fn new(now: DateTime<Utc>, sandbox: bool, demo_user: Option<(&str, &str)>) -> Self {
        let (email, password) = demo_user.unwrap_or(("", ""));
        Model {
            now,
            screen: Screen::Login(LoginForm::new(email, password)),
            status: None,
            help_open: false,
            quit_confirm: false,
            sandbox,
            theme: Theme::dark(),
            numbers: NumberStyle::French,
            providers: Vec::new(),
            last_form: None,
            renewing: None,
            logged_in: false,
            background_login: None,
            parked_dashboard: None,
            sync_when_loaded: false,
            email: demo_user
                .map(|(e, _)| e.to_owned())
                .filter(|e| !e.is_empty()),
            sync: SyncBoard::default(),
            should_quit: false,
            next_id: 0,
        }
    }

    /// A fresh id for a request or a poller generation.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}
