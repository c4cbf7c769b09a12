//! [`CallFailure`]: why a call to an aggregator failed, in the classes the screens explain
//! differently. The clients classify their own errors into it (for Oxlin:
//! `oxlin::to_domain::errors`); the words are in `crate::wording::failures`.

/// Why a call to an aggregator failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallFailure {
    /// The host did not answer (DNS, refused, timeout).
    Unreachable,
    /// The app's client id / secret were refused.
    BadClientCredentials,
    /// The user's email or password was refused.
    WrongPassword,
    /// The saved session (refresh token) was refused: expired, revoked or already used.
    SessionExpired,
    /// The user must first accept Oxlin's terms and conditions (the API's 401
    /// `user_action_required` / `ACCEPT_TERMS`): the terms page, never a new login.
    TermsNotAccepted,
    /// Any other refusal, with the reason (sanitised).
    Rejected(String),
    /// A browser page ended without doing what it was opened for: why.
    Page(super::PageFailure),
    /// coffre itself failed (a background task panicked): what it was doing, sanitised.
    Internal(String),
}
