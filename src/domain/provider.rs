//! The bank catalogue as the screens use it, whatever aggregator it came from: a [`Provider`]
//! (a bank), its [`Channel`]s (the ways to connect to it, [`ChannelMode`]) and the
//! [`CredentialField`]s a channel's form asks for, each with its [`InputKind`]. A challenge the
//! bank asks during a sync is a list of `CredentialField`s too (with `params`).
//!
//! Bank text in them (names, labels, params) is sanitised by the mapping that built them
//! (`oxlin::to_domain::catalogue`); the screens sanitise again, because a second pass is cheap.

/// A bank in the catalogue.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Provider {
    /// The provider id as the aggregator spells it (`"87"`).
    pub id: String,
    /// The bank's name.
    pub name: String,
    /// ISO alpha-3 country (`FRA`).
    pub country: String,
    /// The ways to connect to it.
    pub channels: Vec<Channel>,
    /// The aggregator marks the bank unavailable: shown greyed, not selectable.
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

/// One way to connect to a bank (a channel definition).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Channel {
    /// The channel definition id (`"13400"`).
    pub id: String,
    /// Redirect or embedded.
    pub mode: ChannelMode,
    /// Account types it reaches (`CHECKINGS`, …).
    pub account_types: Vec<String>,
    /// The form to fill (embedded only).
    pub credentials: Vec<CredentialField>,
    /// The aggregator marks this channel unavailable.
    pub unavailable: bool,
}

/// The type of an input (credential field or challenge item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputKind {
    /// Free text.
    Text,
    /// A password: masked.
    Pwd,
    /// Digits only.
    Numeric,
    /// Digits only, masked (a PIN).
    NumericPwd,
    /// A date, typed `dd/mm/yyyy`.
    Date,
    /// A yes/no question: answered `"true"` / `"false"`.
    OkCancel,
    /// A message to read: display only.
    Info,
    /// A countdown message: display only, with a `timeout` param in seconds.
    Timeout,
    /// An error message: display only, in red.
    Error,
    /// Any type this version does not know (shown as text input).
    Other(String),
}

/// One credential a channel's form asks for, or one item of a challenge.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CredentialField {
    /// The credential id (`"301"`).
    pub id: String,
    /// The label (with `{param}` placeholders for challenges).
    pub label: String,
    /// The aggregator's validation regexp.
    pub regexp: String,
    /// The input type.
    pub kind: InputKind,
    /// Must be encrypted before it leaves the process.
    pub encrypt: bool,
    /// Challenge params (`phone`, `timeout`, `remaining_attempts`), empty for credentials.
    pub params: Vec<(String, String)>,
}
