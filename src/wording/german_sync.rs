//! Why a German bank (finX) could not be synced from the TUI, in words
//! ([`GermanSyncFailure`], catalogue `locales/finx_tui.toml`): the full sentence with what to do
//! next (the sync board, the bank's details) and a few words with the key that deals with it
//! (the dashboard's status line and the bank's line). What finX or the store said is quoted as
//! sent.
//!
//! Choice (ours): the status line and the bank's line share the few words, since both name the
//! key that moves the bank on (`r` to renew, `s` to try again, `a` to add it again).

use rust_i18n::t;

use crate::domain::GermanSyncFailure;
use crate::i18n::Lang;

/// What happened to the German bank's sync and what to do next, in one or two sentences.
pub fn next_action(failure: &GermanSyncFailure, lang: Lang) -> String {
    use GermanSyncFailure as G;
    let code = lang.code();
    match failure {
        G::NotConfigured => t!("finx_tui.sync.next.not_configured", locale = code),
        G::NoStore => t!("finx_tui.sync.next.no_store", locale = code),
        G::StoreUnreadable(why) => t!("finx_tui.sync.next.store", locale = code, why = why),
        G::LinkGone => t!("finx_tui.sync.next.link_gone", locale = code),
        G::AccessLost => t!("finx_tui.sync.next.access_lost", locale = code),
        G::Unreachable => t!("finx_tui.sync.next.unreachable", locale = code),
        G::ClientRefused => t!("finx_tui.sync.next.client_refused", locale = code),
        G::Refused(why) => t!("finx_tui.sync.next.refused", locale = code, why = why),
    }
    .into_owned()
}

/// The German bank's failed sync in a few words, with the key that deals with it.
pub fn short(failure: &GermanSyncFailure, lang: Lang) -> String {
    use GermanSyncFailure as G;
    let code = lang.code();
    match failure {
        G::NotConfigured => t!("finx_tui.sync.short.not_configured", locale = code),
        G::NoStore => t!("finx_tui.sync.short.no_store", locale = code),
        G::StoreUnreadable(_) => t!("finx_tui.sync.short.store", locale = code),
        G::LinkGone => t!("finx_tui.sync.short.link_gone", locale = code),
        G::AccessLost => t!("finx_tui.sync.short.access_lost", locale = code),
        G::Unreachable => t!("finx_tui.sync.short.unreachable", locale = code),
        G::ClientRefused => t!("finx_tui.sync.short.client_refused", locale = code),
        G::Refused(_) => t!("finx_tui.sync.short.refused", locale = code),
    }
    .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_reason() -> Vec<GermanSyncFailure> {
        use GermanSyncFailure as G;
        vec![
            G::NotConfigured,
            G::NoStore,
            G::StoreUnreadable("disk I/O error".into()),
            G::LinkGone,
            G::AccessLost,
            G::Unreachable,
            G::ClientRefused,
            G::Refused("Too many requests".into()),
        ]
    }

    #[test]
    fn every_german_reason_says_what_to_do_in_both_languages() {
        for why in every_reason() {
            for lang in [Lang::En, Lang::Fr] {
                let (next, short) = (next_action(&why, lang), short(&why, lang));
                // Each names the key or the place that moves the bank on.
                for words in [&next, &short] {
                    assert!(
                        ["(s)", "(r)", "(a)", "[finx]", "--data-dir"]
                            .iter()
                            .any(|k| words.contains(k)),
                        "{why:?} in {lang:?}: {words}"
                    );
                }
            }
            assert_ne!(next_action(&why, Lang::En), next_action(&why, Lang::Fr));
        }
    }

    #[test]
    fn a_french_user_reads_a_lost_finx_access_in_french_with_finx_quoted_as_sent() {
        assert_eq!(
            short(&GermanSyncFailure::AccessLost, Lang::Fr),
            "accès finX perdu : renouvelez-le (r)"
        );
        let said = next_action(
            &GermanSyncFailure::Refused("Too many requests".into()),
            Lang::Fr,
        );
        assert!(said.starts_with("finX a refusé"), "{said}");
        assert!(said.ends_with("« Too many requests »."), "{said}");
    }
}
