//! The model: everything the screen shows, as plain data. Built by [`Model::new`] and changed only
//! by `update`.
//!
//! Each fact lives in one place, so no two can contradict each other: the login state is one
//! [`Session`]; the dashboard waiting behind the login screen is part of that screen
//! ([`LoginScreen`]); "sync once loaded" belongs to the loading dashboard; which bank and channel
//! the last form was for, and which connection it renews, is the [`Onboarding`] context.

use chrono::{DateTime, Utc};

use crate::app::session::Session;
use crate::app::update::questions::Questions;
use crate::domain::{Channel, Provider};
use crate::i18n::Lang;
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
    /// Email and password (with the dashboard waiting behind, when opened from it).
    Login(LoginScreen),
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

/// The login screen: its form, and the dashboard it was opened from (`l`), which comes back on
/// Esc or once logged in.
#[derive(Debug, Clone)]
pub struct LoginScreen {
    /// Email and password.
    pub form: LoginForm,
    /// The dashboard waiting behind the login screen (`None`: opened at the first start).
    pub behind: Option<Box<Dashboard>>,
}

/// Where the user is in adding or renewing a bank: it outlives the screens of the onboarding
/// (form, redirect, sync, challenge, consent), to come back to the right form.
#[derive(Debug, Clone, Default)]
pub struct Onboarding {
    /// The bank and channel of the last credential form (to come back to it after AUTH_FAILED).
    pub last_form: Option<(Provider, Channel)>,
    /// The connection whose credentials the form or the redirect renews (`None`: a new bank).
    pub renewing: Option<crate::domain::ConnectionId>,
    /// What was typed in the last form, secrets excepted (credential id, value): a retry
    /// refills the form with it.
    pub typed: Vec<(String, String)>,
    /// The user's connections as the dashboard last showed them (to warn before connecting
    /// a bank again with the same login).
    pub known: Vec<crate::domain::KnownConnection>,
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
    /// "Quit while a sync runs?" is being asked (on the screen that asked: cleared, saying so,
    /// when another screen or message takes over; see `update::quit`).
    pub quit_confirm: bool,
    /// The bank questions that arrived during a background sync: announced, then opened over
    /// the screen on a key or once the user stops typing (see `update::questions`).
    pub questions: Questions,
    /// Running against the built-in sandbox (SANDBOX in the title bar).
    pub sandbox: bool,
    /// Colours.
    pub theme: Theme,
    /// How amounts are written.
    pub numbers: NumberStyle,
    /// The language of the UI text.
    pub lang: Lang,
    /// The providers, once loaded (kept to come back to the picker without reloading).
    pub providers: Vec<Provider>,
    /// The bank being added or renewed.
    pub onboarding: Onboarding,
    /// The user's session with the aggregator.
    pub session: Session,
    /// The user's email, when known (pre-fills the login screen).
    pub email: Option<String>,
    /// Every connection's sync progress.
    pub sync: SyncBoard,
    /// The app should stop.
    pub should_quit: bool,
    /// Widget mode (`[oxlin] mode = "widget"`): banks are added and renewed in Oxlin's pages.
    pub widget: bool,
    /// German banks are offered (a `[finx]` section, or the built-in sandbox): `a` asks the
    /// country first, and finX banks are synced and renewed from the dashboard.
    pub finx: bool,
    /// Keys are dropped until the user pauses (`app::widget::HOLD`): a browser wait ended while
    /// they were typing an address, and the rest of it must not act on the next screen.
    pub keys_held_until: Option<DateTime<Utc>>,
    next_id: u64,
}

impl Model {
    /// A model on the login screen; `demo_user` pre-fills it (sandbox).
    pub fn new(now: DateTime<Utc>, sandbox: bool, demo_user: Option<(&str, &str)>) -> Self {
        let (email, password) = demo_user.unwrap_or(("", ""));
        Model {
            now,
            screen: Screen::Login(LoginScreen {
                form: LoginForm::new(email, password),
                behind: None,
            }),
            status: None,
            help_open: false,
            quit_confirm: false,
            questions: Questions::default(),
            keys_held_until: None,
            sandbox,
            theme: Theme::dark(),
            numbers: NumberStyle::FRENCH,
            // The snapshot fixtures predate the language: English words, French amounts; the
            // app start sets both from the chosen language (`cli::tui`).
            lang: Lang::En,
            providers: Vec::new(),
            onboarding: Onboarding::default(),
            session: Session::LoggedOut,
            email: demo_user
                .map(|(e, _)| e.to_owned())
                .filter(|e| !e.is_empty()),
            sync: SyncBoard::default(),
            should_quit: false,
            widget: false,
            finx: false,
            next_id: 0,
        }
    }

    /// A fresh id for a request or a poller generation.
    pub fn next_id(&mut self) -> u64 {
        self.next_id += 1;
        self.next_id
    }
}
