//! Why a call or a sync failed, and what to do next, in words: a [`CallFailure`] as the
//! sentence the login, picker and status line show, and a failed sync's [`ChannelHealth`] as
//! the next step (the syncing screen) or in a few words (the dashboard's status line and account
//! list).
//!
//! Our choices: the channel statuses that do not describe a failure (`Ok`, `Syncing`, never
//! used) and those this version does not know get the same sentence, "could not be synced
//! this time", with what to do; on the dashboard the bank's raw status is left to the bank's
//! details (`i`), while the sync screen (which has no details view) quotes it after what to
//! do.

use crate::domain::{CallFailure, ChannelHealth};

/// A failed call, in one sentence.
pub fn call_failure(failure: &CallFailure) -> String {
    match failure {
        CallFailure::Unreachable => {
            "Cannot reach the Oxlin servers: check the network and the hosts.".into()
        }
        CallFailure::BadClientCredentials => {
            "The app's client id or secret was refused: check the [oxlin] configuration.".into()
        }
        CallFailure::WrongPassword => "Wrong email or password.".into(),
        CallFailure::SessionExpired => {
            "Your saved session has expired or was revoked: log in again with your password.".into()
        }
        CallFailure::TermsNotAccepted => {
            "Oxlin asks you to accept its terms and conditions first: accept them on the page coffre opens.".into()
        }
        CallFailure::Rejected(why) => format!("The server refused: {why}"),
        CallFailure::Internal(what) => {
            format!("coffre hit an internal error while {what}; see the log and please report it.")
        }
    }
}

/// What happened to a sync that stopped with `failure`, and what the user can do, in one
/// sentence (the syncing screen).
pub fn sync_next_action(failure: &ChannelHealth) -> String {
    use ChannelHealth as H;
    match failure {
        H::CredentialsRejected => {
            "The bank refused these credentials. Enter: back to the form.".into()
        }
        H::PasswordChangeRequired => {
            "The bank asks you to change your password on its website, then retry.".into()
        }
        H::ActionAtBankRequired => {
            "The bank needs an action on its website (terms, message), then retry.".into()
        }
        H::TooManyAttempts => {
            "Too many wrong attempts: wait before retrying. Enter: back to the form.".into()
        }
        H::ChallengeTimedOut => "The bank's question timed out. Enter: retry.".into(),
        H::ChallengeCancelled => "You cancelled the bank's question. Enter: retry.".into(),
        H::ChallengeFailed => "The answer was refused. Enter: retry.".into(),
        H::ChallengeRequired => "The bank's question was not answered. Enter: retry.".into(),
        H::NoCredentials => {
            "The bank has no credentials for this connection. Enter: back to the form.".into()
        }
        H::Ok | H::Syncing | H::NeverUsed => {
            "The bank could not be synced this time; nothing you had is lost. Enter: try again, \
             Esc: dashboard."
                .into()
        }
        H::Other(why) => format!(
            "The bank could not be synced this time; nothing you had is lost. Enter: try again, \
             Esc: dashboard. The bank said: “{why}”."
        ),
    }
}

/// A failed sync in a few words, for the dashboard's status line.
pub fn sync_failure_words(failure: &ChannelHealth) -> String {
    use ChannelHealth as H;
    match failure {
        H::CredentialsRejected => "credentials refused (r: renew them)".into(),
        H::PasswordChangeRequired => "change your password on the bank's website".into(),
        H::ActionAtBankRequired => "the bank asks for an action on its website".into(),
        H::TooManyAttempts => "too many attempts, wait before retrying".into(),
        H::ChallengeTimedOut => "the bank's question timed out (s: retry)".into(),
        H::ChallengeCancelled => "the bank's question was cancelled (s: retry)".into(),
        H::ChallengeFailed => "the answer was refused (s: retry)".into(),
        H::ChallengeRequired => "the bank's question was not answered (s: retry)".into(),
        H::NoCredentials => "no credentials (r: give them)".into(),
        H::Ok | H::Syncing | H::NeverUsed | H::Other(_) => {
            "could not be synced this time, nothing is lost: try again (s); details: i".into()
        }
    }
}

/// A failed sync in a few words, with the dashboard key that deals with it (the dashboard's
/// account list).
pub fn sync_failure_hint(failure: &ChannelHealth) -> String {
    use ChannelHealth as H;
    match failure {
        H::CredentialsRejected => "credentials refused: renew them (r)".into(),
        H::PasswordChangeRequired => {
            "change your password on the bank's website, then sync (s)".into()
        }
        H::ActionAtBankRequired => "act on the bank's website, then sync (s)".into(),
        H::TooManyAttempts => "too many attempts: wait, then sync (s)".into(),
        H::ChallengeTimedOut => "the bank's question timed out: sync again (s)".into(),
        H::ChallengeCancelled => "question cancelled: sync again (s)".into(),
        H::ChallengeFailed => "answer refused: sync again (s)".into(),
        H::ChallengeRequired => "question not answered: sync again (s)".into(),
        H::NoCredentials => "no credentials: give them (r)".into(),
        H::Ok | H::Syncing | H::NeverUsed | H::Other(_) => {
            "not synced this time: try again (s), details (i)".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_client_points_at_the_configuration_not_the_password() {
        let words = call_failure(&CallFailure::BadClientCredentials);
        assert!(words.contains("[oxlin] configuration"), "{words}");
        assert_eq!(
            call_failure(&CallFailure::WrongPassword),
            "Wrong email or password."
        );
    }

    #[test]
    fn an_unknown_status_says_what_to_do_and_leaves_the_raw_text_to_the_details() {
        let health = ChannelHealth::Other("BANK_DOWN".into());
        for words in [sync_failure_words(&health), sync_failure_hint(&health)] {
            assert!(!words.contains("BANK_DOWN"), "{words}");
            assert!(words.contains("try again"), "{words}");
            assert!(words.contains("(i)") || words.contains(": i"), "{words}");
        }
        // The sync screen says what to do first, then quotes the bank (its only detail view).
        let screen = sync_next_action(&health);
        assert!(
            screen.starts_with("The bank could not be synced this time"),
            "{screen}"
        );
        assert!(screen.ends_with("The bank said: “BANK_DOWN”."), "{screen}");
    }
}
