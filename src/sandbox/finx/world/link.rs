//! An access link (`POST /onetime/access`) and the widget session it opens: what the client
//! asked for ([`LinkRequest`]), where the user stands ([`Step`]) and how it ends ([`Outcome`],
//! [`return_url`]).
//!
//! Choices (ours where finx-api.md is silent):
//! - Languages: `de` (default) and `en` are shown as such; `es`, `fr`, `ar` are accepted and
//!   shown in German.
//! - `accounts` with the IBAN of a test bank (by its BLZ, check digits right) skips the bank
//!   choice and the account choice: the access holds the named accounts the login has, or
//!   every account the login has there when none matches.
//! - `account_types` keeps only accounts of those types (all documented names accepted; the
//!   test banks hold Giro, savings and credit card accounts only). If nothing is left after the
//!   login, the flow ends as a failure.
//! - `allow_multi_selection` (default true): tick any accounts (at least one); false: choose
//!   exactly one.
//! - Three wrong PINs or three wrong OTPs end the flow as a failure (finx-api.md §6.2: three
//!   wrong attempts lock the user).
//! - The callback (§9.4): success adds `code`, `state` (when given), `success=true`; a cancel
//!   adds `state`, `success=false`, `cancel=true`; a failure `state`, `success=false`. The
//!   redirect URI keeps its own query.
//! - A link is valid for one hour and ends with its flow: afterwards its page says so.

use chrono::{DateTime, Utc};

use super::banks::TestBank;

/// A widget page language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    German,
    English,
}

impl Lang {
    /// The language of a `language` value (German unless `en`).
    pub fn from_code(code: Option<&str>) -> Self {
        match code {
            Some(code) if code.eq_ignore_ascii_case("en") => Self::English,
            _ => Self::German,
        }
    }

    /// `de` or `en`, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Self::German => "de",
            Self::English => "en",
        }
    }

    /// The German or the English text.
    pub fn pick<'a>(self, german: &'a str, english: &'a str) -> &'a str {
        match self {
            Self::German => german,
            Self::English => english,
        }
    }
}

/// The documented `language` values.
pub const LANGUAGES: &[&str] = &["de", "en", "es", "fr", "ar"];

/// The documented `account_types` values.
pub const ACCOUNT_TYPES: &[&str] = &[
    "Giro account",
    "Savings account",
    "Daily savings account",
    "Credit card",
    "Loan account",
    "PayPal",
    "Depot",
];

/// What the client asked for when it created the link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkRequest {
    pub redirect_uri: String,
    pub state: Option<String>,
    pub lang: Lang,
    /// The `id`s of `accounts` (IBANs, account numbers or PANs).
    pub account_ids: Vec<String>,
    /// Empty: every type.
    pub account_types: Vec<String>,
    pub allow_multi_selection: bool,
    pub sync_period: u32,
}

/// Where the user stands in the widget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    ChooseBank,
    /// Login and PIN of `bank`.
    Login,
    /// The one-time password.
    Otp,
    /// Choose the accounts to share (of the access being made).
    SelectAccounts,
    Done(Outcome),
}

/// How a flow ended.
#[derive(Clone, PartialEq, Eq)]
pub enum Outcome {
    /// With the authorization code to hand back.
    Success {
        /// The authorization code (never printed by `Debug`).
        code: String,
    },
    /// The user cancelled.
    Cancelled,
    /// Too many wrong PINs or OTPs, or no account to share.
    Failed,
}

impl std::fmt::Debug for Outcome {
    /// The outcome without its code.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Self::Success { .. } => "Success { code: <hidden> }",
            Self::Cancelled => "Cancelled",
            Self::Failed => "Failed",
        })
    }
}

/// A message the next page shows once (a wrong PIN, a wrong OTP…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    WrongLogin { attempts_left: u8 },
    WrongOtp { attempts_left: u8 },
    NoAccountChosen,
    NoSuchBank,
}

/// One access link and its widget session.
#[derive(Debug, Clone)]
pub struct AccessLink {
    /// The link's `id` (a UUID).
    pub id: String,
    pub request: LinkRequest,
    pub step: Step,
    pub bank: Option<&'static TestBank>,
    /// The access (`X…`) made at the OTP step, once made.
    pub access_id: Option<String>,
    pub wrong_logins: u8,
    pub wrong_otps: u8,
    pub notice: Option<Notice>,
    pub expires_at: DateTime<Utc>,
}

/// How many wrong PINs (or OTPs) end the flow.
pub const MAX_ATTEMPTS: u8 = 3;

impl AccessLink {
    /// A new link for `request`, valid until `expires_at`; `bank` when its IBAN named one.
    pub fn new(
        id: String,
        request: LinkRequest,
        bank: Option<&'static TestBank>,
        expires_at: DateTime<Utc>,
    ) -> Self {
        Self {
            id,
            request,
            step: if bank.is_some() {
                Step::Login
            } else {
                Step::ChooseBank
            },
            bank,
            access_id: None,
            wrong_logins: 0,
            wrong_otps: 0,
            notice: None,
            expires_at,
        }
    }

    /// The address the browser goes back to for `outcome` (§9.4, module doc).
    pub fn return_url(&self, outcome: &Outcome) -> String {
        let mut pairs: Vec<(&str, &str)> = Vec::new();
        if let Outcome::Success { code } = outcome {
            pairs.push(("code", code));
        }
        if let Some(state) = &self.request.state {
            pairs.push(("state", state));
        }
        match outcome {
            Outcome::Success { .. } => pairs.push(("success", "true")),
            Outcome::Cancelled => pairs.extend([("success", "false"), ("cancel", "true")]),
            Outcome::Failed => pairs.push(("success", "false")),
        }
        match url::Url::parse(&self.request.redirect_uri) {
            Ok(mut url) => {
                url.query_pairs_mut().extend_pairs(pairs);
                url.to_string()
            }
            Err(_) => self.request.redirect_uri.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(redirect_uri: &str, state: Option<&str>) -> AccessLink {
        let request = LinkRequest {
            redirect_uri: redirect_uri.into(),
            state: state.map(Into::into),
            lang: Lang::German,
            account_ids: vec![],
            account_types: vec![],
            allow_multi_selection: true,
            sync_period: 90,
        };
        AccessLink::new("id".into(), request, None, Utc::now())
    }

    #[test]
    fn the_callback_keeps_the_redirect_uris_own_query_and_adds_the_outcome() {
        let l = link("http://127.0.0.1:9/cb?session=7", Some("a b&c"));
        assert_eq!(
            l.return_url(&Outcome::Success { code: "C1".into() }),
            "http://127.0.0.1:9/cb?session=7&code=C1&state=a+b%26c&success=true"
        );
        assert_eq!(
            l.return_url(&Outcome::Cancelled),
            "http://127.0.0.1:9/cb?session=7&state=a+b%26c&success=false&cancel=true"
        );
    }

    #[test]
    fn a_failure_without_state_says_only_success_false() {
        assert_eq!(
            link("http://h/cb", None).return_url(&Outcome::Failed),
            "http://h/cb?success=false"
        );
    }
}
