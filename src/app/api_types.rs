//! What the screens need to know of API results: providers and their channel definitions,
//! challenge items, accounts to consent to, account rows, sync steps and API failures.
//!
//! These are the TUI's own view-models. The task runner maps the client's domain types
//! (`crate::domain`, `crate::oxlin`) into them, so screens never depend on wire spellings and
//! could be built and snapshot-tested before the client existed. All text in them is expected to
//! be sanitised already ([`crate::sanitize::clean_line`]); the screens sanitise again when they
//! build their state, because a second pass is cheap and hostile text is the default assumption.

use rust_decimal::Decimal;

/// A bank in the picker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProviderEntry {
    /// The provider id (`"87"`).
    pub id: String,
    /// The bank's name.
    pub name: String,
    /// ISO alpha-3 country (`FRA`).
    pub country: String,
    /// The ways to connect to it.
    pub channels: Vec<ChannelEntry>,
    /// The API marks the provider unavailable: shown greyed, not selectable.
    pub unavailable: bool,
}

/// How a channel authenticates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChannelMode {
    /// The user logs in on the bank's site (PSD2 payment accounts).
    Redirect,
    /// coffre sends the credentials the user typed into a form.
    Embedded,
}

/// One channel definition of a provider.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelEntry {
    /// The channel definition id (`"13400"`).
    pub id: String,
    /// REDIRECT or EMBEDDED.
    pub mode: ChannelMode,
    /// Account types it reaches (`CHECKINGS`, …).
    pub account_types: Vec<String>,
    /// The form to fill (EMBEDDED only).
    pub credentials: Vec<CredentialSpec>,
    /// The API marks this channel unavailable.
    pub unavailable: bool,
}

/// The type of an input (credential or challenge item), as the API names them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// `TEXT`
    Text,
    /// `PWD`
    Pwd,
    /// `NUMERIC`
    Numeric,
    /// `NUMERIC_PWD`
    NumericPwd,
    /// `DATE`
    Date,
    /// `OK_CANCEL`: answered `"true"` / `"false"`.
    OkCancel,
    /// `INFO_MSG`: display only.
    Info,
    /// `TIMEOUT_MSG`: display only, with a `timeout` param in seconds.
    Timeout,
    /// `ERROR_MSG`: display only, in red.
    Error,
    /// Any type this version does not know (shown as text input).
    Other(String),
}

/// One credential of a channel definition, or one item of a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialSpec {
    /// The credential id (`"301"`).
    pub id: String,
    /// The label (with `{param}` placeholders for challenges).
    pub label: String,
    /// The API's validation regexp.
    pub regexp: String,
    /// The input type.
    pub kind: InputKind,
    /// Must be PGP-encrypted before it leaves the process.
    pub encrypt: bool,
    /// Challenge params (`phone`, `timeout`, `remaining_attempts`), empty for credentials.
    pub params: Vec<(String, String)>,
}

/// An account listed for consent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentAccount {
    /// The account id.
    pub id: String,
    /// Its name (or number when it has none).
    pub name: String,
    /// `CHECKINGS`, `SAVINGS`, … or empty.
    pub kind: String,
    /// The IBAN, shown masked.
    pub iban: Option<String>,
    /// The balance, when the bank gave one at listing time.
    pub balance: Option<Decimal>,
    /// ISO currency.
    pub currency: String,
}

/// Where a connection's sync is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncStep {
    /// Created, waiting for the first queue event.
    Starting,
    /// Listing the accounts (LIST_ACCOUNTS).
    ListingAccounts,
    /// The bank asks something: the challenge dialog is (or was) open.
    WaitingForUser,
    /// Importing balances and transactions (SYNC_ALL).
    Syncing,
    /// Done.
    Done,
    /// Stopped with a channel status that tells what to do next.
    Failed(SyncFailure),
}

/// Why a sync stopped, named after the channel statuses of the API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncFailure {
    /// `AUTH_FAILED`: the credentials are wrong.
    AuthFailed,
    /// `PASSWORD_CHANGE_REQUIRED`: the bank wants a new password.
    PasswordChangeRequired,
    /// `USER_ACTION_REQUIRED`: something to accept on the bank's site.
    UserActionRequired,
    /// `TOO_MANY_ATTEMPTS`
    TooManyAttempts,
    /// `CHALLENGE_TIMED_OUT`
    ChallengeTimedOut,
    /// `CHALLENGE_CANCELLED`
    ChallengeCancelled,
    /// `CHALLENGE_FAILED`
    ChallengeFailed,
    /// Anything else (status text, sanitised).
    Other(String),
}

impl SyncFailure {
    /// What happened and what the user can do, in one sentence.
    pub fn next_action(&self) -> String {
        match self {
            SyncFailure::AuthFailed => {
                "The bank refused these credentials. Enter: back to the form.".into()
            }
            SyncFailure::PasswordChangeRequired => {
                "The bank asks you to change your password on its website, then retry.".into()
            }
            SyncFailure::UserActionRequired => {
                "The bank needs an action on its website (terms, message), then retry.".into()
            }
            SyncFailure::TooManyAttempts => {
                "Too many wrong attempts: wait before retrying. Enter: back to the form.".into()
            }
            SyncFailure::ChallengeTimedOut => "The bank's question timed out. Enter: retry.".into(),
            SyncFailure::ChallengeCancelled => {
                "You cancelled the bank's question. Enter: retry.".into()
            }
            SyncFailure::ChallengeFailed => "The answer was refused. Enter: retry.".into(),
            SyncFailure::Other(s) => format!("The sync stopped ({s}). Enter: retry."),
        }
    }

    /// Whether Enter goes back to the credential form (otherwise it retries from the picker).
    pub fn back_to_form(&self) -> bool {
        !matches!(
            self,
            SyncFailure::PasswordChangeRequired | SyncFailure::UserActionRequired
        )
    }
}

/// Why an API call failed, in the classes the screens explain differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ApiError {
    /// The host did not answer (DNS, refused, timeout).
    Unreachable,
    /// The client id / secret were refused (`invalid_client`).
    BadClientCredentials,
    /// The user's email or password was refused (`invalid_grant`).
    WrongPassword,
    /// The saved session (refresh token) was refused: expired, revoked or already used.
    SessionExpired,
    /// Any other refusal, with the API's (sanitised) message.
    Rejected(String),
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiError::Unreachable => {
                f.write_str("Cannot reach the Oxlin servers: check the network and the hosts.")
            }
            ApiError::BadClientCredentials => f.write_str(
                "The app's client id or secret was refused: check the [oxlin] configuration.",
            ),
            ApiError::WrongPassword => f.write_str("Wrong email or password."),
            ApiError::SessionExpired => f.write_str(
                "Your saved session has expired or was revoked: log in again with your password.",
            ),
            ApiError::Rejected(m) => write!(f, "The server refused: {m}"),
        }
    }
}
