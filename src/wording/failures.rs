//! Why a call or a sync failed, and what to do next, in words: a [`CallFailure`] as the
//! sentence the login, picker and status line show, and a failed sync's [`ChannelHealth`] as
//! the next step (the syncing screen) or in a few words (the dashboard's status line and account
//! list). Every sentence is in the UI's [`Lang`] (catalogue `locales/wording.toml`); what the
//! bank or the server said is quoted as sent.
//!
//! Our choices: the channel statuses that do not describe a failure (`Ok`, `Syncing`, never
//! used) and those this version does not know get the same sentence, "could not be synced
//! this time", with what to do; on the dashboard the bank's raw status is left to the bank's
//! details (`i`), while the sync screen (which has no details view) quotes it after what to
//! do.

use rust_i18n::t;

use crate::domain::{CallFailure, ChannelHealth};
use crate::i18n::Lang;

/// A failed call, in one sentence, in `lang`.
pub fn call_failure(failure: &CallFailure, lang: Lang) -> String {
    let code = lang.code();
    match failure {
        CallFailure::Unreachable => t!("wording.call.unreachable", locale = code),
        CallFailure::BadClientCredentials => t!("wording.call.bad_client", locale = code),
        CallFailure::WrongPassword => t!("wording.call.wrong_password", locale = code),
        CallFailure::SessionExpired => t!("wording.call.session_expired", locale = code),
        CallFailure::TermsNotAccepted => t!("wording.call.terms", locale = code),
        CallFailure::Rejected(why) => t!("wording.call.rejected", locale = code, why = why),
        CallFailure::Internal(what) => t!("wording.call.internal", locale = code, what = what),
        CallFailure::Page(why) => super::page_failure::page_failure(why, lang).into(),
    }
    .into_owned()
}

/// What happened to a sync that stopped with `failure`, and what the user can do, in one
/// sentence, in `lang` (the syncing screen).
pub fn sync_next_action(failure: &ChannelHealth, lang: Lang) -> String {
    use ChannelHealth as H;
    let code = lang.code();
    match failure {
        H::CredentialsRejected => t!("wording.next.credentials_rejected", locale = code),
        H::PasswordChangeRequired => t!("wording.next.password_change", locale = code),
        H::ActionAtBankRequired => t!("wording.next.action_at_bank", locale = code),
        H::TooManyAttempts => t!("wording.next.too_many_attempts", locale = code),
        H::ChallengeTimedOut => t!("wording.next.challenge_timed_out", locale = code),
        H::ChallengeCancelled => t!("wording.next.challenge_cancelled", locale = code),
        H::ChallengeFailed => t!("wording.next.challenge_failed", locale = code),
        H::ChallengeRequired => t!("wording.next.challenge_required", locale = code),
        H::NoCredentials => t!("wording.next.no_credentials", locale = code),
        H::Ok | H::Syncing | H::NeverUsed => t!("wording.next.not_synced", locale = code),
        H::German(why) => super::german_sync::next_action(why, lang).into(),
        H::Other(why) => format!(
            "{} {}",
            t!("wording.next.not_synced", locale = code),
            t!("wording.next.bank_said", locale = code, why = why)
        )
        .into(),
    }
    .into_owned()
}

/// A failed sync in a few words, in `lang`, for the dashboard's status line.
pub fn sync_failure_words(failure: &ChannelHealth, lang: Lang) -> String {
    use ChannelHealth as H;
    let code = lang.code();
    match failure {
        H::CredentialsRejected => t!("wording.status.credentials_rejected", locale = code),
        H::PasswordChangeRequired => t!("wording.status.password_change", locale = code),
        H::ActionAtBankRequired => t!("wording.status.action_at_bank", locale = code),
        H::TooManyAttempts => t!("wording.status.too_many_attempts", locale = code),
        H::ChallengeTimedOut => t!("wording.status.challenge_timed_out", locale = code),
        H::ChallengeCancelled => t!("wording.status.challenge_cancelled", locale = code),
        H::ChallengeFailed => t!("wording.status.challenge_failed", locale = code),
        H::ChallengeRequired => t!("wording.status.challenge_required", locale = code),
        H::NoCredentials => t!("wording.status.no_credentials", locale = code),
        H::German(why) => super::german_sync::short(why, lang).into(),
        H::Ok | H::Syncing | H::NeverUsed | H::Other(_) => {
            t!("wording.status.not_synced", locale = code)
        }
    }
    .into_owned()
}

/// A failed sync in a few words, in `lang`, with the dashboard key that deals with it (the
/// dashboard's account list).
pub fn sync_failure_hint(failure: &ChannelHealth, lang: Lang) -> String {
    use ChannelHealth as H;
    let code = lang.code();
    match failure {
        H::CredentialsRejected => t!("wording.hint.credentials_rejected", locale = code),
        H::PasswordChangeRequired => t!("wording.hint.password_change", locale = code),
        H::ActionAtBankRequired => t!("wording.hint.action_at_bank", locale = code),
        H::TooManyAttempts => t!("wording.hint.too_many_attempts", locale = code),
        H::ChallengeTimedOut => t!("wording.hint.challenge_timed_out", locale = code),
        H::ChallengeCancelled => t!("wording.hint.challenge_cancelled", locale = code),
        H::ChallengeFailed => t!("wording.hint.challenge_failed", locale = code),
        H::ChallengeRequired => t!("wording.hint.challenge_required", locale = code),
        H::NoCredentials => t!("wording.hint.no_credentials", locale = code),
        H::German(why) => super::german_sync::short(why, lang).into(),
        H::Ok | H::Syncing | H::NeverUsed | H::Other(_) => {
            t!("wording.hint.not_synced", locale = code)
        }
    }
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refused_client_points_at_the_configuration_not_the_password() {
        let words = call_failure(&CallFailure::BadClientCredentials, Lang::En);
        assert!(words.contains("[oxlin] configuration"), "{words}");
        assert_eq!(
            call_failure(&CallFailure::WrongPassword, Lang::En),
            "Wrong email or password."
        );
    }

    #[test]
    fn an_unknown_status_says_what_to_do_and_leaves_the_raw_text_to_the_details() {
        let health = ChannelHealth::Other("BANK_DOWN".into());
        for words in [
            sync_failure_words(&health, Lang::En),
            sync_failure_hint(&health, Lang::En),
        ] {
            assert!(!words.contains("BANK_DOWN"), "{words}");
            assert!(words.contains("try again"), "{words}");
            assert!(words.contains("(i)") || words.contains(": i"), "{words}");
        }
        // The sync screen says what to do first, then quotes the bank (its only detail view).
        let screen = sync_next_action(&health, Lang::En);
        assert!(
            screen.starts_with("The bank could not be synced this time"),
            "{screen}"
        );
        assert!(screen.ends_with("The bank said: “BANK_DOWN”."), "{screen}");
    }

    #[test]
    fn a_french_user_reads_failures_in_french_with_the_bank_quoted_as_sent() {
        assert_eq!(
            call_failure(&CallFailure::WrongPassword, Lang::Fr),
            "E-mail ou mot de passe incorrect."
        );
        let said = sync_next_action(
            &ChannelHealth::Other("Service indisponible".into()),
            Lang::Fr,
        );
        assert!(said.starts_with("La banque n'a pas pu"), "{said}");
        assert!(said.ends_with("« Service indisponible »."), "{said}");
        let refused = call_failure(&CallFailure::Rejected("quota".into()), Lang::Fr);
        assert_eq!(refused, "Le serveur a refusé : quota");
    }

    #[test]
    fn every_failure_has_words_in_both_languages() {
        use ChannelHealth as H;
        let healths = [
            H::CredentialsRejected,
            H::PasswordChangeRequired,
            H::ActionAtBankRequired,
            H::TooManyAttempts,
            H::ChallengeTimedOut,
            H::ChallengeCancelled,
            H::ChallengeFailed,
            H::ChallengeRequired,
            H::NoCredentials,
            H::Ok,
        ];
        for lang in [Lang::En, Lang::Fr] {
            for h in &healths {
                for words in [
                    sync_next_action(h, lang),
                    sync_failure_words(h, lang),
                    sync_failure_hint(h, lang),
                ] {
                    assert!(!words.starts_with("wording."), "{h:?} {lang:?}: {words}");
                }
            }
        }
    }
}
