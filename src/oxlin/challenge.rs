//! Challenges: what the bank asks during a sync (seed 002 "User input and challenge").
//!
//! Nine types: five inputs (`TEXT`, `PWD`, `NUMERIC`, `NUMERIC_PWD`, `DATE`), one choice
//! (`OK_CANCEL`, answered `"true"`/`"false"`) and three messages (`INFO_MSG`, `TIMEOUT_MSG`,
//! `ERROR_MSG`, not answered). Labels hold `{param}` placeholders filled from `params`.
//! Answers are checked with the challenge's regexp before they are sent; the regexp comes from
//! the bank, so it is compiled with size limits (the `regex` crate is linear-time, so nothing
//! hangs) and a bad one is reported as such. Both the filling and the compiling live in
//! [`crate::bank_rules`], shared with the screens.
//!
//! Docs gaps: a placeholder without a param stays as written (`{phone}`), and braces that are
//! not a placeholder are left alone; a challenge without `regexp` accepts any answer; a
//! `DATE` answer's format is not documented, so we send what the user typed (the regexp decides).

use std::borrow::Cow;
use std::collections::BTreeMap;

use secrecy::{ExposeSecret, SecretString};

use super::secret::secret;
use super::wire::{Challenge, CredentialType, CredentialValue, UserInputRequest};
use crate::bank_rules::{RuleError, compile_rule, fill_placeholders};
use crate::sanitize::clean_line;

/// Longest regexp we accept from a server, in bytes.
pub const MAX_REGEXP_LEN: usize = crate::bank_rules::MAX_RULE_LEN;

/// How a challenge is shown and answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChallengeRole {
    /// A field the user types in; `masked` for passwords.
    Input { masked: bool },
    /// OK or Cancel.
    Choice,
    /// A message to show: information, time left, or an error.
    Message,
}

/// The role of a challenge type; unknown types are shown as messages, never answered.
pub fn role(kind: &CredentialType) -> ChallengeRole {
    use CredentialType as T;
    match kind {
        T::Text | T::Numeric | T::Date => ChallengeRole::Input { masked: false },
        T::Pwd | T::NumericPwd => ChallengeRole::Input { masked: true },
        T::OkCancel => ChallengeRole::Choice,
        _ => ChallengeRole::Message,
    }
}

/// Fills `{name}` placeholders of `label` from `params` (one pass, bounded: see
/// [`crate::bank_rules`]), then sanitises the result.
pub fn render(label: &str, params: &BTreeMap<String, String>) -> String {
    clean_line(&fill_placeholders(label, |name| {
        params.get(name).map(|v| Cow::Borrowed(v.as_str()))
    }))
}

/// Why an answer was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AnswerError {
    #[error("“{field}” does not have the expected format")]
    DoesNotMatch { field: String },
    #[error("the bank's rule for “{field}” is not a valid regular expression: {reason}")]
    BadRule { field: String, reason: String },
    #[error("the bank's rule for “{field}” is too large to check")]
    RuleTooLarge { field: String },
    #[error("no answer for “{field}”")]
    Missing { field: String },
}

/// Checks `answer` against the challenge's (or credential's) regexp.
pub fn validate(
    field: &str,
    regexp: Option<&str>,
    answer: &SecretString,
) -> Result<(), AnswerError> {
    let field = clean_line(field);
    let Some(pattern) = regexp else { return Ok(()) };
    let regex = compile_rule(pattern).map_err(|e| match e {
        RuleError::TooLarge => AnswerError::RuleTooLarge {
            field: field.clone(),
        },
        RuleError::Invalid(reason) => AnswerError::BadRule {
            field: field.clone(),
            reason,
        },
    })?;
    if regex.is_match(answer.expose_secret()) {
        Ok(())
    } else {
        Err(AnswerError::DoesNotMatch { field })
    }
}

/// The user's answer to one challenge.
#[derive(Debug, Clone)]
pub enum Answer {
    Text(SecretString),
    Confirm(bool),
}

/// Builds the `user_input` body from the challenges of an event and the user's answers (by
/// challenge id). Messages are skipped; every input and choice must have a valid answer.
pub fn build_user_input(
    challenges: &[Challenge],
    answers: &BTreeMap<String, Answer>,
) -> Result<UserInputRequest, AnswerError> {
    let mut credentials = Vec::new();
    for challenge in challenges {
        let value = match (role(&challenge.kind), answers.get(&challenge.id)) {
            (ChallengeRole::Message, _) => continue,
            (_, Some(Answer::Confirm(yes))) => secret(if *yes { "true" } else { "false" }),
            (ChallengeRole::Input { .. }, Some(Answer::Text(text))) => {
                validate(&challenge.label, challenge.regexp.as_deref(), text)?;
                text.clone()
            }
            (ChallengeRole::Choice, Some(Answer::Text(text))) => text.clone(),
            (_, None) => {
                return Err(AnswerError::Missing {
                    field: render(&challenge.label, &challenge.params),
                });
            }
        };
        credentials.push(CredentialValue {
            id: challenge.id.clone(),
            value,
        });
    }
    Ok(UserInputRequest { credentials })
}
